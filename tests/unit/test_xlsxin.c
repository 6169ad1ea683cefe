/*
 * test_xlsxin.c - the workbook reader (xlsxin.h): Excel's serial dates by
 * hand (its 29 February 1900 that never was, the 1904 system, the ends of
 * its range), and a workbook written here with libxlsxwriter read back
 * cell by cell: shared strings, numbers, booleans, a date-formatted serial,
 * a formula's cached value, gaps, an empty row, a row past the header's
 * width.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "uppfolj/xlsxin.h"
#include "testutil.h"

static void test_xlsxin__serial_dates(void **state)
{
    (void)state;
    char d[11];
    assert_true(uf_xlsx_date(1, false, d));
    assert_string_equal(d, "1900-01-01");
    assert_true(uf_xlsx_date(59, false, d));
    assert_string_equal(d, "1900-02-28");
    assert_false(uf_xlsx_date(60, false, d)); /* Excel's 1900-02-29 */
    assert_true(uf_xlsx_date(61, false, d));
    assert_string_equal(d, "1900-03-01");
    assert_true(uf_xlsx_date(45292, false, d)); /* =DATE(2024,1,1) */
    assert_string_equal(d, "2024-01-01");
    assert_true(uf_xlsx_date(45292.75, false, d)); /* a time of day is dropped */
    assert_string_equal(d, "2024-01-01");
    assert_true(uf_xlsx_date(2958465, false, d));
    assert_string_equal(d, "9999-12-31");
    assert_false(uf_xlsx_date(2958466, false, d));
    assert_false(uf_xlsx_date(0, false, d));
    assert_false(uf_xlsx_date(-1, false, d));
    assert_true(uf_xlsx_date(0, true, d)); /* 1904 system: 0 = 1904-01-01 */
    assert_string_equal(d, "1904-01-01");
    assert_true(uf_xlsx_date(43830, true, d)); /* 45292 - 1462 */
    assert_string_equal(d, "2024-01-01");
}

typedef struct rows {
    int n;
    unsigned long line[8];
    size_t nf[8];
    char f[8][8][32];
} rows;

static int take(void *ctx, unsigned long line, char **fields, size_t n)
{
    rows *r = ctx;
    if (r->n == 8)
        return 1;
    r->line[r->n] = line;
    r->nf[r->n] = n;
    for (size_t i = 0; i < n && i < 8; i++)
        snprintf(r->f[r->n][i], sizeof r->f[r->n][i], "%s", fields[i]);
    r->n++;
    return 0;
}

static void test_xlsxin__reads_what_excel_stores(void **state)
{
    char path[TU_PATH];
    tu_path(path, *state, "b.xlsx");
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_worksheet *intro = workbook_add_worksheet(wb, "Läs först");
    worksheet_write_string(intro, 0, 0, "inget", NULL);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Ärenden");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format *mdy = workbook_add_format(wb);
    format_set_num_format(mdy, "m/d/yy h:mm");
    lxw_format *clock = workbook_add_format(wb); /* a time: no month in it */
    format_set_num_format(clock, "h:mm AM/PM");
    static const char *const head[] = { "case_id", "person", "start_date", "score", "ok" };
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    worksheet_write_string(ws, 1, 0, "K1", NULL);
    worksheet_write_number(ws, 1, 1, 200706249992.0, NULL); /* a number typed as one */
    worksheet_write_number(ws, 1, 2, 45292, date);
    worksheet_write_formula_num(ws, 1, 3, "=10+7.5", NULL, 17.5); /* cached value */
    worksheet_write_boolean(ws, 1, 4, 1, NULL);
    /* row 3 empty; row 4: a gap at B, a date-time format, a short row */
    worksheet_write_string(ws, 3, 0, "K2", NULL);
    worksheet_write_number(ws, 3, 2, 45292.5, mdy);
    /* row 5: one past the header's width */
    worksheet_write_string(ws, 4, 0, "K3", NULL);
    worksheet_write_number(ws, 4, 5, 0.1, NULL);
    worksheet_write_number(ws, 4, 1, 0.5, clock);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    uf_xlsx_book b;
    char why[UF_XLSX_WHY];
    assert_int_equal(uf_xlsx_sheets(path, &b, why), UF_OK);
    assert_int_equal(b.nsheets, 2);
    assert_string_equal(b.sheets[1].name, "Ärenden");
    rows r = { 0 };
    unsigned long bad = 0;
    assert_int_equal(uf_xlsx_read(path, b.sheets[1].part, take, NULL, &r, &bad, why), UF_OK);
    assert_int_equal(r.n, 4); /* the empty row is skipped */
    assert_int_equal(r.line[0], 1);
    assert_string_equal(r.f[0][2], "start_date");
    assert_int_equal(r.line[1], 2);
    assert_string_equal(r.f[1][0], "K1");
    assert_string_equal(r.f[1][1], "200706249992");
    assert_string_equal(r.f[1][2], "2024-01-01");
    assert_string_equal(r.f[1][3], "17.5");
    assert_string_equal(r.f[1][4], "1");
    assert_int_equal(r.line[2], 4);
    assert_int_equal(r.nf[2], 5); /* padded to the header */
    assert_string_equal(r.f[2][1], "");
    assert_string_equal(r.f[2][2], "2024-01-01");
    assert_string_equal(r.f[2][4], "");
    assert_int_equal(r.nf[3], 6);
    assert_string_equal(r.f[3][1], "0.5"); /* 12:00 PM is a number, not a date */
    assert_string_equal(r.f[3][5], "0.1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsxin__serial_dates),
        cmocka_unit_test_setup_teardown(test_xlsxin__reads_what_excel_stores, tu_setup_dir,
                                        tu_teardown_dir),
    };
    return cmocka_run_group_tests_name("xlsxin", tests, NULL, NULL);
}
