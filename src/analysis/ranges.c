/*
 * ranges.c - the plan with ranges -> the engine's input -> the ABI 2.2
 * members of the report; see ranges.h.
 *
 * Every value of the plan becomes one variable of the engine: a constant
 * for a point value, bd_sim_range()'s distribution for a range.  Variables
 * are numbered in file order (losses with their categories, then each
 * scenario's own values, then its measures' effects and costs), so the
 * draws, which the engine derives from (seed, trial, variable), depend
 * only on the plan.  The states of the measures are the analysis's own
 * (states.h), read from the report's measures, whose verification is
 * already judged.
 */
#include "analysis/ranges.h"

#include <string.h>

#include "analysis/simulate.h"
#include "analysis/states.h"
#include "base/diag.h"

/* The engine's input being built; its arrays live in a scratch arena. */
typedef struct sim_builder {
  bd_arena *scratch;
  bd_sim_var *vars;
  size_t var_count, var_cap;
} sim_builder;

/* Adds the variable for a value of the plan (`value`, or `range` when it
 * is one; `is_share` for impact) and returns its index, or BD_SIM_NO_VAR
 * for an amount of 0 given as a point (`zero_is_none`) or when memory ran
 * out (then *failed is set). */
static size_t add_var(sim_builder *b, double value, const bd_plan_range *range, int is_share,
                      int zero_is_none, int *failed) {
  if (!range->is_range && zero_is_none && value == 0) return BD_SIM_NO_VAR;
  if (b->var_count == b->var_cap) {
    size_t cap = b->var_cap ? b->var_cap * 2 : 64;
    bd_sim_var *grown = bd_arena_array(b->scratch, cap, sizeof *grown);
    if (grown == NULL) {
      *failed = 1;
      return BD_SIM_NO_VAR;
    }
    if (b->var_count) memcpy(grown, b->vars, b->var_count * sizeof *grown);
    b->vars = grown;
    b->var_cap = cap;
  }
  bd_sim_var v =
      range->is_range ? bd_sim_range(range->low, range->high, is_share) : bd_sim_constant(value);
  v.line = range->line;
  v.column = range->column;
  b->vars[b->var_count] = v;
  return b->var_count++;
}

/* The engine's loss for plan loss `pl`: one variable per category for
 * per_hour and per_incident (none for an absent or 0 point amount). */
static int build_loss(sim_builder *b, const bd_plan *plan, const bd_plan_loss *pl,
                      bd_sim_loss *out) {
  static const bd_plan_range point = {0};
  size_t n = plan->category_count;
  size_t *per_hour = bd_arena_array(b->scratch, n ? n : 1, sizeof *per_hour);
  size_t *per_incident = bd_arena_array(b->scratch, n ? n : 1, sizeof *per_incident);
  int failed = per_hour == NULL || per_incident == NULL;
  for (size_t c = 0; !failed && c < n; c++) {
    per_hour[c] = add_var(b, pl->per_hour[c], pl->per_hour_range ? &pl->per_hour_range[c] : &point,
                          0, 1, &failed);
    per_incident[c] =
        add_var(b, pl->per_incident[c],
                pl->per_incident_range ? &pl->per_incident_range[c] : &point, 0, 1, &failed);
  }
  *out = (bd_sim_loss){per_hour, per_incident};
  return failed ? -1 : 0;
}

/* The engine's scenario for plan scenario `ps`, analysed as `s`: its own
 * values, the measures with an effect and the states they are active in,
 * and the cost of each planned measure that counts for the decision (an
 * effect or a cost), whose sum is the plan_cost of pays_off. */
