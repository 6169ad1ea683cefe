/*
 * report_internal.h - what the report definitions share: the group rows of
 * a breakdown, tables laid out with their group columns, growing vectors,
 * the paired statistics of a before/after comparison, the front matter and
 * method notes.  Not a public API.
 */
#ifndef UPPFOLJ_REPORT_INTERNAL_H
#define UPPFOLJ_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>
#include "uppfolj/reports.h"

/* The group rows of a breakdown by one or two dimensions; row nrows is the
 * total. */
typedef struct rep_groups {
    const uf_caseset *c;
    const uf_report_opts *o;
    int ncols;             /* group label columns: 1 or 2 */
    int nrows;             /* group rows, total not counted */
    int (*keys)[2];        /* per row: the key on each dimension */
    char *(*labels)[2];    /* per row: the labels (malloc'd, NULL in
                                   the second of a one-way breakdown) */
    unsigned char *member; /* member[case * nrows + row] */
    bool overlap;
    const char *sheet_by; /* what a table's short name (uf_table.sheet) adds
                             when a report has several breakdowns: "kön" */
} rep_groups;

int rep_groups_init(uf_report *r, rep_groups *g, const uf_caseset *c, const uf_report_opts *o);
void rep_groups_free(rep_groups *g);
/* Is case i of the cohort in row (the total row holds every case)? */
bool rep_in_row(const rep_groups *g, size_t i, int row);

/* A table with the group columns first, then nmeasure columns. */
uf_table *rep_table(uf_report *r, uf_section *s, const rep_groups *g, const char *id,
                    const char *title, int nmeasure);
/* The short name of t (uf_table.sheet): name, and g's sheet_by after a
 * comma when g has one ("Någon misstanke, kön"). */
void rep_sheet(uf_report *r, uf_table *t, const rep_groups *g, const char *name);
/* Add group row `row` (or the total) to t with its labels; the row index. */
int rep_row(uf_report *r, uf_table *t, const rep_groups *g, int row);
/* Cells of columns o..o+n-1 of row tr holding NAN: no value (MISSING). */
void rep_fix_missing(uf_table *t, int tr, int o, int n);
/* A before/after bar chart of columns before and after, by group (one-way
 * breakdowns only). */
void rep_chart(uf_report *r, uf_section *s, const uf_table *t, const rep_groups *g, const char *id,
               const char *title, const char *y_label, int before, int after);

/* A growing vector of doubles. */
typedef struct rep_vec {
    double *v;
    size_t n, cap;
} rep_vec;
void rep_vec_init(rep_vec *v);
void rep_vec_clear(rep_vec *v);
void rep_vec_push(uf_report *r, rep_vec *v, double x);
void rep_vec_free(rep_vec *v);

/* The smallest count a standard deviation of v[0..n) gives away with its
 * mean and n (for uf_cell_reveals): they give the sum S and the sum of
 * squares Q, and S^2 <= k Q for the k values that are not zero, equal
 * when those are equal, so k is narrowed from below (and pinned at 1);
 * with at most three distinct values (a yes/no change: -100, 0, 100) each
 * value's count is pinned.  0 when none is (n 0). */
long rep_sd_reveals(const double *v, size_t n);

/* Paired before/after statistics (NAN where not computable). */
typedef struct rep_paired {
    double before_mean, after_mean, change_mean, lo, hi; /* paired t, 95 % */
    double v, wilcoxon_p, t_p;
    bool wilcoxon_exact; /* the exact distribution was used */
} rep_paired;
void rep_paired_stats(const rep_vec *before, const rep_vec *after, rep_paired *out);
/* The method page's paragraph on the paired tests and when they are shown. */
void rep_stats_method(uf_report *r, int threshold);
/* Exact McNemar p from the discordant counts (NAN when none). */
double rep_mcnemar(long only_before, long only_after);

