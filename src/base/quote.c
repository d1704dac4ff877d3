/* quote.c - see quote.h. */
#include "base/quote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decodes the UTF-8 sequence at s[i..len): returns its length (1-4) and
 * sets *point, or returns 0 when the bytes there are not valid UTF-8. */
static size_t decode(const unsigned char *s, size_t i, size_t len, unsigned long *point) {
  unsigned char c = s[i];
  size_t n;
  unsigned long p, min;
  if (c < 0x80) {
    *point = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, p = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, p = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, p = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (len - i < n) return 0;
  for (size_t k = 1; k < n; k++) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    p = p << 6 | (s[i + k] & 0x3F);
  }
  if (p < min || p > 0x10FFFF || (p >= 0xD800 && p <= 0xDFFF)) return 0;
  *point = p;
  return n;
}

/* Whether a code point is escaped as \uXXXX: C1 controls, the line and
 * paragraph separators and the bidirectional controls. */
static int is_hidden(unsigned long p) {
  return (p >= 0x80 && p <= 0x9F) || p == 0x061C || p == 0x200E || p == 0x200F ||
         (p >= 0x2028 && p <= 0x202E) || (p >= 0x2066 && p <= 0x2069);
}

/* Writes the escaped form of the sequence at s[i..len) (n bytes, code point
 * p, n == 0 for an invalid byte) into out (at least 8 bytes); returns its
 * length. */
static size_t escape_one(const unsigned char *s, size_t i, size_t n, unsigned long p, char *out) {
  if (n == 0) return (size_t)snprintf(out, 8, "\\x%02X", s[i]);
  if (p == '\n' || p == '\t' || p == '\r') {
    out[0] = '\\';
    out[1] = p == '\n' ? 'n' : p == '\t' ? 't' : 'r';
    return 2;
  }
  if (p < 0x20 || p == 0x7F) return (size_t)snprintf(out, 8, "\\x%02lX", p);
  if (is_hidden(p)) return (size_t)snprintf(out, 8, "\\u%04lX", p);
  memcpy(out, s + i, n);
  return n;
}

/* Escapes s[0..len) into out (size bytes, NUL-terminated), at most
 * max_points code points (0: all) followed by "..."; returns the length
 * written, or the length needed when out is NULL. */
static size_t escape(const char *str, size_t len, size_t max_points, char *out, size_t size) {
  const unsigned char *s = (const unsigned char *)str;
  size_t o = 0, points = 0;
  char piece[8];
  for (size_t i = 0; i < len;) {
    if (max_points && points++ == max_points) {
      if (out && o + 3 >= size) break;
      if (out) memcpy(out + o, "...", 3);
      o += 3;
      break;
    }
    unsigned long p = 0;
    size_t n = decode(s, i, len, &p);
    size_t w = escape_one(s, i, n, p, piece);
    if (out && o + w >= size) break; /* the buffer is full: stop at a whole character */
    if (out) memcpy(out + o, piece, w);
    o += w;
    i += n ? n : 1;
  }
  if (out) out[o] = '\0';
  return o;
}

char *bd_quote(const char *s, size_t len, char *buf, size_t size) {
  buf[0] = '\'';
  size_t o = 1 + escape(s, len, BD_QUOTE_MAX_POINTS, buf + 1, size - 2);
  buf[o++] = '\'';
  buf[o] = '\0';
  return buf;
}

char *bd_escape_dup(const char *s, size_t len, size_t max_points) {
  size_t need = escape(s, len, max_points, NULL, 0) + 1;
  char *out = malloc(need);
  if (out) escape(s, len, max_points, out, need);
  return out;
}

int bd_needs_escape(const char *str, size_t len) {
  const unsigned char *s = (const unsigned char *)str;
  for (size_t i = 0; i < len;) {
    unsigned long p = 0;
    size_t n = decode(s, i, len, &p);
    if (n == 0 || p < 0x20 || p == 0x7F || is_hidden(p)) return 1;
    i += n;
  }
  return 0;
}
