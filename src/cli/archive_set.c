/* archive_set.c - see archive_set.h. */
#include "cli/archive_set.h"

#include "output/interrupt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/sha256.h"
#include "cli/archive_name.h"

/* --- small file helpers -------------------------------------------------- */

int bd_read_whole_file(const char *path, char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  FILE *f = fopen(path, "rb");
  if (f == NULL) return -1;
  size_t cap = 65536, used = 0;
  char *buf = malloc(cap + 1);
  while (buf != NULL) {
    size_t n = fread(buf + used, 1, cap - used, f);
    used += n;
    if (used < cap) break;
    char *bigger = realloc(buf, cap * 2 + 1);
    if (bigger == NULL) {
      free(buf);
      buf = NULL;
      errno = ENOMEM;
      break;
    }
    buf = bigger;
    cap *= 2;
  }
  int failed = buf == NULL || ferror(f);
  int saved = errno ? errno : EIO;
  fclose(f);
  if (failed) {
    free(buf);
    errno = saved;
    return -1;
  }
  buf[used] = '\0';
  *data = buf;
  *len = used;
  return 0;
}

/* Writes len bytes to a new file at path (mode 0666 less the umask),
 * synced.  Returns 0 or -1 (errno set). */
static int write_new_file(const char *path, const void *data, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return -1;
  const char *p = data;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      close(fd);
      errno = saved;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  if (fsync(fd) != 0 || close(fd) != 0) return -1;
  return 0;
}

/* Hashes the file at path into hex.  Returns 0 or -1 (errno set). */
static int hash_file(const char *path, char hex[65]) {
  char *data;
  size_t len;
  if (bd_read_whole_file(path, &data, &len) != 0) return -1;
  bd_sha256_hex(data, len, hex);
  free(data);
  return 0;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  return (type == FTW_DP ? rmdir(path) : unlink(path)) != 0 && errno != ENOENT ? -1 : 0;
}

int bd_remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
  if (!S_ISDIR(st.st_mode)) return unlink(path);
  return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Returns a/b in a new string (NULL when memory ran out). */
static char *join(const char *a, const char *b) {
  char *s = NULL;
  return asprintf(&s, "%s/%s", a, b) < 0 ? NULL : s;
}

/* Flushes a directory's entries to disk (best effort). */
static void sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

/* --- staging ------------------------------------------------------------- */

/* Removes the staging directories of service in period_dir that a run
 * killed before it could clean up left behind (SIGKILL, a power cut):
 * those whose process (the number in the name) no longer exists. */
static void remove_stale_stages(const char *period_dir, const char *service) {
  char prefix[300];
  int plen = snprintf(prefix, sizeof prefix, ".badday-tmp-%s-", service);
  if (plen < 0 || (size_t)plen >= sizeof prefix) return;
  DIR *d = opendir(period_dir);
  struct dirent *e;
  while (d != NULL && (e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, prefix, (size_t)plen) != 0) continue;
    char *end;
    long pid = strtol(e->d_name + plen, &end, 10);
    if (end == e->d_name + plen || *end != '-' || strlen(end) != 7 || pid <= 0) continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* alive, or not ours to know */
    char *path = join(period_dir, e->d_name);
    if (path) bd_remove_tree(path);
    free(path);
  }
  if (d) closedir(d);
}

int bd_archive_set_begin(bd_archive_set *set, const char *period_dir, const char *service,
                         char *err, size_t errsize) {
  memset(set, 0, sizeof *set);
  set->period_dir = strdup(period_dir);
  set->service = strdup(service);
  remove_stale_stages(period_dir, service);
  if (set->period_dir == NULL || set->service == NULL ||
      asprintf(&set->stage, "%s/.badday-tmp-%s-%ld-XXXXXX", period_dir, service, (long)getpid()) <
          0) {
    set->stage = NULL;
    snprintf(err, errsize, "%s: out of memory", period_dir);
    return -1;
  }
  if (mkdtemp(set->stage) == NULL) {
    snprintf(err, errsize, "%s: cannot create a staging directory: %s", period_dir,
             strerror(errno));
    free(set->stage);
    set->stage = NULL;
    return -1;
  }
  bd_interrupt_track_dir(set->stage); /* removed on SIGINT, SIGTERM and SIGHUP */
  return 0;
}

char *bd_archive_set_report_path(const bd_archive_set *set, const char *ext) {
  char *s = NULL;
  return asprintf(&s, "%s/%s.%s", set->stage, set->service, ext) < 0 ? NULL : s;
}

