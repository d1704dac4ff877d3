/*
 * pdf_changes.c - what changed since the compared report (--compare), right
 * after a service's summary: which report it is compared with, key figures
 * (the total yearly loss before and now with the signed difference, the
 * new, removed and changed scenarios), then a table of every scenario that
 * is not unchanged: its change, yearly loss before, now and the
 * difference (with a + or − sign; the colour only repeats it), the
 * decision before → now and the coverage cells that changed
 * ("Detective: Planned → Verified"), and at the end how many scenarios did
 * not change.
 */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARROW " \xe2\x86\x92 "
#define DASH  "\xe2\x80\x94"

enum { COL_SCENARIO, COL_CHANGE, COL_BEFORE, COL_AFTER, COL_DIFF, COL_DECISION, COL_COVERAGE };
#define COLS 7

/* The table: its columns and the rows (indices of changed scenarios). */
typedef struct changes {
  pdf_doc *d;
  const bd_comparison *c;
  pdf_col cols[COLS];
  size_t *rows; /* into c->scenarios */
  size_t n;
  size_t unchanged;
  pdf_type saved; /* the table type before it was scaled to fit */
} changes;

/* The label of a change. */
static const char *change_label(pdf_doc *d, bd_change change) {
  return pdf_enum_label(d, "change", bd_change_name(change));
}

/* A plain amount without currency ("8,000") in a scratch buffer. */
static const char *plain(pdf_doc *d, double v) {
  return pdf_money(d, v, d->r->currency, BD_MONEY_BARE);
}

/* The decision cell: "Mitigate → Monitor" when it changed, else the one
 * decision the scenario has, into buf. */
static const char *decision_text(pdf_doc *d, const bd_scenario_delta *s, char *buf, size_t size) {
  const char *before = pdf_enum_label(d, "decision", bd_decision_name(s->decision_before));
  const char *after = pdf_enum_label(d, "decision", bd_decision_name(s->decision_after));
  if (s->change == BD_CHANGE_REMOVED)
    snprintf(buf, size, "%s", before);
  else if (s->decision_changed)
    snprintf(buf, size, "%s" ARROW "%s", before, after);
  else
    snprintf(buf, size, "%s", after);
  return buf;
}

/* The coverage cell: one line per kind whose cell changed. */
static const char *coverage_text(pdf_doc *d, const bd_scenario_delta *s, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    if (!(s->changed_cells & (1u << k))) continue;
    int n = snprintf(buf + len, size - len, "%s%s: %s" ARROW "%s", len ? "\n" : "",
                     pdf_enum_label(d, "kind", bd_kind_name((bd_kind)k)),
                     pdf_enum_label(d, "cell", bd_cell_name(s->coverage_before[k])),
                     pdf_enum_label(d, "cell", bd_cell_name(s->coverage_after[k])));
    if (n < 0 || (size_t)n >= size - len) break;
    len += (size_t)n;
  }
  return len ? buf : DASH;
}

/* The widest text a column of amounts shows. */
static double amount_width(pdf_doc *d, const changes *t, int col, const char *label) {
  double w = pdf_col_width(d, "8,888", label);
  for (size_t i = 0; i < t->n; i++) {
    const bd_scenario_delta *s = t->c->scenarios[t->rows[i]];
    const char *v = col == COL_BEFORE  ? plain(d, s->eal_before)
                    : col == COL_AFTER ? plain(d, s->eal_after)
                                       : pdf_signed_amount(d, s->eal_after - s->eal_before, NULL);
    double x = pdf_col_width(d, v, NULL);
    if (x > w) w = x;
  }
  return w;
}

/* Lays out the columns (scaling the type down when they do not fit); the
 * caller closes with changes_close(). */
