/*
 * model.c - building and freeing the report model (see model.h).  Reports
 * have tens of tables with tens of rows: simplicity over speed.  Memory
 * failures mark the report failed instead of being checked at every call.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/model.h"
#include "model_internal.h"
#include "uppfolj/stats.h"

/* Copy of s, or NULL (and the report marked failed) when memory ran out. */
static char *dup(uf_report *r, const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        r->failed = true;
    return d;
}

/* Grow *arr (of *n elements of size sz) by one; the new element zeroed.
 * Returns it, or NULL when memory ran out. */
static void *push(uf_report *r, void **arr, int *n, size_t sz)
{
    char *p = realloc(*arr, (size_t)(*n + 1) * sz);
    if (!p) {
        r->failed = true;
        return NULL;
    }
    *arr = p;
    memset(p + (size_t)*n * sz, 0, sz);
    return p + (size_t)(*n)++ * sz;
}

uf_report *uf_report_new(const char *name, const char *title)
{
    uf_report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->name = dup(r, name);
    r->title = dup(r, title);
    r->threshold = 5;
    if (r->failed) {
        uf_report_free(r);
        return NULL;
    }
    return r;
}

bool uf_report_failed(const uf_report *r)
{
    return !r || r->failed;
}

void uf_report_set(uf_report *r, char **field, const char *value)
{
    free(*field);
    *field = dup(r, value);
}

