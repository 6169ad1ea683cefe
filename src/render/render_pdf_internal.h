/*
 * render_pdf_internal.h - shared by the PDF renderer's parts: the document
 * and page flow (render_pdf.c), text measuring and wrapping
 * (render_pdf_text.c), tables (render_pdf_table.c), charts
 * (render_pdf_chart.c) and the fonts' ToUnicode maps
 * (render_pdf_tounicode.c).  Not a public API; uf_render_pdf (render.h) is.
 *
 * The layering rule of the renderers holds here too: these files read the
 * report model only.  They show a cell as uf_fmt_cell gives it, so a hidden
 * cell is "<5" or ".." and its value is never measured, drawn or used to
 * scale an axis.
 *
 * Coordinates are PDF points (1/72 inch) with the origin at the bottom left
 * of the page.  A flow cursor `y` is the top of the free space on the
 * current page; drawing moves it down, and ufpdf_need() starts a new page
 * when what comes next does not fit above the bottom margin.
 *
 * Errors: libharu reports through an error handler that only records the
 * first error (it never aborts); a failed allocation of our own sets
 * `nomem`.  Drawing goes on harmlessly after an error and uf_render_pdf
 * checks ufpdf_ok() at the end (and between tables, to stop early).
 */
#ifndef UPPFOLJ_RENDER_PDF_INTERNAL_H
#define UPPFOLJ_RENDER_PDF_INTERNAL_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uppfolj/format.h"
#include "uppfolj/model.h"

/* A4 portrait with 20 mm margins; the footer sits inside the bottom one. */
#define UFPDF_PAGE_W 595.276f
#define UFPDF_PAGE_H 841.89f
#define UFPDF_MARGIN 56.69f
#define UFPDF_LEFT UFPDF_MARGIN
#define UFPDF_WIDTH (UFPDF_PAGE_W - 2 * UFPDF_MARGIN)
#define UFPDF_TOP (UFPDF_PAGE_H - UFPDF_MARGIN)
#define UFPDF_BOTTOM UFPDF_MARGIN

/* Type sizes (points) and the line height as a factor of the size. */
#define UFPDF_SIZE_BODY 9.5f
#define UFPDF_SIZE_SMALL 7.5f
#define UFPDF_LEADING 1.3f

/* Colours as 0xRRGGBB. */
#define UFPDF_BLACK 0x000000u
#define UFPDF_GREY 0x666666u
#define UFPDF_RULE 0x999999u
#define UFPDF_GRID 0xddddddu
#define UFPDF_ZEBRA 0xf2f2f2u

/* A set of 2-byte character codes: those drawn in one font. */
typedef struct ufpdf_codes {
    uint64_t bits[65536 / 64];
} ufpdf_codes;

typedef struct ufpdf {
    HPDF_Doc doc;
    HPDF_Font font[2];    /* [0] regular, [1] bold: DejaVu Sans, UTF-8 */
    HPDF_Encoder utf8;    /* libharu's UTF-8 encoder, which both fonts use */
    ufpdf_codes drawn[2]; /* the codes drawn in font[i], for its ToUnicode */
    const uf_report *r;
    HPDF_Page page;   /* the current page; NULL before the first */
    HPDF_Page *pages; /* every page, for the footers drawn last */
    int npages, pcap;
    float y;              /* top of the free space on the current page */
    int ntables, ncharts; /* numbering: "Tabell 3", "Figur 2" */
    char *heading;        /* a heading waiting for what follows it */
    HPDF_STATUS hpdf_err; /* first libharu error; 0 = none */
    HPDF_STATUS hpdf_detail;
    bool nomem; /* an allocation of ours failed */
} ufpdf;

/* A piece of a longer UTF-8 string: one wrapped line, not NUL-terminated. */
typedef struct ufpdf_line {
    const char *s;
    size_t len;
    float w; /* its width at the size it was wrapped for */
} ufpdf_line;

/* Text alignment at an anchor x. */
typedef enum ufpdf_align { UFPDF_L, UFPDF_C, UFPDF_R } ufpdf_align;

/* ---- render_pdf.c: pages and flow ---------------------------------------- */

/* No error so far (ours or libharu's). */
bool ufpdf_ok(const ufpdf *p);
/* Start a new page (A4 portrait) and put the cursor at its top. */
void ufpdf_new_page(ufpdf *p);
/* Make room for h points below the cursor: a new page when it does not fit
 * (or when there is no page yet).  A waiting section heading (see
 * ufpdf_heading) is drawn first, on the same page as those h points.
 * True when a new page was started. */
bool ufpdf_need(ufpdf *p, float h);
/* A section heading, drawn by the next ufpdf_need (so that it is never the
 * last thing on a page) or by ufpdf_flush, with a bookmark of its own. */
