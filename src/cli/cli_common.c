/* cli_common.c - see cli_common.h. */
#include "cli/cli_common.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/quote.h"
#include "cli/cli.h"
#include "plan/evidence.h"
#include "plan/load.h"
#include "output/render.h"

/* Prints every diagnostic as FILE:LINE:COL: SEVERITY: MESSAGE. */
void bd_cli_print_diags(const bd_diags *diags, const char *path, const char *severity) {
  for (size_t i = 0; i < diags->count; i++) {
    const bd_diag *d = &diags->items[i];
    const char *file = d->file ? d->file : path;
    if (d->line)
      fprintf(stderr, "%s:%u:%u: %s: %s\n", file, d->line, d->column, severity, d->message);
    else
      fprintf(stderr, "%s: %s: %s\n", file, severity, d->message);
  }
  if (diags->dropped)
    fprintf(stderr, "%s: %s: %zu more %s%s not shown\n", path, severity, diags->dropped, severity,
            diags->dropped == 1 ? "" : "s");
}

/* Parses --threads N (1..BD_CLI_MAX_THREADS).  Returns 0 or -1 (printed). */
int bd_cli_parse_threads(const char *command, const char *arg, unsigned *threads) {
  unsigned long n = 0;
  int ok = *arg != '\0';
  for (const char *p = arg; ok && *p; p++) {
    ok = *p >= '0' && *p <= '9';
    n = n * 10 + (unsigned long)(*p - '0');
    if (n > BD_CLI_MAX_THREADS) ok = 0;
  }
  if (!ok || n == 0) {
    fprintf(stderr,
            "badday %s: --threads: invalid number '%s': expected a whole number from 1 to %d\n",
            command, arg, BD_CLI_MAX_THREADS);
    return -1;
  }
  *threads = (unsigned)n;
  return 0;
}

/* Records one --evidence FILE; returns 0 or -1 (too many). */
int bd_cli_add_evidence(bd_evidence_list *list, const char *path) {
  if (list->count == sizeof list->paths / sizeof list->paths[0]) {
    fprintf(stderr, "badday: more than %zu --evidence files\n", list->count);
    return -1;
  }
  list->paths[list->count++] = path;
  return 0;
}

/* Records one --compare FILE; returns 0, or -1 (printed) when too many. */
int bd_cli_add_compare(bd_compare_list *list, const char *path) {
  if (list->count == sizeof list->paths / sizeof list->paths[0]) {
    fprintf(stderr, "badday: more than %zu --compare files\n", list->count);
    return -1;
  }
  list->paths[list->count++] = path;
  return 0;
}

/* Loads the plan at path into arena with opt; prints its errors.  Returns
 * an exit code. */
static int load_plan(const char *path, const bd_load_options *opt, bd_arena *arena,
                     bd_plan **plan) {
  bd_diags diags = {0}, warnings = {0};
  bd_load_options with_warnings = *opt;
  with_warnings.warnings = &warnings;
  int rc = bd_plan_load_file(path, &with_warnings, arena, plan, &diags);
  bd_cli_print_diags(&warnings, path, "warning");
  if (rc != 0) bd_cli_print_diags(&diags, path, "error");
  bd_diags_free(&warnings);
  bd_diags_free(&diags);
  return rc == 0 ? BD_EXIT_OK : BD_EXIT_INVALID_PLAN;
}

/* How serious an exit code of loading is: a usage error first, then an
 * internal error, then an invalid plan. */
static int load_rank(int status) {
  return status == BD_EXIT_USAGE ? 3 : status == BD_EXIT_INTERNAL ? 2 : status != BD_EXIT_OK;
}

int bd_cli_load_plans(char *const *paths, size_t count, bd_arena *arena, bd_plan ***plans) {
  *plans = bd_arena_array(arena, count ? count : 1, sizeof **plans);
  if (*plans == NULL) return BD_EXIT_INTERNAL;
  bd_load_options opt;
  if (bd_cli_load_options(&opt) != BD_EXIT_OK) return BD_EXIT_USAGE;
  int status = BD_EXIT_OK;
  for (size_t i = 0; i < count; i++) {
    int rc = load_plan(paths[i], &opt, arena, &(*plans)[i]);
    if (load_rank(rc) > load_rank(status)) status = rc;
  }
  return status;
}

