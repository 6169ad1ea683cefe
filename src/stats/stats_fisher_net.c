/*
 * stats_fisher_net.c - Fisher's exact test of an r x c table (see stats.h),
 * by the network algorithm of Mehta & Patel (1983, 1986), as R's FEXACT.
 *
 * Why a network: the tables with the observed margins are far too many to
 * enumerate (a 2 x 6 table with n = 1000 has ~10^12), but a table is built
 * column by column, and after k columns all that matters for the rest is
 * the multiset of remaining row totals.  Those are the nodes of stage k
 * (key: the remaining row totals sorted, since rows are exchangeable).  A
 * path from the root to a node carries its "past", the log-weight of the
 * columns placed so far, sum_j [log c_j! - sum_i log x_ij!]; equal pasts
 * at a node are merged with a count.  A table's probability is
 * exp(past + future - log M), M = N! / prod r_i!.
 *
 * At each node the future is bounded: maxf is exact (the mode of the
 * remaining table, found by cancelling negative cycles, a convex
 * transportation problem) and minf a cheap lower bound.  A past for which
 * even the most probable completion is as or less probable than the
 * observed table adds all its completions at once (their total weight is
 * the multinomial N'! / prod r'_i!); one for which even the least probable
 * one is more probable is dropped; the rest go on to the next stage.
 * When two columns are left a node lists its completions exactly, sorted,
 * and each past is answered by a binary search.
 *
 * "As or less probable" is FEXACT's rule: log-weight <= observed +
 * 3.45254e-7.  Workload: a few hundred nodes per stage and up to ~10^7
 * pasts; past that the test gives up (too_large) instead of hanging.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sf_gamma.h>
#include "uppfolj/stats.h"
#include "stats_internal.h"

#define FEXACT_TOL 3.45254e-7 /* R's FEXACT: TOL, added to the observed */
#define MERGE_TOL 1e-8        /* pasts this close at a node are one */
#define SLACK 1e-8            /* bounds are trusted only this far out */

typedef struct past {
    double v; /* log-weight of the columns placed */
    double w; /* number of paths with it */
} past;

typedef struct node {
    double maxf, minf;  /* bounds on the log-weight of a completion */
    double logtot;      /* log of the total weight of completions */
    double *val, *head; /* two columns left: the completions' log-
                                 * weights ascending; head[m] = sum of the
                                 * first m of exp(val - top) */
    double top;         /* the largest val */
    size_t nval;
    past *p;
    size_t np, cap, merged; /* np pasts, the first `merged` sorted */
} node;

typedef struct stage {
    node *nodes;
    uint32_t *keys; /* r sorted row totals per node */
    size_t n, cap;
    size_t *slot; /* hash: node index + 1, 0 = empty */
    size_t nslot; /* power of two */
} stage;

typedef struct child {
    size_t node; /* in the next stage */
    double inc;  /* log-weight of the column */
    double key;  /* inc + maxf of the child */
} child;

typedef struct net {
    size_t r, c;         /* r <= c; stages are the columns */
    const uint32_t *col; /* column totals, ascending */
    const double *lf;    /* lf[i] = log i!, i = 0..N + 1 */
    double obs;          /* observed log-weight + FEXACT_TOL */
    double logm;         /* log N! / prod r_i! */
    double p;            /* the p-value so far */
    double work;         /* steps taken, against UF_STAT_FISHER_MAX_WORK */
    size_t pasts;        /* pasts alive, against UF_STAT_FISHER_MAX_PASTS */
    bool too_large, nomem;
    uint32_t *x, *key, *rest; /* scratch, r each */
    long *cell;               /* scratch r * c, for the mode */
    long *def;                /* scratch r + c */
    double *dist;             /* scratch r + c, Bellman-Ford */
    long *pred;               /* scratch r + c */
    child *ch;                /* children of the node being expanded */
    size_t nch, capch;
    double *val; /* completions of a terminal node */
    size_t nval, capval;
} net;

static bool failed(const net *e)
{
    return e->too_large || e->nomem;
}

/* ---- bounds on a completion ---------------------------------------------- */

