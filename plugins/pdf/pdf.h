/*
 * pdf.h - what the files of the pdf plugin share: the document being drawn,
 * the page frame, formatting helpers and the views.
 *
 * A render has two passes.  First every section paginates: it works out
 * how its content is cut into pages (page starts into its row list) without
 * drawing, so the total page count, the first page of every section and of
 * every business loss are known.  Then the sections draw their pages in
 * order, each page streamed to the output as soon as it is finished, with
 * the running footer "n / N", outline entries and links to later pages.
 *
 * The chart plugin (plugins/chart) draws one view with the same code as
 * an image: in chart mode (pdf_doc.chart) pagination gets room for every
 * row, so each view has one page, or one per scenario tree; those pages are
 * parts stacked on one tall canvas under the chart's title line, without
 * running head, footer or links, and nothing is drawn until the chart knows
 * its height (pdf_doc.bottom) and calls pdf_flush().
 *
 * Memory: pdf_doc and the page-start arrays belong to the render call
 * (pdf.c or chart.c frees them); the report and the host strings belong to
 * the host.
 */
#ifndef BD_PDF_H
#define BD_PDF_H

#include <badday/plugin.h>
#include <cairo.h>
#include <stddef.h>
#include <stdint.h>

#include "../deck/deck_plan.h"
#include "pdf_text.h"

/* The sections of the document, in report order; slides use a subset. */
typedef enum pdf_section {
  PDF_SEC_COVER = 0, /* report cover, or the title slide */
  PDF_SEC_SUMMARY,   /* report summary, or the key figures slide */
  PDF_SEC_DECISIONS,
  PDF_SEC_MATRIX,
  PDF_SEC_TREES,
  PDF_SEC_COVERAGE,
  PDF_SEC_APPENDIX, /* report only */
  PDF_SEC_CHANGES,  /* what changed since the compared report (--compare) */
  PDF_SEC_TREND,    /* the service's figures over its archived periods (--history) */
  PDF_SEC_COUNT
} pdf_section;

/* One row of the measures appendix: a row of the loss matrix (a loss or
 * failure-type header, or a scenario's header), or one measure of the
 * scenario of that matrix row. */
typedef struct pdf_appendix_row {
  uint32_t matrix_row; /* index into report->matrix_rows */
  int32_t measure;     /* index into the scenario's measures, -1 for the header itself */
} pdf_appendix_row;

/* How one scenario tree is cut into pages. */
typedef struct pdf_tree_plan {
  double scale; /* 1, or less when a slightly large tree is shrunk to one page */
  size_t *cuts; /* page p shows the leaf rows [cuts[p], cuts[p + 1]) */
  size_t pages;
  int compact; /* 1: one-line titles, for trees that run over several pages */
} pdf_tree_plan;

/* A text waiting to be drawn at the end of its page (see pdf_draw). */
typedef struct pdf_queued_text {
  size_t text; /* offset of the string in pdf_doc.queue_chars */
  size_t seq;  /* order of the pdf_draw call, to break ties */
  size_t line; /* its lines: pdf_doc.lines[line, line + lines), when lines >= 0 */
  int lines;   /* -1: the pango path sets it when drawn */
  pdf_font f;
  uint32_t rgb;
  double x, y, w;
  int max_lines;
  pdf_align align;
} pdf_queued_text;

/* The layers of a page's shapes, drawn in this order, then the text over
 * them.  Within a layer shapes are drawn grouped by colour, so two shapes of
 * one layer must not overlap unless they have the same colour: put what
 * lies on another shape in a higher layer. */
typedef enum pdf_layer {
  PDF_LAYER_BASE = 0, /* row bands, cells, cards, boxes, bar tracks */
  PDF_LAYER_RULE = 1, /* rules, frames, tree connectors, tracks on cards */
  PDF_LAYER_MARK = 2, /* pills, stripes, bars */
  PDF_LAYER_TOP = 3   /* marks on marks */
} pdf_layer;

