/*
 * cmd_init.c - `uppfolj init`: create the database and the key file.
 * Refuses to overwrite either; the two are made together or not at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "cli.h"
#include "uppfolj/db.h"
#include "uppfolj/pseudo.h"

static const char usage[] =
    "Användning: uppfolj [--db FIL] init\n"
    "\n"
    "Skapar databasen (standard uppfolj.db) och nyckelfilen FIL.key bredvid\n"
    "den, båda läsbara bara för dig (0600).  Nyckeln gör personnummer till\n"
    "pseudonymer: förvara den säkert och ta backup på den tillsammans med\n"
    "databasen.  Utan nyckeln kan samma person inte kännas igen vid nästa\n"
    "import.  Befintliga filer skrivs aldrig över.\n";

int cmd_init(int argc, char **argv, cli_common *co)
{
    int code = cli_only_common(argc, argv, co, usage);
    if (code >= 0)
        return code;
    char *key = uf_key_path(co->db);
    if (!key)
        return EXIT_FAIL;
    int rc = EXIT_FAIL;
    if (access(key, F_OK) == 0) {
        cli_error("nyckelfilen %s finns redan; den skrivs inte över", key);
        rc = EXIT_INPUT;
        goto out;
    }
    sqlite3 *db;
    uf_error err = uf_db_create(co->db, &db);
    if (err != UF_OK) {
        if (err == UF_ERR_EXISTS)
            cli_error("databasen %s finns redan; den skrivs inte över", co->db);
        else
            cli_error("kunde inte skapa databasen %s: %s%s%s", co->db, uf_strerror(err),
                      err == UF_ERR_IO ? ": " : "", err == UF_ERR_IO ? uf_strerrno(errno) : "");
        rc = cli_exit_code(err);
        goto out;
    }
    err = uf_key_create(key);
    uf_key k;
    if (err == UF_OK && (err = uf_key_load(key, &k)) == UF_OK) {
        /* the key's fingerprint in the database: the key belongs to it */
        char fp[UF_FINGERPRINT_BUF];
        uf_key_fingerprint(&k, fp);
        uf_key_wipe(&k);
        err = uf_db_key_check(db, fp);
        if (err != UF_OK)
            unlink(key);
    }
    uf_db_close(db);
    if (err != UF_OK) {
        cli_error("kunde inte skapa nyckelfilen %s: %s", key, uf_strerror(err));
        unlink(co->db);
        rc = cli_exit_code(err);
        goto out;
    }
    cli_say(co,
            "Skapade databasen %s och nyckelfilen %s (läsbara bara för dig).\n"
            "Förvara nyckelfilen säkert: utan den känns personer inte igen vid nästa import.\n",
            co->db, key);
    rc = EXIT_OK;
out:
    free(key);
    return rc;
}
