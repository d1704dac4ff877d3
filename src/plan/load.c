/*
 * load.c - reads a plan file and turns libyaml's events into a tree of
 * bd_ynode (validate.h); validate.c then checks the tree and builds the
 * plan.  The only file of badday that includes yaml.h.
 *
 * The tree is built from the event API (no libyaml document is kept): one
 * node per scalar, collection or alias, in a scratch arena that is freed
 * once the plan is built; only scalar texts go to the caller's arena, since
 * the plan points into them.  While it
 * is built the loader refuses what the plan format does not allow anywhere:
 * tags, nesting deeper than BD_LOAD_MAX_DEPTH, undefined aliases and alias
 * cycles, duplicate keys, control characters, more than one document, and
 * any encoding but UTF-8.
 *
 * A large plan is parsed by two threads (libyaml's scanner is most of the
 * load): this thread parses from the start, and a second one parses from a
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
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* O_CLOEXEC, ssize_t */
#endif

#include "plan/load.h"
#include "base/sha256.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "base/strmap.h"
#include "plan/validate.h"
#include "plan/yaml_hints.h"

enum {
  NODE_CHUNK = 2048,      /* nodes allocated from the arena at once */
  TEXT_CHUNK = 64 * 1024, /* bytes of scalar text allocated at once */
  TEXT_OWN = 4096,        /* longer texts get an allocation of their own */
  SMALL_MAPPING = 16,     /* up to this many pairs, duplicate keys are found pairwise */
  SPLIT_MIN = 1 << 20     /* plans from this size on are parsed by two threads */
};

/* A collection being built: its node and where its children start on the
 * child stack. */
typedef struct frame {
  bd_ynode *node;
  size_t first;
} frame;

/* The state of one tree build.  The child stack and the anchor table are
 * malloc'ed and freed by build_tree(); nodes and texts live in the arena. */
typedef struct builder {
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
  frame frames[BD_LOAD_MAX_DEPTH];
  size_t depth;
  bd_strmap anchors; /* anchor name -> (uintptr_t) node */
  bd_ynode *root;
  int documents;
  int complete;         /* the first document was read to its end */
  unsigned line_offset; /* added to the lines of nodes (the second parse's) */
  int odd_breaks;       /* the text has line breaks other than LF (see find_split) */
} builder;

/* Appends an error at line:column (1-based; 0 for none) to the builder's
 * diagnostics and counts it.  Returns -1. */
__attribute__((format(printf, 4, 5))) static int fail(builder *b, unsigned line, unsigned column,
                                                      const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  b->errors++;
  return bd_diag_add(b->diags, b->path, line, column, "%s", msg);
}

/* Reports running out of memory and stops the build.  Returns -1. */
static int out_of_memory(builder *b) {
  b->stop = 1;
  return fail(b, 0, 0, "out of memory while reading the plan");
}

/* Computes the 1-based line and column of byte offset `offset` of data
 * [0..len): lines end at LF, CR, CRLF, NEL, LS or PS (as in libyaml) and
 * columns count code points. */
static void offset_position(const char *data, size_t len, size_t offset, unsigned *line,
                            unsigned *column) {
  unsigned l = 1, c = 1;
  const unsigned char *s = (const unsigned char *)data;
  if (offset > len) offset = len;
  for (size_t i = 0; i < offset; i++) {
    if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < len && s[i + 1] == '\n'))) {
      l++;
      c = 1;
    } else if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85 && i + 1 < offset) {
      l++, c = 1, i++; /* NEL */
    } else if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
               (s[i + 2] == 0xA8 || s[i + 2] == 0xA9) && i + 2 < offset) {
      l++, c = 1, i += 2; /* LS, PS */
    } else if ((s[i] & 0xC0) != 0x80 && s[i] != '\r') {
      c++;
    }
  }
  *line = l;
  *column = c;
}

/* Decodes the UTF-8 character at s[0..len) into *cp.  Returns its width in
 * bytes, or 0 when it is not valid UTF-8 (including overlong forms,
 * surrogates and code points above U+10FFFF). */
