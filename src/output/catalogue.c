/* catalogue.c - see catalogue.h. */
#include "output/catalogue.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct message {
  const char *key;
  const char *en;
  const char *ja; /* NULL: use en */
} message;

struct bd_catalogue {
  char *text;     /* the file's contents, cut into the strings below */
  message *items; /* sorted by key */
  size_t count;
};

static int compare_messages(const void *a, const void *b) {
  return strcmp(((const message *)a)->key, ((const message *)b)->key);
}

/* Reads a whole file into a NUL-terminated malloc'd buffer. */
static char *read_text(const char *path, char *errbuf, size_t errsize) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    snprintf(errbuf, errsize, "%s: %s", path, strerror(errno));
    return NULL;
  }
  size_t cap = 8192, len = 0;
  char *text = malloc(cap);
  size_t n;
  while (text && (n = fread(text + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len - 1 == 0) {
      char *bigger = realloc(text, cap * 2);
      if (bigger == NULL) {
        free(text);
        text = NULL;
      }
      text = bigger;
      cap *= 2;
    }
  }
  if (text == NULL || ferror(f)) {
    snprintf(errbuf, errsize, "%s: cannot read the message catalogue", path);
    free(text);
    fclose(f);
    return NULL;
  }
  fclose(f);
  text[len] = '\0';
  return text;
}

int bd_catalogue_load(const char *path, bd_catalogue **out, char *errbuf, size_t errsize) {
  *out = NULL;
  char *text = read_text(path, errbuf, errsize);
  if (text == NULL) return -1;
  size_t lines = 1;
  for (const char *p = text; *p; p++) lines += *p == '\n';
  bd_catalogue *cat = calloc(1, sizeof *cat);
  message *items = calloc(lines, sizeof *items);
  if (cat == NULL || items == NULL) {
    snprintf(errbuf, errsize, "%s: out of memory", path);
    free(cat);
    free(items);
    free(text);
    return -1;
  }
  cat->text = text;
  cat->items = items;
  size_t lineno = 0;
  for (char *line = text; line && *line;) {
    char *next = strchr(line, '\n');
    if (next) *next++ = '\0';
    lineno++;
    size_t len = strlen(line);
    if (len && line[len - 1] == '\r') line[--len] = '\0';
    if (len == 0 || line[0] == '#') {
      line = next;
      continue;
    }
    char *en = strchr(line, '\t');
    if (en == NULL) {
      snprintf(errbuf, errsize, "%s:%zu: expected KEY<TAB>ENGLISH[<TAB>JAPANESE]", path, lineno);
      bd_catalogue_free(cat);
      return -1;
    }
    *en++ = '\0';
    char *ja = strchr(en, '\t');
    if (ja) *ja++ = '\0';
    items[cat->count++] = (message){line, en, ja && *ja ? ja : NULL};
    line = next;
  }
  qsort(items, cat->count, sizeof *items, compare_messages);
  for (size_t i = 1; i < cat->count; i++) {
    if (strcmp(items[i - 1].key, items[i].key) == 0) {
      snprintf(errbuf, errsize, "%s: message '%s' is defined twice", path, items[i].key);
      bd_catalogue_free(cat);
      return -1;
    }
  }
  *out = cat;
  return 0;
}

const char *bd_catalogue_get(const bd_catalogue *cat, const char *lang, const char *key) {
  if (cat == NULL) return key;
  message probe = {key, NULL, NULL};
  const message *m = bsearch(&probe, cat->items, cat->count, sizeof *m, compare_messages);
  if (m == NULL) return key;
  if (lang && strcmp(lang, "ja") == 0 && m->ja) return m->ja;
  return m->en;
}

size_t bd_catalogue_size(const bd_catalogue *cat) {
  return cat ? cat->count : 0;
}

void bd_catalogue_free(bd_catalogue *cat) {
  if (cat == NULL) return;
  free(cat->items);
  free(cat->text);
  free(cat);
}

const char *bd_lazy_catalogue_get(bd_lazy_catalogue *lazy, const char *lang, const char *key,
                                  int *failed_now) {
  *failed_now = 0;
  if (!lazy->tried) {
    lazy->tried = 1;
    snprintf(lazy->error, sizeof lazy->error, "no template directory");
    for (size_t i = 0; i < 2 && lazy->cat == NULL; i++) {
      if (lazy->dirs[i] == NULL ||
          (i == 1 && lazy->dirs[0] && strcmp(lazy->dirs[0], lazy->dirs[1]) == 0))
        continue;
      char *path = NULL;
      if (asprintf(&path, "%s/messages.tsv", lazy->dirs[i]) < 0) {
        snprintf(lazy->error, sizeof lazy->error, "out of memory");
        break;
      }
      if (bd_catalogue_load(path, &lazy->cat, lazy->error, sizeof lazy->error) == 0)
        lazy->error[0] = '\0';
      free(path);
    }
    *failed_now = lazy->cat == NULL;
  }
  return bd_catalogue_get(lazy->cat, lang, key);
}

void bd_lazy_catalogue_free(bd_lazy_catalogue *lazy) {
  bd_catalogue_free(lazy->cat);
  lazy->cat = NULL;
}