/* A shape waiting to be drawn at the end of its page (see pdf_fill). */
typedef struct pdf_shape {
  double x, y, w, h; /* a rectangle, or a line from (x, y) to (w, h) */
  uint32_t rgb;
  uint32_t seq;  /* order of the call, to break ties */
  uint8_t layer; /* pdf_layer */
  uint8_t kind;  /* 0 fill, 1 frame (stroked rectangle), 2 line */
  float line;    /* line width of a frame or line */
} pdf_shape;

/* What the pagination of one plan decides: the pages of every section and
 * where each page starts.  Kept once per plan (pdf_doc.plans); pdf_doc.ps
 * points at the plan being laid out or drawn, so the views need not know
 * about portfolios.  The arrays belong to the state (pdf_plan_state_free). */
typedef struct pdf_plan_state {
  int summary;                      /* 1: a large plan's report (see PDF_SUMMARY_SCENARIOS) */
  int section_first[PDF_SEC_COUNT]; /* first page of each section, 0 if absent */
  int section_pages[PDF_SEC_COUNT];
  size_t *decision_starts, decision_page_count;
  size_t *matrix_starts, matrix_page_count;
  size_t *coverage_starts, coverage_page_count;
  pdf_appendix_row *appendix_rows;
  size_t appendix_row_count;
  size_t *appendix_starts, appendix_page_count;
  double *decision_heights, *matrix_heights, *coverage_heights, *appendix_heights; /* per row */
  pdf_tree_plan *tree_plans;                  /* one per loss */
  int *tree_first;                            /* per loss: its first tree page */
  int *matrix_loss_page;                      /* per loss: the matrix page with its header row */
  int *scenario_tree_page;                    /* per scenario: the tree page that shows it */
  size_t *changes_starts, changes_page_count; /* the plan's changes (pdf_changes.c) */
  double *changes_heights;
} pdf_plan_state;

/* Frees the arrays of s, a state of the plan r, and zeroes it. */
void pdf_plan_state_free(pdf_plan_state *s, const bd_report *r);

/* The document being rendered. */
typedef struct pdf_doc {
  const bd_host *host;
  const bd_render_request *req;
  const bd_report *r;
  cairo_surface_t *surface;
  cairo_t *cr;
  pdf_text *text;
  int slides;            /* 1: 16:9 slides, 0: report pages */
  double w, h;           /* page size, points */
  double x0, x1, y0, y1; /* content box */
  int page;              /* page being drawn, 1-based */
  int pages;             /* total, known after pagination */
  int failed;            /* cairo or the output reported an error */
  const char *running;   /* the section's name for the running head, or NULL */
  /* type: the table cell font and the others derived from it */
  pdf_font f_cell, f_cell_bold, f_head, f_small, f_title, f_subtitle, f_frame;
  double pad;    /* cell padding */
  int row_lines; /* lines a title may take in a table row (slides: fewer) */
  /* the pagination of the plan being laid out or drawn: one of plans, or
   * own_state for one plan drawn without pdf_plans (the chart plugin) */
  pdf_plan_state *ps;
  pdf_plan_state own_state;
  /* the shapes of the current page, drawn when it ends */
  pdf_shape *shapes;
  size_t shape_count, shape_cap;
  /* the texts of the current page, drawn after its shapes */
  pdf_queued_text *queue;
  size_t queue_count, queue_cap;
  char *queue_chars;
  size_t queue_used, queue_size;
  pdf_text_line *lines; /* the lines of the queued texts, broken once when queued */
  size_t line_count, line_cap;
  /* ring of scratch buffers for formatted numbers */
  char fmt[8][64];
  unsigned fmt_next;
  /* several plans (see pdf_plans.c): the pagination above is one plan's */
  const bd_portfolio *portfolio; /* req->portfolio, or NULL for one plan */
  pdf_plan_state *plans;         /* per plan: its pagination (d->ps points at the current one) */
  size_t plan_count, plan;       /* plans, and the current one */
  int on_portfolio;              /* 1 while drawing the portfolio's own pages */
  int portfolio_first, portfolio_pages; /* its summary pages (after the cover) */
  size_t *portfolio_starts;             /* first item of every portfolio summary page */
  char running_buf[512];                /* "service · section" for the running head */
  /* chart mode (see the top of this file) */
  int chart;               /* 1: pages are parts of one image, stacked */
  const char *chart_title; /* the image's title line, drawn over the first part */
  int chart_headings;      /* 1: each part's page title is drawn as its heading */
  double chart_next;       /* y where the next part starts */
  int tree_filter;         /* 1: only the scenario tree of loss tree_loss */
  size_t tree_loss;
  double bottom; /* the lowest y anything has been drawn at (every mode) */
  /* slides: the slide plan (plugins/deck), owned by render(); NULL otherwise */
  const deck_plan *deck;
} pdf_doc;

