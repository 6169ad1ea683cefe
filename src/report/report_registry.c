/*
 * report_registry.c - every report in one table (reports.h): the built-in
 * reports written in C, the definitions compiled in from reports/ (NAME.ini),
 * and the definitions a municipality keeps in its own folder.  Each has
 * one builder signature, and uf_report_run() does what every report
 * shares: as-of, the period against the data's dates, and the population
 * stated on the front and the method page.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/population.h"
#include "uppfolj/query.h"

/* ---- builders ----------------------------------------------------------- */

/* A report built from the core's cohort c (loaded for q). */
typedef uf_report *(*core_fn)(const uf_report_req *q, uf_caseset *c, uf_diag *d, uf_error *err);

/* Load the cohort for q, build with fn, free the cohort. */
static uf_report *with_core(const uf_report_req *q, uf_diag *d, uf_error *err, core_fn fn)
{
    uf_caseset *c = NULL;
    if ((*err = uf_core_load(q->db, &q->phase, &c)) != UF_OK)
        return NULL;
    uf_report *r = fn(q, c, d, err);
    uf_caseset_free(c);
    return r;
}

static uf_report *utfall_of(const uf_report_req *q, uf_caseset *c, uf_diag *d, uf_error *err)
{
    (void)d;
    uf_report_opts o = { .nby = q->nby, .cfg = q->cfg };
    memcpy(o.by, q->by, sizeof o.by);
    uf_report *r = uf_report_utfall(c, &o);
    *err = r ? UF_OK : UF_ERR_NOMEM;
    return r;
}

/* The årsrapport reads its own tables while the core loads (its
 * uf_report_arsrapport finishes the load). */
static uf_report *arsrapport_of(const uf_report_req *q, uf_diag *d, uf_error *err)
{
    uf_arsrapport_opts o = { .year = q->year, .years = q->years, .unit = q->unit, .cfg = q->cfg };
    uf_core_loading *l;
    if ((*err = uf_core_load_start(q->db, &q->phase, &l)) != UF_OK)
        return NULL;
    uf_report *r = uf_report_arsrapport(q->db, l, &o, err);
    if (!r && *err == UF_ERR_USAGE)
        uf_diag_add(d, UF_ERROR, "--year", 0, NULL, "%d ligger efter datumet för uttaget", q->year);
    return r;
}

static uf_report *kohort_of(const uf_report_req *q, uf_caseset *c, uf_diag *d, uf_error *err)
{
    (void)d;
    uf_kohort_opts o = { .cohorts = q->cohorts,
                         .specs = q->specs,
                         .ncohorts = q->ncohorts,
                         .from = q->start_from,
                         .to = q->start_to,
                         .cfg = q->cfg };
    return uf_report_kohort(q->db, c, &o, err);
}

static uf_report *build_utfall(const uf_report_info *info, const uf_report_req *q, uf_diag *d,
                               uf_error *err)
{
    (void)info;
    uf_report_req with = *q; /* goal attainment by group; by risk level the
                                intensity needs the meetings too */
    with.phase.with_goals = true;
    for (int i = 0; i < q->nby; i++)
        if (q->by[i] == UF_DIM_RISK)
            with.phase.with_meetings = true;
    return with_core(&with, d, err, utfall_of);
}

static uf_report *build_arsrapport(const uf_report_info *info, const uf_report_req *q, uf_diag *d,
                                   uf_error *err)
{
    (void)info;
    return arsrapport_of(q, d, err);
}

static uf_report *build_kohort(const uf_report_info *info, const uf_report_req *q, uf_diag *d,
                               uf_error *err)
{
    (void)info;
    uf_report_req with = *q; /* the process: who took part in the meetings */
    with.phase.with_meetings = true;
    return with_core(&with, d, err, kohort_of);
}

