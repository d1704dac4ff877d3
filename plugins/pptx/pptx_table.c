/*
 * pptx_table.c - native tables (a:tbl in a p:graphicFrame): cells with
 * their fills, paddings and a rule under each row.  The rows are written
 * into a fragment first, since the frame states the table's height before
 * them.
 */
#include "pptx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* px of the deck as EMU. */
static long long emu(double px) {
  return llround(px * PPTX_EMU_PER_PX);
}

/* See pptx.h. */
void pptx_table_begin(pptx_table *t, pptx *d, double x, double y, const double *cols, size_t ncols,
                      double pad_x, double pad_y) {
  *t = (pptx_table){d, x, y, 0, 0, cols, ncols, pad_x, pad_y, d->x, d->next_id++};
  for (size_t c = 0; c < ncols; c++) t->w += cols[c];
  if (pptx_xml_begin_fragment(&d->x) != 0) {
    d->x = t->slide;
    d->failed = 1;
    t->d = NULL;
  }
}

/* The width of the cell starting at column c spanning span columns. */
static double cell_width(const pptx_table *t, size_t c, unsigned span) {
  double w = 0;
  for (size_t k = c; k < c + (span ? span : 1) && k < t->ncols; k++) w += t->cols[k];
  return w;
}

/* See pptx.h. */
double pptx_row_height(pptx_table *t, const pptx_cell *cells, size_t n) {
  double h = 0;
  size_t c = 0;
  for (size_t i = 0; i < n && c < t->ncols; i++) {
    double w = cell_width(t, c, cells[i].span) - 2 * t->pad_x;
    double ch = pptx_lines(t->d, cells[i].text, cells[i].font, w) * cells[i].font.px * PPTX_LINE;
    if (ch > h) h = ch;
    c += cells[i].span ? cells[i].span : 1;
  }
  return h + 2 * t->pad_y;
}

/* A border of a cell: none, or the rule. */
static void border(pptx *d, const char *side, int rule) {
  pptx_xml_start(&d->x, side);
  pptx_xml_attr(&d->x, "w", rule ? "9525" : "0");
  if (rule)
    pptx_fill(d, PPTX_COLOR_RULE);
  else
    pptx_xml_empty(&d->x, "a:noFill", NULL);
  pptx_xml_end(&d->x);
}

/* One cell and its properties. */
static void cell(pptx_table *t, const pptx_cell *c, int merged) {
  pptx *d = t->d;
  pptx_xml_start(&d->x, "a:tc");
  if (merged)
    pptx_xml_attr(&d->x, "hMerge", "1");
  else if (c->span > 1)
    pptx_xml_attrl(&d->x, "gridSpan", c->span);
  pptx_xml_start(&d->x, "a:txBody");
  pptx_xml_empty(&d->x, "a:bodyPr", NULL);
  pptx_xml_empty(&d->x, "a:lstStyle", NULL);
  pptx_para p = {merged ? "" : c->text, c->font, c->align};
  pptx_paragraph(d, &p);
  pptx_xml_end(&d->x);
  pptx_xml_start(&d->x, "a:tcPr");
  pptx_xml_attrl(&d->x, "marL", emu(t->pad_x));
  pptx_xml_attrl(&d->x, "marR", emu(t->pad_x));
  pptx_xml_attrl(&d->x, "marT", emu(t->pad_y));
  pptx_xml_attrl(&d->x, "marB", emu(t->pad_y));
  pptx_xml_attr(&d->x, "anchor", "ctr");
  border(d, "a:lnL", 0);
  border(d, "a:lnR", 0);
  border(d, "a:lnT", 0);
  border(d, "a:lnB", c->rule);
  pptx_fill(d, c->fill);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
}

/* See pptx.h. */
void pptx_table_row(pptx_table *t, double h, const pptx_cell *cells, size_t n) {
  if (t->d == NULL) return;
  pptx *d = t->d;
  pptx_xml_start(&d->x, "a:tr");
  pptx_xml_attrl(&d->x, "h", emu(h));
  size_t c = 0;
  for (size_t i = 0; i < n && c < t->ncols; i++) {
    cell(t, &cells[i], 0);
    unsigned span = cells[i].span ? cells[i].span : 1;
    for (unsigned k = 1; k < span; k++) cell(t, &cells[i], 1);
    c += span;
  }
  for (; c < t->ncols; c++) { /* a short row is filled with empty cells */
    pptx_cell empty = {"", cells[0].font, PPTX_LEFT, PPTX_NO_FILL, 1, cells[0].rule};
    cell(t, &empty, 0);
  }
  pptx_xml_end(&d->x);
  t->h += h;
}

/* See pptx.h. */
double pptx_table_end(pptx_table *t) {
  if (t->d == NULL) return t->y;
  pptx *d = t->d;
  unsigned char *rows;
  size_t len;
  int rc = pptx_xml_finish(&d->x, &rows, &len);
  d->x = t->slide;
  if (rc != 0) {
    d->failed = 1;
    return t->y + t->h;
  }
  pptx_xml *x = &d->x;
  char name[64];
  snprintf(name, sizeof name, "Table %u", t->id);
  pptx_xml_start(x, "p:graphicFrame");
  pptx_xml_start(x, "p:nvGraphicFramePr");
  pptx_xml_start(x, "p:cNvPr");
  pptx_xml_attrl(x, "id", t->id);
  pptx_xml_attr(x, "name", name);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:cNvGraphicFramePr");
  pptx_xml_empty(x, "a:graphicFrameLocks", "noGrp", "1", NULL);
  pptx_xml_end(x);
  pptx_xml_empty(x, "p:nvPr", NULL);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:xfrm");
  pptx_xml_start(x, "a:off");
  pptx_xml_attrl(x, "x", emu(t->x));
  pptx_xml_attrl(x, "y", emu(t->y));
  pptx_xml_end(x);
  pptx_xml_start(x, "a:ext");
  pptx_xml_attrl(x, "cx", emu(t->w));
  pptx_xml_attrl(x, "cy", emu(t->h));
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_start(x, "a:graphic");
  pptx_xml_start(x, "a:graphicData");
  pptx_xml_attr(x, "uri", "http://schemas.openxmlformats.org/drawingml/2006/table");
  pptx_xml_start(x, "a:tbl");
  pptx_xml_empty(x, "a:tblPr", "firstRow", "1", "bandRow", "0", NULL);
  pptx_xml_start(x, "a:tblGrid");
  for (size_t c = 0; c < t->ncols; c++) {
    pptx_xml_start(x, "a:gridCol");
    pptx_xml_attrl(x, "w", emu(t->cols[c]));
    pptx_xml_end(x);
  }
  pptx_xml_end(x);
  pptx_xml_raw(x, rows, len);
  free(rows);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_end(x);
  return t->y + t->h;
}
