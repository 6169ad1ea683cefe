/*
 * report_verksamhet.c - reporting periods (uf_period_parse) of the
 * verksamhetsuppföljning (SPEC §9.1) and every other report defined in
 * reports/NAME.ini; the report itself is reports/verksamhet.ini, built by
 * report_def.c through the registry (report_registry.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "uppfolj/parse.h"

/* One period, not pooled: year, quarter, tertial or month. */
static int one_period(const char *s, int *from, int *to, char *label, size_t n)
{
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
                 uf_month_name(m0), uf_month_name(m1 - 1));
        return 0;
    }
    if (sscanf(s + 5, "%2d%n", &k, &used) == 1 && used == 2 && s[7] == '\0' && k >= 1 && k <= 12) {
        *from = uf_days_from_civil(y, k, 1);
        *to = k == 12 ? uf_days_from_civil(y + 1, 1, 1) : uf_days_from_civil(y, k + 1, 1);
        snprintf(label, n, "%s %d", uf_month_name(k), y);
        return 0;
    }
    return -1;
}

int uf_period_parse(const char *s, int as_of, int *from, int *to, char *label, size_t n)
{
    /* rolling: the N months up to and including as-of */
    int months = 0, used = 0;
    if (sscanf(s, "%d%n", &months, &used) == 1 && (s[used] == 'm' || s[used] == 'M') &&
        s[used + 1] == '\0' && used <= 2) {
        if (months < 1 || months > 60 || as_of <= 0)
            return -1;
        *to = as_of + 1;
        *from = uf_add_months(*to, -months);
        char end[UF_DATE_BUF];
        uf_date_format(as_of, end);
        snprintf(label, n, "%d %s till och med %s", months, months == 1 ? "månad" : "månader", end);
        return 0;
    }
    /* pooled: A..B, from the first day of A to the last of B */
    const char *dots = strstr(s, "..");
    if (!dots)
        return one_period(s, from, to, label, n);
    char a[32], la[96], lb[96];
    int af, at, bf, bt;
    size_t alen = (size_t)(dots - s);
    if (alen == 0 || alen >= sizeof a)
        return -1;
    memcpy(a, s, alen);
    a[alen] = '\0';
    if (one_period(a, &af, &at, la, sizeof la) != 0 ||
        one_period(dots + 2, &bf, &bt, lb, sizeof lb) != 0 || bt <= af || bf < af)
        return -1;
    *from = af;
    *to = bt;
    if (strlen(a) == 4 && strlen(dots + 2) == 4)
        snprintf(label, n, "%s–%s", la, lb);
    else
        snprintf(label, n, "%s – %s", la, lb);
    return 0;
}
