/*
 * report_def.c - reports defined in reports/NAME.ini (see the comment at
 * the top of reports/verksamhet.ini for the format): each table is a query
 * that returns one row per case, aggregated here per unit into counts,
 * shares, medians, ratios and capacity use, or pivoted into categories by
 * unit.  The definition holds the texts and the layout; the queries hold
 * the SQL (queries/NAME.sql built in, or NAME.sql beside a definition
 * read at run time); this file only counts.  Queries read `cases`, which
 * the population (population.h) has already narrowed to the report's
 * cases; a query read at run time must be read-only.
 *
 * Every list (tables, columns, categories, method notes, units) grows as
 * needed: nothing is cut or merged.  A definition with an unknown key or
 * a bad column is refused with a message that names it.
 *
 * Workload: a period's cases, at most some hundred thousand rows per
 * table; units and categories are a few dozen.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_def_internal.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/query.h"
#include "uppfolj/stats.h"

/* Per unit and column: sums and the values of median columns. */
typedef struct acc {
    double *sum, *sum_b; /* per column; allocated at the first row */
    long *n;             /* rows with a value */
    rep_vec *vals;
    long rows;
} acc;

static bool acc_ready(acc *a, int ncols)
{
    if (a->sum)
        return true;
    size_t k = ncols ? (size_t)ncols : 1;
    a->sum = calloc(k, sizeof *a->sum);
    a->sum_b = calloc(k, sizeof *a->sum_b);
    a->n = calloc(k, sizeof *a->n);
    a->vals = calloc(k, sizeof *a->vals);
    return a->sum && a->sum_b && a->n && a->vals;
}

static void acc_release(acc *a, int ncols)
{
    for (int c = 0; a->vals && c < ncols; c++)
        rep_vec_free(&a->vals[c]);
    free(a->sum);
    free(a->sum_b);
    free(a->n);
    free(a->vals);
}

/* Add one query row to a. */
static void accumulate(uf_report *r, const dtable *t, sqlite3_stmt *st, acc *a)
{
    if (!acc_ready(a, t->ncols)) {
        r->failed = true;
        return;
    }
    a->rows++;
    for (int c = 0; c < t->ncols; c++) {
        const dcol *col = &t->cols[c];
        bool two = col->kind == AGG_RATIO || col->kind == AGG_SHARE_OF;
        int qa = rdef_qcol(st, two || col->kind == AGG_CAPSHARE ? col->a : col->id);
        if (qa < 0 || sqlite3_column_type(st, qa) == SQLITE_NULL)
            continue;
        double v = sqlite3_column_double(st, qa);
        a->sum[c] += v;
        a->n[c]++;
        if (two) {
            int qb = rdef_qcol(st, col->b);
            if (qb >= 0)
                a->sum_b[c] += sqlite3_column_double(st, qb);
        }
        if (col->kind == AGG_MEDIAN)
            rep_vec_push(r, &a->vals[c], v);
    }
}

/* The capacity of unit name in the configuration (0 = not given). */
static int capacity(const uf_config *cfg, const char *name)
{
    for (int i = 0; cfg && i < cfg->nunits; i++)
        if (strcmp(cfg->units[i].name, name) == 0)
            return cfg->units[i].capacity;
    return 0;
}

/* The table column (1 + the definition's) of the count column id of t,
 * or -1. */
static int count_column(const dtable *t, const char *id)
{
    for (int k = 0; k < t->ncols; k++)
        if (t->cols[k].kind == AGG_COUNT && strcmp(t->cols[k].id, id) == 0)
            return k + 1;
    return -1;
}

/* Write the aggregated row of a (unit name, or NULL for the total) into table row
 * tr.  A column with a key names its counts, or (a statistic whose n is
 * every row of the unit) its n, as that figure of the unit. */
