/*
 * config.c - read uppfolj.conf with inih (see config.h).  Read once per
 * command; unknown sections and keys are warnings, bad values errors.
 */
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/parse.h"
#include "uppfolj/config.h"
#include "uppfolj/kodbok.h"

void uf_config_defaults(uf_config *c)
{
    static const uf_band bands[] = { { 12, 14 }, { 15, 17 }, { 18, 20 }, { 21, 25 } };
    memset(c, 0, sizeof *c);
    c->nbands = (int)(sizeof bands / sizeof bands[0]);
    memcpy(c->bands, bands, sizeof bands);
    c->months_before = 12;
    c->months_after = 12;
    c->anchor = UF_ANCHOR_END;
    c->threshold = 5;
    c->locked_care = uf_config_locked_care(NULL);
    c->db_wait = 10;
}

unsigned uf_config_locked_care(const uf_config *c)
{
    return c ? c->locked_care : 1u << uf_kb_index(UF_KB_INSATS, "sis");
}

void uf_config_locked_text(const uf_config *c, char *out, size_t n)
{
    unsigned bits = uf_config_locked_care(c);
    size_t at = 0;
    out[0] = '\0';
    for (int i = 0; i < uf_kb(UF_KB_INSATS)->n && at < n; i++)
        if (bits & 1u << i)
            at += (size_t)snprintf(out + at, n - at, "%s%s", at ? ", " : "",
                                   uf_kb(UF_KB_INSATS)->e[i].label);
    if (!bits)
        snprintf(out, n, "ingen");
}

void uf_config_release(uf_config *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->organisation);
    for (int i = 0; i < c->nunits; i++)
        free(c->units[i].name);
    free(c->units);
    for (int i = 0; i < c->nmeasures; i++)
        free(c->measures[i].code);
    free(c->measures);
    free(c->program);
    free(c->report_dir);
    uf_config_defaults(c);
}

char *uf_config_path(const char *db)
{
    const char *slash = strrchr(db, '/');
    size_t dir = slash ? (size_t)(slash - db) + 1 : 0;
    char *p = malloc(dir + sizeof "uppfolj.conf");
    if (p) {
        memcpy(p, db, dir);
        strcpy(p + dir, "uppfolj.conf");
    }
    return p;
}

int uf_parse_months(const char *s, int *months)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || v < 1 || v > 120) /* checked before * 12 can overflow */
        return -1;
    if (strcmp(end, "y") == 0 || strcmp(end, "\xc3\xa5r") == 0 || strcmp(end, "\xc3\xa5") == 0)
        v *= 12;
    else if (*end && strcmp(end, "m") != 0 && strcmp(end, "mån") != 0)
        return -1;
    if (v < 1 || v > 120)
        return -1;
    *months = (int)v;
    return 0;
}

int uf_config_measure_kind(const uf_config *c, const char *m)
{
    static const struct {
        const char *code;
        uf_mkind kind;
    } builtin[] = {
        { "misstanke_brott", UF_MEASURE_EVENT }, { "lagforing", UF_MEASURE_EVENT },
        { "anmalan_oro", UF_MEASURE_EVENT },     { "vald", UF_MEASURE_EVENT },
        { "skolfranvaro_pct", UF_MEASURE_PCT },  { "uppforandestorning", UF_MEASURE_BINARY },
        { "sysselsattning", UF_MEASURE_BINARY }, { "drogfri", UF_MEASURE_BINARY },
        { "boende_stabilt", UF_MEASURE_BINARY },
    };
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        if (strcmp(builtin[i].code, m) == 0)
            return (int)builtin[i].kind;
    for (int i = 0; c && i < c->nmeasures; i++)
        if (strcmp(c->measures[i].code, m) == 0)
            return (int)c->measures[i].kind;
    return -1;
}

int uf_config_band(const uf_config *c, int age)
{
    for (int i = 0; i < c->nbands; i++)
        if (age >= c->bands[i].lo && age <= c->bands[i].hi)
            return i;
    return -1;
}

/* State of one parse. */
typedef struct parse {
    uf_config *c;
    uf_diag *d;
    const char *path;
} parse;

static void bad(parse *p, const char *section, const char *key, const char *msg, const char *value)
{
    uf_diag_add(p->d, UF_ERROR, p->path, 0, NULL, "[%s] %s: %s: '%s'", section, key, msg, value);
}

/* "sis, hvb": the placements counted as locked care (empty: none); false
 * when a code is not a placement of the code book. */
static bool parse_locked(parse *p, const char *v)
{
    unsigned bits = 0;
    char code[64];
    while (*v) {
        v += strspn(v, " \t,");
        size_t len = strcspn(v, ",");
        while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
            len--;
        if (!len)
            break;
        if (len >= sizeof code)
            return false;
        memcpy(code, v, len);
        code[len] = '\0';
        const char *stored = uf_kb_match(UF_KB_INSATS, code);
        if (!stored || !uf_kb_is_placement(stored))
            return false;
        bits |= 1u << uf_kb_index(UF_KB_INSATS, stored);
        v += len;
    }
    p->c->locked_care = bits;
    return true;
}

