/*
 * fuzz_cli.c - libFuzzer target for the whole command line on a (plan,
 * evidence, compare) triple: the input is split at the lines "%%evidence"
 * and "%%compare" into a plan, a JUnit file and a --compare file (a report's
 * JSON or a plan), written to a scratch directory, and then
 *
 *   badday check [--evidence E] PLAN
 *   badday render PLAN [--evidence E] [--compare C] -f json -o OUT
 *
 * run in this process (bd_cmd_check, bd_cmd_render), the json plugin loaded
 * from $BADDAY_PLUGIN_PATH as in the test suite.  Invariants: each command
 * exits with one of badday's exit codes, the render never with "no plugin"
 * or "the plugin failed" (3); everything it prints, on stdout
 * and stderr, is clean text (bd_fuzz_clean_text: no control character,
 * line separator or bidi control forged by the input) and every line starts
 * with "badday" or the path of one of the three files, so no input can
 * forge a line; a render that succeeds leaves the report and no temporary
 * file, one that fails leaves nothing.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "fuzz.h"

/* The scratch directory (made on first use, removed at exit) and its files. */
static char dir[256], plan_path[300], evidence_path[300], compare_path[300], out_path[300],
    log_path[300];

static void remove_scratch(void) {
  const char *files[] = {plan_path, evidence_path, compare_path, out_path, log_path};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) unlink(files[i]);
  rmdir(dir);
}

/* Makes the scratch directory (in /dev/shm when there is one). */
static void make_scratch(void) {
  if (dir[0]) return;
  struct stat st;
  const char *tmp = getenv("TMPDIR");
  const char *base =
      stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0
          ? "/dev/shm"
      : tmp && *tmp ? tmp
                    : "/tmp";
  snprintf(dir, sizeof dir, "%s/badday-fuzz-cli-XXXXXX", base);
  if (mkdtemp(dir) == NULL) bd_fuzz_fail("cannot make a scratch directory");
  snprintf(plan_path, sizeof plan_path, "%s/plan.yaml", dir);
  snprintf(evidence_path, sizeof evidence_path, "%s/evidence.xml", dir);
  snprintf(compare_path, sizeof compare_path, "%s/compare.json", dir);
  snprintf(out_path, sizeof out_path, "%s/out.json", dir);
  snprintf(log_path, sizeof log_path, "%s/output.log", dir);
  atexit(remove_scratch);
  setenv("SOURCE_DATE_EPOCH", "1738108800", 1); /* 2025-01-29 (BD_FUZZ_TODAY) */
}

/* Writes data[0..len) to path. */
static void write_file(const char *path, const uint8_t *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (f == NULL || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
    bd_fuzz_fail("cannot write a scratch file");
}

/* Finds the line "%%NAME\n" in data[from..size): returns its offset, or size. */
static size_t find_split(const uint8_t *data, size_t size, size_t from, const char *marker) {
  size_t len = strlen(marker);
  for (size_t i = from; i + len <= size; i++)
    if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, marker, len) == 0) return i;
  return size;
}

/* Whether the line starts with "badday" or one of the scratch paths. */
static int known_start(const char *line) {
  const char *paths[] = {plan_path, evidence_path, compare_path, out_path};
  if (strncmp(line, "badday", 6) == 0) return 1;
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
    if (strncmp(line, paths[i], strlen(paths[i])) == 0) return 1;
  return 0;
}

/* Checks what the command printed (in the log file). */
static void check_output(void) {
  FILE *f = fopen(log_path, "rb");
  if (f == NULL) bd_fuzz_fail("the output log is missing");
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    if ((size_t)n != strlen(line)) bd_fuzz_fail("a NUL byte in the output");
    if (line[n - 1] == '\n') line[n - 1] = '\0';
    if (!bd_fuzz_clean_text(line)) {
      fprintf(stderr, "fuzz: line: %s\n", line);
      bd_fuzz_fail("output that is not clean text");
    }
    if (!known_start(line)) {
      fprintf(stderr, "fuzz: line: %s\n", line);
      bd_fuzz_fail("an output line that badday did not start");
    }
  }
  free(line);
  fclose(f);
}

/* Runs one command with stdout and stderr in the log file; returns its
 * exit code after checking what it printed. */
static int run(int (*cmd)(int, char **), char **argv) {
  int argc = 0;
  while (argv[argc]) argc++;
  fflush(stdout);
  fflush(stderr);
  int saved_out = dup(1), saved_err = dup(2);
  int log = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (saved_out < 0 || saved_err < 0 || log < 0) bd_fuzz_fail("cannot redirect the output");
  dup2(log, 1);
  dup2(log, 2);
  close(log);
  int rc = cmd(argc, argv);
  fflush(stdout);
  fflush(stderr);
  dup2(saved_out, 1);
  dup2(saved_err, 2);
  close(saved_out);
  close(saved_err);
  if (rc < -1 || rc > BD_EXIT_GATE) bd_fuzz_fail("an exit code badday does not have");
  check_output();
  return rc;
}

/* Whether the scratch directory holds a temporary report. */
static int temporaries_left(void) {
  DIR *d = opendir(dir);
  if (d == NULL) bd_fuzz_fail("cannot list the scratch directory");
  struct dirent *e;
  int found = 0;
  while ((e = readdir(d)) != NULL)
    if (strncmp(e->d_name, ".badday-tmp", 11) == 0) found = 1;
  closedir(d);
  return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  make_scratch();
  size_t ev = find_split(data, size, 0, "%%evidence\n");
  size_t cmp = find_split(data, size, 0, "%%compare\n");
  size_t plan_end = ev < cmp ? ev : cmp;
  int has_evidence = ev < size, has_compare = cmp < size;
  write_file(plan_path, data, plan_end);
  if (has_evidence) {
    size_t from = ev + strlen("%%evidence\n"), to = cmp > ev ? cmp : size;
    write_file(evidence_path, data + from, to - from);
  }
  if (has_compare) {
    size_t from = cmp + strlen("%%compare\n"), to = ev > cmp ? ev : size;
    write_file(compare_path, data + from, to - from);
  }
  char *check[8] = {"check"}, *render[16] = {"render", plan_path};
  int c = 1, r = 2;
  if (has_evidence) {
    check[c++] = "--evidence", check[c++] = evidence_path;
    render[r++] = "--evidence", render[r++] = evidence_path;
  }
  check[c++] = plan_path;
  if (has_compare) render[r++] = "--compare", render[r++] = compare_path;
  render[r++] = "-f", render[r++] = "json", render[r++] = "-o", render[r++] = out_path;
  run(bd_cmd_check, check);
  unlink(out_path);
  int rc = run(bd_cmd_render, render);
  struct stat st;
  int written = stat(out_path, &st) == 0;
  if (rc == BD_EXIT_PLUGIN)
    bd_fuzz_fail("the json plugin is missing (BADDAY_PLUGIN_PATH) or failed");
  if (rc == BD_EXIT_OK && !(written && S_ISREG(st.st_mode) && st.st_size > 0))
    bd_fuzz_fail("a render that succeeded wrote no report");
  if (rc != BD_EXIT_OK && written) bd_fuzz_fail("a render that failed wrote a report");
  if (temporaries_left()) bd_fuzz_fail("a temporary report was left behind");
  unlink(evidence_path);
  unlink(compare_path);
  return 0;
}
