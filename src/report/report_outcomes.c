/*
 * report_outcomes.c - the outcome tables before and after, by group, that
 * the utfall report and the årsrapport share (report_internal.h).
 *
 * One table per measure, with the columns of SPEC §13: continuous
 * measures compare each case's value before with its value after (paired
 * t and Wilcoxon signed-rank), binary measures whether the case had the
 * outcome at all (exact McNemar).  A case counts in n_cases when it had
 * started and consented to follow-up, and in n_paired when both its values
 * exist, which needs complete windows (SPEC §5).  "After" is the after
 * phase of the chosen anchor.  Disclosure control is the caller's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"
#include "uppfolj/stats.h"

bool rep_windows_complete(const uf_case *k)
{
    return k->complete[UF_BEFORE] && k->complete[UF_AFTER] && k->years[UF_BEFORE] > 0 &&
           k->years[UF_AFTER] > 0;
}

uf_table *rep_selection(uf_report *r, uf_section *s, const uf_caseset *c, const char *id,
                        const char *title, const char *total)
{
    enum { COMPLETE, OPEN, WITHDRAWN, NO_CONSENT, TOTAL };
    long v[TOTAL + 1] = { [TOTAL] = (long)c->n };
    for (size_t i = 0; i < c->n; i++) {
        const uf_case *k = &c->cases[i];
        v[!k->consent               ? NO_CONSENT
          : rep_windows_complete(k) ? COMPLETE
          : k->withdrawn            ? WITHDRAWN
                                    : OPEN]++;
    }
    uf_table *t = uf_section_table(r, s, id, title, 2);
    if (!t)
        return NULL;
    uf_table_col(r, t, 0, "group", "Ärenden", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "n", "Antal", UF_C_COUNT, 0, true);
    const char *const labels[] = {
        [COMPLETE] = "Med hela före- och efterperioden",
        [OPEN] = "Efterperioden inte avslutad vid datumet för uttaget",
        [WITHDRAWN] = "Samtycket till uppföljning återkallat innan efterperioden var slut",
        [NO_CONSENT] = "Utan samtycke till uppföljning",
        [TOTAL] = total,
    };
    for (int i = 0; i <= TOTAL; i++) {
        if (i == WITHDRAWN && v[i] == 0)
            continue; /* a row only where the data has withdrawals */
        int tr = uf_table_row(r, t, i == TOTAL);
        uf_cell_text(r, t, tr, 0, labels[i]);
        uf_cell_count(t, tr, 1, v[i]);
        if (i == TOTAL && v[NO_CONSENT] == 0) /* then the cases of the outcome tables */
            uf_cell_key(r, t, tr, 1, "n_cases:Totalt");
    }
    return t;
}

bool rep_at_risk(const uf_case *k)
{
    return rep_windows_complete(k) && k->risk_years[UF_BEFORE] > 0 && k->risk_years[UF_AFTER] > 0;
}

/* Events per person-year at risk (days in locked care left out). */
static bool event_rate(const uf_caseset *c, const uf_case *k, int e, double *b, double *a)
{
    (void)c;
    if (!rep_at_risk(k))
        return false;
    *b = k->events[e][UF_BEFORE] / k->risk_years[UF_BEFORE];
    *a = k->events[e][UF_AFTER] / k->risk_years[UF_AFTER];
    return true;
}

/* Any event (0/1), in windows of equal length (SPEC §6). */
static bool event_any(const uf_caseset *c, const uf_case *k, int e, double *b, double *a)
{
    (void)c;
    if (!rep_windows_complete(k))
        return false;
    *b = k->events_eq[e][UF_BEFORE] > 0;
    *a = k->events_eq[e][UF_AFTER] > 0;
    return true;
}

/* A state: the baseline value, and the latest value in the after window. */
static bool state_pair(const uf_caseset *c, const uf_case *k, int s, double *b, double *a)
{
    (void)c;
    if (!k->complete[UF_AFTER] || isnan(k->state_base[s]) || isnan(k->state_end[s][UF_AFTER]))
        return false;
    *b = k->state_base[s];
    *a = k->state_end[s][UF_AFTER];
    return true;
}

/* Days placed per year of the window (365.25 days). */
static bool placed_rate(const uf_caseset *c, const uf_case *k, int arg, double *b, double *a)
{
    (void)c;
    (void)arg;
    if (!rep_windows_complete(k))
        return false;
    *b = k->placed[UF_BEFORE] / k->years[UF_BEFORE];
    *a = k->placed[UF_AFTER] / k->years[UF_AFTER];
    return true;
}

/* Assessment score at baseline and at follow-up. */
static bool assessment(const uf_caseset *c, const uf_case *k, int i, double *b, double *a)
{
    (void)c;
    if (isnan(k->assess[i].base) || isnan(k->assess[i].follow))
        return false;
    *b = k->assess[i].base;
    *a = k->assess[i].follow;
    return true;
}

/* Column layout of a continuous table after the group column(s): the
 * SPEC §13 columns, with the standard deviations beside the means, the
 * Holm-adjusted p beside each p, and for an event rate the rate over all
 * the group's time at risk with its exact Poisson interval. */
