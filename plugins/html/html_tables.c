/*
 * html_tables.c - the tabular views: decisions needed, the loss matrix and
 * the coverage heatmap.  Each table can be built whole for a range of rows
 * (slides cut long tables into pieces) or streamed in chunks of rows
 * (report), so that a plan of 100,000 scenarios never holds more than one
 * chunk of rows in memory.  Figures are the core's; cells show them in
 * people's formats with the exact amount in the cell's title.
 */
#include "html_common.h"
#include "../deck/deck_figures.h"
#include "../deck/deck_plan.h"

#include <stdio.h>
#include <string.h>

/* Adds the rows [first, end) of a table to tbody. */
typedef void (*rows_fn)(html_ctx *ctx, html_node *tbody, size_t first, size_t end);

/* Streams `table` (caption and thead already in it): opens it, writes its
 * rows in chunks of tbody elements, then `foot` (may be NULL), closes it. */
static void stream_table(html_ctx *ctx, html_node *table, size_t count, rows_fn rows,
                         html_node *foot) {
  html_open(ctx, table);
  for (size_t first = 0; first < count && !ctx->failed;) {
    size_t end = first + HTML_REPORT_TABLE_CHUNK < count ? first + HTML_REPORT_TABLE_CHUNK : count;
    html_node *tbody = html_el(ctx, NULL, "tbody", NULL);
    rows(ctx, tbody, first, end);
    html_emit(ctx, tbody);
    first = end;
  }
  html_emit(ctx, foot);
  html_close(ctx, "table");
}

/* Creates a table with a caption "TEXT (CURRENCY)" or just "TEXT"; none
 * when caption_key is NULL. */
static html_node *new_table(html_ctx *ctx, const char *cls, const char *caption_key,
                            int with_currency) {
  char caption[512];
  html_node *table = html_el(ctx, NULL, "table", cls);
  if (caption_key == NULL) return table;
  int n = with_currency ? snprintf(caption, sizeof caption, "%s (%s)", html_msg(ctx, caption_key),
                                   ctx->r->currency)
                        : snprintf(caption, sizeof caption, "%s", html_msg(ctx, caption_key));
  if (ctx->slides && with_currency && ctx->any_over_cap && n > 0 && (size_t)n < sizeof caption)
    snprintf(caption + n, sizeof caption - (size_t)n, " \xC2\xB7 \xE2\x9A\xA0 %s",
             html_msg(ctx, "flag.over_cap"));
  html_text_el(ctx, table, "caption", NULL, caption);
  return table;
}

/* The class of decision i's title: "title", or on slides "title small"
 * when the slide plan set it in the smaller type. */
static const char *title_class(const html_ctx *ctx, size_t i) {
  if (!ctx->slides || !ctx->deck || !ctx->deck->services[ctx->deck_service].decision_small[i])
    return "title";
  return "title small";
}

/* Adds a header cell with the label of key and class cls (e.g. "num"). */
static void head_cell(html_ctx *ctx, html_node *tr, const char *key, const char *cls) {
  html_node *th = html_text_el(ctx, tr, "th", cls, html_msg(ctx, key));
  html_attr(th, "scope", "col");
}

/* Adds the decision badge of scenario s (and the over-cap flag) to parent. */
static void decision_badge(html_ctx *ctx, html_node *parent, const bd_scenario *s) {
  char cls[48];
  html_join(cls, sizeof cls, "badge decision-", bd_decision_name(s->decision), (char *)NULL);
  html_node *b = html_text_el(ctx, parent, "span", cls,
                              html_enum_label(ctx, "decision", bd_decision_name(s->decision)));
  if (s->accept) html_attr(b, "title", s->accept);
  if (deck_uncertain(s) && !ctx->slides) /* a word; on slides it opens the confidence line */
    html_text_el(ctx, parent, "span", "badge decision-uncertain",
                 html_msg(ctx, "decision.uncertain"));
  if (s->over_cap) { /* on slides a mark, explained under the table */
    html_node *flag = html_text_el(ctx, parent, "span", "badge over-cap",
                                   ctx->slides ? "\xE2\x9A\xA0" : html_msg(ctx, "flag.over_cap"));
    html_attr(flag, "title", html_msg(ctx, "flag.over_cap_note"));
  }
}

