/*
 * pptx_views.c - the slides of one plan drawn from the slide plan: the
 * title, the key figures (cards as shapes), the decisions needed and the
 * loss matrix (native tables, the matrix's cells shaded by size) and the
 * coverage heatmap (a table whose cells carry the state's colour and
 * word, or its mark in the panels of a large plan).  The figures are
 * those of the pdf deck, through the host's display rules.
 */
#include "pptx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../pdf/pdf.h"

/* Fonts of the tables. */
#define HEAD_FONT(px) ((pptx_font){(px), 1, BD_COLOR_MUTED})
#define CELL(px)      ((pptx_font){(px), 0, PPTX_THEME_TEXT})
#define CELL_B(px)    ((pptx_font){(px), 1, PPTX_THEME_TEXT})

/* The plan's sizes of this slide's plan. */
static const deck_service *service(pptx *d, const deck_slide *s) {
  return &d->deck->services[s->plan];
}

/* See pptx.h. */
void pptx_title_slide(pptx *d, const deck_slide *s) {
  const bd_report *r = d->r;
  pptx_slide_begin(d, NULL);
  pptx_rect(d, 0, 0, 24, DECK_HEIGHT, PPTX_THEME_ACCENT, 0);
  double x = DECK_PAD_X + 40, w = DECK_TITLE_WIDTH, y = DECK_HEIGHT * 0.26;
  pptx_font eyebrow = {32, 1, PPTX_THEME_ACCENT};
  pptx_text_box(d, x, y, w, 40, pptx_msg(d, "title.slides"), eyebrow, PPTX_LEFT);
  y += 40 * PPTX_LINE + 12;
  pptx_font name = {service(d, s)->title_long ? DECK_TITLE_SMALL : DECK_TITLE_FONT, 1,
                    PPTX_THEME_TEXT};
  name.px = pptx_fit(d, r->service, name, w, 3 * name.px * PPTX_LINE, 24);
  double h = pptx_lines(d, r->service, name, w) * name.px * PPTX_LINE;
  pptx_text_box(d, x, y, w, h, r->service, name, PPTX_LEFT);
  y += h + 24;
  pptx_rect(d, x, y, 186, 4, PPTX_THEME_ACCENT, 0);
  y += 30;
  char line[1024];
  const char *dot = "  \xc2\xb7  ";
  snprintf(line, sizeof line, "%s%s%s%s%s %s", r->owner ? r->owner : "", r->owner ? dot : "",
           r->period ? r->period : "", r->period ? dot : "", pptx_msg(d, "meta.as_of"), r->as_of);
  pptx_font meta = {32, 0, BD_COLOR_MUTED};
  meta.px = pptx_fit(d, line, meta, w, 2 * meta.px * PPTX_LINE, 16);
  pptx_text_box(d, x, y, w, 2 * meta.px * PPTX_LINE, line, meta, PPTX_LEFT);
  pptx_note(d, "%s: %s", pptx_msg(d, "title.slides"), r->service);
  pptx_note(d, "%s %s. %s %s; %s %s.", pptx_msg(d, "meta.as_of"), r->as_of,
            pptx_msg(d, "figure.scenarios"), pptx_number(d, (double)r->scenario_count),
            pptx_msg(d, "figure.decisions"), pptx_number(d, (double)r->decision_count));
  if (r->source_sha256) pptx_note(d, "%s: %s", pptx_msg(d, "text.source_sha256"), r->source_sha256);
}

/* The card font sizes, px (the pdf deck's 17, 42 and 14 pt). */
#define CARD_LABEL 22.5
#define CARD_VALUE 56
#define CARD_NOTE  18.5
#define CARD_GAP   24
#define CARD_PAD   22

