/*
 * report_arsrapport.c - the årsrapport till styrgruppen (SPEC §9.2).
 *
 * For a year Y: key figures beside Y-1 (youths active, new, started,
 * ended, end reasons, the share with fewer registered suspicions after
 * than before, goal attainment), trends over up to UF_ARS_MAX_YEARS years
 * with line charts, the before/after tables of report_utfall.c by sex,
 * age band and insats for the cases whose after phase began in Y, goal
 * attainment per life domain and a method page.  Flows and goals come
 * from report_arsrapport_flow.c, outcomes from the loaded cohort.  Table
 * ids are stable and begin with "arsrapport_".  Disclosure control is the
 * caller's (uf_suppress_report), as for every report.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_arsrapport.h"
#include "uppfolj/parse.h"
#include "uppfolj/query.h"

/* Did k's after phase begin in [from, to)? */
static bool after_began(const uf_case *k, int from, int to)
{
    return k->from[UF_AFTER] != ARS_NONE && k->from[UF_AFTER] >= from && k->from[UF_AFTER] < to;
}

/* The cases whose after phase began in [from, to), with follow-up
 * consent and complete windows: *n of them, *fewer with fewer registered
 * suspicions per year after than before. */
static void fewer_suspicions(const uf_caseset *c, int from, int to, long *n, long *fewer)
{
    int e = uf_core_event(c, "misstanke_brott");
    *n = *fewer = 0;
    for (size_t i = 0; e >= 0 && i < c->n; i++) {
        const uf_case *k = &c->cases[i];
        if (!k->consent || !after_began(k, from, to) || !rep_at_risk(k))
            continue;
        (*n)++;
        *fewer += k->events[e][UF_AFTER] / k->risk_years[UF_AFTER] <
                  k->events[e][UF_BEFORE] / k->risk_years[UF_BEFORE];
    }
}

/* A share row of the key figures: denominator, count and percentage of
 * year Y (column 1..3) and Y-1 (4..6). */
static void share_row(uf_report *r, uf_table *t, const char *label, const long n[2],
                      const long k[2])
{
    int tr = uf_table_row(r, t, false);
    if (tr < 0)
        return;
    uf_cell_text(r, t, tr, 0, label);
    for (int y = 0; y < 2; y++) {
        int o = 1 + 3 * y;
        uf_cell_count(t, tr, o, n[y]);
        uf_cell_count(t, tr, o + 1, k[y]);
        uf_cell_percent(t, tr, o + 2, n[y] ? 100.0 * (double)k[y] / (double)n[y] : NAN, n[y],
                        o + 1);
        rep_fix_missing(t, tr, o + 2, 1);
    }
}

/* Goals followed up (all statuses) and reached, over every domain. */
static void goal_totals(long m[UF_NDOMAINS][ARS_NSTATUS], long *all, long *reached)
{
    *all = *reached = 0;
    for (int d = 0; d < UF_NDOMAINS; d++)
        for (int s = 0; s < ARS_NSTATUS; s++) {
            *all += m[d][s];
            *reached += s == 0 ? m[d][s] : 0;
        }
}

/* Name year's figure what (flow or end reason) in cell (tr, col): the
 * key figures, the end reasons and the trend show the same counts. */
static void key_year(uf_report *r, uf_table *t, int tr, int col, int year, const char *what)
{
    char key[96];
    snprintf(key, sizeof key, "%d:%s", year, what);
    uf_cell_key(r, t, tr, col, key);
}

