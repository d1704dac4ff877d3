/*
 * ytree_split.h - the parse of a large plan by two threads (libyaml's
 * scanner is most of the load).
 *
 * This thread parses from the start, and a second one parses from a
 * scenario item in the middle of the `scenarios:` list to the end, as if
 * that item were the first of the list.  When this thread reaches that item
 * and finds it where the second parse assumed (an item of a block sequence
 * under a block mapping at column 0, on the same line), it hangs the second
 * thread's nodes into its own open sequence and mapping, which gives the
 * same tree as one parse: below that point YAML's block structure depends
 * only on the indentation, which both parses share.  When anything differs
 * or the second parse reported anything at all, its work is dropped and this
 * thread simply parses on to the end, so messages and their order are those
 * of a single parse.
 */
#ifndef BD_YTREE_SPLIT_H
#define BD_YTREE_SPLIT_H

#include "plan/ytree.h"

/* Parses b->data into the tree under b->root as bd_ytree_parse() does,
 * with a second thread when the text is large enough (1 MiB, LF line
 * breaks only: call bd_ytree_check_encoding first) and a split point is
 * found.  The second parse's memory is freed or adopted by b before
 * returning. */
void bd_ytree_split_parse(bd_ytree *b);

#endif
