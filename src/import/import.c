/*
 * import.c - the import engine (see import.h): files, headers, cells, the
 * transaction and the log.  Entity-specific checks and writes are in
 * import_rows.c and import_events.c.
 *
 * Workload: up to several million rows per run.  Per row the engine does
 * no allocation: cells point into libcsv's record buffer, statements are
 * prepared once per run, and person/case look-ups hit a one-entry cache
 * when files are sorted by person or case (as exports usually are).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "import_internal.h"
#include "uppfolj/db.h"
#include "uppfolj/pnr.h"
#include "uppfolj/xlsxin.h"

static const char *const stmt_names[S_COUNT] = {
    "person_find",         "person_insert",      "person_update",     "case_find",
    "case_insert",         "case_update",        "intervention_find", "intervention_insert",
    "intervention_update", "assessment_find",    "assessment_insert", "assessment_update",
    "item_upsert",         "goal_find",          "goal_insert",       "goal_update",
    "goal_ensure",         "action_find",        "action_insert",     "action_update",
    "run_insert",          "run_finish",         "file_insert",       "savepoint",
    "savepoint_release",   "savepoint_rollback", "plaus_birth",       "plaus_case_period",
    "plaus_placements",
};

/* Pipeline take step: the header, or one parsed row, on the writing thread. */
static int on_row(void *ctx, unsigned long line, char **fields, size_t n, void *scratch)
{
    imp *m = ctx;
    prep *p = scratch;
    m->line = line;
    if (p->kind == PREP_HEADER)
        return !m->h.ok;
    if (p->kind == PREP_BLANK)
        return 0;
    m->fs->rows++;
    m->nfields = n;
    if (p->bad)
        return 0;
    m->row_bad = false;
    m->cells = p->cells;
    switch ((entity_kind)(m->ent - uf_entities)) {
    case K_PERSONS: uf_row_persons(m); break;
    case K_CASES: uf_row_cases(m); break;
    case K_INTERVENTIONS: uf_row_interventions(m); break;
    case K_ASSESSMENTS: uf_row_assessments(m, fields); break;
    case K_OUTCOMES: uf_row_outcomes(m); break;
    case K_GOALS: uf_row_goals(m); break;
    case K_MEETINGS: uf_row_meetings(m); break;
    case K_ACTIONS: uf_row_actions(m); break;
    case K_COUNT: break;
    }
    return m->db_failed;
}

/* First record of a file, for entity detection. */
typedef struct header_probe {
    char names[256][64]; /* folded */
    int n;
} header_probe;

static int probe_header(void *ctx, unsigned long line, char **fields, size_t n)
{
    header_probe *h = ctx;
    (void)line;
    for (size_t i = 0; i < n && i < 256; i++) {
        uf_trim(fields[i]);
        uf_fold(fields[i], h->names[i], sizeof h->names[i]);
    }
    h->n = n < 256 ? (int)n : 256;
    return 1;
}

/* Does the header of h satisfy e's required columns? */
static bool has_required(const entity *e, const header_probe *h, int *matched)
{
    bool have[MAX_COLS] = { false };
    *matched = 0;
    for (int i = 0; i < h->n; i++) {
        int c = uf_entity_column(e, h->names[i]);
        if (c >= 0 && !have[c]) {
            have[c] = true;
            (*matched)++;
        }
    }
    for (int r = 0; r < 4 && e->required[r] != -1; r++) {
        int req = e->required[r]; /* a column, or ALT(a, b): a or b */
        int a = req >= 1000 ? (req - 1000) / 100 : req;
        int b = req >= 1000 ? (req - 1000) % 100 : req;
        if (!have[a] && !have[b])
            return false;
    }
    return true;
}

/* Entity of the file from its header (file name breaks ties); -1 after
 * reporting why not. */
