/*
 * sample_plan.c - the sample generator's action plans and meetings: the
 * rows of goals.csv and meetings.csv.
 *
 * Each case gets a follow-up schedule (every 4-6 weeks the first year,
 * then every three months, at most 12 dates, the last on the end date of an
 * ended case).  The same dates are the goals' follow-ups and the
 * uppfoljning meetings, so a case's plan and meetings agree.  Network
 * meetings come every 8-12 weeks, a beredning between referral and consent.
 * Agencies take part only in cases flagged for them (sample_case.actors),
 * and always in the beredning, so the share of cases with police, school
 * or BUP present is the share flagged (SPEC §11).  Bounded work per case:
 * at most 12 x 5 goal rows and about 40 meeting rows.
 */
#include "sample_internal.h"
#include "uppfolj/kodbok.h"

#define MAX_FOLLOWUPS 12
#define MAX_NETWORK 24

enum { ST_PAGAENDE, ST_UPPNATT, ST_DELVIS, ST_EJ };

static const char *const status_codes[4] = { "pagaende", "uppnatt", "delvis", "ej_uppnatt" };

/* goal domains by their index in the code book */
#define DOMAIN_KRIMINALITET 4
#define DOMAIN_SYSSELSATTNING 5

/* Final status weights (uppnatt, delvis, ej_uppnatt) per end reason. */
static const unsigned final_w[6][3] = {
    { 750, 200, 50 },  /* mal_uppfyllda */
    { 100, 300, 600 }, /* avhopp */
    { 80, 300, 620 },  /* fortsatt_brottslighet */
    { 150, 400, 450 }, /* placering */
    { 250, 450, 300 }, /* flytt */
    { 250, 400, 350 }  /* annan */
};

/* Actor codes in the order they are written, with their mask bit (0 for
 * the youth, guardians and social services, decided otherwise). */
static const struct actor {
    const char *code;
    unsigned flag;
    unsigned permille; /* chance per meeting when flagged */
} actors[9] = { { "ungdom", 0, 900 },         { "vardnadshavare", 0, 0 },
                { "socialtjanst", 0, 1000 },  { "polis", SA_POLIS, 650 },
                { "skola", SA_SKOLA, 700 },   { "bup", SA_BUP, 400 },
                { "fritid", SA_FRITID, 500 }, { "af", SA_AF, 500 },
                { "annan", SA_ANNAN, 300 } };

/* The last day c's plan can be followed up: its end, or the end date. */
static int case_limit(const sample_gen *g, const sample_case *c)
{
    return c->end == SAMPLE_NODATE ? g->as_of : c->end;
}

/* Fill out with c's follow-up dates (ascending); returns how many. */
static int followups(sample_gen *g, const sample_case *c, int out[MAX_FOLLOWUPS])
{
    int anchor = c->plan != SAMPLE_NODATE ? c->plan : c->start;
    int limit = case_limit(g, c);
    int n = 0;
    int d = anchor;
    while (n < MAX_FOLLOWUPS - 1) {
        d += d - anchor < 365 ? sample_range(&g->rng, 28, 42) : sample_range(&g->rng, 84, 98);
        if (d > limit)
            break;
        out[n++] = d;
    }
    if (c->end != SAMPLE_NODATE && (n == 0 || out[n - 1] < c->end - 14))
        out[n++] = c->end;
    return n;
}

/* The status of a goal after a follow-up, moving on from cur: pagaende the
 * first three times, then forward only; the final status at the end. */
static int next_status(sample_gen *g, const sample_case *c, int cur, int i, int n, int final)
{
    sample_rng *r = &g->rng;
    if (c->end != SAMPLE_NODATE && i == n - 1)
        return final;
    if (i < 3)
        return ST_PAGAENDE;
    if (cur == ST_PAGAENDE && sample_chance(r, 250))
        return ST_DELVIS;
    if (cur == ST_DELVIS && sample_chance(r, final == ST_UPPNATT ? 250 : 60))
        return ST_UPPNATT;
    return cur;
}

