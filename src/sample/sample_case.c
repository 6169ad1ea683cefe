/*
 * sample_case.c - the sample generator's cases: their time line (referral,
 * consent, plan, start, end, end reason) and the rows of cases.csv,
 * interventions.csv and assessments.csv.
 *
 * One call per youth, about 1.05 cases each; nothing is kept between
 * youths except the running case and assessment numbers in sample_gen.
 * Shares follow SPEC §11: SIG 65 % of cases, average time in programme
 * about 1.5 years, end reasons 47/19/19/14 %, placements in ~15 % of cases.
 * Every date is clamped so that none falls after the end date (g->as_of).
 */
#include <string.h>

#include "sample_internal.h"
#include "uppfolj/kodbok.h"

/* weights in the code book's order of end reasons and referrers */
static const unsigned reason_w[UF_KB_N_END_REASON] = { 470, 190, 190, 60, 40, 50 };

static const unsigned referred_w[7] = { 35, 30, 15, 5, 5, 5, 5 };

/* Insatser other than placements, with their usual provider and weight. */
static const struct insats {
    const char *code, *provider;
    unsigned weight;
} insatser[] = { { "kontaktperson", "socialtjanst", 14 },
                 { "skk", "socialtjanst", 10 },
                 { "familjebehandling", "socialtjanst", 12 },
                 { "mst", "socialtjanst", 6 },
                 { "fft", "socialtjanst", 5 },
                 { "foraldrastod", "socialtjanst", 4 },
                 { "art", "socialtjanst", 3 },
                 { "mi", "socialtjanst", 4 },
                 { "kbt", "bup", 3 },
                 { "bup", "bup", 6 },
                 { "skolstod", "skola", 9 },
                 { "sarskild_undervisningsgrupp", "skola", 3 },
                 { "mentor", "fritid", 5 },
                 { "fritid", "fritid", 6 },
                 { "arbetsmarknad", "af", 5 },
                 { "ungdomstjanst", "socialtjanst", 3 },
                 { "ungdomsvard", "socialtjanst", 1 },
                 { "ungdomsovervakning", "kriminalvard", 1 },
                 { "avhopparstod", "annan", 2 },
                 { "annan", "annan", 2 } };
#define N_INSATSER (sizeof insatser / sizeof insatser[0])

/* Placements (SPEC §5: days placed), with provider and weight. */
static const struct insats placements[] = { { "hvb", "socialtjanst", 45 },
                                            { "sis", "sis", 25 },
                                            { "familjehem", "socialtjanst", 22 },
                                            { "tfco", "socialtjanst", 8 } };

/* Assessment instruments: code, maximum score; and their shares. */
static const struct instrument {
    const char *code;
    unsigned max;
} instruments[3] = { { "ester", 38 }, { "savry", 48 }, { "yls_cmi", 42 } };
static const unsigned instrument_w[3] = { 75, 13, 12 };

/* Smaller of a and b. */
static int min_int(int a, int b)
{
    return a < b ? a : b;
}

/* Age at start in days: mostly 13-20 years, a few 12, some 20-25. */
static int draw_age_days(sample_rng *r)
{
    unsigned x = sample_below(r, 1000);
    if (x < 20)
        return 4383 + (int)sample_below(r, 365); /* 12 years */
    if (x < 940)                                 /* 13-20 */
        return 4748 + (int)sample_sum(r, 1279, 2);
    return 7305 + (int)sample_below(r, 1826); /* 20-25 */
}

/* Days in the programme: 60 days to 3+ years, mean about 1.5 years. */
static int draw_duration(sample_rng *r)
{
    int d = 60 + (int)sample_sum(r, 311, 3);
    if (sample_chance(r, 100))
        d += (int)sample_below(r, 401);
    return d;
}

/* Fill c's plan, end and reason from its referral, consent and start, and
 * its categorical fields; sig and age_years at start given. */
