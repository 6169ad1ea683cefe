/*
 * render_pdf_table.c - tables in the PDF renderer.
 *
 * Column widths come from the measured text.  Every cell is measured once
 * at size 1 (widths scale with the size: libharu has no kerning), then the
 * layout tries, in order:
 *
 *   A. headers on one line, sizes 9 down to 8 pt;
 *   B. headers on at most 2 lines or else 3, at each size from 9 down to
 *      8 pt; on at most 3 lines, 7.5 down to 6.5 pt; wrapped at every
 *      space, 8 down to 6.5 pt
 *      (a header on k lines gets the narrowest width that wraps it so,
 *      which keeps the header row low);
 *   C. split the columns into parts of their own (the row labels repeated
 *      in each: see split()); a part too wide even alone gets the widths
 *      of B at 6.5 pt scaled down to the page, and its cells break between
 *      characters.
 *
 * Text columns may always wrap between words down to their widest word, so
 * a long label wraps before the font shrinks; number columns never wrap.
 * Space left over goes first to wrapped text, then to wrapped headers.
 *
 * Numbers (and their "<5" / "..") are right-aligned, text left-aligned;
 * the header row is bold with a rule under it and is repeated, under a
 * "(forts.)" title, on every page the table continues on; the total row is
 * bold with a rule above it; other rows have zebra shading.  A table that
 * fits in half a page is kept on one page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_pdf_internal.h"

#define PAD_X 3.0f       /* cell padding, left and right */
#define PAD_Y 1.8f       /* cell padding, top and bottom */
#define SIZE_TOP 9.0f    /* the size a table starts at */
#define SIZE_NOWRAP 8.0f /* the smallest size with headers on one line */
#define SIZE_MIN 6.5f    /* the smallest size */
#define SIZE_TITLE 10.0f

/* Header labels are tried on at most 1, 2 or 3 lines, then wrapped at
 * every space. */
#define HEAD_FITS 4

typedef struct measure {
    float content;         /* widest cell (at size 1) */
    float word;            /* widest word of a cell: a text column wraps to it */
    float head[HEAD_FITS]; /* header label, bold, on 1, 2, 3 lines, or its
                               widest word */
    bool text;             /* left-aligned, wraps */
} measure;

typedef struct layout {
    float size;
    float *w;    /* column widths, padding included */
    float width; /* their sum */
} layout;

static bool is_text(uf_ctype t)
{
    return t == UF_C_TEXT || t == UF_C_DATE || t == UF_C_EMPTY;
}

static float maxf(float a, float b)
{
    return a > b ? a : b;
}

/* The narrowest width (at size 1) that wraps the bold label into at most
 * k lines: between its widest word and its whole width. */
static float head_lines(ufpdf *p, const char *label, int k, float word, float whole)
{
    const float size = 10; /* measured at 10 pt: the slack of ufpdf_wrap is
                                   absolute */
    float lo = word * size, hi = whole * size;
    for (int i = 0; i < 20 && hi - lo > 0.05f; i++) {
        float mid = (lo + hi) / 2;
        ufpdf_line *ln;
        int n = ufpdf_wrap(p, true, size, label, mid, &ln);
        free(ln);
        if (n < 0)
            break;
        if (n <= k)
            hi = mid;
        else
            lo = mid;
    }
    return hi / size;
}

static void measure_columns(ufpdf *p, const uf_table *t, measure *m)
{
    char buf[UF_FMT_BUF];
    for (int c = 0; c < t->ncols; c++) {
        const char *label = t->cols[c].label ? t->cols[c].label : "";
        m[c] = (measure){ .text = is_text(t->cols[c].type) };
        float whole = ufpdf_width(p, true, 1, label, strlen(label));
        float word = ufpdf_widest_word(p, true, 1, label);
        m[c].head[0] = whole;
        m[c].head[1] = head_lines(p, label, 2, word, whole);
        m[c].head[2] = head_lines(p, label, 3, word, whole);
        m[c].head[3] = word;
        for (int r = 0; r < t->nrows; r++) {
            bool bold = t->rows[r].total;
            const char *s = ufpdf_cell_text(p, t, r, c, buf);
            m[c].content = maxf(m[c].content, ufpdf_width(p, bold, 1, s, strlen(s)));
            m[c].word = maxf(m[c].word, m[c].text ? ufpdf_widest_word(p, bold, 1, s)
                                                  : ufpdf_width(p, bold, 1, s, strlen(s)));
        }
    }
}

