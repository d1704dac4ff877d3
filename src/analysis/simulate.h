/*
 * simulate.h - the Monte Carlo engine for plans with ranges (issue 14):
 * values given as `[LOW, HIGH]` are drawn `trials` times, and the yearly
 * loss of every scenario, every loss and the total is reported in each
 * state as mean, p5, p50 and p95, with the total's loss-exceedance curve
 * and, per scenario with planned measures, how often the plan pays off.
 *
 * The input is plain C (no plan, no report model): a table of variables
 * (a constant, a uniform or a lognormal distribution) and scenarios,
 * measures, losses and costs that refer to them by index.  Wiring it to
 * the loader and the report model is the caller's business.
 *
 * Rules (the plan format of issue 14):
 *   in a state, frequency, impact, detect and recover are the smallest of
 *   the scenario's own value and the effects of the measures active in that
 *   state; a trial's yearly loss of a scenario is
 *       n x (H x impact x per_hour + per_incident),   H = detect + recover,
 *   per_hour and per_incident summed over the loss's categories, n drawn
 *   from a Poisson distribution with the state's frequency;
 *   plan_cost = sum of cost.once / amortize_years + cost.yearly;
 *   pays_off = share of trials with current - planned >= plan_cost.
 * Lognormal: mu = (ln LOW + ln HIGH) / 2, sigma = (ln HIGH - ln LOW) /
 * (2 x 1.6448536...), the exact 95th percentile of the normal distribution
 * (the plan format's 1.6449 rounded).  The number of incidents is the exact
 * Poisson inverse CDF of one uniform below a frequency of 32 a year, and
 * the Cornish-Fisher approximation (normal with skew) from 32 on.
 *
 * Draws: every draw is a function of (seed, trial, variable or scenario)
 * alone, so a value does not depend on the order of computation.  The
 * seed, each variable, each scenario's count and each trial have a key
 * mixed by SplitMix64; a draw's 64 bits are one xor-shift-multiply round
 * of (variable key XOR trial key), its uniform u in (0, 1) their top 53
 * bits.  A lognormal value is exp(mu + sigma z): z is the normal quantile
 * of u, for u in [1/16, 15/16) (seven draws in eight) the line between the
 * quantiles at the two multiples of 1/1024 around u (within 1.2e-5 of the
 * quantile, monotone), else P. J. Acklam's rational approximation (1.2e-9);
 * exp from a table of 2^(j/256) and a polynomial of degree 2 (within 5e-10
 * relative).  exp, log and the normal quantile are computed here from
 * + - x /, sqrt and bit operations only, never taken from the C library.
 *
 * Order of work: the trials run in chunks of 64 (fixed, whichever thread
 * runs them), and a chunk scenario by scenario, each variable drawn for
 * the chunk's 64 trials in one loop.  A state whose measures with effects
 * are those of an earlier state (e.g. proven when no measure is verified)
 * has that state's values and is computed and counted once.
 *
 * Determinism: every sum that reaches a result is over integers (histogram
 * counts, fixed-point sums) or in a fixed order: within a trial, the sums
 * over scenarios run in scenario order; a mean adds each chunk's values in
 * trial order as doubles, then that chunk sum exactly into a 256-bit
 * fixed-point sum.  Results are bit-identical for any number of threads and
 * on every machine with IEEE-754 doubles.
 *
 * Quantiles are the nearest-rank sample quantiles (the ceil(p x trials)-th
 * smallest yearly loss) to within 0.4 % (relative), exact for a scenario
 * whose values other than the frequency are point values (its losses are
 * counts times a unit loss).  The trials are replayed instead of stored:
 *   a pilot pass runs the first 512 trials into a 128-bin histogram of
 *     each quantity (bins of 1/8 of a power of two, coarser when the
 *     values span more than 16 powers of two);
 *   the main pass runs every trial: zeros, extremes, exact fixed-point
 *     sums (the means; values more than 2^134 times the pilot's largest
 *     count as that much), pays_off, the curve, and for each quantile up to
 *     1,024 bins over a window of +-3.5 standard errors around its pilot
 *     estimate, which gives it within 2^-7 when it falls in the window;
 *   refining passes (1,024 bins each) run only the scenarios whose quantiles
 *     missed their window or whose window was too wide (a few percent), or
 *     every scenario when a loss's or the total's quantile needs it.
 * The curve's points come from the pilot: 0, then 63 geometric points from
 * half the pilot's smallest positive total to twice its largest.
 *
 * Memory does not grow with the number of trials.  With Q = 4 x (scenarios
 * + losses + 1) quantities and T threads, the working memory is about
 *   pilot:      T x Q x 560 bytes (128 counts and the extremes)
 *   main pass:  T x Q x (64 + 3 x (20 + 2 x (B + 1))) bytes, B <= 1,024
 *               bins per quantile that is not 0 (usually 100 to 250),
 *               counted in 16 bits; Q x 3 x 4 x (B + 1) bytes more
 *               where they are merged (and per thread from 65,472 trials
 *               on, where a thread adds its counts every 1,023 chunks);
 *               and Q x 3 x 80 bytes for the windows
 * plus 32 bytes per variable, 56 per scenario and, per thread, 48 bytes per
 * loss and trial of a chunk (3 KB a loss) and about 17 KB of scratch.  The
 * results (about 150 bytes a scenario) go to the caller's arena.
 */
