/*
 * clients/client.c: the client handle (socket, dialers, TLS) and the
 * generic unary call.  Typed helpers are in client_rpc.c.
 */
#include "nerd/client.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/req.h>
#include <nng/supplemental/tls/tls.h>
#include <nng/supplemental/util/platform.h>

/* Room for the envelope around the largest payload. */
#define ENVELOPE_SLACK ((size_t) 64 * 1024)
/* The default cap on replies, in request payloads. */
#define REPLY_FACTOR 4u
/* The largest NNG_OPT_RECVMAXSZ NNG accepts (4 GiB - 1). */
#define RECV_MAX_LIMIT ((size_t) UINT32_MAX)
/* How much longer than the deadline the REQ resend timer waits: a call is
 * only ever re-sent because its server's connection died, never because
 * it is slow. */
#define RESEND_MARGIN_MS 1000
#define RECONNECT_MIN_MS 100
#define RECONNECT_MAX_MS 2000

struct nerd_client {
	nng_socket sock;
	nng_dialer *dialers;
	size_t n_dialers;
	nng_tls_config **tls; /* one per dialer, NULL for plain URLs */
	char *authorization;  /* "Bearer <token>", or NULL */
	uint32_t timeout_ms;
	size_t max_payload;

	/* The pipes connected now, maintained by pipe_event().  mtx also
	 * guards the completion flags of calls, signalled through cv. */
	pthread_mutex_t mtx;
	pthread_cond_t cv;
	uint32_t *pipes;
	size_t n_pipes;
	size_t cap_pipes;
	uint64_t pipe_losses; /* times the pipe count fell to zero */
	char dial_error[160]; /* why the last dial failed */
};

/* One in-flight operation on a call's context. */
typedef struct call_op {
	nerd_client *client;
	nng_aio *aio;
	int done;
} call_op;

int
nerd_client_status_set(nerd_client_status *st, int code, const char *fmt, ...)
{
	va_list ap;

	if (st == NULL) {
		return (code);
	}
	st->code = code;
	va_start(ap, fmt);
	vsnprintf(st->message, sizeof(st->message), fmt, ap);
	va_end(ap);
	return (code);
}

static int
status_from_nng(int rv)
{
	switch (rv) {
	case 0:
		return (NERD_STATUS_OK);
	case NNG_ETIMEDOUT:
		return (NERD_STATUS_DEADLINE_EXCEEDED);
	case NNG_ECONNREFUSED:
	case NNG_ECONNRESET:
	case NNG_ECONNSHUT:
	case NNG_ECONNABORTED:
	case NNG_EUNREACHABLE:
	case NNG_ENOENT:
	case NNG_EPEERAUTH:
		return (NERD_STATUS_UNAVAILABLE);
	case NNG_ECANCELED:
	case NNG_ECLOSED:
		return (NERD_STATUS_CANCELLED);
	case NNG_ENOMEM:
	case NNG_EMSGSIZE:
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	default:
		return (NERD_STATUS_INTERNAL);
	}
}

/* Runs on NNG's threads: only bookkeeping under the client mutex, which
 * no thread holds across an NNG call. */
static void
pipe_event(nng_pipe p, nng_pipe_ev ev, void *arg)
{
	nerd_client *c = arg;
	uint32_t id = nng_pipe_id(p);
	size_t i;

	pthread_mutex_lock(&c->mtx);
	if (ev == NNG_PIPE_EV_ADD_POST) {
		if (c->n_pipes == c->cap_pipes) {
			size_t cap = c->cap_pipes ? c->cap_pipes * 2 : 8;
			uint32_t *np = realloc(c->pipes, cap * sizeof(*np));
			if (np == NULL) {
				/* Unknown count: treat as connected. */
				pthread_mutex_unlock(&c->mtx);
				return;
			}
			c->pipes = np;
			c->cap_pipes = cap;
		}
		c->pipes[c->n_pipes++] = id;
	} else if (ev == NNG_PIPE_EV_REM_POST) {
		for (i = 0; i < c->n_pipes; i++) {
			if (c->pipes[i] == id) {
				c->pipes[i] = c->pipes[--c->n_pipes];
				if (c->n_pipes == 0) {
					c->pipe_losses++;
					snprintf(c->dial_error,
					    sizeof(c->dial_error),
					    "the last connection closed");
				}
				break;
			}
		}
	}
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mtx);
}

