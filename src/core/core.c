/*
 * core.c - load the cohort: phases and measures per case (see core.h).
 *
 * The cases are read once (queries/core_cases.sql) and their windows
 * computed in C from day numbers (uf_add_months: one month arithmetic).
 * Then each measure table is streamed once, whole and unsorted, in the
 * order of its key: outcomes, assessments and interventions in person
 * order, each row handed to the cases of its person; goal follow-ups in
 * case order.  Rows come in date order within a person, so "the latest
 * value in a window" is the last one seen.  Outcomes, the largest table,
 * are read on the calling thread's connection while a second thread reads
 * the others on a read-only connection of its own (uf_db_open_reader),
 * in the same read transaction's data; the streams write disjoint fields
 * of a case.
 */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/core.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"

/* Is insats code i locked care, whose days are not time at risk (SPEC §6):
 * the settings' list, without settings sis (uf_config_locked_care)? */
static bool locked_care(const uf_caseset *c, int i)
{
    return i >= 0 && (uf_config_locked_care(c->params.cfg) >> i & 1u);
}

const char *uf_core_insats_name(int i)
{
    return i >= 0 && i < uf_kb(UF_KB_INSATS)->n ? uf_kb_code(UF_KB_INSATS, i) : NULL;
}

const char *uf_core_instrument_name(int i)
{
    return i >= 0 && i < UF_NINSTRUMENTS ? uf_kb_code(UF_KB_INSTRUMENT, i) : NULL;
}

const char *uf_core_domain_name(int i)
{
    return i >= 0 && i < UF_NDOMAINS ? uf_kb_code(UF_KB_DOMAIN, i) : NULL;
}

int uf_core_equal_months(const uf_core_params *p)
{
    return p->months_before < p->months_after ? p->months_before : p->months_after;
}

int uf_age_at(int birth, int day)
{
    int by, bm, bd, y, m, d;
    uf_civil_from_days(birth, &by, &bm, &bd);
    uf_civil_from_days(day, &y, &m, &d);
    return y - by - (m < bm || (m == bm && d < bd));
}

/* Day number of an ISO date column; INT_MIN when NULL or not a date. */
static int col_day(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    int day;
    return s && uf_date_parse(s, &day) == 0 ? day : INT_MIN;
}

const char *uf_caseset_string(const uf_caseset *c, int i)
{
    return i >= 0 && i < c->nstrings ? c->strings[i] : "";
}

/* The id of string s in the cohort (added if new); -1 for NULL, -2 when
 * memory ran out. */
static int intern(uf_caseset *c, const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < c->nstrings; i++)
        if (strcmp(c->strings[i], s) == 0)
            return i;
    if (c->nstrings == c->scap) {
        int cap = c->scap ? c->scap * 2 : 32;
        char **p = realloc(c->strings, (size_t)cap * sizeof *p);
        if (!p)
            return -2;
        c->strings = p;
        c->scap = cap;
    }
    if (!(c->strings[c->nstrings] = strdup(s)))
        return -2;
    return c->nstrings++;
}

int uf_core_event(const uf_caseset *c, const char *code)
{
    for (int i = 0; i < c->nevents; i++)
        if (strcmp(c->event_codes[i], code) == 0)
            return i;
    return -1;
}

int uf_core_state(const uf_caseset *c, const char *code)
{
    for (int i = 0; i < c->nstates; i++)
        if (strcmp(c->state_codes[i], code) == 0)
            return i;
    return -1;
}

/* The measure codes: built in first, then configured ones. */
static void measure_codes(uf_caseset *c, const uf_config *cfg)
{
    static const char *const events[] = { "misstanke_brott", "vald", "lagforing", "anmalan_oro" };
    static const char *const states[] = { "uppforandestorning", "skolfranvaro_pct",
                                          "sysselsattning", "drogfri", "boende_stabilt" };
    for (size_t i = 0; i < sizeof events / sizeof *events; i++)
        c->event_codes[c->nevents++] = events[i];
    for (size_t i = 0; i < sizeof states / sizeof *states; i++)
        c->state_codes[c->nstates++] = states[i];
    for (int i = 0; cfg && i < cfg->nmeasures; i++) {
        if (cfg->measures[i].kind == UF_MEASURE_EVENT && c->nevents < UF_MAX_EVENTS)
            c->event_codes[c->nevents++] = cfg->measures[i].code;
        else if (cfg->measures[i].kind != UF_MEASURE_EVENT && c->nstates < UF_MAX_STATES)
            c->state_codes[c->nstates++] = cfg->measures[i].code;
    }
}

