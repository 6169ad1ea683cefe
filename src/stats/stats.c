/*
 * stats.c - descriptive statistics, proportions, counts, rates and the
 * standardised mean difference (see stats.h), plus the helpers every
 * stats_*.c file shares (stats_internal.h).
 *
 * The work is small: a report table calls these a few hundred times, on
 * groups of tens to thousands of values.  Accuracy is what matters: each
 * function follows the R function SPEC §6 names step by step (the R code
 * is quoted where the order of operations matters), with GSL for sorting,
 * moments and distributions.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "uppfolj/stats.h"
#include "stats_internal.h"

/* ---- shared helpers ---------------------------------------------------- */

static pthread_once_t gsl_once = PTHREAD_ONCE_INIT;

static void gsl_off(void)
{
    gsl_set_error_handler_off();
}

void uf_stx_gsl_quiet(void)
{
    pthread_once(&gsl_once, gsl_off);
}

bool uf_stx_level_ok(double level)
{
    return level > 0 && level < 1;
}

bool uf_stx_all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return false;
    return true;
}

double uf_stx_z(double level)
{
    return uf_stx_qnorm((1 + level) / 2);
}

/* ---- descriptive ------------------------------------------------------- */

double uf_stat_mean(const double *x, size_t n)
{
    return n > 0 ? gsl_stats_mean(x, 1, n) : NAN;
}

double uf_stat_sd(const double *x, size_t n)
{
    return n > 1 ? gsl_stats_sd(x, 1, n) : NAN;
}

