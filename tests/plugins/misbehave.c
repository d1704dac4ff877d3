/* A plugin that misbehaves on request, for the isolation tests
 * (tests/isolation.sh): -O do=segv dereferences NULL, do=abort calls
 * abort(), do=hang never returns, do=exit calls exit(0) halfway, do=log
 * logs a warning and renders, do=error fails at a line and column of the
 * plan.  Every mode but log writes half a report first. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <badday/plugin.h>

static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  const char *mode = host->option(req->output, "do");
  host->puts(req->output, "half a report");
  if (strcmp(mode, "segv") == 0) {
    volatile int *nowhere = NULL;
    return *nowhere;
  }
  if (strcmp(mode, "abort") == 0) abort();
  if (strcmp(mode, "hang") == 0)
    for (;;) pause();
  if (strcmp(mode, "exit") == 0) exit(0);
  if (strcmp(mode, "error") == 0) {
    snprintf(err->message, sizeof err->message, "the plugin does not like this scenario");
    err->line = 7;
    err->column = 5;
    return -1;
  }
  host->log(req->output, BD_LOG_WARNING, "a warning from the child, %d", 42);
  return host->puts(req->output, " and the other half\n");
}

static const char *const formats[] = {"misbehave", NULL};
static const char *const modes[] = {"segv", "abort", "hang", "exit", "log", "error", NULL};
static const bd_option_spec options[] = {
    {"do", "what to get wrong", modes, "log"},
    {NULL, NULL, NULL, NULL},
};
BD_PLUGIN_DEFINE("misbehave", "a plugin that crashes, hangs or exits on request", formats, render,
                 options, 0)
