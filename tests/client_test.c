/*
 * tests/client_test.c: the client library against tiny fake REP servers
 * (one thread each) on ipc:// addresses in a temporary folder.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/rep.h>
#include <nng/supplemental/tls/tls.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "nerd/client.h"

/* ---------------------------------------------------------------- fake */

typedef struct fake {
	nng_socket sock;
	pthread_t thread;
	char url[128];
	const char *name;
	pthread_mutex_t mtx;
	int requests;       /* envelopes received */
	int slow;           /* "/test/Slow" requests received */
	int dropped;        /* closed its socket on "/test/Drop" */
	char method[128];   /* of the last request */
	char auth[128];     /* its "authorization" metadata */
	uint32_t timeout_ms;
} fake;

#define SERVING NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING

static char tmpdir[64];
/* How many "/test/Drop" requests a fake still obeys (by closing its
 * socket); later ones are unknown methods. */
static atomic_int drops_left = 1;

static void
reply_send(fake *f, int code, const char *message,
    const ProtobufCMessage *payload)
{
	Nerd__V1__RpcReply rep = NERD__V1__RPC_REPLY__INIT;
	Nerd__V1__Status st = NERD__V1__STATUS__INIT;
	uint8_t *buf = NULL;
	size_t n;

	st.code = code;
	st.message = (char *) message;
	rep.status = &st;
	if (payload != NULL) {
		n = protobuf_c_message_get_packed_size(payload);
		rep.payload.data = malloc(n + 1);
		rep.payload.len = n;
		protobuf_c_message_pack(payload, rep.payload.data);
	}
	n = nerd__v1__rpc_reply__get_packed_size(&rep);
	buf = malloc(n + 1);
	nerd__v1__rpc_reply__pack(&rep, buf);
	nng_send(f->sock, buf, n, 0);
	free(buf);
	free(rep.payload.data);
}

/* Answers one request as the tests need. */
static void
fake_answer(fake *f, Nerd__V1__RpcRequest *req)
{
	if (strcmp(req->method, "/nerd.v1.Recognizer/Recognize") == 0) {
		Nerd__V1__RecognizeRequest *in;
		Nerd__V1__RecognizeResponse out =
		    NERD__V1__RECOGNIZE_RESPONSE__INIT;
		Nerd__V1__Entity e = NERD__V1__ENTITY__INIT;
		Nerd__V1__Entity *pe = &e;
		char id[160];
		in = nerd__v1__recognize_request__unpack(NULL,
		    req->payload.len, req->payload.data);
		/* The id says which server answered: "<doc id>@<name>". */
		snprintf(id, sizeof(id), "%s@%s",
		    in && in->document ? in->document->id : "?", f->name);
		out.document_id = id;
		e.kind = "greeting";
		e.start = 0;
		e.end = 5;
		e.text = "Hello";
		out.entities = &pe;
		out.n_entities = 1;
		reply_send(f, 0, "", &out.base);
		nerd__v1__recognize_request__free_unpacked(in, NULL);
	} else if (strcmp(req->method, "/nerd.v1.Health/Check") == 0) {
		Nerd__V1__HealthCheckRequest *in;
		Nerd__V1__HealthCheckResponse out =
		    NERD__V1__HEALTH_CHECK_RESPONSE__INIT;
		in = nerd__v1__health_check_request__unpack(NULL,
		    req->payload.len, req->payload.data);
		if (in != NULL && strcmp(in->service, "") == 0) {
			out.status = SERVING;
			reply_send(f, 0, "", &out.base);
		} else {
			reply_send(f, NERD_STATUS_NOT_FOUND, "unknown service",
			    NULL);
		}
		nerd__v1__health_check_request__free_unpacked(in, NULL);
	} else if (strcmp(req->method,
	               "/nerd.v1.Recognizer/ListRecognizers") == 0) {
		Nerd__V1__ListRecognizersResponse out =
		    NERD__V1__LIST_RECOGNIZERS_RESPONSE__INIT;
		out.generation = 7;
		reply_send(f, 0, "", &out.base);
	} else if (strcmp(req->method, "/nerd.v1.Admin/Reload") == 0) {
		Nerd__V1__ReloadResponse out = NERD__V1__RELOAD_RESPONSE__INIT;
		out.generation = 8;
		reply_send(f, 0, "", &out.base);
	} else if (strcmp(req->method,
	               "/nerd.v1.Recognizer/RecognizeBatch") == 0) {
		Nerd__V1__RecognizeBatchRequest *in;
		Nerd__V1__RecognizeBatchResponse out =
		    NERD__V1__RECOGNIZE_BATCH_RESPONSE__INIT;
		Nerd__V1__RecognizeResponse r[4];
		Nerd__V1__RecognizeResponse *pr[4];
		size_t i;
		in = nerd__v1__recognize_batch_request__unpack(NULL,
		    req->payload.len, req->payload.data);
		for (i = 0; in != NULL && i < in->n_documents && i < 4; i++) {
			nerd__v1__recognize_response__init(&r[i]);
			r[i].document_id = in->documents[i]->id;
			pr[i] = &r[i];
		}
		out.responses = pr;
		out.n_responses = i;
		reply_send(f, 0, "", &out.base);
		nerd__v1__recognize_batch_request__free_unpacked(in, NULL);
	} else if (strcmp(req->method, "/test/Garbage") == 0) {
		nng_send(f->sock, "\xff\xff\xff", 3, 0);
	} else {
		reply_send(f, NERD_STATUS_UNIMPLEMENTED, "no such method",
		    NULL);
	}
}

