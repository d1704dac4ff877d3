/*
 * pdf_heatmap.c - the coverage heatmap: scenarios (grouped like the loss
 * matrix) against the four kinds of measure, each cell in the colour of its
 * state and with the state's word, so colour is never the only signal.
 * Every page starts with the covered and verified shares and the legend
 * (each state, its colour and how many cells are in it).  Slides draw the
 * compact heatmap of pdf_heatmap_slide.c instead.
 */
#include "pdf.h"

#include <stdio.h>

/* The columns and the doc. */
typedef struct heatmap {
  pdf_doc *d;
  pdf_col cols[1 + BD_KIND_COUNT];
  pdf_groups groups; /* the group headers a continued page repeats */
  int cont;          /* 1: group headers are drawn as repeats, "... (continued)" */
  char cont_title[1024];
} heatmap;

/* Lays out the columns: the title, then one per kind. */
static void heatmap_open(pdf_doc *d, heatmap *h) {
  h->d = d;
  h->cont = 0;
  pdf_groups_reset(&h->groups, d->r);
  h->cols[0] = (pdf_col){pdf_msg(d, "column.scenario"), 0, PDF_ALIGN_LEFT, 0};
  double w = 0;
  for (int c = 0; c < BD_CELL_COUNT; c++) {
    double x =
        pdf_text_width(d->text, pdf_enum_label(d, "cell", bd_cell_name((bd_cell)c)), d->f_cell) +
        4 * d->pad;
    if (x > w) w = x;
  }
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    const char *label = pdf_enum_label(d, "kind", bd_kind_name((bd_kind)k));
    double x = pdf_col_width(d, "", label);
    h->cols[1 + k] = (pdf_col){label, x > w ? x : w, PDF_ALIGN_CENTER, 0};
  }
  pdf_cols_place(h->cols, 1 + BD_KIND_COUNT, d->x0, d->x1);
}

/* The title, font, x and width of row i's title. */
static const char *row_title(heatmap *h, size_t i, pdf_font *f, double *x, double *w) {
  pdf_doc *d = h->d;
  const bd_report *r = d->r;
  const bd_matrix_row *row = r->matrix_rows[i];
  double indent = d->f_cell.size * 0.9;
  *x = d->x0 + d->pad;
  *w = d->x1 - d->x0 - 2 * d->pad;
  *f = d->f_cell;
  if (row->type == BD_ROW_LOSS) {
    *f = d->f_cell_bold;
    const char *t = r->losses[row->index]->title;
    return h->cont ? pdf_continued(d, t, h->cont_title, sizeof h->cont_title) : t;
  }
  if (row->type == BD_ROW_FAILURE) {
    *x += indent;
    *w -= indent;
    const char *t = r->failures[row->index]->title;
    return h->cont ? pdf_continued(d, t, h->cont_title, sizeof h->cont_title) : t;
  }
  *x += 2 * indent;
  *w = h->cols[0].w - 2 * d->pad - 2 * indent;
  return r->scenarios[row->index]->title;
}

/* Lines a title may take. */
static int title_lines(const pdf_doc *d) {
  return d->slides ? 2 : 3;
}

/* Height of row i. */
static double row_height(void *ctx, size_t i) {
  heatmap *h = ctx;
  pdf_font f;
  double x, w;
  const char *title = row_title(h, i, &f, &x, &w);
  return pdf_row_height(h->d, f, pdf_text_line_count(h->d->text, title, f, w, title_lines(h->d)));
}

/* The height of the group headers a page starting at row `first` repeats. */
static double row_lead(void *ctx, size_t first) {
  heatmap *h = ctx;
  size_t heads[2], n = pdf_groups_at(&h->groups, first, heads);
  double height = 0;
  h->cont = 1;
  for (size_t k = 0; k < n; k++) height += row_height(h, heads[k]);
  h->cont = 0;
  return height;
}

/* A group header must not end a page. */
static int row_keep(void *ctx, size_t i) {
  heatmap *h = ctx;
  return h->d->r->matrix_rows[i]->type != BD_ROW_SCENARIO;
}

