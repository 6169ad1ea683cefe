/*
 * kodbok.c - the code book (kodbok.h): every code list of SPEC §3 once,
 * with labels and the spellings the importer accepts.  A new code or label
 * is a line here; test_kodbok checks that no two codes of a list share a
 * spelling.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include "uppfolj/kodbok.h"
#include "uppfolj/parse.h"

#define E(code, label, ...)      \
    {                            \
        code, label, __VA_ARGS__ \
    }
#define N(a) (int)(sizeof a / sizeof *a)

/* clang-format off: one code a line */
static const uf_kb_entry sex[] = {
    E("F", "Flicka", "Flickor", { "kvinna", "k" }),
    E("M", "Pojke", "Pojkar", { "man" }),
    E("X", "Annat kön", NULL, { "annat" }),
};
static const uf_kb_entry target[] = {
    E("riskzon", "Riskzon", NULL, { NULL }),
    E("avhopp", "Avhoppare", NULL, { NULL }),
};
static const uf_kb_entry referrer[] = {
    E("polis", "Polisen", NULL, { NULL }), E("socialtjanst", "Socialtjänsten", NULL, { NULL }),
    E("skola", "Skolan", NULL, { NULL }),  E("fritid", "Fritid", NULL, { "fritidsverksamhet" }),
    E("bup", "BUP", NULL, { NULL }),       E("egen", "Egen ansökan", NULL, { NULL }),
    E("annan", "Annan", NULL, { NULL }),
};
static const uf_kb_entry end_reason[] = {
    E("mal_uppfyllda", "Målen uppfyllda", NULL, { NULL }),
    E("avhopp", "Avhopp", NULL, { NULL }),
    E("fortsatt_brottslighet", "Fortsatt brottslighet", NULL, { NULL }),
    E("placering", "Placering", NULL, { NULL }),
    E("flytt", "Flytt", NULL, { NULL }),
    E("annan", "Annan orsak", NULL, { NULL }),
};
static const uf_kb_entry form[] = {
    E("bistand", "Bistånd", NULL, { NULL }),
    E("service", "Service", NULL, { NULL }),
};
static const uf_kb_entry yes_no[] = {
    E("ja", "Ja", NULL, { "j", "1", "yes" }),
    E("nej", "Nej", NULL, { "n", "0", "no" }),
};
static const uf_kb_entry provider[] = {
    E("socialtjanst", "Socialtjänsten", NULL, { NULL }),
    E("polis", "Polisen", NULL, { NULL }),
    E("skola", "Skolan", NULL, { NULL }),
    E("bup", "BUP", NULL, { NULL }),
    E("fritid", "Fritid", NULL, { NULL }),
    E("af", "Arbetsförmedlingen", NULL, { NULL }),
    E("kriminalvard", "Kriminalvården", NULL, { NULL }),
    E("sis", "SiS", NULL, { NULL }),
    E("annan", "Annan", NULL, { NULL }),
};
static const uf_kb_entry insats[] = {
    E("mst", "MST", NULL, { NULL }),
    E("fft", "FFT", NULL, { NULL }),
    E("bsft", "BSFT", NULL, { NULL }),
    E("art", "ART", NULL, { NULL }),
    E("mi", "MI", NULL, { NULL }),
    E("kbt", "KBT", NULL, { NULL }),
    E("kontaktperson", "Kontaktperson", NULL, { NULL }),
    E("skk", "Särskilt kvalificerad kontaktperson", NULL, { NULL }),
    E("familjebehandling", "Familjebehandling", NULL, { NULL }),
    E("foraldrastod", "Föräldrastöd", NULL, { NULL }),
    E("hvb", "HVB", NULL, { NULL }),
    E("sis", "SiS", NULL, { NULL }),
    E("familjehem", "Familjehem", NULL, { NULL }),
    E("tfco", "TFCO", NULL, { NULL }),
    E("ungdomstjanst", "Ungdomstjänst", NULL, { NULL }),
    E("ungdomsvard", "Ungdomsvård", NULL, { NULL }),
    E("ungdomsovervakning", "Ungdomsövervakning", NULL, { NULL }),
    E("bup", "BUP", NULL, { NULL }),
    E("skolstod", "Skolstöd", NULL, { NULL }),
    E("sarskild_undervisningsgrupp", "Särskild undervisningsgrupp", NULL, { NULL }),
    E("arbetsmarknad", "Arbetsmarknadsinsats", NULL, { NULL }),
    E("fritid", "Fritid", NULL, { NULL }),
    E("mentor", "Mentor", NULL, { NULL }),
    E("avhopparstod", "Avhopparstöd", NULL, { NULL }),
    E("annan", "Annan insats", NULL, { NULL }),
};
static const uf_kb_entry instrument[] = {
    E("ester", "ESTER", NULL, { NULL }),
    E("savry", "SAVRY", NULL, { NULL }),
    E("yls_cmi", "YLS/CMI", NULL, { "ylscmi" }),
    E("adad", "ADAD", NULL, { NULL }),
    E("earl", "EARL", NULL, { NULL }),
    E("irk", "Check:IRK", NULL, { NULL }),
    E("annat", "Annat instrument", NULL, { NULL }),
};
static const uf_kb_entry risk[] = {
    E("lag", "Låg", NULL, { NULL }),
    E("medel", "Medel", NULL, { NULL }),
    E("hog", "Hög", NULL, { NULL }),
};
static const uf_kb_entry measure[] = {
    E("misstanke_brott", "Misstanke om brott", NULL, { NULL }),
    E("lagforing", "Lagföring", NULL, { NULL }),
    E("anmalan_oro", "Orosanmälan", NULL, { NULL }),
    E("vald", "Misstanke om våldsbrott", NULL, { NULL }),
    E("skolfranvaro_pct", "Skolfrånvaro (%)", NULL, { NULL }),
    E("uppforandestorning", "Uppförandestörning", NULL, { NULL }),
    E("sysselsattning", "Sysselsättning", NULL, { NULL }),
    E("drogfri", "Drogfri", NULL, { NULL }),
    E("boende_stabilt", "Stabilt boende", NULL, { NULL }),
};
static const uf_kb_entry domain[] = {
    E("skola", "Skola", NULL, { NULL }),
    E("fritid", "Fritid", NULL, { NULL }),
    E("familj", "Familj", NULL, { NULL }),
    E("kamrater", "Kamrater", NULL, { NULL }),
    E("kriminalitet", "Kriminalitet", NULL, { NULL }),
    E("sysselsattning", "Sysselsättning", NULL, { NULL }),
    E("halsa", "Hälsa", NULL, { NULL }),
    E("ekonomi", "Ekonomi", NULL, { NULL }),
    E("boende", "Boende", NULL, { NULL }),
    E("annat", "Annat", NULL, { NULL }),
};
static const uf_kb_entry goal_status[] = {
    E("uppnatt", "Uppnått", NULL, { NULL }),
    E("delvis", "Delvis uppnått", NULL, { NULL }),
    E("ej_uppnatt", "Ej uppnått", NULL, { NULL }),
    E("pagaende", "Pågående", NULL, { NULL }),
};
static const uf_kb_entry action_status[] = {
    E("genomford", "Genomförd", NULL, { "klar", "gjord" }),
    E("pagaende", "Pågående", NULL, { "paborjad" }),
    E("ej_genomford", "Ej genomförd", NULL, { "inte_genomford" }),
    E("avbruten", "Avbruten", NULL, { NULL }),
};
static const uf_kb_entry offer[] = {
    E("erbjuden", "Erbjuden", NULL, { "erbjudet", "ja" }),
    E("ej_aktuell", "Ej aktuell", NULL, { "inte_aktuell", "nej" }),
};
static const uf_kb_entry consent_by[] = {
    E("ungdom", "Ungdomen", NULL, { "ungdomen" }),
    E("vardnadshavare", "Vårdnadshavare", NULL, { "vardnadshavarna" }),
    E("bada", "Båda", NULL, { "ungdom_och_vardnadshavare" }),
};
static const uf_kb_entry meeting_type[] = {
    E("natverksmote", "Nätverksmöte", NULL, { NULL }),
    E("uppfoljning", "Uppföljning", NULL, { NULL }),
    E("beredning", "Beredning", NULL, { NULL }),
};
static const uf_kb_entry actor[] = {
    E("ungdom", "Ungdomen", NULL, { NULL }),
    E("vardnadshavare", "Vårdnadshavare", NULL, { NULL }),
    E("socialtjanst", "Socialtjänsten", NULL, { NULL }),
    E("polis", "Polisen", NULL, { NULL }),
    E("skola", "Skolan", NULL, { NULL }),
    E("bup", "BUP", NULL, { NULL }),
    E("fritid", "Fritid", NULL, { NULL }),
    E("af", "Arbetsförmedlingen", NULL, { NULL }),
    E("annan", "Annan", NULL, { NULL }),
};

