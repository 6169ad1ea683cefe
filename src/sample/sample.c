/*
 * sample.c - the deterministic synthetic data set (SPEC §11): entry point,
 * random numbers, dates, output lines and persons.csv.
 *
 * Workload: sample-data/ (about 300 youths) and benchmarks (100 000 youths,
 * several million rows).  The generator streams person by person through
 * eight buffered FILE*s; memory is one person plus a fixed bitmap of the
 * personnummer handed out.  Everything that reaches the output comes from
 * the seeded PRNG through integer arithmetic (no floating point, no clock,
 * no locale), so the same options give byte-identical files everywhere.
 * Each random draw is its own statement (or sequenced by && ?: or a loop):
 * never two draws in one function call's arguments or one sum.
 *
 * Person numbers use only Skatteverket's test serials 980-999, so a set can
 * never name a real person.  The serials give 10 numbers per birth day and
 * sex; when a birth day is full the generator moves the birth day up to 30
 * days and, failing that, gives the youth a pseudonymous EXT- id (only
 * large benchmark sets run out).
 */
#include "uppfolj/sample.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sample_internal.h"

static const char *const file_names[SF_COUNT] = { "persons.csv",       "cases.csv",
                                                  "interventions.csv", "assessments.csv",
                                                  "outcomes.csv",      "goals.csv",
                                                  "meetings.csv",      "actions.csv" };

static const char *const file_headers[SF_COUNT] = {
    "person;birth_date;sex;unit",
    "case_id;person;programme;unit;target_group;referred_by;referral_date;"
    "consent_date;plan_date;start_date;end_date;end_reason;form;"
    "followup_consent;assessed_date;offer;offer_reason;consent_by;consent_actors;"
    "consent_declined_date;consent_withdrawn_date",
    "case_id;insats;provider;start_date;end_date",
    "assessment_id;case_id;instrument;date;total_score;risk_level",
    "person;date;measure;value",
    "case_id;domain;set_date;followup_date;status",
    "case_id;date;type;participants",
    "case_id;action_id;domain;actor;planned_date;due_date;done_date;status"
};

/* ---------------------------------------------------------------- dates */

/* ------------------------------------------------------- random numbers */

/* --------------------------------------------------------- output lines */

/* -------------------------------------------------------------- persons */

/* Luhn check digit of the 9 ASCII digits at d (weights 2,1,2,...). */
static unsigned luhn(const char *d)
{
    unsigned sum = 0;
    for (int i = 0; i < 9; i++) {
        unsigned v = (unsigned)(d[i] - '0') * (i % 2 == 0 ? 2u : 1u);
        sum += v / 10 + v % 10;
    }
    return (10 - sum % 10) % 10;
}

/* Bit index of (day, coordination, serial) in g->used, or -1 if outside. */
static long used_bit(const sample_gen *g, int day, int coord, int serial)
{
    if (day < g->used_base || day >= g->used_base + g->used_days)
        return -1;
    return ((long)(day - g->used_base) * 2 + coord) * 20 + (serial - 980);
}

/* Claim a free test serial for p's sex on p->birth, moving the birth day up
 * to 30 days when that day is full.  Returns the serial, or 0 if none. */
static int claim_serial(sample_gen *g, sample_person *p, int coord)
{
    int odd = p->sex == SX_BOY ? 1 : p->sex == SX_GIRL ? 0 : (int)sample_below(&g->rng, 2);
    int first = (int)sample_below(&g->rng, 10);
    for (int shift = 0; shift <= 60; shift++) {
        int day = p->birth + (shift % 2 ? (shift + 1) / 2 : -(shift / 2));
        for (int j = 0; j < 10; j++) {
            int serial = 980 + 2 * ((first + j) % 10) + odd;
            long bit = used_bit(g, day, coord, serial);
            if (bit < 0 || (g->used[bit / 8] >> (bit % 8)) & 1)
                continue;
            g->used[bit / 8] |= (unsigned char)(1u << (bit % 8));
            p->birth = day;
            return serial;
        }
    }
    return 0;
}

/* Write p's personnummer (serial given) into p->id in 12- or 10-digit form,
 * as a samordningsnummer when coord. */
