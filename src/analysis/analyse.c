/*
 * analyse.c - the plan model -> the report model; see analyse.h.
 *
 * Follows plan-format.md ("Analysis", "Verification", "Coverage") literally,
 * including the order of operations of every formula, so that a script that
 * recomputes a figure from the JSON output gets the same double.  Everything
 * is linear in the size of the plan except the decisions list, which is
 * sorted (n log n).  The layout of the views lives in layout.c.
 */
#include "analysis/analyse.h"

#include <stdlib.h>

#include "analysis/layout.h"
#include "analysis/model.h"
#include "analysis/ranges.h"
#include "analysis/states.h"

#define HOURS_PER_DAY  24.0
#define HOURS_PER_YEAR 8760.0

/* The latest run among the tests that verify one measure. */
typedef struct latest_run {
  int has;
  long day;
  bd_result result;
} latest_run;

/* A scenario's current EAL and index, for sorting the decisions list. */
typedef struct ranked {
  double eal;
  size_t index;
} ranked;

/* Whether `m` counts as a test for verification: an implemented testing
 * measure with a last_run. */
static int is_test(const bd_plan_measure *m) {
  return m->kind == BD_KIND_TESTING && m->status == BD_STATUS_IMPLEMENTED && m->has_last_run;
}

/* Keeps the later of `best` and a run on `day` with `result`.  Two runs on
 * the same day: a failure wins, because a pass that day does not undo it. */
static void note_run(latest_run *best, long day, bd_result result) {
  if (!best->has || day > best->day || (day == best->day && result == BD_RESULT_FAIL)) {
    best->has = 1;
    best->day = day;
    best->result = result;
  }
}

/* Judges a latest run: failing if it failed, verified if it is at most
 * stale_after old on as_of, else stale; unverified without a run. */
static bd_verification judge(const bd_plan *plan, const latest_run *run) {
  if (!run->has) return BD_VERIFICATION_UNVERIFIED;
  if (run->result == BD_RESULT_FAIL) return BD_VERIFICATION_FAILING;
  double age_h = (double)(plan->as_of - run->day) * HOURS_PER_DAY;
  return age_h <= plan->stale_after_h ? BD_VERIFICATION_VERIFIED : BD_VERIFICATION_STALE;
}

/* How a testing measure itself is judged (the testing column rule); NONE
 * for a measure that is not a test. */
static bd_cell test_state(const bd_plan *plan, const bd_plan_measure *m) {
  if (m->kind != BD_KIND_TESTING) return BD_CELL_NONE;
  if (m->status == BD_STATUS_PLANNED) return BD_CELL_PLANNED;
  if (!m->has_last_run) return BD_CELL_IMPLEMENTED;
  latest_run own = {1, m->last_run, m->result};
  switch (judge(plan, &own)) {
  case BD_VERIFICATION_FAILING:
    return BD_CELL_FAILING;
  case BD_VERIFICATION_VERIFIED:
    return BD_CELL_VERIFIED;
  default:
    return BD_CELL_STALE;
  }
}

/* The coverage cell one measure contributes to its kind's column.  The
 * bd_cell values are ordered by precedence (none < planned < implemented <
 * stale < verified < failing), so a column is the largest of its measures'
 * cells. */
static bd_cell measure_cell(const bd_measure *m) {
  if (m->status == BD_STATUS_PLANNED) return BD_CELL_PLANNED;
  if (m->kind == BD_KIND_TESTING) return m->test_state;
  switch (m->verification) {
  case BD_VERIFICATION_FAILING:
    return BD_CELL_FAILING;
  case BD_VERIFICATION_VERIFIED:
    return BD_CELL_VERIFIED;
  case BD_VERIFICATION_STALE:
    return BD_CELL_STALE;
  default:
    return BD_CELL_IMPLEMENTED;
  }
}

/* Copies one plan measure into `out` (strings and lists point into the plan)
 * and sets its annual cost. */
