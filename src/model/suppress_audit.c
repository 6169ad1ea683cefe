/*
 * suppress_audit.c - the report's audit (suppress.h, rule 7; SPEC §8):
 * what the reader can derive from all the tables of a report together.
 *
 * The table rules (suppress.c) are exact for one table: its lines are a
 * network.  Two things are not: a count that stands in several tables
 * (rule 5 hides it in all of them, but each table may have protected it by
 * moving other counts, and together the tables may leave it one value), and
 * what a table says beyond its sums: that those with an event are at most
 * those followed up (uf_column.within).  Then the report is one system of
 * linear equations and inequalities in integers, as DISCLOSURE.md's
 * practice (τ-ARGUS, sdcTable) audits it: this module solves it with GLPK.
 *
 * THE MODEL.  Every count cell is a figure (the cells of one key are one
 * figure).  A shown figure is its value; a hidden one an integer unknown
 * the reader bounds as suppress.c's network does: "<T" is 1..T-1, ".." 0 or
 * at least T (the part the true value is in), "x" any count.  The equations are the lines
 * of every table (ufs_lines) and the balances of stock-and-flow tables
 * (uf_table_balance, which the table rules do not know: a set that holds
 * one is always audited); the inequalities the within columns.
 *
 * THE AUDIT.  The hidden figures fall into connected sets (two are
 * connected when an equation holds both).  A set inside one table with no
 * inequality is exact already and is skipped.  For each other hidden
 * figure x we ask GLPK for an integer solution with x >= v + 1, then one
 * with x <= v - 1; x is safe when either exists, and every other figure
 * that such a solution moves is safe by the same token (so few solves are
 * needed).  Otherwise x is pinned.
 *
 * THE REPAIR.  For a pinned x, the cheapest change of the whole report that
 * moves x by one: an integer program over every figure connected to x,
 * where a hidden figure may move within its bounds for free and a shown
 * non-zero count at the cost of its value, more for totals and shared
 * counts (as suppress.c prices them).  The shown figures it moves are
 * hidden; the table rules and rule 5 then run again, and so does the audit,
 * until it finds nothing.  When no hiding can help ("<T" bounds pin x),
 * some "<T" cells are shown as "x" (any count) instead, as suppress.c
 * does; and when even that finds no change, every count connected to x is
 * hidden.  The
 * price is per unit moved, not per cell hidden: a cell moved by 2 counts
 * twice, so the choice may hide a little more than the fewest cells.
 *
 * Each integer program has a time limit (SOLVE_MS); one that runs out
 * counts as "no such solution", which can only hide more.  GLPK aborts the
 * program when memory runs out inside it; everything here is small (a few
 * thousand figures at most).
 */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "suppress_internal.h"

#define NO_MAX LONG_MAX
#define SOLVE_MS 5000 /* the most one integer program may take */

typedef struct fig {
    long v; /* the true value */
    bool hidden, small, shared, total;
} fig;

typedef struct cref { /* a cell of a figure */
    uf_table *t;
    int r, c, f;
} cref;

typedef struct term {
    int f, coef;
} term;

typedef struct cons { /* sum of coef x figure = 0, or <= 0 (le) */
    int first, n;
    int table;
    bool le;
    bool extra; /* an equation the table rules do not know (a balance) */
} cons;

typedef struct audit {
    uf_report *r;
    int th;
    fig *f;
    int nf;
    cref *cell;
    int nc;
    term *term;
    int nt;
    cons *row;
    int nr;
    int *comp; /* union-find parent per figure */
    bool nomem;
} audit;

typedef struct line_term { /* ufs_lines callback scratch */
    int line, f, coef;
} line_term;

typedef struct collect {
    audit *a;
    const int *figof; /* figure of each cell of the table, -1 none */
    int ncols;
    line_term *lt;
    int n, cap;
} collect;

static bool grow(void **p, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return true;
    int n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, (size_t)n * size);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

/* ---- building the model ----------------------------------------------- */

