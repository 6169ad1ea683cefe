-- Import of actions (atgarder): the row of action ?2 of case ?1, if any,
-- and the run that wrote it.
SELECT id, run_id FROM actions WHERE case_id = ?1 AND action_id = ?2
