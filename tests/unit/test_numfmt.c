/* test_numfmt.c - exact number output, people's formats and the message
 * catalogue, under a foreign locale too. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalogue.h"
#include "numfmt.h"

/* Formats v with bd_format_number and compares with want. */
static void expect_number(double v, const char *want) {
  char buf[64];
  size_t n = bd_format_number(v, buf, sizeof buf);
  assert_string_equal(buf, want);
  assert_int_equal(n, strlen(want));
}

static void test_number_shortest_round_trip(void **state) {
  (void)state;
  expect_number(0, "0");
  expect_number(-0.0, "0");
  expect_number(300000, "300000");
  expect_number(1.5, "1.5");
  expect_number(0.1, "0.1");
  expect_number(0.1 + 0.2, "0.30000000000000004");
  expect_number(1.0 / 3, "0.3333333333333333");
  expect_number(1612666.6666666667, "1612666.6666666667");
  expect_number(1e21, "1e+21");
  expect_number(9007199254740991.0, "9007199254740991");
  expect_number(0.0 / 0.0, "null");
  expect_number(1.0 / 0.0, "null");
  /* every printed value reads back exactly */
  double values[] = {126666.66666666667, 2.0 / 3, 1e-7, 123456.789, 5e-324};
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
    char buf[64];
    bd_format_number(values[i], buf, sizeof buf);
    assert_true(bd_strtod_c(buf, NULL) == values[i]);
  }
}

/* The reference bd_format_number must agree with: %.15g, %.16g, then
 * %.17g, the first that reads back as v (the C locale is in force). */
static void reference_number(double v, char *buf, size_t size) {
  if (v == 0) v = 0;
  if (v == floor(v) && fabs(v) < 9007199254740992.0) {
    snprintf(buf, size, "%.17g", v);
    return;
  }
  for (int precision = 15; precision <= 17; precision++) {
    snprintf(buf, size, "%.*g", precision, v);
    if (strtod(buf, NULL) == v) return;
  }
}

