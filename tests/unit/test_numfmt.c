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

#include "output/catalogue.h"
#include "badday/plugin.h"
#include "base/numfmt.h"

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

/* One case of bd_format_money: v in currency, compact flags and language. */
typedef struct money_case {
  double v;
  const char *currency;
  int flags;
  const char *lang;
  const char *want;
} money_case;

/* Formats every case and compares, naming the case that differs. */
static void expect_money(const money_case *cases, size_t count) {
  char buf[64];
  for (size_t i = 0; i < count; i++) {
    const money_case *c = &cases[i];
    size_t n = bd_format_money(c->v, c->currency, c->flags, c->lang, buf, sizeof buf);
    if (strcmp(buf, c->want) != 0)
      fail_msg("%.17g %s flags %d %s: got '%s', want '%s'", c->v, c->currency ? c->currency : "-",
               c->flags, c->lang ? c->lang : "-", buf, c->want);
    assert_int_equal(n, strlen(c->want));
  }
}

#define C    BD_MONEY_COMPACT
#define BARE BD_MONEY_BARE

/* Rule 3: whole units, "," every three digits, half away from zero. */
static void test_amounts_full(void **state) {
  (void)state;
  static const money_case cases[] = {
      {0, "USD", 0, "en", "USD 0"},
      {999, "USD", 0, "en", "USD 999"},
      {1000, "USD", 0, "en", "USD 1,000"},
      {52500, "USD", 0, "en", "USD 52,500"},
      {1234567.4, "JPY", 0, "en", "JPY 1,234,567"},
      {1234567.5, "JPY", 0, "en", "JPY 1,234,568"},
      {0.5, NULL, 0, "en", "1"},
      {1.5, NULL, 0, "en", "2"},
      {2.5, NULL, 0, "en", "3"}, /* printf's ties-to-even gave "2" */
      {0.49999999999999994, NULL, 0, "en", "0"},
      {-0.4, NULL, 0, "en", "0"}, /* no "-0" */
      {-0.5, NULL, 0, "en", "-1"},
      {-2500, "JPY", 0, "en", "JPY -2,500"},
      {999999999999999, NULL, 0, "en", "999,999,999,999,999"},
      {1e20, NULL, 0, "en", "100000000000000000000"}, /* beyond the contract: printf's digits */
      {1500, NULL, 0, NULL, "1,500"},
      {1500, "USD", BARE, "en", "1,500"},
  };
  expect_money(cases, sizeof cases / sizeof cases[0]);
  char buf[64];
  bd_format_amount(2.5, "EUR", 0, buf, sizeof buf); /* the ABI 1.0 service: English */
  assert_string_equal(buf, "EUR 3");
  bd_format_amount(52500, "JPY", 1, buf, sizeof buf);
  assert_string_equal(buf, "JPY 53K");
}

/* Rule 4: K, M, B, T with the mantissa in [1, 1000) after rounding. */
static void test_amounts_compact(void **state) {
  (void)state;
  static const money_case cases[] = {
      {999, "USD", C, "en", "USD 999"},
      {999.4, "USD", C, "en", "USD 999"},
      {999.5, "USD", C, "en", "USD 1.0K"}, /* rounded to 1,000 first */
      {1200, "USD", C, "en", "USD 1.2K"},
      {1250, NULL, C, "en", "1.3K"}, /* half away from zero, not "1.2K" */
      {1350, NULL, C, "en", "1.4K"},
      {2250, NULL, C, "en", "2.3K"},
      {9949.4, NULL, C, "en", "9.9K"},
      {9949.99, NULL, C, "en", "10K"}, /* whole units first: 9,950 */
      {9950, NULL, C, "en", "10K"},
      {12345, "USD", C, "en", "USD 12K"},
      {52500, "USD", C, "en", "USD 53K"}, /* binary half-even gave "52K" */
      {79500, "USD", C, "en", "USD 80K"},
      {880000, "USD", C, "en", "USD 880K"},
      {999499, NULL, C, "en", "999K"},
      {999500, NULL, C, "en", "1.0M"},
      {999999, "JPY", C, "en", "JPY 1.0M"},
      {1150000, "USD", C, "en", "USD 1.2M"},
      {1234567, "USD", C, "en", "USD 1.2M"},
      {120e6, "USD", C, "en", "USD 120M"},
      {25e9, "USD", C, "en", "USD 25B"},
      {3.2e12, "USD", C, "en", "USD 3.2T"},
      {1.35e15, NULL, C, "en", "1,350T"},
      {-52500, "USD", C, "en", "USD -53K"},
      {-999500, NULL, C, "en", "-1.0M"},
      {52500, "USD", C | BARE, "en", "53K"},
      /* any currency but the yen, or English, keeps the code and K/M/B/T */
      {1150000, "USD", C, "ja", "USD 1.2M"},
      {88080000, "JPY", C, "en", "JPY 88M"},
      {88080000, "EUR", 0, "ja", "EUR 88,080,000"},
  };
  expect_money(cases, sizeof cases / sizeof cases[0]);
}

