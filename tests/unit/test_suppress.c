/*
 * test_suppress.c - disclosure control (suppress.h).
 *
 * The hand-made tables have their expected hidden cells written out, worked
 * by hand in the comments.  States are compared as strings, one letter per
 * cell: '.' shown, 'S' "<5", 'X' secondary, 'A' any count ("x"), 'F' few, 'N' no test,
 * 'M' missing; rows separated by '|'.
 *
 * The adversarial audit builds random tables, suppresses them and plays the
 * reader, who sees every shown cell, knows how the table adds up and that
 * "<t" is 1..t-1 and any other hidden count >= 0.  For each hidden count it
 * computes the smallest and largest value over all integer tables that fit
 * what the reader knows, and asserts min < max.  Its method is independent
 * of suppress.c: a table with row and column totals is a flow network
 * (group row -> part column), so a table fits exactly when a flow with the
 * cells' bounds exists, found by max-flow (Edmonds-Karp) with lower bounds;
 * flows with integer bounds are integer, so the min and max (by search over
 * the cell's bounds) are those of integer tables.  That method is itself
 * checked against plain enumeration of all tables on small ones.  The
 * audit is run twice: with the reader above and with a
 * stronger one who also reads a hidden ".." count as 0 or >= t, which is
 * what suppress.c protects against.  Tables whose row total is itself part
 * of a larger total are audited by a plain search instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "uppfolj/model.h"
#include "uppfolj/suppress.h"

/* ---- helpers for hand-made tables ------------------------------------ */

static uf_cell *at(const uf_table *t, int r, int c)
{
    return uf_table_cell(t, r, c);
}

/* A new report with one section holding one table of ncols columns. */
static uf_table *new_table(uf_report **r, int ncols)
{
    *r = uf_report_new("test", "Test");
    assert_non_null(*r);
    uf_section *s = uf_report_section(*r, "Avsnitt");
    uf_table *t = uf_section_table(*r, s, "t", "Tabell", ncols);
    assert_non_null(t);
    return t;
}

/* One additive count column: groups v[0..n-1] and a total row. */
static uf_table *one_column(uf_report **r, const long *v, int n, long total)
{
    uf_table *t = new_table(r, 1);
    uf_table_col(*r, t, 0, "n", "Antal", UF_C_COUNT, 0, true);
    for (int i = 0; i < n; i++)
        uf_cell_count(t, uf_table_row(*r, t, false), 0, v[i]);
    uf_cell_count(t, uf_table_row(*r, t, true), 0, total);
    return t;
}

static char letter(uf_supp s)
{
    switch (s) {
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

/* The states of columns c0..c1 of every row, rows separated by '|'. */
static const char *states(const uf_table *t, int c0, int c1)
{
    static char buf[512];
    size_t k = 0;
    for (int r = 0; r < t->nrows; r++) {
        if (r > 0)
            buf[k++] = '|';
        for (int c = c0; c <= c1; c++)
            buf[k++] = letter(at(t, r, c)->supp);
    }
    buf[k] = '\0';
    return buf;
}

/* The states of column c, one letter per row. */
static const char *column_states(const uf_table *t, int c)
{
    static char buf[128];
    int k = 0;
    for (int r = 0; r < t->nrows; r++)
        buf[k++] = letter(at(t, r, c)->supp);
    buf[k] = '\0';
    return buf;
}

static bool has_note(const uf_table *t, const char *note)
{
    for (int i = 0; i < t->nnotes; i++)
        if (strcmp(t->notes[i], note) == 0)
            return true;
    return false;
}

/* ---- hand-made tables ------------------------------------------------- */

/* 3, 10, 12, 40; total 65.  The 3 is "<5"; alone in its column it would be
 * 65 - 10 - 12 - 40, so the next smallest, 10, is hidden too: the reader
 * then knows only 3 + 10 = 13, with "<5" in 1..4.  The total stays. */
static void test_suppress__column_hides_next_smallest(void **state)
{
    (void)state;
    uf_report *r;
    const long v[] = { 3, 10, 12, 40 };
    uf_table *t = one_column(&r, v, 4, 65);
    assert_int_equal(uf_suppress_table(r, t, 5), 2);
    assert_string_equal(column_states(t, 0), "SX...");
    assert_true(has_note(t, "<5: antalet är 1–4 personer och visas inte (röjandeskydd)."));
    assert_true(has_note(t, "..: värdet visas inte, eftersom ett dolt värde annars skulle "
                            "kunna räknas fram (röjandeskydd)."));
    assert_int_equal(t->nnotes, 2);
    uf_report_free(r);
}

/* 1, 1, 20, 30; total 52.  The two "<5" sum to 52 - 50 = 2: both are 1,
 * so a third cell, the 20, is hidden (then 1 + 1 + 20 = 22 with the ".."
 * at least 5 leaves each "<5" anywhere in 1..4). */
static void test_suppress__two_small_cells_pinned_by_bounds(void **state)
{
    (void)state;
    uf_report *r;
    const long v[] = { 1, 1, 20, 30 };
    uf_table *t = one_column(&r, v, 4, 52);
    assert_int_equal(uf_suppress_table(r, t, 5), 3);
    assert_string_equal(column_states(t, 0), "SSX..");
    uf_report_free(r);
}

/* 1, 5, 30, 40; total 76.  Hiding the 5 would not do: the reader knows a
 * ".." count is 0 or at least 5 (every 1..4 is "<5"), and "<5" + ".." =
 * 76 - 70 = 6 forces 1 and 5.  The 30 is the smallest that protects. */
static void test_suppress__secondary_cell_at_threshold_cannot_protect_a_one(void **state)
{
    (void)state;
    uf_report *r;
    const long v[] = { 1, 5, 30, 40 };
    uf_table *t = one_column(&r, v, 4, 76);
    assert_int_equal(uf_suppress_table(r, t, 5), 2);
    assert_string_equal(column_states(t, 0), "S.X..");
    uf_report_free(r);
}

/* 1, 2, 0; total 3: all three non-zero cells are "<5".  The total is a
 * hidden member of the column: 1 + 2 = total with all in 1..4 leaves
 * (1,2,3), (2,1,3), (1,3,4), ... so nothing more is hidden; 0 is shown. */
static void test_suppress__small_total_counts_as_hidden(void **state)
{
    (void)state;
    uf_report *r;
    const long v[] = { 1, 2, 0 };
    uf_table *t = one_column(&r, v, 3, 3);
    assert_int_equal(uf_suppress_table(r, t, 5), 3);
    assert_string_equal(column_states(t, 0), "SS.S");
    uf_report_free(r);
}

/* Zeros are shown; a table with nothing to hide gets no footnote. */
static void test_suppress__zero_shown(void **state)
{
    (void)state;
    uf_report *r;
    const long v[] = { 0, 25, 0, 30 };
    uf_table *t = one_column(&r, v, 4, 55);
    assert_int_equal(uf_suppress_table(r, t, 5), 0);
    assert_string_equal(column_states(t, 0), ".....");
    assert_int_equal(t->nnotes, 0);
    uf_report_free(r);
}

/* Overlapping groups (a case in several insats groups) do not add up to
 * the total, so only the "<5" itself is hidden. */
static void test_suppress__overlapping_groups_no_column_secondary(void **state)
{
    (void)state;
    uf_report *r;
    const long v[] = { 3, 10, 12, 40 };
    uf_table *t = one_column(&r, v, 4, 50);
    t->groups_overlap = true;
    assert_int_equal(uf_suppress_table(r, t, 5), 1);
    assert_string_equal(column_states(t, 0), "S....");
    uf_report_free(r);
}

/* One row, parts 3, 10, 20 of a row total 33: across the row the same
 * rule as down a column. */
static void test_suppress__row_parts_of_row_total(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 4);
    uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, false);
    for (int c = 1; c < 4; c++) {
        uf_table_col(r, t, c, "k", "Del", UF_C_COUNT, 0, false);
        uf_table_part_of(t, c, 0);
    }
    int row = uf_table_row(r, t, false);
    const long v[] = { 33, 3, 10, 20 };
    for (int c = 0; c < 4; c++)
        uf_cell_count(t, row, c, v[c]);
    assert_int_equal(uf_suppress_table(r, t, 5), 2);
    assert_string_equal(states(t, 0, 3), ".SX.");
    uf_report_free(r);
}

