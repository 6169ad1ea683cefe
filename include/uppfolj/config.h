/*
 * config.h - uppfolj.conf (SPEC §14): an optional INI file beside the
 * database with organisation and unit names, capacity per unit, age bands,
 * phase windows, the disclosure threshold and extra outcome measures.
 * Every value has a default; every report prints the values it used.
 *
 *   [organisation]
 *   namn = Exempelstads kommun
 *
 *   [enhet Norrstaden]          ; one section per unit
 *   kapacitet = 25
 *
 *   [åldersgrupper]
 *   grupper = 12-14, 15-17, 18-20, 21-25
 *
 *   [fönster]
 *   före = 12m                  ; months before start
 *   efter = 12m                 ; months after (6m for Socialstyrelsen's design)
 *   ankare = slut               ; slut (after = after the end) or start
 *
 *   [röjandeskydd]
 *   tröskel = 5                 ; never below 3
 *
 *   [tid i risk]
 *   låst_vård = sis             ; placements whose days are not time at
 *                               ; risk for event rates (hvb, sis,
 *                               ; familjehem, tfco; empty: none)
 *
 *   [mått]
 *   skolk_dagar = händelse      ; händelse, andel (0-100) or ja_nej (0/1)
 *
 *   [rapporter]
 *   program = SIG               ; the programme reports cover by default
 *   mapp = rapporter            ; report definitions (NAME.ini, NAME.sql),
 *                               ; relative to this file's folder
 *   mottagare = extern          ; extern (disclosure control) or intern
 *                               ; (exact figures, marked as internal)
 *
 * Section and key names may be written with or without å ä ö; English
 * names (organisation/name, unit X/capacity, age_bands/bands,
 * windows/before/after/anchor, disclosure/threshold,
 * time_at_risk/locked_care, measures,
 * reports/programme/folder/audience) work too.
 */
#ifndef UPPFOLJ_CONFIG_H
#define UPPFOLJ_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "uppfolj/diag.h"
#include "uppfolj/error.h"

#define UF_MAX_BANDS 12
/* Extra measure codes the core has room for, per kind. */
#define UF_CONFIG_MAX_EVENTS 4
#define UF_CONFIG_MAX_STATES 3

typedef enum uf_anchor { UF_ANCHOR_END, UF_ANCHOR_START } uf_anchor;

/* Kinds of outcome measure (SPEC §3). */
typedef enum uf_mkind {
    UF_MEASURE_EVENT, /* one row per event, value = count */
    UF_MEASURE_PCT,   /* a state 0..100 */
    UF_MEASURE_BINARY /* a state 0/1 */
} uf_mkind;

typedef struct uf_unit_conf {
    char *name;
    int capacity; /* youths at once; 0 = not given */
} uf_unit_conf;

typedef struct uf_band {
    int lo, hi; /* ages, inclusive */
} uf_band;

typedef struct uf_measure_conf {
    char *code;
    uf_mkind kind;
} uf_measure_conf;

typedef struct uf_config {
    char *path;         /* the file read, NULL when defaults only */
    char *organisation; /* NULL when not given */
    uf_unit_conf *units;
    int nunits;
    uf_band bands[UF_MAX_BANDS];
    int nbands;
    int months_before; /* window before start */
    int months_after;  /* window after */
    uf_anchor anchor;
    int threshold;             /* disclosure threshold, >= 3 */
    unsigned locked_care;      /* bit i: insats code i (kodbok order) is
                                  locked care, not time at risk (default
                                  sis) */
    uf_measure_conf *measures; /* extra measure codes */
    int nmeasures;
    char *program;    /* [rapporter] program: default population, or NULL */
    char *report_dir; /* [rapporter] mapp, resolved against the file's
                               folder; NULL when not given */
    bool internal;    /* [rapporter] mottagare = intern: reports for the
                         unit's own staff, exact figures (default extern) */
    int db_wait;      /* [databas] vanta: seconds to wait for a database
                         another run holds, 0..3600 (default 10) */
} uf_config;

/* The defaults: bands 12-14, 15-17, 18-20, 21-25; 12 months before and
 * after, anchored at the end; threshold 5; locked care sis; no units, no
 * extra measures; wait 10 s for a busy database. */
void uf_config_defaults(uf_config *c);

/*
 * Defaults, then the file at path.  When required is false a missing file
 * is fine (defaults only).  Bad content is listed in d and gives
 * UF_ERR_INPUT; a missing required file UF_ERR_MISSING; UF_ERR_NOMEM.
 * Release with uf_config_release in every case.
 */
uf_error uf_config_load(const char *path, bool required, uf_config *c, uf_diag *d);
void uf_config_release(uf_config *c);

/* The default config path for database db: uppfolj.conf in its folder.
 * Caller frees; NULL when memory ran out. */
char *uf_config_path(const char *db);

/* Parse a window length: "12m", "6m", "1y"/"1å", "18" (months).  -1 if
 * not one (or not 1..120 months), 0 on success. */
int uf_parse_months(const char *s, int *months);

/* Kind of measure code m, built in (SPEC §3) or configured in c (which
 * may be NULL); -1 if unknown. */
int uf_config_measure_kind(const uf_config *c, const char *m);

/* The locked care of c, bit i for insats code i (NULL: the default, sis). */
unsigned uf_config_locked_care(const uf_config *c);
/* The locked care of c (NULL: the default) in words, the kodbok labels
 * joined by ", " ("SiS"; "ingen" when none), into out. */
void uf_config_locked_text(const uf_config *c, char *out, size_t n);

/* The band index of an age, or -1 if outside every band. */
int uf_config_band(const uf_config *c, int age);

#endif