/* "12-14, 15-17": the age bands; false after an error. */
static bool parse_bands(parse *p, const char *v)
{
    uf_band b[UF_MAX_BANDS];
    int n = 0;
    const char *s = v;
    while (*s) {
        int lo, hi, used = 0;
        if (n == UF_MAX_BANDS || sscanf(s, " %d - %d %n", &lo, &hi, &used) != 2 || lo > hi ||
            lo < 0 || hi > 120 || (n && lo <= b[n - 1].hi))
            return false;
        b[n].lo = lo;
        b[n].hi = hi;
        n++;
        s += used;
        if (*s == ',')
            s++;
        else if (*s)
            return false;
    }
    if (n == 0)
        return false;
    memcpy(p->c->bands, b, sizeof b);
    p->c->nbands = n;
    return true;
}

/* Add unit name (the part after "enhet "/"unit "), returning it. */
static uf_unit_conf *unit(parse *p, const char *name)
{
    for (int i = 0; i < p->c->nunits; i++)
        if (strcmp(p->c->units[i].name, name) == 0)
            return &p->c->units[i];
    uf_unit_conf *u = realloc(p->c->units, (size_t)(p->c->nunits + 1) * sizeof *u);
    if (!u)
        return NULL;
    p->c->units = u;
    u = &u[p->c->nunits];
    u->name = strdup(name);
    u->capacity = 0;
    if (!u->name)
        return NULL;
    p->c->nunits++;
    return u;
}

/* The longest extra measure code: the analysis export names its columns
 * any_CODE_before (at most 32 characters, Stata's limit). */
#define UF_CONFIG_CODE_MAX 21

static bool add_measure(parse *p, const char *code, const char *kind)
{
    if (strlen(code) > UF_CONFIG_CODE_MAX) {
        uf_diag_add(p->d, UF_ERROR, p->path, 0, NULL,
                    "[mått] %s: en kod får ha högst %d tecken (kolumnnamnen i analysexporten)",
                    code, UF_CONFIG_CODE_MAX);
        return true; /* reported here */
    }
    uf_mkind k;
    if (strcmp(kind, "handelse") == 0 || strcmp(kind, "event") == 0)
        k = UF_MEASURE_EVENT;
    else if (strcmp(kind, "andel") == 0 || strcmp(kind, "pct") == 0)
        k = UF_MEASURE_PCT;
    else if (strcmp(kind, "ja_nej") == 0 || strcmp(kind, "binary") == 0)
        k = UF_MEASURE_BINARY;
    else
        return false;
    /* room in the core's per-case arrays (core.h: 4 built-in events of
     * UF_MAX_EVENTS, 5 built-in states of UF_MAX_STATES), no code twice */
    int same = 0;
    for (int i = 0; i < p->c->nmeasures; i++) {
        if (strcmp(p->c->measures[i].code, code) == 0)
            return false;
        same += (p->c->measures[i].kind == UF_MEASURE_EVENT) == (k == UF_MEASURE_EVENT);
    }
    if (same >= (k == UF_MEASURE_EVENT ? UF_CONFIG_MAX_EVENTS : UF_CONFIG_MAX_STATES)) {
        uf_diag_add(p->d, UF_ERROR, p->path, 0, NULL,
                    "[mått] %s: högst %d extra händelsemått och %d extra tillståndsmått", code,
                    UF_CONFIG_MAX_EVENTS, UF_CONFIG_MAX_STATES);
        return true; /* reported here */
    }
    uf_measure_conf *m = realloc(p->c->measures, (size_t)(p->c->nmeasures + 1) * sizeof *m);
    if (!m)
        return false;
    p->c->measures = m;
    m[p->c->nmeasures].code = strdup(code);
    m[p->c->nmeasures].kind = k;
    if (m[p->c->nmeasures].code)
        p->c->nmeasures++;
    return true;
}

/* A folder named in the file at path: as written when absolute, else
 * relative to path's folder.  Caller frees; NULL when memory ran out. */
static char *beside(const char *path, const char *name)
{
    const char *slash = strrchr(path, '/');
    size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - path) + 1;
    char *out = malloc(dir + strlen(name) + 1);
    if (out) {
        memcpy(out, path, dir);
        strcpy(out + dir, name);
    }
    return out;
}

