/* numfmt.c - see numfmt.h. */
#include "base/numfmt.h"

#include "badday/plugin.h"

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

/* 10^0 .. 10^19. */
static const uint64_t powers_of_ten[20] = {1,
                                           10,
                                           100,
                                           1000,
                                           10000,
                                           100000,
                                           1000000,
                                           10000000,
                                           100000000,
                                           1000000000,
                                           10000000000,
                                           100000000000,
                                           1000000000000,
                                           10000000000000,
                                           100000000000000,
                                           1000000000000000,
                                           10000000000000000,
                                           100000000000000000,
                                           1000000000000000000,
                                           10000000000000000000u};

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
  const uint64_t *p10 = powers_of_ten;
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

/* Writes the decimal digits of u with ',' every three digits at p; returns
 * the count (at most 26). */
static size_t put_grouped(char *p, uint64_t u) {
  char tmp[32];
  size_t n = 0, digits = 0;
  do { /* backwards, with a ',' before every third digit */
    if (digits > 0 && digits % 3 == 0) tmp[n++] = ',';
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
    digits++;
  } while (u);
  for (size_t i = 0; i < n; i++) p[i] = tmp[n - 1 - i];
  return n;
}

/* u / 10^shift rounded half away from zero (u >= 0, so half up). */
static uint64_t div_round(uint64_t u, int shift) {
  if (shift <= 0) return u;
  if (shift > 19) return 0;
  uint64_t p = powers_of_ten[shift];
  uint64_t q = u / p, r = u % p;
  return r >= p - r ? q + 1 : q; /* r >= p / 2 without overflow or truncation */
}

/* A unit of compact amounts: the power of ten it stands for, its text, and
 * whether a mantissa below 10 gets one decimal ("1.2M"; 万 never does). */
typedef struct money_unit {
  int exp10;
  const char *name;
  int decimal_below_ten;
} money_unit;

static const money_unit units_en[] = {{3, "K", 1}, {6, "M", 1}, {9, "B", 1}, {12, "T", 1}};
static const money_unit units_ja[] = {{4, "\xE4\xB8\x87", 0},   /* 万 */
                                      {8, "\xE5\x84\x84", 1},   /* 億 */
                                      {12, "\xE5\x85\x86", 1}}; /* 兆 */

/* Writes whole (a whole number of currency units, at least the first unit)
 * in the largest unit it reaches, moving up one unit when rounding reaches
 * the next (999,500 -> 1.0M, 99,995,000 -> 1.0億).  Rounding is half away
 * from zero, in integers.  Returns the length written at p (at most 40). */
static size_t put_compact(char *p, uint64_t whole, const money_unit *units, size_t count) {
  size_t u = 0;
  while (u + 1 < count && whole >= powers_of_ten[units[u + 1].exp10]) u++;
  for (;;) {
    int e = units[u].exp10;
    uint64_t tenths = units[u].decimal_below_ten ? div_round(whole, e - 1) : 100;
    size_t len = 0;
    if (tenths < 100) { /* below 10 of the unit: one decimal */
      len += put_digits(p, tenths / 10);
      p[len++] = '.';
      p[len++] = (char)('0' + tenths % 10);
    } else {
      uint64_t m = div_round(whole, e);
      if (u + 1 < count && m >= powers_of_ten[units[u + 1].exp10 - e]) {
        u++; /* rounding reached the next unit */
        continue;
      }
      len += put_grouped(p, m);
    }
    size_t name_len = strlen(units[u].name);
    memcpy(p + len, units[u].name, name_len);
    return len + name_len;
  }
}

/* Writes a, then sep and b when b is not NULL, into buf (size >= 1), cut
 * to fit; returns the length.  The same as snprintf "%s%s%s", without
 * printf's cost on the hot path. */
static size_t join3(char *buf, size_t size, const char *a, const char *sep, const char *b) {
  const char *parts[3] = {a, b ? sep : "", b ? b : ""};
  size_t len = 0;
  for (int i = 0; i < 3; i++) {
    size_t n = strlen(parts[i]);
    if (len + n >= size) n = size - 1 - len; /* cut to fit (may split a character) */
    memcpy(buf + len, parts[i], n);
    len += n;
  }
  buf[len] = '\0';
  return len;
}

/* The yen in Japanese: 円 after the number, 万/億/兆 for compact amounts. */
static int yen_in_japanese(const char *currency, const char *lang) {
  return currency && lang && strcmp(currency, "JPY") == 0 && strcmp(lang, "ja") == 0;
}

