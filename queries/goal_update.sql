-- Re-import of a goal's own status (parameters as goal_insert.sql), if it
-- changed.
UPDATE goals SET status = ?4, run_id = ?5
WHERE case_id = ?1 AND domain = ?2 AND set_date = ?3 AND status IS NOT ?4
