/*
 * csvin.c - the two passes over an import CSV file (see csvin.h).
 *
 * Workload: files from a few rows to several million; both passes read in
 * 256 KiB chunks.  The second pass feeds libcsv one physical line at a time
 * so that every record knows the line it starts on (quoted fields may span
 * lines), and converts Windows-1252 to UTF-8 with iconv before parsing.
 */
#include <errno.h>
#include <iconv.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "uppfolj/csvin.h"
#include "uppfolj/xlsxin.h"

#define CHUNK (256 * 1024)

const char *uf_encoding_name(uf_encoding e)
{
    switch (e) {
    case UF_ENC_UTF8: return "UTF-8";
    case UF_ENC_UTF8_BOM: return "UTF-8 med BOM";
    case UF_ENC_CP1252: return "Windows-1252";
    case UF_ENC_UTF16LE: return "UTF-16 (little endian, med BOM)";
    case UF_ENC_UTF16BE: return "UTF-16 (big endian, med BOM)";
    }
    return "?";
}

const char *uf_delim_name(char delim)
{
    return delim == ';' ? "semikolon" : delim == ',' ? "komma" : delim == '\t' ? "tabb" : "?";
}

/* Length of the UTF-8 sequence led by c, 0 for an invalid lead byte. */
static size_t seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

/* The delimiter of the first line of buf (every step-th byte from the
 * first: 2 for UTF-16): the most frequent of ';', ',' and tab outside
 * quotes, ';' on a tie with none. */
static char detect_delim(const unsigned char *buf, size_t len, size_t step)
{
    size_t semi = 0, comma = 0, tab = 0;
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || (buf[i] != '\n' && buf[i] != '\r')); i += step) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted && buf[i] == ';')
            semi++;
        else if (!quoted && buf[i] == ',')
            comma++;
        else if (!quoted && buf[i] == '\t')
            tab++;
    }
    if (tab > semi && tab > comma)
        return '\t';
    return comma > semi ? ',' : ';';
}

/* UTF-8 check of one chunk that goes on past errors: the offset of the
 * first invalid byte (len when none) and the number of valid multibyte
 * sequences; *tail bytes at the end begin a sequence the next chunk ends. */
