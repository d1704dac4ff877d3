/*
 * test_values.c - unit tests of the value parsers (src/values.h): every
 * value type with accepted and rejected forms, dates, edit distance, and the
 * quoting of text in messages (base/quote.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/quote.h"
#include "plan/values.h"

/* Asserts that got equals want within a relative 1e-12 (exactly for 0). */
#define assert_close(got, want)                                                                    \
  do {                                                                                             \
    double g_ = (got), w_ = (want), d_ = g_ > w_ ? g_ - w_ : w_ - g_;                              \
    if (d_ > 1e-12 * (w_ > 0 ? w_ : -w_)) fail_msg("got %.17g, want %.17g", g_, w_);               \
  } while (0)

/* Asserts that parse accepts s with the value want. */
#define ACCEPT(parse, s, want)                                                                     \
  do {                                                                                             \
    double got_ = -1;                                                                              \
    const char *exp_ = NULL;                                                                       \
    int rc_ = parse(s, strlen(s), &got_, &exp_);                                                   \
    if (rc_ != 0) fail_msg("%s('%s') refused: %s", #parse, s, exp_);                               \
    assert_close(got_, (want));                                                                    \
  } while (0)

/* Asserts that parse refuses s and says what it expected. */
#define REFUSE(parse, s)                                                                           \
  do {                                                                                             \
    double got_ = -1;                                                                              \
    const char *exp_ = NULL;                                                                       \
    if (parse(s, strlen(s), &got_, &exp_) == 0)                                                    \
      fail_msg("%s('%s') accepted: %g", #parse, s, got_);                                          \
    assert_non_null(exp_);                                                                         \
    assert_true(strlen(exp_) > 0);                                                                 \
  } while (0)

/* Amounts: digits, '_' between digits, a fraction, an exponent; >= 0. */
static void test_amount(void **state) {
  (void)state;
  ACCEPT(bd_parse_amount, "0", 0);
  ACCEPT(bd_parse_amount, "1200000", 1200000);
  ACCEPT(bd_parse_amount, "1_200_000", 1200000);
  ACCEPT(bd_parse_amount, "1500.50", 1500.5);
  ACCEPT(bd_parse_amount, "0.05", 0.05);
  ACCEPT(bd_parse_amount, "1_000.000_1", 1000.0001);
  ACCEPT(bd_parse_amount, "007", 7);
  ACCEPT(bd_parse_amount, "1e6", 1e6);
  ACCEPT(bd_parse_amount, "2.5E-3", 0.0025);
  ACCEPT(bd_parse_amount, "0.1", 0.1);
  ACCEPT(bd_parse_amount, "123456789012345.6", 123456789012345.6); /* slow path */
  ACCEPT(bd_parse_amount, "999999999999999", 999999999999999.0);
  REFUSE(bd_parse_amount, "");
  REFUSE(bd_parse_amount, "-1");
  REFUSE(bd_parse_amount, "+1");
  REFUSE(bd_parse_amount, "1e999");
  REFUSE(bd_parse_amount, "1e15");
  REFUSE(bd_parse_amount, "1000000000000000");
  REFUSE(bd_parse_amount, ".nan");
  REFUSE(bd_parse_amount, ".inf");
  REFUSE(bd_parse_amount, "nan");
  REFUSE(bd_parse_amount, "inf");
  REFUSE(bd_parse_amount, "$5");
  REFUSE(bd_parse_amount, "5$");
  REFUSE(bd_parse_amount, "1__0");
  REFUSE(bd_parse_amount, "_1");
  REFUSE(bd_parse_amount, "1_");
  REFUSE(bd_parse_amount, "1._5");
  REFUSE(bd_parse_amount, ".5");
  REFUSE(bd_parse_amount, "1.");
  REFUSE(bd_parse_amount, "1,5");
  REFUSE(bd_parse_amount, "1 000");
  REFUSE(bd_parse_amount, "1e");
  REFUSE(bd_parse_amount, "0x10");
  REFUSE(bd_parse_amount, "1.2.3");
  /* a number longer than the parser takes is refused, not truncated */
  char long_number[200];
  memset(long_number, '1', sizeof long_number - 1);
  long_number[sizeof long_number - 1] = '\0';
  REFUSE(bd_parse_amount, long_number);
}

/* The messages name the problem: negative, not finite, out of range. */
static void test_amount_messages(void **state) {
  (void)state;
  double v;
  const char *expected;
  assert_int_equal(bd_parse_amount("-1", 2, &v, &expected), -1);
  assert_non_null(strstr(expected, "negative"));
  assert_int_equal(bd_parse_amount(".nan", 4, &v, &expected), -1);
  assert_non_null(strstr(expected, "NaN"));
  assert_int_equal(bd_parse_amount("1e999", 5, &v, &expected), -1);
  assert_non_null(strstr(expected, "out of range"));
  assert_int_equal(bd_parse_amount("$5", 2, &v, &expected), -1);
  assert_non_null(strstr(expected, "currency"));
  /* the length is honoured: the text need not be NUL-terminated */
  assert_int_equal(bd_parse_amount("12x", 2, &v, &expected), 0);
  assert_close(v, 12);
}

/* Decimal numbers convert exactly as the compiler reads the same literal
 * (correctly rounded), in the fast and the slow path. */
static void test_exact(void **state) {
  (void)state;
  static const struct {
    const char *text;
    double value;
  } cases[] = {{"0.1", 0.1},
               {"99.9", 99.9},
               {"0.05", 0.05},
               {"1500.50", 1500.50},
               {"123456.789", 123456.789},
               {"0.3", 0.3},
               {"2.675", 2.675},
               {"1e-7", 1e-7},
               {"123456789012345678", 123456789012345678.0},
               {"0.000000000000000000000000001", 1e-27},
               {"9007199254740993", 9007199254740993.0}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double v = -1;
    const char *expected;
    assert_int_equal(bd_parse_number(cases[i].text, strlen(cases[i].text), &v, &expected), 0);
    if (v != cases[i].value) fail_msg("%s read as %.17g", cases[i].text, v);
  }
}

/* Durations in hours. */
static void test_duration(void **state) {
  (void)state;
  ACCEPT(bd_parse_duration, "0", 0);
  ACCEPT(bd_parse_duration, "0s", 0);
  ACCEPT(bd_parse_duration, "90s", 90.0 / 3600);
  ACCEPT(bd_parse_duration, "30m", 0.5);
  ACCEPT(bd_parse_duration, "1h", 1);
  ACCEPT(bd_parse_duration, "1h30m", 1.5);
  ACCEPT(bd_parse_duration, "1.5h", 1.5);
  ACCEPT(bd_parse_duration, "3d", 72);
  ACCEPT(bd_parse_duration, "2w", 336);
  ACCEPT(bd_parse_duration, "1w2d3h4m5s", 168 + 48 + 3 + 4.0 / 60 + 5.0 / 3600);
  ACCEPT(bd_parse_duration, "90d", 2160);
  ACCEPT(bd_parse_duration, "1_000h", 1000);
  REFUSE(bd_parse_duration, "");
  REFUSE(bd_parse_duration, "5");
  REFUSE(bd_parse_duration, "1.5");
  REFUSE(bd_parse_duration, "1x");
  REFUSE(bd_parse_duration, "h");
  REFUSE(bd_parse_duration, "-1h");
  REFUSE(bd_parse_duration, "1h-");
  REFUSE(bd_parse_duration, "1h ");
  REFUSE(bd_parse_duration, "1 h");
  REFUSE(bd_parse_duration, "30m1h");
  REFUSE(bd_parse_duration, "1h1h");
  REFUSE(bd_parse_duration, "1H");
  REFUSE(bd_parse_duration, "1e3h");
  REFUSE(bd_parse_duration, ".5h");
  REFUSE(bd_parse_duration, "1hour");
  REFUSE(bd_parse_duration, "99999999999999999999w");
  double v;
  const char *expected;
  assert_int_equal(bd_parse_duration("5", 1, &v, &expected), -1);
  assert_string_equal(expected, "a duration such as 30m, 1h30m or 3d (a bare number is only "
                                "allowed for 0)");
}

/* Frequencies per year. */
static void test_frequency(void **state) {
  (void)state;
  ACCEPT(bd_parse_frequency, "4/year", 4);
  ACCEPT(bd_parse_frequency, "1/quarter", 4);
  ACCEPT(bd_parse_frequency, "2/month", 24);
  ACCEPT(bd_parse_frequency, "1/week", 52);
  ACCEPT(bd_parse_frequency, "1/day", 365);
  ACCEPT(bd_parse_frequency, "0.5/month", 6);
  ACCEPT(bd_parse_frequency, "0.05", 0.05);
  ACCEPT(bd_parse_frequency, "0", 0);
  ACCEPT(bd_parse_frequency, "12", 12);
  ACCEPT(bd_parse_frequency, "1e-3", 0.001);
  REFUSE(bd_parse_frequency, "");
  REFUSE(bd_parse_frequency, "-1");
  REFUSE(bd_parse_frequency, "-1/year");
  REFUSE(bd_parse_frequency, "1/decade");
  REFUSE(bd_parse_frequency, "/year");
  REFUSE(bd_parse_frequency, "1/");
  REFUSE(bd_parse_frequency, "1/Year");
  REFUSE(bd_parse_frequency, "1 / year");
  REFUSE(bd_parse_frequency, "1/year/day");
  REFUSE(bd_parse_frequency, ".nan");
  REFUSE(bd_parse_frequency, ".inf");
  REFUSE(bd_parse_frequency, "often");
  REFUSE(bd_parse_frequency, "1e20");
}

/* Shares 0..1. */
static void test_share(void **state) {
  (void)state;
  ACCEPT(bd_parse_share, "40%", 0.4);
  ACCEPT(bd_parse_share, "0.4", 0.4);
  ACCEPT(bd_parse_share, "0", 0);
  ACCEPT(bd_parse_share, "1", 1);
  ACCEPT(bd_parse_share, "100%", 1);
  ACCEPT(bd_parse_share, "0%", 0);
  ACCEPT(bd_parse_share, "12.5%", 0.125);
  REFUSE(bd_parse_share, "");
  REFUSE(bd_parse_share, "%");
  REFUSE(bd_parse_share, "101%");
  REFUSE(bd_parse_share, "100.1%");
  REFUSE(bd_parse_share, "1.5");
  REFUSE(bd_parse_share, "-0.1");
  REFUSE(bd_parse_share, "-5%");
  REFUSE(bd_parse_share, "40 %");
  REFUSE(bd_parse_share, "40%%");
  REFUSE(bd_parse_share, ".nan");
  REFUSE(bd_parse_share, "half");
}

/* Plain numbers (slo, amortize_years): the caller checks the range. */
static void test_number(void **state) {
  (void)state;
  ACCEPT(bd_parse_number, "99.9", 99.9);
  ACCEPT(bd_parse_number, "3", 3);
  ACCEPT(bd_parse_number, "-2", -2);
  ACCEPT(bd_parse_number, "0", 0);
  REFUSE(bd_parse_number, "");
  REFUSE(bd_parse_number, "-");
  REFUSE(bd_parse_number, "99.9%");
  REFUSE(bd_parse_number, "1e999");
  REFUSE(bd_parse_number, ".inf");
  REFUSE(bd_parse_number, "three");
}

/* Asserts that s parses as the date with days since 1970-01-01 `days` and
 * formats back to s. */
static void accept_date(const char *s, long days) {
  long got = 12345;
  char buf[11];
  const char *expected = NULL;
  if (bd_parse_date(s, strlen(s), &got, &expected) != 0) fail_msg("date '%s' refused", s);
  assert_int_equal(got, days);
  bd_format_date(got, buf);
  assert_string_equal(buf, s);
}

/* Asserts that s is refused as a date. */
static void refuse_date(const char *s) {
  long got;
  const char *expected = NULL;
  if (bd_parse_date(s, strlen(s), &got, &expected) == 0) fail_msg("date '%s' accepted", s);
  assert_non_null(expected);
}

/* Dates: real calendar days, leap years. */
static void test_date(void **state) {
  (void)state;
  accept_date("1970-01-01", 0);
  accept_date("1970-01-02", 1);
  accept_date("1969-12-31", -1);
  accept_date("2000-02-29", 11016);
  accept_date("2024-02-29", 19782);
  accept_date("2025-01-29", 20117);
  accept_date("2025-12-31", 20453);
  accept_date("0001-01-01", -719162);
  accept_date("9999-12-31", 2932896);
  refuse_date("2023-02-29");
  refuse_date("1900-02-29");
  refuse_date("2025-13-01");
  refuse_date("2025-00-10");
  refuse_date("2025-01-00");
  refuse_date("2025-01-32");
  refuse_date("2025-04-31");
  refuse_date("2025-1-1");
  refuse_date("2025-01-1");
  refuse_date("25-01-01");
  refuse_date("0000-01-01");
  refuse_date("2025/01/01");
  refuse_date("2025-01-01T00:00");
  refuse_date("2025-01-01 ");
  refuse_date("");
  refuse_date("２０２５-01-01");
  char buf[11];
  bd_format_date(20117, buf);
  assert_string_equal(buf, "2025-01-29");
  bd_format_date(-100000000L, buf); /* clamped, never overflows the buffer */
  assert_string_equal(buf, "0001-01-01");
  bd_format_date(100000000L, buf);
  assert_string_equal(buf, "9999-12-31");
}

/* Identifiers: [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 bytes. */
static void test_identifier(void **state) {
  (void)state;
  const char *expected = NULL;
  static const char *const good[] = {"a", "Z", "0", "psp-down", "a.b_c-d", "2025", "x-ext"};
  static const char *const bad[] = {"", "-a", ".a", "_a", "a b", "a/b", "a:b", "été", "a\n"};
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
    if (bd_parse_identifier(good[i], strlen(good[i]), &expected) != 0)
      fail_msg("identifier '%s' refused", good[i]);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    expected = NULL;
    if (bd_parse_identifier(bad[i], strlen(bad[i]), &expected) == 0)
      fail_msg("identifier '%s' accepted", bad[i]);
    assert_non_null(expected);
  }
  char id[66];
  memset(id, 'a', 65);
  id[65] = '\0';
  assert_int_equal(bd_parse_identifier(id, 64, &expected), 0);
  assert_int_equal(bd_parse_identifier(id, 65, &expected), -1);
  assert_non_null(strstr(expected, "64"));
}

/* Currencies: three capital letters. */
static void test_currency(void **state) {
  (void)state;
  const char *expected = NULL;
  assert_int_equal(bd_parse_currency("USD", 3, &expected), 0);
  assert_int_equal(bd_parse_currency("JPY", 3, &expected), 0);
  assert_int_equal(bd_parse_currency("usd", 3, &expected), -1);
  assert_non_null(expected);
  assert_int_equal(bd_parse_currency("EURO", 4, &expected), -1);
  assert_int_equal(bd_parse_currency("EU", 2, &expected), -1);
  assert_int_equal(bd_parse_currency("", 0, &expected), -1);
  assert_int_equal(bd_parse_currency("U$D", 3, &expected), -1);
  assert_int_equal(bd_parse_currency("€", strlen("€"), &expected), -1);
}

/* Edit distance, with adjacent transpositions costing 1. */
/* The mean behind a range [LOW, HIGH], worked out by hand:
 * lognormal [2, 6]: mu = (ln 2 + ln 6) / 2 = 1.2424533248940002,
 * sigma = (ln 6 - ln 2) / (2 x 1.6448536269514722) = 0.33395442325900093,
 * mean = exp(mu + sigma^2 / 2) = exp(1.2982159...) = 3.6627568563148842;
 * lognormal [1000, 5000]: exp(mu) = sqrt(1000 x 5000) = 2236.06797749979,
 * sigma = ln 5 / 3.2897072539029444 = 0.4892343872010638,
 * exp(sigma^2 / 2) = 1.1271306356076043, mean = 2520.340720741149;
 * uniform: a share [10%, 40%] 0.25; a frequency [0, 4] 2; [3, 3] is 3. */
static void test_range_mean(void **state) {
  (void)state;
  assert_close(bd_range_mean(2, 6, 0), 3.6627568563148842);
  assert_close(bd_range_mean(1000, 5000, 0), 2520.340720741149);
  assert_close(bd_range_mean(0.1, 0.4, 1), 0.25);
  assert_close(bd_range_mean(0, 4, 0), 2);
  assert_close(bd_range_mean(3, 3, 0), 3);
  assert_close(bd_range_mean(0.3, 0.3, 1), 0.3);
  /* the mean of a lognormal lies above its median sqrt(LOW x HIGH) */
  assert_true(bd_range_mean(2, 6, 0) > 3.4641016151377544);
}

static void test_edit_distance(void **state) {
  (void)state;
  assert_int_equal(bd_edit_distance("", ""), 0);
  assert_int_equal(bd_edit_distance("title", "title"), 0);
  assert_int_equal(bd_edit_distance("titel", "title"), 1);
  assert_int_equal(bd_edit_distance("titl", "title"), 1);
  assert_int_equal(bd_edit_distance("tile", "title"), 1);
  assert_int_equal(bd_edit_distance("sevice", "service"), 1);
  assert_int_equal(bd_edit_distance("kitten", "sitting"), 3);
  assert_int_equal(bd_edit_distance("", "abc"), 3);
  assert_int_equal(bd_edit_distance("abc", ""), 3);
  assert_int_equal(bd_edit_distance("foo", "id"), 3);
  char a[66], b[66];
  memset(a, 'a', 65);
  a[65] = '\0';
  memset(b, 'a', 64);
  b[64] = '\0';
  assert_int_equal(bd_edit_distance(b, b), 0);
  assert_true(bd_edit_distance(a, b) > 1000);
}

/* Asserts that bd_quote(s) is want. */
static void assert_quote(const char *s, const char *want) {
  char buf[256];
  assert_string_equal(bd_quote(s, strlen(s), buf, sizeof buf), want);
}

static void test_quote(void **state) {
  (void)state;
  assert_quote("plain", "'plain'");
  assert_quote("a\nplan.yaml:2:2: error: x", "'a\\nplan.yaml:2:2: error: x'");
  assert_quote("t\tr\r\x01\x7f", "'t\\tr\\r\\x01\\x7F'");
  assert_quote("nel\xc2\x85", "'nel\\u0085'");
  /* U+2028, U+2029, U+202E (RLO), U+2066 (LRI), U+2069 (PDI), U+200F (RLM) */
  assert_quote("\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8f",
               "'\\u2028\\u2029\\u202E\\u2066\\u2069\\u200F'");
  /* U+2027 and U+206A are ordinary: kept */
  assert_quote("\xe2\x80\xa7\xe2\x81\xaa", "'\xe2\x80\xa7\xe2\x81\xaa'");
  assert_quote("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac", "'caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac'");
  /* bytes that are not UTF-8: an overlong '/', a lone continuation, a cut sequence */
  assert_quote("\xc0\xaf\x80\xe3\x81", "'\\xC0\\xAF\\x80\\xE3\\x81'");
  /* 40 code points, then "..." */
  assert_quote("0123456789012345678901234567890123456789X",
               "'0123456789012345678901234567890123456789...'");
  assert_quote(
      "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97"
      "\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6"
      "\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
      "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97"
      "\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6"
      "\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
      "\xe6\x97\xa5",
      "'\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97"
      "\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6"
      "\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
      "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97"
      "\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6"
      "\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5...'");
  /* a small buffer stops at a whole escape and still closes the quote */
  char small[16];
  assert_string_equal(bd_quote("\n\n\n\n\n\n\n\n", 8, small, sizeof small), "'\\n\\n\\n\\n\\n\\n'");
  /* bd_escape_dup: no quotes; cut after max_points */
  char *e = bd_escape_dup("x\xe2\x80\xa8yz", 6, 2);
  assert_string_equal(e, "x\\u2028...");
  free(e);
  assert_true(bd_needs_escape("a\xe2\x80\xae", 4));
  assert_false(bd_needs_escape("caf\xc3\xa9", 5));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_amount),          cmocka_unit_test(test_exact),
      cmocka_unit_test(test_amount_messages), cmocka_unit_test(test_duration),
      cmocka_unit_test(test_frequency),       cmocka_unit_test(test_share),
      cmocka_unit_test(test_number),          cmocka_unit_test(test_date),
      cmocka_unit_test(test_identifier),      cmocka_unit_test(test_currency),
      cmocka_unit_test(test_edit_distance),   cmocka_unit_test(test_range_mean),
      cmocka_unit_test(test_quote),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
