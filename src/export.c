/*
 * export.c - the de-identified analysis export (export.h): which rows,
 * which random ids, and the value of every cell.  The files themselves
 * are written by export_files.c and export_scripts.c.
 *
 * Workload: one row per case and cohort, at most some 100 000; every
 * cell is computed when a file is written, so memory is a few words per
 * row.
 */
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "export_internal.h"
#include "uppfolj/db.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"
#include "uppfolj/pseudo.h"

enum {
    C_ID, C_COHORT, C_PROGRAMME, C_UNIT, C_SEX, C_AGE, C_AGE_BAND, C_TARGET,
    C_REFERRED, C_START_MONTH, C_END_MONTH, C_DAYS_IN, C_ONGOING, C_END_REASON,
    C_CONSENT, C_COMPLETE_BEFORE, C_COMPLETE_AFTER,
    C_FIRST_MEASURE,
    C_SUSP_B = C_FIRST_MEASURE, C_SUSP_D, C_SUSP_A, C_YEARS_B, C_YEARS_D, C_YEARS_A,
    C_ANY_B, C_ANY_A, C_VIOLENT_B, C_VIOLENT_A, C_CONVICT_B, C_CONVICT_A,
    C_CD_BASE, C_CD_AFTER, C_SCHOOL_BASE, C_SCHOOL_AFTER,
    C_PLACED_B, C_PLACED_D, C_PLACED_A,
    C_ESTER_BASE, C_ESTER_FOLLOW, C_ESTER_CHANGE, C_ESTER_RISK_BASE, C_ESTER_RISK_FOLLOW,
    C_DAYS_FIRST, C_EVENT_FIRST,
    C_NCOLS
};

static const uf_xcode sexes[] = { { "F", "Flicka" }, { "M", "Pojke" }, { "X", "Annat" } };
static const uf_xcode targets[] = { { "riskzon", "Riskzon" }, { "avhopp", "Avhoppare" } };
static const uf_xcode referrers[] = {
    { "polis", "Polisen" }, { "socialtjanst", "Socialtjänsten" }, { "skola", "Skolan" },
    { "fritid", "Fritidsverksamhet" }, { "bup", "BUP" }, { "egen", "Egen ansökan" },
    { "annan", "Annan" },
};
static const uf_xcode end_reasons[] = {
    { "mal_uppfyllda", "Målen uppfyllda" }, { "avhopp", "Avhopp" },
    { "fortsatt_brottslighet", "Fortsatt brottslighet" }, { "placering", "Placering" },
    { "flytt", "Flytt" }, { "annan", "Annan orsak" },
};
static const uf_xcode risks[] = { { "lag", "Låg" }, { "medel", "Medel" }, { "hog", "Hög" } };

#define CODES(a) a, (int)(sizeof a / sizeof *a)

