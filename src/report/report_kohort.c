/*
 * report_kohort.c - the kohort report for evaluators (SPEC §9.3): two or
 * more cohorts, each a named filter over case fields (cohort.h), compared
 * on baseline balance (SMD), before/after change and difference in
 * differences against the first cohort, time to the first new suspicion
 * (report_kohort_surv.c), and end reasons, with a method page naming each
 * test and its R equivalent.  The analysed cases of a cohort are the
 * cases of the loaded core cohort that match its filter, started in the
 * --from/--to interval and have follow-up consent.  Table ids are stable
 * and begin with "kohort_"; disclosure control is the caller's
 * (uf_suppress_report), as for every report.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_kohort.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"

#define KH_NREASONS UF_KB_N_END_REASON /* index n = missing */
#include "uppfolj/stats.h"

/* k->first[j]: cohort j's analysed cases, each person's first (earliest
 * start, then case) only, in case order (uf_stat_first_of_each); -1 when
 * memory ran out. */
static int first_per_person(kh_set *k, int j)
{
    size_t n = k->n[j], m = 0;
    long long *person = malloc((n ? n : 1) * sizeof *person);
    long long *id = malloc((n ? n : 1) * sizeof *id);
    double *start = malloc((n ? n : 1) * sizeof *start);
    size_t *f = malloc((n ? n : 1) * sizeof *f);
    bool ok = person && id && start && f;
    for (size_t i = 0; ok && i < n; i++) {
        const uf_case *cs = &k->c->cases[k->idx[j][i]];
        person[i] = cs->person;
        id[i] = cs->id;
        start[i] = cs->start;
    }
    ok = ok && uf_stat_first_of_each(person, start, id, n, f, &m) == UF_OK;
    for (size_t i = 0; ok && i < m; i++)
        f[i] = k->idx[j][f[i]]; /* idx is in case order: so is f */
    free(person);
    free(id);
    free(start);
    if (!ok) {
        free(f);
        return -1;
    }
    k->first[j] = f;
    k->nfirst[j] = m;
    return 0;
}

/* Sort the cases of c into the cohorts of k; -1 when memory ran out. */
static int kh_init(kh_set *k)
{
    const uf_caseset *c = k->c;
    unsigned char *seen = calloc(c->n ? c->n : 1, 1);
    if (!seen)
        return -1;
    for (int j = 0; j < k->nk; j++) {
        k->idx[j] = malloc((c->n ? c->n : 1) * sizeof *k->idx[j]);
        if (!k->idx[j]) {
            free(seen);
            return -1;
        }
        for (size_t i = 0; i < c->n; i++) {
            const uf_case *cs = &c->cases[i];
            if (cs->start < k->o->from || cs->start > k->o->to ||
                !uf_cohort_filter_match(&k->o->cohorts[j], c, cs))
                continue;
            k->matched[j]++;
            if (!cs->consent) {
                k->no_consent[j]++;
                continue;
            }
            k->idx[j][k->n[j]++] = i;
            k->overlap |= seen[i];
            seen[i] = 1;
        }
        if (first_per_person(k, j) != 0) {
            free(seen);
            return -1;
        }
    }
    free(seen);
    return 0;
}

static void kh_release(kh_set *k)
{
    for (int j = 0; j < UF_KOHORT_MAX; j++) {
        free(k->idx[j]);
        free(k->first[j]);
    }
}

/* ---- selection ---------------------------------------------------------- */

static void selection(kh_set *k, uf_section *s)
{
    uf_report *r = k->r;
    uf_table *t = uf_section_table(r, s, "kohort_urval", "Kohorter och urval", 5);
    uf_table_col(r, t, 0, "cohort", "Kohort", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "n_cases", "Ärenden", UF_C_COUNT, 0, false);
    uf_table_col(r, t, 2, "n_no_consent", "Utan samtycke till uppföljning", UF_C_COUNT, 0, false);
    uf_table_col(r, t, 3, "n_analysed", "Analyseras", UF_C_COUNT, 0, false);
    uf_table_col(r, t, 4, "n_complete", "Med hela före- och efterperioden", UF_C_COUNT, 0, false);
    uf_table_part_of(t, 2, 1);
    uf_table_part_of(t, 3, 1);
    for (int j = 0; j < k->nk; j++) {
        long complete = 0;
        for (size_t m = 0; m < k->n[j]; m++)
            complete += rep_windows_complete(&k->c->cases[k->idx[j][m]]);
        k->complete[j] = complete;
        int tr = uf_table_row(r, t, false);
        if (tr < 0)
            return;
        uf_cell_text(r, t, tr, 0, kh_name(k, j));
        uf_cell_count(t, tr, 1, k->matched[j]);
        uf_cell_count(t, tr, 2, k->no_consent[j]);
        kh_count(k, t, tr, 3, j, (long)k->n[j]);
        kh_count(k, t, tr, 4, j, complete);
    }
    if (k->overlap)
        uf_table_note(r, t,
                      "Kohorterna överlappar: minst ett ärende finns i mer än en kohort. "
                      "Testen förutsätter skilda grupper och ska läsas med försiktighet; "
                      "log-rank-testet görs inte.");
}

/* ---- baseline balance --------------------------------------------------- */

/* A baseline variable of case cs: false when it has none. */
typedef bool (*base_fn)(const kh_set *k, const uf_case *cs, double *v);

static bool base_age(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    *v = cs->age;
    return cs->age >= 0;
}

static bool base_girl(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    *v = cs->sex == 'F';
    return cs->sex != 0;
}

