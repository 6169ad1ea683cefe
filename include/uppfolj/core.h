/*
 * core.h - the aggregation core: phases and measures per case (SPEC §5).
 *
 * uf_core_load() reads every case that had started by the as-of date into
 * memory, with its phases (before, during, after: the windows are computed
 * in C from the dates) and its measures per phase: event
 * counts and exposure, state values (baseline and at the end of each
 * phase), assessment baseline and follow-up per instrument, days placed,
 * the insatser given during the case, and goal status per domain.  Cases
 * whose follow-up consent is "nej" are loaded (they count in flows) but
 * carry no measures; a withdrawn consent ends the follow-up on its day
 * (consent_withdrawn_date): later measurements are left out and a window
 * not over by then is incomplete.  The core knows nothing of reports or formats; it
 * never prints.
 *
 * Workload: national scale is about 100 000 cases and 8 million rows; the
 * loader streams each measure table once, in the order of its key, on two
 * threads with read-only connections of their own when it can
 * (uf_core_load_start): the caller's connection is free meanwhile.
 */
#ifndef UPPFOLJ_CORE_H
#define UPPFOLJ_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>
#include "uppfolj/config.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/error.h"

enum { UF_BEFORE, UF_DURING, UF_AFTER, UF_NPHASES };

#define UF_MAX_EVENTS 8                    /* event measure codes */
#define UF_MAX_STATES 8                    /* state measure codes */
#define UF_NINSTRUMENTS UF_KB_N_INSTRUMENT /* kodbok order */
#define UF_NDOMAINS UF_KB_N_DOMAIN         /* goal domains, kodbok order */

/* Risk levels of an assessment: 0 none, 1 lag, 2 medel, 3 hog. */
typedef struct uf_assess {
    double base, follow;      /* total scores; NAN when none */
    int base_day, follow_day; /* INT_MIN when none */
    signed char base_risk, follow_risk;
} uf_assess;

typedef struct uf_case {
    sqlite3_int64 id;                              /* cases.id: internal, never shown */
    sqlite3_int64 person;                          /* persons.id: internal, never shown */
    char sex;                                      /* 'F', 'M', 'X' or 0 (unknown) */
    int age;                                       /* at start, -1 when unknown */
    int unit, programme, target_group, end_reason; /* string ids, -1 = none */
    int start, end;                                /* day numbers; end INT_MIN while ongoing */
    int follow_to;                                 /* end + the after window (assessment
                                   follow-up after the end), or INT_MIN */
    bool consent;                                  /* follow-up consent: measures kept */
    bool withdrawn;                                /* the consent was withdrawn by as-of */
    int stop;                                      /* follow-up stops before this day: the
                                   withdrawal, else as-of + 1 */
    bool complete[UF_NPHASES];                     /* the window is complete by as-of */
    int from[UF_NPHASES], to[UF_NPHASES];          /* windows [from, to) */
    double years[UF_NPHASES];                      /* observed time in years (days of the
                                   window up to as-of / 365.25) */
    double risk_years[UF_NPHASES];                 /* time at risk for event rates: years
                                       less the days in locked care (sis),
                                       the union of those placements */
    float events[UF_MAX_EVENTS][UF_NPHASES];       /* event counts: whole numbers, exact
                                                      in a float up to 2^24 */
    int eq_from[UF_NPHASES], eq_to[UF_NPHASES];    /* the windows of any-event
                                   comparisons, of equal length (SPEC §6):
                                   the last L months before start and the
                                   first L of the after window, L the
                                   shorter window (uf_core_equal_months);
                                   during as the phase */
    float events_eq[UF_MAX_EVENTS][UF_NPHASES];    /* event counts in those */
    double state_base[UF_MAX_STATES];              /* NAN when none */
    double state_end[UF_MAX_STATES][UF_NPHASES];   /* latest value in the window */
    uf_assess assess[UF_NINSTRUMENTS];
    double placed[UF_NPHASES];           /* days placed (hvb, sis, familjehem, tfco):
                                   the union of the placements, so days
                                   of overlapping placements count once */
    unsigned insatser;                   /* bit i: insats code i overlapped the during
                                   phase (uf_core_insats_name) */
    unsigned providers;                  /* bit i: provider code i (kodbok utforare)
                                   of those insatser */
    int meetings;                        /* meetings in the during phase before the
                                   follow-up stopped (with_meetings) */
    unsigned meeting_actors;             /* bit i: actor code i (kodbok aktor) took
                                   part in one of them */
    int referred, consented;             /* day numbers, INT_MIN when none */
    unsigned char goals[UF_NDOMAINS][4]; /* goals per domain by latest
                                             status: uppnatt, delvis,
                                             ej_uppnatt, pagaende */
} uf_case;

