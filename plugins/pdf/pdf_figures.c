/*
 * pdf_figures.c - the key-figure cards of the cover and of the key-figures
 * slide: yearly loss now and planned, downtime against the error budget,
 * coverage and the decisions needed.
 */
#include "pdf.h"

#include <stdio.h>
#include <string.h>

/* Lines of a card's note: the yearly loss now's has the baseline, the
 * proven state and the loss resting on untested measures (on slides after
 * the exact amount on a line of its own, in a smaller type that holds
 * each on one line). */
#define NOTE_LINES(d) 4
/* A shrunk value keeps its baseline: its top moves down by this much of
 * the size it lost. */
#define BASE_SHIFT 1.0

/* The value of a yearly-loss card: exact, or on slides rounded with the
 * currency ("JPY 21.3M"). */
static void loss_value(pdf_doc *d, double v, char *buf, size_t size) {
  if (d->slides)
    snprintf(buf, size, "%s", pdf_money(d, v, d->r->currency, BD_MONEY_COMPACT));
  else
    snprintf(buf, size, "%s", pdf_amount(d, v, 0));
}

/* Fills the six cards from the report; returns how many. */
static int fill_cards(pdf_doc *d, pdf_card *c) {
  const bd_report *r = d->r;
  const bd_totals *now = r->totals[BD_STATE_CURRENT], *plan = r->totals[BD_STATE_PLANNED];
  int n = 0;
  /* Slides show the amounts rounded (JPY 21.3M), big, with the exact
   * amount under them; the report shows the exact amount. */
  char base[64];
  c[n] = (pdf_card){pdf_msg(d, "figure.yearly_loss_now"), "", "", 0, 0, 0};
  loss_value(d, now->eal, c[n].value, sizeof c[n].value);
  loss_value(d, r->totals[BD_STATE_BASELINE]->eal, base, sizeof base);
  snprintf(c[n].note, sizeof c[n].note, "%s%s%s: %s", d->slides ? pdf_amount(d, now->eal, 0) : "",
           d->slides ? "\n" : "", pdf_msg(d, "state.baseline"), base);
  /* the proven state, and the difference named for what it is: the loss
   * that rests on untested measures (proven - current; a slide's card
   * words it shorter, to keep it on one line) */
  if (BD_HAS(r, bd_report, proven_totals) && r->proven_totals) {
    size_t used = strlen(c[n].note);
    char proven[64], untested[64];
    loss_value(d, r->proven_totals->eal, proven, sizeof proven);
    loss_value(d, r->proven_totals->eal - now->eal, untested, sizeof untested);
    snprintf(c[n].note + used, sizeof c[n].note - used, "\n%s: %s\n%s: %s",
             pdf_msg(d, "figure.proven"), proven,
             pdf_msg(d, d->slides ? "figure.untested_short" : "figure.untested_loss"), untested);
  }
  n++;
  c[n] = (pdf_card){pdf_msg(d, "figure.yearly_loss_planned"), "", "", 0, 0, 0};
  loss_value(d, plan->eal, c[n].value, sizeof c[n].value);
  snprintf(c[n].note, sizeof c[n].note, "%s%s%s", d->slides ? pdf_amount(d, plan->eal, 0) : "",
           d->slides ? "\n" : "", pdf_msg(d, "figure.note_planned"));
  n++;
  c[n] = (pdf_card){pdf_msg(d, "figure.downtime_now"), "", "", 0, 0, 0};
  snprintf(c[n].value, sizeof c[n].value, "%s", pdf_duration(d, now->downtime_h));
  if (r->has_error_budget) {
    snprintf(c[n].note, sizeof c[n].note, "%s: %s (%s %s)", pdf_msg(d, "meta.error_budget"),
             pdf_duration(d, r->error_budget_h), pdf_msg(d, "meta.slo"), pdf_slo(d, r->slo));
    c[n].has_bar = 1;
    c[n].bar = now->budget_used;
    c[n].bar_color = now->budget_used > 1 ? BD_COLOR_CELL_FAILING : BD_COLOR_ACCENT;
  } else {
    snprintf(c[n].note, sizeof c[n].note, "%s", pdf_msg(d, "figure.no_slo"));
  }
  n++;
  if (r->has_error_budget) {
    c[n] = (pdf_card){pdf_msg(d, "figure.error_budget_used"), "", "", 0, 1, 0};
    snprintf(c[n].value, sizeof c[n].value, "%s", pdf_share(d, now->budget_used));
    snprintf(c[n].note, sizeof c[n].note, "%s: %s", pdf_msg(d, "state.planned"),
             pdf_share(d, plan->budget_used));
    c[n].bar = now->budget_used;
    c[n].bar_color = now->budget_used > 1 ? BD_COLOR_CELL_FAILING : BD_COLOR_ACCENT;
  } else {
    c[n] = (pdf_card){pdf_msg(d, "figure.scenarios"), "", "", 0, 0, 0};
    snprintf(c[n].value, sizeof c[n].value, "%zu", r->scenario_count);
    snprintf(c[n].note, sizeof c[n].note, "%s %zu \xc2\xb7 %s %zu", pdf_msg(d, "column.loss"),
             r->loss_count, pdf_msg(d, "column.failure"), r->failure_count);
  }
  n++;
  pdf_coverage_card(d, &c[n++], r->coverage, r->verified_coverage);
  pdf_decisions_card(d, &c[n++], r->decision_count, r->scenario_count);
  return n;
}

