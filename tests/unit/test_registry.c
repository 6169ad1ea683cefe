/*
 * test_registry.c - the report registry (reports.h): the built-in reports
 * with their options, definitions in a folder registering themselves,
 * and refusals (a bad definition, a name taken twice).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "testutil.h"
#include "uppfolj/reports.h"

static void test_registry__builtin_reports_and_their_options(void **state)
{
    (void)state;
    uf_registry g;
    uf_diag d;
    uf_diag_init(&d);
    assert_int_equal(uf_registry_init(&g, NULL, &d), UF_OK);
    const uf_report_info *u = uf_registry_find(&g, "utfall");
    const uf_report_info *v = uf_registry_find(&g, "verksamhet");
    const uf_report_info *a = uf_registry_find(&g, "arsrapport");
    const uf_report_info *k = uf_registry_find(&g, "kohort");
    assert_non_null(u);
    assert_non_null(v);
    assert_non_null(a);
    assert_non_null(k);
    assert_null(uf_registry_find(&g, "nonsens"));
    /* utfall takes --by but no period; verksamhet (a definition) needs
     * --period and takes no --by; kohort needs compared cohorts */
    assert_true(u->takes & UF_RO_BY);
    assert_false(u->takes & UF_RO_PERIOD);
    assert_true(v->needs & UF_RO_PERIOD);
    assert_false(v->takes & UF_RO_BY);
    assert_string_equal(v->title, "Verksamhetsuppföljning");
    assert_true(a->needs & UF_RO_YEAR);
    assert_true(k->needs & UF_RO_COHORTS);
    /* datakvalitet (a definition of rules) takes --lista and a period,
     * and needs none; verksamhet takes no --lista */
    const uf_report_info *q = uf_registry_find(&g, "datakvalitet");
    assert_non_null(q);
    assert_true(q->takes & UF_RO_LIST);
    assert_true(q->takes & UF_RO_PERIOD);
    assert_false(q->needs & UF_RO_PERIOD);
    assert_false(v->takes & UF_RO_LIST);
    assert_int_equal(d.errors, 0);
    uf_registry_release(&g);
    uf_diag_release(&d);
}

/* A definition with 40 columns and 40 categories: every one kept (the
 * lists used to stop at 12 and 32 without a word). */
static char *wide_definition(void)
{
    size_t n = 16384, used = 0;
    char *s = malloc(n);
    if (!s)
        return NULL;
    used += (size_t)snprintf(s, n,
                             "[rapport]\ntitel = Bred\n[tabell t]\ntitel = T\n"
                             "fråga = verk_flode\n");
    for (int i = 0; i < 40; i++)
        used += (size_t)snprintf(s + used, n - used, "kolumn = c%d | C%d | antal\n", i, i);
    used += (size_t)snprintf(s + used, n - used,
                             "[tabell k]\ntitel = K\nfråga = verk_kon\n"
                             "form = kategorier\n");
    for (int i = 0; i < 40; i++)
        used += (size_t)snprintf(s + used, n - used, "kategori = k%d | K%d\n", i, i);
    return s;
}

static void test_registry__folder_definitions_register_themselves(void **state)
{
    (void)state;
    char dir[TU_PATH];
    assert_int_equal(tu_mkdtemp(dir), 0);
    char *wide = wide_definition();
    assert_non_null(wide);
    assert_int_equal(tu_write(dir, "bred.ini", wide, NULL), 0);
    assert_int_equal(tu_write(dir, "egen.ini",
                              "[rapport]\ntitel = Egen\nbeskrivning = en egen\n"
                              "[tabell t]\ntitel = T\nfråga = egen_fraga\n"
                              "kolumn = a | A | antal\n",
                              NULL),
                     0);
    uf_registry g;
    uf_diag d;
    uf_diag_init(&d);
    assert_int_equal(uf_registry_init(&g, dir, &d), UF_OK);
    const uf_report_info *e = uf_registry_find(&g, "egen");
    assert_non_null(e);
    assert_string_equal(e->title, "Egen");
    assert_string_equal(e->summary, "en egen (kräver --period)");
    assert_string_equal(e->dir, dir);
    assert_true(e->needs & UF_RO_PERIOD);
    assert_non_null(uf_registry_find(&g, "bred"));
    assert_int_equal(d.errors, 0);
    uf_registry_release(&g);
    uf_diag_release(&d);
    free(wide);
    tu_rmtree(dir);
}

