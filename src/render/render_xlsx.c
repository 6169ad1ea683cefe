/*
 * render_xlsx.c - the report model as an Excel workbook (libxlsxwriter
 * 1.1.4), SPEC §9 and §10.  A renderer: it reads the report model only
 * (model.h; format.h and suppress.h for the symbols and text widths) and
 * knows nothing of the database or the core.  Reports have tens of tables
 * of tens of rows, so the whole workbook is built in memory.
 *
 * The sheets, in this order:
 *   "Rapport"  title, unit, period, as-of, data date, version, the
 *              disclosure rule, a link to the contents, the parameters, the
 *              data snapshot;
 *   "Sammanfattning" (the årsrapport and kohort: a front section) its
 *              sentences and a link to the sheet of each of its charts;
 *   "Innehåll" per section its title and paragraphs, a link to each table's
 *              sheet beside the table's title, and to the method sheet;
 *   one per table, named by its short name (uf_table.sheet: "Någon
 *              misstanke, kön") or its title, cut after a word: the title in
 *              row 1, the column labels (bold, wrapped) in row 2, panes frozen
 *              below row 2, the rows from row 3 (a total row bold), an
 *              autofilter over the header and the group rows (total rows at
 *              the end stay out of it, so that sorting or filtering keeps
 *              them last), then the description and the notes wrapped over
 *              the table's width; below them the native chart of each chart
 *              of the table, and below the charts their data blocks;
 *   "Metod"    the method paragraphs, wrapped in a wide column.
 * Excel and LibreOffice do not grow a row for wrapped text that
 * libxlsxwriter writes, so every such row gets the height of its lines
 * (wrap_height).  Every sheet prints on A4, fit to the page's width (a very
 * wide table on a few pages across, its label columns repeated), its title
 * and header rows repeated, landscape when wide, with the report's title
 * and "sida X av Y" in the footer.
 *
 * Numbers stay numbers.  Their Excel formats are stored locale-neutral
 * ("," groups, "." decimals) and a Swedish Excel shows them with a space
 * between thousands and a decimal comma:
 *   count    #,##0                           1 234
 *   number   #,##0.00 (the column's decimals) -3,34
 *   percent  0.0" "% on the fraction          12,5 %
 *   p-value  [<0.001]"< 0,001";0.000           0,032 or < 0,001
 * A percent cell holds the fraction (0.125 for the model's 12.5, which
 * JSON and CSV write), so that Excel's own percent arithmetic and charts
 * work; the format's % outside the quotes multiplies by 100, and the quoted
 * U+00A0 before it gives SPEC §10's space.  The spaces inside the quoted
 * literals are U+00A0, as format.h.  A hidden cell holds its symbol as
 * text ("<5", ".."), never the value.
 *
 * Charts read cells, and Excel draws a text cell as 0, so a chart does not
 * read its table: it reads its data block, where a hidden value is an empty
 * cell, which the chart shows as a gap.  A survival curve ("step") is a
 * scatter chart of straight lines on 0..1 over a block with each month
 * twice, before and after its step.
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
#define HEAD_MAX 14.0 /* a longer label wraps (the header row grows) */
#define MAX_CHARTS 16 /* charts drawn from one table */
/* column widths of the front, contents and method sheets, in characters */
#define FRONT_A 24.0
#define FRONT_B 90.0
#define CONTENTS_A 30.0
#define CONTENTS_B 80.0
#define METHOD_A 85.0
/* the widest a sheet prints at 100 % on A4 with the default margins,
 * portrait and landscape, and the smallest scale a wide table is printed
 * at before it takes more pages across (its label columns repeated) */
#define PORTRAIT_CHARS 95.0
#define LANDSCAPE_CHARS 140.0
#define MIN_SCALE 0.55

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
    F_NOTE_WRAP,
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
    case F_PERCENT: snprintf(buf, size, "0%s\"" NBSP "\"%%", frac); break;
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
    case F_NOTE_WRAP:
        format_set_italic(f);
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        break;
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

/* The number Excel stores for value v of type t: a percent as the
 * fraction (12.5 is 0.125), which its percent format shows as 12,5 %. */
