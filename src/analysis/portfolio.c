/* portfolio.c - see portfolio.h. */
#include "analysis/portfolio.h"

#include <string.h>

/* Returns a when b is NULL or equal to a, else NULL ("they differ"). */
static const char *shared(const char *a, const char *b) {
  return a && b && strcmp(a, b) == 0 ? a : NULL;
}

int bd_portfolio_build(const bd_report *const *reports, size_t count, bd_arena *arena,
                       bd_portfolio **out) {
  bd_portfolio *p = bd_arena_alloc(arena, sizeof *p);
  const bd_report **copy = bd_arena_array(arena, count ? count : 1, sizeof *copy);
  *out = NULL;
  if (p == NULL || copy == NULL) return -1;
  memset(p, 0, sizeof *p);
  p->struct_size = sizeof(bd_portfolio);
  memcpy(copy, reports, count * sizeof *copy);
  p->reports = copy;
  p->report_count = count;
  p->currency = count ? reports[0]->currency : NULL;
  p->period = count ? reports[0]->period : NULL;
  size_t cells = 0;
  for (size_t i = 0; i < count; i++) {
    const bd_report *r = reports[i];
    p->currency = shared(p->currency, r->currency);
    p->period = shared(p->period, r->period);
    if (p->as_of == NULL || strcmp(r->as_of, p->as_of) > 0) p->as_of = r->as_of;
    for (int s = 0; s < BD_STATE_COUNT; s++) p->eal[s] += r->totals[s]->eal;
    p->eal_proven += r->proven_totals->eal;
    p->scenario_count += r->scenario_count;
    p->decision_count += r->decision_count;
    for (int c = 0; c < BD_CELL_COUNT; c++) {
      p->cell_counts[c] += r->cell_counts[c];
      cells += r->cell_counts[c];
    }
  }
  if (p->currency == NULL) {
    memset(p->eal, 0, sizeof p->eal);
    p->eal_proven = 0;
  }
  if (cells > 0) {
    size_t covered = cells - p->cell_counts[BD_CELL_NONE] - p->cell_counts[BD_CELL_PLANNED];
    p->coverage = (double)covered / (double)cells;
    p->verified_coverage = (double)p->cell_counts[BD_CELL_VERIFIED] / (double)cells;
  }
  *out = p;
  return 0;
}