/* Draws a card in the box and says its figures in the notes. */
static void draw_card(pptx *d, const pptx_card *c, double x, double y, double w, double h) {
  pptx_rect(d, x, y, w, h, PPTX_COLOR_CARD, 0);
  pptx_rect(d, x, y, 5, h, PPTX_THEME_ACCENT, 0);
  double iw = w - 2 * CARD_PAD, ty = y + CARD_PAD * 0.8;
  pptx_font lf = {CARD_LABEL, 0, BD_COLOR_MUTED}, vf = {CARD_VALUE, 1, PPTX_THEME_TEXT},
            nf = {CARD_NOTE, 0, BD_COLOR_MUTED};
  lf.px = pptx_fit(d, c->label, lf, iw, lf.px * PPTX_LINE, 12);
  pptx_text_box(d, x + CARD_PAD, ty, iw, CARD_LABEL * PPTX_LINE, c->label, lf, PPTX_LEFT);
  ty += CARD_LABEL * PPTX_LINE + 4;
  vf.px = pptx_fit(d, c->value, vf, iw, vf.px * PPTX_LINE, CARD_VALUE * 0.5);
  pptx_text_box(d, x + CARD_PAD, ty + (CARD_VALUE - vf.px), iw, vf.px * PPTX_LINE, c->value, vf,
                PPTX_LEFT);
  ty += CARD_VALUE * PPTX_LINE + 4;
  if (c->has_bar) {
    double frac = c->bar > 1 ? 1 : c->bar < 0 ? 0 : c->bar;
    pptx_rect(d, x + CARD_PAD, ty, iw, 8, PPTX_COLOR_RULE, 0);
    if (frac > 0) pptx_rect(d, x + CARD_PAD, ty, iw * frac, 8, c->bar_color, 0);
  }
  ty += 8 + CARD_LABEL * 0.5;
  double nh = y + h - CARD_PAD * 0.5 - ty;
  nf.px = pptx_fit(d, c->note, nf, iw, nh, 10);
  pptx_text_box(d, x + CARD_PAD, ty, iw, nh, c->note, nf, PPTX_LEFT);
  char note[256];
  snprintf(note, sizeof note, "%s", c->note);
  for (char *p = note; *p; p++)
    if (*p == '\n') *p = ' ';
  pptx_note(d, "%s: %s (%s)", c->label, c->value, note);
}

/* See pptx.h. */
double pptx_cards(pptx *d, const pptx_card *c, int n, int columns, double y) {
  double w = (DECK_CONTENT - CARD_GAP * (columns - 1)) / columns;
  int rows = (n + columns - 1) / columns;
  double h = (pptx_body_bottom() - DECK_SAFETY - y - CARD_GAP * (rows - 1)) / rows;
  if (h > 236) h = 236;
  for (int i = 0; i < n; i++)
    draw_card(d, &c[i], DECK_PAD_X + (i % columns) * (w + CARD_GAP),
              y + (i / columns) * (h + CARD_GAP), w, h);
  return y + rows * h + (rows - 1) * CARD_GAP;
}

