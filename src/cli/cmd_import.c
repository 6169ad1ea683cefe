/*
 * cmd_import.c - `uppfolj import FIL...`: import CSV files in one run.
 * Prints every error and warning with file, line and column, then what
 * each file gave; exit 2 when the files have errors (nothing stored).
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "uppfolj/config.h"
#include "uppfolj/db.h"
#include "uppfolj/import.h"

static const char usage[] =
    "Användning: uppfolj [--db FIL] import [--kind SORT] [--dry-run] FIL...\n"
    "\n"
    "Importerar CSV-filer (UTF-8, Windows-1252 eller UTF-16 med BOM; ; , eller\n"
    "tabb som avgränsare) och Excel-arbetsböcker (.xlsx, ett blad per sort som\n"
    "i uppfolj mall) i en enda transaktion: finns ett enda fel sparas\n"
    "ingenting, och alla fel listas med fil, rad och kolumn.  Vad en fil (ett\n"
    "blad) innehåller avgörs av rubrikraden.  Samma rader igen uppdaterar i\n"
    "stället för att dubblera.\n"
    "\n"
    "  --kind SORT   alla filerna är av sorten SORT: persons, cases,\n"
    "                interventions, assessments, outcomes, goals, meetings,\n"
    "                actions (eller personer, arenden, insatser, bedomningar,\n"
    "                utfall, mal, moten, atgarder)\n"
    "  --dry-run     kontrollera allt men spara inget\n"
    "  -q, --quiet   skriv bara ut fel\n";

static void progress(void *ctx, unsigned long long done, unsigned long long total)
{
    cli_progress_update(ctx, done, total);
}

/* What each file gave, in import order (the order the engine used). */
/* How file f was read: "UTF-8, semikolon", or "Excel-arbetsbok". */
static const char *how(const uf_import_file *f)
{
    static char buf[96];
    if (f->info.xlsx)
        return "Excel-arbetsbok";
    snprintf(buf, sizeof buf, "%s, %s", uf_encoding_name(f->info.encoding),
             uf_delim_name(f->info.delim));
    return buf;
}

static void print_summary(const cli_common *co, const uf_import_result *res, bool dry)
{
    if (co->quiet)
        return;
    for (int k = 0; uf_import_kinds[k]; k++) {
        for (size_t i = 0; i < res->nfiles; i++) {
            const uf_import_file *f = &res->files[i];
            if (!f->kind || strcmp(f->kind, uf_import_kinds[k]) != 0)
                continue;
            fputs("  ", stdout);
            cli_pad(stdout, uf_import_kind_label(k), 12);
            if (res->stored || dry)
                printf("%8lu rader: %lu nya, %lu ändrade, %lu oförändrade  (%s, %s, sha256 "
                       "%.12s…)\n",
                       f->rows, f->inserted, f->updated, f->unchanged, f->label, how(f),
                       f->info.sha256);
            else /* nothing was stored: no counts of what would have been */
                printf("%8lu rader lästa  (%s, %s, sha256 %.12s…)\n", f->rows, f->label, how(f),
                       f->info.sha256);
        }
    }
    if (dry)
        printf("Provkörning: inga fel, men ingenting sparades (--dry-run).\n");
    else if (res->stored)
        printf("Importen sparades (importkörning %lld).\n", res->run_id);
}

/* Parse options into o; -1 to exit with *code. */
static int parse_args(int argc, char **argv, cli_common *co, uf_import_opts *o, int *code)
{
    static const struct option opts[] = { CLI_COMMON_OPTIONS,
                                          { "kind", required_argument, NULL, 'k' },
                                          { "dry-run", no_argument, NULL, 'n' },
                                          { 0, 0, 0, 0 } };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qhk:n", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            *code = EXIT_OK;
            return -1;
        } else if (c == 'k') {
            o->kind = optarg;
        } else if (c == 'n') {
            o->dry_run = true;
        } else if (!cli_common_opt(co, c, optarg)) {
            *code = cli_bad_option(argv, c);
            return -1;
        }
    }
    if (optind == argc) {
        cli_error("ange minst en fil att importera (se uppfolj import --help)");
        *code = EXIT_INPUT;
        return -1;
    }
    o->paths = (const char *const *)argv + optind;
    o->npaths = (size_t)(argc - optind);
    return 0;
}

