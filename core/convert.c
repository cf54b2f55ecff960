/*
 * core/convert.c: a neri_result as a nerd.v1.RecognizeResponse.  The
 * messages live in one block sized before it is filled; strings the result
 * (or the caller) already holds NUL-terminated are pointed at, not copied:
 * only each entity's text, a slice of the document, is copied, so that it
 * ends in a NUL.
 */
#include <stdlib.h>
#include <string.h>

#include "nerd.pb-c.h"
#include "neri.h"

typedef struct response_box {
	Nerd__V1__RecognizeResponse resp;  /* first: the free casts back */
	size_t                      bound; /* see neri_response_packed_bound */
} response_box;

/* The most one field of these messages takes on the wire besides its
 * string or sub-message bytes: a one-byte tag (every field number is under
 * 16) and a varint of at most 10 bytes (a length, an int32, a uint32), or
 * a 4-byte float. */
#define FIELD_MAX ((size_t) 11)

/* What the block holds, counted before it is allocated. */
typedef struct block_size {
	size_t attrs;   /* attributes of every entity */
	size_t sources; /* sources of every entity */
	size_t text;    /* bytes of every entity's text, NULs included */
} block_size;

size_t
neri_response_packed_bound(const Nerd__V1__RecognizeResponse *resp)
{
	return (resp != NULL ? ((const response_box *) resp)->bound : 0);
}

void
neri_response_free(Nerd__V1__RecognizeResponse *resp)
{
	free(resp); /* the box, and the block it heads */
}

/* s, or "" for NULL (protobuf-c packs both alike, but readers of the
 * message may not expect NULL); adds the string field's bound to *bound. */
static char *
field_string(const char *s, size_t *bound)
{
	if (s == NULL) {
		s = "";
	}
	*bound += FIELD_MAX + strlen(s);
	return ((char *) s);
}

/* Counts what the block must hold; INVALID_ARGUMENT for a span outside
 * text[0..len). */
static int
measure(const neri_result *res, size_t len, block_size *bs)
{
	bs->attrs   = 0;
	bs->sources = 0;
	bs->text    = 0;
	for (size_t i = 0; i < res->n_entities; i++) {
		const neri_entity *e = &res->entities[i];
		if (e->start > e->end || e->end > len) {
			return (NERD_STATUS_INVALID_ARGUMENT);
		}
		bs->attrs += e->n_attrs;
		bs->sources += e->n_sources;
		bs->text += e->end - e->start + 1;
	}
	return (0);
}

/* Adds count pieces of each bytes to *total; nonzero when the sum would
 * overflow. */
static int
add_part(size_t *total, size_t count, size_t each)
{
	if (count > (SIZE_MAX - *total) / each) {
		return (-1);
	}
	*total += count * each;
	return (0);
}

/* The block: the box, then the pointer arrays and the messages they
 * point at (all of pointer alignment), then the entities' text.  NULL
 * when a size overflows or malloc fails. */
static response_box *
block_alloc(const neri_result *res, const block_size *bs)
{
	size_t n = sizeof(response_box);

	if (add_part(&n, res->n_entities,
	        sizeof(Nerd__V1__Entity *) + sizeof(Nerd__V1__Entity))
	        != 0
	    || add_part(&n, bs->attrs,
	           sizeof(Nerd__V1__Attribute *) + sizeof(Nerd__V1__Attribute))
	        != 0
	    || add_part(&n, res->n_plugins,
	           sizeof(Nerd__V1__PluginResult *)
	               + sizeof(Nerd__V1__PluginResult))
	        != 0
	    || add_part(&n, bs->sources, sizeof(char *)) != 0
	    || add_part(&n, bs->text, 1) != 0) {
		return (NULL);
	}
	return (malloc(n));
}

/* Where the next piece of the block goes. */
typedef struct block_cursor {
	Nerd__V1__Entity     *entities;
	Nerd__V1__Attribute **attr_ptrs;
	Nerd__V1__Attribute  *attrs;
	char                **sources;
	char                 *text;
} block_cursor;

/* The entity as a message in the block; adds its field's bound to
 * *bound. */
