/*
 * test_groups.c - the breakdowns of SPEC §7 (groups.h): dimension names in
 * English and Swedish, the group keys of hand-made cases on every
 * dimension, the order of a dimension's keys ("uppgift saknas" last), the
 * Swedish labels, and which dimensions overlap.
 *
 * The cases and the cohort's string table are written out below; no
 * database is involved.  Expected labels are the Swedish words of the
 * specification and of an analyst's table ("Flickor", "15–17 år").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/groups.h"
#include "uppfolj/parse.h"

/* ---- a hand-made cohort ------------------------------------------------------ */

/* The cohort's strings: ids 0..7. */
static char s_soder[] = "Söder", s_centrum[] = "Centrum", s_norr[] = "Norr", s_sig[] = "SIG",
            s_sspf[] = "SSPF", s_avhopp[] = "avhopp", s_riskzon[] = "riskzon",
            s_mal[] = "mal_uppfyllda", s_flytt[] = "flytt";
static char *strings[] = { s_soder,  s_centrum, s_norr, s_sig,  s_sspf,
                           s_avhopp, s_riskzon, s_mal,  s_flytt };
enum { SODER, CENTRUM, NORR, SIG, SSPF, AVHOPP, RISKZON, MAL, FLYTT, NSTRINGS };

/* Bits of insats codes (core.c order: mst 0, kontaktperson 6, skk 7,
 * hvb 10, mentor 22). */
#define B_MST (1u << 0)
#define B_KONTAKT (1u << 6)
#define B_SKK (1u << 7)
#define B_HVB (1u << 10)
#define B_MENTOR (1u << 22)

static uf_case one(char sex, int age, unsigned insatser, int unit, int start)
{
    uf_case k;
    memset(&k, 0, sizeof k);
    k.sex = sex;
    k.age = age;
    k.insatser = insatser;
    k.unit = unit;
    k.programme = -1;
    k.target_group = -1;
    k.end_reason = -1;
    k.start = start;
    k.end = INT_MIN;
    return k;
}

static uf_caseset cohort(uf_case *cases, size_t n)
{
    uf_caseset c;
    memset(&c, 0, sizeof c);
    c.cases = cases;
    c.n = n;
    c.strings = strings;
    c.nstrings = NSTRINGS;
    c.scap = NSTRINGS;
    return c;
}

/* The single key of k on d (asserting there is exactly one). */
static int key1(const uf_caseset *c, const uf_config *cfg, const uf_case *k, uf_dim d)
{
    int keys[4] = { -7, -7, -7, -7 };
    assert_int_equal(uf_case_groups(c, cfg, k, d, keys, 4), 1);
    return keys[0];
}

/* The label of key on d, in a static buffer. */
static const char *label(const uf_caseset *c, const uf_config *cfg, uf_dim d, int key)
{
    static char buf[128];
    memset(buf, '#', sizeof buf);
    uf_group_label(c, cfg, d, key, buf, sizeof buf);
    return buf;
}

/* ---- names -------------------------------------------------------------------- */

static void test_groups__dim_parse_english_and_swedish(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int d;
    } names[] = {
        { "sex", UF_DIM_SEX },
        { "kon", UF_DIM_SEX },
        { "kön", UF_DIM_SEX },
        { "Kön", UF_DIM_SEX },
        { "age", UF_DIM_AGE },
        { "alder", UF_DIM_AGE },
        { "ålder", UF_DIM_AGE },
        { "insats", UF_DIM_INSATS },
        { "insatser", UF_DIM_INSATS },
        { "unit", UF_DIM_UNIT },
        { "enhet", UF_DIM_UNIT },
        { "programme", UF_DIM_PROGRAMME },
        { "program", UF_DIM_PROGRAMME },
        { "target_group", UF_DIM_TARGET },
        { "malgrupp", UF_DIM_TARGET },
        { "målgrupp", UF_DIM_TARGET },
        { "cohort", UF_DIM_START_YEAR },
        { "kohort", UF_DIM_START_YEAR },
        { "end_reason", UF_DIM_END_REASON },
        { "avslutsorsak", UF_DIM_END_REASON },
        { "", -1 },
        { "gender", -1 },
        { "sexx", -1 },
        { "se", -1 },
        { "kommun", -1 },
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (uf_dim_parse(names[i].s) != names[i].d)
            fail_msg("uf_dim_parse(\"%s\") = %d, expected %d", names[i].s, uf_dim_parse(names[i].s),
                     names[i].d);
}

