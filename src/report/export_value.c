/*
 * export_value.c - the columns of the analysis export and the value of
 * every cell (export_internal.h), computed when a file is written.  The
 * driver (export.c) and the writers (export_files.c, export_scripts.c)
 * call down to it.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "export_internal.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"
#include "report_internal.h"

/* The fixed facts of a case (kind XK_FIXED, a = one of these). */
enum {
    C_ID,
    C_COHORT,
    C_PROGRAMME,
    C_UNIT,
    C_SEX,
    C_AGE,
    C_AGE_BAND,
    C_TARGET,
    C_REFERRED,
    C_FORM,
    C_START_MONTH,
    C_END_MONTH,
    C_DAYS_IN,
    C_ONGOING,
    C_END_REASON,
    C_CONSENT,
    C_WITHDRAWN,
    C_COMPLETE_BEFORE,
    C_COMPLETE_AFTER,
    C_REFERRAL_TO_START,
    C_CONSENT_TO_START,
    C_NFIXED,
    /* last, after the measures */
    C_DAYS_FIRST = C_NFIXED,
    C_EVENT_FIRST,
    C_NCOLS
};

/* What a column holds: a fixed fact, or a measure of the core (a: the
 * event, state, insats code, instrument, domain or actor; b: the window,
 * the value or the status). */
enum {
    XK_FIXED,
    XK_YEARS,      /* observed years in window b */
    XK_RISK_YEARS, /* years at risk in window b */
    XK_EVENT,      /* events a in window b */
    XK_ANY,        /* any event a in the equal window b */
    XK_STATE,      /* state a: b 0 the baseline, 1 the latest after */
    XK_PLACED,     /* days placed in window b */
    XK_INSATS,     /* days with insats code a in window b */
    XK_INST,       /* instrument a: b 0 baseline, 1 follow-up, 2 change,
                      3 risk at baseline, 4 risk at follow-up */
    XK_GOALS,      /* goals of domain a with latest status b */
    XK_MEETINGS,   /* meetings during the insats */
    XK_PER_MONTH,  /* meetings per month */
    XK_ACTOR       /* actor a took part in a meeting */
};

/* the fixed columns' code lists; their kind and index are set by
 * uf_xsetup_columns */
#define CODES(list) NULL, 0, 1 + (list), XK_FIXED, 0, 0
#define NO_CODES NULL, 0, 0, XK_FIXED, 0, 0
#define STR_(x) #x
#define STR(x) STR_(x) /* a window of core.h in a description */

