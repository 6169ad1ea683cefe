/*
 * test_parse.c - dates, numbers and text of import cells (parse.h), and the
 * folding of header names and codes (uf_fold, parse.h).
 *
 * Day numbers are worked out by hand from the calendar (shown per case) and
 * were cross-checked with Python's datetime, never taken from the program.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <sqlite3.h>
#include <errno.h>
#include "uppfolj/error.h"
#include "uppfolj/parse.h"

/* Days in month m of year y, by the Gregorian rule, written out here so the
 * test does not lean on uf_date_valid. */
static int month_days(int y, int m)
{
    static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return md[m - 1] + (m == 2 && leap);
}

/*
 * 1970-01-01 is day 0 by definition.
 * 2000-01-01: 30 years, 7 of them leap (1972 76 80 84 88 92 96):
 *   30*365 + 7 = 10957.  2000 is a leap year (divisible by 400), so
 *   2000-03-01 = 10957 + 31 (Jan) + 29 (Feb) = 11017.
 * 2024-01-01: 24 more years, 6 leap (2000 04 08 12 16 20): 10957 + 24*365 + 6
 *   = 19723.
 * 1969-12-31 = -1.  1900-01-01: 70 years back, 17 leap years 1904..1968:
 *   -(70*365 + 17) = -25567.
 */
