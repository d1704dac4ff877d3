/*
 * csv.c - the loss matrix or the measure list as CSV, for spreadsheets.
 *
 * Written against the public SDK only (<badday/plugin.h>), as a model for
 * plugin authors.  RFC 4180: fields with a comma, a quote or a line break
 * are quoted, quotes doubled, lines end in CRLF.  UTF-8, with a byte order
 * mark on request (-O bom=yes) for spreadsheets that need one to read
 * Japanese.  Formula injection: a text cell that starts with =, +, -, @,
 * TAB or CR gets a leading apostrophe, so a spreadsheet shows it as text
 * instead of running it.  Numbers are exact (host->format_number).
 *
 * Options: -O table=matrix|measures|services|changes|waivers (default
 * matrix), -O bom=no|yes.  With several plans (a portfolio) every row starts
 * with its service; "services" is one row per plan (the portfolio summary),
 * "changes" one row per scenario compared with --compare and "waivers" one
 * row per waived CI gate rule (a scenario's `waive`).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <badday/plugin.h>

/* A buffered writer in front of host->write. */
typedef struct csv_writer {
  const bd_host *host;
  bd_output *out;
  int failed;
  int first_field;    /* no comma before the next field */
  int service_column; /* rows start with the service (a portfolio) */
  int ranges;         /* the matrix has the 90% range columns (a plan has ranges) */
  size_t used;
  char buf[8192];
} csv_writer;

static void flush(csv_writer *w) {
  if (!w->failed && w->used && w->host->write(w->out, w->buf, w->used) != 0) w->failed = 1;
  w->used = 0;
}

static void put(csv_writer *w, const char *s, size_t len) {
  while (len > 0) {
    if (w->used == sizeof w->buf) flush(w);
    size_t n = sizeof w->buf - w->used;
    if (n > len) n = len;
    memcpy(w->buf + w->used, s, n);
    w->used += n;
    s += n;
    len -= n;
  }
}

/* Starts a field: a comma unless it is the first of the row. */
static void separator(csv_writer *w) {
  if (!w->first_field) put(w, ",", 1);
  w->first_field = 0;
}

/* Writes a text field, quoted when needed and neutralised against formulas. */
static void text(csv_writer *w, const char *s) {
  separator(w);
  if (s == NULL) return;
  int formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
  int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
  if (quote) put(w, "\"", 1);
  if (formula) put(w, "'", 1);
  for (const char *p = s; *p; p++) {
    if (*p == '"') put(w, "\"", 1);
    put(w, p, 1);
  }
  if (quote) put(w, "\"", 1);
}

/* Writes a number field, exact. */
static void number(csv_writer *w, double v) {
  char buf[40];
  separator(w);
  put(w, buf, w->host->format_number(v, buf, sizeof buf));
}

static void end_row(csv_writer *w) {
  put(w, "\r\n", 2);
  w->first_field = 1;
}

/* Writes the number v, or an empty field when absent. */
static void maybe_number(csv_writer *w, int present, double v) {
  if (present)
    number(w, v);
  else
    text(w, "");
}

/* The proven yearly loss of scenario s (ABI 2.1), or its current one from
 * an older host. */
static double proven_eal(const bd_scenario *s) {
  return BD_HAS(s, bd_scenario, proven) && s->proven ? s->proven->eal
                                                     : s->state[BD_STATE_CURRENT]->eal;
}

/* The simulated current yearly loss of s (ABI 2.2), or NULL. */
static const bd_range *current_range(const bd_report *r, const bd_scenario *s) {
  if (!BD_HAS(r, bd_report, simulation) || r->simulation == NULL) return NULL;
  const bd_figures *now = s->state[BD_STATE_CURRENT];
  return BD_HAS(now, bd_figures, range) ? now->range : NULL;
}

/* One row per scenario in matrix order: the current yearly loss per
 * category, the total, downtime, the planned total, the decision, then
 * the columns added later at the end so that the earlier ones keep their
 * place: the proven total, and with ranges the 90% range of the current
 * yearly loss (p5, p95) and the decision's confidence. */
