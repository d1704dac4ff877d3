/*
 * pdf_report.c - the first two pages of the report layout: the cover
 * (service, owner, period, as-of date, key figures and the contents with
 * links) and the summary (totals per state, the error budget, the business
 * losses and the largest decisions, each linked to its pages).
 */
#include "pdf.h"

#include "../deck/deck_figures.h"

#include <stdio.h>
#include <stdlib.h>

/* See pdf.h. */
size_t pdf_cover_paginate(pdf_doc *d) {
  (void)d;
  return 1;
}

/* See pdf.h. */
size_t pdf_summary_paginate(pdf_doc *d) {
  (void)d;
  return 1;
}

/* Draws the label-over-value pairs of the plan's header from y; returns
 * the height. */
static double meta_grid(pdf_doc *d, double y) {
  const bd_report *r = d->r;
  const char *labels[5], *values[5];
  char slo[64];
  int n = 0;
  if (r->owner) labels[n] = pdf_msg(d, "meta.owner"), values[n++] = r->owner;
  if (r->period) labels[n] = pdf_msg(d, "meta.period"), values[n++] = r->period;
  labels[n] = pdf_msg(d, "meta.as_of"), values[n++] = r->as_of;
  labels[n] = pdf_msg(d, "meta.currency"), values[n++] = r->currency;
  if (r->has_slo) {
    snprintf(slo, sizeof slo, "%s", pdf_slo(d, r->slo));
    labels[n] = pdf_msg(d, "meta.slo"), values[n++] = slo;
  }
  pdf_font lf = {7.5, 0}, vf = {10.5, 0};
  /* Equal fields, but each at least as wide as the longest word of its
   * value (（プラットフォームチーム） is one), the others sharing the rest. */
  double total = d->x1 - d->x0, need[5], w[5], fixed = 0, h = 0;
  int flex = n;
  for (int i = 0; i < n; i++) {
    need[i] = pdf_text_min_width(d->text, values[i], vf) + 8;
    w[i] = 0;
  }
  for (int changed = 1; changed && flex > 0;) {
    changed = 0;
    for (int i = 0; i < n; i++)
      if (w[i] == 0 && need[i] > (total - fixed) / flex) {
        w[i] = need[i] < total ? need[i] : total;
        fixed += w[i];
        flex--;
        changed = 1;
      }
  }
  double x = d->x0;
  for (int i = 0; i < n; i++) {
    double wi = w[i] > 0 ? w[i] : (total - fixed) / (flex > 0 ? flex : 1);
    pdf_draw(d, labels[i], lf, BD_COLOR_MUTED, x, y, wi - 8, 1, PDF_ALIGN_LEFT);
    int lines = pdf_draw(d, values[i], vf, BD_COLOR_TEXT, x, y + pdf_text_line_height(lf), wi - 8,
                         3, PDF_ALIGN_LEFT);
    double hh = pdf_text_line_height(lf) + lines * pdf_text_line_height(vf);
    if (hh > h) h = hh;
    x += wi;
  }
  return h;
}

/* Draws a small section heading at y; returns the height used. */
static double heading(pdf_doc *d, const char *text, double y) {
  pdf_font f = {10.5, 1};
  pdf_draw(d, text, f, BD_COLOR_ACCENT, d->x0, y, d->x1 - d->x0, 1, PDF_ALIGN_LEFT);
  return pdf_text_line_height(f) + 4;
}

/* Draws the contents (sections with their first page, linked) from y. */
static void contents(pdf_doc *d, double y) {
  static const struct {
    pdf_section s;
    const char *key;
  } items[] = {{PDF_SEC_SUMMARY, "heading.summary"},    {PDF_SEC_TREND, "heading.trend"},
               {PDF_SEC_CHANGES, "heading.changes"},    {PDF_SEC_DECISIONS, "heading.decisions"},
               {PDF_SEC_MATRIX, "heading.loss_matrix"}, {PDF_SEC_TREES, "heading.scenario_tree"},
               {PDF_SEC_COVERAGE, "heading.coverage"},  {PDF_SEC_APPENDIX, "pdf.appendix"}};
  pdf_font f = {9.5, 0};
  double lh = pdf_text_line_height(f) + 3.5, w = (d->x1 - d->x0) * 0.55;
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
    if (d->ps->section_pages[items[i].s] == 0) continue;
    char page[32];
    snprintf(page, sizeof page, "%d", d->ps->section_first[items[i].s]);
    pdf_draw(d, pdf_msg(d, items[i].key), f, BD_COLOR_TEXT, d->x0, y, w - 40, 1, PDF_ALIGN_LEFT);
    pdf_draw(d, page, f, BD_COLOR_MUTED, d->x0 + w - 40, y, 40, 1, PDF_ALIGN_RIGHT);
    pdf_hrule(d, d->x0, d->x0 + w, y + lh - 1.5, 0.4, PDF_COLOR_RULE);
    pdf_link(d, d->x0, y, w, lh, d->ps->section_first[items[i].s]);
    y += lh;
  }
}