static const uf_kb_list lists[UF_KB_NLISTS] = {
    [UF_KB_SEX] = { "kon", "Kön", sex, N(sex) },
    [UF_KB_TARGET] = { "malgrupp", "Målgrupp", target, N(target) },
    [UF_KB_REFERRER] = { "aktualiserad_av", "Aktualiserad av", referrer, N(referrer) },
    [UF_KB_END_REASON] = { "avslutsorsak", "Avslutsorsak", end_reason, N(end_reason) },
    [UF_KB_FORM] = { "insatsform", "Insatsform", form, N(form) },
    [UF_KB_YES_NO] = { "ja_nej", "Ja eller nej", yes_no, N(yes_no) },
    [UF_KB_PROVIDER] = { "utforare", "Utförare", provider, N(provider) },
    [UF_KB_INSATS] = { "insats", "Insats", insats, N(insats) },
    [UF_KB_INSTRUMENT] = { "instrument", "Bedömningsinstrument", instrument, N(instrument) },
    [UF_KB_RISK] = { "riskniva", "Risknivå", risk, N(risk) },
    [UF_KB_MEASURE] = { "matt", "Mått", measure, N(measure) },
    [UF_KB_DOMAIN] = { "omrade", "Område", domain, N(domain) },
    [UF_KB_GOAL_STATUS] = { "malstatus", "Målstatus", goal_status, N(goal_status) },
    [UF_KB_MEETING_TYPE] = { "motestyp", "Mötestyp", meeting_type, N(meeting_type) },
    [UF_KB_ACTOR] = { "aktor", "Aktör", actor, N(actor) },
    [UF_KB_ACTION_STATUS] = { "atgardsstatus", "Åtgärdens status", action_status,
                              N(action_status) },
    [UF_KB_OFFER] = { "erbjudande", "Erbjudande", offer, N(offer) },
    [UF_KB_CONSENT_BY] = { "samtycke_av", "Samtycke av", consent_by, N(consent_by) },
};

