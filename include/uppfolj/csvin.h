/*
 * csvin.h - reading import CSV files (SPEC §3), streaming.
 *
 * A file is read twice: uf_csv_scan() makes one pass that hashes it
 * (SHA-256 with OpenSSL, which uses the CPU's SHA instructions, for the import log), decides the encoding (valid UTF-8, with or
 * without BOM, else Windows-1252) and the delimiter (';' or ',', whichever
 * the header line has more of, outside quotes); uf_csv_read() then parses it
 * with libcsv (RFC 4180 quoting, CRLF or LF) and hands each record, as
 * UTF-8 fields with their physical line number, to a callback.  Memory
 * stays bounded by the longest record, whatever the file size.
 */
#ifndef UPPFOLJ_CSVIN_H
#define UPPFOLJ_CSVIN_H

#include <stdbool.h>
#include <stddef.h>
#include "uppfolj/error.h"

typedef enum uf_encoding {
    UF_ENC_UTF8,
    UF_ENC_UTF8_BOM,
    UF_ENC_CP1252,
    UF_ENC_UTF16LE, /* with its BOM: Excel's "Unicode-text" */
    UF_ENC_UTF16BE
} uf_encoding;

/* Why a file is not text uppfolj reads (uf_csv_scan). */
typedef enum uf_csv_problem {
    UF_CSV_OK,
    UF_CSV_BAD_UTF8, /* UTF-8 with a byte that is not */
    UF_CSV_NUL,      /* a NUL byte */
    UF_CSV_NOT_TEXT  /* neither UTF-8 nor Windows-1252 */
} uf_csv_problem;

typedef struct uf_csv_info {
    uf_encoding encoding;
    char delim;              /* ';', ',' or tab */
    char sha256[65];         /* hex digest of the file's bytes */
    unsigned long long size; /* bytes */
    uf_csv_problem problem;  /* UF_CSV_OK, or why the file cannot be read */
    unsigned long bad_line;  /* the line of the problem */
    unsigned char bad_byte;  /* the byte found there */
    /* a sheet of an Excel workbook instead (xlsxin.h): uf_csv_read reads
     * it, its rows numbered as in Excel, and puts the reason for
     * UF_ERR_INPUT in why (UF_XLSX_WHY bytes) */
    bool xlsx;
    char sheet[96]; /* its name */
    char part[168]; /* its part in the package */
    char *why;
} uf_csv_info;

/*
 * Called once per record: fields[0..n-1] are NUL-terminated UTF-8, valid
 * until the callback returns (the callback may modify them in place); line
 * is the physical line the record starts on (1 = header).  Return 0 to go
 * on, non-zero to stop reading.
 */
typedef int (*uf_csv_row_fn)(void *ctx, unsigned long line, char **fields, size_t n);
/* Called now and then with the bytes read so far of the current file. */
typedef void (*uf_csv_progress_fn)(void *ctx, unsigned long long done);

/* Name of an encoding in Swedish-friendly words ("UTF-8", ...).  Static. */
const char *uf_encoding_name(uf_encoding e);
/* Name of a delimiter in Swedish ("semikolon", "komma", "tabb").  Static. */
const char *uf_delim_name(char delim);

/*
 * First pass over path: fill info.  UF_ERR_IO (errno kept) if the file
 * cannot be read.  An empty file gives delim ';'.  The encoding is UTF-8
 * (with or without BOM) or Windows-1252 only when the file is wholly that,
 * UTF-16 when it begins with its BOM; otherwise UF_ERR_INPUT with
 * info->problem, bad_line and bad_byte filled: a UTF-8 file with an
 * invalid sequence, a NUL byte, or bytes that are no text.
 */
uf_error uf_csv_scan(const char *path, uf_csv_info *info);

/*
 * Second pass: parse path as info describes and call row for every record,
 * header included.  Returns UF_OK when the whole file was read (or row asked
 * to stop), UF_ERR_IO when reading failed, UF_ERR_NOMEM, or UF_ERR_INPUT on
 * a quoting error, with *bad_line set to the line where it was found.  A
 * sheet of a workbook (info->xlsx) is read by uf_xlsx_read.
 */
uf_error uf_csv_read(const char *path, const uf_csv_info *info, uf_csv_row_fn row,
                     uf_csv_progress_fn progress, void *ctx, unsigned long *bad_line);

/*
 * The second pass on two threads (csvpipe.c): a reader thread parses the
 * file and runs prep on every record, and the calling thread runs take on
 * each record in file order, while the reader goes on with the next ones.
 * prep may rewrite the fields in place and fill scratch_size bytes of
 * scratch for the record; it must not touch what take uses.  take sees the
 * same fields and scratch; both stay valid until take returns.  A non-zero
 * return from either stops the reading.  Same result codes as
 * uf_csv_read.
 */
typedef int (*uf_csv_rec_fn)(void *ctx, unsigned long line, char **fields, size_t n, void *scratch);

typedef struct uf_csv_pipe_opts {
    uf_csv_rec_fn prep; /* on the reader thread */
    void *prep_ctx;
    uf_csv_rec_fn take; /* on the calling thread, in order */
    void *take_ctx;
    uf_csv_progress_fn progress; /* on the calling thread, may be NULL */
    size_t scratch_size;
} uf_csv_pipe_opts;

uf_error uf_csv_pipe(const char *path, const uf_csv_info *info, const uf_csv_pipe_opts *opts,
                     unsigned long *bad_line);

/* The SHA-256 of the file at path, in hex, and its size (size may be
 * NULL); false when it cannot be read. */
bool uf_file_sha256(const char *path, char out[65], unsigned long long *size);

/* True when buf[0..len) is valid UTF-8 (no overlongs, no surrogates).
 * *tail gets the number of bytes at the end that start an incomplete
 * sequence (0..3), so a stream can be checked chunk by chunk. */
bool uf_utf8_valid(const unsigned char *buf, size_t len, size_t *tail);

#endif
