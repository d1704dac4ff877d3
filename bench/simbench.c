/*
 * simbench.c - times the simulation engine (src/analysis/simulate.h) on a
 * seeded random plan shaped like bench/genplan.py's: 10 losses of four
 * categories, 2-5 measures per scenario, frequencies of 1-12 per year, and
 * most values ranged.  Prints the wall time of bd_simulate() and a
 * checksum of every result, which must not change with THREADS.
 *
 *   bench/simbench SCENARIOS TRIALS [THREADS] [SEED]
 *   /usr/bin/time -v bench/simbench 10000 10000       # peak RSS too
 *
 * Everything it allocates belongs to main() and is freed at exit.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/simulate.h"

enum { LOSSES = 10, CATEGORIES = 4 };

/* The plan generator's own random numbers (SplitMix64). */
static uint64_t rng_state = 20250129;

static double rnd(void) {
  uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  z ^= z >> 31;
  return (double)(z >> 11) * 0x1p-53;
}

/* An integer from lo to hi. */
static int pick(int lo, int hi) {
  return lo + (int)(rnd() * (hi - lo + 1));
}

typedef struct plan {
  bd_sim_var *vars;
  size_t var_count, var_capacity;
  bd_sim_loss losses[LOSSES];
  size_t amounts[LOSSES][2][CATEGORIES];
  bd_sim_scenario *scenarios;
  bd_sim_measure *measures; /* 5 per scenario */
  bd_sim_cost *costs;       /* 5 per scenario */
} plan;

/* Adds a value around `point`: ranged 4 times in 5 ([point/k, point x k]),
 * a share uniform around it, else the point itself. */
static size_t value(plan *p, double point, int is_share) {
  bd_sim_var v = bd_sim_constant(point);
  if (rnd() < 0.8) {
    double k = 1.5 + 3 * rnd();
    if (is_share) {
      double lo = point / k, hi = point * k > 1 ? 1 : point * k;
      v = bd_sim_range(lo, hi, 1);
    } else {
      v = bd_sim_range(rnd() < 0.1 ? 0 : point / k, point * k, 0);
    }
  }
  p->vars[p->var_count] = v;
  return p->var_count++;
}

static void generate(plan *p, size_t scenarios) {
  p->var_capacity = LOSSES * 2 * CATEGORIES + scenarios * (4 + 5 * 4 + 5 * 2);
  p->vars = calloc(p->var_capacity, sizeof *p->vars);
  p->scenarios = calloc(scenarios, sizeof *p->scenarios);
  p->measures = calloc(scenarios * 5, sizeof *p->measures);
  p->costs = calloc(scenarios * 5, sizeof *p->costs);
  if (!p->vars || !p->scenarios || !p->measures || !p->costs) {
    fprintf(stderr, "simbench: out of memory\n");
    exit(1);
  }
  for (size_t l = 0; l < LOSSES; l++) {
    /* per hour: revenue, productivity, brand; per incident: penalty */
    double per_hour[CATEGORIES] = {10000.0 * pick(1, 50), 1000.0 * pick(1, 40),
                                   5000.0 * pick(0, 19), 0};
    for (size_t c = 0; c < CATEGORIES; c++) {
      p->amounts[l][0][c] = per_hour[c] > 0 ? value(p, per_hour[c], 0) : BD_SIM_NO_VAR;
      p->amounts[l][1][c] = c == 3 ? value(p, 50000.0 * pick(1, 10), 0) : BD_SIM_NO_VAR;
    }
    p->losses[l].per_hour = p->amounts[l][0];
    p->losses[l].per_incident = p->amounts[l][1];
  }
  for (size_t s = 0; s < scenarios; s++) {
    bd_sim_scenario *sc = &p->scenarios[s];
    sc->loss = (size_t)pick(0, LOSSES - 1);
    sc->frequency = value(p, pick(1, 12), 0);
    sc->impact = value(p, 0.1 * pick(1, 10), 1);
    sc->detect = value(p, (5 + 5 * pick(0, 23)) / 60.0, 0);
    sc->recover = value(p, pick(1, 12), 0);
    sc->measures = &p->measures[s * 5];
    sc->costs = &p->costs[s * 5];
    size_t n = (size_t)pick(2, 5);
    for (size_t i = 0; i < n; i++) {
      bd_sim_measure *m = &p->measures[s * 5 + sc->measure_count++];
      int status = pick(0, 2); /* implemented, implemented and verified, planned */
      m->states = status == 2 ? 1u << BD_SIM_PLANNED
                              : (1u << BD_SIM_CURRENT) | (1u << BD_SIM_PLANNED) |
                                    (status == 1 ? 1u << BD_SIM_PROVEN : 0);
      m->frequency = m->impact = m->detect = m->recover = BD_SIM_NO_VAR;
      switch (pick(0, 3)) {
      case 0:
        m->frequency = value(p, 0.5 * pick(1, 6), 0);
        break;
      case 1:
        m->impact = value(p, 0.05 * pick(1, 10), 1);
        break;
      case 2:
        m->detect = value(p, pick(1, 10) / 60.0, 0);
        break;
      default:
        m->recover = value(p, 0.5 * pick(1, 8), 0);
        m->detect = rnd() < 0.5 ? value(p, pick(1, 10) / 60.0, 0) : BD_SIM_NO_VAR;
      }
      if (status == 2) {
        bd_sim_cost *c = &p->costs[s * 5 + sc->cost_count++];
        c->once = rnd() < 0.5 ? value(p, 1000.0 * pick(1, 100), 0) : BD_SIM_NO_VAR;
        c->yearly = value(p, 1000.0 * pick(1, 50), 0);
      }
    }
  }
}

