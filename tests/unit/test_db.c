/*
 * test_db.c - creating, opening and migrating the database (db.h).
 *
 * The expected tables are those of queries/schema_001.sql and SPEC §3 (one
 * per entity, item scores, and the import log); file modes come from §4.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "uppfolj/db.h"
#include "uppfolj/query.h"
#include "testutil.h"

/* A non-NULL handle that functions must overwrite with NULL on failure. */
static long long sentinel_obj;
#define SENTINEL ((sqlite3 *)(void *)&sentinel_obj)

/* The single integer a statement returns; -1 on any failure. */
static long long q_int(sqlite3 *db, const char *sql, const char *param)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (param)
        sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static const char *const tables[] = {
    "import_run",       "import_file", "persons", "cases",    "interventions", "assessments",
    "assessment_items", "outcomes",    "goals",   "meetings", "actions",
};

static void assert_schema(sqlite3 *db)
{
    assert_int_equal(q_int(db, "PRAGMA user_version", NULL), uf_db_schema_version());
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        long long n = q_int(db,
                            "SELECT count(*) FROM sqlite_master "
                            "WHERE type = 'table' AND name = ?1",
                            tables[i]);
        if (n != 1)
            fail_msg("table %s is missing", tables[i]);
    }
}

static void test_db__create_makes_private_file_with_schema(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "uppfolj.db");
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_create(path, &db), UF_OK);
    assert_non_null(db);
    assert_true(uf_db_schema_version() >= 1);
    assert_schema(db);
    /* a fresh database has no data and no import runs */
    assert_int_equal(q_int(db, "SELECT count(*) FROM persons", NULL), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM import_run", NULL), 0);
    uf_db_close(db);

    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
}

static void test_db__create_never_overwrites(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    assert_int_equal(tu_write(dir, "uppfolj.db", "not a database, keep me\n", path), 0);
    sqlite3 *db = SENTINEL; /* must be set to NULL */
    assert_int_equal(uf_db_create(path, &db), UF_ERR_EXISTS);
    assert_null(db);
    char *text = tu_read(path, NULL);
    assert_non_null(text);
    assert_string_equal(text, "not a database, keep me\n");
    free(text);

    /* and a real database stays as it was */
    tu_path(path, dir, "real.db");
    assert_int_equal(uf_db_create(path, &db), UF_OK);
    assert_int_equal(uf_db_exec(db, "INSERT INTO import_run (started_at, user, version, "
                                    "outcome) VALUES ('2026-01-01T00:00:00Z', 'u', 'v', 'ok')"),
                     UF_OK);
    uf_db_close(db);
    sqlite3 *again = NULL;
    assert_int_equal(uf_db_create(path, &again), UF_ERR_EXISTS);
    assert_null(again);
    assert_int_equal(uf_db_open(path, &db), UF_OK);
    assert_int_equal(q_int(db, "SELECT count(*) FROM import_run", NULL), 1);
    uf_db_close(db);
}

static void test_db__create_in_missing_folder_is_io_error(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "nope/uppfolj.db");
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_create(path, &db), UF_ERR_IO);
    assert_null(db);
}

static void test_db__open_missing_file(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "saknas.db");
    sqlite3 *db = SENTINEL;
    assert_int_equal(uf_db_open(path, &db), UF_ERR_MISSING);
    assert_null(db);
    /* and it was not created by trying */
    struct stat sb;
    assert_int_not_equal(stat(path, &sb), 0);
}

static void test_db__open_newer_database_is_version_error(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "new.db");
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_create(path, &db), UF_OK);
    assert_int_equal(uf_db_exec(db, "PRAGMA user_version = 99"), UF_OK);
    uf_db_close(db);
    db = SENTINEL;
    assert_int_equal(uf_db_open(path, &db), UF_ERR_VERSION);
    assert_null(db);

    /* the file was left alone: still version 99 */
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(q_int(raw, "PRAGMA user_version", NULL), 99);
    sqlite3_close(raw);
}

