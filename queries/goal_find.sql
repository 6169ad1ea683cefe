-- The import run of goal (?1 case, ?2 domain, ?3 set date).
SELECT run_id FROM goals WHERE case_id = ?1 AND domain = ?2 AND set_date = ?3
