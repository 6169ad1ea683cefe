/*
 * test_core.c - the aggregation core (core.h) against SPEC §5: the phase
 * windows of every case, completeness, exposure, events, states,
 * assessments, days placed, insatser and goals per phase.
 *
 * One database (made once, rows inserted with plain SQL) holds the cases
 * below; every test loads it with its own parameters.  All windows,
 * day counts and values in the comments are worked by hand from this
 * listing; the tests turn dates into day numbers with uf_days_from_civil.
 *
 * As-of 2025-06-30 unless a test says otherwise (as_of + 1 = 2025-07-01).
 * Default windows: 12 months before, 12 after, anchored at the end.
 *
 *  id case person       start       end         notes
 *   1  A   1 F 2008-05-10 2023-03-15  2024-01-10  everything happens here
 *   2  B   2 M 2007-11-20 2023-05-01  2024-05-01  followup_consent = 0
 *   3  C   3 M 2006-02-01 2021-02-01  2021-08-01  first case of person 3
 *   4  D   3              2023-02-01  -           second case, ongoing
 *   5  E   4 X (no birth) 2024-09-01  2025-03-01  after window incomplete
 *   6  G   5 ? 2004-07-01 2024-01-15  2025-09-01  ends after as-of: ongoing
 *   7  F   6              2025-08-01              referred 2025-05-01: not started
 *   8  H   7              -                       referred 2025-06-01: not started
 *   9  I   8              -                       referred 2025-07-15: after as-of
 *
 * Windows (days counted month by month; 2024 is a leap year):
 *   A before [2022-03-15, 2023-03-15) 365   during [2023-03-15, 2024-01-10)
 *     17+30+31+30+31+31+30+31+30+31+9 = 301   after [2024-01-10, 2025-01-10)
 *     366 (holds 2024-02-29), complete: 2025-01-10 <= 2025-07-01
 *   B before 365, during [2023-05-01, 2024-05-01) 366, after [2024-05-01,
 *     2025-05-01) 365, complete
 *   C before [2020-02-01, 2021-02-01) 366 (2020-02-29), during [2021-02-01,
 *     2021-08-01) 28+31+30+31+30+31 = 181, after [2021-08-01, 2022-08-01) 365
 *   D before [2022-02-01, 2023-02-01) 365, during [2023-02-01, 2025-07-01)
 *     365 + 366 + (28+31+30+31+30) = 881, no after window
 *   E before [2023-09-01, 2024-09-01) 366, during [2024-09-01, 2025-03-01)
 *     30+31+30+31+31+28 = 181, after [2025-03-01, 2026-03-01) incomplete;
 *     exposure up to as-of: [2025-03-01, 2025-07-01) 31+30+31+30 = 122
 *   G before [2023-01-15, 2024-01-15) 365, during [2024-01-15, 2025-07-01)
 *     366 + (31+28+31+30+31) + 16 = 533
 * Ages at start (birthdays passed): A 14 (10 May not yet), B 15, C 15 (the
 * birthday on the start day counts), D 17, G 19, E unknown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "uppfolj/core.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "testutil.h"

#define D(y, m, d) uf_days_from_civil((y), (m), (d))
#define AS_OF D(2025, 6, 30)

#define assert_near(got, want) near_at((got), (want), #got, __FILE__, __LINE__)

/* cmocka has no double comparison: compare to 1e-9 (relative above 1),
 * print both and fail. */
static void near_at(double got, double want, const char *what, const char *file, int line)
{
    if (fabs(got - want) <= 1e-9 * (fabs(want) > 1 ? fabs(want) : 1))
        return;
    print_error("%s = %.17g, expected %.17g\n", what, got, want);
    _fail(file, line);
}

/* ---- the database ------------------------------------------------------------ */