static void write_row(uf_report *r, uf_table *tb, int tr, const dtable *t, const acc *a, int cap,
                      const char *unit)
{
    for (int c = 0; c < t->ncols; c++) {
        const dcol *col = &t->cols[c];
        int tc = c + 1;
        double sum = a->sum ? a->sum[c] : 0, sum_b = a->sum_b ? a->sum_b[c] : 0;
        long n = a->n ? a->n[c] : 0;
        switch (col->kind) {
        case AGG_COUNT: uf_cell_count(tb, tr, tc, lround(sum)); break;
        case AGG_SHARE:
            uf_cell_percent(tb, tr, tc, n ? 100.0 * sum / (double)n : NAN, n, -1);
            break;
        case AGG_MEAN: uf_cell_number(tb, tr, tc, n ? sum / (double)n : NAN, n); break;
        case AGG_MEDIAN: {
            double m = NAN;
            if (a->vals)
                uf_stat_median(a->vals[c].v, a->vals[c].n, &m);
            uf_cell_number(tb, tr, tc, m, a->vals ? (long)a->vals[c].n : 0);
            break;
        }
        case AGG_RATIO: uf_cell_number(tb, tr, tc, sum_b > 0 ? sum / sum_b : NAN, a->rows); break;
        case AGG_SHARE_OF:
            /* n is B; a count column of A in the table is its numerator */
            uf_cell_percent(tb, tr, tc, sum_b > 0 ? 100.0 * sum / sum_b : NAN, lround(sum_b),
                            count_column(t, col->a));
            break;
        case AGG_CAPACITY:
            if (cap > 0)
                uf_cell_number(tb, tr, tc, cap, -1);
            else
                uf_cell_none(tb, tr, tc, UF_SUPP_MISSING);
            break;
        case AGG_CAPSHARE:
            uf_cell_percent(tb, tr, tc, cap > 0 ? 100.0 * sum / cap : NAN, -1,
                            count_column(t, col->a));
            break;
        }
        bool all_rows = col->kind == AGG_COUNT || (a->n && a->n[c] == a->rows);
        if (*col->key && all_rows && col->kind != AGG_CAPACITY && col->kind != AGG_CAPSHARE)
            rdef_key_cell(r, tb, tr, tc, col->key, unit);
    }
    rep_fix_missing(tb, tr, 1, t->ncols);
}

/* The end of a table builder: free u and order; 0 when the query (rc)
 * ran and the table tb was made, else -1 (r marked failed when memory
 * ran out). */
static int table_done(uf_report *r, int rc, const uf_table *tb, units *u, int *order)
{
    bool nomem = u->nomem;
    rdef_units_free(u);
    free(order);
    if (rc == 0 && (!tb || nomem))
        r->failed = true;
    return rc == 0 && tb && !nomem ? 0 : -1;
}

/* Columns 1.. of tb: t's columns, with their parts (uf_table_part_of). */
static void measure_cols(uf_report *r, uf_table *tb, const dtable *t)
{
    for (int c = 0; c < t->ncols; c++) {
        const dcol *col = &t->cols[c];
        bool share =
            col->kind == AGG_SHARE || col->kind == AGG_SHARE_OF || col->kind == AGG_CAPSHARE;
        uf_ctype type = col->kind == AGG_COUNT ? UF_C_COUNT : share ? UF_C_PERCENT : UF_C_NUMBER;
        uf_table_col(r, tb, c + 1, col->id, col->label, type,
                     col->kind == AGG_CAPACITY ? 0 : col->decimals, type == UF_C_COUNT);
    }
    for (int c = 0; c < t->ncols; c++) /* checked by the parser: a count of a count */
        for (int k = 0; *t->cols[c].part_of && k < t->ncols; k++)
            if (k != c && strcmp(t->cols[k].id, t->cols[c].part_of) == 0)
                uf_table_part_of(tb, c + 1, k + 1);
}

/* ---- form = enheter ----------------------------------------------------- */

typedef struct by_unit {
    uf_report *r;
    const dtable *t;
    units u; /* u.acc: one acc per unit */
    acc total;
} by_unit;

static void unit_row(void *ctx, sqlite3_stmt *st, const char *unit)
{
    by_unit *b = ctx;
    int i = rdef_unit_index(&b->u, unit);
    if (i < 0) {
        b->r->failed = true;
        return;
    }
    accumulate(b->r, b->t, st, &((acc *)b->u.acc)[i]);
    accumulate(b->r, b->t, st, &b->total);
}