/* Find a negative cycle in the residual graph of the r x t table x (rows
 * 0..r-1, columns r..r+t-1; +1 on a cell costs log(x + 1), -1 costs
 * -log x) and push one unit round it.  false when there is none. */
static bool cancel_cycle(net *e, long *x, size_t t)
{
    size_t r = e->r, nv = r + t;
    long last = -1;
    for (size_t v = 0; v < nv; v++) {
        e->dist[v] = 0;
        e->pred[v] = -1;
    }
    for (size_t it = 0; it < nv; it++) {
        last = -1;
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < t; j++) {
                long n = x[i * t + j];
                double up = e->lf[n + 1] - e->lf[n];
                if (e->dist[i] + up < e->dist[r + j] - 1e-12) {
                    e->dist[r + j] = e->dist[i] + up;
                    e->pred[r + j] = (long)i;
                    last = (long)(r + j);
                }
                double down = e->lf[n - (n > 0)] - e->lf[n]; /* -log n */
                if (n > 0 && e->dist[r + j] + down < e->dist[i] - 1e-12) {
                    e->dist[i] = e->dist[r + j] + down;
                    e->pred[i] = (long)(r + j);
                    last = (long)i;
                }
            }
        if (last < 0)
            return false;
    }
    long v = last;
    for (size_t k = 0; k < nv && v >= 0; k++)
        v = e->pred[v];
    if (v < 0)
        return false;
    long u = v;
    do {
        long p = e->pred[u];
        if (p < 0)
            return false;
        if ((size_t)p < r)
            x[(size_t)p * t + (size_t)u - r]++; /* row p -> column u */
        else
            x[(size_t)u * t + (size_t)p - r]--; /* column p -> row u */
        u = p;
    } while (u != v);
    return true;
}

/* The largest log-weight of a table with row totals R and column totals
 * C[0..t-1]: its mode, from proportional rounding improved by cycle
 * cancelling.  Cannot fail; gives the trivial bound sum log C_j! if the
 * cancelling does not settle. */
static double max_future(net *e, const uint32_t *R, const uint32_t *C, size_t t)
{
    size_t r = e->r;
    long *x = e->cell, *dr = e->def, *dc = e->def + r;
    double n = 0, top = 0, low = 0;
    for (size_t i = 0; i < r; i++)
        n += R[i];
    for (size_t i = 0; i < r; i++)
        dr[i] = R[i];
    for (size_t j = 0; j < t; j++) {
        dc[j] = C[j];
        top += e->lf[C[j]];
        for (size_t i = 0; i < r; i++) {
            x[i * t + j] = (long)floor((double)R[i] * C[j] / n);
            dr[i] -= x[i * t + j];
            dc[j] -= x[i * t + j];
        }
    }
    for (size_t i = 0, j = 0; i < r && j < t;) { /* north-west corner */
        long m = dr[i] < dc[j] ? dr[i] : dc[j];
        x[i * t + j] += m;
        dr[i] -= m;
        dc[j] -= m;
        if (dr[i] == 0)
            i++;
        else
            j++;
    }
    int rounds = 0;
    while (cancel_cycle(e, x, t))
        if (++rounds > 100000)
            return top;
    e->work += (rounds + 1.0) * (double)((r + t) * r * t);
    for (size_t k = 0; k < r * t; k++)
        low += e->lf[x[k]];
    return top - low;
}

/* A lower bound on the smallest log-weight of a table with row totals R
 * (descending) and column totals C[0..t-1] (ascending): the largest
 * sum log x_ij! is at most that of filling each column (or each row)
 * greedily, largest first, ignoring the other margin. */
static double min_future(const net *e, const uint32_t *R, const uint32_t *C, size_t t)
{
    size_t r = e->r;
    double top = 0, bycol = 0, byrow = 0;
    for (size_t j = 0; j < t; j++) {
        uint32_t left = C[j];
        top += e->lf[C[j]];
        for (size_t i = 0; i < r && left; i++) {
            uint32_t x = R[i] < left ? R[i] : left;
            bycol += e->lf[x];
            left -= x;
        }
    }
    for (size_t i = 0; i < r; i++) {
        uint32_t left = R[i];
        for (size_t j = t; j-- > 0 && left;) {
            uint32_t x = C[j] < left ? C[j] : left;
            byrow += e->lf[x];
            left -= x;
        }
    }
    return top - (bycol < byrow ? bycol : byrow);
}

