/*
 * sample_outcome.c - the sample generator's outcomes: crime suspicions and
 * other events, and state measures, the rows of outcomes.csv.
 *
 * Per youth the rows are collected in a reused buffer (a few dozen rows),
 * sorted by date, identical (date, measure) rows merged (events add up
 * their counts, a second state value on the same day is dropped) and
 * written.  The buffer grows to the largest youth and is kept, so memory
 * does not grow with the number of youths.
 *
 * Rates follow SPEC §11: in the year before start 9 of 10 have a suspicion,
 * about 5 on average; within 6 months of a SIG start about half have none;
 * later lower still, and after the end by end reason.  Rows are kept only
 * from the 10th birthday (and at most a year before the data's five
 * calendar years, so every case has its year before) up to the end date.
 */
#include <stdlib.h>

#include "sample_internal.h"

enum {
    M_MISSTANKE,
    M_VALD,
    M_LAGFORING,
    M_ORO,
    M_UPPF,
    M_SKOLFRANVARO,
    M_SYSS,
    M_DROGFRI,
    M_BOENDE,
    M_COUNT
};
#define M_FIRST_STATE M_UPPF

static const char *const measure_codes[M_COUNT] = {
    "misstanke_brott",  "vald",           "lagforing", "anmalan_oro",   "uppforandestorning",
    "skolfranvaro_pct", "sysselsattning", "drogfri",   "boende_stabilt"
};

/* Suspicions per year after the end, per end reason (x1000, average
 * youth). */
static const unsigned after_rate[6] = { 600, 3000, 4500, 1500, 1500, 2000 };

struct sample_outcome {
    int date;
    int measure;
    unsigned value; /* count, 0/1, or half percent points */
};

/* Per-youth context while drawing outcomes. */
typedef struct ctx {
    sample_gen *g;
    const sample_person *p;
    int lo, hi; /* rows kept only in [lo, hi] */
    int nomem;
} ctx;

/* Add one row if its date is inside [lo, hi]; sets nomem on failure. */
static void add(ctx *x, int date, int measure, unsigned value)
{
    sample_gen *g = x->g;
    if (date < x->lo || date > x->hi || x->nomem)
        return;
    if (g->nrows == g->caprows) {
        size_t cap = g->caprows ? 2 * g->caprows : 64;
        sample_outcome *rows = realloc(g->rows, cap * sizeof *rows);
        if (rows == NULL) {
            x->nomem = 1;
            return;
        }
        g->rows = rows;
        g->caprows = cap;
    }
    g->rows[g->nrows].date = date;
    g->rows[g->nrows].measure = measure;
    g->rows[g->nrows].value = value;
    g->nrows++;
}

/* One crime suspicion on date: sometimes violent, sometimes prosecuted. */
static void suspicion(ctx *x, int date)
{
    sample_rng *r = &x->g->rng;
    add(x, date, M_MISSTANKE, 1);
    if (sample_chance(r, 150))
        add(x, date, M_VALD, 1);
    if (sample_chance(r, 120))
        add(x, date + sample_range(r, 30, 300), M_LAGFORING, 1);
}

/* Suspicions spread evenly over [a, b) at rate (per year x1000, for an
 * average youth) scaled by the youth's propensity. */
static void segment(ctx *x, int a, int b, unsigned rate)
{
    if (b <= a)
        return;
    sample_rng *r = &x->g->rng;
    unsigned long mean = (unsigned long)rate * x->p->k_milli / 1000 * (unsigned long)(b - a) / 365;
    unsigned n = sample_count(r, mean);
    for (unsigned i = 0; i < n; i++)
        suspicion(x, a + (int)sample_below(r, (unsigned)(b - a)));
}

/* Suspicions in [a, b) drawn as "none" with chance p0 permille, else 1 +
 * a count with mean extra (x1000, scaled by propensity); dates lean
 * towards b when recent. */
static void window(ctx *x, int a, int b, unsigned p0, unsigned extra, int recent)
{
    if (b <= a)
        return;
    sample_rng *r = &x->g->rng;
    if (sample_chance(r, p0))
        return;
    unsigned n = 1 + sample_count(r, (unsigned long)extra * x->p->k_milli / 1000);
    for (unsigned i = 0; i < n; i++) {
        unsigned len = (unsigned)(b - a);
        unsigned u = sample_below(r, len);
        unsigned v = sample_below(r, len);
        unsigned off = recent ? (u > v ? u : v) : u;
        suspicion(x, a + (int)off);
    }
}

/* Events of case c: the year before start, the first six months, the rest
 * of the case, concerns (orosanmälan) before start.  from is where the
 * previous phase ended (the previous case's end, or lo). */
static void case_events(ctx *x, const sample_case *c, int from)
{
    sample_rng *r = &x->g->rng;
    int base = c->start - 365 > from ? c->start - 365 : from;
    window(x, base, c->start, c->sig ? 90 : 110, 4500, 1);
    int stop = c->end == SAMPLE_NODATE ? x->hi + 1 : c->end;
    int six = c->start + 183 < stop ? c->start + 183 : stop;
    window(x, c->start, six, c->sig ? 500 : 300, c->sig ? 1200 : 1800, 0);
    segment(x, six, stop, c->sig ? 1500 : 2500);
    unsigned oro = 1 + sample_count(r, 1400);
    for (unsigned i = 0; i < oro; i++)
        add(x, c->start - sample_range(r, 7, 730), M_ORO, 1);
}