static int detect_kind(const char *path, const char *label, const uf_csv_info *info, uf_diag *d)
{
    header_probe *h = calloc(1, sizeof *h);
    unsigned long bad = 0;
    uf_error rc = h ? uf_csv_read(path, info, probe_header, NULL, h, &bad) : UF_ERR_NOMEM;
    if (rc != UF_OK) {
        if (rc == UF_ERR_INPUT && info->xlsx)
            uf_diag_add(d, UF_ERROR, label, bad, NULL, "%s", info->why);
        else
            uf_diag_add(d, UF_ERROR, label, bad, NULL, "rubrikraden kunde inte läsas");
        free(h);
        return -1;
    }
    if (info->xlsx && h->n == 0) { /* an empty sheet: nothing to say */
        free(h);
        return -2;
    }
    /* a sheet's name, else the file's name, breaks ties */
    char stem[128];
    const char *base = info->xlsx           ? info->sheet
                       : strrchr(path, '/') ? strrchr(path, '/') + 1
                                            : path;
    uf_fold(base, stem, sizeof stem);
    char *dot = strchr(stem, '.');
    if (dot && !info->xlsx)
        *dot = '\0';
    int by_name = uf_entity_by_name(stem);

    int score[K_COUNT], best_n = 0;
    for (int k = 0; k < K_COUNT; k++) {
        if (!has_required(&uf_entities[k], h, &score[k]))
            score[k] = 0;
        if (score[k] > best_n)
            best_n = score[k];
    }
    int best = -1, ties = 0;
    for (int k = 0; k < K_COUNT && best_n > 0; k++) {
        if (score[k] != best_n)
            continue;
        if (best < 0)
            best = k;
        else
            ties++;
    }
    if (ties && by_name >= 0 && score[by_name] == best_n) {
        best = by_name;
        ties = 0;
    }
    /* a header that fits nothing, in a file named like an entity: read it
     * as that entity, so the message names the missing columns */
    if (best < 0 && by_name >= 0)
        best = by_name;
    free(h);
    if (best < 0 && info->xlsx) /* a sheet of something else: left alone */
        return -2;
    if (best < 0 || ties) {
        uf_diag_add(d, UF_ERROR, label, 1, NULL,
                    best < 0 ? "kunde inte avgöra vad filen innehåller av rubrikraden; "
                               "ange --kind (persons, cases, interventions, assessments, "
                               "outcomes, goals, meetings, actions)"
                             : "rubrikraden passar flera sorters filer; ange --kind");
        return -1;
    }
    return best;
}

/* Say why file f is not text uppfolj reads (uf_csv_scan's problem). */
static void not_text(uf_diag *d, const uf_import_file *f)
{
    const uf_csv_info *in = &f->info;
    switch (in->problem) {
    case UF_CSV_BAD_UTF8:
        uf_diag_add(d, UF_ERROR, f->label, in->bad_line, NULL,
                    "filen är UTF-8 men har här en byte som inte är det (0x%02X); inget "
                    "gissas: rätta tecknet, eller spara filen som UTF-8 igen (i Excel: Spara som "
                    "> CSV UTF-8)",
                    in->bad_byte);
        break;
    case UF_CSV_NUL:
        uf_diag_add(d, UF_ERROR, f->label, in->bad_line, NULL,
                    "raden har ett NUL-tecken (byte 0x00): filen är ingen textfil eller är "
                    "skadad; spara den som CSV igen");
        break;
    case UF_CSV_NOT_TEXT:
        uf_diag_add(d, UF_ERROR, f->label, in->bad_line, NULL,
                    "filen är varken UTF-8 eller Windows-1252 (byte 0x%02X); spara den som CSV "
                    "UTF-8",
                    in->bad_byte);
        break;
    case UF_CSV_OK: break;
    }
}

/* Progress of the whole run, passed through uf_csv_read. */
typedef struct run_progress {
    const uf_import_opts *o;
    unsigned long long base, total;
} run_progress;

static void progress_thunk(void *ctx, unsigned long long done)
{
    run_progress *p = ((imp *)ctx)->rp;
    if (p->o->progress)
        p->o->progress(p->o->progress_ctx, p->base + done, p->total);
}

/* Read one file of entity k into the open transaction: the reader thread
 * parses, this thread writes; then the reader's messages join the run's,
 * in line order. */
