/*
 * html_common.c - node builders, the streaming writer, labels, people's
 * formats, text fitting and the palette for the html plugin; see
 * html_common.h.
 */
#include "html_common.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int html_fail(html_ctx *ctx, const char *fmt, ...) {
  if (!ctx->failed) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->err->message, sizeof ctx->err->message, fmt, ap);
    va_end(ap);
    ctx->failed = 1;
  }
  return -1;
}

/* --- the views' nodes ------------------------------------------------------ */

/* An attribute of an html_node; name is a constant, value a copy. */
typedef struct html_nattr html_nattr;
struct html_nattr {
  const char *name;
  const char *value;
  html_nattr *next;
};

/* A block of node memory.  Each tree (a root node and what hangs below it)
 * owns a list of blocks; writing the tree gives them back to the render's
 * free list, so a long page reuses the same few blocks.  All blocks of a
 * render are also on ctx->all_blocks, so html_writer_end() frees even
 * those of a tree that was never written. */
typedef struct html_block html_block;
struct html_block {
  html_block *next; /* in its tree's list, or in the free list */
  html_block *all;  /* in ctx->all_blocks */
  size_t size, used;
  max_align_t data[]; /* size bytes follow */
};

enum { HTML_BLOCK_SIZE = 32 * 1024 };

struct html_node {
  const char *name; /* an element's name (a constant); NULL for a text node */
  const char *text; /* a text node's content (a copy) */
  html_nattr *attrs, *attrs_last;
  html_node *first, *last, *next, *parent;
  html_block *blocks; /* a root's memory (NULL below the root) */
  html_ctx *ctx;      /* the render (roots only) */
};

/* The root of the tree node n belongs to. */
static html_node *root_of(html_node *n) {
  while (n->parent) n = n->parent;
  return n;
}

/* Returns an empty block with at least `need` bytes: the first of the
 * free list when it is large enough, else a new one; NULL when memory ran
 * out. */
static html_block *take_block(html_ctx *ctx, size_t need) {
  html_block *b = ctx->free_blocks;
  if (b && b->size >= need) {
    ctx->free_blocks = b->next;
  } else {
    size_t size = need > HTML_BLOCK_SIZE ? need : HTML_BLOCK_SIZE;
    b = malloc(sizeof *b + size);
    if (b == NULL) return NULL;
    b->size = size;
    b->all = ctx->all_blocks;
    ctx->all_blocks = b;
  }
  b->used = 0;
  b->next = NULL;
  return b;
}

/* Gives a tree's list of blocks back to the free list. */
static void give_blocks(html_ctx *ctx, html_block *b) {
  while (b) {
    html_block *next = b->next;
    b->next = ctx->free_blocks;
    ctx->free_blocks = b;
    b = next;
  }
}

/* Allocates size bytes for the tree of root (aligned for any type);
 * NULL after recording an error when memory ran out. */
static void *tree_alloc(html_node *root, size_t size) {
  const size_t align = _Alignof(max_align_t);
  size_t need = (size + align - 1) & ~(align - 1);
  html_block *b = root->blocks;
  if (b->size - b->used < need) {
    html_block *nb = take_block(root->ctx, need);
    if (nb == NULL) {
      html_fail(root->ctx, "out of memory while building the page");
      return NULL;
    }
    nb->next = b; /* the first block is the one allocated from */
    root->blocks = nb;
    b = nb;
  }
  void *p = (char *)b->data + b->used;
  b->used += need;
  return p;
}

/* Copies s (len bytes and a NUL) into the tree of root; NULL on failure. */
static char *tree_strdup(html_node *root, const char *s, size_t len) {
  char *d = tree_alloc(root, len + 1);
  if (d) {
    memcpy(d, s, len);
    d[len] = '\0';
  }
  return d;
}

/* A new zeroed node: a root with blocks of its own when parent is NULL,
 * else a node in parent's tree (not linked yet).  NULL when memory ran out. */
static html_node *new_node(html_ctx *ctx, html_node *parent) {
  if (parent == NULL) {
    html_block *b = take_block(ctx, sizeof(html_node));
    if (b == NULL) {
      html_fail(ctx, "out of memory while building the page");
      return NULL;
    }
    html_node *n = (html_node *)(void *)b->data;
    b->used = (sizeof *n + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1);
    memset(n, 0, sizeof *n);
    n->blocks = b;
    n->ctx = ctx;
    return n;
  }
  html_node *n = tree_alloc(root_of(parent), sizeof *n);
  if (n) memset(n, 0, sizeof *n);
  return n;
}

