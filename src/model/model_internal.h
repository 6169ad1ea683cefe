/*
 * model_internal.h - what the files of the model layer share beyond
 * model.h: freeing one table or chart (model.c), for the files that take
 * them out of a report (model_prune.c).
 */
#ifndef UF_MODEL_INTERNAL_H
#define UF_MODEL_INTERNAL_H

#include "uppfolj/model.h"

/* Free t (or c) and everything it holds; its section must no longer
 * point to it. */
void ufm_free_table(uf_table *t);
void ufm_free_chart(uf_chart *c);

#endif
