/*
 * html_portfolio.c - several plans in one page: the portfolio's cover,
 * contents, summary table, key figures and sources, then each service's
 * views (report), or the portfolio's title and summary slides, then each
 * service's slides (slides).  Every figure is the core's (bd_portfolio and
 * each bd_report); this file only formats and places it.  See
 * html_portfolio.h for how the services share one page.
 */
#include "../deck/deck_plan.h"
#include "html_portfolio.h"

#include <stdio.h>
#include <string.h>

/* --- the ABI 1.1 members ---------------------------------------------------- */

int html_needs_portfolio_css(const html_ctx *ctx) {
  if (ctx->portfolio) return 1;
  return html_comparison_of(ctx->r) != NULL;
}

/* Adds <meta name=name content=value> to head (nothing for a NULL value). */
static void meta(html_ctx *ctx, xmlNodePtr head, const char *name, const char *value) {
  if (value == NULL) return;
  xmlNodePtr m = xmlNewChild(head, NULL, BAD_CAST "meta", NULL); /* the skeleton's: libxml2 */
  if (m == NULL) {
    html_fail(ctx, "out of memory while building the page");
    return;
  }
  xmlSetProp(m, BAD_CAST "name", BAD_CAST name);
  xmlSetProp(m, BAD_CAST "content", BAD_CAST value);
}

int html_portfolio_trace(html_ctx *ctx, xmlNodePtr head) {
  const bd_portfolio *p = ctx->portfolio;
  if (p == NULL) return 0;
  meta(ctx, head, "generator", p->reports[0]->generator);
  for (size_t i = 0; i < p->report_count; i++)
    meta(ctx, head, "badday-source-sha256", p->reports[i]->source_sha256);
  meta(ctx, head, "badday-as-of", p->as_of);
  for (size_t i = 0; i < p->report_count; i++) {
    ctx->r = p->reports[i];
    html_comparison_trace(ctx, head);
  }
  ctx->r = ctx->req->report;
  return 1;
}

void html_comparison_trace(html_ctx *ctx, xmlNodePtr head) {
  const bd_comparison *c = html_comparison_of(ctx->r);
  if (c) meta(ctx, head, "badday-compared-sha256", c->source_sha256);
}

/* --- pieces both layouts share ----------------------------------------------- */

/* An amount of the portfolio: "USD 14,400", or compact ("USD 14.4M") when
 * compact is set and the exact amount would not fit a card; "—" when the
 * plans count in different currencies. */
static const char *portfolio_amount(const html_ctx *ctx, double v, int compact, char *buf,
                                    size_t size) {
  if (ctx->portfolio->currency == NULL) return "\xE2\x80\x94";
  /* the plans' own cards are compact; summed here, "USD 14K" now and
   * "USD 14K" planned would hide the difference that matters */
  double fits = ctx->slides ? 1e5 : 1e8;
  return html_money(ctx, v, ctx->portfolio->currency,
                    compact && (v >= fits || v <= -fits) ? BD_MONEY_COMPACT : 0, buf, size);
}

/* Adds one "label: value" pair to a plan-meta list (skipped for NULL). */
static void meta_item(html_ctx *ctx, html_node *dl, const char *label, const char *value) {
  if (value == NULL || *value == '\0') return;
  html_node *div = html_el(ctx, dl, "div", NULL);
  html_text_el(ctx, div, "dt", NULL, label);
  html_text_el(ctx, div, "dd", NULL, value);
}

/* The portfolio's header line: period, as of, services, currency. */
static void portfolio_meta(html_ctx *ctx, html_node *parent) {
  const bd_portfolio *p = ctx->portfolio;
  char n[32];
  snprintf(n, sizeof n, "%zu", p->report_count);
  html_node *dl = html_el(ctx, parent, "dl", "plan-meta");
  meta_item(ctx, dl, html_msg(ctx, "meta.period"), p->period);
  meta_item(ctx, dl, html_msg(ctx, "meta.as_of"), p->as_of);
  meta_item(ctx, dl, html_msg(ctx, "figure.services"), n);
  meta_item(ctx, dl, html_msg(ctx, "meta.currency"), p->currency);
}