static bool base_avhopp(const kh_set *k, const uf_case *cs, double *v)
{
    *v = strcmp(uf_caseset_string(k->c, cs->target_group), "avhopp") == 0;
    return cs->target_group >= 0;
}

static bool base_suspicions(const kh_set *k, const uf_case *cs, double *v)
{
    int e = uf_core_event(k->c, "misstanke_brott");
    if (e < 0 || !cs->complete[UF_BEFORE] || !(cs->years[UF_BEFORE] > 0))
        return false;
    *v = cs->events[e][UF_BEFORE];
    return true;
}

static bool base_ester(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    for (int i = 0; uf_core_instrument_name(i); i++)
        if (strcmp(uf_core_instrument_name(i), "ester") == 0) {
            *v = cs->assess[i].base;
            return !isnan(cs->assess[i].base);
        }
    return false;
}

static bool base_conduct(const kh_set *k, const uf_case *cs, double *v)
{
    int s = uf_core_state(k->c, "uppforandestorning");
    if (s < 0 || isnan(cs->state_base[s]))
        return false;
    *v = cs->state_base[s] > 0;
    return true;
}

/* Balance columns: per cohort n, count, mean, percent; then an SMD per
 * cohort after the first. */
enum { BC_N, BC_COUNT, BC_MEAN, BC_PCT, BC_PER };

/* The column of cohort j's SD in a measure table: after the SMDs (added
 * later: new columns go last). */
static int sd_col(const kh_set *k, int j)
{
    return 1 + BC_PER * k->nk + (k->nk - 1) + j;
}

static void balance_row(kh_set *k, uf_table *t, const char *label, base_fn fn, bool binary,
                        rep_vec *v)
{
    uf_report *r = k->r;
    int tr = uf_table_row(r, t, false);
    if (tr < 0)
        return;
    uf_cell_text(r, t, tr, 0, label);
    long cnt[UF_KOHORT_MAX];
    for (int j = 0; j < k->nk; j++) {
        rep_vec_clear(&v[j]);
        for (size_t m = 0; m < k->n[j]; m++) {
            double x;
            if (fn(k, &k->c->cases[k->idx[j][m]], &x))
                rep_vec_push(r, &v[j], x);
        }
        long n = (long)v[j].n;
        int o = 1 + BC_PER * j;
        kh_count(k, t, tr, o + BC_N, j, n);
        double mean = uf_stat_mean(v[j].v, v[j].n);
        if (binary) {
            cnt[j] = lround(mean * (double)n);
            if (n == 0)
                cnt[j] = 0;
            uf_cell_count(t, tr, o + BC_COUNT, cnt[j]);
            uf_cell_percent(t, tr, o + BC_PCT, 100.0 * mean, n, o + BC_COUNT);
        } else {
            uf_cell_number(t, tr, o + BC_MEAN, mean, n);
            uf_cell_number(t, tr, sd_col(k, j), uf_stat_sd(v[j].v, v[j].n), n);
            uf_cell_reveals(t, tr, sd_col(k, j), rep_sd_reveals(v[j].v, v[j].n));
        }
    }
    for (int j = 1; j < k->nk; j++) {
        int col = 1 + BC_PER * k->nk + (j - 1);
        long n = (long)(v[0].n < v[j].n ? v[0].n : v[j].n);
        double smd = NAN;
        if (binary && v[0].n && v[j].n) {
            smd = uf_stat_smd_binary(uf_stat_mean(v[0].v, v[0].n), uf_stat_mean(v[j].v, v[j].n));
        } else if (!binary) {
            uf_stat_balance b;
            uf_stat_smd_data(v[0].v, v[0].n, v[j].v, v[j].n, &b);
            smd = b.smd;
        }
        uf_cell_number(t, tr, col, isfinite(smd) ? smd : NAN, n);
        if (binary) {
            /* the SMD of two shares reveals the smaller non-zero count */
            int lk = cnt[0] > 0 && (cnt[j] <= 0 || cnt[0] <= cnt[j]) ? 1 + BC_COUNT
                                                                     : 1 + BC_PER * j + BC_COUNT;
            uf_table_cell(t, tr, col)->link = lk;
        }
    }
    rep_fix_missing(t, tr, 1, t->ncols - 1);
}

/* A table of measures by cohort (rows: balance_row) with its columns: per
 * cohort n, count, mean, share; then the SMDs. */
static uf_table *measure_table(kh_set *k, uf_section *s, const char *tid, const char *title)
{
    uf_report *r = k->r;
    int ncols = 1 + BC_PER * k->nk + (k->nk - 1) + k->nk;
    uf_table *t = uf_section_table(r, s, tid, title, ncols);
    if (!t)
        return NULL;
    uf_table_col(r, t, 0, "measure", "Mått", UF_C_TEXT, 0, false);
    static const struct {
        const char *id, *label;
        uf_ctype type;
        int dec;
    } per[BC_PER] = {
        { "n", "n", UF_C_COUNT, 0 },
        { "count", "antal", UF_C_COUNT, 0 },
        { "mean", "medel", UF_C_NUMBER, 2 },
        { "pct", "andel", UF_C_PERCENT, 1 },
    };
    for (int j = 0; j < k->nk; j++)
        for (int i = 0; i < BC_PER; i++) {
            char id[32], label[160];
            snprintf(id, sizeof id, "c%d_%s", j + 1, per[i].id);
            snprintf(label, sizeof label, "%s: %s", kh_name(k, j), per[i].label);
            uf_table_col(r, t, 1 + BC_PER * j + i, id, label, per[i].type, per[i].dec, false);
        }
    for (int j = 0; j < k->nk; j++) {
        char id[32], label[160];
        snprintf(id, sizeof id, "c%d_sd", j + 1);
        snprintf(label, sizeof label, "%s: SD", kh_name(k, j));
        uf_table_col(r, t, sd_col(k, j), id, label, UF_C_NUMBER, 2, false);
        uf_table_join(t, sd_col(k, j), 1 + BC_PER * j + BC_MEAN, UF_JOIN_SD);
    }
    for (int j = 1; j < k->nk; j++) {
        char id[32], label[160];
        snprintf(id, sizeof id, "smd_c%d", j + 1);
        snprintf(label, sizeof label, "SMD %s mot %s", kh_name(k, 0), kh_name(k, j));
        uf_table_col(r, t, 1 + BC_PER * k->nk + j - 1, id, label, UF_C_NUMBER, 3, false);
    }
    return t;
}

