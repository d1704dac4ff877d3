/*
 * layout.h - the layout every drawing output shares: the rows of the loss
 * matrix and the scenario trees, computed once in the core after the
 * analysis so that every plugin draws the same rows and trees instead of
 * laying them out again (README, "Layout of the source": the data flow;
 * doc/plugins.md: matrix_rows[] and trees[] of the report).  Pure: reads
 * the analysed figures of a report, writes only its layout fields.
 */
#ifndef BD_LAYOUT_H
#define BD_LAYOUT_H

#include "base/arena.h"
#include "badday/report.h"

/* Fills report->matrix_rows and report->trees from report->losses,
 * ->failures and ->scenarios (which must already be complete).  The arrays
 * are allocated in `arena`.  Linear in the number of nodes.  Returns 0, or -1
 * when memory ran out (the layout fields are then left empty). */
int bd_layout(bd_report *report, bd_arena *arena);

#endif
