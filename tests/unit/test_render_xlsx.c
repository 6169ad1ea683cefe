/*
 * test_render_xlsx.c - the XLSX writer (render.h, render_xlsx.c): a small
 * report built with the model API is written to a temporary folder and
 * read back as what it is, a zip of XML files (zlib inflates the members).
 * Expected cells, formats and names are written out here by hand.
 *
 * The report (disclosure states set by hand, as suppress.c would):
 *
 *   section "Misstankar om brott", table utfall_kon "Utfall per kön"
 *     group        n_cases     before_mean     after_pct       t_p
 *     Flickor      3 small     few             few             notest
 *     Pojkar       12          4.25 (n 12)     100/3 (n 12)    0.0123
 *     Annat kön    7 secondary missing         0 (n 7)         1 (n 7)
 *     Totalt (tot) 22          -1234.5         12.5            1e-10
 *   two notes; a bar chart of rows 0..2, series before_mean and after_pct
 *   section "Flöde", table flode "Startade per månad": period, startade,
 *   and a line chart of it
 *
 * The table sheet: title in row 1, labels in row 2, rows 3..6; the chart's
 * data block starts two rows below the last note (a heading, the labels,
 * then the categories): rows 3..6, blank 7, notes 8..9, blank 10, heading
 * 11, labels 12, categories 13..15.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "uppfolj/model.h"
#include "uppfolj/render.h"
#include "testutil.h"

#define NB "\xc2\xa0"
#define EPOCH 1751328000LL /* 2025-07-01T00:00:00Z */

/* ---- the report ------------------------------------------------------------ */

static void hide(uf_table *t, int row, int col, uf_supp why)
{
    uf_table_cell(t, row, col)->supp = why;
}

static void flode(uf_report *r)
{
    uf_section *s = uf_report_section(r, "Flöde");
    uf_table *f = uf_section_table(r, s, "flode", "Startade per månad", 2);
    uf_table_col(r, f, 0, "period", "Månad", UF_C_TEXT, 0, false);
    uf_table_col(r, f, 1, "startade", "Startade", UF_C_COUNT, 0, true);
    int rows[2];
    rows[0] = uf_table_row(r, f, false);
    uf_cell_text(r, f, rows[0], 0, "2024-01");
    uf_cell_count(f, rows[0], 1, 9);
    rows[1] = uf_table_row(r, f, false);
    uf_cell_text(r, f, rows[1], 0, "2024-02");
    uf_cell_count(f, rows[1], 1, 11);
    uf_chart *ch = uf_section_chart(r, s, "flode_diagram", "Startade", "line", "Antal", f, 0);
    uf_chart_rows(r, ch, rows, 2);
    uf_chart_series(r, ch, "Startade", 1);
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
    uf_report_set(r, &r->organisation, "Norrstadens kommun"); /* uppfolj.conf [organisation] */
    uf_report_snapshot(r, "körning 1 2025-07-01 sha256 00ff");
    uf_report_method(r, "Värden som bygger på färre än 5 personer visas inte.");
    uf_report_method(r, "Andra stycket om metoden.");

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
    uf_cell_number(t, r0, 2, 9.75, 3);
    hide(t, r0, 2, UF_SUPP_FEW);
    uf_cell_percent(t, r0, 3, 66.5, 3, 1);
    hide(t, r0, 3, UF_SUPP_FEW);
    uf_cell_none(t, r0, 4, UF_SUPP_NOTEST);

    int r1 = uf_table_row(r, t, false);
    uf_cell_text(r, t, r1, 0, "Pojkar");
    uf_cell_count(t, r1, 1, 12);
    uf_cell_number(t, r1, 2, 4.25, 12);
    uf_cell_percent(t, r1, 3, 100.0 / 3, 12, 1);
    uf_cell_pvalue(t, r1, 4, 0.0123, 12);

    int r2 = uf_table_row(r, t, false);
    uf_cell_text(r, t, r2, 0, "Annat kön");
    uf_cell_count(t, r2, 1, 7);
    hide(t, r2, 1, UF_SUPP_SECONDARY);
    uf_cell_none(t, r2, 2, UF_SUPP_MISSING);
    uf_cell_percent(t, r2, 3, 0, 7, 1);
    uf_cell_pvalue(t, r2, 4, 1, 7);

    int r3 = uf_table_row(r, t, true);
    uf_cell_text(r, t, r3, 0, "Totalt");
    uf_cell_count(t, r3, 1, 22);
    uf_cell_number(t, r3, 2, -1234.5, 22);
    uf_cell_percent(t, r3, 3, 12.5, 22, 1);
    uf_cell_pvalue(t, r3, 4, 1e-10, 22);

    uf_table_note(r, t, "<5: antalet är 1–4 personer.");
    uf_table_note(r, t, ".. = uppgiften visas inte.");

    uf_chart *ch = uf_section_chart(r, s, "utfall_kon_diagram", "Före och efter", "bar",
                                    "Antal per person", t, 0);
    const int rows[] = { r0, r1, r2 };
    uf_chart_rows(r, ch, rows, 3);
    uf_chart_series(r, ch, "Före", 2);
    uf_chart_series(r, ch, "Efter (%)", 3);

    flode(r);
    assert_false(uf_report_failed(r));
    return r;
}

