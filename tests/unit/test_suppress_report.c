/*
 * test_suppress_report.c - disclosure control over everything a report
 * shows (SPEC §8, issue 10): shares and their base, exact tests that
 * determine small counts, means through the total row, statistics that
 * show the n of a hidden count, and the same count in several tables.
 * Expected states are worked out by hand in each test's comment.
 *
 * States, one letter per cell: '.' shown, 'S' "<5", 'X' hidden to protect
 * another value, 'A' hidden as any count ("x"), 'F' resting on too few,
 * 'N' test not shown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "uppfolj/suppress.h"

static char letter(const uf_cell *c)
{
    switch (c->supp) {
    case UF_SHOWN: return '.';
    case UF_SUPP_SMALL: return 'S';
    case UF_SUPP_SECONDARY: return 'X';
    case UF_SUPP_FEW: return 'F';
    case UF_SUPP_NOTEST: return 'N';
    case UF_SUPP_MISSING: return 'M';
    case UF_SUPP_ANY: return 'A';
    }
    return '?';
}

/* The states of every cell of t, rows joined by '|'. */
static const char *states(const uf_table *t)
{
    static char buf[256];
    size_t k = 0;
    for (int r = 0; r < t->nrows; r++) {
        if (r)
            buf[k++] = '|';
        for (int c = 0; c < t->ncols; c++)
            buf[k++] = letter(&t->rows[r].cells[c]);
    }
    buf[k] = '\0';
    return buf;
}

static uf_table *table(uf_report *r, const char *id, int ncols)
{
    uf_section *s = r->nsections ? r->sections[0] : uf_report_section(r, "Avsnitt");
    return uf_section_table(r, s, id, id, ncols);
}

/*
 * A "<3" shown as "x" (any count) is "x" in every table that has it (rule
 * 5): else the "<3" of the other table gives its bounds back.  Table one
 * is test_suppress.c's table whose bounds alone pin it (threshold 3, row
 * 2, 1, 1, 0 under columns n = A + B + C): its A of row 1 becomes "x";
 * table two shows the same figure (key "a") alone, as "<3" before rule 5.
 */
static void test_suppress_report__any_count_in_every_table(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t = table(r, "delar", 4);
    uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, true);
    for (int c = 1; c < 4; c++) {
        uf_table_col(r, t, c, "k", "Del", UF_C_COUNT, 0, true);
        uf_table_part_of(t, c, 0);
    }
    const long v[3][4] = { { 2, 1, 1, 0 }, { 60, 10, 20, 30 }, { 62, 11, 21, 30 } };
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, i == 2);
        for (int c = 0; c < 4; c++)
            uf_cell_count(t, row, c, v[i][c]);
    }
    uf_cell_key(r, t, 0, 1, "a");
    uf_table *u = table(r, "samma", 1);
    uf_table_col(r, u, 0, "a", "A", UF_C_COUNT, 0, false);
    int row = uf_table_row(r, u, false);
    uf_cell_count(u, row, 0, 1);
    uf_cell_key(r, u, row, 0, "a");
    assert_true(uf_suppress_report(r, 3) > 0);
    assert_string_equal(states(t), "SAS.|XXX.|....");
    assert_string_equal(states(u), "A");
    uf_report_free(r);
}

/* A share shows its numerator: 16,7 % of 6 is 1 person (hidden), 50 % of
 * 10 is 5 (shown), 0 % of 6 is 0 (shown: zero may be shown). */
static void test_suppress_report__share_gives_its_numerator(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t = table(r, "andel", 1);
    uf_table_col(r, t, 0, "pct", "Andel", UF_C_PERCENT, 1, false);
    const double v[] = { 100.0 / 6.0, 50.0, 0.0 };
    const long n[] = { 6, 10, 6 };
    for (int i = 0; i < 3; i++)
        uf_cell_percent(t, uf_table_row(r, t, false), 0, v[i], n[i], -1);
    assert_int_equal(uf_suppress_report(r, 5), 1);
    assert_string_equal(states(t), "F|.|.");
    uf_report_free(r);
}

/* An exact test shown only when no count it determines is 1..4: McNemar
 * with 3 discordant pairs one way is not shown; with 0 and 7, or 5 and 9,
 * it is. */