static size_t utf8_decode(const unsigned char *s, size_t len, unsigned *cp) {
  unsigned c = s[0], width;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0)
    *cp = c & 0x1F, width = 2;
  else if ((c & 0xF0) == 0xE0)
    *cp = c & 0x0F, width = 3;
  else if ((c & 0xF8) == 0xF0)
    *cp = c & 0x07, width = 4;
  else
    return 0;
  if (width > len) return 0;
  for (unsigned k = 1; k < width; k++) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (s[k] & 0x3F);
  }
  if ((width == 2 && *cp < 0x80) || (width == 3 && *cp < 0x800) || (width == 4 && *cp < 0x10000) ||
      *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
    return 0;
  return width;
}

/* Refuses input that is not UTF-8: UTF-16/32 byte order marks and NUL
 * bytes.  Returns 0 or -1. */
static int check_encoding(builder *b) {
  const unsigned char *s = (const unsigned char *)b->data;
  size_t n = b->len;
  const char *bom = NULL;
  if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
    bom = "UTF-32";
  else if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
    bom = "UTF-32";
  else if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
    bom = "UTF-16";
  if (bom) return fail(b, 1, 1, "the plan must be UTF-8 (found a %s byte order mark)", bom);
  if (memchr(b->data, '\r', n)) b->odd_breaks = 1;
  const char *nul = memchr(b->data, '\0', n);
  if (nul) {
    unsigned line, column;
    offset_position(b->data, n, (size_t)(nul - b->data), &line, &column);
    return fail(b, line, column, "the plan must be UTF-8 text (found a NUL byte)");
  }
  for (size_t i = 0; i < n;) {
    unsigned cp;
    if (s[i] < 0x80) { /* ASCII: the common case */
      i++;
      continue;
    }
    size_t width = utf8_decode(s + i, n - i, &cp);
    if (width == 0) {
      unsigned line, column;
      offset_position(b->data, n, i, &line, &column);
      return fail(b, line, column,
                  "the plan must be UTF-8 (found the byte 0x%02X, which is not valid UTF-8 here)",
                  s[i]);
    }
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) b->odd_breaks = 1; /* NEL, LS, PS */
    i += width;
  }
  return 0;
}

/* Reports the error that stopped libyaml, at its position. */
static void report_yaml_error(builder *b, const yaml_parser_t *p) {
  unsigned line, column;
  switch (p->error) {
  case YAML_READER_ERROR: {
    offset_position(b->data, b->len, p->problem_offset, &line, &column);
    const char *problem = p->problem ? p->problem : "unreadable input";
    /* invalid UTF-8 is refused before libyaml runs; what remains are
     * control characters (problem_value is the character) */
    if (strcmp(problem, "control characters are not allowed") == 0)
      fail(b, line, column, "control character U+%04X is not allowed", (unsigned)p->problem_value);
    else
      fail(b, line, column, "the plan must be UTF-8 (%s)", problem);
    break;
  }
  case YAML_SCANNER_ERROR:
  case YAML_PARSER_ERROR: {
    const char *problem = p->problem ? p->problem : "invalid YAML";
    line = (unsigned)p->problem_mark.line + 1;
    column = (unsigned)p->problem_mark.column + 1;
    char hint[512];
    unsigned hint_line = line, hint_column = column;
    if (bd_yaml_explain(b->data, b->len, p->problem, &hint_line, &hint_column, hint, sizeof hint)) {
      /* the slip in the author's terms, then libyaml's words (one line, so
       * that every diagnostic stays one FILE:LINE:COL line) */
      fail(b, hint_line, hint_column, "%s [the YAML parser stopped at %u:%u: %s]", hint, line,
           column, problem);
    } else if (p->context)
      fail(b, line, column, "%s (%s that started at line %u, column %u)", problem, p->context,
           (unsigned)p->context_mark.line + 1, (unsigned)p->context_mark.column + 1);
    else
      fail(b, line, column, "%s", problem);
    break;
  }
  case YAML_MEMORY_ERROR:
    out_of_memory(b);
    break;
  default:
    fail(b, 0, 0, "the YAML reader failed");
    break;
  }
}

/* Returns a new zeroed node at the event's position (owned by the scratch
 * arena), or NULL when out of memory. */
