/*
 * pdf_exceedance.c - the loss-exceedance curve of the total yearly loss
 * (plan format, "Ranges"): the chance a year that the loss exceeds an
 * amount, now against once the planned measures are in place, from the
 * simulation in the report model, with its reading "1 year in 10, the
 * yearly loss exceeds X".  Drawn on the report's summary page, on a slide
 * of its own after the key figures, and by the chart plugin
 * (-O view=exceedance).  Nothing is drawn for a plan without ranges.
 */
#include "pdf.h"

#include "../deck/deck_figures.h"

#include <math.h>
#include <stdio.h>

/* The curves' colours: now (the accent) and planned (the verified green). */
#define CURVE_NOW     BD_COLOR_ACCENT
#define CURVE_PLANNED BD_COLOR_CELL_VERIFIED

/* The chance a year of the reading: 1 year in 10. */
#define READING_P 0.1

/* Draws one curve of the box (left, top, w, h) for x in [0, xmax] and
 * chances in [0, ymax], as straight lines between the simulation's points
 * (cut at xmax). */
static void curve(pdf_doc *d, const bd_simulation *sim, const double *exceed, double left,
                  double top, double w, double h, double xmax, double ymax, uint32_t rgb,
                  double line) {
  double px = left, py = top + h - h * exceed[0] / ymax;
  for (size_t i = 1; i < sim->point_count; i++) {
    double x = sim->x[i], p = exceed[i];
    if (x > xmax) { /* up to the edge, on the line to this point */
      double t = (xmax - sim->x[i - 1]) / (x - sim->x[i - 1]);
      p = exceed[i - 1] + t * (p - exceed[i - 1]);
      x = xmax;
    }
    double nx = left + w * x / xmax, ny = top + h - h * p / ymax;
    pdf_line(d, px, py, nx, ny, line, rgb);
    px = nx;
    py = ny;
    if (x >= xmax) break;
  }
}

