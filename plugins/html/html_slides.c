/*
 * html_slides.c - the slides layout: a 16:9 deck for the review meeting.
 *
 * Slides, in order: the title; the key figures; the decisions needed
 * (HTML_SLIDE_DECISION_ROWS a slide); the loss matrix (cut so that no slide
 * ends on a group header); one scenario tree per business loss (more slides
 * when a tree is taller than HTML_SLIDE_TREE_ROWS rows); the coverage
 * heatmap.  Every slide is a <section class="slide" id="slide-N"> of
 * 1280 x 720 CSS pixels; templates/slides.js shows one at a time and
 * scales it to the window, and the print CSS puts one slide on each page.
 * Each slide is built and written on its own, so a long deck is streamed.
 */
#include "html_common.h"
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
  html_text_el(ctx, body, "h1", NULL, r->service);
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

/* Number of slides of `count` rows at `per` a slide (at least one). */
static size_t slides_for(size_t count, size_t per) {
  return count == 0 ? 1 : (count + per - 1) / per;
}

/* The decisions needed, a few a slide. */
static void decision_slides(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  size_t parts = slides_for(r->decision_count, HTML_SLIDE_DECISION_ROWS);
  for (size_t p = 0; p < parts && !ctx->failed; p++) {
    html_node *slide, *body = new_slide(ctx, &slide, "slide slide-decisions",
                                        html_msg(ctx, "heading.decisions"), p, parts);
    if (r->decision_count == 0) {
      html_text_el(ctx, body, "p", "empty", html_msg(ctx, "text.no_decisions"));
    } else {
      size_t first = p * HTML_SLIDE_DECISION_ROWS;
      size_t n = r->decision_count - first < HTML_SLIDE_DECISION_ROWS ? r->decision_count - first
                                                                      : HTML_SLIDE_DECISION_ROWS;
      html_add_child(body, html_decisions_table(ctx, first, n));
    }
    end_slide(ctx, slide);
  }
}

/* Number of pieces the matrix rows are cut into at max rows a piece. */
static size_t matrix_pieces(const bd_report *r, size_t max) {
  size_t n = 0;
  for (size_t first = 0; first < r->matrix_row_count; n++)
    first = html_matrix_piece_end(r, first, max);
  return n ? n : 1;
}

/* The loss matrix or the coverage heatmap, cut over slides. */
static void row_slides(html_ctx *ctx, int coverage) {
  const bd_report *r = ctx->r;
  size_t max = coverage ? HTML_SLIDE_COVERAGE_ROWS : HTML_SLIDE_MATRIX_ROWS;
  size_t parts = matrix_pieces(r, max);
  const char *heading = html_msg(ctx, coverage ? "heading.coverage" : "heading.loss_matrix");
  size_t first = 0;
  for (size_t p = 0; p < parts && !ctx->failed; p++) {
    size_t end = html_matrix_piece_end(r, first, max);
    html_node *slide,
        *body = new_slide(ctx, &slide, coverage ? "slide slide-coverage" : "slide slide-matrix",
                          heading, p, parts);
    if (coverage) {
      char a[64], b[64], text[512];
      html_node *top = html_el(ctx, body, "div", "coverage-top");
      snprintf(text, sizeof text, "%s %s \xC2\xB7 %s %s", html_msg(ctx, "figure.coverage"),
               html_share(ctx, r->coverage, a, sizeof a), html_msg(ctx, "figure.verified_coverage"),
               html_share(ctx, r->verified_coverage, b, sizeof b));
      html_text_el(ctx, top, "p", "shares", text);
      html_coverage_legend(ctx, top);
      html_add_child(body, html_coverage_table(ctx, first, end));
    } else {
      html_add_child(body, html_matrix_table(ctx, first, end));
    }
    end_slide(ctx, slide);
    first = end;
  }
}

/* One scenario tree per business loss, in pieces that fit a slide. */
static void tree_slides(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  for (size_t t = 0; t < r->tree_count && !ctx->failed; t++) {
    html_tree_plan *tp = html_tree_prepare(ctx, &r->trees[t], HTML_SLIDE_TREE_ROWS);
    if (tp == NULL) return;
    size_t parts = html_tree_pieces(tp);
    for (size_t p = 0; p < parts && !ctx->failed; p++) {
      char heading[1024];
      snprintf(heading, sizeof heading, "%s: %s", html_msg(ctx, "heading.scenario_tree"),
               r->losses[r->trees[t].loss].title);
      html_node *slide, *body = new_slide(ctx, &slide, "slide slide-tree", heading, p, parts);
      html_add_child(body, html_tree_svg(ctx, tp, p));
      end_slide(ctx, slide);
    }
    html_tree_free(tp);
  }
}

int html_slides_service_count(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  size_t n = 2 + slides_for(r->decision_count, HTML_SLIDE_DECISION_ROWS) +
             matrix_pieces(r, HTML_SLIDE_MATRIX_ROWS) + matrix_pieces(r, HTML_SLIDE_COVERAGE_ROWS);
  for (size_t t = 0; t < r->tree_count; t++) {
    html_tree_plan *tp = html_tree_prepare(ctx, &r->trees[t], HTML_SLIDE_TREE_ROWS);
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
