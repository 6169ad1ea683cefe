/*
 * test_import_pnrcols.c - SPEC §3 "no personnummer in any column but
 * person": a cell outside the person column that is a valid personnummer
 * or samordningsnummer is an import error that names file, line and column,
 * never quotes the number, and stores nothing of the run.  Values that only
 * resemble one (an id with letters, a wrong check digit, an impossible
 * date) are ordinary values.
 *
 * Each test gets a fresh database and key in a mkdtemp folder and writes
 * its own small CSV files there.
 *
 * Test numbers (Skatteverket's test series, birth numbers 980-999), Luhn
 * over YYMMDDNNN with weights 2,1,2,1,...; a product over 9 counts as its
 * digit sum; check = (10 - sum % 10) % 10 (also checked with Python):
 *   20090315-980?: 0 9 0 3 2 5 9 8 0      sum 36 -> 4   (the person)
 *   20100522-982?: 2 0 0 5 4 2 9 8 4      sum 34 -> 6
 *   100101+998?:   2 0 0 1 0 1 9 9 7      sum 29 -> 1   (born 1910)
 *   20090375-998?: 0 9 0 3 5 5 9 9 7      sum 47 -> 3   (samordningsnummer)
 *   20100230-998?: 2 0 0 2 6 0 9 9 7      sum 35 -> 5   (Feb 30: no date)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "uppfolj/db.h"
#include "uppfolj/import.h"
#include "uppfolj/pseudo.h"
#include "testutil.h"

#define PERSON "20090315-9804"
#define PERSONS_CSV "person;kon\n" PERSON ";M\n"
#define MSG "personnummer får bara stå i kolumnen person"

/* 2026-11-23 as a day number (see test_import.c). */
#define TODAY 20780

typedef struct fx {
    char dir[TU_PATH];
    sqlite3 *db;
    uf_key key;
    uf_diag d;
    uf_import_result res;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || tu_mkdtemp(f->dir) != 0) {
        free(f);
        return -1;
    }
    char dbpath[TU_PATH], keypath[TU_PATH];
    tu_path(dbpath, f->dir, "uppfolj.db");
    tu_path(keypath, f->dir, "uppfolj.db.key");
    uf_diag_init(&f->d);
    if (uf_db_create(dbpath, &f->db) != UF_OK || uf_key_create(keypath) != UF_OK ||
        uf_key_load(keypath, &f->key) != UF_OK) {
        uf_db_close(f->db);
        tu_rmtree(f->dir);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    uf_import_result_release(&f->res);
    uf_diag_release(&f->d);
    uf_db_close(f->db);
    uf_key_wipe(&f->key);
    int rc = tu_rmtree(f->dir);
    free(f);
    return rc;
}

static void put(fx *f, const char *name, const char *text)
{
    assert_int_equal(tu_write(f->dir, name, text, NULL), 0);
}

/* Import the n named files of the test's folder in one run. */
static uf_error run(fx *f, size_t n, ...)
{
    char paths[4][TU_PATH];
    const char *pp[4];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n && i < 4; i++) {
        tu_path(paths[i], f->dir, va_arg(ap, const char *));
        pp[i] = paths[i];
    }
    va_end(ap);
    uf_import_result_release(&f->res);
    uf_diag_release(&f->d);
    uf_import_opts o = {
        .paths = pp,
        .npaths = n,
        .today = TODAY,
        .user = "testare",
        .started_at = "2026-11-23T09:00:00Z",
    };
    uf_error rc = uf_import(f->db, &f->key, &o, &f->res, &f->d);
    for (size_t i = 0; i < f->res.nfiles; i++)
        f->res.files[i].path = NULL; /* borrowed from paths */
    return rc;
}

static long long q_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Rows of every data table: 0 after a failed run into an empty database. */
static long long data_rows(sqlite3 *db)
{
    return q_int(db, "SELECT (SELECT count(*) FROM persons) + (SELECT count(*) FROM cases)"
                     " + (SELECT count(*) FROM assessments)"
                     " + (SELECT count(*) FROM assessment_items)"
                     " + (SELECT count(*) FROM meetings)");
}

