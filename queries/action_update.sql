-- Re-import of an action (row ?1): its fields, if any changed.
UPDATE actions SET domain = ?2, actor = ?3, planned_date = ?4, due_date = ?5, done_date = ?6,
                   status = ?7, run_id = ?8
WHERE id = ?1 AND (domain IS NOT ?2 OR actor IS NOT ?3 OR planned_date IS NOT ?4
                   OR due_date IS NOT ?5 OR done_date IS NOT ?6 OR status IS NOT ?7)
