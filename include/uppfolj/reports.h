/*
 * reports.h - report definitions: from a loaded cohort to a report model.
 *
 * Each report is a function that builds an uf_report (model.h) from the
 * core's cohort; it computes statistics but applies no disclosure control
 * and knows no output format: the caller runs uf_suppress_report() once
 * and then a renderer.  Table and column ids are stable (SPEC §13).
 */
#ifndef UPPFOLJ_REPORTS_H
#define UPPFOLJ_REPORTS_H

#include <sqlite3.h>
#include "uppfolj/cohort.h"
#include "uppfolj/config.h"
#include "uppfolj/core.h"
#include "uppfolj/groups.h"
#include "uppfolj/model.h"

typedef struct uf_report_opts {
    uf_dim by[2];               /* breakdown: one or two dimensions */
    int nby;
    const uf_config *cfg;
} uf_report_opts;

/*
 * utfall: before/after outcomes by group (SPEC §5-§7, §13): suspicions
 * (rate per person-year and any), violent-crime suspicions, conduct
 * disorder, school absence, days placed, assessment change per instrument
 * and risk-level transitions, and the cases left out and why.  NULL when
 * memory ran out.
 */
uf_report *uf_report_utfall(const uf_cohort *c, const uf_report_opts *o);

/*
 * A reporting period: "2024" (year), "2024-Q3" (quarter), "2024-T2"
 * (tertial: jan-apr, maj-aug, sep-dec) or "2024-05" (month).  *from is its
 * first day, *to the day after its last (day numbers); label gets a
 * Swedish description.  -1 if s is none of these.
 */
int uf_period_parse(const char *s, int *from, int *to, char *label, size_t n);

/*
 * verksamhet: the verksamhetsuppföljning of a period (SPEC §9.1), per unit
 * and in total, as reports/verksamhet.ini defines it.  unit NULL = every
 * unit.  NULL on failure: *err is UF_ERR_USAGE (bad period), UF_ERR_DB
 * (sqlite3_errmsg tells) or UF_ERR_NOMEM.
 */
uf_report *uf_report_verksamhet(sqlite3 *db, const char *period, const char *unit,
                                const uf_config *cfg, uf_error *err);

/* Options of the årsrapport. */
typedef struct uf_arsrapport_opts {
    int year;                   /* the report year */
    int years;                  /* years of trend, 1..UF_ARS_MAX_YEARS */
    const char *unit;           /* only this unit, or NULL for all */
    const uf_config *cfg;
} uf_arsrapport_opts;

#define UF_ARS_MAX_YEARS 10

/*
 * arsrapport: the årsrapport till styrgruppen (SPEC §9.2) for o->year:
 * key figures beside the year before, trends over o->years years,
 * before/after outcomes by sex, age band and insats for the cases whose
 * after phase began in the year, goal attainment per domain, end reasons
 * and a method page.  c is the cohort loaded with the report's windows
 * and as-of (every unit: o->unit filters).  NULL on failure: *err is
 * UF_ERR_USAGE (a year after as-of or years out of range), UF_ERR_DB
 * (sqlite3_errmsg tells) or UF_ERR_NOMEM.
 */
uf_report *uf_report_arsrapport(sqlite3 *db, const uf_cohort *c, const uf_arsrapport_opts *o,
                                uf_error *err);

/* Options of the kohort report. */
#define UF_KOHORT_MAX 8         /* cohorts compared at most */

typedef struct uf_kohort_opts {
    const uf_cohort_filter *cohorts;    /* ncohorts parsed filters; the first
                                           is the reference */
    const char *const *specs;           /* the same as written, for the front */
    int ncohorts;                       /* 2..UF_KOHORT_MAX */
    int from, to;                       /* start dates [from, to] (day
                                           numbers); INT_MIN / INT_MAX = open */
    const uf_config *cfg;
} uf_kohort_opts;

/*
 * kohort: cohort comparison for evaluators (SPEC §9.3): the cases of c
 * (with follow-up consent, started in [from, to]) in each cohort; baseline
 * balance with SMD, before/after per cohort and difference in differences
 * against the first cohort, Kaplan-Meier curves of the time to the first
 * new registered suspicion after start with a log-rank test, end reasons
 * with Fisher's exact test, and a method page.  Table ids begin with
 * "kohort_".  NULL on failure: *err is UF_ERR_USAGE (fewer than two or
 * more than UF_KOHORT_MAX cohorts), UF_ERR_DB (sqlite3_errmsg tells) or
 * UF_ERR_NOMEM.
 */
uf_report *uf_report_kohort(sqlite3 *db, const uf_cohort *c, const uf_kohort_opts *o,
                            uf_error *err);

#endif
