-- The goal row of case ?1, domain ?2, set ?3, followed up ?4 (NULL: not
-- yet): the key of a goal row.
SELECT id, run_id FROM goals
WHERE case_id = ?1 AND domain = ?2 AND set_date = ?3 AND followup_date IS ?4
