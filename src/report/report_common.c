/*
 * report_common.c - what the report definitions share (report_internal.h):
 * group rows, table layout, vectors, paired statistics, front matter and
 * method notes.  Reports have tens of tables over at most some hundred
 * thousand cases; membership is precomputed once per breakdown.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "uppfolj/parse.h"
#include "uppfolj/stats.h"

/* Add row (k1, k2) to g unless it is there; -1 when memory ran out. */
static int add_row(rep_groups *g, int k1, int k2, int *cap)
{
    for (int i = 0; i < g->nrows; i++)
        if (g->keys[i][0] == k1 && g->keys[i][1] == k2)
            return 0;
    if (g->nrows == *cap) {
        int ncap = *cap ? *cap * 2 : 16;
        void *k = realloc(g->keys, (size_t)ncap * sizeof *g->keys);
        if (!k)
            return -1;
        g->keys = k;
        void *l = realloc(g->labels, (size_t)ncap * sizeof *g->labels);
        if (!l)
            return -1;
        g->labels = l;
        *cap = ncap;
    }
    g->keys[g->nrows][0] = k1;
    g->keys[g->nrows][1] = k2;
    g->labels[g->nrows][0] = g->labels[g->nrows][1] = NULL;
    g->nrows++;
    return 0;
}

/* Position of key in keys[0..n), or -1. */
static int key_pos(const int *keys, int n, int key)
{
    for (int i = 0; i < n; i++)
        if (keys[i] == key)
            return i;
    return -1;
}

/* The rows: every key of the first dimension, crossed with every key of
 * the second that occurs together with it (one pass over the cases).
 * However many keys there are: -1 only when memory ran out. */
static int make_rows(rep_groups *g)
{
    const uf_report_opts *o = g->o;
    int *keys1 = NULL, *keys2 = NULL, cap = 0, rc = -1;
    bool *seen = NULL;
    int n1 = uf_dim_keys(g->c, o->cfg, o->by[0], &keys1);
    int n2 = o->nby > 1 ? uf_dim_keys(g->c, o->cfg, o->by[1], &keys2) : 1;
    if (n1 < 0 || n2 < 0)
        goto done;
    if (o->nby > 1 && n1 && n2 && !(seen = calloc((size_t)n1 * (size_t)n2, sizeof *seen)))
        goto done;
    for (size_t i = 0; seen && i < g->c->n; i++) {
        int k[UF_CASE_GROUPS_MAX], m[UF_CASE_GROUPS_MAX];
        int nk = uf_case_groups(g->c, o->cfg, &g->c->cases[i], o->by[0], k, UF_CASE_GROUPS_MAX);
        int nm = uf_case_groups(g->c, o->cfg, &g->c->cases[i], o->by[1], m, UF_CASE_GROUPS_MAX);
        for (int x = 0; x < nk; x++)
            for (int y = 0; y < nm; y++) {
                int a = key_pos(keys1, n1, k[x]), b = key_pos(keys2, n2, m[y]);
                if (a >= 0 && b >= 0)
                    seen[(size_t)a * (size_t)n2 + (size_t)b] = true;
            }
    }
    for (int a = 0; a < n1; a++)
        for (int b = 0; b < n2; b++)
            /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): seen and keys2 exist when nby > 1 */
            if ((o->nby < 2 || seen[(size_t)a * (size_t)n2 + (size_t)b]) &&
                add_row(g, keys1[a], o->nby > 1 ? keys2[b] : 0, &cap) != 0)
                goto done;
    rc = 0;
done:
    free(seen);
    free(keys1);
    free(keys2);
    return rc;
}

/* The label of key on dimension d, malloc'd whole (no length limit);
 * NULL when memory ran out. */
static char *label_of(const uf_caseset *c, const uf_config *cfg, uf_dim d, int key)
{
    size_t n = uf_group_label(c, cfg, d, key, NULL, 0) + 1;
    char *s = malloc(n);
    if (s)
        uf_group_label(c, cfg, d, key, s, n);
    return s;
}

