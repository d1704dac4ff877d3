/*
 * replay.c - a standalone main for the fuzz targets: runs each file named
 * on the command line (each regular file of a directory, in name order)
 * through LLVMFuzzerTestOneInput, so that the corpus is replayed by every
 * `make check` with any compiler.  With no arguments it replays the seed
 * corpus under $TOP_SRCDIR: tests/valid, tests/broken, tests/fuzz/corpus,
 * tests/quarters, examples and tests/fuzz/reports (reports' JSON, for
 * --compare), or the directories BD_FUZZ_SEEDS names (the evidence and
 * CLI targets).
 *
 * Each input is copied into a buffer of exactly its size, as libFuzzer
 * does, so that a sanitizer build catches any read past its end.  Exits 0
 * when every input ran (a broken invariant aborts), 1 when a file could
 * not be read, 77 (skipped) without inputs.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Reads the whole file at path into a new buffer of its exact size.
 * Returns 0, or -1 after printing why. */
static int read_file(const char *path, uint8_t **data, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    uint8_t *grown = realloc(buf, cap * 2);
    if (grown == NULL) free(buf);
    buf = grown;
    cap *= 2;
  }
  int failed = buf == NULL || ferror(f);
  fclose(f);
  if (failed) {
    fprintf(stderr, "replay: %s: cannot read\n", path);
    free(buf);
    return -1;
  }
  uint8_t *exact = malloc(n ? n : 1); /* exact size: an overread is caught */
  if (exact == NULL) {
    free(buf);
    return -1;
  }
  memcpy(exact, buf, n);
  free(buf);
  *data = exact;
  *size = n;
  return 0;
}

/* Runs one file through the target.  Returns 0 or -1. */
static int replay_file(const char *path) {
  uint8_t *data;
  size_t size;
  if (read_file(path, &data, &size) != 0) return -1;
  LLVMFuzzerTestOneInput(data, size);
  free(data);
  return 0;
}

/* Orders directory entries by name. */
static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

/* Runs path (a file, or every regular file in a directory) through the
 * target, counting inputs in *count.  Returns the number of failures. */
static int replay_path(const char *path, size_t *count) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) {
    (*count)++;
    return replay_file(path) != 0;
  }
  struct dirent **names;
  int n = scandir(path, &names, NULL, by_name), failures = 0;
  if (n < 0) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return 1;
  }
  for (int i = 0; i < n; i++) {
    char *file = NULL;
    if (names[i]->d_name[0] != '.' && asprintf(&file, "%s/%s", path, names[i]->d_name) >= 0 &&
        stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
      (*count)++;
      failures += replay_file(file) != 0;
    }
    free(file);
    free(names[i]);
  }
  free(names);
  return failures;
}

int main(int argc, char **argv) {
#ifdef BD_FUZZ_SEEDS
  static const char *const seeds[] = {BD_FUZZ_SEEDS}; /* a target's own corpus (Makefile.am) */
#else
  static const char *const seeds[] = {"tests/valid",    "tests/broken", "tests/fuzz/corpus",
                                      "tests/quarters", "examples",     "tests/fuzz/reports"};
#endif
  size_t count = 0;
  int failures = 0;
  if (argc > 1) {
    for (int i = 1; i < argc; i++) failures += replay_path(argv[i], &count);
  } else {
    const char *top = getenv("TOP_SRCDIR");
    if (top == NULL) {
      fprintf(stderr, "replay: give files or directories, or set TOP_SRCDIR\n");
      return 77;
    }
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
      char *dir = NULL;
      if (asprintf(&dir, "%s/%s", top, seeds[i]) < 0) return 1;
      failures += replay_path(dir, &count);
      free(dir);
    }
  }
  printf("replayed %zu inputs, %d unreadable\n", count, failures);
  if (count == 0) return 77;
  return failures ? 1 : 0;
}