int bd_cli_apply_evidence(const bd_evidence_list *list, bd_plan *const *plans, size_t count,
                          bd_arena *arena, int verbose) {
  bd_evidence_target target = {plans, count, arena};
  for (size_t i = 0; i < list->count; i++) {
    bd_diags warnings = {0}, errors = {0};
    bd_evidence_stats stats;
    int rc = bd_evidence_apply(list->paths[i], &target, &stats, &warnings, &errors);
    bd_cli_print_diags(&warnings, list->paths[i], "warning");
    bd_cli_print_diags(&errors, list->paths[i], "error");
    bd_diags_free(&warnings);
    bd_diags_free(&errors);
    if (rc != 0) return BD_EXIT_INVALID_PLAN;
    if (verbose)
      fprintf(stderr, "badday: %s: %zu runs matched, %zu applied, %zu skipped\n", list->paths[i],
              stats.matched, stats.applied, stats.skipped);
  }
  return BD_EXIT_OK;
}

/* Reads SOURCE_DATE_EPOCH into *seconds.  Returns 1 when it is set, 0
 * when not, -1 when it is malformed. */
static int source_date_epoch(long long *seconds) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde == NULL || *sde == '\0') return 0;
  char *end;
  errno = 0;
  long long v = strtoll(sde, &end, 10);
  if (errno || *end || v < 0) return -1;
  *seconds = v;
  return 1;
}

/* Today in days since 1970-01-01 (UTC), or the day of SOURCE_DATE_EPOCH.
 * Returns 0, or -1 when SOURCE_DATE_EPOCH is malformed. */
static int today_days(long *days) {
  long long sde = 0;
  int set = source_date_epoch(&sde);
  if (set < 0) {
    fprintf(stderr, "badday: SOURCE_DATE_EPOCH must be a number of seconds, not '%s'\n",
            getenv("SOURCE_DATE_EPOCH"));
    return -1;
  }
  *days = set ? (long)(sde / 86400) : (long)(time(NULL) / 86400);
  return 0;
}

int bd_cli_load_options(bd_load_options *opt) {
  memset(opt, 0, sizeof *opt);
  return today_days(&opt->today) == 0 ? BD_EXIT_OK : BD_EXIT_USAGE;
}

/* The language of labels from the environment: "ja" for a Japanese locale. */
const char *bd_cli_default_lang(void) {
  const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < 3; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v) return strncmp(v, "ja", 2) == 0 ? "ja" : "en";
  }
  return "en";
}

/* The installed data directory, or $BADDAY_DATADIR (used by the tests). */
static const char *data_dir(void) {
  const char *env = getenv("BADDAY_DATADIR");
  return env && *env ? env : BD_DATADIR;
}

/* Returns "DIR/NAME" in a new string (caller frees), or NULL. */
static char *join_path(const char *dir, const char *name) {
  char *path = NULL;
  return asprintf(&path, "%s/%s", dir, name) < 0 ? NULL : path;
}

char *bd_cli_data_file(const char *name) {
  return join_path(data_dir(), name);
}

int bd_cli_today(long *days) {
  return today_days(days);
}

const char *bd_cli_absolute_dir(const char *command, const char *dir, char *resolved) {
  if (dir == NULL || dir[0] == '/') return dir;
  if (realpath(dir, resolved) == NULL) {
    fprintf(stderr, "badday %s: --plugin-dir %s: %s\n", command, dir, strerror(errno));
    return NULL;
  }
  return resolved;
}

int bd_cli_parse_timeout(const char *command, const char *arg, unsigned *seconds) {
  char *end = NULL;
  errno = 0;
  long v = strtol(arg, &end, 10);
  if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 || v < 0 || v > 86400) {
    fprintf(stderr,
            "badday %s: --plugin-timeout takes whole seconds from 0 (no limit) to 86400, "
            "not '%s'\n",
            command, arg);
    return -1;
  }
  *seconds = (unsigned)v;
  return 0;
}

int bd_cli_discover(const char *plugin_dir, bd_plugin_set *set) {
  bd_plugin_search search = {plugin_dir, getenv("BADDAY_PLUGIN_PATH"), BD_PLUGINDIR};
  if (bd_plugins_discover(&search, set) != 0) {
    fprintf(stderr, "badday: out of memory while looking for plugins\n");
    return -1;
  }
  return 0;
}

int bd_cli_generated_at(long as_of_days, int64_t *seconds) {
  long days;
  if (today_days(&days) != 0) return -1; /* says what is wrong with SOURCE_DATE_EPOCH */
  long long sde = 0;
  int set = source_date_epoch(&sde);
  /* Reproducible archives: the as-of date is "now" unless the user set one. */
  *seconds = set               ? (int64_t)sde
             : as_of_days >= 0 ? (int64_t)as_of_days * 86400
                               : (int64_t)time(NULL);
  return 0;
}