static void import_file(imp *m, run_progress *rp, uf_import_file *fs, int k)
{
    uf_diag rd;
    uf_diag_init(&rd);
    m->path = fs->label;
    m->ent = &uf_entities[k];
    m->fs = fs;
    m->h.ent = m->ent;
    m->h.path = fs->label;
    m->line = 0;
    m->last_person_id = 0;
    m->last_case_id = 0;
    m->last_goal_case = 0;
    prep_ctx pc = { .h = &m->h, .cfg = m->cfg, .d = &rd, .today = m->today };
    uf_csv_pipe_opts po = {
        .prep = uf_imp_prep,
        .prep_ctx = &pc,
        .take = on_row,
        .take_ctx = m,
        .progress = progress_thunk,
        .scratch_size = sizeof(prep),
    };
    size_t mark = m->d->n;
    unsigned long bad = 0;
    m->rp = rp;
    uf_error rc = uf_csv_pipe(fs->path, &fs->info, &po, &bad);
    uf_batch_flush(m, &m->outcomes);
    uf_batch_flush(m, &m->meetings);
    uf_batch_flush(m, &m->followups);
    uf_diag_merge(m->d, &rd, mark);
    if (rc == UF_ERR_INPUT && fs->info.xlsx)
        uf_diag_add(m->d, UF_ERROR, fs->label, bad, NULL, "%s", fs->why);
    else if (rc == UF_ERR_INPUT)
        uf_diag_add(m->d, UF_ERROR, fs->label, bad, NULL,
                    "felaktig CSV: citattecken (\") som inte avslutas eller står fel");
    else if (rc != UF_OK)
        uf_diag_add(m->d, UF_ERROR, fs->label, 0, NULL, "filen kunde inte läsas: %s",
                    uf_strerror(rc));
    else if (m->h.n == 0 && m->d->errors == 0)
        uf_diag_add(m->d, UF_ERROR, fs->label, 0, NULL, "filen är tom");
    uf_diag_release(&rd);
    uf_hdr_release(&m->h);
    rp->base += fs->info.size;
}

/* Write the log rows of the run (import_run finished, import_file). */
static void write_log(imp *m, const uf_import_opts *o, uf_import_result *res, const char *outcome)
{
    char now[32];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    sqlite3_stmt *st = m->st[S_RUN_FINISH];
    sqlite3_bind_int64(st, 1, m->run_id);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, outcome, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)m->d->errors);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)m->d->warnings);
    uf_imp_step(m, st);
    st = m->st[S_FILE_INSERT];
    for (size_t i = 0; i < res->nfiles; i++) {
        const uf_import_file *f = &res->files[i];
        sqlite3_bind_int64(st, 1, m->run_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_text(st, 3, f->label, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, f->info.sha256[0] ? f->info.sha256 : "", -1, SQLITE_STATIC);
        uf_bind_text(st, 5, f->kind);
        uf_bind_text(st, 6,
                     f->info.xlsx        ? "Excel-arbetsbok"
                     : f->info.sha256[0] ? uf_encoding_name(f->info.encoding)
                                         : NULL);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)f->rows);
        sqlite3_bind_int64(st, 8, (sqlite3_int64)f->inserted);
        sqlite3_bind_int64(st, 9, (sqlite3_int64)f->updated);
        sqlite3_bind_int64(st, 10, (sqlite3_int64)f->unchanged);
        uf_imp_step(m, st);
    }
    (void)o;
}

/* Insert the import_run row ('pågår'); sets m->run_id. */
static void start_log(imp *m, const uf_import_opts *o)
{
    sqlite3_stmt *st = m->st[S_RUN_INSERT];
    sqlite3_bind_text(st, 1, o->started_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, o->user ? o->user : "okänd", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, UF_VERSION, -1, SQLITE_STATIC);
    if (uf_imp_step(m, st) == SQLITE_DONE)
        m->run_id = sqlite3_last_insert_rowid(m->db);
}

static void finalize_all(imp *m)
{
    uf_batch_release(&m->outcomes);
    uf_batch_release(&m->meetings);
    uf_batch_release(&m->followups);
    for (int i = 0; i < S_COUNT; i++) {
        sqlite3_finalize(m->st[i]);
        m->st[i] = NULL;
    }
}

static uf_error prepare_all(imp *m)
{
    for (int i = 0; i < S_COUNT; i++) {
        m->st[i] = uf_db_prepare(m->db, stmt_names[i]);
        if (!m->st[i]) {
            uf_imp_db_failed(m, stmt_names[i]);
            return m->db_err;
        }
    }
    return UF_OK;
}

/* Is kind an entity name or alias?  Reports it when not. */
static bool known_kind(const char *kind, uf_diag *d)
{
    char folded[64];
    uf_fold(kind, folded, sizeof folded);
    if (uf_entity_by_name(folded) >= 0)
        return true;
    uf_diag_add(d, UF_ERROR, "--kind", 0, NULL,
                "okänd sort '%s' (tillåtet: persons, cases, "
                "interventions, assessments, outcomes, goals, meetings, actions)",
                kind);
    return false;
}