static void *
fake_main(void *arg)
{
	fake *f = arg;
	Nerd__V1__RpcRequest *req;
	size_t i, n;
	char *buf;

	while (nng_recv(f->sock, &buf, &n, NNG_FLAG_ALLOC) == 0) {
		req = nerd__v1__rpc_request__unpack(NULL, n, (uint8_t *) buf);
		nng_free(buf, n);
		cr_assert_not_null(req, "the client sent a bad envelope");
		pthread_mutex_lock(&f->mtx);
		f->requests++;
		snprintf(f->method, sizeof(f->method), "%s", req->method);
		f->auth[0] = '\0';
		for (i = 0; i < req->n_metadata; i++) {
			if (strcmp(req->metadata[i]->key, "authorization") ==
			    0) {
				snprintf(f->auth, sizeof(f->auth), "%s",
				    req->metadata[i]->value);
			}
		}
		f->timeout_ms = req->timeout_ms;
		if (strcmp(req->method, "/test/Slow") == 0) {
			f->slow++;
		}
		pthread_mutex_unlock(&f->mtx);
		if (strcmp(req->method, "/test/Drop") == 0 &&
		    atomic_fetch_sub(&drops_left, 1) > 0) {
			pthread_mutex_lock(&f->mtx);
			f->dropped = 1;
			pthread_mutex_unlock(&f->mtx);
			nng_close(f->sock);
			nerd__v1__rpc_request__free_unpacked(req, NULL);
			break;
		}
		if (strcmp(req->method, "/test/Slow") != 0) {
			fake_answer(f, req);
		}
		nerd__v1__rpc_request__free_unpacked(req, NULL);
	}
	return (NULL);
}

static void
fake_start(fake *f, const char *name)
{
	static int seq;

	memset(f, 0, sizeof(*f));
	f->name = name;
	pthread_mutex_init(&f->mtx, NULL);
	snprintf(f->url, sizeof(f->url), "ipc://%s/s%d", tmpdir, seq++);
	cr_assert_eq(nng_rep0_open(&f->sock), 0);
	cr_assert_eq(nng_listen(f->sock, f->url, NULL, 0), 0);
	cr_assert_eq(pthread_create(&f->thread, NULL, fake_main, f), 0);
}

/* A fake on tls+tcp://127.0.0.1 (an ephemeral port) with the certificate
 * and key in cert_key; when client_ca is not NULL, clients must present a
 * certificate it signed. */
