/*
 * deck_trend.c - the Trend view's panels, series, scales and words, for
 * every writer alike (see deck_trend.h).
 */
#include "deck_trend.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "deck_figures.h"

const bd_history *deck_trend_history(const bd_report *r) {
  if (r == NULL || !BD_HAS(r, bd_report, history) || r->history == NULL) return NULL;
  return r->history->point_count >= 2 ? r->history : NULL;
}

size_t deck_trend_panels(const bd_history *h, deck_trend_panel panels[DECK_TREND_PANELS]) {
  int budget = 0;
  for (size_t i = 0; i < h->point_count; i++) budget = budget || h->points[i]->has_budget;
  size_t n = 0;
  panels[n++] = DECK_TREND_PANEL_LOSS;
  if (budget) panels[n++] = DECK_TREND_PANEL_BUDGET;
  panels[n++] = DECK_TREND_PANEL_COVERAGE;
  panels[n++] = DECK_TREND_PANEL_DECISIONS;
  return n;
}

void deck_trend_grid(size_t panel_count, size_t *columns, size_t *rows) {
  *columns = panel_count == 4 ? 2 : panel_count;
  *rows = panel_count == 4 ? 2 : 1;
}

size_t deck_trend_panel_series(deck_trend_panel panel, deck_trend_series series[2]) {
  switch (panel) {
  case DECK_TREND_PANEL_LOSS:
    series[0] = DECK_TREND_NOW;
    series[1] = DECK_TREND_PLANNED;
    return 2;
  case DECK_TREND_PANEL_BUDGET:
    series[0] = DECK_TREND_BUDGET;
    return 1;
  case DECK_TREND_PANEL_COVERAGE:
    series[0] = DECK_TREND_COVERAGE;
    series[1] = DECK_TREND_VERIFIED;
    return 2;
  default:
    series[0] = DECK_TREND_DECISIONS;
    return 1;
  }
}

/* The titles and legend labels reuse the words the other views use for
 * the same figures (one fact, one word); only "Yearly loss" is the
 * trend's own. */
const char *deck_trend_panel_key(deck_trend_panel panel) {
  static const char *const keys[DECK_TREND_PANELS] = {
      "trend.panel.loss", "figure.error_budget_used", "figure.coverage", "figure.decisions"};
  return (unsigned)panel < DECK_TREND_PANELS ? keys[panel] : keys[0];
}

const char *deck_trend_series_key(deck_trend_series series) {
  static const char *const keys[DECK_TREND_SERIES] = {
      "state.current",   "state.planned", "figure.error_budget_used",
      "figure.coverage", "cell.verified", "figure.decisions"};
  return (unsigned)series < DECK_TREND_SERIES ? keys[series] : keys[0];
}

size_t deck_trend_table_series(const bd_history *h, deck_trend_series series[DECK_TREND_SERIES]) {
  deck_trend_panel panels[DECK_TREND_PANELS];
  size_t count = deck_trend_panels(h, panels), n = 0;
  for (size_t i = 0; i < count; i++) n += deck_trend_panel_series(panels[i], series + n);
  return n;
}

const char *deck_trend_column_key(deck_trend_series series) {
  static const char *const keys[DECK_TREND_SERIES] = {
      "column.current",  "column.planned",           "column.budget_used",
      "column.coverage", "column.verified_coverage", "column.decisions"};
  return (unsigned)series < DECK_TREND_SERIES ? keys[series] : keys[0];
}

unsigned deck_trend_color(deck_trend_series series) {
  switch (series) {
  case DECK_TREND_PLANNED:
  case DECK_TREND_VERIFIED:
    return BD_COLOR_CELL_VERIFIED; /* like the exceedance chart's planned curve */
  case DECK_TREND_BUDGET:
    return BD_COLOR_HEAT_HIGH;
  default:
    return BD_COLOR_ACCENT;
  }
}

int deck_trend_dashed(deck_trend_series series) {
  return series == DECK_TREND_PLANNED || series == DECK_TREND_VERIFIED;
}

/* The largest figure a trend draws: an archived report is a file anyone
 * may have edited, and a figure beyond this (or not finite) is no figure
 * a panel can scale to. */
