/*
 * layout.c - loss-matrix rows and scenario-tree layout; see layout.h.
 *
 * Tree rows: every leaf (a measure, a scenario without measures, a failure
 * type without scenarios, a loss without failure types) takes the next row
 * 0, 1, 2, ... in depth-first order, and every parent sits midway between
 * its first and its last child.  Because the children of a node are laid out
 * before the node's own row is set, one preorder walk is enough.
 */
#include "analysis/layout.h"

#include "analysis/model.h"

/* The state of one tree walk: the nodes written so far and the next leaf row.
 * The nodes belong to the report's arena. */
typedef struct tree_walk {
  bd_tree_node *nodes;
  size_t count;
  double next_row;
} tree_walk;

/* Appends a node of the given type under `parent` and returns its index. */
static size_t add_node(tree_walk *w, bd_node_type type, size_t index, size_t measure, size_t parent,
                       unsigned depth) {
  bd_tree_node *n = &w->nodes[w->count];
  n->struct_size = sizeof(bd_tree_node);
  n->type = type;
  n->index = index;
  n->measure = measure;
  n->parent = parent;
  n->depth = depth;
  n->row = 0;
  return w->count++;
}

/* Sets the row of node `at`: the next leaf row when it has no children,
 * else midway between its first child's and its last child's rows. */
static void place(tree_walk *w, size_t at, double first_child, double last_child, size_t children) {
  if (children == 0)
    w->nodes[at].row = w->next_row++;
  else
    w->nodes[at].row = (first_child + last_child) / 2;
}

/* Lays out scenario `s` and its measures under node `parent`. */
static void walk_scenario(const bd_report *r, size_t s, size_t parent, tree_walk *w) {
  const bd_scenario *sc = r->scenarios[s];
  size_t at = add_node(w, BD_NODE_SCENARIO, s, 0, parent, 2);
  double first = 0, last = 0;
  for (size_t m = 0; m < sc->measure_count; m++) {
    size_t node = add_node(w, BD_NODE_MEASURE, s, m, at, 3);
    w->nodes[node].row = w->next_row++;
    if (m == 0) first = w->nodes[node].row;
    last = w->nodes[node].row;
  }
  place(w, at, first, last, sc->measure_count);
}

/* Lays out failure type `f` and its scenarios under node `parent`. */
static void walk_failure(const bd_report *r, size_t f, size_t parent, tree_walk *w) {
  const bd_failure *fa = r->failures[f];
  size_t at = add_node(w, BD_NODE_FAILURE, f, 0, parent, 1);
  double first = 0, last = 0;
  for (size_t i = 0; i < fa->scenario_count; i++) {
    size_t child = w->count;
    walk_scenario(r, fa->scenarios[i], at, w);
    if (i == 0) first = w->nodes[child].row;
    last = w->nodes[child].row;
  }
  place(w, at, first, last, fa->scenario_count);
}

/* Lays out the tree of loss `l` into `nodes` (sized by count_tree()). */
static void walk_loss(const bd_report *r, size_t l, bd_tree_node *nodes, bd_tree *tree) {
  const bd_loss *lo = r->losses[l];
  tree_walk w = {nodes, 0, 0};
  size_t root = add_node(&w, BD_NODE_LOSS, l, 0, BD_NO_PARENT, 0);
  double first = 0, last = 0;
  for (size_t i = 0; i < lo->failure_count; i++) {
    size_t child = w.count;
    walk_failure(r, lo->failures[i], root, &w);
    if (i == 0) first = w.nodes[child].row;
    last = w.nodes[child].row;
  }
  place(&w, root, first, last, lo->failure_count);
  tree->struct_size = sizeof(bd_tree);
  tree->loss = l;
  tree->node_count = w.count;
  tree->row_count = (size_t)w.next_row;
}

/* Returns the number of nodes in the tree of loss `l`. */
static size_t count_tree(const bd_report *r, size_t l) {
  const bd_loss *lo = r->losses[l];
  size_t n = 1;
  for (size_t i = 0; i < lo->failure_count; i++) {
    const bd_failure *fa = r->failures[lo->failures[i]];
    n += 1 + fa->scenario_count;
    for (size_t j = 0; j < fa->scenario_count; j++)
      n += r->scenarios[fa->scenarios[j]]->measure_count;
  }
  return n;
}

/* Fills report->matrix_rows: per loss its header, then per failure type its
 * header followed by its scenarios, all in file order. */
static int lay_out_matrix(bd_report *r, bd_arena *arena) {
  size_t n = r->loss_count + r->failure_count + r->scenario_count;
  bd_matrix_row *rows = bd_arena_array(arena, n, sizeof *rows);
  if (rows == NULL) return -1;
  size_t at = 0;
  for (size_t l = 0; l < r->loss_count; l++) {
    const bd_loss *lo = r->losses[l];
    rows[at++] = (bd_matrix_row){sizeof(bd_matrix_row), BD_ROW_LOSS, l};
    for (size_t i = 0; i < lo->failure_count; i++) {
      const bd_failure *fa = r->failures[lo->failures[i]];
      rows[at++] = (bd_matrix_row){sizeof(bd_matrix_row), BD_ROW_FAILURE, lo->failures[i]};
      for (size_t j = 0; j < fa->scenario_count; j++)
        rows[at++] = (bd_matrix_row){sizeof(bd_matrix_row), BD_ROW_SCENARIO, fa->scenarios[j]};
    }
  }
  r->matrix_rows = bd_model_matrix_rows(arena, rows, at);
  r->matrix_row_count = at;
  return r->matrix_rows == NULL ? -1 : 0;
}

int bd_layout(bd_report *report, bd_arena *arena) {
  size_t total = 0;
  for (size_t l = 0; l < report->loss_count; l++) total += count_tree(report, l);
  bd_tree_node *nodes = bd_arena_array(arena, total, sizeof *nodes);
  bd_tree *trees = bd_arena_array(arena, report->loss_count, sizeof *trees);
  if (nodes == NULL || trees == NULL || lay_out_matrix(report, arena) != 0) return -1;
  size_t at = 0;
  for (size_t l = 0; l < report->loss_count; l++) {
    walk_loss(report, l, nodes + at, &trees[l]);
    trees[l].nodes = bd_model_tree_nodes(arena, nodes + at, trees[l].node_count);
    if (trees[l].nodes == NULL) return -1;
    at += trees[l].node_count;
  }
  report->trees = bd_model_trees(arena, trees, report->loss_count);
  report->tree_count = report->loss_count;
  return report->trees == NULL ? -1 : 0;
}
