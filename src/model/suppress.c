/*
 * suppress.c - disclosure control of report tables (see suppress.h, SPEC
 * §8).  Runs once per report over tens of tables of at most a few hundred
 * cells: exact and easy to check rather than fast (each check is a
 * shortest-path search over a few dozen nodes).
 *
 * THE READER we protect against sees every shown cell, knows how the table
 * adds up (its "lines": a column's group rows and its total row; a row's
 * part columns and their row-total column) and reads the symbols: a "<5"
 * count is 1..4, a ".." count is 0 or at least 5 (every count of 1..4 is
 * "<5"; we even grant the reader which of the two).  A hidden count is safe
 * when the shown cells, the lines and these bounds allow more than one
 * integer value for it.  That covers one hidden cell in a line, two "<5"
 * whose sum is 2, and what only rows and columns together give away.
 *
 * A NETWORK.  Each count cell lies in at most two lines, and the lines can
 * be signed (through()) so that a cell in two lines has +1 in one and -1 in
 * the other: lines are nodes, cells are edges, and a cell in one line is an
 * edge to an extra "ground" node.  Tables that fit are then flows with the
 * shown cells fixed.  A hidden cell can take another value exactly when it
 * lies on a cycle of hidden cells that can each move one step (up along
 * the edge, down against it) within their bounds: add +-1 around it.
 * Conversely, two integer tables differ by an integer circulation, which
 * splits into simple cycles, one through the cell.  So the check is exact
 * over the integers, without linear programming.  (The column line of a
 * row-total column whose parts all add up follows from the others and is
 * left out, so that no cell is in three lines.)
 *
 * HIDING MORE.  For a pinned cell, the cheapest cycle through it is sought
 * where shown non-zero counts may join at the cost of their value (totals
 * at a large extra cost), and its shown cells are hidden.  In one column
 * that is the next smallest group cell, SPEC §8's rule, unless that cell
 * could not move: a "<5" of 1 with a hidden 5 gives 1 + 5 = 6, both pinned
 * by their bounds, so a larger cell is taken.  Every cell on the cycle is
 * then safe, and hiding more only widens what the reader must consider, so
 * no safe cell becomes pinned; a second pass confirms.
 *
 * THE SYMBOLS THEMSELVES can pin cells no further hiding saves: a row "<3",
 * "<3", 0 with the total "<3" can only be 1, 1, 0, 2.  Then the cheapest
 * cycle on which some "<T" cells are shown as "x" (UF_SUPP_ANY: any count,
 * 0 or more) is used, fewest such cells first; this is rare (about 1 in 600
 * hidden counts in the tests, nearly all with threshold 3).  Not as "..":
 * the reader who takes ".." for 0 or at least T would then reason from a
 * false bound, and can reach true small counts that way (a column of ".."
 * and "<5" summing to a shown 9 leaves each "<5" one value).  A reader who
 * knew this module could guess that an "x" is below T; we accept that.
 *
 * ZEROS stay shown (SPEC §8) and are never hidden, so the ".." bound holds.
 * To the reader a zero is known: it protects nothing and is fixed in the
 * checks.  It can tell that all of a small group share one category (a row
 * "<5, 0, 0"); §8 accepts that, and it reveals no hidden number.
 *
 * OVERLAPPING GROUPS (t->groups_overlap, e.g. by insats) are no column
 * lines: a case in two groups is counted once in the total and a case in
 * none only in the total, so the total minus the shown groups is neither a
 * hidden cell nor a bound on it.  (A reader who knew every case is in some
 * group would get total <= sum of groups: a lower bound, nothing more.)
 * Their rows still add up across part columns.
 *
 * LIMITS: column lines use the first row marked total.  An additive column
 * that has parts, not all additive, and is itself part of a row total would
 * be in three lines; its column line is then left out (such a declaration
 * is inconsistent: parts of an additive count add up too).
 */
#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suppress_internal.h"
#include "uppfolj/suppress.h"

/* The equations of one table.  Node numbers: column lines first, then one
 * row line per (row, column with parts); the ground node comes last. */
typedef struct lines {
    const uf_table *t;
    int trow;      /* the total row of the column lines, or -1 */
    int *col_line; /* column line of each column, or -1 */
    int *slot;     /* a column with parts: its index among those, or -1 */
    int *parent;   /* the column each column is part of, or -1 */
    int ncol_lines, nslots, n;
} lines;

