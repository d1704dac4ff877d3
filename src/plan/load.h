/*
 * load.h - the plan loader's facade: a plan file or buffer in, a validated
 * bd_plan out.  The parts: input.h (reading the file), yaml_read.h (the
 * checked node tree: ytree.h, ytree_split.h), validate.h (the tree into a
 * plan); the options and limits are in limits.h.
 */
#ifndef BD_LOAD_H
#define BD_LOAD_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "plan/limits.h"
#include "plan/plan.h"

/* Parses and validates the plan in data[0..len) (named `path` in messages).
 * On success returns 0 and *out points to a plan allocated in `arena` (freed
 * with the arena).  On any error returns -1, appends every error found (up
 * to the diags' limit) to `diags`, and *out is NULL: a plan with errors is
 * rejected whole.  Does not depend on the locale. */
int bd_plan_load_buffer(const char *path, const char *data, size_t len, const bd_load_options *opt,
                        bd_arena *arena, bd_plan **out, bd_diags *diags);

/* Reads the file at path ("-" for standard input; pipes and FIFOs are read to
 * their end, directories refused, at most BD_LOAD_MAX_BYTES) and calls
 * bd_plan_load_buffer().  Read errors are reported in diags without a
 * position. */
int bd_plan_load_file(const char *path, const bd_load_options *opt, bd_arena *arena, bd_plan **out,
                      bd_diags *diags);

#endif