/* A file that is no uppfolj database is refused and left as it was, never
 * initialised (issue 13): an empty file, an empty SQLite database
 * (version 0), a SQLite database of something else, and a text file. */
static void test_db__open_refuses_foreign_files(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    sqlite3 *db = NULL;
    /* an empty file */
    tu_path(path, dir, "empty.db");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(uf_db_open(path, &db), UF_ERR_FOREIGN);
    assert_null(db);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_size, 0);
    /* an empty SQLite database, and one of something else */
    const char *const sql[] = { "CREATE TABLE x (a); DROP TABLE x;", "CREATE TABLE kunder (a);" };
    for (int i = 0; i < 2; i++) {
        tu_path(path, dir, i ? "other.db" : "old.db");
        sqlite3 *raw = NULL;
        assert_int_equal(
            sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
            SQLITE_OK);
        assert_int_equal(sqlite3_exec(raw, sql[i], NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(raw);
        assert_int_equal(uf_db_open(path, &db), UF_ERR_FOREIGN);
        assert_int_equal(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        assert_int_equal(q_int(raw, "SELECT count(*) FROM sqlite_schema", NULL), i);
        assert_int_equal(q_int(raw, "PRAGMA user_version", NULL), 0);
        sqlite3_close(raw);
    }
    /* a text file */
    tu_path(path, dir, "notes.txt");
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("person;date;measure;value\n", f);
    for (int i = 0; i < 200; i++)
        fputs("19990101-1234;2024-01-01;vald;1\n", f);
    fclose(f);
    assert_int_equal(uf_db_open(path, &db), UF_ERR_FOREIGN);
}

/* A damaged database (pages overwritten past the header) opens, and the
 * first read that meets the damage is UF_ERR_CORRUPT; a write to a
 * database opened read-only is UF_ERR_READONLY. */
static void test_db__damage_and_read_only_are_named(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "u.db");
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_create(path, &db), UF_OK);
    assert_int_equal(uf_db_exec(db, "INSERT INTO persons (pseudonym) VALUES ('p1')"), UF_OK);
    uf_db_close(db);
    /* opened read-only (as SQLite does for a file without write
     * permission; chmod alone would not stop root, who runs CI) */
    sqlite3 *ro = NULL;
    assert_int_equal(sqlite3_open_v2(path, &ro, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_not_equal(uf_db_exec(ro, "INSERT INTO persons (pseudonym) VALUES ('p2')"), UF_OK);
    assert_int_equal(uf_db_error(ro), UF_ERR_READONLY);
    sqlite3_close(ro);
    /* every page after the first overwritten with garbage */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 4096, SEEK_SET), 0);
    for (int i = 0; i < 4096 * 8; i++)
        fputc(0xA5, f);
    fclose(f);
    assert_int_equal(uf_db_open(path, &db), UF_OK);
    assert_int_not_equal(uf_db_exec(db, "SELECT count(*) FROM persons"), UF_OK);
    assert_int_equal(uf_db_error(db), UF_ERR_CORRUPT);
    uf_db_close(db);
}

/* A new SQLite file at path with the schemas 1..version of uppfolj as
 * they were (queries/schema_00N.sql), for filling as an older uppfolj
 * would have; the caller sets user_version with its rows. */
static sqlite3 *old_schema(const char *path, int version)
{
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    for (int v = 1; v <= version; v++) {
        char name[16];
        snprintf(name, sizeof name, "schema_%03d", v);
        assert_int_equal(sqlite3_exec(raw, uf_query(name), NULL, NULL, NULL), SQLITE_OK);
    }
    return raw;
}

/* A filled database of version 1 (schema_001 and rows in every dated
 * table) gets version 2: every row kept, and data_state holds the latest
 * date anywhere, worked out here by hand: the outcome of 2025-11-03 is
 * later than every case and meeting date. */
