/*
 * model_prune.c - what a protected report has nothing to show in is left
 * out and named (model.h, uf_report_prune; issue 18): a page of ".." and
 * "<5" tells a steering group nothing, and a chart with no bars, or with
 * the "Före" bars only because every "Efter" bar is hidden, misleads.
 *
 * Run after disclosure control, on what the reader would see: taking a
 * table or chart out only ever shows less, so the protection of what
 * stays is unchanged (SPEC §8).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model_internal.h"

bool uf_cell_seen(const uf_cell *c)
{
    return c->supp == UF_SHOWN && c->type != UF_C_EMPTY &&
           (c->type == UF_C_TEXT || c->type == UF_C_DATE ? c->text && *c->text : isfinite(c->v));
}

static bool statistic(uf_ctype t)
{
    return t == UF_C_NUMBER || t == UF_C_PERCENT || t == UF_C_PVALUE;
}

/* Is column k a base: the number of cases a row's statistics rest on
 * ("n", "n_cases", "n_paired": ids that begin so, SPEC §13), not a figure
 * of its own? */
static bool base(const uf_column *k)
{
    return k->type == UF_C_COUNT && k->id &&
           (strcmp(k->id, "n") == 0 || strncmp(k->id, "n_", 2) == 0);
}

bool uf_table_shows_nothing(const uf_table *t)
{
    bool stats = false, counts = false, tests_only = true;
    for (int c = 0; c < t->ncols; c++) {
        stats = stats || statistic(t->cols[c].type);
        counts = counts || t->cols[c].type == UF_C_COUNT;
        if (statistic(t->cols[c].type) && t->cols[c].type != UF_C_PVALUE)
            tests_only = false;
    }
    if (stats && tests_only)
        return false; /* a table of tests: its "–" and footnote say why none was run */
    for (int c = 0; c < t->ncols; c++) {
        const uf_column *k = &t->cols[c];
        for (int i = 0; i < t->nrows; i++) {
            const uf_cell *x = &t->rows[i].cells[c];
            if (!uf_cell_seen(x))
                continue;
            if (statistic(k->type))
                return false; /* a mean, share or test */
            if (k->type == UF_C_COUNT && stats && !base(k) && x->v != 0)
                return false; /* a count beside the statistics, not their n */
            if (k->type == UF_C_COUNT && !stats)
                return false; /* a table of counts shows any count, zeros too */
        }
    }
    return stats || counts; /* a table of text alone is what it is */
}

/* Does series s of chart ch show a value at some category (other than 0
 * when nonzero)? */
static bool series_shows(const uf_chart *ch, int s, bool nonzero)
{
    for (int i = 0; i < ch->nrows; i++) {
        const uf_cell *c = uf_table_cell(ch->table, ch->rows[i], ch->series[s].col);
        if (uf_cell_seen(c) && (!nonzero || c->v != 0))
            return true;
    }
    return false;
}

/* Take the series that show nothing out of a line chart (an all-zero
 * "uppgift saknas" line is only a legend entry).  A bar chart draws only
 * the categories where every series shows a value: a "Före" bar without
 * its "Efter" (hidden) reads as something else, and a row of empty
 * categories as zeros; with zeros alone it draws no bar.  false when the
 * chart has nothing left to show. */
static bool prune_chart(uf_chart *ch)
{
    bool line = ch->kind && strcmp(ch->kind, "line") == 0;
    /* stacked bars too: a stack missing a hidden part ends short of its
     * whole and reads as a smaller one */
    bool bars = ch->kind && (strcmp(ch->kind, "bar") == 0 || strcmp(ch->kind, "stacked") == 0);
    int kept = 0;
    for (int s = 0; s < ch->nseries; s++) {
        if (series_shows(ch, s, line)) {
            ch->series[kept++] = ch->series[s];
            continue;
        }
        if (!line)
            return false;
        free(ch->series[s].label);
    }
    ch->nseries = kept;
    if (!bars)
        return kept > 0;
    int rows = 0;
    bool bar = false; /* a bar that is not 0: zeros alone draw no bars */
    for (int i = 0; i < ch->nrows; i++) {
        bool all = true, some = false;
        for (int s = 0; s < ch->nseries && all; s++) {
            const uf_cell *c = uf_table_cell(ch->table, ch->rows[i], ch->series[s].col);
            all = uf_cell_seen(c);
            some = some || (all && c->v != 0);
        }
        if (all) {
            ch->rows[rows++] = ch->rows[i];
            bar = bar || some;
        }
    }
    ch->nrows = rows;
    return rows > 0 && bar;
}

