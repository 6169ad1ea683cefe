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
#include <unistd.h>
#include "cli.h"
#include "uppfolj/cohort.h"
#include "uppfolj/config.h"
#include "uppfolj/core.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/population.h"
#include "uppfolj/render.h"
#include "uppfolj/reports.h"
#include "uppfolj/suppress.h"

static const char usage[] =
    "Användning: uppfolj [--db FIL] report NAMN [flaggor]\n"
    "\n"
    "Skriver en rapport.  Alla tal är aggregat; i en extern rapport (standard)\n"
    "visas inte värden som bygger på färre än 5 personer (tröskeln i\n"
    "uppfolj.conf), i en intern (--mottagare intern) visas allt utom test över\n"
    "färre än 5.  Varje rapport gäller en population: har databasen flera\n"
    "program anger --program (eller program under [rapporter] i uppfolj.conf)\n"
    "vilket.  Värden i --program, --unit och --cohort jämförs som vid import\n"
    "(stora och små bokstäver och å ä ö spelar ingen roll); ett värde som\n"
    "inget ärende har är ett fel.\n"
    "\n"
    "Rapporter (uppfolj report --help visar också egna rapporter i mappen\n"
    "rapporter/ bredvid databasen):\n"
    "%s"
    "\n"
    "Flaggor för alla rapporter:\n"
    "  --program P       bara ärenden i programmet P, t.ex. SIG\n"
    "  --unit ENHET      bara ärenden i enheten\n"
    "  --cohort NAMN:FÄLT=VÄRDE[,FÄLT=VÄRDE]\n"
    "                    bara ärenden som uppfyller villkoren; fält: programme,\n"
    "                    unit, target_group, start_year, sex, age.  kohort:\n"
    "                    en kohort att jämföra (ange två eller fler)\n"
    "  --format F[,F]    pdf, xlsx, json, csv (standard pdf,xlsx,json,csv)\n"
    "  -o MAPP           mapp att skriva till (skapas; standard rapporter)\n"
    "  --mottagare M     extern (standard; mottagare under [rapporter] i\n"
    "                    uppfolj.conf ändrar det): med röjandeskydd, för den som\n"
    "                    står utanför; intern: exakta tal för enhetens egen\n"
    "                    personal, varje sida märkt som internt arbetsmaterial\n"
    "\n"
    "Flaggor för vissa rapporter (en flagga som rapporten inte tar är ett fel):\n"
    "  --period P        verksamhet: 2024 (år), 2024-Q3 (kvartal), 2024-T2\n"
    "                    (tertial) eller 2024-05 (månad); flera i följd,\n"
    "                    2024..2025 eller 2025-Q1..2025-Q3; eller de senaste\n"
    "                    månaderna till datumet för uttaget, 12m; en period\n"
    "                    efter datumet för uttaget avkortas där; datakvalitet\n"
    "                    utan --period: hela datat\n"
    "  --lista           datakvalitet: i stället för rapporten den interna\n"
    "                    arbetslistan (ärende-id, enhet, regel, datum) som CSV och\n"
    "                    XLSX, märkt som internt arbetsmaterial\n"
    "  --year ÅR         arsrapport: rapportåret, t.ex. 2025\n"
    "  --years N         arsrapport: år i utvecklingen bakåt (1–10, standard 5)\n"
    "  --by DIM[,DIM]    utfall: dela upp på en eller två av: sex (kön), age (ålder),\n"
    "                    insats, unit (enhet), programme (program),\n"
    "                    target_group (målgrupp), cohort (startår),\n"
    "                    end_reason (avslutsorsak), risk (risknivå vid start:\n"
    "                    också insatsernas omfattning per nivå); standard sex\n"
    "  --from DATUM      kohort: bara ärenden som startat från och med DATUM\n"
    "  --to DATUM        kohort: bara ärenden som startat till och med DATUM\n"
    "  --as-of DATUM     datum för uttaget (standard: senaste datum i datat)\n"
    "  --window-before N fönster före start, t.ex. 12m (standard från\n"
    "                    uppfolj.conf, annars 12m)\n"
    "  --window-after N  fönster efter, t.ex. 6m eller 12m\n"
    "  --anchor A        slut (efterperioden räknas från avslut) eller start\n";

