/*
 * stats_surv.c - Kaplan-Meier and the log-rank test (see stats.h), as the
 * R package survival computes them (survfit, survdiff).
 *
 * Both first apply survival's timefix (aeqSurv): the distinct times are
 * sorted, and a time closer than sqrt(DBL_EPSILON) to the one before it
 * (absolutely, or relative to the mean absolute time) is replaced by the
 * first time of its run.  Day counts are never changed by it; times
 * computed in floating point (years as days / 365.25) can be.
 *
 * Kaplan-Meier: S(t) = prod (1 - d/n) over event times <= t; Greenwood's
 * sum d / (n (n - d)) is the variance of the cumulative hazard (of log S),
 * which survfit keeps as fit$std.err and uses for the "log" interval
 * S exp(-+ z se), the upper end capped at 1.
 *
 * Log-rank (rho = 0): per distinct event time, with n at risk, d deaths
 * and n_g at risk in group g: E_g += d n_g / n, and when n > 1
 * V_gh += d (n - d) / (n (n - 1)) * n_g (delta_gh - n_h / n).  The groups
 * with E > 0 enter the test; the first of them is dropped and
 * chisq = (O - E)' V^-1 (O - E) on the others.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort.h>
#include "uppfolj/stats.h"
#include "stats_internal.h"

/* ---- shared: checks, timefix, order ------------------------------------ */

static bool valid_events(const int *event, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (event[i] != 0 && event[i] != 1)
            return false;
    return true;
}

