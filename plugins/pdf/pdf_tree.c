/*
 * pdf_tree.c - the scenario trees: one business loss per page, its failure
 * types, scenarios and measures in four columns joined by elbow lines.
 *
 * The report model lays every tree out in abstract rows (leaves on rows
 * 0, 1, 2, ..., parents midway between their first and last child).  A tree
 * that fits the page is drawn at full size; one that fits at 70% or more is
 * shrunk onto one page; a larger one runs over several pages, cut between
 * leaf rows with one-line titles, so no box is ever cut.  On each page a
 * parent sits midway between its first and last child shown there, so a
 * failure type or scenario whose children continue on the next page is
 * drawn again there.
 */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Sizes of one tree's drawing at its scale. */
typedef struct tree_style {
  pdf_font title, bold, meta;
  double row, box_h, pad, gap;
  double col_x[4], col_w[4]; /* the four columns: loss, failure type, scenario, measure */
  int title_lines;
} tree_style;

/* Scratch arrays for one tree, sized for the largest tree. */
typedef struct tree_work {
  size_t *lo; /* first leaf row of each node's subtree */
  double *pmin, *pmax, *pos;
  size_t *leaf_of_row;
} tree_work;

/* The style of a tree at scale s; compact: one-line titles. */
static tree_style style_for(pdf_doc *d, double s, int compact) {
  tree_style st;
  double base = d->slides ? 11 : 6.9, meta = d->slides ? 9.5 : 6;
  st.title = (pdf_font){base * s, 0};
  st.bold = (pdf_font){base * s, 1};
  st.meta = (pdf_font){meta * s, 0};
  st.title_lines = compact ? 1 : 2;
  st.pad = (d->slides ? 4.5 : 3) * s;
  st.box_h =
      pdf_text_line_height(st.title) * st.title_lines + pdf_text_line_height(st.meta) + 2 * st.pad;
  st.row = st.box_h + (d->slides ? 8 : 5) * s;
  st.gap = d->slides ? 26 : 14;
  /* Deeper columns hold more (and longer) titles: give them more room. */
  static const double weight[4] = {0.8, 0.95, 1.1, 1.15};
  double x = d->x0, unit = (d->x1 - d->x0 - 3 * st.gap) / 4;
  for (int c = 0; c < 4; c++) {
    st.col_x[c] = x;
    st.col_w[c] = unit * weight[c];
    x += st.col_w[c] + st.gap;
  }
  return st;
}

/* The top of the tree area: title, caption and column labels. */
static double area_top(pdf_doc *d, const char *title, int cont) {
  return pdf_page_content_top(d, title, cont) + pdf_text_line_height(d->f_head) + d->pad * 2;
}

/* The first leaf row of a scenario's subtree. */
static size_t scenario_first_row(const bd_scenario *s, const bd_tree_node *n) {
  return s->measure_count ? (size_t)(n->row - (double)(s->measure_count - 1) / 2 + 0.25)
                          : (size_t)(n->row + 0.25);
}

/* See pdf.h. */
size_t pdf_tree_paginate(pdf_doc *d) {
  const bd_report *r = d->r;
  d->tree_plans = calloc(r->tree_count ? r->tree_count : 1, sizeof *d->tree_plans);
  d->tree_first = calloc(r->loss_count ? r->loss_count : 1, sizeof *d->tree_first);
  d->scenario_tree_page = calloc(r->scenario_count ? r->scenario_count : 1, sizeof(int));
  if (!d->tree_plans || !d->tree_first || !d->scenario_tree_page) return 0;
  size_t pages = 0;
  for (size_t t = 0; t < r->tree_count; t++) {
    const bd_tree *tree = &r->trees[t];
    const char *title = r->losses[tree->loss].title;
    size_t rows = tree->row_count ? tree->row_count : 1;
    double avail = d->y1 - area_top(d, title, 0);
    tree_style st = style_for(d, 1, 0);
    pdf_tree_plan *plan = &d->tree_plans[t];
    size_t fit = (size_t)(avail / st.row);
    if (rows <= fit) {
      *plan = (pdf_tree_plan){1, rows, 1, 0};
    } else if (avail / (st.row * (double)rows) >= 0.7) {
      *plan = (pdf_tree_plan){avail / (st.row * (double)rows), rows, 1, 0};
    } else {
      st = style_for(d, 1, 1);
      double cont_avail = d->y1 - area_top(d, title, 1);
      size_t per = (size_t)((cont_avail < avail ? cont_avail : avail) / st.row);
      if (per < 1) per = 1;
      *plan = (pdf_tree_plan){1, per, (rows + per - 1) / per, 1};
    }
    int first = d->section_first[PDF_SEC_TREES] + (int)pages;
    d->tree_first[tree->loss] = first;
    for (size_t i = 0; i < tree->node_count; i++) {
      const bd_tree_node *n = &tree->nodes[i];
      if (n->type != BD_NODE_SCENARIO) continue;
      size_t row = scenario_first_row(&r->scenarios[n->index], n);
      d->scenario_tree_page[n->index] = first + (int)(row / plan->rows_per_page);
    }
    pages += plan->pages;
  }
  return pages ? pages : 1;
}