static char *
read_file(const char *path, nerd_client_status *st)
{
	FILE *f;
	char *buf = NULL;
	long n;

	f = fopen(path, "rb");
	if (f == NULL) {
		nerd_client_status_set(st, NERD_STATUS_INVALID_ARGUMENT,
		    "cannot open %s", path);
		return (NULL);
	}
	n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (n < 0 || fseek(f, 0, SEEK_SET) != 0) {
		nerd_client_status_set(st, NERD_STATUS_INVALID_ARGUMENT,
		    "cannot read %s", path);
		goto out;
	}
	buf = malloc((size_t) n + 1);
	if (buf == NULL) {
		nerd_client_status_set(st, NERD_STATUS_RESOURCE_EXHAUSTED,
		    "out of memory reading %s", path);
		goto out;
	}
	if (fread(buf, 1, (size_t) n, f) != (size_t) n) {
		nerd_client_status_set(st, NERD_STATUS_INVALID_ARGUMENT,
		    "cannot read %s", path);
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[n] = '\0';
out:
	fclose(f);
	return (buf);
}

/* A TLS configuration for one tls+tcp:// URL. */
static int
tls_config(nng_tls_config **out, const nerd_client_config *cfg,
    const char *url, nerd_client_status *st)
{
	nng_tls_config *tls = NULL;
	nng_url *u = NULL;
	char *cert = NULL;
	char *key = NULL;
	const char *name;
	int rv;

	rv = nng_tls_config_alloc(&tls, NNG_TLS_MODE_CLIENT);
	if (rv != 0) {
		return (nerd_client_status_set(st, status_from_nng(rv),
		    "TLS: %s", nng_strerror(rv)));
	}
	rv = nng_url_parse(&u, url);
	if (rv != 0) {
		rv = nerd_client_status_set(st, NERD_STATUS_INVALID_ARGUMENT,
		    "bad URL %s: %s", url, nng_strerror(rv));
		goto out;
	}
	name = cfg->tls_server_name ? cfg->tls_server_name : u->u_hostname;
	if (name != NULL && name[0] != '\0') {
		rv = nng_tls_config_server_name(tls, name);
	}
	if (rv != 0) {
		rv = nerd_client_status_set(st, NERD_STATUS_INVALID_ARGUMENT,
		    "TLS server name %s: %s", name, nng_strerror(rv));
		goto out;
	}
	if (cfg->tls_ca_file != NULL) {
		rv = nng_tls_config_ca_file(tls, cfg->tls_ca_file);
		if (rv == 0) {
			rv = nng_tls_config_auth_mode(tls,
			    NNG_TLS_AUTH_MODE_REQUIRED);
		}
	} else {
		rv = nng_tls_config_auth_mode(tls, NNG_TLS_AUTH_MODE_NONE);
	}
	if (rv != 0) {
		rv = nerd_client_status_set(st, NERD_STATUS_INVALID_ARGUMENT,
		    "TLS CA file %s: %s", cfg->tls_ca_file, nng_strerror(rv));
		goto out;
	}
	if (cfg->tls_cert_file != NULL && cfg->tls_key_file == NULL) {
		rv = nng_tls_config_cert_key_file(tls, cfg->tls_cert_file,
		    NULL);
	} else if (cfg->tls_cert_file != NULL) {
		cert = read_file(cfg->tls_cert_file, st);
		key = cert ? read_file(cfg->tls_key_file, st) : NULL;
		if (key == NULL) {
			rv = st ? st->code : NERD_STATUS_INVALID_ARGUMENT;
			goto out;
		}
		rv = nng_tls_config_own_cert(tls, cert, key, NULL);
	}
	if (rv != 0) {
		rv = nerd_client_status_set(st, NERD_STATUS_INVALID_ARGUMENT,
		    "TLS certificate %s: %s", cfg->tls_cert_file,
		    nng_strerror(rv));
		goto out;
	}
	*out = tls;
	tls = NULL;
out:
	free(cert);
	free(key);
	if (u != NULL) {
		nng_url_free(u);
	}
	if (tls != NULL) {
		nng_tls_config_free(tls);
	}
	return (rv);
}

/* Bounds a synchronous dial by the client's timeout: NNG's own bound is
 * its 10 s handshake limit, or the system's TCP connect timeout (minutes
 * where SYNs are dropped).  The guard closes the dialer when the time is
 * up, which ends the dial. */
typedef struct dial_guard {
	pthread_mutex_t mtx;
	pthread_cond_t cv;
	struct timespec until; /* CLOCK_MONOTONIC */
	nng_dialer d;
	int done;  /* the dial returned */
	int fired; /* the guard closed the dialer */
} dial_guard;

static void *
guard_main(void *arg)
{
	dial_guard *g = arg;
	int rv = 0;

	pthread_mutex_lock(&g->mtx);
	while (!g->done && rv != ETIMEDOUT) {
		rv = pthread_cond_timedwait(&g->cv, &g->mtx, &g->until);
	}
	g->fired = !g->done;
	pthread_mutex_unlock(&g->mtx);
	if (g->fired) {
		nng_dialer_close(g->d);
	}
	return (NULL);
}

/* nng_dialer_start(d, 0) given up after ms (then NNG_ETIMEDOUT, and d is
 * closed). */
static int
dialer_start_within(nng_dialer d, uint32_t ms)
{
	dial_guard g = { .d = d };
	pthread_condattr_t ca;
	pthread_t th;
	int rv;

	pthread_mutex_init(&g.mtx, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g.cv, &ca);
	pthread_condattr_destroy(&ca);
	clock_gettime(CLOCK_MONOTONIC, &g.until);
	g.until.tv_sec += (time_t) (ms / 1000);
	g.until.tv_nsec += (long) (ms % 1000) * 1000000L;
	if (g.until.tv_nsec >= 1000000000L) {
		g.until.tv_sec++;
		g.until.tv_nsec -= 1000000000L;
	}
	if (pthread_create(&th, NULL, guard_main, &g) != 0) {
		rv = nng_dialer_start(d, 0); /* unguarded, as NNG bounds it */
		goto out;
	}
	rv = nng_dialer_start(d, 0);
	pthread_mutex_lock(&g.mtx);
	g.done = 1;
	pthread_cond_signal(&g.cv);
	pthread_mutex_unlock(&g.mtx);
	pthread_join(th, NULL);
	if (g.fired) {
		rv = NNG_ETIMEDOUT;
	}
out:
	pthread_cond_destroy(&g.cv);
	pthread_mutex_destroy(&g.mtx);
	return (rv);
}

static int
dialer_create(nerd_client *c, size_t i, const char *url, int flags)
{
	nng_dialer d;
	int rv;

	rv = nng_dialer_create(&d, c->sock, url);
	if (rv != 0) {
		return (rv);
	}
	if (c->tls[i] != NULL) {
		rv = nng_dialer_set_ptr(d, NNG_OPT_TLS_CONFIG, c->tls[i]);
	}
	if (rv == 0) {
		rv = flags == 0 ? dialer_start_within(d, c->timeout_ms)
		                : nng_dialer_start(d, flags);
	}
	if (rv != 0) {
		nng_dialer_close(d);
		return (rv);
	}
	c->dialers[i] = d;
	return (0);
}

/* Dials once synchronously (for at most the client's timeout), so that a
 * reachable server is connected when open returns; then leaves a
 * background dialer that keeps retrying. */
static int
dial(nerd_client *c, size_t i, const char *url, nerd_client_status *st)
{
	int rv;

	rv = dialer_create(c, i, url, 0);
	if (rv == 0) {
		return (0);
	}
	if (rv == NNG_EADDRINVAL || rv == NNG_ENOTSUP || rv == NNG_EINVAL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT, "bad URL %s: %s", url,
		    nng_strerror(rv)));
	}
	pthread_mutex_lock(&c->mtx);
	snprintf(c->dial_error, sizeof(c->dial_error), "%s: %s", url,
	    nng_strerror(rv));
	pthread_mutex_unlock(&c->mtx);
	rv = dialer_create(c, i, url, NNG_FLAG_NONBLOCK);
	if (rv != 0) {
		return (nerd_client_status_set(st, status_from_nng(rv),
		    "cannot dial %s: %s", url, nng_strerror(rv)));
	}
	return (0);
}

