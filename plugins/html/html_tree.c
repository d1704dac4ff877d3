/*
 * html_tree.c - the scenario tree as inline SVG, drawn from the layout the
 * core computed (bd_tree: a column per depth, leaves on consecutive rows,
 * parents centred on their children).
 *
 * A tall tree is drawn in pieces of at most N leaf rows (N fits a printed
 * A4 page in the report, a 16:9 slide in the deck), cut between scenarios
 * where possible.  A piece shows the nodes whose leaves fall in its rows,
 * plus the ancestors that continue from the previous piece; such a clipped
 * ancestor is centred on its visible children and drawn dashed.  Nodes that
 * lie wholly inside a piece sit exactly where the core's layout put them.
 * Everything is linear in the number of nodes: preparing walks the nodes
 * twice, each piece touches only its own nodes and at most three ancestors.
 *
 * On slides the tree is the summary tree: loss -> failure types ->
 * scenarios, one row per scenario.  A scenario's measures are not boxes
 * but chips on its figures line (the kind's letter, coloured by status and
 * verification, each with its own label); the report keeps every measure
 * as a box.  Box titles wrap to as many lines as the box holds, in a
 * smaller type when needed (deck_metrics.h), never cut on slides unless a
 * title is longer than three lines of the smallest type.
 */
#include "html_common.h"
#include "../deck/deck_figures.h"
#include "../deck/deck_metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Box sizes in SVG units for one layout. */
typedef struct geometry {
  double col_w[4]; /* box width per depth */
  double gap;      /* horizontal space between columns */
  double box_h;    /* box height (< pitch, so boxes never overlap) */
  double pitch;    /* height of one row */
  double margin;
  double pad;         /* text inset inside a box */
  double font, font2; /* first and second text line */
} geometry;

static const geometry report_geometry = {{200, 220, 270, 290}, 30, 60, 70, 6, 10, 13, 11.5};
/* the summary tree of the slides: three columns across the slide's width */
static const geometry slide_geometry = {
    {226, 286, 584, 0}, 26,           70, DECK_TREE_PITCH, DECK_TREE_MARGIN, 12,
    DECK_TREE_FONT,     DECK_TREE_SUB};

struct html_tree_plan {
  const bd_tree *t;
  const geometry *g;
  int summary; /* slides: no measure boxes, one row per scenario */
  size_t node_count;
  double *row;         /* the row each node is centred on */
  double *lo, *hi;     /* first and last leaf row under each node */
  double *y;           /* scratch: vertical centre in the current piece */
  double *ymin, *ymax; /* scratch: extent of visible children */
  size_t *cuts;        /* piece p covers rows [cuts[p], cuts[p + 1]) */
  size_t *first;       /* first node (preorder) whose lo is in piece p */
  size_t pieces;
  double x[4]; /* left edge per depth */
  char *path;  /* scratch: connector path data */
  size_t path_len, path_cap;
};

void html_tree_free(html_tree_plan *tp) {
  if (tp == NULL) return;
  free(tp->row);
  free(tp->lo);
  free(tp->hi);
  free(tp->y);
  free(tp->ymin);
  free(tp->ymax);
  free(tp->cuts);
  free(tp->first);
  free(tp->path);
  free(tp);
}

/* Chooses the piece boundaries: at most max_rows rows each, cut where a
 * scenario (or a childless failure or loss) begins when possible. */
static int plan_cuts(html_tree_plan *tp, size_t rows, size_t max_rows) {
  unsigned char *ok = calloc(rows + 1, 1);
  tp->cuts = malloc((rows + 2) * sizeof *tp->cuts);
  if (ok == NULL || tp->cuts == NULL) {
    free(ok);
    return -1;
  }
  for (size_t i = 0; i < tp->node_count; i++) {
    size_t r = (size_t)tp->lo[i];
    if (tp->t->nodes[i]->depth <= 2 && r <= rows) ok[r] = 1;
  }
  ok[rows] = 1;
  size_t n = 0, start = 0;
  tp->cuts[n++] = 0;
  while (start < rows) {
    size_t end = start + max_rows < rows ? start + max_rows : rows;
    size_t cut = end;
    while (cut > start + 1 && !ok[cut]) cut--;
    if (!ok[cut]) cut = end;
    tp->cuts[n++] = cut;
    start = cut;
  }
  tp->pieces = n - 1;
  free(ok);
  return 0;
}

