-- Data-quality rule (reports/datakvalitet.ini): per unit, the whole
-- calendar months of the period [?1, ?2) in which the unit had a case open
-- (one row per unit and month, arende NULL); fel = no outcome row at all,
-- of any measure, for any person with a case of the unit open that month
-- (a month's outcome file not imported?); datum = the month's first day.
WITH RECURSIVE months(m) AS (
    SELECT date(?1, '-1 day', 'start of month', '+1 month')
    UNION ALL
    SELECT date(m, '+1 month') FROM months WHERE m < ?2
),
unit_months(unit, m) AS (
    SELECT DISTINCT coalesce(c.unit, p.unit), months.m
    FROM months
    JOIN cases c ON c.start_date < date(months.m, '+1 month')
                AND (c.end_date IS NULL OR c.end_date >= months.m)
    JOIN persons p ON p.id = c.person_id
    WHERE date(months.m, '+1 month') <= ?2
)
SELECT u.unit AS unit, NULL AS arende,
       NOT EXISTS (SELECT 1 FROM cases c JOIN persons p ON p.id = c.person_id
                   JOIN outcomes o ON o.person_id = c.person_id
                   WHERE coalesce(c.unit, p.unit) IS u.unit
                     AND c.start_date < date(u.m, '+1 month')
                     AND (c.end_date IS NULL OR c.end_date >= u.m)
                     AND o.date >= u.m AND o.date < date(u.m, '+1 month')) AS fel,
       u.m AS datum
FROM unit_months u
ORDER BY u.unit, u.m