/* See pdf.h. */
int pdf_cover_draw(pdf_doc *d) {
  const bd_report *r = d->r;
  double y = pdf_page_begin(d, NULL, 0) + 36;
  pdf_font eyebrow = {10, 1}, service = {26, 1};
  pdf_draw(d, pdf_msg(d, "title.report"), eyebrow, BD_COLOR_ACCENT, d->x0, y, d->x1 - d->x0, 1, 0);
  y += pdf_text_line_height(eyebrow) + 6;
  y += pdf_draw(d, r->service, service, BD_COLOR_TEXT, d->x0, y, d->x1 - d->x0, 3, 0) *
           pdf_text_line_height(service) +
       14;
  y += meta_grid(d, y) + 16;
  pdf_hrule(d, d->x0, d->x1, y, 0.8, PDF_COLOR_RULE);
  y += 18;
  y += heading(d, pdf_msg(d, "heading.key_figures"), y);
  y += pdf_key_figures(d, d->x0, y, d->x1 - d->x0, 3) + 28;
  y += heading(d, pdf_msg(d, "heading.contents"), y);
  contents(d, y);
  char gen[128];
  snprintf(gen, sizeof gen, "%s badday %s", pdf_msg(d, "text.generated_by"), d->host->version);
  pdf_draw(d, gen, d->f_frame, BD_COLOR_MUTED, d->x0, d->y1 - pdf_text_line_height(d->f_frame),
           d->x1 - d->x0, 1, 0);
  return pdf_page_end(d);
}

/* The widest of the three states' values of one column, measured in the
 * bold cell font, and the column header; see pdf_col_width(). */
static double state_col_width(pdf_doc *d, const char *label, const char *const values[3]) {
  double w = pdf_col_width(d, NULL, label) - 2 * d->pad;
  for (int s = 0; s < BD_STATE_COUNT; s++) {
    double x = pdf_text_width(d->text, values[s], d->f_cell_bold);
    if (x > w) w = x;
  }
  return w + 2 * d->pad;
}

/* Draws the totals per state from y; returns the height.  Columns: state,
 * up to 24 categories, total, downtime and (with an slo) budget used. */
