/*
 * fuzz_import.c - libFuzzer target for the importer (issue 13): each input
 * is written to a file and imported, with every check, into a database
 * made once per process, as a dry run (everything is checked and read,
 * nothing stays).  The CSV reader's both passes (encoding, delimiter,
 * quoting, UTF-16), header mapping, cell parsing and every row handler
 * run on it.  A crash, a hang, a leak or undefined behaviour is a
 * finding; bad input is not (it must only give diagnostics).
 *
 * Built and run by `make fuzz` (clang, -fsanitize=fuzzer,address,undefined)
 * with the seed corpus tests/fuzz/corpus/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "uppfolj/db.h"
#include "uppfolj/diag.h"
#include "uppfolj/import.h"
#include "uppfolj/parse.h"
#include "uppfolj/pseudo.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], input[96];
static sqlite3 *db;
static uf_key key;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[96];
    snprintf(dir, sizeof dir, "/tmp/uppfolj-fuzz-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    snprintf(input, sizeof input, "%s/in.csv", dir);
    snprintf(path, sizeof path, "%s/u.db", dir);
    if (uf_db_create(path, &db) != UF_OK)
        abort();
    char keypath[112];
    snprintf(keypath, sizeof keypath, "%s.key", path);
    if (uf_key_create(keypath) != UF_OK || uf_key_load(keypath, &key) != UF_OK)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(input, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    const char *paths[] = { input };
    uf_import_opts o = { .paths = paths,
                         .npaths = 1,
                         .dry_run = true,
                         .today = uf_days_from_civil(2026, 12, 1),
                         .user = "fuzz",
                         .started_at = "2026-12-01T00:00:00Z" };
    uf_diag d;
    uf_diag_init(&d);
    uf_import_result res;
    uf_import(db, &key, &o, &res, &d);
    uf_import_result_release(&res);
    uf_diag_release(&d);
    return 0;
}