static int build_scenario(sim_builder *b, const bd_plan *plan, const bd_plan_scenario *ps,
                          const bd_scenario *s, bd_sim_scenario *out) {
  int failed = 0;
  size_t n = ps->measure_count, measures = 0, costs = 0;
  bd_sim_measure *ms = bd_arena_array(b->scratch, n ? n : 1, sizeof *ms);
  bd_sim_cost *cs = bd_arena_array(b->scratch, n ? n : 1, sizeof *cs);
  if (ms == NULL || cs == NULL) return -1;
  *out = (bd_sim_scenario){
      .loss = plan->failures[ps->failure].loss, .line = ps->line, .column = ps->column};
  out->frequency = add_var(b, ps->frequency, &ps->range[0], 0, 0, &failed);
  out->impact = add_var(b, ps->impact, &ps->range[1], 1, 0, &failed);
  out->detect = add_var(b, ps->detect_h, &ps->range[2], 0, 0, &failed);
  out->recover = add_var(b, ps->recover_h, &ps->range[3], 0, 0, &failed);
  for (size_t i = 0; i < n && !failed; i++) {
    const bd_plan_measure *pm = &ps->measures[i];
    if (pm->effect_set != 0) {
      bd_sim_measure *m = &ms[measures++];
      const double values[4] = {pm->effect_frequency, pm->effect_impact, pm->effect_detect_h,
                                pm->effect_recover_h};
      size_t vars[4];
      m->states = 0;
      for (int st = 0; st < BD_ANALYSED_STATE_COUNT; st++)
        if (bd_measure_active(s->measures[i], st)) m->states |= 1u << st;
      for (int k = 0; k < 4; k++)
        vars[k] = (pm->effect_set & (1u << k))
                      ? add_var(b, values[k], &pm->effect_range[k], k == 1, 0, &failed)
                      : BD_SIM_NO_VAR;
      m->frequency = vars[0];
      m->impact = vars[1];
      m->detect = vars[2];
      m->recover = vars[3];
    }
    /* the "counts" rule of the decision (analyse.c, counts_for_decision) */
    if (pm->status == BD_STATUS_PLANNED && (pm->effect_set != 0 || pm->has_cost)) {
      bd_sim_cost *c = &cs[costs++];
      c->once = add_var(b, pm->cost_once, &pm->cost_once_range, 0, 1, &failed);
      c->yearly = add_var(b, pm->cost_yearly, &pm->cost_yearly_range, 0, 1, &failed);
    }
  }
  out->measures = ms;
  out->measure_count = measures;
  out->costs = costs ? cs : NULL;
  out->cost_count = costs;
  return failed ? -1 : 0;
}

/* Copies one of the engine's figures into a model range. */
static void set_range(bd_range *out, const bd_sim_stats *in) {
  *out = (bd_range){in->mean, in->p5, in->p50, in->p95};
}

/* Fills the report's ABI 2.2 members from the engine's result.  The
 * figures, totals, losses and scenarios were allocated non-const by the
 * analysis in this arena, hence the casts. */
