/*
 * quote.h - text from outside (a plan, an evidence file, a --compare file,
 * a plugin) made safe to print: escaped and shortened.
 *
 * Escaped are what could forge or disguise a line of output: C0 controls
 * and DEL (\n, \t, \r, else \xNN), C1 controls, the line and paragraph
 * separators U+2028 and U+2029 and the bidirectional controls (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), all as \uXXXX, and bytes
 * that are not valid UTF-8 (\xNN).  Everything else is copied as is.
 */
#ifndef BD_QUOTE_H
#define BD_QUOTE_H

#include <stddef.h>

/* The number of code points bd_quote() keeps before it writes "...". */
#define BD_QUOTE_MAX_POINTS 40

/* Writes s[0..len) escaped and in single quotes into buf (size bytes, at
 * least 16), at most BD_QUOTE_MAX_POINTS code points, then "..."; returns
 * buf (the caller's). */
char *bd_quote(const char *s, size_t len, char *buf, size_t size);

/* Returns a malloc'ed copy of s[0..len) escaped (without quotes), cut after
 * max_points code points with "..." (0: not cut), or NULL when out of
 * memory.  The caller frees it. */
char *bd_escape_dup(const char *s, size_t len, size_t max_points);

/* Whether s[0..len) holds anything bd_escape_dup() would escape. */
int bd_needs_escape(const char *s, size_t len);

#endif