/*
 * Rows and columns together (columns A, B, C add up to n in each row):
 *            n    A    B    C
 *   pojkar  65   20   15   30
 *   flickor 23    3    8   12
 *   totalt  88   23   23   42
 * The 3 is "<5".  Any protection needs a closed path of hidden cells
 * through it; the cheapest avoiding totals is the rectangle flickor B (8),
 * pojkar B (15), pojkar A (20): sum 43 (through C it would be 12 + 30 + 20
 * = 62).  Then +1 on flickor A, -1 flickor B, +1 pojkar B, -1 pojkar A
 * fits every row and column.
 */
static void test_suppress__rows_and_columns_rectangle(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 4);
    uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, true);
    for (int c = 1; c < 4; c++) {
        uf_table_col(r, t, c, "k", "Del", UF_C_COUNT, 0, true);
        uf_table_part_of(t, c, 0);
    }
    const long v[3][4] = { { 65, 20, 15, 30 }, { 23, 3, 8, 12 }, { 88, 23, 23, 42 } };
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, i == 2);
        for (int c = 0; c < 4; c++)
            uf_cell_count(t, row, c, v[i][c]);
    }
    assert_int_equal(uf_suppress_table(r, t, 5), 4);
    assert_string_equal(states(t, 0, 3), ".XX.|.SX.|....");
    uf_report_free(r);
}

/*
 * Threshold 3, columns A, B, C add up to n:
 *            n    A    B    C
 *   grupp 1  2    1    1    0
 *   grupp 2 60   10   20   30
 *   totalt  62   11   21   30
 * Row 1 is "<3", "<3", "<3", 0: two cells of at least 1 under a total of
 * at most 2 are 1, 1, 2 whatever else is hidden.  So one "<3" is shown as
 * "x" (any count) instead: the n of row 1 can then only move with A (n - 1 means
 * A = 0), which needs grupp 2's A and n to balance its column and row
 * (cheaper than through B: 10 < 20), and B then needs grupp 2's B.
 * The reader gets A in 0..1, B in 1..2, n in 1..2.
 */
static void test_suppress__small_bounds_alone_pin_shown_as_any(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 4);
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
    assert_int_equal(uf_suppress_table(r, t, 3), 6); /* 3 "<3" + 3 more hidden */
    assert_string_equal(states(t, 0, 3), "SAS.|XXX.|....");
    uf_report_free(r);
}

/* A table without rows, or without counts, is left alone. */
static void test_suppress__empty_table(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 2);
    assert_int_equal(uf_suppress_table(r, t, 5), 0);
    uf_table_col(r, t, 0, "namn", "Namn", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "datum", "Datum", UF_C_DATE, 0, false);
    int row = uf_table_row(r, t, true);
    uf_cell_text(r, t, row, 0, "Totalt");
    assert_int_equal(uf_suppress_table(r, t, 5), 0);
    assert_int_equal(t->nnotes, 0);
    uf_report_free(r);
}

/* A count column that adds up to nothing gets no secondary suppression. */
static void test_suppress__count_without_lines_only_primary(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 1);
    uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, false);
    const long v[] = { 3, 10, 12, 65 };
    for (int i = 0; i < 4; i++)
        uf_cell_count(t, uf_table_row(r, t, i == 3), 0, v[i]);
    assert_int_equal(uf_suppress_table(r, t, 5), 1);
    assert_string_equal(column_states(t, 0), "S...");
    uf_report_free(r);
}

