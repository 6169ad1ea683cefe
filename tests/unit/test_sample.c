/*
 * test_sample.c - the synthetic data generator (sample.h).
 *
 * The group setup writes three data sets into mkdtemp folders: 300 youths
 * with seed 1 twice (determinism), 300 youths with seed 2, and 3000 youths
 * with seed 1 (shares), all with end date 2026-06-30.  Expected values come
 * from SPEC §3 and §11: the header lines are copied from the kodbok, the
 * Luhn rule is Skatteverket's (weights 2,1,2,... over YYMMDDNNN), shares
 * are the national evaluation's figures with a few points' tolerance.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "uppfolj/parse.h"
#include "uppfolj/pnr.h"
#include "uppfolj/sample.h"

#define END "2026-06-30"
#define MAXF 24

static const char *const files[7] = { "persons.csv",     "cases.csv",    "interventions.csv",
                                      "assessments.csv", "outcomes.csv", "goals.csv",
                                      "meetings.csv" };

/* The data sets written by the group setup. */
static char dir_a[64], dir_b[64], dir_c[64], dir_big[64];

/* One CSV file read into memory: its lines, NUL-terminated, without LF. */
typedef struct table {
    char *buf;
    char **line;
    size_t n; /* lines, the header included */
} table;

/* Read dir/name whole into a malloc'd buffer; *len gets its size. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size >= 0);
    rewind(f);
    char *buf = malloc((size_t)size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    buf[size] = '\0';
    *len = (size_t)size;
    return buf;
}

/* Load dir/name as a table; every line must end in LF (no CR). */
static table load(const char *dir, const char *name)
{
    table t = { NULL, NULL, 0 };
    size_t len;
    t.buf = slurp(dir, name, &len);
    assert_true(len > 0 && t.buf[len - 1] == '\n');
    assert_null(strchr(t.buf, '\r'));
    for (size_t i = 0; i < len; i++)
        t.n += t.buf[i] == '\n';
    t.line = malloc(t.n * sizeof *t.line);
    assert_non_null(t.line);
    char *p = t.buf;
    for (size_t i = 0; i < t.n; i++) {
        t.line[i] = p;
        p = strchr(p, '\n');
        *p++ = '\0';
    }
    return t;
}

static void unload(table *t)
{
    free(t->line);
    free(t->buf);
}

/* Split a copy of line at ';' into f (at most MAXF fields); returns the
 * number of fields.  copy must hold the line. */
static int split(const char *line, char *copy, char **f)
{
    strcpy(copy, line);
    int n = 0;
    char *p = copy;
    f[n++] = p;
    while ((p = strchr(p, ';')) != NULL && n < MAXF) {
        *p++ = '\0';
        f[n++] = p;
    }
    return n;
}

/* Write a data set of youths with seed into dir; asserts success. */
static void generate(const char *dir, unsigned youths, unsigned long long seed)
{
    uf_sample_opts o = { youths, seed, 2026, 6, 30 };
    char err[256];
    assert_int_equal(uf_sample_write(&o, dir, err, sizeof err), UF_OK);
    assert_string_equal(err, "");
}

/* Make a temporary folder into buf. */
static void make_dir(char *buf, size_t len)
{
    snprintf(buf, len, "/tmp/uf_sample_XXXXXX");
    assert_non_null(mkdtemp(buf));
}

