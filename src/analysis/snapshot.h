/*
 * snapshot.h - what `--compare OLD` compares against: the figures of an
 * earlier report, read either from last quarter's plan (loaded and
 * analysed like any plan) or from the JSON badday wrote for it (a single
 * plan's object, or a portfolio's with a "services" array).
 */
#ifndef BD_SNAPSHOT_H
#define BD_SNAPSHOT_H

#include <stddef.h>

#include "base/arena.h"
#include "badday/report.h"
#include "base/diag.h"
#include "plan/load.h"

/* One scenario of an earlier report. */
typedef struct bd_snapshot_scenario {
  const char *id;
  const char *title; /* NULL when the JSON has none */
  double eal;        /* yearly loss in the current state */
  bd_decision decision;
  bd_cell coverage[BD_KIND_COUNT];
} bd_snapshot_scenario;

/* One service of an earlier report. */
typedef struct bd_snapshot {
  const char *source; /* the file as given */
  const char *sha256; /* of the plan the report came from (64 hex digits) */
  const char *service;
  const char *period; /* or NULL */
  const char *as_of;
  const char *currency;
  double eal; /* total yearly loss in the current state */
  const bd_snapshot_scenario *scenarios;
  size_t scenario_count;
} bd_snapshot;

/* The services of one --compare file. */
typedef struct bd_snapshot_set {
  const bd_snapshot *items;
  size_t count;
} bd_snapshot_set;

/* Reads the file at path: a report's JSON when its top-level mapping has
 * the key "totals" or "services", else a plan (validated and analysed with opt).  The
 * snapshots live in arena.  Returns 0, or -1 with every error (positioned
 * at file:line:column) in diags. */
int bd_snapshot_load_file(const char *path, const bd_load_options *opt, bd_arena *arena,
                          bd_snapshot_set *out, bd_diags *diags);

/* The same for a file's content data[0..len), named path in messages. */
int bd_snapshot_load_buffer(const char *path, const char *data, size_t len,
                            const bd_load_options *opt, bd_arena *arena, bd_snapshot_set *out,
                            bd_diags *diags);

/* The snapshot of a report computed in this run (points into report). */
int bd_snapshot_from_report(const bd_report *report, const char *source, bd_arena *arena,
                            bd_snapshot *out);

#endif
