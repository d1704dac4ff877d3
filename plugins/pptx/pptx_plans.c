/*
 * pptx_plans.c - the slides beyond one plan's views: what changed since
 * the compared report (--compare: its figures, then the changed
 * scenarios), and a portfolio's title, key figures, services table and
 * sources, as the pdf deck shows them.
 */
#include "pptx.h"

#include <stdio.h>
#include <string.h>

#define DASH  "\xe2\x80\x93"
#define ARROW " \xe2\x86\x92 "
#define DOT   "  \xc2\xb7  "

#define HEAD_FONT ((pptx_font){DECK_THEAD_FONT, 1, BD_COLOR_MUTED})
#define CELL      ((pptx_font){DECK_CELL_FONT, 0, PPTX_THEME_TEXT})
#define CELL_B    ((pptx_font){DECK_CELL_FONT, 1, PPTX_THEME_TEXT})

/* The changed scenarios' coverage text: one line a kind whose cell changed. */
static const char *coverage_text(pptx *d, const bd_scenario_delta *s, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    if (!(s->changed_cells & (1u << k))) continue;
    int n = snprintf(buf + len, size - len, "%s%s: %s" ARROW "%s", len ? "\n" : "",
                     pptx_enum(d, "kind", bd_kind_name((bd_kind)k)),
                     pptx_enum(d, "cell", bd_cell_name(s->coverage_before[k])),
                     pptx_enum(d, "cell", bd_cell_name(s->coverage_after[k])));
    if (n < 0 || (size_t)n >= size - len) break;
    len += (size_t)n;
  }
  return len ? buf : DASH;
}