static void test_db__migration_2_keeps_rows_and_finds_latest(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "v1.db");
    sqlite3 *raw = old_schema(path, 1);
    assert_int_equal(
        sqlite3_exec(
            raw,
            "PRAGMA user_version = 1;"
            "INSERT INTO persons (id, pseudonym, birth_date, sex) VALUES "
            "  (1, 'psa', '2008-01-01', 'F'), (2, 'psb', '2009-02-02', 'M');"
            "INSERT INTO cases (id, case_id, person_id, programme, start_date, end_date, "
            "  end_reason) VALUES (1, 'A1', 1, 'SIG', '2024-01-01', '2025-06-30', 'flytt'),"
            "  (2, 'A2', 2, 'SIG', '2025-02-01', NULL, NULL);"
            "INSERT INTO outcomes (person_id, date, measure, value) VALUES "
            "  (1, '2024-03-01', 'misstanke_brott', 1), (2, '2025-11-03', 'vald', 1);"
            "INSERT INTO meetings (case_id, date, type) VALUES (1, '2025-09-01', 'beredning');",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);

    sqlite3 *db = NULL;
    assert_int_equal(uf_db_open(path, &db), UF_OK);
    assert_schema(db);
    assert_int_equal(q_int(db, "SELECT count(*) FROM persons", NULL), 2);
    assert_int_equal(q_int(db, "SELECT count(*) FROM cases", NULL), 2);
    assert_int_equal(q_int(db, "SELECT count(*) FROM outcomes", NULL), 2);
    assert_int_equal(q_int(db, "SELECT count(*) FROM meetings", NULL), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM data_state WHERE id = 1 AND latest_date = ?1",
                           "2025-11-03"),
                     1);
    uf_db_close(db);
}

/* A filled database of version 2 gets version 3: every row kept, and the
 * latest date of the event tables worked out from them (by hand: the
 * goal follow-up of 2025-12-01 is the latest of outcomes, meetings and
 * follow-ups; the case end of 2026-01-20 is later still, so it is the
 * latest date).  After that an import's event dates only raise the kept
 * one, and the small tables are read whole: a case end moved earlier
 * lowers the latest date. */
static void test_db__migration_3_keeps_rows_and_tracks_event_dates(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "v2.db");
    sqlite3 *raw = old_schema(path, 2);
    assert_int_equal(
        sqlite3_exec(
            raw,
            "PRAGMA user_version = 2;"
            "INSERT INTO persons (id, pseudonym, birth_date, sex) VALUES (1, 'psa', '2008-01-01', "
            "  'F');"
            "INSERT INTO cases (id, case_id, person_id, programme, start_date, end_date, "
            "  end_reason) VALUES (1, 'A1', 1, 'SIG', '2024-01-01', '2026-01-20', 'flytt');"
            "INSERT INTO outcomes (person_id, date, measure, value) VALUES "
            "  (1, '2025-11-03', 'vald', 1);"
            "INSERT INTO meetings (case_id, date, type) VALUES (1, '2025-09-01', 'beredning');"
            "INSERT INTO goals (case_id, domain, set_date) VALUES (1, 'skola', '2024-02-01');"
            "INSERT INTO goal_followups (case_id, domain, set_date, followup_date, status) "
            "  VALUES (1, 'skola', '2024-02-01', '2025-12-01', 'delvis');"
            "UPDATE data_state SET latest_date = '2026-01-20';",
            NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);

    sqlite3 *db = NULL;
    assert_int_equal(uf_db_open(path, &db), UF_OK);
    assert_schema(db);
    assert_int_equal(q_int(db, "SELECT count(*) FROM outcomes", NULL), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM meetings", NULL), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM goal_followups", NULL), 1);
    assert_int_equal(
        q_int(db, "SELECT count(*) FROM data_state WHERE event_latest = ?1", "2025-12-01"), 1);
    assert_int_equal(
        q_int(db, "SELECT count(*) FROM data_state WHERE latest_date = ?1", "2026-01-20"), 1);
    /* the case ends earlier: the latest date is the follow-up's */
    assert_int_equal(uf_db_exec(db, "UPDATE cases SET end_date = '2025-10-01' WHERE id = 1"),
                     UF_OK);
    assert_int_equal(uf_db_note_latest(db, INT_MIN), UF_OK);
    assert_int_equal(
        q_int(db, "SELECT count(*) FROM data_state WHERE latest_date = ?1", "2025-12-01"), 1);
    /* an import's outcome of 2026-02-03 (day 20487) raises both; one of
     * 2025-01-01 (day 20089) changes nothing */
    assert_int_equal(uf_db_note_latest(db, 20487), UF_OK);
    assert_int_equal(uf_db_note_latest(db, 20089), UF_OK);
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM data_state WHERE latest_date = ?1 AND "
                           "event_latest = latest_date",
                           "2026-02-03"),
                     1);
    uf_db_close(db);
}

