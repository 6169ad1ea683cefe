-- A new assessment: ?1 assessment_id, ?2 person, ?3 case (or NULL),
-- ?4 instrument, ?5 date, ?6 total score, ?7 risk level, ?8 run.
INSERT INTO assessments (assessment_id, person_id, case_id, instrument, date,
                         total_score, risk_level, run_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