/* Fills tp->row, tp->lo and tp->hi: the core's layout rows, or for the
 * summary tree one row per scenario (and per childless loss or failure),
 * a parent centred on its children and a measure on its scenario's row.
 * Returns the number of rows (at least 1). */
static size_t summary_rows(html_tree_plan *tp) {
  const bd_tree_node *const *nodes = tp->t->nodes;
  size_t n = tp->node_count;
  double next = 0;
  for (size_t i = 0; i < n; i++) {
    if (!tp->summary) {
      tp->row[i] = tp->lo[i] = tp->hi[i] = nodes[i]->row;
      continue;
    }
    int leaf = nodes[i]->type == BD_NODE_SCENARIO ||
               !(i + 1 < n && nodes[i + 1]->parent == i && nodes[i + 1]->depth < 3);
    if (nodes[i]->depth >= 3) /* a measure: its scenario's row (preorder keeps lo rising) */
      tp->row[i] = tp->lo[i] = tp->hi[i] = nodes[i]->parent < n ? tp->row[nodes[i]->parent] : 0;
    else if (leaf)
      tp->row[i] = tp->lo[i] = tp->hi[i] = next++;
    else
      tp->row[i] = 0, tp->lo[i] = HUGE_VAL, tp->hi[i] = -HUGE_VAL;
  }
  for (size_t i = n; i-- > 1;) { /* children follow their parent in preorder */
    size_t p = nodes[i]->parent;
    if (p == BD_NO_PARENT || p >= n || (tp->summary && nodes[i]->depth >= 3)) continue;
    if (tp->lo[i] < tp->lo[p]) tp->lo[p] = tp->lo[i];
    if (tp->hi[i] > tp->hi[p]) tp->hi[p] = tp->hi[i];
  }
  if (tp->summary)
    for (size_t i = 0; i < n; i++)
      if (nodes[i]->depth < 3 && tp->lo[i] <= tp->hi[i]) tp->row[i] = (tp->lo[i] + tp->hi[i]) / 2;
  size_t rows = tp->summary ? (size_t)next : tp->t->row_count;
  return rows ? rows : 1;
}

html_tree_plan *html_tree_prepare(html_ctx *ctx, const bd_tree *t, size_t max_rows) {
  html_tree_plan *tp = calloc(1, sizeof *tp);
  size_t n = t->node_count;
  if (tp == NULL) goto oom;
  tp->t = t;
  tp->g = ctx->slides ? &slide_geometry : &report_geometry;
  tp->summary = ctx->slides;
  tp->node_count = n;
  size_t alloc = n ? n : 1;
  tp->row = malloc(alloc * sizeof(double));
  tp->lo = malloc(alloc * sizeof(double));
  tp->hi = malloc(alloc * sizeof(double));
  tp->y = malloc(alloc * sizeof(double));
  tp->ymin = malloc(alloc * sizeof(double));
  tp->ymax = malloc(alloc * sizeof(double));
  if (!tp->row || !tp->lo || !tp->hi || !tp->y || !tp->ymin || !tp->ymax) goto oom;
  size_t rows = summary_rows(tp);

  if (plan_cuts(tp, rows, max_rows ? max_rows : rows) != 0) goto oom;
  tp->first = malloc((tp->pieces + 1) * sizeof *tp->first);
  if (tp->first == NULL) goto oom;
  size_t i = 0;
  for (size_t p = 0; p <= tp->pieces; p++) { /* lo never decreases in preorder */
    while (i < n && tp->lo[i] < (double)tp->cuts[p]) i++;
    tp->first[p] = i;
  }
  double x = tp->g->margin;
  for (int d = 0; d < 4; d++) {
    tp->x[d] = x;
    x += tp->g->col_w[d] + tp->g->gap;
  }
  return tp;
oom:
  html_tree_free(tp);
  html_fail(ctx, "out of memory while laying out the scenario tree");
  return NULL;
}

