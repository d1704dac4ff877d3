/* numfmt.c - see numfmt.h. */
#include "numfmt.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
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

/* bd_format_number by printf: %.15g, %.16g, then %.17g, the first that
 * reads back as v.  Used for what the fast paths below do not cover. */
static size_t format_number_printf(double v, char *buf, size_t size) {
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

/* Writes the decimal digits of u (at least one) at p; returns the count. */
static size_t put_digits(char *p, uint64_t u) {
  char tmp[24];
  size_t n = 0;
  do {
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  for (size_t i = 0; i < n; i++) p[i] = tmp[n - 1 - i];
  return n;
}

#ifdef __SIZEOF_INT128__
/* The same text as format_number_printf for a non-integer v with
 * 1e-4 <= |v| < 1e15, computed exactly in integers: v = m * 2^-s, its
 * P-digit decimal q * 10^-k is rounded as printf rounds (to nearest, ties
 * to even) and read back as strtod reads (the nearest double, ties to
 * even), for P = 15, 16, 17.  Writes at most 24 bytes; returns the length,
 * or 0 when printf's text would not be in fixed notation (the caller then
 * uses printf itself). */
__extension__ typedef unsigned __int128 u128;
static size_t format_number_exact(double v, char *buf) {
  int e2;
  double f = frexp(fabs(v), &e2); /* |v| = f * 2^e2, 0.5 <= f < 1 */
  uint64_t m = (uint64_t)ldexp(f, 53);
  int s = 53 - e2; /* |v| = m * 2^-s; 4 <= s <= 66 in this range */
  u128 one = 1, unit = one << s, half = unit >> 1;
  uint64_t p10[20];
  p10[0] = 1;
  for (int i = 1; i < 20; i++) p10[i] = p10[i - 1] * 10;
  /* X = floor(log10 |v|), from an estimate corrected by exact comparisons
   * of m * 2^-s with 10^X (-4 <= X <= 14). */
  int x = (int)floor(log10(fabs(v)));
  for (;;) { /* lower X while 10^X > |v| */
    int above = x >= 0 ? (u128)p10[x] << s > m : unit > (u128)m * p10[-x];
    if (!above) break;
    x--;
  }
  for (;;) { /* raise X while 10^(X+1) <= |v| */
    int x1 = x + 1;
    int at_most = x1 >= 0 ? ((u128)p10[x1] << s) <= m : unit <= (u128)m * p10[-x1];
    if (!at_most) break;
    x++;
  }
  if (x < -4 || x > 14) return 0;
  for (int precision = 15; precision <= 17; precision++) {
    int k = precision - 1 - x; /* 0 <= k <= 20 */
    u128 ten_k = k < 20 ? (u128)p10[k] : (u128)p10[19] * 10;
    u128 n = (u128)m * ten_k; /* |v| * 10^k * 2^s, below 2^120 */
    u128 q = n >> s, rem = n & (unit - 1);
    if (rem > half || (rem == half && (q & 1))) q++;
    /* Does q * 10^-k read back as v?  Compare |q * 10^-k - v| with half the
     * gap to the neighbouring double (a quarter below a power of two). */
    int below = (q << s) < n;
    u128 diff2 = below ? n - (q << s) : (q << s) - n;
    diff2 *= (below && m == ((uint64_t)1 << 52)) ? 4 : 2;
    int round_trips = diff2 < ten_k || (diff2 == ten_k && (m & 1) == 0);
    if (!round_trips && precision < 17) continue;
    /* Write q * 10^-k as %g does in fixed notation: no trailing zeros. */
    int digits = precision, point = x + 1;    /* digits before the point */
    if (q == (u128)p10[precision - 1] * 10) { /* rounded up to 10^precision */
      q /= 10;
      point++;
      if (point - 1 >= precision) return 0; /* printf would use an exponent */
    }
    uint64_t d = (uint64_t)q;
    while (digits > point && d % 10 == 0) {
      d /= 10;
      digits--;
    }
    char *p = buf;
    if (v < 0) *p++ = '-';
    char num[24];
    size_t nd = put_digits(num, d);
    if (point <= 0) {
      *p++ = '0';
      *p++ = '.';
      for (int i = 0; i < -point; i++) *p++ = '0';
      memcpy(p, num, nd);
      p += nd;
    } else {
      size_t whole = (size_t)point < nd ? (size_t)point : nd;
      memcpy(p, num, whole);
      p += whole;
      for (int i = (int)nd; i < point; i++) *p++ = '0';
      if (nd > whole) {
        *p++ = '.';
        memcpy(p, num + whole, nd - whole);
        p += nd - whole;
      }
    }
    *p = '\0';
    return (size_t)(p - buf);
  }
  return 0;
}
#endif

size_t bd_format_number(double v, char *buf, size_t size) {
  if (size == 0) return 0;
  if (!isfinite(v)) {
    snprintf(buf, size, "null");
    return strlen(buf);
  }
  if (v == 0) v = 0; /* print -0 as 0 */
  if (size >= 32) {  /* the fast paths write at most 24 bytes */
    double a = fabs(v);
    if (a < 9007199254740992.0 && v == floor(v)) { /* an integer below 2^53 */
      char *p = buf;
      if (v < 0) *p++ = '-';
      p += put_digits(p, (uint64_t)a);
      *p = '\0';
      return (size_t)(p - buf);
    }
#ifdef __SIZEOF_INT128__
    if (a >= 1e-4 && a < 1e15) {
      size_t n = format_number_exact(v, buf);
      if (n) return n;
    }
#endif
  }
  return format_number_printf(v, buf, size);
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
  size_t n;
  double a = fabs(v);
  if (a < 9007199254740992.0) /* below 2^53: %.0f is the nearest integer, ties to even */
    n = put_digits(digits, (uint64_t)nearbyint(a));
  else
    n = format_c(digits, sizeof digits, "%.0f", a);
  digits[n] = '\0';
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

/* Writes sign, m (0 <= m < 9.95) as %.1f would, and unit into buf (size >=
 * 16) without printf; returns the length, or 0 when m * 10 lies exactly
 * halfway in double arithmetic, where only printf's exact rounding says
 * which way it goes. */
static size_t one_decimal(const char *sign, double m, char unit, char *buf) {
  double t = m * 10, r = nearbyint(t);
  if (fabs(t - r) == 0.5) return 0;
  unsigned tenths = (unsigned)r; /* at most 99 */
  char *p = buf;
  if (*sign) *p++ = '-';
  p += put_digits(p, tenths / 10);
  *p++ = '.';
  *p++ = (char)('0' + tenths % 10);
  *p++ = unit;
  *p = '\0';
  return (size_t)(p - buf);
}

/* Appends a, ' ' and b to buf (size >= 1), cut to fit; returns the length.
 * The same as format_c(buf, size, "%s %s", a, b). */
static size_t join2(char *buf, size_t size, const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b), len = 0;
  if (la + 1 + lb >= size) return format_c(buf, size, "%s %s", a, b);
  memcpy(buf, a, la);
  buf[la] = ' ';
  memcpy(buf + la + 1, b, lb + 1);
  len = la + 1 + lb;
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
    if (m < 9.95) {
      if (one_decimal(sign, m, units[u], number) == 0)
        format_c(number, sizeof number, "%s%.1f%c", sign, m, units[u]);
    } else if (m < 9007199254740992.0) {
      char *p = number;
      if (*sign) *p++ = '-';
      p += put_digits(p, (uint64_t)nearbyint(m));
      *p++ = units[u];
      *p = '\0';
    } else {
      format_c(number, sizeof number, "%s%.0f%c", sign, m, units[u]);
    }
  }
  if (currency && *currency) return join2(buf, size, currency, number);
  size_t n = strlen(number);
  if (n >= size) return format_c(buf, size, "%s", number);
  memcpy(buf, number, n + 1);
  return n;
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