/* The key-figure tables: counts, shares, end reasons (with a chart). */
static void key_figures(uf_report *r, const uf_caseset *c, const ars_flows *f,
                        long goals[2][UF_NDOMAINS][ARS_NSTATUS])
{
    const ars_year *y[2] = { &f->y[f->n - 1], &f->y[f->n - 2] };
    char ly[16], lp[16];
    snprintf(ly, sizeof ly, "%d", y[0]->year);
    snprintf(lp, sizeof lp, "%d", y[1]->year);
    uf_section *s = uf_report_section(r, "Nyckeltal");
    uf_section_par(r, s,
                   "Årets siffror bredvid föregående års. Definitionerna står i metoddelen "
                   "sist i rapporten.");
    uf_table *t = uf_section_table(r, s, "arsrapport_nyckeltal", "Nyckeltal", 3);
    uf_table_col(r, t, 0, "measure", "Mått", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "year", ly, UF_C_COUNT, 0, false);
    uf_table_col(r, t, 2, "previous_year", lp, UF_C_COUNT, 0, false);
    static const char *const labels[] = { "Unga i programmet under året",
                                          "Nya (samtycke under året)", "Startade ärenden",
                                          "Avslutade ärenden" };
    static const char *const what[] = { "active", "new", "started", "ended" };
    for (int i = 0; i < 4; i++) {
        int tr = uf_table_row(r, t, false);
        uf_cell_text(r, t, tr, 0, labels[i]);
        for (int j = 0; j < 2; j++) {
            long v[] = { y[j]->active, y[j]->fresh, y[j]->started, y[j]->ended };
            uf_cell_count(t, tr, 1 + j, v[i]);
            key_year(r, t, tr, 1 + j, y[j]->year, what[i]);
        }
    }
    t = uf_section_table(r, s, "arsrapport_nyckeltal_andelar", "Nyckeltal: andelar", 7);
    static const struct {
        const char *id, *label;
        uf_ctype type;
        int dec;
    } sc[7] = {
        { "measure", "Mått", UF_C_TEXT, 0 },          { "n", "Underlag", UF_C_COUNT, 0 },
        { "count", "Antal", UF_C_COUNT, 0 },          { "pct", "Andel", UF_C_PERCENT, 1 },
        { "previous_n", "Underlag", UF_C_COUNT, 0 },  { "previous_count", "Antal", UF_C_COUNT, 0 },
        { "previous_pct", "Andel", UF_C_PERCENT, 1 },
    };
    for (int i = 0; i < 7; i++) {
        char label[64];
        snprintf(label, sizeof label, "%s%s%s", sc[i].label, i ? " " : "",
                 i == 0  ? ""
                 : i < 4 ? ly
                         : lp);
        uf_table_col(r, t, i, sc[i].id, label, sc[i].type, sc[i].dec, false);
    }
    long n[2], k[2];
    for (int j = 0; j < 2; j++)
        fewer_suspicions(c, y[j]->from, y[j]->to, &n[j], &k[j]);
    share_row(r, t, "Färre registrerade misstankar efter än före", n, k);
    for (int j = 0; j < 2; j++)
        goal_totals(goals[j], &n[j], &k[j]);
    share_row(r, t, "Mål uppnådda vid senaste uppföljningen", n, k);
    uf_table_note(r, t,
                  "Misstankar: ärenden vars efterperiod började under året och var "
                  "avslutad vid datumet för uttaget; underlag = de ärendena, antal = de med "
                  "färre misstankar per år efter än före. Mål: underlag = mål som följdes "
                  "upp under året, antal = de som var uppnådda vid den senaste uppföljningen "
                  "under året.");
    t = uf_section_table(r, s, "arsrapport_avslutsorsak", "Avslutade ärenden efter avslutsorsak",
                         3);
    rep_sheet(r, t, NULL, "Avslutsorsak");
    uf_table_col(r, t, 0, "end_reason", "Avslutsorsak", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "year", ly, UF_C_COUNT, 0, true);
    uf_table_col(r, t, 2, "previous_year", lp, UF_C_COUNT, 0, true);
    int rows[ARS_NREASONS + 1], nr = 0;
    for (int i = 0; i <= ARS_NREASONS; i++) {
        if (i == ARS_NREASONS && !y[0]->by_reason[i] && !y[1]->by_reason[i])
            continue;
        int tr = uf_table_row(r, t, false);
        uf_cell_text(r, t, tr, 0,
                     i < ARS_NREASONS
                         ? uf_kb_label(UF_KB_END_REASON, uf_kb_code(UF_KB_END_REASON, i))
                         : "Uppgift saknas");
        uf_cell_count(t, tr, 1, y[0]->by_reason[i]);
        uf_cell_count(t, tr, 2, y[1]->by_reason[i]);
        const char *code = i < ARS_NREASONS ? uf_kb_code(UF_KB_END_REASON, i) : "saknas";
        key_year(r, t, tr, 1, y[0]->year, code);
        key_year(r, t, tr, 2, y[1]->year, code);
        rows[nr++] = tr;
    }
    int tr = uf_table_row(r, t, true);
    uf_cell_text(r, t, tr, 0, "Totalt");
    uf_cell_count(t, tr, 1, y[0]->ended);
    uf_cell_count(t, tr, 2, y[1]->ended);
    key_year(r, t, tr, 1, y[0]->year, "ended");
    key_year(r, t, tr, 2, y[1]->year, "ended");
    uf_chart *ch =
        uf_section_chart(r, s, "arsrapport_avslutsorsak_diagram",
                         "Avslutade ärenden efter avslutsorsak", "bar", "Antal ärenden", t, 0);
    uf_chart_rows(r, ch, rows, nr);
    uf_chart_series(r, ch, ly, 1); /* the legend in the table's order */
    uf_chart_series(r, ch, lp, 2);
}

