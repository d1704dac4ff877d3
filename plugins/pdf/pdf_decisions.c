/*
 * pdf_decisions.c - the scenarios that need a decision, largest current
 * yearly loss first (the order of report->decisions): current and planned
 * loss, the yearly cost of the planned measures, the loss they avoid, the
 * share of the error budget and the decision.  Each row links to the page of
 * the scenario tree that shows the scenario.  Slides take the rows the
 * slide plan gives them (plugins/deck); a title wraps onto two lines, a longer one is set in the
 * smaller type, and the failure type under it is left to the scenario trees.
 */
#include "pdf.h"

#include "../deck/deck_figures.h"

#include <stdio.h>
#include <stdlib.h>

enum {
  COL_RANK,
  COL_TITLE,
  COL_NOW,
  COL_PLANNED,
  COL_COST,
  COL_REDUCTION,
  COL_SHARE,
  COL_DECISION
};
#define COLS 8

/* The columns and the doc. */
typedef struct decisions {
  pdf_doc *d;
  pdf_col cols[COLS];
  size_t n; /* columns used: without an slo the budget share is left out */
} decisions;

/* Lays out the columns. */
static void decisions_open(pdf_doc *d, decisions *t) {
  const bd_report *r = d->r;
  /* Size the figure columns for the largest figure each shows. */
  double max[4] = {0, 0, 0, 0};
  int negative = 0;
  for (size_t i = 0; i < r->decision_count; i++) {
    const bd_scenario *s = r->scenarios[r->decisions[i]];
    double v[4] = {s->state[BD_STATE_CURRENT]->eal, s->state[BD_STATE_PLANNED]->eal, s->plan_cost,
                   s->reduction < 0 ? -s->reduction : s->reduction};
    if (s->reduction < 0) negative = 1;
    for (int k = 0; k < 4; k++)
      if (v[k] > max[k]) max[k] = v[k];
  }
  t->d = d;
  t->cols[COL_RANK] =
      (pdf_col){"#", pdf_text_width(d->text, "888", d->f_cell) + 2 * d->pad, PDF_ALIGN_RIGHT, 0};
  t->cols[COL_TITLE] = (pdf_col){pdf_msg(d, "column.scenario"), 0, PDF_ALIGN_LEFT, 0};
  const char *keys[4] = {"column.current", "column.planned", "column.plan_cost",
                         "column.reduction"};
  for (int k = 0; k < 4; k++) {
    const char *label = pdf_msg(d, keys[k]);
    char sample[32];
    snprintf(sample, sizeof sample, "%s%s", k == 3 && negative ? "-" : "",
             pdf_amount_sample(d, max[k]));
    t->cols[COL_NOW + k] = (pdf_col){label, pdf_col_width(d, sample, label), PDF_ALIGN_RIGHT, 0};
  }
  const char *share = pdf_msg(d, "column.budget_share");
  double widest = pdf_col_width(d, "88.8%", share);
  for (size_t i = 0; i < d->r->decision_count && d->r->has_error_budget; i++) {
    const bd_scenario *s = d->r->scenarios[d->r->decisions[i]];
    double w = pdf_col_width(d, pdf_share(d, s->budget_share), NULL);
    if (w > widest) widest = w;
  }
  t->cols[COL_SHARE] = (pdf_col){share, widest, PDF_ALIGN_RIGHT, 0};
  double dw = pdf_text_width(d->text, pdf_msg(d, "flag.over_cap"), d->f_small) + 2 * d->pad;
  if (dw > t->cols[COL_SHARE].w) t->cols[COL_SHARE].w = dw;
  double pw = 0;
  for (int k = 0; k < 4; k++) {
    const char *w = pdf_enum_label(d, "decision", bd_decision_name((bd_decision)k));
    double x = pdf_text_width(d->text, w, d->f_small) + d->f_small.size * 1.2 + 2 * d->pad;
    if (x > pw) pw = x;
  }
  const char *dl = pdf_msg(d, "column.decision");
  if (pdf_col_width(d, "", dl) > pw) pw = pdf_col_width(d, "", dl);
  t->cols[COL_DECISION] = (pdf_col){dl, pw, PDF_ALIGN_CENTER, 0};
  t->n = COLS;
  if (!d->r->has_error_budget) { /* drop the budget share column */
    t->cols[COL_SHARE] = t->cols[COL_DECISION];
    t->n = COLS - 1;
  }
  pdf_cols_place(t->cols, t->n, d->x0, d->x1);
}

