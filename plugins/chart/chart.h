/*
 * chart.h - what the files of the chart plugin share.  The chart plugin
 * draws one view of the report as an image with the pdf plugin's view code
 * in chart mode (see plugins/pdf/pdf.h): chart.c sets up the document and
 * draws the view into the queues of a pdf_doc, chart_image.c makes the SVG
 * or PNG canvas of the height the view turned out to need and writes it.
 */
#ifndef BD_CHART_H
#define BD_CHART_H

#include <badday/plugin.h>

#include "pdf/pdf.h"

/* The tallest PNG cairo can draw, in pixels (its image surfaces are at
 * most 32767 pixels on a side). */
#define CHART_PNG_MAX 32767

/* Fills err with a formatted message; returns -1. */
__attribute__((format(printf, 2, 3))) int chart_fail(bd_error *err, const char *fmt, ...);

/* Draws what d has queued onto a new canvas as wide as the page and as tall
 * as the drawing (d->bottom and a margin), then writes it through
 * host->write: an SVG, or with png set a PNG of `scale` pixels per point.
 * A PNG taller than CHART_PNG_MAX pixels is refused before anything is
 * written, with err naming the height and suggesting svg and, when not
 * NULL, `hint` (another way to a smaller image).  Returns 0, or -1 with err
 * filled.  The canvas belongs to the call; d->cr and d->surface are NULL
 * again when it returns. */
int chart_write(pdf_doc *d, int png, int scale, const char *hint, bd_error *err);

#endif
