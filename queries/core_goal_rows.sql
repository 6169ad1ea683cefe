-- Every follow-up of each case's goals up to as-of ?1, in case, goal and
-- date order: the last row of a goal is its latest status.
SELECT p.case_id, f.domain, f.set_date, f.followup_date, f.status
FROM temp.phase p
JOIN goal_followups f ON f.case_id = p.case_id AND f.followup_date <= ?1
ORDER BY p.case_id, f.domain, f.set_date, f.followup_date