int rep_groups_init(uf_report *r, rep_groups *g, const uf_caseset *c, const uf_report_opts *o)
{
    memset(g, 0, sizeof *g);
    g->c = c;
    g->o = o;
    g->ncols = o->nby > 1 ? 2 : 1;
    g->overlap = uf_dim_overlaps(o->by[0]) || (o->nby > 1 && uf_dim_overlaps(o->by[1]));
    if (make_rows(g) != 0)
        goto fail;
    for (int i = 0; i < g->nrows; i++)
        for (int d = 0; d < o->nby; d++)
            if (!(g->labels[i][d] = label_of(c, o->cfg, o->by[d], g->keys[i][d])))
                goto fail;
    g->member = calloc(c->n * (size_t)(g->nrows ? g->nrows : 1), 1);
    if (!g->member && c->n && g->nrows)
        goto fail;
    for (size_t i = 0; i < c->n; i++) {
        int k[UF_CASE_GROUPS_MAX], m[UF_CASE_GROUPS_MAX] = { 0 };
        int nk = uf_case_groups(c, o->cfg, &c->cases[i], o->by[0], k, UF_CASE_GROUPS_MAX);
        int nm = o->nby > 1
                     ? uf_case_groups(c, o->cfg, &c->cases[i], o->by[1], m, UF_CASE_GROUPS_MAX)
                     : 1;
        for (int row = 0; row < g->nrows; row++)
            for (int x = 0; x < nk; x++)
                for (int y = 0; y < nm; y++)
                    if (k[x] == g->keys[row][0] && (o->nby < 2 || m[y] == g->keys[row][1]))
                        g->member[i * (size_t)g->nrows + (size_t)row] = 1;
    }
    return 0;
fail:
    r->failed = true;
    rep_groups_free(g);
    return -1;
}

void rep_groups_free(rep_groups *g)
{
    for (int i = 0; g->labels && i < g->nrows; i++) {
        free(g->labels[i][0]);
        free(g->labels[i][1]);
    }
    free(g->keys);
    free(g->labels);
    free(g->member);
    memset(g, 0, sizeof *g);
}

bool rep_in_row(const rep_groups *g, size_t i, int row)
{
    return row == g->nrows || g->member[i * (size_t)g->nrows + (size_t)row];
}

uf_table *rep_table(uf_report *r, uf_section *s, const rep_groups *g, const char *id,
                    const char *title, int nmeasure)
{
    uf_table *t = uf_section_table(r, s, id, title, g->ncols + nmeasure);
    if (!t)
        return NULL;
    t->groups_overlap = g->overlap;
    uf_table_col(r, t, 0, "group", uf_dim_label(g->o->by[0]), UF_C_TEXT, 0, false);
    if (g->ncols > 1)
        uf_table_col(r, t, 1, "group2", uf_dim_label(g->o->by[1]), UF_C_TEXT, 0, false);
    if (g->overlap)
        uf_table_note(r, t,
                      "Grupperna överlappar: ett ärende räknas i varje insats som pågick "
                      "under ärendet, så grupperna summerar inte till totalen.");
    return t;
}

void rep_sheet(uf_report *r, uf_table *t, const rep_groups *g, const char *name)
{
    if (!t || !name || !*name)
        return;
    char buf[96];
    if (g && g->sheet_by)
        snprintf(buf, sizeof buf, "%s, %s", name, g->sheet_by);
    else
        snprintf(buf, sizeof buf, "%s", name);
    uf_report_set(r, &t->sheet, buf);
}

int rep_row(uf_report *r, uf_table *t, const rep_groups *g, int row)
{
    int tr = uf_table_row(r, t, row == g->nrows);
    if (tr < 0)
        return tr;
    for (int d = 0; d < g->ncols; d++)
        uf_cell_text(r, t, tr, d, row == g->nrows ? (d == 0 ? "Totalt" : "") : g->labels[row][d]);
    return tr;
}

void rep_fix_missing(uf_table *t, int tr, int o, int n)
{
    if (!t || tr < 0)
        return;
    for (int c = o; c < o + n; c++) {
        uf_cell *cell = uf_table_cell(t, tr, c);
        if ((cell->type == UF_C_NUMBER || cell->type == UF_C_PERCENT ||
             cell->type == UF_C_PVALUE) &&
            !isfinite(cell->v))
            uf_cell_none(t, tr, c, UF_SUPP_MISSING);
    }
}

