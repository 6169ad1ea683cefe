/*
 * population.c - the cases a report covers (population.h): one scan of
 * the cases to check filters and to fill temp.population.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/core.h"
#include "uppfolj/db.h"
#include "uppfolj/parse.h"
#include "uppfolj/groups.h"
#include "uppfolj/population.h"
#include "uppfolj/query.h"

/* The fields of the current row of pop_cases. */
static void row_fields(sqlite3_stmt *st, uf_cfields *k)
{
    const char *s;
    k->programme = (s = (const char *)sqlite3_column_text(st, 1)) ? s : "";
    k->unit = (s = (const char *)sqlite3_column_text(st, 2)) ? s : "";
    k->target_group = (s = (const char *)sqlite3_column_text(st, 3)) ? s : "";
    int start, birth;
    s = (const char *)sqlite3_column_text(st, 4);
    k->start = s && uf_date_parse(s, &start) == 0 ? start : INT_MIN;
    s = (const char *)sqlite3_column_text(st, 5);
    k->sex = s ? s[0] : 0;
    s = (const char *)sqlite3_column_text(st, 6);
    k->age =
        k->start != INT_MIN && s && uf_date_parse(s, &birth) == 0 ? uf_age_at(birth, k->start) : -1;
}

/* Distinct values seen for one condition's field (for the message). */
typedef struct seen {
    char **v;
    size_t n, cap;
    int lo, hi; /* start year, age: the span seen */
    bool matched;
} seen;

static void seen_add(seen *s, const char *v)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], v) == 0)
            return;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        char **nv = realloc(s->v, cap * sizeof *nv);
        if (!nv)
            return; /* the list in the message is only shorter */
        s->v = nv;
        s->cap = cap;
    }
    if ((s->v[s->n] = strdup(v)) != NULL)
        s->n++;
}

static int cmp_sv(const void *a, const void *b)
{
    return uf_sv_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Note what case k shows of condition i's field. */
static void observe(seen *s, const uf_cohort_filter *f, int i, const uf_cfields *k)
{
    int y, m, d;
    switch (f->cond[i].field) {
    case UF_CF_PROGRAMME:
        if (*k->programme)
            seen_add(s, k->programme);
        break;
    case UF_CF_UNIT:
        if (*k->unit)
            seen_add(s, k->unit);
        break;
    case UF_CF_TARGET:
        if (*k->target_group)
            seen_add(s, k->target_group);
        break;
    case UF_CF_SEX:
        if (k->sex)
            seen_add(s, (char[]){ k->sex, 0 });
        break;
    case UF_CF_START_YEAR:
        if (k->start == INT_MIN)
            break;
        uf_civil_from_days(k->start, &y, &m, &d);
        s->lo = y < s->lo ? y : s->lo;
        s->hi = y > s->hi ? y : s->hi;
        break;
    case UF_CF_AGE:
        if (k->age < 0)
            break;
        s->lo = k->age < s->lo ? k->age : s->lo;
        s->hi = k->age > s->hi ? k->age : s->hi;
        break;
    }
}

/* The error for condition i that no case met. */
static void unmatched(uf_diag *d, const char *what, const uf_cohort_filter *f, int i, seen *s)
{
    static const char *const names[] = { "programmet", "enheten", "målgruppen",
                                         "startåret",  "könet",   "åldern" };
    uf_cfield fd = f->cond[i].field;
    char list[1024] = "";
    size_t used = 0;
    if (fd == UF_CF_START_YEAR || fd == UF_CF_AGE) {
        if (s->lo <= s->hi)
            snprintf(list, sizeof list, "%s %d–%d",
                     fd == UF_CF_AGE ? "åldrar vid start" : "startår", s->lo, s->hi);
        else
            snprintf(list, sizeof list, "inga ärenden har startat");
    } else {
        if (s->n) /* qsort of NULL is undefined, even of 0 items */
            qsort(s->v, s->n, sizeof *s->v, cmp_sv);
        for (size_t j = 0; j < s->n && used < sizeof list; j++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "", s->v[j]);
            used += w > 0 ? (size_t)w : 0;
        }
        if (s->n == 0)
            snprintf(list, sizeof list, "inga värden");
    }
    uf_diag_add(d, UF_ERROR, what, 0, NULL, "%s %s finns inte bland ärendena (finns: %s)",
                names[fd], f->cond[i].value, list);
}

/* One scan of every case: note matches per condition (check), and insert
 * the cases meeting every condition into temp.population (ins, or NULL).
 * The stored name of the first match goes into programme and unit
 * conditions when canon. */
