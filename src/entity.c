/*
 * entity.c - the kodbok of SPEC §3 as data: entities, their columns with
 * Swedish aliases, and every code list.  The import engine is driven by
 * these tables; a new column or code is a line here.
 */
#include <string.h>
#include "import_internal.h"
#include "uppfolj/kodbok.h"

const char *const uf_import_kinds[] = {
    "persons", "cases", "interventions", "assessments", "outcomes", "goals",
    "meetings", NULL
};

void uf_fold(const char *s, char *out, size_t n)
{
    size_t i = 0;
    while (*s && i + 1 < n) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xC3 && s[1]) {
            unsigned char c2 = (unsigned char)s[1];
            char f = 0;
            if (c2 == 0xA5 || c2 == 0xA4 || c2 == 0x85 || c2 == 0x84)
                f = 'a';        /* å ä Å Ä */
            else if (c2 == 0xB6 || c2 == 0x96)
                f = 'o';        /* ö Ö */
            else if (c2 == 0xA9 || c2 == 0x89)
                f = 'e';        /* é É */
            if (f) {
                out[i++] = f;
                s += 2;
                continue;
            }
        }
        /* another multi-byte letter is copied whole, or ends the output */
        if (c >= 0xC0 && i + (c >= 0xF0 ? 4u : c >= 0xE0 ? 3u : 2u) >= n)
            break;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (c == ' ' || c == '-')
            c = '_';
        out[i++] = (char)c;
        s++;
    }
    out[i] = '\0';
}

const char *const uf_kb_insatser[] = {
    "mst", "fft", "bsft", "art", "mi", "kbt", "kontaktperson", "skk",
    "familjebehandling", "foraldrastod", "hvb", "sis", "familjehem", "tfco",
    "ungdomstjanst", "ungdomsvard", "ungdomsovervakning", "bup", "skolstod",
    "sarskild_undervisningsgrupp", "arbetsmarknad", "fritid", "mentor",
    "avhopparstod", "annan", NULL
};
const char *const uf_kb_instruments[] = {
    "ester", "savry", "yls_cmi", "adad", "earl", "irk", "annat", NULL
};
const char *const uf_kb_risk_levels[] = { "lag", "medel", "hog", NULL };
const char *const uf_kb_domains[] = {
    "skola", "fritid", "familj", "kamrater", "kriminalitet", "sysselsattning",
    "halsa", "ekonomi", "boende", "annat", NULL
};
const char *const uf_kb_goal_statuses[] = {
    "uppnatt", "delvis", "ej_uppnatt", "pagaende", NULL
};

int uf_kb_index(const char *const *list, const char *code)
{
    for (int i = 0; code && list[i]; i++)
        if (strcmp(list[i], code) == 0)
            return i;
    return -1;
}

static const char *const sexes[] = { "F", "M", "X", NULL };
static const code_alias sex_spellings[] = {
    { "f", "F" }, { "m", "M" }, { "x", "X" }, { "flicka", "F" },
    { "pojke", "M" }, { "annat", "X" }, { "kvinna", "F" }, { "man", "M" },
    { "k", "F" }, { NULL, NULL }
};
static const char *const target_groups[] = { "riskzon", "avhopp", NULL };
static const char *const referrers[] = {
    "polis", "socialtjanst", "skola", "fritid", "bup", "egen", "annan", NULL
};
static const char *const end_reasons[] = {
    "mal_uppfyllda", "avhopp", "fortsatt_brottslighet", "placering", "flytt",
    "annan", NULL
};
static const char *const forms[] = { "bistand", "service", NULL };
static const char *const yes_no[] = { "ja", "nej", NULL };
static const code_alias yes_no_spellings[] = {
    { "j", "ja" }, { "n", "nej" }, { "1", "ja" }, { "0", "nej" },
    { "yes", "ja" }, { "no", "nej" }, { NULL, NULL }
};
static const char *const providers[] = {
    "socialtjanst", "polis", "skola", "bup", "fritid", "af", "kriminalvard",
    "sis", "annan", NULL
};
static const code_alias instrument_spellings[] = {
    { "yls/cmi", "yls_cmi" }, { "ylscmi", "yls_cmi" },
    { "check:irk", "irk" }, { NULL, NULL }
};
static const char *const measures[] = {
    "misstanke_brott", "lagforing", "anmalan_oro", "vald", "skolfranvaro_pct",
    "uppforandestorning", "sysselsattning", "drogfri", "boende_stabilt", NULL
};
static const char *const meeting_types[] = {
    "natverksmote", "uppfoljning", "beredning", NULL
};
static const char *const actors[] = {
    "ungdom", "vardnadshavare", "socialtjanst", "polis", "skola", "bup",
    "fritid", "af", "annan", NULL
};

