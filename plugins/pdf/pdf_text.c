/*
 * pdf_text.c - line breaking, measuring and drawing text: the fast path's
 * greedy line breaker and glyph batches, and the pango path's layout cache.
 * See pdf_text.h.
 */
#include "pdf_text_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends a line; returns 0 or -1 on exhaustion (t->failed set). */
static int push_line(pdf_text *t, size_t start, size_t end, double width, int ellipsis) {
  if (t->line_count == t->line_cap) {
    size_t cap = t->line_cap ? t->line_cap * 2 : 16;
    line_span *lines = realloc(t->lines, cap * sizeof *lines);
    if (lines == NULL) {
      t->failed = 1;
      return -1;
    }
    t->lines = lines;
    t->line_cap = cap;
  }
  t->lines[t->line_count++] = (line_span){start, end, width, ellipsis};
  return 0;
}

/* Makes the last allowed line: the text from start to the end of its
 * paragraph, cut so that it and an ellipsis fit width.  Returns 0, -1 on
 * exhaustion, or 1 when a character needs the pango path. */
static int push_ellipsized(pdf_text *t, const char *s, size_t len, size_t start, pdf_font f,
                           double width) {
  const unsigned char *u = (const unsigned char *)s;
  int bold = f.bold ? 1 : 0;
  double room = width - t->ellipsis[bold].adv * f.size, w = 0, kept_w = 0;
  size_t i = start, kept = start;
  while (i < len && s[i] != '\n') {
    uint32_t c = next_char(u, len, &i);
    if (c == BAD_CHAR) return 1;
    glyph_info slot;
    const glyph_info *g = glyph_of(t, c, bold, &slot);
    if (g->face < 0) return 1;
    w += g->adv * f.size;
    if (w > room) break;
    if (g->cls != BR_SPACE) {
      kept = i;
      kept_w = w;
    }
  }
  return push_line(t, start, kept, kept_w + t->ellipsis[bold].adv * f.size, 1);
}

/* Breaks s into t->lines for the fast path.  Returns 0, 1 when s needs the
 * pango path, or -1 on exhaustion. */
static int fast_lines(pdf_text *t, const char *s, pdf_font f, double width, int max_lines) {
  const unsigned char *u = (const unsigned char *)s;
  size_t len = strlen(s);
  int bold = f.bold ? 1 : 0;
  /* A hair of slack: a word measured to fit its box must not wrap on rounding. */
  width = width > 0 ? width + 1e-3 : INFINITY;
  t->line_count = 0;
  size_t start = 0, brk = NO_BREAK, brk_end = 0, i = 0;
  double line_w = 0, brk_w = 0, since = 0;
  int prev = BR_OPEN;
  while (i < len) {
    size_t at = i;
    uint32_t c = next_char(u, len, &i);
    if (c == BAD_CHAR) return 1;
    if (c == '\n') {
      if (max_lines > 0 && (int)t->line_count == max_lines - 1)
        return push_ellipsized(t, s, len, start, f, width);
      if (push_line(t, start, prev == BR_SPACE ? brk_end : at, prev == BR_SPACE ? brk_w : line_w,
                    0) != 0)
        return -1;
      start = i;
      line_w = since = 0;
      brk = NO_BREAK;
      prev = BR_OPEN;
      continue;
    }
    glyph_info slot;
    const glyph_info *g = glyph_of(t, c, bold, &slot);
    if (g->face < 0) return 1;
    double a = g->adv * f.size;
    int cls = g->cls;
    if (cls == BR_SPACE) {
      if (prev != BR_SPACE) {
        brk_w = line_w;
        brk_end = at;
      }
      line_w += a;
      brk = i;
      since = 0;
      prev = cls;
      continue;
    }
    if (at > start && prev != BR_SPACE && pdf_break_between(prev, cls, c)) {
      brk = at;
      brk_end = at;
      brk_w = line_w;
      since = 0;
    }
    if (line_w + a > width && at > start) {
      int last = max_lines > 0 && (int)t->line_count == max_lines - 1;
      if (last) return push_ellipsized(t, s, len, start, f, width);
      if (brk != NO_BREAK && brk > start) {
        if (push_line(t, start, brk_end, brk_w, 0) != 0) return -1;
        start = brk;
        line_w = since;
        brk = NO_BREAK;
      }
      if (line_w + a > width && at > start) { /* a word longer than the line */
        if (max_lines > 0 && (int)t->line_count == max_lines - 1)
          return push_ellipsized(t, s, len, start, f, width);
        if (push_line(t, start, at, line_w, 0) != 0) return -1;
        start = at;
        line_w = 0;
        brk = NO_BREAK;
      }
    }
    line_w += a;
    since += a;
    prev = cls;
  }
  if (start < len || t->line_count == 0)
    return push_line(t, start, prev == BR_SPACE ? brk_end : len, prev == BR_SPACE ? brk_w : line_w,
                     0) != 0
               ? -1
               : 0;
  return 0;
}

