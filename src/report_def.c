/*
 * report_def.c - reports defined in reports/NAME.ini (see the comment at
 * the top of reports/verksamhet.ini for the format): each table is a query
 * that returns one row per case, aggregated here per unit into counts,
 * shares, medians, ratios and capacity use, or pivoted into categories by
 * unit.  The definition holds the texts and the layout; queries/ holds the
 * SQL; this file only counts.
 *
 * Workload: a period's cases, at most some hundred thousand rows per
 * table; units and categories are a few dozen.
 */
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/query.h"
#include "uppfolj/stats.h"

#define MAX_DCOLS 12
#define MAX_CATS 32
#define MAX_TABLES 24
#define MAX_UNITS 64

typedef enum agg { AGG_COUNT, AGG_SHARE, AGG_MEDIAN, AGG_MEAN, AGG_RATIO, AGG_CAPACITY,
                   AGG_CAPSHARE } agg;

typedef struct dcol {
    char id[48], label[96];
    agg kind;
    char a[48], b[48];          /* query columns of kvot:A/B, kapacitetsandel:A */
    int decimals;
} dcol;

typedef struct dcat {
    char code[48], label[96];
} dcat;

typedef struct dtable {
    char id[48], section[96], title[160], query[64], heading[64];
    bool categories, overlap, bands;
    dcol cols[MAX_DCOLS];
    int ncols;
    dcat cats[MAX_CATS];
    int ncats;
} dtable;

typedef struct def {
    char title[128];
    char method[8][1024];
    int nmethod;
    dtable tables[MAX_TABLES];
    int ntables;
    bool bad;
} def;

/* Copy the i-th '|'-separated field of s, trimmed, into out. */
static void field(const char *s, int i, char *out, size_t n)
{
    for (; i > 0 && s; i--)
        s = (s = strchr(s, '|')) ? s + 1 : NULL;
    out[0] = '\0';
    if (!s)
        return;
    size_t len = strcspn(s, "|");
    snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), s);
    uf_trim(out);
}

static bool parse_col(dcol *c, const char *v)
{
    char kind[96], dec[16];
    field(v, 0, c->id, sizeof c->id);
    field(v, 1, c->label, sizeof c->label);
    field(v, 2, kind, sizeof kind);
    field(v, 3, dec, sizeof dec);
    c->decimals = *dec ? atoi(dec) : 1;
    static const struct { const char *name; agg kind; } kinds[] = {
        { "antal", AGG_COUNT }, { "andel", AGG_SHARE }, { "median", AGG_MEDIAN },
        { "medel", AGG_MEAN }, { "kapacitet", AGG_CAPACITY },
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(kind, kinds[i].name) == 0) {
            c->kind = kinds[i].kind;
            return *c->id && *c->label;
        }
    if (sscanf(kind, "kvot:%47[^/]/%47s", c->a, c->b) == 2) {
        c->kind = AGG_RATIO;
        return true;
    }
    if (sscanf(kind, "kapacitetsandel:%47s", c->a) == 1) {
        c->kind = AGG_CAPSHARE;
        return true;
    }
    return false;
}

/* inih handler for a definition. */
static int on_def(void *user, const char *section, const char *name, const char *value)
{
    def *d = user;
    if (strcmp(section, "rapport") == 0) {
        if (strcmp(name, "titel") == 0)
            snprintf(d->title, sizeof d->title, "%s", value);
        else if (strcmp(name, "metod") == 0 && d->nmethod < 8)
            snprintf(d->method[d->nmethod++], sizeof d->method[0], "%s", value);
        return 1;
    }
    if (strncmp(section, "tabell ", 7) != 0)
        return d->bad = true, 1;
    dtable *t = d->ntables ? &d->tables[d->ntables - 1] : NULL;
    if (!t || strcmp(t->id, section + 7) != 0) {
        if (d->ntables == MAX_TABLES)
            return d->bad = true, 1;
        t = &d->tables[d->ntables++];
        memset(t, 0, sizeof *t);
        snprintf(t->id, sizeof t->id, "%s", section + 7);
    }
    if (strcmp(name, "avsnitt") == 0)
        snprintf(t->section, sizeof t->section, "%s", value);
    else if (strcmp(name, "titel") == 0)
        snprintf(t->title, sizeof t->title, "%s", value);
    else if (strcmp(name, "rubrik") == 0)
        snprintf(t->heading, sizeof t->heading, "%s", value);
    else if (strcmp(name, "fråga") == 0)
        snprintf(t->query, sizeof t->query, "%s", value);
    else if (strcmp(name, "form") == 0)
        t->categories = strcmp(value, "kategorier") == 0;
    else if (strcmp(name, "överlapp") == 0)
        t->overlap = strcmp(value, "ja") == 0;
    else if (strcmp(name, "kategorier") == 0)
        t->bands = strcmp(value, "åldersgrupper") == 0;
    else if (strcmp(name, "kolumn") == 0 && t->ncols < MAX_DCOLS)
        d->bad |= !parse_col(&t->cols[t->ncols++], value);
    else if (strcmp(name, "kategori") == 0 && t->ncats < MAX_CATS) {
        field(value, 0, t->cats[t->ncats].code, sizeof t->cats[0].code);
        field(value, 1, t->cats[t->ncats].label, sizeof t->cats[0].label);
        t->ncats++;
    } else
        d->bad = true;
    return 1;
}

