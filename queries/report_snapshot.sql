-- The data snapshot behind a report: every file of every successful import
-- run (run, date, path, entity, SHA-256), oldest first.
SELECT r.id, substr(r.finished_at, 1, 10), f.path, f.kind, f.sha256
FROM import_run r
JOIN import_file f ON f.run_id = r.id
WHERE r.outcome = 'ok'
ORDER BY r.id, f.seq
