/*
 * test_fixtures.c - every valid fixture in tests/valid, loaded through the
 * real loader and analysed, against figures worked out by hand (the
 * arithmetic is in the comments).  Doubles are compared with a relative
 * tolerance of 1e-9.  FIXTURE_DIR is defined by the Makefile.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/analyse.h"
#include "plan/load.h"

#ifndef FIXTURE_DIR
#error "FIXTURE_DIR must name the tests/valid directory"
#endif

#define TODAY 20117L /* 2025-01-29 in days since 1970-01-01 */

enum { REVENUE, PENALTY, BRAND, PRODUCTIVITY, CAT5, CAT6 };
enum { BASE = BD_STATE_BASELINE, CUR = BD_STATE_CURRENT, PLAN = BD_STATE_PLANNED };

/* Checks |actual - expected| <= 1e-9 x |expected| (exact for 0). */
#define assert_close(actual, expected) close_at((actual), (expected), #actual, __FILE__, __LINE__)
static void close_at(double actual, double expected, const char *what, const char *file, int line) {
  double tolerance = expected == 0 ? 0 : 1e-9 * fabs(expected);
  if (!(fabs(actual - expected) <= tolerance)) {
    print_error("%s:%d: %s is %.17g, expected %.17g\n", file, line, what, actual, expected);
    _fail(file, line);
  }
}

/* Loads FIXTURE_DIR/name into the arena in *state and analyses it; prints
 * the loader's messages and fails the test when the plan is rejected. */
static const bd_report *load(void **state, const char *name) {
  bd_arena *arena = *state;
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", FIXTURE_DIR, name);
  bd_load_options opt = {.today = TODAY};
  bd_diags diags = {0};
  bd_plan *plan = NULL;
  int rc = bd_plan_load_file(path, &opt, arena, &plan, &diags);
  for (size_t i = 0; i < diags.count; i++)
    print_error("%s:%u:%u: %s\n", diags.items[i].file ? diags.items[i].file : "?",
                diags.items[i].line, diags.items[i].column, diags.items[i].message);
  bd_diags_free(&diags);
  if (rc != 0 || plan == NULL) fail_msg("%s was rejected", path);
  bd_report *r = NULL;
  assert_int_equal(bd_analyse(plan, arena, &r), 0);
  assert_non_null(r);
  return r;
}

/* Returns the index of the scenario with id `id`; fails when it is missing. */
static size_t scenario(const bd_report *r, const char *id) {
  for (size_t i = 0; i < r->scenario_count; i++)
    if (strcmp(r->scenarios[i]->id, id) == 0) return i;
  fail_msg("no scenario %s", id);
  return 0;
}

static int setup(void **state) {
  bd_arena *arena = calloc(1, sizeof *arena);
  *state = arena;
  return arena == NULL ? -1 : 0;
}

static int teardown(void **state) {
  bd_arena_free(*state);
  free(*state);
  return 0;
}

