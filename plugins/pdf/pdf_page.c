/* pdf_page.c - the page frame: type sizes, the page and slide frames, the
 * pagination of rows over pages; see pdf.h. */
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