static void balance(kh_set *k, uf_section *s)
{
    uf_report *r = k->r;
    uf_table *t = measure_table(k, s, "kohort_balans", "Jämförbarhet vid start (baslinje)");
    if (!t)
        return;
    rep_sheet(r, t, NULL, "Jämförbarhet vid start");
    char susp[128];
    snprintf(susp, sizeof susp, "Misstankar om brott de %d månaderna före start, medel per ärende",
             k->c->params.months_before);
    rep_vec v[UF_KOHORT_MAX];
    for (int j = 0; j < UF_KOHORT_MAX; j++)
        rep_vec_init(&v[j]);
    balance_row(k, t, "Ålder vid start, medel", base_age, false, v);
    balance_row(k, t, uf_kb_group(UF_KB_SEX, "F"), base_girl, true, v);
    balance_row(k, t, "Målgrupp avhopp", base_avhopp, true, v);
    balance_row(k, t, susp, base_suspicions, false, v);
    balance_row(k, t, "Bedömning vid baslinjen (ESTER), poäng, medel", base_ester, false, v);
    balance_row(k, t, "Uppförandestörning vid baslinjen", base_conduct, true, v);
    for (int j = 0; j < UF_KOHORT_MAX; j++)
        rep_vec_free(&v[j]);
    uf_table_note(r, t,
                  "n = ärenden med uppgiften. SMD (standardiserad medelvärdesskillnad) "
                  "mellan den första kohorten och de andra: för medelvärden (m1 − m2) / "
                  "√((s1² + s2²)/2), för andelar (p1 − p2) / √((p1(1 − p1) + p2(1 − p2))/2), "
                  "som i R-paketet tableone. Ett belopp under 0,1 brukar tas som god balans.");
}

/* ---- the process during the insats -------------------------------------------- */

/* Did actor code take part in a meeting of the case during the insats? */
static bool took_part(const uf_case *cs, const char *code, double *v)
{
    *v = (cs->meeting_actors >> uf_kb_index(UF_KB_ACTOR, code)) & 1u;
    return true;
}
static bool proc_polis(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    return took_part(cs, "polis", v);
}
static bool proc_skola(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    return took_part(cs, "skola", v);
}
static bool proc_bup(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    return took_part(cs, "bup", v);
}

/* Meetings per month of the during phase, at least a day. */
static bool proc_meetings(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    *v = rep_meetings_per_month(cs);
    return !isnan(*v);
}

static bool proc_insatser(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    *v = rep_bits(cs->insatser);
    return true;
}
static bool proc_multimodal(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    *v = rep_bits(cs->insatser) >= 2;
    return true;
}
static bool proc_placed(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    *v = cs->placed[UF_DURING] > 0;
    return true;
}

/* Days from referral to start (the path), where the referral is known. */
static bool proc_to_start(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    *v = cs->start - cs->referred;
    return cs->referred != INT_MIN && cs->referred <= cs->start;
}
static bool proc_consent_to_start(const kh_set *k, const uf_case *cs, double *v)
{
    (void)k;
    *v = cs->start - cs->consented;
    return cs->consented != INT_MIN && cs->consented <= cs->start;
}

/* The process compared between the cohorts: the agencies in the meetings,
 * the insats mix and the path to the start. */
static void process(kh_set *k, uf_section *s)
{
    uf_table *t = measure_table(k, s, "kohort_process", "Processen under insatsen");
    if (!t)
        return;
    rep_vec v[UF_KOHORT_MAX];
    for (int j = 0; j < UF_KOHORT_MAX; j++)
        rep_vec_init(&v[j]);
    balance_row(k, t, "Polisen deltog i något möte", proc_polis, true, v);
    balance_row(k, t, "Skolan deltog i något möte", proc_skola, true, v);
    balance_row(k, t, "BUP deltog i något möte", proc_bup, true, v);
    balance_row(k, t, "Möten per månad, medel", proc_meetings, false, v);
    balance_row(k, t, "Olika insatser, medel", proc_insatser, false, v);
    balance_row(k, t, "Minst två olika insatser", proc_multimodal, true, v);
    balance_row(k, t, "Placerad under insatsen", proc_placed, true, v);
    balance_row(k, t, "Dagar från aktualisering till start, medel", proc_to_start, false, v);
    balance_row(k, t, "Dagar från samtycke till start, medel", proc_consent_to_start, false, v);
    for (int j = 0; j < UF_KOHORT_MAX; j++)
        rep_vec_free(&v[j]);
    uf_table_note(k->r, t,
                  "Under insatsen, per ärende: möten där polisen, skolan och BUP deltog, "
                  "insatser som pågick (olika insatstyper; placering: HVB, SiS, familjehem, "
                  "TFCO) och dagarna före start. n = ärenden med uppgiften; SMD som i "
                  "jämförbarheten vid start.");
}

