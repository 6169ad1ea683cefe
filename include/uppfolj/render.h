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

/* Machine name of a disclosure state ("small", "secondary", "few",
 * "notest", "missing"; "" when shown).  Static. */
const char *uf_supp_name(uf_supp s);

#endif
