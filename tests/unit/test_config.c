/*
 * test_config.c - uppfolj.conf (config.h) against SPEC §14 and the file
 * format documented at the top of config.h: the defaults, a full file in
 * Swedish (with å ä ö) and the same in English, every bad value that must
 * be an error, unknown keys that are only warnings, a missing file, and
 * the helpers uf_parse_months, uf_config_band, uf_config_measure_kind and
 * uf_config_path.
 *
 * Each test writes its own file into a fresh mkdtemp folder; the expected
 * values are read off that text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/config.h"
#include "testutil.h"

/* ---- helpers ---------------------------------------------------------------- */

/* Write text as dir/uppfolj.conf and load it (required); the result. */
static uf_error load_text(const char *dir, const char *text, uf_config *c, uf_diag *d)
{
    char path[TU_PATH];
    assert_int_equal(tu_write(dir, "uppfolj.conf", text, path), 0);
    uf_diag_init(d);
    return uf_config_load(path, true, c, d);
}

/* Does some kept diagnostic of severity sev contain needle? */
static bool has_diag(const uf_diag *d, uf_severity sev, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].severity == sev && strstr(d->items[i].message, needle))
            return true;
    return false;
}

/* The defaults of config.h: bands 12-14, 15-17, 18-20, 21-25; 12 and 12
 * months; end anchor; threshold 5; nothing else. */
static void assert_defaults(const uf_config *c)
{
    static const int lo[] = { 12, 15, 18, 21 }, hi[] = { 14, 17, 20, 25 };
    assert_int_equal(c->nbands, 4);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(c->bands[i].lo, lo[i]);
        assert_int_equal(c->bands[i].hi, hi[i]);
    }
    assert_int_equal(c->months_before, 12);
    assert_int_equal(c->months_after, 12);
    assert_int_equal(c->anchor, UF_ANCHOR_END);
    assert_int_equal(c->threshold, 5);
    assert_null(c->organisation);
    assert_int_equal(c->nunits, 0);
    assert_int_equal(c->nmeasures, 0);
    /* locked care: sis (bit 11 of the kodbok's insats list: mst fft bsft
     * art mi kbt kontaktperson skk familjebehandling foraldrastod hvb sis) */
    assert_int_equal(c->locked_care, 1u << 11);
}

/* ---- defaults and whole files ---------------------------------------------- */

static void test_config__defaults(void **state)
{
    (void)state;
    uf_config c;
    memset(&c, 0x5a, sizeof c); /* garbage the defaults must overwrite */
    uf_config_defaults(&c);
    assert_defaults(&c);
    assert_null(c.path);
    uf_config_release(&c);
    /* release leaves the defaults behind, reusable */
    assert_defaults(&c);
}

static const char swedish[] = "; uppfolj.conf för Exempelstad\n"
                              "[organisation]\n"
                              "namn = Exempelstads kommun\n"
                              "\n"
                              "[enhet Norrstaden]\n"
                              "kapacitet = 25\n"
                              "\n"
                              "[enhet Södermalm]\n"
                              "kapacitet = 5\n"
                              "\n"
                              "[åldersgrupper]\n"
                              "grupper = 13-15, 16-18,19-29\n"
                              "\n"
                              "[fönster]\n"
                              "före = 24m                  ; månader före start\n"
                              "efter = 6m\n"
                              "ankare = start\n"
                              "\n"
                              "[röjandeskydd]\n"
                              "tröskel = 10                ; aldrig under 3\n"
                              "\n"
                              "[mått]\n"
                              "skolk_dagar = händelse\n"
                              "betyg_pct = andel\n"
                              "har_korkort = ja_nej\n";