#define DECK_TREND_MAX_FIGURE 1e15

/* The figure of series at p, whether or not it is drawable. */
static int raw_value(const bd_history_point *p, deck_trend_series series, double *v) {
  switch (series) {
  case DECK_TREND_NOW:
    *v = p->eal_now;
    return p->has_money;
  case DECK_TREND_PLANNED:
    *v = p->eal_planned;
    return p->has_money;
  case DECK_TREND_BUDGET:
    *v = p->budget_used;
    return p->has_budget;
  case DECK_TREND_COVERAGE:
    *v = p->coverage;
    return 1;
  case DECK_TREND_VERIFIED:
    *v = p->verified_coverage;
    return 1;
  default:
    *v = (double)p->decisions;
    return 1;
  }
}

int deck_trend_value(const bd_history_point *p, deck_trend_series series, double *v) {
  if (!raw_value(p, series, v)) return 0;
  if (isfinite(*v) && *v >= 0 && *v <= DECK_TREND_MAX_FIGURE) return 1;
  *v = 0;
  return 0;
}

double deck_trend_scale(deck_trend_panel panel, double top, double *step) {
  if (panel == DECK_TREND_PANEL_COVERAGE || panel == DECK_TREND_PANEL_BUDGET) {
    /* shares: 0 to 100% by 25%; an overspent budget by a round step of
     * whole quarters, so that the axis keeps about four steps */
    if (top <= 1) {
      *step = 0.25;
      return 1;
    }
    *step = fmax(0.25, ceil(deck_nice_step(top, 4) / 0.25) * 0.25);
    return ceil(top / *step) * *step;
  }
  if (panel == DECK_TREND_PANEL_DECISIONS) {
    *step = top <= 4 ? 1 : ceil(deck_nice_step(top, 4));
    return top < 1 ? 1 : ceil(top / *step) * *step;
  }
  if (top <= 0) {
    *step = 1;
    return 1;
  }
  *step = deck_nice_step(top, 4);
  return ceil(top / *step) * *step;
}

double deck_trend_axis_end(const bd_history *h, deck_trend_panel panel, double *step) {
  deck_trend_series series[2];
  size_t n = deck_trend_panel_series(panel, series);
  double top = 0, v;
  for (size_t i = 0; i < h->point_count; i++)
    for (size_t k = 0; k < n; k++)
      if (deck_trend_value(h->points[i], series[k], &v) && v > top) top = v;
  return deck_trend_scale(panel, top, step);
}

double deck_trend_x(size_t i, size_t n) {
  return n <= 1 ? 0.5 : (double)i / (double)(n - 1);
}

double deck_trend_y(double v, double end) {
  if (end <= 0 || v <= 0) return 0;
  return v >= end ? 1 : v / end;
}

int deck_trend_labelled(size_t i, size_t n, size_t max_labels) {
  if (i == 0 || i + 1 == n || n <= max_labels) return 1;
  if (max_labels < 3) return 0;
  /* every k-th from the first, leaving room before the last */
  size_t k = (n - 2 + max_labels - 3) / (max_labels - 2);
  return i % k == 0 && n - 1 - i >= k / 2 + 1;
}

