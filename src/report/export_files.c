/*
 * export_files.c - the analysis export's data files (export.h):
 * export.csv, kodbok.csv and export.xlsx (sheets "data" and "kodbok").
 * Text is quoted by libcsv; numbers are written in full precision with
 * '.' decimals; an empty cell is a missing value.
 */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "export_internal.h"

const char *uf_xtype_name(uf_xtype t)
{
    switch (t) {
    case UF_XT_TEXT: return "text";
    case UF_XT_CODE: return "kod";
    case UF_XT_BOOL: return "0/1";
    case UF_XT_INT: return "heltal";
    case UF_XT_REAL: return "decimaltal";
    case UF_XT_MONTH: return "månad";
    }
    return "";
}

void uf_xreal(double v, char *buf, size_t n)
{
    /* most cells are whole numbers (counts, days, 0/1): exact as integers */
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, n, "%lld", (long long)v);
        return;
    }
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
}

void uf_xcodes_text(const uf_xcol *col, char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    if (col->type == UF_XT_BOOL)
        snprintf(out, n, "0 = Nej; 1 = Ja");
    else if (col->type == UF_XT_MONTH)
        snprintf(out, n, "ÅÅÅÅ-MM");
    for (int i = 0; col->type == UF_XT_CODE && i < col->ncodes && len < n; i++) {
        int w = snprintf(out + len, n - len, "%s%s = %s", i ? "; " : "", col->codes[i].code,
                         col->codes[i].label);
        len += w > 0 ? (size_t)w : 0;
    }
}

/* One cell's text into buf (n bytes); "" when empty. */
static const char *cell_text(const uf_xval *v, char *buf, size_t n)
{
    if (v->s)
        return v->s;
    if (isnan(v->v))
        return "";
    uf_xreal(v->v, buf, n);
    return buf;
}

FILE *uf_xopen(uf_outfile *o, const char *path)
{
    if (uf_out_open(o, path, UF_OUT_PRIVATE) != UF_OK)
        return NULL;
    FILE *f = uf_out_stream(o);
    if (!f)
        uf_out_abort(o);
    return f;
}

int uf_xclose(uf_outfile *o)
{
    return uf_out_commit(o) == UF_OK ? 0 : -1;
}

/* Text s as a quoted CSV field; one a spreadsheet would take for a formula
 * gets a leading ' (uf_csv_guard, OWASP's rule). */
static void put_text(FILE *f, const char *s)
{
    char *owned;
    const char *g = uf_csv_guard(s, &owned);
    csv_fwrite(f, g, strlen(g));
    free(owned);
}

static void put_field(FILE *f, const char *s, int first)
{
    if (!first)
        fputc(',', f);
    if (*s)
        put_text(f, s);
}

int uf_xwrite_csv(const uf_xtable *t, const char *path)
{
    uf_outfile o;
    FILE *f = uf_xopen(&o, path);
    if (!f)
        return -1;
    for (int c = 0; c < t->ncols; c++)
        fprintf(f, "%s%s", c ? "," : "", t->cols[c].name);
    fputc('\n', f);
    for (size_t r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++) {
            uf_xval v;
            char buf[40];
            uf_xvalue(t, r, c, &v);
            const char *s = cell_text(&v, buf, sizeof buf);
            if (c)
                fputc(',', f);
            if (v.s)
                put_text(f, s);
            else
                fputs(s, f);
        }
        fputc('\n', f);
    }
    return uf_xclose(&o);
}

int uf_xwrite_kodbok_csv(const uf_xtable *t, const char *path)
{
    uf_outfile o;
    FILE *f = uf_xopen(&o, path);
    if (!f)
        return -1;
    fputs("column,description,type,values\n", f);
    for (int c = 0; c < t->ncols; c++) {
        char codes[2048];
        uf_xcodes_text(&t->cols[c], codes, sizeof codes);
        put_field(f, t->cols[c].name, 1);
        put_field(f, t->cols[c].desc, 0);
        put_field(f, uf_xtype_name(t->cols[c].type), 0);
        put_field(f, codes, 0);
        fputc('\n', f);
    }
    return uf_xclose(&o);
}

/* The "data" sheet: header, one row per row, numbers as numbers. */
static void xlsx_data(const uf_xtable *t, lxw_worksheet *ws, lxw_format *bold)
{
    for (int c = 0; c < t->ncols; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, t->cols[c].name, bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 14, NULL);
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            uf_xval v;
            uf_xvalue(t, r, c, &v);
            lxw_row_t row = (lxw_row_t)(r + 1);
            if (v.s)
                worksheet_write_string(ws, row, (lxw_col_t)c, v.s, NULL);
            else if (!isnan(v.v))
                worksheet_write_number(ws, row, (lxw_col_t)c, v.v, NULL);
        }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
}

/* The "kodbok" sheet: the data dictionary. */
static void xlsx_kodbok(const uf_xtable *t, lxw_worksheet *ws, lxw_format *bold)
{
    static const char *const head[] = { "column", "description", "type", "values" };
    static const double widths[] = { 28, 60, 12, 60 };
    for (lxw_col_t c = 0; c < 4; c++) {
        worksheet_write_string(ws, 0, c, head[c], bold);
        worksheet_set_column(ws, c, c, widths[c], NULL);
    }
    for (int c = 0; c < t->ncols; c++) {
        char codes[2048];
        lxw_row_t row = (lxw_row_t)(c + 1);
        uf_xcodes_text(&t->cols[c], codes, sizeof codes);
        worksheet_write_string(ws, row, 0, t->cols[c].name, NULL);
        worksheet_write_string(ws, row, 1, t->cols[c].desc, NULL);
        worksheet_write_string(ws, row, 2, uf_xtype_name(t->cols[c].type), NULL);
        if (*codes)
            worksheet_write_string(ws, row, 3, codes, NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
}

int uf_xwrite_xlsx(const uf_xtable *t, const char *path)
{
    uf_outfile o;
    if (uf_out_open(&o, path, UF_OUT_PRIVATE) != UF_OK)
        return -1;
    close(o.fd); /* libxlsxwriter writes it by name */
    o.fd = -1;
    /* constant memory: rows go out as they are written (they come in
     * order), strings inline; 200 columns of 100 000 rows stay small */
    lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
    lxw_workbook *wb = workbook_new_opt(o.tmp, &opt);
    if (!wb) {
        uf_out_abort(&o);
        return -1;
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_worksheet *data = workbook_add_worksheet(wb, "data");
    lxw_worksheet *kod = workbook_add_worksheet(wb, "kodbok");
    if (data && kod) {
        xlsx_data(t, data, bold);
        xlsx_kodbok(t, kod, bold);
    }
    lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR && errno == 0)
        errno = EIO;
    if (rc != LXW_NO_ERROR || !data || !kod) {
        uf_out_abort(&o);
        return -1;
    }
    return uf_xclose(&o);
}