/* --- decisions needed ------------------------------------------------------ */

/* Adds the decision rows [first, end) of report->decisions. */
static void decision_rows(html_ctx *ctx, html_node *tbody, size_t first, size_t end) {
  const bd_report *r = ctx->r;
  int compact = ctx->slides;
  char buf[64];
  for (size_t i = first; i < end; i++) {
    const bd_scenario *s = r->scenarios[r->decisions[i]];
    html_node *tr = html_el(ctx, tbody, "tr", s->over_cap ? "over" : NULL);
    snprintf(buf, sizeof buf, "%zu", i + 1);
    html_text_el(ctx, tr, "td", "num rank", buf);
    html_node *th = html_el(ctx, tr, "th", "name");
    html_text_el(ctx, th, "div", title_class(ctx, i), s->title);
    char path[1024];
    html_join(path, sizeof path, r->losses[s->loss]->title, " \xE2\x80\xBA ",
              r->failures[s->failure]->title, (char *)NULL);
    html_text_el(ctx, th, "div", "path", path);
    if (s->accept) {
      char note[1024];
      html_join(note, sizeof note, html_msg(ctx, "decision.accepted"), ": ", s->accept,
                (char *)NULL);
      html_text_el(ctx, th, "div", "path", note);
    }
    char line[800];
    if (*deck_decision_line(ctx->host, ctx->req->output, s, line, sizeof line))
      html_text_el(ctx, th, "div",
                   deck_uncertain(s) ? "path confidence uncertain" : "path confidence", line);
    html_amount_cell(ctx, tr, s->state[BD_STATE_CURRENT]->eal, compact, "num strong");
    html_amount_cell(ctx, tr, s->state[BD_STATE_PLANNED]->eal, compact, NULL);
    html_amount_cell(ctx, tr, s->reduction, compact, NULL);
    html_amount_cell(ctx, tr, s->plan_cost, compact, NULL);
    if (r->has_error_budget)
      html_text_el(ctx, tr, "td", s->over_cap ? "num over" : "num",
                   s->has_budget_share ? html_share(ctx, s->budget_share, buf, sizeof buf) : "");
    decision_badge(ctx, html_el(ctx, tr, "td", "decision"), s);
  }
}

/* The decisions table without rows: caption and header. */
static html_node *decisions_head(html_ctx *ctx) {
  html_node *table = new_table(ctx, "data decisions", "caption.decisions", 1);
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  head_cell(ctx, tr, "column.rank", "num col-rank");
  head_cell(ctx, tr, "column.scenario", "col-name");
  head_cell(ctx, tr, "column.current", "num");
  head_cell(ctx, tr, "column.planned", "num");
  head_cell(ctx, tr, "column.reduction", "num");
  head_cell(ctx, tr, "column.plan_cost", "num");
  if (ctx->r->has_error_budget) head_cell(ctx, tr, "column.budget_share", "num col-share");
  head_cell(ctx, tr, "column.decision", "col-decision");
  return table;
}

html_node *html_decisions_table(html_ctx *ctx, size_t first, size_t count) {
  html_node *table = decisions_head(ctx);
  decision_rows(ctx, html_el(ctx, table, "tbody", NULL), first, first + count);
  return table;
}

/* Streams the whole decisions table (report layout). */
void html_decisions_stream(html_ctx *ctx) {
  stream_table(ctx, decisions_head(ctx), ctx->r->decision_count, decision_rows, NULL);
}

/* --- waived CI gate rules -------------------------------------------------- */

/* The waivers of scenario s (none from a host older than ABI 2.1). */
static size_t waivers_of(const bd_scenario *s) {
  return BD_HAS(s, bd_scenario, waiver_count) ? s->waiver_count : 0;
}

size_t html_waiver_count(const html_ctx *ctx) {
  size_t n = 0;
  for (size_t i = 0; i < ctx->r->scenario_count; i++) n += waivers_of(ctx->r->scenarios[i]);
  return n;
}

/* Adds the waiver rows [first, end), counted over every scenario's waivers
 * in file order. */
