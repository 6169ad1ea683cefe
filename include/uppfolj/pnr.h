/*
 * pnr.h - Swedish personnummer and samordningsnummer.
 *
 * Accepted forms: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN and
 * YYMMDD+NNNN (the + marks a person aged 100 or more).  A day of 61..91 is a
 * samordningsnummer (day + 60).  The number is normalised to 12 digits
 * (YYYYMMDDNNNC), its date and its Luhn check digit are checked, and the
 * birth date is derived.  Sex is never derived from the number.
 *
 * A value with fewer than 8 digits, or uppfolj's own pseudonym form ("ps"
 * and 32 hex digits), is an already pseudonymous id.  Any other value with
 * 8 or more digits is meant as a personnummer and must be a valid one, so
 * that a number with a stray character ("19811218.9876") is rejected and
 * never stored as if it were a pseudonym.
 * Nothing here keeps or prints the number: callers must not either.
 */
#ifndef UPPFOLJ_PNR_H
#define UPPFOLJ_PNR_H

#include <stdbool.h>

typedef enum uf_pnr_status {
    UF_PNR_OK,         /* a valid personnummer or samordningsnummer */
    UF_PNR_PSEUDONYM,  /* not a personnummer: an already pseudonymous id */
    UF_PNR_BAD_FORMAT, /* digits like a personnummer, but not its form */
    UF_PNR_BAD_DATE,   /* the date part is no real date, or in the future */
    UF_PNR_BAD_CHECK   /* the Luhn check digit is wrong */
} uf_pnr_status;

typedef struct uf_pnr {
    char digits[13];   /* normalised YYYYMMDDNNNC (coordination day kept) */
    int birth_days;    /* birth date as a day number (parse.h) */
    bool coordination; /* a samordningsnummer */
} uf_pnr;

/*
 * Parse s.  today is the reference date (day number) that decides the
 * century of the 10-digit forms: '-' means younger than 100 at today, '+'
 * 100 or older.  On UF_PNR_OK *out is filled; otherwise out is untouched
 * except that it never holds digits of a bad number.
 */
uf_pnr_status uf_pnr_parse(const char *s, int today, uf_pnr *out);

/*
 * Is s, exactly as it stands, a valid personnummer or samordningsnummer:
 * would uf_pnr_parse(s, today, ...) return UF_PNR_OK?  For the cells outside
 * the person column, which must never hold one (SPEC §3).  Cheap for
 * ordinary values: unless s has a personnummer's shape (10 or 12 digits,
 * or 11 or 13 characters with '-' or '+' before the last four), it is
 * refused without parsing.  Keeps nothing of s.
 */
bool uf_pnr_is_valid(const char *s, int today);

/* A Swedish description of a non-OK status, without the number.  Static. */
const char *uf_pnr_strstatus(uf_pnr_status st);

/* Luhn check digit of the 9 digits at d (the YYMMDDNNN part). */
int uf_pnr_luhn(const char d[9]);

#endif
