/* pdf_draw.c - the drawing primitives of a page: colours, the shape and text
 * queues (drawn in layers when the page ends), links; see pdf.h.  Knows
 * nothing of pages, charts or footers, which draw through it. */
#include "pdf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* See pdf.h. */
void pdf_rgb(cairo_t *cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

/* See pdf.h. */
uint32_t pdf_mix(uint32_t a, uint32_t b, double t) {
  if (!(t > 0)) return a;
  if (t > 1) t = 1;
  uint32_t out = 0;
  for (int shift = 16; shift >= 0; shift -= 8) {
    double ca = (a >> shift) & 0xFF, cb = (b >> shift) & 0xFF;
    out |= (uint32_t)lround(ca + (cb - ca) * t) << shift;
  }
  return out;
}

/* See pdf.h. */
int pdf_dark(uint32_t bg) {
  double r = ((bg >> 16) & 0xFF) / 255.0, g = ((bg >> 8) & 0xFF) / 255.0, b = (bg & 0xFF) / 255.0;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45;
}

/* Queues a shape. */
static void add_shape(pdf_doc *d, pdf_layer layer, int kind, double x, double y, double w, double h,
                      double line, uint32_t rgb) {
  if (d->shape_count == d->shape_cap) {
    size_t cap = d->shape_cap ? 2 * d->shape_cap : 256;
    pdf_shape *s = realloc(d->shapes, cap * sizeof *s);
    if (s == NULL) {
      d->failed = 1;
      return;
    }
    d->shapes = s;
    d->shape_cap = cap;
  }
  d->shapes[d->shape_count] = (pdf_shape){
      x, y, w, h, rgb, (uint32_t)d->shape_count, (uint8_t)layer, (uint8_t)kind, (float)line};
  d->shape_count++;
  double low = kind == 2 ? (y > h ? y : h) + line / 2 : y + h + (kind == 1 ? line / 2 : 0);
  if (low > d->bottom) d->bottom = low;
}

/* See pdf.h. */
void pdf_fill(pdf_doc *d, pdf_layer layer, double x, double y, double w, double h, uint32_t rgb) {
  if (w > 0 && h > 0) add_shape(d, layer, 0, x, y, w, h, 0, rgb);
}

/* See pdf.h. */
void pdf_frame(pdf_doc *d, double x, double y, double w, double h, double line, uint32_t rgb) {
  add_shape(d, PDF_LAYER_RULE, 1, x, y, w, h, line, rgb);
}

/* See pdf.h. */
void pdf_line(pdf_doc *d, double x0, double y0, double x1, double y1, double line, uint32_t rgb) {
  add_shape(d, PDF_LAYER_RULE, 2, x0, y0, x1, y1, line, rgb);
}

/* See pdf.h. */
void pdf_hrule(pdf_doc *d, double x0, double x1, double y, double thick, uint32_t rgb) {
  pdf_fill(d, PDF_LAYER_RULE, x0, y - thick / 2, x1 - x0, thick, rgb);
}

/* Orders shapes by layer, kind, colour, line width, then call order. */
static int by_layer(const void *pa, const void *pb) {
  const pdf_shape *a = pa, *b = pb;
  if (a->layer != b->layer) return a->layer < b->layer ? -1 : 1;
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  if (a->rgb != b->rgb) return a->rgb < b->rgb ? -1 : 1;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Draws the queued shapes of the page and empties the queue.  A lone
 * rectangle is written as a short "re" (a path of several would be moves
 * and lines), so fills and frames go one by one; lines of one colour and
 * width go as one path. */
static void flush_shapes(pdf_doc *d) {
  cairo_t *cr = d->cr;
  qsort(d->shapes, d->shape_count, sizeof *d->shapes, by_layer);
  uint32_t rgb = 0x1000000; /* no colour yet */
  double line = -1;
  for (size_t i = 0; i < d->shape_count; i++) {
    const pdf_shape *s = &d->shapes[i];
    if (s->rgb != rgb) pdf_rgb(cr, rgb = s->rgb);
    if (s->kind != 0 && s->line != line) cairo_set_line_width(cr, line = s->line);
    if (s->kind == 0) {
      cairo_rectangle(cr, s->x, s->y, s->w, s->h);
      cairo_fill(cr);
    } else if (s->kind == 1) {
      cairo_rectangle(cr, s->x, s->y, s->w, s->h);
      cairo_stroke(cr);
    } else {
      cairo_move_to(cr, s->x, s->y);
      cairo_line_to(cr, s->w, s->h);
      const pdf_shape *next = i + 1 < d->shape_count ? &d->shapes[i + 1] : NULL;
      if (!next || next->kind != 2 || next->rgb != s->rgb || next->line != s->line ||
          next->layer != s->layer)
        cairo_stroke(cr);
    }
  }
  d->shape_count = 0;
}

/* See pdf.h. */
int pdf_draw(pdf_doc *d, const char *s, pdf_font f, uint32_t rgb, double x, double y, double w,
             int max_lines, pdf_align align) {
  if (s == NULL || *s == '\0') return 1;
  /* Break the text into lines once, now; drawing uses these lines. */
  const pdf_text_line *spans;
  size_t count;
  int fast = pdf_text_layout(d->text, s, f, w, max_lines, &spans, &count), lines = 1;
  if (fast < 0) goto exhausted;
  lines = fast == 0 ? (int)count : pdf_text_line_count(d->text, s, f, w, max_lines);
  if (fast == 0 && d->line_count + count > d->line_cap) {
    size_t cap = d->line_cap ? 2 * d->line_cap : 1024;
    while (cap < d->line_count + count) cap *= 2;
    pdf_text_line *l = realloc(d->lines, cap * sizeof *l);
    if (l == NULL) goto exhausted;
    d->lines = l;
    d->line_cap = cap;
  }
  size_t len = strlen(s) + 1;
  if (d->queue_count == d->queue_cap) {
    size_t cap = d->queue_cap ? 2 * d->queue_cap : 256;
    pdf_queued_text *q = realloc(d->queue, cap * sizeof *q);
    if (q == NULL) goto exhausted;
    d->queue = q;
    d->queue_cap = cap;
  }
  if (d->queue_used + len > d->queue_size) {
    size_t size = d->queue_size ? 2 * d->queue_size : 16384;
    while (size < d->queue_used + len) size *= 2;
    char *c = realloc(d->queue_chars, size);
    if (c == NULL) goto exhausted;
    d->queue_chars = c;
    d->queue_size = size;
  }
  memcpy(d->queue_chars + d->queue_used, s, len);
  d->queue[d->queue_count] = (pdf_queued_text){
      d->queue_used, d->queue_count, d->line_count, fast == 0 ? (int)count : -1, f, rgb, x, y, w,
      max_lines,     align};
  if (fast == 0) {
    memcpy(d->lines + d->line_count, spans, count * sizeof *spans);
    d->line_count += count;
  }
  d->queue_count++;
  d->queue_used += len;
  if (y + lines * pdf_text_line_height(f) > d->bottom)
    d->bottom = y + lines * pdf_text_line_height(f);
  return lines;
exhausted:
  d->failed = 1;
  return lines;
}

/* Orders queued texts by colour, font, then position and call order. */
static int by_style(const void *pa, const void *pb) {
  const pdf_queued_text *a = pa, *b = pb;
  if (a->rgb != b->rgb) return a->rgb < b->rgb ? -1 : 1;
  if (a->f.size != b->f.size) return a->f.size < b->f.size ? -1 : 1;
  if (a->f.bold != b->f.bold) return a->f.bold < b->f.bold ? -1 : 1;
  if (a->y != b->y) return a->y < b->y ? -1 : 1;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Draws the queued texts of the page and empties the queue. */
static void flush_texts(pdf_doc *d) {
  qsort(d->queue, d->queue_count, sizeof *d->queue, by_style);
  uint32_t rgb = 0x1000000; /* no colour yet */
  for (size_t i = 0; i < d->queue_count; i++) {
    const pdf_queued_text *q = &d->queue[i];
    if (q->rgb != rgb) {
      pdf_text_flush(d->text, d->cr);
      pdf_rgb(d->cr, rgb = q->rgb);
    }
    if (q->lines >= 0)
      pdf_text_draw_lines(d->text, d->cr, d->queue_chars + q->text, q->f, q->x, q->y, q->w,
                          q->align, d->lines + q->line, (size_t)q->lines);
    else
      pdf_text_draw(d->text, d->cr, d->queue_chars + q->text, q->f, q->x, q->y, q->w, q->max_lines,
                    q->align);
  }
  pdf_text_flush(d->text, d->cr);
  d->queue_count = 0;
  d->queue_used = 0;
  d->line_count = 0;
}

/* See pdf.h. */
void pdf_flush(pdf_doc *d) {
  flush_shapes(d);
  flush_texts(d);
}

/* See pdf.h. */
void pdf_link(pdf_doc *d, double x, double y, double w, double h, int page) {
  if (page < 1 || page > d->pages) return;
  /* Integers only: printf's %f would follow the locale's decimal point. */
  char attrs[160];
  snprintf(attrs, sizeof attrs, "rect=[%ld %ld %ld %ld] page=%d pos=[0 0]", lround(x), lround(y),
           lround(w), lround(h), page);
  cairo_tag_begin(d->cr, CAIRO_TAG_LINK, attrs);
  cairo_tag_end(d->cr, CAIRO_TAG_LINK);
}

/* See pdf.h. */
double pdf_pill(pdf_doc *d, const char *label, pdf_font f, uint32_t bg, double x, double y,
                double w) {
  double lh = pdf_text_line_height(f);
  if (w <= 0) w = pdf_text_width(d->text, label, f) + f.size * 1.2;
  pdf_fill(d, PDF_LAYER_MARK, x, y, w, lh + f.size * 0.1, bg);
  pdf_draw(d, label, f, pdf_dark(bg) ? PDF_COLOR_WHITE : BD_COLOR_TEXT, x, y + f.size * 0.05, w, 1,
           PDF_ALIGN_CENTER);
  return w;
}
