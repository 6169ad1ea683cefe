-- Rows whose references point at nothing: table, rowid, parent, fk index.
PRAGMA foreign_key_check
