-- Close the log of import run ?1: ?2 finished, ?3 outcome, ?4 errors,
-- ?5 warnings.
UPDATE import_run SET finished_at = ?2, outcome = ?3, errors = ?4, warnings = ?5
WHERE id = ?1
