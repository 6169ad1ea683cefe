/*
 * export_value.c - the columns of the analysis export and the value of
 * every cell (export_internal.h), computed when a file is written.  The
 * driver (export.c) and the writers (export_files.c, export_scripts.c)
 * call down to it.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "export_internal.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"

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
    C_START_MONTH,
    C_END_MONTH,
    C_DAYS_IN,
    C_ONGOING,
    C_END_REASON,
    C_CONSENT,
    C_WITHDRAWN,
    C_COMPLETE_BEFORE,
    C_COMPLETE_AFTER,
    C_FIRST_MEASURE,
    C_SUSP_B = C_FIRST_MEASURE,
    C_SUSP_D,
    C_SUSP_A,
    C_YEARS_B,
    C_YEARS_D,
    C_YEARS_A,
    C_ANY_B,
    C_ANY_A,
    C_VIOLENT_B,
    C_VIOLENT_A,
    C_CONVICT_B,
    C_CONVICT_A,
    C_CD_BASE,
    C_CD_AFTER,
    C_SCHOOL_BASE,
    C_SCHOOL_AFTER,
    C_PLACED_B,
    C_PLACED_D,
    C_PLACED_A,
    C_ESTER_BASE,
    C_ESTER_FOLLOW,
    C_ESTER_CHANGE,
    C_ESTER_RISK_BASE,
    C_ESTER_RISK_FOLLOW,
    C_DAYS_FIRST,
    C_EVENT_FIRST,
    C_NCOLS
};

#define CODES(list) NULL, 0, 1 + (list)
#define NO_CODES NULL, 0, 0
#define STR_(x) #x
#define STR(x) STR_(x) /* a window of core.h in a description */

static const uf_xcol columns[C_NCOLS] = {
    [C_ID] = { "id", UF_XT_TEXT, "Slumpat id för personen, nytt vid varje export", NO_CODES },
    [C_COHORT] = { "cohort", UF_XT_CODE, "Kohort (namngivet urval vid exporten)", NO_CODES },
    [C_PROGRAMME] = { "programme", UF_XT_TEXT, "Program, t.ex. SIG eller ordinarie", NO_CODES },
    [C_UNIT] = { "unit", UF_XT_TEXT, "Enhet", NO_CODES },
    [C_SEX] = { "sex", UF_XT_CODE, "Kön", CODES(UF_KB_SEX) },
    [C_AGE] = { "age_at_start", UF_XT_INT, "Ålder vid start (år)", NO_CODES },
    [C_AGE_BAND] = { "age_band", UF_XT_CODE, "Åldersgrupp vid start", NO_CODES },
    [C_TARGET] = { "target_group", UF_XT_CODE, "Målgrupp", CODES(UF_KB_TARGET) },
    [C_REFERRED] = { "referred_by", UF_XT_CODE, "Aktualiserad av", CODES(UF_KB_REFERRER) },
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
    [C_SUSP_B] = { "suspicions_before", UF_XT_REAL, "Brottsmisstankar, perioden före start",
                   NO_CODES },
    [C_SUSP_D] = { "suspicions_during", UF_XT_REAL, "Brottsmisstankar under insatsen", NO_CODES },
    [C_SUSP_A] = { "suspicions_after", UF_XT_REAL, "Brottsmisstankar, efterperioden", NO_CODES },
    [C_YEARS_B] = { "years_before", UF_XT_REAL, "Observerad tid före start (år)", NO_CODES },
    [C_YEARS_D] = { "years_during", UF_XT_REAL, "Observerad tid under insatsen (år)", NO_CODES },
    [C_YEARS_A] = { "years_after", UF_XT_REAL,
                    "Observerad tid i efterperioden fram till uttagsdatum (år)", NO_CODES },
    [C_ANY_B] = { "any_suspicion_before", UF_XT_BOOL,
                  "Minst en brottsmisstanke före start, i lika långt fönster som efter", NO_CODES },
    [C_ANY_A] = { "any_suspicion_after", UF_XT_BOOL,
                  "Minst en brottsmisstanke efter, i lika långt fönster som före", NO_CODES },
    [C_VIOLENT_B] = { "violent_before", UF_XT_REAL, "Misstankar om våldsbrott före start",
                      NO_CODES },
    [C_VIOLENT_A] = { "violent_after", UF_XT_REAL, "Misstankar om våldsbrott i efterperioden",
                      NO_CODES },
    [C_CONVICT_B] = { "convictions_before", UF_XT_REAL, "Lagföringar före start", NO_CODES },
    [C_CONVICT_A] = { "convictions_after", UF_XT_REAL, "Lagföringar i efterperioden", NO_CODES },
    [C_CD_BASE] = { "conduct_disorder_baseline", UF_XT_BOOL,
                    "Uppförandestörning vid start (" STR(
                        UF_STATE_BASE_BEFORE) " dagar före till " STR(UF_STATE_BASE_AFTER) " efter"
                                                                                           ")",
                    NO_CODES },
    [C_CD_AFTER] = { "conduct_disorder_after", UF_XT_BOOL,
                     "Uppförandestörning, senaste värdet i efterperioden", NO_CODES },
    [C_SCHOOL_BASE] = { "school_absence_baseline", UF_XT_REAL, "Skolfrånvaro vid start (%)",
                        NO_CODES },
    [C_SCHOOL_AFTER] = { "school_absence_after", UF_XT_REAL,
                         "Skolfrånvaro, senaste värdet i efterperioden (%)", NO_CODES },
    [C_PLACED_B] = { "days_placed_before", UF_XT_REAL,
                     "Dagar placerad (HVB, SiS, familjehem, TFCO) före start", NO_CODES },
    [C_PLACED_D] = { "days_placed_during", UF_XT_REAL, "Dagar placerad under insatsen", NO_CODES },
    [C_PLACED_A] = { "days_placed_after", UF_XT_REAL, "Dagar placerad i efterperioden", NO_CODES },
    [C_ESTER_BASE] = { "ester_baseline", UF_XT_REAL, "ESTER totalpoäng vid start", NO_CODES },
    [C_ESTER_FOLLOW] = { "ester_followup", UF_XT_REAL, "ESTER totalpoäng vid uppföljning",
                         NO_CODES },
    [C_ESTER_CHANGE] = { "ester_change", UF_XT_REAL, "ESTER förändring (uppföljning - start)",
                         NO_CODES },
    [C_ESTER_RISK_BASE] = { "ester_risk_baseline", UF_XT_CODE, "ESTER risknivå vid start",
                            CODES(UF_KB_RISK) },
    [C_ESTER_RISK_FOLLOW] = { "ester_risk_followup", UF_XT_CODE, "ESTER risknivå vid uppföljning",
                              CODES(UF_KB_RISK) },
    [C_DAYS_FIRST] = { "days_to_first_suspicion", UF_XT_INT,
                       "Dagar från start till första nya misstanke, annars till uttagsdatum",
                       NO_CODES },
    [C_EVENT_FIRST] = { "first_suspicion_event", UF_XT_BOOL,
                        "Ny misstanke efter start (1) eller censurerad vid uttagsdatum (0)",
                        NO_CODES },
};

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

