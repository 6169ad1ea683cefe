/*
 * test_kodbok.c - the code book (kodbok.h): every list's spellings are
 * its own (no two codes of a list share one), what a report prints is
 * accepted back, labels are those the reports have always shown, and the
 * sizes the core builds arrays with hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "uppfolj/core.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"

/* No spelling (code, label, group label, alias; folded) names two codes
 * of one list, and every spelling matches back to its own code. */
static void test_kodbok__spellings_are_unique(void **state)
{
    (void)state;
    for (int id = 0; id < UF_KB_NLISTS; id++) {
        const uf_kb_list *l = uf_kb((uf_kb_id)id);
        assert_non_null(l->name);
        assert_ptr_equal(uf_kb_find(l->name), l);
        for (int i = 0; i < l->n; i++) {
            const uf_kb_entry *e = &l->e[i];
            const char *sp[8] = { e->code, e->label, e->group };
            int n = 3;
            for (int a = 0; a < 5 && e->aliases[a]; a++)
                sp[n++] = e->aliases[a];
            for (int k = 0; k < n; k++) {
                if (!sp[k])
                    continue;
                const char *got = uf_kb_match((uf_kb_id)id, sp[k]);
                if (!got || strcmp(got, e->code) != 0)
                    fail_msg("list %s: '%s' gives %s, not %s", l->name, sp[k],
                             got ? got : "nothing", e->code);
            }
            assert_int_equal(uf_kb_index((uf_kb_id)id, e->code), i);
            assert_string_equal(uf_kb_code((uf_kb_id)id, i), e->code);
        }
    }
}

/* What the reports print is accepted on import, in any case and with or
 * without å ä ö; the old spellings still are; nothing else is. */
static void test_kodbok__labels_match_back(void **state)
{
    (void)state;
    assert_string_equal(uf_kb_match(UF_KB_END_REASON, "Målen uppfyllda"), "mal_uppfyllda");
    assert_string_equal(uf_kb_match(UF_KB_END_REASON, "malen uppfyllda"), "mal_uppfyllda");
    assert_string_equal(uf_kb_match(UF_KB_REFERRER, "Skolan"), "skola");
    assert_string_equal(uf_kb_match(UF_KB_REFERRER, "Fritidsverksamhet"), "fritid");
    assert_string_equal(uf_kb_match(UF_KB_SEX, "Flickor"), "F");
    assert_string_equal(uf_kb_match(UF_KB_SEX, "f"), "F");
    assert_string_equal(uf_kb_match(UF_KB_SEX, "KVINNA"), "F");
    assert_string_equal(uf_kb_match(UF_KB_SEX, "Annat kön"), "X");
    assert_string_equal(uf_kb_match(UF_KB_INSTRUMENT, "YLS/CMI"), "yls_cmi");
    assert_string_equal(uf_kb_match(UF_KB_INSTRUMENT, "Check:IRK"), "irk");
    assert_string_equal(uf_kb_match(UF_KB_YES_NO, "1"), "ja");
    assert_string_equal(uf_kb_match(UF_KB_INSATS, "Särskilt kvalificerad kontaktperson"), "skk");
    assert_string_equal(uf_kb_match(UF_KB_GOAL_STATUS, "Delvis uppnått"), "delvis");
    assert_null(uf_kb_match(UF_KB_SEX, "okänt"));
    assert_null(uf_kb_match(UF_KB_END_REASON, "Målen"));
    assert_null(uf_kb_match(UF_KB_END_REASON, NULL));
    assert_null(uf_kb_find("finns_inte"));
    assert_ptr_equal(uf_kb_find("Avslutsorsak"), uf_kb(UF_KB_END_REASON));
}

/* The labels the reports have shown (the reports stay byte for byte). */
static void test_kodbok__labels(void **state)
{
    (void)state;
    assert_string_equal(uf_kb_label(UF_KB_INSATS, "skk"), "Särskilt kvalificerad kontaktperson");
    assert_string_equal(uf_kb_label(UF_KB_INSATS, "sarskild_undervisningsgrupp"),
                        "Särskild undervisningsgrupp");
    assert_string_equal(uf_kb_label(UF_KB_INSATS, "sis"), "SiS");
    assert_string_equal(uf_kb_label(UF_KB_INSATS, "annan"), "Annan insats");
    assert_string_equal(uf_kb_label(UF_KB_INSATS, "okand_kod"), "okand_kod");
    assert_string_equal(uf_kb_label(UF_KB_INSATS, NULL), "");
    assert_string_equal(uf_kb_label(UF_KB_END_REASON, "annan"), "Annan orsak");
    assert_string_equal(uf_kb_label(UF_KB_INSTRUMENT, "irk"), "Check:IRK");
    assert_string_equal(uf_kb_label(UF_KB_SEX, "F"), "Flicka");
    assert_string_equal(uf_kb_group(UF_KB_SEX, "F"), "Flickor");
    assert_string_equal(uf_kb_group(UF_KB_SEX, "X"), "Annat kön");
    assert_string_equal(uf_kb_group(UF_KB_TARGET, "avhopp"), "Avhoppare");
    /* every insats code of the core has a label of its own */
    for (int i = 0; uf_core_insats_name(i); i++)
        if (strcmp(uf_kb_label(UF_KB_INSATS, uf_core_insats_name(i)), uf_core_insats_name(i)) == 0)
            fail_msg("no label for insats %s", uf_core_insats_name(i));
}

/* The sizes core.h and the reports build arrays with. */
static void test_kodbok__sizes(void **state)
{
    (void)state;
    assert_int_equal(uf_kb(UF_KB_INSATS)->n, UF_KB_N_INSATS);
    assert_true(UF_KB_N_INSATS <= 32); /* uf_case.insatser is a bit set */
    assert_int_equal(uf_kb(UF_KB_INSTRUMENT)->n, UF_NINSTRUMENTS);
    assert_int_equal(uf_kb(UF_KB_DOMAIN)->n, UF_NDOMAINS);
    assert_int_equal(uf_kb(UF_KB_END_REASON)->n, UF_KB_N_END_REASON);
    assert_int_equal(uf_kb(UF_KB_GOAL_STATUS)->n, UF_KB_N_GOAL_STATUS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kodbok__spellings_are_unique),
        cmocka_unit_test(test_kodbok__labels_match_back),
        cmocka_unit_test(test_kodbok__labels),
        cmocka_unit_test(test_kodbok__sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
