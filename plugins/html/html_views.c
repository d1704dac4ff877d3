/*
 * html_views.c - the small views both layouts share: the plan's header
 * line, the key-figure cards, the totals-per-state chart and table, and the
 * coverage legend.  Every figure comes from the report model as computed by
 * the core; this file only formats and places it.
 */
#include "html_common.h"
#include "../deck/deck_figures.h"

#include <math.h>
#include <stdlib.h>

#include <stdio.h>
#include <string.h>

/* The first code point of the kind's label (see html_common.h). */
const char *html_kind_letter(const html_ctx *ctx, bd_kind kind, char *buf, size_t size) {
  const char *label = html_enum_label(ctx, "kind", bd_kind_name(kind));
  size_t n = 1;
  while (label[0] && label[n] && ((unsigned char)label[n] & 0xC0) == 0x80) n++;
  snprintf(buf, size, "%.*s", (int)n, label);
  return buf;
}

/* Adds one "label: value" pair to the meta list (skipped when value is NULL). */
static void meta_item(html_ctx *ctx, html_node *dl, const char *key, const char *value) {
  if (value == NULL || *value == '\0') return;
  html_node *div = html_el(ctx, dl, "div", NULL);
  html_text_el(ctx, div, "dt", NULL, html_msg(ctx, key));
  html_text_el(ctx, div, "dd", NULL, value);
}

html_node *html_plan_meta(html_ctx *ctx, html_node *parent) {
  const bd_report *r = ctx->r;
  char slo[64] = "", budget[64] = "";
  html_node *dl = html_el(ctx, parent, "dl", "plan-meta");
  meta_item(ctx, dl, "meta.owner", r->owner);
  meta_item(ctx, dl, "meta.period", r->period);
  meta_item(ctx, dl, "meta.as_of", r->as_of);
  meta_item(ctx, dl, "meta.currency", r->currency);
  if (r->has_slo) {
    html_slo(ctx, r->slo, slo, sizeof slo);
    meta_item(ctx, dl, "meta.slo", slo);
  }
  if (r->has_error_budget) {
    html_duration(ctx, r->error_budget_h, budget, sizeof budget);
    meta_item(ctx, dl, "meta.error_budget", budget);
  }
  return dl;
}

/* Adds one key-figure card: a label, a big value (with an exact title) and
 * a muted note.  Returns the card. */
static html_node *card(html_ctx *ctx, html_node *parent, const char *cls, const char *label_key,
                       const char *value, const char *exact, const char *note) {
  html_node *c = html_el(ctx, parent, "div", cls);
  html_text_el(ctx, c, "div", "figure-label", html_msg(ctx, label_key));
  html_node *v = html_text_el(ctx, c, "div", "figure-value", value);
  html_attr(v, "title", exact);
  if (note) html_text_el(ctx, c, "div", "figure-note", note);
  return c;
}

