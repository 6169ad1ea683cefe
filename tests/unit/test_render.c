/*
 * test_render.c - the JSON and CSV writers (render.h) against SPEC §13: a
 * small report built with the model API is written to a temporary folder;
 * the CSV is compared with its exact expected text, the JSON is parsed
 * back with jansson and checked value by value, hidden cells included.
 *
 * The report (disclosure states set by hand, as suppress.c would):
 *
 *   section "Misstankar om brott", table utfall_kon
 *     group        n_cases     before_mean        after_pct      t_p
 *     Flickor      3 small     few                few            notest
 *     Pojkar       12          4.25 (n 12)        100/3 (n 12)   0.0123456789012345678
 *     Annat kön,   7 secondary missing            0 (n 7)        1 (n 7)
 *      "X"
 *     Totalt (tot) 22          -1234567.891234567891  12.5       1e-10
 *   two notes (one added twice), a bar chart of rows 0..2 with the series
 *   before_mean and after_pct
 *   section "Flöde", table flode: period, startade; one empty count cell
 *
 * Numbers in CSV are the shortest decimal that reads back as the same
 * double (15 to 17 significant digits), as Python's repr() gives them:
 *   100/3 -> 33.333333333333336 (16 digits read back as another double)
 *   0.0123456789012345678 -> 0.012345678901234568
 *   -1234567.891234567891 -> -1234567.8912345679
 *   4.25, 12.5, 1e-10 -> as written (exact in few digits)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/model.h"
#include "uppfolj/render.h"
#include "testutil.h"

/* ---- the report ------------------------------------------------------------ */

static void hide(uf_table *t, int row, int col, uf_supp why)
{
    uf_table_cell(t, row, col)->supp = why;
}

static uf_report *build(void)
{
    uf_report *r = uf_report_new("utfall", "Utfall före och efter");
    assert_non_null(r);
    uf_report_set(r, &r->unit, "Norrstaden");
    uf_report_set(r, &r->period, "2024");
    uf_report_set(r, &r->as_of, "2025-06-30");
    uf_report_set(r, &r->version, "0.1.0");
    uf_report_set(r, &r->created, "2025-07-01");
    uf_report_param(r, "fönster före", "%d månader", 12);
    uf_report_param(r, "ankare", "%s", "slut");
    uf_report_snapshot(r, "körning 1 2025-07-01 sha256 00ff");
    uf_report_method(r, "Värden som bygger på färre än 5 personer visas inte.");

    uf_section *s = uf_report_section(r, "Misstankar om brott");
    uf_section_par(r, s, "Andel med minst en misstanke.");
    uf_table *t = uf_section_table(r, s, "utfall_kon", "Utfall per kön", 5);
    uf_table_col(r, t, 0, "group", "Grupp", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "n_cases", "Antal", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 2, "before_mean", "Medel före", UF_C_NUMBER, 2, false);
    uf_table_col(r, t, 3, "after_pct", "Andel efter", UF_C_PERCENT, 1, false);
    uf_table_col(r, t, 4, "t_p", "p (t-test)", UF_C_PVALUE, 3, false);

    int r0 = uf_table_row(r, t, false);
    uf_cell_text(r, t, r0, 0, "Flickor");
    uf_cell_count(t, r0, 1, 3);
    hide(t, r0, 1, UF_SUPP_SMALL);
    uf_cell_none(t, r0, 2, UF_SUPP_FEW);
    uf_cell_none(t, r0, 3, UF_SUPP_FEW);
    uf_cell_none(t, r0, 4, UF_SUPP_NOTEST);

    int r1 = uf_table_row(r, t, false);
    uf_cell_text(r, t, r1, 0, "Pojkar");
    uf_cell_count(t, r1, 1, 12);
    uf_cell_number(t, r1, 2, 4.25, 12);
    uf_cell_percent(t, r1, 3, 100.0 / 3, 12, 1);
    uf_cell_pvalue(t, r1, 4, 0.0123456789012345678, 12);

    int r2 = uf_table_row(r, t, false);
    uf_cell_text(r, t, r2, 0, "Annat kön, \"X\"");
    uf_cell_count(t, r2, 1, 7);
    hide(t, r2, 1, UF_SUPP_SECONDARY);
    uf_cell_none(t, r2, 2, UF_SUPP_MISSING);
    uf_cell_percent(t, r2, 3, 0, 7, 1);
    uf_cell_pvalue(t, r2, 4, 1, 7);

    int r3 = uf_table_row(r, t, true);
    uf_cell_text(r, t, r3, 0, "Totalt");
    uf_cell_count(t, r3, 1, 22);
    uf_cell_number(t, r3, 2, -1234567.891234567891, 22);
    uf_cell_percent(t, r3, 3, 12.5, 22, 1);
    uf_cell_pvalue(t, r3, 4, 1e-10, 22);

    uf_table_note(r, t, "Värden som bygger på färre än 5 personer visas inte.");
    uf_table_note(r, t, ".. = uppgiften visas inte.");
    uf_table_note(r, t, "Värden som bygger på färre än 5 personer visas inte.");

    uf_chart *ch = uf_section_chart(r, s, "utfall_kon_diagram", "Före och efter", "bar",
                                    "Antal per person", t, 0);
    const int rows[] = { r0, r1, r2 };
    uf_chart_rows(r, ch, rows, 3);
    uf_chart_series(r, ch, "Före", 2);
    uf_chart_series(r, ch, "Efter (%)", 3);

    uf_section *s2 = uf_report_section(r, "Flöde");
    uf_table *f = uf_section_table(r, s2, "flode", "Startade per månad", 2);
    uf_table_col(r, f, 0, "period", "Månad", UF_C_TEXT, 0, false);
    uf_table_col(r, f, 1, "startade", "Startade", UF_C_COUNT, 0, true);
    int f0 = uf_table_row(r, f, false);
    uf_cell_text(r, f, f0, 0, "2024-01"); /* count never set: empty */
    int f1 = uf_table_row(r, f, false);
    uf_cell_text(r, f, f1, 0, "2024-02");
    uf_cell_count(f, f1, 1, 9);

    assert_false(uf_report_failed(r));
    return r;
}