/* Percentages linked to the counts 3 (hidden "<5") and 10 (hidden as its
 * protection) are hidden; the one of 12 stays.  Their n is the total 65.
 * The share of 3 is hidden first as resting on a numerator of 3 persons
 * (4,6 % of 65 gives 3), the share of 10 through its link. */
static void test_suppress__percent_linked_to_hidden_count(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 2);
    uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 1, "pct", "Andel", UF_C_PERCENT, 1, false);
    const long v[] = { 3, 10, 12, 40, 65 };
    for (int i = 0; i < 5; i++) {
        int row = uf_table_row(r, t, i == 4);
        uf_cell_count(t, row, 0, v[i]);
        uf_cell_percent(t, row, 1, 100.0 * (double)v[i] / 65.0, 65, 0);
    }
    assert_int_equal(uf_suppress_table(r, t, 5), 4);
    assert_string_equal(states(t, 0, 1), "SF|XX|..|..|..");
    uf_report_free(r);
}

/*
 * Share = before_any / n_paired.  n_paired 3, 10, 40 (total 53) hides the
 * 3 and, to protect it, the 10.  In the row of the 10, before_any 6 is
 * shown (that column adds up to nothing here) and 60 % of n_paired would
 * give n_paired = 6 / 0.6 = 10: the share is hidden.  The share over 3
 * persons is hidden as resting on too few.
 */
static void test_suppress__percent_would_give_hidden_denominator(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 3);
    uf_table_col(r, t, 0, "n_paired", "Parade", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 1, "before_any", "Före", UF_C_COUNT, 0, false);
    uf_table_col(r, t, 2, "before_pct", "Före %", UF_C_PERCENT, 1, false);
    const long n[] = { 3, 10, 40, 53 }, k[] = { 0, 6, 30, 36 };
    for (int i = 0; i < 4; i++) {
        int row = uf_table_row(r, t, i == 3);
        uf_cell_count(t, row, 0, n[i]);
        uf_cell_count(t, row, 1, k[i]);
        uf_cell_percent(t, row, 2, 100.0 * (double)k[i] / (double)n[i], n[i], 1);
    }
    assert_int_equal(uf_suppress_table(r, t, 5), 4);
    assert_string_equal(states(t, 0, 2), "S.F|X.X|...|...");
    uf_report_free(r);
}

/* A statistic over 4 persons is hidden, over 5 shown; n = 0 is hidden and
 * n = -1 (not applicable) never.  (The shares are 100 %: a numerator of n,
 * so that only the base decides here.) */
static void test_suppress__statistic_over_fewer_than_threshold(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 2);
    uf_table_col(r, t, 0, "mean", "Medel", UF_C_NUMBER, 1, false);
    uf_table_col(r, t, 1, "pct", "Andel", UF_C_PERCENT, 1, false);
    const long n[] = { 4, 5, 0, -1 };
    for (int i = 0; i < 4; i++) {
        int row = uf_table_row(r, t, false);
        uf_cell_number(t, row, 0, 2.5, n[i]);
        uf_cell_percent(t, row, 1, 100.0, n[i], -1);
    }
    assert_int_equal(uf_suppress_table(r, t, 5), 4);
    assert_string_equal(states(t, 0, 1), "FF|..|FF|..");
    assert_true(has_note(t, "..: värdet visas inte, eftersom det bygger på färre än 5 personer."));
    uf_report_free(r);
}

/* A test whose smallest group has 4 persons is not run; 5 is enough. */
static void test_suppress__pvalue_small_group_not_tested(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 1);
    uf_table_col(r, t, 0, "p", "p-värde", UF_C_PVALUE, 3, false);
    const long n[] = { 4, 5, -1 };
    for (int i = 0; i < 3; i++)
        uf_cell_pvalue(t, uf_table_row(r, t, false), 0, 0.03, n[i]);
    assert_int_equal(uf_suppress_table(r, t, 5), 1);
    assert_string_equal(column_states(t, 0), "N..");
    assert_true(has_note(t, "–: inget test: det görs bara när varje grupp har minst 5 "
                            "personer, när det inte röjer ett antal under 5 och när det kan ge "
                            "p under 0,05."));
    uf_report_free(r);
}

/* A missing value stays missing, is not counted and gets its footnote. */
static void test_suppress__missing_kept_and_noted(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 1);
    uf_table_col(r, t, 0, "mean", "Medel", UF_C_NUMBER, 1, false);
    uf_cell_none(t, uf_table_row(r, t, false), 0, UF_SUPP_MISSING);
    uf_cell_number(t, uf_table_row(r, t, false), 0, 1.5, 30);
    assert_int_equal(uf_suppress_table(r, t, 5), 0);
    assert_string_equal(column_states(t, 0), "M.");
    assert_int_equal(t->nnotes, 1);
    assert_string_equal(t->notes[0], ".: uppgift saknas (inget värde att räkna fram).");
    uf_report_free(r);
}

/* Threshold 2 is raised to 3: the 2 is "<3" (1..2).  It can only be
 * smaller, so its partner must be able to grow: the 3, next smallest, is
 * hidden (the reader knows 2 + 3 = 5 and ".." >= 3: (2,3) or (1,4)). */
static void test_suppress__threshold_clamped_to_three(void **state)
{
    (void)state;
    uf_report *r;
    const long v[] = { 2, 3, 40, 50 };
    uf_table *t = one_column(&r, v, 4, 95);
    assert_int_equal(uf_suppress_report(r, 2), 2);
    assert_int_equal(r->threshold, 3);
    assert_string_equal(column_states(t, 0), "SX...");
    assert_true(has_note(t, "<3: antalet är 1–2 personer och visas inte (röjandeskydd)."));
    char buf[UF_SUPP_SYMBOL_SIZE];
    assert_string_equal(uf_supp_symbol(UF_SUPP_SMALL, r->threshold, buf), "<3");
    assert_string_equal(uf_supp_symbol(UF_SUPP_SMALL, 1, buf), "<3");
    uf_report_free(r);
}

/* Threshold 10: the 9 is "<10" and can only be smaller, which the 10 can
 * balance by growing: 9 + 10 = 19 is also 8 + 11. */
