/*
 * import_internal.h - shared by the import engine (import.c), the entity
 * definitions (entity.c) and the row handlers (import_rows.c,
 * import_events.c).  Not a public API.
 */
#ifndef UPPFOLJ_IMPORT_INTERNAL_H
#define UPPFOLJ_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <sqlite3.h>
#include "uppfolj/diag.h"
#include "uppfolj/import.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"

/* Entities in import (dependency) order. */
typedef enum kind {
    K_PERSONS,
    K_CASES,
    K_INTERVENTIONS,
    K_ASSESSMENTS,
    K_OUTCOMES,
    K_GOALS,
    K_MEETINGS,
    K_ACTIONS,
    K_COUNT
} entity_kind;

typedef enum ctype {
    T_TEXT,   /* free text, trimmed */
    T_PERSON, /* personnummer or pseudonymous id: never echoed */
    T_DATE,   /* YYYY-MM-DD or YYYYMMDD */
    T_NUM,    /* decimal comma or point */
    T_CODE,   /* one code of a list */
    T_CODES   /* '|'-separated codes of a list */
} ctype;

typedef struct coldef {
    const char *name;       /* canonical header name */
    const char *aliases[4]; /* folded header aliases, NULL-ended */
    ctype type;
    int kb;            /* T_CODE(S): its code list (uf_kb_id),
                                       else -1 */
    const char *label; /* Swedish name used in messages */
} coldef;

#define MAX_COLS 24
#define MAX_ITEMS 64

typedef struct entity {
    const char *name;       /* persons, cases, ... */
    const char *label;      /* its Swedish name in messages: personer, ... */
    const char *aliases[3]; /* Swedish names (file names, --kind) */
    const coldef *cols;
    int ncols;
    /* Column indexes that the header must have; -1 ends the list.  A pair
     * of indexes joined by ALT means "one of the two". */
    int required[4];
} entity;

#define ALT(a, b) ((a)*100 + (b) + 1000)

/* Column indexes per entity, in the order of their coldef arrays. */
enum { P_PERSON, P_BIRTH, P_SEX, P_UNIT, P_N };
enum {
    C_CASE,
    C_PERSON,
    C_PROGRAMME,
    C_UNIT,
    C_TARGET,
    C_REFERRED,
    C_REFERRAL,
    C_CONSENT,
    C_PLAN,
    C_START,
    C_END,
    C_REASON,
    C_FORM,
    C_FOLLOWUP,
    C_ASSESSED,
    C_OFFER,
    C_OFFER_REASON,
    C_CONSENT_BY,
    C_CONSENT_ACTORS,
    C_DECLINED,
    C_WITHDRAWN,
    C_N
};
enum { I_CASE, I_PERSON, I_INSATS, I_PROVIDER, I_START, I_END, I_N };
enum { A_ID, A_PERSON, A_CASE, A_INSTRUMENT, A_DATE, A_SCORE, A_RISK, A_N };
enum { O_PERSON, O_DATE, O_MEASURE, O_VALUE, O_N };
enum { G_CASE, G_DOMAIN, G_SET, G_FOLLOWUP, G_STATUS, G_N };
enum { M_CASE, M_DATE, M_TYPE, M_PARTICIPANTS, M_N };
enum { X_CASE, X_ID, X_DOMAIN, X_ACTOR, X_PLANNED, X_DUE, X_DONE, X_STATUS, X_N };

extern const entity uf_entities[K_COUNT];

/* Index of the column of e whose name or alias is folded header h, or -1. */
int uf_entity_column(const entity *e, const char *h);

/* The entity named (folded) name, by name or alias, or -1. */
int uf_entity_by_name(const char *name);

/* The stored code for folded value v in column c, or NULL. */
const char *uf_code(const coldef *c, const char *v);

/* One parsed cell of the current row. */
typedef struct cell {       /* 32 bytes: cells cross between threads */
    const char *text;       /* trimmed text or stored code; NULL when empty */
    double num;             /* T_NUM */
    int day;                /* T_DATE */
    char date[UF_DATE_BUF]; /* T_DATE as ISO text */
} cell;

/*
 * The header of the file being read: which column each header position
 * is.  Written by the reader thread when it meets the header record, read
 * only after that (by both threads).
 */