/* A count cell in at least one line: an edge from tail to head. */
typedef struct edge {
    int r, c;
    int tail, head;
    long v;   /* the true value */
    int rank; /* 0 a group cell; 1 a total of one of its lines;
                           2 a count that stands in other tables too (to
                           hide it there as well costs most); 3 both */
} edge;

typedef struct net {
    uf_table *t;
    int th;
    edge *e;
    int ne;
    int nodes;         /* lines + ground */
    long long penalty; /* extra cost of hiding a total */
    int *first;        /* edges at node u: adj[first[u] .. first[u+1]-1] */
    int *adj;
    long long *dist; /* path search scratch, one per node */
    int *via;
    bool *done;
} net;

enum { FIXED, HIDDEN, CANDIDATE };

static bool count_col(const uf_table *t, int c)
{
    return c >= 0 && c < t->ncols && t->cols[c].type == UF_C_COUNT;
}

/* Hidden for disclosure reasons (a missing value hides nothing). */
bool ufs_hidden(const uf_cell *c)
{
    return c->supp != UF_SHOWN && c->supp != UF_SUPP_MISSING;
}

int ufs_clamp_threshold(int threshold)
{
    return threshold < UF_SUPP_MIN_THRESHOLD ? UF_SUPP_MIN_THRESHOLD : threshold;
}

/* Apply the primary rule to c, a cell of column col; true when it hid c. */
static bool primary(uf_cell *c, const uf_column *col, int th)
{
    if (c->supp != UF_SHOWN)
        return false;
    switch (c->type) {
    case UF_C_COUNT:
        if (c->v >= 1 && c->v < th)
            c->supp = UF_SUPP_SMALL;
        break;
    case UF_C_NUMBER:
        if (c->n >= 0 && c->n < th)
            c->supp = UF_SUPP_FEW;
        break;
    case UF_C_PERCENT:
        if (c->n >= 0 && c->n < th)
            c->supp = UF_SUPP_FEW;
        else if (c->n >= th && isfinite(c->v) && !col->inference) {
            /* a share and its base give the numerator (a confidence
             * limit names the count it rests on: uf_cell_reveals) */
            long k = lround(c->v * (double)c->n / 100.0);
            if (k >= 1 && k < th)
                c->supp = UF_SUPP_FEW;
        }
        break;
    case UF_C_PVALUE:
        if (c->n >= 0 && c->n < th)
            c->supp = UF_SUPP_NOTEST;
        break;
    case UF_C_EMPTY:
    case UF_C_TEXT:
    case UF_C_DATE: break;
    }
    /* an exact test (or a sum) that determines a small count */
    if (c->supp == UF_SHOWN && c->reveals >= 1 && c->reveals < th)
        c->supp = c->type == UF_C_PVALUE  ? UF_SUPP_NOTEST
                  : c->type == UF_C_COUNT ? UF_SUPP_SECONDARY
                                          : UF_SUPP_FEW;
    return c->supp != UF_SHOWN;
}

/* Does column c have parts whose column lines make its own redundant (or
 * would its column line be a third line of its cells)? */
static bool skip_col_line(const lines *L, int c)
{
    if (L->slot[c] < 0)
        return false;
    if (L->parent[c] >= 0)
        return true;
    for (int j = 0; j < L->t->ncols; j++)
        if (L->parent[j] == c && !L->t->cols[j].additive)
            return false;
    return true;
}

static void lines_release(lines *L)
{
    free(L->col_line);
    free(L->slot);
    free(L->parent);
}

