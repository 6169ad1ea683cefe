/*
 * report_def_parse.c - read a report definition (reports/NAME.ini; the
 * format is described at the top of reports/verksamhet.ini) with inih
 * into lists that grow as needed.  An unknown section or key, a bad
 * column or a table without query, title or columns is refused with a
 * message naming it: a definition is never half understood.
 */
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_def_internal.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"

/* Room for one more element of size sz in *p (n used, *cap allocated);
 * false when memory ran out. */
static bool grow(void *p, int n, int *cap, size_t sz)
{
    void **pp = p;
    if (n < *cap)
        return true;
    int ncap = *cap ? 2 * *cap : 8;
    void *q = realloc(*pp, (size_t)ncap * sz);
    if (!q)
        return false;
    *pp = q;
    *cap = ncap;
    return true;
}

/* Copy the i-th '|'-separated field of s, trimmed, into out; false when
 * it does not fit in n bytes (nothing is cut without a word). */
static bool field(const char *s, int i, char *out, size_t n)
{
    for (; i > 0 && s; i--)
        s = (s = strchr(s, '|')) ? s + 1 : NULL;
    out[0] = '\0';
    if (!s)
        return true;
    size_t len = strcspn(s, "|");
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    while (len > 0 && (*s == ' ' || *s == '\t'))
        s++, len--;
    if (len >= n)
        return false;
    memcpy(out, s, len);
    out[len] = '\0';
    return true;
}

static bool parse_col(dcol *c, const char *v)
{
    char kind[96], dec[16];
    memset(c, 0, sizeof *c);
    if (!field(v, 0, c->id, sizeof c->id) || !field(v, 1, c->label, sizeof c->label) ||
        !field(v, 2, kind, sizeof kind) || !field(v, 3, dec, sizeof dec) ||
        !field(v, 4, c->key, sizeof c->key) || !field(v, 5, c->part_of, sizeof c->part_of))
        return false;
    char *end;
    long d = strtol(dec, &end, 10);
    if (*dec && (*end || d < 0 || d > 6))
        return false;
    c->decimals = *dec ? (int)d : 1;
    if (!*c->id || !*c->label)
        return false;
    static const struct {
        const char *name;
        agg kind;
    } kinds[] = {
        { "antal", AGG_COUNT }, { "andel", AGG_SHARE },        { "median", AGG_MEDIAN },
        { "medel", AGG_MEAN },  { "kapacitet", AGG_CAPACITY },
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(kind, kinds[i].name) == 0) {
            c->kind = kinds[i].kind;
            return true;
        }
    if (strlen(kind) >= sizeof c->a)
        return false;
    if (sscanf(kind, "kvot:%47[^/]/%47s", c->a, c->b) == 2) {
        c->kind = AGG_RATIO;
        return true;
    }
    if (sscanf(kind, "andel:%47[^/]/%47s", c->a, c->b) == 2) {
        c->kind = AGG_SHARE_OF;
        return true;
    }
    if (sscanf(kind, "kapacitetsandel:%47s", c->a) == 1) {
        c->kind = AGG_CAPSHARE;
        return true;
    }
    return false;
}

/* Note the first problem of d. */
static int problem(rep_def *d, const char *section, const char *name, const char *what)
{
    if (!*d->err)
        snprintf(d->err, sizeof d->err, "[%s] %s: %s", section, name, what);
    return 1;
}

/* Copy value into dst (n bytes); a problem when it does not fit. */
static int text(rep_def *d, const char *section, const char *name, char *dst, size_t n,
                const char *value)
{
    if (strlen(value) >= n) {
        char what[64];
        snprintf(what, sizeof what, "för långt (högst %zu byte)", n - 1);
        return problem(d, section, name, what);
    }
    strcpy(dst, value);
    return 1;
}

/* A sheet name (blad): at most 31 characters, none of [ ] : * ? / \ (what
 * Excel takes), not beginning or ending with an apostrophe. */
