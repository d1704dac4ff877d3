/*
 * test_deck_plan.c - the slide planner (plugins/deck) on a plan made here,
 * against cuts worked out by hand from the deck's sizes (deck_metrics.h,
 * CSS px of the 1280 x 720 slide; the arithmetic is in the comments), and
 * the planner's rules on the meeting plans.  The labels come from
 * templates/messages.tsv, the fonts from fonts/fonts.conf (TEMPLATE_DIR and
 * FONT_DIR are defined by the Makefile).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/analyse.h"
#include "deck/deck_plan.h"
#include "output/catalogue.h"
#include "plan/load.h"

#if !defined(TEMPLATE_DIR) || !defined(FONT_DIR) || !defined(MEETING_DIR)
#error "TEMPLATE_DIR, FONT_DIR and MEETING_DIR must be defined"
#endif

#define TODAY 20117L /* 2025-01-29 in days since 1970-01-01 */

static bd_catalogue *catalogue;
static const char *language = "en";

/* host->message: the catalogue's label in the test's language. */
static const char *message(bd_output *out, const char *key) {
  (void)out;
  const char *s = bd_catalogue_get(catalogue, language, key);
  return s ? s : key;
}

/* What every test needs: an arena for the report, the text engine. */
typedef struct fixture {
  bd_arena arena;
  pdf_text *text;
  bd_host host;
  deck_setup setup;
} fixture;

static int setup(void **state) {
  char err[512];
  if (catalogue == NULL &&
      bd_catalogue_load(TEMPLATE_DIR "/messages.tsv", &catalogue, err, sizeof err) != 0) {
    print_error("%s\n", err);
    return -1;
  }
  fixture *f = calloc(1, sizeof *f);
  if (f == NULL) return -1;
  f->text = pdf_text_new(FONT_DIR, language, err, sizeof err);
  if (f->text == NULL) {
    print_error("%s\n", err);
    return -1;
  }
  f->host.struct_size = sizeof f->host;
  f->host.message = message;
  f->setup = (deck_setup){&f->host, NULL, f->text};
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  pdf_text_free(f->text);
  bd_arena_free(&f->arena);
  free(f);
  return 0;
}

/* Loads and analyses the plan in yaml (path names it in messages). */
static const bd_report *analyse(fixture *f, const char *path, const char *yaml, size_t len) {
  bd_load_options opt = {.today = TODAY};
  bd_diags diags = {0};
  bd_plan *plan = NULL;
  int rc = bd_plan_load_buffer(path, yaml, len, &opt, &f->arena, &plan, &diags);
  for (size_t i = 0; i < diags.count; i++)
    print_error("%s:%u:%u: %s\n", path, diags.items[i].line, diags.items[i].column,
                diags.items[i].message);
  bd_diags_free(&diags);
  if (rc != 0 || plan == NULL) fail_msg("%s was rejected", path);
  bd_report *r = NULL;
  assert_int_equal(bd_analyse(plan, &f->arena, &r), 0);
  return r;
}

/* Plans the deck of r. */
static deck_plan *plan_of(fixture *f, const bd_report *r) {
  bd_render_request req;
  memset(&req, 0, sizeof req);
  req.struct_size = sizeof req;
  req.report = r;
  req.lang = language;
  char err[256];
  deck_plan *p = deck_plan_build(&req, &f->setup, err, sizeof err);
  if (p == NULL) fail_msg("%s", err);
  return p;
}

/* A plan of n scenarios with short titles, each with a planned measure (so
 * each needs a decision), under one business loss and one failure type. */
static const bd_report *short_titles(fixture *f, int n) {
  static char yaml[16384];
  int at = snprintf(yaml, sizeof yaml,
                    "badday: 1\nservice: Shop\nas_of: 2025-01-29\ncurrency: USD\n"
                    "losses:\n  - id: orders\n    title: Orders lost\n"
                    "    per_hour: {revenue: 1000}\n"
                    "failures:\n  - id: db\n    loss: orders\n    title: Database stops\n"
                    "scenarios:\n");
  for (int i = 0; i < n; i++)
    at += snprintf(yaml + at, sizeof yaml - (size_t)at,
                   "  - id: s%02d\n    failure: db\n    title: Disk %02d fills up\n"
                   "    frequency: %d/year\n    recover: 1h\n    measures:\n"
                   "      - title: Alarm\n        kind: detective\n        status: planned\n"
                   "        effect: {recover: 30m}\n        cost: {yearly: 100}\n",
                   i, i, i + 1);
  return analyse(f, "short.yaml", yaml, (size_t)at);
}