/* The portfolio's key figures: services, yearly loss now and planned,
 * decisions, coverage and verified coverage. */
static void portfolio_figures(html_ctx *ctx, html_node *parent) {
  const bd_portfolio *p = ctx->portfolio;
  char v[64], exact[64], x[64], note[512];
  html_node *grid = html_el(ctx, parent, "div", "key-figures portfolio-figures");
  const char *mixed = p->currency ? NULL : html_msg(ctx, "text.mixed_currencies");

  snprintf(v, sizeof v, "%zu", p->report_count);
  snprintf(note, sizeof note, "%s: %zu", html_msg(ctx, "figure.scenarios"), p->scenario_count);
  html_figure_card(ctx, grid, "figure figure-services", html_msg(ctx, "figure.services"), v, v,
                   note);

  if (!mixed)
    snprintf(note, sizeof note, "%s: %s", html_msg(ctx, "state.baseline"),
             portfolio_amount(ctx, p->eal[BD_STATE_BASELINE], 1, x, sizeof x));
  html_node *now_card =
      html_figure_card(ctx, grid, "figure figure-now", html_msg(ctx, "figure.yearly_loss_now"),
                       portfolio_amount(ctx, p->eal[BD_STATE_CURRENT], 1, v, sizeof v),
                       portfolio_amount(ctx, p->eal[BD_STATE_CURRENT], 0, exact, sizeof exact),
                       mixed ? mixed : note);
  /* the proven state summed over the plans, and the loss resting on
   * untested measures (proven - now), worded as on a plan's card */
  if (!mixed && BD_HAS(p, bd_portfolio, eal_proven)) {
    char gap[64];
    snprintf(note, sizeof note, "%s: %s \xC2\xB7 %s: %s", html_msg(ctx, "figure.proven"),
             portfolio_amount(ctx, p->eal_proven, 1, x, sizeof x),
             html_msg(ctx, "figure.untested_loss"),
             portfolio_amount(ctx, p->eal_proven - p->eal[BD_STATE_CURRENT], 1, gap, sizeof gap));
    html_text_el(ctx, now_card, "div", "figure-note figure-proven", note);
  }
  html_figure_card(ctx, grid, "figure figure-planned", html_msg(ctx, "figure.yearly_loss_planned"),
                   portfolio_amount(ctx, p->eal[BD_STATE_PLANNED], 1, v, sizeof v),
                   portfolio_amount(ctx, p->eal[BD_STATE_PLANNED], 0, exact, sizeof exact),
                   mixed ? mixed : html_msg(ctx, "figure.note_planned"));

  snprintf(v, sizeof v, "%zu", p->decision_count);
  snprintf(exact, sizeof exact, "%zu / %zu", p->decision_count, p->scenario_count);
  html_figure_card(ctx, grid,
                   p->decision_count ? "figure figure-decisions attention"
                                     : "figure figure-decisions",
                   html_msg(ctx, "figure.decisions"), v, exact, NULL);
  html_share(ctx, p->coverage, v, sizeof v);
  html_figure_card(ctx, grid, "figure figure-coverage", html_msg(ctx, "figure.coverage"), v, v,
                   html_msg(ctx, "figure.note_coverage"));
  html_share(ctx, p->verified_coverage, v, sizeof v);
  html_figure_card(ctx, grid, "figure figure-verified", html_msg(ctx, "figure.verified_coverage"),
                   v, v, html_msg(ctx, "figure.note_verified"));
}

/* 1 when some plan of the portfolio has a comparison. */
static int any_comparison(const html_ctx *ctx) {
  for (size_t i = 0; i < ctx->portfolio->report_count; i++)
    if (html_comparison_of(ctx->portfolio->reports[i])) return 1;
  return 0;
}

/* Adds a column header with label `key` and class cls. */
static void head_cell(html_ctx *ctx, html_node *tr, const char *key, const char *cls) {
  html_attr(html_text_el(ctx, tr, "th", cls, html_msg(ctx, key)), "scope", "col");
}

