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
    AGG_CAPSHARE
} agg;

typedef struct dcol {
    char id[48], label[96];
    agg kind;
    char a[48], b[48]; /* query columns of kvot:A/B, kapacitetsandel:A */
    int decimals;
    char key[48]; /* the figure its counts (or its n) are, or "" */
} dcol;

typedef struct dcat {
    char code[48], label[96];
} dcat;

typedef struct dtable {
    char id[48], section[96], title[160], query[64], heading[64];
    char key[48]; /* kategorier: the figure of the Totalt row */
    bool categories, overlap, bands;
    dcol *cols;
    int ncols, ccap;
    dcat *cats;
    int ncats, kcap;
} dtable;

struct rep_def {
    char title[128], summary[256];
    char **method;
    int nmethod, mcap;
    dtable *tables;
    int ntables, tcap;
    char err[256]; /* the first problem, "" when none */
    bool nomem;
};

#endif