/* Appends child (a node of parent's tree) to parent's children. */
static void link_child(html_node *parent, html_node *child) {
  child->parent = parent;
  if (parent->last)
    parent->last->next = child;
  else
    parent->first = child;
  parent->last = child;
}

html_node *html_el(html_ctx *ctx, html_node *parent, const char *name, const char *cls) {
  html_node *n = new_node(ctx, parent);
  if (n == NULL) return NULL;
  n->name = name;
  if (parent) link_child(parent, n);
  if (cls) html_attr(n, "class", cls);
  return n;
}

void html_add_text(html_ctx *ctx, html_node *parent, const char *text) {
  if (parent == NULL || text == NULL || *text == '\0') return;
  html_node *t = new_node(ctx, parent);
  if (t == NULL) return;
  t->text = tree_strdup(root_of(parent), text, strlen(text));
  if (t->text == NULL) return;
  link_child(parent, t);
}

html_node *html_text_el(html_ctx *ctx, html_node *parent, const char *name, const char *cls,
                        const char *text) {
  html_node *n = html_el(ctx, parent, name, cls);
  html_add_text(ctx, n, text);
  return n;
}

void html_attr(html_node *node, const char *name, const char *value) {
  if (node == NULL || value == NULL) return;
  html_node *root = root_of(node);
  const char *copy = tree_strdup(root, value, strlen(value));
  if (copy == NULL) return;
  for (html_nattr *a = node->attrs; a; a = a->next)
    if (strcmp(a->name, name) == 0) { /* set again: replaced in place, as xmlSetProp does */
      a->value = copy;
      return;
    }
  html_nattr *a = tree_alloc(root, sizeof *a);
  if (a == NULL) return;
  a->name = name;
  a->value = copy;
  a->next = NULL;
  if (node->attrs_last)
    node->attrs_last->next = a;
  else
    node->attrs = a;
  node->attrs_last = a;
}

/* Moves the blocks of root `child` into the tree of `parent`, making child
 * an ordinary node of that tree. */
static void adopt(html_node *parent, html_node *child) {
  html_node *root = root_of(parent);
  html_block *tail = child->blocks;
  while (tail->next) tail = tail->next;
  tail->next = root->blocks->next;
  root->blocks->next = child->blocks;
  child->blocks = NULL;
  child->ctx = NULL;
}

void html_add_child(html_node *parent, html_node *child) {
  if (parent == NULL || child == NULL || child->parent) return;
  adopt(parent, child);
  link_child(parent, child);
}

void html_insert_first(html_node *parent, html_node *child) {
  if (parent == NULL || child == NULL || child->parent) return;
  adopt(parent, child);
  child->parent = parent;
  child->next = parent->first;
  parent->first = child;
  if (parent->last == NULL) parent->last = child;
}

/* Frees the tree of root node n (its blocks go back to the free list);
 * a node below a root is freed with its root. */
static void free_tree(html_ctx *ctx, html_node *n) {
  if (n && n->parent == NULL) give_blocks(ctx, n->blocks);
}

size_t html_num(double v, char *buf) {
  if (!isfinite(v) || fabs(v) > 1e12) return (size_t)snprintf(buf, 32, "%.2f", v);
  long long c = llround(v * 100);
  char *p = buf, digits[24];
  if (c < 0) {
    *p++ = '-';
    c = -c;
  }
  long long whole = c / 100;
  int frac = (int)(c % 100), n = 0;
  do {
    digits[n++] = (char)('0' + whole % 10);
    whole /= 10;
  } while (whole);
  while (n) *p++ = digits[--n];
  if (frac) {
    *p++ = '.';
    *p++ = (char)('0' + frac / 10);
    if (frac % 10) *p++ = (char)('0' + frac % 10);
  }
  *p = '\0';
  return (size_t)(p - buf);
}

void html_attr_num(html_node *node, const char *name, double value) {
  char buf[40];
  html_num(value, buf);
  html_attr(node, name, buf);
}

/* --- streaming ------------------------------------------------------------ */

/* Bytes gathered before they are handed to libxml2's output buffer. */
enum { HTML_STAGE_SIZE = 64 * 1024 };

void html_flush(html_ctx *ctx) {
  if (ctx->stage_len && !ctx->failed)
    xmlOutputBufferWrite(ctx->out, (int)ctx->stage_len, ctx->stage);
  ctx->stage_len = 0;
}

