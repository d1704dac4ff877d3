/*
 * html_parts.c - what the report, the slides, the portfolio and the changes
 * share: the current plan of a portfolio (its comparison, its id prefix),
 * key-figure cards, signed differences and the slide frame.  Calls none of
 * those views, so each of them calls down to it; see html_parts.h.
 */
#include "html_parts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MINUS "\xE2\x88\x92" /* U+2212, the minus sign */

/* Starts slide number ctx->slide_no + 1 with its heading as drawn (NULL:
 * none); returns its body. */
html_node *html_slide_begin(html_ctx *ctx, html_node **slide, const char *cls,
                            const char *heading) {
  char id[32];
  ctx->slide_no++;
  *slide = html_el(ctx, NULL, "section", cls);
  snprintf(id, sizeof id, "slide-%d", ctx->slide_no);
  html_attr(*slide, "id", id);
  if (heading) {
    html_node *head = html_el(ctx, *slide, "header", "slide-head");
    html_text_el(ctx, head, "h2", NULL, heading);
    html_attr(*slide, "aria-label", heading);
  }
  return html_el(ctx, *slide, "div", "slide-body");
}

/* Adds the footer (service, period, page number) and writes the slide. */
void html_slide_end(html_ctx *ctx, html_node *slide) {
  const bd_report *r = ctx->r;
  char buf[64];
  html_node *foot = html_el(ctx, slide, "footer", "slide-foot");
  html_text_el(ctx, foot, "span", "foot-service", r->service);
  if (r->period) html_text_el(ctx, foot, "span", "foot-period", r->period);
  snprintf(buf, sizeof buf, "%d / %d", ctx->slide_no, ctx->slide_total);
  html_text_el(ctx, foot, "span", "foot-page", buf);
  html_emit(ctx, slide);
}

const bd_portfolio *html_portfolio_of(const bd_render_request *req) {
  if (!BD_HAS(req, bd_render_request, portfolio)) return NULL;
  const bd_portfolio *p = req->portfolio;
  return p && p->report_count > 0 ? p : NULL;
}

const bd_comparison *html_comparison_of(const bd_report *r) {
  if (!BD_HAS(r, bd_report, comparison)) return NULL;
  return r->comparison;
}

void html_enter_service(html_ctx *ctx, size_t i) {
  ctx->r = ctx->portfolio->reports[i];
  snprintf(ctx->id_prefix, sizeof ctx->id_prefix, "svc-%zu-", i + 1);
  ctx->any_over_cap = 0;
  for (size_t s = 0; s < ctx->r->scenario_count && !ctx->any_over_cap; s++)
    ctx->any_over_cap = ctx->r->scenarios[s]->over_cap;
}

void html_leave_service(html_ctx *ctx) {
  ctx->r = ctx->req->report;
  ctx->id_prefix[0] = '\0';
}

const char *html_id(const html_ctx *ctx, const char *base, char *buf, size_t size) {
  snprintf(buf, size, "%s%s", ctx->id_prefix, base);
  return buf;
}

html_node *html_figure_card(html_ctx *ctx, html_node *parent, const char *cls, const char *label,
                            const char *value, const char *exact, const char *note) {
  html_node *c = html_el(ctx, parent, "div", cls);
  html_text_el(ctx, c, "div", "figure-label", label);
  html_node *v = html_text_el(ctx, c, "div", "figure-value", value);
  html_attr(v, "title", exact);
  if (note) html_text_el(ctx, c, "div", "figure-note", note);
  return c;
}

char *html_signed_amount(const html_ctx *ctx, double v, int with_currency, char *buf, size_t size) {
  char abs[64];
  double rounded = round(v);
  html_amount(ctx, fabs(rounded), with_currency, 0, abs, sizeof abs);
  /* the sign goes just before the digits, where the host puts a minus */
  int code = (int)strcspn(abs, "0123456789");
  snprintf(buf, size, "%.*s%s%s", code, abs,
           rounded > 0   ? "+"
           : rounded < 0 ? MINUS
                         : "",
           abs + code);
  return buf;
}

const char *html_diff_class(double v) {
  double rounded = round(v);
  return rounded > 0 ? "num diff diff-up" : rounded < 0 ? "num diff diff-down" : "num diff";
}