/* The sheets of workbook path that identify an entity become entries of
 * res from res->nfiles on (with --kind: the first sheet); the bytes to
 * read. */
static unsigned long long scan_book(const uf_import_opts *o, int forced, const char *path,
                                    uf_import_result *res, int *kinds, uf_diag *d)
{
    uf_xlsx_book *b = malloc(sizeof *b);
    char why[UF_XLSX_WHY] = "";
    uf_error err = b ? uf_xlsx_sheets(path, b, why) : UF_ERR_NOMEM;
    unsigned long long total = 0;
    int found = 0;
    if (err == UF_ERR_INPUT)
        uf_diag_add(d, UF_ERROR, path, 0, NULL, "%s", why);
    else if (err != UF_OK)
        uf_diag_add(d, UF_ERROR, path, 0, NULL, "filen kunde inte läsas: %s",
                    err == UF_ERR_IO ? uf_strerrno(errno) : uf_strerror(err));
    for (int k = 0; err == UF_OK && k < b->nsheets && !(o->kind && found); k++) {
        uf_import_file *f = &res->files[res->nfiles];
        memset(f, 0, sizeof *f);
        f->path = path;
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        snprintf(f->label, sizeof f->label, "%s [%s]", base, b->sheets[k].name);
        f->info.xlsx = true;
        f->info.size = b->sheets[k].size;
        f->info.delim = ';';
        snprintf(f->info.sha256, sizeof f->info.sha256, "%s", b->sha256);
        snprintf(f->info.sheet, sizeof f->info.sheet, "%s", b->sheets[k].name);
        snprintf(f->info.part, sizeof f->info.part, "%s", b->sheets[k].part);
        f->info.why = f->why;
        int kind = o->kind ? forced : detect_kind(path, f->label, &f->info, d);
        if (kind == -2) { /* the template's own sheets go without a word */
            if (strcmp(b->sheets[k].name, "Instruktioner") != 0 &&
                strcmp(b->sheets[k].name, "Koder") != 0)
                uf_diag_add(d, UF_WARNING, f->label, 0, NULL,
                            "bladet hoppas över: dess namn och rubrikrad passar ingen sorts fil");
            continue;
        }
        kinds[res->nfiles] = kind;
        if (kind >= 0)
            f->kind = uf_entities[kind].name;
        res->nfiles++;
        total += f->info.size;
        found++;
    }
    if (err == UF_OK && !found)
        uf_diag_add(d, UF_ERROR, path, 0, NULL,
                    "inget av arbetsbokens blad har en rubrikrad som uppfolj känner igen; ange "
                    "--kind för att läsa det första bladet");
    free(b);
    return total;
}

/* Scan every file (every sheet of a workbook) and decide its entity;
 * kinds[i] = -1 when unusable.  res->nfiles gets the number of entries. */
static unsigned long long scan_files(const uf_import_opts *o, uf_import_result *res, int *kinds,
                                     uf_diag *d)
{
    unsigned long long total = 0;
    int forced = -1;
    if (o->kind) {
        char folded[64];
        uf_fold(o->kind, folded, sizeof folded);
        forced = uf_entity_by_name(folded);
    }
    res->nfiles = 0;
    for (size_t i = 0; i < o->npaths; i++) {
        /* a workbook by its first bytes, or by its name (so that a text
         * file called .xlsx is told it is no workbook) */
        const char *dot = strrchr(o->paths[i], '.');
        if (uf_xlsx_looks_like(o->paths[i]) ||
            (dot && (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0))) {
            total += scan_book(o, forced, o->paths[i], res, kinds, d);
            continue;
        }
        uf_import_file *f = &res->files[res->nfiles];
        kinds[res->nfiles++] = -1;
        f->path = o->paths[i];
        snprintf(f->label, sizeof f->label, "%s", f->path);
        uf_error err = uf_csv_scan(f->path, &f->info);
        if (err == UF_ERR_INPUT) {
            not_text(d, f);
            continue;
        }
        if (err != UF_OK) {
            uf_diag_add(d, UF_ERROR, f->path, 0, NULL, "filen kunde inte läsas: %s",
                        uf_strerrno(errno));
            continue;
        }
        total += f->info.size;
        int kind = o->kind ? forced : detect_kind(f->path, f->label, &f->info, d);
        kinds[res->nfiles - 1] = kind < 0 ? -1 : kind;
        if (kind >= 0)
            f->kind = uf_entities[kind].name;
    }
    return total;
}