static void matrix(csv_writer *w, const bd_report *r, int header) {
  if (header) {
    if (w->service_column) text(w, "service");
    const char *head[] = {"loss", "failure", "scenario", "title"};
    for (size_t i = 0; i < 4; i++) text(w, head[i]);
    for (size_t c = 0; c < r->category_count; c++) text(w, r->categories[c]);
    const char *tail[] = {"total",    "downtime_h",   "planned_total",
                          "decision", "budget_share", "over_cap"};
    for (size_t i = 0; i < 6; i++) text(w, tail[i]);
    text(w, "proven_total");
    if (w->ranges) {
      text(w, "range_p5");
      text(w, "range_p95");
      text(w, "confidence");
    }
    end_row(w);
  }
  for (size_t i = 0; i < r->matrix_row_count; i++) {
    if (r->matrix_rows[i]->type != BD_ROW_SCENARIO) continue;
    const bd_scenario *s = r->scenarios[r->matrix_rows[i]->index];
    const bd_figures *now = s->state[BD_STATE_CURRENT];
    if (w->service_column) text(w, r->service);
    text(w, r->losses[s->loss]->id);
    text(w, r->failures[s->failure]->id);
    text(w, s->id);
    text(w, s->title);
    for (size_t c = 0; c < r->category_count; c++) number(w, now->by_category[c]);
    number(w, now->eal);
    number(w, now->downtime_h);
    number(w, s->state[BD_STATE_PLANNED]->eal);
    text(w, bd_decision_name(s->decision));
    if (s->has_budget_share)
      number(w, s->budget_share);
    else
      text(w, "");
    text(w, s->over_cap ? "true" : "false");
    number(w, proven_eal(s));
    if (w->ranges) {
      const bd_range *range = current_range(r, s);
      maybe_number(w, range != NULL, range ? range->p5 : 0);
      maybe_number(w, range != NULL, range ? range->p95 : 0);
      maybe_number(w, BD_HAS(s, bd_scenario, uncertain) && s->has_confidence, s->confidence);
    }
    end_row(w);
  }
}

/* One row per measure: its scenario, kind, status, costs and verification. */
static void measures(csv_writer *w, const bd_report *r, int header) {
  const char *head[] = {"scenario",     "measure",   "title",       "kind",
                        "status",       "cost_once", "cost_yearly", "annual_cost",
                        "verification", "last_run",  "result"};
  if (header) {
    if (w->service_column) text(w, "service");
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) text(w, head[i]);
    end_row(w);
  }
  for (size_t i = 0; i < r->scenario_count; i++) {
    const bd_scenario *s = r->scenarios[i];
    for (size_t j = 0; j < s->measure_count; j++) {
      const bd_measure *m = s->measures[j];
      if (w->service_column) text(w, r->service);
      text(w, s->id);
      text(w, m->id);
      text(w, m->title);
      text(w, bd_kind_name(m->kind));
      text(w, bd_status_name(m->status));
      number(w, m->cost_once);
      number(w, m->cost_yearly);
      number(w, m->annual_cost);
      text(w, bd_verification_name(m->verification));
      text(w, m->kind == BD_KIND_TESTING ? m->last_run : NULL);
      text(w, m->kind == BD_KIND_TESTING && m->last_run ? bd_result_name(m->result) : NULL);
      end_row(w);
    }
  }
}

/* One row per plan: the figures of the portfolio summary. */
static void services(csv_writer *w, const bd_report *r, int header) {
  const char *head[] = {
      "service",           "owner",         "period",        "as_of",       "currency",
      "baseline_total",    "current_total", "planned_total", "budget_used", "coverage",
      "verified_coverage", "scenarios",     "decisions",     "source",      "source_sha256"};
  if (header) {
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) text(w, head[i]);
    end_row(w);
  }
  text(w, r->service);
  text(w, r->owner);
  text(w, r->period);
  text(w, r->as_of);
  text(w, r->currency);
  for (int st = 0; st < BD_STATE_COUNT; st++) number(w, r->totals[st]->eal);
  if (r->has_error_budget)
    number(w, r->totals[BD_STATE_CURRENT]->budget_used);
  else
    text(w, "");
  number(w, r->coverage);
  number(w, r->verified_coverage);
  number(w, (double)r->scenario_count);
  number(w, (double)r->decision_count);
  text(w, r->source);
  text(w, r->source_sha256);
  end_row(w);
}

/* One row per scenario compared with --compare (none without it). */
static void changes(csv_writer *w, const bd_report *r, int header) {
  if (header) {
    const char *head[] = {"scenario",  "title",      "change",          "eal_before",
                          "eal_after", "difference", "decision_before", "decision_after"};
    if (w->service_column) text(w, "service");
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) text(w, head[i]);
    for (int k = 0; k < BD_KIND_COUNT; k++) {
      char name[32];
      snprintf(name, sizeof name, "%s_before", bd_kind_name((bd_kind)k));
      text(w, name);
      snprintf(name, sizeof name, "%s_after", bd_kind_name((bd_kind)k));
      text(w, name);
    }
    end_row(w);
  }
  const bd_comparison *c = BD_HAS(r, bd_report, comparison) ? r->comparison : NULL;
  for (size_t i = 0; c && i < c->scenario_count; i++) {
    const bd_scenario_delta *d = c->scenarios[i];
    int before = d->change != BD_CHANGE_ADDED, after = d->change != BD_CHANGE_REMOVED;
    if (w->service_column) text(w, r->service);
    text(w, d->id);
    text(w, d->title);
    text(w, bd_change_name(d->change));
    maybe_number(w, before, d->eal_before);
    maybe_number(w, after, d->eal_after);
    number(w, (after ? d->eal_after : 0) - (before ? d->eal_before : 0));
    text(w, before ? bd_decision_name(d->decision_before) : NULL);
    text(w, after ? bd_decision_name(d->decision_after) : NULL);
    for (int k = 0; k < BD_KIND_COUNT; k++) {
      text(w, before ? bd_cell_name(d->coverage_before[k]) : NULL);
      text(w, after ? bd_cell_name(d->coverage_after[k]) : NULL);
    }
    end_row(w);
  }
}

