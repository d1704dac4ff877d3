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
 * Options: -O table=matrix|measures (default matrix), -O bom=no|yes.
 */
#include <stdio.h>
#include <string.h>

#include <badday/plugin.h>

/* A buffered writer in front of host->write. */
typedef struct csv_writer {
  const bd_host *host;
  bd_output *out;
  int failed;
  int first_field; /* no comma before the next field */
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

/* One row per scenario in matrix order: the current yearly loss per
 * category, the total, downtime, the planned total and the decision. */
static void matrix(csv_writer *w, const bd_report *r) {
  const char *head[] = {"loss", "failure", "scenario", "title"};
  for (size_t i = 0; i < 4; i++) text(w, head[i]);
  for (size_t c = 0; c < r->category_count; c++) text(w, r->categories[c]);
  const char *tail[] = {"total",    "downtime_h",   "planned_total",
                        "decision", "budget_share", "over_cap"};
  for (size_t i = 0; i < 6; i++) text(w, tail[i]);
  end_row(w);
  for (size_t i = 0; i < r->matrix_row_count; i++) {
    if (r->matrix_rows[i].type != BD_ROW_SCENARIO) continue;
    const bd_scenario *s = &r->scenarios[r->matrix_rows[i].index];
    const bd_figures *now = &s->state[BD_STATE_CURRENT];
    text(w, r->losses[s->loss].id);
    text(w, r->failures[s->failure].id);
    text(w, s->id);
    text(w, s->title);
    for (size_t c = 0; c < r->category_count; c++) number(w, now->by_category[c]);
    number(w, now->eal);
    number(w, now->downtime_h);
    number(w, s->state[BD_STATE_PLANNED].eal);
    text(w, bd_decision_name(s->decision));
    if (s->has_budget_share)
      number(w, s->budget_share);
    else
      text(w, "");
    text(w, s->over_cap ? "true" : "false");
    end_row(w);
  }
}

/* One row per measure: its scenario, kind, status, costs and verification. */
static void measures(csv_writer *w, const bd_report *r) {
  const char *head[] = {"scenario",     "measure",   "title",       "kind",
                        "status",       "cost_once", "cost_yearly", "annual_cost",
                        "verification", "last_run",  "result"};
  for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) text(w, head[i]);
  end_row(w);
  for (size_t i = 0; i < r->scenario_count; i++) {
    const bd_scenario *s = &r->scenarios[i];
    for (size_t j = 0; j < s->measure_count; j++) {
      const bd_measure *m = &s->measures[j];
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
  if (table && strcmp(table, "measures") == 0)
    measures(&w, req->report);
  else
    matrix(&w, req->report);
  flush(&w);
  if (w.failed) {
    snprintf(err->message, sizeof err->message, "writing the CSV failed");
    return -1;
  }
  return 0;
}

static const char *const formats[] = {"csv", NULL};
static const char *const tables[] = {"matrix", "measures", NULL};
static const char *const yes_no[] = {"no", "yes", NULL};

static const bd_option_spec options[] = {
    {"table", "which table: the loss matrix or the measure list", tables, "matrix"},
    {"bom", "start with a UTF-8 byte order mark (for spreadsheets)", yes_no, "no"},
    {NULL, NULL, NULL, NULL},
};

static const bd_plugin plugin = {
    .magic = BD_PLUGIN_MAGIC,
    .abi_major = BD_ABI_MAJOR,
    .abi_minor = BD_ABI_MINOR,
    .struct_size = sizeof(bd_plugin),
    .name = "csv",
    .description = "the loss matrix or the measure list as CSV (RFC 4180, formula-safe)",
    .formats = formats,
    .render = render,
    .options = options,
};

/* The entry point the host looks up with dlsym. */
BD_PLUGIN_EXPORT const bd_plugin *bd_plugin_entry(void) {
  return &plugin;
}
