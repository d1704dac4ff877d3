/*
 * summary.c - an example badday output plugin: a plain-text summary of the
 * plan for chat messages and e-mails (format "txt").
 *
 * It is built out of tree with nothing but the installed SDK:
 *
 *     cc $(pkg-config --cflags badday-plugin) -shared -fPIC -o summary.so summary.c
 *     badday render plan.yaml -f txt -o - --plugin-dir .
 *     install -m 755 summary.so "$(pkg-config --variable=plugindir badday-plugin)"
 *
 * Options: -O top=N, how many decisions to list (default 5).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <badday/plugin.h>

/* Writes amount v of the plan in the reader's language into buf (size >=
 * 64): format_money (plugin ABI 1.2) when the host has it, so that the yen
 * in Japanese reads 4,052,667円; else format_amount, always in English. */
static const char *money(const bd_host *host, const bd_render_request *req, double v, int compact,
                         char *buf, size_t size) {
  const char *currency = req->report->currency;
  if (BD_HAS(host, bd_host, format_money))
    host->format_money(v, currency, compact ? BD_MONEY_COMPACT : 0, req->lang, buf, size);
  else
    host->format_amount(v, currency, compact, buf, size);
  return buf;
}

/* Writes the summary through the host's text services: print (printf
 * style) and puts append to the host's output buffer, so the plugin needs
 * no buffer of its own.  A failed write (disk full) makes every later one
 * fail too; the plugin returns -1 and the host reports the write error. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  const bd_report *r = req->report;
  bd_output *out = req->output;
  char now[64], planned[64], budget[64];
  money(host, req, r->totals[BD_STATE_CURRENT]->eal, 0, now, sizeof now);
  money(host, req, r->totals[BD_STATE_PLANNED]->eal, 0, planned, sizeof planned);

  int failed = host->puts(out, r->service);
  if (r->period) failed |= host->print(out, " (%s)", r->period);
  failed |= host->print(out, ", as of %s\n", r->as_of);
  failed |= host->print(out, "%s: %s; %s: %s\n", host->message(out, "figure.yearly_loss_now"), now,
                        host->message(out, "figure.yearly_loss_planned"), planned);
  if (r->has_error_budget) {
    host->format_share(r->totals[BD_STATE_CURRENT]->budget_used, budget, sizeof budget);
    failed |= host->print(out, "%s: %s\n", host->message(out, "figure.error_budget_used"), budget);
  }

  /* The option was checked by the host against nothing but its name, so
   * the plugin validates the number itself. */
  const char *top_text = host->option(out, "top");
  char *end;
  long top = strtol(top_text ? top_text : "5", &end, 10);
  if (*end != '\0' || top < 0) {
    snprintf(err->message, sizeof err->message, "option top must be a whole number, not '%s'",
             top_text);
    return -1;
  }
  for (size_t i = 0; i < r->decision_count && i < (size_t)top; i++) {
    const bd_scenario *sc = r->scenarios[r->decisions[i]];
    char eal[64], key[64];
    money(host, req, sc->state[BD_STATE_CURRENT]->eal, 1, eal, sizeof eal);
    snprintf(key, sizeof key, "decision.%s", bd_decision_name(sc->decision));
    failed |= host->print(out, "- %s: %s a year, %s%s\n", sc->title, eal, host->message(out, key),
                          sc->over_cap ? " (over the risk cap)" : "");
  }
  if (failed) { /* the host reports a write error itself; this is for anything else */
    snprintf(err->message, sizeof err->message, "cannot write the summary");
    return -1;
  }
  return 0;
}

static const char *const formats[] = {"txt", NULL};

static const bd_option_spec options[] = {
    {"top", "how many decisions to list", NULL, "5"},
    {NULL, NULL, NULL, NULL},
};

/* The descriptor and the exported bd_plugin_entry() (badday/plugin.h). */
BD_PLUGIN_DEFINE("summary", "a plain-text summary for chat and e-mail (example plugin)", formats,
                 render, options, 0)
