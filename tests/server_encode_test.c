/*
 * tests/server_encode_test.c: server/encode.c writes the bytes protobuf-c
 * writes.  Each case builds a neri_result by hand, encodes it, and
 * compares with protobuf-c's packing of neri_result_to_response (or of
 * the generated structs for the batch and the envelope), then unpacks
 * the bytes to see the fields come back.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "nerd.pb-c.h"
#include "nerd/status.h"
#include "neri.h"

static const char text[] = "Ms Ana Ruiz met the Lisbon Harbour Board on "
                           "Tuesday 3 March; the board said no.";

static char  kind_person[] = "person";
static char  kind_org[]    = "organization";
static char  kind_date[]   = "date";
static char  src_a[]       = "alpha";
static char  src_b[]       = "beta";
static char  empty[]       = "";
static char  key_role[]    = "role";
static char  val_chair[]   = "chair";
static char  val_date[]    = "2026-03-03";
static char  msg_slow[]    = "took too long";
static char *two_sources[] = { src_a, src_b };
static char *one_source[]  = { src_b };
static char *null_source[] = { NULL };

static neri_attr attrs_full[]  = { { key_role, val_chair } };
static neri_attr attrs_empty[] = { { empty, NULL }, { NULL, val_chair } };

/* Spans of "Ana Ruiz", "Lisbon Harbour Board", "Tuesday 3 March". */
static neri_entity entities[] = {
	{ 3, 11, kind_person, empty, 0.9f, attrs_full, 1, two_sources, 2 },
	{ 20, 40, kind_org, NULL, -1.0f, attrs_empty, 2, one_source, 1 },
	{ 44, 59, kind_date, val_date, 0.0f, NULL, 0, null_source, 1 },
	{ 0, 0, NULL, empty, -0.0f, NULL, 0, NULL, 0 },
};

static neri_plugin_result plugins[] = {
	{ "alpha", NERD_STATUS_OK, NULL, 120, 2 },
	{ "beta", NERD_STATUS_DEADLINE_EXCEEDED, msg_slow, 0, 0 },
	{ NULL, -3, empty, 70000, 1 },
};