/* See pdf.h. */
void pdf_coverage_card(pdf_doc *d, pdf_card *c, double coverage, double verified) {
  *c = (pdf_card){pdf_msg(d, "figure.coverage"), "", "", coverage, 1, BD_COLOR_CELL_VERIFIED};
  snprintf(c->value, sizeof c->value, "%s", pdf_share(d, coverage));
  snprintf(c->note, sizeof c->note, "%s: %s", pdf_msg(d, "figure.verified_coverage"),
           pdf_share(d, verified));
}

/* See pdf.h. */
void pdf_decisions_card(pdf_doc *d, pdf_card *c, size_t decisions, size_t scenarios) {
  *c = (pdf_card){pdf_msg(d, "figure.decisions"), "", "", 0, 0, 0};
  snprintf(c->value, sizeof c->value, "%zu", decisions);
  snprintf(c->note, sizeof c->note, "%s: %zu", pdf_msg(d, "figure.scenarios"), scenarios);
}

/* Draws one card in the box; lf, vf, nf: label, value and note fonts. */
static void draw_card(pdf_doc *d, const pdf_card *c, double x, double y, double w, double h,
                      pdf_font lf, pdf_font vf, pdf_font nf) {
  double pad = lf.size * 1.1;
  pdf_fill(d, PDF_LAYER_BASE, x, y, w, h, PDF_COLOR_CARD);
  pdf_fill(d, PDF_LAYER_MARK, x, y, d->slides ? 4 : 2.5, h, BD_COLOR_ACCENT);
  double iw = w - 2 * pad, ty = y + pad * 0.8;
  pdf_draw(d, c->label, lf, BD_COLOR_MUTED, x + pad, ty, iw, 1, PDF_ALIGN_LEFT);
  ty += pdf_text_line_height(lf) + lf.size * 0.2;
  /* The value shrinks (to 60%) rather than lose digits to an ellipsis. */
  pdf_font fit = vf;
  double vw = pdf_text_width(d->text, c->value, vf);
  if (vw > iw) fit.size = vf.size * (iw / vw > 0.6 ? iw / vw : 0.6);
  pdf_draw(d, c->value, fit, BD_COLOR_TEXT, x + pad, ty + (vf.size - fit.size) * BASE_SHIFT, iw, 1,
           PDF_ALIGN_LEFT);
  ty += pdf_text_line_height(vf) + lf.size * 0.2;
  if (c->has_bar) {
    double bh = d->slides ? 6 : 3.5, frac = c->bar > 1 ? 1 : c->bar < 0 ? 0 : c->bar;
    pdf_fill(d, PDF_LAYER_RULE, x + pad, ty, iw, bh, PDF_COLOR_RULE);
    if (frac > 0) pdf_fill(d, PDF_LAYER_MARK, x + pad, ty, iw * frac, bh, c->bar_color);
    ty += bh + lf.size * 0.5;
  }
  pdf_draw(d, c->note, nf, BD_COLOR_MUTED, x + pad, ty, iw, NOTE_LINES(d), PDF_ALIGN_LEFT);
}

/* The label, value and note fonts of the cards. */
static void card_fonts(const pdf_doc *d, pdf_font *lf, pdf_font *vf, pdf_font *nf) {
  *lf = d->slides ? (pdf_font){17, 0} : (pdf_font){7.8, 0};
  *vf = d->slides ? (pdf_font){42, 1} : (pdf_font){15, 1};
  *nf = d->slides ? (pdf_font){12, 0} : (pdf_font){7, 0};
}

/* The height of one card. */
static double card_height(const pdf_doc *d) {
  pdf_font lf, vf, nf;
  card_fonts(d, &lf, &vf, &nf);
  return lf.size * 1.1 * 1.6 + pdf_text_line_height(lf) + pdf_text_line_height(vf) + lf.size * 0.9 +
         (d->slides ? 6 : 3.5) + pdf_text_line_height(nf) * NOTE_LINES(d);
}

/* See pdf.h. */
double pdf_cards_height(pdf_doc *d, int n, int columns) {
  double gap = d->slides ? 18 : 9;
  int rows = (n + columns - 1) / columns;
  return rows * card_height(d) + (rows - 1) * gap;
}

/* See pdf.h. */
double pdf_cards(pdf_doc *d, const pdf_card *cards, int n, double x, double y, double w,
                 int columns) {
  pdf_font lf, vf, nf;
  card_fonts(d, &lf, &vf, &nf);
  double gap = d->slides ? 18 : 9;
  double cw = (w - gap * (columns - 1)) / columns, ch = card_height(d);
  for (int i = 0; i < n; i++)
    draw_card(d, &cards[i], x + (i % columns) * (cw + gap), y + (i / columns) * (ch + gap), cw, ch,
              lf, vf, nf);
  return pdf_cards_height(d, n, columns);
}

/* See pdf.h. */
double pdf_key_figures(pdf_doc *d, double x, double y, double w, int columns) {
  pdf_card cards[6];
  int n = fill_cards(d, cards);
  return pdf_cards(d, cards, n, x, y, w, columns);
}
