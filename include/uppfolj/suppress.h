/*
 * suppress.h - disclosure control of the report model (SPEC §8).
 *
 * Part of the aggregation core: it reads the finished report model, marks
 * cells (uf_cell.supp) and adds footnotes, and knows nothing of PDF, XLSX,
 * CSV or JSON.  It is applied once, after a report is built and before any
 * renderer sees it, so that every format shows exactly the same cells, and
 * charts, which only point at table cells, hide what the tables hide.
 *
 * The report is protected as a whole: whatever can be derived from what it
 * shows counts as shown.  The rules, applied to each table (rules 2-4
 * again until nothing more is hidden), then across tables (rules 5 and 7;
 * footnotes, rule 6, come last):
 *
 *  1. Primary.  A count of 1..threshold-1 becomes UF_SUPP_SMALL ("<5"); 0
 *     stays shown.  A number or percentage resting on 0..threshold-1
 *     persons (its n) becomes UF_SUPP_FEW, and so does a percentage whose
 *     numerator (percentage x n) is 1..threshold-1; a p-value whose n (the
 *     smallest group of the test) is below the threshold becomes
 *     UF_SUPP_NOTEST.  A cell that determines a count of 1..threshold-1
 *     besides its n (uf_cell.reveals: an exact test's counts, a share's
 *     numerator, a sum whose other parts are shown) is hidden too.  n = -1 means "not applicable" and is never suppressed.  Cells
 *     already not shown (UF_SUPP_MISSING, ...) are left as they are.
 *
 *  2. Secondary.  Counts in a column marked `additive` add up, over the
 *     group rows, to the row marked `total` (unless the table's groups
 *     overlap); count columns with `part_of == k` add up to column k in each
 *     row.  Further counts are hidden (UF_SUPP_SECONDARY) until no hidden
 *     count can be determined exactly from the shown cells, the equations
 *     and what the symbols say ("<5" is 1..4, ".." on a count is 0 or at
 *     least the threshold) - not by subtraction in one line, and not by
 *     combining rows and columns.  Among the ways to protect a cell the one
 *     that hides the smallest sum of values is taken, group cells before
 *     totals, and counts that stand in other tables too last: in a single
 *     column that is "the next smallest" of SPEC §8.  Zeros are never
 *     hidden.  Where the "<5" bounds alone pin a cell (a row "<3", "<3", 0
 *     with total "<3" is 1, 1, 0, 2), some of those cells are shown as ".."
 *     (UF_SUPP_SECONDARY) instead.  suppress.c explains the method.
 *
 *  3. Links.  A cell whose `link` names a hidden count of its row is hidden
 *     (UF_SUPP_SECONDARY), and so is a statistic whose n (shown beside it)
 *     equals a hidden count of its row.
 *
 *  4. Means through the total row.  In a table with a total row and groups
 *     that do not overlap, a mean or share times its n adds up like a
 *     count: when one group row's value is hidden in such a column, the
 *     statistics of the shown group row with the fewest persons are hidden
 *     too (all of them: a CI gives its mean back).
 *
 *  5. The same figure.  Count cells with the same key (uf_cell_key) are one
 *     figure: hidden in one table, hidden in all, and those tables are
 *     protected again.
 *
 *  7. The audit (suppress_audit.c).  The whole report as one system in
 *     integers: the lines of every table, the same figure in several
 *     tables as one unknown, the bounds of the symbols, and what a table
 *     says beyond its sums (uf_column.within: those with an event are at
 *     most those followed up; uf_table_balance: a month's active cases
 *     are its start plus those started and its end plus those ended, and
 *     its end is the next month's start).  A hidden count that still has one value is
 *     protected by hiding the cheapest change that moves it (solved with
 *     GLPK), and rules 2-5 run again, until none is left.
 *
 *  6. Footnotes.  A table with cells not shown gets one footnote per kind
 *     (uf_table_note), in Swedish, with the threshold's value.
 *
 * Not covered here: a number of persons written into a title or paragraph
 * text is not a cell; builders put such numbers in count cells.  Curves
 * whose steps would show small counts (Kaplan-Meier) are built from
 * rounded counts by their report (report_kohort_surv.c).
 */
#ifndef UPPFOLJ_SUPPRESS_H
#define UPPFOLJ_SUPPRESS_H

#include "uppfolj/model.h"

/** The smallest threshold allowed (SPEC §8: "never below 3"). */
#define UF_SUPP_MIN_THRESHOLD 3

/** Room for any symbol of uf_supp_symbol, "<2147483647" and its NUL. */
#define UF_SUPP_SYMBOL_SIZE 16

/*
 * Apply the rules above to table t of report r with the given threshold
 * (raised to UF_SUPP_MIN_THRESHOLD when lower).  Does not change
 * r->threshold.  Returns the number of cells this call hid, or -1 when
 * memory ran out, now or while the report was built (uf_report_failed(r)
 * is then true; cells may be partly suppressed: do not render it).
 */
int uf_suppress_table(uf_report *r, uf_table *t, int threshold);

/*
 * uf_suppress_table on every table of every section of r, and
 * r->threshold = the threshold used (after raising it to at least 3).
 * Returns the total number of cells hidden, or -1 when memory ran out.
 */
int uf_suppress_report(uf_report *r, int threshold);

/*
 * The internal report (--mottagare intern, SPEC §4): for the unit's own
 * staff, who see every case already.  Nothing is hidden to protect; only
 * a test over fewer than threshold persons in its smallest group is not
 * run (UF_SUPP_NOTEST), as in rule 1, and neither are its confidence
 * limits and statistic (uf_column.inference: UF_SUPP_FEW).  Marks r internal, sets
 * r->threshold and writes the footnotes.  The number of cells hidden, or
 * -1 when memory ran out.
 */
int uf_suppress_internal(uf_report *r, int threshold);

/*
 * The symbol a cell in state s shows in a table: "" for UF_SHOWN, "<T" for
 * UF_SUPP_SMALL (T the threshold, raised to 3 like the suppression: pass
 * r->threshold; written into buf, which is returned, e.g. "<5"), "x" for
 * UF_SUPP_ANY, "–" for UF_SUPP_NOTEST (no test), "." for UF_SUPP_MISSING
 * (no value) and ".." for the rest (hidden to protect): one meaning per
 * symbol, each explained by the table's footnotes (a static string).  buf
 * must hold UF_SUPP_SYMBOL_SIZE bytes and is only written for
 * UF_SUPP_SMALL.  Thread-safe.
 */
const char *uf_supp_symbol(uf_supp s, int threshold, char buf[UF_SUPP_SYMBOL_SIZE]);

/*
 * A short Swedish reason why a cell in state s is not shown, for machine
 * output (the CSV `suppressed` column, JSON): "" for UF_SHOWN.  Static;
 * do not free.  The texts are stable.
 */
const char *uf_supp_reason(uf_supp s);

#endif