/* See pptx.h.  The cards of the pdf deck's key-figures slide. */
void pptx_figures_slide(pptx *d, const deck_slide *s) {
  const bd_report *r = d->r;
  const bd_totals *now = r->totals[BD_STATE_CURRENT], *plan = r->totals[BD_STATE_PLANNED];
  double y = pptx_slide_begin(d, s->heading);
  pptx_card c[6] = {{0}};
  int n = 0;
  c[n].label = pptx_msg(d, "figure.yearly_loss_now");
  snprintf(c[n].value, sizeof c[n].value, "%s",
           pptx_money(d, now->eal, r->currency, BD_MONEY_COMPACT));
  snprintf(c[n].note, sizeof c[n].note, "%s\n%s: %s", pptx_amount(d, now->eal, 0),
           pptx_msg(d, "state.baseline"),
           pptx_money(d, r->totals[BD_STATE_BASELINE]->eal, r->currency, BD_MONEY_COMPACT));
  /* the proven state and the loss resting on untested measures (proven -
   * current), worded as on the pdf deck's card */
  if (BD_HAS(r, bd_report, proven_totals) && r->proven_totals) {
    size_t used = strlen(c[n].note);
    snprintf(c[n].note + used, sizeof c[n].note - used, "\n%s: %s\n%s: %s",
             pptx_msg(d, "figure.proven"),
             pptx_money(d, r->proven_totals->eal, r->currency, BD_MONEY_COMPACT),
             pptx_msg(d, "figure.untested_short"),
             pptx_money(d, r->proven_totals->eal - now->eal, r->currency, BD_MONEY_COMPACT));
  }
  n++;
  c[n].label = pptx_msg(d, "figure.yearly_loss_planned");
  snprintf(c[n].value, sizeof c[n].value, "%s",
           pptx_money(d, plan->eal, r->currency, BD_MONEY_COMPACT));
  snprintf(c[n].note, sizeof c[n].note, "%s\n%s", pptx_amount(d, plan->eal, 0),
           pptx_msg(d, "figure.note_planned"));
  n++;
  c[n].label = pptx_msg(d, "figure.downtime_now");
  snprintf(c[n].value, sizeof c[n].value, "%s", pptx_duration(d, now->downtime_h));
  long bar_color = now->budget_used > 1 ? BD_COLOR_CELL_FAILING : PPTX_THEME_ACCENT;
  if (r->has_error_budget) {
    snprintf(c[n].note, sizeof c[n].note, "%s: %s (%s %s)", pptx_msg(d, "meta.error_budget"),
             pptx_duration(d, r->error_budget_h), pptx_msg(d, "meta.slo"), pptx_slo(d, r->slo));
    c[n].has_bar = 1;
    c[n].bar = now->budget_used;
    c[n].bar_color = bar_color;
  } else {
    snprintf(c[n].note, sizeof c[n].note, "%s", pptx_msg(d, "figure.no_slo"));
  }
  n++;
  if (r->has_error_budget) {
    c[n].label = pptx_msg(d, "figure.error_budget_used");
    snprintf(c[n].value, sizeof c[n].value, "%s", pptx_share(d, now->budget_used));
    snprintf(c[n].note, sizeof c[n].note, "%s: %s", pptx_msg(d, "state.planned"),
             pptx_share(d, plan->budget_used));
    c[n].has_bar = 1;
    c[n].bar = now->budget_used;
    c[n].bar_color = bar_color;
  } else {
    c[n].label = pptx_msg(d, "figure.scenarios");
    snprintf(c[n].value, sizeof c[n].value, "%zu", r->scenario_count);
    snprintf(c[n].note, sizeof c[n].note, "%s %zu \xc2\xb7 %s %zu", pptx_msg(d, "column.loss"),
             r->loss_count, pptx_msg(d, "column.failure"), r->failure_count);
  }
  n++;
  c[n].label = pptx_msg(d, "figure.coverage");
  snprintf(c[n].value, sizeof c[n].value, "%s", pptx_share(d, r->coverage));
  snprintf(c[n].note, sizeof c[n].note, "%s: %s", pptx_msg(d, "figure.verified_coverage"),
           pptx_share(d, r->verified_coverage));
  c[n].has_bar = 1;
  c[n].bar = r->coverage;
  c[n].bar_color = BD_COLOR_CELL_VERIFIED;
  n++;
  c[n].label = pptx_msg(d, "figure.decisions");
  snprintf(c[n].value, sizeof c[n].value, "%zu", r->decision_count);
  snprintf(c[n].note, sizeof c[n].note, "%s: %zu", pptx_msg(d, "figure.scenarios"),
           r->scenario_count);
  n++;
  pptx_cards(d, c, n, 3, y + 8);
}

/* The heat colour of a loss-matrix cell: HEAT_LOW to HEAT_HIGH. */
static long heat_color(double t) {
  if (t < 0) t = 0;
  if (t > 1) t = 1;
  long out = 0;
  for (int sh = 16; sh >= 0; sh -= 8) {
    double a = (BD_COLOR_HEAT_LOW >> sh) & 0xFF, b = (BD_COLOR_HEAT_HIGH >> sh) & 0xFF;
    out |= (long)lround(a + (b - a) * t) << sh;
  }
  return out;
}