/*
 * Expect the personnummer error at file:line in column (as the header
 * names it), and that no message of the run holds digits (all test
 * numbers are digits; the messages quote none).
 */
static void expect_pnr_error(fx *f, const char *file, unsigned long line, const char *column)
{
    for (size_t i = 0; i < f->d.n; i++) {
        const uf_diag_entry *e = &f->d.items[i];
        if (e->severity == UF_ERROR && strcmp(e->file, file) == 0 && e->line == line && e->column &&
            strcmp(e->column, column) == 0 && strstr(e->message, MSG))
            return;
    }
    fail_msg("no personnummer error at %s:%lu in %s (%zu diagnostics)", file, line, column, f->d.n);
}

/* No diagnostic's message or column quotes a digit of the test numbers. */
static void expect_no_number_quoted(fx *f)
{
    for (size_t i = 0; i < f->d.n; i++) {
        const uf_diag_entry *e = &f->d.items[i];
        if (strstr(e->message, "0101") || strstr(e->message, "0522") ||
            strstr(e->message, "0375") || (e->column && strpbrk(e->column, "0123456789")))
            fail_msg("a message quotes a number: %s: %s", e->column ? e->column : "", e->message);
    }
}

/* 12-digit form with '-' as a case id: an error in case_id, and the
 * persons file of the same run is rolled back too (all or nothing). */
static void test_import_pnrcols__case_id(void **state)
{
    fx *f = *state;
    put(f, "p.csv", PERSONS_CSV);
    put(f, "c.csv", "case_id;person\n20100522-9826;" PERSON "\n");
    assert_int_equal(run(f, 2, "p.csv", "c.csv"), UF_ERR_INPUT);
    expect_pnr_error(f, "c.csv", 2, "case_id");
    assert_int_equal(f->d.errors, 1);
    expect_no_number_quoted(f);
    assert_int_equal(data_rows(f->db), 0);
}

/* 10-digit form with '-' as a unit, under the Swedish header "enhet": the
 * message names the column as the file has it.  The same in the persons
 * file's unit, and a 10-digit form without separator in programme. */
static void test_import_pnrcols__unit_and_programme(void **state)
{
    fx *f = *state;
    put(f, "p.csv", "person;kon;enhet\n" PERSON ";M;100522-9826\n");
    put(f, "c.csv", "arende;person;enhet;program\nA-1;" PERSON ";100522-9826;1005229826\n");
    assert_int_equal(run(f, 2, "p.csv", "c.csv"), UF_ERR_INPUT);
    expect_pnr_error(f, "p.csv", 2, "enhet");
    expect_pnr_error(f, "c.csv", 2, "enhet");
    expect_pnr_error(f, "c.csv", 2, "program");
    expect_no_number_quoted(f);
    assert_int_equal(data_rows(f->db), 0);
}

/* Assessments: '+' form as assessment_id, a 12-digit number without
 * separator as an item score (it parses as a number, so without the check
 * it would be stored as one), a samordningsnummer as another item, and
 * 10 digits as the total score.  Every cell is listed: 4 errors. */
static void test_import_pnrcols__assessment_and_items(void **state)
{
    fx *f = *state;
    put(f, "p.csv", PERSONS_CSV);
    put(f, "c.csv", "case_id;person\nA-1;" PERSON "\n");
    put(f, "b.csv",
        "assessment_id;case_id;instrument;date;total_score;item:x;item:y\n"
        "100101+9981;A-1;ester;2024-01-10;1005229826;201005229826;"
        "20090375-9983\n");
    assert_int_equal(run(f, 3, "p.csv", "c.csv", "b.csv"), UF_ERR_INPUT);
    expect_pnr_error(f, "b.csv", 2, "assessment_id");
    expect_pnr_error(f, "b.csv", 2, "total_score");
    expect_pnr_error(f, "b.csv", 2, "item:x");
    expect_pnr_error(f, "b.csv", 2, "item:y");
    assert_int_equal(f->d.errors, 4);
    expect_no_number_quoted(f);
    assert_int_equal(data_rows(f->db), 0);
}

