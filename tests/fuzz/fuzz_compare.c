/*
 * fuzz_compare.c - libFuzzer target for what --compare reads: every input
 * goes through bd_snapshot_load_buffer() (a report's JSON, or a plan that is
 * analysed), and a snapshot read without error is compared with itself
 * turned into a one-scenario report's earlier side, which must show every
 * one of its scenarios as removed or changed consistently.
 */
#include <string.h>

#include "base/arena.h"
#include "analysis/compare.h"
#include "base/diag.h"
#include "fuzz.h"
#include "analysis/snapshot.h"

/* Checks the counts of a comparison against its scenario list. */
static void check_counts(const bd_comparison *c, size_t before, size_t after) {
  size_t n[4] = {0};
  for (size_t i = 0; i < c->scenario_count; i++) n[c->scenarios[i]->change]++;
  if (n[BD_CHANGE_ADDED] != c->added || n[BD_CHANGE_REMOVED] != c->removed ||
      n[BD_CHANGE_CHANGED] != c->changed)
    bd_fuzz_fail("comparison counts differ from its scenario list");
  if (c->scenario_count != after + c->removed || c->removed > before)
    bd_fuzz_fail("comparison lists the wrong number of scenarios");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bd_load_options opt = {.today = BD_FUZZ_TODAY};
  bd_arena arena = {0};
  bd_diags diags = {0};
  bd_snapshot_set set = {0};
  int rc =
      bd_snapshot_load_buffer("fuzz.json", (const char *)data, size, &opt, &arena, &set, &diags);
  bd_fuzz_check_diags(rc, rc == 0 ? (const void *)&set : NULL, &diags);
  /* An empty report compared with each snapshot: everything was removed. */
  static const bd_totals zero = {.struct_size = sizeof(bd_totals)};
  static const bd_report empty = {
      .struct_size = sizeof(bd_report), .totals = {&zero, &zero, &zero}, .proven_totals = &zero};
  for (size_t i = 0; rc == 0 && i < set.count; i++) {
    bd_comparison *c = NULL;
    if (bd_compare(&empty, &set.items[i], &arena, &c) != 0) bd_fuzz_fail("out of memory");
    check_counts(c, set.items[i].scenario_count, 0);
  }
  bd_diags_free(&diags);
  bd_arena_free(&arena);
  return 0;
}
