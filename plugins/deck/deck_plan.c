/*
 * deck_plan.c - the planner (see deck_plan.h): the slides of a deck in
 * order and the rows of each.
 *
 * A plan's slides: the title; the key figures (and for a plan with
 * ranges, the loss-exceedance curve); the trend (--history, with an
 * archived period before this one); what changed (--compare);
 * the decisions needed; the loss matrix; one summary scenario tree per
 * business loss (loss -> failure types -> scenarios, a row per scenario);
 * the coverage heatmap.  A portfolio's deck starts with its title, its key
 * figures, the services table and the sources (each plan's file and
 * SHA-256), then has every plan's slides.
 *
 * Tables are cut by measured height (deck_rows.c): a slide takes as many
 * rows as fit in the body under its heading.  The loss matrix never ends a
 * slide on a group header and its Total row follows the last row; a
 * heatmap of up to DECK_MAP_ONE_SLIDE scenarios is drawn with denser rows
 * when that keeps it on one slide, else in two or three side-by-side panels
 * of one-line rows, balanced (losses head their scenarios, repeated over a
 * panel that starts inside one); a tree takes as many scenario rows a slide
 * as its row pitch allows.  Two tables are still cut by a count: what
 * changed (its figures on a slide of their own, then 4 rows a slide) and
 * the portfolio's services table and sources (6 plans a slide).
 */
#include "deck_plan.h"

#include "deck_figures.h"
#include "deck_rows.h"
#include "deck_trend.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Changed scenarios on a "What changed" slide after the one of its
 * figures; plans in a services table slide. */
#define CHANGES_ROWS  4
#define SERVICES_ROWS 6

/* The planner's state. */
typedef struct planner {
  deck_plan *plan;
  deck_measure m;
  size_t service; /* the plan being planned */
  size_t cap;     /* slides allocated */
  int failed;     /* memory ran out */
} planner;

const bd_comparison *deck_comparison(const bd_report *r) {
  if (!BD_HAS(r, bd_report, comparison)) return NULL;
  return r->comparison;
}

/* The portfolio of the request, or NULL for one plan. */
static const bd_portfolio *portfolio_of(const bd_render_request *req) {
  if (!BD_HAS(req, bd_render_request, portfolio)) return NULL;
  const bd_portfolio *p = req->portfolio;
  return p && p->report_count > 0 ? p : NULL;
}

/* The label of key in the request's language. */
static const char *msg(const planner *pl, const char *key) {
  return pl->m.setup->host->message(pl->m.setup->out, key);
}

/* Copies the formatted heading into the plan's strings; returns its offset
 * (+1; 0 for none) until the strings stop moving (deck_plan_build fixes
 * them up at the end). */
__attribute__((format(printf, 2, 3))) static size_t keep_string(planner *pl, const char *fmt, ...) {
  char buf[1200];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) return 0;
  size_t len = strlen(buf) + 1;
  deck_plan *p = pl->plan;
  if (p->strings_used + len > p->strings_size) {
    size_t size = p->strings_size ? p->strings_size * 2 : 4096;
    while (size < p->strings_used + len) size *= 2;
    char *bigger = realloc(p->strings, size);
    if (bigger == NULL) {
      pl->failed = 1;
      return 0;
    }
    p->strings = bigger;
    p->strings_size = size;
  }
  memcpy(p->strings + p->strings_used, buf, len);
  p->strings_used += len;
  return p->strings_used - len + 1;
}

/* Appends a slide of kind to the plan; its heading is heading with the
 * part number when the view has several parts.  Returns the slide (valid
 * until the next one), or NULL when memory ran out. */
static deck_slide *add_slide(planner *pl, deck_kind kind, const char *heading, size_t part,
                             size_t parts) {
  deck_plan *p = pl->plan;
  if (pl->failed) return NULL;
  if (p->count == pl->cap) {
    size_t cap = pl->cap ? pl->cap * 2 : 16;
    deck_slide *bigger = realloc(p->slides, cap * sizeof *bigger);
    if (bigger == NULL) {
      pl->failed = 1;
      return NULL;
    }
    p->slides = bigger;
    pl->cap = cap;
  }
  deck_slide *s = &p->slides[p->count++];
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->plan = pl->service;
  s->part = part;
  s->parts = parts;
  s->continued = part > 0;
  s->last = part + 1 == parts;
  s->panels = 1;
  for (int k = 0; k < DECK_MAP_PANELS; k++) s->panel_repeat[k] = DECK_NO_ROW;
  size_t at = 0;
  if (heading)
    at = parts > 1 ? keep_string(pl, "%s (%zu/%zu)", heading, part + 1, parts)
                   : keep_string(pl, "%s", heading);
  s->heading = (const char *)(uintptr_t)at; /* an offset until the strings stop moving */
  return s;
}

