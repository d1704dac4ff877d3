/*
 * html_deck.h - the measured layout of the slide deck: the one place that
 * holds the deck's sizes (slide box, type sizes, line heights, paddings,
 * column widths, in CSS px of the 1280 x 720 slide), and the height of
 * every table row and slide part worked out from them and from measured
 * text (html_wrap).  templates/slides.css reads the same numbers as the
 * custom properties --deck-* that html_deck_css() writes, so the C that
 * cuts the slides and the CSS that draws them cannot disagree.  Private to
 * the plugin (never installed).
 */
#ifndef BD_HTML_DECK_H
#define BD_HTML_DECK_H

#include "html_common.h"

/* Sizes of the deck, CSS px (line heights are factors of the font size).
 * Each is written as --deck-NAME by html_deck_css (see slides.css). */
#define HTML_DECK_WIDTH        1280 /* the slide */
#define HTML_DECK_HEIGHT       720
#define HTML_DECK_PAD_TOP      36 /* --deck-pad-top: above the heading */
#define HTML_DECK_PAD_X        60 /* --deck-pad-x: left and right */
#define HTML_DECK_FOOT         48 /* --deck-foot: footer height */
#define HTML_DECK_HEAD_FONT    36 /* --deck-head-font: slide heading */
#define HTML_DECK_HEAD_LINE    1.2
#define HTML_DECK_BODY_TOP     14 /* --deck-body-top: body padding above */
#define HTML_DECK_BODY_BOTTOM  10 /* --deck-body-bottom: body padding below */
#define HTML_DECK_SAFETY       16 /* kept free at the bottom of every body */
#define HTML_DECK_CAPTION_FONT 17 /* --deck-caption-font, one line */
#define HTML_DECK_CAPTION_GAP  6  /* --deck-caption-gap: below the caption */
#define HTML_DECK_THEAD_FONT   14 /* --deck-thead-font: column labels */
#define HTML_DECK_THEAD_LINE   1.25
#define HTML_DECK_THEAD_PAD    4  /* --deck-thead-pad: each side */
#define HTML_DECK_THEAD_NARROW 10 /* --deck-thead-narrow: a too wide label word */
#define HTML_DECK_CELL_FONT    18 /* --deck-cell-font: table rows */
#define HTML_DECK_CELL_SMALL   16 /* --deck-cell-small: a title longer than two lines */
#define HTML_DECK_CELL_LINE    1.25
#define HTML_DECK_CELL_PAD_Y   5    /* --deck-cell-pad-y */
#define HTML_DECK_CELL_PAD_X   8    /* --deck-cell-pad-x */
#define HTML_DECK_PATH_FONT    13   /* --deck-path-font: a decision's path and note */
#define HTML_DECK_MATRIX_FONT  16   /* --deck-matrix-font: loss-matrix titles, group rows */
#define HTML_DECK_GROUP_LABEL  13   /* --deck-group-label: "BUSINESS LOSS" before a group title */
#define HTML_DECK_MAP_FONT     15   /* --deck-map-font: heatmap rows (compact) */
#define HTML_DECK_MAP_PAD_Y    2    /* --deck-map-pad-y */
#define HTML_DECK_DENSE_FONT   13   /* --deck-dense-font: heatmap rows, dense */
#define HTML_DECK_DENSE_PAD_Y  1    /* --deck-dense-pad-y */
#define HTML_DECK_MAP_TOP      62   /* --deck-map-top: coverage shares and legend */
#define HTML_DECK_PANEL_FONT   13   /* --deck-panel-font: heatmap panels, one line a row */
#define HTML_DECK_PANEL_PAD_Y  1    /* --deck-panel-pad-y */
#define HTML_DECK_PANEL_GAP    16   /* --deck-panel-gap: between panels */
#define HTML_DECK_COL_MARK     34   /* --deck-col-mark: a panel's cell (a mark) */
#define HTML_DECK_TREE_FONT    16   /* --deck-tree-font: a box title of up to two lines */
#define HTML_DECK_TREE_FONT2   13   /* --deck-tree-font2: three lines (class f2) */
#define HTML_DECK_TREE_FONT3   12   /* --deck-tree-font3: three lines, smaller (class f3) */
#define HTML_DECK_TREE_SUB     13.5 /* --deck-tree-sub: the figures line */
#define HTML_DECK_COL_RANK     40   /* --deck-col-rank */
#define HTML_DECK_COL_NUM      96   /* --deck-col-num: a figure */
/* --deck-col-share: budget share, wide enough for バジェット消費率 on one line */
#define HTML_DECK_COL_SHARE    128
#define HTML_DECK_COL_DECISION 156 /* --deck-col-decision */
#define HTML_DECK_COL_TIME     128 /* --deck-col-time: downtime (年間ダウンタイム on one line) */
#define HTML_DECK_COL_MNAME    310 /* --deck-col-mname: loss-matrix scenario column */
#define HTML_DECK_COL_MNAME_W  250 /* --deck-col-mname-wide: the same, more than 4 categories */
#define HTML_DECK_COL_KIND     150 /* --deck-col-kind: a heatmap cell with its word */

