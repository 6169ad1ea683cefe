/*
 * render_xlsx.c - the report model as an Excel workbook (libxlsxwriter
 * 1.1.4), SPEC §9 and §10.  A renderer: it reads the report model only
 * (model.h; format.h and suppress.h for the symbols and text widths) and
 * knows nothing of the database or the core.  Reports have tens of tables
 * of tens of rows, so the whole workbook is built in memory.
 *
 * The sheets, in this order:
 *   "Rapport"  title, unit, period, as-of, data date, version, the
 *              disclosure rule, the parameters, the data snapshot, and the
 *              contents (sections, their paragraphs, links to the sheets);
 *   one per table, named by its title (or id): the title in row 1, the
 *              column labels (bold) in row 2, panes frozen below row 2, the
 *              rows from row 3 (a total row bold), an autofilter over the
 *              header and the group rows (total rows at the end stay out of
 *              it, so that sorting or filtering keeps them last), then the
 *              description and the notes; for each chart of the table a data
 *              block below the notes and the native chart beside the table;
 *   "Metod"    the method paragraphs, wrapped in a wide column.
 *
 * Numbers stay numbers.  Their Excel formats are stored locale-neutral
 * ("," groups, "." decimals) and a Swedish Excel shows them with a space
 * between thousands and a decimal comma:
 *   count    #,##0                           1 234
 *   number   #,##0.00 (the column's decimals) -3,34
 *   percent  0.0" %" on the model's 0..100     12,5 %
 *   p-value  [<0.001]"< 0,001";0.000           0,032 or < 0,001
 * The percent cell holds the same value as JSON and CSV (12.5, not 0.125):
 * Excel's own 0.0% would need v/100 and shows "12,5%" without the space of
 * SPEC §10.  The spaces inside the quoted literals are U+00A0, as format.h.
 * A hidden cell holds its symbol as text ("<5", ".."), never the value.
 *
 * Charts read cells, and Excel draws a text cell as 0, so a chart does not
 * read its table: it reads its data block, where a hidden value is an empty
 * cell, which the chart shows as a gap.
 *
 * Reproducible: libxlsxwriter 1.1.4 dates every zip entry 1980-01-01 and
 * writes both dcterms:created and dcterms:modified from
 * lxw_doc_properties.created; it reads the wall clock only when that is 0,
 * so an epoch of 0 is written as 1 (1970-01-01T00:00:01Z).  It writes
 * numbers with printf("%.16G"): the program must keep the C numeric locale.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "uppfolj/format.h"
#include "uppfolj/outfile.h"
#include "uppfolj/render.h"
#include "uppfolj/suppress.h"

#define NBSP "\xc2\xa0"
#define SHEET_UNITS 31 /* Excel's limit for a sheet name, UTF-16 units */
#define SHEET_BUF 160  /* 31 characters of up to 4 bytes, a suffix, NUL */
#define MAX_DEC 9
#define TEXT_MAX 32767 /* libxlsxwriter's limit for a string, bytes */
/* rows of a table sheet, below the mark of an internal report (x->top) */
#define ROW_TITLE ((lxw_row_t)x->top)
#define ROW_HEAD ((lxw_row_t)x->top + 1)
#define ROW_DATA ((lxw_row_t)x->top + 2)
#define CHART_ROWS 16 /* rows one chart takes (288 px of 20 px rows) */
#define WIDTH_MIN 8.0
#define WIDTH_MAX 60.0
#define HEAD_MAX 30.0 /* a longer label wraps */

/* The formats, made once each (bold = a total row: bold, rule above). */
enum fkind {
    F_TEXT,
    F_COUNT,
    F_NUMBER,
    F_PERCENT,
    F_PVALUE,
    F_HIDDEN,
    F_HEAD,
    F_HEAD_NUM,
    F_TITLE,
    F_HEADING,
    F_KEY,
    F_WRAP,
    F_NOTE,
    F_BANNER,
    F_NKINDS
};

typedef struct xw {
    lxw_workbook *wb;
    const uf_report *r;
    lxw_format *fmt[F_NKINDS][MAX_DEC + 1][2];
    char (*names)[SHEET_BUF]; /* sheet name per table, report order */
    int ntables;
    int top;       /* 1: an internal report, its mark on row 0 of every sheet */
    lxw_error err; /* the first failure, or LXW_NO_ERROR */
} xw;