static double totals_table(pdf_doc *d, double y) {
  const bd_report *r = d->r;
  enum { MAX_CATS = 24 };
  size_t cats = r->category_count < MAX_CATS ? r->category_count : MAX_CATS;
  size_t n = cats + 3 + (r->has_error_budget ? 1 : 0);
  pdf_col cols[MAX_CATS + 4];
  char cells[MAX_CATS + 4][BD_STATE_COUNT][64];
  const char *values[BD_STATE_COUNT];
  double label_w = 0;
  for (int st = 0; st < BD_STATE_COUNT; st++) {
    double w = pdf_text_width(d->text, pdf_enum_label(d, "state", bd_state_name((bd_state)st)),
                              d->f_cell_bold);
    if (w > label_w) label_w = w;
  }
  pdf_type saved;
  pdf_type_scale(d, 1, &saved);
  for (int pass = 0; pass < 2; pass++) {
    double fixed = 0;
    for (size_t c = 1; c < n; c++) {
      for (int s = 0; s < BD_STATE_COUNT; s++) {
        const bd_totals *t = r->totals[s];
        const char *v = c <= cats       ? pdf_amount(d, t->by_category[c - 1], 1)
                        : c == cats + 1 ? pdf_amount(d, t->eal, 1)
                        : c == cats + 2 ? pdf_duration(d, t->downtime_h)
                                        : pdf_share(d, t->budget_used);
        snprintf(cells[c][s], sizeof cells[c][s], "%s", v);
        values[s] = cells[c][s];
      }
      const char *label = c <= cats       ? pdf_category(d, c - 1)
                          : c == cats + 1 ? pdf_msg(d, "column.total")
                          : c == cats + 2 ? pdf_msg(d, "column.downtime")
                                          : pdf_msg(d, "column.budget_used");
      cols[c] = (pdf_col){label, state_col_width(d, label, values), PDF_ALIGN_RIGHT, 0};
      fixed += cols[c].w;
    }
    double scale = pdf_fit_scale(d, fixed, label_w + 2 * d->pad);
    if (pass == 1 || scale >= 1) break;
    pdf_type_scale(d, scale, &saved);
  }
  cols[0] = (pdf_col){pdf_msg(d, "column.state"), 0, PDF_ALIGN_LEFT, 0};
  pdf_cols_place(cols, n, d->x0, d->x1);
  double top = y;
  y += pdf_cols_header(d, cols, n, y);
  double rh = pdf_row_height(d, d->f_cell, 1);
  for (int s = 0; s < BD_STATE_COUNT; s++) {
    pdf_font f = s == BD_STATE_CURRENT ? d->f_cell_bold : d->f_cell;
    if (s == BD_STATE_CURRENT)
      pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, rh, PDF_COLOR_ZEBRA);
    pdf_cell(d, &cols[0], pdf_enum_label(d, "state", bd_state_name((bd_state)s)), f, BD_COLOR_TEXT,
             y, 1);
    for (size_t c = 1; c < n; c++) {
      int over = c == cats + 3 && r->totals[s]->budget_used > 1;
      pdf_cell(d, &cols[c], cells[c][s], f, over ? BD_COLOR_CELL_FAILING : BD_COLOR_TEXT, y, 1);
    }
    y += rh;
    pdf_hrule(d, d->x0, d->x1, y, 0.4, PDF_COLOR_RULE);
  }
  pdf_type_restore(d, &saved);
  return y - top;
}

/* Draws the downtime of each state against the error budget; returns the height. */
static double budget_bars(pdf_doc *d, double y) {
  const bd_report *r = d->r;
  double top = y;
  char buf[256];
  if (!r->has_error_budget) {
    pdf_draw(d, pdf_msg(d, "figure.no_slo"), d->f_cell, BD_COLOR_MUTED, d->x0, y, 0, 1, 0);
    return pdf_text_line_height(d->f_cell) + 4;
  }
  snprintf(buf, sizeof buf, "%s %s  \xc2\xb7  %s %s", pdf_msg(d, "meta.slo"), pdf_slo(d, r->slo),
           pdf_msg(d, "meta.error_budget"), pdf_duration(d, r->error_budget_h));
  pdf_draw(d, buf, d->f_cell, BD_COLOR_TEXT, d->x0, y, d->x1 - d->x0, 1, 0);
  y += pdf_text_line_height(d->f_cell) + 5;
  double scale = r->error_budget_h;
  for (int s = 0; s < BD_STATE_COUNT; s++)
    if (r->totals[s]->downtime_h > scale) scale = r->totals[s]->downtime_h;
  double lx = d->x0 + 80, bw = d->x1 - lx - 60, bh = 8, lh = pdf_text_line_height(d->f_cell);
  for (int s = 0; s < BD_STATE_COUNT; s++) {
    const bd_totals *t = r->totals[s];
    pdf_draw(d, pdf_enum_label(d, "state", bd_state_name((bd_state)s)), d->f_cell, BD_COLOR_TEXT,
             d->x0, y, 76, 1, 0);
    double by = y + (lh - bh) / 2;
    pdf_fill(d, PDF_LAYER_BASE, lx, by, bw, bh, PDF_COLOR_CARD);
    double frac = scale > 0 ? t->downtime_h / scale : 0;
    pdf_fill(d, PDF_LAYER_MARK, lx, by, bw * frac, bh,
             t->budget_used > 1      ? BD_COLOR_CELL_FAILING
             : s == BD_STATE_CURRENT ? BD_COLOR_ACCENT
                                     : BD_COLOR_CELL_IMPLEMENTED);
    pdf_draw(d, pdf_duration(d, t->downtime_h), d->f_cell, BD_COLOR_TEXT, lx + bw + 4, y, 56, 1, 0);
    y += lh + 4;
  }
  double mx = lx + bw * (scale > 0 ? r->error_budget_h / scale : 1);
  pdf_fill(d, PDF_LAYER_TOP, mx - 0.6, top + pdf_text_line_height(d->f_cell) + 2, 1.2, y - top - lh,
           BD_COLOR_TEXT);
  return y - top + 2;
}