size_t html_tree_pieces(const html_tree_plan *tp) {
  return tp->pieces;
}

/* Appends a connector segment to the path: from (a, b) horizontally to
 * x = c, or vertically to y = c.  Returns -1 when memory ran out. */
static int path_add(html_tree_plan *tp, int vertical, double a, double b, double c) {
  if (tp->path_cap - tp->path_len < 96) {
    size_t cap = tp->path_cap ? tp->path_cap * 2 : 4096;
    char *bigger = realloc(tp->path, cap);
    if (bigger == NULL) return -1;
    tp->path = bigger;
    tp->path_cap = cap;
  }
  char *at = tp->path + tp->path_len;
  *at++ = 'M';
  at += html_num(a, at);
  *at++ = ' ';
  at += html_num(b, at);
  *at++ = vertical ? 'V' : 'H';
  at += html_num(c, at);
  tp->path_len = (size_t)(at - tp->path);
  return 0;
}

/* The ids of the shared box shapes (see html_tree_defs), per depth; a
 * measure box has two variants: its status marker beside a one- or a
 * two-line title. */
static const char *const box_ids[] = {"#bd-box-loss", "#bd-box-failure", "#bd-box-scenario"};
static const char *const measure_ids[] = {"#bd-box-measure-1", "#bd-box-measure-2"};

/* Vertical layout of a box's text: centres of the title lines and of the
 * figures line, relative to the box's top, for a title of `lines` lines. */
static void text_rows(const geometry *g, int lines, double *t1, double *t2, double *sub_y) {
  double lh = g->font * 1.25, sub = g->font2 * 1.5;
  double block = (g->box_h - (lines * lh + sub)) / 2;
  *t1 = block + lh / 2;
  *t2 = block + lh * 1.5;
  *sub_y = block + lines * lh + sub / 2;
}

/* Where a box's text starts: its inset, and for measures past the stripe. */
static double text_inset(const geometry *g, int depth) {
  return depth == 3 ? g->pad + 8 : g->pad;
}

/* Adds one shared box shape to defs, drawn relative to where the box's
 * text starts (a node's group is moved there, so its text needs no x): a
 * rounded box, and for measures the kind stripe (currentColor) and the
 * status marker (inherited fill). */
static void def_box(html_ctx *ctx, html_node *defs, const geometry *g, const char *id, int depth,
                    int lines) {
  static const char *const cls[] = {"box box-loss", "box box-failure", "box box-scenario",
                                    "box box-measure"};
  double x = -text_inset(g, depth);
  html_node *holder = depth == 3 ? html_el(ctx, defs, "g", NULL) : defs;
  html_node *box = html_el(ctx, holder, "rect", cls[depth]);
  html_attr(depth == 3 ? holder : box, "id", id + 1);
  html_attr_num(box, "x", x);
  html_attr_num(box, "width", g->col_w[depth]);
  html_attr_num(box, "height", g->box_h);
  html_attr(box, "rx", "5");
  if (depth != 3) return;
  html_node *stripe = html_el(ctx, holder, "rect", "stripe");
  html_attr_num(stripe, "x", x);
  html_attr(stripe, "width", "6");
  html_attr_num(stripe, "height", g->box_h);
  double t1, t2, sub;
  text_rows(g, lines, &t1, &t2, &sub);
  html_node *mark = html_el(ctx, holder, "circle", "marker");
  html_attr_num(mark, "cx", x + g->col_w[3] - g->pad - 4);
  html_attr_num(mark, "cy", t1);
  html_attr(mark, "r", "4.5");
}