static void test_parse__known_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(uf_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(uf_days_from_civil(1970, 1, 2), 1);
    assert_int_equal(uf_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(uf_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(uf_days_from_civil(2000, 2, 29), 11016);
    assert_int_equal(uf_days_from_civil(2024, 1, 1), 19723);
    assert_int_equal(uf_days_from_civil(1900, 1, 1), -25567);

    int y, m, d;
    uf_civil_from_days(11017, &y, &m, &d);
    assert_int_equal(y, 2000);
    assert_int_equal(m, 3);
    assert_int_equal(d, 1);
    uf_civil_from_days(-1, &y, &m, &d);
    assert_int_equal(y, 1969);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
}

/* Walk every day 1800-01-01 .. 2199-12-31 with a calendar kept by hand:
 * each day number maps to the next date and back. */
static void test_parse__civil_round_trip(void **state)
{
    (void)state;
    int ey = 1800, em = 1, ed = 1; /* expected date */
    int first = uf_days_from_civil(1800, 1, 1);
    int last = uf_days_from_civil(2199, 12, 31);
    /* 400 Gregorian years are exactly 146097 days */
    assert_int_equal(last - first + 1, 146097);
    for (int z = first; z <= last; z++) {
        int y, m, d;
        uf_civil_from_days(z, &y, &m, &d);
        if (y != ey || m != em || d != ed)
            fail_msg("day %d gave %d-%d-%d, expected %d-%d-%d", z, y, m, d, ey, em, ed);
        if (uf_days_from_civil(y, m, d) != z)
            fail_msg("%d-%d-%d did not map back to %d", y, m, d, z);
        if (++ed > month_days(ey, em)) {
            ed = 1;
            if (++em > 12) {
                em = 1;
                ey++;
            }
        }
    }
}

static void test_parse__date_formats_accepted(void **state)
{
    (void)state;
    int z = -99;
    assert_int_equal(uf_date_parse("2024-01-01", &z), 0);
    assert_int_equal(z, 19723);
    assert_int_equal(uf_date_parse("20240101", &z), 0);
    assert_int_equal(z, 19723);
    assert_int_equal(uf_date_parse("1970-01-01", &z), 0);
    assert_int_equal(z, 0);
    assert_int_equal(uf_date_parse("2000-03-01", &z), 0);
    assert_int_equal(z, 11017);
}

/* Leap years: divisible by 4, except centuries, except every 400th. */
static void test_parse__date_leap_years(void **state)
{
    (void)state;
    int z = 0;
    /* 2024-02-29 = 2024-01-01 + 31 + 28 = 19723 + 59 = 19782 */
    assert_int_equal(uf_date_parse("2024-02-29", &z), 0);
    assert_int_equal(z, 19782);
    assert_int_equal(uf_date_parse("20240229", &z), 0);
    assert_int_equal(z, 19782);
    assert_int_equal(uf_date_parse("2000-02-29", &z), 0);
    assert_int_equal(z, 11016);
    assert_int_equal(uf_date_parse("2023-02-29", &z), -1); /* not divisible by 4 */
    assert_int_equal(uf_date_parse("1900-02-29", &z), -1); /* century, not by 400 */
    assert_int_equal(uf_date_parse("2100-02-29", &z), -1);
    assert_int_equal(uf_date_parse("2024-02-30", &z), -1);
    assert_int_equal(uf_date_parse("20240230", &z), -1);
}

static void test_parse__date_rejects_garbage(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "2024-13-01", "2024-00-10",  "2024-01-00", "2024-01-32",  "2024-04-31",  "20241301",
        "",           "abc",         "2024-1-01",  "2024-01-1",   "2024-01-011", "202401",
        "202401011",  "2024/01/01",  "2024.01.01", " 2024-01-01", "2024-01-01 ", "2024-01-1x",
        "24-01-01",   "x2024-01-01", "2024-0a-01", "+024-01-01",  "1799-12-31",  "2200-01-01",
        "2024--1-01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int z = 0;
        if (uf_date_parse(bad[i], &z) != -1)
            fail_msg("'%s' was accepted as day %d", bad[i], z);
    }
    /* the ends of the accepted range */
    int z;
    assert_int_equal(uf_date_parse("1800-01-01", &z), 0);
    assert_int_equal(uf_date_parse("2199-12-31", &z), 0);
}

static void test_parse__date_format(void **state)
{
    (void)state;
    char buf[UF_DATE_BUF];
    memset(buf, 'x', sizeof buf);
    uf_date_format(0, buf);
    assert_string_equal(buf, "1970-01-01");
    uf_date_format(11017, buf);
    assert_string_equal(buf, "2000-03-01");
    uf_date_format(19782, buf);
    assert_string_equal(buf, "2024-02-29");
    uf_date_format(-25567, buf);
    assert_string_equal(buf, "1900-01-01");
    uf_date_format(-1, buf);
    assert_string_equal(buf, "1969-12-31");
    /* 2026-11-23: 2024-01-01 (19723) + 366 (2024) + 365 (2025) = 20454 for
     * 2026-01-01, + 304 days Jan..Oct + 22 = 20780 */
    uf_date_format(20780, buf);
    assert_string_equal(buf, "2026-11-23");
}

static void test_parse__number_decimal_comma_and_point(void **state)
{
    (void)state;
    double v = 0;
    assert_int_equal(uf_number_parse("12,5", &v), 0);
    assert_true(v == 12.5);
    assert_int_equal(uf_number_parse("12.5", &v), 0);
    assert_true(v == 12.5);
    assert_int_equal(uf_number_parse("-3", &v), 0);
    assert_true(v == -3.0);
    assert_int_equal(uf_number_parse("-0,25", &v), 0);
    assert_true(v == -0.25);
    assert_int_equal(uf_number_parse("+4", &v), 0);
    assert_true(v == 4.0);
    assert_int_equal(uf_number_parse("0,1", &v), 0);
    assert_true(v == 0.1);
    assert_int_equal(uf_number_parse("100", &v), 0);
    assert_true(v == 100.0);
    assert_int_equal(uf_number_parse(",5", &v), 0);
    assert_true(v == 0.5);
    /* "12," has a digit and one separator: read as 12 (like "12.") */
    assert_int_equal(uf_number_parse("12,", &v), 0);
    assert_true(v == 12.0);
}

static void test_parse__number_rejects_non_numbers(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "abc",
        "1,2,3",
        "1.2,3",
        "1,2.3",
        "1e5",
        "1E5",
        "-",
        "+",
        ",",
        ".",
        "1 00",
        " 1",
        "1 ",
        "5-",
        "1-2",
        "--1",
        "+-1",
        "0x10",
        "inf",
        "nan",
        "12 %",
        "12%",
        "1_000",
        /* thousands groups must be three digits, before the decimal sign */
        "1234 567",
        "12 34",
        "1 2345",
        "1,5 000",
        "1  000",
        " 000",
        "1 000 00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 777;
        if (uf_number_parse(bad[i], &v) != -1)
            fail_msg("'%s' was accepted as %g", bad[i], v);
        assert_true(v == 777); /* out untouched on failure */
    }
}

/* Numbers as Excel saves them with a Swedish locale: thousands grouped by
 * a space, a no-break space (C2 A0) or a narrow one (E2 80 AF). */
static void test_parse__number_thousands_groups(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        double v;
    } ok[] = {
        { "1 000", 1000 },
        { "12 345", 12345 },
        { "-1 234 567,5", -1234567.5 },
        { "+123 456", 123456 },
        { "1\xC2\xA0"
          "000",
          1000 },
        { "3\xE2\x80\xAF"
          "500,25",
          3500.25 },
        { "100 000.5", 100000.5 },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = 0;
        if (uf_number_parse(ok[i].s, &v) != 0 || v != ok[i].v)
            fail_msg("'%s' gave %g, expected %g", ok[i].s, v, ok[i].v);
    }
}