/* An amount cell of service r: plain when the portfolio shares one
 * currency (named in the caption), else with the plan's own currency. */
static void service_amount(html_ctx *ctx, html_node *tr, const bd_report *r, double v,
                           const char *cls) {
  char shown[64], exact[64];
  int bare = ctx->portfolio->currency != NULL;
  /* a slide's column fits "999,999", or "USD 12K" when each row names its currency */
  int compact = ctx->slides && (!bare || v >= 1e6 || v <= -1e6);
  html_money(ctx, v, r->currency, (bare ? BD_MONEY_BARE : 0) | (compact ? BD_MONEY_COMPACT : 0),
             shown, sizeof shown);
  html_money(ctx, v, r->currency, 0, exact, sizeof exact);
  html_attr(html_text_el(ctx, tr, "td", cls, shown), "title", exact);
}

/* The row of service i in the summary table. */
static void service_row(html_ctx *ctx, html_node *tbody, size_t i, int with_change) {
  const bd_report *r = ctx->portfolio->reports[i];
  char buf[64], href[64];
  html_node *tr = html_el(ctx, tbody, "tr", NULL);
  html_node *th = html_el(ctx, tr, "th", "name");
  html_attr(th, "scope", "row");
  if (ctx->slides) { /* a slide deck has no service sections to link to */
    html_add_text(ctx, th, r->service);
    html_attr(th, "title", r->service);
  } else {
    snprintf(href, sizeof href, "#svc-%zu", i + 1);
    html_attr(html_text_el(ctx, th, "a", NULL, r->service), "href", href);
  }
  service_amount(ctx, tr, r, r->totals[BD_STATE_CURRENT]->eal, "num strong");
  service_amount(ctx, tr, r, r->totals[BD_STATE_PLANNED]->eal, "num");
  if (r->has_error_budget) {
    const bd_totals *now = r->totals[BD_STATE_CURRENT];
    html_text_el(ctx, tr, "td", now->budget_used > 1 ? "num over" : "num",
                 html_share(ctx, now->budget_used, buf, sizeof buf));
  } else {
    html_text_el(ctx, tr, "td", "num muted", html_msg(ctx, "figure.no_slo"));
  }
  html_text_el(ctx, tr, "td", "num", html_share(ctx, r->coverage, buf, sizeof buf));
  html_text_el(ctx, tr, "td", "num", html_share(ctx, r->verified_coverage, buf, sizeof buf));
  snprintf(buf, sizeof buf, "%zu", r->decision_count);
  html_text_el(ctx, tr, "td", r->decision_count ? "num strong" : "num", buf);
  if (with_change) {
    const bd_comparison *c = html_comparison_of(r);
    if (c) {
      double d = c->eal_after - c->eal_before;
      char exact[64];
      ctx->r = r; /* the signed amounts take the plan's currency */
      html_node *td = html_text_el(
          ctx, tr, "td", html_diff_class(d),
          html_signed_amount(ctx, d, ctx->portfolio->currency == NULL, buf, sizeof buf));
      html_attr(td, "title", html_signed_amount(ctx, d, 1, exact, sizeof exact));
      ctx->r = ctx->req->report;
    } else {
      html_text_el(ctx, tr, "td", "num muted", "\xE2\x80\x94");
    }
  }
}