/* See pdf.h. */
double pdf_heatmap_legend(pdf_doc *d, double swatch_w, double y, int draw) {
  const bd_report *r = d->r;
  char buf[256];
  snprintf(buf, sizeof buf, "%s %s  \xc2\xb7  %s %s", pdf_msg(d, "figure.coverage"),
           pdf_share(d, r->coverage), pdf_msg(d, "figure.verified_coverage"),
           pdf_share(d, r->verified_coverage));
  double lh = pdf_text_line_height(d->f_cell), top = y;
  if (draw) pdf_draw(d, buf, d->f_cell_bold, BD_COLOR_TEXT, d->x0, y, d->x1 - d->x0, 1, 0);
  y += lh + d->pad;
  /* The swatches: as wide as a grid cell; on slides in the smaller type, so
   * that the legend takes one line. */
  pdf_font lf = d->slides ? d->f_small : d->f_cell;
  double x = d->x0, sw = swatch_w;
  char words[BD_CELL_COUNT][128];
  for (int c = 0; c < BD_CELL_COUNT; c++) {
    const char *word = pdf_enum_label(d, "cell", bd_cell_name((bd_cell)c));
    if (d->slides && !d->chart) /* with the mark of the compact heatmap's cells */
      snprintf(words[c], sizeof words[c], "%s %s", pdf_cell_mark((bd_cell)c), word);
    else
      snprintf(words[c], sizeof words[c], "%s", word);
  }
  if (d->slides) {
    sw = 0;
    for (int c = 0; c < BD_CELL_COUNT; c++) {
      double ww = pdf_text_width(d->text, words[c], lf) + 3 * d->pad;
      if (ww > sw) sw = ww;
    }
    lh = pdf_text_line_height(lf);
  }
  for (int c = 0; c < BD_CELL_COUNT; c++) {
    const char *word = words[c];
    char count[32];
    snprintf(count, sizeof count, "%zu", r->cell_counts[c]);
    double cw = pdf_text_width(d->text, count, d->f_small) + d->pad;
    if (x + sw + cw > d->x1) {
      x = d->x0;
      y += lh + 2 * d->pad;
    }
    if (draw) {
      uint32_t bg = pdf_cell_color((bd_cell)c);
      pdf_fill(d, PDF_LAYER_BASE, x, y, sw, lh + d->pad, bg);
      pdf_draw(d, word, lf, pdf_dark(bg) ? PDF_COLOR_WHITE : BD_COLOR_TEXT, x, y + d->pad / 2, sw,
               1, PDF_ALIGN_CENTER);
      pdf_draw(d, count, d->f_small, BD_COLOR_MUTED, x + sw + d->pad / 2,
               y + d->pad / 2 + (lh - pdf_text_line_height(d->f_small)) / 2, 0, 1, 0);
    }
    x += sw + cw + 2 * d->pad;
  }
  y += lh + d->pad;
  return y - top + 2 * d->pad;
}

/* y of the first row of a page. */
static double rows_top(heatmap *h, int first) {
  pdf_doc *d = h->d;
  double y = pdf_page_content_top(d, pdf_msg(d, "heading.coverage"), !first);
  return y + pdf_heatmap_legend(d, h->cols[1].w, y, 0) +
         pdf_cols_header_height(d, h->cols, 1 + BD_KIND_COUNT);
}

/* See pdf.h. */
size_t pdf_heatmap_paginate(pdf_doc *d) {
  if (d->slides && !d->chart) return pdf_heatmap_slide_paginate(d);
  heatmap h;
  heatmap_open(d, &h);
  size_t pages = pdf_paginate(d->r->matrix_row_count, d->y1 - rows_top(&h, 1),
                              d->y1 - rows_top(&h, 0), row_height, row_keep, row_lead, &h, 0,
                              d->r->matrix_row_count, &d->coverage_starts, &d->coverage_heights);
  d->coverage_page_count = pages;
  return pages;
}

/* Draws row i at y; returns its height. */
static double draw_row(heatmap *h, size_t i, double y) {
  pdf_doc *d = h->d;
  const bd_report *r = d->r;
  const bd_matrix_row *row = r->matrix_rows[i];
  double rh = h->cont ? row_height(h, i) : d->coverage_heights[i];
  pdf_font f;
  double x, w;
  const char *title = row_title(h, i, &f, &x, &w);
  if (row->type == BD_ROW_LOSS)
    pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, rh, PDF_COLOR_GROUP);
  if (row->type == BD_ROW_FAILURE)
    pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, rh, PDF_COLOR_SUBGROUP);
  pdf_draw(d, title, f, BD_COLOR_TEXT, x, y + d->pad, w, title_lines(d), PDF_ALIGN_LEFT);
  if (row->type != BD_ROW_SCENARIO) return rh;
  const bd_scenario *s = r->scenarios[row->index];
  double lh = pdf_text_line_height(d->f_cell);
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    const pdf_col *c = &h->cols[1 + k];
    uint32_t bg = pdf_cell_color(s->coverage[k]);
    pdf_fill(d, PDF_LAYER_BASE, c->x + 1, y + 1, c->w - 2, rh - 2, bg);
    pdf_draw(d, pdf_enum_label(d, "cell", bd_cell_name(s->coverage[k])), d->f_cell,
             pdf_dark(bg) ? PDF_COLOR_WHITE : BD_COLOR_TEXT, c->x, y + (rh - lh) / 2, c->w, 1,
             PDF_ALIGN_CENTER);
  }
  return rh;
}

/* See pdf.h. */
int pdf_heatmap_draw(pdf_doc *d) {
  if (d->slides && !d->chart) return pdf_heatmap_slide_draw(d);
  heatmap h;
  heatmap_open(d, &h);
  int rc = 0;
  size_t n = d->r->matrix_row_count;
  for (size_t p = 0; p < d->coverage_page_count && rc == 0; p++) {
    double y = pdf_page_begin(d, pdf_msg(d, "heading.coverage"), p > 0);
    y += pdf_heatmap_legend(d, h.cols[1].w, y, 1);
    y += pdf_cols_header(d, h.cols, 1 + BD_KIND_COUNT, y);
    size_t heads[2], repeats = pdf_groups_at(&h.groups, d->coverage_starts[p], heads);
    h.cont = 1;
    for (size_t k = 0; k < repeats; k++) y += draw_row(&h, heads[k], y);
    h.cont = 0;
    size_t end = p + 1 < d->coverage_page_count ? d->coverage_starts[p + 1] : n;
    for (size_t i = d->coverage_starts[p]; i < end; i++) y += draw_row(&h, i, y);
    rc = pdf_page_end(d);
  }
  return rc;
}