/* The slides of kind, in order: their count, the first into *first. */
static size_t view(const deck_plan *p, deck_kind kind, size_t *first) {
  size_t n = 0;
  for (size_t i = 0; i < p->count; i++)
    if (p->slides[i].kind == kind && n++ == 0) *first = i;
  return n;
}

/* 20 decisions of one-line titles and one-line paths.  The body under the
 * one-line heading "Decisions needed (99/99)": 720 - 36 (pad) - 36 x 1.2
 * (heading) - 48 (footer) - 14 - 10 (body paddings) - 16 (safety) = 552.8.
 * The table's head: the caption 17 x 1.3 + 6 = 28.1; the tallest column
 * label two lines of 14 x 1.25 ("Yearly loss / now" and "Cost a / year" in
 * 96 - 8 px at 14 px bold: 5.93 em a line, "Yearly loss now" 8.39 em, "Cost
 * a year" 5.99 em) = 35; its padding 2 x 4 + 2: 73.1 in all, leaving 479.7.
 * A row: the title 18 x 1.25 = 22.5, the path 13 x 1.25 = 16.25, padding
 * 2 x 5 and the rule 1: 49.75.  9 rows take 447.75, 10 take 497.5: the
 * slides take 9, 9 and 2. */
static void decisions_cut_by_hand(void **state) {
  fixture *f = *state;
  const bd_report *r = short_titles(f, 20);
  assert_int_equal(r->decision_count, 20);
  deck_plan *p = plan_of(f, r);
  size_t first = 0, n = view(p, DECK_SLIDE_DECISIONS, &first);
  assert_int_equal(n, 3);
  const size_t want[3][2] = {{0, 9}, {9, 9}, {18, 2}};
  for (size_t k = 0; k < 3; k++) {
    const deck_slide *s = &p->slides[first + k];
    assert_int_equal(s->first, want[k][0]);
    assert_int_equal(s->count, want[k][1]);
    assert_int_equal(s->part, k);
    assert_int_equal(s->parts, 3);
    assert_int_equal(s->continued, k > 0);
  }
  assert_string_equal(p->slides[first].heading, "Decisions needed (1/3)");
  assert_string_equal(p->slides[first + 2].heading, "Decisions needed (3/3)");
  for (size_t i = 0; i < 20; i++) assert_int_equal(p->services[0].decision_small[i], 0);
  deck_plan_free(p);
}

/* The tree of the same plan: one row per scenario, 20 rows.  Under the
 * one-line heading "Scenario tree: Orders lost" the body is 552.8; less
 * the margins 2 x 6 it holds (540.8 / 78) = 6 rows of 78: 6, 6, 6, 2. */
static void tree_cut_by_hand(void **state) {
  fixture *f = *state;
  deck_plan *p = plan_of(f, short_titles(f, 20));
  size_t first = 0, n = view(p, DECK_SLIDE_TREE, &first);
  assert_int_equal(n, 4);
  for (size_t k = 0; k < 4; k++) {
    assert_int_equal(p->slides[first + k].first, 6 * k);
    assert_int_equal(p->slides[first + k].count, k < 3 ? 6 : 2);
    assert_int_equal(p->slides[first + k].tree, 0);
  }
  assert_string_equal(p->slides[first + 3].heading, "Scenario tree: Orders lost (4/4)");
  assert_int_equal(p->slides[first + 3].last, 1);
  deck_plan_free(p);
}

/* The heatmap of the same plan: 20 scenarios, a loss and a failure type
 * (22 rows).  Its head: the kinds' labels one line of 14 x 1.25 = 17.5, the
 * shares and legend 62, padding 10: 89.5, leaving 552.8 - 89.5 = 463.3.
 * Compact rows (15 x 1.25 + 2 x 2 + 2 = 24.75, the group rows 15 x 1.25 +
 * 2 x 2 + 1 = 23.75) take 20 x 24.75 + 2 x 23.75 = 542.5: too many for one
 * slide; dense ones (13 x 1.25 + 2 + 2 = 20.25, groups 19.25) take 405 +
 * 38.5 = 443.5: one slide of dense rows. */
