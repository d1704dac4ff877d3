/*
 * pdf_trend.c - the Trend view (--history): the service's figures over its
 * archived periods and this report, as small multiples (yearly loss now
 * and planned, error budget used, coverage and verified coverage,
 * decisions needed), each with its title, its reading and a legend for two
 * series.  Drawn on a report page of its own after the summary and on the
 * slide the deck plan puts after the key figures.  Every panel, series,
 * colour, scale, position, label and word comes from plugins/deck's
 * deck_trend.h; this file only draws them, in the style of the
 * loss-exceedance chart (pdf_exceedance.c).  Nothing is drawn for a report
 * without an earlier period.
 */
#include "pdf.h"

#include "../deck/deck_trend.h"

#include <math.h>
#include <stdio.h>

/* The most period labels under a panel's axis; fewer when they would not
 * fit side by side. */
#define MAX_PERIOD_LABELS 8

/* The type of the panels: the title, the reading and the axes. */
typedef struct trend_type {
  pdf_font title, reading, axis;
  double line, mark; /* width of the main series' line, half the side of its marks */
  double gap;        /* between panels */
} trend_type;

/* The type for the layout of d: the report's table sizes, or the slides'
 * (nothing under 12 pt). */
static trend_type type_of(const pdf_doc *d) {
  if (d->slides) return (trend_type){{16, 1}, d->f_small, d->f_small, 2.6, 3.6, 28};
  return (trend_type){d->f_cell_bold, d->f_small, d->f_small, 1.5, 2.0, 20};
}

/* The width of the widest period label of h in font f. */
static double widest_label(pdf_doc *d, const bd_history *h, pdf_font f) {
  double widest = 0;
  for (size_t i = 0; i < h->point_count; i++) {
    double w = pdf_text_width(d->text, deck_trend_label(h->points[i]), f);
    if (w > widest) widest = w;
  }
  return widest;
}

/* How many period labels (for deck_trend_labelled) fit under an axis
 * whose first and last points are span apart: the most, up to
 * MAX_PERIOD_LABELS, whose neighbours keep at least gap between them. */
static size_t label_count(pdf_doc *d, const bd_history *h, pdf_font f, double span, double gap) {
  size_t n = h->point_count;
  for (size_t m = MAX_PERIOD_LABELS; m > 2; m--) {
    int fits = 1;
    size_t prev = 0;
    double prev_w = pdf_text_width(d->text, deck_trend_label(h->points[0]), f);
    for (size_t i = 1; i < n && fits; i++) {
      if (!deck_trend_labelled(i, n, m)) continue;
      double w = pdf_text_width(d->text, deck_trend_label(h->points[i]), f);
      double apart = span * (deck_trend_x(i, n) - deck_trend_x(prev, n));
      fits = apart >= (w + prev_w) / 2 + gap;
      prev = i;
      prev_w = w;
    }
    if (fits) return m;
  }
  return 2;
}

/* Draws a dashed line from (x0, y0) to (x1, y1): dashes and gaps of the
 * given lengths, continuing the pattern at *phase (how far into it the
 * line starts), which it advances, so that a polyline's dashes run on
 * across its corners. */
static void dashed_line(pdf_doc *d, double x0, double y0, double x1, double y1, double line,
                        uint32_t rgb, double dash, double gap, double *phase) {
  double len = hypot(x1 - x0, y1 - y0), period = dash + gap;
  if (len <= 0 || period <= 0) return;
  /* dash j runs from j * period - *phase to dash further along the line */
  for (double from = -*phase; from < len; from += period) {
    double a = from > 0 ? from : 0, b = from + dash < len ? from + dash : len;
    if (b <= a) continue;
    pdf_line(d, x0 + (x1 - x0) * a / len, y0 + (y1 - y0) * a / len, x0 + (x1 - x0) * b / len,
             y0 + (y1 - y0) * b / len, line, rgb);
  }
  *phase = fmod(*phase + len, period);
}

/* Draws a series' key: its swatch (a short line, dashed for a dashed
 * series) and its name, ending at right on the line at y.  Returns the
 * x where it starts. */