/* See pptx.h. */
void pptx_changes_slide(pptx *d, const deck_slide *s) {
  const bd_comparison *c = deck_comparison(d->r);
  double y = pptx_slide_begin(d, s->heading);
  if (c == NULL) return;
  const char *cur = d->r->currency;
  if (s->part == 0) {
    char intro[1024];
    const char *slash = c->source ? strrchr(c->source, '/') : NULL;
    snprintf(intro, sizeof intro, "%s %s (%s%s%s %s)", pptx_msg(d, "text.changes_intro"),
             slash       ? slash + 1
             : c->source ? c->source
                         : "",
             c->period ? c->period : "", c->period ? ", " : "", pptx_msg(d, "meta.as_of"),
             c->as_of ? c->as_of : "");
    pptx_font f = {DECK_CAPTION_FONT, 0, BD_COLOR_MUTED};
    pptx_text_box(d, DECK_PAD_X, y, DECK_CONTENT, 2 * f.px * PPTX_LINE, intro, f, PPTX_LEFT);
    pptx_note(d, "%s", intro);
    pptx_card cards[4] = {{0}};
    cards[0].label = pptx_msg(d, "figure.loss_change");
    snprintf(cards[0].value, sizeof cards[0].value, "%s",
             pptx_signed(d, c->eal_after - c->eal_before, cur));
    snprintf(cards[0].note, sizeof cards[0].note, "%s" ARROW "%s",
             pptx_money(d, c->eal_before, cur, 0), pptx_money(d, c->eal_after, cur, 0));
    const char *labels[3] = {"figure.added", "figure.removed", "figure.changed"};
    size_t counts[3] = {c->added, c->removed, c->changed};
    for (int k = 0; k < 3; k++) {
      cards[k + 1].label = pptx_msg(d, labels[k]);
      snprintf(cards[k + 1].value, sizeof cards[k + 1].value, "%zu", counts[k]);
    }
    snprintf(cards[3].note, sizeof cards[3].note, "%s %zu \xc2\xb7 %s %zu",
             pptx_msg(d, "column.decision"), c->decision_changes, pptx_msg(d, "column.coverage"),
             c->cell_changes);
    pptx_cards(d, cards, 4, 2, y + 2 * f.px * PPTX_LINE + 12);
    return;
  }
  double cols[7] = {0, 110, 150, 150, 150, 156, 250};
  double rest = DECK_CONTENT;
  for (int k = 1; k < 7; k++) rest -= cols[k];
  cols[0] = rest;
  pptx_table t;
  pptx_table_begin(&t, d, DECK_PAD_X, y, cols, 7, DECK_CELL_PAD_X, DECK_CELL_PAD_Y);
  const char *keys[7] = {"column.scenario",        "column.change",     "column.before",
                         "column.after",           "column.difference", "column.decision",
                         "column.coverage_changes"};
  pptx_cell cells[7];
  for (int k = 0; k < 7; k++)
    cells[k] =
        (pptx_cell){pptx_msg(d, keys[k]), HEAD_FONT, k >= 2 && k <= 4 ? PPTX_RIGHT : PPTX_LEFT,
                    PPTX_NO_FILL,         1,         1};
  pptx_table_row(&t, pptx_row_height(&t, cells, 7), cells, 7);
  size_t seen = 0;
  for (size_t i = 0; i < c->scenario_count; i++) {
    const bd_scenario_delta *sd = c->scenarios[i];
    if (sd->change == BD_CHANGE_UNCHANGED) continue;
    if (seen++ < s->first) continue;
    if (seen > s->first + s->count) break;
    char before[96], after[96], diff[96], decision[256], cov[512];
    snprintf(before, sizeof before, "%s",
             sd->change == BD_CHANGE_ADDED ? DASH
                                           : pptx_money(d, sd->eal_before, cur, BD_MONEY_BARE));
    snprintf(after, sizeof after, "%s",
             sd->change == BD_CHANGE_REMOVED ? DASH
                                             : pptx_money(d, sd->eal_after, cur, BD_MONEY_BARE));
    snprintf(diff, sizeof diff, "%s", pptx_signed(d, sd->eal_after - sd->eal_before, NULL));
    if (sd->decision_changed)
      snprintf(decision, sizeof decision, "%s" ARROW "%s",
               pptx_enum(d, "decision", bd_decision_name(sd->decision_before)),
               pptx_enum(d, "decision", bd_decision_name(sd->decision_after)));
    else
      snprintf(decision, sizeof decision, "%s",
               pptx_enum(d, "decision",
                         bd_decision_name(sd->change == BD_CHANGE_REMOVED ? sd->decision_before
                                                                          : sd->decision_after)));
    coverage_text(d, sd, cov, sizeof cov);
    pptx_cell row[7] = {
        {sd->title, CELL, PPTX_LEFT, PPTX_NO_FILL, 1, 1},
        {pptx_enum(d, "change", bd_change_name(sd->change)), CELL_B, PPTX_LEFT, PPTX_NO_FILL, 1, 1},
        {before, CELL, PPTX_RIGHT, PPTX_NO_FILL, 1, 1},
        {after, CELL, PPTX_RIGHT, PPTX_NO_FILL, 1, 1},
        {diff, CELL_B, PPTX_RIGHT, PPTX_NO_FILL, 1, 1},
        {decision, CELL, PPTX_LEFT, PPTX_NO_FILL, 1, 1},
        {cov, (pptx_font){DECK_PATH_FONT, 0, PPTX_THEME_TEXT}, PPTX_LEFT, PPTX_NO_FILL, 1, 1},
    };
    pptx_table_row(&t, pptx_row_height(&t, row, 7), row, 7);
    pptx_note(d, "%s: %s, %s" ARROW "%s (%s); %s", sd->title,
              pptx_enum(d, "change", bd_change_name(sd->change)), before, after, diff, decision);
  }
  double end = pptx_table_end(&t);
  if (s->last) {
    size_t unchanged = c->scenario_count - c->added - c->removed - c->changed;
    char text[256];
    if (c->added + c->removed + c->changed == 0)
      snprintf(text, sizeof text, "%s", pptx_msg(d, "text.no_changes"));
    else
      snprintf(text, sizeof text, "%zu %s", unchanged,
               pptx_msg(d, unchanged == 1 ? "text.unchanged_one" : "text.unchanged_count"));
    pptx_text_box(d, DECK_PAD_X, end + 8, DECK_CONTENT, DECK_CELL_FONT * PPTX_LINE, text,
                  (pptx_font){DECK_CELL_FONT, 0, BD_COLOR_MUTED}, PPTX_LEFT);
  }
}

/* The comparison of a plan, or NULL. */
static const bd_comparison *comparison_of(const bd_report *r) {
  return deck_comparison(r);
}

/* An amount of the portfolio (a dash without a shared currency). */
static const char *money(pptx *d, double v, const char *currency) {
  return currency ? pptx_money(d, v, currency, 0) : DASH;
}

