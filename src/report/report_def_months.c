/*
 * report_def_months.c - a month-by-month table of a report definition
 * (form = månader; verksamhet's "Månad för månad"): the table's query is
 * run for each calendar month of the period (the first and last cut to the
 * period) and returns one row of sums over the report's cases: referred,
 * ongoing at the start, started, ended, ongoing at the end.  The table
 * adds the active cases (ongoing at the start + started), a Totalt row of
 * the flows, and a line chart.  It is a stock-and-flow table
 * (uf_table_balance) so that disclosure control knows that one month's
 * end is the next one's start; its totals are the flow table's figures
 * (the keys aktualiserade, startade, avslutade; the last month's end is
 * pagaende).
 *
 * Workload: one query per month, a few dozen months at most.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_def_internal.h"
#include "uppfolj/parse.h"

/* The query's columns, in the table's order of the counts. */
enum { M_REFERRED, M_START, M_IN, M_OUT, M_END, M_NQ };
static const char *const mq[M_NQ] = { "aktualiserade", "pagaende_borjan", "startade", "avslutade",
                                      "pagaende_slut" };

/* Table columns: 0 the month, then these. */
enum { T_MONTH, T_REFERRED, T_START, T_IN, T_ACTIVE, T_OUT, T_END, T_NCOLS };

typedef struct month_row {
    long v[M_NQ];
    bool got, bad;
} month_row;

static void month_cb(void *ctx, sqlite3_stmt *st, const char *unit)
{
    (void)unit;
    month_row *m = ctx;
    for (int k = 0; k < M_NQ; k++) {
        int col = -1;
        for (int i = 0; i < sqlite3_column_count(st); i++)
            if (strcmp(sqlite3_column_name(st, i), mq[k]) == 0)
                col = i;
        if (col < 0)
            m->bad = true;
        else
            m->v[k] += sqlite3_column_int64(st, col);
    }
    m->got = true;
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
        day = m == 12 ? uf_days_from_civil(y + 1, 1, 1) : uf_days_from_civil(y, m + 1, 1);
    }
    v[*n] = to;
    return v;
}

/* "mars 2025", or with the days when the period cuts the month:
 * "oktober 2025 (1–15)". */
static void month_label(int first, int next, char *out, size_t n)
{
    static const char *const names[] = { "januari",   "februari", "mars",     "april",
                                         "maj",       "juni",     "juli",     "augusti",
                                         "september", "oktober",  "november", "december" };
    int y, m, d, y2, m2, d2;
    uf_civil_from_days(first, &y, &m, &d);
    uf_civil_from_days(next - 1, &y2, &m2, &d2);
    int end_of_month = m == 12 ? uf_days_from_civil(y + 1, 1, 1) : uf_days_from_civil(y, m + 1, 1);
    if (d == 1 && next == end_of_month)
        snprintf(out, n, "%s %d", names[m - 1], y);
    else
        snprintf(out, n, "%s %d (%d–%d)", names[m - 1], y, d, d2);
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
    uf_table *tb = first ? uf_section_table(r, s, id, t->title, T_NCOLS) : NULL;
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
    long total[T_NCOLS] = { 0 };
    int rc = 0, *rows = malloc(((size_t)n + 1) * sizeof *rows);
    if (!rows)
        rc = -2;
    for (int i = 0; rc == 0 && i < n; i++) {
        char f[UF_DATE_BUF], e[UF_DATE_BUF], label[64];
        uf_date_format(first[i], f);
        uf_date_format(first[i + 1], e);
        month_row m = { { 0 }, false, false };
        if (rdef_run_query(db, "tabell", t->id, t->query, f, e, o, false, month_cb, &m) != 0)
            rc = -1;
        else if (!m.got || m.bad) {
            snprintf(o->err, o->errlen,
                     "[tabell %s]: frågan %s ska ge en rad med kolumnerna aktualiserade, "
                     "pagaende_borjan, startade, avslutade och pagaende_slut",
                     t->id, t->query);
            rc = -1;
        }
        if (rc != 0)
            break;
        int tr = uf_table_row(r, tb, false);
        rows[i] = tr;
        month_label(first[i], first[i + 1], label, sizeof label);
        uf_cell_text(r, tb, tr, T_MONTH, label);
        const long v[T_NCOLS] = { 0,         m.v[M_REFERRED],          m.v[M_START],
                                  m.v[M_IN], m.v[M_START] + m.v[M_IN], m.v[M_OUT],
                                  m.v[M_END] };
        for (int c = 1; c < T_NCOLS; c++) {
            uf_cell_count(tb, tr, c, v[c]);
            total[c] += v[c];
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
        uf_chart_series(r, ch, "Aktiva under månaden", T_ACTIVE);
        uf_chart_series(r, ch, "Startade", T_IN);
        uf_chart_series(r, ch, "Avslutade", T_OUT);
        uf_chart_series(r, ch, "Aktualiserade", T_REFERRED);
    }
    free(rows);
    free(first);
    if (rc == -2 || uf_report_failed(r)) {
        r->failed = true;
        return -1;
    }
    return rc;
}
