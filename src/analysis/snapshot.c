/* snapshot.c - see snapshot.h. */
#include "analysis/snapshot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analyse.h"
#include "base/numfmt.h"
#include "base/strmap.h"
#include "plan/limits.h"
#include "plan/values.h"
#include "plan/validate.h"
#include "plan/yaml_read.h"
#include "plan/ynode.h"

/* The state of reading one --compare file (a bd_tree_reader's context). */
typedef struct snapshot_reader {
  const bd_load_options *opt;
  bd_arena *arena;
  const char *source;
  bd_snapshot *items;
  size_t count;
  int from_plan; /* the file was a plan: its own SHA-256 is the one to record */
} snapshot_reader;

/* Returns the node n stands for (an alias's target). */
static const bd_ynode *deref(const bd_ynode *n) {
  return n && n->kind == BD_YNODE_ALIAS ? n->u.target : n;
}

/* Returns the value of key in mapping m, or NULL. */
static const bd_ynode *lookup(const bd_ynode *m, const char *key) {
  m = deref(m);
  if (m == NULL || m->kind != BD_YNODE_MAPPING) return NULL;
  for (size_t i = 0; i + 1 < m->len; i += 2) {
    const bd_ynode *k = deref(m->u.items[i]);
    if (k->kind == BD_YNODE_SCALAR && strcmp(k->u.text, key) == 0) return m->u.items[i + 1];
  }
  return NULL;
}

/* Returns the value of key in m, or NULL after reporting that a report's
 * JSON needs it. */
static const bd_ynode *member(bd_vctx *c, const bd_ynode *m, const char *key, const char *what) {
  const bd_ynode *v = lookup(m, key);
  if (v == NULL)
    bd_v_error(c, m->line, m->column, "%s has no \"%s\": expected the JSON badday wrote", what,
               key);
  return v;
}

/* Whether text is a number in JSON's grammar (RFC 8259):
 * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?  -- no 0x10, .5, +1 or 1_000. */
static int json_number_syntax(const char *t) {
  if (*t == '-') t++;
  if (*t == '0') {
    t++;
  } else if (*t >= '1' && *t <= '9') {
    while (*t >= '0' && *t <= '9') t++;
  } else {
    return 0;
  }
  if (*t == '.') {
    if (*++t < '0' || *t > '9') return 0;
    while (*t >= '0' && *t <= '9') t++;
  }
  if (*t == 'e' || *t == 'E') {
    if (*++t == '+' || *t == '-') t++;
    if (*t < '0' || *t > '9') return 0;
    while (*t >= '0' && *t <= '9') t++;
  }
  return *t == '\0';
}

/* Reads n as a JSON number into *out.  Returns 0 or -1 (reported). */
static int number(bd_vctx *c, const bd_ynode *n, double *out) {
  const bd_ynode *v = bd_v_scalar(c, n, "a number");
  if (v == NULL) return -1;
  char *end;
  double d = bd_strtod_c(v->u.text, &end);
  if (v->len == 0 || !v->plain || strlen(v->u.text) != v->len || !json_number_syntax(v->u.text) ||
      *end != '\0' || !isfinite(d))
    return bd_v_invalid(c, n, v, "number",
                        v->plain ? "a JSON number such as 1250.5"
                                 : "a JSON number such as 1250.5, not a quoted string");
  *out = d;
  return 0;
}

/* Reads n as a yearly loss: a JSON number from 0 to BD_SNAPSHOT_MAX_LOSS. */
static int loss(bd_vctx *c, const bd_ynode *n, double *out) {
  if (number(c, n, out) != 0) return -1;
  if (*out >= 0 && *out < BD_SNAPSHOT_MAX_LOSS) return 0;
  char q[128];
  const bd_ynode *v = deref(n);
  return bd_v_error(c, n->line, n->column,
                    "invalid yearly loss %s: expected 0 or more and below 1e15 (no negative "
                    "or absurd loss)",
                    bd_v_quote(v->u.text, v->len, q, sizeof q));
}

