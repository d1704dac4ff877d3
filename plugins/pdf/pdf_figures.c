/*
 * pdf_figures.c - the key-figure cards of the cover and of the key-figures
 * slide: yearly loss now and planned, downtime against the error budget,
 * coverage and the decisions needed.
 */
#include "pdf.h"

#include <stdio.h>

/* One card: a label, a big value, a note and an optional bar (0..1+). */
typedef struct card {
  const char *label;
  char value[64];
  char note[256];
  double bar;
  int has_bar;
  uint32_t bar_color;
} card;

/* Fills the six cards from the report; returns how many. */
static int fill_cards(pdf_doc *d, card *c) {
  const bd_report *r = d->r;
  const bd_totals *now = &r->totals[BD_STATE_CURRENT], *plan = &r->totals[BD_STATE_PLANNED];
  int n = 0;
  c[n] = (card){pdf_msg(d, "figure.yearly_loss_now"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%s", pdf_amount(d, now->eal, 0));
  snprintf(c[n].note, sizeof c[n].note, "%s: %s", pdf_msg(d, "state.baseline"),
           pdf_amount(d, r->totals[BD_STATE_BASELINE].eal, 0));
  n++;
  c[n] = (card){pdf_msg(d, "figure.yearly_loss_planned"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%s", pdf_amount(d, plan->eal, 0));
  snprintf(c[n].note, sizeof c[n].note, "%s", pdf_msg(d, "figure.note_planned"));
  n++;
  c[n] = (card){pdf_msg(d, "figure.downtime_now"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%s", pdf_duration(d, now->downtime_h));
  if (r->has_error_budget) {
    snprintf(c[n].note, sizeof c[n].note, "%s: %s (%s %s)", pdf_msg(d, "meta.error_budget"),
             pdf_duration(d, r->error_budget_h), pdf_msg(d, "meta.slo"),
             pdf_share(d, r->slo / 100));
    c[n].has_bar = 1;
    c[n].bar = now->budget_used;
    c[n].bar_color = now->budget_used > 1 ? BD_COLOR_CELL_FAILING : BD_COLOR_ACCENT;
  } else {
    snprintf(c[n].note, sizeof c[n].note, "%s", pdf_msg(d, "figure.no_slo"));
  }
  n++;
  if (r->has_error_budget) {
    c[n] = (card){pdf_msg(d, "figure.error_budget_used"), "", "", 0, 1, 0};
    snprintf(c[n].value, sizeof c[n].value, "%s", pdf_share(d, now->budget_used));
    snprintf(c[n].note, sizeof c[n].note, "%s: %s", pdf_msg(d, "state.planned"),
             pdf_share(d, plan->budget_used));
    c[n].bar = now->budget_used;
    c[n].bar_color = now->budget_used > 1 ? BD_COLOR_CELL_FAILING : BD_COLOR_ACCENT;
  } else {
    c[n] = (card){pdf_msg(d, "figure.scenarios"), "", "", 0, 0, 0};
    snprintf(c[n].value, sizeof c[n].value, "%zu", r->scenario_count);
    snprintf(c[n].note, sizeof c[n].note, "%s %zu \xc2\xb7 %s %zu", pdf_msg(d, "column.loss"),
             r->loss_count, pdf_msg(d, "column.failure"), r->failure_count);
  }
  n++;
  c[n] = (card){pdf_msg(d, "figure.coverage"), "", "", r->coverage, 1, BD_COLOR_CELL_VERIFIED};
  snprintf(c[n].value, sizeof c[n].value, "%s", pdf_share(d, r->coverage));
  snprintf(c[n].note, sizeof c[n].note, "%s: %s", pdf_msg(d, "figure.verified_coverage"),
           pdf_share(d, r->verified_coverage));
  n++;
  c[n] = (card){pdf_msg(d, "figure.decisions"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%zu", r->decision_count);
  snprintf(c[n].note, sizeof c[n].note, "%s: %zu", pdf_msg(d, "figure.scenarios"),
           r->scenario_count);
  n++;
  return n;
}

/* Draws one card in the box; lf, vf, nf: label, value and note fonts. */
static void draw_card(pdf_doc *d, const card *c, double x, double y, double w, double h,
                      pdf_font lf, pdf_font vf, pdf_font nf) {
  double pad = lf.size * 1.1;
  pdf_fill(d, x, y, w, h, PDF_COLOR_CARD);
  pdf_fill(d, x, y, d->slides ? 4 : 2.5, h, BD_COLOR_ACCENT);
  double iw = w - 2 * pad, ty = y + pad * 0.8;
  pdf_draw(d, c->label, lf, BD_COLOR_MUTED, x + pad, ty, iw, 1, PDF_ALIGN_LEFT);
  ty += pdf_text_line_height(lf) + lf.size * 0.2;
  pdf_draw(d, c->value, vf, BD_COLOR_TEXT, x + pad, ty, iw, 1, PDF_ALIGN_LEFT);
  ty += pdf_text_line_height(vf) + lf.size * 0.2;
  if (c->has_bar) {
    double bh = d->slides ? 6 : 3.5, frac = c->bar > 1 ? 1 : c->bar < 0 ? 0 : c->bar;
    pdf_fill(d, x + pad, ty, iw, bh, PDF_COLOR_RULE);
    if (frac > 0) pdf_fill(d, x + pad, ty, iw * frac, bh, c->bar_color);
    ty += bh + lf.size * 0.5;
  }
  pdf_draw(d, c->note, nf, BD_COLOR_MUTED, x + pad, ty, iw, 2, PDF_ALIGN_LEFT);
}

/* See pdf.h. */
double pdf_key_figures(pdf_doc *d, double x, double y, double w, int columns) {
  card cards[6];
  int n = fill_cards(d, cards);
  pdf_font lf = d->slides ? (pdf_font){14, 0} : (pdf_font){7.8, 0};
  pdf_font vf = d->slides ? (pdf_font){30, 1} : (pdf_font){15, 1};
  pdf_font nf = d->slides ? (pdf_font){12, 0} : (pdf_font){7, 0};
  double gap = d->slides ? 16 : 9;
  double cw = (w - gap * (columns - 1)) / columns;
  double ch = lf.size * 1.1 * 1.6 + pdf_text_line_height(lf) + pdf_text_line_height(vf) +
              lf.size * 0.9 + (d->slides ? 6 : 3.5) + pdf_text_line_height(nf) * 2;
  int rows = (n + columns - 1) / columns;
  for (int i = 0; i < n; i++)
    draw_card(d, &cards[i], x + (i % columns) * (cw + gap), y + (i / columns) * (ch + gap), cw, ch,
              lf, vf, nf);
  return rows * ch + (rows - 1) * gap;
}
