/*
 * json.c - the machine-readable report (plan-format.md, "Machine-readable
 * output"), and the smallest real plugin to copy when writing your own.
 *
 * Numbers are written unrounded (the shortest text that reads back as the
 * same double, through host->format_number); keys come in a fixed order, so
 * the output is deterministic.  Everything is written through host->write.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <badday/plugin.h>

/* A small output buffer in front of host->write; one per render call. */
typedef struct json_writer {
  const bd_host *host;
  bd_output *out;
  int failed;
  int indent; /* levels added to every newline (a service inside a portfolio) */
  size_t used;
  char buf[16384];
} json_writer;

/* Hands the buffered bytes to the host. */
static void flush(json_writer *w) {
  if (!w->failed && w->used && w->host->write(w->out, w->buf, w->used) != 0) w->failed = 1;
  w->used = 0;
}

/* Appends len bytes. */
static void put(json_writer *w, const char *s, size_t len) {
  if (len > sizeof w->buf - w->used) {
    flush(w);
    if (len > sizeof w->buf) {
      if (!w->failed && w->host->write(w->out, s, len) != 0) w->failed = 1;
      return;
    }
  }
  memcpy(w->buf + w->used, s, len);
  w->used += len;
}

static void puts_(json_writer *w, const char *s) {
  put(w, s, strlen(s));
}

/* Writes a JSON string literal: quotes, backslashes and control characters
 * escaped; other UTF-8 passes through unchanged. */
static void string(json_writer *w, const char *s) {
  if (s == NULL) {
    puts_(w, "null");
    return;
  }
  put(w, "\"", 1);
  const char *run = s;
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    put(w, run, (size_t)(p - run));
    char esc[8];
    switch (c) {
    case '"':
      puts_(w, "\\\"");
      break;
    case '\\':
      puts_(w, "\\\\");
      break;
    case '\n':
      puts_(w, "\\n");
      break;
    case '\t':
      puts_(w, "\\t");
      break;
    case '\r':
      puts_(w, "\\r");
      break;
    default:
      snprintf(esc, sizeof esc, "\\u%04x", c);
      puts_(w, esc);
    }
    run = p + 1;
  }
  puts_(w, run);
  put(w, "\"", 1);
}

/* Writes a number exactly (null for NaN or infinity). */
static void number(json_writer *w, double v) {
  char buf[40];
  size_t n = w->host->format_number(v, buf, sizeof buf);
  put(w, buf, n);
}

static void boolean(json_writer *w, int v) {
  puts_(w, v ? "true" : "false");
}

/* Writes `"key": ` (the key is a constant or an identifier, still escaped). */
static void key(json_writer *w, const char *k) {
  string(w, k);
  put(w, ": ", 2);
}

/* Writes a newline and `depth` levels of two-space indentation. */
static void newline(json_writer *w, int depth) {
  static const char spaces[] = "\n                                ";
  depth += w->indent;
  put(w, spaces, (size_t)(1 + 2 * (depth < 16 ? depth : 16)));
}

/* Writes {"revenue": 1, ...} for one value per category. */
static void by_category(json_writer *w, const bd_report *r, const double *values) {
  put(w, "{", 1);
  for (size_t c = 0; c < r->category_count; c++) {
    if (c) put(w, ", ", 2);
    key(w, r->categories[c]);
    number(w, values ? values[c] : 0);
  }
  put(w, "}", 1);
}

/* Writes the simulated yearly loss {"mean": .., "p5": .., "p50": .., "p95": ..}
 * (plan format, "Ranges"). */
static void range(json_writer *w, const bd_range *r) {
  puts_(w, "{\"mean\": ");
  number(w, r->mean);
  puts_(w, ", \"p5\": ");
  number(w, r->p5);
  puts_(w, ", \"p50\": ");
  number(w, r->p50);
  puts_(w, ", \"p95\": ");
  number(w, r->p95);
  put(w, "}", 1);
}