/* Number the lines of t into L; -1 when memory ran out. */
static int lines_init(lines *L, const uf_table *t)
{
    size_t n = (size_t)(t->ncols > 0 ? t->ncols : 1);
    L->t = t;
    L->col_line = malloc(n * sizeof *L->col_line);
    L->slot = malloc(n * sizeof *L->slot);
    L->parent = malloc(n * sizeof *L->parent);
    if (!L->col_line || !L->slot || !L->parent)
        return -1;
    for (int c = 0; c < t->ncols; c++) {
        int p = t->cols[c].part_of;
        L->parent[c] = (count_col(t, c) && p != c && count_col(t, p)) ? p : -1;
        L->slot[c] = L->col_line[c] = -1;
    }
    for (int c = 0; c < t->ncols; c++)
        if (L->parent[c] >= 0 && L->slot[L->parent[c]] < 0)
            L->slot[L->parent[c]] = L->nslots++;
    L->trow = -1;
    for (int r = 0; r < t->nrows && !t->groups_overlap && L->trow < 0; r++)
        if (t->rows[r].total)
            L->trow = r;
    for (int c = 0; c < t->ncols; c++)
        if (L->trow >= 0 && count_col(t, c) && t->cols[c].additive && !skip_col_line(L, c))
            L->col_line[c] = L->ncol_lines++;
    L->n = L->ncol_lines + t->nrows * L->nslots;
    return 0;
}

static int row_line(const lines *L, int r, int c)
{
    return L->ncol_lines + r * L->nslots + L->slot[c];
}

/*
 * The lines through cell (r, c) into node[], and the cell's coefficient in
 * each into coef[], with the line's sign applied: row lines are +1 in group
 * rows and -1 in the total row; column lines +1 for a column with parts and
 * -1 otherwise.  Then a cell in two lines has +1 in one and -1 in the other
 * (checked by assert).  Returns the number of lines (0..2).
 */
static int through(const lines *L, int r, int c, int node[2], int coef[2])
{
    int k = 0;
    int srow = r == L->trow ? -1 : 1;
    if (L->col_line[c] >= 0 && (r == L->trow || !L->t->rows[r].total)) {
        int in_line = r == L->trow ? -1 : 1; /* total of the line, or a member */
        node[k] = L->col_line[c];
        coef[k++] = (L->slot[c] >= 0 ? 1 : -1) * in_line;
    }
    if (L->parent[c] >= 0) {
        node[k] = row_line(L, r, L->parent[c]);
        coef[k++] = srow;
    }
    if (L->slot[c] >= 0) {
        assert(k < 2);
        node[k] = row_line(L, r, c);
        coef[k++] = -srow;
    }
    assert(k < 2 || coef[0] == -coef[1]);
    return k;
}

static uf_cell *cell_of(const net *n, const edge *e)
{
    return &n->t->rows[e->r].cells[e->c];
}

static int state(const net *n, const edge *e)
{
    const uf_cell *c = cell_of(n, e);
    if (c->supp == UF_SUPP_MISSING)
        return FIXED;
    if (c->supp != UF_SHOWN)
        return HIDDEN;
    return e->v >= 1 ? CANDIDATE : FIXED;
}

/* What the reader knows of count e once hidden: "<T" is 1..T-1, ".." is 0
 * or >= T (the part that holds the true value), "x" any count. */
static void bounds(const net *n, const edge *e, long *lo, long *hi)
{
    if (cell_of(n, e)->supp == UF_SUPP_SMALL) {
        *lo = 1;
        *hi = n->th - 1;
    } else if (cell_of(n, e)->supp == UF_SUPP_ANY) {
        *lo = 0;
        *hi = LONG_MAX;
    } else {
        *lo = e->v >= n->th ? n->th : 0;
        *hi = LONG_MAX;
    }
}

/* What a path search may use: hidden cells only (the reader's view); also
 * shown non-zero counts, to be hidden; also "<T" cells whose bounds are in
 * the way, to be shown as "x" instead (see repair()). */
typedef enum mode { READER, HIDE, RELABEL } mode;

/* The cost of moving edge e by one, down or up, in a search of mode m, or
 * -1 when it cannot: a hidden cell within its bounds costs 0; a shown count
 * its value plus its rank times the penalty (a total, a count that stands
 * in other tables too); a "<T" cell past its bounds (0 or more as "x")
 * four penalties. */
static long long arc_cost(const net *n, const edge *e, bool down, mode m)
{
    int st = state(n, e);
    if (st == FIXED || (st == CANDIDATE && m == READER))
        return -1;
    long lo, hi;
    bounds(n, e, &lo, &hi);
    if (down ? e->v > lo : e->v < hi)
        return st == HIDDEN ? 0 : (long long)e->v + e->rank * n->penalty;
    if (m == RELABEL && cell_of(n, e)->supp == UF_SUPP_SMALL && (!down || e->v > 0))
        return 4 * n->penalty;
    return -1;
}