static void test_registry__bad_or_taken_definitions_are_refused(void **state)
{
    (void)state;
    char dir[TU_PATH];
    assert_int_equal(tu_mkdtemp(dir), 0);
    assert_int_equal(tu_write(dir, "utfall.ini",
                              "[rapport]\ntitel = X\n[tabell t]\ntitel = T\n"
                              "fråga = verk_flode\nkolumn = a | A | antal\n",
                              NULL),
                     0);
    assert_int_equal(tu_write(dir, "fel.ini",
                              "[rapport]\ntitel = X\n[tabell t]\ntitel = T\n"
                              "fråga = verk_flode\nkolumn = a | A | okänt\n",
                              NULL),
                     0);
    assert_int_equal(
        tu_write(dir, "fel2.ini", "[rapport]\ntitel = X\n[regel r]\ntitel = R\n", NULL), 0);
    assert_int_equal(tu_write(dir, "fel3.ini",
                              "[rapport]\ntitel = X\n[regel r]\ntitel = R\nfråga = q\n"
                              "villkor = x\n",
                              NULL),
                     0);
    assert_int_equal(tu_write(dir, "fel4.ini",
                              "[rapport]\ntitel = X\n[tabell t]\ntitel = T\nblad = A/B\n"
                              "fråga = verk_flode\nkolumn = a | A | antal\n",
                              NULL),
                     0);
    uf_registry g;
    uf_diag d;
    uf_diag_init(&d);
    assert_int_equal(uf_registry_init(&g, dir, &d), UF_ERR_INPUT);
    assert_int_equal(d.errors, 5); /* each named, in name order */
    assert_string_equal(d.items[0].file, "fel.ini");
    assert_string_equal(d.items[0].message,
                        "[tabell t] kolumn: ska skrivas id | rubrik | mått [| decimaler "
                        "[| nyckel [| del av]]]");
    assert_string_equal(d.items[1].message, "[regel r]: fråga och titel behövs");
    assert_string_equal(d.items[2].message,
                        "[regel r] villkor: okänd nyckel (finns: titel, blad, fråga, räknar, "
                        "beskrivning)");
    /* a sheet name Excel would refuse (blad) */
    assert_string_equal(d.items[3].message,
                        "[tabell t] blad: bladnamnet ska ha 1–31 tecken, inga av [ ] : * ? / \\ "
                        "och ingen apostrof först eller sist");
    assert_string_equal(d.items[4].message, "rapporten utfall finns redan");
    uf_registry_release(&g);
    uf_diag_release(&d);
    tu_rmtree(dir);
}

static void test_registry__too_long_text_is_refused_not_cut(void **state)
{
    (void)state;
    char dir[TU_PATH], text[1024], label[200];
    assert_int_equal(tu_mkdtemp(dir), 0);
    memset(label, 'x', sizeof label - 1);
    label[sizeof label - 1] = '\0';
    snprintf(text, sizeof text,
             "[rapport]\ntitel = T\n[tabell t]\ntitel = T\n"
             "fråga = verk_flode\nkolumn = a | %s | antal\n",
             label);
    assert_int_equal(tu_write(dir, "lang.ini", text, NULL), 0);
    uf_registry g;
    uf_diag d;
    uf_diag_init(&d);
    assert_int_equal(uf_registry_init(&g, dir, &d), UF_ERR_INPUT);
    assert_int_equal(d.errors, 1);
    assert_null(uf_registry_find(&g, "lang"));
    uf_registry_release(&g);
    uf_diag_release(&d);
    tu_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry__builtin_reports_and_their_options),
        cmocka_unit_test(test_registry__folder_definitions_register_themselves),
        cmocka_unit_test(test_registry__bad_or_taken_definitions_are_refused),
        cmocka_unit_test(test_registry__too_long_text_is_refused_not_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
