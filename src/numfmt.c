/* numfmt.c - see numfmt.h. */
#include "numfmt.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

/* Creates the process-wide "C" locale object once. */
static void make_c_locale(void) {
  c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t get_c_locale(void) {
  pthread_once(&c_locale_once, make_c_locale);
  return c_locale;
}

double bd_strtod_c(const char *s, char **end) {
  locale_t loc = get_c_locale();
  if (loc == (locale_t)0) return strtod(s, end);
  return strtod_l(s, end, loc);
}

/* Formats v with `precision` significant digits in the C locale. */
static int format_with(double v, int precision, char *buf, size_t size) {
  locale_t loc = get_c_locale();
  locale_t old = loc ? uselocale(loc) : (locale_t)0;
  int n = snprintf(buf, size, "%.*g", precision, v);
  if (loc) uselocale(old);
  return n;
}

size_t bd_format_number(double v, char *buf, size_t size) {
  if (size == 0) return 0;
  if (!isfinite(v)) {
    snprintf(buf, size, "null");
    return strlen(buf);
  }
  if (v == 0) v = 0; /* print -0 as 0 */
  /* Integers below 2^53 print exactly with %.0f-like %g precision 17. */
  if (v == floor(v) && fabs(v) < 9007199254740992.0) {
    int n = format_with(v, 17, buf, size);
    return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
  }
  int n = 0;
  for (int precision = 15; precision <= 17; precision++) {
    n = format_with(v, precision, buf, size);
    if (n < 0 || (size_t)n >= size) break;
    if (bd_strtod_c(buf, NULL) == v) break;
  }
  return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

/* snprintf in the C locale, returning the length actually stored. */
static size_t format_c(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static size_t format_c(char *buf, size_t size, const char *fmt, ...) {
  locale_t loc = get_c_locale();
  locale_t old = loc ? uselocale(loc) : (locale_t)0;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  if (loc) uselocale(old);
  if (n < 0) {
    buf[0] = '\0';
    return 0;
  }
  return (size_t)n < size ? (size_t)n : size - 1;
}

/* Writes a whole number with ',' every three digits. */
static size_t group_thousands(double v, char *buf, size_t size) {
  char digits[64];
  size_t n = format_c(digits, sizeof digits, "%.0f", fabs(v));
  size_t len = 0;
  if (v < 0 && strcmp(digits, "0") != 0 && len + 1 < size) buf[len++] = '-';
  for (size_t i = 0; i < n && len + 1 < size; i++) {
    if (i > 0 && (n - i) % 3 == 0 && n < 20) {
      buf[len++] = ',';
      if (len + 1 >= size) break;
    }
    buf[len++] = digits[i];
  }
  buf[len] = '\0';
  return len;
}

size_t bd_format_amount(double v, const char *currency, int compact, char *buf, size_t size) {
  if (size == 0) return 0;
  char number[64];
  if (!isfinite(v)) {
    snprintf(number, sizeof number, "-");
  } else if (!compact || fabs(v) < 1000) {
    group_thousands(v, number, sizeof number);
  } else {
    static const char units[] = "KMBT";
    double m = fabs(v) / 1000;
    size_t u = 0;
    /* Move up a unit when rounding would show 1000 of this one. */
    while (u < 3 && m >= 999.5) {
      m /= 1000;
      u++;
    }
    const char *sign = v < 0 ? "-" : "";
    if (m < 9.95)
      format_c(number, sizeof number, "%s%.1f%c", sign, m, units[u]);
    else
      format_c(number, sizeof number, "%s%.0f%c", sign, m, units[u]);
  }
  if (currency && *currency) return format_c(buf, size, "%s %s", currency, number);
  return format_c(buf, size, "%s", number);
}

size_t bd_format_duration(double hours, char *buf, size_t size) {
  if (!isfinite(hours) || hours < 0) return format_c(buf, size, "-");
  double seconds = round(hours * 3600);
  if (seconds == 0) return format_c(buf, size, "0m");
  if (seconds < 60) return format_c(buf, size, "%.0fs", seconds);
  double minutes = round(hours * 60);
  if (minutes < 60) return format_c(buf, size, "%.0fm", minutes);
  if (minutes < 24 * 60) {
    double h = floor(minutes / 60), m = minutes - h * 60;
    return m ? format_c(buf, size, "%.0fh %.0fm", h, m) : format_c(buf, size, "%.0fh", h);
  }
  double whole_hours = round(hours);
  double d = floor(whole_hours / 24), h = whole_hours - d * 24;
  if (d >= 10000) return format_c(buf, size, "%.0fd", d);
  return h ? format_c(buf, size, "%.0fd %.0fh", d, h) : format_c(buf, size, "%.0fd", d);
}

size_t bd_format_share(double share, char *buf, size_t size) {
  if (!isfinite(share)) return format_c(buf, size, "-");
  double pct = share * 100;
  if (pct == 0) return format_c(buf, size, "0%%");
  char number[64];
  if (fabs(pct) >= 10)
    format_c(number, sizeof number, "%.1f", pct);
  else if (fabs(pct) >= 0.1)
    format_c(number, sizeof number, "%.2g", pct);
  else
    format_c(number, sizeof number, "%.1g", pct);
  /* drop a trailing ".0" */
  size_t n = strlen(number);
  if (n > 2 && strcmp(number + n - 2, ".0") == 0) number[n - 2] = '\0';
  return format_c(buf, size, "%s%%", number);
}
