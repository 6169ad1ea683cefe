/*
 * cmd_mall.c - `uppfolj mall`: the entry template (import.h,
 * uf_template_xlsx), as a workbook or as CSV files.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "uppfolj/import.h"

static const char usage[] =
    "Användning: uppfolj mall -o FIL.xlsx\n"
    "            uppfolj mall --csv -o MAPP\n"
    "\n"
    "Skapar en mall att registrera uppgifterna i: en Excel-arbetsbok med ett\n"
    "blad per sorts uppgifter (Personer, Ärenden, Insatser, Bedömningar,\n"
    "Utfall, Mål, Möten) med svenska rubriker, listor att välja koder ur,\n"
    "kontroll av datum och tal, och ett blad med instruktioner och ett\n"
    "exempel per blad.  Det som fylls i läses in som det är:\n"
    "uppfolj import FIL.xlsx.  En fil som finns skrivs inte över.\n"
    "\n"
    "  -o FIL.xlsx  arbetsboken att skriva\n"
    "  --csv        i stället en CSV-fil per sort med rubrikraden, i mappen\n"
    "               -o MAPP (som skapas om den saknas)\n";

int cmd_mall(int argc, char **argv, cli_common *co)
{
    static const struct option opts[] = { CLI_COMMON_OPTIONS,
                                          { "csv", no_argument, NULL, 'c' },
                                          { "output", required_argument, NULL, 'o' },
                                          { 0, 0, 0, 0 } };
    const char *out = NULL;
    bool csv = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qho:", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (c == 'c') {
            csv = true;
        } else if (c == 'o') {
            out = optarg;
        } else if (!cli_common_opt(co, c, optarg)) {
            return cli_bad_option(argv, c);
        }
    }
    if (!out || optind != argc) {
        cli_error("ange vart mallen ska skrivas med -o (se uppfolj mall --help)");
        return EXIT_INPUT;
    }
    int named = cli_named_config(co);
    if (named >= 0)
        return named;
    struct stat sb;
    if (csv) {
        if (!cli_make_dir(out, 0755))
            return EXIT_FAIL;
        char failed[4096];
        if (uf_template_csv(out, failed, sizeof failed) != UF_OK) {
            cli_error("kunde inte skriva %s: %s", failed, uf_strerrno(errno));
            return EXIT_FAIL;
        }
        cli_say(co, "Skrev mallen som CSV-filer i %s.\n", out);
        return EXIT_OK;
    }
    const char *dot = strrchr(out, '.');
    if (!dot || strcmp(dot, ".xlsx") != 0) {
        cli_error("mallen är en Excel-arbetsbok: ge filen ändelsen .xlsx (eller använd --csv)");
        return EXIT_INPUT;
    }
    if (stat(out, &sb) == 0) {
        cli_error("%s finns redan; den skrivs inte över", out);
        return EXIT_INPUT;
    }
    uf_error err = uf_template_xlsx(out);
    if (err != UF_OK) {
        cli_error("kunde inte skriva %s: %s", out,
                  err == UF_ERR_IO ? uf_strerrno(errno) : uf_strerror(err));
        return cli_exit_code(err);
    }
    cli_say(co, "Skrev mallen %s.\n", out);
    return EXIT_OK;
}