static void
fake_start_tls(fake *f, const char *name, const char *cert_key,
    const char *client_ca)
{
	nng_tls_config *tls;
	nng_listener l;
	nng_sockaddr sa;

	memset(f, 0, sizeof(*f));
	f->name = name;
	pthread_mutex_init(&f->mtx, NULL);
	cr_assert_eq(nng_rep0_open(&f->sock), 0);
	cr_assert_eq(nng_tls_config_alloc(&tls, NNG_TLS_MODE_SERVER), 0);
	cr_assert_eq(nng_tls_config_cert_key_file(tls, cert_key, NULL), 0);
	if (client_ca != NULL) {
		cr_assert_eq(nng_tls_config_ca_file(tls, client_ca), 0);
		cr_assert_eq(nng_tls_config_auth_mode(tls,
		                 NNG_TLS_AUTH_MODE_REQUIRED),
		    0);
	}
	cr_assert_eq(nng_listener_create(&l, f->sock,
	                 "tls+tcp://127.0.0.1:0"),
	    0);
	cr_assert_eq(nng_listener_set_ptr(l, NNG_OPT_TLS_CONFIG, tls), 0);
	nng_tls_config_free(tls); /* the listener holds it */
	cr_assert_eq(nng_listener_start(l, 0), 0);
	cr_assert_eq(nng_listener_get_addr(l, NNG_OPT_LOCADDR, &sa), 0);
	snprintf(f->url, sizeof(f->url), "tls+tcp://127.0.0.1:%u",
	    (unsigned) ntohs(sa.s_in.sa_port));
	cr_assert_eq(pthread_create(&f->thread, NULL, fake_main, f), 0);
}

/* Makes a self-signed certificate for "localhost" in tmpdir: NAME.crt,
 * NAME.key and NAME.pem (both). */
static void
make_cert(const char *name)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd),
	    "cd '%s' && openssl req -x509 -newkey ec -pkeyopt "
	    "ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost "
	    "-addext subjectAltName=DNS:localhost -keyout %s.key -out %s.crt "
	    ">/dev/null 2>&1 && cat %s.crt %s.key >%s.pem",
	    tmpdir, name, name, name, name, name);
	cr_assert_eq(system(cmd), 0, "openssl failed: %s", cmd);
}

static void
tmp_path(char *buf, size_t cap, const char *name)
{
	snprintf(buf, cap, "%s/%s", tmpdir, name);
}

static void
fake_stop(fake *f)
{
	int dropped;

	pthread_mutex_lock(&f->mtx);
	dropped = f->dropped;
	pthread_mutex_unlock(&f->mtx);
	if (!dropped) {
		nng_close(f->sock);
	}
	pthread_join(f->thread, NULL);
	pthread_mutex_destroy(&f->mtx);
}

static int
fake_get(fake *f, int *field)
{
	int v;

	pthread_mutex_lock(&f->mtx);
	v = *field;
	pthread_mutex_unlock(&f->mtx);
	return (v);
}

static void
setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/nerd-client-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	cr_assert_eq(system(cmd), 0);
}

static nerd_client *
client_for(const char *const *urls, size_t n, const char *token)
{
	nerd_client_config cfg = { 0 };
	nerd_client_status st;
	nerd_client *c = NULL;

	cfg.urls = urls;
	cfg.n_urls = n;
	cfg.token = token;
	cr_assert_eq(nerd_client_open(&c, &cfg, &st), 0, "%s", st.message);
	return (c);
}

static int
recognize_id(nerd_client *c, const char *id, char *answer, size_t cap,
    nerd_client_status *st)
{
	Nerd__V1__RecognizeRequest req = NERD__V1__RECOGNIZE_REQUEST__INIT;
	Nerd__V1__Document d = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__RecognizeResponse *res = NULL;
	int rv;

	d.id = (char *) id;
	d.text = "Hello world.";
	req.document = &d;
	rv = nerd_client_recognize(c, &req, &res, 5000, st);
	if (rv == 0) {
		snprintf(answer, cap, "%s", res->document_id);
		nerd_client_free(res);
	}
	return (rv);
}