static int changes_open(pdf_doc *d, changes *t) {
  memset(t, 0, sizeof *t);
  t->d = d;
  t->c = pdf_comparison(d);
  t->rows = malloc((t->c->scenario_count ? t->c->scenario_count : 1) * sizeof *t->rows);
  if (t->rows == NULL) return -1;
  for (size_t i = 0; i < t->c->scenario_count; i++) {
    if (t->c->scenarios[i]->change == BD_CHANGE_UNCHANGED)
      t->unchanged++;
    else
      t->rows[t->n++] = i;
  }
  pdf_type_scale(d, 1, &t->saved);
  for (int pass = 0; pass < 2; pass++) {
    double change_w = pdf_col_width(d, NULL, pdf_msg(d, "column.change"));
    for (int k = 1; k < 4; k++) {
      double w =
          pdf_text_width(d->text, change_label(d, (bd_change)k), d->f_cell_bold) + 2 * d->pad;
      if (w > change_w) change_w = w;
    }
    double decision_w = pdf_col_width(d, NULL, pdf_msg(d, "column.decision"));
    for (size_t i = 0; i < t->n; i++) {
      char buf[256];
      const char *s = decision_text(d, t->c->scenarios[t->rows[i]], buf, sizeof buf);
      /* one line when it takes at most a fifth of the width, else it wraps */
      double w = pdf_text_width(d->text, s, d->f_cell) + 2 * d->pad;
      double word = pdf_text_min_width(d->text, s, d->f_cell) + 2 * d->pad;
      if (w > (d->x1 - d->x0) / 5) w = word > (d->x1 - d->x0) / 5 ? word : (d->x1 - d->x0) / 5;
      if (w > decision_w) decision_w = w;
    }
    t->cols[COL_SCENARIO] = (pdf_col){pdf_msg(d, "column.scenario"), 0, PDF_ALIGN_LEFT, 0};
    t->cols[COL_CHANGE] = (pdf_col){pdf_msg(d, "column.change"), change_w, PDF_ALIGN_LEFT, 0};
    const char *keys[3] = {"column.before", "column.after", "column.difference"};
    for (int k = 0; k < 3; k++)
      t->cols[COL_BEFORE + k] =
          (pdf_col){pdf_msg(d, keys[k]), amount_width(d, t, COL_BEFORE + k, pdf_msg(d, keys[k])),
                    PDF_ALIGN_RIGHT, 0};
    t->cols[COL_DECISION] = (pdf_col){pdf_msg(d, "column.decision"), decision_w, PDF_ALIGN_LEFT, 0};
    t->cols[COL_COVERAGE] = (pdf_col){pdf_msg(d, "column.coverage_changes"), 0, PDF_ALIGN_LEFT, 0};
    double fixed = 0;
    for (int k = COL_CHANGE; k <= COL_DECISION; k++) fixed += t->cols[k].w;
    double scale = pdf_fit_scale(d, fixed, (d->x1 - d->x0) * 0.45);
    if (pass == 1 || scale >= 1) break;
    pdf_type_scale(d, scale, &t->saved);
  }
  /* the scenario gets less of the flexible width than the coverage lines */
  pdf_col probe[COLS];
  memcpy(probe, t->cols, sizeof probe);
  pdf_cols_place(probe, COLS, d->x0, d->x1);
  t->cols[COL_SCENARIO].w = probe[COL_SCENARIO].w * 0.9;
  pdf_cols_place(t->cols, COLS, d->x0, d->x1);
  return 0;
}

/* Puts the type back and frees the rows. */
static void changes_close(changes *t) {
  pdf_type_restore(t->d, &t->saved);
  free(t->rows);
}

/* The lines of text of row i's cells: scenario title, its id, decision
 * and coverage; returns the row height. */
static double row_height(void *ctx, size_t i) {
  changes *t = ctx;
  pdf_doc *d = t->d;
  const bd_scenario_delta *s = t->c->scenarios[t->rows[i]];
  char buf[512];
  double inner = pdf_text_line_height(d->f_cell);
  double title = pdf_text_line_count(d->text, s->title ? s->title : s->id, d->f_cell,
                                     t->cols[COL_SCENARIO].w - 2 * d->pad, 3) *
                     inner +
                 pdf_text_line_height(d->f_small);
  double dec = pdf_text_line_count(d->text, decision_text(d, s, buf, sizeof buf), d->f_cell,
                                   t->cols[COL_DECISION].w - 2 * d->pad, 3) *
               inner;
  double cov = pdf_text_line_count(d->text, coverage_text(d, s, buf, sizeof buf), d->f_small,
                                   t->cols[COL_COVERAGE].w - 2 * d->pad, 8) *
               pdf_text_line_height(d->f_small);
  double h = title > dec ? title : dec;
  if (cov > h) h = cov;
  return h + 2 * d->pad;
}

