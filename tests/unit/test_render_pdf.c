/*
 * test_render_pdf.c - the PDF writer (uf_render_pdf, render.h).  A report
 * built by hand with the model API is written to a temporary folder and
 * read back with poppler's tools (pdftotext, pdfinfo, pdffonts: Debian's
 * poppler-utils, installed here and in CI; the tests that need them are
 * skipped with a message when they are missing).
 *
 * The report (disclosure states set by hand, as suppress.c would):
 *
 *   section 1 "Utfall för åäö-gruppen", a paragraph with å ä ö – ≥
 *     table utfall: group, n_cases, mean (1 decimal), pct, p
 *       Flickor      3 small    98765.4 few   55.5 few   notest
 *       Pojkar       1234       1234.5        12.5       0.0321
 *       Annat kön    7 second.  missing       0          1
 *       Totalt (tot) 1244       17.26         12.5       1e-10
 *     two notes; a bar chart (mean, pct) and a line chart (mean) of rows
 *     0..2: Flickor's values are hidden and must not be drawn nor scale
 *     the axis (98765.4 would give ticks up to 100 000)
 *   section 2 "Långa tabeller"
 *     table lang: 150 rows, breaks across pages (header repeated)
 *     table bred: 14 count columns with long headers (must fit the page)
 *     table bredast: 26 columns (the last resort: scaled to the page)
 *     table text: a text cell of 300 characters (wrapped)
 *
 * NB below is U+00A0 (no-break space), which pdftotext gives back as a
 * plain space; texts are compared with both turned into spaces.  Every
 * poppler tool run must print nothing on stderr (no warning about the
 * fonts' ToUnicode maps or anything else).
 *
 * The ToUnicode map's parts (render_pdf_tounicode.c) are tested on their
 * own too, through the renderer's private header: the codes libharu's
 * encoder writes, and the CMap text of a set of codes, written out by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/model.h"
#include "uppfolj/render.h"
#include "testutil.h"
#include "../../src/render/render_pdf_internal.h"

#define NB "\xc2\xa0"
#define EPOCH 1751371200LL /* 2025-07-01 12:00:00 UTC */

/* ---- the report ------------------------------------------------------------ */

static void hide(uf_table *t, int row, int col, uf_supp why)
{
    uf_table_cell(t, row, col)->supp = why;
}

static void section_utfall(uf_report *r)
{
    uf_section *s = uf_report_section(r, "Utfall för åäö-gruppen");
    uf_section_par(r, s,
                   "Andelen med minst en misstanke – före och efter; ålder ≥ 12 år. "
                   "Ärenden som inte har avslutats räknas inte. Övriga uppgifter "
                   "finns i metodavsnittet.");
    uf_table *t = uf_section_table(r, s, "utfall", "Utfall per kön", 5);
    uf_table_col(r, t, 0, "group", "Kön", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "n_cases", "Ärenden", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 2, "mean", "Medel före", UF_C_NUMBER, 1, false);
    uf_table_col(r, t, 3, "pct", "Andel efter", UF_C_PERCENT, 1, false);
    uf_table_col(r, t, 4, "p", "p (t-test)", UF_C_PVALUE, 3, false);

    int r0 = uf_table_row(r, t, false);
    uf_cell_text(r, t, r0, 0, "Flickor");
    uf_cell_count(t, r0, 1, 3);
    hide(t, r0, 1, UF_SUPP_SMALL);
    uf_cell_number(t, r0, 2, 98765.4, 3);
    hide(t, r0, 2, UF_SUPP_FEW);
    uf_cell_percent(t, r0, 3, 55.5, 3, 1);
    hide(t, r0, 3, UF_SUPP_FEW);
    uf_cell_none(t, r0, 4, UF_SUPP_NOTEST);

    int r1 = uf_table_row(r, t, false);
    uf_cell_text(r, t, r1, 0, "Pojkar");
    uf_cell_count(t, r1, 1, 1234);
    uf_cell_number(t, r1, 2, 1234.5, 1234);
    uf_cell_percent(t, r1, 3, 12.5, 1234, 1);
    uf_cell_pvalue(t, r1, 4, 0.0321, 1234);

    int r2 = uf_table_row(r, t, false);
    uf_cell_text(r, t, r2, 0, "Annat kön");
    uf_cell_count(t, r2, 1, 7);
    hide(t, r2, 1, UF_SUPP_SECONDARY);
    uf_cell_none(t, r2, 2, UF_SUPP_MISSING);
    uf_cell_percent(t, r2, 3, 0, 7, 1);
    uf_cell_pvalue(t, r2, 4, 1, 7);

    int r3 = uf_table_row(r, t, true);
    uf_cell_text(r, t, r3, 0, "Totalt");
    uf_cell_count(t, r3, 1, 1244);
    uf_cell_number(t, r3, 2, 17.26, 1244);
    uf_cell_percent(t, r3, 3, 12.5, 1244, 1);
    uf_cell_pvalue(t, r3, 4, 1e-10, 1244);

    uf_table_note(r, t, "<5: antalet är 1–4 personer och visas inte (röjandeskydd).");
    uf_table_note(r, t, "..: värdet visas inte eller saknas.");

    const int rows[] = { r0, r1, r2 };
    uf_chart *bar = uf_section_chart(r, s, "utfall_stapel", "Medel och andel per kön", "bar",
                                     "Medel (dagar) och andel (%)", t, 0);
    uf_chart_rows(r, bar, rows, 3);
    uf_chart_series(r, bar, "Medel före", 2);
    uf_chart_series(r, bar, "Andel efter", 3);
    uf_chart *line =
        uf_section_chart(r, s, "utfall_linje", "Medel som linje", "line", "Dagar", t, 0);
    uf_chart_rows(r, line, rows, 3);
    uf_chart_series(r, line, "Medel före", 2);
}