/* A call whose request is empty, to any method. */
static int
call_method(nerd_client *c, const char *method, uint32_t timeout_ms,
    nerd_client_status *st)
{
	Nerd__V1__ListRecognizersRequest req =
	    NERD__V1__LIST_RECOGNIZERS_REQUEST__INIT;
	ProtobufCMessage *res = NULL;
	int rv;

	rv = nerd_client_call(c, method, &req.base,
	    &nerd__v1__list_recognizers_response__descriptor, &res,
	    timeout_ms, st);
	nerd_client_free(res);
	return (rv);
}

TestSuite(client, .init = setup, .fini = teardown, .timeout = 60);

/* ---------------------------------------------------------------- tests */

Test(client, recognize_returns_the_servers_response)
{
	fake f;
	nerd_client *c;
	nerd_client_status st;
	const char *urls[1];
	char answer[160];

	fake_start(&f, "a");
	urls[0] = f.url;
	c = client_for(urls, 1, NULL);
	cr_assert_eq(recognize_id(c, "doc-1", answer, sizeof(answer), &st),
	    0, "%s", st.message);
	cr_assert_str_eq(answer, "doc-1@a");
	cr_assert_eq(st.code, NERD_STATUS_OK);
	nerd_client_close(c);
	fake_stop(&f);
}

Test(client, envelope_carries_method_timeout_and_bearer_token)
{
	fake f;
	nerd_client *c;
	nerd_client_status st;
	const char *urls[1];
	char answer[160];

	fake_start(&f, "a");
	urls[0] = f.url;
	c = client_for(urls, 1, "s3cret");
	cr_assert_eq(recognize_id(c, "d", answer, sizeof(answer), &st), 0);
	pthread_mutex_lock(&f.mtx);
	cr_assert_str_eq(f.method, "/nerd.v1.Recognizer/Recognize");
	cr_assert_str_eq(f.auth, "Bearer s3cret");
	cr_assert_eq(f.timeout_ms, 5000);
	pthread_mutex_unlock(&f.mtx);
	nerd_client_close(c);
	fake_stop(&f);
}

Test(client, server_status_is_returned_with_its_message)
{
	fake f;
	nerd_client *c;
	nerd_client_status st;
	Nerd__V1__HealthCheckResponse__ServingStatus serving = 0;
	const char *urls[1];

	fake_start(&f, "a");
	urls[0] = f.url;
	c = client_for(urls, 1, NULL);
	cr_assert_eq(nerd_client_health(c, "nope", &serving, 0, &st),
	    NERD_STATUS_NOT_FOUND);
	cr_assert_eq(st.code, NERD_STATUS_NOT_FOUND);
	cr_assert_str_eq(st.message, "unknown service");
	cr_assert_eq(call_method(c, "/nerd.v1.Nope/Nope", 0, &st),
	    NERD_STATUS_UNIMPLEMENTED);
	nerd_client_close(c);
	fake_stop(&f);
}

Test(client, typed_helpers_decode_their_responses)
{
	fake f;
	nerd_client *c;
	nerd_client_status st;
	Nerd__V1__HealthCheckResponse__ServingStatus serving = 0;
	Nerd__V1__ListRecognizersResponse *list = NULL;
	Nerd__V1__ReloadResponse *reload = NULL;
	Nerd__V1__RecognizeBatchRequest breq =
	    NERD__V1__RECOGNIZE_BATCH_REQUEST__INIT;
	Nerd__V1__RecognizeBatchResponse *batch = NULL;
	Nerd__V1__Document d1 = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__Document d2 = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__Document *docs[2] = { &d1, &d2 };
	const char *urls[1];

	fake_start(&f, "a");
	urls[0] = f.url;
	c = client_for(urls, 1, NULL);
	cr_assert_eq(nerd_client_health(c, NULL, &serving, 0, &st), 0);
	cr_assert_eq(serving, SERVING);
	cr_assert_eq(nerd_client_list(c, &list, 0, &st), 0);
	cr_assert_eq(list->generation, 7);
	cr_assert_eq(nerd_client_reload(c, &reload, 0, &st), 0);
	cr_assert_eq(reload->generation, 8);
	d1.id = "one";
	d2.id = "two";
	breq.documents = docs;
	breq.n_documents = 2;
	cr_assert_eq(nerd_client_recognize_batch(c, &breq, &batch, 0, &st),
	    0);
	cr_assert_eq(batch->n_responses, 2);
	cr_assert_str_eq(batch->responses[1]->document_id, "two");
	nerd_client_free(list);
	nerd_client_free(reload);
	nerd_client_free(batch);
	nerd_client_close(c);
	fake_stop(&f);
}

