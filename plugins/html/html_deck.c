/*
 * html_deck.c - the measured layout of the slide deck (see html_deck.h):
 * the deck's sizes as CSS custom properties, and the height of slide
 * parts and table rows worked out from measured text.
 *
 * A row's height is its tallest cell: the lines its text wraps to in the
 * column's text width (html_wrap, with the plugin's advance table on the
 * wide side, bold a little wider) times the line height, plus the cell's
 * padding and the 1px rule under it.  Figures never wrap (the columns are
 * sized for them), so only titles and notes count.  The numbers here are
 * the ones slides.css uses through the --deck-* properties.
 */
#include "html_deck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOLD 1.06 /* bold text is this much wider than the advance table */

int html_deck_css(char **css, size_t *len) {
  char buf[2048];
  int n = snprintf(
      buf, sizeof buf,
      ":root{--deck-pad-top:%dpx;--deck-pad-x:%dpx;--deck-foot:%dpx;--deck-head-font:%dpx;"
      "--deck-head-line:%g;--deck-body-top:%dpx;--deck-body-bottom:%dpx;"
      "--deck-caption-font:%dpx;--deck-caption-gap:%dpx;--deck-thead-font:%dpx;"
      "--deck-thead-line:%g;--deck-thead-pad:%dpx;--deck-cell-font:%dpx;--deck-cell-small:%dpx;"
      "--deck-cell-line:%g;--deck-cell-pad-y:%dpx;--deck-cell-pad-x:%dpx;--deck-path-font:%dpx;"
      "--deck-group-label:%dpx;--deck-map-font:%dpx;--deck-map-pad-y:%dpx;--deck-map-top:%dpx;"
      "--deck-col-rank:%dpx;--deck-col-num:%dpx;--deck-col-share:%dpx;--deck-col-decision:%dpx;"
      "--deck-col-time:%dpx;--deck-col-mname:%dpx;--deck-col-kind:%dpx;--deck-tree-font:%gpx;"
      "--deck-tree-font2:%gpx;--deck-tree-font3:%gpx;--deck-tree-sub:%gpx;--deck-matrix-font:%dpx;"
      "--deck-dense-font:%dpx;--deck-dense-pad-y:%dpx;--deck-thead-narrow:%dpx;"
      "--deck-col-mname-wide:%dpx;--deck-title-font:%dpx;--deck-title-small:%dpx;"
      "--deck-title-width:%dpx;--deck-panel-font:%dpx;--deck-panel-pad-y:%dpx;"
      "--deck-panel-gap:%dpx;--deck-col-mark:%dpx}\n",
      HTML_DECK_PAD_TOP, HTML_DECK_PAD_X, HTML_DECK_FOOT, HTML_DECK_HEAD_FONT, HTML_DECK_HEAD_LINE,
      HTML_DECK_BODY_TOP, HTML_DECK_BODY_BOTTOM, HTML_DECK_CAPTION_FONT, HTML_DECK_CAPTION_GAP,
      HTML_DECK_THEAD_FONT, HTML_DECK_THEAD_LINE, HTML_DECK_THEAD_PAD, HTML_DECK_CELL_FONT,
      HTML_DECK_CELL_SMALL, HTML_DECK_CELL_LINE, HTML_DECK_CELL_PAD_Y, HTML_DECK_CELL_PAD_X,
      HTML_DECK_PATH_FONT, HTML_DECK_GROUP_LABEL, HTML_DECK_MAP_FONT, HTML_DECK_MAP_PAD_Y,
      HTML_DECK_MAP_TOP, HTML_DECK_COL_RANK, HTML_DECK_COL_NUM, HTML_DECK_COL_SHARE,
      HTML_DECK_COL_DECISION, HTML_DECK_COL_TIME, HTML_DECK_COL_MNAME, HTML_DECK_COL_KIND,
      (double)HTML_DECK_TREE_FONT, (double)HTML_DECK_TREE_FONT2, (double)HTML_DECK_TREE_FONT3,
      HTML_DECK_TREE_SUB, HTML_DECK_MATRIX_FONT, HTML_DECK_DENSE_FONT, HTML_DECK_DENSE_PAD_Y,
      HTML_DECK_THEAD_NARROW, HTML_DECK_COL_MNAME_W, HTML_DECK_TITLE_FONT, HTML_DECK_TITLE_SMALL,
      HTML_DECK_TITLE_WIDTH, HTML_DECK_PANEL_FONT, HTML_DECK_PANEL_PAD_Y, HTML_DECK_PANEL_GAP,
      HTML_DECK_COL_MARK);
  if (n < 0 || (size_t)n >= sizeof buf) return -1;
  char *bigger = realloc(*css, *len + (size_t)n + 1);
  if (bigger == NULL) return -1;
  memcpy(bigger + *len, buf, (size_t)n + 1);
  *css = bigger;
  *len += (size_t)n;
  return 0;
}