enum {
    CC_NCASES,
    CC_NPAIRED,
    CC_BEFORE,
    CC_AFTER,
    CC_CHANGE,
    CC_LO,
    CC_HI,
    CC_V,
    CC_WP,
    CC_TP,
    CC_UNPAIRED,
    /* added later: new columns go last (README, SPEC §13) */
    CC_BEFORE_SD,
    CC_AFTER_SD,
    CC_CHANGE_SD,
    CC_WP_HOLM,
    CC_TP_HOLM,
    CC_N,
    /* event rates only */
    CC_BRATE = CC_N,
    CC_BRATE_LO,
    CC_BRATE_HI,
    CC_ARATE,
    CC_ARATE_LO,
    CC_ARATE_HI,
    CC_NRATE
};
/* ... and of a binary table: the shares with their Wilson intervals. */
enum {
    CB_NCASES,
    CB_NPAIRED,
    CB_BEFORE,
    CB_AFTER,
    CB_BPCT,
    CB_APCT,
    CB_MP,
    CB_UNPAIRED,
    CB_BPCT_LO,
    CB_BPCT_HI,
    CB_APCT_LO,
    CB_APCT_HI,
    CB_MP_HOLM,
    CB_N
};

/* A column of a measure table. */
typedef struct col_spec {
    const char *id, *label;
    uf_ctype type;
    int dec;
    bool add;
} col_spec;

/* Define columns o.. of t from spec[0..n). */
static void add_cols(uf_report *r, uf_table *t, int o, const col_spec *spec, int n)
{
    for (int i = 0; i < n; i++)
        uf_table_col(r, t, o + i, spec[i].id, spec[i].label, spec[i].type, spec[i].dec,
                     spec[i].add);
}

/* The before and after values of the cases of group row `row` (those with
 * follow-up consent and both values) into before/after; the number of
 * cases in the row with consent. */
static long collect(uf_report *r, const rep_groups *g, int row, rep_pair_fn fn, int arg,
                    rep_vec *before, rep_vec *after)
{
    long ncases = 0;
    rep_vec_clear(before);
    rep_vec_clear(after);
    for (size_t i = 0; i < g->c->n; i++) {
        const uf_case *k = &g->c->cases[i];
        double b, a;
        if (!k->consent || !rep_in_row(g, i, row))
            continue;
        ncases++;
        if (fn(g->c, k, arg, &b, &a)) {
            rep_vec_push(r, before, b);
            rep_vec_push(r, after, a);
        }
    }
    return ncases;
}

/*
 * Name the counts of table row tr (group row `row`) for disclosure control
 * (uf_cell_key): a group's cases (column o) are the same figure in every
 * measure's table of the breakdown, and the total row's counts (columns o
 * .. o + ncounts - 1) in every breakdown's table of the measure.
 */
void rep_key_cases(uf_report *r, uf_table *t, const rep_groups *g, int row, int tr, int col,
                   const char *prefix)
{
    char key[256];
    if (row < g->nrows)
        snprintf(key, sizeof key, "%s:n_cases:%s/%s", prefix, g->labels[row][0],
                 g->ncols > 1 ? g->labels[row][1] : "");
    else
        snprintf(key, sizeof key, "n_cases:Totalt");
    uf_cell_key(r, t, tr, col, key);
}

static void key_counts(uf_report *r, uf_table *t, const rep_groups *g, int row, int tr,
                       const char *prefix, const char *id, int o, int ncounts)
{
    char key[256];
    const char *measure = id + strlen(prefix) + (id[strlen(prefix)] == '_');
    rep_key_cases(r, t, g, row, tr, o, prefix);
    for (int c = 1; row == g->nrows && c < ncounts; c++) {
        snprintf(key, sizeof key, "%s:%s:Totalt", measure, t->cols[o + c].id);
        uf_cell_key(r, t, tr, o + c, key);
    }
}

/* Cases = paired + unpaired in every row: the reader knows that no group
 * has more pairs than cases, and disclosure control must too, so the
 * difference is a column of its own (the parts of n_cases). */
static void unpaired_parts(uf_table *t, int cases, int paired, int unpaired)
{
    uf_table_part_of(t, paired, cases);
    uf_table_part_of(t, unpaired, cases);
}

/* The unpaired cases of row tr; the total row's is one figure in every
 * breakdown's table of the measure (measure: "_NAME"). */
static void unpaired(uf_report *r, uf_table *t, const rep_groups *g, int row, int tr,
                     const char *measure, int col, long v)
{
    uf_cell_count(t, tr, col, v);
    if (row == g->nrows) {
        char key[160];
        snprintf(key, sizeof key, "%s:n_unpaired:Totalt", measure + (*measure == '_'));
        uf_cell_key(r, t, tr, col, key);
    }
}

/* The rate of event e over the time at risk of the paired cases of group
 * row `row` (sum of events / sum of years, before or after) with its exact
 * Poisson interval (R: poisson.test(x, T)) into columns col.. of row tr. */
static void pooled_rate(const rep_groups *g, int row, int e, int ph, uf_table *t, int tr, int col,
                        long n)
{
    double x = 0, years = 0;
    for (size_t i = 0; i < g->c->n; i++) {
        const uf_case *k = &g->c->cases[i];
        if (k->consent && rep_in_row(g, i, row) && rep_at_risk(k)) {
            x += k->events[e][ph];
            years += k->risk_years[ph];
        }
    }
    uf_stat_rate rate;
    if (n == 0 || uf_stat_poisson_ci((size_t)x, years, 0.95, &rate) != UF_OK)
        rate = (uf_stat_rate){ .rate = NAN, .lo = NAN, .hi = NAN };
    uf_cell_number(t, tr, col, rate.rate, n);
    uf_cell_number(t, tr, col + 1, rate.lo, n);
    uf_cell_number(t, tr, col + 2, rate.hi, n);
    /* the interval's limits give the number of events (hi / lo depends on
     * it alone), which bounds the persons with one */
    for (int c = 0; c < 3; c++)
        uf_cell_reveals(t, tr, col + c, (long)x);
}