/* The portfolio's title slide: the services and the date. */
static void portfolio_title(pptx *d, const bd_portfolio *p) {
  pptx_slide_begin(d, NULL);
  pptx_rect(d, 0, 0, 24, DECK_HEIGHT, PPTX_THEME_ACCENT, 0);
  double x = DECK_PAD_X + 40, w = DECK_TITLE_WIDTH, y = DECK_HEIGHT * 0.26;
  pptx_text_box(d, x, y, w, 40, pptx_msg(d, "title.portfolio"),
                (pptx_font){32, 1, PPTX_THEME_ACCENT}, PPTX_LEFT);
  y += 40 * PPTX_LINE + 12;
  char names[4096];
  size_t used = 0;
  names[0] = '\0';
  for (size_t i = 0; i < p->report_count && used < sizeof names; i++)
    used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? DOT : "",
                             p->reports[i]->service);
  pptx_font f = {DECK_TITLE_SMALL, 1, PPTX_THEME_TEXT};
  double box = 4 * DECK_TITLE_SMALL * PPTX_LINE;
  f.px = pptx_fit(d, names, f, w, box, 14);
  pptx_text_box(d, x, y, w, box, names, f, PPTX_LEFT);
  y += box + 16;
  char meta[512];
  snprintf(meta, sizeof meta, "%s%s%s %s", p->period ? p->period : "", p->period ? DOT : "",
           pptx_msg(d, "meta.as_of"), p->as_of ? p->as_of : "");
  pptx_text_box(d, x, y, w, 40, meta, (pptx_font){28, 0, BD_COLOR_MUTED}, PPTX_LEFT);
  pptx_note(d, "%s: %s", pptx_msg(d, "title.portfolio"), names);
  pptx_note(d, "%s", meta);
}

/* The portfolio's key figures. */
static void portfolio_figures(pptx *d, const bd_portfolio *p, const deck_slide *s) {
  double y = pptx_slide_begin(d, s->heading);
  pptx_card c[6] = {{0}};
  int n = 0;
  const char *cur = p->currency;
  c[n].label = pptx_msg(d, "figure.yearly_loss_now");
  snprintf(c[n].value, sizeof c[n].value, "%s", money(d, p->eal[BD_STATE_CURRENT], cur));
  if (cur)
    snprintf(c[n].note, sizeof c[n].note, "%s: %s", pptx_msg(d, "state.baseline"),
             money(d, p->eal[BD_STATE_BASELINE], cur));
  else
    snprintf(c[n].note, sizeof c[n].note, "%s", pptx_msg(d, "text.mixed_currencies"));
  /* the proven state summed over the plans, and the loss resting on
   * untested measures (proven - now), worded as on the pdf deck's card */
  if (cur && BD_HAS(p, bd_portfolio, eal_proven)) {
    size_t used = strlen(c[n].note);
    char proven[64];
    snprintf(proven, sizeof proven, "%s", money(d, p->eal_proven, cur));
    snprintf(c[n].note + used, sizeof c[n].note - used, "\n%s: %s\n%s: %s",
             pptx_msg(d, "figure.proven"), proven, pptx_msg(d, "figure.untested_short"),
             money(d, p->eal_proven - p->eal[BD_STATE_CURRENT], cur));
  }
  n++;
  c[n].label = pptx_msg(d, "figure.yearly_loss_planned");
  snprintf(c[n].value, sizeof c[n].value, "%s", money(d, p->eal[BD_STATE_PLANNED], cur));
  snprintf(c[n].note, sizeof c[n].note, "%s", pptx_msg(d, "figure.note_planned"));
  n++;
  c[n].label = pptx_msg(d, "figure.services");
  snprintf(c[n].value, sizeof c[n].value, "%zu", p->report_count);
  snprintf(c[n].note, sizeof c[n].note, "%s%s%s %s", p->period ? p->period : "",
           p->period ? DOT : "", pptx_msg(d, "meta.as_of"), p->as_of ? p->as_of : "");
  n++;
  c[n].label = pptx_msg(d, "figure.scenarios");
  snprintf(c[n].value, sizeof c[n].value, "%zu", p->scenario_count);
  n++;
  c[n].label = pptx_msg(d, "figure.coverage");
  snprintf(c[n].value, sizeof c[n].value, "%s", pptx_share(d, p->coverage));
  snprintf(c[n].note, sizeof c[n].note, "%s: %s", pptx_msg(d, "figure.verified_coverage"),
           pptx_share(d, p->verified_coverage));
  c[n].has_bar = 1;
  c[n].bar = p->coverage;
  c[n].bar_color = BD_COLOR_CELL_VERIFIED;
  n++;
  c[n].label = pptx_msg(d, "figure.decisions");
  snprintf(c[n].value, sizeof c[n].value, "%zu", p->decision_count);
  snprintf(c[n].note, sizeof c[n].note, "%s: %zu", pptx_msg(d, "figure.scenarios"),
           p->scenario_count);
  n++;
  pptx_cards(d, c, n, 3, y + 8);
}

