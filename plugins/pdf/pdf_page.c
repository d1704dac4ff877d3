/* pdf_page.c - the page frame and the small drawing and formatting helpers
 * every view uses; see pdf.h. */
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

/* See pdf.h. */
void pdf_fill(pdf_doc *d, double x, double y, double w, double h, uint32_t rgb) {
  /* One rectangle per fill: cairo writes a lone rectangle as a short "re",
   * but a path of several as moves and lines, which costs more. */
  pdf_rgb(d->cr, rgb);
  cairo_rectangle(d->cr, x, y, w, h);
  cairo_fill(d->cr);
}

/* See pdf.h. */
void pdf_hrule(pdf_doc *d, double x0, double x1, double y, double thick, uint32_t rgb) {
  pdf_fill(d, x0, y - thick / 2, x1 - x0, thick, rgb);
}

/* See pdf.h. */
int pdf_draw(pdf_doc *d, const char *s, pdf_font f, uint32_t rgb, double x, double y, double w,
             int max_lines, pdf_align align) {
  if (s == NULL || *s == '\0') return 1;
  int lines = pdf_text_line_count(d->text, s, f, w, max_lines);
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
  d->queue[d->queue_count] =
      (pdf_queued_text){d->queue_used, d->queue_count, f, rgb, x, y, w, max_lines, align};
  d->queue_count++;
  d->queue_used += len;
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
    pdf_text_draw(d->text, d->cr, d->queue_chars + q->text, q->f, q->x, q->y, q->w, q->max_lines,
                  q->align);
  }
  pdf_text_flush(d->text, d->cr);
  d->queue_count = 0;
  d->queue_used = 0;
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

/* The continued label and the title's lines and line width for a title. */
static int title_lines(pdf_doc *d, const char *title, int cont, double *more,
                       const char **cont_label) {
  *cont_label = cont ? pdf_msg(d, "pdf.continued") : NULL;
  *more =
      *cont_label ? pdf_text_width(d->text, *cont_label, d->f_subtitle) + d->f_title.size * 0.6 : 0;
  return pdf_text_line_count(d->text, title, d->f_title, d->x1 - d->x0 - *more, 2);
}

/* See pdf.h. */
double pdf_page_content_top(pdf_doc *d, const char *title, int cont) {
  if (title == NULL) return d->y0;
  double more;
  const char *cont_label;
  int lines = title_lines(d, title, cont, &more, &cont_label);
  return d->y0 + pdf_text_line_height(d->f_title) * lines + d->f_title.size * 0.95;
}

/* See pdf.h. */
double pdf_page_begin(pdf_doc *d, const char *title, int cont) {
  d->page++;
  pdf_fill(d, 0, 0, d->w, d->slides ? 5 : 3.5, BD_COLOR_ACCENT);
  double y = d->y0;
  if (d->running)
    pdf_draw(d, d->running, d->f_frame, BD_COLOR_MUTED, d->x0, d->slides ? 14 : 24, d->x1 - d->x0,
             1, PDF_ALIGN_RIGHT);
  if (title == NULL) return y;
  pdf_font tf = d->f_title;
  double lh = pdf_text_line_height(tf), room = d->x1 - d->x0, more;
  const char *cont_label;
  int lines = title_lines(d, title, cont, &more, &cont_label);
  pdf_draw(d, title, tf, BD_COLOR_TEXT, d->x0, y, room - more, 2, PDF_ALIGN_LEFT);
  if (cont_label) {
    double tw = lines > 1 ? room - more : pdf_text_width(d->text, title, tf);
    double sub_lh = pdf_text_line_height(d->f_subtitle);
    pdf_draw(d, cont_label, d->f_subtitle, BD_COLOR_MUTED, d->x0 + tw + tf.size * 0.6,
             y + lh * lines - sub_lh - (lh - sub_lh) * 0.3, 0, 1, PDF_ALIGN_LEFT);
  }
  y += lh * lines + tf.size * 0.35;
  pdf_hrule(d, d->x0, d->x1, y, d->slides ? 1.2 : 0.8, BD_COLOR_ACCENT);
  return pdf_page_content_top(d, title, cont);
}

/* See pdf.h. */
int pdf_page_end(pdf_doc *d) {
  const bd_report *r = d->r;
  pdf_font f = d->f_frame;
  double lh = pdf_text_line_height(f);
  double y = d->h - (d->slides ? 30 : 40);
  pdf_hrule(d, d->x0, d->x1, y, 0.5, PDF_COLOR_RULE);
  char left[512];
  snprintf(left, sizeof left, "%s%s%s", r->service, r->period ? "  \xc2\xb7  " : "",
           r->period ? r->period : "");
  char right[64];
  snprintf(right, sizeof right, "%d / %d", d->page, d->pages);
  double half = (d->x1 - d->x0) * 0.7;
  pdf_draw(d, left, f, BD_COLOR_MUTED, d->x0, y + lh * 0.35, half, 1, PDF_ALIGN_LEFT);
  pdf_draw(d, right, f, BD_COLOR_MUTED, d->x1 - 80, y + lh * 0.35, 80, 1, PDF_ALIGN_RIGHT);
  flush_texts(d);
  cairo_show_page(d->cr);
  if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS || pdf_text_failed(d->text))
    d->failed = 1;
  return d->failed ? -1 : 0;
}