static void test_suppress__threshold_ten(void **state)
{
    (void)state;
    uf_report *r;
    const long v[] = { 9, 10, 15, 200 };
    uf_table *t = one_column(&r, v, 4, 234);
    assert_int_equal(uf_suppress_report(r, 10), 2);
    assert_int_equal(r->threshold, 10);
    assert_string_equal(column_states(t, 0), "SX...");
    assert_true(has_note(t, "<10: antalet är 1–9 personer och visas inte (röjandeskydd)."));
    char buf[UF_SUPP_SYMBOL_SIZE];
    assert_string_equal(uf_supp_symbol(UF_SUPP_SMALL, 10, buf), "<10");
    uf_report_free(r);
}

/* Every table of every section; counts add up; a second run hides nothing
 * more and adds no footnote twice. */
static void test_suppress__report_all_tables_once(void **state)
{
    (void)state;
    uf_report *r = uf_report_new("test", "Test");
    for (int s = 0; s < 2; s++) {
        uf_section *sec = uf_report_section(r, "Avsnitt");
        for (int k = 0; k < 2; k++) {
            uf_table *t = uf_section_table(r, sec, "t", "Tabell", 1);
            uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, true);
            const long v[] = { 3, 10, 12, 65 };
            for (int i = 0; i < 4; i++)
                uf_cell_count(t, uf_table_row(r, t, i == 3), 0, v[i] - (i < 3 ? 0 : 40));
        }
    }
    assert_int_equal(uf_suppress_report(r, 5), 8);
    assert_int_equal(r->threshold, 5);
    assert_int_equal(uf_suppress_report(r, 5), 0);
    assert_int_equal(r->sections[1]->tables[1]->nnotes, 2);
    assert_string_equal(column_states(r->sections[1]->tables[1], 0), "SX..");
    uf_report_free(r);
}

/* Both FEW and SECONDARY in one table share one ".." footnote.  The mean
 * of the second row shows its n, 10, which is the count hidden to protect
 * the 3 (13 - 10 = 3): it is hidden with it. */
static void test_suppress__footnote_for_few_and_secondary(void **state)
{
    (void)state;
    uf_report *r;
    uf_table *t = new_table(&r, 2);
    uf_table_col(r, t, 0, "n", "Antal", UF_C_COUNT, 0, true);
    uf_table_col(r, t, 1, "mean", "Medel", UF_C_NUMBER, 1, false);
    const long v[] = { 3, 10, 13 };
    for (int i = 0; i < 3; i++) {
        int row = uf_table_row(r, t, i == 2);
        uf_cell_count(t, row, 0, v[i]);
        uf_cell_number(t, row, 1, 4.0, v[i]);
    }
    assert_int_equal(uf_suppress_table(r, t, 5), 4);
    assert_string_equal(states(t, 0, 1), "SF|XX|..");
    assert_int_equal(t->nnotes, 2);
    assert_true(has_note(t, "..: värdet visas inte, eftersom det bygger på färre än 5 personer "
                            "eller annars skulle röja ett dolt värde."));
    uf_report_free(r);
}

