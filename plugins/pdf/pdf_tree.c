/*
 * pdf_tree.c - the scenario trees: one business loss per page, its failure
 * types, scenarios and measures in four columns joined by elbow lines.
 *
 * The report model lays every tree out in abstract rows (leaves on rows
 * 0, 1, 2, ..., parents midway between their first and last child).  In the
 * report, a tree that fits the page is drawn at full size; one that fits at
 * 70% or more is shrunk onto one page; a larger one runs over several
 * pages with one-line titles.  Slides draw the summary view (below) with
 * each scenario's measures as chips in its box, and never shrink a tree: a
 * tree runs over as many slides as the slide plan (plugins/deck) gives it,
 * so box text stays at 12.5 pt.  Pages are cut between leaf
 * rows, where a scenario (or a failure type without scenarios) starts when
 * that is possible, so no box is ever cut and a scenario keeps its measures
 * together.  On each page a parent sits midway between its first and last
 * child shown there, so a failure type or scenario whose children continue
 * on the next page is drawn again there.
 *
 * A large plan's report (d->ps->summary) draws the summary view: the trees stop
 * at the scenarios, whose boxes take the measure column too; the appendix
 * lists every measure.  That halves the glyphs and shapes of the trees.
 * Slides draw it too (loss, failure types, scenarios with now -> planned
 * and the decision), and show each measure as a chip on the scenario's
 * box: the first letter of its kind on the colour of its status and
 * verification (the colours of the coverage heatmap).  Which rows go on
 * each slide is the slide plan's (plugins/deck).
 */
#include "pdf.h"

#include "../deck/deck_figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sizes of one tree's drawing at its scale. */
typedef struct tree_style {
  pdf_font title, bold, meta;
  double row, box_h, pad, gap;
  double col_x[4], col_w[4]; /* the four columns: loss, failure type, scenario, measure */
  int title_lines;
  int summary; /* 1: no measure boxes; scenario boxes take the measure column too */
} tree_style;

/* A tree as drawn: which nodes are leaves and on which row.  The full view
 * is the report model's (measures are leaves); the summary view leaves the
 * measures out, so scenarios are the leaves. */
typedef struct tree_view {
  size_t *lo;          /* first leaf row of each node's subtree; NO_ROW for a node not drawn */
  size_t *leaf_of_row; /* the leaf node of each row */
  size_t rows;
  double *pmin, *pmax, *pos; /* scratch for placing the nodes of a page */
} tree_view;
#define NO_ROW ((size_t)-1)

/* Allocates a view for trees of up to max_nodes nodes and max_rows rows;
 * returns 0 or -1 (free with view_free in any case). */
static int view_alloc(tree_view *v, size_t max_nodes, size_t max_rows) {
  v->lo = malloc(max_nodes * sizeof *v->lo);
  v->leaf_of_row = malloc(max_rows * sizeof *v->leaf_of_row);
  v->pmin = malloc(max_nodes * sizeof *v->pmin);
  v->pmax = malloc(max_nodes * sizeof *v->pmax);
  v->pos = malloc(max_nodes * sizeof *v->pos);
  return v->lo && v->leaf_of_row && v->pmin && v->pmax && v->pos ? 0 : -1;
}

/* Frees a view's arrays. */
static void view_free(tree_view *v) {
  free(v->lo);
  free(v->leaf_of_row);
  free(v->pmin);
  free(v->pmax);
  free(v->pos);
}

/* Computes the view of a tree: leaves in preorder on rows 0, 1, 2, ...
 * (the report model's rows in the full view), each parent's first row the
 * smallest of its children's.  Linear in the nodes. */
static void view_compute(const bd_tree *tree, int summary, tree_view *v) {
  size_t n = tree->node_count, rows = 0;
  for (size_t i = 0; i < n; i++) {
    const bd_tree_node *node = tree->nodes[i];
    v->lo[i] = NO_ROW;
    if (summary && node->type == BD_NODE_MEASURE) continue;
    /* In preorder a node's first child, if any, follows it directly. */
    int has_child = i + 1 < n && tree->nodes[i + 1]->parent == i;
    if (summary && node->type == BD_NODE_SCENARIO) has_child = 0;
    if (!has_child) {
      v->lo[i] = rows;
      v->leaf_of_row[rows++] = i;
    }
  }
  for (size_t i = n; i-- > 0;) {
    size_t p = tree->nodes[i]->parent;
    if (v->lo[i] != NO_ROW && p != BD_NO_PARENT && (v->lo[p] == NO_ROW || v->lo[i] < v->lo[p]))
      v->lo[p] = v->lo[i];
  }
  v->rows = rows;
}