static void case_fill(sample_gen *g, sample_case *c, int sig, int age_years)
{
    sample_rng *r = &g->rng;
    c->id = ++g->next_case;
    c->sig = sig;
    c->plan = c->consent + sample_range(r, 7, 45);
    if (sample_chance(r, 30) || c->plan > g->as_of)
        c->plan = SAMPLE_NODATE;
    c->end = c->start + draw_duration(r);
    c->reason = (int)sample_pick(r, reason_w, 6);
    if (c->end > g->as_of) {
        c->end = SAMPLE_NODATE;
        c->reason = SR_NONE;
    }
    c->target_avhopp = sample_chance(r, 200);
    c->referred_by = (int)sample_pick(r, referred_w, 7);
    c->form_service = sample_chance(r, 250);
    c->followup_no = sample_chance(r, 50);
    c->actors = 0;
    c->actors |= sample_chance(r, sig ? 900 : 100) ? SA_POLIS : 0u;
    c->actors |= sample_chance(r, sig ? 900 : 300) ? SA_SKOLA : 0u;
    c->actors |= sample_chance(r, 200) ? SA_BUP : 0u;
    c->actors |= sample_chance(r, sig ? 300 : 150) ? SA_FRITID : 0u;
    c->actors |= age_years >= 16 && sample_chance(r, sig ? 200 : 100) ? SA_AF : 0u;
    c->actors |= sample_chance(r, 100) ? SA_ANNAN : 0u;
}

/* Maybe add a later, non-overlapping second case after p's first, which
 * must have ended; about 5 % of youths get one. */
static void second_case(sample_gen *g, sample_person *p)
{
    sample_rng *r = &g->rng;
    const sample_case *first = &p->cases[0];
    if (first->end == SAMPLE_NODATE || !sample_chance(r, 110))
        return;
    sample_case *c = &p->cases[1];
    c->referral = first->end + sample_range(r, 30, 365);
    c->consent = c->referral + sample_range(r, 5, 60);
    c->start = c->consent + sample_range(r, 0, 30);
    int sig = sample_chance(r, 800) ? first->sig : !first->sig;
    if (c->start > g->as_of)
        return;
    case_fill(g, c, sig, sample_age(p->birth, c->start));
    p->ncases = 2;
}

/* First case starting uniformly over the span (referral at least 90 days
 * into it), birth date from the age at start, maybe a second case. */
void sample_timeline(sample_gen *g, sample_person *p)
{
    sample_rng *r = &g->rng;
    sample_case *c = &p->cases[0];
    int sig = sample_chance(r, 650);
    c->start = sample_range(r, g->span_start + 90, g->as_of);
    c->consent = c->start - sample_range(r, 0, 30);
    c->referral = c->consent - sample_range(r, 5, 60);
    p->birth = c->start - draw_age_days(r);
    case_fill(g, c, sig, sample_age(p->birth, c->start));
    p->ncases = 1;
    second_case(g, p);
}

/* Append id as a letter and zero-padded number: A000001, B0000001.  The
 * letter keeps every id from being a personnummer, which the importer
 * refuses outside the person column (SPEC §3). */
static void put_id(sample_line *l, const char *prefix, unsigned long id, int width)
{
    sample_line_str(l, prefix);
    sample_line_uint(l, id, width);
}

/* The path and consent columns of started case c (cases.csv): assessed
 * between referral and consent, offered, consent by the guardians under
 * 15, by both 15-17, by the youth from 18, for social services and the
 * agencies of the case; a third of the drop-outs with follow-up consent
 * withdrew it on their end date.  From a stream of its own (the seed and
 * the case), so the other files are what they were. */
