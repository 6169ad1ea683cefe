-- The import run that stored the follow-up of goal (?1 case, ?2 domain,
-- ?3 set date) on ?4.
SELECT run_id FROM goal_followups
WHERE case_id = ?1 AND domain = ?2 AND set_date = ?3 AND followup_date = ?4
