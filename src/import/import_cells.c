/*
 * import_cells.c - the reader thread's part of an import: map the header
 * of a file to its entity's columns and parse every cell (trim, dates,
 * numbers, codes).  It touches no database and no state of the writing
 * thread; its messages go to the reader's own diagnostics list, which the
 * engine merges in line order when the file is done.
 *
 * Every cell outside the person column, item scores included, is first
 * checked not to be a personnummer (SPEC §3): for ordinary values that
 * costs a shape test (uf_pnr_is_valid), and it spares the type checks
 * below from quoting a number in their messages.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "import_internal.h"
#include "uppfolj/config.h"
#include "uppfolj/pnr.h"

/* The error for a personnummer outside the person column; never quotes it. */
static const char pnr_message[] =
    "värdet ser ut som ett personnummer; personnummer får bara stå i kolumnen person";

/* Report an error (or warning) on the reader's current line. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void
report(prep_ctx *r, uf_severity sev, int col, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    uf_diag_add(r->d, sev, r->h->path, r->line, col >= 0 ? r->h->colname[col] : NULL, "%s", msg);
    if (sev == UF_ERROR)
        r->bad = true;
}

/* The allowed codes of c, comma-separated, into out. */
static void code_list(const coldef *c, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    const uf_kb_list *l = uf_kb((uf_kb_id)c->kb);
    for (int i = 0; i < l->n && used + 1 < n; i++)
        used += (size_t)snprintf(out + used, n - used, "%s%s", i ? ", " : "", l->e[i].code);
}

/* The configured extra measure named m (its stored code), or NULL. */
static const char *configured_measure(const uf_config *cfg, const char *m)
{
    for (int i = 0; i < cfg->nmeasures; i++)
        if (strcmp(cfg->measures[i].code, m) == 0)
            return cfg->measures[i].code;
    return NULL;
}

/* Is one '|'-separated part of a list cell, from p to end, a valid
 * personnummer?  Spaces around it are ignored, as the row handler trims
 * each part. */
static bool part_is_pnr(const char *p, const char *end, int today)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    size_t n = (size_t)(end - p);
    char part[14];
    if (n < 10 || n >= sizeof part)
        return false;
    memcpy(part, p, n);
    part[n] = '\0';
    bool hit = uf_pnr_is_valid(part, today);
    memset(part, 0, sizeof part);
    return hit;
}

/* Does trimmed, non-empty text f of a column of type t hold a valid
 * personnummer: the whole cell, or for a list (T_CODES) one of its parts? */
static bool holds_pnr(const prep_ctx *r, const char *f, ctype t)
{
    if (t != T_CODES)
        return uf_pnr_is_valid(f, r->today);
    for (;;) {
        const char *end = f + strcspn(f, "|");
        if (part_is_pnr(f, end, r->today))
            return true;
        if (!*end)
            return false;
        f = end + 1;
    }
}

/* Say why f is no date, and how to fix a column Excel wrote so: a date
 * without leading zeros (2024-3-5) or with slashes (05/03/2024, which can
 * be 5 March or 3 May) comes from a cell formatted as a date the Swedish
 * way or not at all. */
static void date_error(prep_ctx *r, int col, const char *label, const char *f)
{
    int a, b, y;
    char tail;
    static const char fix[] = "i Excel: markera kolumnen, välj Formatera celler > Anpassat, "
                              "skriv åååå-mm-dd och spara filen igen";
    if (strlen(f) < 10 && sscanf(f, "%d-%d-%d%c", &y, &a, &b, &tail) == 3 && uf_date_valid(y, a, b))
        report(r, UF_ERROR, col,
               "%s %s ska skrivas med två siffror för månad och dag (%04d-%02d-%02d); %s", label, f,
               y, a, b, fix);
    else if (sscanf(f, "%d/%d/%d%c", &a, &b, &y, &tail) == 3 && y >= 1000)
        report(r, UF_ERROR, col,
               "%s %s är skrivet med snedstreck och kan läsas på två sätt (dag/månad eller "
               "månad/dag); skriv datum som ÅÅÅÅ-MM-DD: %s",
               label, f, fix);
    else
        report(r, UF_ERROR, col, "%s %s är inget giltigt datum (ÅÅÅÅ-MM-DD)", label, f);
}

