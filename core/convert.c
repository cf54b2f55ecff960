/*
 * core/convert.c: a neri_result as a nerd.v1.RecognizeResponse.  The
 * response and everything it points to live in one arena that travels
 * with it, so freeing is one call and packing needs no copies.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "nerd.pb-c.h"
#include "neri.h"

typedef struct response_box {
	Nerd__V1__RecognizeResponse resp; /* first: the free casts back */
	neri_arena                  arena;
	size_t                      bound; /* see neri_response_packed_bound */
} response_box;

/* The most one field of these messages takes on the wire besides its
 * string or sub-message bytes: a one-byte tag (every field number is under
 * 16) and a varint of at most 10 bytes (a length, an int32, a uint32), or
 * a 4-byte float. */
#define FIELD_MAX ((size_t) 11)

size_t
neri_response_packed_bound(const Nerd__V1__RecognizeResponse *resp)
{
	return (resp != NULL ? ((const response_box *) resp)->bound : 0);
}

void
neri_response_free(Nerd__V1__RecognizeResponse *resp)
{
	response_box *box = (response_box *) resp;

	if (box == NULL) {
		return;
	}
	neri_arena_fini(&box->arena);
	free(box);
}

/* A copy of s ("" for NULL); adds the string field's bound to *bound. */
static char *
dup_or_empty(neri_arena *a, const char *s, size_t *bound)
{
	size_t n;

	if (s == NULL) {
		s = "";
	}
	n = strlen(s);
	*bound += FIELD_MAX + n;
	return (neri_arena_strndup(a, s, n));
}

/* Copies of the kind and plugin names of one response, one per name (a
 * result's entities share the few it has; the copies are never written,
 * and protobuf-c packs a shared string as well as any). */
#define NAME_SLOTS 32

typedef struct name_copies {
	const char *from[NAME_SLOTS];
	char       *to[NAME_SLOTS];
	size_t      bound[NAME_SLOTS]; /* what the name adds to a bound */
	size_t      n;
} name_copies;

static char *
dup_name(neri_arena *a, name_copies *nc, const char *s, size_t *bound)
{
	size_t i;
	size_t b = 0;
	char  *d;

	for (i = 0; i < nc->n; i++) {
		if (nc->from[i] == s) {
			*bound += nc->bound[i];
			return (nc->to[i]);
		}
	}
	d = dup_or_empty(a, s, &b);
	*bound += b;
	if (d != NULL && nc->n < NAME_SLOTS) {
		nc->from[nc->n]  = s;
		nc->to[nc->n]    = d;
		nc->bound[nc->n] = b;
		nc->n++;
	}
	return (d);
}

/* The entity as a message; adds its field's bound to *bound. */
static Nerd__V1__Entity *
convert_entity(neri_arena *a, name_copies *nc, const neri_entity *e,
    const char *text, size_t *bound)
{
	Nerd__V1__Entity *pe = neri_arena_alloc(a, sizeof(*pe));
	size_t            i;

	if (pe == NULL) {
		return (NULL);
	}
	nerd__v1__entity__init(pe);
	/* The entity's own field, start, end and score. */
	*bound += 4 * FIELD_MAX;
	pe->kind  = dup_name(a, nc, e->kind, bound);
	pe->start = e->start;
	pe->end   = e->end;
	pe->text  = neri_arena_strndup(a, text + e->start, e->end - e->start);
	*bound += FIELD_MAX + (e->end - e->start);
	pe->value   = dup_or_empty(a, e->value, bound);
	pe->score = e->score;
	pe->n_attrs = e->n_attrs;
	pe->attrs
	    = neri_arena_alloc(a, e->n_attrs * sizeof(Nerd__V1__Attribute *));
	pe->n_sources = e->n_sources;
	pe->sources = neri_arena_alloc(a, e->n_sources * sizeof(*pe->sources));
	if (pe->kind == NULL || pe->text == NULL || pe->value == NULL
	    || pe->attrs == NULL || pe->sources == NULL) {
		return (NULL);
	}
	for (i = 0; i < e->n_attrs; i++) {
		Nerd__V1__Attribute *at = neri_arena_alloc(a, sizeof(*at));

		if (at == NULL) {
			return (NULL);
		}
		nerd__v1__attribute__init(at);
		*bound += FIELD_MAX;
		at->key   = dup_or_empty(a, e->attrs[i].key, bound);
		at->value = dup_or_empty(a, e->attrs[i].value, bound);
		if (at->key == NULL || at->value == NULL) {
			return (NULL);
		}
		pe->attrs[i] = at;
	}
	for (i = 0; i < e->n_sources; i++) {
		pe->sources[i] = dup_name(a, nc, e->sources[i], bound);
		if (pe->sources[i] == NULL) {
			return (NULL);
		}
	}
	return (pe);
}

