/*
 * fuzz_compare.c - libFuzzer target for what --compare reads: every input
 * goes through bd_snapshot_load_buffer() (a report's JSON, or a plan that is
 * analysed), and a snapshot read without error is compared with itself
 * turned into a one-scenario report's earlier side, which must show every
 * one of its scenarios as removed or changed consistently; an accepted
 * snapshot has unique scenario ids and losses of 0 or more that add up to
 * its total.
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

/* Checks what the reader promises of an accepted snapshot: unique scenario
 * ids, losses of 0 or more that add up to the total (a report's JSON also
 * keeps them below 1e15, which a plan's own analysis need not). */
static void check_snapshot(const bd_snapshot *s) {
  double sum = 0;
  if (!(s->eal >= 0)) bd_fuzz_fail("a negative total loss was accepted");
  for (size_t i = 0; i < s->scenario_count; i++) {
    const bd_snapshot_scenario *a = &s->scenarios[i];
    if (!(a->eal >= 0)) bd_fuzz_fail("a negative loss was accepted");
    sum += a->eal;
    for (size_t j = 0; j < i && i < 4096; j++)
      if (strcmp(s->scenarios[j].id, a->id) == 0) bd_fuzz_fail("a duplicate scenario id");
  }
  double d = sum > s->eal ? sum - s->eal : s->eal - sum;
  if (d > 1e-9 * (s->eal > 1 ? s->eal : 1)) bd_fuzz_fail("a total that is not its parts' sum");
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
    check_snapshot(&set.items[i]);
    bd_comparison *c = NULL;
    if (bd_compare(&empty, &set.items[i], &arena, &c) != 0) bd_fuzz_fail("out of memory");
    check_counts(c, set.items[i].scenario_count, 0);
  }
  bd_diags_free(&diags);
  bd_arena_free(&arena);
  return 0;
}
