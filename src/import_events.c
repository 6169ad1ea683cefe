/*
 * import_events.c - checks and writes for assessments, outcomes, goals and
 * meetings (see import.h).  Outcome and meeting files are the large ones
 * (millions of rows at national scale): their path is one insert per row,
 * plus one look-up only when the row was already there.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "import_internal.h"

/* Store the item:<name> scores of assessment id; false after an error. */
static bool store_items(imp *m, char **fields, sqlite3_int64 id, int *changed)
{
    for (int i = 0; i < m->nitems; i++) {
        int pos = m->item_pos[i];
        if ((size_t)pos >= m->nfields || !*uf_trim(fields[pos]))
            continue;
        double v;
        if (uf_number_parse(fields[pos], &v) != 0) {
            uf_diag_add(m->d, UF_ERROR, m->path, m->line, m->headers[pos],
                        "'%s' är inget tal", fields[pos]);
            m->row_bad = true;
            return false;
        }
        sqlite3_stmt *st = m->st[S_ITEM_UPSERT];
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, m->headers[pos] + 5, -1, SQLITE_STATIC);
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
    if (case_id)
        sqlite3_bind_int64(st, 3, case_id);
    else
        sqlite3_bind_null(st, 3);
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
    int mk = uf_measure_kind(c[O_MEASURE].text);
    if (mk == MK_EVENT) {
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
    if (mk == MK_STATE_PCT && (*v < 0 || *v > 100)) {
        uf_imp_error(m, O_VALUE, "%s ska vara mellan 0 och 100", c[O_MEASURE].text);
        return false;
    }
    if (mk == MK_STATE_BINARY && *v != 0 && *v != 1) {
        uf_imp_error(m, O_VALUE, "%s ska vara 0 eller 1", c[O_MEASURE].text);
        return false;
    }
    return true;
}

/* After an insert that stored nothing: unchanged (re-import) or a repeat
 * of a row of this same run; find is the matching look-up, bound. */
static void count_full_row(imp *m, sqlite3_stmt *find, const char *what)
{
    if (uf_imp_step(m, find) == SQLITE_ROW) {
        if (sqlite3_column_int64(find, 0) == m->run_id)
            uf_imp_warn(m, -1, "raden är identisk med en tidigare rad i importen och "
                               "räknas en gång (%s)", what);
        sqlite3_reset(find);
    }
    uf_imp_count(m, false, 0);
}

void uf_row_outcomes(imp *m)
{
    cell *c = m->cells;
    double v;
    if (!uf_imp_need(m, O_PERSON) || !uf_imp_need(m, O_DATE) ||
        !uf_imp_need(m, O_MEASURE) || !outcome_value(m, &v))
        return;
    sqlite3_int64 person = uf_imp_person(m, O_PERSON);
    if (!person)
        return;
    sqlite3_stmt *st = m->st[S_OUTCOME_INSERT];
    sqlite3_bind_int64(st, 1, person);
    uf_bind_date(st, 2, &c[O_DATE]);
    sqlite3_bind_text(st, 3, c[O_MEASURE].text, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 4, v);
    sqlite3_bind_int64(st, 5, m->run_id);
    if (uf_imp_step(m, st) != SQLITE_DONE)
        return;
    if (sqlite3_changes(m->db)) {
        uf_imp_count(m, true, 1);
        return;
    }
    st = m->st[S_OUTCOME_FIND];
    sqlite3_bind_int64(st, 1, person);
    uf_bind_date(st, 2, &c[O_DATE]);
    sqlite3_bind_text(st, 3, c[O_MEASURE].text, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 4, v);
    count_full_row(m, st, "skriv flera händelser samma dag som en rad med antalet som värde");
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
    sqlite3_stmt *st = m->st[S_GOAL_FIND];
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_text(st, 2, c[G_DOMAIN].text, -1, SQLITE_STATIC);
    uf_bind_date(st, 3, &c[G_SET]);
    uf_bind_date(st, 4, &c[G_FOLLOWUP]);
    sqlite3_int64 id = 0;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        uf_imp_repeat(m, sqlite3_column_int64(st, 1), "målet");
        sqlite3_reset(st);
    }
    if (id) {
        st = m->st[S_GOAL_UPDATE];
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, c[G_STATUS].text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, m->run_id);
    } else {
        st = m->st[S_GOAL_INSERT];
        sqlite3_bind_int64(st, 1, case_id);
        sqlite3_bind_text(st, 2, c[G_DOMAIN].text, -1, SQLITE_STATIC);
        uf_bind_date(st, 3, &c[G_SET]);
        uf_bind_date(st, 4, &c[G_FOLLOWUP]);
        sqlite3_bind_text(st, 5, c[G_STATUS].text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, m->run_id);
    }
    if (uf_imp_step(m, st) == SQLITE_DONE)
        uf_imp_count(m, id == 0, sqlite3_changes(m->db));
}

/* Participants as stored: known actor codes in code-list order, '|'-
 * separated, each once.  false after an error. */
static bool participants(imp *m, char *out, size_t n)
{
    const coldef *col = &m->ent->cols[M_PARTICIPANTS];
    const char *text = m->cells[M_PARTICIPANTS].text;
    bool seen[16] = { false };
    *out = '\0';
    while (text && *text) {
        char one[64], folded[64];
        size_t len = strcspn(text, "|");
        snprintf(one, sizeof one, "%.*s", (int)(len < 63 ? len : 63), text);
        uf_trim(one);
        uf_fold(one, folded, sizeof folded);
        text += len + (text[len] == '|');
        if (!*folded)
            continue;
        const char *code = uf_code(col, folded);
        if (!code) {
            uf_imp_error(m, M_PARTICIPANTS, "okänd aktör '%s' bland deltagarna", one);
            return false;
        }
        for (int i = 0; col->codes[i]; i++)
            if (col->codes[i] == code)
                seen[i] = true;
    }
    for (int i = 0; col->codes[i]; i++) {
        if (!seen[i])
            continue;
        if (*out)
            strncat(out, "|", n - strlen(out) - 1);
        strncat(out, col->codes[i], n - strlen(out) - 1);
    }
    return true;
}

void uf_row_meetings(imp *m)
{
    cell *c = m->cells;
    sqlite3_int64 person;
    char who[256];
    if (!uf_imp_need(m, M_CASE) || !uf_imp_need(m, M_DATE) || !uf_imp_need(m, M_TYPE) ||
        !participants(m, who, sizeof who))
        return;
    sqlite3_int64 case_id = uf_imp_case(m, M_CASE, &person);
    if (!case_id)
        return;
    sqlite3_stmt *st = m->st[S_MEETING_INSERT];
    sqlite3_bind_int64(st, 1, case_id);
    uf_bind_date(st, 2, &c[M_DATE]);
    sqlite3_bind_text(st, 3, c[M_TYPE].text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, who, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, m->run_id);
    if (uf_imp_step(m, st) != SQLITE_DONE)
        return;
    if (sqlite3_changes(m->db)) {
        uf_imp_count(m, true, 1);
        return;
    }
    st = m->st[S_MEETING_FIND];
    sqlite3_bind_int64(st, 1, case_id);
    uf_bind_date(st, 2, &c[M_DATE]);
    sqlite3_bind_text(st, 3, c[M_TYPE].text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, who, -1, SQLITE_STATIC);
    count_full_row(m, st, "samma möte två gånger");
}
