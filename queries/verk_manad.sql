-- Verksamhet, one month (or the part of it in the period) [?1, ?2) of the
-- month-by-month table (form = månader): one row over the report's cases:
-- referred, ongoing at the start (started before ?1, not ended before it),
-- started, ended (started cases whose end lies in the month) and ongoing
-- at the end.  Active in the month = ongoing at the start + started =
-- ended + ongoing at the end (report_def_months.c declares it).
SELECT coalesce(sum(c.referral_date >= ?1 AND c.referral_date < ?2), 0) AS aktualiserade,
       coalesce(sum(c.start_date < ?1 AND (c.end_date IS NULL OR c.end_date >= ?1)), 0)
         AS pagaende_borjan,
       coalesce(sum(c.start_date >= ?1 AND c.start_date < ?2), 0) AS startade,
       coalesce(sum(c.start_date IS NOT NULL AND c.end_date >= ?1 AND c.end_date < ?2), 0)
         AS avslutade,
       coalesce(sum(c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?2)), 0)
         AS pagaende_slut
FROM cases c