static int units_table(uf_report *r, uf_section *s, sqlite3 *db, const dtable *t, const char *from,
                       const char *to, const rep_def_opts *o)
{
    by_unit b = { .r = r, .t = t, .u = { .accsz = sizeof(acc) } };
    int rc = rdef_run_query(db, "tabell", t->id, t->query, from, to, o, true, unit_row, &b);
    char id[112];
    snprintf(id, sizeof id, "%s_%s", o->name, t->id);
    int *order = rc == 0 ? rdef_unit_order(&b.u) : NULL;
    uf_table *tb = order ? rdef_table(r, s, id, t->title, t->sheet, t->ncols + 1) : NULL;
    if (tb) {
        uf_table_col(r, tb, 0, "unit", "Enhet", UF_C_TEXT, 0, false);
        measure_cols(r, tb, t);
        int total_cap = 0;
        for (int i = 0; i < b.u.n; i++) {
            const char *name = b.u.name[order[i]];
            int tr = uf_table_row(r, tb, false);
            uf_cell_text(r, tb, tr, 0, *name ? name : "Uppgift saknas");
            int cap = capacity(o->cfg, name);
            total_cap += cap;
            write_row(r, tb, tr, t, &((acc *)b.u.acc)[order[i]], cap, name);
        }
        int tr = uf_table_row(r, tb, true);
        uf_cell_text(r, tb, tr, 0, "Totalt");
        write_row(r, tb, tr, t, &b.total, total_cap, NULL);
    }
    for (int i = 0; i < b.u.n; i++)
        acc_release(&((acc *)b.u.acc)[i], t->ncols);
    acc_release(&b.total, t->ncols);
    return table_done(r, rc, tb, &b.u, order);
}

/* ---- form = kategorier -------------------------------------------------- */

typedef struct by_cat {
    uf_report *r;
    const dtable *t;
    const uf_config *cfg;
    int ncats; /* categories; [ncats] = other / missing */
    units u;   /* u.acc: per unit, a long *[ncats + 1] */
} by_cat;

/* The category of a query row (its second column) among t's ncats: an
 * age band or a code; ncats = other or missing. */
static int category_of(const dtable *t, const uf_config *cfg, int ncats, sqlite3_stmt *st)
{
    if (t->bands) {
        int band = sqlite3_column_type(st, 1) != SQLITE_NULL
                       ? uf_config_band(cfg, sqlite3_column_int(st, 1))
                       : -1;
        return band >= 0 ? band : ncats;
    }
    const char *code = (const char *)sqlite3_column_text(st, 1);
    for (int i = 0; code && i < t->ncats; i++)
        if (strcmp(t->cats[i].code, code) == 0)
            return i;
    return ncats;
}

static void cat_row(void *ctx, sqlite3_stmt *st, const char *unit)
{
    by_cat *b = ctx;
    int cat = category_of(b->t, b->cfg, b->ncats, st);
    int u = rdef_unit_index(&b->u, unit);
    long **counts = b->u.acc;
    if (u >= 0 && !counts[u])
        counts[u] = calloc((size_t)b->ncats + 1, sizeof **counts);
    if (u < 0 || !counts[u]) {
        b->r->failed = true;
        return;
    }
    counts[u][cat]++;
}

/* Label of category i (the last one: other or missing). */
static void cat_label(const by_cat *b, int i, char *out, size_t n)
{
    if (i == b->ncats)
        snprintf(out, n, "%s",
                 b->t->bands ? "Annan ålder eller okänd" : "Annat eller uppgift saknas");
    else if (b->t->bands)
        snprintf(out, n, "%d–%d år", b->cfg->bands[i].lo, b->cfg->bands[i].hi);
    else
        snprintf(out, n, "%s", b->t->cats[i].label);
}

/* The rows of a category table: one per category (and other), then the
 * total unless the categories overlap. */