static uf_error scan(sqlite3 *db, uf_cohort_filter *f, seen *s, sqlite3_stmt *ins, bool canon,
                     size_t *count, const uf_cohort_filter *any, int nany)
{
    sqlite3_stmt *st = uf_db_prepare(db, "pop_cases");
    if (!st)
        return UF_ERR_DB;
    int rc;
    *count = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        uf_cfields k;
        row_fields(st, &k);
        bool all = true;
        for (int i = 0; f && i < f->ncond; i++) {
            bool m = uf_cohort_cond_match(f, i, &k);
            all = all && m;
            if (!s)
                continue;
            observe(&s[i], f, i, &k);
            if (m && !s[i].matched && canon) {
                const char *name = f->cond[i].field == UF_CF_PROGRAMME ? k.programme
                                   : f->cond[i].field == UF_CF_UNIT    ? k.unit
                                                                       : NULL;
                if (name)
                    snprintf(f->cond[i].value, sizeof f->cond[i].value, "%s", name);
            }
            s[i].matched |= m;
        }
        bool in_any = nany == 0;
        for (int j = 0; !in_any && j < nany; j++) {
            in_any = true;
            for (int i = 0; in_any && i < any[j].ncond; i++)
                in_any = uf_cohort_cond_match(&any[j], i, &k);
        }
        if (!all || !in_any)
            continue;
        (*count)++;
        if (ins) {
            sqlite3_bind_int64(ins, 1, sqlite3_column_int64(st, 0));
            if (sqlite3_step(ins) != SQLITE_DONE) {
                sqlite3_finalize(st);
                return UF_ERR_DB;
            }
            sqlite3_reset(ins);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? UF_OK : UF_ERR_DB;
}

uf_error uf_population_check(sqlite3 *db, uf_cohort_filter *f, const char *what, uf_diag *d)
{
    seen *s = calloc(f->ncond ? (size_t)f->ncond : 1, sizeof *s);
    if (!s)
        return UF_ERR_NOMEM;
    for (int i = 0; i < f->ncond; i++) {
        s[i].lo = INT_MAX;
        s[i].hi = INT_MIN;
    }
    size_t count;
    uf_error err = scan(db, f, s, NULL, true, &count, NULL, 0);
    for (int i = 0; i < f->ncond; i++) {
        if (err == UF_OK && !s[i].matched) {
            unmatched(d, what, f, i, &s[i]);
            err = UF_ERR_INPUT;
        }
        for (size_t j = 0; j < s[i].n; j++)
            free(s[i].v[j]);
        free(s[i].v);
    }
    free(s);
    if (err == UF_OK && count == 0) {
        char words[512];
        uf_cohort_filter_describe(f, words, sizeof words);
        uf_diag_add(d, UF_ERROR, what, 0, NULL, "inga ärenden uppfyller villkoren (%s)", words);
        err = UF_ERR_INPUT;
    }
    return err;
}

uf_error uf_population_programmes(sqlite3 *db, char *out, size_t n, int *count)
{
    sqlite3_stmt *st = uf_db_prepare(db, "pop_programmes");
    if (!st)
        return UF_ERR_DB;
    size_t used = 0;
    int rc;
    *count = 0;
    out[0] = '\0';
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        long long k = sqlite3_column_int64(st, 1);
        int w = used < n ? snprintf(out + used, n - used, "%s%s (%lld %s)", *count ? ", " : "",
                                    name ? name : "", k, k == 1 ? "ärende" : "ärenden")
                         : 0;
        used += w > 0 ? (size_t)w : 0;
        (*count)++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? UF_OK : UF_ERR_DB;
}

/* Fill temp.population with the cases that meet f and (nany > 0) one of
 * the filters any; create the view. */
static uf_error apply(sqlite3 *db, const uf_cohort_filter *f, const uf_cohort_filter *any, int nany,
                      size_t *ncases)
{
    if (uf_db_exec(db, uf_query("pop_create")) != UF_OK ||
        uf_db_exec(db, uf_query("pop_clear")) != UF_OK)
        return UF_ERR_DB;
    sqlite3_stmt *ins = uf_db_prepare(db, "pop_insert");
    if (!ins)
        return UF_ERR_DB;
    /* the inserts in one transaction, or in the caller's read
     * transaction (a report's): a savepoint is either */
    uf_error err = uf_db_exec(db, "SAVEPOINT population");
    if (err == UF_OK) {
        uf_cohort_filter copy = *f;
        err = scan(db, &copy, NULL, ins, false, ncases, any, nany);
        if (err != UF_OK)
            uf_db_exec(db, "ROLLBACK TO population");
        if (uf_db_exec(db, "RELEASE population") != UF_OK)
            err = UF_ERR_DB;
    }
    sqlite3_finalize(ins);
    if (err == UF_OK)
        err = uf_db_exec(db, uf_query("pop_view"));
    return err;
}

uf_error uf_population_apply(sqlite3 *db, const uf_cohort_filter *f, size_t *ncases)
{
    return apply(db, f, NULL, 0, ncases);
}

uf_error uf_population_range(sqlite3 *db, int *first, int *last)
{
    sqlite3_stmt *st = uf_db_prepare(db, "pop_range");
    if (!st)
        return UF_ERR_DB;
    uf_error err = UF_ERR_DB;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(st, 0);
        const char *b = (const char *)sqlite3_column_text(st, 1);
        err = a && b && uf_date_parse(a, first) == 0 && uf_date_parse(b, last) == 0 ? UF_OK
                                                                                    : UF_ERR_INPUT;
    }
    sqlite3_finalize(st);
    return err;
}