/* 1: the summary view (no measure boxes), for a large plan's report and
 * for slides. */
static int summary_view(const pdf_doc *d) {
  return d->ps->summary || (d->slides && !d->chart);
}

/* The style of a tree at scale s; compact: one-line titles. */
static tree_style style_for(pdf_doc *d, double s, int compact) {
  tree_style st;
  double base = d->slides ? 12.5 : 6.9, meta = d->slides ? 12 : 6;
  st.title = (pdf_font){base * s, 0};
  st.bold = (pdf_font){base * s, 1};
  st.meta = (pdf_font){meta * s, 0};
  st.title_lines = compact ? 1 : 2;
  st.summary = summary_view(d);
  st.pad = (d->slides ? 4 : 3) * s;
  st.box_h =
      pdf_text_line_height(st.title) * st.title_lines + pdf_text_line_height(st.meta) + 2 * st.pad;
  st.row = st.box_h + 5 * s;
  st.gap = d->slides ? 26 : 14;
  /* Deeper columns hold more (and longer) titles: give them more room. */
  static const double weight[2][4] = {{0.8, 0.95, 1.1, 1.15}, {0.72, 0.9, 1.15, 1.23}};
  double x = d->x0, unit = (d->x1 - d->x0 - 3 * st.gap) / 4;
  for (int c = 0; c < 4; c++) {
    st.col_x[c] = x;
    st.col_w[c] = unit * weight[d->slides][c];
    x += st.col_w[c] + st.gap;
  }
  if (st.summary && d->slides) { /* three columns: more room for losses and failure types */
    st.col_w[0] = unit * 0.9;
    st.col_w[1] = unit * 1.05;
    st.col_x[1] = st.col_x[0] + st.col_w[0] + st.gap;
    st.col_x[2] = st.col_x[1] + st.col_w[1] + st.gap;
  }
  if (st.summary) st.col_w[2] = st.col_x[3] + st.col_w[3] - st.col_x[2];
  return st;
}

/* Space above and below the column labels. */
static double label_pad(const pdf_doc *d) {
  return d->slides ? d->pad / 2 : d->pad;
}

/* The top of the tree area: title, caption and column labels. */
static double area_top(pdf_doc *d, const char *title, int cont) {
  return pdf_page_content_top(d, title, cont) + pdf_text_line_height(d->f_head) + label_pad(d) * 2;
}

/* Cuts a tree's rows into pages of at most per rows, each cut where a
 * scenario (or a failure type without scenarios) starts when possible (the
 * rule of the HTML deck).  Sets plan->cuts and plan->pages; returns 0 or -1
 * on exhaustion. */
static int cut_rows(const bd_report *r, const bd_tree *tree, const tree_view *v, size_t per,
                    pdf_tree_plan *plan) {
  size_t rows = v->rows;
  unsigned char *ok = calloc(rows + 1, 1);
  size_t cap = rows / per + 2;
  plan->cuts = malloc(cap * sizeof *plan->cuts);
  if (ok == NULL || plan->cuts == NULL) {
    free(ok);
    return -1;
  }
  for (size_t i = 0; i < tree->node_count; i++) {
    const bd_tree_node *n = tree->nodes[i];
    if (v->lo[i] == NO_ROW) continue;
    if (n->type == BD_NODE_SCENARIO ||
        (n->type == BD_NODE_FAILURE && r->failures[n->index]->scenario_count == 0))
      ok[v->lo[i]] = 1;
  }
  ok[rows] = 1;
  size_t n = 0, start = 0;
  plan->cuts[n++] = 0;
  while (start < rows) {
    size_t end = start + per < rows ? start + per : rows, cut = end;
    while (cut > start + 1 && !ok[cut]) cut--;
    if (!ok[cut]) cut = end; /* one scenario with more measures than a page holds */
    if (n == cap) {          /* pieces of at least one row: never more than rows + 1 cuts */
      size_t *grown = realloc(plan->cuts, 2 * cap * sizeof *grown);
      if (grown == NULL) {
        free(ok);
        return -1;
      }
      plan->cuts = grown;
      cap *= 2;
    }
    plan->cuts[n++] = cut;
    start = cut;
  }
  if (n == 1) plan->cuts[n++] = 0; /* a tree without rows: one empty page */
  plan->pages = n - 1;
  free(ok);
  return 0;
}