/* The line under a loss, failure type or scenario title: "now → planned". */
static const char *figures_line(pdf_doc *d, double now, double planned, char *buf, size_t size) {
  snprintf(buf, size, "%s \xe2\x86\x92 %s", pdf_amount(d, now, 1), pdf_amount(d, planned, 1));
  return buf;
}

/* The colour that stands for a measure's state: status, then verification. */
static uint32_t measure_color(const bd_measure *m) {
  if (m->status == BD_STATUS_PLANNED) return BD_COLOR_CELL_PLANNED;
  if (m->kind == BD_KIND_TESTING) return pdf_cell_color(m->test_state);
  switch (m->verification) {
  case BD_VERIFICATION_VERIFIED:
    return BD_COLOR_CELL_VERIFIED;
  case BD_VERIFICATION_STALE:
    return BD_COLOR_CELL_STALE;
  case BD_VERIFICATION_FAILING:
    return BD_COLOR_CELL_FAILING;
  default:
    return BD_COLOR_CELL_IMPLEMENTED;
  }
}

/* Draws one node's box centred on cy in column x.  span: how many rows its
 * children shown on the page span beyond one (0 for a leaf); a parent's box
 * may grow that much taller without reaching its siblings' boxes. */
static void draw_box(pdf_doc *d, const bd_tree_node *n, const tree_style *st, double x, double cy,
                     double span) {
  const bd_report *r = d->r;
  char buf[256];
  double w = st->col_w[n->depth < 4 ? n->depth : 3], tl = pdf_text_line_height(st->title);
  double inner = w - 2 * st->pad - 3;
  const char *title = NULL, *meta = NULL;
  uint32_t bg = PDF_COLOR_WHITE, fg = BD_COLOR_TEXT, mfg = BD_COLOR_MUTED, stripe = 0;
  int bold = 0;
  switch (n->type) {
  case BD_NODE_LOSS: {
    const bd_loss *l = &r->losses[n->index];
    title = l->title;
    meta = figures_line(d, l->eal[BD_STATE_CURRENT], l->eal[BD_STATE_PLANNED], buf, sizeof buf);
    bg = BD_COLOR_ACCENT;
    fg = mfg = PDF_COLOR_WHITE;
    bold = 1;
    break;
  }
  case BD_NODE_FAILURE: {
    const bd_failure *f = &r->failures[n->index];
    title = f->title;
    meta = figures_line(d, f->eal[BD_STATE_CURRENT], f->eal[BD_STATE_PLANNED], buf, sizeof buf);
    bg = PDF_COLOR_GROUP;
    break;
  }
  case BD_NODE_SCENARIO: {
    const bd_scenario *s = &r->scenarios[n->index];
    title = s->title;
    meta = figures_line(d, s->state[BD_STATE_CURRENT].eal, s->state[BD_STATE_PLANNED].eal, buf,
                        sizeof buf);
    stripe = s->over_cap ? BD_COLOR_CELL_FAILING : pdf_decision_color(s->decision);
    break;
  }
  default: {
    const bd_measure *m = &r->scenarios[n->index].measures[n->measure];
    title = m->title;
    const char *kind = pdf_enum_label(d, "kind", bd_kind_name(m->kind));
    const char *status = pdf_enum_label(d, "status", bd_status_name(m->status));
    const char *ver =
        m->kind == BD_KIND_TESTING
            ? pdf_enum_label(d, "cell", bd_cell_name(m->test_state))
            : pdf_enum_label(d, "verification", bd_verification_name(m->verification));
    if (m->status == BD_STATUS_IMPLEMENTED)
      snprintf(buf, sizeof buf, "%s \xc2\xb7 %s \xc2\xb7 %s", kind, status, ver);
    else
      snprintf(buf, sizeof buf, "%s \xc2\xb7 %s", kind, status);
    meta = buf;
    stripe = measure_color(m);
    bg = PDF_COLOR_ZEBRA;
    break;
  }
  }
  /* Title lines: as many as the room allows, up to three. */
  double room = (1 + span) * st->row - (st->row - st->box_h);
  int allowed = (int)((room - pdf_text_line_height(st->meta) - 2 * st->pad) / tl);
  if (allowed > 3) allowed = 3;
  if (allowed < st->title_lines) allowed = st->title_lines;
  pdf_font tf = bold ? st->bold : st->title;
  int lines = pdf_text_line_count(d->text, title, tf, inner, allowed);
  double h = st->box_h + (lines > st->title_lines ? (lines - st->title_lines) * tl : 0);
  double y = cy - h / 2;
  if (bg == PDF_COLOR_WHITE) { /* a hairline frame: the box on a slightly larger rule colour */
    pdf_fill(d, x, y, w, h, PDF_COLOR_RULE_STRONG);
    pdf_fill(d, x + 0.5, y + 0.5, w - 1, h - 1, bg);
  } else {
    pdf_fill(d, x, y, w, h, bg);
  }
  double tx = x + st->pad;
  if (stripe) {
    pdf_fill(d, x, y, 3, h, stripe);
    tx += 3;
  }
  double top = y + (h - tl * lines - pdf_text_line_height(st->meta)) / 2;
  pdf_draw(d, title, tf, fg, tx, top, inner, allowed, PDF_ALIGN_LEFT);
  double my = top + tl * lines;
  if (n->type == BD_NODE_SCENARIO) {
    const bd_scenario *s = &r->scenarios[n->index];
    const char *word = pdf_enum_label(d, "decision", bd_decision_name(s->decision));
    double pw = pdf_text_width(d->text, word, st->meta) + st->meta.size * 1.2;
    pdf_pill(d, word, st->meta, pdf_decision_color(s->decision), x + w - st->pad - pw, my, pw);
    pdf_draw(d, meta, st->meta, mfg, tx, my, inner - pw - st->pad, 1, PDF_ALIGN_LEFT);
  } else {
    pdf_draw(d, meta, st->meta, mfg, tx, my, inner, 1, PDF_ALIGN_LEFT);
  }
}

