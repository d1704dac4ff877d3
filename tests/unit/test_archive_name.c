/* test_archive_name.c - service names made into archive file names: NFC,
 * kept letters and digits, everything else replaced (issue 18.8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cli/archive_name.h"

/* Makes name a file name and compares with want. */
static void expect_name(const char *name, const char *want) {
  char buf[128];
  bd_archive_file_name(name, buf, sizeof buf);
  assert_string_equal(buf, want);
}

static void test_ascii(void **state) {
  (void)state;
  expect_name("Smart Receipt Manager", "Smart-Receipt-Manager");
  expect_name("../../etc/passwd", "etc-passwd");
  expect_name(".hidden/../x", "hidden-x");
  expect_name("api_v2.1-beta", "api_v2.1-beta");
  expect_name("a..b", "a-b");
  expect_name("trailing. ", "trailing");
  expect_name("", "plan");
  expect_name("///", "plan");
}

static void test_nfc(void **state) {
  (void)state;
  /* "café" composed and decomposed (e + U+0301) are one file name. */
  expect_name("caf\xC3\xA9", "caf\xC3\xA9");
  expect_name("cafe\xCC\x81", "caf\xC3\xA9");
  /* a + U+0323 + U+0302 -> U+1EA1 -> U+1EAD (two marks, canonical order) */
  expect_name("a\xCC\xA3\xCC\x82", "\xE1\xBA\xAD");
  /* ka + dakuten (U+304B U+3099) -> ga (U+304C); ha + handakuten -> pa */
  expect_name("\xE3\x81\x8B\xE3\x82\x99", "\xE3\x81\x8C");
  expect_name("\xE3\x81\xAF\xE3\x82\x9A", "\xE3\x81\xB1");
  /* Hangul jamo L + V + T -> one syllable (U+1112 U+1161 U+11AB -> U+D55C) */
  expect_name("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "\xED\x95\x9C");
  /* Japanese stays as it is; the ideographic space becomes '-' */
  expect_name("\xE7\xB5\x8C\xE8\xB2\xBB\xE3\x80\x80\xE7\xB2\xBE\xE7\xAE\x97",
              "\xE7\xB5\x8C\xE8\xB2\xBB-\xE7\xB2\xBE\xE7\xAE\x97");
}

static void test_hostile(void **state) {
  (void)state;
  /* RIGHT-TO-LEFT OVERRIDE: "invoice<RLO>fdp.exe" must not keep the RLO */
  expect_name("invoice\xE2\x80\xAE"
              "fdp.exe",
              "invoice-fdp.exe");
  /* zero-width space, joiner, BOM, LRI..PDI */
  expect_name("pay\xE2\x80\x8Bments", "pay-ments");
  expect_name("pay\xE2\x80\x8Dments\xEF\xBB\xBF", "pay-ments");
  expect_name("\xE2\x81\xA6svc\xE2\x81\xA9", "svc");
  /* look-alike slashes: U+2215, U+FF0F, U+2044, U+29F8 */
  expect_name("a\xE2\x88\x95"
              "b",
              "a-b");
  expect_name("a\xEF\xBC\x8F"
              "b",
              "a-b");
  expect_name("a\xE2\x81\x84"
              "b",
              "a-b");
  expect_name("a\xE2\xA7\xB8"
              "b",
              "a-b");
  /* emoji, with a variation selector and a skin tone */
  expect_name("pay\xF0\x9F\x92\xB8"
              "ments",
              "pay-ments");
  expect_name("ok\xE2\x9C\x85\xEF\xB8\x8F", "ok");
  expect_name("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"
              "x",
              "x");
  /* line separator, no-break space, C1 control, a malformed byte */
  expect_name("a\xE2\x80\xA8"
              "b\xC2\xA0"
              "c\xC2\x85"
              "d\xFF"
              "e",
              "a-b-c-d-e");
  /* a fullwidth full stop is not a '.' */
  expect_name("a\xEF\xBC\x8E"
              "b",
              "a-b");
}

static void test_length(void **state) {
  (void)state;
  char name[400], want[101];
  memset(name, 'x', 300);
  name[300] = '\0';
  memset(want, 'x', 100);
  want[100] = '\0';
  expect_name(name, want);
  /* 40 three-byte characters: 33 fit in 100 bytes, none is cut */
  name[0] = '\0';
  for (int i = 0; i < 40; i++) strcat(name, "\xE7\xB5\x8C");
  char buf[128];
  bd_archive_file_name(name, buf, sizeof buf);
  assert_int_equal(strlen(buf), 99);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ascii),
      cmocka_unit_test(test_nfc),
      cmocka_unit_test(test_hostile),
      cmocka_unit_test(test_length),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
