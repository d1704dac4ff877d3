/*
 * deck_rows.h - the heights the planner cuts slides with (deck_rows.c),
 * in CSS px of the 1280 x 720 slide.  Private to the planner.
 */
#ifndef BD_DECK_ROWS_H
#define BD_DECK_ROWS_H

#include "deck_plan.h"
#include "deck_text.h"

/* What rows are measured against: the planner's setup and one plan. */
typedef struct deck_measure {
  const deck_setup *setup;
  const bd_report *r;
} deck_measure;

/* The tables of the deck, as they are measured. */
typedef enum deck_table {
  DECK_TABLE_DECISIONS, /* report->decisions */
  DECK_TABLE_MATRIX,    /* the loss matrix, report->matrix_rows */
  DECK_TABLE_COVERAGE,  /* the coverage heatmap, report->matrix_rows */
  DECK_TABLE_DENSE,     /* the same, denser, to keep up to 40 scenarios on one slide */
  DECK_TABLE_PANEL      /* one line a row, losses only, in side-by-side panels */
} deck_table;

/* Height left for the body of a slide with this heading (the heading may
 * wrap; a part number " (n/m)" is allowed for). */
double deck_body_height(const deck_measure *m, const char *heading);

/* Whether a table title needs the smaller type (more than two lines at the
 * row type in a column whose text is width_px wide). */
int deck_title_small(const deck_measure *m, const char *title, double width_px);

/* Whether the title slide's name needs the smaller type. */
int deck_title_long(const char *name);

/* Whether the label of loss category c needs the narrow type: a word of
 * it is wider than its column at the label type. */
int deck_category_narrow(const deck_measure *m, size_t c);

/* Height of a table's caption and column labels. */
double deck_head(const deck_measure *m, deck_table table);

/* Height of row i of a table (a failure type has no row in a heatmap
 * panel: 0), and of the loss matrix's Total row. */
double deck_row(const deck_measure *m, deck_table table, size_t i);
double deck_matrix_foot(void);

/* Width of a table's title column text. */
double deck_name_width(const deck_measure *m, deck_table table);

/* Whether a heatmap panel that starts at matrix row first starts inside a
 * loss's rows, which it then repeats first ("(continued)"); *loss gets
 * the loss's matrix row. */
int deck_panel_continues(const bd_report *r, size_t first, size_t *loss);

/* The end of the slide piece of rows [first, count) that starts at first:
 * as many rows as fit in avail (at least one; a heatmap panel less its
 * repeated loss), the last piece also holding a footer row of tail; in
 * the matrix and the heatmap, never ending a piece on a group header. */
size_t deck_piece_end(const deck_measure *m, deck_table table, size_t first, size_t count,
                      double avail, double tail);

/* Lines text takes in width_px at font_px (bold when bold), measured with
 * pango and with the browser-safe model, the larger count; at least 1. */
double deck_lines(const deck_setup *setup, const char *text, double width_px, double font_px,
                  int bold);

#endif
