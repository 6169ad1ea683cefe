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
    assert_string_equal(uf_fmt_number(2.346, 2, b), "2,35");
    assert_string_equal(uf_fmt_number(-0.04, 1, b), "0,0"); /* no "-0,0" */
    assert_string_equal(uf_fmt_number(NAN, 1, b), ".");     /* no value */
    assert_string_equal(uf_fmt_number(INFINITY, 1, b), ".");
}

/* The display rule of docs/rounding.md, Excel's: round to 15 significant
 * digits, then half away from zero.  printf("%.0f") would give 492, 0.12,
 * 2.67 and -0 for the first four (half to even on the binary value;
 * 2.675 is 2.67499999999999982 in binary). */
static void test_format__rounding_as_excel_displays(void **state)
{
    (void)state;
    char b[UF_FMT_BUF];
    assert_string_equal(uf_fmt_number(492.5, 0, b), "493");
    assert_string_equal(uf_fmt_number(0.125, 2, b), "0,13");
    assert_string_equal(uf_fmt_number(2.675, 2, b), "2,68");
    assert_string_equal(uf_fmt_number(-0.5, 0, b), "-1");
    assert_string_equal(uf_fmt_number(-2.675, 2, b), "-2,68");
    assert_string_equal(uf_fmt_number(491.5, 0, b), "492");  /* not to even */
    assert_string_equal(uf_fmt_number(1.005, 2, b), "1,01"); /* binary 1.00499.. */
    /* 0.1 + 0.2 = 0.30000000000000004: 15 digits give 0.3, then 0,3 */
    assert_string_equal(uf_fmt_number(0.1 + 0.2, 16, b), "0,300000000"); /* 9 decimals at most */
    /* carry through every digit */
    assert_string_equal(uf_fmt_number(9.995, 2, b), "10,00");
    assert_string_equal(uf_fmt_number(999999.5, 0, b), "1" NB "000" NB "000");
    /* below half: down, and a negative that rounds to zero shows 0 */
    assert_string_equal(uf_fmt_number(0.1249, 2, b), "0,12");
    assert_string_equal(uf_fmt_number(-0.4, 0, b), "0");
    /* small and large magnitudes */
    assert_string_equal(uf_fmt_number(0.0005, 3, b), "0,001");
    assert_string_equal(uf_fmt_number(0.00049, 3, b), "0,000");
    assert_string_equal(uf_fmt_number(1e-20, 2, b), "0,00");
    /* 15 significant digits: 123456789012345|678 -> ...346, as Excel */
    assert_string_equal(uf_fmt_number(123456789012345678.0, 0, b),
                        "123" NB "456" NB "789" NB "012" NB "346" NB "000");
    /* the same rule through percentages and p-values */
    assert_string_equal(uf_fmt_percent(12.25, 1, b), "12,3" NB "%");
    assert_string_equal(uf_fmt_pvalue(0.0125, b), "0,013");
}

static void test_format__percent_and_p(void **state)
{
    (void)state;
    char b[UF_FMT_BUF];
    assert_string_equal(uf_fmt_percent(12.5, 1, b), "12,5" NB "%");
    assert_string_equal(uf_fmt_percent(100, 0, b), "100" NB "%");
    assert_string_equal(uf_fmt_percent(NAN, 1, b), ".");
    assert_string_equal(uf_fmt_pvalue(0.0321, b), "0,032");
    assert_string_equal(uf_fmt_pvalue(0.001, b), "0,001");
    assert_string_equal(uf_fmt_pvalue(0.000999, b), "<" NB "0,001");
    assert_string_equal(uf_fmt_pvalue(1, b), "1,000");
    assert_string_equal(uf_fmt_pvalue(NAN, b), ".");
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
    /* one meaning per symbol: no test, no value */
    c.supp = UF_SUPP_NOTEST;
    assert_string_equal(uf_fmt_cell(&c, &col, 5, b), "–");
    c.supp = UF_SUPP_MISSING;
    assert_string_equal(uf_fmt_cell(&c, &col, 5, b), ".");
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
        cmocka_unit_test(test_format__rounding_as_excel_displays),
        cmocka_unit_test(test_format__percent_and_p),
        cmocka_unit_test(test_format__cells),
    };
    return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