/* A table of ncols count columns with long headers and nrows rows. */
static void wide_table(uf_report *r, uf_section *s, const char *id, int ncols, int nrows)
{
    char title[64];
    snprintf(title, sizeof title, "En mycket bred tabell (%d kolumner)", ncols);
    uf_table *t = uf_section_table(r, s, id, title, ncols);
    uf_table_col(r, t, 0, "grupp", "Grupp", UF_C_TEXT, 0, false);
    for (int c = 1; c < ncols; c++) {
        char cid[16], label[64];
        snprintf(cid, sizeof cid, "k%d", c);
        snprintf(label, sizeof label, "Antal ärenden i kolumn nummer %d", c);
        uf_table_col(r, t, c, cid, label, UF_C_COUNT, 0, false);
    }
    for (int i = 0; i < nrows; i++) {
        int row = uf_table_row(r, t, false);
        uf_cell_text(r, t, row, 0, i % 2 ? "Region Västra Götaland" : "Örebro");
        for (int c = 1; c < ncols; c++)
            uf_cell_count(t, row, c, 100000 + c * 1111 + i);
    }
}

/* Ten insatser with long names and a bar chart of them. */
static void insatser(uf_report *r, uf_section *s)
{
    static const char *const names[] = {
        "Multisystemisk terapi (MST)",
        "Funktionell familjeterapi (FFT)",
        "Kontaktperson",
        "Strukturerad öppenvård för unga",
        "Familjebehandling",
        "Särskilt kvalificerad kontaktperson (SKKP)",
        "Ungdomstjänst",
        "Medling",
        "Sociala insatsgrupper",
        "Övrigt",
    };
    uf_table *t = uf_section_table(r, s, "insatser", "Insatser", 2);
    uf_table_col(r, t, 0, "insats", "Insats", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "antal", "Antal", UF_C_COUNT, 0, false);
    int rows[10];
    for (int i = 0; i < 10; i++) {
        rows[i] = uf_table_row(r, t, false);
        uf_cell_text(r, t, rows[i], 0, names[i]);
        uf_cell_count(t, rows[i], 1, i == 7 ? 2 : 20 + 7 * i);
    }
    hide(t, rows[7], 1, UF_SUPP_SMALL);
    uf_chart *c =
        uf_section_chart(r, s, "insatser_stapel", "Insatser", "bar", "Antal ärenden", t, 0);
    uf_chart_rows(r, c, rows, 10);
    uf_chart_series(r, c, "Antal", 1);
}

