-- Re-import of assessment ?1 (the id; parameters as assessment_insert.sql
-- from ?2 on), only if something changed.
UPDATE assessments SET person_id = ?2, case_id = ?3, instrument = ?4,
       date = ?5, total_score = ?6, risk_level = ?7, run_id = ?8
WHERE id = ?1
  AND (person_id IS NOT ?2 OR case_id IS NOT ?3 OR instrument IS NOT ?4
       OR date IS NOT ?5 OR total_score IS NOT ?6 OR risk_level IS NOT ?7)