/* The example of plan-format.md. */
static void test_spec_example(void **state) {
  const bd_report *r = load(state, "spec-example.yaml");
  assert_string_equal(r->service, "Smart Receipt Manager");
  assert_string_equal(r->as_of, "2025-01-29");
  assert_string_equal(r->currency, "JPY");
  assert_int_equal(r->category_count, 4);
  assert_string_equal(r->categories[REVENUE], "revenue");
  assert_string_equal(r->categories[PENALTY], "penalty");
  assert_string_equal(r->categories[BRAND], "brand");
  assert_string_equal(r->categories[PRODUCTIVITY], "productivity");
  assert_int_equal(r->scenario_count, 2);
  const bd_scenario *ocr = r->scenarios[0], *region = r->scenarios[1];
  assert_string_equal(ocr->id, "ocr-partner-down");
  assert_string_equal(region->id, "region-outage");
  /* loss cannot-upload per hour: revenue 300000, brand 100000, productivity
   * 40000; per incident: penalty 500000.
   *
   * ocr-partner-down baseline: frequency 4, impact 0.6, H = 2 + 3 = 5 h,
   * H x impact = 3:
   *   revenue      4 x (3 x 300000 + 0) = 3,600,000
   *   penalty      4 x (0 + 500000)     = 2,000,000
   *   brand        4 x (3 x 100000)     = 1,200,000
   *   productivity 4 x (3 x 40000)      =   480,000
   *   EAL 7,280,000; downtime 4 x 5 x 0.6 = 12 h */
  const bd_figures *f = ocr->state[BASE];
  assert_close(f->by_category[REVENUE], 3600000);
  assert_close(f->by_category[PENALTY], 2000000);
  assert_close(f->by_category[BRAND], 1200000);
  assert_close(f->by_category[PRODUCTIVITY], 480000);
  assert_close(f->eal, 7280000);
  assert_close(f->downtime_h, 12);
  /* current (alarm: detect 5m = 1/12 h; retry-queue: recover 20m = 1/3 h):
   * H = 1/12 + 1/3 = 5/12 h, H x impact = 5/12 x 0.6 = 0.25:
   *   revenue      4 x (0.25 x 300000) = 300,000
   *   penalty      4 x 500000          = 2,000,000
   *   brand        4 x (0.25 x 100000) = 100,000
   *   productivity 4 x (0.25 x 40000)  = 40,000
   *   EAL 2,440,000; downtime 4 x 5/12 x 0.6 = 1 h
   * planned: no planned measure, the same */
  for (int st = CUR; st <= PLAN; st++) {
    f = ocr->state[st];
    assert_close(f->detect_h, 1.0 / 12);
    assert_close(f->recover_h, 1.0 / 3);
    assert_close(f->by_category[REVENUE], 300000);
    assert_close(f->by_category[PENALTY], 2000000);
    assert_close(f->by_category[BRAND], 100000);
    assert_close(f->by_category[PRODUCTIVITY], 40000);
    assert_close(f->eal, 2440000);
    assert_close(f->downtime_h, 1);
  }
  /* region-outage baseline and current (the backup is only planned):
   * frequency 0.05, impact 1, H = 10m + 3d = 1/6 + 72 = 433/6 h:
   *   revenue      0.05 x (433/6 x 300000) = 0.05 x 21,650,000 = 1,082,500
   *   penalty      0.05 x 500000                               = 25,000
   *   brand        0.05 x (433/6 x 100000)                     = 360,833.33...
   *   productivity 0.05 x (433/6 x 40000)                      = 144,333.33...
   *   EAL 0.05 x (433/6 x 440000 + 500000) = 1,612,666.66...;
   *   downtime 0.05 x 433/6 = 433/120 = 3.6083... h */
  for (int st = BASE; st <= CUR; st++) {
    f = region->state[st];
    assert_close(f->by_category[REVENUE], 1082500);
    assert_close(f->by_category[PENALTY], 25000);
    assert_close(f->by_category[BRAND], 0.05 * (433.0 / 6 * 100000));
    assert_close(f->by_category[PRODUCTIVITY], 0.05 * (433.0 / 6 * 40000));
    assert_close(f->eal, 0.05 * (433.0 / 6 * 440000 + 500000));
    assert_close(f->downtime_h, 433.0 / 120);
  }
  /* planned (cross-region-backup: recover 8h): H = 8 + 1/6 = 49/6 h:
   *   revenue      0.05 x (49/6 x 300000) = 122,500
   *   penalty      25,000
   *   brand        0.05 x (49/6 x 100000) = 40,833.33...
   *   productivity 0.05 x (49/6 x 40000)  = 16,333.33...
   *   EAL 0.05 x (49/6 x 440000 + 500000) = 204,666.66...;
   *   downtime 0.05 x 49/6 = 49/120 h */
  f = region->state[PLAN];
  assert_close(f->by_category[REVENUE], 122500);
  assert_close(f->by_category[PENALTY], 25000);
  assert_close(f->by_category[BRAND], 0.05 * (49.0 / 6 * 100000));
  assert_close(f->by_category[PRODUCTIVITY], 0.05 * (49.0 / 6 * 40000));
  assert_close(f->eal, 0.05 * (49.0 / 6 * 440000 + 500000));
  assert_close(f->downtime_h, 49.0 / 120);
  /* annual costs (amortize 3 years): alarm 200000/3 + 60000 = 126,666.66...;
   * cross-region-backup 1500000/3 + 1200000 = 1,700,000 */
  assert_close(ocr->measures[0]->annual_cost, 200000.0 / 3 + 60000);
  assert_close(ocr->measures[1]->annual_cost, 0);
  assert_close(region->measures[0]->annual_cost, 1700000);
  /* ocr-partner-down: no planned measure: monitor, plan_cost 0, reduction 0 */
  assert_close(ocr->plan_cost, 0);
  assert_close(ocr->reduction, 0);
  assert_int_equal(ocr->decision, BD_DECISION_MONITOR);
  /* region-outage: reduction 1,612,666.67 - 204,666.67 = 1,408,000 <
   * plan_cost 1,700,000: accept */
  assert_close(region->plan_cost, 1700000);
  assert_close(region->reduction, 1408000);
  assert_int_equal(region->decision, BD_DECISION_ACCEPT);
  /* slo 99.9: budget (100 - 99.9) / 100 x 8760 = 8.76 h; risk cap 25%.
   * ocr: 1 / 8.76 = 0.114 (not over); region: 3.6083 / 8.76 = 0.412 (over) */
  assert_true(r->has_error_budget);
  assert_close(r->error_budget_h, 8.76);
  assert_true(ocr->has_budget_share);
  assert_close(ocr->budget_share, 1 / 8.76);
  assert_false(ocr->over_cap);
  assert_false(ocr->needs_decision);
  assert_close(region->budget_share, 433.0 / 120 / 8.76);
  assert_true(region->over_cap);
  assert_true(region->needs_decision);
  assert_int_equal(r->decision_count, 1);
  assert_int_equal(r->decisions[0], 1);
  /* totals: baseline 7,280,000 + 1,612,666.67 = 8,892,666.67, 12 + 3.6083 h;
   * current 2,440,000 + 1,612,666.67 = 4,052,666.67, 1 + 3.6083 h;
   * planned 2,440,000 + 204,666.67 = 2,644,666.67, 1 + 0.4083 h */
  double region_base = 0.05 * (433.0 / 6 * 440000 + 500000);
  double region_plan = 0.05 * (49.0 / 6 * 440000 + 500000);
  assert_close(r->totals[BASE]->eal, 7280000 + region_base);
  assert_close(r->totals[BASE]->downtime_h, 12 + 433.0 / 120);
  assert_close(r->totals[CUR]->eal, 2440000 + region_base);
  assert_close(r->totals[CUR]->downtime_h, 1 + 433.0 / 120);
  assert_close(r->totals[PLAN]->eal, 2440000 + region_plan);
  assert_close(r->totals[PLAN]->downtime_h, 1 + 49.0 / 120);
  assert_close(r->totals[CUR]->budget_used, (1 + 433.0 / 120) / 8.76);
  /* current by category: revenue 300,000 + 1,082,500 = 1,382,500;
   * penalty 2,000,000 + 25,000 = 2,025,000 */
  assert_close(r->totals[CUR]->by_category[REVENUE], 1382500);
  assert_close(r->totals[CUR]->by_category[PENALTY], 2025000);
  /* the largest current cell is ocr's penalty, 2,000,000 */
  assert_close(r->max_cell, 2000000);
  assert_close(ocr->heat_by_category[PENALTY], 1);
  assert_close(ocr->heat_by_category[REVENUE], 0.15);
  assert_close(region->heat_by_category[REVENUE], 1082500.0 / 2000000);
  /* verification: retry-drill (implemented, pass) ran 2025-01-10, 19 days
   * before as_of 2025-01-29, <= 100 days: alarm and retry-queue verified */
  assert_int_equal(ocr->measures[0]->verification, BD_VERIFICATION_VERIFIED);
  assert_int_equal(ocr->measures[1]->verification, BD_VERIFICATION_VERIFIED);
  /* the drill itself: its own run, 19 days old and passed */
  assert_int_equal(ocr->measures[2]->verification, BD_VERIFICATION_VERIFIED);
  assert_int_equal(ocr->measures[2]->test_state, BD_CELL_VERIFIED);
  assert_string_equal(ocr->measures[2]->last_run, "2025-01-10");
  assert_int_equal(ocr->measures[2]->verifies_count, 2);
  assert_int_equal(region->measures[0]->verification, BD_VERIFICATION_UNVERIFIED);
  /* coverage: ocr detective verified, preventive none, recovery verified,
   * testing verified; region recovery planned, the rest none */
  assert_int_equal(ocr->coverage[BD_KIND_DETECTIVE], BD_CELL_VERIFIED);
  assert_int_equal(ocr->coverage[BD_KIND_PREVENTIVE], BD_CELL_NONE);
  assert_int_equal(ocr->coverage[BD_KIND_RECOVERY], BD_CELL_VERIFIED);
  assert_int_equal(ocr->coverage[BD_KIND_TESTING], BD_CELL_VERIFIED);
  assert_int_equal(region->coverage[BD_KIND_DETECTIVE], BD_CELL_NONE);
  assert_int_equal(region->coverage[BD_KIND_PREVENTIVE], BD_CELL_NONE);
  assert_int_equal(region->coverage[BD_KIND_RECOVERY], BD_CELL_PLANNED);
  assert_int_equal(region->coverage[BD_KIND_TESTING], BD_CELL_NONE);
  /* 8 cells, 3 verified: coverage 3/8, verified 3/8 */
  assert_close(r->coverage, 3.0 / 8);
  assert_close(r->verified_coverage, 3.0 / 8);
  /* the tree: loss, failure, ocr (3 measures, rows 0..2, row 1),
   * region (1 measure, row 3); failure (1 + 3) / 2 = 2, loss 2 */
  assert_int_equal(r->tree_count, 1);
  assert_int_equal(r->trees[0]->node_count, 8);
  assert_int_equal(r->trees[0]->row_count, 4);
  assert_close(r->trees[0]->nodes[0]->row, 2);
  assert_close(r->trees[0]->nodes[2]->row, 1);
  assert_close(r->trees[0]->nodes[6]->row, 3);
  assert_int_equal(r->matrix_row_count, 4);
  /* loss and failure sums: baseline 8,892,666.67 */
  assert_close(r->losses[0]->eal[BASE], 7280000 + region_base);
  assert_close(r->failures[0]->eal[PLAN], 2440000 + region_plan);
}

