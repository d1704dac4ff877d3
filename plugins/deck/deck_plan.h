/*
 * deck_plan.h - the slide plan: which slides a 16:9 deck has, in order,
 * and which rows go on each, decided once for every deck writer (html,
 * pdf, and the ones to come), which then only draw it.
 *
 * The planner works from the report model (one plan, or a portfolio with
 * each plan's comparison), the deck's sizes (deck_metrics.h, CSS px of the
 * 1280 x 720 slide; the PDF draws the same slide at 3/4 in points) and
 * measured text: every title is wrapped both with pango and the shipped
 * fonts (fonts/fonts.conf, the pdf plugin's text engine) and with the
 * browser-safe line model (deck_text.h), and the larger line count is
 * kept, so that the cut holds in Chromium and in cairo.  A slide takes as
 * many rows as fit in the body left under its heading (which may wrap),
 * less a safety margin; no table is cut by a count of rows except the
 * comparison's and the portfolio's services table (fixed counts, see
 * deck_plan.c).  tests/html-deck-fit.sh (element boxes in Chromium) and
 * tests/pdf-deck.sh (text extents in cairo) check the result.
 *
 * Memory: deck_plan_build() returns a plan the caller owns and frees with
 * deck_plan_free(); the strings in it (headings) are the plan's.  The
 * plan points into nothing: it holds indexes into the report model.
 */
#ifndef BD_DECK_PLAN_H
#define BD_DECK_PLAN_H

#include <badday/plugin.h>
#include <stddef.h>

#include "../pdf/pdf_text.h"
#include "deck_metrics.h"

/* What a slide shows. */
typedef enum deck_kind {
  DECK_SLIDE_TITLE,             /* a plan's title slide (no heading) */
  DECK_SLIDE_FIGURES,           /* its key figures */
  DECK_SLIDE_CHANGES,           /* what changed (--compare): changed scenarios [first, +count) */
  DECK_SLIDE_DECISIONS,         /* rows [first, +count) of report->decisions */
  DECK_SLIDE_MATRIX,            /* rows [first, +count) of report->matrix_rows */
  DECK_SLIDE_TREE,              /* leaf rows [first, +count) of the summary tree `tree` */
  DECK_SLIDE_COVERAGE,          /* matrix rows of the heatmap, in `panels` pieces */
  DECK_SLIDE_TREND,             /* a plan's figures over its archived periods (deck_trend.h) */
  DECK_SLIDE_PORTFOLIO_TITLE,   /* the portfolio's title slide (no heading) */
  DECK_SLIDE_PORTFOLIO_FIGURES, /* the portfolio's key figures */
  DECK_SLIDE_SERVICES,          /* plans [first, +count) of the services table */
  DECK_SLIDE_SOURCES            /* plans [first, +count) of the sources (file, SHA-256) */
} deck_kind;

/* The rows of a heatmap slide: their type size. */
typedef enum deck_rows {
  DECK_ROWS_COMPACT, /* the heatmap's rows, titles wrapped (--deck-map-font) */
  DECK_ROWS_DENSE,   /* denser, to keep up to 40 scenarios on one slide */
  DECK_ROWS_PANEL    /* one line a row, losses only, in side-by-side panels */
} deck_rows;

/* No row (a panel that repeats no loss). */
#define DECK_NO_ROW ((size_t)-1)

/* One slide. */
typedef struct deck_slide {
  deck_kind kind;
  size_t plan;         /* the plan it shows: index into the portfolio's reports (0 for one) */
  const char *heading; /* as drawn, "Loss matrix (1/2)"; NULL on title slides */
  size_t part, parts;  /* this slide is part `part` (from 0) of its view's `parts` */
  int continued;       /* 1 when an earlier slide started the view (part > 0) */
  size_t first, count; /* its rows (see deck_kind); count 0: the view is empty */
  int last;            /* 1 on the view's last slide (the matrix's Total row, the changes' total) */
  size_t tree;         /* DECK_SLIDE_TREE: index into report->trees */
  deck_rows rows;      /* DECK_SLIDE_COVERAGE: the type of its rows */
  int panels;          /* DECK_SLIDE_COVERAGE: pieces side by side (1 without panels) */
  size_t
      panel_end[DECK_MAP_PANELS]; /* panel p: rows [p ? panel_end[p - 1] : first, panel_end[p]) */
  size_t panel_repeat[DECK_MAP_PANELS]; /* the loss's matrix row a panel repeats first, or
                                           DECK_NO_ROW */
  /* DECK_SLIDE_FIGURES: 1 on the second key-figures slide of a plan with
   * ranges, which shows the loss-exceedance curve of the total (now against
   * planned, deck_figures.h) instead of the cards; a writer that does not
   * draw the curve may skip it */
  int exceedance;
} deck_slide;

/* The type sizes chosen for one plan's slides. */
typedef struct deck_service {
  int title_long;  /* the title slide's name takes DECK_TITLE_SMALL */
  int matrix_wide; /* the loss matrix has more than DECK_MATRIX_CATEGORIES categories */
  unsigned char *decision_small;  /* per decision: its title takes DECK_CELL_SMALL */
  unsigned char *category_narrow; /* per loss category: its label takes DECK_THEAD_NARROW */
  double *coverage_rows;          /* per matrix row: its height on the heatmap slides, CSS px */
} deck_service;

/* The plan of a deck. */
typedef struct deck_plan {
  deck_slide *slides;
  size_t count;
  deck_service *services; /* one per plan (the portfolio's reports, or the one report) */
  size_t service_count;
  char *strings; /* the headings */
  size_t strings_used, strings_size;
} deck_plan;

/* What the planner measures with: the host's messages (labels in the
 * request's language) and the text engine with the shipped fonts. */
typedef struct deck_setup {
  const bd_host *host;
  bd_output *out; /* the request's output, for host->message */
  pdf_text *text; /* pango with fonts/fonts.conf (pdf_text_new) */
} deck_setup;

/* Plans the deck of the request's report, or of its portfolio (the
 * portfolio's slides, then each plan's).  Returns the plan (free with
 * deck_plan_free()), or NULL with a message in err when memory ran out. */
deck_plan *deck_plan_build(const bd_render_request *req, const deck_setup *setup, char *err,
                           size_t errsize);

/* Frees a plan and everything in it; NULL is fine. */
void deck_plan_free(deck_plan *plan);

/* The slides of one view: those of kind of plan `plan` (for
 * DECK_SLIDE_TREE, of tree `tree`), which follow each other; *count gets
 * how many (0: the plan has none, NULL returned). */
const deck_slide *deck_plan_view(const deck_plan *p, size_t plan, deck_kind kind, size_t tree,
                                 size_t *count);

/* The comparison of a plan, or NULL (none, or a host too old for one). */
const bd_comparison *deck_comparison(const bd_report *r);

#endif