static void waiver_rows(html_ctx *ctx, html_node *tbody, size_t first, size_t end) {
  const bd_report *r = ctx->r;
  size_t at = 0;
  for (size_t i = 0; i < r->scenario_count && at < end; i++) {
    const bd_scenario *s = r->scenarios[i];
    size_t n = waivers_of(s);
    for (size_t j = 0; j < n && at < end; j++, at++) {
      if (at < first) continue;
      const bd_waiver *w = s->waivers[j];
      html_node *tr = html_el(ctx, tbody, "tr", w->expired ? "expired" : NULL);
      html_node *th = html_el(ctx, tr, "th", "name");
      html_text_el(ctx, th, "div", "title", s->title);
      html_text_el(ctx, th, "div", "path", s->id);
      html_text_el(ctx, tr, "td", NULL, w->rule);
      html_text_el(ctx, tr, "td", "date", w->until);
      html_text_el(ctx, tr, "td", w->expired ? "waiver-expired" : "waiver-in-force",
                   html_msg(ctx, w->expired ? "waiver.expired" : "waiver.in_force"));
      html_text_el(ctx, tr, "td", NULL, w->reason);
    }
  }
}

void html_waivers_stream(html_ctx *ctx, size_t count) {
  html_node *table = new_table(ctx, "data waivers", "caption.waivers", 0);
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  head_cell(ctx, tr, "column.scenario", "col-name");
  head_cell(ctx, tr, "column.rule", NULL);
  head_cell(ctx, tr, "column.until", NULL);
  head_cell(ctx, tr, "column.waiver_state", NULL);
  head_cell(ctx, tr, "column.reason", NULL);
  stream_table(ctx, table, count, waiver_rows, NULL);
}

/* --- loss matrix ---------------------------------------------------------- */

/* Whether the loss matrix has the 90% range column: a plan with ranges,
 * in the report (a slide has no room for it; its decisions carry the
 * simulation's confidence). */
static int with_range(const html_ctx *ctx) {
  return !ctx->slides && deck_simulation(ctx->r) != NULL;
}

/* Number of columns of the loss matrix. */
static size_t matrix_columns(const html_ctx *ctx) {
  return 1 + ctx->r->category_count + 4 + (with_range(ctx) ? 1 : 0);
}

/* Adds the second line "proven X" to the yearly-loss cell td when the
 * proven yearly loss differs from the current one (has_proven). */
static void proven_line(html_ctx *ctx, html_node *td, int has_proven, double proven) {
  if (!has_proven) return;
  char x[64], line[128];
  html_join(line, sizeof line, html_msg(ctx, "figure.proven_short"), " ",
            html_amount(ctx, proven, 0, ctx->slides, x, sizeof x), (char *)NULL);
  html_text_el(ctx, td, "div", "cell-sub proven", line);
}

/* Adds the cell of a 90% range (p5 to p95), or an empty one. */
static void range_cell(html_ctx *ctx, html_node *tr, const bd_range *range) {
  char low[64], high[64], text[160], exact[200], a[64], b[64];
  if (range == NULL) {
    html_el(ctx, tr, "td", "num range");
    return;
  }
  html_join(text, sizeof text, html_amount(ctx, range->p5, 0, 1, low, sizeof low), "\xE2\x80\x93",
            html_amount(ctx, range->p95, 0, 1, high, sizeof high), (char *)NULL);
  html_join(exact, sizeof exact, html_amount(ctx, range->p5, 1, 0, a, sizeof a), " \xE2\x80\x93 ",
            html_amount(ctx, range->p95, 1, 0, b, sizeof b), (char *)NULL);
  html_attr(html_text_el(ctx, tr, "td", "num range", text), "title", exact);
}

/* Adds a group-header row (a loss or a failure type) spanning the table,
 * with the group's current yearly loss on the right. */