static void test_suppress_report__exact_test_that_determines_a_small_count(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t = table(r, "test", 1);
    uf_table_col(r, t, 0, "p", "p", UF_C_PVALUE, 3, false);
    const long small[] = { 3, 7, 5 };
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, false);
        uf_cell_pvalue(t, row, 0, 0.04, 40);
        uf_cell_reveals(t, row, 0, small[i]);
    }
    uf_cell_reveals(t, 1, 0, 0); /* 0 and 7: the smallest non-zero is 7 */
    assert_int_equal(uf_suppress_report(r, 5), 1);
    assert_string_equal(states(t), "N|.|.");
    uf_report_free(r);
}

/* Holm over what is shown: p 0.01 and 0.04 (n 40) and 0.02 over 3 persons
 * (not a test: hidden).  The family is the two shown: 2 x 0.01 = 0.02 and
 * max(0.02, 1 x 0.04) = 0.04 (R: p.adjust(c(0.01, 0.04), "holm")); the
 * hidden test's Holm cell is hidden as it is. */
static void test_suppress_report__holm_over_the_shown_p(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t = table(r, "holm", 2);
    uf_table_col(r, t, 0, "p", "p", UF_C_PVALUE, 3, false);
    uf_table_col(r, t, 1, "p_holm", "p, Holm", UF_C_PVALUE, 3, false);
    uf_table_holm(t, 1, 0);
    const double p[] = { 0.01, 0.02, 0.04 };
    const long n[] = { 40, 3, 40 };
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, false);
        uf_cell_pvalue(t, row, 0, p[i], n[i]);
        uf_cell_none(t, row, 1, UF_SUPP_MISSING);
    }
    assert_int_equal(uf_suppress_report(r, 5), 1);
    assert_true(fabs(uf_table_cell(t, 0, 1)->v - 0.02) < 1e-15);
    assert_int_equal(uf_table_cell(t, 0, 1)->supp, UF_SHOWN);
    assert_int_equal(uf_table_cell(t, 1, 1)->supp, UF_SUPP_NOTEST);
    assert_true(fabs(uf_table_cell(t, 2, 1)->v - 0.04) < 1e-15);
    uf_report_free(r);
    /* an internal report: the same family (a test over 3 is not shown) */
    r = uf_report_new("t", "T");
    t = table(r, "holm", 2);
    uf_table_col(r, t, 0, "p", "p", UF_C_PVALUE, 3, false);
    uf_table_col(r, t, 1, "p_holm", "p, Holm", UF_C_PVALUE, 3, false);
    uf_table_holm(t, 1, 0);
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, false);
        uf_cell_pvalue(t, row, 0, p[i], n[i]);
        uf_cell_none(t, row, 1, UF_SUPP_MISSING);
    }
    assert_int_equal(uf_suppress_internal(r, 5), 1);
    assert_true(fabs(uf_table_cell(t, 0, 1)->v - 0.02) < 1e-15);
    assert_true(fabs(uf_table_cell(t, 2, 1)->v - 0.04) < 1e-15);
    uf_report_free(r);
}

/*
 * Means through the total row: groups A (n 3), B (n 10), C (n 20) and the
 * total (n 33).  A's mean rests on 3 persons (F); with the total's mean
 * and n, B's and C's means and n would give A's sum, so the statistics of
 * the group with the fewest persons among the shown, B, are hidden too
 * (its mean and its CI, which gives the mean back).
 */
static void test_suppress_report__means_through_the_total_row(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t = table(r, "medel", 3);
    uf_table_col(r, t, 0, "mean", "Medel", UF_C_NUMBER, 1, false);
    uf_table_col(r, t, 1, "lo", "KI låg", UF_C_NUMBER, 1, false);
    uf_table_col(r, t, 2, "hi", "KI hög", UF_C_NUMBER, 1, false);
    const long n[] = { 3, 10, 20, 33 };
    for (int i = 0; i < 4; i++) {
        int row = uf_table_row(r, t, i == 3);
        uf_cell_number(t, row, 0, 10.0 + i, n[i]);
        uf_cell_number(t, row, 1, 8.0 + i, n[i]);
        uf_cell_number(t, row, 2, 12.0 + i, n[i]);
    }
    assert_int_equal(uf_suppress_report(r, 5), 6);
    assert_string_equal(states(t), "FFF|XXX|...|...");
    uf_report_free(r);
}

