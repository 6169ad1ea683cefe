/*
 * render.h - writers of the report model (SPEC §13).  They read the model
 * only and show exactly the cells the disclosure control left: a hidden
 * cell is written as an empty value (CSV) or null (JSON) with its reason.
 *
 * JSON: the whole model in one file (jansson).  CSV: one file per table,
 * named by the table's stable id, UTF-8, ',' delimiter, '.' decimals, the
 * columns' stable ids as header, and a last column `suppressed` listing
 * the ids of the row's hidden columns, '|'-separated.
 */
#ifndef UPPFOLJ_RENDER_H
#define UPPFOLJ_RENDER_H

#include "uppfolj/error.h"
#include "uppfolj/model.h"

/* Write r as JSON to path.  UF_ERR_IO (errno) or UF_ERR_NOMEM. */
uf_error uf_render_json(const uf_report *r, const char *path);

/* Write every table of r as dir/<table id>.csv (dir must exist).
 * UF_ERR_IO (errno; *failed names the file, static until the next call)
 * or UF_ERR_NOMEM. */
uf_error uf_render_csv(const uf_report *r, const char *dir, const char **failed);

/* Write r as an Excel workbook to path (libxlsxwriter, render_xlsx.c says
 * what the sheets hold): created_epoch (seconds since 1970, UTC) is the
 * creation date in the document properties; the same model and epoch give
 * byte-identical files.  UF_ERR_IO (errno; the file is removed),
 * UF_ERR_NOMEM, or UF_ERR_INPUT when the model cannot be a workbook. */
uf_error uf_render_xlsx(const uf_report *r, const char *path, long long created_epoch);

/* Write r as PDF to path: A4, DejaVu Sans embedded, UTF-8 text, tables,
 * charts and a footer on every page (render_pdf.c says more).  The
 * creation date is created_epoch (seconds since 1970, UTC), so the same
 * model and epoch give the same bytes.  UF_ERR_IO (errno; no partial file
 * is left), UF_ERR_NOMEM, or UF_ERR_MISSING when the font files of
 * fonts-dejavu-core are not installed. */
uf_error uf_render_pdf(const uf_report *r, const char *path, long long created_epoch);

/* Machine name of a disclosure state ("small", "secondary", "few",
 * "notest", "missing"; "" when shown).  Static. */
const char *uf_supp_name(uf_supp s);

#endif
