/*
 * cmd_sample.c - `uppfolj sample`: write a synthetic data set (sample.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "uppfolj/parse.h"
#include "uppfolj/sample.h"

static const char usage[] =
    "Användning: uppfolj sample [--youths N] [--seed S] [--end DATUM] -o MAPP\n"
    "\n"
    "Skapar ett syntetiskt men realistiskt dataset (alla sju importfiler) i\n"
    "MAPP, som skapas om den saknas.  Samma flaggor ger byte för byte samma\n"
    "filer.  Personnumren är Skatteverkets testnummer (födelsenummer 980-999).\n"
    "\n"
    "  --youths N   antal ungdomar (standard 300)\n"
    "  --seed S     frö för slumptalen (standard 1)\n"
    "  --end DATUM  sista datum i datat, ÅÅÅÅ-MM-DD (standard: i dag);\n"
    "               datat täcker fem kalenderår fram till dess\n"
    "  -o MAPP      mapp att skriva till\n";

/* Parse an unsigned decimal number; -1 if s is not one. */
static int parse_ull(const char *s, unsigned long long *out)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return (*end || errno) ? -1 : 0;
}

int cmd_sample(int argc, char **argv, cli_common *co)
{
    static const struct option opts[] = { CLI_COMMON_OPTIONS,
                                          { "youths", required_argument, NULL, 'y' },
                                          { "seed", required_argument, NULL, 's' },
                                          { "end", required_argument, NULL, 'e' },
                                          { "output", required_argument, NULL, 'o' },
                                          { 0, 0, 0, 0 } };
    unsigned long long youths = 300, seed = 1;
    int end = cli_today();
    const char *dir = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qho:", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (c == 'y' &&
                   (parse_ull(optarg, &youths) != 0 || youths == 0 || youths > 10000000)) {
            cli_error("--youths ska vara ett heltal från 1 till 10 000 000");
            return EXIT_INPUT;
        } else if (c == 's' && parse_ull(optarg, &seed) != 0) {
            cli_error("--seed ska vara ett icke-negativt heltal");
            return EXIT_INPUT;
        } else if (c == 'e' && uf_date_parse(optarg, &end) != 0) {
            cli_error("--end %s är inget giltigt datum (ÅÅÅÅ-MM-DD)", optarg);
            return EXIT_INPUT;
        } else if (c == 'o') {
            dir = optarg;
        } else if (c != 'y' && c != 's' && c != 'e' && !cli_common_opt(co, c, optarg)) {
            return cli_bad_option(argv, c);
        }
    }
    if (!dir || optind != argc) {
        cli_error("ange mappen att skriva till med -o MAPP (se uppfolj sample --help)");
        return EXIT_INPUT;
    }
    int named = cli_named_config(co);
    if (named >= 0)
        return named;
    if (!cli_make_dir(dir, 0755))
        return EXIT_FAIL;
    uf_sample_opts so = { .youths = (unsigned)youths, .seed = seed };
    uf_civil_from_days(end, &so.end_year, &so.end_month, &so.end_day);
    char msg[512];
    uf_error err = uf_sample_write(&so, dir, msg, sizeof msg);
    if (err != UF_OK) {
        cli_error("%s", msg);
        return cli_exit_code(err);
    }
    cli_say(co, "Skrev exempeldata för %llu ungdomar (frö %llu) till %s/\n", youths, seed, dir);
    return EXIT_OK;
}