void html_key_figures(html_ctx *ctx, html_node *parent) {
  const bd_report *r = ctx->r;
  const bd_totals *now = r->totals[BD_STATE_CURRENT];
  const bd_totals *plan = r->totals[BD_STATE_PLANNED];
  const bd_totals *base = r->totals[BD_STATE_BASELINE];
  char v[64], exact[64], x[64], note[256];
  html_node *grid = html_el(ctx, parent, "div", "key-figures");

  snprintf(note, sizeof note, "%s: %s", html_msg(ctx, "state.baseline"),
           html_amount(ctx, base->eal, 1, 1, x, sizeof x));
  html_node *now_card = card(ctx, grid, "figure figure-now", "figure.yearly_loss_now",
                             html_amount(ctx, now->eal, 1, 1, v, sizeof v),
                             html_amount(ctx, now->eal, 1, 0, exact, sizeof exact), note);
  /* the proven state and the loss that rests on untested measures,
   * proven - current */
  if (BD_HAS(r, bd_report, proven_totals) && r->proven_totals) {
    double proven = r->proven_totals->eal;
    char gap[64];
    snprintf(note, sizeof note, "%s: %s \xC2\xB7 %s: %s", html_msg(ctx, "figure.proven"),
             html_amount(ctx, proven, 1, 1, x, sizeof x), html_msg(ctx, "figure.untested_loss"),
             html_amount(ctx, proven - now->eal, 1, 1, gap, sizeof gap));
    html_text_el(ctx, now_card, "div", "figure-note figure-proven", note);
  }

  snprintf(note, sizeof note, "%s", html_msg(ctx, "figure.note_planned"));
  card(ctx, grid, "figure figure-planned", "figure.yearly_loss_planned",
       html_amount(ctx, plan->eal, 1, 1, v, sizeof v),
       html_amount(ctx, plan->eal, 1, 0, exact, sizeof exact), note);

  snprintf(v, sizeof v, "%zu", r->decision_count);
  snprintf(exact, sizeof exact, "%zu / %zu", r->decision_count, r->scenario_count);
  snprintf(note, sizeof note, "%s: %zu", html_msg(ctx, "figure.scenarios"), r->scenario_count);
  card(ctx, grid,
       r->decision_count ? "figure figure-decisions attention" : "figure figure-decisions",
       "figure.decisions", v, exact, note);

  if (r->has_error_budget) {
    char down[64], budget[64], plan_share[64];
    html_duration(ctx, now->downtime_h, down, sizeof down);
    html_duration(ctx, r->error_budget_h, budget, sizeof budget);
    html_share(ctx, plan->budget_used, plan_share, sizeof plan_share);
    snprintf(note, sizeof note, "%s / %s \xC2\xB7 %s: %s", down, budget,
             html_msg(ctx, "state.planned"), plan_share);
    html_share(ctx, now->budget_used, v, sizeof v);
    card(ctx, grid,
         now->budget_used > 1 ? "figure figure-budget attention" : "figure figure-budget",
         "figure.error_budget_used", v, v, note);
  } else {
    html_duration(ctx, now->downtime_h, x, sizeof x);
    snprintf(note, sizeof note, "%s \xC2\xB7 %s: %s", html_msg(ctx, "figure.no_slo"),
             html_msg(ctx, "figure.downtime_now"), x);
    card(ctx, grid, "figure figure-budget", "figure.error_budget_used", "\xE2\x80\x94",
         html_msg(ctx, "figure.no_slo"), note);
  }

  snprintf(note, sizeof note, "%s", html_msg(ctx, "figure.note_coverage"));
  card(ctx, grid, "figure figure-coverage", "figure.coverage",
       html_share(ctx, r->coverage, v, sizeof v), v, note);
  snprintf(note, sizeof note, "%s", html_msg(ctx, "figure.note_verified"));
  card(ctx, grid, "figure figure-verified", "figure.verified_coverage",
       html_share(ctx, r->verified_coverage, v, sizeof v), v, note);
}

