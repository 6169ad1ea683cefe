/*
 * stats_ttest.c - the paired and the Welch t test and the difference in
 * differences built on Welch (see stats.h), following R's t.test.default:
 *
 *   paired:  x <- after - before; stderr <- sqrt(var(x)/nx); df <- nx - 1
 *   Welch:   stderrx <- sqrt(vx/nx); stderry <- sqrt(vy/ny)
 *            stderr <- sqrt(stderrx^2 + stderry^2)
 *            df <- stderr^4/(stderrx^4/(nx - 1) + stderry^4/(ny - 1))
 *   both:    stop("data are essentially constant") when
 *            stderr < 10 * .Machine$double.eps * abs(mean) (max of the means)
 *            tstat <- (mx - my)/stderr; pval <- 2 * pt(-abs(tstat), df)
 *            cint <- qt(1 - alpha/2, df); cint <- (tstat + c(-cint, cint)) * stderr
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include "uppfolj/stats.h"
#include "stats_internal.h"

static void clear(uf_stat_ttest *o, size_t n1, size_t n2, size_t n)
{
    *o = (uf_stat_ttest){ NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, n, n1, n2 };
}

/* t, p and the interval from the estimate, its SE and df.  se == 0 gives
 * NaN as in R (0/0 when the estimate is 0 too). */
static uf_error finish(uf_stat_ttest *o, double level)
{
    if (!(o->se > 0) || isnan(o->df))
        return UF_ERR_INPUT;
    o->t = o->estimate / o->se;
    o->p = 2 * uf_stx_pt(-fabs(o->t), o->df, true);
    double q = uf_stx_qt(1 - (1 - level) / 2, o->df);
    o->lo = (o->t - q) * o->se;
    o->hi = (o->t + q) * o->se;
    if (isnan(o->p) || isnan(o->lo) || isnan(o->hi))
        return UF_ERR_INPUT;
    return UF_OK;
}

uf_error uf_stat_ttest_paired(const double *after, const double *before, size_t n, double level,
                              uf_stat_ttest *out)
{
    clear(out, n, n, n);
    if (!uf_stx_level_ok(level))
        return UF_ERR_USAGE;
    if (n == 0 || !uf_stx_all_finite(after, n) || !uf_stx_all_finite(before, n))
        return UF_ERR_INPUT;
    double *d = malloc(n * sizeof *d);
    if (!d)
        return UF_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        d[i] = after[i] - before[i];
    out->mean1 = uf_stat_mean(after, n);
    out->mean2 = uf_stat_mean(before, n);
    out->estimate = uf_stat_mean(d, n);
    if (n >= 2) {
        out->df = (double)(n - 1);
        out->se = sqrt(gsl_stats_variance_m(d, 1, n, out->estimate) / (double)n);
    }
    free(d);
    if (n < 2 || out->se < 10 * DBL_EPSILON * fabs(out->estimate))
        return UF_ERR_INPUT;
    return finish(out, level);
}

uf_error uf_stat_ttest_welch(const double *a, size_t na, const double *b, size_t nb, double level,
                             uf_stat_ttest *out)
{
    clear(out, na, nb, na + nb);
    if (!uf_stx_level_ok(level))
        return UF_ERR_USAGE;
    if (!uf_stx_all_finite(a, na) || !uf_stx_all_finite(b, nb))
        return UF_ERR_INPUT;
    out->mean1 = uf_stat_mean(a, na);
    out->mean2 = uf_stat_mean(b, nb);
    out->estimate = out->mean1 - out->mean2;
    if (na < 2 || nb < 2)
        return UF_ERR_INPUT;
    double vx = gsl_stats_variance_m(a, 1, na, out->mean1) / (double)na;
    double vy = gsl_stats_variance_m(b, 1, nb, out->mean2) / (double)nb;
    out->se = sqrt(vx + vy);
    if (out->se < 10 * DBL_EPSILON * fmax(fabs(out->mean1), fabs(out->mean2)))
        return UF_ERR_INPUT;
    if (out->se > 0) {
        double se2 = out->se * out->se;
        out->df = se2 * se2 / (vx * vx / (double)(na - 1) + vy * vy / (double)(nb - 1));
    }
    return finish(out, level);
}

uf_error uf_stat_did(const double *change_a, size_t na, const double *change_b, size_t nb,
                     double level, uf_stat_ttest *out)
{
    return uf_stat_ttest_welch(change_a, na, change_b, nb, level, out);
}
