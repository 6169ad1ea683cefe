-- A new goal row: ?1 case, ?2 domain, ?3 set date, ?4 follow-up date,
-- ?5 status, ?6 run.
INSERT INTO goals (case_id, domain, set_date, followup_date, status, run_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
