/* test_deck_trend.c - the Trend view's decisions (plugins/deck/deck_trend.h),
 * against values worked out by hand: the panels, the value axes, where the
 * points sit, which periods get a label, and the words every writer
 * shows (en and ja, through the real catalogue and display rules). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/numfmt.h"
#include "deck/deck_trend.h"
#include "output/catalogue.h"

static bd_catalogue *catalogue;
static const char *language = "en";

static const char *message(bd_output *out, const char *key) {
  (void)out;
  const char *s = bd_catalogue_get(catalogue, language, key);
  return s ? s : key;
}

/* Six quarters of tests/history/make-archive.sh: now 4000 .. 12000,
 * planned 2000 .. 12000, budget 4 or 2 of 8.76 h, coverage 0 then 25%. */
static bd_history_point points[6];
static const bd_history_point *list[6];
static bd_history history = {sizeof history, "archive", list, 6};
static bd_report report;

static void make_history(void) {
  static const char *const periods[6] = {"2024-Q3", "2024-Q4", "2025-Q1",
                                         "2025-Q2", "2025-Q3", "2025-Q4"};
  static const double now[6] = {4000, 8000, 12000, 16000, 10000, 12000};
  static const double planned[6] = {2000, 4000, 6000, 8000, 10000, 12000};
  for (int i = 0; i < 6; i++) {
    bd_history_point *p = &points[i];
    memset(p, 0, sizeof *p);
    p->struct_size = sizeof *p;
    p->period = periods[i];
    p->as_of = "2025-01-01";
    p->this_report = i == 5;
    p->has_money = 1;
    p->eal_now = now[i];
    p->eal_planned = planned[i];
    p->has_budget = 1;
    p->budget_used = (i < 4 ? 4 : 2) / 8.76;
    p->coverage = i < 4 ? 0 : 0.25;
    p->decisions = i < 4;
    list[i] = p;
  }
  history.point_count = 6;
  memset(&report, 0, sizeof report);
  report.struct_size = sizeof report;
  report.currency = "USD";
  report.history = &history;
}

static bd_host host;
static bd_render_request request;

static int setup(void **state) {
  (void)state;
  char err[512];
  if (bd_catalogue_load(TEMPLATE_DIR "/messages.tsv", &catalogue, err, sizeof err) != 0) {
    print_error("%s\n", err);
    return -1;
  }
  host.struct_size = sizeof host;
  host.message = message;
  host.format_money = bd_format_money;
  host.format_share = bd_format_share;
  request.struct_size = sizeof request;
  request.report = &report;
  request.lang = "en";
  return 0;
}

static void test_history_needs_two_points(void **state) {
  (void)state;
  make_history();
  assert_ptr_equal(deck_trend_history(&report), &history);
  history.point_count = 1; /* nothing archived before this report */
  assert_null(deck_trend_history(&report));
  report.history = NULL;
  assert_null(deck_trend_history(&report));
}

static void test_panels(void **state) {
  (void)state;
  make_history();
  deck_trend_panel panels[DECK_TREND_PANELS];
  size_t columns, rows;
  assert_int_equal(deck_trend_panels(&history, panels), 4);
  assert_int_equal(panels[1], DECK_TREND_PANEL_BUDGET);
  deck_trend_grid(4, &columns, &rows);
  assert_true(columns == 2 && rows == 2);
  for (int i = 0; i < 6; i++) points[i].has_budget = 0; /* no SLO anywhere */
  assert_int_equal(deck_trend_panels(&history, panels), 3);
  assert_int_equal(panels[1], DECK_TREND_PANEL_COVERAGE);
  deck_trend_grid(3, &columns, &rows);
  assert_true(columns == 3 && rows == 1);
}