/* ---- stages and pasts ---------------------------------------------------- */

static void node_complete(net *e, node *nd, const uint32_t *R);
static double node_mass(const net *e, const node *nd, double v);

static void stage_release(stage *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->nodes[i].p);
        free(s->nodes[i].val);
    }
    free(s->nodes);
    free(s->keys);
    free(s->slot);
    memset(s, 0, sizeof *s);
}

static size_t key_hash(const uint32_t *k, size_t r)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < r; i++)
        h = (h ^ k[i]) * 1099511628211u;
    return (size_t)(h ^ (h >> 29));
}

/* Double the hash of s (at least 64 slots).  false when out of memory. */
static bool stage_rehash(stage *s, size_t r)
{
    size_t ns = s->nslot ? 2 * s->nslot : 64;
    size_t *slot = calloc(ns, sizeof *slot);
    if (!slot)
        return false;
    for (size_t i = 0; i < s->n; i++) {
        size_t h = key_hash(s->keys + i * r, r) & (ns - 1);
        while (slot[h])
            h = (h + 1) & (ns - 1);
        slot[h] = i + 1;
    }
    free(s->slot);
    s->slot = slot;
    s->nslot = ns;
    return true;
}

/* The node of stage s (stage k of the net; its columns are k..c-1) with
 * key, made with its bounds when new.  SIZE_MAX when out of memory or over
 * UF_STAT_FISHER_MAX_NODES (e->nomem / e->too_large say which). */
static size_t stage_node(net *e, stage *s, const uint32_t *key, size_t k)
{
    size_t r = e->r;
    if (2 * (s->n + 1) > s->nslot && !stage_rehash(s, r))
        goto nomem;
    size_t h = key_hash(key, r) & (s->nslot - 1);
    for (; s->slot[h]; h = (h + 1) & (s->nslot - 1))
        /* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): a used slot has its key in s->keys */
        if (!memcmp(s->keys + (s->slot[h] - 1) * r, key, r * sizeof *key))
            return s->slot[h] - 1;
    if (s->n == UF_STAT_FISHER_MAX_NODES) {
        e->too_large = true;
        return SIZE_MAX;
    }
    if (s->n == s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 64;
        node *nn = realloc(s->nodes, nc * sizeof *nn);
        if (nn)
            s->nodes = nn;
        /* NOLINTNEXTLINE(clang-analyzer-optin.portability.UnixAPI): r >= 2 rows: never 0 bytes */
        uint32_t *nk = realloc(s->keys, nc * r * sizeof *nk);
        if (nk)
            s->keys = nk;
        if (!nn || !nk)
            goto nomem;
        s->cap = nc;
    }
    node *nd = &s->nodes[s->n];
    memset(nd, 0, sizeof *nd);
    memcpy(s->keys + s->n * r, key, r * sizeof *key);
    uint32_t left = 0;
    for (size_t i = 0; i < r; i++) {
        left += key[i];
        nd->logtot -= e->lf[key[i]];
    }
    nd->logtot += e->lf[left];
    nd->maxf = max_future(e, key, e->col + k, e->c - k);
    nd->minf = min_future(e, key, e->col + k, e->c - k);
    s->slot[h] = ++s->n;
    return s->n - 1;
nomem:
    e->nomem = true;
    return SIZE_MAX;
}

static int cmp_past(const void *a, const void *b)
{
    double x = ((const past *)a)->v, y = ((const past *)b)->v;
    return (x > y) - (x < y);
}

/* Sort the pasts of nd and merge those within MERGE_TOL (adding counts). */
static void node_merge(net *e, node *nd)
{
    if (nd->merged == nd->np)
        return;
    qsort(nd->p, nd->np, sizeof *nd->p, cmp_past);
    size_t m = 0;
    for (size_t i = 0; i < nd->np; i++) {
        if (m && nd->p[i].v - nd->p[m - 1].v <= MERGE_TOL)
            nd->p[m - 1].w += nd->p[i].w;
        else
            nd->p[m++] = nd->p[i];
    }
    e->pasts -= nd->np - m;
    e->work += (double)nd->np;
    nd->np = nd->merged = m;
}

