/*
 * ytree.c - turns libyaml's events into a tree of bd_ynode; the only file
 * of badday that includes yaml.h.  See ytree.h; the two-thread parse of a
 * large plan is in ytree_split.c, which hands over through
 * bd_ytree_handover.
 */
#include "plan/ytree.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "plan/yaml_hints.h"

enum {
  NODE_CHUNK = 2048,      /* nodes allocated from the arena at once */
  TEXT_CHUNK = 64 * 1024, /* bytes of scalar text allocated at once */
  TEXT_OWN = 4096,        /* longer texts get an allocation of their own */
  SMALL_MAPPING = 16      /* up to this many pairs, duplicate keys are found pairwise */
};

void bd_ytree_init(bd_ytree *b, const char *path, const char *data, size_t len, bd_arena *arena,
                   bd_diags *diags) {
  *b = (bd_ytree){0};
  b->path = path;
  b->data = data;
  b->len = len;
  b->arena = arena;
  b->diags = diags;
}

int bd_ytree_fail(bd_ytree *b, unsigned line, unsigned column, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  b->errors++;
  return bd_diag_add(b->diags, b->path, line, column, "%s", msg);
}

/* Reports running out of memory and stops the build.  Returns -1. */
static int out_of_memory(bd_ytree *b) {
  b->stop = 1;
  return bd_ytree_fail(b, 0, 0, "out of memory while reading the plan");
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

int bd_ytree_check_encoding(bd_ytree *b) {
  const unsigned char *s = (const unsigned char *)b->data;
  size_t n = b->len;
  const char *bom = NULL;
  if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
    bom = "UTF-32";
  else if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
    bom = "UTF-32";
  else if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
    bom = "UTF-16";
  if (bom)
    return bd_ytree_fail(b, 1, 1, "the plan must be UTF-8 (found a %s byte order mark)", bom);
  if (memchr(b->data, '\r', n)) b->odd_breaks = 1;
  const char *nul = memchr(b->data, '\0', n);
  if (nul) {
    unsigned line, column;
    offset_position(b->data, n, (size_t)(nul - b->data), &line, &column);
    return bd_ytree_fail(b, line, column, "the plan must be UTF-8 text (found a NUL byte)");
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
      return bd_ytree_fail(
          b, line, column,
          "the plan must be UTF-8 (found the byte 0x%02X, which is not valid UTF-8 here)", s[i]);
    }
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) b->odd_breaks = 1; /* NEL, LS, PS */
    i += width;
  }
  return 0;
}

/* Reports the error that stopped libyaml, at its position. */
static void report_yaml_error(bd_ytree *b, const yaml_parser_t *p) {
  unsigned line, column;
  switch (p->error) {
  case YAML_READER_ERROR: {
    offset_position(b->data, b->len, p->problem_offset, &line, &column);
    const char *problem = p->problem ? p->problem : "unreadable input";
    /* invalid UTF-8 is refused before libyaml runs; what remains are
     * control characters (problem_value is the character) */
    if (strcmp(problem, "control characters are not allowed") == 0)
      bd_ytree_fail(b, line, column, "control character U+%04X is not allowed",
                    (unsigned)p->problem_value);
    else
      bd_ytree_fail(b, line, column, "the plan must be UTF-8 (%s)", problem);
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
      bd_ytree_fail(b, hint_line, hint_column, "%s [the YAML parser stopped at %u:%u: %s]", hint,
                    line, column, problem);
    } else if (p->context)
      bd_ytree_fail(b, line, column, "%s (%s that started at line %u, column %u)", problem,
                    p->context, (unsigned)p->context_mark.line + 1,
                    (unsigned)p->context_mark.column + 1);
    else
      bd_ytree_fail(b, line, column, "%s", problem);
    break;
  }
  case YAML_MEMORY_ERROR:
    out_of_memory(b);
    break;
  default:
    bd_ytree_fail(b, 0, 0, "the YAML reader failed");
    break;
  }
}

/* Returns a new zeroed node at the event's position (owned by the scratch
 * arena), or NULL when out of memory. */
static bd_ynode *new_node(bd_ytree *b, bd_ynode_kind kind, const yaml_mark_t *mark) {
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
static char *copy_text(bd_ytree *b, const char *s, size_t len) {
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
static int check_tag(bd_ytree *b, const yaml_char_t *tag, const bd_ynode *n) {
  static const char core[] = "tag:yaml.org,2002:";
  char q[256];
  if (tag == NULL) return 0;
  const char *t = (const char *)tag;
  if (strncmp(t, core, sizeof core - 1) == 0) {
    t += sizeof core - 1;
    return bd_ytree_fail(b, n->line, n->column, "tags are not allowed (found '!!%s)",
                         bd_v_quote(t, strlen(t), q, sizeof q) + 1);
  }
  return bd_ytree_fail(b, n->line, n->column, "tags are not allowed (found %s)",
                       bd_v_quote(t, strlen(t), q, sizeof q));
}

/* Refuses a scalar whose text holds a control character (C0 but TAB, LF
 * and CR; DEL; C1) or invalid UTF-8, as double-quoted escapes can produce.
 * Returns 0 or -1. */
static int check_text(bd_ytree *b, const bd_ynode *n, const unsigned char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    unsigned cp;
    size_t width = utf8_decode(s + i, len - i, &cp);
    if (width == 0) return bd_ytree_fail(b, n->line, n->column, "invalid UTF-8 in text");
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F))
      return bd_ytree_fail(b, n->line, n->column, "control character U+%04X is not allowed", cp);
    i += width;
  }
  return 0;
}