static const uf_xcol fixed[C_NCOLS] = {
    [C_ID] = { "id", UF_XT_TEXT, "Slumpat id för personen, nytt vid varje export", NO_CODES },
    [C_COHORT] = { "cohort", UF_XT_CODE, "Kohort (namngivet urval vid exporten)", NO_CODES },
    [C_PROGRAMME] = { "programme", UF_XT_TEXT, "Program, t.ex. SIG eller ordinarie", NO_CODES },
    [C_UNIT] = { "unit", UF_XT_TEXT, "Enhet", NO_CODES },
    [C_SEX] = { "sex", UF_XT_CODE, "Kön", CODES(UF_KB_SEX) },
    [C_AGE] = { "age_at_start", UF_XT_INT, "Ålder vid start (år)", NO_CODES },
    [C_AGE_BAND] = { "age_band", UF_XT_CODE, "Åldersgrupp vid start", NO_CODES },
    [C_TARGET] = { "target_group", UF_XT_CODE, "Målgrupp", CODES(UF_KB_TARGET) },
    [C_REFERRED] = { "referred_by", UF_XT_CODE, "Aktualiserad av", CODES(UF_KB_REFERRER) },
    [C_FORM] = { "form", UF_XT_CODE, "Insatsform (bistånd eller service)", CODES(UF_KB_FORM) },
    [C_START_MONTH] = { "start_month", UF_XT_MONTH, "Startmånad (ÅÅÅÅ-MM)", NO_CODES },
    [C_END_MONTH] = { "end_month", UF_XT_MONTH, "Avslutsmånad (ÅÅÅÅ-MM), tom om pågående",
                      NO_CODES },
    [C_DAYS_IN] = { "days_in_programme", UF_XT_INT,
                    "Dagar i programmet, från start till avslut eller uttagsdatum", NO_CODES },
    [C_ONGOING] = { "ongoing", UF_XT_BOOL, "Pågående vid uttagsdatum", NO_CODES },
    [C_END_REASON] = { "end_reason", UF_XT_CODE, "Avslutsorsak", CODES(UF_KB_END_REASON) },
    [C_CONSENT] = { "followup_consent", UF_XT_BOOL,
                    "Samtycke till uppföljning (nej: alla mått tomma)", NO_CODES },
    [C_WITHDRAWN] = { "consent_withdrawn", UF_XT_BOOL,
                      "Samtycket till uppföljning återkallat (inga mått från den dagen)",
                      NO_CODES },
    [C_COMPLETE_BEFORE] = { "complete_before", UF_XT_BOOL,
                            "Perioden före start är hel vid uttagsdatum", NO_CODES },
    [C_COMPLETE_AFTER] = { "complete_after", UF_XT_BOOL, "Efterperioden är hel vid uttagsdatum",
                           NO_CODES },
    [C_REFERRAL_TO_START] = { "days_referral_to_start", UF_XT_INT,
                              "Dagar från aktualisering till start", NO_CODES },
    [C_CONSENT_TO_START] = { "days_consent_to_start", UF_XT_INT, "Dagar från samtycke till start",
                             NO_CODES },
    [C_DAYS_FIRST] = { "days_to_first_suspicion", UF_XT_INT,
                       "Dagar från start till första nya misstanke, annars till uttagsdatum",
                       NO_CODES },
    [C_EVENT_FIRST] = { "first_suspicion_event", UF_XT_BOOL,
                        "Ny misstanke efter start (1) eller censurerad vid uttagsdatum (0)",
                        NO_CODES },
};

/* English stems of the built-in measures' columns: count / any / state. */
static const struct {
    const char *code, *stem, *any;
} stems[] = {
    { "misstanke_brott", "suspicions", "any_suspicion" },
    { "vald", "violent", "any_violent" },
    { "lagforing", "convictions", "any_conviction" },
    { "anmalan_oro", "concern_reports", "any_concern_report" },
    { "uppforandestorning", "conduct_disorder", NULL },
    { "skolfranvaro_pct", "school_absence", NULL },
    { "sysselsattning", "employment", NULL },
    { "drogfri", "drug_free", NULL },
    { "boende_stabilt", "stable_housing", NULL },
};

static const char *stem_of(const char *code, bool any)
{
    for (size_t i = 0; i < sizeof stems / sizeof *stems; i++)
        if (strcmp(stems[i].code, code) == 0)
            return any ? stems[i].any : stems[i].stem;
    return NULL;
}

/* The windows' words in names and descriptions. */
static const char *const phase_name[UF_NPHASES] = { "before", "during", "after" };
static const char *const phase_short[UF_NPHASES] = { "b", "d", "a" };
static const char *const phase_words[UF_NPHASES] = { "före start", "under insatsen",
                                                     "i efterperioden" };

/* Cut s to at most n - 1 bytes at a character boundary. */
static void cut_utf8(char *s, size_t n)
{
    size_t len = strlen(s);
    if (len < n)
        return;
    len = n - 1;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    s[len] = '\0';
}