#ifndef BD_SIMULATE_H
#define BD_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"

/* The states, as bits of bd_sim_measure.states: baseline (no measures),
 * current (implemented), planned (implemented and planned), proven (the
 * implemented measures that are verified). */
typedef enum bd_sim_state {
  BD_SIM_BASELINE = 0,
  BD_SIM_CURRENT = 1,
  BD_SIM_PLANNED = 2,
  BD_SIM_PROVEN = 3
} bd_sim_state;
#define BD_SIM_STATE_COUNT 4

/* Trials accepted by bd_simulate() (the plan format allows 1,000 and up). */
#define BD_SIM_MAX_TRIALS 1000000

/* Points of the exceedance curve. */
#define BD_SIM_CURVE_POINTS 64

/* "No variable": an absent effect, cost or amount (an amount counts as 0). */
#define BD_SIM_NO_VAR ((size_t)-1)

typedef enum bd_sim_kind {
  BD_SIM_CONSTANT = 0, /* always `low` (== high) */
  BD_SIM_UNIFORM,      /* uniform on [low, high] */
  BD_SIM_LOGNORMAL     /* 5th percentile low > 0, 95th percentile high */
} bd_sim_kind;

/* One value of the plan: a point value is a constant. */
typedef struct bd_sim_var {
  bd_sim_kind kind;
  double low, high;
  unsigned line, column; /* where the value is in the plan, for errors; 0 when unknown */
} bd_sim_var;

/* The variable for a point value. */
bd_sim_var bd_sim_constant(double value);

/* The variable for a range `[low, high]` (a calibrated 90 % interval) by
 * the rules of the plan format: a share (is_share) is uniform on [low,
 * high]; a frequency, duration or amount is lognormal with 5th and 95th
 * percentiles low and high, or uniform on [0, high] when low is 0;
 * low == high is that constant. */
bd_sim_var bd_sim_range(double low, double high, int is_share);

/* A measure of a scenario: the states it is active in (bits 1 << state)
 * and the variables of its effects (BD_SIM_NO_VAR when it has none). */
typedef struct bd_sim_measure {
  unsigned states;
  size_t frequency, impact, detect, recover;
} bd_sim_measure;

/* The cost of one planned measure that counts towards plan_cost. */
typedef struct bd_sim_cost {
  size_t once, yearly; /* variables, or BD_SIM_NO_VAR for 0 */
} bd_sim_cost;