/* ---- reading the zip -------------------------------------------------------- */

static unsigned rd16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long rd32(const unsigned char *p)
{
    return (unsigned long)rd16(p) | (unsigned long)rd16(p + 2) << 16;
}

/* The inflated member of z (len bytes) at central directory entry p. */
static char *inflate_member(const unsigned char *z, size_t len, size_t p)
{
    unsigned method = rd16(z + p + 10);
    size_t csize = rd32(z + p + 20), usize = rd32(z + p + 24), lh = rd32(z + p + 42);
    assert_true(lh + 30 <= len);
    size_t data = lh + 30 + rd16(z + lh + 26) + rd16(z + lh + 28);
    assert_true(data + csize <= len);
    char *out = malloc(usize + 1);
    assert_non_null(out);
    if (method == 0) {
        memcpy(out, z + data, usize);
    } else {
        assert_int_equal(method, 8);
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        assert_int_equal(inflateInit2(&zs, -MAX_WBITS), Z_OK);
        zs.next_in = (Bytef *)(uintptr_t)(z + data);
        zs.avail_in = (uInt)csize;
        zs.next_out = (Bytef *)out;
        zs.avail_out = (uInt)usize;
        int rc = inflate(&zs, Z_FINISH);
        inflateEnd(&zs);
        assert_int_equal(rc, Z_STREAM_END);
    }
    out[usize] = '\0';
    return out;
}

/* Member name of the zip file at path, NUL-terminated (caller frees);
 * NULL when there is no such member. */
static char *member(const char *path, const char *name)
{
    size_t len = 0;
    unsigned char *z = (unsigned char *)tu_read(path, &len);
    assert_non_null(z);
    assert_true(len >= 22);
    size_t e = len - 22;
    while (e > 0 && rd32(z + e) != 0x06054b50UL)
        e--;
    assert_int_equal(rd32(z + e), 0x06054b50UL);
    unsigned n = rd16(z + e + 10);
    size_t p = rd32(z + e + 16);
    char *out = NULL;
    for (unsigned i = 0; i < n && !out; i++) {
        assert_int_equal(rd32(z + p), 0x02014b50UL);
        size_t nlen = rd16(z + p + 28);
        if (nlen == strlen(name) && memcmp(z + p + 46, name, nlen) == 0)
            out = inflate_member(z, len, p);
        p += 46 + nlen + rd16(z + p + 30) + rd16(z + p + 32);
    }
    free(z);
    return out;
}