/* Writes one state's figures of a scenario. */
static void figures(json_writer *w, const bd_report *r, const bd_figures *f) {
  puts_(w, "{\"eal\": ");
  number(w, f->eal);
  puts_(w, ", \"downtime_h\": ");
  number(w, f->downtime_h);
  puts_(w, ", \"by_category\": ");
  by_category(w, r, f->by_category);
  puts_(w, ", \"frequency\": ");
  number(w, f->frequency);
  puts_(w, ", \"impact\": ");
  number(w, f->impact);
  puts_(w, ", \"detect_h\": ");
  number(w, f->detect_h);
  puts_(w, ", \"recover_h\": ");
  number(w, f->recover_h);
  /* ABI 2.2: only for a plan with ranges (a host before it has none) */
  if (BD_HAS(f, bd_figures, range) && f->range) {
    puts_(w, ", \"range\": ");
    range(w, f->range);
  }
  put(w, "}", 1);
}

/* Writes a number, or null when has is 0. */
static void number_or_null(json_writer *w, int has, double v) {
  if (has)
    number(w, v);
  else
    puts_(w, "null");
}

/* Writes {"x-key": value, ...}; the values are JSON already. */
static void extensions(json_writer *w, const bd_extensions *e) {
  put(w, "{", 1);
  for (size_t i = 0; i < e->count; i++) {
    if (i) put(w, ", ", 2);
    key(w, e->items[i]->key);
    puts_(w, e->items[i]->json);
  }
  put(w, "}", 1);
}

/* Writes one measure as a single line. */
static void measure(json_writer *w, const bd_scenario *s, const bd_measure *m) {
  puts_(w, "{\"id\": ");
  string(w, m->id);
  puts_(w, ", \"title\": ");
  string(w, m->title);
  puts_(w, ", \"kind\": ");
  string(w, bd_kind_name(m->kind));
  puts_(w, ", \"status\": ");
  string(w, bd_status_name(m->status));
  puts_(w, ", \"annual_cost\": ");
  number(w, m->annual_cost);
  puts_(w, ", \"cost_once\": ");
  number(w, m->cost_once);
  puts_(w, ", \"cost_yearly\": ");
  number(w, m->cost_yearly);
  puts_(w, ", \"verification\": ");
  string(w, bd_verification_name(m->verification));
  if (m->kind == BD_KIND_TESTING) {
    puts_(w, ", \"test_state\": ");
    string(w, bd_cell_name(m->test_state));
    puts_(w, ", \"last_run\": ");
    string(w, m->last_run);
    puts_(w, ", \"result\": ");
    string(w, bd_result_name(m->result));
    puts_(w, ", \"verifies\": [");
    for (size_t i = 0; i < m->verifies_count; i++) {
      if (i) put(w, ", ", 2);
      string(w, s->measures[m->verifies[i]]->id);
    }
    put(w, "]", 1);
  }
  if (m->extensions.count) {
    puts_(w, ", \"extensions\": ");
    extensions(w, &m->extensions);
  }
  put(w, "}", 1);
}

/* Writes the scenario's waive list as given, each with "expired", one
 * waiver a line. */
static void waivers(json_writer *w, const bd_scenario *s) {
  put(w, "[", 1);
  for (size_t i = 0; i < s->waiver_count; i++) {
    const bd_waiver *v = s->waivers[i];
    newline(w, 4);
    puts_(w, "{\"rule\": ");
    string(w, v->rule);
    puts_(w, ", \"reason\": ");
    string(w, v->reason);
    puts_(w, ", \"until\": ");
    string(w, v->until);
    puts_(w, ", \"expired\": ");
    boolean(w, v->expired);
    put(w, "}", 1);
    if (i + 1 < s->waiver_count) put(w, ",", 1);
  }
  newline(w, 3);
  put(w, "]", 1);
}

