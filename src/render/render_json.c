/*
 * render_json.c - the report model as JSON (jansson).  The document holds
 * no wall-clock time, so the same database and parameters give the same
 * bytes (keys are written in insertion order).  Reals are written with 17
 * significant digits, so that a reader gets back the exact double the
 * PDF and XLSX were formatted from.
 */
#include <jansson.h>
#include <math.h>
#include "uppfolj/outfile.h"
#include "uppfolj/render.h"

const char *uf_supp_name(uf_supp s)
{
    switch (s) {
    case UF_SHOWN: return "";
    case UF_SUPP_SMALL: return "small";
    case UF_SUPP_SECONDARY: return "secondary";
    case UF_SUPP_FEW: return "few";
    case UF_SUPP_NOTEST: return "notest";
    case UF_SUPP_MISSING: return "missing";
    case UF_SUPP_ANY: return "any";
    }
    return "";
}

static const char *type_name(uf_ctype t)
{
    switch (t) {
    case UF_C_EMPTY: return "empty";
    case UF_C_TEXT: return "text";
    case UF_C_COUNT: return "count";
    case UF_C_NUMBER: return "number";
    case UF_C_PERCENT: return "percent";
    case UF_C_PVALUE: return "pvalue";
    case UF_C_DATE: return "date";
    }
    return "";
}

/* A string or null. */
static json_t *str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *strings(char **a, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, str(a[i]));
    return arr;
}

/* The value of a cell as shown: null when hidden or empty. */
static json_t *value(const uf_cell *c)
{
    if (c->supp != UF_SHOWN)
        return json_null();
    switch (c->type) {
    case UF_C_TEXT:
    case UF_C_DATE: return str(c->text);
    case UF_C_COUNT: return json_integer((json_int_t)c->v);
    case UF_C_NUMBER:
    case UF_C_PERCENT:
    case UF_C_PVALUE: return isfinite(c->v) ? json_real(c->v) : json_null();
    case UF_C_EMPTY: break;
    }
    return json_null();
}

static json_t *cell(const uf_cell *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "value", value(c));
    if (c->supp != UF_SHOWN)
        json_object_set_new(o, "suppressed", json_string(uf_supp_name(c->supp)));
    if (c->n >= 0 && c->supp == UF_SHOWN && c->type != UF_C_COUNT)
        json_object_set_new(o, "n", json_integer(c->n));
    return o;
}

static json_t *table(const uf_table *t)
{
    json_t *o = json_object(), *cols = json_array(), *rows = json_array();
    json_object_set_new(o, "id", str(t->id));
    json_object_set_new(o, "title", str(t->title));
    if (t->description)
        json_object_set_new(o, "description", str(t->description));
    json_object_set_new(o, "groups_overlap", json_boolean(t->groups_overlap));
    static const char *const styles[] = { [UF_JOIN_NONE] = NULL,
                                          [UF_JOIN_SD] = "sd",
                                          [UF_JOIN_CI_LOW] = "ci_low",
                                          [UF_JOIN_CI_HIGH] = "ci_high" };
    for (int c = 0; c < t->ncols; c++) {
        const uf_column *k = &t->cols[c];
        json_t *col = json_pack("{s:s?, s:s?, s:s, s:i}", "id", k->id, "label", k->label, "type",
                                type_name(k->type), "decimals", k->decimals);
        if (k->join >= 0) /* printed in the PDF inside that column's cell */
            json_object_set_new(col, "join",
                                json_pack("{s:s?, s:s?}", "into", t->cols[k->join].id, "as",
                                          styles[k->join_style]));
        if (k->holm_of >= 0)
            json_object_set_new(col, "holm_of", str(t->cols[k->holm_of].id));
        json_array_append_new(cols, col);
    }
    for (int r = 0; r < t->nrows; r++) {
        json_t *cells = json_array();
        for (int c = 0; c < t->ncols; c++)
            json_array_append_new(cells, cell(&t->rows[r].cells[c]));
        json_array_append_new(rows,
                              json_pack("{s:b, s:o}", "total", t->rows[r].total, "cells", cells));
    }
    json_object_set_new(o, "columns", cols);
    json_object_set_new(o, "rows", rows);
    json_object_set_new(o, "notes", strings(t->notes, t->nnotes));
    return o;
}