/* The latest date anywhere in the data, for the reports' default as-of
 * (data_state): in the import's transaction, so it always fits the data. */
static void note_latest(imp *m)
{
    if (!m->db_failed && uf_db_note_latest(m->db, m->event_latest) != UF_OK)
        uf_imp_db_failed(m, "senaste datum");
}

/* Read every file into one transaction and commit it if all was well. */
static uf_error run(imp *m, const uf_import_opts *o, uf_import_result *res, const int *kinds,
                    run_progress *rp)
{
    /* another run holding the database (busy), a read-only or damaged one:
     * not the data's fault, so no diagnostic, an error the caller words */
    if (uf_db_exec(m->db, "BEGIN IMMEDIATE") != UF_OK)
        return uf_db_error(m->db);
    if (prepare_all(m) == UF_OK) {
        uf_imp_batches_init(m);
        start_log(m, o);
        for (int k = 0; k < K_COUNT && !m->db_failed; k++)
            for (size_t i = 0; i < res->nfiles && !m->db_failed; i++)
                if (kinds[i] == k)
                    import_file(m, rp, &res->files[i], k);
        if (!m->db_failed && m->d->errors == 0 && !o->dry_run) {
            write_log(m, o, res, "ok");
            note_latest(m);
            if (!m->db_failed && uf_db_exec(m->db, "COMMIT") == UF_OK) {
                res->stored = true;
                res->run_id = m->run_id;
                return UF_OK;
            }
            if (!m->db_failed) { /* a report still reading, the disk full, ... */
                uf_error err = uf_db_error(m->db);
                sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
                return err;
            }
        }
    }
    sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
    return m->db_failed ? m->db_err : (m->d->errors ? UF_ERR_INPUT : UF_OK);
}

/* Log a run that stored nothing, with its files but none of its rows. */
static void log_failed_run(imp *m, const uf_import_opts *o, uf_import_result *res)
{
    if (!m->st[S_RUN_INSERT] || uf_db_exec(m->db, "BEGIN IMMEDIATE") != UF_OK)
        return;
    start_log(m, o);
    write_log(m, o, res, "fel");
    if (uf_db_exec(m->db, "COMMIT") == UF_OK)
        res->run_id = m->run_id;
    else
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
}

uf_error uf_import(sqlite3 *db, const uf_key *key, const uf_import_opts *o, uf_import_result *res,
                   uf_diag *d)
{
    memset(res, 0, sizeof *res);
    /* a workbook may give an entry per sheet */
    size_t cap = (o->npaths ? o->npaths : 1) * UF_XLSX_MAX_SHEETS;
    res->files = calloc(cap, sizeof *res->files);
    int *kinds = calloc(cap, sizeof *kinds);
    imp *m = calloc(1, sizeof *m); /* large: batches of rows */
    uf_error rc = UF_ERR_NOMEM;
    if (!res->files || !kinds || !m)
        goto done;
    m->db = db;
    m->key = key;
    m->d = d;
    m->today = o->today;
    m->event_latest = INT_MIN;
    m->cfg = o->cfg;
    rc = UF_ERR_USAGE;
    if (o->kind && !known_kind(o->kind, d))
        goto done;
    run_progress rp = { .o = o };
    rp.total = scan_files(o, res, kinds, d);
    /* Every id the importer writes comes from a look-up or an insert of its
     * parent in the same transaction, so SQLite's per-row foreign-key
     * checks (a B-tree search per reference, 17 % of a bulk import) are
     * redundant here and off for this transaction only; `uppfolj check`
     * runs the full foreign_key_check, and the end-to-end tests do too. */
    uf_db_exec(db, "PRAGMA foreign_keys = OFF");
    rc = run(m, o, res, kinds, &rp);
    uf_db_exec(db, "PRAGMA foreign_keys = ON");
    if (rc == UF_ERR_INPUT && !o->dry_run)
        log_failed_run(m, o, res);
done:
    if (m)
        finalize_all(m);
    free(m);
    free(kinds);
    return rc;
}

void uf_import_result_release(uf_import_result *res)
{
    if (!res)
        return;
    free(res->files);
    memset(res, 0, sizeof *res);
}
