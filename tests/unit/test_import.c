/*
 * test_import.c - the import engine (import.h) against SPEC §3 and §4:
 * what a valid run stores, re-imports, every validation rule with its
 * message and place, all-or-nothing with a logged failed run, dry runs,
 * --kind, file order, encodings and delimiters, and that no personnummer
 * reaches the database or a message.
 *
 * Each test gets a fresh database and key in a mkdtemp folder and writes
 * its own small CSV files there.  Expected counts and values are read off
 * those files by hand.
 *
 * Test personnummer (Luhn over YYMMDDNNN with weights 2,1,2,1,...; a
 * product over 9 counts as its digit sum; check = (10 - sum % 10) % 10):
 *   20090315-980?: 0*2=0 9 0*2=0 3 1*2=2 5 9*2=18->9 8 0*2=0   sum 36 -> 4
 *   20100522-982?: 1*2=2 0 0*2=0 5 2*2=4 2 9*2=18->9 8 2*2=4   sum 34 -> 6
 *   20081101-981?: 0*2=0 8 1*2=2 1 0*2=0 1 9*2=18->9 8 1*2=2   sum 31 -> 9
 *   20110101-980?: 1*2=2 1 0*2=0 1 0*2=0 1 9*2=18->9 8 0*2=0   sum 22 -> 8
 * (also checked with a few lines of Python).  20090315-9805 has a wrong
 * check digit.
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

#define P1 "20090315-9804"
#define P2 "20100522-9826"
#define P3 "20081101-9819"
#define P4 "20110101-9808"    /* valid, but in no persons file */
#define P_BAD "20090315-9805" /* wrong check digit */

/* 2026-11-23: 1970-01-01 + 56 years of which 14 leap (1972..2024):
 * 56*365 + 14 = 20454 for 2026-01-01; + 304 (Jan..Oct) + 22 = 20780. */
#define TODAY 20780

#define ANY_LINE ((unsigned long)-1)

/* ---- fixture ---------------------------------------------------------------- */

typedef struct fx {
    char dir[TU_PATH];
    char dbpath[TU_PATH];
    sqlite3 *db;
    uf_key key;
    uf_diag d;
    uf_import_result res;
    unsigned long long prog_done, prog_total;
    int prog_calls;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || tu_mkdtemp(f->dir) != 0) {
        free(f);
        return -1;
    }
    char keypath[TU_PATH];
    tu_path(f->dbpath, f->dir, "uppfolj.db");
    tu_path(keypath, f->dir, "uppfolj.db.key");
    uf_diag_init(&f->d);
    if (uf_db_create(f->dbpath, &f->db) != UF_OK || uf_key_create(keypath) != UF_OK ||
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

/* Write text to the file name in the test's folder. */
static void put(fx *f, const char *name, const char *text)
{
    assert_int_equal(tu_write(f->dir, name, text, NULL), 0);
}

static void on_progress(void *ctx, unsigned long long done, unsigned long long total)
{
    fx *f = ctx;
    f->prog_done = done;
    f->prog_total = total;
    f->prog_calls++;
}

/* Import the n named files of the folder with --kind kind (or NULL). */
static uf_error run_kind(fx *f, const char *kind, bool dry, size_t n, ...)
{
    char paths[8][TU_PATH];
    const char *pp[8];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n && i < 8; i++) {
        tu_path(paths[i], f->dir, va_arg(ap, const char *));
        pp[i] = paths[i];
    }
    va_end(ap);
    uf_import_result_release(&f->res);
    uf_diag_release(&f->d);
    f->prog_calls = 0;
    uf_import_opts o = {
        .paths = pp,
        .npaths = n,
        .kind = kind,
        .dry_run = dry,
        .today = TODAY,
        .user = "testare",
        .started_at = "2026-11-23T09:00:00Z",
        .progress = on_progress,
        .progress_ctx = f,
    };
    uf_error rc = uf_import(f->db, &f->key, &o, &f->res, &f->d);
    /* paths are borrowed from the options: forget them */
    for (size_t i = 0; i < f->res.nfiles; i++)
        f->res.files[i].path = NULL;
    return rc;
}

#define run(f, n, ...) run_kind((f), NULL, false, (n), __VA_ARGS__)

/* ---- database look-ups ------------------------------------------------------ */

/* The integer of the first column of the first row; -1 when none. */
static long long q_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static double q_real(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    double v = -12345;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The text of the first column of the first row into out ("(null)" for
 * NULL, "(none)" for no row). */
static const char *q_text(sqlite3 *db, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) != SQLITE_ROW)
        snprintf(out, n, "(none)");
    else if (sqlite3_column_type(st, 0) == SQLITE_NULL)
        snprintf(out, n, "(null)");
    else
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

#define assert_q_text(db, sql, expected)                                         \
    do {                                                                         \
        char buf_[256];                                                          \
        assert_string_equal(q_text((db), (sql), buf_, sizeof buf_), (expected)); \
    } while (0)

typedef struct counts {
    long long persons, cases, interventions, assessments, items, outcomes, goals, followups,
        meetings, runs, files;
} counts;

static counts get_counts(sqlite3 *db)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM cases),"
        " (SELECT count(*) FROM interventions), (SELECT count(*) FROM assessments),"
        " (SELECT count(*) FROM assessment_items), (SELECT count(*) FROM outcomes),"
        " (SELECT count(*) FROM goals), (SELECT count(*) FROM goal_followups),"
        " (SELECT count(*) FROM meetings),"
        " (SELECT count(*) FROM import_run), (SELECT count(*) FROM import_file)";
    sqlite3_stmt *st = NULL;
    counts c;
    memset(&c, 0xff, sizeof c);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        c.persons = sqlite3_column_int64(st, 0);
        c.cases = sqlite3_column_int64(st, 1);
        c.interventions = sqlite3_column_int64(st, 2);
        c.assessments = sqlite3_column_int64(st, 3);
        c.items = sqlite3_column_int64(st, 4);
        c.outcomes = sqlite3_column_int64(st, 5);
        c.goals = sqlite3_column_int64(st, 6);
        c.followups = sqlite3_column_int64(st, 7);
        c.meetings = sqlite3_column_int64(st, 8);
        c.runs = sqlite3_column_int64(st, 9);
        c.files = sqlite3_column_int64(st, 10);
    }
    sqlite3_finalize(st);
    return c;
}