/* Rule 5: the yen in Japanese, with 円 after and 万, 億, 兆. */
static void test_amounts_yen_in_japanese(void **state) {
  (void)state;
  static const money_case cases[] = {
      {88080000, "JPY", 0, "ja", "88,080,000円"},
      {2.5, "JPY", 0, "ja", "3円"},
      {-2500, "JPY", 0, "ja", "-2,500円"},
      {9500, "JPY", C, "ja", "9,500円"},
      {9999.4, "JPY", C, "ja", "9,999円"},
      {9999.5, "JPY", C, "ja", "1万円"},
      {15000, "JPY", C, "ja", "2万円"}, /* whole 万, half away from zero */
      {88080000, "JPY", C, "ja", "8,808万円"},
      {88085000, "JPY", C, "ja", "8,809万円"},
      {99994999, "JPY", C, "ja", "9,999万円"},
      {99995000, "JPY", C, "ja", "1.0億円"}, /* rounding reaches 1億 */
      {120000000, "JPY", C, "ja", "1.2億円"},
      {125000000, "JPY", C, "ja", "1.3億円"},
      {450000000, "JPY", C, "ja", "4.5億円"},
      {994999999, "JPY", C, "ja", "9.9億円"},
      {995000000, "JPY", C, "ja", "10億円"},
      {999950000, "JPY", C, "ja", "10億円"},
      {4500000000, "JPY", C, "ja", "45億円"},
      {123400000000, "JPY", C, "ja", "1,234億円"},
      {999950000000, "JPY", C, "ja", "1.0兆円"},
      {1.2e12, "JPY", C, "ja", "1.2兆円"},
      {45e12, "JPY", C, "ja", "45兆円"},
      {-88080000, "JPY", C, "ja", "-8,808万円"},
      {88080000, "JPY", C | BARE, "ja", "8,808万"},
      {88080000, "JPY", BARE, "ja", "88,080,000"},
      {88080000, NULL, C, "ja", "88M"}, /* no currency: no yen units */
  };
  expect_money(cases, sizeof cases / sizeof cases[0]);
}

static void test_slo(void **state) {
  (void)state;
  struct {
    double slo;
    const char *want;
  } cases[] = {{99.95, "99.95%"}, {99.99, "99.99%"}, {99.999, "99.999%"}, {99.9, "99.9%"},
               {99, "99%"},       {99.5, "99.5%"},   {90, "90%"},         {99.9999, "99.9999%"}};
  char buf[64];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t n = bd_format_slo(cases[i].slo, buf, sizeof buf);
    assert_string_equal(buf, cases[i].want);
    assert_int_equal(n, strlen(cases[i].want));
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
  } s[] = {
      {0, "0%"},
      {1, "100%"},
      {-1, "-100%"},
      {0.375, "37.5%"},
      {0.123, "12.3%"},
      {0.12345, "12.3%"},
      {0.12355, "12.4%"}, /* the decimal 12.355 rounds up */
      {0.00125, "0.13%"}, /* 0.125 half away from zero; %.2g gave "0.12" */
      {0.001005, "0.1%"}, /* 0.1005 -> 0.10 -> "0.1" */
      {0.00105, "0.11%"},
      {0.05, "5%"},
      {0.0004, "0.04%"},
      {0.00045, "0.05%"},
      {0.0995, "10%"},
      {0.000996, "0.1%"},
      {2.208578, "220.9%"},
      {0.99996, "99.996%"}, /* not "100%" */
      {0.9995, "99.95%"},
      {0.99999999, "99.999999%"},
      {1.0000001, "100.00001%"},
      {0.000004, "0.0004%"},
      {-0.0000001, "-0.00001%"}, /* not "0%" */
      {-0.375, "-37.5%"},
  };
  for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
    size_t n = bd_format_share(s[i].s, buf, sizeof buf);
    if (strcmp(buf, s[i].want) != 0) fail_msg("%.17g: got '%s', want '%s'", s[i].s, buf, s[i].want);
    assert_int_equal(n, strlen(s[i].want));
  }
  /* a buffer too small keeps a terminated prefix */
  char small[4];
  bd_format_share(0.375, small, sizeof small);
  assert_string_equal(small, "37.");
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
      cmocka_unit_test(test_amounts_full),
      cmocka_unit_test(test_amounts_compact),
      cmocka_unit_test(test_amounts_yen_in_japanese),
      cmocka_unit_test(test_slo),
      cmocka_unit_test(test_durations_and_shares),
      cmocka_unit_test(test_catalogue),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