/* The largest node and row counts of the report's trees (at least 1). */
static void tree_bounds(const bd_report *r, size_t *max_nodes, size_t *max_rows) {
  *max_nodes = *max_rows = 1;
  for (size_t t = 0; t < r->tree_count; t++) {
    if (r->trees[t]->node_count > *max_nodes) *max_nodes = r->trees[t]->node_count;
    if (r->trees[t]->node_count > *max_rows) *max_rows = r->trees[t]->node_count;
  }
}

/* The cuts of a tree of `rows` rows as the slide plan's `count` slides
 * have them.  Returns 0 or -1 on exhaustion. */
static int planned_rows(const deck_slide *s, size_t count, size_t rows, pdf_tree_plan *plan) {
  plan->cuts = malloc((count + 1) * sizeof *plan->cuts);
  if (plan->cuts == NULL) return -1;
  for (size_t p = 0; p < count; p++) plan->cuts[p] = s[p].first;
  plan->cuts[count] = rows;
  plan->pages = count;
  return 0;
}

/* See pdf.h. */
size_t pdf_tree_paginate(pdf_doc *d) {
  const bd_report *r = d->r;
  d->ps->tree_plans = calloc(r->tree_count ? r->tree_count : 1, sizeof *d->ps->tree_plans);
  d->ps->tree_first = calloc(r->loss_count ? r->loss_count : 1, sizeof *d->ps->tree_first);
  d->ps->scenario_tree_page = calloc(r->scenario_count ? r->scenario_count : 1, sizeof(int));
  if (!d->ps->tree_plans || !d->ps->tree_first || !d->ps->scenario_tree_page) return 0;
  size_t max_nodes, max_rows, pages = 0;
  tree_bounds(r, &max_nodes, &max_rows);
  tree_view v;
  if (view_alloc(&v, max_nodes, max_rows) != 0) {
    view_free(&v);
    return 0;
  }
  for (size_t t = 0; t < r->tree_count; t++) {
    const bd_tree *tree = r->trees[t];
    const char *title = r->losses[tree->loss]->title;
    if (d->tree_filter && tree->loss != d->tree_loss) continue; /* no pages: never drawn */
    view_compute(tree, summary_view(d), &v);
    size_t rows = v.rows ? v.rows : 1;
    double avail = d->y1 - area_top(d, title, 0), cont_avail = d->y1 - area_top(d, title, 1);
    if (cont_avail < avail) avail = cont_avail;
    tree_style st = style_for(d, 1, 0);
    pdf_tree_plan *plan = &d->ps->tree_plans[t];
    size_t fit = (size_t)(avail / st.row), per;
    *plan = (pdf_tree_plan){1, NULL, 0, 0};
    if (d->slides && !d->chart) { /* never shrunk, one title line: the slide plan cuts it */
      per = rows;
      plan->compact = 1;
    } else if (rows <= fit) {
      per = rows;
    } else if (avail / (st.row * (double)rows) >= 0.7) {
      plan->scale = avail / (st.row * (double)rows);
      per = rows;
    } else {
      st = style_for(d, 1, 1);
      per = (size_t)(avail / st.row);
      plan->compact = 1;
    }
    size_t planned; /* slides: the slide plan's cut */
    const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_TREE, t, &planned);
    if (s ? planned_rows(s, planned, rows, plan) != 0
          : cut_rows(r, tree, &v, per ? per : 1, plan) != 0) {
      view_free(&v);
      return 0;
    }
    int first = d->ps->section_first[PDF_SEC_TREES] + (int)pages;
    d->ps->tree_first[tree->loss] = first;
    size_t p = 0; /* scenarios come in preorder: their rows only grow */
    for (size_t i = 0; i < tree->node_count; i++) {
      const bd_tree_node *n = tree->nodes[i];
      if (n->type != BD_NODE_SCENARIO || v.lo[i] == NO_ROW) continue;
      while (p + 1 < plan->pages && plan->cuts[p + 1] <= v.lo[i]) p++;
      d->ps->scenario_tree_page[n->index] = first + (int)p;
    }
    pages += plan->pages;
  }
  view_free(&v);
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

