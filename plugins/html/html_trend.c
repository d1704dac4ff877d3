/*
 * html_trend.c - the Trend view (--history, ABI 2.3): a service's figures
 * over its archived periods and this report, as small multiples, drawn
 * once for the report's section and the Trend slide (two sizes of the
 * same drawing).  deck_trend.h decides everything a reader sees: the
 * panels and their grid, each panel's series, colours and dashes, the
 * value axis, where each period sits, the figures and the words.  This
 * file only places them: a panel is a <figure> with its title, legend and
 * reading over an inline SVG (axes, grid lines, period labels, the lines,
 * an SVG <title> with every period's figures for screen readers).
 *
 * Colours and dashes are SVG presentation attributes (stroke, fill,
 * stroke-dasharray), not style attributes, so the page's Content Security
 * Policy (hashes of its one <style>) stays as it is.
 */
#include "html_common.h"

#include "../deck/deck_trend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most value labels an axis has (deck_trend_axis_end gives 4 to 5). */
#define MAX_TICKS 16

/* The sizes of a panel's drawing, in the px of its viewBox (drawn at about
 * that size: the report's panels scale with the page's width, a slide's
 * are fitted to the box the slide leaves them). */
typedef struct trend_metrics {
  double width, height; /* the viewBox */
  double font;          /* value and period labels */
  double dot;           /* radius of a period's dot (this report's: 1.5 x) */
  double line;          /* width of a series' line */
  double left;          /* the plots' left edge, the same in every panel (plot_left) */
} trend_metrics;

/* The drawing of a panel for a size and a grid of `columns` panels a row
 * (2 or 3). */
static trend_metrics metrics_for(html_trend_size size, size_t columns) {
  trend_metrics m;
  if (size == HTML_TREND_SLIDE) {
    m.width = columns == 3 ? 342 : 540;
    m.height = columns == 3 ? 430 : 190;
    m.font = 14;
    m.dot = 4;
    m.line = 3;
  } else {
    m.width = columns == 3 ? 318 : 460;
    m.height = columns == 3 ? 220 : 200;
    m.font = 12;
    m.dot = 3;
    m.line = 2.25;
  }
  m.left = 0;
  return m;
}

/* Width in px of text at font size px, on the cautious side. */
static double text_px(const char *text, double px) {
  return html_text_em(text) * px;
}

/* Sets a series' colour (stroke or fill) and, for the dashed one, its
 * dashes, as presentation attributes. */
static void series_paint(html_node *node, deck_trend_series series, const char *what, double line) {
  char hex[8], dash[72];
  html_attr(node, what, html_hex(deck_trend_color(series), hex));
  if (deck_trend_dashed(series) && strcmp(what, "stroke") == 0) {
    char a[32], b[32];
    html_num(line * 2.4, a);
    html_num(line * 1.6, b);
    snprintf(dash, sizeof dash, "%s %s", a, b);
    html_attr(node, "stroke-dasharray", dash);
  }
}

/* The largest number of period labels (at most 8) that deck_trend_labelled
 * spreads over a plot plot_w wide without two of them touching (label
 * widths estimated at font px, with a gap of one font size); at least
 * the first and the last. */
static size_t label_count(const bd_history *h, double plot_w, double font) {
  size_t n = h->point_count;
  for (size_t max = n < 8 ? n : 8; max > 2; max--) {
    double prev_x = 0, prev_w = 0;
    int first = 1, clear = 1;
    for (size_t i = 0; i < n && clear; i++) {
      if (!deck_trend_labelled(i, n, max)) continue;
      double x = plot_w * deck_trend_x(i, n), w = text_px(deck_trend_label(h->points[i]), font);
      if (!first && x - prev_x < (prev_w + w) / 2 + font) clear = 0;
      prev_x = x;
      prev_w = w;
      first = 0;
    }
    if (clear) return max;
  }
  return 2;
}

/* The value-axis labels of a panel, 0 to end by step, formatted as its
 * main series into labels[] (at most `max`); returns how many. */