/*
 * The baselines (SPEC §5): a state's baseline is its latest value from
 * UF_STATE_BASE_BEFORE days before the start to UF_STATE_BASE_AFTER days
 * after; an assessment's likewise with the UF_ASSESS_BASE_* days (its
 * follow-up is the latest after that during the case, else the first after
 * the end within the after window).  One source: the core uses them,
 * report definitions' queries get them as parameters (:bedomning_fore),
 * and the method pages and the export's code book print them
 * (rep_baseline_text).
 */
#define UF_STATE_BASE_BEFORE 90
#define UF_STATE_BASE_AFTER 30
#define UF_ASSESS_BASE_BEFORE 180
#define UF_ASSESS_BASE_AFTER 30

typedef struct uf_core_params {
    int as_of; /* day number; 0 = the latest date in the data */
    int months_before, months_after;
    uf_anchor anchor;
    const uf_config *cfg;  /* extra measures; may be NULL */
    bool with_goals;       /* also read every goal follow-up into uf_case.goals
                              (a large table: on request) */
    bool with_meetings;    /* also count each case's meetings (uf_case.meetings) */
    bool with_insats_days; /* also the days of each insats code per window
                              (uf_caseset.insats_days: the analysis export) */
} uf_core_params;

/* The cases loaded from the database for one as-of date and set of
 * windows (uf_core_load): the case set a report is built on.  (A "cohort"
 * is something else: a named condition on cases that the kohort report
 * compares, cohort.h.) */
typedef struct uf_caseset {
    uf_case *cases;
    size_t n;
    int as_of; /* the as-of used */
    uf_core_params params;
    /* measure codes, in the order of the case arrays */
    const char *event_codes[UF_MAX_EVENTS];
    int nevents;
    const char *state_codes[UF_MAX_STATES];
    int nstates;
    /* distinct strings of the grouping fields (units, programmes, ...) */
    char **strings;
    int nstrings, scap;
    size_t not_started; /* cases not started by as-of (left out) */
    /* with_insats_days: per case, insats code (kodbok order) and window,
     * the days of the person's interventions of that code in the window
     * (overlapping ones once, the end day counted, an open end at as-of);
     * NULL otherwise */
    float (*insats_days)[UF_KB_N_INSATS][UF_NPHASES];
} uf_caseset;

/*
 * Load the cohort as p says.  UF_ERR_DB (sqlite3_errmsg tells why) or
 * UF_ERR_NOMEM; UF_ERR_INPUT when the database holds no dates at all and
 * no as-of was given.  *out is NULL on failure; free with uf_caseset_free.
 */
uf_error uf_core_load(sqlite3 *db, const uf_core_params *p, uf_caseset **out);
void uf_caseset_free(uf_caseset *c);

/*
 * uf_core_load in two steps, so that the caller can read on db while the
 * measure tables stream in (the årsrapport's own queries do).  Start reads
 * the cases on db, inside a read transaction it begins unless db is in one
 * (then no import can commit until finish), and starts the streams; db may
 * be used for reading, on the calling thread, until finish, which waits
 * for the streams and ends the transaction it began.  Finish must be
 * called once for every started load, and frees l.  The errors of
 * uf_core_load.
 */
typedef struct uf_core_loading uf_core_loading;
uf_error uf_core_load_start(sqlite3 *db, const uf_core_params *p, uf_core_loading **out);
uf_error uf_core_load_finish(uf_core_loading *l, uf_caseset **out);
/* The as-of of a load under way. */
int uf_core_load_as_of(const uf_core_loading *l);

/* The as-of date uf_core_load would use for p: p->as_of, else the latest
 * date in the data.  UF_ERR_INPUT when there is none, UF_ERR_DB. */
uf_error uf_core_as_of(sqlite3 *db, const uf_core_params *p, int *as_of);

/* Index of the case with cases.id id in c (cases are in id order), or -1. */
long uf_caseset_find(const uf_caseset *c, sqlite3_int64 id);

/* The string with id i (a unit, programme, ...); "" for -1. */
const char *uf_caseset_string(const uf_caseset *c, int i);

/* Index of event / state measure code in the cohort, or -1. */
int uf_core_event(const uf_caseset *c, const char *code);
int uf_core_state(const uf_caseset *c, const char *code);

/* Names of the insats codes (bit order of uf_case.insatser), instruments
 * and goal domains; NULL past the end. */
const char *uf_core_insats_name(int i);
const char *uf_core_instrument_name(int i);
const char *uf_core_domain_name(int i);

/* The length in months of the equal windows of any-event comparisons:
 * the shorter of p's before and after windows. */
int uf_core_equal_months(const uf_core_params *p);

/* Years between two day numbers, counted as birthdays passed. */
int uf_age_at(int birth, int day);

#endif
