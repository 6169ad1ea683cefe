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

/* A case's before and after value of one measure; false when it has not
 * both (incomplete windows, no reading). */
typedef bool (*pair_fn)(const uf_caseset *c, const uf_case *k, int arg, double *before,
                        double *after);

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

/* Column layout of a continuous table after the group column(s). */
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
    CC_N
};
/* ... and of a binary table. */
enum { CB_NCASES, CB_NPAIRED, CB_BEFORE, CB_AFTER, CB_BPCT, CB_APCT, CB_MP, CB_UNPAIRED, CB_N };

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
static long collect(uf_report *r, const rep_groups *g, int row, pair_fn fn, int arg,
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

/* One continuous measure as a table with a chart of the means (no chart
 * when unit is NULL). */
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

static void continuous(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix,
                       const char *id, const char *title, const char *unit, pair_fn fn, int arg)
{
    static const col_spec cols[CC_N] = {
        { "n_cases", "Ärenden", UF_C_COUNT, 0, true },
        { "n_paired", "Med före och efter", UF_C_COUNT, 0, true },
        { "before_mean", "Före, medel", UF_C_NUMBER, 2, false },
        { "after_mean", "Efter, medel", UF_C_NUMBER, 2, false },
        { "change_mean", "Förändring, medel", UF_C_NUMBER, 2, false },
        { "change_ci_low", "95 % KI, nedre", UF_C_NUMBER, 2, false },
        { "change_ci_high", "95 % KI, övre", UF_C_NUMBER, 2, false },
        { "wilcoxon_v", "Wilcoxon V", UF_C_NUMBER, 1, false },
        { "wilcoxon_p", "p (Wilcoxon)", UF_C_PVALUE, 3, false },
        { "t_p", "p (t-test)", UF_C_PVALUE, 3, false },
        { "n_unpaired", "Utan före- eller eftervärde", UF_C_COUNT, 0, true },
    };
    uf_table *t = rep_table(r, s, g, id, title, CC_N);
    int o = g->ncols;
    add_cols(r, t, o, cols, CC_N);
    uf_table_inference(t, o + CC_LO);
    uf_table_inference(t, o + CC_HI);
    uf_table_inference(t, o + CC_V);
    unpaired_parts(t, o + CC_NCASES, o + CC_NPAIRED, o + CC_UNPAIRED);
    rep_vec before, after;
    rep_vec_init(&before);
    rep_vec_init(&after);
    for (int row = 0; row < g->nrows + 1; row++) {
        long ncases = collect(r, g, row, fn, arg, &before, &after);
        int tr = rep_row(r, t, g, row);
        long n = (long)before.n;
        uf_cell_count(t, tr, o + CC_NCASES, ncases);
        uf_cell_count(t, tr, o + CC_NPAIRED, n);
        key_counts(r, t, g, row, tr, prefix, id, o, 2);
        unpaired(r, t, g, row, tr, id + strlen(prefix), o + CC_UNPAIRED, ncases - n);
        rep_paired stats;
        rep_paired_stats(&before, &after, &stats);
        uf_cell_number(t, tr, o + CC_BEFORE, stats.before_mean, n);
        uf_cell_number(t, tr, o + CC_AFTER, stats.after_mean, n);
        uf_cell_number(t, tr, o + CC_CHANGE, stats.change_mean, n);
        uf_cell_number(t, tr, o + CC_LO, stats.lo, n);
        uf_cell_number(t, tr, o + CC_HI, stats.hi, n);
        uf_cell_number(t, tr, o + CC_V, stats.v, n);
        uf_cell_pvalue(t, tr, o + CC_WP, stats.wilcoxon_p, n);
        uf_cell_pvalue(t, tr, o + CC_TP, stats.t_p, n);
        rep_fix_missing(t, tr, o, CC_N);
        /* the exact signed-rank p of 5 or fewer pairs is never below 0,05
         * (the smallest is 2 x 0,5^5 = 0,0625): no test */
        if (stats.wilcoxon_exact && n <= 5 && isfinite(stats.wilcoxon_p))
            uf_cell_none(t, tr, o + CC_WP, UF_SUPP_NOTEST);
    }
    rep_vec_free(&before);
    rep_vec_free(&after);
    uf_table_note(r, t,
                  "Förändring = efter − före, per ärende; 95 % konfidensintervall och p "
                  "från parat t-test; p (Wilcoxon) från Wilcoxons teckenrangtest.");
    if (unit)
        rep_chart(r, s, t, g, id, title, unit, o + CC_BEFORE, o + CC_AFTER);
}

/* One binary measure as a table with a chart of the shares. */
static void binary(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix,
                   const char *id, const char *title, pair_fn fn, int arg)
{
    static const col_spec cols[CB_N] = {
        { "n_cases", "Ärenden", UF_C_COUNT, 0, true },
        { "n_paired", "Med före och efter", UF_C_COUNT, 0, true },
        { "before_any", "Före, antal", UF_C_COUNT, 0, true },
        { "after_any", "Efter, antal", UF_C_COUNT, 0, true },
        { "before_pct", "Före, andel", UF_C_PERCENT, 1, false },
        { "after_pct", "Efter, andel", UF_C_PERCENT, 1, false },
        { "mcnemar_p", "p (McNemar)", UF_C_PVALUE, 3, false },
        { "n_unpaired", "Utan före- eller eftervärde", UF_C_COUNT, 0, true },
    };
    uf_table *t = rep_table(r, s, g, id, title, CB_N);
    int o = g->ncols;
    add_cols(r, t, o, cols, CB_N);
    unpaired_parts(t, o + CB_NCASES, o + CB_NPAIRED, o + CB_UNPAIRED);
    uf_table_within(t, o + CB_BEFORE, o + CB_NPAIRED); /* with an event: of those paired */
    uf_table_within(t, o + CB_AFTER, o + CB_NPAIRED);
    rep_vec before, after;
    rep_vec_init(&before);
    rep_vec_init(&after);
    for (int row = 0; row < g->nrows + 1; row++) {
        long ncases = collect(r, g, row, fn, arg, &before, &after);
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
        uf_cell_percent(t, tr, o + CB_APCT, n ? 100.0 * (double)na / (double)n : NAN, n,
                        o + CB_AFTER);
        uf_cell_pvalue(t, tr, o + CB_MP, rep_mcnemar(only_b, only_a), n);
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
                  "både före- och efterperiod; p från exakt McNemar-test (binomialtest på "
                  "de ärenden som ändrades).");
    rep_chart(r, s, t, g, id, title, "Andel ärenden (%)", o + CB_BPCT, o + CB_APCT);
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

/* The table id PREFIX_NAME into buf. */
static const char *tid(char *buf, size_t n, const char *prefix, const char *name)
{
    snprintf(buf, n, "%s_%s", prefix, name);
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

void rep_outcomes(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix,
                  bool with_transitions)
{
    const uf_caseset *c = g->c;
    char id[96];
    bool own = !s;
    if (own)
        s = uf_report_section(r, "Misstankar om brott");
    int e = uf_core_event(c, "misstanke_brott"), v = uf_core_event(c, "vald");
    continuous(r, s, g, prefix, tid(id, sizeof id, prefix, "misstankar_per_ar"),
               "Registrerade misstankar om brott per år", "Misstankar per år", event_rate, e);
    binary(r, s, g, prefix, tid(id, sizeof id, prefix, "misstanke_nagon"),
           "Minst en registrerad misstanke om brott", event_any, e);
    binary(r, s, g, prefix, tid(id, sizeof id, prefix, "vald_nagon"),
           "Minst en misstanke om våldsbrott", event_any, v);
    if (own)
        s = uf_report_section(r, "Tillstånd");
    binary(r, s, g, prefix, tid(id, sizeof id, prefix, "uppforandestorning"),
           "Uppförandestörning (kriteriet uppfyllt)", state_pair,
           uf_core_state(c, "uppforandestorning"));
    continuous(r, s, g, prefix, tid(id, sizeof id, prefix, "skolfranvaro"),
               "Skolfrånvaro (procent av tiden)", "Skolfrånvaro (%)", state_pair,
               uf_core_state(c, "skolfranvaro_pct"));
    continuous(r, s, g, prefix, tid(id, sizeof id, prefix, "dagar_placerad"),
               "Dagar placerad (HVB, SiS, familjehem, TFCO) per år", "Dagar per år", placed_rate,
               0);
    if (own)
        s = uf_report_section(r, "Strukturerade bedömningar");
    for (int i = 0; i < UF_NINSTRUMENTS; i++) {
        if (!has_pairs(c, i))
            continue;
        char name[64], title[160];
        snprintf(name, sizeof name, "bedomning_%s", uf_core_instrument_name(i));
        snprintf(title, sizeof title, "Totalpoäng, %s, vid baslinje och uppföljning",
                 uf_kb_label(UF_KB_INSTRUMENT, uf_core_instrument_name(i)));
        continuous(r, s, g, prefix, tid(id, sizeof id, prefix, name), title, "Poäng", assessment,
                   i);
        if (with_transitions)
            transitions(r, s, c, prefix, i);
    }
}

void rep_transitions(uf_report *r, uf_section *s, const uf_caseset *c, const char *prefix)
{
    for (int i = 0; i < UF_NINSTRUMENTS; i++)
        if (has_pairs(c, i))
            transitions(r, s, c, prefix, i);
}