/* Parse field f of column col into cl; false after an error. */
static bool parse_cell(prep_ctx *r, int col, char *f, cell *cl)
{
    const coldef *c = &r->h->ent->cols[col];
    char folded[256];
    uf_trim(f);
    cl->text = *f ? f : NULL;
    /* limits are errors, never a silent change: control characters
     * (a tab, a line break inside a quoted cell, ESC) and text longer
     * than UF_CELL_MAX characters */
    const char *ctl = uf_control_char(f);
    if (ctl) {
        report(r, UF_ERROR, col,
               "%s innehåller ett kontrolltecken (byte 0x%02X) som inte hör hemma "
               "i data",
               c->label, (unsigned char)*ctl);
        cl->text = NULL;
        return false;
    }
    if (uf_utf8_chars(f) > UF_CELL_MAX) {
        report(r, UF_ERROR, col, "%s är längre än %d tecken", c->label, UF_CELL_MAX);
        cl->text = NULL;
        return false;
    }
    if (cl->text && c->type != T_PERSON && holds_pnr(r, f, c->type)) {
        report(r, UF_ERROR, col, "%s", pnr_message);
        cl->text = NULL;
        return false;
    }
    if (!cl->text || c->type == T_TEXT || c->type == T_PERSON || c->type == T_CODES)
        return true; /* T_CODES is checked code by code by its row handler */
    switch (c->type) {
    case T_DATE:
        if (uf_date_parse(f, &cl->day) != 0) {
            date_error(r, col, c->label, f);
            return false;
        }
        if (cl->day > r->today) {
            report(r, UF_ERROR, col, "%s %s ligger i framtiden", c->label, f);
            return false;
        }
        if (f[4] == '-')
            memcpy(cl->date, f, UF_DATE_BUF); /* already YYYY-MM-DD */
        else
            uf_date_format(cl->day, cl->date);
        return true;
    case T_NUM:
        if (uf_number_parse(f, &cl->num) != 0) {
            report(r, UF_ERROR, col, "%s '%s' är inget tal", c->label, f);
            return false;
        }
        return true;
    default:
        uf_fold(f, folded, sizeof folded);
        cl->text = uf_code(c, folded);
        if (!cl->text && r->cfg && r->h->ent == &uf_entities[K_OUTCOMES] && col == O_MEASURE)
            cl->text = configured_measure(r->cfg, folded);
        if (!cl->text) {
            char list[512];
            code_list(c, list, sizeof list);
            report(r, UF_ERROR, col, "okänt värde '%s' för %s (tillåtet: %s)", f, c->label, list);
            return false;
        }
        return true;
    }
}

/* Keep a copy of the header texts in h->store; false when memory ran out. */
static bool store_headers(hdr *h, char **fields, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(uf_trim(fields[i])) + 1;
    h->store = malloc(total ? total : 1);
    if (!h->store)
        return false;
    char *p = h->store;
    for (size_t i = 0; i < n; i++) {
        strcpy(p, fields[i]);
        h->headers[i] = p;
        p += strlen(p) + 1;
    }
    h->n = (int)n;
    return true;
}

/* Map one header position to a column, an item or nothing; a header that
 * is a personnummer is an error that does not quote it. */