/* ---- before/after and difference in differences -------------------------- */

enum {
    DD_COHORT,
    DD_N,
    DD_BEFORE,
    DD_AFTER,
    DD_CHANGE,
    DD_EST,
    DD_LO,
    DD_HI,
    DD_TP,
    DD_WP,
    /* added later: new columns go last */
    DD_BEFORE_SD,
    DD_AFTER_SD,
    DD_CHANGE_SD,
    DD_TP_HOLM,
    DD_WP_HOLM,
    DD_NCOL
};

/* Before, after and the difference in differences of measure m by cohort
 * (table kohort_did_ID): a share (yes/no) in percentage points, else in
 * the measure's unit. */
static void did_table(kh_set *k, uf_section *s, const rep_measure *m)
{
    uf_report *r = k->r;
    bool any = m->binary;
    const char *unit = any ? "andel, %" : "medel";
    char title[256], id[96];
    snprintf(title, sizeof title, "%s: före, efter och skillnad i förändring mot %s", m->title,
             kh_name(k, 0));
    snprintf(id, sizeof id, "kohort_did_%.60s", m->id);
    uf_table *t = uf_section_table(r, s, id, title, DD_NCOL);
    if (!t)
        return;
    char sheet[64];
    snprintf(sheet, sizeof sheet, "%s, DiD", m->sheet);
    rep_sheet(r, t, NULL, sheet);
    char lb[64], la[64], lc[64];
    snprintf(lb, sizeof lb, "Före, %s", unit);
    snprintf(la, sizeof la, "Efter, %s", unit);
    snprintf(lc, sizeof lc, "Förändring%s", any ? ", procentenheter" : ", medel");
    static const struct {
        const char *id;
        uf_ctype type;
        int dec;
    } cols[DD_NCOL] = {
        [DD_COHORT] = { "cohort", UF_C_TEXT, 0 },
        [DD_N] = { "n", UF_C_COUNT, 0 },
        [DD_BEFORE] = { "before_mean", UF_C_NUMBER, 2 },
        [DD_BEFORE_SD] = { "before_sd", UF_C_NUMBER, 2 },
        [DD_AFTER] = { "after_mean", UF_C_NUMBER, 2 },
        [DD_AFTER_SD] = { "after_sd", UF_C_NUMBER, 2 },
        [DD_CHANGE] = { "change_mean", UF_C_NUMBER, 2 },
        [DD_CHANGE_SD] = { "change_sd", UF_C_NUMBER, 2 },
        [DD_EST] = { "did", UF_C_NUMBER, 2 },
        [DD_LO] = { "did_lo", UF_C_NUMBER, 2 },
        [DD_HI] = { "did_hi", UF_C_NUMBER, 2 },
        [DD_TP] = { "did_welch_p", UF_C_PVALUE, 3 },
        [DD_TP_HOLM] = { "did_welch_p_holm", UF_C_PVALUE, 3 },
        [DD_WP] = { "did_ranksum_p", UF_C_PVALUE, 3 },
        [DD_WP_HOLM] = { "did_ranksum_p_holm", UF_C_PVALUE, 3 },
    };
    const char *labels[DD_NCOL] = { [DD_COHORT] = "Kohort",
                                    [DD_N] = "Med före och efter",
                                    [DD_BEFORE] = lb,
                                    [DD_BEFORE_SD] = "Före, SD",
                                    [DD_AFTER] = la,
                                    [DD_AFTER_SD] = "Efter, SD",
                                    [DD_CHANGE] = lc,
                                    [DD_CHANGE_SD] = "Förändring, SD",
                                    [DD_EST] = "Skillnad i förändring (DiD)",
                                    [DD_LO] = "95 % KI, nedre",
                                    [DD_HI] = "95 % KI, övre",
                                    [DD_TP] = "p (Welch t-test)",
                                    [DD_TP_HOLM] = "p (Welch), Holm",
                                    [DD_WP] = "p (Wilcoxon rangsumma)",
                                    [DD_WP_HOLM] = "p (Wilcoxon), Holm" };
    for (int i = 0; i < DD_NCOL; i++)
        uf_table_col(r, t, i, cols[i].id, labels[i], cols[i].type, cols[i].dec, false);
    uf_table_inference(t, DD_LO);
    uf_table_inference(t, DD_HI);
    uf_table_join(t, DD_BEFORE_SD, DD_BEFORE, UF_JOIN_SD);
    uf_table_join(t, DD_AFTER_SD, DD_AFTER, UF_JOIN_SD);
    uf_table_join(t, DD_CHANGE_SD, DD_CHANGE, UF_JOIN_SD);
    uf_table_join(t, DD_LO, DD_EST, UF_JOIN_CI_LOW);
    uf_table_join(t, DD_HI, DD_EST, UF_JOIN_CI_HIGH);
    uf_table_holm(t, DD_TP_HOLM, DD_TP);
    uf_table_holm(t, DD_WP_HOLM, DD_WP);
    rep_vec ch[UF_KOHORT_MAX];
    long small[UF_KOHORT_MAX] = { 0 }; /* binary: the smaller count per cohort */
    long sdr[UF_KOHORT_MAX] = { 0 };   /* what the changes' SD gives away */
    for (int j = 0; j < k->nk; j++) {
        rep_vec vb, va;
        rep_vec_init(&vb);
        rep_vec_init(&va);
        rep_vec_init(&ch[j]);
        for (size_t i = 0; i < k->n[j]; i++) {
            double b, a;
            if (!m->fn(k->c, &k->c->cases[k->idx[j][i]], m->arg, &b, &a))
                continue;
            if (any) { /* 0/1 as 0/100: the change is in percentage points */
                b = 100.0 * (b != 0);
                a = 100.0 * (a != 0);
            }
            rep_vec_push(r, &vb, b);
            rep_vec_push(r, &va, a);
            rep_vec_push(r, &ch[j], a - b);
        }
        long n = (long)ch[j].n;
        int tr = uf_table_row(r, t, false);
        uf_cell_text(r, t, tr, DD_COHORT, kh_name(k, j));
        kh_count(k, t, tr, DD_N, j, n);
        uf_cell_number(t, tr, DD_BEFORE, uf_stat_mean(vb.v, vb.n), n);
        uf_cell_number(t, tr, DD_BEFORE_SD, uf_stat_sd(vb.v, vb.n), n);
        uf_cell_number(t, tr, DD_AFTER, uf_stat_mean(va.v, va.n), n);
        uf_cell_number(t, tr, DD_AFTER_SD, uf_stat_sd(va.v, va.n), n);
        uf_cell_number(t, tr, DD_CHANGE, uf_stat_mean(ch[j].v, ch[j].n), n);
        uf_cell_number(t, tr, DD_CHANGE_SD, uf_stat_sd(ch[j].v, ch[j].n), n);
        uf_cell_reveals(t, tr, DD_BEFORE_SD, rep_sd_reveals(vb.v, vb.n));
        uf_cell_reveals(t, tr, DD_AFTER_SD, rep_sd_reveals(va.v, va.n));
        /* the changes' SD (and a test of them) can count those changed
         * each way: a yes/no change takes three values */
        sdr[j] = rep_sd_reveals(ch[j].v, ch[j].n);
        uf_cell_reveals(t, tr, DD_CHANGE_SD, sdr[j]);
        uf_cell_none(t, tr, DD_TP_HOLM, UF_SUPP_MISSING); /* after disclosure control */
        uf_cell_none(t, tr, DD_WP_HOLM, UF_SUPP_MISSING);
        if (any && n > 0) {
            /* percentages of n give their counts (and an SD of 0/100
             * values gives the share); the change and the comparisons
             * with the first cohort give them back from one another, so
             * each shows only when no such count is small */
            long kb = lround(uf_stat_mean(vb.v, vb.n) * (double)n / 100);
            long ka = lround(uf_stat_mean(va.v, va.n) * (double)n / 100);
            small[j] = kb > 0 && (ka <= 0 || kb < ka) ? kb : ka;
            /* each cell keeps the smaller of what it gives away */
            const long own[] = {
                0, 0, 0, rep_sd_reveals(vb.v, vb.n), rep_sd_reveals(va.v, va.n), sdr[j]
            };
            static const int stats[] = { DD_BEFORE,    DD_AFTER,    DD_CHANGE,
                                         DD_BEFORE_SD, DD_AFTER_SD, DD_CHANGE_SD };
            for (size_t c = 0; c < sizeof stats / sizeof *stats; c++)
                uf_cell_reveals(t, tr, stats[c],
                                own[c] > 0 && (small[j] <= 0 || own[c] < small[j]) ? own[c]
                                                                                   : small[j]);
        }
        if (j > 0) {
            uf_stat_ttest tt;
            uf_stat_wilcoxon w;
            uf_stat_did(ch[0].v, ch[0].n, ch[j].v, ch[j].n, 0.95, &tt);
            uf_stat_ranksum(ch[0].v, ch[0].n, ch[j].v, ch[j].n, &w);
            long nn = (long)(ch[0].n < ch[j].n ? ch[0].n : ch[j].n);
            uf_cell_number(t, tr, DD_EST, tt.estimate, nn);
            uf_cell_number(t, tr, DD_LO, tt.lo, nn);
            uf_cell_number(t, tr, DD_HI, tt.hi, nn);
            uf_cell_pvalue(t, tr, DD_TP, tt.p, nn);
            uf_cell_pvalue(t, tr, DD_WP, w.p, nn);
            long sm = small[0] > 0 && (small[j] <= 0 || small[0] < small[j]) ? small[0] : small[j];
            /* the Welch interval and p give both cohorts' variances of the
             * changes, and so what their SDs give away */
            const long also[] = { sdr[0], sdr[j] };
            for (size_t i = 0; i < 2; i++)
                if (also[i] > 0 && (sm <= 0 || also[i] < sm))
                    sm = also[i];
            for (int c = DD_EST; c <= DD_WP; c++)
                uf_cell_reveals(t, tr, c, sm);
            /* a rank-sum test that could not give p below 0,05 with
             * these group sizes (exact: 2 / choose(m + n, m), R: 2 *
             * pwilcox(0, m, n)) is not run */
            if (isfinite(w.p) && w.exact && 2 * uf_stat_pwilcox(0, ch[0].n, ch[j].n, 1) > 0.05)
                uf_cell_none(t, tr, DD_WP, UF_SUPP_NOTEST);
        }
        rep_fix_missing(t, tr, DD_BEFORE, DD_NCOL - DD_BEFORE);
        rep_vec_free(&vb);
        rep_vec_free(&va);
    }
    for (int j = 0; j < k->nk; j++)
        rep_vec_free(&ch[j]);
    char note[1024];
    snprintf(note, sizeof note,
             "Förändring = efter − före per ärende; SD = standardavvikelse; skillnad i förändring "
             "(DiD) = medelförändringen i %s minus den i kohorten på raden, med 95 %% "
             "konfidensintervall och p-värde från Welchs t-test på förändringarna (R: "
             "t.test(förändring_%s, förändring_kohort)) och p-värde från Wilcoxons rangsummetest "
             "(R: wilcox.test); Holm = p justerat för antalet test i tabellen. Bara ärenden med "
             "hela före- och efterperioden.%s",
             kh_name(k, 0), kh_name(k, 0),
             any ? " Ja/nej räknas som 0 eller 100, så att förändringen är i procentenheter." : "");
    uf_table_note(r, t, note);
}