static void section_long(uf_report *r)
{
    uf_section *s = uf_report_section(r, "Långa tabeller");
    uf_table *t = uf_section_table(r, s, "lang", "Startade per dag", 3);
    uf_table_col(r, t, 0, "dag", "Dag", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "startade", "Startade", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 2, "andel", "Andel", UF_C_PERCENT, 1, false);
    for (int i = 0; i < 150; i++) {
        char day[32];
        snprintf(day, sizeof day, "Dag %03d", i + 1);
        int row = uf_table_row(r, t, false);
        uf_cell_text(r, t, row, 0, day);
        uf_cell_count(t, row, 1, 10 + i);
        uf_cell_percent(t, row, 2, (double)i / 3, 10 + i, 1);
    }
    uf_chart *trend = uf_section_chart(r, s, "lang_linje", "Startade de första 40 dagarna", "line",
                                       "Antal ärenden", t, 0);
    int first[40];
    for (int i = 0; i < 40; i++)
        first[i] = i;
    uf_chart_rows(r, trend, first, 40);
    uf_chart_series(r, trend, "Startade", 1);
    insatser(r, s);
    wide_table(r, s, "bred", 14, 3);
    wide_table(r, s, "bredast", 26, 2);

    uf_table *x = uf_section_table(r, s, "text", "Fritext i en cell", 2);
    uf_table_col(r, x, 0, "beskrivning", "Beskrivning", UF_C_TEXT, 0, false);
    uf_table_col(r, x, 1, "antal", "Antal", UF_C_COUNT, 0, false);
    int row = uf_table_row(r, x, false);
    char text[400] = "";
    for (int i = 0; i < 20; i++)
        strcat(text, i ? " ordet långtext" : "Början");
    strcat(text, " slutet");
    uf_cell_text(r, x, row, 0, text);
    uf_cell_count(x, row, 1, 42);
}

static uf_report *build(void)
{
    uf_report *r = uf_report_new("utfall", "Utfall före och efter – åäö");
    assert_non_null(r);
    uf_report_set(r, &r->unit, "Örebro kommun");
    uf_report_set(r, &r->period, "2024");
    uf_report_set(r, &r->as_of, "2025-06-30");
    uf_report_set(r, &r->version, "0.1.0");
    uf_report_set(r, &r->created, "2025-07-01");
    uf_report_param(r, "fönster före", "%d månader", 12);
    uf_report_snapshot(r, "importkörning 1 (2025-07-01): cases.csv, cases, sha256 00ff");
    uf_report_method(r, "Värden som bygger på färre än 5 personer visas inte.");
    r->threshold = 5;
    section_utfall(r);
    section_long(r);
    assert_false(uf_report_failed(r));
    return r;
}

/* ---- helpers ---------------------------------------------------------------- */

static bool have(const char *tool)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    return system(cmd) == 0;
}

/* Render the report as dir/name; the path goes to out. */
static void render(const char *dir, const char *name, long long epoch, char out[TU_PATH])
{
    uf_report *r = build();
    tu_path(out, dir, name);
    assert_int_equal(uf_render_pdf(r, out, epoch, NULL), UF_OK);
    uf_report_free(r);
}

/* The standard output of "TOOL ARGS PDF TAIL", NUL-terminated, NB turned
 * into spaces; fails the test when the tool fails or says anything on
 * stderr.  Caller frees. */
static char *run(const char *dir, const char *tool, const char *args, const char *pdf,
                 const char *tail)
{
    char out[TU_PATH], err[TU_PATH], cmd[4 * TU_PATH];
    tu_path(out, dir, "tool.txt");
    tu_path(err, dir, "tool.err");
    snprintf(cmd, sizeof cmd, "%s %s '%s' %s > '%s' 2>'%s'", tool, args, pdf, tail, out, err);
    if (system(cmd) != 0)
        fail_msg("failed: %s", cmd);
    char *e = tu_read(err, NULL);
    assert_non_null(e);
    if (*e)
        fail_msg("%s wrote on stderr: %.200s", tool, e);
    free(e);
    char *s = tu_read(out, NULL);
    assert_non_null(s);
    for (char *p = s; (p = strstr(p, NB)) != NULL;)
        memmove(p, p + 1, strlen(p + 1) + 1), *p = ' ';
    return s;
}

/* pdftotext -raw: the text in drawing order, lines joined by spaces. */
static char *text_of(const char *dir, const char *pdf)
{
    char *s = run(dir, "pdftotext", "-raw", pdf, "-");
    for (char *p = s; (p = strchr(p, '\n')) != NULL;)
        *p = ' ';
    return s;
}

static void assert_has(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("the PDF's text lacks \"%s\"", want);
}

static void assert_lacks(const char *text, const char *bad)
{
    if (strstr(text, bad))
        fail_msg("the PDF's text has \"%s\"", bad);
}

