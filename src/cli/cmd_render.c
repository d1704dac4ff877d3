/* cmd_render.c - `badday render`: one plan (or a portfolio of several), one
 * format, one destination. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analysis/analyse.h"
#include "cli/archive_index.h"
#include "cli/cli.h"
#include "cli/cli_common.h"
#include "cli/cli_lint.h"
#include "output/host.h"
#include "analysis/portfolio.h"

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
  /* The one alias of a format the user types: file.htm is the format html
   * (whichever plugin offers it). */
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

enum { BD_MAX_OPTIONS = 64 };

/* Everything `render` was asked to do. */
typedef struct render_args {
  const char *plan;   /* the first plan */
  char *const *plans; /* every plan, in order */
  size_t plan_count;
  const char *format;
  const char *output;
  const char *layout;
  const char *lang;
  const char *plugin_dir;
  const char *template_dir;
  int verbose;
  int strict;              /* --strict: lint warnings are errors */
  unsigned threads;        /* --threads: for the simulation of ranges; 0 for the online CPUs */
  unsigned plugin_timeout; /* --plugin-timeout SECONDS */
  const char *paper;       /* --paper: -O paper= for a plugin that has it */
  const char *option_names[BD_MAX_OPTIONS]; /* -O NAME=VALUE, in order; names malloc'ed */
  const char *option_values[BD_MAX_OPTIONS];
  size_t option_count;
  bd_evidence_list evidence;
  bd_compare_list compare;
  const char *history; /* --history DIR: compare with the previous period there */
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
  enum {
    OPT_LAYOUT = 256,
    OPT_LANG,
    OPT_PLUGIN_DIR,
    OPT_TEMPLATE_DIR,
    OPT_PAPER,
    OPT_COMPARE,
    OPT_STRICT,
    OPT_THREADS,
    OPT_PLUGIN_TIMEOUT,
    OPT_HISTORY
  };
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
      {"compare", required_argument, NULL, OPT_COMPARE},
      {"history", required_argument, NULL, OPT_HISTORY},
      {"verbose", no_argument, NULL, 'v'},
      {"strict", no_argument, NULL, OPT_STRICT},
      {"threads", required_argument, NULL, OPT_THREADS},
      {"plugin-timeout", required_argument, NULL, OPT_PLUGIN_TIMEOUT},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  memset(a, 0, sizeof *a);
  a->layout = "report";
  a->plugin_timeout = BD_CLI_DEFAULT_PLUGIN_TIMEOUT;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:O:vh", options, NULL)) != -1) {
    switch (c) {
    case 'e':
      if (bd_cli_add_evidence(&a->evidence, optarg) != 0) return BD_EXIT_USAGE;
      break;
    case OPT_COMPARE:
      if (bd_cli_add_compare(&a->compare, optarg) != 0) return BD_EXIT_USAGE;
      break;
    case OPT_HISTORY:
      a->history = optarg;
      break;
    case 'O':
      if (add_option(a, NULL, optarg) != 0) return BD_EXIT_USAGE;
      break;
    case OPT_PAPER:
      a->paper = optarg;
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
    case OPT_STRICT:
      a->strict = 1;
      break;
    case OPT_THREADS:
      if (bd_cli_parse_threads("render", optarg, &a->threads) != 0) return BD_EXIT_USAGE;
      break;
    case OPT_PLUGIN_TIMEOUT:
      if (bd_cli_parse_timeout("render", optarg, &a->plugin_timeout) != 0) return BD_EXIT_USAGE;
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
  a->plan = argv[optind];
  a->plans = argv + optind;
  a->plan_count = (size_t)(argc - optind);
  for (size_t i = 0; a->plan_count > 1 && i < a->plan_count; i++)
    if (strcmp(a->plans[i], "-") == 0) {
      fprintf(stderr, "badday render: several plans cannot include standard input ('-')\n");
      return BD_EXIT_USAGE;
    }
  if (strcmp(a->layout, "report") != 0 && strcmp(a->layout, "slides") != 0) {
    fprintf(stderr, "badday render: --layout must be 'report' or 'slides', not '%s'\n", a->layout);
    return BD_EXIT_USAGE;
  }
  if (a->lang == NULL) a->lang = bd_cli_default_lang();
  if (strcmp(a->lang, "en") != 0 && strcmp(a->lang, "ja") != 0) {
    fprintf(stderr, "badday render: --lang must be 'en' or 'ja', not '%s'\n", a->lang);
    return BD_EXIT_USAGE;
  }
  static char resolved[4096];
  if (a->plugin_dir &&
      (a->plugin_dir = bd_cli_absolute_dir("render", a->plugin_dir, resolved)) == NULL)
    return BD_EXIT_USAGE;
  return BD_EXIT_OK;
}

/* Works out the format and the output path (a plugin may declare the
 * extension it writes: a format's files need not end in .FORMAT); returns
 * an exit code.  *owned receives a string to free (the default output
 * path) or NULL. */
static int resolve_destination(render_args *a, const bd_plugin_set *set, char **owned) {
  static char ext[BD_PLUGIN_NAME_MAX + 2];
  *owned = NULL;
  if (a->format == NULL && a->output != NULL && strcmp(a->output, "-") != 0 &&
      extension_of(a->output, ext, sizeof ext) != NULL)
    a->format = bd_plugins_format_for_extension(set, ext);
  if (a->format == NULL) {
    fprintf(stderr, "badday render: cannot tell the format%s; give -f FORMAT%s\n",
            a->output == NULL             ? " without -o"
            : strcmp(a->output, "-") == 0 ? " of standard output"
                                          : " from the output's name",
            a->output == NULL ? " or -o FILE.EXT" : "");
    return BD_EXIT_USAGE;
  }
  if (a->output == NULL) {
    if (a->plan_count > 1) {
      fprintf(stderr, "badday render: several plans make one report: give -o OUTPUT\n");
      return BD_EXIT_USAGE;
    }
    if (strcmp(a->plan, "-") == 0) {
      fprintf(stderr, "badday render: a plan read from standard input needs -o OUTPUT\n");
      return BD_EXIT_USAGE;
    }
    *owned = default_output(a->plan, bd_plugins_extension(set, a->format));
    if (*owned == NULL) return BD_EXIT_INTERNAL;
    a->output = *owned;
  }
  return BD_EXIT_OK;
}

/* --paper SIZE is -O paper=SIZE (given before the -O options, so that an
 * explicit -O paper= wins) for a plugin that declares a paper option; for
 * any other plugin it is ignored with a warning.  Returns an exit code. */
static int apply_paper(render_args *a, const bd_plugin_set *set) {
  const bd_plugin_file *pf = bd_plugins_find(set, a->format);
  const bd_option_spec *o = NULL;
  for (size_t i = 0; pf && (o = bd_plugin_option(pf->plugin, i)) != NULL; i++)
    if (strcmp(o->name, "paper") == 0) break;
  if (pf == NULL) return BD_EXIT_OK; /* bd_render says no plugin renders the format */
  if (o == NULL) {
    fprintf(stderr,
            "badday render: warning: --paper is ignored: the %s plugin has no paper option\n",
            pf->plugin->name);
    return BD_EXIT_OK;
  }
  if (a->option_count == BD_MAX_OPTIONS) {
    fprintf(stderr, "badday render: more than %d -O options\n", BD_MAX_OPTIONS);
    return BD_EXIT_USAGE;
  }
  char *name = strdup("paper");
  if (name == NULL) return BD_EXIT_INTERNAL;
  memmove(a->option_names + 1, a->option_names, a->option_count * sizeof *a->option_names);
  memmove(a->option_values + 1, a->option_values, a->option_count * sizeof *a->option_values);
  a->option_names[0] = name;
  a->option_values[0] = a->paper;
  a->option_count++;
  return BD_EXIT_OK;
}

/* Loads and analyses every plan (all of them, so that every error is
 * shown) into reports; returns an exit code. */
static int load_reports(const render_args *a, bd_arena *arena, bd_report **reports) {
  bd_plan **plans = NULL;
  int status = bd_cli_load_plans(a->plans, a->plan_count, arena, &plans);
  /* Evidence applies to the whole portfolio, so that a testcase of one
   * service is not called unmatched by the others. */
  if (status == BD_EXIT_OK)
    status = bd_cli_apply_evidence(&a->evidence, plans, a->plan_count, arena, a->verbose);
  /* every plan's lint warnings (errors under --strict, and nothing is written) */
  for (size_t i = 0, ok = status == BD_EXIT_OK; ok && i < a->plan_count; i++) {
    int lint = bd_cli_lint_plan(plans[i], a->plans[i], a->strict);
    if (lint != BD_EXIT_OK) status = lint;
  }
  for (size_t i = 0; status == BD_EXIT_OK && i < a->plan_count; i++) {
    const bd_analyse_options analysis = {.threads = a->threads};
    if (bd_analyse_with(plans[i], &analysis, arena, &reports[i]) != 0) {
      fprintf(stderr, "badday: out of memory while analysing %s\n", a->plans[i]);
      return BD_EXIT_INTERNAL;
    }
  }
  return status;
}

int bd_cmd_render(int argc, char **argv) {
  render_args a;
  int status = parse_render_args(argc, argv, &a);
  char *owned_output = NULL;
  bd_plugin_set set = {0};
  if (status == BD_EXIT_OK && bd_cli_discover(a.plugin_dir, &set) != 0) status = BD_EXIT_INTERNAL;
  if (status == BD_EXIT_OK) status = resolve_destination(&a, &set, &owned_output);
  if (status == BD_EXIT_OK && a.paper) status = apply_paper(&a, &set);
  if (status != BD_EXIT_OK) {
    bd_plugins_free(&set);
    free(owned_output);
    free_options(&a);
    return status < 0 ? BD_EXIT_OK : status;
  }

  bd_arena arena = {0};
  bd_portfolio *portfolio = NULL;
  bd_report **reports = bd_arena_array(&arena, a.plan_count, sizeof *reports);
  if (reports == NULL) {
    status = BD_EXIT_INTERNAL;
    goto done;
  }
  status = load_reports(&a, &arena, reports);
  if (status == BD_EXIT_OK && a.history != NULL)
    status = bd_index_add_history(a.history, reports, a.plan_count, &a.compare, &arena, a.verbose);
  if (status == BD_EXIT_OK)
    status = bd_cli_attach_comparisons(&a.compare, reports, a.plan_count, &arena);
  if (status != BD_EXIT_OK) goto done;
  if (a.plan_count > 1 && bd_portfolio_build((const bd_report *const *)reports, a.plan_count,
                                             &arena, &portfolio) != 0) {
    status = BD_EXIT_INTERNAL;
    goto done;
  }
  int64_t generated_at;
  if (bd_cli_generated_at(-1, &generated_at) != 0) {
    status = BD_EXIT_USAGE;
    goto done;
  }
  bd_cli_render r = {.command = "render",
                     .plan = a.plan,
                     .format = a.format,
                     .layout = a.layout,
                     .lang = a.lang,
                     .output = a.output,
                     .template_dir = a.template_dir,
                     .option_names = a.option_names,
                     .option_values = a.option_values,
                     .option_count = a.option_count,
                     .verbose = a.verbose,
                     .generated_at = generated_at,
                     .plugin_timeout = a.plugin_timeout};
  status = bd_cli_render_report(&r, &set, reports[0], portfolio);
done:
  bd_plugins_free(&set);
  bd_arena_free(&arena);
  free(owned_output);
  free_options(&a);
  return status;
}
