/*
 * pptx_exceedance.c - the loss-exceedance slide of a plan with ranges
 * (deck_slide.exceedance, after the key figures): the chance a year that
 * the total yearly loss exceeds an amount, now against planned, drawn
 * natively and editable as on the pdf deck's slide (pdf_exceedance.c): the
 * two curves as freeform shapes in the pdf's colours, the axes and grid as
 * line shapes, the labels, the key and the reading ("1 year in 10, the
 * yearly loss exceeds X") as text boxes, figures through the host's
 * display rules.  The speaker notes say the curve in words.
 */
#include "pptx.h"

#include <math.h>
#include <stdio.h>

#include "../deck/deck_figures.h"

/* The curves' colours, as the pdf's: now (the accent) and planned (the
 * verified green). */
#define CURVE_NOW     ((long)BD_COLOR_ACCENT)
#define CURVE_PLANNED ((long)BD_COLOR_CELL_VERIFIED)
#define RULE_STRONG   0x9AA5B1L

/* The chance a year of the reading: 1 year in 10. */
#define READING_P 0.1

/* The pdf deck's type sizes as px: the caption and the reading 16 pt,
 * the labels 12 pt. */
#define CAPTION_PX (16 / 0.75)
#define READING_PX (16 / 0.75)
#define LABEL_PX   (12 / 0.75)

/* The most points a curve has on the slide. */
#define MAX_POINTS 4096

/* Draws one curve in the box (left, top, w, h) for amounts in [0, xmax]
 * and chances in [0, ymax]: one freeform of straight lines between the
 * simulation's points, cut at xmax. */
static void curve(pptx *d, const bd_simulation *sim, const double *exceed, double left, double top,
                  double w, double h, double xmax, double ymax, long color, double line) {
  static double xs[MAX_POINTS], ys[MAX_POINTS];
  size_t n = 0;
  xs[n] = left + w * sim->x[0] / xmax;
  ys[n++] = top + h - h * exceed[0] / ymax;
  for (size_t i = 1; i < sim->point_count && n < MAX_POINTS; i++) {
    double x = sim->x[i], p = exceed[i];
    if (x > xmax) { /* up to the edge, on the line to this point */
      double t = (xmax - sim->x[i - 1]) / (x - sim->x[i - 1]);
      p = exceed[i - 1] + t * (p - exceed[i - 1]);
      x = xmax;
    }
    xs[n] = left + w * x / xmax;
    ys[n++] = top + h - h * p / ymax;
    if (x >= xmax) break;
  }
  pptx_freeform(d, xs, ys, n, line, color, 0);
}

