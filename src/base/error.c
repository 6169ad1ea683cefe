/*
 * error.c - Swedish texts for uf_error.  The switch has no default so that
 * the compiler flags a value without a text.
 */
#include "uppfolj/error.h"

const char *uf_strerror(uf_error err)
{
    switch (err) {
    case UF_OK: return "ok";
    case UF_ERR_NOMEM: return "minnet räckte inte";
    case UF_ERR_IO: return "filen kunde inte läsas eller skrivas";
    case UF_ERR_INPUT: return "indata innehåller fel";
    case UF_ERR_DB: return "databasfel";
    case UF_ERR_EXISTS: return "filen finns redan";
    case UF_ERR_MISSING: return "filen saknas";
    case UF_ERR_VERSION: return "databasen är skapad av en nyare version av uppfolj";
    case UF_ERR_CRYPTO: return "kryptografiskt fel";
    case UF_ERR_USAGE: return "felaktig användning";
    case UF_ERR_BUSY: return "databasen används av en annan körning av uppfolj";
    case UF_ERR_CORRUPT: return "databasen är skadad";
    case UF_ERR_READONLY: return "databasen är skrivskyddad";
    case UF_ERR_FOREIGN: return "filen är ingen uppfolj-databas";
    case UF_ERR_KEY: return "nyckelfilen hör inte till databasen";
    case UF_ERR_KEYPERM: return "nyckelfilen kan läsas av andra än ägaren";
    }
    return "okänt fel";
}
