/*
 * lint.h - warnings about a valid plan: things the format allows but that
 * are almost always a mistake (`badday check` prints them; --strict makes
 * them errors).
 *
 *   - an effect no better than the scenario's own value (it changes nothing);
 *   - a measure that is not a test with neither effect nor cost (it changes
 *     no figure and does not count for the decision);
 *   - a test that verifies nothing (an empty verifies, or no other measure
 *     in its scenario);
 *   - a test whose last run is older than twice stale_after (forgotten).
 */
#ifndef BD_LINT_H
#define BD_LINT_H

#include <stddef.h>

#include "base/diag.h"
#include "plan/plan.h"

/* Appends one warning per finding to `findings` (positioned at the
 * offending key, without a file name: the plan's path is the caller's),
 * in file order, each saying what to do.  Reads the plan as it stands,
 * evidence applied.  Returns the number of findings (also those over the
 * list's limit). */
size_t bd_plan_lint(const bd_plan *plan, bd_diags *findings);

#endif
