/* cli.c - the commands of the badday command line; see cli.h. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "analyse.h"
#include "badday/plugin.h"
#include "catalogue.h"
#include "evidence.h"
#include "gates.h"
#include "host.h"
#include "load.h"
#include "output.h"

void bd_print_usage(FILE *f) {
  fprintf(f,
          "Usage: badday check [-v] [--fail-on RULE[,RULE...]] [--evidence JUNIT.xml]... PLAN...\n"
          "       badday render PLAN [-f FORMAT] [-o OUTPUT] [--layout report|slides]\n"
          "                          [--lang en|ja] [--paper a4|letter] [-O NAME=VALUE]...\n"
          "                          [--evidence JUNIT.xml]... [--plugin-dir DIR]\n"
          "                          [--template-dir DIR] [-v]\n"
          "       badday plugins [-v] [--plugin-dir DIR]\n"
          "       badday --help | --version\n"
          "\n"
          "Turns a resilience plan (YAML, plan format 1) into reports: a loss matrix,\n"
          "a scenario tree, a coverage heatmap and the decisions needed.\n"
          "\n"
          "Commands:\n"
          "  check     validate plans; print every error as FILE:LINE:COL: error: MESSAGE\n"
          "  render    render one plan through an output plugin (json, html, pdf, ...)\n"
          "  plugins   list the plugins found, their formats, paths and ABI, and refused files\n"
          "\n"
          "Options of check:\n"
          "      --fail-on RULES   also fail (exit 6) when a rule finds something: over-cap,\n"
          "                        stale, failing, uncovered, budget (comma-separated)\n"
          "\n"
          "      --evidence FILE   JUnit XML whose testcases (SCENARIO/MEASURE) stand in for\n"
          "                        the tests' last_run and result (check and render)\n"
          "\n"
          "Options of render:\n"
          "  -f, --format FORMAT   output format; default: the extension of OUTPUT\n"
          "  -o, --output OUTPUT   the report file; '-' for standard output; default: the\n"
          "                        plan's base name with the format's extension, here\n"
          "      --layout LAYOUT   'report' (default) or 'slides'\n"
          "      --lang LANG       labels in 'en' or 'ja'; default from LC_ALL/LC_MESSAGES/LANG\n"
          "      --plugin-dir DIR  look for plugins in DIR first\n"
          "      --template-dir DIR  use the templates in DIR instead of the installed ones\n"
          "  -O, --option NAME=VALUE  an option of the output plugin (see 'badday plugins -v')\n"
          "      --paper a4|letter  paper size of the PDF report (same as -O paper=...)\n"
          "  -v, --verbose         say more\n"
          "\n"
          "Plugins are searched in --plugin-dir, then in each absolute directory of\n"
          "BADDAY_PLUGIN_PATH (':'-separated), then in %s.\n"
          "SOURCE_DATE_EPOCH, when set, is the date used for a plan without as_of.\n"
          "\n"
          "Exit status: 0 success, 1 invalid plan, 2 usage error, 3 plugin problem,\n"
          "4 output not written, 5 internal error, 6 a --fail-on rule found something.\n",
          BD_PLUGINDIR);
}

/* Prints every diagnostic as FILE:LINE:COL: SEVERITY: MESSAGE. */
static void print_severity(const bd_diags *diags, const char *path, const char *severity) {
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

/* Prints every diagnostic as FILE:LINE:COL: error: MESSAGE. */
static void print_diags(const bd_diags *diags, const char *path) {
  print_severity(diags, path, "error");
}

/* The --evidence files of a command, in order. */
typedef struct evidence_list {
  const char *paths[64];
  size_t count;
} evidence_list;

/* Records one --evidence FILE; returns 0 or -1 (too many). */
static int add_evidence(evidence_list *list, const char *path) {
  if (list->count == sizeof list->paths / sizeof list->paths[0]) {
    fprintf(stderr, "badday: more than %zu --evidence files\n", list->count);
    return -1;
  }
  list->paths[list->count++] = path;
  return 0;
}

/* Applies every evidence file to the plan; prints warnings and errors.
 * Returns an exit code (an unreadable evidence file is an invalid input). */
static int apply_evidence(const evidence_list *list, bd_plan *plan, bd_arena *arena, int verbose) {
  for (size_t i = 0; i < list->count; i++) {
    bd_diags warnings = {0}, errors = {0};
    bd_evidence_stats stats;
    int rc = bd_evidence_apply(list->paths[i], plan, arena, &stats, &warnings, &errors);
    print_severity(&warnings, list->paths[i], "warning");
    print_diags(&errors, list->paths[i]);
    bd_diags_free(&warnings);
    bd_diags_free(&errors);
    if (rc != 0) return BD_EXIT_INVALID_PLAN;
    if (verbose)
      fprintf(stderr, "badday: %s: %zu runs matched, %zu applied, %zu skipped\n", list->paths[i],
              stats.matched, stats.applied, stats.skipped);
  }
  return BD_EXIT_OK;
}

/* Today in days since 1970-01-01 (UTC), or the day of SOURCE_DATE_EPOCH.
 * Returns 0, or -1 when SOURCE_DATE_EPOCH is malformed. */
static int today_days(long *days) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde) {
    char *end;
    errno = 0;
    long long v = strtoll(sde, &end, 10);
    if (errno || *end || v < 0) {
      fprintf(stderr, "badday: SOURCE_DATE_EPOCH must be a number of seconds, not '%s'\n", sde);
      return -1;
    }
    *days = (long)(v / 86400);
    return 0;
  }
  *days = (long)(time(NULL) / 86400);
  return 0;
}