/* The smallest p the signed-rank test could give with these pairs: the
 * same absolute differences, every one the same sign (R gives it for
 * wilcox.test(abs(d), rep(0, n), paired = TRUE)). */
static double signrank_floor(uf_report *r, const rep_vec *before, const rep_vec *after)
{
    rep_vec d, zero;
    rep_vec_init(&d);
    rep_vec_init(&zero);
    for (size_t i = 0; i < before->n; i++) {
        rep_vec_push(r, &d, fabs(after->v[i] - before->v[i]));
        rep_vec_push(r, &zero, 0);
    }
    uf_stat_wilcoxon w = { .p = NAN };
    if (!r->failed)
        uf_stat_signrank_paired(d.v, zero.v, d.n, &w);
    rep_vec_free(&d);
    rep_vec_free(&zero);
    return w.p;
}

static void continuous(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix,
                       const char *id, const rep_measure *m)
{
    static const col_spec cols[CC_NRATE] = {
        [CC_NCASES] = { "n_cases", "Ärenden", UF_C_COUNT, 0, true },
        [CC_NPAIRED] = { "n_paired", "Med före och efter", UF_C_COUNT, 0, true },
        [CC_BEFORE] = { "before_mean", "Före, medel", UF_C_NUMBER, 2, false },
        [CC_BEFORE_SD] = { "before_sd", "Före, SD", UF_C_NUMBER, 2, false },
        [CC_AFTER] = { "after_mean", "Efter, medel", UF_C_NUMBER, 2, false },
        [CC_AFTER_SD] = { "after_sd", "Efter, SD", UF_C_NUMBER, 2, false },
        [CC_CHANGE] = { "change_mean", "Förändring, medel", UF_C_NUMBER, 2, false },
        [CC_CHANGE_SD] = { "change_sd", "Förändring, SD", UF_C_NUMBER, 2, false },
        [CC_LO] = { "change_ci_low", "95 % KI, nedre", UF_C_NUMBER, 2, false },
        [CC_HI] = { "change_ci_high", "95 % KI, övre", UF_C_NUMBER, 2, false },
        [CC_V] = { "wilcoxon_v", "Wilcoxon V", UF_C_NUMBER, 1, false },
        [CC_WP] = { "wilcoxon_p", "p (Wilcoxon)", UF_C_PVALUE, 3, false },
        [CC_WP_HOLM] = { "wilcoxon_p_holm", "p (Wilcoxon), Holm", UF_C_PVALUE, 3, false },
        [CC_TP] = { "t_p", "p (t-test)", UF_C_PVALUE, 3, false },
        [CC_TP_HOLM] = { "t_p_holm", "p (t-test), Holm", UF_C_PVALUE, 3, false },
        [CC_UNPAIRED] = { "n_unpaired", "Utan före- eller eftervärde", UF_C_COUNT, 0, true },
        [CC_BRATE] = { "before_rate", "Före, per år i risk, alla", UF_C_NUMBER, 2, false },
        [CC_BRATE_LO] = { "before_rate_ci_low", "Före, per år, 95 % KI, nedre", UF_C_NUMBER, 2,
                          false },
        [CC_BRATE_HI] = { "before_rate_ci_high", "Före, per år, 95 % KI, övre", UF_C_NUMBER, 2,
                          false },
        [CC_ARATE] = { "after_rate", "Efter, per år i risk, alla", UF_C_NUMBER, 2, false },
        [CC_ARATE_LO] = { "after_rate_ci_low", "Efter, per år, 95 % KI, nedre", UF_C_NUMBER, 2,
                          false },
        [CC_ARATE_HI] = { "after_rate_ci_high", "Efter, per år, 95 % KI, övre", UF_C_NUMBER, 2,
                          false },
    };
    int nm = m->rate_event >= 0 ? CC_NRATE : CC_N;
    uf_table *t = rep_table(r, s, g, id, m->title, nm);
    rep_sheet(r, t, g, m->sheet);
    if (!t)
        return;
    int o = g->ncols;
    add_cols(r, t, o, cols, nm);
    static const int inference[] = { CC_LO, CC_HI, CC_V };
    for (size_t i = 0; i < sizeof inference / sizeof *inference; i++)
        uf_table_inference(t, o + inference[i]);
    uf_table_join(t, o + CC_BEFORE_SD, o + CC_BEFORE, UF_JOIN_SD);
    uf_table_join(t, o + CC_AFTER_SD, o + CC_AFTER, UF_JOIN_SD);
    uf_table_join(t, o + CC_LO, o + CC_CHANGE, UF_JOIN_CI_LOW);
    uf_table_join(t, o + CC_HI, o + CC_CHANGE, UF_JOIN_CI_HIGH);
    uf_table_holm(t, o + CC_WP_HOLM, o + CC_WP);
    uf_table_holm(t, o + CC_TP_HOLM, o + CC_TP);
    if (m->rate_event >= 0)
        for (int c = CC_BRATE; c <= CC_ARATE; c += CC_ARATE - CC_BRATE) {
            uf_table_inference(t, o + c + 1);
            uf_table_inference(t, o + c + 2);
            uf_table_join(t, o + c + 1, o + c, UF_JOIN_CI_LOW);
            uf_table_join(t, o + c + 2, o + c, UF_JOIN_CI_HIGH);
        }
    unpaired_parts(t, o + CC_NCASES, o + CC_NPAIRED, o + CC_UNPAIRED);
    rep_vec before, after, change;
    rep_vec_init(&before);
    rep_vec_init(&after);
    rep_vec_init(&change);
    for (int row = 0; row < g->nrows + 1; row++) {
        long ncases = collect(r, g, row, m->fn, m->arg, &before, &after);
        int tr = rep_row(r, t, g, row);
        long n = (long)before.n;
        uf_cell_count(t, tr, o + CC_NCASES, ncases);
        uf_cell_count(t, tr, o + CC_NPAIRED, n);
        key_counts(r, t, g, row, tr, prefix, id, o, 2);
        unpaired(r, t, g, row, tr, id + strlen(prefix), o + CC_UNPAIRED, ncases - n);
        rep_paired stats;
        rep_paired_stats(&before, &after, &stats);
        rep_vec_clear(&change);
        for (size_t i = 0; i < before.n; i++)
            rep_vec_push(r, &change, after.v[i] - before.v[i]);
        uf_cell_number(t, tr, o + CC_BEFORE, stats.before_mean, n);
        uf_cell_number(t, tr, o + CC_BEFORE_SD, uf_stat_sd(before.v, before.n), n);
        uf_cell_number(t, tr, o + CC_AFTER, stats.after_mean, n);
        uf_cell_number(t, tr, o + CC_AFTER_SD, uf_stat_sd(after.v, after.n), n);
        uf_cell_number(t, tr, o + CC_CHANGE, stats.change_mean, n);
        uf_cell_number(t, tr, o + CC_CHANGE_SD, uf_stat_sd(change.v, change.n), n);
        /* an SD with its mean and n can count the values that are not
         * zero (rep_sd_reveals) */
        uf_cell_reveals(t, tr, o + CC_BEFORE_SD, rep_sd_reveals(before.v, before.n));
        uf_cell_reveals(t, tr, o + CC_AFTER_SD, rep_sd_reveals(after.v, after.n));
        uf_cell_reveals(t, tr, o + CC_CHANGE_SD, rep_sd_reveals(change.v, change.n));
        uf_cell_number(t, tr, o + CC_LO, stats.lo, n);
        uf_cell_number(t, tr, o + CC_HI, stats.hi, n);
        uf_cell_number(t, tr, o + CC_V, stats.v, n);
        uf_cell_pvalue(t, tr, o + CC_WP, stats.wilcoxon_p, n);
        uf_cell_pvalue(t, tr, o + CC_TP, stats.t_p, n);
        uf_cell_none(t, tr, o + CC_WP_HOLM, UF_SUPP_MISSING); /* after disclosure control */
        uf_cell_none(t, tr, o + CC_TP_HOLM, UF_SUPP_MISSING);
        if (m->rate_event >= 0) {
            pooled_rate(g, row, m->rate_event, UF_BEFORE, t, tr, o + CC_BRATE, n);
            pooled_rate(g, row, m->rate_event, UF_AFTER, t, tr, o + CC_ARATE, n);
        }
        rep_fix_missing(t, tr, o, nm);
        /* a signed-rank test that could not give p below 0,05 with these
         * pairs whatever their signs (5 or fewer without ties: the
         * smallest exact p is 2 x 0,5^5 = 0,0625) is not run */
        if (isfinite(stats.wilcoxon_p) && !(signrank_floor(r, &before, &after) <= 0.05))
            uf_cell_none(t, tr, o + CC_WP, UF_SUPP_NOTEST);
    }
    rep_vec_free(&before);
    rep_vec_free(&after);
    rep_vec_free(&change);
    uf_table_note(r, t,
                  "Förändring = efter − före, per ärende; SD = standardavvikelse; 95 % "
                  "konfidensintervall och p från parat t-test; p (Wilcoxon) från Wilcoxons "
                  "teckenrangtest; Holm = p justerat för antalet test i tabellen (Holms metod).");
    if (m->rate_event >= 0)
        uf_table_note(r, t,
                      "Per år i risk, alla: gruppens alla händelser delat med all dess tid i "
                      "risk, med exakt 95 % konfidensintervall (Poisson).");
    if (m->unit)
        rep_chart(r, s, t, g, id, m->title, m->unit, o + CC_BEFORE, o + CC_AFTER);
}

