/*
 * test_analyse.c - the analysis rules (plan-format.md, "Analysis",
 * "Verification", "Coverage") on plans built by hand, without the loader.
 *
 * Every expected figure is worked out by hand in a comment next to it.
 * Doubles are compared with a relative tolerance of 1e-9.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/analyse.h"

#define AS_OF    20117L /* 2025-01-29 in days since 1970-01-01 */
#define MAX_CATS 6
#define MAX_L    4
#define MAX_F    8
#define MAX_S    16
#define MAX_M    12

enum { REVENUE, PENALTY, BRAND, PRODUCTIVITY, SUPPORT };

/* A plan under construction and the arena of its report.  Everything lives
 * in this one calloc'ed block, freed by teardown(). */
typedef struct fixture {
  bd_plan plan;
  bd_arena arena;
  const char *categories[MAX_CATS];
  bd_plan_loss losses[MAX_L];
  double per_hour[MAX_L][MAX_CATS], per_incident[MAX_L][MAX_CATS];
  bd_plan_failure failures[MAX_F];
  bd_plan_scenario scenarios[MAX_S];
  bd_plan_measure measures[MAX_S][MAX_M];
  size_t verifies[MAX_S][MAX_M][MAX_M];
} fixture;

/* Checks |actual - expected| <= 1e-9 x |expected| (exact for 0). */
#define assert_close(actual, expected) close_at((actual), (expected), #actual, __FILE__, __LINE__)
static void close_at(double actual, double expected, const char *what, const char *file, int line) {
  double tolerance = expected == 0 ? 0 : 1e-9 * fabs(expected);
  if (!(fabs(actual - expected) <= tolerance)) {
    print_error("%s:%d: %s is %.17g, expected %.17g\n", file, line, what, actual, expected);
    _fail(file, line);
  }
}

/* Adds a loss with no amounts; returns its index. */
static size_t add_loss(fixture *fx, const char *id) {
  size_t l = fx->plan.loss_count++;
  fx->losses[l].id = id;
  fx->losses[l].title = id;
  fx->losses[l].per_hour = fx->per_hour[l];
  fx->losses[l].per_incident = fx->per_incident[l];
  fx->losses[l].line = (unsigned)(10 + l);
  return l;
}

/* Adds a failure type of loss `loss`; returns its index. */
static size_t add_failure(fixture *fx, const char *id, size_t loss) {
  size_t f = fx->plan.failure_count++;
  fx->failures[f].id = id;
  fx->failures[f].title = id;
  fx->failures[f].loss = loss;
  fx->failures[f].line = (unsigned)(20 + f);
  return f;
}

/* Adds a scenario (impact a share, times in hours). */
static bd_plan_scenario *add_scenario(fixture *fx, const char *id, size_t failure, double frequency,
                                      double impact, double detect_h, double recover_h) {
  size_t s = fx->plan.scenario_count++;
  bd_plan_scenario *sc = &fx->scenarios[s];
  sc->id = id;
  sc->title = id;
  sc->failure = failure;
  sc->frequency = frequency;
  sc->impact = impact;
  sc->detect_h = detect_h;
  sc->recover_h = recover_h;
  sc->measures = fx->measures[s];
  sc->line = (unsigned)(100 + s);
  return sc;
}

/* Adds a measure without effect or cost to scenario `sc`. */
static bd_plan_measure *add_measure(bd_plan_scenario *sc, const char *id, bd_kind kind,
                                    bd_status status) {
  bd_plan_measure *m = &sc->measures[sc->measure_count];
  m->id = id;
  m->title = id;
  m->kind = kind;
  m->status = status;
  m->line = sc->line + 1 + (unsigned)sc->measure_count++;
  return m;
}

/* Sets one effect of `m` (BD_EFFECT_* bit, value in the plan's units). */
static void effect(bd_plan_measure *m, unsigned bit, double value) {
  m->effect_set |= bit;
  if (bit == BD_EFFECT_FREQUENCY) m->effect_frequency = value;
  if (bit == BD_EFFECT_IMPACT) m->effect_impact = value;
  if (bit == BD_EFFECT_DETECT) m->effect_detect_h = value;
  if (bit == BD_EFFECT_RECOVER) m->effect_recover_h = value;
}

/* Gives `m` a cost (once and yearly amounts), as `cost:` in a plan does. */
static void cost(bd_plan_measure *m, double once, double yearly) {
  m->has_cost = 1;
  m->cost_once = once;
  m->cost_yearly = yearly;
}

/* Records a run of test `m` `days` days before as_of. */
static void ran(bd_plan_measure *m, long days, bd_result result) {
  m->has_last_run = 1;
  m->last_run = AS_OF - days;
  m->last_run_text = "2025-01-01"; /* the text is only copied */
  m->result = result;
}

/* Makes test `m` (measure `mi` of scenario index `s`) verify `n` measures. */
static void verifies(fixture *fx, size_t s, size_t mi, size_t n, const size_t *which) {
  bd_plan_measure *m = &fx->measures[s][mi];
  for (size_t i = 0; i < n; i++) fx->verifies[s][mi][i] = which[i];
  m->has_verifies = 1;
  m->verifies = fx->verifies[s][mi];
  m->verifies_count = n;
}

/* Analyses the fixture's plan; fails the test when analysis fails. */
static const bd_report *analyse(fixture *fx) {
  bd_report *r = NULL;
  assert_int_equal(bd_analyse(&fx->plan, &fx->arena, &r), 0);
  assert_non_null(r);
  return r;
}

/* A plan with the four standard categories, no losses yet, amortize 3
 * years, stale after 90 days (the format's default is 100), risk cap 25%,
 * no slo. */
static int setup(void **state) {
  fixture *fx = calloc(1, sizeof *fx);
  if (fx == NULL) return -1;
  static const char *const names[] = {"revenue",      "penalty", "brand",
                                      "productivity", "support", "legal"};
  for (int i = 0; i < MAX_CATS; i++) fx->categories[i] = names[i];
  fx->plan.path = "hand.yaml";
  fx->plan.format = 1;
  fx->plan.service = "Hand-built";
  fx->plan.as_of = AS_OF;
  strcpy(fx->plan.as_of_text, "2025-01-29");
  strcpy(fx->plan.currency, "USD");
  fx->plan.amortize_years = 3;
  fx->plan.stale_after_h = 90 * 24;
  fx->plan.risk_cap = 0.25;
  fx->plan.categories = fx->categories;
  fx->plan.category_count = 4;
  fx->plan.losses = fx->losses;
  fx->plan.failures = fx->failures;
  fx->plan.scenarios = fx->scenarios;
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  fixture *fx = *state;
  bd_arena_free(&fx->arena);
  free(fx);
  return 0;
}

/* One loss "L" losing 1000 revenue per hour, one failure type "F". */
static void simple_loss(fixture *fx) {
  add_loss(fx, "L");
  fx->per_hour[0][REVENUE] = 1000;
  add_failure(fx, "F", 0);
}

/* Each state takes the minimum of the scenario's value and the effects of
 * its active measures; effects larger than the scenario value change
 * nothing. */
