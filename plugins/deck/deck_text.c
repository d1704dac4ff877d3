/*
 * deck_text.c - the browser-safe line model of the deck: an advance table
 * of code points (DejaVu Sans metrics, the widest common fallback, on the
 * wide side) and the line breaks a browser surely may make (after spaces;
 * in Japanese between phrases, as with CSS word-break: auto-phrase).  The
 * planner counts lines with it and with pango (deck_rows.c) and keeps the
 * larger count; the html writer fits one-line texts with it.
 */
#include "deck_text.h"

#include <stddef.h>

/* Decodes one UTF-8 sequence at s; sets *len to its length (1 for a bad
 * byte) and returns the code point (0xFFFD for a bad byte). */
unsigned deck_text_decode(const unsigned char *s, size_t *len) {
  unsigned c = s[0];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0) {
    *len = 1;
    return 0xFFFD;
  }
  unsigned cp = n == 1 ? c : c & (0x7F >> n);
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  *len = n;
  return cp;
}

/* advance() of the ASCII code points, looked up rather than worked out:
 * text fitting measures every title of a large report. */
static const double ascii_advance[128] = {
    0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, /* 0-7 */
    0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, /* 8-15 */
    0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, /* 16-23 */
    0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, /* 24-31 */
    0.32, 0.3,  0.63, 0.63, 0.63, 0.63, 0.63, 0.3,  /* 32-39 */
    0.42, 0.42, 0.63, 0.63, 0.3,  0.42, 0.3,  0.63, /* 40-47 */
    0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, /* 48-55 */
    0.63, 0.63, 0.3,  0.3,  0.63, 0.63, 0.63, 0.63, /* 56-63 */
    0.63, 0.73, 0.73, 0.73, 0.73, 0.73, 0.73, 0.73, /* 64-71 */
    0.73, 0.42, 0.73, 0.73, 0.73, 0.96, 0.73, 0.73, /* 72-79 */
    0.73, 0.73, 0.73, 0.73, 0.73, 0.73, 0.73, 0.96, /* 80-87 */
    0.73, 0.73, 0.73, 0.63, 0.63, 0.63, 0.63, 0.63, /* 88-95 */
    0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.42, 0.63, /* 96-103 */
    0.63, 0.3,  0.3,  0.63, 0.3,  0.96, 0.63, 0.63, /* 104-111 */
    0.63, 0.63, 0.42, 0.63, 0.42, 0.63, 0.63, 0.96, /* 112-119 */
    0.63, 0.63, 0.63, 0.63, 0.3,  0.63, 0.63, 0.63, /* 120-127 */
};

/* Estimated advance of one code point in em, on the wide side (DejaVu Sans
 * metrics, the widest common fallback), so that fitted text never spills.
 * ascii_advance holds the same values for c < 0x80. */
double deck_text_advance(unsigned c) {
  if (c < 0x80) return ascii_advance[c];
  if (c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                      (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x1F300))
    return 1.0;
  if (c == '.' || c == ',' || c == ':' || c == ';' || c == '\'' || c == '|' || c == 'i' ||
      c == 'l' || c == 'j' || c == '!')
    return 0.3;
  if (c == ' ') return 0.32;
  if (c == 't' || c == 'f' || c == 'r' || c == 'I' || c == '(' || c == ')' || c == '-') return 0.42;
  if (c == 'm' || c == 'w' || c == 'M' || c == 'W') return 0.96;
  if (c >= 'A' && c <= 'Z') return 0.73;
  if (c < 0x80) return 0.63;
  return 0.66;
}

double deck_text_em(const char *s) {
  double w = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    size_t n;
    w += deck_text_advance(deck_text_decode(p, &n));
    p += n;
  }
  return w;
}

/* Line-breaking class of a code point: where a browser may break a line. */
typedef enum {
  BRK_SPACE,
  BRK_OTHER,
  BRK_HIRAGANA,
  BRK_PARTICLE, /* が を に で と は も の へ や: a Japanese phrase may end here */
  BRK_CJK,
  BRK_OPEN,
  BRK_CLOSE
} brk_class;

static brk_class brk_class_of(unsigned c) {
  if (c == ' ') return BRK_SPACE;
  if (c == 0x304C || c == 0x3092 || c == 0x306B || c == 0x3067 || c == 0x3068 || c == 0x306F ||
      c == 0x3082 || c == 0x306E || c == 0x3078 || c == 0x3084)
    return BRK_PARTICLE;
  if (c >= 0x3041 && c <= 0x309F) return BRK_HIRAGANA;
  if (c == 0x3001 || c == 0x3002 || c == 0xFF09 || c == 0x300D || c == 0x300F || c == 0xFF1A ||
      c == 0x30FB || c == 0xFF0C || c == 0xFF01 || c == 0xFF1F)
    return BRK_CLOSE; /* 、。）」』：・，！？ */
  if (c == 0xFF08 || c == 0x300C || c == 0x300E) return BRK_OPEN; /* （「『 */
  if (deck_text_advance(c) >= 1.0) return BRK_CJK;
  return BRK_OTHER;
}

/* Whether a line may break between prev and c.  On the cautious side of
 * what a browser does: Latin breaks only after spaces; Japanese (with
 * word-break: auto-phrase) only between phrases, approximated as after
 * closing punctuation, before opening punctuation and after a particle
 * (が, を, に, ...) that kanji, katakana or Latin follow, so that 申し込む
 * or a katakana word stays whole.  Fewer
 * break points than the browser's give as many lines or more, never fewer. */
static int may_break(brk_class prev, brk_class c) {
  if (c == BRK_SPACE) return 0;
  return prev == BRK_SPACE || (prev == BRK_CLOSE && c != BRK_CLOSE) ||
         (c == BRK_OPEN && prev != BRK_OPEN) ||
         (prev == BRK_PARTICLE && c != BRK_HIRAGANA && c != BRK_PARTICLE && c != BRK_CLOSE);
}

size_t deck_wrap(const char *s, double max_em, deck_span *lines, size_t max_lines) {
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  size_t count = 0, start = 0, at = 0, brk = 0, end = 0; /* end: after the last non-space */
  double w = 0, w_brk = 0;
  brk_class prev = BRK_SPACE;
  while (p[at] == ' ') at++; /* no leading spaces */
  start = brk = end = at;
  while (p[at]) {
    size_t n;
    unsigned c = deck_text_decode(p + at, &n);
    brk_class k = brk_class_of(c);
    double a = deck_text_advance(c);
    if (at > start && may_break(prev, k)) brk = at, w_brk = w;
    if (k != BRK_SPACE && w + a > max_em && at > start) {
      size_t cut = brk > start ? brk : at; /* a phrase too long for a line breaks anywhere */
      size_t stop = cut;
      while (stop > start && p[stop - 1] == ' ') stop--;
      if (count < max_lines) lines[count].start = start, lines[count].len = stop - start;
      count++;
      w = cut == brk ? w - w_brk : 0;
      start = brk = cut;
      w_brk = 0;
    }
    w += a;
    if (k != BRK_SPACE) end = at + n;
    prev = k;
    at += n;
  }
  if (end > start) {
    if (count < max_lines) lines[count].start = start, lines[count].len = end - start;
    count++;
  }
  return count;
}
