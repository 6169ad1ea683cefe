/*
 * import_batch.c - batched inserts for the large import files.
 *
 * Outcome, meeting and goal follow-up files have millions of rows at
 * national scale, and one INSERT statement per row costs more in SQLite's
 * per-statement work (opening cursors, starting and ending the statement)
 * than the B-tree insert itself.  Rows are therefore collected and written
 * BATCH_ROWS at a time with one multi-row INSERT ... ON CONFLICT DO NOTHING
 * inside a savepoint.  When every row of a batch was new (a first import)
 * that is all.  When some were not (a re-import, or a row repeated within
 * the run), the batch is rolled back to its savepoint and its rows are
 * replayed one at a time, which tells new, updated, unchanged and repeated
 * rows apart exactly as the one-row path of the other entities does.
 */
#include <string.h>
#include "import_internal.h"
#include "uppfolj/db.h"

void uf_bv_int(bval *v, sqlite3_int64 i)
{
    v->type = SQLITE_INTEGER;
    v->i = i;
}

void uf_bv_num(bval *v, double d)
{
    v->type = SQLITE_FLOAT;
    v->d = d;
}

void uf_bv_text(bval *v, const char *s)
{
    if (!s) {
        v->type = SQLITE_NULL;
        return;
    }
    v->type = SQLITE_TEXT;
    size_t n = strlen(s);
    if (n >= sizeof v->s)
        n = sizeof v->s - 1;
    memcpy(v->s, s, n);
    v->s[n] = '\0';
    v->p = v->s;
}

void uf_bv_static(bval *v, const char *s)
{
    v->type = SQLITE_TEXT;
    v->p = s;
}

/* Bind values v[0..n) to st from parameter first + 1 on. */
static void bind_values(sqlite3_stmt *st, int first, const bval *v, int n)
{
    for (int c = 0; c < n; c++) {
        int i = first + c + 1;
        switch (v[c].type) {
        case SQLITE_INTEGER: sqlite3_bind_int64(st, i, v[c].i); break;
        case SQLITE_FLOAT: sqlite3_bind_double(st, i, v[c].d); break;
        case SQLITE_TEXT: sqlite3_bind_text(st, i, v[c].p, -1, SQLITE_STATIC); break;
        default: sqlite3_bind_null(st, i); break;
        }
    }
}

/* Prepare b's statements on first use; false (run failed) if impossible. */
static bool ready(imp *m, batch *b)
{
    if (b->one)
        return true;
    b->many = uf_db_prepare_rows(m->db, b->spec->insert, BATCH_ROWS);
    b->one = uf_db_prepare_rows(m->db, b->spec->insert, 1);
    b->find = uf_db_prepare(m->db, b->spec->find);
    b->update = b->spec->update ? uf_db_prepare(m->db, b->spec->update) : NULL;
    if (!b->many || !b->one || !b->find || (b->spec->update && !b->update)) {
        uf_imp_db_failed(m, b->spec->insert);
        return false;
    }
    return true;
}

bval *uf_batch_row(imp *m, batch *b)
{
    brow *r = &b->rows[b->n];
    r->line = m->line;
    return r->v;
}

void uf_batch_add(imp *m, batch *b)
{
    if (++b->n == BATCH_ROWS)
        uf_batch_flush(m, b);
}

/* Write one row on its own: new, updated, unchanged or a repeat. */
static void one_row(imp *m, batch *b, const brow *r)
{
    const batch_spec *sp = b->spec;
    m->line = r->line;
    bind_values(b->one, 0, r->v, sp->ncols);
    if (uf_imp_step(m, b->one) != SQLITE_DONE)
        return;
    if (sqlite3_changes(m->db)) {
        uf_imp_count(m, true, 1);
        return;
    }
    bind_values(b->find, 0, r->v, sp->nkey);
    if (uf_imp_step(m, b->find) == SQLITE_ROW) {
        if (sqlite3_column_int64(b->find, 0) == m->run_id)
            uf_imp_warn(m, -1, "%s", sp->repeat);
        sqlite3_reset(b->find);
    }
    int changed = 0;
    if (b->update) {
        bind_values(b->update, 0, r->v, sp->ncols);
        if (uf_imp_step(m, b->update) == SQLITE_DONE)
            changed = sqlite3_changes(m->db);
    }
    uf_imp_count(m, false, changed);
}

void uf_batch_flush(imp *m, batch *b)
{
    if (b->n == 0 || m->db_failed || !ready(m, b))
        return;
    unsigned long line = m->line;
    if (b->n == BATCH_ROWS) {
        uf_imp_step(m, m->st[S_SAVEPOINT]);
        for (int r = 0; r < b->n; r++)
            bind_values(b->many, r * b->spec->ncols, b->rows[r].v, b->spec->ncols);
        if (uf_imp_step(m, b->many) == SQLITE_DONE && sqlite3_changes(m->db) == b->n) {
            uf_imp_step(m, m->st[S_RELEASE]);
            m->fs->inserted += (unsigned long)b->n;
            b->n = 0;
            return;
        }
        uf_imp_step(m, m->st[S_ROLLBACK_TO]);
        uf_imp_step(m, m->st[S_RELEASE]);
    }
    for (int r = 0; r < b->n && !m->db_failed; r++)
        one_row(m, b, &b->rows[r]);
    b->n = 0;
    m->line = line;
}

void uf_batch_release(batch *b)
{
    sqlite3_finalize(b->many);
    sqlite3_finalize(b->one);
    sqlite3_finalize(b->find);
    sqlite3_finalize(b->update);
    b->many = b->one = b->find = b->update = NULL;
    b->n = 0;
}
