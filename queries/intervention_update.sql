-- Re-import of intervention ?1: provider ?2, end ?3, run ?4, if changed.
UPDATE interventions SET provider = ?2, end_date = ?3, run_id = ?4
WHERE id = ?1 AND (provider IS NOT ?2 OR end_date IS NOT ?3)
