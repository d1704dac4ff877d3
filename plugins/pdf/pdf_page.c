/* pdf_page.c - the page frame and the small drawing and formatting helpers
 * every view uses; see pdf.h. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* See pdf.h. */
void pdf_type_setup(pdf_doc *d) {
  if (d->slides) {
    /* Type that reads from the back of a room: the deck's heading and
     * table text (deck_metrics.h at 3/4, as the slide plan measured them),
     * nothing (footer included) under 12 pt. */
    int deck = !d->chart; /* a chart for slides keeps its own type */
    d->f_cell = (pdf_font){deck ? deck_pt(DECK_CELL_FONT) : 14, 0};
    d->f_head = (pdf_font){deck ? 12 : 13, 1};
    d->f_small = (pdf_font){12, 0};
    d->f_title = (pdf_font){deck ? deck_pt(DECK_HEAD_FONT) : 30, 1};
    d->f_subtitle = (pdf_font){16, 0};
    d->f_frame = (pdf_font){12, 0};
    d->pad = deck ? deck_pt(DECK_CELL_PAD_Y) : 4;
    d->row_lines = 2;
  } else {
    d->f_cell = (pdf_font){7.5, 0};
    d->f_head = (pdf_font){6.8, 1};
    d->f_small = (pdf_font){6.5, 0};
    d->f_title = (pdf_font){16, 1};
    d->f_subtitle = (pdf_font){8.5, 0};
    d->f_frame = (pdf_font){7, 0};
    d->pad = 3.2;
    d->row_lines = 4;
  }
  d->f_cell_bold = (pdf_font){d->f_cell.size, 1};
}

/* See pdf.h. */
void pdf_doc_free(pdf_doc *d) {
  free(d->shapes);
  free(d->queue);
  free(d->queue_chars);
  free(d->lines);
  pdf_plan_state_free(&d->own_state, d->r);
}

/* See pdf.h. */
void pdf_plan_state_free(pdf_plan_state *s, const bd_report *r) {
  free(s->decision_heights);
  free(s->matrix_heights);
  free(s->coverage_heights);
  free(s->appendix_heights);
  free(s->decision_starts);
  free(s->matrix_starts);
  free(s->coverage_starts);
  free(s->appendix_rows);
  free(s->appendix_starts);
  for (size_t t = 0; s->tree_plans && r && t < r->tree_count; t++) free(s->tree_plans[t].cuts);
  free(s->tree_plans);
  free(s->tree_first);
  free(s->matrix_loss_page);
  free(s->scenario_tree_page);
  free(s->changes_starts);
  free(s->changes_heights);
  memset(s, 0, sizeof *s);
}

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
  if (d->chart) return pdf_chart_content_top(d, title);
  if (title == NULL) return d->y0;
  double more;
  const char *cont_label;
  int lines = title_lines(d, title, cont, &more, &cont_label);
  if (d->slides && !d->chart) /* the body starts where the deck's sizes put it */
    return d->y0 + pdf_text_line_height(d->f_title) * lines + deck_pt(DECK_BODY_TOP);
  return d->y0 + pdf_text_line_height(d->f_title) * lines + d->f_title.size * 0.95;
}

/* See pdf.h. */
double pdf_page_begin(pdf_doc *d, const char *title, int cont) {
  if (d->chart) return pdf_chart_part_begin(d, title);
  d->page++;
  pdf_fill(d, PDF_LAYER_BASE, 0, 0, d->w, d->slides ? 5 : 3.5, BD_COLOR_ACCENT);
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
  y += lh * lines + (d->slides ? deck_pt(DECK_BODY_TOP) / 2 : tf.size * 0.35);
  pdf_hrule(d, d->x0, d->x1, y, d->slides ? 1.2 : 0.8, BD_COLOR_ACCENT);
  return pdf_page_content_top(d, title, cont);
}

/* See pdf.h. */
double pdf_slide_begin(pdf_doc *d, const deck_slide *s, const char *title, int cont) {
  return s ? pdf_page_begin(d, s->heading, 0) : pdf_page_begin(d, title, cont);
}

/* See pdf.h. */
const deck_slide *pdf_deck_view(const pdf_doc *d, deck_kind kind, size_t tree, size_t *count) {
  *count = 0;
  if (d->deck == NULL || d->chart) return NULL;
  return deck_plan_view(d->deck, d->plan, kind, tree, count);
}

/* See pdf.h. */
size_t pdf_paginate_planned(const deck_slide *slides, size_t count, size_t n,
                            double (*height)(void *ctx, size_t i), void *ctx, size_t **starts,
                            double **heights) {
  size_t *s = malloc((count ? count : 1) * sizeof *s);
  double *hs = malloc((n ? n : 1) * sizeof *hs);
  if (s == NULL || hs == NULL || count == 0) {
    free(s);
    free(hs);
    return 0;
  }
  for (size_t p = 0; p < count; p++) s[p] = slides[p].first;
  for (size_t i = 0; i < n; i++) hs[i] = height(ctx, i);
  *starts = s;
  *heights = hs;
  return count;
}

