/*
 * html_portfolio.h - several plans in one page (a portfolio) and what
 * changed since an earlier report (--compare), for the html plugin.
 * Private to the plugin.
 *
 * A portfolio page shows the portfolio's cover, summary and sources, then
 * every service's views as a single plan shows them, one after the other.
 * The views read the plan from ctx->r, so the portfolio code points ctx->r
 * at each plan in turn (html_enter_service) and gives its ids a prefix
 * ("svc-2-summary"), so that no id is used twice on the page.
 */
#ifndef BD_HTML_PORTFOLIO_H
#define BD_HTML_PORTFOLIO_H

#include "../deck/deck_plan.h"
#include "html_common.h"

/* --- reading the ABI 1.1 members (html_portfolio.c) ------------------------ */

/* The request's portfolio, or NULL for one plan or a host older than ABI
 * 1.1.  Host-owned. */
const bd_portfolio *html_portfolio_of(const bd_render_request *req);

/* The comparison of report r (--compare), or NULL.  Host-owned. */
const bd_comparison *html_comparison_of(const bd_report *r);

/* 1 when the page shows a portfolio or some comparison, so that the style
 * sheet needs templates/portfolio.css. */
int html_needs_portfolio_css(const html_ctx *ctx);

/* Makes plan i of the portfolio the current one: ctx->r, the id prefix
 * and the over-cap flag.  html_leave_service() goes back to the first plan
 * without a prefix. */
void html_enter_service(html_ctx *ctx, size_t i);
void html_leave_service(html_ctx *ctx);

/* Writes id `base` with the current service's prefix ("svc-2-summary",
 * or "summary" for one plan) into buf; returns buf. */
const char *html_id(const html_ctx *ctx, const char *base, char *buf, size_t size);

/* Adds the traceability metas of a portfolio (generator, one SHA-256 per
 * plan, the latest as-of date) to head and returns 1; returns 0 and adds
 * nothing for one plan. */
int html_portfolio_trace(html_ctx *ctx, xmlNodePtr head);

/* Adds a meta with the SHA-256 of each compared plan to head. */
void html_comparison_trace(html_ctx *ctx, xmlNodePtr head);

/* A key-figure card (same classes as the plan's cards): label, big value
 * with `exact` as its tooltip, an optional note.  Returns the card, owned
 * by parent. */
html_node *html_figure_card(html_ctx *ctx, html_node *parent, const char *cls, const char *label,
                            const char *value, const char *exact, const char *note);

/* --- the portfolio views (html_portfolio.c) -------------------------------- */

/* Writes the whole report body of a portfolio: cover, contents, summary,
 * sources, then each service's views. */
void html_portfolio_report(html_ctx *ctx);

/* Writes one of the portfolio's own slides of the slide plan (its title,
 * key figures, a services table slide); each plan's slides follow them. */
void html_portfolio_slide(html_ctx *ctx, const deck_slide *s);

/* --- what changed (html_changes.c) ----------------------------------------- */

/* Writes v as a signed amount: "+3,000", "\u22121,000" (a true minus sign)
 * or "0", with the report's currency when with_currency, the sign just
 * before the digits as in the PDF ("USD \u22121,000", "+1,000\u5186").  Into
 * buf (size >= 64); returns buf. */
char *html_signed_amount(const html_ctx *ctx, double v, int with_currency, char *buf, size_t size);

/* The class of a difference cell: "num diff diff-up", "... diff-down" or
 * "num diff" (a static string). */
const char *html_diff_class(double v);

/* Writes the "What changed" section of the current plan (report layout);
 * nothing without a comparison. */
void html_changes_section(html_ctx *ctx);

/* Writes a "What changed" slide of the slide plan for the current plan:
 * the figures on the first, its changed scenarios, the total on the last. */
void html_changes_slide(html_ctx *ctx, const deck_slide *s);

/* --- hooks into the single-plan layouts (html_report.c, html_slides.c) ----- */

/* Writes every view of the current plan (contents, summary, what changed,
 * decisions, matrix, trees, coverage) as the report shows it. */
void html_report_service(html_ctx *ctx);

/* Starts slide number ctx->slide_no + 1 with its heading as the plan
 * drew it (NULL: none); sets *slide (caller owns it) and returns its body. */
html_node *html_slide_begin(html_ctx *ctx, html_node **slide, const char *cls, const char *heading);

/* Adds the current plan's footer to slide and writes (and frees) it. */
void html_slide_end(html_ctx *ctx, html_node *slide);

#endif