/* Appends len bytes of markup to the output. */
static void put(html_ctx *ctx, const char *s, size_t len) {
  if (ctx->stage_len + len > HTML_STAGE_SIZE) {
    html_flush(ctx);
    if (len > HTML_STAGE_SIZE) {
      if (!ctx->failed) xmlOutputBufferWrite(ctx->out, (int)len, s);
      return;
    }
  }
  memcpy(ctx->stage + ctx->stage_len, s, len);
  ctx->stage_len += len;
}

static void put_str(html_ctx *ctx, const char *s) {
  put(ctx, s, strlen(s));
}

void html_raw(html_ctx *ctx, const char *markup) {
  if (ctx->failed) return;
  put_str(ctx, markup);
}

/* Writes text content escaped by libxml2 as its serialiser escapes text
 * (xmlOutputBufferWriteEscape: &, <, > and CR).  Text with none of those
 * is the same escaped, and is copied as it is. */
static void put_text(html_ctx *ctx, const char *text) {
  size_t n = strcspn(text, "&<>\r");
  if (text[n] == '\0') {
    put(ctx, text, n);
    return;
  }
  html_flush(ctx);
  if (!ctx->failed) xmlOutputBufferWriteEscape(ctx->out, BAD_CAST text, NULL);
}

/* Writes an attribute value escaped by libxml2 as its serialiser escapes
 * attributes (xmlAttrSerializeTxtContent: &, <, >, ", TAB, LF, CR; in a
 * document with an encoding, other bytes pass).  A value with none of
 * those is the same escaped, and is copied as it is. */
static void put_attr_value(html_ctx *ctx, const char *value) {
  size_t n = strcspn(value, "&<>\"\t\n\r");
  if (value[n] == '\0' && ctx->doc->encoding != NULL) {
    put(ctx, value, n);
    return;
  }
  if (ctx->escape == NULL) ctx->escape = xmlBufferCreate();
  if (ctx->escape == NULL) {
    html_fail(ctx, "out of memory while writing the page");
    return;
  }
  xmlBufferEmpty(ctx->escape);
  xmlAttrSerializeTxtContent(ctx->escape, ctx->doc, NULL, BAD_CAST value);
  put(ctx, (const char *)xmlBufferContent(ctx->escape), (size_t)xmlBufferLength(ctx->escape));
}

/* Writes node n and its subtree as libxml2's XML serialiser writes them
 * (xmlNodeDumpOutput, no formatting), except that an empty HTML element is
 * written <td></td> rather than <td/> (which HTML reads as an unclosed
 * start tag); inside <svg> a self-closing tag is right and is kept. */
static void write_node(html_ctx *ctx, const html_node *n, int in_svg) {
  if (n->name == NULL) {
    put_text(ctx, n->text);
    return;
  }
  int svg = in_svg || strcmp(n->name, "svg") == 0;
  put(ctx, "<", 1);
  put_str(ctx, n->name);
  for (const html_nattr *a = n->attrs; a; a = a->next) {
    put(ctx, " ", 1);
    put_str(ctx, a->name);
    put(ctx, "=\"", 2);
    put_attr_value(ctx, a->value);
    put(ctx, "\"", 1);
  }
  if (n->first == NULL && svg) {
    put(ctx, "/>", 2);
    return;
  }
  put(ctx, ">", 1);
  for (const html_node *c = n->first; c && !ctx->failed; c = c->next) write_node(ctx, c, svg);
  put(ctx, "</", 2);
  put_str(ctx, n->name);
  put(ctx, ">", 1);
}

/* See html_common.h. */
int html_has_children(const html_node *node) {
  return node != NULL && node->first != NULL;
}

/* See html_common.h. */
void html_discard(html_ctx *ctx, html_node *node) {
  if (node) free_tree(ctx, node);
}

void html_emit(html_ctx *ctx, html_node *node) {
  if (node == NULL) return;
  if (!ctx->failed) {
    write_node(ctx, node, 0);
    put(ctx, "\n", 1);
  }
  free_tree(ctx, node);
}

/* A libxml2 copy of node n and its subtree in ctx->doc (caller owns it), or
 * NULL when memory ran out. */