/* A definition report (reports/NAME.ini): the period's tables. */
static uf_report *build_def(const uf_report_info *info, const uf_report_req *q, uf_diag *d,
                            uf_error *err)
{
    char msg[512];
    rep_def *def = rep_def_parse(info->def, msg, sizeof msg);
    if (!def) {
        *err = *msg ? UF_ERR_INPUT : UF_ERR_NOMEM;
        if (*msg)
            uf_diag_add(d, UF_ERROR, info->name, 0, NULL, "%s", msg);
        return NULL;
    }
    char title[192];
    snprintf(title, sizeof title, "%s%s", q->list ? "Arbetslista: " : "", rep_def_title(def));
    uf_report *r = uf_report_new(info->name, title);
    char f[UF_DATE_BUF], t[UF_DATE_BUF], last[UF_DATE_BUF];
    uf_date_format(q->from, f);
    uf_date_format(q->to, t);
    uf_date_format(q->to - 1, last);
    if (r) {
        const rep_param own[] = { { "Period", q->period } };
        rep_front front = {
            .period = q->period, .as_of = last, .params = own, .nparams = 1, .cfg = q->cfg
        };
        rep_front_matter(r, &front);
        for (int i = 0; i < q->cfg->nunits; i++)
            uf_report_param(r, "Kapacitet", "%s: %d", q->cfg->units[i].name,
                            q->cfg->units[i].capacity);
    }
    rep_def_opts o = { .name = info->name,
                       .cfg = q->cfg,
                       .dir = info->dir,

                       .err = msg,
                       .errlen = sizeof msg };
    *err = UF_OK;
    if (!r || uf_report_failed(r))
        *err = UF_ERR_NOMEM;
    else if ((q->list ? rep_def_worklist(r, q->db, def, f, t, &o)
                      : rep_def_build(r, q->db, def, f, t, &o)) != 0) {
        *err = uf_report_failed(r) ? UF_ERR_NOMEM : info->dir ? UF_ERR_INPUT : UF_ERR_DB;
        if (*err != UF_ERR_NOMEM)
            uf_diag_add(d, UF_ERROR, info->name, 0, NULL, "%s", msg);
    } else if (!q->list)
        rep_disclosure_note(r, q->cfg);
    if (*err == UF_OK && uf_report_failed(r))
        *err = UF_ERR_NOMEM;
    rep_def_free(def);
    if (*err != UF_OK) {
        uf_report_free(r);
        return NULL;
    }
    return r;
}

/* ---- the registry ------------------------------------------------------- */

static const struct builtin {
    const char *name, *title, *summary;
    unsigned takes, needs;
    uf_report_build_fn build;
} builtins[] = {
    { "utfall", "Utfall före och efter insatsen", "utfall före och efter insatsen, per grupp",
      UF_RO_BY | UF_RO_ASOF | UF_RO_WINDOWS, 0, build_utfall },
    { "arsrapport", "Årsrapport till styrgruppen",
      "årsrapport till styrgruppen: nyckeltal, utveckling, utfall per kön, ålder och insats, "
      "måluppfyllelse, vägen till insatsen, samverkansparternas åtaganden (kräver --year)",
      UF_RO_YEAR | UF_RO_YEARS | UF_RO_ASOF | UF_RO_WINDOWS, UF_RO_YEAR, build_arsrapport },
    { "kohort", "Kohortjämförelse",
      "jämförelse av två eller flera kohorter: balans vid start, processen, före och efter, "
      "skillnad i förändring, tid till första nya misstanke, avslutsorsaker (kräver två "
      "--cohort)",
      UF_RO_COHORTS | UF_RO_FROMTO | UF_RO_ASOF | UF_RO_WINDOWS, UF_RO_COHORTS, build_kohort },
};

#define DEF_TAKES (UF_RO_PERIOD | UF_RO_ASOF)

/* Add one report; UF_ERR_INPUT (d tells) when the name is taken. */
static uf_error add(uf_registry *g, const uf_report_info *info, uf_diag *d, const char *where)
{
    if (uf_registry_find(g, info->name)) {
        uf_diag_add(d, UF_ERROR, where, 0, NULL, "rapporten %s finns redan", info->name);
        return UF_ERR_INPUT;
    }
    uf_report_info *v = realloc(g->v, (g->n + 1) * sizeof *v);
    if (!v)
        return UF_ERR_NOMEM;
    g->v = v;
    v[g->n] = *info;
    v[g->n].name = strdup(info->name);
    v[g->n].title = strdup(info->title ? info->title : info->name);
    v[g->n].summary = strdup(info->summary ? info->summary : "");
    v[g->n].def = info->def ? strdup(info->def) : NULL;
    v[g->n].dir = info->dir ? strdup(info->dir) : NULL;
    g->n++;
    uf_report_info *e = &v[g->n - 1];
    if (!e->name || !e->title || !e->summary || (info->def && !e->def) || (info->dir && !e->dir))
        return UF_ERR_NOMEM;
    return UF_OK;
}

/* Register the definition text (report name) from where (a path or
 * "inbyggd"). */