static size_t axis_labels(html_ctx *ctx, deck_trend_series main, double end, double step,
                          char labels[][64], size_t max) {
  size_t k = 0;
  for (double v = 0; v <= end + step / 2 && k < max; v += step, k++)
    deck_trend_format(ctx->host, ctx->req, ctx->r, main, v, labels[k], sizeof labels[k]);
  return k;
}

/* Where a panel's plot must start to leave room for its value labels and
 * half its first period label. */
static double plot_left(html_ctx *ctx, const bd_history *h, deck_trend_panel panel,
                        const trend_metrics *m) {
  deck_trend_series series[2];
  deck_trend_panel_series(panel, series);
  double step, end = deck_trend_axis_end(h, panel, &step), widest = 0;
  char ticks[MAX_TICKS][64];
  size_t tick_count = axis_labels(ctx, series[0], end, step, ticks, MAX_TICKS);
  for (size_t k = 0; k < tick_count; k++)
    if (text_px(ticks[k], m->font) > widest) widest = text_px(ticks[k], m->font);
  double left = widest + m->font * 0.7,
         half_first = text_px(deck_trend_label(h->points[0]), m->font) / 2;
  return left > half_first + 2 ? left : half_first + 2;
}

/* The drawing of one panel: value axis and grid, period labels, each
 * series as lines between the periods that have its figure (a missing
 * figure breaks the line) with a dot a period, this report's dot larger.
 * Returns the <svg>, owned by parent. */
static html_node *panel_svg(html_ctx *ctx, html_node *parent, const bd_history *h,
                            deck_trend_panel panel, const trend_metrics *m) {
  deck_trend_series series[2];
  size_t series_count = deck_trend_panel_series(panel, series), n = h->point_count;
  double step, end = deck_trend_axis_end(h, panel, &step);
  char ticks[MAX_TICKS][64], text[4096], box[64];
  size_t tick_count = axis_labels(ctx, series[0], end, step, ticks, MAX_TICKS);

  /* the plot box: the value labels to its left (m->left), the period
   * labels under it, half the last period label beside it */
  double half_last = text_px(deck_trend_label(h->points[n - 1]), m->font) / 2;
  double left = m->left, right = half_last + 2, top = m->font * 0.7, bottom = m->font * 2;
  double pw = m->width - left - right, ph = m->height - top - bottom;

  html_node *svg = html_el(ctx, parent, "svg", "trend-plot");
  snprintf(box, sizeof box, "0 0 %.0f %.0f", m->width, m->height);
  html_attr(svg, "viewBox", box);
  html_attr(svg, "role", "img");
  html_text_el(ctx, svg, "title", NULL,
               deck_trend_description(ctx->host, ctx->req, ctx->r, panel, text, sizeof text));

  html_node *axis = html_el(ctx, svg, "g", "trend-axis");
  for (size_t k = 0; k < tick_count; k++) {
    double y = top + ph - ph * deck_trend_y(step * (double)k, end);
    html_svg_line(ctx, axis, k ? "grid" : "axis", left, y, left + pw, y);
    html_svg_text(ctx, axis, "tick tick-y", left - m->font * 0.5, y, ticks[k]);
  }
  size_t labels = label_count(h, pw, m->font);
  for (size_t i = 0; i < n; i++) {
    if (!deck_trend_labelled(i, n, labels)) continue;
    double x = left + pw * deck_trend_x(i, n);
    html_svg_line(ctx, axis, "mark", x, top + ph, x, top + ph + m->font * 0.3);
    html_svg_text(ctx, axis,
                  h->points[i]->this_report ? "tick tick-x trend-period this"
                                            : "tick tick-x trend-period",
                  x, top + ph + m->font * 1.1, deck_trend_label(h->points[i]));
  }

  /* the second series first, so that the main one is drawn over it */
  for (size_t k = series_count; k-- > 0;) {
    deck_trend_series s = series[k];
    html_node *g = html_el(ctx, svg, "g", "trend-series");
    size_t size = n * 48 + 1, used = 0, run = 0;
    char *points = malloc(size);
    if (points == NULL) {
      html_fail(ctx, "out of memory");
      return svg;
    }
    points[0] = '\0';
    for (size_t i = 0; i <= n; i++) {
      double v;
      int has = i < n && deck_trend_value(h->points[i], s, &v);
      if (has) {
        char a[32], b[32];
        html_num(left + pw * deck_trend_x(i, n), a);
        html_num(top + ph - ph * deck_trend_y(v, end), b);
        used += (size_t)snprintf(points + used, size - used, "%s%s,%s", run ? " " : "", a, b);
        run++;
        continue;
      }
      if (run >= 2) { /* a run of periods with the figure: one line */
        html_node *pl = html_el(ctx, g, "polyline", "trend-line");
        html_attr(pl, "points", points);
        html_attr_num(pl, "stroke-width", m->line);
        series_paint(pl, s, "stroke", m->line);
      }
      used = run = 0;
      points[0] = '\0';
    }
    free(points);
    for (size_t i = 0; i < n; i++) {
      double v;
      if (!deck_trend_value(h->points[i], s, &v)) continue;
      char fig[64], tip[256];
      html_node *dot =
          html_el(ctx, g, "circle", h->points[i]->this_report ? "trend-dot this" : "trend-dot");
      html_attr_num(dot, "cx", left + pw * deck_trend_x(i, n));
      html_attr_num(dot, "cy", top + ph - ph * deck_trend_y(v, end));
      html_attr_num(dot, "r", h->points[i]->this_report ? m->dot * 1.5 : m->dot);
      series_paint(dot, s, "fill", m->line);
      /* the period and figure, with the series' name where the panel has two */
      snprintf(tip, sizeof tip, "%s: %s%s%s", deck_trend_label(h->points[i]),
               series_count > 1 ? html_msg(ctx, deck_trend_series_key(s)) : "",
               series_count > 1 ? " " : "",
               deck_trend_format(ctx->host, ctx->req, ctx->r, s, v, fig, sizeof fig));
      html_text_el(ctx, dot, "title", NULL, tip);
    }
  }
  return svg;
}

