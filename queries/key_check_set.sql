-- Store the fingerprint ?1 of the database's key; a stored one is kept.
INSERT INTO key_check (id, fingerprint) VALUES (1, ?1) ON CONFLICT DO NOTHING