/* A report of more scenarios than this summarises where a view repeats
 * what another shows in full: the scenario trees stop at the scenarios (the
 * appendix lists every measure) and the appendix leaves out the rules
 * between measures.  Slides never summarise. */
#define PDF_SUMMARY_SCENARIOS 500

/* Colours not in badday/plugin.h: rules and table backgrounds. */
#define PDF_COLOR_RULE        0xD3DAE2
#define PDF_COLOR_RULE_STRONG 0x9AA5B1
#define PDF_COLOR_ZEBRA       0xF6F8FA
#define PDF_COLOR_GROUP       0xE8EEF5
#define PDF_COLOR_SUBGROUP    0xF1F4F8
#define PDF_COLOR_CARD        0xF3F6F9
#define PDF_COLOR_WHITE       0xFFFFFF

/* --- pdf_page.c: frame, drawing and formatting helpers ------------------ */

/* Frees what pagination and drawing allocated in d (not d itself, nor its
 * text engine). */
void pdf_doc_free(pdf_doc *d);
/* Sets the type sizes (table cell font and those derived from it, cell
 * padding, title lines in a row) for the layout, d->slides. */
void pdf_type_setup(pdf_doc *d);
/* Sets the cairo source colour to 0xRRGGBB. */
void pdf_rgb(cairo_t *cr, uint32_t rgb);
/* Mixes a (t = 0) and b (t = 1). */
uint32_t pdf_mix(uint32_t a, uint32_t b, double t);
/* Returns 1 when white text reads better than dark text on bg. */
int pdf_dark(uint32_t bg);
/* Fills a rectangle in a layer.  Shapes are queued and drawn when the page
 * ends, layer by layer and in each layer grouped by colour: cairo then
 * writes each colour once a layer instead of once a shape, and a page's
 * connectors as one path. */
void pdf_fill(pdf_doc *d, pdf_layer layer, double x, double y, double w, double h, uint32_t rgb);
/* Draws the outline of a rectangle (a hairline frame) in PDF_LAYER_RULE. */
void pdf_frame(pdf_doc *d, double x, double y, double w, double h, double line, uint32_t rgb);
/* Draws a line in PDF_LAYER_RULE; lines of one colour and width on a page
 * are stroked as one path. */
void pdf_line(pdf_doc *d, double x0, double y0, double x1, double y1, double line, uint32_t rgb);
/* Draws a horizontal rule of the given thickness in PDF_LAYER_RULE. */
void pdf_hrule(pdf_doc *d, double x0, double x1, double y, double thick, uint32_t rgb);
/* Draws text in a colour; see pdf_text_draw().  Returns the lines drawn.
 * The text is queued and drawn when the page ends, over every shape of the
 * page, grouped by colour and size: cairo then writes long runs of text
 * without switching between text and graphics, which makes the PDF smaller
 * and faster to write.  Never draw a shape over text. */
int pdf_draw(pdf_doc *d, const char *s, pdf_font f, uint32_t rgb, double x, double y, double w,
             int max_lines, pdf_align align);
/* A link over the rectangle to the top of page `page` (1-based). */
void pdf_link(pdf_doc *d, double x, double y, double w, double h, int page);

/* Starts a page: the running head and, with a title, the page title (and
 * "continued" when cont).  Returns the y where the content starts. */
double pdf_page_begin(pdf_doc *d, const char *title, int cont);
/* The y where pdf_page_begin() would start the content, without drawing. */
double pdf_page_content_top(pdf_doc *d, const char *title, int cont);
/* Ends a page: the running footer, then shows the page and checks cairo's
 * status.  Returns 0, or -1 (d->failed set) on an error.  In chart mode it
 * only notes where the next part starts; nothing is drawn yet. */