/* The plugin result as a message; adds its field's bound to *bound. */
static Nerd__V1__PluginResult *
convert_plugin(neri_arena *a, const neri_plugin_result *p, size_t *bound)
{
	Nerd__V1__PluginResult *pp = neri_arena_alloc(a, sizeof(*pp));

	if (pp == NULL) {
		return (NULL);
	}
	nerd__v1__plugin_result__init(pp);
	/* Its own field, code, elapsed_us and entities. */
	*bound += 4 * FIELD_MAX;
	pp->name       = dup_or_empty(a, p->name, bound);
	pp->code       = p->code;
	pp->message    = dup_or_empty(a, p->message, bound);
	pp->elapsed_us = p->elapsed_us;
	pp->entities   = p->entities;
	if (pp->name == NULL || pp->message == NULL) {
		return (NULL);
	}
	return (pp);
}

int
neri_result_to_response(const neri_result *res, const char *doc_id,
    const char *text, size_t len, Nerd__V1__RecognizeResponse **out)
{
	response_box *box;
	neri_arena   *a;
	name_copies   nc;
	size_t        i;
	int           rv = NERD_STATUS_RESOURCE_EXHAUSTED;

	if (out == NULL) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	*out = NULL;
	if (res == NULL || (text == NULL && len > 0)) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	for (i = 0; i < res->n_entities; i++) {
		if (res->entities[i].start > res->entities[i].end
		    || res->entities[i].end > len) {
			return (NERD_STATUS_INVALID_ARGUMENT);
		}
	}
	box = calloc(1, sizeof(*box));
	if (box == NULL) {
		return (rv);
	}
	a = &box->arena;
	neri_arena_init(a, 0);
	nerd__v1__recognize_response__init(&box->resp);
	box->resp.document_id = dup_or_empty(a, doc_id, &box->bound);
	box->resp.entities    = neri_arena_alloc(
	       a, res->n_entities * sizeof(Nerd__V1__Entity *));
	box->resp.plugins = neri_arena_alloc(
	    a, res->n_plugins * sizeof(Nerd__V1__PluginResult *));
	if (box->resp.document_id == NULL || box->resp.entities == NULL
	    || box->resp.plugins == NULL) {
		goto fail;
	}
	nc.n = 0;
	for (i = 0; i < res->n_entities; i++) {
		box->resp.entities[i] = convert_entity(
		    a, &nc, &res->entities[i], text, &box->bound);
		if (box->resp.entities[i] == NULL) {
			goto fail;
		}
		box->resp.n_entities = i + 1;
	}
	for (i = 0; i < res->n_plugins; i++) {
		box->resp.plugins[i]
		    = convert_plugin(a, &res->plugins[i], &box->bound);
		if (box->resp.plugins[i] == NULL) {
			goto fail;
		}
		box->resp.n_plugins = i + 1;
	}
	*out = &box->resp;
	return (0);
fail:
	neri_response_free(&box->resp);
	return (rv);
}
