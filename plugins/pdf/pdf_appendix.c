/*
 * pdf_appendix.c - the appendix of the report: every measure of every
 * scenario (in loss-matrix order) with its kind, status, yearly cost and
 * verification.  Titles are wrapped in full here, and the reason of an
 * accepted risk is shown, so other views may shorten them.
 */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COL_TITLE, COL_KIND, COL_STATUS, COL_COST, COL_VERIFICATION };
#define COLS        5
#define TITLE_LINES 12

/* The columns and the doc. */
typedef struct appendix {
  pdf_doc *d;
  pdf_col cols[COLS];
} appendix;

/* The widest label of an enum: prefix.NAME for each name. */
static double widest(pdf_doc *d, const char *prefix, const char *(*name)(int), int count) {
  double w = 0;
  for (int i = 0; i < count; i++) {
    double x = pdf_text_width(d->text, pdf_enum_label(d, prefix, name(i)), d->f_cell);
    if (x > w) w = x;
  }
  return w + 2 * d->pad;
}

/* The name of a kind, for widest(): adapters from the enum-name functions
 * of badday/report.h. */
static const char *kind_name(int i) {
  return bd_kind_name((bd_kind)i);
}
/* The name of a status, for widest(). */
static const char *status_name(int i) {
  return bd_status_name((bd_status)i);
}
/* The name of a verification, for widest(). */
static const char *verification_name(int i) {
  return bd_verification_name((bd_verification)i);
}

/* Lays out the columns. */
static void appendix_open(pdf_doc *d, appendix *a) {
  a->d = d;
  a->cols[COL_TITLE] = (pdf_col){pdf_msg(d, "pdf.measure"), 0, PDF_ALIGN_LEFT, 0};
  const char *kl = pdf_msg(d, "pdf.kind"), *sl = pdf_msg(d, "pdf.status");
  const char *cl = pdf_msg(d, "column.plan_cost"), *vl = pdf_msg(d, "pdf.verification");
  double kw = widest(d, "kind", kind_name, BD_KIND_COUNT);
  double sw = widest(d, "status", status_name, 2);
  double vw = widest(d, "verification", verification_name, BD_VERIFICATION_FAILING + 1);
  for (int res = 0; res < 2; res++) {
    char buf[96];
    snprintf(buf, sizeof buf, "8888-88-88 %s",
             pdf_enum_label(d, "result", bd_result_name((bd_result)res)));
    double dw = pdf_text_width(d->text, buf, d->f_small) + 2 * d->pad;
    if (dw > vw) vw = dw;
  }
  a->cols[COL_KIND] = (pdf_col){kl, kw > pdf_col_width(d, "", kl) ? kw : pdf_col_width(d, "", kl),
                                PDF_ALIGN_LEFT, 0};
  a->cols[COL_STATUS] = (pdf_col){sl, sw > pdf_col_width(d, "", sl) ? sw : pdf_col_width(d, "", sl),
                                  PDF_ALIGN_LEFT, 0};
  double max_cost = 0;
  for (size_t i = 0; i < d->r->scenario_count; i++)
    for (size_t k = 0; k < d->r->scenarios[i]->measure_count; k++)
      if (d->r->scenarios[i]->measures[k]->annual_cost > max_cost)
        max_cost = d->r->scenarios[i]->measures[k]->annual_cost;
  a->cols[COL_COST] =
      (pdf_col){cl, pdf_col_width(d, pdf_amount_sample(d, max_cost), cl), PDF_ALIGN_RIGHT, 0};
  a->cols[COL_VERIFICATION] = (pdf_col){vl, vw, PDF_ALIGN_LEFT, 0};
  pdf_cols_place(a->cols, COLS, d->x0, d->x1);
}

/* Appends to buf[*used..size) the scenario's waivers of CI gate rules (ABI
 * 2.1), each "Waived: RULE until DATE (in force|expired): REASON", after
 * " · " when something precedes. */
static void append_waivers(pdf_doc *d, const bd_scenario *s, char *buf, size_t size, size_t *used) {
  for (size_t i = 0; BD_HAS(s, bd_scenario, waiver_count) && i < s->waiver_count; i++) {
    const bd_waiver *w = s->waivers[i];
    if (*used >= size) return;
    int n =
        snprintf(buf + *used, size - *used, "%s%s: %s %s %s (%s): %s", *used ? " \xC2\xB7 " : "",
                 pdf_msg(d, "waiver.waived"), w->rule, pdf_msg(d, "waiver.until"), w->until,
                 pdf_msg(d, w->expired ? "waiver.expired" : "waiver.in_force"), w->reason);
    if (n > 0) *used += (size_t)n < size - *used ? (size_t)n : size - *used - 1;
  }
}

/* The text under a scenario's title: the reason of an accepted risk, or
 * "no measures"; then the CI gate rules waived for it. */
