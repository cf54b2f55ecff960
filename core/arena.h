/*
 * core/arena.h: a bump allocator for per-request and per-call memory.
 * Everything allocated from an arena is freed at once by neri_arena_fini.
 * Not thread-safe: one arena belongs to one request on one thread.
 */
#ifndef NERD_CORE_ARENA_H
#define NERD_CORE_ARENA_H

#include <stdalign.h>
#include <stddef.h>

typedef struct neri_chunk neri_chunk;

typedef struct neri_arena {
	neri_chunk    *head; /* newest chunk first */
	/* The bytes the inline path hands out: [cur, end) of head, ending
	 * early where the limit would be passed. */
	unsigned char *cur;
	unsigned char *end;
	unsigned char *mark;  /* cur when total was last brought up to date */
	size_t         total; /* bytes handed out before mark */
	size_t         limit; /* 0 = none; past it allocations fail */
} neri_arena;

#define NERI_ARENA_ALIGN alignof(max_align_t)

/* Prepares an empty arena that hands out at most limit bytes (0 = no
 * limit).  Allocates nothing. */
void neri_arena_init(neri_arena *a, size_t limit);

/* neri_arena_alloc when the current chunk has no room: adds a chunk.
 * Same results. */
void *neri_arena_alloc_slow(neri_arena *a, size_t size);

/* size bytes aligned for any type, or NULL when out of memory or over
 * the limit.  A size of 0 returns a valid unique pointer.  Inline: the
 * common case is a bump of cur. */
static inline void *
neri_arena_alloc(neri_arena *a, size_t size)
{
	size_t         need = (size + NERI_ARENA_ALIGN - 1)
	    & ~(size_t) (NERI_ARENA_ALIGN - 1);
	unsigned char *p    = a->cur;

	/* need - 1 wraps for a size of 0 (or one that overflows): those go
	 * the slow way. */
	if (need - 1 < (size_t) (a->end - p)) {
		a->cur = p + need;
		return (p);
	}
	return (neri_arena_alloc_slow(a, size));
}

/* Copies of a string (NULL for NULL) and of len bytes plus a NUL, or NULL
 * when out of memory. */
char *neri_arena_strdup(neri_arena *a, const char *s);
char *neri_arena_strndup(neri_arena *a, const char *s, size_t len);

/* Frees every allocation; the arena may be used again afterwards. */
void neri_arena_fini(neri_arena *a);

/* Ends every allocation but keeps the largest chunk, when it holds at
 * most keep bytes, for the allocations that follow (so an arena reused
 * request after request stops calling malloc once it has grown to the
 * size a request needs).  The other chunks are freed.  The limit stays. */
void neri_arena_reset(neri_arena *a, size_t keep);

#endif /* NERD_CORE_ARENA_H */