static json_t *chart(const uf_chart *ch)
{
    json_t *o = json_object(), *cats = json_array(), *series = json_array();
    json_object_set_new(o, "id", str(ch->id));
    json_object_set_new(o, "title", str(ch->title));
    json_object_set_new(o, "kind", str(ch->kind));
    json_object_set_new(o, "y_label", str(ch->y_label));
    json_object_set_new(o, "table", str(ch->table->id));
    for (int i = 0; i < ch->nrows; i++)
        json_array_append_new(cats, value(uf_table_cell(ch->table, ch->rows[i], ch->label_col)));
    for (int s = 0; s < ch->nseries; s++) {
        json_t *vals = json_array();
        for (int i = 0; i < ch->nrows; i++)
            json_array_append_new(vals,
                                  value(uf_table_cell(ch->table, ch->rows[i], ch->series[s].col)));
        json_array_append_new(series,
                              json_pack("{s:s?, s:s?, s:o}", "label", ch->series[s].label, "column",
                                        ch->table->cols[ch->series[s].col].id, "values", vals));
    }
    json_object_set_new(o, "categories", cats);
    json_object_set_new(o, "series", series);
    return o;
}

static json_t *report(const uf_report *r)
{
    json_t *o = json_object(), *params = json_array(), *sections = json_array();
    json_object_set_new(o, "report", str(r->name));
    json_object_set_new(o, "title", str(r->title));
    json_object_set_new(o, "unit", str(r->unit));
    json_object_set_new(o, "population", str(r->population));
    json_object_set_new(o, "period", str(r->period));
    json_object_set_new(o, "as_of", str(r->as_of));
    json_object_set_new(o, "created", str(r->created));
    json_object_set_new(o, "version", str(r->version));
    json_object_set_new(o, "threshold", json_integer(r->threshold));
    json_object_set_new(o, "audience", json_string(r->internal ? "intern" : "extern"));
    for (int i = 0; i < r->nparams; i++)
        json_array_append_new(params, json_pack("{s:s?, s:s?}", "key", r->params[i].key, "value",
                                                r->params[i].value));
    json_object_set_new(o, "parameters", params);
    json_object_set_new(o, "snapshot", strings(r->snapshot, r->nsnapshot));
    for (int i = 0; i < r->nsections; i++) {
        const uf_section *s = r->sections[i];
        json_t *tables = json_array(), *charts = json_array();
        for (int t = 0; t < s->ntables; t++)
            json_array_append_new(tables, table(s->tables[t]));
        for (int c = 0; c < s->ncharts; c++)
            json_array_append_new(charts, chart(s->charts[c]));
        json_t *sec =
            json_pack("{s:s?, s:o, s:o, s:o}", "title", s->title, "paragraphs",
                      strings(s->paragraphs, s->npar), "tables", tables, "charts", charts);
        if (sec && s->front) /* a summary, unnumbered */
            json_object_set_new(sec, "front", json_true());
        json_array_append_new(sections, sec);
    }
    json_object_set_new(o, "sections", sections);
    json_object_set_new(o, "method", strings(r->method, r->nmethod));
    return o;
}

uf_error uf_render_json(const uf_report *r, const char *path, uf_diag *d)
{
    json_t *doc = report(r);
    if (!doc)
        return UF_ERR_NOMEM;
    uf_outfile o;
    uf_error err = uf_out_open(&o, path, r->internal ? UF_OUT_PRIVATE : UF_OUT_SHARED);
    FILE *f = err == UF_OK ? uf_out_stream(&o) : NULL;
    if (f &&
        json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17)) == 0)
        err = uf_out_commit(&o);
    else if (err == UF_OK) {
        uf_out_abort(&o);
        err = UF_ERR_IO;
    }
    json_decref(doc);
    return err == UF_OK ? UF_OK : uf_render_failed(d, path, err);
}
