/*
 * dump.c - a test module that writes every member of every report-model
 * struct it knows of as "path member=value" lines, through the public API
 * only.  Built twice: against the real badday/report.h (dump.so) and, with
 * BD_TEST_OLD_HEADER, against a copy with the last member of every model
 * struct removed (dumpold.so, tests/abi/shrink.py): a plugin
 * of "2.0 minus the newest members" run by a host whose structs are larger.
 * The full build marks the lines of each struct's last member "+ ";
 * tests/abi.sh checks that the old build writes exactly the other lines.
 * Were a model array still stepped by the plugin's sizeof, the old build
 * would read shifted values.
 */
#include <stdarg.h>
#include <stdio.h>

#include <badday/plugin.h>

/* Where the lines go: the host's writer, and the first write error. */
typedef struct dump {
  const bd_host *host;
  bd_output *out;
  int failed;
  int newest; /* the lines written are of a struct's last member: "+ " before them */
} dump;

/* Writes the lines of `stmt`, which reads the last member of a struct,
 * marked "+ "; compiled out against the shrunk header, which lacks it.
 * Nests: the lines of a newest member that is a struct stay marked. */
#ifndef BD_TEST_OLD_HEADER
#define NEWEST(stmt)                                                                               \
  do {                                                                                             \
    int outer = d->newest;                                                                         \
    d->newest = 1;                                                                                 \
    stmt;                                                                                          \
    d->newest = outer;                                                                             \
  } while (0)
#else
#define NEWEST(stmt) ((void)d)
#endif

__attribute__((format(printf, 2, 3))) static void line(dump *d, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  size_t at = d->newest ? 2 : 0;
  if (d->newest) buf[0] = '+', buf[1] = ' ';
  int n = vsnprintf(buf + at, sizeof buf - at - 1, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n > sizeof buf - at - 2) n = (int)(sizeof buf - at - 2);
  n += (int)at;
  buf[n++] = '\n';
  if (!d->failed && d->host->write(d->out, buf, (size_t)n) != 0) d->failed = 1;
}

#define STR(s)          ((s) ? (s) : "(null)")
#define NUM(path, s, m) line(d, "%s " #m "=%.17g", path, (double)(s)->m)
#define TXT(path, s, m) line(d, "%s " #m "=%s", path, STR((s)->m))

static void dump_doubles(dump *d, const char *path, const char *name, const double *v, size_t n) {
  for (size_t i = 0; i < n; i++) line(d, "%s %s[%zu]=%.17g", path, name, i, v[i]);
}

static void dump_indices(dump *d, const char *path, const char *name, const size_t *v, size_t n) {
  for (size_t i = 0; i < n; i++) line(d, "%s %s[%zu]=%zu", path, name, i, v[i]);
}

static void dump_extensions(dump *d, const char *path, const bd_extensions *e) {
  char p[256];
  line(d, "%s extensions.count=%zu", path, e->count);
  for (size_t i = 0; i < e->count; i++) {
    snprintf(p, sizeof p, "%s ext[%zu]", path, i);
    TXT(p, e->items[i], key);
    NEWEST(TXT(p, e->items[i], json));
  }
}

/* A simulated yearly loss (ABI 2.2), or "range=(null)". */
static void dump_range(dump *d, const char *path, const char *name, const bd_range *range) {
  if (range == NULL)
    line(d, "%s %s=(null)", path, name);
  else
    line(d, "%s %s=%.17g %.17g %.17g %.17g", path, name, range->mean, range->p5, range->p50,
         range->p95);
}

static void dump_figures(dump *d, const char *path, const bd_figures *f, size_t categories) {
  NUM(path, f, frequency);
  NUM(path, f, impact);
  NUM(path, f, detect_h);
  NUM(path, f, recover_h);
  NUM(path, f, eal);
  NUM(path, f, downtime_h);
  dump_doubles(d, path, "by_category", f->by_category, categories);
  NEWEST(if (BD_HAS(f, bd_figures, range)) dump_range(d, path, "range", f->range));
}

static void dump_totals(dump *d, const char *path, const bd_totals *t, size_t categories) {
  NUM(path, t, eal);
  NUM(path, t, downtime_h);
  NUM(path, t, budget_used);
  dump_doubles(d, path, "by_category", t->by_category, categories);
  NEWEST(if (BD_HAS(t, bd_totals, range)) dump_range(d, path, "range", t->range));
}

