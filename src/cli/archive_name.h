/*
 * archive_name.h - a name from a plan (a service, a period, an input
 * file's name) made into one safe file name of the archive.
 */
#ifndef BD_ARCHIVE_NAME_H
#define BD_ARCHIVE_NAME_H

#include <stddef.h>

/* Writes the file name for name (UTF-8) into buf (size bytes, at most 100
 * bytes used): no '/', no leading '.', no "..", never empty ("plan" when
 * nothing is left).  See the rule in archive_name.c and README.md. */
void bd_archive_file_name(const char *name, char *buf, size_t size);

#endif
