/*
 * test_stats.c - the statistics of SPEC §6 (stats.h).
 *
 * Expected values come from outside the program: R's help-page examples
 * (wilcox.test, fisher.test, t.test on sleep, binom.test, poisson.test,
 * survfit/survdiff on aml and ovarian), Newcombe (1998) for the Wilson
 * interval, and hand calculations shown in the comments.  Where a value is
 * written with 15-17 digits it was printed by R 4.2.2 (survival 3.5-3)
 * with options(digits = 17) and is checked to 1e-9 (relative above 1,
 * absolute below), the tolerance SPEC §6 asks for; the rounded value the
 * help page prints is in the comment.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "uppfolj/stats.h"

#define TOL 1e-9

#define assert_near(got, want) near_at((got), (want), TOL, #got, __FILE__, __LINE__)

static void near_at(double got, double want, double tol, const char *what, const char *file,
                    int line)
{
    double scale = fabs(want) > 1 ? fabs(want) : 1;
    if (!(fabs(got - want) <= tol * scale)) {
        print_error("%s = %.17g, want %.17g\n", what, got, want);
        _fail(file, line);
    }
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- descriptive ------------------------------------------------------- */

/* x = 2 4 4 4 5 5 7 9: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16
 * = 32, var = 32/7, sd = sqrt(32/7) = 2.1380899352993952 (R: sd(x)). */
static void test_stats__mean_sd_by_hand(void **state)
{
    (void)state;
    const double x[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
    assert_near(uf_stat_mean(x, N(x)), 5);
    assert_near(uf_stat_sd(x, N(x)), sqrt(32.0 / 7));
    assert_near(uf_stat_sd(x, N(x)), 2.1380899352993952);
}

/* Type 7 on 1..10 (given unsorted): index 1 + 9p; p = .25 -> 3.25 between 3
 * and 4 -> 3.25; p = .5 -> 5.5; p = .75 -> 7.75; p = .1 -> 1.9 -> 1.9.
 * R: quantile(1:10) gives 1, 3.25, 5.5, 7.75, 10. */
static void test_stats__quantile_type7_by_hand(void **state)
{
    (void)state;
    const double x[] = { 7, 3, 10, 1, 5, 9, 2, 8, 4, 6 };
    const double p[] = { 0, 0.1, 0.25, 0.5, 0.75, 1 };
    const double want[] = { 1, 1.9, 3.25, 5.5, 7.75, 10 };
    for (size_t i = 0; i < N(p); i++) {
        double q;
        assert_int_equal(uf_stat_quantile(x, N(x), p[i], &q), UF_OK);
        assert_near(q, want[i]);
    }
    double m;
    assert_int_equal(uf_stat_median(x, 9, &m), UF_OK); /* 7 3 10 1 5 9 2 8 4 -> 5 */
    assert_near(m, 5);
    assert_int_equal(uf_stat_median(x, 10, &m), UF_OK);
    assert_near(m, 5.5);
}

static void test_stats__descriptive_small_n(void **state)
{
    (void)state;
    const double one[] = { 4.5 }, two[] = { 1, 4 }, same[] = { 3, 3, 3, 3 };
    double q;
    assert_true(isnan(uf_stat_mean(one, 0)));
    assert_true(isnan(uf_stat_sd(one, 0)));
    assert_int_equal(uf_stat_median(one, 0, &q), UF_ERR_INPUT);
    assert_true(isnan(q));
    assert_near(uf_stat_mean(one, 1), 4.5);
    assert_true(isnan(uf_stat_sd(one, 1))); /* R: sd(4.5) is NA */
    assert_int_equal(uf_stat_quantile(one, 1, 0.9, &q), UF_OK);
    assert_near(q, 4.5);
    assert_int_equal(uf_stat_median(two, 2, &q), UF_OK);
    assert_near(q, 2.5);
    assert_near(uf_stat_sd(two, 2), sqrt(4.5)); /* (1.5^2 * 2) / 1 */
    assert_near(uf_stat_sd(same, 4), 0);
    assert_int_equal(uf_stat_quantile(same, 4, 0.3, &q), UF_OK);
    assert_near(q, 3);
}

static void test_stats__quantile_rejects_nan_and_bad_p(void **state)
{
    (void)state;
    const double x[] = { 1, NAN, 3 };
    double q = 0;
    assert_int_equal(uf_stat_quantile(x, 3, 0.5, &q), UF_ERR_INPUT);
    assert_true(isnan(q));
    assert_int_equal(uf_stat_quantile(x, 1, 1.5, &q), UF_ERR_INPUT);
    assert_int_equal(uf_stat_quantile(x, 1, -0.1, &q), UF_ERR_INPUT);
    assert_true(isnan(uf_stat_quantile_sorted(x, 0, 0.5)));
    assert_true(isnan(uf_stat_mean(x, 3))); /* R: mean(c(1, NA, 3)) */
}

static void test_stats__describe(void **state)
{
    (void)state;
    const double x[] = { 7, 3, 10, 1, 5, 9, 2, 8, 4, 6 };
    uf_stat_summary s;
    assert_int_equal(uf_stat_describe(x, N(x), &s), UF_OK);
    assert_int_equal(s.n, 10);
    assert_near(s.mean, 5.5);
    assert_near(s.sd, sqrt(82.5 / 9)); /* sum (i - 5.5)^2 for 1..10 = 82.5 */
    assert_near(s.min, 1);
    assert_near(s.q1, 3.25);
    assert_near(s.median, 5.5);
    assert_near(s.q3, 7.75);
    assert_near(s.max, 10);
    assert_int_equal(uf_stat_describe(x, 0, &s), UF_ERR_INPUT);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.median));
}

/* ---- proportions, counts, rates ---------------------------------------- */

/* Newcombe RG (1998), Two-sided confidence intervals for the single
 * proportion, Stat Med 17:857-872, table I, method 3 (Wilson, no
 * continuity correction): 81/263 0.2553-0.3662, 15/148 0.0624-0.1605,
 * 0/20 0.0000-0.1611, 1/29 0.0061-0.1718.  Full values from R
 * prop.test(x, n, correct = FALSE)$conf.int. */