int pdf_page_end(pdf_doc *d);
/* Draws the queued shapes, then the queued texts, onto d->cr and empties
 * the queues (pdf_page_end() does this for a page; the chart calls it once
 * its canvas exists). */
void pdf_flush(pdf_doc *d);

/* The label for key from the message catalogue (owned by the host). */
const char *pdf_msg(pdf_doc *d, const char *key);
/* The label of a loss category: category.NAME, or the name itself. */
const char *pdf_category(pdf_doc *d, size_t c);
/* The label for an enum value: prefix.name, e.g. ("kind", "detective"). */
const char *pdf_enum_label(pdf_doc *d, const char *prefix, const char *name);
/* Formatted numbers (doc/display-rules.md) through the host, in the
 * request's language, in a ring of scratch buffers (valid for 8 more
 * calls).  pdf_money: an amount in currency with flags BD_MONEY_COMPACT and
 * BD_MONEY_BARE; pdf_amount: in the report's currency, compact ones bare
 * (the heading names the currency); pdf_slo: the SLO as the plan wrote it. */
const char *pdf_money(pdf_doc *d, double v, const char *currency, int flags);
const char *pdf_amount(pdf_doc *d, double v, int compact);
const char *pdf_slo(pdf_doc *d, double slo_percent);
const char *pdf_duration(pdf_doc *d, double hours);
const char *pdf_share(pdf_doc *d, double share);

/* The widest text a compact amount (pdf_amount(d, v, 1), in a scratch
 * buffer of d) or a duration takes for values from 0 to max, as digits 8,
 * to size a column. */
const char *pdf_amount_sample(pdf_doc *d, double max);
const char *pdf_duration_sample(double max_hours);

/* Colour of a coverage cell and of the text on it. */
uint32_t pdf_cell_color(bd_cell cell);
/* The mark of a coverage cell's state on the compact heatmap and in its
 * legend (a static UTF-8 string), so that colour is never the only sign. */
const char *pdf_cell_mark(bd_cell cell);
/* The first character of a measure kind's label (D, P, R, T; 検, 予, 復,
 * テ) into buf; returns buf.  It stands for the kind where a label has no
 * room: the chips of the slides' scenario trees, the compact heatmap. */
const char *pdf_kind_letter(pdf_doc *d, bd_kind kind, char *buf, size_t size);
/* Draws the key to those letters, "D Detective   P Preventive ...", in
 * the small type, right-aligned in the box from x, w wide, on the line of
 * a column head at y. */
void pdf_kind_key(pdf_doc *d, double x, double y, double w);
/* Colour of a decision's pill. */
uint32_t pdf_decision_color(bd_decision decision);
/* Draws a pill (a small filled label) with its text centred; returns its width. */
double pdf_pill(pdf_doc *d, const char *label, pdf_font f, uint32_t bg, double x, double y,
                double w);

/* Cuts rows 0..n-1 into pages: height(ctx, i) is the height of row i,
 * keep(ctx, i) says row i must not end a page (a group header; may be NULL);
 * the first page has first_room, the others room less lead(ctx, first) (the
 * height of what a page starting at row `first` repeats; may be NULL; called
 * with `first` never decreasing).  With max_rows > 0 a page
 * also holds at most max_rows of the rows 0..counted-1 (later rows, such as
 * a total row, do not count).  Sets *starts to a new array (caller frees) of
 * the first row of every page, at least one page, and *heights to a new
 * array (caller frees) of the n heights, so that drawing need not measure
 * again.  Returns the page count, or 0 on exhaustion. */
size_t pdf_paginate(size_t n, double first_room, double room, double (*height)(void *ctx, size_t i),
                    int (*keep)(void *ctx, size_t i), double (*lead)(void *ctx, size_t first),
                    void *ctx, size_t max_rows, size_t counted, size_t **starts, double **heights);

/* The slides of a view in the slide plan: those of kind (of tree `tree`)
 * of the current plan; *count gets how many.  NULL (and 0) when the
 * document has no slide plan (the report, a chart). */
