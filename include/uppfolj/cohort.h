/*
 * cohort.h - named cohorts for comparisons and exports (SPEC §9.3): a
 * cohort is a name and a filter over case fields, written on the command
 * line as "NAME:field=value,field=value", e.g. "SIG:programme=SIG" or
 * "2023:start_year=2023,sex=F".  A case is in the cohort when every
 * condition holds.
 *
 * Fields: programme (program), unit (enhet), target_group (målgrupp),
 * start_year (startår), sex (kön: F, M, X or flicka, pojke, annat) and age
 * (ålder: a band "15-17" or one age "16", age at start).  Values compare
 * exactly (programme and unit case-sensitive).
 */
#ifndef UPPFOLJ_COHORT_H
#define UPPFOLJ_COHORT_H

#include <stdbool.h>
#include <stddef.h>
#include "uppfolj/core.h"

#define UF_COHORT_CONDS 8

typedef enum uf_cfield {
    UF_CF_PROGRAMME, UF_CF_UNIT, UF_CF_TARGET, UF_CF_START_YEAR, UF_CF_SEX, UF_CF_AGE
} uf_cfield;

typedef struct uf_cohort_filter {
    char name[64];
    struct {
        uf_cfield field;
        char value[64];
        int lo, hi;             /* start_year, age: inclusive range */
    } cond[UF_COHORT_CONDS];
    int ncond;
} uf_cohort_filter;

/* Parse spec into f.  0 on success; -1 with a Swedish message in err. */
int uf_cohort_filter_parse(const char *spec, uf_cohort_filter *f, char *err, size_t errlen);

/* Is case k of cohort c in the cohort of f? */
bool uf_cohort_filter_match(const uf_cohort_filter *f, const uf_cohort *c, const uf_case *k);

#endif
