/*
 * stats_rank.c - the Wilcoxon signed-rank and rank-sum tests and their
 * exact null distributions (see stats.h), following R's
 * wilcox.test.default and nmath's psignrank/pwilcox.  GSL has neither
 * distribution, so the counts are built here:
 *
 *   signed rank: c(k) = number of subsets of {1..n} with sum k, by the
 *     subset-sum recurrence (adding the value j to every subset); the
 *     counts are symmetric about n(n+1)/4, so half of them are kept.
 *   rank sum: f(m, n, k) = number of orders of m x's and n y's with
 *     k pairs x > y; f(m, n, k) = f(m-1, n, k-n) + f(m, n-1, k)
 *     (the largest value is an x, beating all n y's, or a y).
 *
 * The tests call these only below 50 observations (R's rule), where the
 * tables are a few kilobytes; the public distribution functions allow
 * more but cap the memory.
 */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>
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

/* R's tail rule shared by psignrank and pwilcox: with q = floor(q + 1e-7),
 * sum the counts of the shorter tail (count[i] / total for i <= q, or
 * for i < top - q) and complement when the other tail was summed.  top is
 * the largest value of the statistic; count(i) must be valid for
 * 0 <= i <= top / 2. */
typedef double (*count_fn)(const void *table, size_t i);

static double tail(double q, double top, int lower_tail, count_fn count, const void *table,
                   double total)
{
    double x = floor(q + 1e-7);
    if (x < 0)
        return lower_tail ? 0 : 1;
    if (x >= top)
        return lower_tail ? 1 : 0;
    double p = 0;
    if (x <= top / 2) {
        for (size_t i = 0; (double)i <= x; i++)
            p += count(table, i) / total;
    } else {
        x = top - x;
        for (size_t i = 0; (double)i < x; i++)
            p += count(table, i) / total;
        lower_tail = !lower_tail;
    }
    return lower_tail ? p : 0.5 - p + 0.5;
}

typedef struct signrank_table {
    double *w;   /* w[k] = c(k) for 0 <= k <= half */
    size_t half; /* floor(n(n+1)/4) */
} signrank_table;

static double signrank_count(const void *table, size_t i)
{
    return ((const signrank_table *)table)->w[i];
}

/* P(V <= q) (or P(V > q)) for n >= 1 non-zero differences, in *p. */
static uf_error signrank_p(double q, size_t n, int lower_tail, double *p)
{
    *p = NAN;
    if (n == 0 || n > 1000)
        return UF_ERR_INPUT;
    size_t top = n * (n + 1) / 2, half = top / 2;
    double *w = calloc(half + 1, sizeof *w);
    if (!w)
        return UF_ERR_NOMEM;
    w[0] = 1;
    for (size_t j = 1; j <= n; j++) {
        size_t end = j * (j + 1) / 2 < half ? j * (j + 1) / 2 : half;
        for (size_t k = end; k >= j; k--)
            w[k] += w[k - j];
    }
    signrank_table t = { w, half };
    *p = tail(q, (double)top, lower_tail, signrank_count, &t, ldexp(1, (int)n));
    free(w);
    return UF_OK;
}

double uf_stat_psignrank(double q, size_t n, int lower_tail)
{
    double p;
    signrank_p(q, n, lower_tail, &p);
    return p;
}

static double wilcox_count(const void *table, size_t i)
{
    return ((const double *)table)[i];
}

/* P(W <= q) (or P(W > q)) for group sizes m, n >= 1, in *p.  The table
 * a[i][k] = f(i, j, k) for i <= m is updated in place for j = 1..n. */
static uf_error wilcox_p(double q, size_t m, size_t n, int lower_tail, double *p)
{
    *p = NAN;
    if (m > n) {
        size_t s = m; /* f is symmetric in m and n: keep the table small */
        m = n;
        n = s;
    }
    if (m == 0 || n > (1u << 23) || (m + 1) * (m * n + 1) > (1u << 23))
        return UF_ERR_INPUT;
    size_t len = m * n + 1;
    double *a = calloc((m + 1) * len, sizeof *a);
    if (!a)
        return UF_ERR_NOMEM;
    for (size_t i = 0; i <= m; i++)
        a[i * len] = 1; /* f(i, 0, 0) = 1 */
    for (size_t j = 1; j <= n; j++)
        for (size_t i = 1; i <= m; i++) {
            double *row = a + i * len;
            const double *prev = a + (i - 1) * len; /* already f(i-1, j, .) */
            for (size_t k = j; k <= i * j; k++)
                row[k] += prev[k - j];
        }
    const double *f = a + m * len;
    double total = 0;
    for (size_t k = 0; k < len; k++)
        total += f[k]; /* choose(m + n, n) */
    *p = tail(q, (double)(m * n), lower_tail, wilcox_count, f, total);
    free(a);
    return UF_OK;
}

double uf_stat_pwilcox(double q, size_t m, size_t n, int lower_tail)
{
    double p;
    wilcox_p(q, m, n, lower_tail, &p);
    return p;
}

/* ---- the tests --------------------------------------------------------- */

/* Exact two-sided p as R: the tail on the statistic's side, doubled, at
 * most 1.  mid is the centre of the null distribution. */
static uf_error exact_two_sided(uf_stat_wilcoxon *o, double mid, size_t m, size_t n, bool signrank)
{
    double s = o->statistic, p;
    int upper = s > mid;
    double q = upper ? s - 1 : s;
    uf_error err = signrank ? signrank_p(q, m, !upper, &p) : wilcox_p(q, m, n, !upper, &p);
    o->p = err == UF_OK ? fmin(2 * p, 1) : NAN;
    return err;
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
    o->p = 2 * fmin(gsl_cdf_ugaussian_P(z), gsl_cdf_ugaussian_Q(z));
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
