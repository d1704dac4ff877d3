/*
 * pdf_portfolio.c - the portfolio's own pages when several plans are
 * rendered into one document (req->portfolio): a cover (the services, the
 * period, the latest as-of date and the contents, each service linked to
 * its part), then the portfolio summary: key figures, one row per service
 * (yearly loss now and planned, error budget used, coverage, verified
 * coverage, decisions needed and, with --compare, the yearly-loss
 * difference since the compared report) with a total row (money only when
 * every plan counts in one currency), and the Sources: each plan's file and
 * its full SHA-256.  Slides show the same as a title slide, a key-figures
 * slide, the services table and the sources, cut over slides as the slide
 * plan (plugins/deck) has them.  Every service's own sections follow (pdf.c).
 *
 * The summary is a list of items (cards, table heads, rows, sources) that
 * pagination cuts into pages; d->portfolio_starts keeps the first item of
 * every page.
 */
#include "pdf.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOT  "  \xc2\xb7  "
#define DASH "\xe2\x80\x94"

/* The kinds of item of the summary, in the order they come. */
typedef enum item_kind {
  IT_CARDS,        /* the key figures */
  IT_TABLE_HEAD,   /* heading, intro and the header row of the services */
  IT_ROW,          /* one service */
  IT_TOTAL,        /* the total row */
  IT_NOTE,         /* mixed currencies: why amounts are not summed */
  IT_SOURCES_HEAD, /* heading and header row of the sources */
  IT_SOURCE        /* one plan's file and SHA-256 */
} item_kind;

enum { COL_SERVICE, COL_NOW, COL_PLANNED, COL_BUDGET, COL_COVERAGE, COL_VERIFIED, COL_DECISIONS };
#define MAX_COLS 8 /* and the change since the compared report */

/* The summary being laid out or drawn. */
typedef struct summary {
  pdf_doc *d;
  const bd_portfolio *p;
  size_t n;        /* items */
  int has_changes; /* some service was compared (--compare) */
  pdf_col cols[MAX_COLS];
  size_t col_count;
  pdf_col src[3]; /* service, file, SHA-256 */
} summary;

/* Item i's kind and, for a row or source, its service into *service. */
static item_kind item_at(const summary *s, size_t i, size_t *service) {
  size_t n = s->p->report_count;
  *service = 0;
  if (i == 0) return IT_CARDS;
  if (i == 1) return IT_TABLE_HEAD;
  if (i < 2 + n) return *service = i - 2, IT_ROW;
  if (i == 2 + n) return IT_TOTAL;
  if (i == 3 + n) return IT_NOTE;
  if (i == 4 + n) return IT_SOURCES_HEAD;
  return *service = i - 5 - n, IT_SOURCE;
}

/* The comparison of plan i, or NULL. */
static const bd_comparison *comparison_of(const bd_report *r) {
  if (!BD_HAS(r, bd_report, comparison)) return NULL;
  return r->comparison;
}

/* A money amount in currency (NULL: "—", money that is not summed). */
static const char *money(pdf_doc *d, double v, const char *currency) {
  if (currency == NULL) return DASH;
  return pdf_money(d, v, currency, 0);
}

/* See pdf.h. */
const char *pdf_signed_amount(pdf_doc *d, double v, const char *currency) {
  double rounded = round(v);
  const char *number = pdf_money(d, fabs(rounded), currency ? currency : d->r->currency,
                                 currency ? 0 : BD_MONEY_BARE);
  char *buf = d->fmt[d->fmt_next++ % 8];
  const char *sign = rounded < 0 ? "\xe2\x88\x92" : rounded > 0 ? "+" : "";
  int code = (int)strcspn(number, "0123456789"); /* "USD " before the digits, if any */
  snprintf(buf, sizeof d->fmt[0], "%.*s%s%s", code, number, sign, number + code);
  return buf;
}

