/*
 * pdf_breaks.c - the line-breaking classes of characters and the break
 * opportunities of a text; see pdf_breaks.h.
 */
#include "pdf_breaks.h"

#include <string.h>

/* Decodes the UTF-8 character at s[*i] and advances *i; a malformed byte
 * is taken as itself (it gets no special class). */
static uint32_t next_code_point(const char *s, size_t *i) {
  const char *p = s + *i, *next = g_utf8_find_next_char(p, NULL);
  gunichar c = g_utf8_get_char_validated(p, next ? next - p : -1);
  if (c == (gunichar)-1 || c == (gunichar)-2) {
    *i += 1;
    return (unsigned char)*p;
  }
  *i += (size_t)(next ? next - p : (ptrdiff_t)strlen(p));
  return c;
}

/* Returns 1 if c is in the NUL-terminated UTF-8 list. */
static int in_list(uint32_t c, const char *list) {
  for (const char *p = list; *p; p = g_utf8_next_char(p))
    if (g_utf8_get_char(p) == c) return 1;
  return 0;
}

/* See pdf_breaks.h. */
int pdf_break_class(uint32_t c) {
  if (c == ' ' || c == 0x3000) return BR_SPACE;
  if (c < 128) {
    if (c >= '0' && c <= '9') return BR_DIGIT;
    if (c == '-' || c == '/') return BR_HYPHEN;
    if (strchr(")]},.;:!?%", (int)c)) return BR_CLOSE;
    if (strchr("([{", (int)c)) return BR_OPEN;
    return BR_ALPHA;
  }
  if (c >= 0xFF10 && c <= 0xFF19) return BR_DIGIT; /* fullwidth digits */
  if (c == 0x2010 || c == 0x2013) return BR_HYPHEN;
  if (in_list(c, "ー・ァィゥェォッャュョヮヵヶヽヾｰ･ｧｨｩｪｫｯｬｭｮ")) return BR_KANA_MID;
  if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F))
    return BR_KANA;
  if (in_list(c, "、。，．：；？！〜‐゠」』）］｝〉》】〕〗〙〛’”»›ぁぃぅぇぉっゃゅょゎゕゖ"
                 "々〻ゝゞ％"))
    return BR_CLOSE;
  if (in_list(c, "「『（［｛〈《【〔〖〘〚‘“«‹")) return BR_OPEN;
  if (in_list(c, "万億兆千百円日時間分秒年月週回件人個倍台本枚割歳")) return BR_COUNTER;
  if ((c >= 0x2E80 && c < 0xA000) || (c >= 0xAC00 && c < 0xD7B0) || (c >= 0xF900 && c < 0xFB00) ||
      (c >= 0xFF00 && c < 0xFFF0) || (c >= 0x20000 && c < 0x40000))
    return BR_IDEO;
  return BR_ALPHA;
}

/* See pdf_breaks.h. */
size_t pdf_break_opportunities(const char *s, unsigned char *may_break, size_t max) {
  size_t i = 0, len = strlen(s), count = 0;
  int prev = BR_OPEN;
  while (i < len && count < max) {
    uint32_t c = next_code_point(s, &i);
    int cls = pdf_break_class(c);
    may_break[count] =
        count > 0 && (prev == BR_SPACE || (cls != BR_SPACE && pdf_break_between(prev, cls, c)));
    count++;
    prev = cls;
  }
  return count;
}

/* Returns 1 when a Unicode line breaker (pango's) may part two
 * neighbours the rules of pdf_breaks.h keep together. */
static int needs_joiner(int prev, int cls) {
  return ((prev == BR_KANA || prev == BR_KANA_MID) && (cls == BR_KANA || cls == BR_KANA_MID)) ||
         ((prev == BR_DIGIT || prev == BR_COUNTER) && cls == BR_COUNTER);
}

/* See pdf_breaks.h. */
void pdf_break_kept_runs(const char *s, void (*kept)(void *ctx, size_t start, size_t end),
                         void *ctx) {
  size_t len = strlen(s), i = 0, run = 0, last = 0;
  int prev = BR_OPEN, in_run = 0;
  while (i < len && (unsigned char)s[i] < 0x80) i++;
  if (i == len) return;
  i = 0;
  while (i < len) {
    size_t at = i;
    int cls = pdf_break_class(next_code_point(s, &i));
    if (needs_joiner(prev, cls)) {
      if (!in_run) run = last;
      in_run = 1;
    } else if (in_run) {
      kept(ctx, run, at);
      in_run = 0;
    }
    last = at;
    prev = cls;
  }
  if (in_run) kept(ctx, run, len);
}
