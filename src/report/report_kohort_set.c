/*
 * report_kohort_set.c - what the parts of the kohort report share: the
 * names of the cohorts and their counts as figures (report_kohort.h).  The
 * report (report_kohort.c) and its survival part (report_kohort_surv.c)
 * call down to it.
 */
#include <stdio.h>
#include "report_kohort.h"

const char *kh_name(const kh_set *k, int j)
{
    return k->o->cohorts[j].name;
}

void kh_count(kh_set *k, uf_table *t, int tr, int col, int j, long n)
{
    uf_cell_count(t, tr, col, n);
    char key[96];
    if (n == (long)k->n[j])
        snprintf(key, sizeof key, "kohort %d: analyseras", j + 1);
    else if (n == k->complete[j])
        snprintf(key, sizeof key, "kohort %d: hela perioder", j + 1);
    else
        return;
    uf_cell_key(k->r, t, tr, col, key);
}

int kh_threshold(const kh_set *k)
{
    return k->o->cfg ? k->o->cfg->threshold : 5;
}