/* One string per table (ISO C limits a string literal to 4095 bytes). */
static const char *const data_sql[] = {
    "INSERT INTO persons (id, pseudonym, birth_date, sex) VALUES"
    " (1, 'p1', '2008-05-10', 'F'), (2, 'p2', '2007-11-20', 'M'),"
    " (3, 'p3', '2006-02-01', 'M'), (4, 'p4', NULL, 'X'),"
    " (5, 'p5', '2004-07-01', NULL), (6, 'p6', '2010-01-01', 'F'),"
    " (7, 'p7', '2010-01-01', 'M'), (8, 'p8', '2010-01-01', 'M');",
    "INSERT INTO cases (id, case_id, person_id, programme, unit, target_group,"
    " referral_date, consent_date, start_date, end_date, end_reason, followup_consent) VALUES"
    " (1, 'A', 1, 'SIG', 'Norr', 'riskzon', '2023-02-01', '2023-03-01', '2023-03-15',"
    "  '2024-01-10', 'mal_uppfyllda', 1),"
    " (2, 'B', 2, 'SIG', 'Söder', 'avhopp', '2023-04-01', NULL, '2023-05-01', '2024-05-01',"
    "  'avhopp', 0),"
    " (3, 'C', 3, 'SSPF', 'Norr', NULL, '2021-01-10', NULL, '2021-02-01', '2021-08-01',"
    "  'flytt', 1),"
    " (4, 'D', 3, 'SIG', 'Norr', 'riskzon', '2023-01-10', NULL, '2023-02-01', NULL, NULL, 1),"
    " (5, 'E', 4, 'SIG', NULL, NULL, '2024-08-01', NULL, '2024-09-01', '2025-03-01', 'annan', 1),"
    " (6, 'G', 5, 'SIG', 'Söder', 'riskzon', '2023-12-01', NULL, '2024-01-15', '2025-09-01',"
    "  'avhopp', 1),"
    " (7, 'F', 6, 'SIG', 'Norr', NULL, '2025-05-01', NULL, '2025-08-01', NULL, NULL, 1),"
    " (8, 'H', 7, 'SIG', 'Norr', NULL, '2025-06-01', NULL, NULL, NULL, NULL, 1),"
    " (9, 'I', 8, 'SIG', 'Norr', NULL, '2025-07-15', NULL, NULL, NULL, NULL, 1);",
    /* person 1 (case A): events around every border, states, extras */
    "INSERT INTO outcomes (person_id, date, measure, value) VALUES"
    " (1, '2022-03-14', 'misstanke_brott', 1),"    /* before_from - 1: none */
    " (1, '2022-03-15', 'misstanke_brott', 1),"    /* before_from: before */
    " (1, '2022-06-01', 'misstanke_brott', 2),"    /* before, value 2 */
    " (1, '2023-03-14', 'misstanke_brott', 1),"    /* start - 1: before */
    " (1, '2023-03-15', 'misstanke_brott', 1),"    /* start: during */
    " (1, '2023-06-01', 'vald', 1),"               /* during */
    " (1, '2024-01-09', 'misstanke_brott', 1),"    /* end - 1: during */
    " (1, '2024-01-10', 'misstanke_brott', 1),"    /* end: after */
    " (1, '2025-01-09', 'misstanke_brott', 1),"    /* after_to - 1: after */
    " (1, '2025-01-10', 'misstanke_brott', 1),"    /* after_to: none */
    " (1, '2024-06-01', 'uppforandestorning', 1)," /* after */
    " (1, '2023-04-15', 'uppforandestorning', 0)," /* start + 31: during only */
    " (1, '2023-04-14', 'uppforandestorning', 1)," /* start + 30: baseline */
    " (1, '2022-12-15', 'uppforandestorning', 0)," /* start - 90: baseline window */
    " (1, '2022-12-14', 'uppforandestorning', 1)," /* start - 91: before only */
    " (1, '2023-03-01', 'skolfranvaro_pct', 40),"
    " (1, '2023-12-01', 'skolfranvaro_pct', 25.5),"
    " (1, '2024-12-31', 'skolfranvaro_pct', 10),"
    " (1, '2022-12-14', 'drogfri', 1),"         /* start - 91 only: no baseline */
    " (1, '2022-12-15', 'boende_stabilt', 1),"  /* start - 90 only: baseline */
    " (1, '2023-06-01', 'skolk_dagar', 4),"     /* extra measure (config) */
    " (1, '2023-03-01', 'betyg_pct', 60),"      /* extra state (config) */
    " (2, '2023-06-01', 'misstanke_brott', 3)," /* B: no consent */
    " (2, '2023-06-01', 'uppforandestorning', 1),"
    " (3, '2020-01-31', 'misstanke_brott', 1),"     /* before C's before */
    " (3, '2021-03-01', 'misstanke_brott', 1),"     /* C during */
    " (3, '2022-06-01', 'misstanke_brott', 1),"     /* C after and D before */
    " (3, '2023-03-01', 'misstanke_brott', 1),"     /* D during */
    " (4, '2024-09-01', 'skolfranvaro_pct', 33.3)," /* E baseline: exactly 33.3 */
    " (4, '2025-05-01', 'vald', 1),"                /* E after (incomplete) */
    " (4, '2025-07-01', 'vald', 1),"                /* after as-of */
    " (5, '2025-06-30', 'misstanke_brott', 1),"     /* G: on the as-of day */
    " (5, '2025-07-01', 'misstanke_brott', 1);",    /* after as-of */
    "INSERT INTO assessments (assessment_id, person_id, instrument, date, total_score,"
    " risk_level) VALUES"
    " ('a1', 1, 'ester', '2022-09-15', 30, 'hog'),"   /* start - 181: too old */
    " ('a2', 1, 'ester', '2022-09-16', 28, 'hog'),"   /* start - 180 */
    " ('a3', 1, 'ester', '2023-04-14', 25, 'medel')," /* start + 30: baseline */
    " ('a4', 1, 'ester', '2023-04-15', 22, 'medel')," /* start + 31: during */
    " ('a5', 1, 'ester', '2023-12-01', 18, 'lag'),"   /* latest during: follow-up */
    " ('a6', 1, 'ester', '2024-02-01', 10, 'lag'),"   /* after the end: not used */
    " ('s1', 1, 'savry', '2022-09-15', 31, 'hog'),"   /* too old: no baseline */
    " ('s2', 1, 'savry', '2024-03-01', 5, 'lag'),"    /* first after the end */
    " ('s3', 1, 'savry', '2024-06-01', 3, 'lag'),"
    " ('r1', 1, 'earl', '2022-09-16', 7, 'lag'),"       /* start - 180 only: baseline */
    " ('y1', 1, 'yls_cmi', '2023-03-15', 12, 'medel')," /* start day: baseline */
    " ('y2', 1, 'yls_cmi', '2025-01-10', 6, 'lag'),"    /* end + 12 months: outside */
    " ('c1', 3, 'ester', '2021-05-01', 15, 'medel'),"   /* C during */
    " ('d1', 3, 'ester', '2023-01-15', 20, 'hog'),"     /* D baseline (start - 17) */
    " ('d2', 3, 'ester', '2025-06-01', 9, 'lag'),"      /* D during (ongoing) */
    " ('e1', 4, 'ester', '2024-08-01', 20, 'hog'),"     /* E baseline (start - 31) */
    " ('e2', 4, 'ester', '2025-04-01', 12, 'medel'),"   /* E first after the end */
    " ('e3', 4, 'ester', '2025-05-01', 8, 'lag');",
    "INSERT INTO interventions (person_id, insats, start_date, end_date) VALUES"
    " (1, 'hvb', '2022-12-01', '2023-04-30'),"
    " (1, 'sis', '2023-12-20', '2024-01-20'),"
    " (1, 'familjehem', '2024-06-01', '2024-06-30'),"
    " (1, 'mst', '2023-05-01', '2023-08-31'),"
    " (1, 'kontaktperson', '2022-01-01', '2023-03-14')," /* ends the day before start */
    " (1, 'fft', '2024-01-10', '2024-03-01'),"           /* starts on the end day */
    " (1, 'skk', '2024-01-09', NULL),"                   /* from the last during day */
    " (2, 'hvb', '2023-06-01', '2023-06-30'),"           /* B: no consent */
    " (3, 'hvb', '2021-07-01', '2021-08-31'),"
    " (3, 'tfco', '2022-10-01', '2022-10-10'),"
    " (3, 'mentor', '2023-06-01', NULL),"
    " (4, 'hvb', '2025-06-01', NULL),"
    " (4, 'sis', '2025-05-01', '2025-12-31')," /* ends after as-of */
    " (5, 'hvb', '2025-06-01', '2025-12-31'),"
    " (5, 'ungdomstjanst', '2024-02-01', '2024-03-01');",
    /* C's own skolstod (by case_id) runs on into D's during phase */
    "INSERT INTO interventions (case_id, person_id, insats, start_date, end_date) VALUES"
    " (3, 3, 'skolstod', '2021-06-01', '2023-03-31');",
    "INSERT INTO goals (case_id, domain, set_date, status) VALUES"
    " (1, 'skola', '2023-04-01', NULL), (1, 'skola', '2023-05-01', NULL),"
    " (1, 'familj', '2023-04-01', NULL), (1, 'fritid', '2023-04-01', 'pagaende'),"
    " (1, 'kamrater', '2023-04-01', NULL),"
    " (2, 'skola', '2023-06-01', NULL), (4, 'skola', '2023-03-01', NULL);",
    "INSERT INTO goal_followups (case_id, domain, set_date, followup_date, status) VALUES"
    " (1, 'skola', '2023-04-01', '2023-10-01', 'uppnatt'),"
    " (1, 'skola', '2023-04-01', '2023-06-01', 'delvis'),"
    " (1, 'skola', '2023-05-01', '2023-06-01', 'ej_uppnatt'),"
    " (1, 'familj', '2023-04-01', '2023-06-01', 'uppnatt'),"
    " (1, 'familj', '2023-04-01', '2025-08-01', 'ej_uppnatt')," /* after as-of */
    " (1, 'kamrater', '2023-04-01', '2023-06-01', 'pagaende'),"
    " (2, 'skola', '2023-06-01', '2023-08-01', 'uppnatt'),"
    " (4, 'skola', '2023-03-01', '2023-06-01', 'delvis');",
    NULL
};

typedef struct fixture {
    char dir[TU_PATH];
    sqlite3 *db;
} fixture;

static fixture fx;

/* A fresh database in a new folder; NULL db on failure. */
static sqlite3 *new_db(char dir[TU_PATH], const char *const *sql)
{
    char path[TU_PATH];
    sqlite3 *db = NULL;
    if (tu_mkdtemp(dir) != 0)
        return NULL;
    tu_path(path, dir, "uppfolj.db");
    if (uf_db_create(path, &db) != UF_OK)
        return NULL;
    for (int i = 0; sql && sql[i]; i++) {
        char *err = NULL;
        if (sqlite3_exec(db, sql[i], NULL, NULL, &err) != SQLITE_OK) {
            fprintf(stderr, "test data: %s\n", err);
            sqlite3_free(err);
            uf_db_close(db);
            return NULL;
        }
    }
    if (uf_db_rescan_latest(db) != UF_OK) { /* written with SQL, not imported */
        uf_db_close(db);
        return NULL;
    }
    return db;
}

static int group_setup(void **state)
{
    (void)state;
    fx.db = new_db(fx.dir, data_sql);
    return fx.db ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    uf_db_close(fx.db);
    return tu_rmtree(fx.dir);
}

/* Load the fixture's database; fails the test unless UF_OK. */
static uf_caseset *load_with(int as_of, int before, int after, uf_anchor anchor,
                             const uf_config *cfg)
{
    uf_core_params p = { .as_of = as_of,
                         .months_before = before,
                         .months_after = after,
                         .anchor = anchor,
                         .cfg = cfg,
                         .with_goals = true };
    uf_caseset *c = NULL;
    uf_error rc = uf_core_load(fx.db, &p, &c);
    if (rc != UF_OK)
        fail_msg("uf_core_load: %d (%s)", rc, sqlite3_errmsg(fx.db));
    assert_non_null(c);
    return c;
}

static uf_caseset *load(void)
{
    return load_with(AS_OF, 12, 12, UF_ANCHOR_END, NULL);
}

/* The loaded case with cases.id id; fails when it is not there. */
static const uf_case *get(const uf_caseset *c, sqlite3_int64 id)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->cases[i].id == id)
            return &c->cases[i];
    fail_msg("case %lld not loaded", (long long)id);
    return NULL;
}

static double ev(const uf_caseset *c, const uf_case *k, const char *code, int ph)
{
    int e = uf_core_event(c, code);
    if (e < 0)
        fail_msg("no event measure %s", code);
    return k->events[e][ph];
}