double uf_stat_quantile_sorted(const double *sorted, size_t n, double p)
{
    if (n == 0 || !(p >= 0 && p <= 1))
        return NAN;
    /* GSL's rule is R's type 7: index (n - 1) p, linear interpolation */
    return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

/* A sorted copy of x in *out (caller frees).  UF_ERR_INPUT when n == 0 or
 * x holds a NaN, UF_ERR_NOMEM when the copy fails. */
static uf_error sorted_copy(const double *x, size_t n, double **out)
{
    *out = NULL;
    if (n == 0)
        return UF_ERR_INPUT;
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return UF_ERR_INPUT;
    double *s = malloc(n * sizeof *s);
    if (!s)
        return UF_ERR_NOMEM;
    memcpy(s, x, n * sizeof *s);
    gsl_sort(s, 1, n);
    *out = s;
    return UF_OK;
}

uf_error uf_stat_quantile(const double *x, size_t n, double p, double *out)
{
    *out = NAN;
    if (!(p >= 0 && p <= 1))
        return UF_ERR_INPUT;
    double *s;
    uf_error err = sorted_copy(x, n, &s);
    if (err != UF_OK)
        return err;
    *out = uf_stat_quantile_sorted(s, n, p);
    free(s);
    return UF_OK;
}

uf_error uf_stat_median(const double *x, size_t n, double *out)
{
    return uf_stat_quantile(x, n, 0.5, out);
}

uf_error uf_stat_describe(const double *x, size_t n, uf_stat_summary *out)
{
    *out = (uf_stat_summary){ n, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
    double *s;
    uf_error err = sorted_copy(x, n, &s);
    if (err != UF_OK)
        return err;
    out->mean = uf_stat_mean(x, n);
    out->sd = uf_stat_sd(x, n);
    out->min = s[0];
    out->q1 = uf_stat_quantile_sorted(s, n, 0.25);
    out->median = uf_stat_quantile_sorted(s, n, 0.5);
    out->q3 = uf_stat_quantile_sorted(s, n, 0.75);
    out->max = s[n - 1];
    free(s);
    return UF_OK;
}

/* ---- proportions ------------------------------------------------------- */

/*
 * prop.test(x, n, correct = FALSE), k = 1, two-sided:
 *   z <- qnorm((1 + conf.level)/2); z22n <- z^2/(2 * n); p.c <- x/n
 *   p.u <- if (p.c >= 1) 1 else (p.c + z22n + z * sqrt(p.c * (1 - p.c)/n +
 *          z22n/(2 * n)))/(1 + 2 * z22n)
 *   p.l <- if (p.c <= 0) 0 else (p.c + z22n - z * sqrt(...))/(1 + 2 * z22n)
 *   CINT <- c(max(p.l, 0), min(p.u, 1))
 */
uf_error uf_stat_wilson(size_t x, size_t n, double level, uf_stat_prop *out)
{
    *out = (uf_stat_prop){ NAN, NAN, NAN, x, n };
    if (!uf_stx_level_ok(level))
        return UF_ERR_USAGE;
    if (n == 0 || x > n)
        return UF_ERR_INPUT;
    double nn = (double)n, pc = (double)x / nn;
    double z = uf_stx_z(level);
    double z22n = z * z / (2 * nn);
    double root = z * sqrt(pc * (1 - pc) / nn + z22n / (2 * nn));
    double hi = pc >= 1 ? 1 : (pc + z22n + root) / (1 + 2 * z22n);
    double lo = pc <= 0 ? 0 : (pc + z22n - root) / (1 + 2 * z22n);
    out->estimate = pc;
    out->lo = fmax(lo, 0);
    out->hi = fmin(hi, 1);
    return UF_OK;
}

/*
 * binom.test(x, n, p)$p.value, two-sided (R):
 *   d <- dbinom(x, n, p); m <- n * p
 *   if (x == m) 1 else if (x < m) {
 *       i <- seq.int(from = ceiling(m), to = n)
 *       y <- sum(dbinom(i, n, p) <= d * relErr)
 *       pbinom(x, n, p) + pbinom(n - y, n, p, lower.tail = FALSE)
 *   } else {
 *       i <- seq.int(from = 0, to = floor(m))
 *       y <- sum(dbinom(i, n, p) <= d * relErr)
 *       pbinom(y - 1, n, p) + pbinom(x - 1, n, p, lower.tail = FALSE)
 *   }
 * with relErr = 1 + 1e-7.  x <= n <= UF_STAT_BINOM_MAX, 0 < p < 1.
 */
static double binom_two_sided(unsigned x, unsigned n, double p)
{
    const double rel = 1 + 1e-7;
    double nn = n, d = uf_stx_dbinom(x, nn, p) * rel;
    double m = nn * p;
    if ((double)x == m)
        return 1;
    double y = 0;
    if ((double)x < m) {
        for (size_t i = (size_t)ceil(m); i <= n; i++)
            if (uf_stx_dbinom((double)i, nn, p) <= d)
                y++;
        return uf_stx_pbinom(x, nn, p, true) + uf_stx_pbinom(nn - y, nn, p, false);
    }
    for (size_t i = 0; i <= (size_t)floor(m); i++)
        if (uf_stx_dbinom((double)i, nn, p) <= d)
            y++;
    return uf_stx_pbinom(y - 1, nn, p, true) + uf_stx_pbinom((double)x - 1, nn, p, false);
}

uf_error uf_stat_binom_test(size_t x, size_t n, double p0, uf_stat_binom *out)
{
    *out = (uf_stat_binom){ NAN, NAN, x, n };
    if (!(p0 >= 0 && p0 <= 1))
        return UF_ERR_USAGE;
    if (n == 0 || x > n || n > UF_STAT_BINOM_MAX)
        return UF_ERR_INPUT;
    out->estimate = (double)x / (double)n;
    if (p0 == 0)
        out->p = x == 0;
    else if (p0 == 1)
        out->p = x == n;
    else
        out->p = binom_two_sided((unsigned)x, (unsigned)n, p0);
    return isnan(out->p) ? UF_ERR_INPUT : UF_OK;
}

uf_error uf_stat_mcnemar_exact(size_t b, size_t c, uf_stat_binom *out)
{
    if (b > SIZE_MAX - c) {
        *out = (uf_stat_binom){ NAN, NAN, b, 0 };
        return UF_ERR_INPUT;
    }
    return uf_stat_binom_test(b, b + c, 0.5, out);
}

/* An element for uf_stat_first_of_each. */
typedef struct first_key {
    long long group, tiebreak;
    double order;
    size_t i;
} first_key;

static int cmp_first(const void *a, const void *b)
{
    const first_key *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    if (x->tiebreak != y->tiebreak)
        return x->tiebreak < y->tiebreak ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

uf_error uf_stat_first_of_each(const long long *group, const double *order,
                               const long long *tiebreak, size_t n, size_t *first, size_t *m)
{
    *m = 0;
    first_key *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return UF_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        v[i] = (first_key){ group[i], tiebreak[i], order[i], i };
    qsort(v, n, sizeof *v, cmp_first);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || v[i].group != v[i - 1].group)
            first[(*m)++] = v[i].i;
    free(v);
    qsort(first, *m, sizeof *first, cmp_size);
    return UF_OK;
}

/*
 * p.adjust(p, "holm"):
 *   i <- seq_len(lp); o <- order(p); ro <- order(o)
 *   pmin(1, cummax((n - i + 1L) * p[o]))[ro]      (p without its NAs)
 */
uf_error uf_stat_holm(const double *p, size_t n, double *adj)
{
    size_t m = 0;
    size_t *at = malloc((n ? n : 1) * sizeof *at), *o = malloc((n ? n : 1) * sizeof *o);
    double *q = calloc(n ? n : 1, sizeof *q);
    for (size_t i = 0; i < n; i++)
        adj[i] = NAN;
    if (!at || !o || !q) {
        free(at);
        free(o);
        free(q);
        return UF_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i])) {
            at[m] = i;
            q[m++] = p[i];
        }
    /* not a stable sort, but tied p-values get the same adjusted value:
     * (m - i) q is below the running maximum for the second of a tie */
    if (m)
        gsl_sort_index(o, q, 1, m);
    double run = 0;
    for (size_t i = 0; i < m; i++) {
        double v = (double)(m - i) * q[o[i]];
        if (v > run)
            run = v;
        adj[at[o[i]]] = run < 1 ? run : 1;
    }
    free(at);
    free(o);
    free(q);
    return UF_OK;
}