/* Trend table columns. */
enum {
    TR_YEAR,
    TR_NEW,
    TR_ACTIVE,
    TR_GIRLS,
    TR_GIRLS_PCT,
    TR_STARTED,
    TR_AGE,
    TR_ENDED,
    TR_REASON,
    TR_DAYS = TR_REASON + ARS_NREASONS + 1,
    TR_N
};

/* A line chart of columns cols of the trend table. */
static void trend_chart(uf_report *r, uf_section *s, const uf_table *t, const char *id,
                        const char *title, const char *y_label, const int *cols, int ncols)
{
    uf_chart *ch = uf_section_chart(r, s, id, title, "line", y_label, t, TR_YEAR);
    int rows[UF_ARS_MAX_YEARS];
    for (int i = 0; i < t->nrows && i < UF_ARS_MAX_YEARS; i++)
        rows[i] = i;
    uf_chart_rows(r, ch, rows, t->nrows < UF_ARS_MAX_YEARS ? t->nrows : UF_ARS_MAX_YEARS);
    for (int i = 0; i < ncols; i++)
        uf_chart_series(r, ch, t->cols[cols[i]].label, cols[i]);
}

/* The first of the last `years` years of f that the trends show: the
 * years before the data's first case are left out (a line of zeros from
 * a year without data reads as a rise). */
static int trend_first(const ars_flows *f, int years)
{
    int i = f->n - years;
    while (i < f->n - 1 && f->y[i].fresh == 0 && f->y[i].active == 0 && f->y[i].started == 0 &&
           f->y[i].ended == 0)
        i++;
    return i;
}