/* The cell of column c for service i (or the total row when i is n). */
static const char *cell(summary *s, size_t c, size_t i) {
  pdf_doc *d = s->d;
  const bd_portfolio *p = s->p;
  char *buf = d->fmt[d->fmt_next++ % 8];
  if (i == p->report_count) { /* the total */
    switch (c) {
    case COL_SERVICE:
      return pdf_msg(d, "column.total");
    case COL_NOW:
      return money(d, p->eal[BD_STATE_CURRENT], p->currency);
    case COL_PLANNED:
      return money(d, p->eal[BD_STATE_PLANNED], p->currency);
    case COL_BUDGET:
      return "";
    case COL_COVERAGE:
      return pdf_share(d, p->coverage);
    case COL_VERIFIED:
      return pdf_share(d, p->verified_coverage);
    case COL_DECISIONS:
      snprintf(buf, sizeof d->fmt[0], "%zu", p->decision_count);
      return buf;
    default: {
      double sum = 0;
      for (size_t k = 0; k < p->report_count; k++) {
        const bd_comparison *cmp = comparison_of(p->reports[k]);
        if (cmp == NULL) return DASH;
        sum += cmp->eal_after - cmp->eal_before;
      }
      return p->currency ? pdf_signed_amount(d, sum, p->currency) : DASH;
    }
    }
  }
  const bd_report *r = p->reports[i];
  switch (c) {
  case COL_SERVICE:
    return r->service;
  case COL_NOW:
    return money(d, r->totals[BD_STATE_CURRENT]->eal, r->currency);
  case COL_PLANNED:
    return money(d, r->totals[BD_STATE_PLANNED]->eal, r->currency);
  case COL_BUDGET:
    return r->has_error_budget ? pdf_share(d, r->totals[BD_STATE_CURRENT]->budget_used)
                               : pdf_msg(d, "figure.no_slo");
  case COL_COVERAGE:
    return pdf_share(d, r->coverage);
  case COL_VERIFIED:
    return pdf_share(d, r->verified_coverage);
  case COL_DECISIONS:
    snprintf(buf, sizeof d->fmt[0], "%zu", r->decision_count);
    return buf;
  default: {
    const bd_comparison *cmp = comparison_of(r);
    return cmp ? pdf_signed_amount(d, cmp->eal_after - cmp->eal_before, r->currency) : DASH;
  }
  }
}

/* Lays out the columns of both tables. */
static void summary_open(pdf_doc *d, summary *s) {
  memset(s, 0, sizeof *s);
  s->d = d;
  s->p = d->portfolio;
  s->n = 2 * s->p->report_count + 5;
  for (size_t i = 0; i < s->p->report_count; i++)
    if (comparison_of(s->p->reports[i])) s->has_changes = 1;
  static const char *const keys[MAX_COLS] = {
      "column.service",  "column.current",           "column.planned",   "column.budget_used",
      "column.coverage", "column.verified_coverage", "column.decisions", "column.difference"};
  s->col_count = s->has_changes ? MAX_COLS : MAX_COLS - 1;
  for (size_t c = 0; c < s->col_count; c++) {
    const char *label = pdf_msg(d, keys[c]);
    double w = 0;
    if (c != COL_SERVICE) {
      w = pdf_col_width(d, NULL, label);
      for (size_t i = 0; i <= s->p->report_count; i++) {
        double x = pdf_col_width(d, cell(s, c, i), NULL);
        if (x > w) w = x;
      }
    }
    s->cols[c] = (pdf_col){label, w, c == COL_SERVICE ? PDF_ALIGN_LEFT : PDF_ALIGN_RIGHT, 0};
  }
  pdf_cols_place(s->cols, s->col_count, d->x0, d->x1);
  /* the SHA-256 on one line when it can take up to two thirds of the width */
  double sha =
      pdf_text_width(d->text, "8888888888888888888888888888888888888888888888888888888888888888",
                     d->f_small) +
      2 * d->pad + 1;
  if (sha > (d->x1 - d->x0) * 0.66) sha = (d->x1 - d->x0) * 0.66;
  s->src[0] = (pdf_col){pdf_msg(d, "column.service"), 0, PDF_ALIGN_LEFT, 0};
  s->src[1] = (pdf_col){pdf_msg(d, "column.file"), 0, PDF_ALIGN_LEFT, 0};
  s->src[2] = (pdf_col){pdf_msg(d, "column.sha256"), sha, PDF_ALIGN_LEFT, 0};
  pdf_cols_place(s->src, 3, d->x0, d->x1);
}

/* A section heading inside the summary. */
static pdf_font heading_font(const pdf_doc *d) {
  return d->slides ? (pdf_font){20, 1} : (pdf_font){10.5, 1};
}

