/*
 * html_parts.h - what the report, the slides, the portfolio and the
 * changes share (html_parts.c): the current plan of a portfolio (ctx->r,
 * its comparison and id prefix), key-figure cards, signed differences and
 * the slide frame.  It calls none of those views, so each calls down to it
 * and the plugin's files call in one direction:
 *   html.c -> html_slides.c -> html_portfolio.c -> html_report.c ->
 *   html_changes.c -> html_parts.c, the views and tables -> html_common.c.
 * Private to the plugin.
 */
#ifndef BD_HTML_PARTS_H
#define BD_HTML_PARTS_H

#include "html_common.h"

/* The request's portfolio, or NULL for one plan or a host older than ABI
 * 1.1.  Host-owned. */
const bd_portfolio *html_portfolio_of(const bd_render_request *req);

/* The comparison of report r (--compare), or NULL.  Host-owned. */
const bd_comparison *html_comparison_of(const bd_report *r);

/* Makes plan i of the portfolio the current one: ctx->r, the id prefix
 * and the over-cap flag.  html_leave_service() goes back to the first plan
 * without a prefix. */
void html_enter_service(html_ctx *ctx, size_t i);
void html_leave_service(html_ctx *ctx);

/* Writes id `base` with the current service's prefix ("svc-2-summary",
 * or "summary" for one plan) into buf; returns buf. */
const char *html_id(const html_ctx *ctx, const char *base, char *buf, size_t size);

/* A key-figure card (same classes as the plan's cards): label, big value
 * with `exact` as its tooltip, an optional note.  Returns the card, owned
 * by parent. */
html_node *html_figure_card(html_ctx *ctx, html_node *parent, const char *cls, const char *label,
                            const char *value, const char *exact, const char *note);

/* Writes v as a signed amount: "+3,000", "\u22121,000" (a true minus sign)
 * or "0", with the report's currency when with_currency, the sign just
 * before the digits as in the PDF ("USD \u22121,000", "+1,000\u5186").  Into
 * buf (size >= 64); returns buf. */
char *html_signed_amount(const html_ctx *ctx, double v, int with_currency, char *buf, size_t size);

/* The class of a difference cell: "num diff diff-up", "... diff-down" or
 * "num diff" (a static string). */
const char *html_diff_class(double v);

/* Starts slide number ctx->slide_no + 1 with its heading as the plan
 * drew it (NULL: none); sets *slide (caller owns it) and returns its body. */
html_node *html_slide_begin(html_ctx *ctx, html_node **slide, const char *cls, const char *heading);

/* Adds the current plan's footer to slide and writes (and frees) it. */
void html_slide_end(html_ctx *ctx, html_node *slide);

#endif
