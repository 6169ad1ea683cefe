/*
 * test_reports.c - report periods (uf_period_parse).  Expected day numbers
 * come from uf_days_from_civil of dates worked out by hand: a quarter is
 * three months, a tertial four (jan-apr, maj-aug, sep-dec).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "uppfolj/parse.h"
#include "uppfolj/reports.h"

/* The cut-off of a rolling period in these tests: 2026-10-31. */
#define AS_OF uf_days_from_civil(2026, 10, 31)

static void expect(const char *s, int y0, int m0, int d0, int y1, int m1, int d1, const char *label)
{
    int from, to;
    char buf[96];
    assert_int_equal(uf_period_parse(s, AS_OF, &from, &to, buf, sizeof buf), 0);
    assert_int_equal(from, uf_days_from_civil(y0, m0, d0));
    assert_int_equal(to, uf_days_from_civil(y1, m1, d1));
    assert_string_equal(buf, label);
}

static void test_reports__periods(void **state)
{
    (void)state;
    expect("2024", 2024, 1, 1, 2025, 1, 1, "2024");
    expect("2024-Q1", 2024, 1, 1, 2024, 4, 1, "2024, kvartal 1 (januari–mars)");
    expect("2024-Q3", 2024, 7, 1, 2024, 10, 1, "2024, kvartal 3 (juli–september)");
    expect("2024-Q4", 2024, 10, 1, 2025, 1, 1, "2024, kvartal 4 (oktober–december)");
    expect("2024-T2", 2024, 5, 1, 2024, 9, 1, "2024, tertial 2 (maj–augusti)");
    expect("2024-T3", 2024, 9, 1, 2025, 1, 1, "2024, tertial 3 (september–december)");
    expect("2024-02", 2024, 2, 1, 2024, 3, 1, "februari 2024");
    expect("2024-12", 2024, 12, 1, 2025, 1, 1, "december 2024");
    /* Swedish K for kvartal works too */
    expect("2024-K2", 2024, 4, 1, 2024, 7, 1, "2024, kvartal 2 (april–juni)");
}

/* Pooled periods run from the first day of the first to the last of the
 * second; rolling ones are the N months up to and including the cut-off
 * (2026-10-31: 12m is 2025-11-01 .. 2026-10-31, and 1m 2026-10-01 ..). */
static void test_reports__pooled_and_rolling_periods(void **state)
{
    (void)state;
    expect("2024..2025", 2024, 1, 1, 2026, 1, 1, "2024–2025");
    expect("2025-Q1..2025-Q3", 2025, 1, 1, 2025, 10, 1,
           "2025, kvartal 1 (januari–mars) – 2025, kvartal 3 (juli–september)");
    expect("2024-11..2025-02", 2024, 11, 1, 2025, 3, 1, "november 2024 – februari 2025");
    expect("2025..2025", 2025, 1, 1, 2026, 1, 1, "2025–2025");
    expect("12m", 2025, 11, 1, 2026, 11, 1, "12 månader till och med 2026-10-31");
    expect("1m", 2026, 10, 1, 2026, 11, 1, "1 månad till och med 2026-10-31");
    expect("24M", 2024, 11, 1, 2026, 11, 1, "24 månader till och med 2026-10-31");
    static const char *const bad[] = { "2025..2024",  "2025-Q3..2025-Q1",
                                       "..2025",      "2025..",
                                       "2025...2026", "0m",
                                       "61m",         "12",
                                       "m",           "12mm",
                                       "123m" };
    int from, to;
    char buf[96];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (uf_period_parse(bad[i], AS_OF, &from, &to, buf, sizeof buf) != -1)
            fail_msg("'%s' was taken as a period", bad[i]);
    /* rolling needs the cut-off */
    assert_int_equal(uf_period_parse("12m", 0, &from, &to, buf, sizeof buf), -1);
}

static void test_reports__bad_periods(void **state)
{
    (void)state;
    static const char *const bad[] = { "",        "24",      "2024-",  "2024-Q5", "2024-T4",
                                       "2024-13", "2024-00", "2024-1", "2024-Q",  "2024-05-01",
                                       "abcd",    "1899",    "2024 ",  "2024-T0" };
    int from = -7, to = -7;
    char buf[96];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(uf_period_parse(bad[i], AS_OF, &from, &to, buf, sizeof buf), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reports__periods),
        cmocka_unit_test(test_reports__bad_periods),
        cmocka_unit_test(test_reports__pooled_and_rolling_periods),
    };
    return cmocka_run_group_tests_name("reports", tests, NULL, NULL);
}