html_node *html_tree_defs(html_ctx *ctx) {
  const geometry *g = ctx->slides ? &slide_geometry : &report_geometry;
  html_node *svg = html_el(ctx, NULL, "svg", "tree-defs");
  html_attr(svg, "width", "0");
  html_attr(svg, "height", "0");
  html_attr(svg, "aria-hidden", "true");
  html_node *defs = html_el(ctx, svg, "defs", NULL);
  for (int d = 0; d < 3; d++) def_box(ctx, defs, g, box_ids[d], d, 1);
  if (ctx->slides) return svg; /* the summary tree has no measure boxes */
  def_box(ctx, defs, g, measure_ids[0], 3, 1);
  def_box(ctx, defs, g, measure_ids[1], 3, 2);
  return svg;
}

/* Adds a text line at height y (x = 0, where the group was moved) with an
 * optional class and the given content. */
static html_node *text_at(html_ctx *ctx, html_node *g, double y, const char *cls,
                          const char *text) {
  html_node *t = html_text_el(ctx, g, "text", cls, text);
  html_attr_num(t, "y", y);
  return t;
}

/* "JPY 4.1M → JPY 2.6M": current and planned yearly loss, compact. */
static void loss_pair(html_ctx *ctx, double now, double planned, char *buf, size_t size) {
  char a[64], b[64];
  html_join(buf, size, html_amount(ctx, now, 1, 1, a, sizeof a), " \xE2\x86\x92 ",
            html_amount(ctx, planned, 1, 1, b, sizeof b), (char *)NULL);
}

/* The tooltip lines with the exact current and planned yearly loss. */
static void exact_pair(html_ctx *ctx, double now, double planned, char *buf, size_t size) {
  char a[64], b[64];
  html_join(buf, size, html_msg(ctx, "state.current"), ": ",
            html_amount(ctx, now, 1, 0, a, sizeof a), "\n", html_msg(ctx, "state.planned"), ": ",
            html_amount(ctx, planned, 1, 0, b, sizeof b), (char *)NULL);
}

/* 1 when s ends with "…" itself (then a shown "…" is not a cut). */
static int ends_with_ellipsis(const char *s) {
  size_t n = strlen(s);
  return n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0;
}

/* Moves a node's group to where its text starts: x of depth d, the box's
 * top at cy - box_h / 2. */
static void move_group(html_tree_plan *tp, html_node *grp, unsigned d, double cy) {
  char move[80], *at = move;
  memcpy(at, "translate(", 10);
  at += 10;
  at += html_num(tp->x[d] + text_inset(tp->g, (int)d), at);
  *at++ = ' ';
  at += html_num(cy - tp->g->box_h / 2, at);
  memcpy(at, ")", 2);
  html_attr(grp, "transform", move);
}

/* The state a measure's chip shows: planned, or its verification. */
static const char *chip_state(const bd_measure *m) {
  if (m->status == BD_STATUS_PLANNED) return "planned";
  switch (m->verification) {
  case BD_VERIFICATION_VERIFIED:
    return "verified";
  case BD_VERIFICATION_STALE:
    return "stale";
  case BD_VERIFICATION_FAILING:
    return "failing";
  case BD_VERIFICATION_UNVERIFIED:
    break;
  }
  return "implemented";
}

/* Draws the measures of s as chips from x to at most max_x on the line at
 * y: a rounded square per measure with its kind's first letter, coloured
 * by chip_state, labelled "title: kind · status · verification"; "+N"
 * when they do not all fit. */
