/*
 * html_changes.c - "What changed" since an earlier report of the same
 * service (--compare): where the comparison came from, key figures (the
 * yearly loss before and now with its signed difference, how many
 * scenarios are new, removed and changed), a table of every scenario that
 * is not unchanged, and how many are.  The report shows it as a section
 * right after the summary, the slides as one slide or more after the key
 * figures.  Differences carry a + or − sign (U+2212) and a word, so colour
 * only adds to what the text says.  The figures are the core's
 * (bd_comparison); this file only formats and places them.
 */
#include "html_portfolio.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Changed scenarios on the first "What changed" slide (under the key
 * figures) and on each further one. */
#define HTML_SLIDE_CHANGE_FIRST_ROWS 4
#define HTML_SLIDE_CHANGE_MORE_ROWS  7

#define MINUS "\xE2\x88\x92" /* U+2212, the minus sign */
#define ARROW "\xE2\x86\x92" /* U+2192 */
#define DASH  "\xE2\x80\x94" /* U+2014, for an absent side */

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

/* Number of scenarios the table lists: those that are not unchanged. */
static size_t listed(const bd_comparison *c) {
  return c->added + c->removed + c->changed;
}

/* Number of scenarios in both reports with nothing changed. */
static size_t unchanged(const bd_comparison *c) {
  size_t n = 0;
  for (size_t i = 0; i < c->scenario_count; i++)
    if (c->scenarios[i]->change == BD_CHANGE_UNCHANGED) n++;
  return n;
}

/* "N scenarios unchanged" into buf. */
static const char *unchanged_text(const html_ctx *ctx, const bd_comparison *c, char *buf,
                                  size_t size) {
  size_t n = unchanged(c);
  snprintf(buf, size, "%zu %s", n,
           html_msg(ctx, n == 1 ? "text.unchanged_one" : "text.unchanged_count"));
  return buf;
}

/* "Compared with FILE (Period P · As of D)" as a paragraph of parent. */
static void compared_with(html_ctx *ctx, html_node *parent, const bd_comparison *c) {
  char when[256];
  html_node *p = html_el(ctx, parent, "p", "lead compared");
  html_add_text(ctx, p, html_msg(ctx, "text.changes_intro"));
  html_add_text(ctx, p, " ");
  html_text_el(ctx, p, "span", "file", c->source);
  if (c->period)
    snprintf(when, sizeof when, " (%s %s \xC2\xB7 %s %s)", html_msg(ctx, "meta.period"), c->period,
             html_msg(ctx, "meta.as_of"), c->as_of ? c->as_of : "");
  else
    snprintf(when, sizeof when, " (%s %s)", html_msg(ctx, "meta.as_of"), c->as_of ? c->as_of : "");
  html_add_text(ctx, p, when);
  if (c->source_sha256 && !ctx->slides) {
    html_node *sha = html_el(ctx, parent, "p", "source-sha");
    html_text_el(ctx, sha, "span", "sha-label", html_msg(ctx, "text.source_sha256"));
    html_add_text(ctx, sha, " ");
    html_text_el(ctx, sha, "code", "sha", c->source_sha256);
  }
}

/* The key figures: yearly loss change, new, removed, changed. */
static void change_figures(html_ctx *ctx, html_node *parent, const bd_comparison *c) {
  char v[64], exact[64], a[64], b[64], note[512];
  double d = c->eal_after - c->eal_before;
  html_node *grid = html_el(ctx, parent, "div", "key-figures change-figures");
  html_signed_amount(ctx, d, 1, v, sizeof v);
  snprintf(note, sizeof note, "%s " ARROW " %s", html_amount(ctx, c->eal_before, 1, 0, a, sizeof a),
           html_amount(ctx, c->eal_after, 1, 0, b, sizeof b));
  html_figure_card(ctx, grid,
                   round(d) > 0   ? "figure figure-change diff-up attention"
                   : round(d) < 0 ? "figure figure-change diff-down"
                                  : "figure figure-change",
                   html_msg(ctx, "figure.loss_change"), v, v, note);
  snprintf(v, sizeof v, "%zu", c->added);
  html_figure_card(ctx, grid, "figure figure-added", html_msg(ctx, "figure.added"), v, v, NULL);
  snprintf(v, sizeof v, "%zu", c->removed);
  html_figure_card(ctx, grid, "figure figure-removed", html_msg(ctx, "figure.removed"), v, v, NULL);
  snprintf(v, sizeof v, "%zu", c->changed);
  snprintf(exact, sizeof exact, "%zu / %zu", c->changed, c->scenario_count);
  /* the report says how many are unchanged under the table; a slide here */
  html_figure_card(ctx, grid, "figure figure-changed", html_msg(ctx, "figure.changed"), v, exact,
                   ctx->slides ? unchanged_text(ctx, c, note, sizeof note) : NULL);
}

