-- The id and last import run of assessment ?1.
SELECT id, run_id FROM assessments WHERE assessment_id = ?1
