/*
 * pdf_text_fonts.c - the fonts of the pdf plugin: the fontconfig configuration
 * from the font directory, pango's font map on it, and the per-character
 * glyph cache of the fast path (which font has a character, its glyph and
 * advance, how a line may break around it).  See pdf_text.h.
 */
#include "pdf_text_int.h"

#include <errno.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* See pdf_text_int.h. */
uint32_t pdf_text_next_char(const unsigned char *s, size_t len, size_t *i) {
  size_t at = *i;
  unsigned c = s[at];
  if (c < 0x80) {
    *i = at + 1;
    return c;
  }
  size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || at + n > len) return BAD_CHAR;
  uint32_t v = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; k++) {
    if ((s[at + k] & 0xC0) != 0x80) return BAD_CHAR;
    v = (v << 6) | (s[at + k] & 0x3F);
  }
  if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
      (v >= 0xD800 && v < 0xE000))
    return BAD_CHAR;
  *i = at + n;
  return v;
}

/* Returns 1 when c needs nothing but a one-to-one glyph mapping: no mark,
 * no format or control character, a script drawn left to right without
 * shaping, no emoji or supplementary symbol. */
static int simple_char(uint32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c >= 0x1F000) return 0;
  if ((c >= 0x1100 && c < 0x1200) || (c >= 0xA960 && c < 0xA980) || (c >= 0xD7B0 && c < 0xD800))
    return 0; /* conjoining Hangul jamo */
  switch (g_unichar_type(c)) {
  case G_UNICODE_CONTROL:
  case G_UNICODE_FORMAT:
  case G_UNICODE_UNASSIGNED:
  case G_UNICODE_PRIVATE_USE:
  case G_UNICODE_SURROGATE:
  case G_UNICODE_SPACING_MARK:
  case G_UNICODE_ENCLOSING_MARK:
  case G_UNICODE_NON_SPACING_MARK:
    return 0;
  default:
    break;
  }
  switch (g_unichar_get_script(c)) {
  case G_UNICODE_SCRIPT_COMMON:
  case G_UNICODE_SCRIPT_LATIN:
  case G_UNICODE_SCRIPT_GREEK:
  case G_UNICODE_SCRIPT_CYRILLIC:
  case G_UNICODE_SCRIPT_HAN:
  case G_UNICODE_SCRIPT_HIRAGANA:
  case G_UNICODE_SCRIPT_KATAKANA:
  case G_UNICODE_SCRIPT_HANGUL:
  case G_UNICODE_SCRIPT_BOPOMOFO:
    break;
  default:
    return 0;
  }
  return 1;
}

/* Returns the index of face in t->faces, adding it; -1 when full. */
static int face_index(pdf_text *t, cairo_font_face_t *face) {
  for (int i = 0; i < t->face_count; i++)
    if (t->faces[i] == face) return i;
  if (t->face_count == MAX_FACES) return -1;
  t->faces[t->face_count] = cairo_font_face_reference(face);
  return t->face_count++;
}

/* Finds the glyph of c in weight bold the way pango's font fallback would
 * (the first font of the "sans" fontset that has it). */
static glyph_info resolve_char(pdf_text *t, uint32_t c, int bold) {
  glyph_info gi = {0, 0, -1, (short)pdf_break_class(c)};
  if (!simple_char(c)) return gi;
  PangoFont *font = pango_fontset_get_font(t->fontsets[bold], c);
  if (font == NULL) return gi;
  cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
  if (sf != NULL && cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS) {
    char u[8];
    int n = g_unichar_to_utf8(c, u);
    cairo_glyph_t *gl = NULL;
    int count = 0;
    if (cairo_scaled_font_text_to_glyphs(sf, 0, 0, u, n, &gl, &count, NULL, NULL, NULL) ==
            CAIRO_STATUS_SUCCESS &&
        count == 1 && gl[0].index != 0) {
      cairo_text_extents_t e;
      cairo_scaled_font_glyph_extents(sf, gl, 1, &e);
      int face = face_index(t, cairo_scaled_font_get_font_face(sf));
      if (face >= 0) {
        gi.glyph = (uint32_t)gl[0].index;
        gi.adv = (float)(e.x_advance / LOOKUP_SIZE);
        gi.face = (short)face;
      }
    }
    cairo_glyph_free(gl);
  }
  g_object_unref(font);
  return gi;
}

/* Doubles the capacity of a glyph map; returns 0 or -1. */
static int grow_map(glyph_map *m) {
  size_t cap = m->cap ? m->cap * 2 : 256;
  uint32_t *keys = calloc(cap, sizeof *keys);
  glyph_info *vals = malloc(cap * sizeof *vals);
  if (keys == NULL || vals == NULL) {
    free(keys);
    free(vals);
    return -1;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (m->keys[i] == 0) continue;
    size_t j = (m->keys[i] * 2654435761u) & (cap - 1);
    while (keys[j]) j = (j + 1) & (cap - 1);
    keys[j] = m->keys[i];
    vals[j] = m->vals[i];
  }
  free(m->keys);
  free(m->vals);
  m->keys = keys;
  m->vals = vals;
  m->cap = cap;
  return 0;
}

/* The glyph of c in the given weight, from the cache or resolved once. */
glyph_info pdf_text_glyph(pdf_text *t, uint32_t c, int bold) {
  if (c < 128) return t->ascii[bold][c];
  glyph_map *m = &t->maps[bold];
  if (m->cap) {
    size_t j = ((c + 1) * 2654435761u) & (m->cap - 1);
    while (m->keys[j]) {
      if (m->keys[j] == c + 1) return m->vals[j];
      j = (j + 1) & (m->cap - 1);
    }
  }
  glyph_info gi = resolve_char(t, c, bold);
  if ((m->count + 1) * 2 > m->cap && grow_map(m) != 0) return gi;
  size_t j = ((c + 1) * 2654435761u) & (m->cap - 1);
  while (m->keys[j]) j = (j + 1) & (m->cap - 1);
  m->keys[j] = c + 1;
  m->vals[j] = gi;
  m->count++;
  return gi;
}