static bd_ynode *new_node(builder *b, bd_ynode_kind kind, const yaml_mark_t *mark) {
  if (b->nodes_left == 0) {
    b->nodes = bd_arena_array(&b->scratch, NODE_CHUNK, sizeof(bd_ynode));
    if (b->nodes == NULL) return NULL;
    b->nodes_left = NODE_CHUNK;
  }
  bd_ynode *n = b->nodes++;
  b->nodes_left--;
  b->node_count++;
  n->kind = (uint8_t)kind;
  n->line = (uint32_t)mark->line + 1 + b->line_offset;
  n->column = (uint32_t)mark->column + 1;
  return n;
}

/* Copies s[0..len) and a NUL into the caller's arena, packing short texts
 * together.
 * Returns the copy or NULL when out of memory. */
static char *copy_text(builder *b, const char *s, size_t len) {
  if (len >= TEXT_OWN) return bd_arena_strndup(b->arena, s, len);
  if (b->text_left < len + 1) {
    b->text = bd_arena_alloc(b->arena, TEXT_CHUNK);
    if (b->text == NULL) return NULL;
    b->text_left = TEXT_CHUNK;
  }
  char *d = b->text;
  memcpy(d, s, len);
  d[len] = '\0';
  b->text += len + 1;
  b->text_left -= len + 1;
  return d;
}

/* Refuses a node with an explicit tag (returns -1 after reporting it).  The
 * tag is quoted with its control characters escaped: %0A in a tag decodes
 * to a line break. */
static int check_tag(builder *b, const yaml_char_t *tag, const bd_ynode *n) {
  static const char core[] = "tag:yaml.org,2002:";
  char q[256];
  if (tag == NULL) return 0;
  const char *t = (const char *)tag;
  if (strncmp(t, core, sizeof core - 1) == 0) {
    t += sizeof core - 1;
    return fail(b, n->line, n->column, "tags are not allowed (found '!!%s)",
                bd_v_quote(t, strlen(t), q, sizeof q) + 1);
  }
  return fail(b, n->line, n->column, "tags are not allowed (found %s)",
              bd_v_quote(t, strlen(t), q, sizeof q));
}

/* Refuses a scalar whose text holds a control character (C0 but TAB, LF
 * and CR; DEL; C1) or invalid UTF-8, as double-quoted escapes can produce.
 * Returns 0 or -1. */
static int check_text(builder *b, const bd_ynode *n, const unsigned char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    unsigned cp;
    size_t width = utf8_decode(s + i, len - i, &cp);
    if (width == 0) return fail(b, n->line, n->column, "invalid UTF-8 in text");
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F))
      return fail(b, n->line, n->column, "control character U+%04X is not allowed", cp);
    i += width;
  }
  return 0;
}

/* Remembers node n under the anchor name (a later anchor of the same name
 * replaces it, as in YAML).  Returns 0 or -1. */
static int add_anchor(builder *b, const yaml_char_t *anchor, bd_ynode *n) {
  if (anchor == NULL) return 0;
  size_t len = strlen((const char *)anchor);
  char *name = copy_text(b, (const char *)anchor, len);
  int created;
  size_t *slot = name ? bd_strmap_slot(&b->anchors, name, len, &created) : NULL;
  if (slot == NULL) return out_of_memory(b);
  *slot = (size_t)(uintptr_t)n;
  return 0;
}

/* Adds n as the next child of the open collection, or as the root. */
static int add_child(builder *b, bd_ynode *n) {
  if (b->depth == 0) {
    b->root = n;
    return 0;
  }
  if (b->stack_len == b->stack_cap) {
    size_t cap = b->stack_cap ? b->stack_cap * 2 : 256;
    bd_ynode **stack = realloc(b->stack, cap * sizeof *stack);
    if (stack == NULL) return out_of_memory(b);
    b->stack = stack;
    b->stack_cap = cap;
  }
  b->stack[b->stack_len++] = n;
  return 0;
}

/* The node a key stands for (an alias's target). */
static const bd_ynode *deref(const bd_ynode *n) {
  return n->kind == BD_YNODE_ALIAS ? n->u.target : n;
}

/* Reports the second of two equal scalar keys (quoted, shortened and
 * with line breaks escaped). */