/* Records name (relative to the stage) with its role and hash. */
static int record(bd_archive_set *set, const char *name, const char *role, const char *hex,
                  char *err, size_t errsize) {
  if (set->count == BD_ARCHIVE_SET_MAX) {
    snprintf(err, errsize, "%s: more than %d files in one service's set", set->period_dir,
             BD_ARCHIVE_SET_MAX);
    return -1;
  }
  size_t i = set->count;
  set->names[i] = strdup(name);
  set->roles[i] = strdup(role);
  set->hashes[i] = strdup(hex);
  if (!set->names[i] || !set->roles[i] || !set->hashes[i]) {
    free(set->names[i]);
    free(set->roles[i]);
    free(set->hashes[i]);
    snprintf(err, errsize, "%s: out of memory", set->period_dir);
    return -1;
  }
  set->count++;
  return 0;
}

int bd_archive_set_add_report(bd_archive_set *set, const char *ext, char *err, size_t errsize) {
  char *name = NULL, *path = NULL, hex[65];
  int rc = -1;
  if (asprintf(&name, "%s.%s", set->service, ext) < 0) name = NULL;
  if (name == NULL || (path = join(set->stage, name)) == NULL)
    snprintf(err, errsize, "%s: out of memory", set->period_dir);
  else if (hash_file(path, hex) != 0)
    snprintf(err, errsize, "%s: %s", path, strerror(errno));
  else
    rc = record(set, name, "report", hex, err, errsize);
  free(name);
  free(path);
  return rc;
}

/* Whether name is already taken in the set. */
static int name_taken(const bd_archive_set *set, const char *name) {
  for (size_t i = 0; i < set->count; i++)
    if (strcmp(set->names[i], name) == 0) return 1;
  return 0;
}

int bd_archive_set_add_input(bd_archive_set *set, const char *path, const char *role, char *err,
                             size_t errsize) {
  char inputs[300], base[160], name[400], hex[65];
  snprintf(inputs, sizeof inputs, "%s.inputs", set->service);
  char *inputs_dir = join(set->stage, inputs);
  if (inputs_dir == NULL) {
    snprintf(err, errsize, "%s: out of memory", path);
    return -1;
  }
  if (!set->has_inputs && mkdir(inputs_dir, 0777) != 0) {
    snprintf(err, errsize, "%s: %s", inputs_dir, strerror(errno));
    free(inputs_dir);
    return -1;
  }
  set->has_inputs = 1;
  const char *slash = strrchr(path, '/');
  bd_archive_file_name(slash ? slash + 1 : path, base, sizeof base);
  /* "junit.xml" twice: "junit.xml", then "junit-2.xml". */
  const char *dot = strrchr(base, '.');
  size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  snprintf(name, sizeof name, "%s/%s", inputs, base);
  for (int n = 2; name_taken(set, name); n++)
    snprintf(name, sizeof name, "%s/%.*s-%d%s", inputs, (int)stem, base, n, base + stem);
  char *data = NULL, *dest = NULL;
  size_t len;
  int rc = -1;
  if (bd_read_whole_file(path, &data, &len) != 0) {
    snprintf(err, errsize, "%s: cannot keep a copy: %s", path, strerror(errno));
  } else if ((dest = join(set->stage, name)) == NULL) {
    snprintf(err, errsize, "%s: out of memory", path);
  } else if (write_new_file(dest, data, len) != 0) {
    snprintf(err, errsize, "%s: %s", dest, strerror(errno));
  } else {
    bd_sha256_hex(data, len, hex);
    rc = record(set, name, role, hex, err, errsize);
  }
  free(data);
  free(dest);
  free(inputs_dir);
  return rc;
}

/* --- the manifest -------------------------------------------------------- */

void bd_archive_json_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(f, "\\%c", *p);
    else if (*p < 0x20)
      fprintf(f, "\\u%04x", *p);
    else
      fputc(*p, f);
  }
  fputc('"', f);
}

/* Writes STAGE/SERVICE.manifest.json: every file of the set in order with
 * its role and SHA-256. */
