/*
 * gen.c - the C half of the differential test against R (make check-r).
 *
 * Generates a few thousand data sets deterministically (its own PRNG,
 * splitmix64, fixed seed), runs every statistic of stats.h on them and
 * writes two files into the folder given as argument:
 *
 *   cases.txt   one data set per line:  id TAB kind TAB key=v1,v2,... ...
 *   c.txt       the C results per line: id TAB status TAB key=value ...
 *
 * Numbers are written with %.17g (NaN, Inf, -Inf spelled so), so R reads
 * exactly the doubles the C code used.  compare.R recomputes every case
 * with the R function SPEC §6 names and compares.
 *
 * The data sets aim at the corners: n = 0, 1, 2, 3 and around 50 (the exact
 * /normal switch of the Wilcoxon tests), all-equal values, integers with
 * many ties, zero differences, values around 1e6, empty and single-row
 * groups, near-equal survival times (timefix).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/stats.h"

#define MAXN 64

/* ---- PRNG -------------------------------------------------------------- */

static uint64_t rng_state = 0x5eed2026u;

static uint64_t next_u64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static double unif(void)                /* [0, 1) */
{
    return (double)(next_u64() >> 11) * 0x1.0p-53;
}

static size_t irand(size_t lo, size_t hi)  /* lo..hi inclusive */
{
    return lo + (size_t)(next_u64() % (hi - lo + 1));
}

static double normal(void)
{
    double u = unif(), v = unif();
    return sqrt(-2 * log(1 - u)) * cos(6.283185307179586 * v);
}

static double round_to(double x, int digits)
{
    double s = pow(10, digits);
    return round(x * s) / s;
}

/* ---- output ------------------------------------------------------------ */

typedef struct out {
    FILE *in, *res;
    long id;
} out;

static void put_num(FILE *f, double v)
{
    if (isnan(v))
        fputs("NaN", f);
    else if (isinf(v))
        fputs(v > 0 ? "Inf" : "-Inf", f);
    else
        fprintf(f, "%.17g", v);
}

static void begin(out *o, const char *kind)
{
    o->id++;
    fprintf(o->in, "%ld\t%s", o->id, kind);
}

static void in_vec(out *o, const char *key, const double *x, size_t n)
{
    fprintf(o->in, "\t%s=", key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', o->in);
        put_num(o->in, x[i]);
    }
}

static void in_num(out *o, const char *key, double v)
{
    in_vec(o, key, &v, 1);
}

static void in_sizes(out *o, const char *key, const size_t *x, size_t n)
{
    fprintf(o->in, "\t%s=", key);
    for (size_t i = 0; i < n; i++)
        fprintf(o->in, "%s%zu", i ? "," : "", x[i]);
}

static void in_ints(out *o, const char *key, const int *x, size_t n)
{
    fprintf(o->in, "\t%s=", key);
    for (size_t i = 0; i < n; i++)
        fprintf(o->in, "%s%d", i ? "," : "", x[i]);
}

static void result(out *o, uf_error st)
{
    fputc('\n', o->in);
    fprintf(o->res, "%ld\t%d", o->id, (int)st);
}

static void res_num(out *o, const char *key, double v)
{
    fprintf(o->res, "\t%s=", key);
    put_num(o->res, v);
}

static void res_idx(out *o, const char *key, size_t i, double v)
{
    char k[64];
    snprintf(k, sizeof k, "%s.%zu", key, i + 1);
    res_num(o, k, v);
}

static void end(out *o)
{
    fputc('\n', o->res);
}

/* ---- data -------------------------------------------------------------- */

/* A sample size: mostly 0..60, with extra weight on the corners. */
static size_t pick_n(void)
{
    double u = unif();
    if (u < 0.12)
        return irand(0, 3);
    if (u < 0.25)
        return irand(45, 55);
    return irand(0, 60);
}

enum { V_NORMAL, V_SMALLINT, V_EQUAL, V_FULL, V_EXP, V_LARGE, V_BINARY, V_TYPES };