static void assert_data_equal(counts a, counts b)
{
    if (a.persons != b.persons || a.cases != b.cases || a.interventions != b.interventions ||
        a.assessments != b.assessments || a.items != b.items || a.outcomes != b.outcomes ||
        a.goals != b.goals || a.followups != b.followups || a.meetings != b.meetings)
        fail_msg("data differ: persons %lld/%lld cases %lld/%lld interventions %lld/%lld "
                 "assessments %lld/%lld items %lld/%lld outcomes %lld/%lld goals %lld/%lld "
                 "follow-ups %lld/%lld meetings %lld/%lld",
                 a.persons, b.persons, a.cases, b.cases, a.interventions, b.interventions,
                 a.assessments, b.assessments, a.items, b.items, a.outcomes, b.outcomes, a.goals,
                 b.goals, a.followups, b.followups, a.meetings, b.meetings);
}

/* ---- diagnostics ----------------------------------------------------------- */

/* The first diagnostic that matches; NULL arguments and ANY_LINE match all. */
static const uf_diag_entry *find_diag(const uf_diag *d, uf_severity sev, const char *file,
                                      unsigned long line, const char *column, const char *part)
{
    for (size_t i = 0; i < d->n; i++) {
        const uf_diag_entry *e = &d->items[i];
        if (e->severity != sev || (file && strcmp(e->file, file) != 0) ||
            (line != ANY_LINE && e->line != line))
            continue;
        if (column && (!e->column || strcmp(e->column, column) != 0))
            continue;
        if (part && !strstr(e->message, part))
            continue;
        return e;
    }
    return NULL;
}

static const uf_diag_entry *expect_diag(fx *f, uf_severity sev, const char *file,
                                        unsigned long line, const char *column, const char *part)
{
    const uf_diag_entry *e = find_diag(&f->d, sev, file, line, column, part);
    if (!e) {
        uf_diag_print(&f->d, stderr);
        fail_msg("no %s %s:%lu column %s containing \"%s\"", sev == UF_ERROR ? "error" : "warning",
                 file ? file : "*", line, column ? column : "*", part ? part : "");
    }
    return e;
}

static void expect_errors(fx *f, unsigned long n)
{
    if (f->d.errors != n) {
        uf_diag_print(&f->d, stderr);
        fail_msg("%lu errors, expected %lu", f->d.errors, n);
    }
}

/* A failed run: UF_ERR_INPUT, no data changed since before, one more
 * import_run row with outcome 'fel' and the errors counted. */
static void expect_failed_run(fx *f, uf_error rc, counts before)
{
    if (rc != UF_ERR_INPUT) {
        uf_diag_print(&f->d, stderr);
        fail_msg("import gave %d, expected UF_ERR_INPUT", (int)rc);
    }
    assert_false(f->res.stored);
    counts after = get_counts(f->db);
    assert_data_equal(before, after);
    assert_int_equal(after.runs, before.runs + 1);
    assert_q_text(f->db, "SELECT outcome FROM import_run ORDER BY id DESC LIMIT 1", "fel");
    assert_int_equal(q_int(f->db, "SELECT errors FROM import_run ORDER BY id DESC LIMIT 1"),
                     (long long)f->d.errors);
    assert_true(f->res.run_id > 0);
}

static void expect_ok(fx *f, uf_error rc)
{
    if (rc != UF_OK) {
        uf_diag_print(&f->d, stderr);
        fail_msg("import gave %d, expected UF_OK", (int)rc);
    }
}

/* ---- the valid data set ----------------------------------------------------- */

static const char persons_csv[] =
    "person;birth_date;sex;unit\n" P1 ";;F;Norr\n" P2 ";2010-05-22;M;Söder\n" P3 ";;M;Norr\n";

static const char cases_csv[] =
    "case_id;person;programme;unit;target_group;referred_by;referral_date;consent_date;"
    "plan_date;start_date;end_date;end_reason;form;followup_consent\n"
    "A1;" P1 ";SIG;Norr;riskzon;polis;2024-01-10;2024-01-20;2024-02-01;2024-02-01;"
    "2024-12-01;mal_uppfyllda;bistand;ja\n"
    "A2;" P2 ";SIG;Söder;avhopp;skola;2024-03-01;2024-03-05;;2024-03-10;;;service;nej\n"
    "A3;" P3 ";SSPF;;riskzon;socialtjanst;2025-01-01;;;;;;;\n";

static const char interventions_csv[] = "case_id;person;insats;provider;start_date;end_date\n"
                                        "A1;;mst;socialtjanst;2024-02-05;2024-08-01\n"
                                        "A1;;kontaktperson;socialtjanst;2024-02-10;\n"
                                        "A2;" P2 ";fft;bup;2024-03-15;\n";

static const char assessments_csv[] =
    "assessment_id;person;case_id;instrument;date;total_score;risk_level;item:skola\n"
    "B1;" P1 ";A1;ester;2024-01-25;12,5;medel;3\n"
    "B2;;A2;savry;2024-03-06;20;hog;\n";

static const char outcomes_csv[] =
    "person;date;measure;value\n" P1 ";2023-06-01;misstanke_brott;2\n" P1
    ";2023-09-01;skolfranvaro_pct;35,5\n" P2 ";2024-01-15;uppforandestorning;1\n" P2
    ";2025-01-15;misstanke_brott;\n";

static const char goals_csv[] = "case_id;domain;set_date;followup_date;status\n"
                                "A1;skola;2024-02-01;2024-06-01;delvis\n"
                                "A1;fritid;2024-02-01;;pagaende\n";

static const char meetings_csv[] = "case_id;date;type;participants\n"
                                   "A1;2024-01-15;beredning;polis|socialtjanst\n"
                                   "A1;2024-02-01;natverksmote;ungdom|vardnadshavare|skola\n"
                                   "A2;2024-03-05;natverksmote;ungdom\n";

static void put_valid_set(fx *f)
{
    put(f, "persons.csv", persons_csv);
    put(f, "cases.csv", cases_csv);
    put(f, "interventions.csv", interventions_csv);
    put(f, "assessments.csv", assessments_csv);
    put(f, "outcomes.csv", outcomes_csv);
    put(f, "goals.csv", goals_csv);
    put(f, "meetings.csv", meetings_csv);
}

static uf_error run_valid_set(fx *f)
{
    return run(f, 7, "persons.csv", "cases.csv", "interventions.csv", "assessments.csv",
               "outcomes.csv", "goals.csv", "meetings.csv");
}

/* Persons and cases only, stored: the base of the rule tests. */
static counts load_base(fx *f)
{
    put(f, "persons.csv", persons_csv);
    put(f, "cases.csv", cases_csv);
    expect_ok(f, run(f, 2, "persons.csv", "cases.csv"));
    counts c = get_counts(f->db);
    assert_int_equal(c.persons, 3);
    assert_int_equal(c.cases, 3);
    return c;
}

/* ---- a valid run --------------------------------------------------------------- */

