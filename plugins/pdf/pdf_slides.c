/*
 * pdf_slides.c - the first two slides of the 16:9 deck: the title slide and
 * the key figures.  The slides that follow (decisions, the loss matrix cut
 * over slides, one scenario tree per loss, the coverage heatmap) are the
 * shared views drawn at slide size, in the order of the HTML slides.
 */
#include "pdf.h"

#include <stdio.h>

/* See pdf.h. */
size_t pdf_title_slide_paginate(pdf_doc *d) {
  (void)d;
  return 1;
}

/* See pdf.h. */
size_t pdf_figures_slide_paginate(pdf_doc *d) {
  size_t planned; /* the key figures, and with ranges the exceedance curve */
  pdf_deck_view(d, DECK_SLIDE_FIGURES, 0, &planned);
  return planned > 1 ? planned : 1;
}

/* See pdf.h. */
int pdf_title_slide_draw(pdf_doc *d) {
  const bd_report *r = d->r;
  double y = pdf_page_begin(d, NULL, 0);
  pdf_fill(d, PDF_LAYER_BASE, 0, 0, 18, d->h, BD_COLOR_ACCENT);
  pdf_font eyebrow = {24, 1}, service = {52, 1}, meta = {24, 0};
  y = d->h * 0.26;
  pdf_draw(d, pdf_msg(d, "title.slides"), eyebrow, BD_COLOR_ACCENT, d->x0, y, d->x1 - d->x0, 1, 0);
  y += pdf_text_line_height(eyebrow) + 10;
  y += pdf_draw(d, r->service, service, BD_COLOR_TEXT, d->x0, y, d->x1 - d->x0, 3, 0) *
           pdf_text_line_height(service) +
       20;
  pdf_hrule(d, d->x0, d->x0 + 140, y, 3, BD_COLOR_ACCENT);
  y += 26;
  char line[1024];
  const char *dot = "  \xc2\xb7  ";
  snprintf(line, sizeof line, "%s%s%s%s%s %s", r->owner ? r->owner : "", r->owner ? dot : "",
           r->period ? r->period : "", r->period ? dot : "", pdf_msg(d, "meta.as_of"), r->as_of);
  pdf_draw(d, line, meta, BD_COLOR_MUTED, d->x0, y, d->x1 - d->x0, 2, 0);
  return pdf_page_end(d);
}

/* See pdf.h. */
int pdf_figures_slide_draw(pdf_doc *d) {
  size_t planned;
  const deck_slide *s = pdf_deck_view(d, DECK_SLIDE_FIGURES, 0, &planned);
  double y = pdf_slide_begin(d, s, pdf_msg(d, "heading.key_figures"), 0);
  pdf_key_figures(d, d->x0, y + 8, d->x1 - d->x0, 3);
  int rc = pdf_page_end(d);
  /* the exceedance curve's slide, under its own running head (the
   * section's is rebuilt after it: pdf_running reuses one buffer) */
  for (size_t k = 1; s && k < planned && rc == 0; k++)
    if (s[k].exceedance) {
      d->running = pdf_running(d, pdf_msg(d, "heading.exceedance"));
      rc = pdf_exceedance_slide_draw(d, &s[k]);
      d->running = pdf_running(d, pdf_msg(d, "heading.key_figures"));
    }
  return rc;
}