static void map_header(prep_ctx *r, int i)
{
    hdr *h = r->h;
    char folded[128];
    if (uf_pnr_is_valid(h->headers[i], r->today)) {
        /* a file without its header row: its first row must not be
         * echoed as column names */
        uf_diag_add(r->d, UF_ERROR, h->path, 1, NULL,
                    "kolumn %d i rubrikraden ser ut som "
                    "ett personnummer; saknas rubrikraden?",
                    i + 1);
        h->colmap[i] = -1;
        return;
    }
    uf_fold(h->headers[i], folded, sizeof folded);
    int col = uf_entity_column(h->ent, folded);
    h->colmap[i] = col;
    if (col >= 0 && h->have_col[col]) {
        uf_diag_add(r->d, UF_ERROR, h->path, 1, h->headers[i], "kolumnen förekommer två gånger");
        h->colmap[i] = -1;
    } else if (col >= 0) {
        h->have_col[col] = true;
        h->colname[col] = h->headers[i];
    } else if (strncmp(folded, "item:", 5) == 0 && folded[5] &&
               h->ent == &uf_entities[K_ASSESSMENTS]) {
        if (h->nitems < MAX_ITEMS) {
            h->colmap[i] = -2;
            h->item_pos[h->nitems++] = i;
        } else { /* a limit is an error, never a dropped column */
            h->colmap[i] = -1;
            uf_diag_add(r->d, UF_ERROR, h->path, 1, h->headers[i],
                        "högst %d kolumner item:<namn> per fil", MAX_ITEMS);
        }
    } else if (*folded) {
        uf_diag_add(r->d, UF_WARNING, h->path, 1, h->headers[i], "okänd kolumn, hoppas över");
    }
}

/* Handle the header record: map columns, check the required ones. */
static void read_header(prep_ctx *r, char **fields, size_t n)
{
    hdr *h = r->h;
    if (n > 256 || !store_headers(h, fields, n)) {
        uf_diag_add(r->d, UF_ERROR, h->path, 1, NULL,
                    n > 256 ? "rubrikraden har fler än 256 kolumner" : "minnet räckte inte");
        return;
    }
    for (int c = 0; c < h->ent->ncols; c++)
        h->colname[c] = h->ent->cols[c].name;
    for (int i = 0; i < h->n; i++)
        map_header(r, i);
    h->ok = true;
    for (int k = 0; k < 4 && h->ent->required[k] != -1; k++) {
        int req = h->ent->required[k], a = req, b = -1;
        if (req >= 1000) {
            a = (req - 1000) / 100;
            b = (req - 1000) % 100;
        }
        if (h->have_col[a] || (b >= 0 && h->have_col[b]))
            continue;
        uf_diag_add(r->d, UF_ERROR, h->path, 1, NULL, "kolumnen %s%s%s saknas",
                    h->ent->cols[a].name, b >= 0 ? " eller " : "",
                    b >= 0 ? h->ent->cols[b].name : "");
        h->ok = false;
    }
}

/* An item:<name> score at header position pos: the row handler parses it
 * as a number, but a personnummer must not get that far (a 12-digit one is
 * a number).  Reports an error, under the item's header, when it is one. */
static void check_item(prep_ctx *r, int pos, char *f)
{
    if (*uf_trim(f) && uf_pnr_is_valid(f, r->today)) {
        uf_diag_add(r->d, UF_ERROR, r->h->path, r->line, r->h->headers[pos], "%s", pnr_message);
        r->bad = true;
    }
}

int uf_imp_prep(void *ctx, unsigned long line, char **fields, size_t n, void *scratch)
{
    prep_ctx *r = ctx;
    prep *p = scratch;
    r->line = line;
    if (r->h->n == 0) {
        p->kind = PREP_HEADER;
        read_header(r, fields, n);
        return r->h->ok ? 0 : 1;
    }
    /* a blank line, or a row of only delimiters (";;;;": Excel saves the
     * rows below a table so) */
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = !*uf_trim(fields[i]);
    if (blank) {
        p->kind = PREP_BLANK;
        return 0;
    }
    p->kind = PREP_ROW;
    r->bad = false;
    if (n != (size_t)r->h->n)
        report(r, UF_WARNING, -1, "raden har %zu fält men rubrikraden %d", n, r->h->n);
    memset(p->cells, 0, (size_t)r->h->ent->ncols * sizeof p->cells[0]);
    for (size_t i = 0; i < n && i < (size_t)r->h->n; i++) {
        if (r->h->colmap[i] >= 0)
            parse_cell(r, r->h->colmap[i], fields[i], &p->cells[r->h->colmap[i]]);
        else if (r->h->colmap[i] == -2)
            check_item(r, (int)i, fields[i]);
    }
    p->bad = r->bad;
    return 0;
}

void uf_hdr_release(hdr *h)
{
    free(h->store);
    memset(h, 0, sizeof *h);
}
