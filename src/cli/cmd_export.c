/*
 * cmd_export.c - `uppfolj export`: the de-identified analysis export of
 * one or more named cohorts (SPEC §8, §9.3; export.h).  Prints the rows
 * per cohort, never anything about a person.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "uppfolj/cohort.h"
#include "uppfolj/config.h"
#include "uppfolj/core.h"
#include "uppfolj/db.h"
#include "uppfolj/export.h"
#include "uppfolj/parse.h"
#include "uppfolj/population.h"

static const char usage[] =
    "Användning: uppfolj [--db FIL] export --cohort NAMN:fält=värde [--cohort ...]\n"
    "                    [flaggor] -o MAPP\n"
    "\n"
    "Skriver en avidentifierad analysfil: en rad per ärende och kohort, med\n"
    "nya slumpade id:n vid varje export (samma person får samma id inom\n"
    "exporten), datum som månad eller dagar från start, ingen fritext och\n"
    "inga personnummer.  Ärenden utan samtycke till uppföljning har bara\n"
    "flödeskolumnerna.  Filer: export.csv, export.xlsx, kodbok.csv och\n"
    "inläsningsskript för R (load.R), SPSS (load.sps) och Stata (load.do).\n"
    "\n"
    "Flaggor:\n"
    "  --cohort SPEC     en namngiven kohort, t.ex. 'SIG:programme=SIG' eller\n"
    "                    '2023:start_year=2023,sex=F' (fält: programme, unit,\n"
    "                    target_group, start_year, sex, age); upprepa för fler\n"
    "  --program P       bara ärenden i programmet P (krävs när databasen har\n"
    "                    flera program och inte varje kohort anger sitt)\n"
    "  --unit ENHET      bara ärenden i enheten\n"
    "  --as-of DATUM     datum för uttaget (standard: senaste datum i datat)\n"
    "  --window-before N fönster före start, t.ex. 12m\n"
    "  --window-after N  fönster efter, t.ex. 6m eller 12m\n"
    "  --anchor A        slut (efterperioden räknas från avslut) eller start\n"
    "  -o MAPP           mapp att skriva till (skapas; standard export)\n";

typedef struct export_args {
    uf_cohort_filter filters[UF_EXPORT_MAX_COHORTS];
    int nfilters;
    const char *dir;
    const char *program, *unit; /* --program, --unit: the population */
    cli_phase ph;               /* --as-of, --window-*, --anchor */
    char params[1024];          /* the command line as given, for the output log */
} export_args;

/* One --cohort; false (after a message) when bad. */
static bool add_cohort(export_args *a, const char *spec)
{
    char err[256];
    if (a->nfilters == UF_EXPORT_MAX_COHORTS) {
        cli_error("--cohort: högst %d kohorter", UF_EXPORT_MAX_COHORTS);
        return false;
    }
    if (uf_cohort_filter_parse(spec, &a->filters[a->nfilters], err, sizeof err) != 0) {
        cli_error("--cohort %s: %s", spec, err);
        return false;
    }
    for (int i = 0; i < a->nfilters; i++)
        if (strcmp(a->filters[i].name, a->filters[a->nfilters].name) == 0) {
            cli_error("--cohort: namnet %s används två gånger", a->filters[i].name);
            return false;
        }
    a->nfilters++;
    return true;
}

/* Parse the options; -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, cli_common *co, export_args *a)
{
    static const struct option opts[] = { CLI_COMMON_OPTIONS,
                                          { "cohort", required_argument, NULL, 'c' },
                                          { "program", required_argument, NULL, 'P' },
                                          { "programme", required_argument, NULL, 'P' },
                                          { "unit", required_argument, NULL, 'u' },
                                          CLI_PHASE_OPTIONS,
                                          { "output", required_argument, NULL, 'o' },
                                          { 0, 0, 0, 0 } };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qho:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(usage, stdout); return EXIT_OK;
        case 'o': a->dir = optarg; break;
        case 'P': a->program = optarg; break;
        case 'u': a->unit = optarg; break;
        case 'c':
            if (!add_cohort(a, optarg))
                return EXIT_INPUT;
            break;
        default: {
            int ph = cli_phase_opt(&a->ph, c, optarg);
            if (ph < 0)
                return EXIT_INPUT;
            if (ph == 0 && !cli_common_opt(co, c, optarg))
                return cli_bad_option(argv, c);
        }
        }
    }
    if (optind != argc) {
        cli_error("export tar inga argument (se uppfolj export --help)");
        return EXIT_INPUT;
    }
    if (a->nfilters == 0) {
        cli_error("ange minst en kohort, t.ex. --cohort 'SIG:programme=SIG'");
        return EXIT_INPUT;
    }
    return -1;
}

/* Decide and apply the population (population.h); -1 to go on, else
 * the exit code. */
