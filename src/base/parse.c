/*
 * parse.c - dates, numbers and text of import files.  Called once or more
 * per imported cell, so nothing here allocates or touches the locale.
 * The day-number conversions are Howard Hinnant's civil-date algorithms.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/parse.h"

int uf_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400; /* [0, 399] */
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void uf_civil_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

const char *uf_month_name(int m)
{
    static const char *const names[] = { "januari",   "februari", "mars",     "april",
                                         "maj",       "juni",     "juli",     "augusti",
                                         "september", "oktober",  "november", "december" };
    return m >= 1 && m <= 12 ? names[m - 1] : "";
}

int uf_add_months(int z, int n)
{
    int y, m, d;
    uf_civil_from_days(z, &y, &m, &d);
    int t = y * 12 + (m - 1) + n; /* months since year 0 */
    int y2 = t >= 0 ? t / 12 : -((11 - t) / 12);
    /* uf_days_from_civil is linear in d, so 31 February is 3 March */
    return uf_days_from_civil(y2, t - y2 * 12 + 1, d);
}

bool uf_date_valid(int y, int m, int d)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Value of n decimal digits at s; -1 if any is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int uf_date_parse(const char *s, int *days)
{
    size_t len = strlen(s);
    int y, m, d;
    if (len == 10 && s[4] == '-' && s[7] == '-') {
        y = digits(s, 4);
        m = digits(s + 5, 2);
        d = digits(s + 8, 2);
    } else if (len == 8) {
        y = digits(s, 4);
        m = digits(s + 4, 2);
        d = digits(s + 6, 2);
    } else {
        return -1;
    }
    if (y < 0 || m < 0 || d < 0 || !uf_date_valid(y, m, d))
        return -1;
    *days = uf_days_from_civil(y, m, d);
    return 0;
}

void uf_date_format(int z, char out[UF_DATE_BUF])
{
    int y, m, d;
    uf_civil_from_days(z, &y, &m, &d);
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

/* The length of a thousands separator at s: a space, a no-break space
 * (U+00A0) or a narrow no-break space (U+202F), as Excel and Swedish
 * locales write them; 0 if none. */
static size_t thousands_sep(const char *s)
{
    if (*s == ' ')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
        return 3;
    return 0;
}

int uf_number_parse(const char *s, double *out)
{
    char buf[64];
    size_t len = strlen(s), o = 0;
    if (len == 0)
        return -1;
    bool seen_digit = false, seen_point = false;
    int group = -1; /* digits since the last thousands separator, -1: none yet */
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        size_t sep = seen_point ? 0 : thousands_sep(s + i);
        if (sep) {
            /* between digits, groups of three: "12 345", "1 234 567,5" */
            if (!seen_digit || (group >= 0 && group != 3) ||
                (group < 0 && o > (size_t)(3 + (buf[0] == '-' || buf[0] == '+'))))
                return -1;
            group = 0;
            i += sep - 1;
            continue;
        }
        if (isdigit((unsigned char)c)) {
            seen_digit = true;
            if (group >= 0 && !seen_point)
                group++;
        } else if ((c == ',' || c == '.') && !seen_point) {
            if (group >= 0 && group != 3)
                return -1;
            seen_point = true;
            c = '.';
        } else if (!((c == '-' || c == '+') && i == 0)) {
            return -1;
        }
        if (o + 1 >= sizeof buf)
            return -1;
        buf[o++] = c;
    }
    buf[o] = '\0';
    if (!seen_digit || (group >= 0 && !seen_point && group != 3))
        return -1;
    double v = strtod(buf, NULL);
    if (!isfinite(v))
        return -1;
    *out = v;
    return 0;
}

size_t uf_utf8_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

const char *uf_control_char(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
            return (const char *)p;
    return NULL;
}

char *uf_defang(char *s)
{
    char *p = s;
    while ((p = (char *)uf_control_char(p)) != NULL) {
        if ((unsigned char)*p == 0xC2) { /* two bytes become "?" */
            memmove(p + 1, p + 2, strlen(p + 2) + 1);
        }
        *p++ = '?';
    }
    return s;
}

char *uf_trim(char *s)
{
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        s[--len] = '\0';
    size_t lead = strspn(s, " \t\r\n\v\f");
    if (lead)
        memmove(s, s + lead, len - lead + 1);
    return s;
}

void uf_lower(const char *s, char *out, unsigned n)
{
    unsigned i = 0;
    if (n == 0)
        return;
    while (*s && i + 1 < n) {
        unsigned char c = (unsigned char)*s;
        /* a UTF-8 letter is copied whole or not at all */
        if (c >= 0xC0 && i + (c >= 0xF0 ? 4u : c >= 0xE0 ? 3u : 2u) >= n)
            break;
        /* UTF-8 Å Ä Ö are C3 85, C3 84, C3 96; å ä ö are C3 A5, C3 A4, C3 B6. */
        if (c == 0xC3 && s[1]) {
            unsigned char c2 = (unsigned char)s[1];
            if (c2 == 0x85 || c2 == 0x84 || c2 == 0x96)
                c2 = (unsigned char)(c2 + 0x20);
            out[i++] = (char)c;
            out[i++] = (char)c2;
            s += 2;
            continue;
        }
        out[i++] = (char)tolower(c);
        s++;
    }
    out[i] = '\0';
}

void uf_fold(const char *s, char *out, size_t n)
{
    size_t i = 0;
    while (*s && i + 1 < n) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xC3 && s[1]) {
            unsigned char c2 = (unsigned char)s[1];
            char f = 0;
            if (c2 == 0xA5 || c2 == 0xA4 || c2 == 0x85 || c2 == 0x84)
                f = 'a'; /* å ä Å Ä */
            else if (c2 == 0xB6 || c2 == 0x96)
                f = 'o'; /* ö Ö */
            else if (c2 == 0xA9 || c2 == 0x89)
                f = 'e'; /* é É */
            if (f) {
                out[i++] = f;
                s += 2;
                continue;
            }
        }
        /* another multi-byte letter is copied whole, or ends the output */
        if (c >= 0xC0 && i + (c >= 0xF0 ? 4u : c >= 0xE0 ? 3u : 2u) >= n)
            break;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (c == ' ' || c == '-')
            c = '_';
        out[i++] = (char)c;
        s++;
    }
    out[i] = '\0';
}
