/*
 * archive_verify.h - `badday archive --verify DIR` (see archive_verify.c
 * for what it proves and what it does not).
 */
#ifndef BD_ARCHIVE_VERIFY_H
#define BD_ARCHIVE_VERIFY_H

#include "output/host.h"

/* Checks the archive at dir against its index.json and every report
 * against a new analysis of its kept inputs (rendered through set's json
 * plugin).  Prints each problem on standard error and a summary line on
 * standard output.  Returns BD_EXIT_OK, BD_EXIT_VERIFY when anything was
 * found, or another exit code when the check itself failed. */
int bd_archive_verify(const char *dir, const bd_plugin_set *set);

#endif
