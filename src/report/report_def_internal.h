/*
 * report_def_internal.h - a parsed report definition (reports/NAME.ini),
 * shared by its parser (report_def_parse.c) and its builder
 * (report_def.c).  Not a public API.
 */
#ifndef UPPFOLJ_REPORT_DEF_INTERNAL_H
#define UPPFOLJ_REPORT_DEF_INTERNAL_H

#include <stdbool.h>
#include "report_internal.h"

typedef enum agg {
    AGG_COUNT,
    AGG_SHARE,
    AGG_MEDIAN,
    AGG_MEAN,
    AGG_RATIO,
    AGG_CAPACITY,
    AGG_CAPSHARE,
    AGG_SHARE_OF /* andel:A/B: sum of A in percent of sum of B */
} agg;

typedef struct dcol {
    char id[48], label[96];
    agg kind;
    char a[48], b[48]; /* query columns of kvot:A/B, andel:A/B, kapacitetsandel:A */
    int decimals;
    char key[48];     /* the figure its counts (or its n) are, or "" */
    char part_of[48]; /* a count column whose parts this and its siblings
                         are in every row (uf_table_part_of), or "" */
} dcol;

typedef struct dcat {
    char code[48], label[96];
} dcat;

typedef struct dtable {
    char id[48], section[96], title[160], query[64], heading[64];
    char sheet[128]; /* blad: the short name (uf_table.sheet), or "" */
    char key[48];    /* kategorier: the figure of the Totalt row */
    bool categories, overlap, bands;
    bool months; /* form = månader (report_def_months.c) */
    dcol *cols;
    int ncols, ccap;
    dcat *cats;
    int ncats, kcap;
} dtable;

/* A data-quality rule ([regel ID]): a query returning unit, arende, fel,
 * datum per case checked. */
typedef struct drule {
    char id[48], title[160], query[64], counts[32];
    char sheet[128]; /* blad: the short name (uf_table.sheet), or "" */
    char *desc;      /* the method page's sentence, or NULL */
} drule;

struct rep_def {
    char title[128], summary[256];
    char **method;
    int nmethod, mcap;
    dtable *tables;
    int ntables, tcap;
    drule *rules;
    int nrules, rucap;
    char err[256]; /* the first problem, "" when none */
    bool nomem;
};

/* ---- shared by the builders (report_def_query.c) ---------------------- */

/* The units seen: names in order of first sight, and per unit what a
 * table accumulates (size bytes each); grows without limit. */
typedef struct units {
    char **name;
    void *acc;
    size_t accsz;
    int n, cap;
    bool nomem;
} units;

/* uf_section_table, and the short name sheet when it is not "" (a
 * definition's blad). */
uf_table *rdef_table(uf_report *r, uf_section *s, const char *id, const char *title,
                     const char *sheet, int ncols);

/* The index of unit name in u, added when new; -1 when memory ran out. */
int rdef_unit_index(units *u, const char *name);
void rdef_units_free(units *u);
/* The unit indexes of u in Swedish alphabetical order ("" last); caller
 * frees; NULL when memory ran out. */
int *rdef_unit_order(const units *u);

/* Name the figure of cell (tr, col) for disclosure control: "key:enhet
 * NAME" for a unit, "key:alla enheter" for the total (unit NULL). */
void rdef_key_cell(uf_report *r, uf_table *tb, int tr, int col, const char *key, const char *unit);

/* Run the query of [kind id] (kind "tabell" or "regel") for [from, to),
 * with the baseline windows of core.h and the window after the end bound
 * where named; call row for each result row with its first column (NULL
 * as "").  by_unit: the first column is a unit, printed as its name, so
 * each must be the unit of a case of the population (queries/dk_enhet.sql)
 * or the query fails: a definition's own query cannot print a pseudonym.
 * -1 on a failure (o->err tells). */
typedef void (*rdef_row_fn)(void *ctx, sqlite3_stmt *st, const char *unit);
/* Index of the result column of st named name, or -1. */
int rdef_qcol(sqlite3_stmt *st, const char *name);
int rdef_run_query(sqlite3 *db, const char *kind, const char *id, const char *query,
                   const char *from, const char *to, const rep_def_opts *o, bool by_unit,
                   rdef_row_fn row, void *ctx);

/* form = månader (report_def_months.c): does [from, to) (day numbers)
 * span more than one month?  Then rep_def_months builds t's table of the
 * months, with its chart, in section s; -1 on a failure (o->err tells, or
 * r is marked failed). */
bool rep_def_months_wanted(int from, int to);
int rep_def_months(uf_report *r, uf_section *s, sqlite3 *db, const dtable *t, int from, int to,
                   const rep_def_opts *o);

#endif