static xmlNodePtr to_xml(html_ctx *ctx, const html_node *n) {
  if (n->name == NULL) return xmlNewDocText(ctx->doc, BAD_CAST n->text);
  xmlNodePtr x = xmlNewDocNode(ctx->doc, NULL, BAD_CAST n->name, NULL);
  if (x == NULL) return NULL;
  for (const html_nattr *a = n->attrs; a; a = a->next)
    if (xmlSetProp(x, BAD_CAST a->name, BAD_CAST a->value) == NULL) {
      xmlFreeNode(x);
      return NULL;
    }
  for (const html_node *c = n->first; c; c = c->next) {
    xmlNodePtr xc = to_xml(ctx, c);
    if (xc == NULL) {
      xmlFreeNode(x);
      return NULL;
    }
    xmlAddChild(x, xc);
  }
  return x;
}

void html_open_xml(html_ctx *ctx, xmlNodePtr node) {
  if (ctx->failed) return;
  /* Serialise to memory, then hold back the end tag "</name>", which is
   * always the last thing the serialiser writes for an element. */
  xmlBufferPtr mem = xmlBufferCreate();
  xmlOutputBufferPtr ob = mem ? xmlOutputBufferCreateBuffer(mem, NULL) : NULL;
  if (ob == NULL) {
    html_fail(ctx, "out of memory while writing the page");
    xmlBufferFree(mem);
    return;
  }
  htmlNodeDumpFormatOutput(ob, ctx->doc, node, "UTF-8", 1);
  xmlOutputBufferFlush(ob);
  const char *text = (const char *)xmlBufferContent(mem);
  size_t len = (size_t)xmlBufferLength(mem);
  size_t name_len = strlen((const char *)node->name);
  if (len >= name_len + 3 && text[len - 1] == '>' &&
      memcmp(text + len - name_len - 3, "</", 2) == 0 &&
      memcmp(text + len - name_len - 1, node->name, name_len) == 0)
    put(ctx, text, len - name_len - 3);
  else
    html_fail(ctx, "internal error: cannot open element <%s>", (const char *)node->name);
  xmlOutputBufferClose(ob);
  xmlBufferFree(mem);
}

void html_open(html_ctx *ctx, html_node *node) {
  if (node == NULL) return;
  xmlNodePtr xnode = ctx->failed ? NULL : to_xml(ctx, node);
  free_tree(ctx, node);
  if (ctx->failed) {
    xmlFreeNode(xnode);
    return;
  }
  if (xnode == NULL) {
    html_fail(ctx, "out of memory while writing the page");
    return;
  }
  html_open_xml(ctx, xnode);
  xmlFreeNode(xnode);
}

void html_close(html_ctx *ctx, const char *name) {
  if (ctx->failed) return;
  put(ctx, "</", 2);
  put_str(ctx, name);
  put(ctx, ">", 1);
}

int html_writer_start(html_ctx *ctx) {
  ctx->stage = malloc(HTML_STAGE_SIZE);
  ctx->stage_len = 0;
  return ctx->stage ? 0 : html_fail(ctx, "out of memory");
}

void html_writer_end(html_ctx *ctx) {
  free(ctx->stage);
  ctx->stage = NULL;
  ctx->stage_len = 0;
  for (html_block *b = ctx->all_blocks, *next; b; b = next) {
    next = b->all;
    free(b);
  }
  ctx->all_blocks = ctx->free_blocks = NULL;
  if (ctx->escape) xmlBufferFree(ctx->escape);
  ctx->escape = NULL;
}

/* --- labels and formats --------------------------------------------------- */

char *html_join(char *buf, size_t size, ...) {
  size_t len = 0;
  va_list ap;
  va_start(ap, size);
  for (const char *part; (part = va_arg(ap, const char *)) != NULL;) {
    size_t n = strlen(part);
    if (n > size - 1 - len) n = size - 1 - len; /* cut as snprintf cuts */
    memcpy(buf + len, part, n);
    len += n;
  }
  va_end(ap);
  buf[len] = '\0';
  return buf;
}

const char *html_msg(const html_ctx *ctx, const char *key) {
  return ctx->host->message(ctx->req->output, key);
}

const char *html_category(const html_ctx *ctx, size_t category) {
  static const char *const standard[] = {"revenue", "penalty", "brand", "productivity"};
  const char *name = ctx->r->categories[category];
  for (size_t i = 0; i < 4; i++) {
    if (strcmp(name, standard[i]) == 0) {
      char key[32];
      snprintf(key, sizeof key, "category.%s", standard[i]);
      return html_msg(ctx, key);
    }
  }
  return name;
}

const char *html_enum_label(const html_ctx *ctx, const char *prefix, const char *name) {
  char key[64];
  html_join(key, sizeof key, prefix, ".", name, (char *)NULL);
  return html_msg(ctx, key);
}

