/*
 * pdf.c - the pdf output plugin: entry point, the cairo PDF surface, the
 * document metadata and outline, and the two passes (paginate, then draw)
 * over the sections of the report or the slides.  See pdf.h.
 *
 * The paper size of the report layout is the plugin option "paper"
 * (--paper a4|letter, or -O paper=...), A4 by default.
 */
#include "pdf.h"

#include <cairo-pdf.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Where cairo's output goes: the host's output, remembering a failure. */
typedef struct pdf_sink {
  const bd_host *host;
  bd_output *out;
  int failed;
} pdf_sink;

/* A section of the document: how it paginates and draws, and its heading
 * key for the outline. */
typedef struct pdf_part {
  pdf_section section;
  size_t (*paginate)(pdf_doc *d);
  int (*draw)(pdf_doc *d);
  const char *outline_key;
} pdf_part;

static const pdf_part report_parts[] = {
    {PDF_SEC_COVER, pdf_cover_paginate, pdf_cover_draw, "pdf.cover"},
    {PDF_SEC_SUMMARY, pdf_summary_paginate, pdf_summary_draw, "heading.summary"},
    {PDF_SEC_TREND, pdf_trend_paginate, pdf_trend_draw, "heading.trend"},
    {PDF_SEC_CHANGES, pdf_changes_paginate, pdf_changes_draw, "heading.changes"},
    {PDF_SEC_DECISIONS, pdf_decisions_paginate, pdf_decisions_draw, "heading.decisions"},
    {PDF_SEC_MATRIX, pdf_matrix_paginate, pdf_matrix_draw, "heading.loss_matrix"},
    {PDF_SEC_TREES, pdf_tree_paginate, pdf_tree_draw, "heading.scenario_tree"},
    {PDF_SEC_COVERAGE, pdf_heatmap_paginate, pdf_heatmap_draw, "heading.coverage"},
    {PDF_SEC_APPENDIX, pdf_appendix_paginate, pdf_appendix_draw, "pdf.appendix"},
};

static const pdf_part slide_parts[] = {
    {PDF_SEC_COVER, pdf_title_slide_paginate, pdf_title_slide_draw, "pdf.cover"},
    {PDF_SEC_SUMMARY, pdf_figures_slide_paginate, pdf_figures_slide_draw, "heading.key_figures"},
    {PDF_SEC_TREND, pdf_trend_paginate, pdf_trend_draw, "heading.trend"},
    {PDF_SEC_CHANGES, pdf_changes_paginate, pdf_changes_draw, "heading.changes"},
    {PDF_SEC_DECISIONS, pdf_decisions_paginate, pdf_decisions_draw, "heading.decisions"},
    {PDF_SEC_MATRIX, pdf_matrix_paginate, pdf_matrix_draw, "heading.loss_matrix"},
    {PDF_SEC_TREES, pdf_tree_paginate, pdf_tree_draw, "heading.scenario_tree"},
    {PDF_SEC_COVERAGE, pdf_heatmap_slide_paginate, pdf_heatmap_slide_draw, "heading.coverage"},
};

/* Fills err with a formatted message; returns -1. */
__attribute__((format(printf, 2, 3))) static int fail(bd_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return -1;
}

/* cairo's write function: hands the bytes to the host. */
static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length) {
  pdf_sink *sink = closure;
  if (sink->failed) return CAIRO_STATUS_WRITE_ERROR;
  if (sink->host->write(sink->out, data, length) != 0) {
    sink->failed = 1;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

/* A monotonic clock in seconds, for the timings in the debug log. */
static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sets the page size, margins and type sizes for the layout and paper.
 * Returns 0, or -1 with err filled for an unknown paper. */
static int set_geometry(pdf_doc *d, bd_error *err) {
  if (d->slides) { /* the deck's sizes (deck_metrics.h) at 3/4: CSS px to points */
    d->w = deck_pt(DECK_WIDTH);
    d->h = deck_pt(DECK_HEIGHT);
    d->x0 = deck_pt(DECK_PAD_X);
    d->x1 = d->w - deck_pt(DECK_PAD_X);
    d->y0 = deck_pt(DECK_PAD_TOP);
    d->y1 = d->h - deck_pt(DECK_FOOT + DECK_BODY_BOTTOM);
  } else {
    /* --paper / -O paper=...; a host without plugin options gets A4. */
    const char *paper = NULL;
    if (BD_HAS(d->host, bd_host, option) && d->host->option)
      paper = d->host->option(d->req->output, "paper");
    if (paper == NULL || *paper == '\0' || strcmp(paper, "a4") == 0) {
      d->w = 595.275591;
      d->h = 841.889764;
    } else if (strcmp(paper, "letter") == 0) {
      d->w = 612;
      d->h = 792;
    } else {
      return fail(err, "paper size '%s' is not known; use --paper a4 or --paper letter", paper);
    }
    d->x0 = 50;
    d->x1 = d->w - 50;
    d->y0 = 52;
    d->y1 = d->h - 54;
  }
  pdf_type_setup(d);
  return 0;
}

/* Sets title, author, subject, creator and the dates (the request's
 * generation time, so that two renders of one request are identical; the
 * clock only under a host that does not give one). */
static void set_metadata(pdf_doc *d) {
  const bd_report *r = d->r;
  char buf[1024];
  if (r->period)
    snprintf(buf, sizeof buf, "%s \xe2\x80\x94 %s", r->service, r->period);
  else
    snprintf(buf, sizeof buf, "%s", r->service);
  cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, buf);
  if (r->owner) cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_AUTHOR, r->owner);
  cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_SUBJECT,
                                 pdf_msg(d, d->slides ? "title.slides" : "title.report"));
  snprintf(buf, sizeof buf, "badday %s", d->host->version ? d->host->version : "");
  cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, buf);
  /* traceability: the plan this archive copy was made from */
  if (r->source_sha256) {
    snprintf(buf, sizeof buf, "badday; as_of %s; plan sha256 %s", r->as_of, r->source_sha256);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_KEYWORDS, buf);
  }
  const bd_render_request *req = d->req;
  int given = req->struct_size >=
                  offsetof(bd_render_request, generated_at_set) + sizeof req->generated_at_set &&
              req->generated_at_set;
  time_t when = given ? (time_t)req->generated_at : time(NULL);
  struct tm tm;
  if (gmtime_r(&when, &tm) && strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0) {
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_MOD_DATE, buf);
  }
}

