/* lint.c - see lint.h. */
#include "plan/lint.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/numfmt.h"

#define HOURS_PER_DAY 24.0

/* The name of a measure for messages: its id, else its title. */
static const char *measure_name(const bd_plan_measure *m) {
  return m->id ? m->id : m->title;
}

/* Writes a value of effect `key` (0 frequency, 1 impact, 2 detect,
 * 3 recover) as people read it into buf (64 bytes). */
static const char *effect_text(int key, double value, char *buf, size_t size) {
  if (key == 0) {
    size_t n = bd_format_number(value, buf, size);
    snprintf(buf + n, size - n, "/year");
  } else if (key == 1) {
    bd_format_share(value, buf, size);
  } else {
    bd_format_duration(value, buf, size);
  }
  return buf;
}

/* Warns about each effect of m that is no better than the scenario's own
 * value (the smallest value wins, so it changes nothing). */
static size_t lint_effects(const bd_plan_scenario *s, const bd_plan_measure *m, bd_diags *out) {
  static const char *const keys[] = {"frequency", "impact", "detect", "recover"};
  static const unsigned bits[] = {BD_EFFECT_FREQUENCY, BD_EFFECT_IMPACT, BD_EFFECT_DETECT,
                                  BD_EFFECT_RECOVER};
  const double own[] = {s->frequency, s->impact, s->detect_h, s->recover_h};
  const double effect[] = {m->effect_frequency, m->effect_impact, m->effect_detect_h,
                           m->effect_recover_h};
  size_t found = 0;
  for (int k = 0; k < 4; k++) {
    if (!(m->effect_set & bits[k]) || effect[k] < own[k]) continue;
    /* a range may still be the smaller value in some simulated years */
    if (s->range[k].is_range || m->effect_range[k].is_range) continue;
    char mine[64], theirs[64];
    if (own[k] == 0) { /* nothing is better than 0: the scenario's value is missing */
      bd_diag_add(out, NULL, m->effect_at[k].line, m->effect_at[k].column,
                  "effect %s %s of measure '%s' changes nothing: the scenario's own %s is "
                  "already %s%s; give the scenario its %s without any measure, or remove the "
                  "effect",
                  keys[k], effect_text(k, effect[k], mine, sizeof mine), measure_name(m), keys[k],
                  effect_text(k, own[k], theirs, sizeof theirs),
                  k == 2 ? " (the default when the scenario gives none)" : "", keys[k]);
      found++;
      continue;
    }
    bd_diag_add(out, NULL, m->effect_at[k].line, m->effect_at[k].column,
                "effect %s %s of measure '%s' is no better than the scenario's own %s %s, so "
                "it changes nothing: give the %s the scenario has once the measure is in place "
                "(below %s), or remove it",
                keys[k], effect_text(k, effect[k], mine, sizeof mine), measure_name(m), keys[k],
                effect_text(k, own[k], theirs, sizeof theirs), keys[k], theirs);
    found++;
  }
  return found;
}

/* Warns about a test of scenario s that verifies nothing. */
static size_t lint_verifies(const bd_plan_scenario *s, const bd_plan_measure *m, bd_diags *out) {
  if (m->has_verifies) {
    if (m->verifies_count > 0) return 0;
    bd_diag_add(out, NULL, m->verifies_at.line, m->verifies_at.column,
                "test '%s' verifies nothing (its verifies is empty): name the measures it "
                "proves, or leave verifies out to verify every measure of the scenario",
                measure_name(m));
    return 1;
  }
  for (size_t i = 0; i < s->measure_count; i++)
    if (s->measures[i].kind != BD_KIND_TESTING) return 0;
  bd_diag_add(out, NULL, m->line, m->column,
              "test '%s' verifies nothing: scenario '%s' has no measure other than tests; add "
              "the measures it proves to the scenario, or move the test to the scenario whose "
              "measures it tests",
              measure_name(m), s->id);
  return 1;
}

/* Warns about a test whose last run is older than twice stale_after. */
static size_t lint_last_run(const bd_plan *p, const bd_plan_measure *m, bd_diags *out) {
  if (!m->has_last_run) return 0;
  double age_h = (double)(p->as_of - m->last_run) * HOURS_PER_DAY;
  if (!(age_h > 2 * p->stale_after_h)) return 0;
  char stale[64];
  bd_format_duration(p->stale_after_h, stale, sizeof stale);
  /* a run that came from evidence may have no last_run key: the measure */
  bd_plan_pos at = m->last_run_at.line ? m->last_run_at : (bd_plan_pos){m->line, m->column};
  bd_diag_add(out, NULL, at.line, at.column,
              "test '%s' last ran on %s, %ld days before as_of %s: more than twice stale_after "
              "(%s), so it looks forgotten; run it again and update last_run, or remove the "
              "test if it is no longer run",
              measure_name(m), m->last_run_text ? m->last_run_text : "?", p->as_of - m->last_run,
              p->as_of_text, stale);
  return 1;
}

/* qsort order of findings: by line, then column (one file). */
static int by_position(const void *a, const void *b) {
  const bd_diag *x = a, *y = b;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

size_t bd_plan_lint(const bd_plan *plan, bd_diags *findings) {
  size_t found = 0, before = findings->count;
  for (size_t i = 0; i < plan->scenario_count; i++) {
    const bd_plan_scenario *s = &plan->scenarios[i];
    for (size_t j = 0; j < s->measure_count; j++) {
      const bd_plan_measure *m = &s->measures[j];
      if (m->kind != BD_KIND_TESTING && m->effect_set == 0 && !m->has_cost) {
        bd_diag_add(findings, NULL, m->line, m->column,
                    "measure '%s' has neither effect nor cost, so it changes no figure and does "
                    "not count for the decision: give its effect (the scenario's values once it "
                    "is in place) or its cost",
                    measure_name(m));
        found++;
      }
      found += lint_effects(s, m, findings);
      if (m->kind == BD_KIND_TESTING) {
        found += lint_verifies(s, m, findings);
        found += lint_last_run(plan, m, findings);
      }
    }
  }
  /* a measure's effect keys in the order they are written */
  if (findings->count - before > 1)
    qsort(findings->items + before, findings->count - before, sizeof *findings->items, by_position);
  return found;
}
