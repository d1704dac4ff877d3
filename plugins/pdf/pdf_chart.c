/*
 * pdf_chart.c - the page frame in chart mode (the chart plugin): the views
 * draw their pages as usual, and these stack them as parts of one tall
 * canvas under one title line, with no running head, footer or page
 * number.  See pdf.h.
 */
#include "pdf.h"

/* The type of the chart's title line and of a part's heading. */
static pdf_font title_font(const pdf_doc *d) {
  return (pdf_font){d->f_title.size * 0.75, 1};
}
static pdf_font heading_font(const pdf_doc *d) {
  return (pdf_font){d->f_title.size * 0.62, 1};
}

/* The height a part's heading takes, with the space under it. */
static double heading_height(pdf_doc *d, const char *title) {
  if (!d->chart_headings || title == NULL) return 0;
  pdf_font f = heading_font(d);
  int lines = pdf_text_line_count(d->text, title, f, d->x1 - d->x0, 2);
  return lines * pdf_text_line_height(f) + f.size * 0.5;
}

/* See pdf.h. */
double pdf_chart_content_top(pdf_doc *d, const char *title) {
  return d->y0 + heading_height(d, title);
}

/* See pdf.h. */
double pdf_chart_part_begin(pdf_doc *d, const char *title) {
  d->page++;
  if (d->page == 1) {
    pdf_fill(d, PDF_LAYER_BASE, 0, 0, d->w, d->slides ? 5 : 3.5, BD_COLOR_ACCENT);
    pdf_font f = title_font(d);
    int lines = pdf_draw(d, d->chart_title, f, BD_COLOR_TEXT, d->x0, d->y0, d->x1 - d->x0, 2,
                         PDF_ALIGN_LEFT);
    double y = d->y0 + lines * pdf_text_line_height(f) + f.size * 0.35;
    pdf_hrule(d, d->x0, d->x1, y, d->slides ? 1.2 : 0.8, BD_COLOR_ACCENT);
    d->y0 = y + f.size * 0.8;
  } else {
    d->y0 = d->chart_next;
  }
  if (d->chart_headings && title != NULL)
    pdf_draw(d, title, heading_font(d), BD_COLOR_ACCENT, d->x0, d->y0, d->x1 - d->x0, 2,
             PDF_ALIGN_LEFT);
  return pdf_chart_content_top(d, title);
}

/* See pdf.h. */
void pdf_chart_part_end(pdf_doc *d) {
  d->chart_next = d->bottom + d->f_title.size * 1.1;
}
