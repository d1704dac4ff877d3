/*
 * limits.h - what the caller of the plan loader chooses (bd_load_options)
 * and the loader's hard limits, shared by every file that reads a plan:
 * file reading (input.c), the node tree (ytree.c), its checked reading
 * (ynode.c), the validation (validate.c) and the --compare reader.
 * A header of the model: it includes no other part of the loader.
 */
#ifndef BD_LIMITS_H
#define BD_LIMITS_H

#include <stddef.h>

#include "base/diag.h"

/* Limits and defaults the caller chooses. */
typedef struct bd_load_options {
  long today;         /* days since epoch: the default for as_of (the CLI passes
                         today in UTC, or the date of SOURCE_DATE_EPOCH) */
  bd_diags *warnings; /* where warnings about a valid plan go (a value YAML
                         cut at " #"), or NULL for none */
} bd_load_options;

/* Hard limits of the loader (documented in the README). */
/* plan file size */
#define BD_LOAD_MAX_BYTES ((size_t)256 * 1024 * 1024)
/* nesting of collections */
#define BD_LOAD_MAX_DEPTH 64
/* distinct loss categories of a plan (the four standard ones included):
 * every scenario keeps its figures per category, so this bounds the
 * analysis to the plan's size (validate.c) */
#define BD_PLAN_MAX_CATEGORIES 64
/* JUnit evidence file size (evidence.c) */
#define BD_EVIDENCE_MAX_BYTES ((size_t)64 * 1024 * 1024)
/* a yearly loss read from a --compare report's JSON (snapshot.c): like a
 * plan's amounts, below 1e15 */
#define BD_SNAPSHOT_MAX_LOSS 1e15
/* nodes visited through aliases */
#define BD_LOAD_MAX_EXPANSION 1000000

#endif
