/*
 * query.h - the SQL of queries/NAME.sql files, compiled into the binary.
 *
 * The Makefile turns each queries/NAME.sql into an entry of uf_queries, so
 * the SQL text lives in one reviewable file per statement and C code only
 * prepares it and binds parameters.
 */
#ifndef UPPFOLJ_QUERY_H
#define UPPFOLJ_QUERY_H

typedef struct uf_query_text {
    const char *name; /* file name without .sql */
    const char *sql;  /* the file's text */
} uf_query_text;

/* The generated table, terminated by { NULL, NULL }. */
extern const uf_query_text uf_queries[];

/* The SQL text of queries/NAME.sql.  Static storage, do not free.
 * Aborts (assert) on an unknown name: that is a programming error. */
const char *uf_query(const char *name);

/* The same, for a name that may not exist (a report definition's own):
 * NULL when there is no such query. */
const char *uf_query_find(const char *name);

/* The report definitions, reports/NAME.ini, the same way. */
extern const uf_query_text uf_report_defs[];

/* The text of reports/NAME.ini, or NULL when there is none. */
const char *uf_report_def(const char *name);

/* The defined tables of built-in report NAME (reports/delar/NAME.ini, no
 * report of their own), the same way. */
extern const uf_query_text uf_report_parts[];
const char *uf_report_part(const char *name);

#endif