static void path_write(sample_gen *g, const sample_person *p, const sample_case *c, sample_line *l)
{
    static const struct {
        unsigned flag;
        const char *code;
    } agencies[] = { { SA_POLIS, "polis" },   { SA_SKOLA, "skola" }, { SA_BUP, "bup" },
                     { SA_FRITID, "fritid" }, { SA_AF, "af" },       { SA_ANNAN, "annan" } };
    sample_rng rs, *r = &rs;
    sample_rng_seed(r, g->seed * 1000033u + c->id);
    int gap = c->consent - c->referral;
    int assessed = c->referral + sample_range(r, gap > 1 ? 1 : 0, gap > 1 ? gap - 1 : 0);
    int age = sample_age(p->birth, c->start);
    int avhopp = c->reason == uf_kb_index(UF_KB_END_REASON, "avhopp");
    int withdrawn = avhopp && !c->followup_no && sample_chance(r, 333) ? c->end : SAMPLE_NODATE;
    sample_line_sep(l);
    sample_line_date(l, assessed);
    sample_line_sep(l);
    sample_line_str(l, "erbjuden");
    sample_line_sep(l); /* offer_reason */
    sample_line_sep(l);
    sample_line_str(l, age < 15 ? "vardnadshavare" : age < 18 ? "bada" : "ungdom");
    sample_line_sep(l);
    sample_line_str(l, "socialtjanst");
    for (size_t i = 0; i < sizeof agencies / sizeof *agencies; i++)
        if (c->actors & agencies[i].flag) {
            sample_line_str(l, "|");
            sample_line_str(l, agencies[i].code);
        }
    sample_line_sep(l); /* consent_declined_date */
    sample_line_sep(l);
    sample_line_date(l, withdrawn);
}

/* Write c's row of cases.csv. */
static void case_write(sample_gen *g, const sample_person *p, const sample_case *c)
{
    sample_line l = { 0, { 0 } };
    put_id(&l, "A", c->id, 6);
    sample_line_sep(&l);
    sample_line_str(&l, p->id);
    sample_line_sep(&l);
    sample_line_str(&l, c->sig ? "SIG" : "ordinarie");
    sample_line_sep(&l);
    sample_line_str(&l, sample_unit_names[p->unit]);
    sample_line_sep(&l);
    sample_line_str(&l, c->target_avhopp ? "avhopp" : "riskzon");
    sample_line_sep(&l);
    sample_line_str(&l, uf_kb_code(UF_KB_REFERRER, c->referred_by));
    const int dates[5] = { c->referral, c->consent, c->plan, c->start, c->end };
    for (int i = 0; i < 5; i++) {
        sample_line_sep(&l);
        sample_line_date(&l, dates[i]);
    }
    sample_line_sep(&l);
    if (c->reason != SR_NONE)
        sample_line_str(&l, uf_kb_code(UF_KB_END_REASON, c->reason));
    sample_line_sep(&l);
    sample_line_str(&l, c->form_service ? "service" : "bistand");
    sample_line_sep(&l);
    sample_line_str(&l, c->followup_no ? "nej" : "ja");
    path_write(g, p, c, &l);
    sample_line_end(&l, &g->files[SF_CASES]);
}

/* One referral of p that led to no start (about one youth in five; a
 * stream of its own from the seed and the youth, so the other rows are
 * what they were): before the first case (ending before it), or after the only one ended.
 * Recent ones are open (maybe assessed); the others were not relevant
 * (ej_aktuell, with a reason), declined, consented but moved before the
 * start, or closed before the assessment. */
