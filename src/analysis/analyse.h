/*
 * analyse.h - turns a validated plan into the report model (plan-format.md,
 * "Analysis").  Pure: no I/O, no YAML, no output formats.
 */
#ifndef BD_ANALYSE_H
#define BD_ANALYSE_H

#include "base/arena.h"
#include "badday/report.h"
#include "plan/plan.h"

/* Computes the report for `plan`.  The report is allocated in `arena` and
 * may point into the plan's strings, so the plan must live as long as the
 * report (use one arena for both).  Returns 0, or -1 when memory ran out
 * (*out is then NULL). */
int bd_analyse(const bd_plan *plan, bd_arena *arena, bd_report **out);

/* How bd_analyse_with() works; zero-initialised, it is bd_analyse(). */
typedef struct bd_analyse_options {
  unsigned threads;  /* for the simulation of ranges: 0 for the online CPUs; never
                        changes a result */
  int no_simulation; /* leave the ranges out (report->simulation NULL): for
                        callers that read only point figures */
} bd_analyse_options;

/* bd_analyse() with options (NULL: the defaults).  A plan with ranges is
 * simulated once (plan-format.md, "Ranges").  Returns 0, or -1 when memory
 * ran out or the simulation failed (*out is then NULL). */
int bd_analyse_with(const bd_plan *plan, const bd_analyse_options *options, bd_arena *arena,
                    bd_report **out);

#endif
