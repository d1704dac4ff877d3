/*
 * register.c - an out-of-tree badday output plugin: a Markdown risk
 * register.  Format "register", written as .md (ABI 2.2: the plugin
 * declares its extension), labels from the host's catalogue with the
 * plugin's own for the ones the catalogue lacks (message_or), so
 * `--lang ja` output is Japanese throughout; one row a scenario, largest
 * current yearly loss first (bd_report.scenarios_by_loss).  Builds with
 *
 *     cc $(pkg-config --cflags badday-plugin) -shared -fPIC -o register.so register.c
 *
 * and renders with
 *
 *     badday render plan.yaml -f register --plugin-dir DIR   (writes plan.md)
 */
#include <stdio.h>
#include <string.h>

#include <badday/plugin.h>

/* The plugin's own label for key in lang: the fallback message_or returns
 * when the host's catalogue has no such key. */
static const char *own_label(const char *key, const char *lang) {
  int ja = lang != NULL && strcmp(lang, "ja") == 0;
  if (strcmp(key, "register.title") == 0) return ja ? "リスク台帳" : "Risk register";
  return key;
}

/* A label in the request's language: the catalogue's, else our own. */
static const char *label(const bd_host *host, const bd_render_request *req, const char *key) {
  return host->message_or(req->output, key, own_label(key, req->lang));
}

/* Writes one row of the register for scenario s. */
static int write_row(const bd_host *host, const bd_render_request *req, const bd_scenario *s) {
  static const char *const decisions[] = {"decision.monitor", "decision.accept",
                                          "decision.mitigate", "decision.accepted"};
  char loss[64];
  host->format_money(s->state[BD_STATE_CURRENT]->eal, req->report->currency, BD_MONEY_COMPACT,
                     req->lang, loss, sizeof loss);
  const char *decision = (unsigned)s->decision < 4 ? label(host, req, decisions[s->decision]) : "";
  return host->print(req->output, "| %s | %s | %s | %zu | %s |\n", s->id ? s->id : "", s->title,
                     loss, s->measure_count, decision);
}

static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  if (!BD_HAS(host, bd_host, message_or)) {
    snprintf(err->message, sizeof err->message, "needs badday with plugin ABI 2.2 or newer");
    return -1;
  }
  const bd_report *r = req->report;
  bd_output *out = req->output;
  int failed = host->print(out, "# %s: %s\n\n", label(host, req, "register.title"), r->service);
  failed |= host->print(out, "| %s | %s | %s | %s | %s |\n|---|---|---:|---:|---|\n",
                        label(host, req, "column.id"), label(host, req, "column.scenario"),
                        label(host, req, "column.current"), label(host, req, "column.measures"),
                        label(host, req, "column.decision"));
  /* largest current yearly loss first: the host's order (ABI 2.2), no sorting here */
  const size_t *by_loss = BD_HAS(r, bd_report, scenarios_by_loss) ? r->scenarios_by_loss : NULL;
  for (size_t i = 0; i < r->scenario_count && !failed; i++)
    failed |= write_row(host, req, r->scenarios[by_loss ? by_loss[i] : i]);
  if (failed) {
    snprintf(err->message, sizeof err->message, "cannot write the register");
    return -1;
  }
  return 0;
}

static const char *const formats[] = {"register", NULL};
static const char *const extensions[] = {"md", NULL};

BD_PLUGIN_DEFINE_EXTENSIONS("register", "a Markdown risk register (-f register, writes .md)",
                            formats, extensions, render, NULL, 0)
