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

/* Records "out of memory" when p is NULL; returns p. */
static void *check_mem(html_ctx *ctx, void *p) {
  if (p == NULL) html_fail(ctx, "out of memory while building the page");
  return p;
}

xmlNodePtr html_el(html_ctx *ctx, xmlNodePtr parent, const char *name, const char *cls) {
  xmlNodePtr n = check_mem(ctx, xmlNewDocNode(ctx->doc, NULL, BAD_CAST name, NULL));
  if (n == NULL) return NULL;
  if (cls) xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
  if (parent) xmlAddChild(parent, n);
  return n;
}

void html_add_text(html_ctx *ctx, xmlNodePtr parent, const char *text) {
  if (parent == NULL || text == NULL || *text == '\0') return;
  /* xmlNewDocText keeps the string as text content: the serialiser escapes it. */
  xmlNodePtr t = check_mem(ctx, xmlNewDocText(ctx->doc, BAD_CAST text));
  if (t) xmlAddChild(parent, t);
}

xmlNodePtr html_text_el(html_ctx *ctx, xmlNodePtr parent, const char *name, const char *cls,
                        const char *text) {
  xmlNodePtr n = html_el(ctx, parent, name, cls);
  html_add_text(ctx, n, text);
  return n;
}

void html_attr(xmlNodePtr node, const char *name, const char *value) {
  /* xmlSetProp stores the value as a text node, escaped on output. */
  if (node && value) xmlSetProp(node, BAD_CAST name, BAD_CAST value);
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

void html_attr_num(xmlNodePtr node, const char *name, double value) {
  char buf[40];
  html_num(value, buf);
  html_attr(node, name, buf);
}

/* --- streaming ------------------------------------------------------------ */

void html_raw(html_ctx *ctx, const char *markup) {
  if (ctx->failed) return;
  xmlOutputBufferWriteString(ctx->out, markup);
}

/* Gives every empty HTML element under node (and its following siblings)
 * an empty text child, so that the XML serialiser writes <td></td> rather
 * than <td/> (which HTML reads as an unclosed start tag).  Elements inside
 * <svg> stay empty: a self-closing tag is right there.  Returns -1 when
 * memory ran out. */
static int close_empty(html_ctx *ctx, xmlNodePtr node, int in_svg) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    int svg = in_svg || xmlStrEqual(node->name, BAD_CAST "svg");
    if (node->children == NULL && !svg) {
      xmlNodePtr t = xmlNewDocText(ctx->doc, BAD_CAST "");
      if (t == NULL) return -1;
      xmlAddChild(node, t);
    } else if (close_empty(ctx, node->children, svg) != 0) {
      return -1;
    }
  }
  return 0;
}

void html_emit(html_ctx *ctx, xmlNodePtr node) {
  if (node == NULL) return;
  /* libxml2's XML serialiser escapes text and attributes as the HTML one
   * does and is much faster for many small elements; close_empty makes
   * its output read back as the same HTML tree. */
  if (!ctx->failed) {
    xmlUnlinkNode(node); /* written alone, without siblings */
    if (close_empty(ctx, node, 0) != 0)
      html_fail(ctx, "out of memory while writing the page");
    else
      xmlNodeDumpOutput(ctx->out, ctx->doc, node, 0, 0, "UTF-8");
    xmlOutputBufferWrite(ctx->out, 1, "\n");
  }
  xmlUnlinkNode(node);
  xmlFreeNode(node);
}

void html_open(html_ctx *ctx, xmlNodePtr node) {
  if (node == NULL) return;
  if (ctx->failed) {
    xmlFreeNode(node);
    return;
  }
  /* Serialise to memory, then hold back the end tag "</name>", which is
   * always the last thing the serialiser writes for an element. */
  xmlBufferPtr mem = xmlBufferCreate();
  xmlOutputBufferPtr ob = mem ? xmlOutputBufferCreateBuffer(mem, NULL) : NULL;
  if (ob == NULL) {
    html_fail(ctx, "out of memory while writing the page");
    xmlBufferFree(mem);
    xmlFreeNode(node);
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
    xmlOutputBufferWrite(ctx->out, (int)(len - name_len - 3), text);
  else
    html_fail(ctx, "internal error: cannot open element <%s>", (const char *)node->name);
  xmlOutputBufferClose(ob);
  xmlBufferFree(mem);
  xmlUnlinkNode(node);
  xmlFreeNode(node);
}

void html_close(html_ctx *ctx, const char *name) {
  if (ctx->failed) return;
  xmlOutputBufferWriteString(ctx->out, "</");
  xmlOutputBufferWriteString(ctx->out, name);
  xmlOutputBufferWriteString(ctx->out, ">");
}

/* --- labels and formats --------------------------------------------------- */

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
  snprintf(key, sizeof key, "%s.%s", prefix, name);
  return html_msg(ctx, key);
}

