/*
 * pdf_heatmap_slide.c - the coverage heatmap of the slides, drawn as the
 * slide plan (plugins/deck) has it: which matrix rows go on each slide, in
 * how many side-by-side panels, each row at the plan's height.
 *
 * Each row is one line at the 12 pt floor: a scenario's id (linked to its
 * scenario tree) and its title cut to the room left, then one cell per kind
 * of measure in the colour of its state with the state's mark (the legend
 * says which mark and colour is which state).  The business losses head
 * their scenarios; failure types are left out (the loss matrix shows them).
 * A panel that starts inside a loss's scenarios repeats the loss first.
 */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>

/* The layout of the compact heatmap. */
typedef struct compact {
  pdf_doc *d;
  pdf_font f, bold; /* the row type: the 12 pt floor */
  double row_h;     /* one row */
  double cell_w;    /* one cell per kind */
  double gap;       /* between panels */
  int panels;       /* panels a slide has */
  double top;       /* the y of the first row of the slide being drawn */
} compact;

/* The head over a kind's cells: its label on one panel, else its letter
 * (in buf). */
static const char *kind_head(const compact *c, bd_kind kind, char *buf, size_t size) {
  if (c->panels == 1) return pdf_enum_label(c->d, "kind", bd_kind_name(kind));
  return pdf_kind_letter(c->d, kind, buf, size);
}

/* 1 when matrix row i has a compact row: a loss or a scenario. */
static int shown(const bd_report *r, size_t i) {
  return r->matrix_rows[i]->type != BD_ROW_FAILURE;
}

/* Sets up the type and the cells for a slide of `panels` panels.  One
 * panel has room for the kinds' labels over its cells; more panels show
 * their letters (the key is on the legend's line). */
static void compact_open(pdf_doc *d, compact *c, int panels) {
  c->d = d;
  c->f = (pdf_font){12, 0};
  c->bold = (pdf_font){12, 1};
  c->row_h = pdf_text_line_height(c->f) + 4;
  c->gap = 2 * d->pad + 6;
  c->panels = panels;
  c->cell_w = c->f.size * 2.6;
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    char buf[8];
    double w =
        pdf_text_width(d->text, kind_head(c, (bd_kind)k, buf, sizeof buf), d->f_head) + 2 * d->pad;
    if (w > c->cell_w) c->cell_w = w;
  }
}

/* The x and width of a panel. */
static void panel_box(const compact *c, int panel, double *x, double *w) {
  const pdf_doc *d = c->d;
  *w = (d->x1 - d->x0 - (c->panels - 1) * c->gap) / c->panels;
  *x = d->x0 + panel * (*w + c->gap);
}

/* See pdf.h. */
size_t pdf_heatmap_slide_paginate(pdf_doc *d) {
  size_t planned; /* the slide plan's cut, its rows at the plan's heights */
  const deck_slide *plan = pdf_deck_view(d, DECK_SLIDE_COVERAGE, 0, &planned);
  if (plan == NULL) return 0;
  const double *px = d->deck->services[d->plan].coverage_rows;
  size_t n = d->r->matrix_row_count;
  d->ps->coverage_starts = malloc(planned * sizeof *d->ps->coverage_starts);
  d->ps->coverage_heights = malloc((n ? n : 1) * sizeof *d->ps->coverage_heights);
  if (d->ps->coverage_starts == NULL || d->ps->coverage_heights == NULL) return 0;
  for (size_t i = 0; i < n; i++) d->ps->coverage_heights[i] = shown(d->r, i) ? deck_pt(px[i]) : 0;
  for (size_t p = 0; p < planned; p++) d->ps->coverage_starts[p] = plan[p].first;
  d->ps->coverage_page_count = planned;
  return planned;
}

/* Draws matrix row `row` at c->top in panel `panel`, c->row_h tall (repeat: a
 * loss repeated over its continued scenarios). */
