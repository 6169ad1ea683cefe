/*
 * report_summary.c - the one-page summary ("Sammanfattning") that opens
 * the årsrapport and the kohort report (issue 18): the headline findings
 * as short Swedish sentences, each with its n and, for a statistic, its
 * 95 % interval, and two headline charts; the detail follows.
 *
 * Written after disclosure control and pruning (reports.h,
 * uf_report_summary), from what the report's tables show and nothing
 * else: every figure of a sentence is a shown cell, written as its table
 * writes it (format.h, uf_fmt_cell), so the summary adds nothing a reader
 * could not read in the tables (SPEC §8), and a sentence whose figure is
 * hidden or missing is left out.  The charts draw from the same tables,
 * over the categories whose values are all shown.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "uppfolj/format.h"
#include "uppfolj/reports.h"

#define SENTENCE 768

/* The table of r with id, or NULL. */
static const uf_table *table_of(const uf_report *r, const char *id)
{
    for (int s = 0; s < r->nsections; s++)
        for (int t = 0; t < r->sections[s]->ntables; t++)
            if (strcmp(r->sections[s]->tables[t]->id, id) == 0)
                return r->sections[s]->tables[t];
    return NULL;
}

/* The chart of r with id, or NULL. */
static const uf_chart *chart_of(const uf_report *r, const char *id)
{
    for (int s = 0; s < r->nsections; s++)
        for (int c = 0; c < r->sections[s]->ncharts; c++)
            if (strcmp(r->sections[s]->charts[c]->id, id) == 0)
                return r->sections[s]->charts[c];
    return NULL;
}

static int col_of(const uf_table *t, const char *id)
{
    for (int c = 0; t && c < t->ncols; c++)
        if (t->cols[c].id && strcmp(t->cols[c].id, id) == 0)
            return c;
    return -1;
}

/* The row whose first cell reads label (NULL: the last total row), or -1. */
static int row_of(const uf_table *t, const char *label)
{
    for (int i = t ? t->nrows - 1 : -1; i >= 0; i--) {
        const uf_cell *c = &t->rows[i].cells[0];
        if (label ? c->supp == UF_SHOWN && c->text && strcmp(c->text, label) == 0
                  : t->rows[i].total)
            return i;
    }
    return -1;
}

/* Cell (row, col id) of t as the table shows it into buf; false when the
 * table, row or column is missing or the cell shows no value. */
static bool fig(const uf_report *r, const uf_table *t, int row, const char *col,
                char buf[UF_FMT_BUF])
{
    int c = col_of(t, col);
    if (c < 0 || row < 0 || row >= t->nrows)
        return false;
    const uf_cell *x = &t->rows[row].cells[c];
    if (!uf_cell_seen(x))
        return false;
    uf_fmt_cell(x, &t->cols[c], r->threshold, buf);
    return true;
}

/* The first letter of a label lower-cased to stand inside a sentence
 * ("Ålder vid start" is "ålder vid start"), unless the word is an
 * abbreviation ("SAVRY"); true. */
static bool lower_first(char *s)
{
    unsigned char *u = (unsigned char *)s;
    if (u[0] >= 'A' && u[0] <= 'Z' && u[1] >= 'a' && u[1] <= 'z')
        u[0] = (unsigned char)(u[0] + 32);
    else if (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97 && u[2] >= 'a' &&
             u[2] <= 'z')
        u[1] = (unsigned char)(u[1] + 32); /* Å Ä Ö É */
    return true;
}

/* A change as words: "en minskning med 3,62" (noun) or "minskade med
 * 3,62" (verb) for cell (row, col id) of t, its size written as the
 * table writes the cell (the same figure without its sign); false when
 * the cell shows no value. */