static void dump_measure(dump *d, const char *path, const bd_measure *m) {
  TXT(path, m, id);
  TXT(path, m, title);
  NUM(path, m, kind);
  NUM(path, m, status);
  NUM(path, m, has_effect_frequency);
  NUM(path, m, has_effect_impact);
  NUM(path, m, has_effect_detect);
  NUM(path, m, has_effect_recover);
  NUM(path, m, effect_frequency);
  NUM(path, m, effect_impact);
  NUM(path, m, effect_detect_h);
  NUM(path, m, effect_recover_h);
  NUM(path, m, cost_once);
  NUM(path, m, cost_yearly);
  NUM(path, m, annual_cost);
  NUM(path, m, verification);
  dump_indices(d, path, "verifies", m->verifies, m->verifies_count);
  TXT(path, m, last_run);
  NUM(path, m, result);
  NUM(path, m, test_state);
  dump_extensions(d, path, &m->extensions);
  NEWEST(NUM(path, m, line));
}

/* The waivers of a scenario (ABI 2.1); bd_waiver's last member is newer
 * than the old build's header. */
static void dump_waivers(dump *d, const char *path, const bd_scenario *s) {
  char q[192];
  line(d, "%s waiver_count=%zu", path, s->waiver_count);
  for (size_t i = 0; i < s->waiver_count; i++) {
    snprintf(q, sizeof q, "%s waiver[%zu]", path, i);
    TXT(q, s->waivers[i], rule);
    TXT(q, s->waivers[i], reason);
    TXT(q, s->waivers[i], until);
    NEWEST(NUM(q, s->waivers[i], expired));
  }
}

static void dump_scenario(dump *d, const bd_report *r, size_t i) {
  const bd_scenario *s = r->scenarios[i];
  char p[128], q[160];
  snprintf(p, sizeof p, "scenario[%zu]", i);
  TXT(p, s, id);
  TXT(p, s, title);
  NUM(p, s, failure);
  NUM(p, s, loss);
  TXT(p, s, accept);
  for (int st = 0; st < BD_STATE_COUNT; st++) {
    snprintf(q, sizeof q, "%s state[%d]", p, st);
    dump_figures(d, q, s->state[st], r->category_count);
  }
  NUM(p, s, plan_cost);
  NUM(p, s, reduction);
  NUM(p, s, decision);
  NUM(p, s, has_budget_share);
  NUM(p, s, budget_share);
  NUM(p, s, over_cap);
  NUM(p, s, needs_decision);
  for (int k = 0; k < BD_KIND_COUNT; k++) line(d, "%s coverage[%d]=%d", p, k, (int)s->coverage[k]);
  line(d, "%s measure_count=%zu", p, s->measure_count);
  for (size_t m = 0; m < s->measure_count; m++) {
    snprintf(q, sizeof q, "%s measure[%zu]", p, m);
    dump_measure(d, q, s->measures[m]);
  }
  dump_doubles(d, p, "heat_by_category", s->heat_by_category, r->category_count);
  dump_extensions(d, p, &s->extensions);
  NUM(p, s, line);
  if (BD_HAS(s, bd_scenario, waiver_count)) dump_waivers(d, p, s);
  snprintf(q, sizeof q, "%s proven", p);
  if (BD_HAS(s, bd_scenario, proven)) dump_figures(d, q, s->proven, r->category_count);
  if (BD_HAS(s, bd_scenario, confidence)) {
    NUM(p, s, has_pays_off);
    NUM(p, s, pays_off);
    NUM(p, s, has_confidence);
    NUM(p, s, confidence);
  }
  NEWEST(if (BD_HAS(s, bd_scenario, uncertain)) NUM(p, s, uncertain));
}

