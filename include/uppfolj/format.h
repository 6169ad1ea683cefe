/*
 * format.h - Swedish number and date formatting (SPEC §10), shared by the
 * PDF and XLSX renderers: decimal comma, a space as thousands separator
 * (U+00A0, no-break, so that a number never wraps), "12,5 %", ISO dates,
 * p-values as "0,032" or "< 0,001".  Pure functions writing into a caller's
 * buffer; never the locale.
 */
#ifndef UPPFOLJ_FORMAT_H
#define UPPFOLJ_FORMAT_H

#include <stddef.h>
#include "uppfolj/model.h"

/* Large enough for any formatted cell. */
#define UF_FMT_BUF 256

/* The thousands separator: U+00A0 NO-BREAK SPACE in UTF-8. */
#define UF_FMT_THOUSANDS "\xc2\xa0"

/* v with the given decimals: "1 234,5", "-0,25", "12".  NaN/Inf: "." (no value). */
const char *uf_fmt_number(double v, int decimals, char buf[UF_FMT_BUF]);

/* A percentage 0..100: "12,5 %" (decimals after the comma). */
const char *uf_fmt_percent(double pct, int decimals, char buf[UF_FMT_BUF]);

/* A p-value: three decimals ("0,032"), "< 0,001" below 0,001, "1,000"
 * at 1.  NaN: ".". */
const char *uf_fmt_pvalue(double p, char buf[UF_FMT_BUF]);

/*
 * A cell as shown to a reader: the value formatted by its type and the
 * column's decimals, or, when hidden, "<T" (a small count; T the
 * threshold) or another symbol of uf_supp_symbol.  Text cells give their text (never NULL).
 */
const char *uf_fmt_cell(const uf_cell *c, const uf_column *col, int threshold,
                        char buf[UF_FMT_BUF]);

#endif