/* protobuf-c's packing of what neri_result_to_response makes of res. */
static uint8_t *
reference_pack(
    const neri_result *res, const char *id, const char *t, size_t *len)
{
	Nerd__V1__RecognizeResponse *resp = NULL;
	uint8_t                     *buf;

	cr_assert_eq(neri_result_to_response(res, id, t, strlen(t), &resp), 0);
	*len = protobuf_c_message_get_packed_size(&resp->base);
	buf  = malloc(*len + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(protobuf_c_message_pack(&resp->base, buf), *len);
	neri_response_free(resp);
	return (buf);
}

/* Encodes res as a RecognizeResponse with encode.c into a fresh buffer. */
static uint8_t *
encode(neri_result *res, const char *id, const char *t, nsrv_enc_doc *d)
{
	uint8_t *buf;

	memset(d, 0, sizeof(*d));
	d->res    = res;
	d->doc_id = id;
	d->text   = t;
	d->len    = strlen(t);
	d->sizes  = calloc(res->n_entities + 1, sizeof(size_t));
	cr_assert_eq(nsrv_enc_response_size(d), 0);
	buf = malloc(d->size + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(nsrv_enc_response(d, buf), buf + d->size);
	return (buf);
}

static void
assert_same_as_protobuf_c(neri_result *res, const char *id)
{
	nsrv_enc_doc d;
	size_t       want_len;
	uint8_t     *want = reference_pack(res, id, text, &want_len);
	uint8_t     *got  = encode(res, id, text, &d);

	cr_assert_eq(
	    d.size, want_len, "size %zu, protobuf-c %zu", d.size, want_len);
	cr_assert_eq(memcmp(got, want, want_len), 0);
	free(d.sizes);
	free(got);
	free(want);
}

Test(server_encode, a_full_result_packs_as_protobuf_c_does)
{
	neri_result res = { entities, 4, plugins, 3 };

	assert_same_as_protobuf_c(&res, "doc-7");
}

Test(server_encode, empty_results_and_missing_ids_pack_as_protobuf_c_does)
{
	neri_result none     = { NULL, 0, NULL, 0 };
	neri_result one      = { entities, 1, NULL, 0 };
	neri_result plugonly = { NULL, 0, plugins + 1, 1 };

	assert_same_as_protobuf_c(&none, NULL);
	assert_same_as_protobuf_c(&none, "");
	assert_same_as_protobuf_c(&one, NULL);
	assert_same_as_protobuf_c(&plugonly, "x");
}

Test(server_encode, long_texts_take_multi_byte_lengths)
{
	size_t       n   = 70000;
	char        *big = malloc(n + 1);
	neri_entity  e   = entities[0];
	neri_result  res = { &e, 1, plugins, 1 };
	nsrv_enc_doc d;
	size_t       want_len;
	uint8_t     *want;
	uint8_t     *got;

	cr_assert_not_null(big);
	memset(big, 'A', n);
	big[n]  = '\0';
	e.start = 5;
	e.end   = (uint32_t) n - 1; /* a 3-byte length */
	want    = reference_pack(&res, "big", big, &want_len);
	got     = encode(&res, "big", big, &d);
	cr_assert_eq(d.size, want_len);
	cr_assert_eq(memcmp(got, want, want_len), 0);
	free(d.sizes);
	free(got);
	free(want);
	free(big);
}

Test(server_encode, the_bytes_unpack_to_the_result)
{
	neri_result                  res = { entities, 4, plugins, 3 };
	nsrv_enc_doc                 d;
	uint8_t                     *buf = encode(&res, "doc-7", text, &d);
	Nerd__V1__RecognizeResponse *r
	    = nerd__v1__recognize_response__unpack(NULL, d.size, buf);

	cr_assert_not_null(r);
	cr_assert_str_eq(r->document_id, "doc-7");
	cr_assert_eq(r->n_entities, 4);
	cr_assert_str_eq(r->entities[1]->text, "Lisbon Harbour Board");
	cr_assert_eq(r->entities[1]->score, -1.0f);
	cr_assert_str_eq(r->entities[0]->attrs[0]->value, "chair");
	cr_assert_eq(r->entities[0]->n_sources, 2);
	cr_assert_str_eq(r->entities[2]->value, "2026-03-03");
	cr_assert_str_eq(r->entities[2]->sources[0], "");
	cr_assert_eq(r->n_plugins, 3);
	cr_assert_eq(r->plugins[2]->code, -3);
	cr_assert_eq(r->plugins[2]->elapsed_us, 70000);
	nerd__v1__recognize_response__free_unpacked(r, NULL);
	free(d.sizes);
	free(buf);
}

Test(server_encode, a_span_outside_the_text_is_refused)
{
	neri_entity  e   = entities[0];
	neri_result  res = { &e, 1, NULL, 0 };
	size_t       slot;
	nsrv_enc_doc d;

	memset(&d, 0, sizeof(d));
	d.res   = &res;
	d.text  = text;
	d.len   = strlen(text);
	d.sizes = &slot;
	e.end   = (uint32_t) d.len + 1;
	cr_assert_eq(nsrv_enc_response_size(&d), -1);
	e.start = 9;
	e.end   = 8;
	cr_assert_eq(nsrv_enc_response_size(&d), -1);
}

Test(server_encode, a_batch_packs_as_protobuf_c_does)
{
	neri_result                      res = { entities, 3, plugins, 2 };
	nsrv_enc_doc                     docs[3];
	Nerd__V1__RecognizeBatchResponse batch
	    = NERD__V1__RECOGNIZE_BATCH_RESPONSE__INIT;
	Nerd__V1__RecognizeResponse *rv[3];
	Nerd__V1__RecognizeResponse  failed
	    = NERD__V1__RECOGNIZE_RESPONSE__INIT;
	Nerd__V1__Status  st[3] = { NERD__V1__STATUS__INIT,
		 NERD__V1__STATUS__INIT, NERD__V1__STATUS__INIT };
	Nerd__V1__Status *sv[3] = { &st[0], &st[1], &st[2] };
	size_t            sizes[3];
	size_t            len;
	size_t            want_len;
	uint8_t          *got;
	uint8_t          *want;

	memset(docs, 0, sizeof(docs));
	docs[0].res    = &res;
	docs[0].doc_id = "a";
	docs[0].text   = text;
	docs[0].len    = strlen(text);
	docs[0].sizes  = sizes;
	cr_assert_eq(nsrv_enc_response_size(&docs[0]), 0);
	docs[1].doc_id  = "b";
	docs[1].code    = NERD_STATUS_INVALID_ARGUMENT;
	docs[1].message = "document text is empty";
	docs[2].code    = NERD_STATUS_INVALID_ARGUMENT;
	docs[2].message = "document is required";
	len             = nsrv_enc_batch_size(docs, 3);
	got             = malloc(len);
	cr_assert_eq(nsrv_enc_batch(docs, 3, got), got + len);

	cr_assert_eq(
	    neri_result_to_response(&res, "a", text, strlen(text), &rv[0]), 0);
	failed.document_id = "b";
	rv[1]              = &failed;
	rv[2]              = malloc(sizeof(*rv[2]));
	nerd__v1__recognize_response__init(rv[2]);
	st[1].code        = NERD_STATUS_INVALID_ARGUMENT;
	st[1].message     = "document text is empty";
	st[2].code        = NERD_STATUS_INVALID_ARGUMENT;
	st[2].message     = "document is required";
	batch.n_responses = 3;
	batch.responses   = rv;
	batch.n_statuses  = 3;
	batch.statuses    = sv;
	want_len = nerd__v1__recognize_batch_response__get_packed_size(&batch);
	want     = malloc(want_len);
	nerd__v1__recognize_batch_response__pack(&batch, want);
	cr_assert_eq(len, want_len);
	cr_assert_eq(memcmp(got, want, len), 0);
	neri_response_free(rv[0]);
	free(rv[2]);
	free(got);
	free(want);
}

/* protobuf-c's RpcReply for the same envelope, payload "PAYLOAD"-ish. */
static void
assert_envelope_same(
    int code, const char *message, const char *request_id, size_t payload_len)
{
	Nerd__V1__RpcReply  reply  = NERD__V1__RPC_REPLY__INIT;
	Nerd__V1__Status    status = NERD__V1__STATUS__INIT;
	Nerd__V1__Metadata  md     = NERD__V1__METADATA__INIT;
	Nerd__V1__Metadata *mdp[1] = { &md };
	nsrv_enc_reply      r = { code, message, payload_len, request_id };
	uint8_t            *payload = malloc(payload_len + 1);
	uint8_t            *got;
	uint8_t            *want;
	uint8_t            *at;
	size_t              len;

	for (size_t i = 0; i < payload_len; i++) {
		payload[i] = (uint8_t) (i * 7);
	}
	status.code        = code;
	status.message     = (char *) (message != NULL ? message : "");
	reply.status       = &status;
	reply.payload.data = payload;
	reply.payload.len  = payload_len;
	if (request_id != NULL) {
		md.key           = "x-request-id";
		md.value         = (char *) request_id;
		reply.metadata   = mdp;
		reply.n_metadata = 1;
	}
	len  = nerd__v1__rpc_reply__get_packed_size(&reply);
	want = malloc(len);
	nerd__v1__rpc_reply__pack(&reply, want);
	cr_assert_eq(nsrv_enc_envelope_size(&r), len);
	got = malloc(len);
	at  = nsrv_enc_envelope(&r, got);
	cr_assert(at >= got && at + payload_len <= got + len);
	if (payload_len > 0) {
		memcpy(at, payload, payload_len);
	}
	cr_assert_eq(memcmp(got, want, len), 0);
	free(payload);
	free(got);
	free(want);
}

Test(server_encode, the_envelope_packs_as_protobuf_c_does)
{
	assert_envelope_same(NERD_STATUS_OK, NULL, NULL, 0);
	assert_envelope_same(NERD_STATUS_OK, "", "req-1", 300);
	assert_envelope_same(NERD_STATUS_OK, NULL, "", 5);
	assert_envelope_same(
	    NERD_STATUS_RESOURCE_EXHAUSTED, "too big", NULL, 0);
	assert_envelope_same(NERD_STATUS_INTERNAL, "x", "id", 20000);
}
