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
#include "html_parts.h"

/* --- reading the ABI 1.1 members (html_portfolio.c) ------------------------ */

/* 1 when the page shows a portfolio or some comparison, so that the style
 * sheet needs templates/portfolio.css. */
int html_needs_portfolio_css(const html_ctx *ctx);

/* Adds the traceability metas of a portfolio (generator, one SHA-256 per
 * plan, the latest as-of date) to head and returns 1; returns 0 and adds
 * nothing for one plan. */
int html_portfolio_trace(html_ctx *ctx, xmlNodePtr head);

/* Adds a meta with the SHA-256 of each compared plan to head. */
void html_comparison_trace(html_ctx *ctx, xmlNodePtr head);

/* --- the portfolio views (html_portfolio.c) -------------------------------- */

/* Writes the whole report body of a portfolio: cover, contents, summary,
 * sources, then each service's views. */
void html_portfolio_report(html_ctx *ctx);

/* Writes one of the portfolio's own slides of the slide plan (its title,
 * key figures, a services table slide); each plan's slides follow them. */
void html_portfolio_slide(html_ctx *ctx, const deck_slide *s);

/* --- what changed (html_changes.c) ----------------------------------------- */

/* Writes the "What changed" section of the current plan (report layout);
 * nothing without a comparison. */
void html_changes_section(html_ctx *ctx);

/* Writes a "What changed" slide of the slide plan for the current plan:
 * the figures on the first, its changed scenarios, the total on the last. */
void html_changes_slide(html_ctx *ctx, const deck_slide *s);

/* --- the report of one plan (html_report.c) -------------------------------- */

/* Writes every view of the current plan (contents, summary, what changed,
 * decisions, matrix, trees, coverage) as the report shows it. */
void html_report_service(html_ctx *ctx);

#endif