static void test_stats__wilson_newcombe_examples(void **state)
{
    (void)state;
    const size_t x[] = { 81, 15, 0, 1 }, n[] = { 263, 148, 20, 29 };
    const double lo[] = { 0.25528851987827428, 0.062386399530736283, 0, 0.006113214292762661 };
    const double hi[] = { 0.36620957698280016, 0.160487241723308000, 0.1611251580528193,
                          0.171755218793202824 };
    for (size_t i = 0; i < N(x); i++) {
        uf_stat_prop p;
        assert_int_equal(uf_stat_wilson(x[i], n[i], 0.95, &p), UF_OK);
        assert_near(p.lo, lo[i]);
        assert_near(p.hi, hi[i]);
        assert_near(p.estimate, (double)x[i] / (double)n[i]);
        assert_int_equal(p.n, n[i]);
    }
}

/* x = 0: R sets the lower end to exactly 0 and the upper end is
 * z^2 / (n + z^2) = 3.8414588206941236 / 23.841458820694124 = 0.16112515805
 * (n = 20); x = n mirrors it with the upper end exactly 1. */
static void test_stats__wilson_edges(void **state)
{
    (void)state;
    uf_stat_prop p;
    double z = 1.959963984540054;
    assert_int_equal(uf_stat_wilson(0, 20, 0.95, &p), UF_OK);
    assert_true(p.lo == 0);
    assert_near(p.hi, z * z / (20 + z * z));
    assert_int_equal(uf_stat_wilson(20, 20, 0.95, &p), UF_OK);
    assert_true(p.hi == 1);
    assert_near(p.lo, 0.83887484194718065);
    assert_int_equal(uf_stat_wilson(0, 0, 0.95, &p), UF_ERR_INPUT);
    assert_true(isnan(p.lo) && isnan(p.hi) && isnan(p.estimate));
    assert_int_equal(uf_stat_wilson(3, 2, 0.95, &p), UF_ERR_INPUT);
    assert_int_equal(uf_stat_wilson(1, 2, 1.0, &p), UF_ERR_USAGE);
}

/* binom.test help page: binom.test(682, 682 + 243, p = 3/4), p-value =
 * 0.3825. */
static void test_stats__binom_test_help_page(void **state)
{
    (void)state;
    uf_stat_binom b;
    assert_int_equal(uf_stat_binom_test(682, 925, 0.75, &b), UF_OK);
    assert_near(b.p, 0.38249155957485192);
    assert_near(b.estimate, 682.0 / 925);
    assert_int_equal(uf_stat_binom_test(0, 5, 0, &b), UF_OK); /* R: x == 0 */
    assert_near(b.p, 1);
    assert_int_equal(uf_stat_binom_test(1, 5, 0, &b), UF_OK);
    assert_near(b.p, 0);
    assert_int_equal(uf_stat_binom_test(1, 5, 1.5, &b), UF_ERR_USAGE);
}

/* b = 3, c = 12: 2 P(X <= 3), X ~ Bin(15, 1/2) = 2 (1 + 15 + 105 + 455) /
 * 32768 = 0.03515625.  The mcnemar.test help page's Performance table has
 * b = 86, c = 150: binom.test(86, 236) gives 3.71593613957143e-05. */
static void test_stats__mcnemar_exact(void **state)
{
    (void)state;
    uf_stat_binom b;
    assert_int_equal(uf_stat_mcnemar_exact(3, 12, &b), UF_OK);
    assert_near(b.p, 0.03515625);
    assert_int_equal(b.n, 15);
    assert_int_equal(uf_stat_mcnemar_exact(12, 3, &b), UF_OK);
    assert_near(b.p, 0.03515625);
    assert_int_equal(uf_stat_mcnemar_exact(86, 150, &b), UF_OK);
    assert_near(b.p, 3.71593613957143e-05);
    assert_int_equal(uf_stat_mcnemar_exact(5, 5, &b), UF_OK); /* x == n p */
    assert_near(b.p, 1);
    assert_int_equal(uf_stat_mcnemar_exact(0, 0, &b), UF_ERR_INPUT);
    assert_true(isnan(b.p));
}

/* Holm by hand: of the four p-values that are numbers, sorted 0.005,
 * 0.01, 0.03, 0.04, times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04, running
 * maximum 0.02, 0.03, 0.06, 0.06; NaN stays NaN and does not count. */
static void test_stats__holm_by_hand(void **state)
{
    (void)state;
    const double p[] = { 0.01, 0.04, 0.03, NAN, 0.005 };
    double adj[5];
    assert_int_equal(uf_stat_holm(p, 5, adj), UF_OK);
    assert_true(fabs(adj[0] - 0.03) < 1e-15);
    assert_true(fabs(adj[1] - 0.06) < 1e-15);
    assert_true(fabs(adj[2] - 0.06) < 1e-15);
    assert_true(isnan(adj[3]));
    assert_true(fabs(adj[4] - 0.02) < 1e-15);
    /* capped at 1: 0.5 x 2 = 1, 0.6 x 1 below the running maximum */
    const double q[] = { 0.6, 0.5 };
    assert_int_equal(uf_stat_holm(q, 2, adj), UF_OK);
    assert_true(adj[0] == 1 && adj[1] == 1);
    /* ties get one value, whatever the sort does: 3 x 0.01 for both */
    const double t[] = { 0.01, 0.2, 0.01 };
    assert_int_equal(uf_stat_holm(t, 3, adj), UF_OK);
    assert_true(fabs(adj[0] - 0.03) < 1e-15 && adj[0] == adj[2]);
    assert_true(fabs(adj[1] - 0.2) < 1e-15);
    assert_int_equal(uf_stat_holm(t, 0, adj), UF_OK); /* nothing to adjust */
}

/* One per group: group 1 has rows 1 (order 9) and 3 (order 3): row 3;
 * group 2 rows 0 and 2 with the same order 5, tiebreak 20 and 10: row 2;
 * group 3 row 4.  Ascending: 2, 3, 4. */
static void test_stats__first_of_each(void **state)
{
    (void)state;
    const long long group[] = { 2, 1, 2, 1, 3 }, tie[] = { 20, 10, 10, 30, 5 };
    const double order[] = { 5, 9, 5, 3, 1 };
    size_t first[5], m = 99;
    assert_int_equal(uf_stat_first_of_each(group, order, tie, 5, first, &m), UF_OK);
    assert_int_equal(m, 3);
    assert_int_equal(first[0], 2);
    assert_int_equal(first[1], 3);
    assert_int_equal(first[2], 4);
    assert_int_equal(uf_stat_first_of_each(group, order, tie, 0, first, &m), UF_OK);
    assert_int_equal(m, 0);
}