/* Give spare points to the columns below their target, in proportion to
 * what they lack; returns what is left. */
static float grow(float *w, const float *target, int n, float spare)
{
    float lack = 0;
    for (int c = 0; c < n; c++)
        lack += maxf(0, target[c] - w[c]);
    if (lack <= 0 || spare <= 0)
        return spare;
    float share = spare < lack ? spare / lack : 1;
    for (int c = 0; c < n; c++) {
        float add = maxf(0, target[c] - w[c]) * share;
        w[c] += add;
        spare -= add;
    }
    return spare;
}

/* Widths at size s with headers on at most fit+1 lines (fit 3: wrapped
 * at every space); false when they do not fit.  tmp holds n floats. */
static bool try_size(const measure *m, int n, float s, int fit, float *w, float *tmp)
{
    float sum = 0;
    for (int c = 0; c < n; c++) {
        float cell = m[c].text ? m[c].word : m[c].content;
        w[c] = maxf(cell, m[c].head[fit]) * s + 2 * PAD_X;
        sum += w[c];
    }
    if (sum > UFPDF_WIDTH)
        return false;
    for (int c = 0; c < n; c++) /* unwrap text first, then headers */
        tmp[c] = maxf(w[c], m[c].content * s + 2 * PAD_X);
    float spare = grow(w, tmp, n, UFPDF_WIDTH - sum);
    for (int c = 0; c < n; c++)
        tmp[c] = maxf(w[c], m[c].head[0] * s + 2 * PAD_X);
    grow(w, tmp, n, spare);
    return true;
}

/* The last resort (C): the narrowest widths at the smallest size, scaled
 * down to the page. */
static void squeeze(const measure *m, int n, layout *lo)
{
    float sum = 0;
    lo->size = SIZE_MIN;
    for (int c = 0; c < n; c++) {
        float cell = m[c].text ? m[c].word : m[c].content;
        lo->w[c] = maxf(cell, m[c].head[HEAD_FITS - 1]) * SIZE_MIN + 2 * PAD_X;
        sum += lo->w[c];
    }
    for (int c = 0; c < n; c++)
        lo->w[c] *= UFPDF_WIDTH / sum;
}

/* Choose the size and widths of table t (see the file comment): 1, or 0
 * when it does not fit without the last resort (C) and that is not
 * allowed (lo->w is then freed), or -1 when memory ran out. */
static int lay_out(ufpdf *p, const uf_table *t, layout *lo, bool last_resort)
{
    /* headers on at most fit+1 lines (3: at every space; "1-2": 2 lines,
     * else 3), from size hi down to lo: body text stays at 8 pt or more as
     * long as it can */
    static const struct {
        int fit, fit2;
        float hi, lo;
    } steps[] = {
        { 0, 0, SIZE_TOP, SIZE_NOWRAP },
        { 1, 2, SIZE_TOP, SIZE_NOWRAP },
        { 2, 2, SIZE_NOWRAP - 0.5f, SIZE_MIN },
        { 3, 3, SIZE_NOWRAP, SIZE_MIN },
    };
    int n = t->ncols;
    measure *m = malloc((size_t)n * sizeof *m);
    float *tmp = calloc((size_t)n, sizeof *tmp);
    lo->w = malloc((size_t)n * sizeof *lo->w);
    if (!m || !tmp || !lo->w) {
        free(m);
        free(tmp);
        free(lo->w);
        lo->w = NULL;
        p->nomem = true;
        return -1;
    }
    measure_columns(p, t, m);
    bool fits = false;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !fits; i++)
        for (float s = steps[i].hi; !fits && s >= steps[i].lo - 0.01f; s -= 0.5f)
            for (int fit = steps[i].fit; !fits && fit <= steps[i].fit2; fit++)
                if ((fits = try_size(m, n, s, fit, lo->w, tmp)))
                    lo->size = s;
    if (!fits && last_resort) {
        squeeze(m, n, lo);
        fits = true;
    }
    lo->width = 0;
    for (int c = 0; c < n; c++)
        lo->width += lo->w[c];
    free(m);
    free(tmp);
    if (!fits) {
        free(lo->w);
        lo->w = NULL;
    }
    return fits ? 1 : 0;
}