static int
client_setup(nerd_client *c, const nerd_client_config *cfg,
    nerd_client_status *st)
{
	size_t recv_max;
	size_t i;
	int rv;

	rv = nng_req0_open(&c->sock);
	if (rv != 0) {
		return (nerd_client_status_set(st, status_from_nng(rv),
		    "cannot open socket: %s", nng_strerror(rv)));
	}
	/* Replies may be larger than requests (entities copy their text);
	 * one over the cap closes the connection, seen as UNAVAILABLE.  The
	 * cap saturates at NNG's largest rather than wrap or be refused. */
	recv_max = cfg->recv_max;
	if (recv_max == 0) {
		recv_max = c->max_payload >
		        (RECV_MAX_LIMIT - ENVELOPE_SLACK) / REPLY_FACTOR
		    ? RECV_MAX_LIMIT
		    : REPLY_FACTOR * c->max_payload + ENVELOPE_SLACK;
	}
	if (recv_max > RECV_MAX_LIMIT) {
		recv_max = RECV_MAX_LIMIT;
	}
	rv = nng_socket_set_size(c->sock, NNG_OPT_RECVMAXSZ, recv_max);
	if (rv == 0) {
		rv = nng_socket_set_ms(c->sock, NNG_OPT_RECONNMINT,
		    RECONNECT_MIN_MS);
	}
	if (rv == 0) {
		rv = nng_socket_set_ms(c->sock, NNG_OPT_RECONNMAXT,
		    RECONNECT_MAX_MS);
	}
	if (rv == 0) {
		rv = nng_pipe_notify(c->sock, NNG_PIPE_EV_ADD_POST,
		    pipe_event, c);
	}
	if (rv == 0) {
		rv = nng_pipe_notify(c->sock, NNG_PIPE_EV_REM_POST,
		    pipe_event, c);
	}
	if (rv != 0) {
		return (nerd_client_status_set(st, status_from_nng(rv),
		    "cannot set up socket: %s", nng_strerror(rv)));
	}
	for (i = 0; i < cfg->n_urls; i++) {
		const char *url = cfg->urls[i];
		if (url == NULL) {
			return (nerd_client_status_set(st,
			    NERD_STATUS_INVALID_ARGUMENT, "URL %zu is NULL",
			    i));
		}
		if (strncmp(url, "tls+", 4) == 0) {
			rv = tls_config(&c->tls[i], cfg, url, st);
			if (rv != 0) {
				return (rv);
			}
		}
		rv = dial(c, i, url, st);
		if (rv != 0) {
			return (rv);
		}
		c->n_dialers = i + 1;
	}
	return (0);
}