static int st(const uf_caseset *c, const char *code)
{
    int s = uf_core_state(c, code);
    if (s < 0)
        fail_msg("no state measure %s", code);
    return s;
}

static int instrument(const char *name)
{
    for (int i = 0; uf_core_instrument_name(i); i++)
        if (strcmp(uf_core_instrument_name(i), name) == 0)
            return i;
    fail_msg("no instrument %s", name);
    return -1;
}

static unsigned bit(const char *insats)
{
    for (int i = 0; uf_core_insats_name(i); i++)
        if (strcmp(uf_core_insats_name(i), insats) == 0)
            return 1u << i;
    fail_msg("no insats %s", insats);
    return 0;
}

static int domain(const char *name)
{
    for (int i = 0; uf_core_domain_name(i); i++)
        if (strcmp(uf_core_domain_name(i), name) == 0)
            return i;
    fail_msg("no domain %s", name);
    return -1;
}

static void assert_window(const uf_case *k, int ph, int from, int to)
{
    assert_int_equal(k->from[ph], from);
    assert_int_equal(k->to[ph], to);
}

/* ---- windows ---------------------------------------------------------------- */

static void test_core__windows_of_ended_case(void **state)
{
    (void)state;
    uf_caseset *c = load();
    assert_int_equal(c->as_of, AS_OF);
    const uf_case *a = get(c, 1);
    assert_int_equal(a->start, D(2023, 3, 15));
    assert_int_equal(a->end, D(2024, 1, 10));
    assert_window(a, UF_BEFORE, D(2022, 3, 15), D(2023, 3, 15));
    assert_window(a, UF_DURING, D(2023, 3, 15), D(2024, 1, 10));
    assert_window(a, UF_AFTER, D(2024, 1, 10), D(2025, 1, 10));
    /* the day counts of the header, independently of the calendar code */
    assert_int_equal(a->to[UF_BEFORE] - a->from[UF_BEFORE], 365);
    assert_int_equal(a->to[UF_DURING] - a->from[UF_DURING], 301);
    assert_int_equal(a->to[UF_AFTER] - a->from[UF_AFTER], 366);
    assert_int_equal(a->follow_to, D(2025, 1, 10));
    assert_true(a->complete[UF_BEFORE]);
    assert_true(a->complete[UF_DURING]);
    assert_true(a->complete[UF_AFTER]);
    /* grouping fields */
    assert_int_equal(a->sex, 'F');
    assert_int_equal(a->age, 14);
    assert_true(a->consent);
    assert_string_equal(uf_caseset_string(c, a->unit), "Norr");
    assert_string_equal(uf_caseset_string(c, a->programme), "SIG");
    assert_string_equal(uf_caseset_string(c, a->target_group), "riskzon");
    assert_string_equal(uf_caseset_string(c, a->end_reason), "mal_uppfyllda");

    const uf_case *b = get(c, 2);
    assert_window(b, UF_AFTER, D(2024, 5, 1), D(2025, 5, 1));
    assert_int_equal(b->to[UF_DURING] - b->from[UF_DURING], 366);
    assert_int_equal(b->age, 15);
    assert_int_equal(b->sex, 'M');
    assert_string_equal(uf_caseset_string(c, b->unit), "Söder");

    const uf_case *e = get(c, 5);
    assert_int_equal(e->sex, 'X');
    assert_int_equal(e->age, -1); /* no birth date */
    assert_int_equal(e->unit, -1);
    assert_string_equal(uf_caseset_string(c, e->unit), "");
    assert_int_equal(e->target_group, -1);
    uf_caseset_free(c);
}

static void test_core__ongoing_case_has_no_after_window(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *d = get(c, 4);
    assert_int_equal(d->end, INT_MIN);
    assert_window(d, UF_BEFORE, D(2022, 2, 1), D(2023, 2, 1));
    /* during runs to as-of inclusive: [start, as-of + 1) */
    assert_window(d, UF_DURING, D(2023, 2, 1), D(2025, 7, 1));
    assert_int_equal(d->to[UF_DURING] - d->from[UF_DURING], 881);
    assert_int_equal(d->from[UF_AFTER], INT_MIN);
    assert_int_equal(d->follow_to, INT_MIN);
    assert_true(d->complete[UF_BEFORE]);
    assert_false(d->complete[UF_DURING]);
    assert_false(d->complete[UF_AFTER]);
    assert_near(d->years[UF_AFTER], 0);
    assert_int_equal(d->end_reason, -1);
    uf_caseset_free(c);
}

static void test_core__end_after_as_of_is_ongoing(void **state)
{
    (void)state;
    uf_caseset *c = load();
    /* G ends 2025-09-01, after as-of 2025-06-30: ongoing, and its end
     * reason (avhopp) is not known yet */
    const uf_case *g = get(c, 6);
    assert_int_equal(g->end, INT_MIN);
    assert_int_equal(g->end_reason, -1);
    assert_window(g, UF_DURING, D(2024, 1, 15), D(2025, 7, 1));
    assert_int_equal(g->to[UF_DURING] - g->from[UF_DURING], 533);
    assert_int_equal(g->from[UF_AFTER], INT_MIN);
    assert_false(g->complete[UF_DURING]);
    assert_false(g->complete[UF_AFTER]);
    assert_int_equal(g->sex, 0); /* sex not given */
    assert_int_equal(g->age, 19);
    /* an event on the as-of day counts, the one the day after does not */
    assert_near(ev(c, g, "misstanke_brott", UF_DURING), 1);
    uf_caseset_free(c);

    /* with as-of on the end day itself the case has ended */
    c = load_with(D(2025, 9, 1), 12, 12, UF_ANCHOR_END, NULL);
    g = get(c, 6);
    assert_int_equal(g->end, D(2025, 9, 1));
    assert_string_equal(uf_caseset_string(c, g->end_reason), "avhopp");
    assert_true(g->complete[UF_DURING]);
    assert_false(g->complete[UF_AFTER]);
    uf_caseset_free(c);
}

static void test_core__incomplete_after_window(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *e = get(c, 5);
    assert_window(e, UF_AFTER, D(2025, 3, 1), D(2026, 3, 1));
    assert_true(e->complete[UF_DURING]);
    assert_false(e->complete[UF_AFTER]); /* 2026-03-01 > 2025-07-01 */
    /* exposure up to as-of: 122 days */
    assert_near(e->years[UF_AFTER], 122 / 365.25);
    /* the event of 2025-05-01 counts, the one after as-of does not */
    assert_near(ev(c, e, "vald", UF_AFTER), 1);
    uf_caseset_free(c);

    /* the after window of A, [2024-01-10, 2025-01-10), is complete from
     * as-of 2025-01-09 (its last day) on, not at 2025-01-08 */
    c = load_with(D(2025, 1, 9), 12, 12, UF_ANCHOR_END, NULL);
    assert_true(get(c, 1)->complete[UF_AFTER]);
    uf_caseset_free(c);
    c = load_with(D(2025, 1, 8), 12, 12, UF_ANCHOR_END, NULL);
    assert_false(get(c, 1)->complete[UF_AFTER]);
    assert_near(get(c, 1)->years[UF_AFTER], 365 / 365.25); /* 366 - 1 day */
    uf_caseset_free(c);
}

static void test_core__years_of_exposure(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *a = get(c, 1), *d = get(c, 4), *g = get(c, 6), *cc = get(c, 3);
    assert_near(a->years[UF_BEFORE], 365 / 365.25);
    assert_near(a->years[UF_DURING], 301 / 365.25);
    assert_near(a->years[UF_AFTER], 366 / 365.25);
    assert_near(cc->years[UF_BEFORE], 366 / 365.25);
    assert_near(cc->years[UF_DURING], 181 / 365.25);
    assert_near(cc->years[UF_AFTER], 365 / 365.25);
    assert_near(d->years[UF_DURING], 881 / 365.25);
    assert_near(g->years[UF_BEFORE], 365 / 365.25);
    assert_near(g->years[UF_DURING], 533 / 365.25);
    /* the rate inputs: A's suspicions per phase (see the next test) over
     * these years, e.g. before 4 / (365 / 365.25) = 4.00274 per year */
    assert_near(ev(c, a, "misstanke_brott", UF_BEFORE) / a->years[UF_BEFORE], 4 * 365.25 / 365);
    uf_caseset_free(c);
}

/* ---- measures ----------------------------------------------------------------- */