/* Are the before and after windows of case k complete (and non-empty)? */
bool rep_windows_complete(const uf_case *k);
/* Table id of c's cases in s, a partition: with both windows whole, the
 * after window still open, the consent withdrawn before it was over, no
 * follow-up consent; then the row total (its label).  NULL (r marked
 * failed) when memory ran out. */
uf_table *rep_selection(uf_report *r, uf_section *s, const uf_caseset *c, const char *id,
                        const char *title, const char *total);
/* ... and has k time at risk (days outside locked care) in both? */
bool rep_at_risk(const uf_case *k);
/* The number of bits set in x (the insatser or providers of a case). */
int rep_bits(unsigned x);
/* Meetings per month (30,4375 days) of case k's during phase, up to where
 * its follow-up stopped; NAN when that is less than a day. */
double rep_meetings_per_month(const uf_case *k);
/* Name the cases of group row `row` (or the total) in cell (tr, col) of t
 * for disclosure control: the same figure as n_cases in every table of
 * breakdown g with prefix (report_outcomes.c). */
void rep_key_cases(uf_report *r, uf_table *t, const rep_groups *g, int row, int tr, int col,
                   const char *prefix);
/* How much support each group of g got during the insats (report_
 * intensity.c): table PREFIX_omfattning in s.  Failures mark r failed. */
void rep_intensity(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix);
/* A case's before and after value of one measure; false when it has not
 * both (incomplete windows, no reading). */
typedef bool (*rep_pair_fn)(const uf_caseset *c, const uf_case *k, int arg, double *before,
                            double *after);

/* The part of the report an outcome measure belongs in. */
typedef enum rep_msection { REP_M_EVENTS, REP_M_STATES, REP_M_ASSESSMENTS } rep_msection;

/* An outcome measure compared before and after (report_outcomes.c). */
typedef struct rep_measure {
    char id[64];      /* the tail of its tables' ids: misstankar_per_ar */
    char title[160];  /* "Registrerade misstankar om brott per år" */
    char sheet[40];   /* its tables' short name: "Misstankar per år" */
    const char *unit; /* a chart's axis; NULL: the share's */
    rep_pair_fn fn;   /* its before and after value of a case */
    int arg;          /* fn's argument: the event, state or instrument */
    bool binary;      /* values 0/1: a share */
    int rate_event;   /* an event rate: the event (pooled rate), else -1 */
    rep_msection section;
    int instrument; /* an assessment's instrument, else -1 */
} rep_measure;

#define REP_MAX_MEASURES (2 * UF_MAX_EVENTS + UF_MAX_STATES + 1 + UF_NINSTRUMENTS)

/* The outcome measures of c in report order (the events' rates and
 * shares with one, the states by their kind in cfg, days placed, every
 * instrument some case has both scores of) into out (REP_MAX_MEASURES);
 * a measure beyond the core set that no consenting case has both values
 * of (or an event no case has) is left out and named, by its label, in
 * none ("" when none is).  With
 * core_only: suspicions, violence (share), conduct disorder, school
 * absence, days placed and the instruments.  The number put in out. */
int rep_measures(const uf_caseset *c, const uf_config *cfg, bool core_only, rep_measure *out,
                 char *none, size_t nlen);

/* The before/after tables (report_outcomes.c) for breakdown g, with ids
 * PREFIX_misstankar_per_ar ...: into section s, or (s NULL) into new
 * sections as the utfall report has them; with the risk-level transitions
 * after each instrument when with_transitions.  Every event (rate and
 * share with one) and state measure the data has, built in and
 * configured, or with core_only suspicions, violence, conduct disorder,
 * school absence, days placed and assessments.  Failures mark r failed. */
void rep_outcomes(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix,
                  bool with_transitions, bool core_only);
/* Goal attainment by group (PREFIX_mal): the goals followed up during the
 * case by their latest status, and the share achieved (needs the core's
 * goals: uf_core_params.with_goals).  Failures mark r failed. */
