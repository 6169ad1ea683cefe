/*
 * stats_rank.c - the Wilcoxon signed-rank and rank-sum tests (see
 * stats.h), following R's wilcox.test.default: exact below 50
 * observations without ties or zeros, with R's own psignrank and pwilcox
 * (libRmath, stats_dist.c); else the normal approximation with continuity
 * correction.
 */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_sort.h>
#include "uppfolj/stats.h"
#include "stats_internal.h"

uf_error uf_stx_rank(const double *x, size_t n, double *rank, double *ties)
{
    *ties = 0;
    if (n == 0)
        return UF_OK;
    size_t *perm = malloc(n * sizeof *perm);
    if (!perm)
        return UF_ERR_NOMEM;
    gsl_sort_index(perm, x, 1, n);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && x[perm[j]] == x[perm[i]])
            j++;
        double avg = ((double)i + (double)j + 1) / 2; /* ranks i+1 .. j */
        for (size_t l = i; l < j; l++)
            rank[perm[l]] = avg;
        double t = (double)(j - i);
        *ties += t * t * t - t;
        i = j;
    }
    free(perm);
    return UF_OK;
}

/* ---- exact distributions ----------------------------------------------- */

double uf_stat_psignrank(double q, size_t n, int lower_tail)
{
    return n == 0 ? NAN : uf_stx_psignrank(q, (double)n, lower_tail != 0);
}

double uf_stat_pwilcox(double q, size_t m, size_t n, int lower_tail)
{
    return m == 0 || n == 0 ? NAN : uf_stx_pwilcox(q, (double)m, (double)n, lower_tail != 0);
}

/* ---- the tests --------------------------------------------------------- */

/* Exact two-sided p as R: the tail on the statistic's side, doubled, at
 * most 1.  mid is the centre of the null distribution. */
static uf_error exact_two_sided(uf_stat_wilcoxon *o, double mid, size_t m, size_t n, bool signrank)
{
    double s = o->statistic;
    int upper = s > mid;
    double q = upper ? s - 1 : s;
    double p = signrank ? uf_stat_psignrank(q, m, !upper) : uf_stat_pwilcox(q, m, n, !upper);
    o->p = fmin(2 * p, 1);
    return isnan(o->p) ? UF_ERR_INPUT : UF_OK;
}

/* Normal approximation with continuity correction, two-sided:
 *   z <- STATISTIC - mid; z <- (z - sign(z) * 0.5)/SIGMA
 *   2 * min(pnorm(z), pnorm(z, lower.tail = FALSE)) */
static uf_error normal_two_sided(uf_stat_wilcoxon *o, double mid, double sigma)
{
    if (!(sigma > 0))
        return UF_ERR_INPUT; /* R: 0/0, p-value NA */
    double z = o->statistic - mid;
    double corr = z > 0 ? 0.5 : z < 0 ? -0.5 : 0;
    z = (z - corr) / sigma;
    o->p = 2 * fmin(uf_stx_pnorm(z, true), uf_stx_pnorm(z, false));
    return UF_OK;
}

uf_error uf_stat_signrank_paired(const double *after, const double *before, size_t n,
                                 uf_stat_wilcoxon *out)
{
    *out = (uf_stat_wilcoxon){ NAN, NAN, 0, 0, 0, n, n };
    if (n == 0 || !uf_stx_all_finite(after, n) || !uf_stx_all_finite(before, n))
        return UF_ERR_INPUT;
    uf_stx_gsl_quiet();
    double *buf = malloc(3 * n * sizeof *buf);
    if (!buf)
        return UF_ERR_NOMEM;
    double *d = buf, *ad = buf + n, *r = buf + 2 * n;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double v = after[i] - before[i];
        if (v != 0) {
            d[m] = v;
            ad[m++] = fabs(v);
        }
    }
    out->n = m;
    out->n_zero = n - m;
    double ties;
    uf_error err = uf_stx_rank(ad, m, r, &ties);
    if (err == UF_OK) {
        double v = 0, nn = (double)m, mid = nn * (nn + 1) / 4;
        for (size_t i = 0; i < m; i++)
            if (d[i] > 0)
                v += r[i];
        out->statistic = v;
        out->exact = m < 50 && ties == 0 && out->n_zero == 0;
        if (out->exact)
            err = exact_two_sided(out, mid, m, 0, true);
        else
            err = normal_two_sided(out, mid, sqrt(nn * (nn + 1) * (2 * nn + 1) / 24 - ties / 48));
    }
    free(buf);
    return err;
}

uf_error uf_stat_ranksum(const double *a, size_t na, const double *b, size_t nb,
                         uf_stat_wilcoxon *out)
{
    size_t n = na + nb;
    *out = (uf_stat_wilcoxon){ NAN, NAN, 0, n, 0, na, nb };
    if (na == 0 || nb == 0 || !uf_stx_all_finite(a, na) || !uf_stx_all_finite(b, nb))
        return UF_ERR_INPUT;
    uf_stx_gsl_quiet();
    double *buf = malloc(2 * n * sizeof *buf);
    if (!buf)
        return UF_ERR_NOMEM;
    double *x = buf, *r = buf + n;
    for (size_t i = 0; i < na; i++)
        x[i] = a[i];
    for (size_t i = 0; i < nb; i++)
        x[na + i] = b[i];
    double ties;
    uf_error err = uf_stx_rank(x, n, r, &ties);
    if (err == UF_OK) {
        double nx = (double)na, ny = (double)nb, nt = nx + ny, w = 0;
        for (size_t i = 0; i < na; i++)
            w += r[i];
        out->statistic = w - nx * (nx + 1) / 2;
        out->exact = na < 50 && nb < 50 && ties == 0;
        if (out->exact)
            err = exact_two_sided(out, nx * ny / 2, na, nb, false);
        else
            err = normal_two_sided(out, nx * ny / 2,
                                   sqrt((nx * ny / 12) * ((nt + 1) - ties / (nt * (nt - 1)))));
    }
    free(buf);
    return err;
}