/* The smallest p Fisher's test can give with the margins, by hand: rows
 * and columns (3, 3): the tables have probabilities C(3,a) C(3,3-a) / 20
 * = 1, 9, 9, 1 (/20), the least probable two give 2/20 = 0.1, whatever the
 * table; margins (5, 5): 2 / C(10, 5) = 2/252.  A budget too small for
 * the tables says so. */
static void test_stats__fisher_floor_by_hand(void **state)
{
    (void)state;
    double floor;
    const size_t t33[] = { 2, 1, 1, 2 };
    assert_int_equal(uf_stat_fisher_floor(t33, 2, 2, 1000, &floor), UF_OK);
    assert_true(fabs(floor - 0.1) < 1e-12);
    const size_t t55[] = { 3, 2, 2, 3 };
    assert_int_equal(uf_stat_fisher_floor(t55, 2, 2, 1000, &floor), UF_OK);
    assert_true(fabs(floor - 2.0 / 252) < 1e-12);
    assert_int_equal(uf_stat_fisher_floor(t55, 2, 2, 3, &floor), UF_ERR_INPUT); /* 6 tables */
    assert_true(isnan(floor));
    assert_int_equal(uf_stat_fisher_floor(t55, 1, 4, 1000, &floor), UF_ERR_INPUT);
}

/* poisson.test help page: poisson.test(137, 24.19893): rate 5.661407,
 * 95 % CI 4.753125 6.692709. */
static void test_stats__poisson_help_page(void **state)
{
    (void)state;
    uf_stat_rate r;
    assert_int_equal(uf_stat_poisson_ci(137, 24.19893, 0.95, &r), UF_OK);
    assert_near(r.rate, 5.6614073432172409);
    assert_near(r.lo, 4.7531248048487482);
    assert_near(r.hi, 6.6927093341760706);
    assert_int_equal(r.x, 137);
}

/* x = 0: lower 0, upper qgamma(0.975, 1) / T = -log(0.025) / T. */
static void test_stats__poisson_zero_and_bad_time(void **state)
{
    (void)state;
    uf_stat_rate r;
    assert_int_equal(uf_stat_poisson_ci(0, 10, 0.95, &r), UF_OK);
    assert_true(r.lo == 0);
    assert_near(r.hi, -log(0.025) / 10);
    assert_near(r.hi, 0.36888794541139353);
    assert_int_equal(uf_stat_poisson_ci(3, 0, 0.95, &r), UF_ERR_INPUT);
    assert_true(isnan(r.rate));
    assert_int_equal(uf_stat_poisson_ci(3, INFINITY, 0.95, &r), UF_ERR_INPUT);
}

/* fisher.test help page, TeaTasting = matrix(c(3, 1, 1, 3), 2): p = 0.4857.
 * By hand: the first cell takes 0..4 with probabilities 1, 16, 36, 16, 1 /
 * 70; the observed 3 has 16/70; those <= it sum to 34/70. */
static void test_stats__fisher_tea_tasting(void **state)
{
    (void)state;
    uf_stat_fisher f;
    assert_int_equal(uf_stat_fisher_2x2(3, 1, 1, 3, &f), UF_OK);
    assert_near(f.p, 34.0 / 70);
    assert_near(f.p, 0.48571428571428582);
    assert_int_equal(f.n, 8);
}

/* fisher.test help page, Convictions = matrix(c(2, 10, 15, 3), 2), i.e.
 * rows (2, 15) and (10, 3): two-sided p = 0.0005367. */
static void test_stats__fisher_convictions(void **state)
{
    (void)state;
    uf_stat_fisher f;
    assert_int_equal(uf_stat_fisher_2x2(2, 15, 10, 3, &f), UF_OK);
    assert_near(f.p, 0.00053672411914343636);
    const size_t x[] = { 2, 15, 10, 3 };
    assert_int_equal(uf_stat_fisher_rxc(x, 2, 2, &f), UF_OK); /* R's 2x2 path */
    assert_near(f.p, 0.00053672411914343636);
}

/* Agreement with FEXACT: 1e-9 relative (R's own value moves by ~1e-12 with
 * its workspace). */
#define assert_fexact(x, r) assert_true(fabs((x) - (r)) <= 1e-9 * (r))

/* Two cohorts x six end reasons, n = 991, goals met ~46 %, avhopp ~20 %,
 * crime ~18 %, placement, move, other.  R:
 *   fisher.test(matrix(c(235,95,95,30,25,20, 220,100,85,35,30,21), 2,
 *                      byrow = TRUE))$p.value            # 0.02 s
 * and a pair that differs more (FEXACT needs workspace = 2e7):
 *   fisher.test(matrix(c(260,80,90,30,25,15, 205,115,90,35,30,16), 2,
 *                      byrow = TRUE), workspace = 2e7)$p.value */
static void test_stats__fisher_rxc_2x6_n991(void **state)
{
    (void)state;
    uf_stat_fisher f;
    const size_t x[] = { 235, 95, 95, 30, 25, 20, 220, 100, 85, 35, 30, 21 };
    assert_int_equal(uf_stat_fisher_rxc(x, 2, 6, &f), UF_OK);
    assert_fexact(f.p, 0.85556018510531839);
    assert_int_equal(f.n, 991);
    const size_t y[] = { 260, 80, 90, 30, 25, 15, 205, 115, 90, 35, 30, 16 };
    assert_int_equal(uf_stat_fisher_rxc(y, 2, 6, &f), UF_OK);
    assert_fexact(f.p, 0.017915256611885279);
    assert_false(f.too_large);
}

/* fisher.test(matrix(c(12,5,3,7, 8,9,4,2, 3,6,10,5), 3, byrow = TRUE))$p.value
 * and its transpose (rows and columns change roles inside). */
static void test_stats__fisher_rxc_3x4(void **state)
{
    (void)state;
    uf_stat_fisher f;
    const size_t x[] = { 12, 5, 3, 7, 8, 9, 4, 2, 3, 6, 10, 5 };
    const size_t t[] = { 12, 8, 3, 5, 9, 6, 3, 4, 10, 7, 2, 5 };
    assert_int_equal(uf_stat_fisher_rxc(x, 3, 4, &f), UF_OK);
    assert_fexact(f.p, 0.032045026653500584);
    assert_int_equal(uf_stat_fisher_rxc(t, 4, 3, &f), UF_OK);
    assert_fexact(f.p, 0.032045026653500584);
}