static double legend_item(pdf_doc *d, const trend_type *t, deck_trend_series s, double right,
                          double y) {
  pdf_font f = t->reading;
  double lh = pdf_text_line_height(f);
  const char *name = pdf_msg(d, deck_trend_series_key(s));
  double tw = pdf_text_width(d->text, name, f), sw = f.size * 1.8;
  double x = right - tw;
  pdf_draw(d, name, f, BD_COLOR_TEXT, x, y, tw + 1, 1, PDF_ALIGN_LEFT);
  x -= f.size * 0.5 + sw;
  uint32_t rgb = deck_trend_color(s);
  double my = y + lh / 2, phase = 0;
  if (deck_trend_dashed(s))
    dashed_line(d, x, my, x + sw, my, t->line, rgb, t->line * 2.4, t->line * 1.6, &phase);
  else
    pdf_line(d, x, my, x + sw, my, t->line, rgb);
  return x;
}

/* The width of a panel's legend (0 for a panel of one series). */
static double legend_width(pdf_doc *d, const trend_type *t, deck_trend_panel panel) {
  deck_trend_series series[2];
  size_t n = deck_trend_panel_series(panel, series);
  if (n < 2) return 0;
  double w = 0;
  for (size_t k = 0; k < n; k++)
    w += pdf_text_width(d->text, pdf_msg(d, deck_trend_series_key(series[k])), t->reading) +
         t->reading.size * 2.3;
  return w + t->reading.size * 1.2 * (double)(n - 1);
}

/* The height of a panel's header, w wide: the title (with the legend
 * beside it when both fit, else under it: *legend_below) and the reading
 * (at most two lines). */
static double header_height(pdf_doc *d, const trend_type *t, deck_trend_panel panel, double w,
                            int *legend_below) {
  char reading[512];
  deck_trend_reading(d->host, d->req, d->r, panel, reading, sizeof reading);
  double title_w = pdf_text_width(d->text, pdf_msg(d, deck_trend_panel_key(panel)), t->title);
  double legend_w = legend_width(d, t, panel), rlh = pdf_text_line_height(t->reading);
  *legend_below = legend_w > 0 && title_w + t->title.size + legend_w > w;
  return pdf_text_line_height(t->title) + (*legend_below ? rlh : 0) +
         pdf_text_line_count(d->text, reading, t->reading, w, 2) * rlh;
}

/* Draws one panel in the box (x, y, w, h) whose header (title, legend,
 * reading) is head tall. */