static Nerd__V1__Entity *
convert_entity(
    block_cursor *bc, const neri_entity *e, const char *text, size_t *bound)
{
	static const Nerd__V1__Entity    entity_init = NERD__V1__ENTITY__INIT;
	static const Nerd__V1__Attribute attr_init = NERD__V1__ATTRIBUTE__INIT;
	Nerd__V1__Entity                *pe        = bc->entities++;
	size_t                           n         = e->end - e->start;

	*pe = entity_init;
	/* The entity's own field, start, end and score. */
	*bound += 4 * FIELD_MAX;
	pe->kind  = field_string(e->kind, bound);
	pe->start = e->start;
	pe->end   = e->end;
	pe->text  = bc->text;
	memcpy(bc->text, text + e->start, n);
	bc->text[n] = '\0';
	bc->text += n + 1;
	*bound += FIELD_MAX + n;
	pe->value     = field_string(e->value, bound);
	pe->score     = e->score;
	pe->n_attrs   = e->n_attrs;
	pe->attrs     = bc->attr_ptrs;
	pe->n_sources = e->n_sources;
	pe->sources   = bc->sources;
	for (size_t i = 0; i < e->n_attrs; i++) {
		Nerd__V1__Attribute *at = bc->attrs++;

		*at = attr_init;
		*bound += FIELD_MAX;
		at->key          = field_string(e->attrs[i].key, bound);
		at->value        = field_string(e->attrs[i].value, bound);
		*bc->attr_ptrs++ = at;
	}
	for (size_t i = 0; i < e->n_sources; i++) {
		*bc->sources++ = field_string(e->sources[i], bound);
	}
	return (pe);
}

/* The plugin result as a message at pp; adds its field's bound to
 * *bound. */
static void
convert_plugin(
    Nerd__V1__PluginResult *pp, const neri_plugin_result *p, size_t *bound)
{
	static const Nerd__V1__PluginResult init
	    = NERD__V1__PLUGIN_RESULT__INIT;

	*pp = init;
	/* Its own field, code, elapsed_us and entities. */
	*bound += 4 * FIELD_MAX;
	pp->name       = field_string(p->name, bound);
	pp->code       = p->code;
	pp->message    = field_string(p->message, bound);
	pp->elapsed_us = p->elapsed_us;
	pp->entities   = p->entities;
}

int
neri_result_to_response(const neri_result *res, const char *doc_id,
    const char *text, size_t len, Nerd__V1__RecognizeResponse **out)
{
	static const Nerd__V1__RecognizeResponse init
	    = NERD__V1__RECOGNIZE_RESPONSE__INIT;
	response_box           *box;
	Nerd__V1__PluginResult *plugins;
	block_cursor            bc;
	block_size              bs;
	size_t                  i;

	if (out == NULL) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	*out = NULL;
	if (res == NULL || (text == NULL && len > 0)
	    || measure(res, len, &bs) != 0) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	if (text == NULL) {
		text = ""; /* len is 0: every span is empty */
	}
	box = block_alloc(res, &bs);
	if (box == NULL) {
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	}
	box->resp             = init;
	box->bound            = 0;
	box->resp.document_id = field_string(doc_id, &box->bound);
	box->resp.n_entities  = res->n_entities;
	box->resp.entities    = (Nerd__V1__Entity **) (box + 1);
	bc.entities
	    = (Nerd__V1__Entity *) (box->resp.entities + res->n_entities);
	bc.attr_ptrs
	    = (Nerd__V1__Attribute **) (bc.entities + res->n_entities);
	bc.attrs = (Nerd__V1__Attribute *) (bc.attr_ptrs + bs.attrs);
	box->resp.n_plugins = res->n_plugins;
	box->resp.plugins = (Nerd__V1__PluginResult **) (bc.attrs + bs.attrs);
	plugins
	    = (Nerd__V1__PluginResult *) (box->resp.plugins + res->n_plugins);
	bc.sources = (char **) (plugins + res->n_plugins);
	bc.text    = (char *) (bc.sources + bs.sources);
	for (i = 0; i < res->n_entities; i++) {
		box->resp.entities[i] = convert_entity(
		    &bc, &res->entities[i], text, &box->bound);
	}
	for (i = 0; i < res->n_plugins; i++) {
		convert_plugin(&plugins[i], &res->plugins[i], &box->bound);
		box->resp.plugins[i] = &plugins[i];
	}
	*out = &box->resp;
	return (0);
}
