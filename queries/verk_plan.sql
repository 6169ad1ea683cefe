-- Verksamhet, for the cases active in the period [?1, ?2): an action plan
-- by the period's end, a goal followed up in the period, and a structured
-- assessment at baseline (:bedomning_fore days before to :bedomning_efter
-- days after start: the baseline window of core.h, bound by report_def.c), 1/0.
SELECT coalesce(c.unit, p.unit) AS unit,
       1 AS aktiva,
       c.plan_date IS NOT NULL AND c.plan_date < ?2 AS har_plan,
       EXISTS (SELECT 1 FROM goal_followups f WHERE f.case_id = c.id
                 AND f.followup_date >= ?1 AND f.followup_date < ?2) AS mal_foljt,
       EXISTS (SELECT 1 FROM assessments a WHERE a.person_id = c.person_id
                 AND a.date >= date(c.start_date, '-' || :bedomning_fore || ' days')
                 AND a.date <= date(c.start_date, '+' || :bedomning_efter || ' days')) AS bedomning
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