static void test_core__events_by_phase_borders(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *a = get(c, 1);
    /* misstanke_brott of person 1:
     *   before: 2022-03-15 (first day) 1 + 2022-06-01 value 2 + 2023-03-14
     *           (day before start) 1 = 4; 2022-03-14 is outside
     *   during: 2023-03-15 (start day) 1 + 2024-01-09 1 = 2
     *   after:  2024-01-10 (end day) 1 + 2025-01-09 (last day) 1 = 2;
     *           2025-01-10 is outside */
    assert_near(ev(c, a, "misstanke_brott", UF_BEFORE), 4);
    assert_near(ev(c, a, "misstanke_brott", UF_DURING), 2);
    assert_near(ev(c, a, "misstanke_brott", UF_AFTER), 2);
    /* 12 and 12 months: the equal windows are the phases */
    for (int ph = 0; ph < UF_NPHASES; ph++)
        assert_near(a->events_eq[uf_core_event(c, "misstanke_brott")][ph],
                    ev(c, a, "misstanke_brott", ph));
    assert_near(ev(c, a, "vald", UF_BEFORE), 0);
    assert_near(ev(c, a, "vald", UF_DURING), 1);
    assert_near(ev(c, a, "vald", UF_AFTER), 0);
    assert_near(ev(c, a, "lagforing", UF_DURING), 0);
    /* without configuration skolk_dagar is no measure */
    assert_int_equal(uf_core_event(c, "skolk_dagar"), -1);
    assert_int_equal(uf_core_state(c, "misstanke_brott"), -1);
    assert_int_equal(uf_core_event(c, "uppforandestorning"), -1);
    uf_caseset_free(c);
}

static void test_core__states_baseline_and_end_values(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *a = get(c, 1);
    /* uppforandestorning of person 1, baseline window [start - 90, start +
     * 30] = [2022-12-15, 2023-04-14]:
     *   2022-12-14 1 (before only), 2022-12-15 0 (window), 2023-04-14 1
     *   (window, latest: baseline 1), 2023-04-15 0 (during), 2024-06-01 1
     * end of before: 2022-12-15 -> 0; of during: 2023-04-15 -> 0; of
     * after: 2024-06-01 -> 1 */
    int u = st(c, "uppforandestorning");
    assert_near(a->state_base[u], 1);
    assert_near(a->state_end[u][UF_BEFORE], 0);
    assert_near(a->state_end[u][UF_DURING], 0);
    assert_near(a->state_end[u][UF_AFTER], 1);
    /* skolfranvaro_pct: 2023-03-01 40 (baseline, before), 2023-12-01 25.5
     * (during), 2024-12-31 10 (after) */
    int s = st(c, "skolfranvaro_pct");
    assert_near(a->state_base[s], 40);
    assert_near(a->state_end[s][UF_BEFORE], 40);
    assert_near(a->state_end[s][UF_DURING], 25.5);
    assert_near(a->state_end[s][UF_AFTER], 10);
    /* no readings: NAN */
    int y = st(c, "sysselsattning");
    assert_true(isnan(a->state_base[y]));
    assert_true(isnan(a->state_end[y][UF_AFTER]));
    /* the window's first day counts, the day before it does not:
     * boende_stabilt only on 2022-12-15 (start - 90), drogfri only on
     * 2022-12-14 (start - 91) */
    assert_near(a->state_base[st(c, "boende_stabilt")], 1);
    assert_true(isnan(a->state_base[st(c, "drogfri")]));
    assert_near(a->state_end[st(c, "drogfri")][UF_BEFORE], 1);
    assert_true(isnan(a->state_end[st(c, "drogfri")][UF_DURING]));
    uf_caseset_free(c);
}

/* A state value is kept as the double SQLite stored: 33.3 stays the
 * double nearest 33.3 (as a float it was 33.29999923706055). */
static void test_core__state_values_kept_exactly(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *e = get(c, 5);
    int s = st(c, "skolfranvaro_pct");
    assert_true(e->state_base[s] == 33.3);
    assert_true(e->state_end[s][UF_DURING] == 33.3); /* the start day is during */
    uf_caseset_free(c);
}

static void test_core__configured_measures(void **state)
{
    (void)state;
    char code0[] = "skolk_dagar", code1[] = "betyg_pct";
    uf_measure_conf m[] = { { code0, UF_MEASURE_EVENT }, { code1, UF_MEASURE_PCT } };
    uf_config cfg;
    uf_config_defaults(&cfg);
    cfg.measures = m;
    cfg.nmeasures = 2;
    uf_caseset *c = load_with(AS_OF, 12, 12, UF_ANCHOR_END, &cfg);
    const uf_case *a = get(c, 1);
    /* skolk_dagar 4 on 2023-06-01: during; betyg_pct 60 on 2023-03-01:
     * baseline and end of before */
    assert_near(ev(c, a, "skolk_dagar", UF_DURING), 4);
    assert_near(ev(c, a, "skolk_dagar", UF_BEFORE), 0);
    int b = st(c, "betyg_pct");
    assert_near(a->state_base[b], 60);
    assert_near(a->state_end[b][UF_BEFORE], 60);
    /* built-ins still there */
    assert_near(ev(c, a, "misstanke_brott", UF_BEFORE), 4);
    uf_caseset_free(c);
}

static void test_core__assessment_baseline_and_followup(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *a = get(c, 1);
    /* ester, baseline window [start - 180, start + 30] = [2022-09-16,
     * 2023-04-14]: 2022-09-15 too old; 2022-09-16 and 2023-04-14 inside,
     * latest 25 (medel).  Follow-up: latest during after that window,
     * 2023-12-01 18 (lag); 2024-02-01 after the end is not used */
    const uf_assess *e = &a->assess[instrument("ester")];
    assert_near(e->base, 25);
    assert_int_equal(e->base_day, D(2023, 4, 14));
    assert_int_equal(e->base_risk, 2);
    assert_near(e->follow, 18);
    assert_int_equal(e->follow_day, D(2023, 12, 1));
    assert_int_equal(e->follow_risk, 1);
    /* savry: only a too old baseline (start - 181); none during; first
     * after the end within [2024-01-10, 2025-01-10): 2024-03-01 5 */
    const uf_assess *s = &a->assess[instrument("savry")];
    assert_true(isnan(s->base));
    assert_int_equal(s->base_day, INT_MIN);
    assert_int_equal(s->base_risk, 0);
    assert_near(s->follow, 5);
    assert_int_equal(s->follow_day, D(2024, 3, 1));
    /* yls_cmi: the start day is a baseline; 2025-01-10 = end + 12 months
     * lies outside the follow-up window */
    const uf_assess *y = &a->assess[instrument("yls_cmi")];
    assert_near(y->base, 12);
    assert_int_equal(y->base_day, D(2023, 3, 15));
    assert_true(isnan(y->follow));
    assert_int_equal(y->follow_day, INT_MIN);
    /* earl: only on 2022-09-16 = start - 180, the oldest allowed */
    assert_near(a->assess[instrument("earl")].base, 7);
    assert_int_equal(a->assess[instrument("earl")].base_day, D(2022, 9, 16));
    /* none at all */
    assert_true(isnan(a->assess[instrument("adad")].base));
    assert_true(isnan(a->assess[instrument("adad")].follow));

    /* E: baseline 2024-08-01 (start - 31) 20 hog; none during; first after
     * the end 2025-04-01 12 medel, not 2025-05-01 */
    const uf_assess *ee = &get(c, 5)->assess[instrument("ester")];
    assert_near(ee->base, 20);
    assert_int_equal(ee->base_risk, 3);
    assert_near(ee->follow, 12);
    assert_int_equal(ee->follow_day, D(2025, 4, 1));
    assert_int_equal(ee->follow_risk, 2);

    /* D (ongoing): baseline 2023-01-15, follow-up 2025-06-01 during */
    const uf_assess *dd = &get(c, 4)->assess[instrument("ester")];
    assert_near(dd->base, 20);
    assert_near(dd->follow, 9);
    assert_int_equal(dd->follow_day, D(2025, 6, 1));
    uf_caseset_free(c);
}

