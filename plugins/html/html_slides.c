/*
 * html_slides.c - the slides layout: a 16:9 deck for the review meeting.
 *
 * Slides, in order: the title; the key figures; what changed (--compare);
 * the decisions needed; the loss matrix; one summary scenario tree per
 * business loss (loss -> failure types -> scenarios, measures as chips);
 * the coverage heatmap.  Every slide is a <section class="slide"
 * id="slide-N"> of 1280 x 720 CSS pixels; templates/slides.js shows one at
 * a time and scales it to the window, and the print CSS puts one slide on
 * each page.  Each slide is built and written on its own, so a long deck
 * is streamed.
 *
 * Split by measured height.  No table or tree is cut by a fixed count of
 * rows: the deck's sizes (slide box, paddings, type sizes, line heights,
 * column widths) live in html_deck.h, slides.css uses the same numbers
 * through the --deck-* custom properties the plugin writes, and
 * html_deck.c works out the height of every row from them: the lines each
 * title wraps to in its column (html_wrap with the plugin's advance table,
 * on the wide side, breaking only where a browser surely may) times the
 * line height, plus paddings and rules.  A slide takes as many rows as fit
 * in the body left under its heading (which may itself wrap), less a
 * safety margin.  The loss matrix never ends a slide on a group header and
 * its Total row always follows the last row; a heatmap of up to 40
 * scenarios is drawn with denser rows when that keeps it on one slide,
 * else in two or three side-by-side panels of one-line rows (as the pdf
 * deck: the id, the title clipped at the cell's edge with the whole title
 * as its tooltip, a mark per kind on the state's colour; losses head their
 * scenarios, repeated "(continued)" over a panel that starts inside one,
 * never alone at a panel's foot; failure types left out); a tree takes
 * as many summary rows a slide as its fixed row pitch allows.
 * Decision titles wrap to two lines, then take the smaller type; no text
 * on a slide is cut with an ellipsis.  tests/html-deck-fit.sh measures the
 * result in Chromium.
 */
#include "html_common.h"
#include "html_deck.h"
#include "html_portfolio.h"

#include <stdio.h>

/* Starts slide number ctx->slide_no + 1 with a heading; returns its body. */
static html_node *new_slide(html_ctx *ctx, html_node **slide, const char *cls, const char *heading,
                            size_t part, size_t parts) {
  char id[32], buf[512];
  ctx->slide_no++;
  *slide = html_el(ctx, NULL, "section", cls);
  snprintf(id, sizeof id, "slide-%d", ctx->slide_no);
  html_attr(*slide, "id", id);
  if (heading) {
    html_node *head = html_el(ctx, *slide, "header", "slide-head");
    if (parts > 1)
      snprintf(buf, sizeof buf, "%s (%zu/%zu)", heading, part + 1, parts);
    else
      snprintf(buf, sizeof buf, "%s", heading);
    html_text_el(ctx, head, "h2", NULL, buf);
    html_attr(*slide, "aria-label", buf);
  }
  return html_el(ctx, *slide, "div", "slide-body");
}

/* Adds the footer (service, period, page number) and writes the slide. */
static void end_slide(html_ctx *ctx, html_node *slide) {
  const bd_report *r = ctx->r;
  char buf[64];
  html_node *foot = html_el(ctx, slide, "footer", "slide-foot");
  html_text_el(ctx, foot, "span", "foot-service", r->service);
  if (r->period) html_text_el(ctx, foot, "span", "foot-period", r->period);
  snprintf(buf, sizeof buf, "%d / %d", ctx->slide_no, ctx->slide_total);
  html_text_el(ctx, foot, "span", "foot-page", buf);
  html_emit(ctx, slide);
}

/* The title slide. */
static void title_slide(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  html_node *slide, *body = new_slide(ctx, &slide, "slide slide-title", NULL, 0, 1);
  html_attr(slide, "aria-label", r->service);
  html_text_el(ctx, body, "p", "eyebrow", html_msg(ctx, "title.slides"));
  html_text_el(ctx, body, "h1", html_deck_title_long(r->service) ? "long" : NULL, r->service);
  html_plan_meta(ctx, body);
  end_slide(ctx, slide);
}

/* The key figures. */
static void figures_slide(html_ctx *ctx) {
  html_node *slide, *body = new_slide(ctx, &slide, "slide slide-figures",
                                      html_msg(ctx, "heading.key_figures"), 0, 1);
  html_key_figures(ctx, body);
  end_slide(ctx, slide);
}