static void format_pnr(sample_gen *g, sample_person *p, int serial, int coord)
{
    sample_line l = { 0, { 0 } };
    int y, m, d;
    sample_civil_from_days(p->birth, &y, &m, &d);
    sample_line_uint(&l, (unsigned long)(y % 100), 2);
    sample_line_uint(&l, (unsigned long)m, 2);
    sample_line_uint(&l, (unsigned long)(d + (coord ? 60 : 0)), 2);
    sample_line_uint(&l, (unsigned long)serial, 3);
    unsigned check = luhn(l.buf);
    int twelve = !sample_chance(&g->rng, 250);
    size_t n = 0;
    if (twelve) {
        p->id[n++] = (char)('0' + y / 1000 % 10);
        p->id[n++] = (char)('0' + y / 100 % 10);
    }
    memcpy(p->id + n, l.buf, 6);
    n += 6;
    p->id[n++] = '-';
    memcpy(p->id + n, l.buf + 6, 3);
    n += 3;
    p->id[n++] = (char)('0' + check);
    p->id[n] = '\0';
}

/* Give p its id: mostly a test personnummer, some samordningsnummer, some
 * pseudonymous EXT- ids.  Sets write_birth.  Cannot fail. */
static void person_id(sample_gen *g, sample_person *p)
{
    int ext = sample_chance(&g->rng, 20);
    int coord = sample_chance(&g->rng, 30);
    int serial = ext ? 0 : claim_serial(g, p, coord);
    int hide_birth = sample_chance(&g->rng, 200);
    if (serial == 0) {
        sample_line l = { 0, { 0 } };
        sample_line_str(&l, "EXT-");
        sample_line_uint(&l, p->index + 1, 6);
        memcpy(p->id, l.buf, l.len);
        p->id[l.len] = '\0';
        p->write_birth = 1;
        return;
    }
    format_pnr(g, p, serial, coord);
    p->write_birth = !hide_birth;
}

/* Draw the person with the given index: sex, unit, cases, id. */
static void person_draw(sample_gen *g, sample_person *p, unsigned long index)
{
    static const unsigned sex_w[3] = { 895, 100, 5 };
    static const unsigned unit_w[3] = { 55, 30, 15 };
    memset(p, 0, sizeof *p);
    p->index = index;
    p->sex = (int)sample_pick(&g->rng, sex_w, 3);
    p->unit = (int)sample_pick(&g->rng, unit_w, 3);
    p->k_milli = 200 + sample_below(&g->rng, 1601);
    sample_timeline(g, p);
    person_id(g, p);
}

/* Write p's row of persons.csv; sex in a mix of accepted spellings. */
static void person_write(sample_gen *g, const sample_person *p)
{
    static const char *const sex_short[3] = { "M", "F", "X" };
    static const char *const sex_long[3] = { "pojke", "flicka", "annat" };
    unsigned long_form = p->sex == SX_OTHER ? 500 : 150;
    sample_line l = { 0, { 0 } };
    sample_line_str(&l, p->id);
    sample_line_sep(&l);
    if (p->write_birth)
        sample_line_date(&l, p->birth);
    sample_line_sep(&l);
    sample_line_str(&l, sample_chance(&g->rng, long_form) ? sex_long[p->sex] : sex_short[p->sex]);
    sample_line_sep(&l);
    sample_line_str(&l, sample_unit_names[p->unit]);
    sample_line_end(&l, &g->files[SF_PERSONS]);
}

/* ----------------------------------------------------------- the files */