static void duplicate_key(builder *b, const bd_ynode *first, const bd_ynode *second) {
  const bd_ynode *k = deref(second);
  char q[256];
  fail(b, second->line, second->column, "duplicate key %s (first at line %u)",
       bd_v_quote(k->u.text, k->len, q, sizeof q), (unsigned)first->line);
}

/* Reports every key of mapping m that repeats an earlier key. */
static void check_duplicate_keys(builder *b, const bd_ynode *m) {
  size_t pairs = m->len / 2;
  if (pairs <= SMALL_MAPPING) {
    for (size_t i = 1; i < pairs; i++) {
      const bd_ynode *ki = deref(m->u.items[2 * i]);
      if (ki->kind != BD_YNODE_SCALAR) continue;
      for (size_t j = 0; j < i; j++) {
        const bd_ynode *kj = deref(m->u.items[2 * j]);
        if (kj->kind == BD_YNODE_SCALAR && kj->len == ki->len &&
            memcmp(kj->u.text, ki->u.text, ki->len) == 0) {
          duplicate_key(b, m->u.items[2 * j], m->u.items[2 * i]);
          break;
        }
      }
    }
    return;
  }
  bd_strmap seen = {0};
  for (size_t i = 0; i < pairs; i++) {
    const bd_ynode *k = deref(m->u.items[2 * i]);
    if (k->kind != BD_YNODE_SCALAR) continue;
    int created;
    size_t *slot = bd_strmap_slot(&seen, k->u.text, k->len, &created);
    if (slot == NULL) {
      out_of_memory(b);
      break;
    }
    if (created)
      *slot = i;
    else
      duplicate_key(b, m->u.items[2 * *slot], m->u.items[2 * i]);
  }
  bd_strmap_free(&seen);
}

/* Handles a scalar event. */
static int on_scalar(builder *b, const yaml_event_t *ev) {
  bd_ynode *n = new_node(b, BD_YNODE_SCALAR, &ev->start_mark);
  if (n == NULL) return out_of_memory(b);
  const char *value = (const char *)ev->data.scalar.value;
  size_t len = ev->data.scalar.length;
  if (len > UINT32_MAX) return out_of_memory(b);
  n->u.text = copy_text(b, value, len);
  if (n->u.text == NULL) return out_of_memory(b);
  n->len = (uint32_t)len;
  n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
  check_tag(b, ev->data.scalar.tag, n);
  if (check_text(b, n, ev->data.scalar.value, len) != 0) n->kind = BD_YNODE_BAD;
  if (add_anchor(b, ev->data.scalar.anchor, n) != 0) return -1;
  return add_child(b, n);
}

/* Handles the start of a sequence or mapping. */
static int on_collection_start(builder *b, const yaml_event_t *ev, bd_ynode_kind kind) {
  const yaml_char_t *tag, *anchor;
  if (kind == BD_YNODE_SEQUENCE) {
    tag = ev->data.sequence_start.tag;
    anchor = ev->data.sequence_start.anchor;
  } else {
    tag = ev->data.mapping_start.tag;
    anchor = ev->data.mapping_start.anchor;
  }
  if (b->depth == BD_LOAD_MAX_DEPTH) {
    b->stop = 1;
    return fail(b, (unsigned)ev->start_mark.line + 1, (unsigned)ev->start_mark.column + 1,
                "nesting deeper than %d levels", BD_LOAD_MAX_DEPTH);
  }
  bd_ynode *n = new_node(b, kind, &ev->start_mark);
  if (n == NULL) return out_of_memory(b);
  n->building = 1;
  check_tag(b, tag, n);
  if (add_anchor(b, anchor, n) != 0) return -1;
  b->frames[b->depth].node = n;
  b->frames[b->depth].first = b->stack_len;
  b->depth++;
  return 0;
}

/* Handles the end of the innermost collection: moves its children from the
 * stack into the arena. */
static int on_collection_end(builder *b) {
  frame *f = &b->frames[--b->depth];
  bd_ynode *n = f->node;
  size_t count = b->stack_len - f->first;
  if (count > UINT32_MAX) return out_of_memory(b);
  bd_ynode **items = bd_arena_array(&b->scratch, count, sizeof *items);
  if (items == NULL) return out_of_memory(b);
  if (count) memcpy(items, b->stack + f->first, count * sizeof *items);
  b->stack_len = f->first;
  n->u.items = items;
  n->len = (uint32_t)count;
  n->building = 0;
  if (n->kind == BD_YNODE_MAPPING) check_duplicate_keys(b, n);
  return add_child(b, n);
}

