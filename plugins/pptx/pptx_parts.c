/*
 * pptx_parts.c - the parts around the slides: relationships, the built-in
 * theme, master and layout, the notes master, the presentation (the
 * masters, the slides in order, a 16:9 slide size) and the document
 * properties, dated by the request's generation time.
 */
#include "pptx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pptx_theme.h"

/* The notes master and its theme: always the built-in ones. */
#define NOTES_MASTER "ppt/notesMasters/notesMaster1.xml"
#define NOTES_THEME  "ppt/theme/badday-notes-theme.xml"

/* See pptx.h. */
void pptx_root(pptx_xml *x, const char *name) {
  pptx_xml_start(x, name);
  pptx_xml_attr(x, "xmlns:a", PPTX_NS_A);
  pptx_xml_attr(x, "xmlns:r", PPTX_NS_R);
  pptx_xml_attr(x, "xmlns:p", PPTX_NS_P);
}

/* See pptx.h. */
int pptx_add_part(pptx *d, const char *name, const char *content_type, pptx_xml *x) {
  unsigned char *data;
  size_t len;
  if (pptx_xml_finish(x, &data, &len) != 0 ||
      pptx_package_add(&d->pkg, name, content_type, data, len) != 0) {
    d->failed = 1;
    return -1;
  }
  return 0;
}

/* Target, a part name, relative to the folder of part `from`. */
static void relative(const char *from, const char *target, char *out, size_t size) {
  const char *slash = strrchr(from, '/');
  size_t dir = slash ? (size_t)(slash - from) + 1 : 0; /* "ppt/slides/" */
  size_t common = 0;                                   /* whole folders in common */
  for (size_t i = 0; i < dir && from[i] == target[i]; i++)
    if (from[i] == '/') common = i + 1;
  size_t ups = 0;
  for (size_t i = common; i < dir; i++)
    if (from[i] == '/') ups++;
  out[0] = '\0';
  size_t used = 0;
  for (size_t i = 0; i < ups && used + 3 < size; i++)
    used += (size_t)snprintf(out + used, size - used, "../");
  snprintf(out + used, size - used, "%s", target + common);
}

