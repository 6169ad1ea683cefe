/*
 * model.h - the report model: a format-independent document.
 *
 * A report is metadata (title, unit, period, as-of, parameters, the data
 * snapshot, the version), sections with paragraphs, tables and charts, and
 * method notes.  Tables hold typed cells, each with the number of persons
 * behind it and its disclosure state; charts do not hold numbers of their
 * own but point at table cells, so that whatever the disclosure control
 * hides in a table (suppress.h) is hidden in every chart drawn from it.
 * Renderers (JSON, CSV, later PDF and XLSX) read the model only; the core
 * builds it and knows nothing of formats.
 *
 * Ownership: every string passed in is copied; everything belongs to the
 * report and is freed by uf_report_free().  Builders return NULL (or -1)
 * only when memory ran out, and a report that hit that is marked failed
 * (uf_report_failed) so that callers may check once at the end.
 */
#ifndef UPPFOLJ_MODEL_H
#define UPPFOLJ_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* What a cell holds. */
typedef enum uf_ctype {
    UF_C_EMPTY,   /* nothing (not applicable) */
    UF_C_TEXT,    /* a label */
    UF_C_COUNT,   /* a number of persons or cases: disclosure-controlled */
    UF_C_NUMBER,  /* another number (days, a rate, a statistic) */
    UF_C_PERCENT, /* 0..100 */
    UF_C_PVALUE,  /* 0..1 */
    UF_C_DATE     /* ISO date text */
} uf_ctype;

/* Why a cell is not shown (SPEC §8). */
typedef enum uf_supp {
    UF_SHOWN = 0,
    UF_SUPP_SMALL,     /* a count of 1..threshold-1, shown as "<5" */
    UF_SUPP_SECONDARY, /* hidden so that another hidden value cannot be
                           recovered by subtraction: ".." */
    UF_SUPP_FEW,       /* a statistic over fewer than threshold persons: ".." */
    UF_SUPP_NOTEST,    /* a test not run (too few per group, p cannot
                          reach 0,05): "–" (U+2013) */
    UF_SUPP_MISSING,   /* no value could be computed (no data): "." */
    UF_SUPP_ANY        /* a count of 1..threshold-1 whose "<5" would give
                          away a hidden value however much more is hidden
                          (the bounds themselves pin it): hidden as any
                          count, "x" */
} uf_supp;

typedef struct uf_cell {
    uf_ctype type;
    double v;   /* the value (count, number, percent, p) */
    char *text; /* UF_C_TEXT, UF_C_DATE */
    long n;     /* persons the value rests on; -1 = not applicable */
    uf_supp supp;
    int link;     /* column of a count in the same row that this cell
                           would reveal (a percentage of it), or -1 */
    long reveals; /* the smallest non-zero count the value determines
                           (an exact test's counts; a sum's smallest part
                           when the others are shown), or -1 */
    int key;      /* what the count counts, when the same count stands
                           in several tables: 1 + index in uf_report.keys,
                           0 = none (uf_cell_key); on a statistic: the
                           figure its n is */
    bool shared;  /* set by suppress.c: key stands in several tables */
} uf_cell;

/* How a joined column is printed in its host's cell (uf_column.join):
 * "12,3 (4,5)" for a standard deviation, "1,2 (0,8; 1,6)" for a
 * confidence interval's two limits; the host's heading gains " (SD)" or
 * " (95 % KI)". */
typedef enum uf_join { UF_JOIN_NONE, UF_JOIN_SD, UF_JOIN_CI_LOW, UF_JOIN_CI_HIGH } uf_join;

typedef struct uf_column {
    char *id;    /* stable machine name (CSV header, SPEC §13) */
    char *label; /* Swedish heading */
    uf_ctype type;
    int decimals;   /* for display */
    bool additive;  /* a count whose group rows add up to the total row
                           (unless the table's groups overlap) */
    int part_of;    /* a count that, with the other columns naming the
                           same column here, adds up to that column in each
                           row (a row total); -1 if none */
    int within;     /* a count that is at most the count of this column
                           in the same row (those with an event among those
                           followed up); -1 if none */
    bool inference; /* part of a test (a confidence limit, a test's
                           statistic): like a p-value, shown only over at
                           least the threshold, in an internal report too */
    int join;       /* printed (PDF) inside column join's cell rather than
                           in a column of its own, as join_style says; -1
                           none.  The XLSX, CSV and JSON keep it apart. */
    uf_join join_style;
    int holm_of; /* a Holm-adjusted p (R: p.adjust(method = "holm"))
                           of p-value column holm_of, over every p shown in
                           the table's columns that have one: filled by the
                           disclosure pass after it (suppress.h), so that
                           it rests on shown p-values only; -1 none */
} uf_column;

typedef struct uf_row {
    uf_cell *cells; /* ncols cells */
    bool total;     /* the totals row */
} uf_row;

/* The columns of a stock-and-flow table (uf_table_balance). */
enum { UF_BAL_START, UF_BAL_IN, UF_BAL_ACTIVE, UF_BAL_OUT, UF_BAL_END, UF_BAL_N };