static void group_row(html_ctx *ctx, html_node *tbody, const bd_matrix_row *row, size_t span,
                      int with_total) {
  const bd_report *r = ctx->r;
  const char *title =
      row->type == BD_ROW_LOSS ? r->losses[row->index]->title : r->failures[row->index]->title;
  double eal = row->type == BD_ROW_LOSS ? r->losses[row->index]->eal[BD_STATE_CURRENT]
                                        : r->failures[row->index]->eal[BD_STATE_CURRENT];
  html_node *tr = html_el(ctx, tbody, "tr",
                          row->type == BD_ROW_LOSS ? "group group-loss" : "group group-failure");
  html_node *th = html_el(ctx, tr, "th", NULL);
  html_attr(th, "scope", "rowgroup");
  char n[32];
  snprintf(n, sizeof n, "%zu", with_total ? span - 4 - (size_t)with_range(ctx) : span);
  html_attr(th, "colspan", n);
  html_text_el(ctx, th, "span", "group-kind",
               html_msg(ctx, row->type == BD_ROW_LOSS ? "column.loss" : "column.failure"));
  html_text_el(ctx, th, "span", "group-title", title);
  if (with_total) {
    html_amount_cell(ctx, tr, eal, ctx->slides, "num group-total");
    html_node *rest = html_el(ctx, tr, "td", NULL);
    html_attr(rest, "colspan", with_range(ctx) ? "4" : "3");
  }
}

/* Adds the loss-matrix rows [first, end) of report->matrix_rows. */
static void matrix_rows(html_ctx *ctx, html_node *tbody, size_t first, size_t end) {
  const bd_report *r = ctx->r;
  int compact = ctx->slides;
  char buf[64], heat[16], cls[40];
  for (size_t i = first; i < end; i++) {
    const bd_matrix_row *row = r->matrix_rows[i];
    if (row->type != BD_ROW_SCENARIO) {
      group_row(ctx, tbody, row, matrix_columns(ctx), 1);
      continue;
    }
    const bd_scenario *s = r->scenarios[row->index];
    html_node *tr = html_el(ctx, tbody, "tr", "scenario");
    html_text_el(ctx, tr, "th", "name", s->title);
    for (size_t c = 0; c < r->category_count; c++) {
      double v = s->state[BD_STATE_CURRENT]->by_category[c];
      if (v > 0) /* a zero stays unshaded: nothing to compare */
        html_join(cls, sizeof cls, "num ",
                  html_heat_class(s->heat_by_category[c], heat, sizeof heat), (char *)NULL);
      else
        html_join(cls, sizeof cls, "num zero", (char *)NULL);
      html_amount_cell(ctx, tr, v, compact, cls);
    }
    double proven = 0;
    int differs = deck_proven_differs(s, &proven);
    proven_line(
        ctx,
        html_amount_cell(ctx, tr, s->state[BD_STATE_CURRENT]->eal, compact, "num strong total"),
        differs, proven);
    if (with_range(ctx)) range_cell(ctx, tr, deck_current_range(r, s));
    html_text_el(ctx, tr, "td", "num",
                 html_duration(ctx, s->state[BD_STATE_CURRENT]->downtime_h, buf, sizeof buf));
    html_amount_cell(ctx, tr, s->state[BD_STATE_PLANNED]->eal, compact, NULL);
    decision_badge(ctx, html_el(ctx, tr, "td", "decision"), s);
  }
}

/* The loss-matrix table without rows: caption and header. */
static html_node *matrix_head(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  html_node *table =
      new_table(ctx,
                r->category_count > DECK_MATRIX_CATEGORIES || with_range(ctx) ? "data matrix wide"
                                                                              : "data matrix",
                "caption.loss_matrix", 1);
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  head_cell(ctx, tr, "column.scenario", "col-name");
  for (size_t c = 0; c < r->category_count; c++) {
    const char *label = html_category(ctx, c);
    int narrow =
        ctx->slides && ctx->deck && ctx->deck->services[ctx->deck_service].category_narrow[c];
    html_node *th = html_text_el(ctx, tr, "th", narrow ? "num narrow" : "num", label);
    html_attr(th, "scope", "col");
  }
  head_cell(ctx, tr, "column.total", "num");
  if (with_range(ctx)) head_cell(ctx, tr, "column.range", "num col-range");
  head_cell(ctx, tr, "column.downtime", "num col-time");
  head_cell(ctx, tr, "column.planned", "num");
  head_cell(ctx, tr, "column.decision", "col-decision");
  return table;
}

