/*
 * format.c - Swedish formatting of numbers, percentages and p-values
 * (format.h).  Called per table cell by the renderers.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "uppfolj/format.h"
#include "uppfolj/suppress.h"

const char *uf_fmt_number(double v, int decimals, char buf[UF_FMT_BUF])
{
    if (!isfinite(v)) {
        strcpy(buf, "..");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    char raw[48];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
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
    if (strcmp(buf, "..") != 0)
        strcat(buf, UF_FMT_THOUSANDS "%");
    return buf;
}

const char *uf_fmt_pvalue(double p, char buf[UF_FMT_BUF])
{
    if (!isfinite(p)) {
        strcpy(buf, "..");
        return buf;
    }
    if (p < 0.001) {
        strcpy(buf, "<" UF_FMT_THOUSANDS "0,001");
        return buf;
    }
    return uf_fmt_number(p, 3, buf);
}

const char *uf_fmt_cell(const uf_cell *c, const uf_column *col, int threshold,
                        char buf[UF_FMT_BUF])
{
    if (c->supp != UF_SHOWN) {
        char sym[UF_SUPP_SYMBOL_SIZE];
        snprintf(buf, UF_FMT_BUF, "%s", uf_supp_symbol(c->supp, threshold, sym));
        return buf;
    }
    switch (c->type) {
    case UF_C_TEXT:
    case UF_C_DATE:
        snprintf(buf, UF_FMT_BUF, "%s", c->text ? c->text : "");
        return buf;
    case UF_C_COUNT:
        return uf_fmt_number(c->v, 0, buf);
    case UF_C_NUMBER:
        return uf_fmt_number(c->v, col ? col->decimals : 1, buf);
    case UF_C_PERCENT:
        return uf_fmt_percent(c->v, col ? col->decimals : 1, buf);
    case UF_C_PVALUE:
        return uf_fmt_pvalue(c->v, buf);
    case UF_C_EMPTY:
        break;
    }
    buf[0] = '\0';
    return buf;
}
