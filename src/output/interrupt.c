/* interrupt.c - see interrupt.h. */
#include "output/interrupt.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

enum { TRACKED_PATH_MAX = 4096 };

/* The tracked temporary file (valid while tracked_file_set is 1) and child. */
static char tracked_file[TRACKED_PATH_MAX];
static volatile sig_atomic_t tracked_file_set;
static volatile pid_t tracked_child;

/* Stops the child, removes the temporary file and exits 128 + sig: only
 * async-signal-safe calls. */
static void on_signal(int sig) {
  pid_t child = tracked_child;
  if (child != 0) kill(child, SIGKILL); /* a pid, or -pid for a process group */
  if (tracked_file_set) unlink(tracked_file);
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

void bd_interrupt_track_child(pid_t pid) {
  tracked_child = pid;
}

void bd_interrupt_reset_in_child(int before_exec) {
  tracked_file_set = 0;
  tracked_child = 0;
  static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ};
  size_t n = before_exec ? 5 : 3;
  for (size_t i = 0; i < n; i++) signal(signals[i], SIG_DFL);
}