/* See pdf.h. */
const char *pdf_msg(pdf_doc *d, const char *key) {
  const char *s = d->host->message(d->req->output, key);
  return s ? s : key;
}

/* See pdf.h. */
const char *pdf_enum_label(pdf_doc *d, const char *prefix, const char *name) {
  char key[96];
  snprintf(key, sizeof key, "%s.%s", prefix, name);
  const char *s = d->host->message(d->req->output, key);
  return s && strcmp(s, key) != 0 ? s : name;
}

/* See pdf.h. */
const char *pdf_category(pdf_doc *d, size_t c) {
  return pdf_enum_label(d, "category", d->r->categories[c]);
}

/* The next scratch buffer of the ring. */
static char *next_buf(pdf_doc *d) {
  return d->fmt[d->fmt_next++ % 8];
}

/* See pdf.h. */
const char *pdf_amount(pdf_doc *d, double v, int compact) {
  char *buf = next_buf(d);
  d->host->format_amount(v, compact ? NULL : d->r->currency, compact, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pdf.h. */
const char *pdf_duration(pdf_doc *d, double hours) {
  char *buf = next_buf(d);
  d->host->format_duration(hours, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pdf.h. */
const char *pdf_share(pdf_doc *d, double share) {
  char *buf = next_buf(d);
  d->host->format_share(share, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pdf.h. */
uint32_t pdf_cell_color(bd_cell cell) {
  switch (cell) {
  case BD_CELL_PLANNED:
    return BD_COLOR_CELL_PLANNED;
  case BD_CELL_IMPLEMENTED:
    return BD_COLOR_CELL_IMPLEMENTED;
  case BD_CELL_STALE:
    return BD_COLOR_CELL_STALE;
  case BD_CELL_VERIFIED:
    return BD_COLOR_CELL_VERIFIED;
  case BD_CELL_FAILING:
    return BD_COLOR_CELL_FAILING;
  default:
    return BD_COLOR_CELL_NONE;
  }
}

/* See pdf.h. */
uint32_t pdf_decision_color(bd_decision decision) {
  switch (decision) {
  case BD_DECISION_MITIGATE:
    return BD_COLOR_ACCENT;
  case BD_DECISION_ACCEPT:
    return BD_COLOR_CELL_STALE;
  case BD_DECISION_ACCEPTED:
    return BD_COLOR_CELL_PLANNED;
  default:
    return BD_COLOR_CELL_NONE;
  }
}

/* See pdf.h. */
double pdf_pill(pdf_doc *d, const char *label, pdf_font f, uint32_t bg, double x, double y,
                double w) {
  double lh = pdf_text_line_height(f);
  if (w <= 0) w = pdf_text_width(d->text, label, f) + f.size * 1.2;
  pdf_fill(d, x, y, w, lh + f.size * 0.1, bg);
  pdf_draw(d, label, f, pdf_dark(bg) ? PDF_COLOR_WHITE : BD_COLOR_TEXT, x, y + f.size * 0.05, w, 1,
           PDF_ALIGN_CENTER);
  return w;
}

/* See pdf.h. */
size_t pdf_paginate(size_t n, double first_room, double room, double (*height)(void *ctx, size_t i),
                    int (*keep)(void *ctx, size_t i), void *ctx, size_t **starts) {
  size_t cap = 16, count = 0;
  size_t *s = malloc(cap * sizeof *s);
  if (s == NULL) return 0;
  s[count++] = 0;
  size_t page_start = 0;
  double left = first_room;
  for (size_t i = 0; i < n; i++) {
    double h = height(ctx, i);
    if (h > left && i > page_start) {
      size_t cut = i;
      while (keep && cut > page_start + 1 && keep(ctx, cut - 1)) cut--;
      if (count == cap) {
        size_t *grown = realloc(s, 2 * cap * sizeof *s);
        if (grown == NULL) {
          free(s);
          return 0;
        }
        s = grown;
        cap *= 2;
      }
      s[count++] = cut;
      page_start = cut;
      left = room;
      for (size_t j = cut; j < i; j++) left -= height(ctx, j);
    }
    left -= h;
  }
  *starts = s;
  return count;
}