static int count(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_render_pdf__writes_a_pdf(void **state)
{
    char path[TU_PATH];
    render(*state, "r.pdf", EPOCH, path);
    size_t len;
    char *s = tu_read(path, &len);
    assert_non_null(s);
    assert_true(len > 1000);
    assert_memory_equal(s, "%PDF-", 5);
    assert_true(tu_contains(s, len, "%%EOF", 5));
    /* the creation date is the epoch given, in UTC */
    assert_true(tu_contains(s, len, "D:20250701120000Z", 17));
    /* no file identifier (libharu writes one, from the clock, only when
     * encrypting or in PDF/A mode) */
    assert_false(tu_contains(s, len, "/ID", 3));
    /* bookmarks of the sections, shown when the file is opened */
    assert_true(tu_contains(s, len, "/Outlines", 9));
    assert_true(tu_contains(s, len, "/PageMode /UseOutlines", 22));
    free(s);
}

static void test_render_pdf__reproducible(void **state)
{
    char a[TU_PATH], b[TU_PATH], c[TU_PATH];
    render(*state, "a.pdf", EPOCH, a);
    render(*state, "b.pdf", EPOCH, b);
    render(*state, "c.pdf", EPOCH + 86400, c);
    size_t la = 0, lb = 0, lc = 0;
    char *sa = tu_read(a, &la), *sb = tu_read(b, &lb), *sc = tu_read(c, &lc);
    assert_non_null(sa);
    assert_non_null(sb);
    assert_non_null(sc);
    assert_int_equal(la, lb);
    assert_memory_equal(sa, sb, la);
    /* the epoch is what dates it */
    assert_true(la != lc || memcmp(sa, sc, la) != 0);
    free(sa);
    free(sb);
    free(sc);
}

static void test_render_pdf__unwritable_is_io(void **state)
{
    char path[TU_PATH];
    tu_path(path, *state, "no-such-folder/r.pdf");
    uf_report *r = build();
    uf_diag d;
    uf_diag_init(&d);
    assert_int_equal(uf_render_pdf(r, path, EPOCH, &d), UF_ERR_IO);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].file, "r.pdf");
    assert_non_null(
        strstr(d.items[0].message, "no-such-folder/r.pdf: filen eller mappen finns inte"));
    uf_diag_release(&d);
    uf_report_free(r);
    FILE *f = fopen(path, "rb");
    assert_null(f);
}

static void test_render_pdf__text(void **state)
{
    if (!have("pdftotext")) {
        print_message("pdftotext saknas (poppler-utils): hoppar över\n");
        skip();
    }
    char path[TU_PATH];
    render(*state, "r.pdf", EPOCH, path);
    char *t = text_of(*state, path);
    assert_has(t, "Utfall före och efter – åäö");
    assert_has(t, "1 Utfall för åäö-gruppen");
    assert_has(t, "2 Långa tabeller");
    assert_has(t, "Tabell 1. Utfall per kön");
    assert_has(t, "Figur 1. Medel och andel per kön");
    assert_has(t, "Figur 2. Medel som linje");
    assert_has(t, "ålder ≥ 12 år");
    assert_has(t, "Värden som bygger på färre än 5 personer visas inte");
    assert_has(t, "sida 1 av ");
    /* the row of Pojkar and the total, as drawn, Swedish numbers */
    assert_has(t, "Pojkar 1 234 1 234,5 12,5 % 0,032");
    assert_has(t, "Totalt 1 244 17,3 12,5 % < 0,001");
    /* hidden cells show their symbols, in order */
    assert_has(t, "Flickor <5 .. .. –");         /* hidden, hidden, no test */
    assert_has(t, "Annat kön .. . 0,0 % 1,000"); /* hidden, no value */
    /* hidden values are not drawn: not as text, not as the axis' scale */
    assert_lacks(t, "98 765");
    assert_lacks(t, "55,5");
    assert_lacks(t, "100 000");
    assert_has(t, "<5: antalet är 1–4 personer");
    /* the long table breaks with its header repeated */
    assert_has(t, "Tabell 2. Startade per dag (forts.)");
    assert_true(count(t, "Dag Startade Andel") >= 2);
    assert_has(t, "Dag 150 159 49,7 %");
    /* the long text cell is all there, wrapped */
    assert_has(t, "Början ordet långtext");
    assert_has(t, "långtext slutet");
    free(t);
}