/* Lines text takes in width_px at font_px (bold when bold); at least 1. */
static double lines_of(const char *text, double width_px, double font_px, int bold) {
  double em = width_px / (font_px * (bold ? BOLD : 1.0));
  size_t n = html_wrap(text, em, NULL, 0);
  return n ? (double)n : 1.0;
}

double html_deck_body_height(const char *heading) {
  double head = 0;
  if (heading) {
    char text[1100];
    html_join(text, sizeof text, heading, " (99/99)", (char *)NULL);
    head = lines_of(text, HTML_DECK_CONTENT, HTML_DECK_HEAD_FONT, 1) * HTML_DECK_HEAD_FONT *
           HTML_DECK_HEAD_LINE;
  }
  return HTML_DECK_HEIGHT - HTML_DECK_PAD_TOP - head - HTML_DECK_FOOT - HTML_DECK_BODY_TOP -
         HTML_DECK_BODY_BOTTOM - HTML_DECK_SAFETY;
}

int html_deck_title_small(const char *title, double width_px) {
  /* (the loss matrix has no small titles: its rows are compact throughout) */
  return lines_of(title, width_px, HTML_DECK_CELL_FONT, 0) > 2;
}

/* Height of a table title cell's text: two lines at the row type at most,
 * else all its lines at the smaller type. */
static double title_height(const char *title, double width_px) {
  double n = lines_of(title, width_px, HTML_DECK_CELL_FONT, 0);
  if (n <= 2) return n * HTML_DECK_CELL_FONT * HTML_DECK_CELL_LINE;
  return lines_of(title, width_px, HTML_DECK_CELL_SMALL, 0) * HTML_DECK_CELL_SMALL *
         HTML_DECK_CELL_LINE;
}

/* Height of a row whose tallest cell holds text_h px of text. */
static double row_height(double text_h) {
  return text_h + 2 * HTML_DECK_CELL_PAD_Y + 1;
}

/* --- column widths ---------------------------------------------------------- */

/* Text width of a column of outer width w. */
static double text_width(double w) {
  return w - 2 * HTML_DECK_CELL_PAD_X;
}

static double decisions_name_col(const html_ctx *ctx) {
  return HTML_DECK_CONTENT - HTML_DECK_COL_RANK - 4 * HTML_DECK_COL_NUM -
         (ctx->r->has_error_budget ? HTML_DECK_COL_SHARE : 0) - HTML_DECK_COL_DECISION;
}

/* Width of the loss matrix's scenario column. */
static double matrix_name_col(const html_ctx *ctx) {
  return ctx->r->category_count > HTML_DECK_MATRIX_CATEGORIES ? HTML_DECK_COL_MNAME_W
                                                              : HTML_DECK_COL_MNAME;
}

/* Width of a loss-matrix figure column: the category columns, the total
 * and the planned loss share what the fixed columns leave. */
static double matrix_num_col(const html_ctx *ctx) {
  return (double)(HTML_DECK_CONTENT - matrix_name_col(ctx) - HTML_DECK_COL_TIME -
                  HTML_DECK_COL_DECISION) /
         (double)(ctx->r->category_count + 2);
}

static double coverage_name_col(void) {
  return HTML_DECK_CONTENT - 4 * HTML_DECK_COL_KIND;
}

double html_deck_name_width(const html_ctx *ctx, html_deck_table table) {
  switch (table) {
  case HTML_DECK_DECISIONS:
    return text_width(decisions_name_col(ctx));
  case HTML_DECK_MATRIX:
    return text_width(matrix_name_col(ctx));
  case HTML_DECK_COVERAGE:
  case HTML_DECK_COVERAGE_DENSE:
  case HTML_DECK_COVERAGE_PANEL: /* (panel titles are one line, cut to the cell) */
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
      if (html_text_em(word) * font_px * BOLD > width_px) return 1;
    }
    p += n;
    while (*p == ' ') p++;
  }
  return 0;
}

/* Height of a column label of outer width w, in the narrow type when a
 * word of it would not fit (then it still breaks anywhere if needed). */