int
nerd_client_open(nerd_client **out, const nerd_client_config *cfg,
    nerd_client_status *st)
{
	nerd_client *c;
	int rv;

	nerd_client_status_set(st, NERD_STATUS_OK, "%s", "");
	if (out == NULL || cfg == NULL || cfg->n_urls == 0 ||
	    cfg->urls == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT, "no server URL given"));
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory"));
	}
	pthread_mutex_init(&c->mtx, NULL);
	pthread_cond_init(&c->cv, NULL);
	c->sock = (nng_socket) NNG_SOCKET_INITIALIZER;
	c->timeout_ms = cfg->timeout_ms ? cfg->timeout_ms
	                                : NERD_CLIENT_DEFAULT_TIMEOUT_MS;
	c->max_payload = cfg->max_payload ? cfg->max_payload
	                                  : NERD_CLIENT_MAX_PAYLOAD;
	snprintf(c->dial_error, sizeof(c->dial_error), "never connected");
	c->dialers = calloc(cfg->n_urls, sizeof(*c->dialers));
	c->tls = calloc(cfg->n_urls, sizeof(*c->tls));
	if (cfg->token != NULL && cfg->token[0] != '\0') {
		size_t n = strlen(cfg->token) + sizeof("Bearer ");
		c->authorization = malloc(n);
		if (c->authorization != NULL) {
			snprintf(c->authorization, n, "Bearer %s",
			    cfg->token);
		}
	}
	if (c->dialers == NULL || c->tls == NULL ||
	    (cfg->token != NULL && cfg->token[0] != '\0' &&
	        c->authorization == NULL)) {
		rv = nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory");
		goto fail;
	}
	rv = client_setup(c, cfg, st);
	if (rv != 0) {
		goto fail;
	}
	*out = c;
	return (0);
fail:
	/* Every tls slot (NULL or not) is freed by close. */
	c->n_dialers = cfg->n_urls;
	nerd_client_close(c);
	return (rv);
}