static void values(double *x, size_t n, int type)
{
    double c = round_to(unif() * 10, 1);
    for (size_t i = 0; i < n; i++) {
        switch (type) {
        case V_NORMAL:   x[i] = round_to(50 + 10 * normal(), 2); break;
        case V_SMALLINT: x[i] = (double)irand(0, 5); break;
        case V_EQUAL:    x[i] = c; break;
        case V_FULL:     x[i] = unif() * 100; break;
        case V_EXP:      x[i] = round_to(-5 * log(1 - unif()), 1); break;
        case V_LARGE:    x[i] = 1e6 + round_to(1000 * normal(), 2); break;
        default:         x[i] = (double)irand(0, 1); break;
        }
    }
}

static int pick_type(void)
{
    return (int)irand(0, V_TYPES - 1);
}

/* before and after = before + a change of some kind (zeros, ties, ...). */
static void pairs(double *after, double *before, size_t n)
{
    values(before, n, pick_type());
    int kind = (int)irand(0, 5);
    for (size_t i = 0; i < n; i++) {
        double d;
        switch (kind) {
        case 0:  d = round_to(2 + 5 * normal(), 2); break;
        case 1:  d = (double)irand(0, 6) - 3; break;        /* zeros and ties */
        case 2:  d = 0; break;
        case 3:  d = 2; break;
        case 4:  d = unif() * 10 - 3; break;
        default: d = round_to(normal(), 1); break;
        }
        after[i] = before[i] + d;
    }
}

/* ---- cases ------------------------------------------------------------- */

static void case_desc(out *o)
{
    double x[MAXN];
    size_t n = pick_n();
    values(x, n, pick_type());
    double p = unif();
    begin(o, "desc");
    in_vec(o, "x", x, n);
    in_num(o, "p", p);
    uf_stat_summary s;
    double q, med;
    uf_error st = uf_stat_describe(x, n, &s);
    uf_stat_quantile(x, n, p, &q);
    uf_stat_median(x, n, &med);
    result(o, st);
    res_num(o, "mean", uf_stat_mean(x, n));
    res_num(o, "sd", uf_stat_sd(x, n));
    res_num(o, "median", med);
    res_num(o, "q0", s.min);
    res_num(o, "q25", s.q1);
    res_num(o, "q50", s.median);
    res_num(o, "q75", s.q3);
    res_num(o, "q100", s.max);
    res_num(o, "qp", q);
    end(o);
}

static double pick_level(void)
{
    static const double levels[] = { 0.95, 0.95, 0.9, 0.99, 0.8 };
    return levels[irand(0, 4)];
}

static void case_wilson(out *o)
{
    size_t n = unif() < 0.1 ? irand(0, 3) : irand(1, 500);
    double u = unif();
    size_t x = u < 0.15 ? 0 : u < 0.3 ? n : irand(0, n);
    double level = pick_level();
    begin(o, "wilson");
    in_num(o, "x", (double)x);
    in_num(o, "n", (double)n);
    in_num(o, "level", level);
    uf_stat_prop p;
    result(o, uf_stat_wilson(x, n, level, &p));
    res_num(o, "est", p.estimate);
    res_num(o, "lo", p.lo);
    res_num(o, "hi", p.hi);
    end(o);
}

static void case_binom(out *o)
{
    double v = unif();
    size_t n = v < 0.1 ? irand(0, 3) : v < 0.15 ? irand(1000, 1100000) : irand(1, 300);
    size_t x = v < 0.15 && n > 100 ? (size_t)((double)n * (0.45 + unif() * 0.1)) : irand(0, n);
    double u = unif(), p0 = u < 0.3 ? 0.5 : u < 0.35 ? 0 : u < 0.4 ? 1 : unif();
    begin(o, "binom");
    in_num(o, "x", (double)x);
    in_num(o, "n", (double)n);
    in_num(o, "p0", p0);
    uf_stat_binom b;
    result(o, uf_stat_binom_test(x, n, p0, &b));
    res_num(o, "est", b.estimate);
    res_num(o, "p", b.p);
    end(o);
}

static void case_mcnemar(out *o)
{
    size_t b = irand(0, 40), c = unif() < 0.2 ? b : irand(0, 40);
    begin(o, "mcnemar");
    in_num(o, "b", (double)b);
    in_num(o, "c", (double)c);
    uf_stat_binom r;
    result(o, uf_stat_mcnemar_exact(b, c, &r));
    res_num(o, "p", r.p);
    end(o);
}