static double stored(uf_ctype t, double v)
{
    return t == UF_C_PERCENT ? v / 100.0 : v;
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

/* s cleaned for a sheet name into out (size bytes): control characters
 * and []:*? removed, / and \ made - ("YLS/CMI" is "YLS-CMI"), spaces and
 * apostrophes trimmed at both ends; longer than max UTF-16 units, it is
 * cut after the last whole word that fits (on a character boundary if
 * even the first word does not). */
static void clean_name(const char *s, char *out, size_t size, int max)
{
    size_t o = 0, word_end = 0;
    int units = 0;
    bool cut = false;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        if (strnlen((const char *)p, len) < len)
            break; /* a character cut short */
        if (*p < 0x20 || *p == 0x7F || strchr("[]:*?", *p) ||
            (o == 0 && (*p == ' ' || *p == '\''))) {
            p++;
            continue;
        }
        int u = len == 4 ? 2 : 1;
        if (units + u > max || o + len >= size) {
            cut = true;
            break;
        }
        if (*p == ' ' && o > 0 && out[o - 1] != ' ')
            word_end = o;
        memcpy(out + o, p, len);
        if (*p == '/' || *p == '\\')
            out[o] = '-';
        o += len;
        units += u;
        p += len;
    }
    if (cut && word_end > 0) {
        o = word_end;
        while (o > 0 && strchr(" ,;.-", out[o - 1]))
            o--;
    }
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\''))
        o--;
    out[o] = '\0';
}

/* Is name taken by a sheet before table i, or reserved? */
static bool taken(const xw *x, int i, const char *name)
{
    if (same_name(name, "Rapport") || same_name(name, "Sammanfattning") ||
        same_name(name, "Innehåll") || same_name(name, "Metod") || same_name(name, "History"))
        return true;
    for (int j = 0; j < i; j++)
        if (same_name(name, x->names[j]))
            return true;
    return false;
}

/* x->names[i] for table t: its short name (uf_table.sheet) or title
 * cleaned (or its id, or "Tabell i"), made unique with " (2)", " (3)" ...
 * (the built-in reports give every table a short name of its own). */