static const char csv_utfall[] = "group,n_cases,before_mean,after_pct,t_p,suppressed\n"
                                 "\"Flickor\",,,,,n_cases|before_mean|after_pct|t_p\n"
                                 "\"Pojkar\",12,4.25,33.333333333333336,0.012345678901234568,\n"
                                 "\"Annat kön, \"\"X\"\"\",,,0,1,n_cases|before_mean\n"
                                 "\"Totalt\",22,-1234567.8912345679,12.5,1e-10,\n";

static const char csv_flode[] = "period,startade,suppressed\n"
                                "\"2024-01\",,\n"
                                "\"2024-02\",9,\n";

/* ---- helpers ---------------------------------------------------------------- */

/* The text of dir/name (caller frees); fails when it cannot be read. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[TU_PATH];
    tu_path(path, dir, name);
    char *s = tu_read(path, len);
    if (!s)
        fail_msg("cannot read %s", path);
    return s;
}

/* Render r as dir/name and parse it back. */
static json_t *render_json(const uf_report *r, const char *dir, const char *name)
{
    char path[TU_PATH];
    tu_path(path, dir, name);
    assert_int_equal(uf_render_json(r, path, NULL), UF_OK);
    json_error_t err;
    json_t *doc = json_load_file(path, 0, &err);
    if (!doc)
        fail_msg("%s:%d: %s", name, err.line, err.text);
    return doc;
}

/* doc.sections[s].tables[t].rows[row].cells[col] */
static json_t *jcell(json_t *doc, size_t s, size_t t, size_t row, size_t col)
{
    json_t *sec = json_array_get(json_object_get(doc, "sections"), s);
    json_t *tab = json_array_get(json_object_get(sec, "tables"), t);
    json_t *r = json_array_get(json_object_get(tab, "rows"), row);
    json_t *c = json_array_get(json_object_get(r, "cells"), col);
    if (!c)
        fail_msg("no cell %zu/%zu/%zu/%zu", s, t, row, col);
    return c;
}

/* A hidden cell: value null, the reason given, no n. */
static void assert_hidden(json_t *cell, const char *why)
{
    assert_true(json_is_null(json_object_get(cell, "value")));
    assert_string_equal(json_string_value(json_object_get(cell, "suppressed")), why);
    assert_null(json_object_get(cell, "n"));
}

/* A shown number within 1e-12 (relative) of want, resting on n persons
 * (n < 0: no "n" key). */
static void assert_real(json_t *cell, double want, long n)
{
    json_t *v = json_object_get(cell, "value");
    assert_true(json_is_number(v));
    double got = json_number_value(v);
    if (!(fabs(got - want) <= 1e-12 * (fabs(want) > 1 ? fabs(want) : 1)))
        fail_msg("value %.17g, expected %.17g", got, want);
    assert_null(json_object_get(cell, "suppressed"));
    if (n < 0)
        assert_null(json_object_get(cell, "n"));
    else
        assert_int_equal(json_integer_value(json_object_get(cell, "n")), n);
}