/* A filled database of version 3 gets version 4 with every row kept and
 * no key fingerprint; the first key checked becomes its key, the same key
 * passes again, and another key is refused (UF_ERR_KEY), leaving the
 * stored fingerprint as it was. */
static void test_db__migration_4_ties_the_first_key(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "v3.db");
    sqlite3 *raw = old_schema(path, 3);
    assert_int_equal(
        sqlite3_exec(raw,
                     "PRAGMA user_version = 3;"
                     "INSERT INTO persons (id, pseudonym) VALUES (1, 'psa'), (2, 'psb');"
                     "INSERT INTO outcomes (person_id, date, measure, value) VALUES "
                     "  (1, '2025-11-03', 'vald', 1);",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_open(path, &db), UF_OK);
    assert_schema(db);
    assert_int_equal(q_int(db, "SELECT count(*) FROM persons", NULL), 2);
    assert_int_equal(q_int(db, "SELECT count(*) FROM outcomes", NULL), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM key_check", NULL), 0);
    assert_int_equal(uf_db_key_check(db, "kf0001"), UF_OK);
    assert_int_equal(uf_db_key_check(db, "kf0001"), UF_OK);
    assert_int_equal(uf_db_key_check(db, "kf0002"), UF_ERR_KEY);
    assert_int_equal(q_int(db, "SELECT count(*) FROM key_check WHERE fingerprint = ?1", "kf0001"),
                     1);
    uf_db_close(db);
}

/* A filled database of version 4 gets version 5 (the log of outputs):
 * every row kept, the key's fingerprint too, and an empty log that takes
 * an output run with its files. */
static void test_db__migration_5_adds_the_output_log(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "v4.db");
    sqlite3 *raw = old_schema(path, 4);
    assert_int_equal(sqlite3_exec(raw,
                                  "PRAGMA user_version = 4;"
                                  "INSERT INTO persons (id, pseudonym) VALUES (1, 'psa');"
                                  "INSERT INTO key_check (id, fingerprint) VALUES (1, 'kf01');"
                                  "INSERT INTO import_run (started_at, user, version, outcome) "
                                  "  VALUES ('2026-01-01T00:00:00Z', 'u', '0.1.0', 'ok');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(raw);
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_open(path, &db), UF_OK);
    assert_schema(db);
    assert_int_equal(q_int(db, "SELECT count(*) FROM persons", NULL), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM import_run", NULL), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM key_check WHERE fingerprint = ?1", "kf01"), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM output_run", NULL), 0);
    const char *files[] = { "r/a.pdf", "r/a.csv" }, *sums[] = { "aa", "bb" };
    uf_output_log l = { .at = "2026-12-01T10:00:00Z",
                        .user = "u",
                        .version = "0.1.0",
                        .command = "report utfall",
                        .parameters = "report utfall --by sex",
                        .population = "program SIG",
                        .audience = "extern",
                        .files = files,
                        .sha256 = sums,
                        .nfiles = 2 };
    assert_int_equal(uf_db_log_output(db, &l), UF_OK);
    assert_int_equal(q_int(db, "SELECT count(*) FROM output_file WHERE run_id = 1", NULL), 2);
    uf_db_close(db);
}

/* A filled database of version 5 (a person, a case, an output run) gets
 * version 6: every row kept, and the actions of a case can be stored (and
 * a status outside the code list cannot). */
static void test_db__migration_6_adds_actions(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "v5.db");
    sqlite3 *raw = old_schema(path, 5);
    assert_int_equal(
        sqlite3_exec(raw,
                     "PRAGMA user_version = 5;"
                     "INSERT INTO persons (id, pseudonym) VALUES (1, 'psa');"
                     "INSERT INTO cases (id, case_id, person_id, programme, start_date)"
                     "  VALUES (1, 'K1', 1, 'SIG', '2025-01-10');"
                     "INSERT INTO output_run (at, user, version, command, parameters)"
                     "  VALUES ('2026-12-01T10:00:00Z', 'u', '0.1.0', 'export', '');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_open(path, &db), UF_OK);
    assert_schema(db);
    assert_int_equal(q_int(db, "SELECT count(*) FROM persons", NULL), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM cases WHERE case_id = ?1", "K1"), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM output_run", NULL), 1);
    assert_int_equal(uf_db_exec(db, "INSERT INTO actions (case_id, action_id, actor, status) "
                                    "VALUES (1, '1', 'polis', 'genomford')"),
                     UF_OK);
    assert_int_equal(uf_db_exec(db, "INSERT INTO actions (case_id, action_id, actor, status) "
                                    "VALUES (1, '2', 'skola', 'klar')"),
                     UF_ERR_DB);
    assert_int_equal(q_int(db, "SELECT count(*) FROM actions", NULL), 1);
    uf_db_close(db);
}

/* One SELECT per table of db (its columns now, quoted and joined), one per
 * line; caller frees.  Made before a migration, run after it: the rows of
 * the tables and columns a version had.  Not data_state: the latest date
 * in the data, which migration 3 works out anew (tested above). */
static char *row_queries(sqlite3 *db)
{
    size_t cap = 1 << 14, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    sqlite3_stmt *tabs = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite%' AND name <> 'data_state' "
                                        "ORDER BY name",
                                        -1, &tabs, NULL),
                     SQLITE_OK);
    while (sqlite3_step(tabs) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(tabs, 0);
        char sql[2048], cols[1536] = "";
        snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", t);
        sqlite3_stmt *ci = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &ci, NULL), SQLITE_OK);
        while (sqlite3_step(ci) == SQLITE_ROW) {
            size_t used = strlen(cols);
            snprintf(cols + used, sizeof cols - used, "%squote(%s)", used ? " || ',' || " : "",
                     sqlite3_column_text(ci, 0));
        }
        sqlite3_finalize(ci);
        int n = snprintf(sql, sizeof sql, "SELECT '%s:' || %s FROM %s ORDER BY 1\n", t, cols, t);
        assert_true(n > 0 && len + (size_t)n < cap);
        memcpy(out + len, sql, (size_t)n + 1);
        len += (size_t)n;
    }
    sqlite3_finalize(tabs);
    return out;
}

