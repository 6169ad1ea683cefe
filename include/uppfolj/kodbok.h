/*
 * kodbok.h - the code lists of SPEC §3, shared by the importer (which
 * accepts them) and the core (which counts by them).  Each list is
 * NULL-terminated and its order is part of the program: the core's bit
 * and array indexes follow it.
 */
#ifndef UPPFOLJ_KODBOK_H
#define UPPFOLJ_KODBOK_H

extern const char *const uf_kb_insatser[];      /* 25 insats codes */
extern const char *const uf_kb_instruments[];   /* ester ... annat */
extern const char *const uf_kb_risk_levels[];   /* lag medel hog */
extern const char *const uf_kb_domains[];       /* goal domains */
extern const char *const uf_kb_goal_statuses[]; /* uppnatt delvis ej_uppnatt pagaende */

/* Index of code in list, or -1 (also for NULL). */
int uf_kb_index(const char *const *list, const char *code);

#endif
