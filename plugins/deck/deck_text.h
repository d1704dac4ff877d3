/*
 * deck_text.h - the browser-safe line model of the deck (see deck_text.c):
 * how wide a text is in em, and where a browser surely may break it.
 */
#ifndef BD_DECK_TEXT_H
#define BD_DECK_TEXT_H

#include <stddef.h>

/* Decodes one UTF-8 sequence at s; sets *len to its length (1 for a bad
 * byte) and returns the code point (0xFFFD for a bad byte). */
unsigned deck_text_decode(const unsigned char *s, size_t *len);

/* Estimated advance of one code point in em, on the wide side. */
double deck_text_advance(unsigned c);

/* Estimated width of UTF-8 text in em (wide CJK characters count 1). */
double deck_text_em(const char *s);

/* A line of wrapped text: bytes [start, start + len) of the string. */
typedef struct deck_span {
  size_t start, len;
} deck_span;

/* Wraps s into lines of at most max_em each, breaking where a browser
 * would (after spaces; in Japanese between phrases, as with CSS
 * word-break: auto-phrase) and on the cautious side, so that the browser
 * never needs more lines; a word longer than a line breaks anywhere.
 * Fills up to max_lines spans of lines (may be NULL with max_lines 0) and
 * returns the number of lines the whole text takes (0 for NULL or ""). */
size_t deck_wrap(const char *s, double max_em, deck_span *lines, size_t max_lines);

#endif