/* Adds a column header with label `key` and class cls. */
static void head_cell(html_ctx *ctx, html_node *tr, const char *key, const char *cls) {
  html_attr(html_text_el(ctx, tr, "th", cls, html_msg(ctx, key)), "scope", "col");
}

/* An amount cell, or a muted dash when this side is absent. */
static void amount_or_dash(html_ctx *ctx, html_node *tr, int present, double v, const char *cls) {
  if (present)
    html_amount_cell(ctx, tr, v, 0, cls);
  else
    html_text_el(ctx, tr, "td", "num muted absent", DASH);
}

/* The change badge: a mark and the word, so colour is never the only cue. */
static void change_badge(html_ctx *ctx, html_node *td, bd_change change) {
  static const char *const marks[] = {"=", "+", MINUS, "\xCE\x94"}; /* Δ */
  char cls[48];
  snprintf(cls, sizeof cls, "badge change-%s", bd_change_name(change));
  html_node *b = html_el(ctx, td, "span", cls);
  html_text_el(ctx, b, "span", "change-mark", (unsigned)change < 4 ? marks[change] : "?");
  html_add_text(ctx, b, " ");
  html_add_text(ctx, b, html_enum_label(ctx, "change", bd_change_name(change)));
}

/* "before → after" of two labels (the before one muted); one label when
 * only one side is present or both are the same. */
static void before_after(html_ctx *ctx, html_node *parent, const char *before, const char *after) {
  if (before && after && strcmp(before, after) != 0) {
    html_text_el(ctx, parent, "span", "before", before);
    html_text_el(ctx, parent, "span", "arrow", " " ARROW " ");
    html_text_el(ctx, parent, "span", "after", after);
  } else {
    html_add_text(ctx, parent, after ? after : before);
  }
}

/* The row of one scenario delta. */
static void delta_row(html_ctx *ctx, html_node *tbody, const bd_scenario_delta *d) {
  int has_before = d->change != BD_CHANGE_ADDED, has_after = d->change != BD_CHANGE_REMOVED;
  char buf[64], exact[64];
  char cls[48];
  snprintf(cls, sizeof cls, "delta delta-%s", bd_change_name(d->change));
  html_node *tr = html_el(ctx, tbody, "tr", cls);
  html_node *th = html_el(ctx, tr, "th", "name");
  html_attr(th, "scope", "row");
  html_text_el(ctx, th, "div", "title", d->title ? d->title : d->id);
  html_text_el(ctx, th, "div", "path scenario-id", d->id);
  if (ctx->slides) html_attr(th, "title", d->title ? d->title : d->id);
  change_badge(ctx, html_el(ctx, tr, "td", "change"), d->change);
  amount_or_dash(ctx, tr, has_before, d->eal_before, "num");
  amount_or_dash(ctx, tr, has_after, d->eal_after, "num strong");
  double diff = d->eal_after - d->eal_before;
  html_node *td = html_text_el(ctx, tr, "td", html_diff_class(diff),
                               html_signed_amount(ctx, diff, 0, buf, sizeof buf));
  html_attr(td, "title", html_signed_amount(ctx, diff, 1, exact, sizeof exact));

  html_node *dec = html_el(ctx, tr, "td", d->decision_changed ? "decision changed" : "decision");
  before_after(
      ctx, dec,
      has_before ? html_enum_label(ctx, "decision", bd_decision_name(d->decision_before)) : NULL,
      has_after ? html_enum_label(ctx, "decision", bd_decision_name(d->decision_after)) : NULL);

  html_node *cov = html_el(ctx, tr, "td", "coverage-changes");
  if (d->changed_cells == 0) {
    html_text_el(ctx, cov, "span", "muted", DASH);
    return;
  }
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    if (!(d->changed_cells & (1u << k))) continue;
    char label[128];
    html_node *line = html_el(ctx, cov, "div", "cell-change");
    snprintf(label, sizeof label, "%s: ", html_enum_label(ctx, "kind", bd_kind_name((bd_kind)k)));
    html_text_el(ctx, line, "span", "kind-label", label);
    before_after(ctx, line, html_enum_label(ctx, "cell", bd_cell_name(d->coverage_before[k])),
                 html_enum_label(ctx, "cell", bd_cell_name(d->coverage_after[k])));
  }
}

/* Adds up to `count` listed rows to tbody, from delta *pos on; advances *pos. */
static void delta_rows(html_ctx *ctx, html_node *tbody, const bd_comparison *c, size_t *pos,
                       size_t count) {
  for (size_t added = 0; *pos < c->scenario_count && added < count; (*pos)++) {
    if (c->scenarios[*pos]->change == BD_CHANGE_UNCHANGED) continue;
    delta_row(ctx, tbody, c->scenarios[*pos]);
    added++;
  }
}

