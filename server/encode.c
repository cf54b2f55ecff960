/* server/encode.c: results in wire form without protobuf-c (encode.h). */
#include "encode.h"

#include <string.h>

/* Tags: field number << 3 | wire type (0 varint, 2 length, 5 fixed32). */
#define TAG_VARINT(f) ((uint8_t) ((f) << 3 | 0))
#define TAG_LEN(f) ((uint8_t) ((f) << 3 | 2))
#define TAG_FIXED32(f) ((uint8_t) ((f) << 3 | 5))

static size_t
varint_size(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return (n);
}

static uint8_t *
put_varint(uint8_t *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t) (v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t) v;
	return (p);
}

/* An int32 as protobuf writes it: negatives sign-extended to 64 bits. */
static uint64_t
int32_wire(int v)
{
	return ((uint64_t) (int64_t) v);
}

/* A length-delimited field of n bytes: tag, length, bytes. */
static size_t
len_field_size(size_t n)
{
	return (1 + varint_size(n) + n);
}

/* A proto3 string field: left out when empty (or NULL). */
static size_t
str_size(const char *s)
{
	return (s != NULL && s[0] != '\0' ? len_field_size(strlen(s)) : 0);
}

static uint8_t *
put_bytes(uint8_t *p, uint8_t tag, const void *s, size_t n)
{
	*p++ = tag;
	p    = put_varint(p, n);
	if (n > 0) {
		memcpy(p, s, n);
	}
	return (p + n);
}

static uint8_t *
put_str(uint8_t *p, uint8_t tag, const char *s)
{
	if (s == NULL || s[0] == '\0') {
		return (p);
	}
	return (put_bytes(p, tag, s, strlen(s)));
}

/* A proto3 scalar varint field: left out when zero. */
static size_t
uint_size(uint64_t v)
{
	return (v != 0 ? 1 + varint_size(v) : 0);
}

static uint8_t *
put_uint(uint8_t *p, uint8_t tag, uint64_t v)
{
	if (v == 0) {
		return (p);
	}
	*p++ = tag;
	return (put_varint(p, v));
}

/* ---------------------------------------------------------------- entity */

static size_t
attr_size(const neri_attr *a)
{
	return (str_size(a->key) + str_size(a->value));
}

static size_t
entity_size(const neri_entity *e)
{
	size_t n = str_size(e->kind) + uint_size(e->start) + uint_size(e->end)
	    + (e->end > e->start ? len_field_size(e->end - e->start) : 0)
	    + str_size(e->value) + (e->score != 0 ? 5 : 0);

	for (size_t i = 0; i < e->n_attrs; i++) {
		n += len_field_size(attr_size(&e->attrs[i]));
	}
	for (size_t i = 0; i < e->n_sources; i++) {
		const char *s = e->sources[i];
		n += len_field_size(s != NULL ? strlen(s) : 0);
	}
	return (n);
}

static uint8_t *
put_entity(uint8_t *p, const neri_entity *e, const char *text)
{
	p = put_str(p, TAG_LEN(1), e->kind);
	p = put_uint(p, TAG_VARINT(2), e->start);
	p = put_uint(p, TAG_VARINT(3), e->end);
	if (e->end > e->start) {
		p = put_bytes(
		    p, TAG_LEN(4), text + e->start, e->end - e->start);
	}
	p = put_str(p, TAG_LEN(5), e->value);
	if (e->score != 0) {
		uint32_t bits;
		memcpy(&bits, &e->score, sizeof(bits));
		*p++ = TAG_FIXED32(6);
		for (int i = 0; i < 4; i++) {
			*p++ = (uint8_t) (bits >> (8 * i));
		}
	}
	for (size_t i = 0; i < e->n_attrs; i++) {
		const neri_attr *a = &e->attrs[i];
		*p++               = TAG_LEN(7);
		p                  = put_varint(p, attr_size(a));
		p                  = put_str(p, TAG_LEN(1), a->key);
		p                  = put_str(p, TAG_LEN(2), a->value);
	}
	for (size_t i = 0; i < e->n_sources; i++) {
		const char *s = e->sources[i];
		p = put_bytes(p, TAG_LEN(8), s, s != NULL ? strlen(s) : 0);
	}
	return (p);
}

static size_t
plugin_size(const neri_plugin_result *r)
{
	return (str_size(r->name) + uint_size(int32_wire(r->code))
	    + str_size(r->message) + uint_size(r->elapsed_us)
	    + uint_size(r->entities));
}