/* Loads one plan into arena; prints its errors.  Returns an exit code. */
static int load_plan(const char *path, bd_arena *arena, bd_plan **plan) {
  bd_load_options opt = {0};
  if (today_days(&opt.today) != 0) return BD_EXIT_USAGE;
  bd_diags diags = {0};
  int rc = bd_plan_load_file(path, &opt, arena, plan, &diags);
  if (rc != 0) print_diags(&diags, path);
  bd_diags_free(&diags);
  return rc == 0 ? BD_EXIT_OK : BD_EXIT_INVALID_PLAN;
}

/* Analyses a valid plan and prints every finding of the --fail-on rules as
 * FILE:LINE: RULE: MESSAGE.  Returns an exit code. */
static int run_gates(const char *path, const bd_plan *plan, bd_arena *arena, unsigned mask) {
  bd_report *report = NULL;
  bd_gate_finding *findings = NULL;
  if (bd_analyse(plan, arena, &report) != 0) return BD_EXIT_INTERNAL;
  size_t n = bd_gates_check(report, mask, arena, &findings);
  if (n == (size_t)-1) return BD_EXIT_INTERNAL;
  if ((mask & BD_GATE_BUDGET) && !report->has_error_budget)
    fprintf(stderr, "%s: warning: the plan has no slo, so the budget rule has nothing to check\n",
            path);
  for (size_t i = 0; i < n; i++) {
    if (findings[i].line)
      printf("%s:%u: %s: %s\n", path, findings[i].line, findings[i].rule, findings[i].message);
    else
      printf("%s: %s: %s\n", path, findings[i].rule, findings[i].message);
  }
  return n ? BD_EXIT_GATE : BD_EXIT_OK;
}

