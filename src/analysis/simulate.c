/* simulate.c - see simulate.h. */
#include "analysis/simulate.h"
#include "analysis/simulate_draw.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Results must not depend on whether the compiler fuses a*b+c (gcc does
 * not in ISO C mode; clang would without this). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

enum {
  SKETCH_BINS = 128,    /* pass-1 histogram of a quantity's positive values */
  SKETCH_SHIFT = 49,    /* level-0 bin: 2^49 bit patterns, 1/8 of a power of two */
  FINE_SHIFT = 45,      /* a quantile is done within 2^45 patterns: 2^-7 relative */
  FINE_MAX_BINS = 1024, /* bins per quantile in the main and refining passes */
  CHUNK_TRIALS = 64,    /* trials a thread takes at a time */
  PILOT_TRIALS = 512,   /* trials of the pilot pass */
  SUM_SHIFT = 48,       /* fixed-point sums: see fixed_add() */
  SUM_HEADROOM = 134,
  SUM_WORDS = 4,
  MAX_THREADS = 64,
  /* a thread's 16-bit window counts go to its 32-bit ones after this many
   * chunks (a bin gains at most CHUNK_TRIALS a chunk) */
  FINE_FLUSH_CHUNKS = 65535 / 64,
  POISSON_MAX_STEPS = 256
};

/* Below this frequency, the Poisson count is the exact inverse CDF by a
 * search from 0; from it on, the Cornish-Fisher approximation. */
#define POISSON_EXACT_MAX 32.0
/* The 95th percentile of the standard normal distribution. */
#define Z95 1.6448536269514722
/* Smallest value that is surely positive in every draw (see cost_positive). */
#define SURELY_POSITIVE 1e-20

static const unsigned PERCENTS[3] = {5, 50, 95};

/* ---- the prepared model ---------------------------------------------- */

typedef struct sim_var {
  uint64_t key;
  double a, b; /* constant: a; uniform: a + b u; lognormal: exp(a + b z) */
  int kind;
  int near; /* lognormal with |a + b z| < 708 for every draw z */
} sim_var;

typedef struct sim_scenario {
  uint64_t count_key; /* the stream of the Poisson uniform */
  int cost_positive;  /* plan_cost > 0 in every trial */
  /* When every value but the frequency is a point value, a state's yearly
   * loss is n x unit_loss[state] with n the number of incidents. */
  int counted;
  double unit_loss[BD_SIM_STATE_COUNT];
  /* A state whose measures with effects are those of an earlier state has
   * that state's values in every trial: alias[state] is the first such
   * state (or itself), and only the states in `distinct` are computed and
   * counted. */
  unsigned char alias[BD_SIM_STATE_COUNT];
  unsigned distinct;
} sim_scenario;

typedef struct model {
  const bd_sim_input *in;
  sim_var *vars;
  sim_scenario *scenarios;
  uint64_t seed;
  size_t quantities;                     /* 4 x (scenarios + losses + 1) */
  double inverse[POISSON_MAX_STEPS + 1]; /* 1 / n */
} model;

static size_t loss_quantity(const model *m, size_t loss) {
  return (m->in->scenario_count + loss) * BD_SIM_STATE_COUNT;
}

static size_t total_quantity(const model *m) {
  return (m->in->scenario_count + m->in->loss_count) * BD_SIM_STATE_COUNT;
}

/* Variable v's value in the trial of key tk; 0 for BD_SIM_NO_VAR. */
static inline double draw(const model *m, size_t v, uint64_t tk) {
  if (v == BD_SIM_NO_VAR) return 0.0;
  const sim_var *x = &m->vars[v];
  if (x->kind == BD_SIM_CONSTANT) return x->a;
  uint64_t z = draw_bits(x->key, tk);
  if (x->kind == BD_SIM_UNIFORM) return x->a + x->b * unit_of_bits(z);
  return sim_exp(x->a + x->b * normal_of_bits(z));
}

/* The Poisson count for frequency lambda from the uniform u: the exact
 * inverse CDF below POISSON_EXACT_MAX (p0 = e^-lambda), Cornish-Fisher
 * above. */
static double poisson(const model *m, double lambda, double p0, double u) {
  if (!(lambda > 0)) return 0.0;
  if (lambda < POISSON_EXACT_MAX) {
    double p = p0, cdf = p;
    unsigned n = 0;
    while (u > cdf && n < POISSON_MAX_STEPS) {
      n++;
      p *= lambda * m->inverse[n]; /* lambda / n ahead of p: one multiply on the chain */
      cdf += p;
    }
    return (double)n;
  }
  double z = inv_normal(u);
  double n = floor(lambda + sqrt(lambda) * z + (z * z - 1.0) / 6.0 + 0.5);
  return n > 0 ? n : 0.0;
}

/* Whether every draw of variable v is at least SURELY_POSITIVE. */
static int surely_positive(const model *m, size_t v) {
  if (v == BD_SIM_NO_VAR) return 0;
  const bd_sim_var *x = &m->in->vars[v];
  if (x->low < SURELY_POSITIVE) return 0;
  return x->kind != BD_SIM_LOGNORMAL || x->high <= 1 / SURELY_POSITIVE;
}

bd_sim_var bd_sim_constant(double value) {
  return (bd_sim_var){.kind = BD_SIM_CONSTANT, .low = value, .high = value};
}

bd_sim_var bd_sim_range(double low, double high, int is_share) {
  bd_sim_kind kind = BD_SIM_LOGNORMAL;
  if (low == high)
    kind = BD_SIM_CONSTANT;
  else if (is_share || low == 0)
    kind = BD_SIM_UNIFORM;
  return (bd_sim_var){.kind = kind, .low = low, .high = high};
}

/* ---- checking the input ---------------------------------------------- */

/* Checks that index v names a variable (or is BD_SIM_NO_VAR when allowed). */
static int check_ref(const bd_sim_input *in, size_t v, int optional, const char *what, size_t s,
                     bd_diags *diags) {
  if ((v == BD_SIM_NO_VAR && optional) || v < in->var_count) return 0;
  const bd_sim_scenario *sc = s < in->scenario_count ? &in->scenarios[s] : NULL;
  return bd_diag_add(diags, in->file, sc ? sc->line : 0, sc ? sc->column : 0,
                     "simulation: %s refers to variable %zu of %zu", what, v, in->var_count);
}

static int check_input(const bd_sim_input *in, bd_diags *diags) {
  size_t errors = diags->count + diags->dropped;
  if (in->trials < 1 || in->trials > BD_SIM_MAX_TRIALS)
    bd_diag_add(diags, in->file, 0, 0, "simulation: trials must be from 1 to %d, not %zu",
                BD_SIM_MAX_TRIALS, in->trials);
  if (!(in->amortize_years > 0) || !isfinite(in->amortize_years))
    bd_diag_add(diags, in->file, 0, 0, "simulation: amortize_years must be a number above 0");
  for (size_t v = 0; v < in->var_count; v++) {
    const bd_sim_var *x = &in->vars[v];
    const char *problem = NULL;
    if (!isfinite(x->low) || !isfinite(x->high) || x->low < 0 || x->low > x->high)
      problem = "needs 0 <= LOW <= HIGH, both finite";
    else if (x->kind == BD_SIM_CONSTANT && x->low != x->high)
      problem = "is a constant with LOW != HIGH";
    else if (x->kind == BD_SIM_LOGNORMAL && x->low <= 0)
      problem = "is lognormal and needs LOW > 0";
    else if (x->kind != BD_SIM_CONSTANT && x->kind != BD_SIM_UNIFORM && x->kind != BD_SIM_LOGNORMAL)
      problem = "has an unknown distribution";
    if (problem)
      bd_diag_add(diags, in->file, x->line, x->column, "simulation: [%.17g, %.17g] %s", x->low,
                  x->high, problem);
  }
  for (size_t l = 0; l < in->loss_count; l++) {
    const bd_sim_loss *loss = &in->losses[l];
    if (in->category_count > 0 && (loss->per_hour == NULL || loss->per_incident == NULL)) {
      bd_diag_add(diags, in->file, 0, 0, "simulation: loss %zu has no amounts", l);
      continue;
    }
    for (size_t c = 0; c < in->category_count; c++) {
      check_ref(in, loss->per_hour[c], 1, "a loss's per_hour", SIZE_MAX, diags);
      check_ref(in, loss->per_incident[c], 1, "a loss's per_incident", SIZE_MAX, diags);
    }
  }
  for (size_t s = 0; s < in->scenario_count; s++) {
    const bd_sim_scenario *sc = &in->scenarios[s];
    if (sc->loss >= in->loss_count)
      bd_diag_add(diags, in->file, sc->line, sc->column,
                  "simulation: the scenario refers to loss %zu of %zu", sc->loss, in->loss_count);
    check_ref(in, sc->frequency, 0, "the frequency", s, diags);
    check_ref(in, sc->impact, 0, "the impact", s, diags);
    check_ref(in, sc->detect, 0, "the detect time", s, diags);
    check_ref(in, sc->recover, 0, "the recover time", s, diags);
    for (size_t i = 0; i < sc->measure_count; i++) {
      const bd_sim_measure *ms = &sc->measures[i];
      if ((ms->states &
           ~((1u << BD_SIM_CURRENT) | (1u << BD_SIM_PLANNED) | (1u << BD_SIM_PROVEN))) != 0)
        bd_diag_add(diags, in->file, sc->line, sc->column,
                    "simulation: measure %zu is active in a state other than current, planned "
                    "and proven (states 0x%x)",
                    i, ms->states);
      check_ref(in, ms->frequency, 1, "a measure's frequency effect", s, diags);
      check_ref(in, ms->impact, 1, "a measure's impact effect", s, diags);
      check_ref(in, ms->detect, 1, "a measure's detect effect", s, diags);
      check_ref(in, ms->recover, 1, "a measure's recover effect", s, diags);
    }
    for (size_t i = 0; i < sc->cost_count; i++) {
      check_ref(in, sc->costs[i].once, 1, "a cost.once", s, diags);
      check_ref(in, sc->costs[i].yearly, 1, "a cost.yearly", s, diags);
    }
  }
  return diags->count + diags->dropped > errors ? -1 : 0;
}