Test(client, slow_call_ends_with_deadline_exceeded_and_is_sent_once)
{
	fake f;
	nerd_client *c;
	nerd_client_status st;
	const char *urls[1];
	char answer[160];

	fake_start(&f, "a");
	urls[0] = f.url;
	c = client_for(urls, 1, NULL);
	cr_assert_eq(call_method(c, "/test/Slow", 200, &st),
	    NERD_STATUS_DEADLINE_EXCEEDED);
	cr_assert_eq(st.code, NERD_STATUS_DEADLINE_EXCEEDED);
	/* The fake answers in order: once this reply is back, it has seen
	 * every earlier request. */
	cr_assert_eq(recognize_id(c, "d", answer, sizeof(answer), &st), 0);
	cr_assert_eq(fake_get(&f, &f.slow), 1);
	nerd_client_close(c);
	fake_stop(&f);
}

Test(client, no_server_is_unavailable)
{
	nerd_client *c;
	nerd_client_status st;
	const char *urls[1];
	char url[128];
	char answer[160];

	snprintf(url, sizeof(url), "ipc://%s/nobody", tmpdir);
	urls[0] = url;
	c = client_for(urls, 1, NULL);
	cr_assert_eq(recognize_id(c, "d", answer, sizeof(answer), &st),
	    NERD_STATUS_UNAVAILABLE);
	cr_assert(strstr(st.message, url) != NULL, "%s", st.message);
	nerd_client_close(c);
}

Test(client, connection_closed_during_a_call_is_unavailable)
{
	fake f;
	nerd_client *c;
	nerd_client_status st;
	const char *urls[1];

	fake_start(&f, "a");
	urls[0] = f.url;
	c = client_for(urls, 1, NULL);
	cr_assert_eq(call_method(c, "/test/Drop", 30000, &st),
	    NERD_STATUS_UNAVAILABLE, "%s", st.message);
	nerd_client_close(c);
	fake_stop(&f);
}

Test(client, call_is_resent_to_another_server_when_its_connection_dies)
{
	fake a, b;
	nerd_client *c;
	nerd_client_status st;
	const char *urls[2];
	int rv;

	fake_start(&a, "a");
	fake_start(&b, "b");
	urls[0] = a.url;
	urls[1] = b.url;
	c = client_for(urls, 2, NULL);
	/* Whichever server gets it first drops it; the other answers the
	 * resent call (with UNIMPLEMENTED, as it knows no /test/Drop). */
	rv = call_method(c, "/test/Drop", 30000, &st);
	cr_assert_eq(rv, NERD_STATUS_UNIMPLEMENTED, "%s: %s",
	    nerd_status_name(rv), st.message);
	cr_assert_eq(fake_get(&a, &a.dropped) + fake_get(&b, &b.dropped), 1);
	nerd_client_close(c);
	fake_stop(&a);
	fake_stop(&b);
}

Test(client, requests_are_spread_over_every_server)
{
	fake a, b;
	nerd_client *c;
	nerd_client_status st;
	const char *urls[2];
	char answer[160];
	int seen_a = 0, seen_b = 0;
	int i;

	fake_start(&a, "a");
	fake_start(&b, "b");
	urls[0] = a.url;
	urls[1] = b.url;
	c = client_for(urls, 2, NULL);
	for (i = 0; i < 10; i++) {
		cr_assert_eq(recognize_id(c, "d", answer, sizeof(answer),
		                 &st),
		    0, "%s", st.message);
		seen_a += strcmp(answer, "d@a") == 0;
		seen_b += strcmp(answer, "d@b") == 0;
	}
	cr_assert_eq(seen_a + seen_b, 10);
	cr_assert_gt(seen_a, 0);
	cr_assert_gt(seen_b, 0);
	nerd_client_close(c);
	fake_stop(&a);
	fake_stop(&b);
}

