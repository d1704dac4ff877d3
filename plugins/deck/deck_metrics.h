/*
 * deck_metrics.h - the one table of the 16:9 slide deck's sizes: the slide
 * box, paddings, type sizes, line heights, row paddings and column widths,
 * in CSS px of the HTML slide (1280 x 720).  The PDF slide is the same
 * slide at 960 x 540 pt, so the pdf writer converts every number with
 * deck_pt() (3/4); the html writer writes them as the custom properties
 * --deck-* that templates/slides.css reads (deck_css()).  The planner
 * (deck_plan.h) cuts the deck with these numbers, so the cuts and the
 * drawing cannot disagree.  Private to the plugins (never installed).
 */
#ifndef BD_DECK_METRICS_H
#define BD_DECK_METRICS_H

#include <stddef.h>

/* Sizes of the deck, CSS px (line heights are factors of the font size).
 * Each is written as --deck-NAME by deck_css (see slides.css). */
#define DECK_WIDTH        1280 /* the slide */
#define DECK_HEIGHT       720
#define DECK_PAD_TOP      36 /* --deck-pad-top: above the heading */
#define DECK_PAD_X        60 /* --deck-pad-x: left and right */
#define DECK_FOOT         48 /* --deck-foot: footer height */
#define DECK_HEAD_FONT    36 /* --deck-head-font: slide heading */
#define DECK_HEAD_LINE    1.2
#define DECK_BODY_TOP     14 /* --deck-body-top: body padding above */
#define DECK_BODY_BOTTOM  10 /* --deck-body-bottom: body padding below */
#define DECK_SAFETY       16 /* kept free at the bottom of every body */
#define DECK_CAPTION_FONT 17 /* --deck-caption-font, one line */
#define DECK_CAPTION_GAP  6  /* --deck-caption-gap: below the caption */
#define DECK_THEAD_FONT   14 /* --deck-thead-font: column labels */
#define DECK_THEAD_LINE   1.25
#define DECK_THEAD_PAD    4  /* --deck-thead-pad: each side */
#define DECK_THEAD_NARROW 10 /* --deck-thead-narrow: a too wide label word */
#define DECK_CELL_FONT    18 /* --deck-cell-font: table rows */
#define DECK_CELL_SMALL   16 /* --deck-cell-small: a title longer than two lines */
#define DECK_CELL_LINE    1.25
#define DECK_CELL_PAD_Y   5  /* --deck-cell-pad-y */
#define DECK_CELL_PAD_X   8  /* --deck-cell-pad-x */
#define DECK_PATH_FONT    13 /* --deck-path-font: a decision's path and note */
/* a figure's note line (a yearly loss's "proven X", a decision's
 * confidence): the PDF slide's smallest type, 12 pt (slides.css: 16px) */
#define DECK_NOTE_FONT   16
#define DECK_MATRIX_FONT 16   /* --deck-matrix-font: loss-matrix titles, group rows */
#define DECK_GROUP_LABEL 13   /* --deck-group-label: "BUSINESS LOSS" before a group title */
#define DECK_MAP_FONT    15   /* --deck-map-font: heatmap rows (compact) */
#define DECK_MAP_PAD_Y   2    /* --deck-map-pad-y */
#define DECK_DENSE_FONT  13   /* --deck-dense-font: heatmap rows, dense */
#define DECK_DENSE_PAD_Y 1    /* --deck-dense-pad-y */
#define DECK_MAP_TOP     62   /* --deck-map-top: coverage shares and legend */
#define DECK_PANEL_FONT  13   /* --deck-panel-font: heatmap panels, one line a row */
#define DECK_PANEL_PAD_Y 1    /* --deck-panel-pad-y */
#define DECK_PANEL_GAP   16   /* --deck-panel-gap: between panels */
#define DECK_COL_MARK    34   /* --deck-col-mark: a panel's cell (a mark) */
#define DECK_TREE_FONT   16   /* --deck-tree-font: a box title of up to two lines */
#define DECK_TREE_FONT2  13   /* --deck-tree-font2: three lines (class f2) */
#define DECK_TREE_FONT3  12   /* --deck-tree-font3: three lines, smaller (class f3) */
#define DECK_TREE_SUB    13.5 /* --deck-tree-sub: the figures line */
#define DECK_COL_RANK    40   /* --deck-col-rank */
#define DECK_COL_NUM     96   /* --deck-col-num: a figure */
/* --deck-col-share: budget share, wide enough for バジェット消費率 on one line */
#define DECK_COL_SHARE    128
#define DECK_COL_DECISION 156 /* --deck-col-decision */
#define DECK_COL_TIME     128 /* --deck-col-time: downtime (年間ダウンタイム on one line) */
#define DECK_COL_MNAME    310 /* --deck-col-mname: loss-matrix scenario column */
#define DECK_COL_MNAME_W  250 /* --deck-col-mname-wide: the same, more than 4 categories */
#define DECK_COL_KIND     150 /* --deck-col-kind: a heatmap cell with its word */

/* The title slide's service name: its type, the smaller type for a name
 * with a word (a Japanese phrase) wider than its line, and that line. */
#define DECK_TITLE_FONT  72 /* --deck-title-font */
#define DECK_TITLE_SMALL 52 /* --deck-title-small: class "long" */
#define DECK_TITLE_WIDTH 1060

/* The title slide's service name: its type, the smaller type for a name
 * with a word (a Japanese phrase) wider than its line, and that line. */
#define DECK_TITLE_FONT  72 /* --deck-title-font */
#define DECK_TITLE_SMALL 52 /* --deck-title-small: class "long" */
#define DECK_TITLE_WIDTH 1060

/* The summary scenario tree of a slide: the height of a row (one
 * scenario) and the margin above and below the rows. */
#define DECK_TREE_PITCH  78
#define DECK_TREE_MARGIN 6

/* Loss matrices with more categories than this are "wide" (class wide). */
#define DECK_MATRIX_CATEGORIES 4

/* The most side-by-side panels of a heatmap slide. */
#define DECK_MAP_PANELS 3

/* The most scenarios a heatmap is squeezed onto one slide for (denser
 * rows, else panels of one-line rows); beyond, or when even three panels
 * do not hold it, it is cut by height. */
#define DECK_MAP_ONE_SLIDE 40

/* Width of the slide's content, CSS px. */
#define DECK_CONTENT (DECK_WIDTH - 2 * DECK_PAD_X)

/* Points of the PDF slide per CSS px of the HTML slide (960 / 1280). */
#define DECK_PT_PER_PX 0.75

/* A deck size, CSS px, in points of the PDF slide. */
static inline double deck_pt(double px) {
  return px * DECK_PT_PER_PX;
}

/* Appends the --deck-* custom properties to the growing string *css of
 * length *len (the caller owns it; realloc'ed); returns 0 or -1 when
 * memory ran out. */
int deck_css(char **css, size_t *len);

#endif