/* Add the past (v, w) to nd, merging when the list has doubled.  Sets
 * e->nomem or e->too_large on failure. */
static void node_push(net *e, node *nd, double v, double w)
{
    if (nd->np == nd->cap) {
        if (nd->np >= 64 && nd->np >= 2 * nd->merged)
            node_merge(e, nd);
        if (nd->np == nd->cap) {
            size_t nc = nd->cap ? 2 * nd->cap : 4;
            past *np = realloc(nd->p, nc * sizeof *np);
            if (!np) {
                e->nomem = true;
                return;
            }
            nd->p = np;
            nd->cap = nc;
        }
    }
    nd->p[nd->np++] = (past){ v, w };
    if (++e->pasts > UF_STAT_FISHER_MAX_PASTS)
        e->too_large = true;
}

/* ---- expanding a node ---------------------------------------------------- */

typedef void each_fn(net *e, void *arg, const uint32_t *R, const uint32_t *x);

/* Call fn for every split x of `total` over the rows i.. with x_i <= R_i
 * (e->rest[i] = R_i + ... + R_{r-1}). */
static void each_split(net *e, const uint32_t *R, uint32_t total, size_t i, each_fn *fn, void *arg)
{
    if (failed(e))
        return;
    if (i + 1 == e->r) {
        e->x[i] = total;
        fn(e, arg, R, e->x);
        return;
    }
    uint32_t lo = total > e->rest[i + 1] ? total - e->rest[i + 1] : 0;
    uint32_t hi = R[i] < total ? R[i] : total;
    for (uint32_t v = lo; v <= hi; v++) {
        e->x[i] = v;
        each_split(e, R, total - v, i + 1, fn, arg);
    }
}

/* Call fn for every column of total `total` that fits under R. */
static void each_column(net *e, const uint32_t *R, uint32_t total, each_fn *fn, void *arg)
{
    uint32_t sum = 0;
    for (size_t i = e->r; i-- > 0;)
        e->rest[i] = sum += R[i];
    each_split(e, R, total, 0, fn, arg);
}

typedef struct expand_arg {
    stage *next;
    size_t k; /* the stage of the node expanded */
} expand_arg;

/* each_fn: the child of R by column x, into e->ch. */
static void add_child(net *e, void *arg, const uint32_t *R, const uint32_t *x)
{
    expand_arg *a = arg;
    size_t r = e->r;
    double inc = e->lf[e->col[a->k]];
    for (size_t i = 0; i < r; i++) { /* R - x, descending */
        uint32_t v = R[i] - x[i];
        size_t at = i;
        for (; at > 0 && e->key[at - 1] < v; at--)
            e->key[at] = e->key[at - 1];
        e->key[at] = v;
        inc -= e->lf[x[i]];
    }
    size_t id = stage_node(e, a->next, e->key, a->k + 1);
    if (id == SIZE_MAX)
        return;
    if (e->nch == e->capch) {
        size_t nc = e->capch ? 2 * e->capch : 64;
        child *nch = realloc(e->ch, nc * sizeof *nch);
        if (!nch) {
            e->nomem = true;
            return;
        }
        e->ch = nch;
        e->capch = nc;
    }
    e->ch[e->nch++] = (child){ id, inc, inc + a->next->nodes[id].maxf };
    e->work += (double)r;
    if (e->work > UF_STAT_FISHER_MAX_WORK)
        e->too_large = true;
}

static int cmp_child_desc(const void *a, const void *b)
{
    double x = ((const child *)a)->key, y = ((const child *)b)->key;
    return (x < y) - (x > y);
}

/* Send the pasts of nd (stage k, key R) on to its children in `next`:
 * add all completions of a child that cannot beat the observed, drop a
 * child all of whose completions do, and push the rest. */
