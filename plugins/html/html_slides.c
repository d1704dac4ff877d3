/*
 * html_slides.c - the slides layout: a 16:9 deck for the review meeting,
 * drawn from the slide plan (plugins/deck/deck_plan.h).
 *
 * The planner decides which slides the deck has, in which order, which
 * rows go on each and in which type (the same plan the pdf deck draws);
 * this file only draws each planned slide.  Every slide is a <section
 * class="slide" id="slide-N"> of 1280 x 720 CSS pixels; templates/slides.js
 * shows one at a time and scales it to the window, and the print CSS puts
 * one slide on each page.  The deck's sizes live in deck_metrics.h and
 * reach slides.css as the --deck-* custom properties, so the planner's
 * cuts and the browser's boxes agree.  Each slide is built and written on
 * its own, so a long deck is streamed.  A heatmap slide of panels shows
 * them side by side (the id, the title clipped at the cell's edge with the
 * whole title as its tooltip, a mark per kind on the state's colour;
 * losses head their scenarios, repeated "(continued)" over a panel that
 * starts inside one; failure types left out).  No text on a slide is cut
 * with an ellipsis.  tests/html-deck-fit.sh measures the result in
 * Chromium.
 */
#include "../deck/deck_plan.h"
#include "html_common.h"
#include "html_portfolio.h"

#include <stdio.h>

/* The title slide. */
static void title_slide(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  html_node *slide, *body = html_slide_begin(ctx, &slide, "slide slide-title", NULL);
  html_attr(slide, "aria-label", r->service);
  html_text_el(ctx, body, "p", "eyebrow", html_msg(ctx, "title.slides"));
  html_text_el(ctx, body, "h1", ctx->deck->services[ctx->deck_service].title_long ? "long" : NULL,
               r->service);
  html_plan_meta(ctx, body);
  html_slide_end(ctx, slide);
}

/* The key figures. */
static void figures_slide(html_ctx *ctx, const deck_slide *s) {
  html_node *slide,
      *body = html_slide_begin(ctx, &slide,
                               s->exceedance ? "slide slide-exceedance" : "slide slide-figures",
                               s->heading);
  if (s->exceedance) /* a plan with ranges: the curve on the slide after the cards */
    html_exceedance(ctx, body);
  else
    html_key_figures(ctx, body);
  html_slide_end(ctx, slide);
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

/* A slide of the decisions needed: its rows. */
static void decisions_slide(html_ctx *ctx, const deck_slide *s) {
  html_node *slide, *body = html_slide_begin(ctx, &slide, "slide slide-decisions", s->heading);
  if (ctx->r->decision_count == 0)
    html_text_el(ctx, body, "p", "empty", html_msg(ctx, "text.no_decisions"));
  else
    html_add_child(body, html_decisions_table(ctx, s->first, s->count));
  html_slide_end(ctx, slide);
}

/* A slide of the loss matrix: its rows (the Total row on the last). */
static void matrix_slide(html_ctx *ctx, const deck_slide *s) {
  html_node *slide, *body = html_slide_begin(ctx, &slide, "slide slide-matrix", s->heading);
  html_add_child(body, html_matrix_table(ctx, s->first, s->first + s->count));
  html_slide_end(ctx, slide);
}

/* A slide of the coverage heatmap: its rows, in side-by-side panels when
 * the plan has them. */
static void coverage_slide(html_ctx *ctx, const deck_slide *s) {
  html_node *slide, *body = html_slide_begin(ctx, &slide, "slide slide-coverage", s->heading);
  coverage_top(ctx, body, s->panels);
  html_node *in = s->panels > 1 ? html_el(ctx, body, "div", "heatmap-panels") : body;
  size_t first = s->first;
  for (int p = 0; p < s->panels; p++) {
    html_add_child(
        in, html_coverage_table(ctx, first, s->panel_end[p], (int)s->rows, s->panel_repeat[p]));
    first = s->panel_end[p];
  }
  html_slide_end(ctx, slide);
}

/* A slide of a scenario tree: its rows.  The tree is laid out on its first
 * slide, in pieces of the plan's rows a slide, and freed after its last. */
static void tree_slide(html_ctx *ctx, const deck_slide *s, html_tree_plan **tp) {
  if (s->part == 0) {
    html_tree_free(*tp);
    *tp = html_tree_prepare(ctx, ctx->r->trees[s->tree], s->count);
    if (*tp == NULL) return;
  }
  if (*tp == NULL) return;
  html_node *slide, *body = html_slide_begin(ctx, &slide, "slide slide-tree", s->heading);
  html_add_child(body, html_tree_svg(ctx, *tp, s->part));
  html_slide_end(ctx, slide);
  if (s->last) {
    html_tree_free(*tp);
    *tp = NULL;
  }
}

/* The Trend slide (--history): the report's panels at the slide's size,
 * under the caption that says what the periods are. */
static void trend_slide(html_ctx *ctx, const deck_slide *s) {
  html_node *slide, *body = html_slide_begin(ctx, &slide, "slide slide-trend", s->heading);
  html_text_el(ctx, body, "p", "lead", html_msg(ctx, "caption.trend"));
  html_trend(ctx, body, HTML_TREND_SLIDE);
  html_slide_end(ctx, slide);
}

void html_slides_body(html_ctx *ctx) {
  const deck_plan *plan = ctx->deck;
  html_tree_plan *tp = NULL;
  ctx->slide_no = 0;
  html_emit(ctx, html_tree_defs(ctx));
  ctx->tree_defs_written = 1;
  for (size_t i = 0; i < plan->count && !ctx->failed; i++) {
    const deck_slide *s = &plan->slides[i];
    if (ctx->portfolio && s->kind >= DECK_SLIDE_PORTFOLIO_TITLE) {
      html_leave_service(ctx);
      html_portfolio_slide(ctx, s);
      continue;
    }
    if (ctx->portfolio) html_enter_service(ctx, s->plan);
    ctx->deck_service = s->plan;
    switch (s->kind) {
    case DECK_SLIDE_TITLE:
      title_slide(ctx);
      break;
    case DECK_SLIDE_FIGURES:
      figures_slide(ctx, s);
      break;
    case DECK_SLIDE_CHANGES:
      html_changes_slide(ctx, s);
      break;
    case DECK_SLIDE_DECISIONS:
      decisions_slide(ctx, s);
      break;
    case DECK_SLIDE_MATRIX:
      matrix_slide(ctx, s);
      break;
    case DECK_SLIDE_TREE:
      tree_slide(ctx, s, &tp);
      break;
    case DECK_SLIDE_COVERAGE:
      coverage_slide(ctx, s);
      break;
    case DECK_SLIDE_TREND:
      trend_slide(ctx, s);
      break;
    case DECK_SLIDE_PORTFOLIO_TITLE:
    case DECK_SLIDE_PORTFOLIO_FIGURES:
    case DECK_SLIDE_SERVICES:
    case DECK_SLIDE_SOURCES:
      break;
    }
  }
  html_tree_free(tp);
  if (ctx->portfolio) html_leave_service(ctx);
  ctx->deck_service = 0;
}
