/* cmd_archive.c - `badday archive --dir DIR PLAN...`: the quarterly
 * archive, kept as a history; and `badday archive --verify DIR`.
 *
 * For each plan it writes the set DIR/PERIOD/SERVICE.{pdf,html,json} (and
 * SERVICE.ja.pdf ... with --lang en,ja), the kept plan and evidence in
 * SERVICE.inputs/ and SERVICE.manifest.json, staged and published whole
 * (archive_set.h); PERIOD is the plan's period, else its as-of date, and
 * both names follow archive_name.h.  A set with other content is never
 * replaced unless --force is given; one with the same content is left as
 * it is, so archiving twice changes nothing.  Renders are reproducible:
 * without SOURCE_DATE_EPOCH, the plan's as-of date stands in for "now".
 * With --compare or --history, each service's reports show what changed
 * since an earlier report of the same service.  Every run ends by
 * rewriting DIR/index.json and DIR/index.html, and DIR/index.ja.html when
 * a set has Japanese files (archive_index.h). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis/analyse.h"
#include "cli/archive_index.h"
#include "cli/archive_name.h"
#include "cli/archive_set.h"
#include "cli/archive_verify.h"
#include "cli/cli.h"
#include "cli/cli_common.h"
#include "output/host.h"

/* Creates dir if it is missing; returns 0 or -1 (printed). */
static int make_directory(const char *dir) {
  if (mkdir(dir, 0777) == 0 || errno == EEXIST) {
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return 0;
    errno = ENOTDIR;
  }
  fprintf(stderr, "badday archive: %s: %s\n", dir, strerror(errno));
  return -1;
}

/* What `archive` was asked to do. */
typedef struct archive_args {
  const char *dir;
  const char *lang;     /* --lang as given: "en", "ja", "en,ja" */
  const char *langs[2]; /* the languages, in that order */
  size_t lang_count;
  const char *plugin_dir;
  int force;
  int verbose;
  unsigned threads;        /* --threads: for the simulation of ranges; 0 for the online CPUs */
  unsigned plugin_timeout; /* --plugin-timeout SECONDS */
  bd_evidence_list evidence;
  bd_compare_list compare;
  const char *history; /* --history DIR: compare with the previous period there */
} archive_args;

/* Archives one loaded plan and its report: renders the set into the
 * staging directory, keeps the plan and the evidence, and publishes the
 * set whole (archive_set.h).  Returns an exit code. */
static int archive_plan(const archive_args *a, const char *path, const bd_plan *plan,
                        const bd_report *report, const bd_plugin_set *set) {
  /* The formats an archive keeps: what the user would type with -f, each
   * rendered by whichever plugin offers it (the file extension too). */
  static const char *const formats[] = {"pdf", "html", "json"};
  int status = BD_EXIT_OK;
  char period[128], service[128], *dir = NULL, err[1200] = "";
  bd_archive_file_name(report->period ? report->period : report->as_of, period, sizeof period);
  bd_archive_file_name(report->service, service, sizeof service);
  if (asprintf(&dir, "%s/%s", a->dir, period) < 0) return BD_EXIT_INTERNAL;
  if (make_directory(dir) != 0) {
    free(dir);
    return BD_EXIT_OUTPUT;
  }
  /* Reproducible renders: the as-of date is "now" unless the user set one. */
  int64_t generated_at = 0;
  if (bd_cli_generated_at(plan->as_of, &generated_at) != 0) {
    free(dir);
    return BD_EXIT_USAGE;
  }
  bd_archive_set files;
  if (bd_archive_set_begin(&files, dir, service, err, sizeof err) != 0) {
    fprintf(stderr, "badday archive: %s\n", err);
    free(dir);
    return BD_EXIT_OUTPUT;
  }
  /* Each language's PDF and HTML; the first language's named SERVICE.EXT,
   * the others SERVICE.LANG.EXT; the JSON (the same in every language) once. */
  for (size_t job = 0; status == BD_EXIT_OK && job < a->lang_count * 3; job++) {
    size_t lang = job / 3, f = job % 3;
    if (lang > 0 && strcmp(formats[f], "json") == 0) continue;
    char ext[32];
    snprintf(ext, sizeof ext, "%s%s%s", lang ? a->langs[lang] : "", lang ? "." : "", formats[f]);
    char *out = bd_archive_set_report_path(&files, ext);
    if (out == NULL) {
      status = BD_EXIT_INTERNAL;
      break;
    }
    bd_cli_render r = {.command = "archive",
                       .plan = path,
                       .format = formats[f],
                       .layout = "report",
                       .lang = a->langs[lang],
                       .output = out,
                       .verbose = a->verbose,
                       .generated_at = generated_at,
                       .plugin_timeout = a->plugin_timeout};
    status = bd_cli_render_report(&r, set, report, NULL);
    free(out);
    if (status == BD_EXIT_OK && bd_archive_set_add_report(&files, ext, err, sizeof err) != 0)
      status = BD_EXIT_OUTPUT;
  }
  if (status == BD_EXIT_OK && bd_archive_set_add_input(&files, path, "plan", err, sizeof err) != 0)
    status = BD_EXIT_OUTPUT;
  /* The kept copy must be the plan that was analysed (not one changed since). */
  if (status == BD_EXIT_OK && report->source_sha256 != NULL &&
      strcmp(files.hashes[files.count - 1], report->source_sha256) != 0) {
    snprintf(err, sizeof err, "%s: changed while it was archived; nothing kept", path);
    status = BD_EXIT_OUTPUT;
  }
  for (size_t i = 0; status == BD_EXIT_OK && i < a->evidence.count; i++)
    if (bd_archive_set_add_input(&files, a->evidence.paths[i], "evidence", err, sizeof err) != 0)
      status = BD_EXIT_OUTPUT;
  int unchanged = 0;
  if (status == BD_EXIT_OK &&
      bd_archive_set_publish(&files, a->force, &unchanged, err, sizeof err) != 0)
    status = BD_EXIT_OUTPUT;
  if (status == BD_EXIT_OUTPUT && err[0]) fprintf(stderr, "badday archive: %s\n", err);
  if (status == BD_EXIT_OK && a->verbose)
    fprintf(stderr, "badday: %s %s/%s.{pdf,html,json} and its inputs\n",
            unchanged ? "unchanged" : "wrote", dir, service);
  bd_archive_set_end(&files);
  free(dir);
  return status;
}

