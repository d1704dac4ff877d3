/*
 * pdf_breaks.h - where a line of plan text may break: the line-breaking
 * class of a character and the rule between two neighbours, shared by the
 * fast path's breaker (pdf_text.c), its glyph cache (pdf_text_fonts.c) and the
 * pango path, which is told the same rules by attributes that disallow
 * breaks in a run (a word joiner, U+2060, would show in extracted text).
 *
 * Japanese breaks between most characters, but never inside a katakana run
 * (ー, ・ and small kana included: バジェット, プラットフォーム), never
 * between a number and the counter or unit after it (30日, 8,808万円,
 * 3時間), and, as everywhere, never inside a Latin word or a number.
 * Spaces are break points the caller handles itself.
 */
#ifndef BD_PDF_BREAKS_H
#define BD_PDF_BREAKS_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

/* Line-breaking classes. */
enum {
  BR_ALPHA,    /* letters, most symbols: break only at spaces and hyphens */
  BR_SPACE,    /* a break after it; the caller drops it at a line end */
  BR_HYPHEN,   /* a break after it when a letter or ideograph follows */
  BR_IDEO,     /* kanji, hiragana, Hangul: a break on both sides */
  BR_CLOSE,    /* closing punctuation, small hiragana: never starts a line */
  BR_OPEN,     /* opening punctuation: never ends a line */
  BR_KANA,     /* katakana: no break inside a katakana run */
  BR_KANA_MID, /* ー ・ small katakana: inside a katakana run, never starts a line */
  BR_DIGIT,    /* a digit: no break before a counter */
  BR_COUNTER   /* a counter or unit after a number (日 円 万 年 間 ...) */
};

/* The line-breaking class of the code point c. */
int pdf_break_class(uint32_t c);

/* Returns 1 for the classes of Japanese (and Chinese, Korean) text. */
static inline int pdf_break_cjk(int cls) {
  return cls == BR_IDEO || cls == BR_KANA || cls == BR_KANA_MID || cls == BR_COUNTER;
}

/* Returns 1 when a line may break between a character of class prev and
 * the character c of class cls (neither a space: spaces are handled by
 * the caller). */
static inline int pdf_break_between(int prev, int cls, uint32_t c) {
  if (cls == BR_CLOSE || cls == BR_KANA_MID || prev == BR_OPEN) return 0;
  if ((prev == BR_KANA || prev == BR_KANA_MID) && cls == BR_KANA) return 0;
  if ((prev == BR_DIGIT || prev == BR_COUNTER) && cls == BR_COUNTER) return 0;
  if (prev == BR_HYPHEN) return pdf_break_cjk(cls) || g_unichar_isalpha(c);
  return pdf_break_cjk(prev) || pdf_break_cjk(cls);
}

/* Marks in may_break[k] (1 or 0) whether a line may break before the k-th
 * character of the UTF-8 text s (k from 0 to count - 1; a space allows a
 * break before the character after it; the first character is 0), and
 * returns count, the number of characters, at most max.  For tests and
 * the pango path. */
size_t pdf_break_opportunities(const char *s, unsigned char *may_break, size_t max);

/* Calls kept(ctx, start, end) for every run of bytes [start, end) of s
 * that the rules above keep on one line but a Unicode line breaker
 * (pango's) would part: a katakana run, a number with its counter.  Does
 * nothing for ASCII text.  The pango path disallows breaks there. */
void pdf_break_kept_runs(const char *s, void (*kept)(void *ctx, size_t start, size_t end),
                         void *ctx);

#endif
