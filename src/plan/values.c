/*
 * values.c - parsers for the plan format's value types (see values.h).
 *
 * Numbers are scanned by hand (digits, '_' between digits, an optional
 * fraction and, for plain numbers, an exponent) and converted without the
 * locale: exactly in the common case (at most 15 significant digits and a
 * small power of ten), otherwise with strtod_l() in the "C" locale.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strtod_l, newlocale */
#endif

#include "plan/values.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The largest amount, duration (hours) and frequency (per year) accepted:
 * keeps every product the analysis forms finite. */
#define BD_VALUE_LIMIT 1e15

/* A number longer than this is refused rather than converted. */
enum { NUMBER_MAX_LEN = 100 };

#define EXPECT_AMOUNT   "an amount such as 1200000, 1_200_000 or 1500.50 (no currency symbols)"
#define EXPECT_DURATION "a duration such as 30m, 1h30m or 3d"

/* Scans an unsigned decimal number at s[*i..len): digits with single '_'
 * between digits, an optional fraction, and an exponent when allow_exp.
 * Writes the digits, '.' and exponent without '_' to buf (NUL-terminated)
 * and advances *i.  Returns 0, or -1 when no well-formed number starts
 * there (or it is longer than NUMBER_MAX_LEN). */
static int scan_number(const char *s, size_t len, size_t *i, int allow_exp,
                       char buf[NUMBER_MAX_LEN + 1]) {
  size_t p = *i, n = 0;
  int part_digits = 0;
  for (int part = 0; part < 2; part++) {
    if (part == 1) {
      if (p >= len || s[p] != '.') break;
      if (n >= NUMBER_MAX_LEN) return -1;
      buf[n++] = s[p++];
    }
    part_digits = 0;
    while (p < len) {
      if (s[p] >= '0' && s[p] <= '9') {
        if (n >= NUMBER_MAX_LEN) return -1;
        buf[n++] = s[p++];
        part_digits++;
      } else if (s[p] == '_' && part_digits > 0 && p + 1 < len && s[p + 1] >= '0' &&
                 s[p + 1] <= '9') {
        p++; /* a single '_' between two digits */
      } else {
        break;
      }
    }
    if (part_digits == 0) return -1; /* "", ".5", "1." */
  }
  if (allow_exp && p < len && (s[p] == 'e' || s[p] == 'E')) {
    size_t q = p + 1, digits = 0;
    if (n + 2 >= NUMBER_MAX_LEN) return -1;
    buf[n++] = 'e';
    if (q < len && (s[q] == '+' || s[q] == '-')) buf[n++] = s[q++];
    while (q < len && s[q] >= '0' && s[q] <= '9') {
      if (n >= NUMBER_MAX_LEN) return -1;
      buf[n++] = s[q++];
      digits++;
    }
    if (digits == 0) return -1;
    p = q;
  }
  buf[n] = '\0';
  *i = p;
  return 0;
}

/* Converts a number written by scan_number() to a double, independent of
 * the locale.  Returns 0, or -1 when the C locale cannot be created. */
static int convert_number(const char *buf, double *out) {
  static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  uint64_t mant = 0;
  int digits = 0, frac = 0, exact = 1;
  long exp10 = 0;
  const char *p = buf;
  for (; *p && *p != 'e'; p++) {
    if (*p == '.') {
      frac = 1;
      continue;
    }
    if (mant == 0 && *p == '0') {
      if (frac) exp10--;
      continue; /* leading zeros are not significant */
    }
    if (digits >= 15) {
      exact = 0;
      break;
    }
    mant = mant * 10 + (uint64_t)(*p - '0');
    digits++;
    if (frac) exp10--;
  }
  if (exact && *p == 'e') {
    char *end;
    long e = strtol(p + 1, &end, 10); /* digits and a sign only: locale-free */
    if (e > 400 || e < -400)
      exact = 0;
    else
      exp10 += e;
  }
  if (exact && mant == 0) {
    *out = 0.0;
    return 0;
  }
  if (exact && exp10 >= -22 && exp10 <= 22) {
    /* mant < 10^15 < 2^53 and 10^|exp10| are exact: one correctly rounded step */
    *out = exp10 < 0 ? (double)mant / pow10[-exp10] : (double)mant * pow10[exp10];
    return 0;
  }
  locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  if (c == (locale_t)0) return -1;
  *out = strtod_l(buf, NULL, c);
  freelocale(c);
  return 0;
}

/* Parses the whole of s[0..len) as an unsigned number (see scan_number).
 * Returns 0 with the value, or -1. */
static int whole_number(const char *s, size_t len, int allow_exp, double *out) {
  char buf[NUMBER_MAX_LEN + 1];
  size_t i = 0;
  if (scan_number(s, len, &i, allow_exp, buf) != 0 || i != len) return -1;
  return convert_number(buf, out);
}