/* checkout-slo.yaml: slo 99.5, amortize 2 years, stale after 30 days, risk
 * cap 20%.  Error budget (100 - 99.5) / 100 x 8760 = 43.8 h; cap 8.76 h.
 * Loss no-checkout per hour: revenue 10000, support 500, productivity 1000
 * (11500 in all); per incident: penalty 2000, legal 1000.  Loss slow-search:
 * brand 400 per hour. */
static void test_checkout_slo(void **state) {
  const bd_report *r = load(state, "checkout-slo.yaml");
  /* custom categories after the standard ones, in order of first appearance */
  assert_int_equal(r->category_count, 6);
  assert_string_equal(r->categories[BRAND], "brand");
  assert_string_equal(r->categories[CAT5], "support");
  assert_string_equal(r->categories[CAT6], "legal");
  assert_close(r->amortize_years, 2);
  assert_close(r->stale_after_h, 30 * 24);
  assert_close(r->risk_cap, 0.2);
  assert_close(r->error_budget_h, 43.8);
  assert_int_equal(r->extensions.count, 1);
  assert_string_equal(r->extensions.items[0]->key, "x-dashboard");
  size_t a = scenario(r, "db-failover"), b = scenario(r, "card-network-down");
  size_t c = scenario(r, "search-index-corrupt"), d = scenario(r, "cache-eviction");
  const bd_scenario *sa = r->scenarios[a], *sb = r->scenarios[b];
  const bd_scenario *scc = r->scenarios[c], *sd = r->scenarios[d];

  /* db-failover: 1/month = 12 a year, impact 0.5, detect 30m, recover 2h.
   * baseline: H = 2.5, H x impact = 1.25:
   *   revenue 12 x 1.25 x 10000 = 150,000; penalty 12 x 2000 = 24,000;
   *   productivity 12 x 1250 = 15,000; support 12 x 625 = 7,500;
   *   legal 12 x 1000 = 12,000; EAL 208,500; downtime 12 x 2.5 x 0.5 = 15 h */
  assert_close(sa->state[BASE]->frequency, 12);
  assert_close(sa->state[BASE]->by_category[REVENUE], 150000);
  assert_close(sa->state[BASE]->by_category[CAT5], 7500);
  assert_close(sa->state[BASE]->by_category[CAT6], 12000);
  assert_close(sa->state[BASE]->eal, 208500);
  assert_close(sa->state[BASE]->downtime_h, 15);
  /* current (db-alarm, detect 6m = 0.1 h): H = 2.1, H x impact = 1.05:
   *   revenue 126,000; penalty 24,000; productivity 12,600; support 6,300;
   *   legal 12,000; EAL 180,900; downtime 12 x 2.1 x 0.5 = 12.6 h */
  assert_close(sa->state[CUR]->by_category[REVENUE], 126000);
  assert_close(sa->state[CUR]->by_category[PENALTY], 24000);
  assert_close(sa->state[CUR]->by_category[PRODUCTIVITY], 12600);
  assert_close(sa->state[CUR]->by_category[CAT5], 6300);
  assert_close(sa->state[CUR]->by_category[CAT6], 12000);
  assert_close(sa->state[CUR]->eal, 180900);
  assert_close(sa->state[CUR]->downtime_h, 12.6);
  /* planned (multi-az: frequency 2/year, impact 25%): frequency 2, impact
   * 0.25, H = 2.1, H x impact = 0.525:
   *   revenue 2 x 5250 = 10,500; penalty 4,000; productivity 1,050;
   *   support 525; legal 2,000; EAL 18,075; downtime 2 x 2.1 x 0.25 = 1.05 h */
  assert_close(sa->state[PLAN]->frequency, 2);
  assert_close(sa->state[PLAN]->impact, 0.25);
  assert_close(sa->state[PLAN]->eal, 18075);
  assert_close(sa->state[PLAN]->downtime_h, 1.05);
  /* multi-az costs 20000 / 2 + 6000 = 16,000; reduction 180,900 - 18,075 =
   * 162,825 >= 16,000: mitigate.  Share 12.6 / 43.8 = 0.2877 > 0.2: over. */
  assert_close(sa->measures[1]->annual_cost, 16000);
  assert_close(sa->plan_cost, 16000);
  assert_close(sa->reduction, 162825);
  assert_int_equal(sa->decision, BD_DECISION_MITIGATE);
  assert_close(sa->budget_share, 12.6 / 43.8);
  assert_true(sa->over_cap);
  /* failover-drill ran 2024-12-01: 31 + 28 = 59 days > 30: stale */
  assert_int_equal(sa->measures[0]->verification, BD_VERIFICATION_STALE);
  assert_int_equal(sa->measures[1]->verification, BD_VERIFICATION_UNVERIFIED);
  assert_int_equal(sa->measures[2]->test_state, BD_CELL_STALE);
  assert_int_equal(sa->coverage[BD_KIND_DETECTIVE], BD_CELL_STALE);
  assert_int_equal(sa->coverage[BD_KIND_PREVENTIVE], BD_CELL_PLANNED);
  assert_int_equal(sa->coverage[BD_KIND_RECOVERY], BD_CELL_NONE);
  assert_int_equal(sa->coverage[BD_KIND_TESTING], BD_CELL_STALE);

  /* card-network-down: 2/quarter = 8 a year, impact 1, detect 0, recover 1h.
   * baseline: revenue 80,000; penalty 16,000; productivity 8,000; support
   * 4,000; legal 8,000; EAL 116,000; downtime 8 h.
   * current (fallback-provider, recover 15m): H = 0.25: revenue 20,000;
   * penalty 16,000; productivity 2,000; support 1,000; legal 8,000; EAL
   * 47,000; downtime 2 h.  planned: second-provider's 2h is longer than
   * 0.25 h, so the same. */
  assert_close(sb->state[BASE]->frequency, 8);
  assert_close(sb->state[BASE]->eal, 116000);
  assert_close(sb->state[BASE]->downtime_h, 8);
  assert_close(sb->state[CUR]->eal, 47000);
  assert_close(sb->state[CUR]->downtime_h, 2);
  assert_close(sb->state[PLAN]->recover_h, 0.25);
  assert_close(sb->state[PLAN]->eal, 47000);
  /* fallback-provider 3000 / 2 = 1,500 a year (implemented: not in plan_cost);
   * plan_cost 5,000 (second-provider); reduction 0; accepted all the same */
  assert_close(sb->measures[0]->annual_cost, 1500);
  assert_close(sb->plan_cost, 5000);
  assert_close(sb->reduction, 0);
  assert_int_equal(sb->decision, BD_DECISION_ACCEPTED);
  assert_non_null(sb->accept);
  /* share 2 / 43.8 = 0.0457: not over the cap, no decision needed */
  assert_close(sb->budget_share, 2 / 43.8);
  assert_false(sb->over_cap);
  assert_false(sb->needs_decision);
  /* fallback-test (default verifies, 2025-01-20, fail) is newer than
   * old-test (2025-01-05, pass): fallback-provider failing; second-provider
   * (planned) is verified by the same failed run */
  assert_int_equal(sb->measures[0]->verification, BD_VERIFICATION_FAILING);
  assert_int_equal(sb->measures[3]->verification, BD_VERIFICATION_FAILING);
  assert_int_equal(sb->measures[1]->test_state, BD_CELL_FAILING);
  assert_int_equal(sb->measures[2]->test_state, BD_CELL_VERIFIED); /* 24 days */
  assert_int_equal(sb->measures[1]->verifies_count, 2);
  assert_int_equal(sb->coverage[BD_KIND_DETECTIVE], BD_CELL_NONE);
  assert_int_equal(sb->coverage[BD_KIND_RECOVERY], BD_CELL_FAILING);
  assert_int_equal(sb->coverage[BD_KIND_TESTING], BD_CELL_FAILING);

  /* search-index-corrupt: 1/week = 52 a year, impact 0.2, H = 1 + 4 = 5,
   * H x impact = 1: brand 52 x 400 = 20,800 in every state; downtime 52 x 5 x
   * 0.2 = 52 h; share 52 / 43.8 = 1.187 > 0.2: over the cap; monitor */
  assert_close(scc->state[BASE]->frequency, 52);
  assert_close(scc->state[CUR]->by_category[BRAND], 20800);
  assert_close(scc->state[PLAN]->eal, 20800);
  assert_close(scc->state[CUR]->downtime_h, 52);
  assert_int_equal(scc->decision, BD_DECISION_MONITOR);
  assert_true(scc->over_cap);
  assert_true(scc->needs_decision);

  /* cache-eviction: 6 a year, impact 0.1, H = 0.5: brand 6 x 0.05 x 400 =
   * 120, downtime 0.3 h; planned (warm-cache, impact 5%): 6 x 0.025 x 400 =
   * 60, downtime 0.15 h; reduction 60 < plan_cost 100000 / 2 = 50,000: accept */
  assert_close(sd->state[CUR]->eal, 120);
  assert_close(sd->state[CUR]->downtime_h, 0.3);
  assert_close(sd->state[PLAN]->impact, 0.05);
  assert_close(sd->state[PLAN]->eal, 60);
  assert_close(sd->reduction, 60);
  assert_close(sd->plan_cost, 50000);
  assert_int_equal(sd->decision, BD_DECISION_ACCEPT);
  assert_false(sd->over_cap);

  /* totals: baseline 208,500 + 116,000 + 20,800 + 120 = 345,420,
   * downtime 15 + 8 + 52 + 0.3 = 75.3 h;
   * current 180,900 + 47,000 + 20,800 + 120 = 248,820, 12.6 + 2 + 52 + 0.3 =
   * 66.9 h; planned 18,075 + 47,000 + 20,800 + 60 = 85,935,
   * 1.05 + 2 + 52 + 0.15 = 55.2 h */
  assert_close(r->totals[BASE]->eal, 345420);
  assert_close(r->totals[BASE]->downtime_h, 75.3);
  assert_close(r->totals[CUR]->eal, 248820);
  assert_close(r->totals[CUR]->downtime_h, 66.9);
  assert_close(r->totals[PLAN]->eal, 85935);
  assert_close(r->totals[PLAN]->downtime_h, 55.2);
  assert_close(r->totals[CUR]->budget_used, 66.9 / 43.8);
  /* current by category: revenue 126,000 + 20,000 = 146,000; penalty
   * 24,000 + 16,000 = 40,000; brand 20,800 + 120 = 20,920; productivity
   * 12,600 + 2,000 = 14,600; support 6,300 + 1,000 = 7,300; legal 12,000 +
   * 8,000 = 20,000 (sum 248,820) */
  assert_close(r->totals[CUR]->by_category[REVENUE], 146000);
  assert_close(r->totals[CUR]->by_category[PENALTY], 40000);
  assert_close(r->totals[CUR]->by_category[BRAND], 20920);
  assert_close(r->totals[CUR]->by_category[PRODUCTIVITY], 14600);
  assert_close(r->totals[CUR]->by_category[CAT5], 7300);
  assert_close(r->totals[CUR]->by_category[CAT6], 20000);
  /* groups: no-checkout current 180,900 + 47,000 = 227,900; slow-search
   * 20,920; cart-lost has no scenarios */
  assert_close(r->losses[0]->eal[CUR], 227900);
  assert_close(r->losses[1]->eal[CUR], 20920);
  assert_int_equal(r->failures[1]->scenario_count, 0);
  assert_close(r->failures[1]->eal[BASE], 0);
  /* decisions: db-failover (180,900), search-index-corrupt (20,800),
   * cache-eviction (120) */
  assert_int_equal(r->decision_count, 3);
  assert_int_equal(r->decisions[0], a);
  assert_int_equal(r->decisions[1], c);
  assert_int_equal(r->decisions[2], d);
  /* heat: the largest current cell is db-failover's revenue, 126,000 */
  assert_close(r->max_cell, 126000);
  assert_close(sb->heat_by_category[REVENUE], 20000.0 / 126000);
  /* coverage: 16 cells.  db-failover stale, planned, none, stale;
   * card-network-down none, none, failing, failing; search-index-corrupt all
   * none; cache-eviction none, planned, none, none.  Covered: 2 stale + 2
   * failing = 4/16; verified 0 */
  assert_int_equal(r->cell_counts[BD_CELL_NONE], 10);
  assert_int_equal(r->cell_counts[BD_CELL_PLANNED], 2);
  assert_close(r->coverage, 0.25);
  assert_close(r->verified_coverage, 0);
  /* trees: no-checkout: payment-errors with db-failover (3 measures, rows
   * 0..2, row 1) and card-network-down (4 measures, rows 3..6, row 4.5);
   * payment-errors (1 + 4.5) / 2 = 2.75; cart-lost row 7; the loss
   * (2.75 + 7) / 2 = 4.875; 8 rows.  slow-search: search-index-corrupt row
   * 0, cache-eviction's measure row 1; failure and loss 0.5; 2 rows */
  assert_int_equal(r->tree_count, 2);
  assert_int_equal(r->trees[0]->node_count, 12);
  assert_int_equal(r->trees[0]->row_count, 8);
  assert_close(r->trees[0]->nodes[0]->row, 4.875);
  assert_close(r->trees[0]->nodes[1]->row, 2.75);
  assert_close(r->trees[0]->nodes[11]->row, 7);
  assert_int_equal(r->trees[1]->row_count, 2);
  assert_close(r->trees[1]->nodes[0]->row, 0.5);
  /* matrix: no-checkout, payment-errors, 2 scenarios, cart-lost,
   * slow-search, search-timeouts, 2 scenarios: 9 rows */
  assert_int_equal(r->matrix_row_count, 9);
  assert_int_equal(r->matrix_rows[4]->type, BD_ROW_FAILURE);
  assert_int_equal(r->matrix_rows[4]->index, 1);
}