/* Computes the first leaf row of every node and the leaf of every row. */
static void leaf_ranges(const bd_tree *tree, tree_work *w) {
  size_t n = tree->node_count;
  for (size_t i = 0; i < n; i++) w->lo[i] = (size_t)-1;
  for (size_t i = n; i-- > 0;) {
    const bd_tree_node *node = &tree->nodes[i];
    if (w->lo[i] == (size_t)-1) { /* no child seen: a leaf */
      w->lo[i] = (size_t)(node->row + 0.25);
      if (w->lo[i] < tree->row_count) w->leaf_of_row[w->lo[i]] = i;
    }
    if (node->parent != BD_NO_PARENT) {
      size_t p = node->parent;
      if (w->lo[i] < w->lo[p]) w->lo[p] = w->lo[i];
    }
  }
}

/* Places node i (visible on the page) from its visible children. */
static void place_node(const bd_tree *tree, tree_work *w, size_t i) {
  const bd_tree_node *node = &tree->nodes[i];
  w->pos[i] = w->pmin[i] <= w->pmax[i] ? (w->pmin[i] + w->pmax[i]) / 2 : (double)w->lo[i];
  if (node->parent != BD_NO_PARENT) {
    size_t p = node->parent;
    if (w->pos[i] < w->pmin[p]) w->pmin[p] = w->pos[i];
    if (w->pos[i] > w->pmax[p]) w->pmax[p] = w->pos[i];
  }
}

