/*
 * render_csv.c - one CSV per table of the report model (SPEC §13), for
 * evaluators' scripts: stable column ids, '.' decimals, full precision,
 * hidden cells empty and named in the `suppressed` column.  Text fields
 * are quoted by libcsv.  An internal report's files (--mottagare intern)
 * begin with one line, UF_INTERNAL_BANNER, before the header.
 */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/outfile.h"
#include "uppfolj/render.h"

/* The shortest of %.15g, %.16g and %.17g that reads back as v exactly:
 * full precision without noise digits (0.1, not 0.10000000000000001). */
static void put_real(FILE *f, double v)
{
    char buf[40];
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, f);
}

/* Write text s as a quoted field; a text a spreadsheet would take for a
 * formula gets a leading ' (uf_csv_guard, OWASP's rule). */
static void put_text(FILE *f, const char *s)
{
    char *owned;
    const char *g = uf_csv_guard(s, &owned);
    csv_fwrite(f, g, strlen(g));
    free(owned);
}

/* Write a column id or the list of hidden ones: as it is when plain (the
 * usual ids), else as a quoted, guarded field (an id made from a unit's
 * name may hold a comma or begin with =). */
static void put_id(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") || uf_csv_formula_like(s))
        put_text(f, s);
    else
        fputs(s, f);
}

/* Write one cell's value (nothing when hidden or empty). */
static void put_value(FILE *f, const uf_cell *c)
{
    if (c->supp != UF_SHOWN)
        return;
    switch (c->type) {
    case UF_C_TEXT:
    case UF_C_DATE:
        if (c->text)
            put_text(f, c->text);
        break;
    case UF_C_COUNT: fprintf(f, "%.0f", c->v); break;
    case UF_C_NUMBER:
    case UF_C_PERCENT:
    case UF_C_PVALUE:
        if (isfinite(c->v))
            put_real(f, c->v);
        break;
    case UF_C_EMPTY: break;
    }
}

/* One table's CSV; an internal report's (r->internal) is private and
 * says so on its first line, before the header. */
static int write_table(const uf_report *rep, const uf_table *t, const char *path)
{
    uf_outfile o;
    if (uf_out_open(&o, path, rep->internal ? UF_OUT_PRIVATE : UF_OUT_SHARED) != UF_OK)
        return -1;
    FILE *f = uf_out_stream(&o);
    if (!f) {
        uf_out_abort(&o);
        return -1;
    }
    if (rep->internal)
        fputs("\"" UF_INTERNAL_BANNER "\"\n", f);
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            fputc(',', f);
        put_id(f, t->cols[c].id);
    }
    fputs(",suppressed\n", f);
    for (int r = 0; r < t->nrows; r++) {
        char hidden[1024] = "";
        for (int c = 0; c < t->ncols; c++) {
            const uf_cell *cell = &t->rows[r].cells[c];
            if (c)
                fputc(',', f);
            put_value(f, cell);
            if (cell->supp != UF_SHOWN &&
                strlen(hidden) + strlen(t->cols[c].id) + 2 < sizeof hidden) {
                if (*hidden)
                    strcat(hidden, "|");
                strcat(hidden, t->cols[c].id);
            }
        }
        fputc(',', f);
        put_id(f, hidden);
        fputc('\n', f);
    }
    return uf_out_commit(&o) == UF_OK ? 0 : -1;
}

uf_error uf_render_csv(const uf_report *r, const char *dir, uf_diag *d)
{
    char path[4096];
    for (int s = 0; s < r->nsections; s++)
        for (int i = 0; i < r->sections[s]->ntables; i++) {
            const uf_table *t = r->sections[s]->tables[i];
            snprintf(path, sizeof path, "%s/%s.csv", dir, t->id);
            if (write_table(r, t, path) != 0)
                return uf_render_failed(d, path, UF_ERR_IO);
        }
    return UF_OK;
}

uf_error uf_render_failed(uf_diag *d, const char *path, uf_error err)
{
    if (!d)
        return err;
    if (err == UF_ERR_IO)
        uf_diag_add(d, UF_ERROR, path, 0, NULL, "kunde inte skriva filen %s: %s", path,
                    uf_strerrno(errno));
    else if (err == UF_ERR_MISSING)
        uf_diag_add(d, UF_ERROR, path, 0, NULL,
                    "typsnittet DejaVu Sans saknas "
                    "(apt-get install fonts-dejavu-core)");
    else if (err == UF_ERR_INPUT)
        uf_diag_add(d, UF_ERROR, path, 0, NULL,
                    "rapporten kunde inte bli en arbetsbok "
                    "(ett blad- eller cellvärde som Excel inte tar)");
    return err;
}
