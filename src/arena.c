/* arena.c - see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bd_arena_block {
  bd_arena_block *next;
  size_t used;
  size_t size;
  max_align_t data[]; /* size bytes follow */
};

enum { BD_ARENA_MIN_BLOCK = 64 * 1024 };

void *bd_arena_alloc(bd_arena *arena, size_t size) {
  const size_t align = _Alignof(max_align_t);
  size_t need = (size + align - 1) & ~(align - 1);
  if (need < size) return NULL;
  bd_arena_block *b = arena->head;
  if (b == NULL || b->size - b->used < need) {
    size_t bsize = need > BD_ARENA_MIN_BLOCK ? need : BD_ARENA_MIN_BLOCK;
    if (b != NULL && b->size * 2 > bsize && b->size < 16u * 1024 * 1024) bsize = b->size * 2;
    if (bsize > SIZE_MAX - sizeof(bd_arena_block)) return NULL;
    b = malloc(sizeof(bd_arena_block) + bsize);
    if (b == NULL) return NULL;
    b->used = 0;
    b->size = bsize;
    b->next = arena->head;
    arena->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += need;
  arena->total += need;
  memset(p, 0, size);
  return p;
}

void *bd_arena_array(bd_arena *arena, size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size) return NULL;
  return bd_arena_alloc(arena, n * size == 0 ? 1 : n * size);
}

char *bd_arena_strndup(bd_arena *arena, const char *s, size_t len) {
  if (len == SIZE_MAX) return NULL;
  char *d = bd_arena_alloc(arena, len + 1);
  if (d == NULL) return NULL;
  if (len) memcpy(d, s, len);
  d[len] = '\0';
  return d;
}

char *bd_arena_strdup(bd_arena *arena, const char *s) {
  return bd_arena_strndup(arena, s, strlen(s));
}

void bd_arena_free(bd_arena *arena) {
  bd_arena_block *b = arena->head;
  while (b != NULL) {
    bd_arena_block *next = b->next;
    free(b);
    b = next;
  }
  arena->head = NULL;
  arena->total = 0;
}
