/* interrupt.c - see interrupt.h. */
#include "output/interrupt.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { TRACKED_PATH_MAX = 4096 };

/* The tracked temporary file (valid while tracked_file_set is 1) and child. */
static char tracked_file[TRACKED_PATH_MAX];
static volatile sig_atomic_t tracked_file_set;
static volatile pid_t tracked_child;
/* The tracked staging directory (valid while tracked_dir_set is 1). */
static char tracked_dir[TRACKED_PATH_MAX];
static volatile sig_atomic_t tracked_dir_set;

/* A directory entry as getdents64(2) returns it. */
struct dirent64_raw {
  unsigned long long ino;
  long long off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

/* Removes the entries of the open directory fd (closed here), descending
 * `levels` more levels into subdirectories; only system calls, so that a
 * signal handler may call it (opendir and nftw allocate). */
static void empty_directory(int fd, int levels) {
  static char buf[2][4096]; /* one buffer a level: the handler runs once */
  char *b = buf[levels > 0 ? 0 : 1];
  for (;;) {
    long n = syscall(SYS_getdents64, fd, b, sizeof buf[0]);
    if (n <= 0) break;
    for (long at = 0; at < n;) {
      struct dirent64_raw *e = (struct dirent64_raw *)(void *)(b + at);
      at += e->reclen;
      if (e->name[0] == '.' && (e->name[1] == 0 || (e->name[1] == '.' && e->name[2] == 0)))
        continue;
      if (unlinkat(fd, e->name, 0) == 0 || levels == 0) continue;
      int sub = openat(fd, e->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0) continue;
      empty_directory(sub, levels - 1);
      unlinkat(fd, e->name, AT_REMOVEDIR);
    }
  }
  close(fd);
}

/* Stops the child, removes the temporary file and exits 128 + sig: only
 * async-signal-safe calls. */
static void on_signal(int sig) {
  pid_t child = tracked_child;
  if (child != 0) kill(child, SIGKILL); /* a pid, or -pid for a process group */
  if (tracked_file_set) unlink(tracked_file);
  if (tracked_dir_set) {
    int fd = open(tracked_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) empty_directory(fd, 1);
    rmdir(tracked_dir);
  }
  _exit(128 + sig);
}

void bd_interrupt_install(void) {
  static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
    struct sigaction old;
    /* a signal ignored by whoever started us (nohup, a shell's `&`) stays ignored */
    if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask);
    sigaction(signals[i], &sa, NULL);
  }
}

void bd_interrupt_track_file(const char *path) {
  tracked_file_set = 0;
  if (path == NULL || strlen(path) >= TRACKED_PATH_MAX) return;
  memcpy(tracked_file, path, strlen(path) + 1);
  tracked_file_set = 1;
}

void bd_interrupt_track_dir(const char *path) {
  tracked_dir_set = 0;
  if (path == NULL || strlen(path) >= TRACKED_PATH_MAX) return;
  memcpy(tracked_dir, path, strlen(path) + 1);
  tracked_dir_set = 1;
}

void bd_interrupt_track_child(pid_t pid) {
  tracked_child = pid;
}

void bd_interrupt_reset_in_child(int before_exec) {
  tracked_file_set = 0;
  tracked_dir_set = 0;
  tracked_child = 0;
  static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ};
  size_t n = before_exec ? 5 : 3;
  for (size_t i = 0; i < n; i++) signal(signals[i], SIG_DFL);
}
