-- SQLite's own consistency check: one row 'ok', or one row per problem.
PRAGMA integrity_check
