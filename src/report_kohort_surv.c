/*
 * report_kohort_surv.c - the kohort report's time to the first new
 * registered suspicion after start (SPEC §6, §9.3): per analysed case, t =
 * days from the start to the first suspicion of a crime strictly after the
 * start date (event), or to the as-of date (censored); Kaplan-Meier per
 * cohort (survival::survfit) at 3, 6, 12 and 24 months and at every month
 * 0..24 for the chart, and the log-rank test across cohorts
 * (survival::survdiff).  The first dates come from one query
 * (queries/kohort_first_suspicion.sql); the statistics from stats_surv.c.
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

#define KH_NONE INT_MIN
#define KH_CURVE_MONTHS 24

static const int table_months[] = { 3, 6, 12, 24 };

/* Index of the case with id in c (cases are in id order), or -1. */
static long find_case(const uf_cohort *c, sqlite3_int64 id)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->cases[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n && c->cases[lo].id == id ? (long)lo : -1;
}

/* first[i] = the day of case i's first suspicion after start, or KH_NONE.
 * -1 on a database error. */
static int load_first(sqlite3 *db, const uf_cohort *c, int *first)
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
        long i = find_case(c, sqlite3_column_int64(st, 0));
        const char *d = (const char *)sqlite3_column_text(st, 1);
        int day;
        if (i >= 0 && d && uf_date_parse(d, &day) == 0)
            first[i] = day;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The KM data of cohort j into t/ev (k->n[j] each). */
static void cohort_data(const kh_set *k, int j, const int *first, double *t, int *ev)
{
    for (size_t m = 0; m < k->n[j]; m++) {
        size_t i = k->idx[j][m];
        const uf_case *cs = &k->c->cases[i];
        ev[m] = first[i] != KH_NONE;
        t[m] = (double)((ev[m] ? first[i] : k->c->as_of) - cs->start);
    }
}

/* The KM point at month m of km (NULL: none); NAN fields when past the
 * last time. */
static void point_at(const uf_stat_km *km, int m, uf_stat_km_point *p)
{
    memset(p, 0, sizeof *p);
    p->surv = p->lower = p->upper = NAN;
    if (km)
        uf_stat_km_at(km, m * KH_MONTH, p);
}

/* The table at 3/6/12/24 months. */
static void km_table(kh_set *k, uf_section *s, uf_stat_km **km)
{
    uf_report *r = k->r;
    uf_table *t = uf_section_table(r, s, "kohort_overlevnad",
                                   "Andel utan ny registrerad misstanke efter start "
                                   "(Kaplan–Meier)", 7);
    uf_table_col(r, t, 0, "cohort", "Kohort", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "months", "Månader efter start", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 2, "n", "Ärenden", UF_C_COUNT, 0, false);
    uf_table_col(r, t, 3, "n_risk", "Kvar i risk", UF_C_COUNT, 0, false);
    uf_table_col(r, t, 4, "surv", "Andel utan misstanke", UF_C_NUMBER, 3, false);
    uf_table_col(r, t, 5, "surv_lo", "95 % KI, nedre", UF_C_NUMBER, 3, false);
    uf_table_col(r, t, 6, "surv_hi", "95 % KI, övre", UF_C_NUMBER, 3, false);
    for (int j = 0; j < k->nk; j++)
        for (size_t m = 0; m < sizeof table_months / sizeof *table_months; m++) {
            int tr = uf_table_row(r, t, false);
            if (tr < 0)
                return;
            char label[16];
            snprintf(label, sizeof label, "%d", table_months[m]);
            uf_stat_km_point p;
            point_at(km[j], table_months[m], &p);
            uf_cell_text(r, t, tr, 0, kh_name(k, j));
            uf_cell_text(r, t, tr, 1, label);
            kh_count(k, t, tr, 2, j, (long)k->n[j]);
            kh_count(k, t, tr, 3, j, (long)p.n_risk);
            uf_cell_number(t, tr, 4, p.surv, (long)p.n_risk);
            uf_cell_number(t, tr, 5, p.lower, (long)p.n_risk);
            uf_cell_number(t, tr, 6, p.upper, (long)p.n_risk);
            rep_fix_missing(t, tr, 4, 3);
        }
    uf_table_note(r, t, "Kaplan–Meier-skattning med 95 % konfidensintervall (Greenwoods "
                        "standardfel, logaritmiskt intervall). En månad = 30,4375 dagar. "
                        "Skattningen visas bara när minst 5 ärenden är kvar i risk.");
}

/* Cases of km censored in months (m - 1, m] after start (m >= 1). */
static long censored_in(const uf_stat_km *km, int m)
{
    long n = 0;
    for (size_t i = 0; km && m > 0 && i < km->k; i++)
        if (km->time[i] > (m - 1) * KH_MONTH && km->time[i] <= m * KH_MONTH)
            n += (long)km->n_censor[i];
    return n;
}

