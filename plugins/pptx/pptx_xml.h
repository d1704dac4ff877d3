/*
 * pptx_xml.h - the XML of one package part, written with libxml2's
 * xmlTextWriter into memory: elements, attributes and text escaped by
 * libxml2, so every part is well-formed by construction.
 */
#ifndef BD_PPTX_XML_H
#define BD_PPTX_XML_H

#include <libxml/xmlwriter.h>
#include <stddef.h>

/* A part being written; `failed` is set once libxml2 reports an error. */
typedef struct pptx_xml {
  xmlBufferPtr buf;
  xmlTextWriterPtr w;
  int failed;
  int fragment; /* no XML declaration: pieces spliced into a part */
} pptx_xml;

/* Starts a part (the XML declaration, standalone="yes").  Returns 0, or -1
 * when memory ran out. */
int pptx_xml_begin(pptx_xml *x);

/* Starts a fragment (no declaration), spliced into a part later with
 * pptx_xml_raw once finished. */
int pptx_xml_begin_fragment(pptx_xml *x);

/* Writes bytes as they are (a finished fragment). */
void pptx_xml_raw(pptx_xml *x, const unsigned char *data, size_t len);

/* Opens element name; closes the innermost open element. */
void pptx_xml_start(pptx_xml *x, const char *name);
void pptx_xml_end(pptx_xml *x);

/* An attribute of the element just opened: text, printf-style, a number. */
void pptx_xml_attr(pptx_xml *x, const char *name, const char *value);
void pptx_xml_attrf(pptx_xml *x, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void pptx_xml_attrl(pptx_xml *x, const char *name, long long value);

/* Text content (escaped). */
void pptx_xml_text(pptx_xml *x, const char *s);

/* An empty element with attributes given as name/value pairs ended by
 * NULL: pptx_xml_empty(x, "a:off", "x", "0", "y", "0", NULL). */
void pptx_xml_empty(pptx_xml *x, const char *name, ...) __attribute__((sentinel));

/* Ends the part; *data gets its bytes (malloc'ed, the caller frees) and
 * *len their count.  Returns 0, or -1 when writing failed (nothing to
 * free).  The writer is freed either way. */
int pptx_xml_finish(pptx_xml *x, unsigned char **data, size_t *len);

/* Frees a part abandoned before pptx_xml_finish; safe twice. */
void pptx_xml_discard(pptx_xml *x);

#endif
