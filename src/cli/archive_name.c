/* archive_name.c - see archive_name.h. */
#include "cli/archive_name.h"

#include <stdio.h>
#include <string.h>

/* Whether c may stand in a file name as it is: ASCII letters, digits, '_'
 * and any byte of a non-ASCII UTF-8 character (the plan is valid UTF-8). */
static int name_char(unsigned char c) {
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_';
}

/* Copies name into buf as a safe file name: name characters are kept, a
 * '.' or '-' only between two of them, and every other run becomes one '-';
 * so no '/', no leading '.', no "..".  At most 100 bytes, never cutting a
 * character; "plan" when nothing is left. */
void bd_archive_file_name(const char *name, char *buf, size_t size) {
  size_t len = 0, limit = size - 1 < 100 ? size - 1 : 100;
  const unsigned char *p = (const unsigned char *)name;
  while (*p && len < limit) {
    size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
    if (name_char(*p)) {
      if (len + n > limit) break;
      memcpy(buf + len, p, n);
      len += n;
    } else if (len > 0 && name_char((unsigned char)buf[len - 1]) && p[1] != '\0') {
      /* '.' and '-' stay between name characters; anything else is '-'. */
      buf[len++] = (*p == '.' && name_char(p[1])) ? '.' : '-';
    }
    p += n;
  }
  while (len > 0 && (buf[len - 1] == '-' || buf[len - 1] == '.')) len--;
  buf[len] = '\0';
  if (len == 0) snprintf(buf, size, "plan");
}
