-- Version 4 (issue 13): the key belongs to its database.  key_check holds
-- a fingerprint of the pseudonymisation key (uf_key_fingerprint: a keyed
-- hash of a fixed text, never the key itself), written by `uppfolj init`;
-- a command that uses the key refuses one whose fingerprint differs.  A
-- database made before version 4 has none until its first import, which
-- writes the fingerprint of the key it used.
CREATE TABLE key_check (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);