long uf_caseset_find(const uf_caseset *c, sqlite3_int64 id)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->cases[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n && c->cases[lo].id == id ? (long)lo : -1;
}

/* The case with id; NULL if none. */
static uf_case *case_by_id(uf_caseset *c, sqlite3_int64 id)
{
    long i = uf_caseset_find(c, id);
    return i >= 0 ? &c->cases[i] : NULL;
}

/* Fill one case from a core_cases.sql row, its windows computed from
 * its dates (SPEC §5):
 *   before = [start - months_before, start)
 *   during = [start, end), or [start, as-of] while ongoing
 *   after  = [end, end + months_after), or [start, start + months_after)
 *            with the follow-up anchored at the start
 * An end after as-of counts as ongoing.  follow_to = end + months_after
 * bounds an assessment follow-up after the end.  The follow-up stops at
 * as-of, or earlier on the day the consent was withdrawn: a window not
 * over by then is incomplete and its time counts up to then.  false when
 * memory ran out. */
static bool read_case(uf_caseset *c, sqlite3_stmt *st, uf_case *k)
{
    memset(k, 0, sizeof *k);
    k->id = sqlite3_column_int64(st, 0);
    k->person = sqlite3_column_int64(st, 1);
    const char *sex = (const char *)sqlite3_column_text(st, 2);
    k->sex = sex ? sex[0] : 0;
    k->start = col_day(st, 9);
    int birth = col_day(st, 3);
    k->age = birth == INT_MIN ? -1 : uf_age_at(birth, k->start);
    int end = col_day(st, 10);
    k->end = end != INT_MIN && end <= c->as_of ? end : INT_MIN;
    k->unit = intern(c, (const char *)sqlite3_column_text(st, 4));
    k->programme = intern(c, (const char *)sqlite3_column_text(st, 5));
    k->target_group = intern(c, (const char *)sqlite3_column_text(st, 6));
    k->end_reason = k->end != INT_MIN ? intern(c, (const char *)sqlite3_column_text(st, 7)) : -1;
    k->consent = sqlite3_column_int(st, 8) != 0;
    int withdrawn = col_day(st, 11);
    k->withdrawn = withdrawn != INT_MIN && withdrawn <= c->as_of;
    k->stop = k->withdrawn ? withdrawn : c->as_of + 1;
    k->referred = col_day(st, 12);
    k->consented = col_day(st, 13);
    int after = c->params.anchor == UF_ANCHOR_START ? k->start : k->end;
    k->from[UF_BEFORE] = uf_add_months(k->start, -c->params.months_before);
    k->to[UF_BEFORE] = k->start;
    k->from[UF_DURING] = k->start;
    k->to[UF_DURING] = k->end != INT_MIN ? k->end : c->as_of + 1;
    k->from[UF_AFTER] = after;
    k->to[UF_AFTER] = after != INT_MIN ? uf_add_months(after, c->params.months_after) : INT_MIN;
    k->follow_to = k->end != INT_MIN ? uf_add_months(k->end, c->params.months_after) : INT_MIN;
    int eq = uf_core_equal_months(&c->params);
    memcpy(k->eq_from, k->from, sizeof k->from);
    memcpy(k->eq_to, k->to, sizeof k->to);
    k->eq_from[UF_BEFORE] = uf_add_months(k->start, -eq);
    k->eq_to[UF_AFTER] = after != INT_MIN ? uf_add_months(after, eq) : INT_MIN;
    k->complete[UF_BEFORE] = k->to[UF_BEFORE] <= k->stop;
    k->complete[UF_DURING] = k->end != INT_MIN && k->end <= k->stop;
    k->complete[UF_AFTER] = k->from[UF_AFTER] != INT_MIN && k->to[UF_AFTER] <= k->stop;
    for (int ph = 0; ph < UF_NPHASES; ph++) {
        int to = k->to[ph] > k->stop ? k->stop : k->to[ph];
        int days = k->from[ph] == INT_MIN || to <= k->from[ph] ? 0 : to - k->from[ph];
        k->years[ph] = days / 365.25;
        /* days for now: add_intervention takes the days in locked care
         * away, whole days, and years_at_risk() makes them years, so that
         * the order of the placements cannot change a bit of the result */
        k->risk_years[ph] = days;
    }
    for (int s = 0; s < UF_MAX_STATES; s++) {
        k->state_base[s] = NAN;
        for (int ph = 0; ph < UF_NPHASES; ph++)
            k->state_end[s][ph] = NAN;
    }
    for (int i = 0; i < UF_NINSTRUMENTS; i++) {
        k->assess[i].base = k->assess[i].follow = NAN;
        k->assess[i].base_day = k->assess[i].follow_day = INT_MIN;
    }
    return k->unit > -2 && k->programme > -2 && k->target_group > -2 && k->end_reason > -2;
}