/* Writes one scenario object at indentation depth 2. */
static void scenario(json_writer *w, const bd_report *r, const bd_scenario *s) {
  put(w, "{", 1);
  newline(w, 3);
  key(w, "id");
  string(w, s->id);
  puts_(w, ", \"title\": ");
  string(w, s->title);
  puts_(w, ", \"failure\": ");
  string(w, r->failures[s->failure]->id);
  puts_(w, ", \"loss\": ");
  string(w, r->losses[s->loss]->id);
  put(w, ",", 1);
  for (int st = 0; st < BD_STATE_COUNT; st++) {
    newline(w, 3);
    key(w, bd_state_name((bd_state)st));
    figures(w, r, s->state[st]);
    put(w, ",", 1);
    /* the fourth state, proven, beside current (a host before it has none) */
    if (st == BD_STATE_CURRENT && BD_HAS(s, bd_scenario, proven) && s->proven) {
      newline(w, 3);
      key(w, "proven");
      figures(w, r, s->proven);
      put(w, ",", 1);
    }
  }
  newline(w, 3);
  key(w, "plan_cost");
  number(w, s->plan_cost);
  puts_(w, ", \"reduction\": ");
  number(w, s->reduction);
  puts_(w, ", \"decision\": ");
  string(w, bd_decision_name(s->decision));
  puts_(w, ", \"accept\": ");
  string(w, s->accept);
  put(w, ",", 1);
  /* ABI 2.2: how sure the decision is, for a plan with ranges */
  if (BD_HAS(s, bd_scenario, uncertain) && BD_HAS(r, bd_report, simulation) && r->simulation) {
    newline(w, 3);
    key(w, "pays_off");
    number_or_null(w, s->has_pays_off, s->pays_off);
    puts_(w, ", \"confidence\": ");
    number_or_null(w, s->has_confidence, s->confidence);
    puts_(w, ", \"uncertain\": ");
    boolean(w, s->uncertain);
    put(w, ",", 1);
  }
  newline(w, 3);
  key(w, "budget_share");
  if (s->has_budget_share)
    number(w, s->budget_share);
  else
    puts_(w, "null");
  puts_(w, ", \"over_cap\": ");
  boolean(w, s->over_cap);
  puts_(w, ", \"needs_decision\": ");
  boolean(w, s->needs_decision);
  put(w, ",", 1);
  newline(w, 3);
  key(w, "coverage");
  put(w, "{", 1);
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    if (k) put(w, ", ", 2);
    key(w, bd_kind_name((bd_kind)k));
    string(w, bd_cell_name(s->coverage[k]));
  }
  puts_(w, "},");
  newline(w, 3);
  key(w, "measures");
  put(w, "[", 1);
  for (size_t i = 0; i < s->measure_count; i++) {
    newline(w, 4);
    measure(w, s, s->measures[i]);
    if (i + 1 < s->measure_count) put(w, ",", 1);
  }
  if (s->measure_count) newline(w, 3);
  put(w, "]", 1);
  if (BD_HAS(s, bd_scenario, waiver_count) && s->waiver_count) {
    put(w, ",", 1);
    newline(w, 3);
    key(w, "waive");
    waivers(w, s);
  }
  if (s->extensions.count) {
    put(w, ",", 1);
    newline(w, 3);
    key(w, "extensions");
    extensions(w, &s->extensions);
  }
  newline(w, 2);
  put(w, "}", 1);
}

/* Writes {"baseline": x, "current": y, "planned": z}. */
static void per_state(json_writer *w, const double v[BD_STATE_COUNT]) {
  put(w, "{", 1);
  for (int st = 0; st < BD_STATE_COUNT; st++) {
    if (st) put(w, ", ", 2);
    key(w, bd_state_name((bd_state)st));
    number(w, v[st]);
  }
  put(w, "}", 1);
}

/* Writes one state of the "totals" object, `name`: {...}, and its comma. */
static void state_totals(json_writer *w, const bd_report *r, const char *name, const bd_totals *t) {
  newline(w, 2);
  key(w, name);
  puts_(w, "{\"eal\": ");
  number(w, t->eal);
  puts_(w, ", \"downtime_h\": ");
  number(w, t->downtime_h);
  puts_(w, ", \"budget_used\": ");
  if (r->has_error_budget)
    number(w, t->budget_used);
  else
    puts_(w, "null");
  puts_(w, ", \"by_category\": ");
  by_category(w, r, t->by_category);
  /* ABI 2.2: only for a plan with ranges (a host before it has none) */
  if (BD_HAS(t, bd_totals, range) && t->range) {
    puts_(w, ", \"range\": ");
    range(w, t->range);
  }
  puts_(w, "},");
}