/* Adds reading (deck_trend_reading's words) to p so that a line breaks
 * only between its figures: each figure with its label ("Now USD 12K")
 * in a span kept on one line, the separators " · " as text between them,
 * and the first period's figures in parentheses in a span that moves to
 * the next line as a whole. */
static void reading_text(html_ctx *ctx, html_node *p, const char *reading) {
  static const char separator[] = " \u00b7 ";
  char piece[512];
  const char *s = reading;
  html_node *in = p;
  while (*s) {
    const char *cut = strstr(s, separator), *paren = in == p ? strstr(s, " (") : NULL;
    int opens = paren && (cut == NULL || paren < cut);
    if (opens) cut = paren;
    size_t len = cut ? (size_t)(cut - s) : strlen(s);
    if (len >= sizeof piece) len = sizeof piece - 1;
    memcpy(piece, s, len);
    piece[len] = '\0';
    if (len) html_text_el(ctx, in, "span", "figure-run", piece);
    if (cut == NULL) break;
    if (opens) { /* the parenthesis opens the span of the first period */
      html_add_text(ctx, p, " ");
      in = html_el(ctx, p, "span", "trend-since");
      s = cut + 1;
    } else {
      html_add_text(ctx, in, separator);
      s = cut + strlen(separator);
    }
  }
}