/* fisher.test(matrix(c(6,3,2,1,0,2, 4,5,1,2,1,0, 2,2,4,0,3,1, 1,3,2,3,1,2),
 *                    4, byrow = TRUE), workspace = 2e7)$p.value */
static void test_stats__fisher_rxc_4x6(void **state)
{
    (void)state;
    uf_stat_fisher f;
    const size_t x[] = { 6, 3, 2, 1, 0, 2, 4, 5, 1, 2, 1, 0, 2, 2, 4, 0, 3, 1, 1, 3, 2, 3, 1, 2 };
    assert_int_equal(uf_stat_fisher_rxc(x, 4, 6, &f), UF_OK);
    assert_fexact(f.p, 0.34056263107393958);
    assert_int_equal(f.n, 51);
}

/* Zero rows and columns: R drops nothing but they change nothing.
 *   fisher.test(matrix(c(3,0,1,4, 0,0,0,0, 0,0,5,2), 3, byrow = TRUE))$p.value
 * is the p of the 2x3 table (3,1,4 / 0,5,2), 0.04102564102564113.  One
 * non-zero row or column: one table, p = 1
 *   fisher.test(matrix(c(5,0,0, 3,0,0, 2,0,0), 3, byrow = TRUE))$p.value
 * and an all-zero table is an error in R (FEXACT error 3). */
static void test_stats__fisher_rxc_zeros(void **state)
{
    (void)state;
    uf_stat_fisher f;
    const size_t x[] = { 3, 0, 1, 4, 0, 0, 0, 0, 0, 0, 5, 2 };
    assert_int_equal(uf_stat_fisher_rxc(x, 3, 4, &f), UF_OK);
    assert_fexact(f.p, 0.04102564102564113);
    assert_int_equal(f.n, 15);
    const size_t one[] = { 5, 0, 0, 3, 0, 0, 2, 0, 0 };
    assert_int_equal(uf_stat_fisher_rxc(one, 3, 3, &f), UF_OK);
    assert_near(f.p, 1);
    const size_t z[9] = { 0 };
    assert_int_equal(uf_stat_fisher_rxc(z, 3, 3, &f), UF_ERR_INPUT);
    assert_true(isnan(f.p));
    assert_false(f.too_large);
    assert_int_equal(uf_stat_fisher_rxc(z, 1, 9, &f), UF_ERR_INPUT); /* R: >= 2 rows */
}

/* Beyond the limits (here: n over UF_STAT_FISHER_MAX_N) the test gives up
 * at once with p NAN and too_large.  (A 4 x 6 table with n = 915 hits the
 * step limit after ~10 s: bench/fisher; R's FEXACT, workspace = 2e8, had
 * not answered it after 10 minutes.) */
static void test_stats__fisher_rxc_too_large(void **state)
{
    (void)state;
    uf_stat_fisher f;
    const size_t x[] = { UF_STAT_FISHER_MAX_N, 5, 7, 3, 2, 9 };
    assert_int_equal(uf_stat_fisher_rxc(x, 2, 3, &f), UF_ERR_INPUT);
    assert_true(isnan(f.p));
    assert_true(f.too_large);
}

/* A zero margin leaves one possible table: p = 1 (R agrees, also for an
 * all-zero 2x2). */
static void test_stats__fisher_degenerate(void **state)
{
    (void)state;
    uf_stat_fisher f;
    assert_int_equal(uf_stat_fisher_2x2(3, 0, 0, 0, &f), UF_OK);
    assert_near(f.p, 1);
    assert_int_equal(uf_stat_fisher_2x2(0, 0, 0, 0, &f), UF_OK);
    assert_near(f.p, 1);
}

/* ---- t tests ----------------------------------------------------------- */

static const double sleep1[] = { 0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0 };
static const double sleep2[] = { 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4 };

/* t.test help page: t.test(extra ~ group, data = sleep): t = -1.8608,
 * df = 17.776, p-value = 0.07939, CI -3.3654832 0.2054832. */
static void test_stats__ttest_welch_sleep(void **state)
{
    (void)state;
    uf_stat_ttest t;
    assert_int_equal(uf_stat_ttest_welch(sleep1, 10, sleep2, 10, 0.95, &t), UF_OK);
    assert_near(t.estimate, -1.58);
    assert_near(t.lo, -3.365483230711710405);
    assert_near(t.hi, 0.205483230711710180);
    assert_near(t.t, -1.860813467486853057);
    assert_near(t.df, 17.776473516178498357);
    assert_near(t.p, 0.079394140187358173);
    assert_int_equal(t.n, 20);
    assert_int_equal(t.n1, 10);
    /* difference in differences is the same test */
    uf_stat_ttest d;
    assert_int_equal(uf_stat_did(sleep1, 10, sleep2, 10, 0.95, &d), UF_OK);
    assert_near(d.p, t.p);
    assert_near(d.lo, t.lo);
}

/* Paired sleep (help page: t = -4.0621, df = 9, p-value = 0.002833 for
 * group 1 - group 2); here after = group 2, before = group 1, so the signs
 * turn: mean difference 1.58, CI 0.7001142 2.4598858. */
static void test_stats__ttest_paired_sleep(void **state)
{
    (void)state;
    uf_stat_ttest t;
    assert_int_equal(uf_stat_ttest_paired(sleep2, sleep1, 10, 0.95, &t), UF_OK);
    assert_near(t.estimate, 1.58);
    assert_near(t.lo, 0.7001142367230175356);
    assert_near(t.hi, 2.4598857632769823844);
    assert_near(t.t, 4.0621276833820365582);
    assert_near(t.df, 9);
    assert_near(t.p, 0.0028328901973842702);
    assert_int_equal(t.n, 10);
    assert_int_equal(uf_stat_ttest_paired(sleep2, sleep1, 10, 0.90, &t), UF_OK);
    assert_near(t.lo, 0.8669947329707165);
    assert_near(t.hi, 2.2930052670292835);
}