/*
 * A statistic shows its n: counts 3 and 10 add up to 13; the 3 is "<5" and
 * the 10 is hidden to protect it.  A mean over the 10 persons of that row
 * would show n = 10 and so 13 - 10 = 3: it is hidden too.
 */
static void test_suppress_report__statistic_shows_a_hidden_n(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t = table(r, "n", 2);
    uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 1, "mean", "Medel", UF_C_NUMBER, 1, false);
    const long v[] = { 3, 10, 13 };
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, i == 2);
        uf_cell_count(t, row, 0, v[i]);
        uf_cell_number(t, row, 1, 4.0, v[i]);
    }
    uf_suppress_report(r, 5);
    assert_string_equal(states(t), "SF|XX|..");
    uf_report_free(r);
}

/*
 * The same count in two tables.  Table 1: cases 107 = without consent 3 +
 * analysed 104 (the parts of a row total); table 2 shows the analysed 104
 * again.  The 3 is "<5"; to protect it one of 104 and 107 must go, and
 * since 104 stands in table 2 too, 107 is hidden: 104 stays shown in both.
 * Had 104 been hidden in table 1, it would be hidden in table 2 as well.
 */
static void test_suppress_report__same_count_in_two_tables(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t1 = table(r, "urval", 3);
    uf_table_col(r, t1, 0, "n_cases", "Ärenden", UF_C_COUNT, 0, false);
    uf_table_col(r, t1, 1, "n_no_consent", "Utan samtycke", UF_C_COUNT, 0, false);
    uf_table_col(r, t1, 2, "n_analysed", "Analyseras", UF_C_COUNT, 0, false);
    uf_table_part_of(t1, 1, 0);
    uf_table_part_of(t1, 2, 0);
    int row = uf_table_row(r, t1, false);
    uf_cell_count(t1, row, 0, 107);
    uf_cell_count(t1, row, 1, 3);
    uf_cell_count(t1, row, 2, 104);
    uf_cell_key(r, t1, row, 2, "kohort 1: analyseras");
    uf_table *t2 = table(r, "balans", 1);
    uf_table_col(r, t2, 0, "n", "n", UF_C_COUNT, 0, false);
    row = uf_table_row(r, t2, false);
    uf_cell_count(t2, row, 0, 104);
    uf_cell_key(r, t2, row, 0, "kohort 1: analyseras");
    uf_suppress_report(r, 5);
    assert_string_equal(states(t1), "XS.");
    assert_string_equal(states(t2), ".");
    /* the other way: 104 hidden in table 1 (say, by a rule elsewhere) is
     * hidden in table 2 */
    t1->rows[0].cells[2].supp = UF_SUPP_SECONDARY;
    t2->rows[0].cells[0].supp = UF_SHOWN;
    uf_suppress_report(r, 5);
    assert_string_equal(states(t2), "X");
    uf_report_free(r);
}

/*
 * Rule 7, two tables together.  Table 1: 10 = x 4 ("<5") + y 6; table 2:
 * 7 = y 6 + z 1 ("<5"); tables 3 and 4 show the 7 and the 10 again (so
 * hiding those costs most).  Each table alone protects its "<5" by hiding
 * y (the same figure in both), and each alone is then safe: in table 1, y
 * in 6..9 (x in 1..4), in table 2, y in 5..6 (z in 1..2).  Together y = 6,
 * x = 4 and z = 1 exactly.  The audit finds it and hides the cheapest
 * thing that frees x: x down, y up, table 2's total up, i.e. the 7 (less
 * than the 10), in tables 2 and 3.  Then y is 6..9 and z = total - y.
 */
static void test_suppress_report__two_tables_together(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t[4];
    const long v[4][3] = { { 10, 4, 6 }, { 7, 6, 1 }, { 7, 0, 0 }, { 10, 0, 0 } };
    const char *key[4][3] = {
        { "T1", NULL, "y" }, { "T2", "y", NULL }, { "T2", NULL, NULL }, { "T1", NULL, NULL }
    };
    for (int i = 0; i < 4; i++) {
        int nc = i < 2 ? 3 : 1;
        char id[8] = "t0";
        id[1] = (char)('1' + i);
        t[i] = table(r, id, nc);
        for (int c = 0; c < nc; c++)
            uf_table_col(r, t[i], c, c ? "del" : "total", "Antal", UF_C_COUNT, 0, false);
        for (int c = 1; c < nc; c++)
            uf_table_part_of(t[i], c, 0);
        int row = uf_table_row(r, t[i], false);
        for (int c = 0; c < nc; c++) {
            uf_cell_count(t[i], row, c, v[i][c]);
            if (key[i][c])
                uf_cell_key(r, t[i], row, c, key[i][c]);
        }
    }
    uf_suppress_report(r, 5);
    assert_string_equal(states(t[0]), ".SX");
    assert_string_equal(states(t[1]), "XXS");
    assert_string_equal(states(t[2]), "X");
    assert_string_equal(states(t[3]), ".");
    uf_report_free(r);
}