/* The scaled font of face at size, created once. */
static cairo_scaled_font_t *scaled_font(pdf_text *t, int face, double size) {
  if (t->last_scaled < t->scaled_count && t->scaled[t->last_scaled].face == face &&
      t->scaled[t->last_scaled].size == size)
    return t->scaled[t->last_scaled].font;
  for (size_t i = 0; i < t->scaled_count; i++)
    if (t->scaled[i].face == face && t->scaled[i].size == size) {
      t->last_scaled = i;
      return t->scaled[i].font;
    }
  if (t->scaled_count == t->scaled_cap) {
    size_t cap = t->scaled_cap ? t->scaled_cap * 2 : 16;
    scaled_entry *e = realloc(t->scaled, cap * sizeof *e);
    if (e == NULL) return NULL;
    t->scaled = e;
    t->scaled_cap = cap;
  }
  cairo_matrix_t fm, ctm;
  cairo_matrix_init_scale(&fm, size, size);
  cairo_matrix_init_identity(&ctm);
  cairo_scaled_font_t *sf = cairo_scaled_font_create(t->faces[face], &fm, &ctm, t->options);
  if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
    cairo_scaled_font_destroy(sf);
    return NULL;
  }
  t->scaled[t->scaled_count] = (scaled_entry){face, size, sf};
  t->last_scaled = t->scaled_count++;
  return sf;
}

/* Makes room in the batch for n more glyphs and bytes more text; returns
 * 0 or -1 (t->failed set). */
static int reserve_batch(pdf_text *t, size_t n, size_t bytes) {
  if (t->batch_count + n > t->glyph_cap) {
    size_t cap = t->glyph_cap ? t->glyph_cap : 256;
    while (cap < t->batch_count + n) cap *= 2;
    cairo_glyph_t *g = realloc(t->glyphs, cap * sizeof *g);
    if (g != NULL) t->glyphs = g;
    cairo_text_cluster_t *c = realloc(t->clusters, cap * sizeof *c);
    if (c != NULL) t->clusters = c;
    if (g == NULL || c == NULL) goto exhausted;
    t->glyph_cap = cap;
  }
  if (t->batch_bytes + bytes > t->utf8_cap) {
    size_t cap = t->utf8_cap ? t->utf8_cap : 1024;
    while (cap < t->batch_bytes + bytes) cap *= 2;
    char *u = realloc(t->utf8, cap);
    if (u == NULL) goto exhausted;
    t->utf8 = u;
    t->utf8_cap = cap;
  }
  return 0;
exhausted:
  t->failed = 1;
  return -1;
}

/* See pdf_text.h. */
void pdf_text_flush(pdf_text *t, cairo_t *cr) {
  if (t->batch_count == 0) return;
  cairo_scaled_font_t *sf = scaled_font(t, t->batch_face, t->batch_size);
  if (sf == NULL) {
    t->failed = 1;
  } else {
    cairo_set_scaled_font(cr, sf);
    t->shown += t->batch_count;
    t->calls++;
    cairo_show_text_glyphs(cr, t->utf8, (int)t->batch_bytes, t->glyphs, (int)t->batch_count,
                           t->clusters, (int)t->batch_count, 0);
  }
  t->batch_count = 0;
  t->batch_bytes = 0;
}

/* Adds one glyph, the glyph of the bytes utf8[0, bytes), to the batch at
 * (x, y); a glyph of another face or size first shows the batch. */
static void batch_glyph(pdf_text *t, cairo_t *cr, const glyph_info *g, double size,
                        const char *utf8, size_t bytes, double x, double y) {
  if (t->batch_count &&
      (g->face != t->batch_face || size != t->batch_size || t->batch_count >= MAX_BATCH))
    pdf_text_flush(t, cr);
  if (reserve_batch(t, 1, bytes) != 0) return;
  t->batch_face = g->face;
  t->batch_size = size;
  t->glyphs[t->batch_count] = (cairo_glyph_t){g->glyph, x, y};
  t->clusters[t->batch_count] = (cairo_text_cluster_t){(int)bytes, 1};
  memcpy(t->utf8 + t->batch_bytes, utf8, bytes);
  t->batch_count++;
  t->batch_bytes += bytes;
}