static void test_states_take_minimum(void **state) {
  fixture *fx = *state;
  simple_loss(fx);
  bd_plan_scenario *s = add_scenario(fx, "s", 0, 10, 0.8, 2, 6);
  bd_plan_measure *m = add_measure(s, "a", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED);
  effect(m, BD_EFFECT_DETECT, 1);
  effect(m, BD_EFFECT_IMPACT, 0.5);
  effect(add_measure(s, "b", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED), BD_EFFECT_DETECT, 0.5);
  m = add_measure(s, "c", BD_KIND_RECOVERY, BD_STATUS_PLANNED);
  effect(m, BD_EFFECT_RECOVER, 1);
  effect(m, BD_EFFECT_FREQUENCY, 2);
  effect(add_measure(s, "d", BD_KIND_RECOVERY, BD_STATUS_PLANNED), BD_EFFECT_RECOVER, 10);
  effect(add_measure(s, "e", BD_KIND_PREVENTIVE, BD_STATUS_IMPLEMENTED), BD_EFFECT_FREQUENCY, 20);
  const bd_report *r = analyse(fx);
  const bd_figures *b = r->scenarios[0]->state[BD_STATE_BASELINE];
  const bd_figures *c = r->scenarios[0]->state[BD_STATE_CURRENT];
  const bd_figures *p = r->scenarios[0]->state[BD_STATE_PLANNED];
  /* baseline: the scenario's own values; H = 2 + 6 = 8
   * EAL = 10 x (8 x 0.8 x 1000 + 0) = 64000; downtime = 10 x 8 x 0.8 = 64 */
  assert_close(b->frequency, 10);
  assert_close(b->impact, 0.8);
  assert_close(b->detect_h, 2);
  assert_close(b->recover_h, 6);
  assert_close(b->eal, 64000);
  assert_close(b->downtime_h, 64);
  /* current (a, b, e): frequency min(10, 20) = 10, impact min(0.8, 0.5) = 0.5,
   * detect min(2, 1, 0.5) = 0.5, recover 6; H = 6.5
   * EAL = 10 x (6.5 x 0.5 x 1000) = 32500; downtime = 10 x 6.5 x 0.5 = 32.5 */
  assert_close(c->frequency, 10);
  assert_close(c->impact, 0.5);
  assert_close(c->detect_h, 0.5);
  assert_close(c->recover_h, 6);
  assert_close(c->eal, 32500);
  assert_close(c->downtime_h, 32.5);
  /* planned (all): frequency min(10, 20, 2) = 2, impact 0.5, detect 0.5,
   * recover min(6, 1, 10) = 1; H = 1.5
   * EAL = 2 x (1.5 x 0.5 x 1000) = 1500; downtime = 2 x 1.5 x 0.5 = 1.5 */
  assert_close(p->frequency, 2);
  assert_close(p->impact, 0.5);
  assert_close(p->detect_h, 0.5);
  assert_close(p->recover_h, 1);
  assert_close(p->eal, 1500);
  assert_close(p->downtime_h, 1.5);
  /* reduction = 32500 - 1500 = 31000 */
  assert_close(r->scenarios[0]->reduction, 31000);
  const bd_measure *a = r->scenarios[0]->measures[0];
  assert_true(a->has_effect_detect && a->has_effect_impact);
  assert_false(a->has_effect_frequency || a->has_effect_recover);
  assert_close(a->effect_detect_h, 1);
  assert_close(a->effect_impact, 0.5);
}

/* loss_c = frequency x (H x impact x per_hour_c + per_incident_c) for
 * every category, the scenario using its own loss's amounts. */
static void test_loss_per_category(void **state) {
  fixture *fx = *state;
  fx->plan.category_count = 5; /* + "support" */
  add_loss(fx, "L");
  fx->per_hour[0][REVENUE] = 1000;
  fx->per_hour[0][BRAND] = 200;
  fx->per_hour[0][SUPPORT] = 10;
  fx->per_incident[0][REVENUE] = 100;
  fx->per_incident[0][PENALTY] = 300;
  fx->per_incident[0][PRODUCTIVITY] = 50;
  add_loss(fx, "L2");
  fx->per_hour[1][PRODUCTIVITY] = 7;
  add_failure(fx, "F", 0);
  add_failure(fx, "F2", 1);
  add_scenario(fx, "s", 0, 2, 0.5, 1, 3);
  add_scenario(fx, "t", 1, 1, 1, 0, 2);
  const bd_report *r = analyse(fx);
  assert_int_equal(r->category_count, 5);
  assert_string_equal(r->categories[4], "support");
  /* s: H = 1 + 3 = 4, H x impact = 2
   *   revenue      2 x (2 x 1000 + 100) = 4200
   *   penalty      2 x (2 x 0 + 300)    = 600
   *   brand        2 x (2 x 200 + 0)    = 800
   *   productivity 2 x (0 + 50)         = 100
   *   support      2 x (2 x 10)         = 40
   *   EAL = 5740; downtime = 2 x 4 x 0.5 = 4 */
  const bd_figures *b = r->scenarios[0]->state[BD_STATE_BASELINE];
  assert_close(b->by_category[REVENUE], 4200);
  assert_close(b->by_category[PENALTY], 600);
  assert_close(b->by_category[BRAND], 800);
  assert_close(b->by_category[PRODUCTIVITY], 100);
  assert_close(b->by_category[SUPPORT], 40);
  assert_close(b->eal, 5740);
  assert_close(b->downtime_h, 4);
  /* t (loss L2): H = 2; productivity 1 x (2 x 1 x 7) = 14, the rest 0 */
  const bd_figures *t = r->scenarios[1]->state[BD_STATE_CURRENT];
  assert_int_equal(r->scenarios[1]->loss, 1);
  assert_int_equal(r->scenarios[1]->failure, 1);
  assert_close(t->by_category[PRODUCTIVITY], 14);
  assert_close(t->by_category[REVENUE], 0);
  assert_close(t->eal, 14);
  /* totals: productivity 100 + 14 = 114, EAL 5740 + 14 = 5754, downtime 4 + 2 = 6 */
  assert_close(r->totals[BD_STATE_PLANNED]->by_category[PRODUCTIVITY], 114);
  assert_close(r->totals[BD_STATE_PLANNED]->by_category[SUPPORT], 40);
  assert_close(r->totals[BD_STATE_BASELINE]->eal, 5754);
  assert_close(r->totals[BD_STATE_BASELINE]->downtime_h, 6);
}

/* annual_cost, plan_cost, reduction and the four decisions; a planned
 * measure counts for the decision only with an effect or a cost. */
static void test_costs_and_decisions(void **state) {
  fixture *fx = *state;
  fx->plan.amortize_years = 4;
  simple_loss(fx);
  /* every scenario: frequency 1, impact 1, no detect, recover 10 h:
   * EAL = 1 x (10 x 1 x 1000) = 10000 in baseline and current */
  bd_plan_scenario *s0 = add_scenario(fx, "monitor", 0, 1, 1, 0, 10);
  cost(add_measure(s0, "alarm", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED), 400, 50);
  bd_plan_scenario *s1 = add_scenario(fx, "mitigate", 0, 1, 1, 0, 10);
  bd_plan_measure *m = add_measure(s1, "fix", BD_KIND_RECOVERY, BD_STATUS_PLANNED);
  effect(m, BD_EFFECT_RECOVER, 2);
  cost(m, 8000, 1000);
  bd_plan_scenario *s2 = add_scenario(fx, "equal", 0, 1, 1, 0, 10);
  m = add_measure(s2, "fix", BD_KIND_RECOVERY, BD_STATUS_PLANNED);
  effect(m, BD_EFFECT_RECOVER, 4);
  cost(m, 20000, 1000);
  bd_plan_scenario *s3 = add_scenario(fx, "accept", 0, 1, 1, 0, 10);
  m = add_measure(s3, "fix", BD_KIND_RECOVERY, BD_STATUS_PLANNED);
  effect(m, BD_EFFECT_RECOVER, 9);
  cost(m, 0, 1000.5);
  cost(add_measure(s3, "drill", BD_KIND_TESTING, BD_STATUS_PLANNED), 0, 4);
  bd_plan_scenario *s4 = add_scenario(fx, "accepted", 0, 1, 1, 0, 10);
  s4->accept = "out of our hands";
  effect(add_measure(s4, "fix", BD_KIND_RECOVERY, BD_STATUS_PLANNED), BD_EFFECT_RECOVER, 1);
  bd_plan_scenario *s5 = add_scenario(fx, "reminder", 0, 1, 1, 0, 10);
  add_measure(s5, "idea", BD_KIND_PREVENTIVE, BD_STATUS_PLANNED);
  add_measure(s5, "drill", BD_KIND_TESTING, BD_STATUS_PLANNED);
  bd_plan_scenario *s6 = add_scenario(fx, "costed-drill", 0, 1, 1, 0, 10);
  cost(add_measure(s6, "drill", BD_KIND_TESTING, BD_STATUS_PLANNED), 0, 500);
  bd_plan_scenario *s7 = add_scenario(fx, "free", 0, 1, 1, 0, 10);
  effect(add_measure(s7, "idea", BD_KIND_PREVENTIVE, BD_STATUS_PLANNED), BD_EFFECT_RECOVER, 10);
  const bd_report *r = analyse(fx);
  const bd_scenario *const *sc = r->scenarios;
  /* monitor: alarm costs 400 / 4 + 50 = 150 a year but is implemented:
   * plan_cost 0, reduction 10000 - 10000 = 0, no planned measure */
  assert_close(sc[0]->measures[0]->annual_cost, 150);
  assert_close(sc[0]->plan_cost, 0);
  assert_close(sc[0]->reduction, 0);
  assert_int_equal(sc[0]->decision, BD_DECISION_MONITOR);
  assert_false(sc[0]->needs_decision);
  /* mitigate: planned EAL 1 x 2 x 1000 = 2000, reduction 8000;
   * plan_cost 8000 / 4 + 1000 = 3000; 8000 >= 3000 */
  assert_close(sc[1]->state[BD_STATE_PLANNED]->eal, 2000);
  assert_close(sc[1]->reduction, 8000);
  assert_close(sc[1]->plan_cost, 3000);
  assert_int_equal(sc[1]->decision, BD_DECISION_MITIGATE);
  assert_true(sc[1]->needs_decision);
  /* equal: reduction 10000 - 4000 = 6000, plan_cost 20000 / 4 + 1000 = 6000:
   * reduction >= plan_cost holds with equality, so mitigate */
  assert_close(sc[2]->reduction, 6000);
  assert_close(sc[2]->plan_cost, 6000);
  assert_int_equal(sc[2]->decision, BD_DECISION_MITIGATE);
  /* accept: reduction 10000 - 9000 = 1000; plan_cost 1000.5 + 4 (the planned
   * test counts too) = 1004.5 > 1000 */
  assert_close(sc[3]->reduction, 1000);
  assert_close(sc[3]->plan_cost, 1004.5);
  assert_int_equal(sc[3]->decision, BD_DECISION_ACCEPT);
  assert_true(sc[3]->needs_decision);
  /* accepted: `accept` wins over everything (reduction 9000 >= 0 would mitigate) */
  assert_int_equal(sc[4]->decision, BD_DECISION_ACCEPTED);
  assert_string_equal(sc[4]->accept, "out of our hands");
  assert_false(sc[4]->needs_decision);
  /* planned measures with neither effect nor cost do not count: monitor */
  assert_close(sc[5]->plan_cost, 0);
  assert_int_equal(sc[5]->decision, BD_DECISION_MONITOR);
  assert_false(sc[5]->needs_decision);
  /* a planned test with a cost counts: reduction 0 < plan_cost 500 */
  assert_close(sc[6]->reduction, 0);
  assert_close(sc[6]->plan_cost, 500);
  assert_int_equal(sc[6]->decision, BD_DECISION_ACCEPT);
  /* an effect counts even when it changes nothing and costs nothing:
   * reduction 0 >= plan_cost 0 */
  assert_close(sc[7]->reduction, 0);
  assert_int_equal(sc[7]->decision, BD_DECISION_MITIGATE);
  /* the five needing a decision all have current EAL 10000: file order */
  assert_int_equal(r->decision_count, 5);
  assert_int_equal(r->decisions[0], 1);
  assert_int_equal(r->decisions[1], 2);
  assert_int_equal(r->decisions[2], 3);
  assert_int_equal(r->decisions[3], 6);
  assert_int_equal(r->decisions[4], 7);
}