/* Lowers value[st] to e in the states of `states`. */
static inline void lower(double value[BD_SIM_STATE_COUNT], unsigned states, double e) {
  for (int st = 1; st < BD_SIM_STATE_COUNT; st++)
    if ((states >> st & 1u) && e < value[st]) value[st] = e;
}

static int is_constant(const model *m, size_t v) {
  return v == BD_SIM_NO_VAR || m->vars[v].kind == BD_SIM_CONSTANT;
}

/* Sets scenario s's `counted` and unit losses: the same computation as
 * scenario_trial() with n = 1, so that n x unit_loss is bit for bit the
 * yearly loss it computes. */
static void unit_losses(model *m, size_t s) {
  const bd_sim_scenario *sc = &m->in->scenarios[s];
  const bd_sim_loss *loss = &m->in->losses[sc->loss];
  int counted =
      is_constant(m, sc->impact) && is_constant(m, sc->detect) && is_constant(m, sc->recover);
  for (size_t c = 0; c < m->in->category_count; c++)
    counted = counted && is_constant(m, loss->per_hour[c]) && is_constant(m, loss->per_incident[c]);
  for (size_t i = 0; i < sc->measure_count; i++)
    counted = counted && is_constant(m, sc->measures[i].impact) &&
              is_constant(m, sc->measures[i].detect) && is_constant(m, sc->measures[i].recover);
  m->scenarios[s].counted = counted;
  if (!counted) return;
  double per_hour = 0, per_incident = 0;
  for (size_t c = 0; c < m->in->category_count; c++) {
    per_hour += draw(m, loss->per_hour[c], 0);
    per_incident += draw(m, loss->per_incident[c], 0);
  }
  double impact[BD_SIM_STATE_COUNT], detect[BD_SIM_STATE_COUNT], recover[BD_SIM_STATE_COUNT];
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++) {
    impact[st] = draw(m, sc->impact, 0);
    detect[st] = draw(m, sc->detect, 0);
    recover[st] = draw(m, sc->recover, 0);
  }
  for (size_t i = 0; i < sc->measure_count; i++) {
    const bd_sim_measure *ms = &sc->measures[i];
    if (ms->impact != BD_SIM_NO_VAR) lower(impact, ms->states, draw(m, ms->impact, 0));
    if (ms->detect != BD_SIM_NO_VAR) lower(detect, ms->states, draw(m, ms->detect, 0));
    if (ms->recover != BD_SIM_NO_VAR) lower(recover, ms->states, draw(m, ms->recover, 0));
  }
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
    m->scenarios[s].unit_loss[st] =
        (detect[st] + recover[st]) * impact[st] * per_hour + per_incident;
}

/* Sets scenario s's state aliases (see sim_scenario). */
static void state_aliases(model *m, size_t s) {
  const bd_sim_scenario *sc = &m->in->scenarios[s];
  sim_scenario *x = &m->scenarios[s];
  x->distinct = 0;
  for (unsigned st = 0; st < BD_SIM_STATE_COUNT; st++) {
    unsigned alias = st;
    for (unsigned earlier = 0; earlier < st && alias == st; earlier++) {
      int same = 1;
      for (size_t k = 0; k < sc->measure_count && same; k++) {
        const bd_sim_measure *ms = &sc->measures[k];
        int effects = ms->frequency != BD_SIM_NO_VAR || ms->impact != BD_SIM_NO_VAR ||
                      ms->detect != BD_SIM_NO_VAR || ms->recover != BD_SIM_NO_VAR;
        if (effects && ((ms->states >> st ^ ms->states >> earlier) & 1u)) same = 0;
      }
      if (same) alias = earlier;
    }
    x->alias[st] = (unsigned char)alias;
    if (alias == st) x->distinct |= 1u << st;
  }
}

/* Checks `in` and fills `m` (free with model_free); -1 with errors. */
static int model_init(model *m, const bd_sim_input *in, bd_diags *diags) {
  memset(m, 0, sizeof *m);
  if (check_input(in, diags) != 0) return -1;
  bd_sim_draw_init();
  m->in = in;
  m->seed = in->seed;
  m->quantities = (in->scenario_count + in->loss_count + 1) * BD_SIM_STATE_COUNT;
  m->vars = calloc(in->var_count ? in->var_count : 1, sizeof *m->vars);
  m->scenarios = calloc(in->scenario_count ? in->scenario_count : 1, sizeof *m->scenarios);
  if (m->vars == NULL || m->scenarios == NULL) {
    free(m->vars);
    free(m->scenarios);
    return bd_diag_add(diags, in->file, 0, 0, "simulation: out of memory");
  }
  for (size_t v = 0; v < in->var_count; v++) {
    const bd_sim_var *x = &in->vars[v];
    sim_var *y = &m->vars[v];
    y->key = stream_key(in->seed, STREAM_VAR, v);
    y->kind = x->low == x->high ? BD_SIM_CONSTANT : (int)x->kind;
    if (y->kind == BD_SIM_CONSTANT) {
      y->a = x->low;
    } else if (y->kind == BD_SIM_UNIFORM) {
      y->a = x->low;
      y->b = x->high - x->low;
    } else {
      double ln_low = bd_sim_log(x->low), ln_high = bd_sim_log(x->high);
      y->a = (ln_low + ln_high) / 2;
      y->b = (ln_high - ln_low) / (2 * Z95);
      y->near = fabs(y->a) + BD_SIM_NORMAL_MAX * fabs(y->b) < 700;
    }
  }
  for (size_t s = 0; s < in->scenario_count; s++) {
    const bd_sim_scenario *sc = &in->scenarios[s];
    m->scenarios[s].count_key = stream_key(in->seed, STREAM_COUNT, s);
    int positive = 0;
    for (size_t i = 0; i < sc->cost_count; i++)
      if (surely_positive(m, sc->costs[i].yearly) ||
          (surely_positive(m, sc->costs[i].once) && in->amortize_years <= 1 / SURELY_POSITIVE))
        positive = 1;
    m->scenarios[s].cost_positive = positive;
    unit_losses(m, s);
    state_aliases(m, s);
  }
  for (unsigned n = 1; n <= POISSON_MAX_STEPS; n++) m->inverse[n] = 1.0 / n;
  return 0;
}

static void model_free(model *m) {
  free(m->vars);
  free(m->scenarios);
}

/* ---- one trial ------------------------------------------------------- */

/* A histogram of one quantity's positive values in the pilot, by bit
 * pattern (monotone in the value): bin i holds the patterns b with
 * b >> (SKETCH_SHIFT + level) == start + i.  Canonical: level is the
 * smallest that fits [min, max] in SKETCH_BINS bins and start is min's
 * bin, so that sketches of any split of the trials merge to the same. */
typedef struct sketch {
  uint64_t min_bits, max_bits, start;
  uint32_t nonzero, level;
  uint32_t counts[SKETCH_BINS];
} sketch;