static void on_line(void *arg, int line, int r, int c, int coef)
{
    collect *k = arg;
    int f = k->figof[r * k->ncols + c];
    if (f < 0 || k->a->nomem)
        return;
    if (!grow((void **)&k->lt, &k->cap, k->n + 1, sizeof *k->lt)) {
        k->a->nomem = true;
        return;
    }
    k->lt[k->n++] = (line_term){ line, f, coef };
}

static int by_line(const void *x, const void *y)
{
    const line_term *a = x, *b = y;
    return a->line != b->line ? (a->line > b->line) - (a->line < b->line)
                              : (a->f > b->f) - (a->f < b->f);
}

typedef struct caps {
    int f, c, t, r;
} caps;

static bool add_term(audit *a, caps *cap, int f, int coef)
{
    if (!grow((void **)&a->term, &cap->t, a->nt + 1, sizeof *a->term))
        return false;
    a->term[a->nt++] = (term){ f, coef };
    a->row[a->nr - 1].n++;
    return true;
}

static bool add_row(audit *a, caps *cap, int table, bool le)
{
    if (!grow((void **)&a->row, &cap->r, a->nr + 1, sizeof *a->row))
        return false;
    a->row[a->nr++] = (cons){ a->nt, 0, table, le, false };
    return true;
}

/* The equation sum coef[i] x figure f[i] = 0 of a stock-and-flow table
 * (one figure twice is one term; a missing cell, f < 0, drops it). */
static bool add_balance_eq(audit *a, caps *cap, int table, const int *f, const int *coef, int n)
{
    int ff[4], cc[4], m = 0;
    for (int i = 0; i < n; i++) {
        if (f[i] < 0)
            return true;
        int j = 0;
        while (j < m && ff[j] != f[i])
            j++;
        if (j == m) {
            ff[m] = f[i];
            cc[m++] = 0;
        }
        cc[j] += coef[i];
    }
    bool any = false;
    for (int j = 0; j < m; j++)
        any |= cc[j] != 0;
    if (!any)
        return true;
    if (!add_row(a, cap, table, false))
        return false;
    a->row[a->nr - 1].extra = true;
    for (int j = 0; j < m; j++)
        if (cc[j] != 0 && !add_term(a, cap, ff[j], cc[j]))
            return false;
    return true;
}

/* The equations of t's balance (uf_table_balance): per row active = start
 * + in and end = active - out, and each row's end is the next row's
 * start.  figof: the figure of each cell or -1. */
static bool add_balance(audit *a, caps *cap, const uf_table *t, int ti, const int *figof)
{
    const int *b = t->balance;
    if (b[0] < 0)
        return true;
    bool ok = true;
    int prev = -1;
    for (int r = 0; ok && r < t->nrows; r++) {
        if (t->rows[r].total)
            continue;
        const int *row = figof + r * t->ncols;
        const int in[3] = { row[b[UF_BAL_START]], row[b[UF_BAL_IN]], row[b[UF_BAL_ACTIVE]] };
        const int out[3] = { row[b[UF_BAL_ACTIVE]], row[b[UF_BAL_OUT]], row[b[UF_BAL_END]] };
        const int c3[3] = { 1, 1, -1 }, d3[3] = { 1, -1, -1 }, c2[2] = { 1, -1 };
        ok = add_balance_eq(a, cap, ti, in, c3, 3) && add_balance_eq(a, cap, ti, out, d3, 3);
        if (ok && prev >= 0) {
            const int chain[2] = { figof[prev * t->ncols + b[UF_BAL_END]], row[b[UF_BAL_START]] };
            ok = add_balance_eq(a, cap, ti, chain, c2, 2);
        }
        prev = r;
    }
    return ok;
}

static bool is_parent(const uf_table *t, int c)
{
    for (int j = 0; j < t->ncols; j++)
        if (j != c && t->cols[j].part_of == c)
            return true;
    return false;
}

