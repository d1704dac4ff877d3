/*
 * deck_rows.c - the heights the planner cuts slides with: the body a
 * slide's heading leaves, the head of every table (caption, column labels)
 * and the height of every row, in CSS px of the 1280 x 720 slide, from
 * the deck's sizes (deck_metrics.h) and measured text.
 *
 * A row's height is its tallest cell: the lines its text wraps to in the
 * column's text width (deck_lines: pango with the shipped fonts and the
 * browser-safe model, the larger count; bold a little wider) times the line
 * height, plus the cell's padding and the 1px rule under it.  Figures never
 * wrap (the columns are sized for them), so only titles and notes count.
 */
#include "deck_rows.h"

#include "deck_figures.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define BOLD 1.06 /* bold text is this much wider than the advance table */

/* The label of key in the request's language. */
static const char *msg(const deck_measure *m, const char *key) {
  return m->setup->host->message(m->setup->out, key);
}

/* The label of loss category c: category.NAME, or the name itself. */
static const char *category(const deck_measure *m, size_t c) {
  static const char *const standard[] = {"revenue", "penalty", "brand", "productivity"};
  const char *name = m->r->categories[c];
  for (size_t i = 0; i < 4; i++) {
    if (strcmp(name, standard[i]) == 0) {
      char key[32];
      snprintf(key, sizeof key, "category.%s", standard[i]);
      return msg(m, key);
    }
  }
  return name;
}

/* Joins the strings up to a NULL into buf (cut to fit); returns buf. */
static char *join(char *buf, size_t size, ...) {
  va_list ap;
  size_t used = 0;
  buf[0] = '\0';
  va_start(ap, size);
  for (const char *s = va_arg(ap, const char *); s; s = va_arg(ap, const char *)) {
    size_t n = strlen(s);
    if (used + n >= size) n = size - used - 1;
    memcpy(buf + used, s, n);
    used += n;
    buf[used] = '\0';
  }
  va_end(ap);
  return buf;
}

/* Lines text takes in width_px at font_px (bold when bold); at least 1. */
static double lines_of(const deck_measure *m, const char *text, double width_px, double font_px,
                       int bold) {
  return deck_lines(m->setup, text, width_px, font_px, bold);
}

double deck_body_height(const deck_measure *m, const char *heading) {
  double head = 0;
  if (heading) {
    char text[1100];
    join(text, sizeof text, heading, " (99/99)", (char *)NULL);
    head = lines_of(m, text, DECK_CONTENT, DECK_HEAD_FONT, 1) * DECK_HEAD_FONT * DECK_HEAD_LINE;
  }
  return DECK_HEIGHT - DECK_PAD_TOP - head - DECK_FOOT - DECK_BODY_TOP - DECK_BODY_BOTTOM -
         DECK_SAFETY;
}

int deck_title_small(const deck_measure *m, const char *title, double width_px) {
  /* (the loss matrix has no small titles: its rows are compact throughout) */
  return lines_of(m, title, width_px, DECK_CELL_FONT, 0) > 2;
}

/* Height of a table title cell's text: two lines at the row type at most,
 * else all its lines at the smaller type. */
static double title_height(const deck_measure *m, const char *title, double width_px) {
  double n = lines_of(m, title, width_px, DECK_CELL_FONT, 0);
  if (n <= 2) return n * DECK_CELL_FONT * DECK_CELL_LINE;
  return lines_of(m, title, width_px, DECK_CELL_SMALL, 0) * DECK_CELL_SMALL * DECK_CELL_LINE;
}

/* Height of a row whose tallest cell holds text_h px of text. */
static double row_height(double text_h) {
  return text_h + 2 * DECK_CELL_PAD_Y + 1;
}

/* --- column widths ---------------------------------------------------------- */

/* Text width of a column of outer width w. */
static double text_width(double w) {
  return w - 2 * DECK_CELL_PAD_X;
}

