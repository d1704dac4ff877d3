/*
 * output.h - where a render goes: a report file written atomically, or
 * standard output, or a device such as /dev/null.
 *
 * A regular-file destination is written to a temporary file in the same
 * directory and renamed into place by bd_output_commit() only when the
 * whole report was written and flushed to disk, so a crash, a full disk or
 * a failing plugin never truncates or destroys the previous report.
 * bd_output_abort() removes the temporary file.
 *
 * bd_output is also the per-render context the host hands to a plugin (the
 * plugin sees it as opaque): it carries the plugin's name for log lines
 * and the message catalogue.
 */
#ifndef BD_OUTPUT_H
#define BD_OUTPUT_H

#include <stddef.h>

#include "badday/plugin.h"
#include "output/catalogue.h"

/* The -O options of one render, checked against the plugin's declaration. */
typedef struct bd_plugin_options {
  const char *const *names;
  const char *const *values;
  size_t count;
  const bd_plugin *plugin; /* whose options these are (bd_plugin_option), or NULL */
} bd_plugin_options;

struct bd_output {
  int fd;
  int direct;       /* 1: writing to stdout or a device, no rename */
  int owns_fd;      /* 1: close fd at the end */
  char *final_path; /* NULL for stdout */
  char *tmp_path;   /* NULL when direct */
  int error;        /* errno of the first failed write, 0 if none */
  size_t written;
  char *buf;
  size_t buf_used;
  /* render context */
  const char *plugin_name;
  bd_lazy_catalogue *catalogue;
  const char *lang;
  int verbose;
  const bd_plugin_options *options; /* -O values and the plugin's declared options */
};
typedef struct bd_output bd_output;

/* Opens the destination `path` ("-" = standard output).  Returns 0 and a
 * new output in *out (freed by commit or abort), or -1 with a message in
 * errbuf (e.g. "report.pdf: is a directory"). */
int bd_output_open(const char *path, bd_output **out, char *errbuf, size_t errsize);

/* Appends len bytes; returns 0, or -1 after a write error (remembered: later
 * writes fail too, and commit reports it). */
int bd_output_write(bd_output *out, const void *data, size_t len);

/* Flushes, syncs and renames the temporary file into place; frees out.
 * Returns 0, or -1 with a message in errbuf (the old file is untouched and
 * the temporary file removed). */
int bd_output_commit(bd_output *out, char *errbuf, size_t errsize);

/* Like bd_output_commit; with no_clobber (for archives), when the
 * destination exists with the same content the temporary file is dropped
 * and *unchanged set to 1, and when it exists with other content it is kept
 * and -1 returned with the reason in errbuf. */
int bd_output_commit_checked(bd_output *out, int no_clobber, int *unchanged, char *errbuf,
                             size_t errsize);

/* Discards everything written: removes the temporary file; frees out. */
void bd_output_abort(bd_output *out);

#endif
