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

#define CHUNK (256 * 1024)

const char *uf_encoding_name(uf_encoding e)
{
    switch (e) {
    case UF_ENC_UTF8: return "UTF-8";
    case UF_ENC_UTF8_BOM: return "UTF-8 med BOM";
    case UF_ENC_CP1252: return "Windows-1252";
    }
    return "?";
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

bool uf_utf8_valid(const unsigned char *b, size_t len, size_t *tail)
{
    size_t i = 0;
    *tail = 0;
    while (i < len) {
        /* ASCII runs, eight bytes at a time: most files are all ASCII */
        while (i + 8 <= len) {
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
        if (n == 0)
            return false;
        if (i + n > len) {
            *tail = len - i; /* judged when the next chunk comes */
            for (size_t k = i + 1; k < len; k++)
                if ((b[k] & 0xC0) != 0x80)
                    return false;
            return true;
        }
        for (size_t k = 1; k < n; k++)
            if ((b[i + k] & 0xC0) != 0x80)
                return false;
        /* overlongs and surrogates; beyond U+10FFFF */
        if ((b[i] == 0xE0 && b[i + 1] < 0xA0) || (b[i] == 0xED && b[i + 1] > 0x9F) ||
            (b[i] == 0xF0 && b[i + 1] < 0x90) || (b[i] == 0xF4 && b[i + 1] > 0x8F))
            return false;
        i += n;
    }
    return true;
}

/* Count ';' and ',' outside quotes in the first line of buf. */
static char detect_delim(const unsigned char *buf, size_t len)
{
    size_t semi = 0, comma = 0;
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || (buf[i] != '\n' && buf[i] != '\r')); i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted && buf[i] == ';')
            semi++;
        else if (!quoted && buf[i] == ',')
            comma++;
    }
    return comma > semi ? ',' : ';';
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
    bool utf8 = true, first = true;
    size_t carry = 0, got;
    while ((got = fread(buf + carry, 1, CHUNK, f)) > 0) {
        EVP_DigestUpdate(sha, buf + carry, got);
        info->size += got;
        size_t len = carry + got, off = 0;
        if (first) {
            if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                off = 3;
            info->delim = detect_delim(buf + off, len - off);
            info->encoding = off ? UF_ENC_UTF8_BOM : UF_ENC_UTF8;
            first = false;
        }
        if (utf8 && !uf_utf8_valid(buf + off, len - off, &carry))
            utf8 = false;
        if (!utf8)
            carry = 0;
        memmove(buf, buf + len - carry, carry);
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    free(buf);
    if (failed) {
        EVP_MD_CTX_free(sha);
        return UF_ERR_IO;
    }
    if (first)
        info->delim = ';';
    if (!utf8 || carry)
        info->encoding = UF_ENC_CP1252;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned dlen = 0;
    EVP_DigestFinal_ex(sha, digest, &dlen);
    EVP_MD_CTX_free(sha);
    for (unsigned i = 0; i < dlen && i < 32; i++)
        snprintf(info->sha256 + 2 * i, 3, "%02x", digest[i]);
    return UF_OK;
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

/* Convert a Windows-1252 chunk to UTF-8 with cd; returns bytes in out. */
static size_t to_utf8(iconv_t cd, char *in, size_t len, char *out, size_t cap)
{
    char *ip = in, *op = out;
    size_t il = len, ol = cap;
    while (il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            /* 0x81 0x8D 0x8F 0x90 0x9D are undefined in 1252: keep as '?' */
            if (errno != EILSEQ || ol == 0)
                break;
            *op++ = '?';
            ol--;
            ip++;
            il--;
        }
    }
    return (size_t)(op - out);
}

uf_error uf_csv_read(const char *path, const uf_csv_info *info, uf_csv_row_fn row,
                     uf_csv_progress_fn progress, void *ctx, unsigned long *bad_line)
{
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
    buf = malloc(CHUNK);
    if (!buf)
        goto fail;
    if (info->encoding == UF_ENC_CP1252) {
        cd = iconv_open("UTF-8", "WINDOWS-1252");
        conv = malloc(CHUNK * 3);
        if (cd == (iconv_t)-1 || !conv)
            goto fail;
    }
    unsigned long long done = 0;
    size_t got;
    bool first = true;
    while (!r.stop && (got = fread(buf, 1, CHUNK, f)) > 0) {
        char *s = buf;
        size_t len = got;
        done += got;
        if (first && info->encoding == UF_ENC_UTF8_BOM && len >= 3) {
            s += 3;
            len -= 3;
        }
        first = false;
        if (conv) {
            len = to_utf8(cd, s, len, conv, CHUNK * 3);
            s = conv;
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
