/*
 * catalogue.h - the message catalogue: every label a view shows (headings,
 * column names, state names, legends) in English and Japanese, read from
 * templates/messages.tsv so that plugins share one set of words.
 *
 * The file has one message a line: KEY <TAB> ENGLISH <TAB> JAPANESE.  Lines
 * starting with '#' and blank lines are ignored; a missing Japanese text
 * falls back to the English one.
 */
#ifndef BD_CATALOGUE_H
#define BD_CATALOGUE_H

#include <stddef.h>

typedef struct bd_catalogue bd_catalogue;

/* Reads the catalogue at path.  Returns 0 and a new catalogue in *out (free
 * it with bd_catalogue_free), or -1 with "PATH:LINE: reason" in errbuf. */
int bd_catalogue_load(const char *path, bd_catalogue **out, char *errbuf, size_t errsize);

/* Returns the text of key in lang ("en" or "ja"); English when the language
 * has none; the key itself when the catalogue has no such key.  The string
 * belongs to the catalogue. */
const char *bd_catalogue_get(const bd_catalogue *cat, const char *lang, const char *key);

/* Number of messages, for tests. */
size_t bd_catalogue_size(const bd_catalogue *cat);

/* Frees the catalogue and its strings; NULL is fine. */
void bd_catalogue_free(bd_catalogue *cat);

/* A catalogue read on first use: most renders (JSON, CSV) need no labels,
 * so a missing catalogue only matters to the plugins that ask.  dirs are
 * tried in order (DIR/messages.tsv); a failure is kept in error. */
typedef struct bd_lazy_catalogue {
  const char *dirs[2]; /* NULL entries are skipped */
  bd_catalogue *cat;
  int tried;
  char error[1024]; /* why no catalogue could be read, or "" */
} bd_lazy_catalogue;

/* Like bd_catalogue_get; reads the catalogue on the first call.  Sets
 * *failed_now to 1 on the call whose read failed (so the caller can warn
 * once).  Free with bd_lazy_catalogue_free. */
const char *bd_lazy_catalogue_get(bd_lazy_catalogue *lazy, const char *lang, const char *key,
                                  int *failed_now);

/* Frees the catalogue if it was read. */
void bd_lazy_catalogue_free(bd_lazy_catalogue *lazy);

#endif
