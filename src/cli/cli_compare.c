/* cli_compare.c - `--compare OLD`: reads last quarter's plans or report
 * JSON and attaches a comparison to each report of this run. */
#include <stdio.h>
#include <string.h>

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

/* Returns the earlier service named service, or NULL. */
static const bd_snapshot *find_service(const earlier *e, const char *service) {
  for (size_t i = 0; i < e->count; i++)
    if (strcmp(e->items[i]->service, service) == 0) return e->items[i];
  return NULL;
}

/* Refuses a service named twice among the reports or among the earlier
 * ones, since matching by service would be ambiguous.  Returns an exit code. */
static int check_unique(bd_report *const *reports, size_t count, const earlier *e) {
  for (size_t i = 0; i < count; i++)
    for (size_t j = 0; j < i; j++)
      if (strcmp(reports[i]->service, reports[j]->service) == 0) {
        fprintf(stderr,
                "badday: %s and %s both describe the service '%s': --compare matches services "
                "by name\n",
                reports[j]->source, reports[i]->source, reports[i]->service);
        return BD_EXIT_INVALID_PLAN;
      }
  for (size_t i = 0; i < e->count; i++)
    for (size_t j = 0; j < i; j++)
      if (strcmp(e->items[i]->service, e->items[j]->service) == 0) {
        fprintf(stderr, "badday: the service '%s' appears twice in the --compare files (%s, %s)\n",
                e->items[i]->service, e->items[j]->source, e->items[i]->source);
        return BD_EXIT_INVALID_PLAN;
      }
  return BD_EXIT_OK;
}

/* Warns about earlier services that no plan of this run describes. */
static void warn_unmatched(bd_report *const *reports, size_t count, const earlier *e) {
  for (size_t i = 0; i < e->count; i++) {
    size_t r = 0;
    while (r < count && strcmp(reports[r]->service, e->items[i]->service) != 0) r++;
    if (r == count)
      fprintf(stderr, "%s: warning: the service '%s' is in no plan of this report\n",
              e->items[i]->source, e->items[i]->service);
  }
}

int bd_cli_attach_comparisons(const bd_compare_list *list, bd_report *const *reports, size_t count,
                              bd_arena *arena) {
  if (list->count == 0) return BD_EXIT_OK;
  earlier e = {0};
  int status = read_earlier(list, arena, &e);
  if (status != BD_EXIT_OK) return status;
  int one_to_one = count == 1 && e.count == 1;
  if (!one_to_one && (status = check_unique(reports, count, &e)) != BD_EXIT_OK) return status;
  for (size_t i = 0; i < count; i++) {
    bd_report *r = reports[i];
    const bd_snapshot *old = one_to_one ? e.items[0] : find_service(&e, r->service);
    if (old == NULL) {
      fprintf(stderr, "%s: warning: no earlier report of the service '%s' to compare with\n",
              r->source, r->service);
      continue;
    }
    if (strcmp(old->currency, r->currency) != 0) {
      fprintf(stderr, "%s: error: cannot compare with %s: it counts in %s, this plan in %s\n",
              r->source, old->source, old->currency, r->currency);
      return BD_EXIT_INVALID_PLAN;
    }
    if (one_to_one && strcmp(old->service, r->service) != 0)
      fprintf(stderr, "%s: warning: comparing the service '%s' with '%s' of %s\n", r->source,
              r->service, old->service, old->source);
    bd_comparison *c = NULL;
    if (bd_compare(r, old, arena, &c) != 0) return BD_EXIT_INTERNAL;
    r->comparison = c;
  }
  if (!one_to_one) warn_unmatched(reports, count, &e);
  return BD_EXIT_OK;
}
