/*
 * groups.c - group keys and Swedish labels of the breakdowns (groups.h).
 * Called per case and table while a report is built: small linear scans.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/groups.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"

static const struct {
    const char *name, *alias, *label;
} dims[UF_NDIMS] = {
    { "sex", "kon", "Kön" },
    { "age", "alder", "Ålder vid start" },
    { "insats", "insatser", "Insats" },
    { "unit", "enhet", "Enhet" },
    { "programme", "program", "Program" },
    { "target_group", "malgrupp", "Målgrupp" },
    { "cohort", "kohort", "Startår" },
    { "end_reason", "avslutsorsak", "Avslutsorsak" },
    { "risk", "riskniva", "Risknivå vid start" },
};

int uf_dim_parse(const char *s)
{
    char f[64];
    uf_fold(s, f, sizeof f); /* "kön", "Ålder", "målgrupp" as written */
    for (int d = 0; d < UF_NDIMS; d++)
        if (strcmp(f, dims[d].name) == 0 || strcmp(f, dims[d].alias) == 0)
            return d;
    return -1;
}

const char *uf_dim_name(uf_dim d)
{
    return dims[d].name;
}

const char *uf_dim_label(uf_dim d)
{
    return dims[d].label;
}

bool uf_dim_overlaps(uf_dim d)
{
    return d == UF_DIM_INSATS;
}

/* Key of a string-valued field (a cohort string id). */
static int string_key(int id)
{
    return id < 0 ? UF_GROUP_MISSING : id;
}

int uf_case_groups(const uf_caseset *c, const uf_config *cfg, const uf_case *k, uf_dim d, int *keys,
                   int max)
{
    (void)c;
    switch (d) {
    case UF_DIM_SEX:
        keys[0] = k->sex == 'F' ? 0 : k->sex == 'M' ? 1 : k->sex == 'X' ? 2 : UF_GROUP_MISSING;
        return 1;
    case UF_DIM_AGE: {
        int b = k->age < 0 ? -1 : uf_config_band(cfg, k->age);
        keys[0] = b < 0 ? UF_GROUP_MISSING : b;
        return 1;
    }
    case UF_DIM_INSATS: {
        int n = 0;
        for (int i = 0; i < UF_CASE_GROUPS_MAX && n < max; i++)
            if (k->insatser & (1u << i))
                keys[n++] = i;
        if (n == 0)
            keys[n++] = UF_GROUP_MISSING;
        return n;
    }
    case UF_DIM_UNIT: keys[0] = string_key(k->unit); return 1;
    case UF_DIM_PROGRAMME: keys[0] = string_key(k->programme); return 1;
    case UF_DIM_TARGET: keys[0] = string_key(k->target_group); return 1;
    case UF_DIM_END_REASON: keys[0] = string_key(k->end_reason); return 1;
    case UF_DIM_RISK: /* the first instrument (kodbok order) with a baseline level */
        keys[0] = UF_GROUP_MISSING;
        for (int i = 0; i < UF_NINSTRUMENTS && keys[0] == UF_GROUP_MISSING; i++)
            if (k->assess[i].base_risk >= 1)
                keys[0] = k->assess[i].base_risk - 1;
        return 1;
    case UF_DIM_START_YEAR: {
        int y, m, dd;
        uf_civil_from_days(k->start, &y, &m, &dd);
        keys[0] = y;
        return 1;
    }
    case UF_NDIMS: break;
    }
    keys[0] = UF_GROUP_MISSING;
    return 1;
}

/* Compare two UTF-8 strings in Swedish alphabetical order as far as it
 * matters for names: å, ä and ö (and capitals) come after z, in that
 * order; other bytes compare as they are. */
