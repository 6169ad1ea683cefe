/*
 * mall.c - the entry template: a workbook (or CSV files) made from the
 * import's own tables, so that what it holds imports unchanged (see
 * import.h, uf_template_xlsx).
 *
 * Every entity of entity.c gets a sheet named as the importer knows it
 * (Personer, Ärenden, ...) with a Swedish header per column that folds to
 * one of the column's aliases; coded columns get a drop-down list of the
 * code book's labels (held on the sheet Koder, as Excel limits a literal
 * list to 255 characters), date columns date validation and the format
 * ÅÅÅÅ-MM-DD, number columns number validation.  The sheet Instruktioner
 * explains it in plain Swedish, with an example row per entity.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "import_internal.h"
#include "uppfolj/import.h"
#include "uppfolj/kodbok.h"
#include "uppfolj/outfile.h"
#include "uppfolj/parse.h"

/* Sheet names, in entity order: they fold to the entities' aliases. */
static const char *const sheet_names[K_COUNT] = { "Personer", "Ärenden", "Insatser", "Bedömningar",
                                                  "Utfall",   "Mål",     "Möten",    "Åtgärder" };

/* The Swedish header of a column: its canonical name's Swedish form,
 * folding to one of its aliases (test_import checks every one). */
static const struct {
    const char *name, *header;
} headers[] = {
    { "person", "personnummer" },
    { "birth_date", "födelsedatum" },
    { "sex", "kön" },
    { "unit", "enhet" },
    { "case_id", "ärende" },
    { "programme", "program" },
    { "target_group", "målgrupp" },
    { "referred_by", "aktualiserad_av" },
    { "referral_date", "aktualiseringsdatum" },
    { "consent_date", "samtyckesdatum" },
    { "plan_date", "åtgärdsplan_datum" },
    { "start_date", "startdatum" },
    { "end_date", "slutdatum" },
    { "end_reason", "avslutsorsak" },
    { "form", "insatsform" },
    { "followup_consent", "uppföljning_samtycke" },
    { "insats", "insatstyp" },
    { "provider", "utförare" },
    { "assessment_id", "bedömning" },
    { "instrument", "instrument" },
    { "date", "datum" },
    { "total_score", "poäng" },
    { "risk_level", "risknivå" },
    { "measure", "mått" },
    { "value", "värde" },
    { "domain", "område" },
    { "set_date", "satt_datum" },
    { "followup_date", "uppföljningsdatum" },
    { "status", "status" },
    { "type", "mötestyp" },
    { "participants", "deltagare" },
    { "assessed_date", "bedömt datum" },
    { "offer", "erbjudande" },
    { "offer_reason", "skäl" },
    { "consent_by", "samtycke av" },
    { "consent_actors", "samtycke för" },
    { "consent_declined_date", "samtycke nekat datum" },
    { "consent_withdrawn_date", "samtycke återkallat datum" },
    { "action_id", "åtgärd" },
    { "actor", "ansvarig" },
    { "planned_date", "planerat datum" },
    { "due_date", "klart senast" },
    { "done_date", "genomförd datum" },
};

const char *uf_template_header(const char *column)
{
    for (size_t i = 0; i < sizeof headers / sizeof *headers; i++)
        if (strcmp(headers[i].name, column) == 0)
            return headers[i].header;
    return column;
}

const char *uf_template_sheet(int kind)
{
    return kind >= 0 && kind < K_COUNT ? sheet_names[kind] : NULL;
}

/* One example row per entity (the instruction sheet), in column order;
 * a pseudonymous id stands for the personnummer. */