/*
 * poisson.test(x, T)$conf.int:
 *   p.L <- if (x == 0) 0 else qgamma(alpha, x); p.U <- qgamma(1 - alpha, x + 1)
 *   c(p.L(x, alpha), p.U(x, alpha)) / T,  alpha <- (1 - conf.level)/2
 */
uf_error uf_stat_poisson_ci(size_t x, double time, double level, uf_stat_rate *out)
{
    *out = (uf_stat_rate){ NAN, NAN, NAN, x, time };
    if (!uf_stx_level_ok(level))
        return UF_ERR_USAGE;
    if (!isfinite(time) || time <= 0 || x > UF_STAT_POISSON_MAX)
        return UF_ERR_INPUT;
    double alpha = (1 - level) / 2, xx = (double)x;
    out->rate = xx / time;
    out->lo = x == 0 ? 0 : uf_stx_qgamma(alpha, xx) / time;
    out->hi = uf_stx_qgamma(1 - alpha, xx + 1) / time;
    return isnan(out->lo) || isnan(out->hi) ? UF_ERR_INPUT : UF_OK;
}

/* ---- baseline balance -------------------------------------------------- */

/* num / sqrt(half_var_sum), with the IEEE results spelled out for a zero
 * denominator: NaN for 0/0, +-Inf otherwise. */
static double standardise(double num, double var_sum)
{
    double den = sqrt(var_sum / 2);
    if (den == 0)
        return num == 0 ? NAN : copysign(INFINITY, num);
    return num / den;
}

double uf_stat_smd(double m1, double sd1, double m2, double sd2)
{
    return standardise(m1 - m2, sd1 * sd1 + sd2 * sd2);
}

double uf_stat_smd_binary(double p1, double p2)
{
    return standardise(p1 - p2, p1 * (1 - p1) + p2 * (1 - p2));
}

uf_error uf_stat_smd_data(const double *a, size_t na, const double *b, size_t nb,
                          uf_stat_balance *out)
{
    *out = (uf_stat_balance){
        NAN, uf_stat_mean(a, na), uf_stat_sd(a, na), uf_stat_mean(b, nb), uf_stat_sd(b, nb), na, nb
    };
    if (na < 2 || nb < 2)
        return UF_ERR_INPUT;
    out->smd = uf_stat_smd(out->mean1, out->sd1, out->mean2, out->sd2);
    return isfinite(out->smd) ? UF_OK : UF_ERR_INPUT;
}