/* See pptx.h. */
void pptx_decisions_slide(pptx *d, const deck_slide *s) {
  const bd_report *r = d->r;
  double y = pptx_slide_begin(d, s->heading);
  if (r->decision_count == 0) {
    pptx_text_box(d, DECK_PAD_X, y, DECK_CONTENT, 30, pptx_msg(d, "text.no_decisions"),
                  CELL(DECK_CELL_FONT), PPTX_LEFT);
    pptx_note(d, "%s", pptx_msg(d, "text.no_decisions"));
    return;
  }
  int share = r->has_slo;
  double cols[8] = {DECK_COL_RANK, 0, DECK_COL_NUM, DECK_COL_NUM, DECK_COL_NUM, DECK_COL_NUM};
  size_t nc = 6;
  if (share) cols[nc++] = DECK_COL_SHARE;
  cols[nc++] = DECK_COL_DECISION;
  double rest = DECK_CONTENT;
  for (size_t c = 0; c < nc; c++) rest -= cols[c];
  cols[1] = rest;
  pptx_table t;
  pptx_table_begin(&t, d, DECK_PAD_X, y, cols, nc, DECK_CELL_PAD_X, DECK_CELL_PAD_Y);
  const char *keys[] = {"column.rank",         "column.scenario",  "column.current",
                        "column.planned",      "column.plan_cost", "column.reduction",
                        "column.budget_share", "column.decision"};
  pptx_cell head[8];
  size_t k = 0;
  for (size_t c = 0; c < 8; c++) {
    if (c == 6 && !share) continue;
    head[k++] = (pptx_cell){pptx_msg(d, keys[c]),
                            HEAD_FONT(DECK_THEAD_FONT),
                            c >= 2 && c <= 6 ? PPTX_RIGHT : PPTX_LEFT,
                            PPTX_NO_FILL,
                            1,
                            1};
  }
  pptx_table_row(&t, pptx_row_height(&t, head, k), head, k);
  for (size_t i = s->first; i < s->first + s->count && i < r->decision_count; i++) {
    const bd_scenario *sc = r->scenarios[r->decisions[i]];
    char rank[32], word[256];
    snprintf(rank, sizeof rank, "%zu", i + 1);
    snprintf(word, sizeof word, "%s%s%s", pptx_enum(d, "decision", bd_decision_name(sc->decision)),
             sc->over_cap ? "\n" : "", sc->over_cap ? pptx_msg(d, "flag.over_cap") : "");
    double tf = service(d, s)->decision_small[i] ? DECK_CELL_SMALL : DECK_CELL_FONT;
    pptx_cell row[8] = {
        {rank, CELL(DECK_CELL_FONT), PPTX_LEFT, PPTX_NO_FILL, 1, 1},
        {sc->title, CELL(tf), PPTX_LEFT, PPTX_NO_FILL, 1, 1},
        {pptx_amount(d, sc->state[BD_STATE_CURRENT]->eal, 1), CELL_B(DECK_CELL_FONT), PPTX_RIGHT,
         PPTX_NO_FILL, 1, 1},
        {pptx_amount(d, sc->state[BD_STATE_PLANNED]->eal, 1), CELL(DECK_CELL_FONT), PPTX_RIGHT,
         PPTX_NO_FILL, 1, 1},
        {pptx_amount(d, sc->plan_cost, 1), CELL(DECK_CELL_FONT), PPTX_RIGHT, PPTX_NO_FILL, 1, 1},
        {pptx_amount(d, sc->reduction, 1), CELL(DECK_CELL_FONT), PPTX_RIGHT, PPTX_NO_FILL, 1, 1},
    };
    k = 6;
    if (share)
      row[k++] = (pptx_cell){sc->has_budget_share ? pptx_share(d, sc->budget_share) : "",
                             CELL(DECK_CELL_FONT),
                             PPTX_RIGHT,
                             PPTX_NO_FILL,
                             1,
                             1};
    pptx_font wf = CELL_B(DECK_CELL_FONT);
    if (sc->over_cap) wf.color = BD_COLOR_CELL_FAILING;
    row[k++] = (pptx_cell){word, wf, PPTX_LEFT, PPTX_NO_FILL, 1, 1};
    pptx_table_row(&t, pptx_row_height(&t, row, k), row, k);
    pptx_scenario_notes(d, sc);
  }
  pptx_table_end(&t);
}