void rep_chart(uf_report *r, uf_section *s, const uf_table *t, const rep_groups *g, const char *id,
               const char *title, const char *y_label, int before, int after)
{
    if (!t || g->ncols > 1)
        return;
    char cid[96];
    snprintf(cid, sizeof cid, "%s_diagram", id);
    uf_chart *ch = uf_section_chart(r, s, cid, title, "bar", y_label, t, 0);
    int *rows = malloc((size_t)(t->nrows ? t->nrows : 1) * sizeof *rows);
    if (!rows) {
        r->failed = true;
        return;
    }
    for (int i = 0; i < t->nrows; i++)
        rows[i] = i;
    uf_chart_rows(r, ch, rows, t->nrows);
    free(rows);
    uf_chart_series(r, ch, "Före", before);
    uf_chart_series(r, ch, "Efter", after);
}

void rep_vec_init(rep_vec *v)
{
    memset(v, 0, sizeof *v);
}

void rep_vec_clear(rep_vec *v)
{
    v->n = 0;
}

void rep_vec_push(uf_report *r, rep_vec *v, double x)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        double *p = realloc(v->v, cap * sizeof *p);
        if (!p) {
            r->failed = true;
            return;
        }
        v->v = p;
        v->cap = cap;
    }
    v->v[v->n++] = x;
}

void rep_vec_free(rep_vec *v)
{
    free(v->v);
    rep_vec_init(v);
}

long rep_sd_reveals(const double *v, size_t n)
{
    long zeros = 0, cnt[3] = { 0 }, small = 0;
    double val[3];
    int nval = 0;
    bool many = false; /* more than three distinct values */
    for (size_t i = 0; i < n; i++) {
        zeros += v[i] == 0;
        if (many)
            continue;
        int j = 0;
        while (j < nval && val[j] != v[i])
            j++;
        if (j == nval) {
            if (nval == 3) {
                many = true;
                continue;
            }
            val[nval++] = v[i];
        }
        cnt[j]++;
    }
    /* S^2 / Q is a lower bound of the values that are not zero (exact
     * when they are equal): it narrows that count, not the zeros' */
    const long counts[] = { (long)n - zeros, many ? 0 : cnt[0], many ? 0 : cnt[1],
                            many ? 0 : cnt[2] };
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
        if (counts[i] > 0 && (small == 0 || counts[i] < small))
            small = counts[i];
    return small;
}

void rep_paired_stats(const rep_vec *before, const rep_vec *after, rep_paired *out)
{
    uf_stat_ttest t;
    uf_stat_wilcoxon w;
    size_t n = before->n;
    out->before_mean = uf_stat_mean(before->v, n);
    out->after_mean = uf_stat_mean(after->v, n);
    uf_stat_ttest_paired(after->v, before->v, n, 0.95, &t);
    uf_stat_signrank_paired(after->v, before->v, n, &w);
    out->change_mean = n ? t.estimate : NAN;
    out->lo = t.lo;
    out->hi = t.hi;
    out->t_p = t.p;
    out->v = w.statistic;
    out->wilcoxon_p = w.p;
    out->wilcoxon_exact = w.exact;
}

double rep_mcnemar(long only_before, long only_after)
{
    uf_stat_binom b;
    if (only_before + only_after == 0)
        return NAN;
    uf_stat_mcnemar_exact((size_t)only_before, (size_t)only_after, &b);
    return b.p;
}