const deck_slide *pdf_deck_view(const pdf_doc *d, deck_kind kind, size_t tree, size_t *count);
/* Pagination as the slide plan cut it: page p of the `slides` slides
 * starts at slides[p].first.  Sets *starts (caller frees) to those starts
 * and *heights (caller frees) to the n heights height(ctx, i), so that
 * drawing need not measure again.  Returns the page count, 0 on exhaustion. */
size_t pdf_paginate_planned(const deck_slide *slides, size_t count, size_t n,
                            double (*height)(void *ctx, size_t i), void *ctx, size_t **starts,
                            double **heights);
/* pdf_page_begin() for slide s of the plan: its heading as the plan drew
 * it; without a plan (s NULL) the title, "continued" when cont. */
double pdf_slide_begin(pdf_doc *d, const deck_slide *s, const char *title, int cont);

/* The group headers over the rows of the loss matrix, for pages that start
 * inside a group: they repeat the loss and failure-type header rows. */
typedef struct pdf_groups {
  const bd_report *r;
  size_t row, loss, failure; /* rows seen so far; the last headers among them */
} pdf_groups;
/* Starts at the first matrix row. */
void pdf_groups_reset(pdf_groups *g, const bd_report *r);
/* The header rows a page starting at matrix row `first` repeats, in order,
 * into heads; returns how many (0 to 2).  `first` must not decrease
 * between calls (after a reset). */
size_t pdf_groups_at(pdf_groups *g, size_t first, size_t heads[2]);
/* title + " " + the "(continued)" label into buf (cut at a character when
 * too long); returns buf. */
const char *pdf_continued(pdf_doc *d, const char *title, char *buf, size_t size);

/* --- pdf_chart.c: the frame of a page in chart mode --------------------- */

/* pdf_page_content_top() in chart mode: the part's top, below its heading
 * when the parts have headings. */
double pdf_chart_content_top(pdf_doc *d, const char *title);
/* pdf_page_begin() in chart mode: the first part draws the accent bar and
 * the chart's title line; every part starts where the previous one ended
 * and, with headings, draws its title.  Returns the y of its content. */
double pdf_chart_part_begin(pdf_doc *d, const char *title);
/* pdf_page_end() in chart mode: the next part starts below this one. */
void pdf_chart_part_end(pdf_doc *d);

/* --- pdf_table.c: columns of a table ------------------------------------ */

/* The type of tables: saved and scaled down for a table too wide for the page. */
typedef struct pdf_type {
  pdf_font cell, cell_bold, head, small;
  double pad;
} pdf_type;

/* Saves the table type of d into *saved and scales it by s (0 < s <= 1);
 * on slides no size goes under 12 pt. */
void pdf_type_scale(pdf_doc *d, double s, pdf_type *saved);
/* Puts back the type pdf_type_scale() saved. */
void pdf_type_restore(pdf_doc *d, const pdf_type *saved);
/* The scale (at most 1, at least 0.55) at which columns whose fixed widths
 * sum to fixed leave min_flex for the flexible ones. */
double pdf_fit_scale(pdf_doc *d, double fixed, double min_flex);

/* A table column: its header label, width (0: takes the width left), the
 * alignment of its cells, and its x once placed. */
typedef struct pdf_col {
  const char *label;
  double w;
  pdf_align align;
  double x;
} pdf_col;

/* Places the columns side by side from x0 to x1; flexible columns share
 * what the fixed ones leave. */
void pdf_cols_place(pdf_col *cols, size_t n, double x0, double x1);
/* The width a numeric column needs for sample (its widest value) and its
 * header label, in the cell and header fonts, with padding. */
double pdf_col_width(pdf_doc *d, const char *sample, const char *label);
/* The height of the header row of these columns. */
double pdf_cols_header_height(pdf_doc *d, const pdf_col *cols, size_t n);
/* Draws the header row at y; returns its height. */
double pdf_cols_header(pdf_doc *d, const pdf_col *cols, size_t n, double y);
/* Draws s in column c of a row whose top is y, padded; returns lines. */
int pdf_cell(pdf_doc *d, const pdf_col *c, const char *s, pdf_font f, uint32_t rgb, double y,
             int max_lines);
