/*
 * cmd_report.c - `uppfolj report NAME`: load the cohort, build the report
 * model, apply disclosure control once, and write the formats asked for.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "uppfolj/cohort.h"
#include "uppfolj/config.h"
#include "uppfolj/core.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/render.h"
#include "uppfolj/reports.h"
#include "uppfolj/suppress.h"

static const char usage[] =
    "Användning: uppfolj [--db FIL] report NAMN [flaggor]\n"
    "\n"
    "Skriver en rapport.  Alla tal är aggregat; värden som bygger på färre än\n"
    "5 personer (tröskeln i uppfolj.conf) visas inte.\n"
    "\n"
    "Rapporter:\n"
    "  verksamhet        verksamhetsuppföljning för en period, per enhet och\n"
    "                    totalt (kräver --period)\n"
    "  utfall            utfall före och efter insatsen, per grupp\n"
    "  arsrapport        årsrapport till styrgruppen: nyckeltal, utveckling,\n"
    "                    utfall per kön, ålder och insats, måluppfyllelse\n"
    "                    (kräver --year)\n"
    "  kohort            jämförelse av två eller flera kohorter: balans vid start,\n"
    "                    före och efter, skillnad i förändring, tid till första\n"
    "                    nya misstanke, avslutsorsaker (kräver två --cohort)\n"
    "\n"
    "Flaggor:\n"
    "  --period P        verksamhet: 2024 (år), 2024-Q3 (kvartal), 2024-T2\n"
    "                    (tertial) eller 2024-05 (månad)\n"
    "  --unit ENHET      verksamhet, arsrapport: bara den enheten\n"
    "  --year ÅR         arsrapport: rapportåret, t.ex. 2025\n"
    "  --years N         arsrapport: år i utvecklingen bakåt (1–10, standard 5)\n"
    "  --by DIM[,DIM]    utfall: dela upp på en eller två av: sex (kön), age (ålder),\n"
    "                    insats, unit (enhet), programme (program),\n"
    "                    target_group (målgrupp), cohort (startår),\n"
    "                    end_reason (avslutsorsak); standard sex\n"
    "  --cohort NAMN:FÄLT=VÄRDE[,FÄLT=VÄRDE]\n"
    "                    kohort: en kohort (ange två eller fler), t.ex.\n"
    "                    'SIG:programme=SIG'; fält: programme, unit,\n"
    "                    target_group, start_year, sex, age\n"
    "  --from DATUM      kohort: bara ärenden som startat från och med DATUM\n"
    "  --to DATUM        kohort: bara ärenden som startat till och med DATUM\n"
    "  --as-of DATUM     datum för uttaget (standard: senaste datum i datat)\n"
    "  --window-before N fönster före start, t.ex. 12m (standard från\n"
    "                    uppfolj.conf, annars 12m)\n"
    "  --window-after N  fönster efter, t.ex. 6m eller 12m\n"
    "  --anchor A        slut (efterperioden räknas från avslut) eller start\n"
    "  --format F[,F]    pdf, xlsx, json, csv (standard pdf,xlsx,json,csv)\n"
    "  -o MAPP           mapp att skriva till (skapas; standard rapporter)\n";

typedef struct report_args {
    const char *name;
    const char *period;
    const char *unit;
    const char *by;
    const char *format;
    const char *dir;
    const char *year;           /* arsrapport: as given */
    int years;
    cli_phase ph;               /* --as-of, --window-*, --anchor */
    const char *cohort_specs[UF_KOHORT_MAX];   /* kohort: --cohort as given */
    uf_cohort_filter cohorts[UF_KOHORT_MAX];
    int ncohorts;
    int from, to;               /* kohort: start dates, INT_MIN / INT_MAX */
} report_args;

/* One --cohort spec into a; false (after a message) when bad. */
static bool add_cohort(report_args *a, const char *spec)
{
    char err[256];
    if (a->ncohorts == UF_KOHORT_MAX) {
        cli_error("--cohort: högst %d kohorter", UF_KOHORT_MAX);
        return false;
    }
    if (uf_cohort_filter_parse(spec, &a->cohorts[a->ncohorts], err, sizeof err) != 0) {
        cli_error("--cohort: %s", err);
        return false;
    }
    for (int j = 0; j < a->ncohorts; j++)
        if (strcmp(a->cohorts[j].name, a->cohorts[a->ncohorts].name) == 0) {
            cli_error("--cohort: kohorten %s finns redan", a->cohorts[j].name);
            return false;
        }
    a->cohort_specs[a->ncohorts++] = spec;
    return true;
}

/* A --from/--to date into *day; false (after a message) when bad. */
static bool start_date(const char *opt, const char *s, int *day)
{
    if (uf_date_parse(s, day) != 0) {
        cli_error("%s %s är inget giltigt datum (ÅÅÅÅ-MM-DD)", opt, s);
        return false;
    }
    return true;
}