/* Reads the optional text of key in m: NULL when absent or null. */
static int optional_text(bd_vctx *c, const bd_ynode *m, const char *key, const char **out) {
  const bd_ynode *v = lookup(m, key);
  *out = NULL;
  if (v == NULL || bd_v_is_null(deref(v))) return 0;
  return bd_v_text(c, v, out);
}

/* Reads m.current.eal, the yearly loss in the current state. */
static int current_eal(bd_vctx *c, const bd_ynode *m, const char *what, double *out) {
  const bd_ynode *state = member(c, m, "current", what);
  if (state == NULL || bd_v_mapping(c, state, "the current state's figures") == NULL) return -1;
  const bd_ynode *eal = member(c, deref(state), "eal", "the current state");
  return eal ? loss(c, eal, out) : -1;
}

/* Reads one scenario object of a report's JSON. */
static int read_scenario(bd_vctx *c, const bd_ynode *n, bd_snapshot_scenario *s) {
  static const char *const decisions[] = {"monitor", "accept", "mitigate", "accepted"};
  static const char *const cells[] = {"none",  "planned",  "implemented",
                                      "stale", "verified", "failing"};
  const bd_ynode *m = bd_v_mapping(c, n, "a scenario object");
  if (m == NULL) return -1;
  const bd_ynode *id = member(c, m, "id", "a scenario");
  const bd_ynode *decision = member(c, m, "decision", "a scenario");
  const bd_ynode *coverage = member(c, m, "coverage", "a scenario");
  int rc = 0, word;
  const char *expected;
  if (id == NULL || bd_v_text(c, id, &s->id) != 0) {
    rc = -1;
  } else if (bd_parse_identifier(s->id, strlen(s->id), &expected) != 0) {
    const bd_ynode *v = deref(id);
    bd_v_invalid(c, id, v, "scenario id", expected);
    rc = -1;
  }
  if (optional_text(c, m, "title", &s->title) != 0) rc = -1;
  if (current_eal(c, m, "a scenario", &s->eal) != 0) rc = -1;
  if (decision == NULL || bd_v_word(c, decision, "decision", decisions, 4,
                                    "monitor, accept, mitigate, accepted", &word) != 0)
    rc = -1;
  else
    s->decision = (bd_decision)word;
  if (coverage == NULL || bd_v_mapping(c, coverage, "the coverage object") == NULL) return -1;
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    const bd_ynode *cell = member(c, deref(coverage), bd_kind_name((bd_kind)k), "coverage");
    if (cell == NULL ||
        bd_v_word(c, cell, "coverage state", cells, BD_CELL_COUNT,
                  "none, planned, implemented, stale, verified, failing", &word) != 0)
      rc = -1;
    else
      s->coverage[k] = (bd_cell)word;
  }
  return rc;
}

/* Checks the scenarios of a service read without error: ids are unique
 * (a scenario both "unchanged" and "removed" would break the comparison's
 * sums), and the yearly losses add up to the total's.  Returns 0 or -1. */
static int check_scenarios(bd_vctx *c, const bd_ynode *list, const bd_snapshot *out,
                           const bd_ynode *totals) {
  bd_strmap ids = {0};
  int rc = 0;
  double sum = 0;
  for (size_t i = 0; i < out->scenario_count; i++) {
    const bd_snapshot_scenario *s = &out->scenarios[i];
    sum += s->eal;
    int created;
    size_t *first = bd_strmap_slot(&ids, s->id, strlen(s->id), &created);
    if (first == NULL) {
      rc = bd_v_out_of_memory(c);
      break;
    }
    if (created) {
      *first = i;
      continue;
    }
    const bd_ynode *n = deref(list->u.items[i]), *earlier = deref(list->u.items[*first]);
    char q[128];
    rc = bd_v_error(c, n->line, n->column,
                    "duplicate scenario id %s (first at line %u): a report lists each "
                    "scenario once",
                    bd_v_quote(s->id, strlen(s->id), q, sizeof q), (unsigned)earlier->line);
  }
  bd_strmap_free(&ids);
  /* The JSON holds every figure exactly (shortest round trip), so the sum
   * differs from the total only by the order of additions. */
  double tolerance = 1e-9 * (out->eal > 1 ? out->eal : 1);
  if (rc == 0 && fabs(sum - out->eal) > tolerance) {
    char a[40], b[40];
    bd_format_number(out->eal, a, sizeof a);
    bd_format_number(sum, b, sizeof b);
    const bd_ynode *t = deref(totals);
    rc = bd_v_error(c, t->line, t->column,
                    "the total yearly loss %s is not the sum of the scenarios' (%s): expected "
                    "the JSON badday wrote",
                    a, b);
  }
  return rc;
}