void rep_stats_method(uf_report *r, int t)
{
    uf_report_method_f(r,
                       "Statistik: medelvärden med standardavvikelse (SD, R: sd); parat t-test "
                       "med 95 %% konfidensintervall för förändringen (R: t.test(efter, före, "
                       "paired = TRUE)); Wilcoxons teckenrangtest (R: wilcox.test(efter, före, "
                       "paired = TRUE)); för ja/nej-mått andelar med 95 %% konfidensintervall "
                       "enligt Wilson (R: prop.test(x, n, correct = FALSE)) och exakt "
                       "McNemar-test (R: binom.test(b, b + c, 0.5)); för händelser också "
                       "gruppens alla händelser per år i risk med exakt 95 %% "
                       "konfidensintervall (R: poisson.test(x, T)). Test görs bara när minst %d "
                       "ärenden har både före- och eftervärde. Ett test som inte kan ge ett "
                       "p-värde under 0,05 med de uppgifter som finns görs inte (–): "
                       "McNemar-testet kräver minst 6 ärenden som ändrats, Wilcoxons test att "
                       "skillnaderna kunnat ge p under 0,05 om alla gått åt samma håll. En "
                       "tabell med flera test visar också p justerat med Holms metod (R: "
                       "p.adjust(p, \"holm\")) över de p-värden tabellen visar, så att risken "
                       "för ett slumpmässigt lågt p bland många test hålls nere.",
                       t);
}

void rep_front_matter(uf_report *r, const rep_front *f)
{
    if (f->period)
        uf_report_set(r, &r->period, f->period);
    uf_report_set(r, &r->as_of, f->as_of);
    uf_report_set(r, &r->version, UF_VERSION);
    uf_report_set(r, &r->unit,
                  f->unit                          ? f->unit
                  : f->cfg && f->cfg->organisation ? f->cfg->organisation
                                                   : "Alla enheter");
    if (f->cfg && f->cfg->organisation)
        uf_report_set(r, &r->organisation, f->cfg->organisation);
    for (int i = 0; i < f->nparams; i++)
        uf_report_param(r, f->params[i].key, "%s", f->params[i].value);
    if (f->windows) {
        const uf_core_params *p = &f->windows->params;
        uf_report_param(r, "Fönster före start", "%d månader", p->months_before);
        uf_report_param(r, "Fönster efter", "%d månader", p->months_after);
        uf_report_param(r, "Efterperioden räknas från", "%s",
                        p->anchor == UF_ANCHOR_START ? "start" : "avslut");
        char locked[256];
        uf_config_locked_text(p->cfg, locked, sizeof locked);
        uf_report_param(r, "Låst vård (inte tid i risk)", "%s", locked);
    }
    if (!f->cfg)
        return;
    uf_report_param(r, "Tröskel för röjandeskydd", "%d", f->cfg->threshold);
    if (f->bands) {
        char bands[256] = "";
        for (int i = 0; i < f->cfg->nbands; i++) {
            char b[32];
            snprintf(b, sizeof b, "%s%d–%d", i ? ", " : "", f->cfg->bands[i].lo,
                     f->cfg->bands[i].hi);
            strncat(bands, b, sizeof bands - strlen(bands) - 1);
        }
        uf_report_param(r, "Åldersgrupper", "%s", bands);
    }
    uf_report_param(r, "Inställningar", "%s", f->cfg->path ? f->cfg->path : "standardvärden");
}