/* Writes the loss-exceedance curve of one state: [[x, p], ...], x
 * increasing, p the share of simulated years whose total loss is > x. */
static void exceedance(json_writer *w, const bd_simulation *sim, const double *exceed) {
  put(w, "[", 1);
  for (size_t i = 0; i < sim->point_count; i++) {
    if (i) put(w, ", ", 2);
    put(w, "[", 1);
    number(w, sim->x[i]);
    put(w, ", ", 2);
    number(w, exceed[i]);
    put(w, "]", 1);
  }
  put(w, "]", 1);
}

/* Writes the "totals" object. */
static void totals(json_writer *w, const bd_report *r) {
  put(w, "{", 1);
  for (int st = 0; st < BD_STATE_COUNT; st++) {
    state_totals(w, r, bd_state_name((bd_state)st), r->totals[st]);
    /* the fourth state, proven, beside current (a host before it has none) */
    if (st == BD_STATE_CURRENT && BD_HAS(r, bd_report, proven_totals) && r->proven_totals)
      state_totals(w, r, "proven", r->proven_totals);
  }
  newline(w, 2);
  key(w, "error_budget_h");
  if (r->has_error_budget)
    number(w, r->error_budget_h);
  else
    puts_(w, "null");
  puts_(w, ", \"coverage\": ");
  number(w, r->coverage);
  puts_(w, ", \"verified_coverage\": ");
  number(w, r->verified_coverage);
  const bd_simulation *sim = BD_HAS(r, bd_report, simulation) ? r->simulation : NULL;
  if (sim) {
    put(w, ",", 1);
    newline(w, 2);
    key(w, "exceedance");
    exceedance(w, sim, sim->exceed[BD_STATE_CURRENT]);
    put(w, ",", 1);
    newline(w, 2);
    key(w, "exceedance_planned");
    exceedance(w, sim, sim->exceed[BD_STATE_PLANNED]);
  }
  newline(w, 1);
  put(w, "}", 1);
}

/* Writes the losses and failures arrays. */
static void groups(json_writer *w, const bd_report *r) {
  newline(w, 1);
  key(w, "losses");
  put(w, "[", 1);
  for (size_t i = 0; i < r->loss_count; i++) {
    const bd_loss *l = r->losses[i];
    newline(w, 2);
    puts_(w, "{\"id\": ");
    string(w, l->id);
    puts_(w, ", \"title\": ");
    string(w, l->title);
    puts_(w, ", \"per_hour\": ");
    by_category(w, r, l->per_hour);
    puts_(w, ", \"per_incident\": ");
    by_category(w, r, l->per_incident);
    puts_(w, ", \"eal\": ");
    per_state(w, l->eal);
    /* ABI 2.2: the simulated yearly loss in each state, proven beside current */
    if (BD_HAS(l, bd_loss, range_proven) && l->range_proven) {
      puts_(w, ", \"range\": {");
      for (int st = 0; st < BD_STATE_COUNT; st++) {
        if (st) put(w, ", ", 2);
        key(w, bd_state_name((bd_state)st));
        range(w, l->range[st]);
        if (st == BD_STATE_CURRENT) {
          puts_(w, ", \"proven\": ");
          range(w, l->range_proven);
        }
      }
      put(w, "}", 1);
    }
    puts_(w, ", \"failures\": [");
    for (size_t f = 0; f < l->failure_count; f++) {
      if (f) put(w, ", ", 2);
      string(w, r->failures[l->failures[f]]->id);
    }
    puts_(w, "]}");
    if (i + 1 < r->loss_count) put(w, ",", 1);
  }
  newline(w, 1);
  puts_(w, "],");
  newline(w, 1);
  key(w, "failures");
  put(w, "[", 1);
  for (size_t i = 0; i < r->failure_count; i++) {
    const bd_failure *f = r->failures[i];
    newline(w, 2);
    puts_(w, "{\"id\": ");
    string(w, f->id);
    puts_(w, ", \"title\": ");
    string(w, f->title);
    puts_(w, ", \"loss\": ");
    string(w, r->losses[f->loss]->id);
    puts_(w, ", \"eal\": ");
    per_state(w, f->eal);
    put(w, "}", 1);
    if (i + 1 < r->failure_count) put(w, ",", 1);
  }
  newline(w, 1);
  puts_(w, "],");
}