static int sheet(rep_def *d, const char *section, const char *name, char *dst, size_t n,
                 const char *value)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    size_t len = strlen(value);
    if (chars == 0 || chars > 31 || strpbrk(value, "[]:*?/\\") || value[0] == '\'' ||
        value[len - 1] == '\'')
        return problem(d, section, name,
                       "bladnamnet ska ha 1–31 tecken, inga av [ ] : * ? / \\ och ingen "
                       "apostrof först eller sist");
    return text(d, section, name, dst, n, value);
}

static int on_rapport(rep_def *d, const char *name, const char *value)
{
    if (strcmp(name, "titel") == 0)
        return text(d, "rapport", name, d->title, sizeof d->title, value);
    else if (strcmp(name, "beskrivning") == 0)
        return text(d, "rapport", name, d->summary, sizeof d->summary, value);
    else if (strcmp(name, "metod") == 0) {
        if (!grow(&d->method, d->nmethod, &d->mcap, sizeof *d->method) ||
            !(d->method[d->nmethod] = strdup(value)))
            return d->nomem = true, 1;
        d->nmethod++;
    } else
        return problem(d, "rapport", name, "okänd nyckel (finns: titel, beskrivning, metod)");
    return 1;
}

/* The table of section "tabell ID", a new one when ID changes. */
static dtable *table_of(rep_def *d, const char *id)
{
    dtable *t = d->ntables ? &d->tables[d->ntables - 1] : NULL;
    if (t && strcmp(t->id, id) == 0)
        return t;
    if (!grow(&d->tables, d->ntables, &d->tcap, sizeof *d->tables))
        return NULL;
    t = &d->tables[d->ntables++];
    /* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): grow() succeeded: d->tables is set */
    memset(t, 0, sizeof *t);
    snprintf(t->id, sizeof t->id, "%s", id);
    return t;
}

/* The rule of section "regel ID", a new one when ID changes. */
static drule *rule_of(rep_def *d, const char *id)
{
    drule *u = d->nrules ? &d->rules[d->nrules - 1] : NULL;
    if (u && strcmp(u->id, id) == 0)
        return u;
    if (!grow(&d->rules, d->nrules, &d->rucap, sizeof *d->rules))
        return NULL;
    u = &d->rules[d->nrules++];
    /* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): grow() succeeded */
    memset(u, 0, sizeof *u);
    snprintf(u->id, sizeof u->id, "%s", id);
    snprintf(u->counts, sizeof u->counts, "ärenden");
    return u;
}

static int on_rule(rep_def *d, const char *section, const char *name, const char *value)
{
    drule *u = rule_of(d, section + 6);
    if (!u)
        return d->nomem = true, 1;
    if (strlen(section + 6) >= sizeof u->id)
        return problem(d, section, name, "regelns id är för långt");
    for (int i = 0; i < d->nrules - 1; i++)
        if (strcmp(d->rules[i].id, u->id) == 0)
            return problem(d, section, name, "regeln finns redan");
    if (strcmp(name, "titel") == 0)
        return text(d, section, name, u->title, sizeof u->title, value);
    if (strcmp(name, "blad") == 0)
        return sheet(d, section, name, u->sheet, sizeof u->sheet, value);
    if (strcmp(name, "fråga") == 0)
        return text(d, section, name, u->query, sizeof u->query, value);
    if (strcmp(name, "räknar") == 0)
        return text(d, section, name, u->counts, sizeof u->counts, value);
    if (strcmp(name, "beskrivning") == 0) {
        free(u->desc);
        if (!(u->desc = strdup(value)))
            d->nomem = true;
        return 1;
    }
    return problem(d, section, name,
                   "okänd nyckel (finns: titel, blad, fråga, räknar, beskrivning)");
}