static void referral_write(sample_gen *g, const sample_person *p)
{
    static const char *const reasons[] = { "Behovet tillgodoses inom andra insatser",
                                           "Uppfyller inte kriterierna för målgruppen",
                                           "Ingen risk för fortsatt brottslighet bedömd" };
    sample_rng rs, *r = &rs;
    sample_rng_seed(r, g->seed * 1000037u + p->index);
    if (!sample_chance(r, 200))
        return;
    const sample_case *first = &p->cases[0], *last = &p->cases[p->ncases - 1];
    int after = p->ncases == 1 && last->end != SAMPLE_NODATE && sample_chance(r, 500);
    int referral =
        after ? last->end + sample_range(r, 30, 400) : first->referral - sample_range(r, 120, 500);
    if (referral < g->span_start || referral > g->as_of)
        return;
    int kind = (int)sample_below(r, 100);
    int assessed = referral + sample_range(r, 5, 30), consent = SAMPLE_NODATE;
    int declined = SAMPLE_NODATE, end = SAMPLE_NODATE;
    const char *offer = NULL, *reason = NULL, *end_reason = "annan";
    if (referral > g->as_of - 45) { /* still open */
        if (assessed > g->as_of || sample_chance(r, 500))
            assessed = SAMPLE_NODATE;
    } else if (kind < 35) {
        offer = "ej_aktuell";
        reason = reasons[sample_below(r, 3)];
        end = assessed + sample_range(r, 0, 14);
    } else if (kind < 70) {
        offer = "erbjuden";
        declined = assessed + sample_range(r, 3, 30);
        end = declined + sample_range(r, 0, 14);
    } else if (kind < 85) {
        offer = "erbjuden";
        consent = assessed + sample_range(r, 3, 30);
        end = consent + sample_range(r, 5, 40);
        end_reason = "flytt";
    } else {
        assessed = SAMPLE_NODATE;
        end = referral + sample_range(r, 10, 60);
        end_reason = sample_chance(r, 500) ? "flytt" : "annan";
    }
    if (declined > g->as_of || consent > g->as_of)
        declined = consent = end = SAMPLE_NODATE, offer = "erbjuden";
    if (end > g->as_of)
        end = SAMPLE_NODATE;
    sample_line l = { 0, { 0 } };
    put_id(&l, "R", p->index + 1, 6);
    sample_line_sep(&l);
    sample_line_str(&l, p->id);
    sample_line_sep(&l);
    sample_line_str(&l, first->sig ? "SIG" : "ordinarie");
    sample_line_sep(&l);
    sample_line_str(&l, sample_unit_names[p->unit]);
    sample_line_sep(&l);
    sample_line_str(&l, "riskzon");
    sample_line_sep(&l);
    sample_line_str(&l, uf_kb_code(UF_KB_REFERRER, (int)sample_pick(r, referred_w, 7)));
    const int dates[5] = { referral, consent, SAMPLE_NODATE, SAMPLE_NODATE, end };
    for (int i = 0; i < 5; i++) {
        sample_line_sep(&l);
        sample_line_date(&l, dates[i]);
    }
    sample_line_sep(&l);
    if (end != SAMPLE_NODATE)
        sample_line_str(&l, end_reason);
    sample_line_sep(&l);                                  /* form */
    sample_line_sep(&l);                                  /* followup_consent */
    const char *texts[4] = { offer, reason, NULL, NULL }; /* no consent_by, actors */
    sample_line_sep(&l);
    sample_line_date(&l, assessed);
    for (int i = 0; i < 4; i++) {
        sample_line_sep(&l);
        if (texts[i])
            sample_line_str(&l, texts[i]);
    }
    sample_line_sep(&l);
    sample_line_date(&l, declined);
    sample_line_sep(&l); /* consent_withdrawn_date */
    sample_line_end(&l, &g->files[SF_CASES]);
}

/* Write one interventions.csv row for c: insats ins from start for about
 * dur days, clamped to the case (plus up to two months) and the end date. */
static void insats_write(sample_gen *g, const sample_case *c, const struct insats *ins, int start,
                         int dur)
{
    sample_rng *r = &g->rng;
    int limit = c->end == SAMPLE_NODATE ? g->as_of : c->end;
    start = min_int(start, limit);
    int end = start + dur;
    if (c->end != SAMPLE_NODATE)
        end = min_int(end, c->end + sample_range(r, 0, 60));
    if (end > g->as_of)
        end = SAMPLE_NODATE;
    sample_line l = { 0, { 0 } };
    put_id(&l, "A", c->id, 6);
    sample_line_sep(&l);
    sample_line_str(&l, ins->code);
    sample_line_sep(&l);
    sample_line_str(&l, ins->provider);
    sample_line_sep(&l);
    sample_line_date(&l, start);
    sample_line_sep(&l);
    sample_line_date(&l, end);
    sample_line_end(&l, &g->files[SF_INTERVENTIONS]);
}

/* Write c's 1-4 insatser: distinct codes, a placement in ~15 % of cases;
 * some start up to three months before the case. */