static char *must_member(const char *path, const char *name)
{
    char *s = member(path, name);
    if (!s)
        fail_msg("no %s in %s", name, path);
    return s;
}

/* ---- reading the XML ------------------------------------------------------------ */

/* The element <c r="ref" ...>...</c> of a sheet, copied into out. */
static void cell_xml(const char *sheet, const char *ref, char *out, size_t size)
{
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *p = sheet;
    while ((p = strstr(p, key)) != NULL && p[strlen(key)] != ' ' && p[strlen(key)] != '>')
        p++;
    if (!p) {
        out[0] = '\0';
        return;
    }
    const char *end = strstr(p, "</c>");
    const char *close = strstr(p, "/>");
    if (close && (!end || close < end) && close < strchr(p, '>') + 1)
        end = close;
    assert_non_null(end);
    snprintf(out, size, "%.*s", (int)(end - p), p);
}

/* The value of attribute name="..." in xml, into out ("" when absent). */
static void attr(const char *xml, const char *name, char *out, size_t size)
{
    char key[64];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *p = strstr(xml, key);
    if (!p) {
        out[0] = '\0';
        return;
    }
    p += strlen(key);
    snprintf(out, size, "%.*s", (int)(strchr(p, '"') - p), p);
}

/* The n-th (0-based) element starting with open in xml, or NULL. */
static const char *nth(const char *xml, const char *open, long n)
{
    const char *p = xml;
    for (long i = 0; p && i <= n; i++) {
        p = strstr(p, open);
        if (p && i < n)
            p++;
    }
    return p;
}

/* The shared string number idx (its <t> text, XML-escaped) into out. */
static void shared(const char *sst, long idx, char *out, size_t size)
{
    const char *si = nth(sst, "<si>", idx);
    assert_non_null(si);
    const char *t = strchr(strstr(si, "<t"), '>') + 1;
    snprintf(out, size, "%.*s", (int)(strstr(t, "</t>") - t), t);
}

/* The text of a string cell; fails when the cell holds no string. */
static void cell_text(const char *sheet, const char *sst, const char *ref, char *out, size_t n)
{
    char c[512];
    cell_xml(sheet, ref, c, sizeof c);
    if (!strstr(c, " t=\"s\""))
        fail_msg("%s is not text: %s", ref, c);
    const char *v = strstr(c, "<v>");
    assert_non_null(v);
    shared(sst, strtol(v + 3, NULL, 10), out, n);
}