static int write_manifest(bd_archive_set *set, char *err, size_t errsize) {
  char *text = NULL, *name = NULL, *path = NULL;
  size_t len = 0;
  int rc = -1;
  FILE *f = open_memstream(&text, &len);
  if (f == NULL || asprintf(&name, "%s.manifest.json", set->service) < 0) {
    if (f) fclose(f);
    free(text);
    snprintf(err, errsize, "%s: out of memory", set->period_dir);
    return -1;
  }
  fputs("{\n  \"badday_archive_manifest\": 1,\n  \"service_file\": ", f);
  bd_archive_json_string(f, set->service);
  fputs(",\n  \"files\": [", f);
  for (size_t i = 0; i < set->count; i++) {
    fputs(i ? ",\n    {\"path\": " : "\n    {\"path\": ", f);
    bd_archive_json_string(f, set->names[i]);
    fputs(", \"role\": ", f);
    bd_archive_json_string(f, set->roles[i]);
    fprintf(f, ", \"sha256\": \"%s\"}", set->hashes[i]);
  }
  fputs("\n  ]\n}\n", f);
  if (fclose(f) != 0 || text == NULL) {
    snprintf(err, errsize, "%s: out of memory", set->period_dir);
  } else if ((path = join(set->stage, name)) == NULL) {
    snprintf(err, errsize, "%s: out of memory", set->period_dir);
  } else if (write_new_file(path, text, len) != 0) {
    snprintf(err, errsize, "%s: %s", path, strerror(errno));
  } else {
    rc = 0;
  }
  free(text);
  free(name);
  free(path);
  return rc;
}

/* --- publishing ---------------------------------------------------------- */

enum entry_state { ENTRY_MISSING, ENTRY_SAME, ENTRY_DIFFERENT };

/* Compares two files byte for byte: 1 equal, 0 different. */
static int same_file(const char *a, const char *b) {
  char *da = NULL, *db = NULL;
  size_t la = 0, lb = 0;
  int same = bd_read_whole_file(a, &da, &la) == 0 && bd_read_whole_file(b, &db, &lb) == 0 &&
             la == lb && memcmp(da, db, la) == 0;
  free(da);
  free(db);
  return same;
}

/* Counts the entries of a directory other than "." and "..", or -1. */
static long count_entries(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) return -1;
  long n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
  closedir(d);
  return n;
}

/* The state of the published entry `top` against the staged one. */
static enum entry_state entry_state(const bd_archive_set *set, const char *top, int is_dir) {
  char *staged = join(set->stage, top), *final = join(set->period_dir, top);
  enum entry_state state = ENTRY_DIFFERENT;
  struct stat st;
  if (staged == NULL || final == NULL) {
    state = ENTRY_DIFFERENT;
  } else if (lstat(final, &st) != 0) {
    state = errno == ENOENT ? ENTRY_MISSING : ENTRY_DIFFERENT;
  } else if (!is_dir) {
    state = S_ISREG(st.st_mode) && same_file(staged, final) ? ENTRY_SAME : ENTRY_DIFFERENT;
  } else if (S_ISDIR(st.st_mode) && count_entries(staged) == count_entries(final)) {
    /* The same names with the same bytes (the staged inputs are flat). */
    size_t prefix = strlen(top) + 1;
    state = ENTRY_SAME;
    for (size_t i = 0; state == ENTRY_SAME && i < set->count; i++) {
      if (strncmp(set->names[i], top, prefix - 1) != 0 || set->names[i][prefix - 1] != '/')
        continue;
      char *a = join(set->stage, set->names[i]), *b = join(set->period_dir, set->names[i]);
      if (a == NULL || b == NULL || !same_file(a, b)) state = ENTRY_DIFFERENT;
      free(a);
      free(b);
    }
  }
  free(staged);
  free(final);
  return state;
}

/* renameat2(RENAME_NOREPLACE) where the kernel and file system have it:
 * 0, or -1 with errno (ENOSYS/EINVAL: not available). */
static int rename_noreplace(const char *from, const char *to) {
#ifdef SYS_renameat2
  return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */);
#else
  (void)from;
  (void)to;
  errno = ENOSYS;
  return -1;
#endif
}

/* Puts the staged entry at its final place without ever replacing
 * anything: link(2) for a file (then the staged name goes), else
 * renameat2(RENAME_NOREPLACE); a file system with neither gets mkdir(2)
 * for a directory (which fails on an existing one) and the files linked
 * or, under the lock, renamed after a check. */
static int publish_new(const char *staged, const char *final, int is_dir) {
  if (!is_dir) {
    if (link(staged, final) == 0) return unlink(staged), 0;
    if (errno == EEXIST) return -1;
  }
  if (rename_noreplace(staged, final) == 0) return 0;
  if (errno != ENOSYS && errno != EINVAL) return -1;
  struct stat st;
  if (lstat(final, &st) == 0) {
    errno = EEXIST;
    return -1;
  }
  return rename(staged, final); /* the lock keeps other archives out */
}

