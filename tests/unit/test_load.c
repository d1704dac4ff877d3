/*
 * test_load.c - unit tests of the plan loader (src/load.h) on in-memory
 * plans: defaults, the category order, extensions, references, JSON
 * syntax, anchors and aliases, locale independence, limits, the error
 * list, and bd_plan_load_file() on files, directories and pipes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* newlocale, uselocale, pipe */
#endif
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "plan/load.h"

#define TODAY 20117L /* 2025-01-29 */

/* The arena and diagnostics of one test, freed by teardown(). */
typedef struct ctx {
  bd_arena arena;
  bd_diags diags;
} ctx;

static int setup(void **state) {
  ctx *c = calloc(1, sizeof *c);
  if (c == NULL) return -1;
  *state = c;
  return 0;
}

static int teardown(void **state) {
  ctx *c = *state;
  bd_arena_free(&c->arena);
  bd_diags_free(&c->diags);
  free(c);
  return 0;
}

/* Prints the diagnostics (to explain a failure). */
static void print_diags(const bd_diags *d) {
  for (size_t i = 0; i < d->count; i++)
    print_error("  %s:%u:%u: %s\n", d->items[i].file, d->items[i].line, d->items[i].column,
                d->items[i].message);
}

/* Loads text (as "plan.yaml") and asserts that it is valid. */
static bd_plan *load_ok(ctx *c, const char *text) {
  bd_load_options opt = {.today = TODAY};
  bd_plan *plan = (bd_plan *)1;
  int rc = bd_plan_load_buffer("plan.yaml", text, strlen(text), &opt, &c->arena, &plan, &c->diags);
  if (rc != 0 || plan == NULL) {
    print_diags(&c->diags);
    fail_msg("the plan was refused");
  }
  assert_int_equal(c->diags.count, 0);
  return plan;
}

/* Loads len bytes of text and asserts that it is refused. */
static void load_bad_n(ctx *c, const char *text, size_t len) {
  bd_load_options opt = {.today = TODAY};
  bd_plan *plan = (bd_plan *)1;
  bd_diags_free(&c->diags);
  int rc = bd_plan_load_buffer("plan.yaml", text, len, &opt, &c->arena, &plan, &c->diags);
  assert_int_equal(rc, -1);
  assert_null(plan);
  assert_true(c->diags.count > 0);
}

/* Asserts that text is refused with `message` at line:column among its
 * errors. */
static void expect_error(ctx *c, const char *text, unsigned line, unsigned column,
                         const char *message);

/* Whether the diagnostics hold message at line:column. */
static int has_error(const ctx *c, unsigned line, unsigned column, const char *message) {
  for (size_t i = 0; i < c->diags.count; i++)
    if (c->diags.items[i].line == line && c->diags.items[i].column == column &&
        strcmp(c->diags.items[i].message, message) == 0)
      return 1;
  print_diags(&c->diags);
  return 0;
}

static void expect_error(ctx *c, const char *text, unsigned line, unsigned column,
                         const char *message) {
  load_bad_n(c, text, strlen(text));
  assert_string_equal(c->diags.items[0].file, "plan.yaml");
  if (!has_error(c, line, column, message)) fail_msg("expected %u:%u: %s", line, column, message);
}