/* The key must be the database's (its fingerprint, schema 4): -1 when it
 * is, else the exit code after the message. */
static int check_key(const cli_common *co, sqlite3 *db, const uf_key *key, const char *keypath)
{
    char fp[UF_FINGERPRINT_BUF];
    uf_key_fingerprint(key, fp);
    uf_error err = uf_db_key_check(db, fp);
    if (err == UF_OK)
        return -1;
    if (err != UF_ERR_KEY)
        return cli_db_failed(co->db, db, err, "kunde inte kontrollera nyckeln");
    cli_error("nyckelfilen %s hör inte till databasen %s: med en annan nyckel skulle samma "
              "personer få nya pseudonymer och räknas två gånger. Använd nyckelfilen som "
              "skapades med databasen (av uppfolj init), eller hämta den ur säkerhetskopian",
              keypath, co->db);
    return cli_exit_code(err);
}

int cmd_import(int argc, char **argv, cli_common *co)
{
    uf_import_opts o = { .today = cli_today(), .user = cli_user() };
    int code;
    if (parse_args(argc, argv, co, &o, &code) != 0)
        return code;
    char started[32];
    time_t t = time(NULL);
    strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    o.started_at = started;

    char *keypath = uf_key_path(co->db);
    uf_key key;
    sqlite3 *db = NULL;
    uf_error err = keypath ? uf_key_load(keypath, &key) : UF_ERR_NOMEM;
    if (err != UF_OK) {
        if (err == UF_ERR_KEYPERM)
            cli_error("nyckelfilen %s kan läsas av andra än du, och då används den inte; gör "
                      "chmod 600 %s och försök igen",
                      keypath, keypath);
        else
            cli_error("kunde inte läsa nyckelfilen %s: %s%s", keypath ? keypath : "",
                      uf_strerror(err), err == UF_ERR_MISSING ? " (kör uppfolj init först)" : "");
        free(keypath);
        return cli_exit_code(err);
    }
    uf_config cfg;
    int code2 = cli_load_config(co, &cfg);
    if (code2 < 0)
        code2 = cli_open_db(co, &cfg, &db);
    if (code2 < 0)
        code2 = check_key(co, db, &key, keypath);
    free(keypath);
    if (code2 >= 0) {
        uf_config_release(&cfg);
        uf_key_wipe(&key);
        uf_db_close(db);
        return code2;
    }
    o.cfg = &cfg;
    cli_progress bar;
    cli_progress_start(&bar, co, "Importerar");
    o.progress = progress;
    o.progress_ctx = &bar;
    uf_diag d;
    uf_diag_init(&d);
    uf_import_result res;
    err = uf_import(db, &key, &o, &res, &d);
    cli_progress_end(&bar);
    uf_key_wipe(&key);

    uf_diag_print(&d, stderr);
    print_summary(co, &res, o.dry_run && err == UF_OK);
    code = cli_exit_code(err);
    if (err == UF_ERR_INPUT)
        cli_error("ingenting importerades: %lu fel%s", d.errors,
                  o.dry_run ? "" : " (körningen loggades som misslyckad)");
    else if (err == UF_ERR_DB || err == UF_ERR_BUSY || err == UF_ERR_READONLY ||
             err == UF_ERR_CORRUPT || err == UF_ERR_FOREIGN)
        code = cli_db_failed(co->db, db, err, "ingenting importerades");
    else if (err != UF_OK)
        cli_error("importen misslyckades: %s", uf_strerror(err));
    uf_import_result_release(&res);
    uf_diag_release(&d);
    uf_config_release(&cfg);
    uf_db_close(db);
    return code;
}