/* The Wilson interval (R: prop.test(x, n, correct = FALSE)) of x of n, in
 * per cent, into columns lo and lo + 1 of row tr, tied to count column
 * link. */
static void wilson(uf_table *t, int tr, int lo, long x, long n, int link)
{
    uf_stat_prop ci;
    if (n == 0 || uf_stat_wilson((size_t)x, (size_t)n, 0.95, &ci) != UF_OK)
        ci = (uf_stat_prop){ .lo = NAN, .hi = NAN };
    uf_cell_percent(t, tr, lo, 100 * ci.lo, n, link);
    uf_cell_percent(t, tr, lo + 1, 100 * ci.hi, n, link);
    /* with n each limit gives x: hidden with it (and when x is small) */
    uf_cell_reveals(t, tr, lo, x);
    uf_cell_reveals(t, tr, lo + 1, x);
}

/* One binary measure as a table with a chart of the shares. */
static void binary(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix,
                   const char *id, const rep_measure *m)
{
    static const col_spec cols[CB_N] = {
        [CB_NCASES] = { "n_cases", "Ärenden", UF_C_COUNT, 0, true },
        [CB_NPAIRED] = { "n_paired", "Med före och efter", UF_C_COUNT, 0, true },
        [CB_BEFORE] = { "before_any", "Före, antal", UF_C_COUNT, 0, true },
        [CB_AFTER] = { "after_any", "Efter, antal", UF_C_COUNT, 0, true },
        [CB_BPCT] = { "before_pct", "Före, andel", UF_C_PERCENT, 1, false },
        [CB_BPCT_LO] = { "before_ci_low", "Före, 95 % KI, nedre", UF_C_PERCENT, 1, false },
        [CB_BPCT_HI] = { "before_ci_high", "Före, 95 % KI, övre", UF_C_PERCENT, 1, false },
        [CB_APCT] = { "after_pct", "Efter, andel", UF_C_PERCENT, 1, false },
        [CB_APCT_LO] = { "after_ci_low", "Efter, 95 % KI, nedre", UF_C_PERCENT, 1, false },
        [CB_APCT_HI] = { "after_ci_high", "Efter, 95 % KI, övre", UF_C_PERCENT, 1, false },
        [CB_MP] = { "mcnemar_p", "p (McNemar)", UF_C_PVALUE, 3, false },
        [CB_MP_HOLM] = { "mcnemar_p_holm", "p (McNemar), Holm", UF_C_PVALUE, 3, false },
        [CB_UNPAIRED] = { "n_unpaired", "Utan före- eller eftervärde", UF_C_COUNT, 0, true },
    };
    uf_table *t = rep_table(r, s, g, id, m->title, CB_N);
    rep_sheet(r, t, g, m->sheet);
    if (!t)
        return;
    int o = g->ncols;
    add_cols(r, t, o, cols, CB_N);
    unpaired_parts(t, o + CB_NCASES, o + CB_NPAIRED, o + CB_UNPAIRED);
    uf_table_within(t, o + CB_BEFORE, o + CB_NPAIRED); /* with an event: of those paired */
    uf_table_within(t, o + CB_AFTER, o + CB_NPAIRED);
    static const int ci[2][3] = { { CB_BPCT, CB_BPCT_LO, CB_BPCT_HI },
                                  { CB_APCT, CB_APCT_LO, CB_APCT_HI } };
    for (int i = 0; i < 2; i++) {
        uf_table_inference(t, o + ci[i][1]);
        uf_table_inference(t, o + ci[i][2]);
        uf_table_join(t, o + ci[i][1], o + ci[i][0], UF_JOIN_CI_LOW);
        uf_table_join(t, o + ci[i][2], o + ci[i][0], UF_JOIN_CI_HIGH);
    }
    uf_table_holm(t, o + CB_MP_HOLM, o + CB_MP);
    rep_vec before, after;
    rep_vec_init(&before);
    rep_vec_init(&after);
    for (int row = 0; row < g->nrows + 1; row++) {
        long ncases = collect(r, g, row, m->fn, m->arg, &before, &after);
        long n = (long)before.n, nb = 0, na = 0, only_b = 0, only_a = 0;
        for (size_t i = 0; i < before.n; i++) {
            bool b = before.v[i] != 0, a = after.v[i] != 0;
            nb += b;
            na += a;
            only_b += b && !a;
            only_a += !b && a;
        }
        int tr = rep_row(r, t, g, row);
        uf_cell_count(t, tr, o + CB_NCASES, ncases);
        uf_cell_count(t, tr, o + CB_NPAIRED, n);
        uf_cell_count(t, tr, o + CB_BEFORE, nb);
        uf_cell_count(t, tr, o + CB_AFTER, na);
        key_counts(r, t, g, row, tr, prefix, id, o, 4);
        unpaired(r, t, g, row, tr, id + strlen(prefix), o + CB_UNPAIRED, ncases - n);
        uf_cell_percent(t, tr, o + CB_BPCT, n ? 100.0 * (double)nb / (double)n : NAN, n,
                        o + CB_BEFORE);
        wilson(t, tr, o + CB_BPCT_LO, nb, n, o + CB_BEFORE);
        uf_cell_percent(t, tr, o + CB_APCT, n ? 100.0 * (double)na / (double)n : NAN, n,
                        o + CB_AFTER);
        wilson(t, tr, o + CB_APCT_LO, na, n, o + CB_AFTER);
        uf_cell_pvalue(t, tr, o + CB_MP, rep_mcnemar(only_b, only_a), n);
        uf_cell_none(t, tr, o + CB_MP_HOLM, UF_SUPP_MISSING); /* after disclosure control */
        rep_fix_missing(t, tr, o, CB_N);
        /* the exact p gives the discordant pairs away; with 5 or fewer of
         * them no p below 0,05 can come out (2 x 0,5^5 = 0,0625): no test */
        if (only_b + only_a <= 5)
            uf_cell_none(t, tr, o + CB_MP, UF_SUPP_NOTEST);
        else
            uf_cell_reveals(t, tr, o + CB_MP,
                            only_b && only_a ? (only_b < only_a ? only_b : only_a)
                                             : only_b + only_a);
    }
    rep_vec_free(&before);
    rep_vec_free(&after);
    uf_table_note(r, t,
                  "Andel = antal ärenden med minst en händelse (eller värdet 1) av dem med "
                  "både före- och efterperiod, med 95 % konfidensintervall (Wilson); p från "
                  "exakt McNemar-test (binomialtest på de ärenden som ändrades); Holm = p "
                  "justerat för antalet test i tabellen (Holms metod).");
    rep_chart(r, s, t, g, id, m->title, "Andel ärenden (%)", o + CB_BPCT, o + CB_APCT);
}

