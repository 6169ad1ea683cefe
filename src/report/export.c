/*
 * export.c - the de-identified analysis export (export.h): which rows and
 * which random ids.  The columns and the value of every cell are in
 * export_value.c; the files are written by export_files.c and
 * export_scripts.c.
 *
 * Workload: one row per case and cohort, at most some 100 000; every
 * cell is computed when a file is written, so memory is a few words per
 * row.
 */
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "export_internal.h"
#include "uppfolj/db.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"
#include "uppfolj/pseudo.h"

uf_error uf_export_new_id(char out[UF_EXPORT_ID_BUF])
{
    unsigned char b[6];
    if (uf_crypto_init() != UF_OK)
        return UF_ERR_CRYPTO;
    randombytes_buf(b, sizeof b);
    out[0] = 'p';
    sodium_bin2hex(out + 1, UF_EXPORT_ID_BUF - 1, b, sizeof b);
    sodium_memzero(b, sizeof b);
    return UF_OK;
}

static uf_error read_facts(sqlite3 *db, uf_xtable *t)
{
    sqlite3_stmt *st = uf_db_prepare(db, "export_cases");
    if (!st)
        return UF_ERR_DB;
    char asof[UF_DATE_BUF];
    uf_date_format(t->c->as_of, asof);
    sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
    size_t i = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        while (i < t->c->n && t->c->cases[i].id < id)
            i++;
        if (i == t->c->n || t->c->cases[i].id != id)
            continue;
        t->person_of[i] = sqlite3_column_int64(st, 1);
        t->referred[i] = uf_kb_index(UF_KB_REFERRER, (const char *)sqlite3_column_text(st, 2));
        const char *d = (const char *)sqlite3_column_text(st, 3);
        int day;
        t->first_susp[i] = d && uf_date_parse(d, &day) == 0 ? day : INT_MIN;
        t->form[i] = uf_kb_index(UF_KB_FORM, (const char *)sqlite3_column_text(st, 4));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? UF_OK : UF_ERR_DB;
}

static int cmp_id64(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return (x > y) - (x < y);
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* A fresh id for every distinct person of the rows (ids unique within the
 * export), and each row's index into them.  UF_ERR_NOMEM or UF_ERR_CRYPTO. */
static uf_error assign_ids(uf_xtable *t)
{
    sqlite3_int64 *p = malloc((t->nrows ? t->nrows : 1) * sizeof *p);
    if (!p)
        return UF_ERR_NOMEM;
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++)
        /* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.ArraySubscript): select_rows filled rows[0..nrows) */
        p[n++] = t->person_of[t->rows[r].k];
    qsort(p, n, sizeof *p, cmp_id64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || p[u - 1] != p[i])
            p[u++] = p[i];
    t->npersons = u;
    t->ids = malloc((u ? u : 1) * sizeof *t->ids);
    char(*sorted)[UF_EXPORT_ID_BUF] = malloc((u ? u : 1) * sizeof *sorted);
    uf_error err = t->ids && sorted ? UF_OK : UF_ERR_NOMEM;
    for (bool dup = true; err == UF_OK && dup;) {
        for (size_t i = 0; err == UF_OK && i < u; i++)
            err = uf_export_new_id(t->ids[i]);
        memcpy(sorted, t->ids, u * sizeof *sorted);
        qsort(sorted, u, sizeof *sorted, cmp_id);
        dup = false;
        for (size_t i = 1; i < u; i++)
            dup = dup || strcmp(sorted[i - 1], sorted[i]) == 0;
    }
    for (size_t r = 0; err == UF_OK && r < t->nrows; r++) {
        sqlite3_int64 key = t->person_of[t->rows[r].k];
        sqlite3_int64 *hit = bsearch(&key, p, u, sizeof *p, cmp_id64);
        t->rows[r].person = (size_t)(hit - p);
    }
    free(sorted);
    free(p);
    return err;
}

/* Rows in the order cohort, random id, start: nothing of the database's
 * order survives. */
static const uf_xtable *sort_table;

static int cmp_row(const void *a, const void *b)
{
    const uf_xrow *x = a, *y = b;
    if (x->cohort != y->cohort)
        return x->cohort - y->cohort;
    int c = strcmp(sort_table->ids[x->person], sort_table->ids[y->person]);
    if (c)
        return c;
    int sx = sort_table->c->cases[x->k].start, sy = sort_table->c->cases[y->k].start;
    return (sx > sy) - (sx < sy);
}

/* The rows: every case of every cohort filter. */
static uf_error select_rows(uf_xtable *t, uf_export_result *res)
{
    const uf_caseset *c = t->c;
    t->rows = malloc((c->n * (size_t)t->o->nfilters + 1) * sizeof *t->rows);
    if (!t->rows)
        return UF_ERR_NOMEM;
    for (int f = 0; f < t->o->nfilters; f++)
        for (size_t k = 0; k < c->n; k++)
            if (uf_cohort_filter_match(&t->o->filters[f], c, &c->cases[k])) {
                t->rows[t->nrows++] = (uf_xrow){ .cohort = f, .k = k };
                res->rows[f]++;
            }
    return UF_OK;
}

/* Write every file into o->dir. */
static uf_error write_files(const uf_xtable *t, uf_export_result *res)
{
    static const struct {
        const char *name;
        int (*write)(const uf_xtable *, const char *);
    } files[] = {
        { "export.csv", uf_xwrite_csv },   { "kodbok.csv", uf_xwrite_kodbok_csv },
        { "export.xlsx", uf_xwrite_xlsx }, { "load.R", uf_xwrite_r },
        { "load.sps", uf_xwrite_spss },    { "load.do", uf_xwrite_stata },
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(res->failed, sizeof res->failed, "%s/%s", t->o->dir, files[i].name);
        if (files[i].write(t, res->failed) != 0)
            return UF_ERR_IO;
    }
    res->failed[0] = '\0';
    return UF_OK;
}

uf_error uf_export_write(sqlite3 *db, const uf_caseset *c, const uf_export_opts *o,
                         uf_export_result *res)
{
    memset(res, 0, sizeof *res);
    uf_xtable t;
    memset(&t, 0, sizeof t);
    t.c = c;
    t.o = o;
    uf_xsetup_columns(&t);
    size_t n = c->n ? c->n : 1;
    t.person_of = calloc(n, sizeof *t.person_of);
    t.referred = malloc(n * sizeof *t.referred);
    t.first_susp = malloc(n * sizeof *t.first_susp);
    t.form = malloc(n * sizeof *t.form);
    uf_error err = t.person_of && t.referred && t.first_susp && t.form ? UF_OK : UF_ERR_NOMEM;
    for (size_t i = 0; err == UF_OK && i < c->n; i++) {
        t.referred[i] = t.form[i] = -1;
        t.first_susp[i] = INT_MIN;
    }
    if (err == UF_OK)
        err = read_facts(db, &t);
    if (err == UF_OK)
        err = select_rows(&t, res);
    if (err == UF_OK)
        err = assign_ids(&t);
    if (err == UF_OK) {
        sort_table = &t;
        qsort(t.rows, t.nrows, sizeof *t.rows, cmp_row);
        sort_table = NULL;
        res->persons = t.npersons;
        err = write_files(&t, res);
    }
    free(t.rows);
    free(t.ids);
    free(t.person_of);
    free(t.referred);
    free(t.first_susp);
    free(t.form);
    return err;
}
