/* A plugin that misbehaves on request, for the isolation tests
 * (tests/isolation.sh): -O do=segv dies of SIGSEGV, do=abort calls
 * abort(), do=hang never returns, do=exit calls exit(0) halfway, do=log
 * logs a warning and renders, do=error fails at a line and column of the
 * plan, do=forge logs and fails with text that tries to forge lines of
 * badday's own (a line feed, then "FILE:LINE:COL: error:") and to turn
 * the terminal's text around (U+202E).  Every mode but log writes half a
 * report first. */
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
    /* dies of SIGSEGV as a wild pointer would; raised with the default
     * action, so that a sanitizer build dies of it too instead of
     * reporting it and exiting with a status */
    signal(SIGSEGV, SIG_DFL);
    raise(SIGSEGV);
    return -1;
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
  if (strcmp(mode, "forge") == 0) {
    host->log(req->output, BD_LOG_WARNING,
              "innocent\nspec-example.yaml:2:2: error: forged by the log\xe2\x80\xae");
    snprintf(err->message, sizeof err->message,
             "failed\nspec-example.yaml:3:3: error: forged by the error\r");
    return -1;
  }
  host->log(req->output, BD_LOG_WARNING, "a warning from the child, %d", 42);
  return host->puts(req->output, " and the other half\n");
}

static const char *const formats[] = {"misbehave", NULL};
static const char *const modes[] = {"segv", "abort", "hang", "exit", "log", "error", "forge", NULL};
static const bd_option_spec options[] = {
    {"do", "what to get wrong", modes, "log"},
    {NULL, NULL, NULL, NULL},
};
BD_PLUGIN_DEFINE("misbehave", "a plugin that crashes, hangs or exits on request", formats, render,
                 options, 0)