/* Draws rows [a, b) of a tree on the current page from y. */
static void draw_rows(pdf_doc *d, const bd_tree *tree, tree_work *w, const tree_style *st, size_t a,
                      size_t b, double y) {
  size_t first = w->leaf_of_row[a], last = w->leaf_of_row[b - 1];
  size_t anc[8], na = 0;
  for (size_t p = tree->nodes[first].parent; p != BD_NO_PARENT && na < 8; p = tree->nodes[p].parent)
    anc[na++] = p;
  for (size_t i = first; i <= last; i++) w->pmin[i] = INFINITY, w->pmax[i] = -INFINITY;
  for (size_t k = 0; k < na; k++) w->pmin[anc[k]] = INFINITY, w->pmax[anc[k]] = -INFINITY;
  for (size_t i = last + 1; i-- > first;) place_node(tree, w, i);
  for (size_t k = 0; k < na; k++) place_node(tree, w, anc[k]);
  /* Elbow lines first, boxes over them. */
  cairo_t *cr = d->cr;
  for (size_t pass = 0; pass < 2; pass++) {
    for (size_t k = 0; k < na + (last - first + 1); k++) {
      size_t i = k < na ? anc[k] : first + (k - na);
      const bd_tree_node *n = &tree->nodes[i];
      double cy = y + (w->pos[i] - (double)a + 0.5) * st->row;
      double x = st->col_x[n->depth < 4 ? n->depth : 3];
      if (pass == 1) {
        draw_box(d, n, st, x, cy, w->pmin[i] <= w->pmax[i] ? w->pmax[i] - w->pmin[i] : 0);
      } else if (n->parent != BD_NO_PARENT) {
        double py = y + (w->pos[n->parent] - (double)a + 0.5) * st->row;
        double mid = x - st->gap / 2;
        cairo_move_to(cr, x - st->gap, py);
        cairo_line_to(cr, mid, py);
        cairo_line_to(cr, mid, cy);
        cairo_line_to(cr, x, cy);
      }
    }
    if (pass == 0) {
      pdf_rgb(cr, PDF_COLOR_RULE_STRONG);
      cairo_set_line_width(cr, d->slides ? 1.2 : 0.7);
      cairo_stroke(cr);
    }
  }
}

/* Draws the column labels over the four columns at y. */
static void column_labels(pdf_doc *d, const tree_style *st, double y) {
  static const char *const keys[4] = {"column.loss", "column.failure", "column.scenario",
                                      "pdf.measure"};
  for (int c = 0; c < 4; c++)
    pdf_draw(d, pdf_msg(d, keys[c]), d->f_head, BD_COLOR_MUTED, st->col_x[c], y + d->pad,
             st->col_w[c], 1, PDF_ALIGN_LEFT);
}

/* See pdf.h. */
int pdf_tree_draw(pdf_doc *d) {
  const bd_report *r = d->r;
  size_t max_nodes = 1, max_rows = 1;
  for (size_t t = 0; t < r->tree_count; t++) {
    if (r->trees[t].node_count > max_nodes) max_nodes = r->trees[t].node_count;
    if (r->trees[t].row_count > max_rows) max_rows = r->trees[t].row_count;
  }
  tree_work w = {malloc(max_nodes * sizeof(size_t)), malloc(max_nodes * sizeof(double)),
                 malloc(max_nodes * sizeof(double)), malloc(max_nodes * sizeof(double)),
                 calloc(max_rows, sizeof(size_t))};
  int rc = w.lo && w.pmin && w.pmax && w.pos && w.leaf_of_row ? 0 : -1;
  if (r->tree_count == 0 && rc == 0) {
    pdf_page_begin(d, pdf_msg(d, "heading.scenario_tree"), 0);
    rc = pdf_page_end(d);
  }
  for (size_t t = 0; t < r->tree_count && rc == 0; t++) {
    const bd_tree *tree = &r->trees[t];
    const pdf_tree_plan *plan = &d->tree_plans[t];
    const char *title = r->losses[tree->loss].title;
    tree_style st = style_for(d, plan->scale, plan->compact);
    leaf_ranges(tree, &w);
    for (size_t p = 0; p < plan->pages && rc == 0; p++) {
      double y = pdf_page_begin(d, title, p > 0);
      column_labels(d, &st, y);
      y = area_top(d, title, p > 0);
      size_t a = p * plan->rows_per_page, b = a + plan->rows_per_page;
      if (b > tree->row_count) b = tree->row_count;
      if (a < b) draw_rows(d, tree, &w, &st, a, b, y);
      rc = pdf_page_end(d);
    }
  }
  free(w.lo);
  free(w.pmin);
  free(w.pmax);
  free(w.pos);
  free(w.leaf_of_row);
  return rc;
}
