/*
 * yaml_read.h - reading one YAML (or JSON) document into a node tree with
 * every check the plan loader makes, for any reader of the tree: the plan
 * (load.h) and a --compare file (snapshot.h).  Knows nothing of libyaml.
 */
#ifndef BD_YAML_READ_H
#define BD_YAML_READ_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "plan/ynode.h"

/* Reads the root of a YAML tree (a plan, or a report's JSON for --compare):
 * called while the tree is alive; the scalar texts live in the arena given
 * to the reader functions below.  Returns 0, or -1 with errors in diags. */
typedef int (*bd_tree_reader)(void *ctx, const char *path, const bd_ynode *root, size_t node_count,
                              bd_diags *diags);

/* Parses the one YAML (or JSON) document in data[0..len) into a node tree
 * with every check the plan loader makes (size, encoding, tags, depth,
 * aliases, duplicate keys) and hands its root to read(ctx, ...).  Scalar
 * texts go to `arena`; the nodes are freed before returning.  Writes the
 * SHA-256 of data as 64 hex digits and a NUL into sha256_hex (unless NULL).
 * Returns 0 when the tree was read without error, else -1 with every error
 * in diags, sorted by position. */
int bd_yaml_read_buffer(const char *path, const char *data, size_t len, bd_arena *arena,
                        bd_tree_reader read, void *ctx, char sha256_hex[65], bd_diags *diags);

/* Reads the file at path as bd_input_read() does (input.h) and calls
 * bd_yaml_read_buffer() on its content. */
int bd_yaml_read_file(const char *path, bd_arena *arena, bd_tree_reader read, void *ctx,
                      char sha256_hex[65], bd_diags *diags);

#endif
