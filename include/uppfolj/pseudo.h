/*
 * pseudo.h - pseudonymisation of persons (SPEC §4).
 *
 * A personnummer becomes "ps" followed by 32 hex digits: a keyed BLAKE2b
 * hash (libsodium crypto_generichash) of its 12 normalised digits under a
 * secret 256-bit key.  The key lives in a file beside the database (mode
 * 0600, created once by `uppfolj init`); the same number gives the same
 * pseudonym across imports, and without the key it can neither be reversed
 * nor recomputed.
 */
#ifndef UPPFOLJ_PSEUDO_H
#define UPPFOLJ_PSEUDO_H

#include <stddef.h>
#include "uppfolj/error.h"

#define UF_KEY_BYTES 32
/* "ps" + 32 hex digits + NUL */
#define UF_PSEUDONYM_BUF 35

typedef struct uf_key {
    unsigned char bytes[UF_KEY_BYTES];
} uf_key;

/* Initialise libsodium; UF_ERR_CRYPTO if it cannot be.  Safe to repeat. */
uf_error uf_crypto_init(void);

/*
 * Create a new key file at path with a fresh random key, mode 0600.
 * UF_ERR_EXISTS if the file exists (it is never overwritten), UF_ERR_IO on
 * any other failure (errno is kept), UF_ERR_CRYPTO if libsodium failed.
 */
uf_error uf_key_create(const char *path);

/*
 * Read the key file at path into key.  UF_ERR_MISSING if it does not exist,
 * UF_ERR_KEYPERM if group or others may read it (as ssh refuses a loose
 * private key; chmod 600 mends it), UF_ERR_INPUT if its content is not a
 * key, UF_ERR_IO otherwise.
 */
uf_error uf_key_load(const char *path, uf_key *key);

/* Wipe a key from memory. */
void uf_key_wipe(uf_key *key);

/* The pseudonym of the 12 normalised digits (pnr.h) under key. */
void uf_pseudonym(const uf_key *key, const char digits[12], char out[UF_PSEUDONYM_BUF]);

/* The fingerprint of key, stored in its database (db.h, uf_db_key_check):
 * "kf" + 32 hex digits of a keyed BLAKE2b hash of a fixed text under the
 * key.  It tells keys apart and says nothing of the key. */
#define UF_FINGERPRINT_BUF 35
void uf_key_fingerprint(const uf_key *key, char out[UF_FINGERPRINT_BUF]);
/* The key file path for database path db: db + ".key".  Caller frees;
 * NULL when memory ran out. */
char *uf_key_path(const char *db);

#endif