/* The column totals of the loss matrix (current state) as a tfoot. */
static html_node *matrix_foot(html_ctx *ctx) {
  const bd_report *r = ctx->r;
  const bd_totals *now = r->totals[BD_STATE_CURRENT];
  char buf[64];
  html_node *tfoot = html_el(ctx, NULL, "tfoot", NULL);
  html_node *tr = html_el(ctx, tfoot, "tr", NULL);
  html_node *th = html_text_el(ctx, tr, "th", NULL, html_msg(ctx, "column.total"));
  html_attr(th, "scope", "row");
  for (size_t c = 0; c < r->category_count; c++)
    html_amount_cell(ctx, tr, now->by_category[c], ctx->slides, NULL);
  html_node *total = html_amount_cell(ctx, tr, now->eal, ctx->slides, "num strong total");
  const bd_totals *proven = deck_proven_totals(r);
  /* (slides keep the Total row one line: the planner counts it so) */
  if (!ctx->slides && proven) proven_line(ctx, total, proven->eal != now->eal, proven->eal);
  if (with_range(ctx)) range_cell(ctx, tr, deck_totals_range(r, now));
  html_text_el(ctx, tr, "td", "num", html_duration(ctx, now->downtime_h, buf, sizeof buf));
  html_amount_cell(ctx, tr, r->totals[BD_STATE_PLANNED]->eal, ctx->slides, NULL);
  html_el(ctx, tr, "td", NULL);
  return tfoot;
}

html_node *html_matrix_table(html_ctx *ctx, size_t first, size_t end) {
  html_node *table = matrix_head(ctx);
  matrix_rows(ctx, html_el(ctx, table, "tbody", NULL), first, end);
  if (end == ctx->r->matrix_row_count) html_add_child(table, matrix_foot(ctx));
  return table;
}

void html_matrix_stream(html_ctx *ctx) {
  stream_table(ctx, matrix_head(ctx), ctx->r->matrix_row_count, matrix_rows, matrix_foot(ctx));
}

/* --- coverage heatmap ----------------------------------------------------- */

/* Adds the coverage rows [first, end) of report->matrix_rows. */
static void coverage_rows(html_ctx *ctx, html_node *tbody, size_t first, size_t end) {
  const bd_report *r = ctx->r;
  char cls[48];
  for (size_t i = first; i < end; i++) {
    const bd_matrix_row *row = r->matrix_rows[i];
    if (row->type != BD_ROW_SCENARIO) {
      group_row(ctx, tbody, row, 1 + BD_KIND_COUNT, 0);
      continue;
    }
    const bd_scenario *s = r->scenarios[row->index];
    html_node *tr = html_el(ctx, tbody, "tr", "scenario");
    html_text_el(ctx, tr, "th", "name", s->title);
    for (int k = 0; k < BD_KIND_COUNT; k++) {
      bd_cell c = s->coverage[k];
      html_join(cls, sizeof cls, "cell cell-", bd_cell_name(c), (char *)NULL);
      /* the word; the mark comes from the palette CSS (td.cell-X::before) */
      html_text_el(ctx, tr, "td", cls, html_enum_label(ctx, "cell", bd_cell_name(c)));
    }
  }
}

/* Adds a one-line element holding title to parent: the title attribute
 * keeps the whole text where the line cuts it (class map-line, whose
 * map-title part is clipped at the cell's edge, never with "..."). */
static html_node *one_line(html_ctx *ctx, html_node *parent, const char *title) {
  html_node *line = html_el(ctx, parent, "div", "map-line");
  html_attr(parent, "title", title);
  return line;
}

/* Adds loss `loss`'s row to a heatmap panel; cont: repeated over the
 * panel's first scenarios, "(continued)" after its clipped title. */
static void panel_loss(html_ctx *ctx, html_node *tbody, size_t loss, int cont) {
  const char *title = ctx->r->losses[loss]->title;
  html_node *tr = html_el(ctx, tbody, "tr", cont ? "group group-loss cont" : "group group-loss");
  html_node *th = html_el(ctx, tr, "th", NULL);
  html_attr(th, "scope", "rowgroup");
  html_attr(th, "colspan", "5");
  html_node *line = one_line(ctx, th, title);
  html_text_el(ctx, line, "span", "group-kind", html_msg(ctx, "column.loss"));
  html_text_el(ctx, line, "span", "map-title", title);
  if (cont) html_text_el(ctx, line, "span", "map-cont", html_msg(ctx, "pdf.continued"));
}