/* "Compared with FILE (PERIOD, As of DATE)" into buf. */
static const char *compared_with(pdf_doc *d, const bd_comparison *c, char *buf, size_t size) {
  const char *slash = c->source ? strrchr(c->source, '/') : NULL;
  snprintf(buf, size, "%s %s (%s%s%s %s)", pdf_msg(d, "text.changes_intro"),
           slash       ? slash + 1
           : c->source ? c->source
                       : "",
           c->period ? c->period : "", c->period ? ", " : "", pdf_msg(d, "meta.as_of"),
           c->as_of ? c->as_of : "");
  return buf;
}

/* The four cards: the loss change and the counts. */
static int fill_cards(pdf_doc *d, const bd_comparison *c, pdf_card *cards) {
  const char *cur = d->r->currency;
  double diff = c->eal_after - c->eal_before;
  cards[0] = (pdf_card){pdf_msg(d, "figure.loss_change"), "", "", 0, 0, 0};
  snprintf(cards[0].value, sizeof cards[0].value, "%s", pdf_signed_amount(d, diff, cur));
  snprintf(cards[0].note, sizeof cards[0].note, "%s" ARROW "%s",
           pdf_money(d, c->eal_before, cur, 0), pdf_money(d, c->eal_after, cur, 0));
  const char *labels[3] = {"figure.added", "figure.removed", "figure.changed"};
  size_t counts[3] = {c->added, c->removed, c->changed};
  for (int k = 0; k < 3; k++) {
    cards[k + 1] = (pdf_card){pdf_msg(d, labels[k]), "", "", 0, 0, 0};
    snprintf(cards[k + 1].value, sizeof cards[k + 1].value, "%zu", counts[k]);
  }
  snprintf(cards[3].note, sizeof cards[3].note, "%s %zu \xc2\xb7 %s %zu",
           pdf_msg(d, "column.decision"), c->decision_changes, pdf_msg(d, "column.coverage"),
           c->cell_changes);
  return 4;
}

/* Slides show the comparison and the key figures on a slide of their
 * own, as four large figures in two columns (cards with notes would not
 * fit); the report puts four cards in a row over the table. */
#define LEAD_ALONE(d) ((d)->slides)

/* The fonts of a large figure on a slide: label, value, note. */
static const pdf_font slide_label = {17, 0}, slide_value = {36, 1}, slide_note = {14, 0};

/* The height of one large figure on a slide. */
static double slide_figure_height(void) {
  return pdf_text_line_height(slide_label) + pdf_text_line_height(slide_value) +
         pdf_text_line_height(slide_note) + 16;
}

/* The height of the figures: cards, or large figures on slides. */
static double figures_height(pdf_doc *d) {
  return d->slides ? 2 * slide_figure_height() + 18 : pdf_cards_height(d, 4, 4);
}

/* Draws the four figures as large figures in two columns from y (slides). */
static void draw_slide_figures(pdf_doc *d, const pdf_card *cards, int n, double y) {
  double w = (d->x1 - d->x0 - 18) / 2, h = slide_figure_height();
  for (int i = 0; i < n; i++) {
    double x = d->x0 + (i % 2) * (w + 18), top = y + (i / 2) * (h + 18), ty = top + 8;
    pdf_fill(d, PDF_LAYER_MARK, x, top, 4, h, BD_COLOR_ACCENT);
    x += 18;
    pdf_draw(d, cards[i].label, slide_label, BD_COLOR_MUTED, x, ty, w - 26, 1, PDF_ALIGN_LEFT);
    ty += pdf_text_line_height(slide_label);
    pdf_draw(d, cards[i].value, slide_value, BD_COLOR_TEXT, x, ty, w - 26, 1, PDF_ALIGN_LEFT);
    ty += pdf_text_line_height(slide_value);
    pdf_draw(d, cards[i].note, slide_note, BD_COLOR_MUTED, x, ty, w - 26, 1, PDF_ALIGN_LEFT);
  }
}

