/*
 * server/arena.h: per-request memory.  A bump allocator that protobuf-c
 * unpacks into and handlers build replies in; everything is released at
 * once when the reply has been sent (nsrv_arena_reset).
 *
 * Threads: an arena belongs to one request at a time; no locking.
 */
#ifndef NERD_SERVER_ARENA_H
#define NERD_SERVER_ARENA_H

#include <stddef.h>

#include <protobuf-c/protobuf-c.h>

typedef struct nsrv_arena_chunk nsrv_arena_chunk;

typedef struct nsrv_arena {
	nsrv_arena_chunk  *head;  /* current chunk, newest first */
	size_t             used;  /* bytes used in head */
	size_t             limit; /* most bytes the arena may hold; 0 = none */
	size_t             total; /* bytes held in every chunk */
	ProtobufCAllocator pb;    /* allocates from this arena; free no-op */
} nsrv_arena;

/* Prepares an empty arena that will hold at most limit bytes (0 = no
 * limit).  Allocates nothing yet. */
void nsrv_arena_init(nsrv_arena *a, size_t limit);

/* Frees every chunk. */
void nsrv_arena_fini(nsrv_arena *a);

/* Releases every allocation but keeps the first chunk for reuse. */
void nsrv_arena_reset(nsrv_arena *a);

/* size bytes aligned for any type, valid until reset or fini.  NULL when
 * out of memory or over the limit. */
void *nsrv_arena_alloc(nsrv_arena *a, size_t size);

/* A NUL-terminated copy of s[0..len) in the arena, or NULL. */
char *nsrv_arena_strndup(nsrv_arena *a, const char *s, size_t len);

#endif /* NERD_SERVER_ARENA_H */