int bd_cmd_check(int argc, char **argv) {
  enum { OPT_FAIL_ON = 256 };
  static const struct option options[] = {{"verbose", no_argument, NULL, 'v'},
                                          {"fail-on", required_argument, NULL, OPT_FAIL_ON},
                                          {"evidence", required_argument, NULL, 'e'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  int verbose = 0, c;
  unsigned gates = 0;
  char err[256];
  evidence_list evidence = {{0}, 0};
  optind = 1;
  while ((c = getopt_long(argc, argv, "vh", options, NULL)) != -1) {
    if (c == 'v') {
      verbose = 1;
    } else if (c == 'e') {
      if (add_evidence(&evidence, optarg) != 0) return BD_EXIT_USAGE;
    } else if (c == OPT_FAIL_ON) {
      if (bd_gates_parse(optarg, &gates, err, sizeof err) != 0) {
        fprintf(stderr, "badday check: --fail-on: %s\n", err);
        return BD_EXIT_USAGE;
      }
    } else if (c == 'h') {
      bd_print_usage(stdout);
      return BD_EXIT_OK;
    } else {
      return BD_EXIT_USAGE;
    }
  }
  if (optind >= argc) {
    fprintf(stderr, "badday check: no plan given (usage: badday check PLAN...)\n");
    return BD_EXIT_USAGE;
  }
  int status = BD_EXIT_OK;
  for (int i = optind; i < argc; i++) {
    bd_arena arena = {0};
    bd_plan *plan = NULL;
    int rc = load_plan(argv[i], &arena, &plan);
    if (rc == BD_EXIT_OK && verbose)
      printf("%s: ok (%zu losses, %zu failure types, %zu scenarios)\n", argv[i], plan->loss_count,
             plan->failure_count, plan->scenario_count);
    if (rc == BD_EXIT_OK) rc = apply_evidence(&evidence, plan, &arena, verbose);
    if (rc == BD_EXIT_OK && gates) rc = run_gates(argv[i], plan, &arena, gates);
    bd_arena_free(&arena);
    /* An invalid plan outranks a gate finding; a usage error outranks both. */
    if (rc != BD_EXIT_OK && (status == BD_EXIT_OK || status == BD_EXIT_GATE || rc == BD_EXIT_USAGE))
      status = rc;
  }
  return status;
}

/* The language of labels from the environment: "ja" for a Japanese locale. */
static const char *default_lang(void) {
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

/* Returns the extension of path (after the last '.' of its last component),
 * lower-cased into buf, or NULL. */
static const char *extension_of(const char *path, char *buf, size_t size) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  if (dot == NULL || dot == base || dot[1] == '\0' || strlen(dot + 1) >= size) return NULL;
  size_t i = 0;
  for (const char *p = dot + 1; *p; p++) buf[i++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
  buf[i] = '\0';
  if (strcmp(buf, "htm") == 0) strcpy(buf, "html");
  return buf;
}

/* The default output: the plan's base name without .yaml/.yml/.json, with
 * the format as extension, in the current directory (caller frees). */
static char *default_output(const char *plan, const char *format) {
  const char *base = strrchr(plan, '/');
  base = base ? base + 1 : plan;
  size_t len = strlen(base);
  const char *exts[] = {".yaml", ".yml", ".json"};
  for (size_t i = 0; i < 3; i++) {
    size_t el = strlen(exts[i]);
    if (len > el && strcasecmp(base + len - el, exts[i]) == 0) {
      len -= el;
      break;
    }
  }
  char *out = NULL;
  if (asprintf(&out, "%.*s.%s", (int)len, base, format) < 0) return NULL;
  return out;
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

enum { BD_MAX_OPTIONS = 64 };

/* Everything `render` was asked to do. */
typedef struct render_args {
  const char *plan;
  const char *format;
  const char *output;
  const char *layout;
  const char *lang;
  const char *plugin_dir;
  const char *template_dir;
  int verbose;
  const char *option_names[BD_MAX_OPTIONS]; /* -O NAME=VALUE, in order; names malloc'ed */
  const char *option_values[BD_MAX_OPTIONS];
  size_t option_count;
  evidence_list evidence;
} render_args;

/* Records -O NAME=VALUE (or, with name set, NAME=arg as --paper does).
 * The name is copied (freed by free_options); the value points into argv. */
static int add_option(render_args *a, const char *name, const char *arg) {
  if (a->option_count == BD_MAX_OPTIONS) {
    fprintf(stderr, "badday render: more than %d -O options\n", BD_MAX_OPTIONS);
    return -1;
  }
  const char *value = arg;
  size_t len = name ? strlen(name) : 0;
  if (name == NULL) {
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg) {
      fprintf(stderr, "badday render: -O takes NAME=VALUE, not '%s'\n", arg);
      return -1;
    }
    name = arg;
    len = (size_t)(eq - arg);
    value = eq + 1;
  }
  char *copy = strndup(name, len);
  if (copy == NULL) return -1;
  a->option_names[a->option_count] = copy;
  a->option_values[a->option_count] = value;
  a->option_count++;
  return 0;
}

/* Frees the option names add_option copied. */
static void free_options(render_args *a) {
  for (size_t i = 0; i < a->option_count; i++) free((char *)a->option_names[i]);
  a->option_count = 0;
}

/* Parses the options of `render`; returns BD_EXIT_OK or an exit code. */
static int parse_render_args(int argc, char **argv, render_args *a) {
  enum { OPT_LAYOUT = 256, OPT_LANG, OPT_PLUGIN_DIR, OPT_TEMPLATE_DIR, OPT_PAPER };
  static const struct option options[] = {
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"layout", required_argument, NULL, OPT_LAYOUT},
      {"lang", required_argument, NULL, OPT_LANG},
      {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
      {"template-dir", required_argument, NULL, OPT_TEMPLATE_DIR},
      {"paper", required_argument, NULL, OPT_PAPER},
      {"option", required_argument, NULL, 'O'},
      {"evidence", required_argument, NULL, 'e'},
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  memset(a, 0, sizeof *a);
  a->layout = "report";
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:O:vh", options, NULL)) != -1) {
    switch (c) {
    case 'e':
      if (add_evidence(&a->evidence, optarg) != 0) return BD_EXIT_USAGE;
      break;
    case 'O':
    case OPT_PAPER:
      if (add_option(a, c == 'O' ? NULL : "paper", optarg) != 0) return BD_EXIT_USAGE;
      break;
    case 'f':
      a->format = optarg;
      break;
    case 'o':
      a->output = optarg;
      break;
    case OPT_LAYOUT:
      a->layout = optarg;
      break;
    case OPT_LANG:
      a->lang = optarg;
      break;
    case OPT_PLUGIN_DIR:
      a->plugin_dir = optarg;
      break;
    case OPT_TEMPLATE_DIR:
      a->template_dir = optarg;
      break;
    case 'v':
      a->verbose = 1;
      break;
    case 'h':
      bd_print_usage(stdout);
      return -1;
    default:
      return BD_EXIT_USAGE;
    }
  }
  if (optind >= argc) {
    fprintf(stderr,
            "badday render: no plan given (usage: badday render PLAN [-f FORMAT] [-o OUTPUT])\n");
    return BD_EXIT_USAGE;
  }
  if (argc - optind > 1) {
    fprintf(stderr, "badday render: give exactly one plan (found %d)\n", argc - optind);
    return BD_EXIT_USAGE;
  }
  a->plan = argv[optind];
  if (strcmp(a->layout, "report") != 0 && strcmp(a->layout, "slides") != 0) {
    fprintf(stderr, "badday render: --layout must be 'report' or 'slides', not '%s'\n", a->layout);
    return BD_EXIT_USAGE;
  }
  if (a->lang == NULL) a->lang = default_lang();
  if (strcmp(a->lang, "en") != 0 && strcmp(a->lang, "ja") != 0) {
    fprintf(stderr, "badday render: --lang must be 'en' or 'ja', not '%s'\n", a->lang);
    return BD_EXIT_USAGE;
  }
  if (a->plugin_dir && a->plugin_dir[0] != '/') {
    /* The host only loads absolute paths; resolve a relative --plugin-dir now. */
    static char resolved[4096];
    if (realpath(a->plugin_dir, resolved) == NULL) {
      fprintf(stderr, "badday render: --plugin-dir %s: %s\n", a->plugin_dir, strerror(errno));
      return BD_EXIT_USAGE;
    }
    a->plugin_dir = resolved;
  }
  return BD_EXIT_OK;
}

/* Works out the format and the output path; returns an exit code.  *owned
 * receives a string to free (the default output path) or NULL. */
static int resolve_destination(render_args *a, char **owned) {
  static char ext[16];
  *owned = NULL;
  if (a->format == NULL && a->output != NULL && strcmp(a->output, "-") != 0)
    a->format = extension_of(a->output, ext, sizeof ext);
  if (a->format == NULL) {
    fprintf(stderr, "badday render: cannot tell the format%s; give -f FORMAT%s\n",
            a->output == NULL             ? " without -o"
            : strcmp(a->output, "-") == 0 ? " of standard output"
                                          : " from the output's name",
            a->output == NULL ? " or -o FILE.EXT" : "");
    return BD_EXIT_USAGE;
  }
  if (a->output == NULL) {
    if (strcmp(a->plan, "-") == 0) {
      fprintf(stderr, "badday render: a plan read from standard input needs -o OUTPUT\n");
      return BD_EXIT_USAGE;
    }
    *owned = default_output(a->plan, a->format);
    if (*owned == NULL) return BD_EXIT_INTERNAL;
    a->output = *owned;
  }
  return BD_EXIT_OK;
}

/* Returns "DIR/NAME" in a new string (caller frees), or NULL. */
static char *join_path(const char *dir, const char *name) {
  char *path = NULL;
  return asprintf(&path, "%s/%s", dir, name) < 0 ? NULL : path;
}

/* Runs the plugin on the report into the output; returns an exit code. */
static int run_plugin(const render_args *a, const bd_plugin_file *pf, const bd_report *report) {
  char err[1024];
  char *default_templates = join_path(data_dir(), "templates");
  char *fonts = join_path(data_dir(), "fonts");
  if (default_templates == NULL || fonts == NULL) {
    free(default_templates);
    free(fonts);
    return BD_EXIT_INTERNAL;
  }
  const char *templates = a->template_dir ? a->template_dir : default_templates;
  /* An overriding template directory without messages.tsv uses the installed one. */
  bd_lazy_catalogue cat = {{templates, default_templates}, NULL, 0, ""};
  int status = BD_EXIT_OK;

  bd_output *out = NULL;
  if (bd_output_open(a->output, &out, err, sizeof err) != 0) {
    fprintf(stderr, "badday: %s\n", err);
    status = BD_EXIT_OUTPUT;
    goto done;
  }
  out->plugin_name = pf->plugin->name;
  out->catalogue = &cat;
  out->lang = a->lang;
  out->verbose = a->verbose;
  bd_plugin_options options = {a->option_names, a->option_values, a->option_count,
                               bd_plugin_option_specs(pf->plugin)};
  out->options = &options;

  bd_render_request req = {sizeof req, report,  a->format, a->layout, out,
                           a->output,  a->lang, templates, fonts};
  bd_error perr;
  memset(&perr, 0, sizeof perr);
  int rc = pf->plugin->render(bd_host_services(), &req, &perr);
  if (rc != 0 && out->error) {
    /* The plugin stopped because a write failed: an output problem. */
    rc = bd_output_commit(out, err, sizeof err);
    fprintf(stderr, "badday: %s\n", err);
    status = BD_EXIT_OUTPUT;
  } else if (rc != 0) {
    bd_output_abort(out);
    perr.message[sizeof perr.message - 1] = '\0';
    if (perr.line)
      fprintf(stderr, "%s:%u:%u: error: %s\n", a->plan, perr.line, perr.column, perr.message);
    else
      fprintf(stderr, "badday: %s plugin failed: %s\n", pf->plugin->name,
              perr.message[0] ? perr.message : "no reason given");
    status = BD_EXIT_PLUGIN;
  } else if (bd_output_commit(out, err, sizeof err) != 0) {
    fprintf(stderr, "badday: %s\n", err);
    status = BD_EXIT_OUTPUT;
  } else if (a->verbose) {
    fprintf(stderr, "badday: wrote %s (%s, %s layout)\n", a->output, a->format, a->layout);
  }
done:
  bd_lazy_catalogue_free(&cat);
  free(default_templates);
  free(fonts);
  return status;
}

int bd_cmd_render(int argc, char **argv) {
  render_args a;
  int status = parse_render_args(argc, argv, &a);
  char *owned_output = NULL;
  if (status == BD_EXIT_OK) status = resolve_destination(&a, &owned_output);
  if (status != BD_EXIT_OK) {
    free_options(&a);
    return status < 0 ? BD_EXIT_OK : status;
  }

  bd_arena arena = {0};
  bd_plan *plan = NULL;
  bd_report *report = NULL;
  bd_plugin_set set = {0};
  status = load_plan(a.plan, &arena, &plan);
  if (status == BD_EXIT_OK) status = apply_evidence(&a.evidence, plan, &arena, a.verbose);
  if (status != BD_EXIT_OK) goto done;
  if (bd_analyse(plan, &arena, &report) != 0) {
    fprintf(stderr, "badday: out of memory while analysing %s\n", a.plan);
    status = BD_EXIT_INTERNAL;
    goto done;
  }
  bd_plugin_search search = {a.plugin_dir, getenv("BADDAY_PLUGIN_PATH"), BD_PLUGINDIR};
  if (bd_plugins_discover(&search, &set) != 0) {
    fprintf(stderr, "badday: out of memory while looking for plugins\n");
    status = BD_EXIT_INTERNAL;
    goto done;
  }
  const bd_plugin_file *pf = bd_plugins_find(&set, a.format);
  if (pf == NULL) {
    fprintf(stderr, "badday: no plugin renders the format '%s'\n", a.format);
    for (size_t i = 0; i < set.count; i++)
      if (set.files[i].refusal) fprintf(stderr, "badday: refused %s\n", set.files[i].refusal);
    print_available_formats(&set);
    status = BD_EXIT_PLUGIN;
    goto done;
  }
  char err[1024];
  if (bd_plugin_check_options(pf->plugin, a.option_names, a.option_values, a.option_count, err,
                              sizeof err) != 0) {
    fprintf(stderr, "badday render: %s\n", err);
    status = BD_EXIT_USAGE;
    goto done;
  }
  if (a.verbose) fprintf(stderr, "badday: using %s (%s)\n", pf->plugin->name, pf->path);
  status = run_plugin(&a, pf, report);
done:
  bd_plugins_free(&set);
  bd_arena_free(&arena);
  free(owned_output);
  free_options(&a);
  return status;
}

int bd_cmd_plugins(int argc, char **argv) {
  enum { OPT_PLUGIN_DIR = 256 };
  static const struct option options[] = {{"verbose", no_argument, NULL, 'v'},
                                          {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  int verbose = 0, c;
  const char *plugin_dir = NULL;
  static char resolved[4096];
  optind = 1;
  while ((c = getopt_long(argc, argv, "vh", options, NULL)) != -1) {
    if (c == 'v')
      verbose = 1;
    else if (c == OPT_PLUGIN_DIR)
      plugin_dir = optarg;
    else if (c == 'h') {
      bd_print_usage(stdout);
      return BD_EXIT_OK;
    } else
      return BD_EXIT_USAGE;
  }
  if (optind < argc) {
    fprintf(stderr, "badday plugins: unexpected argument '%s'\n", argv[optind]);
    return BD_EXIT_USAGE;
  }
  if (plugin_dir && plugin_dir[0] != '/') {
    if (realpath(plugin_dir, resolved) == NULL) {
      fprintf(stderr, "badday plugins: --plugin-dir %s: %s\n", plugin_dir, strerror(errno));
      return BD_EXIT_USAGE;
    }
    plugin_dir = resolved;
  }
  const char *env = getenv("BADDAY_PLUGIN_PATH");
  bd_plugin_search search = {plugin_dir, env, BD_PLUGINDIR};
  bd_plugin_set set;
  if (bd_plugins_discover(&search, &set) != 0) {
    fprintf(stderr, "badday: out of memory while looking for plugins\n");
    return BD_EXIT_INTERNAL;
  }
  if (verbose) {
    printf("search path: %s%s%s%s%s (plugin ABI %d.%d)\n", plugin_dir ? plugin_dir : "",
           plugin_dir ? ":" : "", env && *env ? env : "", env && *env ? ":" : "", BD_PLUGINDIR,
           BD_ABI_MAJOR, BD_ABI_MINOR);
  }
  size_t loaded = 0, refused = 0;
  for (size_t i = 0; i < set.count; i++) {
    const bd_plugin_file *f = &set.files[i];
    if (f->plugin == NULL) continue;
    loaded++;
    printf("%-10s formats:", f->plugin->name);
    for (const char *const *fmt = f->plugin->formats; *fmt; fmt++)
      printf(" %s%s", *fmt, bd_plugins_shadowed(&set, f, *fmt) ? " (shadowed)" : "");
    printf("  ABI %u.%u  %s\n", (unsigned)f->plugin->abi_major, (unsigned)f->plugin->abi_minor,
           f->path);
    if (verbose && f->plugin->description) printf("           %s\n", f->plugin->description);
    const bd_option_spec *specs = bd_plugin_option_specs(f->plugin);
    for (const bd_option_spec *o = specs; verbose && o && o->name; o++) {
      printf("           -O %s=", o->name);
      if (o->values)
        for (const char *const *v = o->values; *v; v++)
          printf("%s%s", v == o->values ? "" : "|", *v);
      else
        printf("TEXT");
      printf("%s%s%s  %s\n", o->default_value ? " (default " : "",
             o->default_value ? o->default_value : "", o->default_value ? ")" : "",
             o->help ? o->help : "");
    }
  }
  for (size_t i = 0; i < set.count; i++) {
    if (set.files[i].refusal == NULL) continue;
    refused++;
    printf("refused    %s\n", set.files[i].refusal);
  }
  if (loaded == 0 && refused == 0) printf("no plugins found\n");
  bd_plugins_free(&set);
  return fflush(stdout) == 0 ? BD_EXIT_OK : BD_EXIT_OUTPUT;
}
