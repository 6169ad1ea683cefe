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
#include "uppfolj/diag.h"
#include "uppfolj/groups.h"
#include "uppfolj/model.h"

typedef struct uf_report_opts {
    uf_dim by[2]; /* breakdown: one or two dimensions */
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
uf_report *uf_report_utfall(const uf_caseset *c, const uf_report_opts *o);

/*
 * A reporting period: "2024" (year), "2024-Q3" (quarter), "2024-T2"
 * (tertial: jan-apr, maj-aug, sep-dec) or "2024-05" (month); pooled,
 * "2024..2025" or "2025-Q1..2025-Q3" (from the first day of the one to
 * the last of the other, so that a small unit has figures to publish);
 * or rolling, "12m": the 1..60 months up to and including as_of (a day
 * number; 0 = unknown, then refused).  *from is its first day, *to the
 * day after its last (day numbers); label gets a Swedish description.  -1
 * if s is none of these.
 */
int uf_period_parse(const char *s, int as_of, int *from, int *to, char *label, size_t n);

/* Options of the årsrapport. */
typedef struct uf_arsrapport_opts {
    int year;         /* the report year */
    int years;        /* years of trend, 1..UF_ARS_MAX_YEARS */
    const char *unit; /* the population's unit, for the front, or
                                   NULL; the population (population.h)
                                   already holds only its cases */
    const uf_config *cfg;
} uf_arsrapport_opts;

#define UF_ARS_MAX_YEARS 10

/*
 * arsrapport: the årsrapport till styrgruppen (SPEC §9.2) for o->year:
 * key figures beside the year before, trends over o->years years,
 * before/after outcomes by sex, age band and insats for the cases whose
 * after phase began in the year, goal attainment per domain, end reasons
 * and a method page.  l is the case set being loaded (uf_core_load_start
 * on db) with the report's windows and as-of (every unit: o->unit
 * filters): the report reads its flows and goals on db while the measure
 * tables stream in, then finishes the load (l is used up whatever
 * happens) and frees the case set, whose cases it reuses as scratch so
 * that a case set at national scale is not copied.  NULL on failure:
 * *err is UF_ERR_USAGE (a year after as-of or years out of range),
 * UF_ERR_DB (sqlite3_errmsg tells) or UF_ERR_NOMEM.
 */
uf_report *uf_report_arsrapport(sqlite3 *db, uf_core_loading *l, const uf_arsrapport_opts *o,
                                uf_error *err);

/* Options of the kohort report. */
#define UF_KOHORT_MAX 8 /* cohorts compared at most */

typedef struct uf_kohort_opts {
    const uf_cohort_filter *cohorts; /* ncohorts parsed filters; the first
                                           is the reference */
    const char *const *specs;        /* the same as written, for the front */
    int ncohorts;                    /* 2..UF_KOHORT_MAX */
    int from, to;                    /* start dates [from, to] (day
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
uf_report *uf_report_kohort(sqlite3 *db, const uf_caseset *c, const uf_kohort_opts *o,
                            uf_error *err);

/* ---- the report registry -------------------------------------------- */

/* The options of `uppfolj report` a report may take (uf_report_info.takes)
 * or needs (.needs).  --program, --unit, --cohort (one population filter;
 * compared cohorts for UF_RO_COHORTS), --format and -o every report
 * takes. */
enum {
    UF_RO_PERIOD = 1u << 0,  /* --period */
    UF_RO_YEAR = 1u << 1,    /* --year */
    UF_RO_YEARS = 1u << 2,   /* --years */
    UF_RO_BY = 1u << 3,      /* --by */
    UF_RO_COHORTS = 1u << 4, /* --cohort two or more times: compared cohorts */
    UF_RO_FROMTO = 1u << 5,  /* --from, --to */
    UF_RO_ASOF = 1u << 6,    /* --as-of */
    UF_RO_WINDOWS = 1u << 7, /* --window-before, --window-after, --anchor */
    UF_RO_LIST = 1u << 8     /* --lista: the internal worklist (rules) */
};

/* What a report is built from: the database restricted to its population
 * (population.h) and the options as the registry let them through. */
typedef struct uf_report_req {
    sqlite3 *db;
    const uf_config *cfg;
    uf_core_params phase; /* windows, anchor; as_of resolved (never 0) */
    int from, to;         /* --period, [from, to) day numbers, cut at as-of */
    char period[192];     /* the period in words */
    bool period_cut;      /* the period ran past as-of and was cut there */
    int year, years;      /* --year, --years */
    uf_dim by[2];         /* --by */
    int nby;
    const uf_cohort_filter *cohorts; /* compared cohorts (UF_RO_COHORTS) */
    const char *const *specs;        /* the same as written */
    int ncohorts;
    int start_from, start_to; /* --from, --to: INT_MIN / INT_MAX = open */
    const char *unit;         /* the population's unit (for the front), or NULL */
    const char *population;   /* the population in words */
    bool list;                /* --lista: the worklist instead of the report */
} uf_report_req;

struct uf_report_info;

/* A report's builder: the model, before disclosure control.  NULL on
 * failure with *err: UF_ERR_USAGE / UF_ERR_INPUT (d tells), UF_ERR_DB
 * (sqlite3_errmsg tells), UF_ERR_NOMEM. */
typedef uf_report *(*uf_report_build_fn)(const struct uf_report_info *info, const uf_report_req *q,
                                         uf_diag *d, uf_error *err);

/* One report of the registry. */
typedef struct uf_report_info {
    char *name; /* `uppfolj report NAME` */
    char *title;
    char *summary;         /* one line for --help, Swedish */
    unsigned takes, needs; /* UF_RO_* */
    uf_report_build_fn build;
    char *def; /* a definition report: the INI text */
    char *dir; /* its folder (queries NAME.sql), NULL = built in */
} uf_report_info;

typedef struct uf_registry {
    uf_report_info *v;
    size_t n;
} uf_registry;

/*
 * Every report: the built-in ones (utfall, arsrapport, kohort, and each
 * reports/NAME.ini compiled in) and each NAME.ini in folder dir (NULL or
 * a missing folder: none).  A definition in dir registers itself: its
 * [rapport] titel and beskrivning, the period options, and its queries
 * from dir/NAME.sql (or the built-in queries).  A bad definition or a
 * name taken twice is an error in d (UF_ERR_INPUT); UF_ERR_NOMEM;
 * UF_ERR_IO (d tells) when dir or a file in it cannot be read.  Release
 * in every case.
 */
uf_error uf_registry_init(uf_registry *g, const char *dir, uf_diag *d);
void uf_registry_release(uf_registry *g);
/* The report named name, or NULL. */
const uf_report_info *uf_registry_find(const uf_registry *g, const char *name);

/*
 * Build report info for q: checks q's period or year against the data
 * (a period wholly outside the population's dates is UF_ERR_INPUT with
 * the data's range in d; one running past as-of is cut there), calls the
 * builder, states the population (and the cut) on the front, in the JSON
 * and on the method page, and adds the import runs behind the data (the
 * snapshot and its date, which PDF and XLSX give as their creation time).  q->from/to/period are set here from
 * period (NULL when the report takes none).  NULL on failure with *err.
 */
uf_report *uf_report_run(const uf_report_info *info, uf_report_req *q, const char *period,
                         uf_diag *d, uf_error *err);

/* After disclosure control and uf_report_prune: the årsrapport and the
 * kohort report open with a summary (report_summary.c), sentences and two
 * charts made only from what their tables show; other reports are left
 * as they are.  0, or -1 when memory ran out. */
int uf_report_summary(uf_report *r);

#endif
