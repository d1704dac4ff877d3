/*
 * badday/report.h - the read-only report model handed to output plugins.
 *
 * The core loads a plan, analyses it and builds one bd_report.  Everything a
 * view needs is computed here once (figures for the three states and the
 * fourth, proven, decisions, verification, the coverage grid, the order of
 * the decisions list, the heat of every loss-matrix cell), so a plugin only
 * draws: it never recomputes or re-derives a figure.
 *
 * Memory: the whole model belongs to the host.  A plugin may read it during
 * one render call and must not keep a pointer to any part of it afterwards.
 * All strings are UTF-8 and NUL-terminated; optional strings are NULL when
 * the plan does not give them.  Arrays come with a count; an index into
 * another array is always valid.
 *
 * Growth (ABI 2.0): a struct is only ever reached through a pointer and only
 * grows at its end; read a member newer than your build only after BD_HAS
 * (badday/plugin.h).  So every struct starts with struct_size (the host's
 * sizeof), and a list of structs is an array of pointers to them
 * (r->scenarios[i]->title): an element growing never moves the next one.
 * Arrays of plain values (indices, by_category amounts) stay plain arrays.
 *
 * No libyaml, libxml2 or cairo type crosses this header.  See
 * badday/plugin.h for the ABI policy and its change log.
 */
#ifndef BADDAY_REPORT_H
#define BADDAY_REPORT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The four kinds of measure, in the order every view shows them. */
typedef enum bd_kind {
  BD_KIND_DETECTIVE = 0,
  BD_KIND_PREVENTIVE = 1,
  BD_KIND_RECOVERY = 2,
  BD_KIND_TESTING = 3
} bd_kind;
#define BD_KIND_COUNT 4

/* Whether a measure is in place. */
typedef enum bd_status { BD_STATUS_PLANNED = 0, BD_STATUS_IMPLEMENTED = 1 } bd_status;

/* The result of a test run. */
typedef enum bd_result { BD_RESULT_PASS = 0, BD_RESULT_FAIL = 1 } bd_result;

/* How a measure is proven by tests (plan format, "Verification"). */
typedef enum bd_verification {
  BD_VERIFICATION_UNVERIFIED = 0,
  BD_VERIFICATION_VERIFIED = 1,
  BD_VERIFICATION_STALE = 2,
  BD_VERIFICATION_FAILING = 3
} bd_verification;

/* One cell of the coverage grid (plan format, "Coverage"). */
typedef enum bd_cell {
  BD_CELL_NONE = 0,
  BD_CELL_PLANNED = 1,
  BD_CELL_IMPLEMENTED = 2,
  BD_CELL_STALE = 3,
  BD_CELL_VERIFIED = 4,
  BD_CELL_FAILING = 5
} bd_cell;
#define BD_CELL_COUNT 6

/* The decision for a scenario (plan format, "Analysis"). */
typedef enum bd_decision {
  BD_DECISION_MONITOR = 0,
  BD_DECISION_ACCEPT = 1,
  BD_DECISION_MITIGATE = 2,
  BD_DECISION_ACCEPTED = 3
} bd_decision;

/* The three states every scenario is computed in, as indices of state[] and
 * totals[].  The fourth state, proven, came later and has members of its
 * own (bd_scenario.proven, bd_report.proven_totals, eal_proven). */
typedef enum bd_state {
  BD_STATE_BASELINE = 0, /* no measures at all */
  BD_STATE_CURRENT = 1,  /* implemented measures */
  BD_STATE_PLANNED = 2   /* implemented and planned measures */
} bd_state;
#define BD_STATE_COUNT 3

/* An `x-` extension key kept from the plan: its value as compact JSON text. */
typedef struct bd_extension {
  size_t struct_size; /* sizeof(bd_extension) of the host */
  const char *key;    /* e.g. "x-jira" */
  const char *json;   /* e.g. "{\"project\":\"OPS\"}" */
} bd_extension;