static void test_stats__ttest_degenerate(void **state)
{
    (void)state;
    const double a[] = { 1, 2, 3 }, b[] = { 2, 3, 4 }, bad[] = { 1, INFINITY, 3 };
    uf_stat_ttest t;
    assert_int_equal(uf_stat_ttest_paired(a, b, 0, 0.95, &t), UF_ERR_INPUT);
    assert_true(isnan(t.estimate) && isnan(t.p));
    assert_int_equal(uf_stat_ttest_paired(a, b, 1, 0.95, &t), UF_ERR_INPUT);
    assert_near(t.estimate, -1); /* R stops: not enough x */
    assert_true(isnan(t.t));
    /* all differences 0: R gives estimate 0, df 2, t = p = NaN */
    assert_int_equal(uf_stat_ttest_paired(a, a, 3, 0.95, &t), UF_ERR_INPUT);
    assert_near(t.estimate, 0);
    assert_near(t.df, 2);
    assert_true(isnan(t.t) && isnan(t.p) && isnan(t.lo));
    /* constant difference -1: R "data are essentially constant" */
    assert_int_equal(uf_stat_ttest_paired(a, b, 3, 0.95, &t), UF_ERR_INPUT);
    assert_true(isnan(t.p));
    assert_int_equal(uf_stat_ttest_paired(bad, b, 3, 0.95, &t), UF_ERR_INPUT);
    assert_int_equal(uf_stat_ttest_paired(a, b, 3, 0, &t), UF_ERR_USAGE);
    /* Welch: a group of one, two constant groups */
    assert_int_equal(uf_stat_ttest_welch(a, 1, b, 3, 0.95, &t), UF_ERR_INPUT);
    assert_near(t.estimate, -2);
    const double c1[] = { 5, 5 }, c2[] = { 7, 7, 7 };
    assert_int_equal(uf_stat_ttest_welch(c1, 2, c2, 3, 0.95, &t), UF_ERR_INPUT);
    assert_near(t.estimate, -2);
    assert_true(isnan(t.t) && isnan(t.df));
    /* one constant group is fine: df = n - 1 of the other */
    assert_int_equal(uf_stat_ttest_welch(a, 3, c2, 3, 0.95, &t), UF_OK);
    assert_near(t.df, 2);
}

/* ---- Wilcoxon ---------------------------------------------------------- */

/* wilcox.test help page, depression data: V = 40, p-value = 0.03906.
 * By hand: all nine differences are non-zero and distinct, V = 40 of a
 * maximum 45, and P(V >= 40) = P(V <= 5) = 10/512 (the subsets of 1..9
 * with sum <= 5: {}, 1, 2, 3, 4, 5, 12, 13, 14, 23), doubled: 0.0390625. */
static void test_stats__signrank_depression(void **state)
{
    (void)state;
    const double x[] = { 1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30 };
    const double y[] = { 0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29 };
    uf_stat_wilcoxon w;
    assert_int_equal(uf_stat_signrank_paired(x, y, 9, &w), UF_OK);
    assert_near(w.statistic, 40);
    assert_near(w.p, 0.0390625);
    assert_true(w.exact);
    assert_int_equal(w.n, 9);
    assert_int_equal(w.n_zero, 0);
    assert_near(uf_stat_psignrank(5, 9, 1), 10.0 / 512);
    assert_near(uf_stat_psignrank(39, 9, 0), 10.0 / 512);
}

/* Differences 1, -2, 2, 0, 3: the zero is dropped (n = 4); |d| ranks 1,
 * 2.5, 2.5, 4; V = 1 + 2.5 + 4 = 7.5; mean n(n+1)/4 = 5; one tie of two:
 * SIGMA = sqrt(4*5*9/24 - (8-2)/48) = sqrt(7.375); z = (2.5 - 0.5) /
 * SIGMA; p = 2 (1 - pnorm(z)) = 0.46145098783336075 (R agrees). */
static void test_stats__signrank_zeros_and_ties(void **state)
{
    (void)state;
    const double after[] = { 1, -2, 2, 0, 3 }, before[] = { 0, 0, 0, 0, 0 };
    uf_stat_wilcoxon w;
    assert_int_equal(uf_stat_signrank_paired(after, before, 5, &w), UF_OK);
    assert_near(w.statistic, 7.5);
    assert_near(w.p, 0.46145098783336075);
    assert_false(w.exact);
    assert_int_equal(w.n, 4);
    assert_int_equal(w.n_zero, 1);
}

/* All differences zero: R gives V = 0 and p-value NA. */
static void test_stats__signrank_all_zero(void **state)
{
    (void)state;
    const double a[] = { 1, 2, 3 };
    uf_stat_wilcoxon w;
    assert_int_equal(uf_stat_signrank_paired(a, a, 3, &w), UF_ERR_INPUT);
    assert_near(w.statistic, 0);
    assert_true(isnan(w.p));
    assert_int_equal(w.n, 0);
    assert_int_equal(w.n_zero, 3);
    assert_int_equal(uf_stat_signrank_paired(a, a, 0, &w), UF_ERR_INPUT);
    assert_true(isnan(w.statistic));
}

/* wilcox.test help page: x <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91,
 * 1.64, 0.73, 1.46); y <- c(1.15, 0.88, 0.90, 0.74, 1.21): W = 35; the
 * page tests "greater" (p = 0.1272); two-sided is twice that. */
static void test_stats__ranksum_exact_help_page(void **state)
{
    (void)state;
    const double x[] = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 };
    const double y[] = { 1.15, 0.88, 0.90, 0.74, 1.21 };
    uf_stat_wilcoxon w;
    assert_int_equal(uf_stat_ranksum(x, 10, y, 5, &w), UF_OK);
    assert_near(w.statistic, 35);
    assert_near(w.p, 0.2544122544122544);
    assert_true(w.exact);
    assert_int_equal(w.n, 15);
}

/* wilcox.test help page: Ozone in May and August (airquality, NAs
 * removed): W = 127.5, p-value = 0.0001208 (ties: normal approximation). */
static void test_stats__ranksum_ties_airquality(void **state)
{
    (void)state;
    const double may[] = { 41, 36, 12, 18, 28, 23, 19, 8, 7,  16, 11, 14,  18,
                           14, 34, 6,  30, 11, 1,  11, 4, 32, 23, 45, 115, 37 };
    const double aug[] = { 39, 9,  16, 78, 35, 66, 122, 89,  110, 44, 28,  65, 22,
                           59, 23, 31, 44, 21, 9,  45,  168, 73,  76, 118, 84, 85 };
    uf_stat_wilcoxon w;
    assert_int_equal(uf_stat_ranksum(may, N(may), aug, N(aug), &w), UF_OK);
    assert_near(w.statistic, 127.5);
    assert_near(w.p, 1.2080783076877442e-04);
    assert_false(w.exact);
}