/* Append "what" to the list at *buf (n bytes used of cap), "; " between;
 * false when memory ran out. */
static bool add_name(char **buf, size_t *n, size_t *cap, const char *what)
{
    size_t need = *n + strlen(what) + 3;
    if (need > *cap) {
        size_t c = need * 2;
        char *p = realloc(*buf, c);
        if (!p)
            return false;
        *buf = p;
        *cap = c;
    }
    *n += (size_t)sprintf(*buf + *n, "%s%s", *n ? "; " : "", what);
    return true;
}

/* The charts of s (those whose table went are NULL already): each kept
 * with what it shows, or taken out and named in *charts.  The number
 * taken out (NULLs not counted). */
static int prune_charts(uf_section *s, char **charts, size_t *nc, size_t *cc, bool *ok)
{
    int kept = 0, gone = 0;
    for (int c = 0; c < s->ncharts; c++) {
        uf_chart *ch = s->charts[c];
        if (!ch)
            continue;
        if (prune_chart(ch)) {
            s->charts[kept++] = ch;
            continue;
        }
        *ok = *ok && add_name(charts, nc, cc, ch->title ? ch->title : ch->id);
        ufm_free_chart(ch);
        gone++;
    }
    s->ncharts = kept;
    return gone;
}

/* The names taken out of one section: tables with nothing to show,
 * charts, and tables that show only the total another table shows (with
 * that table's section). */
typedef struct gone_names {
    char *tables, *charts, *totals;
    size_t nt, ct, nc, cc, nd, cd;
    const char *where; /* the section of the table that shows the total */
} gone_names;

/* Does row i of t show a statistic? */
static bool row_shows(const uf_table *t, int i)
{
    for (int c = 0; c < t->ncols; c++)
        if (statistic(t->cols[c].type) && uf_cell_seen(&t->rows[i].cells[c]))
            return true;
    return false;
}

/* Is u the same table as t for a reader of t's total: the same title and
 * columns, and a total row with the same cells shown? */
static bool same_total(const uf_table *t, int ti, const uf_table *u)
{
    if (!t->title || !u->title || strcmp(t->title, u->title) != 0 || t->ncols != u->ncols)
        return false;
    int ui = -1;
    for (int i = u->nrows - 1; i >= 0 && ui < 0; i--)
        if (u->rows[i].total)
            ui = i;
    if (ui < 0)
        return false;
    for (int c = 0; c < t->ncols; c++) {
        const uf_cell *a = &t->rows[ti].cells[c], *b = &u->rows[ui].cells[c];
        if (!t->cols[c].id || !u->cols[c].id || strcmp(t->cols[c].id, u->cols[c].id) != 0)
            return false;
        if (c == 0 || t->cols[c].type == UF_C_TEXT)
            continue;
        if (uf_cell_seen(a) != uf_cell_seen(b) || (uf_cell_seen(a) && a->v != b->v))
            return false;
    }
    return true;
}

/* The section and table shown before t (in sections before s, or before
 * t in s) whose total is t's, when no group row of t shows a statistic:
 * then t shows only a total the reader has already read.  NULL else. */
static const uf_section *total_shown_before(const uf_report *r, const uf_section *s,
                                            const uf_table *t)
{
    int ti = -1, groups = 0;
    for (int i = 0; i < t->nrows; i++) {
        if (t->rows[i].total) {
            ti = i;
            continue;
        }
        groups++;
        if (row_shows(t, i))
            return NULL;
    }
    if (ti < 0 || groups == 0)
        return NULL;
    for (int k = 0; k < r->nsections; k++) {
        const uf_section *q = r->sections[k];
        for (int j = 0; j < q->ntables; j++) {
            if (q->tables[j] == t)
                return NULL; /* only those before it */
            if (q->tables[j] && same_total(t, ti, q->tables[j]))
                return q;
        }
        if (q == s)
            return NULL;
    }
    return NULL;
}