static void assert_text(json_t *cell, const char *want)
{
    assert_string_equal(json_string_value(json_object_get(cell, "value")), want);
}

/* ---- CSV ---------------------------------------------------------------------- */

static void test_render__csv_exact_text(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    assert_int_equal(uf_render_csv(r, dir, NULL), UF_OK);
    size_t n;
    char *got = slurp(dir, "utfall_kon.csv", &n);
    assert_string_equal(got, csv_utfall);
    assert_int_equal(n, strlen(csv_utfall));
    free(got);
    got = slurp(dir, "flode.csv", NULL);
    /* the empty cell is empty but not suppressed */
    assert_string_equal(got, csv_flode);
    free(got);
    uf_report_free(r);
}

static void test_render__csv_unwritable_folder(void **state)
{
    const char *dir = *state;
    char missing[TU_PATH];
    tu_path(missing, dir, "finns-inte");
    uf_report *r = build();
    uf_diag d;
    uf_diag_init(&d);
    assert_int_equal(uf_render_csv(r, missing, &d), UF_ERR_IO);
    assert_int_equal(d.n, 1); /* the file and why, in Swedish */
    assert_string_equal(d.items[0].file, "utfall_kon.csv");
    assert_non_null(
        strstr(d.items[0].message, "finns-inte/utfall_kon.csv: filen eller mappen finns inte"));
    uf_diag_release(&d);
    uf_report_free(r);
}

/* ---- JSON ----------------------------------------------------------------------- */

static void test_render__json_metadata(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    json_t *doc = render_json(r, dir, "utfall.json");
    assert_string_equal(json_string_value(json_object_get(doc, "report")), "utfall");
    assert_string_equal(json_string_value(json_object_get(doc, "title")), "Utfall före och efter");
    assert_string_equal(json_string_value(json_object_get(doc, "unit")), "Norrstaden");
    assert_string_equal(json_string_value(json_object_get(doc, "period")), "2024");
    assert_string_equal(json_string_value(json_object_get(doc, "as_of")), "2025-06-30");
    assert_string_equal(json_string_value(json_object_get(doc, "created")), "2025-07-01");
    assert_string_equal(json_string_value(json_object_get(doc, "version")), "0.1.0");
    assert_int_equal(json_integer_value(json_object_get(doc, "threshold")), 5);
    json_t *params = json_object_get(doc, "parameters");
    assert_int_equal(json_array_size(params), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(params, 0), "key")),
                        "fönster före");
    assert_string_equal(json_string_value(json_object_get(json_array_get(params, 0), "value")),
                        "12 månader");
    assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "snapshot"), 0)),
                        "körning 1 2025-07-01 sha256 00ff");
    assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "method"), 0)),
                        "Värden som bygger på färre än 5 personer visas inte.");
    json_t *secs = json_object_get(doc, "sections");
    assert_int_equal(json_array_size(secs), 2);
    json_t *s0 = json_array_get(secs, 0);
    assert_string_equal(json_string_value(json_object_get(s0, "title")), "Misstankar om brott");
    assert_string_equal(json_string_value(json_array_get(json_object_get(s0, "paragraphs"), 0)),
                        "Andel med minst en misstanke.");
    json_t *tab = json_array_get(json_object_get(s0, "tables"), 0);
    assert_string_equal(json_string_value(json_object_get(tab, "id")), "utfall_kon");
    assert_true(json_is_false(json_object_get(tab, "groups_overlap")));
    /* columns: stable ids and types */
    static const char *const ids[] = { "group", "n_cases", "before_mean", "after_pct", "t_p" };
    static const char *const types[] = { "text", "count", "number", "percent", "pvalue" };
    json_t *cols = json_object_get(tab, "columns");
    assert_int_equal(json_array_size(cols), 5);
    for (size_t i = 0; i < 5; i++) {
        json_t *c = json_array_get(cols, i);
        assert_string_equal(json_string_value(json_object_get(c, "id")), ids[i]);
        assert_string_equal(json_string_value(json_object_get(c, "type")), types[i]);
    }
    assert_int_equal(json_integer_value(json_object_get(json_array_get(cols, 3), "decimals")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(cols, 4), "label")),
                        "p (t-test)");
    /* the notes, the repeated one once */
    json_t *notes = json_object_get(tab, "notes");
    assert_int_equal(json_array_size(notes), 2);
    assert_string_equal(json_string_value(json_array_get(notes, 1)), ".. = uppgiften visas inte.");
    /* the file is UTF-8 as such, not \u escapes */
    size_t n;
    char *raw = slurp(dir, "utfall.json", &n);
    assert_true(tu_contains(raw, n, "Annat kön", strlen("Annat kön")));
    free(raw);
    json_decref(doc);
    uf_report_free(r);
}

