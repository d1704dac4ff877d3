/*
 * pptx_template.c - -O template=FILE.pptx|.potx: the theme, slide masters
 * and layouts of an existing presentation (or template) are copied into
 * the deck, and the slides use its "Title Only" layout (type titleOnly),
 * else its "Title and Content" (type obj).  The template's own slides,
 * notes, handout and notes masters, properties and comments are left
 * out.  XML is read with libxml2 without the network or entities.
 */
#include "pptx.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Parts of the template that the deck writes itself or leaves out. */
static const char *const dropped[] = {"[Content_Types].xml",
                                      "_rels/",
                                      "docProps/",
                                      "customXml/",
                                      "ppt/presentation.xml",
                                      "ppt/_rels/presentation.xml.rels",
                                      "ppt/slides/",
                                      "ppt/notesSlides/",
                                      "ppt/notesMasters/",
                                      "ppt/handoutMasters/",
                                      "ppt/presProps.xml",
                                      "ppt/viewProps.xml",
                                      "ppt/tableStyles.xml",
                                      "ppt/commentAuthors.xml",
                                      "ppt/comments/",
                                      "ppt/printerSettings/",
                                      "ppt/revisionInfo.xml",
                                      "ppt/authors.xml",
                                      "ppt/changesInfos/"};

/* Whether a member of the template is left out. */
static int is_dropped(const char *name) {
  for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++) {
    size_t n = strlen(dropped[i]);
    if (dropped[i][n - 1] == '/' ? strncmp(name, dropped[i], n) == 0
                                 : strcmp(name, dropped[i]) == 0)
      return 1;
  }
  return name[0] == '\0' || name[strlen(name) - 1] == '/';
}

/* Reads a member whole; NULL when it is missing or too large. */
static unsigned char *read_member(zip_t *za, zip_uint64_t idx, size_t *len) {
  zip_stat_t st;
  if (zip_stat_index(za, idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
      st.size > 64u * 1024 * 1024)
    return NULL;
  zip_file_t *f = zip_fopen_index(za, idx, 0);
  if (f == NULL) return NULL;
  unsigned char *data = malloc(st.size ? st.size : 1);
  zip_int64_t n = data ? zip_fread(f, data, st.size) : -1;
  zip_fclose(f);
  if (n < 0 || (zip_uint64_t)n != st.size) {
    free(data);
    return NULL;
  }
  *len = (size_t)n;
  return data;
}

/* Parses a member of the given name; NULL when missing or not XML. */
static xmlDocPtr read_xml(zip_t *za, const char *name) {
  zip_int64_t idx = zip_name_locate(za, name, 0);
  size_t len;
  unsigned char *data = idx < 0 ? NULL : read_member(za, (zip_uint64_t)idx, &len);
  if (data == NULL) return NULL;
  xmlDocPtr doc = xmlReadMemory((const char *)data, (int)len, name, NULL, XML_PARSE_NONET);
  free(data);
  return doc;
}

/* The value of attribute `name` (no namespace, or any) of node, or NULL;
 * valid while the document lives (copied into buf). */
static const char *attr(xmlNodePtr node, const char *name, char *buf, size_t size) {
  for (xmlAttrPtr a = node->properties; a; a = a->next) {
    if (strcmp((const char *)a->name, name) != 0) continue;
    xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
    snprintf(buf, size, "%s", v ? (const char *)v : "");
    xmlFree(v);
    return buf;
  }
  return NULL;
}

/* The first descendant element with this local name, or NULL. */
static xmlNodePtr find(xmlNodePtr node, const char *name) {
  for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (strcmp((const char *)c->name, name) == 0) return c;
    xmlNodePtr f = find(c, name);
    if (f) return f;
  }
  return NULL;
}

/* Resolves a relationship target of a part in folder dir ("ppt/") into a
 * part name. */
static void resolve(const char *dir, const char *target, char *out, size_t size) {
  if (size == 0) return;
  char path[1024];
  if (target[0] == '/')
    snprintf(path, sizeof path, "%s", target + 1);
  else
    snprintf(path, sizeof path, "%s%s", dir, target);
  /* remove "x/../" segments */
  char *p;
  while ((p = strstr(path, "/../")) != NULL) {
    char *start = p;
    while (start > path && start[-1] != '/') start--;
    memmove(start, p + 4, strlen(p + 4) + 1);
  }
  size_t n = strlen(path);
  if (n >= size) n = size - 1; /* a name this long matches no part */
  memcpy(out, path, n);
  out[n] = '\0';
}

/* The target of relationship rid in a relationships document, or of the
 * first relationship whose type ends in type_tail (rid NULL). */
static int rel_target(xmlDocPtr rels, const char *rid, const char *type_tail, const char *dir,
                      char *out, size_t size) {
  char id[128], type[512], target[1024];
  for (xmlNodePtr c = rels ? xmlDocGetRootElement(rels)->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !attr(c, "Target", target, sizeof target)) continue;
    if (rid && attr(c, "Id", id, sizeof id) && strcmp(id, rid) == 0) {
      resolve(dir, target, out, size);
      return 0;
    }
    if (!rid && attr(c, "Type", type, sizeof type) && strlen(type) >= strlen(type_tail) &&
        strcmp(type + strlen(type) - strlen(type_tail), type_tail) == 0) {
      resolve(dir, target, out, size);
      return 0;
    }
  }
  return -1;
}

/* The masters of the template's presentation, with their ids, and its
 * theme. */
