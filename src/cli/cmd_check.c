/* cmd_check.c - `badday check`: validate plans, print their lint warnings
 * (errors with --strict), and with --fail-on act as a CI gate (gates.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analyse.h"
#include "base/quote.h"
#include "cli/cli.h"
#include "cli/cli_common.h"
#include "cli/cli_lint.h"
#include "analysis/gates.h"

/* Analyses a valid plan and prints every finding of the --fail-on rules as
 * FILE:LINE: RULE: MESSAGE, and each waived one on standard error as
 * FILE:LINE: note: RULE waived until DATE (REASON): MESSAGE.  Returns an
 * exit code. */
static int run_gates(const char *path, const bd_plan *plan, bd_arena *arena, unsigned mask,
                     unsigned threads) {
  bd_report *report = NULL;
  bd_gate_finding *findings = NULL;
  const bd_analyse_options analysis = {.threads = threads};
  if (bd_analyse_with(plan, &analysis, arena, &report) != 0) return BD_EXIT_INTERNAL;
  size_t n = bd_gates_check(report, mask, arena, &findings), failing = 0;
  if (n == (size_t)-1) return BD_EXIT_INTERNAL;
  if ((mask & BD_GATE_BUDGET) && !report->has_error_budget)
    fprintf(stderr, "%s: warning: the plan has no slo, so the budget rule has nothing to check\n",
            path);
  for (size_t i = 0; i < n; i++) {
    const bd_gate_finding *f = &findings[i];
    /* The message and the reason quote the plan: escaped (no line
     * separator or bidi control of the plan disguises a line). */
    char *message = bd_escape_dup(f->message, strlen(f->message), 0);
    if (message == NULL) return BD_EXIT_INTERNAL;
    if (f->waived) {
      char *reason = bd_escape_dup(f->waiver->reason, strlen(f->waiver->reason), 0);
      if (reason)
        fprintf(stderr, "%s:%u: note: %s waived until %s (%s): %s\n", path, f->line, f->rule,
                f->waiver->until, reason, message);
      free(reason);
      free(message);
      if (reason == NULL) return BD_EXIT_INTERNAL;
      continue;
    }
    failing++;
    if (f->line)
      printf("%s:%u: %s: %s\n", path, f->line, f->rule, message);
    else
      printf("%s: %s: %s\n", path, f->rule, message);
    free(message);
  }
  return failing ? BD_EXIT_GATE : BD_EXIT_OK;
}

int bd_cmd_check(int argc, char **argv) {
  enum { OPT_FAIL_ON = 256, OPT_STRICT, OPT_THREADS };
  static const struct option options[] = {{"verbose", no_argument, NULL, 'v'},
                                          {"fail-on", required_argument, NULL, OPT_FAIL_ON},
                                          {"strict", no_argument, NULL, OPT_STRICT},
                                          {"evidence", required_argument, NULL, 'e'},
                                          {"threads", required_argument, NULL, OPT_THREADS},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  int verbose = 0, strict = 0, c;
  unsigned gates = 0, threads = 0;
  char err[256];
  bd_evidence_list evidence = {{0}, 0};
  optind = 1;
  while ((c = getopt_long(argc, argv, "vh", options, NULL)) != -1) {
    if (c == 'v') {
      verbose = 1;
    } else if (c == 'e') {
      if (bd_cli_add_evidence(&evidence, optarg) != 0) return BD_EXIT_USAGE;
    } else if (c == OPT_FAIL_ON) {
      if (bd_gates_parse(optarg, &gates, err, sizeof err) != 0) {
        fprintf(stderr, "badday check: --fail-on: %s\n", err);
        return BD_EXIT_USAGE;
      }
    } else if (c == OPT_STRICT) {
      strict = 1;
    } else if (c == OPT_THREADS) {
      if (bd_cli_parse_threads("check", optarg, &threads) != 0) return BD_EXIT_USAGE;
    } else if (c == 'h') {
      bd_print_usage(stdout);
      return BD_EXIT_OK;
    } else {
      return BD_EXIT_USAGE;
    }
  }
  if (optind >= argc) {
    fprintf(stderr, "badday check: no plan given (usage: badday check PLAN...)\n");
    return BD_EXIT_USAGE;
  }
  /* Every plan is loaded first, so that the evidence applies to all of them
   * at once (a testcase of one service is not unmatched in the others). */
  size_t count = (size_t)(argc - optind);
  bd_arena arena = {0};
  bd_plan **plans = NULL;
  /* An invalid plan outranks a gate finding; a usage error outranks both. */
  int status = bd_cli_load_plans(argv + optind, count, &arena, &plans);
  if (plans == NULL) {
    bd_arena_free(&arena);
    return status;
  }
  int rc = bd_cli_apply_evidence(&evidence, plans, count, &arena, verbose);
  if (rc != BD_EXIT_OK && status != BD_EXIT_USAGE) status = rc;
  for (size_t i = 0; rc == BD_EXIT_OK && i < count; i++) {
    const char *path = argv[optind + (int)i];
    const bd_plan *plan = plans[i];
    if (plan == NULL) continue;
    int lint = bd_cli_lint_plan(plan, path, strict);
    if (lint != BD_EXIT_OK) {
      if (status == BD_EXIT_OK || status == BD_EXIT_GATE) status = lint;
      continue; /* under --strict the plan is rejected, as with errors */
    }
    if (verbose)
      printf("%s: ok (%zu losses, %zu failure types, %zu scenarios)\n", path, plan->loss_count,
             plan->failure_count, plan->scenario_count);
    int gate = gates ? run_gates(path, plan, &arena, gates, threads) : BD_EXIT_OK;
    if (gate != BD_EXIT_OK && (status == BD_EXIT_OK || status == BD_EXIT_GATE)) status = gate;
  }
  bd_arena_free(&arena);
  return status;
}
