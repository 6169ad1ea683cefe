/*
 * suppress_report.c - disclosure control of a whole report (suppress.h,
 * SPEC §8): the rules of each table (suppress.c), then rule 5 across the
 * tables: a count that stands in several tables (uf_cell_key) is one
 * figure, hidden in all of them or in none.  Runs once per report over
 * tens of tables.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include "suppress_internal.h"
#include "uppfolj/suppress.h"

/* More rounds of the audit than a report has cells would be a bug. */
#define UFS_AUDIT_ROUNDS 100000

/* For every table t of report r, in order (the statement after it). */
#define EACH_TABLE(r, t)                                                                           \
    for (int s_ = 0; s_ < (r)->nsections; s_++)                                                    \
        for (int i_ = 0; i_ < (r)->sections[s_]->ntables && ((t) = (r)->sections[s_]->tables[i_]); \
             i_++)

/* Mark the cells whose key stands in more than one table (uf_cell.shared). */
static int mark_shared(uf_report *r)
{
    int *tables = calloc((size_t)r->nkeys + 1, sizeof *tables);
    const uf_table **last = calloc((size_t)r->nkeys + 1, sizeof *last);
    uf_table *t;
    if (!tables || !last) {
        free(tables);
        free(last);
        return -1;
    }
    EACH_TABLE(r, t)
    for (int i = 0; i < t->nrows; i++)
        for (int c = 0; c < t->ncols; c++) {
            int k = t->rows[i].cells[c].key;
            if (k > 0 && k <= r->nkeys && last[k] != t) {
                last[k] = t;
                tables[k]++;
            }
        }
    EACH_TABLE(r, t)
    for (int i = 0; i < t->nrows; i++)
        for (int c = 0; c < t->ncols; c++) {
            uf_cell *x = &t->rows[i].cells[c];
            x->shared = x->key > 0 && x->key <= r->nkeys && tables[x->key] > 1;
        }
    free(tables);
    free(last);
    return 0;
}

/*
 * Rule 5 on r: a count that stands in several tables is one figure: hidden
 * in one, it is hidden in all (and each table so changed is protected
 * again); shown as "x" (any count) in one, it is "x" in all, or a "<5"
 * elsewhere would give its bounds back.  Returns the number of cells
 * hidden, or -1 (memory).
 */
static int same_figure(uf_report *r, int th)
{
    bool *gone = calloc((size_t)r->nkeys + 1, sizeof *gone);
    bool *any = calloc((size_t)r->nkeys + 1, sizeof *any);
    uf_table *t;
    int hid = 0, more;
    if (!gone || !any) {
        free(gone);
        free(any);
        return -1;
    }
    do {
        more = 0;
        EACH_TABLE(r, t)
        for (int i = 0; i < t->nrows; i++)
            for (int c = 0; c < t->ncols; c++) {
                const uf_cell *x = &t->rows[i].cells[c];
                if (x->type == UF_C_COUNT && x->key > 0 && x->key <= r->nkeys && ufs_hidden(x)) {
                    gone[x->key] = true;
                    any[x->key] |= x->supp == UF_SUPP_ANY;
                }
            }
        EACH_TABLE(r, t)
        {
            int here = 0;
            for (int i = 0; i < t->nrows; i++)
                for (int c = 0; c < t->ncols; c++) {
                    uf_cell *x = &t->rows[i].cells[c];
                    if (x->key <= 0 || x->key > r->nkeys || !gone[x->key])
                        continue;
                    if (x->supp == UF_SHOWN) {
                        x->supp = UF_SUPP_SECONDARY;
                        here++;
                    } else if (x->supp == UF_SUPP_SMALL && any[x->key]) {
                        x->supp = UF_SUPP_ANY;
                        here++;
                    }
                }
            int p = here ? ufs_protect(t, th) : 0;
            if (p < 0) {
                free(gone);
                free(any);
                return -1;
            }
            more += here + p;
        }
        hid += more;
    } while (more > 0);
    free(gone);
    free(any);
    return hid;
}

int uf_suppress_report(uf_report *r, int threshold)
{
    assert(r);
    int hid = 0, th = ufs_clamp_threshold(threshold);
    uf_table *t;
    r->threshold = th;
    if (mark_shared(r) < 0) {
        r->failed = true;
        return -1;
    }
    EACH_TABLE(r, t)
    {
        int more = ufs_table_rules(t, th);
        if (more < 0) {
            r->failed = true;
            return -1;
        }
        hid += more;
    }
    int more = same_figure(r, th);
    /* rule 7: the audit of the report as one system; each repair is
     * followed by the table rules and rule 5 again */
    for (int round = 0; more >= 0; round++) {
        int a = ufs_audit(r, th);
        if (a <= 0) {
            more = a < 0 ? -1 : more;
            break;
        }
        more += a;
        EACH_TABLE(r, t)
        {
            int p = more < 0 ? 0 : ufs_protect(t, th); /* a failure stays one */
            more = p < 0 ? -1 : more < 0 ? -1 : more + p;
        }
        int s = more < 0 ? 0 : same_figure(r, th);
        more = s < 0 ? -1 : more + s;
        if (round == UFS_AUDIT_ROUNDS) { /* cannot happen: each round hides */
            r->failed = true;
            return -1;
        }
    }
    if (more < 0) {
        r->failed = true;
        return -1;
    }
    EACH_TABLE(r, t)
    {
        if (uf_table_holm_fill(t) != 0) /* over the p-values shown now */
            r->failed = true;
        ufs_footnotes(r, t, th);
    }
    return r->failed ? -1 : hid + more;
}

int uf_suppress_internal(uf_report *r, int threshold)
{
    assert(r);
    int hid = 0, th = ufs_clamp_threshold(threshold);
    uf_table *t;
    r->threshold = th;
    r->internal = true;
    EACH_TABLE(r, t)
    {
        for (int i = 0; i < t->nrows; i++)
            for (int c = 0; c < t->ncols; c++) {
                uf_cell *x = &t->rows[i].cells[c];
                bool test = x->type == UF_C_PVALUE || t->cols[c].inference;
                if (test && x->supp == UF_SHOWN && x->n >= 0 && x->n < th) {
                    x->supp = x->type == UF_C_PVALUE ? UF_SUPP_NOTEST : UF_SUPP_FEW;
                    hid++;
                }
            }
        if (uf_table_holm_fill(t) != 0)
            r->failed = true;
        ufs_footnotes(r, t, th);
    }
    return r->failed ? -1 : hid;
}
