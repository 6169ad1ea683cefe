-- Re-import of a follow-up (parameters as followup_insert.sql): a new
-- status, if it changed.
UPDATE goal_followups SET status = ?5, run_id = ?6
WHERE case_id = ?1 AND domain = ?2 AND set_date = ?3 AND followup_date = ?4
  AND status IS NOT ?5