/* The actor codes of a meeting's participants ('|'-separated, kodbok
 * aktor) as bits. */
static unsigned actor_bits(const char *list)
{
    unsigned bits = 0;
    char code[32];
    while (list && *list) {
        size_t n = strcspn(list, "|");
        if (n < sizeof code) {
            memcpy(code, list, n);
            code[n] = '\0';
            int i = uf_kb_index(UF_KB_ACTOR, code);
            if (i >= 0 && i < 32)
                bits |= 1u << i;
        }
        list += n + (list[n] == '|');
    }
    return bits;
}

/* Is day in window ph of case k? */
static bool in(const uf_case *k, int ph, int day)
{
    return k->from[ph] != INT_MIN && day >= k->from[ph] && day < k->to[ph];
}

/* One outcome row of case k. */
static void add_outcome(const uf_caseset *c, uf_case *k, const char *measure, int day, double v)
{
    int e = uf_core_event(c, measure);
    if (e >= 0) {
        for (int ph = 0; ph < UF_NPHASES; ph++) {
            if (in(k, ph, day))
                k->events[e][ph] += (float)v;
            if (k->eq_from[ph] != INT_MIN && day >= k->eq_from[ph] && day < k->eq_to[ph])
                k->events_eq[e][ph] += (float)v;
        }
        return;
    }
    int s = uf_core_state(c, measure);
    if (s < 0)
        return;
    if (day >= k->start - UF_STATE_BASE_BEFORE && day <= k->start + UF_STATE_BASE_AFTER)
        k->state_base[s] = v;
    for (int ph = 0; ph < UF_NPHASES; ph++)
        if (in(k, ph, day))
            k->state_end[s][ph] = v;
}

/* One assessment row (in date order) of case k: baseline is the latest in
 * [start - UF_ASSESS_BASE_BEFORE, start + UF_ASSESS_BASE_AFTER] days;
 * follow-up the latest after that during the case, else the first in the
 * after window of an ended case. */
static void add_assessment(uf_case *k, sqlite3_stmt *st)
{
    int i = uf_kb_index(UF_KB_INSTRUMENT, (const char *)sqlite3_column_text(st, 1));
    int day = col_day(st, 2);
    if (i < 0 || day == INT_MIN || day >= k->stop || sqlite3_column_type(st, 3) == SQLITE_NULL)
        return;
    double score = sqlite3_column_double(st, 3);
    int risk = uf_kb_index(UF_KB_RISK, (const char *)sqlite3_column_text(st, 4)) + 1;
    uf_assess *a = &k->assess[i];
    if (day >= k->start - UF_ASSESS_BASE_BEFORE && day <= k->start + UF_ASSESS_BASE_AFTER) {
        a->base = score;
        a->base_day = day;
        a->base_risk = (signed char)risk;
    } else if (day > k->start + UF_ASSESS_BASE_AFTER && day < k->to[UF_DURING]) {
        a->follow = score;
        a->follow_day = day;
        a->follow_risk = (signed char)risk;
    } else if (a->follow_day == INT_MIN && k->end != INT_MIN && day >= k->end &&
               day < k->follow_to) {
        a->follow = score; /* the first after the end */
        a->follow_day = day;
        a->follow_risk = (signed char)risk;
    }
}

/* The union of a case's placements, swept in start order: per window,
 * the day up to which days are already counted (placements and locked
 * care apart).  One per case: a person's rows go to each of the person's
 * cases in turn, so the sweeps of two cases interleave. */