/* The height of what the first page shows above the table. */
static double lead_height(changes *t) {
  pdf_doc *d = t->d;
  return pdf_text_line_height(d->f_subtitle) * 2 + 2 * d->pad + figures_height(d) +
         (d->slides ? 18 : 14);
}

/* The height of the line under the table (unchanged count or no change). */
static double tail_height(changes *t) {
  return pdf_text_line_height(t->d->f_subtitle) + 2 * t->d->pad + 4;
}

/* y of the first row of a page of the table. */
static double rows_top(changes *t, int first) {
  pdf_doc *d = t->d;
  double y = pdf_page_content_top(d, pdf_msg(d, "heading.changes"), !first);
  if (first && !LEAD_ALONE(d)) y += lead_height(t);
  return y + (t->n ? pdf_cols_header_height(d, t->cols, COLS) : 0);
}

/* The pages before the table: 1 when the lead stands alone. */
static size_t lead_pages(const pdf_doc *d) {
  return LEAD_ALONE(d) ? 1 : 0;
}

/* See pdf.h. */
size_t pdf_changes_paginate(pdf_doc *d) {
  changes t;
  if (changes_open(d, &t) != 0) return 0;
  /* the last page also holds the line under the table (slides: the lead) */
  double tail = LEAD_ALONE(d) ? 0 : tail_height(&t);
  double room = d->y1 - rows_top(&t, 0) - tail, first = d->y1 - rows_top(&t, 1) - tail;
  size_t pages = pdf_paginate(t.n, first, room, row_height, NULL, NULL, &t, d->slides ? 4 : 0, t.n,
                              &d->changes_starts, &d->changes_heights);
  /* slides without a changed scenario: the lead slide alone */
  d->changes_page_count = pages && LEAD_ALONE(d) && t.n == 0 ? 0 : pages;
  changes_close(&t);
  return pages ? lead_pages(d) + d->changes_page_count : 0;
}

/* Draws the row i at y; returns its height. */
static double draw_row(changes *t, size_t i, double y) {
  pdf_doc *d = t->d;
  const bd_scenario_delta *s = t->c->scenarios[t->rows[i]];
  const pdf_col *c = t->cols;
  double h = d->changes_heights[i];
  char buf[512];
  if (i % 2) pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, h, PDF_COLOR_ZEBRA);
  int lines = pdf_cell(d, &c[COL_SCENARIO], s->title ? s->title : s->id, d->f_cell,
                       s->change == BD_CHANGE_REMOVED ? BD_COLOR_MUTED : BD_COLOR_TEXT, y, 3);
  pdf_draw(d, s->id, d->f_small, BD_COLOR_MUTED, c[COL_SCENARIO].x + d->pad,
           y + d->pad + lines * pdf_text_line_height(d->f_cell), c[COL_SCENARIO].w - 2 * d->pad, 1,
           PDF_ALIGN_LEFT);
  uint32_t change_rgb = s->change == BD_CHANGE_ADDED     ? BD_COLOR_ACCENT
                        : s->change == BD_CHANGE_REMOVED ? BD_COLOR_MUTED
                                                         : BD_COLOR_TEXT;
  pdf_cell(d, &c[COL_CHANGE], change_label(d, s->change), d->f_cell_bold, change_rgb, y, 1);
  pdf_cell(d, &c[COL_BEFORE], s->change == BD_CHANGE_ADDED ? DASH : plain(d, s->eal_before),
           d->f_cell, BD_COLOR_TEXT, y, 1);
  pdf_cell(d, &c[COL_AFTER], s->change == BD_CHANGE_REMOVED ? DASH : plain(d, s->eal_after),
           d->f_cell_bold, BD_COLOR_TEXT, y, 1);
  double diff = s->eal_after - s->eal_before;
  /* the sign says it; the colour repeats it: less loss green, more red */
  uint32_t diff_rgb = diff < -0.5  ? BD_COLOR_CELL_VERIFIED
                      : diff > 0.5 ? BD_COLOR_CELL_FAILING
                                   : BD_COLOR_MUTED;
  pdf_cell(d, &c[COL_DIFF], pdf_signed_amount(d, diff, NULL), d->f_cell_bold, diff_rgb, y, 1);
  pdf_cell(d, &c[COL_DECISION], decision_text(d, s, buf, sizeof buf), d->f_cell,
           s->decision_changed ? BD_COLOR_TEXT : BD_COLOR_MUTED, y, 3);
  pdf_draw(d, coverage_text(d, s, buf, sizeof buf), d->f_small,
           s->changed_cells ? BD_COLOR_TEXT : BD_COLOR_MUTED, c[COL_COVERAGE].x + d->pad,
           y + d->pad, c[COL_COVERAGE].w - 2 * d->pad, 8, PDF_ALIGN_LEFT);
  if (s->change != BD_CHANGE_REMOVED && s->scenario != BD_NO_SCENARIO && d->scenario_tree_page)
    pdf_link(d, d->x0, y, c[COL_CHANGE].x - d->x0, h, d->scenario_tree_page[s->scenario]);
  pdf_hrule(d, d->x0, d->x1, y + h, 0.4, PDF_COLOR_RULE);
  return h;
}

