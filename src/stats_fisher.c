/*
 * stats_fisher.c - Fisher's exact test for 2x2 and 2 x k tables (see
 * stats.h).
 *
 * 2x2 follows fisher.test's own R code: the hypergeometric probabilities
 * of the first cell over its support, scaled by their maximum and
 * normalised, and the two-sided p-value sums those <= the observed one
 * times 1 + 1e-7.  For more than two columns R calls FEXACT; for two rows
 * every table with the observed margins can simply be enumerated (the
 * first row decides the table), and FEXACT's rule is used: tables whose
 * log-probability is at most the observed one + 3.45254e-7.
 */
#include <limits.h>
#include <math.h>
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
    *out = (uf_stat_fisher){ NAN, 0 };
    if (a > UINT_MAX / 4 || b > UINT_MAX / 4 || c > UINT_MAX / 4 || d > UINT_MAX / 4)
        return UF_ERR_INPUT;
    out->n = a + b + c + d;
    uf_stx_gsl_quiet();
    uf_error err = fisher_2x2_p(a, b, c, d, &out->p);
    if (err == UF_OK && isnan(out->p))
        err = UF_ERR_INPUT;
    return err;
}

/* ---- 2 x k ------------------------------------------------------------- */

#define FEXACT_TOL 3.45254e-7
#define MAX_TABLES 10000000L

typedef struct enum_2xk {
    size_t k;
    const size_t *col;      /* column totals */
    const size_t *rest;     /* rest[j] = col[j] + ... + col[k-1] */
    double **lc;            /* lc[j][x] = log choose(col[j], x) */
    double limit;           /* include tables with sum of lc <= limit */
    double base;            /* log choose(N, r1), subtracted */
    double p;               /* sum of the included probabilities */
    long tables;            /* tables visited, against MAX_TABLES */
} enum_2xk;

/* Visit every first row x[j..k-1] with sum r (r <= rest[j]). */
static void visit(enum_2xk *e, size_t j, size_t r, double acc)
{
    if (e->tables > MAX_TABLES)
        return;
    if (j == e->k - 1) {                /* the last cell takes what is left */
        double s = acc + e->lc[j][r];
        e->tables++;
        if (s <= e->limit)
            e->p += exp(s - e->base);
        return;
    }
    size_t after = e->rest[j + 1];
    size_t from = r > after ? r - after : 0, to = r < e->col[j] ? r : e->col[j];
    for (size_t x = from; x <= to; x++)
        visit(e, j + 1, r - x, acc + e->lc[j][x]);
}

/* The p-value of the 2 x k table (k > 2) in *p; UF_ERR_INPUT when there
 * are too many tables. */
static uf_error fisher_2xk_p(const size_t *row1, const size_t *row2, size_t k, double *p)
{
    size_t total = 0, r1 = 0;
    for (size_t j = 0; j < k; j++) {
        total += row1[j] + row2[j];
        r1 += row1[j];
    }
    size_t *col = malloc(2 * k * sizeof *col);
    double **lc = malloc(k * sizeof *lc);
    double *cells = malloc((total + k) * sizeof *cells);
    uf_error err = UF_ERR_NOMEM;
    if (!col || !lc || !cells)
        goto done;
    size_t *rest = col + k;
    double *next = cells, obs = 0;
    for (size_t j = k; j-- > 0;) {
        col[j] = row1[j] + row2[j];
        rest[j] = col[j] + (j + 1 < k ? rest[j + 1] : 0);
    }
    for (size_t j = 0; j < k; j++) {
        lc[j] = next;
        for (size_t x = 0; x <= col[j]; x++)
            lc[j][x] = lnchoose(col[j], x);
        next += col[j] + 1;
        obs += lc[j][row1[j]];
    }
    enum_2xk e = { k, col, rest, lc, obs + FEXACT_TOL, lnchoose(total, r1), 0, 0 };
    visit(&e, 0, r1, 0);
    err = e.tables > MAX_TABLES ? UF_ERR_INPUT : UF_OK;
    *p = err == UF_OK ? fmax(0, fmin(1, e.p)) : NAN;    /* R: max(0, min(1, PVAL)) */
done:
    free(col);
    free(lc);
    free(cells);
    return err;
}

uf_error uf_stat_fisher_2xk(const size_t *row1, const size_t *row2, size_t k,
                            uf_stat_fisher *out)
{
    *out = (uf_stat_fisher){ NAN, 0 };
    if (k < 2)
        return UF_ERR_INPUT;
    if (k == 2)
        return uf_stat_fisher_2x2(row1[0], row1[1], row2[0], row2[1], out);
    size_t total = 0;
    for (size_t j = 0; j < k; j++) {
        if (row1[j] > UINT_MAX / 4 || row2[j] > UINT_MAX / 4 || total > UINT_MAX / 4)
            return UF_ERR_INPUT;
        total += row1[j] + row2[j];
    }
    out->n = total;
    if (total == 0)
        return UF_ERR_INPUT;            /* R: FEXACT error 3, all elements zero */
    uf_stx_gsl_quiet();
    uf_error err = fisher_2xk_p(row1, row2, k, &out->p);
    if (err == UF_OK && isnan(out->p))
        err = UF_ERR_INPUT;
    return err;
}
