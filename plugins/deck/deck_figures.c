/* deck_figures.c - see deck_figures.h. */
#include "deck_figures.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const bd_totals *deck_proven_totals(const bd_report *r) {
  return BD_HAS(r, bd_report, proven_totals) ? r->proven_totals : NULL;
}

int deck_proven_differs(const bd_scenario *s, double *proven) {
  if (!BD_HAS(s, bd_scenario, proven) || s->proven == NULL) return 0;
  *proven = s->proven->eal;
  return s->proven->eal != s->state[BD_STATE_CURRENT]->eal;
}

const bd_simulation *deck_simulation(const bd_report *r) {
  return BD_HAS(r, bd_report, simulation) ? r->simulation : NULL;
}

const bd_range *deck_current_range(const bd_report *r, const bd_scenario *s) {
  const bd_figures *now = s->state[BD_STATE_CURRENT];
  if (deck_simulation(r) == NULL || !BD_HAS(now, bd_figures, range)) return NULL;
  return now->range;
}

const bd_range *deck_totals_range(const bd_report *r, const bd_totals *t) {
  if (deck_simulation(r) == NULL || !BD_HAS(t, bd_totals, range)) return NULL;
  return t->range;
}

int deck_confidence(const bd_scenario *s, double *confidence) {
  if (!BD_HAS(s, bd_scenario, uncertain) || !s->has_confidence) return 0;
  *confidence = s->confidence;
  return 1;
}

int deck_uncertain(const bd_scenario *s) {
  return BD_HAS(s, bd_scenario, uncertain) && s->has_confidence && s->uncertain;
}

char *deck_fill(const char *tmpl, const char *value, char *buf, size_t size) {
  const char *at = strstr(tmpl, "{}");
  if (at == NULL)
    snprintf(buf, size, "%s", tmpl);
  else
    snprintf(buf, size, "%.*s%s%s", (int)(at - tmpl), tmpl, value, at + 2);
  return buf;
}

char *deck_confidence_text(const bd_host *host, bd_output *out, const bd_scenario *s, char *buf,
                           size_t size) {
  double confidence;
  buf[0] = '\0';
  if (!deck_confidence(s, &confidence)) return buf;
  char share[32];
  host->format_share(confidence, share, sizeof share);
  return deck_fill(host->message(out, s->decision == BD_DECISION_ACCEPT ? "confidence.accept"
                                                                        : "confidence.mitigate"),
                   share, buf, size);
}

double deck_exceedance_at(const bd_simulation *sim, const double *exceed, double p) {
  size_t n = sim->point_count;
  if (n == 0 || exceed[0] <= p) return 0;
  for (size_t i = 1; i < n; i++) {
    if (exceed[i] > p) continue;
    double drop = exceed[i - 1] - exceed[i];
    double t = drop > 0 ? (exceed[i - 1] - p) / drop : 1;
    return sim->x[i - 1] + t * (sim->x[i] - sim->x[i - 1]);
  }
  return sim->x[n - 1];
}

char *deck_decision_line(const bd_host *host, bd_output *out, const bd_scenario *s, char *buf,
                         size_t size) {
  char confidence[512];
  buf[0] = '\0';
  if (!*deck_confidence_text(host, out, s, confidence, sizeof confidence)) return buf;
  snprintf(buf, size, "%s%s%s", deck_uncertain(s) ? host->message(out, "decision.uncertain") : "",
           deck_uncertain(s) ? " \xC2\xB7 " : "", confidence);
  return buf;
}

double deck_nice_step(double span, int n) {
  if (span <= 0) return 1;
  double raw = span / n, p = pow(10, floor(log10(raw))), f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

double deck_exceedance_axis_end(const bd_simulation *sim, double *step) {
  double end = deck_exceedance_at(sim, sim->exceed[BD_STATE_CURRENT], 0.01);
  if (end <= 0) end = sim->point_count ? sim->x[sim->point_count - 1] : 1;
  if (end <= 0) end = 1;
  *step = deck_nice_step(end, 4);
  return ceil(end / *step) * *step;
}