/* inih handler for a definition. */
static int on_def(void *user, const char *section, const char *name, const char *value)
{
    rep_def *d = user;
    if (strcmp(section, "rapport") == 0)
        return on_rapport(d, name, value);
    if (strncmp(section, "regel ", 6) == 0 && section[6])
        return on_rule(d, section, name, value);
    if (strncmp(section, "tabell ", 7) != 0 || !section[7])
        return problem(d, section, name,
                       "okänt avsnitt (finns: [rapport], [tabell ID], [regel ID])");
    dtable *t = table_of(d, section + 7);
    if (!t)
        return d->nomem = true, 1;
    if (strlen(section + 7) >= sizeof t->id)
        return problem(d, section, name, "tabellens id är för långt");
    if (strcmp(name, "avsnitt") == 0)
        return text(d, section, name, t->section, sizeof t->section, value);
    else if (strcmp(name, "titel") == 0)
        return text(d, section, name, t->title, sizeof t->title, value);
    else if (strcmp(name, "blad") == 0)
        return sheet(d, section, name, t->sheet, sizeof t->sheet, value);
    else if (strcmp(name, "rubrik") == 0)
        return text(d, section, name, t->heading, sizeof t->heading, value);
    else if (strcmp(name, "fråga") == 0)
        return text(d, section, name, t->query, sizeof t->query, value);
    else if (strcmp(name, "nyckel") == 0)
        return text(d, section, name, t->key, sizeof t->key, value);
    else if (strcmp(name, "form") == 0) {
        if (strcmp(value, "kategorier") != 0 && strcmp(value, "enheter") != 0 &&
            strcmp(value, "månader") != 0)
            return problem(d, section, name, "ange enheter, kategorier eller månader");
        t->categories = strcmp(value, "kategorier") == 0;
        t->months = strcmp(value, "månader") == 0;
    } else if (strcmp(name, "överlapp") == 0)
        t->overlap = strcmp(value, "ja") == 0;
    else if (strcmp(name, "kategorier") == 0)
        t->bands = strcmp(value, "åldersgrupper") == 0;
    else if (strcmp(name, "kolumn") == 0) {
        if (!grow(&t->cols, t->ncols, &t->ccap, sizeof *t->cols))
            return d->nomem = true, 1;
        if (!parse_col(&t->cols[t->ncols++], value))
            return problem(d, section, name,
                           "ska skrivas id | rubrik | mått [| decimaler [| nyckel [| del av]]]");
    } else if (strcmp(name, "kodlista") == 0) {
        /* the categories of a code-book list, its codes and group labels */
        const uf_kb_list *l = uf_kb_find(value);
        if (!l) {
            char names[160] = "";
            for (int i = 0, used = 0; i < UF_KB_NLISTS && used + 1 < (int)sizeof names; i++)
                used += snprintf(names + used, sizeof names - (size_t)used, "%s%s", i ? ", " : "",
                                 uf_kb((uf_kb_id)i)->name);
            char what[200];
            snprintf(what, sizeof what, "okänd kodlista '%s' (finns: %s)", value, names);
            return problem(d, section, name, what);
        }
        for (int i = 0; i < l->n; i++) {
            if (!grow(&t->cats, t->ncats, &t->kcap, sizeof *t->cats))
                return d->nomem = true, 1;
            const uf_kb_entry *e = &l->e[i];
            snprintf(t->cats[t->ncats].code, sizeof t->cats[0].code, "%s", e->code);
            snprintf(t->cats[t->ncats].label, sizeof t->cats[0].label, "%s",
                     e->group ? e->group : e->label);
            t->ncats++;
        }
    } else if (strcmp(name, "kategori") == 0) {
        if (!grow(&t->cats, t->ncats, &t->kcap, sizeof *t->cats))
            return d->nomem = true, 1;
        if (!field(value, 0, t->cats[t->ncats].code, sizeof t->cats[0].code) ||
            !field(value, 1, t->cats[t->ncats].label, sizeof t->cats[0].label))
            return problem(d, section, name, "kod eller etikett för lång");
        t->ncats++;
    } else
        return problem(d, section, name, "okänd nyckel");
    return 1;
}

/* Does every "del av" of t name another count column of t, and is every
 * part a count?  false with a message in err. */