/* The trends over the last `years` years of f, with line charts. */
static void trends(uf_report *r, const ars_flows *f, int years)
{
    uf_section *s = uf_report_section(r, "Utveckling över tid");
    uf_table *t = uf_section_table(r, s, "arsrapport_trend", "Utveckling per år", TR_N);
    uf_table_col(r, t, TR_YEAR, "year", "År", UF_C_TEXT, 0, false);
    uf_table_col(r, t, TR_NEW, "new", "Nya", UF_C_COUNT, 0, false);
    uf_table_col(r, t, TR_ACTIVE, "active", "Unga i programmet", UF_C_COUNT, 0, false);
    uf_table_col(r, t, TR_GIRLS, "girls", uf_kb_group(UF_KB_SEX, "F"), UF_C_COUNT, 0, false);
    uf_table_col(r, t, TR_GIRLS_PCT, "girls_pct", "Andel flickor", UF_C_PERCENT, 1, false);
    uf_table_col(r, t, TR_STARTED, "started", "Startade", UF_C_COUNT, 0, false);
    uf_table_col(r, t, TR_AGE, "median_age", "Ålder vid start, median", UF_C_NUMBER, 1, false);
    uf_table_col(r, t, TR_ENDED, "ended", "Avslutade", UF_C_COUNT, 0, false);
    for (int i = 0; i <= ARS_NREASONS; i++) {
        char id[64], label[96];
        snprintf(id, sizeof id, "ended_%s",
                 i < ARS_NREASONS ? uf_kb_code(UF_KB_END_REASON, i) : "saknas");
        snprintf(label, sizeof label, "Avslutade: %s",
                 i < ARS_NREASONS ? uf_kb_label(UF_KB_END_REASON, uf_kb_code(UF_KB_END_REASON, i))
                                  : "uppgift saknas");
        uf_table_col(r, t, TR_REASON + i, id, label, UF_C_COUNT, 0, false);
        uf_table_part_of(t, TR_REASON + i, TR_ENDED);
    }
    uf_table_col(r, t, TR_DAYS, "median_days", "Dagar i programmet, median", UF_C_NUMBER, 0, false);
    int first = trend_first(f, years);
    if (first > f->n - years) {
        char note[160];
        snprintf(note, sizeof note, "Åren %d–%d visas inte: datat har inga ärenden då.",
                 f->y[f->n - years].year, f->y[first - 1].year);
        if (first - 1 == f->n - years)
            snprintf(note, sizeof note, "År %d visas inte: datat har inga ärenden då.",
                     f->y[first - 1].year);
        uf_table_note(r, t, note);
    }
    for (int i = first; i < f->n; i++) {
        const ars_year *y = &f->y[i];
        int tr = uf_table_row(r, t, false);
        if (tr < 0)
            return;
        char label[16];
        snprintf(label, sizeof label, "%d", y->year);
        uf_cell_text(r, t, tr, TR_YEAR, label);
        uf_cell_count(t, tr, TR_NEW, y->fresh);
        uf_cell_count(t, tr, TR_ACTIVE, y->active);
        key_year(r, t, tr, TR_NEW, y->year, "new");
        key_year(r, t, tr, TR_ACTIVE, y->year, "active");
        uf_cell_count(t, tr, TR_GIRLS, y->girls);
        uf_cell_percent(t, tr, TR_GIRLS_PCT,
                        y->active ? 100.0 * (double)y->girls / (double)y->active : NAN, y->active,
                        TR_GIRLS);
        uf_cell_count(t, tr, TR_STARTED, y->started);
        key_year(r, t, tr, TR_STARTED, y->year, "started");
        uf_cell_number(t, tr, TR_AGE, y->median_age, (long)y->ages.n);
        uf_cell_count(t, tr, TR_ENDED, y->ended);
        key_year(r, t, tr, TR_ENDED, y->year, "ended");
        for (int j = 0; j <= ARS_NREASONS; j++) {
            uf_cell_count(t, tr, TR_REASON + j, y->by_reason[j]);
            key_year(r, t, tr, TR_REASON + j, y->year,
                     j < ARS_NREASONS ? uf_kb_code(UF_KB_END_REASON, j) : "saknas");
        }
        uf_cell_number(t, tr, TR_DAYS, y->median_days, (long)y->days.n);
        rep_fix_missing(t, tr, 0, TR_N);
    }
    uf_table_note(r, t,
                  "Unga i programmet: personer med ett startat ärende som pågick någon dag "
                  "under året. Nya: personer med samtycke under året. Andel flickor: av unga "
                  "i programmet. Avslutade: ärenden som hade startat och avslutades under året. "
                  "Ålder vid start: ärenden som startade under året. Dagar i "
                  "programmet: från start till avslut, för ärenden som avslutades under året.");
    static const int flow[] = { TR_NEW, TR_ACTIVE, TR_STARTED, TR_ENDED };
    trend_chart(r, s, t, "arsrapport_trend_flode", "Nya, unga i programmet, startade och avslutade",
                "Antal", flow, 4);
    int reasons[ARS_NREASONS + 1];
    for (int i = 0; i <= ARS_NREASONS; i++)
        reasons[i] = TR_REASON + i;
    trend_chart(r, s, t, "arsrapport_trend_avslut", "Avslutade ärenden efter avslutsorsak",
                "Antal ärenden", reasons, ARS_NREASONS + 1);
    static const int girls[] = { TR_GIRLS_PCT };
    trend_chart(r, s, t, "arsrapport_trend_flickor", "Andel flickor", "Andel (%)", girls, 1);
    static const int age[] = { TR_AGE };
    trend_chart(r, s, t, "arsrapport_trend_alder", "Ålder vid start, median", "År", age, 1);
    static const int days[] = { TR_DAYS };
    trend_chart(r, s, t, "arsrapport_trend_tid", "Tid i programmet, median", "Dagar", days, 1);
}

/* The before/after sections by sex, age band and insats, for the cases of
 * the population whose after phase began in year y. */