/* The figures, cells and equations of table t (number ti). */
static bool add_table(audit *a, caps *cap, uf_table *t, int ti, int *keyfig)
{
    int *figof = malloc(((size_t)t->nrows * (size_t)t->ncols + 1) * sizeof *figof);
    collect k = { a, figof, t->ncols, NULL, 0, 0 };
    bool ok = figof != NULL;
    for (int r = 0; ok && r < t->nrows; r++)
        for (int c = 0; ok && c < t->ncols; c++) {
            uf_cell *x = &t->rows[r].cells[c];
            figof[r * t->ncols + c] = -1;
            if (t->cols[c].type != UF_C_COUNT || x->type != UF_C_COUNT || !isfinite(x->v))
                continue;
            int key = x->key > 0 && x->key <= a->r->nkeys ? x->key : 0;
            int f = key ? keyfig[key] : -1;
            if (f < 0) {
                if (!(ok = grow((void **)&a->f, &cap->f, a->nf + 1, sizeof *a->f)))
                    break;
                f = a->nf++;
                a->f[f] = (fig){ .v = lround(x->v) };
                if (key)
                    keyfig[key] = f;
            }
            fig *g = &a->f[f];
            /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): grow() succeeded: a->f holds a->nf figures */
            g->hidden |= ufs_hidden(x);
            g->small |= x->supp == UF_SUPP_SMALL;
            g->shared |= x->shared;
            g->total |= t->rows[r].total || is_parent(t, c);
            figof[r * t->ncols + c] = f;
            if (!(ok = grow((void **)&a->cell, &cap->c, a->nc + 1, sizeof *a->cell)))
                break;
            a->cell[a->nc++] = (cref){ t, r, c, f };
        }
    if (ok && ufs_lines(t, on_line, &k) < 0)
        ok = false;
    ok = ok && !a->nomem;
    if (ok && k.n > 0) {
        qsort(k.lt, (size_t)k.n, sizeof *k.lt, by_line);
        for (int i = 0; ok && i < k.n; i++) {
            if (i == 0 || k.lt[i].line != k.lt[i - 1].line)
                ok = add_row(a, cap, ti, false);
            /* one figure twice in a line (the same key in two of its
             * cells) is one term: GLPK takes no repeated entry */
            int coef = k.lt[i].coef;
            while (i + 1 < k.n && k.lt[i + 1].line == k.lt[i].line && k.lt[i + 1].f == k.lt[i].f)
                coef += k.lt[++i].coef;
            if (coef != 0)
                ok = ok && add_term(a, cap, k.lt[i].f, coef);
        }
    }
    for (int c = 0; ok && c < t->ncols; c++) {
        int b = t->cols[c].within;
        if (b < 0)
            continue;
        for (int r = 0; ok && r < t->nrows; r++) {
            int fc = figof[r * t->ncols + c], fb = figof[r * t->ncols + b];
            if (fc >= 0 && fb >= 0 && fc != fb)
                ok = add_row(a, cap, ti, true) && add_term(a, cap, fc, 1) &&
                     add_term(a, cap, fb, -1);
        }
    }
    ok = ok && add_balance(a, cap, t, ti, figof);
    free(k.lt);
    free(figof);
    return ok;
}

static void audit_free(audit *a)
{
    free(a->f);
    free(a->cell);
    free(a->term);
    free(a->row);
    free(a->comp);
}

static bool audit_build(audit *a, uf_report *r, int th)
{
    caps cap = { 0, 0, 0, 0 };
    memset(a, 0, sizeof *a);
    a->r = r;
    a->th = th;
    int *keyfig = malloc(((size_t)r->nkeys + 1) * sizeof *keyfig);
    if (!keyfig)
        return false;
    for (int i = 0; i <= r->nkeys; i++)
        keyfig[i] = -1;
    bool ok = true;
    int ti = 0;
    for (int s = 0; ok && s < r->nsections; s++)
        for (int i = 0; ok && i < r->sections[s]->ntables; i++)
            ok = add_table(a, &cap, r->sections[s]->tables[i], ti++, keyfig);
    free(keyfig);
    if (ok && !(a->comp = malloc(((size_t)a->nf + 1) * sizeof *a->comp)))
        ok = false;
    return ok;
}

