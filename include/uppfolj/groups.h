/*
 * groups.h - what a report table can be broken down by (SPEC §7): sex,
 * age band at start, insats (overlapping: a case is in the group of each
 * insats that overlaps its during phase), unit, programme, target group,
 * cohort (start year) and end reason.  A case with an unknown value is in
 * an "uppgift saknas" group, so that the groups add up to the total.
 */
#ifndef UPPFOLJ_GROUPS_H
#define UPPFOLJ_GROUPS_H

#include <stdbool.h>
#include "uppfolj/core.h"

typedef enum uf_dim {
    UF_DIM_SEX,
    UF_DIM_AGE,
    UF_DIM_INSATS,
    UF_DIM_UNIT,
    UF_DIM_PROGRAMME,
    UF_DIM_TARGET,
    UF_DIM_START_YEAR,
    UF_DIM_END_REASON,
    UF_DIM_RISK, /* the risk level of the baseline assessment */
    UF_NDIMS
} uf_dim;

/* Key of the "uppgift saknas" group. */
#define UF_GROUP_MISSING 100000

/* The dimension named s, in English or Swedish, any case, with or without
 * å ä ö (sex/kön, age/ålder, insats, unit/enhet, programme/program,
 * target_group/målgrupp, cohort/kohort, end_reason/avslutsorsak), or -1. */
int uf_dim_parse(const char *s);
/* Stable machine name and Swedish heading of a dimension. */
const char *uf_dim_name(uf_dim d);
const char *uf_dim_label(uf_dim d);
/* Can a case be in more than one group of d? */
bool uf_dim_overlaps(uf_dim d);

/* cfg must not be NULL below: the age bands come from it. */

/* The most groups one case can be in on any dimension: one per insats
 * code (uf_case.insatser has a bit per code). */
#define UF_CASE_GROUPS_MAX 32

/* The group keys of case k on d into keys (at most max; a keys array of
 * UF_CASE_GROUPS_MAX always holds them all); their number (at least 1:
 * unknown values give UF_GROUP_MISSING). */
int uf_case_groups(const uf_caseset *c, const uf_config *cfg, const uf_case *k, uf_dim d, int *keys,
                   int max);

/* Every key of d present among the cohort's cases, sorted for display
 * (missing last), into *keys (malloc'd, the caller frees it; NULL when
 * there are none); their number, or -1 when memory ran out (*keys NULL).
 * There is no limit on their number. */
int uf_dim_keys(const uf_caseset *c, const uf_config *cfg, uf_dim d, int **keys);

/* The Swedish label of group key on d into out (n bytes; out may be NULL
 * when n is 0).  Returns the length of the whole label, as snprintf: a
 * result >= n means out was too small. */
size_t uf_group_label(const uf_caseset *c, const uf_config *cfg, uf_dim d, int key, char *out,
                      size_t n);

/* Compare UTF-8 names in Swedish alphabetical order (å ä ö after z),
 * like strcmp. */
int uf_sv_cmp(const char *a, const char *b);

#endif
