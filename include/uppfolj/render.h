/*
 * render.h - writers of the report model (SPEC §13).  They read the model
 * only and show exactly the cells the disclosure control left: a hidden
 * cell is written as an empty value (CSV) or null (JSON) with its reason.
 *
 * JSON: the whole model in one file (jansson).  CSV: one file per table,
 * named by the table's stable id, UTF-8, ',' delimiter, '.' decimals, the
 * columns' stable ids as header, and a last column `suppressed` listing
 * the ids of the row's hidden columns, '|'-separated.
 *
 * Every writer tells what failed through its uf_error and, for a file
 * that could not be written (UF_ERR_IO) or a missing font
 * (UF_ERR_MISSING), a Swedish diagnostic in d naming the file and the
 * reason; callers never read errno.
 */
#ifndef UPPFOLJ_RENDER_H
#define UPPFOLJ_RENDER_H

#include "uppfolj/diag.h"
#include "uppfolj/error.h"
#include "uppfolj/model.h"

/* Write r as JSON to path.  UF_ERR_IO (d tells) or UF_ERR_NOMEM. */
uf_error uf_render_json(const uf_report *r, const char *path, uf_diag *d);

/* Write every table of r as dir/<table id>.csv (dir must exist).
 * UF_ERR_IO (d names the file) or UF_ERR_NOMEM. */
uf_error uf_render_csv(const uf_report *r, const char *dir, uf_diag *d);

/* Write r as an Excel workbook to path (libxlsxwriter, render_xlsx.c says
 * what the sheets hold): created_epoch (seconds since 1970, UTC) is the
 * creation date in the document properties; the same model and epoch give
 * byte-identical files.  UF_ERR_IO (d tells; the file is removed),
 * UF_ERR_NOMEM, or UF_ERR_INPUT (d tells) when the model cannot be a
 * workbook. */
uf_error uf_render_xlsx(const uf_report *r, const char *path, long long created_epoch, uf_diag *d);

/* Write r as PDF to path: A4, DejaVu Sans embedded, UTF-8 text, tables,
 * charts and a footer on every page (render_pdf.c says more).  The
 * creation date is created_epoch (seconds since 1970, UTC), so the same
 * model and epoch give the same bytes.  UF_ERR_IO (d tells; no partial
 * file is left), UF_ERR_NOMEM, or UF_ERR_MISSING (d tells) when the font
 * files of fonts-dejavu-core are not installed. */
uf_error uf_render_pdf(const uf_report *r, const char *path, long long created_epoch, uf_diag *d);

/* The diagnostic of a writer's failure err on file path (errno read at
 * the failure, by the writer itself) into d (NULL: none); err is
 * returned. */
uf_error uf_render_failed(uf_diag *d, const char *path, uf_error err);

/* Machine name of a disclosure state ("small", "secondary", "few",
 * "notest", "missing"; "" when shown).  Static. */
const char *uf_supp_name(uf_supp s);

#endif
