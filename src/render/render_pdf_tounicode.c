/*
 * render_pdf_tounicode.c - the ToUnicode maps of the PDF's fonts, which let
 * a reader copy, search and extract the text (PDF 1.7, 9.10.3).
 *
 * Why this exists: libharu 2.3.0 embeds a TrueType font used with its UTF-8
 * encoder as a Type0 font with the predefined /Identity-H encoding, and
 * gives it as /ToUnicode its own *encoding* CMap (a begincidrange identity,
 * no bfchar or bfrange), which is no ToUnicode map: poppler warns "Invalid
 * 'begincidrange' operator in ToUnicode CMap" on every page and other
 * readers may extract nothing.
 *
 * What the codes are: for each UTF-8 character of a string drawn, libharu's
 * encoder writes two bytes, big-endian: the character's Unicode code point
 * when it is below U+10000, else 0x0020 (a space); a stray byte writes
 * nothing.  Under /Identity-H a code is its CID, and the font's
 * /CIDToGIDMap (written by libharu from the font's cmap) maps CID U+XXXX to
 * the glyph of U+XXXX.  So the right ToUnicode map takes every code drawn
 * to itself.  Codes D800-DFFF (only from broken UTF-8) are no character
 * alone and are mapped to U+FFFD.
 *
 * How: the renderer asks libharu's own encoder for the codes of every
 * string it draws (so they are exactly what the content streams hold) and
 * keeps them in a set per font; before the document is saved, the bytes of
 * each font's /ToUnicode stream are replaced by a map of that set.  The
 * stream object is libharu's own (the font points to it, and libharu sets
 * its compression when it writes the font), so nothing else changes.
 *
 * The set is a bit per 16-bit code (8 KiB): a report draws a few hundred
 * distinct characters in some thousands of strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include "render_pdf_internal.h"

/* At most 100 entries between begin and end (PDF 1.7, 9.7.6.2). */
#define BLOCK 100

static bool has(const ufpdf_codes *c, unsigned code)
{
    return (c->bits[code / 64] >> (code % 64)) & 1u;
}

static bool surrogate(unsigned code)
{
    return code >= 0xD800 && code <= 0xDFFF;
}

bool ufpdf_codes_add(ufpdf_codes *c, HPDF_Encoder enc, const char *s, size_t len)
{
    if (len == 0)
        return true;
    HPDF_UINT n = 0;
    /* what HPDF_Page_ShowText writes between < and > (libharu frees it so) */
    char *e = enc->encode_text_fn(enc, s, (HPDF_UINT)len, &n);
    if (!e)
        return false;
    for (HPDF_UINT i = 0; i + 1 < n; i += 2) {
        unsigned code = (unsigned)(unsigned char)e[i] << 8 | (unsigned char)e[i + 1];
        c->bits[code / 64] |= (uint64_t)1 << (code % 64);
    }
    free(e);
    return true;
}

/*
 * The next entry of the map at or after code *at: codes lo..hi of c that
 * follow each other and share their first byte (so that a bfrange's last
 * byte never passes FF), or a surrogate code alone.  *at moves past it.
 * False when no code is left.
 */
static bool next_entry(const ufpdf_codes *c, unsigned *at, unsigned *lo, unsigned *hi)
{
    unsigned k = *at;
    while (k <= 0xFFFF && !has(c, k))
        k++;
    if (k > 0xFFFF)
        return false;
    *lo = *hi = k;
    if (!surrogate(k))
        while ((*hi & 0xFF) != 0xFF && has(c, *hi + 1))
            (*hi)++;
    *at = *hi + 1;
    return true;
}

/* Every run of two or more codes as "<lo> <hi> <lo>" (ranges), or every
 * code alone as "<code> <unicode>", in blocks of at most BLOCK. */
static void write_entries(FILE *f, const ufpdf_codes *c, bool ranges)
{
    const char *kind = ranges ? "bfrange" : "bfchar";
    unsigned at = 0, lo, hi;
    int n = 0, i = 0;
    while (next_entry(c, &at, &lo, &hi))
        n += (hi > lo) == ranges;
    at = 0;
    while (next_entry(c, &at, &lo, &hi)) {
        if ((hi > lo) != ranges)
            continue;
        if (i % BLOCK == 0)
            fprintf(f, "%d begin%s\n", n - i < BLOCK ? n - i : BLOCK, kind);
        if (ranges)
            fprintf(f, "<%04X> <%04X> <%04X>\n", lo, hi, lo);
        else
            fprintf(f, "<%04X> <%04X>\n", lo, surrogate(lo) ? 0xFFFDu : lo);
        i++;
        if (i % BLOCK == 0 || i == n)
            fprintf(f, "end%s\n", kind);
    }
}

char *ufpdf_tounicode_cmap(const ufpdf_codes *c, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        return NULL;
    fputs("/CIDInit /ProcSet findresource begin\n"
          "12 dict begin\n"
          "begincmap\n"
          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
          "/CMapName /Adobe-Identity-UCS def\n"
          "/CMapType 2 def\n"
          "1 begincodespacerange\n"
          "<0000> <FFFF>\n"
          "endcodespacerange\n",
          f);
    write_entries(f, c, true);
    write_entries(f, c, false);
    fputs("endcmap\n"
          "CMapName currentdict /CMap defineresource pop\n"
          "end\n"
          "end\n",
          f);
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad) {
        free(text);
        return NULL;
    }
    return text;
}

HPDF_STATUS ufpdf_tounicode_set(HPDF_Font font, const ufpdf_codes *c)
{
    /* the stream libharu made for it: its /Length and, when it writes the
     * font, its compression stay libharu's */
    HPDF_Dict map = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!map || !map->stream)
        return HPDF_INVALID_OBJECT;
    size_t len;
    char *text = ufpdf_tounicode_cmap(c, &len);
    if (!text)
        return HPDF_FAILD_TO_ALLOC_MEM;
    /* the entries of the encoding CMap it held would misname this one */
    static const char *const keys[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        HPDF_Dict_RemoveElement(map, keys[i]); /* HPDF_DICT_ITEM_NOT_FOUND: fine */
    HPDF_MemStream_FreeData(map->stream);
    HPDF_STATUS st = HPDF_Stream_Write(map->stream, (const HPDF_BYTE *)text, (HPDF_UINT)len);
    free(text);
    return st;
}