char *html_money(const html_ctx *ctx, double v, const char *currency, int flags, char *buf,
                 size_t size) {
  ctx->host->format_money(v, currency, flags, ctx->req->lang, buf, size);
  return buf;
}

char *html_amount(const html_ctx *ctx, double v, int with_currency, int compact, char *buf,
                  size_t size) {
  int flags = (compact ? BD_MONEY_COMPACT : 0) | (with_currency ? 0 : BD_MONEY_BARE);
  return html_money(ctx, v, ctx->r->currency, flags, buf, size);
}

char *html_slo(const html_ctx *ctx, double slo_percent, char *buf, size_t size) {
  ctx->host->format_slo(slo_percent, buf, size);
  return buf;
}

char *html_duration(const html_ctx *ctx, double hours, char *buf, size_t size) {
  ctx->host->format_duration(hours, buf, size);
  return buf;
}

char *html_share(const html_ctx *ctx, double share, char *buf, size_t size) {
  ctx->host->format_share(share, buf, size);
  return buf;
}

html_node *html_amount_cell(html_ctx *ctx, html_node *row, double v, int compact, const char *cls) {
  char shown[64], exact[64];
  html_node *td = html_text_el(ctx, row, "td", cls ? cls : "num",
                               html_amount(ctx, v, 0, compact, shown, sizeof shown));
  if (compact) html_attr(td, "title", html_amount(ctx, v, 1, 0, exact, sizeof exact));
  return td;
}

/* --- text fitting --------------------------------------------------------- */

/* (the advance table and the line model are the deck's: deck_text.c) */

double html_text_em(const char *s) {
  return deck_text_em(s);
}

const char *html_fit(const char *s, double max_em, char *buf, size_t size) {
  if (s == NULL) return "";
  if (html_text_em(s) <= max_em) return s;
  const double ellipsis = 1.0;
  double w = 0;
  size_t keep = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (p[keep]) {
    size_t n;
    double a = deck_text_advance(deck_text_decode(p + keep, &n));
    if (w + a + ellipsis > max_em || keep + n + 4 > size) break;
    w += a;
    keep += n;
  }
  while (keep > 0 && s[keep - 1] == ' ') keep--; /* no space before the ellipsis */
  memcpy(buf, s, keep);
  memcpy(buf + keep, "\xE2\x80\xA6", 4); /* U+2026 and the NUL */
  return buf;
}

size_t html_wrap(const char *s, double max_em, html_span *lines, size_t max_lines) {
  return deck_wrap(s, max_em, lines, max_lines);
}

int html_wrap2(const char *s, double max_em, char *l1, size_t s1, char *l2, size_t s2) {
  html_span lines[2];
  l2[0] = '\0';
  if (s == NULL) s = "";
  if (html_wrap(s, max_em, lines, 2) <= 1) {
    html_join(l1, s1, s, (char *)NULL); /* fits in max_em, so it is short */
    return 1;
  }
  size_t keep = lines[0].len < s1 ? lines[0].len : s1 - 1;
  while (keep > 0 && keep < lines[0].len && (s[lines[0].start + keep] & 0xC0) == 0x80)
    keep--; /* never cut inside a UTF-8 sequence */
  memcpy(l1, s + lines[0].start, keep);
  l1[keep] = '\0';
  const char *fit = html_fit(s + lines[1].start, max_em, l2, s2);
  if (fit != l2) html_join(l2, s2, fit, (char *)NULL);
  return 2;
}

/* --- colours -------------------------------------------------------------- */

char *html_hex(unsigned rgb, char *buf) {
  snprintf(buf, 8, "#%06X", rgb & 0xFFFFFFu);
  return buf;
}

const char *html_heat_class(double heat, char *buf, size_t size) {
  if (!(heat > 0)) heat = 0; /* also NaN */
  if (heat > 1) heat = 1;
  int level = (int)lround(heat * HTML_HEAT_LEVELS); /* 0 .. 20 */
  char digits[3] = {(char)('0' + level / 10), (char)('0' + level % 10), '\0'};
  html_join(buf, size, "heat-", digits + (level < 10), (char *)NULL);
  return buf;
}