typedef struct place_state {
    const uf_case *k;
    int placed_to[UF_NPHASES], locked_to[UF_NPHASES];
    int (*insats_to)[UF_NPHASES]; /* with_insats_days: per insats code */
} place_state;

/* Add the days of [s, end) in window ph not yet counted up to *upto;
 * intervals come in order of s, so what is left is one interval.  The
 * number of new days. */
static int sweep(const uf_case *k, int ph, int s, int end, int *upto)
{
    int lo = s > k->from[ph] ? s : k->from[ph];
    int hi = end < k->to[ph] ? end : k->to[ph];
    if (lo < *upto)
        lo = *upto;
    if (hi <= lo)
        return 0;
    *upto = hi;
    return hi - lo;
}

/* One intervention row of case k (rows in start order within a case):
 * days placed per window (every placement of the person, overlapping
 * placements once), days of locked care taken out of the time at risk,
 * and the insatser of the case's own interventions that overlap the
 * during phase. */
static void add_intervention(const uf_caseset *c, uf_case *k, place_state *ps, sqlite3_stmt *st)
{
    const char *insats = (const char *)sqlite3_column_text(st, 1);
    int s = col_day(st, 2), e = col_day(st, 3);
    /* the end day counts; an open end, or one after as-of, stops at as-of */
    int end = e == INT_MIN || e > c->as_of ? c->as_of + 1 : e + 1;
    if (s == INT_MIN)
        return;
    int i = uf_kb_index(UF_KB_INSATS, insats);
    /* its own: it belongs to the case, or has no case and overlaps the
     * case's active interval [start, end] (ongoing: up to as-of) */
    int active_to = k->end != INT_MIN ? k->end : c->as_of;
    bool own = sqlite3_column_type(st, 4) == SQLITE_NULL
                   ? s <= active_to && (e == INT_MIN || e >= k->start)
                   : sqlite3_column_int64(st, 4) == k->id;
    if (own && s < k->to[UF_DURING] && end > k->from[UF_DURING]) {
        int pv = uf_kb_index(UF_KB_PROVIDER, (const char *)sqlite3_column_text(st, 5));
        if (i >= 0)
            k->insatser |= 1u << i;
        if (i >= 0 && pv >= 0 && pv < 32)
            k->providers |= 1u << pv;
    }
    if (ps->k != k) {
        ps->k = k;
        for (int ph = 0; ph < UF_NPHASES; ph++) {
            ps->placed_to[ph] = ps->locked_to[ph] = INT_MIN;
            for (int j = 0; ps->insats_to && j < UF_KB_N_INSATS; j++)
                ps->insats_to[j][ph] = INT_MIN;
        }
    }
    if (c->insats_days && ps->insats_to && i >= 0 && i < UF_KB_N_INSATS) {
        float *days = c->insats_days[k - c->cases][i];
        for (int ph = 0; ph < UF_NPHASES; ph++)
            if (k->from[ph] != INT_MIN)
                days[ph] += (float)sweep(k, ph, s, end, &ps->insats_to[i][ph]);
    }
    if (!uf_kb_is_placement(insats))
        return;
    bool locked = locked_care(c, i);
    for (int ph = 0; ph < UF_NPHASES; ph++) {
        if (k->from[ph] == INT_MIN)
            continue;
        k->placed[ph] += sweep(k, ph, s, end, &ps->placed_to[ph]);
        if (locked) /* out of the time at risk, which ends where follow-up stops */
            k->risk_years[ph] -= sweep(k, ph, s, end < k->stop ? end : k->stop, &ps->locked_to[ph]);
    }
}

/* One goal follow-up row; rows come in (domain, set date, follow-up date)
 * order, so a goal's last row is its latest status.  *last remembers the
 * goal of the previous row and its status, counted when the goal changes. */
typedef struct goal_state {
    uf_case *k;
    int domain, set, status;
} goal_state;

static void flush_goal(goal_state *g)
{
    if (g->k && g->domain >= 0 && g->status >= 0 && g->k->goals[g->domain][g->status] < 255)
        g->k->goals[g->domain][g->status]++;
    g->k = NULL;
}