/* The total row: sums of money only when every plan shares a currency. */
static html_node *total_row(html_ctx *ctx, int with_change) {
  const bd_portfolio *p = ctx->portfolio;
  char buf[64], exact[64];
  html_node *tfoot = html_el(ctx, NULL, "tfoot", NULL);
  html_node *tr = html_el(ctx, tfoot, "tr", NULL);
  html_attr(html_text_el(ctx, tr, "th", NULL, html_msg(ctx, "column.total")), "scope", "row");
  if (p->currency) {
    for (int s = BD_STATE_CURRENT; s <= BD_STATE_PLANNED; s++) {
      const char *shown = portfolio_amount(ctx, p->eal[s], 0, buf, sizeof buf);
      if (ctx->slides) /* as the rows: the currency is in the caption, compact when long */
        html_money(ctx, p->eal[s], p->currency,
                   BD_MONEY_BARE | (p->eal[s] >= 1e6 || p->eal[s] <= -1e6 ? BD_MONEY_COMPACT : 0),
                   buf, sizeof buf);
      html_node *td = html_text_el(ctx, tr, "td", "num strong", shown);
      html_attr(td, "title", portfolio_amount(ctx, p->eal[s], 0, exact, sizeof exact));
    }
    html_el(ctx, tr, "td", NULL); /* error budgets do not add up */
  } else {                        /* no sums: say why, over the money and error-budget columns */
    html_node *td = html_text_el(ctx, tr, "td", "mixed", html_msg(ctx, "text.mixed_currencies"));
    html_attr(td, "colspan", "3");
  }
  html_text_el(ctx, tr, "td", "num", html_share(ctx, p->coverage, buf, sizeof buf));
  html_text_el(ctx, tr, "td", "num", html_share(ctx, p->verified_coverage, buf, sizeof buf));
  snprintf(buf, sizeof buf, "%zu", p->decision_count);
  html_text_el(ctx, tr, "td", "num strong", buf);
  if (with_change) html_el(ctx, tr, "td", NULL);
  return tfoot;
}

/* The services table for services [first, end); the total row when end is
 * the last. */
static html_node *services_table(html_ctx *ctx, size_t first, size_t end) {
  const bd_portfolio *p = ctx->portfolio;
  int with_change = any_comparison(ctx);
  char caption[512];
  html_node *table = html_el(ctx, NULL, "table", "data portfolio-table");
  if (p->currency)
    snprintf(caption, sizeof caption, "%s (%s)", html_msg(ctx, "caption.portfolio"), p->currency);
  else
    snprintf(caption, sizeof caption, "%s", html_msg(ctx, "caption.portfolio"));
  html_text_el(ctx, table, "caption", NULL, caption);
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  head_cell(ctx, tr, "column.service", "col-name");
  head_cell(ctx, tr, "column.current", "num");
  head_cell(ctx, tr, "column.planned", "num");
  head_cell(ctx, tr, "figure.error_budget_used", "num");
  head_cell(ctx, tr, "column.coverage", "num");
  head_cell(ctx, tr, "column.verified_coverage", "num");
  head_cell(ctx, tr, "column.decisions", "num");
  if (with_change) head_cell(ctx, tr, "figure.loss_change", "num");
  html_node *tbody = html_el(ctx, table, "tbody", NULL);
  for (size_t i = first; i < end; i++) service_row(ctx, tbody, i, with_change);
  if (end == p->report_count) html_add_child(table, total_row(ctx, with_change));
  return table;
}

/* --- report ------------------------------------------------------------------ */

/* The portfolio's cover. */
static void cover(html_ctx *ctx) {
  html_node *header = html_el(ctx, NULL, "header", "cover portfolio-cover");
  html_text_el(ctx, header, "p", "eyebrow", html_msg(ctx, "title.report"));
  html_text_el(ctx, header, "h1", NULL, html_msg(ctx, "title.portfolio"));
  portfolio_meta(ctx, header);
  html_emit(ctx, header);
}

/* The portfolio's contents: its summary, each service, the sources. */
static void contents(html_ctx *ctx) {
  const bd_portfolio *p = ctx->portfolio;
  char href[64];
  html_node *nav = html_el(ctx, NULL, "nav", "toc portfolio-toc");
  html_attr(nav, "aria-label", html_msg(ctx, "heading.contents"));
  html_text_el(ctx, nav, "h2", NULL, html_msg(ctx, "heading.contents"));
  html_node *ol = html_el(ctx, nav, "ol", NULL);
  html_attr(html_text_el(ctx, html_el(ctx, ol, "li", NULL), "a", NULL,
                         html_msg(ctx, "heading.portfolio")),
            "href", "#portfolio");
  html_node *li = html_el(ctx, ol, "li", NULL);
  html_text_el(ctx, li, "span", NULL, html_msg(ctx, "heading.services"));
  html_node *sub = html_el(ctx, li, "ol", NULL);
  for (size_t i = 0; i < p->report_count; i++) {
    snprintf(href, sizeof href, "#svc-%zu", i + 1);
    html_attr(html_text_el(ctx, html_el(ctx, sub, "li", NULL), "a", NULL, p->reports[i]->service),
              "href", href);
  }
  html_attr(
      html_text_el(ctx, html_el(ctx, ol, "li", NULL), "a", NULL, html_msg(ctx, "heading.sources")),
      "href", "#sources");
  html_emit(ctx, nav);
}

