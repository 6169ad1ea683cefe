/*
 * test_csvin.c - the two passes over an import CSV file (csvin.h): the scan
 * (SHA-256, encoding, delimiter) and the read (fields, quoting, physical
 * line numbers, Windows-1252 to UTF-8), and the UTF-8 validator.
 *
 * Every file is written into a mkdtemp folder by the test itself; expected
 * fields and line numbers are read off the file text by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/csvin.h"
#include "testutil.h"

/* ---- fixture: one temporary folder per test ---------------------------- */

/* ---- a record collector for uf_csv_read --------------------------------- */

#define MAXREC 16
#define MAXF 8

typedef struct rec {
    unsigned long line;
    size_t n;
    char *f[MAXF];
} rec;

typedef struct coll {
    rec r[MAXREC];
    size_t n;                 /* records kept */
    unsigned long count;      /* records seen */
    unsigned long stop_after; /* 0: never stop */
} coll;

static int collect(void *ctx, unsigned long line, char **fields, size_t n)
{
    coll *c = ctx;
    if (c->n < MAXREC) {
        rec *r = &c->r[c->n++];
        r->line = line;
        r->n = n;
        for (size_t i = 0; i < n && i < MAXF; i++)
            r->f[i] = strdup(fields[i]);
    }
    c->count++;
    return c->stop_after && c->count >= c->stop_after;
}

static void coll_free(coll *c)
{
    for (size_t k = 0; k < c->n; k++)
        for (size_t i = 0; i < c->r[k].n && i < MAXF; i++)
            free(c->r[k].f[i]);
    memset(c, 0, sizeof *c);
}

/* Write text to dir/name, scan and read it into c; the read's result. */
static uf_error read_text(const char *dir, const char *name, const char *text, uf_csv_info *info,
                          coll *c, unsigned long *bad)
{
    char path[TU_PATH];
    assert_int_equal(tu_write(dir, name, text, path), 0);
    assert_int_equal(uf_csv_scan(path, info), UF_OK);
    memset(c, 0, sizeof *c);
    *bad = 0;
    return uf_csv_read(path, info, collect, NULL, c, bad);
}

/* Assert record k of c: its line and its fields. */
static void assert_rec(const coll *c, size_t k, unsigned long line, size_t n, ...)
{
    assert_true(k < c->n);
    const rec *r = &c->r[k];
    if (r->line != line)
        fail_msg("record %zu starts on line %lu, expected %lu", k, r->line, line);
    assert_int_equal(r->n, n);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(r->f[i], va_arg(ap, const char *));
    va_end(ap);
}

/* ---- scan ---------------------------------------------------------------- */

/* SHA-256("abc") is the FIPS 180-2 example digest; SHA-256 of nothing is
 * the well-known e3b0c442... digest. */
