/*
 * model_copy.c - a report without its tables of detail (model.h,
 * uf_report_without_detail): a deep copy made with model.c's own
 * builders, so that what a copy holds is freed as any report is.
 * Disclosure control is not yet applied when it is called; the copy is
 * protected on its own.  Reports have tens of tables: one pass, no sharing.
 */
#include <stdlib.h>
#include <string.h>
#include "uppfolj/model.h"

/* The table of dst made as a copy of t (same columns, rows, cells, notes,
 * keys, declarations). */
static uf_table *copy_table(uf_report *dst, uf_section *s, const uf_report *src, const uf_table *t)
{
    uf_table *c = uf_section_table(dst, s, t->id, t->title, t->ncols);
    if (!c)
        return NULL;
    if (t->description)
        uf_report_set(dst, &c->description, t->description);
    if (t->sheet)
        uf_report_set(dst, &c->sheet, t->sheet);
    for (int k = 0; k < t->ncols; k++) {
        const uf_column *col = &t->cols[k];
        uf_table_col(dst, c, k, col->id, col->label, col->type, col->decimals, col->additive);
        c->cols[k].part_of = col->part_of;
        c->cols[k].within = col->within;
        c->cols[k].inference = col->inference;
        c->cols[k].join = col->join;
        c->cols[k].join_style = col->join_style;
        c->cols[k].holm_of = col->holm_of;
    }
    memcpy(c->balance, t->balance, sizeof c->balance);
    c->groups_overlap = t->groups_overlap;
    c->detail = t->detail;
    for (int i = 0; i < t->nrows && !dst->failed; i++) {
        int row = uf_table_row(dst, c, t->rows[i].total);
        for (int k = 0; row >= 0 && k < t->ncols; k++) {
            const uf_cell *x = &t->rows[i].cells[k];
            uf_cell *y = uf_table_cell(c, row, k);
            *y = *x;
            y->text = NULL;
            y->key = 0;
            if (x->text)
                uf_report_set(dst, &y->text, x->text);
            if (x->key > 0 && x->key <= src->nkeys)
                uf_cell_key(dst, c, row, k, src->keys[x->key - 1]);
        }
    }
    for (int i = 0; i < t->nnotes; i++)
        uf_table_note(dst, c, t->notes[i]);
    return c;
}

/* Copies of the charts of src's section s drawn from tables kept
 * (tables[i] of s became copies[i], NULL when left out). */
static void copy_charts(uf_report *dst, uf_section *to, const uf_section *s,
                        const uf_table *const *copies)
{
    for (int i = 0; i < s->ncharts; i++) {
        const uf_chart *ch = s->charts[i];
        const uf_table *t = NULL;
        for (int k = 0; k < s->ntables; k++)
            if (s->tables[k] == ch->table)
                t = copies[k];
        if (!t)
            continue;
        uf_chart *c =
            uf_section_chart(dst, to, ch->id, ch->title, ch->kind, ch->y_label, t, ch->label_col);
        uf_chart_rows(dst, c, ch->rows, ch->nrows);
        for (int k = 0; c && k < ch->nseries; k++) {
            uf_chart_series(dst, c, ch->series[k].label, ch->series[k].col);
            uf_chart_series_km(c, ch->series[k].risk_col, ch->series[k].censor_col);
        }
    }
}

bool uf_report_has_detail(const uf_report *r)
{
    for (int s = 0; s < r->nsections; s++)
        for (int t = 0; t < r->sections[s]->ntables; t++)
            if (r->sections[s]->tables[t]->detail)
                return true;
    return false;
}

uf_report *uf_report_without_detail(const uf_report *src, const char *note)
{
    uf_report *r = uf_report_new(src->name, src->title);
    if (!r)
        return NULL;
    char **const fields[] = { &r->unit,  &r->organisation, &r->population, &r->period,
                              &r->as_of, &r->version,      &r->created };
    const char *const values[] = { src->unit,  src->organisation, src->population, src->period,
                                   src->as_of, src->version,      src->created };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (values[i])
            uf_report_set(r, fields[i], values[i]);
    for (int i = 0; i < src->nparams; i++)
        uf_report_param(r, src->params[i].key, "%s",
                        src->params[i].value ? src->params[i].value : "");
    for (int i = 0; i < src->nsnapshot; i++)
        uf_report_snapshot(r, src->snapshot[i]);
    for (int i = 0; i < src->nmethod; i++)
        uf_report_method(r, src->method[i]);
    r->threshold = src->threshold;
    r->internal = src->internal;
    for (int s = 0; s < src->nsections && !r->failed; s++) {
        const uf_section *sec = src->sections[s];
        uf_section *to = uf_report_section(r, sec->title);
        if (to)
            to->front = sec->front;
        const uf_table **copies = calloc((size_t)sec->ntables + 1, sizeof *copies);
        if (!to || !copies) {
            free(copies);
            r->failed = true;
            break;
        }
        for (int p = 0; p < sec->npar; p++)
            uf_section_par(r, to, sec->paragraphs[p]);
        bool left_out = false;
        for (int t = 0; t < sec->ntables; t++) {
            if (sec->tables[t]->detail)
                left_out = true;
            else
                copies[t] = copy_table(r, to, src, sec->tables[t]);
        }
        if (left_out && note)
            uf_section_par(r, to, note);
        copy_charts(r, to, sec, copies);
        free(copies);
    }
    if (r->failed) {
        uf_report_free(r);
        return NULL;
    }
    return r;
}
