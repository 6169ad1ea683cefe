/*
 * test_population.c - population.h: filters checked against the data,
 * the choice of programme, and the view that narrows `cases`.
 *
 * The data: five cases.  Persons 1-3 are girls (F) born 2008-06-01, 4-5
 * boys (M) born 2005-01-15.
 *   case 1  SIG        unit Söderdal   start 2024-03-01  (person 1)
 *   case 2  SIG        unit NULL, person's unit Söderdal  start 2025-02-01
 *   case 3  SIG        unit Norrstaden start 2025-05-01  (person 3)
 *   case 4  ordinarie  unit Norrstaden start 2024-09-01  (person 4)
 *   case 5  ordinarie  unit Västervik  referred 2023-11-20, not started
 * So: SIG has 3 cases, ordinarie 2; Söderdal has cases 1 and 2 (case 2
 * through its person); girls in SIG aged 15-17 at start: cases 1 (15 on
 * 2024-03-01) and 2, 3 (16); the data's first date is 2023-11-20.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "testutil.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/population.h"

static const char *const data_sql[] = {
    "INSERT INTO persons (id, pseudonym, birth_date, sex, unit) VALUES"
    " (1, 'p1', '2008-06-01', 'F', 'Söderdal'), (2, 'p2', '2008-06-01', 'F', 'Söderdal'),"
    " (3, 'p3', '2008-06-01', 'F', 'Norrstaden'), (4, 'p4', '2005-01-15', 'M', NULL),"
    " (5, 'p5', '2005-01-15', 'M', NULL)",
    "INSERT INTO cases (id, case_id, person_id, programme, unit, target_group, referral_date,"
    " start_date) VALUES"
    " (1, 'A1', 1, 'SIG', 'Söderdal', 'riskzon', '2024-02-01', '2024-03-01'),"
    " (2, 'A2', 2, 'SIG', NULL, 'avhopp', '2025-01-10', '2025-02-01'),"
    " (3, 'A3', 3, 'SIG', 'Norrstaden', 'riskzon', '2025-04-01', '2025-05-01'),"
    " (4, 'A4', 4, 'ordinarie', 'Norrstaden', NULL, '2024-08-01', '2024-09-01'),"
    " (5, 'A5', 5, 'ordinarie', 'Västervik', NULL, '2023-11-20', NULL)",
    NULL
};

static char dir[TU_PATH];
static sqlite3 *db;

static int setup(void **state)
{
    (void)state;
    char path[TU_PATH];
    if (tu_mkdtemp(dir) != 0)
        return -1;
    tu_path(path, dir, "uppfolj.db");
    if (uf_db_create(path, &db) != UF_OK)
        return -1;
    for (int i = 0; data_sql[i]; i++)
        if (sqlite3_exec(db, data_sql[i], NULL, NULL, NULL) != SQLITE_OK)
            return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    uf_db_close(db);
    return tu_rmtree(dir);
}

static long count(const char *sql)
{
    sqlite3_stmt *st = NULL;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void parse(const char *spec, uf_cohort_filter *f)
{
    char err[256];
    if (uf_cohort_filter_parse(spec, f, err, sizeof err) != 0)
        fail_msg("%s: %s", spec, err);
}

static void test_population__values_match_as_the_importer_reads_them(void **state)
{
    (void)state;
    uf_cohort_filter f;
    uf_diag d;
    uf_diag_init(&d);
    parse("x:programme=sig,unit=SÖDERDAL", &f);
    assert_int_equal(uf_population_check(db, &f, "test", &d), UF_OK);
    assert_string_equal(f.cond[0].value, "SIG"); /* as stored */
    assert_string_equal(f.cond[1].value, "Söderdal");
    assert_int_equal(d.errors, 0);
    uf_diag_release(&d);
}

static void test_population__unknown_value_lists_those_that_occur(void **state)
{
    (void)state;
    uf_cohort_filter f;
    uf_diag d;
    uf_diag_init(&d);
    parse("x:unit=Sdal", &f);
    assert_int_equal(uf_population_check(db, &f, "test", &d), UF_ERR_INPUT);
    assert_int_equal(d.n, 1);
    /* Swedish order: N, S, V; case 2's unit is its person's */
    assert_string_equal(d.items[0].message,
                        "enheten Sdal finns inte bland ärendena (finns: Norrstaden, Söderdal, "
                        "Västervik)");
    uf_diag_release(&d);
    uf_diag_init(&d);
    parse("x:start_year=2015", &f);
    assert_int_equal(uf_population_check(db, &f, "test", &d), UF_ERR_INPUT);
    assert_string_equal(d.items[0].message,
                        "startåret 2015 finns inte bland ärendena (finns: startår 2024–2025)");
    uf_diag_release(&d);
}

static void test_population__no_case_meets_every_condition(void **state)
{
    (void)state;
    uf_cohort_filter f;
    uf_diag d;
    uf_diag_init(&d);
    parse("x:programme=ordinarie,unit=Söderdal", &f); /* each occurs, not together */
    assert_int_equal(uf_population_check(db, &f, "test", &d), UF_ERR_INPUT);
    assert_non_null(strstr(d.items[0].message, "inga ärenden uppfyller villkoren"));
    uf_diag_release(&d);
}