/* Replaces the final entry by the staged one (--force). */
static int publish_replace(const bd_archive_set *set, const char *staged, const char *final,
                           int is_dir) {
  if (!is_dir) return rename(staged, final);
  char *old = join(set->stage, ".old");
  int rc = old && rename(final, old) == 0 && rename(staged, final) == 0 ? 0 : -1;
  free(old);
  return rc;
}

int bd_archive_set_publish(bd_archive_set *set, int force, int *unchanged, char *err,
                           size_t errsize) {
  *unchanged = 0;
  if (write_manifest(set, err, errsize) != 0) return -1;
  /* The top-level entries in publication order, the manifest last. */
  enum { MAX_TOPS = BD_ARCHIVE_SET_MAX + 2 };
  char inputs_name[300], manifest_name[300];
  snprintf(inputs_name, sizeof inputs_name, "%s.inputs", set->service);
  snprintf(manifest_name, sizeof manifest_name, "%s.manifest.json", set->service);
  const char *tops[MAX_TOPS];
  int is_dir[MAX_TOPS];
  size_t ntops = 0;
  for (size_t i = 0; i < set->count; i++) {
    if (strchr(set->names[i], '/')) continue;
    tops[ntops] = set->names[i];
    is_dir[ntops++] = 0;
  }
  if (set->has_inputs) {
    tops[ntops] = inputs_name;
    is_dir[ntops++] = 1;
  }
  tops[ntops] = manifest_name;
  is_dir[ntops++] = 0;

  char *lock_path = NULL;
  if (asprintf(&lock_path, "%s/.badday-lock-%s", set->period_dir, set->service) < 0) {
    snprintf(err, errsize, "%s: out of memory", set->period_dir);
    return -1;
  }
  int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (lock < 0 || flock(lock, LOCK_EX) != 0) {
    snprintf(err, errsize, "%s: cannot lock: %s", lock_path, strerror(errno));
    if (lock >= 0) close(lock);
    free(lock_path);
    return -1;
  }
  free(lock_path);
  enum entry_state state[MAX_TOPS];
  int missing = 0, different = -1;
  for (size_t i = 0; i < ntops; i++) {
    state[i] = entry_state(set, tops[i], is_dir[i]);
    if (state[i] == ENTRY_MISSING) missing = 1;
    if (state[i] == ENTRY_DIFFERENT && different < 0) different = (int)i;
  }
  int rc = 0;
  if (different >= 0 && !force) {
    snprintf(err, errsize, "%s/%s: exists with other content; not replaced (use --force)",
             set->period_dir, tops[different]);
    rc = -1;
  } else if (different < 0 && !missing) {
    *unchanged = 1;
  } else {
    char *manifest = join(set->period_dir, tops[ntops - 1]);
    /* The set is incomplete from here until its manifest is back. */
    if (different >= 0 && manifest != NULL) {
      unlink(manifest);
      state[ntops - 1] = ENTRY_MISSING;
      sync_dir(set->period_dir);
    }
    free(manifest);
    for (size_t i = 0; rc == 0 && i < ntops; i++) {
      if (state[i] == ENTRY_SAME) continue;
      char *staged = join(set->stage, tops[i]), *final = join(set->period_dir, tops[i]);
      if (staged == NULL || final == NULL) {
        errno = ENOMEM;
        rc = -1;
      } else if (state[i] == ENTRY_MISSING) {
        rc = publish_new(staged, final, is_dir[i]);
      } else {
        rc = publish_replace(set, staged, final, is_dir[i]);
      }
      if (rc != 0)
        snprintf(err, errsize, "%s/%s: cannot publish: %s", set->period_dir, tops[i],
                 errno == EEXIST ? "appeared meanwhile; not replaced" : strerror(errno));
      free(staged);
      free(final);
    }
    sync_dir(set->period_dir);
  }
  close(lock); /* releases the lock */
  return rc;
}

void bd_archive_set_end(bd_archive_set *set) {
  bd_interrupt_track_dir(NULL);
  if (set->stage) bd_remove_tree(set->stage);
  for (size_t i = 0; i < set->count; i++) {
    free(set->names[i]);
    free(set->roles[i]);
    free(set->hashes[i]);
  }
  free(set->stage);
  free(set->period_dir);
  free(set->service);
  memset(set, 0, sizeof *set);
}
