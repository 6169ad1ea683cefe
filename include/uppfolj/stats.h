/*
 * stats.h - the statistics of SPEC §6, each equal to a named R function to
 * 1e-9, p-values to 1e-10 relative (tests/r/ checks that against R itself).
 *
 * Core layer: nothing here prints, exits or knows about reports.  Every
 * function is pure (same input, same output; the one global effect is the
 * GSL note below; libRmath's Wilcoxon tables are freed after each call)
 * and works on caller-owned arrays.  Functions that need scratch
 * memory (a sorted copy, ranks, a distribution table) say so and return
 * UF_ERR_NOMEM when it is not there; only the survival functions return
 * heap objects (_new/_free pairs, free accepts NULL).
 *
 * Conventions for the tests (functions returning uf_error):
 *   - UF_OK: every field of the result is a number.
 *   - UF_ERR_INPUT: the data does not allow the statistic (n too small,
 *     constant data, a non-finite value, no discordant pairs, ...).  The
 *     result's n fields are set, every field that cannot be computed is
 *     NAN; fields R still reports (a Wilcoxon V, a mean difference) keep
 *     their value.  R either stops with an error or answers NaN/NA there.
 *   - UF_ERR_USAGE: an argument is out of range (a level outside (0, 1)).
 *   - UF_ERR_NOMEM: scratch memory could not be had; fields are NAN.
 * The result is always fully written, so a caller may ignore the status
 * and test the fields with isnan().
 *
 * Every result carries the n it is based on (SPEC §6: "every statistic is
 * shown with its n").  Two-sided p-values are computed exactly as R does.
 *
 * Distributions: R's own, from its standalone mathematics library
 * (libRmath: pt, qt, pnorm, qnorm, pchisq, dbinom, pbinom, qgamma,
 * psignrank, pwilcox), so p-values are R's to the last digit, far tails
 * included (tests/r/ compares them relatively).  GSL for the rest:
 * sorting, descriptive statistics, Fisher's log-factorials, the log-rank
 * test's linear algebra.  Its error handler is switched off for the
 * process at the first call that needs it (GSL would otherwise print and
 * abort on a domain error); a failing GSL routine then shows as a NAN
 * field and UF_ERR_INPUT.
 */
#ifndef UPPFOLJ_STATS_H
#define UPPFOLJ_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include "uppfolj/error.h"

/* ---- descriptive ------------------------------------------------------ */

/** Mean of x[0..n-1] (R `mean`).  NAN when n == 0; NaN in x gives NaN. */
double uf_stat_mean(const double *x, size_t n);

/** Sample SD with n - 1 (R `sd`).  NAN when n < 2; NaN in x gives NaN. */
double uf_stat_sd(const double *x, size_t n);

/** Quantile p of already sorted data, R type 7 (`quantile(x, p, type =
 *  7)`): linear interpolation between order statistics.  NAN when n == 0
 *  or p is outside [0, 1].  No allocation. */
double uf_stat_quantile_sorted(const double *sorted, size_t n, double p);

/** Quantile p of unsorted x, R type 7.  Sorts a copy (allocates).
 *  UF_ERR_INPUT and *out = NAN when n == 0 (R: NA), p is outside [0, 1]
 *  or x holds a NaN (R stops); UF_ERR_NOMEM when the copy fails. */
uf_error uf_stat_quantile(const double *x, size_t n, double p, double *out);

/** Median of x (R `median`); as uf_stat_quantile with p = 0.5. */
uf_error uf_stat_median(const double *x, size_t n, double *out);

typedef struct uf_stat_summary {
    size_t n;
    double mean, sd;                 /* sd NAN when n < 2 */
    double min, q1, median, q3, max; /* type 7 quartiles */
} uf_stat_summary;

/** n, mean, SD and the five type 7 quantiles 0, .25, .5, .75, 1 of x in
 *  one sort (allocates).  n == 0 or a NaN in x: UF_ERR_INPUT, fields NAN
 *  (out->n is set).  n == 1 is UF_OK with sd NAN, as R's sd. */
uf_error uf_stat_describe(const double *x, size_t n, uf_stat_summary *out);

/* ---- proportions, counts and rates ------------------------------------ */

