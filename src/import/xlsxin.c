/*
 * xlsxin.c - an Excel workbook read as rows of text (see xlsxin.h).
 *
 * Workload: a sheet of a million rows.  Each part is inflated by libzip in
 * 64 KiB pieces straight into expat, so memory holds the shared strings,
 * the style table and one row whatever the sheet's size.  Names are parsed
 * with namespaces ("uri|local") and matched on their local part, so any
 * prefix a writer chose reads the same.
 */
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>
#include "uppfolj/parse.h"
#include "uppfolj/xlsxin.h"

#define PIECE (64 * 1024)
/* The shared strings part inflated may be at most this large. */
#define MAX_SST_BYTES (256u * 1024 * 1024)

static void say(char *why, const char *fmt, const char *arg)
{
    if (why)
        snprintf(why, UF_XLSX_WHY, fmt, arg ? arg : "");
}

/* The local part of an expat namespace name "uri|local". */
static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* ---- growing text ------------------------------------------------------- */

typedef struct text {
    char *s;
    size_t len, cap;
    bool nomem;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->nomem)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *p = realloc(t->s, cap);
        if (!p) {
            t->nomem = true;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

/* ---- one part through expat --------------------------------------------- */

/* Parse part `name` of za with p; false (why set) when it is missing
 * (unless optional), unreadable or not well-formed. */
static bool parse_part(zip_t *za, const char *name, XML_Parser p, bool optional, char *why,
                       uf_csv_progress_fn progress, void *ctx, bool *stopped)
{
    zip_file_t *zf = zip_fopen(za, name, 0);
    if (!zf) {
        if (!optional)
            say(why, "arbetsboken saknar delen %s", name);
        return optional;
    }
    char *buf = malloc(PIECE);
    bool ok = buf != NULL;
    if (!ok)
        say(why, "%sminnet räckte inte", "");
    unsigned long long done = 0;
    zip_int64_t n = 0;
    while (ok && (!stopped || !*stopped) && (n = zip_fread(zf, buf, PIECE)) > 0) {
        if (XML_Parse(p, buf, (int)n, 0) == XML_STATUS_ERROR) {
            ok = false;
            if (!stopped || !*stopped)
                say(why, "delen %s är ingen korrekt XML", name);
        }
        done += (unsigned long long)n;
        if (progress)
            progress(ctx, done);
    }
    if (ok && n < 0) {
        ok = false;
        say(why, "delen %s kunde inte packas upp", name);
    }
    if (ok && (!stopped || !*stopped) && XML_Parse(p, "", 0, 1) == XML_STATUS_ERROR) {
        ok = false;
        say(why, "delen %s är ingen korrekt XML", name);
    }
    free(buf);
    zip_fclose(zf);
    return ok;
}

/* ---- the package -------------------------------------------------------- */

bool uf_xlsx_looks_like(const char *path)
{
    unsigned char m[8] = { 0 };
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(m, 1, sizeof m, f);
    fclose(f);
    return (n >= 4 && memcmp(m, "PK\x03\x04", 4) == 0) ||
           (n == 8 && memcmp(m, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0);
}

static zip_t *open_package(const char *path, char *why, uf_error *err)
{
    unsigned char m[8] = { 0 };
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = UF_ERR_IO;
        return NULL;
    }
    size_t n = fread(m, 1, sizeof m, f);
    fclose(f);
    *err = UF_ERR_INPUT;
    if (n == 8 && memcmp(m, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        say(why,
            "arbetsboken är lösenordsskyddad eller sparad i det gamla formatet .xls; spara den "
            "utan lösenord som Excel-arbetsbok (.xlsx)%s",
            "");
        return NULL;
    }
    int ze = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY, &ze);
    if (!za) {
        say(why, "filen är ingen Excel-arbetsbok (.xlsx): den är ingen ZIP-fil%s", "");
        return NULL;
    }
    if (zip_name_locate(za, "xl/workbook.xml", 0) < 0) {
        say(why,
            "ZIP-filen är ingen Excel-arbetsbok: xl/workbook.xml saknas (spara filen som "
            "Excel-arbetsbok, .xlsx)%s",
            "");
        zip_close(za);
        return NULL;
    }
    *err = UF_OK;
    return za;
}

/* ---- workbook.xml and its relationships --------------------------------- */

typedef struct rel {
    char id[64];
    char target[160];
} rel;

typedef struct book_parse {
    uf_xlsx_book *b;
    char rid[UF_XLSX_MAX_SHEETS][64];
    rel *rels;
    int nrels, rcap;
    bool date1904, nomem;
} book_parse;

static void book_start(void *data, const char *name, const char **atts)
{
    book_parse *bp = data;
    const char *l = local(name);
    if (strcmp(l, "sheet") == 0 && bp->b->nsheets < UF_XLSX_MAX_SHEETS) {
        const char *n = attr(atts, "name"), *id = attr(atts, "id");
        int k = bp->b->nsheets++;
        snprintf(bp->b->sheets[k].name, sizeof bp->b->sheets[k].name, "%s", n ? n : "");
        snprintf(bp->rid[k], sizeof bp->rid[k], "%s", id ? id : "");
    } else if (strcmp(l, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        bp->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(l, "Relationship") == 0) {
        if (bp->nrels == bp->rcap) {
            int cap = bp->rcap ? bp->rcap * 2 : 16;
            rel *r = realloc(bp->rels, (size_t)cap * sizeof *r);
            if (!r) {
                bp->nomem = true;
                return;
            }
            bp->rels = r;
            bp->rcap = cap;
        }
        const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
        rel *r = &bp->rels[bp->nrels++];
        snprintf(r->id, sizeof r->id, "%s", id ? id : "");
        snprintf(r->target, sizeof r->target, "%s", t ? t : "");
    }
}

static XML_Parser new_parser(void *data, XML_StartElementHandler start, XML_EndElementHandler end,
                             XML_CharacterDataHandler chars)
{
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    if (p) {
        XML_SetUserData(p, data);
        XML_SetElementHandler(p, start, end);
        if (chars)
            XML_SetCharacterDataHandler(p, chars);
    }
    return p;
}

/* The workbook's sheets and date system, parts resolved. */
static uf_error read_book(zip_t *za, uf_xlsx_book *b, bool *date1904, char *why)
{
    book_parse bp = { .b = b };
    b->nsheets = 0;
    uf_error err = UF_ERR_INPUT;
    XML_Parser p = new_parser(&bp, book_start, NULL, NULL);
    if (!p)
        return UF_ERR_NOMEM;
    bool ok = parse_part(za, "xl/workbook.xml", p, false, why, NULL, NULL, NULL);
    XML_ParserFree(p);
    if (ok) {
        p = new_parser(&bp, book_start, NULL, NULL);
        if (!p) {
            free(bp.rels);
            return UF_ERR_NOMEM;
        }
        ok = parse_part(za, "xl/_rels/workbook.xml.rels", p, false, why, NULL, NULL, NULL);
        XML_ParserFree(p);
    }
    if (bp.nomem) {
        free(bp.rels);
        return UF_ERR_NOMEM;
    }
    for (int k = 0; ok && k < b->nsheets; k++) {
        const char *target = NULL;
        for (int i = 0; i < bp.nrels && !target; i++)
            if (strcmp(bp.rels[i].id, bp.rid[k]) == 0)
                target = bp.rels[i].target;
        uf_xlsx_sheet *s = &b->sheets[k];
        if (!target) {
            say(why, "bladet %s saknas i arbetsbokens relationer", s->name);
            ok = false;
        } else if (target[0] == '/') {
            snprintf(s->part, sizeof s->part, "%s", target + 1);
        } else {
            snprintf(s->part, sizeof s->part, "xl/%s", target);
        }
        zip_stat_t st;
        /* the bytes uf_xlsx_read reports as read: inflated */
        if (ok && zip_stat(za, s->part, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
            s->size = st.size;
    }
    if (ok && b->nsheets == 0) {
        say(why, "arbetsboken har inga blad%s", "");
        ok = false;
    }
    if (ok)
        err = UF_OK;
    *date1904 = bp.date1904;
    free(bp.rels);
    return err;
}

uf_error uf_xlsx_sheets(const char *path, uf_xlsx_book *b, char *why)
{
    memset(b, 0, sizeof *b);
    uf_error err;
    zip_t *za = open_package(path, why, &err);
    if (!za)
        return err;
    bool date1904;
    err = read_book(za, b, &date1904, why);
    zip_close(za);
    if (err == UF_OK && !uf_file_sha256(path, b->sha256, &b->size))
        err = UF_ERR_IO;
    return err;
}

/* ---- shared strings and styles ------------------------------------------ */

typedef struct sst {
    char **v;
    size_t n, cap;
    text cur;
    int in_si, in_t, in_rph;
    bool nomem;
} sst;

static void sst_start(void *data, const char *name, const char **atts)
{
    (void)atts;
    sst *s = data;
    const char *l = local(name);
    if (strcmp(l, "si") == 0) {
        s->in_si = 1;
        s->cur.len = 0;
        text_add(&s->cur, "", 0);
    } else if (strcmp(l, "rPh") == 0) {
        s->in_rph++;
    } else if (strcmp(l, "t") == 0 && s->in_si && !s->in_rph) {
        s->in_t = 1;
    }
}

static void sst_end(void *data, const char *name)
{
    sst *s = data;
    const char *l = local(name);
    if (strcmp(l, "t") == 0) {
        s->in_t = 0;
    } else if (strcmp(l, "rPh") == 0) {
        s->in_rph--;
    } else if (strcmp(l, "si") == 0) {
        s->in_si = 0;
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 1024;
            char **v = realloc(s->v, cap * sizeof *v);
            if (!v) {
                s->nomem = true;
                return;
            }
            s->v = v;
            s->cap = cap;
        }
        s->v[s->n] = strdup(s->cur.s ? s->cur.s : "");
        if (!s->v[s->n])
            s->nomem = true;
        else
            s->n++;
    }
}

static void sst_chars(void *data, const char *str, int len)
{
    sst *s = data;
    if (s->in_t)
        text_add(&s->cur, str, (size_t)len);
}

static void sst_free(sst *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    free(s->cur.s);
}

/* The number formats that show dates: the built-in ones, and custom ones
 * with a day, month or year outside quotes and brackets (and no hours
 * alone: "h:mm" is a time). */
static bool builtin_date(int id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

static bool custom_date(const char *code)
{
    bool quoted = false;
    int bracket = 0;
    for (const char *p = code; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*p == '\\' && p[1])
            p++;
        else if (*p == '[')
            bracket++;
        else if (*p == ']' && bracket)
            bracket--;
        else if (!bracket && (strncasecmp(p, "AM/PM", 5) == 0 || strncasecmp(p, "A/P", 3) == 0))
            p += (p[1] == '/' ? 2 : 4); /* a clock's half of the day, no month */
        else if (!bracket && strchr("dDyY", *p))
            return true;
        else if (!bracket && (*p == 'm' || *p == 'M')) {
            /* m is a month unless it follows h or precedes s (minutes) */
            const char *q = p;
            while (q > code && strchr("mM", q[-1]))
                q--;
            bool after_h = q > code && strchr("hH:", q[-1]);
            const char *r = p;
            while (strchr("mM", r[1]) && r[1])
                r++;
            bool before_s = r[1] == ':' || r[1] == 's' || r[1] == 'S';
            if (!after_h && !before_s)
                return true;
        }
    }
    return false;
}

typedef struct styles {
    int *fmt_ids; /* numFmtId per cellXfs entry */
    size_t n, cap;
    int custom_ids[256];
    bool custom_is_date[256];
    int ncustom;
    int in_xfs;
    bool nomem;
} styles;

static void styles_start(void *data, const char *name, const char **atts)
{
    styles *st = data;
    const char *l = local(name);
    if (strcmp(l, "cellXfs") == 0) {
        st->in_xfs = 1;
    } else if (strcmp(l, "numFmt") == 0 && st->ncustom < 256) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        st->custom_ids[st->ncustom] = id ? atoi(id) : -1;
        st->custom_is_date[st->ncustom++] = code && custom_date(code);
    } else if (strcmp(l, "xf") == 0 && st->in_xfs) {
        if (st->n == st->cap) {
            size_t cap = st->cap ? st->cap * 2 : 64;
            int *v = realloc(st->fmt_ids, cap * sizeof *v);
            if (!v) {
                st->nomem = true;
                return;
            }
            st->fmt_ids = v;
            st->cap = cap;
        }
        const char *id = attr(atts, "numFmtId");
        st->fmt_ids[st->n++] = id ? atoi(id) : 0;
    }
}

static void styles_end(void *data, const char *name)
{
    styles *st = data;
    if (strcmp(local(name), "cellXfs") == 0)
        st->in_xfs = 0;
}

/* Is style index s (a cell's s attribute) a date format? */
static bool style_is_date(const styles *st, long s)
{
    if (s < 0 || (size_t)s >= st->n)
        return false;
    int id = st->fmt_ids[s];
    for (int i = 0; i < st->ncustom; i++)
        if (st->custom_ids[i] == id)
            return st->custom_is_date[i];
    return builtin_date(id);
}

/* ---- the sheet ---------------------------------------------------------- */

bool uf_xlsx_date(double serial, bool date1904, char out[11])
{
    if (!isfinite(serial) || serial < 0 || serial >= 2958466)
        return false;
    long day = (long)floor(serial);
    /* 1900 system: 1 = 1900-01-01, and Excel counts a 29 February 1900
     * that never was (60), so from 61 on day d is 1899-12-30 + d */
    int base = date1904    ? uf_days_from_civil(1904, 1, 1)
               : day >= 61 ? uf_days_from_civil(1899, 12, 30)
                           : uf_days_from_civil(1899, 12, 31);
    if (!date1904 && (day < 1 || day == 60))
        return false;
    long z = (long)base + day;
    if (z > uf_days_from_civil(9999, 12, 31))
        return false;
    uf_date_format((int)z, out);
    return true;
}

typedef struct sheet_parse {
    const sst *sst;
    const styles *st;
    bool date1904;
    uf_csv_row_fn row;
    void *ctx;
    /* the row being read */
    unsigned long rownum, next_row;
    text *cells; /* per column */
    int ncells, maxcol, next_col;
    bool has_value;
    /* the cell being read */
    int col;
    char type[16];
    long style;
    int in_v, in_is_t, in_is, in_rph;
    text val;
    /* what was seen */
    unsigned long header_row; /* the first row with a value */
    int header_cols;          /* its width: later rows are padded to it
                                 (Excel leaves empty cells out) */
    bool merged_header, stopped, failed, nomem;
    bool halt; /* stopped, failed or out of memory: read no further */
    unsigned long bad_row;
    char *why;
    char **fields;
} sheet_parse;

/* Column index (0-based) of a cell reference like "AB12"; -1 if none. */
static int ref_col(const char *r)
{
    int c = 0, n = 0;
    for (; *r >= 'A' && *r <= 'Z'; r++, n++)
        c = c * 26 + (*r - 'A' + 1);
    return n ? c - 1 : -1;
}

static unsigned long ref_row(const char *r)
{
    while (*r >= 'A' && *r <= 'Z')
        r++;
    return strtoul(r, NULL, 10);
}

static void fail(sheet_parse *sp, unsigned long row, const char *fmt, const char *arg)
{
    if (sp->failed)
        return;
    sp->failed = true;
    sp->halt = true;
    sp->bad_row = row;
    say(sp->why, fmt, arg);
}

static void row_begin(sheet_parse *sp, const char **atts)
{
    const char *r = attr(atts, "r");
    sp->rownum = r ? strtoul(r, NULL, 10) : sp->next_row;
    sp->next_row = sp->rownum + 1;
    sp->maxcol = -1;
    sp->next_col = 0;
    sp->has_value = false;
    for (int i = 0; i < sp->ncells; i++)
        sp->cells[i].len = 0;
}

static void row_end(sheet_parse *sp)
{
    if (!sp->has_value || sp->stopped || sp->failed)
        return;
    if (!sp->header_row) {
        sp->header_row = sp->rownum;
        sp->header_cols = sp->maxcol + 1;
    }
    int n = sp->maxcol + 1 > sp->header_cols ? sp->maxcol + 1 : sp->header_cols;
    for (int i = 0; i < n; i++)
        sp->fields[i] = i <= sp->maxcol && sp->cells[i].len ? sp->cells[i].s : (char *)"";
    if (sp->row(sp->ctx, sp->rownum, sp->fields, (size_t)n) != 0)
        sp->stopped = sp->halt = true;
}

/* The shortest decimal text of x that reads back as x, never with an
 * exponent (uf_number_parse takes none). */
static void number_text(double x, char *out, size_t n)
{
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(out, n, "%.0f", x);
        return;
    }
    for (int p = 15; p <= 17; p++) {
        snprintf(out, n, "%.*g", p, x);
        if (strtod(out, NULL) == x)
            break;
    }
    if (strchr(out, 'e') || strchr(out, 'E')) {
        snprintf(out, n, "%.17f", x);
        char *e = out + strlen(out) - 1;
        while (e > out && *e == '0')
            *e-- = '\0';
        if (*e == '.')
            *e = '\0';
    }
}

/* The cell just read, as text, into its column. */
static void cell_end(sheet_parse *sp)
{
    const char *v = sp->val.s ? sp->val.s : "";
    char buf[64], num[400]; /* %.17f of a double needs up to 327 */
    const char *out = v;
    const char *t = sp->type;
    if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (!*v || *end || i >= sp->sst->n) {
            fail(sp, sp->rownum, "en cell pekar på en text som inte finns i arbetsboken%s", "");
            return;
        }
        out = sp->sst->v[i];
    } else if (strcmp(t, "b") == 0) {
        out = strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ? "1" : "0";
    } else if (strcmp(t, "e") == 0) {
        fail(sp, sp->rownum, "en cell har Excel-felet %s; rätta formeln eller töm cellen", v);
        return;
    } else if (strcmp(t, "d") == 0) {
        snprintf(buf, sizeof buf, "%.10s", v); /* ISO 8601: the date part */
        out = buf;
    } else if (strcmp(t, "inlineStr") != 0 && strcmp(t, "str") != 0 && *v) {
        /* a number: a date when its format is one */
        char *end;
        double x = strtod(v, &end);
        if (*end) {
            fail(sp, sp->rownum, "en cell har talet '%s' som inte kan läsas", v);
            return;
        }
        if (style_is_date(sp->st, sp->style)) {
            if (!uf_xlsx_date(x, sp->date1904, buf)) {
                fail(sp, sp->rownum,
                     "ett datum ligger utanför Excels datumintervall (talet %s); skriv datumet "
                     "som ÅÅÅÅ-MM-DD",
                     v);
                return;
            }
            out = buf;
        } else {
            number_text(x, num, sizeof num);
            out = num;
        }
    }
    if (!*out)
        return;
    if (sp->col >= UF_XLSX_MAX_COLS) {
        fail(sp, sp->rownum, "raden har värden efter kolumn 256 (IV)%s", "");
        return;
    }
    if (sp->col >= sp->ncells) {
        int n = sp->ncells ? sp->ncells * 2 : 32;
        while (n <= sp->col)
            n *= 2;
        text *c = realloc(sp->cells, (size_t)n * sizeof *c);
        char **f = c ? realloc(sp->fields, (size_t)n * sizeof *f) : NULL;
        if (c)
            sp->cells = c;
        if (!f) {
            sp->nomem = true;
            return;
        }
        sp->fields = f;
        memset(sp->cells + sp->ncells, 0, (size_t)(n - sp->ncells) * sizeof *c);
        sp->ncells = n;
    }
    for (int i = sp->maxcol + 1; i < sp->col; i++)
        sp->cells[i].len = 0;
    text *c = &sp->cells[sp->col];
    c->len = 0;
    text_add(c, out, strlen(out));
    if (c->nomem)
        sp->nomem = true;
    if (sp->col > sp->maxcol)
        sp->maxcol = sp->col;
    sp->has_value = true;
}