/* The rows the queries of row_queries give on db, one line each; caller
 * frees. */
static char *rows_text(sqlite3 *db, const char *queries)
{
    size_t cap = 1 << 16, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    for (const char *q = queries; *q; q = strchr(q, '\n') + 1) {
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, q, (int)(strchr(q, '\n') - q), &st, NULL),
                         SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *row = (const char *)sqlite3_column_text(st, 0);
            size_t n = strlen(row);
            while (len + n + 2 > cap) {
                cap *= 2;
                out = realloc(out, cap);
                assert_non_null(out);
            }
            memcpy(out + len, row, n);
            len += n;
            out[len++] = '\n';
            out[len] = '\0';
        }
        sqlite3_finalize(st);
    }
    return out;
}

/* A filled database of each earlier version, 1 to 5, opened by this
 * uppfolj: migrated to the current version with every row of every table
 * it had kept as it was (rows_text before and after), and the new
 * columns of version 6 empty. */
static void test_db__every_earlier_version_migrates_with_nothing_lost(void **state)
{
    const char *dir = *state;
    static const char *const fill =
        "INSERT INTO import_run (id, started_at, user, version, outcome) VALUES "
        "  (1, '2025-01-01T10:00:00Z', 'u', '0.1.0', 'ok');"
        "INSERT INTO import_file (run_id, seq, path, sha256, kind, encoding, rows, inserted) "
        "  VALUES (1, 1, 'cases.csv', 'ab', 'cases', 'UTF-8', 2, 2);"
        "INSERT INTO persons (id, pseudonym, birth_date, sex, unit) VALUES "
        "  (1, 'psa', '2008-01-01', 'F', 'Norr'), (2, 'psb', '2009-02-02', 'M', NULL);"
        "INSERT INTO cases (id, case_id, person_id, programme, unit, target_group, "
        "  referred_by, referral_date, consent_date, plan_date, start_date, end_date, "
        "  end_reason, form, followup_consent, run_id) VALUES "
        "  (1, 'A1', 1, 'SIG', 'Norr', 'riskzon', 'polis', '2023-12-01', '2023-12-10', "
        "   '2024-01-20', '2024-01-01', '2025-06-30', 'flytt', 'service', 1, 1),"
        "  (2, 'A2', 2, 'SIG', NULL, NULL, NULL, NULL, NULL, NULL, '2025-02-01', NULL, NULL, "
        "   NULL, 0, 1);"
        "INSERT INTO interventions (case_id, person_id, insats, provider, start_date, end_date) "
        "  VALUES (1, 1, 'hvb', 'socialtjanst', '2024-02-01', '2024-05-01'),"
        "  (NULL, 2, 'sis', 'sis', '2025-03-01', NULL);"
        "INSERT INTO assessments (id, assessment_id, person_id, case_id, instrument, date, "
        "  total_score, risk_level) VALUES (1, 'b1', 1, 1, 'ester', '2024-01-05', 21, 'medel');"
        "INSERT INTO assessment_items (assessment_id, name, value) VALUES (1, 'item1', 2);"
        "INSERT INTO outcomes (person_id, date, measure, value) VALUES "
        "  (1, '2024-03-01', 'misstanke_brott', 1), (2, '2025-11-03', 'vald', 2);"
        "INSERT INTO goals (case_id, domain, set_date, status) VALUES "
        "  (1, 'skola', '2024-02-01', 'uppnatt');"
        "INSERT INTO goal_followups (case_id, domain, set_date, followup_date, status) VALUES "
        "  (1, 'skola', '2024-02-01', '2024-06-01', 'uppnatt');"
        "INSERT INTO meetings (case_id, date, type, participants) VALUES "
        "  (1, '2024-03-01', 'natverksmote', 'polis|skola'), (2, '2025-09-01', 'beredning', '');";
    for (int v = 1; v <= 5; v++) {
        char path[TU_PATH], name[16], pragma[40];
        snprintf(name, sizeof name, "fill%d.db", v);
        tu_path(path, dir, name);
        sqlite3 *raw = old_schema(path, v);
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", v);
        assert_int_equal(sqlite3_exec(raw, pragma, NULL, NULL, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_exec(raw, fill, NULL, NULL, NULL), SQLITE_OK);
        if (v >= 5)
            assert_int_equal(sqlite3_exec(raw,
                                          "INSERT INTO output_run (at, user, version, command, "
                                          "parameters) VALUES ('2026-12-01T10:00:00Z', 'u', "
                                          "'0.1.0', 'report', 'utfall');",
                                          NULL, NULL, NULL),
                             SQLITE_OK);
        char *queries = row_queries(raw);
        char *before = rows_text(raw, queries);
        sqlite3_close(raw);
        sqlite3 *db = NULL;
        assert_int_equal(uf_db_open(path, &db), UF_OK);
        assert_schema(db);
        char *after = rows_text(db, queries);
        if (strcmp(after, before) != 0)
            print_error("version %d\n--- before\n%s--- after\n%s", v, before, after);
        assert_string_equal(after, before);
        assert_int_equal(
            q_int(db, "SELECT count(*) FROM data_state WHERE latest_date = ?1", "2025-11-03"), 1);
        assert_true(strlen(before) > 500); /* the rows were there to keep */
        assert_int_equal(q_int(db,
                               "SELECT count(*) FROM cases WHERE assessed_date IS NULL AND "
                               "offer IS NULL AND consent_withdrawn_date IS NULL",
                               NULL),
                         2);
        assert_int_equal(q_int(db, "SELECT count(*) FROM actions", NULL), 0);
        free(queries);
        free(before);
        free(after);
        uf_db_close(db);
    }
}

/* SQLite's "not a database": an uppfolj error of its own, not bad data */
static void test_db__open_non_database_is_foreign(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    char junk[4096];
    memset(junk, 'x', sizeof junk);
    assert_int_equal(tu_write_bytes(dir, "junk.db", junk, sizeof junk, path), 0);
    sqlite3 *db = SENTINEL;
    assert_int_equal(uf_db_open(path, &db), UF_ERR_FOREIGN);
    assert_null(db);
}

static void test_db__foreign_keys_on_after_open(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "fk.db");
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_create(path, &db), UF_OK);
    assert_int_equal(q_int(db, "PRAGMA foreign_keys", NULL), 1);
    uf_db_close(db);

    assert_int_equal(uf_db_open(path, &db), UF_OK);
    assert_int_equal(q_int(db, "PRAGMA foreign_keys", NULL), 1);
    /* a case of a person that does not exist is refused */
    assert_int_equal(uf_db_exec(db, "INSERT INTO cases (case_id, person_id, programme) "
                                    "VALUES ('A1', 999, 'SIG')"),
                     UF_ERR_DB);
    assert_int_equal(q_int(db, "SELECT count(*) FROM cases", NULL), 0);
    uf_db_close(db);
}

