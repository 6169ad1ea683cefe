/*
 * report_arsrapport_flow.c - the flows of the årsrapport per calendar year
 * (report_arsrapport.h): youths active, new consents, starts and ends by
 * reason, girls' share, age at start and time in the programme, and the
 * goals followed up in a year.  One pass over the cases
 * (queries/arsr_cases.sql, in person order so that a person counts once
 * per year) and one grouped query over the goal follow-ups
 * (queries/arsr_goals.sql): linear in the data, some hundred thousand
 * rows at national scale.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_arsrapport.h"
#include "uppfolj/db.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"
#include "uppfolj/stats.h"

/* A date column as a day number, or INT_MIN when NULL or not a date. */
static int col_day(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    int d;
    return s && uf_date_parse(s, &d) == 0 ? d : ARS_NONE;
}

static int reason_index(const char *code)
{
    int i = uf_kb_index(UF_KB_END_REASON, code);
    return i >= 0 ? i : ARS_NREASONS; /* missing or another code */
}

/* One case row into the years of f. */
static void add_case(uf_report *r, ars_flows *f, sqlite3_stmt *st)
{
    sqlite3_int64 person = sqlite3_column_int64(st, 0);
    const char *sex = (const char *)sqlite3_column_text(st, 1);
    int birth = col_day(st, 2), consent = col_day(st, 3), start = col_day(st, 4);
    int end = col_day(st, 5);
    if (end != ARS_NONE && end > f->as_of)
        end = ARS_NONE; /* ended after as-of: ongoing then */
    for (int i = 0; i < f->n; i++) {
        ars_year *y = &f->y[i];
        if (consent != ARS_NONE && consent >= y->from && consent < y->to && y->last_new != person) {
            y->fresh++;
            y->last_new = person;
        }
        bool active = start != ARS_NONE && start < y->to && (end == ARS_NONE || end >= y->from);
        if (active && y->last_active != person) {
            y->active++;
            y->girls += sex && strcmp(sex, "F") == 0;
            y->last_active = person;
        }
        if (start != ARS_NONE && start >= y->from && start < y->to) {
            y->started++;
            if (birth != ARS_NONE)
                rep_vec_push(r, &y->ages, uf_age_at(birth, start));
        }
        /* ended: a started case that ended in the year, as verksamhet
         * counts it (a case closed before it started is on the path,
         * "vägen till insatsen", not among the ended) */
        if (start != ARS_NONE && end != ARS_NONE && end >= y->from && end < y->to) {
            y->ended++;
            y->by_reason[reason_index((const char *)sqlite3_column_text(st, 6))]++;
            rep_vec_push(r, &y->days, end - start);
        }
    }
}

/* The median of v, NAN when empty. */
static double median(const rep_vec *v)
{
    double m;
    return v->n && uf_stat_median(v->v, v->n, &m) == UF_OK ? m : NAN;
}

int ars_flows_load(uf_report *r, sqlite3 *db, ars_flows *f, int first_year, int n, int as_of)
{
    memset(f, 0, sizeof *f);
    f->n = n;
    f->first_year = first_year;
    f->as_of = as_of;
    for (int i = 0; i < n; i++) {
        ars_year *y = &f->y[i];
        y->year = first_year + i;
        y->from = uf_days_from_civil(y->year, 1, 1);
        y->to = uf_days_from_civil(y->year + 1, 1, 1);
        if (y->to > as_of + 1)
            y->to = as_of + 1;
        y->last_new = y->last_active = -1;
        rep_vec_init(&y->ages);
        rep_vec_init(&y->days);
    }
    sqlite3_stmt *st = uf_db_prepare(db, "arsr_cases");
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add_case(r, f, st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    for (int i = 0; i < n; i++) {
        f->y[i].median_age = median(&f->y[i].ages);
        f->y[i].median_days = median(&f->y[i].days);
    }
    return 0;
}

void ars_flows_release(ars_flows *f)
{
    for (int i = 0; i < f->n; i++) {
        rep_vec_free(&f->y[i].ages);
        rep_vec_free(&f->y[i].days);
    }
}

/* The goal being read: its key and latest status per interval. */
typedef struct goal_cursor {
    sqlite3_int64 case_id;
    char domain[32], set[UF_DATE_BUF];
    int domain_ix, status[2];
} goal_cursor;

static void flush_goal(goal_cursor *g, long m[2][UF_NDOMAINS][ARS_NSTATUS])
{
    for (int j = 0; j < 2; j++)
        if (g->domain_ix >= 0 && g->status[j] >= 0)
            m[j][g->domain_ix][g->status[j]]++;
    g->status[0] = g->status[1] = -1;
}

int ars_goals_load(sqlite3 *db, const int from[2], const int to[2],
                   long m[2][UF_NDOMAINS][ARS_NSTATUS])
{
    char f[2][UF_DATE_BUF], t[2][UF_DATE_BUF];
    memset(m, 0, sizeof(long) * 2 * UF_NDOMAINS * ARS_NSTATUS);
    for (int j = 0; j < 2; j++) {
        uf_date_format(from[j], f[j]);
        uf_date_format(to[j], t[j]);
    }
    int lo = strcmp(f[0], f[1]) < 0 ? 0 : 1, hi = strcmp(t[0], t[1]) > 0 ? 0 : 1;
    sqlite3_stmt *st = uf_db_prepare(db, "arsr_goals");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, f[lo], -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, t[hi], -1, SQLITE_TRANSIENT);
    goal_cursor g = { .case_id = -1, .domain_ix = -1, .status = { -1, -1 } };
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        const char *dom = (const char *)sqlite3_column_text(st, 1);
        const char *set = (const char *)sqlite3_column_text(st, 2);
        const char *day = (const char *)sqlite3_column_text(st, 3);
        if (!dom || !set || !day)
            continue;
        if (id != g.case_id || strcmp(dom, g.domain) != 0 || strcmp(set, g.set) != 0) {
            flush_goal(&g, m);
            g.case_id = id;
            snprintf(g.domain, sizeof g.domain, "%s", dom);
            snprintf(g.set, sizeof g.set, "%s", set);
            g.domain_ix = uf_kb_index(UF_KB_DOMAIN, dom);
            if (g.domain_ix >= UF_NDOMAINS)
                g.domain_ix = -1;
        }
        int s = uf_kb_index(UF_KB_GOAL_STATUS, (const char *)sqlite3_column_text(st, 4));
        for (int j = 0; j < 2 && s >= 0 && s < ARS_NSTATUS; j++)
            if (strcmp(day, f[j]) >= 0 && strcmp(day, t[j]) < 0)
                g.status[j] = s;
    }
    flush_goal(&g, m);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