typedef struct uf_stat_prop {
    double estimate; /* x / n */
    double lo, hi;   /* confidence interval */
    size_t x, n;
} uf_stat_prop;

/** Wilson score interval without continuity correction at level (0.95):
 *  `prop.test(x, n, conf.level = level, correct = FALSE)$conf.int`.  As in
 *  R, lo is exactly 0 when x == 0 and hi exactly 1 when x == n.
 *  n == 0 or x > n: UF_ERR_INPUT, fields NAN. */
uf_error uf_stat_wilson(size_t x, size_t n, double level, uf_stat_prop *out);

/* Largest n of the binomial tests and largest count of the Poisson
 * interval: set when GSL's binomial and incomplete gamma lost the 1e-9
 * agreement with R beyond them; the distributions are R's own now
 * (libRmath), but the limits stay, compared with R up to them.  Far above
 * any count uppfolj sees. */
#define UF_STAT_BINOM_MAX 1000000u
#define UF_STAT_POISSON_MAX 500000u

typedef struct uf_stat_binom {
    double estimate; /* x / n */
    double p;        /* two-sided p-value */
    size_t x, n;
} uf_stat_binom;

/** Exact binomial test of x successes in n trials against p0:
 *  `binom.test(x, n, p0)$p.value`, two-sided by R's rule (the sum of the
 *  probabilities <= d * (1 + 1e-7), d the observed one).  n == 0, x > n
 *  or n > UF_STAT_BINOM_MAX: UF_ERR_INPUT, fields NAN; p0 outside [0, 1]:
 *  UF_ERR_USAGE. */
uf_error uf_stat_binom_test(size_t x, size_t n, double p0, uf_stat_binom *out);

/** Exact McNemar test for paired binary data with b and c discordant
 *  pairs (yes->no and no->yes): `binom.test(b, b + c, 0.5)$p.value`; x is
 *  b and n is b + c in the result.  b + c == 0: UF_ERR_INPUT, p NAN (R
 *  stops: there is nothing to test). */
uf_error uf_stat_mcnemar_exact(size_t b, size_t c, uf_stat_binom *out);

/** One element per group: the index of each group's first element by
 *  (order, then tiebreak), ascending, into first[0..*m): what the
 *  survival analyses take of a person with several cases (SPEC §6; R:
 *  o <- order(group, order, tiebreak); sort(o[!duplicated(group[o])])).
 *  first holds n.  UF_ERR_NOMEM when the sort cannot be allocated. */
uf_error uf_stat_first_of_each(const long long *group, const double *order,
                               const long long *tiebreak, size_t n, size_t *first, size_t *m);

/** Holm's step-down adjustment of the n p-values p (R `p.adjust(p, method
 *  = "holm")`): over the m that are not NaN, sorted ascending, the i-th
 *  (from 1) becomes min(1, max over j <= i of (m - j + 1) p_(j)); a NaN
 *  stays NaN and does not count in m.  adj may not alias p.
 *  UF_ERR_NOMEM (adj all NaN) when the order cannot be allocated. */
uf_error uf_stat_holm(const double *p, size_t n, double *adj);

typedef struct uf_stat_rate {
    double rate;   /* x / time */
    double lo, hi; /* exact Poisson confidence interval */
    size_t x;      /* events */
    double time;   /* person-time, in the caller's unit */
} uf_stat_rate;

/** Exact Poisson interval for a rate: `poisson.test(x, time, conf.level =
 *  level)$conf.int` (gamma quantiles; lo is 0 when x == 0).  time not
 *  finite and > 0, or x > UF_STAT_POISSON_MAX: UF_ERR_INPUT, fields NAN. */
uf_error uf_stat_poisson_ci(size_t x, double time, double level, uf_stat_rate *out);

/* Limits of uf_stat_fisher_rxc, past which it gives up (too_large) rather
 * than take minutes or gigabytes: the table total, the nodes of one stage
 * of the network, the partial tables ("pasts") kept at once (16 bytes
 * each), and the steps taken (some 3 * 10^7 a second: at most ~10 s). */
#define UF_STAT_FISHER_MAX_N 10000000u
#define UF_STAT_FISHER_MAX_NODES 2000000u
#define UF_STAT_FISHER_MAX_PASTS 5000000u
#define UF_STAT_FISHER_MAX_WORK 3e8

