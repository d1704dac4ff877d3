/*
 * validate.h - the validation of a YAML node tree into a plan.
 *
 * ytree.c turns libyaml's events into a tree of bd_ynode (ynode.h);
 * validate.c checks that tree against the plan format and builds the
 * bd_plan.  This header knows nothing of libyaml, so that only ytree.c
 * includes yaml.h.
 */
#ifndef BD_VALIDATE_H
#define BD_VALIDATE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "plan/limits.h"
#include "plan/plan.h"
#include "plan/ynode.h"

/* Validates the tree under root (the document's root node; node_count,
 * the number of nodes in the tree, sets the alias expansion budget) and
 * builds the plan in arena; the plan points into the tree's scalar texts.
 * Appends every error to diags.  Returns 0 with *out set, or -1 with *out
 * NULL when any error was found. */
int bd_validate_plan(const char *path, const bd_ynode *root, size_t node_count,
                     const bd_load_options *opt, bd_arena *arena, bd_plan **out, bd_diags *diags);

#endif
