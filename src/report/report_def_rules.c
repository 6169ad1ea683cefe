/*
 * report_def_rules.c - the data-quality rules of a report definition
 * ([regel ID], reports/datakvalitet.ini, SPEC §9.4): an overview of every
 * rule over all units, a table per rule with the units (cases checked,
 * cases that fail, the share), and the internal worklist of the failing
 * cases (--lista).
 *
 * A rule's query returns one row per case checked: unit, arende (the
 * case_id, or NULL when the rule checks something else, such as a unit's
 * month), fel (1/0) and datum.  The worklist writes only what a guard
 * query (queries/dk_arende.sql) confirms is a case_id of the unit the row
 * names, so that a municipality's own rule cannot put a pseudonym or any
 * other value into it.
 *
 * Workload: a period's cases, some hundred thousand rows per rule at
 * most; rules and units are a few dozen.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_def_internal.h"
#include "uppfolj/db.h"
#include "uppfolj/groups.h"
#include "uppfolj/parse.h"

/* The query columns a rule must return besides the unit. */
static const char *const rule_cols[] = { "arende", "fel", "datum" };
#define NRULE_COLS 3

/* Per unit: the rows checked and those that failed. */
typedef struct tally {
    long checked, failed;
} tally;

/* One failing row of the worklist. */
typedef struct item {
    char *unit, *arende, *datum; /* arende, datum may be NULL */
    int rule;
} item;

typedef struct by_rule {
    uf_report *r;
    const drule *rule;
    int index;           /* the rule's place in the definition */
    int col[NRULE_COLS]; /* query column of each of rule_cols, -1 = none */
    bool looked;         /* col is set */
    units u;             /* u.acc: one tally per unit */
    tally total;
    /* the worklist (when list is set) */
    bool list;
    sqlite3_stmt *guard; /* dk_arende */
    item *items;
    size_t nitems, cap;
    char bad[512]; /* the first problem of the rows, "" when none */
    bool nomem;
} by_rule;

static const char *text_of(sqlite3_stmt *st, int col)
{
    return col < 0 ? NULL : (const char *)sqlite3_column_text(st, col);
}

/* Find the rule columns in st's result (first row only). */
static void look(by_rule *b, sqlite3_stmt *st)
{
    b->looked = true;
    for (int k = 0; k < NRULE_COLS; k++) {
        b->col[k] = rdef_qcol(st, rule_cols[k]);
        if (b->col[k] < 0 && !*b->bad)
            snprintf(b->bad, sizeof b->bad,
                     "[regel %s]: frågan %s ger ingen kolumn %s (en regel ger unit, arende, fel "
                     "och datum)",
                     b->rule->id, b->rule->query, rule_cols[k]);
    }
}

/* Is the failing row (arende, unit, datum) one the worklist may show:
 * the case_id of a case of that unit, and a date that can be the case's?
 * (The unit of a row without a case was checked by rdef_run_query.)  A
 * problem in b->bad when not. */