/* A list of extension keys, in file order.  Not a model struct but a list
 * handle embedded in the structs that have extensions: it is (items, count)
 * for good and never grows, so it has no struct_size. */
typedef struct bd_extensions {
  const bd_extension *const *items;
  size_t count;
} bd_extensions;

/* A simulated yearly loss (ABI 2.2; plan format, "Ranges"): the mean and
 * the 5th, 50th and 95th percentiles over the simulated years.  Fixed for
 * good (four doubles), so it has no struct_size. */
typedef struct bd_range {
  double mean, p5, p50, p95;
} bd_range;

/* The figures of one scenario (or a sum of scenarios) in one state. */
typedef struct bd_figures {
  size_t struct_size;        /* sizeof(bd_figures) of the host */
  double frequency;          /* incidents per year in this state */
  double impact;             /* share 0..1 */
  double detect_h;           /* hours */
  double recover_h;          /* hours */
  double eal;                /* expected annual loss, the sum of by_category */
  double downtime_h;         /* frequency x (detect + recover) x impact */
  const double *by_category; /* report->category_count yearly losses */
  /* ABI 2.2: the simulated yearly loss when the plan has ranges, else NULL */
  const bd_range *range;
} bd_figures;

/* Totals of the whole plan in one state. */
typedef struct bd_totals {
  size_t struct_size; /* sizeof(bd_totals) of the host */
  double eal;
  double downtime_h;
  double budget_used;        /* downtime_h / error budget; 0 without an slo */
  const double *by_category; /* report->category_count sums */
  /* ABI 2.2: the simulated yearly loss when the plan has ranges, else NULL */
  const bd_range *range;
} bd_totals;

/* A measure of a scenario, in file order. */
typedef struct bd_measure {
  size_t struct_size; /* sizeof(bd_measure) of the host */
  const char *id;     /* NULL when the plan gives none */
  const char *title;
  bd_kind kind;
  bd_status status;
  /* effect: the value the scenario has once the measure is in place */
  int has_effect_frequency, has_effect_impact, has_effect_detect, has_effect_recover;
  double effect_frequency, effect_impact, effect_detect_h, effect_recover_h;
  double cost_once, cost_yearly; /* 0 when not given */
  double annual_cost;            /* cost_once / amortize_years + cost_yearly */
  bd_verification verification;  /* how tests prove this measure */
  /* testing measures only: */
  const size_t *verifies; /* indices into the scenario's measures */
  size_t verifies_count;
  const char *last_run; /* "YYYY-MM-DD" or NULL */
  bd_result result;
  bd_cell test_state; /* how this test itself is judged (testing column rule) */
  bd_extensions extensions;
  unsigned line; /* where the measure starts in the plan, 1-based */
} bd_measure;

/* A `check --fail-on` rule waived for one scenario (the plan's `waive`;
 * ABI 2.1), as the plan gives it. */
typedef struct bd_waiver {
  size_t struct_size; /* sizeof(bd_waiver) of the host */
  const char *rule;   /* "over-cap", "stale", "failing" or "uncovered" */
  const char *reason; /* who waived it and why */
  const char *until;  /* "YYYY-MM-DD": the last day the waiver holds */
  int expired;        /* the day of the check (today, or SOURCE_DATE_EPOCH's day) is after until */
} bd_waiver;