static void test_import__valid_run_stores_every_entity(void **state)
{
    fx *f = *state;
    put_valid_set(f);
    expect_ok(f, run_valid_set(f));
    assert_true(f->res.stored);
    assert_true(f->res.run_id > 0);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->d.warnings, 0);

    /* rows of each file above */
    counts c = get_counts(f->db);
    assert_int_equal(c.persons, 3);
    assert_int_equal(c.cases, 3);
    assert_int_equal(c.interventions, 3);
    assert_int_equal(c.assessments, 2);
    assert_int_equal(c.items, 1);
    assert_int_equal(c.outcomes, 4);
    assert_int_equal(c.goals, 2);     /* (A1, skola) and (A1, fritid) */
    assert_int_equal(c.followups, 1); /* skola followed up 2024-06-01 */
    assert_int_equal(c.meetings, 3);
    assert_int_equal(c.runs, 1);
    assert_int_equal(c.files, 7);

    static const char *const kinds[] = { "persons",  "cases", "interventions", "assessments",
                                         "outcomes", "goals", "meetings" };
    static const unsigned long rows[] = { 3, 3, 3, 2, 4, 2, 3 };
    assert_int_equal(f->res.nfiles, 7);
    for (size_t i = 0; i < 7; i++) {
        const uf_import_file *fl = &f->res.files[i];
        assert_non_null(fl->kind);
        assert_string_equal(fl->kind, kinds[i]);
        assert_int_equal(fl->rows, rows[i]);
        assert_int_equal(fl->inserted, rows[i]);
        assert_int_equal(fl->updated, 0);
        assert_int_equal(fl->unchanged, 0);
        assert_int_equal(fl->info.encoding, UF_ENC_UTF8);
        assert_int_equal(fl->info.delim, ';');
    }

    /* the log */
    assert_q_text(f->db, "SELECT outcome FROM import_run", "ok");
    assert_q_text(f->db, "SELECT user FROM import_run", "testare");
    assert_q_text(f->db, "SELECT started_at FROM import_run", "2026-11-23T09:00:00Z");
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM import_file WHERE length(sha256) = 64 "
                                  "AND encoding = 'UTF-8' AND run_id = 1"),
                     7);
    assert_q_text(f->db,
                  "SELECT kind || ' ' || rows || ' ' || inserted FROM import_file "
                  "WHERE seq = 5",
                  "outcomes 4 4");

    /* progress reached the sum of the file sizes */
    assert_true(f->prog_calls > 0);
    assert_true(f->prog_total > 0);
    assert_int_equal(f->prog_done, f->prog_total);

    /* values: birth date from the number where the file has none */
    assert_q_text(f->db,
                  "SELECT p.birth_date FROM persons p JOIN cases c ON c.person_id = p.id "
                  "WHERE c.case_id = 'A1'",
                  "2009-03-15");
    assert_q_text(f->db,
                  "SELECT p.birth_date || p.sex || p.unit FROM persons p "
                  "JOIN cases c ON c.person_id = p.id WHERE c.case_id = 'A2'",
                  "2010-05-22MSöder");
    /* programme default and given, follow-up consent ja/nej/default */
    assert_q_text(f->db,
                  "SELECT group_concat(programme || followup_consent, ',') FROM "
                  "(SELECT * FROM cases ORDER BY case_id)",
                  "SIG1,SIG0,SSPF1");
    assert_q_text(f->db, "SELECT end_date || end_reason FROM cases WHERE case_id = 'A1'",
                  "2024-12-01mal_uppfyllda");
    /* A3 has no unit: it takes its person's (Norr) */
    assert_q_text(f->db, "SELECT unit FROM cases WHERE case_id = 'A3'", "Norr");
    /* decimal comma: 12,5 -> 12.5; an item score */
    assert_true(q_real(f->db, "SELECT total_score FROM assessments WHERE assessment_id = 'B1'") ==
                12.5);
    assert_q_text(f->db, "SELECT name || '=' || CAST(value AS INTEGER) FROM assessment_items",
                  "skola=3");
    /* B2 names only its case: its person is the case's */
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM assessments a JOIN cases c "
                                  "ON c.id = a.case_id WHERE a.assessment_id = 'B2' "
                                  "AND a.person_id = c.person_id"),
                     1);
    /* an event without value counts 1; 35,5 -> 35.5 */
    assert_true(q_real(f->db, "SELECT value FROM outcomes WHERE date = '2025-01-15'") == 1.0);
    assert_true(q_real(f->db, "SELECT value FROM outcomes WHERE measure = 'skolfranvaro_pct'") ==
                35.5);
    assert_q_text(f->db, "SELECT participants FROM meetings WHERE date = '2024-03-05'", "ungdom");
    /* a goal row without follow-up date carries the goal's own status; one
     * with a date is a follow-up of the goal */
    assert_q_text(f->db, "SELECT status FROM goals WHERE domain = 'fritid'", "pagaende");
    assert_q_text(f->db,
                  "SELECT domain || ' ' || set_date || ' ' || followup_date || ' ' || "
                  "status FROM goal_followups",
                  "skola 2024-02-01 2024-06-01 delvis");
    /* the intervention that named only its case belongs to the case's person */
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM interventions i JOIN cases c "
                                  "ON c.id = i.case_id WHERE i.person_id = c.person_id"),
                     3);
    /* every person is a pseudonym */
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM persons WHERE pseudonym GLOB "
                                  "'ps[0-9a-f]*' AND length(pseudonym) = 34"),
                     3);
}

static void test_import__twice_gives_same_counts(void **state)
{
    fx *f = *state;
    put_valid_set(f);
    expect_ok(f, run_valid_set(f));
    counts first = get_counts(f->db);
    expect_ok(f, run_valid_set(f));
    counts second = get_counts(f->db);
    assert_data_equal(first, second);
    assert_int_equal(second.runs, 2);
    assert_int_equal(second.files, 14);
    static const unsigned long rows[] = { 3, 3, 3, 2, 4, 2, 3 };
    for (size_t i = 0; i < 7; i++) {
        const uf_import_file *fl = &f->res.files[i];
        if (fl->inserted != 0 || fl->updated != 0 || fl->unchanged != rows[i])
            fail_msg("%s: %lu inserted, %lu updated, %lu unchanged; expected 0, 0, %lu", fl->kind,
                     fl->inserted, fl->updated, fl->unchanged, rows[i]);
    }
    assert_int_equal(f->d.warnings, 0);
    assert_q_text(f->db, "SELECT group_concat(outcome) FROM import_run", "ok,ok");
}

