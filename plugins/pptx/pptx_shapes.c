/*
 * pptx_shapes.c - the native shapes of a slide: text boxes, filled
 * rectangles and connectors, and the runs of text in them.  Text takes
 * the theme's fonts (+mn-lt, +mn-ea), so a template's fonts show; a run
 * with Japanese in it is marked lang="ja-JP".
 */
#include "pptx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* px of the deck as EMU. */
static long long emu(double px) {
  return llround(px * PPTX_EMU_PER_PX);
}

/* See pptx.h. */
void pptx_fill(pptx *d, long color) {
  pptx_xml *x = &d->x;
  if (color == PPTX_NO_FILL) {
    pptx_xml_empty(x, "a:noFill", NULL);
    return;
  }
  pptx_xml_start(x, "a:solidFill");
  if (color == PPTX_THEME_TEXT || color == PPTX_THEME_ACCENT)
    pptx_xml_empty(x, "a:schemeClr", "val", color == PPTX_THEME_TEXT ? "tx1" : "accent1", NULL);
  else {
    char hex[8];
    snprintf(hex, sizeof hex, "%06lX", color & 0xFFFFFFL);
    pptx_xml_empty(x, "a:srgbClr", "val", hex, NULL);
  }
  pptx_xml_end(x);
}

/* See pptx.h. */
void pptx_run(pptx *d, const char *text, pptx_font f) {
  pptx_xml *x = &d->x;
  pptx_xml_start(x, "a:r");
  pptx_xml_start(x, "a:rPr");
  int ja = pptx_is_japanese(text);
  pptx_xml_attr(x, "lang", ja ? "ja-JP" : "en-US");
  if (ja) pptx_xml_attr(x, "altLang", "en-US");
  pptx_xml_attrl(x, "sz", llround(deck_pt(f.px) * 100));
  pptx_xml_attr(x, "b", f.bold ? "1" : "0");
  pptx_xml_attr(x, "dirty", "0");
  pptx_fill(d, f.color);
  pptx_xml_empty(x, "a:latin", "typeface", "+mn-lt", NULL);
  pptx_xml_empty(x, "a:ea", "typeface", "+mn-ea", NULL);
  pptx_xml_empty(x, "a:cs", "typeface", "+mn-cs", NULL);
  pptx_xml_end(x);
  pptx_xml_start(x, "a:t");
  pptx_xml_text(x, text);
  pptx_xml_end(x);
  pptx_xml_end(x);
}

/* The placement of a shape. */
static void xfrm(pptx *d, const char *tag, double x, double y, double w, double h) {
  pptx_xml_start(&d->x, tag);
  pptx_xml_start(&d->x, "a:off");
  pptx_xml_attrl(&d->x, "x", emu(x));
  pptx_xml_attrl(&d->x, "y", emu(y));
  pptx_xml_end(&d->x);
  pptx_xml_start(&d->x, "a:ext");
  pptx_xml_attrl(&d->x, "cx", emu(w > 0 ? w : 0));
  pptx_xml_attrl(&d->x, "cy", emu(h > 0 ? h : 0));
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
}

/* The non-visual properties of a shape: its id and name. */
static unsigned shape_head(pptx *d, const char *kind, int text_box) {
  unsigned id = d->next_id++;
  char name[64];
  snprintf(name, sizeof name, "%s %u", kind, id);
  pptx_xml_start(&d->x, "p:nvSpPr");
  pptx_xml_start(&d->x, "p:cNvPr");
  pptx_xml_attrl(&d->x, "id", id);
  pptx_xml_attr(&d->x, "name", name);
  pptx_xml_end(&d->x);
  if (text_box)
    pptx_xml_empty(&d->x, "p:cNvSpPr", "txBox", "1", NULL);
  else
    pptx_xml_empty(&d->x, "p:cNvSpPr", NULL);
  pptx_xml_empty(&d->x, "p:nvPr", NULL);
  pptx_xml_end(&d->x);
  return id;
}

