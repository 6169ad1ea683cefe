-- Data-quality rule (reports/datakvalitet.ini): the cases started in the
-- period [?1, ?2) whose baseline window (:bedomning_fore days before the
-- start to :bedomning_efter days after, core.h) has ended before the
-- period's end; fel = no structured assessment in that window; datum =
-- the start.
WITH period(first, next) AS (SELECT ?1, ?2) -- ?1, ?2 before the :names
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       NOT EXISTS (SELECT 1 FROM assessments a WHERE a.person_id = c.person_id
                     AND a.date >= date(c.start_date, '-' || :bedomning_fore || ' days')
                     AND a.date <= date(c.start_date, '+' || :bedomning_efter || ' days')) AS fel,
       c.start_date AS datum
FROM period, cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date >= period.first AND c.start_date < period.next
  AND date(c.start_date, '+' || :bedomning_efter || ' days') < period.next
