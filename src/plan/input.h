/*
 * input.h - reading a plan file (or a --compare file) into memory before it
 * is parsed: standard input, pipes and FIFOs to their end, directories
 * refused, the size limit (BD_LOAD_MAX_BYTES), an early stop at a NUL byte;
 * and the sniffing of what the bytes are (a UTF-8 byte order mark, XML where
 * a plan belongs).  Nothing here knows YAML.
 */
#ifndef BD_INPUT_H
#define BD_INPUT_H

#include <stddef.h>

#include "base/diag.h"

/* A file read into memory. */
typedef struct bd_input {
  const char *name; /* the path, or "<stdin>" for "-" (not owned) */
  char *data;       /* data[0..len), from bd_big_alloc (cap bytes) */
  size_t len, cap;
} bd_input;

/* Reads the file at path ("-" for standard input) into *in: pipes and
 * FIFOs are read to their end, directories refused, at most
 * BD_LOAD_MAX_BYTES; reading stops after a block holding a NUL byte (the
 * loader refuses the text there whatever follows).  Returns 0, or -1 with
 * the reason in diags (under in->name, without a position).  Free in with
 * bd_input_free() either way. */
int bd_input_read(const char *path, bd_input *in, bd_diags *diags);

/* Frees what bd_input_read() allocated in *in (the struct is the caller's). */
void bd_input_free(bd_input *in);

/* Returns 3 when data[0..len) starts with a UTF-8 byte order mark, else 0:
 * the number of bytes to skip. */
size_t bd_input_bom_length(const char *data, size_t len);

/* Whether data[0..len) starts, after a byte order mark and white space,
 * with an XML declaration or a JUnit element: evidence given where a plan
 * belongs. */
int bd_input_is_xml(const char *data, size_t len);

#endif