/* Handles an alias: a node that points at the anchored node. */
static int on_alias(builder *b, const yaml_event_t *ev) {
  bd_ynode *n = new_node(b, BD_YNODE_ALIAS, &ev->start_mark);
  if (n == NULL) return out_of_memory(b);
  const char *name = (const char *)ev->data.alias.anchor;
  size_t *slot = bd_strmap_get(&b->anchors, name, strlen(name));
  if (slot == NULL) {
    fail(b, n->line, n->column, "alias *%s names no anchor defined before it", name);
    n->kind = BD_YNODE_BAD;
  } else if (((const bd_ynode *)(uintptr_t)*slot)->building) {
    fail(b, n->line, n->column, "alias cycle: *%s refers to a collection that contains it", name);
    n->kind = BD_YNODE_BAD;
  } else {
    n->u.target = (const bd_ynode *)(uintptr_t)*slot;
  }
  return add_child(b, n);
}

/* Handles one event; sets b->stop when no more events should be read. */
static void on_event(builder *b, const yaml_event_t *ev) {
  switch (ev->type) {
  case YAML_DOCUMENT_START_EVENT:
    if (b->documents++ > 0) {
      fail(b, (unsigned)ev->start_mark.line + 1, (unsigned)ev->start_mark.column + 1,
           "only one YAML document is allowed");
      b->stop = 1;
    }
    break;
  case YAML_DOCUMENT_END_EVENT:
    b->complete = 1;
    break;
  case YAML_SCALAR_EVENT:
    on_scalar(b, ev);
    break;
  case YAML_SEQUENCE_START_EVENT:
    on_collection_start(b, ev, BD_YNODE_SEQUENCE);
    break;
  case YAML_MAPPING_START_EVENT:
    on_collection_start(b, ev, BD_YNODE_MAPPING);
    break;
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT:
    on_collection_end(b);
    break;
  case YAML_ALIAS_EVENT:
    on_alias(b, ev);
    break;
  case YAML_STREAM_END_EVENT:
    b->stop = 1;
    break;
  default:
    break;
  }
}

/* The second parse of a split plan: from line `line` (0-based) of the
 * text to its end, read as "scenarios:\n" followed by that text, into a
 * builder of its own (own arenas and diagnostics; its nodes' lines are
 * shifted to the file's). */
typedef struct tail_job {
  builder b;
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

static void parse_events(builder *b, yaml_parser_t *parser, tail_job *tail);

/* Thread body of the second parse. */
static void *run_tail(void *arg) {
  tail_job *t = arg;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    out_of_memory(&t->b);
    return NULL;
  }
  yaml_parser_set_input(&parser, read_tail, t);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  parse_events(&t->b, &parser, NULL);
  yaml_parser_delete(&parser);
  return NULL;
}

/* Finds where a large plan can be split: the start of a line in the second
 * half of the text that begins a `scenarios:` item ("- " after exactly the
 * indentation of the list's first item).  Returns its byte offset and sets
 * *line to its 0-based line, or returns 0 for no split.  Only LF line
 * breaks are allowed, so that the line is counted as libyaml counts it. */