/* Add a column made at run time: name and description printf'd into t. */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
static void
add(uf_xtable *t, uf_xtype type, int kind, int a, int b, int kb, const char *fmt, ...)
{
    if (t->ncols >= UF_XMAXCOLS)
        return;
    int i = t->ncols++;
    char whole[UF_XNAME + UF_XDESC + 8];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(whole, sizeof whole, fmt, ap);
    va_end(ap);
    /* "name|description" */
    char *bar = strchr(whole, '|');
    if (bar)
        *bar = '\0';
    snprintf(t->names[i], UF_XNAME, "%.*s", UF_XNAME - 1, whole);
    snprintf(t->descs[i], UF_XDESC, "%s", bar ? bar + 1 : "");
    cut_utf8(t->descs[i], UF_XDESC);
    t->cols[i] = (uf_xcol){ .name = t->names[i],
                            .type = type,
                            .desc = t->descs[i],
                            .kb = kb,
                            .kind = kind,
                            .a = (short)a,
                            .b = (short)b };
}

static void num(uf_xval *out, double v)
{
    out->v = v;
}

static void text(uf_xval *out, const char *s)
{
    out->s = s && *s ? s : NULL;
}

/* A measure of phase ph: empty when the case has no such window. */
static void phase_num(uf_xval *out, const uf_case *k, int ph, double v)
{
    out->v = k->from[ph] == INT_MIN ? NAN : v;
}

static void risk(uf_xval *out, int level)
{
    text(out, level >= 1 && level <= 3 ? uf_kb_code(UF_KB_RISK, level - 1) : NULL);
}

/* A measure column's value (only for cases with follow-up consent). */
static void measure_value(const uf_xtable *t, size_t ki, const uf_case *k, const uf_xcol *col,
                          uf_xval *out)
{
    int a = col->a, b = col->b;
    switch (col->kind) {
    case XK_YEARS: phase_num(out, k, b, k->years[b]); break;
    case XK_RISK_YEARS: phase_num(out, k, b, k->risk_years[b]); break;
    case XK_EVENT: phase_num(out, k, b, k->events[a][b]); break;
    case XK_ANY: phase_num(out, k, b, k->events_eq[a][b] > 0); break;
    case XK_STATE:
        if (b == 0)
            num(out, k->state_base[a]);
        else
            phase_num(out, k, UF_AFTER, k->state_end[a][UF_AFTER]);
        break;
    case XK_PLACED: phase_num(out, k, b, k->placed[b]); break;
    case XK_INSATS:
        if (t->c->insats_days)
            phase_num(out, k, b, t->c->insats_days[ki][a][b]);
        break;
    case XK_INST: {
        const uf_assess *as = &k->assess[a];
        if (b == 0)
            num(out, as->base);
        else if (b == 1)
            num(out, as->follow);
        else if (b == 2)
            num(out, as->follow - as->base);
        else
            risk(out, b == 3 ? as->base_risk : as->follow_risk);
        break;
    }
    case XK_GOALS: num(out, k->goals[a][b]); break;
    case XK_MEETINGS: num(out, k->meetings); break;
    case XK_PER_MONTH: num(out, rep_meetings_per_month(k)); break;
    case XK_ACTOR: num(out, (k->meeting_actors >> a) & 1u); break;
    case XK_FIXED:
        if (a == C_DAYS_FIRST) { /* censored on the day before a withdrawal */
            int f = t->first_susp[ki];
            num(out, (f != INT_MIN && f < k->stop ? f : k->stop - 1) - k->start);
        } else if (a == C_EVENT_FIRST)
            num(out, t->first_susp[ki] != INT_MIN && t->first_susp[ki] < k->stop);
        break;
    default: break;
    }
}

/* Days from day to the start, or empty. */
static void days_to_start(uf_xval *out, const uf_case *k, int day)
{
    if (day != INT_MIN)
        num(out, k->start - day);
}

