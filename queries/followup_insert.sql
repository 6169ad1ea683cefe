-- Goal follow-ups (case id, domain, set date, follow-up date, status, run);
-- an existing follow-up is left for followup_update.sql.  The VALUES tuple
-- is repeated once per row of a batch.
INSERT INTO goal_followups (case_id, domain, set_date, followup_date, status, run_id)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING
