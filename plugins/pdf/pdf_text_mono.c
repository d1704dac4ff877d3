/*
 * pdf_text_mono.c - one line of text in the monospace face (DejaVu Sans Mono
 * through the "monospace" alias of fonts.conf), for a SHA-256 in the
 * running footer.  Set through pango; see pdf_text.h.
 */
#include "pdf_text_int.h"

/* A layout of s on one line in the monospace face at size, or NULL. */
static PangoLayout *mono_layout(pdf_text *t, const char *s, double size) {
  PangoLayout *layout = pango_layout_new(t->context);
  if (layout == NULL) return NULL;
  PangoFontDescription *desc = pango_font_description_new();
  pango_font_description_set_family_static(desc, "monospace");
  pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);
  pango_layout_set_text(layout, s, -1);
  return layout;
}

/* See pdf_text.h. */
double pdf_text_mono(pdf_text *t, cairo_t *cr, const char *s, double size, double x,
                     double baseline) {
  PangoLayout *layout = mono_layout(t, s, size);
  if (layout == NULL) {
    t->failed = 1;
    return 0;
  }
  PangoRectangle logical;
  pango_layout_get_extents(layout, NULL, &logical);
  double w = (double)logical.width / PANGO_SCALE;
  if (cr) {
    pdf_text_flush(t, cr);
    PangoLayoutLine *line = pango_layout_get_line_readonly(layout, 0);
    if (line) {
      cairo_move_to(cr, x - (double)logical.x / PANGO_SCALE, baseline);
      pango_cairo_show_layout_line(cr, line);
      cairo_new_path(cr);
    }
  }
  g_object_unref(layout);
  return w;
}
