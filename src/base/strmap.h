/*
 * strmap.h - a small hash table from byte strings to size_t values, used by
 * the loader for anchors, ids, categories and duplicate keys, so that no
 * lookup is a linear scan.
 *
 * The table does not copy keys: each key must stay valid (e.g. in an arena)
 * while the table is used.  The table's own memory is malloc'ed and freed
 * with bd_strmap_free().
 */
#ifndef BD_STRMAP_H
#define BD_STRMAP_H

#include <stddef.h>

typedef struct bd_strmap_entry bd_strmap_entry;

/* A table; zero-initialise it (bd_strmap m = {0}) before use. */
typedef struct bd_strmap {
  bd_strmap_entry *slots;
  size_t capacity; /* a power of two, or 0 */
  size_t count;
} bd_strmap;

/* Finds key[0..len) or inserts it with value 0.  Returns a pointer to its
 * value (valid until the next insertion) and sets *created to 1 when the
 * key was new, 0 when it was present; returns NULL when out of memory. */
size_t *bd_strmap_slot(bd_strmap *map, const char *key, size_t len, int *created);

/* Looks key[0..len) up: returns a pointer to its value, or NULL when absent. */
size_t *bd_strmap_get(const bd_strmap *map, const char *key, size_t len);

/* Frees the table's memory; the table is empty and reusable afterwards. */
void bd_strmap_free(bd_strmap *map);

#endif
