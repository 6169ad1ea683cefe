/*
 * cohort.h - named cohorts for comparisons and exports (SPEC §9.3): a
 * cohort is a name and a filter over case fields, written on the command
 * line as "NAME:field=value,field=value", e.g. "SIG:programme=SIG" or
 * "2023:start_year=2023,sex=F".  A case is in the cohort when every
 * condition holds.
 *
 * Fields: programme (program), unit (enhet), target_group (målgrupp),
 * start_year (startår), sex (kön: F, M, X or flicka, pojke, annat) and age
 * (ålder: a band "15-17" or one age "16", age at start).  Values match as
 * the importer reads them: programme and unit without regard to case or
 * å ä ö (uf_fold), target_group and sex by their codes and aliases.
 * population.h checks a filter against the database (a value no case has
 * is an error) and turns one into the population of a report.
 */
#ifndef UPPFOLJ_COHORT_H
#define UPPFOLJ_COHORT_H

#include <stdbool.h>
#include <stddef.h>
#include "uppfolj/core.h"

#define UF_COHORT_CONDS 8

typedef enum uf_cfield {
    UF_CF_PROGRAMME,
    UF_CF_UNIT,
    UF_CF_TARGET,
    UF_CF_START_YEAR,
    UF_CF_SEX,
    UF_CF_AGE
} uf_cfield;

typedef struct uf_cohort_filter {
    char name[64];
    struct {
        uf_cfield field;
        char value[64];
        int lo, hi; /* start_year, age: inclusive range */
    } cond[UF_COHORT_CONDS];
    int ncond;
} uf_cohort_filter;

/* Parse spec into f.  0 on success; -1 with a Swedish message in err. */
int uf_cohort_filter_parse(const char *spec, uf_cohort_filter *f, char *err, size_t errlen);

/* The fields of one case that a filter looks at. */
typedef struct uf_cfields {
    const char *programme, *unit, *target_group; /* "" when none */
    int start;                                   /* day number, INT_MIN when not started */
    char sex;                                    /* 'F', 'M', 'X' or 0 */
    int age;                                     /* at start, -1 when unknown */
} uf_cfields;

/* Does a case with fields k meet condition i of f? */
bool uf_cohort_cond_match(const uf_cohort_filter *f, int i, const uf_cfields *k);

/* Is case k of cohort c in the cohort of f? */
bool uf_cohort_filter_match(const uf_cohort_filter *f, const uf_caseset *c, const uf_case *k);

/* The conditions of f in Swedish words ("program SIG, enhet Söderdal"),
 * or "alla ärenden" when it has none; cut to n bytes. */
void uf_cohort_filter_describe(const uf_cohort_filter *f, char *out, size_t n);

#endif
