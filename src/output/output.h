/*
 * output.h - where a render goes: a report file written atomically, or
 * standard output, or a device such as /dev/null.
 *
 * A regular-file destination is written to a temporary file in the same
 * directory and renamed into place by bd_output_commit() only when the
 * whole report was written and flushed to disk, so a crash, a full disk or
 * a failing plugin never truncates or destroys the previous report.
 * bd_output_abort() removes the temporary file.  The temporary file is
 * named .badday-tmp-PID-XXXXXX (PID the writing process) and tracked for
 * interrupt.h, so that SIGINT or SIGTERM removes it; opening a destination
 * first removes the temporaries in its directory whose owner process is
 * gone (left by SIGKILL).
 *
 * bd_output_file is opaque: output.c alone knows its members.  The
 * per-render context a plugin sees (struct bd_output) is render.c's and
 * holds one of these.
 */
#ifndef BD_OUTPUT_H
#define BD_OUTPUT_H

#include <stddef.h>

/* A destination being written (opaque; see output.c). */
typedef struct bd_output_file bd_output_file;

/* Opens the destination `path` ("-" = standard output; /dev/stdout,
 * /dev/stderr, /dev/fd/N and /proc/self/fd/N are written to that descriptor;
 * a device or FIFO is written directly; a symbolic link is replaced, never
 * written through; a replaced report keeps its permission bits within what
 * the umask allows a new file, never set-id bits).  Returns 0 and a new
 * output in *out (freed by commit or abort), or -1 with a message in errbuf
 * (e.g. "report.pdf: is a directory"). */
int bd_output_open(const char *path, bd_output_file **out, char *errbuf, size_t errsize);

/* Appends len bytes; returns 0, or -1 after a write error (remembered: later
 * writes fail too, and commit reports it). */
int bd_output_write(bd_output_file *out, const void *data, size_t len);

/* Flushes, syncs and renames the temporary file into place; frees out.
 * Returns 0, or -1 with a message in errbuf (the old file is untouched and
 * the temporary file removed). */
int bd_output_commit(bd_output_file *out, char *errbuf, size_t errsize);

/* Like bd_output_commit; with no_clobber (for archives) the file is put in
 * place by an atomic no-replace (link(2), or renameat2 RENAME_NOREPLACE on
 * a file system without hard links): when the destination exists with the
 * same content the temporary file is dropped and *unchanged set to 1, and
 * when it exists with other content it is kept and -1 returned with the
 * reason in errbuf. */
int bd_output_commit_checked(bd_output_file *out, int no_clobber, int *unchanged, char *errbuf,
                             size_t errsize);

/* Discards everything written: removes the temporary file; frees out. */
void bd_output_abort(bd_output_file *out);

/* The errno of the first failed write to out, or 0 when every write so far
 * succeeded (a plugin that returns -1 after a failed write has met an
 * output problem, not one of its own). */
int bd_output_write_error(const bd_output_file *out);

/* Writes out what is buffered (a render child does before it exits, so
 * that its parent can commit).  Returns 0, or -1 after a write error. */
int bd_output_flush(bd_output_file *out);

/* Marks out as failed with errnum (a write that failed in the render
 * child), unless a write already failed: commit then reports it. */
void bd_output_fail(bd_output_file *out, int errnum);

/* The bytes handed to bd_output_write so far in this process. */
size_t bd_output_size(const bd_output_file *out);

#endif