/* The code points of the UTF-8 text s, counting at most max + 1. */
static size_t code_points(const char *s, size_t max) {
  size_t n = 0;
  for (; *s && n <= max; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

const char *deck_trend_label(const bd_history_point *p) {
  if (p->period && *p->period &&
      code_points(p->period, DECK_TREND_LABEL_MAX) <= DECK_TREND_LABEL_MAX)
    return p->period;
  if (p->as_of && code_points(p->as_of, DECK_TREND_LABEL_MAX) <= DECK_TREND_LABEL_MAX)
    return p->as_of;
  return "\u2026";
}

char *deck_trend_format(const bd_host *host, const bd_render_request *req, const bd_report *r,
                        deck_trend_series series, double v, char *buf, size_t size) {
  switch (series) {
  case DECK_TREND_NOW:
  case DECK_TREND_PLANNED:
    host->format_money(v, r->currency, BD_MONEY_COMPACT, req->lang, buf, size);
    break;
  case DECK_TREND_BUDGET:
  case DECK_TREND_COVERAGE:
  case DECK_TREND_VERIFIED:
    host->format_share(v, buf, size);
    break;
  default:
    snprintf(buf, size, "%.0f", v);
  }
  return buf;
}

/* Appends s to buf (of size, used *len), cutting at the end. */
static void append(char *buf, size_t size, size_t *len, const char *s) {
  size_t n = strlen(s);
  if (*len + n >= size) { /* cut, never inside a character */
    n = size - 1 - *len;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  memcpy(buf + *len, s, n);
  *len += n;
  buf[*len] = '\0';
}

/* The figure of series at p, formatted, or "–". */
static const char *figure(const bd_host *host, const bd_render_request *req, const bd_report *r,
                          const bd_history_point *p, deck_trend_series series, char *buf,
                          size_t size) {
  double v;
  if (!deck_trend_value(p, series, &v)) return "\u2013";
  return deck_trend_format(host, req, r, series, v, buf, size);
}

char *deck_trend_reading(const bd_host *host, const bd_render_request *req, const bd_report *r,
                         deck_trend_panel panel, char *buf, size_t size) {
  const bd_history *h = r->history;
  deck_trend_series series[2];
  size_t n = deck_trend_panel_series(panel, series), len = 0;
  char fig[64];
  buf[0] = '\0';
  const bd_history_point *last = h->points[h->point_count - 1], *first = h->points[0];
  for (size_t k = 0; k < n; k++) {
    if (k) append(buf, size, &len, " \u00b7 ");
    if (n > 1) {
      append(buf, size, &len, host->message(req->output, deck_trend_series_key(series[k])));
      append(buf, size, &len, " ");
    }
    append(buf, size, &len, figure(host, req, r, last, series[k], fig, sizeof fig));
  }
  append(buf, size, &len, " (");
  append(buf, size, &len, deck_trend_label(first));
  append(buf, size, &len, ": ");
  for (size_t k = 0; k < n; k++) {
    if (k) append(buf, size, &len, " \u00b7 ");
    append(buf, size, &len, figure(host, req, r, first, series[k], fig, sizeof fig));
  }
  append(buf, size, &len, ")");
  return buf;
}

/* Writes the words of period i of panel (its label and each series'
 * figure) into one (the caller's). */
static void period_words(const bd_host *host, const bd_render_request *req, const bd_report *r,
                         deck_trend_panel panel, size_t i, char *one, size_t size) {
  deck_trend_series series[2];
  size_t n = deck_trend_panel_series(panel, series), used = 0;
  char fig[64];
  one[0] = '\0';
  append(one, size, &used, deck_trend_label(r->history->points[i]));
  for (size_t k = 0; k < n; k++) {
    append(one, size, &used, k ? ", " : " ");
    if (n > 1) {
      append(one, size, &used, host->message(req->output, deck_trend_series_key(series[k])));
      append(one, size, &used, " ");
    }
    append(one, size, &used,
           figure(host, req, r, r->history->points[i], series[k], fig, sizeof fig));
  }
}

char *deck_trend_description(const bd_host *host, const bd_render_request *req, const bd_report *r,
                             deck_trend_panel panel, char *buf, size_t size) {
  const bd_history *h = r->history;
  char one[256];
  size_t len = 0;
  buf[0] = '\0';
  append(buf, size, &len, host->message(req->output, deck_trend_panel_key(panel)));
  append(buf, size, &len, ": ");
  /* the newest periods that fit (this report last), "…" for the older */
  size_t first = h->point_count, room = size - 1 - len, need = 0;
  while (first > 0) {
    period_words(host, req, r, panel, first - 1, one, sizeof one);
    size_t more = strlen(one) + (first < h->point_count ? 2 : 0);
    if (need + more + (first > 1 ? strlen("\u2026; ") : 0) > room) break;
    need += more;
    first--;
  }
  if (first > 0) append(buf, size, &len, "\u2026; ");
  for (size_t i = first; i < h->point_count; i++) {
    if (i > first) append(buf, size, &len, "; ");
    period_words(host, req, r, panel, i, one, sizeof one);
    append(buf, size, &len, one);
  }
  return buf;
}