/* A quantile being found.  In the main pass, `lo` and `width` are a
 * window of bit patterns guessed from the pilot, and the pass counts the
 * positive values below it; after it, the rank-th smallest positive value
 * is known to lie in [lo, lo + width), `below` positive values lie under
 * lo, and every value in the interval lies in [seen_min, seen_max]. */
typedef struct target {
  size_t quantity;
  unsigned percent_index;
  uint32_t rank, below;
  uint64_t lo, width, seen_min, seen_max;
  unsigned shift, bins; /* this pass: bins of 2^shift patterns */
  size_t offset;        /* of its bins in a worker's fine counts */
} target;

/* The pilot (histograms of the first trials), the main pass (all trials:
 * zeros, extremes, sums, pays_off, the curve, and the quantiles' windows),
 * refining passes (bins inside the intervals still too wide). */
enum { PASS_PILOT, PASS_MAIN, PASS_REFINE };

/* What a pass reads (shared, read-only while it runs). */
typedef struct pass {
  const model *m;
  int kind;
  size_t trials; /* runs trials 0 .. trials - 1 */
  atomic_size_t next_chunk;
  size_t chunk_count;
  const target *targets;
  const size_t *first_target; /* per quantity, into targets */
  const unsigned char *target_count;
  const int *scale_exponent; /* per quantity, for the fixed-point sums */
  size_t fine_bins;          /* of all targets */
  const double *curve_x;
  /* a refining pass with only scenario quantities to count runs only
   * these scenarios, and not the losses and the total */
  const size_t *scenario_list;
  size_t scenario_list_count;
  int all_scenarios;
} pass;

/* A quantity's counts in the main pass, together for the caches. */
typedef struct quantity_counts {
  uint64_t min, max; /* patterns of the positive values */
  double chunk_sum;  /* this chunk's positive values, in trial order */
  uint32_t nonzero;
} quantity_counts;

/* A scenario's values over the trials of a chunk, one array per state
 * (scratch space of a worker). */
typedef struct block {
  double u[CHUNK_TRIALS];           /* the Poisson uniform */
  double effect[CHUNK_TRIALS];      /* one measure's effect */
  double own[CHUNK_TRIALS];         /* one of the scenario's own values */
  double p0[CHUNK_TRIALS];          /* e^-frequency */
  unsigned char live[CHUNK_TRIALS]; /* whether the baseline may have an incident */
  double lambda[BD_SIM_STATE_COUNT][CHUNK_TRIALS];
  double n[BD_SIM_STATE_COUNT][CHUNK_TRIALS];
  double impact[BD_SIM_STATE_COUNT][CHUNK_TRIALS];
  double detect[BD_SIM_STATE_COUNT][CHUNK_TRIALS];
  double recover[BD_SIM_STATE_COUNT][CHUNK_TRIALS];
  double v[BD_SIM_STATE_COUNT][CHUNK_TRIALS]; /* the yearly losses */
} block;

/* A thread's scratch space and its share of a pass's counts. */
typedef struct worker {
  const model *m;
  pass *pass;
  uint64_t tk[CHUNK_TRIALS]; /* the trials' keys */
  double *amounts;           /* per loss: per_hour sums, per_incident sums (CHUNK_TRIALS each) */
  double *loss_sum;          /* per trial of the chunk, loss and state */
  double total[CHUNK_TRIALS][BD_SIM_STATE_COUNT];
  block b;
  /* the pilot */
  sketch *sketches;
  /* the main pass */
  uint32_t *pays;
  quantity_counts *counts; /* per quantity */
  uint64_t *sums;          /* per quantity: fixed-point sum, SUM_WORDS words */
  uint32_t *below;         /* per target */
  uint32_t curve_counts[BD_SIM_STATE_COUNT][BD_SIM_CURVE_POINTS + 1];
  /* the main and refining passes: the windows' counts since the last
   * flush (16 bits, half the memory the values touch) and before it */
  uint16_t *fine;
  uint32_t *fine_total;
  size_t chunks_since_flush;
  uint64_t *seen; /* per target: min and max pattern inside the interval */
} worker;

/* Variable v's values in the `count` trials of keys tk into out, as
 * draw() computes them; one loop per kind, so that the trials' draws
 * overlap in the processor. */
static void draw_block(const model *m, size_t v, const uint64_t *tk, double *out) {
  if (v == BD_SIM_NO_VAR) {
    for (size_t i = 0; i < CHUNK_TRIALS; i++) out[i] = 0.0;
    return;
  }
  const sim_var *x = &m->vars[v];
  const double a = x->a, b = x->b;
  const uint64_t key = x->key;
  if (x->kind == BD_SIM_CONSTANT) {
    for (size_t i = 0; i < CHUNK_TRIALS; i++) out[i] = a;
  } else if (x->kind == BD_SIM_UNIFORM) {
    for (size_t i = 0; i < CHUNK_TRIALS; i++) out[i] = a + b * unit_draw(key, tk[i]);
  } else if (x->near) {
    for (size_t i = 0; i < CHUNK_TRIALS; i++)
      out[i] = sim_exp_near(a + b * normal_of_bits(draw_bits(key, tk[i])));
  } else {
    for (size_t i = 0; i < CHUNK_TRIALS; i++)
      out[i] = sim_exp(a + b * normal_of_bits(draw_bits(key, tk[i])));
  }
}

/* The per_hour and per_incident sums of every loss in the chunk's trials
 * (in category order, as unit_losses() adds them). */
static void chunk_amounts(worker *w) {
  const bd_sim_input *in = w->m->in;
  double *scratch = w->b.effect;
  for (size_t l = 0; l < in->loss_count; l++) {
    const bd_sim_loss *loss = &in->losses[l];
    double *per_hour = &w->amounts[2 * l * CHUNK_TRIALS], *per_incident = per_hour + CHUNK_TRIALS;
    for (size_t i = 0; i < CHUNK_TRIALS; i++) per_hour[i] = per_incident[i] = 0;
    for (size_t c = 0; c < in->category_count; c++) {
      draw_block(w->m, loss->per_hour[c], w->tk, scratch);
      for (size_t i = 0; i < CHUNK_TRIALS; i++) per_hour[i] += scratch[i];
      draw_block(w->m, loss->per_incident[c], w->tk, scratch);
      for (size_t i = 0; i < CHUNK_TRIALS; i++) per_incident[i] += scratch[i];
    }
  }
}

/* Lowers value[st][i] to e[i] in the states of `states`. */
static void lower_block(double (*restrict value)[CHUNK_TRIALS], unsigned states,
                        const double *restrict e) {
  for (int st = 1; st < BD_SIM_STATE_COUNT; st++) {
    if (!(states >> st & 1u)) continue;
    for (size_t i = 0; i < CHUNK_TRIALS; i++)
      value[st][i] = e[i] < value[st][i] ? e[i] : value[st][i];
  }
}

/* Sets value[st][i] to the scenario's own value own[i] in the states of
 * `states`. */
static void own_block(double value[BD_SIM_STATE_COUNT][CHUNK_TRIALS], unsigned states,
                      const double *own) {
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
    if (states >> st & 1u) memcpy(value[st], own, CHUNK_TRIALS * sizeof *own);
}

/* The yearly losses of scenario s in the chunk's `count` trials into
 * w->b.v[state][i]. */
