/*
 * chart.c - the chart output plugin: one view of the report (the loss
 * matrix, the scenario trees or the coverage heatmap) as an SVG or PNG
 * image of its own, for pasting into slides made elsewhere.  The view is
 * drawn by the pdf plugin's code (plugins/pdf) in chart mode: as one tall
 * page, as wide as the content of a report page (the 16:9 slide's with
 * --layout slides) and in the same type, under a title line "service ·
 * view · as of date".  See chart.h.
 *
 * Written against the public SDK only (<badday/plugin.h>, the host's
 * services through bd_host), as the pdf plugin is.
 *
 * Options: -O view=matrix|tree|heatmap|exceedance (default matrix; the
 * exceedance curve of the total needs a plan with ranges); -O loss=ID (the
 * tree view: that business loss's tree only; default every tree, stacked);
 * -O scale=1|2|3 (PNG pixels per point, default 2; SVG ignores it).
 */
#include "chart.h"

#include "deck/deck_figures.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far a chart's pages may run: far enough that no view is cut. */
#define CHART_ROOM 1e7

/* A view a chart can show: its option value, its heading, how it paginates
 * and draws, and whether its pages (one per tree) get their own headings. */
typedef struct chart_view {
  const char *name;
  const char *heading_key;
  size_t (*paginate)(pdf_doc *d);
  int (*draw)(pdf_doc *d);
  int headings;
} chart_view;

static const chart_view views[] = {
    {"matrix", "heading.loss_matrix", pdf_matrix_paginate, pdf_matrix_draw, 0},
    {"tree", "heading.scenario_tree", pdf_tree_paginate, pdf_tree_draw, 1},
    {"heatmap", "heading.coverage", pdf_heatmap_paginate, pdf_heatmap_draw, 0},
    {"exceedance", "heading.exceedance", pdf_exceedance_paginate, pdf_exceedance_draw, 0},
};

/* See chart.h. */
int chart_fail(bd_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return -1;
}

/* The value of option `name`, or fallback when the host gives none. */
static const char *option(const bd_host *host, const bd_render_request *req, const char *name,
                          const char *fallback) {
  const char *v = host->option(req->output, name);
  return v && *v ? v : fallback;
}

/* The ids of the business losses, comma-separated, into buf (cut when too
 * long); returns buf. */
static const char *loss_ids(const bd_report *r, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t l = 0; l < r->loss_count && used + 1 < size; l++) {
    int n = snprintf(buf + used, size - used, "%s%s", l ? ", " : "", r->losses[l]->id);
    if (n < 0) break;
    used += (size_t)n < size - used ? (size_t)n : size - used - 1;
  }
  return buf;
}

/* Sets d up for -O loss=id: only that business loss's tree.  Returns 0, or
 * -1 with err filled when the view is not the tree or no loss has the id. */
static int choose_loss(pdf_doc *d, const chart_view *view, const char *id, bd_error *err) {
  const bd_report *r = d->r;
  if (strcmp(view->name, "tree") != 0)
    return chart_fail(err, "-O loss=%s chooses a scenario tree; it needs -O view=tree", id);
  for (size_t l = 0; l < r->loss_count; l++)
    if (strcmp(r->losses[l]->id, id) == 0) {
      d->tree_filter = 1;
      d->tree_loss = l;
      return 0;
    }
  char known[400];
  return chart_fail(err, "no business loss has the id '%s' (-O loss); the plan's are: %s", id,
                    loss_ids(r, known, sizeof known));
}

/* The page: the content width of a report page (a little over A4's), or of
 * a 16:9 slide with slides; side margins; room for every row; the type of
 * the layout. */
static void set_geometry(pdf_doc *d) {
  double width = d->slides ? 864 : 496, margin = d->slides ? 32 : 24;
  d->x0 = margin;
  d->x1 = margin + width;
  d->w = width + 2 * margin;
  d->y0 = d->slides ? 30 : 20;
  d->y1 = d->h = CHART_ROOM;
  pdf_type_setup(d);
}

