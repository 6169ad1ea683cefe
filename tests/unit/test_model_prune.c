/*
 * test_model_prune.c - what a protected report has nothing to show in is
 * left out and named (model.h, uf_report_prune; issue 18).  Each test
 * builds the cells by hand, with their states as disclosure control
 * would have left them, and says what a reader would see.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "uppfolj/model.h"

/* A before/after table of one measure: group, n_cases, before mean,
 * after mean, p; rows Flickor, Pojkar, Totalt. */
static uf_table *outcome(uf_report *r, uf_section *s, const char *id, const char *title)
{
    uf_table *t = uf_section_table(r, s, id, title, 5);
    uf_table_col(r, t, 0, "group", "Kön", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "n_cases", "Ärenden", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 2, "before_mean", "Före", UF_C_NUMBER, 2, false);
    uf_table_col(r, t, 3, "after_mean", "Efter", UF_C_NUMBER, 2, false);
    uf_table_col(r, t, 4, "p", "p", UF_C_PVALUE, 3, false);
    static const char *const g[] = { "Flickor", "Pojkar", "Totalt" };
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, i == 2);
        uf_cell_text(r, t, row, 0, g[i]);
        uf_cell_count(t, row, 1, 10 + i);
        uf_cell_number(t, row, 2, 1.5 + i, 10 + i);
        uf_cell_number(t, row, 3, 0.5 + i, 10 + i);
        uf_cell_pvalue(t, row, 4, 0.04, 10 + i);
    }
    return t;
}

static void hide_col(uf_table *t, int col, uf_supp why)
{
    for (int i = 0; i < t->nrows; i++)
        uf_table_cell(t, i, col)->supp = why;
}

/* A before/after bar chart of columns 2 and 3 over the three rows. */
static uf_chart *bars(uf_report *r, uf_section *s, const uf_table *t, const char *id)
{
    uf_chart *ch = uf_section_chart(r, s, id, t->title, "bar", "Per år", t, 0);
    static const int rows[] = { 0, 1, 2 };
    uf_chart_rows(r, ch, rows, 3);
    uf_chart_series(r, ch, "Före", 2);
    uf_chart_series(r, ch, "Efter", 3);
    return ch;
}

/* Statistics all hidden (the n shown: it is their base, not a figure of
 * its own): nothing to show.  One shown mean: something. */
static void test_model_prune__statistics_hidden_show_nothing(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_section *s = uf_report_section(r, "Avsnitt");
    uf_table *t = outcome(r, s, "a", "A");
    for (int c = 2; c <= 4; c++)
        hide_col(t, c, c == 4 ? UF_SUPP_NOTEST : UF_SUPP_FEW);
    assert_true(uf_table_shows_nothing(t));
    uf_table_cell(t, 2, 2)->supp = UF_SHOWN; /* the total's before mean */
    assert_false(uf_table_shows_nothing(t));
    /* a missing value is no value either */
    uf_table_cell(t, 2, 2)->supp = UF_SUPP_MISSING;
    assert_true(uf_table_shows_nothing(t));
    uf_report_free(r);
}

/* A count beside the statistics (not their n) that is shown and not 0 is
 * something to show; a table of counts shows anything it shows, zeros
 * too, and nothing only when every count is hidden; text alone, and
 * tests alone (their "–" says why), are never left out. */