Test(client, oversize_request_is_refused_before_sending)
{
	fake f;
	nerd_client_config cfg = { 0 };
	nerd_client *c = NULL;
	nerd_client_status st;
	Nerd__V1__RecognizeRequest req = NERD__V1__RECOGNIZE_REQUEST__INIT;
	Nerd__V1__Document d = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__RecognizeResponse *res = NULL;
	const char *urls[1];
	char answer[160];
	char *big;

	fake_start(&f, "a");
	urls[0] = f.url;
	cfg.urls = urls;
	cfg.n_urls = 1;
	cfg.max_payload = 1024;
	cr_assert_eq(nerd_client_open(&c, &cfg, &st), 0);
	big = malloc(2001);
	memset(big, 'x', 2000);
	big[2000] = '\0';
	d.text = big;
	req.document = &d;
	cr_assert_eq(nerd_client_recognize(c, &req, &res, 0, &st),
	    NERD_STATUS_RESOURCE_EXHAUSTED);
	cr_assert_null(res);
	cr_assert_eq(recognize_id(c, "d", answer, sizeof(answer), &st), 0);
	cr_assert_eq(fake_get(&f, &f.requests), 1, "the big one was sent");
	free(big);
	nerd_client_close(c);
	fake_stop(&f);
}

Test(client, unparsable_reply_is_internal)
{
	fake f;
	nerd_client *c;
	nerd_client_status st;
	const char *urls[1];

	fake_start(&f, "a");
	urls[0] = f.url;
	c = client_for(urls, 1, NULL);
	cr_assert_eq(call_method(c, "/test/Garbage", 0, &st),
	    NERD_STATUS_INTERNAL);
	nerd_client_close(c);
	fake_stop(&f);
}

#define N_THREADS 4
#define N_CALLS 25

typedef struct worker {
	nerd_client *c;
	int id;
	int ok;
} worker;

static void *
worker_main(void *arg)
{
	worker *w = arg;
	nerd_client_status st;
	char id[32], want[40], answer[160];
	int i;

	for (i = 0; i < N_CALLS; i++) {
		snprintf(id, sizeof(id), "t%d-%d", w->id, i);
		snprintf(want, sizeof(want), "%s@a", id);
		if (recognize_id(w->c, id, answer, sizeof(answer), &st) ==
		        0 &&
		    strcmp(answer, want) == 0) {
			w->ok++;
		}
	}
	return (NULL);
}

Test(client, one_client_serves_many_threads)
{
	fake f;
	nerd_client *c;
	pthread_t th[N_THREADS];
	worker w[N_THREADS];
	const char *urls[1];
	int i;

	fake_start(&f, "a");
	urls[0] = f.url;
	c = client_for(urls, 1, NULL);
	for (i = 0; i < N_THREADS; i++) {
		w[i] = (worker) { .c = c, .id = i };
		cr_assert_eq(pthread_create(&th[i], NULL, worker_main, &w[i]),
		    0);
	}
	for (i = 0; i < N_THREADS; i++) {
		pthread_join(th[i], NULL);
		cr_assert_eq(w[i].ok, N_CALLS, "thread %d: %d of %d", i,
		    w[i].ok, N_CALLS);
	}
	nerd_client_close(c);
	fake_stop(&f);
}

Test(client, open_refuses_bad_configurations)
{
	nerd_client_config cfg = { 0 };
	nerd_client *c = NULL;
	nerd_client_status st;
	const char *bad[1] = { "nonsense://x" };
	const char *tls[1] = { "tls+tcp://127.0.0.1:1" };

	cr_assert_eq(nerd_client_open(&c, &cfg, &st),
	    NERD_STATUS_INVALID_ARGUMENT);
	cfg.urls = bad;
	cfg.n_urls = 1;
	cr_assert_eq(nerd_client_open(&c, &cfg, &st),
	    NERD_STATUS_INVALID_ARGUMENT);
	cr_assert(strstr(st.message, "nonsense://x") != NULL, "%s",
	    st.message);
	cfg.urls = tls;
	cfg.tls_ca_file = "/nonexistent/ca.pem";
	cr_assert_eq(nerd_client_open(&c, &cfg, &st),
	    NERD_STATUS_INVALID_ARGUMENT);
	cr_assert_null(c);
}

