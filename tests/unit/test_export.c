/*
 * test_export.c - the pure parts of the analysis export: the form of the
 * random ids, month formatting and age bands.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ctype.h>
#include <limits.h>
#include <string.h>
#include "uppfolj/export.h"
#include "uppfolj/parse.h"

static void test_export__id_form(void **state)
{
    (void)state;
    char id[UF_EXPORT_ID_BUF];
    assert_int_equal(uf_export_new_id(id), UF_OK);
    assert_int_equal(strlen(id), 13);
    assert_int_equal(id[0], 'p');
    for (int i = 1; i < 13; i++)
        assert_true(isdigit((unsigned char)id[i]) || (id[i] >= 'a' && id[i] <= 'f'));
}

static void test_export__ids_differ(void **state)
{
    (void)state;
    char a[UF_EXPORT_ID_BUF], b[UF_EXPORT_ID_BUF];
    int same = 0;
    for (int i = 0; i < 100; i++) {
        assert_int_equal(uf_export_new_id(a), UF_OK);
        assert_int_equal(uf_export_new_id(b), UF_OK);
        same += strcmp(a, b) == 0;
    }
    assert_int_equal(same, 0);
}

static void test_export__month(void **state)
{
    (void)state;
    char m[UF_MONTH_BUF];
    uf_export_month(uf_days_from_civil(2024, 5, 17), m);
    assert_string_equal(m, "2024-05");
    uf_export_month(uf_days_from_civil(2023, 12, 31), m);
    assert_string_equal(m, "2023-12");
    uf_export_month(uf_days_from_civil(2024, 2, 29), m);
    assert_string_equal(m, "2024-02");
    uf_export_month(uf_days_from_civil(2025, 1, 1), m);
    assert_string_equal(m, "2025-01");
    uf_export_month(INT_MIN, m);
    assert_string_equal(m, "");
}

static void test_export__age_band(void **state)
{
    (void)state;
    uf_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.bands[0] = (uf_band){ 12, 14 };
    cfg.bands[1] = (uf_band){ 15, 17 };
    cfg.nbands = 2;
    char b[16];
    uf_export_age_band(&cfg, 15, b, sizeof b);
    assert_string_equal(b, "15-17");
    uf_export_age_band(&cfg, 14, b, sizeof b);
    assert_string_equal(b, "12-14");
    uf_export_age_band(&cfg, 18, b, sizeof b);
    assert_string_equal(b, "");
    uf_export_age_band(&cfg, -1, b, sizeof b);
    assert_string_equal(b, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export__id_form),
        cmocka_unit_test(test_export__ids_differ),
        cmocka_unit_test(test_export__month),
        cmocka_unit_test(test_export__age_band),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