static void draw_chips(html_ctx *ctx, html_node *grp, const bd_scenario *s, double x, double y,
                       double max_x) {
  const double size = 18, step = 22;
  size_t fit = max_x > x + size ? (size_t)((max_x - x - size) / step) + 1 : 0;
  if (fit < s->measure_count && fit > 0) fit--; /* room for "+N" */
  for (size_t k = 0; k < s->measure_count && k < fit; k++) {
    const bd_measure *m = s->measures[k];
    char cls[96], label[1024], letter[8];
    const char *kind = html_enum_label(ctx, "kind", bd_kind_name(m->kind));
    html_kind_letter(ctx, m->kind, letter, sizeof letter);
    html_join(cls, sizeof cls, "chip kind-", bd_kind_name(m->kind), " chip-", chip_state(m),
              (char *)NULL);
    html_join(label, sizeof label, m->title, ": ", kind, " \xC2\xB7 ",
              html_enum_label(ctx, "status", bd_status_name(m->status)), " \xC2\xB7 ",
              html_enum_label(ctx, "verification", bd_verification_name(m->verification)),
              (char *)NULL);
    html_node *chip = html_el(ctx, grp, "g", cls);
    html_attr(chip, "role", "img");
    html_attr(chip, "aria-label", label);
    html_text_el(ctx, chip, "title", NULL, label);
    html_node *box = html_el(ctx, chip, "rect", NULL);
    html_attr_num(box, "x", x + (double)k * step);
    html_attr_num(box, "y", y - size / 2);
    html_attr_num(box, "width", size);
    html_attr_num(box, "height", size);
    html_attr(box, "rx", "4");
    html_node *t = html_text_el(ctx, chip, "text", "chip-letter", letter);
    html_attr_num(t, "x", x + (double)k * step + size / 2);
    html_attr_num(t, "y", y);
  }
  if (fit < s->measure_count) {
    char more[32];
    snprintf(more, sizeof more, "+%zu", s->measure_count - fit);
    html_node *t = html_text_el(ctx, grp, "text", "t2 chip-more", more);
    html_attr_num(t, "x", x + (double)fit * step + 2);
    html_attr_num(t, "y", y);
  }
}

/* Draws node i of the summary tree (slides): its title in as many lines
 * as the box holds (two at the tree type, three in the smaller types of
 * deck_metrics.h), the figures line with, for a scenario, its
 * measure chips and its decision on the right. */
static void draw_summary_node(html_ctx *ctx, html_tree_plan *tp, html_node *svg, size_t i,
                              double cy, const char *cls, const char *title, const char *line2,
                              const char *tip, const bd_scenario *s) {
  static const double fonts[] = {DECK_TREE_FONT, DECK_TREE_FONT2, DECK_TREE_FONT3};
  static const char *const font_cls[] = {NULL, "f2", "f3"};
  static const size_t max_lines[] = {2, 3, 3};
  const geometry *g = tp->g;
  unsigned d = tp->t->nodes[i]->depth < 3 ? tp->t->nodes[i]->depth : 2;
  double tx = text_inset(g, (int)d), width = g->col_w[d] - tx - g->pad;
  html_span lines[4];
  size_t f = 0, count = 0;
  for (; f < 3; f++) {
    count = html_wrap(title, width / (fonts[f] * 1.08), lines, 4); /* bold: wider */
    if (count <= max_lines[f]) break;
  }
  if (f == 3) f = 2; /* longer than three lines of the smallest type: the last line is cut */
  size_t shown = count < max_lines[f] ? count : max_lines[f];
  double lh = fonts[f] * 1.25, sub = g->font2 * 1.5;
  double top = (g->box_h - ((double)shown * lh + sub)) / 2;

  html_node *grp = html_el(ctx, svg, "g", cls);
  move_group(tp, grp, d, cy);
  if (tip[0]) html_text_el(ctx, grp, "title", NULL, tip);
  html_attr(html_el(ctx, grp, "use", NULL), "href", box_ids[d]);
  for (size_t k = 0; k < shown; k++) {
    char text[512], fitted[512];
    size_t len = lines[k].len < sizeof text - 1 ? lines[k].len : sizeof text - 1;
    memcpy(text, title + lines[k].start, len);
    text[len] = '\0';
    const char *line = text;
    if (k + 1 == shown && shown < count) /* the rest of the title in the last line */
      line = html_fit(title + lines[k].start, width / (fonts[f] * 1.08), fitted, sizeof fitted);
    text_at(ctx, grp, top + lh * ((double)k + 0.5), font_cls[f], line);
  }
  double sub_y = top + (double)shown * lh + sub / 2;
  text_at(ctx, grp, sub_y, "t2", line2);
  if (s == NULL) return;
  const char *dec = html_enum_label(ctx, "decision", bd_decision_name(s->decision));
  double dec_px = (html_text_em(dec) * 1.08 + 0.5) * g->font2;
  html_attr_num(text_at(ctx, grp, sub_y, "t2 dec", dec), "x", width);
  double chips_x = (html_text_em(line2) + 1.2) * g->font2;
  draw_chips(ctx, grp, s, chips_x, sub_y, width - dec_px - 8);
}