static uint8_t *
put_plugin(uint8_t *p, const neri_plugin_result *r)
{
	p = put_str(p, TAG_LEN(1), r->name);
	p = put_uint(p, TAG_VARINT(2), int32_wire(r->code));
	p = put_str(p, TAG_LEN(3), r->message);
	p = put_uint(p, TAG_VARINT(4), r->elapsed_us);
	return (put_uint(p, TAG_VARINT(5), r->entities));
}

/* ---------------------------------------------------------------- document */

int
nsrv_enc_response_size(nsrv_enc_doc *d)
{
	const neri_result *res = d->res;
	size_t             n   = str_size(d->doc_id);

	if (res == NULL) {
		d->size = n;
		return (0);
	}
	for (size_t i = 0; i < res->n_entities; i++) {
		const neri_entity *e = &res->entities[i];
		if (e->start > e->end || e->end > d->len) {
			return (-1);
		}
	}
	for (size_t i = 0; i < res->n_entities; i++) {
		d->sizes[i] = entity_size(&res->entities[i]);
		n += len_field_size(d->sizes[i]);
	}
	for (size_t i = 0; i < res->n_plugins; i++) {
		n += len_field_size(plugin_size(&res->plugins[i]));
	}
	d->size = n;
	return (0);
}

uint8_t *
nsrv_enc_response(const nsrv_enc_doc *d, uint8_t *out)
{
	const neri_result *res = d->res;
	uint8_t           *p   = put_str(out, TAG_LEN(1), d->doc_id);

	if (res == NULL) {
		return (p);
	}
	for (size_t i = 0; i < res->n_entities; i++) {
		*p++ = TAG_LEN(2);
		p    = put_varint(p, d->sizes[i]);
		p    = put_entity(p, &res->entities[i], d->text);
	}
	for (size_t i = 0; i < res->n_plugins; i++) {
		const neri_plugin_result *r = &res->plugins[i];
		*p++                        = TAG_LEN(3);
		p                           = put_varint(p, plugin_size(r));
		p                           = put_plugin(p, r);
	}
	return (p);
}

/* ---------------------------------------------------------------- batch */

static size_t
status_size(int code, const char *message)
{
	return (uint_size(int32_wire(code)) + str_size(message));
}

static uint8_t *
put_status(uint8_t *p, int code, const char *message)
{
	p = put_uint(p, TAG_VARINT(1), int32_wire(code));
	return (put_str(p, TAG_LEN(2), message));
}

size_t
nsrv_enc_batch_size(nsrv_enc_doc *docs, size_t n)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++) {
		if (docs[i].res == NULL) {
			docs[i].size = str_size(docs[i].doc_id);
		}
		total += len_field_size(docs[i].size);
		total += len_field_size(
		    status_size(docs[i].code, docs[i].message));
	}
	return (total);
}

uint8_t *
nsrv_enc_batch(const nsrv_enc_doc *docs, size_t n, uint8_t *out)
{
	uint8_t *p = out;

	for (size_t i = 0; i < n; i++) {
		*p++ = TAG_LEN(1);
		p    = put_varint(p, docs[i].size);
		p    = nsrv_enc_response(&docs[i], p);
	}
	for (size_t i = 0; i < n; i++) {
		*p++ = TAG_LEN(2);
		p = put_varint(p, status_size(docs[i].code, docs[i].message));
		p = put_status(p, docs[i].code, docs[i].message);
	}
	return (p);
}

/* ---------------------------------------------------------------- envelope */

static size_t
metadata_size(const char *request_id)
{
	return (str_size("x-request-id") + str_size(request_id));
}

size_t
nsrv_enc_envelope_size(const nsrv_enc_reply *r)
{
	size_t n = len_field_size(status_size(r->code, r->message));

	if (r->payload_len > 0) {
		n += len_field_size(r->payload_len);
	}
	if (r->request_id != NULL) {
		n += len_field_size(metadata_size(r->request_id));
	}
	return (n);
}

uint8_t *
nsrv_enc_envelope(const nsrv_enc_reply *r, uint8_t *out)
{
	uint8_t *p = out;
	uint8_t *payload;
	uint8_t *md;

	*p++ = TAG_LEN(1);
	p    = put_varint(p, status_size(r->code, r->message));
	p    = put_status(p, r->code, r->message);
	if (r->payload_len > 0) {
		*p++ = TAG_LEN(2);
		p    = put_varint(p, r->payload_len);
	}
	payload = p;
	if (r->request_id != NULL) {
		md    = payload + r->payload_len;
		*md++ = TAG_LEN(3);
		md    = put_varint(md, metadata_size(r->request_id));
		md    = put_str(md, TAG_LEN(1), "x-request-id");
		(void) put_str(md, TAG_LEN(2), r->request_id);
	}
	return (payload);
}