static void outcomes(uf_report *r, uf_caseset *c, const ars_year *y, const uf_arsrapport_opts *o)
{
    /* the year's cases moved to the front of c, in order (the rest is no
     * longer needed, see uf_report_arsrapport): no copy of the case set */
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        if (after_began(&c->cases[i], y->from, y->to)) {
            if (n != i)
                c->cases[n] = c->cases[i];
            n++;
        }
    c->n = n;
    uf_section *s = uf_report_section(r, "Före och efter: urval");
    uf_section_par(r, s,
                   "Jämförelserna gäller ärenden vars efterperiod började under året och "
                   "som har hela före- och efterperioden vid datumet för uttaget.");
    rep_sheet(r,
              rep_selection(r, s, c, "arsrapport_urval",
                            "Ärenden vars efterperiod började under året", "Totalt"),
              NULL, "Urval före och efter");
    static const struct {
        uf_dim dim;
        const char *prefix, *title, *sheet;
    } by[] = {
        { UF_DIM_SEX, "arsrapport_kon", "Före och efter, per kön", "kön" },
        { UF_DIM_AGE, "arsrapport_alder", "Före och efter, per åldersgrupp", "ålder" },
        { UF_DIM_INSATS, "arsrapport_insats", "Före och efter, per insats", "insats" },
    };
    for (size_t i = 0; i < sizeof by / sizeof *by && !r->failed; i++) {
        uf_report_opts ro = { .by = { by[i].dim }, .nby = 1, .cfg = o->cfg };
        rep_groups g;
        if (rep_groups_init(r, &g, c, &ro) != 0)
            break;
        g.sheet_by = by[i].sheet;
        rep_outcomes(r, uf_report_section(r, by[i].title), &g, by[i].prefix, false,
                     by[i].dim != UF_DIM_SEX); /* every measure by sex */
        rep_groups_free(&g);
    }
    s = uf_report_section(r, "Risknivåer vid baslinje och uppföljning");
    rep_transitions(r, s, c, "arsrapport");
}

/* Goal attainment per life domain in the year, with a bar chart of the
 * status shares. */
static void goal_table(uf_report *r, long m[UF_NDOMAINS][ARS_NSTATUS])
{
    static const char *const ids[ARS_NSTATUS] = { "uppnatt", "delvis", "ej_uppnatt", "pagaende" };
    uf_section *s = uf_report_section(r, "Måluppfyllelse per livsområde");
    uf_table *t = uf_section_table(r, s, "arsrapport_mal",
                                   "Mål som följdes upp under året, efter status vid den "
                                   "senaste uppföljningen",
                                   2 + 2 * ARS_NSTATUS);
    rep_sheet(r, t, NULL, "Mål per livsområde");
    uf_table_col(r, t, 0, "domain", "Livsområde", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "goals", "Mål", UF_C_COUNT, 0, true);
    for (int i = 0; i < ARS_NSTATUS; i++) {
        char id[32], label[64];
        uf_table_col(r, t, 2 + i, ids[i],
                     uf_kb_label(UF_KB_GOAL_STATUS, uf_kb_code(UF_KB_GOAL_STATUS, i)), UF_C_COUNT,
                     0, true);
        uf_table_part_of(t, 2 + i, 1);
        snprintf(id, sizeof id, "%s_pct", ids[i]);
        snprintf(label, sizeof label, "%s, andel",
                 uf_kb_label(UF_KB_GOAL_STATUS, uf_kb_code(UF_KB_GOAL_STATUS, i)));
        uf_table_col(r, t, 2 + ARS_NSTATUS + i, id, label, UF_C_PERCENT, 1, false);
    }
    int rows[UF_NDOMAINS], nr = 0;
    long total[ARS_NSTATUS] = { 0 };
    for (int d = 0; d <= UF_NDOMAINS; d++) {
        const long *v = d < UF_NDOMAINS ? m[d] : total;
        long all = v[0] + v[1] + v[2] + v[3];
        if (d < UF_NDOMAINS && !all)
            continue;
        int tr = uf_table_row(r, t, d == UF_NDOMAINS);
        if (tr < 0)
            return;
        uf_cell_text(r, t, tr, 0, d < UF_NDOMAINS ? uf_kb(UF_KB_DOMAIN)->e[d].label : "Totalt");
        uf_cell_count(t, tr, 1, all);
        for (int i = 0; i < ARS_NSTATUS; i++) {
            uf_cell_count(t, tr, 2 + i, v[i]);
            uf_cell_percent(t, tr, 2 + ARS_NSTATUS + i,
                            all ? 100.0 * (double)v[i] / (double)all : NAN, all, 2 + i);
            if (d < UF_NDOMAINS)
                total[i] += v[i];
        }
        rep_fix_missing(t, tr, 0, 2 + 2 * ARS_NSTATUS);
        if (d < UF_NDOMAINS)
            rows[nr++] = tr;
    }
    uf_table_note(r, t,
                  "Varje mål räknas en gång, med statusen vid den senaste uppföljningen "
                  "under året. Bara ärenden med samtycke till uppföljning.");
    uf_chart *ch = uf_section_chart(r, s, "arsrapport_mal_diagram",
                                    "Status vid senaste uppföljningen, per livsområde", "stacked",
                                    "Andel mål (%)", t, 0);
    uf_chart_rows(r, ch, rows, nr);
    for (int i = 0; i < ARS_NSTATUS; i++)
        uf_chart_series(r, ch, uf_kb_label(UF_KB_GOAL_STATUS, uf_kb_code(UF_KB_GOAL_STATUS, i)),
                        2 + ARS_NSTATUS + i);
}

