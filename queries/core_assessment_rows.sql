-- Every assessment up to as-of ?1, in person and date order (the index
-- assessments_person), for the cases of each person.
SELECT person_id, instrument, date, total_score, risk_level
FROM assessments
WHERE date <= ?1
ORDER BY person_id, date