static size_t find_split(const builder *b, unsigned long *line) {
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
static tail_job *start_tail(const builder *b) {
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
static void end_tail(tail_job *t) {
  if (!t->joined) pthread_join(t->thread, NULL);
  bd_arena_free(&t->b.scratch);
  bd_arena_free(&t->texts);
  bd_diags_free(&t->diags);
  free(t);
}

/* Called with the first node event this thread reads at or after the
 * second parse's first line.  When the event is the start of that parse's first
 * item exactly as it assumed, and the second parse read the rest without a
 * single message, completes the tree with its nodes and returns 1;
 * otherwise returns 0 (the caller parses on). */
static int join_tail(builder *b, const yaml_event_t *ev, tail_job *t) {
  pthread_join(t->thread, NULL);
  t->joined = 1;
  const builder *tb = &t->b;
  /* The item must be a block mapping in a sequence that is the value of a
   * key of the root, a block mapping at column 0 (an odd number of the
   * root's children came before the sequence: the keys and values so far,
   * and its key). */
  if (ev->type != YAML_MAPPING_START_EVENT || ev->start_mark.line != t->line ||
      ev->data.mapping_start.style != YAML_BLOCK_MAPPING_STYLE || b->depth != 2 ||
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
    if (add_child(b, seq->u.items[i]) != 0) return 0;
  if (on_collection_end(b) != 0) return 0; /* the scenarios list */
  for (size_t i = 2; i < tb->root->len; i++)
    if (add_child(b, tb->root->u.items[i]) != 0) return 0;
  if (on_collection_end(b) != 0) return 0; /* the root mapping */
  b->node_count += tb->node_count - 3;     /* less its root, "scenarios" and list */
  b->complete = 1;
  bd_arena_adopt(&b->scratch, &t->b.scratch);
  bd_arena_adopt(b->arena, &t->texts);
  return 1;
}

/* Reads parser's events into b until b->stop.  With a second parse
 * running (tail), hands over to it at its first line (join_tail). */
static void parse_events(builder *b, yaml_parser_t *parser, tail_job *tail) {
  while (!b->stop) {
    yaml_event_t ev;
    if (!yaml_parser_parse(parser, &ev)) {
      report_yaml_error(b, parser);
      b->complete = 0;
      break;
    }
    /* the ends of collections before the item come first, on its line */
    int node_start = ev.type == YAML_SCALAR_EVENT || ev.type == YAML_ALIAS_EVENT ||
                     ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT;
    if (tail && node_start && ev.start_mark.line >= tail->line) {
      int joined = join_tail(b, &ev, tail);
      end_tail(tail);
      tail = NULL;
      if (joined) {
        yaml_event_delete(&ev);
        break;
      }
    }
    on_event(b, &ev);
    yaml_event_delete(&ev);
  }
  if (tail) end_tail(tail);
  free(b->stack);
  b->stack = NULL;
  bd_strmap_free(&b->anchors);
  if (b->depth > 0) b->complete = 0; /* stopped inside a collection */
}

/* Parses b->data into the tree under b->root, with a second thread for a
 * large plan.  The libyaml parsers, the child stacks and the anchor tables
 * are freed before returning. */
static void build_tree(builder *b) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    out_of_memory(b);
    return;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)b->data, b->len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  parse_events(b, &parser, start_tail(b));
  yaml_parser_delete(&parser);
}

/* Orders diags->items[first..count) by position (stably; no position
 * first) and drops exact repeats, which aliases can cause. */
static void sort_diags(bd_diags *d, size_t first) {
  size_t n = d->count - first;
  if (n < 2) return;
  bd_diag *a = d->items + first;
  bd_diag *tmp = malloc(n * sizeof *tmp);
  if (tmp == NULL) return;
  for (size_t width = 1; width < n; width *= 2) { /* bottom-up merge sort */
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        int later = a[i].line > a[j].line || (a[i].line == a[j].line && a[i].column > a[j].column);
        tmp[k++] = later ? a[j++] : a[i++];
      }
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    memcpy(a, tmp, n * sizeof *a);
  }
  free(tmp);
  size_t kept = 1;
  for (size_t i = 1; i < n; i++) {
    bd_diag *prev = &a[kept - 1];
    if (a[i].line == prev->line && a[i].column == prev->column &&
        strcmp(a[i].message, prev->message) == 0) {
      free(a[i].file);
      free(a[i].message);
    } else {
      a[kept++] = a[i];
    }
  }
  d->count = first + kept;
}

