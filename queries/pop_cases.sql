-- Every case with the fields a population or cohort filter looks at
-- (cohort.h): programme, unit (the case's own, else its person's),
-- target group, start date, sex and birth date; in case order.
SELECT c.id, c.programme, coalesce(c.unit, p.unit), c.target_group, c.start_date,
       p.sex, p.birth_date
FROM main.cases c
JOIN persons p ON p.id = c.person_id
ORDER BY c.id