static bool parts_ok(const dtable *t, char *err, size_t n)
{
    for (int c = 0; c < t->ncols; c++) {
        const dcol *col = &t->cols[c];
        if (!*col->part_of)
            continue;
        int k = 0;
        while (k < t->ncols && (k == c || strcmp(t->cols[k].id, col->part_of) != 0))
            k++;
        if (col->kind != AGG_COUNT || k == t->ncols || t->cols[k].kind != AGG_COUNT) {
            snprintf(err, n, "[tabell %s] kolumn %s: del av %s ska vara antal av antal i tabellen",
                     t->id, col->id, col->part_of);
            return false;
        }
    }
    return true;
}

/* Are the columns of a kategorier table (summed over the units, one
 * row per category) counts or andel:A/B, without nyckel (a category row
 * is no unit's figure)?  false with a message in err. */
static bool measures_ok(const dtable *t, char *err, size_t n)
{
    for (int c = 0; c < t->ncols; c++) {
        const dcol *col = &t->cols[c];
        if ((col->kind != AGG_COUNT && col->kind != AGG_SHARE_OF) || *col->key) {
            snprintf(err, n,
                     "[tabell %s] kolumn %s: i form = kategorier är en kolumn antal eller "
                     "andel:A/B, utan nyckel",
                     t->id, col->id);
            return false;
        }
    }
    return true;
}

void rep_def_free(rep_def *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->nmethod; i++)
        free(d->method[i]);
    free(d->method);
    for (int i = 0; i < d->ntables; i++) {
        free(d->tables[i].cols);
        free(d->tables[i].cats);
    }
    free(d->tables);
    for (int i = 0; i < d->nrules; i++)
        free(d->rules[i].desc);
    free(d->rules);
    free(d);
}

rep_def *rep_def_parse(const char *text, char *err, size_t n)
{
    rep_def *d = calloc(1, sizeof *d);
    err[0] = '\0';
    if (!d)
        return NULL;
    int line = ini_parse_string(text, on_def, d);
    if (line > 0 && !*d->err)
        snprintf(d->err, sizeof d->err, "rad %d är varken [avsnitt] eller nyckel = värde", line);
    for (int i = 0; !*d->err && i < d->ntables; i++) {
        const dtable *t = &d->tables[i];
        if (!*t->query || !*t->title)
            snprintf(d->err, sizeof d->err, "[tabell %s]: fråga och titel behövs", t->id);
        else if (!parts_ok(t, d->err, sizeof d->err) ||
                 (t->categories && !measures_ok(t, d->err, sizeof d->err)))
            ; /* the message is in d->err */
        else if (t->months && (t->ncols || t->ncats))
            snprintf(d->err, sizeof d->err, "[tabell %s]: form = månader har givna kolumner",
                     t->id);
        else if (!t->categories && !t->months && t->ncols == 0)
            snprintf(d->err, sizeof d->err, "[tabell %s]: inga kolumner", t->id);
        else if (t->categories && !t->bands && t->ncats == 0)
            snprintf(d->err, sizeof d->err, "[tabell %s]: inga kategorier", t->id);
    }
    for (int i = 0; !*d->err && i < d->nrules; i++)
        if (!*d->rules[i].query || !*d->rules[i].title)
            snprintf(d->err, sizeof d->err, "[regel %s]: fråga och titel behövs", d->rules[i].id);
    if (!*d->err && d->ntables == 0 && d->nrules == 0)
        snprintf(d->err, sizeof d->err, "inga tabeller ([tabell ID]) eller regler ([regel ID])");
    if (!*d->err && !*d->title)
        snprintf(d->err, sizeof d->err, "[rapport] titel saknas");
    if (*d->err || d->nomem || line < 0) {
        snprintf(err, n, "%s", d->err);
        rep_def_free(d);
        return NULL;
    }
    return d;
}

const char *rep_def_title(const rep_def *d)
{
    return d->title;
}
const char *rep_def_summary(const rep_def *d)
{
    return d->summary;
}
bool rep_def_has_rules(const rep_def *d)
{
    return d->nrules > 0;
}