/* One panel: its title and legend, its reading, its drawing. */
static void trend_panel(html_ctx *ctx, html_node *grid, const bd_history *h, deck_trend_panel panel,
                        const trend_metrics *m) {
  deck_trend_series series[2];
  size_t series_count = deck_trend_panel_series(panel, series);
  char reading[512];
  html_node *fig = html_el(ctx, grid, "figure", "trend-panel");
  html_node *head = html_el(ctx, fig, "div", "trend-head");
  html_text_el(ctx, head, "h3", "trend-title", html_msg(ctx, deck_trend_panel_key(panel)));
  if (series_count > 1) { /* the key: a line of each series' colour and dashes */
    html_node *ul = html_el(ctx, head, "ul", "legend trend-key");
    for (size_t k = 0; k < series_count; k++) {
      html_node *li = html_el(ctx, ul, "li", NULL);
      html_node *swatch = html_el(ctx, li, "svg", "trend-swatch");
      html_attr(swatch, "viewBox", "0 0 28 10");
      html_attr(swatch, "aria-hidden", "true");
      html_node *l = html_svg_line(ctx, swatch, NULL, 1, 5, 27, 5);
      html_attr(l, "stroke-width", "3");
      series_paint(l, series[k], "stroke", 2.5);
      html_text_el(ctx, li, "span", "legend-label",
                   html_msg(ctx, deck_trend_series_key(series[k])));
    }
  }
  reading_text(ctx, html_el(ctx, fig, "p", "trend-reading"),
               deck_trend_reading(ctx->host, ctx->req, ctx->r, panel, reading, sizeof reading));
  panel_svg(ctx, fig, h, panel, m);
}

int html_trend(html_ctx *ctx, html_node *parent, html_trend_size size) {
  const bd_history *h = deck_trend_history(ctx->r);
  if (h == NULL) return 0;
  deck_trend_panel panels[DECK_TREND_PANELS];
  size_t count = deck_trend_panels(h, panels), columns, rows;
  deck_trend_grid(count, &columns, &rows);
  trend_metrics m = metrics_for(size, columns);
  /* the plots start at the same x in every panel: the periods line up */
  for (size_t p = 0; p < count; p++) {
    double left = plot_left(ctx, h, panels[p], &m);
    if (left > m.left) m.left = left;
  }
  html_node *grid =
      html_el(ctx, parent, "div", columns == 3 ? "trend-grid cols-3" : "trend-grid cols-2");
  for (size_t p = 0; p < count; p++) trend_panel(ctx, grid, h, panels[p], &m);
  return 1;
}

int html_trend_table(html_ctx *ctx, html_node *parent) {
  const bd_history *h = deck_trend_history(ctx->r);
  if (h == NULL) return 0;
  deck_trend_series series[DECK_TREND_SERIES];
  size_t n = deck_trend_table_series(h, series);
  char value[64];
  html_node *table = html_el(ctx, parent, "table", "data trend-table");
  html_text_el(ctx, table, "caption", NULL, html_msg(ctx, "caption.trend_table"));
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  html_text_el(ctx, tr, "th", NULL, html_msg(ctx, "meta.period"));
  for (size_t k = 0; k < n; k++)
    html_text_el(ctx, tr, "th", "num", html_msg(ctx, deck_trend_column_key(series[k])));
  html_node *tbody = html_el(ctx, table, "tbody", NULL);
  for (size_t i = 0; i < h->point_count; i++) {
    const bd_history_point *p = h->points[i];
    tr = html_el(ctx, tbody, "tr", p->this_report ? "current" : NULL); /* this report in bold */
    html_text_el(ctx, tr, "th", NULL, deck_trend_label(p));
    for (size_t k = 0; k < n; k++) {
      double v;
      html_text_el(
          ctx, tr, "td", "num",
          deck_trend_value(p, series[k], &v)
              ? deck_trend_format(ctx->host, ctx->req, ctx->r, series[k], v, value, sizeof value)
              : "\u2013");
    }
  }
  return 1;
}

int html_has_trend(const html_ctx *ctx) {
  if (ctx->portfolio) {
    for (size_t i = 0; i < ctx->portfolio->report_count; i++)
      if (deck_trend_history(ctx->portfolio->reports[i])) return 1;
    return 0;
  }
  return deck_trend_history(ctx->r) != NULL;
}
