/*
 * import_events.c - checks and writes for assessments, outcomes, goals and
 * meetings (see import.h).  Outcome and meeting files are the large ones
 * (millions of rows at national scale): their path is one insert per row,
 * plus one look-up only when the row was already there.
 */
#include <math.h>
#include <string.h>
#include "import_internal.h"
#include "uppfolj/config.h"
#include "uppfolj/kodbok.h"

/* The highest total score of each instrument (kodbok order), from the
 * instruments' manuals: ESTER 19 risk factors scored 0-2; SAVRY 24 risk
 * items 0-2; YLS/CMI 42 items 0/1; EARL-20B 20 items and EARL-21G 21
 * items 0-2.  ADAD, Check:IRK and "annat" have no one total scale here:
 * a bound that only catches what cannot be a score.  README:
 * Importformat lists them. */
static const double instrument_max[] = { 38, 48, 42, 1000, 42, 1000, 1000 };
_Static_assert(sizeof instrument_max / sizeof *instrument_max == UF_KB_N_INSTRUMENT,
               "instrument_max follows the code book");
/* Item scores (item:NAME) lie in [-ITEM_MAX, ITEM_MAX] (some manuals
 * score protective items below zero). */
#define ITEM_MAX 100

/* Store the item:<name> scores of assessment id; false after an error. */
static bool store_items(imp *m, char **fields, sqlite3_int64 id, int *changed)
{
    for (int i = 0; i < m->h.nitems; i++) {
        int pos = m->h.item_pos[i];
        if ((size_t)pos >= m->nfields || !*uf_trim(fields[pos]))
            continue;
        double v;
        if (uf_number_parse(fields[pos], &v) != 0) {
            uf_diag_add(m->d, UF_ERROR, m->path, m->line, m->h.headers[pos], "'%s' är inget tal",
                        fields[pos]);
            m->row_bad = true;
            return false;
        }
        if (v < -ITEM_MAX || v > ITEM_MAX) {
            uf_diag_add(m->d, UF_ERROR, m->path, m->line, m->h.headers[pos],
                        "%s ligger utanför −%d till %d", fields[pos], ITEM_MAX, ITEM_MAX);
            m->row_bad = true;
            return false;
        }
        sqlite3_stmt *st = m->st[S_ITEM_UPSERT];
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, m->h.headers[pos] + 5, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, v);
        if (uf_imp_step(m, st) != SQLITE_DONE)
            return false;
        *changed |= sqlite3_changes(m->db);
    }
    return true;
}

void uf_row_assessments(imp *m, char **fields)
{
    cell *c = m->cells;
    sqlite3_int64 case_id, person;
    if (!uf_imp_need(m, A_ID) || !uf_imp_need(m, A_INSTRUMENT) || !uf_imp_need(m, A_DATE))
        return;
    if (c[A_SCORE].text && c[A_SCORE].num < 0) {
        uf_imp_error(m, A_SCORE, "poängen kan inte vara negativ");
        return;
    }
    int ins = uf_kb_index(UF_KB_INSTRUMENT, c[A_INSTRUMENT].text);
    if (c[A_SCORE].text && ins >= 0 && c[A_SCORE].num > instrument_max[ins]) {
        uf_imp_error(m, A_SCORE, "poängen %s är högre än %s högsta möjliga, %g", c[A_SCORE].text,
                     uf_kb_label(UF_KB_INSTRUMENT, c[A_INSTRUMENT].text), instrument_max[ins]);
        return;
    }
    if (!uf_imp_case_or_person(m, A_CASE, A_PERSON, &case_id, &person))
        return;

    sqlite3_stmt *st = m->st[S_ASSESSMENT_FIND];
    sqlite3_bind_text(st, 1, c[A_ID].text, -1, SQLITE_STATIC);
    sqlite3_int64 id = 0;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        uf_imp_repeat(m, sqlite3_column_int64(st, 1), "bedömningen");
        sqlite3_reset(st);
    }
    bool inserted = id == 0;
    st = m->st[inserted ? S_ASSESSMENT_INSERT : S_ASSESSMENT_UPDATE];
    if (inserted)
        sqlite3_bind_text(st, 1, c[A_ID].text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, person);
    uf_bind_id(st, 3, case_id);
    uf_bind_text(st, 4, c[A_INSTRUMENT].text);
    uf_bind_date(st, 5, &c[A_DATE]);
    uf_bind_num(st, 6, &c[A_SCORE]);
    uf_bind_text(st, 7, c[A_RISK].text);
    sqlite3_bind_int64(st, 8, m->run_id);
    if (uf_imp_step(m, st) != SQLITE_DONE)
        return;
    int changed = sqlite3_changes(m->db);
    if (inserted)
        id = sqlite3_last_insert_rowid(m->db);
    if (store_items(m, fields, id, &changed))
        uf_imp_count(m, inserted, changed);
}