static double decisions_name_col(const deck_measure *m) {
  return DECK_CONTENT - DECK_COL_RANK - 4 * DECK_COL_NUM -
         (m->r->has_error_budget ? DECK_COL_SHARE : 0) - DECK_COL_DECISION;
}

/* Width of the loss matrix's scenario column. */
static double matrix_name_col(const deck_measure *m) {
  return m->r->category_count > DECK_MATRIX_CATEGORIES ? DECK_COL_MNAME_W : DECK_COL_MNAME;
}

/* Width of a loss-matrix figure column: the category columns, the total
 * and the planned loss share what the fixed columns leave. */
static double matrix_num_col(const deck_measure *m) {
  return (double)(DECK_CONTENT - matrix_name_col(m) - DECK_COL_TIME - DECK_COL_DECISION) /
         (double)(m->r->category_count + 2);
}

static double coverage_name_col(void) {
  return DECK_CONTENT - 4 * DECK_COL_KIND;
}

double deck_name_width(const deck_measure *m, deck_table table) {
  switch (table) {
  case DECK_TABLE_DECISIONS:
    return text_width(decisions_name_col(m));
  case DECK_TABLE_MATRIX:
    return text_width(matrix_name_col(m));
  case DECK_TABLE_COVERAGE:
  case DECK_TABLE_DENSE:
  case DECK_TABLE_PANEL: /* (panel titles are one line, cut to the cell) */
    break;
  }
  return text_width(coverage_name_col());
}

/* --- heads -------------------------------------------------------------------- */

/* Whether some word of label is wider than width_px at font_px (bold). */
static int word_wider(const char *label, double width_px, double font_px) {
  char word[256];
  const char *p = label;
  while (*p) {
    size_t n = strcspn(p, " ");
    if (n >= sizeof word) return 1; /* a word of 256 bytes is wide at any type */
    if (n > 0) {
      memcpy(word, p, n);
      word[n] = '\0';
      if (deck_text_em(word) * font_px * BOLD > width_px) return 1;
    }
    p += n;
    while (*p == ' ') p++;
  }
  return 0;
}

/* Height of a column label of outer width w, in the narrow type when a
 * word of it would not fit (then it still breaks anywhere if needed). */
static double label_height(const deck_measure *m, const char *label, double w) {
  double font = word_wider(label, w - 2 * DECK_THEAD_PAD, DECK_THEAD_FONT) ? DECK_THEAD_NARROW
                                                                           : DECK_THEAD_FONT;
  return lines_of(m, label, w - 2 * DECK_THEAD_PAD, font, 1) * font * DECK_THEAD_LINE;
}

int deck_title_long(const char *name) {
  /* a Japanese name without particles is one phrase: measure it whole */
  return deck_text_em(name) * DECK_TITLE_FONT * BOLD > DECK_TITLE_WIDTH &&
         word_wider(name, DECK_TITLE_WIDTH, DECK_TITLE_FONT);
}

int deck_category_narrow(const deck_measure *m, size_t c) {
  return word_wider(category(m, c), matrix_num_col(m) - 2 * DECK_THEAD_PAD, DECK_THEAD_FONT);
}

/* The larger of a and b. */
static double larger(double a, double b) {
  return a > b ? a : b;
}

/* Height of the caption line and the gap under it. */
static double caption_height(void) {
  return DECK_CAPTION_FONT * 1.3 + DECK_CAPTION_GAP;
}