static bool change(const uf_report *r, const uf_table *t, int row, const char *col, bool verb,
                   char *out, size_t n)
{
    char buf[UF_FMT_BUF];
    int c = col_of(t, col);
    if (!fig(r, t, row, col, buf))
        return false;
    uf_cell x = t->rows[row].cells[c];
    bool down = x.v < 0;
    x.v = fabs(x.v);
    uf_fmt_cell(&x, &t->cols[c], r->threshold, buf);
    if (strspn(buf, "0,") == strlen(buf))
        snprintf(out, n, "%s", verb ? "var oförändrad" : "ingen förändring");
    else
        snprintf(out, n, "%s med %s",
                 verb ? (down ? "minskade" : "ökade") : (down ? "en minskning" : "en ökning"), buf);
    return true;
}

/* "= 0,032" or "< 0,001": how a sentence gives the p-value p shows. */
static const char *p_is(const char *p, char buf[UF_FMT_BUF + 4])
{
    snprintf(buf, UF_FMT_BUF + 4, "%s%.*s", p[0] == '<' ? "" : "= ", UF_FMT_BUF - 1, p);
    return buf;
}

/* Add a finding (a paragraph) to s; printf-style, cut at SENTENCE. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
say(uf_report *r, uf_section *s, const char *fmt, ...)
{
    char buf[SENTENCE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    uf_section_par(r, s, buf);
}

/* A copy of chart src in s (id, title given); NULL when src is missing
 * or empty.  uf_report_prune has run: a bar chart keeps only the
 * categories whose bars are all shown. */
static uf_chart *headline_chart(uf_report *r, uf_section *s, const char *src_id, const char *id,
                                const char *title)
{
    const uf_chart *src = chart_of(r, src_id);
    if (!src || src->nrows == 0 || src->nseries == 0)
        return NULL;
    uf_chart *c = uf_section_chart(r, s, id, title ? title : src->title, src->kind, src->y_label,
                                   src->table, src->label_col);
    uf_chart_rows(r, c, src->rows, src->nrows);
    for (int k = 0; c && k < src->nseries; k++) {
        uf_chart_series(r, c, src->series[k].label, src->series[k].col);
        uf_chart_series_km(c, src->series[k].risk_col, src->series[k].censor_col);
    }
    return c;
}

/* A bar chart in s of the before and after means of table tid, one pair
 * per row whose both values are shown; none unless two rows are left (a
 * comparison of one cohort is none). */
static void before_after(uf_report *r, uf_section *s, const char *tid, const char *id,
                         const char *title, const char *y_label)
{
    const uf_table *t = table_of(r, tid);
    int b = col_of(t, "before_mean"), a = col_of(t, "after_mean");
    if (b < 0 || a < 0)
        return;
    int rows[64], n = 0;
    for (int i = 0; i < t->nrows && n < 64; i++) {
        if (uf_cell_seen(&t->rows[i].cells[b]) && uf_cell_seen(&t->rows[i].cells[a]))
            rows[n++] = i;
    }
    if (n < 2)
        return;
    uf_chart *c = uf_section_chart(r, s, id, title, "bar", y_label, t, 0);
    uf_chart_rows(r, c, rows, n);
    uf_chart_series(r, c, "Före", b);
    uf_chart_series(r, c, "Efter", a);
}

/* ---- the årsrapport --------------------------------------------------------- */

/* Before and after of the suspicions, all cases: the mean per year with
 * the change and its interval, and the share with any, with theirs; when
 * the mean is hidden, how many had fewer suspicions after. */