/* Draws a chip for each measure of s from x on the line at y, up to x1;
 * the measures left over are counted in a "+N" after the last chip. */
static void measure_chips(pdf_doc *d, const bd_scenario *s, pdf_font f, double x, double y,
                          double x1) {
  double cw = f.size * 1.45, gap = f.size * 0.3, more = pdf_text_width(d->text, "+88", f);
  for (size_t k = 0; k < s->measure_count; k++) {
    if (x + cw > x1 || (k + 1 < s->measure_count && x + cw + gap + more > x1)) {
      char buf[32];
      snprintf(buf, sizeof buf, "+%zu", s->measure_count - k);
      pdf_draw(d, buf, f, BD_COLOR_MUTED, x, y, 0, 1, PDF_ALIGN_LEFT);
      return;
    }
    char letter[8];
    const bd_measure *m = s->measures[k];
    pdf_pill(d, pdf_kind_letter(d, m->kind, letter, sizeof letter), f, measure_color(m), x, y, cw);
    x += cw + gap;
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
  int bold = 0, proven_line = 0; /* a scenario's "proven X" on a line of its own */
  char proven_text[128] = "";
  switch (n->type) {
  case BD_NODE_LOSS: {
    const bd_loss *l = r->losses[n->index];
    title = l->title;
    meta = figures_line(d, l->eal[BD_STATE_CURRENT], l->eal[BD_STATE_PLANNED], buf, sizeof buf);
    bg = BD_COLOR_ACCENT;
    fg = mfg = PDF_COLOR_WHITE;
    bold = 1;
    break;
  }
  case BD_NODE_FAILURE: {
    const bd_failure *f = r->failures[n->index];
    title = f->title;
    meta = figures_line(d, f->eal[BD_STATE_CURRENT], f->eal[BD_STATE_PLANNED], buf, sizeof buf);
    bg = PDF_COLOR_GROUP;
    break;
  }
  case BD_NODE_SCENARIO: {
    const bd_scenario *s = r->scenarios[n->index];
    title = s->title;
    meta = figures_line(d, s->state[BD_STATE_CURRENT]->eal, s->state[BD_STATE_PLANNED]->eal, buf,
                        sizeof buf);
    stripe = s->over_cap ? BD_COLOR_CELL_FAILING : pdf_decision_color(s->decision);
    double proven;
    if (deck_proven_differs(s, &proven)) {
      snprintf(proven_text, sizeof proven_text, "%s %s", pdf_msg(d, "figure.proven_short"),
               pdf_amount(d, proven, 1));
      if (st->summary) { /* the summary's wide box: on the figures line */
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, " \xc2\xb7 %s", proven_text);
      } else {
        proven_line = 1;
      }
    }
    break;
  }
  default: {
    const bd_measure *m = r->scenarios[n->index]->measures[n->measure];
    title = m->title;
    const char *kind = pdf_enum_label(d, "kind", bd_kind_name(m->kind));
    const char *status = pdf_enum_label(d, "status", bd_status_name(m->status));
    const char *ver = pdf_enum_label(d, "verification", bd_verification_name(m->verification));
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
  /* The business loss is alone in its column: its box may grow down past
   * its rows rather than cut a long title short. */
  if (n->type == BD_NODE_LOSS && (st->title_lines == 2 || d->slides)) allowed = 3;
  if (proven_line && allowed > 1) allowed--; /* the proven line takes a title line's place */
  pdf_font tf = bold ? st->bold : st->title;
  int lines = pdf_text_line_count(d->text, title, tf, inner, allowed);
  double h = st->box_h + (lines > st->title_lines ? (lines - st->title_lines) * tl : 0);
  double ml = pdf_text_line_height(st->meta);
  if (proven_line && lines >= st->title_lines) h += ml;
  double y = h > room ? cy - room / 2 : cy - h / 2;
  if (bg == PDF_COLOR_WHITE) { /* on the white page: a hairline frame (a large plan: the stripe) */
    if (!st->summary)
      pdf_frame(d, x + 0.25, y + 0.25, w - 0.5, h - 0.5, 0.5, PDF_COLOR_RULE_STRONG);
  } else
    pdf_fill(d, PDF_LAYER_BASE, x, y, w, h, bg);
  double tx = x + st->pad;
  if (stripe) {
    pdf_fill(d, PDF_LAYER_MARK, x, y, 3, h, stripe);
    tx += 3;
  }
  double top = y + (h - tl * lines - ml * (1 + proven_line)) / 2;
  pdf_draw(d, title, tf, fg, tx, top, inner, allowed, PDF_ALIGN_LEFT);
  double my = top + tl * lines;
  if (n->type == BD_NODE_SCENARIO) {
    const bd_scenario *s = r->scenarios[n->index];
    const char *word = pdf_enum_label(d, "decision", bd_decision_name(s->decision));
    double pw = pdf_text_width(d->text, word, st->meta) + st->meta.size * 1.2;
    pdf_pill(d, word, st->meta, pdf_decision_color(s->decision), x + w - st->pad - pw, my, pw);
    pdf_draw(d, meta, st->meta, mfg, tx, my, inner - pw - st->pad, 1, PDF_ALIGN_LEFT);
    if (st->summary && d->slides) {
      double mw = pdf_text_width(d->text, meta, st->meta) + st->meta.size;
      measure_chips(d, s, st->meta, tx + mw, my, x + w - 2 * st->pad - pw);
    }
    if (proven_line) pdf_draw(d, proven_text, st->meta, mfg, tx, my + ml, inner, 1, PDF_ALIGN_LEFT);
  } else {
    pdf_draw(d, meta, st->meta, mfg, tx, my, inner, 1, PDF_ALIGN_LEFT);
  }
}

/* Places node i (drawn on the page) from its children drawn there. */
static void place_node(const bd_tree *tree, tree_view *v, size_t i) {
  const bd_tree_node *node = tree->nodes[i];
  v->pos[i] = v->pmin[i] <= v->pmax[i] ? (v->pmin[i] + v->pmax[i]) / 2 : (double)v->lo[i];
  if (node->parent != BD_NO_PARENT) {
    size_t p = node->parent;
    if (v->pos[i] < v->pmin[p]) v->pmin[p] = v->pos[i];
    if (v->pos[i] > v->pmax[p]) v->pmax[p] = v->pos[i];
  }
}

/* Draws rows [a, b) of a tree on the current page from y. */
static void draw_rows(pdf_doc *d, const bd_tree *tree, tree_view *v, const tree_style *st, size_t a,
                      size_t b, double y) {
  size_t first = v->leaf_of_row[a], last = v->leaf_of_row[b - 1];
  size_t anc[8], na = 0;
  for (size_t p = tree->nodes[first]->parent; p != BD_NO_PARENT && na < 8;
       p = tree->nodes[p]->parent)
    anc[na++] = p;
  for (size_t i = first; i <= last; i++) v->pmin[i] = INFINITY, v->pmax[i] = -INFINITY;
  for (size_t k = 0; k < na; k++) v->pmin[anc[k]] = INFINITY, v->pmax[anc[k]] = -INFINITY;
  for (size_t i = last + 1; i-- > first;)
    if (v->lo[i] != NO_ROW) place_node(tree, v, i);
  for (size_t k = 0; k < na; k++) place_node(tree, v, anc[k]);
  /* Each box, and the connectors: from a parent a stub to the middle of
   * the gap, a vertical line there over its children, and a stub to each
   * child (the page's connectors are one path). */
  double lw = d->slides ? 1.2 : 0.7;
  for (size_t k = 0; k < na + (last - first + 1); k++) {
    size_t i = k < na ? anc[k] : first + (k - na);
    if (v->lo[i] == NO_ROW) continue;
    const bd_tree_node *n = tree->nodes[i];
    double cy = y + (v->pos[i] - (double)a + 0.5) * st->row;
    double x = st->col_x[n->depth < 4 ? n->depth : 3];
    int parent = v->pmin[i] <= v->pmax[i];
    draw_box(d, n, st, x, cy, parent ? v->pmax[i] - v->pmin[i] : 0);
    if (n->parent != BD_NO_PARENT)
      pdf_line(d, x - st->gap / 2, cy, x, cy, lw, PDF_COLOR_RULE_STRONG);
    if (parent && n->depth < 3) {
      double cx = st->col_x[n->depth + 1], mid = cx - st->gap / 2;
      pdf_line(d, cx - st->gap, cy, mid, cy, lw, PDF_COLOR_RULE_STRONG);
      if (v->pmax[i] > v->pmin[i])
        pdf_line(d, mid, y + (v->pmin[i] - (double)a + 0.5) * st->row, mid,
                 y + (v->pmax[i] - (double)a + 0.5) * st->row, lw, PDF_COLOR_RULE_STRONG);
    }
  }
}

/* Draws the column labels over the four columns at y; the summary view
 * points to the appendix (linked) where the measure column would be. */
static void column_labels(pdf_doc *d, const tree_style *st, double y) {
  static const char *const keys[4] = {"column.loss", "column.failure", "column.scenario",
                                      "pdf.measure"};
  for (int c = 0; c < 4; c++) {
    if (c == 3 && st->summary && d->slides) {
      double x = st->col_x[2] + pdf_text_width(d->text, pdf_msg(d, keys[2]), d->f_head) + st->gap;
      pdf_kind_key(d, x, y + label_pad(d), st->col_x[3] + st->col_w[3] - x);
      continue;
    }
    if (c == 3 && st->summary) {
      char buf[256];
      int page = d->ps->section_first[PDF_SEC_APPENDIX];
      snprintf(buf, sizeof buf, "\xe2\x86\x92 %s", pdf_msg(d, "pdf.appendix"));
      pdf_draw(d, buf, d->f_head, BD_COLOR_ACCENT, st->col_x[c], y + label_pad(d), st->col_w[3], 1,
               PDF_ALIGN_RIGHT);
      pdf_link(d, st->col_x[c], y, st->col_w[3], pdf_text_line_height(d->f_head) + 2 * label_pad(d),
               page);
      continue;
    }
    pdf_draw(d, pdf_msg(d, keys[c]), d->f_head, BD_COLOR_MUTED, st->col_x[c], y + label_pad(d),
             st->col_w[c], 1, PDF_ALIGN_LEFT);
  }
}

/* See pdf.h. */
int pdf_tree_draw(pdf_doc *d) {
  const bd_report *r = d->r;
  size_t max_nodes, max_rows;
  tree_bounds(r, &max_nodes, &max_rows);
  tree_view v;
  int rc = view_alloc(&v, max_nodes, max_rows);
  if (r->tree_count == 0 && rc == 0) {
    pdf_page_begin(d, pdf_msg(d, "heading.scenario_tree"), 0);
    rc = pdf_page_end(d);
  }
  for (size_t t = 0; t < r->tree_count && rc == 0; t++) {
    const bd_tree *tree = r->trees[t];
    const pdf_tree_plan *plan = &d->ps->tree_plans[t];
    const char *title = r->losses[tree->loss]->title;
    tree_style st = style_for(d, plan->scale, plan->compact);
    view_compute(tree, summary_view(d), &v);
    size_t planned; /* slides: the slide plan's headings */
    const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_TREE, t, &planned);
    for (size_t p = 0; p < plan->pages && rc == 0; p++) {
      const char *head = s ? s[p].heading : title;
      int cont = s ? 0 : p > 0;
      double y = pdf_page_begin(d, head, cont);
      column_labels(d, &st, y);
      y = area_top(d, head, cont);
      size_t a = plan->cuts[p], b = plan->cuts[p + 1];
      if (b > v.rows) b = v.rows;
      if (a < b) draw_rows(d, tree, &v, &st, a, b, y);
      rc = pdf_page_end(d);
    }
  }
  view_free(&v);
  return rc;
}
