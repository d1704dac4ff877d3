/*
 * input.c - reading a plan file into memory and sniffing what it holds.
 * See input.h.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* O_CLOEXEC, ssize_t */
#endif

#include "plan/input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "plan/limits.h"

/* Moves the n bytes read so far into a buffer of `bigger` bytes; returns
 * 0, or -1 (the old buffer kept) when memory ran out. */
static int grow_buffer(char **buf, size_t *cap, size_t n, size_t bigger) {
  char *grown = bd_big_alloc(bigger);
  if (grown == NULL) return -1;
  if (n) memcpy(grown, *buf, n);
  bd_big_free(*buf, *cap);
  *buf = grown;
  *cap = bigger;
  return 0;
}

/* Reads all of fd to its end into a buffer from bd_big_alloc (*data, *len,
 * *cap: free it with bd_big_free(*data, *cap)); a regular file's size
 * (hint) gives the buffer its size at once.
 * Stops early after a block holding a NUL byte: the loader refuses the plan
 * at the first one whatever follows (see ytree.c), so /dev/zero or an
 * endless binary stream is refused at once instead of after
 * BD_LOAD_MAX_BYTES.  Returns 0, or -1 after reporting the failure under
 * name. */
static int read_all(int fd, const char *name, size_t hint, char **data, size_t *len, size_t *cap,
                    bd_diags *diags) {
  size_t size = hint > 0 && hint < BD_LOAD_MAX_BYTES ? hint + 1 : 64 * 1024, n = 0, checked = 0;
  char *buf = bd_big_alloc(size);
  if (buf == NULL) return bd_diag_add(diags, name, 0, 0, "out of memory while reading the plan");
  for (;;) {
    if (n == size) {
      if (size > BD_LOAD_MAX_BYTES) {
        bd_big_free(buf, size);
        return bd_diag_add(diags, name, 0, 0, "the plan is larger than %zu MiB",
                           BD_LOAD_MAX_BYTES / (1024 * 1024));
      }
      size_t bigger = size * 2 > BD_LOAD_MAX_BYTES + 1 ? BD_LOAD_MAX_BYTES + 1 : size * 2;
      if (grow_buffer(&buf, &size, n, bigger) != 0) {
        bd_big_free(buf, size);
        return bd_diag_add(diags, name, 0, 0, "out of memory while reading the plan");
      }
    }
    ssize_t got = read(fd, buf + n, size - n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      int err = errno;
      bd_big_free(buf, size);
      return bd_diag_add(diags, name, 0, 0, "cannot read the plan: %s", strerror(err));
    }
    if (got == 0) break;
    n += (size_t)got;
    if (n >= 4) { /* enough to tell a UTF-16/32 byte order mark */
      if (memchr(buf + checked, '\0', n - checked)) break;
      checked = n;
    }
  }
  if (n > BD_LOAD_MAX_BYTES) {
    bd_big_free(buf, size);
    return bd_diag_add(diags, name, 0, 0, "the plan is larger than %zu MiB",
                       BD_LOAD_MAX_BYTES / (1024 * 1024));
  }
  *data = buf;
  *len = n;
  *cap = size;
  return 0;
}

int bd_input_read(const char *path, bd_input *in, bd_diags *diags) {
  int from_stdin = strcmp(path, "-") == 0;
  in->name = from_stdin ? "<stdin>" : path;
  in->data = NULL;
  in->len = in->cap = 0;
  int fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  int rc = -1;
  if (fd < 0)
    return bd_diag_add(diags, in->name, 0, 0, "cannot open the plan: %s", strerror(errno));
  if (fstat(fd, &st) != 0) {
    bd_diag_add(diags, in->name, 0, 0, "cannot read the plan: %s", strerror(errno));
  } else if (S_ISDIR(st.st_mode)) {
    bd_diag_add(diags, in->name, 0, 0, "cannot read the plan: is a directory");
  } else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > BD_LOAD_MAX_BYTES) {
    bd_diag_add(diags, in->name, 0, 0, "the plan is larger than %zu MiB",
                BD_LOAD_MAX_BYTES / (1024 * 1024));
  } else {
    rc = read_all(fd, in->name, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, &in->data, &in->len,
                  &in->cap, diags);
  }
  if (!from_stdin) close(fd);
  return rc;
}

void bd_input_free(bd_input *in) {
  bd_big_free(in->data, in->cap);
  in->data = NULL;
  in->len = in->cap = 0;
}

size_t bd_input_bom_length(const char *data, size_t len) {
  return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

int bd_input_is_xml(const char *data, size_t len) {
  size_t i = bd_input_bom_length(data, len);
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
  static const char *const starts[] = {"<?xml", "<testsuite", "<testsuites"};
  for (size_t k = 0; k < 3; k++) {
    size_t n = strlen(starts[k]);
    if (len - i >= n && memcmp(data + i, starts[k], n) == 0) return 1;
  }
  return 0;
}