/* Adds an outline entry pointing at the top of page; returns its id. */
static int outline(pdf_doc *d, int parent, const char *name, int page) {
  char attrs[64];
  snprintf(attrs, sizeof attrs, "page=%d pos=[0 0]", page);
  return cairo_pdf_surface_add_outline(d->surface, parent, name, attrs, 0);
}

/* The outline under parent: every section, and under the loss matrix and
 * the scenario trees every business loss.  Under a service's own entry
 * (a portfolio) the cover is that entry. */
static void add_outline(pdf_doc *d, const pdf_part *parts, size_t count, int parent) {
  const bd_report *r = d->r;
  for (size_t i = 0; i < count; i++) {
    pdf_section s = parts[i].section;
    if (d->ps->section_pages[s] == 0) continue;
    if (s == PDF_SEC_COVER && parent != CAIRO_PDF_OUTLINE_ROOT) continue;
    const char *name = s == PDF_SEC_COVER ? r->service : pdf_msg(d, parts[i].outline_key);
    int id = outline(d, parent, name, d->ps->section_first[s]);
    if (s == PDF_SEC_MATRIX && d->ps->matrix_loss_page)
      for (size_t l = 0; l < r->loss_count; l++)
        outline(d, id, r->losses[l]->title, d->ps->matrix_loss_page[l]);
    if (s == PDF_SEC_TREES && d->ps->tree_first)
      for (size_t l = 0; l < r->loss_count; l++)
        outline(d, id, r->losses[l]->title, d->ps->tree_first[l]);
  }
}