/* A small deterministic generator (xorshift64). */
static uint64_t next_random(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

static void test_number_matches_printf(void **state) {
  (void)state;
  uint64_t seed = 88172645463325252u;
  for (int i = 0; i < 300000; i++) {
    uint64_t r = next_random(&seed);
    double v;
    switch (i % 5) {
    case 0: /* any magnitude the fast paths cover, and beyond */
      v = ldexp((double)(next_random(&seed) >> 11) / 9007199254740992.0 + 0.5, (int)(r % 80) - 20);
      break;
    case 1: /* short decimals */
      v = (double)(r % 100000000) / pow(10, (double)(next_random(&seed) % 9));
      break;
    case 2: /* figures as the analysis computes them */
      v = (double)(r % 100000) * ((double)(next_random(&seed) % 1000) / 60.0) / 12.0;
      break;
    case 3: /* exact halves and quarters: rounding ties at 15 and 16 digits */
      v = ldexp((double)((r % ((uint64_t)1 << 49)) * 2 + 1), -(int)(next_random(&seed) % 4) - 1);
      break;
    default: /* any bit pattern */
      memcpy(&v, &r, sizeof v);
      if (!isfinite(v)) v = 1;
      break;
    }
    if (next_random(&seed) & 1) v = -v;
    char got[64], want[64];
    size_t n = bd_format_number(v, got, sizeof got);
    reference_number(v, want, sizeof want);
    if (strcmp(got, want) != 0) fail_msg("%.17g: got %s, want %s", v, got, want);
    assert_int_equal(n, strlen(want));
  }
}

static void test_number_ignores_locale(void **state) {
  (void)state;
  /* de_DE uses a decimal comma; dev.sh generates the locale. */
  assert_non_null(setlocale(LC_ALL, "de_DE.UTF-8"));
  expect_number(1.5, "1.5");
  char *end;
  assert_true(bd_strtod_c("1.5", &end) == 1.5);
  assert_int_equal(*end, '\0');
  char buf[64];
  bd_format_amount(1234567.5, "EUR", 0, buf, sizeof buf);
  assert_string_equal(buf, "EUR 1,234,568");
  bd_format_share(0.375, buf, sizeof buf);
  assert_string_equal(buf, "37.5%");
  setlocale(LC_ALL, "C");
}

static void test_amounts(void **state) {
  (void)state;
  char buf[64];
  struct {
    double v;
    int compact;
    const char *want;
  } cases[] = {
      {0, 0, "JPY 0"},          {999, 0, "JPY 999"},
      {1000, 0, "JPY 1,000"},   {1234567.4, 0, "JPY 1,234,567"},
      {-2500, 0, "JPY -2,500"}, {999, 1, "JPY 999"},
      {1200, 1, "JPY 1.2K"},    {12345, 1, "JPY 12K"},
      {1234567, 1, "JPY 1.2M"}, {999999, 1, "JPY 1.0M"},
      {25e9, 1, "JPY 25B"},     {3.2e12, 1, "JPY 3.2T"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    bd_format_amount(cases[i].v, "JPY", cases[i].compact, buf, sizeof buf);
    assert_string_equal(buf, cases[i].want);
  }
  bd_format_amount(1500, NULL, 0, buf, sizeof buf);
  assert_string_equal(buf, "1,500");
  /* printf's rounding: ties to even, and the exact value of the double */
  struct {
    double v;
    int compact;
    const char *want;
  } rounding[] = {
      {0.5, 0, "0"},         {1.5, 0, "2"},
      {2.5, 0, "2"},         {-0.5, 0, "0"},
      {-2.5, 0, "-2"},       {1250, 1, "1.2K"},
      {1350, 1, "1.4K"},     {2250, 1, "2.2K"},
      {9949.99, 1, "9.9K"},  {9950, 1, "10K"},
      {999499, 1, "999K"},   {999500, 1, "1.0M"},
      {1.35e15, 1, "1350T"}, {1e20, 0, "100000000000000000000"},
  };
  for (size_t i = 0; i < sizeof rounding / sizeof rounding[0]; i++) {
    bd_format_amount(rounding[i].v, NULL, rounding[i].compact, buf, sizeof buf);
    assert_string_equal(buf, rounding[i].want);
  }
}

static void test_durations_and_shares(void **state) {
  (void)state;
  char buf[64];
  struct {
    double h;
    const char *want;
  } d[] = {{0, "0m"}, {30.0 / 3600, "30s"}, {0.75, "45m"}, {4.5, "4h 30m"},
           {1, "1h"}, {27, "1d 3h"},        {72, "3d"},    {72 + 1.0 / 6, "3d"}};
  for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
    bd_format_duration(d[i].h, buf, sizeof buf);
    assert_string_equal(buf, d[i].want);
  }
  struct {
    double s;
    const char *want;
  } s[] = {{0, "0%"},    {0.375, "37.5%"},  {1, "100%"},
           {0.05, "5%"}, {0.0004, "0.04%"}, {0.123, "12.3%"}};
  for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
    bd_format_share(s[i].s, buf, sizeof buf);
    assert_string_equal(buf, s[i].want);
  }
}

/* Writes text to a temporary file and returns its path (static buffer). */
static const char *temp_file(const char *text) {
  static char path[] = "/tmp/badday-cat-XXXXXX";
  strcpy(path, "/tmp/badday-cat-XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs(text, f);
  fclose(f);
  return path;
}

static void test_catalogue(void **state) {
  (void)state;
  const char *path = temp_file("# comment\n\nheading.summary\tSummary\tサマリー\n"
                               "cell.none\tNone\n");
  bd_catalogue *cat = NULL;
  char err[256];
  assert_int_equal(bd_catalogue_load(path, &cat, err, sizeof err), 0);
  assert_int_equal(bd_catalogue_size(cat), 2);
  assert_string_equal(bd_catalogue_get(cat, "en", "heading.summary"), "Summary");
  assert_string_equal(bd_catalogue_get(cat, "ja", "heading.summary"), "サマリー");
  assert_string_equal(bd_catalogue_get(cat, "ja", "cell.none"), "None"); /* English fallback */
  assert_string_equal(bd_catalogue_get(cat, "en", "no.such.key"), "no.such.key");
  bd_catalogue_free(cat);
  unlink(path);

  path = temp_file("a\tA\nbroken line without tab\n");
  assert_int_equal(bd_catalogue_load(path, &cat, err, sizeof err), -1);
  assert_non_null(strstr(err, ":2: expected KEY<TAB>ENGLISH"));
  unlink(path);
  path = temp_file("a\tA\na\tB\n");
  assert_int_equal(bd_catalogue_load(path, &cat, err, sizeof err), -1);
  assert_non_null(strstr(err, "defined twice"));
  unlink(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_number_shortest_round_trip),
      cmocka_unit_test(test_number_matches_printf),
      cmocka_unit_test(test_number_ignores_locale),
      cmocka_unit_test(test_amounts),
      cmocka_unit_test(test_durations_and_shares),
      cmocka_unit_test(test_catalogue),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