static int fill_report(const bd_sim_result *res, bd_report *r, bd_arena *arena) {
  size_t n = r->scenario_count, nl = r->loss_count;
  bd_range *ranges = bd_arena_array(arena, (n + nl + 1) * BD_ANALYSED_STATE_COUNT, sizeof *ranges);
  bd_simulation *sim = bd_arena_alloc(arena, sizeof *sim);
  if (ranges == NULL || sim == NULL) return -1;
  for (size_t i = 0; i < n; i++) {
    bd_scenario *s = (bd_scenario *)r->scenarios[i];
    const bd_sim_scenario_result *sr = &res->scenarios[i];
    bd_range *mine = ranges + i * BD_ANALYSED_STATE_COUNT;
    for (int st = 0; st < BD_ANALYSED_STATE_COUNT; st++) {
      set_range(&mine[st], &sr->state[st]);
      bd_figures *f = (bd_figures *)(st == BD_STATE_PROVEN ? s->proven : s->state[st]);
      f->range = &mine[st];
    }
    s->has_pays_off = sr->has_pays_off;
    s->pays_off = sr->has_pays_off ? sr->pays_off : 0;
    if (sr->has_pays_off && s->decision == BD_DECISION_MITIGATE) {
      s->has_confidence = 1;
      s->confidence = sr->pays_off;
    } else if (sr->has_pays_off && s->decision == BD_DECISION_ACCEPT) {
      s->has_confidence = 1;
      s->confidence = 1 - sr->pays_off;
    }
    s->uncertain = s->has_confidence && s->confidence < 0.6;
  }
  for (size_t l = 0; l < nl; l++) {
    bd_loss *loss = (bd_loss *)r->losses[l];
    bd_range *mine = ranges + (n + l) * BD_ANALYSED_STATE_COUNT;
    for (int st = 0; st < BD_ANALYSED_STATE_COUNT; st++) set_range(&mine[st], &res->losses[l][st]);
    for (int st = 0; st < BD_STATE_COUNT; st++) loss->range[st] = &mine[st];
    loss->range_proven = &mine[BD_STATE_PROVEN];
  }
  bd_range *total = ranges + (n + nl) * BD_ANALYSED_STATE_COUNT;
  for (int st = 0; st < BD_ANALYSED_STATE_COUNT; st++) {
    set_range(&total[st], &res->total[st]);
    bd_totals *t = (bd_totals *)(st == BD_STATE_PROVEN ? r->proven_totals : r->totals[st]);
    t->range = &total[st];
  }
  sim->struct_size = sizeof *sim;
  sim->trials = res->trials;
  sim->seed = (unsigned long long)res->seed;
  sim->point_count = BD_SIM_CURVE_POINTS;
  sim->x = res->curve_x;
  for (int st = 0; st < BD_STATE_COUNT; st++) sim->exceed[st] = res->curve_exceed[st];
  sim->exceed_proven = res->curve_exceed[BD_SIM_PROVEN];
  r->simulation = sim;
  return 0;
}

int bd_analyse_ranges(const bd_plan *plan, bd_report *r, unsigned threads, bd_arena *arena) {
  /* the engine's states are the analysis's, index for index */
  _Static_assert((int)BD_SIM_BASELINE == (int)BD_STATE_BASELINE &&
                     (int)BD_SIM_CURRENT == (int)BD_STATE_CURRENT &&
                     (int)BD_SIM_PLANNED == (int)BD_STATE_PLANNED &&
                     (int)BD_SIM_PROVEN == (int)BD_STATE_PROVEN,
                 "the engine's states are the analysis's");
  bd_arena scratch = {0};
  sim_builder b = {&scratch, NULL, 0, 0};
  bd_sim_loss *losses =
      bd_arena_array(&scratch, plan->loss_count ? plan->loss_count : 1, sizeof *losses);
  bd_sim_scenario *scenarios =
      bd_arena_array(&scratch, plan->scenario_count ? plan->scenario_count : 1, sizeof *scenarios);
  int rc = losses == NULL || scenarios == NULL ? -1 : 0;
  for (size_t l = 0; rc == 0 && l < plan->loss_count; l++)
    rc = build_loss(&b, plan, &plan->losses[l], &losses[l]);
  for (size_t s = 0; rc == 0 && s < plan->scenario_count; s++)
    rc = build_scenario(&b, plan, &plan->scenarios[s], r->scenarios[s], &scenarios[s]);
  bd_sim_input in = {.file = plan->path,
                     .vars = b.vars,
                     .var_count = b.var_count,
                     .category_count = plan->category_count,
                     .losses = losses,
                     .loss_count = plan->loss_count,
                     .scenarios = scenarios,
                     .scenario_count = plan->scenario_count,
                     .amortize_years = plan->amortize_years,
                     .trials = plan->simulate_trials,
                     .seed = (uint64_t)plan->simulate_seed,
                     .threads = threads};
  bd_sim_result *res = NULL;
  bd_diags diags = {0};
  if (rc == 0) rc = bd_simulate(&in, arena, &res, &diags);
  if (rc == 0) rc = fill_report(res, r, arena);
  bd_diags_free(&diags);
  bd_arena_free(&scratch);
  return rc;
}