#define COL(n, a, t, c, s, l) { n, a, t, c, s, l }
#define A(...) { __VA_ARGS__, NULL }

static const coldef person_cols[P_N] = {
    COL("person", A("personnummer", "id"), T_PERSON, NULL, NULL, "person"),
    COL("birth_date", A("fodelsedatum"), T_DATE, NULL, NULL, "födelsedatum"),
    COL("sex", A("kon"), T_CODE, sexes, sex_spellings, "kön"),
    COL("unit", A("enhet", "stadsdel", "kommun"), T_TEXT, NULL, NULL, "enhet"),
};

static const coldef case_cols[C_N] = {
    COL("case_id", A("arende"), T_TEXT, NULL, NULL, "ärende"),
    COL("person", A("personnummer"), T_PERSON, NULL, NULL, "person"),
    COL("programme", A("program"), T_TEXT, NULL, NULL, "program"),
    COL("unit", A("enhet", "stadsdel", "kommun"), T_TEXT, NULL, NULL, "enhet"),
    COL("target_group", A("malgrupp"), T_CODE, target_groups, NULL, "målgrupp"),
    COL("referred_by", A("aktualiserad_av"), T_CODE, referrers, NULL, "aktualiserad av"),
    COL("referral_date", A("aktualiseringsdatum"), T_DATE, NULL, NULL, "aktualiseringsdatum"),
    COL("consent_date", A("samtyckesdatum"), T_DATE, NULL, NULL, "samtyckesdatum"),
    COL("plan_date", A("atgardsplan_datum"), T_DATE, NULL, NULL, "åtgärdsplanens datum"),
    COL("start_date", A("startdatum"), T_DATE, NULL, NULL, "startdatum"),
    COL("end_date", A("slutdatum"), T_DATE, NULL, NULL, "slutdatum"),
    COL("end_reason", A("avslutsorsak"), T_CODE, end_reasons, NULL, "avslutsorsak"),
    COL("form", A("insatsform"), T_CODE, forms, NULL, "insatsform"),
    COL("followup_consent", A("uppfoljning_samtycke"), T_CODE, yes_no, yes_no_spellings,
        "samtycke till uppföljning"),
};

static const coldef intervention_cols[I_N] = {
    COL("case_id", A("arende"), T_TEXT, NULL, NULL, "ärende"),
    COL("person", A("personnummer"), T_PERSON, NULL, NULL, "person"),
    COL("insats", A("insatstyp"), T_CODE, uf_kb_insatser, NULL, "insats"),
    COL("provider", A("utforare"), T_CODE, providers, NULL, "utförare"),
    COL("start_date", A("startdatum"), T_DATE, NULL, NULL, "startdatum"),
    COL("end_date", A("slutdatum"), T_DATE, NULL, NULL, "slutdatum"),
};

static const coldef assessment_cols[A_N] = {
    COL("assessment_id", A("bedomning", "bedomning_id"), T_TEXT, NULL, NULL, "bedömning"),
    COL("person", A("personnummer"), T_PERSON, NULL, NULL, "person"),
    COL("case_id", A("arende"), T_TEXT, NULL, NULL, "ärende"),
    COL("instrument", A("instrument"), T_CODE, uf_kb_instruments, instrument_spellings, "instrument"),
    COL("date", A("datum"), T_DATE, NULL, NULL, "datum"),
    COL("total_score", A("poang"), T_NUM, NULL, NULL, "poäng"),
    COL("risk_level", A("riskniva"), T_CODE, uf_kb_risk_levels, NULL, "risknivå"),
};