/* Draws node i with its box's top-left corner at (x, top): a group moved
 * into place holding its tooltip, the shared box shape and its text.
 * Clipped nodes (continued from or on another piece) are dashed. */
static void draw_node(html_ctx *ctx, html_tree_plan *tp, html_node *svg, size_t i, double cy,
                      int clipped) {
  const bd_report *r = ctx->r;
  const bd_tree_node *nd = tp->t->nodes[i];
  const geometry *g = tp->g;
  unsigned d = nd->depth < 4 ? nd->depth : 3;
  double w = g->col_w[d], tx = text_inset(g, (int)d), max_em = (w - tx - g->pad) / g->font;
  const char *title = "";
  char cls[112], line2[256], tip[2048] = "", exact[256], fit2[256];
  const bd_scenario *s = NULL;
  const bd_measure *m = NULL;
  const double *eal = NULL;
  char proven_text[128] = ""; /* a scenario's "proven X" where it differs from now */
  switch (nd->type) {
  case BD_NODE_LOSS:
  case BD_NODE_FAILURE:
    eal = nd->type == BD_NODE_LOSS ? r->losses[nd->index]->eal : r->failures[nd->index]->eal;
    title = nd->type == BD_NODE_LOSS ? r->losses[nd->index]->title : r->failures[nd->index]->title;
    html_join(cls, sizeof cls, "node node-", nd->type == BD_NODE_LOSS ? "loss" : "failure",
              (char *)NULL);
    loss_pair(ctx, eal[BD_STATE_CURRENT], eal[BD_STATE_PLANNED], line2, sizeof line2);
    exact_pair(ctx, eal[BD_STATE_CURRENT], eal[BD_STATE_PLANNED], exact, sizeof exact);
    html_join(tip, sizeof tip, title, "\n", exact, (char *)NULL);
    break;
  case BD_NODE_SCENARIO:
    s = r->scenarios[nd->index];
    title = s->title;
    html_join(cls, sizeof cls, "node node-scenario decision-", bd_decision_name(s->decision),
              (char *)NULL);
    loss_pair(ctx, s->state[BD_STATE_CURRENT]->eal, s->state[BD_STATE_PLANNED]->eal, line2,
              sizeof line2);
    exact_pair(ctx, s->state[BD_STATE_CURRENT]->eal, s->state[BD_STATE_PLANNED]->eal, exact,
               sizeof exact);
    html_join(tip, sizeof tip, title, "\n", exact, "\n", html_msg(ctx, "column.decision"), ": ",
              html_enum_label(ctx, "decision", bd_decision_name(s->decision)),
              s->over_cap ? " \xC2\xB7 " : "", s->over_cap ? html_msg(ctx, "flag.over_cap") : "",
              s->accept ? "\n" : "", s->accept ? s->accept : "", (char *)NULL);
    double proven;
    if (deck_proven_differs(s, &proven)) {
      char a[64];
      html_join(proven_text, sizeof proven_text, html_msg(ctx, "figure.proven_short"), " ",
                html_amount(ctx, proven, 1, 1, a, sizeof a), (char *)NULL);
      html_join(tip + strlen(tip), sizeof tip - strlen(tip), "\n", html_msg(ctx, "figure.proven"),
                ": ", html_amount(ctx, proven, 1, 0, a, sizeof a), (char *)NULL);
      if (tp->summary) /* the slide's wide box: on the figures line */
        html_join(line2 + strlen(line2), sizeof line2 - strlen(line2), " \xC2\xB7 ", proven_text,
                  (char *)NULL);
    }
    break;
  case BD_NODE_MEASURE:
    s = r->scenarios[nd->index];
    m = s->measures[nd->measure];
    title = m->title;
    html_join(cls, sizeof cls, "node node-measure kind-", bd_kind_name(m->kind), " status-",
              bd_status_name(m->status), (char *)NULL);
    html_join(line2, sizeof line2, html_enum_label(ctx, "kind", bd_kind_name(m->kind)),
              " \xC2\xB7 ", html_enum_label(ctx, "status", bd_status_name(m->status)), " \xC2\xB7 ",
              html_enum_label(ctx, "verification", bd_verification_name(m->verification)),
              (char *)NULL);
    if (m->last_run)
      html_join(tip, sizeof tip, title, "\n", line2, "\n", html_msg(ctx, "column.last_run"), ": ",
                m->last_run, " (", html_enum_label(ctx, "result", bd_result_name(m->result)), ")",
                (char *)NULL);
    max_em -= 1.7; /* room for the status marker */
    break;
  }
  if (clipped) strncat(cls, " cont", sizeof cls - strlen(cls) - 1);
  if (tp->summary) {
    draw_summary_node(ctx, tp, svg, i, cy, cls, title, line2, tip, s);
    return;
  }

  char l1[512], l2[512], move[80], *at = move;
  int lines = html_wrap2(title, max_em / 1.04, l1, sizeof l1, l2, sizeof l2); /* bold: wider */
  if (proven_text[0]) { /* one title line (the tooltip has it whole), figures, proven */
    char one[512];
    snprintf(l1, sizeof l1, "%s", html_fit(title, max_em / 1.04, one, sizeof one));
    lines = 1;
  }
  double em2 = (w - tx - g->pad) / g->font2, dec_em = 0, t1, t2, sub;
  const char *dec = NULL;
  if (s && !m) {
    dec = html_enum_label(ctx, "decision", bd_decision_name(s->decision));
    dec_em = html_text_em(dec) * 1.08 + 1; /* bold */
  }
  const char *shown2 = html_fit(line2, em2 - dec_em, fit2, sizeof fit2);
  /* a measure needs a tooltip only when its box does not show everything */
  size_t n2 = strlen(l2);
  int cut = n2 >= 3 && memcmp(l2 + n2 - 3, "\xE2\x80\xA6", 3) == 0 && !ends_with_ellipsis(title);
  if (m && !tip[0] && (cut || shown2 != line2))
    html_join(tip, sizeof tip, title, "\n", line2, (char *)NULL);

  html_node *grp = html_el(ctx, svg, "g", cls);
  memcpy(at, "translate(", 10);
  at += 10;
  at += html_num(tp->x[d] + tx, at);
  *at++ = ' ';
  at += html_num(cy - g->box_h / 2, at);
  memcpy(at, ")", 2);
  html_attr(grp, "transform", move);
  if (tip[0]) html_text_el(ctx, grp, "title", NULL, tip);
  html_node *use = html_el(ctx, grp, "use", NULL);
  html_attr(use, "href", m ? measure_ids[lines - 1] : box_ids[d]);
  text_rows(g, lines, &t1, &t2, &sub);
  if (proven_text[0]) { /* the rows of a two-line title: title, figures, then proven */
    text_rows(g, 2, &t1, &sub, &t2);
    text_at(ctx, grp, t2, "t2 proven", proven_text);
  }
  text_at(ctx, grp, t1, NULL, l1);
  if (lines == 2) text_at(ctx, grp, t2, NULL, l2);
  if (dec) {
    text_at(ctx, grp, sub, "t2", shown2);
    html_attr_num(text_at(ctx, grp, sub, "t2 dec", dec), "x", w - g->pad - tx);
  } else {
    char vcls[48] = "t2";
    if (m)
      html_join(vcls, sizeof vcls, "t2 ver-", bd_verification_name(m->verification), (char *)NULL);
    text_at(ctx, grp, sub, vcls, shown2);
  }
}

