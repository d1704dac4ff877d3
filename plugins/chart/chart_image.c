/*
 * chart_image.c - the canvas of a chart: an SVG surface written as it is
 * finished, or an image surface written as a PNG, both to the host's
 * output.  See chart.h.
 */
#include "chart.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>

/* Where cairo's output goes: the host's output, remembering a failure. */
typedef struct chart_sink {
  const bd_host *host;
  bd_output *out;
  int failed;
} chart_sink;

/* cairo's write function: hands the bytes to the host. */
static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length) {
  chart_sink *sink = closure;
  if (sink->failed) return CAIRO_STATUS_WRITE_ERROR;
  if (sink->host->write(sink->out, data, length) != 0) {
    sink->failed = 1;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

/* The empty margin under the drawing, in points. */
static double bottom_margin(const pdf_doc *d) {
  return d->slides ? 28 : 18;
}

/* See chart.h. */
int chart_write(pdf_doc *d, int png, int scale, const char *hint, bd_error *err) {
  double h = ceil(d->bottom + bottom_margin(d));
  if (png && h * scale > CHART_PNG_MAX)
    return chart_fail(err,
                      "the PNG would be %.0f pixels tall, and cairo draws images of at most %d; "
                      "use -f svg%s%s",
                      h * scale, CHART_PNG_MAX, hint ? ", or " : "", hint ? hint : "");
  chart_sink sink = {d->host, d->req->output, 0};
  if (png)
    d->surface =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(d->w * scale), (int)(h * scale));
  else
    d->surface = cairo_svg_surface_create_for_stream(sink_write, &sink, d->w, h);
  if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
    cairo_status_t status = cairo_surface_status(d->surface);
    cairo_surface_destroy(d->surface);
    d->surface = NULL;
    return chart_fail(err, "cannot create the %s canvas: %s", png ? "PNG" : "SVG",
                      cairo_status_to_string(status));
  }
  if (!png) cairo_svg_surface_set_document_unit(d->surface, CAIRO_SVG_UNIT_PT);
  d->cr = cairo_create(d->surface);
  if (png) cairo_scale(d->cr, scale, scale);
  /* An opaque white ground: the colours are chosen for white paper, and a
   * transparent image would show a dark slide through it. */
  cairo_set_source_rgb(d->cr, 1, 1, 1);
  cairo_paint(d->cr);
  pdf_flush(d);
  cairo_status_t status = cairo_status(d->cr);
  cairo_destroy(d->cr);
  d->cr = NULL;
  if (status == CAIRO_STATUS_SUCCESS && png) {
    cairo_surface_flush(d->surface);
    status = cairo_surface_write_to_png_stream(d->surface, sink_write, &sink);
  }
  cairo_surface_finish(d->surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(d->surface);
  cairo_surface_destroy(d->surface);
  d->surface = NULL;
  if (sink.failed) return chart_fail(err, "writing the %s failed", png ? "PNG" : "SVG");
  if (pdf_text_failed(d->text) || d->failed)
    return chart_fail(err, "out of memory while drawing the chart");
  if (status != CAIRO_STATUS_SUCCESS)
    return chart_fail(err, "cairo could not write the %s: %s", png ? "PNG" : "SVG",
                      cairo_status_to_string(status));
  return 0;
}
