-- Verksamhet, month by month (form = månader, report_def_months.c): the
-- cases referred in the period [?1, ?2) or active in it, one row each with
-- the dates the months are counted from.
SELECT c.referral_date, c.start_date, c.end_date
FROM cases c
WHERE (c.referral_date >= ?1 AND c.referral_date < ?2)
   OR (c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1))