static void add_goal(goal_state *g, uf_case *k, sqlite3_stmt *st)
{
    int domain = uf_kb_index(UF_KB_DOMAIN, (const char *)sqlite3_column_text(st, 1));
    int set = col_day(st, 2);
    int status = uf_kb_index(UF_KB_GOAL_STATUS, (const char *)sqlite3_column_text(st, 4));
    if (g->k != k || g->domain != domain || g->set != set)
        flush_goal(g);
    g->k = k;
    g->domain = domain;
    g->set = set;
    g->status = status;
}

/* The tables the core streams, and the key their rows come in order of. */
typedef enum {
    ROWS_OUTCOMES,
    ROWS_ASSESSMENTS,
    ROWS_INTERVENTIONS,
    ROWS_GOALS,
    ROWS_MEETINGS
} rows_kind;

static const char *const row_queries[] = {
    [ROWS_OUTCOMES] = "core_outcome_rows",           [ROWS_ASSESSMENTS] = "core_assessment_rows",
    [ROWS_INTERVENTIONS] = "core_intervention_rows", [ROWS_GOALS] = "core_goal_rows",
    [ROWS_MEETINGS] = "core_meeting_rows",
};

/* The cases of the set in person order: the person's id and the index of
 * the case in c->cases, sorted by person, then case. */
typedef struct person_case {
    sqlite3_int64 person;
    size_t i;
} person_case;

static int cmp_person_case(const void *a, const void *b)
{
    const person_case *x = a, *y = b;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Hand one row of a person-ordered table to case k. */
static void add_row(uf_caseset *c, uf_case *k, rows_kind kind, place_state *ps, sqlite3_stmt *st)
{
    switch (kind) {
    case ROWS_OUTCOMES: {
        int day = col_day(st, 2);
        if (day != INT_MIN && day < k->stop)
            add_outcome(c, k, (const char *)sqlite3_column_text(st, 1), day,
                        sqlite3_column_double(st, 3));
        break;
    }
    case ROWS_ASSESSMENTS: add_assessment(k, st); break;
    case ROWS_INTERVENTIONS: add_intervention(c, k, ps, st); break;
    case ROWS_GOALS:
    case ROWS_MEETINGS: break;
    }
}

/* Stream table kind on connection db (its query bound to as-of) and hand
 * each row to the cases it belongs to: by person through pc (n entries in
 * person order), or by case id for goals.  UF_ERR_DB on failure. */
static uf_error stream(sqlite3 *db, uf_caseset *c, const person_case *pc, rows_kind kind)
{
    sqlite3_stmt *st = uf_db_prepare(db, row_queries[kind]);
    if (!st)
        return uf_db_error(db);
    char asof[UF_DATE_BUF];
    uf_date_format(c->as_of, asof);
    sqlite3_bind_text(st, 1, asof, -1, SQLITE_STATIC);
    uf_case *k = NULL;
    goal_state g = { .k = NULL, .domain = -1 };
    /* per case (pc[j].i), for the interventions' sweeps */
    place_state *ps = kind == ROWS_INTERVENTIONS ? calloc(c->n ? c->n : 1, sizeof *ps) : NULL;
    int(*upto)[UF_NPHASES] = NULL; /* the insats codes' sweeps, per case */
    if (ps && c->insats_days) {
        upto = calloc((c->n ? c->n : 1) * UF_KB_N_INSATS, sizeof *upto);
        for (size_t i = 0; upto && i < c->n; i++)
            ps[i].insats_to = upto + i * UF_KB_N_INSATS;
    }
    if (kind == ROWS_INTERVENTIONS && (!ps || (c->insats_days && !upto))) {
        free(ps);
        sqlite3_finalize(st);
        return UF_ERR_NOMEM;
    }
    size_t at = 0; /* the first entry of pc not before the row's person */
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (kind == ROWS_GOALS || kind == ROWS_MEETINGS) { /* by case */
            if (!k || k->id != id)
                k = case_by_id(c, id);
            if (!k || !k->consent)
                continue;
            if (kind == ROWS_GOALS && col_day(st, 3) < k->stop)
                add_goal(&g, k, st);
            int day = kind == ROWS_MEETINGS ? col_day(st, 1) : INT_MIN;
            if (kind == ROWS_MEETINGS && in(k, UF_DURING, day) && day < k->stop) {
                k->meetings++;
                k->meeting_actors |= actor_bits((const char *)sqlite3_column_text(st, 2));
            }
            continue;
        }
        while (at < c->n && pc[at].person < id)
            at++;
        for (size_t j = at; j < c->n && pc[j].person == id; j++) {
            k = &c->cases[pc[j].i];
            if (k->consent)
                add_row(c, k, kind, ps ? &ps[pc[j].i] : NULL, st);
        }
    }
    flush_goal(&g);
    free(ps);
    free(upto);
    sqlite3_finalize(st);
    /* the error as it is on this connection (it may be a thread's own):
     * damaged, busy, ... */
    return rc == SQLITE_DONE ? UF_OK : uf_db_error(db);
}

