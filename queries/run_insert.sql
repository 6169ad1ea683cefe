-- Start the log of an import run: ?1 started (UTC), ?2 user, ?3 version.
INSERT INTO import_run (started_at, user, version, outcome)
VALUES (?1, ?2, ?3, 'pågår')