static void case_poisson(out *o)
{
    double u = unif();
    size_t x = u < 0.15 ? 0
             : u < 0.25 ? irand(1000, 20000)
             : u < 0.30 ? irand(20000, 600000)
             : irand(0, 200);
    double t = round_to(0.1 + unif() * 1000, 2), level = pick_level();
    begin(o, "poisson");
    in_num(o, "x", (double)x);
    in_num(o, "T", t);
    in_num(o, "level", level);
    uf_stat_rate r;
    result(o, uf_stat_poisson_ci(x, t, level, &r));
    res_num(o, "rate", r.rate);
    res_num(o, "lo", r.lo);
    res_num(o, "hi", r.hi);
    end(o);
}

/* An r x c table (r 2..4, c 2..6) of n counts drawn from cell
 * probabilities a_i * b_j * (1 + noise), with some zero rows and columns;
 * n mostly small, up to 1000 for two rows, and large 2x2 tables. */
static void case_fisher(out *o)
{
    size_t r = unif() < 0.5 ? 2 : irand(3, 4), c = irand(2, 6), x[24] = { 0 };
    double u = unif(), a[4], b[6], pr[24], sum = 0;
    size_t n = u < 0.5 ? irand(0, 40) : u < 0.8 ? irand(40, 150)
             : r == 2 ? irand(150, 1000) : irand(60, 120);
    if (r == 2 && c == 2 && unif() < 0.3)
        n = irand(1000, 50000);
    for (size_t i = 0; i < r; i++)
        a[i] = unif() < 0.08 ? 0 : 0.1 + unif();
    for (size_t j = 0; j < c; j++)
        b[j] = unif() < 0.08 ? 0 : 0.1 + unif();
    double noise = unif() < 0.5 ? 0 : unif();
    for (size_t k = 0; k < r * c; k++)
        sum += pr[k] = a[k / c] * b[k % c] * (1 + noise * unif());
    for (size_t m = 0; m < n && sum > 0; m++) {
        double t = unif() * sum;
        size_t k = 0;
        while (k + 1 < r * c && (t -= pr[k]) >= 0)
            k++;
        x[k]++;
    }
    begin(o, "fisher");
    in_num(o, "r", (double)r);
    in_sizes(o, "x", x, r * c);
    uf_stat_fisher f;
    result(o, uf_stat_fisher_rxc(x, r, c, &f));
    res_num(o, "p", f.p);
    end(o);
}

static void res_ttest(out *o, const uf_stat_ttest *t)
{
    res_num(o, "est", t->estimate);
    res_num(o, "lo", t->lo);
    res_num(o, "hi", t->hi);
    res_num(o, "t", t->t);
    res_num(o, "df", t->df);
    res_num(o, "p", t->p);
}

static void case_tpaired(out *o)
{
    double a[MAXN], b[MAXN];
    size_t n = pick_n();
    pairs(a, b, n);
    double level = pick_level();
    begin(o, "tpaired");
    in_vec(o, "after", a, n);
    in_vec(o, "before", b, n);
    in_num(o, "level", level);
    uf_stat_ttest t;
    result(o, uf_stat_ttest_paired(a, b, n, level, &t));
    res_ttest(o, &t);
    end(o);
}

static void two_samples(double *a, size_t *na, double *b, size_t *nb)
{
    *na = pick_n();
    *nb = unif() < 0.3 ? *na : pick_n();
    int ta = pick_type(), tb = unif() < 0.7 ? ta : pick_type();
    values(a, *na, ta);
    values(b, *nb, tb);
}

static void case_welch(out *o, const char *kind)
{
    double a[MAXN], b[MAXN];
    size_t na, nb;
    two_samples(a, &na, b, &nb);
    if (strcmp(kind, "did") == 0 && unif() < 0.5) {
        /* the change of a yes/no outcome in percentage points (kohort's
         * DiD of a share): -100, 0 or 100, and of a rate: any real */
        double pr = unif();
        for (size_t i = 0; i < na; i++)
            a[i] = unif() < pr ? 0 : unif() < 0.7 ? -100 : 100;
        for (size_t i = 0; i < nb; i++)
            b[i] = unif() < pr ? 0 : unif() < 0.5 ? -100 : 100;
    }
    double level = pick_level();
    begin(o, kind);
    in_vec(o, "a", a, na);
    in_vec(o, "b", b, nb);
    in_num(o, "level", level);
    uf_stat_ttest t;
    uf_error st = strcmp(kind, "did") == 0 ? uf_stat_did(a, na, b, nb, level, &t)
                                           : uf_stat_ttest_welch(a, na, b, nb, level, &t);
    result(o, st);
    res_ttest(o, &t);
    end(o);
}

