/*
 * pdf_footer.c - the running footer of every page: where the page comes
 * from and "n / N".  A plan's pages say the plan's file, its full SHA-256
 * in a small monospace face, the generator and the as-of date, e.g.
 *   receipts.yaml · SHA-256 7884…e2 · badday 0.1.0 · As of 2025-01-29    3 / 12
 * The portfolio's own pages say "Portfolio of N plans" instead of a file
 * (their Sources list gives every plan's SHA-256).  What does not fit on
 * the footer line (the generator and the date, on slides) moves to the
 * top left of the page, opposite the running head.
 */
#include "pdf.h"

#include <stdio.h>
#include <string.h>

#define DOT " \xc2\xb7 "

/* The file name of path without its directories. */
static const char *base_name(const char *path) {
  const char *slash = path ? strrchr(path, '/') : NULL;
  return slash ? slash + 1 : path ? path : "";
}

/* "Portfolio of N plans" in the label's language into buf. */
static void portfolio_label(pdf_doc *d, char *buf, size_t size) {
  const char *label = pdf_msg(d, "pdf.portfolio_footer");
  const char *at = strstr(label, "{n}");
  if (at == NULL) {
    snprintf(buf, size, "%s (%zu)", label, d->portfolio->report_count);
    return;
  }
  snprintf(buf, size, "%.*s%zu%s", (int)(at - label), label, d->portfolio->report_count, at + 3);
}

/* See pdf.h. */
void pdf_footer(pdf_doc *d) {
  const bd_report *r = d->r;
  pdf_font f = d->f_frame;
  double lh = pdf_text_line_height(f);
  double y = d->h - (d->slides ? 30 : 40), top = y + lh * 0.35;
  pdf_hrule(d, d->x0, d->x1, y, 0.5, PDF_COLOR_RULE);

  char right[64];
  snprintf(right, sizeof right, "%d / %d", d->page, d->pages);
  double gap = f.size * 1.5, right_w = pdf_text_width(d->text, right, f);
  pdf_draw(d, right, f, BD_COLOR_MUTED, d->x1 - right_w - 2, top, right_w + 2, 1, PDF_ALIGN_RIGHT);
  double room = d->x1 - d->x0 - right_w - gap;

  /* lead + hash (monospace) + tail */
  char lead[512], tail[256], gen[96];
  const char *hash = NULL;
  const char *as_of = d->on_portfolio ? d->portfolio->as_of : r->as_of;
  if (r->generator)
    snprintf(gen, sizeof gen, "%s", r->generator);
  else
    snprintf(gen, sizeof gen, "badday %s", d->host->version ? d->host->version : "");
  snprintf(tail, sizeof tail, DOT "%s" DOT "%s %s", gen, pdf_msg(d, "meta.as_of"),
           as_of ? as_of : "");
  if (d->on_portfolio) {
    portfolio_label(d, lead, sizeof lead);
  } else if (r->source_sha256) {
    snprintf(lead, sizeof lead, "%s" DOT "SHA-256", base_name(r->source));
    hash = r->source_sha256;
  } else {
    snprintf(lead, sizeof lead, "%s", base_name(r->source));
  }
  /* The hash is smaller than the footer's type, but never under 12 pt on
   * slides (nothing there is) nor under 5 pt on paper. */
  double mono = d->slides ? f.size : f.size * 0.8, least = d->slides ? f.size : 4.8;
  double lead_w = pdf_text_width(d->text, lead, f), tail_w = pdf_text_width(d->text, tail, f);
  double space = f.size * 0.35; /* between "SHA-256" and the hash */
  double hash_w = hash ? pdf_text_mono(d->text, NULL, hash, mono, 0, 0) + space : 0;
  if (hash && lead_w + hash_w + tail_w > room && mono > least) {
    double s = (room - lead_w - tail_w) / hash_w;
    double smaller = mono * (s < 1 ? s : 1);
    mono = smaller > least ? smaller : least;
    hash_w = pdf_text_mono(d->text, NULL, hash, mono, 0, 0) + space;
  }
  int tail_moves = lead_w + hash_w + tail_w > room;
  if (tail_moves) {
    /* The generator and the date go to the top left, without the dot. */
    pdf_draw(d, tail + strlen(DOT), f, BD_COLOR_MUTED, d->x0, d->slides ? 14 : 24,
             (d->x1 - d->x0) * 0.45, 1, PDF_ALIGN_LEFT);
    tail_w = 0;
  }
  /* Whatever still does not fit shortens the file name. */
  double lead_room = room - hash_w - tail_w;
  if (lead_w > lead_room) lead_w = lead_room > 0 ? lead_room : 0;
  pdf_draw(d, lead, f, BD_COLOR_MUTED, d->x0, top, lead_w + 0.5, 1, PDF_ALIGN_LEFT);
  if (!tail_moves)
    pdf_draw(d, tail, f, BD_COLOR_MUTED, d->x0 + lead_w + hash_w, top, tail_w + 0.5, 1,
             PDF_ALIGN_LEFT);
  if (hash) {
    /* Drawn now, not queued: nothing is drawn over the footer. */
    pdf_rgb(d->cr, BD_COLOR_MUTED);
    pdf_text_mono(d->text, d->cr, hash, mono, d->x0 + lead_w + space, top + f.size * 1.01);
  }
}