/* Remember e when it is the first failure. */
static void chk(xw *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

/* ---- formats ------------------------------------------------------------ */

/* The Excel number format of kind k with dec decimals into buf ("" for
 * text kinds). */
static void num_format(enum fkind k, int dec, char *buf, size_t size)
{
    char frac[MAX_DEC + 2] = "";
    if (dec > 0) {
        frac[0] = '.';
        memset(frac + 1, '0', (size_t)dec);
        frac[dec + 1] = '\0';
    }
    switch (k) {
    case F_COUNT: snprintf(buf, size, "#,##0"); break;
    case F_NUMBER: snprintf(buf, size, "#,##0%s", frac); break;
    case F_PERCENT: snprintf(buf, size, "0%s\"" NBSP "%%\"", frac); break;
    case F_PVALUE: snprintf(buf, size, "[<0.001]\"<" NBSP "0,001\";0.000"); break;
    default: buf[0] = '\0'; break;
    }
}

/* Set the looks of kind k (dec decimals; bold for a total row) on f. */
static void style(lxw_format *f, enum fkind k, int dec, bool bold)
{
    char nf[64];
    num_format(k, dec, nf, sizeof nf);
    if (nf[0])
        format_set_num_format(f, nf);
    if (bold) {
        format_set_bold(f);
        format_set_top(f, LXW_BORDER_THIN);
    }
    switch (k) {
    case F_HIDDEN: format_set_align(f, LXW_ALIGN_RIGHT); break;
    case F_HEAD_NUM:
        format_set_align(f, LXW_ALIGN_RIGHT);
        /* fall through */
    case F_HEAD:
        format_set_bold(f);
        format_set_bottom(f, LXW_BORDER_THIN);
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        break;
    case F_TITLE:
    case F_HEADING:
        format_set_bold(f);
        format_set_font_size(f, k == F_TITLE ? 14 : 12);
        break;
    case F_KEY:
        format_set_bold(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        break;
    case F_WRAP:
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        break;
    case F_NOTE: format_set_italic(f); break;
    case F_BANNER:
        format_set_bold(f);
        format_set_font_color(f, 0xB3261E);
        break;
    default: break;
    }
}

/* The format of kind k (dec decimals; bold for a total row), made on first
 * use.  NULL, and the failure remembered, when memory ran out. */
static lxw_format *fmt(xw *x, enum fkind k, int dec, bool bold)
{
    dec = dec < 0 ? 0 : dec > MAX_DEC ? MAX_DEC : dec;
    lxw_format **slot = &x->fmt[k][dec][bold];
    if (!*slot) {
        *slot = workbook_add_format(x->wb);
        if (*slot)
            style(*slot, k, dec, bold);
        else
            chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    return *slot;
}

/* The number format kind of a cell type. */
static enum fkind kind_of(uf_ctype t)
{
    switch (t) {
    case UF_C_COUNT: return F_COUNT;
    case UF_C_NUMBER: return F_NUMBER;
    case UF_C_PERCENT: return F_PERCENT;
    case UF_C_PVALUE: return F_PVALUE;
    case UF_C_EMPTY:
    case UF_C_TEXT:
    case UF_C_DATE: break;
    }
    return F_TEXT;
}

/* ---- text ----------------------------------------------------------------- */

/* The width of s in characters (UTF-8 code points). */
static double text_width(const char *s)
{
    double n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Write s (NULL: nothing) at (row, col), cut at TEXT_MAX bytes on a
 * character boundary. */
static void text(xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                 lxw_format *f)
{
    if (!s)
        return;
    size_t len = strlen(s);
    if (len <= TEXT_MAX) {
        chk(x, worksheet_write_string(ws, row, col, s, f));
        return;
    }
    len = TEXT_MAX;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    char *cut = malloc(len + 1);
    if (!cut) {
        chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    memcpy(cut, s, len);
    cut[len] = '\0';
    chk(x, worksheet_write_string(ws, row, col, cut, f));
    free(cut);
}

/* A name for a chart, series or axis: libxlsxwriter takes one beginning
 * with '=' for a formula, so such a name gets a space in front. */
static const char *plain(const char *s, char *buf, size_t size)
{
    if (!s || s[0] != '=')
        return s;
    snprintf(buf, size, " %s", s);
    return buf;
}

/* ---- sheet names -------------------------------------------------------- */

/* Byte i of a name folded for Excel's case-insensitive comparison: ASCII
 * and the Latin-1 letters (Å Ä Ö É ...) lower-cased. */
static unsigned char fold(const unsigned char *s, size_t i)
{
    unsigned char c = s[i];
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c + 32);
    if (i > 0 && s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
        return (unsigned char)(c + 32);
    return c;
}

static bool same_name(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    size_t i = 0;
    for (; p[i] && q[i]; i++)
        if (fold(p, i) != fold(q, i))
            return false;
    return p[i] == q[i];
}

/* s cleaned for a sheet name into out (size bytes): control
 * characters and []:*?/\ removed, spaces and apostrophes trimmed at both
 * ends, cut on a character boundary at max UTF-16 units. */
static void clean_name(const char *s, char *out, size_t size, int max)
{
    size_t o = 0;
    int units = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        if (strnlen((const char *)p, len) < len)
            break; /* a character cut short */
        if (*p < 0x20 || *p == 0x7F || strchr("[]:*?/\\", *p) ||
            (o == 0 && (*p == ' ' || *p == '\''))) {
            p++;
            continue;
        }
        int u = len == 4 ? 2 : 1;
        if (units + u > max || o + len >= size)
            break;
        memcpy(out + o, p, len);
        o += len;
        units += u;
        p += len;
    }
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\''))
        o--;
    out[o] = '\0';
}

/* Is name taken by a sheet before table i, or reserved? */
static bool taken(const xw *x, int i, const char *name)
{
    if (same_name(name, "Rapport") || same_name(name, "Metod") || same_name(name, "History"))
        return true;
    for (int j = 0; j < i; j++)
        if (same_name(name, x->names[j]))
            return true;
    return false;
}

/* x->names[i] for table t: its title cleaned (or its id, or "Tabell i"),
 * made unique with " (2)", " (3)" ... */
static void name_sheet(xw *x, int i, const uf_table *t)
{
    char base[SHEET_BUF], *out = x->names[i];
    clean_name(t->title, base, sizeof base, SHEET_UNITS);
    if (!base[0])
        clean_name(t->id, base, sizeof base, SHEET_UNITS);
    if (!base[0])
        snprintf(base, sizeof base, "Tabell %d", i + 1);
    snprintf(out, SHEET_BUF, "%s", base);
    for (int k = 2; taken(x, i, out); k++) {
        char suffix[16], cut[SHEET_BUF - 16];
        int n = snprintf(suffix, sizeof suffix, " (%d)", k);
        clean_name(base, cut, sizeof cut, SHEET_UNITS - n);
        snprintf(out, SHEET_BUF, "%s%s", cut, suffix);
    }
}

/* A new sheet; NULL (the failure remembered) when it cannot be made.  An
 * internal report's sheet says so on row 0 and in its printed header. */
static lxw_worksheet *add_sheet(xw *x, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        lxw_error e = workbook_validate_sheet_name(x->wb, name);
        chk(x, e != LXW_NO_ERROR ? e : LXW_ERROR_MEMORY_MALLOC_FAILED);
    } else if (x->r->internal) {
        text(x, ws, 0, 0, UF_INTERNAL_BANNER, fmt(x, F_BANNER, 0, false));
        chk(x, worksheet_set_header(ws, "&C&\"-,Bold\"" UF_INTERNAL_BANNER));
    }
    return ws;
}

/* ---- table sheets ----------------------------------------------------------- */

/* The widest series of the charts of t, plus one (the label column). */
static int chart_cols(const uf_report *r, const uf_table *t)
{
    int n = 0;
    for (int s = 0; s < r->nsections; s++)
        for (int i = 0; i < r->sections[s]->ncharts; i++)
            if (r->sections[s]->charts[i]->table == t && r->sections[s]->charts[i]->nseries >= n)
                n = r->sections[s]->charts[i]->nseries + 1;
    return n;
}

/* Write cell c of column k at (row, col): a number with its format, text,
 * or the symbol of a hidden cell as text. */
static void write_cell(xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const uf_cell *c,
                       const uf_column *k, bool total)
{
    if (c->supp != UF_SHOWN) {
        char sym[UF_SUPP_SYMBOL_SIZE];
        text(x, ws, row, col, uf_supp_symbol(c->supp, x->r->threshold, sym),
             fmt(x, F_HIDDEN, 0, total));
        return;
    }
    switch (c->type) {
    case UF_C_TEXT:
    case UF_C_DATE:
        if (!c->text)
            break;
        text(x, ws, row, col, c->text, fmt(x, F_TEXT, 0, total));
        return;
    case UF_C_COUNT:
    case UF_C_NUMBER:
    case UF_C_PERCENT:
    case UF_C_PVALUE:
        if (isfinite(c->v))
            chk(x, worksheet_write_number(ws, row, col, c->v,
                                          fmt(x, kind_of(c->type), k->decimals, total)));
        else
            text(x, ws, row, col, "..", fmt(x, F_HIDDEN, 0, total));
        return;
    case UF_C_EMPTY: break;
    }
    if (total)
        chk(x, worksheet_write_blank(ws, row, col, fmt(x, F_TEXT, 0, true)));
}

/* w[col] = at least width. */
static void widen(double *w, int col, double width)
{
    if (width > w[col])
        w[col] = width;
}

/* The last row of the autofilter: the rows up to the total rows that end
 * the table (all rows when there are only totals). */
static int filter_rows(const uf_table *t)
{
    int n = t->nrows;
    while (n > 0 && t->rows[n - 1].total)
        n--;
    return n > 0 ? n : t->nrows;
}

/* Header, rows, frozen panes and autofilter of table t; widths into w. */
static void write_grid(xw *x, lxw_worksheet *ws, const uf_table *t, double *w)
{
    char buf[UF_FMT_BUF];
    text(x, ws, ROW_TITLE, 0, t->title ? t->title : t->id, fmt(x, F_HEADING, 0, false));
    for (int c = 0; c < t->ncols; c++) {
        const uf_column *k = &t->cols[c];
        bool num = k->type != UF_C_TEXT && k->type != UF_C_DATE && k->type != UF_C_EMPTY;
        text(x, ws, ROW_HEAD, (lxw_col_t)c, k->label ? k->label : k->id,
             fmt(x, num ? F_HEAD_NUM : F_HEAD, 0, false));
        double hw = text_width(k->label ? k->label : k->id) * 1.1;
        widen(w, c, hw < HEAD_MAX ? hw : HEAD_MAX);
    }
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const uf_cell *cell = &t->rows[r].cells[c];
            write_cell(x, ws, ROW_DATA + (lxw_row_t)r, (lxw_col_t)c, cell, &t->cols[c],
                       t->rows[r].total);
            widen(w, c, text_width(uf_fmt_cell(cell, &t->cols[c], x->r->threshold, buf)));
        }
    worksheet_freeze_panes(ws, ROW_DATA, 0);
    if (t->ncols > 0)
        chk(x, worksheet_autofilter(ws, ROW_HEAD, 0, ROW_HEAD + (lxw_row_t)filter_rows(t),
                                    (lxw_col_t)(t->ncols - 1)));
}

