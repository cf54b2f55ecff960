/*
 * tests/server_catalogue_test.c: a catalogue of malformed requests sent
 * to the real server.  Each case states the status it must get, and after
 * each the server must still answer a good call on the same socket.
 * (server_errors_test.c holds the first case of each status; this file
 * holds the hostile variations.)
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_harness.h"

#define RECOGNIZE "/nerd.v1.Recognizer/Recognize"
#define BATCH "/nerd.v1.Recognizer/RecognizeBatch"

static sh_server  srv;
static nng_socket sock;

static void
start(const char *const *extra)
{
	sh_start(&srv, extra);
	sh_client_open(&sock, srv.url, NULL);
}

static void
stop(void)
{
	nng_close(sock);
	cr_expect_eq(sh_stop(&srv, SIGTERM), 0, "server exit status");
}

/* A growing byte buffer for hand-made protobuf. */
typedef struct buf {
	uint8_t *data;
	size_t   len;
	size_t   cap;
} buf;

static void
put(buf *b, const void *data, size_t len)
{
	if (b->len + len > b->cap) {
		b->cap  = (b->len + len) * 2 + 64;
		b->data = realloc(b->data, b->cap);
		cr_assert_not_null(b->data);
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

static void
put_varint(buf *b, uint64_t v)
{
	uint8_t byte;

	do {
		byte = (uint8_t) (v & 0x7f);
		v >>= 7;
		if (v != 0) {
			byte |= 0x80;
		}
		put(b, &byte, 1);
	} while (v != 0);
}

/* A length-delimited field: tag (field, wire type 2), length, bytes. */
static void
put_field(buf *b, unsigned field, const void *data, size_t len)
{
	put_varint(b, (uint64_t) field << 3 | 2);
	put_varint(b, len);
	put(b, data, len);
}

/* A RecognizeRequest payload whose document text is text[0..len), which
 * may hold any bytes (protobuf-c would stop at a NUL). */
static void
doc_payload(buf *out, const char *text, size_t len)
{
	buf doc = { 0 };

	put_field(&doc, 1, "doc-1", 5);
	put_field(&doc, 2, text, len);
	put_field(out, 1, doc.data, doc.len);
	free(doc.data);
}

/* Sends raw envelope bytes; returns the reply (caller frees). */
static Nerd__V1__RpcReply *
raw_rpc(const void *data, size_t len)
{
	sh_call             c;
	Nerd__V1__RpcReply *r;

	sh_call_start_raw(&c, sock, data, len);
	r = sh_call_wait(&c);
	cr_assert_not_null(r, "no reply: %s", nng_strerror(c.rv));
	c.reply = NULL;
	sh_call_fini(&c);
	return (r);
}

/* The server still answers a good call. */
static void
still_serving(const char *after)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	Nerd__V1__RpcReply        *r;

	sh_recognize_request(&req, &doc, "Still Serving");
	r = sh_rpc(sock, RECOGNIZE, &req.base, NULL);
	cr_assert_eq(sh_code(r), 0, "after %s: status %d (%s)", after,
	    sh_code(r), r->status->message);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

/* Checks r's code and that its message holds want_msg (may be NULL),
 * frees r, then checks the server still serves. */
static void
expect(Nerd__V1__RpcReply *r, const char *name, int want, const char *want_msg)
{
	cr_expect_eq(sh_code(r), want, "%s: status %d (%s), wanted %d", name,
	    sh_code(r), r->status != NULL ? r->status->message : "", want);
	if (want_msg != NULL) {
		cr_expect_not_null(strstr(r->status->message, want_msg),
		    "%s: message \"%s\" lacks \"%s\"", name,
		    r->status->message, want_msg);
	}
	if (want != 0) {
		cr_expect_eq(
		    r->payload.len, 0, "%s: payload on an error", name);
	}
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	still_serving(name);
}

/* Sends payload bytes to method in a well-formed envelope. */
static Nerd__V1__RpcReply *
payload_rpc(const char *method, const void *data, size_t len)
{
	sh_opts opts = { .raw_payload = data, .raw_len = len };

	/* A non-NULL pointer even for 0 bytes, so raw_payload is used. */
	if (data == NULL) {
		opts.raw_payload = (const uint8_t *) "";
	}
	return (sh_rpc(sock, method, NULL, &opts));
}

static Nerd__V1__RpcReply *
text_rpc(const char *text, size_t len)
{
	buf                 p = { 0 };
	Nerd__V1__RpcReply *r;

	doc_payload(&p, text, len);
	r = payload_rpc(RECOGNIZE, p.data, p.len);
	free(p.data);
	return (r);
}

/* The packed envelope of a Recognize call for text. */
static void
good_envelope(buf *out, const char *text)
{
	Nerd__V1__RpcRequest env = NERD__V1__RPC_REQUEST__INIT;
	buf                  p   = { 0 };

	doc_payload(&p, text, strlen(text));
	env.method       = RECOGNIZE;
	env.payload.data = p.data;
	env.payload.len  = p.len;
	out->cap         = nerd__v1__rpc_request__get_packed_size(&env);
	out->data        = malloc(out->cap);
	cr_assert_not_null(out->data);
	out->len = nerd__v1__rpc_request__pack(&env, out->data);
	free(p.data);
}

TestSuite(server_catalogue, .timeout = 60);

Test(server_catalogue, broken_envelopes_get_internal_or_unimplemented)
{
	static const uint8_t one_len_tag[] = { 0x0a };
	static const uint8_t one_zero[]    = { 0x00 };
	static const uint8_t huge_length[]
	    = { 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f };
	static const uint8_t method_varint[] = { 0x08, 0x01 };
	static const uint8_t timeout_len[]   = { 0x12, 0x01, 0x41 };
	static const uint8_t end_group[]     = { 0x0c };
	static const uint8_t long_varint[]   = { 0x10, 0xff, 0xff, 0xff, 0xff,
		  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
	buf                  env             = { 0 };

	start(NULL);
	/* 0 bytes: an empty envelope, whose method "" does not exist. */
	expect(raw_rpc("", 0), "0-byte envelope",
	    NERD__V1__STATUS_CODE__UNIMPLEMENTED, "method not found");
	expect(raw_rpc(one_len_tag, 1), "1-byte envelope (a bare tag)",
	    NERD__V1__STATUS_CODE__INTERNAL, "unable to parse");
	expect(raw_rpc(one_zero, 1), "1-byte envelope (field 0)",
	    NERD__V1__STATUS_CODE__INTERNAL, "unable to parse");
	expect(raw_rpc(huge_length, sizeof(huge_length)),
	    "length past the end", NERD__V1__STATUS_CODE__INTERNAL, NULL);
	expect(raw_rpc(method_varint, sizeof(method_varint)),
	    "method sent as a varint", NERD__V1__STATUS_CODE__INTERNAL, NULL);
	expect(raw_rpc(timeout_len, sizeof(timeout_len)),
	    "timeout sent as bytes", NERD__V1__STATUS_CODE__INTERNAL, NULL);
	expect(raw_rpc(end_group, sizeof(end_group)), "a lone end-group",
	    NERD__V1__STATUS_CODE__INTERNAL, NULL);
	expect(raw_rpc(long_varint, sizeof(long_varint)), "an 11-byte varint",
	    NERD__V1__STATUS_CODE__INTERNAL, NULL);
	/* A good envelope cut at every length but the whole: each prefix is
	 * refused, none is run. */
	good_envelope(&env, "Cut Short");
	for (size_t n = 1; n < env.len; n++) {
		Nerd__V1__RpcReply *r = raw_rpc(env.data, n);
		cr_expect_neq(
		    sh_code(r), 0, "prefix of %zu/%zu bytes ran", n, env.len);
		nerd__v1__rpc_reply__free_unpacked(r, NULL);
	}
	still_serving("truncated envelopes");
	expect(raw_rpc(env.data, env.len), "the whole envelope", 0, NULL);
	free(env.data);
	stop();
}

Test(server_catalogue, broken_payloads_get_internal_or_invalid_argument)
{
	/* A HealthCheckResponse{status: SERVING}: field 1 as a varint where
	 * RecognizeRequest has its document. */
	static const uint8_t health_resp[] = { 0x08, 0x01 };
	/* A ListRecognizersResponse{recognizers: [{name: "x"}]}: parses as
	 * a document with id "x" and no text. */
	static const uint8_t list_resp[]  = { 0x0a, 0x03, 0x0a, 0x01, 'x' };
	static const uint8_t one_byte[]   = { 0x0a };
	static const uint8_t doc_varint[] = { 0x0a, 0x02, 0x10, 0x05 };
	buf                  p            = { 0 };

	start(NULL);
	expect(payload_rpc(RECOGNIZE, NULL, 0), "0-byte payload",
	    NERD__V1__STATUS_CODE__INVALID_ARGUMENT, "document is required");
	expect(payload_rpc(RECOGNIZE, one_byte, 1), "1-byte payload",
	    NERD__V1__STATUS_CODE__INTERNAL, "RecognizeRequest");
	expect(payload_rpc(RECOGNIZE, health_resp, sizeof(health_resp)),
	    "a HealthCheckResponse as payload",
	    NERD__V1__STATUS_CODE__INTERNAL, "RecognizeRequest");
	expect(payload_rpc(RECOGNIZE, list_resp, sizeof(list_resp)),
	    "a ListRecognizersResponse as payload",
	    NERD__V1__STATUS_CODE__INVALID_ARGUMENT, "empty");
	expect(payload_rpc(RECOGNIZE, doc_varint, sizeof(doc_varint)),
	    "document text sent as a varint", NERD__V1__STATUS_CODE__INTERNAL,
	    "RecognizeRequest");
	/* A good payload cut short. */
	doc_payload(&p, "Cut Short Here", 14);
	for (size_t n = 1; n < p.len; n++) {
		Nerd__V1__RpcReply *r = payload_rpc(RECOGNIZE, p.data, n);
		cr_expect_neq(sh_code(r), 0, "payload prefix of %zu ran", n);
		nerd__v1__rpc_reply__free_unpacked(r, NULL);
	}
	still_serving("truncated payloads");
	/* A Recognize payload sent to Health: its field 1 (document, a
	 * message) reads as the service name, which is unknown. */
	expect(payload_rpc("/nerd.v1.Health/Check", p.data, p.len),
	    "a RecognizeRequest to Health", NERD__V1__STATUS_CODE__NOT_FOUND,
	    NULL);
	free(p.data);
	stop();
}

Test(server_catalogue, text_that_is_not_clean_utf8_is_invalid_argument)
{
	static const struct {
		const char *name;
		const char *text;
		size_t      len;
		const char *msg;
	} cases[] = {
		{ "a lone 0xFF byte", "Paris \xff", 7, "UTF-8" },
		{ "a truncated 2-byte sequence at the end", "caf\xc3", 4,
		    "UTF-8" },
		{ "a UTF-16 surrogate", "x \xed\xa0\x80 y", 7, "UTF-8" },
		{ "past U+10FFFF", "x \xf4\x90\x80\x80", 6, "UTF-8" },
		{ "overlong 3-byte '/'", "a \xe0\x80\xaf b", 7, "UTF-8" },
		{ "overlong 4-byte '/'", "a \xf0\x80\x80\xaf", 6, "UTF-8" },
		{ "overlong NUL (modified UTF-8)", "a \xc0\x80 b", 6,
		    "UTF-8" },
		{ "a NUL byte inside", "Paris\0Berlin", 12, "NUL" },
		{ "a NUL byte first", "\0Paris", 6, "NUL" },
		{ "only a NUL byte", "\0", 1, "NUL" },
	};

	start(NULL);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		expect(text_rpc(cases[i].text, cases[i].len), cases[i].name,
		    NERD__V1__STATUS_CODE__INVALID_ARGUMENT, cases[i].msg);
	}
	stop();
}

Test(server_catalogue, other_strings_must_be_clean_utf8_too)
{
	buf doc = { 0 };
	buf p   = { 0 };

	start(NULL);
	/* A document id that is not UTF-8 would be echoed in the reply's
	 * document_id, which strict proto3 clients refuse to parse. */
	put_field(&doc, 1, "id-\xff", 4);
	put_field(&doc, 2, "Paris", 5);
	put_field(&p, 1, doc.data, doc.len);
	expect(payload_rpc(RECOGNIZE, p.data, p.len), "id not UTF-8",
	    NERD__V1__STATUS_CODE__INVALID_ARGUMENT, "UTF-8");
	/* A kind with a NUL inside is not the kind before the NUL. */
	doc.len = 0;
	p.len   = 0;
	put_field(&doc, 2, "Paris", 5);
	put_field(&p, 1, doc.data, doc.len);
	put_field(&p, 2, "capitalized\0x", 13);
	expect(payload_rpc(RECOGNIZE, p.data, p.len), "NUL inside a kind",
	    NERD__V1__STATUS_CODE__INVALID_ARGUMENT, "NUL");
	free(doc.data);
	free(p.data);
	stop();
}

/* A Recognize payload of exactly len bytes. */
static void
payload_of_size(buf *p, size_t len)
{
	size_t text = len;
	char  *t;

	/* Shrink the text until the framing fits. */
	for (;;) {
		t = malloc(text + 1);
		cr_assert_not_null(t);
		memset(t, 'a', text);
		p->len = 0;
		doc_payload(p, t, text);
		free(t);
		if (p->len <= len) {
			break;
		}
		text -= p->len - len;
	}
	cr_assert_eq(p->len, len, "cannot make a payload of %zu bytes", len);
}

Test(server_catalogue, payload_of_exactly_the_limit_passes_one_more_does_not)
{
	const char *extra[] = { "--max-message", "4096", NULL };
	buf         p       = { 0 };

	start(extra);
	payload_of_size(&p, 4096);
	expect(payload_rpc(RECOGNIZE, p.data, p.len), "exactly the limit", 0,
	    NULL);
	payload_of_size(&p, 4097);
	expect(payload_rpc(RECOGNIZE, p.data, p.len), "one byte over",
	    NERD__V1__STATUS_CODE__RESOURCE_EXHAUSTED, "(4097 vs. 4096)");
	free(p.data);
	stop();
}

/* One call of method with payload, waiting up to a minute (the harness
 * waits 10 s, short for a big batch on a loaded machine under ASan). */
static Nerd__V1__RpcReply *
slow_rpc(const char *method, const uint8_t *data, size_t len)
{
	Nerd__V1__RpcRequest env = NERD__V1__RPC_REQUEST__INIT;
	Nerd__V1__RpcReply  *r;
	nng_ctx              ctx;
	nng_aio             *aio;
	nng_msg             *msg;

	env.method       = (char *) method;
	env.payload.data = (uint8_t *) data;
	env.payload.len  = len;
	cr_assert_eq(
	    nng_msg_alloc(&msg, nerd__v1__rpc_request__get_packed_size(&env)),
	    0);
	nerd__v1__rpc_request__pack(&env, nng_msg_body(msg));
	cr_assert_eq(nng_ctx_open(&ctx, sock), 0);
	cr_assert_eq(nng_aio_alloc(&aio, NULL, NULL), 0);
	nng_aio_set_timeout(aio, 60000);
	nng_aio_set_msg(aio, msg);
	nng_ctx_send(ctx, aio);
	nng_aio_wait(aio);
	cr_assert_eq(nng_aio_result(aio), 0);
	nng_ctx_recv(ctx, aio);
	nng_aio_wait(aio);
	cr_assert_eq(nng_aio_result(aio), 0, "no reply: %s",
	    nng_strerror(nng_aio_result(aio)));
	msg = nng_aio_get_msg(aio);
	r   = nerd__v1__rpc_reply__unpack(
	      NULL, nng_msg_len(msg), nng_msg_body(msg));
	cr_assert_not_null(r);
	nng_msg_free(msg);
	nng_aio_free(aio);
	nng_ctx_close(ctx);
	return (r);
}

Test(server_catalogue, batch_of_100000_tiny_documents_is_answered,
    .timeout = 120)
{
	Nerd__V1__RecognizeBatchResponse *resp;
	Nerd__V1__RpcReply               *r;
	buf                               doc = { 0 };
	buf                               p   = { 0 };
	size_t                            n   = 100000;

	start(NULL);
	put_field(&doc, 2, "A", 1);
	for (size_t i = 0; i < n; i++) {
		put_field(&p, 1, doc.data, doc.len);
	}
	r = slow_rpc(BATCH, p.data, p.len);
	cr_assert_eq(
	    sh_code(r), 0, "status %d (%s)", sh_code(r), r->status->message);
	resp = (Nerd__V1__RecognizeBatchResponse *) sh_payload(
	    r, &nerd__v1__recognize_batch_response__descriptor);
	cr_log_info("reply of %zu bytes for %zu documents", r->payload.len, n);
	cr_assert_eq(resp->n_responses, n);
	cr_assert_eq(resp->n_statuses, n);
	cr_assert_eq(resp->statuses[0]->code, 0);
	cr_assert_eq(resp->statuses[n - 1]->code, 0);
	cr_assert_eq(resp->responses[n - 1]->n_entities, 1);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	still_serving("the big batch");
	free(doc.data);
	free(p.data);
	stop();
}

/* A request naming one kind over and over: checking and filtering by kind
 * must not cost (kinds x documents) or (kinds x entities), or one 4 MiB
 * request pins a worker for minutes, past its deadline and past a drain. */
Test(server_catalogue, a_kind_repeated_many_times_costs_as_much_as_once,
    .timeout = 120)
{
	const char *extra[] = { "--plugins", SERVER_TEST_PLUGIN_DIR,
		"--plugins", CORE_TP_DIR "/hardkinds", NULL };
	Nerd__V1__RecognizeResponse *resp;
	Nerd__V1__RpcReply          *r;
	buf                          p     = { 0 };
	buf                          text  = { 0 };
	size_t                       words = 40000;

	/* "name" (plugin caps) 600,000 times, then "capitalized" (plugin
	 * server_probe): every capitalized entity is looked up in the
	 * list. */
	start(extra);
	for (size_t i = 0; i < words; i++) {
		put(&text, "Aa ", 3);
	}
	doc_payload(&p, (const char *) text.data, text.len);
	for (size_t i = 0; i < 600000; i++) {
		put_field(&p, 2, "name", 4);
	}
	put_field(&p, 2, "capitalized", 11);
	r = slow_rpc(RECOGNIZE, p.data, p.len);
	cr_assert_eq(
	    sh_code(r), 0, "status %d (%s)", sh_code(r), r->status->message);
	resp = (Nerd__V1__RecognizeResponse *) sh_payload(
	    r, &nerd__v1__recognize_response__descriptor);
	cr_assert_eq(resp->n_entities, 2 * words);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	still_serving("a repeated kind");
	free(text.data);
	free(p.data);
	stop();
}

Test(server_catalogue, batch_with_a_kind_repeated_is_checked_once,
    .timeout = 120)
{
	Nerd__V1__RecognizeBatchResponse *resp;
	Nerd__V1__RpcReply               *r;
	buf                               doc = { 0 };
	buf                               p   = { 0 };
	size_t                            n   = 50000;

	start(NULL);
	put_field(&doc, 2, "Aa", 2);
	for (size_t i = 0; i < n; i++) {
		put_field(&p, 1, doc.data, doc.len);
	}
	for (size_t i = 0; i < 200000; i++) {
		put_field(&p, 2, "capitalized", 11);
	}
	r = slow_rpc(BATCH, p.data, p.len);
	cr_assert_eq(
	    sh_code(r), 0, "status %d (%s)", sh_code(r), r->status->message);
	resp = (Nerd__V1__RecognizeBatchResponse *) sh_payload(
	    r, &nerd__v1__recognize_batch_response__descriptor);
	cr_assert_eq(resp->n_statuses, n);
	cr_assert_eq(resp->statuses[n - 1]->code, 0);
	cr_assert_eq(resp->responses[n - 1]->n_entities, 1);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	still_serving("a batch with a repeated kind");
	free(doc.data);
	free(p.data);
	stop();
}

/* A small batch whose reply is far larger than the request: past
 * --max-reply the server answers RESOURCE_EXHAUSTED instead of sending a
 * reply the client's receive limit would refuse by closing the
 * connection (after which REQ re-sends the call to the next server, which
 * runs it again, and so on until the deadline). */
Test(server_catalogue, reply_over_the_reply_limit_is_resource_exhausted)
{
	const char *extra[] = { "--max-reply", "20000", NULL };
	buf         doc     = { 0 };
	buf         p       = { 0 };

	start(extra);
	put_field(&doc, 2, "A B C D E F G H I J K L M N O P", 31);
	for (size_t i = 0; i < 100; i++) {
		put_field(&p, 1, doc.data, doc.len);
	}
	expect(payload_rpc(BATCH, p.data, p.len), "a 20x reply",
	    NERD__V1__STATUS_CODE__RESOURCE_EXHAUSTED,
	    "response larger than max");
	/* The same batch in a tenth passes. */
	expect(payload_rpc(BATCH, p.data, p.len / 10), "a tenth of it", 0,
	    NULL);
	free(doc.data);
	free(p.data);
	stop();
}

/* The Recognize reply is packed into a buffer sized by a bound above its
 * real size (by up to 9 bytes a field: hundreds for this reply): a reply
 * just under --max-reply still goes out (the bound is over the limit, the
 * size is not), one just over it is RESOURCE_EXHAUSTED.  The margins of
 * SIZE_SLACK bytes cover the plugins' elapsed_us, whose varints make the
 * size vary a little from call to call. */
#define SIZE_SLACK 32

Test(server_catalogue, recognize_reply_under_the_reply_limit_passes)
{
	const char *text = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel";
	char        limit[32];
	char        under[32];
	const char *at_limit[]    = { "--max-reply", limit, NULL };
	const char *under_limit[] = { "--max-reply", under, NULL };
	buf         p             = { 0 };
	size_t      size;
	Nerd__V1__RpcReply *r;

	doc_payload(&p, text, strlen(text));
	start(NULL);
	r = payload_rpc(RECOGNIZE, p.data, p.len);
	cr_assert_eq(sh_code(r), 0, "%s", r->status->message);
	size = r->payload.len;
	cr_assert_gt(size, 10 * SIZE_SLACK, "a reply with entities");
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	stop();

	snprintf(limit, sizeof(limit), "%zu", size + SIZE_SLACK);
	start(at_limit);
	r = payload_rpc(RECOGNIZE, p.data, p.len);
	cr_assert_eq(sh_code(r), 0, "%s", r->status->message);
	cr_assert_leq(r->payload.len, size + SIZE_SLACK);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	stop();

	snprintf(under, sizeof(under), "%zu", size - SIZE_SLACK);
	start(under_limit);
	expect(payload_rpc(RECOGNIZE, p.data, p.len), "over the limit",
	    NERD__V1__STATUS_CODE__RESOURCE_EXHAUSTED,
	    "response larger than max");
	stop();
	free(p.data);
}

Test(server_catalogue, deadline_of_1ms_is_met_or_exceeded_never_lost)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	sh_opts                    opts = { .timeout_ms = 1 };
	int                        ok   = 0;
	int                        late = 0;

	start(NULL);
	sh_recognize_request(&req, &doc, "Quick Call");
	for (int i = 0; i < 50; i++) {
		Nerd__V1__RpcReply *r
		    = sh_rpc(sock, RECOGNIZE, &req.base, &opts);
		int code = sh_code(r);
		cr_assert(code == 0
		        || code == NERD__V1__STATUS_CODE__DEADLINE_EXCEEDED,
		    "status %d (%s)", code, r->status->message);
		if (code != 0) {
			cr_assert_eq(r->payload.len, 0);
		}
		ok += code == 0;
		late += code != 0;
		nerd__v1__rpc_reply__free_unpacked(r, NULL);
	}
	cr_log_info("1 ms deadline: %d met, %d exceeded", ok, late);
	still_serving("1 ms deadlines");
	stop();
}

Test(server_catalogue, unknown_metadata_is_ignored)
{
	static const char *const keys[]   = { "x-unknown", "UPPER-Case",
		  "grpc-timeout", "trace-bin", "", "x-request-id" };
	static const char *const values[] = { "v", "V", "1S", "\xff\x00\x01",
		"empty key", "\xff not utf-8" };
	Nerd__V1__RpcRequest     env      = NERD__V1__RPC_REQUEST__INIT;
	Nerd__V1__Metadata       md[6];
	Nerd__V1__Metadata      *mdp[6];
	buf                      p   = { 0 };
	buf                      out = { 0 };

	start(NULL);
	for (size_t i = 0; i < 6; i++) {
		nerd__v1__metadata__init(&md[i]);
		md[i].key   = (char *) keys[i];
		md[i].value = (char *) values[i];
		mdp[i]      = &md[i];
	}
	doc_payload(&p, "Some Text", 9);
	env.method       = RECOGNIZE;
	env.payload.data = p.data;
	env.payload.len  = p.len;
	env.metadata     = mdp;
	env.n_metadata   = 6;
	out.cap          = nerd__v1__rpc_request__get_packed_size(&env);
	out.data         = malloc(out.cap);
	out.len          = nerd__v1__rpc_request__pack(&env, out.data);
	expect(raw_rpc(out.data, out.len), "unknown metadata", 0, NULL);
	/* A thousand metadata entries. */
	out.len = 0;
	for (int i = 0; i < 1000; i++) {
		buf one = { 0 };
		put_field(&one, 1, "x-k", 3);
		put_field(&one, 2, "v", 1);
		put_field(&out, 3, one.data, one.len);
		free(one.data);
	}
	put_field(&out, 1, RECOGNIZE, strlen(RECOGNIZE));
	put_field(&out, 4, p.data, p.len);
	expect(raw_rpc(out.data, out.len), "1000 metadata entries", 0, NULL);
	free(p.data);
	free(out.data);
	stop();
}

Test(server_catalogue, method_name_of_10kb_is_unimplemented)
{
	size_t len  = 10 * 1024;
	char  *name = malloc(len + 1);
	buf    env  = { 0 };

	cr_assert_not_null(name);
	start(NULL);
	memset(name, 'm', len);
	memcpy(name, "/nerd.v1.Recognizer/", 20);
	name[len] = '\0';
	expect(sh_rpc(sock, name, NULL, NULL), "10 KB method",
	    NERD__V1__STATUS_CODE__UNIMPLEMENTED, "(not shown)");
	/* Not UTF-8 either. */
	name[30] = (char) 0xff;
	put_field(&env, 1, name, len);
	expect(raw_rpc(env.data, env.len), "10 KB method, not UTF-8",
	    NERD__V1__STATUS_CODE__UNIMPLEMENTED, "(not shown)");
	/* A real method with a NUL and more after it is not that method. */
	env.len = 0;
	put_field(&env, 1, "/nerd.v1.Health/Check\0x", 23);
	expect(raw_rpc(env.data, env.len), "method with a NUL inside",
	    NERD__V1__STATUS_CODE__UNIMPLEMENTED, NULL);
	free(env.data);
	free(name);
	stop();
}