/*
 * The cheapest path from node src to node dst that does not use edge skip
 * (Dijkstra).  Returns its cost, or -1 when there is none; n->via[node]
 * then holds, for each node of the path, the arc it was reached by: edge
 * index * 2 + 1 if moved down, + 0 if up.
 */
static long long cheapest(net *n, int src, int dst, int skip, mode m)
{
    for (int i = 0; i < n->nodes; i++) {
        n->dist[i] = LLONG_MAX;
        n->done[i] = false;
        n->via[i] = -1;
    }
    n->dist[src] = 0;
    for (;;) {
        int u = -1;
        for (int i = 0; i < n->nodes; i++)
            if (!n->done[i] && n->dist[i] != LLONG_MAX && (u < 0 || n->dist[i] < n->dist[u]))
                u = i;
        if (u < 0)
            return -1;
        if (u == dst)
            return n->dist[u];
        n->done[u] = true;
        for (int a = n->first[u]; a < n->first[u + 1]; a++) {
            int i = n->adj[a];
            const edge *e = &n->e[i];
            bool down = e->head == u; /* leaving u against the edge */
            int to = down ? e->tail : e->head;
            long long w = i != skip && !n->done[to] ? arc_cost(n, e, down, m) : -1;
            if (w >= 0 && n->dist[u] + w < n->dist[to]) {
                n->dist[to] = n->dist[u] + w;
                n->via[to] = i * 2 + down;
            }
        }
    }
}

/* Can the reader pin hidden edge i down to its true value? */
static bool pinned(net *n, int i)
{
    const edge *e = &n->e[i];
    long lo, hi;
    bounds(n, e, &lo, &hi);
    if (e->v < hi && cheapest(n, e->head, e->tail, i, READER) >= 0)
        return false;
    return !(e->v > lo && cheapest(n, e->tail, e->head, i, READER) >= 0);
}

/* The cheapest cycle through edge i in a search of mode m: into via[],
 * walked back from *node to *src; false when there is none. */
static bool cycle(net *n, int i, mode m, int *src, int *node)
{
    const edge *x = &n->e[i];
    long lo, hi;
    bounds(n, x, &lo, &hi);
    long long up = x->v < hi ? cheapest(n, x->head, x->tail, i, m) : -1;
    long long down = x->v > lo ? cheapest(n, x->tail, x->head, i, m) : -1;
    if (up < 0 && down < 0)
        return false;
    bool use_up = up >= 0 && (down < 0 || up <= down);
    *src = use_up ? x->head : x->tail;
    *node = use_up ? x->tail : x->head;
    if (use_up && x->v > lo)
        cheapest(n, *src, *node, i, m); /* via[] again: the search down overwrote it */
    return true;
}

/*
 * Protect pinned edge i: hide the shown cells of the cheapest cycle through
 * it.  When there is none, the "<T" bounds themselves pin it (a row "<3",
 * "<3", 0 with total "<3" can only be 1, 1, 0, 2) and no further hiding can
 * help: then the cheapest cycle that shows some "<T" cells as "x" instead
 * is taken (fewest such cells first).  *hid gets the number of cells newly
 * hidden; returns the number of cells changed (0: nothing can be done).
 */
static int repair(net *n, int i, int *hid)
{
    int src, node, changed = 0;
    *hid = 0;
    if (!cycle(n, i, HIDE, &src, &node) && !cycle(n, i, RELABEL, &src, &node))
        return 0;
    while (node != src) {
        const edge *e = &n->e[n->via[node] / 2];
        bool down = n->via[node] % 2;
        uf_cell *c = cell_of(n, e);
        if (state(n, e) == CANDIDATE || arc_cost(n, e, down, READER) < 0) {
            *hid += c->supp == UF_SHOWN;
            c->supp = c->supp == UF_SUPP_SMALL ? UF_SUPP_ANY : UF_SUPP_SECONDARY;
            changed++;
        }
        node = down ? e->head : e->tail;
    }
    return changed;
}

static void net_release(net *n)
{
    free(n->e);
    free(n->first);
    free(n->adj);
    free(n->dist);
    free(n->via);
    free(n->done);
}

