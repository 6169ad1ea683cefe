-- One file of import run ?1: ?2 position, ?3 path, ?4 SHA-256, ?5 entity,
-- ?6 encoding, ?7 rows, ?8 inserted, ?9 updated, ?10 unchanged.
INSERT INTO import_file (run_id, seq, path, sha256, kind, encoding, rows,
                         inserted, updated, unchanged)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