static uf_error add_def(uf_registry *g, const char *name, const char *text, const char *dir,
                        const char *where, uf_diag *d)
{
    char msg[512];
    rep_def *def = rep_def_parse(text, msg, sizeof msg);
    if (!def) {
        if (!*msg)
            return UF_ERR_NOMEM;
        uf_diag_add(d, UF_ERROR, where, 0, NULL, "%s", msg);
        return UF_ERR_INPUT;
    }
    /* a report of rules takes --lista, and its period defaults to all
     * the data */
    bool rules = rep_def_has_rules(def);
    char summary[320];
    snprintf(summary, sizeof summary, "%s%s",
             *rep_def_summary(def) ? rep_def_summary(def) : rep_def_title(def),
             rules ? "" : " (kräver --period)");
    uf_report_info info = { .name = (char *)name,
                            .title = (char *)rep_def_title(def),
                            .summary = summary,
                            .takes = DEF_TAKES | (rules ? UF_RO_LIST : 0),
                            .needs = rules ? 0 : UF_RO_PERIOD,
                            .build = build_def,
                            .def = (char *)text,
                            .dir = (char *)dir };
    uf_error err = add(g, &info, d, where);
    rep_def_free(def);
    return err;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.ini of dir, in name order. */
static uf_error add_dir(uf_registry *g, const char *dir, uf_diag *d)
{
    DIR *dp = opendir(dir);
    if (!dp && errno == ENOENT)
        return UF_OK;
    if (!dp) {
        uf_diag_add(d, UF_ERROR, dir, 0, NULL, "kunde inte läsa rapportmappen: %s",
                    uf_strerrno(errno));
        return UF_ERR_IO;
    }
    char **names = NULL;
    size_t n = 0;
    uf_error err = UF_OK;
    struct dirent *e;
    while (err == UF_OK && (e = readdir(dp)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".ini") != 0 || e->d_name[0] == '.')
            continue;
        char **v = realloc(names, (n + 1) * sizeof *v);
        if (!v || !(v[n] = strndup(e->d_name, len - 4)))
            err = UF_ERR_NOMEM;
        if (v)
            names = v;
        if (err == UF_OK)
            n++;
    }
    closedir(dp);
    if (n) /* names is NULL without files */
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.ini", dir, names[i]);
        bool go = err == UF_OK || err == UF_ERR_INPUT; /* list every bad one */
        char *text = go ? rep_read_file(path) : NULL;
        uf_error e2 = !go ? err : text ? add_def(g, names[i], text, dir, path, d) : UF_ERR_IO;
        if (go && !text)
            uf_diag_add(d, UF_ERROR, path, 0, NULL, "kunde inte läsa definitionen: %s",
                        uf_strerrno(errno));
        if (e2 != UF_OK && (err == UF_OK || e2 != UF_ERR_INPUT))
            err = e2;
        free(text);
        free(names[i]);
    }
    free(names);
    return err;
}

uf_error uf_registry_init(uf_registry *g, const char *dir, uf_diag *d)
{
    memset(g, 0, sizeof *g);
    uf_error err = UF_OK;
    for (size_t i = 0; err == UF_OK && i < sizeof builtins / sizeof *builtins; i++) {
        uf_report_info info = { .name = (char *)builtins[i].name,
                                .title = (char *)builtins[i].title,
                                .summary = (char *)builtins[i].summary,
                                .takes = builtins[i].takes,
                                .needs = builtins[i].needs,
                                .build = builtins[i].build };
        err = add(g, &info, d, "inbyggd");
    }
    for (const uf_query_text *q = uf_report_defs; err == UF_OK && q->name; q++)
        err = add_def(g, q->name, q->sql, NULL, "inbyggd", d);
    if (err == UF_OK && dir)
        err = add_dir(g, dir, d);
    return err;
}

void uf_registry_release(uf_registry *g)
{
    for (size_t i = 0; g && i < g->n; i++) {
        free(g->v[i].name);
        free(g->v[i].title);
        free(g->v[i].summary);
        free(g->v[i].def);
        free(g->v[i].dir);
    }
    if (g) {
        free(g->v);
        memset(g, 0, sizeof *g);
    }
}

const uf_report_info *uf_registry_find(const uf_registry *g, const char *name)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->v[i].name, name) == 0)
            return &g->v[i];
    return NULL;
}

/* ---- running a report ---------------------------------------------------- */

/* Check [from, to) against the data's dates [first, as_of]: wholly outside
 * is an error naming the range; past as-of it is cut there.  what names the
 * option ("--period 2030-Q1"). */
static uf_error within(uf_report_req *q, int first, const char *what, uf_diag *d)
{
    char a[UF_DATE_BUF], b[UF_DATE_BUF];
    uf_date_format(first, a);
    uf_date_format(q->phase.as_of, b);
    if (q->to <= first || q->from > q->phase.as_of) {
        uf_diag_add(d, UF_ERROR, what, 0, NULL,
                    "ligger utanför datat: ärendena i rapporten har datum från %s, och "
                    "datumet för uttaget är %s",
                    a, b);
        return UF_ERR_INPUT;
    }
    if (q->to > q->phase.as_of + 1) {
        q->to = q->phase.as_of + 1;
        q->period_cut = true;
    }
    return UF_OK;
}