typedef struct hdr {
    const entity *ent;
    const char *path;
    int colmap[256];               /* position -> column, -1 unknown, -2 item */
    const char *headers[256];      /* header text as in the file */
    const char *colname[MAX_COLS]; /* each column's header text, for messages */
    char *store;                   /* owns the header strings */
    int n;                         /* 0 until the header was read */
    bool have_col[MAX_COLS];
    int item_pos[MAX_ITEMS]; /* positions of item:<name> columns */
    int nitems;
    bool ok; /* the required columns are there */
} hdr;

/* What the reader thread makes of one record (the pipeline's scratch). */
enum { PREP_HEADER, PREP_BLANK, PREP_ROW };
typedef struct prep {
    unsigned char kind;
    bool bad; /* a cell had an error, reported */
    cell cells[MAX_COLS];
} prep;

/* The reader thread's state for one file. */
typedef struct prep_ctx {
    hdr *h;
    const struct uf_config *cfg; /* extra measure codes, may be NULL */
    uf_diag *d;                  /* the reader's own diagnostics */
    int today;
    unsigned long line;
    bool bad;
} prep_ctx;

/* Pipeline prep step (import_cells.c): map the header, or parse and check
 * the cells of a row into the prep scratch. */
int uf_imp_prep(void *ctx, unsigned long line, char **fields, size_t n, void *scratch);
/* Free what the header mapping allocated. */
void uf_hdr_release(hdr *h);

/* Prepared statements, one per queries/NAME.sql. */
typedef enum stmt_id {
    S_PERSON_FIND,
    S_PERSON_INSERT,
    S_PERSON_UPDATE,
    S_CASE_FIND,
    S_CASE_INSERT,
    S_CASE_UPDATE,
    S_INTERVENTION_FIND,
    S_INTERVENTION_INSERT,
    S_INTERVENTION_UPDATE,
    S_ASSESSMENT_FIND,
    S_ASSESSMENT_INSERT,
    S_ASSESSMENT_UPDATE,
    S_ITEM_UPSERT,
    S_GOAL_FIND,
    S_GOAL_INSERT,
    S_GOAL_UPDATE,
    S_GOAL_ENSURE,
    S_ACTION_FIND,
    S_ACTION_INSERT,
    S_ACTION_UPDATE,
    S_RUN_INSERT,
    S_RUN_FINISH,
    S_FILE_INSERT,
    S_SAVEPOINT,
    S_RELEASE,
    S_ROLLBACK_TO,
    S_PLAUS_BIRTH,
    S_PLAUS_CASE_PERIOD,
    S_PLAUS_PLACEMENTS,
    S_COUNT
} stmt_id;

/* Batched inserts (import_batch.c). */
#define BATCH_ROWS 64
#define BATCH_COLS 6

typedef struct bval {
    int type; /* SQLITE_INTEGER, _FLOAT, _TEXT or _NULL */
    sqlite3_int64 i;
    double d;
    const char *p; /* _TEXT: s, or a string of static storage */
    char s[160];
} bval;

typedef struct brow {
    unsigned long line;
    bval v[BATCH_COLS];
} brow;

typedef struct batch_spec {
    const char *insert; /* INSERT ... VALUES (?, ...) ON CONFLICT DO NOTHING */
    const char *find;   /* SELECT run_id by the first nkey values */
    const char *update; /* UPDATE of an existing row (?1..?ncols), or NULL */
    int ncols, nkey;
    const char *repeat; /* warning for a row repeated within one run */
} batch_spec;

typedef struct batch {
    const batch_spec *spec;
    sqlite3_stmt *many, *one, *find, *update;
    brow rows[BATCH_ROWS];
    int n;
} batch;

/* The longest text a cell may hold, in characters (README: Importformat);
 * ids are limited to 64. */
#define UF_CELL_MAX 200

/* The state of one import run. */
typedef struct imp {
    sqlite3 *db;
    const uf_key *key;
    uf_diag *d;
    const struct uf_config *cfg;
    int today;
    int event_latest; /* the latest date of the outcome, meeting and goal
                         follow-up rows stored; INT_MIN: none yet */
    sqlite3_int64 run_id;
    sqlite3_stmt *st[S_COUNT];
    bool db_failed;  /* a statement failed unexpectedly */
    uf_error db_err; /* then what it was (uf_db_error: busy, full, damaged) */

    /* the file being read */
    const char *path;
    const entity *ent;
    uf_import_file *fs;
    hdr h;                   /* its header, mapped by the reader thread */
    struct run_progress *rp; /* progress of the whole run */
    cell *cells;             /* the current row's parsed cells */
    unsigned long line;
    size_t nfields; /* fields in the current row */
    bool row_bad;

    /* batched entities */
    batch outcomes, meetings, followups;

    /* one-entry caches: files are usually sorted by person or case */
    char last_person[72];
    sqlite3_int64 last_person_id;
    char last_case[72];
    sqlite3_int64 last_case_id, last_case_person;
    sqlite3_int64 last_goal_case; /* the goal last made sure of */
    const char *last_goal_domain;
    int last_goal_set;
} imp;

