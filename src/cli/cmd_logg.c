/*
 * cmd_logg.c - `uppfolj logg`: what came into the database and what left
 * it, newest first (import_run; output_run of schema 5).
 */
#include <stdio.h>
#include <stdlib.h>
#include "cli.h"
#include "uppfolj/db.h"
#include "uppfolj/query.h"

static const char usage[] =
    "Användning: uppfolj logg [--antal N]\n"
    "\n"
    "Visar det som kommit in i databasen (importer) och det som lämnat den\n"
    "(rapporter, arbetslistor, exporter), det senaste först: när, vad, vem,\n"
    "utfall eller mottagare (extern/intern), antal filer och vad som angavs.\n"
    "Varje skriven fil finns med sin SHA-256 i tabellen output_file.\n"
    "\n"
    "  --antal N   så många rader (standard 20)\n";

int cmd_logg(int argc, char **argv, cli_common *co)
{
    static const struct option opts[] = { CLI_COMMON_OPTIONS,
                                          { "antal", required_argument, NULL, 'n' },
                                          { 0, 0, 0, 0 } };
    long n = 20;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        if (c == 'n') {
            char *end;
            n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 100000) {
                cli_error("--antal ska vara ett heltal från 1 till 100 000");
                return EXIT_INPUT;
            }
        } else if (!cli_common_opt(co, c, optarg)) {
            return cli_bad_option(argv, c);
        }
    }
    if (optind != argc) {
        cli_error("logg tar inga argument (se uppfolj logg --help)");
        return EXIT_INPUT;
    }
    sqlite3 *db = NULL;
    int code = cli_named_config(co);
    if (code >= 0 || (code = cli_open_db(co, NULL, &db)) >= 0)
        return code;
    sqlite3_stmt *st = uf_db_prepare(db, "log_list");
    if (!st) {
        code = cli_db_failed(co->db, db, UF_ERR_DB, "kunde inte läsa loggen");
        uf_db_close(db);
        return code;
    }
    sqlite3_bind_int64(st, 1, n);
    printf("%-20s  %-20s  %-10s  %-7s  %5s  %s\n", "Tid (UTC)", "Vad", "Vem", "Utfall", "Filer",
           "Sammanfattning");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v[6];
        for (int i = 0; i < 6; i++) {
            v[i] = (const char *)sqlite3_column_text(st, i);
            v[i] = v[i] ? v[i] : "";
        }
        printf("%-20s  ", v[0]);
        cli_pad(stdout, v[1], 20);
        fputs("  ", stdout);
        cli_pad(stdout, v[2], 10);
        fputs("  ", stdout);
        cli_pad(stdout, v[3], 7);
        printf("  %5s  %s\n", v[5], v[4]);
    }
    sqlite3_finalize(st);
    code = rc == SQLITE_DONE ? EXIT_OK
                             : cli_db_failed(co->db, db, UF_ERR_DB, "kunde inte läsa loggen");
    uf_db_close(db);
    return code;
}