/* Whether s[0..len) starts with '-' followed by something (a negative value). */
static int looks_negative(const char *s, size_t len) {
  return len > 1 && s[0] == '-';
}

/* Whether s[0..len) equals the lower-case ASCII word w, ignoring ASCII case
 * (no locale involved). */
static int ascii_iequal(const char *s, size_t len, const char *w) {
  size_t i = 0;
  for (; i < len && w[i]; i++) {
    char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    if (c != w[i]) return 0;
  }
  return i == len && w[i] == '\0';
}

/* Whether s[0..len) spells NaN or infinity in YAML or C style. */
static int looks_non_finite(const char *s, size_t len) {
  static const char *const names[] = {".nan", ".inf", "nan", "inf", "infinity"};
  size_t start = (len > 0 && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
    if (ascii_iequal(s + start, len - start, names[k])) return 1;
  return 0;
}

int bd_parse_identifier(const char *s, size_t len, const char **expected) {
  static const char *const what =
      "an identifier: letters, digits, '.', '_' and '-', starting with a letter or digit";
  if (len > 64) {
    *expected = "an identifier of at most 64 bytes";
    return -1;
  }
  if (len == 0) {
    *expected = what;
    return -1;
  }
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
      *expected = what;
      return -1;
    }
  }
  return 0;
}

int bd_parse_amount(const char *s, size_t len, double *out, const char **expected) {
  double v;
  if (whole_number(s, len, 1, &v) != 0) {
    if (looks_non_finite(s, len))
      *expected = "a finite amount (no NaN or infinity)";
    else if (looks_negative(s, len))
      *expected = "an amount of 0 or more (no negative values)";
    else if (memchr(s, ',', len) && len > 0 && s[0] >= '0' && s[0] <= '9')
      *expected = "an amount without thousands commas (write 240000 or 240_000, not 240,000)";
    else
      *expected = EXPECT_AMOUNT;
    return -1;
  }
  if (!(v < BD_VALUE_LIMIT)) {
    *expected = "an amount below 1e15 (this one is out of range)";
    return -1;
  }
  *out = v;
  return 0;
}

/* Hours per duration unit, largest first; units must appear in this order. */
static const struct {
  char unit;
  double hours;
} duration_units[] = {{'w', 168.0}, {'d', 24.0}, {'h', 1.0}, {'m', 1.0 / 60}, {'s', 1.0 / 3600}};

int bd_parse_duration(const char *s, size_t len, double *out_hours, const char **expected) {
  char buf[NUMBER_MAX_LEN + 1];
  double total = 0, v;
  size_t i = 0, next_unit = 0;
  if (whole_number(s, len, 0, &v) == 0) {
    if (v == 0) {
      *out_hours = 0;
      return 0;
    }
    *expected = EXPECT_DURATION " (a bare number is only allowed for 0)";
    return -1;
  }
  if (looks_negative(s, len)) {
    *expected = EXPECT_DURATION " (no negative values)";
    return -1;
  }
  if (len == 0) goto bad;
  while (i < len) {
    if (scan_number(s, len, &i, 0, buf) != 0 || i >= len) goto bad;
    size_t u = next_unit;
    while (u < sizeof duration_units / sizeof duration_units[0] && duration_units[u].unit != s[i])
      u++;
    if (u == sizeof duration_units / sizeof duration_units[0]) {
      for (size_t k = 0; k < next_unit; k++)
        if (duration_units[k].unit == s[i]) {
          *expected = EXPECT_DURATION " (units from largest to smallest, each at most once)";
          return -1;
        }
      goto bad;
    }
    i++;
    next_unit = u + 1;
    if (convert_number(buf, &v) != 0) goto bad;
    total += v * duration_units[u].hours;
  }
  if (!(total < BD_VALUE_LIMIT)) {
    *expected = "a duration below 1e15 hours (this one is out of range)";
    return -1;
  }
  *out_hours = total;
  return 0;
bad:
  *expected = EXPECT_DURATION " (units s, m, h, d, w)";
  return -1;
}

int bd_parse_frequency(const char *s, size_t len, double *out_per_year, const char **expected) {
  static const struct {
    const char *name;
    double per_year;
  } units[] = {{"year", 1}, {"quarter", 4}, {"month", 12}, {"week", 52}, {"day", 365}};
  static const char *const what =
      "a frequency such as 4/year, 1/quarter, 2/month, 1/week, 1/day or 0.05 (per year)";
  const char *slash = memchr(s, '/', len);
  double v, mult = 1;
  size_t num_len = slash ? (size_t)(slash - s) : len;
  if (slash) {
    const char *unit = slash + 1;
    size_t unit_len = len - num_len - 1, k;
    for (k = 0; k < sizeof units / sizeof units[0]; k++)
      if (strlen(units[k].name) == unit_len && memcmp(units[k].name, unit, unit_len) == 0) break;
    if (k == sizeof units / sizeof units[0]) {
      *expected = what;
      return -1;
    }
    mult = units[k].per_year;
  }
  if (whole_number(s, num_len, slash == NULL, &v) != 0) {
    if (looks_non_finite(s, num_len))
      *expected = "a finite frequency (no NaN or infinity)";
    else if (looks_negative(s, num_len))
      *expected = "a frequency of 0 or more (no negative values)";
    else
      *expected = what;
    return -1;
  }
  v *= mult;
  if (!(v < BD_VALUE_LIMIT)) {
    *expected = "a frequency below 1e15 per year (this one is out of range)";
    return -1;
  }
  *out_per_year = v;
  return 0;
}

