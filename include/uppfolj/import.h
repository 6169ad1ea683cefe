/*
 * import.h - import CSV files into the database (SPEC §3, §4).
 *
 * One run imports any number of files in one transaction: all or nothing.
 * Files are taken in dependency order (persons, cases, interventions,
 * assessments, outcomes, goals, meetings) whatever order they are given in,
 * so a case may refer to a person in a file of the same run.  Every row is
 * checked; every error is added to the diagnostics list and reading goes
 * on, so that one run reports all errors.  Re-imported rows update the
 * stored ones (keys: person, case_id, assessment_id; the full row for
 * outcomes and meetings; case+insats+start for interventions; case+domain+
 * set date+follow-up date for goals).  Personnummer become pseudonyms
 * (pseudo.h) before anything is stored, and no message quotes one.
 */
#ifndef UPPFOLJ_IMPORT_H
#define UPPFOLJ_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>
#include "uppfolj/csvin.h"
#include "uppfolj/diag.h"
#include "uppfolj/error.h"
#include "uppfolj/pseudo.h"

typedef void (*uf_import_progress_fn)(void *ctx, unsigned long long done, unsigned long long total);

typedef struct uf_import_opts {
    const char *const *paths; /* files to import */
    size_t npaths;
    const char *kind;               /* entity for every file, NULL = detect */
    bool dry_run;                   /* check everything, store nothing */
    int today;                      /* day number: the century of 10-digit
                                   personnummer, and "not in the future" */
    const char *user;               /* for the log */
    const char *started_at;         /* for the log: UTC ISO 8601 */
    const struct uf_config *cfg;    /* extra measure codes; may be NULL */
    uf_import_progress_fn progress; /* may be NULL */
    void *progress_ctx;
} uf_import_opts;

/* One file, or one sheet of a workbook: a workbook's sheets that identify
 * an entity by their name or header are one entry each. */
typedef struct uf_import_file {
    const char *path; /* borrowed from the options */
    const char *kind; /* static entity name, NULL if unknown */
    uf_csv_info info;
    unsigned long rows, inserted, updated, unchanged;
    char label[200]; /* what messages call it: the path, or "path [Blad]" */
    char why[256];   /* a sheet's reason for an error (info.why) */
} uf_import_file;

typedef struct uf_import_result {
    uf_import_file *files; /* owned, in the order given */
    size_t nfiles;
    long long run_id; /* the import log row, 0 for a dry run */
    bool stored;      /* true when the data was committed */
} uf_import_result;

/*
 * Import as opts says.  Returns UF_OK when the run was stored (or, for a
 * dry run, would have been); UF_ERR_INPUT when the files have errors
 * (listed in d; nothing was stored, the failed run is logged); UF_ERR_DB,
 * UF_ERR_IO or UF_ERR_NOMEM when the machine failed (d says more).  res
 * is filled in every case; release it with uf_import_result_release().
 */
uf_error uf_import(sqlite3 *db, const uf_key *key, const uf_import_opts *opts,
                   uf_import_result *res, uf_diag *d);

void uf_import_result_release(uf_import_result *res);

/* The entity names, in import order, NULL-terminated (for --kind help). */
extern const char *const uf_import_kinds[];
/* The Swedish name of entity kind (uf_import_kinds order): "personer",
 * "ärenden", ...; NULL outside. */
const char *uf_import_kind_label(int kind);

/*
 * The entry template (`uppfolj mall`): a workbook at path with a sheet per
 * entity, Swedish headers, drop-down lists of the code book's labels,
 * date and number validation, a frozen header row and an instruction
 * sheet with an example row per entity; what it holds imports unchanged.
 * UF_ERR_IO (errno), UF_ERR_NOMEM.
 */
uf_error uf_template_xlsx(const char *path);
/* The same as CSV files with the headers in folder dir (personer.csv,
 * arenden.csv, ...); UF_ERR_IO with the file in failed (n bytes). */
uf_error uf_template_csv(const char *dir, char *failed, size_t n);
/* The template's Swedish header of canonical column name column, and its
 * sheet name of entity kind (0..7, uf_import_kinds order). */
const char *uf_template_header(const char *column);
const char *uf_template_sheet(int kind);

#endif