/* Reads one single-plan object of a report's JSON into *out. */
static int read_service(bd_vctx *c, snapshot_reader *sr, const bd_ynode *m, bd_snapshot *out) {
  const bd_ynode *service = member(c, m, "service", "the report");
  const bd_ynode *as_of = member(c, m, "as_of", "the report");
  const bd_ynode *currency = member(c, m, "currency", "the report");
  const bd_ynode *totals = member(c, m, "totals", "the report");
  const bd_ynode *list = member(c, m, "scenarios", "the report");
  int rc = 0;
  out->source = sr->source;
  if (service == NULL || bd_v_text(c, service, &out->service) != 0) rc = -1;
  const char *expected;
  long days;
  if (as_of == NULL || bd_v_text(c, as_of, &out->as_of) != 0)
    rc = -1;
  else if (bd_parse_date(out->as_of, strlen(out->as_of), &days, &expected) != 0)
    rc = bd_v_invalid(c, as_of, deref(as_of), "date", expected);
  if (currency == NULL || bd_v_text(c, currency, &out->currency) != 0)
    rc = -1;
  else if (bd_parse_currency(out->currency, strlen(out->currency), &expected) != 0)
    rc = bd_v_invalid(c, currency, deref(currency), "currency", expected);
  if (optional_text(c, m, "period", &out->period) != 0) rc = -1;
  if (optional_text(c, m, "source_sha256", &out->sha256) != 0) rc = -1;
  if (totals == NULL || bd_v_mapping(c, totals, "the totals object") == NULL ||
      current_eal(c, deref(totals), "the totals", &out->eal) != 0)
    rc = -1;
  if (list == NULL || (list = bd_v_list(c, list, "the list of scenarios")) == NULL) return -1;
  bd_snapshot_scenario *s = bd_arena_array(sr->arena, list->len, sizeof *s);
  if (s == NULL && list->len > 0) return bd_v_out_of_memory(c);
  for (size_t i = 0; i < list->len && !c->fatal; i++)
    if (read_scenario(c, list->u.items[i], &s[i]) != 0) rc = -1;
  out->scenarios = s;
  out->scenario_count = list->len;
  if (rc == 0 && !c->fatal && check_scenarios(c, list, out, totals) != 0) rc = -1;
  return rc;
}

/* Reads a report's JSON: one plan's object, or a portfolio's services. */
static int read_report_json(bd_vctx *c, snapshot_reader *sr, const bd_ynode *root) {
  double version = 0;
  const bd_ynode *badday = member(c, root, "badday", "the report");
  if (badday == NULL || number(c, badday, &version) != 0) return -1;
  if (version != 1)
    return bd_v_error(c, root->line, root->column,
                      "the report's JSON has format %g: this badday reads format 1", version);
  const bd_ynode *services = lookup(root, "services");
  size_t n = 1;
  if (services && (services = bd_v_list(c, services, "the list of services")) == NULL) return -1;
  if (services) n = services->len;
  sr->items = bd_arena_array(sr->arena, n ? n : 1, sizeof *sr->items);
  if (sr->items == NULL) return bd_v_out_of_memory(c);
  sr->count = n;
  int rc = 0;
  for (size_t i = 0; i < n && !c->fatal; i++) {
    const bd_ynode *m = services ? bd_v_mapping(c, services->u.items[i], "a service object") : root;
    if (m == NULL || read_service(c, sr, m, &sr->items[i]) != 0) rc = -1;
  }
  return rc;
}

