/*
 * interrupt.h - what an interrupted render leaves behind: nothing.
 *
 * While a render runs, the host tracks its temporary report file and the
 * child process that renders into it.  bd_interrupt_install() (called once
 * by the CLI) makes SIGINT, SIGTERM and SIGHUP stop that child, remove the
 * temporary file and end the process with 128 + the signal's number (130
 * for SIGINT, 143 for SIGTERM).  SIGKILL cannot be caught: the next render
 * into the same directory removes the temporaries whose owner process is
 * gone (output.c).
 *
 * One render at a time per process: the tracker holds one file and one
 * child.  An archive also tracks its staging directory, removed on those
 * signals with everything in it (files, and files in its subdirectories).
 */
#ifndef BD_INTERRUPT_H
#define BD_INTERRUPT_H

#include <sys/types.h>

/* Installs the handlers for SIGINT, SIGTERM and SIGHUP (those the process
 * does not ignore).  Call once, before the first render. */
void bd_interrupt_install(void);

/* Tracks path (copied; at most 4095 bytes, a longer one is not tracked)
 * as the temporary file to remove on a signal; NULL stops tracking. */
void bd_interrupt_track_file(const char *path);

/* Tracks path (copied; at most 4095 bytes) as a staging directory to
 * remove on a signal, with its files and its subdirectories' files (one
 * level of subdirectories, as an archive's SERVICE.inputs/); NULL stops
 * tracking. */
void bd_interrupt_track_dir(const char *path);

/* Tracks the render child to kill on a signal, as kill(2) takes it (pid,
 * or -pid for its process group); 0 stops tracking. */
void bd_interrupt_track_child(pid_t pid);

/* In a freshly forked child: restores the default action of SIGINT,
 * SIGTERM and SIGHUP and forgets the tracked file and child, which are the
 * parent's.  With before_exec also of SIGPIPE and SIGXFSZ, which the CLI
 * ignores and an exec'd program would inherit ignored. */
void bd_interrupt_reset_in_child(int before_exec);

#endif
