/* archive_name.c - see archive_name.h.
 *
 * The rule (README.md, "Archive names"):
 *  1. The name is brought to NFC, so "café" typed composed or decomposed
 *     is one file.  This is a small NFC: each character absorbs the
 *     combining marks that directly follow it by the canonical composition
 *     pairs of Unicode (and Hangul syllables are composed), which turns
 *     NFD and most mixed text into NFC.  It does not decompose or reorder:
 *     a mark that cannot compose stops composition of the marks after it
 *     (rare sequences of several marks in a non-canonical order, or a
 *     precomposed character followed by a mark that would recompose
 *     differently, stay as they are).
 *  2. Kept: ASCII letters and digits, '_', and the non-ASCII letters,
 *     combining marks and decimal digits of Unicode (general categories
 *     L*, Mn, Mc, Nd), except variation selectors and the grapheme joiner.
 *  3. '.' and '-' are kept between two kept characters ('.' only before a
 *     kept one); every other run of characters becomes one '-': spaces,
 *     punctuation, '/', '\', look-alike slashes (U+2215, U+FF0F, ...),
 *     bidi controls (U+202A-202E, U+2066-2069, U+200E/F), zero-width
 *     characters (U+200B-200D, U+2060, U+FEFF), emoji and other symbols.
 *  4. No leading '.' or '-', no trailing '.' or '-', at most 100 bytes
 *     (never cutting a character), "plan" when nothing is left.
 */
#include "cli/archive_name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive_name_tables.h"

enum { REPLACEMENT = 0xFFFD };

/* Decodes the UTF-8 character at *p (advancing it); malformed bytes give
 * U+FFFD, which is not kept. */
static unsigned next_code_point(const unsigned char **p) {
  const unsigned char *s = *p;
  unsigned c = s[0];
  int n = c < 0x80             ? 0
          : (c & 0xE0) == 0xC0 ? 1
          : (c & 0xF0) == 0xE0 ? 2
          : (c & 0xF8) == 0xF0 ? 3
                               : -1;
  if (n < 0) {
    *p = s + 1;
    return REPLACEMENT;
  }
  c = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
  for (int i = 1; i <= n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *p = s + i;
      return REPLACEMENT;
    }
    c = (c << 6) | (s[i] & 0x3F);
  }
  *p = s + n + 1;
  return c;
}

/* Encodes c as UTF-8 into out (4 bytes); returns the length. */
static size_t encode(unsigned c, char *out) {
  if (c < 0x80) return out[0] = (char)c, 1;
  if (c < 0x800) {
    out[0] = (char)(0xC0 | c >> 6);
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | c >> 12);
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | c >> 18);
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* The canonical composition of first and second, or 0 when there is none. */
static unsigned compose(unsigned first, unsigned second) {
  enum { S_BASE = 0xAC00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11A7 };
  enum { L_COUNT = 19, V_COUNT = 21, T_COUNT = 28, N_COUNT = V_COUNT * T_COUNT };
  if (first >= L_BASE && first < L_BASE + L_COUNT && second >= V_BASE && second < V_BASE + V_COUNT)
    return S_BASE + ((first - L_BASE) * V_COUNT + (second - V_BASE)) * T_COUNT;
  if (first >= S_BASE && first < S_BASE + L_COUNT * N_COUNT && (first - S_BASE) % T_COUNT == 0 &&
      second > T_BASE && second < T_BASE + T_COUNT)
    return first + (second - T_BASE);
  size_t lo = 0, hi = sizeof composition_pairs / sizeof composition_pairs[0];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const unsigned *p = composition_pairs[mid];
    if (p[0] == first && p[1] == second) return p[2];
    if (p[0] < first || (p[0] == first && p[1] < second))
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

/* Whether c stays in a file name as it is. */
static int kept(unsigned c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  size_t lo = 0, hi = sizeof kept_ranges / sizeof kept_ranges[0];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c < kept_ranges[mid][0])
      hi = mid;
    else if (c > kept_ranges[mid][1])
      lo = mid + 1;
    else
      return 1;
  }
  return 0;
}

/* Decodes name into a new array of code points in NFC (see the rule);
 * *count is its length.  Returns NULL when memory ran out. */
static unsigned *nfc_code_points(const char *name, size_t *count) {
  size_t cap = strlen(name) + 1, n = 0;
  unsigned *cps = malloc(cap * sizeof *cps);
  if (cps == NULL) return NULL;
  const unsigned char *p = (const unsigned char *)name;
  while (*p) {
    unsigned c = next_code_point(&p);
    unsigned composed = n > 0 ? compose(cps[n - 1], c) : 0;
    if (composed)
      cps[n - 1] = composed;
    else
      cps[n++] = c;
  }
  *count = n;
  return cps;
}

void bd_archive_file_name(const char *name, char *buf, size_t size) {
  size_t len = 0, limit = size - 1 < 100 ? size - 1 : 100, count = 0;
  unsigned *cps = nfc_code_points(name, &count);
  int last_kept = 0;
  for (size_t i = 0; cps != NULL && i < count && len < limit; i++) {
    char utf8[4];
    if (kept(cps[i])) {
      size_t n = encode(cps[i], utf8);
      if (len + n > limit) break;
      memcpy(buf + len, utf8, n);
      len += n;
      last_kept = 1;
    } else if (last_kept && i + 1 < count) {
      /* '.' and '-' stay between kept characters; any other run is '-'. */
      buf[len++] = (cps[i] == '.' && kept(cps[i + 1])) ? '.' : '-';
      last_kept = 0;
    }
  }
  free(cps);
  while (len > 0 && (buf[len - 1] == '-' || buf[len - 1] == '.')) len--;
  buf[len] = '\0';
  if (len == 0) snprintf(buf, size, "plan");
}
