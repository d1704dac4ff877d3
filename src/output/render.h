/*
 * render.h - one render through a plugin: the host's single entry point.
 *
 * bd_render() picks the plugin that offers the requested format, checks
 * the -O options and what the plugin can show (several plans, a
 * comparison), opens the destination, calls the plugin with the host's
 * services in a child process (forked: the report is shared copy-on-write;
 * the child writes into the temporary file and its log lines and error
 * come back over a pipe) and commits the file atomically, or removes it
 * when anything failed -- also when the plugin crashed, exited or ran out
 * of time.  The caller ignores SIGPIPE (the CLI does).  It never prints:
 * errors come back in a bd_render_result, and log lines (the plugin's and
 * the host's) go to the caller's callback.
 *
 * struct bd_output, the per-render context a plugin holds as an opaque
 * handle, is defined in render.c and nowhere else.
 */
#ifndef BD_RENDER_H
#define BD_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "badday/plugin.h"
#include "output/host.h"

/* Receives one log line of a render.  plugin is the plugin's name for a
 * line the plugin logged, NULL for the host's own (which plugin it uses,
 * what it wrote, a warning).  DEBUG lines are only passed with verbose.
 * text belongs to the host and lives for the call. */
typedef void (*bd_render_log_fn)(void *context, const char *plugin, bd_log_level level,
                                 const char *text);

/* What to render and where.  Every string belongs to the caller. */
typedef struct bd_render_job {
  const bd_report *report;         /* the analysed plan (a portfolio's first) */
  const bd_portfolio *portfolio;   /* several plans, or NULL for one */
  const char *format;              /* chooses the plugin, e.g. "json" */
  const char *layout;              /* "report" or "slides" */
  const char *lang;                /* "en" or "ja" */
  const char *const *option_names; /* -O NAME=VALUE, in order */
  const char *const *option_values;
  size_t option_count;
  const char *output;   /* a path, or "-" for standard output */
  int no_clobber;       /* archives: never replace a file with other content */
  int verbose;          /* pass DEBUG log lines to log */
  int64_t generated_at; /* seconds since 1970 (UTC); see bd_render_request */
  int generated_at_set;
  const char *template_dir;          /* the templates a plugin reads */
  const char *fallback_template_dir; /* messages.tsv when template_dir has none, or NULL */
  const char *font_dir;              /* fontconfig configuration */
  bd_render_log_fn log;              /* NULL: log lines are dropped */
  void *log_context;
  unsigned plugin_timeout; /* seconds a plugin may render before it is stopped; 0: no limit */
} bd_render_job;

/* What went wrong in a render. */
typedef enum bd_render_failure {
  BD_RENDER_OK = 0,
  BD_RENDER_NO_PLUGIN,     /* no loaded plugin offers the format */
  BD_RENDER_BAD_OPTION,    /* an -O option the plugin does not take, or a wrong value */
  BD_RENDER_UNSUPPORTED,   /* the plugin cannot show several plans */
  BD_RENDER_PLUGIN_FAILED, /* the plugin returned an error */
  BD_RENDER_OUTPUT         /* the destination could not be opened, written or committed */
} bd_render_failure;

/* The outcome of bd_render. */
typedef struct bd_render_result {
  bd_render_failure failure;
  char message[1024];      /* why, without a "badday:" prefix; "" on success */
  unsigned line, column;   /* the plugin's position in the plan (1-based), or 0 */
  int unchanged;           /* no_clobber found the same content already there */
  const bd_plugin *plugin; /* the plugin chosen, or NULL (owned by the set) */
} bd_render_result;

/* Renders job with the first plugin of set offering job->format.  Returns
 * 0, or -1 with result->failure and result->message set (and the plugin's
 * line and column when its error points into the plan); the previous file
 * at job->output is then untouched and no temporary file is left.  Prints
 * nothing. */
int bd_render(const bd_plugin_set *set, const bd_render_job *job, bd_render_result *result);

#endif