static void node_expand(net *e, node *nd, const uint32_t *R, size_t k, stage *next)
{
    expand_arg a = { next, k };
    e->nch = 0;
    each_column(e, R, e->col[k], add_child, &a);
    for (size_t j = 0; j < e->nch && e->c - k == 3 && e->r == 2 && !failed(e); j++)
        if (!next->nodes[e->ch[j].node].val) /* not inside each_column: scratch */
            node_complete(e, &next->nodes[e->ch[j].node], next->keys + e->ch[j].node * e->r);
    if (failed(e))
        return;
    if (e->nch) /* e->ch may be NULL then */
        qsort(e->ch, e->nch, sizeof *e->ch, cmp_child_desc);
    double *tail = malloc((e->nch + 1) * sizeof *tail), big = -INFINITY;
    if (!tail) {
        e->nomem = true;
        return;
    }
    for (size_t j = 0; j < e->nch; j++)
        big = fmax(big, e->ch[j].inc + next->nodes[e->ch[j].node].logtot);
    tail[e->nch] = 0;
    for (size_t j = e->nch; j-- > 0;)
        tail[j] = tail[j + 1] + exp(e->ch[j].inc + next->nodes[e->ch[j].node].logtot - big);
    for (size_t i = 0; i < nd->np && !failed(e); i++) {
        double v = nd->p[i].v, w = nd->p[i].w, t = e->obs - SLACK - v;
        size_t j = 0;
        for (; j < e->nch && e->ch[j].key > t; j++) {
            node *cn = &next->nodes[e->ch[j].node];
            if (v + e->ch[j].inc + cn->minf > e->obs + SLACK)
                continue; /* drop */
            if (cn->val)
                e->p += w * node_mass(e, cn, v + e->ch[j].inc);
            else
                node_push(e, cn, v + e->ch[j].inc, w);
        }
        /* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult): tail[0..nch] was filled above */
        e->p += w * exp(v + big - e->logm) * tail[j];
        e->work += (double)j + 1;
        if (e->work > UF_STAT_FISHER_MAX_WORK)
            e->too_large = true;
    }
    free(tail);
}

/* ---- the last two columns ------------------------------------------------ */

