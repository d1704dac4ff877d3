/*
 * child.h - supervising a child process that renders: feeding it bytes,
 * reading what it sends back, enforcing a time limit and telling how it
 * ended.  Used for C plugins (a forked render) and executable plugins (an
 * exec'd program) alike.  Never prints.
 */
#ifndef BD_CHILD_H
#define BD_CHILD_H

#include <stddef.h>
#include <sys/types.h>

/* One pipe between the host and the child, the host's end. */
typedef struct bd_child_channel {
  int fd;           /* the host's end (made non-blocking; closed by bd_child_supervise) */
  const char *send; /* a channel to the child: the bytes to send (owned by the caller) */
  size_t send_len;  /* ... and how many; a channel from the child has send == NULL */
  /* a channel from the child: called with each chunk read (data lives for the call) */
  void (*receive)(void *context, const char *data, size_t len);
  void *context;
} bd_child_channel;

/* How the child ended. */
typedef struct bd_child_end {
  int exited; /* 1: it exited, with exit_status */
  int exit_status;
  int signal;     /* the signal that ended it, or 0 */
  int timed_out;  /* 1: it ran out of time and was killed */
  int send_error; /* errno of a failed send (EPIPE: the child closed its input early) */
  size_t unsent;  /* bytes of the send channels the child never read */
} bd_child_end;

/* Runs the exchange with child `pid` over the n channels until the child
 * has ended and every channel is closed, then reaps it.  kill_target is
 * what to kill on time-out, as kill(2) takes it (pid, or -pid for its
 * process group).  timeout_seconds 0 means no limit.  Returns 0 with *end
 * filled, or -1 when waiting failed (errno set; the child is killed). */
int bd_child_supervise(pid_t pid, pid_t kill_target, bd_child_channel *channels, size_t n,
                       unsigned timeout_seconds, bd_child_end *end);

/* The name of signal sig ("SIGSEGV"), or "signal N" in buf (16 bytes). */
const char *bd_signal_name(int sig, char buf[16]);

#endif