int bd_yaml_read_buffer(const char *path, const char *data, size_t len, bd_arena *arena,
                        bd_tree_reader read, void *ctx, char sha256_hex[65], bd_diags *diags) {
  builder b = {0};
  size_t first = diags->count;
  int rc = -1, hashing = 0;
  b.path = path;
  b.data = data;
  b.len = len;
  b.diags = diags;
  b.arena = arena;
  if (len > BD_LOAD_MAX_BYTES) {
    fail(&b, 0, 0, "the plan is larger than %zu MiB", BD_LOAD_MAX_BYTES / (1024 * 1024));
    goto done;
  }
  /* The file's SHA-256 (traceability) is computed beside the parse. */
  bd_sha256_job hash;
  bd_sha256_job_start(&hash, data, len);
  hashing = 1;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { /* a UTF-8 byte order mark */
    b.data += 3;
    b.len -= 3;
  }
  if (check_encoding(&b) != 0) goto done;
  build_tree(&b);
  if (!b.complete) {
    if (b.errors == 0) fail(&b, 0, 0, "the file holds no YAML document");
    goto done;
  }
  if (b.documents == 0 || b.root == NULL) {
    fail(&b, 0, 0, "the file holds no YAML document");
    goto done;
  }
  if (read(ctx, path, b.root, b.node_count, diags) == 0 && b.errors == 0) rc = 0;
done:
  if (hashing) {
    char hex[65];
    bd_sha256_job_finish(&hash, hex);                    /* always joined: data is the caller's */
    if (sha256_hex) memcpy(sha256_hex, hex, sizeof hex); /* the file as read, BOM included */
  }
  bd_arena_free(&b.scratch);
  sort_diags(diags, first);
  return rc;
}

/* What reading a plan needs beside the tree (a bd_tree_reader's context). */
typedef struct plan_reader {
  const bd_load_options *opt;
  bd_arena *arena;
  bd_plan *plan;
} plan_reader;

/* Validates the tree as a plan (a bd_tree_reader). */
static int read_plan(void *ctx, const char *path, const bd_ynode *root, size_t node_count,
                     bd_diags *diags) {
  plan_reader *pr = ctx;
  return bd_validate_plan(path, root, node_count, pr->opt, pr->arena, &pr->plan, diags);
}

/* Whether the text starts, after a byte order mark and white space, with an
 * XML declaration or a JUnit element: evidence given where a plan belongs. */
static int looks_like_xml(const char *data, size_t len) {
  size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
  static const char *const starts[] = {"<?xml", "<testsuite", "<testsuites"};
  for (size_t k = 0; k < 3; k++) {
    size_t n = strlen(starts[k]);
    if (len - i >= n && memcmp(data + i, starts[k], n) == 0) return 1;
  }
  return 0;
}

int bd_plan_load_buffer(const char *path, const char *data, size_t len, const bd_load_options *opt,
                        bd_arena *arena, bd_plan **out, bd_diags *diags) {
  plan_reader pr = {opt, arena, NULL};
  char hex[65];
  *out = NULL;
  if (len <= BD_LOAD_MAX_BYTES && looks_like_xml(data, len)) /* a larger one is refused below */
    return bd_diag_add(diags, path, 1, 1,
                       "this is XML, not a plan; JUnit test results go to --evidence FILE");
  if (bd_yaml_read_buffer(path, data, len, arena, read_plan, &pr, hex, diags) != 0) return -1;
  if (opt->warnings) {
    size_t bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    bd_yaml_comment_warnings(path, data + bom, len - bom, opt->warnings);
  }
  memcpy(pr.plan->sha256, hex, sizeof hex);
  *out = pr.plan;
  return 0;
}

/* Moves the n bytes read so far into a buffer of `bigger` bytes; returns
 * 0, or -1 (the old buffer kept) when memory ran out. */
static int grow_buffer(char **buf, size_t *cap, size_t n, size_t bigger) {
  char *grown = bd_big_alloc(bigger);
  if (grown == NULL) return -1;
  if (n) memcpy(grown, *buf, n);
  bd_big_free(*buf, *cap);
  *buf = grown;
  *cap = bigger;
  return 0;
}

/* Reads all of fd to its end into a buffer from bd_big_alloc (*data, *len,
 * *cap: free it with bd_big_free(*data, *cap)); a regular file's size
 * (hint) gives the buffer its size at once.
 * Stops early after a block holding a NUL byte: the loader refuses the plan
 * at the first one whatever follows (check_encoding), so /dev/zero or an
 * endless binary stream is refused at once instead of after
 * BD_LOAD_MAX_BYTES.  Returns 0, or -1 after reporting the failure under
 * name. */
