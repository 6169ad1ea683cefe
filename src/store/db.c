/*
 * db.c - create, open and migrate the database (see db.h).  Runs once per
 * command; the cost that matters is the PRAGMAs it sets for bulk work.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/query.h"

/* Migration k (1-based) is queries/<migrations[k-1]>.sql. */
static const char *const migrations[] = { "schema_001", "schema_002", "schema_003",
                                          "schema_004", "schema_005", "schema_006" };
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int uf_db_schema_version(void)
{
    return N_MIGRATIONS;
}

uf_error uf_db_exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? UF_OK : UF_ERR_DB;
}

sqlite3_stmt *uf_db_prepare(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, uf_query(name), -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
        SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

sqlite3_stmt *uf_db_prepare_rows(sqlite3 *db, const char *name, int nrows)
{
    const char *sql = uf_query(name);
    const char *values = strstr(sql, "VALUES (");
    const char *close = values ? strchr(values, ')') : NULL;
    if (!close || nrows < 1)
        return NULL;
    const char *tuple = values + 7;
    size_t head = (size_t)(tuple - sql), tlen = (size_t)(close + 1 - tuple);
    size_t len = head + (size_t)nrows * (tlen + 2) + strlen(close + 1) + 1;
    char *text = malloc(len), *p = text;
    if (!text)
        return NULL;
    memcpy(p, sql, head);
    p += head;
    for (int r = 0; r < nrows; r++) {
        if (r) {
            memcpy(p, ", ", 2);
            p += 2;
        }
        memcpy(p, tuple, tlen);
        p += tlen;
    }
    strcpy(p, close + 1);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, text, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        st = NULL;
    }
    free(text);
    return st;
}

void uf_db_close(sqlite3 *db)
{
    if (db)
        sqlite3_close_v2(db);
}

uf_error uf_db_error(sqlite3 *db)
{
    switch (db ? sqlite3_errcode(db) & 0xff : SQLITE_ERROR) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return UF_ERR_BUSY;
    case SQLITE_CORRUPT: return UF_ERR_CORRUPT;
    case SQLITE_NOTADB: return UF_ERR_FOREIGN;
    case SQLITE_READONLY:
    case SQLITE_PERM: return UF_ERR_READONLY;
    case SQLITE_NOMEM: return UF_ERR_NOMEM;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return UF_ERR_IO;
    default: return UF_ERR_DB;
    }
}

/* user_version of db, or -1 on failure. */
static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Apply the migrations after version from, in one transaction. */
static uf_error migrate(sqlite3 *db, int from)
{
    if (from == N_MIGRATIONS)
        return UF_OK;
    if (uf_db_exec(db, "BEGIN IMMEDIATE") != UF_OK)
        return uf_db_error(db);
    /* another run may have migrated it while this one waited for the lock */
    int now = user_version(db);
    if (now >= N_MIGRATIONS) {
        uf_db_exec(db, "COMMIT");
        return UF_OK;
    }
    if (now > from)
        from = now;
    for (int k = from; k < N_MIGRATIONS; k++) {
        if (uf_db_exec(db, uf_query(migrations[k])) != UF_OK)
            goto fail;
    }
    if (uf_db_rescan_latest(db) != UF_OK) /* schemas 2, 3: the rows already stored */
        goto fail;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", N_MIGRATIONS);
    if (uf_db_exec(db, sql) != UF_OK || uf_db_exec(db, "COMMIT") != UF_OK)
        goto fail;
    return UF_OK;
fail:;
    uf_error err = uf_db_error(db);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return err;
}

/*
 * Process-wide SQLite settings, before its first use: each connection is
 * used by one thread at a time (the core reads on a second connection in
 * a thread of its own), so no per-connection mutexes, and no memory
 * statistics (they cost a lock per allocation, and bulk import allocates
 * per row).
 */
