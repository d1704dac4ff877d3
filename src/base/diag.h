/*
 * diag.h - a list of positioned diagnostics ("file:line:col: error: ...").
 *
 * Library code never prints: it appends to a bd_diags and returns -1.  The
 * CLI prints the list.  The list owns its messages.
 */
#ifndef BD_DIAG_H
#define BD_DIAG_H

#include <stddef.h>

/* One diagnostic.  line and column are 1-based; 0 means "no position". */
typedef struct bd_diag {
  char *file;
  unsigned line;
  unsigned column;
  char *message;
} bd_diag;

/* A growing list of diagnostics; zero-initialise, set limit (0 = default 50). */
typedef struct bd_diags {
  bd_diag *items;
  size_t count;
  size_t capacity;
  size_t limit;   /* how many are kept; later ones are only counted */
  size_t dropped; /* how many were over the limit */
} bd_diags;

/* Appends a diagnostic with a printf-style message, escaped as bd_quote()
 * escapes (no line feed or bidi control survives; quote the strings you
 * insert with bd_quote() to shorten them too).  Always returns -1 so that
 * callers can write `return bd_diag_add(...)`. */
int bd_diag_add(bd_diags *d, const char *file, unsigned line, unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Whether the list is full (further errors would only be counted). */
int bd_diags_full(const bd_diags *d);

/* Frees every message; the list is empty and reusable afterwards. */
void bd_diags_free(bd_diags *d);

#endif