/* A loss and its current yearly loss, for sorting. */
typedef struct loss_rank {
  double eal;
  size_t index;
} loss_rank;

/* Orders losses by current yearly loss, largest first, then file order. */
static int by_loss_eal(const void *pa, const void *pb) {
  const loss_rank *a = pa, *b = pb;
  if (a->eal != b->eal) return a->eal < b->eal ? 1 : -1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* The largest yearly loss of any state: no loss, failure or scenario the
 * tables list has more, so amount columns are sized for it. */
static double largest_total(const bd_report *r) {
  double max = 0;
  for (int s = 0; s < BD_STATE_COUNT; s++)
    if (r->totals[s]->eal > max) max = r->totals[s]->eal;
  return max;
}

/* Draws up to max_rows business losses, linked to their trees; returns the height. */
static double losses_table(pdf_doc *d, double y, size_t max_rows) {
  const bd_report *r = d->r;
  size_t n = r->loss_count < max_rows ? r->loss_count : max_rows;
  loss_rank *order = malloc((r->loss_count ? r->loss_count : 1) * sizeof *order);
  if (order == NULL) return 0;
  for (size_t i = 0; i < r->loss_count; i++)
    order[i] = (loss_rank){r->losses[i]->eal[BD_STATE_CURRENT], i};
  qsort(order, r->loss_count, sizeof *order, by_loss_eal);
  const char *now = pdf_msg(d, "column.current"), *planned = pdf_msg(d, "column.planned");
  const char *red = pdf_msg(d, "column.reduction");
  const char *sample = pdf_amount_sample(d, largest_total(r));
  pdf_col cols[4] = {{pdf_msg(d, "column.loss"), 0, PDF_ALIGN_LEFT, 0},
                     {now, pdf_col_width(d, sample, now), PDF_ALIGN_RIGHT, 0},
                     {planned, pdf_col_width(d, sample, planned), PDF_ALIGN_RIGHT, 0},
                     {red, pdf_col_width(d, sample, red), PDF_ALIGN_RIGHT, 0}};
  pdf_cols_place(cols, 4, d->x0, d->x1);
  double top = y, rh = pdf_row_height(d, d->f_cell, 1);
  y += pdf_cols_header(d, cols, 4, y);
  for (size_t i = 0; i < n; i++) {
    const bd_loss *l = r->losses[order[i].index];
    pdf_cell(d, &cols[0], l->title, d->f_cell, BD_COLOR_ACCENT, y, 1);
    pdf_cell(d, &cols[1], pdf_amount(d, l->eal[BD_STATE_CURRENT], 1), d->f_cell_bold, BD_COLOR_TEXT,
             y, 1);
    pdf_cell(d, &cols[2], pdf_amount(d, l->eal[BD_STATE_PLANNED], 1), d->f_cell, BD_COLOR_TEXT, y,
             1);
    pdf_cell(d, &cols[3], pdf_amount(d, l->eal[BD_STATE_CURRENT] - l->eal[BD_STATE_PLANNED], 1),
             d->f_cell, BD_COLOR_TEXT, y, 1);
    pdf_link(d, d->x0, y, d->x1 - d->x0, rh,
             d->ps->tree_first ? d->ps->tree_first[order[i].index] : 0);
    y += rh;
    pdf_hrule(d, d->x0, d->x1, y, 0.4, PDF_COLOR_RULE);
  }
  if (n < r->loss_count) {
    char more[128];
    snprintf(more, sizeof more, "+ %zu \xe2\x86\x92 %s", r->loss_count - n,
             pdf_msg(d, "heading.loss_matrix"));
    pdf_draw(d, more, d->f_small, BD_COLOR_ACCENT, d->x0 + d->pad, y + 2, 0, 1, 0);
    pdf_link(d, d->x0, y, 200, rh, d->ps->section_first[PDF_SEC_MATRIX]);
    y += rh;
  }
  free(order);
  return y - top;
}

/* Draws up to max_rows decisions, linked to their trees; returns the height. */
static double decisions_table(pdf_doc *d, double y, size_t max_rows) {
  const bd_report *r = d->r;
  size_t n = r->decision_count < max_rows ? r->decision_count : max_rows;
  double top = y, rh = pdf_row_height(d, d->f_cell, 1);
  if (r->decision_count == 0) {
    pdf_draw(d, pdf_msg(d, "text.no_decisions"), d->f_cell, BD_COLOR_MUTED, d->x0, y, 0, 1, 0);
    return rh;
  }
  const char *now = pdf_msg(d, "column.current"), *dec = pdf_msg(d, "column.decision");
  pdf_col cols[4] = {
      {"#", pdf_col_width(d, "888", NULL), PDF_ALIGN_RIGHT, 0},
      {pdf_msg(d, "column.scenario"), 0, PDF_ALIGN_LEFT, 0},
      {now, pdf_col_width(d, pdf_amount_sample(d, largest_total(r)), now), PDF_ALIGN_RIGHT, 0},
      {dec, pdf_col_width(d, "Mitigate___", dec), PDF_ALIGN_CENTER, 0}};
  pdf_cols_place(cols, 4, d->x0, d->x1);
  y += pdf_cols_header(d, cols, 4, y);
  for (size_t i = 0; i < n; i++) {
    const bd_scenario *s = r->scenarios[r->decisions[i]];
    char rank[32];
    snprintf(rank, sizeof rank, "%zu", i + 1);
    pdf_cell(d, &cols[0], rank, d->f_cell, BD_COLOR_MUTED, y, 1);
    pdf_cell(d, &cols[1], s->title, d->f_cell, BD_COLOR_ACCENT, y, 1);
    pdf_cell(d, &cols[2], pdf_amount(d, s->state[BD_STATE_CURRENT]->eal, 1), d->f_cell_bold,
             BD_COLOR_TEXT, y, 1);
    const char *word = pdf_enum_label(d, "decision", bd_decision_name(s->decision));
    double pw = pdf_text_width(d->text, word, d->f_small) + d->f_small.size * 1.2;
    pdf_pill(d, word, d->f_small, pdf_decision_color(s->decision), cols[3].x + (cols[3].w - pw) / 2,
             y + (rh - pdf_text_line_height(d->f_small)) / 2, pw);
    pdf_link(d, d->x0, y, d->x1 - d->x0, rh, d->ps->scenario_tree_page[r->decisions[i]]);
    y += rh;
    pdf_hrule(d, d->x0, d->x1, y, 0.4, PDF_COLOR_RULE);
  }
  char more[160];
  snprintf(more, sizeof more, "\xe2\x86\x92 %s (%zu)", pdf_msg(d, "heading.decisions"),
           r->decision_count);
  pdf_draw(d, more, d->f_small, BD_COLOR_ACCENT, d->x0 + d->pad, y + 3, 0, 1, 0);
  pdf_link(d, d->x0, y, 200, rh, d->ps->section_first[PDF_SEC_DECISIONS]);
  return y + rh - top;
}

/* See pdf.h. */
int pdf_summary_draw(pdf_doc *d) {
  const bd_report *r = d->r;
  char buf[256];
  double y = pdf_page_begin(d, pdf_msg(d, "heading.summary"), 0);
  snprintf(buf, sizeof buf, "%s (%s)", pdf_msg(d, "heading.totals"), r->currency);
  y += heading(d, buf, y);
  y += totals_table(d, y) + 10;
  y += budget_bars(d, y) + 14;
  if (deck_simulation(r)) { /* a plan with ranges: how bad a year can get */
    y += heading(d, pdf_msg(d, "heading.exceedance"), y);
    y += pdf_exceedance(d, d->x0, y, d->x1 - d->x0, 170) + 12;
  }
  double rh = pdf_row_height(d, d->f_cell, 1), head = pdf_row_height(d, d->f_head, 2) + 20;
  double room = d->y1 - y - 2 * head - 2 * rh;
  size_t fit = room > 0 ? (size_t)(room / rh) : 2;
  size_t loss_rows = r->loss_count < fit / 2 ? r->loss_count : fit / 2;
  if (loss_rows < 1) loss_rows = 1;
  snprintf(buf, sizeof buf, "%s (%s)", pdf_msg(d, "column.loss"), r->currency);
  y += heading(d, buf, y);
  y += losses_table(d, y, loss_rows) + 12;
  size_t dec_rows = fit > loss_rows + 1 ? fit - loss_rows - 1 : 1;
  y += heading(d, pdf_msg(d, "heading.decisions"), y);
  decisions_table(d, y, dec_rows);
  return pdf_page_end(d);
}