/* Risk level at baseline against risk level at follow-up, for one
 * instrument: a two-way table of counts with row and column totals. */
static void transitions(uf_report *r, uf_section *s, const uf_caseset *c, const char *prefix,
                        int inst)
{
    char id[64], title[160];
    snprintf(id, sizeof id, "%s_risk_%s", prefix, uf_core_instrument_name(inst));
    snprintf(title, sizeof title, "Risknivå vid baslinje och uppföljning, %s",
             uf_kb_label(UF_KB_INSTRUMENT, uf_core_instrument_name(inst)));
    long m[3][3] = { { 0 } };
    long any = 0;
    for (size_t i = 0; i < c->n; i++) {
        const uf_assess *a = &c->cases[i].assess[inst];
        if (!c->cases[i].consent || a->base_risk < 1 || a->follow_risk < 1 || isnan(a->base) ||
            isnan(a->follow))
            continue;
        m[a->base_risk - 1][a->follow_risk - 1]++;
        any++;
    }
    if (!any)
        return;
    uf_table *t = uf_section_table(r, s, id, title, 5);
    char sheet[40];
    snprintf(sheet, sizeof sheet, "Risknivå %s",
             uf_kb_label(UF_KB_INSTRUMENT, uf_core_instrument_name(inst)));
    rep_sheet(r, t, NULL, sheet);
    uf_table_col(r, t, 0, "baseline", "Risknivå vid baslinje", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "followup_lag", "Uppföljning: låg", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 2, "followup_medel", "Uppföljning: medel", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 3, "followup_hog", "Uppföljning: hög", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 4, "total", "Totalt", UF_C_COUNT, 0, true);
    for (int col = 1; col <= 3; col++)
        uf_table_part_of(t, col, 4);
    for (int row = 0; row <= 3; row++) {
        int tr = uf_table_row(r, t, row == 3);
        uf_cell_text(r, t, tr, 0, row == 3 ? "Totalt" : uf_kb(UF_KB_RISK)->e[row].label);
        long total = 0;
        for (int col = 0; col < 3; col++) {
            long v = row == 3 ? m[0][col] + m[1][col] + m[2][col] : m[row][col];
            uf_cell_count(t, tr, 1 + col, v);
            total += v;
        }
        uf_cell_count(t, tr, 4, total);
    }
}