static void ars_outcomes(uf_report *r, uf_section *s)
{
    int before = s->npar;
    const uf_table *t = table_of(r, "arsrapport_kon_misstankar_per_ar");
    int row = row_of(t, NULL);
    char b[UF_FMT_BUF], a[UF_FMT_BUF], ch[UF_FMT_BUF + 32], lo[UF_FMT_BUF], hi[UF_FMT_BUF],
        n[UF_FMT_BUF];
    if (fig(r, t, row, "before_mean", b) && fig(r, t, row, "after_mean", a) &&
        change(r, t, row, "change_mean", false, ch, sizeof ch) &&
        fig(r, t, row, "change_ci_low", lo) && fig(r, t, row, "change_ci_high", hi) &&
        fig(r, t, row, "n_paired", n))
        say(r, s,
            "Registrerade misstankar om brott: i genomsnitt %s per år före insatsen och %s per "
            "år efter, %s (95 %% KI för förändringen %s till %s; n = %s ärenden med hela före- "
            "och efterperioden).",
            b, a, ch, lo, hi, n);
    const uf_table *k = table_of(r, "arsrapport_nyckeltal_andelar");
    int fewer = row_of(k, "Färre registrerade misstankar efter än före");
    char cnt[UF_FMT_BUF], pct[UF_FMT_BUF];
    if (s->npar == before && fig(r, k, fewer, "count", cnt) && fig(r, k, fewer, "n", n) &&
        fig(r, k, fewer, "pct", pct))
        say(r, s, "%s av %s (%s) hade färre registrerade misstankar efter insatsen än före.", cnt,
            n, pct);
    t = table_of(r, "arsrapport_kon_misstanke_nagon");
    row = row_of(t, NULL);
    char blo[UF_FMT_BUF], bhi[UF_FMT_BUF], alo[UF_FMT_BUF], ahi[UF_FMT_BUF];
    if (fig(r, t, row, "before_pct", b) && fig(r, t, row, "after_pct", a) &&
        fig(r, t, row, "before_ci_low", blo) && fig(r, t, row, "before_ci_high", bhi) &&
        fig(r, t, row, "after_ci_low", alo) && fig(r, t, row, "after_ci_high", ahi) &&
        fig(r, t, row, "n_paired", n))
        say(r, s,
            "Andelen med minst en registrerad misstanke var %s före och %s efter (95 %% KI "
            "%s–%s respektive %s–%s; n = %s).",
            b, a, blo, bhi, alo, ahi, n);
}

static void ars_summary(uf_report *r)
{
    uf_section *s = uf_report_front(r, "Sammanfattning");
    if (!s)
        return;
    const uf_table *k = table_of(r, "arsrapport_nyckeltal");
    char v[UF_FMT_BUF], p[UF_FMT_BUF], st[UF_FMT_BUF], en[UF_FMT_BUF];
    const char *year = k && k->ncols > 2 ? k->cols[1].label : NULL,
               *prev = k && k->ncols > 2 ? k->cols[2].label : NULL;
    int active = row_of(k, "Unga i programmet under året"), started = row_of(k, "Startade ärenden"),
        ended = row_of(k, "Avslutade ärenden");
    if (year && fig(r, k, active, "year", v)) { /* each clause that its figure allows */
        char was[UF_FMT_BUF + 64] = "", flow[2 * UF_FMT_BUF + 64] = "";
        if (fig(r, k, active, "previous_year", p))
            snprintf(was, sizeof was, " (%s: %s)", prev, p);
        bool s1 = fig(r, k, started, "year", st), s2 = fig(r, k, ended, "year", en);
        if (s1 && s2)
            snprintf(flow, sizeof flow, " %s ärenden startade och %s avslutades.", st, en);
        else if (s1 || s2)
            snprintf(flow, sizeof flow, " %s ärenden %s.", s1 ? st : en,
                     s1 ? "startade" : "avslutades");
        say(r, s, "Under %s var %s unga i programmet%s.%s", year, v, was, flow);
    }
    int before = s->npar;
    ars_outcomes(r, s);
    bool outcomes = s->npar > before;
    const uf_table *g = table_of(r, "arsrapport_mal");
    int row = row_of(g, NULL);
    char goals[UF_FMT_BUF], pct[UF_FMT_BUF];
    if (fig(r, g, row, "goals", goals) && fig(r, g, row, "uppnatt_pct", pct))
        say(r, s,
            "Av %s mål i åtgärdsplanerna som följdes upp under året var %s uppnådda vid den "
            "senaste uppföljningen.",
            goals, pct);
    const uf_table *e = table_of(r, "arsrapport_avslutsorsak");
    int met = row_of(e, "Målen uppfyllda");
    row = row_of(e, NULL);
    char all[UF_FMT_BUF], done[UF_FMT_BUF];
    if (fig(r, e, row, "year", all) && fig(r, e, met, "year", done))
        say(r, s, "Av de %s ärenden som avslutades under året avslutades %s med målen uppfyllda.",
            all, done);
    if (outcomes)
        uf_section_par(r, s,
                       "Före och efter beskriver hur det gick för dem som följdes upp, inte vad "
                       "insatsen orsakade: en jämförelse med en grupp utan insatsen görs i "
                       "kohortrapporten. Detaljerna, definitionerna och röjandeskyddet följer.");
    else if (s->npar > 0)
        uf_section_par(r, s,
                       "För få ärenden med hela före- och efterperioden för att sammanfatta "
                       "misstankarna före och efter. Detaljerna, definitionerna och "
                       "röjandeskyddet följer.");
    else
        uf_section_par(r, s, "För få ärenden för att sammanfatta året; detaljerna följer.");
    headline_chart(r, s, "arsrapport_kon_misstankar_per_ar_diagram",
                   "arsrapport_sammanfattning_misstankar",
                   "Registrerade misstankar om brott per år, före och efter");
    headline_chart(r, s, "arsrapport_trend_flode", "arsrapport_sammanfattning_trend", NULL);
}

