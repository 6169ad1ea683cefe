/*
 * report_kohort.h - what the kohort report's files share: the cases of
 * each cohort (report_kohort.c) and the time-to-event section
 * (report_kohort_surv.c).  Not a public API.
 */
#ifndef UPPFOLJ_REPORT_KOHORT_H
#define UPPFOLJ_REPORT_KOHORT_H

#include "report_internal.h"

/* The cohorts of one report: the analysed cases of each (indexes into
 * c->cases, with follow-up consent and a start in [from, to]). */
typedef struct kh_set {
    uf_report *r;
    const uf_caseset *c;
    const uf_kohort_opts *o;
    int nk;                     /* cohorts */
    size_t *idx[UF_KOHORT_MAX]; /* analysed cases of cohort j */
    size_t n[UF_KOHORT_MAX];
    long matched[UF_KOHORT_MAX];    /* cases of the filter and period */
    long no_consent[UF_KOHORT_MAX]; /* of them without follow-up consent */
    long complete[UF_KOHORT_MAX];   /* analysed with both windows complete */
    size_t *first[UF_KOHORT_MAX];   /* of cohort j's analysed cases, each
                                       person's first (earliest start): the
                                       time-to-event cases, one per person */
    size_t nfirst[UF_KOHORT_MAX];
    bool overlap; /* a case is in more than one cohort */
} kh_set;

/* The label of cohort j. */
const char *kh_name(const kh_set *k, int j);
/* The disclosure threshold (uppfolj.conf; 5 without settings). */
int kh_threshold(const kh_set *k);

/* Count n into (tr, col) of t: the same figure as cohort j's analysed
 * cases, or its cases with complete windows, when it equals them
 * (uf_cell_key), so that disclosure control treats every place it stands
 * as one. */
void kh_count(kh_set *k, uf_table *t, int tr, int col, int j, long n);

/* The time-to-first-suspicion section: KM per cohort at 3, 6, 12 and 24
 * months, a curve table with a line chart, and the log-rank test.  -1 on
 * a database error; memory failures mark k->r failed. */
int kh_survival(kh_set *k, sqlite3 *db);

/* Days per month of the time axis (365.25 / 12). */
#define KH_MONTH 30.4375

#endif