/* See pptx.h. */
void pptx_matrix_slide(pptx *d, const deck_slide *s) {
  const bd_report *r = d->r;
  double y = pptx_slide_begin(d, s->heading);
  char caption[512];
  snprintf(caption, sizeof caption, "%s (%s)", pptx_msg(d, "caption.loss_matrix"), r->currency);
  pptx_text_box(d, DECK_PAD_X, y, DECK_CONTENT, DECK_CAPTION_FONT * PPTX_LINE, caption,
                (pptx_font){DECK_CAPTION_FONT, 0, BD_COLOR_MUTED}, PPTX_LEFT);
  y += DECK_CAPTION_FONT * PPTX_LINE + DECK_CAPTION_GAP;
  const deck_service *sv = service(d, s);
  size_t nc = r->category_count + 5;
  double cols[64];
  if (nc > 64) nc = 64;
  size_t cats = nc - 5;
  cols[0] = sv->matrix_wide ? DECK_COL_MNAME_W : DECK_COL_MNAME;
  cols[cats + 1] = DECK_COL_NUM;
  cols[cats + 2] = DECK_COL_TIME;
  cols[cats + 3] = DECK_COL_NUM;
  cols[cats + 4] = DECK_COL_DECISION;
  double rest = DECK_CONTENT - cols[0] - DECK_COL_NUM * 2 - DECK_COL_TIME - DECK_COL_DECISION;
  for (size_t c = 0; c < cats; c++) cols[c + 1] = rest / (double)(cats ? cats : 1);
  pptx_table t;
  pptx_table_begin(&t, d, DECK_PAD_X, y, cols, nc, DECK_CELL_PAD_X, DECK_CELL_PAD_Y);
  pptx_cell cells[64];
  cells[0] = (pptx_cell){
      pptx_msg(d, "column.scenario"), HEAD_FONT(DECK_THEAD_FONT), PPTX_LEFT, PPTX_NO_FILL, 1, 1};
  for (size_t c = 0; c < cats; c++)
    cells[c + 1] =
        (pptx_cell){pptx_enum(d, "category", r->categories[c]),
                    HEAD_FONT(sv->category_narrow[c] ? DECK_THEAD_NARROW : DECK_THEAD_FONT),
                    PPTX_RIGHT,
                    PPTX_NO_FILL,
                    1,
                    1};
  const char *tail[4] = {"column.total", "column.downtime", "column.planned", "column.decision"};
  for (size_t c = 0; c < 4; c++)
    cells[cats + 1 + c] = (pptx_cell){pptx_msg(d, tail[c]),
                                      HEAD_FONT(DECK_THEAD_FONT),
                                      c < 3 ? PPTX_RIGHT : PPTX_LEFT,
                                      PPTX_NO_FILL,
                                      1,
                                      1};
  pptx_table_row(&t, pptx_row_height(&t, cells, nc), cells, nc);
  for (size_t i = s->first; i < s->first + s->count && i < r->matrix_row_count; i++) {
    const bd_matrix_row *row = r->matrix_rows[i];
    if (row->type != BD_ROW_SCENARIO) {
      char text[1024];
      int loss = row->type == BD_ROW_LOSS;
      snprintf(text, sizeof text, "%s",
               loss ? r->losses[row->index]->title : r->failures[row->index]->title);
      cells[0] = (pptx_cell){
          text,
          loss ? CELL_B(DECK_MATRIX_FONT) : (pptx_font){DECK_MATRIX_FONT, 0, BD_COLOR_MUTED},
          PPTX_LEFT,
          loss ? PPTX_COLOR_CARD : PPTX_NO_FILL,
          (unsigned)nc,
          1};
      pptx_table_row(&t, pptx_row_height(&t, cells, 1), cells, 1);
      continue;
    }
    const bd_scenario *sc = r->scenarios[row->index];
    const bd_figures *cur = sc->state[BD_STATE_CURRENT];
    cells[0] = (pptx_cell){sc->title, CELL(DECK_MATRIX_FONT), PPTX_LEFT, PPTX_NO_FILL, 1, 1};
    for (size_t c = 0; c < cats; c++) {
      double heat = sc->heat_by_category[c];
      pptx_font f = CELL(DECK_CELL_FONT);
      if (heat > 0.6) f.color = 0xFFFFFF;
      cells[c + 1] = (pptx_cell){cur->by_category[c] > 0 ? pptx_amount(d, cur->by_category[c], 1)
                                                         : "\xe2\x80\x93",
                                 f,
                                 PPTX_RIGHT,
                                 cur->by_category[c] > 0 ? heat_color(heat) : PPTX_NO_FILL,
                                 1,
                                 1};
    }
    cells[cats + 1] = (pptx_cell){
        pptx_amount(d, cur->eal, 1), CELL_B(DECK_CELL_FONT), PPTX_RIGHT, PPTX_NO_FILL, 1, 1};
    cells[cats + 2] = (pptx_cell){
        pptx_duration(d, cur->downtime_h), CELL(DECK_CELL_FONT), PPTX_RIGHT, PPTX_NO_FILL, 1, 1};
    cells[cats + 3] = (pptx_cell){pptx_amount(d, sc->state[BD_STATE_PLANNED]->eal, 1),
                                  (pptx_font){DECK_CELL_FONT, 0, BD_COLOR_MUTED},
                                  PPTX_RIGHT,
                                  PPTX_NO_FILL,
                                  1,
                                  1};
    cells[cats + 4] = (pptx_cell){pptx_enum(d, "decision", bd_decision_name(sc->decision)),
                                  CELL(DECK_CELL_FONT),
                                  PPTX_LEFT,
                                  PPTX_NO_FILL,
                                  1,
                                  1};
    pptx_table_row(&t, pptx_row_height(&t, cells, nc), cells, nc);
    pptx_scenario_notes(d, sc);
  }
  if (s->last) {
    const bd_totals *cur = r->totals[BD_STATE_CURRENT];
    cells[0] = (pptx_cell){
        pptx_msg(d, "column.total"), CELL_B(DECK_CELL_FONT), PPTX_LEFT, PPTX_NO_FILL, 1, 0};
    for (size_t c = 0; c < cats; c++)
      cells[c + 1] = (pptx_cell){cur->by_category[c] > 0 ? pptx_amount(d, cur->by_category[c], 1)
                                                         : "\xe2\x80\x93",
                                 CELL_B(DECK_CELL_FONT),
                                 PPTX_RIGHT,
                                 PPTX_NO_FILL,
                                 1,
                                 0};
    cells[cats + 1] = (pptx_cell){
        pptx_amount(d, cur->eal, 1), CELL_B(DECK_CELL_FONT), PPTX_RIGHT, PPTX_NO_FILL, 1, 0};
    cells[cats + 2] = (pptx_cell){
        pptx_duration(d, cur->downtime_h), CELL_B(DECK_CELL_FONT), PPTX_RIGHT, PPTX_NO_FILL, 1, 0};
    cells[cats + 3] = (pptx_cell){pptx_amount(d, r->totals[BD_STATE_PLANNED]->eal, 1),
                                  CELL_B(DECK_CELL_FONT),
                                  PPTX_RIGHT,
                                  PPTX_NO_FILL,
                                  1,
                                  0};
    cells[cats + 4] = (pptx_cell){"", CELL(DECK_CELL_FONT), PPTX_LEFT, PPTX_NO_FILL, 1, 0};
    pptx_table_row(&t, pptx_row_height(&t, cells, nc), cells, nc);
    pptx_note(d, "%s: %s %s, %s %s (%s %s).", pptx_msg(d, "column.total"),
              pptx_msg(d, "figure.yearly_loss_now"), pptx_amount(d, cur->eal, 0),
              pptx_msg(d, "figure.downtime_now"), pptx_duration(d, cur->downtime_h),
              pptx_msg(d, "state.planned"), pptx_amount(d, r->totals[BD_STATE_PLANNED]->eal, 0));
  }
  pptx_table_end(&t);
}

/* The fill and text colour of a coverage cell. */
static long cell_fill(bd_cell c) {
  static const long fills[BD_CELL_COUNT] = {BD_COLOR_CELL_NONE,        BD_COLOR_CELL_PLANNED,
                                            BD_COLOR_CELL_IMPLEMENTED, BD_COLOR_CELL_STALE,
                                            BD_COLOR_CELL_VERIFIED,    BD_COLOR_CELL_FAILING};
  return (unsigned)c < BD_CELL_COUNT ? fills[c] : BD_COLOR_CELL_NONE;
}
static long cell_ink(bd_cell c) {
  return c == BD_CELL_VERIFIED || c == BD_CELL_FAILING ? 0xFFFFFF : BD_COLOR_TEXT;
}

/* The first letter (character) of a kind's label, for the panels' heads. */
static void kind_letter(pptx *d, bd_kind k, char *buf, size_t size) {
  const char *label = pptx_enum(d, "kind", bd_kind_name(k));
  size_t n = 1;
  while (label[0] && label[n] && ((unsigned char)label[n] & 0xC0) == 0x80) n++;
  snprintf(buf, size, "%.*s", (int)n, label);
}

/* The type of a heatmap slide's rows: size and padding, px. */
static void heat_type(const deck_slide *s, double *font, double *pad) {
  int panel = s->rows == DECK_ROWS_PANEL;
  *font = panel ? DECK_PANEL_FONT : s->rows == DECK_ROWS_DENSE ? DECK_DENSE_FONT : DECK_MAP_FONT;
  *pad = panel ? DECK_PANEL_PAD_Y : s->rows == DECK_ROWS_DENSE ? DECK_DENSE_PAD_Y : DECK_MAP_PAD_Y;
}

