/*
 * html_csp.c - the "sha256-BASE64" source expressions of the
 * Content-Security-Policy, so the browser runs exactly the inline style and
 * script we wrote and nothing else.  The digest comes from the host
 * (bd_host.sha256); this file only encodes it.
 */
#include "html_common.h"

#include <stdio.h>
#include <string.h>

void html_csp_hash(const bd_host *host, const void *data, size_t len, char *out, size_t size) {
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  unsigned char d[33];
  host->sha256(data, len, d);
  d[32] = 0;
  char text[64] = "sha256-";
  size_t o = 7;
  for (size_t i = 0; i < 32; i += 3) {
    unsigned v = (unsigned)d[i] << 16 | (unsigned)(i + 1 < 32 ? d[i + 1] : 0) << 8 |
                 (unsigned)(i + 2 < 32 ? d[i + 2] : 0);
    text[o++] = b64[(v >> 18) & 63];
    text[o++] = b64[(v >> 12) & 63];
    text[o++] = i + 1 < 32 ? b64[(v >> 6) & 63] : '=';
    text[o++] = i + 2 < 32 ? b64[v & 63] : '=';
  }
  text[o] = '\0';
  snprintf(out, size, "%s", text);
}
