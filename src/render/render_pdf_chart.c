/*
 * render_pdf_chart.c - charts in the PDF renderer, drawn as vectors.
 *
 * A chart of the model points at table cells: categories are the label
 * cells of its rows, each series one column.  Only shown cells are drawn,
 * measured or used to scale the axis; a hidden cell leaves its bar out
 * (the category stays, in the table's order, and its bar's place shows the
 * table's "<5" or "..") or breaks a line.  Nothing is sorted, so no order
 * depends on a hidden value.
 *
 * "bar": grouped vertical bars, one colour per series, value labels when
 * every label fits its bar.  "line": one line per series through the shown
 * points, with markers.  Both: a y axis with "nice" ticks (1, 2, 2.5 or 5
 * times a power of ten) labelled the Swedish way, the y_label (with its
 * unit) above the axis, category labels wrapped under their group or, when
 * they do not fit, turned 45 or 90 degrees (and only every k-th when even
 * that is too tight), and a legend below.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_pdf_internal.h"

#define PLOT_H 150.0f
#define SIZE_TITLE 10.0f
#define SIZE_TICK 7.5f
#define SIZE_CAT 7.5f
#define SIZE_VALUE 6.5f
#define SIZE_LEGEND 8.0f
#define LABEL_MAX 140.0f /* a turned category label is cut to this */

/* Okabe-Ito: told apart also with colour-blindness. */
static const unsigned palette[] = { 0x0072B2u, 0xE69F00u, 0x009E73u, 0xCC79A7u,
                                    0x56B4E9u, 0xD55E00u, 0xF0E442u, 0x000000u };
#define NPALETTE (sizeof palette / sizeof palette[0])

typedef struct chart {
    const uf_chart *c;
    bool line;
    bool stacked;        /* bars stacked per category (shares of a whole) */
    bool km;             /* survival curves: steps, censoring ticks, at risk */
    float risk_h;        /* height of the number-at-risk block */
    double lo, hi, step; /* the axis */
    int decimals;        /* of its tick labels */
    int nticks;
    bool hidden; /* some value is not drawn */
    /* geometry */
    float left, right, top, bottom, zero, group;
    float angle;   /* of the category labels: 0, 45 or 90 */
    int every;     /* label every k-th category */
    int cat_lines; /* lines of a wrapped category label */
    float cat_h, legend_h;
} chart;

static const uf_cell *value_cell(const uf_chart *c, int cat, int ser)
{
    return uf_table_cell(c->table, c->rows[cat], c->series[ser].col);
}

/* The value of a cell when it may be drawn. */
static bool shown(const uf_cell *cell, double *v)
{
    if (cell->supp != UF_SHOWN || !isfinite(cell->v))
        return false;
    switch (cell->type) {
    case UF_C_COUNT:
    case UF_C_NUMBER:
    case UF_C_PERCENT:
    case UF_C_PVALUE: *v = cell->v; return true;
    case UF_C_EMPTY:
    case UF_C_TEXT:
    case UF_C_DATE: break;
    }
    return false;
}

