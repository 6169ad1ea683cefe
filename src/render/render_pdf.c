/*
 * render_pdf.c - the report model as PDF (libharu 2.3.0): the document, its
 * pages and flow, the title page, sections, the method notes, footers and
 * metadata.  Tables and charts are drawn by render_pdf_table.c and
 * render_pdf_chart.c, pages, headings and text by render_pdf_text.c (which
 * the others call down to); render_pdf_internal.h describes the parts.
 *
 * Like every renderer it reads the report model only, and shows a cell as
 * uf_fmt_cell does, so the PDF hides exactly what the disclosure control
 * hid (SPEC §8).
 *
 * Text is DejaVu Sans (Debian's fonts-dejavu-core), embedded as a CID
 * TrueType subset with libharu's UTF-8 encoder, so that å ä ö – ≥ and the
 * no-break space of Swedish numbers render; each font's ToUnicode map,
 * which libharu gets wrong, is replaced before saving by one of the codes
 * drawn (render_pdf_tounicode.c), so that the text can be copied or
 * searched.
 *
 * Reproducible output: libharu reads the clock (and writes an /ID) only for
 * encryption and PDF/A, neither of which is used here; the creation date
 * is the caller's epoch, and nothing else depends on time, addresses or
 * randomness, so the same model and epoch give the same bytes.  (PDF/A is
 * not claimed: libharu 2.3.0's PDF/A mode is broken.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "uppfolj/outfile.h"
#include "uppfolj/render.h"
#include "render_pdf_internal.h"

#ifndef UF_PDF_FONT_DIR
#define UF_PDF_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif
#ifndef UF_VERSION
#define UF_VERSION "?"
#endif

#define SIZE_FOOTER 7.5f

/* libharu's error handler: remember the first error, never abort. */
static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
    ufpdf *p = data;
    if (p->hpdf_err == 0) {
        p->hpdf_err = err;
        p->hpdf_detail = detail;
    }
}

/* The uf_error for what went wrong. */
static uf_error error_of(const ufpdf *p)
{
    if (p->nomem || p->hpdf_err == HPDF_FAILD_TO_ALLOC_MEM)
        return UF_ERR_NOMEM;
    if (p->hpdf_err == HPDF_FILE_OPEN_ERROR || p->hpdf_err == HPDF_FILE_IO_ERROR)
        errno = (int)p->hpdf_detail;
    else
        errno = EIO;
    return UF_ERR_IO;
}

/* ---- the document -------------------------------------------------------- */

/* DejaVu Sans and DejaVu Sans Bold, embedded, with UTF-8 text.
 * UF_ERR_MISSING when the font files are not installed. */
static uf_error load_fonts(ufpdf *p)
{
    static const char *const files[2] = { UF_PDF_FONT_DIR "/DejaVuSans.ttf",
                                          UF_PDF_FONT_DIR "/DejaVuSans-Bold.ttf" };
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    p->utf8 = HPDF_GetEncoder(p->doc, "UTF-8");
    if (!p->utf8)
        return error_of(p);
    for (int i = 0; i < 2; i++) {
        if (access(files[i], R_OK) != 0)
            return UF_ERR_MISSING;
        const char *name = HPDF_LoadTTFontFromFile(p->doc, files[i], HPDF_TRUE);
        p->font[i] = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
        if (!p->font[i])
            return error_of(p);
    }
    return UF_OK;
}

/* Title, author (the unit), subject (the period), creator and the dates.
 * libharu writes the strings as UTF-16BE with a byte-order mark. */
static void metadata(ufpdf *p, long long epoch)
{
    const uf_report *r = p->r;
    if (r->title)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, r->title);
    if (r->unit)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, r->unit);
    if (r->period)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, r->period);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "uppfolj " UF_VERSION);
    time_t t = (time_t)epoch;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
        return;
    HPDF_Date d = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                    tm.tm_sec,         'Z',           0,          0 };
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, d);
}

