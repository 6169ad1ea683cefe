/*
 * stats_fisher.c - Fisher's exact test of a 2x2 table (see stats.h).
 *
 * 2x2 follows fisher.test's own R code: the hypergeometric probabilities
 * of the first cell over its support, scaled by their maximum and
 * normalised, and the two-sided p-value sums those <= the observed one
 * times 1 + 1e-7.  Larger tables, for which R calls FEXACT, are checked
 * and cleared of zero rows and columns here and go to the network
 * algorithm in stats_fisher_net.c.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <gsl/gsl_sf_gamma.h>
#include "uppfolj/stats.h"
#include "stats_internal.h"

/* log choose(n, k) for k <= n, as GSL computes it. */
static double lnchoose(size_t n, size_t k)
{
    return gsl_sf_lnchoose((unsigned)n, (unsigned)k);
}

/*
 * R: m <- sum(x[, 1L]); n <- sum(x[, 2L]); k <- sum(x[1L, ]); x <- x[1L, 1L]
 *    lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi
 *    logdc <- dhyper(support, m, n, k, log = TRUE)
 *    d <- exp(logdc - max(logdc)); d <- d/sum(d)
 *    sum(d[d <= d[x - lo + 1] * relErr])
 */
static uf_error fisher_2x2_p(size_t a, size_t b, size_t c, size_t d, double *p)
{
    size_t m = a + c, n = b + d, k = a + b, x = a;
    size_t lo = k > n ? k - n : 0, hi = k < m ? k : m;
    double *ld = malloc((hi - lo + 1) * sizeof *ld);
    if (!ld)
        return UF_ERR_NOMEM;
    double max = -INFINITY, sum = 0;
    for (size_t i = lo; i <= hi; i++) {
        ld[i - lo] = lnchoose(m, i) + lnchoose(n, k - i) - lnchoose(m + n, k);
        max = fmax(max, ld[i - lo]);
    }
    for (size_t i = lo; i <= hi; i++) {
        ld[i - lo] = exp(ld[i - lo] - max);
        sum += ld[i - lo];
    }
    double obs = ld[x - lo] / sum * (1 + 1e-7), pv = 0;
    for (size_t i = lo; i <= hi; i++)
        if (ld[i - lo] / sum <= obs)
            pv += ld[i - lo] / sum;
    free(ld);
    *p = pv;
    return UF_OK;
}

uf_error uf_stat_fisher_2x2(size_t a, size_t b, size_t c, size_t d, uf_stat_fisher *out)
{
    *out = (uf_stat_fisher){ .p = NAN };
    if (a > UINT_MAX / 4 || b > UINT_MAX / 4 || c > UINT_MAX / 4 || d > UINT_MAX / 4)
        return UF_ERR_INPUT;
    out->n = a + b + c + d;
    uf_stx_gsl_quiet();
    uf_error err = fisher_2x2_p(a, b, c, d, &out->p);
    if (err == UF_OK && isnan(out->p))
        err = UF_ERR_INPUT;
    return err;
}

/* ---- r x c ------------------------------------------------------------- */

/* Copy of table without its zero rows and columns into *x (allocated,
 * the caller frees) with its size in *nr, *nc.  UF_ERR_NOMEM. */
static uf_error drop_zeros(const size_t *table, size_t r, size_t c, uint32_t **x, size_t *nr,
                           size_t *nc)
{
    bool *keep = calloc(r + c, sizeof *keep);
    *x = malloc(r * c * sizeof **x);
    if (!keep || !*x) {
        free(keep);
        free(*x);
        *x = NULL;
        return UF_ERR_NOMEM;
    }
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < c; j++)
            if (table[i * c + j]) {
                keep[i] = true;
                keep[r + j] = true;
            }
    size_t m = 0;
    *nr = *nc = 0;
    for (size_t j = 0; j < c; j++)
        *nc += keep[r + j];
    for (size_t i = 0; i < r; i++) {
        if (!keep[i])
            continue;
        ++*nr;
        for (size_t j = 0; j < c; j++)
            if (keep[r + j])
                (*x)[m++] = (uint32_t)table[i * c + j];
    }
    free(keep);
    return UF_OK;
}