static bool guarded(by_rule *b, const char *arende, const char *unit, const char *datum)
{
    int day;
    if (datum && uf_date_parse(datum, &day) != 0) {
        snprintf(b->bad, sizeof b->bad,
                 "[regel %s]: frågan %s ger ett datum som inte är ÅÅÅÅ-MM-DD", b->rule->id,
                 b->rule->query);
        return false;
    }
    if (!arende)
        return true;
    sqlite3_reset(b->guard);
    sqlite3_bind_text(b->guard, 1, arende, -1, SQLITE_TRANSIENT);
    if (*unit)
        sqlite3_bind_text(b->guard, 2, unit, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(b->guard, 2);
    if (datum)
        sqlite3_bind_text(b->guard, 3, datum, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(b->guard, 3);
    if (sqlite3_step(b->guard) == SQLITE_ROW && sqlite3_column_int(b->guard, 0) == 1)
        return true;
    snprintf(b->bad, sizeof b->bad,
             "[regel %s]: frågan %s ger i kolumnen arende något som inte är ärende-id för ett "
             "ärende i enheten, eller ett datum mer än 5 år före ärendets början: "
             "arbetslistan skrivs inte",
             b->rule->id, b->rule->query);
    return false;
}

/* Add a failing row to the worklist. */
static void add_item(by_rule *b, sqlite3_stmt *st, const char *unit)
{
    const char *arende = text_of(st, b->col[0]), *datum = text_of(st, b->col[2]);
    if (!guarded(b, arende, unit, datum))
        return;
    if (b->nitems == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 256;
        item *v = realloc(b->items, cap * sizeof *v);
        if (!v) {
            b->nomem = true;
            return;
        }
        b->items = v;
        b->cap = cap;
    }
    item *it = &b->items[b->nitems];
    it->rule = b->index;
    it->unit = strdup(unit);
    it->arende = arende ? strdup(arende) : NULL;
    it->datum = datum ? strdup(datum) : NULL;
    if (!it->unit || (arende && !it->arende) || (datum && !it->datum)) {
        free(it->unit);
        free(it->arende);
        free(it->datum);
        b->nomem = true;
        return;
    }
    b->nitems++;
}

static void rule_row(void *ctx, sqlite3_stmt *st, const char *unit)
{
    by_rule *b = ctx;
    if (!b->looked)
        look(b, st);
    if (*b->bad || b->nomem)
        return;
    int i = rdef_unit_index(&b->u, unit);
    if (i < 0)
        return;
    tally *t = &((tally *)b->u.acc)[i];
    bool fel = sqlite3_column_int(st, b->col[1]) != 0;
    t->checked++;
    t->failed += fel;
    b->total.checked++;
    b->total.failed += fel;
    if (fel && b->list)
        add_item(b, st, unit);
}

/* Run rule u for [from, to) into b; -1 on a failure (o->err tells). */
static int run_rule(sqlite3 *db, by_rule *b, const char *from, const char *to,
                    const rep_def_opts *o)
{
    const drule *u = b->rule;
    b->u.accsz = sizeof(tally);
    if (rdef_run_query(db, "regel", u->id, u->query, from, to, o, true, rule_row, b) != 0)
        return -1;
    if (*b->bad) {
        snprintf(o->err, o->errlen, "%s", b->bad);
        return -1;
    }
    return b->nomem || b->u.nomem ? -2 : 0;
}

/* Cell values of one row of a rule table: checked, failed, the share. */
static void tally_row(uf_report *r, uf_table *tb, int tr, const drule *u, const tally *t,
                      const char *unit)
{
    char key[112];
    uf_cell_count(tb, tr, 1, t->checked);
    uf_cell_count(tb, tr, 2, t->failed);
    uf_cell_percent(tb, tr, 3, t->checked ? 100.0 * (double)t->failed / (double)t->checked : NAN,
                    t->checked, 2);
    snprintf(key, sizeof key, "regel %s kontrollerade", u->id);
    rdef_key_cell(r, tb, tr, 1, key, unit);
    snprintf(key, sizeof key, "regel %s fel", u->id);
    rdef_key_cell(r, tb, tr, 2, key, unit);
    rep_fix_missing(tb, tr, 1, 3);
}

/* The three count columns of a rule or overview table, after column 0. */
static void tally_cols(uf_report *r, uf_table *tb, const char *counts, bool additive)
{
    char label[96];
    snprintf(label, sizeof label, "Kontrollerade%s%s", *counts ? " " : "", counts);
    uf_table_col(r, tb, 1, "kontrollerade", label, UF_C_COUNT, 0, additive);
    uf_table_col(r, tb, 2, "fel", "Med fel", UF_C_COUNT, 0, additive);
    uf_table_col(r, tb, 3, "andel_fel", "Andel med fel", UF_C_PERCENT, 1, false);
    uf_table_within(tb, 2, 1);
}

/* The table of rule b (units, then Totalt) in section s. */
static int rule_table(uf_report *r, uf_section *s, const by_rule *b, const rep_def_opts *o)
{
    const drule *u = b->rule;
    char id[112];
    snprintf(id, sizeof id, "%s_%s", o->name, u->id);
    int *order = rdef_unit_order(&b->u);
    uf_table *tb = order ? rdef_table(r, s, id, u->title, u->sheet, 4) : NULL;
    if (!tb) {
        free(order);
        r->failed = true;
        return -1;
    }
    uf_table_col(r, tb, 0, "unit", "Enhet", UF_C_TEXT, 0, false);
    tally_cols(r, tb, u->counts, true);
    for (int i = 0; i < b->u.n; i++) {
        const char *name = b->u.name[order[i]];
        int tr = uf_table_row(r, tb, false);
        uf_cell_text(r, tb, tr, 0, *name ? name : "Uppgift saknas");
        tally_row(r, tb, tr, u, &((const tally *)b->u.acc)[order[i]], name);
    }
    int tr = uf_table_row(r, tb, true);
    uf_cell_text(r, tb, tr, 0, "Totalt");
    tally_row(r, tb, tr, u, &b->total, NULL);
    free(order);
    return 0;
}

/* The rule's sentence on the method page. */
static void rule_method(uf_report *r, const drule *u)
{
    if (u->desc)
        uf_report_method_f(r, "Regel: %s. %s", u->title, u->desc);
}

int rep_def_rules(uf_report *r, sqlite3 *db, const rep_def *d, const char *from, const char *to,
                  const rep_def_opts *o)
{
    uf_section *over = uf_report_section(r, "Översikt");
    uf_section *each = uf_report_section(r, "Regel för regel");
    char id[112];
    snprintf(id, sizeof id, "%s_oversikt", o->name);
    uf_table *ot = over ? uf_section_table(r, over, id, "Alla regler, alla enheter", 4) : NULL;
    if (!each || !ot) {
        r->failed = true;
        return -1;
    }
    uf_table_col(r, ot, 0, "regel", "Regel", UF_C_TEXT, 0, false);
    tally_cols(r, ot, "", false);
    uf_table_note(r, ot,
                  "Ett ärende kan ha fel enligt flera regler. Kontrollerade är de ärenden (eller "
                  "månader) som regeln gäller under perioden; se Metod.");
    int rc = 0;
    for (int i = 0; rc == 0 && i < d->nrules; i++) {
        by_rule b = { .r = r, .rule = &d->rules[i], .index = i };
        rc = run_rule(db, &b, from, to, o);
        if (rc == 0)
            rc = rule_table(r, each, &b, o);
        if (rc == 0) {
            int tr = uf_table_row(r, ot, false);
            char label[200];
            if (strcmp(d->rules[i].counts, "ärenden") == 0)
                snprintf(label, sizeof label, "%s", d->rules[i].title);
            else
                snprintf(label, sizeof label, "%s (%s)", d->rules[i].title, d->rules[i].counts);
            uf_cell_text(r, ot, tr, 0, label);
            tally_row(r, ot, tr, &d->rules[i], &b.total, NULL);
            rule_method(r, &d->rules[i]);
        }
        rdef_units_free(&b.u);
        if (rc == -2)
            r->failed = true;
    }
    return rc == 0 ? 0 : -1;
}

/* ---- the worklist ----------------------------------------------------------- */

static int cmp_items(const void *x, const void *y)
{
    const item *a = x, *b = y;
    int c = uf_sv_cmp(a->unit, b->unit);
    if (c)
        return c;
    if (!a->arende != !b->arende)
        return a->arende ? 1 : -1; /* a unit's months first */
    if (a->arende && (c = strcmp(a->arende, b->arende)) != 0)
        return c;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    return strcmp(a->datum ? a->datum : "", b->datum ? b->datum : "");
}

static void items_free(item *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].unit);
        free(v[i].arende);
        free(v[i].datum);
    }
    free(v);
}