/* Add edge e for cell (r, c) in the k lines node[] with coefficients
 * coef[]: from the line where it is -1 to the one where it is +1. */
static void add_edge(net *n, const lines *L, int r, int c, int k, const int node[2],
                     const int coef[2])
{
    const uf_cell *cell = &n->t->rows[r].cells[c];
    edge *e = &n->e[n->ne++];
    e->r = r;
    e->c = c;
    e->v = lround(cell->v);
    e->rank = (n->t->rows[r].total || L->slot[c] >= 0) + 2 * cell->shared;
    e->tail = coef[0] < 0 ? node[0] : k == 2 ? node[1] : L->n;
    e->head = coef[0] > 0 ? node[0] : k == 2 ? node[1] : L->n;
    if (e->v > 0)
        n->penalty += e->v;
}

/* The edges at each node, for the path search. */
static void index_edges(net *n)
{
    for (int u = 0; u <= n->nodes; u++)
        n->first[u] = 0;
    for (int i = 0; i < n->ne; i++) {
        n->first[n->e[i].tail + 1]++;
        n->first[n->e[i].head + 1]++;
    }
    for (int u = 0; u < n->nodes; u++)
        n->first[u + 1] += n->first[u];
    for (int i = 0; i < n->ne; i++) { /* fill, then shift back */
        n->adj[n->first[n->e[i].tail]++] = i;
        n->adj[n->first[n->e[i].head]++] = i;
    }
    for (int u = n->nodes; u > 0; u--)
        n->first[u] = n->first[u - 1];
    n->first[0] = 0;
}

/* The network of t's count cells; -1 when memory ran out. */
static int net_init(net *n, const lines *L, uf_table *t, int th)
{
    size_t cells = (size_t)t->nrows * (size_t)t->ncols + 1, nodes = (size_t)L->n + 1;
    n->t = t;
    n->th = th;
    n->nodes = L->n + 1;
    n->e = malloc(cells * sizeof *n->e);
    n->adj = malloc(2 * cells * sizeof *n->adj);
    n->first = malloc((nodes + 1) * sizeof *n->first);
    n->dist = malloc(nodes * sizeof *n->dist);
    n->via = malloc(nodes * sizeof *n->via);
    n->done = malloc(nodes * sizeof *n->done);
    if (!n->e || !n->adj || !n->first || !n->dist || !n->via || !n->done)
        return -1;
    n->penalty = 1;
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const uf_cell *cell = &t->rows[r].cells[c];
            int node[2], coef[2], k;
            if (count_col(t, c) && cell->type == UF_C_COUNT && isfinite(cell->v) &&
                (k = through(L, r, c, node, coef)) > 0)
                add_edge(n, L, r, c, k, node, coef);
        }
    index_edges(n);
    return 0;
}

/* The equations of t for the report's audit (suppress_audit.c): fn gets
 * each count cell of each line with its coefficient; every line sums to 0.
 * Returns the number of lines, or -1 when memory ran out. */
int ufs_lines(const uf_table *t, ufs_line_fn fn, void *arg)
{
    lines L;
    memset(&L, 0, sizeof L);
    if (lines_init(&L, t) < 0) {
        lines_release(&L);
        return -1;
    }
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const uf_cell *cell = &t->rows[r].cells[c];
            int node[2], coef[2];
            if (!count_col(t, c) || cell->type != UF_C_COUNT || !isfinite(cell->v))
                continue;
            for (int k = through(&L, r, c, node, coef), j = 0; j < k; j++)
                fn(arg, node[j], r, c, coef[j]);
        }
    int n = L.n;
    lines_release(&L);
    return n;
}

/* Rule 2 on t: the number of cells hidden, or -1 when memory ran out. */
static int secondary(uf_table *t, int th)
{
    lines L;
    net n;
    int hid = 0, got;
    memset(&L, 0, sizeof L);
    memset(&n, 0, sizeof n);
    if (lines_init(&L, t) < 0 || net_init(&n, &L, t, th) < 0) {
        hid = -1;
        goto done;
    }
    do {
        got = 0;
        for (int i = 0; i < n.ne; i++) {
            int more = 0;
            if (state(&n, &n.e[i]) == HIDDEN && pinned(&n, i))
                got += repair(&n, i, &more);
            hid += more;
        }
    } while (got > 0);
done:
    net_release(&n);
    lines_release(&L);
    return hid;
}

