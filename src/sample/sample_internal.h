/*
 * sample_internal.h - private interface between the parts of the sample
 * generator (sample.c, sample_case.c, sample_plan.c, sample_outcome.c).
 *
 * Not installed, not used outside src/sample*.c.  The generator works person
 * by person: sample.c draws one sample_person (its cases and their dates as
 * day numbers), then each part appends that person's rows to its own files.
 * Nothing here keeps more than one person in memory, apart from the bitmap
 * of personnummer already handed out (a fixed size, independent of youths).
 *
 * Determinism: every random choice comes from sample_rng (xoshiro256**,
 * seeded by splitmix64) through integer arithmetic only.
 */
#ifndef UPPFOLJ_SAMPLE_INTERNAL_H
#define UPPFOLJ_SAMPLE_INTERNAL_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>

/* A missing date (empty cell). */
#define SAMPLE_NODATE INT_MIN

/* Longest output line; every row of the seven files is far shorter. */
#define SAMPLE_LINE_MAX 256

/* Longest path of an output file. */
#define SAMPLE_PATH_MAX 4096

/* The seven output files, in the order they are opened. */
enum sample_file_id {
    SF_PERSONS,
    SF_CASES,
    SF_INTERVENTIONS,
    SF_ASSESSMENTS,
    SF_OUTCOMES,
    SF_GOALS,
    SF_MEETINGS,
    SF_ACTIONS,
    SF_COUNT
};

/* End reasons; the order matches the weights in sample_case.c. */
enum sample_reason {
    SR_NONE = -1,
    SR_MAL,
    SR_AVHOPP,
    SR_FORTSATT,
    SR_PLACERING,
    SR_FLYTT,
    SR_ANNAN
};

/* Agencies flagged to take part in a case's meetings (bit mask). */
enum sample_actor {
    SA_POLIS = 1,
    SA_SKOLA = 2,
    SA_BUP = 4,
    SA_FRITID = 8,
    SA_AF = 16,
    SA_ANNAN = 32
};

enum sample_sex { SX_BOY, SX_GIRL, SX_OTHER };

typedef struct sample_rng {
    uint64_t s[4];
} sample_rng;

/* One output line being built; sample_line_end() writes it out. */
typedef struct sample_line {
    size_t len;
    char buf[SAMPLE_LINE_MAX];
} sample_line;

/* One output file.  err is the errno of the first failed write, 0 if none. */
typedef struct sample_file {
    FILE *fp;
    int err;
    char path[SAMPLE_PATH_MAX];
} sample_file;

/* One case (ärende).  Dates are day numbers, SAMPLE_NODATE when empty. */
typedef struct sample_case {
    unsigned long id; /* written as A%06lu */
    int sig;          /* 1 = SIG, 0 = ordinarie */
    int referral, consent, plan, start, end;
    int reason;        /* enum sample_reason, SR_NONE if ongoing */
    int target_avhopp; /* target_group avhopp (else riskzon) */
    int referred_by;   /* index into the referred_by codes */
    int form_service;  /* form service (else bistand) */
    int followup_no;   /* followup_consent nej (else ja) */
    unsigned actors;   /* enum sample_actor mask */
} sample_case;

/* One youth with one or two cases. */
typedef struct sample_person {
    unsigned long index; /* 0-based position in persons.csv */
    char id[24];         /* personnummer or pseudonym, as written */
    int birth;           /* day number */
    int write_birth;     /* 0: birth_date left empty */
    int sex;             /* enum sample_sex */
    int unit;            /* 0..2 */
    unsigned k_milli;    /* crime propensity, 1000 = average */
    int ncases;
    sample_case cases[2];
} sample_person;

typedef struct sample_outcome sample_outcome;

/* The whole generator state. */
typedef struct sample_gen {
    sample_rng rng;
    unsigned long long seed; /* the option: the actions' own streams */
    int as_of;               /* the end date: nothing after it */
    int span_start;          /* 1 January, five calendar years back */
    sample_file files[SF_COUNT];
    unsigned long next_case;
    unsigned long next_assessment;
    unsigned char *used; /* bitmap of personnummer handed out */
    int used_base;       /* day number of the bitmap's first day */
    int used_days;
    sample_outcome *rows; /* one person's outcome rows (reused) */
    size_t nrows, caprows;
} sample_gen;

/* --- sample.c: random numbers, dates and output lines --- */

/* The three units' names (UTF-8), indexed by sample_person.unit. */
extern const char *const sample_unit_names[3];

/* Seed r from seed with splitmix64.  Cannot fail. */
void sample_rng_seed(sample_rng *r, unsigned long long seed);

/* The next 64 random bits (xoshiro256**). */
uint64_t sample_next(sample_rng *r);

/* A uniform integer in [0, n), n >= 1. */
unsigned sample_below(sample_rng *r, unsigned n);

/* A uniform integer in [lo, hi], lo <= hi. */
int sample_range(sample_rng *r, int lo, int hi);

/* The sum of k uniform integers in [0, n): a triangular-ish spread.  Use
 * it rather than adding sample_below() calls in one expression, whose
 * order of evaluation C leaves open. */
unsigned sample_sum(sample_rng *r, unsigned n, unsigned k);

/* 1 with probability permille/1000, else 0. */
int sample_chance(sample_rng *r, unsigned permille);

/* An index in [0, n) drawn with the given integer weights (sum > 0). */
unsigned sample_pick(sample_rng *r, const unsigned *weights, unsigned n);

/* A count with mean mean_milli/1000 (a binomial with at least 4 trials). */
unsigned sample_count(sample_rng *r, unsigned long mean_milli);

/* The day number of day plus years calendar years (29 Feb -> 1 Mar). */
int sample_add_years(int day, int years);

/* Whole years from birth to day (birthday counted from that day). */
int sample_age(int birth, int day);

/* Append s. */
void sample_line_str(sample_line *l, const char *s);

/* Append the delimiter ';'. */
void sample_line_sep(sample_line *l);

/* Append v in decimal, zero-padded to at least width digits. */
void sample_line_uint(sample_line *l, unsigned long v, int width);

/* Append day as YYYY-MM-DD, or nothing for SAMPLE_NODATE. */
void sample_line_date(sample_line *l, int day);

/* Append halves/2 with a decimal comma when odd: 35 -> "17,5". */
void sample_line_half(sample_line *l, unsigned halves);

/* Append '\n', write the line to f (remembering a failure), clear it. */
void sample_line_end(sample_line *l, sample_file *f);

/* --- sample_case.c --- */

/* Draw p's cases, dates and birth date (not its id).  Cannot fail. */
void sample_timeline(sample_gen *g, sample_person *p);

/* Write p's rows of cases, interventions and assessments. */
void sample_cases_write(sample_gen *g, const sample_person *p);

/* --- sample_plan.c --- */

/* Write p's rows of goals and meetings. */
void sample_plans_write(sample_gen *g, const sample_person *p);

/* --- sample_outcome.c --- */

/* Write p's outcome rows, sorted by date.  -1 when out of memory. */
int sample_outcomes_write(sample_gen *g, const sample_person *p);

/* Free the outcome row buffer.  NULL-safe for an unused buffer. */
void sample_outcomes_release(sample_gen *g);

/* Day number (days since 1970-01-01) of a civil date, and back; m and d
 * out of range roll over linearly (sample_util.c). */
int sample_days_from_civil(int y, int m, int d);
void sample_civil_from_days(int z, int *y, int *m, int *d);

#endif