/* The chart's data: a heading, the labels, one row per category with the
 * shown values (a hidden one left empty) from row; widths into w.  Returns
 * the first category row. */
static lxw_row_t chart_data(xw *x, lxw_worksheet *ws, lxw_row_t row, const uf_chart *ch, double *w)
{
    const uf_table *t = ch->table;
    char buf[512];
    snprintf(buf, sizeof buf, "Underlag för diagrammet %s (dolda värden lämnas tomma)",
             ch->title ? ch->title : ch->id);
    text(x, ws, row++, 0, buf, fmt(x, F_NOTE, 0, false));
    const uf_column *lc = &t->cols[ch->label_col];
    text(x, ws, row, 0, lc->label, fmt(x, F_HEAD, 0, false));
    for (int s = 0; s < ch->nseries; s++) {
        text(x, ws, row, (lxw_col_t)(1 + s), ch->series[s].label, fmt(x, F_HEAD_NUM, 0, false));
        widen(w, 1 + s, text_width(ch->series[s].label) * 1.1);
    }
    lxw_row_t first = ++row;
    for (int i = 0; i < ch->nrows; i++, row++) {
        const uf_cell *lab = uf_table_cell(t, ch->rows[i], ch->label_col);
        text(x, ws, row, 0, uf_fmt_cell(lab, lc, x->r->threshold, buf), fmt(x, F_TEXT, 0, false));
        for (int s = 0; s < ch->nseries; s++) {
            const uf_column *k = &t->cols[ch->series[s].col];
            const uf_cell *c = uf_table_cell(t, ch->rows[i], ch->series[s].col);
            if (c->supp != UF_SHOWN || kind_of(c->type) == F_TEXT || !isfinite(c->v))
                continue;
            chk(x, worksheet_write_number(ws, row, (lxw_col_t)(1 + s), c->v,
                                          fmt(x, kind_of(c->type), k->decimals, false)));
        }
    }
    return first;
}