static void copy_measure(const bd_plan *plan, const bd_plan_measure *pm, bd_measure *out) {
  out->struct_size = sizeof(bd_measure);
  out->id = pm->id;
  out->title = pm->title;
  out->kind = pm->kind;
  out->status = pm->status;
  out->has_effect_frequency = (pm->effect_set & BD_EFFECT_FREQUENCY) != 0;
  out->has_effect_impact = (pm->effect_set & BD_EFFECT_IMPACT) != 0;
  out->has_effect_detect = (pm->effect_set & BD_EFFECT_DETECT) != 0;
  out->has_effect_recover = (pm->effect_set & BD_EFFECT_RECOVER) != 0;
  out->effect_frequency = pm->effect_frequency;
  out->effect_impact = pm->effect_impact;
  out->effect_detect_h = pm->effect_detect_h;
  out->effect_recover_h = pm->effect_recover_h;
  out->cost_once = pm->cost_once;
  out->cost_yearly = pm->cost_yearly;
  out->annual_cost = pm->cost_once / plan->amortize_years + pm->cost_yearly;
  out->last_run = pm->kind == BD_KIND_TESTING && pm->has_last_run ? pm->last_run_text : NULL;
  out->result = pm->result;
  out->test_state = test_state(plan, pm);
  out->extensions = pm->extensions;
  out->line = pm->line;
}

/* Builds the measures of scenario `ps` into `s` (allocated in `arena`) with
 * their verification, test state and the scenario's coverage row.  `runs`
 * is scratch space for at least ps->measure_count entries.  A test without
 * `verifies` verifies every measure that is not a test; those tests share
 * one index array per scenario, which keeps the work linear.  Returns 0 or
 * -1 when memory ran out. */
static int build_measures(const bd_plan *plan, const bd_plan_scenario *ps, latest_run *runs,
                          bd_arena *arena, bd_scenario *s) {
  size_t n = ps->measure_count, non_tests = 0, defaulted = 0;
  latest_run by_default = {0};
  bd_measure *ms = bd_arena_array(arena, n, sizeof *ms);
  if (ms == NULL) return -1;
  for (size_t i = 0; i < n; i++) {
    const bd_plan_measure *pm = &ps->measures[i];
    runs[i] = (latest_run){0};
    if (pm->kind != BD_KIND_TESTING)
      non_tests++;
    else if (!pm->has_verifies)
      defaulted++;
  }
  for (size_t i = 0; i < n; i++) {
    const bd_plan_measure *pm = &ps->measures[i];
    if (!is_test(pm)) continue;
    if (!pm->has_verifies) note_run(&by_default, pm->last_run, pm->result);
    for (size_t j = 0; pm->has_verifies && j < pm->verifies_count; j++)
      note_run(&runs[pm->verifies[j]], pm->last_run, pm->result);
  }
  size_t *all_non_tests = NULL;
  if (defaulted > 0 && non_tests > 0) {
    all_non_tests = bd_arena_array(arena, non_tests, sizeof *all_non_tests);
    if (all_non_tests == NULL) return -1;
    for (size_t i = 0, k = 0; i < n; i++)
      if (ps->measures[i].kind != BD_KIND_TESTING) all_non_tests[k++] = i;
  }
  for (size_t i = 0; i < n; i++) {
    const bd_plan_measure *pm = &ps->measures[i];
    bd_measure *m = &ms[i];
    copy_measure(plan, pm, m);
    if (pm->kind == BD_KIND_TESTING) {
      m->verifies = pm->has_verifies ? pm->verifies : all_non_tests;
      m->verifies_count = pm->has_verifies ? pm->verifies_count : (all_non_tests ? non_tests : 0);
    } else if (by_default.has) {
      note_run(&runs[i], by_default.day, by_default.result);
    }
    /* A test's own verification is the state of its own latest run, by the
     * same rule, so that a drill that passed last week reads verified
     * wherever it is shown. */
    if (pm->kind == BD_KIND_TESTING) runs[i] = (latest_run){is_test(pm), pm->last_run, pm->result};
    m->verification = judge(plan, &runs[i]);
    bd_cell cell = measure_cell(m);
    if (cell > s->coverage[m->kind]) s->coverage[m->kind] = cell;
  }
  s->measures = bd_model_measures(arena, ms, n);
  s->measure_count = n;
  return s->measures == NULL ? -1 : 0;
}

/* Computes the figures of scenario `ps` in `state` (0..BD_STATE_PROVEN) into
 * `f`, with the per-category losses in `by_category` (plan->category_count
 * entries, owned by the caller's arena).  `measures` are the scenario's
 * analysed measures, parallel to ps->measures. */