static bool numeric(uf_ctype type)
{
    return type == UF_C_COUNT || type == UF_C_NUMBER || type == UF_C_PERCENT || type == UF_C_PVALUE;
}

/* Would shown cell x of row r give away a hidden count: the count its
 * link names, or (a statistic shows its n) a hidden count of its row equal
 * to its n? */
static bool gives_away(const uf_table *t, int r, const uf_cell *x)
{
    if (x->link >= 0 && x->link < t->ncols) {
        const uf_cell *c = &t->rows[r].cells[x->link];
        if (c != x && ufs_hidden(c))
            return true;
    }
    if (x->type == UF_C_COUNT || x->n < 0)
        return false;
    for (int j = 0; j < t->ncols; j++) {
        const uf_cell *y = &t->rows[r].cells[j];
        if (y->type == UF_C_COUNT && ufs_hidden(y) && isfinite(y->v) && lround(y->v) == x->n)
            return true;
    }
    return false;
}

/* Rule 3 on t: the number of cells hidden. */
static int links(uf_table *t)
{
    int hid = 0, got;
    do {
        got = 0;
        for (int r = 0; r < t->nrows; r++)
            for (int c = 0; c < t->ncols; c++) {
                uf_cell *x = &t->rows[r].cells[c];
                if (x->supp == UF_SHOWN && numeric(x->type) && gives_away(t, r, x)) {
                    x->supp = UF_SUPP_SECONDARY;
                    got++;
                }
            }
        hid += got;
    } while (got > 0);
    return hid;
}

/* One footnote per kind of cell not shown in t. */
void ufs_footnotes(uf_report *r, uf_table *t, int th)
{
    bool small = false, sec = false, few = false, notest = false, missing = false, any = false;
    char note[256];
    for (int i = 0; i < t->nrows; i++)
        for (int c = 0; c < t->ncols; c++)
            switch (t->rows[i].cells[c].supp) {
            case UF_SHOWN: break;
            case UF_SUPP_SMALL: small = true; break;
            case UF_SUPP_SECONDARY: sec = true; break;
            case UF_SUPP_FEW: few = true; break;
            case UF_SUPP_NOTEST: notest = true; break;
            case UF_SUPP_MISSING: missing = true; break;
            case UF_SUPP_ANY: any = true; break;
            }
    if (small) {
        snprintf(note, sizeof note, "<%d: antalet är 1–%d personer och visas inte (röjandeskydd).",
                 th, th - 1);
        uf_table_note(r, t, note);
    }
    if (any)
        uf_table_note(r, t,
                      "x: antalet visas inte (röjandeskydd); det kan vara vilket antal som "
                      "helst.");
    if (few && sec)
        snprintf(note, sizeof note,
                 "..: värdet visas inte, eftersom det bygger på färre än "
                 "%d personer eller annars skulle röja ett dolt värde.",
                 th);
    else if (few)
        snprintf(note, sizeof note,
                 "..: värdet visas inte, eftersom det bygger på färre än "
                 "%d personer.",
                 th);
    else if (sec)
        snprintf(note, sizeof note,
                 "..: värdet visas inte, eftersom ett dolt värde annars "
                 "skulle kunna räknas fram (röjandeskydd).");
    if (few || sec)
        uf_table_note(r, t, note);
    if (notest) {
        snprintf(note, sizeof note,
                 "–: inget test: det görs bara när varje grupp har minst %d "
                 "personer, när det inte röjer ett antal under %d och när det kan ge p "
                 "under 0,05.",
                 th, th);
        uf_table_note(r, t, note);
    }
    if (missing)
        uf_table_note(r, t, ".: uppgift saknas (inget värde att räkna fram).");
}

/* Is x a statistic (mean, share, median, test) rather than a count? */
static bool statistic(const uf_cell *x)
{
    return x->type == UF_C_NUMBER || x->type == UF_C_PERCENT || x->type == UF_C_PVALUE;
}

/* Hide every shown statistic of row r (they come from the same persons:
 * a CI gives its mean, a mean and a test give n).  The number hidden. */