/* --- tables cut by height ------------------------------------------------ */

/* A table cut into slides by measured height: the rows [0, count) of
 * `table`, each slide's piece as many rows as fit under its heading (a
 * heatmap slide of panels: `panels` pieces side by side). */
typedef struct row_cut {
  deck_table table;
  size_t count;
  double avail; /* body height left for rows */
  double tail;  /* the Total row after the last piece */
  int panels;   /* pieces a slide shows side by side */
} row_cut;

static row_cut cut_for(planner *pl, deck_table table, const char *heading) {
  const bd_report *r = pl->m.r;
  row_cut c = {table, table == DECK_TABLE_DECISIONS ? r->decision_count : r->matrix_row_count, 0,
               table == DECK_TABLE_MATRIX ? deck_matrix_foot() : 0, 1};
  c.avail = deck_body_height(&pl->m, heading) - deck_head(&pl->m, table);
  return c;
}

/* The end of the piece (one panel) of the cut that starts at first. */
static size_t piece_end(planner *pl, const row_cut *c, size_t first) {
  return deck_piece_end(&pl->m, c->table, first, c->count, c->avail, c->tail);
}

/* The end of the slide of the cut that starts at first: its panels. */
static size_t slide_end(planner *pl, const row_cut *c, size_t first) {
  for (int p = 0; p < c->panels && first < c->count; p++) first = piece_end(pl, c, first);
  return first;
}

/* Number of slides the cut takes (at least one). */
static size_t cut_pieces(planner *pl, const row_cut *c) {
  size_t n = 0;
  for (size_t first = 0; first < c->count; n++) first = slide_end(pl, c, first);
  return n ? n : 1;
}

/* The heatmap's cut: compact rows; for a heatmap of up to
 * DECK_MAP_ONE_SLIDE scenarios that they do not keep on one slide, dense
 * rows, else as few panels of one-line rows as hold it on one. */
static row_cut coverage_cut(planner *pl, const char *heading) {
  row_cut c = cut_for(pl, DECK_TABLE_COVERAGE, heading);
  if (pl->m.r->scenario_count > DECK_MAP_ONE_SLIDE || cut_pieces(pl, &c) == 1) return c;
  row_cut dense = cut_for(pl, DECK_TABLE_DENSE, heading);
  if (cut_pieces(pl, &dense) == 1) return dense;
  row_cut panel = cut_for(pl, DECK_TABLE_PANEL, heading);
  for (panel.panels = 2; panel.panels <= DECK_MAP_PANELS; panel.panels++) {
    if (cut_pieces(pl, &panel) > 1) continue;
    row_cut lower = panel; /* balance the panels: the least height that holds them */
    for (lower.avail -= 4; lower.avail > 0 && cut_pieces(pl, &lower) == 1; lower.avail -= 4)
      panel.avail = lower.avail;
    return panel;
  }
  return c;
}

/* The slides of a table cut by height. */
static void table_slides(planner *pl, deck_kind kind, const row_cut *c, const char *heading) {
  size_t parts = cut_pieces(pl, c), first = 0;
  for (size_t part = 0; part < parts; part++) {
    deck_slide *s = add_slide(pl, kind, heading, part, parts);
    if (s == NULL) return;
    s->first = first;
    if (kind == DECK_SLIDE_COVERAGE) {
      s->rows = c->table == DECK_TABLE_DENSE   ? DECK_ROWS_DENSE
                : c->table == DECK_TABLE_PANEL ? DECK_ROWS_PANEL
                                               : DECK_ROWS_COMPACT;
      s->panels = 0;
      for (size_t end = slide_end(pl, c, first); first < end && s->panels < c->panels;) {
        size_t loss;
        if (c->table == DECK_TABLE_PANEL && deck_panel_continues(pl->m.r, first, &loss))
          s->panel_repeat[s->panels] = loss;
        first = piece_end(pl, c, first);
        s->panel_end[s->panels++] = first;
      }
      if (s->panels == 0) s->panels = 1, s->panel_end[0] = first;
    } else if (first < c->count) {
      first = piece_end(pl, c, first);
    }
    s->count = first - s->first;
  }
}