static void event(uf_xval *out, const uf_xtable *t, const uf_case *k, const char *code, int ph)
{
    int e = uf_core_event(t->c, code);
    phase_num(out, k, ph, e < 0 ? NAN : k->events[e][ph]);
}

static void state(uf_xval *out, const uf_xtable *t, const uf_case *k, const char *code, bool base)
{
    int s = uf_core_state(t->c, code);
    if (s < 0)
        return;
    if (base)
        out->v = k->state_base[s];
    else
        phase_num(out, k, UF_AFTER, k->state_end[s][UF_AFTER]);
}

static void risk(uf_xval *out, int level)
{
    text(out, level >= 1 && level <= 3 ? uf_kb_code(UF_KB_RISK, level - 1) : NULL);
}

/* The measure columns (only for cases with follow-up consent). */
static void measure_value(const uf_xtable *t, size_t ki, const uf_case *k, int col, uf_xval *out)
{
    const uf_assess *es = t->ester >= 0 ? &k->assess[t->ester] : NULL;
    switch (col) {
    case C_SUSP_B:
    case C_SUSP_D:
    case C_SUSP_A: event(out, t, k, "misstanke_brott", col - C_SUSP_B); break;
    case C_YEARS_B:
    case C_YEARS_D:
    case C_YEARS_A: phase_num(out, k, col - C_YEARS_B, k->years[col - C_YEARS_B]); break;
    case C_ANY_B:
    case C_ANY_A: {
        int e = uf_core_event(t->c, "misstanke_brott"), ph = col == C_ANY_B ? UF_BEFORE : UF_AFTER;
        phase_num(out, k, ph, e < 0 ? NAN : k->events_eq[e][ph] > 0);
        break;
    }
    case C_VIOLENT_B:
    case C_VIOLENT_A: event(out, t, k, "vald", col == C_VIOLENT_B ? UF_BEFORE : UF_AFTER); break;
    case C_CONVICT_B:
    case C_CONVICT_A:
        event(out, t, k, "lagforing", col == C_CONVICT_B ? UF_BEFORE : UF_AFTER);
        break;
    case C_CD_BASE:
    case C_CD_AFTER: state(out, t, k, "uppforandestorning", col == C_CD_BASE); break;
    case C_SCHOOL_BASE:
    case C_SCHOOL_AFTER: state(out, t, k, "skolfranvaro_pct", col == C_SCHOOL_BASE); break;
    case C_PLACED_B:
    case C_PLACED_D:
    case C_PLACED_A: phase_num(out, k, col - C_PLACED_B, k->placed[col - C_PLACED_B]); break;
    case C_ESTER_BASE:
        if (es)
            num(out, es->base);
        break;
    case C_ESTER_FOLLOW:
        if (es)
            num(out, es->follow);
        break;
    case C_ESTER_CHANGE:
        if (es)
            num(out, es->follow - es->base);
        break;
    case C_ESTER_RISK_BASE:
        if (es)
            risk(out, es->base_risk);
        break;
    case C_ESTER_RISK_FOLLOW:
        if (es)
            risk(out, es->follow_risk);
        break;
    case C_DAYS_FIRST: {
        int f = t->first_susp[ki]; /* censored on the day before a withdrawal */
        num(out, (f != INT_MIN && f < k->stop ? f : k->stop - 1) - k->start);
        break;
    }
    case C_EVENT_FIRST:
        num(out, t->first_susp[ki] != INT_MIN && t->first_susp[ki] < k->stop);
        break;
    default: break;
    }
}