/* See pptx.h. */
int pptx_add_rels(pptx *d, const char *part, const pptx_rel *rels, size_t n) {
  pptx_xml x;
  if (pptx_xml_begin(&x) != 0) return d->failed = 1, -1;
  pptx_xml_start(&x, "Relationships");
  pptx_xml_attr(&x, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  for (size_t i = 0; i < n; i++) {
    char id[32], type[256], target[512];
    snprintf(id, sizeof id, "rId%zu", i + 1);
    if (strstr(rels[i].type, "://"))
      snprintf(type, sizeof type, "%s", rels[i].type);
    else
      snprintf(type, sizeof type, PPTX_REL "%s", rels[i].type);
    if (*part)
      relative(part, rels[i].target, target, sizeof target);
    else
      snprintf(target, sizeof target, "%s", rels[i].target);
    pptx_xml_empty(&x, "Relationship", "Id", id, "Type", type, "Target", target, NULL);
  }
  pptx_xml_end(&x);
  char name[512];
  const char *slash = strrchr(part, '/');
  if (slash)
    snprintf(name, sizeof name, "%.*s_rels/%s.rels", (int)(slash - part + 1), part, slash + 1);
  else
    snprintf(name, sizeof name, "_rels/%s.rels", part);
  return pptx_add_part(d, name, NULL, &x);
}

/* Adds a part written from static text. */
static int static_part(pptx *d, const char *name, const char *content_type, const char *body) {
  pptx_xml x;
  if (pptx_xml_begin(&x) != 0) return d->failed = 1, -1;
  pptx_xml_raw(&x, (const unsigned char *)body, strlen(body));
  return pptx_add_part(d, name, content_type, &x);
}

/* Adds a theme: the built-in one with its colours filled in (each %06X
 * of the text becomes the next colour's six hex digits). */
static int theme_part(pptx *d, const char *name) {
  const char *src = pptx_theme_xml;
  size_t len = strlen(src), k = 0;
  char *body = malloc(len + 2 * 11 + 1);
  if (body == NULL) return d->failed = 1, -1;
  char *out = body;
  while (*src) {
    if (strncmp(src, "%06X", 4) == 0 && k < 11) {
      snprintf(out, 7, "%06X", pptx_theme_colors[k++] & 0xFFFFFFu);
      out += 6;
      src += 4;
    } else {
      *out++ = *src++;
    }
  }
  *out = '\0';
  int rc = static_part(d, name, "application/vnd.openxmlformats-officedocument.theme+xml", body);
  free(body);
  return rc;
}

/* See pptx.h. */
int pptx_parts_builtin(pptx *d) {
  const char *master = "ppt/slideMasters/slideMaster1.xml";
  const char *layout = "ppt/slideLayouts/slideLayout1.xml";
  const char *theme = "ppt/theme/theme1.xml";
  if (theme_part(d, theme) != 0 ||
      static_part(d, master, PPTX_CT "slideMaster+xml", pptx_master_xml) != 0 ||
      static_part(d, layout, PPTX_CT "slideLayout+xml", pptx_layout_xml) != 0)
    return -1;
  pptx_rel mrels[] = {{"slideLayout", layout}, {"theme", theme}};
  pptx_rel lrels[] = {{"slideMaster", master}};
  if (pptx_add_rels(d, master, mrels, 2) != 0 || pptx_add_rels(d, layout, lrels, 1) != 0) return -1;
  snprintf(d->layouts.content, sizeof d->layouts.content, "%s", layout);
  snprintf(d->layouts.masters[0], sizeof d->layouts.masters[0], "%s", master);
  d->layouts.master_ids[0] = 2147483648UL;
  d->layouts.master_count = 1;
  snprintf(d->layouts.theme, sizeof d->layouts.theme, "%s", theme);
  return 0;
}

/* The notes master and its theme. */
static int notes_master(pptx *d) {
  if (theme_part(d, NOTES_THEME) != 0 ||
      static_part(d, NOTES_MASTER, PPTX_CT "notesMaster+xml", pptx_notes_master_xml) != 0)
    return -1;
  pptx_rel rels[] = {{"theme", NOTES_THEME}};
  return pptx_add_rels(d, NOTES_MASTER, rels, 1);
}

/* presentation.xml and its relationships: masters, notes master, theme,
 * the properties parts, then the slides. */
static int presentation(pptx *d, size_t slides) {
  const pptx_layouts *l = &d->layouts;
  size_t fixed = l->master_count + 5, n = fixed + slides;
  pptx_rel *rels = calloc(n, sizeof *rels);
  char(*names)[64] = calloc(slides ? slides : 1, sizeof *names);
  if (rels == NULL || names == NULL) {
    free(rels);
    free(names);
    return d->failed = 1, -1;
  }
  size_t k = 0;
  for (size_t m = 0; m < l->master_count; m++) rels[k++] = (pptx_rel){"slideMaster", l->masters[m]};
  rels[k++] = (pptx_rel){"notesMaster", NOTES_MASTER};
  rels[k++] = (pptx_rel){"theme", l->theme};
  rels[k++] = (pptx_rel){"presProps", "ppt/presProps.xml"};
  rels[k++] = (pptx_rel){"viewProps", "ppt/viewProps.xml"};
  rels[k++] = (pptx_rel){"tableStyles", "ppt/tableStyles.xml"};
  for (size_t s = 0; s < slides; s++) {
    snprintf(names[s], sizeof names[s], "ppt/slides/slide%zu.xml", s + 1);
    rels[k++] = (pptx_rel){"slide", names[s]};
  }
  int rc = pptx_add_rels(d, "ppt/presentation.xml", rels, n);
  free(rels);
  free(names);
  if (rc != 0) return -1;

  pptx_xml x;
  if (pptx_xml_begin(&x) != 0) return d->failed = 1, -1;
  pptx_root(&x, "p:presentation");
  pptx_xml_attr(&x, "saveSubsetFonts", "1");
  pptx_xml_start(&x, "p:sldMasterIdLst");
  for (size_t m = 0; m < l->master_count; m++) {
    pptx_xml_start(&x, "p:sldMasterId");
    pptx_xml_attrf(&x, "id", "%lu", l->master_ids[m]);
    pptx_xml_attrf(&x, "r:id", "rId%zu", m + 1);
    pptx_xml_end(&x);
  }
  pptx_xml_end(&x);
  pptx_xml_start(&x, "p:notesMasterIdLst");
  pptx_xml_start(&x, "p:notesMasterId");
  pptx_xml_attrf(&x, "r:id", "rId%zu", l->master_count + 1);
  pptx_xml_end(&x);
  pptx_xml_end(&x);
  if (slides) {
    pptx_xml_start(&x, "p:sldIdLst");
    for (size_t s = 0; s < slides; s++) {
      pptx_xml_start(&x, "p:sldId");
      pptx_xml_attrl(&x, "id", 256 + (long long)s);
      pptx_xml_attrf(&x, "r:id", "rId%zu", fixed + s + 1);
      pptx_xml_end(&x);
    }
    pptx_xml_end(&x);
  }
  pptx_xml_empty(&x, "p:sldSz", "cx", "12192000", "cy", "6858000", NULL);
  pptx_xml_empty(&x, "p:notesSz", "cx", "6858000", "cy", "9144000", NULL);
  pptx_xml_end(&x);
  return pptx_add_part(d, "ppt/presentation.xml", PPTX_CT "presentation.main+xml", &x);
}

/* The ISO 8601 time of the request's generation (1980-01-01 without one). */
static void iso_time(const pptx *d, char *buf, size_t size) {
  int64_t when = 315532800;
  if (BD_HAS(d->req, bd_render_request, generated_at_set) && d->req->generated_at_set)
    when = d->req->generated_at;
  time_t t = (time_t)when;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* docProps/core.xml and app.xml. */
static int properties(pptx *d, size_t slides) {
  char when[32];
  iso_time(d, when, sizeof when);
  pptx_xml x;
  if (pptx_xml_begin(&x) != 0) return d->failed = 1, -1;
  pptx_xml_start(&x, "cp:coreProperties");
  pptx_xml_attr(&x, "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  pptx_xml_attr(&x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  pptx_xml_attr(&x, "xmlns:dcterms", "http://purl.org/dc/terms/");
  pptx_xml_attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  const bd_portfolio *p = BD_HAS(d->req, bd_render_request, portfolio) ? d->req->portfolio : NULL;
  pptx_xml_start(&x, "dc:title");
  pptx_xml_text(&x, p ? pptx_msg(d, "title.portfolio") : d->req->report->service);
  pptx_xml_end(&x);
  pptx_xml_start(&x, "dc:creator");
  pptx_xml_text(&x, d->req->report->generator ? d->req->report->generator : "badday");
  pptx_xml_end(&x);
  pptx_xml_start(&x, "dc:language");
  pptx_xml_text(&x, d->req->lang && strcmp(d->req->lang, "ja") == 0 ? "ja-JP" : "en-US");
  pptx_xml_end(&x);
  const char *stamps[] = {"dcterms:created", "dcterms:modified"};
  for (int i = 0; i < 2; i++) {
    pptx_xml_start(&x, stamps[i]);
    pptx_xml_attr(&x, "xsi:type", "dcterms:W3CDTF");
    pptx_xml_text(&x, when);
    pptx_xml_end(&x);
  }
  pptx_xml_end(&x);
  if (pptx_add_part(d, "docProps/core.xml",
                    "application/vnd.openxmlformats-package.core-properties+xml", &x) != 0)
    return -1;
  if (pptx_xml_begin(&x) != 0) return d->failed = 1, -1;
  pptx_xml_start(&x, "Properties");
  pptx_xml_attr(&x, "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  pptx_xml_start(&x, "Application");
  pptx_xml_text(&x, "badday");
  pptx_xml_end(&x);
  pptx_xml_start(&x, "Slides");
  char count[32];
  snprintf(count, sizeof count, "%zu", slides);
  pptx_xml_text(&x, count);
  pptx_xml_end(&x);
  pptx_xml_end(&x);
  return pptx_add_part(d, "docProps/app.xml",
                       "application/vnd.openxmlformats-officedocument.extended-properties+xml", &x);
}

/* See pptx.h. */
int pptx_parts_finish(pptx *d, size_t slides) {
  static const char pres_props[] = "<p:presentationPr xmlns:a=\"" PPTX_NS_A
                                   "\" xmlns:r=\"" PPTX_NS_R "\" xmlns:p=\"" PPTX_NS_P "\"/>";
  static const char view_props[] =
      "<p:viewPr xmlns:a=\"" PPTX_NS_A "\" xmlns:r=\"" PPTX_NS_R "\" xmlns:p=\"" PPTX_NS_P "\"/>";
  static const char table_styles[] =
      "<a:tblStyleLst xmlns:a=\"" PPTX_NS_A "\" def=\"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>";
  if (notes_master(d) != 0 ||
      static_part(d, "ppt/presProps.xml", PPTX_CT "presProps+xml", pres_props) != 0 ||
      static_part(d, "ppt/viewProps.xml", PPTX_CT "viewProps+xml", view_props) != 0 ||
      static_part(d, "ppt/tableStyles.xml", PPTX_CT "tableStyles+xml", table_styles) != 0 ||
      presentation(d, slides) != 0 || properties(d, slides) != 0)
    return -1;
  pptx_rel root[] = {
      {"officeDocument", "ppt/presentation.xml"},
      {"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
       "docProps/core.xml"},
      {"extended-properties", "docProps/app.xml"}};
  return pptx_add_rels(d, "", root, 3);
}
