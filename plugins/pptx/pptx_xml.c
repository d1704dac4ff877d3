/*
 * pptx_xml.c - the XML of one package part through libxml2's
 * xmlTextWriter (see pptx_xml.h).
 */
#include "pptx_xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* See pptx_xml.h. */
int pptx_xml_begin(pptx_xml *x) {
  x->failed = 0;
  x->fragment = 0;
  x->buf = xmlBufferCreateSize(16384);
  if (x->buf) xmlBufferSetAllocationScheme(x->buf, XML_BUFFER_ALLOC_DOUBLEIT); /* not EXACT */
  x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
  if (x->w == NULL || xmlTextWriterStartDocument(x->w, NULL, "UTF-8", "yes") < 0) {
    pptx_xml_discard(x);
    return -1;
  }
  return 0;
}

/* See pptx_xml.h. */
int pptx_xml_begin_fragment(pptx_xml *x) {
  x->failed = 0;
  x->fragment = 1;
  x->buf = xmlBufferCreateSize(16384);
  if (x->buf) xmlBufferSetAllocationScheme(x->buf, XML_BUFFER_ALLOC_DOUBLEIT); /* not EXACT */
  x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
  if (x->w == NULL) {
    pptx_xml_discard(x);
    return -1;
  }
  return 0;
}

/* Records a libxml2 result. */
static void check(pptx_xml *x, int rc) {
  if (rc < 0) x->failed = 1;
}

/* See pptx_xml.h. */
void pptx_xml_start(pptx_xml *x, const char *name) {
  if (!x->failed) check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

/* See pptx_xml.h. */
void pptx_xml_end(pptx_xml *x) {
  if (!x->failed) check(x, xmlTextWriterEndElement(x->w));
}

/* See pptx_xml.h. */
void pptx_xml_attr(pptx_xml *x, const char *name, const char *value) {
  if (!x->failed) check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value));
}

/* See pptx_xml.h. */
void pptx_xml_attrf(pptx_xml *x, const char *name, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  pptx_xml_attr(x, name, buf);
}

/* See pptx_xml.h. */
void pptx_xml_attrl(pptx_xml *x, const char *name, long long value) {
  pptx_xml_attrf(x, name, "%lld", value);
}

/* See pptx_xml.h. */
void pptx_xml_raw(pptx_xml *x, const unsigned char *data, size_t len) {
  if (!x->failed && len) check(x, xmlTextWriterWriteRawLen(x->w, data, (int)len));
}

/* See pptx_xml.h. */
void pptx_xml_text(pptx_xml *x, const char *s) {
  if (!x->failed) check(x, xmlTextWriterWriteString(x->w, BAD_CAST s));
}

/* See pptx_xml.h. */
void pptx_xml_empty(pptx_xml *x, const char *name, ...) {
  pptx_xml_start(x, name);
  va_list ap;
  va_start(ap, name);
  for (const char *k = va_arg(ap, const char *); k; k = va_arg(ap, const char *))
    pptx_xml_attr(x, k, va_arg(ap, const char *));
  va_end(ap);
  pptx_xml_end(x);
}

/* See pptx_xml.h. */
int pptx_xml_finish(pptx_xml *x, unsigned char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  if (!x->failed && !x->fragment) check(x, xmlTextWriterEndDocument(x->w));
  if (!x->failed && x->fragment) check(x, xmlTextWriterFlush(x->w));
  if (x->w) xmlFreeTextWriter(x->w); /* flushes into buf */
  x->w = NULL;
  if (!x->failed) {
    size_t n = (size_t)xmlBufferLength(x->buf);
    *data = malloc(n ? n : 1);
    if (*data == NULL)
      x->failed = 1;
    else {
      memcpy(*data, xmlBufferContent(x->buf), n);
      *len = n;
    }
  }
  pptx_xml_discard(x);
  return x->failed ? -1 : 0;
}

/* See pptx_xml.h. */
void pptx_xml_discard(pptx_xml *x) {
  if (x->w) xmlFreeTextWriter(x->w);
  if (x->buf) xmlBufferFree(x->buf);
  x->w = NULL;
  x->buf = NULL;
}
