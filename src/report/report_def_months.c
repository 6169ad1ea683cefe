/*
 * report_def_months.c - a month-by-month table of a report definition
 * (form = månader; verksamhet's "Månad för månad"): the table's query runs
 * once for the period and returns one row per case of the report with
 * its referral_date, start_date and end_date; each is counted into the
 * calendar months of the period (the first and last cut to it): referred,
 * ongoing at the start, started, ended (started cases), ongoing at the
 * end, and active (ongoing at the start + started).  A Totalt row of the
 * flows and a line chart follow.  It is a stock-and-flow table
 * (uf_table_balance) so that disclosure control knows that one month's
 * end is the next one's start; its totals are the flow table's figures
 * (the keys aktualiserade, startade, avslutade; the last month's end is
 * pagaende); and it is a table of detail (uf_table.detail).
 *
 * Workload: one pass over the period's cases, each counted into a few
 * dozen months at most.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_def_internal.h"
#include "uppfolj/parse.h"

/* The query's columns. */
enum { Q_REFERRAL, Q_START, Q_END, Q_N };
static const char *const qcols[Q_N] = { "referral_date", "start_date", "end_date" };

/* Table columns: 0 the month, then the counts. */
enum { T_MONTH, T_REFERRED, T_START, T_IN, T_ACTIVE, T_OUT, T_END, T_NCOLS };

typedef struct month_pass {
    const int *first; /* the months' first days, [n] = the period's end */
    int n;
    long (*v)[T_NCOLS]; /* per month */
    int col[Q_N];       /* query column of each of qcols, -1 = none */
    bool looked, bad;
} month_pass;

/* A date column of the row as a day number, or INT_MIN when NULL. */
static int day_of(sqlite3_stmt *st, int col, bool *bad)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    int day;
    if (!s)
        return INT_MIN;
    if (uf_date_parse(s, &day) != 0) {
        *bad = true;
        return INT_MIN;
    }
    return day;
}

/* Count one case into every month of the period. */
static void month_cb(void *ctx, sqlite3_stmt *st, const char *unit)
{
    (void)unit;
    month_pass *m = ctx;
    if (!m->looked) {
        m->looked = true;
        for (int k = 0; k < Q_N; k++) {
            m->col[k] = rdef_qcol(st, qcols[k]);
            m->bad |= m->col[k] < 0;
        }
    }
    if (m->bad)
        return;
    int ref = day_of(st, m->col[Q_REFERRAL], &m->bad), start = day_of(st, m->col[Q_START], &m->bad),
        end = day_of(st, m->col[Q_END], &m->bad);
    bool started = start != INT_MIN, open_end = end == INT_MIN;
    for (int i = 0; i < m->n; i++) {
        int a = m->first[i], b = m->first[i + 1];
        long *v = m->v[i];
        v[T_REFERRED] += ref != INT_MIN && ref >= a && ref < b;
        v[T_START] += started && start < a && (open_end || end >= a);
        v[T_IN] += started && start >= a && start < b;
        v[T_OUT] += started && !open_end && end >= a && end < b;
        v[T_END] += started && start < b && (open_end || end >= b);
    }
}

/* The months of [from, to) (day numbers): the first day of each, cut to
 * the period; count into *n.  Caller frees; NULL when memory ran out. */