static const char *const examples[K_COUNT][MAX_COLS] = {
    { "EXT-000123", "2009-03-15", "Pojke", "Norrstaden" },
    { "A-2025-014",
      "EXT-000123",
      "SIG",
      "Norrstaden",
      "Riskzon",
      "Polisen",
      "2025-01-20",
      "2025-01-28",
      "2025-02-10",
      "2025-02-03",
      "",
      "",
      "Bistånd",
      "Ja",
      "2025-01-24",
      "Erbjuden",
      "",
      "Båda",
      "Socialtjänst|Polis|Skola",
      "",
      "" },
    { "A-2025-014", "", "MST", "Socialtjänsten", "2025-02-17", "2025-08-15" },
    { "B-0001", "", "A-2025-014", "ESTER", "2025-01-30", "22", "Hög" },
    { "EXT-000123", "2025-03-02", "Misstanke om brott", "1" },
    { "A-2025-014", "Skola", "2025-02-10", "2025-04-10", "Delvis uppnått" },
    { "A-2025-014", "2025-02-05", "Nätverksmöte", "Ungdom|Vårdnadshavare|Socialtjänst|Polis" },
    { "A-2025-014", "1", "Skola", "Skola", "2025-02-10", "2025-03-31", "2025-03-20", "Genomförd" },
};

static const char *const what[K_COUNT] = {
    "en rad per ungdom: personnummer (eller ett id), födelsedatum, kön och enhet",
    "en rad per ärende: vem, program, enhet, målgrupp, vem som aktualiserade, datum från "
    "aktualisering till slut, avslutsorsak och samtycke till uppföljning; och om det finns: när "
    "bedömningen var klar, om insatsen erbjöds, vem som samtyckte och för vilka aktörer, och när "
    "samtycke nekades eller återkallades",
    "en rad per insats i ett ärende: vilken insats, vem som ger den, start och slut",
    "en rad per strukturerad bedömning: instrument, datum, totalpoäng och risknivå",
    "en rad per händelse eller mätning: datum, mått och värde (för händelser antalet)",
    "en rad per uppföljning av ett mål i åtgärdsplanen: område, datum då målet sattes, "
    "uppföljningsdatum och status",
    "en rad per möte: datum, typ och deltagare (flera skiljs med |)",
    "en rad per åtgärd i åtgärdsplanen: ärende, åtgärdens id, område, vem som är ansvarig, "
    "planerat datum, klart senast, när den genomfördes och status",
};

typedef struct tpl {
    lxw_workbook *wb;
    lxw_worksheet *codes;
    lxw_format *bold, *date, *title;
    int ncodes; /* lists written on Koder */
    int list_col[UF_KB_NLISTS];
    lxw_error err;
} tpl;

static void chk(tpl *t, lxw_error e)
{
    if (e != LXW_NO_ERROR && t->err == LXW_NO_ERROR)
        t->err = e;
}

/* The column of list kb on the sheet Koder (written when first needed). */
static int code_column(tpl *t, int kb)
{
    if (t->list_col[kb] >= 0)
        return t->list_col[kb];
    int col = t->ncodes++;
    const uf_kb_list *l = uf_kb((uf_kb_id)kb);
    chk(t, worksheet_write_string(t->codes, 0, (lxw_col_t)col, l->label, t->bold));
    for (int i = 0; i < l->n; i++)
        chk(t,
            worksheet_write_string(t->codes, (lxw_row_t)i + 1, (lxw_col_t)col,
                                   uf_kb_label((uf_kb_id)kb, uf_kb_code((uf_kb_id)kb, i)), NULL));
    chk(t, worksheet_set_column(t->codes, (lxw_col_t)col, (lxw_col_t)col, 28, NULL));
    t->list_col[kb] = col;
    return col;
}

#define LAST_ROW 100000 /* rows that get the validations */

/* libxlsxwriter takes these messages as char *, so they live in arrays */
static char msg_list_title[] = "Välj ur listan",
            msg_list[] = "Välj ett av värdena i listan (bladet Koder).", msg_date_title[] = "Datum",
            msg_date[] = "Skriv ett datum som ÅÅÅÅ-MM-DD, till exempel 2025-03-05.",
            msg_num_title[] = "Tal", msg_num[] = "Skriv ett tal, till exempel 17 eller 2,5.";

