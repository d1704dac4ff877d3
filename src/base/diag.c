/* diag.c - see diag.h. */
#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"

enum { BD_DIAG_DEFAULT_LIMIT = 50 };

static size_t diag_limit(const bd_diags *d) {
  return d->limit ? d->limit : BD_DIAG_DEFAULT_LIMIT;
}

int bd_diags_full(const bd_diags *d) {
  return d->count >= diag_limit(d);
}

int bd_diag_add(bd_diags *d, const char *file, unsigned line, unsigned column, const char *fmt,
                ...) {
  if (bd_diags_full(d)) {
    d->dropped++;
    return -1;
  }
  if (d->count == d->capacity) {
    size_t cap = d->capacity ? d->capacity * 2 : 8;
    bd_diag *items = realloc(d->items, cap * sizeof *items);
    if (items == NULL) {
      d->dropped++;
      return -1;
    }
    d->items = items;
    d->capacity = cap;
  }
  va_list ap;
  va_start(ap, fmt);
  char *message = NULL;
  if (vasprintf(&message, fmt, ap) < 0) message = NULL;
  va_end(ap);
  if (message && bd_needs_escape(message, strlen(message))) {
    /* No message, whatever text it quotes, starts a line of its own. */
    char *escaped = bd_escape_dup(message, strlen(message), 0);
    free(message);
    message = escaped;
  }
  bd_diag *it = &d->items[d->count];
  it->file = file ? strdup(file) : NULL;
  it->line = line;
  it->column = column;
  it->message = message;
  if (message == NULL || (file && it->file == NULL)) {
    free(it->file);
    free(message);
    d->dropped++;
    return -1;
  }
  d->count++;
  return -1;
}

void bd_diags_free(bd_diags *d) {
  for (size_t i = 0; i < d->count; i++) {
    free(d->items[i].file);
    free(d->items[i].message);
  }
  free(d->items);
  d->items = NULL;
  d->count = d->capacity = d->dropped = 0;
}