/* japanese.yaml: Japanese text, JPY, no slo.  Loss cannot-submit per hour:
 * revenue 50000, support 20000; per incident: productivity 10000.
 * Categories: revenue, penalty, brand, productivity, support. */
static void test_japanese(void **state) {
  const bd_report *r = load(state, "japanese.yaml");
  assert_string_equal(r->service, "経費精算システム");
  assert_string_equal(r->owner, "経理チーム");
  assert_string_equal(r->period, "2025年 第1四半期");
  assert_string_equal(r->currency, "JPY");
  assert_string_equal(r->failures[0]->title, "ログインに失敗する");
  assert_int_equal(r->category_count, 5);
  assert_string_equal(r->categories[CAT5], "support");
  assert_false(r->has_error_budget);
  const bd_scenario *idp = r->scenarios[0], *db = r->scenarios[1];
  assert_string_equal(idp->title, "認証基盤が停止する");
  /* idp-down: 2 a year, impact 1, detect 30m, recover 1h30m.
   * baseline H = 2: revenue 2 x 2 x 50000 = 200,000; productivity 2 x 10000
   * = 20,000; support 2 x 2 x 20000 = 80,000; EAL 300,000; downtime 4 h.
   * current (idp-alarm, detect 6m): H = 1.6: revenue 160,000; productivity
   * 20,000; support 64,000; EAL 244,000; downtime 3.2 h.
   * planned (+ idp-standby, recover 30m): H = 0.6: revenue 60,000;
   * productivity 20,000; support 24,000; EAL 104,000; downtime 1.2 h */
  assert_close(idp->state[BASE]->eal, 300000);
  assert_close(idp->state[BASE]->downtime_h, 4);
  assert_close(idp->state[CUR]->by_category[REVENUE], 160000);
  assert_close(idp->state[CUR]->by_category[PRODUCTIVITY], 20000);
  assert_close(idp->state[CUR]->by_category[CAT5], 64000);
  assert_close(idp->state[CUR]->eal, 244000);
  assert_close(idp->state[CUR]->downtime_h, 3.2);
  assert_close(idp->state[PLAN]->eal, 104000);
  assert_close(idp->state[PLAN]->downtime_h, 1.2);
  /* reduction 244,000 - 104,000 = 140,000; plan_cost 300000 / 3 + 100000 =
   * 200,000 (the planned drill costs nothing): accept */
  assert_close(idp->reduction, 140000);
  assert_close(idp->plan_cost, 200000);
  assert_int_equal(idp->decision, BD_DECISION_ACCEPT);
  assert_false(idp->has_budget_share);
  assert_false(idp->over_cap);
  assert_null(idp->measures[2]->id);
  assert_string_equal(idp->measures[2]->title, "四半期ごとの切り替え訓練");
  /* idp: detective implemented (no test ran), recovery planned, testing planned */
  assert_int_equal(idp->coverage[BD_KIND_DETECTIVE], BD_CELL_IMPLEMENTED);
  assert_int_equal(idp->coverage[BD_KIND_PREVENTIVE], BD_CELL_NONE);
  assert_int_equal(idp->coverage[BD_KIND_RECOVERY], BD_CELL_PLANNED);
  assert_int_equal(idp->coverage[BD_KIND_TESTING], BD_CELL_PLANNED);
  assert_int_equal(idp->measures[2]->test_state, BD_CELL_PLANNED);
  /* db-full: 1/quarter = 4 a year, impact 0.5, detect 2h, recover 4h.
   * baseline = current: H x impact = 3: revenue 4 x 3 x 50000 = 600,000;
   * productivity 40,000; support 4 x 3 x 20000 = 240,000; EAL 880,000;
   * downtime 12 h.  planned (capacity-alarm, detect 10m): H = 25/6,
   * H x impact = 25/12: revenue 4 x 25/12 x 50000 = 416,666.67; productivity
   * 40,000; support 4 x 25/12 x 20000 = 166,666.67; EAL 623,333.33;
   * downtime 4 x 25/6 x 0.5 = 25/3 h */
  assert_close(db->state[CUR]->eal, 880000);
  assert_close(db->state[CUR]->downtime_h, 12);
  assert_close(db->state[PLAN]->by_category[REVENUE], 4 * (25.0 / 12 * 50000));
  assert_close(db->state[PLAN]->by_category[CAT5], 4 * (25.0 / 12 * 20000));
  assert_close(db->state[PLAN]->eal, 4 * (25.0 / 12 * 70000) + 40000);
  assert_close(db->state[PLAN]->downtime_h, 25.0 / 3);
  /* reduction 880,000 - 623,333.33 = 256,666.67 >= 6,000: mitigate */
  assert_close(db->reduction, 880000 - (4 * (25.0 / 12 * 70000) + 40000));
  assert_close(db->plan_cost, 6000);
  assert_int_equal(db->decision, BD_DECISION_MITIGATE);
  /* totals: baseline 300,000 + 880,000 = 1,180,000; current 244,000 +
   * 880,000 = 1,124,000; planned 104,000 + 623,333.33 = 727,333.33 */
  assert_close(r->totals[BASE]->eal, 1180000);
  assert_close(r->totals[CUR]->eal, 1124000);
  assert_close(r->totals[PLAN]->eal, 104000 + 4 * (25.0 / 12 * 70000) + 40000);
  assert_close(r->totals[CUR]->downtime_h, 15.2);
  assert_close(r->totals[CUR]->budget_used, 0);
  /* decisions: db-full (880,000) before idp-down (244,000) */
  assert_int_equal(r->decision_count, 2);
  assert_int_equal(r->decisions[0], 1);
  assert_int_equal(r->decisions[1], 0);
  /* coverage: 8 cells; implemented 1 (idp detective), planned 3, none 4:
   * coverage 1/8, verified 0 */
  assert_int_equal(r->cell_counts[BD_CELL_IMPLEMENTED], 1);
  assert_int_equal(r->cell_counts[BD_CELL_PLANNED], 3);
  assert_close(r->coverage, 1.0 / 8);
  assert_close(r->verified_coverage, 0);
  /* max cell: db-full's current revenue, 600,000 */
  assert_close(r->max_cell, 600000);
}

