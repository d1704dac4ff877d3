/*
 * pdf_matrix.c - the loss matrix: scenarios grouped by loss and failure
 * type, one column per loss category with the current yearly loss shaded by
 * size, then the row total, the downtime, the planned total and the
 * decision; a total row at the end.  Cut into pages between rows (never
 * after a group header), the header row repeated on every page.
 */
#include "pdf.h"

#include "../deck/deck_figures.h"

#include <stdio.h>
#include <stdlib.h>

/* The columns and what pagination and drawing need to know about them. */
typedef struct matrix {
  pdf_doc *d;
  pdf_col *cols;
  size_t n;     /* columns: title, categories, total, [90% range,] downtime, planned, decision */
  size_t total; /* index of the total column */
  size_t range; /* index of the 90% range column (a plan with ranges), else 0 */
  size_t rest;  /* index of the downtime column; planned and decision follow */
  double indent;
  pdf_type saved; /* the type before a wide matrix was scaled down */
  char caption[512];
  pdf_groups groups; /* the group headers a continued page repeats */
  int cont;          /* 1: group headers are drawn as repeats, "... (continued)" */
  char cont_title[1024];
} matrix;

/* Sets the widths of the columns at the current type. */
static void matrix_columns(pdf_doc *d, matrix *m) {
  const bd_report *r = d->r;
  m->indent = d->f_cell.size * 0.9;
  /* Every figure is at most the plan's total of its column (all are >= 0),
   * which the total row shows: size each column for that. */
  const bd_totals *now = r->totals[BD_STATE_CURRENT];
  m->cols[0] = (pdf_col){pdf_msg(d, "column.scenario"), 0, PDF_ALIGN_LEFT, 0};
  for (size_t c = 0; c < r->category_count; c++) {
    const char *label = pdf_category(d, c);
    m->cols[1 + c] =
        (pdf_col){label, pdf_col_width(d, pdf_amount_sample(d, now->by_category[c]), label),
                  PDF_ALIGN_RIGHT, 0};
  }
  const char *labels[4] = {pdf_msg(d, "column.total"), pdf_msg(d, "column.downtime"),
                           pdf_msg(d, "column.planned"), pdf_msg(d, "column.decision")};
  double planned = r->totals[BD_STATE_PLANNED]->eal;
  const char *samples[4] = {pdf_amount_sample(d, now->eal), pdf_duration_sample(now->downtime_h),
                            pdf_amount_sample(d, planned > now->eal ? planned : now->eal), NULL};
  double dw = 0;
  for (int k = 0; k < 4; k++) {
    const char *w = pdf_enum_label(d, "decision", bd_decision_name((bd_decision)k));
    double x = pdf_text_width(d->text, w, d->f_small) + d->f_small.size * 1.2;
    if (x > dw) dw = x;
  }
  for (int k = 0; k < 4; k++) {
    double w = samples[k] ? pdf_col_width(d, samples[k], labels[k]) : dw + 2 * d->pad;
    if (!samples[k] && pdf_col_width(d, "", labels[k]) > w) w = pdf_col_width(d, "", labels[k]);
    m->cols[k ? m->rest + (size_t)k - 1 : m->total] =
        (pdf_col){labels[k], w, k < 3 ? PDF_ALIGN_RIGHT : PDF_ALIGN_CENTER, 0};
  }
  const bd_totals *proven = deck_proven_totals(r);
  if (proven && proven->eal != now->eal) { /* room for "proven X" under a total */
    char sample[128];
    snprintf(sample, sizeof sample, "%s %s", pdf_msg(d, "figure.proven_short"),
             pdf_amount_sample(d, proven->eal));
    double w = pdf_text_width(d->text, sample, d->f_small) + 2 * d->pad;
    if (w > m->cols[m->total].w) m->cols[m->total].w = w;
  }
  if (m->range) { /* sized for the widest range: the total's */
    const bd_range *all = deck_totals_range(r, now);
    char sample[160];
    snprintf(sample, sizeof sample, "%s\xE2\x80\x93%s", pdf_amount_sample(d, all ? all->p95 : 0),
             pdf_amount_sample(d, all ? all->p95 : 0));
    const char *label = pdf_msg(d, "column.range");
    m->cols[m->range] = (pdf_col){label, pdf_col_width(d, sample, label), PDF_ALIGN_RIGHT, 0};
  }
}