/* pwilcox by hand: m = n = 4, 70 orders; W = 0, 1, 2, 3 in 1, 1, 2, 3 of
 * them: P(W <= 3) = 7/70.  m = n = 1: P(W <= 0) = 1/2. */
static void test_stats__ranksum_distribution_and_edges(void **state)
{
    (void)state;
    assert_near(uf_stat_pwilcox(3, 4, 4, 1), 0.1);
    assert_near(uf_stat_pwilcox(12, 4, 4, 0), 0.1); /* symmetric */
    assert_near(uf_stat_pwilcox(0, 1, 1, 1), 0.5);
    assert_near(uf_stat_pwilcox(-1, 3, 2, 1), 0);
    assert_near(uf_stat_pwilcox(6, 3, 2, 1), 1);
    const double a[] = { 1, 1 }, b[] = { 1, 1, 1 }, c[] = { 2 };
    uf_stat_wilcoxon w;
    assert_int_equal(uf_stat_ranksum(a, 2, b, 3, &w), UF_ERR_INPUT); /* R: p NA */
    assert_near(w.statistic, 3);                                     /* n1 n2 / 2 */
    assert_true(isnan(w.p));
    assert_int_equal(uf_stat_ranksum(a, 2, b, 0, &w), UF_ERR_INPUT);
    assert_int_equal(uf_stat_ranksum(c, 1, a, 1, &w), UF_OK); /* R: W = 1, p = 1 */
    assert_near(w.statistic, 1);
    assert_near(w.p, 1);
}

/* ---- SMD --------------------------------------------------------------- */

/* (10 - 8) / sqrt((2^2 + 4^2)/2) = 2 / sqrt(10); binary (0.5 - 0.3) /
 * sqrt((0.25 + 0.21)/2) = 0.2 / sqrt(0.23). */
static void test_stats__smd_by_hand(void **state)
{
    (void)state;
    assert_near(uf_stat_smd(10, 2, 8, 4), 2 / sqrt(10));
    assert_near(uf_stat_smd_binary(0.5, 0.3), 0.2 / sqrt(0.23));
    assert_true(isnan(uf_stat_smd(3, 0, 3, 0)));
    assert_true(isinf(uf_stat_smd(4, 0, 3, 0)) && uf_stat_smd(4, 0, 3, 0) > 0);
    assert_true(isnan(uf_stat_smd_binary(0, 0)));
    assert_true(isinf(uf_stat_smd_binary(0, 1)) && uf_stat_smd_binary(0, 1) < 0);
    const double a[] = { 1, 2, 3 }, b[] = { 2, 4 };
    uf_stat_balance s;
    /* means 2 and 3, variances 1 and 2: -1 / sqrt(1.5) */
    assert_int_equal(uf_stat_smd_data(a, 3, b, 2, &s), UF_OK);
    assert_near(s.smd, -1 / sqrt(1.5));
    assert_int_equal(s.n2, 2);
    assert_int_equal(uf_stat_smd_data(a, 3, b, 1, &s), UF_ERR_INPUT);
    assert_true(isnan(s.smd));
}

/* ---- survival ---------------------------------------------------------- */

/* aml, x == "Maintained" (survfit help page data): time 9 13 13+ 18 23 28+
 * 31 34 45+ 48 161+. */
static const double aml_t[] = { 9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161 };
static const int aml_e[] = { 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0 };

/* survfit(Surv(time, status) ~ 1, data = aml[aml$x == "Maintained", ]):
 * S = 10/11, 10/11 * 9/10, ... ; fit$std.err, summary()$std.err, lower,
 * upper printed by R. */
static void test_stats__km_aml(void **state)
{
    (void)state;
    const double time[] = { 9, 13, 18, 23, 28, 31, 34, 45, 48, 161 };
    const size_t risk[] = { 11, 10, 8, 7, 6, 5, 4, 3, 2, 1 };
    const size_t event[] = { 1, 1, 1, 1, 0, 1, 1, 0, 1, 0 };
    const size_t cens[] = { 0, 1, 0, 0, 1, 0, 0, 1, 0, 1 };
    const double surv[] = { 0.90909090909090906, 0.81818181818181812, 0.71590909090909083,
                            0.61363636363636354, 0.61363636363636354, 0.49090909090909085,
                            0.36818181818181817, 0.36818181818181817, 0.18409090909090908,
                            0.18409090909090908 };
    const double sech[] = { 0.095346258924559224, 0.142133810903740276, 0.195087577921207123,
                            0.248734169081545498, 0.248734169081545498, 0.334467766561572954,
                            0.441816726937788340, 0.441816726937788340, 0.833787754888508870,
                            0.833787754888508870 };
    const double se[] = { 0.08667841720414475, 0.11629129983033294, 0.13966497055722782,
                          0.15263233102731200, 0.15263233102731200, 0.16419326722113581,
                          0.16266888582709479, 0.16266888582709479, 0.15349274578629368,
                          0.15349274578629368 };
    const double lower[] = { 0.754133845081525478, 0.619248987399363515, 0.488426287422128458,
                             0.376867059501679758, 0.376867059501679758, 0.254859951199317314,
                             0.154877117897191052, 0.154877117897191052, 0.035917898489185258,
                             0.035917898489185258 };
    const double upper[] = { 1,
                             1,
                             1,
                             0.99915760022847266,
                             0.99915760022847266,
                             0.94558495520042918,
                             0.87526067814390762,
                             0.87526067814390762,
                             0.94352576947455202,
                             0.94352576947455202 };
    uf_stat_km *km;
    assert_int_equal(uf_stat_km_new(aml_t, aml_e, N(aml_t), 0.95, &km), UF_OK);
    assert_int_equal(km->n, 11);
    assert_int_equal(km->k, 10);
    for (size_t i = 0; i < km->k; i++) {
        assert_near(km->time[i], time[i]);
        assert_int_equal(km->n_risk[i], risk[i]);
        assert_int_equal(km->n_event[i], event[i]);
        assert_int_equal(km->n_censor[i], cens[i]);
        assert_near(km->surv[i], surv[i]);
        assert_near(km->se_cumhaz[i], sech[i]);
        assert_near(km->std_err[i], se[i]);
        assert_near(km->lower[i], lower[i]);
        assert_near(km->upper[i], upper[i]);
    }
    uf_stat_km_free(km);
}

