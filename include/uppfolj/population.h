/*
 * population.h - the cases a report or an export covers (SPEC §9).
 *
 * A population is a cohort filter (cohort.h): --program, --unit and the
 * conditions of a --cohort, or the default programme of uppfolj.conf.
 * uf_population_check() tells whether every condition matches some case
 * (as the importer reads values: case and å ä ö do not matter; a value no
 * case has is an error that lists the values that occur);
 * uf_population_apply() restricts the connection to the population: a
 * temporary view `cases` over temp.population hides every other case from
 * every query that reads `cases`, so no report can count a case outside
 * the population it states.
 *
 * Workload: one scan of the cases (about 100 000 at national scale).
 * Messages are Swedish and quote only what the user wrote and the names of
 * programmes and units, never a person.
 */
#ifndef UPPFOLJ_POPULATION_H
#define UPPFOLJ_POPULATION_H

#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>
#include "uppfolj/cohort.h"
#include "uppfolj/diag.h"
#include "uppfolj/error.h"

/*
 * Check every condition of f against the cases of db.  A condition that
 * no case meets is an error in d naming the values that occur (for
 * programme, unit, target group and sex) or the span (start year, age).
 * The value of a programme or unit condition becomes the name as stored
 * (the first that matches).  what names the filter in messages ("--cohort
 * SIG", "populationen").  UF_ERR_INPUT (d tells), UF_ERR_DB, UF_ERR_NOMEM.
 */
uf_error uf_population_check(sqlite3 *db, uf_cohort_filter *f, const char *what, uf_diag *d);

/*
 * The programmes of db and their number of cases, written as
 * "SIG (125 ärenden), ordinarie (59 ärenden)" into out (cut to n bytes);
 * *count gets the number of programmes.  UF_ERR_DB on failure.
 */
uf_error uf_population_programmes(sqlite3 *db, char *out, size_t n, int *count);

/*
 * Restrict db (this connection) to the cases that meet f: fills
 * temp.population and creates the temporary view `cases`.  *ncases gets
 * their number (0 is not an error here; callers refuse it).  UF_ERR_DB or
 * UF_ERR_NOMEM.
 */
uf_error uf_population_apply(sqlite3 *db, const uf_cohort_filter *f, size_t *ncases);

/*
 * The first and the last date (day numbers) of the population's cases:
 * referral, consent, start or end.  UF_ERR_INPUT when they have none,
 * UF_ERR_DB on failure.
 */
uf_error uf_population_range(sqlite3 *db, int *first, int *last);

/* What a command asks of its population. */
typedef struct uf_population_req {
    const char *program;            /* --program, or NULL */
    const char *unit;               /* --unit, or NULL */
    const uf_cohort_filter *filter; /* one --cohort as the population, or NULL */
    uf_cohort_filter *cohorts;      /* compared cohorts (kohort, export): each
                                           is checked and canonicalised */
    int ncohorts;
    bool by_programme;           /* the report breaks down by programme */
    const char *default_program; /* [rapporter] program of uppfolj.conf */
    char unit_name[64];          /* out: the unit as stored, "" if none */
} uf_population_req;

/*
 * Decide, check and apply the population of one command (SPEC §9): the
 * conditions of q->filter, --program and --unit.  When the database holds
 * more than one programme and neither these, the default programme, the
 * compared cohorts (each naming its programme) nor a breakdown by
 * programme say which, it is an error that lists the programmes with
 * their number of cases; the default programme narrows the filter, or
 * (with compared cohorts) each cohort that names no programme of its own.
 * A population of no case is an error.  On
 * success db is restricted to the cases that meet the conditions and (when
 * there are compared cohorts) belong to one of them, and words holds the
 * population in Swedish ("program SIG (125 ärenden)", "kohorterna SIG
 * (program SIG); Jämförelse (program ordinarie) (312 ärenden)").  UF_ERR_INPUT (d
 * tells), UF_ERR_DB, UF_ERR_NOMEM.
 */
uf_error uf_population_choose(sqlite3 *db, uf_population_req *q, char *words, size_t n, uf_diag *d);

#endif