static const char *note_line(pdf_doc *d, const bd_scenario *s, char *buf, size_t size) {
  const char *base = NULL;
  if (s->accept) {
    snprintf(buf, size, "%s: %s", pdf_enum_label(d, "decision", "accepted"), s->accept);
    base = buf;
  } else if (!s->measure_count) {
    base = pdf_msg(d, "pdf.no_measures");
  }
  if (!BD_HAS(s, bd_scenario, waiver_count) || s->waiver_count == 0) return base;
  size_t used = 0;
  if (base == buf)
    used = strlen(buf);
  else if (base)
    used = (size_t)snprintf(buf, size, "%s", base) < size ? strlen(buf) : size - 1;
  append_waivers(d, s, buf, size, &used);
  return buf;
}

/* The title and font of a header row (a matrix row) and its indent. */
static const char *header_title(pdf_doc *d, const bd_matrix_row *mr, pdf_font *f, double *indent) {
  const bd_report *r = d->r;
  *f = d->f_cell_bold;
  *indent = 0;
  if (mr->type == BD_ROW_LOSS) return r->losses[mr->index]->title;
  if (mr->type == BD_ROW_FAILURE) {
    *f = d->f_cell;
    *indent = d->f_cell.size * 0.9;
    return r->failures[mr->index]->title;
  }
  *indent = d->f_cell.size * 1.8;
  return r->scenarios[mr->index]->title;
}

/* How far measure titles are indented under their scenario. */
static double measure_indent(const pdf_doc *d) {
  return d->f_cell.size * 2.7;
}

/* Height of appendix row i. */
static double row_height(void *ctx, size_t i) {
  appendix *a = ctx;
  pdf_doc *d = a->d;
  const pdf_appendix_row *row = &d->ps->appendix_rows[i];
  const bd_matrix_row *mr = d->r->matrix_rows[row->matrix_row];
  double w = d->x1 - d->x0 - 2 * d->pad;
  if (row->measure < 0) {
    char buf[4096];
    pdf_font f;
    double indent;
    const char *title = header_title(d, mr, &f, &indent);
    double h =
        pdf_text_line_count(d->text, title, f, w - indent, TITLE_LINES) * pdf_text_line_height(f);
    const char *note = mr->type == BD_ROW_SCENARIO
                           ? note_line(d, d->r->scenarios[mr->index], buf, sizeof buf)
                           : NULL;
    if (note)
      h += pdf_text_line_count(d->text, note, d->f_small, w - indent, 20) *
           pdf_text_line_height(d->f_small);
    return h + 2 * d->pad;
  }
  const bd_measure *m = d->r->scenarios[mr->index]->measures[row->measure];
  int lines =
      pdf_text_line_count(d->text, m->title, d->f_cell,
                          a->cols[COL_TITLE].w - 2 * d->pad - measure_indent(d), TITLE_LINES);
  double h = pdf_text_line_height(d->f_cell) * lines;
  double v = pdf_text_line_height(d->f_cell) + (m->last_run ? pdf_text_line_height(d->f_small) : 0);
  return (h > v ? h : v) + 2 * d->pad;
}

/* A header must not end a page. */
static int row_keep(void *ctx, size_t i) {
  appendix *a = ctx;
  return a->d->ps->appendix_rows[i].measure < 0;
}

/* y of the first row of a page. */
static double rows_top(appendix *a, int first) {
  pdf_doc *d = a->d;
  return pdf_page_content_top(d, pdf_msg(d, "pdf.appendix"), !first) +
         pdf_cols_header_height(d, a->cols, COLS);
}

/* See pdf.h. */
size_t pdf_appendix_paginate(pdf_doc *d) {
  const bd_report *r = d->r;
  size_t n = r->matrix_row_count;
  for (size_t i = 0; i < r->scenario_count; i++) n += r->scenarios[i]->measure_count;
  d->ps->appendix_rows = malloc((n ? n : 1) * sizeof *d->ps->appendix_rows);
  if (d->ps->appendix_rows == NULL) return 0;
  size_t at = 0;
  for (size_t i = 0; i < r->matrix_row_count; i++) {
    d->ps->appendix_rows[at++] = (pdf_appendix_row){(uint32_t)i, -1};
    if (r->matrix_rows[i]->type != BD_ROW_SCENARIO) continue;
    size_t s = r->matrix_rows[i]->index;
    for (size_t m = 0; m < r->scenarios[s]->measure_count; m++)
      d->ps->appendix_rows[at++] = (pdf_appendix_row){(uint32_t)i, (int32_t)m};
  }
  d->ps->appendix_row_count = at;
  appendix a;
  appendix_open(d, &a);
  size_t pages =
      pdf_paginate(at, d->y1 - rows_top(&a, 1), d->y1 - rows_top(&a, 0), row_height, row_keep, NULL,
                   &a, 0, 0, &d->ps->appendix_starts, &d->ps->appendix_heights);
  d->ps->appendix_page_count = pages;
  return pages;
}