static int read_all(int fd, const char *name, size_t hint, char **data, size_t *len, size_t *cap,
                    bd_diags *diags) {
  size_t size = hint > 0 && hint < BD_LOAD_MAX_BYTES ? hint + 1 : 64 * 1024, n = 0, checked = 0;
  char *buf = bd_big_alloc(size);
  if (buf == NULL) return bd_diag_add(diags, name, 0, 0, "out of memory while reading the plan");
  for (;;) {
    if (n == size) {
      if (size > BD_LOAD_MAX_BYTES) {
        bd_big_free(buf, size);
        return bd_diag_add(diags, name, 0, 0, "the plan is larger than %zu MiB",
                           BD_LOAD_MAX_BYTES / (1024 * 1024));
      }
      size_t bigger = size * 2 > BD_LOAD_MAX_BYTES + 1 ? BD_LOAD_MAX_BYTES + 1 : size * 2;
      if (grow_buffer(&buf, &size, n, bigger) != 0) {
        bd_big_free(buf, size);
        return bd_diag_add(diags, name, 0, 0, "out of memory while reading the plan");
      }
    }
    ssize_t got = read(fd, buf + n, size - n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      int err = errno;
      bd_big_free(buf, size);
      return bd_diag_add(diags, name, 0, 0, "cannot read the plan: %s", strerror(err));
    }
    if (got == 0) break;
    n += (size_t)got;
    if (n >= 4) { /* enough for check_encoding to tell a UTF-16/32 byte order mark */
      if (memchr(buf + checked, '\0', n - checked)) break;
      checked = n;
    }
  }
  if (n > BD_LOAD_MAX_BYTES) {
    bd_big_free(buf, size);
    return bd_diag_add(diags, name, 0, 0, "the plan is larger than %zu MiB",
                       BD_LOAD_MAX_BYTES / (1024 * 1024));
  }
  *data = buf;
  *len = n;
  *cap = size;
  return 0;
}

/* A plan file read into memory: data[0..len) from bd_big_alloc (cap). */
typedef struct file_data {
  const char *name; /* the path, or "<stdin>" */
  char *data;
  size_t len, cap;
} file_data;

/* Reads the file at path ("-" for standard input) into *f as
 * bd_plan_load_file() describes.  Returns 0, or -1 with the reason in
 * diags; free f->data with bd_big_free(f->data, f->cap) either way. */
static int read_file(const char *path, file_data *f, bd_diags *diags) {
  int from_stdin = strcmp(path, "-") == 0;
  f->name = from_stdin ? "<stdin>" : path;
  f->data = NULL;
  f->len = f->cap = 0;
  int fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  int rc = -1;
  if (fd < 0) return bd_diag_add(diags, f->name, 0, 0, "cannot open the plan: %s", strerror(errno));
  if (fstat(fd, &st) != 0) {
    bd_diag_add(diags, f->name, 0, 0, "cannot read the plan: %s", strerror(errno));
  } else if (S_ISDIR(st.st_mode)) {
    bd_diag_add(diags, f->name, 0, 0, "cannot read the plan: is a directory");
  } else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > BD_LOAD_MAX_BYTES) {
    bd_diag_add(diags, f->name, 0, 0, "the plan is larger than %zu MiB",
                BD_LOAD_MAX_BYTES / (1024 * 1024));
  } else {
    rc = read_all(fd, f->name, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, &f->data, &f->len,
                  &f->cap, diags);
  }
  if (!from_stdin) close(fd);
  return rc;
}

int bd_yaml_read_file(const char *path, bd_arena *arena, bd_tree_reader read, void *ctx,
                      char sha256_hex[65], bd_diags *diags) {
  file_data f;
  int rc = read_file(path, &f, diags);
  if (rc == 0) rc = bd_yaml_read_buffer(f.name, f.data, f.len, arena, read, ctx, sha256_hex, diags);
  bd_big_free(f.data, f.cap);
  return rc;
}

int bd_plan_load_file(const char *path, const bd_load_options *opt, bd_arena *arena, bd_plan **out,
                      bd_diags *diags) {
  file_data f;
  *out = NULL;
  int rc = read_file(path, &f, diags);
  if (rc == 0) rc = bd_plan_load_buffer(f.name, f.data, f.len, opt, arena, out, diags);
  bd_big_free(f.data, f.cap);
  return rc;
}