/* Writes a count. */
static void count(json_writer *w, size_t n) {
  char buf[32];
  int len = snprintf(buf, sizeof buf, "%zu", n);
  put(w, buf, (size_t)len);
}

/* Writes {"before": a, "after": b, "difference": b - a}; an absent side
 * (has_* 0) is null and counts as 0 in the difference. */
static void before_after(json_writer *w, int has_before, double before, int has_after,
                         double after) {
  puts_(w, "{\"before\": ");
  if (has_before)
    number(w, before);
  else
    puts_(w, "null");
  puts_(w, ", \"after\": ");
  if (has_after)
    number(w, after);
  else
    puts_(w, "null");
  puts_(w, ", \"difference\": ");
  number(w, (has_after ? after : 0) - (has_before ? before : 0));
  put(w, "}", 1);
}

/* Writes one scenario of a comparison. */
static void scenario_delta(json_writer *w, const bd_scenario_delta *d) {
  int before = d->change != BD_CHANGE_ADDED, after = d->change != BD_CHANGE_REMOVED;
  puts_(w, "{\"id\": ");
  string(w, d->id);
  puts_(w, ", \"change\": ");
  string(w, bd_change_name(d->change));
  puts_(w, ", \"eal\": ");
  before_after(w, before, d->eal_before, after, d->eal_after);
  puts_(w, ", \"decision\": {\"before\": ");
  string(w, before ? bd_decision_name(d->decision_before) : NULL);
  puts_(w, ", \"after\": ");
  string(w, after ? bd_decision_name(d->decision_after) : NULL);
  puts_(w, "}, \"coverage\": {");
  int first = 1;
  for (int k = 0; k < BD_KIND_COUNT; k++) {
    if (!(d->changed_cells & (1u << k))) continue;
    if (!first) put(w, ", ", 2);
    first = 0;
    key(w, bd_kind_name((bd_kind)k));
    puts_(w, "{\"before\": ");
    string(w, bd_cell_name(d->coverage_before[k]));
    puts_(w, ", \"after\": ");
    string(w, bd_cell_name(d->coverage_after[k]));
    put(w, "}", 1);
  }
  puts_(w, "}}");
}

/* Writes the ids of the scenarios of a comparison with the given change. */
static void ids_with(json_writer *w, const bd_comparison *c, bd_change change) {
  put(w, "[", 1);
  int first = 1;
  for (size_t i = 0; i < c->scenario_count; i++) {
    if (c->scenarios[i]->change != change) continue;
    if (!first) put(w, ", ", 2);
    first = 0;
    string(w, c->scenarios[i]->id);
  }
  put(w, "]", 1);
}

/* Writes the "history" object (--history DIR): the service's archived
 * periods, then this report, with the figures the archive index shows
 * under the same keys. */
static void history(json_writer *w, const bd_history *h) {
  puts_(w, "{\"dir\": ");
  string(w, h->dir);
  puts_(w, ", \"periods\": [");
  for (size_t i = 0; i < h->point_count; i++) {
    const bd_history_point *p = h->points[i];
    if (i) put(w, ",", 1);
    newline(w, 2);
    puts_(w, "{\"period\": ");
    if (p->period)
      string(w, p->period);
    else
      puts_(w, "null");
    puts_(w, ", \"as_of\": ");
    string(w, p->as_of);
    puts_(w, ", \"this_report\": ");
    boolean(w, p->this_report);
    puts_(w, ", \"source\": ");
    if (p->source)
      string(w, p->source);
    else
      puts_(w, "null");
    puts_(w, ", \"yearly_loss_now\": ");
    number_or_null(w, p->has_money, p->eal_now);
    puts_(w, ", \"yearly_loss_planned\": ");
    number_or_null(w, p->has_money, p->eal_planned);
    puts_(w, ", \"budget_used\": ");
    number_or_null(w, p->has_budget, p->budget_used);
    puts_(w, ", \"coverage\": ");
    number(w, p->coverage);
    puts_(w, ", \"verified_coverage\": ");
    number(w, p->verified_coverage);
    puts_(w, ", \"decisions_needed\": ");
    count(w, p->decisions);
    put(w, "}", 1);
  }
  newline(w, 1);
  puts_(w, "]}");
}

