/*
 * fuzz_load.c - libFuzzer target for the plan loader: every input goes
 * through bd_plan_load_buffer() (libyaml events, tree, validation, the
 * error explanations and the warnings of a valid plan) and everything is
 * freed with the arena and the diagnostics.
 */
#include "base/arena.h"
#include "base/diag.h"
#include "fuzz.h"
#include "plan/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bd_diags diags = {0}, warnings = {0};
  bd_load_options opt = {.today = BD_FUZZ_TODAY, .warnings = &warnings};
  bd_arena arena = {0};
  bd_plan *plan = NULL;
  int rc = bd_plan_load_buffer("fuzz.yaml", (const char *)data, size, &opt, &arena, &plan, &diags);
  bd_fuzz_check_diags(rc, plan, &diags);
  bd_diags_free(&diags);
  bd_diags_free(&warnings);
  bd_arena_free(&arena);
  return 0;
}