/* clang-format on */

_Static_assert(N(insats) == UF_KB_N_INSATS, "UF_KB_N_INSATS");
_Static_assert(N(instrument) == UF_KB_N_INSTRUMENT, "UF_KB_N_INSTRUMENT");
_Static_assert(N(domain) == UF_KB_N_DOMAIN, "UF_KB_N_DOMAIN");
_Static_assert(N(end_reason) == UF_KB_N_END_REASON, "UF_KB_N_END_REASON");
_Static_assert(N(goal_status) == UF_KB_N_GOAL_STATUS, "UF_KB_N_GOAL_STATUS");

const uf_kb_list *uf_kb(uf_kb_id id)
{
    return &lists[id];
}

const uf_kb_list *uf_kb_find(const char *name)
{
    char f[64];
    uf_fold(name ? name : "", f, sizeof f);
    for (int i = 0; i < UF_KB_NLISTS; i++)
        if (strcmp(lists[i].name, f) == 0)
            return &lists[i];
    return NULL;
}

int uf_kb_index(uf_kb_id id, const char *code)
{
    for (int i = 0; code && i < lists[id].n; i++)
        if (strcmp(lists[id].e[i].code, code) == 0)
            return i;
    return -1;
}

const char *uf_kb_code(uf_kb_id id, int i)
{
    return lists[id].e[i].code;
}

const char *uf_kb_label(uf_kb_id id, const char *code)
{
    int i = uf_kb_index(id, code);
    return i >= 0 ? lists[id].e[i].label : code ? code : "";
}

const char *uf_kb_group(uf_kb_id id, const char *code)
{
    int i = uf_kb_index(id, code);
    return i >= 0 && lists[id].e[i].group ? lists[id].e[i].group : uf_kb_label(id, code);
}

/* Is folded text f the folding of s? */
static bool folds_to(const char *s, const char *f)
{
    char g[96];
    if (!s)
        return false;
    uf_fold(s, g, sizeof g);
    return strcmp(g, f) == 0;
}

const char *uf_kb_match(uf_kb_id id, const char *text)
{
    const uf_kb_list *l = &lists[id];
    char f[96];
    if (!text)
        return NULL;
    for (int i = 0; i < l->n; i++)           /* the code as stored: the importer's */
        if (strcmp(l->e[i].code, text) == 0) /* every row, no folding */
            return l->e[i].code;
    uf_fold(text, f, sizeof f);
    for (int i = 0; i < l->n; i++) /* the code: nearly always */
        if (strcasecmp(l->e[i].code, f) == 0)
            return l->e[i].code;
    for (int i = 0; i < l->n; i++)
        for (int a = 0; a < 5 && l->e[i].aliases[a]; a++)
            if (strcmp(l->e[i].aliases[a], f) == 0)
                return l->e[i].code;
    for (int i = 0; i < l->n; i++)
        if (folds_to(l->e[i].label, f) || folds_to(l->e[i].group, f))
            return l->e[i].code;
    return NULL;
}

bool uf_kb_is_placement(const char *code)
{
    static const char *const placements[] = { "hvb", "sis", "familjehem", "tfco" };
    for (size_t i = 0; code && i < sizeof placements / sizeof placements[0]; i++)
        if (strcmp(placements[i], code) == 0)
            return true;
    return false;
}
