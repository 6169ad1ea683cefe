-- Make sure goal (?1 case, ?2 domain, ?3 set date) exists before its
-- follow-ups are stored; ?4 is the run.  An existing goal is left as it is.
INSERT INTO goals (case_id, domain, set_date, status, run_id)
VALUES (?1, ?2, ?3, NULL, ?4)
ON CONFLICT DO NOTHING
