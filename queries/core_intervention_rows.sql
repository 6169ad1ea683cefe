-- Every intervention begun by as-of ?1, in person and start order (the
-- index interventions_person), with the case it belongs to (NULL when
-- imported with the person only).  The core decides in C which of the
-- person's cases it is one of (core.c, add_intervention): days placed
-- count every placement of the person (an outcome of the person, like
-- suspicions); the insatser of a case only its own, and their providers.
SELECT person_id, insats, start_date, end_date, case_id, provider
FROM interventions
WHERE start_date <= ?1
ORDER BY person_id, start_date