static void test_groups__dim_names_and_headings(void **state)
{
    (void)state;
    /* the machine names are the --by names of SPEC §7 */
    static const char *const names[UF_NDIMS] = { "sex",    "age",        "insats",
                                                 "unit",   "programme",  "target_group",
                                                 "cohort", "end_reason", "risk" };
    for (int d = 0; d < UF_NDIMS; d++) {
        assert_string_equal(uf_dim_name((uf_dim)d), names[d]);
        assert_int_equal(uf_dim_parse(uf_dim_name((uf_dim)d)), d);
    }
    assert_string_equal(uf_dim_label(UF_DIM_SEX), "Kön");
    assert_string_equal(uf_dim_label(UF_DIM_TARGET), "Målgrupp");
    assert_string_equal(uf_dim_label(UF_DIM_START_YEAR), "Startår");
    assert_string_equal(uf_dim_label(UF_DIM_RISK), "Risknivå vid start");
    assert_int_equal(uf_dim_parse("Risknivå"), UF_DIM_RISK);
}

static void test_groups__only_insats_overlaps(void **state)
{
    (void)state;
    for (int d = 0; d < UF_NDIMS; d++)
        assert_int_equal(uf_dim_overlaps((uf_dim)d), d == UF_DIM_INSATS);
}

/* ---- keys of one case --------------------------------------------------------- */

static void test_groups__sex(void **state)
{
    (void)state;
    uf_config cfg;
    uf_config_defaults(&cfg);
    uf_case k[] = { one('F', 15, 0, 0, 0), one('M', 15, 0, 0, 0), one('X', 15, 0, 0, 0),
                    one(0, 15, 0, 0, 0) };
    uf_caseset c = cohort(k, 4);
    const char *want[] = { "Flickor", "Pojkar", "Annat kön", "Uppgift saknas" };
    int keys[4];
    for (int i = 0; i < 4; i++) {
        keys[i] = key1(&c, &cfg, &k[i], UF_DIM_SEX);
        assert_string_equal(label(&c, &cfg, UF_DIM_SEX, keys[i]), want[i]);
    }
    assert_int_equal(keys[3], UF_GROUP_MISSING);
    /* four different groups */
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            assert_int_not_equal(keys[i], keys[j]);
}

/* The risk level of the baseline assessment: the first instrument in the
 * code book's order (ESTER, SAVRY, YLS/CMI, ...) that has one. */
static void test_groups__risk_level(void **state)
{
    (void)state;
    uf_config cfg;
    uf_config_defaults(&cfg);
    uf_case k[] = { one('M', 15, 0, 0, 0), one('M', 15, 0, 0, 0), one('M', 15, 0, 0, 0),
                    one('M', 15, 0, 0, 0) };
    k[0].assess[0].base_risk = 3; /* ESTER hög */
    k[0].assess[1].base_risk = 1; /* SAVRY låg: ESTER comes first */
    k[1].assess[2].base_risk = 2; /* YLS/CMI medel only */
    k[2].assess[1].base_risk = 1; /* SAVRY låg */
    uf_caseset c = cohort(k, 4);
    const char *want[] = { "Hög", "Medel", "Låg", "Ingen bedömning vid start" };
    for (int i = 0; i < 4; i++)
        assert_string_equal(label(&c, &cfg, UF_DIM_RISK, key1(&c, &cfg, &k[i], UF_DIM_RISK)),
                            want[i]);
    assert_int_equal(key1(&c, &cfg, &k[3], UF_DIM_RISK), UF_GROUP_MISSING);
    /* in the order of the levels */
    assert_true(key1(&c, &cfg, &k[2], UF_DIM_RISK) < key1(&c, &cfg, &k[1], UF_DIM_RISK));
    assert_true(key1(&c, &cfg, &k[1], UF_DIM_RISK) < key1(&c, &cfg, &k[0], UF_DIM_RISK));
}

