/*
 * format.c - Swedish formatting of numbers, percentages and p-values
 * (format.h).  Called per table cell by the renderers.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/format.h"
#include "uppfolj/suppress.h"

/* Increment the decimal digit string d (digits only) by one unit in its
 * last place; true when it carried out of the first digit (d is then all
 * zeros and a leading 1 is missing). */
static bool digits_increment(char *d, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (d[i] != '9') {
            d[i]++;
            return false;
        }
        d[i] = '0';
    }
    return true;
}

/*
 * |v| as fixed-point text with `decimals` decimals (a '.' before them, no
 * sign) into raw (n bytes), rounded the way Excel displays a number:
 * first to 15 significant digits, then half away from zero on those
 * decimal digits (docs/rounding.md).  C's printf instead rounds the
 * binary value, so 492.5 gives 492 (half to even) and 2.675 gives 2.67
 * (its binary value is 2.67499999...).  av must be finite and below
 * 1e100.
 */
static void excel_fixed(double av, int decimals, char *raw, size_t n)
{
    char e[32];
    snprintf(e, sizeof e, "%.14e", av); /* d.dddddddddddddde+XX */
    char sig[16];
    sig[0] = e[0];
    memcpy(sig + 1, e + 2, 14);
    int point = atoi(e + 17) + 1; /* digits before the decimal point */
    if (av == 0)
        point = 1;
    /* the digits from the first kept place: integer part, then decimals */
    char d[160];
    size_t nd = 0;
    if (point <= 0) {
        d[nd++] = '0'; /* integer part 0 */
        for (int i = 0; i < -point && nd < sizeof d - 1; i++)
            d[nd++] = '0';
        for (int i = 0; i < 15 && nd < sizeof d - 1; i++)
            d[nd++] = sig[i];
    } else {
        for (int i = 0; i < point || i < 15; i++)
            d[nd++] = i < 15 ? sig[i] : '0';
    }
    size_t intlen = point <= 0 ? 1 : (size_t)point;
    size_t keep = intlen + (size_t)decimals; /* digits shown */
    bool carry = false;
    if (nd > keep && d[keep] >= '5')
        carry = digits_increment(d, keep);
    while (nd < keep)
        d[nd++] = '0';
    size_t o = 0;
    if (carry && o < n - 1)
        raw[o++] = '1';
    for (size_t i = 0; i < keep && o < n - 2; i++) {
        if (i == intlen)
            raw[o++] = '.';
        raw[o++] = d[i];
    }
    raw[o] = '\0';
}

const char *uf_fmt_number(double v, int decimals, char buf[UF_FMT_BUF])
{
    if (!isfinite(v)) { /* no value: uf_supp_symbol's UF_SUPP_MISSING */
        strcpy(buf, ".");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (fabs(v) >= 1e100) { /* beyond any figure of a report */
        snprintf(buf, UF_FMT_BUF, "%.*E", decimals, v);
        return buf;
    }
    char raw[160];
    excel_fixed(fabs(v), decimals, raw, sizeof raw);
    /* no "-0" or "-0,0" after rounding */
    bool negative = v < 0 && strspn(raw, "0.") != strlen(raw);
    char *point = strchr(raw, '.');
    size_t intlen = point ? (size_t)(point - raw) : strlen(raw);
    size_t o = 0;
    if (negative)
        buf[o++] = '-';
    for (size_t i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0) {
            memcpy(buf + o, UF_FMT_THOUSANDS, 2);
            o += 2;
        }
        buf[o++] = raw[i];
    }
    if (point) {
        buf[o++] = ',';
        strcpy(buf + o, point + 1);
    } else {
        buf[o] = '\0';
    }
    return buf;
}

const char *uf_fmt_percent(double pct, int decimals, char buf[UF_FMT_BUF])
{
    uf_fmt_number(pct, decimals, buf);
    if (isfinite(pct))
        strcat(buf, UF_FMT_THOUSANDS "%");
    return buf;
}

const char *uf_fmt_pvalue(double p, char buf[UF_FMT_BUF])
{
    if (!isfinite(p)) {
        strcpy(buf, ".");
        return buf;
    }
    if (p < 0.001) {
        strcpy(buf, "<" UF_FMT_THOUSANDS "0,001");
        return buf;
    }
    return uf_fmt_number(p, 3, buf);
}

const char *uf_fmt_cell(const uf_cell *c, const uf_column *col, int threshold, char buf[UF_FMT_BUF])
{
    if (c->supp != UF_SHOWN) {
        char sym[UF_SUPP_SYMBOL_SIZE];
        snprintf(buf, UF_FMT_BUF, "%s", uf_supp_symbol(c->supp, threshold, sym));
        return buf;
    }
    switch (c->type) {
    case UF_C_TEXT:
    case UF_C_DATE: snprintf(buf, UF_FMT_BUF, "%s", c->text ? c->text : ""); return buf;
    case UF_C_COUNT: return uf_fmt_number(c->v, 0, buf);
    case UF_C_NUMBER: return uf_fmt_number(c->v, col ? col->decimals : 1, buf);
    case UF_C_PERCENT: return uf_fmt_percent(c->v, col ? col->decimals : 1, buf);
    case UF_C_PVALUE: return uf_fmt_pvalue(c->v, buf);
    case UF_C_EMPTY: break;
    }
    buf[0] = '\0';
    return buf;
}
