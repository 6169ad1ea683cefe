/*
 * query.c - look up the SQL text of queries/NAME.sql, and the report
 * definitions of reports/ and reports/delar/, by name.
 * A linear scan: there are a few dozen statements and each is prepared once
 * per run.
 */
#include <assert.h>
#include <string.h>
#include "uppfolj/query.h"

/* The text of name in the generated table v, or NULL. */
static const char *find_in(const uf_query_text *v, const char *name)
{
    for (const uf_query_text *q = v; q->name; q++)
        if (strcmp(q->name, name) == 0)
            return q->sql;
    return NULL;
}

const char *uf_query_find(const char *name)
{
    return find_in(uf_queries, name);
}

const char *uf_query(const char *name)
{
    const char *sql = uf_query_find(name);
    assert(sql != NULL); /* a built-in name: the caller's promise */
    return sql;
}

const char *uf_report_def(const char *name)
{
    return find_in(uf_report_defs, name);
}

const char *uf_report_part(const char *name)
{
    return find_in(uf_report_parts, name);
}
