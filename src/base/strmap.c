/* strmap.c - open addressing with linear probing; see strmap.h. */
#include "base/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bd_strmap_entry {
  const char *key; /* NULL: an empty slot */
  size_t len;
  size_t hash;
  size_t value;
};

/* FNV-1a over the key's bytes. */
static size_t hash_bytes(const char *key, size_t len) {
  uint64_t h = 1469598103934665603u;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)key[i];
    h *= 1099511628211u;
  }
  return (size_t)(h ^ (h >> 29));
}

/* Returns the slot holding key, or the empty slot where it belongs; the
 * table must have at least one empty slot. */
static bd_strmap_entry *find(const bd_strmap *map, const char *key, size_t len, size_t hash) {
  size_t mask = map->capacity - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    bd_strmap_entry *e = &map->slots[i];
    if (e->key == NULL) return e;
    if (e->hash == hash && e->len == len && memcmp(e->key, key, len) == 0) return e;
  }
}

/* Doubles the capacity (or creates the table); returns 0 or -1. */
static int grow(bd_strmap *map) {
  size_t cap = map->capacity ? map->capacity * 2 : 16;
  if (cap > SIZE_MAX / sizeof(bd_strmap_entry)) return -1;
  bd_strmap bigger = {calloc(cap, sizeof(bd_strmap_entry)), cap, map->count};
  if (bigger.slots == NULL) return -1;
  for (size_t i = 0; i < map->capacity; i++) {
    bd_strmap_entry *e = &map->slots[i];
    if (e->key != NULL) *find(&bigger, e->key, e->len, e->hash) = *e;
  }
  free(map->slots);
  *map = bigger;
  return 0;
}

size_t *bd_strmap_slot(bd_strmap *map, const char *key, size_t len, int *created) {
  if ((map->count + 1) * 2 > map->capacity && grow(map) != 0) return NULL;
  size_t hash = hash_bytes(key, len);
  bd_strmap_entry *e = find(map, key, len, hash);
  *created = e->key == NULL;
  if (*created) {
    e->key = key;
    e->len = len;
    e->hash = hash;
    e->value = 0;
    map->count++;
  }
  return &e->value;
}

size_t *bd_strmap_get(const bd_strmap *map, const char *key, size_t len) {
  if (map->capacity == 0) return NULL;
  bd_strmap_entry *e = find(map, key, len, hash_bytes(key, len));
  return e->key ? &e->value : NULL;
}

void bd_strmap_free(bd_strmap *map) {
  free(map->slots);
  map->slots = NULL;
  map->capacity = map->count = 0;
}