/* Index of v in the sorted distinct values u[0..nu-1] (v is one of them). */
static size_t find(const double *u, size_t nu, double v)
{
    size_t lo = 0, hi = nu;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (u[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/*
 * aeqSurv:  y <- sort(unique(times)); dy <- diff(y)
 *           tied <- (dy <= tol) | (dy/mean(abs(y)) <= tol)
 *           cuts <- y[c(TRUE, !tied)]; time <- cuts[findInterval(time, cuts)]
 * fixed[0..n-1] gets the new times; u and cut (n doubles each) are scratch.
 */
static void timefix(const double *time, size_t n, double *fixed, double *u, double *cut)
{
    const double tol = sqrt(DBL_EPSILON);
    memcpy(u, time, n * sizeof *u);
    gsl_sort(u, 1, n);
    size_t nu = 1;
    for (size_t i = 1; i < n; i++)
        if (u[i] != u[nu - 1])
            u[nu++] = u[i];
    double mean = 0;
    for (size_t i = 0; i < nu; i++)
        mean += fabs(u[i]);
    mean /= (double)nu;
    bool any = false;
    cut[0] = u[0]; /* the cut of u[i]: the first time of its run */
    for (size_t i = 1; i < nu; i++) {
        double dy = u[i] - u[i - 1];
        bool tied = dy <= tol || dy / mean <= tol;
        cut[i] = tied ? cut[i - 1] : u[i];
        any = any || tied;
    }
    for (size_t i = 0; i < n; i++)
        fixed[i] = any ? cut[find(u, nu, time[i])] : time[i];
}

/* Fixed times and the order that sorts them: *fixed and *perm are new
 * arrays (caller frees both, also on failure). */
static uf_error order_times(const double *time, size_t n, double **fixed, size_t **perm)
{
    *fixed = malloc(n * sizeof **fixed);
    *perm = malloc(n * sizeof **perm);
    double *u = malloc(2 * n * sizeof *u);
    uf_error err = UF_ERR_NOMEM;
    if (*fixed && *perm && u) {
        timefix(time, n, *fixed, u, u + n);
        gsl_sort_index(*perm, *fixed, 1, n);
        err = UF_OK;
    }
    free(u);
    return err;
}

/* ---- Kaplan-Meier ------------------------------------------------------ */

void uf_stat_km_free(uf_stat_km *km)
{
    if (!km)
        return;
    free(km->time);
    free(km->n_risk);
    free(km->n_event);
    free(km->n_censor);
    free(km->surv);
    free(km->std_err);
    free(km->se_cumhaz);
    free(km->lower);
    free(km->upper);
    free(km);
}

static uf_stat_km *km_alloc(size_t n, size_t k, double level)
{
    uf_stat_km *km = calloc(1, sizeof *km);
    if (!km)
        return NULL;
    km->n = n;
    km->k = k;
    km->level = level;
    km->time = malloc(k * sizeof(double));
    km->n_risk = malloc(k * sizeof(size_t));
    km->n_event = malloc(k * sizeof(size_t));
    km->n_censor = malloc(k * sizeof(size_t));
    km->surv = malloc(k * sizeof(double));
    km->std_err = malloc(k * sizeof(double));
    km->se_cumhaz = malloc(k * sizeof(double));
    km->lower = malloc(k * sizeof(double));
    km->upper = malloc(k * sizeof(double));
    if (!km->time || !km->n_risk || !km->n_event || !km->n_censor || !km->surv || !km->std_err ||
        !km->se_cumhaz || !km->lower || !km->upper) {
        uf_stat_km_free(km);
        return NULL;
    }
    return km;
}

/* Fill the rows of km from the sorted times. */
static void km_fill(uf_stat_km *km, const double *ft, const size_t *perm, const int *event)
{
    double z = uf_stx_z(km->level), surv = 1, green = 0;
    size_t n = km->n, row = 0;
    for (size_t i = 0; i < n; row++) {
        size_t j = i, d = 0;
        for (; j < n && ft[perm[j]] == ft[perm[i]]; j++)
            d += (size_t)event[perm[j]];
        size_t at_risk = n - i;
        if (d > 0) {
            surv *= (double)(at_risk - d) / (double)at_risk;
            green = d == at_risk ? INFINITY
                                 : green + (double)d / ((double)at_risk * (double)(at_risk - d));
        }
        double se = sqrt(green);
        km->time[row] = ft[perm[i]];
        km->n_risk[row] = at_risk;
        km->n_event[row] = d;
        km->n_censor[row] = j - i - d;
        km->surv[row] = surv;
        km->se_cumhaz[row] = se;
        km->std_err[row] = surv > 0 ? surv * se : NAN;
        km->lower[row] = surv > 0 ? exp(log(surv) - z * se) : NAN;
        km->upper[row] = surv > 0 ? fmin(exp(log(surv) + z * se), 1) : NAN;
        i = j;
    }
}

uf_error uf_stat_km_new(const double *time, const int *event, size_t n, double level,
                        uf_stat_km **out)
{
    *out = NULL;
    if (!uf_stx_level_ok(level))
        return UF_ERR_USAGE;
    if (n == 0 || !uf_stx_all_finite(time, n) || !valid_events(event, n))
        return UF_ERR_INPUT;
    uf_stx_gsl_quiet();
    double *ft;
    size_t *perm;
    uf_error err = order_times(time, n, &ft, &perm);
    if (err == UF_OK) {
        size_t k = 1;
        for (size_t i = 1; i < n; i++)
            if (ft[perm[i]] != ft[perm[i - 1]])
                k++;
        uf_stat_km *km = km_alloc(n, k, level);
        if (km) {
            km_fill(km, ft, perm, event);
            *out = km;
        } else {
            err = UF_ERR_NOMEM;
        }
    }
    free(ft);
    free(perm);
    return err;
}

uf_error uf_stat_km_at(const uf_stat_km *km, double t, uf_stat_km_point *out)
{
    *out = (uf_stat_km_point){ t, NAN, NAN, NAN, NAN, 0 };
    if (!km || km->k == 0 || isnan(t) || t > km->time[km->k - 1])
        return UF_ERR_INPUT;
    if (t < km->time[0]) {
        *out = (uf_stat_km_point){ t, 1, 0, 1, 1, km->n };
        return UF_OK;
    }
    size_t j = find(km->time, km->k, t); /* last row with time <= t */
    out->surv = km->surv[j];
    out->std_err = km->std_err[j];
    out->lower = km->lower[j];
    out->upper = km->upper[j];
    out->n_risk = km->time[j] == t ? km->n_risk[j] : km->n_risk[j + 1];
    return UF_OK;
}

/* ---- log-rank ---------------------------------------------------------- */

void uf_stat_logrank_free(uf_stat_logrank *lr)
{
    if (!lr)
        return;
    free(lr->n_group);
    free(lr->observed);
    free(lr->expected);
    free(lr->var);
    free(lr);
}

static uf_stat_logrank *logrank_alloc(size_t n, size_t k)
{
    uf_stat_logrank *lr = calloc(1, sizeof *lr);
    if (!lr)
        return NULL;
    lr->n = n;
    lr->k = k;
    lr->chisq = lr->df = lr->p = NAN;
    lr->n_group = calloc(k, sizeof(size_t));
    lr->observed = calloc(k, sizeof(double));
    lr->expected = calloc(k, sizeof(double));
    lr->var = calloc(k * k, sizeof(double));
    if (!lr->n_group || !lr->observed || !lr->expected || !lr->var) {
        uf_stat_logrank_free(lr);
        return NULL;
    }
    return lr;
}

/* Observed, expected and variance, walking the distinct times upwards;
 * risk (k doubles) is scratch. */
static void logrank_sums(uf_stat_logrank *lr, const double *ft, const size_t *perm,
                         const int *event, const size_t *group, double *risk)
{
    size_t n = lr->n, k = lr->k;
    for (size_t g = 0; g < k; g++)
        risk[g] = (double)lr->n_group[g];
    for (size_t i = 0; i < n;) {
        size_t j = i;
        double d = 0, nr = (double)(n - i);
        for (; j < n && ft[perm[j]] == ft[perm[i]]; j++) {
            d += event[perm[j]];
            lr->observed[group[perm[j]]] += event[perm[j]];
        }
        if (d > 0) {
            for (size_t g = 0; g < k; g++)
                lr->expected[g] += d * risk[g] / nr;
            for (size_t a = 0; nr > 1 && a < k; a++) {
                double tmp = d * risk[a] * (nr - d) / (nr * (nr - 1));
                lr->var[a * k + a] += tmp;
                for (size_t b = 0; b < k; b++)
                    lr->var[a * k + b] -= tmp * risk[b] / nr;
            }
        }
        for (; i < j; i++)
            risk[group[perm[i]]] -= 1;
    }
}

/* chisq = b' V^-1 b over the groups idx[1..m-1] (idx[0] dropped), by
 * Cholesky; NAN when V is not positive definite or its reciprocal
 * condition number is below DBL_EPSILON (R's solve() stops there). */
static uf_error logrank_chisq(uf_stat_logrank *lr, const size_t *idx, size_t m)
{
    size_t q = m - 1, k = lr->k;
    gsl_matrix *v = gsl_matrix_alloc(q, q);
    gsl_vector *b = gsl_vector_alloc(q), *x = gsl_vector_alloc(q);
    gsl_vector *work = gsl_vector_alloc(3 * q);
    uf_error err = UF_ERR_NOMEM;
    if (!v || !b || !x || !work)
        goto done;
    for (size_t r = 0; r < q; r++) {
        size_t g = idx[r + 1];
        gsl_vector_set(b, r, lr->observed[g] - lr->expected[g]);
        for (size_t c = 0; c < q; c++)
            gsl_matrix_set(v, r, c, lr->var[g * k + idx[c + 1]]);
    }
    double rcond = 0, chisq = 0;
    err = UF_ERR_INPUT;
    if (gsl_linalg_cholesky_decomp1(v) != GSL_SUCCESS ||
        gsl_linalg_cholesky_rcond(v, &rcond, work) != GSL_SUCCESS || !(rcond >= DBL_EPSILON) ||
        gsl_linalg_cholesky_solve(v, b, x) != GSL_SUCCESS)
        goto done;
    for (size_t r = 0; r < q; r++)
        chisq += gsl_vector_get(x, r) * gsl_vector_get(b, r);
    lr->chisq = chisq;
    lr->p = uf_stx_pchisq_upper(chisq, lr->df);
    err = isnan(lr->p) ? UF_ERR_INPUT : UF_OK;
done:
    gsl_matrix_free(v);
    gsl_vector_free(b);
    gsl_vector_free(x);
    gsl_vector_free(work);
    return err;
}

/* The test on the sums: groups with expected > 0 take part. */
static uf_error logrank_test(uf_stat_logrank *lr, size_t *idx)
{
    size_t m = 0;
    for (size_t g = 0; g < lr->k; g++)
        if (lr->expected[g] > 0)
            idx[m++] = g;
    lr->df = (double)m - 1;
    if (m < 2)
        return UF_ERR_INPUT; /* no test: R reports chisq 0 */
    return logrank_chisq(lr, idx, m);
}

uf_error uf_stat_logrank_new(const double *time, const int *event, const size_t *group, size_t n,
                             size_t k, uf_stat_logrank **out)
{
    *out = NULL;
    if (n == 0 || k < 2 || !uf_stx_all_finite(time, n) || !valid_events(event, n))
        return UF_ERR_INPUT;
    for (size_t i = 0; i < n; i++)
        if (group[i] >= k)
            return UF_ERR_INPUT;
    uf_stx_gsl_quiet();
    double *ft = NULL, *risk = NULL;
    size_t *perm = NULL, *idx = NULL;
    uf_stat_logrank *lr = NULL;
    uf_error err = order_times(time, n, &ft, &perm);
    if (err != UF_OK)
        goto fail;
    err = UF_ERR_NOMEM;
    lr = logrank_alloc(n, k);
    risk = malloc(k * sizeof *risk);
    idx = malloc(k * sizeof *idx);
    if (!lr || !risk || !idx)
        goto fail;
    for (size_t i = 0; i < n; i++)
        lr->n_group[group[i]]++;
    logrank_sums(lr, ft, perm, event, group, risk);
    err = logrank_test(lr, idx);
    if (err == UF_ERR_NOMEM)
        goto fail;
    *out = lr;
    lr = NULL;
fail:
    uf_stat_logrank_free(lr);
    free(ft);
    free(perm);
    free(risk);
    free(idx);
    return err;
}