/* Remembers node n under the anchor name (a later anchor of the same name
 * replaces it, as in YAML).  Returns 0 or -1. */
static int add_anchor(bd_ytree *b, const yaml_char_t *anchor, bd_ynode *n) {
  if (anchor == NULL) return 0;
  size_t len = strlen((const char *)anchor);
  char *name = copy_text(b, (const char *)anchor, len);
  int created;
  size_t *slot = name ? bd_strmap_slot(&b->anchors, name, len, &created) : NULL;
  if (slot == NULL) return out_of_memory(b);
  *slot = (size_t)(uintptr_t)n;
  return 0;
}

int bd_ytree_add_child(bd_ytree *b, bd_ynode *n) {
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
static void duplicate_key(bd_ytree *b, const bd_ynode *first, const bd_ynode *second) {
  const bd_ynode *k = deref(second);
  char q[256];
  bd_ytree_fail(b, second->line, second->column, "duplicate key %s (first at line %u)",
                bd_v_quote(k->u.text, k->len, q, sizeof q), (unsigned)first->line);
}

/* Reports every key of mapping m that repeats an earlier key. */
static void check_duplicate_keys(bd_ytree *b, const bd_ynode *m) {
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
static int on_scalar(bd_ytree *b, const yaml_event_t *ev) {
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
  return bd_ytree_add_child(b, n);
}

/* Handles the start of a sequence or mapping. */
static int on_collection_start(bd_ytree *b, const yaml_event_t *ev, bd_ynode_kind kind) {
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
    return bd_ytree_fail(b, (unsigned)ev->start_mark.line + 1, (unsigned)ev->start_mark.column + 1,
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

int bd_ytree_end_collection(bd_ytree *b) {
  bd_ytree_frame *f = &b->frames[--b->depth];
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
  return bd_ytree_add_child(b, n);
}

/* Handles an alias: a node that points at the anchored node. */
static int on_alias(bd_ytree *b, const yaml_event_t *ev) {
  bd_ynode *n = new_node(b, BD_YNODE_ALIAS, &ev->start_mark);
  if (n == NULL) return out_of_memory(b);
  const char *name = (const char *)ev->data.alias.anchor;
  size_t *slot = bd_strmap_get(&b->anchors, name, strlen(name));
  if (slot == NULL) {
    bd_ytree_fail(b, n->line, n->column, "alias *%s names no anchor defined before it", name);
    n->kind = BD_YNODE_BAD;
  } else if (((const bd_ynode *)(uintptr_t)*slot)->building) {
    bd_ytree_fail(b, n->line, n->column, "alias cycle: *%s refers to a collection that contains it",
                  name);
    n->kind = BD_YNODE_BAD;
  } else {
    n->u.target = (const bd_ynode *)(uintptr_t)*slot;
  }
  return bd_ytree_add_child(b, n);
}

/* Handles one event; sets b->stop when no more events should be read. */
static void on_event(bd_ytree *b, const yaml_event_t *ev) {
  switch (ev->type) {
  case YAML_DOCUMENT_START_EVENT:
    if (b->documents++ > 0) {
      bd_ytree_fail(b, (unsigned)ev->start_mark.line + 1, (unsigned)ev->start_mark.column + 1,
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
    bd_ytree_end_collection(b);
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

/* Reads parser's events into b until b->stop.  With a handover, offers it
 * the first node that starts at or after its line. */
static void parse_events(bd_ytree *b, yaml_parser_t *parser, const bd_ytree_handover *handover) {
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
    if (handover && node_start && ev.start_mark.line >= handover->line) {
      bd_ytree_node_start start = {.line = ev.start_mark.line,
                                   .block_mapping =
                                       ev.type == YAML_MAPPING_START_EVENT &&
                                       ev.data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE};
      int joined = handover->join(handover->ctx, b, &start);
      handover->end(handover->ctx);
      handover = NULL;
      if (joined) {
        yaml_event_delete(&ev);
        break;
      }
    }
    on_event(b, &ev);
    yaml_event_delete(&ev);
  }
  if (handover) handover->end(handover->ctx);
  free(b->stack);
  b->stack = NULL;
  bd_strmap_free(&b->anchors);
  if (b->depth > 0) b->complete = 0; /* stopped inside a collection */
}

void bd_ytree_parse(bd_ytree *b, const bd_ytree_handover *handover) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    if (handover) handover->end(handover->ctx);
    out_of_memory(b);
    return;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)b->data, b->len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  parse_events(b, &parser, handover);
  yaml_parser_delete(&parser);
}

void bd_ytree_parse_from(bd_ytree *b, bd_ytree_read_fn read, void *ctx) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    out_of_memory(b);
    return;
  }
  yaml_parser_set_input(&parser, read, ctx);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  parse_events(b, &parser, NULL);
  yaml_parser_delete(&parser);
}