static void test_model_prune__counts_text_and_tests(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_section *s = uf_report_section(r, "Avsnitt");
    uf_table *t = uf_section_table(r, s, "b", "B", 3);
    uf_table_col(r, t, 0, "group", "Grupp", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "before_any", "Före, antal", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 2, "before_pct", "Före, andel", UF_C_PERCENT, 1, false);
    int row = uf_table_row(r, t, true);
    uf_cell_text(r, t, row, 0, "Totalt");
    uf_cell_count(t, row, 1, 7);
    uf_cell_percent(t, row, 2, 70, 10, 1);
    uf_table_cell(t, row, 2)->supp = UF_SUPP_SECONDARY;
    assert_false(uf_table_shows_nothing(t)); /* 7 is shown */
    uf_table_cell(t, row, 1)->v = 0;
    assert_true(uf_table_shows_nothing(t)); /* a 0 beside hidden shares */

    uf_table *c = uf_section_table(r, s, "c", "C", 2);
    uf_table_col(r, c, 0, "unit", "Enhet", UF_C_TEXT, 0, false);
    uf_table_col(r, c, 1, "saknas", "Saknas", UF_C_COUNT, 0, true);
    for (int i = 0; i < 2; i++) {
        row = uf_table_row(r, c, i == 1);
        uf_cell_text(r, c, row, 0, i ? "Totalt" : "Norr");
        uf_cell_count(c, row, 1, i ? 3 : 0);
    }
    uf_table_cell(c, 1, 1)->supp = UF_SUPP_SMALL;
    assert_false(uf_table_shows_nothing(c)); /* "0" and "<5": the 0 is shown */
    uf_table_cell(c, 0, 1)->supp = UF_SUPP_SECONDARY;
    assert_true(uf_table_shows_nothing(c)); /* ".." and "<5" */

    uf_table *x = uf_section_table(r, s, "x", "X", 1);
    uf_table_col(r, x, 0, "id", "Id", UF_C_TEXT, 0, false);
    uf_cell_text(r, x, uf_table_row(r, x, false), 0, "A1");
    assert_false(uf_table_shows_nothing(x));

    uf_table *p = uf_section_table(r, s, "p", "P", 3);
    uf_table_col(r, p, 0, "test", "Test", UF_C_TEXT, 0, false);
    uf_table_col(r, p, 1, "n", "n", UF_C_COUNT, 0, false);
    uf_table_col(r, p, 2, "p", "p", UF_C_PVALUE, 3, false);
    row = uf_table_row(r, p, false);
    uf_cell_text(r, p, row, 0, "Fisher");
    uf_cell_count(p, row, 1, 6);
    uf_cell_none(p, row, 2, UF_SUPP_NOTEST);
    assert_false(uf_table_shows_nothing(p));
    uf_report_free(r);
}

/* The report: a table with nothing to show goes, with its chart, and the
 * section names it; a bar chart keeps the categories whose bars are all
 * shown; a bar chart with a series hidden throughout goes and is named; a
 * line chart loses its series of zeros (the table keeps its column). */
static void test_model_prune__report(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_section *s = uf_report_section(r, "Före och efter");
    uf_section_par(r, s, "Inledning.");
    uf_table *gone = outcome(r, s, "gone", "SAVRY");
    for (int c = 2; c <= 4; c++)
        hide_col(gone, c, UF_SUPP_FEW);
    bars(r, s, gone, "gone_chart");
    uf_table *kept = outcome(r, s, "kept", "Misstankar");
    uf_table_cell(kept, 0, 2)->supp = UF_SUPP_FEW; /* Flickor: before hidden */
    bars(r, s, kept, "kept_chart");
    uf_table *half = outcome(r, s, "half", "Våld");
    hide_col(half, 3, UF_SUPP_SECONDARY); /* every "Efter" hidden */
    bars(r, s, half, "half_chart");
    uf_table *years = uf_section_table(r, s, "years", "År", 3);
    uf_table_col(r, years, 0, "year", "År", UF_C_TEXT, 0, false);
    uf_table_col(r, years, 1, "new", "Nya", UF_C_COUNT, 0, false);
    uf_table_col(r, years, 2, "saknas", "Uppgift saknas", UF_C_COUNT, 0, false);
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, years, false);
        uf_cell_text(r, years, row, 0, i == 0 ? "2023" : i == 1 ? "2024" : "2025");
        uf_cell_count(years, row, 1, 20 + i);
        uf_cell_count(years, row, 2, 0);
    }
    uf_chart *line = uf_section_chart(r, s, "trend", "Trend", "line", "Antal", years, 0);
    static const int all[] = { 0, 1, 2 };
    uf_chart_rows(r, line, all, 3);
    uf_chart_series(r, line, "Nya", 1);
    uf_chart_series(r, line, "Uppgift saknas", 2);
    assert_false(uf_report_failed(r));

    /* gone (its chart goes with it) and half's chart: two named */
    assert_int_equal(uf_report_prune(r), 2);
    assert_int_equal(s->ntables, 3);
    assert_string_equal(s->tables[0]->id, "kept");
    assert_string_equal(s->tables[1]->id, "half");
    assert_string_equal(s->tables[2]->id, "years");
    assert_int_equal(s->ncharts, 2);
    const uf_chart *kc = s->charts[0];
    assert_string_equal(kc->id, "kept_chart");
    assert_int_equal(kc->nrows, 2); /* Flickor had its "Före" hidden */
    assert_int_equal(kc->rows[0], 1);
    assert_int_equal(kc->rows[1], 2);
    const uf_chart *lc = s->charts[1];
    assert_string_equal(lc->id, "trend");
    assert_int_equal(lc->nseries, 1); /* the line of zeros is gone */
    assert_string_equal(lc->series[0].label, "Nya");
    assert_int_equal(s->npar, 2);
    assert_string_equal(s->paragraphs[0], "Inledning.");
    assert_string_equal(s->paragraphs[1], "För få ärenden för att visa: SAVRY. Diagram som inte "
                                          "visas, för få värden: Våld.");
    /* nothing more to take out the second time */
    assert_int_equal(uf_report_prune(r), 0);
    uf_report_free(r);
}

