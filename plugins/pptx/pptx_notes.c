/*
 * pptx_notes.c - the speaker notes of a scenario: where its figures come
 * from, in words (frequency x (detect + recover) x impact gives the
 * downtime; the yearly loss now and planned, the cost and the reduction),
 * and the reason for its decision (plan format, Analysis), so a presenter
 * can answer "where does this number come from?"; and the Trend slide's
 * every period's figures, so the presenter can read them out.
 */
#include "pptx.h"

#include <stdio.h>

#include "../deck/deck_trend.h"

/* The reason for a decision, as the plan format gives the rule. */
static void reason(pptx *d, const bd_scenario *s, char *buf, size_t size) {
  char reduction[96], cost[96];
  snprintf(reduction, sizeof reduction, "%s", pptx_amount(d, s->reduction, 0));
  snprintf(cost, sizeof cost, "%s", pptx_amount(d, s->plan_cost, 0));
  switch (s->decision) {
  case BD_DECISION_MITIGATE:
    snprintf(buf, size, "%s (%s %s \xe2\x89\xa5 %s %s)", pptx_msg(d, "notes.reason_mitigate"),
             pptx_msg(d, "column.reduction"), reduction, pptx_msg(d, "column.plan_cost"), cost);
    break;
  case BD_DECISION_ACCEPT:
    snprintf(buf, size, "%s (%s %s < %s %s)", pptx_msg(d, "notes.reason_accept"),
             pptx_msg(d, "column.reduction"), reduction, pptx_msg(d, "column.plan_cost"), cost);
    break;
  case BD_DECISION_ACCEPTED:
    snprintf(buf, size, "%s%s%s", pptx_msg(d, "notes.reason_accepted"), s->accept ? ": " : "",
             s->accept ? s->accept : "");
    break;
  default:
    snprintf(buf, size, "%s", pptx_msg(d, "notes.reason_monitor"));
    break;
  }
}

/* See pptx.h. */
void pptx_scenario_notes(pptx *d, const bd_scenario *s) {
  const bd_figures *now = s->state[BD_STATE_CURRENT];
  char f[64], det[64], rec[64], imp[64], down[64];
  snprintf(f, sizeof f, "%s", pptx_number(d, now->frequency));
  snprintf(det, sizeof det, "%s", pptx_duration(d, now->detect_h));
  snprintf(rec, sizeof rec, "%s", pptx_duration(d, now->recover_h));
  snprintf(imp, sizeof imp, "%s", pptx_share(d, now->impact));
  snprintf(down, sizeof down, "%s", pptx_duration(d, now->downtime_h));
  pptx_note(d, "%s (%s)", s->title, s->id);
  pptx_note(d, "  %s %s \xc3\x97 (%s %s + %s %s) \xc3\x97 %s %s = %s %s",
            pptx_msg(d, "notes.frequency"), f, pptx_msg(d, "notes.detect"), det,
            pptx_msg(d, "notes.recover"), rec, pptx_msg(d, "notes.impact"), imp,
            pptx_msg(d, "column.downtime"), down);
  char loss_now[96], loss_planned[96];
  snprintf(loss_now, sizeof loss_now, "%s", pptx_amount(d, now->eal, 0));
  snprintf(loss_planned, sizeof loss_planned, "%s",
           pptx_amount(d, s->state[BD_STATE_PLANNED]->eal, 0));
  pptx_note(d, "  %s %s (%s); %s %s", pptx_msg(d, "figure.yearly_loss_now"), loss_now,
            pptx_msg(d, "notes.loss_rule"), pptx_msg(d, "column.planned"), loss_planned);
  const bd_loss *loss = d->r->losses[s->loss];
  char rates[1024];
  size_t used = 0;
  rates[0] = '\0';
  for (size_t c = 0; c < d->r->category_count && used < sizeof rates; c++) {
    const double v[2] = {loss->per_hour[c], loss->per_incident[c]};
    const char *unit[2] = {"notes.an_hour", "notes.an_incident"};
    for (int k = 0; k < 2 && used < sizeof rates; k++)
      if (v[k] > 0)
        used += (size_t)snprintf(rates + used, sizeof rates - used, "%s%s %s %s", used ? ", " : "",
                                 pptx_enum(d, "category", d->r->categories[c]),
                                 pptx_amount(d, v[k], 0), pptx_msg(d, unit[k]));
  }
  if (used) pptx_note(d, "  %s (%s): %s", pptx_msg(d, "notes.rates"), loss->title, rates);
  char why[1024];
  reason(d, s, why, sizeof why);
  pptx_note(d, "  %s: %s \xe2\x80\x94 %s", pptx_msg(d, "column.decision"),
            pptx_enum(d, "decision", bd_decision_name(s->decision)), why);
  if (s->over_cap)
    pptx_note(d, "  %s: %s (%s)", pptx_msg(d, "flag.over_cap"), pptx_share(d, s->budget_share),
              pptx_msg(d, "flag.over_cap_note"));
}

/* See pptx.h. */
void pptx_trend_notes(pptx *d) {
  const bd_history *h = deck_trend_history(d->r);
  if (h == NULL) return;
  deck_trend_panel panels[DECK_TREND_PANELS];
  size_t count = deck_trend_panels(h, panels);
  char description[2048]; /* pptx_note's longest line */
  for (size_t i = 0; i < count; i++)
    pptx_note(
        d, "%s",
        deck_trend_description(d->host, d->req, d->r, panels[i], description, sizeof description));
}
