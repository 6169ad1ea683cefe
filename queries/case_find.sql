-- The id, person id and last import run of case ?1.
SELECT id, person_id, run_id FROM cases WHERE case_id = ?1