static void panel_draw(pdf_doc *d, const trend_type *t, const bd_history *hist,
                       deck_trend_panel panel, double x, double y, double w, double h,
                       double head) {
  pdf_font af = t->axis;
  double alh = pdf_text_line_height(af), rlh = pdf_text_line_height(t->reading);
  int legend_below;
  header_height(d, t, panel, w, &legend_below);
  /* the title, the legend beside it (or under it) and the reading */
  pdf_draw(d, pdf_msg(d, deck_trend_panel_key(panel)), t->title, BD_COLOR_TEXT, x, y, w, 1,
           PDF_ALIGN_LEFT);
  double ty = y + pdf_text_line_height(t->title);
  deck_trend_series series[2];
  size_t n_series = deck_trend_panel_series(panel, series);
  if (n_series > 1) {
    double ly = legend_below ? ty : y + (pdf_text_line_height(t->title) - rlh) / 2;
    double right = x + w;
    for (size_t k = n_series; k-- > 0;)
      right = legend_item(d, t, series[k], right, ly) - t->reading.size * 1.2;
    if (legend_below) ty += rlh;
  }
  char reading[512];
  deck_trend_reading(d->host, d->req, d->r, panel, reading, sizeof reading);
  pdf_draw(d, reading, t->reading, BD_COLOR_MUTED, x, ty, w, 2, PDF_ALIGN_LEFT);

  /* the value axis: grid lines every step, their values on the left */
  double step, end = deck_trend_axis_end(hist, panel, &step);
  if (!(step > 0) || !(end > 0)) end = step = 1; /* never a loop without end */
  char label[64];
  double label_w = 0;
  for (double v = 0; v <= end + step / 2; v += step) {
    double lw = pdf_text_width(
        d->text, deck_trend_format(d->host, d->req, d->r, series[0], v, label, sizeof label), af);
    if (lw > label_w) label_w = lw;
  }
  label_w += af.size * 0.6;
  double top = y + head + alh * 0.8, left = x + label_w, pw = w - label_w;
  double ph = y + h - top - alh * 1.5; /* the period labels under it */
  if (ph < 2 * alh) ph = 2 * alh;
  for (double v = 0; v <= end + step / 2; v += step) {
    double gy = top + ph - ph * deck_trend_y(v, end);
    pdf_hrule(d, left, left + pw, gy, v > 0 ? 0.4 : 0.8,
              v > 0 ? PDF_COLOR_RULE : PDF_COLOR_RULE_STRONG);
    pdf_draw(d, deck_trend_format(d->host, d->req, d->r, series[0], v, label, sizeof label), af,
             BD_COLOR_MUTED, x, gy - alh / 2, label_w - af.size * 0.4, 1, PDF_ALIGN_RIGHT);
  }

  /* the periods: inset by half the widest label, so the labels stay in
   * the panel; at most as many labels as fit */
  size_t n = hist->point_count;
  double inset = widest_label(d, hist, af) / 2 + af.size * 0.2;
  if (inset > pw / 4) inset = pw / 4;
  double x0 = left + inset, span = pw - 2 * inset;
  size_t labels = label_count(d, hist, af, span, af.size * 0.4 + 1);
  for (size_t i = 0; i < n; i++) {
    double px = x0 + span * deck_trend_x(i, n);
    pdf_line(d, px, top + ph, px, top + ph + af.size * 0.3, 0.6, PDF_COLOR_RULE_STRONG);
    if (!deck_trend_labelled(i, n, labels)) continue;
    const char *name = deck_trend_label(hist->points[i]);
    double lw = pdf_text_width(d->text, name, af) + 1;
    pdf_draw(d, name, af, hist->points[i]->this_report ? BD_COLOR_TEXT : BD_COLOR_MUTED,
             px - lw / 2, top + ph + af.size * 0.4, lw, 1, PDF_ALIGN_CENTER);
  }

  /* the series: lines between the points that have the figure (a missing
   * figure breaks the line), the second dashed; a mark on every point,
   * the second's smaller and over the first's */
  for (size_t k = n_series; k-- > 0;) {
    deck_trend_series s = series[k];
    uint32_t rgb = deck_trend_color(s);
    double line = k ? t->line * 0.85 : t->line, phase = 0, v;
    int dashed = deck_trend_dashed(s), have_prev = 0;
    double prev_x = 0, prev_y = 0;
    for (size_t i = 0; i < n; i++) {
      if (!deck_trend_value(hist->points[i], s, &v)) {
        have_prev = 0;
        phase = 0;
        continue;
      }
      double px = x0 + span * deck_trend_x(i, n), py = top + ph - ph * deck_trend_y(v, end);
      if (have_prev && dashed)
        dashed_line(d, prev_x, prev_y, px, py, line, rgb, line * 2.4, line * 1.6, &phase);
      else if (have_prev)
        pdf_line(d, prev_x, prev_y, px, py, line, rgb);
      double r = k ? t->mark * 0.6 : t->mark;
      if (hist->points[i]->this_report) r *= 1.25;
      pdf_fill(d, k ? PDF_LAYER_TOP : PDF_LAYER_MARK, px - r, py - r, 2 * r, 2 * r, rgb);
      prev_x = px;
      prev_y = py;
      have_prev = 1;
    }
  }
}

/* See pdf.h. */
double pdf_trend(pdf_doc *d, double x, double y, double w, double h) {
  const bd_history *hist = deck_trend_history(d->r);
  if (hist == NULL) return 0;
  trend_type t = type_of(d);
  deck_trend_panel panels[DECK_TREND_PANELS];
  size_t count = deck_trend_panels(hist, panels), columns, rows;
  deck_trend_grid(count, &columns, &rows);
  double pw = (w - t.gap * (double)(columns - 1)) / (double)columns;
  double ph = (h - t.gap * (double)(rows - 1)) / (double)rows;
  /* one header height for every panel, so that the charts line up */
  double head = 0;
  for (size_t i = 0; i < count; i++) {
    int below;
    double hh = header_height(d, &t, panels[i], pw, &below);
    if (hh > head) head = hh;
  }
  for (size_t i = 0; i < count; i++) {
    size_t col = i % columns, row = i / columns;
    panel_draw(d, &t, hist, panels[i], x + (double)col * (pw + t.gap),
               y + (double)row * (ph + t.gap), pw, ph, head);
  }
  return h;
}

/* Draws, under the panels of the report page, every period's figures as a
 * table from y with room below it: a row a period, this report's in bold
 * on a band, the latest periods when not all fit.  Returns the height. */