/* The DiD table of every outcome measure (rep_measures), into sections by
 * kind as utfall has them. */
static void did_tables(kh_set *k, const uf_kohort_opts *o)
{
    static const char *const sections[] = {
        [REP_M_EVENTS] = "Före och efter: misstankar om brott och andra händelser",
        [REP_M_STATES] = "Före och efter: tillstånd",
        [REP_M_ASSESSMENTS] = "Före och efter: strukturerade bedömningar",
    };
    rep_measure list[REP_MAX_MEASURES];
    char none[512];
    int n = rep_measures(k->c, o->cfg, false, list, none, sizeof none);
    uf_section *s = NULL;
    int at = -1;
    for (int i = 0; i < n && !k->r->failed; i++) {
        if ((int)list[i].section != at) {
            s = uf_report_section(k->r, sections[list[i].section]);
            at = (int)list[i].section;
        }
        did_table(k, s, &list[i]);
        if (*none && strcmp(list[i].id, "dagar_placerad") == 0) {
            char par[640];
            snprintf(par, sizeof par,
                     "Utan ärenden med värden både före och efter, och därför utan tabell: %s.",
                     none);
            uf_section_par(k->r, s, par);
        }
    }
}

/* ---- end reasons ---------------------------------------------------------- */

/* End reason index of case cs (KH_NREASONS = missing), or -1 if ongoing. */
static int reason_of(const uf_caseset *c, const uf_case *cs)
{
    if (cs->end == INT_MIN)
        return -1;
    const char *code = uf_caseset_string(c, cs->end_reason);
    int i = uf_kb_index(UF_KB_END_REASON, code);
    return i >= 0 ? i : KH_NREASONS;
}