/* Writes the "comparison" object (--compare). */
static void comparison(json_writer *w, const bd_comparison *c) {
  put(w, "{", 1);
  newline(w, 2);
  puts_(w, "\"source\": ");
  string(w, c->source);
  puts_(w, ", \"source_sha256\": ");
  string(w, c->source_sha256);
  puts_(w, ", \"period\": ");
  string(w, c->period);
  puts_(w, ", \"as_of\": ");
  string(w, c->as_of);
  put(w, ",", 1);
  newline(w, 2);
  key(w, "eal");
  before_after(w, 1, c->eal_before, 1, c->eal_after);
  put(w, ",", 1);
  newline(w, 2);
  key(w, "added");
  ids_with(w, c, BD_CHANGE_ADDED);
  puts_(w, ", \"removed\": ");
  ids_with(w, c, BD_CHANGE_REMOVED);
  puts_(w, ", \"changed\": ");
  ids_with(w, c, BD_CHANGE_CHANGED);
  put(w, ",", 1);
  newline(w, 2);
  key(w, "cell_changes");
  count(w, c->cell_changes);
  puts_(w, ", \"decision_changes\": ");
  count(w, c->decision_changes);
  put(w, ",", 1);
  newline(w, 2);
  key(w, "scenarios");
  put(w, "[", 1);
  for (size_t i = 0; i < c->scenario_count; i++) {
    newline(w, 3);
    scenario_delta(w, c->scenarios[i]);
    if (i + 1 < c->scenario_count) put(w, ",", 1);
  }
  if (c->scenario_count) newline(w, 2);
  put(w, "]", 1);
  newline(w, 1);
  put(w, "}", 1);
}

/* Writes the whole report of one plan. */
static void report(json_writer *w, const bd_report *r) {
  puts_(w, "{");
  newline(w, 1);
  puts_(w, "\"badday\": 1, \"generator\": ");
  char gen[64];
  snprintf(gen, sizeof gen, "badday %s", w->host->version);
  string(w, gen);
  puts_(w, ", \"source\": ");
  string(w, r->source);
  puts_(w, ", \"source_sha256\": ");
  string(w, r->source_sha256);
  put(w, ",", 1);
  newline(w, 1);
  key(w, "service");
  string(w, r->service);
  puts_(w, ", \"owner\": ");
  string(w, r->owner);
  puts_(w, ", \"period\": ");
  string(w, r->period);
  puts_(w, ", \"as_of\": ");
  string(w, r->as_of);
  puts_(w, ", \"currency\": ");
  string(w, r->currency);
  put(w, ",", 1);
  newline(w, 1);
  key(w, "slo");
  if (r->has_slo)
    number(w, r->slo);
  else
    puts_(w, "null");
  puts_(w, ", \"amortize_years\": ");
  number(w, r->amortize_years);
  puts_(w, ", \"stale_after_h\": ");
  number(w, r->stale_after_h);
  puts_(w, ", \"risk_cap\": ");
  number(w, r->risk_cap);
  put(w, ",", 1);
  newline(w, 1);
  key(w, "categories");
  put(w, "[", 1);
  for (size_t c = 0; c < r->category_count; c++) {
    if (c) put(w, ", ", 2);
    string(w, r->categories[c]);
  }
  puts_(w, "],");
  newline(w, 1);
  key(w, "totals");
  totals(w, r);
  put(w, ",", 1);
  groups(w, r);
  newline(w, 1);
  key(w, "decisions");
  put(w, "[", 1);
  for (size_t i = 0; i < r->decision_count; i++) {
    if (i) put(w, ", ", 2);
    string(w, r->scenarios[r->decisions[i]]->id);
  }
  puts_(w, "],");
  newline(w, 1);
  key(w, "scenarios");
  put(w, "[", 1);
  for (size_t i = 0; i < r->scenario_count; i++) {
    newline(w, 2);
    scenario(w, r, r->scenarios[i]);
    if (i + 1 < r->scenario_count) put(w, ",", 1);
  }
  if (r->scenario_count) newline(w, 1);
  puts_(w, "],");
  newline(w, 1);
  key(w, "extensions");
  extensions(w, &r->extensions);
  if (BD_HAS(r, bd_report, simulation) && r->simulation) {
    char seed[32];
    put(w, ",", 1);
    newline(w, 1);
    key(w, "simulation");
    puts_(w, "{\"trials\": ");
    count(w, r->simulation->trials);
    snprintf(seed, sizeof seed, "%llu", r->simulation->seed);
    puts_(w, ", \"seed\": ");
    puts_(w, seed);
    put(w, "}", 1);
  }
  if (BD_HAS(r, bd_report, comparison) && r->comparison) {
    put(w, ",", 1);
    newline(w, 1);
    key(w, "comparison");
    comparison(w, r->comparison);
  }
  if (BD_HAS(r, bd_report, history) && r->history) {
    put(w, ",", 1);
    newline(w, 1);
    key(w, "history");
    history(w, r->history);
  }
  newline(w, 0);
  put(w, "}", 1);
}