void
nerd_client_close(nerd_client *c)
{
	size_t i;

	if (c == NULL) {
		return;
	}
	if (nng_socket_id(c->sock) > 0) {
		nng_close(c->sock);
	}
	for (i = 0; c->tls != NULL && i < c->n_dialers; i++) {
		if (c->tls[i] != NULL) {
			nng_tls_config_free(c->tls[i]);
		}
	}
	free(c->tls);
	free(c->dialers);
	free(c->pipes);
	free(c->authorization);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mtx);
	free(c);
}

void
nerd_client_free(void *msg)
{
	if (msg != NULL) {
		protobuf_c_message_free_unpacked(msg, NULL);
	}
}

/* ---------------------------------------------------------------- calls */

static void
op_done(void *arg)
{
	call_op *op = arg;

	pthread_mutex_lock(&op->client->mtx);
	op->done = 1;
	pthread_cond_broadcast(&op->client->cv);
	pthread_mutex_unlock(&op->client->mtx);
}

/* Waits for the operation started on op->aio.  Returns its NNG result,
 * or NNG_ECONNSHUT when every connection closed meanwhile (the operation
 * is then cancelled: with no server left it could only time out). */
static int
op_wait(call_op *op, uint64_t losses)
{
	nerd_client *c = op->client;
	int lost;

	pthread_mutex_lock(&c->mtx);
	while (!op->done && c->pipe_losses == losses) {
		pthread_cond_wait(&c->cv, &c->mtx);
	}
	lost = !op->done;
	pthread_mutex_unlock(&c->mtx);
	if (lost) {
		nng_aio_cancel(op->aio);
	}
	nng_aio_wait(op->aio);
	if (lost && nng_aio_result(op->aio) == NNG_ECANCELED) {
		return (NNG_ECONNSHUT);
	}
	return (nng_aio_result(op->aio));
}

static int
transport_status(nerd_client_status *st, int rv, const char *what,
    uint32_t timeout_ms)
{
	if (rv == NNG_ETIMEDOUT) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_DEADLINE_EXCEEDED,
		    "no reply within %u ms", (unsigned) timeout_ms));
	}
	if (rv == NNG_ECONNSHUT) {
		return (nerd_client_status_set(st, NERD_STATUS_UNAVAILABLE,
		    "the connection to the server closed during the call"));
	}
	return (nerd_client_status_set(st, status_from_nng(rv), "%s: %s",
	    what, nng_strerror(rv)));
}

/* Packs the envelope into a new message. */
static int
envelope_pack(nerd_client *c, const char *method, const ProtobufCMessage *req,
    uint32_t timeout_ms, nng_msg **out, nerd_client_status *st)
{
	Nerd__V1__RpcRequest env = NERD__V1__RPC_REQUEST__INIT;
	Nerd__V1__Metadata auth = NERD__V1__METADATA__INIT;
	Nerd__V1__Metadata *md[1];
	uint8_t *payload;
	size_t n;
	nng_msg *msg;
	int rv;

	n = protobuf_c_message_get_packed_size(req);
	if (n > c->max_payload) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED,
		    "request of %zu bytes is larger than the limit (%zu)", n,
		    c->max_payload));
	}
	payload = malloc(n ? n : 1);
	if (payload == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory"));
	}
	protobuf_c_message_pack(req, payload);
	env.method = (char *) method;
	env.timeout_ms = timeout_ms;
	env.payload.data = payload;
	env.payload.len = n;
	if (c->authorization != NULL) {
		auth.key = "authorization";
		auth.value = c->authorization;
		md[0] = &auth;
		env.metadata = md;
		env.n_metadata = 1;
	}
	n = nerd__v1__rpc_request__get_packed_size(&env);
	rv = nng_msg_alloc(&msg, n);
	if (rv != 0) {
		free(payload);
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory"));
	}
	nerd__v1__rpc_request__pack(&env, nng_msg_body(msg));
	free(payload);
	*out = msg;
	return (0);
}