static void test_import__changed_field_is_updated(void **state)
{
    fx *f = *state;
    load_base(f);
    /* P2's unit Söder -> Väster; A3 gets an end date and reason */
    put(f, "persons2.csv",
        "person;birth_date;sex;unit\n" P1 ";;F;Norr\n" P2 ";2010-05-22;M;Väster\n" P3 ";;M;Norr\n");
    put(f, "cases2.csv",
        "case_id;person;programme;target_group;referred_by;referral_date;"
        "end_date;end_reason\n"
        "A3;" P3 ";SSPF;riskzon;socialtjanst;2025-01-01;2025-06-30;flytt\n");
    expect_ok(f, run(f, 2, "persons2.csv", "cases2.csv"));
    const uf_import_file *p = &f->res.files[0], *c = &f->res.files[1];
    assert_int_equal(p->inserted, 0);
    assert_int_equal(p->updated, 1);
    assert_int_equal(p->unchanged, 2);
    assert_int_equal(c->inserted, 0);
    assert_int_equal(c->updated, 1);
    assert_int_equal(c->unchanged, 0);
    assert_q_text(f->db,
                  "SELECT p.unit FROM persons p JOIN cases c ON c.person_id = p.id "
                  "WHERE c.case_id = 'A2'",
                  "Väster");
    assert_q_text(f->db, "SELECT end_date || ' ' || end_reason FROM cases WHERE case_id = 'A3'",
                  "2025-06-30 flytt");
    counts n = get_counts(f->db);
    assert_int_equal(n.persons, 3);
    assert_int_equal(n.cases, 3);
}

/* ---- validation rules, one small bad file each ------------------------------ */