/* Every word pdftotext finds lies inside the page's margins. */
static void test_render_pdf__fits_the_page(void **state)
{
    if (!have("pdftotext")) {
        print_message("pdftotext saknas (poppler-utils): hoppar över\n");
        skip();
    }
    char path[TU_PATH];
    render(*state, "r.pdf", EPOCH, path);
    char *html = run(*state, "pdftotext", "-bbox", path, "-");
    int words = 0;
    for (const char *p = html; (p = strstr(p, "<word xMin=\"")) != NULL; p++) {
        double x0, y0, x1, y1;
        if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1,
                   &y1) != 4)
            fail_msg("cannot read %.60s", p);
        /* A4 is 595.3 x 841.9 points, y from the top; margins 56.7; the
         * footer sits in the bottom margin, 20-30 points above the edge */
        bool footer = y0 > 795 && y1 < 822;
        if (x0 < 56 || x1 > 539.5 || y0 < 56 || (y1 > 786 && !footer))
            fail_msg("a word outside the margins: %.120s", p);
        words++;
    }
    assert_true(words > 500);
    free(html);
}

static void test_render_pdf__fonts_and_metadata(void **state)
{
    if (!have("pdffonts") || !have("pdfinfo")) {
        print_message("pdffonts/pdfinfo saknas (poppler-utils): hoppar över\n");
        skip();
    }
    char path[TU_PATH];
    render(*state, "r.pdf", EPOCH, path);
    char *fonts = run(*state, "pdffonts", "", path, "");
    /* name, type, encoding, then emb sub uni all "yes" */
    assert_has(fonts, "+DejaVuSans,Book");
    assert_has(fonts, "+DejaVuSans-Bold,Bold");
    assert_int_equal(count(fonts, "Identity-H       yes yes yes"), 2);
    free(fonts);
    char *info = run(*state, "pdfinfo", "", path, "");
    assert_has(info, "Title:           Utfall före och efter – åäö");
    assert_has(info, "Author:          Örebro kommun");
    assert_has(info, "Creator:         uppfolj ");
    assert_has(info, "Tue Jul  1 12:00:00 2025 UTC");
    assert_has(info, "Page size:       595.276 x 841.89 pts (A4)");
    free(info);
}

/* poppler renders every page and reads every font without a warning (it
 * used to say "Invalid 'begincidrange' operator in ToUnicode CMap"). */
static void test_render_pdf__poppler_does_not_warn(void **state)
{
    if (!have("pdftoppm")) {
        print_message("pdftoppm saknas (poppler-utils): hoppar över\n");
        skip();
    }
    char path[TU_PATH], prefix[TU_PATH];
    render(*state, "r.pdf", EPOCH, path);
    tu_path(prefix, *state, "page");
    free(run(*state, "pdftoppm", "-r 10 -png", path, prefix));
    free(run(*state, "pdftotext", "", path, "-"));
    free(run(*state, "pdffonts", "", path, ""));
}

/* The set of codes in ufpdf_codes. */
static void add_code(ufpdf_codes *c, unsigned code)
{
    c->bits[code / 64] |= (uint64_t)1 << (code % 64);
}

static int ncodes(const ufpdf_codes *c)
{
    int n = 0;
    for (unsigned k = 0; k <= 0xFFFF; k++)
        n += (int)((c->bits[k / 64] >> (k % 64)) & 1u);
    return n;
}

static bool has_code(const ufpdf_codes *c, unsigned code)
{
    return (c->bits[code / 64] >> (code % 64)) & 1u;
}

/* The codes are what libharu's UTF-8 encoder writes: a character's code
 * point below U+10000, else a space; a stray byte nothing. */
static void test_render_pdf__codes_of_text(void **state)
{
    (void)state;
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    assert_non_null(doc);
    assert_int_equal(HPDF_UseUTFEncodings(doc), HPDF_OK);
    HPDF_Encoder enc = HPDF_GetEncoder(doc, "UTF-8");
    assert_non_null(enc);
    ufpdf_codes c = { { 0 } };
    /* "Aå–≥" NB "−" then U+1F600 (four bytes) and a stray continuation byte */
    const char *s = "A\xc3\xa5\xe2\x80\x93\xe2\x89\xa5" NB "\xe2\x88\x92"
                    "\xf0\x9f\x98\x80\x80";
    assert_true(ufpdf_codes_add(&c, enc, s, strlen(s)));
    assert_true(ufpdf_codes_add(&c, enc, "", 0));
    static const unsigned want[] = { 0x20, 0x41, 0xA0, 0xE5, 0x2013, 0x2212, 0x2265 };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!has_code(&c, want[i]))
            fail_msg("code %04X missing", want[i]);
    assert_int_equal(ncodes(&c), 7);
    HPDF_Free(doc);
}

