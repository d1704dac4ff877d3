/*
 * cli_lint.h - printing the lint warnings of a loaded plan (plan/lint.h)
 * for `check` and `render`; --strict makes them errors.
 */
#ifndef BD_CLI_LINT_H
#define BD_CLI_LINT_H

#include "plan/plan.h"

/* Lints plan (loaded from path, evidence applied) and prints each finding
 * as PATH:LINE:COL: warning: MESSAGE, or with strict as an error.  Returns
 * BD_EXIT_OK, or under strict BD_EXIT_INVALID_PLAN when anything was
 * found. */
int bd_cli_lint_plan(const bd_plan *plan, const char *path, int strict);

#endif