static void test_core__days_placed_across_borders(void **state)
{
    (void)state;
    uf_caseset *c = load();
    /* A: hvb 2022-12-01..2023-04-30 (end day included):
     *      before [2022-12-01, 2023-03-15) 31+31+28+14 = 104
     *      during [2023-03-15, 2023-05-01) 17+30 = 47     (104+47 = 151 days)
     *    sis 2023-12-20..2024-01-20:
     *      during [2023-12-20, 2024-01-10) 12+9 = 21
     *      after  [2024-01-10, 2024-01-21) 11              (21+11 = 32 days)
     *    familjehem 2024-06-01..2024-06-30: after 30
     *    mst, kontaktperson, fft, skk are no placements */
    const uf_case *a = get(c, 1);
    assert_near(a->placed[UF_BEFORE], 104);
    assert_near(a->placed[UF_DURING], 47 + 21);
    assert_near(a->placed[UF_AFTER], 11 + 30);
    /* C: hvb 2021-07-01..2021-08-31: during July 31, after August 31 */
    const uf_case *cc = get(c, 3);
    assert_near(cc->placed[UF_BEFORE], 0);
    assert_near(cc->placed[UF_DURING], 31);
    assert_near(cc->placed[UF_AFTER], 31);
    /* E: sis 2025-05-01..2025-12-31 is cut at as-of (nothing after the
     * data cut-off counts): [2025-05-01, 2025-07-01) = 31 + 30 = 61; hvb
     * open from 2025-06-01 lies inside it, so the union is 61 (not
     * 61 + 30).  Time at risk in the after window up to as-of: 122 days
     * less the 61 in SiS = 61 */
    assert_near(get(c, 5)->placed[UF_AFTER], 61);
    assert_near(get(c, 5)->placed[UF_DURING], 0);
    assert_near(get(c, 5)->risk_years[UF_AFTER], 61 / 365.25);
    assert_near(get(c, 5)->years[UF_AFTER], 122 / 365.25);
    /* G: hvb 2025-06-01..2025-12-31, cut at as-of: during 30 */
    assert_near(get(c, 6)->placed[UF_DURING], 30);
    uf_caseset_free(c);
}

/* The days per insats code (with_insats_days, the analysis export): the
 * same intervals as days placed, per code: A's hvb 104 before and 47
 * during, sis 21 during and 11 after, familjehem 30 after; without the
 * request nothing is kept. */
static void test_core__days_per_insats_code(void **state)
{
    (void)state;
    uf_core_params p = {
        .as_of = AS_OF, .months_before = 12, .months_after = 12, .with_insats_days = true
    };
    uf_caseset *c = NULL;
    assert_int_equal(uf_core_load(fx.db, &p, &c), UF_OK);
    assert_non_null(c->insats_days);
    float(*a)[UF_NPHASES] = c->insats_days[uf_caseset_find(c, 1)];
    int hvb = uf_kb_index(UF_KB_INSATS, "hvb"), sis = uf_kb_index(UF_KB_INSATS, "sis");
    int fh = uf_kb_index(UF_KB_INSATS, "familjehem");
    assert_near(a[hvb][UF_BEFORE], 104);
    assert_near(a[hvb][UF_DURING], 47);
    assert_near(a[hvb][UF_AFTER], 0);
    assert_near(a[sis][UF_DURING], 21);
    assert_near(a[sis][UF_AFTER], 11);
    assert_near(a[fh][UF_AFTER], 30);
    /* the sum over the placement codes is days placed when none overlap */
    const uf_case *k = get(c, 1);
    for (int ph = 0; ph < UF_NPHASES; ph++)
        assert_near(a[hvb][ph] + a[sis][ph] + a[fh][ph], k->placed[ph]);
    uf_caseset_free(c);
    c = load();
    assert_null(c->insats_days);
    uf_caseset_free(c);
}

/* Overlapping placements count once, in days placed and in the days of
 * locked care taken out of the time at risk. */
static void test_core__days_placed_are_the_union(void **state)
{
    (void)state;
    char dir[TU_PATH];
    /* one case 2023-07-01..2024-07-01, as-of 2025-12-31:
     *   before [2022-07-01, 2023-07-01) 365, during [2023-07-01,
     *   2024-07-01) 366, after [2024-07-01, 2025-07-01) 365 days */
    static const char *const sql[] = {
        "INSERT INTO persons (id, pseudonym, birth_date, sex) VALUES (1, 'p', '2010-01-01', 'M');"
        "INSERT INTO cases (id, case_id, person_id, programme, start_date, end_date)"
        " VALUES (1, 'A', 1, 'SIG', '2023-07-01', '2024-07-01');"
        "INSERT INTO interventions (person_id, insats, start_date, end_date) VALUES"
        " (1, 'familjehem', '2024-02-13', '2024-04-02'),"
        " (1, 'hvb', '2024-01-01', '2024-03-01'),"
        " (1, 'sis', '2024-08-20', '2024-09-19'),"
        " (1, 'sis', '2024-08-01', '2024-08-31');",
        NULL
    };
    sqlite3 *db = new_db(dir, sql);
    assert_non_null(db);
    uf_core_params p = { .as_of = D(2025, 12, 31), .months_before = 12, .months_after = 12 };
    uf_caseset *c = NULL;
    assert_int_equal(uf_core_load(db, &p, &c), UF_OK);
    const uf_case *k = &c->cases[0];
    /* during: hvb 2024-01-01..2024-03-01 = 31 + 29 + 1 = 61 days,
     * familjehem 2024-02-13..2024-04-02 = 17 + 31 + 2 = 50 days; they
     * share 2024-02-13..2024-03-01 = 17 + 1 = 18 days, so the union
     * 2024-01-01..2024-04-02 is 61 + 50 - 18 = 31 + 29 + 31 + 2 = 93
     * (the sum would be 111) */
    assert_near(k->placed[UF_DURING], 93);
    assert_near(k->placed[UF_BEFORE], 0);
    /* after: sis 2024-08-01..2024-08-31 = 31 and 2024-08-20..2024-09-19
     * = 12 + 19 = 31 share 2024-08-20..2024-08-31 = 12 days: union
     * 2024-08-01..2024-09-19 = 31 + 19 = 50 days placed, all locked
     * care, so the time at risk is 365 - 50 = 315 days (not 365 - 62) */
    assert_near(k->placed[UF_AFTER], 50);
    assert_near(k->years[UF_AFTER], 365 / 365.25);
    assert_near(k->risk_years[UF_AFTER], 315 / 365.25);
    /* no locked care before and during: time at risk is the window */
    assert_near(k->risk_years[UF_BEFORE], 365 / 365.25);
    assert_near(k->risk_years[UF_DURING], 366 / 365.25);
    uf_caseset_free(c);
    uf_db_close(db);
    assert_int_equal(tu_rmtree(dir), 0);
}

/* The same placements with a second case of the same person (a later
 * one, from 2025-09-01, whose before window holds the end of a SiS stay):
 * the person's rows
 * go to both cases in turn, and the first case's sweeps must still count
 * every shared day once (found by review: a sweep state shared by the
 * cases was reset on every row, giving 111 days, 62 and 303). */
static void test_core__days_placed_with_two_cases(void **state)
{
    (void)state;
    char dir[TU_PATH];
    static const char *const sql[] = {
        "INSERT INTO persons (id, pseudonym, birth_date, sex) VALUES (1, 'p', '2010-01-01', 'M');"
        "INSERT INTO cases (id, case_id, person_id, programme, start_date, end_date)"
        " VALUES (1, 'A', 1, 'SIG', '2023-07-01', '2024-07-01'),"
        " (2, 'B', 1, 'SIG', '2025-09-01', NULL);"
        "INSERT INTO interventions (person_id, insats, start_date, end_date) VALUES"
        " (1, 'familjehem', '2024-02-13', '2024-04-02'),"
        " (1, 'hvb', '2024-01-01', '2024-03-01'),"
        " (1, 'sis', '2024-08-20', '2024-09-19'),"
        " (1, 'sis', '2024-08-01', '2024-08-31');",
        NULL
    };
    sqlite3 *db = new_db(dir, sql);
    assert_non_null(db);
    uf_core_params p = { .as_of = D(2025, 12, 31), .months_before = 12, .months_after = 12 };
    uf_caseset *c = NULL;
    assert_int_equal(uf_core_load(db, &p, &c), UF_OK);
    assert_int_equal(c->n, 2);
    const uf_case *k = &c->cases[0];
    /* the figures of the test above, worked out there by hand */
    assert_near(k->placed[UF_DURING], 93);
    assert_near(k->placed[UF_AFTER], 50);
    assert_near(k->risk_years[UF_AFTER], 315 / 365.25);
    /* case B: before [2024-09-01, 2025-09-01) holds sis 2024-09-01..
     * 2024-09-19 = 19 days (the rest of the union lies before it) */
    const uf_case *b = &c->cases[1];
    assert_near(b->placed[UF_BEFORE], 19);
    assert_near(b->risk_years[UF_BEFORE], (365 - 19) / 365.25);
    uf_caseset_free(c);
    uf_db_close(db);
    assert_int_equal(tu_rmtree(dir), 0);
}