/* One row of a heatmap table: matrix row i ("(continued)" after a
 * repeated loss's title). */
static void heat_row(pptx *d, pptx_table *t, const deck_slide *s, size_t i, int continued) {
  const bd_report *r = d->r;
  const bd_matrix_row *row = r->matrix_rows[i];
  int panel = s->rows == DECK_ROWS_PANEL;
  double font, pad, h = service(d, s)->coverage_rows[i];
  heat_type(s, &font, &pad);
  pptx_cell cells[5];
  if (row->type == BD_ROW_FAILURE && panel) return;
  if (row->type != BD_ROW_SCENARIO) {
    int loss = row->type == BD_ROW_LOSS;
    char text[1024];
    const char *title = loss ? r->losses[row->index]->title : r->failures[row->index]->title;
    snprintf(text, sizeof text, "%s%s%s", title, continued ? " " : "",
             continued ? pptx_msg(d, "pdf.continued") : "");
    cells[0] = (pptx_cell){text,      loss ? CELL_B(font) : (pptx_font){font, 0, BD_COLOR_MUTED},
                           PPTX_LEFT, loss ? PPTX_COLOR_CARD : PPTX_NO_FILL,
                           5,         1};
    double need = pptx_row_height(t, cells, 1);
    pptx_table_row(t, h > need ? h : need, cells, 1);
    return;
  }
  const bd_scenario *sc = r->scenarios[row->index];
  cells[0] = (pptx_cell){panel ? sc->id : sc->title, CELL(font), PPTX_LEFT, PPTX_NO_FILL, 1, 1};
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    bd_cell c = sc->coverage[k];
    cells[k + 1] = (pptx_cell){panel ? pdf_cell_mark(c) : pptx_enum(d, "cell", bd_cell_name(c)),
                               (pptx_font){font, 0, cell_ink(c)},
                               PPTX_CENTER,
                               cell_fill(c),
                               1,
                               1};
  }
  double need = pptx_row_height(t, cells, 5);
  pptx_table_row(t, h > need ? h : need, cells, 5);
}

/* One heatmap table (a panel) of matrix rows [first, end) at x, width w,
 * repeating the loss of matrix row `repeat` first (DECK_NO_ROW: none). */
