/*
 * import_rows.c - checks and writes for persons, cases and interventions,
 * one row at a time (see import.h for the rules).  The engine has parsed
 * every cell already; these functions check what spans cells and rows
 * (required values, date order, references) and then insert or update.
 */
#include <stdint.h>
#include <string.h>
#include "import_internal.h"

/* Error unless cell col has a value; true when it has. */
bool uf_imp_need(imp *m, int col)
{
    if (m->cells[col].text)
        return true;
    uf_imp_error(m, col, "%s saknas", m->ent->cols[col].label);
    return false;
}

/* Warn when a row's key was already written earlier in this same run. */
void uf_imp_repeat(imp *m, sqlite3_int64 row_run, const char *what)
{
    if (row_run == m->run_id)
        uf_imp_warn(m, -1, "%s förekommer flera gånger i importen; den sista raden gäller", what);
}

void uf_row_persons(imp *m)
{
    cell *c = m->cells;
    char ps[72], derived[UF_DATE_BUF];
    int birth;
    if (!uf_imp_need(m, P_PERSON) || !uf_imp_pseudonym(m, P_PERSON, ps, &birth))
        return;
    const char *birth_text = c[P_BIRTH].text ? c[P_BIRTH].date : NULL;
    if (!birth_text && birth != INT32_MIN) {
        uf_date_format(birth, derived);
        birth_text = derived;
    } else if (birth_text && birth != INT32_MIN && birth != c[P_BIRTH].day) {
        uf_imp_warn(m, P_BIRTH,
                    "födelsedatum stämmer inte med personnumret; "
                    "födelsedatum i filen används");
    }

    sqlite3_stmt *st = m->st[S_PERSON_FIND];
    sqlite3_bind_text(st, 1, ps, -1, SQLITE_STATIC);
    sqlite3_int64 id = 0;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        uf_imp_repeat(m, sqlite3_column_int64(st, 1), "personen");
        sqlite3_reset(st);
    }
    st = m->st[id ? S_PERSON_UPDATE : S_PERSON_INSERT];
    if (id)
        sqlite3_bind_int64(st, 1, id);
    else
        sqlite3_bind_text(st, 1, ps, -1, SQLITE_STATIC);
    uf_bind_text(st, 2, birth_text);
    uf_bind_text(st, 3, c[P_SEX].text);
    uf_bind_text(st, 4, c[P_UNIT].text);
    sqlite3_bind_int64(st, 5, m->run_id);
    if (uf_imp_step(m, st) == SQLITE_DONE)
        uf_imp_count(m, id == 0, sqlite3_changes(m->db));
}

/* Dates of a case that must come in this order, where present. */
static const int case_order[] = { C_REFERRAL, C_CONSENT, C_START, C_END };

/* Date order and end-reason rules of a case; false after an error. */
static bool check_case_dates(imp *m)
{
    cell *c = m->cells;
    int prev = -1;
    for (size_t i = 0; i < sizeof case_order / sizeof case_order[0]; i++) {
        int col = case_order[i];
        if (!c[col].text)
            continue;
        if (prev >= 0 && c[col].day < c[prev].day)
            uf_imp_error(m, col, "%s %s ligger före %s %s", m->ent->cols[col].label, c[col].date,
                         m->ent->cols[prev].label, c[prev].date);
        prev = col;
    }
    if (c[C_REASON].text && !c[C_END].text)
        uf_imp_error(m, C_REASON, "avslutsorsak anges men slutdatum saknas");
    if (c[C_END].text && !c[C_REASON].text)
        uf_imp_warn(m, C_END, "ärendet är avslutat men avslutsorsak saknas");
    if (c[C_PLAN].text && c[C_CONSENT].text && c[C_PLAN].day < c[C_CONSENT].day)
        uf_imp_warn(m, C_PLAN, "åtgärdsplanen är daterad före samtycket");
    if (c[C_START].text && !c[C_CONSENT].text)
        uf_imp_warn(m, C_START, "startdatum finns men samtyckesdatum saknas");
    return !m->row_bad;
}

/* The age at a case's start outside 10-29 (SIG's target group, with a
 * margin) is more likely a wrong date than a real case: a warning. */