/* The table id PREFIX_NAME into buf (cut to n - 1 bytes: ids are short). */
static const char *tid(char *buf, size_t n, const char *prefix, const char *name)
{
    if (snprintf(buf, n, "%s_%s", prefix, name) >= (int)n)
        buf[n - 1] = '\0';
    return buf;
}

/* Does any consenting case have both assessments of instrument i? */
static bool has_pairs(const uf_caseset *c, int i)
{
    for (size_t j = 0; j < c->n; j++)
        if (c->cases[j].consent && !isnan(c->cases[j].assess[i].base) &&
            !isnan(c->cases[j].assess[i].follow))
            return true;
    return false;
}

/* The words of a built-in event or state measure (kodbok matt): the table
 * id's tail and title of its rate and of its any-event share, or of a
 * state. */
typedef struct measure_words {
    const char *code;
    const char *rate_id, *rate_title, *rate_unit, *rate_sheet;
    const char *any_id, *any_title, *any_sheet;
} measure_words;

/* (the sheets: at most 21 characters, so that ", insats" fits in 31) */
static const measure_words words[] = {
    { "misstanke_brott", "misstankar_per_ar", "Registrerade misstankar om brott per år",
      "Misstankar per år", "Misstankar per år", "misstanke_nagon",
      "Minst en registrerad misstanke om brott", "Någon misstanke" },
    { "vald", "vald_per_ar", "Misstankar om våldsbrott per år", "Misstankar per år",
      "Våldsbrott per år", "vald_nagon", "Minst en misstanke om våldsbrott", "Något våldsbrott" },
    { "lagforing", "lagforingar_per_ar", "Lagföringar per år", "Lagföringar per år",
      "Lagföringar per år", "lagforing_nagon", "Minst en lagföring", "Någon lagföring" },
    { "anmalan_oro", "orosanmalningar_per_ar", "Orosanmälningar per år", "Orosanmälningar per år",
      "Orosanmälningar per år", "orosanmalan_nagon", "Minst en orosanmälan", "Någon orosanmälan" },
    { "uppforandestorning", NULL, NULL, NULL, NULL, "uppforandestorning",
      "Uppförandestörning (kriteriet uppfyllt)", "Uppförandestörning" },
    { "skolfranvaro_pct", "skolfranvaro", "Skolfrånvaro (procent av tiden)", "Skolfrånvaro (%)",
      "Skolfrånvaro", NULL, NULL, NULL },
    { "sysselsattning", NULL, NULL, NULL, NULL, "sysselsattning",
      "Sysselsättning (i arbete, studier eller praktik)", "Sysselsättning" },
    { "drogfri", NULL, NULL, NULL, NULL, "drogfri", "Drogfri", "Drogfri" },
    { "boende_stabilt", NULL, NULL, NULL, NULL, "boende_stabilt", "Stabilt boende",
      "Stabilt boende" },
};

static const measure_words *words_of(const char *code)
{
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i].code, code) == 0)
            return &words[i];
    return NULL;
}

/* Has any consenting case a count of event e in some window?  An event
 * the data never mentions gets no table: zeros would read as "none
 * happened". */
static bool event_seen(const uf_caseset *c, int e)
{
    for (size_t i = 0; i < c->n; i++)
        for (int ph = 0; c->cases[i].consent && ph < UF_NPHASES; ph++)
            if (c->cases[i].events[e][ph] > 0)
                return true;
    return false;
}

/* Has any consenting case both values of the measure fn compares? */
static bool paired(const uf_caseset *c, rep_pair_fn fn, int arg)
{
    for (size_t i = 0; i < c->n; i++) {
        double b, a;
        if (c->cases[i].consent && fn(c, &c->cases[i], arg, &b, &a))
            return true;
    }
    return false;
}

