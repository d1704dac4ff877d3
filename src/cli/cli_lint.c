/* cli_lint.c - see cli_lint.h. */
#include "cli/cli_lint.h"

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "plan/lint.h"

int bd_cli_lint_plan(const bd_plan *plan, const char *path, int strict) {
  bd_diags findings = {0};
  size_t found = bd_plan_lint(plan, &findings);
  bd_cli_print_diags(&findings, path, strict ? "error" : "warning");
  bd_diags_free(&findings);
  return strict && found > 0 ? BD_EXIT_INVALID_PLAN : BD_EXIT_OK;
}