html_node *html_tree_svg(html_ctx *ctx, html_tree_plan *tp, size_t piece) {
  const bd_tree_node *const *nodes = tp->t->nodes;
  const geometry *g = tp->g;
  size_t a = tp->cuts[piece], b = tp->cuts[piece + 1];
  size_t from = tp->first[piece], to = tp->first[piece + 1];
  /* the clipped ancestors of the piece's first node, deepest first */
  size_t anc[8], nanc = 0;
  if (from < tp->node_count)
    for (size_t p = nodes[from]->parent; p != BD_NO_PARENT && p < tp->node_count && nanc < 8;
         p = nodes[p]->parent)
      if (tp->lo[p] < (double)a) anc[nanc++] = p;
  double top = g->margin - (double)a * g->pitch + g->pitch / 2;
#define ROW_Y(row) (top + (row)*g->pitch)
  /* vertical centres: exact layout inside the piece, clipped ones centred */
  for (size_t i = from; i < to; i++) tp->ymin[i] = HUGE_VAL, tp->ymax[i] = -HUGE_VAL;
  for (size_t k = 0; k < nanc; k++) tp->ymin[anc[k]] = HUGE_VAL, tp->ymax[anc[k]] = -HUGE_VAL;
  for (size_t step = 0; step < (to - from) + nanc; step++) {
    size_t i = step < to - from ? to - 1 - step : anc[step - (to - from)];
    if (tp->summary && nodes[i]->depth >= 3) continue; /* chips, not boxes */
    int clipped = tp->lo[i] < (double)a || tp->hi[i] >= (double)b;
    tp->y[i] =
        clipped && tp->ymin[i] <= tp->ymax[i] ? (tp->ymin[i] + tp->ymax[i]) / 2 : ROW_Y(tp->row[i]);
    size_t p = nodes[i]->parent;
    if (p != BD_NO_PARENT && p < tp->node_count) {
      if (tp->y[i] < tp->ymin[p]) tp->ymin[p] = tp->y[i];
      if (tp->y[i] > tp->ymax[p]) tp->ymax[p] = tp->y[i];
    }
  }
  int last = tp->summary ? 2 : 3;
  double width = tp->x[last] + g->col_w[last] + g->margin;
  double height = (double)(b - a) * g->pitch + 2 * g->margin;
  html_node *svg = html_el(ctx, NULL, "svg", "tree");
  char box[96];
  snprintf(box, sizeof box, "0 0 %.0f %.0f", width, height);
  html_attr(svg, "viewBox", box);
  html_attr_num(svg, "width", width);
  html_attr_num(svg, "height", height);
  html_attr(svg, "role", "img");
  html_attr(svg, "aria-label", html_msg(ctx, "heading.scenario_tree"));
  html_node *links = html_el(ctx, svg, "path", "links");
  tp->path_len = 0;
  int oom = 0;
  /* draw ancestors first (root first), then the piece's own nodes */
  for (size_t step = 0; step < nanc + (to - from); step++) {
    size_t i = step < nanc ? anc[nanc - 1 - step] : from + (step - nanc);
    const bd_tree_node *nd = nodes[i];
    unsigned d = nd->depth < 4 ? nd->depth : 3;
    if (tp->summary && d == 3) continue;
    int clipped = tp->lo[i] < (double)a || tp->hi[i] >= (double)b;
    draw_node(ctx, tp, svg, i, tp->y[i], clipped);
    if (tp->ymin[i] <= tp->ymax[i] && d < 3) { /* stem and spine to the children */
      double xr = tp->x[d] + g->col_w[d], xm = xr + g->gap / 2;
      oom |= path_add(tp, 0, xr, tp->y[i], xm);
      oom |= path_add(tp, 1, xm, tp->ymin[i], tp->ymax[i]);
    }
    size_t p = nd->parent;
    if (p != BD_NO_PARENT && p < tp->node_count && d > 0) { /* stub into this node */
      double xm = tp->x[d] - g->gap / 2;
      oom |= path_add(tp, 0, xm, tp->y[i], tp->x[d]);
    }
  }
#undef ROW_Y
  if (oom) html_fail(ctx, "out of memory while drawing the scenario tree");
  if (tp->path_len) html_attr(links, "d", tp->path);
  return svg;
}
