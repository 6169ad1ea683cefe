/*
 * error.h - the one error enum of uppfolj.
 *
 * Every public function that can fail returns a uf_error (UF_OK == 0) or,
 * for constructors, NULL.  The *detail* of an error (file, line, column and a
 * Swedish message) travels in a uf_diag list (diag.h), never in globals.
 */
#ifndef UPPFOLJ_ERROR_H
#define UPPFOLJ_ERROR_H

typedef enum uf_error {
    /** Success. */
    UF_OK = 0,
    /** Out of memory. */
    UF_ERR_NOMEM,
    /** A file could not be opened, read or written (errno says why). */
    UF_ERR_IO,
    /** The input data is invalid; the diagnostics list says where. */
    UF_ERR_INPUT,
    /** The database reported an error. */
    UF_ERR_DB,
    /** A file that must not be overwritten already exists. */
    UF_ERR_EXISTS,
    /** A file that must exist does not (database, key file). */
    UF_ERR_MISSING,
    /** The database was made by a newer uppfolj. */
    UF_ERR_VERSION,
    /** A cryptographic primitive failed (libsodium). */
    UF_ERR_CRYPTO,
    /** Bad usage: an argument or option is not valid. */
    UF_ERR_USAGE,
    /** The database is in use by another run (a lock not released in
     * time). */
    UF_ERR_BUSY,
    /** The database file is damaged. */
    UF_ERR_CORRUPT,
    /** The database cannot be written (file or folder permissions). */
    UF_ERR_READONLY,
    /** The file is not an uppfolj database (empty, or something else). */
    UF_ERR_FOREIGN,
    /** The key file is not the database's (its fingerprint differs). */
    UF_ERR_KEY,
    /** The key file can be read by others than its owner. */
    UF_ERR_KEYPERM
} uf_error;

/** A static Swedish description of err.  Do not free. */
const char *uf_strerror(uf_error err);

/** A Swedish description of the errno value e (in place of strerror,
 * whose texts follow the locale and are mostly English).  A value without
 * a text gives "systemfel N".  Do not free; valid until the next call in
 * the same thread for such a value. */
const char *uf_strerrno(int e);

#endif
