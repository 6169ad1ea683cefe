-- Data-quality rule (reports/datakvalitet.ini): the cases started in the
-- period [?1, ?2) whose person has a birth date; fel = age at the start
-- (whole years) below 10 or above 29; datum = the start.
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       (CAST(strftime('%Y', c.start_date) AS INTEGER) - CAST(strftime('%Y', p.birth_date) AS INTEGER)
        - (strftime('%m-%d', c.start_date) < strftime('%m-%d', p.birth_date))) NOT BETWEEN 10 AND 29
         AS fel,
       c.start_date AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date >= ?1 AND c.start_date < ?2 AND p.birth_date IS NOT NULL