/* "p5–p95" of a simulated yearly loss, compact, in a scratch buffer of m. */
static const char *range_text(matrix *m, const bd_range *range, char *buf, size_t size) {
  snprintf(buf, size, "%s\xE2\x80\x93%s", pdf_amount(m->d, range->p5, 1),
           pdf_amount(m->d, range->p95, 1));
  return buf;
}

/* The "proven X" line of a yearly loss that differs from the proven one. */
static void draw_proven(matrix *m, double proven, double y) {
  pdf_doc *d = m->d;
  char text[128];
  snprintf(text, sizeof text, "%s %s", pdf_msg(d, "figure.proven_short"), pdf_amount(d, proven, 1));
  pdf_cell(d, &m->cols[m->total], text, d->f_small, BD_COLOR_MUTED, y, 1);
}

/* Lays out the columns, scaling the type down when many categories make the
 * matrix too wide.  Returns 0 or -1 on exhaustion; matrix_close() after. */
static int matrix_open(pdf_doc *d, matrix *m) {
  const bd_report *r = d->r;
  m->d = d;
  m->cont = 0;
  pdf_groups_reset(&m->groups, r);
  m->total = r->category_count + 1;
  m->range = deck_simulation(r) && !d->slides ? m->total + 1 : 0; /* a slide has no room */
  m->rest = m->total + 1 + (m->range ? 1 : 0);
  m->n = m->rest + 3;
  m->cols = calloc(m->n, sizeof *m->cols);
  if (m->cols == NULL) return -1;
  snprintf(m->caption, sizeof m->caption, "%s (%s)", pdf_msg(d, "caption.loss_matrix"),
           r->currency);
  matrix_columns(d, m);
  double fixed = 0;
  for (size_t c = 1; c < m->n; c++) fixed += m->cols[c].w;
  pdf_type_scale(d, pdf_fit_scale(d, fixed, (d->x1 - d->x0) * 0.24), &m->saved);
  matrix_columns(d, m);
  m->cols[0].w = 0;
  pdf_cols_place(m->cols, m->n, d->x0, d->x1);
  return 0;
}

/* Frees the columns and puts the type back. */
static void matrix_close(matrix *m) {
  pdf_type_restore(m->d, &m->saved);
  free(m->cols);
}

/* The width of a group header's title: the title and category columns. */
static double span_width(const matrix *m) {
  return m->cols[m->total].x - m->cols[0].x - 2 * m->d->pad;
}

/* The title and font of matrix row i, and the width it wraps to. */
static const char *row_title(matrix *m, size_t i, pdf_font *f, double *x, double *w) {
  pdf_doc *d = m->d;
  const bd_report *r = d->r;
  const bd_matrix_row *row = r->matrix_rows[i];
  *x = m->cols[0].x + d->pad;
  switch (row->type) {
  case BD_ROW_LOSS:
    *f = d->f_cell_bold;
    *w = span_width(m);
    return m->cont
               ? pdf_continued(d, r->losses[row->index]->title, m->cont_title, sizeof m->cont_title)
               : r->losses[row->index]->title;
  case BD_ROW_FAILURE:
    *f = d->f_cell;
    *x += m->indent;
    *w = span_width(m) - m->indent;
    return m->cont ? pdf_continued(d, r->failures[row->index]->title, m->cont_title,
                                   sizeof m->cont_title)
                   : r->failures[row->index]->title;
  default: /* slides: the deck's matrix type, as the slide plan measured it */
    *f = d->slides && !d->chart ? (pdf_font){deck_pt(DECK_MATRIX_FONT), 0} : d->f_cell;
    *x += 2 * m->indent;
    *w = m->cols[0].w - 2 * d->pad - 2 * m->indent;
    return r->scenarios[row->index]->title;
  }
}

/* The height of the total row's "proven X" line: in the report when the
 * proven total differs (a slide keeps its Total row one line, as the slide
 * plan counts it), else 0. */