static int sv_weight(const unsigned char **p)
{
    const unsigned char *s = *p;
    if (s[0] == 0xC3 && s[1]) {
        static const unsigned char lo[] = { 0xA5, 0xA4, 0xB6 }, up[] = { 0x85, 0x84, 0x96 };
        for (int i = 0; i < 3; i++)
            if (s[1] == lo[i] || s[1] == up[i]) {
                *p += 2;
                return 'z' + 1 + i;
            }
    }
    *p += 1;
    return s[0] >= 'A' && s[0] <= 'Z' ? s[0] - 'A' + 'a' : s[0];
}

int uf_sv_cmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    while (*x && *y) {
        int wx = sv_weight(&x), wy = sv_weight(&y);
        if (wx != wy)
            return wx - wy;
    }
    return (*x != 0) - (*y != 0);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int uf_dim_keys(const uf_caseset *c, const uf_config *cfg, uf_dim d, int **keys)
{
    int n = 0, cap = 0;
    int *out = NULL;
    *keys = NULL;
    for (size_t i = 0; i < c->n; i++) {
        int k[UF_CASE_GROUPS_MAX];
        int nk = uf_case_groups(c, cfg, &c->cases[i], d, k, UF_CASE_GROUPS_MAX);
        for (int j = 0; j < nk; j++) {
            bool seen = false;
            for (int x = 0; x < n && !seen; x++)
                seen = out[x] == k[j];
            if (seen)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                int *p = realloc(out, (size_t)cap * sizeof *p);
                if (!p) {
                    free(out);
                    return -1;
                }
                out = p;
            }
            out[n++] = k[j];
        }
    }
    if (n)
        qsort(out, (size_t)n, sizeof *out, cmp_int);
    /* string-valued groups display in alphabetical order */
    if (d == UF_DIM_UNIT || d == UF_DIM_PROGRAMME || d == UF_DIM_TARGET || d == UF_DIM_END_REASON)
        for (int i = 1; i < n; i++)
            for (int j = i;
                 j > 0 && out[j] != UF_GROUP_MISSING &&
                 uf_sv_cmp(uf_caseset_string(c, out[j - 1]), uf_caseset_string(c, out[j])) > 0;
                 j--) {
                int t = out[j];
                out[j] = out[j - 1];
                out[j - 1] = t;
            }
    *keys = out;
    return n;
}

size_t uf_group_label(const uf_caseset *c, const uf_config *cfg, uf_dim d, int key, char *out,
                      size_t n)
{
    const char *text;
    char num[32];
    if (key == UF_GROUP_MISSING) {
        text = d == UF_DIM_INSATS ? "Ingen registrerad insats"
               : d == UF_DIM_AGE  ? "Annan ålder eller okänd"
               : d == UF_DIM_RISK ? "Ingen bedömning vid start"
                                  : "Uppgift saknas";
    } else {
        switch (d) {
        case UF_DIM_SEX:
            text = uf_kb_group(UF_KB_SEX, uf_kb_code(UF_KB_SEX, key < 2 ? key : 2));
            break;
        case UF_DIM_AGE:
            snprintf(num, sizeof num, "%d–%d år", cfg->bands[key].lo, cfg->bands[key].hi);
            text = num;
            break;
        case UF_DIM_INSATS: text = uf_kb_label(UF_KB_INSATS, uf_core_insats_name(key)); break;
        case UF_DIM_START_YEAR:
            snprintf(num, sizeof num, "%d", key);
            text = num;
            break;
        case UF_DIM_END_REASON:
            text = uf_kb_label(UF_KB_END_REASON, uf_caseset_string(c, key));
            break;
        case UF_DIM_RISK: text = uf_kb_label(UF_KB_RISK, uf_kb_code(UF_KB_RISK, key)); break;
        case UF_DIM_TARGET: {
            text = uf_kb_label(UF_KB_TARGET, uf_caseset_string(c, key));
            break;
        }
        default: text = uf_caseset_string(c, key); break;
        }
    }
    if (n)
        snprintf(out, n, "%s", text);
    return strlen(text);
}