static void test_import__bad_date_names_line_column_and_value(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    /* Swedish header; line 2 is fine, line 3 has 2024-02-30 */
    put(f, "arenden.csv",
        "ärende;personnummer;aktualiseringsdatum;samtyckesdatum;startdatum;"
        "slutdatum;avslutsorsak\n"
        "A8;" P1 ";2024-01-10;2024-01-20;2024-02-01;2024-03-01;flytt\n"
        "A9;" P1 ";2024-01-10;2024-01-20;2024-02-01;2024-02-30;flytt\n");
    uf_error rc = run(f, 1, "arenden.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 1);
    const uf_diag_entry *e = expect_diag(f, UF_ERROR, "arenden.csv", 3, "slutdatum", NULL);
    assert_non_null(strstr(e->message, "2024-02-30"));
    assert_non_null(strstr(e->message, "inget giltigt datum"));
    /* the good row A8 was not stored either */
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM cases WHERE case_id = 'A8'"), 0);
}

static void test_import__unknown_code(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    put(f, "c.csv",
        "case_id;person;target_group;referred_by\n"
        "A7;" P1 ";hög;polis\n"
        "A8;" P1 ";riskzon;grannen\n");
    uf_error rc = run(f, 1, "c.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 2);
    const uf_diag_entry *e = expect_diag(f, UF_ERROR, "c.csv", 2, "target_group", "'hög'");
    assert_non_null(strstr(e->message, "riskzon")); /* the allowed codes */
    expect_diag(f, UF_ERROR, "c.csv", 3, "referred_by", "'grannen'");
}

/* No message may quote a personnummer, not even a wrong one. */
static void assert_no_number_in_diags(const uf_diag *d, const char *const *numbers, size_t n)
{
    for (size_t i = 0; i < d->n; i++)
        for (size_t k = 0; k < n; k++) {
            const uf_diag_entry *e = &d->items[i];
            if (strstr(e->message, numbers[k]) || (e->column && strstr(e->column, numbers[k])))
                fail_msg("message \"%s\" quotes a personnummer", e->message);
        }
}

static void test_import__bad_luhn_is_not_echoed(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    put(f, "p.csv", "person;sex\n" P_BAD ";F\n");
    uf_error rc = run(f, 1, "p.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 1);
    const uf_diag_entry *e = expect_diag(f, UF_ERROR, "p.csv", 2, "person", "kontrollsiffra");
    assert_null(strpbrk(e->message, "0123456789"));
    static const char *const nums[] = { "200903159805", "0903159805", "090315-9805", "9805" };
    assert_no_number_in_diags(&f->d, nums, 4);
}

static void test_import__referral_after_consent(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    /* line 2: referral 02-01 after consent 01-20; line 3: start before
     * consent; line 4: end before start */
    put(f, "c.csv",
        "case_id;person;referral_date;consent_date;start_date;end_date;end_reason\n"
        "A5;" P1 ";2024-02-01;2024-01-20;;;\n"
        "A6;" P1 ";2024-01-01;2024-02-01;2024-01-15;;\n"
        "A7;" P1 ";2024-01-01;2024-01-05;2024-02-01;2024-01-31;flytt\n");
    uf_error rc = run(f, 1, "c.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 3);
    const uf_diag_entry *e = expect_diag(f, UF_ERROR, "c.csv", 2, "consent_date", "före");
    assert_non_null(strstr(e->message, "2024-01-20"));
    assert_non_null(strstr(e->message, "2024-02-01"));
    expect_diag(f, UF_ERROR, "c.csv", 3, "start_date", "före");
    expect_diag(f, UF_ERROR, "c.csv", 4, "end_date", "före");
}

static void test_import__end_reason_needs_end_date(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    put(f, "c.csv",
        "case_id;person;referral_date;end_date;end_reason\n"
        "A6;" P1 ";2024-01-10;;flytt\n");
    uf_error rc = run(f, 1, "c.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 1);
    expect_diag(f, UF_ERROR, "c.csv", 2, "end_reason", "slutdatum saknas");
}

static void test_import__case_of_unknown_person(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    put(f, "c.csv", "case_id;person\nA6;" P4 "\n");
    uf_error rc = run(f, 1, "c.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 1);
    const uf_diag_entry *e = expect_diag(f, UF_ERROR, "c.csv", 2, "person", "finns inte");
    assert_null(strpbrk(e->message, "0123456789"));
}

static void test_import__goal_and_meeting_of_unknown_case(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    put(f, "goals.csv",
        "case_id;domain;set_date;status\n"
        "A1;skola;2024-02-01;pagaende\n"
        "X9;skola;2024-02-01;pagaende\n");
    put(f, "meetings.csv",
        "case_id;date;type;participants\n"
        "X9;2024-02-01;natverksmote;ungdom\n");
    uf_error rc = run(f, 2, "goals.csv", "meetings.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 2);
    expect_diag(f, UF_ERROR, "goals.csv", 3, "case_id", "X9");
    expect_diag(f, UF_ERROR, "meetings.csv", 2, "case_id", "X9");
}

static void test_import__intervention_person_must_match_case(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    /* A1 is P1's case */
    put(f, "i.csv",
        "case_id;person;insats;start_date\n"
        "A1;" P1 ";mst;2024-02-05\n"
        "A1;" P2 ";fft;2024-02-05\n");
    uf_error rc = run(f, 1, "i.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 1);
    const uf_diag_entry *e = expect_diag(f, UF_ERROR, "i.csv", 3, "person", "ärendets person");
    assert_null(strpbrk(e->message, "0123456789"));
}

static void test_import__outcome_values_checked(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    put(f, "o.csv",
        "person;date;measure;value\n" P1 ";2024-01-01;skolfranvaro_pct;100\n" /* 2: the upper end */
        P1 ";2024-02-01;skolfranvaro_pct;120\n"                               /* 3: bad */
        P1 ";2024-01-01;uppforandestorning;0\n"                               /* 4 */
        P1 ";2024-02-01;uppforandestorning;2\n"                               /* 5: bad */
        P1 ";2024-01-01;misstanke_brott;0\n" /* 6: bad, events >= 1 */
        P1 ";2024-01-01;vald;1,5\n"          /* 7: bad, whole events */
        P1 ";2026-11-24;vald;1\n"            /* 8: bad, tomorrow */
        P1 ";2026-11-23;vald;1\n"            /* 9: today is fine */
        P1 ";2024-01-01;langd;170\n"         /* 10: unknown measure */
        P1 ";2024-03-01;drogfri;\n");        /* 11: state needs a value */
    uf_error rc = run(f, 1, "o.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 7);
    expect_diag(f, UF_ERROR, "o.csv", 3, "value", "100");
    expect_diag(f, UF_ERROR, "o.csv", 5, "value", "0 eller 1");
    expect_diag(f, UF_ERROR, "o.csv", 6, "value", NULL);
    expect_diag(f, UF_ERROR, "o.csv", 7, "value", NULL);
    expect_diag(f, UF_ERROR, "o.csv", 8, "date", "framtiden");
    expect_diag(f, UF_ERROR, "o.csv", 10, "measure", "'langd'");
    expect_diag(f, UF_ERROR, "o.csv", 11, "value", NULL);

    /* the good rows alone are stored */
    put(f, "o2.csv",
        "person;date;measure;value\n" P1 ";2024-01-01;skolfranvaro_pct;100\n" P1
        ";2024-01-01;uppforandestorning;0\n" P1 ";2026-11-23;vald;1\n");
    expect_ok(f, run(f, 1, "o2.csv"));
    assert_int_equal(get_counts(f->db).outcomes, 3);
}

static void test_import__missing_required_column(void **state)
{
    fx *f = *state;
    counts before = load_base(f);
    /* a cases file without person, with --kind */
    put(f, "c.csv", "case_id;programme\nA6;SIG\n");
    uf_error rc = run_kind(f, "cases", false, 1, "c.csv");
    expect_failed_run(f, rc, before);
    expect_diag(f, UF_ERROR, "c.csv", 1, NULL, "kolumnen person saknas");

    /* without --kind the file is not recognised: an error all the same,
     * and a good file given with it is not stored either */
    put(f, "p.csv", "person;sex\n" P4 ";F\n");
    before = get_counts(f->db);
    rc = run(f, 2, "c.csv", "p.csv");
    expect_failed_run(f, rc, before);
    expect_diag(f, UF_ERROR, "c.csv", ANY_LINE, NULL, NULL);
    assert_null(f->res.files[0].kind);
    assert_string_equal(f->res.files[1].kind, "persons");
}

static void test_import__unknown_column_only_warns(void **state)
{
    fx *f = *state;
    put(f, "p.csv", "person;sex;anteckning;unit\n" P1 ";F;hej;Norr\n");
    expect_ok(f, run(f, 1, "p.csv"));
    assert_true(f->res.stored);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->d.warnings, 1);
    expect_diag(f, UF_WARNING, "p.csv", 1, "anteckning", "okänd kolumn");
    assert_int_equal(get_counts(f->db).persons, 1);
    assert_q_text(f->db, "SELECT sex || unit FROM persons", "FNorr");
    assert_int_equal(q_int(f->db, "SELECT warnings FROM import_run"), 1);
}

static void test_import__decimal_comma_and_point(void **state)
{
    fx *f = *state;
    load_base(f);
    put(f, "b.csv",
        "assessment_id;case_id;instrument;date;total_score;item:a;item:b\n"
        "B1;A1;savry;2024-01-25;7,25;1,5;2.5\n"
        "B2;A2;savry;2024-03-06;7.5;-0,5;\n");
    expect_ok(f, run(f, 1, "b.csv"));
    assert_true(q_real(f->db, "SELECT total_score FROM assessments WHERE assessment_id = 'B1'") ==
                7.25);
    assert_true(q_real(f->db, "SELECT total_score FROM assessments WHERE assessment_id = 'B2'") ==
                7.5);
    assert_true(q_real(f->db, "SELECT sum(value) FROM assessment_items") == 3.5);
    assert_int_equal(get_counts(f->db).items, 3);
}

static void test_import__swedish_header_aliases(void **state)
{
    fx *f = *state;
    /* folded: personnummer, fodelsedatum, kon, enhet */
    put(f, "personer.csv",
        "Personnummer;Födelsedatum;Kön;Enhet\n" P1 ";;pojke;Norr\n" P2 ";;Flicka;Norr\n" P3
        ";;kvinna;Norr\n" P4 ";;MAN;Norr\n"
        "EXT-1;2010-01-01;annat;Söder\n");
    put(f, "arenden.csv",
        "Ärende;Personnummer;Målgrupp;Aktualiserad av;"
        "Aktualiseringsdatum;Samtyckesdatum;Åtgärdsplan datum;Startdatum;"
        "Slutdatum;Avslutsorsak;Insatsform;Uppföljning samtycke;Program\n"
        "S1;" P1 ";riskzon;polis;2024-01-10;2024-01-20;2024-02-01;"
        "2024-02-01;2024-12-01;flytt;bistand;nej;SSPF\n"
        "S2;EXT-1;avhopp;egen;2024-05-01;;;;;;;;\n");
    put(f, "mal.csv",
        "Ärende;Område;Satt datum;Uppföljningsdatum;Status\n"
        "S1;Kamrater;2024-02-01;2024-05-01;Uppnått\n");
    put(f, "moten.csv",
        "Ärende;Datum;Mötestyp;Deltagare\n"
        "S1;2024-01-15;Nätverksmöte;Ungdom|Vårdnadshavare\n");
    expect_ok(f, run(f, 4, "personer.csv", "arenden.csv", "mal.csv", "moten.csv"));
    assert_int_equal(f->d.warnings, 0);
    /* pojke M, Flicka F, kvinna F, MAN M, annat X */
    assert_q_text(f->db, "SELECT group_concat(sex, '') FROM (SELECT sex FROM persons ORDER BY id)",
                  "MFFMX");
    assert_q_text(f->db, "SELECT birth_date FROM persons WHERE pseudonym = 'EXT-1'", "2010-01-01");
    assert_q_text(f->db,
                  "SELECT target_group || referred_by || referral_date || consent_date "
                  "|| plan_date || start_date || end_date || end_reason || form || "
                  "followup_consent || programme FROM cases WHERE case_id = 'S1'",
                  "riskzonpolis2024-01-102024-01-202024-02-012024-02-012024-12-01flytt"
                  "bistand0SSPF");
    assert_q_text(f->db, "SELECT domain || followup_date || status FROM goal_followups",
                  "kamrater2024-05-01uppnatt");
    assert_q_text(f->db, "SELECT type FROM meetings", "natverksmote");
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM meetings "
                                  "WHERE participants LIKE '%ungdom%' "
                                  "AND participants LIKE '%vardnadshavare%'"),
                     1);
}

static void test_import__windows_1252_with_semicolons(void **state)
{
    fx *f = *state;
    /* "person;kön;enhet" and "Västerås" in Windows-1252: ö F6, ä E4, å E5 */
    put(f, "p.csv", "person;k\xF6n;enhet\r\n" P1 ";Pojke;V\xE4ster\xE5s\r\n");
    expect_ok(f, run(f, 1, "p.csv"));
    assert_int_equal(f->res.files[0].info.encoding, UF_ENC_CP1252);
    assert_int_equal(f->d.warnings, 0);
    assert_q_text(f->db, "SELECT sex || ' ' || unit FROM persons", "M V\xC3\xA4ster\xC3\xA5s");
    assert_q_text(f->db, "SELECT encoding FROM import_file", "Windows-1252");
}

static void test_import__utf8_bom_with_commas(void **state)
{
    fx *f = *state;
    /* the BOM must not stick to the first header name "person" */
    put(f, "p.csv", "\xEF\xBB\xBFperson,sex,unit\n" P2 ",F,\"Ume\xC3\xA5, centrum\"\n");
    expect_ok(f, run(f, 1, "p.csv"));
    assert_int_equal(f->res.files[0].info.encoding, UF_ENC_UTF8_BOM);
    assert_int_equal(f->res.files[0].info.delim, ',');
    assert_int_equal(f->d.warnings, 0);
    assert_q_text(f->db, "SELECT sex || ' ' || unit FROM persons", "F Ume\xC3\xA5, centrum");
    assert_q_text(f->db, "SELECT encoding FROM import_file", "UTF-8 med BOM");
}

static void test_import__every_error_is_listed(void **state)
{
    fx *f = *state;
    put(f, "p.csv",
        "person;birth_date;sex;unit\n" P1 ";2009-03-15;F;Norr\n" /* 2: fine */
        P2 ";2010-02-30;M;Norr\n"                                /* 3: no such date */
        P3 ";;Q;Norr\n"                                          /* 4: unknown sex */
        P_BAD ";;F;Norr\n");                                     /* 5: check digit */
    counts before = get_counts(f->db);
    uf_error rc = run(f, 1, "p.csv");
    expect_failed_run(f, rc, before);
    expect_errors(f, 3);
    expect_diag(f, UF_ERROR, "p.csv", 3, "birth_date", "2010-02-30");
    expect_diag(f, UF_ERROR, "p.csv", 4, "sex", "'Q'");
    expect_diag(f, UF_ERROR, "p.csv", 5, "person", NULL);
    assert_int_equal(f->res.files[0].rows, 4);
    assert_int_equal(get_counts(f->db).persons, 0);
    /* the failed run is logged with its file */
    assert_q_text(f->db, "SELECT kind || ' ' || rows FROM import_file", "persons 4");
}

static void test_import__broken_quote_is_reported(void **state)
{
    fx *f = *state;
    counts before = get_counts(f->db);
    put(f, "p.csv", "person;unit\n" P1 ";Norr\n" P2 ";\"Söder\n" P3 ";Norr\n");
    uf_error rc = run(f, 1, "p.csv");
    expect_failed_run(f, rc, before);
    expect_diag(f, UF_ERROR, "p.csv", 3, NULL, "citattecken");
}

static void test_import__dry_run_stores_and_logs_nothing(void **state)
{
    fx *f = *state;
    put_valid_set(f);
    uf_error rc = run_kind(f, NULL, true, 7, "persons.csv", "cases.csv", "interventions.csv",
                           "assessments.csv", "outcomes.csv", "goals.csv", "meetings.csv");
    expect_ok(f, rc);
    assert_false(f->res.stored);
    assert_int_equal(f->res.run_id, 0);
    assert_int_equal(f->res.files[0].rows, 3);
    counts c = get_counts(f->db);
    assert_int_equal(c.persons + c.cases + c.interventions + c.assessments + c.items + c.outcomes +
                         c.goals + c.meetings,
                     0);
    assert_int_equal(c.runs, 0);
    assert_int_equal(c.files, 0);

    /* a dry run with errors: UF_ERR_INPUT, still nothing logged */
    put(f, "bad.csv", "person;sex\n" P1 ";Q\n");
    rc = run_kind(f, NULL, true, 1, "bad.csv");
    assert_int_equal(rc, UF_ERR_INPUT);
    expect_errors(f, 1);
    c = get_counts(f->db);
    assert_int_equal(c.persons, 0);
    assert_int_equal(c.runs, 0);
}

static void test_import__kind_overrides_detection(void **state)
{
    fx *f = *state;
    /* detected as outcomes (person, date, measure, value) ... */
    put(f, "x.csv", "person;sex;date;measure;value\nEXT-7;F;2024-01-01;vald;1\n");
    counts before = get_counts(f->db);
    uf_error rc = run(f, 1, "x.csv");
    expect_failed_run(f, rc, before); /* EXT-7 is nobody yet */
    assert_string_equal(f->res.files[0].kind, "outcomes");
    /* ... but --kind personer (Swedish) makes it a persons file */
    rc = run_kind(f, "personer", false, 1, "x.csv");
    expect_ok(f, rc);
    assert_string_equal(f->res.files[0].kind, "persons");
    assert_int_equal(f->d.warnings, 3); /* date, measure, value unknown */
    assert_q_text(f->db, "SELECT pseudonym || sex FROM persons", "EXT-7F");
    assert_int_equal(get_counts(f->db).outcomes, 0);
}

static void test_import__unknown_kind_is_usage_error(void **state)
{
    fx *f = *state;
    put(f, "p.csv", persons_csv);
    uf_error rc = run_kind(f, "bilar", false, 1, "p.csv");
    assert_int_equal(rc, UF_ERR_USAGE);
    expect_diag(f, UF_ERROR, NULL, ANY_LINE, NULL, "bilar");
    counts c = get_counts(f->db);
    assert_int_equal(c.persons, 0);
    assert_int_equal(c.runs, 0);
}

static void test_import__files_in_any_order(void **state)
{
    fx *f = *state;
    put_valid_set(f);
    expect_ok(f, run(f, 7, "meetings.csv", "goals.csv", "outcomes.csv", "assessments.csv",
                     "interventions.csv", "cases.csv", "persons.csv"));
    counts c = get_counts(f->db);
    assert_int_equal(c.persons, 3);
    assert_int_equal(c.cases, 3);
    assert_int_equal(c.meetings, 3);
    /* results stay in the order given */
    assert_string_equal(f->res.files[0].kind, "meetings");
    assert_string_equal(f->res.files[6].kind, "persons");
    assert_q_text(f->db, "SELECT kind FROM import_file WHERE seq = 1", "meetings");
}

static void test_import__ten_and_twelve_digits_same_person(void **state)
{
    fx *f = *state;
    /* born 2009, so "-" in the 10-digit form (under 100 on 2026-11-23) */
    put(f, "p.csv", "person;sex\n" P1 ";F\n");
    put(f, "o.csv",
        "person;date;measure;value\n"
        "0903159804;2024-01-01;vald;1\n"
        "090315-9804;2024-02-01;vald;1\n"
        "200903159804;2024-03-01;vald;1\n" P1 ";2024-04-01;vald;1\n");
    expect_ok(f, run(f, 2, "p.csv", "o.csv"));
    assert_int_equal(get_counts(f->db).persons, 1);
    assert_int_equal(q_int(f->db, "SELECT count(DISTINCT person_id) FROM outcomes"), 1);
    assert_int_equal(get_counts(f->db).outcomes, 4);

    /* the 10-digit form in a persons file is the same person: unchanged */
    put(f, "p10.csv", "person;sex\n090315-9804;F\n");
    expect_ok(f, run(f, 1, "p10.csv"));
    assert_int_equal(f->res.files[0].unchanged, 1);
    assert_int_equal(get_counts(f->db).persons, 1);

    /* both forms in one file: one person, and a warning for the repeat */
    put(f, "p2.csv", "person;sex\n" P2 ";M\n100522-9826;M\n");
    expect_ok(f, run(f, 1, "p2.csv"));
    assert_int_equal(get_counts(f->db).persons, 2);
    expect_diag(f, UF_WARNING, "p2.csv", 3, NULL, "flera gånger");
}

static void test_import__meeting_participants_are_one_set(void **state)
{
    fx *f = *state;
    load_base(f);
    /* the same actors in another order, case and spacing: one meeting */
    put(f, "m.csv",
        "case_id;date;type;participants\n"
        "A1;2024-01-15;beredning;polis|socialtjanst\n"
        "A1;2024-01-15;beredning; Socialtjänst | Polis |polis\n");
    expect_ok(f, run(f, 1, "m.csv"));
    assert_int_equal(get_counts(f->db).meetings, 1);
    assert_int_equal(f->res.files[0].inserted, 1);
    expect_diag(f, UF_WARNING, "m.csv", 3, NULL, "räknas en gång");
    /* an unknown actor is an error */
    put(f, "m2.csv", "case_id;date;type;participants\nA1;2024-01-16;beredning;polis|rektor\n");
    counts before = get_counts(f->db);
    expect_failed_run(f, run(f, 1, "m2.csv"), before);
    expect_diag(f, UF_ERROR, "m2.csv", 2, "participants", "rektor");
}

/* An outcomes file of P1 with one vald event per row, row i being event
 * ks[i] (on line i + 2).  Event k is dated day k % 28 + 1 of month
 * k / 28 % 12 + 1 of year 2000 + k / 336: distinct for k < 336 * 26. */
static void put_outcome_rows(fx *f, const char *name, const int *ks, int n)
{
    size_t cap = (size_t)(n + 2) * 64;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = (size_t)snprintf(text, cap, "person;date;measure;value\n");
    for (int i = 0; i < n; i++) {
        int k = ks[i];
        len += (size_t)snprintf(text + len, cap - len, P1 ";%04d-%02d-%02d;vald;1\n",
                                2000 + k / 336, k / 28 % 12 + 1, k % 28 + 1);
    }
    put(f, name, text);
    free(text);
}

/* Events from, from + 1, ..., from + n - 1. */
static void put_outcomes(fx *f, const char *name, int from, int n)
{
    int *ks = malloc((size_t)n * sizeof *ks);
    assert_non_null(ks);
    for (int i = 0; i < n; i++)
        ks[i] = from + i;
    put_outcome_rows(f, name, ks, n);
    free(ks);
}

/* Rows of the large files go to the database 64 at a time; counts and
 * repeat warnings must be exactly those of one row at a time. */
static void test_import__batched_rows_counted_exactly(void **state)
{
    fx *f = *state;
    put(f, "p.csv", "person\n" P1 "\n");
    put_outcomes(f, "o.csv", 0, 200);
    expect_ok(f, run(f, 2, "p.csv", "o.csv"));
    assert_int_equal(f->res.files[1].inserted, 200);
    assert_int_equal(get_counts(f->db).outcomes, 200);

    /* again: 200 unchanged, no warnings */
    expect_ok(f, run(f, 1, "o.csv"));
    assert_int_equal(f->res.files[0].inserted, 0);
    assert_int_equal(f->res.files[0].unchanged, 200);
    assert_int_equal(f->d.warnings, 0);
    assert_int_equal(get_counts(f->db).outcomes, 200);

    /* rows 150..349: 50 old, 150 new */
    put_outcomes(f, "o2.csv", 150, 200);
    expect_ok(f, run(f, 1, "o2.csv"));
    assert_int_equal(f->res.files[0].inserted, 150);
    assert_int_equal(f->res.files[0].unchanged, 50);
    assert_int_equal(get_counts(f->db).outcomes, 350);

    /* 130 new rows (1000..1129), then row 1010 again on line 132: one
     * warning on that line, 130 inserted, the repeat counted unchanged */
    int k3[131];
    for (int i = 0; i < 131; i++)
        k3[i] = i < 130 ? 1000 + i : 1010;
    put_outcome_rows(f, "o3.csv", k3, 131);
    expect_ok(f, run(f, 1, "o3.csv"));
    assert_int_equal(f->res.files[0].rows, 131);
    assert_int_equal(f->res.files[0].inserted, 130);
    assert_int_equal(f->res.files[0].unchanged, 1);
    assert_int_equal(f->d.warnings, 1);
    expect_diag(f, UF_WARNING, "o3.csv", 132, NULL, "räknas en gång");
    assert_int_equal(get_counts(f->db).outcomes, 480);

    /* a repeat inside the first batch of 64: 70 rows, row 10 (line 12) is
     * event 2005 again, the event of row 5 (line 7) */
    int ks[70];
    for (int i = 0; i < 70; i++)
        ks[i] = i == 10 ? 2005 : 2000 + i;
    put_outcome_rows(f, "o4.csv", ks, 70);
    expect_ok(f, run(f, 1, "o4.csv"));
    /* rows 0..9 and 11..69 of 2000.. are new (69), the copy is not */
    assert_int_equal(f->res.files[0].rows, 70);
    assert_int_equal(f->res.files[0].inserted, 69);
    assert_int_equal(f->res.files[0].unchanged, 1);
    expect_diag(f, UF_WARNING, "o4.csv", 12, NULL, "räknas en gång");
    assert_int_equal(get_counts(f->db).outcomes, 549);
}

/* The goals file: a row without follow-up date sets the goal's status, a
 * row with one is a follow-up; in either order, on a first import every
 * row is new and nothing is repeated. */
static void test_import__goal_rows_in_any_order(void **state)
{
    fx *f = *state;
    load_base(f);
    put(f, "g.csv",
        "case_id;domain;set_date;followup_date;status\n"
        "A1;skola;2024-02-01;2024-06-01;delvis\n"
        "A1;skola;2024-02-01;;pagaende\n"
        "A1;skola;2024-02-01;2024-09-01;uppnatt\n");
    expect_ok(f, run(f, 1, "g.csv"));
    if (f->d.warnings) {
        uf_diag_print(&f->d, stderr);
        fail_msg("a first import of distinct goal rows gave warnings");
    }
    assert_int_equal(f->res.files[0].inserted, 3);
    assert_int_equal(f->res.files[0].updated, 0);
    assert_int_equal(get_counts(f->db).goals, 1);
    assert_int_equal(get_counts(f->db).followups, 2);
    assert_q_text(f->db, "SELECT status FROM goals", "pagaende");

    /* again: unchanged; then a follow-up's status changes */
    expect_ok(f, run(f, 1, "g.csv"));
    assert_int_equal(f->res.files[0].unchanged, 3);
    put(f, "g2.csv",
        "case_id;domain;set_date;followup_date;status\n"
        "A1;skola;2024-02-01;2024-09-01;ej_uppnatt\n");
    expect_ok(f, run(f, 1, "g2.csv"));
    assert_int_equal(f->res.files[0].updated, 1);
    assert_q_text(f->db, "SELECT status FROM goal_followups WHERE followup_date = '2024-09-01'",
                  "ej_uppnatt");
}

/* ---- privacy -------------------------------------------------------------------- */

/* Every way the test numbers could be written. */
static const char *const raw_numbers[] = {
    "200903159804",  "0903159804",    "20090315-9804", "090315-9804",   "201005229826",
    "1005229826",    "20100522-9826", "100522-9826",   "200811019819",  "0811019819",
    "20081101-9819", "081101-9819",   "201101019808",  "1101019808",    "20110101-9808",
    "110101-9808",   "200903159805",  "0903159805",    "20090315-9805", "090315-9805",
};
#define N_RAW (sizeof raw_numbers / sizeof raw_numbers[0])

/* Fail if a text value of any column of any table holds a number. */
static void scan_tables(sqlite3 *db)
{
    sqlite3_stmt *tables = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    int ntables = 0;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"",
                 (const char *)sqlite3_column_text(tables, 0));
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                for (size_t k = 0; v && k < N_RAW; k++)
                    if (strstr(v, raw_numbers[k]))
                        fail_msg("%s.%s holds a personnummer", sql + 14,
                                 sqlite3_column_name(st, c));
            }
        sqlite3_finalize(st);
        ntables++;
    }
    sqlite3_finalize(tables);
    assert_true(ntables >= 10);
}

static void test_import__no_personnummer_in_database(void **state)
{
    fx *f = *state;
    put_valid_set(f);
    expect_ok(f, run_valid_set(f));
    /* failed runs with numbers in them are logged too */
    put(f, "bad.csv", "person;sex\n" P_BAD ";F\n");
    put(f, "c.csv", "case_id;person\nA9;" P4 "\n");
    counts before = get_counts(f->db);
    expect_failed_run(f, run(f, 2, "bad.csv", "c.csv"), before);
    assert_no_number_in_diags(&f->d, raw_numbers, N_RAW);
    /* a 10-digit re-import as well */
    put(f, "p10.csv", "person;sex\n090315-9804;F\n");
    expect_ok(f, run(f, 1, "p10.csv"));

    scan_tables(f->db);
    /* and the raw bytes of the file, indexes and free pages included */
    size_t len = 0;
    char *bytes = tu_read(f->dbpath, &len);
    assert_non_null(bytes);
    assert_true(len > 0);
    for (size_t k = 0; k < N_RAW; k++)
        if (tu_contains(bytes, len, raw_numbers[k], strlen(raw_numbers[k])))
            fail_msg("the database file holds %zu-character number %zu", strlen(raw_numbers[k]), k);
    free(bytes);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_import__valid_run_stores_every_entity),
        T(test_import__twice_gives_same_counts),
        T(test_import__changed_field_is_updated),
        T(test_import__bad_date_names_line_column_and_value),
        T(test_import__unknown_code),
        T(test_import__bad_luhn_is_not_echoed),
        T(test_import__referral_after_consent),
        T(test_import__end_reason_needs_end_date),
        T(test_import__case_of_unknown_person),
        T(test_import__goal_and_meeting_of_unknown_case),
        T(test_import__intervention_person_must_match_case),
        T(test_import__outcome_values_checked),
        T(test_import__missing_required_column),
        T(test_import__unknown_column_only_warns),
        T(test_import__decimal_comma_and_point),
        T(test_import__swedish_header_aliases),
        T(test_import__windows_1252_with_semicolons),
        T(test_import__utf8_bom_with_commas),
        T(test_import__every_error_is_listed),
        T(test_import__broken_quote_is_reported),
        T(test_import__dry_run_stores_and_logs_nothing),
        T(test_import__kind_overrides_detection),
        T(test_import__unknown_kind_is_usage_error),
        T(test_import__files_in_any_order),
        T(test_import__ten_and_twelve_digits_same_person),
        T(test_import__meeting_participants_are_one_set),
        T(test_import__batched_rows_counted_exactly),
        T(test_import__goal_rows_in_any_order),
        T(test_import__no_personnummer_in_database),
    };
    return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