/* "key  value" with the key in a column of width kw, both wrapped. */
static void key_value(ufpdf *p, const char *key, const char *value, float size, float kw)
{
    ufpdf_line *kl = NULL, *vl = NULL;
    int nk = ufpdf_wrap(p, true, size, key, kw - 8, &kl);
    int nv = ufpdf_wrap(p, false, size, value ? value : "", UFPDF_WIDTH - kw, &vl);
    float lh = size * UFPDF_LEADING;
    if (nk > 0 && nv > 0) {
        int n = nk > nv ? nk : nv;
        ufpdf_need(p, (float)n * lh);
        ufpdf_fill(p, UFPDF_BLACK);
        for (int i = 0; i < n; i++) {
            float base = ufpdf_baseline(p->y - (float)i * lh, size);
            if (i < nk)
                ufpdf_text(p, true, size, UFPDF_LEFT, base, UFPDF_L, kl[i].s, kl[i].len);
            if (i < nv)
                ufpdf_text(p, false, size, UFPDF_LEFT + kw, base, UFPDF_L, vl[i].s, vl[i].len);
        }
        p->y -= (float)n * lh + 1;
    }
    free(kl);
    free(vl);
}

/* A heading of the front page, bookmarked under the front page's entry. */
static void subheading(ufpdf *p, HPDF_Outline front, const char *s)
{
    ufpdf_need(p, 11 * UFPDF_LEADING * 3);
    p->y -= 10;
    ufpdf_par_bookmark(p, front, 11, s);
    p->y -= 2;
}

/* The disclosure rule in a shaded box (SPEC §8: every report states it). */
static void rule_box(ufpdf *p)
{
    char rule[768];
    int t = p->r->threshold > 0 ? p->r->threshold : 5;
    const char *head = p->r->internal ? "Mottagare: intern" : "Röjandeskydd";
    if (p->r->internal)
        snprintf(rule, sizeof rule,
                 "%s. Rapporten visar exakta antal och statistik utan röjandeskydd och är "
                 "bara till för enhetens egen personal; ett test (och dess konfidensintervall) "
                 "görs bara när varje grupp har "
                 "minst %d personer. Lämna inte ut den: gör en rapport med --mottagare extern "
                 "för den som står utanför (se metoddelen).",
                 UF_INTERNAL_BANNER, t);
    else
        snprintf(rule, sizeof rule,
                 "Mottagare: extern. Värden som bygger på färre än %d personer visas inte. Ett "
                 "antal på 1–%d visas som <%d; ett medelvärde eller en andel som bygger på för "
                 "få personer, eller ett värde som annars skulle kunna räknas fram ur något "
                 "annat som rapporten visar, visas som ..; ett test som inte görs (för få "
                 "personer) visas som – och en uppgift som saknas som en punkt (se "
                 "metoddelen).",
                 t, t - 1, t);
    ufpdf_line *ln;
    int n = ufpdf_wrap(p, false, UFPDF_SIZE_BODY, rule, UFPDF_WIDTH - 16, &ln);
    if (n < 0)
        return;
    float lh = UFPDF_SIZE_BODY * UFPDF_LEADING, h = (float)(n + 1) * lh + 12;
    p->y -= 14;
    ufpdf_need(p, h);
    ufpdf_fill(p, p->r->internal ? 0xfbe9e7u : 0xeef2f7u);
    ufpdf_rect(p, UFPDF_LEFT, p->y - h, UFPDF_WIDTH, h);
    p->y -= 6;
    ufpdf_fill(p, UFPDF_BLACK);
    ufpdf_text(p, true, UFPDF_SIZE_BODY, UFPDF_LEFT + 8, ufpdf_baseline(p->y, UFPDF_SIZE_BODY),
               UFPDF_L, head, strlen(head));
    for (int i = 0; i < n; i++)
        ufpdf_text(p, false, UFPDF_SIZE_BODY, UFPDF_LEFT + 8,
                   ufpdf_baseline(p->y - (float)(i + 1) * lh, UFPDF_SIZE_BODY), UFPDF_L, ln[i].s,
                   ln[i].len);
    p->y -= h - 6;
    free(ln);
}

