/*
 * report_kohort_surv.c - the kohort report's time to the first new
 * registered suspicion after start (SPEC §6, §9.3): per person, with the
 * first of its analysed cases in the cohort (a person with two cases would
 * count twice and the curves' observations would not be independent), t =
 * days from the start to the first suspicion of a crime strictly after the
 * start date (event), or to the as-of date (censored); Kaplan-Meier per
 * cohort at 3, 6, 12 and 24 months and at every month 0..24 for the
 * chart, and the log-rank test across cohorts (survival::survdiff).  The
 * first dates come from one query (queries/kohort_first_suspicion.sql).
 *
 * Disclosure control (SPEC §8): each step of a curve together with the
 * numbers at risk gives the events and censorings of its month.  So the
 * curve is computed from counts per whole month whose running totals of
 * events and of censorings are rounded up to multiples of the threshold,
 * as OpenSAFELY's kaplan-meier-function rounds its counts to a minimum
 * count (and the number of cases too): every step, every number at risk
 * and every censoring count is a multiple of the threshold.  The
 * estimates are computed from the rounded counts (Greenwood, log CI).  The
 * log-rank test uses the exact times.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_kohort.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/stats.h"
#include "uppfolj/suppress.h"

#define KH_NONE INT_MIN
#define KH_CURVE_MONTHS 24

static const int table_months[] = { 3, 6, 12, 24 };

/* A Kaplan-Meier curve read at whole months 0..KH_CURVE_MONTHS, from
 * rounded counts (see the top of the file). */
typedef struct kh_curve {
    long n_risk[KH_CURVE_MONTHS + 1];   /* at risk at m months */
    long censored[KH_CURVE_MONTHS + 1]; /* censored in month m - 1 .. m */
    double surv[KH_CURVE_MONTHS + 1], lower[KH_CURVE_MONTHS + 1], upper[KH_CURVE_MONTHS + 1];
} kh_curve;

/* x rounded up to a multiple of t. */
static long round_up(long x, long t)
{
    return (x + t - 1) / t * t;
}

/* The curve of the n times t[] (days) with events ev[] into cv, from the
 * events and censorings per month with running totals rounded up to
 * multiples of th. */
static void rounded_curve(const double *t, const int *ev, size_t n, long th, kh_curve *cv)
{
    long e[KH_CURVE_MONTHS + 1] = { 0 }, c[KH_CURVE_MONTHS + 1] = { 0 };
    for (size_t i = 0; i < n; i++) {
        double m = floor(t[i] / KH_MONTH);
        if (m >= 0 && m <= KH_CURVE_MONTHS)
            (ev[i] ? e : c)[(int)m]++;
    }
    long events = 0, cens = 0, ep = 0, cp = 0;
    long total = round_up((long)n, th); /* so that every number at risk is a
                                              multiple of th too */
    double surv = 1, gw = 0;
    const double z = 1.959963984540054; /* qnorm(0.975) */
    memset(cv, 0, sizeof *cv);
    for (int m = 0; m <= KH_CURVE_MONTHS; m++) {
        long at = total - ep - cp;
        cv->n_risk[m] = at > 0 ? at : 0;
        cv->surv[m] = surv;
        double se = sqrt(gw);
        cv->lower[m] = surv > 0 && isfinite(se) ? exp(log(surv) - z * se) : NAN;
        cv->upper[m] = surv > 0 && isfinite(se) ? fmin(1.0, exp(log(surv) + z * se)) : NAN;
        if (m == KH_CURVE_MONTHS)
            break;
        events += e[m];
        cens += c[m];
        long d = round_up(events, th) - ep, dc = round_up(cens, th) - cp;
        if (at > 0 && d > 0) {
            d = d > at ? at : d;
            surv *= 1.0 - (double)d / (double)at;
            gw += at > d ? (double)d / ((double)at * (double)(at - d)) : INFINITY;
        }
        cv->censored[m + 1] = dc;
        ep = round_up(events, th);
        cp = round_up(cens, th);
    }
}

/* first[i] = the day of case i's first suspicion after start, or KH_NONE.
 * -1 on a database error. */