/* Write c's 2-5 goals in distinct domains, one row per follow-up; nothing
 * for a case without plan date or follow-up. */
static void goals_write(sample_gen *g, const sample_person *p, const sample_case *c,
                        const int *dates, int n)
{
    static const int final_codes[3] = { ST_UPPNATT, ST_DELVIS, ST_EJ };
    unsigned w[10] = { 22, 14, 14, 10, 30, 8, 8, 3, 4, 3 };
    sample_rng *r = &g->rng;
    if (c->plan == SAMPLE_NODATE || n == 0)
        return;
    if (sample_age(p->birth, c->start) >= 16)
        w[DOMAIN_SYSSELSATTNING] = 16;
    unsigned goals = 2 + sample_below(r, 4);
    for (unsigned k = 0; k < goals; k++) {
        unsigned dom = sample_pick(r, w, 10);
        w[dom] = 0;
        int final = ST_PAGAENDE;
        if (c->reason != SR_NONE)
            final = final_codes[sample_pick(r, final_w[c->reason], 3)];
        if (c->reason == SR_FORTSATT && dom == DOMAIN_KRIMINALITET)
            final = ST_EJ;
        int st = ST_PAGAENDE;
        for (int i = 0; i < n; i++) {
            st = next_status(g, c, st, i, n, final);
            sample_line l = { 0, { 0 } };
            sample_line_str(&l, "A");
            sample_line_uint(&l, c->id, 6);
            sample_line_sep(&l);
            sample_line_str(&l, uf_kb_code(UF_KB_DOMAIN, (int)dom));
            sample_line_sep(&l);
            sample_line_date(&l, c->plan);
            sample_line_sep(&l);
            sample_line_date(&l, dates[i]);
            sample_line_sep(&l);
            sample_line_str(&l, status_codes[st]);
            sample_line_end(&l, &g->files[SF_GOALS]);
        }
    }
}

/* Append the participants of one meeting on day to l.  A beredning has
 * social services and every flagged agency; other meetings a draw. */
static void participants(sample_gen *g, const sample_person *p, const sample_case *c, int day,
                         int beredning, sample_line *l)
{
    sample_rng *r = &g->rng;
    unsigned guardian = sample_age(p->birth, day) < 18 ? 850 : 150;
    int first = 1;
    for (int i = 0; i < 9; i++) {
        const struct actor *a = &actors[i];
        int in;
        if (a->flag != 0)
            in = (c->actors & a->flag) != 0 &&
                 (beredning ? a->flag <= SA_BUP : sample_chance(r, a->permille));
        else if (beredning)
            in = a->permille == 1000;
        else
            in = sample_chance(r, i == 1 ? guardian : a->permille);
        if (!in)
            continue;
        if (!first)
            sample_line_str(l, "|");
        sample_line_str(l, a->code);
        first = 0;
    }
}

/* Write one meetings.csv row. */
static void meeting_write(sample_gen *g, const sample_person *p, const sample_case *c, int day,
                          const char *type)
{
    sample_line l = { 0, { 0 } };
    sample_line_str(&l, "A");
    sample_line_uint(&l, c->id, 6);
    sample_line_sep(&l);
    sample_line_date(&l, day);
    sample_line_sep(&l);
    sample_line_str(&l, type);
    sample_line_sep(&l);
    participants(g, p, c, day, type[0] == 'b', &l);
    sample_line_end(&l, &g->files[SF_MEETINGS]);
}

/* Write c's meetings in date order: the beredning, then the network
 * meetings merged with the follow-ups (dates). */