static void validate(tpl *t, lxw_worksheet *ws, int col, const coldef *c)
{
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    char formula[64], colname[4];
    switch (c->type) {
    case T_CODE: {
        int k = code_column(t, c->kb);
        lxw_col_to_name(colname, (lxw_col_t)k, 0);
        snprintf(formula, sizeof formula, "=Koder!$%s$2:$%s$%d", colname, colname,
                 uf_kb((uf_kb_id)c->kb)->n + 1);
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        v.value_formula = formula;
        v.error_title = msg_list_title;
        v.error_message = msg_list;
        break;
    }
    case T_DATE:
        /* as serial day numbers: libxlsxwriter 1.1.5 leaks the text it
         * makes of an lxw_datetime bound (LeakSanitizer) */
        v.validate = LXW_VALIDATION_TYPE_DATE_NUMBER;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = 1;     /* 1900-01-01 */
        v.maximum_number = 73050; /* 2099-12-31 */
        v.error_title = msg_date_title;
        v.error_message = msg_date;
        chk(t, worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, 14, t->date));
        break;
    case T_NUM:
        v.validate = LXW_VALIDATION_TYPE_DECIMAL;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = -1000;
        v.maximum_number = 1000;
        v.error_title = msg_num_title;
        v.error_message = msg_num;
        break;
    default: return;
    }
    chk(t, worksheet_data_validation_range(ws, 1, (lxw_col_t)col, LAST_ROW, (lxw_col_t)col, &v));
}

/* Printed: landscape, as wide as one page, the header row on every page. */
static void print_setup(lxw_worksheet *ws)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
}

static void entity_sheet(tpl *t, lxw_worksheet *ws, int k)
{
    const entity *e = &uf_entities[k];
    for (int c = 0; c < e->ncols; c++) {
        chk(t, worksheet_write_string(ws, 0, (lxw_col_t)c, uf_template_header(e->cols[c].name),
                                      t->bold));
        chk(t, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 20, NULL));
        validate(t, ws, c, &e->cols[c]);
    }
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws);
}

/* What a column of type ty takes, in a few words. */
static const char *hint(ctype ty)
{
    switch (ty) {
    case T_PERSON: return "personnummer, eller ett id som inte är ett";
    case T_DATE: return "datum, ÅÅÅÅ-MM-DD";
    case T_NUM: return "tal";
    case T_CODE: return "välj ur listan";
    case T_CODES: return "ett eller flera ur listan, skilda med |";
    case T_TEXT: break;
    }
    return "text";
}

/* Plain Swedish on how to fill it in, then per sheet its columns down the
 * page: the header, an example value and what the column holds. */
static void instructions(tpl *t, lxw_worksheet *ws)
{
    lxw_row_t r = 0;
    chk(t, worksheet_set_column(ws, 0, 0, 26, NULL));
    chk(t, worksheet_set_column(ws, 1, 1, 40, NULL));
    chk(t, worksheet_set_column(ws, 2, 2, 60, NULL));
    chk(t, worksheet_write_string(ws, r++, 0, "Mall för uppföljningsdata till uppfolj", t->title));
    static const char *const text[] = {
        "Fyll i ett blad per sorts uppgifter. Rubrikraden ska stå kvar som den är.",
        "Datum skrivs ÅÅÅÅ-MM-DD. Kodade kolumner har en lista att välja ur (bladet Koder).",
        "En tom cell betyder att uppgiften saknas. Tomma rader hoppas över.",
        "Spara som Excel-arbetsbok (.xlsx) och läs in hela arbetsboken med "
        "uppfolj import FIL.xlsx.",
        "Personnummer blir pseudonymer vid inläsningen; de sparas aldrig i databasen.",
        "Arbetsboken innehåller personuppgifter: förvara den som annat sekretessmaterial och "
        "radera den när den är inläst.",
    };
    for (size_t i = 0; i < sizeof text / sizeof *text; i++)
        chk(t, worksheet_write_string(ws, r++, 0, text[i], NULL));
    for (int k = 0; k < K_COUNT; k++) {
        const entity *e = &uf_entities[k];
        char line[320];
        r++;
        snprintf(line, sizeof line, "Bladet %s: %s.", sheet_names[k], what[k]);
        chk(t, worksheet_write_string(ws, r++, 0, line, t->bold));
        chk(t, worksheet_write_string(ws, r, 0, "Kolumn", t->bold));
        chk(t, worksheet_write_string(ws, r, 1, "Exempel", t->bold));
        chk(t, worksheet_write_string(ws, r++, 2, "Innehåll", t->bold));
        for (int c = 0; c < e->ncols; c++, r++) {
            chk(t, worksheet_write_string(ws, r, 0, uf_template_header(e->cols[c].name), NULL));
            if (examples[k][c] && *examples[k][c])
                chk(t, worksheet_write_string(ws, r, 1, examples[k][c], NULL));
            char what_col[160];
            snprintf(what_col, sizeof what_col, "%s: %s", e->cols[c].label, hint(e->cols[c].type));
            chk(t, worksheet_write_string(ws, r, 2, what_col, NULL));
        }
    }
}