/* Take the tables of s that show nothing out (their charts, wherever they
 * are, become NULL), naming them in g.  The number taken out. */
static int prune_tables(uf_report *r, uf_section *s, gone_names *g, bool *ok)
{
    int gone = 0;
    for (int i = 0; i < s->ntables; i++) {
        uf_table *t = s->tables[i];
        const uf_section *where = NULL;
        bool nothing = uf_table_shows_nothing(t);
        if (!nothing && !(where = total_shown_before(r, s, t)))
            continue;
        const char *name = t->title ? t->title : t->id;
        if (nothing || (g->where && g->where != where->title)) /* one section to point at */
            *ok = *ok && add_name(&g->tables, &g->nt, &g->ct, name);
        else {
            *ok = *ok && add_name(&g->totals, &g->nd, &g->cd, name);
            g->where = where->title;
        }
        for (int k = 0; k < r->nsections; k++) /* its charts go with it */
            for (int c = 0; c < r->sections[k]->ncharts; c++) {
                uf_chart **ch = &r->sections[k]->charts[c];
                if (*ch && (*ch)->table == t) {
                    ufm_free_chart(*ch);
                    *ch = NULL;
                }
            }
        ufm_free_table(t);
        s->tables[i] = NULL; /* (those after it still look at those before) */
        gone++;
    }
    int kept = 0;
    for (int i = 0; i < s->ntables; i++)
        if (s->tables[i])
            s->tables[kept++] = s->tables[i];
    s->ntables = kept;
    return gone;
}

/* The line naming what s lost, added to its paragraphs; a section left
 * with nothing at all says so (a heading alone at the foot of a page reads
 * as a page lost). */
static bool name_gone(uf_report *r, uf_section *s, const gone_names *g)
{
    if (!g->nt && !g->nc && !g->nd) {
        if (s->ntables == 0 && s->ncharts == 0 && s->npar == 0)
            uf_section_par(r, s, "Inget att visa här: för få ärenden eller inga uppgifter.");
        return true;
    }
    size_t len = g->nt + g->nc + g->nd + (g->where ? strlen(g->where) : 0) + 240;
    char *par = malloc(len);
    if (!par)
        return false;
    int at = 0;
    if (g->nt)
        at = snprintf(par, len, "För få ärenden för att visa: %s.", g->tables);
    if (g->nd)
        at += snprintf(par + at, len - (size_t)at,
                       "%sFör få ärenden för att visa något per grupp, och totalen står redan "
                       "under %s: %s.",
                       at ? " " : "", g->where, g->totals);
    if (g->nc)
        snprintf(par + at, len - (size_t)at, "%sDiagram som inte visas, för få värden: %s.",
                 at ? " " : "", g->charts);
    uf_section_par(r, s, par);
    free(par);
    return true;
}

int uf_report_prune(uf_report *r)
{
    if (r->nsections == 0)
        return 0;
    gone_names *g = calloc((size_t)r->nsections, sizeof *g);
    bool ok = g != NULL;
    int gone = 0;
    for (int i = 0; ok && i < r->nsections; i++)
        gone += prune_tables(r, r->sections[i], &g[i], &ok);
    for (int i = 0; ok && i < r->nsections; i++) {
        gone += prune_charts(r->sections[i], &g[i].charts, &g[i].nc, &g[i].cc, &ok);
        ok = ok && name_gone(r, r->sections[i], &g[i]);
    }
    for (int i = 0; g && i < r->nsections; i++) {
        free(g[i].tables);
        free(g[i].charts);
        free(g[i].totals);
    }
    free(g);
    if (!ok)
        r->failed = true;
    return r->failed ? -1 : gone;
}
