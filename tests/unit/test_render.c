/*
 * test_render.c - bd_render(), the host's one entry point for a render,
 * with plugins linked into the test: the plugin chosen by format, options
 * checked, what a plugin cannot show refused, the services (print, puts,
 * log, option) and generated_at handed through, failures returned with
 * their kind, message and position, the old file kept and nothing ever
 * printed.  FIXTURE_DIR is defined by the Makefile.
 */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "analysis/analyse.h"
#include "output/render.h"
#include "plan/load.h"

#ifndef FIXTURE_DIR
#error "FIXTURE_DIR must name the tests/valid directory"
#endif

#define TODAY 20117L /* 2025-01-29 in days since 1970-01-01 */

/* The probe plugin: what it writes depends on -O mode. */
static int probe_render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  bd_output *out = req->output;
  const char *mode = host->option(out, "mode");
  host->log(out, BD_LOG_INFO, "mode %s", mode);
  host->log(out, BD_LOG_DEBUG, "details for --verbose");
  if (strcmp(mode, "fail") == 0) {
    host->puts(out, "half a report");
    snprintf(err->message, sizeof err->message, "deliberate");
    return -1;
  }
  if (strcmp(mode, "line") == 0) {
    snprintf(err->message, sizeof err->message, "bad thing here");
    err->line = 7;
    err->column = 3;
    return -1;
  }
  if (strcmp(mode, "big") == 0) { /* more than the host's buffer */
    for (int i = 0; i < 100000; i++)
      if (host->print(out, "line %d\n", i) != 0) return -1;
    return 0;
  }
  if (host->print(out, "%s|%s|%s|%lld|%d\n", req->report->service, req->format, req->layout,
                  (long long)req->generated_at, req->generated_at_set) != 0)
    return -1;
  return host->puts(out, "end\n");
}

static const char *const probe_formats[] = {"probe", NULL};
static const char *const probe_modes[] = {"ok", "fail", "line", "big", NULL};
static const bd_option_spec probe_options[] = {
    {"mode", "what to do", probe_modes, "ok"},
    {NULL, NULL, NULL, NULL},
};
static const bd_plugin probe = {
    .magic = BD_PLUGIN_MAGIC,
    .abi_major = BD_ABI_MAJOR,
    .abi_minor = BD_ABI_MINOR,
    .struct_size = sizeof(bd_plugin),
    .name = "probe",
    .description = "test",
    .formats = probe_formats,
    .render = probe_render,
    .options = probe_options,
    .option_size = sizeof(bd_option_spec),
};

/* A plugin that takes several plans, under two formats. */
static int multi_render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  (void)err;
  return host->print(req->output, "%zu plans\n", req->portfolio ? req->portfolio->report_count : 1);
}
static const char *const multi_formats[] = {"multi", "many", NULL};
static const bd_plugin multi = {
    .magic = BD_PLUGIN_MAGIC,
    .abi_major = BD_ABI_MAJOR,
    .abi_minor = BD_ABI_MINOR,
    .struct_size = sizeof(bd_plugin),
    .name = "multi",
    .description = "test",
    .formats = multi_formats,
    .render = multi_render,
    .features = BD_FEATURE_PORTFOLIO,
    .option_size = sizeof(bd_option_spec),
};

/* What every test shares: the report, the plugin set, a scratch directory,
 * the log lines received and stderr caught in a file. */
typedef struct fixture {
  bd_arena arena;
  const bd_report *report;
  bd_plugin_file files[2];
  bd_plugin_set set;
  char dir[64];
  char log[4096];
  int saved_stderr;
  char stderr_path[96];
} fixture;

static long read_file(const char *path, char *buf, size_t size);

/* The log callback: appends "PLUGIN|LEVEL|TEXT\n" to the fixture's log. */
static void collect_log(void *context, const char *plugin, bd_log_level level, const char *text) {
  fixture *f = context;
  size_t len = strlen(f->log);
  snprintf(f->log + len, sizeof f->log - len, "%s|%d|%s\n", plugin ? plugin : "host", (int)level,
           text);
}

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (f == NULL) return -1;
  bd_load_options opt = {.today = TODAY};
  bd_diags diags = {0};
  bd_plan *plan = NULL;
  bd_report *report = NULL;
  int rc = bd_plan_load_file(FIXTURE_DIR "/spec-example.yaml", &opt, &f->arena, &plan, &diags);
  bd_diags_free(&diags);
  if (rc != 0 || bd_analyse(plan, &f->arena, &report) != 0) return -1;
  f->report = report;
  f->files[0] = (bd_plugin_file){.path = "/in/test/probe.so", .plugin = &probe};
  f->files[1] = (bd_plugin_file){.path = "/in/test/multi.so", .plugin = &multi};
  f->set = (bd_plugin_set){f->files, 2};
  snprintf(f->dir, sizeof f->dir, "/tmp/badday-test-render-XXXXXX");
  if (mkdtemp(f->dir) == NULL) return -1;
  /* stderr goes to a file, to prove bd_render never prints */
  snprintf(f->stderr_path, sizeof f->stderr_path, "%s/stderr", f->dir);
  int fd = open(f->stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  f->saved_stderr = dup(STDERR_FILENO);
  if (fd < 0 || f->saved_stderr < 0 || dup2(fd, STDERR_FILENO) < 0) return -1;
  close(fd);
  *state = f;
  return 0;
}