/* Writes the portfolio of several plans: its summary, then each plan's
 * object in "services". */
static void portfolio(json_writer *w, const bd_portfolio *p) {
  puts_(w, "{");
  newline(w, 1);
  puts_(w, "\"badday\": 1, \"generator\": ");
  char gen[64];
  snprintf(gen, sizeof gen, "badday %s", w->host->version);
  string(w, gen);
  put(w, ",", 1);
  newline(w, 1);
  key(w, "portfolio");
  puts_(w, "{\"services\": ");
  count(w, p->report_count);
  puts_(w, ", \"currency\": ");
  string(w, p->currency);
  puts_(w, ", \"period\": ");
  string(w, p->period);
  puts_(w, ", \"as_of\": ");
  string(w, p->as_of);
  put(w, ",", 1);
  newline(w, 2);
  key(w, "eal");
  if (p->currency)
    per_state(w, p->eal);
  else
    puts_(w, "null");
  /* the proven state summed over the plans (ABI 2.1), shown on the
   * portfolio's key figures; null without one currency */
  if (BD_HAS(p, bd_portfolio, eal_proven)) {
    puts_(w, ", \"eal_proven\": ");
    number_or_null(w, p->currency != NULL, p->eal_proven);
  }
  puts_(w, ", \"scenarios\": ");
  count(w, p->scenario_count);
  puts_(w, ", \"decisions\": ");
  count(w, p->decision_count);
  puts_(w, ", \"coverage\": ");
  number(w, p->coverage);
  puts_(w, ", \"verified_coverage\": ");
  number(w, p->verified_coverage);
  puts_(w, "},");
  newline(w, 1);
  key(w, "services");
  put(w, "[", 1);
  for (size_t i = 0; i < p->report_count; i++) {
    newline(w, 2);
    w->indent = 2;
    report(w, p->reports[i]);
    w->indent = 0;
    if (i + 1 < p->report_count) put(w, ",", 1);
  }
  newline(w, 1);
  put(w, "]", 1);
  newline(w, 0);
  put(w, "}", 1);
}

/* The plugin's render function: see bd_plugin.render. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  json_writer w;
  w.failed = 0;
  w.used = 0;
  w.host = host;
  w.out = req->output;
  w.indent = 0;
  const bd_portfolio *p = BD_HAS(req, bd_render_request, portfolio) ? req->portfolio : NULL;
  if (p)
    portfolio(&w, p);
  else
    report(&w, req->report);
  put(&w, "\n", 1);
  flush(&w);
  if (w.failed) {
    snprintf(err->message, sizeof err->message, "writing the JSON report failed");
    return -1;
  }
  return 0;
}

static const char *const formats[] = {"json", NULL};

/* The descriptor and the exported bd_plugin_entry() (badday/plugin.h). */
BD_PLUGIN_DEFINE("json", "the computed report as JSON, for scripts (plan-format.md)", formats,
                 render, NULL, BD_FEATURE_PORTFOLIO | BD_FEATURE_COMPARISON)