/* Turns the reply message into the caller's result. */
static int
reply_unpack(nng_msg *msg, const ProtobufCMessageDescriptor *reply_desc,
    ProtobufCMessage **reply, nerd_client_status *st)
{
	Nerd__V1__RpcReply *env;
	int rv;

	env = nerd__v1__rpc_reply__unpack(NULL, nng_msg_len(msg),
	    nng_msg_body(msg));
	if (env == NULL) {
		return (nerd_client_status_set(st, NERD_STATUS_INTERNAL,
		    "unable to parse the reply envelope"));
	}
	if (env->status != NULL && env->status->code != NERD_STATUS_OK) {
		rv = nerd_client_status_set(st, env->status->code, "%s",
		    env->status->message ? env->status->message : "");
		goto out;
	}
	*reply = protobuf_c_message_unpack(reply_desc, NULL,
	    env->payload.len, env->payload.data);
	if (*reply == NULL) {
		rv = nerd_client_status_set(st, NERD_STATUS_INTERNAL,
		    "unable to parse the reply payload as %s",
		    reply_desc->name);
		goto out;
	}
	rv = nerd_client_status_set(st, NERD_STATUS_OK, "%s", "");
out:
	nerd__v1__rpc_reply__free_unpacked(env, NULL);
	return (rv);
}

static nng_duration
clamp_ms(uint64_t ms)
{
	return (ms > INT32_MAX - RESEND_MARGIN_MS
	        ? INT32_MAX - RESEND_MARGIN_MS
	        : (nng_duration) ms);
}

int
nerd_client_call(nerd_client *c, const char *method,
    const ProtobufCMessage *req, const ProtobufCMessageDescriptor *reply_desc,
    ProtobufCMessage **reply, uint32_t timeout_ms, nerd_client_status *st)
{
	call_op op = { .client = c };
	nng_ctx ctx = NNG_CTX_INITIALIZER;
	nng_msg *msg = NULL;
	nng_time deadline;
	nng_time now;
	nng_duration left;
	uint64_t losses;
	int rv;

	if (reply != NULL) {
		*reply = NULL;
	}
	if (c == NULL || method == NULL || req == NULL || reply_desc == NULL ||
	    reply == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT, "missing argument"));
	}
	if (timeout_ms == 0) {
		timeout_ms = c->timeout_ms;
	}
	left = clamp_ms(timeout_ms);
	deadline = nng_clock() + (nng_time) left;
	rv = envelope_pack(c, method, req, timeout_ms, &msg, st);
	if (rv != 0) {
		return (rv);
	}
	pthread_mutex_lock(&c->mtx);
	losses = c->pipe_losses;
	if (c->n_pipes == 0) {
		rv = nerd_client_status_set(st, NERD_STATUS_UNAVAILABLE,
		    "no connection to a server (%s)", c->dial_error);
	}
	pthread_mutex_unlock(&c->mtx);
	if (rv != 0) {
		goto out;
	}
	rv = nng_aio_alloc(&op.aio, op_done, &op);
	if (rv == 0) {
		rv = nng_ctx_open(&ctx, c->sock);
	}
	if (rv == 0) {
		rv = nng_ctx_set_ms(ctx, NNG_OPT_REQ_RESENDTIME,
		    left + RESEND_MARGIN_MS);
	}
	if (rv != 0) {
		rv = transport_status(st, rv, "cannot start the call",
		    timeout_ms);
		goto out;
	}

	nng_aio_set_timeout(op.aio, left);
	nng_aio_set_msg(op.aio, msg);
	nng_ctx_send(ctx, op.aio);
	rv = op_wait(&op, losses);
	if (rv != 0) {
		/* On failure the message is still ours. */
		rv = transport_status(st, rv, "send", timeout_ms);
		goto out;
	}
	msg = NULL;

	now = nng_clock();
	left = (nng_duration) (deadline > now ? deadline - now : 0);
	if (left <= 0) {
		rv = transport_status(st, NNG_ETIMEDOUT, "", timeout_ms);
		goto out;
	}
	op.done = 0; /* the send's callback has run: nobody else writes it */
	nng_aio_set_timeout(op.aio, left);
	nng_ctx_recv(ctx, op.aio);
	rv = op_wait(&op, losses);
	if (rv != 0) {
		rv = transport_status(st, rv, "receive", timeout_ms);
		goto out;
	}
	msg = nng_aio_get_msg(op.aio);
	rv = reply_unpack(msg, reply_desc, reply, st);
out:
	if (msg != NULL) {
		nng_msg_free(msg);
	}
	if (op.aio != NULL) {
		nng_aio_free(op.aio);
	}
	if (nng_ctx_id(ctx) > 0) {
		nng_ctx_close(ctx);
	}
	return (rv);
}
