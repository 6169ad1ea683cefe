-- Goal follow-ups in [?1, ?2) of the population's cases (population.h)
-- with follow-up consent, in goal and date order: the last row of a goal
-- within a year is its latest status in that year.
SELECT f.case_id, f.domain, f.set_date, f.followup_date, f.status
FROM goal_followups f
WHERE f.followup_date >= ?1 AND f.followup_date < ?2
  AND f.case_id IN (SELECT id FROM cases WHERE followup_consent = 1)
ORDER BY f.case_id, f.domain, f.set_date, f.followup_date