/* The geometry (a preset: "rect", "roundRect", "ellipse"), fill and no
 * outline of a shape. */
static void preset_props(pptx *d, const char *preset, double x, double y, double w, double h,
                         long fill) {
  int round = strcmp(preset, "roundRect") == 0;
  pptx_xml_start(&d->x, "p:spPr");
  xfrm(d, "a:xfrm", x, y, w, h);
  pptx_xml_start(&d->x, "a:prstGeom");
  pptx_xml_attr(&d->x, "prst", preset);
  pptx_xml_start(&d->x, "a:avLst");
  if (round) pptx_xml_empty(&d->x, "a:gd", "name", "adj", "fmla", "val 8000", NULL);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
  pptx_fill(d, fill);
  pptx_xml_start(&d->x, "a:ln");
  pptx_xml_empty(&d->x, "a:noFill", NULL);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
}

/* The geometry, fill and outline of a rectangle, rounded when round is
 * set. */
static void shape_props(pptx *d, double x, double y, double w, double h, long fill, int round) {
  preset_props(d, round ? "roundRect" : "rect", x, y, w, h, fill);
}

/* The alignment attribute of a paragraph. */
static const char *algn(pptx_align a) {
  return a == PPTX_RIGHT ? "r" : a == PPTX_CENTER ? "ctr" : "l";
}

/* See pptx.h. */
void pptx_paragraph(pptx *d, const pptx_para *p) {
  pptx_xml *x = &d->x;
  pptx_xml_start(x, "a:p");
  pptx_xml_start(x, "a:pPr");
  pptx_xml_attr(x, "algn", algn(p->align));
  /* an exact line height, so that a CJK face (whose own is taller) takes
   * the lines the text was measured with */
  pptx_xml_start(x, "a:lnSpc");
  pptx_xml_start(x, "a:spcPts");
  pptx_xml_attrl(x, "val", llround(deck_pt(p->font.px * PPTX_LINE) * 100));
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_empty(x, "a:buNone", NULL);
  pptx_xml_end(x);
  const char *s = p->text ? p->text : "";
  for (;;) {
    const char *nl = strchr(s, '\n');
    char line[2048];
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    if (n >= sizeof line) n = sizeof line - 1;
    memcpy(line, s, n);
    line[n] = '\0';
    if (n) pptx_run(d, line, p->font);
    if (nl == NULL) break;
    pptx_xml_start(x, "a:br");
    pptx_xml_start(x, "a:rPr");
    pptx_xml_attrl(x, "sz", llround(deck_pt(p->font.px) * 100));
    pptx_xml_end(x);
    pptx_xml_end(x);
    s = nl + 1;
  }
  pptx_xml_start(x, "a:endParaRPr");
  pptx_xml_attrl(x, "sz", llround(deck_pt(p->font.px) * 100));
  pptx_xml_end(x);
  pptx_xml_end(x);
}

/* See pptx.h. */
unsigned pptx_text_shape(pptx *d, double x, double y, double w, double h, long fill,
                         const pptx_para *paras, size_t n, char anchor) {
  pptx_xml_start(&d->x, "p:sp");
  unsigned id = shape_head(d, "Text", fill == PPTX_NO_FILL);
  shape_props(d, x, y, w, h, fill, 0);
  pptx_xml_start(&d->x, "p:txBody");
  pptx_xml_start(&d->x, "a:bodyPr");
  pptx_xml_attr(&d->x, "wrap", "square");
  pptx_xml_attr(&d->x, "lIns", "0");
  pptx_xml_attr(&d->x, "tIns", "0");
  pptx_xml_attr(&d->x, "rIns", "0");
  pptx_xml_attr(&d->x, "bIns", "0");
  pptx_xml_attr(&d->x, "anchor", anchor == 'c' ? "ctr" : anchor == 'b' ? "b" : "t");
  pptx_xml_empty(&d->x, "a:noAutofit", NULL);
  pptx_xml_end(&d->x);
  pptx_xml_empty(&d->x, "a:lstStyle", NULL);
  for (size_t i = 0; i < n; i++) pptx_paragraph(d, &paras[i]);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
  return id;
}