double deck_head(const deck_measure *m, deck_table table) {
  const bd_report *r = m->r;
  double h = 0;
  switch (table) {
  case DECK_TABLE_DECISIONS: {
    static const char *const keys[] = {"column.current", "column.planned", "column.reduction",
                                       "column.plan_cost"};
    for (size_t k = 0; k < 4; k++) h = larger(h, label_height(m, msg(m, keys[k]), DECK_COL_NUM));
    if (r->has_error_budget)
      h = larger(h, label_height(m, msg(m, "column.budget_share"), DECK_COL_SHARE));
    h = larger(h, label_height(m, msg(m, "column.scenario"), decisions_name_col(m)));
    h = larger(h, label_height(m, msg(m, "column.decision"), DECK_COL_DECISION));
    h += caption_height();
    break;
  }
  case DECK_TABLE_MATRIX: {
    double w = matrix_num_col(m);
    for (size_t c = 0; c < r->category_count; c++)
      h = larger(h, label_height(m, category(m, c), w));
    h = larger(h, label_height(m, msg(m, "column.total"), w));
    h = larger(h, label_height(m, msg(m, "column.planned"), w));
    h = larger(h, label_height(m, msg(m, "column.downtime"), DECK_COL_TIME));
    h = larger(h, label_height(m, msg(m, "column.decision"), DECK_COL_DECISION));
    h += caption_height();
    break;
  }
  case DECK_TABLE_COVERAGE:
  case DECK_TABLE_DENSE:
    for (int k = 0; k < BD_KIND_COUNT; k++) {
      char key[40];
      snprintf(key, sizeof key, "kind.%s", bd_kind_name((bd_kind)k));
      h = larger(h, label_height(m, msg(m, key), DECK_COL_KIND));
    }
    h += DECK_MAP_TOP; /* the shares and the legend; no caption */
    break;
  case DECK_TABLE_PANEL: /* kinds' letters, one line; the kind key under the legend */
    h = DECK_THEAD_FONT * DECK_THEAD_LINE + DECK_MAP_TOP + DECK_CAPTION_FONT * 1.3;
    break;
  }
  return h + 2 * DECK_THEAD_PAD + 2;
}

/* --- rows --------------------------------------------------------------------- */

/* Height of a group header row (a loss or a failure type) whose title has
 * width_px: its label ("BUSINESS LOSS") takes the start of the first line,
 * counted off the whole width to stay on the safe side. */
static double group_height(const deck_measure *m, const bd_matrix_row *row, double width_px,
                           double font, double pad_y) {
  const bd_report *r = m->r;
  const char *title =
      row->type == BD_ROW_LOSS ? r->losses[row->index]->title : r->failures[row->index]->title;
  const char *label = msg(m, row->type == BD_ROW_LOSS ? "column.loss" : "column.failure");
  double label_px = deck_text_em(label) * DECK_GROUP_LABEL * BOLD * 1.15 + 10;
  double n = lines_of(m, title, width_px - label_px, font, 1);
  return n * font * DECK_CELL_LINE + 2 * pad_y + 1;
}