/* The height of a row whose tallest cell has `lines` lines of font f. */
double pdf_row_height(pdf_doc *d, pdf_font f, int lines);

/* --- the views: each paginates (returns its page count, 0 on exhaustion)
 * and draws (returns 0 or -1) -------------------------------------------- */

/* pdf_report.c: the cover and the summary of the report layout. */
size_t pdf_cover_paginate(pdf_doc *d);
int pdf_cover_draw(pdf_doc *d);
size_t pdf_summary_paginate(pdf_doc *d);
int pdf_summary_draw(pdf_doc *d);

/* pdf_slides.c: the title slide and the key-figures slide. */
size_t pdf_title_slide_paginate(pdf_doc *d);
int pdf_title_slide_draw(pdf_doc *d);
size_t pdf_figures_slide_paginate(pdf_doc *d);
int pdf_figures_slide_draw(pdf_doc *d);

/* pdf_figures.c: the key-figure cards shared by the cover and the slides. */
double pdf_key_figures(pdf_doc *d, double x, double y, double w, int columns);

/* One key-figure card: a label, a big value, a note and an optional bar (0..1+). */
typedef struct pdf_card {
  const char *label;
  char value[64];
  char note[256];
  double bar;
  int has_bar;
  uint32_t bar_color;
} pdf_card;
/* Draws n cards in rows of `columns` from (x, y) across w; returns the height. */
double pdf_cards(pdf_doc *d, const pdf_card *cards, int n, double x, double y, double w,
                 int columns);
/* Fills the coverage card (coverage, with verified coverage as its note)
 * and the decisions card (with the number of scenarios as its note). */
void pdf_coverage_card(pdf_doc *d, pdf_card *c, double coverage, double verified);
void pdf_decisions_card(pdf_doc *d, pdf_card *c, size_t decisions, size_t scenarios);

/* The height pdf_cards() takes for n cards in rows of `columns`. */
double pdf_cards_height(pdf_doc *d, int n, int columns);

/* pdf_decisions.c: the scenarios that need a decision. */
size_t pdf_decisions_paginate(pdf_doc *d);
int pdf_decisions_draw(pdf_doc *d);

/* pdf_matrix.c: the loss matrix. */
size_t pdf_matrix_paginate(pdf_doc *d);
int pdf_matrix_draw(pdf_doc *d);

/* pdf_tree.c: one scenario tree per business loss. */
size_t pdf_tree_paginate(pdf_doc *d);
int pdf_tree_draw(pdf_doc *d);

/* pdf_heatmap.c: the coverage heatmap of the report and the charts (the
 * slides draw pdf_heatmap_slide.c's, which uses this file's legend). */
size_t pdf_heatmap_paginate(pdf_doc *d);
int pdf_heatmap_draw(pdf_doc *d);

/* pdf_exceedance.c: the loss-exceedance curve of the total, now against
 * planned, with its reading (a plan with ranges; nothing otherwise).
 * pdf_exceedance draws it in the box at (x, y) of width w and height h and
 * returns the height it took (0: no simulation); the page of its own (the
 * chart's view=exceedance, a slide): 1 page, or 0 without ranges. */
double pdf_exceedance(pdf_doc *d, double x, double y, double w, double h);
size_t pdf_exceedance_paginate(pdf_doc *d);
int pdf_exceedance_draw(pdf_doc *d);
/* The curve's slide s of the deck plan (a key-figures slide with
 * s->exceedance), after the key figures' slide. */
int pdf_exceedance_slide_draw(pdf_doc *d, const deck_slide *s);
/* Draws (or with draw 0 only measures) the covered and verified shares
 * and the legend of the cell states at y, swatches swatch_w wide (slides
 * size them to their words; the compact heatmap's show each state's mark
 * too); returns the height. */
double pdf_heatmap_legend(pdf_doc *d, double swatch_w, double y, int draw);

/* pdf_heatmap_slide.c: the compact heatmap of the slides, as the slide
 * plan cuts it.  Paginating sets d->ps->coverage_starts (the first matrix
 * row of each slide) and d->ps->coverage_heights (the plan's row heights),
 * which the plan's state owns, and returns the slide count, 0 on
 * exhaustion; drawing returns 0 or -1. */