/* Format a Swedish message into err (NULL-safe, always terminated). */
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (err == NULL || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Open the seven files in dir and write their header lines.  On failure
 * returns UF_ERR_IO or UF_ERR_USAGE; files opened so far stay for
 * files_close(). */
static uf_error files_open(sample_gen *g, const char *dir, char *err, size_t errlen)
{
    for (int i = 0; i < SF_COUNT; i++) {
        sample_file *f = &g->files[i];
        int n = snprintf(f->path, sizeof f->path, "%s/%s", dir, file_names[i]);
        if (n < 0 || (size_t)n >= sizeof f->path) {
            set_err(err, errlen, "sökvägen är för lång: %s", dir);
            return UF_ERR_USAGE;
        }
        errno = 0;
        f->fp = fopen(f->path, "wb");
        if (f->fp == NULL) {
            set_err(err, errlen, "kunde inte skriva %s: %s", f->path, uf_strerrno(errno));
            return UF_ERR_IO;
        }
        setvbuf(f->fp, NULL, _IOFBF, 1 << 16);
        sample_line l = { 0, { 0 } };
        sample_line_str(&l, file_headers[i]);
        sample_line_end(&l, f);
    }
    return UF_OK;
}

/* Close every open file.  Returns UF_ERR_IO (message naming the first file
 * that failed) if a write or a close failed and rc was UF_OK, else rc. */
static uf_error files_close(sample_gen *g, uf_error rc, char *err, size_t errlen)
{
    for (int i = 0; i < SF_COUNT; i++) {
        sample_file *f = &g->files[i];
        if (f->fp == NULL)
            continue;
        if (f->err == 0 && ferror(f->fp))
            f->err = EIO;
        errno = 0;
        if (fclose(f->fp) != 0 && f->err == 0)
            f->err = errno ? errno : EIO;
        f->fp = NULL;
        if (f->err != 0 && rc == UF_OK) {
            set_err(err, errlen, "kunde inte skriva %s: %s", f->path, uf_strerrno(f->err));
            rc = UF_ERR_IO;
        }
    }
    return rc;
}

/* 1 if a write to any file has failed. */
static int files_failed(const sample_gen *g)
{
    for (int i = 0; i < SF_COUNT; i++)
        if (g->files[i].err != 0)
            return 1;
    return 0;
}

/* Check opts and dir; UF_ERR_USAGE with a message if they are not valid. */
static uf_error check_opts(const uf_sample_opts *opts, const char *dir, char *err, size_t errlen)
{
    if (opts == NULL || dir == NULL || dir[0] == '\0') {
        set_err(err, errlen, "mapp och inställningar måste anges");
        return UF_ERR_USAGE;
    }
    if (opts->youths == 0) {
        set_err(err, errlen, "antalet ungdomar måste vara minst 1");
        return UF_ERR_USAGE;
    }
    int y = opts->end_year, m = opts->end_month, d = opts->end_day;
    int ok = y >= 1970 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
    if (ok) {
        int y2, m2, d2;
        sample_civil_from_days(sample_days_from_civil(y, m, d), &y2, &m2, &d2);
        ok = y2 == y && m2 == m && d2 == d;
    }
    if (!ok) {
        set_err(err, errlen,
                "slutdatumet %04d-%02d-%02d är inget giltigt datum "
                "(år 1970-9999)",
                y, m, d);
        return UF_ERR_USAGE;
    }
    return UF_OK;
}

/* Allocate and set up the generator for opts, or NULL if out of memory. */
static sample_gen *gen_new(const uf_sample_opts *opts)
{
    sample_gen *g = calloc(1, sizeof *g);
    if (g == NULL)
        return NULL;
    sample_rng_seed(&g->rng, opts->seed);
    g->seed = opts->seed;
    g->as_of = sample_days_from_civil(opts->end_year, opts->end_month, opts->end_day);
    g->span_start = sample_days_from_civil(opts->end_year - 4, 1, 1);
    g->used_base = sample_days_from_civil(opts->end_year - 45, 1, 1);
    g->used_days = g->as_of + 1 - g->used_base;
    g->used = calloc((size_t)g->used_days * 40 / 8 + 1, 1);
    if (g->used == NULL) {
        free(g);
        return NULL;
    }
    g->next_case = 0;
    g->next_assessment = 0;
    return g;
}

/* Free g and everything it owns.  NULL-safe. */
static void gen_free(sample_gen *g)
{
    if (g == NULL)
        return;
    sample_outcomes_release(g);
    free(g->used);
    free(g);
}

/* Generate and write every youth; UF_ERR_NOMEM or UF_OK (write failures are
 * remembered in the files and reported by files_close). */
static uf_error write_all(sample_gen *g, unsigned youths)
{
    sample_person p;
    for (unsigned long i = 0; i < youths; i++) {
        person_draw(g, &p, i);
        person_write(g, &p);
        sample_cases_write(g, &p);
        sample_plans_write(g, &p);
        if (sample_outcomes_write(g, &p) != 0)
            return UF_ERR_NOMEM;
        if (i % 1024 == 0 && files_failed(g))
            break;
    }
    return UF_OK;
}

/* See sample.h.  Every FILE* is closed on every path. */
uf_error uf_sample_write(const uf_sample_opts *opts, const char *dir, char *err, size_t errlen)
{
    set_err(err, errlen, "%s", "");
    uf_error rc = check_opts(opts, dir, err, errlen);
    if (rc != UF_OK)
        return rc;
    sample_gen *g = gen_new(opts);
    if (g == NULL) {
        set_err(err, errlen, "minnet räckte inte");
        return UF_ERR_NOMEM;
    }
    rc = files_open(g, dir, err, errlen);
    if (rc == UF_OK) {
        rc = write_all(g, opts->youths);
        if (rc == UF_ERR_NOMEM)
            set_err(err, errlen, "minnet räckte inte");
    }
    rc = files_close(g, rc, err, errlen);
    gen_free(g);
    return rc;
}