typedef struct uf_stat_fisher {
    double p;       /* two-sided p-value */
    size_t n;       /* table total */
    bool too_large; /* p NAN: beyond the UF_STAT_FISHER_MAX_ limits */
} uf_stat_fisher;

/** Fisher's exact test of the 2x2 table with rows (a, b) and (c, d):
 *  `fisher.test(rbind(c(a, b), c(c, d)))$p.value`.  A table with a zero
 *  margin (or all zero) gives p = 1, as in R.  Allocates the support.  A
 *  count above UINT_MAX / 4: UF_ERR_INPUT, p NAN. */
uf_error uf_stat_fisher_2x2(size_t a, size_t b, size_t c, size_t d, uf_stat_fisher *out);

/** Fisher's exact test of the r x c table of counts table[i * c + j]
 *  (row-major): `fisher.test(x)$p.value` for x the same matrix.
 *
 *  A 2x2 table is uf_stat_fisher_2x2 (R's own hypergeometric code).  Any
 *  other goes, as R's FEXACT, through the network algorithm of Mehta and
 *  Patel (1983, 1986): tables are built column by column, nodes are the
 *  sorted remaining row totals, and bounds on the rest of a table decide
 *  whether its completions all count, all do not, or must be followed
 *  (stats_fisher_net.c).  A table counts when it is as or less probable
 *  than the observed one by FEXACT's rule (log-probability <= observed +
 *  3.45254e-7).  Zero rows and columns change nothing (R agrees); with
 *  fewer than two non-zero rows or columns p = 1, as in R.  Allocates.
 *
 *  Fails: r or c < 2, a total above INT_MAX (R's integers) or an all-zero
 *  table (R: FEXACT error 3): UF_ERR_INPUT, p NAN.  A table beyond the
 *  UF_STAT_FISHER_MAX_ limits (in practice: two rows with n in the tens of
 *  thousands and a small p, or four rows with n ~ 1000; R stops with a
 *  workspace error there too): UF_ERR_INPUT, p NAN and too_large set.
 *  UF_ERR_NOMEM: p NAN. */
uf_error uf_stat_fisher_rxc(const size_t *table, size_t r, size_t c, uf_stat_fisher *out);

/** The smallest p-value Fisher's test could give with the margins of the
 *  r x c table (row-major): the p of the least probable table with those
 *  margins (the one with the largest sum of log n_ij!), as
 *  uf_stat_fisher_rxc computes it.  Every table with the margins is
 *  visited, at most `budget` of them; beyond that *floor is NAN and
 *  UF_ERR_INPUT returned (a table that large can give a small p).
 *  UF_ERR_NOMEM: *floor NAN. */
uf_error uf_stat_fisher_floor(const size_t *table, size_t r, size_t c, size_t budget,
                              double *floor);

/* ---- t tests ----------------------------------------------------------- */

typedef struct uf_stat_ttest {
    double estimate;     /* mean difference (paired) or mean1 - mean2 */
    double mean1, mean2; /* paired: means of after and before */
    double lo, hi;       /* confidence interval of estimate at level */
    double t, df, p;     /* statistic, degrees of freedom, two-sided p */
    double se;           /* standard error of estimate */
    size_t n;            /* pairs (paired) or n1 + n2 */
    size_t n1, n2;       /* paired: both the number of pairs */
} uf_stat_ttest;

/** Paired t test of after - before: `t.test(after, before, paired =
 *  TRUE, conf.level = level)`; allocates the differences (UF_ERR_NOMEM).
 *  Fewer than 2 pairs, a non-finite value, or constant differences (R:
 *  "data are essentially constant", or t = NaN when all are 0):
 *  UF_ERR_INPUT with t, p and CI NAN; estimate and the means are kept when
 *  there is at least one pair, df when there are two. */
uf_error uf_stat_ttest_paired(const double *after, const double *before, size_t n, double level,
                              uf_stat_ttest *out);

/** Welch two-sample t test: `t.test(a, b, conf.level = level)`; df by
 *  Welch-Satterthwaite.  Fewer than 2 values in a group, a non-finite value,
 *  or both groups constant: UF_ERR_INPUT, t, df, p, CI NAN (means kept). */
