/*
 * reports.h - report definitions: from a loaded cohort to a report model.
 *
 * Each report is a function that builds an uf_report (model.h) from the
 * core's cohort; it computes statistics but applies no disclosure control
 * and knows no output format: the caller runs uf_suppress_report() once
 * and then a renderer.  Table and column ids are stable (SPEC §13).
 */
#ifndef UPPFOLJ_REPORTS_H
#define UPPFOLJ_REPORTS_H

#include "uppfolj/config.h"
#include "uppfolj/core.h"
#include "uppfolj/groups.h"
#include "uppfolj/model.h"

typedef struct uf_report_opts {
    uf_dim by[2];               /* breakdown: one or two dimensions */
    int nby;
    const uf_config *cfg;
} uf_report_opts;

/*
 * utfall: before/after outcomes by group (SPEC §5-§7, §13): suspicions
 * (rate per person-year and any), violent-crime suspicions, conduct
 * disorder, school absence, days placed, assessment change per instrument
 * and risk-level transitions, and the cases left out and why.  NULL when
 * memory ran out.
 */
uf_report *uf_report_utfall(const uf_cohort *c, const uf_report_opts *o);

#endif