/* A scenario with all its computed figures. */
typedef struct bd_scenario {
  size_t struct_size; /* sizeof(bd_scenario) of the host */
  const char *id;
  const char *title;
  size_t failure;     /* index into report->failures */
  size_t loss;        /* index into report->losses */
  const char *accept; /* the reason the risk is accepted, or NULL */
  const bd_figures *state[BD_STATE_COUNT];
  double plan_cost; /* sum of annual_cost over planned measures */
  double reduction; /* EAL(current) - EAL(planned) */
  bd_decision decision;
  int has_budget_share; /* 0 without an slo */
  double budget_share;  /* current downtime / error budget */
  int over_cap;         /* budget_share > risk_cap */
  int needs_decision;   /* decision mitigate or accept, or over_cap */
  bd_cell coverage[BD_KIND_COUNT];
  const bd_measure *const *measures;
  size_t measure_count;
  /* loss-matrix shading: current by_category / the largest cell, 0..1 */
  const double *heat_by_category;
  bd_extensions extensions;
  unsigned line;
  /* ABI 2.1: the CI gate rules waived for this scenario, in file order
   * (read after BD_HAS(s, bd_scenario, waiver_count)) */
  const bd_waiver *const *waivers;
  size_t waiver_count;
  /* ABI 2.1: the fourth state, proven (plan format, Analysis): only the implemented
   * measures that are verified; not in state[], so that BD_STATE_COUNT
   * stays 3 for plugins built with three states */
  const bd_figures *proven;
  /* ABI 2.2 (plan format, "Ranges"): only when the plan has ranges and the
   * scenario has planned measures that count (has_pays_off): the share of
   * simulated years in which the loss avoided is at least that year's plan
   * cost, 0..1 */
  int has_pays_off;
  double pays_off;
  /* ABI 2.2: how sure the decision is, when the plan has ranges and the
   * decision is mitigate (confidence = pays_off) or accept (1 - pays_off);
   * uncertain: has_confidence and confidence < 0.6 */
  int has_confidence;
  double confidence;
  int uncertain;
} bd_scenario;

/* A failure type; its scenarios in file order. */
typedef struct bd_failure {
  size_t struct_size; /* sizeof(bd_failure) of the host */
  const char *id;
  const char *title;
  size_t loss;             /* index into report->losses */
  const size_t *scenarios; /* indices into report->scenarios */
  size_t scenario_count;
  double eal[BD_STATE_COUNT]; /* sum over its scenarios */
  bd_extensions extensions;
  unsigned line;
  /* ABI 2.1: the fourth state, proven (plan format, Analysis): sum over its scenarios */
  double eal_proven;
} bd_failure;

/* A business loss; its failure types in file order. */
typedef struct bd_loss {
  size_t struct_size; /* sizeof(bd_loss) of the host */
  const char *id;
  const char *title;
  const double *per_hour;     /* report->category_count amounts, 0 when absent */
  const double *per_incident; /* report->category_count amounts, 0 when absent */
  const size_t *failures;     /* indices into report->failures */
  size_t failure_count;
  double eal[BD_STATE_COUNT]; /* sum over its failure types */
  bd_extensions extensions;
  unsigned line;
  /* ABI 2.1: the fourth state, proven (plan format, Analysis): sum over its failure types */
  double eal_proven;
  /* ABI 2.2: the simulated yearly loss of the loss in each state when the
   * plan has ranges, else NULL (range[] by bd_state, then proven) */
  const bd_range *range[BD_STATE_COUNT];
  const bd_range *range_proven;
} bd_loss;

/* What a node of a scenario tree stands for. */
typedef enum bd_node_type {
  BD_NODE_LOSS = 0,
  BD_NODE_FAILURE = 1,
  BD_NODE_SCENARIO = 2,
  BD_NODE_MEASURE = 3
} bd_node_type;

/* A node of a laid-out scenario tree.  The layout is abstract: `depth` is
 * the column (0 loss, 1 failure type, 2 scenario, 3 measure) and `row` the
 * vertical centre in row units (leaves sit on consecutive rows 0, 1, 2, ...,
 * a parent midway between its first and last child).  A renderer maps
 * columns and rows to its own box sizes; boxes never overlap when each box
 * is at most one row high.  Computed in time linear in the nodes. */