static void test_parse__trim(void **state)
{
    (void)state;
    char a[] = "  a b  ";
    assert_ptr_equal(uf_trim(a), a);
    assert_string_equal(a, "a b");
    char b[] = "\t\r\nx\n\v\f";
    assert_string_equal(uf_trim(b), "x");
    char c[] = "";
    assert_string_equal(uf_trim(c), "");
    char d[] = " \t \r\n ";
    assert_string_equal(uf_trim(d), "");
    char e[] = "kvar";
    assert_string_equal(uf_trim(e), "kvar");
    /* a UTF-8 letter next to the space is not white space */
    char f[] = " \xC3\xA5 ";
    assert_string_equal(uf_trim(f), "\xC3\xA5");
}

static void test_parse__lower(void **state)
{
    (void)state;
    char out[64];
    uf_lower("ABC xyz 123", out, sizeof out);
    assert_string_equal(out, "abc xyz 123");
    /* Å Ä Ö (C3 85, C3 84, C3 96) become å ä ö (C3 A5, C3 A4, C3 B6) */
    uf_lower("\xC3\x85\xC3\x84\xC3\x96", out, sizeof out);
    assert_string_equal(out, "\xC3\xA5\xC3\xA4\xC3\xB6");
    uf_lower("V\xC3\x84STER\xC3\x85S", out, sizeof out);
    assert_string_equal(out, "v\xC3\xA4ster\xC3\xA5s");
    /* other UTF-8 is copied as it is: É (C3 89), € (E2 82 AC) */
    uf_lower("\xC3\x89\xE2\x82\xAC", out, sizeof out);
    assert_string_equal(out, "\xC3\x89\xE2\x82\xAC");
    /* at most n bytes with the NUL */
    uf_lower("ABCDEF", out, 4);
    assert_string_equal(out, "abc");
    /* n == 0 writes nothing */
    out[0] = 'q';
    uf_lower("ABC", out, 0);
    assert_int_equal(out[0], 'q');
}

/* Cutting short must not leave half a UTF-8 letter: "aÅ" in 3 bytes has
 * room for 'a' and the NUL only, since Å needs two bytes. */
static void test_parse__lower_never_splits_a_letter(void **state)
{
    (void)state;
    char out[8];
    uf_lower("a\xC3\x85", out, 3);
    assert_string_equal(out, "a");
    uf_lower("a\xC3\x85", out, 4);
    assert_string_equal(out, "a\xC3\xA5");
    /* € is three bytes: "x€" needs 5 with the NUL */
    uf_lower("X\xE2\x82\xAC", out, 4);
    assert_string_equal(out, "x");
    uf_lower("X\xE2\x82\xAC", out, 5);
    assert_string_equal(out, "x\xE2\x82\xAC");
}

static void test_parse__fold(void **state)
{
    (void)state;
    char out[64];
    uf_fold("Kön", out, sizeof out);
    assert_string_equal(out, "kon");
    uf_fold("Födelsedatum", out, sizeof out);
    assert_string_equal(out, "fodelsedatum");
    uf_fold("ÄRENDE", out, sizeof out);
    assert_string_equal(out, "arende");
    uf_fold("Åtgärdsplan datum", out, sizeof out);
    assert_string_equal(out, "atgardsplan_datum");
    uf_fold("aktualiserad-av", out, sizeof out);
    assert_string_equal(out, "aktualiserad_av");
    uf_fold("Mål", out, sizeof out);
    assert_string_equal(out, "mal");
    uf_fold("Möten", out, sizeof out);
    assert_string_equal(out, "moten");
    uf_fold("Énhet", out, sizeof out);
    assert_string_equal(out, "enhet");
    uf_fold("YLS/CMI", out, sizeof out);
    assert_string_equal(out, "yls/cmi");
    uf_fold("item:Skola", out, sizeof out);
    assert_string_equal(out, "item:skola");
    uf_fold("", out, sizeof out);
    assert_string_equal(out, "");
    /* at most n bytes with the NUL */
    uf_fold("ABCDEF", out, 4);
    assert_string_equal(out, "abc");
    /* å folds to one byte, so "ÅÅÅ" fits in 4 */
    uf_fold("ÅÅÅ", out, 4);
    assert_string_equal(out, "aaa");
}

