/*
 * test_cohort.c - cohort filters: parsing and matching on hand-made cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <string.h>
#include "uppfolj/cohort.h"
#include "uppfolj/parse.h"

static char s_sig[] = "SIG", s_ord[] = "ordinarie", s_norr[] = "Norrstaden", s_risk[] = "riskzon";
static char *strings[] = { s_sig, s_ord, s_norr, s_risk };

static uf_case mk(int programme, char sex, int age, int y)
{
    uf_case k;
    memset(&k, 0, sizeof k);
    k.programme = programme;
    k.unit = 2;
    k.target_group = 3;
    k.sex = sex;
    k.age = age;
    k.start = uf_days_from_civil(y, 6, 1);
    k.end = INT_MIN;
    return k;
}

static void test_cohort__parse_and_match(void **state)
{
    (void)state;
    uf_caseset c;
    memset(&c, 0, sizeof c);
    c.strings = strings;
    c.nstrings = c.scap = 4;
    uf_cohort_filter f;
    char err[256];
    assert_int_equal(uf_cohort_filter_parse("SIG:programme=SIG", &f, err, sizeof err), 0);
    assert_string_equal(f.name, "SIG");
    uf_case a = mk(0, 'M', 16, 2024), b = mk(1, 'F', 14, 2023);
    assert_true(uf_cohort_filter_match(&f, &c, &a));
    assert_false(uf_cohort_filter_match(&f, &c, &b));
    /* Swedish field names, several conditions, ranges */
    assert_int_equal(uf_cohort_filter_parse("Flickor 2023:startår=2023,kön=flicka,ålder=12-14", &f,
                                            err, sizeof err),
                     0);
    assert_int_equal(f.ncond, 3);
    assert_true(uf_cohort_filter_match(&f, &c, &b));
    assert_false(uf_cohort_filter_match(&f, &c, &a));
    assert_int_equal(
        uf_cohort_filter_parse("N:enhet=Norrstaden,målgrupp=riskzon", &f, err, sizeof err), 0);
    assert_true(uf_cohort_filter_match(&f, &c, &a));
}

static void test_cohort__bad_specs(void **state)
{
    (void)state;
    uf_cohort_filter f;
    char err[256];
    assert_int_equal(uf_cohort_filter_parse("programme=SIG", &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "NAMN:"));
    assert_int_equal(uf_cohort_filter_parse("A:", &f, err, sizeof err), -1);
    assert_int_equal(uf_cohort_filter_parse("A:färg=blå", &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "okänt fält"));
    assert_int_equal(uf_cohort_filter_parse("A:sex=Q", &f, err, sizeof err), -1);
    assert_int_equal(uf_cohort_filter_parse("A:age=17-15", &f, err, sizeof err), -1);
    assert_int_equal(uf_cohort_filter_parse("A:start_year", &f, err, sizeof err), -1);
    /* a target group that is no code, and a value too long to keep: errors,
     * never a cut value that matches something else */
    assert_int_equal(uf_cohort_filter_parse("A:target_group=okänd", &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "riskzon eller avhopp"));
    char spec[128];
    snprintf(spec, sizeof spec, "A:unit=%070d", 7);
    assert_int_equal(uf_cohort_filter_parse(spec, &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "längre än 63 tecken"));
}

/* Programme and unit match as the importer reads names: without regard to
 * case or å ä ö; a target group by its code or alias. */
static void test_cohort__values_match_as_the_importer_reads(void **state)
{
    (void)state;
    uf_caseset c;
    memset(&c, 0, sizeof c);
    c.strings = strings;
    c.nstrings = c.scap = 4;
    uf_cohort_filter f;
    char err[256];
    uf_case a = mk(0, 'M', 16, 2024);
    assert_int_equal(uf_cohort_filter_parse("x:program=sig,enhet=NORRSTADEN", &f, err, sizeof err),
                     0);
    assert_true(uf_cohort_filter_match(&f, &c, &a));
    assert_int_equal(uf_cohort_filter_parse("x:malgrupp=Riskzon", &f, err, sizeof err), 0);
    assert_string_equal(f.cond[0].value, "riskzon");
    assert_true(uf_cohort_filter_match(&f, &c, &a));
    char words[256];
    assert_int_equal(uf_cohort_filter_parse("x:program=SIG,kön=F,ålder=15-17", &f, err, sizeof err),
                     0);
    uf_cohort_filter_describe(&f, words, sizeof words);
    assert_string_equal(words, "program SIG, kön flickor, ålder 15-17 år");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cohort__parse_and_match),
        cmocka_unit_test(test_cohort__bad_specs),
        cmocka_unit_test(test_cohort__values_match_as_the_importer_reads),
    };
    return cmocka_run_group_tests_name("cohort", tests, NULL, NULL);
}