void html_state_chart(html_ctx *ctx, html_node *parent) {
  const bd_report *r = ctx->r;
  const double label_w = 220, bar_w = 560, value_w = 200, bar_h = 30, pitch = 46;
  double max = 0;
  for (int s = 0; s < BD_STATE_COUNT; s++)
    if (r->totals[s]->eal > max) max = r->totals[s]->eal;
  html_node *fig = html_el(ctx, parent, "figure", "chart state-chart");
  html_node *svg = html_el(ctx, fig, "svg", NULL);
  double w = label_w + bar_w + value_w, h = pitch * BD_STATE_COUNT;
  char box[96], v[64], exact[64], tip[256];
  snprintf(box, sizeof box, "0 0 %.0f %.0f", w, h);
  html_attr(svg, "viewBox", box);
  html_attr(svg, "role", "img");
  html_attr(svg, "aria-label", html_msg(ctx, "heading.totals"));
  for (int s = 0; s < BD_STATE_COUNT; s++) {
    const bd_totals *t = r->totals[s];
    double y = s * pitch + (pitch - bar_h) / 2;
    double len = max > 0 ? bar_w * t->eal / max : 0;
    html_node *g = html_el(ctx, svg, "g", s == BD_STATE_CURRENT ? "bar bar-current" : "bar");
    snprintf(tip, sizeof tip, "%s: %s",
             html_msg(ctx, s == 0   ? "state.baseline"
                           : s == 1 ? "state.current"
                                    : "state.planned"),
             html_amount(ctx, t->eal, 1, 0, exact, sizeof exact));
    html_text_el(ctx, g, "title", NULL, tip);
    html_node *label = html_text_el(ctx, g, "text", "bar-label",
                                    html_enum_label(ctx, "state", bd_state_name((bd_state)s)));
    html_attr_num(label, "x", label_w - 12);
    html_attr_num(label, "y", y + bar_h / 2);
    html_node *track = html_el(ctx, g, "rect", "bar-track");
    html_attr_num(track, "x", label_w);
    html_attr_num(track, "y", y);
    html_attr_num(track, "width", bar_w);
    html_attr_num(track, "height", bar_h);
    html_node *bar = html_el(ctx, g, "rect", "bar-fill");
    html_attr_num(bar, "x", label_w);
    html_attr_num(bar, "y", y);
    html_attr_num(bar, "width", len < 2 && t->eal > 0 ? 2 : len);
    html_attr_num(bar, "height", bar_h);
    html_node *value =
        html_text_el(ctx, g, "text", "bar-value", html_amount(ctx, t->eal, 1, 1, v, sizeof v));
    html_attr_num(value, "x", label_w + bar_w + 12);
    html_attr_num(value, "y", y + bar_h / 2);
  }
}

void html_totals_table(html_ctx *ctx, html_node *parent) {
  const bd_report *r = ctx->r;
  char buf[64];
  html_node *table = html_el(ctx, parent, "table", "data totals");
  html_node *tr = html_el(ctx, html_el(ctx, table, "thead", NULL), "tr", NULL);
  html_text_el(ctx, tr, "th", NULL, html_msg(ctx, "column.state"));
  html_text_el(ctx, tr, "th", "num", html_msg(ctx, "column.yearly_loss"));
  for (size_t c = 0; c < r->category_count; c++)
    html_text_el(ctx, tr, "th", "num", html_category(ctx, c));
  html_text_el(ctx, tr, "th", "num", html_msg(ctx, "column.downtime"));
  if (r->has_error_budget) html_text_el(ctx, tr, "th", "num", html_msg(ctx, "column.budget_used"));
  html_node *tbody = html_el(ctx, table, "tbody", NULL);
  for (int s = 0; s < BD_STATE_COUNT; s++) {
    const bd_totals *t = r->totals[s];
    tr = html_el(ctx, tbody, "tr", s == BD_STATE_CURRENT ? "current" : NULL);
    html_text_el(ctx, tr, "th", NULL, html_enum_label(ctx, "state", bd_state_name((bd_state)s)));
    html_amount_cell(ctx, tr, t->eal, 0, "num strong");
    for (size_t c = 0; c < r->category_count; c++)
      html_amount_cell(ctx, tr, t->by_category[c], 0, NULL);
    html_text_el(ctx, tr, "td", "num", html_duration(ctx, t->downtime_h, buf, sizeof buf));
    if (r->has_error_budget)
      html_text_el(ctx, tr, "td", t->budget_used > 1 ? "num over" : "num",
                   html_share(ctx, t->budget_used, buf, sizeof buf));
  }
  char caption[256];
  snprintf(caption, sizeof caption, "%s (%s)", html_msg(ctx, "caption.totals"), r->currency);
  html_node *cap = html_text_el(ctx, NULL, "caption", NULL, caption);
  html_insert_first(table, cap);
}