/* Title page metadata and parameters. */
static void front(uf_report *r, const uf_caseset *c, const uf_arsrapport_opts *o,
                  const ars_flows *f, int years)
{
    const ars_year *y = &f->y[f->n - 1];
    char asof[UF_DATE_BUF], from[UF_DATE_BUF], last[UF_DATE_BUF], p[96];
    uf_date_format(c->as_of, asof);
    uf_date_format(y->from, from);
    uf_date_format(y->to - 1, last);
    snprintf(p, sizeof p, "%d: %s – %s", o->year, from, last);
    char year[16], trend[32];
    snprintf(year, sizeof year, "%d", o->year);
    snprintf(trend, sizeof trend, "%d–%d", f->y[trend_first(f, years)].year, o->year);
    const rep_param own[] = { { "År", year },
                              { "Trend", trend },
                              { "Enheter", o->unit ? o->unit : "alla" },
                              { "Datum för uttaget", asof } };
    rep_front front = { .period = p,
                        .as_of = asof,
                        .unit = o->unit,
                        .params = own,
                        .nparams = 4,
                        .windows = c,
                        .bands = true,
                        .cfg = o->cfg };
    rep_front_matter(r, &front);
}

/* The method page, in plain Swedish. */
static void method(uf_report *r, const uf_caseset *c, const uf_arsrapport_opts *o)
{
    char p[1024], asof[UF_DATE_BUF];
    uf_date_format(c->as_of, asof);
    snprintf(p, sizeof p,
             "Datum för uttaget är %s: det som hänt senare räknas inte, och ett ärende som "
             "avslutats senare räknas som pågående. Ett år räknas från 1 januari till 31 "
             "december, eller till datumet för uttaget om det kommer före årets slut. "
             "Återkallar någon sitt samtycke till uppföljning slutar uppföljningen den dagen: "
             "senare uppgifter används inte, och en period som inte var slut då räknas inte.",
             asof);
    uf_report_method(r, p);
    uf_report_method(r, "Unga i programmet: personer med ett startat ärende som pågick någon dag "
                        "under året (varje person räknas en gång). Nya: personer som gav samtycke "
                        "under året. Startade och avslutade räknas i ärenden; avslutade är "
                        "ärenden som hade startat och avslutades under året (som i "
                        "verksamhetsuppföljningen; ett ärende som avslutades innan det startade "
                        "hör till vägen till insatsen), efter avslutsorsak. Andel flickor: av unga "
                        "i programmet. Ålder: vid start, för "
                        "ärenden som startade under året. Tid i programmet: dagar från start till "
                        "avslut, för ärenden som avslutades under året.");
    snprintf(p, sizeof p,
             "Före och efter: före = de %d månaderna före start; efter = de %d månaderna %s. "
             "Jämförelserna gäller ärenden vars efterperiod började under året, med samtycke till "
             "uppföljning och med hela före- och efterperioden vid datumet för uttaget; tabellen "
             "över urvalet visar hur många som lämnades utanför och varför. Nyckeltalet om färre "
             "misstankar gäller samma ärenden: andelen med färre registrerade misstankar om brott "
             "per år i efterperioden än i föreperioden, räknat på tid i risk (nedan).",
             c->params.months_before, c->params.months_after,
             c->params.anchor == UF_ANCHOR_START ? "från start" : "efter avslut");
    uf_report_method(r, p);
    rep_exposure_method(r, c);
    char base[512];
    rep_baseline_text(base, sizeof base);
    uf_report_method_f(r,
                       "%s Dagar placerad (HVB, SiS, familjehem, TFCO) räknas per år av "
                       "perioden; överlappande placeringar räknas en gång.",
                       base);
    uf_report_method(r, "Måluppfyllelse: varje mål som följdes upp under året räknas en gång, med "
                        "statusen vid den senaste uppföljningen under året (uppnått, delvis, ej "
                        "uppnått eller pågående). Nyckeltalet är andelen uppnådda av alla mål som "
                        "följdes upp.");
    rep_stats_method(r, o->cfg->threshold);
    rep_disclosure_note(r, o->cfg);
    uf_report_method(r, "Vad siffrorna kan säga: de beskriver hur många som fick insatsen och hur "
                        "det gick för dem, före och efter. Uppföljning av en grupp är ingen "
                        "effektstudie: förändringen kan bero på annat än insatsen, till exempel "
                        "att de unga blir äldre eller att många tas in när problemen är som "
                        "störst och sedan minskar ändå. Små grupper och skillnader mellan år kan "
                        "bero på slumpen.");
}

