/*
 * compare.h - what changed between an earlier report and this one
 * (`--compare OLD`): new and removed scenarios, yearly loss per scenario and
 * in total, coverage cells that changed state, decisions that changed.
 * Scenarios match by id.  Pure: no I/O.
 */
#ifndef BD_COMPARE_H
#define BD_COMPARE_H

#include "base/arena.h"
#include "badday/report.h"
#include "analysis/snapshot.h"

/* Compares report with before (an earlier report of the same service).
 * The comparison is allocated in arena and points into both.  Returns 0
 * with *out set, or -1 when memory ran out. */
int bd_compare(const bd_report *report, const bd_snapshot *before, bd_arena *arena,
               bd_comparison **out);

#endif
