/*
 * deck_trend.h - the Trend view of a report with a history (`--history
 * DIR`, ABI 2.3): a service's figures over its archived periods and this
 * report, as small multiples.  Decided once for every writer (the html
 * report and slides, the pdf report and deck, the pptx deck): which
 * panels there are, which series each draws, in which colour, the value
 * axis, where each period sits, which periods get a label, and the words
 * and figures each panel reads.  Nothing here computes a figure: the
 * values are the model's history points (bd_history_point), formatted
 * through the host's display rules.
 *
 * A panel is drawn in a box: x runs from 0 (the first period) to 1 (this
 * report), y from 0 (the axis's 0) to 1 (its end).  A point that lacks a
 * series' figure (an archived report in another currency, or without an
 * SLO) breaks that series' line.
 */
#ifndef BD_DECK_TREND_H
#define BD_DECK_TREND_H

#include <badday/plugin.h>
#include <stddef.h>

/* The figures a trend shows. */
typedef enum deck_trend_series {
  DECK_TREND_NOW,       /* yearly loss now (current state) */
  DECK_TREND_PLANNED,   /* yearly loss once planned measures are in place */
  DECK_TREND_BUDGET,    /* share of the error budget used */
  DECK_TREND_COVERAGE,  /* coverage */
  DECK_TREND_VERIFIED,  /* verified coverage */
  DECK_TREND_DECISIONS, /* decisions needed */
  DECK_TREND_SERIES
} deck_trend_series;

/* The small multiples, in the order they are drawn. */
typedef enum deck_trend_panel {
  DECK_TREND_PANEL_LOSS,      /* now and planned */
  DECK_TREND_PANEL_BUDGET,    /* error budget used (only when a point has an SLO) */
  DECK_TREND_PANEL_COVERAGE,  /* coverage and verified coverage */
  DECK_TREND_PANEL_DECISIONS, /* decisions needed */
  DECK_TREND_PANELS
} deck_trend_panel;

/* The history of r to draw, or NULL: r has none (no --history, a host
 * before ABI 2.3) or only its own point (nothing archived before it). */
const bd_history *deck_trend_history(const bd_report *r);

/* The panels drawn for h, in order, into panels[] (DECK_TREND_PANELS
 * long); returns how many (3 or 4: the budget panel only when some point
 * has an error budget). */
size_t deck_trend_panels(const bd_history *h, deck_trend_panel panels[DECK_TREND_PANELS]);

/* The grid the panels are laid out in: 4 panels in 2 x 2, 3 in 3 x 1. */
void deck_trend_grid(size_t panel_count, size_t *columns, size_t *rows);

/* The series of a panel into series[] (2 long); returns how many (1 or 2).
 * The first is the main one, drawn solid; the second is drawn dashed. */
size_t deck_trend_panel_series(deck_trend_panel panel, deck_trend_series series[2]);

/* The columns of a table of every period's figures (the report's, under
 * the panels): the series of every panel drawn for h, in panel order,
 * into series[] (DECK_TREND_SERIES long); returns how many. */
size_t deck_trend_table_series(const bd_history *h, deck_trend_series series[DECK_TREND_SERIES]);

/* The message key of a series' column head in that table: the words the
 * other tables use for the same figure ("column.current", ...). */
const char *deck_trend_column_key(deck_trend_series series);

/* The message key of a panel's title ("trend.panel.loss", ...). */
const char *deck_trend_panel_key(deck_trend_panel panel);

/* The message key of a series' legend label ("state.current", ...). */
const char *deck_trend_series_key(deck_trend_series series);

/* The colour of a series' line and points, 0xRRGGBB (plugin.h colours). */
unsigned deck_trend_color(deck_trend_series series);

/* Whether series is drawn dashed (the second series of its panel). */
int deck_trend_dashed(deck_trend_series series);

/* Whether point p has a figure for series that a panel can draw (finite,
 * 0 to 1e15: an archived report may have been edited); then *v is it. */
int deck_trend_value(const bd_history_point *p, deck_trend_series series, double *v);

/* The value axis of a panel for h: from 0 to the returned end, with a
 * grid line every *step.  Money: the largest figure rounded up to a round
 * step; shares: 0 to 100% by 25% (further when the error budget is
 * overspent); decisions: whole numbers. */
double deck_trend_axis_end(const bd_history *h, deck_trend_panel panel, double *step);

/* The same rule for any largest value `top` of a panel's figures (the
 * archive index scales its columns of small multiples with it). */
double deck_trend_scale(deck_trend_panel panel, double top, double *step);

/* Where point i of n sits across a panel, 0..1 (0.5 for a single point). */
double deck_trend_x(size_t i, size_t n);

/* Where value v sits up a panel whose axis ends at end, 0..1. */
double deck_trend_y(double v, double end);

/* Whether point i of n gets its period label under the axis: the first,
 * the last, and evenly spaced ones between so that at most max_labels
 * show. */
int deck_trend_labelled(size_t i, size_t n, size_t max_labels);

/* The longest period name a trend shows, in code points: a longer one is
 * labelled by its as_of date. */
#define DECK_TREND_LABEL_MAX 20

/* The label of a point: its period, else (none, or longer than
 * DECK_TREND_LABEL_MAX) its as_of date, else "…".  The string is the
 * model's (or static). */
const char *deck_trend_label(const bd_history_point *p);

/* Formats value v of series by the display rules of the request (money
 * in the report's currency, compact; shares; counts) into buf (the
 * caller's).  Returns buf. */
char *deck_trend_format(const bd_host *host, const bd_render_request *req, const bd_report *r,
                        deck_trend_series series, double v, char *buf, size_t size);

/* A panel's reading, in words and figures, the same in every view: each
 * series' figure in this report, and where its first period stood, e.g.
 * "Now USD 12K · Planned USD 12K (2024-Q3: USD 4.0K · USD 2.0K)"; a
 * figure a point lacks reads "–".  Into buf (the caller's).  Returns buf. */
char *deck_trend_reading(const bd_host *host, const bd_render_request *req, const bd_report *r,
                         deck_trend_panel panel, char *buf, size_t size);

/* The sentence a writer gives a panel's drawing for screen readers (its
 * <title>, alt text or notes): the panel's title and every period's
 * figures, "Yearly loss: 2024-Q3 now USD 4.0K, planned USD 2.0K; ...".
 * Into buf (the caller's); when every period does not fit, the newest
 * that do, after "…; ".  Returns buf. */
char *deck_trend_description(const bd_host *host, const bd_render_request *req, const bd_report *r,
                             deck_trend_panel panel, char *buf, size_t size);

#endif