static void meetings_write(sample_gen *g, const sample_person *p, const sample_case *c,
                           const int *dates, int n)
{
    sample_rng *r = &g->rng;
    int net[MAX_NETWORK];
    int nn = 0;
    int limit = case_limit(g, c);
    for (int d = c->start + sample_range(r, 0, 21); d <= limit && nn < MAX_NETWORK;
         d += sample_range(r, 56, 84))
        net[nn++] = d;
    meeting_write(g, p, c, sample_range(r, c->referral, c->consent), "beredning");
    int i = 0, j = 0;
    while (i < nn || j < n) {
        if (j >= n || (i < nn && net[i] <= dates[j]))
            meeting_write(g, p, c, net[i++], "natverksmote");
        else
            meeting_write(g, p, c, dates[j++], "uppfoljning");
    }
}

/* The actions of c's åtgärdsplan (actions.csv): one for social services
 * and one for each agency the case has, each due 4-16 weeks after the
 * plan; most are done (police and school 9 in 10, the others 8 in 10),
 * 4 in 5 of them by the due date, the others up to 45 days late; one not
 * done by the end date is pagaende, in an ended case ej_genomford or
 * avbruten.  Each case draws
 * from a stream of its own (the seed and the case number), so the other
 * files are what they were without actions.  Nothing after the end date. */
static void actions_write(sample_gen *g, const sample_case *c)
{
    static const struct {
        const char *actor, *domain;
        unsigned flag, done_permille;
    } kinds[] = {
        { "socialtjanst", "familj", 0, 850 },   { "polis", "kriminalitet", SA_POLIS, 900 },
        { "skola", "skola", SA_SKOLA, 900 },    { "bup", "halsa", SA_BUP, 800 },
        { "fritid", "fritid", SA_FRITID, 800 }, { "af", "sysselsattning", SA_AF, 800 }
    };
    if (c->start == SAMPLE_NODATE)
        return;
    sample_rng rs, *r = &rs;
    sample_rng_seed(r, g->seed * 1000003u + c->id);
    int planned = c->plan != SAMPLE_NODATE ? c->plan : c->start, limit = case_limit(g, c);
    if (planned > g->as_of)
        return;
    unsigned n = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        if (kinds[k].flag && !(c->actors & kinds[k].flag))
            continue;
        int due = planned + sample_range(r, 28, 112);
        int done = SAMPLE_NODATE;
        if (sample_range(r, 0, 999) < (int)kinds[k].done_permille) {
            int in_time = sample_chance(r, 800);
            done = in_time ? planned + sample_range(r, 7, due - planned)
                           : due + sample_range(r, 1, 45);
        }
        const char *status = "genomford";
        if (done == SAMPLE_NODATE || done > limit) {
            done = SAMPLE_NODATE;
            status = c->end == SAMPLE_NODATE ? "pagaende"
                     : sample_range(r, 0, 1) ? "ej_genomford"
                                             : "avbruten";
        }
        sample_line l = { 0, { 0 } };
        sample_line_str(&l, "A");
        sample_line_uint(&l, c->id, 6);
        sample_line_sep(&l);
        sample_line_uint(&l, ++n, 1);
        sample_line_sep(&l);
        sample_line_str(&l, kinds[k].domain);
        sample_line_sep(&l);
        sample_line_str(&l, kinds[k].actor);
        sample_line_sep(&l);
        sample_line_date(&l, planned);
        sample_line_sep(&l);
        if (due <= g->as_of)
            sample_line_date(&l, due);
        sample_line_sep(&l);
        if (done != SAMPLE_NODATE)
            sample_line_date(&l, done);
        sample_line_sep(&l);
        sample_line_str(&l, status);
        sample_line_end(&l, &g->files[SF_ACTIONS]);
    }
}

/* Goals and meetings of each of p's cases from one follow-up schedule,
 * and the actions of its plan. */
void sample_plans_write(sample_gen *g, const sample_person *p)
{
    int dates[MAX_FOLLOWUPS];
    for (int i = 0; i < p->ncases; i++) {
        const sample_case *c = &p->cases[i];
        int n = followups(g, c, dates);
        goals_write(g, p, c, dates, n);
        meetings_write(g, p, c, dates, n);
        actions_write(g, c);
    }
}