/* The ToUnicode CMap of a set of codes, written out by hand: runs of two
 * or more codes that share their first byte as bfrange, the rest as
 * bfchar, a surrogate code to U+FFFD. */
static void test_render_pdf__tounicode_cmap(void **state)
{
    (void)state;
    ufpdf_codes c = { { 0 } };
    static const unsigned codes[] = { 0x20, 0x41,  0x42,  0x43,   0xA0,   0xE4,   0xE5,   0xFE,
                                      0xFF, 0x100, 0x101, 0x2013, 0x2265, 0xD800, 0xD801, 0xFFFF };
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        add_code(&c, codes[i]);
    size_t len = 0;
    char *text = ufpdf_tounicode_cmap(&c, &len);
    assert_non_null(text);
    assert_string_equal(text, "/CIDInit /ProcSet findresource begin\n"
                              "12 dict begin\n"
                              "begincmap\n"
                              "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                              "/Supplement 0 >> def\n"
                              "/CMapName /Adobe-Identity-UCS def\n"
                              "/CMapType 2 def\n"
                              "1 begincodespacerange\n"
                              "<0000> <FFFF>\n"
                              "endcodespacerange\n"
                              "4 beginbfrange\n"
                              "<0041> <0043> <0041>\n"
                              "<00E4> <00E5> <00E4>\n"
                              "<00FE> <00FF> <00FE>\n"
                              "<0100> <0101> <0100>\n"
                              "endbfrange\n"
                              "7 beginbfchar\n"
                              "<0020> <0020>\n"
                              "<00A0> <00A0>\n"
                              "<2013> <2013>\n"
                              "<2265> <2265>\n"
                              "<D800> <FFFD>\n"
                              "<D801> <FFFD>\n"
                              "<FFFF> <FFFF>\n"
                              "endbfchar\n"
                              "endcmap\n"
                              "CMapName currentdict /CMap defineresource pop\n"
                              "end\n"
                              "end\n");
    assert_int_equal(len, strlen(text));
    free(text);
}

/* No more than 100 entries between begin and end; an empty set maps
 * nothing. */
static void test_render_pdf__tounicode_blocks(void **state)
{
    (void)state;
    ufpdf_codes c = { { 0 } };
    char *text = ufpdf_tounicode_cmap(&c, &(size_t){ 0 });
    assert_non_null(text);
    assert_null(strstr(text, "bfchar"));
    assert_null(strstr(text, "bfrange"));
    free(text);
    /* 250 codes apart (bfchar) and 130 pairs (bfrange) */
    for (unsigned k = 0; k < 250; k++)
        add_code(&c, 0x1000 + 2 * k);
    for (unsigned k = 0; k < 130; k++) {
        add_code(&c, 0x4000 + 4 * k);
        add_code(&c, 0x4000 + 4 * k + 1);
    }
    text = ufpdf_tounicode_cmap(&c, &(size_t){ 0 });
    assert_non_null(text);
    const char *a = strstr(text, "100 beginbfrange\n");
    assert_non_null(a);
    const char *b = strstr(a, "endbfrange\n30 beginbfrange\n");
    assert_non_null(b);
    const char *d = strstr(b, "endbfrange\n100 beginbfchar\n");
    assert_non_null(d);
    d = strstr(d + 1, "endbfchar\n100 beginbfchar\n");
    assert_non_null(d);
    d = strstr(d + 1, "endbfchar\n50 beginbfchar\n");
    assert_non_null(d);
    assert_non_null(strstr(d, "<11F2> <11F2>\nendbfchar\nendcmap\n"));
    assert_int_equal(count(text, " beginbf"), 5); /* 2 + 3 blocks */
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_render_pdf__writes_a_pdf, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_pdf__reproducible, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_pdf__unwritable_is_io, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_pdf__text, tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_pdf__fits_the_page, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_pdf__fonts_and_metadata, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_render_pdf__poppler_does_not_warn, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test(test_render_pdf__codes_of_text),
        cmocka_unit_test(test_render_pdf__tounicode_cmap),
        cmocka_unit_test(test_render_pdf__tounicode_blocks),
    };
    return cmocka_run_group_tests_name("render_pdf", tests, NULL, NULL);
}
