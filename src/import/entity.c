/*
 * entity.c - the import side of SPEC §3 as data: entities and their columns
 * with Swedish aliases; a coded column names its list in the code book
 * (kodbok.h).  The import engine is driven by
 * these tables; a new column or code is a line here.
 */
#include <string.h>
#include "import_internal.h"
#include "uppfolj/kodbok.h"

const char *const uf_import_kinds[] = { "persons",     "cases",    "interventions",
                                        "assessments", "outcomes", "goals",
                                        "meetings",    "actions",  NULL };

#define COL(n, a, t, kb, l) \
    {                       \
        n, a, t, kb, l      \
    }
#define A(...)            \
    {                     \
        __VA_ARGS__, NULL \
    }

static const coldef person_cols[P_N] = {
    COL("person", A("personnummer", "id"), T_PERSON, -1, "person"),
    COL("birth_date", A("fodelsedatum"), T_DATE, -1, "födelsedatum"),
    COL("sex", A("kon"), T_CODE, UF_KB_SEX, "kön"),
    COL("unit", A("enhet", "stadsdel", "kommun"), T_TEXT, -1, "enhet"),
};

static const coldef case_cols[C_N] = {
    COL("case_id", A("arende"), T_TEXT, -1, "ärende"),
    COL("person", A("personnummer"), T_PERSON, -1, "person"),
    COL("programme", A("program"), T_TEXT, -1, "program"),
    COL("unit", A("enhet", "stadsdel", "kommun"), T_TEXT, -1, "enhet"),
    COL("target_group", A("malgrupp"), T_CODE, UF_KB_TARGET, "målgrupp"),
    COL("referred_by", A("aktualiserad_av"), T_CODE, UF_KB_REFERRER, "aktualiserad av"),
    COL("referral_date", A("aktualiseringsdatum"), T_DATE, -1, "aktualiseringsdatum"),
    COL("consent_date", A("samtyckesdatum"), T_DATE, -1, "samtyckesdatum"),
    COL("plan_date", A("atgardsplan_datum"), T_DATE, -1, "åtgärdsplanens datum"),
    COL("start_date", A("startdatum"), T_DATE, -1, "startdatum"),
    COL("end_date", A("slutdatum"), T_DATE, -1, "slutdatum"),
    COL("end_reason", A("avslutsorsak"), T_CODE, UF_KB_END_REASON, "avslutsorsak"),
    COL("form", A("insatsform"), T_CODE, UF_KB_FORM, "insatsform"),
    COL("followup_consent", A("uppfoljning_samtycke"), T_CODE, UF_KB_YES_NO,
        "samtycke till uppföljning"),
    COL("assessed_date", A("bedomt_datum", "bedomd_datum"), T_DATE, -1,
        "datum då bedömningen var klar"),
    COL("offer", A("erbjudande"), T_CODE, UF_KB_OFFER, "erbjudande"),
    COL("offer_reason", A("erbjudande_skal", "skal"), T_TEXT, -1, "skäl"),
    COL("consent_by", A("samtycke_av"), T_CODE, UF_KB_CONSENT_BY, "samtycke av"),
    COL("consent_actors", A("samtycke_aktorer", "samtycke_for"), T_CODES, UF_KB_ACTOR,
        "samtycket gäller"),
    COL("consent_declined_date", A("samtycke_nekat_datum", "nekat_datum"), T_DATE, -1,
        "datum då samtycke nekades"),
    COL("consent_withdrawn_date", A("samtycke_aterkallat_datum", "aterkallat_datum"), T_DATE, -1,
        "datum då samtycket återkallades"),
};

static const coldef intervention_cols[I_N] = {
    COL("case_id", A("arende"), T_TEXT, -1, "ärende"),
    COL("person", A("personnummer"), T_PERSON, -1, "person"),
    COL("insats", A("insatstyp"), T_CODE, UF_KB_INSATS, "insats"),
    COL("provider", A("utforare"), T_CODE, UF_KB_PROVIDER, "utförare"),
    COL("start_date", A("startdatum"), T_DATE, -1, "startdatum"),
    COL("end_date", A("slutdatum"), T_DATE, -1, "slutdatum"),
};