typedef struct report_args {
    const char *name;
    const char *period;
    const char *unit;
    const char *program;
    const char *by;
    const char *format;
    const char *dir;
    const char *audience; /* --mottagare as given, NULL = uppfolj.conf's */
    const char *year;     /* arsrapport: as given */
    int years;
    cli_phase ph;                            /* --as-of, --window-*, --anchor */
    const char *cohort_specs[UF_KOHORT_MAX]; /* --cohort as given */
    uf_cohort_filter cohorts[UF_KOHORT_MAX];
    int ncohorts;
    int from, to;   /* kohort: start dates, INT_MIN / INT_MAX */
    unsigned given; /* UF_RO_* of the options given */
    bool help;
    bool format_given;
    char base[128];    /* the name of the PDF, XLSX and JSON files */
    char params[1024]; /* the command line as given, for the output log */
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

/* --years N into a; false (after a message) when bad. */
static bool parse_years(report_args *a, const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end || v < 1 || v > UF_ARS_MAX_YEARS) {
        cli_error("--years %s: ange ett antal år från 1 till %d", s, UF_ARS_MAX_YEARS);
        return false;
    }
    a->years = (int)v;
    return true;
}

/* Parse the options; -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, cli_common *co, report_args *a)
{
    static const struct option opts[] = { CLI_COMMON_OPTIONS,
                                          { "by", required_argument, NULL, 'b' },
                                          { "period", required_argument, NULL, 'p' },
                                          { "unit", required_argument, NULL, 'u' },
                                          { "program", required_argument, NULL, 'P' },
                                          { "programme", required_argument, NULL, 'P' },
                                          CLI_PHASE_OPTIONS,
                                          { "format", required_argument, NULL, 'f' },
                                          { "output", required_argument, NULL, 'o' },
                                          { "year", required_argument, NULL, 'y' },
                                          { "years", required_argument, NULL, 'Y' },
                                          { "cohort", required_argument, NULL, 'C' },
                                          { "from", required_argument, NULL, 'F' },
                                          { "to", required_argument, NULL, 'T' },
                                          { "mottagare", required_argument, NULL, 'M' },
                                          { "lista", no_argument, NULL, 'L' },
                                          { "audience", required_argument, NULL, 'M' },
                                          { 0, 0, 0, 0 } };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qho:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': a->help = true; break;
        case 'b':
            a->by = optarg;
            a->given |= UF_RO_BY;
            break;
        case 'p':
            a->period = optarg;
            a->given |= UF_RO_PERIOD;
            break;
        case 'u': a->unit = optarg; break;
        case 'P': a->program = optarg; break;
        case 'f':
            a->format = optarg;
            a->format_given = true;
            break;
        case 'o': a->dir = optarg; break;
        case 'L': a->given |= UF_RO_LIST; break;
        case 'M':
            if (strcmp(optarg, "intern") != 0 && strcmp(optarg, "extern") != 0) {
                cli_error("--mottagare %s: ange intern eller extern", optarg);
                return EXIT_INPUT;
            }
            a->audience = optarg;
            break;
        case 'y':
            a->year = optarg;
            a->given |= UF_RO_YEAR;
            break;
        case 'C':
            if (!add_cohort(a, optarg))
                return EXIT_INPUT;
            break;
        case 'F':
        case 'T':
            if (!start_date(c == 'F' ? "--from" : "--to", optarg, c == 'F' ? &a->from : &a->to))
                return EXIT_INPUT;
            a->given |= UF_RO_FROMTO;
            break;
        case 'Y':
            if (!parse_years(a, optarg))
                return EXIT_INPUT;
            a->given |= UF_RO_YEARS;
            break;
        default: {
            int ph = cli_phase_opt(&a->ph, c, optarg);
            if (ph < 0)
                return EXIT_INPUT;
            if (ph > 0)
                a->given |= c == 'a' ? UF_RO_ASOF : UF_RO_WINDOWS;
            if (ph == 0 && !cli_common_opt(co, c, optarg))
                return cli_bad_option(argv, c);
        }
        }
    }
    if (!a->help && optind + 1 != argc) {
        cli_error("ange en rapport, t.ex. uppfolj report utfall (se uppfolj report --help)");
        return EXIT_INPUT;
    }
    a->name = optind < argc ? argv[optind] : NULL;
    if (a->ncohorts > 1)
        a->given |= UF_RO_COHORTS;
    return -1;
}

/* The option names of UF_RO_* flags, for messages. */
static const struct {
    unsigned flag;
    const char *name;
} flag_names[] = {
    { UF_RO_PERIOD, "--period" },
    { UF_RO_YEAR, "--year" },
    { UF_RO_YEARS, "--years" },
    { UF_RO_BY, "--by" },
    { UF_RO_COHORTS, "--cohort (flera)" },
    { UF_RO_FROMTO, "--from/--to" },
    { UF_RO_ASOF, "--as-of" },
    { UF_RO_WINDOWS, "--window-before/--window-after/--anchor" },
    { UF_RO_LIST, "--lista" },
};