/* Checks |a - b| <= 1e-12 |b|. */
#define assert_close(a, b)                                                                         \
  do {                                                                                             \
    double a_ = (a), b_ = (b), d_ = a_ > b_ ? a_ - b_ : b_ - a_;                                   \
    if (d_ > 1e-12 * (b_ > 0 ? b_ : -b_)) fail_msg("%s is %.17g, expected %.17g", #a, a_, b_);     \
  } while (0)

/* The smallest valid plan, with every default in force. */
static const char minimal[] = "badday: 1\n"
                              "service: Shop\n"
                              "losses:\n"
                              "  - id: down\n"
                              "    title: Shop is down\n"
                              "failures:\n"
                              "  - id: pay\n"
                              "    loss: down\n"
                              "    title: Payments fail\n"
                              "scenarios:\n"
                              "  - id: psp\n"
                              "    failure: pay\n"
                              "    title: PSP down\n"
                              "    frequency: 2/year\n"
                              "    recover: 2h\n"
                              "    measures:\n"
                              "      - title: Alarm\n"
                              "        kind: detective\n"
                              "      - title: Drill\n"
                              "        kind: testing\n";

static void test_defaults(void **state) {
  ctx *c = *state;
  bd_plan *p = load_ok(c, minimal);
  assert_string_equal(p->path, "plan.yaml");
  assert_int_equal(p->format, 1);
  assert_string_equal(p->service, "Shop");
  assert_null(p->owner);
  assert_null(p->period);
  assert_int_equal(p->as_of, TODAY);
  assert_string_equal(p->as_of_text, "2025-01-29");
  assert_string_equal(p->currency, "USD");
  assert_int_equal(p->has_slo, 0);
  assert_close(p->amortize_years, 3);
  assert_close(p->stale_after_h, 2400);
  assert_close(p->risk_cap, 0.25);
  assert_int_equal(p->extensions.count, 0);
  assert_int_equal(p->category_count, 4);
  assert_int_equal(p->loss_count, 1);
  for (size_t i = 0; i < 4; i++) {
    assert_close(p->losses[0].per_hour[i], 0);
    assert_close(p->losses[0].per_incident[i], 0);
  }
  assert_int_equal(p->scenario_count, 1);
  const bd_plan_scenario *s = &p->scenarios[0];
  assert_close(s->frequency, 2);
  assert_close(s->impact, 1);
  assert_close(s->detect_h, 0);
  assert_close(s->recover_h, 2);
  assert_null(s->accept);
  assert_int_equal(s->line, 11);
  assert_int_equal(s->column, 5);
  assert_int_equal(s->measure_count, 2);
  const bd_plan_measure *m = &s->measures[0];
  assert_null(m->id);
  assert_int_equal(m->kind, BD_KIND_DETECTIVE);
  assert_int_equal(m->status, BD_STATUS_PLANNED);
  assert_int_equal(m->effect_set, 0);
  assert_close(m->cost_once, 0);
  assert_close(m->cost_yearly, 0);
  m = &s->measures[1];
  assert_int_equal(m->kind, BD_KIND_TESTING);
  assert_int_equal(m->has_verifies, 0);
  assert_int_equal(m->has_last_run, 0);
  assert_null(m->last_run_text);
  assert_int_equal(m->result, BD_RESULT_PASS);
}

/* The example of plan-format.md, every value read. */
static const char spec_example[] =
    "badday: 1\n"
    "service: Smart Receipt Manager\n"
    "owner: Receipts team\n"
    "period: 2025-Q1\n"
    "as_of: 2025-01-29\n"
    "currency: JPY\n"
    "slo: 99.9\n"
    "losses:\n"
    "  - id: cannot-upload\n"
    "    title: Customers cannot upload receipts\n"
    "    per_hour: {revenue: 300000, productivity: 40000, brand: 100000}\n"
    "    per_incident: {penalty: 500000}\n"
    "failures:\n"
    "  - id: processing-fails\n"
    "    loss: cannot-upload\n"
    "    title: Uploaded receipts are not processed\n"
    "scenarios:\n"
    "  - id: ocr-partner-down\n"
    "    failure: processing-fails\n"
    "    title: Partner OCR service stops\n"
    "    frequency: 4/year\n"
    "    impact: 60%\n"
    "    detect: 2h\n"
    "    recover: 3h\n"
    "    measures:\n"
    "      - id: alarm\n"
    "        title: Error-rate alarm notifies the on-call channel\n"
    "        kind: detective\n"
    "        status: implemented\n"
    "        effect: {detect: 5m}\n"
    "        cost: {once: 200000, yearly: 60000}\n"
    "      - id: retry-queue\n"
    "        title: Queue uploads and retry automatically\n"
    "        kind: recovery\n"
    "        status: implemented\n"
    "        effect: {recover: 20m}\n"
    "      - id: retry-drill\n"
    "        title: Monthly drill that stops the partner stub\n"
    "        kind: testing\n"
    "        status: implemented\n"
    "        verifies: [alarm, retry-queue]\n"
    "        last_run: 2025-01-10\n"
    "        result: pass\n"
    "  - id: region-outage\n"
    "    failure: processing-fails\n"
    "    title: The whole region is down\n"
    "    frequency: 0.05\n"
    "    detect: 10m\n"
    "    recover: 3d\n"
    "    measures:\n"
    "      - id: cross-region-backup\n"
    "        title: Copy backups to a second region\n"
    "        kind: recovery\n"
    "        status: planned\n"
    "        effect: {recover: 8h}\n"
    "        cost: {once: 1500000, yearly: 1200000}\n";

/* Checks the plan of spec_example (also written as JSON). */
static void check_spec_example(const bd_plan *p) {
  assert_string_equal(p->service, "Smart Receipt Manager");
  assert_string_equal(p->owner, "Receipts team");
  assert_string_equal(p->period, "2025-Q1");
  assert_string_equal(p->as_of_text, "2025-01-29");
  assert_string_equal(p->currency, "JPY");
  assert_int_equal(p->has_slo, 1);
  assert_close(p->slo, 99.9);
  assert_int_equal(p->category_count, 4);
  const bd_plan_loss *l = &p->losses[0];
  assert_string_equal(l->id, "cannot-upload");
  assert_close(l->per_hour[0], 300000);
  assert_close(l->per_hour[1], 0);
  assert_close(l->per_hour[2], 100000);
  assert_close(l->per_hour[3], 40000);
  assert_close(l->per_incident[1], 500000);
  assert_int_equal(p->failure_count, 1);
  assert_int_equal(p->failures[0].loss, 0);
  assert_int_equal(p->scenario_count, 2);
  const bd_plan_scenario *s = &p->scenarios[0];
  assert_int_equal(s->failure, 0);
  assert_close(s->frequency, 4);
  assert_close(s->impact, 0.6);
  assert_close(s->detect_h, 2);
  assert_close(s->recover_h, 3);
  assert_int_equal(s->measure_count, 3);
  assert_string_equal(s->measures[0].id, "alarm");
  assert_int_equal(s->measures[0].status, BD_STATUS_IMPLEMENTED);
  assert_int_equal(s->measures[0].effect_set, BD_EFFECT_DETECT);
  assert_close(s->measures[0].effect_detect_h, 5.0 / 60);
  assert_close(s->measures[0].cost_once, 200000);
  assert_close(s->measures[0].cost_yearly, 60000);
  assert_int_equal(s->measures[1].kind, BD_KIND_RECOVERY);
  assert_int_equal(s->measures[1].effect_set, BD_EFFECT_RECOVER);
  assert_close(s->measures[1].effect_recover_h, 20.0 / 60);
  const bd_plan_measure *t = &s->measures[2];
  assert_int_equal(t->kind, BD_KIND_TESTING);
  assert_int_equal(t->has_verifies, 1);
  assert_int_equal(t->verifies_count, 2);
  assert_int_equal(t->verifies[0], 0);
  assert_int_equal(t->verifies[1], 1);
  assert_int_equal(t->has_last_run, 1);
  assert_int_equal(t->last_run, 20098);
  assert_string_equal(t->last_run_text, "2025-01-10");
  assert_int_equal(t->result, BD_RESULT_PASS);
  s = &p->scenarios[1];
  assert_close(s->frequency, 0.05);
  assert_close(s->detect_h, 10.0 / 60);
  assert_close(s->recover_h, 72);
  assert_int_equal(s->measures[0].status, BD_STATUS_PLANNED);
  assert_close(s->measures[0].effect_recover_h, 8);
  assert_close(s->measures[0].cost_yearly, 1200000);
}

static void test_spec_example(void **state) {
  ctx *c = *state;
  check_spec_example(load_ok(c, spec_example));
}

static void test_json_syntax(void **state) {
  ctx *c = *state;
  const char *json =
      "{\"badday\": 1, \"service\": \"Smart Receipt Manager\", \"owner\": \"Receipts team\",\n"
      " \"period\": \"2025-Q1\", \"as_of\": \"2025-01-29\", \"currency\": \"JPY\", \"slo\": 99.9,\n"
      " \"losses\": [{\"id\": \"cannot-upload\", \"title\": \"Customers cannot upload receipts\",\n"
      "   \"per_hour\": {\"revenue\": 300000, \"productivity\": 40000, \"brand\": 1e5},\n"
      "   \"per_incident\": {\"penalty\": 500000}}],\n"
      " \"failures\": [{\"id\": \"processing-fails\", \"loss\": \"cannot-upload\",\n"
      "   \"title\": \"Uploaded receipts are not processed\"}],\n"
      " \"scenarios\": [\n"
      "  {\"id\": \"ocr-partner-down\", \"failure\": \"processing-fails\",\n"
      "   \"title\": \"Partner OCR service stops\", \"frequency\": \"4/year\", \"impact\": 0.6,\n"
      "   \"detect\": \"2h\", \"recover\": \"3h\", \"measures\": [\n"
      "    {\"id\": \"alarm\", \"title\": \"Error-rate alarm notifies the on-call channel\",\n"
      "     \"kind\": \"detective\", \"status\": \"implemented\", \"effect\": {\"detect\": "
      "\"5m\"},\n"
      "     \"cost\": {\"once\": 200000, \"yearly\": 60000}},\n"
      "    {\"id\": \"retry-queue\", \"title\": \"Queue uploads and retry automatically\",\n"
      "     \"kind\": \"recovery\", \"status\": \"implemented\", \"effect\": {\"recover\": "
      "\"20m\"}},\n"
      "    {\"id\": \"retry-drill\", \"title\": \"Monthly drill that stops the partner stub\",\n"
      "     \"kind\": \"testing\", \"status\": \"implemented\", \"verifies\": [\"alarm\", "
      "\"retry-queue\"],\n"
      "     \"last_run\": \"2025-01-10\", \"result\": \"pass\"}]},\n"
      "  {\"id\": \"region-outage\", \"failure\": \"processing-fails\",\n"
      "   \"title\": \"The whole region is down\", \"frequency\": 0.05, \"detect\": \"10m\",\n"
      "   \"recover\": \"3d\", \"measures\": [\n"
      "    {\"id\": \"cross-region-backup\", \"title\": \"Copy backups to a second region\",\n"
      "     \"kind\": \"recovery\", \"status\": \"planned\", \"effect\": {\"recover\": \"8h\"},\n"
      "     \"cost\": {\"once\": 1500000, \"yearly\": 1200000}}]}]}\n";
  check_spec_example(load_ok(c, json));
}

/* Standard categories first, then others by first appearance in the file
 * (per_incident before per_hour when it comes first). */
static void test_category_order(void **state) {
  ctx *c = *state;
  bd_plan *p = load_ok(c, "badday: 1\n"
                          "service: S\n"
                          "losses:\n"
                          "  - id: a\n"
                          "    title: A\n"
                          "    per_incident: {sla: 5, penalty: 6}\n"
                          "    per_hour: {ops: 1, productivity: 2}\n"
                          "  - id: b\n"
                          "    title: B\n"
                          "    per_hour: {cloud: 3, ops: 4, x-y: 7}\n"
                          "failures: []\n"
                          "scenarios: []\n");
  static const char *const want[] = {"revenue", "penalty", "brand", "productivity",
                                     "sla",     "ops",     "cloud", "x-y"};
  assert_int_equal(p->category_count, 8);
  for (size_t i = 0; i < 8; i++) assert_string_equal(p->categories[i], want[i]);
  assert_close(p->losses[0].per_incident[4], 5);
  assert_close(p->losses[0].per_incident[1], 6);
  assert_close(p->losses[0].per_hour[5], 1);
  assert_close(p->losses[0].per_hour[3], 2);
  assert_close(p->losses[0].per_hour[6], 0);
  assert_close(p->losses[1].per_hour[6], 3);
  assert_close(p->losses[1].per_hour[5], 4);
  assert_close(p->losses[1].per_hour[7], 7);
  assert_close(p->losses[1].per_incident[4], 0);
}

/* x- keys are kept, in file order, as compact JSON. */
static void test_extensions(void **state) {
  ctx *c = *state;
  bd_plan *p =
      load_ok(c, "x-jira: {project: OPS, board: 12}\n"
                 "badday: 1\n"
                 "service: S\n"
                 "x-scalars: [1, -007, +3, 1.5e3, .5, 2., 0x1F, 0o17, true, False, ~, null, '',\n"
                 "            .inf, .nan, '12', \"q\\\"b\\\\s\", 1_000, 0xFFFFFFFFFFFFFFFFF, yes]\n"
                 "x-text: \"line\\nnext\\ttab ünï 日本\"\n"
                 "x-empty: \n"
                 "x-nested: {a: [{b: c}], '1': {}}\n"
                 "losses:\n"
                 "  - id: a\n"
                 "    title: A\n"
                 "    x-loss: 1\n"
                 "failures:\n"
                 "  - {id: f, loss: a, title: F, x-failure: [a, b]}\n"
                 "scenarios:\n"
                 "  - id: s\n"
                 "    failure: f\n"
                 "    title: S\n"
                 "    frequency: 1\n"
                 "    recover: 1h\n"
                 "    x-scenario: &shared {owner: me}\n"
                 "    measures:\n"
                 "      - {title: M, kind: preventive, x-measure: *shared}\n");
  assert_int_equal(p->extensions.count, 5);
  assert_string_equal(p->extensions.items[0]->key, "x-jira");
  assert_string_equal(p->extensions.items[0]->json, "{\"project\":\"OPS\",\"board\":12}");
  assert_string_equal(p->extensions.items[1]->key, "x-scalars");
  assert_string_equal(p->extensions.items[1]->json,
                      "[1,-7,3,1.5e3,0.5,2,31,15,true,false,null,null,\"\",\".inf\",\".nan\","
                      "\"12\",\"q\\\"b\\\\s\",\"1_000\",\"0xFFFFFFFFFFFFFFFFF\",\"yes\"]");
  assert_string_equal(p->extensions.items[2]->json, "\"line\\nnext\\ttab ünï 日本\"");
  assert_string_equal(p->extensions.items[3]->key, "x-empty");
  assert_string_equal(p->extensions.items[3]->json, "null");
  assert_string_equal(p->extensions.items[4]->json, "{\"a\":[{\"b\":\"c\"}],\"1\":{}}");
  assert_int_equal(p->losses[0].extensions.count, 1);
  assert_string_equal(p->losses[0].extensions.items[0]->key, "x-loss");
  assert_string_equal(p->losses[0].extensions.items[0]->json, "1");
  assert_string_equal(p->failures[0].extensions.items[0]->json, "[\"a\",\"b\"]");
  assert_string_equal(p->scenarios[0].extensions.items[0]->json, "{\"owner\":\"me\"}");
  assert_string_equal(p->scenarios[0].measures[0].extensions.items[0]->key, "x-measure");
  assert_string_equal(p->scenarios[0].measures[0].extensions.items[0]->json, "{\"owner\":\"me\"}");
}

/* References resolve to indices; verifies names measures in any order. */
static void test_references(void **state) {
  ctx *c = *state;
  bd_plan *p = load_ok(c, "badday: 1\n"
                          "service: S\n"
                          "losses:\n"
                          "  - {id: l0, title: L0}\n"
                          "  - {id: l1, title: L1}\n"
                          "failures:\n"
                          "  - {id: f0, loss: l1, title: F0}\n"
                          "  - {id: f1, loss: l0, title: F1}\n"
                          "  - {id: f2, loss: l1, title: F2}\n"
                          "scenarios:\n"
                          "  - {id: s0, failure: f2, title: S0, frequency: 1, recover: 1h}\n"
                          "  - id: s1\n"
                          "    failure: f1\n"
                          "    title: S1\n"
                          "    frequency: 1\n"
                          "    recover: 1h\n"
                          "    measures:\n"
                          "      - {id: t, title: T, kind: testing, verifies: [c, a], "
                          "last_run: 2025-01-29}\n"
                          "      - {id: a, title: A, kind: detective}\n"
                          "      - {title: B, kind: recovery}\n"
                          "      - {id: c, title: C, kind: preventive}\n"
                          "      - {id: t2, title: T2, kind: testing, verifies: []}\n");
  assert_int_equal(p->failures[0].loss, 1);
  assert_int_equal(p->failures[1].loss, 0);
  assert_int_equal(p->failures[2].loss, 1);
  assert_int_equal(p->scenarios[0].failure, 2);
  assert_int_equal(p->scenarios[1].failure, 1);
  const bd_plan_measure *t = &p->scenarios[1].measures[0];
  assert_int_equal(t->has_verifies, 1);
  assert_int_equal(t->verifies_count, 2);
  assert_int_equal(t->verifies[0], 3);
  assert_int_equal(t->verifies[1], 1);
  assert_int_equal(t->last_run, TODAY); /* last_run == as_of is fine */
  t = &p->scenarios[1].measures[4];
  assert_int_equal(t->has_verifies, 1);
  assert_int_equal(t->verifies_count, 0);
}

/* Anchors and aliases may be used anywhere; keys are compared by text. */
static void test_aliases(void **state) {
  ctx *c = *state;
  bd_plan *p = load_ok(c, "badday: 1\n"
                          "service: &name Shop\n"
                          "owner: *name\n"
                          "losses:\n"
                          "  - id: a\n"
                          "    title: *name\n"
                          "    per_hour: &rates {revenue: 100, ops: 5}\n"
                          "  - id: b\n"
                          "    title: B\n"
                          "    per_hour: *rates\n"
                          "failures:\n"
                          "  - &fail {id: f, loss: a, title: F}\n"
                          "scenarios:\n"
                          "  - id: s\n"
                          "    failure: f\n"
                          "    title: S\n"
                          "    frequency: &often 4/year\n"
                          "    recover: 1h\n"
                          "    measures:\n"
                          "      - &m {title: M, kind: recovery, effect: {frequency: *often}}\n"
                          "      - *m\n"
                          "x-copy: *fail\n");
  assert_string_equal(p->owner, "Shop");
  assert_string_equal(p->losses[0].title, "Shop");
  assert_close(p->losses[1].per_hour[0], 100);
  assert_close(p->losses[1].per_hour[4], 5);
  assert_int_equal(p->scenarios[0].measure_count, 2);
  assert_close(p->scenarios[0].measures[1].effect_frequency, 4);
  assert_string_equal(p->extensions.items[0]->json,
                      "{\"id\":\"f\",\"loss\":\"a\",\"title\":\"F\"}");
}

/* Quoting does not matter for values; a UTF-8 BOM and CRLF are fine. */
static void test_quoting_bom_crlf(void **state) {
  ctx *c = *state;
  bd_plan *p = load_ok(c, "\xEF\xBB\xBF"
                          "'badday': \"1\"\r\n"
                          "service: '日本語のサービス'\r\n"
                          "amortize_years: '2.5'\r\n"
                          "stale_after: \"30d\"\r\n"
                          "risk_cap: '10%'\r\n"
                          "slo: \"99.95\"\r\n"
                          "losses:\r\n  - id: '1'\r\n    title: |\r\n      Two\r\n      lines\r\n"
                          "failures: []\r\n"
                          "scenarios: []\r\n");
  assert_string_equal(p->service, "日本語のサービス");
  assert_close(p->amortize_years, 2.5);
  assert_close(p->stale_after_h, 720);
  assert_close(p->risk_cap, 0.1);
  assert_close(p->slo, 99.95);
  assert_string_equal(p->losses[0].id, "1");
  assert_string_equal(p->losses[0].title, "Two\nlines\n");
}

/* Parses spec_example with the thread's locale set to loc (when it exists):
 * numbers must not depend on the locale's decimal separator. */
static void load_in_locale(ctx *c, const char *loc) {
  locale_t l = newlocale(LC_ALL_MASK, loc, (locale_t)0);
  if (l == (locale_t)0) return;
  locale_t old = uselocale(l);
  bd_plan *p = load_ok(c, spec_example);
  uselocale(old);
  freelocale(l);
  check_spec_example(p);
  assert_close(p->slo, 99.9);
}

static void test_locale(void **state) {
  ctx *c = *state;
  static const char *const locales[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8",
                                        "C.UTF-8"};
  /* the process-wide locale, when a comma-decimal one is installed */
  if (setlocale(LC_ALL, "de_DE.UTF-8") != NULL) {
    assert_string_equal(localeconv()->decimal_point, ",");
    check_spec_example(load_ok(c, spec_example));
    setlocale(LC_ALL, "C");
  }
  for (size_t i = 0; i < sizeof locales / sizeof locales[0]; i++) load_in_locale(c, locales[i]);
  check_spec_example(load_ok(c, spec_example));
}

/* Error messages and positions (the broken fixtures cover many more). */
static void test_errors(void **state) {
  ctx *c = *state;
  expect_error(c, "", 0, 0, "the file holds no YAML document");
  expect_error(c, "# nothing\n", 0, 0, "the file holds no YAML document");
  expect_error(c, "---\n", 2, 1,
               "expected a mapping with the plan's keys (badday, service, ...), found null");
  expect_error(c, "badday: 2\n", 1, 9, "unsupported plan format 2: this build reads format 1");
  expect_error(c, "a: 1\n---\nb: 2\n", 2, 1, "only one YAML document is allowed");
  expect_error(c, "a: !!str 1\n", 1, 4, "tags are not allowed (found '!!str')");
  expect_error(c, "a: &x [*x]\n", 1, 8, "alias cycle: *x refers to a collection that contains it");
  expect_error(c, "a: *x\n", 1, 4, "alias *x names no anchor defined before it");
  expect_error(c, "a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at line 1)");
  expect_error(c, "a: \"\\x01\"\n", 1, 4, "control character U+0001 is not allowed");
  expect_error(c, "a: \"\\u0085\"\n", 1, 4, "control character U+0085 is not allowed");
  expect_error(c, "a: \"\\x7f\"\n", 1, 4, "control character U+007F is not allowed");
  expect_error(c, "a: \"\\0\"\n", 1, 4, "control character U+0000 is not allowed");
  expect_error(c, "a: b\x01\n", 1, 5, "control character U+0001 is not allowed");
  expect_error(c, "\xFE\xFF\x00\x61", 1, 1,
               "the plan must be UTF-8 (found a UTF-16 byte order mark)");
  load_bad_n(c, "\xFF\xFE\x00\x00", 4);
  assert_string_equal(c->diags.items[0].message,
                      "the plan must be UTF-8 (found a UTF-32 byte order mark)");
  /* columns count characters, not bytes */
  expect_error(c, "a: 日本語\nb: 日本語 \xE9t\xE9\n", 2, 8,
               "the plan must be UTF-8 (found the byte 0xE9, which is not valid UTF-8 here)");
  expect_error(c, "a: 日本語: x\n", 1, 4,
               "the value of 'a' contains ': ', which YAML reads as the start of another key; "
               "quote the value: a: \"日本語: x\" [the YAML parser stopped at 1:7: mapping values "
               "are not allowed in this context]");
  /* a UTF-8 byte order mark is not a column */
  expect_error(c,
               "\xEF\xBB\xBF"
               "a: \xFF\n",
               1, 4, "the plan must be UTF-8 (found the byte 0xFF, which is not valid UTF-8 here)");
  expect_error(c,
               "\xEF\xBB\xBF"
               "a: b\x01\n",
               1, 5, "control character U+0001 is not allowed");
  expect_error(c,
               "\xEF\xBB\xBF"
               "a: : b\n",
               1, 4,
               "the value of 'a' contains ': ', which YAML reads as the start of another key; "
               "quote the value: a: \": b\" [the YAML parser stopped at 1:4: mapping values are "
               "not allowed in this context]");
  expect_error(c, "a: 1\r\nb: \xC0\xAF\r\n", 2, 4,
               "the plan must be UTF-8 (found the byte 0xC0, which is not valid UTF-8 here)");
  expect_error(c, "a: \"\\uD800\"\n", 1, 7,
               "found invalid Unicode character escape code (while parsing a quoted scalar "
               "that started at line 1, column 4)");
  load_bad_n(c, "a: b\0c\n", 7);
  assert_string_equal(c->diags.items[0].message, "the plan must be UTF-8 text (found a NUL byte)");
  assert_int_equal(c->diags.items[0].column, 5);
  /* too large: refused before the bytes are looked at */
  load_bad_n(c, "", BD_LOAD_MAX_BYTES + 1);
  assert_string_equal(c->diags.items[0].message, "the plan is larger than 256 MiB");
}

/* Nesting: 64 collections are fine, 65 are not. */
static void test_depth(void **state) {
  ctx *c = *state;
  char text[512];
  /* the root mapping is one level, x-d's lists the others */
  for (int lists = 63; lists <= 64; lists++) {
    int o = snprintf(text, sizeof text, "x-d: ");
    for (int i = 0; i < lists; i++) text[o++] = '[';
    for (int i = 0; i < lists; i++) text[o++] = ']';
    text[o] = '\0';
    load_bad_n(c, text, strlen(text));
    const char *first = c->diags.items[0].message;
    if (lists == 63)
      assert_string_equal(first, "missing required key 'badday' in the plan (add "
                                 "'badday: 1')");
    else
      assert_string_equal(first, "nesting deeper than 64 levels");
  }
  /* 200 nested lists: the error is at the 65th collection */
  char deep[512] = "x-d: ";
  memset(deep + 5, '[', 200);
  memset(deep + 205, ']', 200);
  deep[405] = '\0';
  expect_error(c, deep, 1, 5 + 64 + 1 - 1, "nesting deeper than 64 levels");
  /* nesting reached through aliases counts too */
  char chain[4096];
  int o = snprintf(chain, sizeof chain,
                   "x-a0: &a0 [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]"
                   "]]]]]]]]]]]\n");
  for (int i = 1; i < 4; i++)
    o += snprintf(chain + o, sizeof chain - (size_t)o,
                  "x-a%d: &a%d [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a%d]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
                  i, i, i - 1);
  load_bad_n(c, chain, strlen(chain));
  assert_true(has_error(c, 3, 7, "nesting deeper than 64 levels"));
}

/* Billion laughs: refused quickly, in bounded memory. */
static void test_expansion(void **state) {
  ctx *c = *state;
  char text[4096];
  int o = snprintf(text, sizeof text,
                   "badday: 1\nx-0: &a0 [lol, lol, lol, lol, lol, lol, lol, "
                   "lol, lol, lol]\n");
  for (int i = 1; i < 10; i++)
    o += snprintf(text + o, sizeof text - (size_t)o,
                  "x-%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i,
                  i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  load_bad_n(c, text, strlen(text));
  int found = 0;
  for (size_t i = 0; i < c->diags.count; i++)
    found |= strcmp(c->diags.items[i].message, "aliases expand to more than 1000000 nodes") == 0;
  assert_true(found);
  assert_true(c->arena.total < 512u * 1024 * 1024);
  /* the same through the plan's lists */
  bd_arena_free(&c->arena);
  o = snprintf(text, sizeof text,
               "badday: 1\nservice: s\nfailures: []\nlosses:\n"
               "  - &l0 {id: a, title: b}\n");
  for (int i = 1; i < 8; i++)
    o += snprintf(text + o, sizeof text - (size_t)o,
                  "  - &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n", i,
                  i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  o += snprintf(text + o, sizeof text - (size_t)o, "scenarios: [*l7, *l7, *l7, *l7, *l7, *l7]\n");
  load_bad_n(c, text, strlen(text));
}

/* Every error of a file is reported, in file order, up to the limit. */
static void test_many_errors(void **state) {
  ctx *c = *state;
  const char *text = "badday: 1\n"
                     "service: S\n"
                     "as_of: 2025-02-30\n"
                     "losses:\n"
                     "  - {id: a, title: A, per_hour: {revenue: -1}}\n"
                     "failures:\n"
                     "  - {id: f, loss: b, title: F}\n"
                     "scenarios:\n"
                     "  - {id: s, failure: f, title: S, frequency: 1/decade, recover: 5}\n"
                     "currency: usd\n";
  load_bad_n(c, text, strlen(text));
  assert_int_equal(c->diags.count, 6);
  static const unsigned lines[] = {3, 5, 7, 9, 9, 10};
  for (size_t i = 0; i < 6; i++) assert_int_equal(c->diags.items[i].line, lines[i]);
  assert_string_equal(c->diags.items[2].message, "unknown loss 'b'; did you mean 'a'?");
  /* with a limit, the rest are only counted */
  bd_diags_free(&c->diags);
  c->diags.limit = 2;
  bd_load_options opt = {.today = TODAY};
  bd_plan *plan;
  assert_int_equal(bd_plan_load_buffer("p", text, strlen(text), &opt, &c->arena, &plan, &c->diags),
                   -1);
  assert_int_equal(c->diags.count, 2);
  assert_int_equal(c->diags.dropped, 4);
}

/* last_run is checked against as_of, also when as_of is the default. */
static void test_last_run(void **state) {
  ctx *c = *state;
  const char *text = "badday: 1\n"
                     "service: S\n"
                     "losses: [{id: a, title: A}]\n"
                     "failures: [{id: f, loss: a, title: F}]\n"
                     "scenarios:\n"
                     "  - id: s\n"
                     "    failure: f\n"
                     "    title: S\n"
                     "    frequency: 1\n"
                     "    recover: 1h\n"
                     "    measures:\n"
                     "      - {title: T, kind: testing, last_run: 2025-01-30}\n";
  expect_error(c, text, 12, 45, "last_run 2025-01-30 is after as_of 2025-01-29");
}

/* Large mappings and scenarios use the hashed paths: same answers. */
/* Appends a large plan (over 1 MiB, so that two threads parse it) of
 * block-style scenarios to text at *o; `extra` goes into scenario 9000. */
static void large_block_plan(char *text, size_t cap, size_t *o, const char *extra) {
  *o += (size_t)snprintf(text + *o, cap - *o,
                         "badday: 1\nservice: S\nlosses:\n  - id: a\n    title: A\n"
                         "    per_hour: {revenue: 100}\n"
                         "failures: [{id: f, loss: a, title: F}]\nx-top: &top {k: 1}\n"
                         "scenarios:\n");
  for (int i = 0; i < 12000; i++) {
    *o += (size_t)snprintf(text + *o, cap - *o,
                           "  - id: s%d\n    failure: f\n    title: \"Scenario %d\"\n"
                           "    frequency: %d/year\n    recover: %dh\n",
                           i, i, 1 + i % 12, 1 + i % 5);
    if (i == 9000) *o += (size_t)snprintf(text + *o, cap - *o, "%s", extra);
    *o += (size_t)snprintf(text + *o, cap - *o,
                           "    measures:\n      - {id: m, title: M, kind: detective, "
                           "effect: {detect: 5m}}\n");
  }
}

/* Loads text twice: as it is (parsed by two threads) and with its first
 * line break written CRLF (the same lines, parsed by one thread), and
 * asserts the same result: the same scenarios at the same places, or the
 * same messages. */
static void assert_split_same(ctx *c, char *text, size_t len) {
  bd_load_options opt = {.today = TODAY};
  bd_arena single_arena = {0};
  bd_diags single_diags = {0};
  bd_plan *split = NULL, *single = NULL;
  int rc1 = bd_plan_load_buffer("plan.yaml", text, len, &opt, &c->arena, &split, &c->diags);
  char *crlf = malloc(len + 2);
  assert_non_null(crlf);
  size_t first = (size_t)(strchr(text, '\n') - text);
  memcpy(crlf, text, first);
  crlf[first] = '\r';
  memcpy(crlf + first + 1, text + first, len - first);
  int rc2 =
      bd_plan_load_buffer("plan.yaml", crlf, len + 1, &opt, &single_arena, &single, &single_diags);
  assert_int_equal(rc1, rc2);
  assert_int_equal(c->diags.count, single_diags.count);
  for (size_t i = 0; i < c->diags.count; i++) {
    assert_int_equal(c->diags.items[i].line, single_diags.items[i].line);
    assert_int_equal(c->diags.items[i].column, single_diags.items[i].column);
    assert_string_equal(c->diags.items[i].message, single_diags.items[i].message);
  }
  if (rc1 == 0) {
    assert_int_equal(split->scenario_count, single->scenario_count);
    for (size_t i = 0; i < split->scenario_count; i++) {
      const bd_plan_scenario *a = &split->scenarios[i], *b = &single->scenarios[i];
      assert_string_equal(a->id, b->id);
      assert_string_equal(a->title, b->title);
      assert_int_equal(a->line, b->line);
      assert_int_equal(a->column, b->column);
      assert_int_equal(a->measure_count, b->measure_count);
      assert_int_equal(a->measures[0].line, b->measures[0].line);
      assert_int_equal(a->extensions.count, b->extensions.count);
    }
    assert_int_equal(split->extensions.count, single->extensions.count);
  }
  free(crlf);
  bd_arena_free(&single_arena);
  bd_diags_free(&single_diags);
  bd_diags_free(&c->diags);
  memset(&c->diags, 0, sizeof c->diags);
}

static void test_split_parse(void **state) {
  ctx *c = *state;
  static const struct {
    const char *extra; /* in scenario 9000, in the second parse's half */
    const char *after; /* after the list */
  } cases[] = {
      {"", ""},
      {"", "x-after: [1, 2]\nx-more: {a: b}\n"},
      {"    x-ref: *top\n", ""},                /* an alias to an anchor of the first half */
      {"    title: again\n", ""},               /* a duplicate key in the second half */
      {"    x-t: !!str tagged\n", ""},          /* a tag */
      {"", "service: again\n"},                 /* a key of the root again */
      {"    x-q: \"a\n  - id: z\n  b\"\n", ""}, /* item-like lines in a quoted text */
      {"      oops: [\n", ""},                  /* a syntax error */
      {"", "---\nbadday: 1\n"},                 /* a second document */
  };
  size_t cap = 4u * 1024 * 1024;
  char *text = malloc(cap);
  assert_non_null(text);
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    size_t o = 0;
    large_block_plan(text, cap, &o, cases[k].extra);
    o += (size_t)snprintf(text + o, cap - o, "%s", cases[k].after);
    assert_true(o > 1024 * 1024);
    assert_split_same(c, text, o);
  }
  free(text);
}

static void test_large(void **state) {
  ctx *c = *state;
  size_t cap = 4u * 1024 * 1024, o = 0;
  char *text = malloc(cap);
  assert_non_null(text);
  o += (size_t)snprintf(text + o, cap - o,
                        "badday: 1\nservice: S\nlosses:\n  - id: a\n"
                        "    title: A\n    per_hour:\n");
  /* 60 categories of its own: the most a plan may have (BD_PLAN_MAX_CATEGORIES) */
  for (int i = 0; i < 60; i++) o += (size_t)snprintf(text + o, cap - o, "      cat%d: %d\n", i, i);
  o += (size_t)snprintf(text + o, cap - o, "failures: [{id: f, loss: a, title: F}]\nscenarios:\n");
  for (int i = 0; i < 2000; i++)
    o += (size_t)snprintf(text + o, cap - o,
                          "  - {id: s%d, failure: f, title: S, frequency: 1, recover: 1h}\n", i);
  o += (size_t)snprintf(text + o, cap - o,
                        "  - id: big\n    failure: f\n    title: B\n    frequency: 1\n"
                        "    recover: 1h\n    measures:\n");
  for (int i = 0; i < 40; i++)
    o += (size_t)snprintf(text + o, cap - o, "      - {id: m%d, title: M, kind: detective}\n", i);
  o += (size_t)snprintf(text + o, cap - o,
                        "      - {id: t, title: T, kind: testing, verifies: [m39, m0, m17]}\n");
  bd_plan *p = load_ok(c, text);
  assert_int_equal(p->category_count, 64);
  assert_close(p->losses[0].per_hour[4 + 59], 59);
  assert_int_equal(p->scenario_count, 2001);
  const bd_plan_scenario *big = &p->scenarios[2000];
  assert_int_equal(big->measure_count, 41);
  assert_int_equal(big->measures[40].verifies_count, 3);
  assert_int_equal(big->measures[40].verifies[0], 39);
  assert_int_equal(big->measures[40].verifies[2], 17);
  /* duplicates are still found */
  o += (size_t)snprintf(text + o, cap - o,
                        "      - {id: m17, title: M, kind: detective}\n"
                        "  - {id: s1999, failure: f, title: S, frequency: 1, recover: 1h}\n");
  load_bad_n(c, text, o);
  assert_int_equal(c->diags.count, 2);
  assert_string_equal(c->diags.items[0].message,
                      "duplicate measure id 'm17' in this scenario (first at line 2092)");
  assert_string_equal(c->diags.items[1].message,
                      "duplicate scenario id 's1999' (first at line 2068)");
  free(text);
}

/* Writes text to a new temporary file; returns its malloc'ed path. */
static char *temp_file(const char *text) {
  char *path = strdup("/tmp/badday-test-XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  return path;
}

static void test_load_file(void **state) {
  ctx *c = *state;
  bd_load_options opt = {.today = TODAY};
  bd_plan *p;
  char *path = temp_file(spec_example);
  assert_int_equal(bd_plan_load_file(path, &opt, &c->arena, &p, &c->diags), 0);
  check_spec_example(p);
  assert_string_equal(p->path, path);
  unlink(path);
  free(path);

  assert_int_equal(bd_plan_load_file("/nonexistent/plan.yaml", &opt, &c->arena, &p, &c->diags), -1);
  assert_null(p);
  assert_string_equal(c->diags.items[0].message, "cannot open the plan: No such file or directory");
  assert_int_equal(c->diags.items[0].line, 0);
  bd_diags_free(&c->diags);

  assert_int_equal(bd_plan_load_file("/tmp", &opt, &c->arena, &p, &c->diags), -1);
  assert_string_equal(c->diags.items[0].message, "cannot read the plan: is a directory");
  bd_diags_free(&c->diags);

  /* "-" reads standard input, here a pipe */
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  assert_int_equal(write(fds[1], spec_example, strlen(spec_example)),
                   (ssize_t)strlen(spec_example));
  close(fds[1]);
  int saved = dup(STDIN_FILENO);
  assert_true(saved >= 0);
  dup2(fds[0], STDIN_FILENO);
  close(fds[0]);
  int rc = bd_plan_load_file("-", &opt, &c->arena, &p, &c->diags);
  dup2(saved, STDIN_FILENO);
  close(saved);
  assert_int_equal(rc, 0);
  check_spec_example(p);
  assert_string_equal(p->path, "<stdin>");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
      cmocka_unit_test_setup_teardown(test_spec_example, setup, teardown),
      cmocka_unit_test_setup_teardown(test_json_syntax, setup, teardown),
      cmocka_unit_test_setup_teardown(test_category_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_extensions, setup, teardown),
      cmocka_unit_test_setup_teardown(test_references, setup, teardown),
      cmocka_unit_test_setup_teardown(test_aliases, setup, teardown),
      cmocka_unit_test_setup_teardown(test_quoting_bom_crlf, setup, teardown),
      cmocka_unit_test_setup_teardown(test_locale, setup, teardown),
      cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_depth, setup, teardown),
      cmocka_unit_test_setup_teardown(test_expansion, setup, teardown),
      cmocka_unit_test_setup_teardown(test_many_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_last_run, setup, teardown),
      cmocka_unit_test_setup_teardown(test_large, setup, teardown),
      cmocka_unit_test_setup_teardown(test_split_parse, setup, teardown),
      cmocka_unit_test_setup_teardown(test_load_file, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