static double label_height(const char *label, double w) {
  double font = word_wider(label, w - 2 * HTML_DECK_THEAD_PAD, HTML_DECK_THEAD_FONT)
                    ? HTML_DECK_THEAD_NARROW
                    : HTML_DECK_THEAD_FONT;
  return lines_of(label, w - 2 * HTML_DECK_THEAD_PAD, font, 1) * font * HTML_DECK_THEAD_LINE;
}

int html_deck_title_long(const char *name) {
  /* a Japanese name without particles is one phrase: measure it whole */
  return html_text_em(name) * HTML_DECK_TITLE_FONT * BOLD > HTML_DECK_TITLE_WIDTH &&
         word_wider(name, HTML_DECK_TITLE_WIDTH, HTML_DECK_TITLE_FONT);
}

int html_deck_category_narrow(const html_ctx *ctx, const char *label) {
  return word_wider(label, matrix_num_col(ctx) - 2 * HTML_DECK_THEAD_PAD, HTML_DECK_THEAD_FONT);
}

/* The larger of a and b. */
static double larger(double a, double b) {
  return a > b ? a : b;
}

/* Height of the caption line and the gap under it. */
static double caption_height(void) {
  return HTML_DECK_CAPTION_FONT * 1.3 + HTML_DECK_CAPTION_GAP;
}

double html_deck_head(const html_ctx *ctx, html_deck_table table) {
  const bd_report *r = ctx->r;
  double h = 0;
  switch (table) {
  case HTML_DECK_DECISIONS: {
    static const char *const keys[] = {"column.current", "column.planned", "column.reduction",
                                       "column.plan_cost"};
    for (size_t k = 0; k < 4; k++)
      h = larger(h, label_height(html_msg(ctx, keys[k]), HTML_DECK_COL_NUM));
    if (r->has_error_budget)
      h = larger(h, label_height(html_msg(ctx, "column.budget_share"), HTML_DECK_COL_SHARE));
    h = larger(h, label_height(html_msg(ctx, "column.scenario"), decisions_name_col(ctx)));
    h = larger(h, label_height(html_msg(ctx, "column.decision"), HTML_DECK_COL_DECISION));
    h += caption_height();
    break;
  }
  case HTML_DECK_MATRIX: {
    double w = matrix_num_col(ctx);
    for (size_t c = 0; c < r->category_count; c++)
      h = larger(h, label_height(html_category(ctx, c), w));
    h = larger(h, label_height(html_msg(ctx, "column.total"), w));
    h = larger(h, label_height(html_msg(ctx, "column.planned"), w));
    h = larger(h, label_height(html_msg(ctx, "column.downtime"), HTML_DECK_COL_TIME));
    h = larger(h, label_height(html_msg(ctx, "column.decision"), HTML_DECK_COL_DECISION));
    h += caption_height();
    break;
  }
  case HTML_DECK_COVERAGE:
  case HTML_DECK_COVERAGE_DENSE:
    for (int k = 0; k < BD_KIND_COUNT; k++) {
      char key[40];
      snprintf(key, sizeof key, "kind.%s", bd_kind_name((bd_kind)k));
      h = larger(h, label_height(html_msg(ctx, key), HTML_DECK_COL_KIND));
    }
    h += HTML_DECK_MAP_TOP; /* the shares and the legend; no caption */
    break;
  case HTML_DECK_COVERAGE_PANEL: /* kinds' letters, one line; the kind key under the legend */
    h = HTML_DECK_THEAD_FONT * HTML_DECK_THEAD_LINE + HTML_DECK_MAP_TOP +
        HTML_DECK_CAPTION_FONT * 1.3;
    break;
  }
  return h + 2 * HTML_DECK_THEAD_PAD + 2;
}

/* --- rows --------------------------------------------------------------------- */

/* Height of a group header row (a loss or a failure type) whose title has
 * width_px: its label ("BUSINESS LOSS") takes the start of the first line,
 * counted off the whole width to stay on the safe side. */
static double group_height(const html_ctx *ctx, const bd_matrix_row *row, double width_px,
                           double font, double pad_y) {
  const bd_report *r = ctx->r;
  const char *title =
      row->type == BD_ROW_LOSS ? r->losses[row->index]->title : r->failures[row->index]->title;
  const char *label = html_msg(ctx, row->type == BD_ROW_LOSS ? "column.loss" : "column.failure");
  double label_px = html_text_em(label) * HTML_DECK_GROUP_LABEL * BOLD * 1.15 + 10;
  double n = lines_of(title, width_px - label_px, font, 1);
  return n * font * HTML_DECK_CELL_LINE + 2 * pad_y + 1;
}