/* One row per waiver of a CI gate rule (ABI 2.1): its scenario, the rule,
 * until when, whether it has expired, and the reason. */
static void waivers(csv_writer *w, const bd_report *r, int header) {
  if (header) {
    const char *head[] = {"scenario", "rule", "until", "expired", "reason"};
    if (w->service_column) text(w, "service");
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) text(w, head[i]);
    end_row(w);
  }
  for (size_t i = 0; i < r->scenario_count; i++) {
    const bd_scenario *s = r->scenarios[i];
    for (size_t j = 0; BD_HAS(s, bd_scenario, waiver_count) && j < s->waiver_count; j++) {
      const bd_waiver *v = s->waivers[j];
      if (w->service_column) text(w, r->service);
      text(w, s->id);
      text(w, v->rule);
      text(w, v->until);
      text(w, v->expired ? "true" : "false");
      text(w, v->reason);
      end_row(w);
    }
  }
}

/* Whether every plan of the portfolio has the same loss categories, in the
 * same order (the loss matrix's columns). */
static int same_categories(const bd_portfolio *p) {
  const bd_report *first = p->reports[0];
  for (size_t i = 1; i < p->report_count; i++) {
    const bd_report *r = p->reports[i];
    if (r->category_count != first->category_count) return 0;
    for (size_t c = 0; c < r->category_count; c++)
      if (strcmp(r->categories[c], first->categories[c]) != 0) return 0;
  }
  return 1;
}

/* The plugin's render function: see bd_plugin.render. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  csv_writer w;
  w.host = host;
  w.out = req->output;
  w.failed = 0;
  w.used = 0;
  w.first_field = 1;
  const char *bom = host->option(req->output, "bom");
  if (bom && strcmp(bom, "yes") == 0) put(&w, "\xEF\xBB\xBF", 3);
  const char *table = host->option(req->output, "table");
  void (*write_table)(csv_writer *, const bd_report *, int) = matrix;
  if (table && strcmp(table, "measures") == 0) write_table = measures;
  if (table && strcmp(table, "services") == 0) write_table = services;
  if (table && strcmp(table, "changes") == 0) write_table = changes;
  if (table && strcmp(table, "waivers") == 0) write_table = waivers;
  const bd_portfolio *p = BD_HAS(req, bd_render_request, portfolio) ? req->portfolio : NULL;
  w.service_column = p != NULL && write_table != services;
  w.ranges = 0;
  for (size_t i = 0; i < (p ? p->report_count : 1); i++) {
    const bd_report *r = p ? p->reports[i] : req->report;
    if (BD_HAS(r, bd_report, simulation) && r->simulation) w.ranges = 1;
  }
  if (p == NULL) {
    write_table(&w, req->report, 1);
  } else if (write_table == matrix && !same_categories(p)) {
    snprintf(err->message, sizeof err->message,
             "the plans have different loss categories, so their loss matrices do not share "
             "columns; use -O table=services, measures, changes or waivers, or render each plan on "
             "its own");
    return -1;
  } else {
    for (size_t i = 0; i < p->report_count; i++) write_table(&w, p->reports[i], i == 0);
  }
  flush(&w);
  if (w.failed) {
    snprintf(err->message, sizeof err->message, "writing the CSV failed");
    return -1;
  }
  return 0;
}

static const char *const formats[] = {"csv", NULL};
static const char *const tables[] = {"matrix", "measures", "services", "changes", "waivers", NULL};
static const char *const yes_no[] = {"no", "yes", NULL};

static const bd_option_spec options[] = {
    {"table",
     "which table: the loss matrix, the measure list, one row per plan (services), the "
     "scenarios compared with --compare (changes) or the waived CI gate rules (waivers)",
     tables, "matrix"},
    {"bom", "start with a UTF-8 byte order mark (for spreadsheets)", yes_no, "no"},
    {NULL, NULL, NULL, NULL},
};

/* The descriptor and the exported bd_plugin_entry() (badday/plugin.h). */
BD_PLUGIN_DEFINE("csv",
                 "the loss matrix, measures, services, changes or waivers as CSV (RFC 4180, "
                 "formula-safe)",
                 formats, render, options, BD_FEATURE_PORTFOLIO | BD_FEATURE_COMPARISON)
