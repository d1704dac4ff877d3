/* compare.c - see compare.h. */
#include "analysis/compare.h"

#include <string.h>

#include "analysis/model.h"
#include "base/strmap.h"

/* Fills the "after" side of d from scenario s of the report. */
static void set_after(bd_scenario_delta *d, const bd_scenario *s, size_t index) {
  d->id = s->id;
  d->title = s->title;
  d->scenario = index;
  d->eal_after = s->state[BD_STATE_CURRENT]->eal;
  d->decision_after = s->decision;
  memcpy(d->coverage_after, s->coverage, sizeof d->coverage_after);
}

/* Fills the "before" side of d from an earlier scenario. */
static void set_before(bd_scenario_delta *d, const bd_snapshot_scenario *s) {
  d->eal_before = s->eal;
  d->decision_before = s->decision;
  memcpy(d->coverage_before, s->coverage, sizeof d->coverage_before);
}

/* Works out what changed in a scenario present on both sides. */
static void judge(bd_scenario_delta *d, bd_comparison *c) {
  for (int k = 0; k < BD_KIND_COUNT; k++)
    if (d->coverage_before[k] != d->coverage_after[k]) {
      d->changed_cells |= 1u << k;
      c->cell_changes++;
    }
  d->decision_changed = d->decision_before != d->decision_after;
  c->decision_changes += (size_t)d->decision_changed;
  int changed = d->changed_cells || d->decision_changed || d->eal_before != d->eal_after;
  d->change = changed ? BD_CHANGE_CHANGED : BD_CHANGE_UNCHANGED;
  c->changed += (size_t)changed;
}

int bd_compare(const bd_report *report, const bd_snapshot *before, bd_arena *arena,
               bd_comparison **out) {
  bd_strmap old_ids = {0}; /* id -> index into before->scenarios */
  bd_comparison *c = bd_arena_alloc(arena, sizeof *c);
  unsigned char *matched = bd_arena_array(arena, before->scenario_count + 1, 1);
  bd_scenario_delta *d =
      bd_arena_array(arena, report->scenario_count + before->scenario_count + 1, sizeof *d);
  int rc = -1;
  *out = NULL;
  if (c == NULL || matched == NULL || d == NULL) goto done;
  memset(c, 0, sizeof *c);
  c->struct_size = sizeof(bd_comparison);
  for (size_t i = 0; i < before->scenario_count; i++) {
    int created;
    const char *id = before->scenarios[i].id;
    size_t *slot = bd_strmap_slot(&old_ids, id, strlen(id), &created);
    if (slot == NULL) goto done;
    if (created) *slot = i; /* a repeated id in hand-edited JSON: the first counts */
  }
  size_t n = 0;
  for (size_t i = 0; i < report->scenario_count; i++, n++) {
    const bd_scenario *s = report->scenarios[i];
    d[n].struct_size = sizeof(bd_scenario_delta);
    set_after(&d[n], s, i);
    const size_t *old = bd_strmap_get(&old_ids, s->id, strlen(s->id));
    if (old == NULL || matched[*old]) {
      d[n].change = BD_CHANGE_ADDED;
      c->added++;
      continue;
    }
    matched[*old] = 1;
    set_before(&d[n], &before->scenarios[*old]);
    judge(&d[n], c);
  }
  for (size_t i = 0; i < before->scenario_count; i++) {
    if (matched[i]) continue;
    const bd_snapshot_scenario *s = &before->scenarios[i];
    d[n].struct_size = sizeof(bd_scenario_delta);
    d[n].id = s->id;
    d[n].title = s->title;
    d[n].scenario = BD_NO_SCENARIO;
    d[n].change = BD_CHANGE_REMOVED;
    set_before(&d[n], s);
    c->removed++;
    n++;
  }
  c->source = before->source;
  c->source_sha256 = before->sha256;
  c->period = before->period;
  c->as_of = before->as_of;
  c->eal_before = before->eal;
  c->eal_after = report->totals[BD_STATE_CURRENT]->eal;
  c->scenarios = bd_model_deltas(arena, d, n);
  c->scenario_count = n;
  if (c->scenarios == NULL) goto done;
  *out = c;
  rc = 0;
done:
  bd_strmap_free(&old_ids);
  return rc;
}
