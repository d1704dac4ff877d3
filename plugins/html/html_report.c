/*
 * html_report.c - the report layout: one long page with a cover, a table
 * of contents and a section per view (summary, the trend with --history,
 * what changed with --compare, decisions needed, loss matrix, scenario
 * trees, coverage heatmap).  Long sections are streamed:
 * the section's start and its introduction are written with html_open, its
 * table or tree pieces one by one, then its end tag.
 */
#include "html_common.h"
#include "html_portfolio.h"
#include "../deck/deck_trend.h"

#include <stdio.h>

/* The sections of the report, in order: anchor id and heading key. */
static const struct {
  const char *id;
  const char *heading;
} sections[] = {
    {"summary", "heading.summary"},         {"decisions", "heading.decisions"},
    {"loss-matrix", "heading.loss_matrix"}, {"scenario-tree", "heading.scenario_tree"},
    {"coverage", "heading.coverage"},
};

/* Starts section k: <section id=...><h2>heading</h2>; returns it unwritten. */
static html_node *new_section(html_ctx *ctx, size_t k) {
  char id[64];
  html_node *sec = html_el(ctx, NULL, "section", "view");
  html_attr(sec, "id", html_id(ctx, sections[k].id, id, sizeof id));
  html_text_el(ctx, sec, "h2", NULL, html_msg(ctx, sections[k].heading));
  return sec;
}

/* The cover: what the report is about. */
static void cover(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  html_node *header = html_el(ctx, NULL, "header", "cover");
  html_text_el(ctx, header, "p", "eyebrow", html_msg(ctx, "title.report"));
  html_text_el(ctx, header, "h1", NULL, r->service);
  html_plan_meta(ctx, header);
  html_emit(ctx, header);
}

/* The table of contents, with one entry per business loss under the tree. */
static void contents(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  html_node *nav = html_el(ctx, NULL, "nav", "toc");
  html_attr(nav, "aria-label", html_msg(ctx, "heading.contents"));
  html_text_el(ctx, nav, "h2", NULL, html_msg(ctx, "heading.contents"));
  html_node *ol = html_el(ctx, nav, "ol", NULL);
  for (size_t k = 0; k < sizeof sections / sizeof sections[0]; k++) {
    char href[128], id[64];
    snprintf(href, sizeof href, "#%s", html_id(ctx, sections[k].id, id, sizeof id));
    html_node *li = html_el(ctx, ol, "li", NULL);
    html_attr(html_text_el(ctx, li, "a", NULL, html_msg(ctx, sections[k].heading)), "href", href);
    if (k == 0 && deck_trend_history(r)) { /* the Trend follows the summary */
      snprintf(href, sizeof href, "#%s", html_id(ctx, "trend", id, sizeof id));
      html_attr(html_text_el(ctx, html_el(ctx, ol, "li", NULL), "a", NULL,
                             html_msg(ctx, "heading.trend")),
                "href", href);
    }
    if (k == 0 && html_comparison_of(r)) { /* "What changed" follows the summary */
      snprintf(href, sizeof href, "#%s", html_id(ctx, "changes", id, sizeof id));
      html_attr(html_text_el(ctx, html_el(ctx, ol, "li", NULL), "a", NULL,
                             html_msg(ctx, "heading.changes")),
                "href", href);
    }
    if (k == 3 && r->tree_count > 1) {
      html_node *sub = html_el(ctx, li, "ol", NULL);
      for (size_t t = 0; t < r->tree_count; t++) {
        snprintf(id, sizeof id, "tree-%zu", t + 1);
        snprintf(href, sizeof href, "#%s%s", ctx->id_prefix, id);
        html_node *a = html_text_el(ctx, html_el(ctx, sub, "li", NULL), "a", NULL,
                                    r->losses[r->trees[t]->loss]->title);
        html_attr(a, "href", href);
      }
    }
  }
  html_emit(ctx, nav);
}

/* Summary: key figures, the totals chart and the totals per state. */
static void summary(html_ctx *ctx) {
  html_node *sec = new_section(ctx, 0);
  html_key_figures(ctx, sec);
  html_state_chart(ctx, sec);
  html_totals_table(ctx, sec);
  html_exceedance(ctx, sec);
  html_emit(ctx, sec);
}

/* The Trend (--history): the service's figures over its archived periods
 * and this report, as small multiples; nothing without a history. */
static void trend(html_ctx *ctx) {
  if (deck_trend_history(ctx->r) == NULL) return;
  char id[64];
  html_node *sec = html_el(ctx, NULL, "section", "view trend");
  html_attr(sec, "id", html_id(ctx, "trend", id, sizeof id));
  html_text_el(ctx, sec, "h2", NULL, html_msg(ctx, "heading.trend"));
  html_text_el(ctx, sec, "p", "lead", html_msg(ctx, "caption.trend"));
  html_trend(ctx, sec, HTML_TREND_REPORT);
  html_trend_table(ctx, sec); /* every period's figures, as the PDF's page has them */
  html_emit(ctx, sec);
}

/* Decisions needed, by current yearly loss. */
static void decisions(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  html_node *sec = new_section(ctx, 1);
  size_t waivers = html_waiver_count(ctx);
  if (r->decision_count == 0 && waivers == 0) {
    html_text_el(ctx, sec, "p", "empty", html_msg(ctx, "text.no_decisions"));
    html_emit(ctx, sec);
    return;
  }
  if (r->decision_count == 0)
    html_text_el(ctx, sec, "p", "empty", html_msg(ctx, "text.no_decisions"));
  else
    html_text_el(ctx, sec, "p", "lead", html_msg(ctx, "text.decisions_intro"));
  html_open(ctx, sec);
  if (r->decision_count) html_decisions_stream(ctx);
  /* the CI gate rules waived, who waived them and until when */
  if (waivers) html_waivers_stream(ctx, waivers);
  html_close(ctx, "section");
}

/* A short note under a heading, e.g. what the shading means. */
static void note(html_ctx *ctx, html_node *parent, const char *key) {
  html_text_el(ctx, parent, "p", "lead", html_msg(ctx, key));
}

/* The loss matrix, streamed in chunks of rows. */
static void matrix(html_ctx *ctx) {
  html_node *sec = new_section(ctx, 2);
  note(ctx, sec, "text.matrix_intro");
  html_open(ctx, sec);
  html_matrix_stream(ctx);
  html_close(ctx, "section");
}

/* The legend of the tree: kind stripes, status markers, verification. */
static void tree_legend(html_ctx *ctx, html_node *parent) {
  html_node *ul = html_el(ctx, parent, "ul", "legend tree-legend");
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    char cls[48];
    html_node *li = html_el(ctx, ul, "li", NULL);
    snprintf(cls, sizeof cls, "kind-swatch kind-%s", bd_kind_name((bd_kind)k));
    html_el(ctx, li, "span", cls);
    html_text_el(ctx, li, "span", "legend-label",
                 html_enum_label(ctx, "kind", bd_kind_name((bd_kind)k)));
  }
  html_node *li = html_el(ctx, ul, "li", NULL);
  html_text_el(ctx, li, "span", "status-mark implemented", "\xE2\x97\x8F");
  html_text_el(ctx, li, "span", "legend-label", html_msg(ctx, "status.implemented"));
  li = html_el(ctx, ul, "li", NULL);
  html_text_el(ctx, li, "span", "status-mark planned", "\xE2\x97\x8B");
  html_text_el(ctx, li, "span", "legend-label", html_msg(ctx, "status.planned"));
}

/* One scenario tree per business loss, each drawn in printable pieces. */
static void trees(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  html_node *sec = new_section(ctx, 3);
  note(ctx, sec, "text.tree_intro");
  tree_legend(ctx, sec);
  html_open(ctx, sec);
  if (!ctx->tree_defs_written) /* once a page: a portfolio has several tree sections */
    html_emit(ctx, html_tree_defs(ctx));
  ctx->tree_defs_written = 1;
  for (size_t t = 0; t < r->tree_count && !ctx->failed; t++) {
    html_tree_plan *tp = html_tree_prepare(ctx, r->trees[t], HTML_REPORT_TREE_ROWS);
    if (tp == NULL) break;
    char id[64];
    snprintf(id, sizeof id, "%stree-%zu", ctx->id_prefix, t + 1);
    html_node *div = html_el(ctx, NULL, "div", "tree-group");
    html_attr(div, "id", id);
    html_text_el(ctx, div, "h3", NULL, r->losses[r->trees[t]->loss]->title);
    html_open(ctx, div);
    for (size_t p = 0; p < html_tree_pieces(tp) && !ctx->failed; p++) {
      html_open(ctx, html_el(ctx, NULL, "figure", "chart tree-piece"));
      html_emit(ctx, html_tree_svg(ctx, tp, p));
      html_close(ctx, "figure");
    }
    html_close(ctx, "div");
    html_tree_free(tp);
  }
  html_close(ctx, "section");
}

/* The coverage heatmap with its shares and legend. */
static void coverage(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  char a[64], b[64], text[512];
  html_node *sec = new_section(ctx, 4);
  snprintf(text, sizeof text, "%s: %s \xC2\xB7 %s: %s", html_msg(ctx, "figure.coverage"),
           html_share(ctx, r->coverage, a, sizeof a), html_msg(ctx, "figure.verified_coverage"),
           html_share(ctx, r->verified_coverage, b, sizeof b));
  html_text_el(ctx, sec, "p", "shares", text);
  html_coverage_legend(ctx, sec);
  html_open(ctx, sec);
  html_coverage_stream(ctx);
  html_close(ctx, "section");
}

/* Who made the page. */
static void footer(html_ctx *ctx) {
  char text[1024];
  snprintf(text, sizeof text, "%s badday %s \xC2\xB7 %s", html_msg(ctx, "text.generated_by"),
           ctx->host->version ? ctx->host->version : "", ctx->r->as_of);
  html_emit(ctx, html_text_el(ctx, NULL, "footer", "page-foot", text));
}

void html_report_service(html_ctx *ctx) {
  contents(ctx);
  summary(ctx);
  trend(ctx);
  html_changes_section(ctx);
  decisions(ctx);
  matrix(ctx);
  trees(ctx);
  coverage(ctx);
}

void html_report_body(html_ctx *ctx) {
  cover(ctx);
  html_report_service(ctx);
  footer(ctx);
}