static void end_reasons(kh_set *k, uf_section *s)
{
    uf_report *r = k->r;
    long m[UF_KOHORT_MAX][KH_NREASONS + 1] = { { 0 } }, tot[UF_KOHORT_MAX] = { 0 };
    for (int j = 0; j < k->nk; j++)
        for (size_t i = 0; i < k->n[j]; i++) {
            int x = reason_of(k->c, &k->c->cases[k->idx[j][i]]);
            if (x >= 0) {
                m[j][x]++;
                tot[j]++;
            }
        }
    uf_table *t = uf_section_table(r, s, "kohort_avslutsorsak",
                                   "Avslutade ärenden efter avslutsorsak", 2 + k->nk);
    rep_sheet(r, t, NULL, "Avslutsorsak");
    uf_table_col(r, t, 0, "end_reason", "Avslutsorsak", UF_C_TEXT, 0, false);
    for (int j = 0; j < k->nk; j++) {
        char id[32];
        snprintf(id, sizeof id, "c%d", j + 1);
        uf_table_col(r, t, 1 + j, id, kh_name(k, j), UF_C_COUNT, 0, true);
        if (!k->overlap)
            uf_table_part_of(t, 1 + j, 1 + k->nk);
    }
    uf_table_col(r, t, 1 + k->nk, "total", "Alla kohorter", UF_C_COUNT, 0, true);
    size_t ft_x[UF_KOHORT_MAX * (KH_NREASONS + 1)], kk = 0, kr = 0;
    for (int i = 0; i <= KH_NREASONS; i++) {
        long any = 0;
        for (int j = 0; j < k->nk; j++)
            any += m[j][i];
        if (i == KH_NREASONS && !any)
            continue;
        int tr = uf_table_row(r, t, false);
        uf_cell_text(r, t, tr, 0,
                     i < KH_NREASONS
                         ? uf_kb_label(UF_KB_END_REASON, uf_kb_code(UF_KB_END_REASON, i))
                         : "Uppgift saknas");
        for (int j = 0; j < k->nk; j++)
            uf_cell_count(t, tr, 1 + j, m[j][i]);
        uf_cell_count(t, tr, 1 + k->nk, any);
        kk += any > 0; /* reasons present: Fisher columns */
    }
    int tr = uf_table_row(r, t, true);
    uf_cell_text(r, t, tr, 0, "Totalt");
    long ended = 0;
    for (int j = 0; j < k->nk; j++) {
        uf_cell_count(t, tr, 1 + j, tot[j]);
        ended += tot[j];
    }
    uf_cell_count(t, tr, 1 + k->nk, ended);
    uf_cell_key(r, t, tr, 1 + k->nk, "kohorterna: avslutade"); /* Fisher's n */
    uf_table_note(r, t, "Ärenden som avslutats till och med datumet för uttaget.");

    uf_table *ft = uf_section_table(r, s, "kohort_avslutsorsak_test",
                                    "Fishers exakta test: avslutsorsak mellan kohorterna", 3);
    rep_sheet(r, ft, NULL, "Avslutsorsak, Fishers test");
    uf_table_col(r, ft, 0, "test", "Test", UF_C_TEXT, 0, false);
    uf_table_col(r, ft, 1, "n", "Avslutade ärenden", UF_C_COUNT, 0, false);
    uf_table_col(r, ft, 2, "p", "p-värde", UF_C_PVALUE, 3, false);
    tr = uf_table_row(r, ft, false);
    uf_cell_text(r, ft, tr, 0, "Fishers exakta test");
    long all = 0, minn = LONG_MAX;
    for (int j = 0; j < k->nk; j++) {
        all += tot[j];
        minn = tot[j] < minn ? tot[j] : minn;
    }
    uf_cell_count(ft, tr, 1, all);
    if (all == ended)
        uf_cell_key(r, ft, tr, 1, "kohorterna: avslutade");
    for (int j = 0; j < k->nk; j++) { /* r x k: cohorts with cases x reasons present */
        if (!tot[j])
            continue;
        for (int i = 0, col = 0; i <= KH_NREASONS; i++) {
            long any = 0;
            for (int jj = 0; jj < k->nk; jj++)
                any += m[jj][i];
            if (any)
                ft_x[kr * kk + (size_t)col++] = (size_t)m[j][i];
        }
        kr++;
    }
    uf_stat_fisher f = { .p = NAN };
    if (kr >= 2 && kk >= 2 && uf_stat_fisher_rxc(ft_x, kr, kk, &f) == UF_ERR_NOMEM)
        r->failed = true;
    uf_cell_pvalue(ft, tr, 2, f.p, minn);
    rep_fix_missing(ft, tr, 2, 1);
    /* a test that no table with these margins could bring below 0,05 is
     * not run (searched over at most 10^6 tables; beyond that there are
     * enough for a small p) */
    double floor = NAN;
    if (isfinite(f.p) && uf_stat_fisher_floor(ft_x, kr, kk, 1000000, &floor) == UF_ERR_NOMEM)
        r->failed = true;
    if (isfinite(floor) && floor > 0.05)
        uf_cell_none(ft, tr, 2, UF_SUPP_NOTEST);
    long smallest = 0; /* the p narrows every cell of the table */
    for (size_t i = 0; i < kr * kk; i++)
        if (ft_x[i] > 0 && (smallest == 0 || (long)ft_x[i] < smallest))
            smallest = (long)ft_x[i];
    uf_cell_reveals(ft, tr, 2, smallest);
    if (f.too_large)
        uf_table_note(r, ft,
                      "Testet kunde inte beräknas: tabellen är för stor för exakt "
                      "beräkning.");
    else if (isnan(f.p))
        uf_table_note(r, ft,
                      "Testet kunde inte beräknas (färre än två kohorter med avslutade "
                      "ärenden eller färre än två avslutsorsaker förekommer).");
    char note[256];
    snprintf(note, sizeof note,
             "R: fisher.test(tabell) på antalen per avslutsorsak och kohort "
             "(orsaker som ingen kohort har utelämnas). Testet visas bara när varje kohort har "
             "minst %d avslutade ärenden.",
             kh_threshold(k));
    uf_table_note(r, ft, note);
}

