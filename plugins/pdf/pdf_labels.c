/* pdf_labels.c - words and figures as every view shows them: catalogue
 * labels, amounts, durations and shares through the host's display rules,
 * the marks and colours of cells and decisions; see pdf.h. */
#include "pdf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* See pdf.h. */
const char *pdf_msg(pdf_doc *d, const char *key) {
  const char *s = d->host->message(d->req->output, key);
  return s ? s : key;
}

/* See pdf.h. */
const char *pdf_enum_label(pdf_doc *d, const char *prefix, const char *name) {
  char key[96];
  snprintf(key, sizeof key, "%s.%s", prefix, name);
  const char *s = d->host->message(d->req->output, key);
  return s && strcmp(s, key) != 0 ? s : name;
}

/* See pdf.h. */
const char *pdf_category(pdf_doc *d, size_t c) {
  return pdf_enum_label(d, "category", d->r->categories[c]);
}

/* The next scratch buffer of the ring. */
static char *next_buf(pdf_doc *d) {
  return d->fmt[d->fmt_next++ % 8];
}

/* See pdf.h. */
const char *pdf_money(pdf_doc *d, double v, const char *currency, int flags) {
  char *buf = next_buf(d);
  d->host->format_money(v, currency, flags, d->req->lang, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pdf.h. */
const char *pdf_amount(pdf_doc *d, double v, int compact) {
  return pdf_money(d, v, d->r->currency, compact ? BD_MONEY_COMPACT | BD_MONEY_BARE : 0);
}

/* See pdf.h. */
const char *pdf_slo(pdf_doc *d, double slo_percent) {
  char *buf = next_buf(d);
  d->host->format_slo(slo_percent, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pdf.h. */
const char *pdf_duration(pdf_doc *d, double hours) {
  char *buf = next_buf(d);
  d->host->format_duration(hours, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pdf.h. */
const char *pdf_share(pdf_doc *d, double share) {
  char *buf = next_buf(d);
  d->host->format_share(share, buf, sizeof d->fmt[0]);
  return buf;
}

/* See pdf.h. */
const char *pdf_amount_sample(pdf_doc *d, double max) {
  /* The widest is max itself or a value just below where rounding moves
   * to the next unit or drops the decimal ("999K", "9,995万", "9.9M"), as
   * the host writes it in the request's language; its digits become 8s. */
  /* Widest by measure, not by length: "888K" is wider than "8.8M". */
  char *widest = next_buf(d), text[64];
  double widest_w = -1;
  double candidate = max;
  widest[0] = '\0';
  for (int k = 1; k <= 16; k++) {
    if (candidate >= 0) {
      size_t n = d->host->format_money(candidate, d->r->currency, BD_MONEY_COMPACT | BD_MONEY_BARE,
                                       d->req->lang, text, sizeof text);
      if (n < sizeof d->fmt[0]) {
        for (size_t i = 0; i < n; i++) text[i] = text[i] >= '0' && text[i] <= '9' ? '8' : text[i];
        double w = pdf_text_width(d->text, text, d->f_cell_bold);
        if (w > widest_w) {
          memcpy(widest, text, n + 1);
          widest_w = w;
        }
      }
    }
    candidate = floor(pow(10, k) * 0.9995) - 1; /* 8, 98, 998, 9,993, ... */
    if (candidate > max) break;
  }
  return widest;
}

/* See pdf.h. */
const char *pdf_duration_sample(double max_hours) {
  /* "59m", "23h 59m", "9d 23h" ... "9999d 23h" (two units at most); a
   * smaller value may take the wider hours-and-minutes form. */
  if (!(max_hours >= 1)) return "88m";
  double days = max_hours / 24;
  return days < 99.5 ? "88h 88m" : days < 999.5 ? "888d 88h" : "8888d 88h";
}

/* See pdf.h. */
const char *pdf_kind_letter(pdf_doc *d, bd_kind kind, char *buf, size_t size) {
  const char *label = pdf_enum_label(d, "kind", bd_kind_name(kind));
  size_t n = 1;
  while (label[0] && label[n] && ((unsigned char)label[n] & 0xC0) == 0x80) n++;
  snprintf(buf, size, "%.*s", (int)n, label);
  return buf;
}

/* See pdf.h. */
void pdf_kind_key(pdf_doc *d, double x, double y, double w) {
  char buf[512];
  size_t used = 0;
  for (int k = 0; k < BD_KIND_COUNT && used < sizeof buf; k++) {
    char letter[8];
    int n = snprintf(buf + used, sizeof buf - used, "%s%s %s", k ? "   " : "",
                     pdf_kind_letter(d, (bd_kind)k, letter, sizeof letter),
                     pdf_enum_label(d, "kind", bd_kind_name((bd_kind)k)));
    if (n > 0) used += (size_t)n;
  }
  pdf_draw(d, buf, d->f_small, BD_COLOR_MUTED, x, y + (d->f_head.size - d->f_small.size), w, 1,
           PDF_ALIGN_RIGHT);
}

/* See pdf.h. */
const char *pdf_cell_mark(bd_cell cell) {
  switch (cell) {
  case BD_CELL_PLANNED:
    return "\xe2\x97\x8b"; /* ○ */
  case BD_CELL_IMPLEMENTED:
    return "\xe2\x97\x8f"; /* ● */
  case BD_CELL_STALE:
    return "\xe2\x97\x90"; /* ◐ */
  case BD_CELL_VERIFIED:
    return "\xe2\x9c\x93"; /* ✓ */
  case BD_CELL_FAILING:
    return "\xe2\x9c\x97"; /* ✗ */
  default:
    return "\xe2\x80\x93"; /* – */
  }
}

/* See pdf.h. */
uint32_t pdf_cell_color(bd_cell cell) {
  switch (cell) {
  case BD_CELL_PLANNED:
    return BD_COLOR_CELL_PLANNED;
  case BD_CELL_IMPLEMENTED:
    return BD_COLOR_CELL_IMPLEMENTED;
  case BD_CELL_STALE:
    return BD_COLOR_CELL_STALE;
  case BD_CELL_VERIFIED:
    return BD_COLOR_CELL_VERIFIED;
  case BD_CELL_FAILING:
    return BD_COLOR_CELL_FAILING;
  default:
    return BD_COLOR_CELL_NONE;
  }
}

/* See pdf.h. */
uint32_t pdf_decision_color(bd_decision decision) {
  switch (decision) {
  case BD_DECISION_MITIGATE:
    return BD_COLOR_ACCENT;
  case BD_DECISION_ACCEPT:
    return BD_COLOR_CELL_STALE;
  case BD_DECISION_ACCEPTED:
    return BD_COLOR_CELL_PLANNED;
  default:
    return BD_COLOR_CELL_NONE;
  }
}