typedef struct bd_sim_scenario {
  size_t loss;                               /* index into bd_sim_input.losses */
  size_t frequency, impact, detect, recover; /* variables: per year, share, hours, hours */
  const bd_sim_measure *measures;
  size_t measure_count;
  const bd_sim_cost *costs; /* none: the scenario has no pays_off */
  size_t cost_count;
  unsigned line, column; /* for errors; 0 when unknown */
} bd_sim_scenario;

/* A business loss: one variable per category (BD_SIM_NO_VAR for 0). */
typedef struct bd_sim_loss {
  const size_t *per_hour;
  const size_t *per_incident;
} bd_sim_loss;

typedef struct bd_sim_input {
  const char *file; /* the plan's path for errors, or NULL */
  const bd_sim_var *vars;
  size_t var_count;
  size_t category_count;
  const bd_sim_loss *losses;
  size_t loss_count;
  const bd_sim_scenario *scenarios;
  size_t scenario_count;
  double amortize_years; /* > 0 */
  size_t trials;         /* 1 to BD_SIM_MAX_TRIALS */
  uint64_t seed;
  unsigned threads; /* 0: the number of online CPUs; never changes the results */
} bd_sim_input;

/* The yearly loss of one quantity in one state. */
typedef struct bd_sim_stats {
  double mean, p5, p50, p95;
} bd_sim_stats;

typedef struct bd_sim_scenario_result {
  bd_sim_stats state[BD_SIM_STATE_COUNT];
  int has_pays_off; /* 0: no planned measure counts ("none") */
  double pays_off;  /* share of trials, 0..1 */
} bd_sim_scenario_result;

typedef struct bd_sim_result {
  size_t trials;
  uint64_t seed;
  bd_sim_scenario_result *scenarios;          /* scenario_count */
  bd_sim_stats (*losses)[BD_SIM_STATE_COUNT]; /* loss_count */
  bd_sim_stats total[BD_SIM_STATE_COUNT];
  /* The loss-exceedance curve of the total: exceed[state][i] is the share
   * of trials whose total yearly loss is > x[i]; x[0] = 0 (so exceed[.][0]
   * is P(loss > 0)), x increasing up to about twice the largest total. */
  double curve_x[BD_SIM_CURVE_POINTS];
  double curve_exceed[BD_SIM_STATE_COUNT][BD_SIM_CURVE_POINTS];
  unsigned passes; /* passes over the trials (pilot, main, refining) */
} bd_sim_result;

/* Simulates `in`.  The result is allocated in `arena` (the caller frees
 * it with the arena); working memory is freed before returning.  Returns 0,
 * or -1 with the input's errors in `diags` (positions from the variables
 * and scenarios) or an out-of-memory error. */
int bd_simulate(const bd_sim_input *in, bd_arena *arena, bd_sim_result **out, bd_diags *diags);

/* One trial at a time, as bd_simulate() computes it: for tests and for
 * looking into a single trial.  Owned by the caller, freed with
 * bd_sim_replay_free(); the input must outlive it. */
typedef struct bd_sim_replay bd_sim_replay;

/* Checks `in` and prepares to replay its trials; NULL with errors in
 * `diags` (as bd_simulate()). */
bd_sim_replay *bd_sim_replay_new(const bd_sim_input *in, bd_diags *diags);

/* Computes trial `trial` (0-based): the yearly losses of every scenario
 * (scenario[s x 4 + state]), every loss (loss[l x 4 + state]) and the total
 * (total[state]), and for each scenario whether the plan paid off
 * (pays[s]: 1, 0, or -1 without costs).  Any output may be NULL. */
void bd_sim_replay_trial(bd_sim_replay *replay, size_t trial, double *scenario, double *loss,
                         double *total, signed char *pays);

/* Frees a replay; NULL is fine. */
void bd_sim_replay_free(bd_sim_replay *replay);

#endif