static void title_page(ufpdf *p)
{
    const uf_report *r = p->r;
    char version[128];
    ufpdf_new_page(p);
    p->y = UFPDF_TOP - 100;
    /* the outline's first entry, closed over the front page's headings */
    HPDF_Outline front = ufpdf_par_bookmark(p, NULL, 22, r->title ? r->title : "");
    if (front)
        HPDF_Outline_SetOpened(front, HPDF_FALSE);
    p->y -= 4;
    if (r->unit)
        ufpdf_par(p, false, 14, UFPDF_GREY, 0, r->unit);
    p->y -= 28;
    const float kw = 130;
    key_value(p, "Enhet", r->unit, 10, kw);
    if (r->population)
        key_value(p, "Population", r->population, 10, kw);
    key_value(p, "Period", r->period, 10, kw);
    key_value(p, "Datum för uttaget", r->as_of, 10, kw);
    key_value(p, "Data importerade", r->created, 10, kw);
    snprintf(version, sizeof version, "uppfolj %s", r->version ? r->version : UF_VERSION);
    key_value(p, "Programversion", version, 10, kw);
    rule_box(p);
    if (r->nparams > 0) {
        subheading(p, front, "Parametrar");
        for (int i = 0; i < r->nparams; i++)
            key_value(p, r->params[i].key ? r->params[i].key : "", r->params[i].value,
                      UFPDF_SIZE_BODY - 0.5f, kw);
    }
    if (r->nsnapshot > 0) {
        /* a file's SHA-256 cut to 16 digits here, one line per run (the
         * whole is in the XLSX, the JSON and uppfolj logg) */
        subheading(p, front, "Dataunderlag (importkörningar)");
        for (int i = 0; i < r->nsnapshot; i++) {
            char line[512];
            const char *sha = strstr(r->snapshot[i], "sha256 ");
            if (sha && strlen(sha + 7) > 16)
                snprintf(line, sizeof line, "%.*s%.16s…", (int)(sha + 7 - r->snapshot[i]),
                         r->snapshot[i], sha + 7);
            else
                snprintf(line, sizeof line, "%s", r->snapshot[i]);
            ufpdf_par(p, false, 7, UFPDF_GREY, 0, line);
        }
    }
}

/* Is chart c drawn from one of the tables of section s? */
static bool in_section(const uf_section *s, const uf_chart *c)
{
    for (int t = 0; t < s->ntables; t++)
        if (s->tables[t] == c->table)
            return true;
    return false;
}

/* Each section: heading, paragraphs, then every table followed by the
 * charts drawn from it; charts of other tables last.  A front section (the
 * summary) is unnumbered and has its page(s) to itself. */
static void sections(ufpdf *p)
{
    const uf_report *r = p->r;
    ufpdf_new_page(p);
    for (int i = 0, numbered = 0; i < r->nsections && ufpdf_ok(p); i++) {
        const uf_section *s = r->sections[i];
        char number[16] = "";
        if (!s->front)
            snprintf(number, sizeof number, "%d", ++numbered);
        else if (i > 0 && !r->sections[i - 1]->front)
            ufpdf_new_page(p);
        if (i > 0 && r->sections[i - 1]->front && !s->front)
            ufpdf_new_page(p); /* the detail after the summary */
        ufpdf_heading(p, number, s->title);
        for (int k = 0; k < s->npar; k++) {
            ufpdf_par(p, false, UFPDF_SIZE_BODY, UFPDF_BLACK, 0, s->paragraphs[k]);
            p->y -= 4;
        }
        for (int t = 0; t < s->ntables && ufpdf_ok(p); t++) {
            ufpdf_table(p, s->tables[t]);
            p->y -= 10;
            for (int c = 0; c < s->ncharts; c++)
                if (s->charts[c]->table == s->tables[t])
                    ufpdf_chart(p, s->charts[c]);
        }
        for (int c = 0; c < s->ncharts; c++)
            if (!in_section(s, s->charts[c]))
                ufpdf_chart(p, s->charts[c]);
        ufpdf_flush(p); /* a section with nothing in it */
    }
}

static void method(ufpdf *p)
{
    if (p->r->nmethod <= 0)
        return;
    ufpdf_heading(p, "", "Metod och definitioner");
    for (int i = 0; i < p->r->nmethod; i++) {
        ufpdf_par(p, false, UFPDF_SIZE_BODY, UFPDF_BLACK, 0, p->r->method[i]);
        p->y -= 4;
    }
}