/* Restores stderr, checks nothing was printed, removes the directory. */
static int teardown(void **state) {
  fixture *f = *state;
  fflush(stderr);
  dup2(f->saved_stderr, STDERR_FILENO);
  close(f->saved_stderr);
  struct stat st;
  int printed = stat(f->stderr_path, &st) != 0 || st.st_size != 0;
  if (printed) { /* show it: a failed assertion's message is there too */
    char text[4096];
    if (read_file(f->stderr_path, text, sizeof text) > 0) fputs(text, stderr);
  }
  DIR *d = opendir(f->dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || strcmp(e->d_name, "..") == 0)) continue;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", f->dir, e->d_name);
    unlink(path);
  }
  if (d) closedir(d);
  rmdir(f->dir);
  bd_arena_free(&f->arena);
  free(f);
  if (printed) fprintf(stderr, "bd_render printed to stderr\n");
  return printed ? -1 : 0;
}

/* A job for the fixture's report into DIR/name, logging into the fixture. */
static bd_render_job job_for(fixture *f, const char *format, const char *name, char *path,
                             size_t size) {
  snprintf(path, size, "%s/%s", f->dir, name);
  return (bd_render_job){.report = f->report,
                         .format = format,
                         .layout = "report",
                         .lang = "en",
                         .output = path,
                         .generated_at = 1700000000,
                         .generated_at_set = 1,
                         .log = collect_log,
                         .log_context = f};
}

/* Reads the whole file at path into buf; returns its length or -1. */
static long read_file(const char *path, char *buf, size_t size) {
  FILE *file = fopen(path, "rb");
  if (file == NULL) return -1;
  size_t n = fread(buf, 1, size - 1, file);
  fclose(file);
  buf[n] = '\0';
  return (long)n;
}

/* Counts the temporary files left in dir. */
static int temp_files(const char *dir) {
  DIR *d = opendir(dir);
  int count = 0;
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) count += strncmp(e->d_name, ".badday-tmp-", 12) == 0;
  if (d) closedir(d);
  return count;
}

static void renders_through_the_services(void **state) {
  fixture *f = *state;
  char path[256], text[4096];
  bd_render_job job = job_for(f, "probe", "out.probe", path, sizeof path);
  bd_render_result result;
  assert_int_equal(bd_render(&f->set, &job, &result), 0);
  assert_int_equal(result.failure, BD_RENDER_OK);
  assert_ptr_equal(result.plugin, &probe);
  assert_true(read_file(path, text, sizeof text) > 0);
  assert_string_equal(text, "Smart Receipt Manager|probe|report|1700000000|1\nend\n");
  /* the plugin's INFO line with its name; DEBUG only with verbose */
  assert_string_equal(f->log, "probe|1|mode ok\n");
  assert_int_equal(temp_files(f->dir), 0);
}

static void verbose_passes_debug_lines_and_says_unchanged(void **state) {
  fixture *f = *state;
  char path[256];
  bd_render_job job = job_for(f, "probe", "same.probe", path, sizeof path);
  job.verbose = 1;
  job.no_clobber = 1;
  bd_render_result result;
  assert_int_equal(bd_render(&f->set, &job, &result), 0);
  assert_int_equal(result.unchanged, 0);
  f->log[0] = '\0';
  assert_int_equal(bd_render(&f->set, &job, &result), 0);
  assert_int_equal(result.unchanged, 1);
  char expected[1024];
  snprintf(expected, sizeof expected,
           "host|0|using probe (/in/test/probe.so)\nprobe|1|mode ok\nprobe|0|details for "
           "--verbose\nhost|0|unchanged %s (probe, report layout)\n",
           path);
  assert_string_equal(f->log, expected);
}

static void no_plugin_for_the_format(void **state) {
  fixture *f = *state;
  char path[256];
  bd_render_job job = job_for(f, "nope", "out.nope", path, sizeof path);
  bd_render_result result;
  assert_int_equal(bd_render(&f->set, &job, &result), -1);
  assert_int_equal(result.failure, BD_RENDER_NO_PLUGIN);
  assert_null(result.plugin);
  assert_string_equal(result.message, "no plugin renders the format 'nope'");
  assert_int_equal(access(path, F_OK), -1);
}