static void test_groups__age_band(void **state)
{
    (void)state;
    uf_config cfg;
    uf_config_defaults(&cfg); /* 12-14, 15-17, 18-20, 21-25 */
    static const struct {
        int age, key;
        const char *label;
    } ages[] = {
        { 12, 0, "12–14 år" },
        { 14, 0, "12–14 år" },
        { 15, 1, "15–17 år" },
        { 17, 1, "15–17 år" },
        { 20, 2, "18–20 år" },
        { 25, 3, "21–25 år" },
        { 11, UF_GROUP_MISSING, "Annan ålder eller okänd" },
        { 26, UF_GROUP_MISSING, "Annan ålder eller okänd" },
        { -1, UF_GROUP_MISSING, "Annan ålder eller okänd" }, /* unknown */
    };
    uf_caseset c = cohort(NULL, 0);
    for (size_t i = 0; i < sizeof ages / sizeof *ages; i++) {
        uf_case k = one('M', ages[i].age, 0, 0, 0);
        int key = key1(&c, &cfg, &k, UF_DIM_AGE);
        if (key != ages[i].key)
            fail_msg("age %d: key %d, expected %d", ages[i].age, key, ages[i].key);
        assert_string_equal(label(&c, &cfg, UF_DIM_AGE, key), ages[i].label);
    }
    /* configured bands 13-15, 16-29 */
    cfg.nbands = 2;
    cfg.bands[0] = (uf_band){ 13, 15 };
    cfg.bands[1] = (uf_band){ 16, 29 };
    uf_case k = one('M', 28, 0, 0, 0);
    assert_int_equal(key1(&c, &cfg, &k, UF_DIM_AGE), 1);
    assert_string_equal(label(&c, &cfg, UF_DIM_AGE, 1), "16–29 år");
    k.age = 12;
    assert_int_equal(key1(&c, &cfg, &k, UF_DIM_AGE), UF_GROUP_MISSING);
}

static void test_groups__insats_several_keys_or_missing(void **state)
{
    (void)state;
    uf_config cfg;
    uf_config_defaults(&cfg);
    uf_case k = one('F', 15, B_HVB | B_MST | B_SKK, 0, 0);
    uf_caseset c = cohort(&k, 1);
    int keys[8];
    /* mst (0), skk (7), hvb (10): three groups, in code order */
    assert_int_equal(uf_case_groups(&c, &cfg, &k, UF_DIM_INSATS, keys, 8), 3);
    assert_int_equal(keys[0], 0);
    assert_int_equal(keys[1], 7);
    assert_int_equal(keys[2], 10);
    assert_string_equal(label(&c, &cfg, UF_DIM_INSATS, keys[0]), "MST");
    assert_string_equal(label(&c, &cfg, UF_DIM_INSATS, keys[1]),
                        "Särskilt kvalificerad kontaktperson");
    assert_string_equal(label(&c, &cfg, UF_DIM_INSATS, keys[2]), "HVB");
    /* at most max keys */
    assert_int_equal(uf_case_groups(&c, &cfg, &k, UF_DIM_INSATS, keys, 2), 2);
    assert_int_equal(keys[1], 7);
    /* no insats: the missing group, with its own label */
    k.insatser = 0;
    assert_int_equal(uf_case_groups(&c, &cfg, &k, UF_DIM_INSATS, keys, 8), 1);
    assert_int_equal(keys[0], UF_GROUP_MISSING);
    assert_string_equal(label(&c, &cfg, UF_DIM_INSATS, keys[0]), "Ingen registrerad insats");
}

static void test_groups__string_fields(void **state)
{
    (void)state;
    uf_config cfg;
    uf_config_defaults(&cfg);
    uf_case k = one('M', 16, 0, SODER, 0);
    k.programme = SSPF;
    k.target_group = AVHOPP;
    k.end_reason = MAL;
    uf_caseset c = cohort(&k, 1);
    assert_string_equal(label(&c, &cfg, UF_DIM_UNIT, key1(&c, &cfg, &k, UF_DIM_UNIT)), "Söder");
    assert_string_equal(label(&c, &cfg, UF_DIM_PROGRAMME, key1(&c, &cfg, &k, UF_DIM_PROGRAMME)),
                        "SSPF");
    assert_string_equal(label(&c, &cfg, UF_DIM_TARGET, key1(&c, &cfg, &k, UF_DIM_TARGET)),
                        "Avhoppare");
    assert_string_equal(label(&c, &cfg, UF_DIM_END_REASON, key1(&c, &cfg, &k, UF_DIM_END_REASON)),
                        "Målen uppfyllda");
    k.target_group = RISKZON;
    k.end_reason = FLYTT;
    assert_string_equal(label(&c, &cfg, UF_DIM_TARGET, key1(&c, &cfg, &k, UF_DIM_TARGET)),
                        "Riskzon");
    assert_string_equal(label(&c, &cfg, UF_DIM_END_REASON, key1(&c, &cfg, &k, UF_DIM_END_REASON)),
                        "Flytt");
    /* unknown: the missing group, so that groups add up to the total */
    k.unit = k.programme = k.target_group = k.end_reason = -1;
    static const uf_dim dims[] = { UF_DIM_UNIT, UF_DIM_PROGRAMME, UF_DIM_TARGET,
                                   UF_DIM_END_REASON };
    for (int i = 0; i < 4; i++) {
        assert_int_equal(key1(&c, &cfg, &k, dims[i]), UF_GROUP_MISSING);
        assert_string_equal(label(&c, &cfg, dims[i], UF_GROUP_MISSING), "Uppgift saknas");
    }
}