static void draw_row(compact *c, size_t row, int panel, int repeat) {
  pdf_doc *d = c->d;
  const bd_report *r = d->r;
  const bd_matrix_row *m = r->matrix_rows[row];
  double x, w, y = c->top, ty = y + 2;
  panel_box(c, panel, &x, &w);
  if (m->type == BD_ROW_LOSS) {
    char buf[1024];
    const char *title = r->losses[m->index]->title;
    pdf_fill(d, PDF_LAYER_BASE, x, y, w, c->row_h, PDF_COLOR_GROUP);
    pdf_draw(d, repeat ? pdf_continued(d, title, buf, sizeof buf) : title, c->bold, BD_COLOR_TEXT,
             x + d->pad, ty, w - 2 * d->pad, 1, PDF_ALIGN_LEFT);
    return;
  }
  const bd_scenario *s = r->scenarios[m->index];
  double label_w = w - BD_KIND_COUNT * c->cell_w - 2 * d->pad;
  double id_w = pdf_text_width(d->text, s->id, c->bold);
  if (id_w > label_w) id_w = label_w;
  pdf_draw(d, s->id, c->bold, BD_COLOR_TEXT, x + d->pad, ty, label_w, 1, PDF_ALIGN_LEFT);
  double title_x = x + d->pad + id_w + c->f.size * 0.6, title_w = x + d->pad + label_w - title_x;
  if (title_w > c->f.size * 3)
    pdf_draw(d, s->title, c->f, BD_COLOR_MUTED, title_x, ty, title_w, 1, PDF_ALIGN_LEFT);
  pdf_link(d, x, y, w - BD_KIND_COUNT * c->cell_w, c->row_h, d->ps->scenario_tree_page[m->index]);
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    double cx = x + w - (BD_KIND_COUNT - k) * c->cell_w;
    uint32_t bg = pdf_cell_color(s->coverage[k]);
    pdf_fill(d, PDF_LAYER_BASE, cx + 1, y + 1, c->cell_w - 2, c->row_h - 2, bg);
    pdf_draw(d, pdf_cell_mark(s->coverage[k]), c->f, pdf_dark(bg) ? PDF_COLOR_WHITE : BD_COLOR_TEXT,
             cx, ty, c->cell_w, 1, PDF_ALIGN_CENTER);
  }
}

/* Draws the column heads of every panel at y: "Scenario", and each kind
 * over its cells. */
static void draw_heads(compact *c, double y) {
  pdf_doc *d = c->d;
  for (int p = 0; p < c->panels; p++) {
    double x, w;
    panel_box(c, p, &x, &w);
    pdf_draw(d, pdf_msg(d, "column.scenario"), d->f_head, BD_COLOR_MUTED, x + d->pad, y,
             w - BD_KIND_COUNT * c->cell_w - 2 * d->pad, 1, PDF_ALIGN_LEFT);
    for (int k = 0; k < BD_KIND_COUNT; k++) {
      char buf[8];
      pdf_draw(d, kind_head(c, (bd_kind)k, buf, sizeof buf), d->f_head, BD_COLOR_MUTED,
               x + w - (BD_KIND_COUNT - k) * c->cell_w, y, c->cell_w, 1, PDF_ALIGN_CENTER);
    }
  }
  pdf_hrule(d, d->x0, d->x1, y + c->row_h + d->pad / 2, 1.2, PDF_COLOR_RULE_STRONG);
}

/* Draws the rows of slide s of the plan into its panels: each row at the
 * plan's height, a panel that starts inside a loss repeating it first. */
static void draw_planned(compact *c, const deck_slide *s) {
  const pdf_doc *d = c->d;
  double top = c->top;
  size_t first = s->first;
  for (int p = 0; p < s->panels; p++) {
    c->top = top;
    if (s->panel_repeat[p] != DECK_NO_ROW) {
      c->row_h = d->ps->coverage_heights[s->panel_repeat[p]];
      draw_row(c, s->panel_repeat[p], p, 1);
      c->top += c->row_h;
    }
    for (size_t i = first; i < s->panel_end[p]; i++) {
      if (!shown(d->r, i)) continue;
      c->row_h = d->ps->coverage_heights[i];
      draw_row(c, i, p, 0);
      c->top += c->row_h;
    }
    first = s->panel_end[p];
  }
}

/* See pdf.h. */
int pdf_heatmap_slide_draw(pdf_doc *d) {
  size_t planned;
  const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_COVERAGE, 0, &planned);
  int rc = 0;
  for (size_t p = 0; p < planned && rc == 0; p++) {
    compact c;
    compact_open(d, &c, s[p].panels);
    double y = pdf_slide_begin(d, &s[p], NULL, 0);
    if (c.panels > 1) pdf_kind_key(d, d->x0, y, d->x1 - d->x0);
    y += pdf_heatmap_legend(d, 0, y, 1);
    draw_heads(&c, y);
    c.top = y + c.row_h + d->pad;
    draw_planned(&c, &s[p]);
    rc = pdf_page_end(d);
  }
  return rc;
}
