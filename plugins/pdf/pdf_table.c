/* pdf_table.c - table columns: placing them, the header row, cells; see pdf.h. */
#include "pdf.h"

#include <stdio.h>
#include <string.h>

/* See pdf.h. */
void pdf_cols_place(pdf_col *cols, size_t n, double x0, double x1) {
  double fixed = 0;
  size_t flex = 0;
  for (size_t i = 0; i < n; i++) {
    if (cols[i].w > 0)
      fixed += cols[i].w;
    else
      flex++;
  }
  double share = flex ? (x1 - x0 - fixed) / (double)flex : 0;
  if (share < 0) share = 0;
  double x = x0;
  for (size_t i = 0; i < n; i++) {
    if (cols[i].w <= 0) cols[i].w = share;
    cols[i].x = x;
    x += cols[i].w;
  }
}

/* See pdf.h. */
double pdf_col_width(pdf_doc *d, const char *sample, const char *label) {
  double w = sample ? pdf_text_width(d->text, sample, d->f_cell_bold) : 0;
  if (label) {
    /* The header may wrap onto two lines, but only at a space: a Japanese
     * label (年間ダウンタイム) stays whole. */
    double word = pdf_text_label_width(d->text, label, d->f_head);
    if (word > w) w = word;
    /* A short label stays on one line. */
    double one = pdf_text_width(d->text, label, d->f_head);
    if (one <= 4.5 * d->f_head.size && one > w) w = one;
    while (pdf_text_line_count(d->text, label, d->f_head, w, 0) > 2) w += d->f_head.size * 0.5;
  }
  return w + 2 * d->pad;
}

/* See pdf.h. */
double pdf_cols_header_height(pdf_doc *d, const pdf_col *cols, size_t n) {
  int lines = 1;
  for (size_t i = 0; i < n; i++) {
    if (cols[i].label == NULL) continue;
    int l = pdf_text_line_count(d->text, cols[i].label, d->f_head, cols[i].w - 2 * d->pad, 2);
    if (l > lines) lines = l;
  }
  return pdf_row_height(d, d->f_head, lines);
}

/* See pdf.h. */
double pdf_cols_header(pdf_doc *d, const pdf_col *cols, size_t n, double y) {
  double h = pdf_cols_header_height(d, cols, n);
  double lh = pdf_text_line_height(d->f_head);
  for (size_t i = 0; i < n; i++) {
    if (cols[i].label == NULL) continue;
    int lines = pdf_text_line_count(d->text, cols[i].label, d->f_head, cols[i].w - 2 * d->pad, 2);
    /* Labels sit on the bottom of the header, next to the rule. */
    double top = y + h - d->pad - lh * lines;
    pdf_draw(d, cols[i].label, d->f_head, BD_COLOR_MUTED, cols[i].x + d->pad, top,
             cols[i].w - 2 * d->pad, 2, cols[i].align);
  }
  pdf_hrule(d, cols[0].x, cols[n - 1].x + cols[n - 1].w, y + h, d->slides ? 1.2 : 0.8,
            PDF_COLOR_RULE_STRONG);
  return h;
}

/* See pdf.h. */
int pdf_cell(pdf_doc *d, const pdf_col *c, const char *s, pdf_font f, uint32_t rgb, double y,
             int max_lines) {
  return pdf_draw(d, s, f, rgb, c->x + d->pad, y + d->pad, c->w - 2 * d->pad, max_lines, c->align);
}

/* See pdf.h. */
double pdf_row_height(pdf_doc *d, pdf_font f, int lines) {
  return pdf_text_line_height(f) * (lines < 1 ? 1 : lines) + 2 * d->pad;
}

/* See pdf.h. */
void pdf_groups_reset(pdf_groups *g, const bd_report *r) {
  *g = (pdf_groups){r, 0, (size_t)-1, (size_t)-1};
}

/* See pdf.h. */
size_t pdf_groups_at(pdf_groups *g, size_t first, size_t heads[2]) {
  const bd_report *r = g->r;
  for (; g->row < first && g->row < r->matrix_row_count; g->row++) {
    if (r->matrix_rows[g->row]->type == BD_ROW_LOSS) g->loss = g->row, g->failure = (size_t)-1;
    if (r->matrix_rows[g->row]->type == BD_ROW_FAILURE) g->failure = g->row;
  }
  if (first >= r->matrix_row_count || r->matrix_rows[first]->type == BD_ROW_LOSS) return 0;
  size_t n = 0;
  if (g->loss != (size_t)-1) heads[n++] = g->loss;
  if (r->matrix_rows[first]->type == BD_ROW_SCENARIO && g->failure != (size_t)-1)
    heads[n++] = g->failure;
  return n;
}

/* See pdf.h. */
const char *pdf_continued(pdf_doc *d, const char *title, char *buf, size_t size) {
  const char *label = pdf_msg(d, "pdf.continued");
  size_t len = strlen(title), room = size - strlen(label) - 2;
  if (len > room) { /* cut before a UTF-8 continuation byte */
    len = room;
    while (len > 0 && ((unsigned char)title[len] & 0xC0) == 0x80) len--;
  }
  snprintf(buf, size, "%.*s %s", (int)len, title, label);
  return buf;
}

/* A type size scaled by s; on slides never under the 12 pt floor. */
static double scaled_size(const pdf_doc *d, double size, double s) {
  double scaled = size * s, floor = d->slides ? 12 : 0;
  return scaled < floor && size >= floor ? floor : scaled;
}

/* See pdf.h. */
void pdf_type_scale(pdf_doc *d, double s, pdf_type *saved) {
  *saved = (pdf_type){d->f_cell, d->f_cell_bold, d->f_head, d->f_small, d->pad};
  d->f_cell.size = scaled_size(d, d->f_cell.size, s);
  d->f_cell_bold.size = scaled_size(d, d->f_cell_bold.size, s);
  d->f_head.size = scaled_size(d, d->f_head.size, s);
  d->f_small.size = scaled_size(d, d->f_small.size, s);
  d->pad *= s;
}

/* See pdf.h. */
void pdf_type_restore(pdf_doc *d, const pdf_type *saved) {
  d->f_cell = saved->cell;
  d->f_cell_bold = saved->cell_bold;
  d->f_head = saved->head;
  d->f_small = saved->small;
  d->pad = saved->pad;
}

/* See pdf.h. */
double pdf_fit_scale(pdf_doc *d, double fixed, double min_flex) {
  double room = d->x1 - d->x0 - min_flex;
  if (fixed <= room) return 1;
  double s = room / fixed;
  if (d->slides && s < 0.85) {
    /* Slides keep their type large (14 pt down to about 12 pt, the floor
     * pdf_type_scale() keeps) and give up width of the flexible column
     * first, down to 60% of min_flex. */
    double tight = (d->x1 - d->x0 - 0.6 * min_flex) / fixed;
    s = tight < 0.85 ? tight : 0.85;
  }
  return s < 0.55 ? 0.55 : s;
}