Test(client, status_set_formats_the_message)
{
	nerd_client_status st;

	cr_assert_eq(nerd_client_status_set(&st, NERD_STATUS_NOT_FOUND,
	                 "no %s here", "plugin"),
	    NERD_STATUS_NOT_FOUND);
	cr_assert_eq(st.code, NERD_STATUS_NOT_FOUND);
	cr_assert_str_eq(st.message, "no plugin here");
	cr_assert_eq(nerd_client_status_set(NULL, 3, "x"), 3);
}

Test(client, free_ignores_null)
{
	nerd_client_free(NULL);
	nerd_client_close(NULL);
}

/* A TLS client of config cfg (URL of f filled in) calls Recognize. */
static int
tls_call(fake *f, nerd_client_config *cfg, nerd_client_status *st)
{
	nerd_client *c = NULL;
	const char *urls[1];
	char answer[160];
	int rv;

	urls[0] = f->url;
	cfg->urls = urls;
	cfg->n_urls = 1;
	cfg->tls_server_name = "localhost";
	rv = nerd_client_open(&c, cfg, st);
	cr_assert_eq(rv, 0, "%s", st->message);
	rv = recognize_id(c, "t", answer, sizeof(answer), st);
	if (rv == 0) {
		cr_assert_str_eq(answer, "t@tls");
	}
	nerd_client_close(c);
	cfg->urls = NULL; /* urls ends here */
	return (rv);
}

Test(client, tls_server_is_verified_against_the_ca_file)
{
	nerd_client_config cfg = { 0 };
	nerd_client_status st;
	char pem[128], ca[128], other[128];
	fake f;

	make_cert("server");
	make_cert("other");
	tmp_path(pem, sizeof(pem), "server.pem");
	tmp_path(ca, sizeof(ca), "server.crt");
	tmp_path(other, sizeof(other), "other.crt");
	fake_start_tls(&f, "tls", pem, NULL);
	cfg.tls_ca_file = ca;
	cr_assert_eq(tls_call(&f, &cfg, &st), 0, "%s", st.message);
	/* A CA that did not sign the server's certificate: no connection. */
	cfg.tls_ca_file = other;
	cr_assert_eq(tls_call(&f, &cfg, &st), NERD_STATUS_UNAVAILABLE);
	fake_stop(&f);
}

Test(client, tls_client_certificate_is_presented_for_mutual_tls)
{
	nerd_client_config cfg = { 0 };
	nerd_client_status st;
	char pem[128], ca[128], crt[128], key[128];
	fake f;

	make_cert("server");
	make_cert("client");
	tmp_path(pem, sizeof(pem), "server.pem");
	tmp_path(ca, sizeof(ca), "server.crt");
	tmp_path(crt, sizeof(crt), "client.crt");
	tmp_path(key, sizeof(key), "client.key");
	fake_start_tls(&f, "tls", pem, crt);
	cfg.tls_ca_file = ca;
	cfg.tls_cert_file = crt;
	cfg.tls_key_file = key;
	cr_assert_eq(tls_call(&f, &cfg, &st), 0, "%s", st.message);
	/* The same certificate and key from one file. */
	tmp_path(pem, sizeof(pem), "client.pem");
	cfg.tls_cert_file = pem;
	cfg.tls_key_file = NULL;
	cr_assert_eq(tls_call(&f, &cfg, &st), 0, "%s", st.message);
	/* Without one the server refuses the connection. */
	cfg.tls_cert_file = NULL;
	cr_assert_eq(tls_call(&f, &cfg, &st), NERD_STATUS_UNAVAILABLE);
	fake_stop(&f);
}

