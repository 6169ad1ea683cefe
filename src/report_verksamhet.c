/*
 * report_verksamhet.c - the verksamhetsuppföljning (SPEC §9.1): a period,
 * the front matter and the tables of reports/verksamhet.ini.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "uppfolj/parse.h"

int uf_period_parse(const char *s, int *from, int *to, char *label, size_t n)
{
    static const char *const months[] = { "januari", "februari", "mars", "april", "maj",
                                          "juni", "juli", "augusti", "september", "oktober",
                                          "november", "december" };
    int y, k, used = 0;
    char kind = 0;
    if (sscanf(s, "%4d%n", &y, &used) != 1 || used != 4 || y < 1900 || y > 2199)
        return -1;
    if (s[4] == '\0') {
        *from = uf_days_from_civil(y, 1, 1);
        *to = uf_days_from_civil(y + 1, 1, 1);
        snprintf(label, n, "%d", y);
        return 0;
    }
    if (s[4] != '-')
        return -1;
    if ((s[5] == 'Q' || s[5] == 'q' || s[5] == 'K' || s[5] == 'k' || s[5] == 'T' || s[5] == 't') &&
        s[6] >= '1' && s[6] <= '4' && s[7] == '\0') {
        kind = (char)(s[5] == 'T' || s[5] == 't' ? 'T' : 'Q');
        k = s[6] - '0';
        if (kind == 'T' && k > 3)
            return -1;
        int len = kind == 'T' ? 4 : 3, m0 = (k - 1) * len + 1, m1 = m0 + len;
        *from = uf_days_from_civil(y, m0, 1);
        *to = m1 > 12 ? uf_days_from_civil(y + 1, 1, 1) : uf_days_from_civil(y, m1, 1);
        snprintf(label, n, "%d, %s %d (%s–%s)", y, kind == 'T' ? "tertial" : "kvartal", k,
                 months[m0 - 1], months[m1 - 2]);
        return 0;
    }
    if (sscanf(s + 5, "%2d%n", &k, &used) == 1 && used == 2 && s[7] == '\0' && k >= 1 && k <= 12) {
        *from = uf_days_from_civil(y, k, 1);
        *to = k == 12 ? uf_days_from_civil(y + 1, 1, 1) : uf_days_from_civil(y, k + 1, 1);
        snprintf(label, n, "%s %d", months[k - 1], y);
        return 0;
    }
    return -1;
}

uf_report *uf_report_verksamhet(sqlite3 *db, const char *period, const char *unit,
                                const uf_config *cfg, uf_error *err)
{
    int from, to;
    char label[96], f[UF_DATE_BUF], t[UF_DATE_BUF], last[UF_DATE_BUF];
    if (uf_period_parse(period, &from, &to, label, sizeof label) != 0) {
        *err = UF_ERR_USAGE;
        return NULL;
    }
    uf_date_format(from, f);
    uf_date_format(to, t);
    uf_date_format(to - 1, last);
    uf_report *r = uf_report_new("verksamhet", "Verksamhetsuppföljning");
    if (!r) {
        *err = UF_ERR_NOMEM;
        return NULL;
    }
    char full[160];
    snprintf(full, sizeof full, "%s: %s – %s", label, f, last);
    uf_report_set(r, &r->period, full);
    uf_report_set(r, &r->as_of, last);
    uf_report_set(r, &r->version, UF_VERSION);
    uf_report_set(r, &r->unit, unit ? unit : cfg->organisation ? cfg->organisation : "Alla enheter");
    uf_report_param(r, "Period", "%s", period);
    uf_report_param(r, "Enheter", "%s", unit ? unit : "alla");
    uf_report_param(r, "Tröskel för röjandeskydd", "%d", cfg->threshold);
    uf_report_param(r, "Inställningar", "%s", cfg->path ? cfg->path : "standardvärden");
    for (int i = 0; i < cfg->nunits; i++)
        uf_report_param(r, "Kapacitet", "%s: %d", cfg->units[i].name, cfg->units[i].capacity);
    rep_def_opts o = { .name = "verksamhet", .cfg = cfg, .unit = unit };
    if (rep_def_build(r, db, f, t, &o) != 0) {
        *err = uf_report_failed(r) ? UF_ERR_NOMEM : UF_ERR_DB;
        uf_report_free(r);
        return NULL;
    }
    rep_disclosure_note(r, cfg->threshold);
    if (uf_report_failed(r)) {
        uf_report_free(r);
        *err = UF_ERR_NOMEM;
        return NULL;
    }
    *err = UF_OK;
    return r;
}