static void res_wilcoxon(out *o, const uf_stat_wilcoxon *w)
{
    res_num(o, "stat", w->statistic);
    res_num(o, "p", w->p);
    res_num(o, "exact", w->exact);
}

static void case_signrank(out *o)
{
    double a[MAXN], b[MAXN];
    size_t n = pick_n();
    pairs(a, b, n);
    begin(o, "signrank");
    in_vec(o, "after", a, n);
    in_vec(o, "before", b, n);
    uf_stat_wilcoxon w;
    result(o, uf_stat_signrank_paired(a, b, n, &w));
    res_wilcoxon(o, &w);
    end(o);
}

static void case_ranksum(out *o)
{
    double a[MAXN], b[MAXN];
    size_t na, nb;
    two_samples(a, &na, b, &nb);
    begin(o, "ranksum");
    in_vec(o, "a", a, na);
    in_vec(o, "b", b, nb);
    uf_stat_wilcoxon w;
    result(o, uf_stat_ranksum(a, na, b, nb, &w));
    res_wilcoxon(o, &w);
    end(o);
}

static void case_smd(out *o)
{
    double a[MAXN], b[MAXN];
    size_t na, nb;
    two_samples(a, &na, b, &nb);
    begin(o, "smd");
    in_vec(o, "a", a, na);
    in_vec(o, "b", b, nb);
    uf_stat_balance s;
    result(o, uf_stat_smd_data(a, na, b, nb, &s));
    res_num(o, "smd", s.smd);
    end(o);
    /* binary: proportions of two groups, 0 and 1 included */
    size_t n1 = irand(1, 60), n2 = irand(1, 60);
    double p1 = (double)irand(0, n1) / (double)n1, p2 = (double)irand(0, n2) / (double)n2;
    if (unif() < 0.1)
        p2 = p1;
    begin(o, "smdbin");
    in_num(o, "p1", p1);
    in_num(o, "p2", p2);
    result(o, UF_OK);
    res_num(o, "smd", uf_stat_smd_binary(p1, p2));
    end(o);
}

/* Survival data: integer days with ties, decimals, or full precision; some
 * times nudged by 1e-10 relative so that timefix has work. */
static void surv_data(double *t, int *e, size_t n)
{
    int type = (int)irand(0, 3);
    size_t top = irand(3, 40);
    double pe = (double[]){ 0, 0.3, 0.6, 0.9, 1 }[irand(0, 4)];
    for (size_t i = 0; i < n; i++) {
        switch (type) {
        case 0:  t[i] = (double)irand(1, top); break;
        case 1:  t[i] = round_to(unif() * (double)top, 1); break;
        case 2:  t[i] = unif() * 30; break;
        default: t[i] = (double)irand(1, top) * (unif() < 0.3 ? 1 + 1e-10 : 1); break;
        }
        e[i] = unif() < pe;
    }
}

/* The results of a Kaplan-Meier fit, read at at[0..nat). */
static void km_results(out *o, const uf_stat_km *km, const double *at, size_t nat)
{
    if (!km)
        return;
    res_num(o, "k", (double)km->k);
    for (size_t i = 0; i < km->k; i++) {
        res_idx(o, "time", i, km->time[i]);
        res_idx(o, "nrisk", i, (double)km->n_risk[i]);
        res_idx(o, "nevent", i, (double)km->n_event[i]);
        res_idx(o, "ncensor", i, (double)km->n_censor[i]);
        res_idx(o, "surv", i, km->surv[i]);
        res_idx(o, "se", i, km->std_err[i]);
        res_idx(o, "sech", i, km->se_cumhaz[i]);
        res_idx(o, "lower", i, km->lower[i]);
        res_idx(o, "upper", i, km->upper[i]);
    }
    for (size_t j = 0; j < nat; j++) {
        uf_stat_km_point pt;
        uf_error st = uf_stat_km_at(km, at[j], &pt);
        res_idx(o, "at.surv", j, pt.surv);
        res_idx(o, "at.se", j, pt.std_err);
        res_idx(o, "at.lower", j, pt.lower);
        res_idx(o, "at.upper", j, pt.upper);
        res_idx(o, "at.nrisk", j, st == UF_OK ? (double)pt.n_risk : NAN);
    }
}