void uf_xvalue(const uf_xtable *t, size_t r, int c, uf_xval *out)
{
    const uf_xrow *row = &t->rows[r];
    const uf_case *k = &t->c->cases[row->k];
    const uf_xcol *col = &t->cols[c];
    out->s = NULL;
    out->v = NAN;
    out->buf[0] = '\0';
    char sex[2] = { k->sex, 0 };
    switch (col->kind == XK_FIXED ? col->a : C_NCOLS) {
    case C_ID: text(out, t->ids[row->person]); break;
    case C_COHORT: text(out, t->o->filters[row->cohort].name); break;
    case C_PROGRAMME: text(out, uf_caseset_string(t->c, k->programme)); break;
    case C_UNIT: text(out, uf_caseset_string(t->c, k->unit)); break;
    case C_SEX: {
        int i = uf_kb_index(UF_KB_SEX, sex);
        text(out, i >= 0 ? uf_kb_code(UF_KB_SEX, i) : NULL);
        break;
    }
    case C_AGE:
        if (k->age >= 0)
            num(out, k->age);
        break;
    case C_AGE_BAND:
        uf_export_age_band(t->o->cfg, k->age, out->buf, sizeof out->buf);
        text(out, out->buf);
        break;
    case C_TARGET: text(out, uf_caseset_string(t->c, k->target_group)); break;
    case C_REFERRED:
        text(out,
             t->referred[row->k] >= 0 ? uf_kb_code(UF_KB_REFERRER, t->referred[row->k]) : NULL);
        break;
    case C_FORM:
        text(out, t->form[row->k] >= 0 ? uf_kb_code(UF_KB_FORM, t->form[row->k]) : NULL);
        break;
    case C_START_MONTH:
    case C_END_MONTH:
        uf_export_month(col->a == C_START_MONTH ? k->start : k->end, out->buf);
        text(out, out->buf);
        break;
    case C_DAYS_IN: num(out, (k->end != INT_MIN ? k->end : t->c->as_of) - k->start); break;
    case C_ONGOING: num(out, k->end == INT_MIN); break;
    case C_END_REASON: text(out, uf_caseset_string(t->c, k->end_reason)); break;
    case C_CONSENT: num(out, k->consent); break;
    case C_WITHDRAWN: num(out, k->withdrawn); break;
    case C_COMPLETE_BEFORE: num(out, k->complete[UF_BEFORE]); break;
    case C_COMPLETE_AFTER: num(out, k->complete[UF_AFTER]); break;
    case C_REFERRAL_TO_START: days_to_start(out, k, k->referred); break;
    case C_CONSENT_TO_START: days_to_start(out, k, k->consented); break;
    default:
        if (k->consent)
            measure_value(t, row->k, k, col, out);
    }
    if (!out->s && !isfinite(out->v))
        out->v = NAN;
}

/* Does some case with follow-up consent have days of insats code i, a
 * score of instrument i, goals in domain i? */
static bool insats_seen(const uf_caseset *c, int i)
{
    for (size_t j = 0; c->insats_days && j < c->n; j++)
        for (int ph = 0; ph < UF_NPHASES; ph++)
            if (c->insats_days[j][i][ph] > 0)
                return true;
    return false;
}

static bool instrument_seen(const uf_caseset *c, int i)
{
    for (size_t j = 0; j < c->n; j++)
        if (c->cases[j].consent &&
            (!isnan(c->cases[j].assess[i].base) || !isnan(c->cases[j].assess[i].follow)))
            return true;
    return false;
}

static bool domain_seen(const uf_caseset *c, int d)
{
    for (size_t j = 0; j < c->n; j++)
        for (int s = 0; c->cases[j].consent && s < UF_KB_N_GOAL_STATUS; s++)
            if (c->cases[j].goals[d][s])
                return true;
    return false;
}

/* The measure columns of c: windows, every event and state, days placed
 * and per insats code, every instrument, goals per domain, meetings. */
