-- A file an output run wrote: ?1 run, ?2 path, ?3 SHA-256.
INSERT INTO output_file (run_id, path, sha256) VALUES (?1, ?2, ?3)
