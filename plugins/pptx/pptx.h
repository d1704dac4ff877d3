/*
 * pptx.h - the pptx output plugin's private header: the deck being
 * written, its text and shape services, and the slides.
 *
 * The plugin draws the slide plan of plugins/deck (the same slides, rows
 * and headings as the html and pdf decks) as PresentationML: text in text
 * boxes, tables as a:tbl with cell fills, trees as shapes joined by
 * connectors, speaker notes with the figures in words.  Positions are the
 * deck's CSS px (deck_metrics.h, a 1280 x 720 slide) turned into EMU
 * (9525 per px); type sizes are the PDF deck's points (3/4 of a px).
 * Figures come from the report model formatted by the host's display
 * rules, so they read as in the PDF.
 */
#ifndef BD_PPTX_H
#define BD_PPTX_H

#include <badday/plugin.h>
#include <stddef.h>

#include "../deck/deck_plan.h"
#include "pptx_package.h"
#include "pptx_xml.h"

/* EMU per CSS px of the deck (12192000 / 1280). */
#define PPTX_EMU_PER_PX 9525

/* Colours: 0xRRGGBB, or one of the theme's (a template restyles them). */
#define PPTX_THEME_TEXT   (-1L) /* the theme's dark 1 */
#define PPTX_THEME_ACCENT (-2L) /* the theme's accent 1 */
#define PPTX_NO_FILL      (-3L)

/* A card's background, as in the pdf deck. */
#define PPTX_COLOR_CARD 0xF3F5F7L
#define PPTX_COLOR_RULE 0xD5DAE0L

/* The line height of all text, a factor of the type size: every paragraph
 * sets it exactly (a:spcPts), and text is measured with it. */
#define PPTX_LINE 1.25

/* How text is set: size in CSS px, weight, colour, alignment. */
typedef enum pptx_align { PPTX_LEFT, PPTX_RIGHT, PPTX_CENTER } pptx_align;
typedef struct pptx_font {
  double px;
  int bold;
  long color;
} pptx_font;

/* One paragraph of a shape's text. */
typedef struct pptx_para {
  const char *text;
  pptx_font font;
  pptx_align align;
} pptx_para;

/* The layouts the slides use: their part names in the package. */
#define PPTX_MAX_MASTERS 8
typedef struct pptx_layouts {
  char content[256]; /* "ppt/slideLayouts/slideLayout1.xml" (Title Only, or Title and Content) */
  char masters[PPTX_MAX_MASTERS][256];        /* the slide masters' part names, in order */
  unsigned long master_ids[PPTX_MAX_MASTERS]; /* their sldMasterId ids */
  size_t master_count;
  char theme[256]; /* the presentation's theme (the first master's) */
} pptx_layouts;

/* The deck being written. */
typedef struct pptx {
  const bd_host *host;
  const bd_render_request *req;
  const bd_report *r; /* the plan of the slide being written */
  const deck_plan *deck;
  pdf_text *text; /* pango and fonts/fonts.conf, to measure */
  pptx_package pkg;
  pptx_layouts layouts;
  int templated;      /* -O template: theme, master and layouts come from it */
  const char *footer; /* the footer's name: the plan's service, or the portfolio's title */
  pptx_xml x;         /* the slide being written */
  unsigned next_id;
  size_t slide_no; /* from 1 */
  char *notes;     /* the speaker notes of the slide, one paragraph a line */
  size_t notes_len, notes_cap;
  char fmt[8][160];
  unsigned fmt_next;
  int failed;
} pptx;

/* --- words and figures (pptx_text.c); strings live for a few calls ------ */
const char *pptx_msg(pptx *d, const char *key);
const char *pptx_enum(pptx *d, const char *prefix, const char *name);
const char *pptx_money(pptx *d, double v, const char *currency, int flags);
const char *pptx_amount(pptx *d, double v, int compact);
const char *pptx_duration(pptx *d, double hours);
const char *pptx_share(pptx *d, double share);
const char *pptx_slo(pptx *d, double slo);
const char *pptx_number(pptx *d, double v);
/* A signed amount ("+JPY 1,200" / "-..."), currency NULL: the report's. */
const char *pptx_signed(pptx *d, double v, const char *currency);
/* The width in px of text on one line at font f (pango, the shipped
 * fonts); the widest line when it has newlines. */