static void compute_figures(const bd_plan *plan, const bd_plan_scenario *ps,
                            const bd_measure *const *measures, int state, bd_figures *f,
                            double *by_category) {
  double frequency = ps->frequency, impact = ps->impact;
  double detect = ps->detect_h, recover = ps->recover_h;
  for (size_t i = 0; state != BD_STATE_BASELINE && i < ps->measure_count; i++) {
    const bd_plan_measure *m = &ps->measures[i];
    if (!bd_measure_active(measures[i], state)) continue;
    if ((m->effect_set & BD_EFFECT_FREQUENCY) && m->effect_frequency < frequency)
      frequency = m->effect_frequency;
    if ((m->effect_set & BD_EFFECT_IMPACT) && m->effect_impact < impact) impact = m->effect_impact;
    if ((m->effect_set & BD_EFFECT_DETECT) && m->effect_detect_h < detect)
      detect = m->effect_detect_h;
    if ((m->effect_set & BD_EFFECT_RECOVER) && m->effect_recover_h < recover)
      recover = m->effect_recover_h;
  }
  const bd_plan_loss *loss = &plan->losses[plan->failures[ps->failure].loss];
  double h = detect + recover, eal = 0;
  for (size_t c = 0; c < plan->category_count; c++) {
    by_category[c] = frequency * (h * impact * loss->per_hour[c] + loss->per_incident[c]);
    eal += by_category[c];
  }
  f->struct_size = sizeof(bd_figures);
  f->frequency = frequency;
  f->impact = impact;
  f->detect_h = detect;
  f->recover_h = recover;
  f->eal = eal;
  f->downtime_h = frequency * h * impact;
  f->by_category = by_category;
}

/* Whether a planned measure counts for the decision: it has an effect or
 * a cost.  One with neither (a planned test without a cost, a reminder)
 * changes no figure, so it does not turn monitor into accept. */
static int counts_for_decision(const bd_plan_measure *m) {
  return m->effect_set != 0 || m->has_cost;
}

/* Copies the waivers of `ps` into `s` (allocated in `arena`), each marked
 * expired when the day of the load (plan->today) is after its until.
 * Returns 0 or -1 when memory ran out. */
static int copy_waivers(const bd_plan *plan, const bd_plan_scenario *ps, bd_arena *arena,
                        bd_scenario *s) {
  size_t n = ps->waiver_count;
  if (n == 0) return 0; /* waivers NULL, waiver_count 0 */
  bd_waiver *ws = bd_arena_array(arena, n, sizeof *ws);
  if (ws == NULL) return -1;
  for (size_t i = 0; i < n; i++) {
    const bd_plan_waiver *pw = &ps->waivers[i];
    ws[i] = (bd_waiver){sizeof(bd_waiver), pw->rule, pw->reason, pw->until_text,
                        plan->today > pw->until};
  }
  s->waivers = bd_model_waivers(arena, ws, n);
  s->waiver_count = n;
  return s->waivers == NULL ? -1 : 0;
}

/* Analyses scenario `index` of the plan into `s`: measures, the three
 * states and proven, cost, decision, error-budget share and coverage.
 * Arrays go to `arena`; `runs` is scratch space (see build_measures()). */
