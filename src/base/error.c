/*
 * error.c - Swedish texts for uf_error (the switch has no default so that
 * the compiler flags a value without a text) and for the errno values a
 * file or folder operation gives.
 */
#include <errno.h>
#include <stdio.h>
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

/* The C library's own texts are English unless the user has a Swedish
 * locale installed and chosen, and a Swedish message must not end in
 * "Not a directory"; these are the values open, mkdir, rename, read and
 * write give for files and folders.  Anything else is named by number,
 * which a search or `errno -l` explains. */
const char *uf_strerrno(int e)
{
    switch (e) {
    case 0: return "inget fel";
    case ENOENT: return "filen eller mappen finns inte";
    case ENOTDIR: return "en del av sökvägen är ingen mapp";
    case EISDIR: return "är en mapp";
    case EEXIST: return "finns redan";
    case EACCES: return "behörighet saknas";
    case EPERM: return "åtgärden är inte tillåten";
    case EROFS: return "filsystemet är skrivskyddat";
    case ENOSPC: return "disken är full";
    case EDQUOT: return "diskkvoten är slut";
    case EFBIG: return "filen blir för stor";
    case ENAMETOOLONG: return "sökvägen är för lång";
    case ELOOP: return "för många symboliska länkar i sökvägen";
    case EMFILE:
    case ENFILE: return "för många öppna filer";
    case ENOMEM: return "minnet räckte inte";
    case EIO: return "läs- eller skrivfel på enheten";
    case EBUSY: return "resursen är upptagen";
    case EXDEV: return "filen kan inte flyttas till ett annat filsystem";
    case ENOTEMPTY: return "mappen är inte tom";
    case EINVAL: return "ogiltigt argument";
    case ETXTBSY: return "filen används";
    case EAGAIN: return "resursen är tillfälligt otillgänglig";
    case EINTR: return "avbröts av en signal";
    case EPIPE: return "mottagaren har stängt";
    case ESTALE: return "nätverksfilen är inte längre tillgänglig";
    }
    static _Thread_local char other[40];
    snprintf(other, sizeof other, "systemfel %d", e);
    return other;
}
