/*
 * cohort.c - named cohort filters (cohort.h).  Parsed once per command,
 * matched once per case and cohort.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/cohort.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"

static const struct {
    const char *name, *alias;
    uf_cfield field;
} fields[] = {
    { "programme", "program", UF_CF_PROGRAMME },
    { "unit", "enhet", UF_CF_UNIT },
    { "target_group", "malgrupp", UF_CF_TARGET },
    { "start_year", "startar", UF_CF_START_YEAR },
    { "sex", "kon", UF_CF_SEX },
    { "age", "alder", UF_CF_AGE },
};

/* "16" or "15-17" into lo..hi; -1 if neither. */
static int range(const char *v, int *lo, int *hi)
{
    char *end;
    long a = strtol(v, &end, 10), b = a;
    if (end == v)
        return -1;
    if (*end == '-') {
        const char *p = end + 1;
        b = strtol(p, &end, 10);
        if (end == p)
            return -1;
    }
    if (*end || a > b || a < 0 || b > 3000)
        return -1;
    *lo = (int)a;
    *hi = (int)b;
    return 0;
}

/* One "field=value" into condition i of f; -1 with a message. */
static int condition(const char *s, uf_cohort_filter *f, char *err, size_t n)
{
    const char *eq = strchr(s, '=');
    char key[64], folded[64];
    if (!eq || eq == s || !eq[1] || (size_t)(eq - s) >= sizeof key) {
        snprintf(err, n, "villkoret '%s' ska skrivas fält=värde", s);
        return -1;
    }
    snprintf(key, sizeof key, "%.*s", (int)(eq - s), s);
    uf_fold(uf_trim(key), folded, sizeof folded);
    int i = f->ncond;
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
        if (strcmp(folded, fields[k].name) == 0 || strcmp(folded, fields[k].alias) == 0) {
            f->cond[i].field = fields[k].field;
            if (strlen(eq + 1) >= sizeof f->cond[i].value) {
                snprintf(err, n, "%s: värdet är längre än %zu tecken", key,
                         sizeof f->cond[i].value - 1);
                return -1;
            }
            snprintf(f->cond[i].value, sizeof f->cond[i].value, "%s", eq + 1);
            uf_trim(f->cond[i].value);
            if (f->cond[i].field == UF_CF_SEX || f->cond[i].field == UF_CF_TARGET) {
                bool sex = f->cond[i].field == UF_CF_SEX;
                const char *code = uf_kb_match(sex ? UF_KB_SEX : UF_KB_TARGET, f->cond[i].value);
                if (!code) {
                    snprintf(err, n,
                             sex ? "kön '%s': ange F, M eller X"
                                 : "målgrupp '%s': ange riskzon eller avhopp",
                             f->cond[i].value);
                    return -1;
                }
                snprintf(f->cond[i].value, sizeof f->cond[i].value, "%s", code);
            }
            if ((f->cond[i].field == UF_CF_START_YEAR || f->cond[i].field == UF_CF_AGE) &&
                range(f->cond[i].value, &f->cond[i].lo, &f->cond[i].hi) != 0) {
                snprintf(err, n, "%s '%s': ange ett tal eller ett intervall som 15-17", key,
                         f->cond[i].value);
                return -1;
            }
            f->ncond++;
            return 0;
        }
    snprintf(err, n, "okänt fält '%s' (finns: programme, unit, target_group, start_year, sex, age)",
             key);
    return -1;
}

int uf_cohort_filter_parse(const char *spec, uf_cohort_filter *f, char *err, size_t n)
{
    memset(f, 0, sizeof *f);
    const char *colon = strchr(spec, ':');
    if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof f->name) {
        snprintf(err, n, "kohorten '%s' ska skrivas NAMN:fält=värde[,fält=värde]", spec);
        return -1;
    }
    snprintf(f->name, sizeof f->name, "%.*s", (int)(colon - spec), spec);
    char buf[512];
    snprintf(buf, sizeof buf, "%s", colon + 1);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (f->ncond == UF_COHORT_CONDS) {
            snprintf(err, n, "högst %d villkor per kohort", UF_COHORT_CONDS);
            return -1;
        }
        if (condition(uf_trim(tok), f, err, n) != 0)
            return -1;
    }
    if (f->ncond == 0) {
        snprintf(err, n, "kohorten %s har inga villkor", f->name);
        return -1;
    }
    return 0;
}

/* Do a and b read the same as the importer compares names (case, å ä ö)? */
static bool same_name(const char *a, const char *b)
{
    char fa[128], fb[128];
    uf_fold(a, fa, sizeof fa);
    uf_fold(b, fb, sizeof fb);
    return strcmp(fa, fb) == 0;
}

bool uf_cohort_cond_match(const uf_cohort_filter *f, int i, const uf_cfields *k)
{
    const char *v = f->cond[i].value;
    int y, m, d;
    switch (f->cond[i].field) {
    case UF_CF_PROGRAMME: return same_name(k->programme, v);
    case UF_CF_UNIT: return same_name(k->unit, v);
    case UF_CF_TARGET: return strcmp(k->target_group, v) == 0;
    case UF_CF_START_YEAR:
        if (k->start == INT_MIN)
            return false;
        uf_civil_from_days(k->start, &y, &m, &d);
        return y >= f->cond[i].lo && y <= f->cond[i].hi;
    case UF_CF_SEX: return k->sex == v[0];
    case UF_CF_AGE: return k->age >= f->cond[i].lo && k->age <= f->cond[i].hi;
    }
    return false;
}

bool uf_cohort_filter_match(const uf_cohort_filter *f, const uf_caseset *c, const uf_case *k)
{
    uf_cfields x = { uf_caseset_string(c, k->programme),
                     uf_caseset_string(c, k->unit),
                     uf_caseset_string(c, k->target_group),
                     k->start,
                     k->sex,
                     k->age };
    for (int i = 0; i < f->ncond; i++)
        if (!uf_cohort_cond_match(f, i, &x))
            return false;
    return true;
}

void uf_cohort_filter_describe(const uf_cohort_filter *f, char *out, size_t n)
{
    static const char *const names[] = {
        "program", "enhet", "målgrupp", "startår", "kön", "ålder"
    };
    size_t used = 0;
    out[0] = '\0';
    if (f->ncond == 0)
        snprintf(out, n, "alla ärenden");
    for (int i = 0; i < f->ncond && used < n; i++) {
        const char *v = f->cond[i].value;
        if (f->cond[i].field == UF_CF_SEX)
            v = v[0] == 'F' ? "flickor" : v[0] == 'M' ? "pojkar" : "annat kön";
        int w = snprintf(out + used, n - used, "%s%s %s%s", i ? ", " : "", names[f->cond[i].field],
                         v, f->cond[i].field == UF_CF_AGE ? " år" : "");
        used += w > 0 ? (size_t)w : 0;
    }
}