static void name_sheet(xw *x, int i, const uf_table *t)
{
    char base[SHEET_BUF], *out = x->names[i];
    clean_name(t->sheet ? t->sheet : t->title, base, sizeof base, SHEET_UNITS);
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
            chk(x, worksheet_write_number(ws, row, col, stored(c->type, c->v),
                                          fmt(x, kind_of(c->type), k->decimals, total)));
        else
            text(x, ws, row, col, ".", fmt(x, F_HIDDEN, 0, total)); /* no value */
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

/* The height in points of a row whose text s wraps in a column (or merged
 * columns) cols characters wide (bold: a bold font's wider letters): its
 * words set line by line as Excel does, 15 points a line, at most Excel's
 * 409.  Excel and LibreOffice do not grow a row for wrapped text written
 * by libxlsxwriter, and its lines would otherwise overlap the next row's. */
static double wrap_height(const char *s, double cols, bool bold)
{
    double room = (cols > 3 ? cols - 1.5 : 1.5) / (bold ? 1.1 : 1.0), line = 0, lines = 1;
    for (const char *p = s ? s : ""; *p;) {
        if (*p == '\n') {
            lines++, line = 0, p++;
            continue;
        }
        double word = 0;
        const char *q = p;
        for (; *q && *q != ' ' && *q != '\n'; q++)
            word += ((unsigned char)*q & 0xC0) != 0x80;
        if (line > 0 && line + 1 + word > room)
            lines++, line = 0;
        line += (line > 0) + word;
        while (line > room) /* a word longer than the line breaks inside */
            lines++, line -= room;
        p = *q == ' ' ? q + 1 : q;
    }
    double h = 15.0 * lines;
    return h > 409 ? 409 : h;
}

/* Is ch a survival curve ("step")? */
static bool is_step(const uf_chart *ch)
{
    return ch->kind && strcmp(ch->kind, "step") == 0;
}

/* The x of category i of a step chart: its label as a number (the month),
 * else i. */
static double step_x(const xw *x, const uf_chart *ch, int i)
{
    char buf[UF_FMT_BUF], *end;
    const uf_table *t = ch->table;
    const char *s = uf_fmt_cell(uf_table_cell(t, ch->rows[i], ch->label_col),
                                &t->cols[ch->label_col], x->r->threshold, buf);
    double v = strtod(s, &end);
    return end != s && *end == '\0' && isfinite(v) ? v : (double)i;
}

/* The shown value of series s at category i into *v; false when hidden. */
static bool point(const uf_chart *ch, int s, int i, double *v)
{
    const uf_cell *c = uf_table_cell(ch->table, ch->rows[i], ch->series[s].col);
    if (!uf_cell_seen(c) || kind_of(c->type) == F_TEXT)
        return false;
    *v = stored(c->type, c->v);
    return true;
}

/* The chart's data: a heading, the labels, one row per category with the
 * shown values (a hidden one left empty) from row; widths into w.  A step
 * chart's block has the month as a number in the first column and two
 * rows per month after the first, the value before the step and after it,
 * so that a scatter chart of straight lines draws the steps.  Returns the
 * first data row; *nrows the number of data rows.  w: the columns'
 * widths (the labels wrap in them). */
static lxw_row_t chart_data(xw *x, lxw_worksheet *ws, lxw_row_t row, const uf_chart *ch,
                            const double *w, int *nrows)
{
    const uf_table *t = ch->table;
    char buf[512];
    bool step = is_step(ch);
    snprintf(buf, sizeof buf, "Underlag för diagrammet %s (dolda värden lämnas tomma%s)",
             ch->title ? ch->title : ch->id,
             step ? "; varje månad två gånger: före och efter steget" : "");
    text(x, ws, row++, 0, buf, fmt(x, F_NOTE, 0, false));
    const uf_column *lc = &t->cols[ch->label_col];
    text(x, ws, row, 0, lc->label, fmt(x, F_HEAD, 0, false));
    double head = wrap_height(lc->label, w[0], true);
    for (int s = 0; s < ch->nseries; s++) {
        double h = wrap_height(ch->series[s].label, w[1 + s], true);
        head = h > head ? h : head;
        text(x, ws, row, (lxw_col_t)(1 + s), ch->series[s].label, fmt(x, F_HEAD_NUM, 0, false));
    }
    if (head > 15)
        chk(x, worksheet_set_row(ws, row, head, NULL));
    lxw_row_t first = ++row;
    for (int i = 0; i < ch->nrows; i++) {
        for (int twice = step && i > 0 ? 2 : 1, k = 0; k < twice; k++, row++) {
            if (step)
                chk(x, worksheet_write_number(ws, row, 0, step_x(x, ch, i),
                                              fmt(x, F_COUNT, 0, false)));
            else {
                const uf_cell *lab = uf_table_cell(t, ch->rows[i], ch->label_col);
                text(x, ws, row, 0, uf_fmt_cell(lab, lc, x->r->threshold, buf),
                     fmt(x, F_TEXT, 0, false));
            }
            /* the first of a step's two rows holds the value before it */
            int at = twice == 2 && k == 0 ? i - 1 : i;
            for (int s = 0; s < ch->nseries; s++) {
                const uf_column *col = &t->cols[ch->series[s].col];
                double v;
                if (point(ch, s, at, &v) && (at == i || point(ch, s, i, &(double){ 0 })))
                    chk(x,
                        worksheet_write_number(ws, row, (lxw_col_t)(1 + s), v,
                                               fmt(x, kind_of(col->type), col->decimals, false)));
            }
        }
    }
    *nrows = (int)(row - first);
    return first;
}

/* The native chart of ch on sheet, reading its data block of n rows at
 * first.., inserted at (at, 0). */
static void chart(xw *x, lxw_worksheet *ws, const char *sheet, const uf_chart *ch, lxw_row_t first,
                  int n, lxw_row_t at)
{
    bool step = is_step(ch);
    bool line = ch->kind && strcmp(ch->kind, "line") == 0;
    bool stacked = ch->kind && strcmp(ch->kind, "stacked") == 0;
    lxw_chart *c = workbook_add_chart(x->wb, step      ? LXW_CHART_SCATTER_STRAIGHT
                                             : line    ? LXW_CHART_LINE
                                             : stacked ? LXW_CHART_COLUMN_STACKED
                                                       : LXW_CHART_COLUMN);
    if (!c) {
        chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    char buf[512];
    lxw_row_t last = first + (lxw_row_t)n - 1;
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
    uf_ctype yt = ch->table->cols[ch->series[0].col].type;
    bool negative = false; /* the axis from 0, as the PDF's, unless a value is below */
    for (int s = 0; s < ch->nseries; s++)
        for (int i = 0; i < ch->nrows; i++) {
            const uf_cell *v = uf_table_cell(ch->table, ch->rows[i], ch->series[s].col);
            negative = negative || (uf_cell_seen(v) && v->v < 0);
        }
    if (!negative && !step)
        chart_axis_set_min(c->y_axis, 0);
    if (yt == UF_C_PERCENT)
        chart_axis_set_num_format(c->y_axis, "0\"" NBSP "\"%");
    if (step) { /* a share surviving: 0 to 1 (or 0 % to 100 %), months from 0 */
        const uf_column *lc = &ch->table->cols[ch->label_col];
        chart_axis_set_min(c->y_axis, 0);
        chart_axis_set_max(c->y_axis, 1);
        chart_axis_set_min(c->x_axis, 0);
        chart_axis_set_max(c->x_axis, step_x(x, ch, ch->nrows - 1));
        chart_axis_set_name(c->x_axis, plain(lc->label, buf, sizeof buf));
    }
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
    lxw_chart_options o = { .x_scale = 1, .y_scale = 1, .description = ch->title };
    chk(x, worksheet_insert_chart_opt(ws, at, 0, c, &o));
}

/* A note of the table (its description or a footnote) on row: wrapped
 * over the table's columns 0..ncols-1 of total width wide. */
static void note_row(xw *x, lxw_worksheet *ws, lxw_row_t row, const char *s, int ncols, double wide)
{
    if (ncols > 1) {
        chk(x, worksheet_merge_range(ws, row, 0, row, (lxw_col_t)(ncols - 1), "",
                                     fmt(x, F_NOTE_WRAP, 0, false)));
        text(x, ws, row, 0, s, fmt(x, F_NOTE_WRAP, 0, false));
    } else {
        text(x, ws, row, 0, s, fmt(x, F_NOTE_WRAP, 0, false));
    }
    chk(x, worksheet_set_row(ws, row, wrap_height(s, wide, false), NULL));
}

/* The charts drawn from t (at most max) into out; their number. */
static int charts_of(const xw *x, const uf_table *t, const uf_chart **out, int max)
{
    int n = 0;
    for (int s = 0; s < x->r->nsections; s++)
        for (int i = 0; i < x->r->sections[s]->ncharts && n < max; i++) {
            const uf_chart *ch = x->r->sections[s]->charts[i];
            /* a summary's charts repeat its tables' (summary_sheet links) */
            if (ch->table == t && ch->nrows > 0 && ch->nseries > 0 && !x->r->sections[s]->front)
                out[n++] = ch;
        }
    return n;
}

/* Below the rows: the description and the notes, wrapped over the table's
 * width (w: the final column widths); then each chart drawn from t, and
 * below the charts their data.  The print area ends with the last chart
 * and spans its width (the data blocks are for the charts, not for the
 * page, where the repeated header rows would stand over them). */
static void write_below(xw *x, lxw_worksheet *ws, const char *sheet, const uf_table *t,
                        const double *w, int ncols)
{
    double wide = 0;
    for (int c = 0; c < t->ncols; c++)
        wide += w[c];
    lxw_row_t row = ROW_DATA + (lxw_row_t)t->nrows + 1;
    if (t->description)
        note_row(x, ws, row++, t->description, t->ncols, wide);
    for (int i = 0; i < t->nnotes; i++)
        note_row(x, ws, row++, t->notes[i], t->ncols, wide);
    const uf_chart *mine[MAX_CHARTS];
    int n = charts_of(x, t, mine, MAX_CHARTS);
    lxw_row_t data = row + 1 + (lxw_row_t)(n * (CHART_ROWS + 1));
    for (int i = 0; i < n; i++) {
        int rows;
        lxw_row_t first = chart_data(x, ws, data, mine[i], w, &rows);
        chart(x, ws, sheet, mine[i], first, rows, row + 1 + (lxw_row_t)(i * (CHART_ROWS + 1)));
        data = first + (lxw_row_t)rows + 1;
    }
    if (n == 0)
        return;
    /* a chart is 480 pixels wide; a column of width w is about 7 w + 5
     * (those not set: Excel's 8.43) */
    int last = t->ncols - 1;
    double px = 0;
    for (int c = 0; px < 480; c++) {
        px += 7 * (c < ncols ? w[c] : 8.43) + 5;
        last = c > last ? c : last;
    }
    chk(x,
        worksheet_print_area(ws, 0, 0, row + (lxw_row_t)(n * (CHART_ROWS + 1)), (lxw_col_t)last));
}

/* Print setup (SPEC §10): A4, landscape when wider (wide, in characters)
 * than a portrait page holds; as wide as one page, or for a table too wide
 * for that at MIN_SCALE as many pages across as it takes with its first
 * keep columns on each; as many pages down as it takes; the rows
 * first..last repeated on every page (-1: none); the report's title and
 * "sida X av Y" in the footer. */
static void print_setup(xw *x, lxw_worksheet *ws, double wide, int keep, int first, int last)
{
    char footer[512], title[300];
    size_t o = 0;
    for (const char *p = x->r->title ? x->r->title : ""; *p && o + 3 < sizeof title; p++) {
        if (*p == '&') /* a code of the header language */
            title[o++] = '&';
        title[o++] = *p;
    }
    title[o] = '\0';
    worksheet_set_paper(ws, 9); /* A4 */
    if (wide > PORTRAIT_CHARS)
        worksheet_set_landscape(ws);
    double across = ceil(wide / (LANDSCAPE_CHARS / MIN_SCALE));
    worksheet_fit_to_pages(ws, across > 1 ? (uint16_t)across : 1, 0);
    if (across > 1 && keep > 0)
        chk(x, worksheet_repeat_columns(ws, 0, (lxw_col_t)(keep - 1)));
    if (first >= 0)
        chk(x, worksheet_repeat_rows(ws, (lxw_row_t)first, (lxw_row_t)last));
    snprintf(footer, sizeof footer, "&L&8%s&R&8sida &P av &N", title);
    chk(x, worksheet_set_footer(ws, footer));
}

static void table_sheet(xw *x, const uf_table *t, const char *sheet)
{
    lxw_worksheet *ws = add_sheet(x, sheet);
    const uf_chart *mine[MAX_CHARTS];
    int n = charts_of(x, t, mine, MAX_CHARTS), ncols = t->ncols;
    for (int i = 0; i < n; i++)
        if (mine[i]->nseries + 1 > ncols)
            ncols = mine[i]->nseries + 1;
    double *w = calloc((size_t)ncols + 1, sizeof *w);
    if (!ws || !w) {
        chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        free(w);
        return;
    }
    write_grid(x, ws, t, w);
    double wide = 0;
    for (int c = 0; c < ncols; c++) {
        double width = w[c] + 2 > WIDTH_MAX ? WIDTH_MAX : w[c] + 2;
        w[c] = width < WIDTH_MIN ? WIDTH_MIN : width;
        if (c < t->ncols)
            wide += w[c];
        chk(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL));
    }
    /* the header row as tall as its longest wrapped label */
    double head = 15;
    for (int c = 0; c < t->ncols; c++) {
        const char *l = t->cols[c].label ? t->cols[c].label : t->cols[c].id;
        double h = wrap_height(l, w[c], true);
        head = h > head ? h : head;
    }
    if (head > 15)
        chk(x, worksheet_set_row(ws, ROW_HEAD, head, NULL));
    write_below(x, ws, sheet, t, w, ncols);
    int keep = 0; /* the label columns: text before the first number */
    while (keep < t->ncols && keep < 2 && kind_of(t->cols[keep].type) == F_TEXT)
        keep++;
    print_setup(x, ws, wide, keep, 0, (int)ROW_HEAD);
    free(w);
}

/* ---- front, contents and method sheets -------------------------------------- */

/* A key in bold and its value (wrapped in column B, FRONT_B wide) on row;
 * the next row. */
static lxw_row_t kv(xw *x, lxw_worksheet *ws, lxw_row_t row, const char *key, const char *value)
{
    text(x, ws, row, 0, key, fmt(x, F_KEY, 0, false));
    text(x, ws, row, 1, value, fmt(x, F_WRAP, 0, false));
    double h = wrap_height(value, FRONT_B, false), hk = wrap_height(key, FRONT_A, true);
    if (h < hk)
        h = hk;
    if (h > 15)
        chk(x, worksheet_set_row(ws, row, h, NULL));
    return row + 1;
}

/* A link at (row, col) to the top of sheet, showing label. */
static void sheet_link(xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *sheet,
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
    chk(x, worksheet_write_url_opt(ws, row, col, url, NULL, label, NULL));
}

static void front_sheet(xw *x)
{
    const uf_report *r = x->r;
    lxw_worksheet *ws = add_sheet(x, "Rapport");
    if (!ws)
        return;
    chk(x, worksheet_set_column(ws, 0, 0, FRONT_A, NULL));
    chk(x, worksheet_set_column(ws, 1, 1, FRONT_B, NULL));
    text(x, ws, ROW_TITLE, 0, r->title, fmt(x, F_TITLE, 0, false));
    int th = r->threshold < UF_SUPP_MIN_THRESHOLD ? UF_SUPP_MIN_THRESHOLD : r->threshold;
    char rule[768], version[128];
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
        snprintf(
            rule, sizeof rule,
            "extern. Värden som bygger på färre än %d personer visas inte. Ett antal på "
            "1–%d visas som <%d; medelvärden och andelar över färre än %d personer "
            "visas som ..; andra värden döljs (..) när ett dolt värde annars skulle kunna "
            "räknas fram ur något annat som rapporten visar (se bladet Metod); ett test som "
            "inte görs visas som – och en uppgift som saknas som en punkt. Diagrammen visar bara "
            "det som tabellerna visar.",
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
    text(x, ws, row, 0, "Innehåll", fmt(x, F_KEY, 0, false));
    sheet_link(x, ws, row++, 1, "Innehåll", "Rapportens tabeller, blad för blad");
    text(x, ws, ++row, 0, "Parametrar", fmt(x, F_HEADING, 0, false));
    row++;
    for (int i = 0; i < r->nparams; i++)
        row = kv(x, ws, row, r->params[i].key, r->params[i].value);
    text(x, ws, ++row, 0, "Dataunderlag", fmt(x, F_HEADING, 0, false));
    row++;
    for (int i = 0; i < r->nsnapshot; i++)
        row = kv(x, ws, row, i == 0 ? "Importkörningar" : NULL, r->snapshot[i]);
    print_setup(x, ws, 0, 0, -1, -1); /* portrait: it is text */
}

/* The contents: per section its title (bold) and paragraphs, then a row
 * per table: a link to its sheet and the table's title; last the method
 * sheet.  The header row repeats on every printed page. */
static void contents_sheet(xw *x)
{
    lxw_worksheet *ws = add_sheet(x, "Innehåll");
    if (!ws)
        return;
    chk(x, worksheet_set_column(ws, 0, 0, CONTENTS_A, NULL));
    chk(x, worksheet_set_column(ws, 1, 1, CONTENTS_B, NULL));
    text(x, ws, ROW_TITLE, 0, "Innehåll", fmt(x, F_TITLE, 0, false));
    text(x, ws, ROW_HEAD, 0, "Blad", fmt(x, F_HEAD, 0, false));
    text(x, ws, ROW_HEAD, 1, "Tabell", fmt(x, F_HEAD, 0, false));
    worksheet_freeze_panes(ws, ROW_DATA, 0);
    lxw_row_t row = ROW_DATA;
    int i = 0;
    for (int s = 0; s < x->r->nsections; s++) {
        const uf_section *sec = x->r->sections[s];
        if (sec->front) { /* the summary has a sheet of its own */
            sheet_link(x, ws, row, 0, "Sammanfattning", "Sammanfattning");
            text(x, ws, row++, 1, sec->title, fmt(x, F_WRAP, 0, false));
            continue;
        }
        if (sec->ntables == 0 && sec->npar == 0)
            continue;
        row += row > ROW_DATA;
        text(x, ws, row++, 0, sec->title, fmt(x, F_HEADING, 0, false));
        for (int p = 0; p < sec->npar; p++) {
            chk(x, worksheet_merge_range(ws, row, 0, row, 1, "", fmt(x, F_WRAP, 0, false)));
            text(x, ws, row, 0, sec->paragraphs[p], fmt(x, F_WRAP, 0, false));
            chk(x, worksheet_set_row(
                       ws, row, wrap_height(sec->paragraphs[p], CONTENTS_A + CONTENTS_B, false),
                       NULL));
            row++;
        }
        for (int t = 0; t < sec->ntables; t++, i++) {
            const uf_table *tab = sec->tables[t];
            const char *title = tab->title ? tab->title : tab->id;
            sheet_link(x, ws, row, 0, x->names[i], x->names[i]);
            text(x, ws, row, 1, title, fmt(x, F_WRAP, 0, false));
            double h = wrap_height(title, CONTENTS_B, false);
            if (h > 15)
                chk(x, worksheet_set_row(ws, row, h, NULL));
            row++;
        }
    }
    row++;
    sheet_link(x, ws, row, 0, "Metod", "Metod");
    text(x, ws, row, 1, "Definitioner och metod", fmt(x, F_WRAP, 0, false));
    print_setup(x, ws, 0, 0, 0, (int)ROW_HEAD);
}

/* The sheet of the index of table t among the report's tables, or NULL. */
static const char *sheet_of(const xw *x, const uf_table *t)
{
    int i = 0;
    for (int s = 0; s < x->r->nsections; s++)
        for (int k = 0; k < x->r->sections[s]->ntables; k++, i++)
            if (x->r->sections[s]->tables[k] == t)
                return x->names[i];
    return NULL;
}

/* A front section (the summary): its sentences, wrapped, then a link to
 * the sheet that draws each of its charts (they read their tables' data
 * there). */
static void summary_sheet(xw *x, const uf_section *sec)
{
    lxw_worksheet *ws = add_sheet(x, "Sammanfattning");
    if (!ws)
        return;
    chk(x, worksheet_set_column(ws, 0, 0, METHOD_A, NULL));
    text(x, ws, ROW_TITLE, 0, sec->title, fmt(x, F_TITLE, 0, false));
    lxw_row_t row = ROW_TITLE + 2;
    for (int i = 0; i < sec->npar; i++, row++) {
        text(x, ws, row, 0, sec->paragraphs[i], fmt(x, F_WRAP, 0, false));
        chk(x, worksheet_set_row(ws, row, wrap_height(sec->paragraphs[i], METHOD_A, false), NULL));
    }
    if (sec->ncharts > 0)
        text(x, ws, ++row, 0, "Diagram", fmt(x, F_HEADING, 0, false));
    for (int c = 0; c < sec->ncharts; c++) {
        const char *sheet = sheet_of(x, sec->charts[c]->table);
        char label[512];
        snprintf(label, sizeof label, "%s (bladet %s)",
                 sec->charts[c]->title ? sec->charts[c]->title : sec->charts[c]->id,
                 sheet ? sheet : "");
        if (sheet)
            sheet_link(x, ws, ++row, 0, sheet, label);
    }
    print_setup(x, ws, 0, 0, -1, -1);
}

static void method_sheet(xw *x)
{
    lxw_worksheet *ws = add_sheet(x, "Metod");
    if (!ws)
        return;
    chk(x, worksheet_set_column(ws, 0, 0, METHOD_A, NULL));
    text(x, ws, ROW_TITLE, 0, "Metod", fmt(x, F_TITLE, 0, false));
    for (int i = 0; i < x->r->nmethod; i++) {
        lxw_row_t row = ROW_TITLE + 2 + (lxw_row_t)i;
        text(x, ws, row, 0, x->r->method[i], fmt(x, F_WRAP, 0, false));
        chk(x, worksheet_set_row(ws, row, wrap_height(x->r->method[i], METHOD_A, false), NULL));
    }
    print_setup(x, ws, 0, 0, -1, -1);
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
    for (int s = 0; s < r->nsections; s++)
        if (r->sections[s]->front)
            summary_sheet(x, r->sections[s]);
    contents_sheet(x);
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