/* The defined tables of the årsrapport (reports/delar/arsrapport.ini): the
 * path from referral to start and the agencies' commitments in year y, as
 * the population narrowed the cases; -1 on a failure (r marked failed
 * when memory ran out). */
static int defined_tables(uf_report *r, sqlite3 *db, const ars_year *y, const uf_arsrapport_opts *o)
{
    char msg[512], from[UF_DATE_BUF], to[UF_DATE_BUF];
    rep_def *d = rep_def_parse(uf_report_part("arsrapport"), msg, sizeof msg);
    if (!d) {
        r->failed |= !*msg;
        return -1;
    }
    uf_date_format(y->from, from);
    uf_date_format(y->to, to);
    rep_def_opts ro = { .name = "arsrapport", .cfg = o->cfg, .err = msg, .errlen = sizeof msg };
    int rc = rep_def_tables(r, db, d, from, to, &ro);
    rep_def_free(d);
    return rc;
}

/* The case set l finishes loading, compacted to the report's, into *c;
 * false on failure (*err set). */
static bool finish_load(uf_core_loading *l, uf_caseset **c, uf_error *err)
{
    *err = uf_core_load_finish(l, c);
    return *err == UF_OK;
}

uf_report *uf_report_arsrapport(sqlite3 *db, uf_core_loading *l, const uf_arsrapport_opts *o,
                                uf_error *err)
{
    int ay, am, ad;
    uf_caseset *c = NULL;
    uf_civil_from_days(uf_core_load_as_of(l), &ay, &am, &ad);
    if (o->year < 1900 || o->year > ay || o->years < 1 || o->years > UF_ARS_MAX_YEARS) {
        finish_load(l, &c, err);
        uf_caseset_free(c);
        *err = UF_ERR_USAGE;
        return NULL;
    }
    int nflow = o->years < 2 ? 2 : o->years;
    long goals[2][UF_NDOMAINS][ARS_NSTATUS];
    ars_flows f;
    uf_report *r = uf_report_new("arsrapport", "Årsrapport till styrgruppen");
    if (!r) {
        finish_load(l, &c, err);
        uf_caseset_free(c);
        *err = UF_ERR_NOMEM;
        return NULL;
    }
    /* the flows and goals are read on db while the core's threads stream
     * the measure tables; the same read transaction, the same data */
    int flows = ars_flows_load(r, db, &f, o->year - nflow + 1, nflow, uf_core_load_as_of(l));
    int gfrom[2] = { f.y[f.n - 1].from, f.y[f.n - 2].from };
    int gto[2] = { f.y[f.n - 1].to, f.y[f.n - 2].to };
    int goals_rc = flows == 0 ? ars_goals_load(db, gfrom, gto, goals) : -1;
    if (!finish_load(l, &c, err))
        goto fail;
    *err = UF_ERR_DB;
    if (flows != 0 || goals_rc != 0)
        goto fail;
    front(r, c, o, &f, o->years);
    key_figures(r, c, &f, goals);
    trends(r, &f, o->years);
    outcomes(r, c, &f.y[f.n - 1], o);
    goal_table(r, goals[0]);
    method(r, c, o);
    if (defined_tables(r, db, &f.y[f.n - 1], o) != 0)
        goto fail;
    ars_flows_release(&f);
    uf_caseset_free(c);
    if (uf_report_failed(r)) {
        uf_report_free(r);
        *err = UF_ERR_NOMEM;
        return NULL;
    }
    *err = UF_OK;
    return r;
fail:
    ars_flows_release(&f);
    uf_caseset_free(c);
    if (uf_report_failed(r))
        *err = UF_ERR_NOMEM;
    uf_report_free(r);
    return NULL;
}