/* Paginates every part, then draws it into a new PDF surface. */
static int render_doc(pdf_doc *d, const pdf_part *parts, size_t count, bd_error *err) {
  if (pdf_plans_open(d) != 0 || pdf_portfolio_paginate(d) == (size_t)-1)
    return fail(err, "out of memory while laying out the pages");
  for (size_t k = 0; k < d->plan_count; k++) {
    pdf_plan_enter(d, k);
    for (size_t i = 0; i < count; i++) {
      pdf_section s = parts[i].section;
      if (!pdf_section_wanted(d, s)) continue;
      d->ps->section_first[s] = d->pages + 1;
      size_t n = parts[i].paginate(d);
      if (n == 0) return fail(err, "out of memory while laying out the pages");
      d->ps->section_pages[s] = (int)n;
      d->pages += (int)n;
    }
    pdf_plan_leave(d, k);
  }
  pdf_sink sink = {d->host, d->req->output, 0};
  d->surface = cairo_pdf_surface_create_for_stream(sink_write, &sink, d->w, d->h);
  if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(d->surface);
    return fail(err, "cannot create the PDF surface");
  }
  cairo_pdf_surface_restrict_to_version(d->surface, CAIRO_PDF_VERSION_1_5);
  d->cr = cairo_create(d->surface);
  pdf_plan_enter(d, 0);
  set_metadata(d);
  pdf_portfolio_metadata(d);
  pdf_plan_leave(d, 0);
  /* A structure tag around the whole document: cairo 1.16.0 numbers an
   * object for every link but writes those objects only in a tagged PDF, so
   * without it the cross-reference table of a PDF with links is broken. */
  cairo_tag_begin(d->cr, "Document", "");
  int rc = pdf_portfolio_draw(d);
  for (size_t k = 0; k < d->plan_count && rc == 0; k++) {
    pdf_plan_enter(d, k);
    add_outline(d, parts, count, pdf_portfolio_outline(d));
    for (size_t i = 0; i < count && rc == 0; i++) {
      if (d->ps->section_pages[parts[i].section] == 0) continue;
      int before = d->page;
      double started = seconds();
      size_t glyphs = pdf_text_glyphs_shown(d->text), calls = pdf_text_show_calls(d->text);
      d->running = pdf_running(
          d, parts[i].section == PDF_SEC_COVER ? NULL : pdf_msg(d, parts[i].outline_key));
      rc = parts[i].draw(d);
      d->host->log(d->req->output, BD_LOG_DEBUG, "%s: %d pages, %zu glyphs in %zu calls, %.3f s",
                   parts[i].outline_key, d->page - before, pdf_text_glyphs_shown(d->text) - glyphs,
                   pdf_text_show_calls(d->text) - calls, seconds() - started);
      if (rc == 0 && d->page - before != d->ps->section_pages[parts[i].section])
        d->host->log(d->req->output, BD_LOG_WARNING, "%s drew %d pages, expected %d",
                     parts[i].outline_key, d->page - before,
                     d->ps->section_pages[parts[i].section]);
    }
    pdf_plan_leave(d, k);
  }
  cairo_tag_end(d->cr, "Document");
  cairo_status_t status = cairo_status(d->cr);
  cairo_destroy(d->cr);
  d->cr = NULL;
  cairo_surface_finish(d->surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(d->surface);
  cairo_surface_destroy(d->surface);
  d->surface = NULL;
  if (sink.failed) return fail(err, "writing the PDF failed");
  if (pdf_text_failed(d->text)) return fail(err, "out of memory while setting text");
  if (status != CAIRO_STATUS_SUCCESS)
    return fail(err, "cairo could not write the PDF: %s", cairo_status_to_string(status));
  if (rc != 0 || d->failed) return fail(err, "drawing the pages failed");
  return 0;
}

/* The plugin's render function; see badday/plugin.h. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  if (!BD_HAS(host, bd_host, format_slo) || !BD_HAS(req, bd_render_request, font_dir))
    return fail(err, "this badday is too old for the pdf plugin");
  pdf_doc d;
  memset(&d, 0, sizeof d);
  d.host = host;
  d.req = req;
  d.r = req->report;
  d.slides = req->layout && strcmp(req->layout, "slides") == 0;
  d.ps = &d.own_state;
  d.ps->summary = !d.slides && d.r->scenario_count > PDF_SUMMARY_SCENARIOS;
  if (BD_HAS(req, bd_render_request, portfolio)) d.portfolio = req->portfolio;
  if (set_geometry(&d, err) != 0) return -1;
  char msg[512];
  d.text = pdf_text_new(req->font_dir, req->lang, msg, sizeof msg);
  if (d.text == NULL) return fail(err, "%s", msg);
  host->log(req->output, BD_LOG_DEBUG, "fonts: %s for Latin text, %s for Japanese text",
            pdf_text_latin_family(d.text), pdf_text_cjk_family(d.text));
  if (pdf_text_cjk_family(d.text)[0] == '\0')
    host->log(req->output, BD_LOG_WARNING,
              "no Japanese font found through %s/fonts.conf (install fonts-noto-cjk)",
              req->font_dir);
  deck_plan *deck = NULL;
  if (d.slides) { /* which slides, which rows on each: the slide plan every deck draws */
    deck_setup setup = {host, req->output, d.text};
    deck = deck_plan_build(req, &setup, msg, sizeof msg);
    if (deck == NULL) {
      pdf_text_free(d.text);
      return fail(err, "%s", msg);
    }
    d.deck = deck;
  }
  int rc = d.slides
               ? render_doc(&d, slide_parts, sizeof slide_parts / sizeof slide_parts[0], err)
               : render_doc(&d, report_parts, sizeof report_parts / sizeof report_parts[0], err);
  if (rc == 0 && deck && (size_t)d.pages != deck->count)
    host->log(req->output, BD_LOG_WARNING, "the deck has %d slides, its plan %zu", d.pages,
              deck->count);
  deck_plan_free(deck);
  pdf_doc_free(&d);
  pdf_plans_free(&d);
  pdf_text_free(d.text);
  return rc;
}

static const char *const formats[] = {"pdf", NULL};
static const char *const papers[] = {"a4", "letter", NULL};

/* -O paper=a4|letter (also --paper): read with host->option(out, "paper"). */
static const bd_option_spec options[] = {
    {"paper", "paper size of the report layout", papers, "a4"},
    {NULL, NULL, NULL, NULL},
};

/* The descriptor and the exported bd_plugin_entry() (badday/plugin.h). */
BD_PLUGIN_DEFINE("pdf", "PDF report (A4 or Letter) and 16:9 slides, drawn with cairo and pango",
                 formats, render, options, BD_FEATURE_PORTFOLIO | BD_FEATURE_COMPARISON)