static void test_axes(void **state) {
  (void)state;
  make_history();
  double step;
  /* money: top 16000, a step of 16000/4 = 4000 rounds to 5000: 0..20000 */
  assert_true(deck_trend_axis_end(&history, DECK_TREND_PANEL_LOSS, &step) == 20000);
  assert_true(step == 5000);
  /* shares: 0..100% by 25% */
  assert_true(deck_trend_axis_end(&history, DECK_TREND_PANEL_COVERAGE, &step) == 1);
  assert_true(step == 0.25);
  /* an overspent error budget (130%) widens the axis to 150% */
  points[2].budget_used = 1.3;
  assert_true(deck_trend_axis_end(&history, DECK_TREND_PANEL_BUDGET, &step) == 1.5);
  /* decisions: whole numbers, at least 0..1 */
  assert_true(deck_trend_axis_end(&history, DECK_TREND_PANEL_DECISIONS, &step) == 1);
  assert_true(step == 1);
  points[0].decisions = 9; /* top 9: 9/4 = 2.25 rounds to a step of 5, end 10 */
  assert_true(deck_trend_axis_end(&history, DECK_TREND_PANEL_DECISIONS, &step) == 10);
  assert_true(step == 5);
  points[0].decisions = 4; /* up to 4: every whole number */
  assert_true(deck_trend_axis_end(&history, DECK_TREND_PANEL_DECISIONS, &step) == 4);
  assert_true(step == 1);
}

static void test_hostile_figures(void **state) {
  (void)state;
  make_history();
  double v, step;
  /* an edited archive: an infinite loss, a NaN share, an absurd count */
  points[0].eal_now = 1.0 / 0.0;
  points[1].coverage = 0.0 / 0.0;
  points[2].eal_planned = 1.7e308;
  assert_false(deck_trend_value(&points[0], DECK_TREND_NOW, &v));
  assert_false(deck_trend_value(&points[1], DECK_TREND_COVERAGE, &v));
  assert_false(deck_trend_value(&points[2], DECK_TREND_PLANNED, &v));
  /* left out, the rest scales as before */
  assert_true(deck_trend_axis_end(&history, DECK_TREND_PANEL_LOSS, &step) == 20000);
  /* every axis keeps a handful of steps, however large its top */
  static const double tops[] = {0, 0.3, 1, 1.3, 5, 37, 1e4, 1e9, 1e15};
  for (deck_trend_panel p = 0; p < DECK_TREND_PANELS; p++)
    for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++) {
      double end = deck_trend_scale(p, tops[i], &step);
      assert_true(end >= tops[i] && step > 0 && end / step <= 10);
    }
  /* an overspent budget of 500%: 0 to 600% by 200% */
  assert_true(deck_trend_scale(DECK_TREND_PANEL_BUDGET, 5, &step) == 6 && step == 2);
  /* a period name too long for an axis: labelled by its as_of date */
  points[3].period = "A review period whose name runs on and on";
  assert_string_equal(deck_trend_label(&points[3]), "2025-01-01");
  points[3].period =
      "\xe7\xac\xac\xe4\xb8\x80\xe5\x9b\x9b\xe5\x8d\x8a\xe6\x9c\x9f"; /* 第一四半期: 5 */
  assert_ptr_equal(deck_trend_label(&points[3]), points[3].period);
}

static void test_positions(void **state) {
  (void)state;
  assert_true(deck_trend_x(0, 6) == 0 && deck_trend_x(5, 6) == 1 && deck_trend_x(2, 5) == 0.5);
  assert_true(deck_trend_x(0, 1) == 0.5);
  assert_true(deck_trend_y(5000, 20000) == 0.25 && deck_trend_y(-1, 10) == 0);
  assert_true(deck_trend_y(30, 20) == 1);
}