static void check_age(imp *m, sqlite3_int64 person)
{
    cell *c = m->cells;
    if (!c[C_START].text)
        return;
    sqlite3_stmt *st = m->st[S_PLAUS_BIRTH];
    sqlite3_bind_int64(st, 1, person);
    int birth;
    if (uf_imp_step(m, st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
        uf_date_parse((const char *)sqlite3_column_text(st, 0), &birth) == 0) {
        int by, bm, bd, y, mo, d;
        uf_civil_from_days(birth, &by, &bm, &bd);
        uf_civil_from_days(c[C_START].day, &y, &mo, &d);
        int age = y - by - (mo < bm || (mo == bm && d < bd));
        if (age < 10 || age > 29)
            uf_imp_warn(m, C_START,
                        "ungdomen är %d år vid start (%s); rimligt är 10–29: kontrollera "
                        "födelsedatum och startdatum",
                        age, c[C_START].date);
    }
    sqlite3_reset(st);
}

/* The path and the consent (version 6): assessed not before referral; a
 * withdrawal not before the consent; an offer of ej_aktuell with a start,
 * a withdrawal without consent, or a declined consent and a consent with
 * no later withdrawal, are warnings.  false after an error. */
static bool check_consent(imp *m)
{
    cell *c = m->cells;
    if (c[C_ASSESSED].text && c[C_REFERRAL].text && c[C_ASSESSED].day < c[C_REFERRAL].day)
        uf_imp_error(m, C_ASSESSED, "bedömningsdatum %s ligger före aktualiseringsdatum %s",
                     c[C_ASSESSED].date, c[C_REFERRAL].date);
    if (c[C_WITHDRAWN].text && c[C_CONSENT].text && c[C_WITHDRAWN].day < c[C_CONSENT].day)
        uf_imp_error(m, C_WITHDRAWN, "samtycket återkallades %s, före samtyckesdatum %s",
                     c[C_WITHDRAWN].date, c[C_CONSENT].date);
    if (c[C_DECLINED].text && c[C_REFERRAL].text && c[C_DECLINED].day < c[C_REFERRAL].day)
        uf_imp_error(m, C_DECLINED, "samtycke nekades %s, före aktualiseringsdatum %s",
                     c[C_DECLINED].date, c[C_REFERRAL].date);
    if (m->row_bad)
        return false;
    if (c[C_OFFER].text && strcmp(c[C_OFFER].text, "ej_aktuell") == 0 && c[C_START].text)
        uf_imp_warn(m, C_OFFER, "insatsen var inte aktuell men ärendet har ett startdatum");
    if (c[C_WITHDRAWN].text && !c[C_CONSENT].text)
        uf_imp_warn(m, C_WITHDRAWN, "samtycket återkallades men samtyckesdatum saknas");
    if (c[C_DECLINED].text && c[C_START].text)
        uf_imp_warn(m, C_DECLINED, "samtycke nekades men ärendet har ett startdatum");
    return true;
}

void uf_row_cases(imp *m)
{
    cell *c = m->cells;
    char actors[160];
    if (!uf_imp_need(m, C_CASE) || !uf_imp_need(m, C_PERSON) || !check_case_dates(m) ||
        !check_consent(m) || !uf_imp_codes(m, C_CONSENT_ACTORS, actors, sizeof actors))
        return;
    sqlite3_int64 person = uf_imp_person(m, C_PERSON);
    if (!person)
        return;
    check_age(m, person);

    sqlite3_stmt *st = m->st[S_CASE_FIND];
    sqlite3_bind_text(st, 1, c[C_CASE].text, -1, SQLITE_STATIC);
    sqlite3_int64 id = 0;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        sqlite3_int64 old_person = sqlite3_column_int64(st, 1);
        uf_imp_repeat(m, sqlite3_column_int64(st, 2), "ärendet");
        sqlite3_reset(st);
        if (old_person != person) {
            uf_imp_error(m, C_PERSON, "ärendet %s hör redan till en annan person", c[C_CASE].text);
            return;
        }
    }
    st = m->st[id ? S_CASE_UPDATE : S_CASE_INSERT];
    if (id)
        sqlite3_bind_int64(st, 1, id);
    else
        sqlite3_bind_text(st, 1, c[C_CASE].text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, person);
    uf_bind_text(st, 3, c[C_PROGRAMME].text ? c[C_PROGRAMME].text : "SIG");
    uf_bind_text(st, 4, c[C_UNIT].text);
    uf_bind_text(st, 5, c[C_TARGET].text);
    uf_bind_text(st, 6, c[C_REFERRED].text);
    for (int k = 0; k < 5; k++)
        uf_bind_date(st, 7 + k, &c[C_REFERRAL + k]);
    uf_bind_text(st, 12, c[C_REASON].text);
    uf_bind_text(st, 13, c[C_FORM].text);
    sqlite3_bind_int(st, 14, !(c[C_FOLLOWUP].text && strcmp(c[C_FOLLOWUP].text, "nej") == 0));
    sqlite3_bind_int64(st, 15, m->run_id);
    uf_bind_date(st, 16, &c[C_ASSESSED]);
    uf_bind_text(st, 17, c[C_OFFER].text);
    uf_bind_text(st, 18, c[C_OFFER_REASON].text);
    uf_bind_text(st, 19, c[C_CONSENT_BY].text);
    uf_bind_text(st, 20, *actors ? actors : NULL);
    uf_bind_date(st, 21, &c[C_DECLINED]);
    uf_bind_date(st, 22, &c[C_WITHDRAWN]);
    if (uf_imp_step(m, st) == SQLITE_DONE)
        uf_imp_count(m, id == 0, sqlite3_changes(m->db));
    m->last_case_id = 0;
}