static int *months_of(int from, int to, int *n)
{
    int y, m, d, cap = 16;
    int *v = malloc((size_t)cap * sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (int day = from; day < to;) {
        if (*n + 1 >= cap) {
            int *w = realloc(v, (size_t)(cap *= 2) * sizeof *v);
            if (!w) {
                free(v);
                return NULL;
            }
            v = w;
        }
        v[(*n)++] = day;
        uf_civil_from_days(day, &y, &m, &d);
        day = uf_add_months(uf_days_from_civil(y, m, 1), 1);
    }
    v[*n] = to;
    return v;
}

/* "mars 2025", or with the days when the period cuts the month:
 * "oktober 2025 (1–15)". */
static void month_label(int first, int next, char *out, size_t n)
{
    int y, m, d, y2, m2, d2;
    uf_civil_from_days(first, &y, &m, &d);
    uf_civil_from_days(next - 1, &y2, &m2, &d2);
    if (d == 1 && next == uf_add_months(first, 1))
        snprintf(out, n, "%s %d", uf_month_name(m), y);
    else
        snprintf(out, n, "%s %d (%d–%d)", uf_month_name(m), y, d, d2);
}

bool rep_def_months_wanted(int from, int to)
{
    int n;
    int *v = months_of(from, to, &n);
    free(v);
    return v && n > 1;
}

int rep_def_months(uf_report *r, uf_section *s, sqlite3 *db, const dtable *t, int from, int to,
                   const rep_def_opts *o)
{
    int n;
    int *first = months_of(from, to, &n);
    char id[112];
    snprintf(id, sizeof id, "%s_%s", o->name, t->id);
    uf_table *tb = first ? rdef_table(r, s, id, t->title, t->sheet, T_NCOLS) : NULL;
    if (!tb) {
        free(first);
        r->failed = true;
        return -1;
    }
    uf_table_col(r, tb, T_MONTH, "manad", "Månad", UF_C_TEXT, 0, false);
    uf_table_col(r, tb, T_REFERRED, "aktualiserade", "Aktualiserade", UF_C_COUNT, 0, true);
    uf_table_col(r, tb, T_START, "pagaende_borjan", "Pågående vid månadens början", UF_C_COUNT, 0,
                 false);
    uf_table_col(r, tb, T_IN, "startade", "Startade", UF_C_COUNT, 0, true);
    uf_table_col(r, tb, T_ACTIVE, "aktiva", "Aktiva under månaden", UF_C_COUNT, 0, false);
    uf_table_col(r, tb, T_OUT, "avslutade", "Avslutade", UF_C_COUNT, 0, true);
    uf_table_col(r, tb, T_END, "pagaende_slut", "Pågående vid månadens slut", UF_C_COUNT, 0, false);
    uf_table_balance(tb, T_START, T_IN, T_ACTIVE, T_OUT, T_END);
    tb->detail = true; /* an extern report may leave it out (cmd_report.c) */
    long total[T_NCOLS] = { 0 };
    month_pass m = { .first = first, .n = n, .v = calloc((size_t)n + 1, sizeof *m.v) };
    int rc = 0, *rows = malloc(((size_t)n + 1) * sizeof *rows);
    char f[UF_DATE_BUF], e[UF_DATE_BUF];
    uf_date_format(from, f);
    uf_date_format(to, e);
    if (!rows || !m.v)
        rc = -2;
    else if (rdef_run_query(db, "tabell", t->id, t->query, f, e, o, false, month_cb, &m) != 0)
        rc = -1;
    else if (m.bad) {
        snprintf(o->err, o->errlen,
                 "[tabell %s]: frågan %s ska ge en rad per ärende med referral_date, "
                 "start_date och end_date (ÅÅÅÅ-MM-DD eller NULL)",
                 t->id, t->query);
        rc = -1;
    }
    for (int i = 0; rc == 0 && i < n; i++) {
        char label[64];
        int tr = uf_table_row(r, tb, false);
        rows[i] = tr;
        month_label(first[i], first[i + 1], label, sizeof label);
        uf_cell_text(r, tb, tr, T_MONTH, label);
        m.v[i][T_ACTIVE] = m.v[i][T_START] + m.v[i][T_IN];
        for (int c = 1; c < T_NCOLS; c++) {
            uf_cell_count(tb, tr, c, m.v[i][c]);
            total[c] += m.v[i][c];
        }
        if (i == n - 1) /* those ongoing at the period's end: the flow table's */
            rdef_key_cell(r, tb, tr, T_END, "pagaende", NULL);
    }
    if (rc == 0) {
        int tr = uf_table_row(r, tb, true);
        uf_cell_text(r, tb, tr, T_MONTH, "Totalt");
        static const struct {
            int col;
            const char *key;
        } flows[] = { { T_REFERRED, "aktualiserade" },
                      { T_IN, "startade" },
                      { T_OUT, "avslutade" } };
        for (size_t k = 0; k < sizeof flows / sizeof *flows; k++) {
            uf_cell_count(tb, tr, flows[k].col, total[flows[k].col]);
            rdef_key_cell(r, tb, tr, flows[k].col, flows[k].key, NULL);
        }
        uf_table_note(r, tb,
                      "Aktiva under månaden = pågående vid månadens början + startade = "
                      "avslutade + pågående vid månadens slut. Totalt: periodens flöde.");
        char cid[128];
        snprintf(cid, sizeof cid, "%s_diagram", id);
        uf_chart *ch = uf_section_chart(r, s, cid, t->title, "line", "Antal ärenden", tb, T_MONTH);
        uf_chart_rows(r, ch, rows, n);
        /* the legend in the table's order */
        uf_chart_series(r, ch, "Aktualiserade", T_REFERRED);
        uf_chart_series(r, ch, "Startade", T_IN);
        uf_chart_series(r, ch, "Aktiva under månaden", T_ACTIVE);
        uf_chart_series(r, ch, "Avslutade", T_OUT);
    }
    free(rows);
    free(m.v);
    free(first);
    if (rc == -2 || uf_report_failed(r)) {
        r->failed = true;
        return -1;
    }
    return rc;
}