/* Lines a scenario title may take. */
static int title_lines(const pdf_doc *d) {
  return d->slides ? 2 : 3;
}

/* The font of a scenario title in a column of width w: the cell font, or
 * on slides the smaller type when the title takes more than two lines. */
static pdf_font title_font(pdf_doc *d, const char *title, double w) {
  if (d->slides && pdf_text_line_count(d->text, title, d->f_cell, w, 0) > title_lines(d))
    return d->f_small;
  return d->f_cell;
}

/* The line under a title with the decision's confidence, "Mitigate: pays
 * off in 83% of simulated years" ("Uncertain · " first under 60%), into
 * buf; "" without ranges.  Returns buf. */
static const char *confidence_line(pdf_doc *d, const bd_scenario *s, char *buf, size_t size) {
  return deck_decision_line(d->host, d->req->output, s, buf, size);
}

/* Lines the confidence line of s takes under its title (0 without one). */
static int confidence_lines(pdf_doc *d, const bd_scenario *s, double w) {
  char line[800];
  if (!*confidence_line(d, s, line, sizeof line)) return 0;
  return pdf_text_line_count(d->text, line, d->f_small, w, 2);
}

/* Height of the row of the i-th decision. */
static double row_height(void *ctx, size_t i) {
  decisions *t = ctx;
  pdf_doc *d = t->d;
  const bd_scenario *s = d->r->scenarios[d->r->decisions[i]];
  const pdf_col *c = &t->cols[COL_TITLE];
  pdf_font f = title_font(d, s->title, c->w - 2 * d->pad);
  int lines = pdf_text_line_count(d->text, s->title, f, c->w - 2 * d->pad, title_lines(d));
  double h = pdf_text_line_height(f) * lines + (d->slides ? 0 : pdf_text_line_height(d->f_small));
  h += confidence_lines(d, s, c->w - 2 * d->pad) * pdf_text_line_height(d->f_small);
  double share =
      s->over_cap ? pdf_text_line_height(d->f_cell) + pdf_text_line_height(d->f_small) : 0;
  return (h > share ? h : share) + 2 * d->pad;
}

/* The intro on the first page (or the note that nothing needs a decision);
 * slides leave the explanation to the speaker. */
static const char *intro(pdf_doc *d) {
  if (d->r->decision_count == 0) return pdf_msg(d, "text.no_decisions");
  return d->slides ? NULL : pdf_msg(d, "text.decisions_intro");
}

/* y of the first row of a page. */
static double rows_top(decisions *t, int first) {
  pdf_doc *d = t->d;
  double y = pdf_page_content_top(d, pdf_msg(d, "heading.decisions"), !first);
  if (first && intro(d))
    y += pdf_text_line_count(d->text, intro(d), d->f_subtitle, d->x1 - d->x0, 3) *
             pdf_text_line_height(d->f_subtitle) +
         2 * d->pad;
  return y + pdf_cols_header_height(d, t->cols, t->n);
}

/* See pdf.h. */
size_t pdf_decisions_paginate(pdf_doc *d) {
  decisions t;
  decisions_open(d, &t);
  size_t planned; /* slides: the slide plan's cut */
  const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_DECISIONS, 0, &planned);
  size_t pages =
      s ? pdf_paginate_planned(s, planned, d->r->decision_count, row_height, &t,
                               &d->ps->decision_starts, &d->ps->decision_heights)
        : pdf_paginate(d->r->decision_count, d->y1 - rows_top(&t, 1), d->y1 - rows_top(&t, 0),
                       row_height, NULL, NULL, &t, 0, d->r->decision_count, &d->ps->decision_starts,
                       &d->ps->decision_heights);
  d->ps->decision_page_count = pages;
  return pages;
}

