-- Re-import of person ?1: new values, only if something changed (so that
-- sqlite3_changes() tells updated from unchanged).
UPDATE persons SET birth_date = ?2, sex = ?3, unit = ?4, run_id = ?5
WHERE id = ?1
  AND (birth_date IS NOT ?2 OR sex IS NOT ?3 OR unit IS NOT ?4)
