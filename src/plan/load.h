/*
 * load.h - the strict plan loader (libyaml).  The only part of badday that
 * knows YAML; load.c is the only file that includes yaml.h.
 */
#ifndef BD_LOAD_H
#define BD_LOAD_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "plan/plan.h"
#include "plan/ynode.h"

/* Limits and defaults the caller chooses. */
typedef struct bd_load_options {
  long today;         /* days since epoch: the default for as_of (the CLI passes
                         today in UTC, or the date of SOURCE_DATE_EPOCH) */
  bd_diags *warnings; /* where warnings about a valid plan go (a value YAML
                         cut at " #"), or NULL for none */
} bd_load_options;

/* Hard limits of the loader (documented in the README). */
#define BD_LOAD_MAX_BYTES     ((size_t)256 * 1024 * 1024) /* plan file size */
#define BD_LOAD_MAX_DEPTH     64                          /* nesting of collections */
#define BD_LOAD_MAX_EXPANSION 1000000                     /* nodes visited through aliases */

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

/* Reads the root of a YAML tree (a plan, or a report's JSON for --compare):
 * called while the tree is alive; the scalar texts live in the arena given
 * to the reader functions below.  Returns 0, or -1 with errors in diags. */
typedef int (*bd_tree_reader)(void *ctx, const char *path, const bd_ynode *root, size_t node_count,
                              bd_diags *diags);

/* Parses the one YAML (or JSON) document in data[0..len) into a node tree
 * with every check the plan loader makes (encoding, tags, depth, aliases,
 * duplicate keys) and hands its root to read(ctx, ...).  Writes the SHA-256
 * of data as 64 hex digits and a NUL into sha256_hex (unless NULL).
 * Returns 0 when the tree was read without error, else -1 with every error
 * in diags, sorted by position. */
int bd_yaml_read_buffer(const char *path, const char *data, size_t len, bd_arena *arena,
                        bd_tree_reader read, void *ctx, char sha256_hex[65], bd_diags *diags);

/* Reads the file at path as bd_plan_load_file() does and calls
 * bd_yaml_read_buffer() on its content. */
int bd_yaml_read_file(const char *path, bd_arena *arena, bd_tree_reader read, void *ctx,
                      char sha256_hex[65], bd_diags *diags);

#endif