/* Reads the tree of a --compare file (a bd_tree_reader). */
static int read_snapshot(void *ctx, const char *path, const bd_ynode *root, size_t node_count,
                         bd_diags *diags) {
  snapshot_reader *sr = ctx;
  /* A plan has neither key (it may not have unknown keys). */
  if (lookup(root, "totals") == NULL && lookup(root, "services") == NULL) {
    bd_plan *plan = NULL;
    bd_report *report = NULL;
    if (bd_validate_plan(path, root, node_count, sr->opt, sr->arena, &plan, diags) != 0) return -1;
    sr->items = bd_arena_array(sr->arena, 1, sizeof *sr->items);
    /* a snapshot keeps point figures only: the ranges need no simulation */
    static const bd_analyse_options point_figures = {.no_simulation = 1};
    if (sr->items == NULL || bd_analyse_with(plan, &point_figures, sr->arena, &report) != 0)
      return bd_diag_add(diags, path, 0, 0, "out of memory while analysing the plan");
    sr->count = 1;
    sr->from_plan = 1;
    return bd_snapshot_from_report(report, sr->source, sr->arena, &sr->items[0]) != 0
               ? bd_diag_add(diags, path, 0, 0, "out of memory while reading the plan")
               : 0;
  }
  bd_vctx c = {0};
  c.path = path;
  c.diags = diags;
  c.arena = sr->arena;
  c.budget = 2 * node_count + BD_LOAD_MAX_EXPANSION;
  int rc = read_report_json(&c, sr, deref(root));
  free(c.json);
  return rc == 0 && c.errors == 0 ? 0 : -1;
}

/* Finishes a read: a plan's snapshot gets the SHA-256 of the file. */
static int finish_read(snapshot_reader *sr, const char *path, const char *hex, bd_snapshot_set *out,
                       bd_diags *diags) {
  if (sr->from_plan) {
    sr->items[0].sha256 = bd_arena_strdup(sr->arena, hex);
    if (sr->items[0].sha256 == NULL)
      return bd_diag_add(diags, path, 0, 0, "out of memory while reading the plan");
  }
  out->items = sr->items;
  out->count = sr->count;
  return 0;
}

int bd_snapshot_load_file(const char *path, const bd_load_options *opt, bd_arena *arena,
                          bd_snapshot_set *out, bd_diags *diags) {
  snapshot_reader sr = {opt, arena, path, NULL, 0, 0};
  char hex[65];
  out->items = NULL;
  out->count = 0;
  if (bd_yaml_read_file(path, arena, read_snapshot, &sr, hex, diags) != 0) return -1;
  return finish_read(&sr, path, hex, out, diags);
}

int bd_snapshot_load_buffer(const char *path, const char *data, size_t len,
                            const bd_load_options *opt, bd_arena *arena, bd_snapshot_set *out,
                            bd_diags *diags) {
  snapshot_reader sr = {opt, arena, path, NULL, 0, 0};
  char hex[65];
  out->items = NULL;
  out->count = 0;
  if (bd_yaml_read_buffer(path, data, len, arena, read_snapshot, &sr, hex, diags) != 0) return -1;
  return finish_read(&sr, path, hex, out, diags);
}

int bd_snapshot_from_report(const bd_report *report, const char *source, bd_arena *arena,
                            bd_snapshot *out) {
  bd_snapshot_scenario *s = bd_arena_array(arena, report->scenario_count, sizeof *s);
  if (s == NULL && report->scenario_count > 0) return -1;
  for (size_t i = 0; i < report->scenario_count; i++) {
    const bd_scenario *sc = report->scenarios[i];
    s[i].id = sc->id;
    s[i].title = sc->title;
    s[i].eal = sc->state[BD_STATE_CURRENT]->eal;
    s[i].decision = sc->decision;
    memcpy(s[i].coverage, sc->coverage, sizeof s[i].coverage);
  }
  *out = (bd_snapshot){source,
                       report->source_sha256,
                       report->service,
                       report->period,
                       report->as_of,
                       report->currency,
                       report->totals[BD_STATE_CURRENT]->eal,
                       s,
                       report->scenario_count};
  return 0;
}