static void scenario_block(worker *w, size_t s) {
  const model *m = w->m;
  const bd_sim_scenario *sc = &m->in->scenarios[s];
  block *b = &w->b;
  const uint64_t *tk = w->tk;
  const uint64_t count_key = m->scenarios[s].count_key;
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
    for (size_t i = 0; i < CHUNK_TRIALS; i++) b->v[st][i] = 0;
  for (size_t i = 0; i < CHUNK_TRIALS; i++) b->u[i] = unit_draw(count_key, tk[i]);
  draw_block(m, sc->frequency, tk, b->own);
  /* Every state's frequency is at most the baseline's, and with the same
   * u its CHUNK_TRIALS is at most the baseline's: no incident in the baseline
   * (with a margin for rounding) means none anywhere. */
  int any = 0;
  for (size_t i = 0; i < CHUNK_TRIALS; i++) {
    double frequency = b->own[i];
    b->p0[i] = frequency > 0 && frequency < POISSON_EXACT_MAX ? sim_exp_near(-frequency) : 0;
    b->live[i] = frequency > 0 && !(b->u[i] < b->p0[i] * (1 - 0x1p-40));
    b->n[0][i] = b->live[i] ? poisson(m, frequency, b->p0[i], b->u[i]) : 0.0;
    any |= b->live[i];
  }
  if (!any) return;
  own_block(b->lambda, 0xfu, b->own);
  for (size_t k = 0; k < sc->measure_count; k++)
    if (sc->measures[k].frequency != BD_SIM_NO_VAR) {
      draw_block(m, sc->measures[k].frequency, tk, b->effect);
      lower_block(b->lambda, sc->measures[k].states, b->effect);
    }
  const sim_scenario *x = &m->scenarios[s];
  const unsigned distinct = x->distinct;
  for (size_t i = 0; i < CHUNK_TRIALS; i++) {
    double frequency = b->own[i];
    for (int st = 1; st < BD_SIM_STATE_COUNT; st++) {
      double lambda = b->lambda[st][i];
      if (!(distinct >> st & 1u))
        b->n[st][i] = b->n[x->alias[st]][i];
      else if (!b->live[i] || lambda == frequency)
        b->n[st][i] = b->n[0][i];
      else if (lambda == b->lambda[st - 1][i])
        b->n[st][i] = b->n[st - 1][i];
      else
        b->n[st][i] =
            poisson(m, lambda, lambda < POISSON_EXACT_MAX ? sim_exp_near(-lambda) : 0, b->u[i]);
    }
  }
  draw_block(m, sc->impact, tk, b->own);
  own_block(b->impact, distinct, b->own);
  draw_block(m, sc->detect, tk, b->own);
  own_block(b->detect, distinct, b->own);
  draw_block(m, sc->recover, tk, b->own);
  own_block(b->recover, distinct, b->own);
  for (size_t k = 0; k < sc->measure_count; k++) {
    const bd_sim_measure *ms = &sc->measures[k];
    if (ms->impact != BD_SIM_NO_VAR) {
      draw_block(m, ms->impact, tk, b->effect);
      lower_block(b->impact, ms->states & distinct, b->effect);
    }
    if (ms->detect != BD_SIM_NO_VAR) {
      draw_block(m, ms->detect, tk, b->effect);
      lower_block(b->detect, ms->states & distinct, b->effect);
    }
    if (ms->recover != BD_SIM_NO_VAR) {
      draw_block(m, ms->recover, tk, b->effect);
      lower_block(b->recover, ms->states & distinct, b->effect);
    }
  }
  const double *per_hour = &w->amounts[2 * sc->loss * CHUNK_TRIALS];
  const double *per_incident = per_hour + CHUNK_TRIALS;
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++) {
    if (!(distinct >> st & 1u)) {
      memcpy(b->v[st], b->v[x->alias[st]], CHUNK_TRIALS * sizeof b->v[st][0]);
      continue;
    }
    for (size_t i = 0; i < CHUNK_TRIALS; i++) {
      double n = b->n[st][i];
      double loss = n * ((b->detect[st][i] + b->recover[st][i]) * b->impact[st][i] * per_hour[i] +
                         per_incident[i]);
      b->v[st][i] = n > 0 ? loss : 0.0;
    }
  }
}

/* Whether the plan of scenario s paid off in each of the chunk's trials
 * (its values in w->b.v) into pays[i]: 1, 0, or -1 when it has no costs.
 * The costs are drawn only for chunks where an answer needs them. */
static void scenario_pays(worker *w, size_t s, signed char *pays) {
  const model *m = w->m;
  const bd_sim_scenario *sc = &m->in->scenarios[s];
  block *b = &w->b;
  if (sc->cost_count == 0) {
    memset(pays, -1, CHUNK_TRIALS);
    return;
  }
  int needed = 0; /* trials whose answer needs the cost */
  for (size_t i = 0; i < CHUNK_TRIALS; i++) {
    double avoided = b->v[BD_SIM_CURRENT][i] - b->v[BD_SIM_PLANNED][i];
    needed |= !(avoided <= 0 && m->scenarios[s].cost_positive);
  }
  if (!needed) {
    memset(pays, 0, CHUNK_TRIALS);
    return;
  }
  double *cost = b->lambda[0], *once = b->effect, *yearly = b->own;
  for (size_t i = 0; i < CHUNK_TRIALS; i++) cost[i] = 0;
  for (size_t k = 0; k < sc->cost_count; k++) {
    draw_block(m, sc->costs[k].once, w->tk, once);
    draw_block(m, sc->costs[k].yearly, w->tk, yearly);
    for (size_t i = 0; i < CHUNK_TRIALS; i++)
      cost[i] += once[i] / m->in->amortize_years + yearly[i];
  }
  for (size_t i = 0; i < CHUNK_TRIALS; i++) {
    double avoided = b->v[BD_SIM_CURRENT][i] - b->v[BD_SIM_PLANNED][i];
    pays[i] = (avoided <= 0 && m->scenarios[s].cost_positive) ? 0 : avoided >= cost[i];
  }
}

/* ---- the passes' counting -------------------------------------------- */

/* The smallest level from `level` on at which [lo, hi] fits a sketch. */
static uint32_t fit_level(uint64_t lo, uint64_t hi, uint32_t level) {
  while ((hi >> (SKETCH_SHIFT + level)) - (lo >> (SKETCH_SHIFT + level)) >= SKETCH_BINS) level++;
  return level;
}

/* Moves sketch k to the canonical window of [lo, hi] (containing its own)
 * at a level of at least `level`. */
static void sketch_rebase(sketch *k, uint64_t lo, uint64_t hi, uint32_t level) {
  level = fit_level(lo, hi, level > k->level ? level : k->level);
  uint64_t start = lo >> (SKETCH_SHIFT + level);
  if (level == k->level && start == k->start) return;
  uint32_t old[SKETCH_BINS];
  memcpy(old, k->counts, sizeof old);
  memset(k->counts, 0, sizeof k->counts);
  for (size_t i = 0; i < SKETCH_BINS; i++)
    if (old[i]) k->counts[((k->start + i) >> (level - k->level)) - start] += old[i];
  k->level = level;
  k->start = start;
}

static void sketch_add(sketch *k, uint64_t b) {
  if (k->nonzero == 0) {
    k->min_bits = k->max_bits = b;
    k->level = 0;
    k->start = b >> SKETCH_SHIFT;
  } else if (b < k->min_bits || b > k->max_bits) {
    uint64_t lo = b < k->min_bits ? b : k->min_bits, hi = b > k->max_bits ? b : k->max_bits;
    sketch_rebase(k, lo, hi, k->level);
    k->min_bits = lo;
    k->max_bits = hi;
  }
  k->counts[(b >> (SKETCH_SHIFT + k->level)) - k->start]++;
  k->nonzero++;
}

/* Adds sketch `from` into `into`. */
static void sketch_merge(sketch *into, const sketch *from) {
  if (from->nonzero == 0) return;
  if (into->nonzero == 0) {
    *into = *from;
    return;
  }
  uint64_t lo = from->min_bits < into->min_bits ? from->min_bits : into->min_bits;
  uint64_t hi = from->max_bits > into->max_bits ? from->max_bits : into->max_bits;
  sketch_rebase(into, lo, hi, from->level);
  into->min_bits = lo;
  into->max_bits = hi;
  for (size_t i = 0; i < SKETCH_BINS; i++)
    if (from->counts[i])
      into->counts[((from->start + i) >> (into->level - from->level)) - into->start] +=
          from->counts[i];
  into->nonzero += from->nonzero;
}

/* Adds v (pattern b, > 0) to a 256-bit fixed-point sum: v x 2^(1075 +
 * SUM_SHIFT - E) truncated, E the biased exponent of the pilot's largest
 * value (2^40 when the pilot saw none), which lands on bit 100.  Values up
 * to 2^SUM_HEADROOM times that value fit (a million of them too) and
 * smaller ones keep 100 bits below it; larger ones, never seen in
 * practice, count as the largest that fits.  Integer sums are exact, so
 * any split of the trials merges alike. */
static inline void fixed_add(uint64_t *sum, uint64_t b, int scale_exponent) {
  int exponent = (int)(b >> 52);
  uint64_t mantissa = b & ((UINT64_C(1) << 52) - 1);
  if (exponent > 0)
    mantissa |= UINT64_C(1) << 52;
  else
    exponent = 1;
  int shift = exponent - scale_exponent + SUM_SHIFT;
  if (shift > SUM_SHIFT + SUM_HEADROOM) {
    shift = SUM_SHIFT + SUM_HEADROOM;
    mantissa = (UINT64_C(1) << 53) - 1;
  }
  uint64_t low, high = 0;
  int word = 0;
  if (shift < 0) {
    low = shift > -64 ? mantissa >> -shift : 0;
  } else {
    word = shift / 64;
    int bit = shift % 64;
    low = mantissa << bit;
    high = bit ? mantissa >> (64 - bit) : 0;
  }
  uint64_t before = sum[word];
  sum[word] += low;
  uint64_t carry = sum[word] < before;
  for (int i = word + 1; i < SUM_WORDS; i++) {
    uint64_t add = (i == word + 1 ? high : 0) + carry;
    before = sum[i];
    sum[i] += add;
    carry = sum[i] < before || (carry && add == 0);
  }
}