static int masters(pptx *d, zip_t *za, const char *path, char *err, size_t errsize) {
  xmlDocPtr pres = read_xml(za, "ppt/presentation.xml");
  xmlDocPtr rels = read_xml(za, "ppt/_rels/presentation.xml.rels");
  int rc = -1;
  xmlNodePtr list = pres ? find(xmlDocGetRootElement(pres), "sldMasterIdLst") : NULL;
  pptx_layouts *l = &d->layouts;
  l->master_count = 0;
  for (xmlNodePtr c = list ? list->children : NULL; c && l->master_count < PPTX_MAX_MASTERS;
       c = c->next) {
    char id[64], rid[128];
    if (c->type != XML_ELEMENT_NODE) continue;
    id[0] = '\0';
    /* r:id: the attribute named "id" in the relationships namespace */
    const char *r = NULL;
    for (xmlAttrPtr a = c->properties; a; a = a->next)
      if (a->ns && strcmp((const char *)a->name, "id") == 0) {
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        snprintf(rid, sizeof rid, "%s", v ? (const char *)v : "");
        xmlFree(v);
        r = rid;
      }
    for (xmlAttrPtr a = c->properties; a; a = a->next)
      if (!a->ns && strcmp((const char *)a->name, "id") == 0) {
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        snprintf(id, sizeof id, "%s", v ? (const char *)v : "");
        xmlFree(v);
      }
    if (r == NULL ||
        rel_target(rels, r, NULL, "ppt/", l->masters[l->master_count], sizeof l->masters[0]) != 0)
      continue;
    l->master_ids[l->master_count++] = strtoul(id, NULL, 10);
  }
  if (l->master_count == 0)
    snprintf(err, errsize, "template %s: no slide master (is it a PowerPoint presentation?)", path);
  else if (rel_target(rels, NULL, "/theme", "ppt/", l->theme, sizeof l->theme) != 0)
    snprintf(err, errsize, "template %s: no theme", path);
  else
    rc = 0;
  xmlFreeDoc(pres);
  xmlFreeDoc(rels);
  return rc;
}

/* The layout's type (titleOnly, obj, ...) into buf, "" when none. */
static void layout_type(zip_t *za, const char *name, char *buf, size_t size) {
  buf[0] = '\0';
  xmlDocPtr doc = read_xml(za, name);
  if (doc == NULL) return;
  if (!attr(xmlDocGetRootElement(doc), "type", buf, size)) buf[0] = '\0';
  xmlFreeDoc(doc);
}

/* The content types of the template: an override's, else the default of
 * the extension, else NULL. */
static const char *content_type(xmlDocPtr types, const char *name, char *buf, size_t size) {
  char part[1024], key[256];
  snprintf(part, sizeof part, "/%s", name);
  const char *dot = strrchr(name, '.');
  for (xmlNodePtr c = types ? xmlDocGetRootElement(types)->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "Override") == 0 &&
        attr(c, "PartName", key, sizeof key) && strcasecmp(key, part) == 0)
      return attr(c, "ContentType", buf, size);
  for (xmlNodePtr c = types ? xmlDocGetRootElement(types)->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "Default") == 0 && dot &&
        attr(c, "Extension", key, sizeof key) && strcasecmp(key, dot + 1) == 0) {
      /* the deck's own defaults cover xml and rels */
      if (strcasecmp(key, "xml") == 0 || strcasecmp(key, "rels") == 0) return NULL;
      return attr(c, "ContentType", buf, size);
    }
  return NULL;
}

/* See pptx.h. */
int pptx_parts_template(pptx *d, const char *path, char *err, size_t errsize) {
  int zerr = 0;
  zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
  if (za == NULL) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, zerr);
    snprintf(err, errsize, "template %s: %s", path, zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return -1;
  }
  int rc = masters(d, za, path, err, errsize);
  xmlDocPtr types = rc == 0 ? read_xml(za, "[Content_Types].xml") : NULL;
  char title_only[256] = "", content[256] = "";
  zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; rc == 0 && i < n; i++) {
    const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
    if (name == NULL || is_dropped(name)) continue;
    size_t len = strlen(name);
    if (strncmp(name, "ppt/slideLayouts/", 17) == 0 && strchr(name + 17, '/') == NULL && len > 4 &&
        strcmp(name + len - 4, ".xml") == 0) {
      char type[64];
      layout_type(za, name, type, sizeof type);
      if (strcmp(type, "titleOnly") == 0 && !title_only[0])
        snprintf(title_only, sizeof title_only, "%s", name);
      if (strcmp(type, "obj") == 0 && !content[0]) snprintf(content, sizeof content, "%s", name);
    }
    unsigned char *data = read_member(za, (zip_uint64_t)i, &len);
    if (data == NULL) {
      snprintf(err, errsize, "template %s: cannot read %s", path, name);
      rc = -1;
      break;
    }
    char ct[512];
    if (pptx_package_add(&d->pkg, name, content_type(types, name, ct, sizeof ct), data, len) != 0) {
      snprintf(err, errsize, "out of memory reading template %s", path);
      rc = -1;
    }
  }
  if (rc == 0 && !title_only[0] && !content[0]) {
    snprintf(err, errsize,
             "template %s has no \"Title Only\" or \"Title and Content\" layout (a slide layout "
             "of type titleOnly or obj); add one in PowerPoint or Impress, or render without "
             "-O template",
             path);
    rc = -1;
  }
  if (rc == 0) {
    snprintf(d->layouts.content, sizeof d->layouts.content, "%s",
             title_only[0] ? title_only : content);
    d->templated = 1;
  }
  xmlFreeDoc(types);
  zip_discard(za);
  return rc;
}