static int analyse_scenario(const bd_plan *plan, const bd_report *r, size_t index, latest_run *runs,
                            bd_arena *arena, bd_scenario *s) {
  const bd_plan_scenario *ps = &plan->scenarios[index];
  size_t nc = plan->category_count;
  double *cats = bd_arena_array(arena, (BD_ANALYSED_STATE_COUNT + 1) * (nc ? nc : 1), sizeof *cats);
  bd_figures *figures = bd_arena_array(arena, BD_ANALYSED_STATE_COUNT, sizeof *figures);
  if (cats == NULL || figures == NULL || build_measures(plan, ps, runs, arena, s) != 0) return -1;
  s->struct_size = sizeof(bd_scenario);
  s->id = ps->id;
  s->title = ps->title;
  s->failure = ps->failure;
  s->loss = plan->failures[ps->failure].loss;
  s->accept = ps->accept;
  s->extensions = ps->extensions;
  s->line = ps->line;
  if (copy_waivers(plan, ps, arena, s) != 0) return -1;
  for (int st = 0; st < BD_ANALYSED_STATE_COUNT; st++)
    compute_figures(plan, ps, s->measures, st, &figures[st], cats + (size_t)st * nc);
  for (int st = 0; st < BD_STATE_COUNT; st++) s->state[st] = &figures[st];
  s->proven = &figures[BD_STATE_PROVEN];
  s->heat_by_category = cats + (size_t)BD_ANALYSED_STATE_COUNT * nc; /* filled by set_heat() */
  int has_counting = 0;
  for (size_t i = 0; i < s->measure_count; i++) {
    if (s->measures[i]->status != BD_STATUS_PLANNED) continue;
    has_counting |= counts_for_decision(&ps->measures[i]);
    s->plan_cost += s->measures[i]->annual_cost;
  }
  s->reduction = s->state[BD_STATE_CURRENT]->eal - s->state[BD_STATE_PLANNED]->eal;
  if (ps->accept != NULL)
    s->decision = BD_DECISION_ACCEPTED;
  else if (!has_counting)
    s->decision = BD_DECISION_MONITOR;
  else if (s->reduction >= s->plan_cost)
    s->decision = BD_DECISION_MITIGATE;
  else
    s->decision = BD_DECISION_ACCEPT;
  if (r->has_error_budget) {
    s->has_budget_share = 1;
    s->budget_share = s->state[BD_STATE_CURRENT]->downtime_h / r->error_budget_h;
    s->over_cap = s->budget_share > plan->risk_cap;
  }
  s->needs_decision =
      s->decision == BD_DECISION_MITIGATE || s->decision == BD_DECISION_ACCEPT || s->over_cap;
  return 0;
}

/* Builds the losses and failure types with their child index arrays (file
 * order, by a counting pass and a filling pass) and their EAL sums.  Needs
 * the scenarios already analysed. */
static int build_groups(const bd_plan *plan, bd_report *r, bd_arena *arena) {
  bd_loss *losses = bd_arena_array(arena, plan->loss_count, sizeof *losses);
  bd_failure *failures = bd_arena_array(arena, plan->failure_count, sizeof *failures);
  size_t *failure_ix = bd_arena_array(arena, plan->failure_count, sizeof *failure_ix);
  size_t *scenario_ix = bd_arena_array(arena, plan->scenario_count, sizeof *scenario_ix);
  if (!losses || !failures || !failure_ix || !scenario_ix) return -1;
  for (size_t f = 0; f < plan->failure_count; f++) losses[plan->failures[f].loss].failure_count++;
  for (size_t s = 0; s < plan->scenario_count; s++)
    failures[plan->scenarios[s].failure].scenario_count++;
  for (size_t l = 0, at = 0; l < plan->loss_count; l++) {
    const bd_plan_loss *pl = &plan->losses[l];
    size_t count = losses[l].failure_count;
    losses[l] = (bd_loss){.struct_size = sizeof(bd_loss),
                          .id = pl->id,
                          .title = pl->title,
                          .per_hour = pl->per_hour,
                          .per_incident = pl->per_incident,
                          .failures = failure_ix + at,
                          .extensions = pl->extensions,
                          .line = pl->line};
    at += count; /* failure_count is rebuilt below, as the fill cursor */
  }
  for (size_t f = 0, at = 0; f < plan->failure_count; f++) {
    const bd_plan_failure *pf = &plan->failures[f];
    size_t count = failures[f].scenario_count;
    failures[f] = (bd_failure){.struct_size = sizeof(bd_failure),
                               .id = pf->id,
                               .title = pf->title,
                               .loss = pf->loss,
                               .scenarios = scenario_ix + at,
                               .extensions = pf->extensions,
                               .line = pf->line};
    at += count; /* scenario_count is rebuilt below, as the fill cursor */
    bd_loss *l = &losses[pf->loss];
    failure_ix[(size_t)(l->failures - failure_ix) + l->failure_count++] = f;
  }
  for (size_t s = 0; s < plan->scenario_count; s++) {
    bd_failure *f = &failures[plan->scenarios[s].failure];
    scenario_ix[(size_t)(f->scenarios - scenario_ix) + f->scenario_count++] = s;
    for (int st = 0; st < BD_STATE_COUNT; st++) f->eal[st] += r->scenarios[s]->state[st]->eal;
    f->eal_proven += r->scenarios[s]->proven->eal;
  }
  for (size_t f = 0; f < plan->failure_count; f++) {
    for (int st = 0; st < BD_STATE_COUNT; st++)
      losses[failures[f].loss].eal[st] += failures[f].eal[st];
    losses[failures[f].loss].eal_proven += failures[f].eal_proven;
  }
  r->losses = bd_model_losses(arena, losses, plan->loss_count);
  r->loss_count = plan->loss_count;
  r->failures = bd_model_failures(arena, failures, plan->failure_count);
  r->failure_count = plan->failure_count;
  return r->losses == NULL || r->failures == NULL ? -1 : 0;
}

