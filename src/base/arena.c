/* arena.c - see arena.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#endif
#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct bd_arena_block {
  bd_arena_block *next;
  size_t used;
  size_t size;
  max_align_t data[]; /* size bytes follow */
};

enum { BD_ARENA_MIN_BLOCK = 64 * 1024 };

/* Blocks need not be zeroed again: an arena never reuses memory, so every
 * byte handed out is still as the block came, zeroed by calloc or mmap. */

void *bd_big_alloc(size_t size) {
  if (size < BD_BIG_MIN) return calloc(1, size);
  size_t huge = BD_BIG_HUGE_PAGE, len = size + huge + sizeof(size_t) * 2;
  if (len < size) return NULL;
  char *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) return NULL;
  /* Start the usable part on a huge-page boundary (after a header holding
   * the mapping's start and length), so that most of it can be backed by
   * transparent huge pages: far fewer page faults than 4 KiB pages. */
  uintptr_t start = ((uintptr_t)map + 2 * sizeof(size_t) + huge - 1) & ~(uintptr_t)(huge - 1);
  size_t *header = (size_t *)start - 2;
  header[0] = (size_t)(uintptr_t)map;
  header[1] = len;
#ifdef MADV_HUGEPAGE
  madvise((void *)start, (size + huge - 1) & ~(huge - 1), MADV_HUGEPAGE); /* advice only */
#endif
  return (void *)start;
}

void bd_big_free(void *p, size_t size) {
  if (p == NULL) return;
  if (size < BD_BIG_MIN) {
    free(p);
    return;
  }
  size_t *header = (size_t *)p - 2;
  munmap((void *)(uintptr_t)header[0], header[1]);
}

void *bd_arena_alloc(bd_arena *arena, size_t size) {
  const size_t align = _Alignof(max_align_t);
  size_t need = (size + align - 1) & ~(align - 1);
  if (need < size) return NULL;
  bd_arena_block *b = arena->head;
  if (b == NULL || b->size - b->used < need) {
    size_t bsize = need > BD_ARENA_MIN_BLOCK ? need : BD_ARENA_MIN_BLOCK;
    if (b != NULL && b->size * 2 > bsize && b->size < 16u * 1024 * 1024) bsize = b->size * 2;
    if (bsize > SIZE_MAX - sizeof(bd_arena_block) - BD_BIG_HUGE_PAGE) return NULL;
    b = bd_big_alloc(sizeof(bd_arena_block) + bsize);
    if (b == NULL) return NULL;
    b->used = 0;
    b->size = bsize;
    b->next = arena->head;
    arena->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += need;
  arena->total += need;
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

void bd_arena_adopt(bd_arena *dst, bd_arena *src) {
  if (src->head == NULL) return;
  if (dst->head == NULL) {
    *dst = *src;
  } else { /* after dst's first block, which dst goes on allocating from */
    bd_arena_block *last = src->head;
    while (last->next) last = last->next;
    last->next = dst->head->next;
    dst->head->next = src->head;
    dst->total += src->total;
  }
  src->head = NULL;
  src->total = 0;
}

void bd_arena_free(bd_arena *arena) {
  bd_arena_block *b = arena->head;
  while (b != NULL) {
    bd_arena_block *next = b->next;
    bd_big_free(b, sizeof(bd_arena_block) + b->size);
    b = next;
  }
  arena->head = NULL;
  arena->total = 0;
}
