/*
 * export.h - the de-identified analysis export (SPEC §8, §9.3): one row
 * per case and named cohort, for evaluators who analyse in R, SPSS or
 * Stata.
 *
 * De-identification: every person gets a fresh random id ("p" + 12 hex
 * digits from libsodium's randombytes) for this export only, shared by the
 * person's cases within the export; nothing derived from the database (its
 * pseudonyms, its row ids, the case ids) is written, and a new export gives
 * new ids.  No free text and no personnummer; dates only as month
 * ("2024-05") or as days relative to the start.  Cases without follow-up
 * consent carry only the flow columns (SPEC §4), their measures are empty.
 * Rows are sorted by cohort and random id, so their order says nothing of
 * the database's.
 *
 * A case in several cohorts gives one row per cohort (long format: the
 * `cohort` column names it), with the same id in each row.
 *
 * Files written into the folder: export.csv (UTF-8, ',' delimiter, '.'
 * decimals), export.xlsx (sheets "data" and "kodbok"), kodbok.csv (the
 * data dictionary in Swedish) and load scripts load.R, load.sps, load.do.
 * The library never prints (architecture.md).
 */
#ifndef UPPFOLJ_EXPORT_H
#define UPPFOLJ_EXPORT_H

#include <stddef.h>
#include <sqlite3.h>
#include "uppfolj/cohort.h"
#include "uppfolj/config.h"
#include "uppfolj/core.h"
#include "uppfolj/error.h"

/* "p" + 12 hex digits + NUL */
#define UF_EXPORT_ID_BUF 14
/* "YYYY-MM" + NUL */
#define UF_MONTH_BUF 8
#define UF_EXPORT_MAX_COHORTS 16

typedef struct uf_export_opts {
    const uf_cohort_filter *filters; /* the named cohorts, in output order */
    int nfilters;                    /* 1..UF_EXPORT_MAX_COHORTS */
    const uf_config *cfg;            /* age bands; not NULL */
    const char *dir;                 /* existing folder to write into */
} uf_export_opts;

typedef struct uf_export_result {
    size_t rows[UF_EXPORT_MAX_COHORTS]; /* rows per cohort */
    size_t persons;                     /* distinct ids written */
    char failed[4096];                  /* the file that failed, or "" */
} uf_export_result;

/* A fresh random export id into out.  UF_ERR_CRYPTO when libsodium cannot
 * be initialised. */
uf_error uf_export_new_id(char out[UF_EXPORT_ID_BUF]);

/* Day number day as "YYYY-MM"; "" for INT_MIN. */
void uf_export_month(int day, char out[UF_MONTH_BUF]);

/* The age band of age among cfg's bands as "15-17"; "" when none holds. */
void uf_export_age_band(const uf_config *cfg, int age, char *out, size_t n);

/*
 * Write the export of cohort c (loaded by uf_core_load from db) as o says.
 * UF_ERR_DB (sqlite3_errmsg tells why), UF_ERR_NOMEM, UF_ERR_CRYPTO, or
 * UF_ERR_IO with the file in res->failed (errno kept).
 */
uf_error uf_export_write(sqlite3 *db, const uf_caseset *c, const uf_export_opts *o,
                         uf_export_result *res);

#endif
