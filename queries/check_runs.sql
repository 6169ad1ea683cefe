-- The ten latest import runs: id, start, user, outcome, errors, number of
-- files and rows read.
SELECT r.id, r.started_at, r.user, r.outcome, r.errors,
       (SELECT count(*) FROM import_file f WHERE f.run_id = r.id),
       (SELECT coalesce(sum(rows), 0) FROM import_file f WHERE f.run_id = r.id)
FROM import_run r
ORDER BY r.id DESC
LIMIT 10