/* The text of column k of the services table for plan i (the total when
 * i is the plan count) into buf. */
static void service_cell(pptx *d, const bd_portfolio *p, size_t i, size_t k, char *buf,
                         size_t size) {
  int total = i == p->report_count;
  const bd_report *r = total ? NULL : p->reports[i];
  switch (k) {
  case 0:
    snprintf(buf, size, "%s", total ? pptx_msg(d, "column.total") : r->service);
    break;
  case 1:
  case 2: {
    bd_state st = k == 1 ? BD_STATE_CURRENT : BD_STATE_PLANNED;
    snprintf(buf, size, "%s",
             total ? money(d, p->eal[st], p->currency) : money(d, r->totals[st]->eal, r->currency));
    break;
  }
  case 3:
    snprintf(buf, size, "%s",
             total                 ? ""
             : r->has_error_budget ? pptx_share(d, r->totals[BD_STATE_CURRENT]->budget_used)
                                   : pptx_msg(d, "figure.no_slo"));
    break;
  case 4:
    snprintf(buf, size, "%s", pptx_share(d, total ? p->coverage : r->coverage));
    break;
  case 5:
    snprintf(buf, size, "%s", pptx_share(d, total ? p->verified_coverage : r->verified_coverage));
    break;
  case 6:
    snprintf(buf, size, "%zu", total ? p->decision_count : r->decision_count);
    break;
  default:
    if (total) {
      double sum = 0;
      int all = 1;
      for (size_t j = 0; j < p->report_count; j++) {
        const bd_comparison *x = comparison_of(p->reports[j]);
        if (x == NULL)
          all = 0;
        else
          sum += x->eal_after - x->eal_before;
      }
      snprintf(buf, size, "%s", all && p->currency ? pptx_signed(d, sum, p->currency) : DASH);
    } else {
      const bd_comparison *cmp = comparison_of(r);
      snprintf(buf, size, "%s",
               cmp ? pptx_signed(d, cmp->eal_after - cmp->eal_before, r->currency) : DASH);
    }
    break;
  }
}

/* The services table: plans [first, +count), the total on the last.  A
 * figure's column is as wide as its widest figure over every plan. */