static void test_config__swedish_file(void **state)
{
    uf_config c;
    uf_diag d;
    assert_int_equal(load_text(*state, swedish, &c, &d), UF_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    assert_non_null(c.path);
    assert_non_null(strstr(c.path, "uppfolj.conf"));
    assert_string_equal(c.organisation, "Exempelstads kommun");
    /* units keep their names as written (ö included), in file order */
    assert_int_equal(c.nunits, 2);
    assert_string_equal(c.units[0].name, "Norrstaden");
    assert_int_equal(c.units[0].capacity, 25);
    assert_string_equal(c.units[1].name, "Södermalm");
    assert_int_equal(c.units[1].capacity, 5);
    /* grupper = 13-15, 16-18,19-29 */
    assert_int_equal(c.nbands, 3);
    assert_int_equal(c.bands[0].lo, 13);
    assert_int_equal(c.bands[0].hi, 15);
    assert_int_equal(c.bands[1].lo, 16);
    assert_int_equal(c.bands[1].hi, 18);
    assert_int_equal(c.bands[2].lo, 19);
    assert_int_equal(c.bands[2].hi, 29);
    assert_int_equal(c.months_before, 24);
    assert_int_equal(c.months_after, 6);
    assert_int_equal(c.anchor, UF_ANCHOR_START);
    assert_int_equal(c.threshold, 10);
    assert_int_equal(c.nmeasures, 3);
    assert_string_equal(c.measures[0].code, "skolk_dagar");
    assert_int_equal(c.measures[0].kind, UF_MEASURE_EVENT);
    assert_string_equal(c.measures[1].code, "betyg_pct");
    assert_int_equal(c.measures[1].kind, UF_MEASURE_PCT);
    assert_string_equal(c.measures[2].code, "har_korkort");
    assert_int_equal(c.measures[2].kind, UF_MEASURE_BINARY);
    uf_config_release(&c);
    uf_diag_release(&d);
}

/* The same names written without å ä ö, as config.h allows. */
/* [rapporter] mottagare: extern by default, intern when asked, anything
 * else an error naming it. */
static void test_config__audience(void **state)
{
    static const struct {
        const char *text;
        uf_error err;
        bool internal;
    } cases[] = {
        { "[rapporter]\nprogram = SIG\n", UF_OK, false },
        { "[rapporter]\nmottagare = intern\n", UF_OK, true },
        { "[rapporter]\nmottagare = Extern\n", UF_OK, false },
        { "[reports]\naudience = internal\n", UF_OK, true },
        { "[rapporter]\nmottagare = styrgrupp\n", UF_ERR_INPUT, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        uf_config c;
        uf_diag d;
        assert_int_equal(load_text(*state, cases[i].text, &c, &d), cases[i].err);
        if (cases[i].err == UF_OK)
            assert_int_equal(c.internal, cases[i].internal);
        else
            assert_true(has_diag(&d, UF_ERROR, "styrgrupp"));
        uf_config_release(&c);
        uf_diag_release(&d);
    }
}

static void test_config__swedish_without_ring_and_dots(void **state)
{
    uf_config c;
    uf_diag d;
    const char text[] = "[aldersgrupper]\ngrupper = 10-19\n"
                        "[fonster]\nfore = 3m\nefter = 9m\nankare = slut\n"
                        "[rojandeskydd]\ntroskel = 4\n"
                        "[matt]\nskolk_dagar = handelse\n";
    assert_int_equal(load_text(*state, text, &c, &d), UF_OK);
    assert_int_equal(d.errors + d.warnings, 0);
    assert_int_equal(c.nbands, 1);
    assert_int_equal(c.bands[0].lo, 10);
    assert_int_equal(c.bands[0].hi, 19);
    assert_int_equal(c.months_before, 3);
    assert_int_equal(c.months_after, 9);
    assert_int_equal(c.anchor, UF_ANCHOR_END);
    assert_int_equal(c.threshold, 4);
    assert_int_equal(c.nmeasures, 1);
    assert_int_equal(c.measures[0].kind, UF_MEASURE_EVENT);
    uf_config_release(&c);
    uf_diag_release(&d);
}

static void test_config__english_aliases(void **state)
{
    uf_config c;
    uf_diag d;
    const char text[] = "[organisation]\nname = Example Town\n"
                        "[unit Centrum]\ncapacity = 12\n"
                        "[age_bands]\nbands = 10-12, 13-19\n"
                        "[windows]\nbefore = 6m\nafter = 1y\nanchor = end\n"
                        "[disclosure]\nthreshold = 3\n"
                        "[measures]\ngang = event\nscore_pct = pct\nhoused = binary\n";
    assert_int_equal(load_text(*state, text, &c, &d), UF_OK);
    assert_int_equal(d.errors + d.warnings, 0);
    assert_string_equal(c.organisation, "Example Town");
    assert_int_equal(c.nunits, 1);
    assert_string_equal(c.units[0].name, "Centrum");
    assert_int_equal(c.units[0].capacity, 12);
    assert_int_equal(c.nbands, 2);
    assert_int_equal(c.bands[1].lo, 13);
    assert_int_equal(c.bands[1].hi, 19);
    assert_int_equal(c.months_before, 6);
    assert_int_equal(c.months_after, 12); /* 1y = 12 months */
    assert_int_equal(c.anchor, UF_ANCHOR_END);
    assert_int_equal(c.threshold, 3); /* 3 is the lowest allowed */
    assert_int_equal(c.nmeasures, 3);
    assert_int_equal(c.measures[0].kind, UF_MEASURE_EVENT);
    assert_int_equal(c.measures[1].kind, UF_MEASURE_PCT);
    assert_int_equal(c.measures[2].kind, UF_MEASURE_BINARY);
    uf_config_release(&c);
    uf_diag_release(&d);
}

/* The Swedish year and month units of uf_parse_months ("1å", "18mån") work
 * in the file too, where keys and values are folded. */
static void test_config__window_in_swedish_units(void **state)
{
    uf_config c;
    uf_diag d;
    assert_int_equal(load_text(*state, "[fönster]\nföre = 2år\nefter = 18mån\n", &c, &d), UF_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(c.months_before, 24); /* 2 years */
    assert_int_equal(c.months_after, 18);
    uf_config_release(&c);
    uf_diag_release(&d);
}

/* ---- errors and warnings ---------------------------------------------------- */

static void test_config__threshold_below_three_is_error(void **state)
{
    uf_config c;
    uf_diag d;
    assert_int_equal(load_text(*state, "[röjandeskydd]\ntröskel = 2\n", &c, &d), UF_ERR_INPUT);
    assert_int_equal(d.errors, 1);
    assert_true(has_diag(&d, UF_ERROR, "ogiltigt värde"));
    assert_true(has_diag(&d, UF_ERROR, "'2'"));
    assert_string_equal(d.items[0].file, "uppfolj.conf");
    /* the bad value is not taken */
    assert_int_equal(c.threshold, 5);
    uf_config_release(&c);
    uf_diag_release(&d);

    assert_int_equal(load_text(*state, "[disclosure]\nthreshold = 0\n", &c, &d), UF_ERR_INPUT);
    assert_int_equal(c.threshold, 5);
    uf_config_release(&c);
    uf_diag_release(&d);

    assert_int_equal(load_text(*state, "[disclosure]\nthreshold = 5x\n", &c, &d), UF_ERR_INPUT);
    uf_config_release(&c);
    uf_diag_release(&d);
}

static void test_config__bad_window_is_error(void **state)
{
    uf_config c;
    uf_diag d;
    assert_int_equal(load_text(*state, "[fönster]\nföre = 13x\nefter = 6m\n", &c, &d),
                     UF_ERR_INPUT);
    assert_int_equal(d.errors, 1);
    assert_true(has_diag(&d, UF_ERROR, "13x"));
    assert_int_equal(c.months_before, 12); /* unchanged */
    assert_int_equal(c.months_after, 6);   /* the good line still counts */
    uf_config_release(&c);
    uf_diag_release(&d);

    assert_int_equal(load_text(*state, "[windows]\nanchor = mitten\n", &c, &d), UF_ERR_INPUT);
    assert_int_equal(d.errors, 1);
    assert_int_equal(c.anchor, UF_ANCHOR_END);
    uf_config_release(&c);
    uf_diag_release(&d);
}

static void test_config__bad_bands_are_errors(void **state)
{
    static const char *const bad[] = {
        "[åldersgrupper]\ngrupper = 12-14, 14-16\n", /* overlap at 14 */
        "[åldersgrupper]\ngrupper = 15-17, 12-14\n", /* not ascending */
        "[åldersgrupper]\ngrupper = 14-12\n",        /* lo > hi */
        "[åldersgrupper]\ngrupper = 12-14; 15-17\n", /* wrong separator */
        "[åldersgrupper]\ngrupper = tonår\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        uf_config c;
        uf_diag d;
        if (load_text(*state, bad[i], &c, &d) != UF_ERR_INPUT)
            fail_msg("accepted: %s", bad[i]);
        assert_int_equal(d.errors, 1);
        /* the default bands stay */
        assert_int_equal(c.nbands, 4);
        assert_int_equal(c.bands[3].hi, 25);
        uf_config_release(&c);
        uf_diag_release(&d);
    }
}

static void test_config__unknown_key_is_warning_only(void **state)
{
    uf_config c;
    uf_diag d;
    const char text[] = "[röjandeskydd]\ntröskel = 6\nfärg = blå\n"
                        "[okänt avsnitt]\nx = 1\n"
                        "[enhet Väster]\nkapacitet = 7\nchef = Anna\n";
    assert_int_equal(load_text(*state, text, &c, &d), UF_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 3); /* färg, x, chef */
    assert_true(has_diag(&d, UF_WARNING, "färg"));
    assert_true(has_diag(&d, UF_WARNING, "okänd inställning"));
    assert_int_equal(c.threshold, 6);
    assert_int_equal(c.nunits, 1);
    assert_string_equal(c.units[0].name, "Väster");
    assert_int_equal(c.units[0].capacity, 7);
    uf_config_release(&c);
    uf_diag_release(&d);
}

static void test_config__syntax_error_names_line(void **state)
{
    uf_config c;
    uf_diag d;
    /* line 3 is neither a section nor key = value */
    assert_int_equal(load_text(*state, "[fönster]\nföre = 6m\ndetta är fel\n", &c, &d),
                     UF_ERR_INPUT);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 3);
    uf_config_release(&c);
    uf_diag_release(&d);
}

static void test_config__missing_file(void **state)
{
    char path[TU_PATH];
    tu_path(path, *state, "finns-inte.conf");
    uf_config c;
    uf_diag d;
    uf_diag_init(&d);
    /* optional: the defaults, no complaint */
    assert_int_equal(uf_config_load(path, false, &c, &d), UF_OK);
    assert_defaults(&c);
    assert_null(c.path);
    assert_int_equal(d.errors + d.warnings, 0);
    uf_config_release(&c);
    /* required (given with --config): missing */
    assert_int_equal(uf_config_load(path, true, &c, &d), UF_ERR_MISSING);
    assert_defaults(&c);
    uf_config_release(&c);
    uf_diag_release(&d);
}

/* ---- measures --------------------------------------------------------------- */

static void test_config__extra_measures(void **state)
{
    uf_config c;
    uf_diag d;
    assert_int_equal(load_text(*state, "[mått]\nskolk_dagar = händelse\n", &c, &d), UF_OK);
    assert_int_equal(c.nmeasures, 1);
    assert_string_equal(c.measures[0].code, "skolk_dagar");
    assert_int_equal(uf_config_measure_kind(&c, "skolk_dagar"), UF_MEASURE_EVENT);
    uf_config_release(&c);
    uf_diag_release(&d);

    /* a built-in code cannot be redefined; an unknown kind is an error */
    assert_int_equal(
        load_text(*state, "[mått]\nvald = andel\nskolk = ibland\nok_kod = andel\n", &c, &d),
        UF_ERR_INPUT);
    assert_int_equal(d.errors, 2);
    assert_int_equal(c.nmeasures, 1);
    assert_string_equal(c.measures[0].code, "ok_kod");
    assert_int_equal(uf_config_measure_kind(&c, "vald"), UF_MEASURE_EVENT);
    assert_int_equal(uf_config_measure_kind(&c, "skolk"), -1);
    uf_config_release(&c);
    uf_diag_release(&d);
}

/* The core has room for 4 extra event and 3 extra state measures
 * (UF_MAX_EVENTS 8 - 4 built in, UF_MAX_STATES 8 - 5 built in); a fifth
 * event measure and a code given twice are errors. */
static void test_config__extra_measure_limits(void **state)
{
    uf_config c;
    uf_diag d;
    assert_int_equal(load_text(*state,
                               "[mått]\ne1 = händelse\ne2 = händelse\ne3 = händelse\n"
                               "e4 = händelse\ne5 = händelse\ns1 = andel\ns1 = ja_nej\n",
                               &c, &d),
                     UF_ERR_INPUT);
    assert_int_equal(d.errors, 2);
    assert_int_equal(c.nmeasures, 5); /* e1..e4 and s1 */
    assert_int_equal(uf_config_measure_kind(&c, "e5"), -1);
    assert_int_equal(uf_config_measure_kind(&c, "s1"), UF_MEASURE_PCT);
    uf_config_release(&c);
    uf_diag_release(&d);
    /* a code of 22 characters would cut the export's any_CODE_before */
    assert_int_equal(load_text(*state,
                               "[mått]\nabcdefghijklmnopqrstuv = händelse\n"
                               "abcdefghijklmnopqrstu = händelse\n",
                               &c, &d),
                     UF_ERR_INPUT);
    assert_true(has_diag(&d, UF_ERROR, "abcdefghijklmnopqrstuv: en kod får ha högst 21 tecken"));
    assert_int_equal(d.errors, 1); /* 21 characters are fine */
    assert_int_equal(c.nmeasures, 1);
    uf_config_release(&c);
    uf_diag_release(&d);
}

static void test_config__measure_kind(void **state)
{
    (void)state;
    /* SPEC §3: four event measures, one percentage, four 0/1 states */
    static const char *const events[] = { "misstanke_brott", "lagforing", "anmalan_oro", "vald" };
    static const char *const binary[] = { "uppforandestorning", "sysselsattning", "drogfri",
                                          "boende_stabilt" };
    for (int i = 0; i < 4; i++) {
        assert_int_equal(uf_config_measure_kind(NULL, events[i]), UF_MEASURE_EVENT);
        assert_int_equal(uf_config_measure_kind(NULL, binary[i]), UF_MEASURE_BINARY);
    }
    assert_int_equal(uf_config_measure_kind(NULL, "skolfranvaro_pct"), UF_MEASURE_PCT);
    assert_int_equal(uf_config_measure_kind(NULL, "skolk_dagar"), -1);
    assert_int_equal(uf_config_measure_kind(NULL, ""), -1);

    char code0[] = "skolk_dagar", code1[] = "betyg_pct", code2[] = "har_korkort";
    uf_measure_conf m[] = { { code0, UF_MEASURE_EVENT },
                            { code1, UF_MEASURE_PCT },
                            { code2, UF_MEASURE_BINARY } };
    uf_config c;
    uf_config_defaults(&c);
    c.measures = m;
    c.nmeasures = 3;
    assert_int_equal(uf_config_measure_kind(&c, "skolk_dagar"), UF_MEASURE_EVENT);
    assert_int_equal(uf_config_measure_kind(&c, "betyg_pct"), UF_MEASURE_PCT);
    assert_int_equal(uf_config_measure_kind(&c, "har_korkort"), UF_MEASURE_BINARY);
    assert_int_equal(uf_config_measure_kind(&c, "vald"), UF_MEASURE_EVENT);
    assert_int_equal(uf_config_measure_kind(&c, "okand"), -1);
}

/* ---- helpers of config.h ---------------------------------------------------- */

static void test_config__parse_months(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int months;
    } good[] = {
        { "12m", 12 },   { "6m", 6 },    { "1y", 12 },  { "18", 18 }, { "1m", 1 },
        { "120m", 120 }, { "10y", 120 }, { "1år", 12 }, { "1å", 12 }, { "3mån", 3 },
    };
    static const char *const bad[] = {
        "0m",
        "121m",
        "11y",
        "",
        "m",
        "12x",
        "13x",
        "12 m",
        "-6m",
        "12mm",
        "y",
        "99999999999999999999y",
        "-99999999999999999999y",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        int m = -7;
        if (uf_parse_months(good[i].s, &m) != 0)
            fail_msg("rejected %s", good[i].s);
        assert_int_equal(m, good[i].months);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int m = -7;
        if (uf_parse_months(bad[i], &m) != -1)
            fail_msg("accepted %s", bad[i]);
        assert_int_equal(m, -7); /* untouched */
    }
}

/* [tid i risk] låst_vård: placements by code, alias or label; empty is
 * none; anything but a placement is an error that names the value. */
static void test_config__locked_care(void **state)
{
    uf_config c;
    uf_diag d;
    char text[128];
    assert_int_equal(load_text(*state, "[tid i risk]\nlåst_vård = sis, HVB ,tfco\n", &c, &d),
                     UF_OK);
    assert_int_equal(c.locked_care, 1u << 10 | 1u << 11 | 1u << 13); /* hvb sis tfco */
    uf_config_locked_text(&c, text, sizeof text);
    assert_string_equal(text, "HVB, SiS, TFCO");
    uf_config_release(&c);
    uf_diag_release(&d);
    assert_int_equal(load_text(*state, "[time at risk]\nlocked_care =\n", &c, &d), UF_OK);
    assert_int_equal(c.locked_care, 0);
    uf_config_locked_text(&c, text, sizeof text);
    assert_string_equal(text, "ingen");
    uf_config_release(&c);
    uf_diag_release(&d);
    assert_int_equal(load_text(*state, "[tid i risk]\nlast_vard = sis, mst\n", &c, &d),
                     UF_ERR_INPUT);
    assert_true(
        has_diag(&d, UF_ERROR, "bara placeringar (hvb, sis, familjehem, tfco): 'sis, mst'"));
    uf_config_release(&c);
    uf_diag_release(&d);
    assert_int_equal(load_text(*state, "[tid i risk]\nlåst_vård = sis, fängelse\n", &c, &d),
                     UF_ERR_INPUT);
    uf_config_release(&c);
    uf_diag_release(&d);
    uf_config_locked_text(NULL, text, sizeof text); /* no settings: the default */
    assert_string_equal(text, "SiS");
}

static void test_config__band(void **state)
{
    (void)state;
    uf_config c;
    uf_config_defaults(&c);
    /* 12-14 -> 0, 15-17 -> 1, 18-20 -> 2, 21-25 -> 3; outside -> -1 */
    static const struct {
        int age, band;
    } cases[] = {
        { 11, -1 }, { 12, 0 }, { 14, 0 }, { 15, 1 },  { 17, 1 }, { 18, 2 },
        { 20, 2 },  { 21, 3 }, { 25, 3 }, { 26, -1 }, { 0, -1 }, { -1, -1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (uf_config_band(&c, cases[i].age) != cases[i].band)
            fail_msg("age %d: band %d, expected %d", cases[i].age, uf_config_band(&c, cases[i].age),
                     cases[i].band);
    /* bands with a gap: 13-15, 19-29 */
    c.nbands = 2;
    c.bands[0] = (uf_band){ 13, 15 };
    c.bands[1] = (uf_band){ 19, 29 };
    assert_int_equal(uf_config_band(&c, 16), -1);
    assert_int_equal(uf_config_band(&c, 19), 1);
    assert_int_equal(uf_config_band(&c, 29), 1);
}

static void test_config__path(void **state)
{
    (void)state;
    static const struct {
        const char *db, *conf;
    } cases[] = {
        { "uppfolj.db", "uppfolj.conf" },
        { "data/uppfolj.db", "data/uppfolj.conf" },
        { "/var/lib/sig/stad.sqlite", "/var/lib/sig/uppfolj.conf" },
        { "/stad.db", "/uppfolj.conf" },
        { "./x.db", "./uppfolj.conf" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *p = uf_config_path(cases[i].db);
        assert_non_null(p);
        assert_string_equal(p, cases[i].conf);
        free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config__defaults),
        cmocka_unit_test_setup_teardown(test_config__swedish_file, tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__audience, tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__swedish_without_ring_and_dots, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__english_aliases, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__window_in_swedish_units, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__threshold_below_three_is_error, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__bad_window_is_error, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__bad_bands_are_errors, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__unknown_key_is_warning_only, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__syntax_error_names_line, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__missing_file, tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__extra_measures, tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test_setup_teardown(test_config__extra_measure_limits, tu_setup_dir,
                                        tu_teardown_dir),
        cmocka_unit_test(test_config__measure_kind),
        cmocka_unit_test(test_config__parse_months),
        cmocka_unit_test_setup_teardown(test_config__locked_care, tu_setup_dir, tu_teardown_dir),
        cmocka_unit_test(test_config__band),
        cmocka_unit_test(test_config__path),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