/* status-page-json.yaml: the plan written in JSON syntax.  slo 99: budget
 * 87.6 h; stale after 7 days.  Loss page-down: brand 1000 per hour,
 * revenue 50 per incident. */
static void test_json_syntax(void **state) {
  const bd_report *r = load(state, "status-page-json.yaml");
  assert_string_equal(r->currency, "EUR");
  assert_close(r->error_budget_h, 87.6);
  assert_close(r->stale_after_h, 168);
  const bd_scenario *s = r->scenarios[0];
  /* baseline: 1/month = 12, impact 0.5, H = 15m + 45m = 1 h:
   *   brand 12 x (1 x 0.5 x 1000) = 6,000; revenue 12 x 50 = 600;
   *   EAL 6,600; downtime 12 x 1 x 0.5 = 6 h
   * current = planned (second-cdn: frequency 6, impact 25%):
   *   brand 6 x (1 x 0.25 x 1000) = 1,500; revenue 6 x 50 = 300;
   *   EAL 1,800; downtime 6 x 1 x 0.25 = 1.5 h */
  assert_close(s->state[BASE]->by_category[BRAND], 6000);
  assert_close(s->state[BASE]->by_category[REVENUE], 600);
  assert_close(s->state[BASE]->eal, 6600);
  assert_close(s->state[BASE]->downtime_h, 6);
  assert_close(s->state[CUR]->frequency, 6);
  assert_close(s->state[CUR]->impact, 0.25);
  assert_close(s->state[CUR]->eal, 1800);
  assert_close(s->state[CUR]->downtime_h, 1.5);
  assert_close(s->state[PLAN]->eal, 1800);
  /* second-cdn 900 / 3 + 1200 = 1,500 a year; no planned measure: monitor */
  assert_close(s->measures[0]->annual_cost, 1500);
  assert_int_equal(s->decision, BD_DECISION_MONITOR);
  /* share 1.5 / 87.6 = 0.0171: not over the 25% cap */
  assert_close(s->budget_share, 1.5 / 87.6);
  assert_false(s->over_cap);
  assert_int_equal(r->decision_count, 0);
  /* cdn-drill ran 2025-01-22, exactly 7 days = 168 h <= 168 h before as_of:
   * verified, and the latest of the default tests, so second-cdn is
   * verified; old-drill (28 days) is stale; Game day never ran */
  assert_int_equal(s->measures[0]->verification, BD_VERIFICATION_VERIFIED);
  assert_int_equal(s->measures[1]->test_state, BD_CELL_VERIFIED);
  assert_int_equal(s->measures[2]->test_state, BD_CELL_STALE);
  assert_int_equal(s->measures[3]->test_state, BD_CELL_IMPLEMENTED);
  assert_null(s->measures[3]->id);
  /* coverage: detective none, preventive verified, recovery none, testing
   * verified: 2/4 covered and verified */
  assert_int_equal(s->coverage[BD_KIND_PREVENTIVE], BD_CELL_VERIFIED);
  assert_int_equal(s->coverage[BD_KIND_TESTING], BD_CELL_VERIFIED);
  assert_close(r->coverage, 0.5);
  assert_close(r->verified_coverage, 0.5);
  assert_close(r->max_cell, 1500);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_spec_example, setup, teardown),
      cmocka_unit_test_setup_teardown(test_checkout_slo, setup, teardown),
      cmocka_unit_test_setup_teardown(test_japanese, setup, teardown),
      cmocka_unit_test_setup_teardown(test_json_syntax, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