static void heat_panel(pptx *d, const deck_slide *s, double x, double y, double w, size_t first,
                       size_t end, size_t repeat) {
  int panel = s->rows == DECK_ROWS_PANEL;
  double font, pad;
  heat_type(s, &font, &pad);
  double kw = panel ? DECK_COL_MARK : DECK_COL_KIND;
  double cols[5] = {w - 4 * kw, kw, kw, kw, kw};
  pptx_table t;
  pptx_table_begin(&t, d, x, y, cols, 5, panel ? 4 : DECK_CELL_PAD_X, pad);
  pptx_cell cells[5];
  char letters[4][16];
  cells[0] = (pptx_cell){
      pptx_msg(d, "column.scenario"), HEAD_FONT(DECK_THEAD_FONT), PPTX_LEFT, PPTX_NO_FILL, 1, 1};
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    kind_letter(d, (bd_kind)k, letters[k], sizeof letters[k]);
    cells[k + 1] = (pptx_cell){panel ? letters[k] : pptx_enum(d, "kind", bd_kind_name((bd_kind)k)),
                               HEAD_FONT(DECK_THEAD_FONT),
                               PPTX_CENTER,
                               PPTX_NO_FILL,
                               1,
                               1};
  }
  pptx_table_row(&t, pptx_row_height(&t, cells, 5), cells, 5);
  if (repeat != DECK_NO_ROW) heat_row(d, &t, s, repeat, 1);
  for (size_t i = first; i < end && i < d->r->matrix_row_count; i++) heat_row(d, &t, s, i, 0);
  pptx_table_end(&t);
}

/* See pptx.h. */
void pptx_coverage_slide(pptx *d, const deck_slide *s) {
  const bd_report *r = d->r;
  double y = pptx_slide_begin(d, s->heading);
  char text[512], a[64], b[64];
  snprintf(a, sizeof a, "%s", pptx_share(d, r->coverage));
  snprintf(b, sizeof b, "%s", pptx_share(d, r->verified_coverage));
  snprintf(text, sizeof text, "%s %s \xC2\xB7 %s %s", pptx_msg(d, "figure.coverage"), a,
           pptx_msg(d, "figure.verified_coverage"), b);
  pptx_font tf = {DECK_CAPTION_FONT, 1, PPTX_THEME_TEXT};
  pptx_text_box(d, DECK_PAD_X, y, DECK_CONTENT, DECK_CAPTION_FONT * PPTX_LINE, text, tf, PPTX_LEFT);
  pptx_note(d, "%s", text);
  /* the legend: a swatch and the word of each state */
  double lx = DECK_PAD_X, ly = y + DECK_CAPTION_FONT * PPTX_LINE + 8;
  pptx_font lf = {DECK_THEAD_FONT, 0, BD_COLOR_MUTED};
  for (int c = 0; c < BD_CELL_COUNT; c++) {
    const char *word = pptx_enum(d, "cell", bd_cell_name((bd_cell)c));
    char label[128];
    if (s->panels > 1)
      snprintf(label, sizeof label, "%s %s", pdf_cell_mark((bd_cell)c), word);
    else
      snprintf(label, sizeof label, "%s", word);
    double ww = pdf_text_width(d->text, label, (pdf_font){deck_pt(lf.px), 0}) / DECK_PT_PER_PX + 6;
    pptx_rect(d, lx, ly + 2, 14, 14, cell_fill((bd_cell)c), 0);
    pptx_text_box(d, lx + 20, ly, ww, lf.px * PPTX_LINE, label, lf, PPTX_LEFT);
    lx += 20 + ww + 16;
    pptx_note(d, "%s: %zu", word, r->cell_counts[c]);
  }
  if (s->panels > 1) {
    char key[256];
    size_t used = 0;
    for (int k = 0; k < BD_KIND_COUNT && used < sizeof key; k++) {
      char letter[16];
      kind_letter(d, (bd_kind)k, letter, sizeof letter);
      used += (size_t)snprintf(key + used, sizeof key - used, "%s%s %s", k ? "  " : "", letter,
                               pptx_enum(d, "kind", bd_kind_name((bd_kind)k)));
    }
    pptx_text_box(d, lx, ly, DECK_PAD_X + DECK_CONTENT - lx, lf.px * PPTX_LINE, key, lf, PPTX_LEFT);
  }
  y += DECK_MAP_TOP;
  double gap = DECK_PANEL_GAP, w = (DECK_CONTENT - gap * (s->panels - 1)) / s->panels;
  size_t first = s->first;
  for (int p = 0; p < s->panels; p++) {
    heat_panel(d, s, DECK_PAD_X + p * (w + gap), y, w, first, s->panel_end[p], s->panel_repeat[p]);
    first = s->panel_end[p];
  }
}