void uf_report_param(uf_report *r, const char *key, const char *fmt, ...)
{
    char value[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(value, sizeof value, fmt, ap);
    va_end(ap);
    uf_kv *kv = push(r, (void **)&r->params, &r->nparams, sizeof *kv);
    if (kv) {
        kv->key = dup(r, key);
        kv->value = dup(r, value);
    }
}

/* Append a copy of s to the string array *arr of *n. */
static void push_str(uf_report *r, char ***arr, int *n, const char *s)
{
    char **slot = push(r, (void **)arr, n, sizeof *slot);
    if (slot)
        *slot = dup(r, s);
}

void uf_report_snapshot(uf_report *r, const char *line)
{
    push_str(r, &r->snapshot, &r->nsnapshot, line);
}

void uf_report_method(uf_report *r, const char *paragraph)
{
    push_str(r, &r->method, &r->nmethod, paragraph);
}

void uf_report_method_f(uf_report *r, const char *fmt, ...)
{
    char p[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(p, sizeof p, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof p)
        r->failed = true; /* a builder's paragraph never is this long */
    else
        push_str(r, &r->method, &r->nmethod, p);
}

uf_section *uf_report_section(uf_report *r, const char *title)
{
    uf_section *s = calloc(1, sizeof *s);
    uf_section **slot = s ? push(r, (void **)&r->sections, &r->nsections, sizeof *slot) : NULL;
    if (!slot) {
        free(s);
        r->failed = true;
        return NULL;
    }
    *slot = s;
    s->title = dup(r, title);
    return s;
}

uf_section *uf_report_front(uf_report *r, const char *title)
{
    uf_section *s = uf_report_section(r, title);
    if (!s)
        return NULL;
    memmove(r->sections + 1, r->sections, (size_t)(r->nsections - 1) * sizeof *r->sections);
    r->sections[0] = s;
    s->front = true;
    return s;
}

void uf_section_par(uf_report *r, uf_section *s, const char *paragraph)
{
    if (s)
        push_str(r, &s->paragraphs, &s->npar, paragraph);
}

uf_table *uf_section_table(uf_report *r, uf_section *s, const char *id, const char *title,
                           int ncols)
{
    if (!s)
        return NULL;
    uf_table *t = calloc(1, sizeof *t);
    uf_table **slot = t ? push(r, (void **)&s->tables, &s->ntables, sizeof *slot) : NULL;
    if (t)
        t->cols = calloc((size_t)ncols, sizeof *t->cols);
    if (!slot || !t->cols) {
        if (t)
            free(t->cols);
        if (slot)
            s->ntables--;
        free(t);
        r->failed = true;
        return NULL;
    }
    *slot = t;
    t->ncols = ncols;
    t->id = dup(r, id);
    t->title = dup(r, title);
    for (int c = 0; c < ncols; c++)
        t->cols[c].part_of = t->cols[c].within = t->cols[c].join = t->cols[c].holm_of = -1;
    for (int i = 0; i < UF_BAL_N; i++)
        t->balance[i] = -1;
    return t;
}

void uf_table_col(uf_report *r, uf_table *t, int col, const char *id, const char *label,
                  uf_ctype type, int decimals, bool additive)
{
    if (!t)
        return;
    assert(col >= 0 && col < t->ncols);
    uf_column *c = &t->cols[col];
    c->id = dup(r, id);
    c->label = dup(r, label);
    c->type = type;
    c->decimals = decimals;
    c->additive = additive;
}

void uf_table_part_of(uf_table *t, int col, int total)
{
    if (t)
        t->cols[col].part_of = total;
}

void uf_table_within(uf_table *t, int col, int bound)
{
    if (t) {
        assert(col >= 0 && col < t->ncols && bound >= 0 && bound < t->ncols);
        t->cols[col].within = bound;
    }
}

void uf_table_inference(uf_table *t, int col)
{
    if (t) {
        assert(col >= 0 && col < t->ncols);
        t->cols[col].inference = true;
    }
}

void uf_table_join(uf_table *t, int col, int host, uf_join style)
{
    if (t) {
        assert(col >= 0 && col < t->ncols && host >= 0 && host < t->ncols && host != col);
        t->cols[col].join = host;
        t->cols[col].join_style = style;
    }
}

void uf_table_holm(uf_table *t, int col, int of)
{
    if (t) {
        assert(col >= 0 && col < t->ncols && of >= 0 && of < t->ncols);
        t->cols[col].holm_of = of;
    }
}

/* Is cell x of column c a p-value of t's Holm family, shown? */
static bool in_family(const uf_table *t, int c, const uf_cell *x)
{
    for (int h = 0; h < t->ncols; h++)
        if (t->cols[h].holm_of == c)
            return x->type == UF_C_PVALUE && x->supp == UF_SHOWN && isfinite(x->v);
    return false;
}

int uf_table_holm_fill(uf_table *t)
{
    size_t ncells = (size_t)t->nrows * (size_t)t->ncols, m = 0;
    double *p = malloc((ncells ? ncells : 1) * sizeof *p);
    double *adj = malloc((ncells ? ncells : 1) * sizeof *adj);
    long *at = malloc((ncells ? ncells : 1) * sizeof *at); /* cell -> index in p, or -1 */
    bool ok = p && adj && at;
    for (int r = 0; ok && r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const uf_cell *x = &t->rows[r].cells[c];
            size_t i = (size_t)r * (size_t)t->ncols + (size_t)c;
            at[i] = in_family(t, c, x) ? (long)m : -1;
            if (at[i] >= 0)
                p[m++] = x->v;
        }
    ok = ok && uf_stat_holm(p, m, adj) == UF_OK;
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            int of = t->cols[c].holm_of;
            if (of < 0)
                continue;
            uf_cell *h = &t->rows[r].cells[c];
            const uf_cell *x = &t->rows[r].cells[of];
            long k = ok ? at[(size_t)r * (size_t)t->ncols + (size_t)of] : -1;
            if (x->type != UF_C_PVALUE) { /* no test in this row: nothing */
                h->type = UF_C_EMPTY;
                h->supp = UF_SHOWN;
                continue;
            }
            h->type = UF_C_PVALUE;
            h->n = x->n;
            h->link = -1;
            h->reveals = -1;
            h->v = k >= 0 ? adj[k] : NAN;
            h->supp = k >= 0 ? UF_SHOWN : x->supp == UF_SHOWN ? UF_SUPP_MISSING : x->supp;
        }
    free(p);
    free(adj);
    free(at);
    return ok ? 0 : -1;
}

void uf_table_balance(uf_table *t, int start, int in, int active, int out, int end)
{
    if (t) {
        const int cols[UF_BAL_N] = { start, in, active, out, end };
        for (int i = 0; i < UF_BAL_N; i++) {
            assert(cols[i] >= 0 && cols[i] < t->ncols);
            t->balance[i] = cols[i];
        }
    }
}

int uf_table_row(uf_report *r, uf_table *t, bool total)
{
    if (!t)
        return -1;
    if (t->nrows == t->rcap) {
        int cap = t->rcap ? t->rcap * 2 : 16;
        uf_row *rows = realloc(t->rows, (size_t)cap * sizeof *rows);
        if (!rows) {
            r->failed = true;
            return -1;
        }
        t->rows = rows;
        t->rcap = cap;
    }
    uf_row *row = &t->rows[t->nrows];
    row->cells = calloc((size_t)t->ncols, sizeof *row->cells);
    if (!row->cells) {
        r->failed = true;
        return -1;
    }
    row->total = total;
    for (int c = 0; c < t->ncols; c++) {
        row->cells[c].n = -1;
        row->cells[c].link = -1;
        row->cells[c].reveals = -1;
    }
    return t->nrows++;
}

void uf_table_note(uf_report *r, uf_table *t, const char *note)
{
    if (!t)
        return;
    for (int i = 0; i < t->nnotes; i++)
        if (strcmp(t->notes[i], note) == 0)
            return;
    push_str(r, &t->notes, &t->nnotes, note);
}

uf_cell *uf_table_cell(const uf_table *t, int row, int col)
{
    assert(row >= 0 && row < t->nrows && col >= 0 && col < t->ncols);
    return &t->rows[row].cells[col];
}

void uf_cell_text(uf_report *r, uf_table *t, int row, int col, const char *text)
{
    if (!t || row < 0)
        return;
    uf_cell *c = uf_table_cell(t, row, col);
    free(c->text);
    c->type = UF_C_TEXT;
    c->text = dup(r, text);
}

/* Set a numeric cell. */
static void set(uf_table *t, int row, int col, uf_ctype type, double v, long n, int link)
{
    if (!t || row < 0)
        return;
    uf_cell *c = uf_table_cell(t, row, col);
    c->type = type;
    c->v = v;
    c->n = n;
    c->link = link;
    c->reveals = -1;
    c->supp = UF_SHOWN;
}

void uf_cell_count(uf_table *t, int row, int col, long count)
{
    set(t, row, col, UF_C_COUNT, (double)count, count, -1);
}

void uf_cell_number(uf_table *t, int row, int col, double v, long n)
{
    set(t, row, col, UF_C_NUMBER, v, n, -1);
}

void uf_cell_percent(uf_table *t, int row, int col, double pct, long n, int link)
{
    set(t, row, col, UF_C_PERCENT, pct, n, link);
}

void uf_cell_pvalue(uf_table *t, int row, int col, double p, long n)
{
    set(t, row, col, UF_C_PVALUE, p, n, -1);
}

void uf_cell_none(uf_table *t, int row, int col, uf_supp why)
{
    if (!t || row < 0)
        return;
    uf_cell *c = uf_table_cell(t, row, col);
    c->type = t->cols[col].type;
    c->supp = why;
}

void uf_cell_reveals(uf_table *t, int row, int col, long count)
{
    if (!t || row < 0)
        return;
    uf_table_cell(t, row, col)->reveals = count > 0 ? count : -1;
}

void uf_cell_key(uf_report *r, uf_table *t, int row, int col, const char *key)
{
    if (!t || row < 0)
        return;
    int k = 0;
    while (k < r->nkeys && strcmp(r->keys[k], key) != 0)
        k++;
    if (k == r->nkeys) {
        char **v = realloc(r->keys, (size_t)(r->nkeys + 1) * sizeof *v);
        if (v)
            r->keys = v;
        if (!v || !(v[r->nkeys] = strdup(key))) {
            r->failed = true;
            return;
        }
        r->nkeys++;
    }
    uf_table_cell(t, row, col)->key = k + 1;
}

uf_chart *uf_section_chart(uf_report *r, uf_section *s, const char *id, const char *title,
                           const char *kind, const char *y_label, const uf_table *t, int label_col)
{
    if (!s || !t)
        return NULL;
    uf_chart *c = calloc(1, sizeof *c);
    uf_chart **slot = c ? push(r, (void **)&s->charts, &s->ncharts, sizeof *slot) : NULL;
    if (!slot) {
        free(c);
        r->failed = true;
        return NULL;
    }
    *slot = c;
    c->id = dup(r, id);
    c->title = dup(r, title);
    c->kind = dup(r, kind);
    c->y_label = dup(r, y_label);
    c->table = t;
    c->label_col = label_col;
    return c;
}

void uf_chart_rows(uf_report *r, uf_chart *c, const int *rows, int n)
{
    if (!c)
        return;
    int *copy = malloc((size_t)(n ? n : 1) * sizeof *copy);
    if (!copy) {
        r->failed = true;
        return;
    }
    if (n > 0)
        memcpy(copy, rows, (size_t)n * sizeof *copy);
    free(c->rows);
    c->rows = copy;
    c->nrows = n;
}

void uf_chart_series(uf_report *r, uf_chart *c, const char *label, int col)
{
    if (!c)
        return;
    uf_series *s = push(r, (void **)&c->series, &c->nseries, sizeof *s);
    if (s) {
        s->label = dup(r, label);
        s->col = col;
        s->risk_col = -1;
        s->censor_col = -1;
    }
}

void uf_chart_series_km(uf_chart *c, int risk_col, int censor_col)
{
    if (c && c->nseries > 0) {
        c->series[c->nseries - 1].risk_col = risk_col;
        c->series[c->nseries - 1].censor_col = censor_col;
    }
}

static void free_strs(char **a, int n)
{
    for (int i = 0; i < n; i++)
        free(a[i]);
    free(a);
}

void ufm_free_table(uf_table *t)
{
    for (int i = 0; i < t->nrows; i++) {
        for (int c = 0; c < t->ncols; c++)
            free(t->rows[i].cells[c].text);
        free(t->rows[i].cells);
    }
    for (int c = 0; c < t->ncols; c++) {
        free(t->cols[c].id);
        free(t->cols[c].label);
    }
    free(t->rows);
    free(t->cols);
    free(t->id);
    free(t->title);
    free(t->description);
    free(t->sheet);
    free_strs(t->notes, t->nnotes);
    free(t);
}

void ufm_free_chart(uf_chart *c)
{
    for (int i = 0; i < c->nseries; i++)
        free(c->series[i].label);
    free(c->series);
    free(c->rows);
    free(c->id);
    free(c->title);
    free(c->kind);
    free(c->y_label);
    free(c);
}

static void free_section(uf_section *s)
{
    for (int i = 0; i < s->ntables; i++)
        ufm_free_table(s->tables[i]);
    for (int i = 0; i < s->ncharts; i++)
        ufm_free_chart(s->charts[i]);
    free(s->tables);
    free(s->charts);
    free_strs(s->paragraphs, s->npar);
    free(s->title);
    free(s);
}

void uf_report_free(uf_report *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nsections; i++)
        free_section(r->sections[i]);
    free(r->sections);
    for (int i = 0; i < r->nparams; i++) {
        free(r->params[i].key);
        free(r->params[i].value);
    }
    free(r->params);
    free_strs(r->snapshot, r->nsnapshot);
    free_strs(r->method, r->nmethod);
    free(r->name);
    free(r->title);
    for (int i = 0; i < r->nkeys; i++)
        free(r->keys[i]);
    free(r->keys);
    free(r->unit);
    free(r->organisation);
    free(r->population);
    free(r->period);
    free(r->as_of);
    free(r->version);
    free(r->created);
    free(r);
}
