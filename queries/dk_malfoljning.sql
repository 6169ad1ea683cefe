-- Data-quality rule (reports/datakvalitet.ini): the cases open at the end
-- of the period [?1, ?2) that started at least 6 weeks (42 days) before it;
-- fel = no goal followed up in the last 42 days before the period's end;
-- datum = the latest goal follow-up before the end, else the start.
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       NOT EXISTS (SELECT 1 FROM goal_followups f WHERE f.case_id = c.id
                     AND f.followup_date >= date(?2, '-42 days') AND f.followup_date < ?2) AS fel,
       coalesce((SELECT max(f.followup_date) FROM goal_followups f
                 WHERE f.case_id = c.id AND f.followup_date < ?2), c.start_date) AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date < date(?2, '-42 days') AND (c.end_date IS NULL OR c.end_date >= ?2)
