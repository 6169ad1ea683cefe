/*
 * diag.c - the diagnostics list (see diag.h).  Appends are amortised O(1);
 * the list is read once, by the command layer, at the end of a run.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/diag.h"
#include "uppfolj/parse.h"

void uf_diag_init(uf_diag *d)
{
    memset(d, 0, sizeof *d);
}

void uf_diag_release(uf_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].column);
        free(d->items[i].message);
    }
    free(d->items);
    uf_diag_init(d);
}

/* Base name of path (no allocation); the message shows where, not the tree. */
static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : (path ? path : "");
}

/* Make room for one more entry; 0 on success, -1 when memory ran out. */
static int reserve(uf_diag *d)
{
    if (d->n < d->cap)
        return 0;
    size_t cap = d->cap ? d->cap * 2 : 16;
    uf_diag_entry *p = realloc(d->items, cap * sizeof *p);
    if (!p)
        return -1;
    d->items = p;
    d->cap = cap;
    return 0;
}

void uf_diag_add(uf_diag *d, uf_severity sev, const char *file, unsigned long line,
                 const char *column, const char *fmt, ...)
{
    if (sev == UF_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->n >= UF_DIAG_KEEP || reserve(d) != 0)
        return;

    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);

    uf_diag_entry *e = &d->items[d->n];
    e->severity = sev;
    e->line = line;
    e->file = strdup(base_name(file));
    e->column = column ? strdup(column) : NULL;
    e->message = strdup(uf_defang(msg)); /* cell text from data goes to a terminal */
    if (e->file)
        uf_defang(e->file);
    if (e->column)
        uf_defang(e->column);
    if (!e->file || !e->message || (column && !e->column)) {
        free(e->file);
        free(e->column);
        free(e->message);
        return;
    }
    d->n++;
}

void uf_diag_merge(uf_diag *dst, uf_diag *src, size_t mark)
{
    dst->errors += src->errors;
    dst->warnings += src->warnings;
    size_t n = dst->n - mark + src->n;
    uf_diag_entry *tmp = n ? malloc(n * sizeof *tmp) : NULL;
    uf_diag_entry *grown = tmp ? realloc(dst->items, (mark + n) * sizeof *grown) : NULL;
    if (!grown) {
        free(tmp);
        uf_diag_release(src); /* counted, not kept */
        return;
    }
    dst->items = grown;
    dst->cap = mark + n;
    /* src first, so that on the same line its entries stay first; then a
     * stable insertion sort by line (the runs are nearly sorted already) */
    if (src->n)
        memcpy(tmp, src->items, src->n * sizeof *tmp);
    if (dst->n > mark)
        memcpy(tmp + src->n, dst->items + mark, (dst->n - mark) * sizeof *tmp);
    for (size_t i = 1; i < n; i++) {
        uf_diag_entry e = tmp[i];
        size_t j = i;
        /* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult): tmp[0..n) was filled by the two memcpy above */
        for (; j > 0 && tmp[j - 1].line > e.line; j--)
            tmp[j] = tmp[j - 1];
        tmp[j] = e;
    }
    memcpy(dst->items + mark, tmp, n * sizeof *tmp);
    dst->n = mark + n;
    free(tmp);
    free(src->items); /* the entries now belong to dst */
    uf_diag_init(src);
}

void uf_diag_print(const uf_diag *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const uf_diag_entry *e = &d->items[i];
        fputs(e->file, out);
        /* a sheet of a workbook, "fil.xlsx [Blad]", says its Excel row */
        size_t len = strlen(e->file);
        if (e->line)
            fprintf(out, len && e->file[len - 1] == ']' ? " rad %lu" : ":%lu", e->line);
        fputs(": ", out);
        if (e->severity == UF_WARNING)
            fputs("varning: ", out);
        if (e->column)
            fprintf(out, "%s: ", e->column);
        fprintf(out, "%s\n", e->message);
    }
    unsigned long total = d->errors + d->warnings;
    if (total > d->n)
        fprintf(out, "... och %lu meddelanden till som inte visas\n", total - (unsigned long)d->n);
}