/* Parse the options; -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, cli_common *co, report_args *a)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "by", required_argument, NULL, 'b' },
        { "period", required_argument, NULL, 'p' },
        { "unit", required_argument, NULL, 'u' },
        CLI_PHASE_OPTIONS,
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "year", required_argument, NULL, 'y' },
        { "years", required_argument, NULL, 'Y' },
        { "cohort", required_argument, NULL, 'C' },
        { "from", required_argument, NULL, 'F' },
        { "to", required_argument, NULL, 'T' },
        { 0, 0, 0, 0 }
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qho:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(usage, stdout); return EXIT_OK;
        case 'b': a->by = optarg; break;
        case 'p': a->period = optarg; break;
        case 'u': a->unit = optarg; break;
        case 'f': a->format = optarg; break;
        case 'o': a->dir = optarg; break;
        case 'y': a->year = optarg; break;
        case 'C':
            if (!add_cohort(a, optarg))
                return EXIT_INPUT;
            break;
        case 'F':
        case 'T':
            if (!start_date(c == 'F' ? "--from" : "--to", optarg, c == 'F' ? &a->from : &a->to))
                return EXIT_INPUT;
            break;
        case 'Y': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end || v < 1 || v > UF_ARS_MAX_YEARS) {
                cli_error("--years %s: ange ett antal år från 1 till %d", optarg, UF_ARS_MAX_YEARS);
                return EXIT_INPUT;
            }
            a->years = (int)v;
            break;
        }
        default: {
            int ph = cli_phase_opt(&a->ph, c, optarg);
            if (ph < 0)
                return EXIT_INPUT;
            if (ph == 0 && !cli_common_opt(co, c, optarg)) {
                fputs(usage, stderr);
                return EXIT_INPUT;
            }
        }
        }
    }
    if (optind + 1 != argc) {
        cli_error("ange en rapport, t.ex. uppfolj report utfall (se uppfolj report --help)");
        return EXIT_INPUT;
    }
    a->name = argv[optind];
    if (strcmp(a->name, "utfall") != 0 && strcmp(a->name, "verksamhet") != 0 &&
        strcmp(a->name, "arsrapport") != 0 && strcmp(a->name, "kohort") != 0) {
        cli_error("okänd rapport '%s' (finns: verksamhet, utfall, arsrapport, kohort)", a->name);
        return EXIT_INPUT;
    }
    if (strcmp(a->name, "verksamhet") == 0 && !a->period) {
        cli_error("verksamhet behöver en period: --period 2024, 2024-Q3, 2024-T2 eller 2024-05");
        return EXIT_INPUT;
    }
    if (strcmp(a->name, "arsrapport") == 0 && !a->year) {
        cli_error("arsrapport behöver ett år: --year 2025");
        return EXIT_INPUT;
    }
    if (strcmp(a->name, "kohort") == 0 && a->ncohorts < 2) {
        cli_error("kohort behöver minst två kohorter, t.ex. --cohort 'SIG:programme=SIG' "
                  "--cohort 'Jämförelse:programme=ordinarie'");
        return EXIT_INPUT;
    }
    if (strcmp(a->name, "kohort") == 0 && a->from > a->to) {
        cli_error("--from ligger efter --to");
        return EXIT_INPUT;
    }
    return -1;
}

/* The report year of --year into *year; false (after a message) when bad. */
static bool parse_year(const char *s, int *year)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || v < 1900 || v > 2199) {
        cli_error("--year %s: ange ett år med fyra siffror, t.ex. 2025", s);
        return false;
    }
    *year = (int)v;
    return true;
}

/* The breakdown of --by into o; false (after a message) when bad. */
static bool parse_by(const char *by, uf_report_opts *o)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", by);
    o->nby = 0;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        int d = uf_dim_parse(tok);
        if (d < 0 || o->nby == 2) {
            cli_error(d < 0 ? "--by: okänd uppdelning '%s'" : "--by: högst två uppdelningar (%s)",
                      tok);
            return false;
        }
        o->by[o->nby++] = (uf_dim)d;
    }
    if (o->nby == 0) {
        cli_error("--by: ange en uppdelning, t.ex. sex");
        return false;
    }
    return true;
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
                 sqlite3_column_int64(st, 0), sqlite3_column_text(st, 1),
                 base ? base : "", sqlite3_column_text(st, 3), sqlite3_column_text(st, 4));
        uf_report_snapshot(r, line);
        uf_report_set(r, &r->created, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
}

/*
 * The creation time written into PDF and XLSX files: SOURCE_DATE_EPOCH when
 * set (reproducible builds' convention), else midnight UTC of the data
 * snapshot's date, never the clock, so that the same database and
 * parameters give the same bytes.
 */
static long long created_epoch(const uf_report *r)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    char *end;
    if (env && *env) {
        long long v = strtoll(env, &end, 10);
        if (!*end && v > 0)
            return v;
    }
    int day;
    if (r->created && uf_date_parse(r->created, &day) == 0)
        return (long long)day * 86400;
    return 1;
}

