/*
 * gates.h - CI gates: rules that make `badday check --fail-on RULE,...`
 * fail when a plan shows a risk nobody has dealt with.
 *
 *   over-cap   a scenario uses more than risk_cap of the error budget
 *   stale      a test run is older than stale_after (a stale verification)
 *   failing    a test failed in its latest run
 *   uncovered  a scenario has no implemented detective or no implemented
 *              recovery measure
 *   budget     the planned downtime is over the error budget (needs an slo)
 *
 * A scenario's `waive` list (bd_scenario.waivers) lets one of the first
 * four rules pass for that scenario up to and including its `until` day,
 * compared with the day of the check (today, or the day of
 * SOURCE_DATE_EPOCH: bd_waiver.expired); after that the finding fails the
 * gate again and says the waiver expired.  A scenario with `accept` is
 * never uncovered.
 */
#ifndef BD_GATES_H
#define BD_GATES_H

#include <stddef.h>

#include "base/arena.h"
#include "badday/report.h"

enum {
  BD_GATE_OVER_CAP = 1 << 0,
  BD_GATE_STALE = 1 << 1,
  BD_GATE_FAILING = 1 << 2,
  BD_GATE_UNCOVERED = 1 << 3,
  BD_GATE_BUDGET = 1 << 4
};

/* One finding: the rule, where (a scenario's line, 0 for the whole plan)
 * and a sentence saying what was found. */
typedef struct bd_gate_finding {
  const char *rule; /* "over-cap", ... (static) */
  unsigned line;
  char *message;           /* in the arena; names an expired waiver */
  const bd_waiver *waiver; /* the scenario's waiver of this rule, or NULL */
  int waived;              /* the waiver holds: the finding does not fail the gate */
} bd_gate_finding;

/* Parses "over-cap,stale" into a mask of BD_GATE_* bits (ORed into *mask).
 * Returns 0, or -1 with the unknown rule named in errbuf. */
int bd_gates_parse(const char *list, unsigned *mask, char *errbuf, size_t errsize);

/* Finds every violation of the rules in mask, in scenario order (the budget
 * rule last), waived ones included and marked.  The findings array and
 * messages live in arena.  Returns the number found, or (size_t)-1 when
 * memory ran out. */
size_t bd_gates_check(const bd_report *report, unsigned mask, bd_arena *arena,
                      bd_gate_finding **out);

#endif