static void test_render__json_cells_and_reasons(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    json_t *doc = render_json(r, dir, "utfall.json");
    json_t *rows = json_object_get(
        json_array_get(
            json_object_get(json_array_get(json_object_get(doc, "sections"), 0), "tables"), 0),
        "rows");
    assert_int_equal(json_array_size(rows), 4);
    /* Flickor: every value hidden, each with its reason */
    assert_text(jcell(doc, 0, 0, 0, 0), "Flickor");
    assert_hidden(jcell(doc, 0, 0, 0, 1), "small");
    assert_hidden(jcell(doc, 0, 0, 0, 2), "few");
    assert_hidden(jcell(doc, 0, 0, 0, 3), "few");
    assert_hidden(jcell(doc, 0, 0, 0, 4), "notest");
    /* Pojkar: counts are integers without n; statistics carry n */
    assert_text(jcell(doc, 0, 0, 1, 0), "Pojkar");
    json_t *count = json_object_get(jcell(doc, 0, 0, 1, 1), "value");
    assert_true(json_is_integer(count));
    assert_int_equal(json_integer_value(count), 12);
    assert_null(json_object_get(jcell(doc, 0, 0, 1, 1), "n"));
    assert_real(jcell(doc, 0, 0, 1, 2), 4.25, 12);
    assert_real(jcell(doc, 0, 0, 1, 3), 100.0 / 3, 12);
    assert_real(jcell(doc, 0, 0, 1, 4), 0.0123456789012345678, 12);
    /* Annat kön: secondary and missing; a shown 0 is 0, not null */
    assert_text(jcell(doc, 0, 0, 2, 0), "Annat kön, \"X\"");
    assert_hidden(jcell(doc, 0, 0, 2, 1), "secondary");
    assert_hidden(jcell(doc, 0, 0, 2, 2), "missing");
    assert_real(jcell(doc, 0, 0, 2, 3), 0, 7);
    assert_real(jcell(doc, 0, 0, 2, 4), 1, 7);
    /* the totals row */
    assert_true(json_is_true(json_object_get(json_array_get(rows, 3), "total")));
    assert_true(json_is_false(json_object_get(json_array_get(rows, 0), "total")));
    assert_int_equal(json_integer_value(json_object_get(jcell(doc, 0, 0, 3, 1), "value")), 22);
    assert_real(jcell(doc, 0, 0, 3, 2), -1234567.891234567891, 22);
    assert_real(jcell(doc, 0, 0, 3, 3), 12.5, 22);
    assert_real(jcell(doc, 0, 0, 3, 4), 1e-10, 22);
    /* an empty cell is null without a reason */
    json_t *empty = jcell(doc, 1, 0, 0, 1);
    assert_true(json_is_null(json_object_get(empty, "value")));
    assert_null(json_object_get(empty, "suppressed"));
    assert_int_equal(json_integer_value(json_object_get(jcell(doc, 1, 0, 1, 1), "value")), 9);
    json_decref(doc);
    uf_report_free(r);
}