/* each_fn: the log-weight of the completion of R with x in column c-2. */
static void add_completion(net *e, void *arg, const uint32_t *R, const uint32_t *x)
{
    (void)arg;
    double v = e->lf[e->col[e->c - 2]] + e->lf[e->col[e->c - 1]];
    for (size_t i = 0; i < e->r; i++)
        v -= e->lf[x[i]] + e->lf[R[i] - x[i]];
    if (e->nval == e->capval) {
        size_t nc = e->capval ? 2 * e->capval : 256;
        double *nv = realloc(e->val, nc * sizeof *nv);
        if (!nv) {
            e->nomem = true;
            return;
        }
        e->val = nv;
        e->capval = nc;
    }
    e->val[e->nval++] = v;
    e->work += (double)e->r;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Make the sorted completions of nd (two columns left, key R); sets
 * e->nomem or e->too_large (they count as pasts) on failure. */
static void node_complete(net *e, node *nd, const uint32_t *R)
{
    e->nval = 0;
    each_column(e, R, e->col[e->c - 2], add_completion, NULL);
    if (failed(e))
        return;
    e->pasts += e->nval;
    if (e->pasts > UF_STAT_FISHER_MAX_PASTS) {
        e->too_large = true;
        return;
    }
    nd->val = malloc(2 * (e->nval + 1) * sizeof *nd->val);
    if (!nd->val) {
        e->nomem = true;
        return;
    }
    qsort(e->val, e->nval, sizeof *e->val, cmp_double);
    memcpy(nd->val, e->val, e->nval * sizeof *e->val);
    nd->nval = e->nval;
    nd->top = nd->val[nd->nval - 1];
    nd->head = nd->val + nd->nval + 1;
    nd->head[0] = 0;
    for (size_t m = 0; m < nd->nval; m++)
        nd->head[m + 1] = nd->head[m] + exp(nd->val[m] - nd->top);
}

/* The probability mass of the tables through nd (which has its
 * completions) with past v that are as or less probable than the observed. */
static double node_mass(const net *e, const node *nd, double v)
{
    double t = e->obs - v;
    size_t lo = 0, hi = nd->nval; /* count of val <= t */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nd->val[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return exp(v + nd->top - e->logm) * nd->head[lo];
}

/* ---- the whole network --------------------------------------------------- */

/* Run the network from the root (row totals R, descending) through the
 * stages; e->p gets the p-value unless e->nomem / e->too_large. */
static void net_run(net *e, const uint32_t *R)
{
    stage cur = { 0 }, next = { 0 };
    size_t root = stage_node(e, &cur, R, 0);
    if (root != SIZE_MAX && e->c == 2)
        node_complete(e, &cur.nodes[root], R);
    if (root != SIZE_MAX)
        node_push(e, &cur.nodes[root], 0, 1);
    for (size_t k = 0; !failed(e); k++) {
        bool last = e->c - k == 2;
        for (size_t i = 0; i < cur.n && !failed(e); i++) {
            node *nd = &cur.nodes[i];
            node_merge(e, nd);
            if (last && !nd->val)
                node_complete(e, nd, cur.keys + i * e->r);
            if (last && !failed(e))
                for (size_t j = 0; j < nd->np; j++)
                    e->p += nd->p[j].w * node_mass(e, nd, nd->p[j].v);
            else
                node_expand(e, nd, cur.keys + i * e->r, k, &next);
            e->pasts -= nd->np + nd->nval;
            free(nd->p);
            free(nd->val);
            nd->p = NULL;
            nd->val = NULL;
            nd->np = nd->nval = 0;
            if (e->work > UF_STAT_FISHER_MAX_WORK)
                e->too_large = true;
        }
        stage_release(&cur);
        if (last)
            break;
        cur = next;
        memset(&next, 0, sizeof next);
    }
    stage_release(&cur);
    stage_release(&next);
}

/* ---- setting up ---------------------------------------------------------- */

static int cmp_u32_asc(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int cmp_u32_desc(const void *a, const void *b)
{
    return cmp_u32_asc(b, a);
}

uf_error uf_stx_fisher_net(const uint32_t *x, size_t nr, size_t nc, uint32_t n, uf_stat_fisher *out)
{
    bool flip = nr > nc; /* rows: the smaller side */
    size_t r = flip ? nc : nr, c = flip ? nr : nc;
    net e = { .r = r, .c = c };
    uint32_t *rows = calloc(r + c, sizeof *rows), *cols = rows ? rows + r : NULL;
    double *lf = malloc(((size_t)n + 2) * sizeof *lf);
    e.x = malloc(3 * r * sizeof *e.x);
    e.cell = malloc((r * c + 2 * (r + c)) * sizeof *e.cell);
    e.dist = malloc((r + c) * sizeof *e.dist);
    uf_error err = UF_ERR_NOMEM;
    if (!rows || !lf || !e.x || !e.cell || !e.dist)
        goto done;
    e.key = e.x + r;
    e.rest = e.x + 2 * r;
    e.def = e.cell + r * c;
    e.pred = e.def + r + c;
    for (uint32_t i = 0; i <= n + 1; i++)
        lf[i] = gsl_sf_lnfact(i);
    e.lf = lf;
    double obs = FEXACT_TOL;
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < nc; j++) {
            uint32_t v = x[i * nc + j];
            rows[flip ? j : i] += v;
            cols[flip ? i : j] += v;
            obs -= lf[v];
        }
    /* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.Assign): rows[] was summed for all r above */
    e.logm = lf[n];
    for (size_t i = 0; i < r; i++)
        e.logm -= lf[rows[i]];
    for (size_t j = 0; j < c; j++)
        obs += lf[cols[j]];
    e.obs = obs;
    qsort(rows, r, sizeof *rows, cmp_u32_desc);
    qsort(cols, c, sizeof *cols, cmp_u32_asc); /* the largest column last */
    e.col = cols;
    net_run(&e, rows);
    if (e.too_large)
        out->too_large = true;
    err = e.nomem ? UF_ERR_NOMEM : e.too_large ? UF_ERR_INPUT : UF_OK;
    if (err == UF_OK)
        out->p = fmax(0, fmin(1, e.p)); /* R: max(0, min(1, PVAL)) */
done:
    free(rows);
    free(lf);
    free(e.x);
    free(e.cell);
    free(e.dist);
    free(e.ch);
    free(e.val);
    return err;
}