void ufpdf_heading(ufpdf *p, const char *number, const char *title);
/* Draw a waiting heading now. */
void ufpdf_flush(ufpdf *p);

/* ---- render_pdf_text.c: measuring, wrapping, drawing text ---------------- */

/* Width in points of len bytes of UTF-8 text s. */
float ufpdf_width(const ufpdf *p, bool bold, float size, const char *s, size_t len);
/* Width of the widest word of s (words end at spaces). */
float ufpdf_widest_word(const ufpdf *p, bool bold, float size, const char *s);
/*
 * Break s into lines no wider than width, at spaces (a no-break space does
 * not break) and at '\n'; a word wider than width is broken between
 * characters.  *out gets a malloc'ed array (caller frees) of at least one
 * line pointing into s.  Returns the number of lines, or -1 (and *out NULL,
 * nomem set) when memory ran out.
 */
int ufpdf_wrap(ufpdf *p, bool bold, float size, const char *s, float width, ufpdf_line **out);
/* The text of cell (row, col) of t as a reader sees it: a text cell's
 * whole text, else uf_fmt_cell ("1 234,5", "12,5 %", "<5", ".."). */
const char *ufpdf_cell_text(const ufpdf *p, const uf_table *t, int row, int col,
                            char buf[UF_FMT_BUF]);
/* a, b and c (NULL: "") joined, malloc'ed (caller frees); NULL and nomem
 * set when memory ran out. */
char *ufpdf_join(ufpdf *p, const char *a, const char *b, const char *c);
/* s cut to fit width, with "…" at the end when it was cut; into buf. */
const char *ufpdf_shorten(const ufpdf *p, bool bold, float size, const char *s, float width,
                          char *buf, size_t bufsize);
/* Draw len bytes of s with its baseline at y, aligned at x. */
void ufpdf_text(ufpdf *p, bool bold, float size, float x, float y, ufpdf_align a, const char *s,
                size_t len);
/* Draw s turned deg degrees counterclockwise about its start (x, y). */
void ufpdf_text_turned(ufpdf *p, bool bold, float size, float x, float y, float deg, const char *s);
/* The baseline of a line of text of the given size whose line box (of
 * height size * UFPDF_LEADING) starts at top. */
float ufpdf_baseline(float top, float size);
/*
 * Flow a paragraph at the cursor, indented by indent, wrapped to the
 * width left and broken across pages; the cursor ends below it.
 */
void ufpdf_par(ufpdf *p, bool bold, float size, unsigned rgb, float indent, const char *s);
/* A heading: s as ufpdf_par draws it (bold, black, not indented), and a
 * bookmark (outline entry) titled s under parent (NULL: the top level)
 * that points at its first line.  Returns the bookmark; NULL when libharu
 * failed (its error is recorded). */
HPDF_Outline ufpdf_par_bookmark(ufpdf *p, HPDF_Outline parent, float size, const char *s);
/* Fill / stroke colour for what follows. */
void ufpdf_fill(ufpdf *p, unsigned rgb);
void ufpdf_stroke(ufpdf *p, unsigned rgb);
/* A filled rectangle and a line, in the current colours. */
void ufpdf_rect(ufpdf *p, float x, float y, float w, float h);
void ufpdf_line_to(ufpdf *p, float x0, float y0, float x1, float y1, float width);

/* ---- render_pdf_tounicode.c: the fonts' ToUnicode maps ------------------ */

/* Add to c the codes that libharu's encoder enc writes for len bytes of
 * UTF-8 text s.  False when memory ran out. */
bool ufpdf_codes_add(ufpdf_codes *c, HPDF_Encoder enc, const char *s, size_t len);
/* The text of a ToUnicode CMap that maps each code of c to its Unicode
 * value (U+FFFD for a surrogate code), malloc'ed (caller frees), *len its
 * length.  NULL when memory ran out. */
char *ufpdf_tounicode_cmap(const ufpdf_codes *c, size_t *len);
/* Replace the content of font's /ToUnicode stream by the map of c: call it
 * when every page is drawn, before saving.  HPDF_OK, else the error
 * (HPDF_FAILD_TO_ALLOC_MEM when memory ran out). */
HPDF_STATUS ufpdf_tounicode_set(HPDF_Font font, const ufpdf_codes *c);

/* ---- render_pdf_table.c, render_pdf_chart.c ------------------------------ */

/* Draw table t at the cursor: numbered title, description, header row
 * (repeated after page breaks), rows, notes. */
void ufpdf_table(ufpdf *p, const uf_table *t);
/* Draw chart c at the cursor: numbered title, axes, bars or lines, legend;
 * hidden cells are not drawn. */
void ufpdf_chart(ufpdf *p, const uf_chart *c);

#endif