static void configure_sqlite(void)
{
    static int done;
    if (done++)
        return;
    /* a connection is used by one thread at a time; the core reads on a
     * second connection in a thread of its own (uf_db_open_reader) */
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Open path read-write (no create) with the session settings of uppfolj,
 * waiting up to wait seconds for other runs' locks. */
static uf_error open_conn(const char *path, int wait, sqlite3 **out)
{
    sqlite3 *db = NULL;
    *out = NULL;
    configure_sqlite();
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        uf_error err = db ? uf_db_error(db) : UF_ERR_NOMEM;
        sqlite3_close_v2(db);
        return err;
    }
    uf_db_set_wait(db, wait);
    if (uf_db_exec(db, "PRAGMA foreign_keys = ON;"
                       "PRAGMA cache_size = -32768;"
                       "PRAGMA temp_store = FILE;") != UF_OK) {
        uf_error err = uf_db_error(db);
        sqlite3_close_v2(db);
        return err;
    }
    *out = db;
    return UF_OK;
}

uf_error uf_db_create(const char *path, sqlite3 **out)
{
    *out = NULL;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return errno == EEXIST ? UF_ERR_EXISTS : UF_ERR_IO;
    close(fd);
    sqlite3 *db;
    uf_error rc = open_conn(path, UF_DB_WAIT, &db);
    if (rc == UF_OK)
        rc = migrate(db, 0);
    if (rc != UF_OK) {
        uf_db_close(db);
        unlink(path);
        return rc;
    }
    *out = db;
    return UF_OK;
}

uf_error uf_db_open(const char *path, sqlite3 **out)
{
    return uf_db_open_wait(path, UF_DB_WAIT, out);
}

uf_error uf_db_open_wait(const char *path, int wait, sqlite3 **out)
{
    *out = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0)
        return errno == ENOENT ? UF_ERR_MISSING : UF_ERR_IO;
    sqlite3 *db;
    uf_error rc = open_conn(path, wait, &db);
    if (rc != UF_OK)
        return rc;
    /* a file that is no uppfolj database is refused, never initialised:
     * empty (version 0, no tables: what a mistyped path or an emptied
     * file gives) or something else (SQLite's "not a database") */
    int v = user_version(db);
    if (v < 0)
        rc = uf_db_error(db);
    else if (v == 0)
        rc = UF_ERR_FOREIGN;
    else if (v > N_MIGRATIONS)
        rc = UF_ERR_VERSION;
    else
        rc = migrate(db, v);
    if (rc != UF_OK) {
        uf_db_close(db);
        return rc;
    }
    *out = db;
    return UF_OK;
}

uf_error uf_db_open_reader(sqlite3 *db, sqlite3 **out)
{
    *out = NULL;
    const char *path = sqlite3_db_filename(db, "main");
    if (!path || !*path)
        return UF_ERR_MISSING;
    sqlite3 *r = NULL;
    if (sqlite3_open_v2(path, &r, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close_v2(r);
        return UF_ERR_DB;
    }
    /* the same data as db's only while db's read lock holds off every
     * commit: not so in WAL mode (set by another tool), where each
     * connection has a snapshot of its own; then db reads alone */
    sqlite3_stmt *jm = NULL;
    bool wal = false;
    if (sqlite3_prepare_v2(db, "PRAGMA main.journal_mode", -1, &jm, NULL) == SQLITE_OK &&
        sqlite3_step(jm) == SQLITE_ROW)
        wal = strcmp((const char *)sqlite3_column_text(jm, 0), "wal") == 0;
    sqlite3_finalize(jm);
    if (wal || sqlite3_get_autocommit(db)) {
        sqlite3_close_v2(r);
        return UF_ERR_DB;
    }
    /* no waiting: a writer that wants to commit waits for db's read lock,
     * so waiting for it here could only time out */
    sqlite3_busy_timeout(r, 0);
    sqlite3_stmt *st = NULL;
    int rc = uf_db_exec(r, "PRAGMA cache_size = -8192; BEGIN") == UF_OK
                 ? sqlite3_prepare_v2(r, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL)
                 : SQLITE_ERROR;
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        sqlite3_close_v2(r);
        return UF_ERR_DB;
    }
    *out = r;
    return UF_OK;
}