/* summary(fit, times = c(12, 30, 100)): n.risk 10, 5, 1; the rows of 9, 28
 * and 48.  Before the first time S = 1; after the last R gives nothing. */
static void test_stats__km_at_times(void **state)
{
    (void)state;
    uf_stat_km *km;
    uf_stat_km_point pt;
    assert_int_equal(uf_stat_km_new(aml_t, aml_e, N(aml_t), 0.95, &km), UF_OK);
    assert_int_equal(uf_stat_km_at(km, 12, &pt), UF_OK);
    assert_int_equal(pt.n_risk, 10);
    assert_near(pt.surv, 0.90909090909090906);
    assert_near(pt.std_err, 0.08667841720414475);
    assert_near(pt.lower, 0.754133845081525478);
    assert_near(pt.upper, 1);
    assert_int_equal(uf_stat_km_at(km, 30, &pt), UF_OK);
    assert_int_equal(pt.n_risk, 5);
    assert_near(pt.surv, 0.61363636363636354);
    assert_near(pt.upper, 0.99915760022847266);
    assert_int_equal(uf_stat_km_at(km, 100, &pt), UF_OK);
    assert_int_equal(pt.n_risk, 1);
    assert_near(pt.surv, 0.18409090909090908);
    assert_near(pt.lower, 0.035917898489185258);
    assert_int_equal(uf_stat_km_at(km, 13, &pt), UF_OK); /* at a time: its row */
    assert_int_equal(pt.n_risk, 10);
    assert_near(pt.surv, 0.81818181818181812);
    assert_int_equal(uf_stat_km_at(km, 0, &pt), UF_OK);
    assert_near(pt.surv, 1);
    assert_near(pt.std_err, 0);
    assert_int_equal(pt.n_risk, 11);
    assert_int_equal(uf_stat_km_at(km, 161, &pt), UF_OK);
    assert_int_equal(uf_stat_km_at(km, 200, &pt), UF_ERR_INPUT);
    assert_true(isnan(pt.surv));
    assert_int_equal(uf_stat_km_at(km, NAN, &pt), UF_ERR_INPUT);
    uf_stat_km_free(km);
}

static void test_stats__km_edges(void **state)
{
    (void)state;
    uf_stat_km dummy, *km = &dummy;
    const double t[] = { 1, 2, 3 };
    const int cens[] = { 0, 0, 0 }, ev[] = { 1, 1, 1 }, bad[] = { 1, 2, 0 };
    assert_int_equal(uf_stat_km_new(t, ev, 0, 0.95, &km), UF_ERR_INPUT);
    assert_null(km);
    assert_int_equal(uf_stat_km_new(t, bad, 3, 0.95, &km), UF_ERR_INPUT);
    assert_int_equal(uf_stat_km_new(t, ev, 3, 1.5, &km), UF_ERR_USAGE);
    /* all censored: S = 1, SE 0, interval [1, 1] */
    assert_int_equal(uf_stat_km_new(t, cens, 3, 0.95, &km), UF_OK);
    assert_int_equal(km->k, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_near(km->surv[i], 1);
        assert_near(km->se_cumhaz[i], 0);
        assert_near(km->lower[i], 1);
        assert_near(km->upper[i], 1);
    }
    uf_stat_km_free(km);
    /* one subject with an event: S = 0, fit$std.err Inf, the rest NA */
    assert_int_equal(uf_stat_km_new(t, ev, 1, 0.95, &km), UF_OK);
    assert_near(km->surv[0], 0);
    assert_true(isinf(km->se_cumhaz[0]));
    assert_true(isnan(km->std_err[0]) && isnan(km->lower[0]) && isnan(km->upper[0]));
    uf_stat_km_free(km);
    /* timefix: 1 and 1 + 1e-12 are one time (survfit's aeqSurv) */
    const double near[] = { 1, 1 + 1e-12, 2 };
    assert_int_equal(uf_stat_km_new(near, ev, 3, 0.95, &km), UF_OK);
    assert_int_equal(km->k, 2);
    assert_int_equal(km->n_event[0], 2);
    assert_near(km->surv[0], 1.0 / 3);
    uf_stat_km_free(km);
    uf_stat_km_free(NULL);
}

/* survdiff(Surv(time, status) ~ x, data = aml): Chisq = 3.4 on 1 df,
 * p = 0.07; observed 7, 11; expected 10.69, 7.31. */
