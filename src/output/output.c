/* output.c - see output.h. */
#include "output/output.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "output/interrupt.h"

enum { OUTPUT_BUFFER = 256 * 1024 };

struct bd_output_file {
  int fd;
  int direct;       /* 1: writing to stdout or a device, no rename */
  int owns_fd;      /* 1: close fd at the end */
  char *final_path; /* NULL for stdout; a device is only named, never renamed to */
  char *tmp_path;   /* NULL when direct */
  int error;        /* errno of the first failed write, 0 if none */
  size_t written;
  char *buf;
  size_t buf_used;
};

/* Writes all of data to fd, retrying on short writes and EINTR. */
static int write_all(int fd, const char *data, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    data += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Returns the directory part of path in a new string (caller frees). */
static char *directory_of(const char *path) {
  char *copy = strdup(path);
  if (copy == NULL) return NULL;
  char *dir = strdup(dirname(copy));
  free(copy);
  return dir;
}

/* Returns the file mode a new report gets: 0666 less the umask, and when it
 * replaces a report, only those of the old file's permission bits: never
 * set-uid, set-gid, sticky or execute, and never a bit the umask clears (a
 * planted world-writable or set-uid file passes none of that on). */
static mode_t report_mode(const struct stat *old, int exists) {
  mode_t mask = umask(0);
  umask(mask);
  mode_t fresh = 0666 & ~mask;
  return exists ? (old->st_mode & fresh) : fresh;
}

/* The descriptor a path names when it is one of the process's own
 * (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: symbolic links
 * that mean "this descriptor", written directly like "-"), or -1. */
static int own_descriptor(const char *path) {
  if (strcmp(path, "/dev/stdout") == 0) return STDOUT_FILENO;
  if (strcmp(path, "/dev/stderr") == 0) return STDERR_FILENO;
  const char *n = strncmp(path, "/dev/fd/", 8) == 0          ? path + 8
                  : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14
                                                             : NULL;
  if (n == NULL || *n < '0' || *n > '9' || strlen(n) > 6) return -1;
  char *end;
  long fd = strtol(n, &end, 10);
  return *end == '\0' ? (int)fd : -1;
}

/* Flushes the directory entry of a renamed report to disk (best effort: a
 * file system that cannot sync directories still has the complete file). */
static void sync_directory(const char *path) {
  char *dir = directory_of(path);
  if (dir == NULL) return;
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  free(dir);
}

/* The name of a temporary report: ".badday-tmp-PID-XXXXXX", PID the
 * writing process. */
#define TEMP_PREFIX ".badday-tmp-"

/* Returns the owner pid of a temporary report's name, or 0 when name does
 * not follow the pattern exactly. */
static pid_t temp_owner(const char *name) {
  size_t plen = strlen(TEMP_PREFIX);
  if (strncmp(name, TEMP_PREFIX, plen) != 0) return 0;
  const char *p = name + plen;
  long long pid = 0;
  size_t digits = 0;
  for (; isdigit((unsigned char)*p) && digits < 10; p++, digits++) pid = pid * 10 + (*p - '0');
  if (digits == 0 || *p != '-' || strlen(p + 1) != 6 || pid <= 0 || pid > 0x7fffffff) return 0;
  return (pid_t)pid;
}

/* Removes the temporary reports in dir that a render killed with SIGKILL
 * (or a crash of badday itself) left behind: regular files of our own,
 * named by the pattern, whose owner process no longer exists.  Best
 * effort: anything unexpected is left alone. */
static void remove_stale_temporaries(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    pid_t owner = temp_owner(e->d_name);
    if (owner == 0 || owner == getpid()) continue;
    if (kill(owner, 0) == 0 || errno != ESRCH) continue; /* alive, or not ours to tell */
    struct stat st;
    if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
        st.st_uid != geteuid())
      continue;
    unlinkat(dirfd(d), e->d_name, 0);
  }
  closedir(d);
}

static void output_free(bd_output_file *out) {
  if (out->tmp_path && !out->direct) bd_interrupt_track_file(NULL);
  free(out->final_path);
  free(out->tmp_path);
  free(out->buf);
  free(out);
}

