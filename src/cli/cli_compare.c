/* cli_compare.c - `--compare OLD`: reads last quarter's plans or report
 * JSON and attaches a comparison to each report of this run. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/quote.h"
#include "base/strmap.h"
#include "cli/cli.h"
#include "cli/cli_common.h"
#include "analysis/compare.h"
#include "analysis/snapshot.h"

/* Every earlier service read from the --compare files. */
typedef struct earlier {
  const bd_snapshot **items;
  size_t count;
} earlier;

/* Reads the --compare files into e; returns an exit code. */
static int read_earlier(const bd_compare_list *list, bd_arena *arena, earlier *e) {
  bd_load_options opt;
  int status = bd_cli_load_options(&opt);
  if (status != BD_EXIT_OK) return status;
  bd_snapshot_set *sets = bd_arena_array(arena, list->count, sizeof *sets);
  if (sets == NULL) return BD_EXIT_INTERNAL;
  size_t total = 0;
  for (size_t i = 0; i < list->count; i++) {
    bd_diags diags = {0};
    if (bd_snapshot_load_file(list->paths[i], &opt, arena, &sets[i], &diags) != 0)
      status = BD_EXIT_INVALID_PLAN;
    bd_cli_print_diags(&diags, list->paths[i], "error");
    bd_diags_free(&diags);
    total += sets[i].count;
  }
  if (status != BD_EXIT_OK) return status;
  e->items = bd_arena_array(arena, total ? total : 1, sizeof *e->items);
  if (e->items == NULL) return BD_EXIT_INTERNAL;
  for (size_t i = 0; i < list->count; i++)
    for (size_t j = 0; j < sets[i].count; j++) e->items[e->count++] = &sets[i].items[j];
  return BD_EXIT_OK;
}

/* Quotes a name from a plan or a --compare file for a message. */
static const char *q(const char *text, char buf[128]) {
  return bd_quote(text, strlen(text), buf, 128);
}

/* Indexes names[0..count) (strings that outlive the map) into map; returns
 * the index of the first name seen before (*dup the earlier one's), count
 * when all are distinct, or SIZE_MAX when out of memory. */
static size_t index_names(bd_strmap *map, const char *(*name)(const void *, size_t),
                          const void *items, size_t count, size_t *dup) {
  for (size_t i = 0; i < count; i++) {
    const char *n = name(items, i);
    int created;
    size_t *slot = bd_strmap_slot(map, n, strlen(n), &created);
    if (slot == NULL) return SIZE_MAX;
    if (!created) {
      *dup = *slot;
      return i;
    }
    *slot = i;
  }
  return count;
}

static const char *report_service(const void *items, size_t i) {
  return ((bd_report *const *)items)[i]->service;
}

static const char *earlier_service(const void *items, size_t i) {
  return ((const bd_snapshot *const *)items)[i]->service;
}

/* Refuses a service named twice among the reports or among the earlier
 * ones, since matching by service would be ambiguous; fills the maps of
 * service names.  Returns an exit code. */
static int check_unique(bd_report *const *reports, size_t count, const earlier *e, bd_strmap *now,
                        bd_strmap *before) {
  char q1[128];
  size_t dup = 0, i = index_names(now, report_service, reports, count, &dup);
  if (i == SIZE_MAX) return BD_EXIT_INTERNAL;
  if (i < count) {
    fprintf(stderr,
            "badday: %s and %s both describe the service %s: --compare matches services "
            "by name\n",
            reports[dup]->source, reports[i]->source, q(reports[i]->service, q1));
    return BD_EXIT_INVALID_PLAN;
  }
  i = index_names(before, earlier_service, e->items, e->count, &dup);
  if (i == SIZE_MAX) return BD_EXIT_INTERNAL;
  if (i < e->count) {
    fprintf(stderr, "badday: the service %s appears twice in the --compare files (%s, %s)\n",
            q(e->items[i]->service, q1), e->items[dup]->source, e->items[i]->source);
    return BD_EXIT_INVALID_PLAN;
  }
  return BD_EXIT_OK;
}

/* Warns about earlier services that no plan of this run describes. */
static void warn_unmatched(const bd_strmap *now, const earlier *e) {
  char q1[128];
  for (size_t i = 0; i < e->count; i++) {
    const char *service = e->items[i]->service;
    if (bd_strmap_get(now, service, strlen(service)) == NULL)
      fprintf(stderr, "%s: warning: the service %s is in no plan of this report\n",
              e->items[i]->source, q(service, q1));
  }
}

/* Compares each report with its earlier self; returns an exit code. */
static int attach(bd_report *const *reports, size_t count, const earlier *e,
                  const bd_strmap *before, int one_to_one, bd_arena *arena) {
  char q1[128], q2[128];
  for (size_t i = 0; i < count; i++) {
    bd_report *r = reports[i];
    const bd_snapshot *old = NULL;
    if (one_to_one) {
      old = e->items[0];
    } else {
      size_t *k = bd_strmap_get(before, r->service, strlen(r->service));
      old = k ? e->items[*k] : NULL;
    }
    if (old == NULL) {
      fprintf(stderr, "%s: warning: no earlier report of the service %s to compare with\n",
              r->source, q(r->service, q1));
      continue;
    }
    if (strcmp(old->currency, r->currency) != 0) {
      fprintf(stderr, "%s: error: cannot compare with %s: it counts in %s, this plan in %s\n",
              r->source, old->source, old->currency, r->currency);
      return BD_EXIT_INVALID_PLAN;
    }
    if (one_to_one && strcmp(old->service, r->service) != 0)
      fprintf(stderr, "%s: warning: comparing the service %s with %s of %s\n", r->source,
              q(r->service, q1), q(old->service, q2), old->source);
    bd_comparison *c = NULL;
    if (bd_compare(r, old, arena, &c) != 0) return BD_EXIT_INTERNAL;
    r->comparison = c;
  }
  return BD_EXIT_OK;
}

int bd_cli_attach_comparisons(const bd_compare_list *list, bd_report *const *reports, size_t count,
                              bd_arena *arena) {
  if (list->count == 0) return BD_EXIT_OK;
  earlier e = {0};
  int status = read_earlier(list, arena, &e);
  if (status != BD_EXIT_OK) return status;
  int one_to_one = count == 1 && e.count == 1;
  bd_strmap now = {0}, before = {0};
  if (!one_to_one) status = check_unique(reports, count, &e, &now, &before);
  if (status == BD_EXIT_OK) status = attach(reports, count, &e, &before, one_to_one, arena);
  if (status == BD_EXIT_OK && !one_to_one) warn_unmatched(&now, &e);
  bd_strmap_free(&now);
  bd_strmap_free(&before);
  return status;
}