static void measure_columns(uf_xtable *t)
{
    const uf_caseset *c = t->c;
    for (int ph = 0; ph < UF_NPHASES; ph++)
        add(t, UF_XT_REAL, XK_YEARS, 0, ph, 0, "years_%s|Observerad tid %s (år)", phase_name[ph],
            phase_words[ph]);
    char locked[128];
    uf_config_locked_text(t->o->cfg, locked, sizeof locked);
    for (int ph = 0; ph < UF_NPHASES; ph++)
        add(t, UF_XT_REAL, XK_RISK_YEARS, 0, ph, 0, "years_at_risk_%s|Tid i risk %s (år), utom %s",
            phase_name[ph], phase_words[ph], locked);
    for (int e = 0; e < c->nevents; e++) {
        const char *code = c->event_codes[e], *label = uf_kb_label(UF_KB_MEASURE, code);
        const char *stem = stem_of(code, false), *any = stem_of(code, true);
        for (int ph = 0; ph < UF_NPHASES; ph++)
            add(t, UF_XT_REAL, XK_EVENT, e, ph, 0, "%s_%s|%s, antal %s", stem ? stem : code,
                phase_name[ph], label, phase_words[ph]);
        for (int ph = UF_BEFORE; ph <= UF_AFTER; ph += UF_AFTER - UF_BEFORE)
            add(t, UF_XT_BOOL, XK_ANY, e, ph, 0, "%s%s_%s|Minst en: %s, %s (lika långa fönster)",
                any ? any : "any_", any ? "" : code, phase_name[ph], label, phase_words[ph]);
    }
    for (int s = 0; s < c->nstates; s++) {
        const char *code = c->state_codes[s], *label = uf_kb_label(UF_KB_MEASURE, code);
        const char *stem = stem_of(code, false);
        bool pct = uf_config_measure_kind(t->o->cfg, code) == UF_MEASURE_PCT;
        uf_xtype ty = pct ? UF_XT_REAL : UF_XT_BOOL;
        add(t, ty, XK_STATE, s, 0, 0,
            "%s_baseline|%s vid start (" STR(UF_STATE_BASE_BEFORE) " dagar före till " STR(
                UF_STATE_BASE_AFTER) " efter)",
            stem ? stem : code, label);
        add(t, ty, XK_STATE, s, 1, 0, "%s_after|%s, senaste värdet i efterperioden",
            stem ? stem : code, label);
    }
    for (int ph = 0; ph < UF_NPHASES; ph++)
        add(t, UF_XT_REAL, XK_PLACED, 0, ph, 0,
            "days_placed_%s|Dagar placerad (HVB, SiS, familjehem, TFCO) %s", phase_name[ph],
            phase_words[ph]);
    for (int i = 0; i < UF_KB_N_INSATS; i++) {
        if (!insats_seen(c, i))
            continue;
        for (int ph = 0; ph < UF_NPHASES; ph++)
            add(t, UF_XT_REAL, XK_INSATS, i, ph, 0, "d_%s_%s|Dagar med insatsen %s %s",
                uf_kb_code(UF_KB_INSATS, i), phase_short[ph], uf_kb(UF_KB_INSATS)->e[i].label,
                phase_words[ph]);
    }
    for (int i = 0; i < UF_NINSTRUMENTS; i++) {
        if (!instrument_seen(c, i))
            continue;
        const char *code = uf_core_instrument_name(i), *label = uf_kb(UF_KB_INSTRUMENT)->e[i].label;
        add(t, UF_XT_REAL, XK_INST, i, 0, 0, "%s_baseline|%s totalpoäng vid start", code, label);
        add(t, UF_XT_REAL, XK_INST, i, 1, 0, "%s_followup|%s totalpoäng vid uppföljning", code,
            label);
        add(t, UF_XT_REAL, XK_INST, i, 2, 0, "%s_change|%s förändring (uppföljning - start)", code,
            label);
        add(t, UF_XT_CODE, XK_INST, i, 3, 1 + UF_KB_RISK, "%s_risk_baseline|%s risknivå vid start",
            code, label);
        add(t, UF_XT_CODE, XK_INST, i, 4, 1 + UF_KB_RISK,
            "%s_risk_followup|%s risknivå vid uppföljning", code, label);
    }
    for (int d = 0; d < UF_NDOMAINS; d++) {
        if (!domain_seen(c, d))
            continue;
        for (int st = 0; st < UF_KB_N_GOAL_STATUS; st++)
            add(t, UF_XT_INT, XK_GOALS, d, st, 0,
                "goals_%s_%s|Mål inom %s med status %s vid senaste uppföljning",
                uf_core_domain_name(d), uf_kb_code(UF_KB_GOAL_STATUS, st),
                uf_kb(UF_KB_DOMAIN)->e[d].label, uf_kb(UF_KB_GOAL_STATUS)->e[st].label);
    }
    add(t, UF_XT_INT, XK_MEETINGS, 0, 0, 0, "meetings_during|Möten under insatsen");
    add(t, UF_XT_REAL, XK_PER_MONTH, 0, 0, 0,
        "meetings_per_month|Möten per månad under insatsen (30,44 dagar)");
    for (int i = 0; i < uf_kb(UF_KB_ACTOR)->n && i < 32; i++)
        add(t, UF_XT_BOOL, XK_ACTOR, i, 0, 0, "met_%s|%s deltog i något möte under insatsen",
            uf_kb_code(UF_KB_ACTOR, i), uf_kb(UF_KB_ACTOR)->e[i].label);
}

