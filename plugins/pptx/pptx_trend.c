/*
 * pptx_trend.c - the Trend slide of a report with a history (`--history
 * DIR`, deck_trend.h): the service's figures over its archived periods
 * and this report as small multiples, drawn natively and editable like
 * the loss-exceedance slide (pptx_exceedance.c): each panel's title and
 * reading as text boxes, its grid lines and axis as line shapes, its
 * series as freeforms (the second dashed) with a point marker a period,
 * the value labels up the left, the period labels under the axis, and a
 * key for a panel of two series.  Every figure, word, colour and scale
 * comes from deck_trend; the speaker notes read every period's figures.
 */
#include "pptx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../deck/deck_trend.h"

#define RULE_STRONG 0x9AA5B1L

/* The exceedance slide's type sizes as px: the caption 16 pt, the labels
 * and the readings 12 pt; a panel's title 14 pt. */
#define CAPTION_PX (16 / 0.75)
#define TITLE_PX   (14 / 0.75)
#define LABEL_PX   (12 / 0.75)

/* Between the panels of the grid, px. */
#define GAP_X 40
#define GAP_Y 22

/* A series' line and its point markers, px. */
#define LINE_WIDTH   2.5
#define MARKER_SOLID 4
#define MARKER_DASH  3.25

/* The most period labels under an axis, and the room between two. */
#define MAX_LABELS 8
#define LABEL_GAP  8

/* The most points of one freeform (a longer series is drawn in pieces). */
#define MAX_POINTS 512

/* The fonts of a panel. */
static const pptx_font title_font = {TITLE_PX, 1, PPTX_THEME_TEXT};
static const pptx_font reading_font = {LABEL_PX, 0, PPTX_THEME_TEXT};
static const pptx_font label_font = {LABEL_PX, 0, BD_COLOR_MUTED};

/* The key of a two-series panel, measured: each series' swatch and name. */
typedef struct key {
  size_t n;
  const char *names[2];
  double name_w[2];
  double width; /* all of it, px */
} key;

/* One panel's words and the height of its head (title, reading, key). */
typedef struct panel_head {
  deck_trend_panel panel;
  deck_trend_series series[2];
  size_t series_count;
  const char *title;
  char reading[512];
  key k;
  int key_own_line; /* the key under the reading (too wide beside the title) */
  double height;
} panel_head;

#define SWATCH_W (LABEL_PX * 1.6)

/* Measures the key of a panel of two series (none for one). */
static void measure_key(pptx *d, panel_head *p) {
  p->k.n = p->series_count > 1 ? p->series_count : 0;
  p->k.width = 0;
  for (size_t i = 0; i < p->k.n; i++) {
    p->k.names[i] = pptx_msg(d, deck_trend_series_key(p->series[i]));
    p->k.name_w[i] = pptx_width(d, p->k.names[i], label_font) + 2;
    p->k.width += (i ? LABEL_PX : 0) + SWATCH_W + LABEL_PX * 0.4 + p->k.name_w[i];
  }
}

/* Breaks a reading too wide for one line w px wide before its first
 * period's figures ("... (2024-Q3: ...)"), so that a period's label is
 * not cut at its hyphen. */
static void break_reading(pptx *d, char *reading, double w) {
  if (pptx_lines(d, reading, reading_font, w) <= 1) return;
  char *open = strrchr(reading, '(');
  if (open && open > reading && open[-1] == ' ') open[-1] = '\n';
}

/* Lays out the head of a panel w px wide: the title, with the key on its
 * right when both fit on one line, then the reading. */
static void measure_head(pptx *d, panel_head *p, double w) {
  p->series_count = deck_trend_panel_series(p->panel, p->series);
  p->title = pptx_msg(d, deck_trend_panel_key(p->panel));
  deck_trend_reading(d->host, d->req, d->r, p->panel, p->reading, sizeof p->reading);
  break_reading(d, p->reading, w);
  measure_key(d, p);
  double title_w = pptx_width(d, p->title, title_font);
  p->key_own_line = p->k.n && title_w + LABEL_PX + p->k.width > w;
  double lh = LABEL_PX * PPTX_LINE;
  p->height = pptx_lines(d, p->title, title_font, w) * TITLE_PX * PPTX_LINE +
              pptx_lines(d, p->reading, reading_font, w) * lh + (p->key_own_line ? lh : 0);
}