static void cat_rows(uf_report *r, uf_table *tb, const by_cat *b, const int *order)
{
    long **counts = b->u.acc;
    int nu = b->u.n;
    long *coltotal = calloc((size_t)nu + 1, sizeof *coltotal);
    if (!coltotal) {
        r->failed = true;
        return;
    }
    for (int c = 0; c <= b->ncats; c++) {
        long rowtotal = 0;
        for (int i = 0; i < nu; i++)
            rowtotal += counts[i][c];
        if (c == b->ncats && rowtotal == 0)
            break; /* no "other" row when there is none */
        char label[128];
        cat_label(b, c, label, sizeof label);
        int tr = uf_table_row(r, tb, false);
        uf_cell_text(r, tb, tr, 0, label);
        for (int i = 0; i < nu; i++) {
            uf_cell_count(tb, tr, i + 1, counts[order[i]][c]);
            coltotal[i] += counts[order[i]][c];
        }
        uf_cell_count(tb, tr, nu + 1, rowtotal);
    }
    if (!b->t->overlap) {
        int tr = uf_table_row(r, tb, true);
        long all = 0;
        uf_cell_text(r, tb, tr, 0, "Totalt");
        for (int i = 0; i < nu; i++) {
            uf_cell_count(tb, tr, i + 1, coltotal[i]);
            if (*b->t->key)
                rdef_key_cell(r, tb, tr, i + 1, b->t->key, b->u.name[order[i]]);
            all += coltotal[i];
        }
        uf_cell_count(tb, tr, nu + 1, all);
        if (*b->t->key)
            rdef_key_cell(r, tb, tr, nu + 1, b->t->key, NULL);
    } else {
        uf_table_note(r, tb,
                      "Ett ärende räknas under varje insats det hade under perioden, "
                      "så raderna summerar inte till antalet ärenden.");
    }
    free(coltotal);
}

static int cat_table(uf_report *r, uf_section *s, sqlite3 *db, const dtable *t, const char *from,
                     const char *to, const rep_def_opts *o)
{
    by_cat b = { .r = r,
                 .t = t,
                 .cfg = o->cfg,
                 .ncats = t->bands ? o->cfg->nbands : t->ncats,
                 .u = { .accsz = sizeof(long *) } };
    int rc = rdef_run_query(db, "tabell", t->id, t->query, from, to, o, true, cat_row, &b);
    char id[112];
    snprintf(id, sizeof id, "%s_%s", o->name, t->id);
    int *order = rc == 0 && !r->failed ? rdef_unit_order(&b.u) : NULL;
    uf_table *tb = order ? rdef_table(r, s, id, t->title, t->sheet, b.u.n + 2) : NULL;
    if (tb) {
        tb->groups_overlap = t->overlap;
        uf_table_col(r, tb, 0, "category", *t->heading ? t->heading : "Kategori", UF_C_TEXT, 0,
                     false);
        for (int i = 0; i < b.u.n; i++) {
            const char *name = b.u.name[order[i]];
            char cid[128];
            snprintf(cid, sizeof cid, "unit_%s", *name ? name : "saknas");
            uf_table_col(r, tb, i + 1, cid, *name ? name : "Enhet saknas", UF_C_COUNT, 0,
                         !t->overlap);
            uf_table_part_of(tb, i + 1, b.u.n + 1);
        }
        uf_table_col(r, tb, b.u.n + 1, "total", "Totalt", UF_C_COUNT, 0, !t->overlap);
        cat_rows(r, tb, &b, order);
    }
    for (int i = 0; i < b.u.n; i++)
        free(((long **)b.u.acc)[i]);
    return table_done(r, rc, tb, &b.u, order);
}

/* ---- form = kategorier with kolumn lines --------------------------------- */

/* One row per category (then other or missing, when there is any, then
 * Totalt), the columns summed over the report's units: the query returns
 * (unit, category, the columns). */
typedef struct by_cat_cols {
    uf_report *r;
    const dtable *t;
    const uf_config *cfg;
    int ncats;
    acc *per; /* [ncats + 1] */
    acc total;
} by_cat_cols;

