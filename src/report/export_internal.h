/*
 * export_internal.h - the analysis export's table, shared by export.c
 * (rows, ids and values), export_files.c (CSV, XLSX, kodbok) and
 * export_scripts.c (the R, SPSS and Stata load scripts).  Values are
 * computed per cell when a file is written, so the table holds only one
 * small record per row whatever the size of the cohort.
 */
#ifndef UPPFOLJ_EXPORT_INTERNAL_H
#define UPPFOLJ_EXPORT_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include "uppfolj/export.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/outfile.h"

/* Columns: the fixed facts, then per event, state, insats code,
 * instrument, goal domain and meeting actor in the data (export_value.c). */
#define UF_XMAXCOLS 320
#define UF_XNAME 33 /* a name of at most 32 bytes (Stata's limit) */
#define UF_XDESC 81 /* a description of at most 80 bytes (Stata's label) */

typedef enum uf_xtype {
    UF_XT_TEXT, /* text without a code list (id, programme, unit) */
    UF_XT_CODE, /* a code from a list with Swedish labels */
    UF_XT_BOOL, /* 0/1: nej/ja */
    UF_XT_INT,  /* whole number */
    UF_XT_REAL, /* decimal number */
    UF_XT_MONTH /* "YYYY-MM" */
} uf_xtype;

/* A code and its label: an entry of the code book (kodbok.h), or made at
 * run time (cohorts, age bands) with only code and label set. */
typedef uf_kb_entry uf_xcode;

typedef struct uf_xcol {
    const char *name; /* stable column name */
    uf_xtype type;
    const char *desc;      /* Swedish description, at most 80 bytes */
    const uf_xcode *codes; /* UF_XT_CODE: the list, in level order */
    int ncodes;
    int kb;     /* 1 + the code-book list (uf_kb_id) that
                                   setup fills codes from; 0 none */
    int kind;   /* what the value is (export_value.c) */
    short a, b; /* its arguments: a code, a window */
} uf_xcol;

typedef struct uf_xrow {
    int cohort;    /* index into the filters */
    size_t k;      /* index into the cohort's cases */
    size_t person; /* index into ids */
} uf_xrow;

/* One cell: text in s, else the number v (NAN = empty). */
typedef struct uf_xval {
    const char *s;
    double v;
    char buf[24];
} uf_xval;

typedef struct uf_xtable {
    const uf_caseset *c;
    const uf_export_opts *o;
    uf_xcol cols[UF_XMAXCOLS];
    int ncols;
    char names[UF_XMAXCOLS][UF_XNAME]; /* the columns made at run time */
    char descs[UF_XMAXCOLS][UF_XDESC];
    uf_xcode cohort_codes[UF_EXPORT_MAX_COHORTS];
    uf_xcode band_codes[UF_MAX_BANDS];
    char band_text[UF_MAX_BANDS][2][24];
    int nbands;
    uf_xrow *rows;
    size_t nrows;
    char (*ids)[UF_EXPORT_ID_BUF]; /* per person */
    size_t npersons;
    sqlite3_int64 *person_of; /* per case: the database person id (never written) */
    int *referred;            /* per case: index into the referred_by codes, -1 */
    int *first_susp;          /* per case: day of the first suspicion, INT_MIN */
    int *form;                /* per case: index into the form codes, -1 */
} uf_xtable;

/* The value of column col in row r. */
void uf_xvalue(const uf_xtable *t, size_t r, int col, uf_xval *out);

/* The shortest of %.15g..%.17g that reads back as v. */
void uf_xreal(double v, char *buf, size_t n);

/* Writers: 0 on success, -1 (errno kept) on failure. */
/* Open path for one of the export's files (uf_out_open): for its owner
 * only (0600: a row per case), whole or not at all, never through a link.
 * NULL (errno) on failure.  uf_xclose renames it into place: 0, or -1
 * (errno) with nothing left behind. */
FILE *uf_xopen(uf_outfile *o, const char *path);
int uf_xclose(uf_outfile *o);
int uf_xwrite_csv(const uf_xtable *t, const char *path);
int uf_xwrite_kodbok_csv(const uf_xtable *t, const char *path);
int uf_xwrite_xlsx(const uf_xtable *t, const char *path);
int uf_xwrite_r(const uf_xtable *t, const char *path);
int uf_xwrite_spss(const uf_xtable *t, const char *path);
int uf_xwrite_stata(const uf_xtable *t, const char *path);

/* The codes of a column as one text "F = Flicka; M = Pojke", for kodbok. */
void uf_xcodes_text(const uf_xcol *col, char *out, size_t n);

/* The Swedish type name of a column for kodbok. */
const char *uf_xtype_name(uf_xtype t);

/* The column table, with the cohorts', the age bands' and the code
 * book's code lists (export_value.c). */
void uf_xsetup_columns(uf_xtable *t);

#endif
