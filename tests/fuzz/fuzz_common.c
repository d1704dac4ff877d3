/*
 * fuzz_common.c - invariants every fuzz target checks (see fuzz.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz.h"

_Noreturn void bd_fuzz_fail(const char *what) {
  fprintf(stderr, "fuzz: invariant broken: %s\n", what);
  abort();
}

/* Returns 1 when s is valid UTF-8 without C0 or C1 control characters,
 * U+2028, U+2029 or bidi controls (messages quote plan text, cut to a
 * length: never in the middle of a character). */
static int clean_text(const unsigned char *s) {
  while (*s) {
    unsigned c = *s, cp, width;
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) return 0;
      s++;
      continue;
    }
    if ((c & 0xE0) == 0xC0)
      cp = c & 0x1F, width = 2;
    else if ((c & 0xF0) == 0xE0)
      cp = c & 0x0F, width = 3;
    else if ((c & 0xF8) == 0xF0)
      cp = c & 0x07, width = 4;
    else
      return 0;
    for (unsigned k = 1; k < width; k++) {
      if ((s[k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((width == 2 && cp < 0x80) || (width == 3 && cp < 0x800) || (width == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F))
      return 0;
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069))
      return 0;
    s += width;
  }
  return 1;
}

int bd_fuzz_clean_text(const char *s) {
  return clean_text((const unsigned char *)s);
}

void bd_fuzz_check_diags(int rc, const void *plan, const void *diags) {
  const bd_diags *d = diags;
  if (rc == 0 && (plan == NULL || d->count != 0)) bd_fuzz_fail("accepted plan with errors");
  if (rc != 0 && (plan != NULL || d->count == 0)) bd_fuzz_fail("rejected plan without an error");
  bd_fuzz_check_messages(diags);
}

void bd_fuzz_check_messages(const void *diags) {
  const bd_diags *d = diags;
  for (size_t i = 0; i < d->count; i++) {
    const bd_diag *e = &d->items[i];
    if (e->message == NULL || e->message[0] == '\0') bd_fuzz_fail("empty diagnostic");
    if (!clean_text((const unsigned char *)e->message)) {
      fprintf(stderr, "fuzz: message: %s\n", e->message);
      bd_fuzz_fail("diagnostic is not clean UTF-8 text");
    }
    if ((e->line == 0) != (e->column == 0)) bd_fuzz_fail("diagnostic with half a position");
  }
}