/* The curve table (one row per month 0..24; per cohort the survival, the
 * number at risk and the number censored in the month) and its
 * Kaplan-Meier chart: steps, censoring ticks, number at risk under it. */
static void km_curve(kh_set *k, uf_section *s, uf_stat_km **km)
{
    uf_report *r = k->r;
    uf_table *t = uf_section_table(r, s, "kohort_overlevnad_kurva",
                                   "Andel utan ny registrerad misstanke, per månad efter start",
                                   1 + 3 * k->nk);
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
            uf_stat_km_point p;
            point_at(km[j], m, &p);
            uf_cell_number(t, tr, 1 + j, p.surv, (long)p.n_risk);
            kh_count(k, t, tr, 1 + k->nk + j, j, (long)p.n_risk);
            uf_cell_count(t, tr, 1 + 2 * k->nk + j, censored_in(km[j], m));
        }
        rep_fix_missing(t, tr, 1, k->nk);
        rows[m] = tr;
    }
    uf_table_note(r, t, "Kaplan–Meier-kurvan läst vid varje hel månad; värden med färre än 5 "
                        "ärenden kvar i risk visas inte.");
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
        n += k->n[j];
        minn = k->n[j] < minn ? k->n[j] : minn;
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
        for (size_t m = 0; m < k->n[j]; m++)
            g[at + m] = (size_t)j;
        at += k->n[j];
    }
    if (!k->overlap && n > 0)
        uf_stat_logrank_new(t, ev, g, n, (size_t)k->nk, &lr);
    uf_table *tb = uf_section_table(r, s, "kohort_logrank", "Log-rank-test mellan kohorterna",
                                    5);
    uf_table_col(r, tb, 0, "test", "Test", UF_C_TEXT, 0, false);
    uf_table_col(r, tb, 1, "n", "Ärenden", UF_C_COUNT, 0, false);
    uf_table_col(r, tb, 2, "chisq", "Chi-två", UF_C_NUMBER, 3, false);
    uf_table_col(r, tb, 3, "df", "Frihetsgrader", UF_C_NUMBER, 0, false);
    uf_table_col(r, tb, 4, "p", "p-värde", UF_C_PVALUE, 3, false);
    int tr = uf_table_row(r, tb, false);
    uf_cell_text(r, tb, tr, 0, "Log-rank");
    uf_cell_count(tb, tr, 1, (long)n);
    uf_cell_number(tb, tr, 2, lr ? lr->chisq : NAN, (long)minn);
    uf_cell_number(tb, tr, 3, lr && !isnan(lr->chisq) ? lr->df : NAN, -1);
    uf_cell_pvalue(tb, tr, 4, lr ? lr->p : NAN, (long)minn);
    rep_fix_missing(tb, tr, 2, 3);
    if (k->overlap)
        uf_table_note(r, tb, "Testet görs inte: kohorterna överlappar (ett ärende finns i mer "
                             "än en kohort).");
    else if (!lr || isnan(lr->chisq))
        uf_table_note(r, tb, "Testet kunde inte beräknas (för få händelser).");
    uf_table_note(r, tb, "R: survival::survdiff(Surv(t, händelse) ~ kohort). Testet visas bara "
                         "när varje kohort har minst 5 ärenden.");
out:
    uf_stat_logrank_free(lr);
    free(t);
    free(ev);
    free(g);
}

int kh_survival(kh_set *k, sqlite3 *db)
{
    uf_report *r = k->r;
    const uf_cohort *c = k->c;
    uf_stat_km *km[UF_KOHORT_MAX] = { 0 };
    int *first = malloc((c->n ? c->n : 1) * sizeof *first);
    int rc = 0;
    if (!first) {
        r->failed = true;
        return 0;
    }
    if (load_first(db, c, first) != 0) {
        rc = -1;
        goto out;
    }
    for (int j = 0; j < k->nk && !r->failed; j++) {
        size_t n = k->n[j] ? k->n[j] : 1;
        double *t = malloc(n * sizeof *t);
        int *ev = malloc(n * sizeof *ev);
        if (!t || !ev)
            r->failed = true;
        else {
            cohort_data(k, j, first, t, ev);
            if (k->n[j] && uf_stat_km_new(t, ev, k->n[j], 0.95, &km[j]) == UF_ERR_NOMEM)
                r->failed = true;
        }
        free(t);
        free(ev);
    }
    uf_section *s = uf_report_section(r, "Tid till första nya misstanke efter start");
    uf_section_par(r, s, "Andelen ärenden utan någon ny registrerad misstanke om brott, räknat "
                         "från dagen efter start. Ärenden utan misstanke följs till datumet för "
                         "uttaget (censurerade där).");
    km_table(k, s, km);
    km_curve(k, s, km);
    logrank(k, s, first);
out:
    for (int j = 0; j < UF_KOHORT_MAX; j++)
        uf_stat_km_free(km[j]);
    free(first);
    return rc;
}