size_t bd_format_money(double v, const char *currency, int compact, const char *lang, char *buf,
                       size_t size) {
  if (size == 0) return 0;
  int yen = yen_in_japanese(currency, lang);
  int show_currency = currency && *currency && !(compact & BD_MONEY_BARE);
  size_t code_len = show_currency && !yen ? strlen(currency) : 0;
  double a = fabs(v);
  if (!isfinite(v) || code_len > 32 || a >= 9007199254740992.0) { /* rare: by the slow path */
    char number[64];
    if (!isfinite(v))
      snprintf(number, sizeof number, "-");
    else /* beyond the contract's amounts: printf's digits, no units */
      format_c(number, sizeof number, "%.0f", v);
    if (yen && show_currency && isfinite(v)) return join3(buf, size, number, "", "\xE5\x86\x86");
    return code_len ? join3(buf, size, currency, " ", number) : join3(buf, size, number, "", NULL);
  }
  /* The text is put together here, then copied once: code, sign, digits
   * and unit, 円. */
  char text[96], *p = text;
  if (code_len) {
    memcpy(p, currency, code_len);
    p += code_len;
    *p++ = ' ';
  }
  uint64_t whole = (uint64_t)round(a); /* round() is half away from zero; exact below 2^53 */
  if (v < 0 && whole > 0) *p++ = '-';
  if ((compact & BD_MONEY_COMPACT) && whole >= (yen ? 10000u : 1000u))
    p += yen ? put_compact(p, whole, units_ja, 3) : put_compact(p, whole, units_en, 4);
  else
    p += put_grouped(p, whole);
  if (yen && show_currency) {
    memcpy(p, "\xE5\x86\x86", 3); /* 円 */
    p += 3;
  }
  size_t len = (size_t)(p - text);
  if (len >= size) len = size - 1; /* cut to fit */
  memcpy(buf, text, len);
  buf[len] = '\0';
  return len;
}

size_t bd_format_amount(double v, const char *currency, int compact, char *buf, size_t size) {
  return bd_format_money(v, currency, compact ? BD_MONEY_COMPACT : 0, "en", buf, size);
}

size_t bd_format_slo(double slo_percent, char *buf, size_t size) {
  if (size == 0) return 0;
  char number[40];
  size_t n = bd_format_number(slo_percent, number, sizeof number);
  if (!isfinite(slo_percent)) return format_c(buf, size, "-");
  number[n] = '\0';
  return format_c(buf, size, "%s%%", number);
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

/* The decimal value of v (finite, not 0) as digits * 10^exp10 with no
 * trailing zero in digits (below 10^17), read from its shortest text: the
 * number as the plan or the analysis wrote it, not the binary double. */
static void decimal_of(double v, uint64_t *digits, int *exp10) {
  char text[40];
  bd_format_number(v, text, sizeof text);
  uint64_t d = 0;
  int e = 0, after_point = 0;
  const char *s = text + (text[0] == '-');
  for (; *s == '.' || (*s >= '0' && *s <= '9'); s++) {
    if (*s == '.')
      after_point = 1;
    else {
      d = d * 10 + (uint64_t)(*s - '0');
      e -= after_point;
    }
  }
  if (*s == 'e') e += atoi(s + 1);
  while (d % 10 == 0) {
    d /= 10;
    e++;
  }
  *digits = d;
  *exp10 = e;
}

/* The number of decimal digits of u (at least 1). */
static int digit_count(uint64_t u) {
  int n = 1;
  while (u >= 10) {
    u /= 10;
    n++;
  }
  return n;
}

size_t bd_format_share(double share, char *buf, size_t size) {
  if (!isfinite(share)) return format_c(buf, size, "-");
  if (share == 0) return format_c(buf, size, "0%%");
  uint64_t digits;
  int e;
  decimal_of(share, &digits, &e);
  e += 2;                                      /* the percentage: digits * 10^e */
  int magnitude = digit_count(digits) - 1 + e; /* floor(log10 |percent|) */
  /* Beyond any share a report holds: printf's digits. */
  if (magnitude > 15) return format_c(buf, size, "%.1f%%", share * 100);
  if (magnitude < -17) return format_c(buf, size, "%.1g%%", share * 100);
  /* Decimals: one from 10%, two significant digits from 0.1%, else one. */
  int decimals = magnitude >= 1 ? 1 : magnitude >= -1 ? 1 - magnitude : -magnitude;
  int exactly_one = share == 1 || share == -1;
  uint64_t shown;
  for (;;) {
    int shift = e + decimals;
    shown = shift >= 0 ? digits * powers_of_ten[shift] : div_round(digits, -shift);
    /* Add decimals until a value that is not exactly 1 (or 0) does not read
     * as 100% (or 0%). */
    int reads_100 = shown == 100 * powers_of_ten[decimals] && !exactly_one;
    if (!reads_100 && shown != 0) break;
    decimals++;
  }
  char text[48], *p = text;
  if (share < 0) *p++ = '-';
  p += put_digits(p, shown / powers_of_ten[decimals]);
  uint64_t fraction = shown % powers_of_ten[decimals];
  if (fraction) { /* trailing zeros dropped, as %g drops them */
    *p++ = '.';
    char frac[24];
    size_t n = put_digits(frac, fraction + powers_of_ten[decimals]) - 1; /* with leading zeros */
    while (n > 0 && frac[n] == '0') n--;
    memcpy(p, frac + 1, n);
    p += n;
  }
  *p++ = '%';
  size_t len = (size_t)(p - text);
  if (size == 0) return 0;
  if (len >= size) len = size - 1;
  memcpy(buf, text, len);
  buf[len] = '\0';
  return len;
}