/* The title slide's service name: its type, the smaller type for a name
 * with a word (a Japanese phrase) wider than its line, and that line. */
#define HTML_DECK_TITLE_FONT  72 /* --deck-title-font */
#define HTML_DECK_TITLE_SMALL 52 /* --deck-title-small: class "long" */
#define HTML_DECK_TITLE_WIDTH 1060

/* Whether the title slide's name needs the smaller type (class "long"). */
int html_deck_title_long(const char *name);

/* Loss matrices with more categories than this are "wide" (class wide). */
#define HTML_DECK_MATRIX_CATEGORIES 4

/* Width of the slide's content, CSS px. */
#define HTML_DECK_CONTENT (HTML_DECK_WIDTH - 2 * HTML_DECK_PAD_X)

/* Appends the --deck-* custom properties to the growing string *css of
 * length *len; returns 0 or -1 when memory ran out. */
int html_deck_css(char **css, size_t *len);

/* Height, CSS px, left for the body of a slide with this heading (the
 * heading may wrap; a part number " (n/m)" is allowed for). */
double html_deck_body_height(const char *heading);

/* Whether a table title needs the smaller type (more than two lines at the
 * row type in a column whose text is width_px wide). */
int html_deck_title_small(const char *title, double width_px);

/* The tables of the deck, as they are measured. */
typedef enum html_deck_table {
  HTML_DECK_DECISIONS,      /* report->decisions */
  HTML_DECK_MATRIX,         /* the loss matrix, report->matrix_rows */
  HTML_DECK_COVERAGE,       /* the coverage heatmap, report->matrix_rows */
  HTML_DECK_COVERAGE_DENSE, /* the same, denser, to keep up to 40 scenarios on one slide */
  HTML_DECK_COVERAGE_PANEL  /* one line a row, losses only, in side-by-side panels */
} html_deck_table;

/* The most side-by-side panels of a heatmap slide. */
#define HTML_DECK_MAP_PANELS 3

/* The most scenarios a heatmap is squeezed onto one slide for (denser
 * rows, else panels of one-line rows); beyond, or when even three panels
 * do not hold it, it is cut by height. */
#define HTML_DECK_MAP_ONE_SLIDE 40

/* Whether a loss-matrix category label needs the narrow type: a word of
 * it is wider than its column at the label type. */
int html_deck_category_narrow(const html_ctx *ctx, const char *label);

/* Height of a table's caption and column labels. */
double html_deck_head(const html_ctx *ctx, html_deck_table table);

/* Height of row i of a table, and of the loss matrix's Total row (a
 * failure type has no row in a heatmap panel: 0). */
double html_deck_row(const html_ctx *ctx, html_deck_table table, size_t i);
double html_deck_matrix_foot(void);

/* Width of a table's title column text, CSS px. */
double html_deck_name_width(const html_ctx *ctx, html_deck_table table);

/* Whether a heatmap panel that starts at matrix row first starts inside a
 * loss's rows, which it then repeats first ("(continued)"); *loss gets
 * the loss's matrix row. */
int html_deck_panel_continues(const html_ctx *ctx, size_t first, size_t *loss);

/* The end of the slide piece of rows [first, count) that starts at first:
 * as many rows as fit in avail px (at least one; a heatmap panel less its
 * repeated loss), the last piece also holding a footer row of tail px; in
 * the matrix and the heatmap, never ending a piece on a group header. */
size_t html_deck_piece_end(const html_ctx *ctx, html_deck_table table, size_t first, size_t count,
                           double avail, double tail);

#endif