static void test_error_budget(void **state) {
  fixture *fx = *state;
  fx->plan.has_slo = 1;
  fx->plan.slo = 50; /* budget (100 - 50) / 100 x 8760 = 4380 h, exact in binary */
  simple_loss(fx);
  add_scenario(fx, "at-cap", 0, 1, 1, 0, 1095);   /* 1095 / 4380 = 0.25: not over */
  add_scenario(fx, "over-cap", 0, 1, 1, 0, 1096); /* 1096 / 4380 > 0.25: over */
  add_scenario(fx, "accepted", 0, 1, 1, 0, 2000)->accept = "yes";
  bd_plan_scenario *s = add_scenario(fx, "fixed", 0, 2, 1, 0, 1000);
  effect(add_measure(s, "m", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED), BD_EFFECT_RECOVER, 500);
  const bd_report *r = analyse(fx);
  assert_true(r->has_error_budget);
  assert_close(r->error_budget_h, 4380);
  const bd_scenario *const *sc = r->scenarios;
  assert_true(sc[0]->has_budget_share);
  assert_close(sc[0]->budget_share, 0.25);
  assert_false(sc[0]->over_cap);
  assert_false(sc[0]->needs_decision);
  assert_close(sc[1]->budget_share, 1096.0 / 4380);
  assert_true(sc[1]->over_cap);
  assert_int_equal(sc[1]->decision, BD_DECISION_MONITOR);
  assert_true(sc[1]->needs_decision); /* over the cap whatever the decision */
  /* accepted, 2000 / 4380 = 0.4566 > 0.25 */
  assert_int_equal(sc[2]->decision, BD_DECISION_ACCEPTED);
  assert_true(sc[2]->over_cap);
  assert_true(sc[2]->needs_decision);
  /* fixed: baseline 2 x 1000 = 2000 h would be over, but the share uses the
   * current downtime 2 x 500 = 1000 h: 1000 / 4380 = 0.2283 */
  assert_close(sc[3]->budget_share, 1000.0 / 4380);
  assert_false(sc[3]->over_cap);
  /* totals: baseline 1095 + 1096 + 2000 + 2000 = 6191 h,
   * current = planned = 1095 + 1096 + 2000 + 1000 = 5191 h */
  assert_close(r->totals[BD_STATE_BASELINE]->downtime_h, 6191);
  assert_close(r->totals[BD_STATE_BASELINE]->budget_used, 6191.0 / 4380);
  assert_close(r->totals[BD_STATE_CURRENT]->budget_used, 5191.0 / 4380);
  assert_close(r->totals[BD_STATE_PLANNED]->budget_used, 5191.0 / 4380);
  /* decisions: over-cap and accepted, by current EAL (1096000, 2000000) */
  assert_int_equal(r->decision_count, 2);
  assert_int_equal(r->decisions[0], 2);
  assert_int_equal(r->decisions[1], 1);
}

/* slo 99.9: (100 - 99.9) / 100 x 8760 = 8.76 h a year. */
static void test_error_budget_99_9(void **state) {
  fixture *fx = *state;
  fx->plan.has_slo = 1;
  fx->plan.slo = 99.9;
  simple_loss(fx);
  add_scenario(fx, "s", 0, 4, 0.5, 0, 1); /* downtime 4 x 1 x 0.5 = 2 h */
  const bd_report *r = analyse(fx);
  assert_close(r->error_budget_h, 8.76);
  assert_close(r->scenarios[0]->budget_share, 2 / 8.76);
  assert_close(r->totals[BD_STATE_CURRENT]->budget_used, 2 / 8.76);
}

/* Without an slo there is no budget: no share, never over the cap. */
static void test_no_slo(void **state) {
  fixture *fx = *state;
  simple_loss(fx);
  add_scenario(fx, "huge", 0, 365, 1, 0, 24); /* 8760 h of downtime a year */
  const bd_report *r = analyse(fx);
  assert_false(r->has_slo);
  assert_false(r->has_error_budget);
  assert_close(r->error_budget_h, 0);
  assert_false(r->scenarios[0]->has_budget_share);
  assert_close(r->scenarios[0]->budget_share, 0);
  assert_false(r->scenarios[0]->over_cap);
  assert_false(r->scenarios[0]->needs_decision);
  assert_close(r->totals[BD_STATE_CURRENT]->downtime_h, 8760);
  for (int st = 0; st < BD_STATE_COUNT; st++) assert_close(r->totals[st]->budget_used, 0);
  assert_int_equal(r->decision_count, 0);
}