int bd_parse_share(const char *s, size_t len, double *out, const char **expected) {
  static const char *const what = "a share such as 40% or 0.4 (from 0% to 100%, or 0 to 1)";
  double v;
  int percent = len > 0 && s[len - 1] == '%';
  if (whole_number(s, percent ? len - 1 : len, !percent, &v) != 0) {
    *expected = what;
    return -1;
  }
  if (percent) v /= 100;
  if (!(v <= 1)) {
    *expected = what;
    return -1;
  }
  *out = v;
  return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

/* Whether y is a leap year in the Gregorian calendar. */
static int is_leap(long y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int bd_parse_date(const char *s, size_t len, long *out_days, const char **expected) {
  static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  static const char *const what = "a date YYYY-MM-DD such as 2025-01-29";
  if (len != 10 || s[4] != '-' || s[7] != '-') goto bad;
  for (size_t i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) goto bad;
  long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
  unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
  if (y < 1 || m < 1 || m > 12 || d < 1) goto invalid;
  if (d > mdays[m - 1] + (m == 2 && is_leap(y))) goto invalid;
  *out_days = days_from_civil(y, m, d);
  return 0;
invalid:
  *expected = "a real calendar date YYYY-MM-DD";
  return -1;
bad:
  *expected = what;
  return -1;
}

void bd_format_date(long days, char buf[11]) {
  /* H. Hinnant's civil_from_days, clamped to the years 0001..9999 */
  if (days < -719162) days = -719162; /* 0001-01-01 */
  if (days > 2932896) days = 2932896; /* 9999-12-31 */
  long z = days + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = (long)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  unsigned yy = (unsigned)y;
  buf[0] = (char)('0' + yy / 1000 % 10);
  buf[1] = (char)('0' + yy / 100 % 10);
  buf[2] = (char)('0' + yy / 10 % 10);
  buf[3] = (char)('0' + yy % 10);
  buf[4] = '-';
  buf[5] = (char)('0' + m / 10);
  buf[6] = (char)('0' + m % 10);
  buf[7] = '-';
  buf[8] = (char)('0' + d / 10);
  buf[9] = (char)('0' + d % 10);
  buf[10] = '\0';
}

int bd_parse_number(const char *s, size_t len, double *out, const char **expected) {
  int neg = len > 0 && s[0] == '-';
  double v;
  if (whole_number(s + neg, len - (size_t)neg, 1, &v) != 0 || !isfinite(v)) {
    *expected = "a number such as 3 or 99.9";
    return -1;
  }
  *out = neg ? -v : v;
  return 0;
}

int bd_parse_currency(const char *s, size_t len, const char **expected) {
  if (len == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' &&
      s[2] <= 'Z')
    return 0;
  *expected = "an ISO 4217 currency code of three capital letters, such as USD, EUR or JPY";
  return -1;
}

size_t bd_edit_distance(const char *a, const char *b) {
  /* optimal string alignment distance: insertions, deletions, substitutions
   * and transpositions of adjacent characters each cost 1 */
  enum { MAX = 64 };
  size_t n = strlen(a), m = strlen(b);
  if (n > MAX || m > MAX) return SIZE_MAX;
  size_t d[MAX + 1][MAX + 1];
  for (size_t i = 0; i <= n; i++) d[i][0] = i;
  for (size_t j = 0; j <= m; j++) d[0][j] = j;
  for (size_t i = 1; i <= n; i++) {
    for (size_t j = 1; j <= m; j++) {
      size_t cost = a[i - 1] != b[j - 1];
      size_t best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < best) best = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  }
  return d[n][m];
}

/* The 95th percentile of the standard normal distribution, as the
 * simulation uses it (the plan format's 1.6449, unrounded). */
#define NORMAL_P95 1.6448536269514722

double bd_range_mean(double low, double high, int is_share) {
  if (low == high) return low;
  if (is_share || low <= 0) return (low + high) / 2; /* uniform on [low, high] or [0, high] */
  double mu = (log(low) + log(high)) / 2;
  double sigma = (log(high) - log(low)) / (2 * NORMAL_P95);
  return exp(mu + sigma * sigma / 2);
}