char *html_amount(const html_ctx *ctx, double v, int with_currency, int compact, char *buf,
                  size_t size) {
  ctx->host->format_amount(v, with_currency ? ctx->r->currency : NULL, compact, buf, size);
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

xmlNodePtr html_amount_cell(html_ctx *ctx, xmlNodePtr row, double v, int compact, const char *cls) {
  char shown[64], exact[64];
  xmlNodePtr td = html_text_el(ctx, row, "td", cls ? cls : "num",
                               html_amount(ctx, v, 0, compact, shown, sizeof shown));
  if (compact) html_attr(td, "title", html_amount(ctx, v, 1, 0, exact, sizeof exact));
  return td;
}

/* --- text fitting --------------------------------------------------------- */

/* Decodes one UTF-8 sequence at s; sets *len to its length (1 for a bad
 * byte) and returns the code point (0xFFFD for a bad byte). */
static unsigned decode(const unsigned char *s, size_t *len) {
  unsigned c = s[0];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0) {
    *len = 1;
    return 0xFFFD;
  }
  unsigned cp = n == 1 ? c : c & (0x7F >> n);
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  *len = n;
  return cp;
}

/* Estimated advance of one code point in em, on the wide side (DejaVu Sans
 * metrics, the widest common fallback), so that fitted text never spills. */
static double advance(unsigned c) {
  if (c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                      (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x1F300))
    return 1.0;
  if (c == '.' || c == ',' || c == ':' || c == ';' || c == '\'' || c == '|' || c == 'i' ||
      c == 'l' || c == 'j' || c == '!')
    return 0.3;
  if (c == ' ') return 0.32;
  if (c == 't' || c == 'f' || c == 'r' || c == 'I' || c == '(' || c == ')' || c == '-') return 0.42;
  if (c == 'm' || c == 'w' || c == 'M' || c == 'W') return 0.96;
  if (c >= 'A' && c <= 'Z') return 0.73;
  if (c < 0x80) return 0.63;
  return 0.66;
}

double html_text_em(const char *s) {
  double w = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    size_t n;
    w += advance(decode(p, &n));
    p += n;
  }
  return w;
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
    double a = advance(decode(p + keep, &n));
    if (w + a + ellipsis > max_em || keep + n + 4 > size) break;
    w += a;
    keep += n;
  }
  while (keep > 0 && s[keep - 1] == ' ') keep--; /* no space before the ellipsis */
  memcpy(buf, s, keep);
  memcpy(buf + keep, "\xE2\x80\xA6", 4); /* U+2026 and the NUL */
  return buf;
}

int html_wrap2(const char *s, double max_em, char *l1, size_t s1, char *l2, size_t s2) {
  l2[0] = '\0';
  if (s == NULL) s = "";
  if (html_text_em(s) <= max_em) {
    snprintf(l1, s1, "%s", s); /* fits in max_em, so it is short */
    return 1;
  }
  const unsigned char *p = (const unsigned char *)s;
  size_t at = 0, brk = 0;
  double w = 0;
  unsigned prev = 0;
  while (p[at]) {
    size_t n;
    unsigned c = decode(p + at, &n);
    if (at > 0 && (c == ' ' || advance(c) >= 1.0 || advance(prev) >= 1.0)) brk = at;
    double a = advance(c);
    if (w + a > max_em || at + n + 1 > s1) break;
    w += a;
    at += n;
    prev = c;
  }
  size_t cut = brk * 10 >= at * 4 ? brk : at; /* a break point late enough, else mid-word */
  size_t keep = cut;
  while (keep > 0 && s[keep - 1] == ' ') keep--;
  memcpy(l1, s, keep);
  l1[keep] = '\0';
  const char *rest = s + cut;
  while (*rest == ' ') rest++;
  const char *fit = html_fit(rest, max_em, l2, s2);
  if (fit != l2) snprintf(l2, s2, "%s", fit);
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
  snprintf(buf, size, "heat-%d", (int)lround(heat * HTML_HEAT_LEVELS));
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
