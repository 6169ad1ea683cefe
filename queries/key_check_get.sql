-- The fingerprint of the database's key (schema_004), or no row.
SELECT fingerprint FROM key_check WHERE id = 1