/* The code points of a plugin's log line or error message that are shown. */
enum { PLUGIN_TEXT_MAX_POINTS = 1000 };

/* Prints text from a plugin to stderr escaped (bd_escape_dup: no line feed
 * or bidi control of a plugin starts or disguises a line) and shortened. */
static void print_plugin_text(const char *text) {
  char *safe = bd_escape_dup(text, strlen(text), PLUGIN_TEXT_MAX_POINTS);
  fputs(safe ? safe : "(out of memory)", stderr);
  free(safe);
}

/* Prints a render's log line: "badday: PLUGIN: warning: TEXT". */
static void print_log_line(void *context, const char *plugin, bd_log_level level,
                           const char *text) {
  (void)context;
  fprintf(stderr, "badday: %s%s%s", plugin ? plugin : "", plugin ? ": " : "",
          level == BD_LOG_WARNING ? "warning: " : "");
  print_plugin_text(text);
  fputc('\n', stderr);
}

/* Prints the formats the loaded plugins offer, for "no plugin" errors. */
static void print_available_formats(const bd_plugin_set *set) {
  fprintf(stderr, "badday: available formats:");
  int any = 0;
  for (size_t i = 0; i < set->count; i++) {
    if (set->files[i].plugin == NULL) continue;
    for (const char *const *f = set->files[i].plugin->formats; *f; f++) {
      if (bd_plugins_shadowed(set, &set->files[i], *f)) continue;
      fprintf(stderr, " %s", *f);
      any = 1;
    }
  }
  fprintf(stderr, "%s\n", any ? "" : " none (see 'badday plugins')");
}

/* Prints why a render failed; returns its exit code. */
static int report_failure(const bd_cli_render *a, const bd_plugin_set *set,
                          const bd_render_result *result) {
  switch (result->failure) {
  case BD_RENDER_NO_PLUGIN:
    fprintf(stderr, "badday: %s\n", result->message);
    for (size_t i = 0; i < set->count; i++)
      if (set->files[i].refusal) fprintf(stderr, "badday: refused %s\n", set->files[i].refusal);
    print_available_formats(set);
    return BD_EXIT_PLUGIN;
  case BD_RENDER_BAD_OPTION:
    fprintf(stderr, "badday %s: %s\n", a->command, result->message);
    return BD_EXIT_USAGE;
  case BD_RENDER_UNSUPPORTED:
    fprintf(stderr, "badday %s: %s\n", a->command, result->message);
    return BD_EXIT_PLUGIN;
  case BD_RENDER_PLUGIN_FAILED:
    if (result->line)
      fprintf(stderr, "%s:%u:%u: error: ", a->plan, result->line, result->column);
    else
      fputs("badday: ", stderr);
    print_plugin_text(result->message);
    fputc('\n', stderr);
    return BD_EXIT_PLUGIN;
  case BD_RENDER_OUTPUT:
  default:
    fprintf(stderr, "badday: %s\n", result->message);
    return BD_EXIT_OUTPUT;
  }
}

int bd_cli_render_report(const bd_cli_render *a, const bd_plugin_set *set, const bd_report *report,
                         const bd_portfolio *portfolio) {
  char *default_templates = join_path(data_dir(), "templates");
  char *fonts = join_path(data_dir(), "fonts");
  int status = BD_EXIT_OK;
  if (default_templates == NULL || fonts == NULL) {
    status = BD_EXIT_INTERNAL;
  } else {
    bd_render_job job = {.report = report,
                         .portfolio = portfolio,
                         .format = a->format,
                         .layout = a->layout,
                         .lang = a->lang,
                         .option_names = a->option_names,
                         .option_values = a->option_values,
                         .option_count = a->option_count,
                         .output = a->output,
                         .no_clobber = a->no_clobber,
                         .verbose = a->verbose,
                         .generated_at = a->generated_at,
                         .generated_at_set = 1,
                         .template_dir = a->template_dir ? a->template_dir : default_templates,
                         .fallback_template_dir = default_templates,
                         .font_dir = fonts,
                         .log = print_log_line,
                         .plugin_timeout = a->plugin_timeout};
    bd_render_result result;
    if (bd_render(set, &job, &result) != 0) status = report_failure(a, set, &result);
  }
  free(default_templates);
  free(fonts);
  return status;
}