/* A font description of "sans" at f (caller frees). */
PangoFontDescription *pdf_text_font_description(pdf_font f) {
  PangoFontDescription *desc = pango_font_description_new();
  pango_font_description_set_family_static(desc, "sans");
  pango_font_description_set_absolute_size(desc, f.size * PANGO_SCALE);
  pango_font_description_set_weight(desc, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return desc;
}

/* Records the family of the font pango picks for c into buf. */
static void family_for(pdf_text *t, uint32_t c, char *buf, size_t size) {
  buf[0] = '\0';
  glyph_info g = pdf_text_glyph(t, c, 0);
  if (g.face < 0) return;
  PangoFont *font = pango_fontset_get_font(t->fontsets[0], c);
  if (font == NULL) return;
  PangoFontDescription *d = pango_font_describe(font);
  const char *family = pango_font_description_get_family(d);
  snprintf(buf, size, "%s", family ? family : "");
  pango_font_description_free(d);
  g_object_unref(font);
}

/* Loads font_dir/fonts.conf into a new fontconfig configuration. */
static FcConfig *load_config(const char *font_dir, char *err, size_t errsize) {
  char *path = g_build_filename(font_dir ? font_dir : ".", "fonts.conf", NULL);
  if (access(path, R_OK) != 0) { /* checked here: fontconfig would print its own error */
    snprintf(err, errsize, "cannot read the font configuration %s: %s", path, strerror(errno));
    g_free(path);
    return NULL;
  }
  FcConfig *config = FcConfigCreate();
  if (config == NULL) {
    snprintf(err, errsize, "out of memory");
  } else if (!FcConfigParseAndLoad(config, (const FcChar8 *)path, FcTrue)) {
    snprintf(err, errsize, "cannot load the font configuration %s", path);
    FcConfigDestroy(config);
    config = NULL;
  } else if (!FcConfigBuildFonts(config)) {
    snprintf(err, errsize, "cannot read the fonts named in %s", path);
    FcConfigDestroy(config);
    config = NULL;
  } else {
    FcFontSet *set = FcConfigGetFonts(config, FcSetSystem);
    if (set == NULL || set->nfont == 0) {
      snprintf(err, errsize,
               "no fonts found through %s; install the packages fonts-dejavu-core and "
               "fonts-noto-cjk",
               path);
      FcConfigDestroy(config);
      config = NULL;
    }
  }
  g_free(path);
  return config;
}

/* See pdf_text.h. */
pdf_text *pdf_text_new(const char *font_dir, const char *lang, char *err, size_t errsize) {
  pdf_text *t = calloc(1, sizeof *t);
  if (t == NULL) {
    snprintf(err, errsize, "out of memory");
    return NULL;
  }
  t->config = load_config(font_dir, err, errsize);
  if (t->config == NULL) goto fail;
  t->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (t->fontmap == NULL) {
    snprintf(err, errsize, "pango has no FreeType font map");
    goto fail;
  }
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(t->fontmap), t->config);
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(t->fontmap), 72);
  t->context = pango_font_map_create_context(t->fontmap);
  t->options = cairo_font_options_create();
  cairo_font_options_set_hint_style(t->options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(t->options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(t->context, t->options);
  pango_context_set_round_glyph_positions(t->context, FALSE);
  PangoLanguage *language = pango_language_from_string(lang && *lang ? lang : "en");
  pango_context_set_language(t->context, language);
  for (int b = 0; b < 2; b++) {
    PangoFontDescription *desc = pdf_text_font_description((pdf_font){LOOKUP_SIZE, b});
    t->fontsets[b] = pango_font_map_load_fontset(t->fontmap, t->context, desc, language);
    pango_font_description_free(desc);
    if (t->fontsets[b] == NULL) {
      snprintf(err, errsize, "no font for 'sans' in the font configuration");
      goto fail;
    }
    for (uint32_t c = 0; c < 128; c++)
      t->ascii[b][c] = c >= 32 && c < 127 ? resolve_char(t, c, b) : (glyph_info){0, 0, -1, 0};
    t->ellipsis[b] = pdf_text_glyph(t, 0x2026, b);
    if (t->ellipsis[b].face < 0 || t->ascii[b]['0'].face < 0) {
      snprintf(err, errsize, "the fonts of the font configuration lack basic Latin letters");
      goto fail;
    }
  }
  family_for(t, 'A', t->latin_family, sizeof t->latin_family);
  family_for(t, 0x3042, t->cjk_family, sizeof t->cjk_family);
  return t;
fail:
  pdf_text_free(t);
  return NULL;
}

/* See pdf_text.h. */
void pdf_text_free(pdf_text *t) {
  if (t == NULL) return;
  for (size_t i = 0; i < PANGO_SLOTS; i++) {
    if (t->slots[i].layout) g_object_unref(t->slots[i].layout);
    free(t->slots[i].text);
  }
  for (size_t i = 0; i < t->scaled_count; i++) cairo_scaled_font_destroy(t->scaled[i].font);
  free(t->scaled);
  for (int i = 0; i < t->face_count; i++) cairo_font_face_destroy(t->faces[i]);
  for (int b = 0; b < 2; b++) {
    if (t->fontsets[b]) g_object_unref(t->fontsets[b]);
    free(t->maps[b].keys);
    free(t->maps[b].vals);
  }
  if (t->context) g_object_unref(t->context);
  if (t->fontmap) {
    /* pango keeps its reference to the configuration past the font map's
     * end; handing it back here lets FcConfigDestroy below free it. */
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(t->fontmap), NULL);
    g_object_unref(t->fontmap);
  }
  if (t->options) cairo_font_options_destroy(t->options);
  if (t->config) FcConfigDestroy(t->config);
  free(t->lines);
  free(t->glyphs);
  free(t->clusters);
  free(t->utf8);
  free(t);
}

/* See pdf_text.h. */
int pdf_text_failed(const pdf_text *t) {
  return t->failed;
}

/* See pdf_text.h. */
const char *pdf_text_latin_family(const pdf_text *t) {
  return t->latin_family;
}

/* See pdf_text.h. */
const char *pdf_text_cjk_family(const pdf_text *t) {
  return t->cjk_family;
}

/* See pdf_text.h. */
size_t pdf_text_glyphs_shown(const pdf_text *t) {
  return t->shown;
}

/* See pdf_text.h. */
size_t pdf_text_show_calls(const pdf_text *t) {
  return t->calls;
}