static void dump_groups(dump *d, const bd_report *r) {
  char p[128];
  for (size_t i = 0; i < r->loss_count; i++) {
    const bd_loss *l = r->losses[i];
    snprintf(p, sizeof p, "loss[%zu]", i);
    TXT(p, l, id);
    TXT(p, l, title);
    dump_doubles(d, p, "per_hour", l->per_hour, r->category_count);
    dump_doubles(d, p, "per_incident", l->per_incident, r->category_count);
    dump_indices(d, p, "failures", l->failures, l->failure_count);
    dump_doubles(d, p, "eal", l->eal, BD_STATE_COUNT);
    dump_extensions(d, p, &l->extensions);
    NUM(p, l, line);
    if (BD_HAS(l, bd_loss, eal_proven)) NUM(p, l, eal_proven);
    if (BD_HAS(l, bd_loss, range))
      for (int st = 0; st < BD_STATE_COUNT; st++) {
        char q[160];
        snprintf(q, sizeof q, "range[%d]", st);
        dump_range(d, p, q, l->range[st]);
      }
    NEWEST(if (BD_HAS(l, bd_loss, range_proven)) dump_range(d, p, "range_proven", l->range_proven));
  }
  for (size_t i = 0; i < r->failure_count; i++) {
    const bd_failure *f = r->failures[i];
    snprintf(p, sizeof p, "failure[%zu]", i);
    TXT(p, f, id);
    TXT(p, f, title);
    NUM(p, f, loss);
    dump_indices(d, p, "scenarios", f->scenarios, f->scenario_count);
    dump_doubles(d, p, "eal", f->eal, BD_STATE_COUNT);
    dump_extensions(d, p, &f->extensions);
    NUM(p, f, line);
    NEWEST(if (BD_HAS(f, bd_failure, eal_proven)) NUM(p, f, eal_proven));
  }
}

static void dump_views(dump *d, const bd_report *r) {
  char p[128];
  for (size_t t = 0; t < r->tree_count; t++) {
    const bd_tree *tree = r->trees[t];
    snprintf(p, sizeof p, "tree[%zu]", t);
    NUM(p, tree, loss);
    NUM(p, tree, node_count);
    NEWEST(NUM(p, tree, row_count));
    for (size_t n = 0; n < tree->node_count; n++) {
      const bd_tree_node *node = tree->nodes[n];
      snprintf(p, sizeof p, "tree[%zu] node[%zu]", t, n);
      NUM(p, node, type);
      NUM(p, node, index);
      NUM(p, node, measure);
      NUM(p, node, parent);
      NUM(p, node, depth);
      NEWEST(NUM(p, node, row));
    }
  }
  for (size_t i = 0; i < r->matrix_row_count; i++) {
    snprintf(p, sizeof p, "matrix_row[%zu]", i);
    NUM(p, r->matrix_rows[i], type);
    NEWEST(NUM(p, r->matrix_rows[i], index));
  }
}

static void dump_comparison(dump *d, const bd_comparison *c) {
  char p[128];
  TXT("comparison", c, source);
  TXT("comparison", c, source_sha256);
  TXT("comparison", c, period);
  TXT("comparison", c, as_of);
  NUM("comparison", c, eal_before);
  NUM("comparison", c, eal_after);
  for (size_t i = 0; i < c->scenario_count; i++) {
    const bd_scenario_delta *s = c->scenarios[i];
    snprintf(p, sizeof p, "delta[%zu]", i);
    TXT(p, s, id);
    TXT(p, s, title);
    NUM(p, s, change);
    NUM(p, s, scenario);
    NUM(p, s, eal_before);
    NUM(p, s, eal_after);
    NUM(p, s, decision_before);
    NUM(p, s, decision_after);
    for (int k = 0; k < BD_KIND_COUNT; k++)
      line(d, "%s coverage[%d]=%d>%d", p, k, (int)s->coverage_before[k], (int)s->coverage_after[k]);
    NUM(p, s, changed_cells);
    NEWEST(NUM(p, s, decision_changed));
  }
  NUM("comparison", c, added);
  NUM("comparison", c, removed);
  NUM("comparison", c, changed);
  NUM("comparison", c, cell_changes);
  NEWEST(NUM("comparison", c, decision_changes));
}

#ifndef BD_TEST_OLD_HEADER
/* The history (ABI 2.3, --history; the report's newest member, so only
 * in the full build, whose shrunk twin lacks bd_history's last members). */
static void dump_history(dump *d, const bd_history *h) {
  const char *p = "history";
  TXT(p, h, dir);
  line(d, "history point_count=%zu", h->point_count);
  for (size_t i = 0; i < h->point_count; i++) {
    const bd_history_point *pt = h->points[i];
    TXT(p, pt, period);
    TXT(p, pt, as_of);
    TXT(p, pt, source);
    NUM(p, pt, this_report);
    NUM(p, pt, has_money);
    NUM(p, pt, eal_now);
    NUM(p, pt, eal_planned);
    NUM(p, pt, has_budget);
    NUM(p, pt, budget_used);
    NUM(p, pt, coverage);
    NUM(p, pt, verified_coverage);
    NUM(p, pt, decisions);
  }
}
#endif