/* See pdf.h. */
int pdf_page_end(pdf_doc *d) {
  if (d->chart) {
    pdf_chart_part_end(d);
    return d->failed ? -1 : 0;
  }
  pdf_footer(d);
  pdf_flush(d);
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
const char *pdf_money(pdf_doc *d, double v, const char *currency, int flags) {
  char *buf = next_buf(d);
  d->host->format_money(v, currency, flags, d->req->lang, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pdf.h. */
const char *pdf_amount(pdf_doc *d, double v, int compact) {
  return pdf_money(d, v, d->r->currency, compact ? BD_MONEY_COMPACT | BD_MONEY_BARE : 0);
}

/* See pdf.h. */
const char *pdf_slo(pdf_doc *d, double slo_percent) {
  char *buf = next_buf(d);
  d->host->format_slo(slo_percent, buf, sizeof d->fmt[0]);
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
const char *pdf_amount_sample(pdf_doc *d, double max) {
  /* The widest is max itself or a value just below where rounding moves
   * to the next unit or drops the decimal ("999K", "9,995万", "9.9M"), as
   * the host writes it in the request's language; its digits become 8s. */
  /* Widest by measure, not by length: "888K" is wider than "8.8M". */
  char *widest = next_buf(d), text[64];
  double widest_w = -1;
  double candidate = max;
  widest[0] = '\0';
  for (int k = 1; k <= 16; k++) {
    if (candidate >= 0) {
      size_t n = d->host->format_money(candidate, d->r->currency, BD_MONEY_COMPACT | BD_MONEY_BARE,
                                       d->req->lang, text, sizeof text);
      if (n < sizeof d->fmt[0]) {
        for (size_t i = 0; i < n; i++) text[i] = text[i] >= '0' && text[i] <= '9' ? '8' : text[i];
        double w = pdf_text_width(d->text, text, d->f_cell_bold);
        if (w > widest_w) {
          memcpy(widest, text, n + 1);
          widest_w = w;
        }
      }
    }
    candidate = floor(pow(10, k) * 0.9995) - 1; /* 8, 98, 998, 9,993, ... */
    if (candidate > max) break;
  }
  return widest;
}

/* See pdf.h. */
const char *pdf_duration_sample(double max_hours) {
  /* "59m", "23h 59m", "9d 23h" ... "9999d 23h" (two units at most); a
   * smaller value may take the wider hours-and-minutes form. */
  if (!(max_hours >= 1)) return "88m";
  double days = max_hours / 24;
  return days < 99.5 ? "88h 88m" : days < 999.5 ? "888d 88h" : "8888d 88h";
}

/* See pdf.h. */
const char *pdf_kind_letter(pdf_doc *d, bd_kind kind, char *buf, size_t size) {
  const char *label = pdf_enum_label(d, "kind", bd_kind_name(kind));
  size_t n = 1;
  while (label[0] && label[n] && ((unsigned char)label[n] & 0xC0) == 0x80) n++;
  snprintf(buf, size, "%.*s", (int)n, label);
  return buf;
}

/* See pdf.h. */
void pdf_kind_key(pdf_doc *d, double x, double y, double w) {
  char buf[512];
  size_t used = 0;
  for (int k = 0; k < BD_KIND_COUNT && used < sizeof buf; k++) {
    char letter[8];
    int n = snprintf(buf + used, sizeof buf - used, "%s%s %s", k ? "   " : "",
                     pdf_kind_letter(d, (bd_kind)k, letter, sizeof letter),
                     pdf_enum_label(d, "kind", bd_kind_name((bd_kind)k)));
    if (n > 0) used += (size_t)n;
  }
  pdf_draw(d, buf, d->f_small, BD_COLOR_MUTED, x, y + (d->f_head.size - d->f_small.size), w, 1,
           PDF_ALIGN_RIGHT);
}

/* See pdf.h. */
const char *pdf_cell_mark(bd_cell cell) {
  switch (cell) {
  case BD_CELL_PLANNED:
    return "\xe2\x97\x8b"; /* ○ */
  case BD_CELL_IMPLEMENTED:
    return "\xe2\x97\x8f"; /* ● */
  case BD_CELL_STALE:
    return "\xe2\x97\x90"; /* ◐ */
  case BD_CELL_VERIFIED:
    return "\xe2\x9c\x93"; /* ✓ */
  case BD_CELL_FAILING:
    return "\xe2\x9c\x97"; /* ✗ */
  default:
    return "\xe2\x80\x93"; /* – */
  }
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
  pdf_fill(d, PDF_LAYER_MARK, x, y, w, lh + f.size * 0.1, bg);
  pdf_draw(d, label, f, pdf_dark(bg) ? PDF_COLOR_WHITE : BD_COLOR_TEXT, x, y + f.size * 0.05, w, 1,
           PDF_ALIGN_CENTER);
  return w;
}

/* See pdf.h. */
size_t pdf_paginate(size_t n, double first_room, double room, double (*height)(void *ctx, size_t i),
                    int (*keep)(void *ctx, size_t i), double (*lead)(void *ctx, size_t first),
                    void *ctx, size_t max_rows, size_t counted, size_t **starts, double **heights) {
  size_t cap = 16, count = 0;
  size_t *s = malloc(cap * sizeof *s);
  double *hs = malloc((n ? n : 1) * sizeof *hs);
  if (s == NULL || hs == NULL) {
    free(s);
    free(hs);
    return 0;
  }
  s[count++] = 0;
  size_t page_start = 0;
  double left = first_room;
  for (size_t i = 0; i < n; i++) {
    double h = hs[i] = height(ctx, i);
    int full = max_rows && i < counted && i - page_start >= max_rows;
    if ((h > left || full) && i > page_start) {
      size_t cut = i;
      while (keep && cut > page_start + 1 && keep(ctx, cut - 1)) cut--;
      if (count == cap) {
        size_t *grown = realloc(s, 2 * cap * sizeof *s);
        if (grown == NULL) {
          free(s);
          free(hs);
          return 0;
        }
        s = grown;
        cap *= 2;
      }
      s[count++] = cut;
      page_start = cut;
      left = room - (lead ? lead(ctx, cut) : 0);
      for (size_t j = cut; j < i; j++) left -= hs[j];
    }
    left -= h;
  }
  *starts = s;
  *heights = hs;
  return count;
}
