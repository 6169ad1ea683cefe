/*
 * xlsxin.h - an Excel workbook (.xlsx) read as rows of text, one sheet at
 * a time, streaming: libzip opens the package and expat parses its parts
 * (SPEC §3: "CSV och XLSX").  A row comes as the same NUL-terminated
 * UTF-8 fields a CSV record does (uf_csv_row_fn), numbered by its Excel
 * row, so the importer treats a sheet as it treats a file.
 *
 * What a cell becomes: a shared or inline string its text; a number its
 * shortest decimal form ("17.5", "200706249992"); a number in a cell whose
 * format is a date (styles.xml) the ISO date (1900 or 1904 date system;
 * a time of day is dropped); a boolean "1" or "0"; a formula its cached
 * value.  Rows with no value are skipped.  An error value (#N/A), a date
 * outside Excel's range, values past column 256 and merged cells in the
 * header row are errors.  Memory: the shared strings and one row.
 */
#ifndef UPPFOLJ_XLSXIN_H
#define UPPFOLJ_XLSXIN_H

#include <stdbool.h>
#include <stddef.h>
#include "uppfolj/csvin.h"
#include "uppfolj/error.h"

#define UF_XLSX_MAX_SHEETS 32
#define UF_XLSX_MAX_COLS 256
#define UF_XLSX_WHY 256 /* bytes of a reason */

typedef struct uf_xlsx_sheet {
    char name[96];           /* as Excel shows it */
    char part[168];          /* its part in the package: xl/worksheets/sheet1.xml */
    unsigned long long size; /* its inflated size: for progress */
} uf_xlsx_sheet;

typedef struct uf_xlsx_book {
    uf_xlsx_sheet sheets[UF_XLSX_MAX_SHEETS];
    int nsheets;
    unsigned long long size; /* bytes of the file */
    char sha256[65];         /* of the file */
} uf_xlsx_book;

/* Does the file at path begin as a ZIP package, or as the compound file
 * of an encrypted workbook or an old .xls?  (The first bytes only.) */
bool uf_xlsx_looks_like(const char *path);

/*
 * The sheets of the workbook at path, in workbook order.  UF_ERR_INPUT
 * with a Swedish reason in why (UF_XLSX_WHY bytes) when it is not a
 * workbook uppfolj reads: not a ZIP, a ZIP without a workbook, a
 * password-protected workbook or an .xls; UF_ERR_IO (errno),
 * UF_ERR_NOMEM.
 */
uf_error uf_xlsx_sheets(const char *path, uf_xlsx_book *b, char *why);

/*
 * Read sheet `part` of the workbook at path and call row for every row
 * that has a value (line = its Excel row number), until row returns
 * non-zero.  UF_ERR_INPUT with *bad_row and a Swedish reason in why when
 * the sheet holds what cannot be read (above); UF_ERR_IO, UF_ERR_NOMEM.
 */
uf_error uf_xlsx_read(const char *path, const char *part, uf_csv_row_fn row,
                      uf_csv_progress_fn progress, void *ctx, unsigned long *bad_row, char *why);

/* The ISO date of Excel serial day number serial (date1904: the 1904
 * date system) into out; false when outside 1900-01-01..9999-12-31. */
bool uf_xlsx_date(double serial, bool date1904, char out[11]);

#endif