/* The native chart of ch on sheet, reading its data block at rows
 * first.., inserted right of the sheet's ncols columns as its k-th chart. */
static void chart(xw *x, lxw_worksheet *ws, const char *sheet, const uf_chart *ch, lxw_row_t first,
                  int k, int ncols)
{
    bool line = ch->kind && (strcmp(ch->kind, "line") == 0 || strcmp(ch->kind, "step") == 0);
    bool stacked = ch->kind && strcmp(ch->kind, "stacked") == 0;
    lxw_chart *c = workbook_add_chart(x->wb, line      ? LXW_CHART_LINE
                                             : stacked ? LXW_CHART_COLUMN_STACKED
                                                       : LXW_CHART_COLUMN);
    if (!c) {
        chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    char buf[512];
    lxw_row_t last = first + (lxw_row_t)ch->nrows - 1;
    for (int s = 0; s < ch->nseries; s++) {
        lxw_chart_series *se = chart_add_series(c, NULL, NULL);
        if (!se) {
            chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        chart_series_set_categories(se, sheet, first, 0, last, 0);
        chart_series_set_values(se, sheet, first, (lxw_col_t)(1 + s), last, (lxw_col_t)(1 + s));
        if (ch->series[s].label)
            chart_series_set_name(se, plain(ch->series[s].label, buf, sizeof buf));
        if (line)
            chart_series_set_marker_type(se, LXW_CHART_MARKER_AUTOMATIC);
    }
    if (ch->title)
        chart_title_set_name(c, plain(ch->title, buf, sizeof buf));
    if (ch->y_label)
        chart_axis_set_name(c->y_axis, plain(ch->y_label, buf, sizeof buf));
    if (ch->table->cols[ch->series[0].col].type == UF_C_PERCENT)
        chart_axis_set_num_format(c->y_axis, "0\"" NBSP "%\"");
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
    lxw_chart_options o = { .x_scale = 1, .y_scale = 1, .description = ch->title };
    chk(x, worksheet_insert_chart_opt(ws, ROW_HEAD + (lxw_row_t)(k * CHART_ROWS),
                                      (lxw_col_t)(ncols + 1), c, &o));
}

/* Below the rows: the description and the notes; then the data and chart
 * of every chart drawn from t.  Widths of the ncols columns into w. */
static void write_below(xw *x, lxw_worksheet *ws, const char *sheet, const uf_table *t, double *w,
                        int ncols)
{
    lxw_row_t row = ROW_DATA + (lxw_row_t)t->nrows + 1;
    text(x, ws, row, 0, t->description, fmt(x, F_NOTE, 0, false));
    row += t->description != NULL;
    for (int i = 0; i < t->nnotes; i++)
        text(x, ws, row++, 0, t->notes[i], fmt(x, F_NOTE, 0, false));
    int k = 0;
    for (int s = 0; s < x->r->nsections; s++)
        for (int i = 0; i < x->r->sections[s]->ncharts; i++) {
            const uf_chart *ch = x->r->sections[s]->charts[i];
            if (ch->table != t || ch->nrows == 0 || ch->nseries == 0)
                continue;
            lxw_row_t first = chart_data(x, ws, row + 1, ch, w);
            chart(x, ws, sheet, ch, first, k++, ncols);
            row = first + (lxw_row_t)ch->nrows;
        }
}

static void table_sheet(xw *x, const uf_table *t, const char *sheet)
{
    lxw_worksheet *ws = add_sheet(x, sheet);
    int ncols = chart_cols(x->r, t);
    if (ncols < t->ncols)
        ncols = t->ncols;
    double *w = calloc((size_t)ncols + 1, sizeof *w);
    if (!ws || !w) {
        chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        free(w);
        return;
    }
    write_grid(x, ws, t, w);
    write_below(x, ws, sheet, t, w, ncols);
    for (int c = 0; c < ncols; c++) {
        double width = w[c] + 2 > WIDTH_MAX ? WIDTH_MAX : w[c] + 2;
        chk(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                    width < WIDTH_MIN ? WIDTH_MIN : width, NULL));
    }
    free(w);
}

/* ---- front and method sheets ---------------------------------------------- */

/* A key in bold and its value (wrapped) on row; the next row. */
static lxw_row_t kv(xw *x, lxw_worksheet *ws, lxw_row_t row, const char *key, const char *value)
{
    text(x, ws, row, 0, key, fmt(x, F_KEY, 0, false));
    text(x, ws, row, 1, value, fmt(x, F_WRAP, 0, false));
    return row + 1;
}

/* A link on (row, 1) to the top of sheet, showing label. */
static void sheet_link(xw *x, lxw_worksheet *ws, lxw_row_t row, const char *sheet,
                       const char *label)
{
    char url[2 * SHEET_BUF + 32];
    size_t o = (size_t)snprintf(url, sizeof url, "internal:'");
    for (const char *p = sheet; *p && o + 8 < sizeof url; p++) {
        if (*p == '\'')
            url[o++] = '\'';
        url[o++] = *p;
    }
    snprintf(url + o, sizeof url - o, "'!A1");
    chk(x, worksheet_write_url_opt(ws, row, 1, url, NULL, label, NULL));
}

/* The contents from row: per section its title, paragraphs and table
 * links; a link to the method sheet. */
static void contents(xw *x, lxw_worksheet *ws, lxw_row_t row)
{
    text(x, ws, row++, 0, "Innehåll", fmt(x, F_HEADING, 0, false));
    int i = 0;
    for (int s = 0; s < x->r->nsections; s++) {
        const uf_section *sec = x->r->sections[s];
        text(x, ws, row, 0, sec->title, fmt(x, F_KEY, 0, false));
        for (int p = 0; p < sec->npar; p++)
            text(x, ws, row++, 1, sec->paragraphs[p], fmt(x, F_WRAP, 0, false));
        for (int t = 0; t < sec->ntables; t++, i++) {
            const uf_table *tab = sec->tables[t];
            sheet_link(x, ws, row++, x->names[i], tab->title ? tab->title : tab->id);
        }
        if (sec->npar == 0 && sec->ntables == 0)
            row++;
    }
    text(x, ws, row, 0, "Metod", fmt(x, F_KEY, 0, false));
    sheet_link(x, ws, row, "Metod", "Definitioner och metod");
}

static void front_sheet(xw *x)
{
    const uf_report *r = x->r;
    lxw_worksheet *ws = add_sheet(x, "Rapport");
    if (!ws)
        return;
    chk(x, worksheet_set_column(ws, 0, 0, 24, NULL));
    chk(x, worksheet_set_column(ws, 1, 1, 100, NULL));
    text(x, ws, ROW_TITLE, 0, r->title, fmt(x, F_TITLE, 0, false));
    int th = r->threshold < UF_SUPP_MIN_THRESHOLD ? UF_SUPP_MIN_THRESHOLD : r->threshold;
    char rule[512], version[128];
    if (r->internal)
        snprintf(
            rule, sizeof rule,
            "intern. %s. Rapporten visar exakta antal och statistik utan röjandeskydd och "
            "är bara till för enhetens egen personal; ett test (och dess konfidensintervall) görs "
            "bara när varje grupp "
            "har minst %d personer. Lämna inte ut den: gör en rapport med --mottagare "
            "extern för den som står utanför (se bladet Metod).",
            UF_INTERNAL_BANNER, th);
    else
        snprintf(rule, sizeof rule,
                 "extern. Värden som bygger på färre än %d personer visas inte. Ett antal på "
                 "1–%d visas som <%d; medelvärden, andelar och test över färre än %d personer "
                 "visas som ..; andra värden döljs (..) när ett dolt värde annars skulle kunna "
                 "räknas fram ur något annat som rapporten visar (se bladet Metod). Diagrammen "
                 "visar bara det som tabellerna visar.",
                 th, th - 1, th, th);
    snprintf(version, sizeof version, "uppfolj %s", r->version ? r->version : "");
    lxw_row_t row = ROW_TITLE + 2;
    row = kv(x, ws, row, "Enhet", r->unit);
    if (r->population)
        row = kv(x, ws, row, "Population", r->population);
    row = kv(x, ws, row, "Period", r->period);
    row = kv(x, ws, row, "Datum för uttaget", r->as_of);
    row = kv(x, ws, row, "Dataunderlaget från", r->created);
    row = kv(x, ws, row, "Programversion", version);
    row = kv(x, ws, row, "Mottagare", rule);
    text(x, ws, ++row, 0, "Parametrar", fmt(x, F_HEADING, 0, false));
    row++;
    for (int i = 0; i < r->nparams; i++)
        row = kv(x, ws, row, r->params[i].key, r->params[i].value);
    text(x, ws, ++row, 0, "Dataunderlag", fmt(x, F_HEADING, 0, false));
    row++;
    for (int i = 0; i < r->nsnapshot; i++)
        row = kv(x, ws, row, i == 0 ? "Importkörningar" : NULL, r->snapshot[i]);
    contents(x, ws, row + 1);
}

static void method_sheet(xw *x)
{
    lxw_worksheet *ws = add_sheet(x, "Metod");
    if (!ws)
        return;
    chk(x, worksheet_set_column(ws, 0, 0, 100, NULL));
    text(x, ws, ROW_TITLE, 0, "Metod", fmt(x, F_TITLE, 0, false));
    for (int i = 0; i < x->r->nmethod; i++)
        text(x, ws, ROW_TITLE + 2 + (lxw_row_t)i, 0, x->r->method[i], fmt(x, F_WRAP, 0, false));
}

/* ---- the workbook ------------------------------------------------------------ */

/* The value of parameter key, or NULL. */
/* Title, subject (period), author (unit), company (the organisation of
 * uppfolj.conf, if any), comments (version) and the creation date. */
static void properties(xw *x, long long epoch)
{
    const uf_report *r = x->r;
    char comments[128];
    snprintf(comments, sizeof comments, "uppfolj %s", r->version ? r->version : "");
    lxw_doc_properties p = {
        .title = r->title,
        .subject = r->period,
        .author = r->unit,
        .company = r->organisation,
        .comments = comments,
        .created = (time_t)(epoch == 0 ? 1 : epoch),
    };
    chk(x, workbook_set_properties(x->wb, &p));
}

static void build(xw *x, long long epoch)
{
    const uf_report *r = x->r;
    int i = 0;
    for (int s = 0; s < r->nsections; s++)
        for (int t = 0; t < r->sections[s]->ntables; t++)
            name_sheet(x, i++, r->sections[s]->tables[t]);
    properties(x, epoch);
    front_sheet(x);
    i = 0;
    for (int s = 0; s < r->nsections; s++)
        for (int t = 0; t < r->sections[s]->ntables; t++, i++)
            table_sheet(x, r->sections[s]->tables[t], x->names[i]);
    method_sheet(x);
}

static uf_error error_of(lxw_error e)
{
    switch (e) {
    case LXW_NO_ERROR: return UF_OK;
    case LXW_ERROR_MEMORY_MALLOC_FAILED: return UF_ERR_NOMEM;
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE: return UF_ERR_IO;
    default: return UF_ERR_INPUT; /* a name, string or index the format refuses */
    }
}

uf_error uf_render_xlsx(const uf_report *r, const char *path, long long created_epoch, uf_diag *d)
{
    if (uf_report_failed(r))
        return UF_ERR_NOMEM;
    /* The temporary file first (uf_out_open: whole or not at all, never
     * through a link): a folder that is missing or not writable is
     * reported with errno, without libxlsxwriter's message on stderr. */
    uf_outfile o;
    if (uf_out_open(&o, path, r->internal ? UF_OUT_PRIVATE : UF_OUT_SHARED) != UF_OK)
        return uf_render_failed(d, path, UF_ERR_IO);
    close(o.fd); /* libxlsxwriter writes it by name */
    o.fd = -1;
    xw x = { .r = r, .top = r->internal ? 1 : 0 };
    for (int s = 0; s < r->nsections; s++)
        x.ntables += r->sections[s]->ntables;
    x.names = calloc((size_t)x.ntables + 1, sizeof *x.names);
    x.wb = workbook_new(o.tmp);
    if (x.names && x.wb)
        build(&x, created_epoch);
    else
        chk(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    if (x.err == LXW_NO_ERROR)
        chk(&x, workbook_close(x.wb));
    else
        lxw_workbook_free(x.wb);
    free(x.names);
    if (x.err != LXW_NO_ERROR)
        uf_out_abort(&o);
    else if (uf_out_commit(&o) != UF_OK)
        return uf_render_failed(d, path, UF_ERR_IO);
    return uf_render_failed(d, path, error_of(x.err));
}