/* Draws the key from its right end at (right, y) on a line lh high. */
static void draw_key(pptx *d, const panel_head *p, double right, double y, double lh) {
  double x = right - p->k.width;
  for (size_t i = 0; i < p->k.n; i++) {
    deck_trend_series s = p->series[i];
    long color = (long)deck_trend_color(s);
    double mid = y + lh / 2;
    pptx_line_dashed(d, x, mid, x + SWATCH_W, mid, LINE_WIDTH, color, deck_trend_dashed(s));
    x += SWATCH_W + LABEL_PX * 0.4;
    pptx_font nf = {LABEL_PX, 0, PPTX_THEME_TEXT};
    pptx_text_box(d, x, y, p->k.name_w[i], lh, p->k.names[i], nf, PPTX_LEFT);
    x += p->k.name_w[i] + LABEL_PX;
  }
}

/* The x of each labelled period is spaced at least `room` px apart when
 * at most max_labels show on a span of `span` px: checked on the labels
 * deck_trend_labelled gives. */
static int labels_fit(size_t n, size_t max_labels, double span, double room) {
  double last = -1e9;
  for (size_t i = 0; i < n; i++) {
    if (!deck_trend_labelled(i, n, max_labels)) continue;
    double x = span * deck_trend_x(i, n);
    if (x - last < room) return 0;
    last = x;
  }
  return 1;
}

/* Draws one series of a panel in the plot box (left, top, w, h): the
 * line through its periods (broken where a period lacks the figure) and
 * a marker at each. */
static void draw_series(pptx *d, const bd_history *h, deck_trend_series s, double end, double left,
                        double top, double w, double h_px) {
  static double xs[MAX_POINTS], ys[MAX_POINTS];
  size_t n = h->point_count, run = 0;
  long color = (long)deck_trend_color(s);
  int dashed = deck_trend_dashed(s);
  for (size_t i = 0; i <= n; i++) {
    double v;
    if (i < n && deck_trend_value(h->points[i], s, &v)) {
      if (run == MAX_POINTS) { /* a long history: one freeform a MAX_POINTS, joined */
        pptx_freeform(d, xs, ys, run, LINE_WIDTH, color, dashed);
        xs[0] = xs[run - 1];
        ys[0] = ys[run - 1];
        run = 1;
      }
      xs[run] = left + w * deck_trend_x(i, n);
      ys[run++] = top + h_px - h_px * deck_trend_y(v, end);
      continue;
    }
    pptx_freeform(d, xs, ys, run, LINE_WIDTH, color, dashed); /* nothing under two points */
    run = 0;
  }
  double r = dashed ? MARKER_DASH : MARKER_SOLID;
  for (size_t i = 0; i < n; i++) {
    double v;
    if (deck_trend_value(h->points[i], s, &v))
      pptx_dot(d, left + w * deck_trend_x(i, n), top + h_px - h_px * deck_trend_y(v, end), r,
               color);
  }
}

