/*
 * pdf_text_int.h - the inside of the text engine, shared by pdf_text_fonts.c
 * (fonts, the per-character glyph cache, set-up and tear-down) and
 * pdf_text.c (line breaking, measuring, drawing).  Not used elsewhere.
 */
#ifndef BD_PDF_TEXT_INT_H
#define BD_PDF_TEXT_INT_H

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdint.h>

#include "pdf_breaks.h"
#include "pdf_text.h"

#define LINE_HEIGHT 1.32 /* line height as a multiple of the font size */
#define BASELINE    1.01 /* baseline below a line's top, in font sizes */
#define LOOKUP_SIZE 32.0 /* size the glyph cache measures at; advances scale */
#define MAX_FACES   8    /* distinct font faces the fast path may use */
#define PANGO_SLOTS 512  /* layouts the pango path keeps */
#define MAX_BATCH   2048 /* glyphs shown at most in one cairo call */
#define NO_BREAK    ((size_t)-1)
#define BAD_CHAR    0xFFFFFFFFu

/* What the fast path knows about one character in one weight: its glyph,
 * its advance per point of font size, and its face (-1: needs pango). */
typedef struct glyph_info {
  uint32_t glyph;
  float adv;
  short face;
  short cls; /* line-breaking class, BR_* (pdf_breaks.h) */
} glyph_info;

/* Open-addressing map from code point + 1 to glyph_info (non-ASCII only). */
typedef struct glyph_map {
  uint32_t *keys;
  glyph_info *vals;
  size_t cap, count;
} glyph_map;

/* A cairo scaled font for one face at one size. */
typedef struct scaled_entry {
  int face;
  double size;
  cairo_scaled_font_t *font;
} scaled_entry;

/* A cached pango layout and what it was made for. */
typedef struct pango_slot {
  PangoLayout *layout;
  char *text; /* the original string (the layout may hold a repaired copy) */
  uint64_t hash;
  double size, width;
  int bold, max_lines;
} pango_slot;

typedef pdf_text_line line_span;

struct pdf_text {
  FcConfig *config;
  PangoFontMap *fontmap;
  PangoContext *context;
  PangoFontset *fontsets[2];
  cairo_font_options_t *options;
  cairo_font_face_t *faces[MAX_FACES];
  int face_count;
  glyph_info ascii[2][128];
  glyph_map maps[2];
  glyph_info ellipsis[2];
  scaled_entry *scaled;
  size_t scaled_count, scaled_cap;
  size_t last_scaled;
  pango_slot slots[PANGO_SLOTS];
  line_span *lines;
  size_t line_count, line_cap;
  /* the batch: glyphs of one face and size waiting for one show call */
  cairo_glyph_t *glyphs;
  cairo_text_cluster_t *clusters;
  size_t glyph_cap, batch_count;
  char *utf8;
  size_t utf8_cap, batch_bytes;
  int batch_face;
  double batch_size;
  size_t shown; /* glyphs shown so far, for the debug log */
  size_t calls; /* and the cairo calls that showed them */
  char latin_family[64], cjk_family[64];
  int failed;
};

/* Decodes the UTF-8 character at s[*i] (of len bytes), advances *i and
 * returns it, or BAD_CHAR for a malformed sequence. */
uint32_t pdf_text_next_char(const unsigned char *s, size_t len, size_t *i);

/* The glyph of c in the given weight (bold 0 or 1), from the cache or
 * resolved once through pango's font fallback; face -1: needs pango. */
glyph_info pdf_text_glyph(pdf_text *t, uint32_t c, int bold);

/* The fast path's hot loop: ASCII inline, the rest through the functions
 * above. */
static inline uint32_t next_char(const unsigned char *s, size_t len, size_t *i) {
  if (s[*i] < 0x80) return s[(*i)++];
  return pdf_text_next_char(s, len, i);
}
static inline const glyph_info *glyph_of(pdf_text *t, uint32_t c, int bold, glyph_info *slot) {
  if (c < 128) return &t->ascii[bold][c];
  *slot = pdf_text_glyph(t, c, bold);
  return slot;
}

/* A font description of "sans" at f (caller frees). */
PangoFontDescription *pdf_text_font_description(pdf_font f);

#endif