static void test_csvin__scan_sha256_of_known_strings(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    uf_csv_info info = { 0 };
    assert_int_equal(tu_write(dir, "abc.csv", "abc", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_string_equal(info.sha256,
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(info.size, 3);
    assert_int_equal(info.encoding, UF_ENC_UTF8);

    assert_int_equal(tu_write(dir, "empty.csv", "", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_string_equal(info.sha256,
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_int_equal(info.size, 0);
    assert_int_equal(info.delim, ';');
}

static void test_csvin__scan_missing_file_is_io_error(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    uf_csv_info info = { 0 };
    tu_path(path, dir, "finns-inte.csv");
    assert_int_equal(uf_csv_scan(path, &info), UF_ERR_IO);
    coll c = { 0 };
    unsigned long bad = 0;
    info.encoding = UF_ENC_UTF8;
    info.delim = ';';
    assert_int_equal(uf_csv_read(path, &info, collect, NULL, &c, &bad), UF_ERR_IO);
    assert_int_equal(c.count, 0);
}

static void test_csvin__scan_encodings(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    uf_csv_info info = { 0 };
    /* "Åsa;Västerås" in UTF-8 */
    assert_int_equal(tu_write(dir, "u.csv", "namn;ort\n\xC3\x85sa;V\xC3\xA4ster\xC3\xA5s\n", path),
                     0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.encoding, UF_ENC_UTF8);

    assert_int_equal(tu_write(dir, "b.csv", "\xEF\xBB\xBFnamn;ort\n\xC3\x85sa;Ume\xC3\xA5\n", path),
                     0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.encoding, UF_ENC_UTF8_BOM);

    /* the same in Windows-1252: Å = C5, ä = E4, å = E5 */
    assert_int_equal(tu_write(dir, "w.csv", "namn;ort\n\xC5sa;V\xE4ster\xE5s\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.encoding, UF_ENC_CP1252);

    /* a lone 1252 'å' as the very last byte is an unfinished UTF-8
     * sequence at the end of the file: Windows-1252 too */
    assert_int_equal(tu_write(dir, "t.csv", "ort\nv\xE5", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.encoding, UF_ENC_CP1252);

    /* plain ASCII is UTF-8 */
    assert_int_equal(tu_write(dir, "a.csv", "a;b\n1;2\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.encoding, UF_ENC_UTF8);
    assert_int_equal(info.size, 8);
}

/* Build a file whose byte at offset at (and the next one) is the two-byte
 * sequence seq, the rest ASCII lines; size bytes in all. */
static char *straddle(size_t size, size_t at, const char *seq)
{
    char *buf = malloc(size + 1);
    assert_non_null(buf);
    memcpy(buf, "h\n", 2);
    for (size_t i = 2; i < size; i++)
        buf[i] = (i % 64 == 63) ? '\n' : 'a';
    buf[at] = seq[0];
    buf[at + 1] = seq[1];
    buf[size] = '\0';
    return buf;
}

/* Both passes read 256 KiB chunks: a two-byte letter split across the
 * boundary (offset 262143 | 262144) is still valid UTF-8. */
static void test_csvin__scan_utf8_across_chunk_boundary(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    uf_csv_info info = { 0 };
    const size_t chunk = 256 * 1024, size = 300000;
    char *buf = straddle(size, chunk - 1, "\xC3\xA5"); /* å */
    assert_int_equal(tu_write_bytes(dir, "s.csv", buf, size, path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.encoding, UF_ENC_UTF8);
    assert_int_equal(info.size, size);
    /* the same place with a 1252 'å' followed by 'a' is not UTF-8 */
    free(buf);
    buf = straddle(size, chunk - 1,
                   "\xE5"
                   "a");
    assert_int_equal(tu_write_bytes(dir, "s.csv", buf, size, path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.encoding, UF_ENC_CP1252);
    free(buf);
}

/* Issue 13: an encoding is taken only when the file is wholly that.  One
 * bad byte in an otherwise UTF-8 file is an error naming its line (line 3
 * here: 0xF6 is 1252's ö among UTF-8 å); a NUL byte is one too; a byte
 * Windows-1252 leaves undefined (0x81) in a file that is no UTF-8 makes
 * it no text at all. */
static void test_csvin__scan_refuses_mixed_and_binary(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    uf_csv_info info = { 0 };
    assert_int_equal(tu_write(dir, "m.csv",
                              "ort\nV\xC3\xA4ster\xC3\xA5s\nS\xF6"
                              "derdal\nUme\xC3\xA5\n",
                              path),
                     0);
    assert_int_equal(uf_csv_scan(path, &info), UF_ERR_INPUT);
    assert_int_equal(info.problem, UF_CSV_BAD_UTF8);
    assert_int_equal(info.bad_line, 3);
    assert_int_equal(info.bad_byte, 0xF6);
    /* with a BOM, one bad byte is enough: the BOM says UTF-8 */
    assert_int_equal(tu_write(dir, "mb.csv",
                              "\xEF\xBB\xBFort\nS\xF6"
                              "derdal\n",
                              path),
                     0);
    assert_int_equal(uf_csv_scan(path, &info), UF_ERR_INPUT);
    assert_int_equal(info.problem, UF_CSV_BAD_UTF8);
    assert_int_equal(info.bad_line, 2);
    static const char nul[] = "a;b\n1;2\n3;x\0y\n";
    assert_int_equal(tu_write_bytes(dir, "n.csv", nul, sizeof nul - 1, path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_ERR_INPUT);
    assert_int_equal(info.problem, UF_CSV_NUL);
    assert_int_equal(info.bad_line, 3);
    assert_int_equal(tu_write(dir, "x.csv", "a;b\n\xE5;\x81\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_ERR_INPUT);
    assert_int_equal(info.problem, UF_CSV_NOT_TEXT);
    assert_int_equal(info.bad_line, 2);
    assert_int_equal(info.bad_byte, 0x81);
}

/* UTF-16 with its BOM (Excel's "Unicode-text", tab-separated) is read,
 * little and big endian: "namn\tort" / "Åsa\tUmeå" (Å = U+00C5,
 * å = U+00E5). */
static void test_csvin__reads_utf16(void **state)
{
    static const char le[] = "\xFF\xFE"
                             "n\0a\0m\0n\0\t\0o\0r\0t\0\n\0"
                             "\xC5\0s\0a\0\t\0U\0m\0e\0\xE5\0\n\0";
    static const char be[] = "\xFE\xFF"
                             "\0n\0a\0m\0n\0\t\0o\0r\0t\0\n"
                             "\0\xC5\0s\0a\0\t\0U\0m\0e\0\xE5\0\n";
    const char *text[] = { le, be };
    size_t len[] = { sizeof le - 1, sizeof be - 1 };
    for (int k = 0; k < 2; k++) {
        char path[TU_PATH];
        uf_csv_info info = { 0 };
        assert_int_equal(tu_write_bytes(*state, k ? "be.csv" : "le.csv", text[k], len[k], path), 0);
        assert_int_equal(uf_csv_scan(path, &info), UF_OK);
        assert_int_equal(info.encoding, k ? UF_ENC_UTF16BE : UF_ENC_UTF16LE);
        assert_int_equal(info.delim, '\t');
        coll c = { 0 };
        unsigned long bad = 0;
        assert_int_equal(uf_csv_read(path, &info, collect, NULL, &c, &bad), UF_OK);
        assert_int_equal(c.count, 2);
        assert_rec(&c, 0, 1, 2, "namn", "ort");
        assert_rec(&c, 1, 2, 2, "\xC3\x85sa", "Ume\xC3\xA5");
        coll_free(&c);
    }
    /* a BOM and nothing else (found by make fuzz: the first line was
     * looked for past the end of the file) */
    static const char *const boms[] = { "\xFE\xFF", "\xFF\xFE", "\xFE\xFF\0" };
    for (int k = 0; k < 3; k++) {
        char path[TU_PATH];
        uf_csv_info info = { 0 };
        assert_int_equal(tu_write_bytes(*state, "bom.csv", boms[k], k == 2 ? 3 : 2, path), 0);
        assert_int_equal(uf_csv_scan(path, &info), UF_OK);
        coll c = { 0 };
        unsigned long bad = 0;
        uf_error rc = uf_csv_read(path, &info, collect, NULL, &c, &bad);
        assert_true(rc == UF_OK || rc == UF_ERR_INPUT);
        assert_int_equal(c.count, 0);
        coll_free(&c);
    }
}

static void test_csvin__scan_delimiter(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    uf_csv_info info = { 0 };
    /* a tab-separated file (Excel's "Text (tabbavgränsad)") */
    assert_int_equal(tu_write(dir, "d0.csv", "a\tb\tc\n1;2\t2,5\t3\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.delim, '\t');

    /* decimal commas in the data do not count: only the header line */
    assert_int_equal(tu_write(dir, "d1.csv", "a;b;c\n1,5;2,5;3,5\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.delim, ';');

    assert_int_equal(tu_write(dir, "d2.csv", "a,b,c\n1;2;3\n4;5;6\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.delim, ',');

    /* outside quotes: one ',' and no ';' (the two ';' are quoted) */
    assert_int_equal(tu_write(dir, "d3.csv", "\"x;y;z\",b\n1,2\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.delim, ',');

    /* and the other way round */
    assert_int_equal(tu_write(dir, "d4.csv", "\"p,q,r\";s\n1;2\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.delim, ';');

    /* BOM, then ',' */
    assert_int_equal(tu_write(dir, "d5.csv", "\xEF\xBB\xBFperson,sex\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.delim, ',');
    assert_int_equal(info.encoding, UF_ENC_UTF8_BOM);

    /* CRLF header: only the first line counts */
    assert_int_equal(tu_write(dir, "d6.csv", "a;b\r\n1,2,3,4\r\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_int_equal(info.delim, ';');
}

/* ---- read ---------------------------------------------------------------- */

static void test_csvin__read_fields_and_trimming(void **state)
{
    coll c;
    uf_csv_info info = { 0 };
    unsigned long bad;
    /* spaces around unquoted fields go, inside quotes they stay */
    assert_int_equal(read_text(*state, "f.csv", "a;b;c\n 1 ; x y ;\" z \"\n;;\n", &info, &c, &bad),
                     UF_OK);
    assert_int_equal(c.count, 3);
    assert_rec(&c, 0, 1, 3, "a", "b", "c");
    assert_rec(&c, 1, 2, 3, "1", "x y", " z ");
    assert_rec(&c, 2, 3, 3, "", "", "");
    coll_free(&c);
}

static void test_csvin__read_quoted_delimiter_and_doubled_quotes(void **state)
{
    coll c;
    uf_csv_info info = { 0 };
    unsigned long bad;
    assert_int_equal(
        read_text(*state, "q.csv", "a;b;c\n\"x;y\";\"say \"\"hi\"\"\";\"\"\n", &info, &c, &bad),
        UF_OK);
    assert_int_equal(info.delim, ';');
    assert_int_equal(c.count, 2);
    assert_rec(&c, 1, 2, 3, "x;y", "say \"hi\"", "");
    coll_free(&c);

    /* ',' files quote their decimal commas */
    assert_int_equal(read_text(*state, "q2.csv", "a,b\n\"12,5\",x\n", &info, &c, &bad), UF_OK);
    assert_int_equal(info.delim, ',');
    assert_rec(&c, 1, 2, 2, "12,5", "x");
    coll_free(&c);
}

/*
 * line 1  h1;h2
 * line 2  1;"two          <- record starting on line 2 ...
 * line 3  lines"          <- ... ends here
 * line 4  3;4
 * line 5  "five           <- the first field spans lines 5-6
 * line 6  six";7
 * line 7  8;9
 */
static void test_csvin__read_multiline_field_keeps_line_numbers(void **state)
{
    coll c;
    uf_csv_info info = { 0 };
    unsigned long bad;
    assert_int_equal(read_text(*state, "m.csv",
                               "h1;h2\n1;\"two\nlines\"\n3;4\n\"five\nsix\";7\n8;9\n", &info, &c,
                               &bad),
                     UF_OK);
    assert_int_equal(c.count, 5);
    assert_rec(&c, 0, 1, 2, "h1", "h2");
    assert_rec(&c, 1, 2, 2, "1", "two\nlines");
    assert_rec(&c, 2, 4, 2, "3", "4");
    assert_rec(&c, 3, 5, 2, "five\nsix", "7");
    assert_rec(&c, 4, 7, 2, "8", "9");
    coll_free(&c);
}

static void test_csvin__read_crlf(void **state)
{
    coll c;
    uf_csv_info info = { 0 };
    unsigned long bad;
    /* line 3 holds a quoted CRLF that ends on line 4 */
    assert_int_equal(
        read_text(*state, "crlf.csv", "a;b\r\n1;2\r\n\"x\r\ny\";3\r\n4;5\r\n", &info, &c, &bad),
        UF_OK);
    assert_int_equal(c.count, 4);
    assert_rec(&c, 0, 1, 2, "a", "b");
    assert_rec(&c, 1, 2, 2, "1", "2");
    assert_rec(&c, 2, 3, 2, "x\r\ny", "3");
    assert_rec(&c, 3, 5, 2, "4", "5");
    coll_free(&c);

    /* no newline after the last record */
    assert_int_equal(read_text(*state, "crlf2.csv", "a;b\r\n1;2", &info, &c, &bad), UF_OK);
    assert_int_equal(c.count, 2);
    assert_rec(&c, 1, 2, 2, "1", "2");
    coll_free(&c);
}

static void test_csvin__read_blank_lines(void **state)
{
    coll c;
    uf_csv_info info = { 0 };
    unsigned long bad;
    /* lines 2, 4, 5 and 7 are empty (7 with CRLF) */
    assert_int_equal(read_text(*state, "bl.csv", "a;b\n\n1;2\n\n\n3;4\n\r\n5;6\n", &info, &c, &bad),
                     UF_OK);
    assert_int_equal(c.count, 4);
    assert_rec(&c, 0, 1, 2, "a", "b");
    assert_rec(&c, 1, 3, 2, "1", "2");
    assert_rec(&c, 2, 6, 2, "3", "4");
    assert_rec(&c, 3, 8, 2, "5", "6");
    coll_free(&c);
}

static void test_csvin__read_strips_bom(void **state)
{
    coll c;
    uf_csv_info info = { 0 };
    unsigned long bad;
    assert_int_equal(read_text(*state, "bom.csv", "\xEF\xBB\xBFnamn,ort\n\xC3\x85sa,Ume\xC3\xA5\n",
                               &info, &c, &bad),
                     UF_OK);
    assert_int_equal(info.encoding, UF_ENC_UTF8_BOM);
    assert_int_equal(c.count, 2);
    assert_rec(&c, 0, 1, 2, "namn", "ort");
    assert_rec(&c, 1, 2, 2, "\xC3\x85sa", "Ume\xC3\xA5");
    coll_free(&c);
}

static void test_csvin__read_converts_windows_1252(void **state)
{
    coll c;
    uf_csv_info info = { 0 };
    unsigned long bad;
    /* Windows-1252: ä E4, å E5, Å C5, € 80 -> UTF-8 C3 A4, C3 A5, C3 85,
     * E2 82 AC */
    assert_int_equal(
        read_text(*state, "w.csv", "ort;namn;pris\nV\xE4ster\xE5s;\xC5sa;5\x80\n", &info, &c, &bad),
        UF_OK);
    assert_int_equal(info.encoding, UF_ENC_CP1252);
    assert_int_equal(c.count, 2);
    assert_rec(&c, 1, 2, 3, "V\xC3\xA4ster\xC3\xA5s", "\xC3\x85sa", "5\xE2\x82\xAC");
    coll_free(&c);
}

static void test_csvin__read_unterminated_quote(void **state)
{
    coll c;
    uf_csv_info info = { 0 };
    unsigned long bad;
    /* the quote opened on line 3 (second field) never closes */
    assert_int_equal(read_text(*state, "u1.csv", "a;b\n1;2\n3;\"x\n4;5\n", &info, &c, &bad),
                     UF_ERR_INPUT);
    assert_int_equal(bad, 3);
    coll_free(&c);

    /* the same with the quote in the first field of line 3 */
    assert_int_equal(read_text(*state, "u2.csv", "a;b\n1;2\n\"x;3\n4;5\n", &info, &c, &bad),
                     UF_ERR_INPUT);
    assert_int_equal(bad, 3);
    coll_free(&c);

    /* a quote inside an unquoted field (line 3) */
    assert_int_equal(read_text(*state, "u3.csv", "a;b\n1;2\n3;x\"y\n4;5\n", &info, &c, &bad),
                     UF_ERR_INPUT);
    assert_int_equal(bad, 3);
    coll_free(&c);

    /* text after a closing quote (line 2) */
    assert_int_equal(read_text(*state, "u4.csv", "a;b\n\"ab\"c;d\n", &info, &c, &bad),
                     UF_ERR_INPUT);
    assert_int_equal(bad, 2);
    coll_free(&c);
}

static void test_csvin__read_callback_can_stop(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    uf_csv_info info = { 0 };
    assert_int_equal(tu_write(dir, "st.csv", "a\n1\n2\n3\n4\n", path), 0);
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    coll c = { .stop_after = 2 };
    unsigned long bad = 0;
    assert_int_equal(uf_csv_read(path, &info, collect, NULL, &c, &bad), UF_OK);
    assert_int_equal(c.count, 2);
    assert_rec(&c, 1, 2, 1, "1");
    coll_free(&c);
}

/* ---- a file of several chunks ------------------------------------------- */

typedef struct big {
    unsigned long count, bad_lines;
    char last[3][32];
    unsigned long last_line;
    unsigned long long progress;
} big;

static int big_row(void *ctx, unsigned long line, char **fields, size_t n)
{
    big *b = ctx;
    b->count++;
    /* record k (0 = header) is on line k+1 and its id is k */
    if (line != b->count || (b->count > 1 && (n != 3 || strtoul(fields[0], NULL, 10) != line - 1)))
        b->bad_lines++;
    for (size_t i = 0; i < 3 && i < n; i++)
        snprintf(b->last[i], sizeof b->last[i], "%s", fields[i]);
    b->last_line = line;
    return 0;
}

static void big_progress(void *ctx, unsigned long long done)
{
    ((big *)ctx)->progress = done;
}

/* 20 000 rows of about 37 bytes: some 700 KB, so rows are cut by the
 * 256 KiB chunk boundaries of both passes. */
static void test_csvin__read_file_larger_than_a_chunk(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "big.csv");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("\xEF\xBB\xBFid;namn;v\xC3\xA4rde\n", f);
    for (int i = 1; i <= 20000; i++)
        fprintf(f, "%d;\"rad %d; \xC3\xA5\xC3\xA4\xC3\xB6 och mer\";%d,5\n", i, i, i % 100);
    assert_int_equal(fclose(f), 0);

    uf_csv_info info = { 0 };
    assert_int_equal(uf_csv_scan(path, &info), UF_OK);
    assert_true(info.size > 2 * 256 * 1024);
    assert_int_equal(info.encoding, UF_ENC_UTF8_BOM);
    assert_int_equal(info.delim, ';');
    big b = { 0 };
    unsigned long bad = 0;
    assert_int_equal(uf_csv_read(path, &info, big_row, big_progress, &b, &bad), UF_OK);
    assert_int_equal(b.count, 20001);
    assert_int_equal(b.bad_lines, 0);
    assert_int_equal(b.last_line, 20001);
    assert_string_equal(b.last[0], "20000");
    assert_string_equal(b.last[1], "rad 20000; \xC3\xA5\xC3\xA4\xC3\xB6 och mer");
    assert_string_equal(b.last[2], "0,5"); /* 20000 % 100 = 0 */
    assert_int_equal(b.progress, info.size);
}

/* ---- UTF-8 validation ----------------------------------------------------- */

static bool valid(const char *s, size_t len, size_t *tail)
{
    return uf_utf8_valid((const unsigned char *)s, len, tail);
}

static void test_csvin__utf8_valid(void **state)
{
    (void)state;
    size_t tail = 99;
    assert_true(valid("", 0, &tail));
    assert_int_equal(tail, 0);
    assert_true(valid("abc", 3, &tail));
    assert_true(valid("V\xC3\xA4ster\xC3\xA5s", 10, &tail)); /* Västerås */
    assert_int_equal(tail, 0);
    assert_true(valid("\xE2\x82\xAC", 3, &tail));     /* € U+20AC */
    assert_true(valid("\xF0\x9F\x98\x80", 4, &tail)); /* U+1F600 */
    assert_true(valid("\xED\x9F\xBF", 3, &tail));     /* U+D7FF */
    assert_true(valid("\xF4\x8F\xBF\xBF", 4, &tail)); /* U+10FFFF */
    assert_int_equal(tail, 0);
}

static void test_csvin__utf8_invalid(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        { "\x80", 1 }, /* lone continuation byte */
        { "a\xBF"
          "b",
          3 },
        { "\xC3"
          "a",
          2 },                     /* lead byte without continuation */
        { "\xE5sa", 3 },           /* Windows-1252 å */
        { "\xC0\xAF", 2 },         /* overlong '/' */
        { "\xC1\xBF", 2 },         /* overlong */
        { "\xE0\x80\xAF", 3 },     /* overlong '/' in three bytes */
        { "\xE0\x9F\xBF", 3 },     /* overlong U+07FF */
        { "\xF0\x80\x80\xAF", 4 }, /* overlong in four bytes */
        { "\xF0\x8F\xBF\xBF", 4 }, /* overlong U+FFFF */
        { "\xED\xA0\x80", 3 },     /* surrogate U+D800 */
        { "\xED\xBF\xBF", 3 },     /* surrogate U+DFFF */
        { "\xF4\x90\x80\x80", 4 }, /* U+110000 */
        { "\xF5\x80\x80\x80", 4 },
        { "\xFE", 1 },
        { "\xFF", 1 },
        { "\xE2\x82"
          "a",
          3 }, /* three-byte letter cut short */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t tail = 0;
        if (valid(bad[i].s, bad[i].len, &tail))
            fail_msg("case %zu was taken as valid UTF-8", i);
    }
}

/* A sequence cut by the end of the buffer is left to the next chunk. */
static void test_csvin__utf8_truncated_tail(void **state)
{
    (void)state;
    size_t tail = 0;
    assert_true(valid("a\xC3", 2, &tail));
    assert_int_equal(tail, 1);
    assert_true(valid("ab\xE2\x82", 4, &tail));
    assert_int_equal(tail, 2);
    assert_true(valid("\xF0\x9F\x98", 3, &tail));
    assert_int_equal(tail, 3);
    /* a cut sequence whose bytes so far are already wrong */
    assert_false(valid("\xE2"
                       "a",
                       2, &tail));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup_dir, tu_teardown_dir)
    const struct CMUnitTest tests[] = {
        T(test_csvin__scan_sha256_of_known_strings),
        T(test_csvin__scan_missing_file_is_io_error),
        T(test_csvin__scan_encodings),
        T(test_csvin__scan_utf8_across_chunk_boundary),
        T(test_csvin__scan_refuses_mixed_and_binary),
        T(test_csvin__reads_utf16),
        T(test_csvin__scan_delimiter),
        T(test_csvin__read_fields_and_trimming),
        T(test_csvin__read_quoted_delimiter_and_doubled_quotes),
        T(test_csvin__read_multiline_field_keeps_line_numbers),
        T(test_csvin__read_crlf),
        T(test_csvin__read_blank_lines),
        T(test_csvin__read_strips_bom),
        T(test_csvin__read_converts_windows_1252),
        T(test_csvin__read_unterminated_quote),
        T(test_csvin__read_callback_can_stop),
        T(test_csvin__read_file_larger_than_a_chunk),
        cmocka_unit_test(test_csvin__utf8_valid),
        cmocka_unit_test(test_csvin__utf8_invalid),
        cmocka_unit_test(test_csvin__utf8_truncated_tail),
    };
    return cmocka_run_group_tests_name("csvin", tests, NULL, NULL);
}