/* Draws a panel in the box (x, y, w, h) whose head takes head_h px. */
static void draw_panel(pptx *d, const bd_history *h, const panel_head *p, double x, double y,
                       double w, double h_px, double head_h) {
  double lh = LABEL_PX * PPTX_LINE,
         th = pptx_lines(d, p->title, title_font, w) * TITLE_PX * PPTX_LINE;
  pptx_text_box(d, x, y, w, th, p->title, title_font, PPTX_LEFT);
  if (p->k.n && !p->key_own_line) draw_key(d, p, x + w, y + (th - lh) / 2, lh);
  double rh = pptx_lines(d, p->reading, reading_font, w) * lh;
  pptx_text_box(d, x, y + th, w, rh, p->reading, reading_font, PPTX_LEFT);
  if (p->key_own_line) draw_key(d, p, x + w, y + th + rh, lh);

  /* the value axis: its labels' widest sets the plot's left */
  double step, end = deck_trend_axis_end(h, p->panel, &step);
  size_t ticks = (size_t)llround(end / step);
  char fig[64];
  double label_w = 0;
  for (size_t k = 0; k <= ticks; k++) {
    double tw = pptx_width(
        d,
        deck_trend_format(d->host, d->req, d->r, p->series[0], step * (double)k, fig, sizeof fig),
        label_font);
    if (tw > label_w) label_w = tw;
  }
  double left = x + label_w + LABEL_PX * 0.5, pw = x + w - left;
  double top = y + head_h + lh * 0.8, bottom = y + h_px - lh * 1.3, ph = bottom - top;
  if (ph < 2 * lh) ph = 2 * lh;
  /* a grid line and its label every `every` ticks (1, 2, 4, ...: 0%, 50%,
   * 100% of an overspent error budget), the labels a line apart */
  size_t every = 1;
  while (every < ticks && ph / (double)ticks * (double)every < lh * 1.1) every *= 2;
  for (size_t k = 0; k <= ticks; k += every) {
    double gy = top + ph - ph * deck_trend_y(step * (double)k, end);
    pptx_line(d, left, gy, left + pw, gy, k ? 0.75 : 1.5, k ? PPTX_COLOR_RULE : RULE_STRONG);
    deck_trend_format(d->host, d->req, d->r, p->series[0], step * (double)k, fig, sizeof fig);
    pptx_text_box(d, x, gy - lh / 2, label_w + 1, lh, fig, label_font, PPTX_RIGHT);
  }

  /* the periods: inset by half the widest label, so that the first and
   * the last label stay over the plot; as many labels as fit apart */
  size_t n = h->point_count;
  double period_w = 0;
  for (size_t i = 0; i < n; i++) {
    double tw = pptx_width(d, deck_trend_label(h->points[i]), label_font);
    if (tw > period_w) period_w = tw;
  }
  double inset = period_w / 2 + 2;
  if (inset > pw / 4) inset = pw / 4;
  double span = pw - 2 * inset;
  size_t max_labels = MAX_LABELS;
  while (max_labels > 2 && !labels_fit(n, max_labels, span, period_w + LABEL_GAP)) max_labels--;
  for (size_t i = 0; i < n; i++) {
    double px = left + inset + span * deck_trend_x(i, n);
    pptx_line(d, px, top + ph, px, top + ph + LABEL_PX * 0.3, 1, RULE_STRONG);
    if (!deck_trend_labelled(i, n, max_labels)) continue;
    double bw = period_w + LABEL_GAP;
    pptx_text_box(d, px - bw / 2, top + ph + LABEL_PX * 0.35, bw, lh,
                  deck_trend_label(h->points[i]), label_font, PPTX_CENTER);
  }
  /* the series: the dashed second under the main one */
  for (size_t k = p->series_count; k-- > 0;)
    draw_series(d, h, p->series[k], end, left + inset, top, span, ph);
}

/* See pptx.h. */
void pptx_trend_slide(pptx *d, const deck_slide *s) {
  double y = pptx_slide_begin(d, s->heading), bottom = pptx_body_bottom() - DECK_SAFETY;
  double x = DECK_PAD_X, w = DECK_CONTENT;
  const char *caption = pptx_msg(d, "caption.trend");
  pptx_font cf = {CAPTION_PX, 0, BD_COLOR_MUTED};
  double ch = pptx_lines(d, caption, cf, w) * cf.px * PPTX_LINE;
  pptx_text_box(d, x, y, w, ch, caption, cf, PPTX_LEFT);
  y += ch + 14;
  pptx_note(d, "%s: %s", s->heading ? s->heading : pptx_msg(d, "heading.trend"), caption);
  const bd_history *h = deck_trend_history(d->r);
  if (h == NULL) return;

  deck_trend_panel panels[DECK_TREND_PANELS];
  size_t count = deck_trend_panels(h, panels), columns, rows;
  deck_trend_grid(count, &columns, &rows);
  double pw = (w - GAP_X * (double)(columns - 1)) / (double)columns;
  double row_h = (bottom - y - GAP_Y * (double)(rows - 1)) / (double)rows;
  panel_head heads[DECK_TREND_PANELS];
  for (size_t i = 0; i < count; i++) {
    heads[i].panel = panels[i];
    measure_head(d, &heads[i], pw);
  }
  for (size_t row = 0; row < rows; row++) {
    double head_h = 0; /* the row's tallest head, so that its plots line up */
    for (size_t c = 0; c < columns && row * columns + c < count; c++)
      if (heads[row * columns + c].height > head_h) head_h = heads[row * columns + c].height;
    for (size_t c = 0; c < columns && row * columns + c < count; c++)
      draw_panel(d, h, &heads[row * columns + c], x + (pw + GAP_X) * (double)c,
                 y + (row_h + GAP_Y) * (double)row, pw, row_h, head_h);
  }
  pptx_trend_notes(d);
}
