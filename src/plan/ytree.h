/*
 * ytree.h - building the tree of bd_ynode (ynode.h) from libyaml's events.
 * ytree.c is the only file of badday that includes yaml.h; this header
 * knows nothing of libyaml, so the split parse (ytree_split.h) and the
 * readers (yaml_read.h) see only the builder's state.
 *
 * The tree is built from the event API (no libyaml document is kept): one
 * node per scalar, collection or alias, in a scratch arena that is freed
 * once the tree was read; only scalar texts go to the caller's arena, since
 * the plan points into them.  While it is built the builder refuses what
 * the plan format does not allow anywhere: tags, nesting deeper than
 * BD_LOAD_MAX_DEPTH, undefined aliases and alias cycles, duplicate keys,
 * control characters, more than one document, and any encoding but UTF-8.
 */
#ifndef BD_YTREE_H
#define BD_YTREE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/strmap.h"
#include "plan/limits.h"
#include "plan/ynode.h"

/* A collection being built: its node and where its children start on the
 * child stack. */
typedef struct bd_ytree_frame {
  bd_ynode *node;
  size_t first;
} bd_ytree_frame;

/* The state of one tree build.  Zero it, then set path, data, len, diags
 * and arena (bd_ytree_init does).  The child stack and the anchor table are
 * malloc'ed and freed by the parse; nodes live in `scratch` (free it with
 * bd_arena_free once the tree was read), scalar texts in `arena`. */
typedef struct bd_ytree {
  const char *path;
  const char *data; /* the input after a UTF-8 byte order mark */
  size_t len;
  bd_diags *diags;
  bd_arena *arena;  /* the caller's: scalar texts, which the plan points into */
  bd_arena scratch; /* nodes and item arrays, freed once the plan is built */
  size_t errors;
  int stop; /* a fatal error: stop reading events */
  bd_ynode *nodes;
  size_t nodes_left;
  char *text;
  size_t text_left;
  size_t node_count;
  bd_ynode **stack; /* children of the open collections */
  size_t stack_len, stack_cap;
  bd_ytree_frame frames[BD_LOAD_MAX_DEPTH];
  size_t depth;
  bd_strmap anchors; /* anchor name -> (uintptr_t) node */
  bd_ynode *root;
  int documents;
  int complete;         /* the first document was read to its end */
  unsigned line_offset; /* added to the lines of nodes (the second parse's) */
  int odd_breaks;       /* line breaks other than LF (bd_ytree_check_encoding) */
} bd_ytree;

/* The start of a node as a handover sees it. */
typedef struct bd_ytree_node_start {
  unsigned long line; /* 0-based, of the text parsed */
  int block_mapping;  /* the start of a block mapping */
} bd_ytree_node_start;

/* A second parse that may complete the tree (ytree_split.h): at the first
 * node that starts at or after `line`, join(ctx, b, start) is called once;
 * it returns 1 when it completed b's tree (the parse stops there) or 0 (the
 * parse goes on alone).  end(ctx) is called exactly once, after join or at
 * the end of the parse, and frees ctx. */
typedef struct bd_ytree_handover {
  unsigned long line;
  int (*join)(void *ctx, bd_ytree *b, const bd_ytree_node_start *start);
  void (*end)(void *ctx);
  void *ctx;
} bd_ytree_handover;

/* Where a parse reads its text from (libyaml's read handler, without
 * libyaml): writes up to size bytes to buffer and their number to
 * *size_read (0 at the end).  Returns 1, or 0 on a read error. */
typedef int (*bd_ytree_read_fn)(void *ctx, unsigned char *buffer, size_t size, size_t *size_read);

/* Zeroes *b and sets what a build reads and where it reports. */
void bd_ytree_init(bd_ytree *b, const char *path, const char *data, size_t len, bd_arena *arena,
                   bd_diags *diags);

/* Appends an error at line:column (1-based; 0 for none) to b's diagnostics
 * and counts it.  Returns -1. */
__attribute__((format(printf, 4, 5))) int bd_ytree_fail(bd_ytree *b, unsigned line, unsigned column,
                                                        const char *fmt, ...);

/* Refuses text that is not UTF-8 (UTF-16/32 byte order marks, NUL bytes,
 * invalid sequences) with its position, and notes line breaks other than
 * LF in b->odd_breaks.  Returns 0 or -1. */
int bd_ytree_check_encoding(bd_ytree *b);

/* Parses b->data[0..len) into the tree under b->root; with a handover
 * (or NULL), hands over to it as bd_ytree_handover says.  b->complete
 * tells whether a whole document was read. */
void bd_ytree_parse(bd_ytree *b, const bd_ytree_handover *handover);

/* Parses the text that read(ctx, ...) hands out into the tree under
 * b->root (the second parse of a split, in its own thread). */
void bd_ytree_parse_from(bd_ytree *b, bd_ytree_read_fn read, void *ctx);

/* Adds n as the next child of b's innermost open collection, or as the
 * root.  Returns 0, or -1 when out of memory (reported). */
int bd_ytree_add_child(bd_ytree *b, bd_ynode *n);

/* Closes b's innermost open collection: moves its children from the stack
 * into the scratch arena, checks a mapping's keys and adds it to its
 * parent.  Returns 0, or -1 when out of memory (reported). */
int bd_ytree_end_collection(bd_ytree *b);

#endif