/*
 * Rule 7, what a table says beyond its sums: those with an event are at
 * most those followed up (uf_table_within).  Followed up (n) and with an
 * event (k) per group:  A 7 / 4,  B 2 / 2,  C 2 / 2,  total 11 / 8.  The
 * counts 1..4 are "<5".  By the sums alone each is safe (nB + nC = 4, kA +
 * kB + kC = 8, all in 1..4).  But kB <= nB and kC <= nC give kB + kC <= 4,
 * so kA >= 4: kA = 4 exactly.  Hiding A's n (7, the cheapest) gives nB + nC
 * = 11 - nA <= 6 with nA >= 5, and kA in 2..4.  Without the declaration
 * the table stays as the sums alone leave it.
 */
static void test_suppress_report__at_most_those_followed_up(void **state)
{
    (void)state;
    const long n[] = { 7, 2, 2, 11 }, k[] = { 4, 2, 2, 8 };
    for (int within = 1; within >= 0; within--) {
        uf_report *r = uf_report_new("t", "T");
        uf_table *t = table(r, "binar", 2);
        uf_table_col(r, t, 0, "n_paired", "Följda", UF_C_COUNT, 0, true);
        uf_table_col(r, t, 1, "after_any", "Med händelse", UF_C_COUNT, 0, true);
        if (within)
            uf_table_within(t, 1, 0);
        for (int i = 0; i < 4; i++) {
            int row = uf_table_row(r, t, i == 3);
            uf_cell_count(t, row, 0, n[i]);
            uf_cell_count(t, row, 1, k[i]);
        }
        uf_suppress_report(r, 5);
        assert_string_equal(states(t), within ? "XS|SS|SS|.." : ".S|SS|SS|..");
        uf_report_free(r);
    }
}

/*
 * A stock-and-flow table (uf_table_balance, the months of verksamhet):
 * columns start, in, active, out, end; active = start + in = out + end, and
 * month 1's end is month 2's start.
 *     month 1: 10 + 3 = 13 = 0 + 13
 *     month 2: 13 + 0 = 13 = 2 + 11
 * The counts 3 and 2 are "<5".  No sum of the table rules holds them, but
 * the balance gives in = 13 - 10 = 3 and out = 13 - 11 = 2.  The cheapest
 * change that moves month 1's in moves its start (10: cheaper than active,
 * which drags its end, month 2's start and active along); the cheapest for
 * month 2's out moves its end (11).  Without the declaration only the two
 * small counts are hidden.
 */
static void test_suppress_report__stock_and_flow(void **state)
{
    (void)state;
    const long v[2][5] = { { 10, 3, 13, 0, 13 }, { 13, 0, 13, 2, 11 } };
    for (int balance = 1; balance >= 0; balance--) {
        uf_report *r = uf_report_new("t", "T");
        uf_table *t = table(r, "manader", 5);
        const char *ids[] = { "start", "in", "active", "out", "end" };
        for (int c = 0; c < 5; c++)
            uf_table_col(r, t, c, ids[c], ids[c], UF_C_COUNT, 0, false);
        if (balance)
            uf_table_balance(t, 0, 1, 2, 3, 4);
        for (int i = 0; i < 2; i++) {
            int row = uf_table_row(r, t, false);
            for (int c = 0; c < 5; c++)
                uf_cell_count(t, row, c, v[i][c]);
        }
        uf_suppress_report(r, 5);
        assert_string_equal(states(t), balance ? "XS...|...SX" : ".S...|...S.");
        uf_report_free(r);
    }
}

/* The internal report: nothing hidden to protect (a count of 2, a mean
 * of 2 persons), but a test over fewer than 5 persons is still not run,
 * nor its confidence limit; the report is marked internal. */
