/*
 * main.c - uppfolj's entry point: global options, then one command.
 *
 *   uppfolj [--db FIL] [--quiet] KOMMANDO [flaggor] [argument]
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const char usage[] =
    "Användning: uppfolj [--db FIL] [--quiet] KOMMANDO [flaggor] [argument]\n"
    "\n"
    "Uppföljning och statistik för sociala insatsgrupper (SIG) och liknande\n"
    "program: importerar ärenden och bedömningar, räknar före/under/efter och\n"
    "skriver rapporter.\n"
    "\n"
    "Kommandon:\n"
    "  init            skapa databasen och pseudonymiseringsnyckeln\n"
    "  import FIL...   importera CSV-filer och Excel-arbetsböcker (alla eller inget)\n"
    "  check           kontrollera databasen och visa vad den innehåller\n"
    "  report NAMN     skriv en rapport: utfall, arsrapport, kohort, verksamhet,\n"
    "                  datakvalitet och egna (se uppfolj report --help)\n"
    "  export          skriv en avidentifierad analysfil för R, SPSS och Stata\n"
    "                  (--cohort NAMN:fält=värde ... -o MAPP)\n"
    "  sample          skapa ett syntetiskt exempeldataset\n"
    "  mall            skapa en Excel-mall att registrera uppgifterna i\n"
    "  logg            visa importer och det som lämnat databasen\n"
    "\n"
    "Gemensamma flaggor:\n"
    "  --db FIL        databasfil (standard: uppfolj.db i aktuell mapp)\n"
    "  --config FIL    inställningar (standard: uppfolj.conf bredvid databasen,\n"
    "                  om den finns)\n"
    "  -q, --quiet     skriv bara ut fel\n"
    "  -h, --help      visa hjälp (också efter ett kommando)\n"
    "  --version       visa versionen\n"
    "\n"
    "Slutstatus: 0 klart, 1 fel i programmet eller systemet, 2 fel i indata\n"
    "eller användning.\n";

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv, cli_common *co);
} command;

static const command commands[] = {
    { "init", cmd_init },     { "import", cmd_import }, { "check", cmd_check },
    { "sample", cmd_sample }, { "report", cmd_report }, { "export", cmd_export },
    { "mall", cmd_mall },     { "logg", cmd_logg },
};

int main(int argc, char **argv)
{
    cli_common co = { .db = "uppfolj.db" };
    opterr = 0; /* the commands say what was wrong, in Swedish */
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if ((strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--config") == 0) && i + 1 == argc) {
            cli_error("flaggan %s behöver ett värde: en fil (se uppfolj --help)", argv[i]);
            return EXIT_INPUT;
        } else if (strcmp(argv[i], "--db") == 0) {
            co.db = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            co.db = argv[i] + 5;
        } else if (strcmp(argv[i], "--config") == 0) {
            co.config = argv[++i];
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            co.quiet = true;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("uppfolj %s\n", UF_VERSION);
            return EXIT_OK;
        } else {
            cli_error("okänd flagga %s (se uppfolj --help)", argv[i]);
            return EXIT_INPUT;
        }
    }
    if (i == argc) {
        fputs(usage, stderr);
        return EXIT_INPUT;
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(argv[i], commands[k].name) == 0)
            return commands[k].run(argc - i, argv + i, &co);
    cli_error("okänt kommando '%s' (se uppfolj --help)", argv[i]);
    return EXIT_INPUT;
}
