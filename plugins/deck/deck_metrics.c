/*
 * deck_metrics.c - the deck's sizes (deck_metrics.h) as the CSS custom
 * properties --deck-* that templates/slides.css draws the HTML slides with.
 */
#include "deck_metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int deck_css(char **css, size_t *len) {
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
      DECK_PAD_TOP, DECK_PAD_X, DECK_FOOT, DECK_HEAD_FONT, DECK_HEAD_LINE, DECK_BODY_TOP,
      DECK_BODY_BOTTOM, DECK_CAPTION_FONT, DECK_CAPTION_GAP, DECK_THEAD_FONT, DECK_THEAD_LINE,
      DECK_THEAD_PAD, DECK_CELL_FONT, DECK_CELL_SMALL, DECK_CELL_LINE, DECK_CELL_PAD_Y,
      DECK_CELL_PAD_X, DECK_PATH_FONT, DECK_GROUP_LABEL, DECK_MAP_FONT, DECK_MAP_PAD_Y,
      DECK_MAP_TOP, DECK_COL_RANK, DECK_COL_NUM, DECK_COL_SHARE, DECK_COL_DECISION, DECK_COL_TIME,
      DECK_COL_MNAME, DECK_COL_KIND, (double)DECK_TREE_FONT, (double)DECK_TREE_FONT2,
      (double)DECK_TREE_FONT3, DECK_TREE_SUB, DECK_MATRIX_FONT, DECK_DENSE_FONT, DECK_DENSE_PAD_Y,
      DECK_THEAD_NARROW, DECK_COL_MNAME_W, DECK_TITLE_FONT, DECK_TITLE_SMALL, DECK_TITLE_WIDTH,
      DECK_PANEL_FONT, DECK_PANEL_PAD_Y, DECK_PANEL_GAP, DECK_COL_MARK);
  if (n < 0 || (size_t)n >= sizeof buf) return -1;
  char *bigger = realloc(*css, *len + (size_t)n + 1);
  if (bigger == NULL) return -1;
  memcpy(bigger + *len, buf, (size_t)n + 1);
  *css = bigger;
  *len += (size_t)n;
  return 0;
}
