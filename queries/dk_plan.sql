-- Data-quality rule (reports/datakvalitet.ini): the cases active in the
-- period [?1, ?2) whose 60th day after the start lies before the period's
-- end and that were still open on it; fel = no action plan by that day
-- (none, or a later plan date); datum = the 60th day.
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       c.plan_date IS NULL OR c.plan_date > date(c.start_date, '+60 days') AS fel,
       date(c.start_date, '+60 days') AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
  AND date(c.start_date, '+60 days') < ?2
  AND (c.end_date IS NULL OR c.end_date >= date(c.start_date, '+60 days'))