uf_error uf_template_xlsx(const char *path)
{
    uf_outfile o;
    if (uf_out_open(&o, path, UF_OUT_SHARED) != UF_OK)
        return UF_ERR_IO;
    close(o.fd); /* libxlsxwriter writes it by name */
    o.fd = -1;
    tpl t = { .err = LXW_NO_ERROR };
    for (int i = 0; i < UF_KB_NLISTS; i++)
        t.list_col[i] = -1;
    t.wb = workbook_new(o.tmp);
    if (!t.wb) {
        uf_out_abort(&o);
        return UF_ERR_IO;
    }
    t.bold = workbook_add_format(t.wb);
    format_set_bold(t.bold);
    t.title = workbook_add_format(t.wb);
    format_set_bold(t.title);
    format_set_font_size(t.title, 14);
    t.date = workbook_add_format(t.wb);
    format_set_num_format(t.date, "yyyy-mm-dd");
    /* the sheets in their order first: Instruktioner, the entities, Koder */
    lxw_worksheet *intro = workbook_add_worksheet(t.wb, "Instruktioner");
    lxw_worksheet *ws[K_COUNT];
    for (int k = 0; k < K_COUNT; k++)
        ws[k] = workbook_add_worksheet(t.wb, sheet_names[k]);
    t.codes = workbook_add_worksheet(t.wb, "Koder");
    bool sheets = intro && t.codes;
    for (int k = 0; k < K_COUNT; k++)
        sheets = sheets && ws[k];
    if (!sheets)
        chk(&t, LXW_ERROR_MEMORY_MALLOC_FAILED);
    for (int k = 0; sheets && k < K_COUNT; k++)
        entity_sheet(&t, ws[k], k);
    if (sheets) {
        instructions(&t, intro);
        print_setup(intro);
        worksheet_freeze_panes(t.codes, 1, 0);
        print_setup(t.codes);
        worksheet_activate(ws[0]);
    }
    lxw_error e = workbook_close(t.wb);
    chk(&t, e);
    if (t.err != LXW_NO_ERROR) {
        uf_out_abort(&o);
        return t.err == LXW_ERROR_MEMORY_MALLOC_FAILED ? UF_ERR_NOMEM : UF_ERR_IO;
    }
    return uf_out_commit(&o);
}

uf_error uf_template_csv(const char *dir, char *failed, size_t n)
{
    for (int k = 0; k < K_COUNT; k++) {
        const entity *e = &uf_entities[k];
        char folded[64];
        uf_fold(sheet_names[k], folded, sizeof folded);
        snprintf(failed, n, "%s/%s.csv", dir, folded);
        uf_outfile o;
        if (uf_out_open(&o, failed, UF_OUT_SHARED) != UF_OK)
            return UF_ERR_IO;
        FILE *f = uf_out_stream(&o);
        if (!f) {
            uf_out_abort(&o);
            return UF_ERR_IO;
        }
        fputs("\xEF\xBB\xBF", f); /* a BOM: Excel then reads å ä ö right */
        for (int c = 0; c < e->ncols; c++)
            fprintf(f, "%s%s", c ? ";" : "", uf_template_header(e->cols[c].name));
        fputc('\n', f);
        if (uf_out_commit(&o) != UF_OK)
            return UF_ERR_IO;
    }
    return UF_OK;
}