/*
 * The person (and case, or 0) of a row that names a case, a person or both
 * (interventions, assessments); false after an error.
 */
bool uf_imp_case_or_person(imp *m, int case_col, int person_col, sqlite3_int64 *case_id,
                           sqlite3_int64 *person)
{
    *case_id = 0;
    *person = 0;
    if (!m->cells[case_col].text && !m->cells[person_col].text) {
        uf_imp_error(m, case_col, "ärende eller person måste anges");
        return false;
    }
    if (m->cells[case_col].text) {
        *case_id = uf_imp_case(m, case_col, person);
        if (!*case_id)
            return false;
    }
    if (m->cells[person_col].text) {
        sqlite3_int64 p = uf_imp_person(m, person_col);
        if (!p)
            return false;
        if (*person && p != *person) {
            uf_imp_error(m, person_col, "personen är inte ärendets person");
            return false;
        }
        *person = p;
    }
    return true;
}

/* The key of an intervention as parameters 1-4: person, case (NULL when
 * none), insats, start date. */
static void bind_intervention_key(sqlite3_stmt *st, sqlite3_int64 person, sqlite3_int64 case_id,
                                  const cell *c)
{
    sqlite3_bind_int64(st, 1, person);
    uf_bind_id(st, 2, case_id);
    sqlite3_bind_text(st, 3, c[I_INSATS].text, -1, SQLITE_STATIC);
    uf_bind_date(st, 4, &c[I_START]);
}

/* What one intervention row shows that is hardly right: an insats wholly
 * outside its case's period, or a placement sharing days with another
 * placement of the person.  Warnings. */