static int population(export_args *a, const uf_config *cfg, sqlite3 *db, char *words, size_t n)
{
    uf_population_req q = { .program = a->program,
                            .unit = a->unit,
                            .cohorts = a->filters,
                            .ncohorts = a->nfilters,
                            .default_program = cfg->program };
    return cli_population(db, &q, words, n);
}

/* Load the cases, write the files and print the counts. */
static int run_export(const export_args *a, const uf_config *cfg, sqlite3 *db, const cli_common *co,
                      const char *words, const struct timespec *since)
{
    uf_core_params p;
    cli_phase_params(&a->ph, cfg, &p);
    p.with_goals = p.with_meetings = p.with_insats_days = true; /* every measure */
    uf_caseset *c = NULL;
    uf_error err = uf_core_load(db, &p, &c);
    if (err != UF_OK) {
        if (err != UF_ERR_INPUT)
            return cli_db_failed(co->db, db, err, "kunde inte läsa data");
        cli_error("databasen innehåller inga data att exportera");
        return cli_exit_code(err);
    }
    uf_export_opts o = {
        .filters = a->filters, .nfilters = a->nfilters, .cfg = cfg, .dir = a->dir
    };
    uf_export_result *res = malloc(sizeof *res);
    int code = EXIT_FAIL;
    if (!res)
        cli_error("minnet räckte inte");
    else if ((err = uf_export_write(db, c, &o, res)) != UF_OK) {
        if (err == UF_ERR_IO)
            cli_error("kunde inte skriva %s: %s", res->failed, uf_strerrno(errno));
        else if (err == UF_ERR_DB)
            code = cli_db_failed(co->db, db, err, "kunde inte läsa data");
        else
            cli_error("exporten misslyckades: %s", uf_strerror(err));
    } else {
        char asof[UF_DATE_BUF];
        uf_date_format(c->as_of, asof);
        cli_say(co, "Exporterade till %s (uttagsdatum %s, %zu personer; population: %s):\n", a->dir,
                asof, res->persons, words);
        for (int i = 0; i < a->nfilters; i++)
            cli_say(co, "  %s: %zu rader\n", a->filters[i].name, res->rows[i]);
        code = EXIT_OK;
        /* what left the database (schema 5), after the reading */
        uf_db_read_end(db);
        int logged = cli_log_output(co, db, "export", a->params, words, "extern", a->dir, since);
        code = logged >= 0 ? logged : code;
    }
    free(res);
    uf_caseset_free(c);
    return code;
}

int cmd_export(int argc, char **argv, cli_common *co)
{
    export_args *a = calloc(1, sizeof *a);
    if (!a) {
        cli_error("minnet räckte inte");
        return EXIT_FAIL;
    }
    a->dir = "export";
    a->ph = (cli_phase)CLI_PHASE_INIT;
    cli_join_args(argc, argv, a->params, sizeof a->params); /* before getopt reorders argv */
    int code = parse_args(argc, argv, co, a);
    if (code >= 0) {
        free(a);
        return code;
    }
    uf_config cfg;
    if ((code = cli_load_config(co, &cfg)) >= 0) {
        uf_config_release(&cfg);
        free(a);
        return code;
    }
    sqlite3 *db = NULL;
    char words[768];
    uf_error err;
    if ((code = cli_open_db(co, &cfg, &db)) >= 0) {
        /* the message is printed */
    } else if ((err = uf_db_read_begin(db)) != UF_OK) {
        /* one snapshot for everything the export reads */
        code = cli_db_failed(co->db, db, err, "kunde inte läsa data");
    } else if ((code = population(a, &cfg, db, words, sizeof words)) >= 0) {
        /* the message is printed */
    } else if (!cli_make_dir(a->dir, 0700)) {
        code = EXIT_FAIL;
    } else {
        struct timespec since;
        clock_gettime(CLOCK_REALTIME, &since);
        code = run_export(a, &cfg, db, co, words, &since);
    }
    uf_db_read_end(db);
    uf_db_close(db);
    uf_config_release(&cfg);
    free(a);
    return code;
}