/* Append a measure to the list at *n. */
static void add_measure(rep_measure *out, int *n, const char *id, const char *title,
                        const char *sheet, const char *unit, rep_pair_fn fn, int arg, bool binary,
                        int rate_event, rep_msection section)
{
    rep_measure *m = &out[(*n)++];
    snprintf(m->id, sizeof m->id, "%s", id);
    snprintf(m->title, sizeof m->title, "%s", title);
    snprintf(m->sheet, sizeof m->sheet, "%s", sheet);
    m->unit = unit;
    m->fn = fn;
    m->arg = arg;
    m->binary = binary;
    m->rate_event = rate_event;
    m->section = section;
    m->instrument = section == REP_M_ASSESSMENTS ? arg : -1;
}

/* Name measure code in the list none (n bytes at *at). */
static void name_none(char *none, size_t n, size_t *at, const char *code)
{
    if (none && *at < n)
        *at += (size_t)snprintf(none + *at, n - *at, "%s%s", *at ? ", " : "",
                                uf_kb_label(UF_KB_MEASURE, code));
}

int rep_measures(const uf_caseset *c, const uf_config *cfg, bool core_only, rep_measure *out,
                 char *none, size_t nlen)
{
    int n = 0;
    size_t at = 0;
    if (none && nlen)
        none[0] = '\0';
    for (int e = 0; e < c->nevents; e++) {
        const char *code = c->event_codes[e];
        const measure_words *w = words_of(code);
        bool suspicion = strcmp(code, "misstanke_brott") == 0, violent = strcmp(code, "vald") == 0;
        if (core_only && !suspicion && !violent)
            continue;
        if (!suspicion && !violent && (!event_seen(c, e) || !paired(c, event_any, e))) {
            name_none(none, nlen, &at, code);
            continue;
        }
        char rid[64], rtitle[160], rsheet[40], aid[64], atitle[160], asheet[40];
        if (w) {
            snprintf(rid, sizeof rid, "%s", w->rate_id);
            snprintf(rtitle, sizeof rtitle, "%s", w->rate_title);
            snprintf(rsheet, sizeof rsheet, "%s", w->rate_sheet);
            snprintf(aid, sizeof aid, "%s", w->any_id);
            snprintf(atitle, sizeof atitle, "%s", w->any_title);
            snprintf(asheet, sizeof asheet, "%s", w->any_sheet);
        } else { /* configured: by its code (at most 21 characters) */
            snprintf(rid, sizeof rid, "%.50s_per_ar", code);
            snprintf(rtitle, sizeof rtitle, "%.100s per år (händelser)", code);
            snprintf(rsheet, sizeof rsheet, "%.21s per år", code);
            snprintf(aid, sizeof aid, "%.50s_nagon", code);
            snprintf(atitle, sizeof atitle, "Minst en händelse %.100s", code);
            snprintf(asheet, sizeof asheet, "%.21s minst en", code);
        }
        if (!(core_only && violent))
            add_measure(out, &n, rid, rtitle, rsheet, w ? w->rate_unit : "Per år", event_rate, e,
                        false, e, REP_M_EVENTS);
        add_measure(out, &n, aid, atitle, asheet, NULL, event_any, e, true, -1, REP_M_EVENTS);
    }
    for (int st = 0; st < c->nstates; st++) {
        const char *code = c->state_codes[st];
        bool core =
            strcmp(code, "uppforandestorning") == 0 || strcmp(code, "skolfranvaro_pct") == 0;
        if (core_only && !core)
            continue;
        if (!core && !paired(c, state_pair, st)) {
            name_none(none, nlen, &at, code);
            continue;
        }
        const measure_words *w = words_of(code);
        bool pct = uf_config_measure_kind(cfg, code) == UF_MEASURE_PCT;
        char id[64], title[160], sheet[40];
        if (w)
            snprintf(title, sizeof title, "%s", pct ? w->rate_title : w->any_title);
        else
            snprintf(title, sizeof title, "%.100s (%s)", code, pct ? "0–100" : "ja/nej");
        snprintf(id, sizeof id, "%.60s", w ? (pct ? w->rate_id : w->any_id) : code);
        snprintf(sheet, sizeof sheet, "%.21s", w ? (pct ? w->rate_sheet : w->any_sheet) : code);
        add_measure(out, &n, id, title, sheet, w && pct ? w->rate_unit : "Värde", state_pair, st,
                    !pct, -1, REP_M_STATES);
    }
    add_measure(out, &n, "dagar_placerad", "Dagar placerad (HVB, SiS, familjehem, TFCO) per år",
                "Dagar placerad", "Dagar per år", placed_rate, 0, false, -1, REP_M_STATES);
    for (int i = 0; i < UF_NINSTRUMENTS; i++) {
        if (!has_pairs(c, i))
            continue;
        char id[64], title[160], sheet[40];
        const char *label = uf_kb_label(UF_KB_INSTRUMENT, uf_core_instrument_name(i));
        snprintf(id, sizeof id, "bedomning_%s", uf_core_instrument_name(i));
        snprintf(title, sizeof title, "Totalpoäng, %s, vid baslinje och uppföljning", label);
        snprintf(sheet, sizeof sheet, "Poäng %s", label);
        add_measure(out, &n, id, title, sheet, "Poäng", assessment, i, false, -1,
                    REP_M_ASSESSMENTS);
    }
    return n;
}