void uf_xvalue(const uf_xtable *t, size_t r, int col, uf_xval *out)
{
    const uf_xrow *row = &t->rows[r];
    const uf_case *k = &t->c->cases[row->k];
    out->s = NULL;
    out->v = NAN;
    out->buf[0] = '\0';
    char sex[2] = { k->sex, 0 };
    switch (col) {
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
    case C_START_MONTH:
    case C_END_MONTH:
        uf_export_month(col == C_START_MONTH ? k->start : k->end, out->buf);
        text(out, out->buf);
        break;
    case C_DAYS_IN: num(out, (k->end != INT_MIN ? k->end : t->c->as_of) - k->start); break;
    case C_ONGOING: num(out, k->end == INT_MIN); break;
    case C_END_REASON: text(out, uf_caseset_string(t->c, k->end_reason)); break;
    case C_CONSENT: num(out, k->consent); break;
    case C_WITHDRAWN: num(out, k->withdrawn); break;
    case C_COMPLETE_BEFORE: num(out, k->complete[UF_BEFORE]); break;
    case C_COMPLETE_AFTER: num(out, k->complete[UF_AFTER]); break;
    default:
        if (k->consent)
            measure_value(t, row->k, k, col, out);
    }
    if (!out->s && !isfinite(out->v))
        out->v = NAN;
}

/* The per-case facts of export_cases.sql, merged by case id into t.
 * UF_ERR_DB on failure. */
/* The column table with the cohort's and the configuration's code lists. */
void uf_xsetup_columns(uf_xtable *t)
{
    memcpy(t->cols, columns, sizeof columns);
    t->ncols = C_NCOLS;
    for (int f = 0; f < t->o->nfilters; f++)
        t->cohort_codes[f] =
            (uf_xcode){ .code = t->o->filters[f].name, .label = t->o->filters[f].name };
    t->cols[C_COHORT].codes = t->cohort_codes;
    t->cols[C_COHORT].ncodes = t->o->nfilters;
    const uf_config *cfg = t->o->cfg;
    for (int i = 0; i < cfg->nbands && i < UF_MAX_BANDS; i++) {
        snprintf(t->band_text[i][0], sizeof t->band_text[i][0], "%d-%d", cfg->bands[i].lo,
                 cfg->bands[i].hi);
        snprintf(t->band_text[i][1], sizeof t->band_text[i][1], "%d–%d år", cfg->bands[i].lo,
                 cfg->bands[i].hi);
        t->band_codes[i] = (uf_xcode){ .code = t->band_text[i][0], .label = t->band_text[i][1] };
        t->nbands = i + 1;
    }
    t->cols[C_AGE_BAND].codes = t->band_codes;
    t->cols[C_AGE_BAND].ncodes = t->nbands;
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].kb) {
            const uf_kb_list *l = uf_kb((uf_kb_id)(t->cols[c].kb - 1));
            t->cols[c].codes = l->e;
            t->cols[c].ncodes = l->n;
        }
    t->ester = uf_kb_index(UF_KB_INSTRUMENT, "ester");
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