/* Verification: the latest run among the tests verifying a measure decides. */
static void test_verification(void **state) {
  fixture *fx = *state;
  simple_loss(fx);
  /* s0: explicit verifies */
  bd_plan_scenario *s = add_scenario(fx, "s0", 0, 1, 1, 0, 1);
  add_measure(s, "alarm", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED); /* 0 */
  add_measure(s, "queue", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED);  /* 1 */
  add_measure(s, "backup", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED); /* 2 */
  add_measure(s, "standby", BD_KIND_PREVENTIVE, BD_STATUS_PLANNED);  /* 3 */
  ran(add_measure(s, "fresh", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 10, BD_RESULT_PASS);
  verifies(fx, 0, 4, 1, (size_t[]){0});
  ran(add_measure(s, "old-fail", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 20, BD_RESULT_FAIL);
  verifies(fx, 0, 5, 2, (size_t[]){0, 1});
  ran(add_measure(s, "boundary", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 90, BD_RESULT_PASS);
  verifies(fx, 0, 6, 1, (size_t[]){2});
  ran(add_measure(s, "planned", BD_KIND_TESTING, BD_STATUS_PLANNED), 1, BD_RESULT_PASS);
  verifies(fx, 0, 7, 1, (size_t[]){3});
  add_measure(s, "no-run", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED);
  verifies(fx, 0, 8, 1, (size_t[]){3});
  /* s1: tests without verifies cover every measure that is not a test */
  s = add_scenario(fx, "s1", 0, 1, 1, 0, 1);
  add_measure(s, "a", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED); /* 0 */
  add_measure(s, "b", BD_KIND_RECOVERY, BD_STATUS_PLANNED);      /* 1 */
  ran(add_measure(s, "t-old", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 91, BD_RESULT_PASS);
  ran(add_measure(s, "t-b", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 5, BD_RESULT_PASS);
  verifies(fx, 1, 3, 1, (size_t[]){1});
  /* s2: two runs on the same day, one failed */
  s = add_scenario(fx, "s2", 0, 1, 1, 0, 1);
  add_measure(s, "x", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED);
  add_measure(s, "y", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED);
  add_measure(s, "z", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED);
  ran(add_measure(s, "t1", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 3, BD_RESULT_PASS);
  verifies(fx, 2, 3, 1, (size_t[]){0});
  ran(add_measure(s, "t2", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 3, BD_RESULT_FAIL);
  verifies(fx, 2, 4, 1, (size_t[]){0});
  /* y: an old failure, then a newer pass; z: a failure newer than a pass */
  ran(add_measure(s, "t3", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 50, BD_RESULT_FAIL);
  verifies(fx, 2, 5, 1, (size_t[]){1});
  ran(add_measure(s, "t4", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 40, BD_RESULT_PASS);
  verifies(fx, 2, 6, 1, (size_t[]){1});
  ran(add_measure(s, "t5", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 40, BD_RESULT_FAIL);
  verifies(fx, 2, 7, 1, (size_t[]){2});
  ran(add_measure(s, "t6", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 200, BD_RESULT_PASS);
  verifies(fx, 2, 8, 1, (size_t[]){2});
  const bd_report *r = analyse(fx);
  const bd_measure *const *m = r->scenarios[0]->measures;
  /* alarm: fresh (10 days, pass) is newer than old-fail (20 days) */
  assert_int_equal(m[0]->verification, BD_VERIFICATION_VERIFIED);
  /* queue: only old-fail */
  assert_int_equal(m[1]->verification, BD_VERIFICATION_FAILING);
  /* backup: 90 days x 24 = 2160 h <= stale_after 2160 h */
  assert_int_equal(m[2]->verification, BD_VERIFICATION_VERIFIED);
  /* standby: a planned test and a test that never ran do not count */
  assert_int_equal(m[3]->verification, BD_VERIFICATION_UNVERIFIED);
  /* a test's own verification is its own latest run: fresh passed 10 days
   * ago, old-fail failed, boundary passed 90 days ago; a planned test and a
   * test that never ran are unverified */
  assert_int_equal(m[4]->verification, BD_VERIFICATION_VERIFIED);
  assert_int_equal(m[5]->verification, BD_VERIFICATION_FAILING);
  assert_int_equal(m[6]->verification, BD_VERIFICATION_VERIFIED);
  assert_int_equal(m[7]->verification, BD_VERIFICATION_UNVERIFIED);
  assert_int_equal(m[8]->verification, BD_VERIFICATION_UNVERIFIED);
  /* how each test is judged on its own */
  for (int i = 0; i < 4; i++) assert_int_equal(m[i]->test_state, BD_CELL_NONE);
  assert_int_equal(m[4]->test_state, BD_CELL_VERIFIED);
  assert_int_equal(m[5]->test_state, BD_CELL_FAILING);
  assert_int_equal(m[6]->test_state, BD_CELL_VERIFIED);
  assert_int_equal(m[7]->test_state, BD_CELL_PLANNED);
  assert_int_equal(m[8]->test_state, BD_CELL_IMPLEMENTED);
  assert_int_equal(m[5]->verifies_count, 2);
  assert_int_equal(m[5]->verifies[1], 1);
  assert_int_equal(m[5]->result, BD_RESULT_FAIL);
  assert_string_equal(m[5]->last_run, "2025-01-01");
  assert_null(m[8]->last_run);
  assert_null(m[0]->verifies);
  m = r->scenarios[1]->measures;
  /* a: only t-old (default verifies), 91 days > 90: stale */
  assert_int_equal(m[0]->verification, BD_VERIFICATION_STALE);
  /* b: t-old (91 days) and t-b (5 days): the latest passed, verified even
   * though b is only planned */
  assert_int_equal(m[1]->verification, BD_VERIFICATION_VERIFIED);
  assert_int_equal(m[2]->test_state, BD_CELL_STALE);
  /* t-old ran 91 days ago, t-b 5: stale and verified by their own runs */
  assert_int_equal(m[2]->verification, BD_VERIFICATION_STALE);
  assert_int_equal(m[3]->verification, BD_VERIFICATION_VERIFIED);
  /* the default verifies list is spelled out: every non-test, a and b */
  assert_int_equal(m[2]->verifies_count, 2);
  assert_int_equal(m[2]->verifies[0], 0);
  assert_int_equal(m[2]->verifies[1], 1);
  assert_int_equal(m[3]->verifies_count, 1);
  m = r->scenarios[2]->measures;
  /* x: t1 and t2 ran the same day, t2 failed: failing */
  assert_int_equal(m[0]->verification, BD_VERIFICATION_FAILING);
  /* y: fail 50 days ago, pass 40 days ago: verified */
  assert_int_equal(m[1]->verification, BD_VERIFICATION_VERIFIED);
  /* z: fail 40 days ago is newer than the pass 200 days ago: failing */
  assert_int_equal(m[2]->verification, BD_VERIFICATION_FAILING);
}

/* The fourth state, proven: only the implemented measures that are
 * verified count; a test has no effect of its own there.  s0 rests on a
 * verified measure only (proven = current), s1 on an unverified, a stale
 * and a failing one (proven = baseline), s2 on a mix, under a second
 * failure type of the same loss. */
static void test_proven_state(void **state) {
  fixture *fx = *state;
  fx->plan.has_slo = 1;
  fx->plan.slo = 50; /* budget 4380 h */
  simple_loss(fx);
  add_failure(fx, "F2", 0);
  /* s0: detect 2 -> 1 by `a`, which a pass 10 days ago verifies */
  bd_plan_scenario *s = add_scenario(fx, "s0", 0, 10, 1, 2, 6);
  effect(add_measure(s, "a", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED), BD_EFFECT_DETECT, 1);
  ran(add_measure(s, "t", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 10, BD_RESULT_PASS);
  verifies(fx, 0, 1, 1, (size_t[]){0});
  /* s1: u never tested, st last passed 100 days ago, fa failed 5 days ago */
  s = add_scenario(fx, "s1", 0, 10, 1, 2, 6);
  effect(add_measure(s, "u", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED), BD_EFFECT_DETECT, 1);
  effect(add_measure(s, "st", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED), BD_EFFECT_RECOVER, 3);
  effect(add_measure(s, "fa", BD_KIND_PREVENTIVE, BD_STATUS_IMPLEMENTED), BD_EFFECT_FREQUENCY, 5);
  ran(add_measure(s, "t-old", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 100, BD_RESULT_PASS);
  verifies(fx, 1, 3, 1, (size_t[]){1});
  ran(add_measure(s, "t-fail", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 5, BD_RESULT_FAIL);
  verifies(fx, 1, 4, 1, (size_t[]){2});
  /* s2: v verified, n unverified, p planned though verified, and the test
   * itself (verified by its own run) with an impact effect */
  s = add_scenario(fx, "s2", 1, 4, 0.5, 3, 5);
  effect(add_measure(s, "v", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED), BD_EFFECT_DETECT, 1);
  effect(add_measure(s, "n", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED), BD_EFFECT_RECOVER, 2);
  effect(add_measure(s, "p", BD_KIND_RECOVERY, BD_STATUS_PLANNED), BD_EFFECT_RECOVER, 1);
  bd_plan_measure *t = add_measure(s, "t", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED);
  ran(t, 1, BD_RESULT_PASS);
  effect(t, BD_EFFECT_IMPACT, 0.1);
  verifies(fx, 2, 3, 2, (size_t[]){0, 2});
  const bd_report *r = analyse(fx);
  const bd_scenario *const *sc = r->scenarios;
  const bd_measure *const *m = sc[1]->measures;
  assert_int_equal(m[0]->verification, BD_VERIFICATION_UNVERIFIED);
  assert_int_equal(m[1]->verification, BD_VERIFICATION_STALE);
  assert_int_equal(m[2]->verification, BD_VERIFICATION_FAILING);
  assert_int_equal(sc[2]->measures[3]->verification, BD_VERIFICATION_VERIFIED);
  for (size_t i = 0; i < 3; i++) assert_int_equal(sc[i]->proven->struct_size, sizeof(bd_figures));
  /* s0: current = proven: detect 1, H = 7; EAL = 10 x 7 x 1 x 1000 = 70000 */
  assert_close(sc[0]->state[BD_STATE_CURRENT]->eal, 70000);
  assert_close(sc[0]->proven->detect_h, 1);
  assert_close(sc[0]->proven->eal, 70000);
  assert_close(sc[0]->proven->downtime_h, 70);
  /* s1: current: frequency 5, detect 1, recover 3, H = 4: 5 x 4 x 1000 = 20000;
   * proven = baseline: frequency 10, H = 8: 10 x 8 x 1000 = 80000 */
  assert_close(sc[1]->state[BD_STATE_CURRENT]->eal, 20000);
  assert_close(sc[1]->state[BD_STATE_BASELINE]->eal, 80000);
  assert_close(sc[1]->proven->frequency, 10);
  assert_close(sc[1]->proven->detect_h, 2);
  assert_close(sc[1]->proven->recover_h, 6);
  assert_close(sc[1]->proven->eal, 80000);
  assert_close(sc[1]->proven->by_category[REVENUE], 80000);
  assert_close(sc[1]->proven->downtime_h, 80);
  /* s2: current: impact min(.5, .1) = .1 (the test counts there), detect 1,
   * recover 2, H = 3: 4 x 3 x .1 x 1000 = 1200;
   * proven: v only: impact .5, detect 1, recover 5, H = 6: 4 x 6 x .5 x 1000
   * = 12000, downtime 4 x 6 x .5 = 12;
   * planned: impact .1, detect 1, recover 1, H = 2: 4 x 2 x .1 x 1000 = 800 */
  assert_close(sc[2]->state[BD_STATE_CURRENT]->eal, 1200);
  assert_close(sc[2]->state[BD_STATE_PLANNED]->eal, 800);
  assert_close(sc[2]->proven->frequency, 4);
  assert_close(sc[2]->proven->impact, 0.5);
  assert_close(sc[2]->proven->detect_h, 1);
  assert_close(sc[2]->proven->recover_h, 5);
  assert_close(sc[2]->proven->eal, 12000);
  assert_close(sc[2]->proven->downtime_h, 12);
  /* the states of bd_state are unchanged by proven: s2's reduction is
   * current - planned = 1200 - 800 = 400 */
  assert_close(sc[2]->reduction, 400);
  /* groups: F 70000 + 80000 = 150000, F2 12000, the loss 162000 */
  assert_close(r->failures[0]->eal_proven, 150000);
  assert_close(r->failures[1]->eal_proven, 12000);
  assert_close(r->losses[0]->eal_proven, 162000);
  /* totals: EAL 162000 (current 70000 + 20000 + 1200 = 91200), downtime
   * 70 + 80 + 12 = 162 h of the 4380 h budget */
  assert_non_null(r->proven_totals);
  assert_int_equal(r->proven_totals->struct_size, sizeof(bd_totals));
  assert_close(r->totals[BD_STATE_CURRENT]->eal, 91200);
  assert_close(r->proven_totals->eal, 162000);
  assert_close(r->proven_totals->by_category[REVENUE], 162000);
  assert_close(r->proven_totals->by_category[PENALTY], 0);
  assert_close(r->proven_totals->downtime_h, 162);
  assert_close(r->proven_totals->budget_used, 162.0 / 4380);
  /* EAL(proven) >= EAL(current) in every scenario */
  for (size_t i = 0; i < r->scenario_count; i++)
    assert_true(sc[i]->proven->eal >= sc[i]->state[BD_STATE_CURRENT]->eal);
}

/* The coverage grid, the testing column rule, and both shares. */
static void test_coverage(void **state) {
  fixture *fx = *state;
  simple_loss(fx);
  /* c0: detective planned only; preventive one implemented (unverified), one planned */
  bd_plan_scenario *s = add_scenario(fx, "c0", 0, 1, 1, 0, 1);
  add_measure(s, "d-plan", BD_KIND_DETECTIVE, BD_STATUS_PLANNED);
  add_measure(s, "p-impl", BD_KIND_PREVENTIVE, BD_STATUS_IMPLEMENTED);
  add_measure(s, "p-plan", BD_KIND_PREVENTIVE, BD_STATUS_PLANNED);
  /* c1: only a planned test */
  s = add_scenario(fx, "c1", 0, 1, 1, 0, 1);
  add_measure(s, "t-plan", BD_KIND_TESTING, BD_STATUS_PLANNED);
  /* c2: an implemented test that never ran (does not verify r-impl) */
  s = add_scenario(fx, "c2", 0, 1, 1, 0, 1);
  add_measure(s, "r-impl", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED);
  add_measure(s, "t-norun", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED);
  add_measure(s, "t-plan", BD_KIND_TESTING, BD_STATUS_PLANNED);
  /* c3: a stale test (100 days, default verifies) and one that never ran */
  s = add_scenario(fx, "c3", 0, 1, 1, 0, 1);
  add_measure(s, "d-impl", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED);
  ran(add_measure(s, "t-stale", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 100, BD_RESULT_PASS);
  add_measure(s, "t-norun", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED);
  /* c4: a stale test verifying nothing (verifies: []) and a fresh one */
  s = add_scenario(fx, "c4", 0, 1, 1, 0, 1);
  add_measure(s, "d-impl", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED);
  ran(add_measure(s, "t-stale", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 100, BD_RESULT_PASS);
  verifies(fx, 4, 1, 0, NULL);
  ran(add_measure(s, "t-fresh", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 1, BD_RESULT_PASS);
  verifies(fx, 4, 2, 1, (size_t[]){0});
  /* c5: mixed columns */
  s = add_scenario(fx, "c5", 0, 1, 1, 0, 1);
  add_measure(s, "d-ok", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED);   /* 0 */
  add_measure(s, "d-bad", BD_KIND_DETECTIVE, BD_STATUS_IMPLEMENTED);  /* 1 */
  add_measure(s, "p-ok", BD_KIND_PREVENTIVE, BD_STATUS_IMPLEMENTED);  /* 2 */
  add_measure(s, "p-old", BD_KIND_PREVENTIVE, BD_STATUS_IMPLEMENTED); /* 3 */
  add_measure(s, "r-old", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED);   /* 4 */
  add_measure(s, "r-none", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED);  /* 5 */
  ran(add_measure(s, "t-fresh", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 1, BD_RESULT_PASS);
  verifies(fx, 5, 6, 2, (size_t[]){0, 2});
  ran(add_measure(s, "t-fail", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 200, BD_RESULT_FAIL);
  verifies(fx, 5, 7, 1, (size_t[]){1});
  ran(add_measure(s, "t-stale", BD_KIND_TESTING, BD_STATUS_IMPLEMENTED), 100, BD_RESULT_PASS);
  verifies(fx, 5, 8, 2, (size_t[]){3, 4});
  const bd_report *r = analyse(fx);
  static const bd_cell want[6][BD_KIND_COUNT] = {
      /*        detective          preventive           recovery             testing */
      {BD_CELL_PLANNED, BD_CELL_IMPLEMENTED, BD_CELL_NONE, BD_CELL_NONE},
      {BD_CELL_NONE, BD_CELL_NONE, BD_CELL_NONE, BD_CELL_PLANNED},
      {BD_CELL_NONE, BD_CELL_NONE, BD_CELL_IMPLEMENTED, BD_CELL_IMPLEMENTED},
      {BD_CELL_STALE, BD_CELL_NONE, BD_CELL_NONE, BD_CELL_STALE},
      {BD_CELL_VERIFIED, BD_CELL_NONE, BD_CELL_NONE, BD_CELL_VERIFIED},
      {BD_CELL_FAILING, BD_CELL_VERIFIED, BD_CELL_STALE, BD_CELL_FAILING},
  };
  for (int s_ = 0; s_ < 6; s_++)
    for (int k = 0; k < BD_KIND_COUNT; k++) {
      if (r->scenarios[s_]->coverage[k] != want[s_][k])
        fail_msg("scenario c%d, %s: %s, expected %s", s_, bd_kind_name((bd_kind)k),
                 bd_cell_name(r->scenarios[s_]->coverage[k]), bd_cell_name(want[s_][k]));
    }
  /* 24 cells: none 2+3+2+2+2+0 = 11, planned 2, implemented 1+2 = 3,
   * stale 2+1 = 3, verified 2+1 = 3, failing 2 */
  assert_int_equal(r->cell_counts[BD_CELL_NONE], 11);
  assert_int_equal(r->cell_counts[BD_CELL_PLANNED], 2);
  assert_int_equal(r->cell_counts[BD_CELL_IMPLEMENTED], 3);
  assert_int_equal(r->cell_counts[BD_CELL_STALE], 3);
  assert_int_equal(r->cell_counts[BD_CELL_VERIFIED], 3);
  assert_int_equal(r->cell_counts[BD_CELL_FAILING], 2);
  /* coverage (3 + 3 + 3 + 2) / 24 = 11/24; verified 3/24 = 0.125 */
  assert_close(r->coverage, 11.0 / 24);
  assert_close(r->verified_coverage, 0.125);
}

/* A plan without scenarios: shares are 0, not NaN; empty groups get rows. */
static void test_no_scenarios(void **state) {
  fixture *fx = *state;
  simple_loss(fx);
  const bd_report *r = analyse(fx);
  assert_int_equal(r->scenario_count, 0);
  assert_close(r->coverage, 0);
  assert_close(r->verified_coverage, 0);
  assert_close(r->max_cell, 0);
  assert_int_equal(r->decision_count, 0);
  assert_close(r->totals[BD_STATE_CURRENT]->eal, 0);
  assert_close(r->totals[BD_STATE_CURRENT]->by_category[REVENUE], 0);
  assert_close(r->proven_totals->eal, 0);
  assert_close(r->proven_totals->by_category[REVENUE], 0);
  assert_int_equal(r->matrix_row_count, 2);
  assert_int_equal(r->matrix_rows[0]->type, BD_ROW_LOSS);
  assert_int_equal(r->matrix_rows[1]->type, BD_ROW_FAILURE);
  assert_int_equal(r->tree_count, 1);
  assert_int_equal(r->trees[0]->node_count, 2);
  assert_int_equal(r->trees[0]->row_count, 1);
  assert_close(r->trees[0]->nodes[0]->row, 0);
  assert_close(r->trees[0]->nodes[1]->row, 0);
  assert_int_equal(r->losses[0]->failure_count, 1);
  assert_int_equal(r->failures[0]->scenario_count, 0);
}

/* The decisions list: current EAL descending, ties in file order. */
static void test_decisions_order(void **state) {
  fixture *fx = *state;
  simple_loss(fx);
  /* each: frequency 1, impact 1, recover x h: current EAL 1000 x */
  bd_plan_scenario *s = add_scenario(fx, "s0", 0, 1, 1, 0, 0.5); /* 500 */
  bd_plan_measure *m = add_measure(s, "m", BD_KIND_RECOVERY, BD_STATUS_PLANNED);
  effect(m, BD_EFFECT_RECOVER, 0.4); /* reduction 100 < 1000: accept */
  m->cost_yearly = 1000;
  s = add_scenario(fx, "s1", 0, 1, 1, 0, 3); /* 3000; mitigate (free) */
  effect(add_measure(s, "m", BD_KIND_RECOVERY, BD_STATUS_PLANNED), BD_EFFECT_RECOVER, 1);
  s = add_scenario(fx, "s2", 0, 1, 1, 0, 0.5); /* 500; mitigate (free) */
  effect(add_measure(s, "m", BD_KIND_RECOVERY, BD_STATUS_PLANNED), BD_EFFECT_RECOVER, 0.1);
  add_scenario(fx, "s3", 0, 1, 1, 0, 10);    /* 10000; monitor: not listed */
  s = add_scenario(fx, "s4", 0, 1, 1, 0, 3); /* 3000; reduction 100 < 1000: accept */
  m = add_measure(s, "m", BD_KIND_RECOVERY, BD_STATUS_PLANNED);
  effect(m, BD_EFFECT_RECOVER, 2.9);
  m->cost_yearly = 1000;
  const bd_report *r = analyse(fx);
  assert_int_equal(r->scenarios[0]->decision, BD_DECISION_ACCEPT);
  assert_int_equal(r->scenarios[4]->decision, BD_DECISION_ACCEPT);
  /* 3000 (s1), 3000 (s4), 500 (s0), 500 (s2) */
  assert_int_equal(r->decision_count, 4);
  assert_int_equal(r->decisions[0], 1);
  assert_int_equal(r->decisions[1], 4);
  assert_int_equal(r->decisions[2], 0);
  assert_int_equal(r->decisions[3], 2);
}

/* max_cell is the largest current cell; heat = cell / max_cell. */
static void test_heat(void **state) {
  fixture *fx = *state;
  add_loss(fx, "L");
  fx->per_hour[0][REVENUE] = 1000;
  fx->per_hour[0][BRAND] = 250;
  fx->per_incident[0][PENALTY] = 100;
  add_failure(fx, "F", 0);
  /* s0 current: revenue 1 x 2 x 1000 = 2000, penalty 100, brand 500 */
  add_scenario(fx, "s0", 0, 1, 1, 0, 2);
  /* s1 baseline revenue 2 x 4 x 1000 = 8000 (not used: heat is current);
   * current recover 0.5: revenue 2 x 0.5 x 1000 = 1000, penalty 2 x 100 = 200,
   * brand 2 x 0.5 x 250 = 250 */
  bd_plan_scenario *s = add_scenario(fx, "s1", 0, 2, 1, 0, 4);
  effect(add_measure(s, "m", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED), BD_EFFECT_RECOVER, 0.5);
  const bd_report *r = analyse(fx);
  assert_close(r->scenarios[1]->state[BD_STATE_BASELINE]->by_category[REVENUE], 8000);
  assert_close(r->max_cell, 2000);
  const double *h0 = r->scenarios[0]->heat_by_category, *h1 = r->scenarios[1]->heat_by_category;
  assert_close(h0[REVENUE], 1);    /* 2000 / 2000 */
  assert_close(h0[PENALTY], 0.05); /* 100 / 2000 */
  assert_close(h0[BRAND], 0.25);   /* 500 / 2000 */
  assert_close(h0[PRODUCTIVITY], 0);
  assert_close(h1[REVENUE], 0.5); /* 1000 / 2000 */
  assert_close(h1[PENALTY], 0.1); /* 200 / 2000 */
  assert_close(h1[BRAND], 0.125); /* 250 / 2000 */
}

/* A plan whose losses are all zero: max_cell 0 and every heat 0. */
static void test_heat_zero(void **state) {
  fixture *fx = *state;
  add_loss(fx, "L");
  add_failure(fx, "F", 0);
  add_scenario(fx, "s0", 0, 1, 1, 0, 2);
  const bd_report *r = analyse(fx);
  assert_close(r->max_cell, 0);
  for (int c = 0; c < 4; c++) assert_close(r->scenarios[0]->heat_by_category[c], 0);
}

/* Group index arrays and sums, totals, matrix rows and the tree layout, on
 * a plan whose file order interleaves groups. */
static void test_groups_and_layout(void **state) {
  fixture *fx = *state;
  add_loss(fx, "L0");
  add_loss(fx, "L1");
  add_loss(fx, "L2"); /* no failure types */
  fx->per_hour[0][REVENUE] = 1000;
  fx->per_hour[1][REVENUE] = 1000;
  add_failure(fx, "F0", 0);
  add_failure(fx, "F1", 1);
  add_failure(fx, "F2", 0);
  add_failure(fx, "F3", 0); /* no scenarios */
  /* frequency 1, impact 1, recover k h: EAL 1000 k */
  add_scenario(fx, "S0", 2, 1, 1, 0, 1);                       /* 1000 */
  bd_plan_scenario *s = add_scenario(fx, "S1", 0, 1, 1, 0, 2); /* 2000; planned 500 */
  effect(add_measure(s, "m", BD_KIND_RECOVERY, BD_STATUS_PLANNED), BD_EFFECT_RECOVER, 0.5);
  add_scenario(fx, "S2", 1, 1, 1, 0, 3);     /* 3000 */
  add_scenario(fx, "S3", 0, 1, 1, 0, 4);     /* 4000 */
  s = add_scenario(fx, "S4", 2, 1, 1, 0, 5); /* 5000; current and planned 1000 */
  effect(add_measure(s, "m", BD_KIND_RECOVERY, BD_STATUS_IMPLEMENTED), BD_EFFECT_RECOVER, 1);
  const bd_report *r = analyse(fx);
  /* index arrays in file order */
  assert_int_equal(r->losses[0]->failure_count, 3);
  assert_int_equal(r->losses[0]->failures[0], 0);
  assert_int_equal(r->losses[0]->failures[1], 2);
  assert_int_equal(r->losses[0]->failures[2], 3);
  assert_int_equal(r->losses[1]->failure_count, 1);
  assert_int_equal(r->losses[1]->failures[0], 1);
  assert_int_equal(r->losses[2]->failure_count, 0);
  assert_int_equal(r->failures[0]->scenario_count, 2);
  assert_int_equal(r->failures[0]->scenarios[0], 1);
  assert_int_equal(r->failures[0]->scenarios[1], 3);
  assert_int_equal(r->failures[1]->scenarios[0], 2);
  assert_int_equal(r->failures[2]->scenarios[0], 0);
  assert_int_equal(r->failures[2]->scenarios[1], 4);
  assert_int_equal(r->failures[3]->scenario_count, 0);
  assert_int_equal(r->scenarios[0]->loss, 0);
  assert_int_equal(r->scenarios[2]->loss, 1);
  /* failure sums: baseline F0 = S1 + S3 = 2000 + 4000 = 6000, F1 = 3000,
   * F2 = S0 + S4 = 1000 + 5000 = 6000, F3 = 0 */
  assert_close(r->failures[0]->eal[BD_STATE_BASELINE], 6000);
  assert_close(r->failures[1]->eal[BD_STATE_BASELINE], 3000);
  assert_close(r->failures[2]->eal[BD_STATE_BASELINE], 6000);
  assert_close(r->failures[3]->eal[BD_STATE_BASELINE], 0);
  /* current F2 = 1000 + 1000 = 2000; planned F0 = 500 + 4000 = 4500 */
  assert_close(r->failures[2]->eal[BD_STATE_CURRENT], 2000);
  assert_close(r->failures[0]->eal[BD_STATE_PLANNED], 4500);
  /* loss sums: L0 baseline 6000 + 6000 + 0 = 12000, current 6000 + 2000 = 8000,
   * planned 4500 + 2000 = 6500; L1 3000; L2 0 */
  assert_close(r->losses[0]->eal[BD_STATE_BASELINE], 12000);
  assert_close(r->losses[0]->eal[BD_STATE_CURRENT], 8000);
  assert_close(r->losses[0]->eal[BD_STATE_PLANNED], 6500);
  assert_close(r->losses[1]->eal[BD_STATE_PLANNED], 3000);
  assert_close(r->losses[2]->eal[BD_STATE_BASELINE], 0);
  /* totals: baseline 1000 + 2000 + 3000 + 4000 + 5000 = 15000 (15 h),
   * current 1000 + 2000 + 3000 + 4000 + 1000 = 11000 (11 h),
   * planned 1000 + 500 + 3000 + 4000 + 1000 = 9500 (9.5 h) */
  assert_close(r->totals[BD_STATE_BASELINE]->eal, 15000);
  assert_close(r->totals[BD_STATE_BASELINE]->downtime_h, 15);
  assert_close(r->totals[BD_STATE_CURRENT]->eal, 11000);
  assert_close(r->totals[BD_STATE_CURRENT]->downtime_h, 11);
  assert_close(r->totals[BD_STATE_PLANNED]->eal, 9500);
  assert_close(r->totals[BD_STATE_PLANNED]->downtime_h, 9.5);
  assert_close(r->totals[BD_STATE_PLANNED]->by_category[REVENUE], 9500);
  assert_close(r->totals[BD_STATE_PLANNED]->by_category[PENALTY], 0);
  /* matrix: L0, F0, S1, S3, F2, S0, S4, F3, L1, F1, S2, L2 */
  static const bd_matrix_row rows[] = {
      {0, BD_ROW_LOSS, 0},     {0, BD_ROW_FAILURE, 0},  {0, BD_ROW_SCENARIO, 1},
      {0, BD_ROW_SCENARIO, 3}, {0, BD_ROW_FAILURE, 2},  {0, BD_ROW_SCENARIO, 0},
      {0, BD_ROW_SCENARIO, 4}, {0, BD_ROW_FAILURE, 3},  {0, BD_ROW_LOSS, 1},
      {0, BD_ROW_FAILURE, 1},  {0, BD_ROW_SCENARIO, 2}, {0, BD_ROW_LOSS, 2},
  };
  assert_int_equal(r->matrix_row_count, 12);
  for (size_t i = 0; i < 12; i++) {
    assert_int_equal(r->matrix_rows[i]->type, rows[i].type);
    assert_int_equal(r->matrix_rows[i]->index, rows[i].index);
  }
  /* tree of L0, preorder: L0 F0 S1 m S3 F2 S0 S4 m F3.  Leaves take rows
   * 0..4: S1's m 0, S3 1, S0 2, S4's m 3, F3 4.  Parents: S1 0, S4 3,
   * F0 (0 + 1) / 2 = 0.5, F2 (2 + 3) / 2 = 2.5, L0 (0.5 + 4) / 2 = 2.25 */
  static const struct {
    bd_node_type type;
    size_t index, measure, parent;
    unsigned depth;
    double row;
  } nodes[] = {
      {BD_NODE_LOSS, 0, 0, BD_NO_PARENT, 0, 2.25},
      {BD_NODE_FAILURE, 0, 0, 0, 1, 0.5},
      {BD_NODE_SCENARIO, 1, 0, 1, 2, 0},
      {BD_NODE_MEASURE, 1, 0, 2, 3, 0},
      {BD_NODE_SCENARIO, 3, 0, 1, 2, 1},
      {BD_NODE_FAILURE, 2, 0, 0, 1, 2.5},
      {BD_NODE_SCENARIO, 0, 0, 5, 2, 2},
      {BD_NODE_SCENARIO, 4, 0, 5, 2, 3},
      {BD_NODE_MEASURE, 4, 0, 7, 3, 3},
      {BD_NODE_FAILURE, 3, 0, 0, 1, 4},
  };
  assert_int_equal(r->tree_count, 3);
  const bd_tree *t = r->trees[0];
  assert_int_equal(t->loss, 0);
  assert_int_equal(t->node_count, 10);
  assert_int_equal(t->row_count, 5);
  for (size_t i = 0; i < 10; i++) {
    assert_int_equal(t->nodes[i]->type, nodes[i].type);
    assert_int_equal(t->nodes[i]->index, nodes[i].index);
    assert_int_equal(t->nodes[i]->measure, nodes[i].measure);
    assert_int_equal(t->nodes[i]->parent, nodes[i].parent);
    assert_int_equal(t->nodes[i]->depth, nodes[i].depth);
    assert_close(t->nodes[i]->row, nodes[i].row);
  }
  /* L1: L1, F1, S2 all on row 0; L2: a lone root on row 0 */
  assert_int_equal(r->trees[1]->node_count, 3);
  assert_int_equal(r->trees[1]->row_count, 1);
  assert_int_equal(r->trees[1]->nodes[2]->type, BD_NODE_SCENARIO);
  assert_int_equal(r->trees[1]->nodes[2]->index, 2);
  assert_close(r->trees[1]->nodes[0]->row, 0);
  assert_int_equal(r->trees[2]->loss, 2);
  assert_int_equal(r->trees[2]->node_count, 1);
  assert_int_equal(r->trees[2]->row_count, 1);
}

/* A measure node's `measure` is its index within the scenario; several
 * measures put their scenario midway. */
static void test_tree_measures(void **state) {
  fixture *fx = *state;
  simple_loss(fx);
  bd_plan_scenario *s = add_scenario(fx, "s", 0, 1, 1, 0, 1);
  for (int i = 0; i < 4; i++) add_measure(s, "m", BD_KIND_DETECTIVE, BD_STATUS_PLANNED);
  const bd_report *r = analyse(fx);
  const bd_tree *t = r->trees[0];
  /* L F s m0 m1 m2 m3: measures rows 0..3, s (0 + 3) / 2 = 1.5, F and L 1.5 */
  assert_int_equal(t->node_count, 7);
  assert_int_equal(t->row_count, 4);
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(t->nodes[3 + i]->measure, i);
    assert_close(t->nodes[3 + i]->row, (double)i);
  }
  assert_close(t->nodes[2]->row, 1.5);
  assert_close(t->nodes[0]->row, 1.5);
}

/* The report's header and the fields copied from the plan. */
static void test_header(void **state) {
  fixture *fx = *state;
  static const bd_extension ext = {sizeof(bd_extension), "x-jira", "\"OPS\""};
  static const bd_extension *const exts[] = {&ext};
  fx->plan.extensions = (bd_extensions){exts, 1};
  fx->plan.owner = "Team";
  fx->plan.has_slo = 1;
  fx->plan.slo = 99.5;
  strcpy(fx->plan.currency, "JPY");
  simple_loss(fx);
  bd_plan_scenario *s = add_scenario(fx, "s", 0, 1, 1, 0, 1);
  s->extensions = (bd_extensions){exts, 1};
  bd_plan_measure *m = add_measure(s, NULL, BD_KIND_PREVENTIVE, BD_STATUS_IMPLEMENTED);
  m->title = "unnamed";
  m->extensions = (bd_extensions){exts, 1};
  const bd_report *r = analyse(fx);
  assert_int_equal(r->struct_size, sizeof(bd_report));
  assert_int_equal(r->format, 1);
  assert_string_equal(r->source, "hand.yaml");
  assert_string_equal(r->service, "Hand-built");
  assert_string_equal(r->owner, "Team");
  assert_null(r->period);
  assert_string_equal(r->as_of, "2025-01-29");
  assert_string_equal(r->currency, "JPY");
  assert_true(r->has_slo);
  assert_close(r->slo, 99.5);
  assert_close(r->amortize_years, 3);
  assert_close(r->stale_after_h, 2160);
  assert_close(r->risk_cap, 0.25);
  assert_int_equal(r->category_count, 4);
  assert_string_equal(r->categories[0], "revenue");
  assert_string_equal(r->categories[3], "productivity");
  assert_ptr_equal(r->extensions.items, exts);
  assert_int_equal(r->extensions.count, 1);
  assert_ptr_equal(r->scenarios[0]->extensions.items, exts);
  assert_ptr_equal(r->scenarios[0]->measures[0]->extensions.items, exts);
  /* ABI 2.0: every struct of the model carries the host's sizeof */
  assert_int_equal(r->scenarios[0]->struct_size, sizeof(bd_scenario));
  assert_int_equal(r->scenarios[0]->measures[0]->struct_size, sizeof(bd_measure));
  for (int st = 0; st < BD_STATE_COUNT; st++) {
    assert_int_equal(r->scenarios[0]->state[st]->struct_size, sizeof(bd_figures));
    assert_int_equal(r->totals[st]->struct_size, sizeof(bd_totals));
  }
  assert_int_equal(r->losses[0]->struct_size, sizeof(bd_loss));
  assert_int_equal(r->failures[0]->struct_size, sizeof(bd_failure));
  assert_int_equal(r->trees[0]->struct_size, sizeof(bd_tree));
  assert_int_equal(r->trees[0]->nodes[0]->struct_size, sizeof(bd_tree_node));
  assert_int_equal(r->matrix_rows[0]->struct_size, sizeof(bd_matrix_row));
  assert_null(r->scenarios[0]->measures[0]->id);
  assert_string_equal(r->scenarios[0]->id, "s");
  assert_int_equal(r->scenarios[0]->line, 100);
  assert_int_equal(r->scenarios[0]->measures[0]->line, 101);
  assert_int_equal(r->losses[0]->line, 10);
  assert_int_equal(r->failures[0]->line, 20);
  assert_string_equal(r->losses[0]->id, "L");
  assert_close(r->losses[0]->per_hour[REVENUE], 1000);
  assert_string_equal(r->failures[0]->title, "F");
}

/* 100,000 scenarios and a scenario with 20,000 measures and 20,000 default
 * tests: finishes at once only if the analysis is linear (a quadratic
 * default-verifies expansion would be 4e8 steps).  Not timed; bench/ is. */
static void test_large(void **state) {
  fixture *fx = *state;
  enum { N = 100000, M = 20000 };
  simple_loss(fx);
  bd_plan_scenario *many = calloc(N, sizeof *many);
  bd_plan_measure *ms = calloc(2 * M, sizeof *ms);
  assert_non_null(many);
  assert_non_null(ms);
  for (size_t i = 0; i < N; i++) {
    many[i].id = "s";
    many[i].title = "s";
    many[i].frequency = 1;
    many[i].impact = 1;
    many[i].recover_h = (double)(i % 7); /* EAL 1000 x (i mod 7), many ties */
    many[i].accept = i % 3 == 0 ? NULL : "ok";
  }
  /* scenario 0 (not accepted) gets the measures; a planned one makes it need a decision */
  for (size_t i = 0; i < 2 * M; i++) {
    ms[i].title = "m";
    ms[i].kind = i < M ? BD_KIND_DETECTIVE : BD_KIND_TESTING;
    ms[i].status = i == 0 ? BD_STATUS_PLANNED : BD_STATUS_IMPLEMENTED;
    if (i == 0) effect(&ms[i], BD_EFFECT_DETECT, 0); /* counts for the decision */
    if (i >= M) ran(&ms[i], (long)(i - M) % 120, BD_RESULT_PASS);
  }
  many[0].measures = ms;
  many[0].measure_count = 2 * M;
  fx->plan.scenarios = many;
  fx->plan.scenario_count = N;
  fx->plan.has_slo = 1;
  fx->plan.slo = 99;        /* budget 87.6 h */
  fx->plan.risk_cap = 0.05; /* 4.38 h: recover 5 and 6 are over the cap */
  const bd_report *r = analyse(fx);
  /* scenario 0: the latest default test ran today, so every non-test is verified */
  for (size_t i = 0; i < M; i++)
    assert_int_equal(r->scenarios[0]->measures[i]->verification, BD_VERIFICATION_VERIFIED);
  assert_int_equal(r->scenarios[0]->measures[M]->verifies_count, M);
  assert_ptr_equal(r->scenarios[0]->measures[M]->verifies,
                   r->scenarios[0]->measures[2 * M - 1]->verifies);
  assert_int_equal(r->scenarios[0]->coverage[BD_KIND_TESTING], BD_CELL_VERIFIED);
  /* decisions: scenario 0 (mitigate: a free planned measure with an effect) and every i
   * with i mod 7 in {5, 6} (over the cap): 100000 = 7 x 14285 + 5, and the
   * last five i have residues 0..4, so 2 x 14285 = 28570 of them; 28571 in all */
  assert_int_equal(r->decision_count, 28571);
  assert_int_equal(r->decisions[r->decision_count - 1], 0); /* EAL 0, last */
  /* sorted by non-increasing EAL, ties in increasing index */
  for (size_t k = 1; k < r->decision_count; k++) {
    double a = r->scenarios[r->decisions[k - 1]]->state[BD_STATE_CURRENT]->eal;
    double b = r->scenarios[r->decisions[k]]->state[BD_STATE_CURRENT]->eal;
    assert_true(a > b || (a == b && r->decisions[k - 1] < r->decisions[k]));
  }
  /* sum of 1000 x (i mod 7) over i < 100000: 14285 full cycles of
   * 0+1+...+6 = 21, plus i = 99995..99999 giving 0,1,2,3,4 = 10:
   * 1000 x (14285 x 21 + 10) = 299,995,000 */
  assert_close(r->totals[BD_STATE_BASELINE]->eal, 299995000);
  assert_int_equal(r->matrix_row_count, N + 2);
  assert_int_equal(r->trees[0]->node_count, 2 + N + 2 * M);
  free(many);
  free(ms);
}

int main(void) {
  const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
      T(test_states_take_minimum),
      T(test_loss_per_category),
      T(test_costs_and_decisions),
      T(test_error_budget),
      T(test_error_budget_99_9),
      T(test_no_slo),
      T(test_verification),
      T(test_proven_state),
      T(test_coverage),
      T(test_no_scenarios),
      T(test_decisions_order),
      T(test_heat),
      T(test_heat_zero),
      T(test_groups_and_layout),
      T(test_tree_measures),
      T(test_header),
      T(test_large),
#undef T
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
