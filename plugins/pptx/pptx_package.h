/*
 * pptx_package.h - the Open Packaging Conventions package of a deck: its
 * parts in the order they are added, [Content_Types].xml written from
 * them, and the zip built in memory with libzip in a fixed member order
 * with fixed timestamps, so two renders give the same bytes.
 */
#ifndef BD_PPTX_PACKAGE_H
#define BD_PPTX_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

/* One part: its name in the package ("ppt/slides/slide1.xml"), its content
 * type (NULL: the default of its extension) and its bytes. */
typedef struct pptx_part {
  char *name;
  char *content_type;
  unsigned char *data;
  size_t len;
} pptx_part;

/* The parts of a package.  Owns everything in it. */
typedef struct pptx_package {
  pptx_part *parts;
  size_t count, cap;
  int failed; /* memory ran out while adding */
} pptx_package;

/* Adds a part, taking ownership of data (malloc'ed; freed here even on
 * failure); name and content_type are copied.  Returns 0 or -1. */
int pptx_package_add(pptx_package *p, const char *name, const char *content_type,
                     unsigned char *data, size_t len);

/* Whether the package has a part of this name. */
int pptx_package_has(const pptx_package *p, const char *name);

/* Zips the package: [Content_Types].xml first, then the parts in the
 * order added, deflated, every member dated `when` (seconds since 1970,
 * UTC; written as a DOS date, so 1980-01-01 at the earliest).  *out gets
 * the bytes (malloc'ed; the caller frees) and *len their count.  Returns 0,
 * or -1 with a message in err. */
int pptx_package_zip(const pptx_package *p, int64_t when, unsigned char **out, size_t *len,
                     char *err, size_t errsize);

/* Frees every part; the package is empty afterwards. */
void pptx_package_free(pptx_package *p);

#endif