/* 4 x max_payload + 64 KiB wrapped past SIZE_MAX: a payload limit of
 * 2^62 made the reply limit 64 KiB, and a bigger reply closed the
 * connection (UNAVAILABLE); one of 1 GiB made it past what NNG takes, and
 * open failed. */
Test(client, huge_payload_limit_does_not_wrap_the_reply_limit)
{
	fake f;
	nerd_client_config cfg = { 0 };
	nerd_client *c = NULL;
	nerd_client_status st;
	Nerd__V1__RecognizeBatchRequest req =
	    NERD__V1__RECOGNIZE_BATCH_REQUEST__INIT;
	Nerd__V1__Document d = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__Document *docs[1] = { &d };
	Nerd__V1__RecognizeBatchResponse *res = NULL;
	const char *urls[1];
	size_t n = (size_t) 100 * 1024;
	char *id;

	fake_start(&f, "a");
	urls[0] = f.url;
	cfg.urls = urls;
	cfg.n_urls = 1;
	cfg.max_payload = SIZE_MAX / 4 + 1;
	cr_assert_eq(nerd_client_open(&c, &cfg, &st), 0, "%s", st.message);
	/* The fake echoes the id in its reply: 100 KiB back. */
	id = malloc(n + 1);
	memset(id, 'i', n);
	id[n] = '\0';
	d.id = id;
	d.text = "Hello";
	req.documents = docs;
	req.n_documents = 1;
	cr_assert_eq(nerd_client_recognize_batch(c, &req, &res, 5000, &st), 0,
	    "%s: %s", nerd_status_name(st.code), st.message);
	cr_assert_eq(strlen(res->responses[0]->document_id), n);
	nerd_client_free(res);
	nerd_client_close(c);
	/* A reply limit past NNG's largest is taken as NNG's largest (NNG
	 * refused it: "cannot set up socket: Invalid argument"). */
	cfg.recv_max = SIZE_MAX;
	cr_assert_eq(nerd_client_open(&c, &cfg, &st), 0, "%s", st.message);
	nerd_client_close(c);
	cfg.recv_max = 0;
	cfg.max_payload = (size_t) 1 << 30;
	cr_assert_eq(nerd_client_open(&c, &cfg, &st), 0, "%s", st.message);
	cr_assert_eq(nerd_client_recognize_batch(c, &req, &res, 5000, &st), 0,
	    "%s: %s", nerd_status_name(st.code), st.message);
	nerd_client_free(res);
	free(id);
	nerd_client_close(c);
	fake_stop(&f);
}

/* A TCP listener that takes connections and never says a word, like a
 * service of another kind on the port, or a server too wedged to answer:
 * the first dial waited for NNG's own 10 s handshake limit (and minutes
 * where SYNs are dropped), whatever the client's timeout.  The test's
 * timeout (5 s) stands between the two. */
Test(client, open_stops_dialing_at_the_client_timeout, .timeout = 5)
{
	nerd_client_config cfg = { 0 };
	nerd_client *c = NULL;
	nerd_client_status st;
	struct sockaddr_in sa = { 0 };
	socklen_t sl = sizeof(sa);
	const char *urls[1];
	char url[64], answer[160];
	int l;

	l = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert_geq(l, 0);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(l, (struct sockaddr *) &sa, sizeof(sa)), 0);
	cr_assert_eq(listen(l, 16), 0);
	cr_assert_eq(getsockname(l, (struct sockaddr *) &sa, &sl), 0);
	snprintf(url, sizeof(url), "tcp://127.0.0.1:%u",
	    (unsigned) ntohs(sa.sin_port));
	urls[0] = url;
	cfg.urls = urls;
	cfg.n_urls = 1;
	cfg.timeout_ms = 300;
	cr_assert_eq(nerd_client_open(&c, &cfg, &st), 0, "%s", st.message);
	/* Resets the connections waiting in its backlog: no handshake is
	 * left pending in NNG when the client closes. */
	close(l);
	cr_assert_eq(recognize_id(c, "d", answer, sizeof(answer), &st),
	    NERD_STATUS_UNAVAILABLE);
	cr_assert(strstr(st.message, url) != NULL, "%s", st.message);
	nerd_client_close(c);
}
