-- Data-quality rule (reports/datakvalitet.ini): the cases open at the end
-- of the period [?1, ?2) that started at least 90 days before it; fel = no
-- meeting in the last 90 days before the period's end; datum = the latest
-- meeting before the end, else the start.
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       NOT EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = c.id
                     AND m.date >= date(?2, '-90 days') AND m.date < ?2) AS fel,
       coalesce((SELECT max(m.date) FROM meetings m WHERE m.case_id = c.id AND m.date < ?2),
                c.start_date) AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date < date(?2, '-90 days') AND (c.end_date IS NULL OR c.end_date >= ?2)