void uf_db_set_wait(sqlite3 *db, int seconds)
{
    sqlite3_busy_timeout(db, seconds > 0 ? seconds * 1000 : 0);
}

uf_error uf_db_read_begin(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    if (uf_db_exec(db, "BEGIN") != UF_OK)
        return uf_db_error(db);
    /* the snapshot is taken by the first read, so read now */
    int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM main.sqlite_schema", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        uf_error err = uf_db_error(db);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return err == UF_OK ? UF_ERR_DB : err;
    }
    return UF_OK;
}

void uf_db_read_end(sqlite3 *db)
{
    if (db && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

uf_error uf_db_rescan_latest(sqlite3 *db)
{
    sqlite3_stmt *st = uf_db_prepare(db, "data_rescan");
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? uf_db_note_latest(db, INT_MIN) : UF_ERR_DB;
}

uf_error uf_db_note_latest(sqlite3 *db, int event_day)
{
    sqlite3_stmt *st = uf_db_prepare(db, "data_latest");
    char day[UF_DATE_BUF];
    if (st && event_day != INT_MIN) {
        uf_date_format(event_day, day);
        sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    }
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? UF_OK : UF_ERR_DB;
}

static uf_error key_check(sqlite3 *db, const char *fingerprint);

uf_error uf_db_key_check(sqlite3 *db, const char *fingerprint)
{
    /* read and, the first time, write in one transaction: two first uses
     * with different keys cannot both win */
    if (uf_db_exec(db, "BEGIN IMMEDIATE") != UF_OK)
        return uf_db_error(db);
    uf_error err = key_check(db, fingerprint);
    if (err == UF_OK && uf_db_exec(db, "COMMIT") != UF_OK)
        err = uf_db_error(db);
    if (err != UF_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return err;
}

static uf_error key_check(sqlite3 *db, const char *fingerprint)
{
    sqlite3_stmt *st = uf_db_prepare(db, "key_check_get");
    if (!st)
        return uf_db_error(db);
    int rc = sqlite3_step(st);
    uf_error err = UF_OK;
    if (rc == SQLITE_ROW)
        err =
            strcmp((const char *)sqlite3_column_text(st, 0), fingerprint) == 0 ? UF_OK : UF_ERR_KEY;
    else if (rc != SQLITE_DONE)
        err = uf_db_error(db);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return err;
    /* none yet (made before schema 4): this key is the database's */
    st = uf_db_prepare(db, "key_check_set");
    if (!st)
        return uf_db_error(db);
    sqlite3_bind_text(st, 1, fingerprint, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    err = rc == SQLITE_DONE ? UF_OK : uf_db_error(db);
    sqlite3_finalize(st);
    return err;
}

uf_error uf_db_log_output(sqlite3 *db, const uf_output_log *l)
{
    if (uf_db_exec(db, "BEGIN IMMEDIATE") != UF_OK)
        return uf_db_error(db);
    sqlite3_stmt *st = uf_db_prepare(db, "output_run_insert");
    int rc = st ? SQLITE_OK : SQLITE_ERROR;
    if (st) {
        const char *v[] = { l->at,         l->user,       l->version, l->command,
                            l->parameters, l->population, l->audience };
        for (int i = 0; i < 7; i++)
            sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    st = rc == SQLITE_DONE ? uf_db_prepare(db, "output_file_insert") : NULL;
    for (size_t i = 0; st && rc == SQLITE_DONE && i < l->nfiles; i++) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, l->files[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, l->sha256[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE && uf_db_exec(db, "COMMIT") == UF_OK)
        return UF_OK;
    uf_error err = uf_db_error(db);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return err;
}
