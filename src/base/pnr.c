/*
 * pnr.c - parse and check personnummer (see pnr.h).  Called once per person
 * reference in an import (millions of times for outcome files), so it works
 * on the stack only.  The raw number never leaves this file except as the
 * normalised digits the caller asked for.
 */
#include <ctype.h>
#include <string.h>
#include "uppfolj/parse.h"
#include "uppfolj/pnr.h"

int uf_pnr_luhn(const char d[9])
{
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    return (10 - sum % 10) % 10;
}

const char *uf_pnr_strstatus(uf_pnr_status st)
{
    switch (st) {
    case UF_PNR_OK: return "giltigt personnummer";
    case UF_PNR_PSEUDONYM: return "pseudonymt id";
    case UF_PNR_BAD_FORMAT:
        return "värdet har minst åtta siffror men inte ett personnummers form "
               "(ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN); ett pseudonymt id får ha "
               "högst sju siffror";
    case UF_PNR_BAD_DATE: return "personnumret innehåller inget giltigt födelsedatum";
    case UF_PNR_BAD_CHECK: return "personnumret har fel kontrollsiffra";
    }
    return "okänt fel i personnummer";
}

/* Split s into its digits (at most 12) and its separator; returns the
 * number of digits, or -1 when s has a character other than digits and one
 * '-' or '+' in the separator position. */
static int split(const char *s, char dig[13], char *sep)
{
    int n = 0;
    *sep = 0;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (n == 12)
                return 13;
            dig[n++] = *p;
        } else if ((*p == '-' || *p == '+') && !*sep) {
            *sep = *p;
            if (strlen(p + 1) != 4)
                return -2;
        } else {
            return -1;
        }
    }
    dig[n] = '\0';
    return n;
}

/* uppfolj's own pseudonym form: "ps" and 32 lower-case hex digits. */
static bool own_pseudonym(const char *s)
{
    if (strncmp(s, "ps", 2) != 0 || strlen(s) != 34)
        return false;
    return strspn(s + 2, "0123456789abcdef") == 32;
}

/* Meant as a personnummer: at least 8 digits, whatever else it has, so
 * that a number with a stray character is rejected rather than stored as
 * if it were a pseudonymous id. */
static bool looks_like_pnr(const char *s)
{
    int ndig = 0;
    for (const char *p = s; *p; p++)
        if (isdigit((unsigned char)*p))
            ndig++;
    return ndig >= 8 && !own_pseudonym(s);
}

uf_pnr_status uf_pnr_parse(const char *s, int today, uf_pnr *out)
{
    if (!looks_like_pnr(s))
        return UF_PNR_PSEUDONYM;
    char dig[14], sep;
    int n = split(s, dig, &sep);
    if (n != 10 && n != 12)
        return UF_PNR_BAD_FORMAT;
    if (n == 12 && sep == '+')
        return UF_PNR_BAD_FORMAT;

    char full[13];
    int ty, tm, td;
    uf_civil_from_days(today, &ty, &tm, &td);
    if (n == 12) {
        memcpy(full, dig, 13);
    } else {
        int yy = (dig[0] - '0') * 10 + (dig[1] - '0');
        int year = ty - ((ty % 100 - yy + 100) % 100);
        int mm = (dig[2] - '0') * 10 + (dig[3] - '0');
        int dd = (dig[4] - '0') * 10 + (dig[5] - '0');
        if (dd > 60)
            dd -= 60;
        if (uf_date_valid(year, mm, dd) && uf_days_from_civil(year, mm, dd) > today)
            year -= 100;
        if (sep == '+')
            year -= 100;
        full[0] = (char)('0' + year / 1000 % 10);
        full[1] = (char)('0' + year / 100 % 10);
        memcpy(full + 2, dig, 11);
    }

    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (full[i] - '0');
    m = (full[4] - '0') * 10 + (full[5] - '0');
    d = (full[6] - '0') * 10 + (full[7] - '0');
    bool coord = d > 60;
    if (coord)
        d -= 60;
    if (!uf_date_valid(y, m, d) || uf_days_from_civil(y, m, d) > today)
        return UF_PNR_BAD_DATE;
    if (uf_pnr_luhn(full + 2) != full[11] - '0')
        return UF_PNR_BAD_CHECK;

    memcpy(out->digits, full, 13);
    out->birth_days = uf_days_from_civil(y, m, d);
    out->coordination = coord;
    return UF_PNR_OK;
}

bool uf_pnr_is_valid(const char *s, int today)
{
    /* every accepted form is 10 or 12 digits, with 11 or 13 characters
     * one '-' or '+' before the last four: test that shape first, so that
     * ids, codes and dates ("2024-01-10" has 10 characters) cost a few
     * comparisons */
    if (!isdigit((unsigned char)s[0]))
        return false;
    size_t len = strnlen(s, 14);
    if (len < 10 || len > 13)
        return false;
    size_t sep = len % 2 ? len - 5 : len;
    for (size_t i = 1; i < len; i++)
        if (i == sep ? s[i] != '-' && s[i] != '+' : !isdigit((unsigned char)s[i]))
            return false;
    uf_pnr p;
    bool ok = uf_pnr_parse(s, today, &p) == UF_PNR_OK;
    memset(&p, 0, sizeof p);
    return ok;
}
