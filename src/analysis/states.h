/*
 * states.h - which measures count in which state (plan-format.md,
 * "Analysis" and "Proven state"), shared by the point figures (analyse.c)
 * and the simulation of ranges (ranges.c), so that both use one rule.
 */
#ifndef BD_STATES_H
#define BD_STATES_H

#include "badday/report.h"

/* The states computed for each scenario: bd_state's three, then proven, the
 * fourth (not a bd_state value: BD_STATE_COUNT stays 3 for plugins built
 * with three states). */
#define BD_STATE_PROVEN         BD_STATE_COUNT
#define BD_ANALYSED_STATE_COUNT (BD_STATE_COUNT + 1)

/* Whether measure `m` (its verification already judged) counts in `state`
 * (0..BD_STATE_PROVEN): none in baseline, the implemented ones in current,
 * all in planned, and in proven the implemented ones that are verified;
 * a test has no effect of its own there (it proves others). */
static inline int bd_measure_active(const bd_measure *m, int state) {
  switch (state) {
  case BD_STATE_BASELINE:
    return 0;
  case BD_STATE_CURRENT:
    return m->status == BD_STATUS_IMPLEMENTED;
  case BD_STATE_PROVEN:
    return m->status == BD_STATUS_IMPLEMENTED && m->kind != BD_KIND_TESTING &&
           m->verification == BD_VERIFICATION_VERIFIED;
  default:
    return 1;
  }
}

#endif