static void test_labels(void **state) {
  (void)state;
  /* six periods, room for eight: all labelled */
  for (size_t i = 0; i < 6; i++) assert_true(deck_trend_labelled(i, 6, 8));
  /* twenty periods, room for six: the first, the last, every 5th between
   * (0, 5, 10, 15 and 19): never more than six, never one beside the last */
  size_t count = 0;
  for (size_t i = 0; i < 20; i++) count += (size_t)deck_trend_labelled(i, 20, 6);
  assert_true(count <= 6 && count >= 4);
  assert_true(deck_trend_labelled(0, 20, 6) && deck_trend_labelled(19, 20, 6));
  assert_false(deck_trend_labelled(18, 20, 6));
  for (size_t n = 2; n < 60; n++) {
    size_t shown = 0, last = 0;
    for (size_t i = 0; i < n; i++)
      if (deck_trend_labelled(i, n, 7)) {
        if (i) assert_true(i - last >= 2 || n <= 7); /* never two side by side when cut */
        last = i;
        shown++;
      }
    assert_true(shown <= 7);
  }
}

static void test_words(void **state) {
  (void)state;
  make_history();
  char buf[512];
  language = "en";
  deck_trend_reading(&host, &request, &report, DECK_TREND_PANEL_LOSS, buf, sizeof buf);
  assert_string_equal(buf,
                      "Now USD 12K \xc2\xb7 Planned USD 12K (2024-Q3: USD 4.0K \xc2\xb7 USD 2.0K)");
  deck_trend_reading(&host, &request, &report, DECK_TREND_PANEL_COVERAGE, buf, sizeof buf);
  assert_string_equal(buf, "Coverage 25% \xc2\xb7 Verified 0% (2024-Q3: 0% \xc2\xb7 0%)");
  deck_trend_reading(&host, &request, &report, DECK_TREND_PANEL_DECISIONS, buf, sizeof buf);
  assert_string_equal(buf, "0 (2024-Q3: 1)");
  points[0].has_money = 0; /* another currency: no figure */
  deck_trend_description(&host, &request, &report, DECK_TREND_PANEL_LOSS, buf, sizeof buf);
  assert_true(
      strncmp(buf,
              "Yearly loss: 2024-Q3 Now \xe2\x80\x93, Planned \xe2\x80\x93; 2024-Q4 Now USD 8.0K",
              strlen("Yearly loss: 2024-Q3 Now \xe2\x80\x93, Planned \xe2\x80\x93; 2024-Q4 Now USD "
                     "8.0K")) == 0);
  /* cut at a whole period: the newest that fit, this report last */
  char small[60];
  deck_trend_description(&host, &request, &report, DECK_TREND_PANEL_DECISIONS, small, sizeof small);
  assert_string_equal(small, "Decisions needed: \xe2\x80\xa6; 2025-Q2 1; 2025-Q3 0; 2025-Q4 0");
  /* a reading cut by its buffer never ends inside a character */
  char cut[25];
  request.lang = "ja";
  language = "ja";
  deck_trend_reading(&host, &request, &report, DECK_TREND_PANEL_LOSS, cut, sizeof cut);
  size_t len = strlen(cut);
  assert_true(len > 0 && len < sizeof cut);
  unsigned char last = (unsigned char)cut[len - 1];
  assert_true(last < 0x80 || (last & 0xC0) == 0x80); /* ASCII, or a sequence's last byte */
  for (size_t i = 0; i < len;) {                     /* and every sequence whole */
    unsigned char c = (unsigned char)cut[i];
    size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    assert_true(i + k <= len);
    i += k;
  }
  request.lang = "en";
  language = "en";
  request.lang = "ja";
  language = "ja";
  deck_trend_reading(&host, &request, &report, DECK_TREND_PANEL_LOSS, buf, sizeof buf);
  assert_non_null(strstr(buf, "\xe7\x8f\xbe\xe7\x8a\xb6")); /* 現状 */
  assert_null(strstr(buf, "Now"));
  language = "en";
  request.lang = "en";
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_history_needs_two_points),
      cmocka_unit_test(test_panels),
      cmocka_unit_test(test_axes),
      cmocka_unit_test(test_hostile_figures),
      cmocka_unit_test(test_positions),
      cmocka_unit_test(test_labels),
      cmocka_unit_test(test_words),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