static double total_proven(const matrix *m) {
  const bd_totals *proven = deck_proven_totals(m->d->r);
  if (m->d->slides || proven == NULL || proven->eal == m->d->r->totals[BD_STATE_CURRENT]->eal)
    return 0;
  return pdf_text_line_height(m->d->f_small);
}

/* Height of row i (the total row when i is past the last matrix row). */
static double row_height(void *ctx, size_t i) {
  matrix *m = ctx;
  pdf_doc *d = m->d;
  if (i >= d->r->matrix_row_count)
    return pdf_row_height(d, d->f_cell_bold, 1) + 2 + total_proven(m);
  pdf_font f;
  double x, w;
  const char *title = row_title(m, i, &f, &x, &w);
  double h = pdf_row_height(d, f, pdf_text_line_count(d->text, title, f, w, d->row_lines));
  double figures = pdf_row_height(d, d->f_cell, 1); /* slides: titles may be smaller */
  double proven;
  if (d->r->matrix_rows[i]->type == BD_ROW_SCENARIO &&
      deck_proven_differs(d->r->scenarios[d->r->matrix_rows[i]->index], &proven))
    figures += pdf_text_line_height(d->f_small); /* "proven X" under the total */
  return h > figures ? h : figures;
}

/* The height of the group headers a page starting at row `first` repeats. */
static double row_lead(void *ctx, size_t first) {
  matrix *m = ctx;
  size_t heads[2], n = pdf_groups_at(&m->groups, first, heads);
  double h = 0;
  m->cont = 1;
  for (size_t k = 0; k < n; k++) h += row_height(m, heads[k]);
  m->cont = 0;
  return h;
}

/* A group header must not end a page. */
static int row_keep(void *ctx, size_t i) {
  matrix *m = ctx;
  return i < m->d->r->matrix_row_count && m->d->r->matrix_rows[i]->type != BD_ROW_SCENARIO;
}

/* y of the first row on a page, after title, caption and header. */
static double rows_top(matrix *m, int first) {
  pdf_doc *d = m->d;
  double y = pdf_page_content_top(d, pdf_msg(d, "heading.loss_matrix"), !first);
  if (first)
    y += pdf_text_line_count(d->text, m->caption, d->f_subtitle, d->x1 - d->x0, 3) *
             pdf_text_line_height(d->f_subtitle) +
         d->pad * 2;
  return y + pdf_cols_header_height(d, m->cols, m->n);
}

/* See pdf.h. */
size_t pdf_matrix_paginate(pdf_doc *d) {
  const bd_report *r = d->r;
  matrix m;
  if (matrix_open(d, &m) != 0) return 0;
  size_t planned; /* slides: the slide plan's cut (the Total row follows the last row) */
  const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_MATRIX, 0, &planned);
  size_t pages =
      s ? pdf_paginate_planned(s, planned, r->matrix_row_count + 1, row_height, &m,
                               &d->ps->matrix_starts, &d->ps->matrix_heights)
        : pdf_paginate(r->matrix_row_count + 1, d->y1 - rows_top(&m, 1), d->y1 - rows_top(&m, 0),
                       row_height, row_keep, row_lead, &m, 0, r->matrix_row_count,
                       &d->ps->matrix_starts, &d->ps->matrix_heights);
  matrix_close(&m);
  if (pages == 0) return 0;
  d->ps->matrix_page_count = pages;
  d->ps->matrix_loss_page =
      calloc(r->loss_count ? r->loss_count : 1, sizeof *d->ps->matrix_loss_page);
  if (d->ps->matrix_loss_page == NULL) return 0;
  size_t p = 0;
  for (size_t i = 0; i < r->matrix_row_count; i++) {
    while (p + 1 < pages && d->ps->matrix_starts[p + 1] <= i) p++;
    if (r->matrix_rows[i]->type == BD_ROW_LOSS)
      d->ps->matrix_loss_page[r->matrix_rows[i]->index] =
          d->ps->section_first[PDF_SEC_MATRIX] + (int)p;
  }
  return pages;
}