/* The units seen, in Swedish alphabetical order, "" (no unit) last. */
typedef struct units {
    char name[MAX_UNITS][96];
    int n;
} units;

static int unit_index(units *u, const char *name)
{
    for (int i = 0; i < u->n; i++)
        if (strcmp(u->name[i], name) == 0)
            return i;
    if (u->n == MAX_UNITS)
        return MAX_UNITS - 1;
    snprintf(u->name[u->n], sizeof u->name[0], "%s", name);
    return u->n++;
}

/* Per unit and column: sums and the values of median columns. */
typedef struct acc {
    double sum[MAX_DCOLS], sum_b[MAX_DCOLS];
    long n[MAX_DCOLS];          /* rows with a value */
    long rows;
    rep_vec vals[MAX_DCOLS];
} acc;

/* Index of the query column named name, or -1. */
static int qcol(sqlite3_stmt *st, const char *name)
{
    for (int i = 0; i < sqlite3_column_count(st); i++)
        if (strcmp(sqlite3_column_name(st, i), name) == 0)
            return i;
    return -1;
}

/* Add one query row to a. */
static void accumulate(uf_report *r, const dtable *t, sqlite3_stmt *st, acc *a)
{
    a->rows++;
    for (int c = 0; c < t->ncols; c++) {
        const dcol *col = &t->cols[c];
        int qa = qcol(st, col->kind == AGG_RATIO || col->kind == AGG_CAPSHARE ? col->a : col->id);
        if (qa < 0 || sqlite3_column_type(st, qa) == SQLITE_NULL)
            continue;
        double v = sqlite3_column_double(st, qa);
        a->sum[c] += v;
        a->n[c]++;
        if (col->kind == AGG_RATIO) {
            int qb = qcol(st, col->b);
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

/* Write the aggregated row of a (unit name, or the total) into table row tr. */
static void write_row(uf_report *r, uf_table *tb, int tr, const dtable *t, acc *a, int cap)
{
    for (int c = 0; c < t->ncols; c++) {
        const dcol *col = &t->cols[c];
        int tc = c + 1;
        switch (col->kind) {
        case AGG_COUNT:
            uf_cell_count(tb, tr, tc, lround(a->sum[c]));
            break;
        case AGG_SHARE:
            uf_cell_percent(tb, tr, tc, a->n[c] ? 100.0 * a->sum[c] / (double)a->n[c] : NAN,
                            a->n[c], -1);
            break;
        case AGG_MEAN:
            uf_cell_number(tb, tr, tc, a->n[c] ? a->sum[c] / (double)a->n[c] : NAN, a->n[c]);
            break;
        case AGG_MEDIAN: {
            double m = NAN;
            uf_stat_median(a->vals[c].v, a->vals[c].n, &m);
            uf_cell_number(tb, tr, tc, m, (long)a->vals[c].n);
            break;
        }
        case AGG_RATIO:
            uf_cell_number(tb, tr, tc, a->sum_b[c] > 0 ? a->sum[c] / a->sum_b[c] : NAN, a->rows);
            break;
        case AGG_CAPACITY:
            if (cap > 0)
                uf_cell_number(tb, tr, tc, cap, -1);
            else
                uf_cell_none(tb, tr, tc, UF_SUPP_MISSING);
            break;
        case AGG_CAPSHARE: {
            int link = -1;
            for (int k = 0; k < t->ncols; k++)
                if (t->cols[k].kind == AGG_COUNT && strcmp(t->cols[k].id, col->a) == 0)
                    link = k + 1;
            uf_cell_percent(tb, tr, tc, cap > 0 ? 100.0 * a->sum[c] / cap : NAN, -1, link);
            break;
        }
        }
    }
    rep_fix_missing(tb, tr, 1, t->ncols);
    (void)r;
}

static int cmp_units(const void *a, const void *b)
{
    const char *x = a, *y = b;
    if (!*x || !*y)
        return (*x == 0) - (*y == 0);   /* no unit last */
    return uf_sv_cmp(x, y);
}

/* Run t's query for [from, to); call row for each result row.  -1 on a
 * database error. */
typedef void (*row_fn)(void *ctx, sqlite3_stmt *st, const char *unit);

static int run_query(sqlite3 *db, const dtable *t, const char *from, const char *to,
                     const char *only_unit, row_fn row, void *ctx)
{
    sqlite3_stmt *st = uf_db_prepare(db, t->query);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(st, 0);
        if (!unit)
            unit = "";
        if (only_unit && strcmp(unit, only_unit) != 0)
            continue;
        row(ctx, st, unit);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- form = enheter ----------------------------------------------------- */

typedef struct by_unit {
    uf_report *r;
    const dtable *t;
    units u;
    acc a[MAX_UNITS + 1];       /* [MAX_UNITS] is the total */
} by_unit;

static void unit_row(void *ctx, sqlite3_stmt *st, const char *unit)
{
    by_unit *b = ctx;
    accumulate(b->r, b->t, st, &b->a[unit_index(&b->u, unit)]);
    accumulate(b->r, b->t, st, &b->a[MAX_UNITS]);
}

static int units_table(uf_report *r, uf_section *s, sqlite3 *db, const dtable *t,
                       const char *from, const char *to, const rep_def_opts *o)
{
    by_unit *b = calloc(1, sizeof *b);
    if (!b)
        return -1;
    b->r = r;
    b->t = t;
    int rc = run_query(db, t, from, to, o->unit, unit_row, b);
    char id[96];
    snprintf(id, sizeof id, "%s_%s", o->name, t->id);
    uf_table *tb = rc == 0 ? uf_section_table(r, s, id, t->title, t->ncols + 1) : NULL;
    if (tb) {
        uf_table_col(r, tb, 0, "unit", "Enhet", UF_C_TEXT, 0, false);
        for (int c = 0; c < t->ncols; c++) {
            const dcol *col = &t->cols[c];
            uf_ctype type = col->kind == AGG_COUNT ? UF_C_COUNT
                          : col->kind == AGG_SHARE || col->kind == AGG_CAPSHARE ? UF_C_PERCENT
                          : UF_C_NUMBER;
            uf_table_col(r, tb, c + 1, col->id, col->label, type,
                         col->kind == AGG_CAPACITY ? 0 : col->decimals, type == UF_C_COUNT);
        }
        /* sort the units, carrying their accumulators along */
        int order[MAX_UNITS];
        for (int i = 0; i < b->u.n; i++)
            order[i] = i;
        for (int i = 1; i < b->u.n; i++)
            for (int j = i; j > 0 && cmp_units(b->u.name[order[j - 1]], b->u.name[order[j]]) > 0; j--) {
                int x = order[j];
                order[j] = order[j - 1];
                order[j - 1] = x;
            }
        int total_cap = 0;
        for (int i = 0; i < b->u.n; i++) {
            const char *name = b->u.name[order[i]];
            int tr = uf_table_row(r, tb, false);
            uf_cell_text(r, tb, tr, 0, *name ? name : "Uppgift saknas");
            int cap = capacity(o->cfg, name);
            total_cap += cap;
            write_row(r, tb, tr, t, &b->a[order[i]], cap);
        }
        int tr = uf_table_row(r, tb, true);
        uf_cell_text(r, tb, tr, 0, "Totalt");
        write_row(r, tb, tr, t, &b->a[MAX_UNITS], total_cap);
    }
    for (int i = 0; i <= MAX_UNITS; i++)
        for (int c = 0; c < MAX_DCOLS; c++)
            rep_vec_free(&b->a[i].vals[c]);
    free(b);
    return rc == 0 && tb ? 0 : -1;
}

/* ---- form = kategorier -------------------------------------------------- */

typedef struct by_cat {
    const dtable *t;
    const uf_config *cfg;
    units u;
    long n[MAX_CATS + 1][MAX_UNITS];    /* [ncats] = other / missing */
} by_cat;

static void cat_row(void *ctx, sqlite3_stmt *st, const char *unit)
{
    by_cat *b = ctx;
    int cat = b->t->bands ? b->cfg->nbands : b->t->ncats;
    if (b->t->bands) {
        if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
            int band = uf_config_band(b->cfg, sqlite3_column_int(st, 1));
            if (band >= 0)
                cat = band;
        }
    } else {
        const char *code = (const char *)sqlite3_column_text(st, 1);
        for (int i = 0; code && i < b->t->ncats; i++)
            if (strcmp(b->t->cats[i].code, code) == 0)
                cat = i;
    }
    b->n[cat][unit_index(&b->u, unit)]++;
}

/* Label of category i (the last one: other or missing). */
static void cat_label(const by_cat *b, int i, char *out, size_t n)
{
    int ncats = b->t->bands ? b->cfg->nbands : b->t->ncats;
    if (i == ncats)
        snprintf(out, n, "%s", b->t->bands ? "Annan ålder eller okänd" : "Annat eller uppgift saknas");
    else if (b->t->bands)
        snprintf(out, n, "%d–%d år", b->cfg->bands[i].lo, b->cfg->bands[i].hi);
    else
        snprintf(out, n, "%s", b->t->cats[i].label);
}

static int cat_table(uf_report *r, uf_section *s, sqlite3 *db, const dtable *t,
                     const char *from, const char *to, const rep_def_opts *o)
{
    by_cat *b = calloc(1, sizeof *b);
    if (!b)
        return -1;
    b->t = t;
    b->cfg = o->cfg;
    int rc = run_query(db, t, from, to, o->unit, cat_row, b);
    int ncats = t->bands ? o->cfg->nbands : t->ncats;
    char id[96];
    snprintf(id, sizeof id, "%s_%s", o->name, t->id);
    uf_table *tb = rc == 0 ? uf_section_table(r, s, id, t->title, b->u.n + 2) : NULL;
    if (tb) {
        tb->groups_overlap = t->overlap;
        uf_table_col(r, tb, 0, "category", *t->heading ? t->heading : "Kategori", UF_C_TEXT, 0,
                     false);
        int order[MAX_UNITS];
        for (int i = 0; i < b->u.n; i++)
            order[i] = i;
        for (int i = 1; i < b->u.n; i++)
            for (int j = i; j > 0 && cmp_units(b->u.name[order[j - 1]], b->u.name[order[j]]) > 0; j--) {
                int x = order[j];
                order[j] = order[j - 1];
                order[j - 1] = x;
            }
        for (int i = 0; i < b->u.n; i++) {
            const char *name = b->u.name[order[i]];
            char cid[112];
            snprintf(cid, sizeof cid, "unit_%s", *name ? name : "saknas");
            uf_table_col(r, tb, i + 1, cid, *name ? name : "Enhet saknas", UF_C_COUNT, 0,
                         !t->overlap);
            uf_table_part_of(tb, i + 1, b->u.n + 1);
        }
        uf_table_col(r, tb, b->u.n + 1, "total", "Totalt", UF_C_COUNT, 0, !t->overlap);
        long coltotal[MAX_UNITS] = { 0 };
        for (int c = 0; c <= ncats; c++) {
            long rowtotal = 0;
            for (int i = 0; i < b->u.n; i++)
                rowtotal += b->n[c][i];
            if (c == ncats && rowtotal == 0)
                break;                  /* no "other" row when there is none */
            char label[128];
            cat_label(b, c, label, sizeof label);
            int tr = uf_table_row(r, tb, false);
            uf_cell_text(r, tb, tr, 0, label);
            for (int i = 0; i < b->u.n; i++) {
                uf_cell_count(tb, tr, i + 1, b->n[c][order[i]]);
                coltotal[i] += b->n[c][order[i]];
            }
            uf_cell_count(tb, tr, b->u.n + 1, rowtotal);
        }
        if (!t->overlap) {
            int tr = uf_table_row(r, tb, true);
            long all = 0;
            uf_cell_text(r, tb, tr, 0, "Totalt");
            for (int i = 0; i < b->u.n; i++) {
                uf_cell_count(tb, tr, i + 1, coltotal[i]);
                all += coltotal[i];
            }
            uf_cell_count(tb, tr, b->u.n + 1, all);
        } else {
            uf_table_note(r, tb, "Ett ärende räknas under varje insats det hade under perioden, "
                                 "så raderna summerar inte till antalet ärenden.");
        }
    }
    free(b);
    return rc == 0 && tb ? 0 : -1;
}

int rep_def_build(uf_report *r, sqlite3 *db, const char *from, const char *to,
                  const rep_def_opts *o)
{
    const char *text = uf_report_def(o->name);
    def *d = text ? calloc(1, sizeof *d) : NULL;
    if (!d)
        return -1;
    int rc = ini_parse_string(text, on_def, d) == 0 && !d->bad ? 0 : -1;
    uf_section *s = NULL;
    const char *last = NULL;
    for (int i = 0; rc == 0 && i < d->ntables; i++) {
        const dtable *t = &d->tables[i];
        if (!last || strcmp(last, t->section) != 0) {
            s = uf_report_section(r, t->section);
            last = t->section;
        }
        rc = t->categories ? cat_table(r, s, db, t, from, to, o)
                           : units_table(r, s, db, t, from, to, o);
    }
    for (int i = 0; rc == 0 && i < d->nmethod; i++)
        uf_report_method(r, d->method[i]);
    if (rc == 0 && *d->title)
        uf_report_set(r, &r->title, d->title);
    free(d);
    return rc;
}
