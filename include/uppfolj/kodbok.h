/*
 * kodbok.h - the code book (SPEC §3): every code list once, with the code
 * the database stores, its Swedish label, the label of a group row of
 * such cases where that reads differently ("Flickor"), and the further
 * spellings the importer accepts.  The importer, the core, every report,
 * the analysis export and the report definitions (kodlista = NAME) read
 * their codes and labels here and nowhere else.
 *
 * A list's order is the order of tables that list every code (the
 * årsrapport, kohort, verksamhet's kodlista, the export's code book), and it
 * is part of the program: the core's bit and array indexes follow it.  (The
 * group rows of a breakdown, groups.c, are sorted by their codes instead.)
 * Whatever a report prints is accepted on import: uf_kb_match takes a code,
 * an alias or a label (or group label), folded (uf_fold).
 */
#ifndef UPPFOLJ_KODBOK_H
#define UPPFOLJ_KODBOK_H

#include <stdbool.h>
#include <stddef.h>

typedef enum uf_kb_id {
    UF_KB_SEX,           /* kon: F M X */
    UF_KB_TARGET,        /* malgrupp */
    UF_KB_REFERRER,      /* aktualiserad_av */
    UF_KB_END_REASON,    /* avslutsorsak */
    UF_KB_FORM,          /* insatsform */
    UF_KB_YES_NO,        /* ja/nej */
    UF_KB_PROVIDER,      /* utforare */
    UF_KB_INSATS,        /* insats: 25 codes */
    UF_KB_INSTRUMENT,    /* bedomningsinstrument */
    UF_KB_RISK,          /* riskniva */
    UF_KB_MEASURE,       /* matt (utfall) */
    UF_KB_DOMAIN,        /* omrade (mål) */
    UF_KB_GOAL_STATUS,   /* malstatus */
    UF_KB_MEETING_TYPE,  /* motestyp */
    UF_KB_ACTOR,         /* aktor (mötesdeltagare) */
    UF_KB_ACTION_STATUS, /* atgardsstatus */
    UF_KB_OFFER,         /* erbjudande */
    UF_KB_CONSENT_BY,    /* samtycke_av */
    UF_KB_NLISTS
} uf_kb_id;

/* Sizes the core and the reports build arrays with (kodbok.c checks them
 * at compile time). */
#define UF_KB_N_INSATS 25
#define UF_KB_N_INSTRUMENT 7
#define UF_KB_N_DOMAIN 10
#define UF_KB_N_END_REASON 6
#define UF_KB_N_GOAL_STATUS 4

typedef struct uf_kb_entry {
    const char *code;       /* as stored */
    const char *label;      /* Swedish label: "Flicka", "Målen uppfyllda" */
    const char *group;      /* a group row of such cases, when it reads
                                   differently: "Flickor"; NULL = label */
    const char *aliases[5]; /* further spellings accepted on import,
                                   folded; NULL-ended */
} uf_kb_entry;

typedef struct uf_kb_list {
    const char *name;     /* folded Swedish name: "avslutsorsak" */
    const char *label;    /* "Avslutsorsak" */
    const uf_kb_entry *e; /* in display order */
    int n;
} uf_kb_list;

/* The list id (any valid uf_kb_id). */
const uf_kb_list *uf_kb(uf_kb_id id);
/* The list named name (folded name, e.g. "avslutsorsak"), or NULL. */
const uf_kb_list *uf_kb_find(const char *name);
/* Index of stored code in list id, or -1 (also for NULL). */
int uf_kb_index(uf_kb_id id, const char *code);
/* Code number i of list id (0 <= i < n). */
const char *uf_kb_code(uf_kb_id id, int i);
/* The label of code in list id; code itself when the list has no such
 * code (and "" for NULL). */
const char *uf_kb_label(uf_kb_id id, const char *code);
/* The group-row label of code ("Flickor"), else as uf_kb_label. */
const char *uf_kb_group(uf_kb_id id, const char *code);
/* The stored code for text as typed (a code, an alias, a label or a group
 * label, in any case, with å ä ö or without), or NULL. */
const char *uf_kb_match(uf_kb_id id, const char *text);

/* Is insats code (stored) a placement outside the home: hvb, sis,
 * familjehem, tfco (SPEC §5: days placed)? */
bool uf_kb_is_placement(const char *code);

#endif
