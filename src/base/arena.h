/*
 * arena.h - a bump allocator that owns everything allocated from it.
 *
 * The plan model and the report model live in one arena and are freed with
 * one bd_arena_free() call, which makes leaks impossible by construction.
 */
#ifndef BD_ARENA_H
#define BD_ARENA_H

#include <stddef.h>

typedef struct bd_arena_block bd_arena_block;

/* An arena; zero-initialise it (bd_arena a = {0}) before use. */
typedef struct bd_arena {
  bd_arena_block *head;
  size_t total; /* bytes handed out, for size caps and the benchmark */
} bd_arena;

/* Returns size zeroed bytes aligned for any type, owned by the arena, or
 * NULL when memory is exhausted. */
void *bd_arena_alloc(bd_arena *arena, size_t size);

/* Returns an array of n zeroed elements of size each (overflow-checked). */
void *bd_arena_array(bd_arena *arena, size_t n, size_t size);

/* Copies len bytes of s and a NUL into the arena; NULL on exhaustion. */
char *bd_arena_strndup(bd_arena *arena, const char *s, size_t len);

/* Copies a NUL-terminated string into the arena. */
char *bd_arena_strdup(bd_arena *arena, const char *s);

/* Moves every block of src into dst, which then owns (and frees) what
 * was allocated from src; src is left empty.  For arenas filled by other
 * threads. */
void bd_arena_adopt(bd_arena *dst, bd_arena *src);

/* Frees every block; the arena is empty and reusable afterwards. */
void bd_arena_free(bd_arena *arena);

/* Sizes from which bd_big_alloc maps memory of its own, and the
 * transparent huge page size it aligns that memory to. */
#define BD_BIG_MIN       ((size_t)1 << 20)
#define BD_BIG_HUGE_PAGE ((size_t)2 << 20)

/* Returns size zeroed bytes aligned for any type, or NULL.  From
 * BD_BIG_MIN bytes on, the memory is mapped on its own and advised for
 * transparent huge pages (large arena blocks, the plan's text).  The caller
 * owns it: free it with bd_big_free(p, same size). */
void *bd_big_alloc(size_t size);

/* Frees memory from bd_big_alloc(size); NULL is fine. */
void bd_big_free(void *p, size_t size);

#endif