/* Set q's period from the option s (--period) or the year. */
static uf_error period_of(const uf_report_info *info, uf_report_req *q, const char *s, uf_diag *d)
{
    int first, last;
    uf_error err = uf_population_range(q->db, &first, &last);
    if (err == UF_ERR_INPUT) {
        uf_diag_add(d, UF_ERROR, info->name, 0, NULL, "rapportens ärenden har inga datum");
        return err;
    }
    if (err != UF_OK)
        return err;
    char what[96], label[96];
    if ((info->takes & UF_RO_PERIOD) && !s) { /* all the data up to as-of */
        q->from = first;
        q->to = q->phase.as_of + 1;
        snprintf(label, sizeof label, "hela datat");
        snprintf(what, sizeof what, "datat");
    } else if (info->takes & UF_RO_PERIOD) {
        if (uf_period_parse(s, q->phase.as_of, &q->from, &q->to, label, sizeof label) != 0) {
            uf_diag_add(d, UF_ERROR, "--period", 0, NULL,
                        "%s: ange 2024, 2024-Q3, 2024-T2 eller 2024-05, flera i följd som "
                        "2024..2025 eller 2025-Q1..2025-Q3, eller de senaste månaderna som 12m",
                        s);
            return UF_ERR_USAGE;
        }
        snprintf(what, sizeof what, "--period %s", s);
    } else {
        q->from = uf_days_from_civil(q->year, 1, 1);
        q->to = uf_days_from_civil(q->year + 1, 1, 1);
        snprintf(label, sizeof label, "%d", q->year);
        snprintf(what, sizeof what, "--year %d", q->year);
    }
    if ((err = within(q, first, what, d)) != UF_OK)
        return err;
    char f[UF_DATE_BUF], l[UF_DATE_BUF];
    uf_date_format(q->from, f);
    uf_date_format(q->to - 1, l);
    snprintf(q->period, sizeof q->period, "%s: %s – %s%s", label, f, l,
             q->period_cut ? " (avkortad vid datumet för uttaget)" : "");
    return UF_OK;
}

/* State the population and the cut on the front and the method page. */
static void state(uf_report *r, const uf_report_req *q)
{
    uf_report_set(r, &r->population, q->population);
    r->internal = q->cfg->internal;
    uf_report_param(r, "Mottagare",
                    q->cfg->internal ? "intern (exakta tal, internt arbetsmaterial)"
                                     : "extern (med röjandeskydd)");
    if (q->period[0])
        uf_report_set(r, &r->period, q->period);
    if (q->unit)
        uf_report_set(r, &r->unit, q->unit);
    char p[1024];
    snprintf(p, sizeof p,
             "Population: rapporten omfattar %s. Andra ärenden i databasen "
             "räknas inte i någon siffra.",
             q->population);
    uf_report_method(r, p);
    if (q->period_cut) {
        char asof[UF_DATE_BUF];
        uf_date_format(q->phase.as_of, asof);
        uf_report_param(r, "Perioden avkortad", "vid datumet för uttaget %s", asof);
        snprintf(p, sizeof p,
                 "Perioden går förbi datumet för uttaget (%s) och är avkortad "
                 "där: ingen siffra beskriver en dag efter det datumet.",
                 asof);
        uf_report_method(r, p);
    }
}

/* The import runs behind the data: the report's snapshot and its date. */
static void snapshot(sqlite3 *db, uf_report *r)
{
    sqlite3_stmt *st = uf_db_prepare(db, "report_snapshot");
    if (!st)
        return;
    while (sqlite3_step(st) == SQLITE_ROW) {
        char line[512];
        const char *path = (const char *)sqlite3_column_text(st, 2);
        const char *base = path && strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        snprintf(line, sizeof line, "importkörning %lld (%s): %s, %s, sha256 %s",
                 sqlite3_column_int64(st, 0), sqlite3_column_text(st, 1), base ? base : "",
                 sqlite3_column_text(st, 3), sqlite3_column_text(st, 4));
        uf_report_snapshot(r, line);
        uf_report_set(r, &r->created, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
}

uf_report *uf_report_run(const uf_report_info *info, uf_report_req *q, const char *period,
                         uf_diag *d, uf_error *err)
{
    int last;
    uf_core_params latest = q->phase;
    latest.as_of = 0;
    *err = uf_core_as_of(q->db, &latest, &last);
    if (*err == UF_ERR_INPUT)
        uf_diag_add(d, UF_ERROR, info->name, 0, NULL,
                    "databasen innehåller inga data att "
                    "rapportera");
    if (*err != UF_OK)
        return NULL;
    if (!q->phase.as_of)
        q->phase.as_of = last;
    q->period_cut = false;
    q->period[0] = '\0';
    if ((info->takes & (UF_RO_PERIOD | UF_RO_YEAR)) &&
        (*err = period_of(info, q, period, d)) != UF_OK)
        return NULL;
    uf_report *r = info->build(info, q, d, err);
    if (!r)
        return NULL;
    state(r, q);
    snapshot(q->db, r);
    if (uf_report_failed(r)) {
        uf_report_free(r);
        *err = UF_ERR_NOMEM;
        return NULL;
    }
    return r;
}
