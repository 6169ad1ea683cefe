-- The intervention of person ?1 in case ?2 (NULL: none) with insats ?3
-- starting ?4: the key of an intervention row.
SELECT id, run_id FROM interventions
WHERE person_id = ?1 AND case_id IS ?2 AND insats = ?3 AND start_date = ?4