/* The axis: from the shown values only, always with 0. */
static void axis(chart *ch)
{
    const uf_chart *c = ch->c;
    double lo = 0, hi = 0, v;
    for (int i = 0; i < c->nrows; i++) {
        double sum = 0; /* a stacked bar's height: its shown values */
        for (int s = 0; s < c->nseries; s++) {
            if (!shown(value_cell(c, i, s), &v)) {
                ch->hidden |= value_cell(c, i, s)->type != UF_C_EMPTY;
                continue;
            }
            if (ch->stacked)
                v = sum += v > 0 ? v : 0;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    }
    double span = hi - lo;
    if (!(span > 0 && span < 1e300)) /* all zero; or absurd */
        lo = 0, hi = span = 1;
    double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    ch->step = nice * mag;
    ch->lo = floor(lo / ch->step + 1e-9) * ch->step;
    ch->hi = ceil(hi / ch->step - 1e-9) * ch->step;
    /* room above the highest bar for its value label, but a percentage
     * axis stops at 100 */
    bool pct = true;
    for (int s = 0; s < c->nseries; s++)
        pct &= c->table->cols[c->series[s].col].type == UF_C_PERCENT;
    if (!ch->line && hi > 0 && (ch->hi - hi) / (ch->hi - ch->lo) * PLOT_H < SIZE_VALUE + 2 &&
        !(pct && ch->hi >= 100))
        ch->hi += ch->step;
    double ticks = (ch->hi - ch->lo) / ch->step + 1; /* 5 to 12 */
    ch->nticks = ticks > 2 && ticks < 20 ? (int)lround(ticks) : 2;
    int d = (int)-floor(log10(ch->step * (nice == 2.5 ? 0.1 : 1) + 1e-12));
    ch->decimals = d > 0 ? d : 0;
}

static float ypos(const chart *ch, double v)
{
    return ch->bottom + (float)((v - ch->lo) / (ch->hi - ch->lo)) * (ch->top - ch->bottom);
}

static const char *category(const ufpdf *p, const uf_chart *c, int i, char buf[UF_FMT_BUF])
{
    return ufpdf_cell_text(p, c->table, c->rows[i], c->label_col, buf);
}

/* How the category labels go: wrapped under their group when every word
 * fits (at most 3 lines), else turned.  Sets angle, every, cat_h. */
static void categories(ufpdf *p, chart *ch)
{
    const uf_chart *c = ch->c;
    char buf[UF_FMT_BUF];
    float room = ch->group - 4, widest = 0;
    bool fit = true;
    ch->cat_lines = 1;
    for (int i = 0; i < c->nrows; i++) {
        const char *s = category(p, c, i, buf);
        float w = ufpdf_width(p, false, SIZE_CAT, s, strlen(s));
        widest = w > widest ? w : widest;
        ufpdf_line *ln;
        int n = ufpdf_wrap(p, false, SIZE_CAT, s, room, &ln);
        free(ln);
        if (ufpdf_widest_word(p, false, SIZE_CAT, s) > room || n > 3)
            fit = false;
        else if (n > ch->cat_lines)
            ch->cat_lines = n;
    }
    ch->every = 1;
    if (fit) {
        ch->angle = 0;
        ch->cat_h = (float)ch->cat_lines * SIZE_CAT * UFPDF_LEADING + 2;
        return;
    }
    float need = SIZE_CAT * 1.15f;
    ch->angle = ch->group * 0.7071f >= need ? 45 : 90;
    float gap = ch->angle == 45 ? ch->group * 0.7071f : ch->group;
    if (gap < need)
        ch->every = (int)ceilf(need / gap);
    if (widest > LABEL_MAX)
        widest = LABEL_MAX;
    ch->cat_h = (ch->angle == 45 ? (widest + 0.75f * SIZE_CAT) * 0.7071f : widest) + 6;
}

/* How far labels turned 45 degrees reach left of the margin (they end at
 * their tick and go down to the left); 0 when they do not, capped at a
 * third of the page. */
static float overhang(ufpdf *p, const chart *ch)
{
    const uf_chart *c = ch->c;
    char buf[UF_FMT_BUF], cut[256];
    float over = 0;
    if (ch->angle != 45)
        return 0;
    for (int i = 0; i < c->nrows; i += ch->every) {
        const char *s =
            ufpdf_shorten(p, false, SIZE_CAT, category(p, c, i, buf), LABEL_MAX, cut, sizeof cut);
        float w = ufpdf_width(p, false, SIZE_CAT, s, strlen(s));
        float cx = ch->left + ((float)i + 0.5f) * ch->group;
        float reach = UFPDF_LEFT - (cx + 0.53f * SIZE_CAT - w * 0.7071f) + SIZE_CAT + 1;
        over = reach > over ? reach : over;
    }
    return over < UFPDF_WIDTH / 3 ? over : UFPDF_WIDTH / 3;
}

/* Height of the legend laid out in rows across the page (0: no legend). */
static float legend(ufpdf *p, const chart *ch, bool draw, float top)
{
    const uf_chart *c = ch->c;
    float x = UFPDF_LEFT, rows = 1, lh = SIZE_LEGEND * 1.6f;
    if (c->nseries < 1 || (c->nseries == 1 && !c->series[0].label))
        return 0;
    for (int s = 0; s < c->nseries; s++) {
        const char *l = c->series[s].label ? c->series[s].label : "";
        float w = 14 + ufpdf_width(p, false, SIZE_LEGEND, l, strlen(l));
        if (x + w > UFPDF_LEFT + UFPDF_WIDTH && x > UFPDF_LEFT) {
            x = UFPDF_LEFT;
            rows++;
        }
        if (draw) {
            float base = top - (rows - 1) * lh - SIZE_LEGEND;
            ufpdf_fill(p, palette[(size_t)s % NPALETTE]);
            if (ch->line) {
                ufpdf_stroke(p, palette[(size_t)s % NPALETTE]);
                ufpdf_line_to(p, x, base + 3, x + 10, base + 3, 1.5f);
                HPDF_Page_Circle(p->page, x + 5, base + 3, 2.2f);
                HPDF_Page_Fill(p->page);
            } else {
                ufpdf_rect(p, x, base - 0.5f, 8, 8);
            }
            ufpdf_fill(p, UFPDF_BLACK);
            ufpdf_text(p, false, SIZE_LEGEND, x + (ch->line ? 13 : 11), base, UFPDF_L, l,
                       strlen(l));
        }
        x += w + 12;
    }
    return rows * lh;
}

/* Grid lines, tick labels, the unit above them, the zero line. */
static void draw_axis(ufpdf *p, const chart *ch)
{
    char buf[UF_FMT_BUF], cut[256];
    for (int i = 0; i < ch->nticks; i++) {
        double v = ch->lo + i * ch->step;
        float y = ypos(ch, v);
        ufpdf_stroke(p, UFPDF_GRID);
        ufpdf_line_to(p, ch->left, y, ch->right, y, 0.4f);
        const char *s = uf_fmt_number(v, ch->decimals, buf);
        ufpdf_fill(p, UFPDF_BLACK);
        ufpdf_text(p, false, SIZE_TICK, ch->left - 4, y - 0.35f * SIZE_TICK, UFPDF_R, s, strlen(s));
    }
    if (ch->c->y_label) {
        const char *s =
            ufpdf_shorten(p, false, SIZE_TICK, ch->c->y_label, UFPDF_WIDTH, cut, sizeof cut);
        ufpdf_fill(p, UFPDF_GREY);
        ufpdf_text(p, false, SIZE_TICK, UFPDF_LEFT, ch->top + 10, UFPDF_L, s, strlen(s));
    }
    ufpdf_stroke(p, UFPDF_BLACK);
    ufpdf_line_to(p, ch->left, ch->bottom, ch->left, ch->top, 0.6f);
    ufpdf_line_to(p, ch->left, ch->zero, ch->right, ch->zero, 0.8f);
}

/* Bars, with value labels when all of them fit; hidden cells' symbols. */
static void draw_bars(ufpdf *p, const chart *ch)
{
    const uf_chart *c = ch->c;
    char buf[UF_FMT_BUF];
    float inner = ch->group * (c->nseries > 1 ? 0.8f : 0.6f), bw = inner / (float)c->nseries;
    bool labels = true;
    double v;
    for (int i = 0; i < c->nrows; i++)
        for (int s = 0; s < c->nseries; s++) {
            const uf_cell *cell = value_cell(c, i, s);
            const char *t =
                uf_fmt_cell(cell, &c->table->cols[c->series[s].col], p->r->threshold, buf);
            if (ufpdf_width(p, false, SIZE_VALUE, t, strlen(t)) > bw - 1)
                labels = false;
        }
    for (int i = 0; i < c->nrows; i++)
        for (int s = 0; s < c->nseries; s++) {
            const uf_cell *cell = value_cell(c, i, s);
            float x = ch->left + (float)i * ch->group + (ch->group - inner) / 2 + (float)s * bw;
            const char *t =
                uf_fmt_cell(cell, &c->table->cols[c->series[s].col], p->r->threshold, buf);
            if (!shown(cell, &v)) { /* its symbol where the bar would be */
                if (ufpdf_width(p, false, SIZE_VALUE, t, strlen(t)) <= bw + 2) {
                    ufpdf_fill(p, UFPDF_GREY);
                    ufpdf_text(p, false, SIZE_VALUE, x + bw / 2, ch->zero + 2, UFPDF_C, t,
                               strlen(t));
                }
                continue;
            }
            float y = ypos(ch, v);
            ufpdf_fill(p, palette[(size_t)s % NPALETTE]);
            ufpdf_rect(p, x + 0.5f, y < ch->zero ? y : ch->zero, bw - 1, fabsf(y - ch->zero));
            if (labels) {
                ufpdf_fill(p, UFPDF_BLACK);
                ufpdf_text(p, false, SIZE_VALUE, x + bw / 2, v < 0 ? y - SIZE_VALUE - 1 : y + 2,
                           UFPDF_C, t, strlen(t));
            }
        }
}

/* Stacked bars: each category's shown values one on top of the other, in
 * series order, with the value inside its segment when it fits.  A hidden
 * value is left out and the segments above it move down, so the bar's
 * height is the sum of what the table shows. */
static void draw_stacked(ufpdf *p, const chart *ch)
{
    const uf_chart *c = ch->c;
    char buf[UF_FMT_BUF];
    float bw = ch->group * 0.6f;
    double v;
    for (int i = 0; i < c->nrows; i++) {
        float x = ch->left + (float)i * ch->group + (ch->group - bw) / 2;
        double sum = 0;
        for (int s = 0; s < c->nseries; s++) {
            const uf_cell *cell = value_cell(c, i, s);
            if (!shown(cell, &v) || v <= 0)
                continue;
            float y0 = ypos(ch, sum), y1 = ypos(ch, sum + v);
            sum += v;
            ufpdf_fill(p, palette[(size_t)s % NPALETTE]);
            ufpdf_rect(p, x + 0.5f, y0, bw - 1, y1 - y0);
            const char *t =
                uf_fmt_cell(cell, &c->table->cols[c->series[s].col], p->r->threshold, buf);
            if (y1 - y0 > SIZE_VALUE + 2 &&
                ufpdf_width(p, false, SIZE_VALUE, t, strlen(t)) <= bw - 2) {
                ufpdf_fill(p, 0xFFFFFFu);
                ufpdf_text(p, false, SIZE_VALUE, x + bw / 2, (y0 + y1) / 2 - SIZE_VALUE / 2.5f,
                           UFPDF_C, t, strlen(t));
            }
        }
    }
}

/* Survival curves: a step from each shown point to the next category,
 * a vertical tick where cases were censored, and no marker. */
static void draw_steps(ufpdf *p, const chart *ch)
{
    const uf_chart *c = ch->c;
    double v, prev = 0, cens;
    for (int s = 0; s < c->nseries; s++) {
        unsigned rgb = palette[(size_t)s % NPALETTE];
        ufpdf_stroke(p, rgb);
        bool had = false;
        for (int i = 0; i < c->nrows; i++) {
            bool has = shown(value_cell(c, i, s), &v);
            float x = ch->left + ((float)i + 0.5f) * ch->group;
            if (has && had) {
                ufpdf_line_to(p, x - ch->group, ypos(ch, prev), x, ypos(ch, prev), 1.5f);
                ufpdf_line_to(p, x, ypos(ch, prev), x, ypos(ch, v), 1.5f);
            }
            int cc = c->series[s].censor_col;
            if (has && cc >= 0) {
                const uf_cell *cell = uf_table_cell(c->table, c->rows[i], cc);
                /* a hidden count of 1..4 is still "some": the tick shows no more
                 * than the table's "<5" does */
                if ((shown(cell, &cens) && cens > 0) || cell->supp == UF_SUPP_SMALL)
                    ufpdf_line_to(p, x, ypos(ch, v) - 3, x, ypos(ch, v) + 3, 1.0f);
            }
            had = has;
            prev = has ? v : prev;
        }
    }
}

/* Rows of the number at risk under the category labels: one per series,
 * its label then the at-risk count at every labelled category. */
static void draw_at_risk(ufpdf *p, const chart *ch, float top)
{
    const uf_chart *c = ch->c;
    char buf[UF_FMT_BUF];
    ufpdf_fill(p, UFPDF_BLACK);
    ufpdf_text(p, true, SIZE_CAT, ch->left, ufpdf_baseline(top, SIZE_CAT), UFPDF_L, "Antal i risk",
               strlen("Antal i risk"));
    for (int s = 0; s < c->nseries; s++) {
        int rc = c->series[s].risk_col;
        float y = ufpdf_baseline(top - (float)(s + 1) * SIZE_CAT * UFPDF_LEADING, SIZE_CAT);
        ufpdf_fill(p, palette[(size_t)s % NPALETTE]);
        const char *l = c->series[s].label ? c->series[s].label : "";
        ufpdf_text(p, false, SIZE_CAT, ch->left - 4, y, UFPDF_R, l, strlen(l));
        ufpdf_fill(p, UFPDF_BLACK);
        for (int i = 0; rc >= 0 && i < c->nrows; i += ch->every) {
            const uf_cell *cell = uf_table_cell(c->table, c->rows[i], rc);
            const char *t = uf_fmt_cell(cell, &c->table->cols[rc], p->r->threshold, buf);
            ufpdf_text(p, false, SIZE_CAT, ch->left + ((float)i + 0.5f) * ch->group, y, UFPDF_C, t,
                       strlen(t));
        }
    }
}

/* Lines through consecutive shown points, and a marker on each. */
static void draw_lines(ufpdf *p, const chart *ch)
{
    const uf_chart *c = ch->c;
    double v, prev = 0;
    for (int s = 0; s < c->nseries; s++) {
        unsigned rgb = palette[(size_t)s % NPALETTE];
        ufpdf_stroke(p, rgb);
        ufpdf_fill(p, rgb);
        bool had = false;
        for (int i = 0; i < c->nrows; i++) {
            bool has = shown(value_cell(c, i, s), &v);
            float x = ch->left + ((float)i + 0.5f) * ch->group;
            if (has && had)
                ufpdf_line_to(p, x - ch->group, ypos(ch, prev), x, ypos(ch, v), 1.5f);
            if (has) {
                HPDF_Page_Circle(p->page, x, ypos(ch, v), 2.2f);
                HPDF_Page_Fill(p->page);
            }
            had = has;
            prev = v;
        }
    }
}

/* The category labels under the plot. */
static void draw_categories(ufpdf *p, const chart *ch)
{
    const uf_chart *c = ch->c;
    char buf[UF_FMT_BUF], cut[256];
    float top = ch->bottom - 3;
    ufpdf_fill(p, UFPDF_BLACK);
    for (int i = 0; i < c->nrows; i += ch->every) {
        float cx = ch->left + ((float)i + 0.5f) * ch->group;
        const char *s = category(p, c, i, buf);
        if (ch->angle == 0) {
            ufpdf_line *ln;
            int n = ufpdf_wrap(p, false, SIZE_CAT, s, ch->group - 4, &ln);
            for (int k = 0; k < n; k++)
                ufpdf_text(p, false, SIZE_CAT, cx,
                           ufpdf_baseline(top - (float)k * SIZE_CAT * UFPDF_LEADING, SIZE_CAT),
                           UFPDF_C, ln[k].s, ln[k].len);
            free(ln);
            continue;
        }
        s = ufpdf_shorten(p, false, SIZE_CAT, s, LABEL_MAX, cut, sizeof cut);
        float w = ufpdf_width(p, false, SIZE_CAT, s, strlen(s));
        if (ch->angle == 45) /* the top right corner of the text at the tick */
            ufpdf_text_turned(p, false, SIZE_CAT, cx + 0.53f * SIZE_CAT - w * 0.7071f,
                              top - 0.53f * SIZE_CAT - w * 0.7071f, 45, s);
        else
            ufpdf_text_turned(p, false, SIZE_CAT, cx + 0.35f * SIZE_CAT, top - w, 90, s);
    }
}

/* The axis, the plot's left and right edges and the category labels'
 * layout; the vertical placement waits for the page. */
static void place(ufpdf *p, chart *ch)
{
    char buf[UF_FMT_BUF];
    float tick_w = 0;
    axis(ch);
    for (int i = 0; i < ch->nticks; i++) {
        const char *s = uf_fmt_number(ch->lo + i * ch->step, ch->decimals, buf);
        float w = ufpdf_width(p, false, SIZE_TICK, s, strlen(s));
        tick_w = w > tick_w ? w : tick_w;
    }
    ch->left = UFPDF_LEFT + tick_w + 6;
    if (ch->c->kind && strcmp(ch->c->kind, "step") == 0) /* room for the at-risk labels */
        for (int s = 0; s < ch->c->nseries; s++) {
            const char *l = ch->c->series[s].label ? ch->c->series[s].label : "";
            float w = UFPDF_LEFT + ufpdf_width(p, false, SIZE_CAT, l, strlen(l)) + 6;
            ch->left = w > ch->left ? w : ch->left;
        }
    ch->right = UFPDF_LEFT + UFPDF_WIDTH - 2;
    ch->group = (ch->right - ch->left) / (float)ch->c->nrows;
    categories(p, ch);
    float over = overhang(p, ch);
    if (over > 0) { /* move the plot right so that no label leaves the page */
        ch->left += over;
        ch->group = (ch->right - ch->left) / (float)ch->c->nrows;
        categories(p, ch);
    }
    ch->legend_h = legend(p, ch, false, 0);
}

void ufpdf_chart(ufpdf *p, const uf_chart *c)
{
    if (c->nrows <= 0 || c->nseries <= 0 || !c->table)
        return;
    chart ch = { .c = c,
                 .line = c->kind && (strcmp(c->kind, "line") == 0 || strcmp(c->kind, "step") == 0),
                 .km = c->kind && strcmp(c->kind, "step") == 0,
                 .stacked = c->kind && strcmp(c->kind, "stacked") == 0 };
    char head[32];
    place(p, &ch);
    snprintf(head, sizeof head, "Figur %d. ", ++p->ncharts);
    char *title = ufpdf_join(p, head, c->title, NULL);
    if (!title)
        return;
    float note_h = ch.hidden ? 2 * UFPDF_SIZE_SMALL * UFPDF_LEADING : 0;
    ch.risk_h = ch.km ? (float)(c->nseries + 1) * SIZE_CAT * UFPDF_LEADING + 4 : 0;
    ufpdf_need(p, 2 * SIZE_TITLE * UFPDF_LEADING + 18 + PLOT_H + ch.cat_h + 6 + ch.legend_h +
                      ch.risk_h + note_h + 8);
    p->y -= 4;
    ufpdf_par(p, true, SIZE_TITLE, UFPDF_BLACK, 0, title);
    free(title);
    ch.top = p->y - 18;
    ch.bottom = ch.top - PLOT_H;
    ch.zero = ypos(&ch, 0);
    draw_axis(p, &ch);
    if (ch.km)
        draw_steps(p, &ch);
    else if (ch.line)
        draw_lines(p, &ch);
    else if (ch.stacked)
        draw_stacked(p, &ch);
    else
        draw_bars(p, &ch);
    draw_categories(p, &ch);
    p->y = ch.bottom - ch.cat_h - 6;
    if (ch.km) {
        draw_at_risk(p, &ch, p->y);
        p->y -= ch.risk_h;
    }
    legend(p, &ch, true, p->y);
    p->y -= ch.legend_h;
    if (ch.hidden)
        ufpdf_par(p, false, UFPDF_SIZE_SMALL, UFPDF_GREY, 0,
                  ch.line ? "Punkter som inte visas i tabellen (<5, ..) saknas i diagrammet."
                          : "Staplar som inte visas i tabellen (<5, ..) ritas inte.");
    p->y -= 8;
}