static size_t utf8_scan(const unsigned char *b, size_t len, size_t *tail, unsigned long *mb)
{
    size_t bad = len, i = 0;
    *tail = 0;
    while (i < len) {
        while (i + 8 <= len) { /* ASCII runs, eight bytes at a time */
            uint64_t w;
            memcpy(&w, b + i, 8);
            if (w & 0x8080808080808080u)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (b[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = seq_len(b[i]);
        bool ok = n > 0;
        if (ok && i + n > len) {
            bool cont = true;
            for (size_t k = i + 1; k < len; k++)
                cont = cont && (b[k] & 0xC0) == 0x80;
            if (cont) {
                *tail = len - i;
                break;
            }
            ok = false;
        }
        for (size_t k = 1; ok && k < n; k++)
            ok = (b[i + k] & 0xC0) == 0x80;
        if (ok && ((b[i] == 0xE0 && b[i + 1] < 0xA0) || (b[i] == 0xED && b[i + 1] > 0x9F) ||
                   (b[i] == 0xF0 && b[i + 1] < 0x90) || (b[i] == 0xF4 && b[i + 1] > 0x8F)))
            ok = false;
        if (ok) {
            (*mb)++;
            i += n;
        } else {
            if (bad == len)
                bad = i;
            i++;
        }
    }
    return bad;
}

bool uf_utf8_valid(const unsigned char *b, size_t len, size_t *tail)
{
    unsigned long mb = 0;
    return utf8_scan(b, len, tail, &mb) == len;
}

/* Bytes that Windows-1252 leaves undefined. */
static bool cp1252_undefined(unsigned char c)
{
    return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

/* The line (1-based) of byte offset at in path, and that byte; the first
 * byte from offset `from` on for which pick() holds when at is -1 (then
 * *at gets its offset; stays -1 when there is none).  0 on a read error. */
static unsigned long line_of(const char *path, long long *at, bool (*pick)(unsigned char),
                             unsigned char *byte)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    unsigned long line = 1;
    long long off = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        if ((*at < 0 && pick && pick((unsigned char)c)) || off == *at) {
            *at = off;
            *byte = (unsigned char)c;
            fclose(f);
            return line;
        }
        if (c == '\n')
            line++;
        off++;
    }
    fclose(f);
    return line;
}

static bool is_nul(unsigned char c)
{
    return c == 0;
}

uf_error uf_csv_scan(const char *path, uf_csv_info *info)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return UF_ERR_IO;
    unsigned char *buf = malloc(CHUNK + 4);
    if (!buf) {
        fclose(f);
        return UF_ERR_NOMEM;
    }
    EVP_MD_CTX *sha = EVP_MD_CTX_new();
    if (!sha || EVP_DigestInit_ex(sha, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(sha);
        fclose(f);
        free(buf);
        return UF_ERR_NOMEM;
    }
    memset(info, 0, sizeof *info);
    bool first = true, wide = false, nul = false;
    long long bad = -1; /* offset of the first byte that is not UTF-8 */
    unsigned long mb = 0;
    size_t carry = 0, got;
    while ((got = fread(buf + carry, 1, CHUNK, f)) > 0) {
        EVP_DigestUpdate(sha, buf + carry, got);
        long long base = (long long)info->size - (long long)carry;
        info->size += got;
        size_t len = carry + got, off = 0;
        if (first) {
            first = false;
            if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
                off = 3;
                info->encoding = UF_ENC_UTF8_BOM;
            } else if (len >= 2 &&
                       (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0)) {
                wide = true;
                info->encoding = buf[0] == 0xFF ? UF_ENC_UTF16LE : UF_ENC_UTF16BE;
                off = buf[0] == 0xFF ? 2 : 3; /* the low byte of each unit */
                if (off > len)
                    off = len; /* the BOM alone */
            }
            info->delim = detect_delim(buf + off, len - off, wide ? 2 : 1);
        }
        if (wide) { /* iconv checks it while reading */
            carry = 0;
            continue;
        }
        nul = nul || memchr(buf + off, 0, len - off) != NULL;
        size_t tail;
        size_t at = utf8_scan(buf + off, len - off, &tail, &mb);
        if (bad < 0 && at < len - off)
            bad = base + (long long)(off + at);
        carry = tail;
        memmove(buf, buf + len - carry, carry);
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    free(buf);
    if (failed) {
        EVP_MD_CTX_free(sha);
        return UF_ERR_IO;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned dlen = 0;
    EVP_DigestFinal_ex(sha, digest, &dlen);
    EVP_MD_CTX_free(sha);
    for (unsigned i = 0; i < dlen && i < 32; i++)
        snprintf(info->sha256 + 2 * i, 3, "%02x", digest[i]);
    if (first)
        info->delim = ';';
    if (wide)
        return UF_OK;
    if (bad < 0 && carry) /* a sequence cut off at the end */
        bad = (long long)info->size - (long long)carry;
    /* The encoding is taken only when the file is wholly that: UTF-8; or,
     * when it has no valid UTF-8 multibyte sequence at all and a byte that
     * is no UTF-8, Windows-1252 (where 0x81 0x8D 0x8F 0x90 0x9D are not
     * text).  A UTF-8 file with one broken sequence is an error, not a
     * Windows-1252 file: guessing would turn every å ä ö into two
     * characters. */
    long long at = -1;
    if (nul) {
        info->problem = UF_CSV_NUL;
        info->bad_line = line_of(path, &at, is_nul, &info->bad_byte);
    } else if (bad >= 0 && (mb > 0 || info->encoding == UF_ENC_UTF8_BOM)) {
        info->problem = UF_CSV_BAD_UTF8;
        at = bad;
        info->bad_line = line_of(path, &at, NULL, &info->bad_byte);
    } else if (bad >= 0) {
        info->encoding = UF_ENC_CP1252;
        info->bad_line = line_of(path, &at, cp1252_undefined, &info->bad_byte);
        if (at >= 0)
            info->problem = UF_CSV_NOT_TEXT;
        else
            info->bad_line = 0;
    }
    return info->problem ? UF_ERR_INPUT : UF_OK;
}

/* State of the second pass, shared with libcsv's callbacks. */
typedef struct reader {
    char *text; /* field bytes of the current record */
    size_t text_len, text_cap;
    size_t *offs; /* start of each field in text */
    char **fields;
    size_t nf, f_cap;
    unsigned long line;       /* physical line being fed */
    unsigned long start_line; /* line a record begun in the fed text starts on */
    unsigned long rec_line;   /* line the current record started on */
    bool in_quotes;           /* the text fed so far ends inside quotes */
    uf_csv_row_fn row;
    void *ctx;
    int stop;
    int nomem;
} reader;

/* libcsv field callback: append the field to the record. */
static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->stop || r->nomem)
        return;
    if (r->nf == 0)
        r->rec_line = r->start_line;
    if (r->nf == r->f_cap) {
        size_t cap = r->f_cap ? r->f_cap * 2 : 32;
        size_t *o = realloc(r->offs, cap * sizeof *o);
        if (o)
            r->offs = o;
        char **fl = o ? realloc(r->fields, cap * sizeof *fl) : NULL;
        if (!fl) {
            r->nomem = 1;
            return;
        }
        r->fields = fl;
        r->f_cap = cap;
    }
    if (r->text_len + len + 1 > r->text_cap) {
        size_t cap = (r->text_len + len + 1) * 2;
        char *t = realloc(r->text, cap);
        if (!t) {
            r->nomem = 1;
            return;
        }
        r->text = t;
        r->text_cap = cap;
    }
    r->offs[r->nf++] = r->text_len;
    if (len)
        memcpy(r->text + r->text_len, s, len);
    r->text_len += len;
    r->text[r->text_len++] = '\0';
}

/* libcsv record callback: hand the record to the caller. */
static void on_record(int c, void *data)
{
    reader *r = data;
    (void)c;
    if (!r->stop && !r->nomem && r->nf > 0) {
        for (size_t i = 0; i < r->nf; i++)
            r->fields[i] = r->text + r->offs[i];
        r->stop = r->row(r->ctx, r->rec_line, r->fields, r->nf);
    }
    r->nf = 0;
    r->text_len = 0;
}

/* Feed len bytes to libcsv line by line; -1 on a parse error. */
static int feed(struct csv_parser *p, reader *r, const char *s, size_t len)
{
    while (len && !r->stop && !r->nomem) {
        const char *nl = memchr(s, '\n', len);
        size_t n = nl ? (size_t)(nl - s) + 1 : len;
        /* A line that starts outside quotes starts any record begun on it;
         * a quoted field may hold newlines, so the record's first field can
         * end lines later.  Strict RFC 4180 quoting makes quote parity tell
         * whether a newline is inside a field. */
        if (!r->in_quotes)
            r->start_line = r->line;
        for (const char *q = memchr(s, '"', n); q; q = memchr(q + 1, '"', n - (size_t)(q + 1 - s)))
            r->in_quotes = !r->in_quotes;
        if (csv_parse(p, s, n, on_field, on_record, r) != n)
            return -1;
        if (nl)
            r->line++;
        s += n;
        len -= n;
    }
    return 0;
}

/* Convert len bytes at in to UTF-8 with cd into out (cap bytes); *left
 * gets the bytes at the end of in that begin a character the next chunk
 * ends (UTF-16).  Returns the bytes in out, or (size_t)-1 on a byte
 * sequence that is no character.  Windows-1252's undefined bytes never
 * get here (uf_csv_scan refuses them). */
static size_t convert(iconv_t cd, char *in, size_t len, char *out, size_t cap, size_t *left)
{
    char *ip = in, *op = out;
    size_t il = len, ol = cap;
    *left = 0;
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
        if (errno != EINVAL)
            return (size_t)-1;
        *left = il; /* incomplete at the end */
    }
    return (size_t)(op - out);
}