/* "sida X av Y" and the report's title on every page, once all exist;
 * an internal report's mark above the text of every page. */
static void footers(ufpdf *p)
{
    char label[64], cut[512];
    for (int i = 0; i < p->npages; i++) {
        p->page = p->pages[i];
        if (p->r->internal) {
            ufpdf_fill(p, 0xb3261eu);
            ufpdf_text(p, true, SIZE_FOOTER, UFPDF_LEFT + UFPDF_WIDTH / 2, UFPDF_TOP + 18, UFPDF_C,
                       UF_INTERNAL_BANNER, strlen(UF_INTERNAL_BANNER));
        }
        snprintf(label, sizeof label, "sida %d av %d", i + 1, p->npages);
        float y = UFPDF_BOTTOM - 22, right = UFPDF_LEFT + UFPDF_WIDTH;
        float lw = ufpdf_width(p, false, SIZE_FOOTER, label, strlen(label));
        const char *t = ufpdf_shorten(p, false, SIZE_FOOTER, p->r->title ? p->r->title : "",
                                      UFPDF_WIDTH - lw - 24, cut, sizeof cut);
        ufpdf_stroke(p, UFPDF_RULE);
        ufpdf_line_to(p, UFPDF_LEFT, y + 10, right, y + 10, 0.4f);
        ufpdf_fill(p, UFPDF_GREY);
        ufpdf_text(p, false, SIZE_FOOTER, UFPDF_LEFT, y, UFPDF_L, t, strlen(t));
        ufpdf_text(p, false, SIZE_FOOTER, right, y, UFPDF_R, label, strlen(label));
    }
}

/* Each font's ToUnicode map: the codes drawn in it (render_pdf_tounicode.c),
 * in place of libharu's, which is no such map. */
static void tounicode(ufpdf *p)
{
    for (int i = 0; i < 2 && ufpdf_ok(p); i++) {
        HPDF_STATUS st = ufpdf_tounicode_set(p->font[i], &p->drawn[i]);
        if (st != HPDF_OK)
            on_error(st, 0, p);
    }
}

/* Write the finished document to path (uf_out_open: whole or not at all,
 * never through a link); UF_ERR_IO (errno) on failure, and no partial
 * file is left. */
static uf_error save(ufpdf *p, const char *path)
{
    if (HPDF_SaveToStream(p->doc) != HPDF_OK)
        return error_of(p);
    HPDF_ResetStream(p->doc);
    uf_outfile o;
    if (uf_out_open(&o, path, p->r->internal ? UF_OUT_PRIVATE : UF_OUT_SHARED) != UF_OK)
        return UF_ERR_IO;
    FILE *f = uf_out_stream(&o);
    if (!f)
        goto fail;
    for (;;) {
        HPDF_BYTE buf[16384];
        HPDF_UINT32 n = sizeof buf;
        HPDF_STATUS st = HPDF_ReadFromStream(p->doc, buf, &n);
        if (n > 0 && fwrite(buf, 1, n, f) != n)
            goto fail;
        if (st == HPDF_STREAM_EOF || n == 0)
            break;
        if (st != HPDF_OK) {
            errno = EIO;
            goto fail;
        }
    }
    return uf_out_commit(&o);
fail:
    uf_out_abort(&o);
    return UF_ERR_IO;
}

uf_error uf_render_pdf(const uf_report *r, const char *path, long long created_epoch, uf_diag *d)
{
    ufpdf p = { .r = r };
    p.doc = HPDF_New(on_error, &p);
    if (!p.doc)
        return UF_ERR_NOMEM;
    HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL);
    HPDF_SetPageMode(p.doc, HPDF_PAGE_MODE_USE_OUTLINE);
    uf_error err = load_fonts(&p);
    if (err == UF_OK) {
        metadata(&p, created_epoch);
        title_page(&p);
        sections(&p);
        method(&p);
        footers(&p);
        tounicode(&p);
        err = ufpdf_ok(&p) ? save(&p, path) : error_of(&p);
    }
    int e = errno;
    HPDF_Free(p.doc);
    free(p.pages);
    free(p.heading);
    errno = e;
    return uf_render_failed(d, path, err);
}
