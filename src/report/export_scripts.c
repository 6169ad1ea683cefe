/*
 * export_scripts.c - the analysis export's load scripts (export.h):
 * load.R (a data frame with Swedish factor labels), load.sps (SPSS GET
 * DATA, VARIABLE LABELS, VALUE LABELS) and load.do (Stata import
 * delimited, label define, label values).  Each reads export.csv from the
 * current folder and declares every column's type, so that an empty cell
 * is a missing value and a code stays text.
 */
#include <stdio.h>
#include <string.h>
#include "export_internal.h"

static bool is_text(uf_xtype t)
{
    return t == UF_XT_TEXT || t == UF_XT_CODE || t == UF_XT_MONTH;
}

/* An R string literal: ASCII, with \uXXXX for other letters, so that the
 * script reads the same in any locale. */
static void r_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    while (*p) {
        unsigned cp = *p;
        int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
        if (extra)
            cp &= 0x3Fu >> extra;
        p++;
        for (int i = 0; i < extra && (*p & 0xC0) == 0x80; i++)
            cp = cp << 6 | (*p++ & 0x3Fu);
        if (cp == '"' || cp == '\\')
            fprintf(f, "\\%c", (char)cp);
        else if (cp >= 0x20 && cp < 0x7F)
            fputc((int)cp, f);
        else
            fprintf(f, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", cp);
    }
    fputc('"', f);
}

/* s quoted with q, any q inside replaced by r. */
static void quoted(FILE *f, const char *s, char q, const char *r)
{
    fputc(q, f);
    for (; *s; s++)
        if (*s == q)
            fputs(r, f);
        else
            fputc(*s, f);
    fputc(q, f);
}

static const char *r_class(uf_xtype t)
{
    return is_text(t) ? "character" : t == UF_XT_REAL ? "numeric" : "integer";
}

int uf_xwrite_r(const uf_xtable *t, const char *path)
{
    uf_outfile o;
    FILE *f = uf_xopen(&o, path);
    if (!f)
        return -1;
    fputs("# load.R - läser uppfoljs analysexport export.csv (avidentifierad, en rad\n"
          "# per ärende och kohort).  Kör i mappen med filerna: source(\"load.R\").\n"
          "# Resultatet är data frame `uppfolj`.  Kodade kolumner blir faktorer med\n"
          "# svenska etiketter; 0/1-kolumner är tal (1 = ja), så medelvärdet är en\n"
          "# andel.  Kolumnernas beskrivning finns i kodbok.csv och i\n"
          "# attr(uppfolj, \"variable.labels\").\n"
          "uppfolj_fil <- if (exists(\"uppfolj_fil\")) uppfolj_fil else \"export.csv\"\n"
          "uppfolj <- read.csv(uppfolj_fil, fileEncoding = \"UTF-8\", na.strings = \"\",\n"
          "                    stringsAsFactors = FALSE, check.names = FALSE,\n"
          "                    colClasses = c(\n",
          f);
    for (int c = 0; c < t->ncols; c++)
        fprintf(f, "                        %s = \"%s\"%s\n", t->cols[c].name,
                r_class(t->cols[c].type), c + 1 < t->ncols ? "," : "));");
    for (int c = 0; c < t->ncols; c++) {
        const uf_xcol *col = &t->cols[c];
        if (col->type != UF_XT_CODE)
            continue;
        fprintf(f, "uppfolj$%s <- factor(uppfolj$%s,\n    levels = c(", col->name, col->name);
        for (int i = 0; i < col->ncodes; i++) {
            fputs(i ? ", " : "", f);
            r_string(f, col->codes[i].code);
        }
        fputs("),\n    labels = c(", f);
        for (int i = 0; i < col->ncodes; i++) {
            fputs(i ? ", " : "", f);
            r_string(f, col->codes[i].label);
        }
        fputs("))\n", f);
    }
    fputs("attr(uppfolj, \"variable.labels\") <- c(\n", f);
    for (int c = 0; c < t->ncols; c++) {
        fprintf(f, "    %s = ", t->cols[c].name);
        r_string(f, t->cols[c].desc);
        fputs(c + 1 < t->ncols ? ",\n" : ")\n", f);
    }
    return uf_xclose(&o);
}

/* The widest text of column c in the data and its codes, at least 8. */
static size_t text_width(const uf_xtable *t, int c)
{
    size_t w = t->cols[c].type == UF_XT_MONTH ? 7 : 8;
    for (int i = 0; i < t->cols[c].ncodes; i++)
        if (strlen(t->cols[c].codes[i].code) > w)
            w = strlen(t->cols[c].codes[i].code);
    for (size_t r = 0; r < t->nrows; r++) {
        uf_xval v;
        uf_xvalue(t, r, c, &v);
        if (v.s && strlen(v.s) > w)
            w = strlen(v.s);
    }
    return w;
}