uf_error uf_csv_read(const char *path, const uf_csv_info *info, uf_csv_row_fn row,
                     uf_csv_progress_fn progress, void *ctx, unsigned long *bad_line)
{
    if (info->xlsx)
        return uf_xlsx_read(path, info->part, row, progress, ctx, bad_line, info->why);
    uf_error rc = UF_ERR_NOMEM;
    reader r = { .line = 1, .row = row, .ctx = ctx };
    struct csv_parser p;
    iconv_t cd = (iconv_t)-1;
    char *buf = NULL, *conv = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return UF_ERR_IO;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        fclose(f);
        return UF_ERR_NOMEM;
    }
    csv_set_delim(&p, (unsigned char)info->delim);
    buf = malloc(CHUNK + 4);
    if (!buf)
        goto fail;
    const char *from = info->encoding == UF_ENC_CP1252    ? "WINDOWS-1252"
                       : info->encoding == UF_ENC_UTF16LE ? "UTF-16LE"
                       : info->encoding == UF_ENC_UTF16BE ? "UTF-16BE"
                                                          : NULL;
    if (from) {
        cd = iconv_open("UTF-8", from);
        conv = malloc(CHUNK * 3 + 16);
        if (cd == (iconv_t)-1 || !conv)
            goto fail;
    }
    unsigned long long done = 0;
    size_t got, left = 0;
    bool first = true;
    while (!r.stop && (got = fread(buf + left, 1, CHUNK, f)) > 0) {
        char *s = buf;
        size_t len = left + got;
        done += got;
        size_t bom = info->encoding == UF_ENC_UTF8_BOM                                      ? 3
                     : info->encoding == UF_ENC_UTF16LE || info->encoding == UF_ENC_UTF16BE ? 2
                                                                                            : 0;
        if (first && len >= bom) {
            s += bom;
            len -= bom;
        }
        first = false;
        left = 0;
        if (conv) {
            size_t n = convert(cd, s, len, conv, CHUNK * 3 + 16, &left);
            if (n == (size_t)-1) {
                rc = UF_ERR_INPUT;
                *bad_line = r.line;
                goto fail;
            }
            memmove(buf, s + len - left, left);
            len = n;
            s = conv;
            /* a NUL character (UTF-16 has no NUL bytes to scan for) */
            const char *z = memchr(s, 0, len);
            if (z) {
                rc = UF_ERR_INPUT;
                *bad_line = r.line;
                for (const char *q = s; (q = memchr(q, '\n', (size_t)(z - q))) != NULL; q++)
                    (*bad_line)++;
                goto fail;
            }
        }
        if (feed(&p, &r, s, len) != 0) {
            rc = UF_ERR_INPUT;
            *bad_line = r.line;
            goto fail;
        }
        if (r.nomem)
            goto fail;
        if (progress)
            progress(ctx, done);
    }
    if (ferror(f)) {
        rc = UF_ERR_IO;
        goto fail;
    }
    if (left && !r.stop) { /* a character cut off at the end (UTF-16) */
        rc = UF_ERR_INPUT;
        *bad_line = r.line;
        goto fail;
    }
    if (!r.stop && csv_fini(&p, on_field, on_record, &r) != 0) {
        rc = UF_ERR_INPUT;
        *bad_line = r.start_line; /* the record with the open quote */
        goto fail;
    }
    rc = r.nomem ? UF_ERR_NOMEM : UF_OK;
fail:
    csv_free(&p);
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(conv);
    free(buf);
    free(r.text);
    free(r.offs);
    free(r.fields);
    fclose(f);
    return rc;
}