int bd_output_open(const char *path, bd_output_file **result, char *errbuf, size_t errsize) {
  *result = NULL;
  bd_output_file *out = calloc(1, sizeof *out);
  if (out == NULL || (out->buf = malloc(OUTPUT_BUFFER)) == NULL) {
    free(out);
    snprintf(errbuf, errsize, "%s: out of memory", path);
    return -1;
  }
  out->fd = -1;
  int own = strcmp(path, "-") == 0 ? STDOUT_FILENO : own_descriptor(path);
  if (own >= 0) {
    out->fd = own;
    out->direct = 1;
    out->final_path = strcmp(path, "-") == 0 ? NULL : strdup(path); /* to name it */
    if (strcmp(path, "-") != 0 && out->final_path == NULL) {
      snprintf(errbuf, errsize, "%s: out of memory", path);
      output_free(out);
      return -1;
    }
    *result = out;
    return 0;
  }
  /* lstat: a symbolic link (to a report, a FIFO, a device, anything) is
   * replaced by the new report like a missing file, never written through. */
  struct stat st;
  int exists = lstat(path, &st) == 0 && !S_ISLNK(st.st_mode);
  if (exists && S_ISDIR(st.st_mode)) {
    snprintf(errbuf, errsize, "%s: is a directory", path);
    output_free(out);
    return -1;
  }
  if (exists && !S_ISREG(st.st_mode)) {
    /* A device or FIFO (/dev/null, /dev/full, a pipe): write straight to it
     * (O_NOFOLLOW: a link swapped in since the lstat is not followed). */
    out->fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW);
    if (out->fd < 0) {
      snprintf(errbuf, errsize, "%s: %s", path, strerror(errno));
      output_free(out);
      return -1;
    }
    out->direct = 1;
    out->owns_fd = 1;
    out->final_path = strdup(path); /* only to name it in messages */
    if (out->final_path == NULL) {
      snprintf(errbuf, errsize, "%s: out of memory", path);
      bd_output_abort(out);
      return -1;
    }
    *result = out;
    return 0;
  }
  char *dir = directory_of(path);
  out->final_path = strdup(path);
  size_t tlen = dir ? strlen(dir) + 48 : 0;
  out->tmp_path = dir ? malloc(tlen) : NULL;
  if (dir == NULL || out->final_path == NULL || out->tmp_path == NULL) {
    free(dir);
    snprintf(errbuf, errsize, "%s: out of memory", path);
    output_free(out);
    return -1;
  }
  remove_stale_temporaries(dir);
  snprintf(out->tmp_path, tlen, "%s/" TEMP_PREFIX "%ld-XXXXXX", dir, (long)getpid());
  free(dir);
  /* signals are blocked from the file's creation until it is tracked */
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  out->fd = mkostemp(out->tmp_path, O_CLOEXEC);
  if (out->fd >= 0) bd_interrupt_track_file(out->tmp_path);
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (out->fd < 0) {
    snprintf(errbuf, errsize, "%s: cannot create a temporary file in its directory: %s", path,
             strerror(errno));
    output_free(out);
    return -1;
  }
  out->owns_fd = 1;
  if (fchmod(out->fd, report_mode(&st, exists)) != 0) {
    snprintf(errbuf, errsize, "%s: %s", path, strerror(errno));
    bd_output_abort(out);
    return -1;
  }
  *result = out;
  return 0;
}

/* Writes out the buffer; remembers the first error. */
static int flush_buffer(bd_output_file *out) {
  if (out->error) return -1;
  if (out->buf_used && write_all(out->fd, out->buf, out->buf_used) != 0) {
    out->error = errno ? errno : EIO;
    return -1;
  }
  out->buf_used = 0;
  return 0;
}

int bd_output_write(bd_output_file *out, const void *data, size_t len) {
  if (out->error) return -1;
  out->written += len;
  if (len >= OUTPUT_BUFFER) {
    if (flush_buffer(out) != 0) return -1;
    if (write_all(out->fd, data, len) != 0) {
      out->error = errno ? errno : EIO;
      return -1;
    }
    return 0;
  }
  if (OUTPUT_BUFFER - out->buf_used < len && flush_buffer(out) != 0) return -1;
  memcpy(out->buf + out->buf_used, data, len);
  out->buf_used += len;
  return 0;
}