static int hide_row_stats(uf_table *t, int r)
{
    int hid = 0;
    for (int c = 0; c < t->ncols; c++) {
        uf_cell *x = &t->rows[r].cells[c];
        if (x->supp == UF_SHOWN && statistic(x) && isfinite(x->v)) {
            x->supp = UF_SUPP_SECONDARY;
            hid++;
        }
    }
    return hid;
}

/*
 * Rule 4 on t: means and shares of group rows add up, through their n, to
 * the total row (a mean times n is a sum; a share times n a count), so one
 * group row hidden alone in a column is recovered from the total and the
 * others.  Then, as for counts, the statistics of the shown group row with
 * the fewest persons are hidden too.  The number of cells hidden.
 */
static int row_stats(uf_table *t)
{
    int trow = -1, hid = 0;
    for (int r = 0; r < t->nrows && trow < 0; r++)
        if (t->rows[r].total)
            trow = r;
    if (trow < 0 || t->groups_overlap)
        return 0;
    for (int c = 0; c < t->ncols; c++) {
        const uf_cell *tot = &t->rows[trow].cells[c];
        if ((tot->type != UF_C_NUMBER && tot->type != UF_C_PERCENT) || tot->supp != UF_SHOWN)
            continue;
        int nhid = 0, pick = -1;
        for (int r = 0; r < t->nrows; r++) {
            const uf_cell *x = &t->rows[r].cells[c];
            if (t->rows[r].total || x->type != tot->type)
                continue;
            if (ufs_hidden(x))
                nhid++;
            else if (x->supp == UF_SHOWN && isfinite(x->v) && x->n > 0 &&
                     (pick < 0 || x->n < t->rows[pick].cells[c].n))
                pick = r;
        }
        if (nhid == 1 && pick >= 0)
            hid += hide_row_stats(t, pick);
    }
    return hid;
}

/* Rules 2-4 on t until nothing more is hidden: the number of cells hidden,
 * or -1 when memory ran out. */
int ufs_protect(uf_table *t, int th)
{
    int hid = 0, more;
    do {
        if ((more = secondary(t, th)) < 0)
            return -1;
        more += links(t);
        more += row_stats(t);
        hid += more;
    } while (more > 0);
    return hid;
}

/* Rules 1-4 on t: the number of cells hidden, or -1 when memory ran out. */
int ufs_table_rules(uf_table *t, int th)
{
    int hid = 0;
    for (int i = 0; i < t->nrows; i++)
        for (int c = 0; c < t->ncols; c++)
            hid += primary(&t->rows[i].cells[c], &t->cols[c], th);
    int more = ufs_protect(t, th);
    return more < 0 ? -1 : hid + more;
}

int uf_suppress_table(uf_report *r, uf_table *t, int threshold)
{
    assert(r && t);
    int th = ufs_clamp_threshold(threshold);
    int hid = ufs_table_rules(t, th);
    if (hid < 0) {
        r->failed = true;
        return -1;
    }
    if (uf_table_holm_fill(t) != 0)
        r->failed = true;
    ufs_footnotes(r, t, th);
    return r->failed ? -1 : hid;
}

const char *uf_supp_symbol(uf_supp s, int threshold, char buf[UF_SUPP_SYMBOL_SIZE])
{
    switch (s) {
    case UF_SHOWN: return "";
    case UF_SUPP_SMALL:
        snprintf(buf, UF_SUPP_SYMBOL_SIZE, "<%d", ufs_clamp_threshold(threshold));
        return buf;
    case UF_SUPP_SECONDARY:
    case UF_SUPP_FEW: return "..";
    case UF_SUPP_NOTEST: return "–";  /* U+2013: no test */
    case UF_SUPP_MISSING: return "."; /* no value to compute: SCB's "." */
    case UF_SUPP_ANY: return "x";
    }
    return "..";
}

const char *uf_supp_reason(uf_supp s)
{
    switch (s) {
    case UF_SHOWN: return "";
    case UF_SUPP_SMALL: return "litet antal";
    case UF_SUPP_SECONDARY: return "sekundärt röjandeskydd";
    case UF_SUPP_FEW: return "för få personer";
    case UF_SUPP_NOTEST: return "för få per grupp för test";
    case UF_SUPP_MISSING: return "uppgift saknas";
    case UF_SUPP_ANY: return "röjandeskydd, vilket antal som helst";
    }
    return "";
}