static void heatmap_dense_by_hand(void **state) {
  fixture *f = *state;
  deck_plan *p = plan_of(f, short_titles(f, 20));
  size_t first = 0, n = view(p, DECK_SLIDE_COVERAGE, &first);
  assert_int_equal(n, 1);
  const deck_slide *s = &p->slides[first];
  assert_int_equal(s->rows, DECK_ROWS_DENSE);
  assert_int_equal(s->panels, 1);
  assert_int_equal(s->first, 0);
  assert_int_equal(s->count, 22);
  assert_string_equal(s->heading, "Coverage heatmap");
  assert_true(fabs(p->services[0].coverage_rows[2] - 20.25) < 1e-9);
  deck_plan_free(p);
}

/* The slides come in the deck's order, each view's parts numbered. */
static void order_of_the_views(void **state) {
  fixture *f = *state;
  deck_plan *p = plan_of(f, short_titles(f, 20));
  static const deck_kind order[] = {DECK_SLIDE_TITLE,  DECK_SLIDE_FIGURES, DECK_SLIDE_DECISIONS,
                                    DECK_SLIDE_MATRIX, DECK_SLIDE_TREE,    DECK_SLIDE_COVERAGE};
  size_t k = 0;
  for (size_t i = 0; i < p->count; i++) {
    while (k < 6 && p->slides[i].kind != order[k]) k++;
    assert_true(k < 6);
    assert_true(p->slides[i].part < p->slides[i].parts);
  }
  assert_null(p->slides[0].heading);
  assert_string_equal(p->slides[1].heading, "Key figures");
  deck_plan_free(p);
}

/* Loads a meeting plan. */
static const bd_report *meeting(fixture *f, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", MEETING_DIR, name);
  FILE *in = fopen(path, "rb");
  if (in == NULL) fail_msg("cannot open %s", path);
  static char yaml[1 << 20];
  size_t len = fread(yaml, 1, sizeof yaml, in);
  fclose(in);
  return analyse(f, path, yaml, len);
}

/* The loss matrix of a long plan: its slides cover every row once, in
 * order; none ends on a group header (a loss or failure type); every
 * slide but the last is "continued" from the one before. */
static void matrix_rules(void **state) {
  fixture *f = *state;
  const bd_report *r = meeting(f, "long-en.yaml");
  deck_plan *p = plan_of(f, r);
  size_t first = 0, n = view(p, DECK_SLIDE_MATRIX, &first), next = 0;
  assert_true(n > 3);
  for (size_t k = 0; k < n; k++) {
    const deck_slide *s = &p->slides[first + k];
    assert_int_equal(s->first, next);
    assert_true(s->count > 0);
    next = s->first + s->count;
    if (k + 1 < n) assert_int_equal(r->matrix_rows[next - 1]->type, BD_ROW_SCENARIO);
    assert_int_equal(s->last, k + 1 == n);
  }
  assert_int_equal(next, r->matrix_row_count);
  deck_plan_free(p);
}

/* The heatmap of the Japanese meeting plan (19 scenarios) is one slide. */
static void heatmap_one_slide(void **state) {
  fixture *f = *state;
  const bd_report *r = meeting(f, "shinsa-ja.yaml");
  deck_plan *p = plan_of(f, r);
  size_t first = 0;
  assert_int_equal(view(p, DECK_SLIDE_COVERAGE, &first), 1);
  const deck_slide *s = &p->slides[first];
  assert_int_equal(s->panel_end[s->panels - 1], r->matrix_row_count);
  deck_plan_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(decisions_cut_by_hand, setup, teardown),
      cmocka_unit_test_setup_teardown(tree_cut_by_hand, setup, teardown),
      cmocka_unit_test_setup_teardown(heatmap_dense_by_hand, setup, teardown),
      cmocka_unit_test_setup_teardown(order_of_the_views, setup, teardown),
      cmocka_unit_test_setup_teardown(matrix_rules, setup, teardown),
      cmocka_unit_test_setup_teardown(heatmap_one_slide, setup, teardown),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  bd_catalogue_free(catalogue);
  return failed;
}