/* ---- rows ---------------------------------------------------------------- */

/* One row's cells wrapped to their columns: lines[c], nlines[c]. */
typedef struct wrapped {
    ufpdf_line **lines;
    int *nlines;
    int ncols;
    float height;
} wrapped;

static void wrapped_free(wrapped *wr)
{
    for (int c = 0; wr->lines && c < wr->ncols; c++)
        free(wr->lines[c]);
    free(wr->lines);
    free(wr->nlines);
    wr->lines = NULL;
    wr->nlines = NULL;
}

/* Wrap row r of t (r = -1: the header row); false when memory ran out.
 * bufs holds ncols UF_FMT_BUF buffers that the lines may point into. */
static bool wrap_row(ufpdf *p, const uf_table *t, const layout *lo, int r, char *bufs, wrapped *wr)
{
    bool bold = r < 0 || t->rows[r].total;
    wr->ncols = t->ncols;
    wr->lines = calloc((size_t)t->ncols, sizeof *wr->lines);
    wr->nlines = calloc((size_t)t->ncols, sizeof *wr->nlines);
    if (!wr->lines || !wr->nlines) {
        p->nomem = true;
        wrapped_free(wr);
        return false;
    }
    int most = 1;
    for (int c = 0; c < t->ncols; c++) {
        const char *s = r < 0 ? (t->cols[c].label ? t->cols[c].label : "")
                              : ufpdf_cell_text(p, t, r, c, bufs + c * UF_FMT_BUF);
        wr->nlines[c] = ufpdf_wrap(p, bold, lo->size, s, lo->w[c] - 2 * PAD_X, &wr->lines[c]);
        if (wr->nlines[c] < 0) {
            wrapped_free(wr);
            return false;
        }
        if (wr->nlines[c] > most)
            most = wr->nlines[c];
    }
    wr->height = (float)most * lo->size * UFPDF_LEADING + 2 * PAD_Y;
    return true;
}

/* Draw a wrapped row with its top at the cursor; the header's labels sit
 * on its bottom line. */
static void draw_row(ufpdf *p, const uf_table *t, const layout *lo, const wrapped *wr, bool bold,
                     bool bottom_align)
{
    float lh = lo->size * UFPDF_LEADING, x = UFPDF_LEFT;
    int most = (int)((wr->height - 2 * PAD_Y) / lh + 0.5f);
    ufpdf_fill(p, UFPDF_BLACK);
    for (int c = 0; c < t->ncols; c++) {
        bool right = !is_text(t->cols[c].type);
        int skip = bottom_align ? most - wr->nlines[c] : 0;
        for (int i = 0; i < wr->nlines[c]; i++) {
            const ufpdf_line *ln = &wr->lines[c][i];
            float base = ufpdf_baseline(p->y - PAD_Y - (float)(i + skip) * lh, lo->size);
            ufpdf_text(p, bold, lo->size, right ? x + lo->w[c] - PAD_X : x + PAD_X, base,
                       right ? UFPDF_R : UFPDF_L, ln->s, ln->len);
        }
        x += lo->w[c];
    }
    p->y -= wr->height;
}

/* Which table, and which part of it when its columns were split. */
typedef struct piece {
    int number;       /* "Tabell 3" */
    int part, nparts; /* 0-based; nparts 1 when not split */
} piece;

/* The numbered title, with "(del 1 av 2)" for a part and "forts." on a
 * continuation page. */
static void title(ufpdf *p, const uf_table *t, const piece *pc, bool cont)
{
    char head[32], tail[64];
    snprintf(head, sizeof head, "Tabell %d. ", pc->number);
    if (pc->nparts > 1)
        snprintf(tail, sizeof tail, " (del %d av %d%s)", pc->part + 1, pc->nparts,
                 cont ? ", forts." : "");
    else
        snprintf(tail, sizeof tail, "%s", cont ? " (forts.)" : "");
    char *s = ufpdf_join(p, head, t->title, tail);
    if (!s)
        return;
    ufpdf_par(p, true, cont ? UFPDF_SIZE_SMALL : SIZE_TITLE, cont ? UFPDF_GREY : UFPDF_BLACK, 0, s);
    free(s);
}

