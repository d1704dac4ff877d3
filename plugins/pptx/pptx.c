/*
 * pptx.c - the pptx output plugin: an editable PowerPoint deck (Office
 * Open XML PresentationML, transitional) of the slide plan every deck
 * draws (plugins/deck), with native text, tables, shapes and connectors
 * and speaker notes.  The package is zipped in memory with libzip (fixed
 * member order, every member dated by the request's generation time) and
 * handed to the host's output, which writes it atomically.
 *
 * -O template=FILE.pptx|.potx takes the theme, masters and layouts of an
 * existing presentation (pptx_template.c); without it the deck has a
 * built-in 16:9 theme in the pdf deck's colours (pptx_theme.c).
 */
#include "pptx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fills err with a formatted message; returns -1. */
__attribute__((format(printf, 2, 3))) static int fail(bd_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return -1;
}

/* The portfolio of the request, or NULL for one plan. */
static const bd_portfolio *portfolio_of(const bd_render_request *req) {
  return BD_HAS(req, bd_render_request, portfolio) ? req->portfolio : NULL;
}

/* Draws one planned slide. */
static void draw_slide(pptx *d, const deck_slide *s) {
  const bd_portfolio *p = portfolio_of(d->req);
  d->r = p ? p->reports[s->plan] : d->req->report;
  d->footer = p && s->kind >= DECK_SLIDE_PORTFOLIO_TITLE ? pptx_msg(d, "title.portfolio") : NULL;
  switch (s->kind) {
  case DECK_SLIDE_TITLE:
    pptx_title_slide(d, s);
    break;
  case DECK_SLIDE_FIGURES:
    if (s->exceedance)
      pptx_exceedance_slide(d, s);
    else
      pptx_figures_slide(d, s);
    break;
  case DECK_SLIDE_CHANGES:
    pptx_changes_slide(d, s);
    break;
  case DECK_SLIDE_DECISIONS:
    pptx_decisions_slide(d, s);
    break;
  case DECK_SLIDE_MATRIX:
    pptx_matrix_slide(d, s);
    break;
  case DECK_SLIDE_TREE:
    pptx_tree_slide(d, s);
    break;
  case DECK_SLIDE_COVERAGE:
    pptx_coverage_slide(d, s);
    break;
  case DECK_SLIDE_TREND:
    pptx_trend_slide(d, s);
    break;
  case DECK_SLIDE_PORTFOLIO_TITLE:
  case DECK_SLIDE_PORTFOLIO_FIGURES:
  case DECK_SLIDE_SERVICES:
  case DECK_SLIDE_SOURCES:
    pptx_portfolio_slide(d, s);
    break;
  }
}

/* Writes every slide and the parts around them, zips the package and
 * hands it to the host. */
static int write_deck(pptx *d, bd_error *err) {
  char msg[512] = "";
  const char *template_path = d->host->option(d->req->output, "template");
  if (template_path && *template_path) {
    if (pptx_parts_template(d, template_path, msg, sizeof msg) != 0) return fail(err, "%s", msg);
  } else if (pptx_parts_builtin(d) != 0) {
    return fail(err, "out of memory writing the theme");
  }
  for (size_t i = 0; i < d->deck->count && !d->failed; i++) {
    draw_slide(d, &d->deck->slides[i]);
    if (pptx_slide_end(d) != 0) d->failed = 1;
  }
  if (d->failed || pdf_text_failed(d->text) || pptx_parts_finish(d, d->deck->count) != 0)
    return fail(err, "out of memory writing the slides");
  int64_t when = 0;
  if (BD_HAS(d->req, bd_render_request, generated_at_set) && d->req->generated_at_set)
    when = d->req->generated_at;
  unsigned char *zip;
  size_t len;
  if (pptx_package_zip(&d->pkg, when, &zip, &len, msg, sizeof msg) != 0)
    return fail(err, "%s", msg);
  int rc = d->host->write(d->req->output, zip, len);
  free(zip);
  return rc != 0 ? fail(err, "cannot write %s", d->req->output_name) : 0;
}

/* The plugin's render(): see badday/plugin.h. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  pptx d = {0};
  d.host = host;
  d.req = req;
  d.r = req->report;
  char msg[512];
  d.text = pdf_text_new(req->font_dir, req->lang, msg, sizeof msg);
  if (d.text == NULL) return fail(err, "%s", msg);
  deck_setup setup = {host, req->output, d.text};
  deck_plan *deck = deck_plan_build(req, &setup, msg, sizeof msg);
  int rc;
  if (deck == NULL) {
    rc = fail(err, "%s", msg);
  } else {
    d.deck = deck;
    rc = write_deck(&d, err);
    host->log(req->output, BD_LOG_DEBUG, "%zu slides, %zu parts", deck->count, d.pkg.count);
  }
  pptx_xml_discard(&d.x);
  pptx_package_free(&d.pkg);
  free(d.notes);
  deck_plan_free(deck);
  pdf_text_free(d.text);
  return rc;
}

static const char *const formats[] = {"pptx", NULL};

/* -O template=FILE.pptx|.potx: read with host->option(out, "template"). */
static const bd_option_spec options[] = {
    {"template", "a .pptx or .potx whose theme, masters and layouts the deck uses", NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

/* The descriptor and the exported bd_plugin_entry() (badday/plugin.h). */
BD_PLUGIN_DEFINE("pptx", "editable PowerPoint deck (16:9 slides, native tables, speaker notes)",
                 formats, render, options, BD_FEATURE_PORTFOLIO | BD_FEATURE_COMPARISON)
