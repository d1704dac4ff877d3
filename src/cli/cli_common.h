/*
 * cli_common.h - what the commands of the CLI share: printing diagnostics,
 * loading a plan (with its evidence), and rendering one report through a
 * plugin into an atomically written file.  Only CLI code prints.
 */
#ifndef BD_CLI_COMMON_H
#define BD_CLI_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "badday/report.h"
#include "base/diag.h"
#include "output/host.h"
#include "plan/load.h"
#include "plan/plan.h"

/* Prints every diagnostic as FILE:LINE:COL: SEVERITY: MESSAGE. */
void bd_cli_print_diags(const bd_diags *diags, const char *path, const char *severity);

/* The --evidence files of a command, in order. */
typedef struct bd_evidence_list {
  const char *paths[64];
  size_t count;
} bd_evidence_list;

/* Records one --evidence FILE; returns 0, or -1 (printed) when too many. */
int bd_cli_add_evidence(bd_evidence_list *list, const char *path);

/* Loads the count plans at paths into a new array *plans (in arena); an
 * invalid plan's entry is NULL.  Prints every error.  Returns BD_EXIT_OK
 * when all loaded, else the most serious exit code (usage, then internal,
 * then an invalid plan). */
int bd_cli_load_plans(char *const *paths, size_t count, bd_arena *arena, bd_plan ***plans);

/* Applies every evidence file to the count plans, skipping NULL entries
 * (a testcase counts for every plan with the measure it names); prints
 * warnings and errors.
 * Returns an exit code (an unreadable evidence file is an invalid input). */
int bd_cli_apply_evidence(const bd_evidence_list *list, bd_plan *const *plans, size_t count,
                          bd_arena *arena, int verbose);

/* The loader's options for this run (today from SOURCE_DATE_EPOCH or the
 * clock).  Returns BD_EXIT_OK, or BD_EXIT_USAGE (printed) when
 * SOURCE_DATE_EPOCH is malformed. */
int bd_cli_load_options(bd_load_options *opt);

/* The most --threads a command accepts. */
#define BD_CLI_MAX_THREADS 1024

/* Parses the value of `command`'s --threads (the simulation of ranges): a
 * whole number from 1 to BD_CLI_MAX_THREADS.  Returns 0 with it in
 * *threads, or -1 after printing what was expected. */
int bd_cli_parse_threads(const char *command, const char *arg, unsigned *threads);

/* The --compare files of a command, in order. */
typedef struct bd_compare_list {
  const char *paths[64];
  size_t count;
} bd_compare_list;

/* Records one --compare FILE; returns 0, or -1 (printed) when too many. */
int bd_cli_add_compare(bd_compare_list *list, const char *path);

/* Reads every --compare file and attaches to each report what changed
 * since the earlier report of the same service (with one plan and one
 * earlier service, they are compared whatever their names).  Prints every
 * error and warning.  Returns an exit code: an unreadable file, a currency
 * that differs or a service named twice is an invalid input. */
int bd_cli_attach_comparisons(const bd_compare_list *list, bd_report *const *reports, size_t count,
                              bd_arena *arena);

/* Returns the path of `name` in badday's data directory ($BADDAY_DATADIR
 * or the installed one, e.g. "templates/plan-1.schema.json") in a new
 * string the caller frees, or NULL when memory ran out. */
char *bd_cli_data_file(const char *name);

/* Today in days since 1970-01-01 (UTC), or the day of SOURCE_DATE_EPOCH.
 * Returns 0, or -1 after printing that SOURCE_DATE_EPOCH is malformed. */
int bd_cli_today(long *days);

/* The language of labels from LC_ALL, LC_MESSAGES or LANG: "ja" or "en". */
const char *bd_cli_default_lang(void);

/* Resolves a relative --plugin-dir to an absolute path (the host only
 * loads absolute paths) into resolved (4096 bytes).  Returns the path to
 * use, or NULL after printing why. */
const char *bd_cli_absolute_dir(const char *command, const char *dir, char *resolved);

/* Finds the plugins along --plugin-dir, BADDAY_PLUGIN_PATH and the
 * installed directory.  Returns 0, or -1 (printed) when memory ran out. */
int bd_cli_discover(const char *plugin_dir, bd_plugin_set *set);

/* The generation time of this run's reports in seconds since 1970 (UTC):
 * SOURCE_DATE_EPOCH when set, else as_of_days (a plan's as-of date, for
 * archives) when it is not negative, else now.  Returns 0, or -1 after
 * printing that SOURCE_DATE_EPOCH is malformed. */
int bd_cli_generated_at(long as_of_days, int64_t *seconds);

/* The seconds a plugin may take to render one report unless
 * --plugin-timeout says otherwise. */
#define BD_CLI_DEFAULT_PLUGIN_TIMEOUT 120

/* Reads the SECONDS of --plugin-timeout (a whole number from 0, meaning no
 * limit, to 86400) into *seconds.  Returns 0, or -1 after printing why. */
int bd_cli_parse_timeout(const char *command, const char *arg, unsigned *seconds);

/* One render of a report through a plugin into a destination. */
typedef struct bd_cli_render {
  const char *command; /* "render" or "archive", for messages */
  const char *plan;    /* the plan's path, for messages */
  const char *format;  /* chooses the plugin */
  const char *layout;  /* "report" or "slides" */
  const char *lang;
  const char *output;       /* a path, or "-" */
  const char *template_dir; /* NULL: the installed templates */
  const char *const *option_names;
  const char *const *option_values;
  size_t option_count;
  int verbose;
  int no_clobber;          /* refuse to replace an existing file with other content */
  int64_t generated_at;    /* from bd_cli_generated_at */
  unsigned plugin_timeout; /* seconds; 0: no limit (BD_CLI_DEFAULT_PLUGIN_TIMEOUT by default) */
} bd_cli_render;

/* Renders report (or, when portfolio is not NULL, the portfolio whose
 * first report it is) through bd_render with the first plugin of set
 * offering r->format into r->output, written atomically.  Prints what went
 * wrong and the render's log lines.  Returns an exit code. */
int bd_cli_render_report(const bd_cli_render *r, const bd_plugin_set *set, const bd_report *report,
                         const bd_portfolio *portfolio);

#endif
