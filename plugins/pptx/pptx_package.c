/*
 * pptx_package.c - the package's parts and its zip, in memory (see
 * pptx_package.h).  libzip writes into a zip_source_buffer, which is read
 * back once the archive is closed.
 */
#include "pptx_package.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "pptx_xml.h"

/* See pptx_package.h. */
int pptx_package_add(pptx_package *p, const char *name, const char *content_type,
                     unsigned char *data, size_t len) {
  if (p->count == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 64;
    pptx_part *parts = realloc(p->parts, cap * sizeof *parts);
    if (parts == NULL) {
      free(data);
      p->failed = 1;
      return -1;
    }
    p->parts = parts;
    p->cap = cap;
  }
  pptx_part *part = &p->parts[p->count];
  part->name = strdup(name);
  part->content_type = content_type ? strdup(content_type) : NULL;
  part->data = data;
  part->len = len;
  if (part->name == NULL || (content_type && part->content_type == NULL)) {
    free(part->name);
    free(part->content_type);
    free(data);
    p->failed = 1;
    return -1;
  }
  p->count++;
  return 0;
}

/* See pptx_package.h. */
int pptx_package_has(const pptx_package *p, const char *name) {
  for (size_t i = 0; i < p->count; i++)
    if (strcmp(p->parts[i].name, name) == 0) return 1;
  return 0;
}

/* The extensions with a Default content type, and their types. */
static const char *const defaults[][2] = {
    {"rels", "application/vnd.openxmlformats-package.relationships+xml"},
    {"xml", "application/xml"},
    {"png", "image/png"},
    {"jpeg", "image/jpeg"},
    {"jpg", "image/jpeg"},
    {"gif", "image/gif"},
    {"svg", "image/svg+xml"},
    {"emf", "image/x-emf"},
    {"wmf", "image/x-wmf"},
    {"bin", "application/vnd.openxmlformats-officedocument.oleObject"},
    {"fntdata", "application/x-fontdata"},
};

/* Writes [Content_Types].xml: the defaults, then an override for every
 * part with a content type, in part order. */
static int content_types(const pptx_package *p, unsigned char **data, size_t *len) {
  pptx_xml x;
  if (pptx_xml_begin(&x) != 0) return -1;
  pptx_xml_start(&x, "Types");
  pptx_xml_attr(&x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
    pptx_xml_empty(&x, "Default", "Extension", defaults[i][0], "ContentType", defaults[i][1], NULL);
  for (size_t i = 0; i < p->count; i++) {
    if (p->parts[i].content_type == NULL) continue;
    char name[1024];
    snprintf(name, sizeof name, "/%s", p->parts[i].name);
    pptx_xml_empty(&x, "Override", "PartName", name, "ContentType", p->parts[i].content_type, NULL);
  }
  pptx_xml_end(&x);
  return pptx_xml_finish(&x, data, len);
}

/* The DOS time and date of `when` (UTC), at the earliest 1980-01-01. */
static void dos_time(int64_t when, zip_uint16_t *dtime, zip_uint16_t *ddate) {
  if (when < 315532800) when = 315532800; /* 1980-01-01 */
  time_t t = (time_t)when;
  struct tm tm;
  gmtime_r(&t, &tm);
  if (tm.tm_year > 207) tm.tm_year = 207; /* DOS dates end in 2107 */
  *dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  *ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* Adds one member from memory (libzip reads it at zip_close). */
static int add_member(zip_t *za, const char *name, const unsigned char *data, size_t len,
                      zip_uint16_t dtime, zip_uint16_t ddate) {
  zip_source_t *src = zip_source_buffer(za, data, len, 0);
  if (src == NULL) return -1;
  zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(src);
    return -1;
  }
  if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 1) != 0) return -1;
  return zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0);
}

/* Reads the whole finished archive out of its buffer source. */
static int read_back(zip_source_t *src, unsigned char **out, size_t *len) {
  zip_stat_t st;
  if (zip_source_open(src) != 0) return -1;
  zip_stat_init(&st);
  if (zip_source_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    zip_source_close(src);
    return -1;
  }
  *out = malloc(st.size ? st.size : 1);
  zip_int64_t n = *out ? zip_source_read(src, *out, st.size) : -1;
  zip_source_close(src);
  if (n < 0 || (zip_uint64_t)n != st.size) {
    free(*out);
    *out = NULL;
    return -1;
  }
  *len = (size_t)n;
  return 0;
}

/* See pptx_package.h. */
int pptx_package_zip(const pptx_package *p, int64_t when, unsigned char **out, size_t *len,
                     char *err, size_t errsize) {
  *out = NULL;
  *len = 0;
  unsigned char *types = NULL;
  size_t types_len = 0;
  if (p->failed || content_types(p, &types, &types_len) != 0) {
    snprintf(err, errsize, "out of memory writing the package");
    return -1;
  }
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = NULL;
  if (src) {
    zip_source_keep(src); /* read back after zip_close */
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  }
  int rc = -1;
  if (za) {
    zip_uint16_t dtime, ddate;
    dos_time(when, &dtime, &ddate);
    rc = add_member(za, "[Content_Types].xml", types, types_len, dtime, ddate);
    for (size_t i = 0; i < p->count && rc == 0; i++)
      rc = add_member(za, p->parts[i].name, p->parts[i].data, p->parts[i].len, dtime, ddate);
    if (rc == 0) {
      rc = zip_close(za);
      if (rc != 0) snprintf(err, errsize, "zip: %s", zip_strerror(za));
      if (rc != 0) zip_discard(za);
    } else {
      snprintf(err, errsize, "zip: %s", zip_strerror(za));
      zip_discard(za);
    }
    if (rc == 0 && read_back(src, out, len) != 0) {
      snprintf(err, errsize, "zip: cannot read the package back");
      rc = -1;
    }
  } else {
    snprintf(err, errsize, "zip: %s", zip_error_strerror(&ze));
  }
  if (src) zip_source_free(src);
  zip_error_fini(&ze);
  free(types);
  return rc;
}

/* See pptx_package.h. */
void pptx_package_free(pptx_package *p) {
  for (size_t i = 0; i < p->count; i++) {
    free(p->parts[i].name);
    free(p->parts[i].content_type);
    free(p->parts[i].data);
  }
  free(p->parts);
  *p = (pptx_package){0};
}