void rep_outcomes(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix,
                  bool with_transitions, bool core_only)
{
    static const char *const sections[] = { [REP_M_EVENTS] =
                                                "Misstankar om brott och andra händelser",
                                            [REP_M_STATES] = "Tillstånd",
                                            [REP_M_ASSESSMENTS] = "Strukturerade bedömningar" };
    const uf_caseset *c = g->c;
    rep_measure list[REP_MAX_MEASURES];
    char none[512], id[96];
    int n = rep_measures(c, g->o ? g->o->cfg : NULL, core_only, list, none, sizeof none);
    bool own = !s;
    int at = -1;
    for (int i = 0; i < n; i++) {
        const rep_measure *m = &list[i];
        if (own && (int)m->section != at) {
            s = uf_report_section(r, sections[m->section]);
            at = (int)m->section;
        }
        tid(id, sizeof id, prefix, m->id);
        if (m->binary)
            binary(r, s, g, prefix, id, m);
        else
            continuous(r, s, g, prefix, id, m);
        if (with_transitions && m->instrument >= 0)
            transitions(r, s, c, prefix, m->instrument);
        if (*none && strcmp(m->id, "dagar_placerad") == 0) { /* the states' last */
            char par[640];
            snprintf(par, sizeof par,
                     "Utan ärenden med värden både före och efter, och därför utan tabell: %s.",
                     none);
            uf_section_par(r, s, par);
        }
    }
}

void rep_goals(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix)
{
    enum { G_NCASES, G_WITH, G_GOALS, G_STATUS, G_PCT = G_STATUS + UF_KB_N_GOAL_STATUS, G_N };
    static const char *const ids[UF_KB_N_GOAL_STATUS] = { "uppnatt", "delvis", "ej_uppnatt",
                                                          "pagaende" };
    char id[96];
    uf_table *t = rep_table(r, s, g, tid(id, sizeof id, prefix, "mal"),
                            "Mål i åtgärdsplanen, efter status vid den senaste uppföljningen", G_N);
    if (!t)
        return;
    rep_sheet(r, t, g, "Mål efter status");
    int o = g->ncols;
    uf_table_col(r, t, o + G_NCASES, "n_cases", "Ärenden", UF_C_COUNT, 0, true);
    uf_table_col(r, t, o + G_WITH, "n_with_goals", "Med uppföljda mål", UF_C_COUNT, 0, true);
    uf_table_col(r, t, o + G_GOALS, "goals", "Mål", UF_C_COUNT, 0, true);
    uf_table_within(t, o + G_WITH, o + G_NCASES);
    for (int i = 0; i < UF_KB_N_GOAL_STATUS; i++) {
        uf_table_col(r, t, o + G_STATUS + i, ids[i],
                     uf_kb_label(UF_KB_GOAL_STATUS, uf_kb_code(UF_KB_GOAL_STATUS, i)), UF_C_COUNT,
                     0, true);
        uf_table_part_of(t, o + G_STATUS + i, o + G_GOALS);
    }
    uf_table_col(r, t, o + G_PCT, "uppnatt_pct", "Uppnådda, andel av målen", UF_C_PERCENT, 1,
                 false);
    for (int row = 0; row <= g->nrows; row++) {
        /* goals are counted as goals, but each count rests on the persons
         * who have such goals: those name the count for disclosure control */
        long ncases = 0, with = 0, v[UF_KB_N_GOAL_STATUS] = { 0 },
             persons[UF_KB_N_GOAL_STATUS] = { 0 };
        for (size_t i = 0; i < g->c->n; i++) {
            const uf_case *k = &g->c->cases[i];
            if (!k->consent || !rep_in_row(g, i, row))
                continue;
            ncases++;
            long mine[UF_KB_N_GOAL_STATUS] = { 0 }, all = 0;
            for (int d = 0; d < UF_NDOMAINS; d++)
                for (int st = 0; st < UF_KB_N_GOAL_STATUS; st++)
                    mine[st] += k->goals[d][st];
            for (int st = 0; st < UF_KB_N_GOAL_STATUS; st++) {
                v[st] += mine[st];
                persons[st] += mine[st] > 0;
                all += mine[st];
            }
            with += all > 0;
        }
        long goals = v[0] + v[1] + v[2] + v[3];
        int tr = rep_row(r, t, g, row);
        uf_cell_count(t, tr, o + G_NCASES, ncases);
        rep_key_cases(r, t, g, row, tr, o + G_NCASES, prefix);
        uf_cell_count(t, tr, o + G_WITH, with);
        uf_cell_count(t, tr, o + G_GOALS, goals);
        uf_cell_reveals(t, tr, o + G_GOALS, with);
        for (int st = 0; st < UF_KB_N_GOAL_STATUS; st++) {
            uf_cell_count(t, tr, o + G_STATUS + st, v[st]);
            uf_cell_reveals(t, tr, o + G_STATUS + st, persons[st]);
        }
        /* the share over the goals of `with` persons */
        uf_cell_percent(t, tr, o + G_PCT, goals ? 100.0 * (double)v[0] / (double)goals : NAN, with,
                        o + G_STATUS);
        rep_fix_missing(t, tr, o, G_N);
    }
    uf_table_note(r, t,
                  "Varje mål räknas en gång, med statusen vid den senaste uppföljningen under "
                  "ärendet (före ett återkallat samtycke). Målen räknas som mål, inte personer: "
                  "en ungdom har ofta flera, och de hänger ihop, så andelen får inget "
                  "konfidensintervall. Bara ärenden med samtycke till uppföljning.");
}

void rep_transitions(uf_report *r, uf_section *s, const uf_caseset *c, const char *prefix)
{
    for (int i = 0; i < UF_NINSTRUMENTS; i++)
        if (has_pairs(c, i))
            transitions(r, s, c, prefix, i);
}