/* The figures of scenario `s` in `state` (0..BD_STATE_PROVEN). */
static const bd_figures *figures_in(const bd_scenario *s, int state) {
  return state == BD_STATE_PROVEN ? s->proven : s->state[state];
}

/* Sums the scenarios into report->totals and report->proven_totals (file
 * order) and sets the budget used in each state. */
static int build_totals(bd_report *r, bd_arena *arena) {
  size_t nc = r->category_count;
  double *cats = bd_arena_array(arena, BD_ANALYSED_STATE_COUNT * (nc ? nc : 1), sizeof *cats);
  bd_totals *totals = bd_arena_array(arena, BD_ANALYSED_STATE_COUNT, sizeof *totals);
  if (cats == NULL || totals == NULL) return -1;
  for (int st = 0; st < BD_STATE_COUNT; st++) r->totals[st] = &totals[st];
  r->proven_totals = &totals[BD_STATE_PROVEN];
  for (int st = 0; st < BD_ANALYSED_STATE_COUNT; st++) {
    bd_totals *t = &totals[st];
    double *by_category = cats + (size_t)st * nc;
    t->struct_size = sizeof(bd_totals);
    for (size_t s = 0; s < r->scenario_count; s++) {
      const bd_figures *f = figures_in(r->scenarios[s], st);
      t->eal += f->eal;
      t->downtime_h += f->downtime_h;
      for (size_t c = 0; c < nc; c++) by_category[c] += f->by_category[c];
    }
    t->by_category = by_category;
    if (r->has_error_budget) t->budget_used = t->downtime_h / r->error_budget_h;
  }
  return 0;
}

/* Sets report->max_cell and every scenario's heat_by_category (arrays
 * reserved by analyse_scenario(), hence the cast). */
static void set_heat(bd_report *r) {
  double max = 0;
  for (size_t s = 0; s < r->scenario_count; s++)
    for (size_t c = 0; c < r->category_count; c++)
      if (r->scenarios[s]->state[BD_STATE_CURRENT]->by_category[c] > max)
        max = r->scenarios[s]->state[BD_STATE_CURRENT]->by_category[c];
  r->max_cell = max;
  for (size_t s = 0; s < r->scenario_count; s++) {
    double *heat = (double *)r->scenarios[s]->heat_by_category;
    const double *cur = r->scenarios[s]->state[BD_STATE_CURRENT]->by_category;
    for (size_t c = 0; c < r->category_count; c++) heat[c] = max > 0 ? cur[c] / max : 0;
  }
}

/* Counts the coverage grid's cells and sets both coverage shares (0 for a
 * plan without scenarios). */
static void set_coverage(bd_report *r) {
  for (size_t s = 0; s < r->scenario_count; s++)
    for (int k = 0; k < BD_KIND_COUNT; k++) r->cell_counts[r->scenarios[s]->coverage[k]]++;
  double cells = (double)r->scenario_count * BD_KIND_COUNT;
  if (cells == 0) return;
  size_t covered = r->cell_counts[BD_CELL_IMPLEMENTED] + r->cell_counts[BD_CELL_STALE] +
                   r->cell_counts[BD_CELL_VERIFIED] + r->cell_counts[BD_CELL_FAILING];
  r->coverage = (double)covered / cells;
  r->verified_coverage = (double)r->cell_counts[BD_CELL_VERIFIED] / cells;
}

/* qsort order for the decisions list: current EAL descending, then file
 * order (which makes the sort stable). */