int uf_xwrite_spss(const uf_xtable *t, const char *path)
{
    uf_outfile o;
    FILE *f = uf_xopen(&o, path);
    if (!f)
        return -1;
    fputs("* Encoding: UTF-8.\n"
          "* load.sps - läser uppfoljs analysexport export.csv (avidentifierad, en rad\n"
          "* per ärende och kohort).  Kör i mappen med filerna (CD) eller ändra /FILE.\n"
          "GET DATA\n  /TYPE=TXT\n  /FILE='export.csv'\n  /ENCODING='UTF8'\n"
          "  /ARRANGEMENT=DELIMITED\n  /DELCASE=LINE\n  /FIRSTCASE=2\n"
          "  /DELIMITERS=','\n  /QUALIFIER='\"'\n  /VARIABLES=\n",
          f);
    for (int c = 0; c < t->ncols; c++) {
        uf_xtype ty = t->cols[c].type;
        if (is_text(ty))
            fprintf(f, "    %s A%zu", t->cols[c].name, text_width(t, c));
        else
            fprintf(f, "    %s %s", t->cols[c].name, ty == UF_XT_REAL ? "F16.6" : "F8.0");
        fputs(c + 1 < t->ncols ? "\n" : ".\n", f);
    }
    fputs("VARIABLE LABELS\n", f);
    for (int c = 0; c < t->ncols; c++) {
        fprintf(f, "  %s%s ", c ? "/" : "", t->cols[c].name);
        quoted(f, t->cols[c].desc, '\'', "''");
        fputs(c + 1 < t->ncols ? "\n" : ".\n", f);
    }
    fputs("VALUE LABELS\n", f);
    bool first = true;
    for (int c = 0; c < t->ncols; c++) {
        const uf_xcol *col = &t->cols[c];
        if (col->type == UF_XT_BOOL) {
            fprintf(f, "  %s%s 0 'Nej' 1 'Ja'\n", first ? "" : "/", col->name);
            first = false;
        } else if (col->type == UF_XT_CODE) {
            fprintf(f, "  %s%s", first ? "" : "/", col->name);
            for (int i = 0; i < col->ncodes; i++) {
                fputc(' ', f);
                quoted(f, col->codes[i].code, '\'', "''");
                fputc(' ', f);
                quoted(f, col->codes[i].label, '\'', "''");
            }
            fputc('\n', f);
            first = false;
        }
    }
    fputs("  .\n", f);
    /* an empty coded cell is "no value", not a category of its own */
    first = true;
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].type == UF_XT_CODE) {
            fprintf(f, "%s %s", first ? "MISSING VALUES" : "", t->cols[c].name);
            first = false;
        }
    fputs(first ? "EXECUTE.\n" : " (' ').\nEXECUTE.\n", f);
    return uf_xclose(&o);
}

/* Stata: a coded text column becomes a labelled number (1, 2, ... in the
 * order of the code list) under the same name. */
static void stata_code(FILE *f, const uf_xcol *col)
{
    fprintf(f, "label define %s_l", col->name);
    for (int i = 0; i < col->ncodes; i++) {
        fprintf(f, " %d ", i + 1);
        quoted(f, col->codes[i].label, '"', "'");
    }
    fprintf(f, ", replace\ngenerate byte %s_k = .\n", col->name);
    for (int i = 0; i < col->ncodes; i++) {
        fprintf(f, "replace %s_k = %d if %s == ", col->name, i + 1, col->name);
        quoted(f, col->codes[i].code, '"', "'");
        fputc('\n', f);
    }
    fprintf(f, "drop %s\nrename %s_k %s\nlabel values %s %s_l\n", col->name, col->name, col->name,
            col->name, col->name);
}

int uf_xwrite_stata(const uf_xtable *t, const char *path)
{
    uf_outfile o;
    FILE *f = uf_xopen(&o, path);
    if (!f)
        return -1;
    fputs("* load.do - läser uppfoljs analysexport export.csv (avidentifierad, en rad\n"
          "* per ärende och kohort).  Kör i mappen med filerna: do load.do\n"
          "* Kodade kolumner blir tal med svenska värdeetiketter.\n"
          "import delimited using \"export.csv\", clear varnames(1) delimiter(\",\") ///\n"
          "    encoding(\"utf-8\") case(preserve) stringcols(",
          f);
    bool first = true;
    for (int c = 0; c < t->ncols; c++)
        if (is_text(t->cols[c].type)) {
            fprintf(f, "%s%d", first ? "" : " ", c + 1);
            first = false;
        }
    fputs(") numericcols(", f);
    first = true;
    for (int c = 0; c < t->ncols; c++)
        if (!is_text(t->cols[c].type)) {
            fprintf(f, "%s%d", first ? "" : " ", c + 1);
            first = false;
        }
    fputs(")\nlabel define janej 0 \"Nej\" 1 \"Ja\", replace\n", f);
    for (int c = 0; c < t->ncols; c++) {
        if (t->cols[c].type == UF_XT_CODE)
            stata_code(f, &t->cols[c]);
        else if (t->cols[c].type == UF_XT_BOOL)
            fprintf(f, "label values %s janej\n", t->cols[c].name);
    }
    for (int c = 0; c < t->ncols; c++) {
        fprintf(f, "label variable %s ", t->cols[c].name);
        quoted(f, t->cols[c].desc, '"', "'");
        fputc('\n', f);
    }
    fputs("order", f);
    for (int c = 0; c < t->ncols; c++)
        fprintf(f, " %s", t->cols[c].name);
    fputs("\n", f);
    return uf_xclose(&o);
}
