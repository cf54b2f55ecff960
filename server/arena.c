/* server/arena.c: per-request bump allocator (see arena.h). */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK 16384

struct nsrv_arena_chunk {
	nsrv_arena_chunk *next;
	size_t            size; /* usable bytes in data */
	alignas(max_align_t) unsigned char data[];
};

static void *
arena_pb_alloc(void *data, size_t size)
{
	return (nsrv_arena_alloc(data, size));
}

static void
arena_pb_free(void *data, void *ptr)
{
	/* Released all at once by nsrv_arena_reset. */
	(void) data;
	(void) ptr;
}

void
nsrv_arena_init(nsrv_arena *a, size_t limit)
{
	a->head              = NULL;
	a->used              = 0;
	a->limit             = limit;
	a->total             = 0;
	a->pb.alloc          = arena_pb_alloc;
	a->pb.free           = arena_pb_free;
	a->pb.allocator_data = a;
}

void
nsrv_arena_fini(nsrv_arena *a)
{
	nsrv_arena_chunk *c = a->head;

	while (c != NULL) {
		nsrv_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head  = NULL;
	a->used  = 0;
	a->total = 0;
}

void
nsrv_arena_reset(nsrv_arena *a)
{
	nsrv_arena_chunk *c;

	if (a->head == NULL) {
		return;
	}
	/* Keep the oldest chunk (the default-sized one); drop the rest. */
	c = a->head;
	while (c->next != NULL) {
		nsrv_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head  = c;
	a->used  = 0;
	a->total = c->size;
}

void *
nsrv_arena_alloc(nsrv_arena *a, size_t size)
{
	const size_t      align = alignof(max_align_t);
	size_t            need  = (size + align - 1) & ~(align - 1);
	nsrv_arena_chunk *c;
	size_t            csize;
	void             *p;

	if (need < size) {
		return (NULL);
	}
	if (need == 0) {
		need = align;
	}
	if (a->head != NULL && a->head->size - a->used >= need) {
		p = a->head->data + a->used;
		a->used += need;
		return (p);
	}
	csize = need > ARENA_CHUNK ? need : ARENA_CHUNK;
	if (a->limit != 0 && a->total + csize > a->limit) {
		return (NULL);
	}
	if (csize > SIZE_MAX - sizeof(*c)) {
		return (NULL);
	}
	c = malloc(sizeof(*c) + csize);
	if (c == NULL) {
		return (NULL);
	}
	c->size = csize;
	if (a->head != NULL && csize > ARENA_CHUNK) {
		/* A big one-off block: keep filling the current chunk after.
		 */
		c->next       = a->head->next;
		a->head->next = c;
		a->total += csize;
		return (c->data);
	}
	c->next = a->head;
	a->head = c;
	a->used = need;
	a->total += csize;
	return (c->data);
}

char *
nsrv_arena_strndup(nsrv_arena *a, const char *s, size_t len)
{
	char *p = nsrv_arena_alloc(a, len + 1);

	if (p == NULL) {
		return (NULL);
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}