double html_deck_row(const html_ctx *ctx, html_deck_table table, size_t i) {
  const bd_report *r = ctx->r;
  double name = html_deck_name_width(ctx, table);
  if (table == HTML_DECK_DECISIONS) {
    const bd_scenario *s = r->scenarios[r->decisions[i]];
    char path[1024];
    html_join(path, sizeof path, r->losses[s->loss]->title, " \xE2\x80\xBA ",
              r->failures[s->failure]->title, (char *)NULL);
    double h = title_height(s->title, name) + lines_of(path, name, HTML_DECK_PATH_FONT, 0) *
                                                  HTML_DECK_PATH_FONT * HTML_DECK_CELL_LINE;
    if (s->accept) {
      char note[1024];
      html_join(note, sizeof note, html_msg(ctx, "decision.accepted"), ": ", s->accept,
                (char *)NULL);
      h += lines_of(note, name, HTML_DECK_PATH_FONT, 0) * HTML_DECK_PATH_FONT * HTML_DECK_CELL_LINE;
    }
    return row_height(h);
  }
  const bd_matrix_row *row = r->matrix_rows[i];
  if (table == HTML_DECK_MATRIX) {
    if (row->type != BD_ROW_SCENARIO) /* the title spans the name and category columns */
      return group_height(
          ctx, row,
          text_width(matrix_name_col(ctx) + matrix_num_col(ctx) * (double)r->category_count),
          HTML_DECK_MATRIX_FONT, HTML_DECK_CELL_PAD_Y);
    return row_height(
        larger(lines_of(r->scenarios[row->index]->title, name, HTML_DECK_MATRIX_FONT, 0) *
                   HTML_DECK_MATRIX_FONT * HTML_DECK_CELL_LINE,
               HTML_DECK_CELL_FONT * HTML_DECK_CELL_LINE));
  }
  if (table == HTML_DECK_COVERAGE_PANEL) /* one line a row (2px cell borders, collapsed) */
    return row->type == BD_ROW_FAILURE
               ? 0
               : HTML_DECK_PANEL_FONT * HTML_DECK_CELL_LINE + 2 * HTML_DECK_PANEL_PAD_Y + 2;
  /* the heatmap: compact rows, or dense ones */
  int dense = table == HTML_DECK_COVERAGE_DENSE;
  double font = dense ? HTML_DECK_DENSE_FONT : HTML_DECK_MAP_FONT;
  double pad = dense ? HTML_DECK_DENSE_PAD_Y : HTML_DECK_MAP_PAD_Y;
  if (row->type != BD_ROW_SCENARIO)
    return group_height(ctx, row, text_width(HTML_DECK_CONTENT), font, pad);
  return lines_of(r->scenarios[row->index]->title, name, font, 0) * font * HTML_DECK_CELL_LINE +
         2 * pad + 2; /* cells have a 2px white border (base.css) */
}

double html_deck_matrix_foot(void) {
  return HTML_DECK_CELL_FONT * HTML_DECK_CELL_LINE + 2 * HTML_DECK_CELL_PAD_Y + 2;
}

int html_deck_panel_continues(const html_ctx *ctx, size_t first, size_t *loss) {
  const bd_report *r = ctx->r;
  if (first == 0 || first >= r->matrix_row_count || r->matrix_rows[first]->type == BD_ROW_LOSS)
    return 0;
  while (first > 0 && r->matrix_rows[first]->type != BD_ROW_LOSS) first--;
  *loss = first;
  return 1;
}

size_t html_deck_piece_end(const html_ctx *ctx, html_deck_table table, size_t first, size_t count,
                           double avail, double tail) {
  double h = 0;
  size_t loss;
  if (table == HTML_DECK_COVERAGE_PANEL && html_deck_panel_continues(ctx, first, &loss))
    h = html_deck_row(ctx, table, loss);
  size_t end = first;
  while (end < count) {
    double next = html_deck_row(ctx, table, end) + (end + 1 == count ? tail : 0);
    if (end > first && h + next > avail) break;
    h += next;
    end++;
  }
  if (end == count || table == HTML_DECK_DECISIONS) return end;
  size_t cut = end; /* never end on a group header: it moves to the next piece */
  while (cut > first + 1 && ctx->r->matrix_rows[cut - 1]->type != BD_ROW_SCENARIO) cut--;
  return ctx->r->matrix_rows[cut - 1]->type == BD_ROW_SCENARIO ? cut : end;
}