void html_coverage_legend(html_ctx *ctx, html_node *parent) {
  const bd_report *r = ctx->r;
  html_node *ul = html_el(ctx, parent, "ul", "legend");
  html_attr(ul, "aria-label", html_msg(ctx, "legend.coverage"));
  /* strongest first: the order a reader scans for problems */
  static const bd_cell order[] = {BD_CELL_VERIFIED, BD_CELL_IMPLEMENTED, BD_CELL_STALE,
                                  BD_CELL_FAILING,  BD_CELL_PLANNED,     BD_CELL_NONE};
  for (size_t i = 0; i < BD_CELL_COUNT; i++) {
    bd_cell c = order[i];
    char cls[40], count[32];
    html_node *li = html_el(ctx, ul, "li", NULL);
    snprintf(cls, sizeof cls, "swatch cell-%s", bd_cell_name(c));
    html_text_el(ctx, li, "span", cls, html_cell_mark(c));
    html_text_el(ctx, li, "span", "legend-label", html_enum_label(ctx, "cell", bd_cell_name(c)));
    snprintf(count, sizeof count, "%zu", r->cell_counts[c]);
    html_text_el(ctx, li, "span", "legend-count", count);
  }
}
/* The key to the panels' letters (see html_common.h). */
void html_kind_key(html_ctx *ctx, html_node *parent) {
  html_node *ul = html_el(ctx, parent, "ul", "legend kind-key");
  html_attr(ul, "aria-hidden", "true"); /* the panels' heads carry the labels */
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    char letter[8];
    html_node *li = html_el(ctx, ul, "li", NULL);
    html_text_el(ctx, li, "span", "kind-letter",
                 html_kind_letter(ctx, (bd_kind)k, letter, sizeof letter));
    html_text_el(ctx, li, "span", "legend-label",
                 html_enum_label(ctx, "kind", bd_kind_name((bd_kind)k)));
  }
}

/* --- the loss-exceedance curve -------------------------------------------- */

/* The points of one curve as an SVG polyline's "x,y x,y ..." for x in
 * [0, xmax] and chances in [0, ymax] in the plot box (left, top, w, h), cut
 * at xmax on the line to the next point; into buf (the caller frees it). */
static char *curve_points(const bd_simulation *sim, const double *exceed, double left, double top,
                          double w, double h, double xmax, double ymax) {
  size_t size = sim->point_count * 48 + 1, used = 0;
  char *buf = malloc(size);
  if (buf == NULL) return NULL;
  buf[0] = '\0';
  for (size_t i = 0; i < sim->point_count; i++) {
    double x = sim->x[i], p = exceed[i];
    if (x > xmax && i > 0) {
      double t = (xmax - sim->x[i - 1]) / (x - sim->x[i - 1]);
      p = exceed[i - 1] + t * (p - exceed[i - 1]);
      x = xmax;
    }
    char a[32], b[32];
    html_num(left + w * x / xmax, a);
    html_num(top + h - h * p / ymax, b);
    used += (size_t)snprintf(buf + used, size - used, "%s%s,%s", i ? " " : "", a, b);
    if (x >= xmax) break;
  }
  return buf;
}

html_node *html_svg_text(html_ctx *ctx, html_node *parent, const char *cls, double x, double y,
                         const char *text) {
  html_node *t = html_text_el(ctx, parent, "text", cls, text);
  html_attr_num(t, "x", x);
  html_attr_num(t, "y", y);
  return t;
}

html_node *html_svg_line(html_ctx *ctx, html_node *parent, const char *cls, double x1, double y1,
                         double x2, double y2) {
  html_node *l = html_el(ctx, parent, "line", cls);
  html_attr_num(l, "x1", x1);
  html_attr_num(l, "y1", y1);
  html_attr_num(l, "x2", x2);
  html_attr_num(l, "y2", y2);
  return l;
}