static void test_groups__cohort_is_start_year(void **state)
{
    (void)state;
    uf_config cfg;
    uf_config_defaults(&cfg);
    uf_caseset c = cohort(NULL, 0);
    /* the last and first day of a year; a leap day */
    uf_case k = one('M', 16, 0, 0, uf_days_from_civil(2022, 12, 31));
    assert_int_equal(key1(&c, &cfg, &k, UF_DIM_START_YEAR), 2022);
    k.start = uf_days_from_civil(2023, 1, 1);
    assert_int_equal(key1(&c, &cfg, &k, UF_DIM_START_YEAR), 2023);
    k.start = uf_days_from_civil(2024, 2, 29);
    assert_int_equal(key1(&c, &cfg, &k, UF_DIM_START_YEAR), 2024);
    assert_string_equal(label(&c, &cfg, UF_DIM_START_YEAR, 2024), "2024");
}

/* ---- keys of a cohort ------------------------------------------------------------ */

static void test_groups__dim_keys_sorted_missing_last(void **state)
{
    (void)state;
    uf_config cfg;
    uf_config_defaults(&cfg);
    /* units Norr, (none), Söder, Centrum, Norr; ages 16, 30, 13, -1, 22;
     * starts 2024, 2022, 2023, 2022, 2024 */
    uf_case k[] = {
        one('M', 16, B_HVB, NORR, uf_days_from_civil(2024, 3, 1)),
        one(0, 30, 0, -1, uf_days_from_civil(2022, 5, 1)),
        one('F', 13, B_MENTOR | B_MST, SODER, uf_days_from_civil(2023, 1, 1)),
        one('X', -1, B_KONTAKT, CENTRUM, uf_days_from_civil(2022, 12, 31)),
        one('F', 22, B_MST, NORR, uf_days_from_civil(2024, 12, 31)),
    };
    uf_caseset c = cohort(k, 5);
    int *keys = NULL, n;
    char got[256];

    /* labels of the keys, '/'-separated */
#define LABELS(dim)                                        \
    do {                                                   \
        n = uf_dim_keys(&c, &cfg, (dim), &keys);           \
        got[0] = '\0';                                     \
        for (int i_ = 0; i_ < n; i_++) {                   \
            if (i_)                                        \
                strcat(got, "/");                          \
            strcat(got, label(&c, &cfg, (dim), keys[i_])); \
        }                                                  \
        free(keys);                                        \
    } while (0)

    LABELS(UF_DIM_SEX);
    assert_string_equal(got, "Flickor/Pojkar/Annat kön/Uppgift saknas");
    /* alphabetical, whatever the string ids (Söder 0, Centrum 1, Norr 2) */
    LABELS(UF_DIM_UNIT);
    assert_string_equal(got, "Centrum/Norr/Söder/Uppgift saknas");
    LABELS(UF_DIM_AGE);
    assert_string_equal(got, "12–14 år/15–17 år/21–25 år/Annan ålder eller okänd");
    LABELS(UF_DIM_START_YEAR);
    assert_string_equal(got, "2022/2023/2024");
    /* every insats given, in code order; the case without one last */
    LABELS(UF_DIM_INSATS);
    assert_string_equal(got, "MST/Kontaktperson/HVB/Mentor/Ingen registrerad insats");
    /* no programme anywhere: only the missing group */
    LABELS(UF_DIM_PROGRAMME);
    assert_string_equal(got, "Uppgift saknas");
    assert_int_equal(n, 1);
#undef LABELS

    /* an empty cohort has no groups */
    uf_caseset empty = cohort(NULL, 0);
    assert_int_equal(uf_dim_keys(&empty, &cfg, UF_DIM_SEX, &keys), 0);
    assert_null(keys);
}