static void services(pptx *d, const bd_portfolio *p, const deck_slide *s) {
  double y = pptx_slide_begin(d, s->heading);
  int changes = 0;
  for (size_t i = 0; i < p->report_count; i++)
    if (comparison_of(p->reports[i])) changes = 1;
  size_t nc = changes ? 8 : 7;
  static const char *const keys[8] = {
      "column.service",  "column.current",           "column.planned",   "column.budget_used",
      "column.coverage", "column.verified_coverage", "column.decisions", "column.difference"};
  double cols[8] = {0};
  double rest = DECK_CONTENT;
  char buf[8][128];
  for (size_t k = 1; k < nc; k++) {
    double w = pdf_text_label_width(d->text, pptx_msg(d, keys[k]),
                                    (pdf_font){deck_pt(DECK_THEAD_FONT), 1});
    for (size_t i = 0; i <= p->report_count; i++) {
      service_cell(d, p, i, k, buf[k], sizeof buf[k]);
      double x = pdf_text_width(d->text, buf[k], (pdf_font){deck_pt(DECK_CELL_FONT), 1});
      if (x > w) w = x;
    }
    cols[k] = w / DECK_PT_PER_PX + 2 * DECK_CELL_PAD_X + 6;
    rest -= cols[k];
  }
  cols[0] = rest;
  pptx_table t;
  pptx_table_begin(&t, d, DECK_PAD_X, y, cols, nc, DECK_CELL_PAD_X, DECK_CELL_PAD_Y);
  pptx_cell cells[8];
  for (size_t k = 0; k < nc; k++)
    cells[k] = (pptx_cell){pptx_msg(d, keys[k]), HEAD_FONT, k ? PPTX_RIGHT : PPTX_LEFT,
                           PPTX_NO_FILL,         1,         1};
  pptx_table_row(&t, pptx_row_height(&t, cells, nc), cells, nc);
  for (size_t i = s->first; i < s->first + s->count + (s->last ? 1 : 0) && i <= p->report_count;
       i++) {
    int total = i == p->report_count;
    for (size_t k = 0; k < nc; k++) {
      service_cell(d, p, i, k, buf[k], sizeof buf[k]);
      cells[k] = (pptx_cell){buf[k],
                             total ? CELL_B : CELL,
                             k ? PPTX_RIGHT : PPTX_LEFT,
                             total ? PPTX_COLOR_CARD : PPTX_NO_FILL,
                             1,
                             1};
    }
    pptx_table_row(&t, pptx_row_height(&t, cells, nc), cells, nc);
    pptx_note(d, "%s: %s %s, %s %s, %s %s, %s %s", buf[0], pptx_msg(d, "column.current"), buf[1],
              pptx_msg(d, "column.planned"), buf[2], pptx_msg(d, "column.coverage"), buf[4],
              pptx_msg(d, "column.decisions"), buf[6]);
  }
  pptx_table_end(&t);
}

/* The sources: each plan's file and SHA-256. */
static void sources(pptx *d, const bd_portfolio *p, const deck_slide *s) {
  double y = pptx_slide_begin(d, s->heading);
  double cols[3] = {300, 0, 560};
  cols[1] = DECK_CONTENT - cols[0] - cols[2];
  pptx_table t;
  pptx_table_begin(&t, d, DECK_PAD_X, y, cols, 3, DECK_CELL_PAD_X, DECK_CELL_PAD_Y);
  pptx_cell cells[3] = {{pptx_msg(d, "column.service"), HEAD_FONT, PPTX_LEFT, PPTX_NO_FILL, 1, 1},
                        {pptx_msg(d, "column.file"), HEAD_FONT, PPTX_LEFT, PPTX_NO_FILL, 1, 1},
                        {pptx_msg(d, "column.sha256"), HEAD_FONT, PPTX_LEFT, PPTX_NO_FILL, 1, 1}};
  pptx_table_row(&t, pptx_row_height(&t, cells, 3), cells, 3);
  for (size_t i = s->first; i < s->first + s->count && i < p->report_count; i++) {
    const bd_report *r = p->reports[i];
    pptx_cell row[3] = {
        {r->service, CELL, PPTX_LEFT, PPTX_NO_FILL, 1, 1},
        {r->source ? r->source : "", (pptx_font){DECK_PATH_FONT, 0, PPTX_THEME_TEXT}, PPTX_LEFT,
         PPTX_NO_FILL, 1, 1},
        {r->source_sha256 ? r->source_sha256 : "", (pptx_font){DECK_PATH_FONT, 0, BD_COLOR_MUTED},
         PPTX_LEFT, PPTX_NO_FILL, 1, 1}};
    pptx_table_row(&t, pptx_row_height(&t, row, 3), row, 3);
    pptx_note(d, "%s: %s (SHA-256 %s)", r->service, r->source ? r->source : "",
              r->source_sha256 ? r->source_sha256 : "");
  }
  pptx_table_end(&t);
}

/* See pptx.h. */
void pptx_portfolio_slide(pptx *d, const deck_slide *s) {
  const bd_portfolio *p = d->req->portfolio;
  switch (s->kind) {
  case DECK_SLIDE_PORTFOLIO_TITLE:
    portfolio_title(d, p);
    break;
  case DECK_SLIDE_PORTFOLIO_FIGURES:
    portfolio_figures(d, p, s);
    break;
  case DECK_SLIDE_SERVICES:
    services(d, p, s);
    break;
  default:
    sources(d, p, s);
    break;
  }
}