uf_error uf_stat_fisher_rxc(const size_t *table, size_t r, size_t c, uf_stat_fisher *out)
{
    *out = (uf_stat_fisher){ .p = NAN };
    if (!table || r < 2 || c < 2)
        return UF_ERR_INPUT;
    size_t total = 0;
    for (size_t i = 0; i < r * c; i++) {
        if (table[i] > (size_t)INT_MAX - total)
            return UF_ERR_INPUT; /* R: entries must be integers */
        total += table[i];
    }
    if (r == 2 && c == 2)
        return uf_stat_fisher_2x2(table[0], table[1], table[2], table[3], out);
    out->n = total;
    if (total == 0)
        return UF_ERR_INPUT; /* R: FEXACT error 3, all zero */
    uint32_t *x;
    size_t nr, nc;
    if (drop_zeros(table, r, c, &x, &nr, &nc) != UF_OK)
        return UF_ERR_NOMEM;
    uf_error err = UF_OK;
    if (nr < 2 || nc < 2)
        out->p = 1; /* one table only (R: 1) */
    else if (total > UF_STAT_FISHER_MAX_N) {
        out->too_large = true;
        err = UF_ERR_INPUT;
    } else {
        uf_stx_gsl_quiet();
        err = uf_stx_fisher_net(x, nr, nc, (uint32_t)total, out);
    }
    free(x);
    return err;
}

/* The search of uf_stat_fisher_floor: cell by cell, row-major; the last
 * column of a row and the last row follow from the margins. */
typedef struct floor_search {
    size_t r, c, *cur, *best, left;
    size_t *rowrem, *colrem;
    double best_score;
    bool over;
} floor_search;

static void floor_visit(floor_search *f, size_t cell, double score)
{
    if (f->over)
        return;
    size_t i = cell / f->c, j = cell % f->c;
    if (i == f->r - 1) { /* the last row: what the columns have left */
        double s = score;
        for (size_t k = 0; k < f->c; k++) {
            f->cur[i * f->c + k] = f->colrem[k];
            s += gsl_sf_lnfact((unsigned)f->colrem[k]);
        }
        if (f->left-- == 0) {
            f->over = true;
            return;
        }
        if (s > f->best_score) {
            f->best_score = s;
            for (size_t k = 0; k < f->r * f->c; k++)
                f->best[k] = f->cur[k];
        }
        return;
    }
    if (j == f->c - 1) { /* the row's last cell: what the row has left */
        size_t v = f->rowrem[i];
        if (v > f->colrem[j])
            return;
        f->cur[cell] = v;
        f->colrem[j] -= v;
        f->rowrem[i] = 0;
        floor_visit(f, cell + 1, score + gsl_sf_lnfact((unsigned)v));
        f->rowrem[i] = v;
        f->colrem[j] += v;
        return;
    }
    size_t later = 0; /* what the row's later columns can still take */
    for (size_t k = j + 1; k < f->c; k++)
        later += f->colrem[k];
    size_t lo = f->rowrem[i] > later ? f->rowrem[i] - later : 0;
    size_t hi = f->rowrem[i] < f->colrem[j] ? f->rowrem[i] : f->colrem[j];
    for (size_t v = lo; v <= hi && !f->over; v++) {
        f->cur[cell] = v;
        f->rowrem[i] -= v;
        f->colrem[j] -= v;
        floor_visit(f, cell + 1, score + gsl_sf_lnfact((unsigned)v));
        f->rowrem[i] += v;
        f->colrem[j] += v;
    }
}

uf_error uf_stat_fisher_floor(const size_t *table, size_t r, size_t c, size_t budget, double *floor)
{
    *floor = NAN;
    if (r < 2 || c < 2)
        return UF_ERR_INPUT;
    size_t n = r * c;
    floor_search f = { .r = r, .c = c, .left = budget, .best_score = -INFINITY };
    f.cur = calloc(n, sizeof *f.cur);
    f.best = calloc(n, sizeof *f.best);
    f.rowrem = calloc(r, sizeof *f.rowrem);
    f.colrem = calloc(c, sizeof *f.colrem);
    uf_error err = f.cur && f.best && f.rowrem && f.colrem ? UF_OK : UF_ERR_NOMEM;
    for (size_t i = 0; err == UF_OK && i < r; i++)
        for (size_t j = 0; j < c; j++) {
            if (table[i * c + j] > UINT_MAX / 4)
                err = UF_ERR_INPUT;
            f.rowrem[i] += table[i * c + j];
            f.colrem[j] += table[i * c + j];
        }
    if (err == UF_OK)
        floor_visit(&f, 0, 0);
    if (err == UF_OK && f.over)
        err = UF_ERR_INPUT;
    if (err == UF_OK) {
        uf_stat_fisher x;
        err = uf_stat_fisher_rxc(f.best, r, c, &x);
        *floor = x.p;
    }
    free(f.cur);
    free(f.best);
    free(f.rowrem);
    free(f.colrem);
    return err;
}