static void test_db__prepare_named_query(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "q.db");
    sqlite3 *db = NULL;
    assert_int_equal(uf_db_create(path, &db), UF_OK);
    sqlite3_stmt *st = uf_db_prepare(db, "check_counts");
    assert_non_null(st);
    /* a row per table of data (at least the seven entities of SPEC §3),
     * each with 0 rows */
    int rows = 0, nonzero = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        nonzero += sqlite3_column_int(st, 1) != 0;
        rows++;
    }
    sqlite3_finalize(st);
    assert_true(rows >= 7);
    assert_int_equal(nonzero, 0);
    uf_db_close(db);
    uf_db_close(NULL); /* NULL-safe */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup_dir, tu_teardown_dir)
    const struct CMUnitTest tests[] = {
        T(test_db__create_makes_private_file_with_schema),
        T(test_db__create_never_overwrites),
        T(test_db__create_in_missing_folder_is_io_error),
        T(test_db__open_missing_file),
        T(test_db__open_newer_database_is_version_error),
        T(test_db__open_refuses_foreign_files),
        T(test_db__damage_and_read_only_are_named),
        T(test_db__migration_2_keeps_rows_and_finds_latest),
        T(test_db__migration_3_keeps_rows_and_tracks_event_dates),
        T(test_db__migration_4_ties_the_first_key),
        T(test_db__migration_5_adds_the_output_log),
        T(test_db__migration_6_adds_actions),
        T(test_db__every_earlier_version_migrates_with_nothing_lost),
        T(test_db__open_non_database_is_foreign),
        T(test_db__foreign_keys_on_after_open),
        T(test_db__prepare_named_query),
    };
    return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