/* ---- front and method ----------------------------------------------------- */

static void front(kh_set *k)
{
    uf_report *r = k->r;
    const uf_kohort_opts *o = k->o;
    const uf_caseset *c = k->c;
    char asof[UF_DATE_BUF], from[UF_DATE_BUF] = "", to[UF_DATE_BUF] = "", p[128];
    uf_date_format(c->as_of, asof);
    if (o->from != INT_MIN)
        uf_date_format(o->from, from);
    uf_date_format(o->to != INT_MAX && o->to < c->as_of ? o->to : c->as_of, to);
    snprintf(p, sizeof p, "Ärenden som startat %s%s%still och med %s", *from ? "från " : "", from,
             *from ? " " : "", to);
    rep_param own[UF_KOHORT_MAX + 3];
    char keys[UF_KOHORT_MAX][32];
    int n = 0;
    for (int j = 0; j < k->nk; j++) {
        snprintf(keys[j], sizeof keys[j], "Kohort %d", j + 1);
        own[n++] = (rep_param){ keys[j], o->specs ? o->specs[j] : kh_name(k, j) };
    }
    own[n++] = (rep_param){ "Start från", *from ? from : "–" };
    own[n++] = (rep_param){ "Start till och med", to };
    own[n++] = (rep_param){ "Datum för uttaget", asof };
    rep_front front = {
        .period = p, .as_of = asof, .params = own, .nparams = n, .windows = c, .cfg = o->cfg
    };
    rep_front_matter(r, &front);
}