static const uf_xcol columns[C_NCOLS] = {
    [C_ID] = { "id", UF_XT_TEXT, "Slumpat id för personen, nytt vid varje export", NULL, 0 },
    [C_COHORT] = { "cohort", UF_XT_CODE, "Kohort (namngivet urval vid exporten)", NULL, 0 },
    [C_PROGRAMME] = { "programme", UF_XT_TEXT, "Program, t.ex. SIG eller ordinarie", NULL, 0 },
    [C_UNIT] = { "unit", UF_XT_TEXT, "Enhet", NULL, 0 },
    [C_SEX] = { "sex", UF_XT_CODE, "Kön", CODES(sexes) },
    [C_AGE] = { "age_at_start", UF_XT_INT, "Ålder vid start (år)", NULL, 0 },
    [C_AGE_BAND] = { "age_band", UF_XT_CODE, "Åldersgrupp vid start", NULL, 0 },
    [C_TARGET] = { "target_group", UF_XT_CODE, "Målgrupp", CODES(targets) },
    [C_REFERRED] = { "referred_by", UF_XT_CODE, "Aktualiserad av", CODES(referrers) },
    [C_START_MONTH] = { "start_month", UF_XT_MONTH, "Startmånad (ÅÅÅÅ-MM)", NULL, 0 },
    [C_END_MONTH] = { "end_month", UF_XT_MONTH, "Avslutsmånad (ÅÅÅÅ-MM), tom om pågående", NULL, 0 },
    [C_DAYS_IN] = { "days_in_programme", UF_XT_INT,
                    "Dagar i programmet, från start till avslut eller uttagsdatum", NULL, 0 },
    [C_ONGOING] = { "ongoing", UF_XT_BOOL, "Pågående vid uttagsdatum", NULL, 0 },
    [C_END_REASON] = { "end_reason", UF_XT_CODE, "Avslutsorsak", CODES(end_reasons) },
    [C_CONSENT] = { "followup_consent", UF_XT_BOOL,
                    "Samtycke till uppföljning (nej: alla mått tomma)", NULL, 0 },
    [C_COMPLETE_BEFORE] = { "complete_before", UF_XT_BOOL,
                            "Perioden före start är hel vid uttagsdatum", NULL, 0 },
    [C_COMPLETE_AFTER] = { "complete_after", UF_XT_BOOL,
                           "Efterperioden är hel vid uttagsdatum", NULL, 0 },
    [C_SUSP_B] = { "suspicions_before", UF_XT_REAL, "Brottsmisstankar, perioden före start", NULL, 0 },
    [C_SUSP_D] = { "suspicions_during", UF_XT_REAL, "Brottsmisstankar under insatsen", NULL, 0 },
    [C_SUSP_A] = { "suspicions_after", UF_XT_REAL, "Brottsmisstankar, efterperioden", NULL, 0 },
    [C_YEARS_B] = { "years_before", UF_XT_REAL, "Observerad tid före start (år)", NULL, 0 },
    [C_YEARS_D] = { "years_during", UF_XT_REAL, "Observerad tid under insatsen (år)", NULL, 0 },
    [C_YEARS_A] = { "years_after", UF_XT_REAL,
                    "Observerad tid i efterperioden fram till uttagsdatum (år)", NULL, 0 },
    [C_ANY_B] = { "any_suspicion_before", UF_XT_BOOL, "Minst en brottsmisstanke före start", NULL, 0 },
    [C_ANY_A] = { "any_suspicion_after", UF_XT_BOOL, "Minst en brottsmisstanke i efterperioden", NULL, 0 },
    [C_VIOLENT_B] = { "violent_before", UF_XT_REAL, "Misstankar om våldsbrott före start", NULL, 0 },
    [C_VIOLENT_A] = { "violent_after", UF_XT_REAL, "Misstankar om våldsbrott i efterperioden", NULL, 0 },
    [C_CONVICT_B] = { "convictions_before", UF_XT_REAL, "Lagföringar före start", NULL, 0 },
    [C_CONVICT_A] = { "convictions_after", UF_XT_REAL, "Lagföringar i efterperioden", NULL, 0 },
    [C_CD_BASE] = { "conduct_disorder_baseline", UF_XT_BOOL,
                    "Uppförandestörning vid start (90 dagar före till 30 efter)", NULL, 0 },
    [C_CD_AFTER] = { "conduct_disorder_after", UF_XT_BOOL,
                     "Uppförandestörning, senaste värdet i efterperioden", NULL, 0 },
    [C_SCHOOL_BASE] = { "school_absence_baseline", UF_XT_REAL, "Skolfrånvaro vid start (%)", NULL, 0 },
    [C_SCHOOL_AFTER] = { "school_absence_after", UF_XT_REAL,
                         "Skolfrånvaro, senaste värdet i efterperioden (%)", NULL, 0 },
    [C_PLACED_B] = { "days_placed_before", UF_XT_REAL,
                     "Dagar placerad (HVB, SiS, familjehem, TFCO) före start", NULL, 0 },
    [C_PLACED_D] = { "days_placed_during", UF_XT_REAL, "Dagar placerad under insatsen", NULL, 0 },
    [C_PLACED_A] = { "days_placed_after", UF_XT_REAL, "Dagar placerad i efterperioden", NULL, 0 },
    [C_ESTER_BASE] = { "ester_baseline", UF_XT_REAL, "ESTER totalpoäng vid start", NULL, 0 },
    [C_ESTER_FOLLOW] = { "ester_followup", UF_XT_REAL, "ESTER totalpoäng vid uppföljning", NULL, 0 },
    [C_ESTER_CHANGE] = { "ester_change", UF_XT_REAL, "ESTER förändring (uppföljning - start)", NULL, 0 },
    [C_ESTER_RISK_BASE] = { "ester_risk_baseline", UF_XT_CODE, "ESTER risknivå vid start", CODES(risks) },
    [C_ESTER_RISK_FOLLOW] = { "ester_risk_followup", UF_XT_CODE, "ESTER risknivå vid uppföljning",
                              CODES(risks) },
    [C_DAYS_FIRST] = { "days_to_first_suspicion", UF_XT_INT,
                       "Dagar från start till första nya misstanke, annars till uttagsdatum", NULL, 0 },
    [C_EVENT_FIRST] = { "first_suspicion_event", UF_XT_BOOL,
                        "Ny misstanke efter start (1) eller censurerad vid uttagsdatum (0)", NULL, 0 },
};