/* A bar chart of zeros draws no bar: it goes, named; its table stays. */
static void test_model_prune__bars_of_zeros(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_section *s = uf_report_section(r, "Avslut");
    uf_table *t = outcome(r, s, "z", "Avslutsorsak");
    for (int i = 0; i < 3; i++) {
        uf_table_cell(t, i, 2)->v = 0;
        uf_table_cell(t, i, 3)->v = 0;
    }
    bars(r, s, t, "z_chart");
    assert_int_equal(uf_report_prune(r), 1);
    assert_int_equal(s->ntables, 1);
    assert_int_equal(s->ncharts, 0);
    assert_string_equal(s->paragraphs[0], "Diagram som inte visas, för få värden: Avslutsorsak.");
    uf_report_free(r);
}

/* A breakdown that shows no group, only a total that an earlier table of
 * the same measure shows, goes and points to it; with another total (or
 * a group shown) it stays. */
static void test_model_prune__total_shown_before(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_section *a = uf_report_section(r, "Per kön");
    uf_table *first = outcome(r, a, "kon", "Misstankar");
    uf_section *b = uf_report_section(r, "Per ålder");
    uf_table *again = outcome(r, b, "alder", "Misstankar");
    uf_table *other = outcome(r, b, "alder2", "Misstankar");
    for (int i = 0; i < 2; i++)
        for (int c = 2; c <= 4; c++) {
            uf_table_cell(again, i, c)->supp = UF_SUPP_FEW;
            uf_table_cell(other, i, c)->supp = UF_SUPP_FEW;
        }
    uf_table_cell(other, 2, 2)->v = 9.5; /* another total: stays */
    (void)first;
    assert_int_equal(uf_report_prune(r), 1);
    assert_int_equal(a->ntables, 1);
    assert_int_equal(b->ntables, 1);
    assert_string_equal(b->tables[0]->id, "alder2");
    assert_int_equal(b->npar, 1);
    assert_string_equal(b->paragraphs[0], "För få ärenden för att visa något per grupp, och "
                                          "totalen står redan under Per kön: Misstankar.");
    uf_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_prune__statistics_hidden_show_nothing),
        cmocka_unit_test(test_model_prune__counts_text_and_tests),
        cmocka_unit_test(test_model_prune__report),
        cmocka_unit_test(test_model_prune__bars_of_zeros),
        cmocka_unit_test(test_model_prune__total_shown_before),
    };
    return cmocka_run_group_tests_name("model_prune", tests, NULL, NULL);
}
