/*
 * db.h - the uppfolj database: creation, opening, schema migrations.
 *
 * The schema is versioned with PRAGMA user_version; queries/schema_NNN.sql
 * holds migration NNN, and opening a database applies the ones it lacks, in
 * one transaction.  Foreign keys are always on.  The file is created with
 * mode 0600 (SPEC §4), and SQLite gives its journal the same mode.
 */
#ifndef UPPFOLJ_DB_H
#define UPPFOLJ_DB_H

#include <stddef.h>
#include <sqlite3.h>
#include "uppfolj/error.h"

/* The schema version this build writes. */
int uf_db_schema_version(void);

/*
 * Create a new database at path (mode 0600) with the current schema.
 * UF_ERR_EXISTS if path exists (never overwritten), UF_ERR_IO (errno) or
 * UF_ERR_DB.  On success *out is open; close it with uf_db_close().
 */
uf_error uf_db_create(const char *path, sqlite3 **out);

/*
 * Open an existing database and migrate it forward.  UF_ERR_MISSING if
 * there is no such file, UF_ERR_FOREIGN if it is not an uppfolj database
 * (an empty file or database is refused, never initialised: uf_db_create
 * makes databases), UF_ERR_VERSION if it is newer than this build,
 * UF_ERR_READONLY when a needed migration cannot write, UF_ERR_BUSY,
 * UF_ERR_CORRUPT, UF_ERR_DB.  On failure *out is NULL.
 */
uf_error uf_db_open(const char *path, sqlite3 **out);
/* uf_db_open waiting up to wait seconds for other runs' locks, from the
 * opening on (uf_db_open waits UF_DB_WAIT). */
uf_error uf_db_open_wait(const char *path, int wait, sqlite3 **out);

/* How long a command waits for a database that another run holds, in
 * seconds, unless uppfolj.conf says otherwise ([databas] vanta). */
#define UF_DB_WAIT 10
/* Wait up to seconds for locks held by other runs (0: not at all). */
void uf_db_set_wait(sqlite3 *db, int seconds);
/* What the last failure on db was, as a uf_error: UF_ERR_BUSY (another
 * run holds the database), UF_ERR_CORRUPT, UF_ERR_FOREIGN (not a
 * database), UF_ERR_READONLY, UF_ERR_IO, UF_ERR_NOMEM, else UF_ERR_DB. */
uf_error uf_db_error(sqlite3 *db);
/*
 * One read transaction: every report and export reads inside one, so that
 * all it shows, the provenance on its front page included, is one
 * snapshot of the data; an import waits to commit until it ends.  Begin
 * takes the snapshot at once; the errors of uf_db_error.  End is safe to
 * call when no transaction is open.
 */
uf_error uf_db_read_begin(sqlite3 *db);
void uf_db_read_end(sqlite3 *db);
/* Close db; NULL-safe. */
void uf_db_close(sqlite3 *db);

/*
 * A second, read-only connection to db's file for another thread, inside
 * a read transaction begun at once: while db holds its own read lock (it
 * has read in a transaction) no import can commit, so both see the same
 * data.  UF_ERR_MISSING when db has no file, UF_ERR_DB when it cannot be
 * opened or read at once (it never waits); the caller then reads on db
 * alone.  Close it with uf_db_close().
 */
uf_error uf_db_open_reader(sqlite3 *db, sqlite3 **out);
/* Note the latest date anywhere in the data (data_state), the default
 * as-of of every report: whoever writes data calls it before committing
 * (the importer does), with event_day the latest date of the outcome,
 * meeting and goal follow-up rows it stored (INT_MIN: none), rows that
 * are only ever added; the other tables are read.  UF_ERR_DB on
 * failure. */
uf_error uf_db_note_latest(sqlite3 *db, int event_day);
/*
 * The key belongs to its database (schema 4): UF_OK when fingerprint
 * (uf_key_fingerprint of the key file's key) is the database's, UF_ERR_KEY
 * when it is not; a database that has none yet (made before schema 4)
 * gets this one.  The errors of uf_db_error.
 */
uf_error uf_db_key_check(sqlite3 *db, const char *fingerprint);
/* An output run for the log of what left the database (schema 5). */
typedef struct uf_output_log {
    const char *at, *user, *version; /* UTC ISO 8601; who; uppfolj's version */
    const char *command;             /* "report utfall", "export" */
    const char *parameters;          /* the arguments as given */
    const char *population;          /* in words, or NULL */
    const char *audience;            /* "extern" or "intern" */
    const char *const *files;        /* the files written */
    const char *const *sha256;       /* and their SHA-256, hex */
    size_t nfiles;
} uf_output_log;
/* Write l to the log in one transaction; the errors of uf_db_error. */
uf_error uf_db_log_output(sqlite3 *db, const uf_output_log *l);
/* uf_db_note_latest with every table read whole: after data was written
 * by other means than an import (migrations call it).  UF_ERR_DB. */
uf_error uf_db_rescan_latest(sqlite3 *db);

/* Run a statement with no parameters and no result rows; UF_ERR_DB on
 * failure (sqlite3_errmsg tells why). */
uf_error uf_db_exec(sqlite3 *db, const char *sql);

/* Prepare the statement of queries/NAME.sql; NULL on failure. */
sqlite3_stmt *uf_db_prepare(sqlite3 *db, const char *name);

/*
 * Prepare queries/NAME.sql, an INSERT with one "VALUES (?, ...)" tuple of
 * anonymous parameters, as an insert of nrows rows: the tuple is repeated
 * nrows times, so row r's column c is parameter r * ncols + c + 1.  Only
 * placeholders are repeated; no value ever enters the SQL text.  NULL on
 * failure (also when the file has no VALUES tuple).
 */
sqlite3_stmt *uf_db_prepare_rows(sqlite3 *db, const char *name, int nrows);

#endif
