/*
 * evidence.h - test evidence from JUnit XML (`badday render --evidence`).
 *
 * Test runners and game-day tooling write JUnit XML.  A <testcase> maps to
 * a testing measure of the plan by its name "SCENARIO/MEASURE" (the
 * classname, when it is "SCENARIO" and the name "MEASURE", works too) or by
 * a property <property name="badday.measure" value="SCENARIO/MEASURE"/>.
 * Its date (the testcase's timestamp, else its testsuite's) and outcome
 * (<failure> or <error>: fail; otherwise pass; <skipped>: not a run) stand
 * in for the measure's last_run and result in this render; the plan file is
 * not changed.  When several runs map to one measure, or the plan already
 * has a later run, the latest run counts (a failure wins a tie).  Only
 * implemented tests verify (plan-format.md), so a run of a test the plan
 * still calls planned is recorded but warned about.
 */
#ifndef BD_EVIDENCE_H
#define BD_EVIDENCE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "plan/plan.h"

/* What applying evidence found, for the CLI to report. */
typedef struct bd_evidence_stats {
  size_t applied; /* runs that now stand as a measure's latest run */
  size_t matched; /* testcases that named a testing measure */
  size_t skipped; /* <skipped> testcases */
} bd_evidence_stats;

/* The plans one render applies evidence to (several for a portfolio: a
 * testcase counts for every plan that has the measure it names). */
typedef struct bd_evidence_target {
  bd_plan *const *plans; /* NULL entries (plans that did not load) are skipped */
  size_t plan_count;
  bd_arena *arena; /* where new strings go */
} bd_evidence_target;

/* Reads the JUnit XML file at path and applies its runs to the target's
 * plans (in place).  Testcases that match no plan, name a measure
 * that is not a test, have no usable date, or ran after the plan's as_of
 * are reported in warnings (positioned at the testcase, the names from the
 * file quoted with bd_quote).  Returns 0, or -1 with the reason in errors
 * when the file cannot be read, is larger than BD_EVIDENCE_MAX_BYTES,
 * declares a DTD or is not JUnit XML. */
int bd_evidence_apply(const char *path, const bd_evidence_target *target, bd_evidence_stats *stats,
                      bd_diags *warnings, bd_diags *errors);

/* Like bd_evidence_apply() on data[0..len) read already (path only names
 * it in messages).  A document that declares a DTD (<!DOCTYPE>) is refused
 * before any entity is read, and so is one over BD_EVIDENCE_MAX_BYTES. */
int bd_evidence_apply_buffer(const char *path, const char *data, size_t len,
                             const bd_evidence_target *target, bd_evidence_stats *stats,
                             bd_diags *warnings, bd_diags *errors);

#endif
