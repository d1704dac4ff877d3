/*
 * html.c - the html output plugin: entry point, templates and the page.
 *
 * A render reads the page skeleton (page.html), the style sheets and, for
 * slides, the navigation script from the template directory, puts the CSS
 * and the script into the skeleton's <style> and <script> slots, adds a
 * Content-Security-Policy that allows exactly those two texts (by their
 * SHA-256) and nothing from outside the file, and streams the page: the
 * skeleton up to its content slot, the views, then the rest of the
 * skeleton.  See html_common.h for why the page is streamed.
 *
 * Template slots are elements with a data-slot attribute: "title" (the
 * page title), "style" (a <style>), "script" (a <script>, slides only;
 * removed in the report) and "content" (where the views go).
 */
#include "html_common.h"
#include "../deck/deck_plan.h"
#include "html_portfolio.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* Largest template file we read: templates are small hand-written files. */
#define MAX_TEMPLATE_BYTES (4u << 20)

/* Deepest skeleton element nesting we follow down to the content slot. */
#define MAX_SLOT_DEPTH 64

/* Reads template file `name` from the template directory into a new
 * NUL-terminated buffer (caller frees) and its length into *len.  Returns
 * NULL after recording a clear error. */
static char *read_template(html_ctx *ctx, const char *name, size_t *len) {
  char path[4096];
  const char *dir = ctx->req->template_dir ? ctx->req->template_dir : ".";
  if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
    html_fail(ctx, "template path too long: %s/%s", dir, name);
    return NULL;
  }
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    html_fail(ctx, "cannot read template %s: %s", path, strerror(errno));
    return NULL;
  }
  char *text = malloc(MAX_TEMPLATE_BYTES + 1);
  size_t n = text ? fread(text, 1, MAX_TEMPLATE_BYTES + 1, f) : 0;
  int bad = text == NULL || ferror(f);
  fclose(f);
  if (bad || n > MAX_TEMPLATE_BYTES) {
    html_fail(ctx, "cannot read template %s: %s", path,
              text == NULL             ? "out of memory"
              : n > MAX_TEMPLATE_BYTES ? "file too large"
                                       : "read error");
    free(text);
    return NULL;
  }
  text[n] = '\0';
  if (memchr(text, '\0', n) != NULL) {
    html_fail(ctx, "template %s is not a text file", path);
    free(text);
    return NULL;
  }
  *len = n;
  return text;
}

/* Returns 1 when text contains needle, ignoring ASCII case. */
static int contains_nocase(const char *text, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = text; *p; p++)
    if (strncasecmp(p, needle, n) == 0) return 1;
  return 0;
}

/* Finds the element of the skeleton whose data-slot is `slot`. */
static xmlNodePtr find_slot(xmlNodePtr node, const char *slot) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    xmlChar *v = xmlGetProp(node, BAD_CAST "data-slot");
    int hit = v && xmlStrcmp(v, BAD_CAST slot) == 0;
    xmlFree(v);
    if (hit) return node;
    xmlNodePtr inner = find_slot(node->children, slot);
    if (inner) return inner;
  }
  return NULL;
}

/* Finds the first element named `name` (e.g. "head"). */
static xmlNodePtr find_element(xmlNodePtr node, const char *name) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (xmlStrcasecmp(node->name, BAD_CAST name) == 0) return node;
    xmlNodePtr inner = find_element(node->children, name);
    if (inner) return inner;
  }
  return NULL;
}

/* Creates skeleton element `name` (libxml2; caller owns it), or NULL
 * after recording an error. */
static xmlNodePtr skeleton_el(html_ctx *ctx, const char *name) {
  xmlNodePtr n = xmlNewDocNode(ctx->doc, NULL, BAD_CAST name, NULL);
  if (n == NULL) html_fail(ctx, "out of memory while building the page");
  return n;
}

/* Sets an attribute of a skeleton element (value stored verbatim, escaped
 * by the serialiser).  NULL node does nothing. */
static void skeleton_attr(xmlNodePtr node, const char *name, const char *value) {
  if (node && value) xmlSetProp(node, BAD_CAST name, BAD_CAST value);
}

/* Replaces the children of node with one text node holding text. */
static void set_text(html_ctx *ctx, xmlNodePtr node, const char *text) {
  while (node->children) {
    xmlNodePtr c = node->children;
    xmlUnlinkNode(c);
    xmlFreeNode(c);
  }
  if (text && *text) {
    /* xmlNewDocText keeps the string as text content: the serialiser escapes it. */
    xmlNodePtr t = xmlNewDocText(ctx->doc, BAD_CAST text);
    if (t)
      xmlAddChild(node, t);
    else
      html_fail(ctx, "out of memory while building the page");
  }
  xmlUnsetProp(node, BAD_CAST "data-slot");
}

/* Builds the style text: base.css, the layout's CSS, portfolio.css for
 * several plans or a comparison, trend.css for a history, then the palette.
 * Returns a new string (caller frees) or NULL after recording an error. */
static char *build_css(html_ctx *ctx) {
  const char *files[4] = {"base.css", ctx->slides ? "slides.css" : "report.css"};
  size_t file_count = 2; /* one plan without a history: as before */
  if (html_needs_portfolio_css(ctx)) files[file_count++] = "portfolio.css";
  if (html_has_trend(ctx)) files[file_count++] = "trend.css";
  char *css = NULL;
  size_t len = 0;
  for (size_t i = 0; i < file_count; i++) {
    size_t n;
    char *part = read_template(ctx, files[i], &n);
    if (part == NULL) {
      free(css);
      return NULL;
    }
    if (contains_nocase(part, "</style")) {
      html_fail(ctx, "template %s/%s must not contain \"</style\"", ctx->req->template_dir,
                files[i]);
      free(part);
      free(css);
      return NULL;
    }
    char *bigger = realloc(css, len + n + 2);
    if (bigger == NULL) {
      free(part);
      free(css);
      html_fail(ctx, "out of memory");
      return NULL;
    }
    css = bigger;
    memcpy(css + len, part, n);
    len += n;
    css[len++] = '\n';
    css[len] = '\0';
    free(part);
  }
  if (html_palette_css(&css, &len) != 0 || (ctx->slides && deck_css(&css, &len) != 0)) {
    free(css);
    html_fail(ctx, "out of memory");
    return NULL;
  }
  return css;
}

/* Reads the slide navigation script; NULL after recording an error. */
static char *build_script(html_ctx *ctx) {
  size_t n;
  char *js = read_template(ctx, "slides.js", &n);
  if (js && (contains_nocase(js, "</script") || strstr(js, "<!--"))) {
    html_fail(ctx, "template %s/slides.js must not contain \"</script\" or \"<!--\"",
              ctx->req->template_dir);
    free(js);
    return NULL;
  }
  return js;
}

/* Adds the Content-Security-Policy meta right after the charset meta. */
static void add_csp(html_ctx *ctx, xmlNodePtr head, const char *css, const char *js) {
  char style_hash[64], script_hash[64] = "";
  char policy[512];
  html_csp_hash(ctx->host, css, strlen(css), style_hash, sizeof style_hash);
  if (js) html_csp_hash(ctx->host, js, strlen(js), script_hash, sizeof script_hash);
  snprintf(policy, sizeof policy,
           "default-src 'none'; style-src '%s'; script-src %s%s%s; img-src data:; "
           "base-uri 'none'; form-action 'none'",
           style_hash, js ? "'" : "'none'", js ? script_hash : "", js ? "'" : "");
  xmlNodePtr meta = skeleton_el(ctx, "meta");
  if (meta == NULL) return;
  skeleton_attr(meta, "http-equiv", "Content-Security-Policy");
  skeleton_attr(meta, "content", policy);
  xmlNodePtr after = NULL;
  for (xmlNodePtr c = head->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && xmlStrcasecmp(c->name, BAD_CAST "meta") == 0 &&
        xmlHasProp(c, BAD_CAST "charset"))
      after = c;
  if (after)
    xmlAddNextSibling(after, meta);
  else if (head->children)
    xmlAddPrevSibling(head->children, meta);
  else
    xmlAddChild(head, meta);
}

/* Adds the traceability metas: the generator, the plan's SHA-256 and its
 * as-of date, so an archived page can be traced to its inputs. */
static void add_trace(html_ctx *ctx, xmlNodePtr head) {
  if (html_portfolio_trace(ctx, head)) return; /* several plans: a SHA-256 each */
  const bd_report *r = ctx->req->report;
  const char *names[] = {"generator", "badday-source-sha256", "badday-as-of"};
  const char *values[] = {r->generator, r->source_sha256, r->as_of};
  for (size_t i = 0; i < 3; i++) {
    if (values[i] == NULL) continue;
    xmlNodePtr meta = skeleton_el(ctx, "meta");
    if (meta == NULL) return;
    xmlAddChild(head, meta);
    skeleton_attr(meta, "name", names[i]);
    skeleton_attr(meta, "content", values[i]);
  }
  html_comparison_trace(ctx, head);
}

/* Fills the skeleton's slots; returns the content slot or NULL after
 * recording an error. */
static xmlNodePtr fill_skeleton(html_ctx *ctx, const char *css, const char *js) {
  const char *page = ctx->req->template_dir;
  xmlNodePtr root = xmlDocGetRootElement(ctx->doc);
  xmlNodePtr head = root ? find_element(root, "head") : NULL;
  xmlNodePtr content = root ? find_slot(root, "content") : NULL;
  xmlNodePtr style = root ? find_slot(root, "style") : NULL;
  xmlNodePtr script = root ? find_slot(root, "script") : NULL;
  xmlNodePtr title = root ? find_slot(root, "title") : NULL;
  xmlNodePtr body = root ? find_element(root, "body") : NULL;
  const char *missing = head == NULL                      ? "<head> element"
                        : body == NULL                    ? "<body> element"
                        : content == NULL                 ? "element with data-slot=\"content\""
                        : style == NULL                   ? "<style data-slot=\"style\"> element"
                        : (ctx->slides && script == NULL) ? "<script data-slot=\"script\"> element"
                                                          : NULL;
  if (missing) {
    html_fail(ctx, "template %s/page.html has no %s", page, missing);
    return NULL;
  }
  skeleton_attr(root, "lang", ctx->req->lang ? ctx->req->lang : "en");
  skeleton_attr(body, "class", ctx->slides ? "layout-slides" : "layout-report");
  set_text(ctx, style, css);
  if (ctx->slides) {
    set_text(ctx, script, js);
  } else if (script) {
    xmlUnlinkNode(script);
    xmlFreeNode(script);
  }
  if (title) {
    char text[1024];
    snprintf(text, sizeof text, "%s \xE2\x80\x94 %s",
             ctx->portfolio    ? html_msg(ctx, "title.portfolio")
             : ctx->r->service ? ctx->r->service
                               : "",
             html_msg(ctx, ctx->slides ? "title.slides" : "title.report"));
    set_text(ctx, title, text);
  }
  add_csp(ctx, head, css, js);
  add_trace(ctx, head);
  xmlUnsetProp(content, BAD_CAST "data-slot");
  return content;
}

/* Writes the start tag of skeleton element node (a copy of it with its
 * attributes, serialised by libxml2's HTML serialiser without its end
 * tag). */
static void open_skeleton(html_ctx *ctx, xmlNodePtr node) {
  xmlNodePtr copy = xmlDocCopyNode(node, ctx->doc, 2);
  if (copy == NULL) {
    html_fail(ctx, "out of memory while writing the page");
    return;
  }
  html_open_xml(ctx, copy);
  xmlFreeNode(copy);
}

/* Writes skeleton node `node`, an ancestor-or-self of the content slot:
 * its start tag, its children (the one on the path to the slot recursively,
 * the views in place of the slot's own children), its end tag. */
static void emit_path(html_ctx *ctx, xmlNodePtr node, xmlNodePtr *path, size_t depth,
                      size_t level) {
  open_skeleton(ctx, node);
  if (level + 1 == depth) {
    if (ctx->slides)
      html_slides_body(ctx);
    else if (ctx->portfolio)
      html_portfolio_report(ctx);
    else
      html_report_body(ctx);
  } else {
    for (xmlNodePtr c = node->children; c && !ctx->failed; c = c->next) {
      if (c == path[level + 1])
        emit_path(ctx, c, path, depth, level + 1);
      else if (!ctx->failed) {
        html_flush(ctx);
        htmlNodeDumpFormatOutput(ctx->out, ctx->doc, c, "UTF-8", 0);
      }
    }
  }
  html_close(ctx, (const char *)node->name);
}

/* Streams the filled skeleton with the views in the content slot. */
static void emit_page(html_ctx *ctx, xmlNodePtr content) {
  xmlNodePtr path[MAX_SLOT_DEPTH];
  size_t depth = 0;
  for (xmlNodePtr n = content; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    if (depth == MAX_SLOT_DEPTH) {
      html_fail(ctx, "template page.html nests its content slot too deeply");
      return;
    }
    path[depth++] = n;
  }
  for (size_t i = 0; i < depth / 2; i++) { /* root first */
    xmlNodePtr t = path[i];
    path[i] = path[depth - 1 - i];
    path[depth - 1 - i] = t;
  }
  html_raw(ctx, "<!DOCTYPE html>\n");
  emit_path(ctx, path[0], path, depth, 0);
  html_raw(ctx, "\n");
}

/* The render whose libxml2 messages are being forwarded (one at a time). */
static html_ctx *logging_ctx;

/* libxml2 error callback: a plugin must not print, so libxml2's messages
 * (e.g. "I/O error" after a failed write, which the host reports itself)
 * go to the host's log at debug level, shown with --verbose. */
__attribute__((format(printf, 2, 3))) static void forward_error(void *unused, const char *fmt,
                                                                ...) {
  (void)unused;
  char line[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  size_t n = strlen(line);
  while (n && (line[n - 1] == '\n' || line[n - 1] == ' ')) line[--n] = '\0';
  if (logging_ctx && n)
    logging_ctx->host->log(logging_ctx->req->output, BD_LOG_DEBUG, "libxml2: %s", line);
}

/* libxml2 output callback: hands bytes to the host. */
static int write_cb(void *context, const char *buf, int len) {
  html_ctx *ctx = context;
  if (ctx->write_failed || ctx->host->write(ctx->req->output, buf, (size_t)len) != 0) {
    ctx->write_failed = 1;
    ctx->failed = 1; /* stop building; the host reports the write error */
    return -1;
  }
  return len;
}

/* Renders req->report as one self-contained HTML page. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  html_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.host = host;
  ctx.req = req;
  ctx.r = req->report;
  ctx.err = err;
  ctx.portfolio = html_portfolio_of(req);
  if (!BD_HAS(host, bd_host, format_slo))
    return html_fail(&ctx, "this badday is too old for the html plugin (it needs plugin ABI 1.2)");
  if (req->layout && strcmp(req->layout, "slides") == 0)
    ctx.slides = 1;
  else if (req->layout && strcmp(req->layout, "report") != 0)
    return html_fail(&ctx, "unknown layout '%s' (use report or slides)", req->layout);

  xmlInitParser();
  xmlGenericErrorFunc old_error = xmlGenericError;
  void *old_error_ctx = xmlGenericErrorContext;
  logging_ctx = &ctx;
  xmlSetGenericErrorFunc(NULL, forward_error);
  char *css = NULL, *js = NULL, *page = NULL;
  size_t page_len = 0;
  pdf_text *text = NULL;
  deck_plan *deck = NULL;
  page = read_template(&ctx, "page.html", &page_len);
  if (page) css = build_css(&ctx);
  if (css && ctx.slides) js = build_script(&ctx);
  if (ctx.failed) goto done;

  ctx.doc = htmlReadMemory(page, (int)page_len, "page.html", "UTF-8",
                           HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (ctx.doc == NULL) {
    html_fail(&ctx, "cannot parse template %s/page.html", req->template_dir);
    goto done;
  }
  if (ctx.doc->encoding == NULL) ctx.doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
  xmlNodePtr content = fill_skeleton(&ctx, css, js);
  if (content == NULL) goto done;
  for (size_t i = 0; i < ctx.r->scenario_count && !ctx.any_over_cap; i++)
    ctx.any_over_cap = ctx.r->scenarios[i]->over_cap;
  if (ctx.slides) { /* the deck: its slide plan, measured with the pdf plugin's fonts */
    char msg[512];
    text = pdf_text_new(req->font_dir, req->lang, msg, sizeof msg);
    deck_setup setup = {host, req->output, text};
    deck = text ? deck_plan_build(req, &setup, msg, sizeof msg) : NULL;
    if (deck == NULL) {
      html_fail(&ctx, "%s", msg);
      goto done;
    }
    ctx.deck = deck;
    ctx.slide_total = (int)deck->count;
  }
  if (ctx.failed) goto done;

  ctx.out = xmlOutputBufferCreateIO(write_cb, NULL, &ctx, NULL);
  if (ctx.out == NULL) {
    html_fail(&ctx, "out of memory");
    goto done;
  }
  if (html_writer_start(&ctx) == 0) emit_page(&ctx, content);
  html_flush(&ctx);
  if (xmlOutputBufferClose(ctx.out) < 0 && !ctx.write_failed)
    html_fail(&ctx, "cannot serialise the page");
  ctx.out = NULL;

done:
  html_writer_end(&ctx);
  if (ctx.doc) xmlFreeDoc(ctx.doc);
  xmlSetGenericErrorFunc(old_error_ctx, old_error);
  logging_ctx = NULL;
  free(page);
  free(css);
  free(js);
  deck_plan_free(deck);
  pdf_text_free(text);
  if (ctx.write_failed) { /* the host reports the write error itself */
    snprintf(err->message, sizeof err->message, "cannot write %s", req->output_name);
    return -1;
  }
  return ctx.failed ? -1 : 0;
}

static const char *const formats[] = {"html", NULL};

/* The descriptor and the exported bd_plugin_entry() (badday/plugin.h). */
BD_PLUGIN_DEFINE("html", "self-contained HTML: a report page or a 16:9 slide deck (libxml2)",
                 formats, render, NULL, BD_FEATURE_PORTFOLIO | BD_FEATURE_COMPARISON)
