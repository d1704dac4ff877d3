/*
 * pptx_tree.c - a summary scenario tree on a slide: the business loss,
 * its failure types and their scenarios as boxes in three columns, each
 * child joined to its parent by an elbow connector glued to both boxes
 * (stCxn/endCxn), so the tree stays joined when a box is moved.  The
 * slide shows the leaf rows the planner gave it; a parent sits midway
 * along its children on the slide and is repeated on the next one.
 */
#include "pptx.h"

#include <stdio.h>
#include <stdlib.h>

#define NO_ROW ((size_t)-1)

/* The columns: x and width of each depth, px. */
static const double col_x[3] = {DECK_PAD_X, DECK_PAD_X + 286, DECK_PAD_X + 612};
static const double col_w[3] = {250, 290, DECK_CONTENT - 612};
#define BOX_GAP 12 /* between boxes of consecutive rows */
#define BOX_PAD 8

/* The first and last summary row of every node of depth < 3 (NO_ROW for
 * measures); returns 0 or -1 when memory ran out. */
static int tree_rows(const bd_tree *t, size_t *lo, size_t *hi) {
  size_t rows = 0;
  for (size_t i = 0; i < t->node_count; i++) {
    lo[i] = hi[i] = NO_ROW;
    const bd_tree_node *n = t->nodes[i];
    if (n->depth >= 3) continue;
    int leaf =
        n->type == BD_NODE_SCENARIO ||
        !(i + 1 < t->node_count && t->nodes[i + 1]->parent == i && t->nodes[i + 1]->depth < 3);
    if (leaf) lo[i] = hi[i] = rows++;
  }
  for (size_t i = t->node_count; i-- > 0;) {
    size_t p = t->nodes[i]->parent;
    if (lo[i] == NO_ROW || p == BD_NO_PARENT) continue;
    if (lo[p] == NO_ROW || lo[i] < lo[p]) lo[p] = lo[i];
    if (hi[p] == NO_ROW || hi[i] > hi[p]) hi[p] = hi[i];
  }
  return 0;
}

/* The box text of a node and its figures line. */
static void node_text(pptx *d, const bd_tree_node *n, const char **title, char *figures,
                      size_t size) {
  const bd_report *r = d->r;
  char now[96], planned[96];
  double a, b;
  if (n->type == BD_NODE_LOSS) {
    *title = r->losses[n->index]->title;
    a = r->losses[n->index]->eal[BD_STATE_CURRENT];
    b = r->losses[n->index]->eal[BD_STATE_PLANNED];
  } else if (n->type == BD_NODE_FAILURE) {
    *title = r->failures[n->index]->title;
    a = r->failures[n->index]->eal[BD_STATE_CURRENT];
    b = r->failures[n->index]->eal[BD_STATE_PLANNED];
  } else {
    const bd_scenario *s = r->scenarios[n->index];
    *title = s->title;
    a = s->state[BD_STATE_CURRENT]->eal;
    b = s->state[BD_STATE_PLANNED]->eal;
  }
  snprintf(now, sizeof now, "%s", pptx_amount(d, a, 1));
  snprintf(planned, sizeof planned, "%s", pptx_amount(d, b, 1));
  if (n->type == BD_NODE_SCENARIO)
    snprintf(figures, size, "%s \xe2\x86\x92 %s  \xc2\xb7  %s", now, planned,
             pptx_enum(d, "decision", bd_decision_name(d->r->scenarios[n->index]->decision)));
  else
    snprintf(figures, size, "%s \xe2\x86\x92 %s", now, planned);
}

/* Draws the box of node i at depth column c, centred on y; returns its
 * shape id. */
static unsigned node_box(pptx *d, const bd_tree_node *n, double y) {
  int c = (int)n->depth;
  double h = DECK_TREE_PITCH - BOX_GAP, top = y - h / 2, w = col_w[c];
  const bd_scenario *s = n->type == BD_NODE_SCENARIO ? d->r->scenarios[n->index] : NULL;
  long fill = n->type == BD_NODE_LOSS  ? PPTX_THEME_ACCENT
              : s && s->needs_decision ? (long)BD_COLOR_HEAT_LOW
                                       : PPTX_COLOR_CARD;
  long ink = n->type == BD_NODE_LOSS ? 0xFFFFFFL : PPTX_THEME_TEXT;
  unsigned id = pptx_rect(d, col_x[c], top, w, h, fill, 1);
  const char *title;
  char figures[256];
  node_text(d, n, &title, figures, sizeof figures);
  double iw = w - 2 * BOX_PAD, sub = DECK_TREE_SUB * PPTX_LINE;
  pptx_font tf = {DECK_TREE_FONT, 1, ink};
  tf.px = pptx_fit(d, title, tf, iw, h - 2 * BOX_PAD - sub, 8);
  pptx_para paras[2] = {{title, tf, PPTX_LEFT},
                        {figures,
                         {DECK_TREE_SUB, 0, n->type == BD_NODE_LOSS ? 0xFFFFFFL : BD_COLOR_MUTED},
                         PPTX_LEFT}};
  pptx_text_shape(d, col_x[c] + BOX_PAD, top + BOX_PAD, iw, h - 2 * BOX_PAD, PPTX_NO_FILL, paras, 2,
                  'c');
  return id;
}

/* See pptx.h. */
void pptx_tree_slide(pptx *d, const deck_slide *s) {
  const bd_report *r = d->r;
  const bd_tree *t = r->trees[s->tree];
  double top = pptx_slide_begin(d, s->heading) + DECK_TREE_MARGIN;
  size_t n = t->node_count ? t->node_count : 1;
  size_t *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi);
  unsigned *ids = calloc(n, sizeof *ids);
  double *ys = calloc(n, sizeof *ys);
  if (lo == NULL || hi == NULL || ids == NULL || ys == NULL) {
    d->failed = 1;
    free(lo), free(hi), free(ids), free(ys);
    return;
  }
  tree_rows(t, lo, hi);
  size_t first = s->first, last = s->first + (s->count ? s->count : 1) - 1;
  for (size_t i = 0; i < t->node_count; i++) {
    const bd_tree_node *node = t->nodes[i];
    if (node->depth >= 3 || lo[i] == NO_ROW || hi[i] < first || lo[i] > last) continue;
    size_t a = lo[i] > first ? lo[i] : first, b = hi[i] < last ? hi[i] : last;
    ys[i] = top + ((double)(a + b) / 2 - (double)first) * DECK_TREE_PITCH + DECK_TREE_PITCH / 2.0;
    ids[i] = node_box(d, node, ys[i]);
    if (node->type == BD_NODE_SCENARIO)
      pptx_scenario_notes(d, r->scenarios[node->index]);
    else {
      const char *title;
      char figures[256];
      node_text(d, node, &title, figures, sizeof figures);
      pptx_note(d, "%s: %s (%s \xe2\x86\x92 %s)", title, figures, pptx_msg(d, "state.current"),
                pptx_msg(d, "state.planned"));
    }
  }
  /* connectors after the boxes: each glued to its parent's right side and
   * its child's left */
  for (size_t i = 0; i < t->node_count; i++) {
    size_t p = t->nodes[i]->parent;
    if (ids[i] == 0 || p == BD_NO_PARENT || ids[p] == 0) continue;
    unsigned dp = t->nodes[p]->depth, dc = t->nodes[i]->depth;
    pptx_connector(d, ids[p], ids[i], col_x[dp] + col_w[dp], ys[p], col_x[dc], ys[i]);
  }
  free(lo), free(hi), free(ids), free(ys);
}