size_t pdf_heatmap_slide_paginate(pdf_doc *d);
int pdf_heatmap_slide_draw(pdf_doc *d);

/* pdf_trend.c: the Trend view (--history; plugins/deck/deck_trend.h): the
 * small multiples of the service's figures over its archived periods and
 * this report.  pdf_trend draws the panels in the box at (x, y) of width
 * w and height h and returns the height it took (0: no earlier period).
 * The view's pages: on the report one page after the summary, in the deck
 * the slides the plan has for it (one, after the key figures); only for a
 * report with an earlier period (see pdf_section_wanted). */
double pdf_trend(pdf_doc *d, double x, double y, double w, double h);
size_t pdf_trend_paginate(pdf_doc *d);
int pdf_trend_draw(pdf_doc *d);

/* pdf_appendix.c: every measure with kind, status, cost and verification. */
size_t pdf_appendix_paginate(pdf_doc *d);
int pdf_appendix_draw(pdf_doc *d);

/* --- several plans and --compare ---------------------------------------- */

/* pdf_plans.c: one plan's pagination state at a time in pdf_doc. */

/* Makes room for the state of every plan (one without a portfolio).
 * Returns 0, or -1 on exhaustion.  pdf_plans_free() frees it. */
int pdf_plans_open(pdf_doc *d);
/* Puts plan i's saved state (zero before it is paginated) into d and makes
 * it d->r; sets the running head's service name. */
void pdf_plan_enter(pdf_doc *d, size_t i);
/* Saves d's plan state into plan i and clears it in d. */
void pdf_plan_leave(pdf_doc *d, size_t i);
/* The first page (its cover) of plan i, once paginated. */
int pdf_plan_first_page(const pdf_doc *d, size_t i);
/* Frees the saved states of every plan. */
void pdf_plans_free(pdf_doc *d);
/* The running head for a section's name (NULL: none), with the service's
 * name in front inside a portfolio.  The string lives in d. */
const char *pdf_running(pdf_doc *d, const char *section);
/* 1 when the section has pages for d->r (the changes only with --compare,
 * the trend only with a history of an earlier period). */
int pdf_section_wanted(pdf_doc *d, pdf_section s);
/* d->r's comparison, or NULL (none, or a host too old to have one). */
const bd_comparison *pdf_comparison(const pdf_doc *d);

/* pdf_portfolio.c: the portfolio's cover and summary (table, cards, sources). */

/* Lays out the portfolio pages (none for one plan); returns how many were
 * added to d->pages, or (size_t)-1 on exhaustion. */
size_t pdf_portfolio_paginate(pdf_doc *d);
/* Draws the portfolio pages and their outline entries; 0 or -1. */
int pdf_portfolio_draw(pdf_doc *d);
/* The outline parent of d->r's sections: CAIRO_PDF_OUTLINE_ROOT for one
 * plan, else a new entry with the service's name at its cover page. */
int pdf_portfolio_outline(pdf_doc *d);
/* Sets the title, author and keywords of a portfolio (after the single
 * plan's metadata, which it replaces). */
void pdf_portfolio_metadata(pdf_doc *d);
/* A signed amount with a real minus sign (U+2212) or a plus just before the
 * digits, e.g. "USD \xe2\x88\x921,000" or "+1,000\xe5\x86\x86" (yen in Japanese),
 * into a scratch buffer of d (see pdf_amount); currency NULL: the report's,
 * left out. */
const char *pdf_signed_amount(pdf_doc *d, double v, const char *currency);

/* pdf_changes.c: what changed since the compared report. */
size_t pdf_changes_paginate(pdf_doc *d);
int pdf_changes_draw(pdf_doc *d);

/* pdf_footer.c: the running footer with the plan's traceability. */

/* Queues the footer of the current page: the plan's file, its SHA-256,
 * the generator and the as-of date (the portfolio on its own pages), and
 * "n / N" at the right. */
void pdf_footer(pdf_doc *d);

#endif
