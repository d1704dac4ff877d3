/* child.c - see child.h. */
#include "output/child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
  CHANNEL_MAX = 4,
  CHUNK = 64 * 1024,
  TICK_MS = 200 /* how often a quiet child is checked for having exited */
};

/* Milliseconds on the monotonic clock. */
static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Records how the child ended from a wait status. */
static void record_status(int status, bd_child_end *end) {
  if (WIFEXITED(status)) {
    end->exited = 1;
    end->exit_status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    end->signal = WTERMSIG(status);
  }
}

/* Reads what is there on a channel from the child; returns 1 while it
 * stays open, 0 at its end. */
static int receive_some(bd_child_channel *c) {
  char buf[CHUNK];
  for (;;) {
    ssize_t got = read(c->fd, buf, sizeof buf);
    if (got > 0) {
      c->receive(c->context, buf, (size_t)got);
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 1;
    return 0; /* end of file, or an error: nothing more comes */
  }
}

/* Sends what the pipe takes on a channel to the child; returns 1 while
 * bytes remain, 0 when all were sent or the child closed its end. */
static int send_some(bd_child_channel *c, bd_child_end *end) {
  while (c->send_len > 0) {
    ssize_t put = write(c->fd, c->send, c->send_len > CHUNK ? CHUNK : c->send_len);
    if (put > 0) {
      c->send += put;
      c->send_len -= (size_t)put;
      continue;
    }
    if (put < 0 && errno == EINTR) continue;
    if (put < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 1;
    end->send_error = errno;
    end->unsent += c->send_len;
    return 0;
  }
  return 0;
}

int bd_child_supervise(pid_t pid, pid_t kill_target, bd_child_channel *channels, size_t n,
                       unsigned timeout_seconds, bd_child_end *end) {
  memset(end, 0, sizeof *end);
  int open[CHANNEL_MAX];
  if (n > CHANNEL_MAX) n = CHANNEL_MAX;
  for (size_t i = 0; i < n; i++) {
    int flags = fcntl(channels[i].fd, F_GETFL);
    fcntl(channels[i].fd, F_SETFL, flags | O_NONBLOCK);
    open[i] = 1;
    if (channels[i].send != NULL && channels[i].send_len == 0) {
      close(channels[i].fd);
      open[i] = 0;
    }
  }
  long long deadline = timeout_seconds ? now_ms() + (long long)timeout_seconds * 1000 : 0;
  int reaped = 0, status = 0;
  for (;;) {
    struct pollfd fds[CHANNEL_MAX];
    size_t map[CHANNEL_MAX], count = 0;
    for (size_t i = 0; i < n; i++) {
      if (!open[i]) continue;
      fds[count] = (struct pollfd){channels[i].fd, channels[i].send ? POLLOUT : POLLIN, 0};
      map[count++] = i;
    }
    if (count == 0 && reaped) break;
    if (count == 0 && !deadline) { /* every pipe closed: only the exit is left */
      pid_t w;
      while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
      }
      reaped = w == pid;
      if (!reaped) break;
      continue;
    }
    long long wait = count == 0 ? 5 : TICK_MS;
    if (deadline) {
      long long left = deadline - now_ms();
      if (left <= 0) {
        end->timed_out = 1;
        break;
      }
      if (left < wait) wait = left;
    }
    /* once reaped, whatever is still open belongs to a grandchild: read
     * what is there now and stop */
    int ready = poll(fds, count, reaped ? 0 : (int)wait);
    if (ready < 0 && errno != EINTR) break;
    for (size_t k = 0; ready > 0 && k < count; k++) {
      if (fds[k].revents == 0) continue;
      bd_child_channel *c = &channels[map[k]];
      int still = c->send ? send_some(c, end) : receive_some(c);
      if (!still) {
        close(c->fd);
        open[map[k]] = 0;
      }
    }
    if (reaped && ready <= 0) break;
    if (!reaped) {
      pid_t w = waitpid(pid, &status, WNOHANG);
      if (w == pid)
        reaped = 1;
      else if (w < 0 && errno != EINTR)
        break;
    }
  }
  for (size_t i = 0; i < n; i++)
    if (open[i]) {
      if (channels[i].send) end->unsent += channels[i].send_len;
      close(channels[i].fd);
    }
  if (!reaped) {
    int saved = errno;
    kill(kill_target, SIGKILL);
    if (kill_target != pid) kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!end->timed_out) {
      errno = saved;
      return -1;
    }
    return 0;
  }
  record_status(status, end);
  return 0;
}

const char *bd_signal_name(int sig, char buf[16]) {
  static const struct {
    int sig;
    const char *name;
  } names[] = {{SIGSEGV, "SIGSEGV"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},
               {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},   {SIGKILL, "SIGKILL"},
               {SIGTERM, "SIGTERM"}, {SIGINT, "SIGINT"},   {SIGPIPE, "SIGPIPE"},
               {SIGXFSZ, "SIGXFSZ"}, {SIGXCPU, "SIGXCPU"}, {SIGTRAP, "SIGTRAP"},
               {SIGHUP, "SIGHUP"},   {SIGSYS, "SIGSYS"},   {SIGQUIT, "SIGQUIT"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].sig == sig) return names[i].name;
  snprintf(buf, 16, "signal %d", sig);
  return buf;
}