/* No limit on the number of groups: 200 units give 200 keys, in
 * alphabetical order (U000 .. U199), none dropped or merged. */
static void test_groups__keys_have_no_limit(void **state)
{
    (void)state;
    enum { N = 200 };
    uf_config cfg;
    uf_config_defaults(&cfg);
    static char names[N][8];
    static char *ptrs[N];
    static uf_case k[N];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "U%03d", N - 1 - i); /* ids in reverse order */
        ptrs[i] = names[i];
        k[i] = one('M', 15, 0, i, uf_days_from_civil(2024, 1, 1));
    }
    uf_caseset c = cohort(k, N);
    c.strings = ptrs;
    c.nstrings = c.scap = N;
    int *keys = NULL;
    assert_int_equal(uf_dim_keys(&c, &cfg, UF_DIM_UNIT, &keys), N);
    for (int i = 0; i < N; i++) {
        char want[8];
        snprintf(want, sizeof want, "U%03d", i);
        assert_string_equal(uf_caseset_string(&c, keys[i]), want);
    }
    free(keys);
}

/* Swedish alphabetical order: å, ä, ö after z (Å < Ä < Ö), whatever the
 * byte values (UTF-8 Ä is C3 84, before Å C3 85). */
static void test_groups__units_in_swedish_order(void **state)
{
    (void)state;
    static char a[] = "Ödeshög", b[] = "Ånge", c2[] = "Älmhult", d[] = "Zinkgruvan", e[] = "ale";
    char *names[] = { a, b, c2, d, e };
    uf_config cfg;
    uf_config_defaults(&cfg);
    uf_case k[5];
    for (int i = 0; i < 5; i++)
        k[i] = one('M', 15, 0, i, uf_days_from_civil(2024, 1, 1));
    uf_caseset c = cohort(k, 5);
    c.strings = names;
    c.nstrings = c.scap = 5;
    int *keys = NULL;
    int n = uf_dim_keys(&c, &cfg, UF_DIM_UNIT, &keys);
    assert_int_equal(n, 5);
    /* ale, Zinkgruvan, Ånge, Älmhult, Ödeshög */
    assert_string_equal(uf_caseset_string(&c, keys[0]), "ale");
    assert_string_equal(uf_caseset_string(&c, keys[1]), "Zinkgruvan");
    assert_string_equal(uf_caseset_string(&c, keys[2]), "Ånge");
    assert_string_equal(uf_caseset_string(&c, keys[3]), "Älmhult");
    assert_string_equal(uf_caseset_string(&c, keys[4]), "Ödeshög");
    free(keys);
}

/* ---- labels --------------------------------------------------------------------- */

static void test_groups__label_fits_buffer(void **state)
{
    (void)state;
    uf_config cfg;
    uf_config_defaults(&cfg);
    uf_caseset c = cohort(NULL, 0);
    char buf[8];
    memset(buf, '#', sizeof buf);
    assert_int_equal(uf_group_label(&c, &cfg, UF_DIM_SEX, 0, buf, 5), 7); /* "Flickor" */
    assert_string_equal(buf, "Flic");                                     /* 4 bytes + NUL */
    assert_int_equal(buf[5], '#'); /* nothing written past n */
    uf_group_label(&c, &cfg, UF_DIM_SEX, 0, buf, sizeof buf);
    assert_string_equal(buf, "Flickor");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groups__dim_parse_english_and_swedish),
        cmocka_unit_test(test_groups__dim_names_and_headings),
        cmocka_unit_test(test_groups__only_insats_overlaps),
        cmocka_unit_test(test_groups__sex),
        cmocka_unit_test(test_groups__risk_level),
        cmocka_unit_test(test_groups__age_band),
        cmocka_unit_test(test_groups__insats_several_keys_or_missing),
        cmocka_unit_test(test_groups__string_fields),
        cmocka_unit_test(test_groups__cohort_is_start_year),
        cmocka_unit_test(test_groups__dim_keys_sorted_missing_last),
        cmocka_unit_test(test_groups__units_in_swedish_order),
        cmocka_unit_test(test_groups__keys_have_no_limit),
        cmocka_unit_test(test_groups__label_fits_buffer),
    };
    return cmocka_run_group_tests_name("groups", tests, NULL, NULL);
}