/* Adds one fast-path line of s with its baseline at (x, y) to the batch. */
static void draw_fast_line(pdf_text *t, cairo_t *cr, const char *s, const line_span *line,
                           pdf_font f, double x, double y) {
  const unsigned char *u = (const unsigned char *)s;
  int bold = f.bold ? 1 : 0;
  size_t i = line->start;
  while (i < line->end) {
    size_t at = i;
    uint32_t c = next_char(u, line->end, &i);
    glyph_info slot;
    const glyph_info *g = glyph_of(t, c, bold, &slot);
    batch_glyph(t, cr, g, f.size, s + at, i - at, x, y);
    x += g->adv * f.size;
  }
  if (line->ellipsis) batch_glyph(t, cr, &t->ellipsis[bold], f.size, "\xe2\x80\xa6", 3, x, y);
}

/* FNV-1a of s. */
static uint64_t hash_text(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) h = (h ^ *p) * 1099511628211u;
  return h;
}

/* Disallows line breaks inside bytes [start, end) of a layout's text
 * (attrs is its PangoAttrList). */
static void keep_run(void *attrs, size_t start, size_t end) {
  PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
  a->start_index = (guint)start;
  a->end_index = (guint)end;
  pango_attr_list_insert(attrs, a);
}

/* The pango layout of s for the given font, width and line limit, from the
 * cache or made now (owned by the cache).  NULL on exhaustion. */
static PangoLayout *pango_layout_for(pdf_text *t, const char *s, pdf_font f, double width,
                                     int max_lines) {
  if (width < 0) width = 0;
  uint64_t h = hash_text(s);
  pango_slot *slot = &t->slots[(h ^ (uint64_t)(f.size * 64) ^ (uint64_t)(width * 8) ^
                                (uint64_t)(max_lines * 31 + f.bold)) %
                               PANGO_SLOTS];
  if (slot->layout && slot->hash == h && slot->size == f.size && slot->bold == f.bold &&
      slot->width == width && slot->max_lines == max_lines && strcmp(slot->text, s) == 0)
    return slot->layout;
  if (slot->layout) g_object_unref(slot->layout);
  free(slot->text);
  memset(slot, 0, sizeof *slot);
  char *text = strdup(s);
  PangoLayout *layout = text ? pango_layout_new(t->context) : NULL;
  if (layout == NULL) {
    free(text);
    t->failed = 1;
    return NULL;
  }
  PangoFontDescription *desc = pdf_text_font_description(f);
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);
  if (width > 0) {
    pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    if (max_lines > 0) {
      pango_layout_set_height(layout, -max_lines);
      pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
  }
  char *valid = g_utf8_validate(s, -1, NULL) ? NULL : g_utf8_make_valid(s, -1);
  pango_layout_set_text(layout, valid ? valid : s, -1);
  /* Pango breaks Japanese between any two characters: keep katakana runs
   * and numbers with their counters together, as the fast path does. */
  PangoAttrList *attrs = pango_attr_list_new();
  pdf_break_kept_runs(valid ? valid : s, keep_run, attrs);
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
  g_free(valid);
  *slot = (pango_slot){layout, text, h, f.size, width, f.bold, max_lines};
  return layout;
}

/* Number of lines of a pango layout, capped at max_lines when > 0. */
static int pango_lines(PangoLayout *layout, int max_lines) {
  int n = pango_layout_get_line_count(layout);
  return max_lines > 0 && n > max_lines ? max_lines : n;
}

/* See pdf_text.h. */
double pdf_text_line_height(pdf_font f) {
  return f.size * LINE_HEIGHT;
}

/* See pdf_text.h. */
double pdf_text_width(pdf_text *t, const char *s, pdf_font f) {
  int rc = fast_lines(t, s, f, 0, 0);
  if (rc == 0) {
    double w = 0;
    for (size_t i = 0; i < t->line_count; i++)
      if (t->lines[i].width > w) w = t->lines[i].width;
    return w;
  }
  if (rc < 0) return 0;
  PangoLayout *layout = pango_layout_for(t, s, f, 0, 0);
  if (layout == NULL) return 0;
  PangoRectangle logical;
  pango_layout_get_extents(layout, NULL, &logical);
  return (double)logical.width / PANGO_SCALE;
}