typedef struct bd_tree_node {
  size_t struct_size; /* sizeof(bd_tree_node) of the host */
  bd_node_type type;
  size_t index;   /* into losses, failures or scenarios; for a measure its scenario */
  size_t measure; /* for a measure: index into that scenario's measures */
  size_t parent;  /* index into the tree's nodes; BD_NO_PARENT for the root */
  unsigned depth;
  double row;
} bd_tree_node;
#define BD_NO_PARENT ((size_t)-1)

/* The scenario tree of one business loss; nodes in depth-first order, the
 * root (the loss) first, so a parent always precedes its children. */
typedef struct bd_tree {
  size_t struct_size; /* sizeof(bd_tree) of the host */
  size_t loss;        /* index into report->losses */
  const bd_tree_node *const *nodes;
  size_t node_count;
  size_t row_count; /* number of leaf rows: the tree's height in rows */
} bd_tree;

/* What a row of the loss matrix stands for. */
typedef enum bd_row_type {
  BD_ROW_LOSS = 0,    /* group header: a business loss */
  BD_ROW_FAILURE = 1, /* group header: a failure type */
  BD_ROW_SCENARIO = 2 /* a scenario with its figures */
} bd_row_type;

/* A row of the loss matrix, in display order (grouped by loss, then failure
 * type).  A renderer paginates by cutting this list; a group header should
 * not be the last row of a page. */
typedef struct bd_matrix_row {
  size_t struct_size; /* sizeof(bd_matrix_row) of the host */
  bd_row_type type;
  size_t index; /* into losses, failures or scenarios */
} bd_matrix_row;

/* How a scenario changed since the compared report (--compare). */
typedef enum bd_change {
  BD_CHANGE_UNCHANGED = 0, /* in both, same yearly loss, decision and coverage */
  BD_CHANGE_ADDED = 1,     /* only in this report */
  BD_CHANGE_REMOVED = 2,   /* only in the compared report */
  BD_CHANGE_CHANGED = 3    /* in both, and its yearly loss, decision or coverage differs */
} bd_change;

/* One scenario of a comparison; scenarios match by id.  The "before"
 * members are meaningful unless the scenario was added, the "after" ones
 * unless it was removed (an absent side reads 0, monitor and none). */
typedef struct bd_scenario_delta {
  size_t struct_size; /* sizeof(bd_scenario_delta) of the host */
  const char *id;
  const char *title; /* this report's title; the compared one's for a removed scenario */
  bd_change change;
  size_t scenario;              /* index into report->scenarios; BD_NO_SCENARIO when removed */
  double eal_before, eal_after; /* yearly loss in the current state */
  bd_decision decision_before, decision_after;
  bd_cell coverage_before[BD_KIND_COUNT], coverage_after[BD_KIND_COUNT];
  unsigned changed_cells; /* bit k set: coverage of kind k changed (both sides present) */
  int decision_changed;   /* both sides present and the decisions differ */
} bd_scenario_delta;
#define BD_NO_SCENARIO ((size_t)-1)

/* What changed since an earlier report of the same service. */
typedef struct bd_comparison {
  size_t struct_size;           /* sizeof(bd_comparison) of the host */
  const char *source;           /* the compared file as given on the command line */
  const char *source_sha256;    /* SHA-256 of the compared plan (from its JSON when a report) */
  const char *period;           /* the compared report's period, or NULL */
  const char *as_of;            /* the compared report's as_of */
  double eal_before, eal_after; /* total yearly loss in the current state */
  /* this report's scenarios in file order, then the removed ones in the
   * compared report's order */
  const bd_scenario_delta *const *scenarios;
  size_t scenario_count;
  size_t added, removed, changed; /* scenarios by change */
  size_t cell_changes;            /* coverage cells that changed state */
  size_t decision_changes;        /* scenarios whose decision changed */
} bd_comparison;