/* Counts the values of patterns b[0 .. count) (all positive) in the
 * window of target k. */
static void observe_target(worker *w, size_t k, const uint64_t *bits, size_t count) {
  const pass *p = w->pass;
  const target *t = &p->targets[k];
  const uint64_t lo = t->lo, width = t->width;
  const unsigned shift = t->shift;
  uint16_t *fine = w->fine + t->offset;
  uint32_t below = 0;
  uint64_t seen_min = w->seen[2 * k], seen_max = w->seen[2 * k + 1];
  for (size_t i = 0; i < count; i++) {
    uint64_t b = bits[i], d = b - lo; /* d wraps when b < lo */
    int inside = d < width;
    below += b < lo;
    /* without branches: a value outside counts in the bin before the
     * target's first, which nothing reads */
    fine[inside ? (ptrdiff_t)(d >> shift) : -1]++;
    seen_min = inside && b < seen_min ? b : seen_min;
    seen_max = inside && b > seen_max ? b : seen_max;
  }
  if (p->kind == PASS_MAIN) w->below[k] += below;
  w->seen[2 * k] = seen_min;
  w->seen[2 * k + 1] = seen_max;
}

/* Counts the positive values among x[0 .. count) of quantity q in the
 * current pass.  Their patterns are first gathered in trial order without
 * branches (many quantities are zero in most trials), so the counting
 * loops run over the positive values only; a quantity's values of a chunk
 * come in trial order, so its chunk sum is the same whichever thread runs
 * the chunk. */
static void observe_block(worker *w, size_t q, const double *x, size_t count) {
  const pass *p = w->pass;
  uint64_t positive[CHUNK_TRIALS];
  size_t n = 0;
  for (size_t i = 0; i < count; i++) {
    positive[n] = bits_of(x[i]);
    n += x[i] > 0;
  }
  if (n == 0) return;
  if (p->kind == PASS_PILOT) {
    for (size_t i = 0; i < n; i++) sketch_add(&w->sketches[q], positive[i]);
    return;
  }
  if (p->kind == PASS_MAIN) {
    quantity_counts *c = &w->counts[q];
    uint64_t min = c->min, max = c->max;
    double sum = c->chunk_sum;
    for (size_t i = 0; i < n; i++) {
      uint64_t b = positive[i];
      min = b < min ? b : min;
      max = b > max ? b : max;
      sum += double_of(b);
    }
    c->nonzero += (uint32_t)n;
    c->min = min;
    c->max = max;
    c->chunk_sum = sum;
  }
  size_t first = p->first_target[q], targets = p->target_count[q];
  for (size_t k = first; k < first + targets; k++) observe_target(w, k, positive, n);
}

