/*
 * layout.h - the layout every drawing output shares (design.md, "The way
 * data flows"): the rows of the loss matrix and the scenario trees.  Pure:
 * reads the analysed figures of a report, writes only its layout fields.
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