/* ---- the kohort report ----------------------------------------------------------- */

/* The difference in change of a measure, cohort 2 against cohort 1. */
static void did(uf_report *r, uf_section *s, const char *tid, const char *what, const char *unit)
{
    const uf_table *t = table_of(r, tid);
    if (!t || t->nrows < 2)
        return;
    char c1[UF_FMT_BUF + 32], c2[UF_FMT_BUF + 32], n1[UF_FMT_BUF], n2[UF_FMT_BUF], d[UF_FMT_BUF],
        lo[UF_FMT_BUF], hi[UF_FMT_BUF], p[UF_FMT_BUF], k1[UF_FMT_BUF], k2[UF_FMT_BUF],
        pb[UF_FMT_BUF + 4];
    if (fig(r, t, 0, "cohort", k1) && fig(r, t, 1, "cohort", k2) &&
        change(r, t, 0, "change_mean", true, c1, sizeof c1) &&
        change(r, t, 1, "change_mean", true, c2, sizeof c2) && fig(r, t, 0, "n", n1) &&
        fig(r, t, 1, "n", n2) && fig(r, t, 1, "did", d) && fig(r, t, 1, "did_lo", lo) &&
        fig(r, t, 1, "did_hi", hi) && fig(r, t, 1, "did_welch_p", p))
        say(r, s,
            "%s %s %s i %s (n = %s) och %s %s i %s (n = %s); skillnaden i förändring, %s "
            "minus %s, är %s (95 %% KI %s till %s; p %s, Welch).",
            what, c1, unit, k1, n1, c2, unit, k2, n2, k1, k2, d, lo, hi, p_is(p, pb));
}

