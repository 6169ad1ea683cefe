/*
 * test_pnr.c - personnummer parsing.  Expected check digits are computed by
 * hand with the Luhn rule (weights 2,1,2,... over YYMMDDNNN, digit sums of
 * the products), shown per case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "uppfolj/parse.h"
#include "uppfolj/pnr.h"

static int today(void)
{
    return uf_days_from_civil(2026, 11, 23);
}

/* 811218-987: 8*2=16->7, 1, 1*2=2, 2, 1*2=2, 8, 9*2=18->9, 8, 7*2=14->5
 * sum = 7+1+2+2+2+8+9+8+5 = 44 -> check (10-4)%10 = 6 (Skatteverket's
 * own example number 811218-9876). */
static void test_pnr__luhn_known_example(void **state)
{
    (void)state;
    assert_int_equal(uf_pnr_luhn("811218987"), 6);
    uf_pnr p;
    assert_int_equal(uf_pnr_parse("19811218-9876", today(), &p), UF_PNR_OK);
    assert_string_equal(p.digits, "198112189876");
    assert_int_equal(p.birth_days, uf_days_from_civil(1981, 12, 18));
    assert_false(p.coordination);
}

static void test_pnr__ten_digit_forms_same_person(void **state)
{
    (void)state;
    uf_pnr a, b, c;
    assert_int_equal(uf_pnr_parse("811218-9876", today(), &a), UF_PNR_OK);
    assert_int_equal(uf_pnr_parse("8112189876", today(), &b), UF_PNR_OK);
    assert_int_equal(uf_pnr_parse("198112189876", today(), &c), UF_PNR_OK);
    assert_string_equal(a.digits, c.digits);
    assert_string_equal(b.digits, c.digits);
}

static void test_pnr__bad_check_digit(void **state)
{
    (void)state;
    uf_pnr p;
    memset(&p, 0, sizeof p);
    assert_int_equal(uf_pnr_parse("19811218-9875", today(), &p), UF_PNR_BAD_CHECK);
    assert_string_equal(p.digits, ""); /* nothing of a bad number kept */
}

/* 10-digit form: century from the reference date 2026-11-23.
 * 100101-998?: 1*2=2,0,0,1,0,1,9*2=18->9,9,8*2=16->7: sum 29 -> 1.
 * With '-' the person is under 100: born 2010.  With '+': born 1910. */
static void test_pnr__plus_means_hundred_or_older(void **state)
{
    (void)state;
    uf_pnr p;
    assert_int_equal(uf_pnr_parse("100101-9981", today(), &p), UF_PNR_OK);
    assert_int_equal(p.birth_days, uf_days_from_civil(2010, 1, 1));
    assert_int_equal(uf_pnr_parse("100101+9981", today(), &p), UF_PNR_OK);
    assert_int_equal(p.birth_days, uf_days_from_civil(1910, 1, 1));
    assert_string_equal(p.digits, "191001019981");
}

/* A date later in the reference year belongs to the previous century:
 * 261224-980?: 2*2=4,6,1*2=2,2,2*2=4,4,9*2=18->9,8,0: sum 39 -> 1.
 * 2026-12-24 is after 2026-11-23, so the person was born 1926. */
static void test_pnr__future_date_goes_back_a_century(void **state)
{
    (void)state;
    uf_pnr p;
    assert_int_equal(uf_pnr_parse("261224-9801", today(), &p), UF_PNR_OK);
    assert_int_equal(p.birth_days, uf_days_from_civil(1926, 12, 24));
    /* the 12-digit form cannot be in the future */
    assert_int_equal(uf_pnr_parse("20261224-9801", today(), &p), UF_PNR_BAD_DATE);
}

/* Samordningsnummer: day + 60.  090375-998?: 0,9,0,3,7*2=14->5,5,
 * 9*2=18->9,9,8*2=16->7: sum 47 -> 3.  Born 2009-03-15. */
static void test_pnr__samordningsnummer(void **state)
{
    (void)state;
    uf_pnr p;
    assert_int_equal(uf_pnr_parse("20090375-9983", today(), &p), UF_PNR_OK);
    assert_true(p.coordination);
    assert_int_equal(p.birth_days, uf_days_from_civil(2009, 3, 15));
    assert_string_equal(p.digits, "200903759983");
}

static void test_pnr__impossible_dates(void **state)
{
    (void)state;
    uf_pnr p;
    /* 2010-02-30 and month 13: check digits do not matter, the date fails */
    assert_int_equal(uf_pnr_parse("20100230-9980", today(), &p), UF_PNR_BAD_DATE);
    assert_int_equal(uf_pnr_parse("20101301-9980", today(), &p), UF_PNR_BAD_DATE);
    assert_int_equal(uf_pnr_parse("20100100-9980", today(), &p), UF_PNR_BAD_DATE);
    /* 2012-02-29 is a leap day: 120229-980?: 2,2,0,2,4,9,18->9,8,0 = 36 -> 4 */
    assert_int_equal(uf_pnr_parse("20120229-9804", today(), &p), UF_PNR_OK);
    /* 2011-02-29 is not */
    assert_int_equal(uf_pnr_parse("20110229-9804", today(), &p), UF_PNR_BAD_DATE);
}