static void method(kh_set *k)
{
    uf_report *r = k->r;
    const uf_caseset *c = k->c;
    char p[1024], asof[UF_DATE_BUF];
    uf_date_format(c->as_of, asof);
    snprintf(p, sizeof p,
             "Kohorter: varje kohort är ett namngivet villkor på ärendets uppgifter (program, "
             "enhet, målgrupp, startår, kön, ålder vid start). Analysen omfattar ärenden som "
             "startat till och med datumet för uttaget (%s), inom den angivna startperioden, och "
             "som har samtycke till uppföljning. Den första kohorten är jämförelsepunkten.",
             asof);
    uf_report_method(r, p);
    uf_report_method_f(r,
                       "Baslinje: ålder vid start; kön; målgrupp; misstankar om brott i "
                       "föreperioden; ESTER-bedömningens totalpoäng vid baslinjen (senaste "
                       "från %d dagar före till %d dagar efter start); uppförandestörning vid "
                       "baslinjen (senaste värdet från %d dagar före till %d dagar efter "
                       "start). Balansen mäts med SMD (standardiserad medelvärdesskillnad) "
                       "enligt formeln i R-paketet tableone (CreateTableOne, smd = TRUE); "
                       "inget test.",
                       UF_ASSESS_BASE_BEFORE, UF_ASSESS_BASE_AFTER, UF_STATE_BASE_BEFORE,
                       UF_STATE_BASE_AFTER);
    uf_report_method(r, "Processen under insatsen: för varje ärende om polisen, skolan och BUP "
                        "deltog i något av ärendets möten under insatsen, möten per månad (30,44 "
                        "dagar), antal olika insatstyper som pågick under insatsen och om minst "
                        "två gjorde det, om ungdomen var placerad (HVB, SiS, familjehem, TFCO) och "
                        "dagarna från aktualisering och samtycke till start. Jämförs med SMD som "
                        "baslinjen; processen beskriver vad som gjordes, inte vad det ledde till.");
    snprintf(p, sizeof p,
             "Före och efter: före = de %d månaderna före start; efter = de %d månaderna %s. "
             "Varje utfallsmått jämförs, som i rapporten utfall: händelser per år i risk och "
             "minst en händelse, tillstånd, dagar placerad och bedömningar. Förändringen per "
             "ärende är efter − före (ett ja/nej-mått som 0 eller 100, så att förändringen är i "
             "procentenheter). Skillnaden i förändring (difference in differences) är den första "
             "kohortens medelförändring minus den andras, med 95 %% konfidensintervall och "
             "p-värde från Welchs t-test (R: t.test(a, b)) och p-värde från Wilcoxons "
             "rangsummetest (R: wilcox.test(a, b), exakt när båda grupperna har färre än 50 värden "
             "och inga lika värden, annars normalapproximation; ett exakt test där inget utfall "
             "kan ge p under 0,05 görs inte). Varje tabell visar också p justerat med Holms "
             "metod över tabellens test (R: p.adjust(p, \"holm\")). Medelvärden visas med "
             "standardavvikelse (SD). Bara ärenden med hela före- och efterperioden vid datumet "
             "för uttaget.",
             c->params.months_before, c->params.months_after,
             c->params.anchor == UF_ANCHOR_START ? "från start" : "efter avslut");
    uf_report_method(r, p);
    rep_exposure_method(r, c);
    uf_report_method(r,
                     "Tid till första nya misstanke: t = dagar från start till den första "
                     "registrerade misstanken om brott efter startdagen (händelse), annars till "
                     "datumet för uttaget (censurerad där, också när ärendet har avslutats: "
                     "uppföljningen begränsas inte till efterfönstret; vid ett återkallat "
                     "samtycke dagen före). Varje person räknas en gång per kohort, med sitt "
                     "första ärende där (tidigast start). Kaplan–Meier-skattning "
                     "per kohort med Greenwoods standardfel och logaritmiskt 95 % "
                     "konfidensintervall (R: survival::survfit(Surv(t, händelse) ~ kohort)), "
                     "läst vid 3, 6, 12 och 24 månader (en månad = 30,4375 dagar); log-rank-test "
                     "mellan kohorterna (R: survival::survdiff(Surv(t, händelse) ~ kohort)).");
    uf_report_method_f(r,
                       "Avslutsorsaker: antal avslutade ärenden per orsak och kohort; Fishers "
                       "exakta test (r×k, nätverksalgoritmen; R: fisher.test) av tabellen "
                       "kohort × avslutsorsak, för alla kohorter. "
                       "Test görs bara när varje grupp har minst %d ärenden och när någon "
                       "tabell med samma rad- och kolumnsummor skulle ge p under 0,05.",
                       kh_threshold(k));
    rep_disclosure_note(r, k->o->cfg);
    uf_report_method(r, "Begränsningar: detta är en observationsstudie, ingen randomiserad "
                        "jämförelse. Kohorterna kan skilja sig åt på sätt som varken baslinjen "
                        "eller SMD fångar, så skillnader mellan dem kan bero på annat än insatsen. "
                        "Grupperna är ofta små, så slumpen kan spela stor roll och testen har låg "
                        "styrka; ett icke-signifikant resultat visar inte att det saknas skillnad. "
                        "Registrerade misstankar speglar också polisens arbete, inte bara de ungas "
                        "beteende.");
}

uf_report *uf_report_kohort(sqlite3 *db, const uf_caseset *c, const uf_kohort_opts *o,
                            uf_error *err)
{
    if (o->ncohorts < 2 || o->ncohorts > UF_KOHORT_MAX) {
        *err = UF_ERR_USAGE;
        return NULL;
    }
    kh_set k = { .c = c, .o = o, .nk = o->ncohorts };
    k.r = uf_report_new("kohort", "Kohortjämförelse");
    *err = UF_ERR_NOMEM;
    if (!k.r || kh_init(&k) != 0)
        goto fail;
    front(&k);
    uf_section *s = uf_report_section(k.r, "Kohorter och jämförbarhet vid start");
    uf_section_par(k.r, s, "Antal ärenden per kohort och hur lika kohorterna var vid start.");
    selection(&k, s);
    balance(&k, s);
    process(&k, uf_report_section(k.r, "Processen under insatsen"));
    did_tables(&k, o);
    if (kh_survival(&k, db) != 0) {
        *err = UF_ERR_DB;
        goto fail;
    }
    end_reasons(&k, uf_report_section(k.r, "Avslutsorsaker"));
    method(&k);
    if (uf_report_failed(k.r))
        goto fail;
    kh_release(&k);
    *err = UF_OK;
    return k.r;
fail:
    kh_release(&k);
    uf_report_free(k.r);
    return NULL;
}