/* A table cut into slides by measured height: the rows [0, count) of
 * `table`, each slide's piece as many rows as fit under `heading` (a
 * heatmap slide of panels: `panels` pieces side by side). */
typedef struct row_cut {
  html_deck_table table;
  size_t count;
  double avail; /* body height left for rows */
  double tail;  /* the Total row after the last piece */
  int panels;   /* pieces a slide shows side by side */
} row_cut;

static row_cut cut_for(html_ctx *ctx, html_deck_table table, const char *heading) {
  const bd_report *r = ctx->r;
  row_cut c = {table, table == HTML_DECK_DECISIONS ? r->decision_count : r->matrix_row_count, 0,
               table == HTML_DECK_MATRIX ? html_deck_matrix_foot() : 0, 1};
  c.avail = html_deck_body_height(heading) - html_deck_head(ctx, table);
  return c;
}

/* The end of the piece (one panel) of the cut that starts at first. */
static size_t piece_end(html_ctx *ctx, const row_cut *c, size_t first) {
  return html_deck_piece_end(ctx, c->table, first, c->count, c->avail, c->tail);
}

/* The end of the slide of the cut that starts at first: its panels. */
static size_t slide_end(html_ctx *ctx, const row_cut *c, size_t first) {
  for (int p = 0; p < c->panels && first < c->count; p++) first = piece_end(ctx, c, first);
  return first;
}

/* Number of slides the cut takes (at least one). */
static size_t cut_pieces(html_ctx *ctx, const row_cut *c) {
  size_t n = 0;
  for (size_t first = 0; first < c->count; n++) first = slide_end(ctx, c, first);
  return n ? n : 1;
}

/* The heatmap's cut: compact rows; for a heatmap of up to
 * HTML_DECK_MAP_ONE_SLIDE scenarios that they do not keep on one slide,
 * dense rows, else as few panels of one-line rows as hold it on one. */
static row_cut coverage_cut(html_ctx *ctx) {
  const char *heading = html_msg(ctx, "heading.coverage");
  row_cut c = cut_for(ctx, HTML_DECK_COVERAGE, heading);
  if (ctx->r->scenario_count > HTML_DECK_MAP_ONE_SLIDE || cut_pieces(ctx, &c) == 1) return c;
  row_cut dense = cut_for(ctx, HTML_DECK_COVERAGE_DENSE, heading);
  if (cut_pieces(ctx, &dense) == 1) return dense;
  row_cut panel = cut_for(ctx, HTML_DECK_COVERAGE_PANEL, heading);
  for (panel.panels = 2; panel.panels <= HTML_DECK_MAP_PANELS; panel.panels++) {
    if (cut_pieces(ctx, &panel) > 1) continue;
    row_cut lower = panel; /* balance the panels: the least height that holds them */
    for (lower.avail -= 4; lower.avail > 0 && cut_pieces(ctx, &lower) == 1; lower.avail -= 4)
      panel.avail = lower.avail;
    return panel;
  }
  return c;
}

/* The top of a heatmap slide: the coverage shares, the legend, and with
 * panels the key to their heads' letters. */
static void coverage_top(html_ctx *ctx, html_node *body, int panels) {
  const bd_report *r = ctx->r;
  char a[64], b[64], text[512];
  html_node *top = html_el(ctx, body, "div", panels > 1 ? "coverage-top keyed" : "coverage-top");
  snprintf(text, sizeof text, "%s %s \xC2\xB7 %s %s", html_msg(ctx, "figure.coverage"),
           html_share(ctx, r->coverage, a, sizeof a), html_msg(ctx, "figure.verified_coverage"),
           html_share(ctx, r->verified_coverage, b, sizeof b));
  html_text_el(ctx, top, "p", "shares", text);
  html_coverage_legend(ctx, top);
  if (panels > 1) html_kind_key(ctx, top);
}

/* The decisions needed, as many rows a slide as fit. */
static void decision_slides(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  const char *heading = html_msg(ctx, "heading.decisions");
  row_cut c = cut_for(ctx, HTML_DECK_DECISIONS, heading);
  size_t parts = cut_pieces(ctx, &c), first = 0;
  for (size_t p = 0; p < parts && !ctx->failed; p++) {
    html_node *slide, *body = new_slide(ctx, &slide, "slide slide-decisions", heading, p, parts);
    if (r->decision_count == 0) {
      html_text_el(ctx, body, "p", "empty", html_msg(ctx, "text.no_decisions"));
    } else {
      size_t end = piece_end(ctx, &c, first);
      html_add_child(body, html_decisions_table(ctx, first, end - first));
      first = end;
    }
    end_slide(ctx, slide);
  }
}