typedef struct uf_table {
    char *id; /* stable: file name of its CSV */
    char *title;
    char *description; /* one sentence, may be NULL */
    char *sheet;       /* a short name of at most 31 characters that says
                          what the table holds among the report's ("Misstankar
                          per år kön"): its XLSX sheet; NULL: the title */
    uf_column *cols;
    int ncols;
    uf_row *rows;
    int nrows, rcap;
    char **notes; /* footnotes */
    int nnotes;
    bool groups_overlap;   /* a case may be in more than one group row */
    int balance[UF_BAL_N]; /* uf_table_balance's columns, or -1 */
    bool detail;           /* a table of detail (verksamhet's months) that an extern
                    report leaves out when protecting it would hide more of
                    the rest (uf_report_without_detail) */
} uf_table;

/* A chart series: one table column, read at the given rows. */
typedef struct uf_series {
    char *label;
    int col;
    int risk_col;   /* "step" charts: counts at risk per category, shown
                           under the axis; -1 none */
    int censor_col; /* "step" charts: counts censored per category,
                           drawn as ticks on the curve; -1 none */
} uf_series;

typedef struct uf_chart {
    char *id;
    char *title;
    char *kind;            /* "bar" (grouped), "stacked" (bars stacked per
                               category: parts of a whole), "line", or
                               "step" (survival curves: steps, censoring
                               ticks, number at risk under the axis) */
    char *y_label;         /* axis label with unit */
    const uf_table *table; /* the table the values come from */
    int *rows;             /* the category rows of that table */
    int nrows;
    int label_col; /* column with the category labels */
    uf_series *series;
    int nseries;
} uf_chart;

typedef struct uf_section {
    char *title;
    bool front; /* a summary before the numbered sections: unnumbered, on a
                   page of its own, its charts drawn from other sections'
                   tables (uf_report_front) */
    char **paragraphs;
    int npar;
    uf_table **tables;
    int ntables;
    uf_chart **charts;
    int ncharts;
} uf_section;

typedef struct uf_kv {
    char *key;
    char *value;
} uf_kv;

typedef struct uf_report {
    char *name; /* report definition: "utfall", ... */
    char *title;
    char *unit;         /* enhet(er) */
    char *organisation; /* [organisation] namn of uppfolj.conf, or NULL
                               (the XLSX workbook's company) */
    char *population;   /* the cases covered, in words (population.h) */
    char *period;
    char *as_of;
    char *version;
    char *created; /* ISO date of the data snapshot */
    uf_kv *params; /* parameters and configuration used */
    int nparams;
    char **snapshot; /* import runs: "körning 3 2026-11-01 sha256 …" */
    int nsnapshot;
    uf_section **sections;
    int nsections;
    char **method; /* method notes (paragraphs) */
    int nmethod;
    int threshold; /* disclosure threshold used */
    bool internal; /* for the unit's own staff (--mottagare intern): exact
                      figures, every page and sheet marked with
                      UF_INTERNAL_BANNER; false = extern, disclosure
                      control (suppress.h) */
    char **keys;   /* the names of uf_cell.key */
    int nkeys;
    bool failed; /* memory ran out while building */
} uf_report;

/* The mark of every page, sheet and file of an internal report and of
 * the data-quality worklist (SPEC §4, §9.4). */
#define UF_INTERNAL_BANNER "Internt arbetsmaterial — kan omfattas av sekretess (OSL 26 kap.)"

/* A new empty report; NULL when memory ran out.  Free with uf_report_free. */
uf_report *uf_report_new(const char *name, const char *title);
void uf_report_free(uf_report *r); /* NULL-safe */
bool uf_report_failed(const uf_report *r);

/* Set one of the metadata strings (*field = copy of value). */
void uf_report_set(uf_report *r, char **field, const char *value);
/* Append a parameter "key = value" (printf-style value). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void uf_report_param(uf_report *r, const char *key, const char *fmt, ...);
void uf_report_snapshot(uf_report *r, const char *line);
void uf_report_method(uf_report *r, const char *paragraph);
/* A method paragraph made printf-style (at most 2047 bytes, else the
 * report is marked failed). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void uf_report_method_f(uf_report *r, const char *fmt, ...);

uf_section *uf_report_section(uf_report *r, const char *title);
/* A front section (uf_section.front) before every other section. */
uf_section *uf_report_front(uf_report *r, const char *title);
void uf_section_par(uf_report *r, uf_section *s, const char *paragraph);

/* A new table in section s with ncols columns; define them with
 * uf_table_col before adding rows. */
uf_table *uf_section_table(uf_report *r, uf_section *s, const char *id, const char *title,
                           int ncols);
void uf_table_col(uf_report *r, uf_table *t, int col, const char *id, const char *label,
                  uf_ctype type, int decimals, bool additive);
/* Declare that count column col adds up, with its siblings, to column
 * total in each row. */