/* ---- connected sets ----------------------------------------------------- */

static int find(int *p, int x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* Union the figures of each equation (only the hidden ones when
 * hidden_only); comp[] then names each figure's set. */
static void connect(audit *a, bool hidden_only)
{
    for (int i = 0; i < a->nf; i++)
        a->comp[i] = i;
    for (int i = 0; i < a->nr; i++) {
        int root = -1;
        for (int j = a->row[i].first; j < a->row[i].first + a->row[i].n; j++) {
            int f = a->term[j].f;
            if (hidden_only && !a->f[f].hidden)
                continue;
            if (root < 0)
                root = find(a->comp, f);
            else
                a->comp[find(a->comp, f)] = root;
        }
    }
    for (int i = 0; i < a->nf; i++)
        a->comp[i] = find(a->comp, i);
}

/* ---- bounds ------------------------------------------------------------- */

/* What the reader knows of hidden figure g (suppress.c's bounds()). */
static void reader_bounds(const audit *a, const fig *g, long *lo, long *hi)
{
    if (g->small) {
        *lo = 1;
        *hi = a->th - 1;
    } else {
        *lo = g->v >= a->th ? a->th : 0;
        *hi = NO_MAX;
    }
}

static void set_bounds(glp_prob *P, int j, long lo, long hi)
{
    if (hi == NO_MAX)
        glp_set_col_bnds(P, j, GLP_LO, (double)lo, 0.0);
    else if (lo == hi)
        glp_set_col_bnds(P, j, GLP_FX, (double)lo, (double)lo);
    else
        glp_set_col_bnds(P, j, GLP_DB, (double)lo, (double)hi);
}

/* Solve P for an integer solution (optimal when it has an objective). */
static bool solve(glp_prob *P)
{
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.tm_lim = SOLVE_MS; /* an integer program these tables make is solved
                               in milliseconds; past the limit the answer is
                               "not found", which only ever hides more */
    int ret = glp_intopt(P, &parm);
    int st = glp_mip_status(P);
    return (ret == 0 || ret == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS);
}

/* The nonzero entries of a GLPK matrix, 1-based as glp_load_matrix wants. */
typedef struct matrix {
    int *ia, *ja;
    double *ar;
    int n, cap;
} matrix;

/* Add entry (row, col) = v; false when memory ran out. */
static bool matrix_add(matrix *m, int row, int col, double v)
{
    if (m->n + 2 > m->cap) {
        int cap = m->cap ? 2 * m->cap : 64;
        int *ia = realloc(m->ia, (size_t)cap * sizeof *ia);
        if (ia)
            m->ia = ia;
        int *ja = realloc(m->ja, (size_t)cap * sizeof *ja);
        if (ja)
            m->ja = ja;
        double *ar = realloc(m->ar, (size_t)cap * sizeof *ar);
        if (ar)
            m->ar = ar;
        if (!ia || !ja || !ar)
            return false;
        m->cap = cap;
    }
    m->n++;
    m->ia[m->n] = row;
    m->ja[m->n] = col;
    m->ar[m->n] = v;
    return true;
}

static void matrix_free(matrix *m)
{
    free(m->ia);
    free(m->ja);
    free(m->ar);
}

/* ---- the audit of one set ------------------------------------------------ */

typedef struct set {
    int *figs; /* the hidden figures of the set */
    int n;
    int *col; /* column in P of each figure, 0 = none */
} set;

/* Load the equations that hold a hidden figure of the set into P, with the
 * shown figures moved to the right-hand side. */
static bool load_set(audit *a, glp_prob *P, const set *s, int root)
{
    matrix m = { 0 };
    bool ok = true;
    glp_add_cols(P, s->n);
    for (int i = 0; i < s->n; i++) {
        long lo, hi;
        reader_bounds(a, &a->f[s->figs[i]], &lo, &hi);
        set_bounds(P, i + 1, lo, hi);
        glp_set_col_kind(P, i + 1, GLP_IV);
    }
    for (int i = 0; ok && i < a->nr; i++) {
        const cons *q = &a->row[i];
        bool mine = false;
        double rhs = 0;
        for (int j = q->first; j < q->first + q->n; j++) {
            const fig *g = &a->f[a->term[j].f];
            if (g->hidden && a->comp[a->term[j].f] == root)
                mine = true;
            else if (!g->hidden)
                rhs -= (double)a->term[j].coef * (double)g->v;
        }
        if (!mine)
            continue;
        int row = glp_add_rows(P, 1);
        glp_set_row_bnds(P, row, q->le ? GLP_UP : GLP_FX, rhs, rhs);
        for (int j = q->first; ok && j < q->first + q->n; j++) {
            const fig *g = &a->f[a->term[j].f];
            if (!g->hidden)
                continue;
            ok = matrix_add(&m, row, s->col[a->term[j].f], a->term[j].coef);
        }
    }
    if (ok)
        glp_load_matrix(P, m.n, m.ia, m.ja, m.ar);
    matrix_free(&m);
    return ok;
}

/* Is some integer solution of P (the set loaded) one with figure i (index
 * in the set) between lo and hi?  Marks the figures that solution moves. */
static bool reach(audit *a, glp_prob *P, const set *s, int i, long lo, long hi, bool *safe)
{
    long rlo, rhi;
    reader_bounds(a, &a->f[s->figs[i]], &rlo, &rhi);
    set_bounds(P, i + 1, lo, hi);
    bool ok = solve(P);
    if (ok)
        for (int j = 0; j < s->n; j++)
            if (lround(glp_mip_col_val(P, j + 1)) != a->f[s->figs[j]].v)
                safe[j] = true;
    set_bounds(P, i + 1, rlo, rhi);
    return ok;
}

/* The audit of the set with root: its first pinned figure into pinned[],
 * the number found (0 or 1), or -1 (memory). */
static int audit_set(audit *a, int root, int *pinned)
{
    set s = { malloc(((size_t)a->nf + 1) * sizeof *s.figs), 0,
              calloc((size_t)a->nf + 1, sizeof *s.col) };
    bool *safe = calloc((size_t)a->nf + 1, sizeof *safe);
    int np = 0;
    if (!s.figs || !s.col || !safe) {
        np = -1;
        goto done;
    }
    for (int f = 0; f < a->nf; f++)
        if (a->f[f].hidden && a->comp[f] == root) {
            s.col[f] = s.n + 1;
            s.figs[s.n++] = f;
        }
    glp_prob *P = glp_create_prob();
    if (!load_set(a, P, &s, root)) {
        glp_delete_prob(P);
        np = -1;
        goto done;
    }
    for (int i = 0; i < s.n; i++) {
        if (safe[i])
            continue;
        const fig *g = &a->f[s.figs[i]];
        long lo, hi;
        reader_bounds(a, g, &lo, &hi);
        if ((g->v < hi && reach(a, P, &s, i, g->v + 1, hi, safe)) ||
            (g->v > lo && reach(a, P, &s, i, lo, g->v - 1, safe)))
            safe[i] = true;
        else {
            pinned[np++] = s.figs[i]; /* one at a time: its repair may */
            break;                    /* protect the others too */
        }
    }
    glp_delete_prob(P);
done:
    free(s.figs);
    free(s.col);
    free(safe);
    return np;
}

/* ---- the repair ----------------------------------------------------------- */

/* Hide every shown cell of figure f, and show its "<T" cells as "x" (any
 * count) too when relabel: the number of cells changed. */
static int hide_fig(audit *a, int f, bool relabel)
{
    int changed = 0;
    for (int i = 0; i < a->nc; i++) {
        uf_cell *x = &a->cell[i].t->rows[a->cell[i].r].cells[a->cell[i].c];
        if (a->cell[i].f != f)
            continue;
        if (x->supp == UF_SHOWN || (relabel && x->supp == UF_SUPP_SMALL)) {
            x->supp = x->supp == UF_SUPP_SMALL ? UF_SUPP_ANY : UF_SUPP_SECONDARY;
            changed++;
        }
    }
    a->f[f].hidden = true;
    if (relabel)
        a->f[f].small = false;
    return changed;
}

/*
 * The cheapest change that moves figure x by dir (+1 or -1): p - m per
 * figure connected to x (comp[] over all figures).  Returns its cost and
 * the moved figures in moved[] (*nmoved), or -1 when there is none.
 */
static double cheapest_move(audit *a, int x, int dir, bool relabel, int *moved, int *nmoved)
{
    int root = a->comp[x], n = 0;
    int *col = calloc((size_t)a->nf + 1, sizeof *col),
        *figs = malloc(((size_t)a->nf + 1) * sizeof *figs);
    double penalty = 1, cost = -1;
    glp_prob *P = glp_create_prob();
    matrix mx = { 0 };
    *nmoved = 0;
    if (!col || !figs) {
        a->nomem = true;
        goto done;
    }
    for (int f = 0; f < a->nf; f++)
        if (a->comp[f] == root) {
            figs[n] = f;
            col[f] = 2 * n + 1; /* p; m is col + 1 */
            n++;
            if (!a->f[f].hidden)
                penalty += (double)a->f[f].v;
        }
    glp_add_cols(P, 2 * n);
    glp_set_obj_dir(P, GLP_MIN);
    for (int i = 0; i < n; i++) {
        const fig *g = &a->f[figs[i]];
        long lo, hi;
        double c = 0;
        if (g->hidden && !(relabel && g->small))
            reader_bounds(a, g, &lo, &hi);
        else if (g->hidden) { /* a "<T" that may become ".." */
            lo = 0;
            hi = NO_MAX;
            c = 4 * penalty;
        } else if (g->v == 0) {
            lo = hi = 0;
        } else { /* shown: hidden it becomes ".." */
            lo = g->v >= a->th ? a->th : 0;
            hi = NO_MAX;
            c = (double)g->v + ((g->total ? 1 : 0) + (g->shared ? 2 : 0)) * penalty;
        }
        set_bounds(P, 2 * i + 1, 0, hi == NO_MAX ? NO_MAX : hi - g->v);
        set_bounds(P, 2 * i + 2, 0, g->v - lo);
        glp_set_col_kind(P, 2 * i + 1, GLP_IV);
        glp_set_col_kind(P, 2 * i + 2, GLP_IV);
        glp_set_obj_coef(P, 2 * i + 1, c);
        glp_set_obj_coef(P, 2 * i + 2, c);
    }
    for (int i = 0; i <= a->nr; i++) {
        bool last = i == a->nr; /* the row that moves x */
        const cons *q = last ? NULL : &a->row[i];
        if (!last && (q->n == 0 || a->comp[a->term[q->first].f] != root))
            continue;
        int row = glp_add_rows(P, 1);
        double rhs = 0;
        int first = last ? 0 : q->first, cnt = last ? 1 : q->n;
        if (last)
            rhs = dir; /* p - m of x is dir */
        for (int j = first; j < first + cnt; j++) {
            int f = last ? x : a->term[j].f, coef = last ? 1 : a->term[j].coef;
            if (!last)
                rhs -= (double)coef * (double)a->f[f].v; /* the true values' sum: 0 */
            if (!matrix_add(&mx, row, col[f], coef) || !matrix_add(&mx, row, col[f] + 1, -coef)) {
                a->nomem = true;
                goto done;
            }
        }
        glp_set_row_bnds(P, row, !last && q->le ? GLP_UP : GLP_FX, rhs, rhs);
    }
    glp_load_matrix(P, mx.n, mx.ia, mx.ja, mx.ar);
    if (solve(P)) {
        cost = glp_mip_obj_val(P);
        for (int i = 0; i < n; i++) {
            const fig *g = &a->f[figs[i]];
            long y = g->v + lround(glp_mip_col_val(P, 2 * i + 1)) -
                     lround(glp_mip_col_val(P, 2 * i + 2));
            if (y == g->v)
                continue;
            /* a shown count it moves is hidden; a "<T" moved out of
             * 1..T-1 is shown as ".." */
            if (!g->hidden || (relabel && g->small && (y < 1 || y > a->th - 1)))
                moved[(*nmoved)++] = figs[i];
        }
    }
done:
    glp_delete_prob(P);
    free(col);
    free(figs);
    matrix_free(&mx);
    return cost;
}

/* Protect pinned figure x: the number of cells changed (0: none could
 * be).  moved[] has room for 2 x the figures. */
static int repair(audit *a, int x, int *moved)
{
    for (int relabel = 0; relabel < 2 && !a->nomem; relabel++) {
        long lo, hi;
        reader_bounds(a, &a->f[x], &lo, &hi);
        if (relabel) {
            lo = LONG_MIN;
            hi = NO_MAX;
        }
        int nu = 0, nd = 0, *other = moved + a->nf;
        double up = a->f[x].v < hi ? cheapest_move(a, x, 1, relabel, moved, &nu) : -1;
        double down = a->f[x].v > lo ? cheapest_move(a, x, -1, relabel, other, &nd) : -1;
        if (down >= 0 && (up < 0 || down < up)) {
            memmove(moved, other, (size_t)nd * sizeof *moved);
            nu = nd;
            up = down;
        }
        int changed = 0;
        for (int i = 0; up >= 0 && i < nu; i++)
            changed += hide_fig(a, moved[i], relabel);
        if (changed)
            return changed;
    }
    return 0;
}

/* The last resort for a figure no cheapest change frees (never seen in
 * the attacker's reports): every shown count connected to it is hidden,
 * and every "<T" shown as "x".  The number of cells changed. */
static int hide_connected(audit *a, int x)
{
    int changed = 0;
    for (int f = 0; f < a->nf; f++)
        if (a->comp[f] == a->comp[x] && (a->f[f].v != 0 || a->f[f].hidden))
            changed += hide_fig(a, f, true);
    return changed;
}

/* ---- rule 7 ------------------------------------------------------------- */

/* Does the set of root need the audit: more than one table, a within
 * inequality, or a balance equation? */
static bool needs_audit(const audit *a, int root)
{
    int table = -1;
    for (int i = 0; i < a->nr; i++) {
        const cons *q = &a->row[i];
        bool mine = false;
        for (int j = q->first; j < q->first + q->n && !mine; j++)
            mine = a->f[a->term[j].f].hidden && a->comp[a->term[j].f] == root;
        if (!mine)
            continue;
        if (q->le || q->extra || (table >= 0 && q->table != table))
            return true;
        table = q->table;
    }
    return false;
}

int ufs_audit(uf_report *r, int th)
{
    audit a;
    int hid = 0;
    if (!audit_build(&a, r, th)) {
        audit_free(&a);
        return -1;
    }
    int *pinned = malloc(((size_t)a.nf + 1) * sizeof *pinned);
    int *moved = malloc((2 * (size_t)a.nf + 1) * sizeof *moved);
    bool *seen = calloc((size_t)a.nf + 1, sizeof *seen);
    int npinned = 0;
    if (!pinned || !moved || !seen) {
        hid = -1;
        goto done;
    }
    glp_term_out(GLP_OFF);
    connect(&a, true);
    for (int f = 0; f < a.nf; f++) {
        int root = a.comp[f];
        if (!a.f[f].hidden || seen[root])
            continue;
        seen[root] = true;
        if (!needs_audit(&a, root))
            continue;
        int np = audit_set(&a, root, pinned + npinned);
        if (np < 0) {
            hid = -1;
            goto done;
        }
        npinned += np;
    }
    connect(&a, false);
    for (int i = 0; i < npinned && !a.nomem; i++) {
        int got = repair(&a, pinned[i], moved);
        if (got == 0) /* no change frees it: hide all it is connected to */
            got = hide_connected(&a, pinned[i]);
        hid += got;
    }
    if (a.nomem)
        hid = -1;
done:
    free(pinned);
    free(moved);
    free(seen);
    audit_free(&a);
    glp_free_env();
    return hid;
}