/* The number of curve points below x. */
static size_t curve_index(const double *curve_x, double x) {
  size_t lo = 0, hi = BD_SIM_CURVE_POINTS;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (curve_x[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Runs the scenarios of a refining pass that only needs some of them. */
static void run_listed(worker *w, size_t count) {
  const pass *p = w->pass;
  chunk_amounts(w);
  for (size_t k = 0; k < p->scenario_list_count; k++) {
    size_t s = p->scenario_list[k];
    scenario_block(w, s);
    for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
      if (w->m->scenarios[s].distinct >> st & 1u)
        observe_block(w, s * BD_SIM_STATE_COUNT + (size_t)st, w->b.v[st], count);
  }
}

/* Runs the `count` trials from `first` (at most CHUNK_TRIALS), scenario
 * by scenario: with a pass, counts their values; else (a replay of one
 * trial) writes them to the outputs that are not NULL.  Within a trial,
 * the sums over scenarios run in scenario order. */
static void run_chunk(worker *w, size_t first, size_t count, double *scenario_out, double *loss_out,
                      double *total_out, signed char *pays_out) {
  const model *m = w->m;
  const bd_sim_input *in = m->in;
  const pass *p = w->pass;
  const size_t L = in->loss_count;
  for (size_t i = 0; i < CHUNK_TRIALS; i++) w->tk[i] = stream_key(m->seed, STREAM_TRIAL, first + i);
  if (p && !p->all_scenarios) {
    run_listed(w, count);
    return;
  }
  chunk_amounts(w);
  memset(w->total, 0, sizeof w->total);
  memset(w->loss_sum, 0, count * L * BD_SIM_STATE_COUNT * sizeof *w->loss_sum);
  const block *b = &w->b;
  for (size_t s = 0; s < in->scenario_count; s++) {
    scenario_block(w, s);
    if (pays_out || (p && p->kind == PASS_MAIN)) {
      signed char pays[CHUNK_TRIALS];
      scenario_pays(w, s, pays);
      if (pays_out) pays_out[s] = pays[0];
      if (p)
        for (size_t i = 0; i < count; i++) w->pays[s] += pays[i] == 1;
    }
    if (scenario_out)
      for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
        scenario_out[s * BD_SIM_STATE_COUNT + (size_t)st] = b->v[st][0];
    double *sum = &w->loss_sum[in->scenarios[s].loss * BD_SIM_STATE_COUNT];
    for (int st = 0; st < BD_SIM_STATE_COUNT; st++) {
      for (size_t i = 0; i < count; i++) {
        /* without a branch: adding +0 to a sum that starts at +0 leaves
         * it as it is */
        double x = b->v[st][i] > 0 ? b->v[st][i] : 0.0;
        sum[i * L * BD_SIM_STATE_COUNT + (size_t)st] += x;
        w->total[i][st] += x;
      }
      if (p && (m->scenarios[s].distinct >> st & 1u))
        observe_block(w, s * BD_SIM_STATE_COUNT + (size_t)st, b->v[st], count);
    }
  }
  if (loss_out) memcpy(loss_out, w->loss_sum, L * sizeof(double[BD_SIM_STATE_COUNT]));
  if (total_out) memcpy(total_out, w->total[0], sizeof w->total[0]);
  if (p == NULL) return;
  for (size_t l = 0; l < L; l++)
    for (int st = 0; st < BD_SIM_STATE_COUNT; st++) {
      double x[CHUNK_TRIALS];
      for (size_t i = 0; i < count; i++)
        x[i] = w->loss_sum[(i * L + l) * BD_SIM_STATE_COUNT + (size_t)st];
      observe_block(w, loss_quantity(m, l) + (size_t)st, x, count);
    }
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++) {
    double x[CHUNK_TRIALS];
    for (size_t i = 0; i < count; i++) {
      x[i] = w->total[i][st];
      if (p->kind == PASS_MAIN) w->curve_counts[st][curve_index(p->curve_x, x[i])]++;
    }
    observe_block(w, total_quantity(m) + (size_t)st, x, count);
  }
}

/* Adds the chunk's sums into the fixed-point sums and clears them.  A
 * chunk's trials are fixed (not which thread runs it) and summed in trial
 * order, so its double sums, and the exact integer sums of those, are the
 * same for any number of threads. */
static void flush_chunk_sums(worker *w) {
  const pass *p = w->pass;
  for (size_t q = 0; q < w->m->quantities; q++) {
    quantity_counts *c = &w->counts[q];
    if (c->chunk_sum == 0) continue;
    fixed_add(&w->sums[SUM_WORDS * q], bits_of(c->chunk_sum), p->scale_exponent[q]);
    c->chunk_sum = 0;
  }
}

/* Adds worker w's 16-bit window counts into its 32-bit ones (allocated
 * by worker_start_pass when the pass has enough chunks to need them, else
 * here; -1 when memory ran out) and clears them. */
static int flush_fine(worker *w) {
  const size_t bins = w->pass->fine_bins;
  if (w->fine_total == NULL) w->fine_total = calloc(bins ? bins : 1, sizeof *w->fine_total);
  if (w->fine_total == NULL) return -1;
  for (size_t b = 0; b < bins; b++) w->fine_total[b] += w->fine[b];
  memset(w->fine, 0, bins * sizeof *w->fine);
  w->chunks_since_flush = 0;
  return 0;
}

/* A thread: runs chunks of trials until none are left. */
static void *worker_main(void *arg) {
  worker *w = arg;
  pass *p = w->pass;
  for (;;) {
    size_t chunk = atomic_fetch_add(&p->next_chunk, 1);
    if (chunk >= p->chunk_count) break;
    size_t first = chunk * CHUNK_TRIALS;
    size_t count = p->trials - first < CHUNK_TRIALS ? p->trials - first : CHUNK_TRIALS;
    run_chunk(w, first, count, NULL, NULL, NULL, NULL);
    if (p->kind == PASS_MAIN) flush_chunk_sums(w);
    /* fine_total exists when a flush can happen (worker_start_pass) */
    if (++w->chunks_since_flush == FINE_FLUSH_CHUNKS) (void)flush_fine(w);
  }
  return NULL;
}

/* Allocates a worker's scratch space; -1 when memory ran out. */
static int worker_init(worker *w, const model *m) {
  size_t losses = m->in->loss_count ? m->in->loss_count : 1;
  memset(w, 0, sizeof *w);
  w->m = m;
  w->amounts = calloc(2 * CHUNK_TRIALS * losses, sizeof *w->amounts);
  w->loss_sum = calloc(CHUNK_TRIALS * BD_SIM_STATE_COUNT * losses, sizeof *w->loss_sum);
  return w->amounts && w->loss_sum ? 0 : -1;
}

/* Frees a worker's pass counts. */
static void worker_clear_pass(worker *w) {
  free(w->sketches);
  free(w->pays);
  free(w->counts);
  free(w->sums);
  free(w->below);
  free(w->fine);
  free(w->fine_total);
  free(w->seen);
  w->sketches = NULL;
  w->pays = w->below = w->fine_total = NULL;
  w->fine = NULL;
  w->chunks_since_flush = 0;
  w->sums = w->seen = NULL;
  w->counts = NULL;
  memset(w->curve_counts, 0, sizeof w->curve_counts);
}

static void worker_free(worker *w) {
  worker_clear_pass(w);
  free(w->amounts);
  free(w->loss_sum);
}

/* Allocates worker w's counts for pass p; -1 when memory ran out. */
static int worker_start_pass(worker *w, pass *p, size_t target_total) {
  const model *m = w->m;
  size_t Q = m->quantities;
  w->pass = p;
  if (p->kind == PASS_PILOT) {
    w->sketches = calloc(Q, sizeof *w->sketches);
    return w->sketches ? 0 : -1;
  }
  if (p->kind == PASS_MAIN) {
    w->pays = calloc(m->in->scenario_count ? m->in->scenario_count : 1, sizeof *w->pays);
    w->counts = calloc(Q, sizeof *w->counts);
    w->sums = calloc(SUM_WORDS * Q, sizeof *w->sums);
    w->below = calloc(target_total ? target_total : 1, sizeof *w->below);
    if (!w->pays || !w->counts || !w->sums || !w->below) return -1;
    for (size_t q = 0; q < Q; q++) w->counts[q].min = UINT64_MAX;
  }
  w->fine = calloc(p->fine_bins ? p->fine_bins : 1, sizeof *w->fine);
  w->seen = malloc((target_total ? target_total : 1) * 2 * sizeof *w->seen);
  if (w->fine == NULL || w->seen == NULL) return -1;
  if ((p->trials + CHUNK_TRIALS - 1) / CHUNK_TRIALS >= FINE_FLUSH_CHUNKS) {
    w->fine_total = calloc(p->fine_bins ? p->fine_bins : 1, sizeof *w->fine_total);
    if (w->fine_total == NULL) return -1;
  }
  for (size_t i = 0; i < target_total; i++) {
    w->seen[2 * i] = UINT64_MAX;
    w->seen[2 * i + 1] = 0;
  }
  return 0;
}

/* Runs pass p on `count` workers (the calling thread is the first).  A
 * thread that cannot be started leaves its share to the others. */
static void run_pass(pass *p, worker *workers, size_t count) {
  pthread_t threads[MAX_THREADS];
  int started[MAX_THREADS] = {0};
  atomic_init(&p->next_chunk, 0);
  p->chunk_count = (p->trials + CHUNK_TRIALS - 1) / CHUNK_TRIALS;
  for (size_t i = 1; i < count; i++)
    started[i] = pthread_create(&threads[i], NULL, worker_main, &workers[i]) == 0;
  worker_main(&workers[0]);
  for (size_t i = 1; i < count; i++)
    if (started[i]) pthread_join(threads[i], NULL);
}

/* ---- from counts to results ------------------------------------------ */

/* The nearest rank of `percent` among `trials` (1-based). */
static uint32_t rank_of(unsigned percent, size_t trials) {
  return (uint32_t)((percent * (uint64_t)trials + 99) / 100);
}

/* Whether a target's value is known to 2^-7 (relative). */
static int target_done(const target *t) {
  return t->seen_max - t->seen_min <= (UINT64_C(1) << FINE_SHIFT);
}

/* The value reported for a finished target: the middle of what is left,
 * or for a scenario whose losses are counts times a unit loss, the count
 * times the unit loss nearest to it (exact while counts are below 64: the
 * interval, 2^-7 wide, then holds one of them). */
static double target_value(const model *m, const target *t) {
  double lo = double_of(t->seen_min), hi = double_of(t->seen_max), mid = lo + (hi - lo) / 2;
  size_t s = t->quantity / BD_SIM_STATE_COUNT;
  if (s >= m->in->scenario_count || !m->scenarios[s].counted) return mid;
  double unit = m->scenarios[s].unit_loss[t->quantity % BD_SIM_STATE_COUNT];
  double n = unit > 0 ? floor(mid / unit + 0.5) : 0;
  return n >= 1 ? n * unit : mid;
}

/* Sets up the bins of target t for the next pass. */
static void target_bins(target *t, size_t *offset) {
  unsigned shift = FINE_SHIFT;
  while (t->width > 0 && ((t->width - 1) >> shift) >= FINE_MAX_BINS) shift++;
  t->shift = shift;
  t->bins = t->width > 0 ? (unsigned)(((t->width - 1) >> shift) + 1) : 0;
  t->offset = *offset + 1; /* after a bin for the values outside (see observe_target) */
  *offset += 1 + t->bins;
}

/* Narrows target t to the bin holding its rank, from the pass's counts
 * `counts` (t->bins of them) and the extremes seen in its interval. */
static void target_narrow(target *t, const uint32_t *counts, uint64_t seen_min, uint64_t seen_max) {
  uint32_t cum = t->below;
  unsigned first = t->bins, last = 0, pick = 0;
  for (unsigned i = 0; i < t->bins; i++) {
    if (counts[i] == 0) continue;
    if (first == t->bins) first = i;
    last = i;
  }
  for (unsigned i = 0; i < t->bins; i++) {
    if (cum + counts[i] >= t->rank) {
      pick = i;
      break;
    }
    cum += counts[i];
  }
  uint64_t lo = t->lo + ((uint64_t)pick << t->shift);
  uint64_t end = t->lo + t->width, hi = lo + (UINT64_C(1) << t->shift);
  if (hi > end || hi < lo) hi = end;
  t->below = cum;
  t->lo = lo;
  t->width = hi - lo;
  t->seen_min = pick == first ? seen_min : lo;
  t->seen_max = pick == last ? seen_max : hi - 1;
}

/* Everything bd_simulate() keeps between passes. */
typedef struct run {
  model m;
  worker workers[MAX_THREADS];
  size_t worker_count;
  size_t pilot_trials;
  int *scale_exponent;  /* per quantity */
  double *quantile;     /* per quantity x 3 */
  target *targets;      /* the unfinished ones */
  size_t target_total;  /* in targets */
  size_t *first_target; /* per quantity */
  unsigned char *target_count;
  size_t *scenario_list;
  uint64_t *sums; /* merged fixed-point sums */
  uint32_t *pays; /* merged */
  uint32_t curve_counts[BD_SIM_STATE_COUNT][BD_SIM_CURVE_POINTS + 1];
  double curve_x[BD_SIM_CURVE_POINTS];
} run;

/* The number of threads to use. */
static size_t thread_count(const bd_sim_input *in) {
  long n = in->threads ? (long)in->threads : sysconf(_SC_NPROCESSORS_ONLN);
  size_t chunks = (in->trials + CHUNK_TRIALS - 1) / CHUNK_TRIALS;
  if (n < 1) n = 1;
  if (n > MAX_THREADS) n = MAX_THREADS;
  return (size_t)n < chunks ? (size_t)n : (chunks ? chunks : 1);
}

/* The curve's points from the pilot's totals: 0, then geometric from half
 * the smallest positive total (at least 1e-6 of the top) to twice the
 * largest. */
static void curve_points(run *r, const sketch *totals) {
  uint64_t lo = UINT64_MAX, hi = 0;
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++) {
    if (totals[st].nonzero == 0) continue;
    if (totals[st].min_bits < lo) lo = totals[st].min_bits;
    if (totals[st].max_bits > hi) hi = totals[st].max_bits;
  }
  double *x = r->curve_x;
  x[0] = 0;
  double top = hi ? 2 * double_of(hi) : 1.0, bottom = lo != UINT64_MAX ? double_of(lo) / 2 : top;
  if (bottom < top * 1e-6) bottom = top * 1e-6;
  const int n = BD_SIM_CURVE_POINTS - 1;
  if (bottom >= top) {
    for (int i = 1; i <= n; i++) x[i] = top * i / n;
  } else {
    double a = bd_sim_log(bottom), b = bd_sim_log(top);
    for (int i = 1; i < n; i++) x[i] = sim_exp(a + (b - a) * (i - 1) / (n - 1));
    x[1] = bottom;
    x[n] = top;
  }
  for (int i = 1; i <= n; i++)
    if (!(x[i] > x[i - 1])) x[i] = nextafter(x[i - 1], HUGE_VAL);
}

/* The pattern of the bin edge of sketch k below positive rank `rank`
 * (1-based), or above it (`upper`).  Ranks outside the positive values
 * give the edges of the lowest or the highest bin (an estimate like the
 * others: a quantile outside its window is found by refining passes). */
static uint64_t sketch_edge(const sketch *k, uint32_t rank, int upper) {
  if (k->nonzero == 0) return 1;
  if (rank < 1) rank = 1;
  if (rank > k->nonzero) rank = k->nonzero;
  uint32_t cum = 0;
  size_t bin = 0;
  for (; bin < SKETCH_BINS - 1; bin++) {
    if (cum + k->counts[bin] >= rank) break;
    cum += k->counts[bin];
  }
  unsigned shift = SKETCH_SHIFT + k->level;
  return (k->start + bin + (upper ? 1 : 0)) << shift;
}

/* After the pilot: every quantity's scale for the sums, every quantile's
 * window (from 4.5 standard errors below to 4.5 above its rank among the
 * pilot's trials), and the curve's points.  -1 when memory ran out. */
static int after_pilot(run *r) {
  const model *m = &r->m;
  size_t Q = m->quantities, P = r->pilot_trials;
  sketch *merged = r->workers[0].sketches;
  for (size_t i = 1; i < r->worker_count; i++)
    for (size_t q = 0; q < Q; q++) sketch_merge(&merged[q], &r->workers[i].sketches[q]);
  r->scale_exponent = calloc(Q, sizeof *r->scale_exponent);
  r->quantile = calloc(3 * Q, sizeof *r->quantile);
  r->targets = calloc(3 * Q, sizeof *r->targets);
  if (!r->scale_exponent || !r->quantile || !r->targets) return -1;
  size_t trials = m->in->trials;
  for (size_t q = 0; q < Q; q++) {
    const sketch *k = &merged[q];
    int exponent = k->nonzero ? (int)(k->max_bits >> 52) : 1023 + 40;
    r->scale_exponent[q] = exponent < 1 ? 1 : exponent;
    uint32_t zeros = (uint32_t)(P - k->nonzero);
    for (unsigned j = 0; j < 3; j++) {
      double share = PERCENTS[j] / 100.0;
      double spread = 3.5 * sqrt(share * (1 - share) / (double)P) + 2.0 / (double)P;
      double low_rank = (share - spread) * (double)P, high_rank = (share + spread) * (double)P;
      target t = {.quantity = q, .percent_index = j, .rank = rank_of(PERCENTS[j], trials)};
      uint32_t low = low_rank <= zeros ? 0 : (uint32_t)(low_rank - zeros);
      uint32_t high = high_rank <= zeros ? 0 : (uint32_t)ceil(high_rank - zeros);
      t.lo = sketch_edge(k, low, 0);
      uint64_t hi = high == 0 ? t.lo : sketch_edge(k, high, 1);
      t.width = hi > t.lo ? hi - t.lo : 0;
      r->targets[r->target_total++] = t;
    }
  }
  curve_points(r, &merged[total_quantity(m)]);
  return 0;
}

/* After the main pass: merges the counts; every quantile is 0, or found
 * in its window (narrowed to its bin), or below or above it (the interval
 * between the window and the extremes).  Finished ones leave the list. */
static int after_main(run *r, pass *p) {
  const model *m = &r->m;
  size_t Q = m->quantities, S = m->in->scenario_count;
  worker *w0 = &r->workers[0];
  for (size_t i = 1; i < r->worker_count; i++) {
    const worker *w = &r->workers[i];
    for (size_t s = 0; s < S; s++) w0->pays[s] += w->pays[s];
    for (size_t q = 0; q < Q; q++) {
      quantity_counts *into = &w0->counts[q];
      const quantity_counts *from = &w->counts[q];
      into->nonzero += from->nonzero;
      if (from->min < into->min) into->min = from->min;
      if (from->max > into->max) into->max = from->max;
      uint64_t carry = 0;
      for (int k = 0; k < SUM_WORDS; k++) {
        uint64_t a = w0->sums[SUM_WORDS * q + k], b = w->sums[SUM_WORDS * q + k];
        uint64_t sum = a + b + carry;
        carry = sum < a || (carry && sum == a);
        w0->sums[SUM_WORDS * q + k] = sum;
      }
    }
    for (size_t t = 0; t < r->target_total; t++) {
      w0->below[t] += w->below[t];
      if (w->seen[2 * t] < w0->seen[2 * t]) w0->seen[2 * t] = w->seen[2 * t];
      if (w->seen[2 * t + 1] > w0->seen[2 * t + 1]) w0->seen[2 * t + 1] = w->seen[2 * t + 1];
    }
    for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
      for (int i2 = 0; i2 <= BD_SIM_CURVE_POINTS; i2++)
        w0->curve_counts[st][i2] += w->curve_counts[st][i2];
  }
  r->sums = w0->sums;
  w0->sums = NULL;
  r->pays = w0->pays;
  w0->pays = NULL;
  memcpy(r->curve_counts, w0->curve_counts, sizeof r->curve_counts);
  size_t kept = 0;
  for (size_t i = 0; i < r->target_total; i++) {
    target t = r->targets[i];
    size_t q = t.quantity;
    uint32_t zeros = (uint32_t)(m->in->trials - w0->counts[q].nonzero);
    if (t.rank <= zeros) continue; /* 0, already in r->quantile */
    t.rank -= zeros;
    uint32_t below = w0->below[i], inside = 0;
    for (unsigned b = 0; b < t.bins; b++) inside += w0->fine_total[t.offset + b];
    uint64_t min = w0->counts[q].min, max = w0->counts[q].max;
    if (t.rank <= below) { /* under the window */
      t.width = t.lo - min;
      t.lo = min;
      t.below = 0;
      t.seen_min = min;
      t.seen_max = t.lo + t.width - 1;
    } else if (t.rank > below + inside) { /* over it */
      uint64_t from = t.lo + t.width;
      if (from < min) from = min;
      t.lo = from;
      t.width = max + 1 - from;
      t.below = below + inside;
      t.seen_min = from;
      t.seen_max = max;
    } else {
      t.below = below;
      target_narrow(&t, &w0->fine_total[t.offset], w0->seen[2 * i], w0->seen[2 * i + 1]);
    }
    if (target_done(&t))
      r->quantile[3 * q + t.percent_index] = target_value(m, &t);
    else
      r->targets[kept++] = t;
  }
  r->target_total = kept;
  return 0;
}

/* After a refining pass: merges the counts and narrows the targets;
 * finished ones leave the list. */
static void after_refine(run *r, pass *p) {
  worker *w0 = &r->workers[0];
  for (size_t i = 1; i < r->worker_count; i++) {
    const worker *w = &r->workers[i];
    for (size_t t = 0; t < r->target_total; t++) {
      if (w->seen[2 * t] < w0->seen[2 * t]) w0->seen[2 * t] = w->seen[2 * t];
      if (w->seen[2 * t + 1] > w0->seen[2 * t + 1]) w0->seen[2 * t + 1] = w->seen[2 * t + 1];
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < r->target_total; i++) {
    target t = r->targets[i];
    target_narrow(&t, &w0->fine_total[t.offset], w0->seen[2 * i], w0->seen[2 * i + 1]);
    if (target_done(&t))
      r->quantile[3 * t.quantity + t.percent_index] = target_value(&r->m, &t);
    else
      r->targets[kept++] = t;
  }
  r->target_total = kept;
}

/* Adds every worker's window counts into the first worker's fine_total,
 * freeing the others' as it goes; -1 when memory ran out. */
static int merge_fine(run *r, const pass *p) {
  worker *w0 = &r->workers[0];
  if (flush_fine(w0) != 0) return -1;
  free(w0->fine);
  w0->fine = NULL;
  for (size_t i = 1; i < r->worker_count; i++) {
    worker *w = &r->workers[i];
    for (size_t b = 0; b < p->fine_bins; b++)
      w0->fine_total[b] += w->fine[b] + (w->fine_total ? w->fine_total[b] : 0);
    free(w->fine);
    free(w->fine_total);
    w->fine = NULL;
    w->fine_total = NULL;
  }
  return 0;
}

/* Runs every worker's part of pass p; -1 when memory ran out. */
static int do_pass(run *r, pass *p) {
  for (size_t i = 0; i < r->worker_count; i++) {
    worker_clear_pass(&r->workers[i]);
    if (worker_start_pass(&r->workers[i], p, r->target_total) != 0) return -1;
  }
  run_pass(p, r->workers, r->worker_count);
  return p->kind == PASS_PILOT ? 0 : merge_fine(r, p);
}

/* The statistics of quantity q. */
static bd_sim_stats quantity_stats(const run *r, size_t q) {
  bd_sim_stats st = {0};
  const uint64_t *sum = &r->sums[SUM_WORDS * q];
  double total = 0;
  for (int k = SUM_WORDS - 1; k >= 0; k--) total = total * 0x1p64 + (double)sum[k];
  st.mean = ldexp(total, r->scale_exponent[q] - 1075 - SUM_SHIFT) / (double)r->m.in->trials;
  st.p5 = r->quantile[3 * q];
  st.p50 = r->quantile[3 * q + 1];
  st.p95 = r->quantile[3 * q + 2];
  return st;
}

/* Copies the results into the arena. */
static int write_result(const run *r, bd_arena *arena, bd_sim_result **out, unsigned passes) {
  const bd_sim_input *in = r->m.in;
  bd_sim_result *res = bd_arena_alloc(arena, sizeof *res);
  if (res == NULL) return -1;
  res->scenarios = bd_arena_array(arena, in->scenario_count, sizeof *res->scenarios);
  res->losses = bd_arena_array(arena, in->loss_count, sizeof *res->losses);
  if ((in->scenario_count && !res->scenarios) || (in->loss_count && !res->losses)) return -1;
  res->trials = in->trials;
  res->seed = in->seed;
  res->passes = passes;
  for (size_t s = 0; s < in->scenario_count; s++) {
    bd_sim_scenario_result *sr = &res->scenarios[s];
    for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
      sr->state[st] = quantity_stats(r, s * BD_SIM_STATE_COUNT + r->m.scenarios[s].alias[st]);
    sr->has_pays_off = in->scenarios[s].cost_count > 0;
    sr->pays_off = sr->has_pays_off ? (double)r->pays[s] / (double)in->trials : 0;
  }
  for (size_t l = 0; l < in->loss_count; l++)
    for (int st = 0; st < BD_SIM_STATE_COUNT; st++)
      res->losses[l][st] = quantity_stats(r, loss_quantity(&r->m, l) + (size_t)st);
  for (int st = 0; st < BD_SIM_STATE_COUNT; st++) {
    res->total[st] = quantity_stats(r, total_quantity(&r->m) + (size_t)st);
    uint32_t above = 0; /* trials above curve_x[i] */
    for (int i = BD_SIM_CURVE_POINTS - 1; i >= 0; i--) {
      above += r->curve_counts[st][i + 1];
      res->curve_exceed[st][i] = (double)above / (double)in->trials;
    }
  }
  memcpy(res->curve_x, r->curve_x, sizeof res->curve_x);
  *out = res;
  return 0;
}

static void run_free(run *r) {
  for (size_t i = 0; i < r->worker_count; i++) worker_free(&r->workers[i]);
  free(r->scale_exponent);
  free(r->quantile);
  free(r->targets);
  free(r->first_target);
  free(r->target_count);
  free(r->scenario_list);
  free(r->sums);
  free(r->pays);
  model_free(&r->m);
  free(r);
}

/* Builds the per-quantity index of the unfinished targets and their bins,
 * and the list of scenarios a refining pass needs (all_scenarios when a
 * loss or the total is among them); returns the number of bins, or
 * SIZE_MAX when memory ran out. */
static size_t index_targets(run *r, pass *p) {
  size_t Q = r->m.quantities, S = r->m.in->scenario_count, offset = 0;
  if (r->first_target == NULL) {
    r->first_target = calloc(Q, sizeof *r->first_target);
    r->target_count = calloc(Q, 1);
    r->scenario_list = calloc(S ? S : 1, sizeof *r->scenario_list);
    if (!r->first_target || !r->target_count || !r->scenario_list) return SIZE_MAX;
  }
  memset(r->target_count, 0, Q);
  p->all_scenarios = p->kind != PASS_REFINE;
  p->scenario_list_count = 0;
  size_t last = SIZE_MAX;
  for (size_t i = 0; i < r->target_total; i++) {
    target *t = &r->targets[i];
    if (r->target_count[t->quantity]++ == 0) r->first_target[t->quantity] = i;
    target_bins(t, &offset);
    size_t s = t->quantity / BD_SIM_STATE_COUNT;
    if (s >= S)
      p->all_scenarios = 1;
    else if (s != last)
      r->scenario_list[p->scenario_list_count++] = last = s;
  }
  p->targets = r->targets;
  p->first_target = r->first_target;
  p->target_count = r->target_count;
  p->scale_exponent = r->scale_exponent;
  p->scenario_list = r->scenario_list;
  p->curve_x = r->curve_x;
  p->fine_bins = offset;
  return offset;
}

int bd_simulate(const bd_sim_input *in, bd_arena *arena, bd_sim_result **out, bd_diags *diags) {
  *out = NULL;
  run *r = calloc(1, sizeof *r);
  if (r == NULL) return bd_diag_add(diags, in->file, 0, 0, "simulation: out of memory");
  if (model_init(&r->m, in, diags) != 0) {
    free(r);
    return -1;
  }
  size_t count = thread_count(in);
  for (; r->worker_count < count; r->worker_count++)
    if (worker_init(&r->workers[r->worker_count], &r->m) != 0) {
      r->worker_count++;
      goto out_of_memory;
    }
  r->pilot_trials = in->trials < PILOT_TRIALS ? in->trials : PILOT_TRIALS;
  pass pilot = {.m = &r->m, .kind = PASS_PILOT, .trials = r->pilot_trials, .all_scenarios = 1};
  if (do_pass(r, &pilot) != 0 || after_pilot(r) != 0) goto out_of_memory;
  unsigned passes = 1;
  for (int kind = PASS_MAIN; kind == PASS_MAIN || r->target_total > 0; kind = PASS_REFINE) {
    pass p = {.m = &r->m, .kind = kind, .trials = in->trials};
    if (index_targets(r, &p) == SIZE_MAX || do_pass(r, &p) != 0) goto out_of_memory;
    if (kind == PASS_MAIN)
      after_main(r, &p);
    else
      after_refine(r, &p);
    passes++;
  }
  if (write_result(r, arena, out, passes) != 0) goto out_of_memory;
  run_free(r);
  return 0;
out_of_memory:
  run_free(r);
  *out = NULL;
  return bd_diag_add(diags, in->file, 0, 0, "simulation: out of memory");
}

/* ---- replaying single trials ----------------------------------------- */

struct bd_sim_replay {
  model m;
  worker w;
};

bd_sim_replay *bd_sim_replay_new(const bd_sim_input *in, bd_diags *diags) {
  bd_sim_replay *r = calloc(1, sizeof *r);
  if (r == NULL) {
    bd_diag_add(diags, in->file, 0, 0, "simulation: out of memory");
    return NULL;
  }
  if (model_init(&r->m, in, diags) != 0) {
    free(r);
    return NULL;
  }
  if (worker_init(&r->w, &r->m) != 0) {
    bd_sim_replay_free(r);
    bd_diag_add(diags, in->file, 0, 0, "simulation: out of memory");
    return NULL;
  }
  return r;
}

void bd_sim_replay_trial(bd_sim_replay *replay, size_t trial, double *scenario, double *loss,
                         double *total, signed char *pays) {
  run_chunk(&replay->w, trial, 1, scenario, loss, total, pays);
}

void bd_sim_replay_free(bd_sim_replay *replay) {
  if (replay == NULL) return;
  worker_free(&replay->w);
  model_free(&replay->m);
  free(replay);
}