void uf_table_part_of(uf_table *t, int col, int total);
/* Column col counts, in every row, some of those that column bound counts
 * (col <= bound): the disclosure control knows what the reader knows. */
void uf_table_within(uf_table *t, int col, int bound);
/* Declare t a stock-and-flow table (the months of verksamhet): in every
 * row that is not a total, active = start + in and end = active - out,
 * and each such row's end is the next such row's start (those at the end
 * of one month are those at the start of the next).  The disclosure
 * audit (suppress.h, rule 7) knows these equations as a reader does. */
void uf_table_balance(uf_table *t, int start, int in, int active, int out, int end);
/* Column col is part of a test (uf_column.inference). */
void uf_table_inference(uf_table *t, int col);
/* Print column col inside column host's cell in the PDF (uf_column.join). */
void uf_table_join(uf_table *t, int col, int host, uf_join style);
/* Column col holds the Holm-adjusted p-values of p-value column of
 * (uf_column.holm_of); its cells are filled after disclosure control. */
void uf_table_holm(uf_table *t, int col, int of);
/* Fill the Holm columns of t from the p-values shown now: over every
 * shown p in the columns they adjust, a column whose p is not shown shows
 * the same symbol (suppress_report.c calls it before the footnotes).  -1
 * when memory ran out (the Holm cells are then missing), else 0. */
int uf_table_holm_fill(uf_table *t);
/* Add a row (all cells empty, link -1, n -1); its index, or -1. */
int uf_table_row(uf_report *r, uf_table *t, bool total);
void uf_table_note(uf_report *r, uf_table *t, const char *note);

/* Cell setters: n is the number of persons the value rests on. */
void uf_cell_text(uf_report *r, uf_table *t, int row, int col, const char *text);
void uf_cell_count(uf_table *t, int row, int col, long count);
void uf_cell_number(uf_table *t, int row, int col, double v, long n);
void uf_cell_percent(uf_table *t, int row, int col, double pct, long n, int link);
void uf_cell_pvalue(uf_table *t, int row, int col, double p, long n);
/* Mark a cell as having no value, for the reason given. */
void uf_cell_none(uf_table *t, int row, int col, uf_supp why);
/* The smallest non-zero count that cell (row, col) determines besides its
 * n (the discordant pairs of an exact McNemar test, the cells of a Fisher
 * table): disclosure control hides the cell when that count is below the
 * threshold.  Call after setting the value. */
void uf_cell_reveals(uf_table *t, int row, int col, long count);
/* Name what count cell (row, col) counts ("kohort 2: analyseras"): the
 * same key in several tables is one figure, shown everywhere or nowhere.
 * On a statistic the key names the figure its n is: hidden with it. */
void uf_cell_key(uf_report *r, uf_table *t, int row, int col, const char *key);

uf_chart *uf_section_chart(uf_report *r, uf_section *s, const char *id, const char *title,
                           const char *kind, const char *y_label, const uf_table *t, int label_col);
void uf_chart_rows(uf_report *r, uf_chart *c, const int *rows, int n);
void uf_chart_series(uf_report *r, uf_chart *c, const char *label, int col);
/* For the series just added to a "step" chart: its at-risk and censored
 * count columns (-1 for none). */
void uf_chart_series_km(uf_chart *c, int risk_col, int censor_col);

/* Does the reader see a value in cell c: shown (not hidden), and a
 * number that is finite or a text that is not empty? */
bool uf_cell_seen(const uf_cell *c);
/* Does t show nothing to a reader now: a table of statistics (means,
 * shares, tests) with none shown and no count beside them but 0 (a count
 * column whose id is "n" or begins with "n_" is the statistics' base and
 * does not count), or a table of counts with every count hidden?  (A
 * table of text alone, or of tests alone, whose symbols say why no test
 * was run, is never empty.) */
bool uf_table_shows_nothing(const uf_table *t);
/* After disclosure control: take out every table that shows nothing (and
 * its charts), every table of groups that shows no group and only a total
 * an earlier table of the same title shows, every bar chart with a series
 * that shows nothing (it would
 * read as something else), every series of a line chart that shows no
 * value but 0, and every chart left with nothing; each section names what
 * it lost in a paragraph ("För få ärenden för att visa: ...").  Only ever
 * shows less, so the protection holds.  The number of tables and charts
 * named (a table's charts go with it unnamed), or -1 when memory ran out
 * (the report is then failed). */
int uf_report_prune(uf_report *r);

/* Does r hold a table of detail (uf_table.detail)? */
bool uf_report_has_detail(const uf_report *r);
/* A copy of r, before disclosure control, without its tables of detail
 * and the charts drawn from them; note (may be NULL) is added as a
 * paragraph to each section that lost one.  NULL when memory ran out.
 * Free with uf_report_free. */
uf_report *uf_report_without_detail(const uf_report *r, const char *note);

/* The cell at (row, col); asserts the indexes. */
uf_cell *uf_table_cell(const uf_table *t, int row, int col);

#endif