/* Compares two files byte by byte: 1 equal, 0 different, -1 unreadable. */
static int same_content(const char *a, const char *b) {
  FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
  int result = fa && fb ? 1 : -1;
  char ba[65536], bb[65536];
  while (result == 1) {
    size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
    if (na != nb || memcmp(ba, bb, na) != 0) result = 0;
    if (na == 0 || na < sizeof ba) break;
  }
  if (result == 1 && (ferror(fa) || ferror(fb))) result = -1;
  if (fa) fclose(fa);
  if (fb) fclose(fb);
  return result;
}

int bd_output_commit_checked(bd_output_file *out, int no_clobber, int *unchanged, char *errbuf,
                             size_t errsize) {
  const char *name = out->final_path ? out->final_path : "standard output";
  *unchanged = 0;
  int rc = flush_buffer(out);
  if (rc == 0 && !out->direct && fsync(out->fd) != 0) {
    out->error = errno;
    rc = -1;
  }
  if (out->owns_fd) {
    if (close(out->fd) != 0 && rc == 0) {
      out->error = errno;
      rc = -1;
    }
    out->owns_fd = 0;
  }
  if (rc != 0) {
    snprintf(errbuf, errsize, "%s: cannot write the report: %s", name, strerror(out->error));
    if (!out->direct) unlink(out->tmp_path);
    output_free(out);
    return -1;
  }
  if (no_clobber && !out->direct) {
    /* Never replace other content: link(2) fails when the name exists, with
     * no window between a check and the rename (two writers cannot both
     * win); the same content already there needs nothing. */
    if (link(out->tmp_path, out->final_path) == 0) {
      unlink(out->tmp_path);
      sync_directory(out->final_path);
      output_free(out);
      return 0;
    }
    int link_errno = errno;
    if (link_errno == EPERM || link_errno == EOPNOTSUPP || link_errno == ENOSYS) {
      /* A file system without hard links: renameat2(RENAME_NOREPLACE). */
#ifdef SYS_renameat2
      if (syscall(SYS_renameat2, AT_FDCWD, out->tmp_path, AT_FDCWD, out->final_path, 1) == 0) {
        sync_directory(out->final_path);
        output_free(out);
        return 0;
      }
      link_errno = errno;
#endif
    }
    int same = link_errno == EEXIST ? same_content(out->tmp_path, out->final_path) : -1;
    unlink(out->tmp_path);
    if (link_errno != EEXIST) {
      snprintf(errbuf, errsize, "%s: cannot write the report: %s", name, strerror(link_errno));
      rc = -1;
    } else if (same == 1) {
      *unchanged = 1;
    } else {
      snprintf(errbuf, errsize, "%s: exists with other content; not replaced (use --force)", name);
      rc = -1;
    }
    output_free(out);
    return rc;
  }
  if (!out->direct && rename(out->tmp_path, out->final_path) != 0) {
    snprintf(errbuf, errsize, "%s: cannot write the report: %s", name, strerror(errno));
    unlink(out->tmp_path);
    rc = -1;
  }
  if (rc == 0 && !out->direct) sync_directory(out->final_path);
  output_free(out);
  return rc;
}

int bd_output_commit(bd_output_file *out, char *errbuf, size_t errsize) {
  int unchanged;
  return bd_output_commit_checked(out, 0, &unchanged, errbuf, errsize);
}

void bd_output_abort(bd_output_file *out) {
  if (out == NULL) return;
  if (out->owns_fd) close(out->fd);
  if (out->tmp_path && !out->direct) unlink(out->tmp_path);
  output_free(out);
}

int bd_output_write_error(const bd_output_file *out) {
  return out->error;
}

int bd_output_flush(bd_output_file *out) {
  return flush_buffer(out);
}

void bd_output_fail(bd_output_file *out, int errnum) {
  if (out->error == 0) out->error = errnum ? errnum : EIO;
}

size_t bd_output_size(const bd_output_file *out) {
  return out->written;
}