/* The column table with the cohort's and the configuration's code lists. */
void uf_xsetup_columns(uf_xtable *t)
{
    t->ncols = 0;
    for (int i = 0; i < C_NFIXED; i++) {
        t->cols[t->ncols] = fixed[i];
        t->cols[t->ncols].kind = XK_FIXED;
        t->cols[t->ncols++].a = (short)i;
    }
    int cohort = C_COHORT, band = C_AGE_BAND;
    measure_columns(t);
    for (int i = C_NFIXED; i < C_NCOLS && t->ncols < UF_XMAXCOLS; i++) {
        t->cols[t->ncols] = fixed[i];
        t->cols[t->ncols].kind = XK_FIXED;
        t->cols[t->ncols++].a = (short)i;
    }
    for (int f = 0; f < t->o->nfilters; f++)
        t->cohort_codes[f] =
            (uf_xcode){ .code = t->o->filters[f].name, .label = t->o->filters[f].name };
    t->cols[cohort].codes = t->cohort_codes;
    t->cols[cohort].ncodes = t->o->nfilters;
    const uf_config *cfg = t->o->cfg;
    for (int i = 0; i < cfg->nbands && i < UF_MAX_BANDS; i++) {
        snprintf(t->band_text[i][0], sizeof t->band_text[i][0], "%d-%d", cfg->bands[i].lo,
                 cfg->bands[i].hi);
        snprintf(t->band_text[i][1], sizeof t->band_text[i][1], "%d–%d år", cfg->bands[i].lo,
                 cfg->bands[i].hi);
        t->band_codes[i] = (uf_xcode){ .code = t->band_text[i][0], .label = t->band_text[i][1] };
        t->nbands = i + 1;
    }
    t->cols[band].codes = t->band_codes;
    t->cols[band].ncodes = t->nbands;
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].kb) {
            const uf_kb_list *l = uf_kb((uf_kb_id)(t->cols[c].kb - 1));
            t->cols[c].codes = l->e;
            t->cols[c].ncodes = l->n;
        }
}

void uf_export_month(int day, char out[UF_MONTH_BUF])
{
    int y, m, d;
    if (day == INT_MIN) {
        out[0] = '\0';
        return;
    }
    uf_civil_from_days(day, &y, &m, &d);
    snprintf(out, UF_MONTH_BUF, "%04d-%02d", y < 0 ? 0 : y > 9999 ? 9999 : y, m);
}

void uf_export_age_band(const uf_config *cfg, int age, char *out, size_t n)
{
    out[0] = '\0';
    for (int i = 0; age >= 0 && i < cfg->nbands; i++)
        if (age >= cfg->bands[i].lo && age <= cfg->bands[i].hi) {
            snprintf(out, n, "%d-%d", cfg->bands[i].lo, cfg->bands[i].hi);
            return;
        }
}
