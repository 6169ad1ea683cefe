/*
 * stats_internal.h - helpers shared by the statistics files (stats.c,
 * stats_ttest.c, stats_rank.c, stats_fisher.c, stats_fisher_net.c, stats_surv.c).  Not a
 * public API; the public one is include/uppfolj/stats.h.
 */
#ifndef UPPFOLJ_STATS_INTERNAL_H
#define UPPFOLJ_STATS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uppfolj/error.h"
#include "uppfolj/stats.h"

/* Switch GSL's error handler off, once per process (thread-safe).  Call
 * before any GSL routine that can report an error. */
void uf_stx_gsl_quiet(void);

/* R's distributions (stats_dist.c, libRmath): pt, qt, pnorm and qnorm of
 * the standard normal, pchisq's upper tail, dbinom, pbinom, qgamma with
 * scale 1, psignrank and pwilcox; lower: the lower tail P[X <= x]. */
double uf_stx_pt(double t, double df, bool lower);
double uf_stx_qt(double p, double df);
double uf_stx_pnorm(double z, bool lower);
double uf_stx_qnorm(double p);
double uf_stx_pchisq_upper(double x, double df);
double uf_stx_dbinom(double x, double n, double p);
double uf_stx_pbinom(double x, double n, double p, bool lower);
double uf_stx_qgamma(double p, double shape);
double uf_stx_psignrank(double q, double n, bool lower);
double uf_stx_pwilcox(double q, double m, double n, bool lower);

/* Is level a usable confidence level, 0 < level < 1? */
bool uf_stx_level_ok(double level);

/* Are x[0..n-1] all finite?  (true for n == 0) */
bool uf_stx_all_finite(const double *x, size_t n);

/* The standard normal quantile for a two-sided interval at level:
 * qnorm((1 + level) / 2). */
double uf_stx_z(double level);

/*
 * Average ranks of x[0..n-1] (R `rank`, ties.method = "average") into
 * rank[0..n-1], comparing values with ==.  *ties gets sum(t^3 - t) over the
 * groups of t tied values (0 when there are no ties).  Allocates a
 * permutation; UF_ERR_NOMEM when that fails.
 */
uf_error uf_stx_rank(const double *x, size_t n, double *rank, double *ties);

/*
 * Fisher's exact test of the nr x nc table x (row-major, no zero row or
 * column, total n >= 1, nr and nc >= 2) by the network algorithm, into
 * out->p.  Allocates.  UF_ERR_NOMEM (p NAN), or UF_ERR_INPUT with
 * out->too_large beyond the UF_STAT_FISHER_MAX_ limits (p NAN).
 */
uf_error uf_stx_fisher_net(const uint32_t *x, size_t nr, size_t nc, uint32_t n,
                           uf_stat_fisher *out);

#endif