/* The total row: yearly loss before, now and the difference. */
static html_node *total_foot(html_ctx *ctx, const bd_comparison *c) {
  char buf[64], exact[64];
  html_node *tfoot = html_el(ctx, NULL, "tfoot", NULL);
  html_node *tr = html_el(ctx, tfoot, "tr", NULL);
  html_attr(html_text_el(ctx, tr, "th", NULL, html_msg(ctx, "column.total")), "scope", "row");
  html_el(ctx, tr, "td", NULL);
  html_amount_cell(ctx, tr, c->eal_before, 0, "num");
  html_amount_cell(ctx, tr, c->eal_after, 0, "num strong");
  double d = c->eal_after - c->eal_before;
  html_node *td = html_text_el(ctx, tr, "td", html_diff_class(d),
                               html_signed_amount(ctx, d, 0, buf, sizeof buf));
  html_attr(td, "title", html_signed_amount(ctx, d, 1, exact, sizeof exact));
  html_el(ctx, tr, "td", NULL);
  html_el(ctx, tr, "td", NULL);
  return tfoot;
}

/* The table without rows: caption and header. */
static html_node *changes_head(html_ctx *ctx) {
  char caption[512];
  html_node *table = html_el(ctx, NULL, "table", "data changes");
  snprintf(caption, sizeof caption, "%s (%s)", html_msg(ctx, "caption.changes"), ctx->r->currency);
  html_text_el(ctx, table, "caption", NULL, caption);
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  head_cell(ctx, tr, "column.scenario", "col-name");
  head_cell(ctx, tr, "column.change", "col-change");
  head_cell(ctx, tr, "column.before", "num col-amount");
  head_cell(ctx, tr, "column.after", "num col-amount");
  head_cell(ctx, tr, "column.difference", "num col-amount");
  head_cell(ctx, tr, "column.decision", "col-decision");
  head_cell(ctx, tr, "column.coverage_changes", "col-coverage");
  return table;
}

void html_changes_section(html_ctx *ctx) {
  const bd_comparison *c = html_comparison_of(ctx->r);
  if (c == NULL) return;
  char id[64], text[256];
  html_node *sec = html_el(ctx, NULL, "section", "view changes");
  html_attr(sec, "id", html_id(ctx, "changes", id, sizeof id));
  html_text_el(ctx, sec, "h2", NULL, html_msg(ctx, "heading.changes"));
  compared_with(ctx, sec, c);
  change_figures(ctx, sec, c);
  if (listed(c) == 0) {
    html_text_el(ctx, sec, "p", "empty", html_msg(ctx, "text.no_changes"));
    html_text_el(ctx, sec, "p", "unchanged", unchanged_text(ctx, c, text, sizeof text));
    html_emit(ctx, sec);
    return;
  }
  html_open(ctx, sec);
  html_open(ctx, changes_head(ctx));
  for (size_t pos = 0; pos < c->scenario_count && !ctx->failed;) {
    html_node *tbody = html_el(ctx, NULL, "tbody", NULL);
    delta_rows(ctx, tbody, c, &pos, HTML_REPORT_TABLE_CHUNK);
    if (html_has_children(tbody))
      html_emit(ctx, tbody);
    else
      html_discard(ctx, tbody);
  }
  html_emit(ctx, total_foot(ctx, c));
  html_close(ctx, "table");
  html_emit(ctx,
            html_text_el(ctx, NULL, "p", "unchanged", unchanged_text(ctx, c, text, sizeof text)));
  html_close(ctx, "section");
}

size_t html_changes_slides_count(const html_ctx *ctx) {
  const bd_comparison *c = html_comparison_of(ctx->r);
  if (c == NULL) return 0;
  size_t rows = listed(c);
  if (rows <= HTML_SLIDE_CHANGE_FIRST_ROWS) return 1;
  rows -= HTML_SLIDE_CHANGE_FIRST_ROWS;
  return 1 + (rows + HTML_SLIDE_CHANGE_MORE_ROWS - 1) / HTML_SLIDE_CHANGE_MORE_ROWS;
}

void html_changes_slides(html_ctx *ctx) {
  const bd_comparison *c = html_comparison_of(ctx->r);
  if (c == NULL) return;
  size_t parts = html_changes_slides_count(ctx), pos = 0;
  for (size_t part = 0; part < parts && !ctx->failed; part++) {
    html_node *slide, *body = html_slide_begin(ctx, &slide, "slide slide-changes",
                                               html_msg(ctx, "heading.changes"), part, parts);
    if (part == 0) {
      compared_with(ctx, body, c);
      change_figures(ctx, body, c);
    }
    if (listed(c) == 0) {
      html_text_el(ctx, body, "p", "empty", html_msg(ctx, "text.no_changes"));
    } else {
      html_node *table = changes_head(ctx);
      delta_rows(ctx, html_el(ctx, table, "tbody", NULL), c, &pos,
                 part == 0 ? HTML_SLIDE_CHANGE_FIRST_ROWS : HTML_SLIDE_CHANGE_MORE_ROWS);
      if (part + 1 == parts) html_add_child(table, total_foot(ctx, c));
      html_add_child(body, table);
    }
    html_slide_end(ctx, slide);
  }
}
