/*
 * diag.h - a list of diagnostics: errors and warnings with their place.
 *
 * Library code never prints: it adds diagnostics here, and the command
 * layer prints them.  A diagnostic names a file (base name), a line (1-based,
 * 0 = whole file), a column (header name or NULL) and a plain Swedish
 * message.  Messages must never contain a personnummer: callers describe
 * the value ("personnumret har fel kontrollsiffra"), they do not quote it.
 *
 * Storage is capped (UF_DIAG_KEEP entries); beyond that diagnostics are
 * counted but not kept, so a file with a million bad rows stays cheap.
 */
#ifndef UPPFOLJ_DIAG_H
#define UPPFOLJ_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define UF_DIAG_KEEP 1000

typedef enum uf_severity { UF_WARNING, UF_ERROR } uf_severity;

typedef struct uf_diag_entry {
    uf_severity severity;
    char *file; /* owned */
    unsigned long line;
    char *column;  /* owned, may be NULL */
    char *message; /* owned */
} uf_diag_entry;

typedef struct uf_diag {
    uf_diag_entry *items;
    size_t n, cap;
    unsigned long errors;   /* all errors added, kept or not */
    unsigned long warnings; /* all warnings added, kept or not */
} uf_diag;

/* An empty list; no allocation until the first add. */
void uf_diag_init(uf_diag *d);
/* Free every entry; d is empty and reusable afterwards.  NULL-safe. */
void uf_diag_release(uf_diag *d);

/*
 * Add a diagnostic with a printf-style message.  Never fails visibly: when
 * memory runs out the entry is counted but not kept.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
void uf_diag_add(uf_diag *d, uf_severity sev, const char *file,
                 unsigned long line, const char *column, const char *fmt, ...);

/*
 * Move every entry of src to the end of dst, merged by line with dst's
 * entries from position mark on (both runs must be in line order; on the
 * same line src's come first), and add src's counts to dst's.  src is left
 * empty.  Entries that cannot be kept for lack of memory are counted only.
 */
void uf_diag_merge(uf_diag *dst, uf_diag *src, size_t mark);

/*
 * Print the kept entries to out as "file:line: column: message" (Swedish
 * prefix "varning:" for warnings), then a line about entries not kept.
 */
void uf_diag_print(const uf_diag *d, FILE *out);

#endif
