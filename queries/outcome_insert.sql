-- Outcome rows (person id, date, measure, value, run); the full row is the
-- key, so an identical row is never stored twice.  The VALUES tuple is
-- repeated once per row of a batch (uf_db_prepare_rows).
INSERT INTO outcomes (person_id, date, measure, value, run_id)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING
