/*
 * html_common.h - what the parts of the html plugin share: the render
 * context, small builders for libxml2 nodes, the streaming writer and
 * people's formats.  Private to the plugin (never installed).
 *
 * How a page is written.  A plan of 100,000 scenarios gives millions of
 * elements; building them all as one libxml2 tree would take gigabytes.  So
 * the page is streamed: the page skeleton (templates/page.html, parsed and
 * written by libxml2) is written up to its content slot, then each view
 * builds a small subtree of html_node (one table chunk, one tree chunk) and
 * hands it to html_emit(), which writes it as libxml2's XML serialiser
 * would and frees it.  These nodes are plain structs in blocks that are
 * reused from chunk to chunk: a libxml2 node per cell (its mallocs,
 * dictionary look-ups and frees) cost more than everything else of a large
 * report.  Containers that hold many chunks are written with html_open() /
 * html_close(): html_open() copies the element (with its first children,
 * e.g. a table's <thead>) into libxml2 nodes, serialises it with libxml2's
 * HTML serialiser and holds back only its end tag.  Every string from the
 * plan reaches the output through libxml2's escaping (or, when it holds
 * nothing to escape, unchanged), never pasted into markup unescaped.
 */
#ifndef BD_HTML_COMMON_H
#define BD_HTML_COMMON_H

#include <stddef.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include <badday/plugin.h>

#include "../deck/deck_text.h"

/* Colours of the four measure kinds (tree stripes, legends); the rest of
 * the palette comes from BD_COLOR_* in badday/plugin.h. */
#define HTML_COLOR_KIND_DETECTIVE  0x2F6DB5
#define HTML_COLOR_KIND_PREVENTIVE 0x2E8B57
#define HTML_COLOR_KIND_RECOVERY   0xD9822B
#define HTML_COLOR_KIND_TESTING    0x7B5EA7

/* Number of heat classes (.heat-0 .. .heat-20) for loss-matrix shading. */
#define HTML_HEAT_LEVELS 20

/* Rows per chunk: how many rows one table or tree piece of the report
 * holds (a tree piece fits an A4 page when printed).  Slides are cut by
 * the slide plan instead (plugins/deck/deck_plan.h). */
#define HTML_REPORT_TABLE_CHUNK 200
#define HTML_REPORT_TREE_ROWS   20

/* The render context: one per render call, on the stack of render(). */
typedef struct html_ctx {
  const bd_host *host;
  const bd_render_request *req;
  const bd_report *r;
  bd_error *err;
  int slides; /* 1 for --layout slides */

  xmlDocPtr doc;          /* the parsed skeleton; owns the dictionary new nodes use */
  xmlOutputBufferPtr out; /* streams to host->write */
  int failed;             /* an error was recorded (err is filled) */
  int write_failed;       /* host->write failed */

  char *stage;                    /* output gathered for ctx->out (html_writer_start) */
  size_t stage_len;               /* bytes in stage */
  struct html_block *free_blocks; /* node memory to reuse (html_common.c) */
  struct html_block *all_blocks;  /* all node memory, freed by html_writer_end */
  xmlBufferPtr escape;            /* scratch for escaping attribute values */

  int any_over_cap;             /* some scenario is over the risk cap (slides explain the mark) */
  int slide_no;                 /* slides: number of the slide being written, from 1 */
  int slide_total;              /* slides: number of slides in the deck */
  const struct deck_plan *deck; /* slides: the slide plan (deck_plan.h), owned by render() */
  size_t deck_service;          /* slides: the plan of the deck whose slides are drawn */

  /* several plans and comparisons (html_portfolio.c, html_changes.c) */
  const bd_portfolio *portfolio; /* req->portfolio when the host gave one, else NULL */
  char id_prefix[24]; /* put before every id of the current service ("svc-2-"); "" for one plan */
  int tree_defs_written; /* the shared tree box shapes are on the page already */
} html_ctx;

/* --- errors --------------------------------------------------------------- */

/* Records an error message in ctx->err (first one wins) and returns -1. */
int html_fail(html_ctx *ctx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* --- building nodes ------------------------------------------------------- */

/* A node of a view: an element or a text (html_common.c).  A node made
 * with a NULL parent is the root of a tree that owns the memory of all its
 * nodes and copied strings; html_emit() or html_open() writes and frees
 * the tree, or html_add_child() hangs it into another tree. */
typedef struct html_node html_node;

/* Creates element `name` (a constant) with an optional class and appends
 * it to parent when parent is not NULL.  Returns the node, owned by
 * parent's tree (or a new root the caller owns when parent is NULL); NULL
 * when memory ran out (ctx->err is filled). */
html_node *html_el(html_ctx *ctx, html_node *parent, const char *name, const char *cls);

/* Like html_el, with a text child holding `text` verbatim (escaped when
 * written).  text may come from the plan; NULL gives an empty element. */
html_node *html_text_el(html_ctx *ctx, html_node *parent, const char *name, const char *cls,
                        const char *text);

/* Appends a text node with a copy of `text` to parent (NULL or "" text
 * does nothing). */
void html_add_text(html_ctx *ctx, html_node *parent, const char *text);

/* Sets attribute name (a constant) to a copy of value (may come from the
 * plan; escaped when written).  Setting it again replaces the value in
 * place.  NULL node or value does nothing. */
void html_attr(html_node *node, const char *name, const char *value);

/* Appends root `child` (and its memory) to parent's children. */
void html_add_child(html_node *parent, html_node *child);

/* Inserts root `child` (and its memory) before parent's first child. */
void html_insert_first(html_node *parent, html_node *child);

/* Writes v rounded to 2 decimals, without trailing zeros ("12", "12.5",
 * "-3.25"), into buf (size >= 32) without printf; returns the length. */
size_t html_num(double v, char *buf);

/* Sets a numeric attribute, written with at most 2 decimals. */
void html_attr_num(html_node *node, const char *name, double value);

/* --- streaming ------------------------------------------------------------ */

/* Prepares the output staging of a render (0, or -1 after recording an
 * error); html_writer_end() frees it and the node memory kept for reuse. */
int html_writer_start(html_ctx *ctx);
void html_writer_end(html_ctx *ctx);

/* Hands what was gathered to ctx->out; call before writing to ctx->out
 * with libxml2 directly. */
void html_flush(html_ctx *ctx);

/* Writes constant markup (a literal from this plugin, never plan text). */
void html_raw(html_ctx *ctx, const char *markup);

/* Whether node has any child. */
int html_has_children(const html_node *node);

/* Frees root node's tree without writing it (NULL does nothing). */
void html_discard(html_ctx *ctx, html_node *node);

/* Writes root node (and its subtree) to the output, then frees its tree.
 * Writes what libxml2's XML serialiser (xmlNodeDumpOutput) writes for the
 * same libxml2 nodes, much faster for many small elements and escaping as
 * libxml2 escapes, except that empty HTML elements are written <td></td>,
 * not <td/> (which HTML reads as an unclosed start tag); inside <svg>,
 * self-closing tags are right. */
void html_emit(html_ctx *ctx, html_node *node);

/* Writes root node with its current children but without its end tag
 * (through libxml2's HTML serialiser), then frees its tree; close it later
 * with html_close(ctx, same name). */
void html_open(html_ctx *ctx, html_node *node);

/* The same for a libxml2 node (the skeleton's); the caller keeps it. */
void html_open_xml(html_ctx *ctx, xmlNodePtr node);

/* Writes the end tag of an element opened with html_open. */
void html_close(html_ctx *ctx, const char *name);

/* --- labels and formats --------------------------------------------------- */

/* Concatenates the strings that follow size, up to a NULL (pass it as
 * (char *)NULL), into buf (size >= 1), cut as snprintf cuts; returns buf.
 * snprintf(buf, size, "%s%s", a, b) without parsing a format. */
char *html_join(char *buf, size_t size, ...)
#if defined(__GNUC__)
    __attribute__((sentinel))
#endif
    ;

/* The catalogue label for key in the request's language (host-owned). */
const char *html_msg(const html_ctx *ctx, const char *key);

/* The label of a loss category: the catalogue's for the standard ones,
 * the plan's own name for others (host- or report-owned). */
const char *html_category(const html_ctx *ctx, size_t category);

/* The label of an enum value: html_enum_label(ctx, "kind", bd_kind_name(k)). */
const char *html_enum_label(const html_ctx *ctx, const char *prefix, const char *name);

/* People's formats (doc/display-rules.md) through the host, in the
 * request's language, into buf (size >= 64); return buf.
 *   html_money:  an amount in `currency`, flags BD_MONEY_COMPACT and
 *                BD_MONEY_BARE (the currency left out, its units kept).
 *   html_amount: an amount in the report's currency, with the currency
 *                when with_currency, compact when compact.
 *   html_slo:    the SLO as the plan wrote it ("99.95%"). */
char *html_money(const html_ctx *ctx, double v, const char *currency, int flags, char *buf,
                 size_t size);
char *html_amount(const html_ctx *ctx, double v, int with_currency, int compact, char *buf,
                  size_t size);
char *html_slo(const html_ctx *ctx, double slo_percent, char *buf, size_t size);
char *html_duration(const html_ctx *ctx, double hours, char *buf, size_t size);
char *html_share(const html_ctx *ctx, double share, char *buf, size_t size);

/* A table cell with an amount: the exact amount, or when compact the
 * compact one with the exact amount and currency in its title (tooltip).
 * Returns the cell. */
html_node *html_amount_cell(html_ctx *ctx, html_node *row, double v, int compact, const char *cls);

/* --- text fitting --------------------------------------------------------- */

/* Estimated width of UTF-8 text in em (wide CJK characters count 1). */
double html_text_em(const char *s);

/* Returns s when it fits in max_em, else a copy cut to fit with "…" in buf
 * (size >= 4); the result is valid UTF-8. */
const char *html_fit(const char *s, double max_em, char *buf, size_t size);

/* Breaks s into at most two lines of max_em each, where html_wrap breaks:
 * the second holds the rest, cut with "…" when still too long.  Writes the lines into l1 and l2
 * (sizes >= 4; l2 empty for one line) and returns the number of lines. */
int html_wrap2(const char *s, double max_em, char *l1, size_t s1, char *l2, size_t s2);

/* A line of wrapped text (see deck_text.h). */
typedef deck_span html_span;

/* Wraps s into lines of at most max_em each, breaking where a browser
 * would (after spaces; in Japanese between phrases, as with CSS
 * word-break: auto-phrase) and on the cautious side, so that the browser
 * never needs more lines; a word longer than a line breaks anywhere.
 * Fills up to max_lines spans of lines (may be NULL with max_lines 0) and
 * returns the number of lines the whole text takes (0 for NULL or ""). */
size_t html_wrap(const char *s, double max_em, html_span *lines, size_t max_lines);

/* --- colours -------------------------------------------------------------- */

/* Writes "#RRGGBB" for 0xRRGGBB into buf (size >= 8); returns buf. */
char *html_hex(unsigned rgb, char *buf);

/* The heat class ("heat-0" .. "heat-20") for a share 0..1, into buf. */
const char *html_heat_class(double heat, char *buf, size_t size);

/* Appends the generated palette CSS (custom properties, heat and cell
 * classes, from the shared BD_COLOR_* values) to the growing string
 * *css of length *len; returns 0 or -1 when memory ran out. */
int html_palette_css(char **css, size_t *len);

/* --- sha-256 (html_csp.c) ---------------------------------------------- */

/* Writes "sha256-BASE64" of data into out (size >= 52). */
void html_csp_hash(const bd_host *host, const void *data, size_t len, char *out, size_t size);

/* --- the views (html_views.c, html_tables.c, html_tree.c) ----------------- */

/* The header line of the plan: owner, period, as of, currency, SLO. */
html_node *html_plan_meta(html_ctx *ctx, html_node *parent);

/* Key-figure cards (yearly loss now / planned, error budget, coverage). */
void html_key_figures(html_ctx *ctx, html_node *parent);

/* The totals-per-state SVG bar chart. */
void html_state_chart(html_ctx *ctx, html_node *parent);

/* Adds the loss-exceedance curve of the total (a plan with ranges; nothing
 * otherwise): the reading "1 year in 10, the yearly loss exceeds X", now
 * and planned, over an SVG of both curves. */
void html_exceedance(html_ctx *ctx, html_node *parent);

/* Adds to parent an SVG <text> of class cls at (x, y) (html_views.c);
 * the node belongs to parent. */
html_node *html_svg_text(html_ctx *ctx, html_node *parent, const char *cls, double x, double y,
                         const char *text);

/* Adds to parent an SVG <line> of class cls from (x1, y1) to (x2, y2);
 * the node belongs to parent. */
html_node *html_svg_line(html_ctx *ctx, html_node *parent, const char *cls, double x1, double y1,
                         double x2, double y2);

/* The sizes the Trend view is drawn at (html_trend.c). */
typedef enum html_trend_size { HTML_TREND_REPORT, HTML_TREND_SLIDE } html_trend_size;

/* Adds the Trend view of the current plan (--history, deck_trend.h) to
 * parent: a grid of small multiples, each panel a <figure> with its title,
 * legend, reading and SVG, drawn at the report's or the slide's size.
 * Returns 1, or 0 (nothing added) when the plan has no history to draw. */
int html_trend(html_ctx *ctx, html_node *parent, html_trend_size size);

/* Adds to parent the table of every period's figures of the current
 * plan's Trend view (the columns deck_trend_table_series gives, this
 * report's row in bold).  Returns 1, or 0 (nothing added) without a
 * history to draw. */
int html_trend_table(html_ctx *ctx, html_node *parent);

/* Whether any plan of the page has a Trend view (its CSS is added then). */
int html_has_trend(const html_ctx *ctx);

/* The totals-per-state table (report). */
void html_totals_table(html_ctx *ctx, html_node *parent);

/* A table of decisions[first .. first+count) of report->decisions, written
 * with html_emit as one element (compact figures on slides). */
html_node *html_decisions_table(html_ctx *ctx, size_t first, size_t count);

/* Streams the whole decisions table (report). */
void html_decisions_stream(html_ctx *ctx);

/* The number of waived CI gate rules over every scenario (ABI 2.1). */
size_t html_waiver_count(const html_ctx *ctx);

/* Streams the table of waived CI gate rules (report): scenario, rule,
 * until, in force or expired, reason; `count` is html_waiver_count(). */
void html_waivers_stream(html_ctx *ctx, size_t count);

/* The loss matrix rows [first, end) as a complete table element. */
html_node *html_matrix_table(html_ctx *ctx, size_t first, size_t end);

/* Streams the whole loss matrix as one table (report). */
void html_matrix_stream(html_ctx *ctx);

/* The coverage heatmap rows [first, end) of matrix_rows as a table whose
 * rows are `rows` (a deck_rows: DECK_ROWS_COMPACT, _DENSE for the class
 * "dense", smaller rows, or _PANEL for one panel of one-line rows, which
 * first repeats the loss of matrix row `repeat` unless DECK_NO_ROW). */
html_node *html_coverage_table(html_ctx *ctx, size_t first, size_t end, int rows, size_t repeat);

/* Streams the whole coverage heatmap as one table (report). */
void html_coverage_stream(html_ctx *ctx);

/* The mark shown in a coverage cell of state cell ("✓", "!", ...). */
const char *html_cell_mark(bd_cell cell);

/* The first character (code point) of a kind's label, into buf. */
const char *html_kind_letter(const html_ctx *ctx, bd_kind kind, char *buf, size_t size);

/* The coverage legend: a swatch, mark, word and count per cell state. */
void html_coverage_legend(html_ctx *ctx, html_node *parent);

/* The key of the heatmap panels' heads: each kind's letter and label. */
void html_kind_key(html_ctx *ctx, html_node *parent);

/* Scenario trees (html_tree.c). */
typedef struct html_tree_plan html_tree_plan;

/* Prepares tree t of the report for drawing in pieces of at most max_rows
 * leaf rows (on slides the summary tree: measures as chips, see
 * html_tree.c).  Returns NULL when memory ran out (ctx->err is filled). */
html_tree_plan *html_tree_prepare(html_ctx *ctx, const bd_tree *t, size_t max_rows);

/* Number of pieces the tree is drawn in (at least 1). */
size_t html_tree_pieces(const html_tree_plan *tp);

/* The shared box shapes every tree piece refers to (<use href="#bd-box-…">),
 * in a 0 x 0 <svg>; write it once before the first tree (caller owns it). */
html_node *html_tree_defs(html_ctx *ctx);

/* Draws piece `piece` as an <svg> element (caller owns it). */
html_node *html_tree_svg(html_ctx *ctx, html_tree_plan *tp, size_t piece);

/* Frees a tree plan; NULL is fine. */
void html_tree_free(html_tree_plan *tp);

/* Renders the report layout of one plan / the slides layout into the
 * content slot (a portfolio report is html_portfolio_report). */
void html_report_body(html_ctx *ctx);
void html_slides_body(html_ctx *ctx);
int html_slides_count(html_ctx *ctx);

#endif