static const coldef outcome_cols[O_N] = {
    COL("person", A("personnummer"), T_PERSON, NULL, NULL, "person"),
    COL("date", A("datum"), T_DATE, NULL, NULL, "datum"),
    COL("measure", A("matt"), T_CODE, measures, NULL, "mått"),
    COL("value", A("varde"), T_NUM, NULL, NULL, "värde"),
};

static const coldef goal_cols[G_N] = {
    COL("case_id", A("arende"), T_TEXT, NULL, NULL, "ärende"),
    COL("domain", A("omrade"), T_CODE, uf_kb_domains, NULL, "område"),
    COL("set_date", A("satt_datum", "datum"), T_DATE, NULL, NULL, "datum då målet sattes"),
    COL("followup_date", A("uppfoljningsdatum"), T_DATE, NULL, NULL, "uppföljningsdatum"),
    COL("status", A("status"), T_CODE, uf_kb_goal_statuses, NULL, "status"),
};

static const coldef meeting_cols[M_N] = {
    COL("case_id", A("arende"), T_TEXT, NULL, NULL, "ärende"),
    COL("date", A("datum"), T_DATE, NULL, NULL, "datum"),
    COL("type", A("typ", "motestyp"), T_CODE, meeting_types, NULL, "mötestyp"),
    COL("participants", A("deltagare"), T_CODES, actors, NULL, "deltagare"),
};

#define NO -1
const entity uf_entities[K_COUNT] = {
    { "persons", { "personer", "person", NULL }, person_cols, P_N,
      { P_PERSON, NO, NO, NO } },
    { "cases", { "arenden", "arende", NULL }, case_cols, C_N,
      { C_CASE, C_PERSON, NO, NO } },
    { "interventions", { "insatser", "insats", NULL }, intervention_cols, I_N,
      { ALT(I_CASE, I_PERSON), I_INSATS, I_START, NO } },
    { "assessments", { "bedomningar", "bedomning", NULL }, assessment_cols, A_N,
      { A_ID, ALT(A_PERSON, A_CASE), A_INSTRUMENT, A_DATE } },
    { "outcomes", { "utfall", NULL, NULL }, outcome_cols, O_N,
      { O_PERSON, O_DATE, O_MEASURE, NO } },
    { "goals", { "mal", NULL, NULL }, goal_cols, G_N,
      { G_CASE, G_DOMAIN, G_SET, G_STATUS } },
    { "meetings", { "moten", "mote", NULL }, meeting_cols, M_N,
      { M_CASE, M_DATE, M_TYPE, NO } },
};

int uf_entity_column(const entity *e, const char *h)
{
    for (int i = 0; i < e->ncols; i++) {
        if (strcmp(e->cols[i].name, h) == 0)
            return i;
        for (int k = 0; e->cols[i].aliases[k]; k++)
            if (strcmp(e->cols[i].aliases[k], h) == 0)
                return i;
    }
    return -1;
}

int uf_entity_by_name(const char *name)
{
    for (int k = 0; k < K_COUNT; k++) {
        if (strcmp(uf_entities[k].name, name) == 0)
            return k;
        for (int a = 0; a < 3 && uf_entities[k].aliases[a]; a++)
            if (strcmp(uf_entities[k].aliases[a], name) == 0)
                return k;
    }
    return -1;
}

const char *uf_code(const coldef *c, const char *v)
{
    for (int i = 0; c->codes[i]; i++)
        if (strcmp(c->codes[i], v) == 0)
            return c->codes[i];
    if (c->spellings)
        for (int i = 0; c->spellings[i].in; i++)
            if (strcmp(c->spellings[i].in, v) == 0)
                return c->spellings[i].out;
    return NULL;
}