/* Draws the figures of a group header: its total and planned yearly loss. */
static void draw_group_figures(matrix *m, const double *eal, pdf_font f, double y) {
  pdf_doc *d = m->d;
  pdf_cell(d, &m->cols[m->total], pdf_amount(d, eal[BD_STATE_CURRENT], 1), f, BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &m->cols[m->rest + 1], pdf_amount(d, eal[BD_STATE_PLANNED], 1), f, BD_COLOR_MUTED, y,
           1);
}

/* Draws the cells of scenario row s whose top is y and height h. */
static void draw_scenario_cells(matrix *m, const bd_scenario *s, double y, double h) {
  pdf_doc *d = m->d;
  const bd_report *r = d->r;
  const bd_figures *cur = s->state[BD_STATE_CURRENT];
  /* On slides the figures sit in the middle of a row whose title wraps. */
  double top = y, proven;
  int differs = deck_proven_differs(s, &proven);
  double figures =
      pdf_row_height(d, d->f_cell, 1) + (differs ? pdf_text_line_height(d->f_small) : 0);
  if (d->slides) y += (h - figures) / 2;
  for (size_t c = 0; c < r->category_count; c++) {
    const pdf_col *col = &m->cols[1 + c];
    double v = cur->by_category[c];
    uint32_t bg = pdf_mix(BD_COLOR_HEAT_LOW, BD_COLOR_HEAT_HIGH, s->heat_by_category[c]);
    pdf_fill(d, PDF_LAYER_BASE, col->x + 0.5, top + 0.5, col->w - 1, h - 1, bg);
    if (v > 0)
      pdf_cell(d, col, pdf_amount(d, v, 1), d->f_cell,
               pdf_dark(bg) ? PDF_COLOR_WHITE : BD_COLOR_TEXT, y, 1);
    else
      pdf_cell(d, col, "\xe2\x80\x93", d->f_cell, BD_COLOR_MUTED, y, 1);
  }
  pdf_cell(d, &m->cols[m->total], pdf_amount(d, cur->eal, 1), d->f_cell_bold, BD_COLOR_TEXT, y, 1);
  if (differs) draw_proven(m, proven, y + pdf_text_line_height(d->f_cell));
  const bd_range *range = m->range ? deck_current_range(r, s) : NULL;
  char buf[160];
  if (range)
    pdf_cell(d, &m->cols[m->range], range_text(m, range, buf, sizeof buf), d->f_cell, BD_COLOR_TEXT,
             y, 1);
  pdf_cell(d, &m->cols[m->rest], pdf_duration(d, cur->downtime_h),
           s->over_cap ? d->f_cell_bold : d->f_cell,
           s->over_cap ? BD_COLOR_CELL_FAILING : BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &m->cols[m->rest + 1], pdf_amount(d, s->state[BD_STATE_PLANNED]->eal, 1), d->f_cell,
           BD_COLOR_MUTED, y, 1);
  const pdf_col *dc = &m->cols[m->rest + 2];
  const char *word = pdf_enum_label(d, "decision", bd_decision_name(s->decision));
  double pw = pdf_text_width(d->text, word, d->f_small) + d->f_small.size * 1.2;
  double ph = pdf_text_line_height(d->f_small);
  pdf_pill(d, word, d->f_small, pdf_decision_color(s->decision), dc->x + (dc->w - pw) / 2,
           top + (h - ph) / 2, pw);
}

