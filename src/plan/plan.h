/*
 * plan.h - the plan model: what the loader read, validated, with defaults
 * applied.  Built by bd_plan_load() (load.h) in an arena and read-only after
 * that; the analysis (analyse.h) turns it into a report.
 *
 * Every reference is already resolved to an index, every id is unique, and
 * every value is in range: code that reads a bd_plan needs no checks.
 * Durations are in hours, frequencies in incidents per year, shares 0..1,
 * dates in days since 1970-01-01.
 */
#ifndef BD_PLAN_H
#define BD_PLAN_H

#include <stddef.h>

#include "badday/report.h"

/* Bits of bd_plan_measure.effect_set. */
enum {
  BD_EFFECT_FREQUENCY = 1 << 0,
  BD_EFFECT_IMPACT = 1 << 1,
  BD_EFFECT_DETECT = 1 << 2,
  BD_EFFECT_RECOVER = 1 << 3
};

/* Where a key is in the plan file, 1-based; line 0 when it is absent. */
typedef struct bd_plan_pos {
  unsigned line, column;
} bd_plan_pos;

/* How a value of the plan was given (plan format, "Values", Range): a
 * point value (is_range 0, the rest 0), or a range [low, high], low <=
 * high, a calibrated 90 % interval whose mean is the plan's figure. */
typedef struct bd_plan_range {
  int is_range;
  double low, high;      /* in the value's unit: per year, share, hours, amount */
  unsigned line, column; /* where the list is in the file */
} bd_plan_range;

/* The simulation settings (`simulate`), defaults applied. */
enum { BD_PLAN_DEFAULT_TRIALS = 10000, BD_PLAN_MIN_TRIALS = 1000, BD_PLAN_MAX_TRIALS = 1000000 };

typedef struct bd_plan_measure {
  const char *id; /* NULL when not given */
  const char *title;
  bd_kind kind;
  bd_status status;    /* default planned */
  unsigned effect_set; /* BD_EFFECT_* bits */
  double effect_frequency, effect_impact, effect_detect_h, effect_recover_h;
  double cost_once, cost_yearly; /* 0 when not given */
  int has_cost;                  /* `cost` gives once or yearly */
  /* testing only */
  int has_verifies;       /* 0: the default (every non-test measure) */
  const size_t *verifies; /* indices into the scenario's measures, never a test */
  size_t verifies_count;
  int has_last_run;
  long last_run;             /* days since epoch */
  const char *last_run_text; /* "YYYY-MM-DD" or NULL */
  bd_result result;          /* default pass */
  bd_extensions extensions;
  unsigned line, column;
  /* the keys lint warnings point at: frequency, impact, detect, recover in
   * `effect` (in BD_EFFECT_* bit order), `verifies` and `last_run` */
  bd_plan_pos effect_at[4];
  bd_plan_pos verifies_at, last_run_at;
  /* ranges of the effects (in BD_EFFECT_* bit order) and of the costs */
  bd_plan_range effect_range[4];
  bd_plan_range cost_once_range, cost_yearly_range;
} bd_plan_measure;

/* The check --fail-on rules a scenario may waive, in this order. */
enum { BD_WAIVABLE_RULE_COUNT = 4 };
extern const char *const bd_waivable_rules[BD_WAIVABLE_RULE_COUNT]; /* "over-cap", ... */

/* One entry of a scenario's `waive` list: a CI gate rule that does not
 * fail the gate for the scenario up to and including `until`. */
typedef struct bd_plan_waiver {
  const char *rule; /* one of bd_waivable_rules (static) */
  const char *reason;
  long until;             /* days since epoch */
  const char *until_text; /* "YYYY-MM-DD" */
  unsigned line, column;  /* where the entry starts */
} bd_plan_waiver;

typedef struct bd_plan_scenario {
  const char *id;
  const char *title;
  size_t failure;   /* index into plan->failures */
  double frequency; /* per year */
  double impact;    /* default 1 */
  double detect_h;  /* default 0 */
  double recover_h;
  const char *accept; /* NULL when not given */
  bd_plan_measure *measures;
  size_t measure_count;
  bd_extensions extensions;
  unsigned line, column;
  bd_plan_waiver *waivers; /* in file order, each rule at most once */
  size_t waiver_count;
  /* ranges of frequency, impact, detect and recover (BD_EFFECT_* bit order) */
  bd_plan_range range[4];
} bd_plan_scenario;

typedef struct bd_plan_failure {
  const char *id;
  const char *title;
  size_t loss; /* index into plan->losses */
  bd_extensions extensions;
  unsigned line, column;
} bd_plan_failure;

typedef struct bd_plan_loss {
  const char *id;
  const char *title;
  double *per_hour;     /* plan->category_count amounts, 0 when absent */
  double *per_incident; /* plan->category_count amounts, 0 when absent */
  bd_extensions extensions;
  unsigned line, column;
  /* ranges of the amounts, plan->category_count each; NULL when the loss
   * has no range */
  bd_plan_range *per_hour_range, *per_incident_range;
} bd_plan_loss;

typedef struct bd_plan {
  const char *path; /* as given to the loader */
  int format;       /* 1 */
  const char *service;
  const char *owner;  /* or NULL */
  const char *period; /* or NULL */
  long as_of;         /* days since epoch; default applied */
  long today;         /* the day of the load (bd_load_options.today): the
                         day a waiver's `until` is compared with */
  char as_of_text[11];
  char currency[4]; /* default "USD" */
  char sha256[65];  /* SHA-256 of the plan file's bytes, lower-case hex */
  int has_slo;
  double slo;            /* percent, 0 < slo < 100 */
  double amortize_years; /* default 3, > 0 */
  double stale_after_h;  /* default 100d */
  double risk_cap;       /* default 0.25 */
  /* revenue, penalty, brand, productivity, then others by first appearance */
  const char **categories;
  size_t category_count;
  bd_plan_loss *losses;
  size_t loss_count;
  bd_plan_failure *failures;
  size_t failure_count;
  bd_plan_scenario *scenarios;
  size_t scenario_count;
  bd_extensions extensions;
  int has_ranges;                   /* some value is given as a range */
  size_t simulate_trials;           /* simulate.trials, default 10,000 */
  unsigned long long simulate_seed; /* simulate.seed, default 1 */
} bd_plan;

#endif