static void test_parse__add_months_by_hand(void **state)
{
    (void)state;
    /* the day is kept */
    assert_int_equal(uf_add_months(uf_days_from_civil(2024, 5, 15), 6),
                     uf_days_from_civil(2024, 11, 15));
    assert_int_equal(uf_add_months(uf_days_from_civil(2024, 5, 15), -12),
                     uf_days_from_civil(2023, 5, 15));
    /* across a year, both ways */
    assert_int_equal(uf_add_months(uf_days_from_civil(2024, 11, 15), 3),
                     uf_days_from_civil(2025, 2, 15));
    assert_int_equal(uf_add_months(uf_days_from_civil(2025, 2, 10), -3),
                     uf_days_from_civil(2024, 11, 10));
    /* month ends run on: 31 Jan + 1 month = 31 Feb = 3 Mar (2 Mar in a
     * leap year); 31 May - 1 month = 31 Apr = 1 May */
    assert_int_equal(uf_add_months(uf_days_from_civil(2025, 1, 31), 1),
                     uf_days_from_civil(2025, 3, 3));
    assert_int_equal(uf_add_months(uf_days_from_civil(2024, 1, 31), 1),
                     uf_days_from_civil(2024, 3, 2));
    assert_int_equal(uf_add_months(uf_days_from_civil(2025, 5, 31), -1),
                     uf_days_from_civil(2025, 5, 1));
    /* 29 February + 12 months = 29 Feb of a common year = 1 March;
     * - 12 months likewise */
    assert_int_equal(uf_add_months(uf_days_from_civil(2024, 2, 29), 12),
                     uf_days_from_civil(2025, 3, 1));
    assert_int_equal(uf_add_months(uf_days_from_civil(2024, 2, 29), -12),
                     uf_days_from_civil(2023, 3, 1));
    assert_int_equal(uf_add_months(uf_days_from_civil(2024, 2, 29), 48),
                     uf_days_from_civil(2028, 2, 29));
}

/* The month arithmetic the phases were computed with in SQL before they
 * moved to C (core_phase_fill.sql: date(d, '+n months')): every day of
 * 2019-2026 moved by the window lengths a report can ask for. */
/* The Swedish month names of the reports' periods and month rows. */
static void test_parse__month_names(void **state)
{
    (void)state;
    assert_string_equal(uf_month_name(1), "januari");
    assert_string_equal(uf_month_name(5), "maj");
    assert_string_equal(uf_month_name(12), "december");
    assert_string_equal(uf_month_name(0), "");
    assert_string_equal(uf_month_name(13), "");
}

static void test_parse__add_months_as_sqlite(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT date(?1, ?2 || ' months')", -1, &st, NULL),
                     SQLITE_OK);
    static const int ns[] = { -36, -24, -12, -6, -3, -1, 1, 3, 6, 12, 18, 24, 36 };
    int checked = 0;
    for (int z = uf_days_from_civil(2019, 1, 1); z < uf_days_from_civil(2027, 1, 1); z++)
        for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
            char iso[UF_DATE_BUF], want[UF_DATE_BUF];
            uf_date_format(z, iso);
            sqlite3_bind_text(st, 1, iso, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(st, 2, ns[i]);
            assert_int_equal(sqlite3_step(st), SQLITE_ROW);
            uf_date_format(uf_add_months(z, ns[i]), want);
            if (strcmp((const char *)sqlite3_column_text(st, 0), want) != 0)
                fail_msg("%s %+d months: SQLite %s, uf_add_months %s", iso, ns[i],
                         sqlite3_column_text(st, 0), want);
            sqlite3_reset(st);
            checked++;
        }
    assert_int_equal(checked, 2922 * 13);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* System errors are said in Swedish whatever the locale; a value without
 * a text is named by its number (base/error.c, issue 18). */
static void test_parse__errno_in_swedish(void **state)
{
    (void)state;
    assert_string_equal(uf_strerrno(ENOTDIR), "en del av sökvägen är ingen mapp");
    assert_string_equal(uf_strerrno(ENOENT), "filen eller mappen finns inte");
    assert_string_equal(uf_strerrno(EACCES), "behörighet saknas");
    assert_string_equal(uf_strerrno(ENOSPC), "disken är full");
    assert_string_equal(uf_strerrno(9999), "systemfel 9999");
    assert_string_equal(uf_strerrno(-3), "systemfel -3");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse__errno_in_swedish),
        cmocka_unit_test(test_parse__known_day_numbers),
        cmocka_unit_test(test_parse__civil_round_trip),
        cmocka_unit_test(test_parse__date_formats_accepted),
        cmocka_unit_test(test_parse__date_leap_years),
        cmocka_unit_test(test_parse__date_rejects_garbage),
        cmocka_unit_test(test_parse__date_format),
        cmocka_unit_test(test_parse__add_months_by_hand),
        cmocka_unit_test(test_parse__month_names),
        cmocka_unit_test(test_parse__add_months_as_sqlite),
        cmocka_unit_test(test_parse__number_decimal_comma_and_point),
        cmocka_unit_test(test_parse__number_rejects_non_numbers),
        cmocka_unit_test(test_parse__number_thousands_groups),
        cmocka_unit_test(test_parse__trim),
        cmocka_unit_test(test_parse__lower),
        cmocka_unit_test(test_parse__lower_never_splits_a_letter),
        cmocka_unit_test(test_parse__fold),
    };
    return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