/* The header row with its rules. */
static void header(ufpdf *p, const uf_table *t, const layout *lo, const wrapped *head)
{
    p->y -= 2;
    ufpdf_stroke(p, UFPDF_BLACK);
    ufpdf_line_to(p, UFPDF_LEFT, p->y, UFPDF_LEFT + lo->width, p->y, 0.8f);
    draw_row(p, t, lo, head, true, true);
    ufpdf_line_to(p, UFPDF_LEFT, p->y, UFPDF_LEFT + lo->width, p->y, 0.5f);
}

static void bottom_rule(ufpdf *p, const layout *lo)
{
    ufpdf_stroke(p, UFPDF_BLACK);
    ufpdf_line_to(p, UFPDF_LEFT, p->y, UFPDF_LEFT + lo->width, p->y, 0.8f);
}

/* Height of the title, description and header and of what should not be
 * parted from them: the whole table (notes too) when it fits in half a
 * page, else its first three rows. */
static float keep_height(ufpdf *p, const uf_table *t, const layout *lo, const wrapped *head,
                         char *bufs)
{
    const float half = (UFPDF_TOP - UFPDF_BOTTOM) / 2;
    float h = 2 * SIZE_TITLE * UFPDF_LEADING + head->height + 6;
    if (t->description)
        h += 2 * UFPDF_SIZE_BODY * UFPDF_LEADING;
    float all = h + (float)t->nnotes * 2 * UFPDF_SIZE_SMALL * UFPDF_LEADING, first = h;
    for (int r = 0; r < t->nrows && all <= half; r++) {
        wrapped wr = { 0 };
        if (!wrap_row(p, t, lo, r, bufs, &wr))
            return h;
        all += wr.height;
        if (r < 3)
            first += wr.height;
        wrapped_free(&wr);
    }
    return all <= half ? all : first;
}

/* The body rows, breaking pages (with the header repeated) as needed. */
static void rows(ufpdf *p, const uf_table *t, const layout *lo, const wrapped *head,
                 const piece *pc, char *bufs)
{
    int zebra = 0;
    for (int r = 0; r < t->nrows && ufpdf_ok(p); r++) {
        wrapped wr = { 0 };
        if (!wrap_row(p, t, lo, r, bufs, &wr))
            return;
        if (p->y - wr.height < UFPDF_BOTTOM) {
            bottom_rule(p, lo);
            ufpdf_new_page(p);
            title(p, t, pc, true);
            header(p, t, lo, head);
            zebra = 0;
        }
        bool total = t->rows[r].total;
        if (total) {
            ufpdf_stroke(p, UFPDF_BLACK);
            ufpdf_line_to(p, UFPDF_LEFT, p->y, UFPDF_LEFT + lo->width, p->y, 0.5f);
        } else if (zebra++ % 2 == 1) {
            ufpdf_fill(p, UFPDF_ZEBRA);
            ufpdf_rect(p, UFPDF_LEFT, p->y - wr.height, lo->width, wr.height);
        }
        draw_row(p, t, lo, &wr, total, false);
        wrapped_free(&wr);
    }
    bottom_rule(p, lo);
}

/* Draw (a part of) a table laid out as lo. */
static void draw(ufpdf *p, const uf_table *t, const layout *lo, const piece *pc)
{
    wrapped head = { 0 };
    char *bufs = malloc((size_t)t->ncols * UF_FMT_BUF);
    if (!bufs) {
        p->nomem = true;
        return;
    }
    if (!wrap_row(p, t, lo, -1, bufs, &head)) {
        free(bufs);
        return;
    }
    bool last = pc->part == pc->nparts - 1;
    ufpdf_need(p, keep_height(p, t, lo, &head, bufs));
    title(p, t, pc, false);
    if (t->description && pc->part == 0)
        ufpdf_par(p, false, UFPDF_SIZE_BODY, UFPDF_BLACK, 0, t->description);
    header(p, t, lo, &head);
    rows(p, t, lo, &head, pc, bufs);
    p->y -= 3;
    for (int i = 0; last && i < t->nnotes; i++)
        ufpdf_par(p, false, UFPDF_SIZE_SMALL, UFPDF_GREY, 0, t->notes[i]);
    if (!last)
        p->y -= 10;
    wrapped_free(&head);
    free(bufs);
}

/* ---- tables too wide for the page ------------------------------------------ */

/* A table of the columns cols[0..n) of t (sharing its strings), for a
 * part; free with view_free.  False when memory ran out. */
static bool view(const uf_table *t, const int *cols, int n, uf_table *v)
{
    *v = *t;
    v->ncols = n;
    v->cols = malloc((size_t)(n ? n : 1) * sizeof *v->cols);
    v->rows = malloc((size_t)(t->nrows ? t->nrows : 1) * sizeof *v->rows);
    uf_cell *cells =
        malloc((size_t)(t->nrows ? t->nrows : 1) * (size_t)(n ? n : 1) * sizeof *cells);
    if (!v->cols || !v->rows || !cells) {
        free(v->cols);
        free(v->rows);
        free(cells);
        return false;
    }
    for (int c = 0; c < n; c++)
        v->cols[c] = t->cols[cols[c]];
    for (int r = 0; r < t->nrows; r++) {
        v->rows[r] = (uf_row){ cells + (size_t)r * (size_t)n, t->rows[r].total };
        for (int c = 0; c < n; c++)
            v->rows[r].cells[c] = t->rows[r].cells[cols[c]];
    }
    v->rows[0].cells = cells; /* so that view_free finds it when nrows is 0 */
    return true;
}

static void view_free(uf_table *v)
{
    free(v->rows[0].cells);
    free(v->rows);
    free(v->cols);
}

/*
 * Too wide even at the smallest size: split the columns into parts that
 * each fit at 8 pt with headers on at most 3 lines, about as many columns
 * in each, and repeat the leading text columns (the row labels, at most
 * two) in every part.  Each part is then laid out as a table of its own.
 */
static void split(ufpdf *p, const uf_table *t, int number)
{
    int n = t->ncols, nkey = 0;
    while (nkey < 2 && nkey < n - 1 && is_text(t->cols[nkey].type))
        nkey++;
    measure *m = malloc((size_t)n * sizeof *m);
    int *cols = malloc((size_t)n * sizeof *cols);
    if (!m || !cols) {
        p->nomem = true;
        goto out;
    }
    measure_columns(p, t, m);
    float key = 0, w;
    for (int c = 0; c < nkey; c++)
        key += maxf(m[c].word, m[c].head[2]) * SIZE_NOWRAP + 2 * PAD_X;
    /* how many parts greedy packing needs, then that many of even size */
    int nparts = 0;
    for (int c = nkey; c < n; nparts++)
        for (float sum = key; c < n; c++) {
            float cell = m[c].text ? m[c].word : m[c].content;
            w = maxf(cell, m[c].head[2]) * SIZE_NOWRAP + 2 * PAD_X;
            if (sum > key && sum + w > UFPDF_WIDTH)
                break;
            sum += w;
        }
    int start = nkey;
    for (int i = 0; i < nkey; i++)
        cols[i] = i;
    for (int part = 0; start < n && ufpdf_ok(p); part++) {
        int k = nkey, left = nparts - part > 1 ? nparts - part : 1;
        int per = (n - start + left - 1) / left;
        for (; start < n && k - nkey < per; start++)
            cols[k++] = start;
        uf_table v;
        layout lo = { 0 };
        piece pc = { number, part, nparts };
        if (!view(t, cols, k, &v)) {
            p->nomem = true;
            break;
        }
        if (lay_out(p, &v, &lo, true) > 0)
            draw(p, &v, &lo, &pc);
        free(lo.w);
        view_free(&v);
    }
out:
    free(m);
    free(cols);
}

/* ---- joined columns ---------------------------------------------------------- */

/* What column c of t adds to its host's heading. */
static const char *join_head(const uf_table *t, int c)
{
    switch (t->cols[c].join_style) {
    case UF_JOIN_SD: return " (SD)";
    case UF_JOIN_CI_LOW: return " (95 % KI)";
    default: return "";
    }
}

/* Append s to buf (n bytes) at *at. */
static void put(char *buf, size_t n, size_t *at, const char *s)
{
    int k = snprintf(buf + *at, n - *at, "%s", s);
    if (k > 0)
        *at = *at + (size_t)k < n ? *at + (size_t)k : n - 1;
}

/* A view of a table whose joined columns (uf_column.join) are printed in
 * their hosts' cells: heads[k] is the heading of view column k when it
 * hosts some (else NULL), and then its cells' text is owned here too. */
typedef struct joined {
    uf_table v;
    char **heads;
} joined;

static void joined_free(joined *j)
{
    for (int k = 0; j->heads && k < j->v.ncols; k++)
        if (j->heads[k]) {
            free(j->heads[k]);
            for (int r = 0; r < j->v.nrows; r++)
                free(j->v.rows[r].cells[k].text);
        }
    free(j->heads);
    view_free(&j->v);
}

/* The text of host column host's cell in row r of t: its own, then its
 * joined columns' ("12,3 (4,5)", "1,2 (0,8; 1,6)"); a hidden or empty host
 * shows only its symbol or nothing, an empty joined cell nothing.  NULL
 * when memory ran out. */
static char *joined_text(ufpdf *p, const uf_table *t, int r, int host)
{
    char text[UF_FMT_BUF * 4], buf[UF_FMT_BUF];
    size_t at = 0;
    put(text, sizeof text, &at, ufpdf_cell_text(p, t, r, host, buf));
    const uf_cell *h = &t->rows[r].cells[host];
    for (int c = 0; h->supp == UF_SHOWN && h->type != UF_C_EMPTY && c < t->ncols; c++) {
        if (t->cols[c].join != host || t->rows[r].cells[c].type == UF_C_EMPTY)
            continue;
        uf_join js = t->cols[c].join_style;
        put(text, sizeof text, &at, js == UF_JOIN_CI_HIGH ? "; " : " (");
        put(text, sizeof text, &at, ufpdf_cell_text(p, t, r, c, buf));
        if (js != UF_JOIN_CI_LOW)
            put(text, sizeof text, &at, ")");
    }
    return strdup(text);
}

/* The view of t with its joined columns inside their hosts; false when
 * memory ran out (nothing to free then). */
static bool join_view(ufpdf *p, const uf_table *t, joined *j)
{
    int n = 0;
    int *cols = calloc((size_t)t->ncols, sizeof *cols);
    if (!cols)
        return false;
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].join < 0)
            cols[n++] = c;
    j->heads = NULL;
    if (!view(t, cols, n, &j->v)) {
        free(cols);
        return false;
    }
    bool ok = (j->heads = calloc((size_t)(n ? n : 1), sizeof *j->heads)) != NULL;
    for (int k = 0; ok && k < n; k++) {
        char head[256];
        size_t at = 0;
        bool hosts = false;
        put(head, sizeof head, &at, t->cols[cols[k]].label ? t->cols[cols[k]].label : "");
        for (int c = 0; c < t->ncols; c++)
            if (t->cols[c].join == cols[k]) {
                put(head, sizeof head, &at, join_head(t, c));
                hosts = true;
            }
        if (!hosts)
            continue;
        for (int r = 0; r < t->nrows; r++)
            j->v.rows[r].cells[k].text = NULL;
        ok = (j->heads[k] = strdup(head)) != NULL;
        j->v.cols[k].label = j->heads[k];
        for (int r = 0; ok && r < t->nrows; r++)
            ok = (j->v.rows[r].cells[k].text = joined_text(p, t, r, cols[k])) != NULL;
    }
    free(cols);
    if (!ok)
        joined_free(j);
    return ok;
}

void ufpdf_table(ufpdf *p, const uf_table *t)
{
    layout lo = { 0 };
    if (t->ncols <= 0)
        return;
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].join >= 0) {
            joined j;
            if (!join_view(p, t, &j)) {
                p->nomem = true;
                return;
            }
            ufpdf_table(p, &j.v);
            joined_free(&j);
            return;
        }
    piece pc = { ++p->ntables, 0, 1 };
    int fits = lay_out(p, t, &lo, false);
    if (fits > 0)
        draw(p, t, &lo, &pc);
    else if (fits == 0)
        split(p, t, pc.number);
    free(lo.w);
}