/* FNV-1a over n bytes, continuing from h. */
static uint64_t fnv(uint64_t h, const void *data, size_t n) {
  const unsigned char *b = data;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * UINT64_C(0x100000001b3);
  return h;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: simbench SCENARIOS TRIALS [THREADS] [SEED]\n");
    return 2;
  }
  size_t scenarios = strtoul(argv[1], NULL, 10);
  plan p = {0};
  generate(&p, scenarios);
  bd_sim_input in = {.vars = p.vars,
                     .var_count = p.var_count,
                     .category_count = CATEGORIES,
                     .losses = p.losses,
                     .loss_count = LOSSES,
                     .scenarios = p.scenarios,
                     .scenario_count = scenarios,
                     .amortize_years = 3,
                     .trials = strtoul(argv[2], NULL, 10),
                     .seed = argc > 4 ? strtoull(argv[4], NULL, 10) : 1,
                     .threads = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 0};
  size_t ranged = 0;
  for (size_t v = 0; v < p.var_count; v++) ranged += p.vars[v].kind != BD_SIM_CONSTANT;
  bd_arena arena = {0};
  bd_diags diags = {0};
  bd_sim_result *r = NULL;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = bd_simulate(&in, &arena, &r, &diags);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (rc != 0) {
    for (size_t i = 0; i < diags.count; i++)
      fprintf(stderr, "simbench: %s\n", diags.items[i].message);
    return 1;
  }
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  h = fnv(h, r->scenarios, scenarios * sizeof *r->scenarios);
  h = fnv(h, r->losses, LOSSES * sizeof *r->losses);
  h = fnv(h, r->total, sizeof r->total);
  h = fnv(h, r->curve_x, sizeof r->curve_x);
  h = fnv(h, r->curve_exceed, sizeof r->curve_exceed);
  double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
  printf("scenarios %zu  trials %zu  threads %u  variables %zu (%.0f%% ranged)  passes %u\n",
         scenarios, in.trials, in.threads, p.var_count,
         100.0 * (double)ranged / (double)p.var_count, r->passes);
  printf("time %.3f s  checksum %016" PRIx64 "\n", seconds, h);
  const char *names[BD_SIM_STATE_COUNT] = {"baseline", "current", "planned", "proven"};
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
    printf("total %-8s mean %.6g  p5 %.6g  p50 %.6g  p95 %.6g\n", names[st], r->total[st].mean,
           r->total[st].p5, r->total[st].p50, r->total[st].p95);
  bd_arena_free(&arena);
  bd_diags_free(&diags);
  free(p.vars);
  free(p.scenarios);
  free(p.measures);
  free(p.costs);
  return 0;
}