/* Loads every plan, applies the evidence to all of them at once (a
 * testcase of one service is not unmatched in the others) and archives
 * each valid one.  Returns the most serious exit code. */
static int archive_plans(const archive_args *a, char *const *paths, size_t count,
                         const bd_plugin_set *set) {
  bd_arena arena = {0};
  bd_plan **plans = NULL;
  int status = bd_cli_load_plans(paths, count, &arena, &plans);
  if (plans == NULL) {
    bd_arena_free(&arena);
    return status;
  }
  int rc = bd_cli_apply_evidence(&a->evidence, plans, count, &arena, a->verbose);
  bd_report **reports = bd_arena_array(&arena, count, sizeof *reports);
  bd_report **valid_reports = bd_arena_array(&arena, count, sizeof *valid_reports);
  size_t valid_count = 0;
  if (reports == NULL || valid_reports == NULL) rc = BD_EXIT_INTERNAL;
  for (size_t i = 0; rc == BD_EXIT_OK && i < count; i++) {
    if (plans[i] == NULL) continue;
    const bd_analyse_options analysis = {.threads = a->threads};
    if (bd_analyse_with(plans[i], &analysis, &arena, &reports[i]) != 0) rc = BD_EXIT_INTERNAL;
    valid_reports[valid_count++] = reports[i];
  }
  bd_compare_list compare = a->compare;
  if (rc == BD_EXIT_OK && a->history != NULL)
    rc = bd_index_add_history(a->history, valid_reports, valid_count, &compare, &arena, a->verbose);
  if (rc == BD_EXIT_OK)
    rc = bd_cli_attach_comparisons(&compare, valid_reports, valid_count, &arena);
  if (rc != BD_EXIT_OK && (status == BD_EXIT_OK || rc < status)) status = rc;
  for (size_t i = 0; rc == BD_EXIT_OK && i < count; i++) {
    if (plans[i] == NULL) continue;
    int done = archive_plan(a, paths[i], plans[i], reports[i], set);
    if (done != BD_EXIT_OK && (status == BD_EXIT_OK || done < status)) status = done;
  }
  bd_arena_free(&arena);
  return status;
}

/* Reads a->lang ("en", "ja", "en,ja" or "ja,en") into a->langs; the
 * first language's files have no language in their names.  Returns 0, or
 * -1 for anything else. */
static int parse_langs(archive_args *a) {
  static const char *const known[] = {"en", "ja"};
  const char *p = a->lang;
  a->lang_count = 0;
  for (;;) {
    size_t n = strcspn(p, ",");
    const char *found = NULL;
    for (size_t k = 0; k < 2; k++)
      if (n == 2 && strncmp(p, known[k], 2) == 0) found = known[k];
    if (found == NULL || a->lang_count == 2 || (a->lang_count == 1 && a->langs[0] == found))
      return -1;
    a->langs[a->lang_count++] = found;
    if (p[n] == '\0') return 0;
    p += n + 1;
  }
}