static void test_stats__logrank_aml(void **state)
{
    (void)state;
    const double t[] = { 9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5,
                         5, 8,  8,  12, 16, 23, 27, 30, 33, 43, 45 };
    const int e[] = { 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1 };
    const size_t g[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    uf_stat_logrank *lr;
    assert_int_equal(uf_stat_logrank_new(t, e, g, N(t), 2, &lr), UF_OK);
    assert_near(lr->chisq, 3.396388698977601095);
    assert_near(lr->df, 1);
    assert_near(lr->p, 0.065339322040505132);
    assert_near(lr->observed[0], 7);
    assert_near(lr->observed[1], 11);
    assert_near(lr->expected[0], 10.6893359923007250);
    assert_near(lr->expected[1], 7.3106640076992759);
    assert_int_equal(lr->n_group[0], 11);
    assert_int_equal(lr->n, 23);
    uf_stat_logrank_free(lr);
}

/* survdiff(Surv(futime, fustat) ~ rx, data = ovarian) (survival's data):
 * Chisq = 1.1 on 1 df, p = 0.3. */
static void test_stats__logrank_ovarian(void **state)
{
    (void)state;
    const double t[] = { 59,  115, 156, 421,  431,  448,  464,  475,  477, 563, 638, 744, 769,
                         770, 803, 855, 1040, 1106, 1129, 1206, 1227, 268, 329, 353, 365, 377 };
    const int e[] = {
        1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0
    };
    const size_t g[] = { 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1,
                         1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1 };
    uf_stat_logrank *lr;
    assert_int_equal(uf_stat_logrank_new(t, e, g, N(t), 2, &lr), UF_OK);
    assert_near(lr->chisq, 1.06273986129141407);
    assert_near(lr->p, 0.30259111698909524);
    assert_near(lr->observed[0], 7);
    assert_near(lr->expected[0], 5.233531017149943);
    assert_near(lr->expected[1], 6.766468982850057);
    uf_stat_logrank_free(lr);
}

/* Four groups, group 2 empty: R (which never sees group 2) gives for
 * survdiff(Surv(t, e) ~ g) chisq 0.48607913112994239 on 2 df, p
 * 0.78424048423987780, observed 4 4 2, expected 3.5858225108225108
 * 3.4410173160173163 2.9731601731601738. */
static void test_stats__logrank_empty_group(void **state)
{
    (void)state;
    const double t[] = { 3, 5, 5, 8, 10, 12, 12, 15, 18, 20, 22, 25, 30, 31, 40 };
    const int e[] = { 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 0 };
    const size_t g[] = { 0, 1, 3, 0, 1, 3, 3, 0, 1, 1, 3, 0, 3, 1, 0 };
    uf_stat_logrank *lr;
    assert_int_equal(uf_stat_logrank_new(t, e, g, N(t), 4, &lr), UF_OK);
    assert_near(lr->chisq, 0.48607913112994239);
    assert_near(lr->df, 2);
    assert_near(lr->p, 0.78424048423987780);
    const double obs[] = { 4, 4, 0, 2 };
    const double exp_[] = { 3.5858225108225108, 3.4410173160173163, 0, 2.9731601731601738 };
    for (size_t i = 0; i < 4; i++) {
        assert_near(lr->observed[i], obs[i]);
        assert_near(lr->expected[i], exp_[i]);
    }
    assert_int_equal(lr->n_group[2], 0);
    uf_stat_logrank_free(lr);
}

/* No test without two groups that have expected events: R reports chisq 0
 * (p 0, or NaN with no events at all); here chisq and p are NAN. */
static void test_stats__logrank_degenerate(void **state)
{
    (void)state;
    const double t[] = { 3, 4, 5, 6, 1, 2 };
    const int e[] = { 1, 1, 0, 1, 0, 0 }, none[] = { 0, 0, 0, 0, 0, 0 };
    const size_t g[] = { 0, 0, 0, 0, 1, 1 }, big[] = { 0, 0, 0, 0, 0, 2 };
    uf_stat_logrank *lr;
    /* group 1 is censored before the first event: expected 0, df 0 */
    assert_int_equal(uf_stat_logrank_new(t, e, g, 6, 2, &lr), UF_ERR_INPUT);
    assert_non_null(lr);
    assert_near(lr->df, 0);
    assert_true(isnan(lr->chisq) && isnan(lr->p));
    assert_near(lr->expected[0], 3);
    uf_stat_logrank_free(lr);
    assert_int_equal(uf_stat_logrank_new(t, none, g, 6, 2, &lr), UF_ERR_INPUT);
    assert_near(lr->df, -1);
    uf_stat_logrank_free(lr);
    /* two deaths at once, one per group, nobody else: expected 1 and 1 but
     * variance 0 (n - d = 0); R: "system is exactly singular" */
    const double t2[] = { 1, 1 };
    const int e2[] = { 1, 1 };
    const size_t g2[] = { 0, 1 };
    assert_int_equal(uf_stat_logrank_new(t2, e2, g2, 2, 2, &lr), UF_ERR_INPUT);
    assert_near(lr->df, 1);
    assert_near(lr->expected[1], 1);
    assert_true(isnan(lr->chisq) && isnan(lr->p));
    uf_stat_logrank_free(lr);
    assert_int_equal(uf_stat_logrank_new(t, e, g, 6, 1, &lr), UF_ERR_INPUT);
    assert_null(lr);
    assert_int_equal(uf_stat_logrank_new(t, e, big, 6, 2, &lr), UF_ERR_INPUT);
    assert_null(lr);
    assert_int_equal(uf_stat_logrank_new(t, e, g, 0, 2, &lr), UF_ERR_INPUT);
    assert_null(lr);
    uf_stat_logrank_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stats__mean_sd_by_hand),
        cmocka_unit_test(test_stats__holm_by_hand),
        cmocka_unit_test(test_stats__fisher_floor_by_hand),
        cmocka_unit_test(test_stats__first_of_each),
        cmocka_unit_test(test_stats__quantile_type7_by_hand),
        cmocka_unit_test(test_stats__descriptive_small_n),
        cmocka_unit_test(test_stats__quantile_rejects_nan_and_bad_p),
        cmocka_unit_test(test_stats__describe),
        cmocka_unit_test(test_stats__wilson_newcombe_examples),
        cmocka_unit_test(test_stats__wilson_edges),
        cmocka_unit_test(test_stats__binom_test_help_page),
        cmocka_unit_test(test_stats__mcnemar_exact),
        cmocka_unit_test(test_stats__poisson_help_page),
        cmocka_unit_test(test_stats__poisson_zero_and_bad_time),
        cmocka_unit_test(test_stats__fisher_tea_tasting),
        cmocka_unit_test(test_stats__fisher_convictions),
        cmocka_unit_test(test_stats__fisher_rxc_2x6_n991),
        cmocka_unit_test(test_stats__fisher_rxc_3x4),
        cmocka_unit_test(test_stats__fisher_rxc_4x6),
        cmocka_unit_test(test_stats__fisher_rxc_zeros),
        cmocka_unit_test(test_stats__fisher_rxc_too_large),
        cmocka_unit_test(test_stats__fisher_degenerate),
        cmocka_unit_test(test_stats__ttest_welch_sleep),
        cmocka_unit_test(test_stats__ttest_paired_sleep),
        cmocka_unit_test(test_stats__ttest_degenerate),
        cmocka_unit_test(test_stats__signrank_depression),
        cmocka_unit_test(test_stats__signrank_zeros_and_ties),
        cmocka_unit_test(test_stats__signrank_all_zero),
        cmocka_unit_test(test_stats__ranksum_exact_help_page),
        cmocka_unit_test(test_stats__ranksum_ties_airquality),
        cmocka_unit_test(test_stats__ranksum_distribution_and_edges),
        cmocka_unit_test(test_stats__smd_by_hand),
        cmocka_unit_test(test_stats__km_aml),
        cmocka_unit_test(test_stats__km_at_times),
        cmocka_unit_test(test_stats__km_edges),
        cmocka_unit_test(test_stats__logrank_aml),
        cmocka_unit_test(test_stats__logrank_ovarian),
        cmocka_unit_test(test_stats__logrank_empty_group),
        cmocka_unit_test(test_stats__logrank_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
