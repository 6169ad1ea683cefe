-- Data-quality rule (reports/datakvalitet.ini): the cases that ended in the
-- period [?1, ?2); fel = no end reason; datum = the end.
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       c.end_reason IS NULL AS fel, c.end_date AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.end_date >= ?1 AND c.end_date < ?2
