/*
 * sample.h - deterministic generator of a synthetic, realistic data set.
 *
 * Writes the seven import files of SPEC §3 (persons.csv, cases.csv,
 * interventions.csv, assessments.csv, outcomes.csv, goals.csv, meetings.csv)
 * into a folder.  The same options give byte-identical files on every
 * machine: the generator uses only its own seeded PRNG and integer/fixed
 * arithmetic for everything that reaches the output, never the clock.
 * It serves both sample-data/ (about 300 youths) and benchmarks (100 000).
 */
#ifndef UPPFOLJ_SAMPLE_H
#define UPPFOLJ_SAMPLE_H

#include <stddef.h>
#include "uppfolj/error.h"

typedef struct uf_sample_opts {
    unsigned youths;         /* number of persons, >= 1 */
    unsigned long long seed; /* PRNG seed */
    int end_year;            /* data end date (the "as-of" of the set) */
    int end_month;
    int end_day;
} uf_sample_opts;

/*
 * Write the seven files into dir (which must exist).  Returns UF_OK, or
 * UF_ERR_IO / UF_ERR_NOMEM / UF_ERR_USAGE with a Swedish message in
 * err (at most errlen bytes, always NUL-terminated).  Files already in dir
 * are overwritten.
 */
uf_error uf_sample_write(const uf_sample_opts *opts, const char *dir, char *err, size_t errlen);

#endif
