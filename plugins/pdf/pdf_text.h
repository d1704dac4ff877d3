/*
 * pdf_text.h - the text engine of the pdf plugin: fonts, measuring,
 * wrapping and drawing plan text with cairo and pango.
 *
 * Fonts come only from the fontconfig configuration in the plugin's font
 * directory (fonts/fonts.conf), so a PDF does not depend on whatever else is
 * installed.  Text is never markup.
 *
 * Two paths draw text:
 *   - the fast path, for text whose every character needs no shaping beyond
 *     a one-to-one character-to-glyph mapping (Latin, Greek, Cyrillic, CJK,
 *     kana, Hangul syllables, common punctuation): glyphs and advances come
 *     from a per-character cache filled once through pango, lines are broken
 *     here (spaces, hyphens, between CJK characters with the usual kinsoku
 *     rules, and inside a word too long for its line), and the glyphs of
 *     many lines of one face and size go to cairo in one
 *     cairo_show_text_glyphs call.  No shaping per string, no allocation per
 *     string.
 *   - the pango path, for everything else (right-to-left scripts, combining
 *     marks, complex scripts, emoji sequences, characters no font has): a
 *     PangoLayout with pango_layout_set_text, PANGO_WRAP_WORD_CHAR and end
 *     ellipsis, kept in a small cache so a string measured and then drawn is
 *     shaped once.
 * Both paths use the same line height and baseline, so they mix in a table.
 */
#ifndef BD_PDF_TEXT_H
#define BD_PDF_TEXT_H

#include <cairo.h>
#include <stddef.h>

/* A font: size in points and weight; the family is always "sans" of fonts.conf. */
typedef struct pdf_font {
  double size;
  int bold;
} pdf_font;

/* Horizontal alignment of each line within its box. */
typedef enum pdf_align { PDF_ALIGN_LEFT = 0, PDF_ALIGN_RIGHT = 1, PDF_ALIGN_CENTER = 2 } pdf_align;

/* One line of fast-path text: bytes [start, end) drawn, its width, and
 * whether an ellipsis follows it. */
typedef struct pdf_text_line {
  size_t start, end;
  double width;
  int ellipsis;
} pdf_text_line;

/* The text engine: font map, fontconfig configuration, caches.  Opaque. */
typedef struct pdf_text pdf_text;

/* Creates the engine with the fontconfig configuration font_dir/fonts.conf.
 * lang ("en", "ja") is the language pango is told for the labels.  Returns
 * NULL with a message in err on failure.  Free with pdf_text_free(). */
pdf_text *pdf_text_new(const char *font_dir, const char *lang, char *err, size_t errsize);

/* Frees the engine and everything it caches; NULL is fine. */
void pdf_text_free(pdf_text *t);

/* Returns 1 once an allocation failed inside the engine (text was then
 * skipped), else 0.  The caller turns this into an error at the end. */
int pdf_text_failed(const pdf_text *t);

/* The height of one line of text in font f, in points. */
double pdf_text_line_height(pdf_font f);

/* The natural width of s on one line (the widest line when s has newlines). */
double pdf_text_width(pdf_text *t, const char *s, pdf_font f);

/* The width of the widest part of s that cannot be broken (a word). */
double pdf_text_min_width(pdf_text *t, const char *s, pdf_font f);

/* The width of the widest part of s between spaces: a label wrapped to
 * at least that breaks only at its spaces, so a Japanese label (which has
 * none) stays whole on one line. */
double pdf_text_label_width(pdf_text *t, const char *s, pdf_font f);

/* The number of lines s takes when wrapped to width (<= 0: no wrapping),
 * at most max_lines (0: no limit; the last line is then ellipsized). */
int pdf_text_line_count(pdf_text *t, const char *s, pdf_font f, double width, int max_lines);

/* Shows the glyphs pdf_text_draw() has collected.  Call it before the
 * source colour changes, before drawing shapes that must lie over the text,
 * and before the page ends. */
void pdf_text_flush(pdf_text *t, cairo_t *cr);

/* Draws s (collected into batches; see pdf_text_flush()) in the current
 * cairo source colour with its first line's top at
 * (x, y), wrapped to width (<= 0: one line per paragraph, no wrapping) and
 * aligned within it, at most max_lines lines (0: all; else the last shown
 * line ends in an ellipsis when text is left over).  Returns the number of
 * lines drawn, so the height used is that times pdf_text_line_height(f). */
int pdf_text_draw(pdf_text *t, cairo_t *cr, const char *s, pdf_font f, double x, double y,
                  double width, int max_lines, pdf_align align);

/* Breaks s into lines as pdf_text_draw() would.  Returns 0 and sets *lines
 * (valid until the next call into the engine) and *count when the fast
 * path sets s; 1 when s needs the pango path (use pdf_text_draw then); -1
 * on exhaustion. */
int pdf_text_layout(pdf_text *t, const char *s, pdf_font f, double width, int max_lines,
                    const pdf_text_line **lines, size_t *count);

/* Draws lines of s that pdf_text_layout() made (with the same font, width
 * and alignment) with the first line's top at (x, y); see pdf_text_draw(). */
void pdf_text_draw_lines(pdf_text *t, cairo_t *cr, const char *s, pdf_font f, double x, double y,
                         double width, pdf_align align, const pdf_text_line *lines, size_t count);

/* Draws s on one line in the monospace face at size (points) with its
 * baseline at (x, baseline), in the current cairo source colour, or only
 * measures it when cr is NULL.  Returns its width.  For short technical
 * strings (a SHA-256); s is not wrapped or cut. */
double pdf_text_mono(pdf_text *t, cairo_t *cr, const char *s, double size, double x,
                     double baseline);

/* Font families the engine resolved for Latin and Japanese text, for the
 * log (static strings owned by the engine). */
const char *pdf_text_latin_family(const pdf_text *t);
const char *pdf_text_cjk_family(const pdf_text *t);

/* How many glyphs the fast path has shown so far (for the debug log). */
size_t pdf_text_glyphs_shown(const pdf_text *t);
/* How many cairo calls showed them. */
size_t pdf_text_show_calls(const pdf_text *t);

#endif
