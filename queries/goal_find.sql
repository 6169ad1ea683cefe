-- The import run and own status (NULL: only follow-ups so far) of goal
-- (?1 case, ?2 domain, ?3 set date).
SELECT run_id, status FROM goals WHERE case_id = ?1 AND domain = ?2 AND set_date = ?3
