/*
 * parse.h - values as they come from import files: dates, numbers, text.
 *
 * Dates are kept as a day number (days since 1970-01-01, proleptic
 * Gregorian) in memory and as ISO text "YYYY-MM-DD" in the database.
 * Pure functions, no allocation, no locale.
 */
#ifndef UPPFOLJ_PARSE_H
#define UPPFOLJ_PARSE_H

#include <stddef.h>

#include <stdbool.h>

/* Length of an ISO date plus its NUL. */
#define UF_DATE_BUF 11

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31, not checked). */
int uf_days_from_civil(int y, int m, int d);
/* The calendar date of day number z. */
void uf_civil_from_days(int z, int *y, int *m, int *d);
/* Day z moved by n calendar months (n may be negative), the one month
 * arithmetic of uppfolj: the day of the month is kept, and a day past the
 * end of the new month runs on into the next (31 January + 1 month is 2
 * or 3 March), as SQLite's date(d, '+n months') does. */
int uf_add_months(int z, int n);
/* The Swedish name of month m (1..12, "januari"); "" outside.  Static. */
const char *uf_month_name(int m);
/* True when y-m-d is a real date (leap years included), year 1800..2199. */
bool uf_date_valid(int y, int m, int d);

/* Parse "YYYY-MM-DD" or "YYYYMMDD" into a day number; -1 if not a valid
 * date (the text is not changed), 0 on success. */
int uf_date_parse(const char *s, int *days);
/* Write day number z as "YYYY-MM-DD" into out. */
void uf_date_format(int z, char out[UF_DATE_BUF]);

/* Parse a decimal number with a decimal comma or point ("12,5", "-3",
 * "0.25"), digits grouped in threes by a space or a no-break space before
 * the decimal sign ("12 345,5", as Excel saves them); no other thousands
 * separators, no exponent, finite.  -1 if not a number, 0 on success. */
int uf_number_parse(const char *s, double *out);

/* The number of characters (code points) of UTF-8 text s. */
size_t uf_utf8_chars(const char *s);
/* The first control character of s (bytes 0x00-0x1F and 0x7F, and the
 * C1 controls U+0080-U+009F as UTF-8), or NULL: a terminal may act on
 * them (ESC starts its escape sequences). */
const char *uf_control_char(const char *s);
/* Replace every control character of s (uf_control_char) by '?', in
 * place: text from data on its way to a terminal.  Returns s. */
char *uf_defang(char *s);

/* Trim ASCII white space at both ends in place; returns s. */
char *uf_trim(char *s);

/* ASCII-lower-case copy of s into out (at most n bytes with the NUL); bytes
 * >= 0x80 (UTF-8) are copied as they are, and so are Swedish capitals
 * Å Ä Ö, which are folded to å ä ö. */
void uf_lower(const char *s, char *out, unsigned n);

/* Fold text for matching header names, codes and settings: ASCII lower
 * case, å ä → a, ö → o, é → e, ' ' and '-' → '_'.  out has n bytes. */
void uf_fold(const char *s, char *out, size_t n);

#endif