/* Remove the seven files and the folder. */
static void remove_dir(const char *dir)
{
    char path[128];
    if (dir[0] == '\0')
        return;
    for (int i = 0; i < 7; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

static int setup(void **state)
{
    (void)state;
    make_dir(dir_a, sizeof dir_a);
    make_dir(dir_b, sizeof dir_b);
    make_dir(dir_c, sizeof dir_c);
    make_dir(dir_big, sizeof dir_big);
    generate(dir_a, 300, 1);
    generate(dir_b, 300, 1);
    generate(dir_c, 300, 2);
    generate(dir_big, 3000, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_dir(dir_a);
    remove_dir(dir_b);
    remove_dir(dir_c);
    remove_dir(dir_big);
    return 0;
}

static void test_sample__same_seed_same_bytes(void **state)
{
    (void)state;
    for (int i = 0; i < 7; i++) {
        size_t la, lb;
        char *a = slurp(dir_a, files[i], &la);
        char *b = slurp(dir_b, files[i], &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
        free(a);
        free(b);
    }
}

static void test_sample__other_seed_differs(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        size_t la, lc;
        char *a = slurp(dir_a, files[i], &la);
        char *c = slurp(dir_c, files[i], &lc);
        assert_true(la != lc || memcmp(a, c, la) != 0);
        free(a);
        free(c);
    }
}

static void test_sample__header_lines(void **state)
{
    (void)state;
    static const char *const headers[7] = {
        "person;birth_date;sex;unit",
        "case_id;person;programme;unit;target_group;referred_by;"
        "referral_date;consent_date;plan_date;start_date;end_date;"
        "end_reason;form;followup_consent;assessed_date;offer;offer_reason;consent_by;"
        "consent_actors;consent_declined_date;consent_withdrawn_date",
        "case_id;insats;provider;start_date;end_date",
        "assessment_id;case_id;instrument;date;total_score;risk_level",
        "person;date;measure;value",
        "case_id;domain;set_date;followup_date;status",
        "case_id;date;type;participants"
    };
    for (int i = 0; i < 7; i++) {
        table t = load(dir_a, files[i]);
        assert_string_equal(t.line[0], headers[i]);
        unload(&t);
    }
}

static void test_sample__row_counts_plausible(void **state)
{
    (void)state;
    size_t n[7];
    for (int i = 0; i < 7; i++) {
        table t = load(dir_a, files[i]);
        n[i] = t.n - 1;
        unload(&t);
    }
    table t = load(dir_a, files[1]);
    size_t cases = 0; /* started (A...), the others are referrals only (R...) */
    for (size_t i = 1; i < t.n; i++)
        cases += t.line[i][0] == 'A';
    unload(&t);
    assert_int_equal(n[0], 300);
    assert_in_range(cases, 300, 330);             /* ~5 % have a second case */
    assert_in_range(n[1] - cases, 20, 100);       /* one youth in five, in the span */
    assert_in_range(n[2], cases, 4 * cases);      /* 1-4 insatser */
    assert_in_range(n[3], cases / 2, 2 * cases);  /* baseline + follow-up */
    assert_in_range(n[4], 300 * 10, 300 * 60);    /* events and states */
    assert_in_range(n[5], 2 * cases, 60 * cases); /* 2-5 goals x <= 12 */
    assert_in_range(n[6], 2 * cases, 60 * cases); /* every 4-6 weeks */
}

/* Skatteverket's Luhn digit over the 9 digits at d. */
static int luhn(const char *d)
{
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v / 10 + v % 10;
    }
    return (10 - sum % 10) % 10;
}

static void test_sample__personnummer_luhn_and_test_serial(void **state)
{
    (void)state;
    table t = load(dir_big, "persons.csv");
    char copy[256], *f[MAXF];
    size_t numbers = 0;
    for (size_t i = 1; i < t.n; i++) {
        assert_int_equal(split(t.line[i], copy, f), 4);
        const char *id = f[0];
        size_t len = strlen(id);
        if (strncmp(id, "EXT-", 4) == 0)
            continue; /* pseudonymous: letters + digits */
        assert_true(len == 13 || len == 11);
        assert_int_equal(id[len - 5], '-');
        char d[11]; /* YYMMDDNNNC */
        memcpy(d, id + len - 11, 6);
        memcpy(d + 6, id + len - 4, 4);
        d[10] = '\0';
        int serial = atoi(d + 6) / 10;
        assert_in_range(serial, 980, 999);
        assert_int_equal(luhn(d), d[9] - '0');
        int day = (d[4] - '0') * 10 + (d[5] - '0');
        assert_true((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
        if (strcmp(f[2], "M") == 0 || strcmp(f[2], "pojke") == 0)
            assert_int_equal(serial % 2, 1);
        if (strcmp(f[2], "F") == 0 || strcmp(f[2], "flicka") == 0)
            assert_int_equal(serial % 2, 0);
        numbers++;
    }
    assert_true(numbers > (t.n - 1) * 9 / 10);
    unload(&t);
}

/* SPEC §3: no personnummer in any column but person, or importing the
 * sample would fail.  Every other cell of every file (each '|'-separated
 * part of participants) of the 3000-youth set is checked with the
 * importer's own predicate.  Case ids (A000001), assessment ids
 * (B0000001) and unit names all hold letters, so none can be one. */
static void test_sample__no_personnummer_outside_person(void **state)
{
    (void)state;
    int today = uf_days_from_civil(2026, 6, 30);
    size_t cells = 0;
    for (int k = 0; k < 7; k++) {
        table t = load(dir_big, files[k]);
        char copy[256], *f[MAXF];
        int n = split(t.line[0], copy, f), person = -1;
        for (int c = 0; c < n; c++)
            if (strcmp(f[c], "person") == 0)
                person = c;
        for (size_t i = 1; i < t.n; i++) {
            n = split(t.line[i], copy, f);
            for (int c = 0; c < n; c++) {
                for (char *part = strtok(f[c], "|"); c != person && part;
                     part = strtok(NULL, "|")) {
                    assert_false(uf_pnr_is_valid(part, today));
                    cells++;
                }
            }
        }
        unload(&t);
    }
    assert_true(cells > 100000);
}

/* qsort comparison of C strings. */
static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_sample__persons_unique(void **state)
{
    (void)state;
    table t = load(dir_big, "persons.csv");
    char **ids = malloc(t.n * sizeof *ids);
    assert_non_null(ids);
    for (size_t i = 1; i < t.n; i++) {
        char *semi = strchr(t.line[i], ';');
        *semi = '\0';
        /* the last 10 digits identify the number in both forms */
        size_t len = strlen(t.line[i]);
        ids[i - 1] = t.line[i] + (len > 11 && t.line[i][0] != 'E' ? 2 : 0);
    }
    qsort(ids, t.n - 1, sizeof *ids, str_cmp);
    for (size_t i = 1; i + 1 < t.n; i++)
        assert_string_not_equal(ids[i - 1], ids[i]);
    free(ids);
    unload(&t);
}

static void test_sample__boys_about_ninety_percent(void **state)
{
    (void)state;
    table t = load(dir_a, "persons.csv");
    char copy[256], *f[MAXF];
    size_t boys = 0;
    for (size_t i = 1; i < t.n; i++) {
        split(t.line[i], copy, f);
        boys += strcmp(f[2], "M") == 0 || strcmp(f[2], "pojke") == 0;
        assert_true(strcmp(f[3], "Norrstaden") == 0 || strcmp(f[3], "Söderdal") == 0 ||
                    strcmp(f[3], "Västervik") == 0);
    }
    assert_in_range(boys * 100, 85 * (t.n - 1), 95 * (t.n - 1));
    unload(&t);
}

static void test_sample__end_reason_shares(void **state)
{
    (void)state;
    table t = load(dir_big, "cases.csv");
    char copy[512], *f[MAXF];
    size_t mal = 0, avhopp = 0, fortsatt = 0, other = 0;
    for (size_t i = 1; i < t.n; i++) {
        assert_int_equal(split(t.line[i], copy, f), 21);
        if (f[0][0] != 'A')
            continue; /* a referral without start */
        const char *r = f[11];
        mal += strcmp(r, "mal_uppfyllda") == 0;
        avhopp += strcmp(r, "avhopp") == 0;
        fortsatt += strcmp(r, "fortsatt_brottslighet") == 0;
        other += strcmp(r, "placering") == 0 || strcmp(r, "flytt") == 0 || strcmp(r, "annan") == 0;
    }
    size_t ended = mal + avhopp + fortsatt + other;
    assert_true(ended > 1000);
    assert_in_range(mal * 100, 43 * ended, 51 * ended);
    assert_in_range(avhopp * 100, 16 * ended, 22 * ended);
    assert_in_range(fortsatt * 100, 16 * ended, 22 * ended);
    assert_in_range(other * 100, 11 * ended, 17 * ended);
    unload(&t);
}

/* 1 if s starts with a YYYY-MM-DD shape. */
static int is_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    for (int i = 0; i < 10; i++) {
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
            return 0;
    }
    return 1;
}

static void test_sample__no_date_after_end(void **state)
{
    (void)state;
    for (int k = 0; k < 7; k++) {
        size_t len;
        char *buf = slurp(dir_big, files[k], &len);
        size_t dates = 0;
        for (size_t i = 0; i + 10 <= len; i++) {
            if (!is_date(buf + i))
                continue;
            assert_true(memcmp(buf + i, END, 10) <= 0);
            dates++;
            i += 9;
        }
        assert_true(dates > 0);
        free(buf);
    }
}

static void test_sample__case_dates_in_order(void **state)
{
    (void)state;
    table t = load(dir_big, "cases.csv");
    char copy[512], *f[MAXF];
    size_t ongoing = 0, started = 0, withdrawn = 0, declined = 0, not_relevant = 0;
    for (size_t i = 1; i < t.n; i++) {
        assert_int_equal(split(t.line[i], copy, f), 21);
        const char *ref = f[6], *con = f[7], *plan = f[8], *start = f[9];
        const char *end = f[10], *reason = f[11], *assessed = f[14], *offer = f[15];
        const char *why = f[16], *by = f[17], *actors = f[18], *decl = f[19], *wd = f[20];
        if (end[0] != '\0')
            assert_true(reason[0] != '\0');
        else
            assert_string_equal(reason, "");
        if (assessed[0] != '\0')
            assert_true(is_date(assessed) && strcmp(ref, assessed) <= 0);
        if (f[0][0] == 'R') { /* a referral that led to no start */
            assert_string_equal(start, "");
            assert_string_equal(wd, "");
            if (strcmp(offer, "ej_aktuell") == 0) {
                assert_true(assessed[0] != '\0' && why[0] != '\0' && end[0] != '\0');
                not_relevant++;
            } else
                assert_string_equal(why, "");
            if (decl[0] != '\0') {
                assert_string_equal(offer, "erbjuden");
                assert_true(strcmp(assessed, decl) <= 0 && strcmp(decl, end) <= 0);
                declined++;
            }
            if (end[0] != '\0')
                assert_true(strcmp(ref, end) <= 0);
            continue;
        }
        started++;
        assert_true(is_date(ref) && is_date(con) && is_date(start));
        assert_true(strcmp(ref, con) <= 0);
        assert_true(strcmp(con, start) <= 0);
        assert_true(strcmp(assessed, con) <= 0);
        assert_string_equal(offer, "erbjuden");
        assert_true(by[0] != '\0' && strncmp(actors, "socialtjanst", 12) == 0);
        assert_string_equal(decl, "");
        if (wd[0] != '\0') { /* drop-outs withdraw on their end date */
            assert_string_equal(wd, end);
            assert_string_equal(reason, "avhopp");
            assert_string_equal(f[13], "ja");
            withdrawn++;
        }
        if (plan[0] != '\0')
            assert_true(strcmp(con, plan) <= 0);
        if (end[0] != '\0')
            assert_true(strcmp(start, end) <= 0);
        else
            ongoing++;
    }
    assert_true(ongoing > 0 && ongoing < started / 2);
    /* a third of the drop-outs (19 % of the ~60 % ended) with consent
     * (95 %) withdraw: about 36 per 1000; of the referrals without start
     * about 35 % each are declined or not relevant */
    assert_in_range(withdrawn * 1000, 20 * started, 60 * started);
    assert_true(declined > 50 && not_relevant > 50);
    unload(&t);
}

static void test_sample__goals_follow_their_plan(void **state)
{
    (void)state;
    table t = load(dir_a, "goals.csv");
    char copy[256], *f[MAXF];
    for (size_t i = 1; i < t.n; i++) {
        assert_int_equal(split(t.line[i], copy, f), 5);
        assert_true(strcmp(f[2], f[3]) <= 0);
    }
    unload(&t);
}

static void test_sample__outcomes_sorted_and_distinct(void **state)
{
    (void)state;
    table p = load(dir_a, "persons.csv");
    table o = load(dir_a, "outcomes.csv");
    char copy[256], *f[MAXF];
    size_t person = 1;
    for (size_t i = 1; i < o.n; i++) {
        assert_int_equal(split(o.line[i], copy, f), 4);
        size_t len = strlen(f[0]);
        while (person < p.n &&
               !(strncmp(p.line[person], f[0], len) == 0 && p.line[person][len] == ';'))
            person++;
        assert_true(person < p.n); /* in persons.csv, in its order */
        if (i > 1) {
            assert_string_not_equal(o.line[i - 1], o.line[i]);
            if (strncmp(o.line[i - 1], o.line[i], len + 1) == 0)
                assert_true(memcmp(o.line[i - 1] + len + 1, o.line[i] + len + 1, 10) <= 0);
        }
    }
    unload(&o);
    unload(&p);
}

static void test_sample__zero_youths_is_usage_error(void **state)
{
    (void)state;
    uf_sample_opts o = { 0, 1, 2026, 6, 30 };
    char err[128];
    assert_int_equal(uf_sample_write(&o, dir_c, err, sizeof err), UF_ERR_USAGE);
    assert_string_equal(err, "antalet ungdomar måste vara minst 1");
}

static void test_sample__invalid_end_date_is_usage_error(void **state)
{
    (void)state;
    uf_sample_opts o = { 10, 1, 2026, 2, 30 };
    char err[128];
    assert_int_equal(uf_sample_write(&o, dir_c, err, sizeof err), UF_ERR_USAGE);
    assert_non_null(strstr(err, "2026-02-30"));
}

static void test_sample__unwritable_folder_is_io_error(void **state)
{
    (void)state;
    uf_sample_opts o = { 10, 1, 2026, 6, 30 };
    char err[256];
    assert_int_equal(uf_sample_write(&o, "/nonexistent/uf_sample", err, sizeof err), UF_ERR_IO);
    assert_string_equal(err, "kunde inte skriva /nonexistent/uf_sample/"
                             "persons.csv: filen eller mappen finns inte");
}

/* outcomes.csv is a link to /dev/full: every write fails (ENOSPC). */
static void test_sample__full_disk_is_io_error(void **state)
{
    (void)state;
    char dir[64], link[128], expect[256], err[256];
    make_dir(dir, sizeof dir);
    snprintf(link, sizeof link, "%s/outcomes.csv", dir);
    assert_int_equal(symlink("/dev/full", link), 0);
    uf_sample_opts o = { 300, 1, 2026, 6, 30 };
    assert_int_equal(uf_sample_write(&o, dir, err, sizeof err), UF_ERR_IO);
    snprintf(expect, sizeof expect, "kunde inte skriva %s: %s", link, "disken är full");
    assert_string_equal(err, expect);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample__same_seed_same_bytes),
        cmocka_unit_test(test_sample__other_seed_differs),
        cmocka_unit_test(test_sample__header_lines),
        cmocka_unit_test(test_sample__row_counts_plausible),
        cmocka_unit_test(test_sample__personnummer_luhn_and_test_serial),
        cmocka_unit_test(test_sample__persons_unique),
        cmocka_unit_test(test_sample__no_personnummer_outside_person),
        cmocka_unit_test(test_sample__boys_about_ninety_percent),
        cmocka_unit_test(test_sample__end_reason_shares),
        cmocka_unit_test(test_sample__no_date_after_end),
        cmocka_unit_test(test_sample__case_dates_in_order),
        cmocka_unit_test(test_sample__goals_follow_their_plan),
        cmocka_unit_test(test_sample__outcomes_sorted_and_distinct),
        cmocka_unit_test(test_sample__zero_youths_is_usage_error),
        cmocka_unit_test(test_sample__invalid_end_date_is_usage_error),
        cmocka_unit_test(test_sample__unwritable_folder_is_io_error),
        cmocka_unit_test(test_sample__full_disk_is_io_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