static void test_population__several_programmes_need_a_choice(void **state)
{
    (void)state;
    char list[256], words[256];
    int n;
    assert_int_equal(uf_population_programmes(db, list, sizeof list, &n), UF_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list, "SIG (3 ärenden), ordinarie (2 ärenden)");
    uf_diag d;
    uf_diag_init(&d);
    uf_population_req q = { 0 };
    assert_int_equal(uf_population_choose(db, &q, words, sizeof words, &d), UF_ERR_INPUT);
    assert_non_null(strstr(d.items[0].message, "SIG (3 ärenden), ordinarie (2 ärenden)"));
    uf_diag_release(&d);
    uf_diag_init(&d);
    q.default_program = "SIG"; /* uppfolj.conf */
    assert_int_equal(uf_population_choose(db, &q, words, sizeof words, &d), UF_OK);
    assert_string_equal(words, "program SIG (3 ärenden)");
    q.default_program = NULL;
    q.by_programme = true; /* --by programme */
    assert_int_equal(uf_population_choose(db, &q, words, sizeof words, &d), UF_OK);
    assert_string_equal(words, "alla ärenden (5 ärenden)");
    assert_int_equal(d.errors, 0);
    uf_diag_release(&d);
}

static void test_population__view_narrows_every_query(void **state)
{
    (void)state;
    char words[256];
    uf_diag d;
    uf_diag_init(&d);
    uf_population_req q = { .program = "SIG", .unit = "söderdal" };
    assert_int_equal(uf_population_choose(db, &q, words, sizeof words, &d), UF_OK);
    assert_string_equal(words, "program SIG, enhet Söderdal (2 ärenden)");
    assert_string_equal(q.unit_name, "Söderdal");
    assert_int_equal(count("SELECT count(*) FROM cases"), 2); /* cases 1, 2 */
    assert_int_equal(count("SELECT count(*) FROM main.cases"), 5);
    int first, last;
    assert_int_equal(uf_population_range(db, &first, &last), UF_OK);
    assert_int_equal(first, uf_days_from_civil(2024, 2, 1)); /* case 1's referral */
    assert_int_equal(last, uf_days_from_civil(2025, 2, 1));  /* case 2's start */
    /* girls of SIG aged 15-17 at start: cases 1, 2, 3 (a new population) */
    uf_cohort_filter f;
    parse("x:programme=SIG,sex=flicka,age=15-17", &f);
    uf_population_req q2 = { .filter = &f };
    assert_int_equal(uf_population_choose(db, &q2, words, sizeof words, &d), UF_OK);
    assert_int_equal(count("SELECT count(*) FROM cases"), 3);
    assert_string_equal(words, "program SIG, kön flickor, ålder 15-17 år (3 ärenden)");
    assert_int_equal(d.errors, 0);
    uf_diag_release(&d);
}

/* The default programme narrows only the compared cohorts that name none:
 * A (ordinarie) keeps its own, B (unit Norrstaden) becomes SIG in
 * Norrstaden (case 3); together cases 3, 4, 5.  And cohorts whose cases
 * the programme leaves out make an empty population: an error. */
static void test_population__default_programme_and_empty_population(void **state)
{
    (void)state;
    char words[512];
    uf_diag d;
    uf_diag_init(&d);
    uf_cohort_filter c[2];
    parse("A:programme=ordinarie", &c[0]);
    parse("B:unit=Norrstaden", &c[1]);
    uf_population_req q = { .cohorts = c, .ncohorts = 2, .default_program = "SIG" };
    assert_int_equal(uf_population_choose(db, &q, words, sizeof words, &d), UF_OK);
    assert_int_equal(c[0].ncond, 1); /* A untouched */
    assert_int_equal(c[1].ncond, 2); /* B: unit and SIG */
    assert_int_equal(count("SELECT count(*) FROM cases"), 3);
    assert_int_equal(d.errors, 0);
    uf_cohort_filter e;
    parse("E:unit=Västervik", &e); /* only case 5, ordinarie */
    uf_population_req q2 = { .program = "SIG", .cohorts = &e, .ncohorts = 1 };
    assert_int_equal(uf_population_choose(db, &q2, words, sizeof words, &d), UF_ERR_INPUT);
    assert_non_null(strstr(d.items[d.n - 1].message, "inga ärenden uppfyller villkoren"));
    uf_diag_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_population__values_match_as_the_importer_reads_them),
        cmocka_unit_test(test_population__unknown_value_lists_those_that_occur),
        cmocka_unit_test(test_population__no_case_meets_every_condition),
        cmocka_unit_test(test_population__several_programmes_need_a_choice),
        cmocka_unit_test(test_population__view_narrows_every_query),
        cmocka_unit_test(test_population__default_programme_and_empty_population),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