static void case_km(out *o)
{
    double t[MAXN], at[8];
    int e[MAXN];
    size_t n = unif() < 0.03 ? 0 : irand(1, 60);
    surv_data(t, e, n);
    double max = 0;
    for (size_t i = 0; i < n; i++)
        max = fmax(max, t[i]);
    double cand[] = { 0, 3, 6, 12, 24, round_to(unif() * max, 1), max, max + 1 };
    size_t nat = 0;                     /* sorted, distinct */
    for (size_t i = 0; i < 8; i++) {
        size_t j = nat;
        while (j > 0 && at[j - 1] > cand[i])
            j--;
        if (j > 0 && at[j - 1] == cand[i])
            continue;
        memmove(at + j + 1, at + j, (nat - j) * sizeof *at);
        at[j] = cand[i];
        nat++;
    }
    begin(o, "km");
    in_vec(o, "time", t, n);
    in_ints(o, "event", e, n);
    in_vec(o, "at", at, nat);
    uf_stat_km *km;
    result(o, uf_stat_km_new(t, e, n, 0.95, &km));
    km_results(o, km, at, nat);
    uf_stat_km_free(km);
    end(o);
}

static void case_logrank(out *o)
{
    double t[MAXN];
    int e[MAXN];
    size_t g[MAXN], k = irand(2, 4);
    size_t n = unif() < 0.03 ? 0 : irand(1, 60);
    surv_data(t, e, n);
    if (unif() < 0.1) {                 /* tiny, tied: singular variances */
        n = irand(1, 5);
        for (size_t i = 0; i < n; i++) {
            t[i] = (double)irand(1, 2);
            e[i] = unif() < 0.8;
        }
    }
    size_t empty = unif() < 0.25 ? irand(0, k - 1) : k;     /* a group left empty */
    size_t single = unif() < 0.2 ? irand(0, k - 1) : k;     /* a group of one */
    if (single == empty || (k == 2 && empty < k))
        single = k;
    size_t other = 0;                   /* takes the empty group's and the
                                           single group's other members */
    while (other == empty || other == single)
        other++;
    int single_done = 0;
    for (size_t i = 0; i < n; i++) {
        g[i] = irand(0, k - 1);
        if (g[i] == empty)
            g[i] = other;
        if (g[i] == single && single_done++)
            g[i] = other;
    }
    begin(o, "logrank");
    in_vec(o, "time", t, n);
    in_ints(o, "event", e, n);
    in_sizes(o, "group", g, n);
    in_num(o, "k", (double)k);
    uf_stat_logrank *lr;
    result(o, uf_stat_logrank_new(t, e, g, n, k, &lr));
    if (lr) {
        res_num(o, "chisq", lr->chisq);
        res_num(o, "df", lr->df);
        res_num(o, "p", lr->p);
        for (size_t j = 0; j < k; j++) {
            res_idx(o, "obs", j, lr->observed[j]);
            res_idx(o, "exp", j, lr->expected[j]);
            res_idx(o, "n", j, (double)lr->n_group[j]);
        }
    }
    uf_stat_logrank_free(lr);
    end(o);
}

/* Survival with one case per person (SPEC §6): rows of persons with one
 * to three cases, starts with ties; the first case of each person by
 * (start, case) is kept, then Kaplan-Meier. */
