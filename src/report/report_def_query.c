/*
 * report_def_query.c - what the builders of report definitions share
 * (report_def.c: tables; report_def_rules.c: data-quality rules): running
 * a definition's query (built in, or NAME.sql beside a definition read at
 * run time; read-only) with the period and the baseline windows bound,
 * the units seen in its rows, and the names of figures for disclosure
 * control.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_def_internal.h"
#include "uppfolj/core.h"
#include "uppfolj/db.h"
#include "uppfolj/query.h"

int rdef_unit_index(units *u, const char *name)
{
    for (int i = 0; i < u->n; i++)
        if (strcmp(u->name[i], name) == 0)
            return i;
    if (u->n == u->cap) {
        int cap = u->cap ? 2 * u->cap : 16;
        char **nn = realloc(u->name, (size_t)cap * sizeof *nn);
        if (nn)
            u->name = nn;
        void *na = nn ? realloc(u->acc, (size_t)cap * u->accsz) : NULL;
        if (!nn || !na) {
            u->nomem = true;
            return -1;
        }
        u->acc = na;
        memset((char *)na + (size_t)u->cap * u->accsz, 0, (size_t)(cap - u->cap) * u->accsz);
        u->cap = cap;
    }
    if (!(u->name[u->n] = strdup(name))) {
        u->nomem = true;
        return -1;
    }
    return u->n++;
}

void rdef_units_free(units *u)
{
    for (int i = 0; i < u->n; i++)
        free(u->name[i]);
    free(u->name);
    free(u->acc);
}

static int cmp_units(const char *x, const char *y)
{
    if (!*x || !*y)
        return (*x == 0) - (*y == 0); /* no unit last */
    return uf_sv_cmp(x, y);
}

/* The unit indexes of u in Swedish alphabetical order ("" last); caller
 * frees; NULL when memory ran out. */
int *rdef_unit_order(const units *u)
{
    int *order = malloc(((size_t)u->n + 1) * sizeof *order);
    if (!order)
        return NULL;
    for (int i = 0; i < u->n; i++)
        order[i] = i;
    for (int i = 1; i < u->n; i++)
        for (int j = i; j > 0 && cmp_units(u->name[order[j - 1]], u->name[order[j]]) > 0; j--) {
            int x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    return order;
}

/* Name the figure of cell (tr, col) for disclosure control: "key:enhet
 * NAME" for a unit, "key:alla enheter" for the total (unit NULL), so that a
 * unit named "Totalt" is not the total. */
void rdef_key_cell(uf_report *r, uf_table *tb, int tr, int col, const char *key, const char *unit)
{
    char k[192];
    if (unit)
        snprintf(k, sizeof k, "%s:enhet %s", key, unit);
    else
        snprintf(k, sizeof k, "%s:alla enheter", key);
    uf_cell_key(r, tb, tr, col, k);
}

/* Prepare the query of [kind id]: NAME.sql in the definition's folder when there is
 * one, else the built-in query.  A query must not write.  NULL on failure
 * with a message in err. */
static sqlite3_stmt *prepare(sqlite3 *db, const char *kind, const char *id, const char *query,
                             const rep_def_opts *o, char *err, size_t n)
{
    char *text = NULL;
    if (o->dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.sql", o->dir, query);
        if (!(text = rep_read_file(path)) && errno != ENOENT) {
            snprintf(err, n, "kunde inte läsa %s: %s", path, uf_strerrno(errno));
            return NULL;
        }
    }
    const char *sql = text ? text : uf_query_find(query);
    sqlite3_stmt *st = NULL;
    if (!sql)
        snprintf(err, n, "[%s %s]: frågan %s finns inte", kind, id, query);
    else if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        snprintf(err, n, "[%s %s]: frågan %s: %s", kind, id, query, sqlite3_errmsg(db));
    else if (!sqlite3_stmt_readonly(st)) {
        snprintf(err, n, "[%s %s]: frågan %s får bara läsa", kind, id, query);
        sqlite3_finalize(st);
        st = NULL;
    }
    free(text);
    return st;
}

/* The baseline windows of core.h, for a query that names them
 * (:bedomning_fore, :bedomning_efter, :tillstand_fore, :tillstand_efter,
 * in days), and the window after the end (:uppfoljning_manader, months:
 * uppfolj.conf's efter). */
static void bind_baselines(sqlite3_stmt *st, const rep_def_opts *o)
{
    static const struct {
        const char *name;
        int days;
    } b[] = {
        { ":bedomning_fore", UF_ASSESS_BASE_BEFORE },
        { ":bedomning_efter", UF_ASSESS_BASE_AFTER },
        { ":tillstand_fore", UF_STATE_BASE_BEFORE },
        { ":tillstand_efter", UF_STATE_BASE_AFTER },
    };
    for (size_t i = 0; i < sizeof b / sizeof *b; i++) {
        int k = sqlite3_bind_parameter_index(st, b[i].name);
        if (k > 0)
            sqlite3_bind_int(st, k, b[i].days);
    }
    int k = sqlite3_bind_parameter_index(st, ":uppfoljning_manader");
    if (k > 0)
        sqlite3_bind_int(st, k, o->cfg ? o->cfg->months_after : 12);
}

int rdef_qcol(sqlite3_stmt *st, const char *name)
{
    for (int i = 0; i < sqlite3_column_count(st); i++)
        if (strcmp(sqlite3_column_name(st, i), name) == 0)
            return i;
    return -1;
}

/* Is unit (NULL: none) the unit of a case of the population?  -1 when
 * the guard query failed. */
static int is_unit(sqlite3 *db, const char *unit)
{
    sqlite3_stmt *g = uf_db_prepare(db, "dk_enhet");
    if (!g)
        return -1;
    if (unit)
        sqlite3_bind_text(g, 1, unit, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(g), yes = rc == SQLITE_ROW && sqlite3_column_int(g, 0) == 1;
    sqlite3_finalize(g);
    return rc == SQLITE_ROW ? yes : -1;
}

int rdef_run_query(sqlite3 *db, const char *kind, const char *id, const char *query,
                   const char *from, const char *to, const rep_def_opts *o, bool by_unit,
                   rdef_row_fn row, void *ctx)
{
    sqlite3_stmt *st = prepare(db, kind, id, query, o, o->err, o->errlen);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    bind_baselines(st, o);
    units seen = { .accsz = 1 }; /* the units checked (by_unit) */
    int rc, good = 1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(st, 0);
        int had = seen.n;
        if (by_unit && rdef_unit_index(&seen, unit ? unit : "") == had &&
            (good = is_unit(db, unit)) != 1)
            break; /* a first column that is no unit is never printed */
        if (seen.nomem)
            break;
        row(ctx, st, unit ? unit : "");
    }
    if (seen.nomem)
        snprintf(o->err, o->errlen, "minnet räckte inte");
    else if (rc == SQLITE_ROW && good == 0)
        snprintf(o->err, o->errlen,
                 "[%s %s]: frågan %s ger i första kolumnen något som inte är en enhet i "
                 "rapportens ärenden",
                 kind, id, query);
    else if (rc != SQLITE_DONE)
        snprintf(o->err, o->errlen, "[%s %s]: frågan %s: %s", kind, id, query, sqlite3_errmsg(db));
    rdef_units_free(&seen);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

uf_table *rdef_table(uf_report *r, uf_section *s, const char *id, const char *title,
                     const char *sheet, int ncols)
{
    uf_table *t = uf_section_table(r, s, id, title, ncols);
    if (t && *sheet)
        uf_report_set(r, &t->sheet, sheet);
    return t;
}