/* Relative luminance (WCAG) of 0xRRGGBB. */
static double luminance(unsigned rgb) {
  double ch[3] = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
  for (int i = 0; i < 3; i++) {
    double c = ch[i] / 255.0;
    ch[i] = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/* 1 when white text reads better than the dark text colour on bg. */
static int white_text(unsigned bg) {
  double l = luminance(bg);
  double on_white = 1.05 / (l + 0.05);
  double on_dark = (l + 0.05) / (luminance(BD_COLOR_TEXT) + 0.05);
  return on_white > on_dark;
}

/* Mixes a and b (0xRRGGBB) at t in 0..1. */
static unsigned mix(unsigned a, unsigned b, double t) {
  unsigned out = 0;
  for (int shift = 16; shift >= 0; shift -= 8) {
    double x = ((a >> shift) & 0xFF) * (1 - t) + ((b >> shift) & 0xFF) * t;
    out |= (unsigned)lround(x) << shift;
  }
  return out;
}

/* Appends printf output to the growing string; -1 when memory ran out. */
static int append(char **css, size_t *len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int append(char **css, size_t *len, const char *fmt, ...) {
  char line[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof line) return -1;
  char *bigger = realloc(*css, *len + (size_t)n + 1);
  if (bigger == NULL) return -1;
  memcpy(bigger + *len, line, (size_t)n + 1);
  *css = bigger;
  *len += (size_t)n;
  return 0;
}

int html_palette_css(char **css, size_t *len) {
  static const struct {
    const char *name;
    unsigned rgb;
  } vars[] = {
      {"cell-none", BD_COLOR_CELL_NONE},
      {"cell-planned", BD_COLOR_CELL_PLANNED},
      {"cell-implemented", BD_COLOR_CELL_IMPLEMENTED},
      {"cell-stale", BD_COLOR_CELL_STALE},
      {"cell-verified", BD_COLOR_CELL_VERIFIED},
      {"cell-failing", BD_COLOR_CELL_FAILING},
      {"heat-low", BD_COLOR_HEAT_LOW},
      {"heat-high", BD_COLOR_HEAT_HIGH},
      {"text", BD_COLOR_TEXT},
      {"muted", BD_COLOR_MUTED},
      {"accent", BD_COLOR_ACCENT},
      {"kind-detective", HTML_COLOR_KIND_DETECTIVE},
      {"kind-preventive", HTML_COLOR_KIND_PREVENTIVE},
      {"kind-recovery", HTML_COLOR_KIND_RECOVERY},
      {"kind-testing", HTML_COLOR_KIND_TESTING},
  };
  static const unsigned cells[] = {BD_COLOR_CELL_NONE,        BD_COLOR_CELL_PLANNED,
                                   BD_COLOR_CELL_IMPLEMENTED, BD_COLOR_CELL_STALE,
                                   BD_COLOR_CELL_VERIFIED,    BD_COLOR_CELL_FAILING};
  char hex[8];
  if (append(css, len, "\n/* generated from the shared badday palette */\n:root {") != 0) return -1;
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
    if (append(css, len, " --%s: %s;", vars[i].name, html_hex(vars[i].rgb, hex)) != 0) return -1;
  if (append(css, len, " }\n") != 0) return -1;
  for (int i = 0; i <= HTML_HEAT_LEVELS; i++) {
    unsigned bg = mix(BD_COLOR_HEAT_LOW, BD_COLOR_HEAT_HIGH, (double)i / HTML_HEAT_LEVELS);
    if (append(css, len, ".heat-%d { background: %s;%s }\n", i, html_hex(bg, hex),
               white_text(bg) ? " color: #FFFFFF;" : "") != 0)
      return -1;
  }
  for (int i = 0; i < BD_CELL_COUNT; i++) {
    int white = white_text(cells[i]);
    if (append(css, len, ".cell-%s { background: %s; color: %s; }\n", bd_cell_name((bd_cell)i),
               html_hex(cells[i], hex), white ? "#FFFFFF" : "var(--text)") != 0)
      return -1;
    if (append(css, len, "td.cell-%s::before { content: \"%s\"; }\n", bd_cell_name((bd_cell)i),
               html_cell_mark((bd_cell)i)) != 0)
      return -1;
  }
  return 0;
}

const char *html_cell_mark(bd_cell cell) { /* the marks of the pdf plugin */
  static const char *const marks[] = {
      "\xE2\x80\x93", /* none: en dash */
      "\xE2\x97\x8B", /* planned: white circle */
      "\xE2\x97\x8F", /* implemented: black circle */
      "\xE2\x97\x90", /* stale: circle with left half black */
      "\xE2\x9C\x93", /* verified: check mark */
      "\xE2\x9C\x97", /* failing: ballot x */
  };
  return (unsigned)cell < BD_CELL_COUNT ? marks[cell] : "?";
}