/* The value of an outcome row, checked against its measure; false after
 * an error.  Events default to 1. */
static bool outcome_value(imp *m, double *v)
{
    cell *c = m->cells;
    int mk = uf_config_measure_kind(m->cfg, c[O_MEASURE].text);
    if (mk == UF_MEASURE_EVENT) {
        *v = c[O_VALUE].text ? c[O_VALUE].num : 1.0;
        if (*v < 1 || *v != floor(*v) || *v > 1000) {
            uf_imp_error(m, O_VALUE, "antalet händelser måste vara ett heltal från 1");
            return false;
        }
        return true;
    }
    if (!uf_imp_need(m, O_VALUE))
        return false;
    *v = c[O_VALUE].num;
    if (mk == UF_MEASURE_PCT && (*v < 0 || *v > 100)) {
        uf_imp_error(m, O_VALUE, "%s ska vara mellan 0 och 100", c[O_MEASURE].text);
        return false;
    }
    if (mk == UF_MEASURE_BINARY && *v != 0 && *v != 1) {
        uf_imp_error(m, O_VALUE, "%s ska vara 0 eller 1", c[O_MEASURE].text);
        return false;
    }
    return true;
}

static const batch_spec outcome_spec = {
    "outcome_insert",
    "outcome_find",
    NULL,
    5,
    4,
    "raden är identisk med en tidigare rad i importen och räknas en gång; "
    "skriv flera händelser samma dag som en rad med antalet som värde"
};
static const batch_spec meeting_spec = {
    "meeting_insert",
    "meeting_find",
    NULL,
    5,
    4,
    "samma möte förekommer flera gånger i importen och räknas en gång"
};
static const batch_spec followup_spec = {
    "followup_insert",
    "followup_find",
    "followup_update",
    6,
    4,
    "samma uppföljning av målet förekommer flera gånger i importen; den sista raden gäller"
};

void uf_imp_batches_init(imp *m)
{
    m->outcomes.spec = &outcome_spec;
    m->meetings.spec = &meeting_spec;
    m->followups.spec = &followup_spec;
}

void uf_row_outcomes(imp *m)
{
    cell *c = m->cells;
    double v;
    if (!uf_imp_need(m, O_PERSON) || !uf_imp_need(m, O_DATE) || !uf_imp_need(m, O_MEASURE) ||
        !outcome_value(m, &v))
        return;
    sqlite3_int64 person = uf_imp_person(m, O_PERSON);
    if (!person)
        return;
    uf_imp_note_event(m, c[O_DATE].day);
    bval *r = uf_batch_row(m, &m->outcomes);
    uf_bv_int(&r[0], person);
    uf_bv_text(&r[1], c[O_DATE].date);
    uf_bv_static(&r[2], c[O_MEASURE].text);
    uf_bv_num(&r[3], v);
    uf_bv_int(&r[4], m->run_id);
    uf_batch_add(m, &m->outcomes);
}

/* Make sure the goal (case, domain, set date) of the row exists; a row
 * without a follow-up date also sets the goal's own status. */