static double periods_table(pdf_doc *d, const bd_history *h, double y, double room) {
  deck_trend_series series[DECK_TREND_SERIES];
  size_t n = deck_trend_table_series(h, series);
  pdf_col cols[DECK_TREND_SERIES + 1];
  char value[64], sample[64];
  cols[0] = (pdf_col){pdf_msg(d, "meta.period"), 0, PDF_ALIGN_LEFT, 0};
  for (size_t k = 0; k < n; k++) { /* each column as wide as its widest figure */
    double widest = -1, v;
    sample[0] = '\0';
    for (size_t i = 0; i < h->point_count; i++) {
      if (!deck_trend_value(h->points[i], series[k], &v)) continue;
      deck_trend_format(d->host, d->req, d->r, series[k], v, value, sizeof value);
      double w = pdf_text_width(d->text, value, d->f_cell_bold);
      if (w > widest) {
        widest = w;
        snprintf(sample, sizeof sample, "%s", value);
      }
    }
    const char *label = pdf_msg(d, deck_trend_column_key(series[k]));
    cols[k + 1] = (pdf_col){label, pdf_col_width(d, sample, label), PDF_ALIGN_RIGHT, 0};
  }
  pdf_cols_place(cols, n + 1, d->x0, d->x1);
  double head = pdf_cols_header_height(d, cols, n + 1), rh = pdf_row_height(d, d->f_cell, 1);
  size_t fit = room > head ? (size_t)((room - head) / rh) : 0;
  if (fit < 2) return 0;
  size_t first = h->point_count > fit ? h->point_count - fit : 0;
  double top = y;
  y += pdf_cols_header(d, cols, n + 1, y);
  for (size_t i = first; i < h->point_count; i++) {
    const bd_history_point *p = h->points[i];
    pdf_font f = p->this_report ? d->f_cell_bold : d->f_cell;
    if (p->this_report) pdf_fill(d, PDF_LAYER_BASE, d->x0, y, d->x1 - d->x0, rh, PDF_COLOR_ZEBRA);
    pdf_cell(d, &cols[0], deck_trend_label(p), f, BD_COLOR_TEXT, y, 1);
    for (size_t k = 0; k < n; k++) {
      double v;
      const char *text =
          deck_trend_value(p, series[k], &v)
              ? deck_trend_format(d->host, d->req, d->r, series[k], v, value, sizeof value)
              : "\u2013";
      pdf_cell(d, &cols[k + 1], text, f, BD_COLOR_TEXT, y, 1);
    }
    y += rh;
    pdf_hrule(d, d->x0, d->x1, y, 0.4, PDF_COLOR_RULE);
  }
  return y - top;
}

/* Draws the trend's page, or the slide s of the deck plan (NULL: none):
 * the heading, the caption and the panels across the page's width; on a
 * slide they fill it, on a report page they take at most 0.7 of the width
 * in height for a 2 x 2 grid (0.45 for 3 x 1) and every period's figures
 * follow in a table. */
static int draw_page(pdf_doc *d, const deck_slide *s) {
  double y = pdf_slide_begin(d, s, pdf_msg(d, "heading.trend"), 0);
  y += pdf_draw(d, pdf_msg(d, "caption.trend"), d->f_subtitle, BD_COLOR_MUTED, d->x0, y,
                d->x1 - d->x0, 2, PDF_ALIGN_LEFT) *
           pdf_text_line_height(d->f_subtitle) +
       d->pad * 2;
  const bd_history *h = deck_trend_history(d->r);
  double w = d->x1 - d->x0, tall = d->y1 - y - (d->slides ? 8 : 0);
  if (!d->slides) {
    deck_trend_panel panels[DECK_TREND_PANELS];
    size_t columns, rows;
    deck_trend_grid(deck_trend_panels(h, panels), &columns, &rows);
    if (w * (rows > 1 ? 0.7 : 0.45) < tall) tall = w * (rows > 1 ? 0.7 : 0.45);
  }
  y += pdf_trend(d, d->x0, y, w, tall);
  if (!d->slides) periods_table(d, h, y + 24, d->y1 - y - 24);
  return pdf_page_end(d);
}

/* See pdf.h. */
size_t pdf_trend_paginate(pdf_doc *d) {
  if (d->deck == NULL) return 1;
  size_t planned;
  pdf_deck_view(d, DECK_SLIDE_TREND, 0, &planned);
  return planned;
}

/* See pdf.h. */
int pdf_trend_draw(pdf_doc *d) {
  size_t planned = 0;
  const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_TREND, 0, &planned);
  int rc = 0;
  if (s == NULL) return draw_page(d, NULL);
  for (size_t k = 0; k < planned && rc == 0; k++) rc = draw_page(d, &s[k]);
  return rc;
}