static void test_suppress__symbols_and_reasons(void **state)
{
    (void)state;
    char buf[UF_SUPP_SYMBOL_SIZE];
    assert_string_equal(uf_supp_symbol(UF_SHOWN, 5, buf), "");
    assert_string_equal(uf_supp_symbol(UF_SUPP_SMALL, 5, buf), "<5");
    assert_string_equal(uf_supp_symbol(UF_SUPP_SECONDARY, 5, buf), "..");
    assert_string_equal(uf_supp_symbol(UF_SUPP_FEW, 5, buf), "..");
    assert_string_equal(uf_supp_symbol(UF_SUPP_NOTEST, 5, buf), "–");
    assert_string_equal(uf_supp_symbol(UF_SUPP_MISSING, 5, buf), ".");
    assert_string_equal(uf_supp_symbol(UF_SUPP_ANY, 5, buf), "x");
    assert_string_equal(uf_supp_reason(UF_SHOWN), "");
    const uf_supp all[] = { UF_SUPP_SMALL, UF_SUPP_SECONDARY, UF_SUPP_FEW, UF_SUPP_NOTEST,
                            UF_SUPP_MISSING };
    for (int i = 0; i < 5; i++) {
        assert_true(strlen(uf_supp_reason(all[i])) > 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(uf_supp_reason(all[i]), uf_supp_reason(all[j]));
    }
}

/* ---- random tables ---------------------------------------------------- */

#define GMAX 9 /* group rows + the total row */
#define PMAX 7 /* part columns + the row-total column */
#define INF 1000000000000LL
#define BIG (1LL << 24) /* a hidden count this large means "no upper bound" */
#ifndef NTABLES
#define NTABLES 1000 /* random tables per threshold */
#endif

/* A table of counts: rows 0..g-1 groups, row g the total; columns 0..p-1
 * parts, column p their row total (when has_k). */
typedef struct grid {
    int g, p;
    bool has_k, overlap;
    long v[GMAX][PMAX];
    long pn[GMAX]; /* smallest group of the p-value in each row */
} grid;

/* Columns of the built table: a label, the parts, the row total, a share
 * of each part, a mean over the row total and a p-value. */
static int col_part(int j)
{
    return 1 + j;
}
static int col_k(const grid *G)
{
    return 1 + G->p;
}
static int col_pct(const grid *G, int j)
{
    return 2 + G->p + j;
}
static int col_mean(const grid *G)
{
    return 2 + 2 * G->p;
}
static int col_pval(const grid *G)
{
    return 3 + 2 * G->p;
}
static int col_of(const grid *G, int j)
{
    return j == G->p ? col_k(G) : col_part(j);
}

static unsigned long long rng;

/* splitmix64: deterministic, the same tables on every machine. */
static unsigned long long next_random(void)
{
    unsigned long long z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int rand_in(int lo, int hi)
{
    return lo + (int)(next_random() % (unsigned long long)(hi - lo + 1));
}

/* Many zeros and 1..4, values near the threshold, and larger ones. */
static long draw(int th, bool sparse)
{
    int k = rand_in(0, 9);
    if (k < 3 || (sparse && k < 6))
        return 0;
    if (k < 6 || sparse)
        return rand_in(1, 4);
    if (k == 6)
        return rand_in(1, th + 3);
    return rand_in(5, 80);
}

static void make_grid(grid *G, int th, int gmax, int pmax, bool allow_overlap)
{
    memset(G, 0, sizeof *G);
    G->g = rand_in(2, gmax);
    G->p = rand_in(1, pmax);
    G->has_k = rand_in(0, 7) != 0;
    G->overlap = allow_overlap && rand_in(0, 7) == 0;
    for (int r = 0; r < G->g; r++) {
        bool sparse = rand_in(0, 3) == 0;
        for (int j = 0; j < G->p; j++) {
            G->v[r][j] = draw(th, sparse);
            G->v[r][G->p] += G->v[r][j];
            G->v[G->g][j] += G->v[r][j];
        }
        G->pn[r] = rand_in(0, 12);
    }
    for (int j = 0; j < G->p; j++) {
        if (G->overlap) /* a case in several groups is counted once */
            G->v[G->g][j] -= rand_in(0, (int)(G->v[G->g][j] / 3));
        G->v[G->g][G->p] += G->v[G->g][j];
    }
}

static uf_table *build(uf_report **r, const grid *G)
{
    uf_table *t = new_table(r, 4 + 2 * G->p);
    t->groups_overlap = G->overlap;
    uf_table_col(*r, t, 0, "grupp", "Grupp", UF_C_TEXT, 0, false);
    for (int j = 0; j < G->p; j++) {
        uf_table_col(*r, t, col_part(j), "del", "Del", UF_C_COUNT, 0, true);
        uf_table_col(*r, t, col_pct(G, j), "pct", "Andel", UF_C_PERCENT, 1, false);
        if (G->has_k)
            uf_table_part_of(t, col_part(j), col_k(G));
    }
    uf_table_col(*r, t, col_k(G), "n", "Antal", G->has_k ? UF_C_COUNT : UF_C_EMPTY, 0, true);
    uf_table_col(*r, t, col_mean(G), "medel", "Medel", UF_C_NUMBER, 1, false);
    uf_table_col(*r, t, col_pval(G), "p", "p", UF_C_PVALUE, 3, false);
    for (int i = 0; i <= G->g; i++) {
        int row = uf_table_row(*r, t, i == G->g);
        long k = G->v[i][G->p];
        uf_cell_text(*r, t, row, 0, i == G->g ? "Totalt" : "Grupp");
        for (int j = 0; j < G->p; j++) {
            uf_cell_count(t, row, col_part(j), G->v[i][j]);
            if (G->has_k && k > 0)
                uf_cell_percent(t, row, col_pct(G, j), 100.0 * (double)G->v[i][j] / (double)k, k,
                                col_part(j));
            else
                uf_cell_none(t, row, col_pct(G, j), UF_SUPP_MISSING);
        }
        if (G->has_k)
            uf_cell_count(t, row, col_k(G), k);
        uf_cell_number(t, row, col_mean(G), 3.5, G->has_k ? k : G->pn[i]);
        if (i < G->g)
            uf_cell_pvalue(t, row, col_pval(G), 0.04, G->pn[i]);
    }
    return t;
}

/* ---- the reader: tables that fit, as flows ----------------------------- */

#define NMAX 24

typedef struct acell {
    int r, j;         /* grid row and column */
    int from, to;     /* flow nodes */
    long long lo, hi; /* what the reader knows */
    long truth;
    bool hid;
} acell;

typedef struct audit {
    int nodes, n;
    acell a[GMAX * PMAX];
} audit;

enum { WEAK, STRONG };

/*
 * The reader's view of suppressed table t.  Nodes: one per group row (its
 * parts add up to its total), the total row, one per part column (its
 * groups add up to its total), the row-total column, and a free node for
 * sums that are no equation (no row total; overlapping groups).  WEAK: a
 * hidden ".." is >= 0; STRONG: also >= th (1..th-1 would be "<th").
 * Hidden cells inside the table are capped at cap (for enumeration).
 */
static void reader(audit *A, const grid *G, const uf_table *t, int th, int model, long long cap)
{
    int g = G->g, p = G->p, free_node = g + p + 2;
    int R[GMAX], C[PMAX];
    for (int r = 0; r <= g; r++)
        R[r] = G->has_k ? r : free_node;
    for (int j = 0; j <= p; j++)
        C[j] = G->overlap ? free_node : g + 1 + j;
    memset(A, 0, sizeof *A);
    A->nodes = free_node + 1;
    for (int r = 0; r <= g; r++)
        for (int j = 0; j <= p - (G->has_k ? 0 : 1); j++) {
            acell *a = &A->a[A->n++];
            const uf_cell *cell = at(t, r, col_of(G, j));
            a->r = r;
            a->j = j;
            if (j == p) { /* row totals: out of the total column's node */
                a->from = r == g ? R[g] : C[p];
                a->to = r == g ? C[p] : R[r];
            } else { /* parts: from their row to their column */
                a->from = r == g ? C[j] : R[r];
                a->to = r == g ? R[g] : C[j];
            }
            a->truth = G->v[r][j];
            a->hid = cell->supp != UF_SHOWN;
            a->lo = a->hi = a->truth;
            if (cell->supp == UF_SUPP_SMALL) {
                a->lo = 1;
                a->hi = th - 1;
            } else if (a->hid) {
                a->lo = model == STRONG && a->truth >= th ? th : 0;
                a->hi = INF;
            }
            if (a->hid && r < g && j < p && a->hi > cap)
                a->hi = cap;
        }
}

static long long max_flow(long long cap[NMAX][NMAX], int n, int s, int t)
{
    long long total = 0;
    for (;;) {
        int prev[NMAX], queue[NMAX], head = 0, tail = 0;
        for (int i = 0; i < n; i++)
            prev[i] = -1;
        prev[s] = s;
        queue[tail++] = s;
        while (head < tail && prev[t] < 0) {
            int u = queue[head++];
            for (int v = 0; v < n; v++)
                if (prev[v] < 0 && cap[u][v] > 0) {
                    prev[v] = u;
                    queue[tail++] = v;
                }
        }
        if (prev[t] < 0)
            return total;
        long long aug = INF * 100;
        for (int v = t; v != s; v = prev[v])
            if (cap[prev[v]][v] < aug)
                aug = cap[prev[v]][v];
        for (int v = t; v != s; v = prev[v]) {
            cap[prev[v]][v] -= aug;
            cap[v][prev[v]] += aug;
        }
        total += aug;
    }
}

/* Does a table fit, with cell k's bounds replaced by lo..hi (k = -1: none)?
 * A circulation with lower bounds: each lower bound moved into the nodes'
 * excess, which a super source and sink must carry in full. */
static bool fits(const audit *A, int k, long long lo, long long hi)
{
    long long cap[NMAX][NMAX], excess[NMAX] = { 0 }, need = 0;
    int s = A->nodes, t = A->nodes + 1;
    memset(cap, 0, sizeof cap);
    for (int i = 0; i < A->n; i++) {
        const acell *a = &A->a[i];
        long long l = i == k ? lo : a->lo, h = i == k ? hi : a->hi;
        if (l > h)
            return false;
        cap[a->from][a->to] += h - l;
        excess[a->to] += l;
        excess[a->from] -= l;
    }
    for (int v = 0; v < A->nodes; v++) {
        if (excess[v] > 0) {
            cap[s][v] += excess[v];
            need += excess[v];
        } else {
            cap[v][t] -= excess[v];
        }
    }
    return max_flow(cap, A->nodes + 2, s, t) == need;
}

/* The smallest and largest value of cell k over all tables that fit
 * (*max = INF when it has no bound below BIG). */
static void range_of(const audit *A, int k, long long *min, long long *max)
{
    const acell *a = &A->a[k];
    long long lo = a->lo, hi = a->truth; /* fits with k in lo..hi */
    while (lo < hi) {
        long long mid = lo + (hi - lo) / 2;
        if (fits(A, k, a->lo, mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    *min = hi;
    if (a->hi >= BIG && fits(A, k, BIG, a->hi)) {
        *max = INF;
        return;
    }
    long long ok = a->truth, bad = (a->hi < BIG ? a->hi : BIG) + 1, step = 1;
    while (ok + step < bad && fits(A, k, ok + step, a->hi)) {
        ok += step;
        step *= 2;
    }
    if (ok + step < bad)
        bad = ok + step;
    while (bad - ok > 1) {
        long long mid = ok + (bad - ok) / 2;
        if (fits(A, k, mid, a->hi))
            ok = mid;
        else
            bad = mid;
    }
    *max = ok;
}

typedef struct tally {
    int tables, hidden_counts, relabeled, hidden_other;
} tally;

/* Rules 1 and 3 seen from the reader, and what a share gives away: a
 * shown share of a shown count k > 0 gives its denominator, the row total. */
static void audit_cells(const grid *G, const uf_table *t, int th, tally *n)
{
    for (int r = 0; r <= G->g; r++)
        for (int c = 0; c < t->ncols; c++) {
            const uf_cell *x = at(t, r, c);
            if (x->type == UF_C_COUNT && x->v >= 1 && x->v < th)
                assert_int_not_equal(x->supp, UF_SHOWN);
            if ((x->type == UF_C_NUMBER || x->type == UF_C_PERCENT || x->type == UF_C_PVALUE) &&
                x->n >= 0 && x->n < th)
                assert_int_not_equal(x->supp, UF_SHOWN);
            if (x->supp != UF_SHOWN && x->type != UF_C_COUNT && x->supp != UF_SUPP_MISSING)
                n->hidden_other++;
            if (x->supp != UF_SHOWN || x->link < 0)
                continue;
            const uf_cell *k = at(t, r, x->link);
            assert_true(k->supp == UF_SHOWN);
            if (k->v > 0 && G->has_k)
                assert_true(at(t, r, col_k(G))->supp == UF_SHOWN);
        }
}

/* On failure: the cell and the table, value and state letter per cell. */
static void show_pinned(const grid *G, const uf_table *t, const acell *a, int th)
{
    print_error("pinned: row %d column %d = %ld (t=%d, row total %d, overlap %d)\n", a->r, a->j,
                a->truth, th, G->has_k, G->overlap);
    for (int r = 0; r <= G->g; r++) {
        for (int j = 0; j <= G->p - (G->has_k ? 0 : 1); j++)
            print_error("%5ld%c", G->v[r][j], letter(at(t, r, col_of(G, j))->supp));
        print_error("\n");
    }
}

/* Suppress a random table and play the reader; every hidden count must
 * keep at least two possible values. */
static void audit_one(int th, tally *n)
{
    grid G;
    uf_report *r;
    audit A;
    make_grid(&G, th, 8, 6, true);
    uf_table *t = build(&r, &G);
    assert_true(uf_suppress_table(r, t, th) >= 0);
    audit_cells(&G, t, th, n);
    reader(&A, &G, t, th, WEAK, INF);
    assert_true(fits(&A, -1, 0, 0));
    for (int i = 0; i < A.n; i++) {
        if (!A.a[i].hid)
            continue;
        long long min, max;
        range_of(&A, i, &min, &max);
        if (min >= max)
            show_pinned(&G, t, &A.a[i], th);
        assert_true(min <= A.a[i].truth && A.a[i].truth <= max);
        assert_true(min < max);
        n->hidden_counts++;
        n->relabeled += A.a[i].truth < th && A.a[i].lo == 0;
    }
    /* the stronger reader, who reads ".." on a count as >= th, too */
    reader(&A, &G, t, th, STRONG, INF);
    for (int i = 0; i < A.n; i++)
        if (A.a[i].hid)
            assert_true(fits(&A, i, A.a[i].lo, A.a[i].truth - 1) ||
                        fits(&A, i, A.a[i].truth + 1, A.a[i].hi));
    n->tables++;
    uf_report_free(r);
}

static void test_suppress__random_tables_audit(void **state)
{
    (void)state;
    const int thresholds[] = { 3, 5, 10 };
    tally n = { 0, 0, 0, 0 };
    rng = 20261123;
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < NTABLES; i++)
            audit_one(thresholds[k], &n);
    print_message("audited %d random tables: %d hidden counts (%d of 1..t-1 shown as \"..\"), "
                  "%d other hidden cells\n",
                  n.tables, n.hidden_counts, n.relabeled, n.hidden_other);
    assert_int_equal(n.tables, 3 * NTABLES);
}

/* ---- the reader checked against enumeration ----------------------------- */

/* Every table that fits, by trying every value of the hidden cells inside
 * (rows and columns totals follow); min and max of each cell into mn/mx. */
static void enumerate(const grid *G, const audit *A, long long cap, long long mn[], long long mx[])
{
    int hid[GMAX * PMAX], nh = 0;
    long val[GMAX][PMAX];
    for (int i = 0; i < A->n; i++) {
        mn[i] = INF;
        mx[i] = -1;
        if (A->a[i].hid && A->a[i].r < G->g && A->a[i].j < G->p)
            hid[nh++] = i;
        val[A->a[i].r][A->a[i].j] = A->a[i].truth;
    }
    long long combos = 1;
    for (int h = 0; h < nh; h++)
        combos *= cap + 1;
    for (long long code = 0; code < combos; code++) {
        long long rest = code;
        for (int h = 0; h < nh; h++) {
            val[A->a[hid[h]].r][A->a[hid[h]].j] = (long)(rest % (cap + 1));
            rest /= cap + 1;
        }
        for (int j = 0; j <= G->p; j++) /* totals follow from the inside */
            val[G->g][j] = 0;
        for (int r = 0; r < G->g; r++) {
            val[r][G->p] = 0;
            for (int j = 0; j < G->p; j++) {
                val[r][G->p] += val[r][j];
                val[G->g][j] += val[r][j];
                val[G->g][G->p] += val[r][j];
            }
        }
        bool ok = true;
        for (int i = 0; i < A->n && ok; i++)
            ok = val[A->a[i].r][A->a[i].j] >= A->a[i].lo && val[A->a[i].r][A->a[i].j] <= A->a[i].hi;
        for (int i = 0; i < A->n && ok; i++) {
            long long v = val[A->a[i].r][A->a[i].j];
            mn[i] = v < mn[i] ? v : mn[i];
            mx[i] = v > mx[i] ? v : mx[i];
        }
    }
}

static void test_suppress__reader_agrees_with_enumeration(void **state)
{
    (void)state;
    const long long cap = 14;
    int compared = 0;
    rng = 7;
    for (int iter = 0; iter < 400; iter++) {
        grid G;
        uf_report *r;
        audit A;
        int th = iter % 2 ? 3 : 5;
        make_grid(&G, th, 3, 2, false);
        uf_table *t = build(&r, &G);
        assert_true(uf_suppress_table(r, t, th) >= 0);
        reader(&A, &G, t, th, iter % 3 ? WEAK : STRONG, cap);
        int nh = 0;
        bool small = true; /* the true table within the cap */
        for (int i = 0; i < A.n; i++)
            if (A.a[i].hid && A.a[i].r < G.g && A.a[i].j < G.p) {
                nh++;
                small = small && A.a[i].truth <= cap;
            }
        if (nh <= 4 && small) {
            long long mn[GMAX * PMAX], mx[GMAX * PMAX];
            enumerate(&G, &A, cap, mn, mx);
            for (int i = 0; i < A.n; i++) {
                if (!A.a[i].hid)
                    continue;
                long long min, max;
                range_of(&A, i, &min, &max);
                assert_int_equal(min, mn[i]);
                assert_int_equal(max, mx[i]);
                compared++;
            }
        }
        uf_report_free(r);
    }
    print_message("reader against enumeration: %d hidden counts compared\n", compared);
    assert_true(compared > 200);
}

/* ---- nested row totals, by search ---------------------------------------- */

/*
 * Columns A + B = K and K + C = M in each row, every column adds up over
 * the groups: the row total K is itself part of M.  The reader here is a
 * plain search: for each hidden count, is there another integer table
 * that fits, with every hidden cell within 2 of its true value and its
 * bounds?  (When any other table fits, one within 1 does: the difference
 * of two tables splits into closed paths of +-1 changes.)
 */
enum { NA, NB, NK, NC, NM, NCOLS };
#define NROWS 4

typedef struct nested {
    int rows; /* groups + the total row */
    long v[NROWS][NCOLS];
    long lo[NROWS][NCOLS], hi[NROWS][NCOLS];
    int var[NROWS * NCOLS]; /* hidden cells: r * NCOLS + c */
    int nvar;
} nested;

/* Do the lines that hold cell (r, c) add up where all their cells are set
 * (set[] by cell)? */
static bool nested_lines_ok(const nested *N, const bool *set, int r, int c)
{
    const int parts[2][3] = { { NA, NB, NK }, { NK, NC, NM } };
    for (int k = 0; k < 2; k++) {
        const int *l = parts[k];
        if ((c == l[0] || c == l[1] || c == l[2]) && set[r * NCOLS + l[0]] &&
            set[r * NCOLS + l[1]] && set[r * NCOLS + l[2]] &&
            N->v[r][l[0]] + N->v[r][l[1]] != N->v[r][l[2]])
            return false;
    }
    long sum = 0;
    for (int i = 0; i < N->rows; i++) {
        if (!set[i * NCOLS + c])
            return true;
        sum += i < N->rows - 1 ? N->v[i][c] : -N->v[i][c];
    }
    return sum == 0;
}

/* Set hidden cells k.. within 2 of their values; cell x never to avoid.
 * true when a whole table fits (N->v is then that table). */
static bool nested_search(nested *N, bool *set, long truth[NROWS][NCOLS], int k, int x, long avoid)
{
    if (k == N->nvar)
        return true;
    int r = N->var[k] / NCOLS, c = N->var[k] % NCOLS;
    long lo = truth[r][c] - 2 > N->lo[r][c] ? truth[r][c] - 2 : N->lo[r][c];
    long hi = truth[r][c] + 2 < N->hi[r][c] ? truth[r][c] + 2 : N->hi[r][c];
    set[N->var[k]] = true;
    for (long v = lo; v <= hi; v++) {
        N->v[r][c] = v;
        if ((k == x && v == avoid) || !nested_lines_ok(N, set, r, c))
            continue;
        if (nested_search(N, set, truth, k + 1, x, avoid))
            return true;
    }
    set[N->var[k]] = false;
    N->v[r][c] = truth[r][c];
    return false;
}

static void test_suppress__nested_row_totals_audit(void **state)
{
    (void)state;
    int tables = 0, checked = 0;
    rng = 99;
    for (int iter = 0; iter < 300; iter++) {
        int th = 3 + (iter % 3) * 2, g = rand_in(2, 3);
        uf_report *r;
        nested N;
        long truth[NROWS][NCOLS];
        memset(&N, 0, sizeof N);
        N.rows = g + 1;
        uf_table *t = new_table(&r, NCOLS);
        for (int c = 0; c < NCOLS; c++)
            uf_table_col(r, t, c, "c", "Kolumn", UF_C_COUNT, 0, true);
        uf_table_part_of(t, NA, NK);
        uf_table_part_of(t, NB, NK);
        uf_table_part_of(t, NK, NM);
        uf_table_part_of(t, NC, NM);
        for (int i = 0; i < g; i++) {
            N.v[i][NA] = draw(th, false);
            N.v[i][NB] = draw(th, false);
            N.v[i][NC] = draw(th, false);
            N.v[i][NK] = N.v[i][NA] + N.v[i][NB];
            N.v[i][NM] = N.v[i][NK] + N.v[i][NC];
            for (int c = 0; c < NCOLS; c++)
                N.v[g][c] += N.v[i][c];
        }
        for (int i = 0; i <= g; i++) {
            int row = uf_table_row(r, t, i == g);
            for (int c = 0; c < NCOLS; c++)
                uf_cell_count(t, row, c, N.v[i][c]);
        }
        assert_true(uf_suppress_table(r, t, th) >= 0);
        memcpy(truth, N.v, sizeof truth);
        for (int i = 0; i <= g; i++)
            for (int c = 0; c < NCOLS; c++) {
                uf_supp s = at(t, i, c)->supp;
                N.lo[i][c] = s == UF_SUPP_SMALL ? 1 : s == UF_SHOWN ? truth[i][c] : 0;
                N.hi[i][c] = s == UF_SUPP_SMALL ? th - 1 : s == UF_SHOWN ? truth[i][c] : LONG_MAX;
                if (s != UF_SHOWN)
                    N.var[N.nvar++] = i * NCOLS + c;
                assert_false(s == UF_SHOWN && truth[i][c] >= 1 && truth[i][c] < th);
            }
        for (int k = 0; k < N.nvar; k++) {
            bool set[NROWS * NCOLS];
            for (int i = 0; i < NROWS * NCOLS; i++)
                set[i] = true;
            for (int j = 0; j < N.nvar; j++)
                set[N.var[j]] = false;
            int rr = N.var[k] / NCOLS, cc = N.var[k] % NCOLS;
            assert_true(nested_search(&N, set, truth, 0, k, truth[rr][cc]));
            memcpy(N.v, truth, sizeof truth);
            checked++;
        }
        tables++;
        uf_report_free(r);
    }
    print_message("nested row totals: %d tables, %d hidden counts\n", tables, checked);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suppress__column_hides_next_smallest),
        cmocka_unit_test(test_suppress__two_small_cells_pinned_by_bounds),
        cmocka_unit_test(test_suppress__secondary_cell_at_threshold_cannot_protect_a_one),
        cmocka_unit_test(test_suppress__small_total_counts_as_hidden),
        cmocka_unit_test(test_suppress__zero_shown),
        cmocka_unit_test(test_suppress__overlapping_groups_no_column_secondary),
        cmocka_unit_test(test_suppress__row_parts_of_row_total),
        cmocka_unit_test(test_suppress__rows_and_columns_rectangle),
        cmocka_unit_test(test_suppress__small_bounds_alone_pin_shown_as_any),
        cmocka_unit_test(test_suppress__empty_table),
        cmocka_unit_test(test_suppress__count_without_lines_only_primary),
        cmocka_unit_test(test_suppress__percent_linked_to_hidden_count),
        cmocka_unit_test(test_suppress__percent_would_give_hidden_denominator),
        cmocka_unit_test(test_suppress__statistic_over_fewer_than_threshold),
        cmocka_unit_test(test_suppress__pvalue_small_group_not_tested),
        cmocka_unit_test(test_suppress__missing_kept_and_noted),
        cmocka_unit_test(test_suppress__threshold_clamped_to_three),
        cmocka_unit_test(test_suppress__threshold_ten),
        cmocka_unit_test(test_suppress__report_all_tables_once),
        cmocka_unit_test(test_suppress__footnote_for_few_and_secondary),
        cmocka_unit_test(test_suppress__symbols_and_reasons),
        cmocka_unit_test(test_suppress__random_tables_audit),
        cmocka_unit_test(test_suppress__reader_agrees_with_enumeration),
        cmocka_unit_test(test_suppress__nested_row_totals_audit),
    };
    return cmocka_run_group_tests_name("suppress", tests, NULL, NULL);
}