/* Lays out and draws the view into d's queues, then writes the image. */
static int draw_chart(pdf_doc *d, const chart_view *view, int png, int scale, bd_error *err) {
  if (view->paginate(d) == 0) return chart_fail(err, "out of memory while laying out the chart");
  if (view->draw(d) != 0 || d->failed || pdf_text_failed(d->text))
    return chart_fail(err, "out of memory while drawing the chart");
  char hint[512];
  const char *more = NULL;
  if (strcmp(view->name, "tree") == 0 && !d->tree_filter && d->r->loss_count > 1) {
    char known[400];
    snprintf(hint, sizeof hint, "-O loss=ID for one scenario tree (%s)",
             loss_ids(d->r, known, sizeof known));
    more = hint;
  } else if (scale > 1) {
    more = "-O scale=1";
  }
  return chart_write(d, png, scale, more, err);
}

/* The plugin's render function; see badday/plugin.h. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  if (!BD_HAS(host, bd_host, format_slo) || !BD_HAS(req, bd_render_request, font_dir))
    return chart_fail(err, "this badday is too old for the chart plugin");
  const char *name = option(host, req, "view", "matrix");
  const chart_view *view = NULL;
  for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
    if (strcmp(views[i].name, name) == 0) view = &views[i];
  if (view == NULL)
    return chart_fail(err, "view '%s' is not known; use matrix, tree, heatmap or exceedance", name);
  if (strcmp(view->name, "exceedance") == 0 && deck_simulation(req->report) == NULL)
    return chart_fail(err,
                      "the plan has no ranges, so there is no simulation and no exceedance curve "
                      "(-O view=exceedance); give a value as [LOW, HIGH] (plan format, Ranges), "
                      "or choose matrix, tree or heatmap");
  const char *scale_text = option(host, req, "scale", "2");
  int scale = scale_text[0] - '0';
  if (scale < 1 || scale > 3 || scale_text[1] != '\0')
    return chart_fail(err, "scale '%s' is not known; use 1, 2 or 3", scale_text);
  int png = strcmp(req->format, "png") == 0;

  pdf_doc d;
  memset(&d, 0, sizeof d);
  d.host = host;
  d.req = req;
  d.r = req->report;
  d.ps = &d.own_state;
  d.slides = req->layout && strcmp(req->layout, "slides") == 0;
  d.chart = 1;
  d.chart_headings = view->headings;
  const char *loss = option(host, req, "loss", NULL);
  if (loss && choose_loss(&d, view, loss, err) != 0) return -1;
  set_geometry(&d);

  char msg[512];
  d.text = pdf_text_new(req->font_dir, req->lang, msg, sizeof msg);
  if (d.text == NULL) return chart_fail(err, "%s", msg);
  host->log(req->output, BD_LOG_DEBUG, "fonts: %s for Latin text, %s for Japanese text",
            pdf_text_latin_family(d.text), pdf_text_cjk_family(d.text));
  if (pdf_text_cjk_family(d.text)[0] == '\0')
    host->log(req->output, BD_LOG_WARNING,
              "no Japanese font found through %s/fonts.conf (install fonts-noto-cjk)",
              req->font_dir);
  char title[1024];
  snprintf(title, sizeof title, "%s  \xc2\xb7  %s  \xc2\xb7  %s %s", d.r->service,
           pdf_msg(&d, view->heading_key), pdf_msg(&d, "meta.as_of"), d.r->as_of);
  d.chart_title = title;
  int rc = draw_chart(&d, view, png, scale, err);
  pdf_doc_free(&d);
  pdf_text_free(d.text);
  return rc;
}

static const char *const formats[] = {"svg", "png", NULL};
static const char *const view_names[] = {"matrix", "tree", "heatmap", "exceedance", NULL};
static const char *const scales[] = {"1", "2", "3", NULL};

/* Read with host->option(out, name); the host rejects other options and values. */
static const bd_option_spec options[] = {
    {"view",
     "the view drawn: loss matrix, scenario trees, coverage heatmap or the loss-exceedance curve "
     "(a plan with ranges)",
     view_names, "matrix"},
    {"loss", "view=tree: only the tree of the business loss with this id (default: all)", NULL,
     NULL},
    {"scale", "PNG pixels per point (2: crisp on slides); SVG ignores it", scales, "2"},
    {NULL, NULL, NULL, NULL},
};

/* The descriptor and the exported bd_plugin_entry() (badday/plugin.h). */
BD_PLUGIN_DEFINE("chart",
                 "one view (loss matrix, scenario trees, coverage heatmap, exceedance curve) as an "
                 "SVG or PNG image, "
                 "drawn as in the PDF",
                 formats, render, options, 0)