static void test_render__json_chart_hides_what_table_hides(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    json_t *doc = render_json(r, dir, "utfall.json");
    json_t *charts = json_object_get(json_array_get(json_object_get(doc, "sections"), 0), "charts");
    assert_int_equal(json_array_size(charts), 1);
    json_t *ch = json_array_get(charts, 0);
    assert_string_equal(json_string_value(json_object_get(ch, "id")), "utfall_kon_diagram");
    assert_string_equal(json_string_value(json_object_get(ch, "kind")), "bar");
    assert_string_equal(json_string_value(json_object_get(ch, "y_label")), "Antal per person");
    assert_string_equal(json_string_value(json_object_get(ch, "table")), "utfall_kon");
    json_t *cats = json_object_get(ch, "categories");
    assert_int_equal(json_array_size(cats), 3);
    assert_string_equal(json_string_value(json_array_get(cats, 0)), "Flickor");
    assert_string_equal(json_string_value(json_array_get(cats, 2)), "Annat kön, \"X\"");
    json_t *series = json_object_get(ch, "series");
    assert_int_equal(json_array_size(series), 2);
    /* before_mean: hidden (few) for Flickor and (missing) for Annat kön */
    json_t *s0 = json_array_get(series, 0);
    assert_string_equal(json_string_value(json_object_get(s0, "label")), "Före");
    assert_string_equal(json_string_value(json_object_get(s0, "column")), "before_mean");
    json_t *v = json_object_get(s0, "values");
    assert_int_equal(json_array_size(v), 3);
    assert_true(json_is_null(json_array_get(v, 0)));
    assert_true(json_number_value(json_array_get(v, 1)) == 4.25);
    assert_true(json_is_null(json_array_get(v, 2)));
    /* after_pct: hidden for Flickor; 0 drawn for Annat kön */
    json_t *s1 = json_array_get(series, 1);
    assert_string_equal(json_string_value(json_object_get(s1, "column")), "after_pct");
    v = json_object_get(s1, "values");
    assert_true(json_is_null(json_array_get(v, 0)));
    assert_true(fabs(json_number_value(json_array_get(v, 1)) - 100.0 / 3) < 1e-12);
    assert_true(json_is_number(json_array_get(v, 2)));
    assert_true(json_number_value(json_array_get(v, 2)) == 0);
    json_decref(doc);

    /* hide Pojkar's mean in the table: the chart hides it too */
    const uf_table *t = r->sections[0]->tables[0];
    uf_table_cell(t, 1, 2)->supp = UF_SUPP_SECONDARY;
    doc = render_json(r, dir, "utfall2.json");
    v = json_object_get(
        json_array_get(
            json_object_get(
                json_array_get(
                    json_object_get(json_array_get(json_object_get(doc, "sections"), 0), "charts"),
                    0),
                "series"),
            0),
        "values");
    assert_true(json_is_null(json_array_get(v, 1)));
    json_decref(doc);
    uf_report_free(r);
}

static void test_render__json_unwritable(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "finns-inte/utfall.json");
    uf_report *r = build();
    uf_diag d;
    uf_diag_init(&d);
    assert_int_equal(uf_render_json(r, path, &d), UF_ERR_IO);
    assert_int_equal(d.n, 1);
    assert_non_null(
        strstr(d.items[0].message, "finns-inte/utfall.json: filen eller mappen finns inte"));
    uf_diag_release(&d);
    uf_report_free(r);
}

/* ---- both ----------------------------------------------------------------------- */

static void test_render__twice_gives_same_bytes(void **state)
{
    const char *dir = *state;
    char a[TU_PATH], b[TU_PATH];
    tu_path(a, dir, "a.json");
    tu_path(b, dir, "b.json");
    /* two reports built the same way, rendered one after the other */
    uf_report *r1 = build(), *r2 = build();
    assert_int_equal(uf_render_json(r1, a, NULL), UF_OK);
    assert_int_equal(uf_render_json(r2, b, NULL), UF_OK);
    size_t na, nb;
    char *ja = tu_read(a, &na), *jb = tu_read(b, &nb);
    assert_non_null(ja);
    assert_non_null(jb);
    assert_true(na > 0);
    assert_int_equal(na, nb);
    assert_memory_equal(ja, jb, na);
    free(ja);
    free(jb);

    assert_int_equal(uf_render_csv(r1, dir, NULL), UF_OK);
    char *c1 = slurp(dir, "utfall_kon.csv", &na);
    assert_int_equal(uf_render_csv(r2, dir, NULL), UF_OK);
    char *c2 = slurp(dir, "utfall_kon.csv", &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(c1, c2, na);
    free(c1);
    free(c2);
    uf_report_free(r1);
    uf_report_free(r2);
}

static void test_render__supp_names(void **state)
{
    (void)state;
    assert_string_equal(uf_supp_name(UF_SHOWN), "");
    assert_string_equal(uf_supp_name(UF_SUPP_SMALL), "small");
    assert_string_equal(uf_supp_name(UF_SUPP_SECONDARY), "secondary");
    assert_string_equal(uf_supp_name(UF_SUPP_FEW), "few");
    assert_string_equal(uf_supp_name(UF_SUPP_NOTEST), "notest");
    assert_string_equal(uf_supp_name(UF_SUPP_MISSING), "missing");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_render__csv_exact_text, tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render__csv_unwritable_folder, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render__json_metadata, tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render__json_cells_and_reasons, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render__json_chart_hides_what_table_hides,
                                        tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render__json_unwritable, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render__twice_gives_same_bytes, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test(test_render__supp_names),
    };
    return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