/* Code columns: a personnummer is no code, but the "unknown value" message
 * would quote it; the personnummer error comes instead.  In a list column
 * one part is enough.  Rows 2 and 3 both reported. */
static void test_import_pnrcols__codes_not_quoted(void **state)
{
    fx *f = *state;
    put(f, "p.csv", PERSONS_CSV);
    put(f, "c.csv", "case_id;person;target_group\nA-1;" PERSON ";20090375-9983\n");
    put(f, "m.csv",
        "case_id;date;type;participants\n"
        "A-1;2024-01-10;beredning;ungdom| 100522-9826 |skola\n"
        "A-1;2024-01-11;201005229826;ungdom\n");
    assert_int_equal(run(f, 3, "p.csv", "c.csv", "m.csv"), UF_ERR_INPUT);
    expect_pnr_error(f, "c.csv", 2, "target_group");
    expect_pnr_error(f, "m.csv", 2, "participants");
    expect_pnr_error(f, "m.csv", 3, "type");
    assert_int_equal(f->d.errors, 3);
    expect_no_number_quoted(f);
    assert_int_equal(data_rows(f->db), 0);
}

/* A file without its header row: the first row's personnummer would be
 * echoed as an unknown column name; it is an error that quotes nothing. */
static void test_import_pnrcols__header_row_missing(void **state)
{
    fx *f = *state;
    put(f, "personer.csv", PERSON ";M\n");
    assert_int_equal(run(f, 1, "personer.csv"), UF_ERR_INPUT);
    bool found = false;
    for (size_t i = 0; i < f->d.n; i++)
        found |= f->d.items[i].line == 1 && !f->d.items[i].column &&
                 strstr(f->d.items[i].message, "saknas rubrikraden") != NULL;
    assert_true(found);
    for (size_t i = 0; i < f->d.n; i++)
        if (f->d.items[i].column)
            assert_null(strstr(f->d.items[i].column, "0315"));
    assert_int_equal(data_rows(f->db), 0);
}

/*
 * Values that only look like a personnummer are stored as they are:
 * - "A-000123": letters, so not a number at all;
 * - "1005229827": 10 digits with a valid date, but the check digit is 6;
 * - "20100230-9985": the Luhn digit is right, but 2010-02-30 is no date;
 * - "20261224-9801": the date is after today (2026-11-23);
 * - "123456789": 9 digits, no personnummer form;
 * - item score 7 and total score 30: ordinary numbers.
 */
static void test_import_pnrcols__lookalikes_accepted(void **state)
{
    fx *f = *state;
    put(f, "p.csv", "person;kon;enhet\n" PERSON ";M;123456789\n");
    put(f, "c.csv",
        "case_id;person;unit\nA-000123;" PERSON ";1005229827\n"
        "20100230-9985;" PERSON ";20261224-9801\n");
    put(f, "b.csv",
        "assessment_id;case_id;instrument;date;total_score;item:x\n"
        "1005229827;A-000123;ester;2024-01-10;30;7\n");
    assert_int_equal(run(f, 3, "p.csv", "c.csv", "b.csv"), UF_OK);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM cases WHERE case_id = 'A-000123'"
                                  " AND unit = '1005229827'"),
                     1);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM cases WHERE case_id = '20100230-9985'"), 1);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM assessment_items"), 1);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM persons WHERE unit = '123456789'"), 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_import_pnrcols__case_id),
        T(test_import_pnrcols__unit_and_programme),
        T(test_import_pnrcols__assessment_and_items),
        T(test_import_pnrcols__codes_not_quoted),
        T(test_import_pnrcols__header_row_missing),
        T(test_import_pnrcols__lookalikes_accepted),
    };
#undef T
    return cmocka_run_group_tests_name("import_pnrcols", tests, NULL, NULL);
}