double deck_row(const deck_measure *m, deck_table table, size_t i) {
  const bd_report *r = m->r;
  double name = deck_name_width(m, table);
  if (table == DECK_TABLE_DECISIONS) {
    const bd_scenario *s = r->scenarios[r->decisions[i]];
    char path[1024];
    join(path, sizeof path, r->losses[s->loss]->title, " \xE2\x80\xBA ",
         r->failures[s->failure]->title, (char *)NULL);
    double h = title_height(m, s->title, name) +
               lines_of(m, path, name, DECK_PATH_FONT, 0) * DECK_PATH_FONT * DECK_CELL_LINE;
    if (s->accept) {
      char note[1024];
      join(note, sizeof note, msg(m, "decision.accepted"), ": ", s->accept, (char *)NULL);
      h += lines_of(m, note, name, DECK_PATH_FONT, 0) * DECK_PATH_FONT * DECK_CELL_LINE;
    }
    char line[800];
    if (*deck_decision_line(m->setup->host, m->setup->out, s, line, sizeof line))
      h += lines_of(m, line, name, DECK_NOTE_FONT, 0) * DECK_NOTE_FONT * DECK_CELL_LINE;
    return row_height(h);
  }
  const bd_matrix_row *row = r->matrix_rows[i];
  if (table == DECK_TABLE_MATRIX) {
    if (row->type != BD_ROW_SCENARIO) /* the title spans the name and category columns */
      return group_height(
          m, row, text_width(matrix_name_col(m) + matrix_num_col(m) * (double)r->category_count),
          DECK_MATRIX_FONT, DECK_CELL_PAD_Y);
    double proven; /* the yearly loss with "proven X" under it where they differ, */
    double figures = DECK_CELL_FONT * DECK_CELL_LINE; /* wrapped in the column */
    if (deck_proven_differs(r->scenarios[row->index], &proven)) {
      char sample[160]; /* the widest compact amount of either language */
      join(sample, sizeof sample, msg(m, "figure.proven_short"), " 8,888\xE4\xB8\x87",
           (char *)NULL);
      figures += lines_of(m, sample, text_width(matrix_num_col(m)), DECK_NOTE_FONT, 0) *
                 DECK_NOTE_FONT * DECK_CELL_LINE;
    }
    return row_height(
        larger(lines_of(m, r->scenarios[row->index]->title, name, DECK_MATRIX_FONT, 0) *
                   DECK_MATRIX_FONT * DECK_CELL_LINE,
               figures));
  }
  if (table == DECK_TABLE_PANEL) /* one line a row (2px cell borders, collapsed) */
    return row->type == BD_ROW_FAILURE
               ? 0
               : DECK_PANEL_FONT * DECK_CELL_LINE + 2 * DECK_PANEL_PAD_Y + 2;
  /* the heatmap: compact rows, or dense ones */
  int dense = table == DECK_TABLE_DENSE;
  double font = dense ? DECK_DENSE_FONT : DECK_MAP_FONT;
  double pad = dense ? DECK_DENSE_PAD_Y : DECK_MAP_PAD_Y;
  if (row->type != BD_ROW_SCENARIO)
    return group_height(m, row, text_width(DECK_CONTENT), font, pad);
  return lines_of(m, r->scenarios[row->index]->title, name, font, 0) * font * DECK_CELL_LINE +
         2 * pad + 2; /* cells have a 2px white border (base.css) */
}

double deck_matrix_foot(void) {
  return DECK_CELL_FONT * DECK_CELL_LINE + 2 * DECK_CELL_PAD_Y + 2;
}

int deck_panel_continues(const bd_report *r, size_t first, size_t *loss) {
  if (first == 0 || first >= r->matrix_row_count || r->matrix_rows[first]->type == BD_ROW_LOSS)
    return 0;
  while (first > 0 && r->matrix_rows[first]->type != BD_ROW_LOSS) first--;
  *loss = first;
  return 1;
}

size_t deck_piece_end(const deck_measure *m, deck_table table, size_t first, size_t count,
                      double avail, double tail) {
  double h = 0;
  size_t loss;
  if (table == DECK_TABLE_PANEL && deck_panel_continues(m->r, first, &loss))
    h = deck_row(m, table, loss);
  size_t end = first;
  while (end < count) {
    double next = deck_row(m, table, end) + (end + 1 == count ? tail : 0);
    if (end > first && h + next > avail) break;
    h += next;
    end++;
  }
  if (end == count || table == DECK_TABLE_DECISIONS) return end;
  size_t cut = end; /* never end on a group header: it moves to the next piece */
  while (cut > first + 1 && m->r->matrix_rows[cut - 1]->type != BD_ROW_SCENARIO) cut--;
  return m->r->matrix_rows[cut - 1]->type == BD_ROW_SCENARIO ? cut : end;
}

double deck_lines(const deck_setup *setup, const char *text, double width_px, double font_px,
                  int bold) {
  double em = width_px / (font_px * (bold ? 1.06 : 1.0));
  size_t n = deck_wrap(text, em, NULL, 0);
  double lines = n ? (double)n : 1.0;
  if (setup->text && text && *text) {
    pdf_font f = {deck_pt(font_px), bold};
    int measured = pdf_text_line_count(setup->text, text, f, deck_pt(width_px), 0);
    if (measured > lines) lines = measured;
  }
  return lines;
}
