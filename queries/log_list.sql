-- uppfolj logg: imports and outputs, newest first, at most ?1: when, what
-- ('import' or the command), who, the outcome or the audience, a summary
-- (files and rows read, or the parameters and population), the number of
-- files.
SELECT at, what, user, how, summary, files FROM (
    SELECT r.started_at AS at, 'import' AS what, r.user, r.outcome AS how,
           (SELECT coalesce(sum(f.rows), 0) FROM import_file f WHERE f.run_id = r.id)
             || ' rader' AS summary,
           (SELECT count(*) FROM import_file f WHERE f.run_id = r.id) AS files,
           r.id AS id, 0 AS kind
    FROM import_run r
    UNION ALL
    SELECT o.at, o.command, o.user, o.audience,
           o.parameters || coalesce('; population: ' || o.population, ''),
           (SELECT count(*) FROM output_file f WHERE f.run_id = o.id), o.id, 1
    FROM output_run o
)
ORDER BY at DESC, kind DESC, id DESC
LIMIT ?1