static void check_intervention(imp *m, sqlite3_int64 case_id, sqlite3_int64 person)
{
    cell *c = m->cells;
    sqlite3_stmt *st = m->st[S_PLAUS_CASE_PERIOD];
    if (case_id) {
        sqlite3_bind_int64(st, 1, case_id);
        int cs, ce;
        if (uf_imp_step(m, st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
            uf_date_parse((const char *)sqlite3_column_text(st, 0), &cs) == 0) {
            bool ended = sqlite3_column_type(st, 1) != SQLITE_NULL &&
                         uf_date_parse((const char *)sqlite3_column_text(st, 1), &ce) == 0;
            if ((c[I_END].text && c[I_END].day < cs) || (ended && c[I_START].day > ce))
                uf_imp_warn(m, I_START,
                            "insatsen (%s – %s) ligger helt utanför ärendets tid (%s – %s)",
                            c[I_START].date, c[I_END].text ? c[I_END].date : "pågår",
                            (const char *)sqlite3_column_text(st, 0),
                            ended ? (const char *)sqlite3_column_text(st, 1) : "pågår");
        }
        sqlite3_reset(st);
    }
    static const char *const placements[] = { "hvb", "sis", "familjehem", "tfco" };
    bool placement = false;
    for (size_t i = 0; i < sizeof placements / sizeof *placements; i++)
        placement = placement || strcmp(c[I_INSATS].text, placements[i]) == 0;
    if (!placement)
        return;
    st = m->st[S_PLAUS_PLACEMENTS];
    sqlite3_bind_int64(st, 1, person);
    sqlite3_bind_text(st, 2, c[I_START].date, -1, SQLITE_STATIC);
    uf_bind_date(st, 3, &c[I_END]);
    sqlite3_bind_text(st, 4, c[I_INSATS].text, -1, SQLITE_STATIC);
    if (uf_imp_step(m, st) == SQLITE_ROW)
        uf_imp_warn(
            m, I_START, "placeringen överlappar en annan placering av samma person (%s från %s)",
            (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
    sqlite3_reset(st);
}

void uf_row_interventions(imp *m)
{
    cell *c = m->cells;
    sqlite3_int64 case_id, person;
    if (!uf_imp_need(m, I_INSATS) || !uf_imp_need(m, I_START))
        return;
    if (c[I_END].text && c[I_END].day < c[I_START].day) {
        uf_imp_error(m, I_END, "slutdatum %s ligger före startdatum %s", c[I_END].date,
                     c[I_START].date);
        return;
    }
    if (!uf_imp_case_or_person(m, I_CASE, I_PERSON, &case_id, &person))
        return;
    check_intervention(m, case_id, person);

    sqlite3_stmt *st = m->st[S_INTERVENTION_FIND];
    bind_intervention_key(st, person, case_id, c);
    sqlite3_int64 id = 0;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        uf_imp_repeat(m, sqlite3_column_int64(st, 1), "insatsen");
        sqlite3_reset(st);
    }
    if (id) {
        st = m->st[S_INTERVENTION_UPDATE];
        sqlite3_bind_int64(st, 1, id);
        uf_bind_text(st, 2, c[I_PROVIDER].text);
        uf_bind_date(st, 3, &c[I_END]);
        sqlite3_bind_int64(st, 4, m->run_id);
    } else {
        st = m->st[S_INTERVENTION_INSERT];
        bind_intervention_key(st, person, case_id, c);
        uf_bind_text(st, 5, c[I_PROVIDER].text);
        uf_bind_date(st, 6, &c[I_END]);
        sqlite3_bind_int64(st, 7, m->run_id);
    }
    if (uf_imp_step(m, st) == SQLITE_DONE)
        uf_imp_count(m, id == 0, sqlite3_changes(m->db));
}

/* An action of a case's åtgärdsplan (SPEC §3 atgarder), keyed by case and
 * action id: its due date not before its planned date; a done action
 * without its date, or a date of an action not done, is a warning. */
void uf_row_actions(imp *m)
{
    cell *c = m->cells;
    sqlite3_int64 person;
    if (!uf_imp_need(m, X_CASE) || !uf_imp_need(m, X_ID) || !uf_imp_need(m, X_ACTOR) ||
        !uf_imp_need(m, X_STATUS))
        return;
    if (c[X_DUE].text && c[X_PLANNED].text && c[X_DUE].day < c[X_PLANNED].day) {
        uf_imp_error(m, X_DUE, "klart senast %s ligger före planerat datum %s", c[X_DUE].date,
                     c[X_PLANNED].date);
        return;
    }
    bool done = strcmp(c[X_STATUS].text, "genomford") == 0;
    if (done && !c[X_DONE].text)
        uf_imp_warn(m, X_STATUS, "åtgärden är genomförd men datum då den genomfördes saknas");
    else if (!done && c[X_DONE].text)
        uf_imp_warn(m, X_DONE, "datum då åtgärden genomfördes anges men status är inte genomförd");
    sqlite3_int64 case_id = uf_imp_case(m, X_CASE, &person);
    if (!case_id)
        return;
    sqlite3_stmt *st = m->st[S_ACTION_FIND];
    sqlite3_bind_int64(st, 1, case_id);
    uf_bind_text(st, 2, c[X_ID].text);
    sqlite3_int64 id = 0;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        uf_imp_repeat(m, sqlite3_column_int64(st, 1), "åtgärden");
        sqlite3_reset(st);
    }
    int k = 1;
    st = m->st[id ? S_ACTION_UPDATE : S_ACTION_INSERT];
    if (id)
        sqlite3_bind_int64(st, k++, id);
    else {
        sqlite3_bind_int64(st, k++, case_id);
        uf_bind_text(st, k++, c[X_ID].text);
    }
    uf_bind_text(st, k++, c[X_DOMAIN].text);
    uf_bind_text(st, k++, c[X_ACTOR].text);
    uf_bind_date(st, k++, &c[X_PLANNED]);
    uf_bind_date(st, k++, &c[X_DUE]);
    uf_bind_date(st, k++, &c[X_DONE]);
    uf_bind_text(st, k++, c[X_STATUS].text);
    sqlite3_bind_int64(st, k, m->run_id);
    if (uf_imp_step(m, st) == SQLITE_DONE)
        uf_imp_count(m, id == 0, sqlite3_changes(m->db));
}
