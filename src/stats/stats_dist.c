/*
 * stats_dist.c - the probability distributions of the tests, from R's own
 * standalone mathematics library (libRmath, Debian r-mathlib): the same
 * code R's pt, pnorm, pchisq, pbinom, qgamma, psignrank and pwilcox run,
 * so every p-value and interval is R's to the last digit, far tails
 * included.  The only file that includes Rmath.h (its names, pt, df,
 * beta, ..., would otherwise meet ours).
 *
 * psignrank and pwilcox keep their count tables in static memory between
 * calls; each wrapper frees them after its call, so that nothing is left
 * and no two tests share state.  Not thread-safe (nor is R's); the
 * reports call the tests from one thread.
 */
#define MATHLIB_STANDALONE 1
#include <Rmath.h>
#include "stats_internal.h"

double uf_stx_pt(double t, double df, bool lower)
{
    return pt(t, df, lower, 0);
}

double uf_stx_qt(double p, double df)
{
    return qt(p, df, 1, 0);
}

double uf_stx_pnorm(double z, bool lower)
{
    return pnorm(z, 0, 1, lower, 0);
}

double uf_stx_qnorm(double p)
{
    return qnorm(p, 0, 1, 1, 0);
}

double uf_stx_pchisq_upper(double x, double df)
{
    return pchisq(x, df, 0, 0);
}

double uf_stx_dbinom(double x, double n, double p)
{
    return dbinom(x, n, p, 0);
}

double uf_stx_pbinom(double x, double n, double p, bool lower)
{
    return pbinom(x, n, p, lower, 0);
}

double uf_stx_qgamma(double p, double shape)
{
    return qgamma(p, shape, 1, 1, 0);
}

double uf_stx_psignrank(double q, double n, bool lower)
{
    double p = psignrank(q, n, lower, 0);
    signrank_free();
    return p;
}

double uf_stx_pwilcox(double q, double m, double n, bool lower)
{
    double p = pwilcox(q, m, n, lower, 0);
    wilcox_free();
    return p;
}
