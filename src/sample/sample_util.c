/*
 * sample_util.c - what every part of the generator shares: the seeded
 * random numbers, dates and ages, and the output lines (sample_internal.h).
 * The driver (sample.c) and the parts (sample_case.c, sample_outcome.c,
 * sample_plan.c) call down to it; it calls none of them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sample_internal.h"

/* Day number (days since 1970-01-01) of y-m-d; Howard Hinnant's
 * sample_days_from_civil.  m and d out of range roll over linearly. */
int sample_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The civil date of day number z (inverse of sample_days_from_civil). */
void sample_civil_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* Append len bytes of s; a programming error if the line would overflow. */
static void line_put(sample_line *l, const char *s, size_t len)
{
    if (len > SAMPLE_LINE_MAX - 1 - l->len)
        abort(); /* rows are far shorter: a bug */
    memcpy(l->buf + l->len, s, len);
    l->len += len;
}

const char *const sample_unit_names[3] = { "Norrstaden", "Söderdal", "Västervik" };

/* day plus years calendar years; 29 February rolls to 1 March. */
int sample_add_years(int day, int years)
{
    int y, m, d;
    sample_civil_from_days(day, &y, &m, &d);
    return sample_days_from_civil(y + years, m, d);
}

/* Completed years of age on day for someone born on birth. */
int sample_age(int birth, int day)
{
    int by, bm, bd, y, m, d;
    sample_civil_from_days(birth, &by, &bm, &bd);
    sample_civil_from_days(day, &y, &m, &d);
    return y - by - (m < bm || (m == bm && d < bd));
}

/* Uniform in [0, n) by multiply-shift of the high 32 bits (bias < 2^-32). */
unsigned sample_below(sample_rng *r, unsigned n)
{
    uint64_t hi = sample_next(r) >> 32;
    return (unsigned)((hi * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]; lo <= hi. */
int sample_range(sample_rng *r, int lo, int hi)
{
    return lo + (int)sample_below(r, (unsigned)(hi - lo) + 1u);
}

/* k draws in [0, n), added in sequence. */
unsigned sample_sum(sample_rng *r, unsigned n, unsigned k)
{
    unsigned s = 0;
    for (unsigned i = 0; i < k; i++)
        s += sample_below(r, n);
    return s;
}

/* 1 with probability permille/1000. */
int sample_chance(sample_rng *r, unsigned permille)
{
    return sample_below(r, 1000) < permille;
}

/* Weighted choice of an index; the weights must not all be 0. */
unsigned sample_pick(sample_rng *r, const unsigned *weights, unsigned n)
{
    unsigned total = 0;
    for (unsigned i = 0; i < n; i++)
        total += weights[i];
    unsigned x = sample_below(r, total);
    for (unsigned i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

/* Binomial(n, mean/n) with n = 4 + 3*mean (at most 400): a Poisson-like
 * count from integer draws only. */
unsigned sample_count(sample_rng *r, unsigned long mean_milli)
{
    if (mean_milli == 0)
        return 0;
    unsigned long n = 4 + mean_milli * 3 / 1000;
    if (n > 400)
        n = 400;
    /* success probability per trial in millionths */
    uint64_t p = (uint64_t)mean_milli * 1000u / n;
    unsigned k = 0;
    for (unsigned long i = 0; i < n; i++)
        k += (sample_next(r) >> 44) * 1000000u < p << 20;
    return k;
}

/* Append s; aborts on overflow (a bug: rows are short). */
void sample_line_str(sample_line *l, const char *s)
{
    line_put(l, s, strlen(s));
}

/* Append the field delimiter. */
void sample_line_sep(sample_line *l)
{
    line_put(l, ";", 1);
}

/* Append v in decimal, zero-padded to width digits. */
void sample_line_uint(sample_line *l, unsigned long v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < (int)sizeof tmp);
    while (n < width && n < (int)sizeof tmp)
        tmp[n++] = '0';
    char out[24];
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    line_put(l, out, (size_t)n);
}

/* Append YYYY-MM-DD, or nothing for a missing date. */
void sample_line_date(sample_line *l, int day)
{
    if (day == SAMPLE_NODATE)
        return;
    int y, m, d;
    sample_civil_from_days(day, &y, &m, &d);
    sample_line_uint(l, (unsigned long)y, 4);
    line_put(l, "-", 1);
    sample_line_uint(l, (unsigned long)m, 2);
    line_put(l, "-", 1);
    sample_line_uint(l, (unsigned long)d, 2);
}

/* Append halves/2 with a decimal comma for a half. */
void sample_line_half(sample_line *l, unsigned halves)
{
    sample_line_uint(l, halves / 2, 1);
    if (halves % 2)
        line_put(l, ",5", 2);
}

/* Terminate, write and clear l; the first failed write is kept in f->err. */
void sample_line_end(sample_line *l, sample_file *f)
{
    line_put(l, "\n", 1);
    if (f->err == 0 && fwrite(l->buf, 1, l->len, f->fp) != l->len)
        f->err = errno ? errno : EIO;
    l->len = 0;
}

/* x rotated left by k bits, 0 < k < 64. */
static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* splitmix64 step: advance *x and return the next output. */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Fill the xoshiro state from seed through splitmix64.  Cannot fail. */
void sample_rng_seed(sample_rng *r, unsigned long long seed)
{
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

/* xoshiro256** (Blackman & Vigna): the next 64 bits. */
uint64_t sample_next(sample_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}