static void assert_text_cell(const char *sheet, const char *sst, const char *ref, const char *want)
{
    char got[512];
    cell_text(sheet, sst, ref, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("%s: \"%s\", expected \"%s\"", ref, got, want);
}

/* A number cell (no t="s") holding exactly want as written by the library. */
static void assert_number_cell(const char *sheet, const char *ref, const char *want, char *style,
                               size_t n)
{
    char c[512], v[64];
    cell_xml(sheet, ref, c, sizeof c);
    if (c[0] == '\0' || strstr(c, " t=\""))
        fail_msg("%s is not a number: %s", ref, c);
    snprintf(v, sizeof v, "<v>%s</v>", want);
    if (!strstr(c, v))
        fail_msg("%s: %s, expected %s", ref, c, want);
    attr(c, "s", style, n);
}

/* The number format of cell style s (an index into cellXfs). */
static void style_format(const char *styles, const char *s, char *out, size_t size)
{
    const char *xf = nth(strstr(styles, "<cellXfs"), "<xf ", strtol(s, NULL, 10));
    assert_non_null(xf);
    char id[16], key[48];
    attr(xf, "numFmtId", id, sizeof id);
    snprintf(key, sizeof key, "<numFmt numFmtId=\"%s\"", id);
    const char *nf = strstr(styles, key);
    if (!nf) {
        snprintf(out, size, "builtin %s", id);
        return;
    }
    attr(nf, "formatCode", out, size);
}

/* Is cell style s bold? */
static bool style_bold(const char *styles, const char *s)
{
    const char *xf = nth(strstr(styles, "<cellXfs"), "<xf ", strtol(s, NULL, 10));
    char id[16];
    attr(xf, "fontId", id, sizeof id);
    const char *font = nth(strstr(styles, "<fonts"), "<font>", strtol(id, NULL, 10));
    assert_non_null(font);
    const char *b = strstr(font, "<b/>"), *end = strstr(font, "</font>");
    return b && b < end;
}

/* ---- helpers -------------------------------------------------------------------- */

static void render(const uf_report *r, const char *dir, const char *name, long long epoch,
                   char path[TU_PATH])
{
    tu_path(path, dir, name);
    assert_int_equal(uf_render_xlsx(r, path, epoch, NULL), UF_OK);
}

/* The sheet names of workbook.xml, '|'-separated, into out. */
static void sheet_names(const char *path, char *out, size_t size)
{
    char *wb = must_member(path, "xl/workbook.xml");
    size_t o = 0;
    out[0] = '\0';
    for (const char *p = wb; (p = strstr(p, "<sheet ")) != NULL; p++) {
        char name[256];
        attr(p, "name", name, sizeof name);
        o += (size_t)snprintf(out + o, size - o, "%s%s", o ? "|" : "", name);
        assert_true(o < size);
    }
    free(wb);
}

/* ---- tests ------------------------------------------------------------------- */

static void test_render_xlsx__writes_a_zip_of_sheets_and_charts(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    char path[TU_PATH];
    render(r, dir, "utfall.xlsx", EPOCH, path);
    size_t len = 0;
    char *raw = tu_read(path, &len);
    assert_non_null(raw);
    assert_true(len > 4 && memcmp(raw, "PK\x03\x04", 4) == 0);
    free(raw);
    char names[512];
    sheet_names(path, names, sizeof names);
    assert_string_equal(names, "Rapport|Innehåll|Utfall per kön|Startade per månad|Metod");
    static const char *const parts[] = {
        "xl/worksheets/sheet5.xml", "xl/charts/chart1.xml", "xl/charts/chart2.xml",
        "xl/sharedStrings.xml",     "xl/styles.xml",        "docProps/core.xml"
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        free(must_member(path, parts[i]));
    assert_null(member(path, "xl/charts/chart3.xml"));
    uf_report_free(r);
}

static void test_render_xlsx__same_model_gives_same_bytes(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    char a[TU_PATH], b[TU_PATH], c[TU_PATH];
    render(r, dir, "a.xlsx", EPOCH, a);
    sleep(1); /* a wall clock read would show */
    render(r, dir, "b.xlsx", EPOCH, b);
    render(r, dir, "c.xlsx", EPOCH + 86400, c);
    size_t na = 0, nb = 0, nc = 0;
    char *da = tu_read(a, &na), *db = tu_read(b, &nb), *dc = tu_read(c, &nc);
    assert_true(da && db && dc);
    assert_int_equal(na, nb);
    assert_memory_equal(da, db, na);
    assert_true(na != nc || memcmp(da, dc, na) != 0); /* the epoch is used */
    free(da);
    free(db);
    free(dc);
    uf_report_free(r);
}

static void test_render_xlsx__document_properties(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    char path[TU_PATH];
    render(r, dir, "p.xlsx", EPOCH, path);
    char *core = must_member(path, "docProps/core.xml");
    assert_non_null(strstr(core, "<dc:title>Utfall före och efter</dc:title>"));
    assert_non_null(strstr(core, "<dc:creator>Norrstaden</dc:creator>"));
    assert_non_null(strstr(core, ">2025-07-01T00:00:00Z</dcterms:created>"));
    assert_non_null(strstr(core, ">2025-07-01T00:00:00Z</dcterms:modified>"));
    free(core);
    char *app = must_member(path, "docProps/app.xml");
    assert_non_null(strstr(app, "<Company>Norrstadens kommun</Company>"));
    free(app);
    /* epoch 0 would make libxlsxwriter read the clock: one second later */
    render(r, dir, "p0.xlsx", 0, path);
    core = must_member(path, "docProps/core.xml");
    assert_non_null(strstr(core, ">1970-01-01T00:00:01Z</dcterms:created>"));
    free(core);
    uf_report_free(r);
}

static void test_render_xlsx__table_cells_formats_and_hidden_symbols(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    char path[TU_PATH], s[16], f[128];
    render(r, dir, "t.xlsx", EPOCH, path);
    char *sh = must_member(path, "xl/worksheets/sheet3.xml");
    char *sst = must_member(path, "xl/sharedStrings.xml");
    char *st = must_member(path, "xl/styles.xml");
    assert_text_cell(sh, sst, "A1", "Utfall per kön");
    static const char *const head[] = { "Grupp", "Antal", "Medel före", "Andel efter",
                                        "p (t-test)" };
    for (int c = 0; c < 5; c++) {
        char ref[8];
        snprintf(ref, sizeof ref, "%c2", 'A' + c);
        assert_text_cell(sh, sst, ref, head[c]);
        char cx[256];
        cell_xml(sh, ref, cx, sizeof cx);
        attr(cx, "s", s, sizeof s);
        assert_true(style_bold(st, s));
    }
    assert_null(strstr(sh, "<c r=\"A7\"")); /* labels only: no second header */
    /* hidden: the symbol as text, never the value */
    assert_text_cell(sh, sst, "B3", "&lt;5");
    assert_text_cell(sh, sst, "C3", "..");
    assert_text_cell(sh, sst, "D3", "..");
    assert_text_cell(sh, sst, "E3", "–"); /* no test */
    assert_text_cell(sh, sst, "B5", "..");
    assert_text_cell(sh, sst, "C5", "."); /* no value */
    assert_null(strstr(sh, "<v>9.75</v>"));
    assert_null(strstr(sh, "<v>66.5</v>"));
    /* shown: numbers with their formats */
    assert_number_cell(sh, "B4", "12", s, sizeof s);
    style_format(st, s, f, sizeof f);
    assert_string_equal(f, "#,##0");
    assert_false(style_bold(st, s));
    assert_number_cell(sh, "C4", "4.25", s, sizeof s);
    style_format(st, s, f, sizeof f);
    assert_string_equal(f, "#,##0.00");
    /* a percent is its fraction, shown with a percent format: 33,3 % */
    assert_number_cell(sh, "D4", "0.3333333333333334", s, sizeof s);
    style_format(st, s, f, sizeof f);
    assert_string_equal(f, "0.0&quot;" NB "&quot;%");
    assert_number_cell(sh, "E4", "0.0123", s, sizeof s);
    style_format(st, s, f, sizeof f);
    assert_string_equal(f, "[&lt;0.001]&quot;&lt;" NB "0,001&quot;;0.000");
    assert_number_cell(sh, "D5", "0", s, sizeof s);
    assert_number_cell(sh, "E5", "1", s, sizeof s);
    /* the total row: bold numbers */
    assert_text_cell(sh, sst, "A6", "Totalt");
    assert_number_cell(sh, "B6", "22", s, sizeof s);
    assert_true(style_bold(st, s));
    style_format(st, s, f, sizeof f);
    assert_string_equal(f, "#,##0");
    assert_number_cell(sh, "C6", "-1234.5", s, sizeof s);
    assert_true(style_bold(st, s));
    assert_number_cell(sh, "E6", "1E-10", s, sizeof s);
    /* frozen below the labels; autofilter over labels and group rows */
    assert_non_null(strstr(sh, "<pane ySplit=\"2\" topLeftCell=\"A3\""));
    assert_non_null(strstr(sh, "state=\"frozen\""));
    assert_non_null(strstr(sh, "<autoFilter ref=\"A2:E5\"/>"));
    /* the notes under the table */
    assert_text_cell(sh, sst, "A8", "&lt;5: antalet är 1–4 personer.");
    assert_text_cell(sh, sst, "A9", ".. = uppgiften visas inte.");
    /* a column wider than the default 8.43 for "p (t-test)" and "Andel efter" */
    assert_non_null(strstr(sh, "<col min=\"4\" max=\"4\" width=\""));
    /* a note wraps over the table's five columns, in a row as tall as its
     * lines (Excel and LibreOffice do not grow it) */
    assert_non_null(strstr(sh, "<mergeCell ref=\"A8:E8\"/>"));
    /* printed on A4, as wide as a page, its title and header rows on every
     * page, the title and the page number in the footer */
    assert_non_null(strstr(sh, "<pageSetUpPr fitToPage=\"1\"/>"));
    assert_non_null(strstr(sh, "<pageSetup paperSize=\"9\" fitToHeight=\"0\""));
    assert_non_null(strstr(sh,
                           "<oddFooter>&amp;L&amp;8Utfall före och efter&amp;R&amp;8sida &amp;P "
                           "av &amp;N</oddFooter>"));
    char *wb = must_member(path, "xl/workbook.xml");
    assert_non_null(strstr(wb, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"2\">"
                               "'Utfall per kön'!$1:$2</definedName>"));
    free(wb);
    free(sh);
    free(sst);
    free(st);
    uf_report_free(r);
}

static void test_render_xlsx__chart_reads_shown_cells_only(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    char path[TU_PATH], s[16];
    render(r, dir, "c.xlsx", EPOCH, path);
    char *sh = must_member(path, "xl/worksheets/sheet3.xml");
    char *sst = must_member(path, "xl/sharedStrings.xml");
    char *ch = must_member(path, "xl/charts/chart1.xml");
    /* the chart below the notes (rows 8-9), from row 11 (0-based 10), and
     * 16 rows and one on, its data block: the heading in row 28, labels
     * in row 29, categories in rows 30..32 */
    char *dr = must_member(path, "xl/drawings/drawing1.xml");
    assert_non_null(strstr(dr, "<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff>"
                               "<xdr:row>10</xdr:row>"));
    free(dr);
    assert_text_cell(sh, sst, "B29", "Före");
    assert_text_cell(sh, sst, "C29", "Efter (%)");
    assert_text_cell(sh, sst, "A30", "Flickor");
    assert_text_cell(sh, sst, "A32", "Annat kön");
    char c[256];
    cell_xml(sh, "B30", c, sizeof c); /* Flickor before: hidden */
    assert_string_equal(c, "");
    cell_xml(sh, "C30", c, sizeof c); /* Flickor after: hidden */
    assert_string_equal(c, "");
    cell_xml(sh, "B32", c, sizeof c); /* Annat kön before: missing */
    assert_string_equal(c, "");
    assert_number_cell(sh, "B31", "4.25", s, sizeof s);
    assert_number_cell(sh, "C32", "0", s, sizeof s); /* a shown 0 is drawn */
    /* a clustered column chart reading that block */
    assert_non_null(strstr(ch, "<c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>"));
    assert_non_null(strstr(ch, "<c:f>'Utfall per kön'!$A$30:$A$32</c:f>"));
    assert_non_null(strstr(ch, "<c:f>'Utfall per kön'!$B$30:$B$32</c:f>"));
    assert_non_null(strstr(ch, "<c:f>'Utfall per kön'!$C$30:$C$32</c:f>"));
    assert_non_null(strstr(ch, "<a:t>Före och efter</a:t>"));
    assert_non_null(strstr(ch, "<a:t>Antal per person</a:t>"));
    assert_non_null(strstr(ch, "<c:tx><c:v>Före</c:v></c:tx>"));
    /* the cached points: a hidden one is a gap, not a zero */
    assert_non_null(strstr(ch, "<c:ptCount val=\"3\"/><c:pt idx=\"1\"><c:v>4.25</c:v></c:pt>"
                               "</c:numCache>"));
    assert_null(strstr(ch, "66.5"));
    assert_null(strstr(ch, "9.75"));
    free(ch);
    /* the line chart of the other table, on its sheet */
    ch = must_member(path, "xl/charts/chart2.xml");
    assert_non_null(strstr(ch, "<c:lineChart>"));
    assert_non_null(strstr(ch, "'Startade per månad'!$B$"));
    free(ch);
    /* each chart is drawn on its table's sheet */
    char *rels = must_member(path, "xl/worksheets/_rels/sheet3.xml.rels");
    assert_non_null(strstr(rels, "drawing1.xml"));
    free(rels);
    rels = must_member(path, "xl/worksheets/_rels/sheet4.xml.rels");
    assert_non_null(strstr(rels, "drawing2.xml"));
    free(rels);
    free(sh);
    free(sst);
    uf_report_free(r);
}

static void test_render_xlsx__front_and_method_sheets(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    char path[TU_PATH];
    render(r, dir, "f.xlsx", EPOCH, path);
    char *front = must_member(path, "xl/worksheets/sheet1.xml");
    char *sst = must_member(path, "xl/sharedStrings.xml");
    char *method = must_member(path, "xl/worksheets/sheet5.xml");
    char *contents = must_member(path, "xl/worksheets/sheet2.xml");
    assert_text_cell(front, sst, "A1", "Utfall före och efter");
    assert_text_cell(front, sst, "B3", "Norrstaden");
    assert_text_cell(front, sst, "B4", "2024");
    assert_text_cell(front, sst, "B5", "2025-06-30");
    assert_text_cell(front, sst, "B7", "uppfolj 0.1.0");
    char rule[512];
    cell_text(front, sst, "B8", rule, sizeof rule);
    assert_non_null(strstr(rule, "färre än 5 personer visas inte"));
    assert_non_null(strstr(rule, "1–4 visas som &lt;5"));
    size_t n = strlen(sst);
    assert_true(tu_contains(sst, n, "fönster före", strlen("fönster före")));
    assert_true(tu_contains(sst, n, "12 månader", strlen("12 månader")));
    assert_true(tu_contains(sst, n, "körning 1 2025-07-01 sha256 00ff", 32));
    assert_true(tu_contains(sst, n, "Andel med minst en misstanke.", 29));
    /* a link to the contents, which links to every table sheet */
    assert_non_null(strstr(front, "location=\"'Innehåll'!A1\""));
    assert_non_null(strstr(contents, "location=\"'Utfall per kön'!A1\""));
    assert_non_null(strstr(contents, "location=\"'Startade per månad'!A1\""));
    assert_non_null(strstr(contents, "location=\"'Metod'!A1\""));
    assert_text_cell(contents, sst, "A1", "Innehåll");
    free(contents);
    /* the disclosure rule wraps in a row tall enough for its lines (it is
     * longer than column B's 90 characters) */
    char row8[512];
    const char *r8 = strstr(front, "<row r=\"8\"");
    assert_non_null(r8);
    snprintf(row8, sizeof row8, "%.*s", (int)(strchr(r8, '>') - r8), r8);
    assert_non_null(strstr(row8, "customHeight=\"1\""));
    assert_text_cell(method, sst, "A1", "Metod");
    assert_text_cell(method, sst, "A3", "Värden som bygger på färre än 5 personer visas inte.");
    assert_text_cell(method, sst, "A4", "Andra stycket om metoden.");
    free(front);
    free(sst);
    free(method);
    uf_report_free(r);
}

/* Tables titled to test the name rules; the report's sheet names. */
static void test_render_xlsx__sheet_names_cut_cleaned_unique(void **state)
{
    const char *dir = *state;
    static const char *const titles[] = {
        "Registrerade misstankar om brott per år",    /* cut after a word */
        "Registrerade misstankar om brott per månad", /* same cut: (2) */
        "Mål: [A/B] *?\\ öppna",                      /* forbidden removed */
        "Metod",                                      /* taken by the method sheet */
        "'Citat'",                                    /* apostrophes at the ends */
        "",                                           /* no title: the id */
        "ÄRENDEN",
        "ärenden",                                  /* same but for case */
        "öööööööööööööööööööööööööööööööööööööööö", /* 40 ö: 31 kept */
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xf0\x9f\x98\x80"
         "b"), /* 29 a, U+1F600 (2 units), b */
    };
    uf_report *r = uf_report_new("namn", "Namn");
    uf_section *s = uf_report_section(r, "Tabeller");
    for (size_t i = 0; i < sizeof titles / sizeof *titles + 2; i++) {
        char id[32];
        snprintf(id, sizeof id, "tabell_%zu", i);
        uf_table *t = uf_section_table(r, s, id,
                                       i < sizeof titles / sizeof *titles ? titles[i]
                                       : i == sizeof titles / sizeof *titles
                                           ? "innehåll" /* taken by the contents */
                                           : "En lång titel som en kort namn ersätter",
                                       1);
        if (i == sizeof titles / sizeof *titles + 1)
            uf_report_set(r, &t->sheet, "Kort: namn");
        uf_table_col(r, t, 0, "x", "X", UF_C_COUNT, 0, false);
        uf_cell_count(t, uf_table_row(r, t, false), 0, 7);
    }
    assert_false(uf_report_failed(r));
    char path[TU_PATH], names[2048];
    render(r, dir, "n.xlsx", EPOCH, path);
    sheet_names(path, names, sizeof names);
    assert_string_equal(names, "Rapport"
                               "|Innehåll"
                               "|Registrerade misstankar om" /* cut after a word */
                               "|Registrerade misstankar om (2)"
                               "|Mål A-B - öppna" /* / and \\ are - */
                               "|Metod (2)"
                               "|Citat"
                               "|tabell_5"
                               "|ÄRENDEN"
                               "|ärenden (2)"
                               "|ööööööööööööööööööööööööööööööö"
                               "|aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xf0\x9f\x98\x80"
                               "|innehåll (2)"
                               "|Kort namn" /* uf_table.sheet, cleaned */
                               "|Metod");
    uf_report_free(r);
}

static void test_render_xlsx__missing_folder_is_an_io_error(void **state)
{
    const char *dir = *state;
    uf_report *r = build();
    char path[TU_PATH];
    tu_path(path, dir, "finns-inte/utfall.xlsx");
    uf_diag d;
    uf_diag_init(&d);
    assert_int_equal(uf_render_xlsx(r, path, EPOCH, &d), UF_ERR_IO);
    assert_int_equal(d.n, 1); /* the file and why, not errno */
    assert_string_equal(d.items[0].file, "utfall.xlsx");
    assert_non_null(
        strstr(d.items[0].message, "finns-inte/utfall.xlsx: filen eller mappen finns inte"));
    uf_diag_release(&d);
    assert_int_equal(access(path, F_OK), -1);
    uf_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_render_xlsx__writes_a_zip_of_sheets_and_charts,
                                        tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_xlsx__same_model_gives_same_bytes, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_xlsx__document_properties, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_xlsx__table_cells_formats_and_hidden_symbols,
                                        tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_xlsx__chart_reads_shown_cells_only,
                                        tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_xlsx__front_and_method_sheets, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_xlsx__sheet_names_cut_cleaned_unique,
                                        tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_xlsx__missing_folder_is_an_io_error,
                                        tu_setup_dir, tu_teardown_dir),
    };
    return cmocka_run_group_tests_name("render_xlsx", tests, NULL, NULL);
}
