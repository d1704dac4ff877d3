/*
 * ytree_split.c - the two-thread parse of a large plan.  See
 * ytree_split.h; the tree is built by ytree.c, which offers this file's
 * second parse the node where it can take over (bd_ytree_handover).
 */
#include "plan/ytree_split.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
  SPLIT_MIN = 1 << 20 /* plans from this size on are parsed by two threads */
};

/* The second parse of a split plan: from line `line` (0-based) of the
 * text to its end, read as "scenarios:\n" followed by that text, into a
 * builder of its own (own arenas and diagnostics; its nodes' lines are
 * shifted to the file's). */
typedef struct tail_job {
  bd_ytree b;
  bd_arena texts; /* its scalar texts; the caller's arena adopts them */
  bd_diags diags; /* anything here means the split is not used */
  const char *text;
  size_t len, pos; /* what the read handler hands out, and how far */
  unsigned long line;
  pthread_t thread;
  int joined; /* the thread was joined */
} tail_job;

/* The line the second parse puts in front of its text. */
static const char tail_prefix[] = "scenarios:\n";

/* libyaml read handler of the second parse: the prefix, then the text. */
static int read_tail(void *data, unsigned char *buffer, size_t size, size_t *size_read) {
  tail_job *t = data;
  size_t plen = sizeof tail_prefix - 1, total = plen + t->len, n = 0;
  while (n < size && t->pos < total) {
    const char *from = t->pos < plen ? tail_prefix + t->pos : t->text + (t->pos - plen);
    size_t left = t->pos < plen ? plen - t->pos : total - t->pos;
    size_t take = left < size - n ? left : size - n;
    memcpy(buffer + n, from, take);
    n += take;
    t->pos += take;
  }
  *size_read = n;
  return 1;
}

/* Thread body of the second parse. */
static void *run_tail(void *arg) {
  tail_job *t = arg;
  bd_ytree_parse_from(&t->b, read_tail, t);
  return NULL;
}

/* Finds where a large plan can be split: the start of a line in the second
 * half of the text that begins a `scenarios:` item ("- " after exactly the
 * indentation of the list's first item).  Returns its byte offset and sets
 * *line to its 0-based line, or returns 0 for no split.  Only LF line
 * breaks are allowed, so that the line is counted as libyaml counts it. */
static size_t find_split(const bd_ytree *b, unsigned long *line) {
  const char *d = b->data, *end = d + b->len;
  if (b->len < SPLIT_MIN || b->odd_breaks) return 0;
  const char *key = d;
  while (key && ((size_t)(end - key) < 10 || memcmp(key, "scenarios:", 10) != 0)) { /* column 0 */
    key = memchr(key, '\n', (size_t)(end - key));
    key = key ? key + 1 : NULL;
  }
  if (key == NULL) return 0;
  const char *item = memchr(key, '\n', (size_t)(end - key));
  if (item == NULL) return 0;
  item++;
  size_t indent = 0;
  while (item + indent < end && item[indent] == ' ') indent++;
  if (item + indent + 1 >= end || item[indent] != '-' || item[indent + 1] != ' ') return 0;
  const char *p = d + b->len / 2;
  if (p < item) p = item;
  for (;;) {
    p = memchr(p, '\n', (size_t)(end - p));
    if (p == NULL) return 0;
    p++;
    if ((size_t)(end - p) <= indent + 1 || p[indent] != '-' || p[indent + 1] != ' ') continue;
    size_t spaces = 0;
    while (spaces < indent && p[spaces] == ' ') spaces++;
    if (spaces == indent) break;
  }
  unsigned long n = 0;
  for (const char *q = d; (q = memchr(q, '\n', (size_t)(p - q))) != NULL; q++) n++;
  *line = n;
  return (size_t)(p - d);
}

/* Starts the second parse when the plan is large enough and a split point
 * is found; returns the job (malloc'ed) or NULL to parse alone. */
static tail_job *start_tail(const bd_ytree *b) {
  unsigned long line;
  size_t at = find_split(b, &line);
  if (at == 0 || line < 2 || line > UINT32_MAX) return NULL;
  tail_job *t = calloc(1, sizeof *t);
  if (t == NULL) return NULL;
  t->text = b->data + at;
  t->len = b->len - at;
  t->line = line;
  t->b.path = b->path;
  t->b.data = t->text;
  t->b.len = t->len;
  t->b.diags = &t->diags;
  t->b.arena = &t->texts;
  t->b.line_offset = (unsigned)line - 1; /* its line 1 (0-based) is the file's `line` */
  if (pthread_create(&t->thread, NULL, run_tail, t) != 0) {
    free(t);
    return NULL;
  }
  return t;
}

/* Waits for the second parse and frees it; its nodes are dropped unless
 * they were adopted. */
static void end_tail(void *ctx) {
  tail_job *t = ctx;
  if (!t->joined) pthread_join(t->thread, NULL);
  bd_arena_free(&t->b.scratch);
  bd_arena_free(&t->texts);
  bd_diags_free(&t->diags);
  free(t);
}

/* Called (a handover's join) with the first node this thread reads at or after the
 * second parse's first line.  When the event is the start of that parse's first
 * item exactly as it assumed, and the second parse read the rest without a
 * single message, completes the tree with its nodes and returns 1;
 * otherwise returns 0 (the caller parses on). */
static int join_tail(void *ctx, bd_ytree *b, const bd_ytree_node_start *start) {
  tail_job *t = ctx;
  pthread_join(t->thread, NULL);
  t->joined = 1;
  const bd_ytree *tb = &t->b;
  /* The item must be a block mapping in a sequence that is the value of a
   * key of the root, a block mapping at column 0 (an odd number of the
   * root's children came before the sequence: the keys and values so far,
   * and its key). */
  if (!start->block_mapping || start->line != t->line || b->depth != 2 ||
      b->frames[0].node->kind != BD_YNODE_MAPPING || b->frames[0].node->column != 1 ||
      b->frames[1].node->kind != BD_YNODE_SEQUENCE ||
      (b->frames[1].first - b->frames[0].first) % 2 != 1)
    return 0; /* not the item the second parse started with */
  if (tb->errors || t->diags.count || !tb->complete || tb->documents != 1 || tb->root == NULL ||
      tb->root->kind != BD_YNODE_MAPPING || tb->root->len < 2 ||
      tb->root->u.items[1]->kind != BD_YNODE_SEQUENCE)
    return 0;
  const bd_ynode *seq = tb->root->u.items[1];
  for (size_t i = 0; i < seq->len; i++)
    if (bd_ytree_add_child(b, seq->u.items[i]) != 0) return 0;
  if (bd_ytree_end_collection(b) != 0) return 0; /* the scenarios list */
  for (size_t i = 2; i < tb->root->len; i++)
    if (bd_ytree_add_child(b, tb->root->u.items[i]) != 0) return 0;
  if (bd_ytree_end_collection(b) != 0) return 0; /* the root mapping */
  b->node_count += tb->node_count - 3;           /* less its root, "scenarios" and list */
  b->complete = 1;
  bd_arena_adopt(&b->scratch, &t->b.scratch);
  bd_arena_adopt(b->arena, &t->texts);
  return 1;
}

void bd_ytree_split_parse(bd_ytree *b) {
  tail_job *t = start_tail(b);
  if (t == NULL) {
    bd_ytree_parse(b, NULL);
    return;
  }
  bd_ytree_handover handover = {.line = t->line, .join = join_tail, .end = end_tail, .ctx = t};
  bd_ytree_parse(b, &handover);
}