/* --- the views ----------------------------------------------------------- */

/* Rows of the summary tree t: one per scenario, and one per loss or
 * failure type without scenarios (at least 1). */
static size_t tree_rows(const bd_tree *t) {
  size_t rows = 0;
  for (size_t i = 0; i < t->node_count; i++) {
    const bd_tree_node *n = t->nodes[i];
    if (n->depth >= 3) continue;
    int leaf =
        n->type == BD_NODE_SCENARIO ||
        !(i + 1 < t->node_count && t->nodes[i + 1]->parent == i && t->nodes[i + 1]->depth < 3);
    if (leaf) rows++;
  }
  return rows ? rows : 1;
}

/* One summary tree per business loss, as many rows a slide as its pitch
 * allows under the heading. */
static void tree_slides(planner *pl) {
  const bd_report *r = pl->m.r;
  for (size_t t = 0; t < r->tree_count && !pl->failed; t++) {
    char heading[1024];
    snprintf(heading, sizeof heading, "%s: %s", msg(pl, "heading.scenario_tree"),
             r->losses[r->trees[t]->loss]->title);
    double fit = (deck_body_height(&pl->m, heading) - 2 * DECK_TREE_MARGIN) / DECK_TREE_PITCH;
    size_t per = fit >= 1 ? (size_t)fit : 1, rows = tree_rows(r->trees[t]);
    size_t parts = (rows + per - 1) / per;
    for (size_t part = 0; part < parts; part++) {
      deck_slide *s = add_slide(pl, DECK_SLIDE_TREE, heading, part, parts);
      if (s == NULL) return;
      s->tree = t;
      s->first = part * per;
      s->count = s->first + per < rows ? per : rows - s->first;
    }
  }
}

/* What changed since the compared report: the comparison and its figures
 * on a slide of their own, then the changed scenarios, 4 a slide. */
static void changes_slides(planner *pl) {
  const bd_comparison *c = deck_comparison(pl->m.r);
  if (c == NULL) return;
  size_t rows = c->added + c->removed + c->changed;
  size_t parts = 1 + (rows + CHANGES_ROWS - 1) / CHANGES_ROWS;
  for (size_t part = 0; part < parts; part++) {
    deck_slide *s = add_slide(pl, DECK_SLIDE_CHANGES, msg(pl, "heading.changes"), part, parts);
    if (s == NULL) return;
    s->first = part ? (part - 1) * CHANGES_ROWS : 0;
    s->count = part == 0 ? 0 : s->first + CHANGES_ROWS < rows ? CHANGES_ROWS : rows - s->first;
  }
}

/* The type sizes of the plan's slides. */
static void service_types(planner *pl) {
  const bd_report *r = pl->m.r;
  deck_service *sv = &pl->plan->services[pl->service];
  sv->title_long = deck_title_long(r->service);
  sv->matrix_wide = r->category_count > DECK_MATRIX_CATEGORIES;
  sv->decision_small = calloc(r->decision_count ? r->decision_count : 1, 1);
  sv->category_narrow = calloc(r->category_count ? r->category_count : 1, 1);
  if (sv->decision_small == NULL || sv->category_narrow == NULL) {
    pl->failed = 1;
    return;
  }
  double name = deck_name_width(&pl->m, DECK_TABLE_DECISIONS);
  for (size_t i = 0; i < r->decision_count; i++)
    sv->decision_small[i] =
        (unsigned char)deck_title_small(&pl->m, r->scenarios[r->decisions[i]]->title, name);
  for (size_t c = 0; c < r->category_count; c++)
    sv->category_narrow[c] = (unsigned char)deck_category_narrow(&pl->m, c);
}