/* The simulation of a plan with ranges (ABI 2.2; read by the old build
 * too). */
static void dump_simulation(dump *d, const bd_simulation *s) {
  const char *p = "simulation";
  NUM(p, s, trials);
  NUM(p, s, seed);
  size_t n = s->point_count;
  dump_doubles(d, p, "x", s->x, n);
  for (int st = 0; st < BD_STATE_COUNT; st++) {
    char q[32];
    snprintf(q, sizeof q, "exceed[%d]", st);
    dump_doubles(d, p, q, s->exceed[st], n);
  }
  NEWEST(dump_doubles(d, p, "exceed_proven", s->exceed_proven, n));
}

static void dump_report(dump *d, const bd_report *r) {
  const char *p = "report";
  NUM(p, r, format);
  TXT(p, r, source);
  TXT(p, r, service);
  TXT(p, r, owner);
  TXT(p, r, period);
  TXT(p, r, as_of);
  TXT(p, r, currency);
  NUM(p, r, has_slo);
  NUM(p, r, slo);
  NUM(p, r, amortize_years);
  NUM(p, r, stale_after_h);
  NUM(p, r, risk_cap);
  for (size_t c = 0; c < r->category_count; c++)
    line(d, "report category[%zu]=%s", c, r->categories[c]);
  dump_groups(d, r);
  for (size_t i = 0; i < r->scenario_count; i++) dump_scenario(d, r, i);
  for (int st = 0; st < BD_STATE_COUNT; st++) {
    char q[64];
    snprintf(q, sizeof q, "totals[%d]", st);
    dump_totals(d, q, r->totals[st], r->category_count);
  }
  if (BD_HAS(r, bd_report, proven_totals))
    dump_totals(d, "proven_totals", r->proven_totals, r->category_count);
  NUM(p, r, has_error_budget);
  NUM(p, r, error_budget_h);
  NUM(p, r, coverage);
  NUM(p, r, verified_coverage);
  for (int c = 0; c < BD_CELL_COUNT; c++)
    line(d, "report cell_counts[%d]=%zu", c, r->cell_counts[c]);
  dump_indices(d, p, "decisions", r->decisions, r->decision_count);
  NUM(p, r, max_cell);
  dump_extensions(d, p, &r->extensions);
  dump_views(d, r);
  TXT(p, r, source_sha256);
  TXT(p, r, generator);
  if (BD_HAS(r, bd_report, comparison) && r->comparison) dump_comparison(d, r->comparison);
  if (BD_HAS(r, bd_report, simulation) && r->simulation) dump_simulation(d, r->simulation);
  if (BD_HAS(r, bd_report, scenarios_by_loss))
    dump_indices(d, p, "scenarios_by_loss", r->scenarios_by_loss, r->scenario_count);
  NEWEST(if (BD_HAS(r, bd_report, history) && r->history) dump_history(d, r->history));
}

/* Dumps the request's report, or every report of a portfolio. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  dump state = {host, req->output, 0, 0}, *d = &state;
  const bd_portfolio *pf = req->portfolio;
  if (pf == NULL) {
    dump_report(d, req->report);
  } else {
    TXT("portfolio", pf, currency);
    dump_doubles(d, "portfolio", "eal", pf->eal, BD_STATE_COUNT);
    NUM("portfolio", pf, scenario_count);
    NUM("portfolio", pf, decision_count);
    for (int c = 0; c < BD_CELL_COUNT; c++)
      line(d, "portfolio cell_counts[%d]=%zu", c, pf->cell_counts[c]);
    NUM("portfolio", pf, coverage);
    NUM("portfolio", pf, verified_coverage);
    TXT("portfolio", pf, period);
    TXT("portfolio", pf, as_of);
    NEWEST(if (BD_HAS(pf, bd_portfolio, eal_proven)) NUM("portfolio", pf, eal_proven));
    for (size_t i = 0; i < pf->report_count; i++) dump_report(d, pf->reports[i]);
  }
  if (d->failed) snprintf(err->message, sizeof err->message, "write failed");
  return d->failed ? -1 : 0;
}

static const char *const formats[] = {"dump", NULL};

BD_PLUGIN_DEFINE("dump", "every member of the report model as text (test module)", formats, render,
                 NULL, BD_FEATURE_PORTFOLIO | BD_FEATURE_COMPARISON)