static void cat_cols_row(void *ctx, sqlite3_stmt *st, const char *unit)
{
    (void)unit;
    by_cat_cols *b = ctx;
    accumulate(b->r, b->t, st, &b->per[category_of(b->t, b->cfg, b->ncats, st)]);
    accumulate(b->r, b->t, st, &b->total);
}

static int cat_cols_table(uf_report *r, uf_section *s, sqlite3 *db, const dtable *t,
                          const char *from, const char *to, const rep_def_opts *o)
{
    by_cat_cols b = {
        .r = r, .t = t, .cfg = o->cfg, .ncats = t->bands ? o->cfg->nbands : t->ncats
    };
    if (!(b.per = calloc((size_t)b.ncats + 1, sizeof *b.per))) {
        r->failed = true;
        return -1;
    }
    int rc = rdef_run_query(db, "tabell", t->id, t->query, from, to, o, true, cat_cols_row, &b);
    char id[112];
    snprintf(id, sizeof id, "%s_%s", o->name, t->id);
    uf_table *tb =
        rc == 0 && !r->failed ? rdef_table(r, s, id, t->title, t->sheet, t->ncols + 1) : NULL;
    if (tb) {
        tb->groups_overlap = t->overlap;
        uf_table_col(r, tb, 0, "category", *t->heading ? t->heading : "Kategori", UF_C_TEXT, 0,
                     false);
        measure_cols(r, tb, t);
        by_cat names = { .t = t, .cfg = o->cfg, .ncats = b.ncats };
        for (int c = 0; c <= b.ncats; c++) {
            if (c == b.ncats && b.per[c].rows == 0)
                break; /* no "other" row when there is none */
            char label[128];
            cat_label(&names, c, label, sizeof label);
            int tr = uf_table_row(r, tb, false);
            uf_cell_text(r, tb, tr, 0, label);
            write_row(r, tb, tr, t, &b.per[c], 0, NULL);
        }
        if (!t->overlap) {
            int tr = uf_table_row(r, tb, true);
            uf_cell_text(r, tb, tr, 0, "Totalt");
            write_row(r, tb, tr, t, &b.total, 0, NULL);
        }
    } else if (rc == 0)
        r->failed = true;
    for (int c = 0; c <= b.ncats; c++)
        acc_release(&b.per[c], t->ncols);
    free(b.per);
    acc_release(&b.total, t->ncols);
    return rc == 0 && tb ? 0 : -1;
}

int rep_def_build(uf_report *r, sqlite3 *db, const rep_def *d, const char *from, const char *to,
                  const rep_def_opts *o)
{
    int rc = rep_def_tables(r, db, d, from, to, o);
    if (rc == 0)
        uf_report_set(r, &r->title, d->title);
    return rc;
}

int rep_def_tables(uf_report *r, sqlite3 *db, const rep_def *d, const char *from, const char *to,
                   const rep_def_opts *o)
{
    uf_section *s = NULL;
    const char *last = NULL;
    int rc = 0;
    o->err[0] = '\0';
    int first = 0, next = 0;
    if (uf_date_parse(from, &first) != 0 || uf_date_parse(to, &next) != 0)
        first = next = 0;
    for (int i = 0; rc == 0 && i < d->ntables; i++) {
        const dtable *t = &d->tables[i];
        if (t->months && !rep_def_months_wanted(first, next))
            continue; /* a period of one month has no months to show */
        if (!last || strcmp(last, t->section) != 0) {
            s = uf_report_section(r, t->section);
            last = t->section;
        }
        rc = t->months                   ? rep_def_months(r, s, db, t, first, next, o)
             : t->categories && t->ncols ? cat_cols_table(r, s, db, t, from, to, o)
             : t->categories             ? cat_table(r, s, db, t, from, to, o)
                                         : units_table(r, s, db, t, from, to, o);
    }
    for (int i = 0; rc == 0 && i < d->nmethod; i++)
        uf_report_method(r, d->method[i]);
    if (rc == 0 && d->nrules)
        rc = rep_def_rules(r, db, d, from, to, o);
    return rc;
}