/* The simulation of a plan with ranges (ABI 2.2; plan format, "Ranges"). */
typedef struct bd_simulation {
  size_t struct_size;      /* sizeof(bd_simulation) of the host */
  size_t trials;           /* simulated years */
  unsigned long long seed; /* the plan's simulate.seed (default 1) */
  /* The loss-exceedance curve of the total yearly loss: exceed[state][i]
   * is the share of simulated years whose total yearly loss is > x[i];
   * x[0] = 0 (so exceed[.][0] is P(loss > 0)), x increasing; each curve is
   * non-increasing. */
  size_t point_count;
  const double *x;
  const double *exceed[BD_STATE_COUNT]; /* by bd_state */
  const double *exceed_proven;
} bd_simulation;

/* One period of a service's history (ABI 2.3; `--history DIR`): the
 * figures of an archived report of the same service, as its JSON wrote
 * them, or of this report (the last point).  A figure that report did not
 * have reads has_* = 0. */
typedef struct bd_history_point {
  size_t struct_size; /* sizeof(bd_history_point) of the host */
  const char *period; /* the report's period, or NULL */
  const char *as_of;  /* the report's as_of, "YYYY-MM-DD" */
  const char *source; /* the archived report JSON's path; NULL on this report's point */
  int this_report;    /* 1 on the last point: this report's own figures */
  /* yearly loss in the current and planned states; has_money is 0 when
   * the archived report used another currency than this one */
  int has_money;
  double eal_now, eal_planned;
  int has_budget;                     /* the report had an SLO */
  double budget_used;                 /* share of the error budget used in the current state */
  double coverage, verified_coverage; /* shares of the coverage cells */
  size_t decisions;                   /* scenarios that needed a decision */
} bd_history_point;

/* A service's figures over its archived periods (ABI 2.3). */
typedef struct bd_history {
  size_t struct_size; /* sizeof(bd_history) of the host */
  const char *dir;    /* the archive as given to --history */
  /* in time order (periods as the archive index sorts them), every
   * archived period before this report's own, then this report */
  const bd_history_point *const *points;
  size_t point_count; /* at least 1 (this report) */
} bd_history;

/* The whole computed report for one plan. */
typedef struct bd_report {
  size_t struct_size; /* sizeof(bd_report) of the host that built it */
  int format;         /* plan format version, 1 */
  const char *source; /* the plan's path as given on the command line */
  const char *service;
  const char *owner;    /* or NULL */
  const char *period;   /* or NULL */
  const char *as_of;    /* "YYYY-MM-DD", always set (default applied) */
  const char *currency; /* ISO 4217, always set (default "USD") */
  int has_slo;
  double slo;                    /* percent */
  double amortize_years;         /* default 3 */
  double stale_after_h;          /* default 90 days */
  double risk_cap;               /* share, default 0.25 */
  const char *const *categories; /* revenue, penalty, brand, productivity, then others */
  size_t category_count;
  const bd_loss *const *losses;
  size_t loss_count;
  const bd_failure *const *failures;
  size_t failure_count;
  const bd_scenario *const *scenarios; /* in file order */
  size_t scenario_count;
  const bd_totals *totals[BD_STATE_COUNT];
  int has_error_budget;
  double error_budget_h;             /* (100 - slo) / 100 x 8760 */
  double coverage;                   /* share of cells not none or planned */
  double verified_coverage;          /* share of cells verified */
  size_t cell_counts[BD_CELL_COUNT]; /* how many grid cells are in each state */
  /* scenarios that need a decision, by current EAL, largest first (ties: file order) */
  const size_t *decisions;
  size_t decision_count;
  double max_cell; /* the largest current by_category value, for heat scales */
  bd_extensions extensions;
  const bd_tree *const *trees; /* one per loss, in the order of report->losses */
  size_t tree_count;
  const bd_matrix_row *const *matrix_rows;
  size_t matrix_row_count;
  /* traceability: the SHA-256 of the plan file (64 hex digits) and the
   * version of badday that computed the report */
  const char *source_sha256;
  const char *generator; /* "badday 0.1.0" */
  /* what changed since an earlier report (--compare), or NULL */
  const bd_comparison *comparison;
  /* ABI 2.1: the fourth state, proven (plan format, Analysis): sums of the
   * scenarios' proven figures, like totals[] */
  const bd_totals *proven_totals;
  /* ABI 2.2: the simulation when the plan has at least one range, else
   * NULL (then every range pointer and has_pays_off is empty too) */
  const bd_simulation *simulation;
  /* ABI 2.2: every scenario by current yearly loss (state[BD_STATE_CURRENT]
   * ->eal), largest first, ties in file order: scenario_count indices into
   * scenarios, so a plugin need not sort (read after
   * BD_HAS(r, bd_report, scenarios_by_loss)) */
  const size_t *scenarios_by_loss;
  /* ABI 2.3: the service's archived periods and this report (--history
   * DIR), or NULL (read after BD_HAS(r, bd_report, history)) */
  const bd_history *history;
} bd_report;

