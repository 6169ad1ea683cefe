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

/* The cases and why some are left out of the comparisons. */
static void left_out(uf_report *r, uf_section *s, const uf_caseset *c)
{
    long no_consent = 0, incomplete = 0, complete = 0;
    for (size_t i = 0; i < c->n; i++) {
        const uf_case *k = &c->cases[i];
        if (!k->consent)
            no_consent++;
        else if (!rep_windows_complete(k))
            incomplete++;
        else
            complete++;
    }
    uf_table *t = uf_section_table(r, s, "utfall_urval", "Ärenden i jämförelserna", 2);
    uf_table_col(r, t, 0, "group", "Ärenden", UF_C_TEXT, 0, false);
    uf_table_col(r, t, 1, "n", "Antal", UF_C_COUNT, 0, true);
    static const char *const labels[] = { "Med hela före- och efterperioden",
                                          "Efterperioden inte avslutad vid datumet för uttaget",
                                          "Utan samtycke till uppföljning",
                                          "Startade ärenden, totalt" };
    long v[] = { complete, incomplete, no_consent, (long)c->n };
    for (int i = 0; i < 4; i++) {
        int tr = uf_table_row(r, t, i == 3);
        uf_cell_text(r, t, tr, 0, labels[i]);
        uf_cell_count(t, tr, 1, v[i]);
        if (i == 3 && no_consent == 0) /* then the cases of the outcome tables */
            uf_cell_key(r, t, tr, 1, "n_cases:Totalt");
    }
    char note[256];
    snprintf(note, sizeof note,
             "Dessutom %zu aktualiserade ärenden som inte hade startat vid "
             "datumet för uttaget; de ingår inte.",
             c->not_started);
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
             "de jämförelser som behöver den perioden (se tabellen över urvalet).",
             c->params.months_before, c->params.months_after,
             c->params.anchor == UF_ANCHOR_START ? "från start" : "efter avslut");
    uf_report_method(r, p);
    char base[512];
    rep_baseline_text(base, sizeof base);
    snprintf(p, sizeof p,
             "Händelser (misstankar om brott, våldsbrott) räknas per period; "
             "antal per år = antal / tid i risk i år, där tid i risk är periodens "
             "längd utom dagar placerad i låst vård (SiS); dagar placerad räknas per "
             "år av periodens hela längd, och överlappande placeringar räknas en "
             "gång. %s",
             base);
    uf_report_method(r, p);
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
    left_out(r, s, c);
    rep_outcomes(r, NULL, &g, "utfall", true);
    method(r, c, o);
    rep_groups_free(&g);
    if (uf_report_failed(r)) {
        uf_report_free(r);
        return NULL;
    }
    return r;
}