/* See pptx.h. */
unsigned pptx_text_box(pptx *d, double x, double y, double w, double h, const char *text,
                       pptx_font f, pptx_align align) {
  pptx_para p = {text, f, align};
  return pptx_text_shape(d, x, y, w, h, PPTX_NO_FILL, &p, 1, 't');
}

/* See pptx.h. */
unsigned pptx_rect(pptx *d, double x, double y, double w, double h, long fill, int round) {
  pptx_xml_start(&d->x, "p:sp");
  unsigned id = shape_head(d, round ? "Box" : "Rectangle", 0);
  shape_props(d, x, y, w, h, fill, round);
  pptx_xml_end(&d->x);
  return id;
}

/* See pptx.h. */
unsigned pptx_dot(pptx *d, double cx, double cy, double r, long fill) {
  pptx_xml_start(&d->x, "p:sp");
  unsigned id = shape_head(d, "Point", 0);
  preset_props(d, "ellipse", cx - r, cy - r, 2 * r, 2 * r, fill);
  pptx_xml_end(&d->x);
  return id;
}

/* See pptx.h. */
void pptx_connector(pptx *d, unsigned from, unsigned to, double x1, double y1, double x2,
                    double y2) {
  pptx_xml *x = &d->x;
  unsigned id = d->next_id++;
  char name[64];
  snprintf(name, sizeof name, "Connector %u", id);
  pptx_xml_start(x, "p:cxnSp");
  pptx_xml_start(x, "p:nvCxnSpPr");
  pptx_xml_start(x, "p:cNvPr");
  pptx_xml_attrl(x, "id", id);
  pptx_xml_attr(x, "name", name);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:cNvCxnSpPr");
  pptx_xml_start(x, "a:stCxn");
  pptx_xml_attrl(x, "id", from);
  pptx_xml_attr(x, "idx", "3");
  pptx_xml_end(x);
  pptx_xml_start(x, "a:endCxn");
  pptx_xml_attrl(x, "id", to);
  pptx_xml_attr(x, "idx", "1");
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_empty(x, "p:nvPr", NULL);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:spPr");
  int flip = y2 < y1;
  pptx_xml_start(x, "a:xfrm");
  if (flip) pptx_xml_attr(x, "flipV", "1");
  pptx_xml_start(x, "a:off");
  pptx_xml_attrl(x, "x", emu(x1));
  pptx_xml_attrl(x, "y", emu(flip ? y2 : y1));
  pptx_xml_end(x);
  pptx_xml_start(x, "a:ext");
  pptx_xml_attrl(x, "cx", emu(x2 - x1));
  pptx_xml_attrl(x, "cy", emu(fabs(y2 - y1)));
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_start(x, "a:prstGeom");
  pptx_xml_attr(x, "prst", "bentConnector3");
  pptx_xml_empty(x, "a:avLst", NULL);
  pptx_xml_end(x);
  pptx_xml_start(x, "a:ln");
  pptx_xml_attr(x, "w", "12700");
  pptx_fill(d, BD_COLOR_MUTED);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_end(x);
}

/* The outline of a line or a freeform: width px, a solid colour, dashed
 * (a:prstDash "dash") when dashed is set. */
static void outline(pptx *d, double width_px, long color, int dashed) {
  pptx_xml_start(&d->x, "a:ln");
  pptx_xml_attrl(&d->x, "w", emu(width_px));
  pptx_xml_attr(&d->x, "cap", dashed ? "flat" : "rnd");
  pptx_fill(d, color);
  if (dashed) pptx_xml_empty(&d->x, "a:prstDash", "val", "dash", NULL);
  pptx_xml_empty(&d->x, "a:round", NULL);
  pptx_xml_end(&d->x);
}

/* See pptx.h. */
unsigned pptx_line(pptx *d, double x1, double y1, double x2, double y2, double width_px,
                   long color) {
  return pptx_line_dashed(d, x1, y1, x2, y2, width_px, color, 0);
}

