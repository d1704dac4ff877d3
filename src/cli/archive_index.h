/*
 * archive_index.h - DIR/index.json, DIR/index.html and DIR/index.ja.html: the archive read
 * as a whole.
 *
 * The index is built from what DIR holds, never from what this run
 * rendered: every PERIOD/SERVICE.json report badday wrote (a period
 * deleted or copied in by hand is simply there or not), each with the
 * files of its set and their SHA-256 as its manifest recorded them when
 * the set was published (a set without a manifest is hashed as found).
 * The figures are copied from the report JSON as written, never
 * recomputed.  Periods sort as time: "YYYY-QN" by its quarter, any other
 * period by the earliest as-of date of its reports.
 *
 * The pages use the html plugin's style sheets (templates/base.css and
 * report.css from the data directory, with index.css) under the same kind of
 * Content-Security-Policy (the inline style by its SHA-256, nothing else).
 * The labels come from the reports' message catalogue and the figures go
 * through the same display rules, in English (index.html) and, when a set
 * has Japanese files, in Japanese (index.ja.html, its Japanese files
 * linked first); each page links to the other.
 * Every file is rewritten atomically under DIR/.badday-lock-index.
 */
#ifndef BD_ARCHIVE_INDEX_H
#define BD_ARCHIVE_INDEX_H

#include <stddef.h>

#include "badday/report.h"
#include "base/arena.h"
#include "cli/cli_common.h"
#include "plan/ytree.h"

/* One file of a set: its path relative to DIR and its SHA-256. */
typedef struct bd_index_file {
  char *path;
  char *sha256;
  char *role; /* "report", "plan", "evidence" or "manifest" */
} bd_index_file;

/* One archived report: a service in a period. */
typedef struct bd_index_entry {
  char *period_dir; /* the period's directory name */
  char *stem;       /* the service's file name */
  char *service, *period, *as_of, *currency;
  /* the figures' texts as the report JSON wrote them ("null" when absent) */
  char *eal_now, *eal_planned, *budget_used, *coverage, *verified_coverage;
  size_t decisions;
  size_t scenarios; /* weighs the shares in a period's portfolio figures */
  bd_index_file *files;
  size_t file_count;
  int has_manifest;
  int has_japanese; /* DIR holds PERIOD/STEM.ja.pdf or STEM.ja.html */
} bd_index_entry;

/* The archive at a directory, periods in time order. */
typedef struct bd_index {
  bd_index_entry *entries; /* sorted by period (as time), then service */
  size_t count;
} bd_index;

/* Reads every report of the archive at dir into index (freed with
 * bd_index_free); a JSON file that is not a report of badday is skipped.
 * Returns 0, or -1 with the reason in err. */
int bd_index_scan(const char *dir, bd_index *index, char *err, size_t errsize);

/* Frees what bd_index_scan made. */
void bd_index_free(bd_index *index);

/* Scans dir and rewrites DIR/index.json and DIR/index.html atomically
 * under the index lock; when a set has Japanese files (STEM.ja.pdf or
 * STEM.ja.html) also DIR/index.ja.html, else a stale one is removed.
 * css_dir (the templates) holds base.css, report.css, index.css,
 * index.ja.css (the Japanese page's line breaking) and the message
 * catalogue messages.tsv, whose labels both pages use.  Returns 0, or -1
 * with the reason in err. */
int bd_index_write(const char *dir, const char *css_dir, char *err, size_t errsize);

/* --history DIR: adds to list, for each report (NULL entries skipped), the
 * JSON of the same service's latest period archived in dir that sorts
 * before the report's own period (as time, like the index); a service
 * with none is left alone (said with verbose).  Gives each report its
 * history (report->history): the figures of every such period, then the
 * report's own.  The paths and the histories live in arena.
 * Prints what went wrong.  Returns an exit code. */
int bd_index_add_history(const char *dir, bd_report *const *reports, size_t count,
                         bd_compare_list *list, bd_arena *arena, int verbose);

/* Parses the JSON file at path (read into *data, which the caller frees)
 * into tree (its nodes in tree->scratch, its texts in arena; free both
 * with bd_arena_free).  Returns the root, or NULL when the file cannot be
 * read or parsed. */
const bd_ynode *bd_json_parse_file(const char *path, bd_arena *arena, bd_ytree *tree, char **data);

/* The value of key in the mapping m, or NULL (also when m is NULL). */
const bd_ynode *bd_json_get(const bd_ynode *m, const char *key);

#endif