/* See pdf.h. */
double pdf_exceedance(pdf_doc *d, double x, double y, double w, double h) {
  const bd_simulation *sim = deck_simulation(d->r);
  if (sim == NULL || sim->point_count < 2) return 0;
  const double *now = sim->exceed[BD_STATE_CURRENT], *planned = sim->exceed[BD_STATE_PLANNED];
  pdf_font f = d->f_small, rf = d->slides ? (pdf_font){16, 1} : (pdf_font){d->f_cell.size, 1};
  double lh = pdf_text_line_height(f), top = y;
  /* the reading, over the chart */
  char amount[64], line[256], line2[256];
  snprintf(amount, sizeof amount, "%s",
           pdf_money(d, deck_exceedance_at(sim, now, READING_P), d->r->currency, BD_MONEY_COMPACT));
  deck_fill(pdf_msg(d, "figure.exceedance"), amount, line, sizeof line);
  y += pdf_draw(d, line, rf, BD_COLOR_TEXT, x, y, w, 2, PDF_ALIGN_LEFT) * pdf_text_line_height(rf);
  snprintf(
      amount, sizeof amount, "%s",
      pdf_money(d, deck_exceedance_at(sim, planned, READING_P), d->r->currency, BD_MONEY_COMPACT));
  deck_fill(pdf_msg(d, "figure.exceedance_planned"), amount, line2, sizeof line2);
  y += pdf_draw(d, line2, f, BD_COLOR_MUTED, x, y, w, 2, PDF_ALIGN_LEFT) * lh + lh * 0.6;

  /* the axes: chances up the left, amounts along the bottom */
  double step, xmax = deck_exceedance_axis_end(sim, &step);
  double p0 = now[0] > planned[0] ? now[0] : planned[0];
  double ymax = ceil(p0 * 10 - 1e-9) / 10;
  if (ymax < 0.1) ymax = 0.1;
  double label_w = pdf_text_width(d->text, pdf_share(d, ymax), f) + f.size * 0.6;
  double left = x + label_w, pw = w - label_w - f.size, ph = top + h - y - 2.4 * lh;
  if (ph < 4 * lh) ph = 4 * lh;
  for (int k = 0; k <= 4; k++) { /* chance grid lines and labels */
    double p = ymax * k / 4, gy = y + ph - ph * k / 4;
    pdf_hrule(d, left, left + pw, gy, k ? 0.4 : 0.8, k ? PDF_COLOR_RULE : PDF_COLOR_RULE_STRONG);
    pdf_draw(d, pdf_share(d, p), f, BD_COLOR_MUTED, x, gy - lh / 2, label_w - f.size * 0.4, 1,
             PDF_ALIGN_RIGHT);
  }
  for (double a = 0; a <= xmax + step / 2; a += step) { /* amount ticks */
    double gx = left + pw * a / xmax, tw = step / xmax * pw;
    pdf_line(d, gx, y + ph, gx, y + ph + f.size * 0.3, 0.6, PDF_COLOR_RULE_STRONG);
    pdf_draw(d, pdf_amount(d, a, 1), f, BD_COLOR_MUTED, gx - tw / 2, y + ph + f.size * 0.4, tw, 1,
             PDF_ALIGN_CENTER);
  }
  /* 1 year in 10: a guide across, the curves, and the reading's mark */
  double gy = y + ph - ph * READING_P / ymax;
  pdf_line(d, left, gy, left + pw, gy, 0.5, BD_COLOR_CELL_STALE);
  curve(d, sim, planned, left, y, pw, ph, xmax, ymax, CURVE_PLANNED, d->slides ? 2.2 : 1.3);
  curve(d, sim, now, left, y, pw, ph, xmax, ymax, CURVE_NOW, d->slides ? 2.6 : 1.5);
  double rx = deck_exceedance_at(sim, now, READING_P);
  if (rx > 0 && rx <= xmax) {
    double mx = left + pw * rx / xmax, r = d->slides ? 4 : 2.2;
    pdf_fill(d, PDF_LAYER_TOP, mx - r, gy - r, 2 * r, 2 * r, CURVE_NOW);
  }
  /* the key, top right: a swatch and the state's name each */
  double ky = y + lh * 0.2, kx = left + pw;
  for (int k = 1; k >= 0; k--) {
    const char *name =
        pdf_enum_label(d, "state", bd_state_name(k ? BD_STATE_PLANNED : BD_STATE_CURRENT));
    double tw = pdf_text_width(d->text, name, f);
    kx -= tw;
    pdf_draw(d, name, f, BD_COLOR_TEXT, kx, ky, tw + 1, 1, PDF_ALIGN_LEFT);
    kx -= f.size * 1.6;
    pdf_fill(d, PDF_LAYER_MARK, kx, ky + lh / 2 - 1.2, f.size * 1.2, 2.4,
             k ? CURVE_PLANNED : CURVE_NOW);
    kx -= f.size * 1.2;
  }
  return y + ph + 1.6 * lh - top;
}

/* See pdf.h. */
size_t pdf_exceedance_paginate(pdf_doc *d) {
  return deck_simulation(d->r) ? 1 : 0;
}

/* The height of the chart on its own page or slide: the content's width
 * at 16:9 on slides, less on a report page. */
static double own_height(pdf_doc *d, double top) {
  double h = d->slides ? d->y1 - top - 8 : (d->x1 - d->x0) * 0.55;
  return h;
}

/* Draws the curve's page, or the slide s of the deck plan (NULL: none). */
static int draw_page(pdf_doc *d, const deck_slide *s) {
  double y = pdf_slide_begin(d, s, pdf_msg(d, "heading.exceedance"), 0);
  y += pdf_draw(d, pdf_msg(d, "caption.exceedance"), d->f_subtitle, BD_COLOR_MUTED, d->x0, y,
                d->x1 - d->x0, 2, PDF_ALIGN_LEFT) *
           pdf_text_line_height(d->f_subtitle) +
       d->pad * 2;
  pdf_exceedance(d, d->x0, y, d->x1 - d->x0, own_height(d, y));
  return pdf_page_end(d);
}

/* See pdf.h. */
int pdf_exceedance_draw(pdf_doc *d) {
  return deck_simulation(d->r) ? draw_page(d, NULL) : 0;
}

/* See pdf.h. */
int pdf_exceedance_slide_draw(pdf_doc *d, const deck_slide *s) {
  return draw_page(d, s);
}
