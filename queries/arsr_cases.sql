-- Every case of the population (population.h) for the årsrapport's
-- flows: person, sex, birth date, consent, start and end dates and end
-- reason, in person order (so that persons can be counted once per year).
SELECT c.person_id, p.sex, p.birth_date, c.consent_date, c.start_date, c.end_date,
       c.end_reason
FROM cases c
JOIN persons p ON p.id = c.person_id
ORDER BY c.person_id