/* The line under the table: how many scenarios did not change, or that
 * none changed, into buf. */
static const char *tail_text(changes *t, char *buf, size_t size) {
  if (t->n == 0)
    snprintf(buf, size, "%s", pdf_msg(t->d, "text.no_changes"));
  else
    snprintf(buf, size, "%zu %s", t->unchanged,
             pdf_msg(t->d, t->unchanged == 1 ? "text.unchanged_one" : "text.unchanged_count"));
  return buf;
}

/* Draws the comparison line and the cards from y; returns the y under them. */
static double draw_lead(changes *t, double y) {
  pdf_doc *d = t->d;
  char buf[1024];
  double top = y;
  pdf_draw(d, compared_with(d, t->c, buf, sizeof buf), d->f_subtitle, BD_COLOR_MUTED, d->x0, y,
           d->x1 - d->x0, 2, PDF_ALIGN_LEFT);
  y += pdf_text_line_height(d->f_subtitle) * 2 + 2 * d->pad;
  pdf_card cards[4];
  int n = fill_cards(d, t->c, cards);
  if (d->slides)
    draw_slide_figures(d, cards, n, y);
  else
    pdf_cards(d, cards, n, d->x0, y, d->x1 - d->x0, 4);
  return top + lead_height(t);
}

/* See pdf.h. */
int pdf_changes_draw(pdf_doc *d) {
  changes t;
  if (changes_open(d, &t) != 0) return -1;
  const char *title = pdf_msg(d, "heading.changes");
  size_t pages = d->changes_page_count;
  int rc = 0;
  char buf[1024];
  if (LEAD_ALONE(d)) {
    double y = draw_lead(&t, pdf_page_begin(d, title, 0));
    pdf_draw(d, tail_text(&t, buf, sizeof buf), d->f_subtitle, BD_COLOR_MUTED, d->x0, y,
             d->x1 - d->x0, 1, PDF_ALIGN_LEFT);
    rc = pdf_page_end(d);
  }
  for (size_t p = 0; p < pages && rc == 0; p++) {
    double y = pdf_page_begin(d, title, p > 0 || LEAD_ALONE(d));
    if (p == 0 && !LEAD_ALONE(d)) y = draw_lead(&t, y);
    if (t.n) y += pdf_cols_header(d, t.cols, COLS, y);
    size_t end = p + 1 < pages ? d->changes_starts[p + 1] : t.n;
    for (size_t i = d->changes_starts[p]; i < end; i++) y += draw_row(&t, i, y);
    if (p + 1 == pages && !LEAD_ALONE(d))
      pdf_draw(d, tail_text(&t, buf, sizeof buf), d->f_subtitle, BD_COLOR_MUTED, d->x0,
               y + d->pad + 4, d->x1 - d->x0, 1, PDF_ALIGN_LEFT);
    rc = pdf_page_end(d);
  }
  changes_close(&t);
  return rc;
}