/* A load under way (uf_core_load_start): the case set being filled, the
 * cases in person order, and the threads streaming into it, each on a
 * read-only connection of its own: outcomes on one, the other tables on
 * the other. */
typedef struct stream_job {
    sqlite3 *db;
    struct uf_core_loading *l;
    bool outcomes; /* outcomes; else every other table */
    bool started;  /* a thread runs it */
    pthread_t t;
    uf_error rc;
} stream_job;

struct uf_core_loading {
    sqlite3 *db; /* the caller's connection */
    uf_caseset *c;
    person_case *pc;
    bool own_txn; /* the read transaction on db is the load's own */
    stream_job job[2];
};

static uf_error run_job(stream_job *j)
{
    uf_caseset *c = j->l->c;
    const person_case *pc = j->l->pc;
    if (j->outcomes)
        return stream(j->db, c, pc, ROWS_OUTCOMES);
    uf_error rc = stream(j->db, c, pc, ROWS_ASSESSMENTS);
    if (rc == UF_OK)
        rc = stream(j->db, c, pc, ROWS_INTERVENTIONS);
    if (rc == UF_OK && c->params.with_goals)
        rc = stream(j->db, c, pc, ROWS_GOALS);
    if (rc == UF_OK && c->params.with_meetings)
        rc = stream(j->db, c, pc, ROWS_MEETINGS);
    return rc;
}

static void *job_thread(void *arg)
{
    stream_job *j = arg;
    j->rc = run_job(j);
    return NULL;
}

/* Start the streams on threads of their own where a second connection
 * can be had; a job that cannot start is run by finish on the caller's
 * connection. */
static void start_jobs(uf_core_loading *l)
{
    for (int i = 0; i < 2; i++) {
        stream_job *j = &l->job[i];
        *j = (stream_job){ .l = l, .outcomes = i == 0, .rc = UF_OK };
        if (uf_db_open_reader(l->db, &j->db) != UF_OK)
            continue;
        if (pthread_create(&j->t, NULL, job_thread, j) == 0) {
            j->started = true;
        } else {
            uf_db_close(j->db);
            j->db = NULL;
        }
    }
}

/* Time at risk in years: (days in the window - days in locked care) /
 * 365.25, once every placement has been seen. */
static void years_at_risk(uf_caseset *c)
{
    for (size_t i = 0; i < c->n; i++)
        for (int ph = 0; ph < UF_NPHASES; ph++)
            c->cases[i].risk_years[ph] /= 365.25;
}

/* The as-of: given, or the latest date in the data. */
static uf_error find_as_of(sqlite3 *db, const uf_core_params *p, int *as_of)
{
    if (p->as_of) {
        *as_of = p->as_of;
        return UF_OK;
    }
    sqlite3_stmt *st = uf_db_prepare(db, "core_asof");
    if (!st)
        return UF_ERR_DB;
    uf_error rc = UF_ERR_INPUT;
    if (sqlite3_step(st) == SQLITE_ROW && (*as_of = col_day(st, 0)) != INT_MIN)
        rc = UF_OK;
    sqlite3_finalize(st);
    return rc;
}

/* The cases referred by as-of that had not started by then. */
static uf_error count_not_started(sqlite3 *db, uf_caseset *c, const char *asof)
{
    sqlite3_stmt *st = uf_db_prepare(db, "core_not_started");
    if (!st)
        return UF_ERR_DB;
    sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        c->not_started = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? UF_OK : UF_ERR_DB;
}

/* Read the cases started by as-of into c->cases, and *pc: the cases in
 * person order. */