uf_error uf_export_new_id(char out[UF_EXPORT_ID_BUF])
{
    unsigned char b[6];
    if (uf_crypto_init() != UF_OK)
        return UF_ERR_CRYPTO;
    randombytes_buf(b, sizeof b);
    out[0] = 'p';
    sodium_bin2hex(out + 1, UF_EXPORT_ID_BUF - 1, b, sizeof b);
    sodium_memzero(b, sizeof b);
    return UF_OK;
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

void uf_xreal(double v, char *buf, size_t n)
{
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
}

/* Index of code in list (n entries), or -1. */
static int code_index(const uf_xcode *list, int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (strcmp(list[i].code, code) == 0)
            return i;
    return -1;
}

static void num(uf_xval *out, double v) { out->v = v; }

static void text(uf_xval *out, const char *s) { out->s = s && *s ? s : NULL; }

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
    text(out, level >= 1 && level <= 3 ? risks[level - 1].code : NULL);
}

/* The measure columns (only for cases with follow-up consent). */
static void measure_value(const uf_xtable *t, size_t ki, const uf_case *k, int col, uf_xval *out)
{
    const uf_assess *es = t->ester >= 0 ? &k->assess[t->ester] : NULL;
    switch (col) {
    case C_SUSP_B: case C_SUSP_D: case C_SUSP_A:
        event(out, t, k, "misstanke_brott", col - C_SUSP_B); break;
    case C_YEARS_B: case C_YEARS_D: case C_YEARS_A:
        phase_num(out, k, col - C_YEARS_B, k->years[col - C_YEARS_B]); break;
    case C_ANY_B: case C_ANY_A:
        event(out, t, k, "misstanke_brott", col == C_ANY_B ? UF_BEFORE : UF_AFTER);
        if (!isnan(out->v))
            out->v = out->v > 0;
        break;
    case C_VIOLENT_B: case C_VIOLENT_A:
        event(out, t, k, "vald", col == C_VIOLENT_B ? UF_BEFORE : UF_AFTER); break;
    case C_CONVICT_B: case C_CONVICT_A:
        event(out, t, k, "lagforing", col == C_CONVICT_B ? UF_BEFORE : UF_AFTER); break;
    case C_CD_BASE: case C_CD_AFTER:
        state(out, t, k, "uppforandestorning", col == C_CD_BASE); break;
    case C_SCHOOL_BASE: case C_SCHOOL_AFTER:
        state(out, t, k, "skolfranvaro_pct", col == C_SCHOOL_BASE); break;
    case C_PLACED_B: case C_PLACED_D: case C_PLACED_A:
        phase_num(out, k, col - C_PLACED_B, k->placed[col - C_PLACED_B]); break;
    case C_ESTER_BASE: if (es) num(out, es->base); break;
    case C_ESTER_FOLLOW: if (es) num(out, es->follow); break;
    case C_ESTER_CHANGE: if (es) num(out, es->follow - es->base); break;
    case C_ESTER_RISK_BASE: if (es) risk(out, es->base_risk); break;
    case C_ESTER_RISK_FOLLOW: if (es) risk(out, es->follow_risk); break;
    case C_DAYS_FIRST: {
        int f = t->first_susp[ki];
        num(out, (f != INT_MIN ? f : t->c->as_of) - k->start);
        break;
    }
    case C_EVENT_FIRST: num(out, t->first_susp[ki] != INT_MIN); break;
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
    case C_PROGRAMME: text(out, uf_cohort_string(t->c, k->programme)); break;
    case C_UNIT: text(out, uf_cohort_string(t->c, k->unit)); break;
    case C_SEX: {
        int i = code_index(sexes, 3, sex);
        text(out, i >= 0 ? sexes[i].code : NULL);
        break;
    }
    case C_AGE: if (k->age >= 0) num(out, k->age); break;
    case C_AGE_BAND:
        uf_export_age_band(t->o->cfg, k->age, out->buf, sizeof out->buf);
        text(out, out->buf);
        break;
    case C_TARGET: text(out, uf_cohort_string(t->c, k->target_group)); break;
    case C_REFERRED:
        text(out, t->referred[row->k] >= 0 ? referrers[t->referred[row->k]].code : NULL);
        break;
    case C_START_MONTH: case C_END_MONTH:
        uf_export_month(col == C_START_MONTH ? k->start : k->end, out->buf);
        text(out, out->buf);
        break;
    case C_DAYS_IN: num(out, (k->end != INT_MIN ? k->end : t->c->as_of) - k->start); break;
    case C_ONGOING: num(out, k->end == INT_MIN); break;
    case C_END_REASON: text(out, uf_cohort_string(t->c, k->end_reason)); break;
    case C_CONSENT: num(out, k->consent); break;
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
static uf_error read_facts(sqlite3 *db, uf_xtable *t)
{
    sqlite3_stmt *st = uf_db_prepare(db, "export_cases");
    if (!st)
        return UF_ERR_DB;
    char asof[UF_DATE_BUF];
    uf_date_format(t->c->as_of, asof);
    sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
    size_t i = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        while (i < t->c->n && t->c->cases[i].id < id)
            i++;
        if (i == t->c->n || t->c->cases[i].id != id)
            continue;
        t->person_of[i] = sqlite3_column_int64(st, 1);
        t->referred[i] = code_index(referrers, (int)(sizeof referrers / sizeof *referrers),
                                    (const char *)sqlite3_column_text(st, 2));
        const char *d = (const char *)sqlite3_column_text(st, 3);
        int day;
        t->first_susp[i] = d && uf_date_parse(d, &day) == 0 ? day : INT_MIN;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? UF_OK : UF_ERR_DB;
}

static int cmp_id64(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return (x > y) - (x < y);
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* A fresh id for every distinct person of the rows (ids unique within the
 * export), and each row's index into them.  UF_ERR_NOMEM or UF_ERR_CRYPTO. */
static uf_error assign_ids(uf_xtable *t)
{
    sqlite3_int64 *p = malloc((t->nrows ? t->nrows : 1) * sizeof *p);
    if (!p)
        return UF_ERR_NOMEM;
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++)
        p[n++] = t->person_of[t->rows[r].k];
    qsort(p, n, sizeof *p, cmp_id64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || p[u - 1] != p[i])
            p[u++] = p[i];
    t->npersons = u;
    t->ids = malloc((u ? u : 1) * sizeof *t->ids);
    char (*sorted)[UF_EXPORT_ID_BUF] = malloc((u ? u : 1) * sizeof *sorted);
    uf_error err = t->ids && sorted ? UF_OK : UF_ERR_NOMEM;
    for (bool dup = true; err == UF_OK && dup;) {
        for (size_t i = 0; err == UF_OK && i < u; i++)
            err = uf_export_new_id(t->ids[i]);
        memcpy(sorted, t->ids, u * sizeof *sorted);
        qsort(sorted, u, sizeof *sorted, cmp_id);
        dup = false;
        for (size_t i = 1; i < u; i++)
            dup = dup || strcmp(sorted[i - 1], sorted[i]) == 0;
    }
    for (size_t r = 0; err == UF_OK && r < t->nrows; r++) {
        sqlite3_int64 key = t->person_of[t->rows[r].k];
        sqlite3_int64 *hit = bsearch(&key, p, u, sizeof *p, cmp_id64);
        t->rows[r].person = (size_t)(hit - p);
    }
    free(sorted);
    free(p);
    return err;
}

/* Rows in the order cohort, random id, start: nothing of the database's
 * order survives. */
static const uf_xtable *sort_table;

static int cmp_row(const void *a, const void *b)
{
    const uf_xrow *x = a, *y = b;
    if (x->cohort != y->cohort)
        return x->cohort - y->cohort;
    int c = strcmp(sort_table->ids[x->person], sort_table->ids[y->person]);
    if (c)
        return c;
    int sx = sort_table->c->cases[x->k].start, sy = sort_table->c->cases[y->k].start;
    return (sx > sy) - (sx < sy);
}

/* The rows: every case of every cohort filter. */
static uf_error select_rows(uf_xtable *t, uf_export_result *res)
{
    const uf_cohort *c = t->c;
    t->rows = malloc((c->n * (size_t)t->o->nfilters + 1) * sizeof *t->rows);
    if (!t->rows)
        return UF_ERR_NOMEM;
    for (int f = 0; f < t->o->nfilters; f++)
        for (size_t k = 0; k < c->n; k++)
            if (uf_cohort_filter_match(&t->o->filters[f], c, &c->cases[k])) {
                t->rows[t->nrows++] = (uf_xrow){ .cohort = f, .k = k };
                res->rows[f]++;
            }
    return UF_OK;
}

/* The column table with the cohort's and the configuration's code lists. */
static void setup_columns(uf_xtable *t)
{
    memcpy(t->cols, columns, sizeof columns);
    t->ncols = C_NCOLS;
    for (int f = 0; f < t->o->nfilters; f++)
        t->cohort_codes[f] = (uf_xcode){ t->o->filters[f].name, t->o->filters[f].name };
    t->cols[C_COHORT].codes = t->cohort_codes;
    t->cols[C_COHORT].ncodes = t->o->nfilters;
    const uf_config *cfg = t->o->cfg;
    for (int i = 0; i < cfg->nbands && i < UF_MAX_BANDS; i++) {
        snprintf(t->band_text[i][0], sizeof t->band_text[i][0], "%d-%d", cfg->bands[i].lo,
                 cfg->bands[i].hi);
        snprintf(t->band_text[i][1], sizeof t->band_text[i][1], "%d–%d år", cfg->bands[i].lo,
                 cfg->bands[i].hi);
        t->band_codes[i] = (uf_xcode){ t->band_text[i][0], t->band_text[i][1] };
        t->nbands = i + 1;
    }
    t->cols[C_AGE_BAND].codes = t->band_codes;
    t->cols[C_AGE_BAND].ncodes = t->nbands;
    t->ester = uf_kb_index(uf_kb_instruments, "ester");
}

/* Write every file into o->dir. */
static uf_error write_files(const uf_xtable *t, uf_export_result *res)
{
    static const struct {
        const char *name;
        int (*write)(const uf_xtable *, const char *);
    } files[] = {
        { "export.csv", uf_xwrite_csv }, { "kodbok.csv", uf_xwrite_kodbok_csv },
        { "export.xlsx", uf_xwrite_xlsx }, { "load.R", uf_xwrite_r },
        { "load.sps", uf_xwrite_spss }, { "load.do", uf_xwrite_stata },
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(res->failed, sizeof res->failed, "%s/%s", t->o->dir, files[i].name);
        if (files[i].write(t, res->failed) != 0)
            return UF_ERR_IO;
    }
    res->failed[0] = '\0';
    return UF_OK;
}

uf_error uf_export_write(sqlite3 *db, const uf_cohort *c, const uf_export_opts *o,
                         uf_export_result *res)
{
    memset(res, 0, sizeof *res);
    uf_xtable t;
    memset(&t, 0, sizeof t);
    t.c = c;
    t.o = o;
    setup_columns(&t);
    size_t n = c->n ? c->n : 1;
    t.person_of = calloc(n, sizeof *t.person_of);
    t.referred = malloc(n * sizeof *t.referred);
    t.first_susp = malloc(n * sizeof *t.first_susp);
    uf_error err = t.person_of && t.referred && t.first_susp ? UF_OK : UF_ERR_NOMEM;
    for (size_t i = 0; err == UF_OK && i < c->n; i++) {
        t.referred[i] = -1;
        t.first_susp[i] = INT_MIN;
    }
    if (err == UF_OK)
        err = read_facts(db, &t);
    if (err == UF_OK)
        err = select_rows(&t, res);
    if (err == UF_OK)
        err = assign_ids(&t);
    if (err == UF_OK) {
        sort_table = &t;
        qsort(t.rows, t.nrows, sizeof *t.rows, cmp_row);
        sort_table = NULL;
        res->persons = t.npersons;
        err = write_files(&t, res);
    }
    free(t.rows);
    free(t.ids);
    free(t.person_of);
    free(t.referred);
    free(t.first_susp);
    return err;
}
