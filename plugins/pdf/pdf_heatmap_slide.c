/*
 * pdf_heatmap_slide.c - the coverage heatmap of the slides: compact rows,
 * so that one slide holds up to 40 scenarios.
 *
 * Each row is one line at the 12 pt floor: a scenario's id (linked to its
 * scenario tree) and its title cut to the room left, then one cell per kind
 * of measure in the colour of its state with the state's mark (the legend
 * says which mark and colour is which state).  The business losses head
 * their scenarios; failure types are left out (the loss matrix shows them).
 * The rows run down side-by-side panels, as few as hold them all on one
 * slide (at most three); a plan with more rows than three panels hold
 * continues on the next slide.  A loss never ends a panel, and a panel
 * that starts inside a loss's scenarios repeats the loss first.
 */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_PANELS 3

/* The layout of the compact heatmap. */
typedef struct compact {
  pdf_doc *d;
  pdf_font f, bold; /* the row type: the 12 pt floor */
  double row_h;     /* one row */
  double cell_w;    /* one cell per kind */
  double gap;       /* between panels */
  size_t per_panel; /* rows a panel holds */
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

/* The y of the first row of a slide. */
static double rows_top(compact *c, int first) {
  pdf_doc *d = c->d;
  double y = pdf_page_content_top(d, pdf_msg(d, "heading.coverage"), !first);
  return y + pdf_heatmap_legend(d, 0, y, 0) + c->row_h + d->pad;
}

/* The matrix row of the loss that heads matrix row i. */
static size_t loss_row(const bd_report *r, size_t i) {
  while (i > 0 && r->matrix_rows[i]->type != BD_ROW_LOSS) i--;
  return i;
}

/* Places rows from matrix row `from` into the panels of one slide; returns
 * the matrix row after the last one placed.  A panel that starts inside a
 * loss's scenarios first repeats the loss, "... (continued)".  Calls
 * place(c, row, panel, slot, repeat) for each row unless place is NULL. */
static size_t fill_slide(compact *c, size_t from,
                         void (*place)(compact *c, size_t row, int panel, size_t slot,
                                       int repeat)) {
  const bd_report *r = c->d->r;
  size_t i = from;
  for (int p = 0; p < c->panels && i < r->matrix_row_count; p++) {
    size_t slot = 0;
    while (i < r->matrix_row_count && !shown(r, i)) i++;
    if (i < r->matrix_row_count && r->matrix_rows[i]->type == BD_ROW_SCENARIO && c->per_panel > 2) {
      if (place) place(c, loss_row(r, i), p, slot, 1);
      slot++;
    }
    while (i < r->matrix_row_count && slot < c->per_panel) {
      if (!shown(r, i)) {
        i++;
        continue;
      }
      /* A loss is not the last row of a panel: it moves to the next one. */
      if (r->matrix_rows[i]->type == BD_ROW_LOSS && slot + 1 == c->per_panel && slot > 0) break;
      if (place) place(c, i, p, slot, 0);
      slot++;
      i++;
    }
  }
  while (i < r->matrix_row_count && !shown(r, i)) i++;
  return i;
}

/* Counts the slides the rows take with c's panels. */
static size_t count_slides(compact *c) {
  size_t slides = 0, i = 0, n = c->d->r->matrix_row_count;
  do {
    size_t next = fill_slide(c, i, NULL);
    slides++;
    if (next == i) break; /* a panel holds no row: never loop */
    i = next;
  } while (i < n);
  return slides;
}

/* Sets up the type and the panels: as few as hold every row on one slide.
 * One panel has room for the kinds' labels over its cells; more panels
 * show their letters (the key is on the legend's line). */
static void compact_open(pdf_doc *d, compact *c) {
  c->d = d;
  c->f = (pdf_font){12, 0};
  c->bold = (pdf_font){12, 1};
  c->row_h = pdf_text_line_height(c->f) + 4;
  c->gap = 2 * d->pad + 6;
  double room = d->y1 - rows_top(c, 0);
  c->per_panel = room > c->row_h ? (size_t)(room / c->row_h) : 1;
  for (c->panels = 1; c->panels < MAX_PANELS; c->panels++)
    if (count_slides(c) == 1) break;
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
  compact c;
  compact_open(d, &c);
  size_t n = d->r->matrix_row_count, slides = count_slides(&c);
  d->coverage_starts = malloc(slides * sizeof *d->coverage_starts);
  d->coverage_heights = malloc((n ? n : 1) * sizeof *d->coverage_heights);
  if (d->coverage_starts == NULL || d->coverage_heights == NULL) return 0;
  for (size_t i = 0; i < n; i++) d->coverage_heights[i] = shown(d->r, i) ? c.row_h : 0;
  size_t i = 0;
  for (size_t s = 0; s < slides; s++) {
    d->coverage_starts[s] = i;
    i = fill_slide(&c, i, NULL);
  }
  d->coverage_page_count = slides;
  return slides;
}

/* Draws matrix row `row` in slot `slot` of panel `panel` (repeat: a
 * loss repeated over its continued scenarios). */
static void draw_row(compact *c, size_t row, int panel, size_t slot, int repeat) {
  pdf_doc *d = c->d;
  const bd_report *r = d->r;
  const bd_matrix_row *m = r->matrix_rows[row];
  double x, w, y = c->top + (double)slot * c->row_h, ty = y + 2;
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
  pdf_link(d, x, y, w - BD_KIND_COUNT * c->cell_w, c->row_h, d->scenario_tree_page[m->index]);
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

/* See pdf.h. */
int pdf_heatmap_slide_draw(pdf_doc *d) {
  compact c;
  compact_open(d, &c);
  int rc = 0;
  for (size_t p = 0; p < d->coverage_page_count && rc == 0; p++) {
    double y = pdf_page_begin(d, pdf_msg(d, "heading.coverage"), p > 0);
    if (c.panels > 1) pdf_kind_key(d, d->x0, y, d->x1 - d->x0);
    y += pdf_heatmap_legend(d, 0, y, 1);
    draw_heads(&c, y);
    c.top = y + c.row_h + d->pad;
    fill_slide(&c, d->coverage_starts[p], draw_row);
    rc = pdf_page_end(d);
  }
  return rc;
}
