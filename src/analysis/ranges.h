/*
 * ranges.h - the simulation of a plan with ranges (plan-format.md,
 * "Ranges") wired into the report model: builds the engine's input
 * (analysis/simulate.h) from the plan, runs it once, and fills the ABI 2.2
 * members of the report (the ranges of every scenario, loss and total in
 * the four states, pays_off, the decision's confidence and the
 * loss-exceedance curve).
 */
#ifndef BD_RANGES_H
#define BD_RANGES_H

#include "base/arena.h"
#include "badday/report.h"
#include "plan/plan.h"

/* Simulates `plan` (which has ranges) and fills the simulation members of
 * `report`, the plan's point analysis (built in the same arena, not yet
 * handed out).  `threads`: 0 for the number of online CPUs; it never
 * changes a result.  Everything is allocated in `arena`.  Returns 0, or -1
 * when memory ran out or the engine refused the input (an internal
 * error: the plan was validated). */
int bd_analyse_ranges(const bd_plan *plan, bd_report *report, unsigned threads, bd_arena *arena);

#endif