static void goal(imp *m, sqlite3_int64 case_id)
{
    cell *c = m->cells;
    bool own = c[G_FOLLOWUP].text == NULL;
    if (!own && m->last_goal_case == case_id && m->last_goal_set == c[G_SET].day &&
        m->last_goal_domain == c[G_DOMAIN].text)
        return;
    sqlite3_stmt *st = m->st[own ? S_GOAL_FIND : S_GOAL_ENSURE];
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_text(st, 2, c[G_DOMAIN].text, -1, SQLITE_STATIC);
    uf_bind_date(st, 3, &c[G_SET]);
    if (!own) {
        sqlite3_bind_int64(st, 4, m->run_id);
        uf_imp_step(m, st);
        m->last_goal_case = case_id;
        m->last_goal_set = c[G_SET].day;
        m->last_goal_domain = c[G_DOMAIN].text;
        return;
    }
    bool found = false, fresh = false;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        found = true;
        /* made sure of by a follow-up row of this run, with no status of its
         * own yet: this row is the goal's first, not a repeat */
        fresh =
            sqlite3_column_type(st, 1) == SQLITE_NULL && sqlite3_column_int64(st, 0) == m->run_id;
        if (!fresh)
            uf_imp_repeat(m, sqlite3_column_int64(st, 0), "målet");
        sqlite3_reset(st);
    }
    st = m->st[found ? S_GOAL_UPDATE : S_GOAL_INSERT];
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_text(st, 2, c[G_DOMAIN].text, -1, SQLITE_STATIC);
    uf_bind_date(st, 3, &c[G_SET]);
    sqlite3_bind_text(st, 4, c[G_STATUS].text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, m->run_id);
    if (uf_imp_step(m, st) == SQLITE_DONE)
        uf_imp_count(m, !found || fresh, sqlite3_changes(m->db));
}

void uf_row_goals(imp *m)
{
    cell *c = m->cells;
    sqlite3_int64 person;
    if (!uf_imp_need(m, G_CASE) || !uf_imp_need(m, G_DOMAIN) || !uf_imp_need(m, G_SET) ||
        !uf_imp_need(m, G_STATUS))
        return;
    if (c[G_FOLLOWUP].text && c[G_FOLLOWUP].day < c[G_SET].day) {
        uf_imp_error(m, G_FOLLOWUP, "uppföljningsdatum %s ligger före datum då målet sattes %s",
                     c[G_FOLLOWUP].date, c[G_SET].date);
        return;
    }
    sqlite3_int64 case_id = uf_imp_case(m, G_CASE, &person);
    if (!case_id)
        return;
    goal(m, case_id);
    if (!c[G_FOLLOWUP].text)
        return;
    uf_imp_note_event(m, c[G_FOLLOWUP].day);
    bval *r = uf_batch_row(m, &m->followups);
    uf_bv_int(&r[0], case_id);
    uf_bv_static(&r[1], c[G_DOMAIN].text);
    uf_bv_text(&r[2], c[G_SET].date);
    uf_bv_text(&r[3], c[G_FOLLOWUP].date);
    uf_bv_static(&r[4], c[G_STATUS].text);
    uf_bv_int(&r[5], m->run_id);
    uf_batch_add(m, &m->followups);
}

void uf_row_meetings(imp *m)
{
    cell *c = m->cells;
    sqlite3_int64 person;
    char who[160];
    if (!uf_imp_need(m, M_CASE) || !uf_imp_need(m, M_DATE) || !uf_imp_need(m, M_TYPE) ||
        !uf_imp_codes(m, M_PARTICIPANTS, who, sizeof who))
        return;
    sqlite3_int64 case_id = uf_imp_case(m, M_CASE, &person);
    if (!case_id)
        return;
    uf_imp_note_event(m, c[M_DATE].day);
    bval *r = uf_batch_row(m, &m->meetings);
    uf_bv_int(&r[0], case_id);
    uf_bv_text(&r[1], c[M_DATE].date);
    uf_bv_static(&r[2], c[M_TYPE].text);
    uf_bv_text(&r[3], who);
    uf_bv_int(&r[4], m->run_id);
    uf_batch_add(m, &m->meetings);
}