void html_exceedance(html_ctx *ctx, html_node *parent) {
  const bd_simulation *sim = deck_simulation(ctx->r);
  if (sim == NULL || sim->point_count < 2) return;
  const double *now = sim->exceed[BD_STATE_CURRENT], *planned = sim->exceed[BD_STATE_PLANNED];
  char amount[64], line[256];
  html_node *fig = html_el(ctx, parent, "figure", "chart exceedance");
  /* the reading: 1 year in 10, the yearly loss exceeds X (now), then planned */
  double at_now = deck_exceedance_at(sim, now, 0.1),
         at_planned = deck_exceedance_at(sim, planned, 0.1);
  html_node *reading = html_text_el(ctx, fig, "p", "exceedance-reading",
                                    deck_fill(html_msg(ctx, "figure.exceedance"),
                                              html_amount(ctx, at_now, 1, 1, amount, sizeof amount),
                                              line, sizeof line));
  html_attr(reading, "data-value", html_amount(ctx, at_now, 1, 0, amount, sizeof amount));
  html_text_el(ctx, fig, "p", "exceedance-planned",
               deck_fill(html_msg(ctx, "figure.exceedance_planned"),
                         html_amount(ctx, at_planned, 1, 1, amount, sizeof amount), line,
                         sizeof line));
  /* the plot: chances up the left, amounts along the bottom */
  const double W = 960, H = 330, left = 70, top = 14, pw = W - left - 24, ph = H - top - 40;
  double step, xmax = deck_exceedance_axis_end(sim, &step);
  double p0 = now[0] > planned[0] ? now[0] : planned[0], ymax = ceil(p0 * 10 - 1e-9) / 10;
  if (ymax < 0.1) ymax = 0.1;
  html_node *svg = html_el(ctx, fig, "svg", NULL);
  char box[64];
  snprintf(box, sizeof box, "0 0 %.0f %.0f", W, H);
  html_attr(svg, "viewBox", box);
  html_attr(svg, "role", "img");
  html_attr(svg, "aria-label", html_msg(ctx, "caption.exceedance"));
  for (int k = 0; k <= 4; k++) {
    double gy = top + ph - ph * k / 4;
    html_svg_line(ctx, svg, k ? "grid" : "axis", left, gy, left + pw, gy);
    html_svg_text(ctx, svg, "tick tick-y", left - 8, gy,
                  html_share(ctx, ymax * k / 4, line, sizeof line));
  }
  for (double a = 0; a <= xmax + step / 2; a += step)
    html_svg_text(ctx, svg, "tick tick-x", left + pw * a / xmax, top + ph + 20,
                  html_amount(ctx, a, 0, 1, amount, sizeof amount));
  double gy = top + ph - ph * 0.1 / ymax;
  html_svg_line(ctx, svg, "guide", left, gy, left + pw, gy);
  static const char *const cls[] = {"curve curve-planned", "curve curve-current"};
  const double *curves[] = {planned, now};
  for (int k = 0; k < 2; k++) {
    char *points = curve_points(sim, curves[k], left, top, pw, ph, xmax, ymax);
    if (points == NULL) {
      html_fail(ctx, "out of memory");
      return;
    }
    html_node *pl = html_el(ctx, svg, "polyline", cls[k]);
    html_attr(pl, "points", points);
    html_text_el(
        ctx, pl, "title", NULL,
        html_enum_label(ctx, "state", bd_state_name(k ? BD_STATE_CURRENT : BD_STATE_PLANNED)));
    free(points);
  }
  if (at_now > 0 && at_now <= xmax) {
    html_node *dot = html_el(ctx, svg, "circle", "reading");
    html_attr_num(dot, "cx", left + pw * at_now / xmax);
    html_attr_num(dot, "cy", gy);
    html_attr(dot, "r", "5");
  }
  /* the key: the two states */
  html_node *ul = html_el(ctx, fig, "ul", "legend exceedance-key");
  for (int k = 1; k >= 0; k--) {
    html_node *li = html_el(ctx, ul, "li", NULL);
    html_el(ctx, li, "span", k ? "swatch curve-current" : "swatch curve-planned");
    html_text_el(
        ctx, li, "span", "legend-label",
        html_enum_label(ctx, "state", bd_state_name(k ? BD_STATE_CURRENT : BD_STATE_PLANNED)));
  }
}