static void sheet_start(void *data, const char *name, const char **atts)
{
    sheet_parse *sp = data;
    if (sp->stopped || sp->failed)
        return;
    const char *l = local(name);
    if (strcmp(l, "row") == 0) {
        row_begin(sp, atts);
    } else if (strcmp(l, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        sp->col = r ? ref_col(r) : sp->next_col;
        if (sp->col < 0)
            sp->col = sp->next_col;
        sp->next_col = sp->col + 1;
        snprintf(sp->type, sizeof sp->type, "%s", t ? t : "n");
        sp->style = s ? strtol(s, NULL, 10) : 0;
        sp->val.len = 0;
        text_add(&sp->val, "", 0);
    } else if (strcmp(l, "v") == 0) {
        sp->in_v = 1;
    } else if (strcmp(l, "is") == 0) {
        sp->in_is = 1;
    } else if (strcmp(l, "rPh") == 0) {
        sp->in_rph++;
    } else if (strcmp(l, "t") == 0 && sp->in_is && !sp->in_rph) {
        sp->in_is_t = 1;
    } else if (strcmp(l, "mergeCell") == 0) {
        const char *ref = attr(atts, "ref");
        const char *colon = ref ? strchr(ref, ':') : NULL;
        if (ref && sp->header_row && ref_row(ref) <= sp->header_row &&
            (!colon || ref_row(colon + 1) >= sp->header_row))
            sp->merged_header = true;
    }
}

static void sheet_end(void *data, const char *name)
{
    sheet_parse *sp = data;
    if (sp->stopped || sp->failed)
        return;
    const char *l = local(name);
    if (strcmp(l, "v") == 0)
        sp->in_v = 0;
    else if (strcmp(l, "t") == 0)
        sp->in_is_t = 0;
    else if (strcmp(l, "rPh") == 0)
        sp->in_rph--;
    else if (strcmp(l, "is") == 0)
        sp->in_is = 0;
    else if (strcmp(l, "c") == 0)
        cell_end(sp);
    else if (strcmp(l, "row") == 0)
        row_end(sp);
    if (sp->nomem || sp->val.nomem) {
        sp->nomem = true;
        sp->stopped = sp->halt = true;
    }
}

static void sheet_chars(void *data, const char *s, int len)
{
    sheet_parse *sp = data;
    if (sp->in_v || sp->in_is_t)
        text_add(&sp->val, s, (size_t)len);
}

uf_error uf_xlsx_read(const char *path, const char *part, uf_csv_row_fn row,
                      uf_csv_progress_fn progress, void *ctx, unsigned long *bad_row, char *why)
{
    *bad_row = 0;
    uf_error err;
    zip_t *za = open_package(path, why, &err);
    if (!za)
        return err;
    uf_xlsx_book *b = calloc(1, sizeof *b);
    sst strings = { 0 };
    styles st = { 0 };
    sheet_parse sp = {
        .sst = &strings, .st = &st, .row = row, .ctx = ctx, .next_row = 1, .why = why
    };
    err = b ? read_book(za, b, &sp.date1904, why) : UF_ERR_NOMEM;
    free(b);
    XML_Parser p = NULL;
    /* the shared strings, within bounds */
    zip_stat_t zs;
    if (err == UF_OK && zip_stat(za, "xl/sharedStrings.xml", 0, &zs) == 0 &&
        (zs.valid & ZIP_STAT_SIZE) && zs.size > MAX_SST_BYTES) {
        say(why,
            "arbetsbokens delade textsträngar är för stora (över 256 MB uppackat); dela upp "
            "arbetsboken%s",
            "");
        err = UF_ERR_INPUT;
    }
    if (err == UF_OK && !(p = new_parser(&strings, sst_start, sst_end, sst_chars)))
        err = UF_ERR_NOMEM;
    if (err == UF_OK && !parse_part(za, "xl/sharedStrings.xml", p, true, why, NULL, NULL, NULL))
        err = UF_ERR_INPUT;
    if (p)
        XML_ParserFree(p);
    p = NULL;
    if (err == UF_OK && (strings.nomem || strings.cur.nomem))
        err = UF_ERR_NOMEM;
    if (err == UF_OK && !(p = new_parser(&st, styles_start, styles_end, NULL)))
        err = UF_ERR_NOMEM;
    if (err == UF_OK && !parse_part(za, "xl/styles.xml", p, true, why, NULL, NULL, NULL))
        err = UF_ERR_INPUT;
    if (p)
        XML_ParserFree(p);
    p = NULL;
    if (err == UF_OK && st.nomem)
        err = UF_ERR_NOMEM;
    if (err == UF_OK && !(p = new_parser(&sp, sheet_start, sheet_end, sheet_chars)))
        err = UF_ERR_NOMEM;
    if (err == UF_OK) {
        bool ok = parse_part(za, part, p, false, why, progress, ctx, &sp.halt);
        if (sp.nomem)
            err = UF_ERR_NOMEM;
        else if (sp.failed) {
            err = UF_ERR_INPUT;
            *bad_row = sp.bad_row;
        } else if (!ok && !sp.stopped) {
            err = UF_ERR_INPUT;
        } else if (sp.merged_header) {
            err = UF_ERR_INPUT;
            *bad_row = sp.header_row;
            say(why,
                "rubrikraden har sammanfogade celler; dela upp dem så att varje kolumn har "
                "sin egen rubrik%s",
                "");
        }
    }
    if (p)
        XML_ParserFree(p);
    for (int i = 0; i < sp.ncells; i++)
        free(sp.cells[i].s);
    free(sp.cells);
    free(sp.fields);
    free(sp.val.s);
    sst_free(&strings);
    free(st.fmt_ids);
    zip_close(za);
    return err;
}