/* Draws the total row at y. */
static void draw_total_row(matrix *m, double y) {
  pdf_doc *d = m->d;
  const bd_report *r = d->r;
  const bd_totals *cur = r->totals[BD_STATE_CURRENT];
  pdf_hrule(d, d->x0, d->x1, y + 0.5, d->slides ? 1.2 : 0.8, PDF_COLOR_RULE_STRONG);
  y += 2;
  pdf_cell(d, &m->cols[0], pdf_msg(d, "column.total"), d->f_cell_bold, BD_COLOR_TEXT, y, 1);
  for (size_t c = 0; c < r->category_count; c++)
    pdf_cell(d, &m->cols[1 + c],
             cur->by_category[c] > 0 ? pdf_amount(d, cur->by_category[c], 1) : "\xe2\x80\x93",
             d->f_cell_bold, cur->by_category[c] > 0 ? BD_COLOR_TEXT : BD_COLOR_MUTED, y, 1);
  pdf_cell(d, &m->cols[m->total], pdf_amount(d, cur->eal, 1), d->f_cell_bold, BD_COLOR_TEXT, y, 1);
  if (total_proven(m) > 0)
    draw_proven(m, deck_proven_totals(r)->eal, y + pdf_text_line_height(d->f_cell_bold));
  const bd_range *range = m->range ? deck_totals_range(r, cur) : NULL;
  char buf[160];
  if (range)
    pdf_cell(d, &m->cols[m->range], range_text(m, range, buf, sizeof buf), d->f_cell_bold,
             BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &m->cols[m->rest], pdf_duration(d, cur->downtime_h), d->f_cell_bold, BD_COLOR_TEXT, y,
           1);
  pdf_cell(d, &m->cols[m->rest + 1], pdf_amount(d, r->totals[BD_STATE_PLANNED]->eal, 1),
           d->f_cell_bold, BD_COLOR_MUTED, y, 1);
}

/* Draws matrix row i at y; returns its height. */
static double draw_row(matrix *m, size_t i, double y) {
  pdf_doc *d = m->d;
  const bd_report *r = d->r;
  double h = m->cont ? row_height(m, i) : d->ps->matrix_heights[i];
  if (i >= r->matrix_row_count) {
    draw_total_row(m, y);
    return h;
  }
  const bd_matrix_row *row = r->matrix_rows[i];
  pdf_font f;
  double x, w;
  const char *title = row_title(m, i, &f, &x, &w);
  if (row->type == BD_ROW_LOSS)
    pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, h, PDF_COLOR_GROUP);
  if (row->type == BD_ROW_FAILURE)
    pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, h, PDF_COLOR_SUBGROUP);
  if (row->type == BD_ROW_SCENARIO) {
    draw_scenario_cells(m, r->scenarios[row->index], y, h);
    /* A large plan's matrix leaves the rows to the shaded cells. */
    if (!d->ps->summary) pdf_hrule(d, d->x0, d->x1, y + h, 0.4, PDF_COLOR_RULE);
  }
  pdf_draw(d, title, f, BD_COLOR_TEXT, x, y + d->pad, w, d->row_lines, PDF_ALIGN_LEFT);
  if (row->type == BD_ROW_LOSS) draw_group_figures(m, r->losses[row->index]->eal, f, y);
  if (row->type == BD_ROW_FAILURE) draw_group_figures(m, r->failures[row->index]->eal, f, y);
  return h;
}

/* See pdf.h. */
int pdf_matrix_draw(pdf_doc *d) {
  const bd_report *r = d->r;
  matrix m;
  if (matrix_open(d, &m) != 0) return -1;
  int rc = 0;
  size_t n = r->matrix_row_count + 1, planned;
  const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_MATRIX, 0, &planned);
  for (size_t p = 0; p < d->ps->matrix_page_count && rc == 0; p++) {
    double y = pdf_slide_begin(d, s ? &s[p] : NULL, pdf_msg(d, "heading.loss_matrix"), p > 0);
    if (p == 0) {
      int lines = pdf_draw(d, m.caption, d->f_subtitle, BD_COLOR_MUTED, d->x0, y, d->x1 - d->x0, 3,
                           PDF_ALIGN_LEFT);
      y += lines * pdf_text_line_height(d->f_subtitle) + d->pad * 2;
    }
    y += pdf_cols_header(d, m.cols, m.n, y);
    size_t heads[2], repeats = pdf_groups_at(&m.groups, d->ps->matrix_starts[p], heads);
    if (s) repeats = 0; /* the slide plan's rows, as every deck draws them */
    m.cont = 1;
    for (size_t k = 0; k < repeats; k++) y += draw_row(&m, heads[k], y);
    m.cont = 0;
    size_t end = p + 1 < d->ps->matrix_page_count ? d->ps->matrix_starts[p + 1] : n;
    for (size_t i = d->ps->matrix_starts[p]; i < end; i++) y += draw_row(&m, i, y);
    rc = pdf_page_end(d);
  }
  matrix_close(&m);
  return rc;
}