static void test_pnr__forms_and_pseudonyms(void **state)
{
    (void)state;
    uf_pnr p;
    assert_int_equal(uf_pnr_parse("EXT-000123", today(), &p), UF_PNR_PSEUDONYM);
    assert_int_equal(uf_pnr_parse("12345", today(), &p), UF_PNR_PSEUDONYM);
    assert_int_equal(uf_pnr_parse("ps0a1b", today(), &p), UF_PNR_PSEUDONYM);
    assert_int_equal(uf_pnr_parse("19811218-987", today(), &p), UF_PNR_BAD_FORMAT);
    assert_int_equal(uf_pnr_parse("1981121898761", today(), &p), UF_PNR_BAD_FORMAT);
    assert_int_equal(uf_pnr_parse("19811218+9876", today(), &p), UF_PNR_BAD_FORMAT);
    assert_int_equal(uf_pnr_parse("811218-98-76", today(), &p), UF_PNR_BAD_FORMAT);
    /* stray characters do not make a number a pseudonym */
    assert_int_equal(uf_pnr_parse("19811218.9876", today(), &p), UF_PNR_BAD_FORMAT);
    assert_int_equal(uf_pnr_parse("198112189876x", today(), &p), UF_PNR_BAD_FORMAT);
    assert_int_equal(uf_pnr_parse("19811218_9876", today(), &p), UF_PNR_BAD_FORMAT);
    assert_int_equal(uf_pnr_parse("P2021000123456", today(), &p), UF_PNR_BAD_FORMAT);
    /* uppfolj's own pseudonyms (hex digits) pass through */
    assert_int_equal(uf_pnr_parse("ps0123456789abcdef0123456789abcdef", today(), &p),
                     UF_PNR_PSEUDONYM);
    assert_int_equal(uf_pnr_parse("ps0123456789abcdef0123456789abcdeX", today(), &p),
                     UF_PNR_BAD_FORMAT);
    /* the messages never contain digits of the number */
    assert_null(strpbrk(uf_pnr_strstatus(UF_PNR_BAD_CHECK), "0123456789"));
    assert_null(strpbrk(uf_pnr_strstatus(UF_PNR_BAD_DATE), "0123456789"));
}

/* uf_pnr_is_valid: exactly the strings uf_pnr_parse takes as UF_PNR_OK
 * (numbers from the tests above), and nothing that merely resembles one. */
static void test_pnr__is_valid(void **state)
{
    (void)state;
    assert_true(uf_pnr_is_valid("19811218-9876", today()));
    assert_true(uf_pnr_is_valid("198112189876", today()));
    assert_true(uf_pnr_is_valid("811218-9876", today()));
    assert_true(uf_pnr_is_valid("8112189876", today()));
    assert_true(uf_pnr_is_valid("100101+9981", today()));
    assert_true(uf_pnr_is_valid("20090375-9983", today()));  /* samordningsnummer */
    assert_false(uf_pnr_is_valid("19811218-9875", today())); /* check digit */
    assert_false(uf_pnr_is_valid("20110229-9804", today())); /* no such date */
    assert_false(uf_pnr_is_valid("20261224-9801", today())); /* in the future */
    assert_false(uf_pnr_is_valid("19811218+9876", today())); /* '+' with 12 digits */
    assert_false(uf_pnr_is_valid("A-000123", today()));
    assert_false(uf_pnr_is_valid("EXT-000123", today()));
    assert_false(uf_pnr_is_valid("1981121898761", today())); /* 13 digits */
    assert_false(uf_pnr_is_valid(" 8112189876", today()));   /* callers trim */
    assert_false(uf_pnr_is_valid("", today()));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pnr__luhn_known_example),
        cmocka_unit_test(test_pnr__ten_digit_forms_same_person),
        cmocka_unit_test(test_pnr__bad_check_digit),
        cmocka_unit_test(test_pnr__plus_means_hundred_or_older),
        cmocka_unit_test(test_pnr__future_date_goes_back_a_century),
        cmocka_unit_test(test_pnr__samordningsnummer),
        cmocka_unit_test(test_pnr__impossible_dates),
        cmocka_unit_test(test_pnr__forms_and_pseudonyms),
        cmocka_unit_test(test_pnr__is_valid),
    };
    return cmocka_run_group_tests_name("pnr", tests, NULL, NULL);
}
