/*
 * server/encode.h: the wire form of recognition results, written straight
 * from a neri_result.  protobuf-c would need the result converted into
 * generated structs first (a copy of every string), then sizes every
 * nested message once per level while packing; for a document with a few
 * hundred entities that was most of the server's own cost per call.
 * These functions write the same bytes protobuf-c writes for the
 * converted response (same field order, same proto3 defaults left out),
 * sizing each entity once.
 *
 *   nsrv_enc_response_size / _response — nerd.v1.RecognizeResponse
 *   nsrv_enc_batch_size / _batch       — nerd.v1.RecognizeBatchResponse
 *   nsrv_enc_envelope_size / _envelope — nerd.v1.RpcReply around a
 *                                        payload written in place
 *
 * Threads: no shared state; each nsrv_enc_doc belongs to one caller.
 */
#ifndef NERD_SERVER_ENCODE_H
#define NERD_SERVER_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#include "neri.h"

/* One document's answer.  For a recognised document res is set; for a
 * batch document that failed res is NULL and only doc_id is written (with
 * code and message in the batch's statuses). */
typedef struct nsrv_enc_doc {
	neri_result *res;     /* only read here; NULL = empty response */
	const char  *doc_id;  /* NULL = "" */
	const char  *text;    /* entity text is text[start..end) */
	size_t       len;     /* bytes in text */
	int          code;    /* batch status: NERD_STATUS_* */
	const char  *message; /* batch status message; NULL = "" */
	size_t      *sizes;   /* res->n_entities slots, set by _size */
	size_t       size;    /* packed size, set by _response_size */
} nsrv_enc_doc;

/* Checks every entity span against text[0..len), then records in d->size
 * the packed size of d's RecognizeResponse and in d->sizes (which the
 * caller points at res->n_entities slots, or NULL when there are none)
 * each entity's.  Returns 0, or -1 when a span lies outside the text
 * (nothing is recorded then). */
int nsrv_enc_response_size(nsrv_enc_doc *d);

/* Writes d's RecognizeResponse (d->size bytes, after
 * nsrv_enc_response_size) at out; returns the end of what was written. */
uint8_t *nsrv_enc_response(const nsrv_enc_doc *d, uint8_t *out);

/* The packed size of a RecognizeBatchResponse of n documents whose sizes
 * nsrv_enc_response_size has recorded (those with res NULL need not:
 * their size is recorded here). */
size_t nsrv_enc_batch_size(nsrv_enc_doc *docs, size_t n);

/* Writes the RecognizeBatchResponse at out: docs[i] as responses[i], with
 * statuses[i] from its code and message.  Returns the end. */
uint8_t *nsrv_enc_batch(const nsrv_enc_doc *docs, size_t n, uint8_t *out);

/* The envelope around a payload: status code and message (NULL = ""),
 * payload_len bytes of payload and, when request_id is not NULL, the
 * x-request-id metadata. */
typedef struct nsrv_enc_reply {
	int         code;
	const char *message;
	size_t      payload_len;
	const char *request_id;
} nsrv_enc_reply;

/* The packed size of the RpcReply r describes. */
size_t nsrv_enc_envelope_size(const nsrv_enc_reply *r);

/* Writes the RpcReply at out, leaving the payload's r->payload_len bytes
 * for the caller: returns where they go (write them there; the metadata
 * after them is already written).  The bytes equal protobuf-c's packing
 * of the same RpcReply. */
uint8_t *nsrv_enc_envelope(const nsrv_enc_reply *r, uint8_t *out);

#endif /* NERD_SERVER_ENCODE_H */
