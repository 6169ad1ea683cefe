/*
 * import_common.c - what the row writers (import_rows.c, import_events.c)
 * and the batch writer share: binding cells, looking up persons and cases,
 * counting, progress and messages.  The driver (import.c) and the writers
 * call down to it; it calls none of them.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "import_internal.h"
#include "uppfolj/db.h"
#include "uppfolj/pnr.h"

/* Add a diagnostic on the current row. */
static void vreport(imp *m, uf_severity sev, int col, const char *fmt, va_list ap)
{
    char msg[768];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const char *colname = col >= 0 ? m->h.colname[col] : NULL;
    uf_diag_add(m->d, sev, m->path, m->line, colname, "%s", msg);
}

void uf_imp_error(imp *m, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(m, UF_ERROR, col, fmt, ap);
    va_end(ap);
    m->row_bad = true;
}

void uf_imp_warn(imp *m, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(m, UF_WARNING, col, fmt, ap);
    va_end(ap);
}

void uf_imp_db_failed(imp *m, const char *what)
{
    if (m->db_failed)
        return;
    m->db_failed = true;
    m->db_err = uf_db_error(m->db);
    uf_diag_add(m->d, UF_ERROR, what ? "databas" : m->path, what ? 0 : m->line, NULL,
                "importen avbröts%s%s: %s", what ? " vid " : " här", what ? what : "",
                uf_strerror(m->db_err));
}

int uf_imp_step(imp *m, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        uf_imp_db_failed(m, NULL);
        m->row_bad = true;
    }
    if (rc != SQLITE_ROW)
        sqlite3_reset(st);
    return rc;
}

void uf_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

void uf_bind_id(sqlite3_stmt *st, int i, sqlite3_int64 id)
{
    if (id)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

void uf_bind_date(sqlite3_stmt *st, int i, const cell *c)
{
    uf_bind_text(st, i, c->text ? c->date : NULL);
}

void uf_bind_num(sqlite3_stmt *st, int i, const cell *c)
{
    if (c->text)
        sqlite3_bind_double(st, i, c->num);
    else
        sqlite3_bind_null(st, i);
}

void uf_imp_count(imp *m, bool inserted, int changed)
{
    if (inserted)
        m->fs->inserted++;
    else if (changed)
        m->fs->updated++;
    else
        m->fs->unchanged++;
}

bool uf_imp_pseudonym(imp *m, int col, char out[72], int *birth)
{
    const char *raw = m->cells[col].text;
    uf_pnr p;
    *birth = INT32_MIN;
    uf_pnr_status st = uf_pnr_parse(raw, m->today, &p);
    if (st == UF_PNR_OK) {
        char ps[UF_PSEUDONYM_BUF];
        uf_pseudonym(m->key, p.digits, ps);
        memcpy(out, ps, sizeof ps);
        *birth = p.birth_days;
        memset(&p, 0, sizeof p);
        return true;
    }
    if (st != UF_PNR_PSEUDONYM) {
        uf_imp_error(m, col, "%s", uf_pnr_strstatus(st));
        return false;
    }
    if (strlen(raw) > 64) {
        uf_imp_error(m, col, "id:t är längre än 64 tecken");
        return false;
    }
    strcpy(out, raw);
    return true;
}

sqlite3_int64 uf_imp_person(imp *m, int col)
{
    const char *raw = m->cells[col].text;
    if (m->last_person_id && strcmp(raw, m->last_person) == 0)
        return m->last_person_id;
    char ps[72];
    int birth;
    if (!uf_imp_pseudonym(m, col, ps, &birth))
        return 0;
    sqlite3_stmt *st = m->st[S_PERSON_FIND];
    sqlite3_bind_text(st, 1, ps, -1, SQLITE_STATIC);
    sqlite3_int64 id = 0;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    if (!id) {
        uf_imp_error(m, col, "personen finns inte i databasen eller i personfilen");
        return 0;
    }
    if (strlen(raw) < sizeof m->last_person) {
        strcpy(m->last_person, raw);
        m->last_person_id = id;
    }
    return id;
}

sqlite3_int64 uf_imp_case(imp *m, int col, sqlite3_int64 *person)
{
    const char *raw = m->cells[col].text;
    if (m->last_case_id && strcmp(raw, m->last_case) == 0) {
        *person = m->last_case_person;
        return m->last_case_id;
    }
    sqlite3_stmt *st = m->st[S_CASE_FIND];
    sqlite3_bind_text(st, 1, raw, -1, SQLITE_STATIC);
    sqlite3_int64 id = 0;
    if (uf_imp_step(m, st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        *person = sqlite3_column_int64(st, 1);
        sqlite3_reset(st);
    }
    if (!id) {
        uf_imp_error(m, col, "ärendet %s finns inte i databasen eller i ärendefilen", raw);
        return 0;
    }
    if (strlen(raw) < sizeof m->last_case) {
        strcpy(m->last_case, raw);
        m->last_case_id = id;
        m->last_case_person = *person;
    }
    return id;
}

/* A list cell (T_CODES: meetings' participants, the actors a consent
 * covers) as stored: known codes in code-list order, '|'-separated, each
 * once, into out.  false after an error. */
bool uf_imp_codes(imp *m, int colno, char *out, size_t n)
{
    const coldef *col = &m->ent->cols[colno];
    const char *text = m->cells[colno].text;
    bool seen[16] = { false };
    *out = '\0';
    while (text && *text) {
        char one[64], folded[64];
        size_t len = strcspn(text, "|");
        size_t keep = len < sizeof one ? len : sizeof one - 1;
        memcpy(one, text, keep);
        one[keep] = '\0';
        uf_trim(one);
        uf_fold(one, folded, sizeof folded);
        text += len + (text[len] == '|');
        if (!*folded)
            continue;
        const char *code = uf_code(col, folded);
        if (!code) {
            uf_imp_error(m, colno, "okänd aktör '%s' i %s", one, col->label);
            return false;
        }
        seen[uf_kb_index((uf_kb_id)col->kb, code)] = true;
    }
    size_t used = 0;
    for (int i = 0; i < uf_kb((uf_kb_id)col->kb)->n; i++) {
        const char *code = uf_kb_code((uf_kb_id)col->kb, i);
        size_t len = strlen(code);
        if (!seen[i] || used + len + 2 > n)
            continue;
        if (used)
            out[used++] = '|';
        memcpy(out + used, code, len + 1);
        used += len;
    }
    return true;
}