/* See pptx.h. */
unsigned pptx_line_dashed(pptx *d, double x1, double y1, double x2, double y2, double width_px,
                          long color, int dashed) {
  pptx_xml_start(&d->x, "p:sp");
  unsigned id = shape_head(d, "Line", 0);
  pptx_xml_start(&d->x, "p:spPr");
  pptx_xml_start(&d->x, "a:xfrm");
  if (x2 < x1) pptx_xml_attr(&d->x, "flipH", "1");
  if (y2 < y1) pptx_xml_attr(&d->x, "flipV", "1");
  pptx_xml_start(&d->x, "a:off");
  pptx_xml_attrl(&d->x, "x", emu(fmin(x1, x2)));
  pptx_xml_attrl(&d->x, "y", emu(fmin(y1, y2)));
  pptx_xml_end(&d->x);
  pptx_xml_start(&d->x, "a:ext");
  pptx_xml_attrl(&d->x, "cx", emu(fabs(x2 - x1)));
  pptx_xml_attrl(&d->x, "cy", emu(fabs(y2 - y1)));
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
  pptx_xml_start(&d->x, "a:prstGeom");
  pptx_xml_attr(&d->x, "prst", "line");
  pptx_xml_empty(&d->x, "a:avLst", NULL);
  pptx_xml_end(&d->x);
  pptx_xml_empty(&d->x, "a:noFill", NULL);
  outline(d, width_px, color, dashed);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
  return id;
}

/* A point of a freeform's path, relative to its box (x0, y0), in EMU. */
static void path_point(pptx *d, const char *tag, double x, double y, double x0, double y0) {
  pptx_xml_start(&d->x, tag);
  pptx_xml_start(&d->x, "a:pt");
  pptx_xml_attrl(&d->x, "x", emu(x) - emu(x0));
  pptx_xml_attrl(&d->x, "y", emu(y) - emu(y0));
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
}

/* See pptx.h. */
unsigned pptx_freeform(pptx *d, const double *xs, const double *ys, size_t n, double width_px,
                       long color, int dashed) {
  if (n < 2) return 0;
  double x0 = xs[0], y0 = ys[0], x1 = xs[0], y1 = ys[0];
  for (size_t i = 1; i < n; i++) {
    x0 = fmin(x0, xs[i]);
    x1 = fmax(x1, xs[i]);
    y0 = fmin(y0, ys[i]);
    y1 = fmax(y1, ys[i]);
  }
  pptx_xml_start(&d->x, "p:sp");
  unsigned id = shape_head(d, "Freeform", 0);
  pptx_xml_start(&d->x, "p:spPr");
  xfrm(d, "a:xfrm", x0, y0, x1 - x0, y1 - y0);
  pptx_xml_start(&d->x, "a:custGeom");
  pptx_xml_empty(&d->x, "a:avLst", NULL);
  pptx_xml_empty(&d->x, "a:gdLst", NULL);
  pptx_xml_empty(&d->x, "a:ahLst", NULL);
  pptx_xml_empty(&d->x, "a:cxnLst", NULL);
  pptx_xml_empty(&d->x, "a:rect", "l", "0", "t", "0", "r", "r", "b", "b", NULL);
  pptx_xml_start(&d->x, "a:pathLst");
  pptx_xml_start(&d->x, "a:path");
  pptx_xml_attrl(&d->x, "w", emu(x1 - x0 > 0 ? x1 - x0 : 0));
  pptx_xml_attrl(&d->x, "h", emu(y1 - y0 > 0 ? y1 - y0 : 0));
  pptx_xml_attr(&d->x, "fill", "none");
  path_point(d, "a:moveTo", xs[0], ys[0], x0, y0);
  for (size_t i = 1; i < n; i++) path_point(d, "a:lnTo", xs[i], ys[i], x0, y0);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
  pptx_xml_empty(&d->x, "a:noFill", NULL);
  outline(d, width_px, color, dashed);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
  return id;
}