/* The loss matrix or the coverage heatmap, as many rows a slide as fit
 * (the heatmap's in side-by-side panels when its cut has them). */
static void row_slides(html_ctx *ctx, int coverage) {
  const char *heading = html_msg(ctx, coverage ? "heading.coverage" : "heading.loss_matrix");
  row_cut c = coverage ? coverage_cut(ctx) : cut_for(ctx, HTML_DECK_MATRIX, heading);
  size_t parts = cut_pieces(ctx, &c), first = 0;
  for (size_t p = 0; p < parts && !ctx->failed; p++) {
    html_node *slide,
        *body = new_slide(ctx, &slide, coverage ? "slide slide-coverage" : "slide slide-matrix",
                          heading, p, parts);
    if (coverage) {
      coverage_top(ctx, body, c.panels);
      html_node *in = c.panels > 1 ? html_el(ctx, body, "div", "heatmap-panels") : body;
      for (size_t end = slide_end(ctx, &c, first); first < end;) {
        size_t to = piece_end(ctx, &c, first);
        html_add_child(in, html_coverage_table(ctx, first, to, (int)c.table));
        first = to;
      }
    } else {
      size_t end = piece_end(ctx, &c, first);
      html_add_child(body, html_matrix_table(ctx, first, end));
      first = end;
    }
    end_slide(ctx, slide);
  }
}

/* Prepares tree t for its slides: its heading into heading, and as many
 * summary rows a slide as fit under it.  NULL when memory ran out. */
static html_tree_plan *tree_plan(html_ctx *ctx, size_t t, char *heading, size_t size) {
  const bd_report *r = ctx->r;
  snprintf(heading, size, "%s: %s", html_msg(ctx, "heading.scenario_tree"),
           r->losses[r->trees[t]->loss]->title);
  return html_tree_prepare(ctx, r->trees[t],
                           html_tree_rows_fit(ctx, html_deck_body_height(heading)));
}

/* One scenario tree per business loss, in pieces that fit a slide. */
static void tree_slides(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  for (size_t t = 0; t < r->tree_count && !ctx->failed; t++) {
    char heading[1024];
    html_tree_plan *tp = tree_plan(ctx, t, heading, sizeof heading);
    if (tp == NULL) return;
    size_t parts = html_tree_pieces(tp);
    for (size_t p = 0; p < parts && !ctx->failed; p++) {
      html_node *slide, *body = new_slide(ctx, &slide, "slide slide-tree", heading, p, parts);
      html_add_child(body, html_tree_svg(ctx, tp, p));
      end_slide(ctx, slide);
    }
    html_tree_free(tp);
  }
}

int html_slides_service_count(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  row_cut decisions = cut_for(ctx, HTML_DECK_DECISIONS, html_msg(ctx, "heading.decisions"));
  row_cut matrix = cut_for(ctx, HTML_DECK_MATRIX, html_msg(ctx, "heading.loss_matrix"));
  row_cut coverage = coverage_cut(ctx);
  size_t n =
      2 + cut_pieces(ctx, &decisions) + cut_pieces(ctx, &matrix) + cut_pieces(ctx, &coverage);
  for (size_t t = 0; t < r->tree_count; t++) {
    char heading[1024];
    html_tree_plan *tp = tree_plan(ctx, t, heading, sizeof heading);
    if (tp == NULL) return 0;
    n += html_tree_pieces(tp);
    html_tree_free(tp);
  }
  return (int)(n + html_changes_slides_count(ctx));
}

int html_slides_count(html_ctx *ctx) {
  return ctx->portfolio ? html_portfolio_slides_count(ctx) : html_slides_service_count(ctx);
}

html_node *html_slide_begin(html_ctx *ctx, html_node **slide, const char *cls, const char *heading,
                            size_t part, size_t parts) {
  return new_slide(ctx, slide, cls, heading, part, parts);
}

void html_slide_end(html_ctx *ctx, html_node *slide) {
  end_slide(ctx, slide);
}

void html_slides_body(html_ctx *ctx) {
  ctx->slide_no = 0;
  html_emit(ctx, html_tree_defs(ctx));
  ctx->tree_defs_written = 1;
  if (ctx->portfolio)
    html_portfolio_slides(ctx);
  else
    html_slides_service(ctx);
}

void html_slides_service(html_ctx *ctx) {
  title_slide(ctx);
  figures_slide(ctx);
  html_changes_slides(ctx);
  decision_slides(ctx);
  row_slides(ctx, 0);
  tree_slides(ctx);
  row_slides(ctx, 1);
}
