/*
 * archive_set.h - one service's file set in an archive period, published
 * whole.
 *
 * The set (SERVICE.pdf, .html, .json, the kept inputs SERVICE.inputs/ and
 * SERVICE.manifest.json) is first made in a staging directory inside the
 * period, PERIOD/.badday-tmp-SERVICE-PID-XXXXXX (a later run removes one
 * whose process is gone: killed before it could clean up), then published
 * under the service's lock (an flock on PERIOD/.badday-lock-SERVICE) by
 * no-replace steps: link(2) for a file, renameat2(RENAME_NOREPLACE) for the
 * inputs directory, the manifest last.  Two archives to the same place therefore
 * never mix their sets: the second one waits for the lock and then finds
 * the first one's set (the same content: unchanged; other content: refused
 * unless forced).  The manifest, which names every file of the set with
 * its SHA-256, exists only while the set is complete: --force removes it
 * before it replaces anything and writes it again last.
 */
#ifndef BD_ARCHIVE_SET_H
#define BD_ARCHIVE_SET_H

#include <stddef.h>
#include <stdio.h>

enum { BD_ARCHIVE_SET_MAX = 80 }; /* staged entries: reports and kept inputs */

/* A set being staged.  Every string is owned by the set. */
typedef struct bd_archive_set {
  char *period_dir; /* DIR/PERIOD */
  char *service;    /* the service's file name (already made safe) */
  char *stage;      /* the staging directory */
  size_t count;
  char *names[BD_ARCHIVE_SET_MAX];  /* staged paths relative to the stage */
  char *roles[BD_ARCHIVE_SET_MAX];  /* "report", "plan" or "evidence" */
  char *hashes[BD_ARCHIVE_SET_MAX]; /* SHA-256 in hex */
  int has_inputs;
} bd_archive_set;

/* Creates the staging directory of service in period_dir.  Returns 0, or
 * -1 with the reason in err. */
int bd_archive_set_begin(bd_archive_set *set, const char *period_dir, const char *service,
                         char *err, size_t errsize);

/* Returns STAGE/SERVICE.EXT, where a report of the set is to be rendered,
 * in a new string the caller frees (NULL when memory ran out). */
char *bd_archive_set_report_path(const bd_archive_set *set, const char *ext);

/* Records the rendered report SERVICE.EXT (hashing it).  Returns 0, or -1
 * with the reason in err. */
int bd_archive_set_add_report(bd_archive_set *set, const char *ext, char *err, size_t errsize);

/* Copies the input file at path byte for byte into SERVICE.inputs/ under
 * its own (safe) name, a second file of the same name getting "-2", "-3"
 * before its extension; role is "plan" or "evidence".  Returns 0, or -1
 * with the reason in err. */
int bd_archive_set_add_input(bd_archive_set *set, const char *path, const char *role, char *err,
                             size_t errsize);

/* Writes the manifest and publishes the set (see above).  With force, an
 * existing set with other content is replaced, else it is kept and -1
 * returned with "PATH: exists with other content; not replaced (use
 * --force)" in err.  *unchanged is 1 when the whole set was already there
 * with the same content.  Returns 0 or -1. */
int bd_archive_set_publish(bd_archive_set *set, int force, int *unchanged, char *err,
                           size_t errsize);

/* Removes the staging directory (whatever is left in it) and frees set. */
void bd_archive_set_end(bd_archive_set *set);

/* Removes path and, when it is a directory, everything below it (never
 * following symbolic links).  Returns 0 or -1 (errno set). */
int bd_remove_tree(const char *path);

/* Reads the whole file at path into a new buffer (*data, NUL-terminated,
 * caller frees) of *len bytes.  Returns 0 or -1 (errno set). */
int bd_read_whole_file(const char *path, char **data, size_t *len);

/* Writes s to f as a JSON string (quotes, backslashes and control
 * characters escaped; UTF-8 kept): for the manifest and the index. */
void bd_archive_json_string(FILE *f, const char *s);

#endif