/* The height of item i. */
static double item_height(void *ctx, size_t i) {
  summary *s = ctx;
  pdf_doc *d = s->d;
  size_t k;
  /* slides: the page title is the heading */
  double gap = d->slides ? 16 : 14,
         head = d->slides ? 0 : pdf_text_line_height(heading_font(d)) + 4;
  switch (item_at(s, i, &k)) {
  case IT_CARDS:
    return pdf_cards_height(d, 6, 3) + gap;
  case IT_TABLE_HEAD:
    return head +
           pdf_text_line_count(d->text, pdf_msg(d, "text.portfolio_intro"), d->f_subtitle,
                               d->x1 - d->x0, 3) *
               pdf_text_line_height(d->f_subtitle) +
           2 * d->pad + pdf_cols_header_height(d, s->cols, s->col_count);
  case IT_ROW: {
    int lines = pdf_text_line_count(d->text, cell(s, COL_SERVICE, k), d->f_cell_bold,
                                    s->cols[COL_SERVICE].w - 2 * d->pad, 2);
    return pdf_row_height(d, d->f_cell, lines);
  }
  case IT_TOTAL:
    return pdf_row_height(d, d->f_cell_bold, 1) + 2;
  case IT_NOTE:
    if (s->p->currency) return gap;
    return pdf_text_line_count(d->text, pdf_msg(d, "text.mixed_currencies"), d->f_subtitle,
                               d->x1 - d->x0, 3) *
               pdf_text_line_height(d->f_subtitle) +
           2 * d->pad + gap;
  case IT_SOURCES_HEAD:
    return head + pdf_cols_header_height(d, s->src, 3);
  case IT_SOURCE: {
    const bd_report *r = s->p->reports[k];
    int a = pdf_text_line_count(d->text, r->service, d->f_cell, s->src[0].w - 2 * d->pad, 2);
    int b = pdf_text_line_count(d->text, r->source, d->f_cell, s->src[1].w - 2 * d->pad, 3);
    int c = pdf_text_line_count(d->text, r->source_sha256 ? r->source_sha256 : DASH, d->f_small,
                                s->src[2].w - 2 * d->pad, 3);
    double h = (a > b ? a : b) * pdf_text_line_height(d->f_cell);
    if (c * pdf_text_line_height(d->f_small) > h) h = c * pdf_text_line_height(d->f_small);
    return h + 2 * d->pad;
  }
  }
  return 0;
}

/* The page title of a summary page that starts at item first. */
static const char *page_title(summary *s, size_t first) {
  size_t k;
  item_kind kind = item_at(s, first, &k);
  if (!s->d->slides || kind == IT_CARDS) return pdf_msg(s->d, "heading.portfolio");
  return pdf_msg(s->d, kind >= IT_SOURCES_HEAD ? "heading.sources" : "heading.services");
}

/* 1 when a page starting at item first continues the previous one. */
static int page_continues(summary *s, size_t first) {
  size_t k;
  item_kind kind = item_at(s, first, &k);
  if (!s->d->slides) return first > 0;
  return kind != IT_CARDS && kind != IT_TABLE_HEAD && kind != IT_SOURCES_HEAD;
}

/* See pdf.h. */
size_t pdf_portfolio_paginate(pdf_doc *d) {
  if (d->portfolio == NULL) return 0;
  summary s;
  summary_open(d, &s);
  size_t cap = s.n, count = 0;
  d->portfolio_starts = malloc(cap * sizeof *d->portfolio_starts);
  if (d->portfolio_starts == NULL) return (size_t)-1;
  size_t planned[3];
  const deck_slide *plan[3] = {pdf_deck_view(d, DECK_SLIDE_PORTFOLIO_FIGURES, 0, &planned[0]),
                               pdf_deck_view(d, DECK_SLIDE_SERVICES, 0, &planned[1]),
                               pdf_deck_view(d, DECK_SLIDE_SOURCES, 0, &planned[2])};
  if (plan[0]) { /* slides: the slide plan's cut (items: cards, head, rows, ..., sources) */
    size_t n = s.p->report_count;
    for (size_t v = 0; v < 3; v++)
      for (size_t k = 0; k < planned[v] && count < cap; k++)
        d->portfolio_starts[count++] = v == 0   ? 0
                                       : v == 1 ? (k == 0 ? 1 : 2 + plan[v][k].first)
                                                : (k == 0 ? 4 + n : 5 + n + plan[v][k].first);
  }
  double left = 0;
  for (size_t i = 0; i < s.n && plan[0] == NULL; i++) { /* the report's pages */
    size_t k;
    item_kind kind = item_at(&s, i, &k);
    double h = item_height(&s, i);
    /* a head keeps its first row with it */
    double need = kind == IT_TABLE_HEAD || kind == IT_SOURCES_HEAD ? h + item_height(&s, i + 1) : h;
    if (count == 0 || need > left) {
      d->portfolio_starts[count++] = i;
      left = d->y1 - pdf_page_content_top(d, page_title(&s, i), page_continues(&s, i));
    }
    left -= h;
  }
  d->portfolio_first = d->pages + 2;
  d->portfolio_pages = (int)count;
  d->pages += 1 + (int)count;
  return 1 + count;
}