static void test_core__insatser_overlapping_during(void **state)
{
    (void)state;
    uf_caseset *c = load();
    /* A's during [2023-03-15, 2024-01-10): hvb (to 2023-04-30), sis (from
     * 2023-12-20), mst, skk (from 2024-01-09, the last day); not
     * kontaktperson (ended 2023-03-14), not fft (from 2024-01-10) */
    assert_int_equal(get(c, 1)->insatser, bit("hvb") | bit("sis") | bit("mst") | bit("skk"));
    /* C: hvb (person only, overlaps C's [start, end]) and its own skolstod */
    assert_int_equal(get(c, 3)->insatser, bit("hvb") | bit("skolstod"));
    /* D: mentor from 2023-06-01 (person only, overlaps D); not C's hvb,
     * not tfco (in D's before), and not C's skolstod although it overlaps
     * D's during [2023-02-01, ...) until 2023-03-31: it is C's */
    assert_int_equal(get(c, 4)->insatser, bit("mentor"));
    /* E: hvb from 2025-06-01 is after its end: none */
    assert_int_equal(get(c, 5)->insatser, 0);
    assert_int_equal(get(c, 6)->insatser, bit("hvb") | bit("ungdomstjanst"));
    assert_string_equal(uf_core_insats_name(7), "skk");
    assert_null(uf_core_insats_name(-1));
    assert_null(uf_core_insats_name(25));
    uf_caseset_free(c);
}

