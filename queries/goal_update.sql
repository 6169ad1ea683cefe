-- Re-import of goal row ?1: status ?2, run ?3, if the status changed.
UPDATE goals SET status = ?2, run_id = ?3 WHERE id = ?1 AND status IS NOT ?2