/* Draws the verification cell of measure m at y. */
static void draw_verification(appendix *a, const bd_measure *m, double y) {
  pdf_doc *d = a->d;
  const pdf_col *c = &a->cols[COL_VERIFICATION];
  const char *word;
  uint32_t color = BD_COLOR_TEXT;
  word = pdf_enum_label(d, "verification", bd_verification_name(m->verification));
  if (m->verification == BD_VERIFICATION_FAILING) color = BD_COLOR_CELL_FAILING;
  if (m->verification == BD_VERIFICATION_UNVERIFIED) color = BD_COLOR_MUTED;
  pdf_cell(d, c, word, d->f_cell, color, y, 1);
  if (m->last_run) {
    char buf[96];
    snprintf(buf, sizeof buf, "%s %s", m->last_run,
             pdf_enum_label(d, "result", bd_result_name(m->result)));
    pdf_draw(d, buf, d->f_small, BD_COLOR_MUTED, c->x + d->pad,
             y + d->pad + pdf_text_line_height(d->f_cell), c->w - 2 * d->pad, 1, PDF_ALIGN_LEFT);
  }
}

/* Draws header row (a matrix row) mr at y with height h. */
static void draw_header(appendix *a, const bd_matrix_row *mr, double y, double h) {
  pdf_doc *d = a->d;
  char buf[4096];
  pdf_font f;
  double indent, w = d->x1 - d->x0 - 2 * d->pad;
  const char *title = header_title(d, mr, &f, &indent);
  if (mr->type == BD_ROW_LOSS)
    pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, h, PDF_COLOR_GROUP);
  if (mr->type == BD_ROW_FAILURE)
    pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, h, PDF_COLOR_SUBGROUP);
  double x = d->x0 + d->pad + indent;
  int lines = pdf_draw(d, title, f, BD_COLOR_TEXT, x, y + d->pad, w - indent, TITLE_LINES, 0);
  if (mr->type != BD_ROW_SCENARIO) return;
  const char *note = note_line(d, d->r->scenarios[mr->index], buf, sizeof buf);
  if (note)
    pdf_draw(d, note, d->f_small, BD_COLOR_MUTED, x, y + d->pad + lines * pdf_text_line_height(f),
             w - indent, 20, 0);
  pdf_hrule(d, d->x0, d->x1, y + h, 0.4, PDF_COLOR_RULE);
}

/* Draws appendix row i at y; returns its height. */
static double draw_row(appendix *a, size_t i, double y) {
  pdf_doc *d = a->d;
  const pdf_appendix_row *row = &d->ps->appendix_rows[i];
  const bd_matrix_row *mr = d->r->matrix_rows[row->matrix_row];
  double h = d->ps->appendix_heights[i];
  if (row->measure < 0) {
    draw_header(a, mr, y, h);
    return h;
  }
  const bd_measure *m = d->r->scenarios[mr->index]->measures[row->measure];
  const pdf_col *tc = &a->cols[COL_TITLE];
  double indent = measure_indent(d);
  pdf_draw(d, m->title, d->f_cell, BD_COLOR_TEXT, tc->x + d->pad + indent, y + d->pad,
           tc->w - 2 * d->pad - indent, TITLE_LINES, PDF_ALIGN_LEFT);
  pdf_cell(d, &a->cols[COL_KIND], pdf_enum_label(d, "kind", bd_kind_name(m->kind)), d->f_cell,
           BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &a->cols[COL_STATUS], pdf_enum_label(d, "status", bd_status_name(m->status)),
           d->f_cell, m->status == BD_STATUS_PLANNED ? BD_COLOR_MUTED : BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &a->cols[COL_COST],
           m->annual_cost > 0 ? pdf_amount(d, m->annual_cost, 1) : "\xe2\x80\x93", d->f_cell,
           m->annual_cost > 0 ? BD_COLOR_TEXT : BD_COLOR_MUTED, y, 1);
  draw_verification(a, m, y);
  /* A large plan's appendix rules off scenarios, not each measure. */
  if (!d->ps->summary) pdf_hrule(d, tc->x + indent, d->x1, y + h, 0.4, PDF_COLOR_RULE);
  return h;
}

/* See pdf.h. */
int pdf_appendix_draw(pdf_doc *d) {
  appendix a;
  appendix_open(d, &a);
  int rc = 0;
  for (size_t p = 0; p < d->ps->appendix_page_count && rc == 0; p++) {
    double y = pdf_page_begin(d, pdf_msg(d, "pdf.appendix"), p > 0);
    y += pdf_cols_header(d, a.cols, COLS, y);
    size_t end = p + 1 < d->ps->appendix_page_count ? d->ps->appendix_starts[p + 1]
                                                    : d->ps->appendix_row_count;
    for (size_t i = d->ps->appendix_starts[p]; i < end; i++) y += draw_row(&a, i, y);
    rc = pdf_page_end(d);
  }
  return rc;
}