/* The portfolio summary: an introduction, key figures, the services table. */
static void summary(html_ctx *ctx) {
  html_node *sec = html_el(ctx, NULL, "section", "view portfolio-view");
  html_attr(sec, "id", "portfolio");
  html_text_el(ctx, sec, "h2", NULL, html_msg(ctx, "heading.portfolio"));
  html_text_el(ctx, sec, "p", "lead", html_msg(ctx, "text.portfolio_intro"));
  portfolio_figures(ctx, sec);
  html_open(ctx, sec);
  for (size_t first = 0; first < ctx->portfolio->report_count && !ctx->failed;) {
    size_t end = first + HTML_REPORT_TABLE_CHUNK;
    if (end > ctx->portfolio->report_count) end = ctx->portfolio->report_count;
    html_emit(ctx, services_table(ctx, first, end));
    first = end;
  }
  html_close(ctx, "section");
}

/* The cell of a plan's file; on slides a zero-width space (U+200B) after
 * each slash, so that a long path breaks between its folders, never inside
 * a name (libxml2 would write a <wbr> with an end tag). */
static void file_cell(html_ctx *ctx, html_node *tr, const char *path) {
  char text[2048];
  size_t n = 0;
  for (const char *p = path ? path : ""; *p && n + 4 < sizeof text && ctx->slides; p++) {
    text[n++] = *p;
    if (*p == '/' && p[1]) n += (size_t)snprintf(text + n, sizeof text - n, "\xE2\x80\x8B");
  }
  text[n] = '\0';
  html_text_el(ctx, tr, "td", "file", ctx->slides && path ? text : path);
}

/* The sources of plans [first, end): each plan file with its full SHA-256
 * (and the compared file of each comparison), as a table. */
static html_node *sources_table(html_ctx *ctx, size_t first, size_t end) {
  const bd_portfolio *p = ctx->portfolio;
  html_node *table = html_el(ctx, NULL, "table", "data sources");
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  head_cell(ctx, tr, "column.service", "col-name");
  head_cell(ctx, tr, "column.file", NULL);
  head_cell(ctx, tr, "column.sha256", NULL);
  html_node *tbody = html_el(ctx, table, "tbody", NULL);
  for (size_t i = first; i < end; i++) {
    const bd_report *r = p->reports[i];
    const bd_comparison *c = html_comparison_of(r);
    for (int side = 0; side < (c ? 2 : 1); side++) {
      tr = html_el(ctx, tbody, "tr", side ? "compared" : NULL);
      html_node *th = html_el(ctx, tr, "th", "name");
      html_attr(th, "scope", "row");
      if (side) {
        char text[512];
        snprintf(text, sizeof text, "%s %s", html_msg(ctx, "text.changes_intro"),
                 c->period ? c->period : c->as_of);
        html_text_el(ctx, th, "span", "path", text);
      } else {
        html_add_text(ctx, th, r->service);
      }
      file_cell(ctx, tr, side ? c->source : r->source);
      html_text_el(ctx, html_el(ctx, tr, "td", NULL), "code", "sha",
                   side ? c->source_sha256 : r->source_sha256);
    }
  }
  return table;
}

/* The sources section of the report. */
static void sources(html_ctx *ctx) {
  html_node *sec = html_el(ctx, NULL, "section", "view portfolio-view");
  html_attr(sec, "id", "sources");
  html_text_el(ctx, sec, "h2", NULL, html_msg(ctx, "heading.sources"));
  html_add_child(sec, sources_table(ctx, 0, ctx->portfolio->report_count));
  html_emit(ctx, sec);
}

