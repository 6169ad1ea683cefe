/*
 * suppress_internal.h - what the table rules (suppress.c) share with the
 * report pass (suppress_report.c).  Not a public API.
 */
#ifndef UPPFOLJ_SUPPRESS_INTERNAL_H
#define UPPFOLJ_SUPPRESS_INTERNAL_H

#include <stdbool.h>
#include "uppfolj/model.h"

/* Hidden for disclosure reasons (a missing value hides nothing). */
bool ufs_hidden(const uf_cell *c);
/* The threshold, raised to UF_SUPP_MIN_THRESHOLD when lower. */
int ufs_clamp_threshold(int threshold);
/* Rules 1-4 on t: the number of cells hidden, or -1 (memory). */
int ufs_table_rules(uf_table *t, int th);
/* Rules 2-4 on t again, after more was hidden: as ufs_table_rules. */
int ufs_protect(uf_table *t, int th);
/* One footnote per kind of cell not shown in t. */
void ufs_footnotes(uf_report *r, uf_table *t, int th);

/* The line equations of t (suppress.c): fn(arg, line, row, col, coef) for
 * each count cell in each line, lines numbered from 0; each line sums to
 * 0.  Returns the number of lines, or -1 (memory). */
typedef void (*ufs_line_fn)(void *arg, int line, int r, int c, int coef);
int ufs_lines(const uf_table *t, ufs_line_fn fn, void *arg);
/* The report's audit (suppress_audit.c, rule 7): the number of cells
 * hidden, or -1 (memory). */
int ufs_audit(uf_report *r, int th);

#endif