/* Draws the heading of a part of the summary at y; returns its height. */
static double heading(pdf_doc *d, const char *text, double y) {
  pdf_font f = heading_font(d);
  pdf_draw(d, text, f, BD_COLOR_ACCENT, d->x0, y, d->x1 - d->x0, 1, PDF_ALIGN_LEFT);
  return pdf_text_line_height(f) + 4;
}

/* The six key figures of the portfolio into cards; returns how many. */
static int fill_cards(pdf_doc *d, const bd_portfolio *p, pdf_card *c) {
  int n = 0;
  char base[64];
  const char *cur = p->currency;
  c[n] = (pdf_card){pdf_msg(d, "figure.yearly_loss_now"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%s", money(d, p->eal[BD_STATE_CURRENT], cur));
  snprintf(base, sizeof base, "%s", money(d, p->eal[BD_STATE_BASELINE], cur));
  if (cur)
    snprintf(c[n].note, sizeof c[n].note, "%s: %s", pdf_msg(d, "state.baseline"), base);
  else
    snprintf(c[n].note, sizeof c[n].note, "%s", pdf_msg(d, "text.mixed_currencies"));
  /* the proven state summed over the plans, and the loss resting on
   * untested measures (proven - now), worded as on a plan's card */
  if (cur && BD_HAS(p, bd_portfolio, eal_proven)) {
    size_t used = strlen(c[n].note);
    char proven[64];
    snprintf(proven, sizeof proven, "%s", money(d, p->eal_proven, cur));
    snprintf(c[n].note + used, sizeof c[n].note - used, "\n%s: %s\n%s: %s",
             pdf_msg(d, "figure.proven"), proven,
             pdf_msg(d, d->slides ? "figure.untested_short" : "figure.untested_loss"),
             money(d, p->eal_proven - p->eal[BD_STATE_CURRENT], cur));
  }
  n++;
  c[n] = (pdf_card){pdf_msg(d, "figure.yearly_loss_planned"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%s", money(d, p->eal[BD_STATE_PLANNED], cur));
  snprintf(c[n].note, sizeof c[n].note, "%s", pdf_msg(d, "figure.note_planned"));
  n++;
  c[n] = (pdf_card){pdf_msg(d, "figure.services"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%zu", p->report_count);
  snprintf(c[n].note, sizeof c[n].note, "%s%s%s %s", p->period ? p->period : "",
           p->period ? DOT : "", pdf_msg(d, "meta.as_of"), p->as_of ? p->as_of : "");
  n++;
  c[n] = (pdf_card){pdf_msg(d, "figure.scenarios"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%zu", p->scenario_count);
  n++;
  pdf_coverage_card(d, &c[n++], p->coverage, p->verified_coverage);
  pdf_decisions_card(d, &c[n++], p->decision_count, p->scenario_count);
  return n;
}

/* Draws item i at y; returns its height. */
static double draw_item(summary *s, size_t i, double y) {
  pdf_doc *d = s->d;
  const bd_portfolio *p = s->p;
  size_t k;
  double h = item_height(s, i);
  item_kind kind = item_at(s, i, &k);
  switch (kind) {
  case IT_CARDS: {
    pdf_card cards[6];
    int n = fill_cards(d, p, cards);
    pdf_cards(d, cards, n, d->x0, y, d->x1 - d->x0, 3);
    break;
  }
  case IT_TABLE_HEAD:
    if (!d->slides) y += heading(d, pdf_msg(d, "heading.services"), y);
    y += pdf_draw(d, pdf_msg(d, "text.portfolio_intro"), d->f_subtitle, BD_COLOR_MUTED, d->x0, y,
                  d->x1 - d->x0, 3, PDF_ALIGN_LEFT) *
             pdf_text_line_height(d->f_subtitle) +
         2 * d->pad;
    pdf_cols_header(d, s->cols, s->col_count, y);
    break;
  case IT_ROW:
  case IT_TOTAL: {
    int total = kind == IT_TOTAL;
    size_t row = total ? p->report_count : k;
    if (total) {
      pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, h - 2, PDF_COLOR_GROUP);
      pdf_hrule(d, d->x0, d->x1, y, 0.8, PDF_COLOR_RULE_STRONG);
    } else if (k % 2) {
      pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, h, PDF_COLOR_ZEBRA);
    }
    for (size_t c = 0; c < s->col_count; c++) {
      const bd_report *r = total ? NULL : p->reports[k];
      uint32_t rgb = c == COL_SERVICE && !total ? BD_COLOR_ACCENT : BD_COLOR_TEXT;
      if (c == COL_BUDGET && r && !r->has_error_budget) rgb = BD_COLOR_MUTED;
      if (c == COL_BUDGET && r && r->totals[BD_STATE_CURRENT]->budget_used > 1)
        rgb = BD_COLOR_CELL_FAILING;
      pdf_font f = total || c == COL_NOW || c == COL_SERVICE ? d->f_cell_bold : d->f_cell;
      pdf_cell(d, &s->cols[c], cell(s, c, row), f, rgb, y, c == COL_SERVICE ? 2 : 1);
    }
    if (!total) {
      pdf_link(d, d->x0, y, d->x1 - d->x0, h, pdf_plan_first_page(d, k));
      pdf_hrule(d, d->x0, d->x1, y + h, 0.4, PDF_COLOR_RULE);
    }
    break;
  }
  case IT_NOTE:
    if (!p->currency)
      pdf_draw(d, pdf_msg(d, "text.mixed_currencies"), d->f_subtitle, BD_COLOR_TEXT, d->x0,
               y + d->pad, d->x1 - d->x0, 3, PDF_ALIGN_LEFT);
    break;
  case IT_SOURCES_HEAD:
    if (!d->slides) y += heading(d, pdf_msg(d, "heading.sources"), y);
    pdf_cols_header(d, s->src, 3, y);
    break;
  case IT_SOURCE: {
    const bd_report *r = p->reports[k];
    pdf_cell(d, &s->src[0], r->service, d->f_cell, BD_COLOR_TEXT, y, 2);
    pdf_cell(d, &s->src[1], r->source, d->f_cell, BD_COLOR_TEXT, y, 3);
    pdf_cell(d, &s->src[2], r->source_sha256 ? r->source_sha256 : DASH, d->f_small, BD_COLOR_TEXT,
             y, 3);
    pdf_hrule(d, d->x0, d->x1, y + h, 0.4, PDF_COLOR_RULE);
    break;
  }
  }
  return h;
}

/* Draws the label-over-value pairs of the cover from y; returns the height. */
static double meta_grid(pdf_doc *d, const bd_portfolio *p, double y) {
  char services[32];
  snprintf(services, sizeof services, "%zu", p->report_count);
  const char *labels[4], *values[4];
  int n = 0;
  if (p->period) labels[n] = pdf_msg(d, "meta.period"), values[n++] = p->period;
  labels[n] = pdf_msg(d, "meta.as_of"), values[n++] = p->as_of ? p->as_of : "";
  labels[n] = pdf_msg(d, "figure.services"), values[n++] = services;
  labels[n] = pdf_msg(d, "meta.currency"), values[n++] = p->currency ? p->currency : DASH;
  pdf_font lf = {7.5, 0}, vf = {10.5, 0};
  double w = (d->x1 - d->x0) / n;
  for (int i = 0; i < n; i++) {
    pdf_draw(d, labels[i], lf, BD_COLOR_MUTED, d->x0 + i * w, y, w - 8, 1, PDF_ALIGN_LEFT);
    pdf_draw(d, values[i], vf, BD_COLOR_TEXT, d->x0 + i * w, y + pdf_text_line_height(lf), w - 8, 1,
             PDF_ALIGN_LEFT);
  }
  return pdf_text_line_height(lf) + pdf_text_line_height(vf);
}

/* The names of the services, joined by dots, into buf. */
static const char *service_names(const bd_portfolio *p, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < p->report_count && len + 1 < size; i++) {
    int n = snprintf(buf + len, size - len, "%s%s", i ? DOT : "", p->reports[i]->service);
    if (n < 0) break;
    len += (size_t)n < size - len ? (size_t)n : size - len - 1;
  }
  return buf;
}

/* Draws one line of the contents: a label and its page, linked; returns its height. */
static double contents_line(pdf_doc *d, const char *label, int page, pdf_font f, double y) {
  double lh = pdf_text_line_height(f) + 3.5, w = (d->x1 - d->x0) * 0.55;
  char num[32];
  snprintf(num, sizeof num, "%d", page);
  pdf_draw(d, label, f, BD_COLOR_TEXT, d->x0, y, w - 40, 1, PDF_ALIGN_LEFT);
  pdf_draw(d, num, f, BD_COLOR_MUTED, d->x0 + w - 40, y, 40, 1, PDF_ALIGN_RIGHT);
  pdf_hrule(d, d->x0, d->x0 + w, y + lh - 1.5, 0.4, PDF_COLOR_RULE);
  pdf_link(d, d->x0, y, w, lh, page);
  return lh;
}

/* Draws the report cover: the services, the portfolio's header and the contents. */
static int cover_draw(pdf_doc *d) {
  const bd_portfolio *p = d->portfolio;
  char names[2048];
  double y = pdf_page_begin(d, NULL, 0) + 36;
  pdf_font eyebrow = {10, 1}, title = {26, 1}, f = {9.5, 0}, hf = {10.5, 1};
  pdf_draw(d, pdf_msg(d, "title.portfolio"), eyebrow, BD_COLOR_ACCENT, d->x0, y, d->x1 - d->x0, 1,
           0);
  y += pdf_text_line_height(eyebrow) + 6;
  y += pdf_draw(d, service_names(p, names, sizeof names), title, BD_COLOR_TEXT, d->x0, y,
                d->x1 - d->x0, 3, 0) *
           pdf_text_line_height(title) +
       14;
  y += meta_grid(d, p, y) + 16;
  pdf_hrule(d, d->x0, d->x1, y, 0.8, PDF_COLOR_RULE);
  y += 18;
  pdf_draw(d, pdf_msg(d, "heading.contents"), hf, BD_COLOR_ACCENT, d->x0, y, d->x1 - d->x0, 1, 0);
  y += pdf_text_line_height(hf) + 4;
  y += contents_line(d, pdf_msg(d, "heading.portfolio"), d->portfolio_first, f, y);
  double lh = pdf_text_line_height(f) + 3.5, bottom = d->y1 - 2 * lh;
  for (size_t i = 0; i < p->report_count; i++) {
    if (y + lh > bottom && i + 1 < p->report_count) {
      char more[128];
      snprintf(more, sizeof more, "+ %zu \xe2\x86\x92 %s", p->report_count - i,
               pdf_msg(d, "heading.portfolio"));
      pdf_draw(d, more, d->f_small, BD_COLOR_ACCENT, d->x0, y + 2, 0, 1, 0);
      pdf_link(d, d->x0, y, 200, lh, d->portfolio_first);
      break;
    }
    y += contents_line(d, p->reports[i]->service, pdf_plan_first_page(d, i), f, y);
  }
  char gen[128];
  snprintf(gen, sizeof gen, "%s badday %s", pdf_msg(d, "text.generated_by"), d->host->version);
  pdf_draw(d, gen, d->f_frame, BD_COLOR_MUTED, d->x0, d->y1 - pdf_text_line_height(d->f_frame),
           d->x1 - d->x0, 1, 0);
  return pdf_page_end(d);
}

/* Draws the title slide of the portfolio. */
static int title_slide_draw(pdf_doc *d) {
  const bd_portfolio *p = d->portfolio;
  char names[2048], line[512];
  pdf_page_begin(d, NULL, 0);
  pdf_fill(d, PDF_LAYER_BASE, 0, 0, 18, d->h, BD_COLOR_ACCENT);
  pdf_font eyebrow = {24, 1}, title = {52, 1}, meta = {24, 0};
  double y = d->h * 0.22;
  pdf_draw(d, pdf_msg(d, "title.slides"), eyebrow, BD_COLOR_ACCENT, d->x0, y, d->x1 - d->x0, 1, 0);
  y += pdf_text_line_height(eyebrow) + 10;
  y += pdf_draw(d, pdf_msg(d, "title.portfolio"), title, BD_COLOR_TEXT, d->x0, y, d->x1 - d->x0, 2,
                0) *
           pdf_text_line_height(title) +
       20;
  pdf_hrule(d, d->x0, d->x0 + 140, y, 3, BD_COLOR_ACCENT);
  y += 26;
  snprintf(line, sizeof line, "%s%s%s %s" DOT "%s: %zu", p->period ? p->period : "",
           p->period ? DOT : "", pdf_msg(d, "meta.as_of"), p->as_of ? p->as_of : "",
           pdf_msg(d, "figure.services"), p->report_count);
  y += pdf_draw(d, line, meta, BD_COLOR_MUTED, d->x0, y, d->x1 - d->x0, 2, 0) *
           pdf_text_line_height(meta) +
       8;
  pdf_draw(d, service_names(p, names, sizeof names), meta, BD_COLOR_TEXT, d->x0, y, d->x1 - d->x0,
           2, 0);
  return pdf_page_end(d);
}

/* Adds an outline entry pointing at the top of page; returns its id. */
static int outline(pdf_doc *d, int parent, const char *name, int page) {
  char attrs[64];
  snprintf(attrs, sizeof attrs, "page=%d pos=[0 0]", page);
  return cairo_pdf_surface_add_outline(d->surface, parent, name, attrs, 0);
}

/* See pdf.h. */
int pdf_portfolio_outline(pdf_doc *d) {
  if (d->portfolio == NULL) return CAIRO_PDF_OUTLINE_ROOT;
  return outline(d, CAIRO_PDF_OUTLINE_ROOT, d->r->service, d->ps->section_first[PDF_SEC_COVER]);
}

/* See pdf.h. */
int pdf_portfolio_draw(pdf_doc *d) {
  if (d->portfolio == NULL) return 0;
  pdf_plan_enter(d, 0);
  d->on_portfolio = 1;
  outline(d, CAIRO_PDF_OUTLINE_ROOT, pdf_msg(d, "title.portfolio"), d->portfolio_first - 1);
  outline(d, CAIRO_PDF_OUTLINE_ROOT, pdf_msg(d, "heading.portfolio"), d->portfolio_first);
  d->running = NULL;
  int rc = d->slides ? title_slide_draw(d) : cover_draw(d);
  summary s;
  summary_open(d, &s);
  d->running = pdf_msg(d, "heading.portfolio");
  for (int pg = 0; pg < d->portfolio_pages && rc == 0; pg++) {
    size_t first = d->portfolio_starts[pg];
    size_t end = pg + 1 < d->portfolio_pages ? d->portfolio_starts[pg + 1] : s.n;
    double y = d->deck ? pdf_page_begin(d, d->deck->slides[d->page].heading, 0)
                       : pdf_page_begin(d, page_title(&s, first), page_continues(&s, first));
    for (size_t i = first; i < end; i++) y += draw_item(&s, i, y);
    rc = pdf_page_end(d);
  }
  d->on_portfolio = 0;
  d->running = NULL;
  pdf_plan_leave(d, 0);
  return rc;
}

/* See pdf.h. */
void pdf_portfolio_metadata(pdf_doc *d) {
  const bd_portfolio *p = d->portfolio;
  if (p == NULL) return;
  char buf[4096];
  if (p->period)
    snprintf(buf, sizeof buf, "%s \xe2\x80\x94 %s", pdf_msg(d, "title.portfolio"), p->period);
  else
    snprintf(buf, sizeof buf, "%s", pdf_msg(d, "title.portfolio"));
  cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, buf);
  /* the owners, each once */
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < p->report_count; i++) {
    const char *owner = p->reports[i]->owner;
    int seen = 0;
    for (size_t j = 0; owner && j < i; j++)
      if (p->reports[j]->owner && strcmp(p->reports[j]->owner, owner) == 0) seen = 1;
    if (owner == NULL || seen || len + strlen(owner) + 3 >= sizeof buf) continue;
    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? ", " : "", owner);
  }
  if (len) cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_AUTHOR, buf);
  /* traceability: every plan this archive copy was made from */
  int n = snprintf(buf, sizeof buf, "badday; as_of %s; plan sha256", p->as_of ? p->as_of : "");
  for (size_t i = 0; i < p->report_count && n > 0 && (size_t)n < sizeof buf; i++) {
    const char *sha = p->reports[i]->source_sha256;
    n += snprintf(buf + n, sizeof buf - (size_t)n, "%s %s", i ? "," : "", sha ? sha : "-");
  }
  cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_KEYWORDS, buf);
}
