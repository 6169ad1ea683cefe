/*
 * report_utfall.c - the utfall report: before/after outcomes by group
 * (the tables are report_outcomes.c's), the cases left out, and the method
 * page.  Disclosure control is the caller's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "uppfolj/parse.h"

/* The cases and why some are left out of the comparisons.  How many had
 * not started is said in an internal report only: in an extern one that
 * count, taken from the population's on the front page, would give the
 * total of started cases, which disclosure control may hide. */
static void left_out(uf_report *r, uf_section *s, const uf_caseset *c, bool internal)
{
    uf_table *t = rep_selection(r, s, c, "utfall_urval", "Ärenden i jämförelserna",
                                "Startade ärenden, totalt");
    char note[256];
    if (internal)
        snprintf(note, sizeof note,
                 "Dessutom %zu aktualiserade ärenden som inte hade startat vid "
                 "datumet för uttaget; de ingår inte.",
                 c->not_started);
    else
        snprintf(note, sizeof note,
                 "Aktualiserade ärenden som inte hade startat vid datumet för uttaget ingår "
                 "inte.");
    if (t)
        uf_table_note(r, t, note);
}

/* The method page. */
static void method(uf_report *r, const uf_caseset *c, const uf_report_opts *o)
{
    char p[1024];
    snprintf(p, sizeof p,
             "Faser: före = de %d månaderna före start; under = från start till avslut (eller "
             "till datumet för uttaget om ärendet pågår); efter = de %d månaderna %s. En period "
             "som inte är avslutad vid datumet för uttaget räknas inte, och ärendet lämnas utanför "
             "de jämförelser som behöver den perioden (se tabellen över urvalet). Återkallar "
             "någon sitt samtycke till uppföljning slutar uppföljningen den dagen: senare "
             "uppgifter används inte, och en period som inte var slut då räknas inte.",
             c->params.months_before, c->params.months_after,
             c->params.anchor == UF_ANCHOR_START ? "från start" : "efter avslut");
    uf_report_method(r, p);
    char base[512];
    rep_baseline_text(base, sizeof base);
    snprintf(p, sizeof p,
             "Händelser (misstankar om brott, våldsbrott) räknas per period. Dagar placerad "
             "räknas per år av periodens hela längd, och överlappande placeringar räknas en "
             "gång. %s",
             base);
    uf_report_method(r, p);
    rep_exposure_method(r, c);
    rep_stats_method(r, o->cfg ? o->cfg->threshold : 5);
    rep_disclosure_note(r, o->cfg);
    uf_report_method(r, "Vad siffrorna kan säga: de beskriver hur det gick för dem som fick "
                        "insatsen, före och efter. Uppföljning av en grupp är ingen effektstudie: "
                        "förändringen kan bero på annat än insatsen (till exempel ålder eller att "
                        "många tas in när problemen är som störst).");
}

uf_report *uf_report_utfall(const uf_caseset *c, const uf_report_opts *o)
{
    uf_report *r = uf_report_new("utfall", "Utfall före och efter insatsen");
    rep_groups g;
    if (!r || rep_groups_init(r, &g, c, o) != 0) {
        uf_report_free(r);
        return NULL;
    }
    char asof[UF_DATE_BUF], by[128];
    uf_date_format(c->as_of, asof);
    snprintf(by, sizeof by, "%s%s%s", uf_dim_label(o->by[0]), o->nby > 1 ? " och " : "",
             o->nby > 1 ? uf_dim_label(o->by[1]) : "");
    const rep_param own[] = { { "Datum för uttaget", asof }, { "Uppdelning", by } };
    rep_front front = { .period = "Alla ärenden som startat till och med datumet för uttaget",
                        .as_of = asof,
                        .params = own,
                        .nparams = 2,
                        .windows = c,
                        .bands = o->cfg != NULL,
                        .cfg = o->cfg };
    rep_front_matter(r, &front);
    uf_section *s = uf_report_section(r, "Urval");
    left_out(r, s, c, o->cfg && o->cfg->internal);
    rep_outcomes(r, NULL, &g, "utfall", true, false);
    rep_goals(r, uf_report_section(r, "Mål i åtgärdsplanen"), &g, "utfall");
    bool by_risk = o->by[0] == UF_DIM_RISK || (o->nby > 1 && o->by[1] == UF_DIM_RISK);
    if (by_risk)
        rep_intensity(r, uf_report_section(r, "Insatsernas omfattning per risknivå"), &g, "utfall");
    method(r, c, o);
    if (by_risk)
        uf_report_method(r, "Risknivå vid start: nivån i den strukturerade bedömningen vid "
                            "baslinjen (ESTER, annars SAVRY, YLS/CMI, ADAD, EARL eller Check:IRK). "
                            "Insatsernas omfattning visar om de med högst risk fick det mest "
                            "intensiva stödet (fler möten, fler insatser och utförare, mål i fler "
                            "livsområden, placering). Omfattningen beskriver vad som gavs, inte "
                            "vad det ledde till.");
    rep_groups_free(&g);
    if (uf_report_failed(r)) {
        uf_report_free(r);
        return NULL;
    }
    return r;
}