/* The options a report takes, in words, into out. */
static void takes_words(unsigned takes, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof flag_names / sizeof *flag_names; i++)
        if (takes & flag_names[i].flag) {
            int w = snprintf(out + used, n - used, "%s%s", used ? ", " : "", flag_names[i].name);
            used += w > 0 && (size_t)w < n - used ? (size_t)w : 0;
        }
    if (!*out)
        snprintf(out, n, "inga utöver dem alla rapporter tar");
}

/* Check a's options against the report; false (after a message) when one
 * is not taken or a needed one is missing. */
static bool check_options(const report_args *a, const uf_report_info *info)
{
    char takes[256];
    takes_words(info->takes, takes, sizeof takes);
    for (size_t i = 0; i < sizeof flag_names / sizeof *flag_names; i++)
        if ((a->given & flag_names[i].flag) && !(info->takes & flag_names[i].flag)) {
            cli_error("rapporten %s tar inte %s (den tar: %s; se uppfolj report --help)",
                      info->name, flag_names[i].name, takes);
            return false;
        }
    if ((info->needs & UF_RO_PERIOD) && !a->period) {
        cli_error("%s behöver en period: --period 2024, 2024-Q3, 2024-T2, 2024-05, 2024..2025 "
                  "eller 12m",
                  info->name);
        return false;
    }
    if ((info->needs & UF_RO_YEAR) && !a->year) {
        cli_error("%s behöver ett år: --year 2025", info->name);
        return false;
    }
    if ((info->needs & UF_RO_COHORTS) && a->ncohorts < 2) {
        cli_error("%s behöver minst två kohorter, t.ex. --cohort 'SIG:programme=SIG' "
                  "--cohort 'Jämförelse:programme=ordinarie'",
                  info->name);
        return false;
    }
    if ((a->given & UF_RO_FROMTO) && a->from > a->to) {
        cli_error("--from ligger efter --to");
        return false;
    }
    return true;
}

/* --lista: the worklist is internal and CSV and XLSX only (the default
 * formats then); its files are NAME_lista.*.  false after a message. */