/* Draws the row of the i-th decision at y; returns its height. */
static double draw_row(decisions *t, size_t i, double y) {
  pdf_doc *d = t->d;
  const bd_report *r = d->r;
  const bd_scenario *s = r->scenarios[r->decisions[i]];
  const pdf_col *c = t->cols;
  double h = d->ps->decision_heights[i];
  if (i % 2) pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, h, PDF_COLOR_ZEBRA);
  char rank[32];
  snprintf(rank, sizeof rank, "%zu", i + 1);
  pdf_cell(d, &c[COL_RANK], rank, d->f_cell, BD_COLOR_MUTED, y, 1);
  pdf_font tf = title_font(d, s->title, c[COL_TITLE].w - 2 * d->pad);
  int lines = pdf_cell(d, &c[COL_TITLE], s->title, tf, BD_COLOR_TEXT, y, title_lines(d));
  double below = y + d->pad + lines * pdf_text_line_height(tf);
  if (!d->slides) { /* the slides' trees show it */
    pdf_draw(d, r->failures[s->failure]->title, d->f_small, BD_COLOR_MUTED, c[COL_TITLE].x + d->pad,
             below, c[COL_TITLE].w - 2 * d->pad, 1, PDF_ALIGN_LEFT);
    below += pdf_text_line_height(d->f_small);
  }
  char confidence[800];
  if (*confidence_line(d, s, confidence, sizeof confidence))
    pdf_draw(d, confidence, deck_uncertain(s) ? (pdf_font){d->f_small.size, 1} : d->f_small,
             deck_uncertain(s) ? BD_COLOR_TEXT : BD_COLOR_MUTED, c[COL_TITLE].x + d->pad, below,
             c[COL_TITLE].w - 2 * d->pad, 2, PDF_ALIGN_LEFT);
  pdf_cell(d, &c[COL_NOW], pdf_amount(d, s->state[BD_STATE_CURRENT]->eal, 1), d->f_cell_bold,
           BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &c[COL_PLANNED], pdf_amount(d, s->state[BD_STATE_PLANNED]->eal, 1), d->f_cell,
           BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &c[COL_COST], pdf_amount(d, s->plan_cost, 1), d->f_cell, BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &c[COL_REDUCTION], pdf_amount(d, s->reduction, 1), d->f_cell, BD_COLOR_TEXT, y, 1);
  if (r->has_error_budget) {
    const pdf_col *sc = &c[COL_SHARE];
    pdf_cell(d, sc, s->has_budget_share ? pdf_share(d, s->budget_share) : "",
             s->over_cap ? d->f_cell_bold : d->f_cell,
             s->over_cap ? BD_COLOR_CELL_FAILING : BD_COLOR_TEXT, y, 1);
    if (s->over_cap)
      pdf_draw(d, pdf_msg(d, "flag.over_cap"), d->f_small, BD_COLOR_CELL_FAILING, sc->x + d->pad,
               y + d->pad + pdf_text_line_height(d->f_cell), sc->w - 2 * d->pad, 1,
               PDF_ALIGN_RIGHT);
  }
  const pdf_col *dc = &c[t->n - 1];
  const char *word = pdf_enum_label(d, "decision", bd_decision_name(s->decision));
  double pw = pdf_text_width(d->text, word, d->f_small) + d->f_small.size * 1.2;
  pdf_pill(d, word, d->f_small, pdf_decision_color(s->decision), dc->x + (dc->w - pw) / 2,
           y + d->pad + (pdf_text_line_height(d->f_cell) - pdf_text_line_height(d->f_small)) / 2,
           pw);
  pdf_link(d, d->x0, y, d->x1 - d->x0, h, d->ps->scenario_tree_page[r->decisions[i]]);
  if (!d->ps->summary) pdf_hrule(d, d->x0, d->x1, y + h, 0.4, PDF_COLOR_RULE); /* zebra is enough */
  return h;
}

/* See pdf.h. */
int pdf_decisions_draw(pdf_doc *d) {
  decisions t;
  decisions_open(d, &t);
  int rc = 0;
  size_t n = d->r->decision_count, planned;
  const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_DECISIONS, 0, &planned);
  for (size_t p = 0; p < d->ps->decision_page_count && rc == 0; p++) {
    double y = pdf_slide_begin(d, s ? &s[p] : NULL, pdf_msg(d, "heading.decisions"), p > 0);
    if (p == 0 && intro(d)) {
      int lines = pdf_draw(d, intro(d), d->f_subtitle, BD_COLOR_MUTED, d->x0, y, d->x1 - d->x0, 3,
                           PDF_ALIGN_LEFT);
      y += lines * pdf_text_line_height(d->f_subtitle) + 2 * d->pad;
    }
    if (n) y += pdf_cols_header(d, t.cols, t.n, y);
    size_t end = p + 1 < d->ps->decision_page_count ? d->ps->decision_starts[p + 1] : n;
    for (size_t i = d->ps->decision_starts[p]; i < end; i++) y += draw_row(&t, i, y);
    rc = pdf_page_end(d);
  }
  return rc;
}