/* Adds the rows [first, end) of a heatmap panel: one line each, a loss
 * (repeated first when the panel starts inside it), or a scenario's id
 * and title and a mark per kind on its state's colour, the state's word
 * kept for readers and tools (tooltip, visually hidden text); failure
 * types have no row. */
static void panel_rows(html_ctx *ctx, html_node *tbody, size_t first, size_t end, size_t repeat) {
  const bd_report *r = ctx->r;
  if (first < end && repeat != DECK_NO_ROW)
    panel_loss(ctx, tbody, r->matrix_rows[repeat]->index, 1);
  for (size_t i = first; i < end; i++) {
    const bd_matrix_row *row = r->matrix_rows[i];
    if (row->type == BD_ROW_LOSS) panel_loss(ctx, tbody, row->index, 0);
    if (row->type != BD_ROW_SCENARIO) continue;
    const bd_scenario *s = r->scenarios[row->index];
    html_node *tr = html_el(ctx, tbody, "tr", "scenario");
    html_node *th = html_el(ctx, tr, "th", "name");
    html_attr(th, "scope", "row");
    html_node *line = one_line(ctx, th, s->title);
    html_text_el(ctx, line, "span", "map-id", s->id);
    html_text_el(ctx, line, "span", "map-title", s->title);
    for (int k = 0; k < BD_KIND_COUNT; k++) {
      char cls[48], tip[256];
      const char *word = html_enum_label(ctx, "cell", bd_cell_name(s->coverage[k]));
      html_join(cls, sizeof cls, "cell cell-", bd_cell_name(s->coverage[k]), (char *)NULL);
      html_join(tip, sizeof tip, html_enum_label(ctx, "kind", bd_kind_name((bd_kind)k)), ": ", word,
                (char *)NULL);
      html_node *td = html_el(ctx, tr, "td", cls);
      html_attr(td, "title", tip);
      html_text_el(ctx, td, "span", "sr", word); /* the mark: td.cell-X::before */
    }
  }
}

/* The coverage table without rows: caption and header; a panel's kinds
 * show their letters, labelled with the kind. */
static html_node *coverage_head(html_ctx *ctx, int panel) {
  html_node *table = new_table(ctx, panel ? "data heatmap panel" : "data heatmap",
                               ctx->slides ? NULL : "caption.coverage", 0);
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  head_cell(ctx, tr, "column.scenario", "col-name");
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    char key[40], cls[40], letter[8];
    snprintf(key, sizeof key, "kind.%s", bd_kind_name((bd_kind)k));
    snprintf(cls, sizeof cls, "kind kind-%s", bd_kind_name((bd_kind)k));
    html_node *th = html_text_el(ctx, tr, "th", cls,
                                 panel ? html_kind_letter(ctx, (bd_kind)k, letter, sizeof letter)
                                       : html_msg(ctx, key));
    html_attr(th, "scope", "col");
    if (panel) {
      html_attr(th, "title", html_msg(ctx, key));
      html_attr(th, "aria-label", html_msg(ctx, key));
    }
  }
  return table;
}

html_node *html_coverage_table(html_ctx *ctx, size_t first, size_t end, int rows, size_t repeat) {
  html_node *t = coverage_head(ctx, rows == DECK_ROWS_PANEL);
  html_node *tbody = html_el(ctx, t, "tbody", NULL);
  if (rows == DECK_ROWS_DENSE) html_attr(t, "class", "data heatmap dense");
  if (rows == DECK_ROWS_PANEL)
    panel_rows(ctx, tbody, first, end, repeat);
  else
    coverage_rows(ctx, tbody, first, end);
  return t;
}

void html_coverage_stream(html_ctx *ctx) {
  stream_table(ctx, coverage_head(ctx, 0), ctx->r->matrix_row_count, coverage_rows, NULL);
}