/* Add condition field = value to f; false when f is full. */
static bool add_cond(uf_cohort_filter *f, uf_cfield field, const char *value)
{
    if (f->ncond == UF_COHORT_CONDS)
        return false;
    f->cond[f->ncond].field = field;
    snprintf(f->cond[f->ncond].value, sizeof f->cond[0].value, "%s", value);
    f->ncond++;
    return true;
}

static bool names_programme(const uf_cohort_filter *f)
{
    for (int i = 0; i < f->ncond; i++)
        if (f->cond[i].field == UF_CF_PROGRAMME)
            return true;
    return false;
}

/* Does the population need a programme that nothing names? */
static bool programme_open(const uf_population_req *q, const uf_cohort_filter *f)
{
    if (names_programme(f) || q->by_programme)
        return false;
    if (q->ncohorts == 0)
        return true;
    for (int i = 0; i < q->ncohorts; i++)
        if (!names_programme(&q->cohorts[i]))
            return true;
    return false;
}

uf_error uf_population_choose(sqlite3 *db, uf_population_req *q, char *words, size_t n, uf_diag *d)
{
    uf_cohort_filter f;
    memset(&f, 0, sizeof f);
    if (q->filter)
        f = *q->filter;
    if ((q->program && !add_cond(&f, UF_CF_PROGRAMME, q->program)) ||
        (q->unit && !add_cond(&f, UF_CF_UNIT, q->unit))) {
        uf_diag_add(d, UF_ERROR, "populationen", 0, NULL, "högst %d villkor", UF_COHORT_CONDS);
        return UF_ERR_INPUT;
    }
    uf_error err = UF_OK;
    for (int i = 0; i < q->ncohorts; i++) {
        char what[96];
        snprintf(what, sizeof what, "--cohort %s", q->cohorts[i].name);
        uf_error e = uf_population_check(db, &q->cohorts[i], what, d);
        if (e != UF_OK && e != UF_ERR_INPUT)
            return e;
        if (e != UF_OK)
            err = e;
    }
    if (programme_open(q, &f)) {
        char list[1024];
        int count;
        uf_error e = uf_population_programmes(db, list, sizeof list, &count);
        if (e != UF_OK)
            return e;
        if (count > 1 && q->default_program) {
            /* the default programme narrows what names none: the filter,
             * or each compared cohort that names no programme of its own */
            bool room = true;
            for (int i = 0; i < q->ncohorts; i++)
                if (!names_programme(&q->cohorts[i]))
                    room &= add_cond(&q->cohorts[i], UF_CF_PROGRAMME, q->default_program);
            if (q->ncohorts == 0)
                room = add_cond(&f, UF_CF_PROGRAMME, q->default_program);
            if (!room) {
                uf_diag_add(d, UF_ERROR, "populationen", 0, NULL, "högst %d villkor",
                            UF_COHORT_CONDS);
                return UF_ERR_INPUT;
            }
        } else if (count > 1) {
            uf_diag_add(d, UF_ERROR, "populationen", 0, NULL,
                        "databasen har flera program: %s; ange vilket rapporten gäller med "
                        "--program (eller program = … under [rapporter] i uppfolj.conf)",
                        list);
            err = UF_ERR_INPUT;
        }
    }
    if (err != UF_OK)
        return err;
    if (f.ncond > 0 && (err = uf_population_check(db, &f, "populationen", d)) != UF_OK)
        return err;
    size_t ncases;
    if ((err = apply(db, &f, q->cohorts, q->ncohorts, &ncases)) != UF_OK)
        return err;
    if (ncases == 0) {
        char cond[512];
        uf_cohort_filter_describe(&f, cond, sizeof cond);
        uf_diag_add(d, UF_ERROR, "populationen", 0, NULL, "inga ärenden uppfyller villkoren (%s%s)",
                    cond, q->ncohorts ? " och någon av kohorterna" : "");
        return UF_ERR_INPUT;
    }
    q->unit_name[0] = '\0';
    for (int i = 0; i < f.ncond; i++)
        if (f.cond[i].field == UF_CF_UNIT)
            snprintf(q->unit_name, sizeof q->unit_name, "%s", f.cond[i].value);
    char cond[512];
    uf_cohort_filter_describe(&f, cond, sizeof cond);
    size_t used = 0;
    words[0] = '\0';
    if (f.ncond > 0 || q->ncohorts == 0)
        used = (size_t)snprintf(words, n, "%s", cond);
    for (int i = 0; i < q->ncohorts && used < n; i++) {
        uf_cohort_filter_describe(&q->cohorts[i], cond, sizeof cond);
        int w = snprintf(words + used, n - used, "%s%s%s (%s)", used ? "; " : "",
                         i == 0 ? "kohorterna " : "", q->cohorts[i].name, cond);
        used += w > 0 ? (size_t)w : 0;
    }
    if (used < n)
        snprintf(words + used, n - used, " (%zu %s)", ncases, ncases == 1 ? "ärende" : "ärenden");
    return UF_OK;
}