/* Report an error / warning on the current row, in column col (or -1). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void uf_imp_error(imp *m, int col, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void uf_imp_warn(imp *m, int col, const char *fmt, ...);

/* Step st (bound by the caller) and reset it.  Returns the sqlite3_step
 * code; on an unexpected failure the run is marked failed. */
int uf_imp_step(imp *m, sqlite3_stmt *st);

/* Bind helpers: NULL when the cell is empty. */
void uf_bind_text(sqlite3_stmt *st, int i, const char *s);
void uf_bind_date(sqlite3_stmt *st, int i, const cell *c);
/* An id, NULL for 0 (no such row). */
void uf_bind_id(sqlite3_stmt *st, int i, sqlite3_int64 id);
void uf_bind_num(sqlite3_stmt *st, int i, const cell *c);

/* Resolve a person reference (column col) to a person id that must exist;
 * 0 after an error was reported. */
sqlite3_int64 uf_imp_person(imp *m, int col);
/* Note that the database failed (the first failure counts): its error,
 * and where the import was, in Swedish (the CLI says what to do). */
void uf_imp_db_failed(imp *m, const char *what);
/* Note the date of an outcome, meeting or goal follow-up row about to be
 * stored (the latest of them goes to data_state, uf_db_note_latest). */
static inline void uf_imp_note_event(imp *m, int day)
{
    if (day > m->event_latest)
        m->event_latest = day;
}
/* Resolve a case_id (column col) to a case id; *person gets its person.
 * 0 after an error was reported. */
sqlite3_int64 uf_imp_case(imp *m, int col, sqlite3_int64 *person);

/* The pseudonym for the person cell; false after an error was reported.
 * *birth gets the derived birth day or INT32_MIN. */
bool uf_imp_pseudonym(imp *m, int col, char out[72], int *birth);

/* Error unless cell col has a value; true when it has. */
bool uf_imp_need(imp *m, int col);
/* List cell col (T_CODES) as stored: its codes in code-list order,
 * '|'-separated, once each; false after an error naming the bad one. */
bool uf_imp_codes(imp *m, int col, char *out, size_t n);
/* Warn when a row's key (what) was already written in this run. */
void uf_imp_repeat(imp *m, sqlite3_int64 row_run, const char *what);
/* Case (or 0) and person of a row naming a case, a person or both;
 * false after an error. */
bool uf_imp_case_or_person(imp *m, int case_col, int person_col, sqlite3_int64 *case_id,
                           sqlite3_int64 *person);

/* Set a batch value. */
void uf_bv_int(bval *v, sqlite3_int64 i);
void uf_bv_num(bval *v, double d);
void uf_bv_text(bval *v, const char *s);
/* A text of static storage (a code of entity.c): not copied. */
void uf_bv_static(bval *v, const char *s);
/* The values of the next row of b (fill them, then uf_batch_add). */
bval *uf_batch_row(imp *m, batch *b);
/* Take the row filled since uf_batch_row; writes the batch when full. */
void uf_batch_add(imp *m, batch *b);
/* Write the rows still pending in b. */
void uf_batch_flush(imp *m, batch *b);
/* Finalize b's statements. */
void uf_batch_release(batch *b);
/* Set up the batches of a run (import_events.c). */
void uf_imp_batches_init(imp *m);

/* Row handlers, one per entity: the cells are parsed and valid. */
void uf_row_persons(imp *m);
void uf_row_cases(imp *m);
void uf_row_interventions(imp *m);
void uf_row_assessments(imp *m, char **fields);
void uf_row_outcomes(imp *m);
void uf_row_goals(imp *m);
void uf_row_meetings(imp *m);
void uf_row_actions(imp *m);

/* Count a write: ins (1 new), or changes (0 unchanged, 1 updated). */
void uf_imp_count(imp *m, bool inserted, int changed);

#endif
