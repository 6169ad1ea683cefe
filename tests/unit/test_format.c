/*
 * test_format.c - Swedish formatting (SPEC §10).  Expected strings are
 * written out by hand; NB below is U+00A0 (no-break space, C2 A0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "uppfolj/format.h"

#define NB "\xc2\xa0"

static void test_format__numbers(void **state)
{
    (void)state;
    char b[UF_FMT_BUF];
    assert_string_equal(uf_fmt_number(0, 0, b), "0");
    assert_string_equal(uf_fmt_number(12.5, 1, b), "12,5");
    assert_string_equal(uf_fmt_number(1234.5, 1, b), "1" NB "234,5");
    assert_string_equal(uf_fmt_number(1234567, 0, b), "1" NB "234" NB "567");
    assert_string_equal(uf_fmt_number(999, 0, b), "999");
    assert_string_equal(uf_fmt_number(-1234.25, 2, b), "-1" NB "234,25");
    /* rounding: 2.345 is 2.34499.. in binary; 0.125 rounds half to even */
    assert_string_equal(uf_fmt_number(2.346, 2, b), "2,35");
    assert_string_equal(uf_fmt_number(-0.04, 1, b), "0,0");     /* no "-0,0" */
    assert_string_equal(uf_fmt_number(NAN, 1, b), "..");
    assert_string_equal(uf_fmt_number(INFINITY, 1, b), "..");
}

static void test_format__percent_and_p(void **state)
{
    (void)state;
    char b[UF_FMT_BUF];
    assert_string_equal(uf_fmt_percent(12.5, 1, b), "12,5" NB "%");
    assert_string_equal(uf_fmt_percent(100, 0, b), "100" NB "%");
    assert_string_equal(uf_fmt_percent(NAN, 1, b), "..");
    assert_string_equal(uf_fmt_pvalue(0.0321, b), "0,032");
    assert_string_equal(uf_fmt_pvalue(0.001, b), "0,001");
    assert_string_equal(uf_fmt_pvalue(0.000999, b), "<" NB "0,001");
    assert_string_equal(uf_fmt_pvalue(1, b), "1,000");
    assert_string_equal(uf_fmt_pvalue(NAN, b), "..");
}

static void test_format__cells(void **state)
{
    (void)state;
    char b[UF_FMT_BUF];
    uf_column col = { .decimals = 2 };
    uf_cell c = { .type = UF_C_NUMBER, .v = 5.126, .n = 10 };
    assert_string_equal(uf_fmt_cell(&c, &col, 5, b), "5,13");
    c.type = UF_C_COUNT;
    c.v = 3;
    c.supp = UF_SUPP_SMALL;
    assert_string_equal(uf_fmt_cell(&c, &col, 5, b), "<5");
    assert_string_equal(uf_fmt_cell(&c, &col, 10, b), "<10");
    c.supp = UF_SUPP_SECONDARY;
    assert_string_equal(uf_fmt_cell(&c, &col, 5, b), "..");
    char text[] = "Pojkar";
    uf_cell t = { .type = UF_C_TEXT, .text = text };
    assert_string_equal(uf_fmt_cell(&t, &col, 5, b), "Pojkar");
    uf_cell p = { .type = UF_C_PERCENT, .v = 64.34108, .n = 129 };
    col.decimals = 1;
    assert_string_equal(uf_fmt_cell(&p, &col, 5, b), "64,3" NB "%");
    uf_cell pv = { .type = UF_C_PVALUE, .v = 2.4e-7, .n = 129 };
    assert_string_equal(uf_fmt_cell(&pv, &col, 5, b), "<" NB "0,001");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format__numbers),
        cmocka_unit_test(test_format__percent_and_p),
        cmocka_unit_test(test_format__cells),
    };
    return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
