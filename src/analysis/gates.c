/* gates.c - see gates.h. */
#include "analysis/gates.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/numfmt.h"

static const struct {
  const char *name;
  unsigned bit;
} rules[] = {
    {"over-cap", BD_GATE_OVER_CAP},   {"stale", BD_GATE_STALE},   {"failing", BD_GATE_FAILING},
    {"uncovered", BD_GATE_UNCOVERED}, {"budget", BD_GATE_BUDGET},
};
enum { RULE_COUNT = sizeof rules / sizeof rules[0] };

int bd_gates_parse(const char *list, unsigned *mask, char *errbuf, size_t errsize) {
  const char *p = list;
  while (*p) {
    size_t len = strcspn(p, ",");
    int found = 0;
    for (size_t i = 0; i < RULE_COUNT; i++) {
      if (strlen(rules[i].name) == len && strncmp(rules[i].name, p, len) == 0) {
        *mask |= rules[i].bit;
        found = 1;
      }
    }
    if (!found) {
      snprintf(errbuf, errsize,
               "unknown rule '%.*s' (expected over-cap, stale, failing, uncovered or budget)",
               (int)len, p);
      return -1;
    }
    p += len;
    if (*p == ',') p++;
  }
  return 0;
}

/* A growing list of findings in the arena. */
typedef struct finding_list {
  bd_arena *arena;
  bd_gate_finding *items;
  size_t count, capacity;
  int failed;
  const bd_scenario *scenario; /* whose waivers apply; NULL for the whole plan */
} finding_list;

/* The current scenario's waiver of rule, or NULL. */
static const bd_waiver *waiver_of(const finding_list *l, const char *rule) {
  for (size_t i = 0; l->scenario && i < l->scenario->waiver_count; i++)
    if (strcmp(l->scenario->waivers[i]->rule, rule) == 0) return l->scenario->waivers[i];
  return NULL;
}

/* Appends a finding with a printf-style message; an expired waiver of the
 * rule is named first. */
__attribute__((format(printf, 4, 5))) static void add(finding_list *l, const char *rule,
                                                      unsigned line, const char *fmt, ...) {
  if (l->failed) return;
  if (l->count == l->capacity) {
    size_t cap = l->capacity ? l->capacity * 2 : 16;
    bd_gate_finding *items = bd_arena_array(l->arena, cap, sizeof *items);
    if (items == NULL) {
      l->failed = 1;
      return;
    }
    if (l->count) memcpy(items, l->items, l->count * sizeof *items);
    l->items = items;
    l->capacity = cap;
  }
  char text[1024];
  size_t at = 0;
  const bd_waiver *w = waiver_of(l, rule);
  int waived = w && !w->expired;
  if (w && !waived) {
    int n = snprintf(text, sizeof text, "waiver of %s for scenario '%s' expired on %s: ", rule,
                     l->scenario->id, w->until);
    at = n > 0 && (size_t)n < sizeof text ? (size_t)n : 0;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text + at, sizeof text - at, fmt, ap);
  va_end(ap);
  char *message = bd_arena_strdup(l->arena, text);
  if (message == NULL) {
    l->failed = 1;
    return;
  }
  l->items[l->count++] = (bd_gate_finding){rule, line, message, w, waived};
}

/* The name of a measure for messages: its id, else its title. */
static const char *measure_name(const bd_measure *m) {
  return m->id ? m->id : m->title;
}

/* Checks the test-related rules on the tests of one scenario. */
static void check_tests(finding_list *l, const bd_report *r, const bd_scenario *s, unsigned mask) {
  for (size_t j = 0; j < s->measure_count; j++) {
    const bd_measure *m = s->measures[j];
    if (m->kind != BD_KIND_TESTING) continue;
    if ((mask & BD_GATE_FAILING) && m->test_state == BD_CELL_FAILING)
      add(l, "failing", m->line, "test '%s' of scenario '%s' failed on %s", measure_name(m), s->id,
          m->last_run ? m->last_run : "its latest run");
    if ((mask & BD_GATE_STALE) && m->test_state == BD_CELL_STALE) {
      char age[64];
      bd_format_duration(r->stale_after_h, age, sizeof age);
      add(l, "stale", m->line, "test '%s' of scenario '%s' last ran on %s, more than %s before %s",
          measure_name(m), s->id, m->last_run, age, r->as_of);
    }
  }
}

size_t bd_gates_check(const bd_report *r, unsigned mask, bd_arena *arena, bd_gate_finding **out) {
  finding_list l = {arena, NULL, 0, 0, 0, NULL};
  for (size_t i = 0; i < r->scenario_count; i++) {
    const bd_scenario *s = r->scenarios[i];
    l.scenario = s;
    if ((mask & BD_GATE_OVER_CAP) && s->over_cap) {
      char share[64], cap[64];
      bd_format_share(s->budget_share, share, sizeof share);
      bd_format_share(r->risk_cap, cap, sizeof cap);
      add(&l, "over-cap", s->line, "scenario '%s' uses %s of the error budget (risk_cap %s)", s->id,
          share, cap);
    }
    if (mask & (BD_GATE_FAILING | BD_GATE_STALE)) check_tests(&l, r, s, mask);
    if ((mask & BD_GATE_UNCOVERED) && s->accept == NULL) { /* an accepted risk is dealt with */
      int detective = s->coverage[BD_KIND_DETECTIVE] >= BD_CELL_IMPLEMENTED;
      int recovery = s->coverage[BD_KIND_RECOVERY] >= BD_CELL_IMPLEMENTED;
      if (!detective || !recovery)
        add(&l, "uncovered", s->line, "scenario '%s' has no implemented %s measure", s->id,
            !detective && !recovery ? "detective or recovery"
            : !detective            ? "detective"
                                    : "recovery");
    }
  }
  l.scenario = NULL;
  if ((mask & BD_GATE_BUDGET) && r->has_error_budget &&
      r->totals[BD_STATE_PLANNED]->downtime_h > r->error_budget_h) {
    char down[64], budget[64], slo[64];
    bd_format_duration(r->totals[BD_STATE_PLANNED]->downtime_h, down, sizeof down);
    bd_format_duration(r->error_budget_h, budget, sizeof budget);
    bd_format_slo(r->slo, slo, sizeof slo);
    add(&l, "budget", 0, "planned downtime of %s a year is over the error budget of %s (slo %s)",
        down, budget, slo);
  }
  if (l.failed) return (size_t)-1;
  *out = l.items;
  return l.count;
}