/* inih handler: one key = value in a section.  Returns 1 (go on). */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
    parse *p = user;
    char sec[128], key[128], val[128];
    uf_fold(section, sec, sizeof sec);
    uf_fold(name, key, sizeof key);
    uf_fold(value, val, sizeof val);
    uf_config *c = p->c;
    bool ok = true, known = true;
    if (strcmp(sec, "organisation") == 0 && (!strcmp(key, "namn") || !strcmp(key, "name"))) {
        free(c->organisation);
        c->organisation = strdup(value);
    } else if (!strncmp(sec, "enhet_", 6) || !strncmp(sec, "unit_", 5)) {
        const char *uname = section + (sec[0] == 'e' ? 6 : 5);
        char *end;
        long cap = strtol(value, &end, 10);
        if (strcmp(key, "kapacitet") != 0 && strcmp(key, "capacity") != 0)
            known = false;
        else if (*end || cap < 0 || cap > 10000)
            ok = false;
        else {
            uf_unit_conf *u = unit(p, uname);
            if (u)
                u->capacity = (int)cap;
        }
    } else if (!strcmp(sec, "aldersgrupper") || !strcmp(sec, "age_bands")) {
        if (strcmp(key, "grupper") != 0 && strcmp(key, "bands") != 0)
            known = false;
        else
            ok = parse_bands(p, value);
    } else if (!strcmp(sec, "fonster") || !strcmp(sec, "windows")) {
        if (!strcmp(key, "fore") || !strcmp(key, "before"))
            ok = uf_parse_months(value, &c->months_before) == 0; /* unfolded: "1år" */
        else if (!strcmp(key, "efter") || !strcmp(key, "after"))
            ok = uf_parse_months(value, &c->months_after) == 0;
        else if (!strcmp(key, "ankare") || !strcmp(key, "anchor")) {
            if (!strcmp(val, "slut") || !strcmp(val, "end"))
                c->anchor = UF_ANCHOR_END;
            else if (!strcmp(val, "start"))
                c->anchor = UF_ANCHOR_START;
            else
                ok = false;
        } else
            known = false;
    } else if (!strcmp(sec, "rojandeskydd") || !strcmp(sec, "disclosure")) {
        char *end;
        long t = strtol(value, &end, 10);
        if (strcmp(key, "troskel") != 0 && strcmp(key, "threshold") != 0)
            known = false;
        else if (*end || t < 3 || t > 100)
            ok = false;
        else
            c->threshold = (int)t;
    } else if (!strcmp(sec, "tid_i_risk") || !strcmp(sec, "time_at_risk")) {
        if (strcmp(key, "last_vard") != 0 && strcmp(key, "locked_care") != 0)
            known = false;
        else if (!parse_locked(p, value))
            bad(p, section, name, "bara placeringar (hvb, sis, familjehem, tfco)", value);
    } else if (!strcmp(sec, "rapporter") || !strcmp(sec, "reports")) {
        if (!strcmp(key, "program") || !strcmp(key, "programme")) {
            free(c->program);
            c->program = *value ? strdup(value) : NULL;
            ok = *value != '\0';
        } else if (!strcmp(key, "mapp") || !strcmp(key, "folder")) {
            free(c->report_dir);
            c->report_dir = *value ? beside(p->path, value) : NULL;
            ok = *value != '\0';
        } else if (!strcmp(key, "mottagare") || !strcmp(key, "audience")) {
            if (!strcmp(val, "extern") || !strcmp(val, "external"))
                c->internal = false;
            else if (!strcmp(val, "intern") || !strcmp(val, "internal"))
                c->internal = true;
            else
                ok = false;
        } else
            known = false;
    } else if (!strcmp(sec, "databas") || !strcmp(sec, "database")) {
        char *end;
        long t = strtol(value, &end, 10);
        if (strcmp(key, "vanta") != 0 && strcmp(key, "wait") != 0)
            known = false;
        else if (!*value || *end || t < 0 || t > 3600)
            ok = false;
        else
            c->db_wait = (int)t;
    } else if (!strcmp(sec, "matt") || !strcmp(sec, "measures")) {
        ok = uf_config_measure_kind(NULL, key) < 0 && add_measure(p, key, val);
    } else {
        known = false;
    }
    if (!known)
        uf_diag_add(p->d, UF_WARNING, p->path, 0, NULL, "[%s] %s: okänd inställning, hoppas över",
                    section, name);
    else if (!ok)
        bad(p, section, name, "ogiltigt värde", value);
    return 1;
}

uf_error uf_config_load(const char *path, bool required, uf_config *c, uf_diag *d)
{
    uf_config_defaults(c);
    FILE *f = fopen(path, "r");
    if (!f)
        return required ? UF_ERR_MISSING : UF_OK;
    c->path = strdup(path);
    parse p = { .c = c, .d = d, .path = path };
    unsigned long before = d->errors;
    int rc = ini_parse_file(f, on_value, &p);
    fclose(f);
    if (rc > 0)
        uf_diag_add(d, UF_ERROR, path, (unsigned long)rc, NULL,
                    "raden är varken [avsnitt] eller nyckel = värde");
    if (rc < 0)
        return UF_ERR_NOMEM;
    return d->errors > before ? UF_ERR_INPUT : UF_OK;
}