/* See pptx.h. */
void pptx_exceedance_slide(pptx *d, const deck_slide *s) {
  const bd_report *r = d->r;
  double y = pptx_slide_begin(d, s->heading), bottom = pptx_body_bottom() - DECK_SAFETY;
  double x = DECK_PAD_X, w = DECK_CONTENT;
  const char *caption = pptx_msg(d, "caption.exceedance");
  pptx_font cf = {CAPTION_PX, 0, BD_COLOR_MUTED};
  double ch = pptx_lines(d, caption, cf, w) * cf.px * PPTX_LINE;
  pptx_text_box(d, x, y, w, ch, caption, cf, PPTX_LEFT);
  y += ch + 16;
  pptx_note(d, "%s: %s.", s->heading ? s->heading : pptx_msg(d, "heading.exceedance"), caption);
  const bd_simulation *sim = deck_simulation(r);
  if (sim == NULL || sim->point_count < 2) return;
  const double *now = sim->exceed[BD_STATE_CURRENT], *planned = sim->exceed[BD_STATE_PLANNED];

  /* the reading, over the chart, in the pdf's words */
  char amount[64], line[256], line2[256];
  snprintf(amount, sizeof amount, "%s",
           pptx_money(d, deck_exceedance_at(sim, now, READING_P), r->currency, BD_MONEY_COMPACT));
  deck_fill(pptx_msg(d, "figure.exceedance"), amount, line, sizeof line);
  pptx_font rf = {READING_PX, 1, PPTX_THEME_TEXT}, lf = {LABEL_PX, 0, BD_COLOR_MUTED};
  double rh = pptx_lines(d, line, rf, w) * rf.px * PPTX_LINE;
  pptx_text_box(d, x, y, w, rh, line, rf, PPTX_LEFT);
  y += rh;
  snprintf(
      amount, sizeof amount, "%s",
      pptx_money(d, deck_exceedance_at(sim, planned, READING_P), r->currency, BD_MONEY_COMPACT));
  deck_fill(pptx_msg(d, "figure.exceedance_planned"), amount, line2, sizeof line2);
  double lh = lf.px * PPTX_LINE, l2h = pptx_lines(d, line2, lf, w) * lh;
  pptx_text_box(d, x, y, w, l2h, line2, lf, PPTX_LEFT);
  y += l2h + lh * 0.6;

  /* the axes: chances up the left, amounts along the bottom */
  double step, xmax = deck_exceedance_axis_end(sim, &step);
  double p0 = now[0] > planned[0] ? now[0] : planned[0];
  double ymax = ceil(p0 * 10 - 1e-9) / 10;
  if (ymax < 0.1) ymax = 0.1;
  double label_w = 4 * lf.px + lf.px * 0.6;
  double left = x + label_w, pw = w - label_w - lf.px, ph = bottom - y - 2.4 * lh;
  if (ph < 4 * lh) ph = 4 * lh;
  for (int k = 0; k <= 4; k++) { /* chance grid lines and labels */
    double p = ymax * k / 4, gy = y + ph - ph * k / 4;
    pptx_line(d, left, gy, left + pw, gy, k ? 0.75 : 1.5, k ? PPTX_COLOR_RULE : RULE_STRONG);
    pptx_text_box(d, x, gy - lh / 2, label_w - lf.px * 0.4, lh, pptx_share(d, p), lf, PPTX_RIGHT);
  }
  for (double a = 0; a <= xmax + step / 2; a += step) { /* amount ticks */
    double gx = left + pw * a / xmax, tw = step / xmax * pw;
    pptx_line(d, gx, y + ph, gx, y + ph + lf.px * 0.3, 1, RULE_STRONG);
    pptx_text_box(d, gx - tw / 2, y + ph + lf.px * 0.4, tw, lh, pptx_amount(d, a, 1), lf,
                  PPTX_CENTER);
  }
  /* 1 year in 10: a guide across, the curves, and the reading's mark */
  double gy = y + ph - ph * READING_P / ymax;
  pptx_line(d, left, gy, left + pw, gy, 1, BD_COLOR_CELL_STALE);
  curve(d, sim, planned, left, y, pw, ph, xmax, ymax, CURVE_PLANNED, 3);
  curve(d, sim, now, left, y, pw, ph, xmax, ymax, CURVE_NOW, 3.5);
  double rx = deck_exceedance_at(sim, now, READING_P);
  if (rx > 0 && rx <= xmax) { /* the reading's mark, the pdf's 4 pt square */
    double mx = left + pw * rx / xmax, mr = 4 / 0.75;
    pptx_rect(d, mx - mr, gy - mr, 2 * mr, 2 * mr, CURVE_NOW, 0);
  }
  /* the key, top right: a swatch and the state's name each */
  double ky = y + lh * 0.2, kx = left + pw;
  const char *names[2];
  for (int k = 1; k >= 0; k--) {
    const char *name =
        pptx_enum(d, "state", bd_state_name(k ? BD_STATE_PLANNED : BD_STATE_CURRENT));
    names[k] = name;
    double tw = 0; /* the name's width: its width at one line, measured */
    for (tw = lf.px; tw < pw && pptx_lines(d, name, lf, tw) > 1; tw += lf.px / 2) continue;
    kx -= tw;
    pptx_font nf = {LABEL_PX, 0, PPTX_THEME_TEXT};
    pptx_text_box(d, kx, ky, tw + 1, lh, name, nf, PPTX_LEFT);
    kx -= lf.px * 1.6;
    pptx_rect(d, kx, ky + lh / 2 - 1.6, lf.px * 1.2, 3.2, k ? CURVE_PLANNED : CURVE_NOW, 0);
    kx -= lf.px * 1.2;
  }
  /* the notes: the curve in words, the reading for now and planned */
  pptx_note(d, "%s", line);
  pptx_note(d, "%s", line2);
  pptx_note(
      d, "%s: %s \xe2\x86\x92 %s: %s", names[0],
      pptx_money(d, deck_exceedance_at(sim, now, READING_P), r->currency, BD_MONEY_COMPACT),
      names[1],
      pptx_money(d, deck_exceedance_at(sim, planned, READING_P), r->currency, BD_MONEY_COMPACT));
}