/* The header of service i: its name and plan line. */
static void service_head(html_ctx *ctx, size_t i) {
  char eyebrow[256];
  html_node *header = html_el(ctx, NULL, "header", "cover service-cover");
  snprintf(eyebrow, sizeof eyebrow, "%s %zu / %zu", html_msg(ctx, "column.service"), i + 1,
           ctx->portfolio->report_count);
  html_text_el(ctx, header, "p", "eyebrow", eyebrow);
  html_text_el(ctx, header, "h2", "service-name", ctx->r->service);
  html_plan_meta(ctx, header);
  html_emit(ctx, header);
}

/* Who made the page. */
static void footer(html_ctx *ctx) {
  char text[1024];
  snprintf(text, sizeof text, "%s badday %s \xC2\xB7 %s", html_msg(ctx, "text.generated_by"),
           ctx->host->version ? ctx->host->version : "", ctx->portfolio->as_of);
  html_emit(ctx, html_text_el(ctx, NULL, "footer", "page-foot", text));
}

void html_portfolio_report(html_ctx *ctx) {
  const bd_portfolio *p = ctx->portfolio;
  cover(ctx);
  contents(ctx);
  summary(ctx);
  sources(ctx);
  for (size_t i = 0; i < p->report_count && !ctx->failed; i++) {
    char id[32];
    snprintf(id, sizeof id, "svc-%zu", i + 1);
    html_enter_service(ctx, i);
    html_node *sec = html_el(ctx, NULL, "section", "service");
    html_attr(sec, "id", id);
    html_attr(sec, "aria-label", ctx->r->service);
    html_open(ctx, sec);
    service_head(ctx, i);
    html_report_service(ctx);
    html_close(ctx, "section");
  }
  html_leave_service(ctx);
  footer(ctx);
}

/* --- slides ------------------------------------------------------------------ */

/* Adds the portfolio's footer (title, period, page number) and writes the
 * slide. */
static void end_slide(html_ctx *ctx, html_node *slide) {
  char buf[64];
  html_node *foot = html_el(ctx, slide, "footer", "slide-foot");
  html_text_el(ctx, foot, "span", "foot-service", html_msg(ctx, "title.portfolio"));
  if (ctx->portfolio->period)
    html_text_el(ctx, foot, "span", "foot-period", ctx->portfolio->period);
  snprintf(buf, sizeof buf, "%d / %d", ctx->slide_no, ctx->slide_total);
  html_text_el(ctx, foot, "span", "foot-page", buf);
  html_emit(ctx, slide);
}

void html_portfolio_slide(html_ctx *ctx, const deck_slide *s) {
  html_node *slide, *body;
  switch (s->kind) {
  case DECK_SLIDE_PORTFOLIO_TITLE:
    body = html_slide_begin(ctx, &slide, "slide slide-title", NULL);
    html_attr(slide, "aria-label", html_msg(ctx, "title.portfolio"));
    html_text_el(ctx, body, "p", "eyebrow", html_msg(ctx, "title.slides"));
    html_text_el(ctx, body, "h1", NULL, html_msg(ctx, "title.portfolio"));
    portfolio_meta(ctx, body);
    break;
  case DECK_SLIDE_PORTFOLIO_FIGURES:
    body = html_slide_begin(ctx, &slide, "slide slide-figures slide-portfolio", s->heading);
    portfolio_figures(ctx, body);
    break;
  case DECK_SLIDE_SERVICES:
    body = html_slide_begin(ctx, &slide, "slide slide-services", s->heading);
    html_add_child(body, services_table(ctx, s->first, s->first + s->count));
    break;
  case DECK_SLIDE_SOURCES:
    body = html_slide_begin(ctx, &slide, "slide slide-sources", s->heading);
    html_add_child(body, sources_table(ctx, s->first, s->first + s->count));
    break;
  default:
    return;
  }
  end_slide(ctx, slide);
}