static void options_are_checked(void **state) {
  fixture *f = *state;
  char path[256];
  bd_render_job job = job_for(f, "probe", "out.probe", path, sizeof path);
  const char *names[] = {"colour"}, *values[] = {"red"};
  job.option_names = names;
  job.option_values = values;
  job.option_count = 1;
  bd_render_result result;
  assert_int_equal(bd_render(&f->set, &job, &result), -1);
  assert_int_equal(result.failure, BD_RENDER_BAD_OPTION);
  assert_string_equal(result.message,
                      "the probe plugin has no option 'colour' (its options: mode)");
  names[0] = "mode";
  values[0] = "maybe";
  assert_int_equal(bd_render(&f->set, &job, &result), -1);
  assert_int_equal(result.failure, BD_RENDER_BAD_OPTION);
  assert_non_null(strstr(result.message, "not 'maybe'"));
  assert_int_equal(access(path, F_OK), -1);
  assert_string_equal(f->log, ""); /* the plugin was never called */
}

static void several_plans_need_the_feature(void **state) {
  fixture *f = *state;
  char path[256], text[64];
  const bd_report *reports[] = {f->report, f->report};
  bd_portfolio portfolio = {.reports = reports, .report_count = 2};
  bd_render_job job = job_for(f, "probe", "two.probe", path, sizeof path);
  job.portfolio = &portfolio;
  bd_render_result result;
  assert_int_equal(bd_render(&f->set, &job, &result), -1);
  assert_int_equal(result.failure, BD_RENDER_UNSUPPORTED);
  /* the formats that take several come from the plugin set */
  assert_string_equal(result.message,
                      "the probe plugin (/in/test/probe.so) renders one plan at a time; render "
                      "each plan on its own, or use a format that takes several (multi, many)");
  job = job_for(f, "many", "two.many", path, sizeof path);
  job.portfolio = &portfolio;
  assert_int_equal(bd_render(&f->set, &job, &result), 0);
  assert_ptr_equal(result.plugin, &multi);
  assert_true(read_file(path, text, sizeof text) > 0);
  assert_string_equal(text, "2 plans\n");
}

static void plugin_failure_keeps_the_old_file(void **state) {
  fixture *f = *state;
  char path[256], text[256];
  bd_render_job job = job_for(f, "probe", "old.probe", path, sizeof path);
  FILE *old = fopen(path, "w");
  assert_non_null(old);
  fputs("last quarter\n", old);
  fclose(old);
  const char *names[] = {"mode"}, *values[] = {"fail"};
  job.option_names = names;
  job.option_values = values;
  job.option_count = 1;
  bd_render_result result;
  assert_int_equal(bd_render(&f->set, &job, &result), -1);
  assert_int_equal(result.failure, BD_RENDER_PLUGIN_FAILED);
  assert_string_equal(result.message, "probe plugin failed: deliberate");
  assert_int_equal(result.line, 0);
  values[0] = "line";
  assert_int_equal(bd_render(&f->set, &job, &result), -1);
  assert_int_equal(result.failure, BD_RENDER_PLUGIN_FAILED);
  assert_string_equal(result.message, "bad thing here");
  assert_int_equal(result.line, 7);
  assert_int_equal(result.column, 3);
  assert_true(read_file(path, text, sizeof text) > 0);
  assert_string_equal(text, "last quarter\n");
  assert_int_equal(temp_files(f->dir), 0);
}

static void write_error_is_an_output_failure(void **state) {
  fixture *f = *state;
  char path[256];
  bd_render_job job = job_for(f, "probe", "unused", path, sizeof path);
  job.output = "/dev/full";
  const char *names[] = {"mode"}, *values[] = {"big"};
  job.option_names = names;
  job.option_values = values;
  job.option_count = 1;
  bd_render_result result;
  assert_int_equal(bd_render(&f->set, &job, &result), -1);
  assert_int_equal(result.failure, BD_RENDER_OUTPUT);
  assert_string_equal(result.message,
                      "/dev/full: cannot write the report: No space left on device");
}

static void unopenable_destination(void **state) {
  fixture *f = *state;
  char path[256];
  bd_render_job job = job_for(f, "probe", "unused", path, sizeof path);
  job.output = f->dir; /* a directory */
  bd_render_result result;
  assert_int_equal(bd_render(&f->set, &job, &result), -1);
  assert_int_equal(result.failure, BD_RENDER_OUTPUT);
  char expected[256];
  snprintf(expected, sizeof expected, "%s: is a directory", f->dir);
  assert_string_equal(result.message, expected);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(renders_through_the_services, setup, teardown),
      cmocka_unit_test_setup_teardown(verbose_passes_debug_lines_and_says_unchanged, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(no_plugin_for_the_format, setup, teardown),
      cmocka_unit_test_setup_teardown(options_are_checked, setup, teardown),
      cmocka_unit_test_setup_teardown(several_plans_need_the_feature, setup, teardown),
      cmocka_unit_test_setup_teardown(plugin_failure_keeps_the_old_file, setup, teardown),
      cmocka_unit_test_setup_teardown(write_error_is_an_output_failure, setup, teardown),
      cmocka_unit_test_setup_teardown(unopenable_destination, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