static void kohort_summary(uf_report *r)
{
    uf_section *s = uf_report_front(r, "Sammanfattning");
    if (!s)
        return;
    const uf_table *u = table_of(r, "kohort_urval");
    char k1[UF_FMT_BUF], k2[UF_FMT_BUF], n1[UF_FMT_BUF], n2[UF_FMT_BUF];
    if (u && u->nrows >= 2 && fig(r, u, 0, "cohort", k1) && fig(r, u, 1, "cohort", k2) &&
        fig(r, u, 0, "n_analysed", n1) && fig(r, u, 1, "n_analysed", n2))
        say(r, s, "Jämförelsen gäller %s ärenden i %s och %s i %s med samtycke till uppföljning%s.",
            n1, k1, n2, k2, u->nrows > 2 ? " (och fler kohorter, se tabellerna)" : "");
    did(r, s, "kohort_did_misstankar_per_ar", "Registrerade misstankar om brott per år", "per år");
    did(r, s, "kohort_did_misstanke_nagon", "Andelen med minst en registrerad misstanke",
        "procentenheter");
    const uf_table *km = table_of(r, "kohort_overlevnad");
    const uf_table *lr = table_of(r, "kohort_logrank");
    char a[UF_FMT_BUF], alo[UF_FMT_BUF], ahi[UF_FMT_BUF], b[UF_FMT_BUF], blo[UF_FMT_BUF],
        bhi[UF_FMT_BUF], p[UF_FMT_BUF], pb[UF_FMT_BUF + 4];
    int r1 = -1, r2 = -1;
    for (int i = 0; km && i < km->nrows; i++) { /* 12 months in the first two cohorts */
        char m[UF_FMT_BUF], k[UF_FMT_BUF];
        if (fig(r, km, i, "months", m) && strcmp(m, "12") == 0 && fig(r, km, i, "cohort", k)) {
            if (r1 < 0 && strcmp(k, k1) == 0)
                r1 = i;
            else if (r2 < 0 && strcmp(k, k2) == 0)
                r2 = i;
        }
    }
    if (r1 >= 0 && r2 >= 0 && fig(r, km, r1, "surv", a) && fig(r, km, r1, "surv_lo", alo) &&
        fig(r, km, r1, "surv_hi", ahi) && fig(r, km, r1, "n", n1) && fig(r, km, r2, "surv", b) &&
        fig(r, km, r2, "surv_lo", blo) && fig(r, km, r2, "surv_hi", bhi) &&
        fig(r, km, r2, "n", n2) && fig(r, lr, 0, "p", p))
        say(r, s,
            "Andelen utan ny registrerad misstanke 12 månader efter start var %s i %s (95 %% KI "
            "%s–%s; n = %s) och %s i %s (%s–%s; n = %s); log-rank p %s.",
            a, k1, alo, ahi, n1, b, k2, blo, bhi, n2, p_is(p, pb));
    const uf_table *bal = table_of(r, "kohort_balans");
    int best = -1, smd = col_of(bal, "smd_c2");
    double most = 0;
    for (int i = 0; smd >= 0 && i < bal->nrows; i++) {
        const uf_cell *c = &bal->rows[i].cells[smd];
        if (uf_cell_seen(c) && fabs(c->v) > most)
            most = fabs(c->v), best = i;
    }
    char what[UF_FMT_BUF], sv[UF_FMT_BUF];
    if (best >= 0 && fig(r, bal, best, "measure", what) && fig(r, bal, best, "smd_c2", sv) &&
        lower_first(what))
        say(r, s,
            "Vid start skilde sig kohorterna mest i %s (standardiserad skillnad %s; under 0,1 "
            "brukar räknas som liten).",
            what, sv);
    uf_section_par(r, s,
                   s->npar > 0
                       ? "Kohorterna är inte slumpade: en skillnad i förändring kan bero på "
                         "skillnader mellan grupperna som inte mätts. Detaljerna, definitionerna "
                         "och röjandeskyddet följer."
                       : "För få ärenden för att sammanfatta jämförelsen; detaljerna följer.");
    headline_chart(r, s, "kohort_overlevnad_diagram", "kohort_sammanfattning_overlevnad", NULL);
    before_after(r, s, "kohort_did_misstankar_per_ar", "kohort_sammanfattning_did",
                 "Registrerade misstankar om brott per år, före och efter, per kohort",
                 "Misstankar per år");
}

int uf_report_summary(uf_report *r)
{
    if (!r || uf_report_failed(r))
        return -1;
    if (strcmp(r->name, "arsrapport") == 0)
        ars_summary(r);
    else if (strcmp(r->name, "kohort") == 0)
        kohort_summary(r);
    return uf_report_failed(r) ? -1 : 0;
}