/* The slides of plan `service` of the deck. */
static void service_slides(planner *pl, size_t service, const bd_report *r) {
  pl->service = service;
  pl->m.r = r;
  service_types(pl);
  add_slide(pl, DECK_SLIDE_TITLE, NULL, 0, 1);
  add_slide(pl, DECK_SLIDE_FIGURES, msg(pl, "heading.key_figures"), 0, 1);
  if (deck_simulation(r)) { /* how bad a year can get: the curve on a slide of its own */
    deck_slide *curve = add_slide(pl, DECK_SLIDE_FIGURES, msg(pl, "heading.exceedance"), 0, 1);
    if (curve) curve->exceedance = 1;
  }
  if (deck_trend_history(r)) /* --history: the service's periods as small multiples */
    add_slide(pl, DECK_SLIDE_TREND, msg(pl, "heading.trend"), 0, 1);
  changes_slides(pl);
  const char *heading = msg(pl, "heading.decisions");
  row_cut c = cut_for(pl, DECK_TABLE_DECISIONS, heading);
  table_slides(pl, DECK_SLIDE_DECISIONS, &c, heading);
  heading = msg(pl, "heading.loss_matrix");
  c = cut_for(pl, DECK_TABLE_MATRIX, heading);
  table_slides(pl, DECK_SLIDE_MATRIX, &c, heading);
  tree_slides(pl);
  heading = msg(pl, "heading.coverage");
  c = coverage_cut(pl, heading);
  table_slides(pl, DECK_SLIDE_COVERAGE, &c, heading);
  double *rows = malloc((r->matrix_row_count ? r->matrix_row_count : 1) * sizeof *rows);
  if (rows == NULL) {
    pl->failed = 1;
    return;
  }
  for (size_t i = 0; i < r->matrix_row_count; i++) rows[i] = deck_row(&pl->m, c.table, i);
  pl->plan->services[service].coverage_rows = rows;
}

/* The portfolio's own slides: its title, key figures, the services table
 * and the sources. */
static void portfolio_slides(planner *pl, const bd_portfolio *p) {
  pl->service = 0;
  add_slide(pl, DECK_SLIDE_PORTFOLIO_TITLE, NULL, 0, 1);
  add_slide(pl, DECK_SLIDE_PORTFOLIO_FIGURES, msg(pl, "heading.portfolio"), 0, 1);
  size_t parts = (p->report_count + SERVICES_ROWS - 1) / SERVICES_ROWS;
  for (int sources = 0; sources < 2; sources++) {
    for (size_t part = 0; part < parts; part++) {
      deck_slide *s =
          add_slide(pl, sources ? DECK_SLIDE_SOURCES : DECK_SLIDE_SERVICES,
                    msg(pl, sources ? "heading.sources" : "heading.services"), part, parts);
      if (s == NULL) return;
      s->first = part * SERVICES_ROWS;
      s->count =
          s->first + SERVICES_ROWS < p->report_count ? SERVICES_ROWS : p->report_count - s->first;
    }
  }
}

deck_plan *deck_plan_build(const bd_render_request *req, const deck_setup *setup, char *err,
                           size_t errsize) {
  planner pl = {calloc(1, sizeof(deck_plan)), {setup, req->report}, 0, 0, 0};
  const bd_portfolio *p = portfolio_of(req);
  if (pl.plan == NULL) goto oom;
  pl.plan->service_count = p ? p->report_count : 1;
  pl.plan->services = calloc(pl.plan->service_count, sizeof *pl.plan->services);
  if (pl.plan->services == NULL) goto oom;
  if (p) {
    portfolio_slides(&pl, p);
    for (size_t i = 0; i < p->report_count && !pl.failed; i++)
      service_slides(&pl, i, p->reports[i]);
  } else {
    service_slides(&pl, 0, req->report);
  }
  if (pl.failed) goto oom;
  for (size_t i = 0; i < pl.plan->count; i++) { /* offsets into pointers */
    uintptr_t at = (uintptr_t)pl.plan->slides[i].heading;
    pl.plan->slides[i].heading = at ? pl.plan->strings + at - 1 : NULL;
  }
  return pl.plan;
oom:
  deck_plan_free(pl.plan);
  snprintf(err, errsize, "out of memory while planning the slides");
  return NULL;
}

const deck_slide *deck_plan_view(const deck_plan *p, size_t plan, deck_kind kind, size_t tree,
                                 size_t *count) {
  *count = 0;
  const deck_slide *first = NULL;
  for (size_t i = 0; i < p->count; i++) {
    const deck_slide *s = &p->slides[i];
    if (s->plan != plan || s->kind != kind || (kind == DECK_SLIDE_TREE && s->tree != tree))
      continue;
    if (first == NULL) first = s;
    ++*count;
  }
  return first;
}

void deck_plan_free(deck_plan *plan) {
  if (plan == NULL) return;
  for (size_t i = 0; i < plan->service_count; i++) {
    free(plan->services[i].decision_small);
    free(plan->services[i].category_narrow);
    free(plan->services[i].coverage_rows);
  }
  free(plan->services);
  free(plan->slides);
  free(plan->strings);
  free(plan);
}