double pptx_width(pptx *d, const char *text, pptx_font f);
/* Lines text takes in width_px at font f (pango, the shipped fonts). */
int pptx_lines(pptx *d, const char *text, pptx_font f, double width_px);
/* The largest size from f.px down to min_px at which text fits in
 * width_px x height_px; min_px when none does. */
double pptx_fit(pptx *d, const char *text, pptx_font f, double width_px, double height_px,
                double min_px);
/* Whether s has Japanese (kana, CJK) characters. */
int pptx_is_japanese(const char *s);
/* Appends a line to the slide's speaker notes (printf-style). */
void pptx_note(pptx *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- shapes (pptx_shapes.c); positions in CSS px of the deck ------------- */
/* A shape of text: a rectangle (fill PPTX_NO_FILL for none) with
 * paragraphs, anchored at the top (anchor 't'), middle ('c'), bottom ('b').
 * Returns its shape id. */
unsigned pptx_text_shape(pptx *d, double x, double y, double w, double h, long fill,
                         const pptx_para *paras, size_t n, char anchor);
/* One paragraph in a text box. */
unsigned pptx_text_box(pptx *d, double x, double y, double w, double h, const char *text,
                       pptx_font f, pptx_align align);
/* A filled rectangle, rounded when round is set. */
unsigned pptx_rect(pptx *d, double x, double y, double w, double h, long fill, int round);
/* A connector from shape `from` (its right side) to shape `to` (its left):
 * an elbow line between the two points given. */
void pptx_connector(pptx *d, unsigned from, unsigned to, double x1, double y1, double x2,
                    double y2);
/* One paragraph (inside a txBody); the text's newlines become line
 * breaks. */
void pptx_paragraph(pptx *d, const pptx_para *p);
/* The run properties and text of one run (inside an a:p). */
void pptx_run(pptx *d, const char *text, pptx_font f);
/* A straight line from (x1, y1) to (x2, y2), width_px wide, in a solid
 * colour.  Returns its shape id. */
unsigned pptx_line(pptx *d, double x1, double y1, double x2, double y2, double width_px,
                   long color);
/* The same, dashed (a:prstDash "dash") when dashed is set. */
unsigned pptx_line_dashed(pptx *d, double x1, double y1, double x2, double y2, double width_px,
                          long color, int dashed);
/* An open freeform (a:custGeom, moveTo then lnTo) through the n points
 * (xs[i], ys[i]), outlined width_px wide in a solid colour, dashed
 * (a:prstDash) when dashed is set, unfilled; the arrays stay the caller's.
 * Returns its shape id, 0 for under two points. */
unsigned pptx_freeform(pptx *d, const double *xs, const double *ys, size_t n, double width_px,
                       long color, int dashed);
/* A filled circle of radius r px centred on (cx, cy), no outline (a
 * chart's point marker).  Returns its shape id. */
unsigned pptx_dot(pptx *d, double cx, double cy, double r, long fill);
/* A solid fill of a colour (0xRRGGBB or PPTX_THEME_*). */
void pptx_fill(pptx *d, long color);

/* --- tables (pptx_table.c) ----------------------------------------------- */
typedef struct pptx_cell {
  const char *text;
  pptx_font font;
  pptx_align align;
  long fill;     /* PPTX_NO_FILL: none */
  unsigned span; /* columns it spans (0 or 1: one) */
  int rule;      /* a rule under the cell */
} pptx_cell;
typedef struct pptx_table {
  pptx *d;
  double x, y, w, h;
  const double *cols; /* widths, px */
  size_t ncols;
  double pad_x, pad_y;
  pptx_xml slide; /* the slide's writer while the rows go into d->x */
  unsigned id;
} pptx_table;
/* Starts a table at (x, y) with columns of these widths; rows follow with
 * pptx_table_row and the table ends with pptx_table_end, which returns the
 * y under it.  The frame's height is the sum of the row heights. */
void pptx_table_begin(pptx_table *t, pptx *d, double x, double y, const double *cols, size_t ncols,
                      double pad_x, double pad_y);
/* A row of cells (ncols of them, less the spanned) of height h px. */
void pptx_table_row(pptx_table *t, double h, const pptx_cell *cells, size_t n);
double pptx_table_end(pptx_table *t);
/* The height of a row whose cells hold these texts, measured at each
 * cell's font in its column (less the padding), the tallest. */
double pptx_row_height(pptx_table *t, const pptx_cell *cells, size_t n);

/* --- slides (pptx_slide.c) ----------------------------------------------- */
/* Starts slide d->slide_no + 1 with heading (NULL: a title slide);
 * returns the y where the body starts, px. */
double pptx_slide_begin(pptx *d, const char *heading);
/* Ends the slide: its part, its relationships and its notes.  Returns 0
 * or -1. */
int pptx_slide_end(pptx *d);
/* The bottom of the body, px. */
double pptx_body_bottom(void);

/* --- key-figure cards (pptx_views.c) ------------------------------------ */
/* A card: label, value, an optional bar (a share), a note. */
typedef struct pptx_card {
  const char *label;
  char value[128];
  char note[256];
  int has_bar;
  double bar;
  long bar_color;
} pptx_card;
/* Draws n cards in columns from y over the body, each also said in the
 * notes; returns the y under them. */
double pptx_cards(pptx *d, const pptx_card *c, int n, int columns, double y);

/* --- the views (pptx_views.c, pptx_tree.c, pptx_portfolio.c) ------------- */
void pptx_title_slide(pptx *d, const deck_slide *s);
void pptx_figures_slide(pptx *d, const deck_slide *s);
/* The loss-exceedance slide of a plan with ranges (pptx_exceedance.c). */
void pptx_exceedance_slide(pptx *d, const deck_slide *s);
/* The Trend slide of a report with a history (--history, pptx_trend.c):
 * the panels of deck_trend.h as native charts, their figures in the
 * notes. */
void pptx_trend_slide(pptx *d, const deck_slide *s);
void pptx_decisions_slide(pptx *d, const deck_slide *s);
void pptx_matrix_slide(pptx *d, const deck_slide *s);
void pptx_coverage_slide(pptx *d, const deck_slide *s);
void pptx_changes_slide(pptx *d, const deck_slide *s);
void pptx_tree_slide(pptx *d, const deck_slide *s);
void pptx_portfolio_slide(pptx *d, const deck_slide *s);
/* The notes of one scenario: its figures in words and the decision's
 * reason. */
void pptx_scenario_notes(pptx *d, const bd_scenario *s);
/* The notes of the Trend slide: each panel's every period's figures
 * (deck_trend_description), a paragraph a panel; none without a
 * history. */
void pptx_trend_notes(pptx *d);

/* --- relationships (pptx_parts.c) --------------------------------------- */
#define PPTX_NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define PPTX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PPTX_NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define PPTX_REL  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define PPTX_CT   "application/vnd.openxmlformats-officedocument.presentationml."
/* A relationship: its type (after PPTX_REL) and target part name. */
typedef struct pptx_rel {
  const char *type;
  const char *target;
} pptx_rel;
/* Adds the relationships part of `part` (ids rId1, rId2, ... in order),
 * the targets made relative to the part's folder.  Returns 0 or -1. */
int pptx_add_rels(pptx *d, const char *part, const pptx_rel *rels, size_t n);
/* Opens the root element of a part with the a, r and p namespaces. */
void pptx_root(pptx_xml *x, const char *name);
/* Adds a finished part to the package; -1 when it failed. */
int pptx_add_part(pptx *d, const char *name, const char *content_type, pptx_xml *x);

/* --- the package's other parts (pptx_parts.c, pptx_template.c) ----------- */
/* Adds the built-in theme, slide master and layout. */
int pptx_parts_builtin(pptx *d);
/* Adds the template's theme, masters and layouts and finds the layout the
 * slides use; -1 with a message in err. */
int pptx_parts_template(pptx *d, const char *path, char *err, size_t errsize);
/* Adds the presentation, its relationships, the notes master and the
 * document properties, once every slide is written. */
int pptx_parts_finish(pptx *d, size_t slides);

#endif
