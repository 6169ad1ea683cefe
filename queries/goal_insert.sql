-- A goal with its own status (a row without follow-up date): ?1 case,
-- ?2 domain, ?3 set date, ?4 status, ?5 run.
INSERT INTO goals (case_id, domain, set_date, status, run_id)
VALUES (?1, ?2, ?3, ?4, ?5)
