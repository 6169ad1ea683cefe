-- Verksamhet, data quality of the cases active in the period [?1, ?2): what
-- is missing (1/0 each): sex, birth date, target group, consent date, an
-- action plan 60 days after start, an end reason (cases ended in the
-- period), a meeting in the 90 days before the period's end (open cases).
SELECT coalesce(c.unit, p.unit) AS unit,
       p.sex IS NULL AS saknar_kon,
       p.birth_date IS NULL AS saknar_fodelsedatum,
       c.target_group IS NULL AS saknar_malgrupp,
       c.consent_date IS NULL AS saknar_samtycke,
       c.plan_date IS NULL AND date(c.start_date, '+60 days') < ?2 AS saknar_plan,
       c.end_date >= ?1 AND c.end_date < ?2 AND c.end_reason IS NULL AS avslut_utan_orsak,
       (c.end_date IS NULL OR c.end_date >= ?2)
         AND date(c.start_date, '+90 days') < ?2
         AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = c.id
                           AND m.date >= date(?2, '-90 days') AND m.date < ?2) AS utan_mote_90
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
