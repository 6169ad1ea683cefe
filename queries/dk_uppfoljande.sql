-- Data-quality rule (reports/datakvalitet.ini): the cases that ended in the
-- period [?1, ?2); fel = no structured assessment after the baseline
-- window (later than :bedomning_efter days after the start), up to
-- :uppfoljning_manader months after the end (the window after, as the core
-- takes a follow-up) and before the period's end; datum = the end.
WITH period(first, next) AS (SELECT ?1, ?2) -- ?1, ?2 before the :names
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       NOT EXISTS (SELECT 1 FROM assessments a WHERE a.person_id = c.person_id
                     AND a.date > date(c.start_date, '+' || :bedomning_efter || ' days')
                     AND a.date <= date(c.end_date, '+' || :uppfoljning_manader || ' months')
                     AND a.date < period.next) AS fel,
       c.end_date AS datum
FROM period, cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date IS NOT NULL AND c.end_date >= period.first AND c.end_date < period.next