uf_error uf_stat_ttest_welch(const double *a, size_t na, const double *b, size_t nb, double level,
                             uf_stat_ttest *out);

/** Difference in differences: the Welch t test of the change scores of two
 *  cohorts, `t.test(change_a, change_b)`; estimate is the difference of the
 *  mean changes.  Same contract as uf_stat_ttest_welch. */
uf_error uf_stat_did(const double *change_a, size_t na, const double *change_b, size_t nb,
                     double level, uf_stat_ttest *out);

/* ---- Wilcoxon tests ---------------------------------------------------- */

typedef struct uf_stat_wilcoxon {
    double statistic; /* V (signed rank) or W (rank sum), as R */
    double p;         /* two-sided p-value */
    int exact;        /* 1: exact distribution; 0: normal approximation
                               with continuity and tie correction */
    size_t n;         /* signed rank: non-zero differences used;
                               rank sum: n1 + n2 */
    size_t n_zero;    /* signed rank: zero differences dropped;
                               rank sum: 0 */
    size_t n1, n2;    /* signed rank: both the number of pairs */
} uf_stat_wilcoxon;

/** Wilcoxon signed-rank test of after - before: `wilcox.test(after, before,
 *  paired = TRUE)` with R's defaults: zeros dropped; exact when fewer than
 *  50 non-zero differences and no ties and no zeros, else the normal
 *  approximation with continuity and tie correction.  Allocates.  No pairs
 *  or a non-finite value: UF_ERR_INPUT, fields NAN; all differences zero:
 *  UF_ERR_INPUT with V = 0 and p NAN (R: p-value NA). */
uf_error uf_stat_signrank_paired(const double *after, const double *before, size_t n,
                                 uf_stat_wilcoxon *out);

/** Wilcoxon rank-sum (Mann-Whitney) test: `wilcox.test(a, b)` with R's
 *  defaults: exact when both groups have fewer than 50 values and there
 *  are no ties, else the normal approximation with continuity and tie
 *  correction.  Allocates.  An empty group or a non-finite value:
 *  UF_ERR_INPUT, fields NAN; all values equal: UF_ERR_INPUT with W set and
 *  p NAN (R: p-value NA). */
uf_error uf_stat_ranksum(const double *a, size_t na, const double *b, size_t nb,
                         uf_stat_wilcoxon *out);

/** Distribution of the signed-rank statistic V for n non-zero differences
 *  (R `psignrank(q, n, lower.tail)`, R's own code from libRmath): P(V <=
 *  q), or P(V > q) when lower_tail is 0.  NAN when n is 0 (or memory
 *  fails). */
double uf_stat_psignrank(double q, size_t n, int lower_tail);

/** Distribution of the rank-sum statistic W for group sizes m and n (R
 *  `pwilcox(q, m, n, lower.tail)`, R's own code from libRmath).  NAN when
 *  m or n is 0 (or memory fails). */
double uf_stat_pwilcox(double q, size_t m, size_t n, int lower_tail);

/* ---- baseline balance -------------------------------------------------- */

/** Standardised mean difference (m1 - m2) / sqrt((sd1^2 + sd2^2) / 2), the
 *  formula of tableone.  The IEEE result of the formula: NaN when both SDs
 *  are 0 and the means equal, +-Inf when only the SDs are 0. */
double uf_stat_smd(double m1, double sd1, double m2, double sd2);

/** SMD of two proportions: (p1 - p2) / sqrt((p1(1-p1) + p2(1-p2)) / 2).
 *  NaN when both are 0 or both 1 (nothing varies), +-Inf when p1 and p2
 *  are different but each 0 or 1. */
double uf_stat_smd_binary(double p1, double p2);

typedef struct uf_stat_balance {
    double smd;
    double mean1, sd1, mean2, sd2;
    size_t n1, n2;
} uf_stat_balance;

/** SMD of two samples from their means and SDs (n - 1).  A group with
 *  fewer than 2 values: UF_ERR_INPUT, smd NAN; a zero pooled SD:
 *  UF_ERR_INPUT with smd as uf_stat_smd gives it. */