int bd_cmd_archive(int argc, char **argv) {
  enum {
    OPT_DIR = 256,
    OPT_FORCE,
    OPT_LANG,
    OPT_PLUGIN_DIR,
    OPT_COMPARE,
    OPT_THREADS,
    OPT_PLUGIN_TIMEOUT,
    OPT_VERIFY,
    OPT_HISTORY
  };
  static const struct option options[] = {
      {"dir", required_argument, NULL, OPT_DIR},
      {"force", no_argument, NULL, OPT_FORCE},
      {"lang", required_argument, NULL, OPT_LANG},
      {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
      {"evidence", required_argument, NULL, 'e'},
      {"compare", required_argument, NULL, OPT_COMPARE},
      {"threads", required_argument, NULL, OPT_THREADS},
      {"plugin-timeout", required_argument, NULL, OPT_PLUGIN_TIMEOUT},
      {"verify", required_argument, NULL, OPT_VERIFY},
      {"history", required_argument, NULL, OPT_HISTORY},
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  archive_args a;
  memset(&a, 0, sizeof a);
  a.plugin_timeout = BD_CLI_DEFAULT_PLUGIN_TIMEOUT;
  const char *verify = NULL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "e:vh", options, NULL)) != -1) {
    switch (c) {
    case OPT_DIR:
      a.dir = optarg;
      break;
    case OPT_FORCE:
      a.force = 1;
      break;
    case OPT_LANG:
      a.lang = optarg;
      break;
    case OPT_PLUGIN_DIR:
      a.plugin_dir = optarg;
      break;
    case 'e':
      if (bd_cli_add_evidence(&a.evidence, optarg) != 0) return BD_EXIT_USAGE;
      break;
    case OPT_HISTORY:
      a.history = optarg;
      break;
    case OPT_VERIFY:
      verify = optarg;
      break;
    case OPT_COMPARE:
      if (bd_cli_add_compare(&a.compare, optarg) != 0) return BD_EXIT_USAGE;
      break;
    case OPT_PLUGIN_TIMEOUT:
      if (bd_cli_parse_timeout("archive", optarg, &a.plugin_timeout) != 0) return BD_EXIT_USAGE;
      break;
    case 'v':
      a.verbose = 1;
      break;
    case OPT_THREADS:
      if (bd_cli_parse_threads("archive", optarg, &a.threads) != 0) return BD_EXIT_USAGE;
      break;
    case 'h':
      bd_print_usage(stdout);
      return BD_EXIT_OK;
    default:
      return BD_EXIT_USAGE;
    }
  }
  static char resolved[4096];
  if (a.plugin_dir &&
      (a.plugin_dir = bd_cli_absolute_dir("archive", a.plugin_dir, resolved)) == NULL)
    return BD_EXIT_USAGE;
  if (verify != NULL) {
    if (a.dir != NULL || optind < argc) {
      fprintf(stderr, "badday archive: usage: badday archive --verify DIR (no plans, no --dir)\n");
      return BD_EXIT_USAGE;
    }
    bd_plugin_set set;
    if (bd_cli_discover(a.plugin_dir, &set) != 0) return BD_EXIT_INTERNAL;
    int status = bd_archive_verify(verify, &set);
    bd_plugins_free(&set);
    return status;
  }
  if (a.dir == NULL || optind >= argc) {
    fprintf(stderr, "badday archive: usage: badday archive --dir DIR [--force] [--compare OLD]... "
                    "PLAN...\n");
    return BD_EXIT_USAGE;
  }
  if (a.lang == NULL) a.lang = bd_cli_default_lang();
  if (parse_langs(&a) != 0) {
    fprintf(stderr, "badday archive: --lang must be 'en', 'ja' or both ('en,ja'), not '%s'\n",
            a.lang);
    return BD_EXIT_USAGE;
  }
  if (make_directory(a.dir) != 0) return BD_EXIT_OUTPUT;
  bd_plugin_set set;
  if (bd_cli_discover(a.plugin_dir, &set) != 0) return BD_EXIT_INTERNAL;
  int status = archive_plans(&a, argv + optind, (size_t)(argc - optind), &set);
  bd_plugins_free(&set);
  /* The index is rewritten whatever happened: it shows what DIR holds. */
  char *templates = bd_cli_data_file("templates"), err[1200];
  if (templates == NULL) {
    status = BD_EXIT_INTERNAL;
  } else if (bd_index_write(a.dir, templates, err, sizeof err) != 0) {
    fprintf(stderr, "badday archive: %s\n", err);
    if (status == BD_EXIT_OK) status = BD_EXIT_OUTPUT;
  }
  free(templates);
  return status;
}