static int load_first(sqlite3 *db, const uf_caseset *c, int *first)
{
    for (size_t i = 0; i < c->n; i++)
        first[i] = KH_NONE;
    sqlite3_stmt *st = uf_db_prepare(db, "kohort_first_suspicion");
    if (!st)
        return -1;
    char asof[UF_DATE_BUF];
    uf_date_format(c->as_of, asof);
    sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long i = uf_caseset_find(c, sqlite3_column_int64(st, 0));
        const char *d = (const char *)sqlite3_column_text(st, 1);
        int day;
        if (i >= 0 && d && uf_date_parse(d, &day) == 0)
            first[i] = day;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The KM data of cohort j into t/ev (k->nfirst[j] each: one case per
 * person, the first in the cohort). */
static void cohort_data(const kh_set *k, int j, const int *first, double *t, int *ev)
{
    for (size_t m = 0; m < k->nfirst[j]; m++) {
        size_t i = k->first[j][m];
        const uf_case *cs = &k->c->cases[i];
        /* followed up to as-of, or to the day before a withdrawal */
        ev[m] = first[i] != KH_NONE && first[i] < cs->stop;
        t[m] = (double)((ev[m] ? first[i] : cs->stop - 1) - cs->start);
    }
}

/* The table at 3/6/12/24 months. */
static void km_table(kh_set *k, uf_section *s, const kh_curve *cv, long th)
{
    uf_report *r = k->r;
    uf_table *t = uf_section_table(r, s, "kohort_overlevnad",
                                   "Andel utan ny registrerad misstanke efter start "
                                   "(Kaplan–Meier)",
                                   7);
    rep_sheet(r, t, NULL, "Kaplan–Meier");
    uf_table_col(r, t, 0, "cohort", "Kohort", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "months", "Månader efter start", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 2, "n", "Ärenden", UF_C_COUNT, 0, false);
    uf_table_col(r, t, 3, "n_risk", "Kvar i risk", UF_C_COUNT, 0, false);
    uf_table_col(r, t, 4, "surv", "Andel utan misstanke", UF_C_NUMBER, 3, false);
    uf_table_col(r, t, 5, "surv_lo", "95 % KI, nedre", UF_C_NUMBER, 3, false);
    uf_table_col(r, t, 6, "surv_hi", "95 % KI, övre", UF_C_NUMBER, 3, false);
    uf_table_inference(t, 5);
    uf_table_inference(t, 6);
    for (int j = 0; j < k->nk; j++)
        for (size_t m = 0; m < sizeof table_months / sizeof *table_months; m++) {
            int tr = uf_table_row(r, t, false);
            if (tr < 0)
                return;
            char label[16];
            snprintf(label, sizeof label, "%d", table_months[m]);
            int mo = table_months[m];
            long at = cv[j].n_risk[mo];
            uf_cell_text(r, t, tr, 0, kh_name(k, j));
            uf_cell_text(r, t, tr, 1, label);
            kh_count(k, t, tr, 2, j, (long)k->nfirst[j]);
            kh_count(k, t, tr, 3, j, at);
            uf_cell_number(t, tr, 4, at > 0 ? cv[j].surv[mo] : NAN, at);
            uf_cell_number(t, tr, 5, at > 0 ? cv[j].lower[mo] : NAN, at);
            uf_cell_number(t, tr, 6, at > 0 ? cv[j].upper[mo] : NAN, at);
            rep_fix_missing(t, tr, 4, 3);
        }
    char note[512];
    snprintf(note, sizeof note,
             "Kaplan–Meier-skattning med 95 %% konfidensintervall (Greenwoods "
             "standardfel, logaritmiskt intervall), räknad per hel månad (30,4375 dagar) ur antal "
             "där antalet ärenden och händelser och censureringar summerade över tiden "
             "avrundats uppåt till multipler av %ld (röjandeskydd). Skattningen visas bara när "
             "minst %ld ärenden är kvar i risk.",
             th, th);
    uf_table_note(r, t, note);
}

/* The curve table (one row per month 0..24; per cohort the survival, the
 * number at risk and the number censored in the month) and its
 * Kaplan-Meier chart: steps, censoring ticks, number at risk under it. */
static void km_curve(kh_set *k, uf_section *s, const kh_curve *cv, long th)
{
    uf_report *r = k->r;
    uf_table *t = uf_section_table(r, s, "kohort_overlevnad_kurva",
                                   "Andel utan ny registrerad misstanke, per månad efter start",
                                   1 + 3 * k->nk);
    rep_sheet(r, t, NULL, "Kaplan–Meier per månad");
    uf_table_col(r, t, 0, "month", "Månad", UF_C_TEXT, 0, false);
    for (int j = 0; j < k->nk; j++) {
        char id[32], label[96];
        snprintf(id, sizeof id, "c%d_surv", j + 1);
        uf_table_col(r, t, 1 + j, id, kh_name(k, j), UF_C_NUMBER, 3, false);
        snprintf(id, sizeof id, "c%d_risk", j + 1);
        snprintf(label, sizeof label, "%s: i risk", kh_name(k, j));
        uf_table_col(r, t, 1 + k->nk + j, id, label, UF_C_COUNT, 0, false);
        snprintf(id, sizeof id, "c%d_censored", j + 1);
        snprintf(label, sizeof label, "%s: censurerade under månaden", kh_name(k, j));
        uf_table_col(r, t, 1 + 2 * k->nk + j, id, label, UF_C_COUNT, 0, false);
    }
    int rows[KH_CURVE_MONTHS + 1];
    for (int m = 0; m <= KH_CURVE_MONTHS; m++) {
        int tr = uf_table_row(r, t, false);
        if (tr < 0)
            return;
        char label[16];
        snprintf(label, sizeof label, "%d", m);
        uf_cell_text(r, t, tr, 0, label);
        for (int j = 0; j < k->nk; j++) {
            long at = cv[j].n_risk[m];
            uf_cell_number(t, tr, 1 + j, at > 0 ? cv[j].surv[m] : NAN, at);
            kh_count(k, t, tr, 1 + k->nk + j, j, at);
            uf_cell_count(t, tr, 1 + 2 * k->nk + j, cv[j].censored[m]);
        }
        rep_fix_missing(t, tr, 1, k->nk);
        rows[m] = tr;
    }
    char note[512];
    snprintf(note, sizeof note,
             "Kaplan–Meier-kurvan vid varje hel månad, räknad ur antal där "
             "antalet ärenden och händelser och censureringar summerade över tiden avrundats "
             "uppåt till multipler av %ld (röjandeskydd): varje steg och varje antal står för "
             "minst %ld personer eller inga. Värden med färre än %ld ärenden kvar i risk visas "
             "inte.",
             th, th, th);
    uf_table_note(r, t, note);
    uf_chart *ch = uf_section_chart(r, s, "kohort_overlevnad_diagram",
                                    "Andel utan ny registrerad misstanke efter start", "step",
                                    "Andel (Kaplan–Meier)", t, 0);
    uf_chart_rows(r, ch, rows, KH_CURVE_MONTHS + 1);
    for (int j = 0; j < k->nk; j++) {
        uf_chart_series(r, ch, kh_name(k, j), 1 + j);
        uf_chart_series_km(ch, 1 + k->nk + j, 1 + 2 * k->nk + j);
    }
}

/* The log-rank test across the cohorts (not when they overlap). */
static void logrank(kh_set *k, uf_section *s, const int *first)
{
    uf_report *r = k->r;
    size_t n = 0, minn = (size_t)-1;
    for (int j = 0; j < k->nk; j++) {
        n += k->nfirst[j];
        minn = k->nfirst[j] < minn ? k->nfirst[j] : minn;
    }
    double *t = malloc((n ? n : 1) * sizeof *t);
    int *ev = malloc((n ? n : 1) * sizeof *ev);
    size_t *g = malloc((n ? n : 1) * sizeof *g);
    uf_stat_logrank *lr = NULL;
    if (!t || !ev || !g) {
        r->failed = true;
        goto out;
    }
    size_t at = 0;
    for (int j = 0; j < k->nk; j++) {
        cohort_data(k, j, first, t + at, ev + at);
        for (size_t m = 0; m < k->nfirst[j]; m++)
            g[at + m] = (size_t)j;
        at += k->nfirst[j];
    }
    if (!k->overlap && n > 0)
        uf_stat_logrank_new(t, ev, g, n, (size_t)k->nk, &lr);
    uf_table *tb = uf_section_table(r, s, "kohort_logrank", "Log-rank-test mellan kohorterna", 5);
    uf_table_col(r, tb, 0, "test", "Test", UF_C_TEXT, 0, false);
    uf_table_col(r, tb, 1, "n", "Ärenden", UF_C_COUNT, 0, false);
    uf_table_col(r, tb, 2, "chisq", "Chi-två", UF_C_NUMBER, 3, false);
    uf_table_col(r, tb, 3, "df", "Frihetsgrader", UF_C_NUMBER, 0, false);
    uf_table_col(r, tb, 4, "p", "p-värde", UF_C_PVALUE, 3, false);
    int tr = uf_table_row(r, tb, false);
    uf_cell_text(r, tb, tr, 0, "Log-rank");
    uf_cell_count(tb, tr, 1, (long)n);
    uf_cell_reveals(tb, tr, 1, (long)minn); /* n minus the others' cases */
    uf_cell_number(tb, tr, 2, lr ? lr->chisq : NAN, (long)minn);
    uf_cell_number(tb, tr, 3, lr && !isnan(lr->chisq) ? lr->df : NAN, -1);
    uf_cell_pvalue(tb, tr, 4, lr ? lr->p : NAN, (long)minn);
    rep_fix_missing(tb, tr, 2, 3);
    if (k->overlap)
        uf_table_note(r, tb,
                      "Testet görs inte: kohorterna överlappar (ett ärende finns i mer "
                      "än en kohort).");
    else if (!lr || isnan(lr->chisq))
        uf_table_note(r, tb, "Testet kunde inte beräknas (för få händelser).");
    char note[160];
    snprintf(note, sizeof note,
             "R: survival::survdiff(Surv(t, händelse) ~ kohort). Testet visas "
             "bara när varje kohort har minst %d ärenden.",
             kh_threshold(k));
    uf_table_note(r, tb, note);
out:
    uf_stat_logrank_free(lr);
    free(t);
    free(ev);
    free(g);
}

int kh_survival(kh_set *k, sqlite3 *db)
{
    uf_report *r = k->r;
    const uf_caseset *c = k->c;
    kh_curve *cv = calloc(UF_KOHORT_MAX, sizeof *cv);
    int *first = malloc((c->n ? c->n : 1) * sizeof *first);
    int rc = 0;
    long th = !k->o->cfg                                     ? 5
              : k->o->cfg->threshold < UF_SUPP_MIN_THRESHOLD ? UF_SUPP_MIN_THRESHOLD
                                                             : k->o->cfg->threshold;
    if (!first || !cv) {
        free(first);
        free(cv);
        r->failed = true;
        return 0;
    }
    if (load_first(db, c, first) != 0) {
        rc = -1;
        goto out;
    }
    for (int j = 0; j < k->nk && !r->failed; j++) {
        size_t n = k->nfirst[j] ? k->nfirst[j] : 1;
        double *t = malloc(n * sizeof *t);
        int *ev = malloc(n * sizeof *ev);
        if (!t || !ev)
            r->failed = true;
        else {
            cohort_data(k, j, first, t, ev);
            rounded_curve(t, ev, k->nfirst[j], th, &cv[j]);
        }
        free(t);
        free(ev);
    }
    uf_section *s = uf_report_section(r, "Tid till första nya misstanke efter start");
    uf_section_par(r, s,
                   "Andelen ärenden utan någon ny registrerad misstanke om brott, räknat "
                   "från dagen efter start. Ärenden utan misstanke följs till datumet för "
                   "uttaget (censurerade där). Varje person räknas en gång, med sitt första "
                   "ärende i kohorten.");
    km_table(k, s, cv, th);
    km_curve(k, s, cv, th);
    logrank(k, s, first);
out:
    free(cv);
    free(first);
    return rc;
}