static uf_error load_cases(sqlite3 *db, uf_caseset *c, person_case **pc)
{
    *pc = NULL;
    char asof[UF_DATE_BUF];
    uf_date_format(c->as_of, asof);
    if (count_not_started(db, c, asof) != UF_OK)
        return UF_ERR_DB;
    sqlite3_stmt *st = uf_db_prepare(db, "core_cases");
    if (!st)
        return UF_ERR_DB;
    sqlite3_bind_text(st, 1, asof, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    person_case *p = NULL;
    c->n = 0;
    int rc;
    uf_error err = UF_OK;
    while (err == UF_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n == cap) {
            cap = cap ? cap * 2 : 1024;
            uf_case *q = realloc(c->cases, cap * sizeof *q);
            person_case *r = q ? realloc(p, cap * sizeof *r) : NULL;
            if (q)
                c->cases = q;
            if (!r) {
                err = UF_ERR_NOMEM;
                break;
            }
            p = r;
        }
        p[c->n] = (person_case){ sqlite3_column_int64(st, 1), c->n };
        if (!read_case(c, st, &c->cases[c->n++]))
            err = UF_ERR_NOMEM;
    }
    if (err == UF_OK && rc != SQLITE_DONE)
        err = UF_ERR_DB;
    sqlite3_finalize(st);
    if (err != UF_OK) {
        free(p);
        return err;
    }
    if (c->n)
        qsort(p, c->n, sizeof *p, cmp_person_case);
    *pc = p;
    return UF_OK;
}

/* Free what l holds but the case set; the transaction is ended. */
static void loading_free(uf_core_loading *l)
{
    if (l->own_txn)
        uf_db_exec(l->db, "COMMIT");
    free(l->pc);
    free(l);
}

uf_error uf_core_load_start(sqlite3 *db, const uf_core_params *p, uf_core_loading **out)
{
    *out = NULL;
    uf_core_loading *l = calloc(1, sizeof *l);
    uf_caseset *c = l ? calloc(1, sizeof *c) : NULL;
    if (!c) {
        free(l);
        return UF_ERR_NOMEM;
    }
    l->db = db;
    l->c = c;
    c->params = *p;
    measure_codes(c, p->cfg);
    /* one read transaction, unless the caller has one: all that is read
     * until uf_core_load_finish, the streams' connections included, is
     * the same data */
    l->own_txn = sqlite3_get_autocommit(db) && uf_db_exec(db, "BEGIN") == UF_OK;
    uf_error rc = find_as_of(db, p, &c->as_of);
    if (rc == UF_OK) {
        c->params.as_of = c->as_of;
        rc = load_cases(db, c, &l->pc);
    }
    if (rc == UF_OK && p->with_insats_days &&
        !(c->insats_days = calloc(c->n ? c->n : 1, sizeof *c->insats_days)))
        rc = UF_ERR_NOMEM;
    if (rc != UF_OK) {
        uf_caseset_free(c);
        loading_free(l);
        return rc;
    }
    start_jobs(l);
    *out = l;
    return UF_OK;
}

int uf_core_load_as_of(const uf_core_loading *l)
{
    return l->c->as_of;
}

uf_error uf_core_load_finish(uf_core_loading *l, uf_caseset **out)
{
    *out = NULL;
    uf_error rc = UF_OK;
    for (int i = 0; i < 2; i++) {
        stream_job *j = &l->job[i];
        if (j->started) {
            pthread_join(j->t, NULL);
            uf_db_close(j->db);
        } else if (rc == UF_OK) {
            j->db = l->db;
            j->rc = run_job(j);
        }
        if (rc == UF_OK)
            rc = j->rc;
    }
    uf_caseset *c = l->c;
    loading_free(l);
    if (rc != UF_OK) {
        uf_caseset_free(c);
        return rc;
    }
    years_at_risk(c);
    *out = c;
    return UF_OK;
}

uf_error uf_core_load(sqlite3 *db, const uf_core_params *p, uf_caseset **out)
{
    uf_core_loading *l;
    *out = NULL;
    uf_error rc = uf_core_load_start(db, p, &l);
    return rc == UF_OK ? uf_core_load_finish(l, out) : rc;
}

void uf_caseset_free(uf_caseset *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nstrings; i++)
        free(c->strings[i]);
    free(c->strings);
    free(c->cases);
    free(c->insats_days);
    free(c);
}

uf_error uf_core_as_of(sqlite3 *db, const uf_core_params *p, int *as_of)
{
    return find_as_of(db, p, as_of);
}
