/*
 * cmd_check.c - `uppfolj check`: is the database sound, and what is in it?
 * Runs SQLite's integrity and foreign-key checks and prints the row counts
 * and the latest import runs.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "uppfolj/db.h"

static const char usage[] = "Användning: uppfolj [--db FIL] check\n"
                            "\n"
                            "Kontrollerar databasen (integritet, referenser) och visar hur många\n"
                            "personer, ärenden, insatser, bedömningar, utfall, mål och möten den\n"
                            "innehåller och de senaste importkörningarna.\n";

/* Print each row of statement name: the first column padded to width,
 * the others after it, two spaces apart. */
static int print_rows(sqlite3 *db, const char *name, const char *title, int width)
{
    sqlite3_stmt *st = uf_db_prepare(db, name);
    if (!st)
        return -1;
    printf("%s\n", title);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fputs("  ", stdout);
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            if (i == 0)
                cli_pad(stdout, v ? v : "", width);
            else
                printf("  %s", v ? v : "");
        }
        fputc('\n', stdout);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Number of problems reported by the checks. */
static int problems(sqlite3 *db)
{
    sqlite3_stmt *st = uf_db_prepare(db, "check_integrity");
    int bad = 0;
    if (!st)
        return 1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *msg = (const char *)sqlite3_column_text(st, 0);
        if (msg && strcmp(msg, "ok") != 0) {
            cli_error("databasen är skadad: %s", msg);
            bad++;
        }
    }
    sqlite3_finalize(st);
    st = uf_db_prepare(db, "check_foreign_keys");
    if (!st)
        return bad + 1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        cli_error("tabellen %s har en rad som pekar på något som saknas",
                  (const char *)sqlite3_column_text(st, 0));
        bad++;
    }
    sqlite3_finalize(st);
    return bad;
}

int cmd_check(int argc, char **argv, cli_common *co)
{
    int code = cli_only_common(argc, argv, co, usage);
    if (code >= 0)
        return code;
    sqlite3 *db = NULL;
    if ((code = cli_open_db(co, NULL, &db)) >= 0)
        return code;
    uf_error err = uf_db_read_begin(db);
    if (err != UF_OK) {
        code = cli_db_failed(co->db, db, err, "kunde inte läsa databasen");
        uf_db_close(db);
        return code;
    }
    int bad = problems(db);
    int rc = bad ? EXIT_FAIL : EXIT_OK;
    if (!co->quiet) {
        printf("Databas %s, schemaversion %d: %s\n\n", co->db, uf_db_schema_version(),
               bad ? "FEL HITTADES" : "inga fel");
        int bad_rows = print_rows(db, "check_counts", "Innehåll (antal rader):", 17);
        putchar('\n');
        bad_rows |= print_rows(db, "check_runs",
                               "Senaste importkörningar (körning, start, "
                               "användare, utfall, fel, filer, rader):",
                               4);
        if (bad_rows)
            rc = cli_db_failed(co->db, db, UF_ERR_DB, "kunde inte läsa databasen");
    }
    uf_db_read_end(db);
    uf_db_close(db);
    return rc;
}
