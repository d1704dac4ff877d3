/* test_pdf_breaks.c - where the pdf plugin may break a line of plan text:
 * never inside a katakana run, a Latin word or a number with its counter;
 * Japanese elsewhere between characters; the runs pango is told to keep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pdf_breaks.h"

/* Checks the break opportunities of s against want: one character of want
 * per character of s, '|' where a line may break before it, '.' where not. */
static void expect_breaks(const char *s, const char *want) {
  unsigned char may[256];
  size_t n = pdf_break_opportunities(s, may, sizeof may);
  char got[257];
  for (size_t k = 0; k < n; k++) got[k] = may[k] ? '|' : '.';
  got[n] = '\0';
  if (strcmp(got, want) != 0) fprintf(stderr, "%s: got %s, want %s\n", s, got, want);
  assert_string_equal(got, want);
}

static void test_katakana_runs_stay_whole(void **state) {
  (void)state;
  expect_breaks("バジェット消費", ".....||");
  expect_breaks("年間ダウンタイム", "..|.....");
  expect_breaks("年間コスト", "..|..");
  expect_breaks("カバレッジ", ".....");
  expect_breaks("（プラットフォーム部）", ".........|.");
  expect_breaks("ワンクリック・ロールバック", ".............");
  expect_breaks("予算消費", ".|||");
}

static void test_numbers_keep_their_counters(void **state) {
  (void)state;
  expect_breaks("30日", "...");
  expect_breaks("8,808万円", ".......");
  expect_breaks("99.95%", "......");
  expect_breaks("毎月3時間の作業", ".||..|||");
  expect_breaks("現在の年間損失", ".|||.||");
  expect_breaks("３回", "..");
}

static void test_latin_words_and_spaces(void **state) {
  (void)state;
  expect_breaks("Cloud Run", "......|..");
  expect_breaks("OSアップデート", "..|.....");
  expect_breaks("eKYCの障害", "....|||");
  expect_breaks("read-only", ".....|...");
}

/* Collects the kept runs of pdf_break_kept_runs as "start-end," text. */
static void note_run(void *ctx, size_t start, size_t end) {
  char *buf = ctx;
  snprintf(buf + strlen(buf), 64, "%zu-%zu,", start, end);
}

static void test_kept_runs_for_pango(void **state) {
  (void)state;
  char buf[256] = "";
  pdf_break_kept_runs("plain ascii 30d", note_run, buf);
  assert_string_equal(buf, "");
  /* バジェット: 5 characters of 3 bytes; "0日" (pango keeps "30" whole)
   * starts at byte 23, after "消費 3" */
  pdf_break_kept_runs("バジェット消費 30日", note_run, buf);
  assert_string_equal(buf, "0-15,23-27,");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_katakana_runs_stay_whole),
      cmocka_unit_test(test_numbers_keep_their_counters),
      cmocka_unit_test(test_latin_words_and_spaces),
      cmocka_unit_test(test_kept_runs_for_pango),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