/* The worklist table of the failing rows v (sorted). */
static int list_table(uf_report *r, const rep_def *d, const item *v, size_t n,
                      const rep_def_opts *o)
{
    uf_section *s = uf_report_section(r, "Arbetslista");
    char id[112];
    snprintf(id, sizeof id, "%s_lista", o->name);
    uf_table *tb = s ? uf_section_table(r, s, id, "Ärenden med fel", 5) : NULL;
    if (!tb)
        return -1;
    uf_table_col(r, tb, 0, "arende_id", "Ärende", UF_C_TEXT, 0, false);
    uf_table_col(r, tb, 1, "enhet", "Enhet", UF_C_TEXT, 0, false);
    uf_table_col(r, tb, 2, "regel", "Regel", UF_C_TEXT, 0, false);
    uf_table_col(r, tb, 3, "regel_text", "Vad som saknas eller är fel", UF_C_TEXT, 0, false);
    uf_table_col(r, tb, 4, "datum", "Datum", UF_C_DATE, 0, false);
    for (size_t i = 0; i < n && !r->failed; i++) {
        int tr = uf_table_row(r, tb, false);
        if (tr < 0)
            return -1;
        uf_cell_text(r, tb, tr, 0, v[i].arende ? v[i].arende : "");
        uf_cell_text(r, tb, tr, 1, *v[i].unit ? v[i].unit : "Uppgift saknas");
        uf_cell_text(r, tb, tr, 2, d->rules[v[i].rule].id);
        uf_cell_text(r, tb, tr, 3, d->rules[v[i].rule].title);
        if (v[i].datum) {
            uf_cell_text(r, tb, tr, 4, v[i].datum);
            uf_table_cell(tb, tr, 4)->type = UF_C_DATE;
        }
    }
    uf_table_note(r, tb,
                  UF_INTERNAL_BANNER ". Listan innehåller bara ärende-id, aldrig "
                                     "personnummer eller pseudonym.");
    return r->failed ? -1 : 0;
}

int rep_def_worklist(uf_report *r, sqlite3 *db, const rep_def *d, const char *from, const char *to,
                     const rep_def_opts *o)
{
    item *all = NULL;
    size_t n = 0;
    int rc = 0;
    sqlite3_stmt *guard = uf_db_prepare(db, "dk_arende");
    if (!guard) {
        snprintf(o->err, o->errlen, "frågan dk_arende: %s", sqlite3_errmsg(db));
        return -1;
    }
    for (int i = 0; rc == 0 && i < d->nrules; i++) {
        by_rule b = { .r = r, .rule = &d->rules[i], .index = i, .list = true, .guard = guard };
        rc = run_rule(db, &b, from, to, o);
        item *v = rc == 0 && b.nitems ? realloc(all, (n + b.nitems) * sizeof *v) : all;
        if (rc == 0 && b.nitems && !v)
            rc = -2;
        if (rc == 0 && b.nitems) {
            all = v;
            memcpy(all + n, b.items, b.nitems * sizeof *all);
            n += b.nitems;
            free(b.items);
        } else
            items_free(b.items, b.nitems);
        rdef_units_free(&b.u);
        rule_method(r, &d->rules[i]);
    }
    sqlite3_finalize(guard);
    if (rc == 0) {
        if (n)
            qsort(all, n, sizeof *all, cmp_items);
        rc = list_table(r, d, all, n, o);
    }
    items_free(all, n);
    if (rc == -2)
        r->failed = true;
    return rc == 0 ? 0 : -1;
}
