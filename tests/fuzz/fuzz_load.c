/*
 * fuzz_load.c - libFuzzer target for the plan loader: every input goes
 * through bd_plan_load_buffer() (libyaml events, tree, validation) and
 * everything is freed with the arena and the diagnostics.
 */
#include "arena.h"
#include "diag.h"
#include "fuzz.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bd_load_options opt = {BD_FUZZ_TODAY};
  bd_arena arena = {0};
  bd_diags diags = {0};
  bd_plan *plan = NULL;
  int rc = bd_plan_load_buffer("fuzz.yaml", (const char *)data, size, &opt, &arena, &plan, &diags);
  bd_fuzz_check_diags(rc, plan, &diags);
  bd_diags_free(&diags);
  bd_arena_free(&arena);
  return 0;
}