static void interventions_write(sample_gen *g, const sample_case *c)
{
    static const unsigned count_w[4] = { 25, 35, 25, 15 };
    static const unsigned place_w[4] = { 45, 25, 22, 8 };
    unsigned weights[N_INSATSER];
    sample_rng *r = &g->rng;
    unsigned n = 1 + sample_pick(r, count_w, 4);
    if (sample_chance(r, 150)) {
        const struct insats *pl = &placements[sample_pick(r, place_w, 4)];
        int start = c->start + sample_range(r, 0, 180);
        insats_write(g, c, pl, start, sample_range(r, 30, 300));
        n--;
    }
    for (unsigned i = 0; i < N_INSATSER; i++)
        weights[i] = insatser[i].weight;
    for (unsigned i = 0; i < n; i++) {
        unsigned k = sample_pick(r, weights, N_INSATSER);
        weights[k] = 0; /* distinct codes within the case */
        int start =
            c->start + (sample_chance(r, 250) ? -sample_range(r, 1, 90) : sample_range(r, 0, 120));
        insats_write(g, c, &insatser[k], start, sample_range(r, 90, 540));
    }
}

/* Write one assessments.csv row; score in half points. */
static void assessment_write(sample_gen *g, const sample_case *c, const struct instrument *in,
                             int date, unsigned halves)
{
    unsigned max_halves = 2 * in->max;
    int level = halves * 10 < 3 * max_halves ? 0 : halves * 10 < 6 * max_halves ? 1 : 2;
    sample_line l = { 0, { 0 } };
    put_id(&l, "B", ++g->next_assessment, 7);
    sample_line_sep(&l);
    put_id(&l, "A", c->id, 6);
    sample_line_sep(&l);
    sample_line_str(&l, in->code);
    sample_line_sep(&l);
    sample_line_date(&l, date);
    sample_line_sep(&l);
    sample_line_half(&l, halves);
    sample_line_sep(&l);
    sample_line_str(&l, uf_kb_code(UF_KB_RISK, level));
    sample_line_end(&l, &g->files[SF_ASSESSMENTS]);
}

/* A score in half points, mostly whole points: round odd ones down 3/4 of
 * the time. */
static unsigned round_score(sample_rng *r, unsigned halves)
{
    if (halves % 2 && !sample_chance(r, 250))
        halves--;
    return halves;
}

/* Write c's baseline assessment (85 % of cases) and, when the case lasts
 * long enough, a follow-up 6-12 months later with the same instrument;
 * scores fall more for SIG cases. */
static void assessments_write(sample_gen *g, const sample_case *c)
{
    sample_rng *r = &g->rng;
    const struct instrument *in = &instruments[sample_pick(r, instrument_w, 3)];
    if (!sample_chance(r, 850))
        return;
    int date = c->start + sample_range(r, -60, 30);
    if (date > g->as_of)
        return;
    /* ESTER scale: 8..38 points, mean about 23; others scaled */
    unsigned base = 16 + sample_sum(r, 21, 3);
    unsigned halves = round_score(r, base * in->max / 38);
    assessment_write(g, c, in, date, halves);
    int fdate = date + sample_range(r, 180, 365);
    int limit = c->end == SAMPLE_NODATE ? g->as_of : c->end;
    if (fdate > limit)
        return;
    int up = (int)sample_below(r, 17);
    int down = (int)sample_below(r, 17);
    int delta = up - down - (c->sig ? 10 : 3);
    int after = (int)base + delta;
    after = after < 0 ? 0 : after > 76 ? 76 : after;
    assessment_write(g, c, in, fdate, round_score(r, (unsigned)after * in->max / 38));
}

/* Rows of cases, interventions and assessments, case by case. */
void sample_cases_write(sample_gen *g, const sample_person *p)
{
    for (int i = 0; i < p->ncases; i++) {
        case_write(g, p, &p->cases[i]);
        interventions_write(g, &p->cases[i]);
        assessments_write(g, &p->cases[i]);
    }
    referral_write(g, p);
}
