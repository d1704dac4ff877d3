/*
 * deck_figures.h - how every view reads the newer parts of the report
 * model the same way: the proven state where it differs from the current
 * one (ABI 2.1), and the simulation of a plan with ranges (ABI 2.2): a
 * scenario's 90% range, its decision's confidence as a sentence, and the
 * loss-exceedance curve's reading ("1 year in 10, the yearly loss exceeds
 * X").  Shared by the html, pdf and chart writers (and the slide planner,
 * which measures what they draw), so that no two views word or read a
 * figure differently.  Nothing here computes a figure: each value is the
 * model's, read after BD_HAS so that an older host reads as "absent".
 */
#ifndef BD_DECK_FIGURES_H
#define BD_DECK_FIGURES_H

#include <badday/plugin.h>
#include <stddef.h>

/* The proven totals of r, or NULL from a host older than ABI 2.1. */
const bd_totals *deck_proven_totals(const bd_report *r);

/* Whether scenario s has a proven yearly loss that differs from its
 * current one; then *proven is it. */
int deck_proven_differs(const bd_scenario *s, double *proven);

/* The simulation of r (a plan with ranges), or NULL. */
const bd_simulation *deck_simulation(const bd_report *r);

/* The simulated current yearly loss of scenario s, or NULL (no ranges). */
const bd_range *deck_current_range(const bd_report *r, const bd_scenario *s);

/* The simulated yearly loss of the totals t, or NULL (no ranges). */
const bd_range *deck_totals_range(const bd_report *r, const bd_totals *t);

/* Whether the decision of s has a confidence (a plan with ranges, a
 * decision mitigate or accept); then *confidence is it (0..1). */
int deck_confidence(const bd_scenario *s, double *confidence);

/* Whether the decision of s is uncertain (a confidence under 60%). */
int deck_uncertain(const bd_scenario *s);

/* The sentence that reads the confidence of s in the request's language,
 * "Mitigate: pays off in 83% of simulated years" or "Accept: accepting is
 * right in 83% of simulated years", the share through host->format_share;
 * into buf (the caller's), "" without a confidence.  Returns buf. */
char *deck_confidence_text(const bd_host *host, bd_output *out, const bd_scenario *s, char *buf,
                           size_t size);

/* The line a decisions list shows under a scenario with a confidence:
 * "Mitigate: pays off in 83% of simulated years", starting "Uncertain ·
 * " when the decision is uncertain; into buf, "" without a confidence.
 * Returns buf. */
char *deck_decision_line(const bd_host *host, bd_output *out, const bd_scenario *s, char *buf,
                         size_t size);

/* The yearly loss exceeded with probability p on the exceedance curve
 * `exceed` of sim (exceed[i] = P(loss > x[i])): the x where the curve,
 * drawn as straight lines between its points, comes down to p; the last x
 * when it never does; 0 when it starts at or under p. */
double deck_exceedance_at(const bd_simulation *sim, const double *exceed, double p);

/* Where the amount axis of an exceedance chart ends, for every writer
 * alike: where the current curve comes down to 1% (the tail past it would
 * squeeze the rest), rounded up to a whole number of *step, a round step
 * (1, 2 or 5 times a power of ten) that cuts the axis into about 4. */
double deck_exceedance_axis_end(const bd_simulation *sim, double *step);

/* A round step (1, 2 or 5 times a power of ten) that cuts span into
 * about n; 1 when span is not positive. */
double deck_nice_step(double span, int n);

/* Copies the message tmpl into buf with its "{}" replaced by value (the
 * one placeholder of a sentence, so each language puts it where it reads
 * naturally).  Returns buf. */
char *deck_fill(const char *tmpl, const char *value, char *buf, size_t size);

#endif