/* Set the withdrawal of case id's follow-up consent (NULL: none). */
static void withdraw(int id, const char *date)
{
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE cases SET consent_withdrawn_date = %s%s%s WHERE id = %d",
             date ? "'" : "", date ? date : "NULL", date ? "'" : "", id);
    assert_int_equal(sqlite3_exec(fx.db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Providers of the insatser that overlap the during phase, and meetings in
 * it (with_meetings): A's during is [2023-03-15, 2024-01-10). */
static void test_core__providers_and_meetings(void **state)
{
    (void)state;
    const char *sql =
        "UPDATE interventions SET provider = CASE insats WHEN 'hvb' THEN 'socialtjanst'"
        " WHEN 'mst' THEN 'socialtjanst' WHEN 'sis' THEN 'sis' WHEN 'skk' THEN 'skola'"
        " WHEN 'kontaktperson' THEN 'fritid' WHEN 'fft' THEN 'bup' END WHERE person_id = 1;"
        "INSERT INTO meetings (case_id, date, type, participants) VALUES"
        " (1, '2023-03-14', 'beredning', 'bup'),"            /* the day before the start */
        " (1, '2023-03-15', 'natverksmote', 'polis|skola')," /* the start day */
        " (1, '2023-06-01', 'uppfoljning', ''),"
        " (1, '2024-01-09', 'uppfoljning', 'skola|fritid')," /* the last day of the phase */
        " (1, '2024-01-10', 'uppfoljning', 'af'),"           /* the end day: after */
        " (2, '2023-06-01', 'uppfoljning', 'bup');";         /* B: no follow-up consent */
    assert_int_equal(sqlite3_exec(fx.db, sql, NULL, NULL, NULL), SQLITE_OK);
    uf_core_params p = { .as_of = AS_OF,
                         .months_before = 12,
                         .months_after = 12,
                         .anchor = UF_ANCHOR_END,
                         .with_meetings = true };
    uf_caseset *c = NULL;
    assert_int_equal(uf_core_load(fx.db, &p, &c), UF_OK);
    /* hvb, mst: socialtjanst; sis; skk: skola; not kontaktperson (fritid,
     * ended the day before) nor fft (bup, from the end day) */
    unsigned want = 1u << uf_kb_index(UF_KB_PROVIDER, "socialtjanst") |
                    1u << uf_kb_index(UF_KB_PROVIDER, "sis") |
                    1u << uf_kb_index(UF_KB_PROVIDER, "skola");
    assert_int_equal(get(c, 1)->providers, want);
    assert_int_equal(get(c, 1)->meetings, 3);
    assert_int_equal(get(c, 2)->meetings, 0);
    /* who took part: polis, skola, fritid; not bup (before), not af (after) */
    assert_int_equal(get(c, 1)->meeting_actors, 1u << uf_kb_index(UF_KB_ACTOR, "polis") |
                                                    1u << uf_kb_index(UF_KB_ACTOR, "skola") |
                                                    1u << uf_kb_index(UF_KB_ACTOR, "fritid"));
    /* referral and consent of A */
    assert_int_equal(get(c, 1)->referred, D(2023, 2, 1));
    assert_int_equal(get(c, 1)->consented, D(2023, 3, 1));
    assert_int_equal(get(c, 2)->consented, INT_MIN);
    uf_caseset_free(c);
    /* without with_meetings none are read; a withdrawal on 2023-06-01
     * leaves the meeting of the start day only */
    c = load();
    assert_int_equal(get(c, 1)->meetings, 0);
    uf_caseset_free(c);
    withdraw(1, "2023-06-01");
    assert_int_equal(uf_core_load(fx.db, &p, &c), UF_OK);
    assert_int_equal(get(c, 1)->meetings, 1);
    uf_caseset_free(c);
    withdraw(1, NULL);
    assert_int_equal(sqlite3_exec(fx.db,
                                  "DELETE FROM meetings; UPDATE interventions SET provider = NULL",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
}

static void test_core__goals_by_latest_status(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *a = get(c, 1);
    /* skola: goal of 2023-04-01 delvis -> uppnatt (latest), goal of
     * 2023-05-01 ej_uppnatt; familj: uppnatt (the follow-up of 2025-08-01
     * is after as-of); kamrater: pagaende; fritid: no follow-up at all */
    const unsigned char skola[4] = { 1, 0, 1, 0 }, familj[4] = { 1, 0, 0, 0 },
                        kamrater[4] = { 0, 0, 0, 1 }, none[4] = { 0, 0, 0, 0 };
    assert_memory_equal(a->goals[domain("skola")], skola, 4);
    assert_memory_equal(a->goals[domain("familj")], familj, 4);
    assert_memory_equal(a->goals[domain("kamrater")], kamrater, 4);
    assert_memory_equal(a->goals[domain("fritid")], none, 4);
    /* D's goal is D's, not C's (same person) */
    const unsigned char delvis[4] = { 0, 1, 0, 0 };
    assert_memory_equal(get(c, 4)->goals[domain("skola")], delvis, 4);
    assert_memory_equal(get(c, 3)->goals[domain("skola")], none, 4);
    uf_caseset_free(c);

    /* as-of 2023-08-01: only the follow-ups of 2023-06-01 count: skola
     * delvis + ej_uppnatt */
    c = load_with(D(2023, 8, 1), 12, 12, UF_ANCHOR_END, NULL);
    const unsigned char early[4] = { 0, 1, 1, 0 };
    assert_memory_equal(get(c, 1)->goals[domain("skola")], early, 4);
    uf_caseset_free(c);
}

static void test_core__no_followup_consent_no_measures(void **state)
{
    (void)state;
    uf_caseset *c = load();
    /* B is loaded (it counts in flows) with its windows, but its event of
     * 2023-06-01, its state, hvb and goal are not kept */
    const uf_case *b = get(c, 2);
    assert_false(b->consent);
    assert_window(b, UF_DURING, D(2023, 5, 1), D(2024, 5, 1));
    for (int ph = 0; ph < UF_NPHASES; ph++) {
        assert_near(ev(c, b, "misstanke_brott", ph), 0);
        assert_near(b->placed[ph], 0);
    }
    assert_true(isnan(b->state_base[st(c, "uppforandestorning")]));
    assert_int_equal(b->insatser, 0);
    const unsigned char none[4] = { 0, 0, 0, 0 };
    assert_memory_equal(b->goals[domain("skola")], none, 4);
    uf_caseset_free(c);
}

static void test_core__withdrawn_consent_stops_follow_up(void **state)
{
    (void)state;
    /* A withdraws on 2024-06-01, in its after window [2024-01-10,
     * 2025-01-10): the window is incomplete, its time runs to the day
     * before, 22 + 29 + 31 + 30 + 31 = 143 days (10-31 January is 22); of its suspicions the
     * one of 2024-01-10 counts, the one of 2025-01-09 does not; the
     * state of 2024-06-01 (the day itself) and school absence of
     * 2024-12-31 are left out, so no end value after */
    withdraw(1, "2024-06-01");
    uf_caseset *c = load();
    const uf_case *a = get(c, 1);
    assert_true(a->withdrawn);
    assert_int_equal(a->stop, D(2024, 6, 1));
    assert_true(a->complete[UF_BEFORE]);
    assert_true(a->complete[UF_DURING]);
    assert_false(a->complete[UF_AFTER]);
    assert_near(a->years[UF_AFTER], 143 / 365.25);
    assert_near(a->years[UF_DURING], 301 / 365.25);
    assert_near(ev(c, a, "misstanke_brott", UF_BEFORE), 4);
    assert_near(ev(c, a, "misstanke_brott", UF_AFTER), 1);
    assert_true(isnan(a->state_end[st(c, "uppforandestorning")][UF_AFTER]));
    assert_true(isnan(a->state_end[st(c, "skolfranvaro_pct")][UF_AFTER]));
    assert_false(get(c, 3)->withdrawn);
    uf_caseset_free(c);

    /* on 2023-08-02, during the case: the goals as on 2023-08-01 (only
     * the follow-ups of 2023-06-01: skola delvis + ej_uppnatt), the
     * during window incomplete */
    withdraw(1, "2023-08-02");
    c = load();
    const unsigned char early[4] = { 0, 1, 1, 0 };
    assert_memory_equal(get(c, 1)->goals[domain("skola")], early, 4);
    assert_false(get(c, 1)->complete[UF_DURING]);
    uf_caseset_free(c);

    /* a withdrawal after as-of is not yet one */
    withdraw(1, "2025-07-01");
    c = load();
    assert_false(get(c, 1)->withdrawn);
    assert_int_equal(get(c, 1)->stop, AS_OF + 1);
    assert_true(get(c, 1)->complete[UF_AFTER]);
    uf_caseset_free(c);
    withdraw(1, NULL);
}

static void test_core__person_with_two_cases(void **state)
{
    (void)state;
    uf_caseset *c = load();
    const uf_case *cc = get(c, 3), *d = get(c, 4);
    assert_window(cc, UF_BEFORE, D(2020, 2, 1), D(2021, 2, 1));
    assert_window(cc, UF_DURING, D(2021, 2, 1), D(2021, 8, 1));
    assert_window(cc, UF_AFTER, D(2021, 8, 1), D(2022, 8, 1));
    assert_int_equal(cc->age, 15);
    assert_int_equal(d->age, 17);
    assert_string_equal(uf_caseset_string(c, cc->programme), "SSPF");
    assert_string_equal(uf_caseset_string(c, d->programme), "SIG");
    /* suspicions of person 3: 2020-01-31 (in no window), 2021-03-01 (C
     * during), 2022-06-01 (C after and D before), 2023-03-01 (D during) */
    assert_near(ev(c, cc, "misstanke_brott", UF_BEFORE), 0);
    assert_near(ev(c, cc, "misstanke_brott", UF_DURING), 1);
    assert_near(ev(c, cc, "misstanke_brott", UF_AFTER), 1);
    assert_near(ev(c, d, "misstanke_brott", UF_BEFORE), 1);
    assert_near(ev(c, d, "misstanke_brott", UF_DURING), 1);
    /* tfco 2022-10-01..2022-10-10 lies in D's before: 10 days; C's hvb
     * is not D's */
    assert_near(d->placed[UF_BEFORE], 10);
    assert_near(d->placed[UF_DURING], 0);
    /* assessments: 2021-05-01 is C's follow-up (no baseline); D has its own */
    const uf_assess *ca = &cc->assess[instrument("ester")];
    assert_true(isnan(ca->base));
    assert_near(ca->follow, 15);
    uf_caseset_free(c);
}

static void test_core__not_started_left_out(void **state)
{
    (void)state;
    uf_caseset *c = load();
    /* started by 2025-06-30: A B C D E G (ids 1..6); F starts 2025-08-01,
     * H has no start, both referred by as-of: not_started 2; I is referred
     * after as-of: not counted */
    assert_int_equal(c->n, 6);
    for (size_t i = 0; i < c->n; i++)
        assert_int_equal(c->cases[i].id, (sqlite3_int64)i + 1);
    assert_int_equal(c->not_started, 2);
    uf_caseset_free(c);

    /* as-of 2023-03-01: only C and D have started; E (referred
     * 2024-08-01), G (2023-12-01) and later are not yet referred, A
     * (referred 2023-02-01) is, B (2023-04-01) is not: not_started 1 */
    c = load_with(D(2023, 3, 1), 12, 12, UF_ANCHOR_END, NULL);
    assert_int_equal(c->n, 2);
    assert_int_equal(c->cases[0].id, 3);
    assert_int_equal(c->cases[1].id, 4);
    assert_int_equal(c->not_started, 1);
    uf_caseset_free(c);
}

static void test_core__anchor_start_six_months(void **state)
{
    (void)state;
    uf_caseset *c = load_with(AS_OF, 12, 6, UF_ANCHOR_START, NULL);
    assert_int_equal(c->params.anchor, UF_ANCHOR_START);
    /* A: after [2023-03-15, 2023-09-15) = 17+30+31+30+31+31+14 = 184 days */
    const uf_case *a = get(c, 1);
    assert_window(a, UF_AFTER, D(2023, 3, 15), D(2023, 9, 15));
    assert_int_equal(a->to[UF_AFTER] - a->from[UF_AFTER], 184);
    assert_true(a->complete[UF_AFTER]);
    assert_near(a->years[UF_AFTER], 184 / 365.25);
    /* before and during do not change */
    assert_window(a, UF_BEFORE, D(2022, 3, 15), D(2023, 3, 15));
    assert_window(a, UF_DURING, D(2023, 3, 15), D(2024, 1, 10));
    /* events in the first 6 months: 2023-03-15 suspicion, 2023-06-01 vald */
    assert_near(ev(c, a, "misstanke_brott", UF_AFTER), 1);
    assert_near(ev(c, a, "vald", UF_AFTER), 1);
    assert_near(ev(c, a, "misstanke_brott", UF_DURING), 2);
    /* any-event windows of equal length, 6 months (SPEC §6): before
     * [2022-09-15, 2023-03-15) holds only 2023-03-14 (not 2022-03-15 or
     * 2022-06-01); after is the after window */
    int e = uf_core_event(c, "misstanke_brott");
    assert_int_equal(a->eq_from[UF_BEFORE], D(2022, 9, 15));
    assert_int_equal(a->eq_to[UF_BEFORE], D(2023, 3, 15));
    assert_int_equal(a->eq_to[UF_AFTER], D(2023, 9, 15));
    assert_near(a->events_eq[e][UF_BEFORE], 1);
    assert_near(a->events_eq[e][UF_AFTER], 1);
    assert_near(a->events[e][UF_BEFORE], 4);
    /* hvb to 2023-04-30: [2023-03-15, 2023-05-01) = 47 days */
    assert_near(a->placed[UF_AFTER], 47);
    /* latest uppforandestorning in the window: 2023-04-15 -> 0 */
    assert_near(a->state_end[st(c, "uppforandestorning")][UF_AFTER], 0);
    /* assessment follow-up after the end: window end + 6 months =
     * [2024-01-10, 2024-07-10) */
    assert_int_equal(a->follow_to, D(2024, 7, 10));
    assert_near(a->assess[instrument("savry")].follow, 5);

    /* D is ongoing but, anchored at the start, has an after window:
     * [2023-02-01, 2023-08-01) = 28+31+30+31+30+31 = 181, complete */
    const uf_case *d = get(c, 4);
    assert_window(d, UF_AFTER, D(2023, 2, 1), D(2023, 8, 1));
    assert_true(d->complete[UF_AFTER]);
    assert_near(d->years[UF_AFTER], 181 / 365.25);
    assert_near(ev(c, d, "misstanke_brott", UF_AFTER), 1);
    /* G: [2024-01-15, 2024-07-15) = 31+29+31+30+31+30 = 182 */
    assert_int_equal(get(c, 6)->to[UF_AFTER] - get(c, 6)->from[UF_AFTER], 182);
    uf_caseset_free(c);

    /* as-of 2023-09-01: A is ongoing and its window [2023-03-15,
     * 2023-09-15) is not complete; exposure [2023-03-15, 2023-09-02) 171 */
    c = load_with(D(2023, 9, 1), 12, 6, UF_ANCHOR_START, NULL);
    a = get(c, 1);
    assert_int_equal(a->end, INT_MIN);
    assert_window(a, UF_AFTER, D(2023, 3, 15), D(2023, 9, 15));
    assert_false(a->complete[UF_AFTER]);
    assert_near(a->years[UF_AFTER], 171 / 365.25);
    uf_caseset_free(c);
}

static void test_core__six_months_before(void **state)
{
    (void)state;
    uf_caseset *c = load_with(AS_OF, 6, 12, UF_ANCHOR_END, NULL);
    /* A before [2022-09-15, 2023-03-15) = 16+31+30+31+31+28+14 = 181:
     * only the suspicion of 2023-03-14 */
    const uf_case *a = get(c, 1);
    assert_window(a, UF_BEFORE, D(2022, 9, 15), D(2023, 3, 15));
    assert_near(a->years[UF_BEFORE], 181 / 365.25);
    assert_near(ev(c, a, "misstanke_brott", UF_BEFORE), 1);
    /* the equal windows are 6 months: after [2024-01-10, 2024-07-10)
     * holds 2024-01-10, not 2025-01-09 (in the 12-month after window) */
    int e = uf_core_event(c, "misstanke_brott");
    assert_near(a->events_eq[e][UF_BEFORE], 1);
    assert_near(a->events_eq[e][UF_AFTER], 1);
    assert_near(a->events[e][UF_AFTER], 2);
    assert_int_equal(uf_core_equal_months(&c->params), 6);
    /* the assessment baseline window is still start - 180 */
    assert_near(a->assess[instrument("ester")].base, 25);
    uf_caseset_free(c);
}

static void test_core__reload_same_connection(void **state)
{
    (void)state;
    /* the phase table is refilled: a start-anchored load, then a default
     * one, gives the default windows again */
    uf_caseset *c = load_with(AS_OF, 12, 6, UF_ANCHOR_START, NULL);
    uf_caseset_free(c);
    c = load();
    assert_int_equal(c->n, 6);
    assert_window(get(c, 1), UF_AFTER, D(2024, 1, 10), D(2025, 1, 10));
    assert_int_equal(get(c, 4)->from[UF_AFTER], INT_MIN);
    uf_caseset_free(c);
}

static void test_core__age_at(void **state)
{
    (void)state;
    assert_int_equal(uf_age_at(D(2008, 5, 10), D(2023, 5, 9)), 14);
    assert_int_equal(uf_age_at(D(2008, 5, 10), D(2023, 5, 10)), 15);
    /* born 29 February: 18 on 1 March of a common year */
    assert_int_equal(uf_age_at(D(2004, 2, 29), D(2022, 2, 28)), 17);
    assert_int_equal(uf_age_at(D(2004, 2, 29), D(2022, 3, 1)), 18);
    assert_int_equal(uf_age_at(D(2010, 12, 31), D(2011, 1, 1)), 0);
}

/* ---- default as-of ------------------------------------------------------------- */

static void test_core__default_as_of_is_latest_date(void **state)
{
    (void)state;
    char dir[TU_PATH];
    /* dates: case 2024-01-10..2024-03-01 (referral 2023-12-01), outcome
     * 2024-09-30, assessment 2024-08-15, intervention from 2024-05-01
     * (open), goal follow-up 2024-07-01: the latest is 2024-09-30 */
    static const char *const sql[] = {
        "INSERT INTO persons (id, pseudonym, birth_date, sex) VALUES (1, 'p', '2010-01-01', 'M');"
        "INSERT INTO cases (id, case_id, person_id, programme, referral_date, start_date,"
        " end_date) VALUES (1, 'A', 1, 'SIG', '2023-12-01', '2024-01-10', '2024-03-01');"
        "INSERT INTO outcomes (person_id, date, measure, value) VALUES"
        " (1, '2024-09-30', 'misstanke_brott', 1);"
        "INSERT INTO assessments (assessment_id, person_id, instrument, date, total_score)"
        " VALUES ('x', 1, 'ester', '2024-08-15', 3);"
        "INSERT INTO interventions (person_id, insats, start_date) VALUES (1, 'mst', '2024-05-01');"
        "INSERT INTO goals (case_id, domain, set_date) VALUES (1, 'skola', '2024-02-01');"
        "INSERT INTO goal_followups (case_id, domain, set_date, followup_date, status) VALUES"
        " (1, 'skola', '2024-02-01', '2024-07-01', 'delvis');",
        NULL
    };
    sqlite3 *db = new_db(dir, sql);
    assert_non_null(db);
    uf_core_params p = { .as_of = 0, .months_before = 12, .months_after = 12 };
    uf_caseset *c = NULL;
    assert_int_equal(uf_core_load(db, &p, &c), UF_OK);
    assert_int_equal(c->as_of, D(2024, 9, 30));
    assert_int_equal(c->params.as_of, D(2024, 9, 30));
    assert_int_equal(c->n, 1);
    /* after [2024-03-01, 2025-03-01) is incomplete; exposure up to
     * 2024-10-01: 31+30+31+30+31+31+30 = 214 days, with the event of the
     * as-of day */
    assert_false(c->cases[0].complete[UF_AFTER]);
    assert_near(c->cases[0].years[UF_AFTER], 214 / 365.25);
    assert_near(ev(c, &c->cases[0], "misstanke_brott", UF_AFTER), 1);
    uf_caseset_free(c);
    uf_db_close(db);
    assert_int_equal(tu_rmtree(dir), 0);

    /* a database without any date, and no as-of: bad input */
    db = new_db(dir, NULL);
    assert_non_null(db);
    uf_caseset sentinel;
    c = &sentinel; /* must become NULL */
    assert_int_equal(uf_core_load(db, &p, &c), UF_ERR_INPUT);
    assert_null(c);
    uf_db_close(db);
    assert_int_equal(tu_rmtree(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core__windows_of_ended_case),
        cmocka_unit_test(test_core__ongoing_case_has_no_after_window),
        cmocka_unit_test(test_core__end_after_as_of_is_ongoing),
        cmocka_unit_test(test_core__incomplete_after_window),
        cmocka_unit_test(test_core__years_of_exposure),
        cmocka_unit_test(test_core__events_by_phase_borders),
        cmocka_unit_test(test_core__states_baseline_and_end_values),
        cmocka_unit_test(test_core__state_values_kept_exactly),
        cmocka_unit_test(test_core__configured_measures),
        cmocka_unit_test(test_core__assessment_baseline_and_followup),
        cmocka_unit_test(test_core__days_placed_across_borders),
        cmocka_unit_test(test_core__days_per_insats_code),
        cmocka_unit_test(test_core__days_placed_are_the_union),
        cmocka_unit_test(test_core__days_placed_with_two_cases),
        cmocka_unit_test(test_core__insatser_overlapping_during),
        cmocka_unit_test(test_core__providers_and_meetings),
        cmocka_unit_test(test_core__goals_by_latest_status),
        cmocka_unit_test(test_core__no_followup_consent_no_measures),
        cmocka_unit_test(test_core__withdrawn_consent_stops_follow_up),
        cmocka_unit_test(test_core__person_with_two_cases),
        cmocka_unit_test(test_core__not_started_left_out),
        cmocka_unit_test(test_core__anchor_start_six_months),
        cmocka_unit_test(test_core__six_months_before),
        cmocka_unit_test(test_core__reload_same_connection),
        cmocka_unit_test(test_core__age_at),
        cmocka_unit_test(test_core__default_as_of_is_latest_date),
    };
    return cmocka_run_group_tests_name("core", tests, group_setup, group_teardown);
}