/* A school absence in half percent points (0..200), mostly 0-80 %. */
static unsigned absence(sample_rng *r)
{
    if (sample_chance(r, 100))
        return 160 + sample_below(r, 41);
    return sample_sum(r, 81, 2);
}

/* Scale an absence by pct percent (clamped to 0..100 %). */
static unsigned scaled(unsigned halves, unsigned pct)
{
    unsigned v = halves * pct / 100;
    return v > 200 ? 200 : v;
}

/* A school absence if the youth is of school age (under 19) on day. */
static void school(ctx *x, int day, unsigned halves)
{
    if (sample_age(x->p->birth, day) < 19)
        add(x, day, M_SKOLFRANVARO, halves);
}

/* The occasional 0/1 measures (employment, drug free, stable housing) at
 * day; good is 1 when the case went well. */
static void occasional(ctx *x, int day, int good)
{
    sample_rng *r = &x->g->rng;
    if (sample_age(x->p->birth, day) >= 16 && sample_chance(r, 300))
        add(x, day, M_SYSS, (unsigned)sample_chance(r, good ? 600 : 250));
    if (sample_chance(r, 300))
        add(x, day, M_DROGFRI, (unsigned)sample_chance(r, good ? 800 : 500));
    if (sample_chance(r, 300))
        add(x, day, M_BOENDE, (unsigned)sample_chance(r, good ? 900 : 650));
}

/* State measures of c: at baseline, at about six months and at the end.
 * Conduct disorder about half at start, a fifth at six months (SIG). */
static void case_states(ctx *x, const sample_case *c)
{
    sample_rng *r = &x->g->rng;
    int day0 = c->start + sample_range(r, -90, 30);
    int cd = sample_chance(r, c->sig ? 500 : 450);
    unsigned abs0 = absence(r);
    if (sample_chance(r, 920))
        add(x, day0, M_UPPF, (unsigned)cd);
    school(x, day0, abs0);
    occasional(x, day0, 0);
    int stop = c->end == SAMPLE_NODATE ? x->hi + 1 : c->end;
    int day6 = c->start + sample_range(r, 150, 210);
    unsigned keep = c->sig ? (cd ? 360 : 40) : (cd ? 650 : 120);
    int cd6 = sample_chance(r, keep);
    if (day6 < stop) {
        add(x, day6, M_UPPF, (unsigned)cd6);
        school(x, day6, scaled(abs0, c->sig ? 40 + sample_below(r, 51) : 60 + sample_below(r, 51)));
    }
    if (c->end == SAMPLE_NODATE)
        return;
    int good = c->reason == SR_MAL;
    int day_end = c->end - sample_range(r, 0, 14);
    add(x, day_end, M_UPPF, (unsigned)sample_chance(r, good ? 80 : 400));
    school(x, day_end, scaled(abs0, good ? 20 + sample_below(r, 51) : 60 + sample_below(r, 71)));
    occasional(x, day_end, good);
}

/* Order rows by date, measure, value. */
static int row_cmp(const void *pa, const void *pb)
{
    const sample_outcome *a = pa, *b = pb;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->measure != b->measure)
        return a->measure < b->measure ? -1 : 1;
    return (a->value > b->value) - (a->value < b->value);
}

/* Sort the buffered rows, merge same-day duplicates and write them. */
static void flush(sample_gen *g, const sample_person *p)
{
    qsort(g->rows, g->nrows, sizeof *g->rows, row_cmp);
    size_t i = 0;
    while (i < g->nrows) {
        sample_outcome o = g->rows[i++];
        for (; i < g->nrows && g->rows[i].date == o.date && g->rows[i].measure == o.measure; i++)
            if (o.measure < M_FIRST_STATE)
                o.value += g->rows[i].value;
        sample_line l = { 0, { 0 } };
        sample_line_str(&l, p->id);
        sample_line_sep(&l);
        sample_line_date(&l, o.date);
        sample_line_sep(&l);
        sample_line_str(&l, measure_codes[o.measure]);
        sample_line_sep(&l);
        if (o.measure == M_SKOLFRANVARO)
            sample_line_half(&l, o.value);
        else
            sample_line_uint(&l, o.value, 1);
        sample_line_end(&l, &g->files[SF_OUTCOMES]);
    }
    g->nrows = 0;
}

/* Draw, sort, merge and write p's outcome rows; -1 when out of memory
 * (nothing written for p). */
int sample_outcomes_write(sample_gen *g, const sample_person *p)
{
    ctx x = { g, p, 0, g->as_of, 0 };
    int ten = sample_add_years(p->birth, 10);
    x.lo = g->span_start - 365 > ten ? g->span_start - 365 : ten;
    g->nrows = 0;
    int from = x.lo;
    segment(&x, from, p->cases[0].start - 365, 1200);
    for (int i = 0; i < p->ncases; i++) {
        const sample_case *c = &p->cases[i];
        case_events(&x, c, from);
        case_states(&x, c);
        if (c->end == SAMPLE_NODATE)
            break;
        int next = i + 1 < p->ncases ? p->cases[i + 1].start - 365 : g->as_of + 1;
        segment(&x, c->end, next, after_rate[c->reason]);
        from = c->end;
    }
    if (x.nomem) {
        g->nrows = 0;
        return -1;
    }
    flush(g, p);
    return 0;
}

/* Free the row buffer; safe to call twice. */
void sample_outcomes_release(sample_gen *g)
{
    free(g->rows);
    g->rows = NULL;
    g->nrows = g->caprows = 0;
}
