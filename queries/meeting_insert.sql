-- Meetings (case id, date, type, sorted participants, run); the full row is
-- the key.  The VALUES tuple is repeated once per row of a batch.
INSERT INTO meetings (case_id, date, type, participants, run_id)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING
