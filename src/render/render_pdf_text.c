/*
 * render_pdf_text.c - pages, the flow down them (a heading is kept with
 * what follows it, and gets a bookmark that points at its first line) and
 * text in the PDF renderer: measuring UTF-8 text in DejaVu Sans (libharu
 * gives glyph widths in 1/1000 em, and has no kerning, so widths add up),
 * breaking it into lines, cutting it short, and drawing it straight or
 * turned, noting the codes drawn for the fonts' ToUnicode maps.  Strings
 * are short (cells, titles, paragraphs of a few lines), so a line is
 * measured from its start each time a word is added: simple, and fast
 * enough.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "render_pdf_internal.h"
#include "uppfolj/format.h"

#define ELLIPSIS "\xe2\x80\xa6"
#define SIZE_HEADING 14.0f
/* Text measured to fit exactly may come out a rounding error wider when
 * measured again: allow for it when wrapping. */
#define SLACK 0.01f

float ufpdf_width(const ufpdf *p, bool bold, float size, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(p->font[bold], (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return (float)tw.width * size / 1000.0f;
}

const char *ufpdf_cell_text(const ufpdf *p, const uf_table *t, int row, int col,
                            char buf[UF_FMT_BUF])
{
    const uf_cell *c = uf_table_cell(t, row, col);
    /* uf_fmt_cell copies text into its 64-byte buffer; long text is not cut */
    if (c->supp == UF_SHOWN && (c->type == UF_C_TEXT || c->type == UF_C_DATE))
        return c->text ? c->text : "";
    if (c->text) /* a number with its joined columns (render_pdf_table.c) */
        return c->text;
    return uf_fmt_cell(c, &t->cols[col], p->r->threshold, buf);
}

/* The byte after the UTF-8 character that starts at s[i] (i < len). */
static size_t next_char(const char *s, size_t len, size_t i)
{
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

float ufpdf_widest_word(const ufpdf *p, bool bold, float size, const char *s)
{
    float best = 0;
    while (*s) {
        size_t n = strcspn(s, " \n");
        float w = ufpdf_width(p, bold, size, s, n);
        if (w > best)
            best = w;
        s += n;
        if (*s)
            s++;
    }
    return best;
}

/* How many bytes of the first len bytes of s fit in width, whole
 * characters, at least one. */
static size_t fit_chars(const ufpdf *p, bool bold, float size, const char *s, size_t len,
                        float width)
{
    size_t i = next_char(s, len, 0);
    while (i < len) {
        size_t j = next_char(s, len, i);
        if (ufpdf_width(p, bold, size, s, j) > width + SLACK)
            break;
        i = j;
    }
    return i;
}

/*
 * The length of the line that starts at s (not at a space): whole words
 * while they fit, up to '\n' or the end; the first word broken between
 * characters when it alone is too wide.  *w gets the line's width.
 */
static size_t fit_line(const ufpdf *p, bool bold, float size, const char *s, float width, float *w)
{
    size_t best = 0, k = 0;
    *w = 0;
    for (;;) {
        size_t e = k;
        while (s[e] == ' ')
            e++;
        if (s[e] == '\0' || s[e] == '\n')
            break;
        while (s[e] && s[e] != ' ' && s[e] != '\n')
            e++;
        float we = ufpdf_width(p, bold, size, s, e);
        if (we > width + SLACK) {
            if (best > 0)
                break;
            best = fit_chars(p, bold, size, s, e, width);
            *w = ufpdf_width(p, bold, size, s, best);
            break;
        }
        best = e;
        *w = we;
        k = e;
    }
    return best;
}

int ufpdf_wrap(ufpdf *p, bool bold, float size, const char *s, float width, ufpdf_line **out)
{
    int n = 0, cap = 4;
    ufpdf_line *lines = malloc((size_t)cap * sizeof *lines);
    if (!lines)
        goto nomem;
    if (!s)
        s = "";
    for (;;) {
        while (*s == ' ')
            s++;
        if (n == cap) {
            ufpdf_line *more = realloc(lines, (size_t)cap * 2 * sizeof *lines);
            if (!more)
                goto nomem;
            lines = more;
            cap *= 2;
        }
        float w = 0;
        size_t len = *s == '\n' ? 0 : fit_line(p, bold, size, s, width, &w);
        lines[n++] = (ufpdf_line){ s, len, w };
        s += len;
        while (*s == ' ')
            s++;
        if (*s == '\n')
            s++;
        else if (*s == '\0')
            break;
    }
    *out = lines;
    return n;
nomem:
    free(lines);
    p->nomem = true;
    *out = NULL;
    return -1;
}

char *ufpdf_join(ufpdf *p, const char *a, const char *b, const char *c)
{
    a = a ? a : "";
    b = b ? b : "";
    c = c ? c : "";
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = malloc(la + lb + lc + 1);
    if (!s) {
        p->nomem = true;
        return NULL;
    }
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc + 1);
    return s;
}

const char *ufpdf_shorten(const ufpdf *p, bool bold, float size, const char *s, float width,
                          char *buf, size_t bufsize)
{
    size_t len = strlen(s);
    if (ufpdf_width(p, bold, size, s, len) <= width && len < bufsize) {
        memcpy(buf, s, len + 1);
        return buf;
    }
    float room = width - ufpdf_width(p, bold, size, ELLIPSIS, strlen(ELLIPSIS));
    size_t keep = 0;
    while (keep < len) {
        size_t j = next_char(s, len, keep);
        if (j + sizeof ELLIPSIS > bufsize || ufpdf_width(p, bold, size, s, j) > room)
            break;
        keep = j;
    }
    while (keep > 0 && s[keep - 1] == ' ')
        keep--;
    memcpy(buf, s, keep);
    memcpy(buf + keep, ELLIPSIS, sizeof ELLIPSIS);
    return buf;
}

/* s[0..len) as a NUL-terminated string: in stack (when it fits) or in a
 * malloc'ed buffer that *heap owns.  NULL when memory ran out. */
static const char *terminated(ufpdf *p, const char *s, size_t len, char *stack, size_t ssize,
                              char **heap)
{
    char *buf = stack;
    *heap = NULL;
    if (len >= ssize) {
        buf = *heap = malloc(len + 1);
        if (!buf) {
            p->nomem = true;
            return NULL;
        }
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

/* Note the codes of len bytes of s, about to be drawn, for the font's
 * ToUnicode map (render_pdf_tounicode.c). */
static void note(ufpdf *p, bool bold, const char *s, size_t len)
{
    if (!ufpdf_codes_add(&p->drawn[bold], p->utf8, s, len))
        p->nomem = true;
}

void ufpdf_text(ufpdf *p, bool bold, float size, float x, float y, ufpdf_align a, const char *s,
                size_t len)
{
    char stack[256], *heap;
    if (!p->page || len == 0)
        return;
    const char *t = terminated(p, s, len, stack, sizeof stack, &heap);
    if (!t)
        return;
    if (a != UFPDF_L) {
        float w = ufpdf_width(p, bold, size, s, len);
        x -= a == UFPDF_C ? w / 2 : w;
    }
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, p->font[bold], size);
    note(p, bold, t, len);
    HPDF_Page_TextOut(p->page, x, y, t);
    HPDF_Page_EndText(p->page);
    free(heap);
}

void ufpdf_text_turned(ufpdf *p, bool bold, float size, float x, float y, float deg, const char *s)
{
    if (!p->page || !*s)
        return;
    float rad = deg * 3.14159265f / 180.0f, c = cosf(rad), n = sinf(rad);
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, p->font[bold], size);
    HPDF_Page_SetTextMatrix(p->page, c, n, -n, c, x, y);
    note(p, bold, s, strlen(s));
    HPDF_Page_ShowText(p->page, s);
    HPDF_Page_EndText(p->page);
}

float ufpdf_baseline(float top, float size)
{
    /* DejaVu Sans: ascent 0.928 em, descent 0.236 em; centre them in the
     * line box. */
    return top - size * UFPDF_LEADING / 2 - 0.346f * size;
}

/* A bookmark (outline entry) titled title under parent (NULL: the top
 * level) that points at the cursor.  NULL when libharu failed. */
static HPDF_Outline bookmark(ufpdf *p, HPDF_Outline parent, const char *title)
{
    HPDF_Outline o = HPDF_CreateOutline(p->doc, parent, title, p->utf8);
    HPDF_Destination d = p->page ? HPDF_Page_CreateDestination(p->page) : NULL;
    if (!o || !d)
        return o;
    HPDF_Destination_SetFitH(d, p->y + 4);
    HPDF_Outline_SetDestination(o, d);
    return o;
}

/* ufpdf_par; when mark, also a bookmark under parent that points at the
 * first line, made once the page that line goes on is known.  Returns the
 * bookmark (NULL when none). */
static HPDF_Outline flow(ufpdf *p, bool bold, float size, unsigned rgb, float indent, const char *s,
                         bool mark, HPDF_Outline parent)
{
    ufpdf_line *ln;
    HPDF_Outline o = NULL;
    int n = ufpdf_wrap(p, bold, size, s, UFPDF_WIDTH - indent, &ln);
    float lh = size * UFPDF_LEADING;
    if (n > 0) /* not one line alone at the foot of a page */
        ufpdf_need(p, (float)(n < 2 ? n : 2) * lh);
    if (mark && n > 0)
        o = bookmark(p, parent, s);
    for (int i = 0; i < n; i++) {
        ufpdf_need(p, lh);
        ufpdf_fill(p, rgb);
        ufpdf_text(p, bold, size, UFPDF_LEFT + indent, ufpdf_baseline(p->y, size), UFPDF_L, ln[i].s,
                   ln[i].len);
        p->y -= lh;
    }
    free(ln);
    return o;
}

void ufpdf_par(ufpdf *p, bool bold, float size, unsigned rgb, float indent, const char *s)
{
    flow(p, bold, size, rgb, indent, s, false, NULL);
}

HPDF_Outline ufpdf_par_bookmark(ufpdf *p, HPDF_Outline parent, float size, const char *s)
{
    return flow(p, true, size, UFPDF_BLACK, 0, s, true, parent);
}

static float channel(unsigned rgb, int shift)
{
    return (float)((rgb >> shift) & 0xFFu) / 255.0f;
}

void ufpdf_fill(ufpdf *p, unsigned rgb)
{
    if (p->page)
        HPDF_Page_SetRGBFill(p->page, channel(rgb, 16), channel(rgb, 8), channel(rgb, 0));
}

void ufpdf_stroke(ufpdf *p, unsigned rgb)
{
    if (p->page)
        HPDF_Page_SetRGBStroke(p->page, channel(rgb, 16), channel(rgb, 8), channel(rgb, 0));
}

void ufpdf_rect(ufpdf *p, float x, float y, float w, float h)
{
    if (!p->page)
        return;
    HPDF_Page_Rectangle(p->page, x, y, w, h);
    HPDF_Page_Fill(p->page);
}

void ufpdf_line_to(ufpdf *p, float x0, float y0, float x1, float y1, float width)
{
    if (!p->page)
        return;
    HPDF_Page_SetLineWidth(p->page, width);
    HPDF_Page_MoveTo(p->page, x0, y0);
    HPDF_Page_LineTo(p->page, x1, y1);
    HPDF_Page_Stroke(p->page);
}

/* ---- pages and their flow ------------------------------------------------ */

bool ufpdf_ok(const ufpdf *p)
{
    return !p->nomem && p->hpdf_err == 0;
}

void ufpdf_new_page(ufpdf *p)
{
    if (p->npages == p->pcap) {
        int cap = p->pcap ? 2 * p->pcap : 16;
        HPDF_Page *more = realloc(p->pages, (size_t)cap * sizeof *more);
        if (!more) {
            p->nomem = true;
            return;
        }
        p->pages = more;
        p->pcap = cap;
    }
    p->page = HPDF_AddPage(p->doc);
    p->y = UFPDF_TOP;
    if (!p->page)
        return;
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    p->pages[p->npages++] = p->page;
}

#define HEADING_SPACE 12.0f /* above a heading not at the top of a page */

bool ufpdf_need(ufpdf *p, float h)
{
    bool fresh = false;
    if (p->heading)
        h += SIZE_HEADING * UFPDF_LEADING + HEADING_SPACE + 4;
    /* a page that is still empty takes anything, even what is too tall */
    if (!p->page || (p->y - h < UFPDF_BOTTOM && p->y < UFPDF_TOP)) {
        ufpdf_new_page(p);
        fresh = true;
    }
    ufpdf_flush(p);
    return fresh;
}

void ufpdf_heading(ufpdf *p, const char *number, const char *title)
{
    ufpdf_flush(p);
    p->heading = ufpdf_join(p, number, *number ? "  " : "", title);
}

void ufpdf_flush(ufpdf *p)
{
    char *s = p->heading;
    if (!s)
        return;
    p->heading = NULL; /* ufpdf_par calls ufpdf_need */
    if (p->page && p->y < UFPDF_TOP)
        p->y -= HEADING_SPACE;
    ufpdf_par_bookmark(p, NULL, SIZE_HEADING, s);
    p->y -= 4;
    free(s);
}