/* Write the formats of a->format into a->dir. */
static int write_formats(const report_args *a, const uf_report *r, const cli_common *co)
{
    if (mkdir(a->dir, 0755) != 0 && errno != EEXIST) {
        cli_error("kunde inte skapa mappen %s: %s", a->dir, strerror(errno));
        return EXIT_FAIL;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%s", a->format);
    for (char *f = strtok(buf, ","); f; f = strtok(NULL, ",")) {
        char path[4096];
        const char *failed = NULL;
        uf_error err;
        if (strcmp(f, "json") == 0) {
            snprintf(path, sizeof path, "%s/%s.json", a->dir, a->name);
            err = uf_render_json(r, path);
            failed = path;
        } else if (strcmp(f, "csv") == 0) {
            err = uf_render_csv(r, a->dir, &failed);
            snprintf(path, sizeof path, "%s/*.csv", a->dir);
        } else if (strcmp(f, "pdf") == 0 || strcmp(f, "xlsx") == 0) {
            snprintf(path, sizeof path, "%s/%s.%s", a->dir, a->name, f);
            err = f[0] == 'p' ? uf_render_pdf(r, path, created_epoch(r))
                              : uf_render_xlsx(r, path, created_epoch(r));
            failed = path;
        } else {
            cli_error("--format: okänt format '%s' (finns: pdf, xlsx, json, csv)", f);
            return EXIT_INPUT;
        }
        if (err != UF_OK) {
            cli_error("kunde inte skriva %s: %s", failed ? failed : path, strerror(errno));
            return EXIT_FAIL;
        }
        cli_say(co, "Skrev %s\n", path);
    }
    return EXIT_OK;
}

int cmd_report(int argc, char **argv, cli_common *co)
{
    report_args a = { .by = "sex", .format = "pdf,xlsx,json,csv", .dir = "rapporter",
                      .ph = CLI_PHASE_INIT, .years = 5, .from = INT_MIN, .to = INT_MAX };
    int code = parse_args(argc, argv, co, &a);
    if (code >= 0)
        return code;
    uf_config cfg;
    if ((code = cli_load_config(co, &cfg)) >= 0) {
        uf_config_release(&cfg);
        return code;
    }
    uf_report_opts ro = { .cfg = &cfg };
    sqlite3 *db = NULL;
    uf_cohort *c = NULL;
    uf_report *r = NULL;
    code = EXIT_INPUT;
    int year = 0;
    if (!parse_by(a.by, &ro) || (a.year && !parse_year(a.year, &year)))
        goto out;
    uf_error err = uf_db_open(co->db, &db);
    if (err != UF_OK) {
        cli_error("kunde inte öppna databasen %s: %s", co->db, uf_strerror(err));
        code = cli_exit_code(err);
        goto out;
    }
    if (strcmp(a.name, "verksamhet") == 0) {
        r = uf_report_verksamhet(db, a.period, a.unit, &cfg, &err);
        if (!r) {
            if (err == UF_ERR_USAGE)
                cli_error("--period %s: ange 2024, 2024-Q3, 2024-T2 eller 2024-05", a.period);
            else
                cli_error("kunde inte läsa data: %s", err == UF_ERR_DB ? sqlite3_errmsg(db)
                                                                       : uf_strerror(err));
            code = cli_exit_code(err);
            goto out;
        }
    } else {
        uf_core_params p;
        cli_phase_params(&a.ph, &cfg, &p);
        err = uf_core_load(db, &p, &c);
        if (err != UF_OK) {
            if (err == UF_ERR_INPUT)
                cli_error("databasen innehåller inga data att rapportera");
            else
                cli_error("kunde inte läsa data: %s", sqlite3_errmsg(db));
            code = cli_exit_code(err);
            goto out;
        }
        if (strcmp(a.name, "arsrapport") == 0) {
            uf_arsrapport_opts ao = { .year = year, .years = a.years, .unit = a.unit,
                                      .cfg = &cfg };
            r = uf_report_arsrapport(db, c, &ao, &err);
            if (!r && err != UF_ERR_NOMEM) {
                if (err == UF_ERR_USAGE)
                    cli_error("--year %d ligger efter datumet för uttaget", year);
                else
                    cli_error("kunde inte läsa data: %s", sqlite3_errmsg(db));
                code = cli_exit_code(err);
                goto out;
            }
        } else if (strcmp(a.name, "kohort") == 0) {
            uf_kohort_opts ko = { .cohorts = a.cohorts, .specs = a.cohort_specs,
                                  .ncohorts = a.ncohorts, .from = a.from, .to = a.to,
                                  .cfg = &cfg };
            r = uf_report_kohort(db, c, &ko, &err);
            if (!r && err != UF_ERR_NOMEM) {
                cli_error("kunde inte läsa data: %s", err == UF_ERR_DB ? sqlite3_errmsg(db)
                                                                       : uf_strerror(err));
                code = cli_exit_code(err);
                goto out;
            }
        } else
            r = uf_report_utfall(c, &ro);
    }
    if (!r || uf_suppress_report(r, cfg.threshold) < 0) {
        cli_error("minnet räckte inte");
        code = EXIT_FAIL;
        goto out;
    }
    snapshot(db, r);
    code = write_formats(&a, r, co);
out:
    uf_report_free(r);
    uf_cohort_free(c);
    uf_db_close(db);
    uf_config_release(&cfg);
    return code;
}