/* See pdf_text.h. */
double pdf_text_min_width(pdf_text *t, const char *s, pdf_font f) {
  const unsigned char *u = (const unsigned char *)s;
  size_t len = strlen(s), i = 0;
  int bold = f.bold ? 1 : 0, prev = BR_OPEN;
  double seg = 0, widest = 0;
  while (i < len) {
    uint32_t c = pdf_text_next_char(u, len, &i);
    if (c == BAD_CHAR) return pdf_text_width(t, s, f);
    if (c == '\n') {
      prev = BR_OPEN;
      seg = 0;
      continue;
    }
    glyph_info g = pdf_text_glyph(t, c, bold);
    if (g.face < 0) return pdf_text_width(t, s, f);
    if (g.cls == BR_SPACE) {
      seg = 0;
      prev = BR_SPACE;
      continue;
    }
    if (prev != BR_SPACE && pdf_break_between(prev, g.cls, c)) seg = 0;
    seg += g.adv * f.size;
    if (seg > widest) widest = seg;
    prev = g.cls;
  }
  return widest;
}

/* See pdf_text.h. */
double pdf_text_label_width(pdf_text *t, const char *s, pdf_font f) {
  char part[256];
  double widest = 0;
  while (*s) {
    size_t n = strcspn(s, " ");
    if (n >= sizeof part) return pdf_text_width(t, s, f);
    memcpy(part, s, n);
    part[n] = '\0';
    double w = pdf_text_width(t, part, f);
    if (w > widest) widest = w;
    s += n;
    s += strspn(s, " ");
  }
  return widest;
}

/* See pdf_text.h. */
int pdf_text_line_count(pdf_text *t, const char *s, pdf_font f, double width, int max_lines) {
  int rc = fast_lines(t, s, f, width, max_lines);
  if (rc == 0) return (int)t->line_count;
  if (rc < 0) return 1;
  PangoLayout *layout = pango_layout_for(t, s, f, width, max_lines);
  return layout ? pango_lines(layout, max_lines) : 1;
}

/* The x offset of a line of width w in a box of width box. */
static double align_offset(pdf_align align, double box, double w) {
  if (box <= 0 || align == PDF_ALIGN_LEFT) return 0;
  return align == PDF_ALIGN_RIGHT ? box - w : (box - w) / 2;
}

/* See pdf_text.h. */
int pdf_text_layout(pdf_text *t, const char *s, pdf_font f, double width, int max_lines,
                    const pdf_text_line **lines, size_t *count) {
  int rc = fast_lines(t, s, f, width, max_lines);
  *lines = t->lines;
  *count = rc == 0 ? t->line_count : 0;
  return rc;
}

/* See pdf_text.h. */
void pdf_text_draw_lines(pdf_text *t, cairo_t *cr, const char *s, pdf_font f, double x, double y,
                         double width, pdf_align align, const pdf_text_line *lines, size_t count) {
  double lh = f.size * LINE_HEIGHT, base = f.size * BASELINE;
  for (size_t i = 0; i < count; i++)
    draw_fast_line(t, cr, s, &lines[i], f, x + align_offset(align, width, lines[i].width),
                   y + base + lh * (double)i);
}

/* See pdf_text.h. */
int pdf_text_draw(pdf_text *t, cairo_t *cr, const char *s, pdf_font f, double x, double y,
                  double width, int max_lines, pdf_align align) {
  double lh = f.size * LINE_HEIGHT, base = f.size * BASELINE;
  int rc = fast_lines(t, s, f, width, max_lines);
  if (rc < 0) return 0;
  if (rc == 0) {
    for (size_t i = 0; i < t->line_count; i++) {
      const line_span *line = &t->lines[i];
      draw_fast_line(t, cr, s, line, f, x + align_offset(align, width, line->width),
                     y + base + lh * (double)i);
    }
    return (int)t->line_count;
  }
  PangoLayout *layout = pango_layout_for(t, s, f, width, max_lines);
  if (layout == NULL) return 0;
  pdf_text_flush(t, cr);
  int n = pango_lines(layout, max_lines), i = 0;
  for (GSList *l = pango_layout_get_lines_readonly(layout); l && i < n; l = l->next, i++) {
    PangoLayoutLine *line = l->data;
    PangoRectangle logical;
    pango_layout_line_get_extents(line, NULL, &logical);
    double w = (double)logical.width / PANGO_SCALE;
    cairo_move_to(cr, x + align_offset(align, width, w) - (double)logical.x / PANGO_SCALE,
                  y + base + lh * i);
    pango_cairo_show_layout_line(cr, line);
  }
  cairo_new_path(cr);
  return n;
}
