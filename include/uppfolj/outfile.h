/*
 * outfile.h - output files written whole or not at all, never through a
 * link, and CSV text that a spreadsheet does not run.
 *
 * uf_out_open creates a fresh temporary file beside the target (same
 * folder, so the rename stays on one file system; O_CREAT | O_EXCL, so
 * never an existing file or a link) with the given mode; the writer fills
 * it (by its path or its stream) and uf_out_commit renames it over the
 * target.  rename() replaces a symbolic link at the target itself, never
 * the file it points to.  uf_out_abort removes the temporary file.
 */
#ifndef UPPFOLJ_OUTFILE_H
#define UPPFOLJ_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include "uppfolj/error.h"

/* Modes: reports hold only protected aggregates; analysis files and
 * worklists one row per case, for their owner only. */
#define UF_OUT_SHARED 0644
#define UF_OUT_PRIVATE 0600

typedef struct uf_outfile {
    char *path; /* the target */
    char *tmp;  /* the temporary file being written */
    FILE *f;    /* its stream (uf_out_stream), or NULL */
    int fd;
} uf_outfile;

/* Start writing path with mode (less the umask for UF_OUT_SHARED).
 * UF_ERR_IO (errno) or UF_ERR_NOMEM; o is then empty. */
uf_error uf_out_open(uf_outfile *o, const char *path, mode_t mode);
/* The temporary file as a stream; NULL (errno) on failure. */
FILE *uf_out_stream(uf_outfile *o);
/* Close the temporary file and rename it over the target: UF_OK, or
 * UF_ERR_IO (errno) with the temporary file removed.  Releases o. */
uf_error uf_out_commit(uf_outfile *o);
/* Remove the temporary file; releases o.  NULL-safe, errno kept. */
void uf_out_abort(uf_outfile *o);

/* Does text s begin as a spreadsheet formula would (=, +, -, @, tab or
 * CR: OWASP's rule for CSV injection)?  Such a text cell is written with
 * a leading ' (uf_csv_guard), which a spreadsheet shows as text. */
bool uf_csv_formula_like(const char *s);
/* s as a CSV writer should store it: s itself, or "'" + s in a buffer
 * that *owned gets (free it) when formula-like; "'" alone should memory
 * run out (never the text unguarded). */
const char *uf_csv_guard(const char *s, char **owned);

#endif
