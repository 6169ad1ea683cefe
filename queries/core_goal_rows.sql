-- Every follow-up of a goal up to as-of ?1, in case, goal and date order
-- (the table's key): the last row of a goal is its latest status.
SELECT case_id, domain, set_date, followup_date, status
FROM goal_followups
WHERE followup_date <= ?1
ORDER BY case_id, domain, set_date, followup_date
