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