/* Several plans rendered into one report: the figures of the
 * portfolio summary.  Sums of money are given only when every plan uses the
 * same currency. */
typedef struct bd_portfolio {
  size_t struct_size;              /* sizeof(bd_portfolio) of the host */
  const bd_report *const *reports; /* in command-line order */
  size_t report_count;
  const char *currency;       /* shared by every plan, or NULL when they differ */
  double eal[BD_STATE_COUNT]; /* yearly loss summed over the plans; 0 without a currency */
  size_t scenario_count;      /* over every plan */
  size_t decision_count;      /* scenarios that need a decision, over every plan */
  size_t cell_counts[BD_CELL_COUNT];
  double coverage;          /* share of all coverage cells not none or planned */
  double verified_coverage; /* share of all coverage cells verified */
  const char *period;       /* shared by every plan, or NULL */
  const char *as_of;        /* the latest as_of of the plans */
  /* ABI 2.1: the fourth state, proven (plan format, Analysis): yearly loss summed
   * over the plans, like eal[]; 0 without a currency */
  double eal_proven;
} bd_portfolio;

/* Stable lower-case names for the enums, as used in JSON ("detective", ...).
 * They are inline so that a plugin needs no symbol from the host.  The
 * strings are static; an out-of-range value gives "unknown". */
static inline const char *bd_kind_name(bd_kind kind) {
  static const char *const names[] = {"detective", "preventive", "recovery", "testing"};
  return (unsigned)kind < 4 ? names[kind] : "unknown";
}
static inline const char *bd_status_name(bd_status status) {
  return status == BD_STATUS_PLANNED       ? "planned"
         : status == BD_STATUS_IMPLEMENTED ? "implemented"
                                           : "unknown";
}
static inline const char *bd_result_name(bd_result result) {
  return result == BD_RESULT_PASS ? "pass" : result == BD_RESULT_FAIL ? "fail" : "unknown";
}
static inline const char *bd_verification_name(bd_verification verification) {
  static const char *const names[] = {"unverified", "verified", "stale", "failing"};
  return (unsigned)verification < 4 ? names[verification] : "unknown";
}
static inline const char *bd_cell_name(bd_cell cell) {
  static const char *const names[] = {"none",  "planned",  "implemented",
                                      "stale", "verified", "failing"};
  return (unsigned)cell < 6 ? names[cell] : "unknown";
}
static inline const char *bd_decision_name(bd_decision decision) {
  static const char *const names[] = {"monitor", "accept", "mitigate", "accepted"};
  return (unsigned)decision < 4 ? names[decision] : "unknown";
}
static inline const char *bd_change_name(bd_change change) {
  static const char *const names[] = {"unchanged", "added", "removed", "changed"};
  return (unsigned)change < 4 ? names[change] : "unknown";
}
static inline const char *bd_state_name(bd_state state) {
  static const char *const names[] = {"baseline", "current", "planned"};
  return (unsigned)state < 3 ? names[state] : "unknown";
}

#ifdef __cplusplus
}
#endif
#endif