static bool list_options(report_args *a, uf_config *cfg)
{
    if (a->audience && strcmp(a->audience, "intern") != 0) {
        cli_error("--lista: arbetslistan är alltid internt arbetsmaterial (--mottagare intern)");
        return false;
    }
    cfg->internal = true;
    if (!a->format_given)
        a->format = "csv,xlsx";
    else if (strstr(a->format, "pdf") || strstr(a->format, "json")) {
        cli_error("--lista: arbetslistan skrivs bara som csv och xlsx (--format %s)", a->format);
        return false;
    }
    snprintf(a->base, sizeof a->base, "%s_lista", a->name);
    return true;
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

/* Is every format of the list s known?  false after a message. */
static bool check_formats(const char *s)
{
    char buf[64];
    if (strlen(s) >= sizeof buf) {
        cli_error("--format %s: ange pdf, xlsx, json och/eller csv", s);
        return false;
    }
    snprintf(buf, sizeof buf, "%s", s);
    for (char *f = strtok(buf, ","); f; f = strtok(NULL, ","))
        if (strcmp(f, "pdf") != 0 && strcmp(f, "xlsx") != 0 && strcmp(f, "json") != 0 &&
            strcmp(f, "csv") != 0) {
            cli_error("--format: okänt format '%s' (finns: pdf, xlsx, json, csv)", f);
            return false;
        }
    return true;
}

/* Write the formats of a->format (checked) into a->dir. */
static int write_formats(const report_args *a, const uf_report *r, const cli_common *co)
{
    if (!cli_make_dir(a->dir, 0755))
        return EXIT_FAIL;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", a->format);
    uf_diag d;
    uf_diag_init(&d);
    uf_error err = UF_OK;
    for (char *f = strtok(buf, ","); f && err == UF_OK; f = strtok(NULL, ",")) {
        char path[4096];
        if (strcmp(f, "csv") == 0) {
            snprintf(path, sizeof path, "%s/*.csv", a->dir);
            err = uf_render_csv(r, a->dir, &d);
        } else {
            snprintf(path, sizeof path, "%s/%s.%s", a->dir, a->base, f);
            err = f[0] == 'j'   ? uf_render_json(r, path, &d)
                  : f[0] == 'p' ? uf_render_pdf(r, path, created_epoch(r), &d)
                                : uf_render_xlsx(r, path, created_epoch(r), &d);
        }
        if (err == UF_OK)
            cli_say(co, "Skrev %s\n", path);
    }
    uf_diag_print(&d, stderr);
    uf_diag_release(&d);
    if (err == UF_ERR_NOMEM)
        cli_error("minnet räckte inte");
    return err == UF_OK ? EXIT_OK : EXIT_FAIL;
}

/* The registry: the built-in reports and the definitions in the folder of
 * uppfolj.conf's [rapporter] mapp, else rapporter/ beside the database.
 * -1 to go on, else the exit code (after the messages). */
static int registry(const cli_common *co, const uf_config *cfg, uf_registry *g)
{
    char *dir = NULL;
    if (!cfg->report_dir) {
        const char *slash = strrchr(co->db, '/');
        int len = slash ? (int)(slash - co->db) + 1 : 0;
        size_t n = (size_t)len + sizeof "rapporter";
        if ((dir = malloc(n)) != NULL)
            snprintf(dir, n, "%.*srapporter", len, co->db);
    }
    uf_diag d;
    uf_diag_init(&d);
    uf_error err = uf_registry_init(g, cfg->report_dir ? cfg->report_dir : dir, &d);
    uf_diag_print(&d, stderr);
    uf_diag_release(&d);
    if (err == UF_ERR_INPUT)
        cli_error("en rapportdefinition har fel");
    else if (err == UF_ERR_NOMEM)
        cli_error("minnet räckte inte");
    free(dir);
    return err == UF_OK ? -1 : cli_exit_code(err);
}

/* Append the help line of one report to out (n bytes, wrapped at 78
 * columns, the summary indented to column 20). */
static void help_line(char *out, size_t n, const uf_report_info *info)
{
    size_t used = strlen(out);
    int col = snprintf(out + used, n - used, "  %-16s  ", info->name);
    used += col > 0 ? (size_t)col : 0;
    const char *w = info->summary;
    while (*w && used < n) {
        size_t len = strcspn(w, " ");
        int cols = 0;
        for (size_t i = 0; i < len; i++)
            cols += ((unsigned char)w[i] & 0xC0) != 0x80;
        bool wrap = col > 20 && col + 1 + cols > 78;
        int k = snprintf(out + used, n - used,
                         wrap       ? "\n%20s%.*s"
                         : col > 20 ? " %s%.*s"
                                    : "%s%.*s",
                         "", (int)len, w);
        used += k > 0 ? (size_t)k : 0;
        col = (wrap ? 20 : col > 20 ? col + 1 : col) + cols;
        w += len;
        w += *w == ' ';
    }
    if (used < n)
        snprintf(out + used, n - used, "\n");
}

/* --help with the reports of the registry. */
static int help(const uf_registry *g)
{
    size_t n = 1;
    for (size_t i = 0; i < g->n; i++)
        n += strlen(g->v[i].name) + 2 * strlen(g->v[i].summary) + 64;
    char *list = calloc(1, n);
    if (!list)
        return EXIT_FAIL;
    for (size_t i = 0; i < g->n; i++)
        help_line(list, n, &g->v[i]);
    printf(usage, list);
    free(list);
    return EXIT_OK;
}

/* Decide and apply the population; words gets it in Swedish.  -1 to go
 * on, else the exit code. */
static int population(sqlite3 *db, report_args *a, const uf_report_info *info,
                      const uf_report_opts *ro, const uf_config *cfg, char *words, size_t n,
                      char *unit, size_t unitlen)
{
    bool compared = info->takes & UF_RO_COHORTS;
    if (!compared && a->ncohorts > 1) {
        cli_error("rapporten %s tar en --cohort (populationen); jämför kohorter med "
                  "uppfolj report kohort",
                  info->name);
        return EXIT_INPUT;
    }
    bool by_programme = false;
    for (int i = 0; (info->takes & UF_RO_BY) && i < ro->nby; i++)
        by_programme |= ro->by[i] == UF_DIM_PROGRAMME;
    uf_population_req q = { .program = a->program,
                            .unit = a->unit,
                            .filter = !compared && a->ncohorts ? &a->cohorts[0] : NULL,
                            .cohorts = compared ? a->cohorts : NULL,
                            .ncohorts = compared ? a->ncohorts : 0,
                            .by_programme = by_programme,
                            .default_program = cfg->program };
    int code = cli_population(db, &q, words, n);
    snprintf(unit, unitlen, "%s", q.unit_name);
    return code;
}

/* The cells disclosure control hid in the tables of r that lean has
 * too (by table id). */
static long hidden_in(const uf_report *r, const uf_report *lean)
{
    long n = 0;
    for (int s = 0; s < r->nsections; s++)
        for (int i = 0; i < r->sections[s]->ntables; i++) {
            const uf_table *t = r->sections[s]->tables[i];
            bool both = false;
            for (int s2 = 0; s2 < lean->nsections && !both; s2++)
                for (int j = 0; j < lean->sections[s2]->ntables && !both; j++)
                    both = strcmp(lean->sections[s2]->tables[j]->id, t->id) == 0;
            for (int k = 0; both && k < t->nrows; k++)
                for (int c = 0; c < t->ncols; c++) {
                    uf_supp x = t->rows[k].cells[c].supp;
                    n += x == UF_SUPP_SMALL || x == UF_SUPP_SECONDARY || x == UF_SUPP_FEW ||
                         x == UF_SUPP_ANY;
                }
        }
    return n;
}

/* Disclosure control on r (and lean, the same report without its tables
 * of detail, or NULL): the one that hides less of what both show is
 * kept in *r, the other freed.  1 when lean was kept, 0 when r, -1 when
 * memory ran out. */
static int protect(uf_report **r, uf_report *lean, const uf_config *cfg)
{
    if (cfg->internal)
        return uf_suppress_internal(*r, cfg->threshold) < 0 ? -1 : 0;
    if (uf_suppress_report(*r, cfg->threshold) < 0 ||
        (lean && uf_suppress_report(lean, cfg->threshold) < 0)) {
        uf_report_free(lean);
        return -1;
    }
    if (lean && hidden_in(*r, lean) > hidden_in(lean, lean)) {
        uf_report_free(*r);
        *r = lean;
        return 1;
    }
    uf_report_free(lean);
    return 0;
}

/* Said where an extern report left out its tables of detail. */
static const char detail_note[] =
    "Tabellen månad för månad visas inte: i en extern rapport skulle röjandeskyddet för de "
    "små månadstalen dölja fler av rapportens andra värden. Den visas i en intern rapport "
    "(--mottagare intern) och i en extern när det finns fler ärenden per månad.";

/* Build, protect and write the report.  The exit code. */
static int run(report_args *a, const uf_report_info *info, uf_report_req *q, sqlite3 *db,
               const cli_common *co)
{
    uf_diag d;
    uf_diag_init(&d);
    uf_error err;
    uf_report *r = uf_report_run(info, q, a->period, &d, &err), *lean = NULL;
    if (r && !q->cfg->internal && uf_report_has_detail(r)) {
        /* an extern report with tables of detail: also without them, and
         * the one that protects the rest at the lower price is written */
        lean = uf_report_without_detail(r, detail_note);
        if (!lean) {
            uf_report_free(r);
            r = NULL;
            err = UF_ERR_NOMEM;
        }
    }
    if (!r && err == UF_ERR_DB)
        err = uf_db_error(db);
    uf_db_read_end(db); /* all is read: the model holds the report */
#ifdef UF_TEST_TRUTH
    /* test builds only (Makefile: uppfolj-truth): the model before
     * disclosure control, for the attacker test */
    if (r)
        (void)cli_make_dir(a->dir, 0755);
    char truth[4096], lean_truth[4096 + 8];
    snprintf(truth, sizeof truth, "%s/%s.truth.json", a->dir, a->name);
    snprintf(lean_truth, sizeof lean_truth, "%s.lean", truth);
    if ((r && uf_render_json(r, truth, &d) != UF_OK) ||
        (lean && uf_render_json(lean, lean_truth, &d) != UF_OK))
        err = UF_ERR_IO;
#endif
    int kept, pruned = 0;
    uf_diag_print(&d, stderr);
    uf_diag_release(&d);
    int code;
    if (!r) {
        if (err == UF_ERR_NOMEM)
            cli_error("minnet räckte inte");
        else if (err != UF_ERR_INPUT && err != UF_ERR_USAGE)
            return cli_db_failed(co->db, db, err, "kunde inte läsa data");
        code = cli_exit_code(err);
    } else if ((kept = protect(&r, lean, q->cfg)) < 0 || (pruned = uf_report_prune(r)) < 0 ||
               uf_report_summary(r) < 0) {
        cli_error("minnet räckte inte");
        code = EXIT_FAIL;
    } else {
        if (kept == 1)
            cli_say(co, "Tabeller med detaljer (månad för månad) utelämnas: i en extern rapport "
                        "skulle deras röjandeskydd dölja mer av resten (se rapporten)\n");
        if (pruned > 0)
            cli_say(co,
                    "Tabeller och diagram som inte skulle visa något (för få ärenden) "
                    "utelämnas: %d; rapporten nämner dem\n",
                    pruned);
#ifdef UF_TEST_TRUTH
        if (kept == 1 && rename(lean_truth, truth) != 0)
            cli_error("kunde inte byta %s: %s", truth, uf_strerrno(errno));
        else if (lean)
            unlink(lean_truth);
#endif
        struct timespec since;
        clock_gettime(CLOCK_REALTIME, &since);
        code = write_formats(a, r, co);
        char command[96];
        snprintf(command, sizeof command, "%s %s", q->list ? "arbetslista" : "report", a->name);
        if (code == EXIT_OK) { /* what left the database (schema 5) */
            int logged = cli_log_output(co, db, command, a->params, q->population,
                                        q->cfg->internal ? "intern" : "extern", a->dir, &since);
            code = logged >= 0 ? logged : code;
        }
    }
    uf_report_free(r);
    return code;
}

int cmd_report(int argc, char **argv, cli_common *co)
{
    report_args a = { .by = "sex",
                      .format = "pdf,xlsx,json,csv",
                      .dir = "rapporter",
                      .ph = CLI_PHASE_INIT,
                      .years = 5,
                      .from = INT_MIN,
                      .to = INT_MAX };
    /* as given, before getopt reorders argv */
    cli_join_args(argc, argv, a.params, sizeof a.params);
    int code = parse_args(argc, argv, co, &a);
    if (code >= 0)
        return code;
    uf_config cfg;
    uf_registry g = { 0 };
    if ((code = cli_load_config(co, &cfg)) >= 0 || (code = registry(co, &cfg, &g)) >= 0) {
        uf_registry_release(&g);
        uf_config_release(&cfg);
        return code;
    }
    if (a.audience)
        cfg.internal = strcmp(a.audience, "intern") == 0;
    uf_report_opts ro = { .cfg = &cfg };
    uf_report_req q = { .cfg = &cfg, .years = a.years, .start_from = a.from, .start_to = a.to };
    const uf_report_info *info = a.name ? uf_registry_find(&g, a.name) : NULL;
    sqlite3 *db = NULL;
    char words[768], unit[64];
    code = EXIT_INPUT;
    if (a.help) {
        code = help(&g);
        goto out;
    }
    if (!info) {
        char names[512] = "";
        for (size_t i = 0; i < g.n; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     g.v[i].name);
        cli_error("okänd rapport '%s' (finns: %s)", a.name, names);
        goto out;
    }
    if (!check_options(&a, info) || !check_formats(a.format) || !parse_by(a.by, &ro) ||
        (a.year && !parse_year(a.year, &q.year)))
        goto out;
    snprintf(a.base, sizeof a.base, "%s", a.name);
    if ((a.given & UF_RO_LIST) && !list_options(&a, &cfg))
        goto out;
    q.list = a.given & UF_RO_LIST;
    if ((code = cli_open_db(co, &cfg, &db)) >= 0)
        goto out;
    /* a report streams its tables once: a small page cache does (the
     * import's large one would only add to the peak memory) */
    uf_db_exec(db, "PRAGMA cache_size = -8192");
    /* one snapshot for all the report reads, its provenance included; an
     * import that wants to commit meanwhile waits (run() ends it) */
    uf_error err = uf_db_read_begin(db);
    if (err != UF_OK) {
        code = cli_db_failed(co->db, db, err, "kunde inte läsa data");
        goto out;
    }
    if ((code = population(db, &a, info, &ro, &cfg, words, sizeof words, unit, sizeof unit)) >= 0)
        goto out;
#ifdef UF_TEST_TRUTH
    /* test builds only: a pause between the population and the rest of
     * the reads, for an import to try to commit in (t0021) */
    if (getenv("UPPFOLJ_TEST_PAUSE"))
        sleep((unsigned)atoi(getenv("UPPFOLJ_TEST_PAUSE")));
#endif
    q.db = db;
    cli_phase_params(&a.ph, &cfg, &q.phase);
    q.nby = ro.nby;
    memcpy(q.by, ro.by, sizeof q.by);
    q.cohorts = a.cohorts;
    q.specs = a.cohort_specs;
    q.ncohorts = a.ncohorts;
    q.unit = *unit ? unit : NULL;
    q.population = words;
    code = run(&a, info, &q, db, co);
out:
    uf_db_close(db);
    uf_registry_release(&g);
    uf_config_release(&cfg);
    return code;
}
