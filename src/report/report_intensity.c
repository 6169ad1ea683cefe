/*
 * report_intensity.c - how much support the cases of each group got
 * during their insats (utfall --by risk: does the highest risk get the
 * most intensive and most multimodal support?): per group the mean number
 * of insatser, of providers and of life domains with goals, meetings per
 * month and days placed, over the cases with follow-up consent (the core
 * keeps no measures of the others).  Disclosure control is the caller's:
 * each mean carries its n, and the group's cases are the n_cases of the
 * outcome tables (the same figure).
 */
#include <math.h>
#include <stdio.h>
#include "report_internal.h"
#include "uppfolj/stats.h"

enum { I_NCASES, I_INSATSER, I_PROVIDERS, I_DOMAINS, I_MEETINGS, I_PLACED, I_N };

/* Life domains with at least one goal followed up. */
static int domains(const uf_case *k)
{
    int n = 0;
    for (int d = 0; d < UF_NDOMAINS; d++)
        n += k->goals[d][0] + k->goals[d][1] + k->goals[d][2] + k->goals[d][3] > 0;
    return n;
}

/* The measure m of case k, or NAN when it has none (meetings per month
 * needs a during phase of at least a day). */
static double measure(const uf_case *k, int m)
{
    switch (m) {
    case I_INSATSER: return rep_bits(k->insatser);
    case I_PROVIDERS: return rep_bits(k->providers);
    case I_DOMAINS: return domains(k);
    case I_MEETINGS: return rep_meetings_per_month(k);
    case I_PLACED: return k->placed[UF_DURING];
    default: return NAN;
    }
}

void rep_intensity(uf_report *r, uf_section *s, const rep_groups *g, const char *prefix)
{
    char id[96];
    snprintf(id, sizeof id, "%s_omfattning", prefix);
    /* columns: n_cases, the means, then their SDs (printed beside them) */
    int ncols = I_N + (I_N - 1);
    uf_table *t =
        rep_table(r, s, g, id, "Insatsernas omfattning under insatsen (medelvärden)", ncols);
    if (!t)
        return;
    static const struct {
        const char *id, *label;
        int dec;
    } cols[I_N] = { { "n_cases", "Ärenden", 0 },
                    { "insatser", "Insatser", 1 },
                    { "utforare", "Utförare", 1 },
                    { "livsomraden", "Livsområden med mål", 1 },
                    { "moten_per_manad", "Möten per månad", 2 },
                    { "dagar_placerad", "Dagar placerad", 0 } };
    int o = g->ncols;
    for (int m = 0; m < I_N; m++)
        uf_table_col(r, t, o + m, cols[m].id, cols[m].label, m ? UF_C_NUMBER : UF_C_COUNT,
                     cols[m].dec, m == I_NCASES && !g->overlap);
    for (int m = 1; m < I_N; m++) {
        char sid[64], label[96];
        snprintf(sid, sizeof sid, "%s_sd", cols[m].id);
        snprintf(label, sizeof label, "%s, SD", cols[m].label);
        uf_table_col(r, t, o + I_N + m - 1, sid, label, UF_C_NUMBER, cols[m].dec ? cols[m].dec : 1,
                     false);
        uf_table_join(t, o + I_N + m - 1, o + m, UF_JOIN_SD);
    }
    rep_vec v[I_N];
    for (int m = 0; m < I_N; m++)
        rep_vec_init(&v[m]);
    for (int row = 0; row <= g->nrows; row++) {
        long ncases = 0;
        for (int m = 0; m < I_N; m++)
            rep_vec_clear(&v[m]);
        for (size_t i = 0; i < g->c->n; i++) {
            const uf_case *k = &g->c->cases[i];
            if (!k->consent || !rep_in_row(g, i, row))
                continue;
            ncases++;
            for (int m = 1; m < I_N; m++) {
                double x = measure(k, m);
                if (!isnan(x))
                    rep_vec_push(r, &v[m], x);
            }
        }
        int tr = rep_row(r, t, g, row);
        uf_cell_count(t, tr, o, ncases);
        rep_key_cases(r, t, g, row, tr, o, prefix);
        for (int m = 1; m < I_N; m++) {
            long n = (long)v[m].n;
            uf_cell_number(t, tr, o + m, uf_stat_mean(v[m].v, v[m].n), n);
            uf_cell_number(t, tr, o + I_N + m - 1, uf_stat_sd(v[m].v, v[m].n), n);
            uf_cell_reveals(t, tr, o + I_N + m - 1, rep_sd_reveals(v[m].v, v[m].n));
        }
        rep_fix_missing(t, tr, o + 1, ncols - 1);
    }
    for (int m = 0; m < I_N; m++)
        rep_vec_free(&v[m]);
    uf_table_note(r, t,
                  "Per ärende med samtycke till uppföljning, under insatsen: antal olika "
                  "insatser och utförare, livsområden med mål som följts upp, möten per månad "
                  "(30,44 dagar) och dagar placerad (HVB, SiS, familjehem, TFCO); medelvärde "
                  "med standardavvikelse (SD).");
}
