/*
 * pptx_text.c - the words and figures of the deck: labels from the host's
 * catalogue, figures through the host's display rules (the same text as
 * the pdf deck), text measured with pango and the shipped fonts, and the
 * speaker notes being collected.
 */
#include "pptx.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../deck/deck_text.h"

/* The next scratch buffer of the ring. */
static char *next_buf(pptx *d) {
  return d->fmt[d->fmt_next++ % 8];
}

/* See pptx.h. */
const char *pptx_msg(pptx *d, const char *key) {
  return d->host->message(d->req->output, key);
}

/* See pptx.h. */
const char *pptx_enum(pptx *d, const char *prefix, const char *name) {
  char key[96];
  snprintf(key, sizeof key, "%s.%s", prefix, name);
  const char *s = pptx_msg(d, key);
  return s && strcmp(s, key) != 0 ? s : name;
}

/* See pptx.h. */
const char *pptx_money(pptx *d, double v, const char *currency, int flags) {
  char *buf = next_buf(d);
  d->host->format_money(v, currency, flags, d->req->lang, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pptx.h. */
const char *pptx_amount(pptx *d, double v, int compact) {
  return pptx_money(d, v, d->r->currency, compact ? BD_MONEY_COMPACT | BD_MONEY_BARE : 0);
}

/* See pptx.h. */
const char *pptx_duration(pptx *d, double hours) {
  char *buf = next_buf(d);
  d->host->format_duration(hours, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pptx.h. */
const char *pptx_share(pptx *d, double share) {
  char *buf = next_buf(d);
  d->host->format_share(share, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pptx.h. */
const char *pptx_slo(pptx *d, double slo) {
  char *buf = next_buf(d);
  d->host->format_slo(slo, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pptx.h. */
const char *pptx_number(pptx *d, double v) {
  char *buf = next_buf(d);
  d->host->format_number(v, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pptx.h.  The sign of the rounded amount, as the pdf deck shows it. */
const char *pptx_signed(pptx *d, double v, const char *currency) {
  double rounded = round(v);
  const char *number = pptx_money(d, fabs(rounded), currency ? currency : d->r->currency, 0);
  char *buf = next_buf(d);
  snprintf(buf, sizeof d->fmt[0], "%s%s",
           rounded > 0   ? "+"
           : rounded < 0 ? "\xe2\x88\x92"
                         : "",
           number);
  return buf;
}

/* The pdf text engine's font for a deck font. */
static pdf_font pdf_of(pptx_font f) {
  return (pdf_font){deck_pt(f.px), f.bold};
}

/* See pptx.h. */
double pptx_width(pptx *d, const char *text, pptx_font f) {
  return text && *text ? pdf_text_width(d->text, text, pdf_of(f)) / DECK_PT_PER_PX : 0;
}

/* See pptx.h. */
int pptx_lines(pptx *d, const char *text, pptx_font f, double width_px) {
  if (text == NULL || *text == '\0') return 1;
  int lines = 0;
  const char *p = text;
  for (;;) { /* each paragraph on its own */
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    char buf[2048];
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    int l = n ? pdf_text_line_count(d->text, buf, pdf_of(f), deck_pt(width_px), 0) : 1;
    lines += l > 0 ? l : 1;
    if (nl == NULL) break;
    p = nl + 1;
  }
  return lines;
}

/* See pptx.h. */
double pptx_fit(pptx *d, const char *text, pptx_font f, double width_px, double height_px,
                double min_px) {
  for (double px = f.px; px > min_px; px -= 0.5) {
    pptx_font g = f;
    g.px = px;
    if (pptx_lines(d, text, g, width_px) * px * PPTX_LINE <= height_px) return px;
  }
  return min_px;
}

/* See pptx.h. */
int pptx_is_japanese(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (p && *p) {
    size_t len;
    unsigned c = deck_text_decode(p, &len);
    if ((c >= 0x3000 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFF00 && c <= 0xFFEF))
      return 1;
    p += len;
  }
  return 0;
}

/* See pptx.h. */
void pptx_note(pptx *d, const char *fmt, ...) {
  char line[2048];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  size_t len = strlen(line);
  if (d->notes_len + len + 2 > d->notes_cap) {
    size_t cap = (d->notes_cap + len + 2) * 2;
    char *notes = realloc(d->notes, cap);
    if (notes == NULL) {
      d->failed = 1;
      return;
    }
    d->notes = notes;
    d->notes_cap = cap;
  }
  memcpy(d->notes + d->notes_len, line, len);
  d->notes_len += len;
  d->notes[d->notes_len++] = '\n';
  d->notes[d->notes_len] = '\0';
}