void rep_disclosure_note(uf_report *r, const uf_config *cfg)
{
    int t = cfg ? cfg->threshold : 5;
    char p[2048];
    if (cfg && cfg->internal) {
        snprintf(p, sizeof p,
                 "Mottagare: intern. %s. Rapporten är gjord för enhetens egen personal, som "
                 "redan ser varje ärende, och visar exakta antal, andelar, medelvärden och "
                 "medianer utan röjandeskydd, också när de bygger på en eller ett par "
                 "personer. Ett test, med sitt konfidensintervall, görs ändå bara när varje "
                 "grupp har minst %d personer. "
                 "Lämna inte ut rapporten utanför socialtjänstens sekretessområde; för "
                 "styrgrupp, nämnd eller allmänhet görs en rapport med --mottagare extern, "
                 "som har röjandeskydd.",
                 UF_INTERNAL_BANNER, t);
        uf_report_method(r, p);
        return;
    }
    snprintf(p, sizeof p,
             "Mottagare: extern. Röjandeskydd: värden som bygger på färre än %d personer visas "
             "inte. Ett antal "
             "på 1–%d visas som <%d; medelvärden och andelar över färre än %d personer "
             "visas som .., och ett test görs inte (–). Rapporten skyddas som en helhet: allt som "
             "går att räkna fram ur det "
             "den visar räknas som visat. Därför döljs också (..) andra värden när ett dolt värde "
             "annars skulle kunna räknas fram ur en summa eller totalrad, en andel som tillsammans "
             "med sitt underlag ger ett antal under %d, ett medelvärde som tillsammans med "
             "totalraden ger en dold grupps medelvärde, statistik vars antal personer är dolt, "
             "och ett exakt test som skulle röja ett antal under %d eller som inte kan ge p under "
             "0,05. Ett antal som står i flera tabeller visas överallt eller ingenstans, och "
             "diagrammen visar bara det som tabellerna visar (ett stapeldiagram bara de grupper "
             "där alla staplar visas). Till sist prövas hela rapporten "
             "som ett ekvationssystem: alla tabeller tillsammans, och att antalet med en "
             "händelse aldrig är fler än antalet som följts upp. Ett dolt värde som då "
             "bara kan ha ett enda värde skyddas genom att fler värden döljs. En tabell eller ett "
             "diagram som då inte skulle visa något utelämnas, och avsnittet nämner det. "
             "Tecknen: <%d och x dolda antal, .. ett dolt värde, – ett test som inte görs, "
             ". en uppgift som saknas.",
             t, t - 1, t, t, t, t, t);
    uf_report_method(r, p);
    uf_report_method(r, "Den som lägger två olika rapporter bredvid varandra (till exempel en "
                        "uppdelad på kön och en på kön och ålder, eller ett år och dess kvartal) "
                        "kan ibland räkna fram mer än vad var och en visar. Lämna därför inte ut "
                        "fler rapporter om samma små grupper än som behövs.");
}

void rep_baseline_text(char *out, size_t n)
{
    snprintf(out, n,
             "Tillstånd (uppförandestörning, skolfrånvaro) jämförs mellan baslinjen (senaste "
             "värdet från %d dagar före till %d dagar efter start) och det senaste värdet i "
             "efterperioden. Bedömningar jämförs mellan baslinjen (senaste från %d dagar före "
             "till %d dagar efter start) och uppföljningen (senaste under ärendet, annars första "
             "efter avslut inom efterperioden).",
             UF_STATE_BASE_BEFORE, UF_STATE_BASE_AFTER, UF_ASSESS_BASE_BEFORE,
             UF_ASSESS_BASE_AFTER);
}

void rep_exposure_method(uf_report *r, const uf_caseset *c)
{
    const uf_core_params *p = &c->params;
    char locked[256], eq[512];
    uf_config_locked_text(p->cfg, locked, sizeof locked);
    int m = uf_core_equal_months(p);
    if (p->months_before == p->months_after)
        snprintf(eq, sizeof eq, "Före- och efterperioden är lika långa (%d månader).", m);
    else
        snprintf(eq, sizeof eq,
                 "Andelen med minst en händelse jämförs över lika långa perioder: de %d sista "
                 "månaderna före start och de %d första månaderna av efterperioden, så att ett "
                 "kortare fönster inte i sig ger färre ärenden med en händelse.",
                 m, m);
    uf_report_method_f(r,
                       "Tid i risk: antal händelser per år = antal / tid i risk i år, där tid i "
                       "risk är periodens längd utom dagar placerad i låst vård (%s; ändras med "
                       "låst_vård under [tid i risk] i uppfolj.conf), eftersom den som är inlåst "
                       "har små möjligheter att begå brott. %s",
                       strcmp(locked, "ingen") == 0 ? "ingen räknas som låst" : locked, eq);
}

char *rep_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    long len = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (len >= 0 && fseek(f, 0, SEEK_SET) == 0 && (text = malloc((size_t)len + 1)) != NULL) {
        if (fread(text, 1, (size_t)len, f) == (size_t)len)
            text[len] = '\0';
        else {
            free(text);
            text = NULL;
        }
    }
    fclose(f);
    return text;
}

int rep_bits(unsigned x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

double rep_meetings_per_month(const uf_case *k)
{
    double days = k->years[UF_DURING] * 365.25;
    return days >= 1 ? k->meetings / (days / 30.4375) : NAN;
}
