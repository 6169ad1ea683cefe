-- Import of actions (atgarder): a new action of case ?1.
INSERT INTO actions (case_id, action_id, domain, actor, planned_date, due_date, done_date,
                     status, run_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