uf_error uf_stat_smd_data(const double *a, size_t na, const double *b, size_t nb,
                          uf_stat_balance *out);

/* ---- survival ---------------------------------------------------------- */

/*
 * Kaplan-Meier estimate, `survival::survfit(Surv(time, event) ~ 1,
 * conf.type = "log")`.  Times that differ by less than sqrt(DBL_EPSILON)
 * (absolutely or relative to the mean time) are first made equal, like
 * survfit's timefix = TRUE (aeqSurv).  One row per distinct time, event
 * or censoring, in increasing order.
 */
typedef struct uf_stat_km {
    size_t n;     /* subjects */
    size_t k;     /* rows: distinct times */
    double level; /* confidence level of lower/upper */
    double *time;
    size_t *n_risk, *n_event, *n_censor;
    double *surv;
    double *std_err;       /* SE of surv (Greenwood), as
                               summary(fit)$std.err: surv * se_cumhaz;
                               NaN where surv is 0 */
    double *se_cumhaz;     /* SE of the cumulative hazard = of log(surv),
                               as fit$std.err: sqrt(sum d/(n(n-d)));
                               Inf where surv is 0 */
    double *lower, *upper; /* log interval: surv * exp(-+z se_cumhaz),
                               upper capped at 1; NaN where surv is 0 */
} uf_stat_km;

/** Kaplan-Meier estimate of time[0..n-1] with event[i] 1 (event) or 0
 *  (censored) at level (0.95).  On UF_OK *out is a new object (free it with
 *  uf_stat_km_free).  n == 0, a non-finite time or an event other than 0
 *  or 1: UF_ERR_INPUT and *out = NULL; also UF_ERR_USAGE, UF_ERR_NOMEM. */
uf_error uf_stat_km_new(const double *time, const int *event, size_t n, double level,
                        uf_stat_km **out);

/** Free km and its arrays.  NULL is fine. */
void uf_stat_km_free(uf_stat_km *km);

typedef struct uf_stat_km_point {
    double time;                        /* the t asked for */
    double surv, std_err, lower, upper; /* as in uf_stat_km */
    size_t n_risk;                      /* subjects with time >= t */
} uf_stat_km_point;

/** The Kaplan-Meier curve at time t, as `summary(fit, times = t)`: the
 *  values of the last row with time <= t, or surv 1 and SE 0 before the
 *  first row.  t after the last time (R leaves such a time out) or NaN:
 *  UF_ERR_INPUT, fields NAN, n_risk 0. */
uf_error uf_stat_km_at(const uf_stat_km *km, double t, uf_stat_km_point *out);

/*
 * Log-rank test for k >= 2 groups, `survival::survdiff(Surv(time, event) ~
 * group)` (rho = 0, timefix as above).  Groups are 0..k-1; an empty group
 * has observed = expected = 0 and, like every group with expected 0, no
 * degree of freedom.
 */
typedef struct uf_stat_logrank {
    size_t n;         /* subjects */
    size_t k;         /* groups */
    size_t *n_group;  /* subjects per group */
    double *observed; /* events per group */
    double *expected; /* expected events per group */
    double *var;      /* k x k variance of observed - expected, row major */
    double chisq;
    double df; /* groups with expected > 0, minus 1 */
    double p;  /* P(chisq_df > chisq) */
} uf_stat_logrank;

/** Log-rank test of time/event (as uf_stat_km_new) by group[i] in 0..k-1.
 *  On UF_OK *out is a new object; free it with uf_stat_logrank_free.
 *  When fewer than two groups have expected > 0 (no test: R reports chisq
 *  0 and a p of 0 or NaN) or the variance matrix is singular (R: solve()
 *  stops), the status is UF_ERR_INPUT but *out is still set, with the
 *  per-group sums filled and chisq and p NAN.  n == 0, k < 2, a group >= k,
 *  a non-finite time or a bad event: UF_ERR_INPUT and *out = NULL; also
 *  UF_ERR_NOMEM with *out = NULL. */
uf_error uf_stat_logrank_new(const double *time, const int *event, const size_t *group, size_t n,
                             size_t k, uf_stat_logrank **out);

/** Free lr and its arrays.  NULL is fine. */
void uf_stat_logrank_free(uf_stat_logrank *lr);

#endif