static void test_suppress_report__internal_keeps_the_test_minimum(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_table *t = table(r, "intern", 4);
    uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 1, "mean", "Medel", UF_C_NUMBER, 1, false);
    uf_table_col(r, t, 2, "ci_low", "KI, nedre", UF_C_NUMBER, 1, false);
    uf_table_col(r, t, 3, "p", "p", UF_C_PVALUE, 3, false);
    uf_table_inference(t, 2);
    const long n[] = { 2, 9, 11 };
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, i == 2);
        uf_cell_count(t, row, 0, n[i]);
        uf_cell_number(t, row, 1, 1.5, n[i]);
        uf_cell_number(t, row, 2, 0.5, n[i]);
        uf_cell_pvalue(t, row, 3, 0.03, n[i]);
    }
    assert_int_equal(uf_suppress_internal(r, 5), 2);
    assert_true(r->internal);
    assert_string_equal(states(t), "..FN|....|....");
    assert_int_equal(t->nnotes, 2); /* why the limit and the test are not shown */
    uf_report_free(r);
}

/* A report without its tables of detail: the other tables, cells, keys
 * and charts copied, the detail table and its chart gone, a note in its
 * section; the copy is protected on its own, and the original is left as
 * it was. */
static void test_suppress_report__without_detail(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("t", "T");
    uf_section *s = uf_report_section(r, "Flöde");
    uf_table *a = uf_section_table(r, s, "a", "A", 2), *m = uf_section_table(r, s, "m", "M", 2);
    for (int k = 0; k < 2; k++) {
        uf_table *t = k ? m : a;
        uf_table_col(r, t, 0, "g", "Grupp", UF_C_TEXT, 0, false);
        uf_table_col(r, t, 1, "n", "Antal", UF_C_COUNT, 0, true);
        const long v[] = { 2, 9, 11 };
        for (int i = 0; i < 3; i++) {
            int row = uf_table_row(r, t, i == 2);
            uf_cell_text(r, t, row, 0, i == 2 ? "Totalt" : "x");
            uf_cell_count(t, row, 1, v[i]);
            if (i == 2)
                uf_cell_key(r, t, row, 1, "alla");
        }
    }
    m->detail = true;
    uf_chart *ca = uf_section_chart(r, s, "ca", "CA", "bar", "Antal", a, 0);
    uf_chart_series(r, ca, "Antal", 1);
    uf_section_chart(r, s, "cm", "CM", "line", "Antal", m, 0);
    assert_true(uf_report_has_detail(r));
    uf_report *lean = uf_report_without_detail(r, "Utelämnad.");
    assert_non_null(lean);
    assert_false(uf_report_has_detail(lean));
    assert_int_equal(lean->nsections, 1);
    const uf_section *ls = lean->sections[0];
    assert_int_equal(ls->ntables, 1);
    assert_string_equal(ls->tables[0]->id, "a");
    assert_int_equal(ls->ncharts, 1);
    assert_ptr_equal(ls->charts[0]->table, ls->tables[0]);
    assert_int_equal(ls->npar, 1);
    assert_string_equal(ls->paragraphs[0], "Utelämnad.");
    assert_string_equal(lean->keys[uf_table_cell(ls->tables[0], 2, 1)->key - 1], "alla");
    uf_suppress_report(lean, 5);
    assert_string_equal(states(ls->tables[0]), ".S|.X|..");
    assert_string_equal(states(a), "..|..|.."); /* the original untouched */
    uf_report_free(lean);
    uf_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suppress_report__share_gives_its_numerator),
        cmocka_unit_test(test_suppress_report__any_count_in_every_table),
        cmocka_unit_test(test_suppress_report__exact_test_that_determines_a_small_count),
        cmocka_unit_test(test_suppress_report__means_through_the_total_row),
        cmocka_unit_test(test_suppress_report__statistic_shows_a_hidden_n),
        cmocka_unit_test(test_suppress_report__same_count_in_two_tables),
        cmocka_unit_test(test_suppress_report__two_tables_together),
        cmocka_unit_test(test_suppress_report__at_most_those_followed_up),
        cmocka_unit_test(test_suppress_report__stock_and_flow),
        cmocka_unit_test(test_suppress_report__internal_keeps_the_test_minimum),
        cmocka_unit_test(test_suppress_report__without_detail),
        cmocka_unit_test(test_suppress_report__holm_over_the_shown_p),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