static const coldef assessment_cols[A_N] = {
    COL("assessment_id", A("bedomning", "bedomning_id"), T_TEXT, -1, "bedömning"),
    COL("person", A("personnummer"), T_PERSON, -1, "person"),
    COL("case_id", A("arende"), T_TEXT, -1, "ärende"),
    COL("instrument", A("instrument"), T_CODE, UF_KB_INSTRUMENT, "instrument"),
    COL("date", A("datum"), T_DATE, -1, "datum"),
    COL("total_score", A("poang"), T_NUM, -1, "poäng"),
    COL("risk_level", A("riskniva"), T_CODE, UF_KB_RISK, "risknivå"),
};

static const coldef outcome_cols[O_N] = {
    COL("person", A("personnummer"), T_PERSON, -1, "person"),
    COL("date", A("datum"), T_DATE, -1, "datum"),
    COL("measure", A("matt"), T_CODE, UF_KB_MEASURE, "mått"),
    COL("value", A("varde"), T_NUM, -1, "värde"),
};

static const coldef goal_cols[G_N] = {
    COL("case_id", A("arende"), T_TEXT, -1, "ärende"),
    COL("domain", A("omrade"), T_CODE, UF_KB_DOMAIN, "område"),
    COL("set_date", A("satt_datum", "datum"), T_DATE, -1, "datum då målet sattes"),
    COL("followup_date", A("uppfoljningsdatum"), T_DATE, -1, "uppföljningsdatum"),
    COL("status", A("status"), T_CODE, UF_KB_GOAL_STATUS, "status"),
};

static const coldef meeting_cols[M_N] = {
    COL("case_id", A("arende"), T_TEXT, -1, "ärende"),
    COL("date", A("datum"), T_DATE, -1, "datum"),
    COL("type", A("typ", "motestyp"), T_CODE, UF_KB_MEETING_TYPE, "mötestyp"),
    COL("participants", A("deltagare"), T_CODES, UF_KB_ACTOR, "deltagare"),
};

static const coldef action_cols[X_N] = {
    COL("case_id", A("arende"), T_TEXT, -1, "ärende"),
    COL("action_id", A("atgard", "atgard_id"), T_TEXT, -1, "åtgärd"),
    COL("domain", A("omrade"), T_CODE, UF_KB_DOMAIN, "område"),
    COL("actor", A("ansvarig", "aktor"), T_CODE, UF_KB_ACTOR, "ansvarig"),
    COL("planned_date", A("planerat_datum", "planerad"), T_DATE, -1, "planerat datum"),
    COL("due_date", A("klart_senast", "sista_datum"), T_DATE, -1, "klart senast"),
    COL("done_date", A("genomford_datum", "klart_datum"), T_DATE, -1, "genomförd datum"),
    COL("status", A("status"), T_CODE, UF_KB_ACTION_STATUS, "status"),
};

#define NO -1
const entity uf_entities[K_COUNT] = {
    { "persons",
      "personer",
      { "personer", "person", NULL },
      person_cols,
      P_N,
      { P_PERSON, NO, NO, NO } },
    { "cases",
      "ärenden",
      { "arenden", "arende", NULL },
      case_cols,
      C_N,
      { C_CASE, C_PERSON, NO, NO } },
    { "interventions",
      "insatser",
      { "insatser", "insats", NULL },
      intervention_cols,
      I_N,
      { ALT(I_CASE, I_PERSON), I_INSATS, I_START, NO } },
    { "assessments",
      "bedömningar",
      { "bedomningar", "bedomning", NULL },
      assessment_cols,
      A_N,
      { A_ID, ALT(A_PERSON, A_CASE), A_INSTRUMENT, A_DATE } },
    { "outcomes",
      "utfall",
      { "utfall", NULL, NULL },
      outcome_cols,
      O_N,
      { O_PERSON, O_DATE, O_MEASURE, NO } },
    { "goals",
      "mål",
      { "mal", NULL, NULL },
      goal_cols,
      G_N,
      { G_CASE, G_DOMAIN, G_SET, G_STATUS } },
    { "meetings",
      "möten",
      { "moten", "mote", NULL },
      meeting_cols,
      M_N,
      { M_CASE, M_DATE, M_TYPE, NO } },
    { "actions",
      "åtgärder",
      { "atgarder", "atgard", NULL },
      action_cols,
      X_N,
      { X_CASE, X_ID, X_ACTOR, X_STATUS } },
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

const char *uf_import_kind_label(int kind)
{
    return kind >= 0 && kind < K_COUNT ? uf_entities[kind].label : NULL;
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
    return c->kb >= 0 ? uf_kb_match((uf_kb_id)c->kb, v) : NULL;
}
