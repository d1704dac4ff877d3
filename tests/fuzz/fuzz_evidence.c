/*
 * fuzz_evidence.c - libFuzzer target for the JUnit evidence reader: every
 * input is read by bd_evidence_apply_buffer() against a fixed plan with
 * tests in two scenarios (one implemented, one planned) and a detective
 * measure.  Invariants: a refused file has an error and no run applied, an
 * accepted one no error; every message is clean, escaped text
 * (bd_fuzz_check_diags); no more runs are applied than matched; an applied
 * run never lies after the plan's as_of, and a measure that is not a test
 * never gets a run.
 */
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "fuzz.h"
#include "plan/evidence.h"
#include "plan/load.h"

/* The plan the evidence is applied to (loaded anew for every input, since
 * evidence changes it). */
static const char plan_text[] =
    "badday: 1\n"
    "service: Fuzz\n"
    "as_of: 2025-01-29\n"
    "losses:\n"
    "  - {id: down, title: Down, per_hour: {revenue: 1000}}\n"
    "failures:\n"
    "  - {id: fails, loss: down, title: Fails}\n"
    "scenarios:\n"
    "  - id: s\n"
    "    failure: fails\n"
    "    title: S\n"
    "    frequency: 2/year\n"
    "    recover: 1h\n"
    "    measures:\n"
    "      - {id: alarm, title: A, kind: detective, effect: {detect: 5m}}\n"
    "      - {id: drill, title: D, kind: testing, verifies: [alarm]}\n"
    "  - id: t\n"
    "    failure: fails\n"
    "    title: T\n"
    "    frequency: 1/year\n"
    "    recover: 2h\n"
    "    measures:\n"
    "      - {id: alarm, title: A, kind: detective, effect: {detect: 5m}}\n"
    "      - {id: drill, title: D, kind: testing, status: planned,\n"
    "         verifies: [alarm]}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bd_load_options opt = {.today = BD_FUZZ_TODAY};
  bd_arena arena = {0};
  bd_diags diags = {0}, warnings = {0}, errors = {0};
  bd_plan *plan = NULL;
  if (bd_plan_load_buffer("plan.yaml", plan_text, sizeof plan_text - 1, &opt, &arena, &plan,
                          &diags) != 0)
    bd_fuzz_fail("the fixed plan does not load");
  bd_evidence_target target = {&plan, 1, &arena};
  bd_evidence_stats stats;
  int rc = bd_evidence_apply_buffer("fuzz.xml", (const char *)data, size, &target, &stats,
                                    &warnings, &errors);
  bd_fuzz_check_diags(rc, rc == 0 ? (const void *)plan : NULL, &errors);
  bd_fuzz_check_messages(&warnings);
  for (size_t i = 0; i < warnings.count; i++)
    if (warnings.items[i].line == 0) bd_fuzz_fail("a warning about a testcase without its line");
  if (stats.applied > stats.matched) bd_fuzz_fail("more runs applied than matched");
  if (rc != 0 && stats.applied != 0) bd_fuzz_fail("a refused file applied runs");
  for (size_t si = 0; si < plan->scenario_count; si++)
    for (size_t j = 0; j < plan->scenarios[si].measure_count; j++) {
      const bd_plan_measure *m = &plan->scenarios[si].measures[j];
      if (!m->has_last_run) continue;
      if (m->kind != BD_KIND_TESTING) bd_fuzz_fail("a measure that is not a test got a run");
      if (m->last_run > plan->as_of) bd_fuzz_fail("a run after as_of was applied");
    }
  bd_diags_free(&diags);
  bd_diags_free(&warnings);
  bd_diags_free(&errors);
  bd_arena_free(&arena);
  return 0;
}