static int compare_ranked(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->eal != y->eal) return x->eal > y->eal ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Fills report->decisions with the scenarios that need a decision. */
static int order_decisions(bd_report *r, bd_arena *arena) {
  size_t n = 0;
  for (size_t s = 0; s < r->scenario_count; s++) n += r->scenarios[s]->needs_decision != 0;
  ranked *rank = bd_arena_array(arena, n, sizeof *rank);
  size_t *decisions = bd_arena_array(arena, n, sizeof *decisions);
  if (rank == NULL || decisions == NULL) return -1;
  for (size_t s = 0, k = 0; s < r->scenario_count; s++)
    if (r->scenarios[s]->needs_decision)
      rank[k++] = (ranked){r->scenarios[s]->state[BD_STATE_CURRENT]->eal, s};
  if (n > 1) qsort(rank, n, sizeof *rank, compare_ranked);
  for (size_t k = 0; k < n; k++) decisions[k] = rank[k].index;
  r->decisions = decisions;
  r->decision_count = n;
  return 0;
}

/* Fills report->scenarios_by_loss: every scenario, in the decisions' order. */
static int order_scenarios(bd_report *r, bd_arena *arena) {
  size_t n = r->scenario_count;
  ranked *rank = bd_arena_array(arena, n, sizeof *rank);
  size_t *order = bd_arena_array(arena, n, sizeof *order);
  if (n > 0 && (rank == NULL || order == NULL)) return -1;
  for (size_t s = 0; s < n; s++)
    rank[s] = (ranked){r->scenarios[s]->state[BD_STATE_CURRENT]->eal, s};
  if (n > 1) qsort(rank, n, sizeof *rank, compare_ranked);
  for (size_t k = 0; k < n; k++) order[k] = rank[k].index;
  r->scenarios_by_loss = order;
  return 0;
}

/* Copies the plan's header fields into the report. */
static void copy_header(const bd_plan *plan, bd_report *r) {
  r->struct_size = sizeof(bd_report);
  r->format = plan->format;
  r->source = plan->path;
  r->source_sha256 = plan->sha256;
  r->generator = PACKAGE_NAME " " PACKAGE_VERSION;
  r->service = plan->service;
  r->owner = plan->owner;
  r->period = plan->period;
  r->as_of = plan->as_of_text;
  r->currency = plan->currency;
  r->has_slo = plan->has_slo;
  r->slo = plan->slo;
  r->amortize_years = plan->amortize_years;
  r->stale_after_h = plan->stale_after_h;
  r->risk_cap = plan->risk_cap;
  r->categories = plan->categories;
  r->category_count = plan->category_count;
  r->extensions = plan->extensions;
  if (plan->has_slo) {
    r->has_error_budget = 1;
    r->error_budget_h = (100 - plan->slo) / 100 * HOURS_PER_YEAR;
  }
}

int bd_analyse(const bd_plan *plan, bd_arena *arena, bd_report **out) {
  return bd_analyse_with(plan, NULL, arena, out);
}

int bd_analyse_with(const bd_plan *plan, const bd_analyse_options *options, bd_arena *arena,
                    bd_report **out) {
  static const bd_analyse_options defaults = {0};
  if (options == NULL) options = &defaults;
  *out = NULL;
  bd_report *r = bd_arena_alloc(arena, sizeof *r);
  bd_scenario *scenarios = bd_arena_array(arena, plan->scenario_count, sizeof *scenarios);
  size_t most = 0;
  for (size_t s = 0; s < plan->scenario_count; s++)
    if (plan->scenarios[s].measure_count > most) most = plan->scenarios[s].measure_count;
  latest_run *runs = bd_arena_array(arena, most, sizeof *runs);
  if (r == NULL || scenarios == NULL || runs == NULL) return -1;
  copy_header(plan, r);
  for (size_t s = 0; s < plan->scenario_count; s++)
    if (analyse_scenario(plan, r, s, runs, arena, &scenarios[s]) != 0) return -1;
  r->scenarios = bd_model_scenarios(arena, scenarios, plan->scenario_count);
  r->scenario_count = plan->scenario_count;
  if (r->scenarios == NULL || build_groups(plan, r, arena) != 0 || build_totals(r, arena) != 0 ||
      order_decisions(r, arena) != 0 || order_scenarios(r, arena) != 0 || bd_layout(r, arena) != 0)
    return -1;
  set_heat(r);
  set_coverage(r);
  if (plan->has_ranges && !options->no_simulation &&
      bd_analyse_ranges(plan, r, options->threads, arena) != 0)
    return -1;
  *out = r;
  return 0;
}