void rep_goals(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix);
/* The risk-level transition tables (PREFIX_risk_INSTRUMENT) of c into s. */
void rep_transitions(uf_report *r, uf_section *s, const uf_caseset *c, const char *prefix);

/* A report defined in reports/NAME.ini (report_def_parse.c, report_def.c). */
typedef struct rep_def rep_def;

/* Parse a definition's text.  NULL with a Swedish message in err when it
 * is bad, NULL with err "" when memory ran out.  Free with rep_def_free
 * (NULL-safe). */
rep_def *rep_def_parse(const char *text, char *err, size_t n);
void rep_def_free(rep_def *d);
const char *rep_def_title(const rep_def *d);
const char *rep_def_summary(const rep_def *d); /* "" when none */
bool rep_def_has_rules(const rep_def *d);      /* [regel ID] sections */

/* The whole text of the file at path, NUL-terminated; NULL (errno tells,
 * ENOENT: no such file) on failure.  Caller frees. */
char *rep_read_file(const char *path);

typedef struct rep_def_opts {
    const char *name;     /* the report: also the table id prefix */
    const uf_config *cfg; /* age bands, unit capacities */
    const char *dir;      /* folder of its own queries, or NULL */
    char *err;            /* errlen bytes: what failed */
    size_t errlen;
} rep_def_opts;

/* Build every table of d into r for the period [from, to) (ISO dates) on
 * db as the population narrowed it; sets r's title and adds the method
 * notes.  -1 on a failure: o->err tells (a query), or r is marked failed
 * (memory); r may hold part of the report. */
int rep_def_build(uf_report *r, sqlite3 *db, const rep_def *d, const char *from, const char *to,
                  const rep_def_opts *o);
/* The same without setting r's title: the defined tables of a built-in
 * report (reports/delar/NAME.ini). */
int rep_def_tables(uf_report *r, sqlite3 *db, const rep_def *d, const char *from, const char *to,
                   const rep_def_opts *o);

/* The rules of d (report_def_rules.c): an overview and a table per rule
 * (rep_def_build calls it); the same contract. */
int rep_def_rules(uf_report *r, sqlite3 *db, const rep_def *d, const char *from, const char *to,
                  const rep_def_opts *o);

/* The internal worklist of d's rules instead of the report: every failing
 * row (case_id, unit, rule, date) in one table, each case_id checked
 * against the population's cases (never another value); the rules'
 * method notes.  The same contract. */
int rep_def_worklist(uf_report *r, sqlite3 *db, const rep_def *d, const char *from, const char *to,
                     const rep_def_opts *o);

/* The front matter of every report: period (when set), as-of, version and
 * unit, then the parameters: the report's own first, then the phase
 * windows (when windows), the disclosure threshold, the age bands (when
 * bands) and the settings file (when cfg). */
typedef struct rep_param {
    const char *key, *value;
} rep_param;
typedef struct rep_front {
    const char *period;      /* in words; NULL leaves it */
    const char *as_of;       /* "YYYY-MM-DD" */
    const char *unit;        /* NULL: the organisation, else "Alla enheter" */
    const rep_param *params; /* the report's own parameters */
    int nparams;
    const uf_caseset *windows;
    bool bands;
    const uf_config *cfg;
} rep_front;
void rep_front_matter(uf_report *r, const rep_front *f);
/* The sentence on the baselines of states and assessments (core.h's
 * windows), for the method pages. */
void rep_baseline_text(char *out, size_t n);
/* The method note on time at risk (the locked care of c's settings) and
 * the equal windows of any-event comparisons (SPEC §6). */
void rep_exposure_method(uf_report *r, const uf_caseset *c);
/* The method note on the audience: disclosure control with cfg's
 * threshold (extern), or exact figures (intern, cfg->internal). */
void rep_disclosure_note(uf_report *r, const uf_config *cfg);

#endif
