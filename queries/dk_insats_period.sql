-- Data-quality rule (reports/datakvalitet.ini): the cases active in the
-- period [?1, ?2); fel = an insats of the case lies wholly outside the
-- case's period (ends before its start or starts after its end); datum =
-- the first such insats's start.
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       x.first IS NOT NULL AS fel, x.first AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
LEFT JOIN (SELECT i.case_id AS id, min(i.start_date) AS first
           FROM interventions i JOIN cases k ON k.id = i.case_id
           WHERE coalesce(i.end_date, '9999-12-31') < k.start_date
              OR (k.end_date IS NOT NULL AND i.start_date > k.end_date)
           GROUP BY i.case_id) x ON x.id = c.id
WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
