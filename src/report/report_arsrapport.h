/*
 * report_arsrapport.h - what the årsrapport's files share: the flows of a
 * calendar year (report_arsrapport_flow.c) and the goals followed up in
 * an interval.  Not a public API.
 */
#ifndef UPPFOLJ_REPORT_ARSRAPPORT_H
#define UPPFOLJ_REPORT_ARSRAPPORT_H

#include <limits.h>
#include "report_internal.h"
#include "uppfolj/kodbok.h"

#define ARS_NONE INT_MIN                /* no date */
#define ARS_NREASONS UF_KB_N_END_REASON /* kodbok order; index n = missing */
#define ARS_NSTATUS UF_KB_N_GOAL_STATUS /* goal statuses, kodbok order */

/* The flows of one calendar year [from, to), to cut at as-of + 1. */
typedef struct ars_year {
    int year, from, to;
    long fresh;   /* persons with a consent in the year */
    long active;  /* persons with a case in progress some day */
    long girls;   /* of them girls */
    long started; /* cases started */
    long ended;   /* cases ended (by as-of) */
    long by_reason[ARS_NREASONS + 1];
    double median_age;  /* at start, of the cases started; NAN */
    double median_days; /* start to end, of the cases ended; NAN */
    rep_vec ages, days;
    sqlite3_int64 last_new, last_active; /* persons counted last */
} ars_year;

typedef struct ars_flows {
    ars_year y[UF_ARS_MAX_YEARS + 1];
    int n, first_year, as_of;
} ars_flows;

/* The flows of n years from first_year (the population's cases) into
 * f; release f with ars_flows_release whatever it returns.  -1 on a
 * database error; memory failures mark r failed. */
int ars_flows_load(uf_report *r, sqlite3 *db, ars_flows *f, int first_year, int n, int as_of);
void ars_flows_release(ars_flows *f);

/* The goals followed up in each interval [from[j], to[j]) (day numbers)
 * by domain and status at their latest follow-up in it, into m[j]; -1 on
 * a database error. */
int ars_goals_load(sqlite3 *db, const int from[2], const int to[2],
                   long m[2][UF_NDOMAINS][ARS_NSTATUS]);

#endif