static void case_kmfirst(out *o)
{
    double t[MAXN], start[MAXN], sel_t[MAXN];
    int e[MAXN], sel_e[MAXN];
    long long person[MAXN], id[MAXN];
    size_t first[MAXN], m;
    size_t n = unif() < 0.03 ? 0 : irand(1, 60), persons = n ? irand(1, n) : 1;
    surv_data(t, e, n);
    for (size_t i = 0; i < n; i++) {
        person[i] = (long long)irand(1, persons);
        start[i] = (double)irand(0, 6) * 30;          /* ties within a person */
        id[i] = (long long)(i * 7919 % 1009) + 1;     /* distinct, not in row order */
    }
    begin(o, "kmfirst");
    double pd[MAXN], idd[MAXN];
    for (size_t i = 0; i < n; i++) {
        pd[i] = (double)person[i];
        idd[i] = (double)id[i];
    }
    in_vec(o, "person", pd, n);
    in_vec(o, "start", start, n);
    in_vec(o, "case", idd, n);
    in_vec(o, "time", t, n);
    in_ints(o, "event", e, n);
    double at[] = { 3, 6, 12 };
    in_vec(o, "at", at, 3);
    uf_error st = uf_stat_first_of_each(person, start, id, n, first, &m);
    for (size_t i = 0; i < m; i++) {
        sel_t[i] = t[first[i]];
        sel_e[i] = e[first[i]];
    }
    uf_stat_km *km = NULL;
    result(o, st == UF_OK ? uf_stat_km_new(sel_t, sel_e, m, 0.95, &km) : st);
    res_num(o, "m", (double)m);
    km_results(o, km, at, 3);
    uf_stat_km_free(km);
    end(o);
}

/* Holm over 0..20 p-values: uniform, tiny, exact ties, ones and NaN (not
 * run: no test). */
static void case_holm(out *o)
{
    double p[24], adj[24];
    size_t n = irand(0, 20);
    for (size_t i = 0; i < n; i++) {
        double u = unif();
        p[i] = u < 0.1 ? NAN : u < 0.2 ? 1.0 : u < 0.35 ? pow(10, -(double)irand(3, 15)) * unif()
             : u < 0.5 && i > 0 ? p[irand(0, i - 1)] : unif() * (unif() < 0.5 ? 0.1 : 1);
    }
    begin(o, "holm");
    in_vec(o, "p", p, n);
    result(o, uf_stat_holm(p, n, adj));
    for (size_t i = 0; i < n; i++)
        res_idx(o, "adj", i, adj[i]);
    end(o);
}

/* The smallest p Fisher's test can give with a small table's margins
 * (r 2..3, c 2..4, n up to 16): kohort does not run a test that cannot
 * reach 0,05. */
static void case_fisherfloor(out *o)
{
    size_t r = irand(2, 3), c = irand(2, 4), x[12];
    double xd[12];
    for (size_t i = 0; i < r * c; i++) {
        x[i] = unif() < 0.3 ? 0 : irand(0, 4);
        xd[i] = (double)x[i];
    }
    begin(o, "fisherfloor");
    in_vec(o, "x", xd, r * c);
    in_num(o, "r", (double)r);
    double floor;
    result(o, uf_stat_fisher_floor(x, r, c, 1000000, &floor));
    res_num(o, "p", floor);
    end(o);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FOLDER\n", argv[0]);
        return 2;
    }
    char pin[1024], pres[1024];
    snprintf(pin, sizeof pin, "%s/cases.txt", argv[1]);
    snprintf(pres, sizeof pres, "%s/c.txt", argv[1]);
    out o = { fopen(pin, "w"), fopen(pres, "w"), 0 };
    if (!o.in || !o.res) {
        perror(argv[1]);
        return 1;
    }
    for (int i = 0; i < 300; i++) {
        case_desc(&o);
        case_wilson(&o);
        case_binom(&o);
        case_mcnemar(&o);
        case_poisson(&o);
        case_fisher(&o);
        case_tpaired(&o);
        case_welch(&o, "welch");
        case_signrank(&o);
        case_signrank(&o);
        case_ranksum(&o);
        case_ranksum(&o);
        case_smd(&o);
        case_km(&o);
        case_logrank(&o);
        case_kmfirst(&o);
        case_holm(&o);
        case_fisherfloor(&o);
        case_welch(&o, "did");
    }
    int bad = fclose(o.in) != 0;
    bad |= fclose(o.res) != 0;
    printf("r-diff: %ld fall skrivna till %s\n", o.id, argv[1]);
    return bad;
}
