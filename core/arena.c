/* core/arena.c: chunked bump allocator (see arena.h). */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_ALIGN NERI_ARENA_ALIGN
#define ARENA_FIRST ((size_t) 4096)
#define ARENA_MAX_CHUNK ((size_t) 1024 * 1024)

struct neri_chunk {
	neri_chunk *next;
	size_t      size; /* usable bytes in data */
	size_t      used;
	alignas(max_align_t) unsigned char data[];
};

void
neri_arena_init(neri_arena *a, size_t limit)
{
	a->head  = NULL;
	a->cur   = NULL;
	a->end   = NULL;
	a->mark  = NULL;
	a->total = 0;
	a->limit = limit;
}

/* Sets the inline path's window to [cur, end of head), cut short where
 * the limit would be passed; total must be up to date. */
static void
set_window(neri_arena *a, unsigned char *cur)
{
	neri_chunk *c = a->head;

	a->cur  = cur;
	a->mark = cur;
	a->end  = c->data + c->size;
	if (a->limit != 0 && (size_t) (a->end - cur) > a->limit - a->total) {
		a->end = cur + (a->limit - a->total);
	}
}

void *
neri_arena_alloc_slow(neri_arena *a, size_t size)
{
	neri_chunk *c = a->head;
	size_t      need;
	size_t      csize;
	void       *p;

	if (c != NULL) {
		/* The inline path moves only cur. */
		c->used = (size_t) (a->cur - c->data);
		a->total += (size_t) (a->cur - a->mark);
		a->mark = a->cur;
	}
	need = (size + ARENA_ALIGN - 1) & ~(size_t) (ARENA_ALIGN - 1);
	if (need < size) {
		return (NULL);
	}
	if (need == 0) {
		need = ARENA_ALIGN;
	}
	if (a->limit != 0 && (need > a->limit || a->total > a->limit - need)) {
		return (NULL);
	}
	if (c == NULL || c->size - c->used < need) {
		csize = c == NULL ? ARENA_FIRST : c->size * 2;
		if (csize > ARENA_MAX_CHUNK) {
			csize = ARENA_MAX_CHUNK;
		}
		if (csize < need) {
			csize = need;
		}
		if (csize > SIZE_MAX - sizeof(neri_chunk)) {
			return (NULL);
		}
		c = malloc(sizeof(neri_chunk) + csize);
		if (c == NULL) {
			return (NULL);
		}
		c->size = csize;
		c->used = 0;
		if (a->head != NULL && need > a->head->size - a->head->used
		    && csize == need && a->head->size - a->head->used > 256) {
			/* A big block: keep filling the current chunk. */
			c->next       = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += need;
	a->total += need;
	/* The window moves on to the new head, or stays in the old one
	 * (a big block went behind it), less what the block took of the
	 * limit. */
	set_window(a, a->head->data + a->head->used);
	return (p);
}

char *
neri_arena_strndup(neri_arena *a, const char *s, size_t len)
{
	char *d;

	if (len == SIZE_MAX) {
		return (NULL);
	}
	d = neri_arena_alloc(a, len + 1);
	if (d == NULL) {
		return (NULL);
	}
	if (len > 0) {
		memcpy(d, s, len);
	}
	d[len] = '\0';
	return (d);
}

char *
neri_arena_strdup(neri_arena *a, const char *s)
{
	if (s == NULL) {
		return (NULL);
	}
	return (neri_arena_strndup(a, s, strlen(s)));
}

void
neri_arena_fini(neri_arena *a)
{
	neri_chunk *c = a->head;
	neri_chunk *next;

	while (c != NULL) {
		next = c->next;
		free(c);
		c = next;
	}
	a->head  = NULL;
	a->cur   = NULL;
	a->end   = NULL;
	a->mark  = NULL;
	a->total = 0;
}

void
neri_arena_reset(neri_arena *a, size_t keep)
{
	neri_chunk *c;
	neri_chunk *next;
	neri_chunk *best = NULL;

	/* One chunk, small enough to keep (a busy arena's state once it
	 * has grown): it only rewinds. */
	c = a->head;
	if (c != NULL && c->next == NULL && c->size <= keep) {
		c->used  = 0;
		a->total = 0;
		set_window(a, c->data);
		return;
	}
	for (c = a->head; c != NULL; c = c->next) {
		if (c->size <= keep && (best == NULL || c->size > best->size)) {
			best = c;
		}
	}
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		if (c != best) {
			free(c);
		}
	}
	a->head  = best;
	a->total = 0;
	a->cur   = NULL;
	a->end   = NULL;
	a->mark  = NULL;
	if (best != NULL) {
		best->next = NULL;
		best->used = 0;
		set_window(a, best->data);
	}
}
