/* server/transport.c: REP socket, listeners and the receive path. */
#include "transport.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/rep.h>
#include <nng/supplemental/tls/tls.h>

#include "call.h"
#include "log.h"
#include "nerd/status.h"
#include "server.h"
#include "wire.h"

/* Slack over the payload limit for the envelope around it. */
#define ENVELOPE_SLACK ((size_t) 64 * 1024)

int
nsrv_url_is_local(const char *url)
{
	const char *host;
	size_t      len;
	const char *end;

	if (strncmp(url, "ipc://", 6) == 0 || strncmp(url, "inproc://", 9) == 0
	    || strncmp(url, "abstract://", 11) == 0) {
		return (1);
	}
	host = strstr(url, "://");
	if (host == NULL) {
		return (0);
	}
	host += 3;
	if (host[0] == '[') {
		end = strchr(host, ']');
		if (end == NULL) {
			return (0);
		}
		len = (size_t) (end - host - 1);
		return (len == 3 && strncmp(host + 1, "::1", 3) == 0);
	}
	end = host + strcspn(host, ":/");
	len = (size_t) (end - host);
	if (len == 9 && strncasecmp(host, "localhost", 9) == 0) {
		return (1);
	}
	return (len >= 4 && strncmp(host, "127.", 4) == 0);
}

static int
url_is_tls(const char *url)
{
	return (strncmp(url, "tls+", 4) == 0 || strncmp(url, "wss", 3) == 0);
}

static void
call_recv(nsrv_call *call)
{
	nsrv_arena_reset(&call->arena);
	call->req           = NULL;
	call->method        = NULL;
	call->request_id    = NULL;
	call->authorization = NULL;
	call->deadline_ns   = 0;
	call->bad_payload   = 0;
	call->state         = NSRV_CALL_RECV;
	nng_ctx_recv(call->ctx, call->aio);
}

/* An arena copy of a metadata value, NUL-terminated by protobuf-c. */
static void
scan_metadata(nsrv_call *call)
{
	const Nerd__V1__RpcRequest *req = call->req;

	for (size_t i = 0; i < req->n_metadata; i++) {
		const Nerd__V1__Metadata *md = req->metadata[i];
		if (md == NULL || md->key == NULL) {
			continue;
		}
		if (strcmp(md->key, "x-request-id") == 0) {
			/* Echoed in a string field: it must be valid UTF-8. */
			size_t n = strlen(md->value);
			if (n <= 256 && neri_utf8_valid(md->value, n)) {
				call->request_id = md->value;
			}
		} else if (strcmp(md->key, "authorization") == 0) {
			call->authorization = md->value;
		}
	}
}

/* Nonzero when pipe p is a local transport's (ipc://, inproc://), where
 * the socket file's permissions decide who may connect. */
static int
from_local_pipe(nng_pipe p)
{
	nng_sockaddr sa;

	if (nng_pipe_id(p) < 0
	    || nng_pipe_get_addr(p, NNG_OPT_REMADDR, &sa) != 0) {
		return (0);
	}
	return (sa.s_family == NNG_AF_IPC || sa.s_family == NNG_AF_INPROC);
}

/* 0 when the caller may call the method, else the status to answer.
 * Without admin tokens, admin methods are for local callers only: a
 * stranger on a tcp:// listener must not make the server reload. */
static int
check_auth(nsrv_call *call, const char **why)
{
	nsrv_server *srv   = call->srv;
	unsigned     flags = call->method->flags;
	int          user;
	int          admin;

	if ((flags & NSRV_M_ADMIN) != 0 && srv->admin == NULL
	    && !from_local_pipe(call->pipe)) {
		*why = "admin methods over the network need --admin-tokens "
		       "(or call over ipc://, or send SIGHUP)";
		return (NERD_STATUS_PERMISSION_DENIED);
	}
	if (srv->auth == NULL && srv->admin == NULL) {
		return (0);
	}
	user  = nsrv_tokens_match(srv->auth, call->authorization);
	admin = nsrv_tokens_match(srv->admin, call->authorization);
	if ((flags & NSRV_M_ADMIN) != 0 && srv->admin != NULL) {
		if (admin) {
			return (0);
		}
		if (srv->auth != NULL && !user) {
			*why = "missing or invalid bearer token";
			return (NERD_STATUS_UNAUTHENTICATED);
		}
		*why = "this method needs an admin token";
		return (NERD_STATUS_PERMISSION_DENIED);
	}
	if (srv->auth != NULL && (flags & NSRV_M_NO_AUTH) == 0 && !user
	    && !admin) {
		*why = "missing or invalid bearer token";
		return (NERD_STATUS_UNAUTHENTICATED);
	}
	return (0);
}

/* Takes one of the srv->inline_slots for a call run in an NNG callback;
 * 0 when all are taken (the call then goes to the pool). */
static int
inline_enter(nsrv_server *srv)
{
	if (atomic_fetch_add(&srv->inline_running, 1) < srv->inline_slots) {
		return (1);
	}
	atomic_fetch_sub(&srv->inline_running, 1);
	return (0);
}

/* Validates a received envelope and answers it at once, runs it to
 * completion here (an envelope of at most cfg->inline_max bytes), or
 * queues it for a worker.  Runs in the NNG callback: never blocks on
 * anything but the CPU work of a small call. */
static void
call_receive(nsrv_call *call, nng_msg *msg)
{
	nsrv_server       *srv = call->srv;
	const nsrv_config *cfg = srv->cfg;
	char               why[256];
	const char        *reason = NULL;
	size_t             len = nng_msg_len(msg);
	uint32_t           timeout;
	int                code;
	int                method_ok;

	call->recv_ns = nsrv_now_ns();
	call->pipe    = nng_msg_get_pipe(msg);
	call->req     = nerd__v1__rpc_request__unpack(
	        &call->arena.pb, nng_msg_len(msg), nng_msg_body(msg));
	/* A method name with a NUL inside is not the name before it. */
	method_ok = call->req != NULL
	    && nsrv_wire_check_strings(&nerd__v1__rpc_request__descriptor,
	           nng_msg_body(msg), nng_msg_len(msg), 0, why, sizeof(why))
	        == 0;
	/* Its bytes are in the arena now.  A small request's message is
	 * kept to carry the reply (nsrv_call_reply): no second malloc. */
	if (len <= cfg->inline_max) {
		call->msg = msg;
	} else {
		nng_msg_free(msg);
	}
	if (call->req == NULL) {
		nsrv_call_reply(call, NERD_STATUS_INTERNAL,
		    "unable to parse request", NULL);
		return;
	}
	scan_metadata(call);
	call->method = method_ok
	    ? nsrv_dispatch_find(
	        srv->dispatch, call->req->method, strlen(call->req->method))
	    : NULL;
	if (call->method == NULL) {
		size_t n = strlen(call->req->method);
		snprintf(why, sizeof(why), "method not found: %.200s",
		    n <= 200 && neri_utf8_valid(call->req->method, n)
		        ? call->req->method
		        : "(not shown)");
		nsrv_call_reply(call, NERD_STATUS_UNIMPLEMENTED, why, NULL);
		return;
	}
	if (call->req->payload.len > cfg->max_message) {
		snprintf(why, sizeof(why),
		    "received message larger than max (%zu vs. %zu)",
		    call->req->payload.len, cfg->max_message);
		nsrv_call_reply(
		    call, NERD_STATUS_RESOURCE_EXHAUSTED, why, NULL);
		return;
	}
	code = check_auth(call, &reason);
	if (code != 0) {
		nsrv_call_reply(call, code, reason, NULL);
		return;
	}
	timeout = call->req->timeout_ms;
	if (timeout == 0) {
		timeout = cfg->default_timeout_ms;
	}
	if (cfg->max_timeout_ms != 0
	    && (timeout == 0 || timeout > cfg->max_timeout_ms)) {
		timeout = cfg->max_timeout_ms;
	}
	if (timeout != 0) {
		call->deadline_ns
		    = call->recv_ns + (uint64_t) timeout * 1000000u;
	}
	if ((call->method->flags & NSRV_M_INLINE) != 0) {
		/* Health answers at once, not behind queued work, and says
		 * NOT_SERVING while draining. */
		call->state = NSRV_CALL_WORK;
		nsrv_call_run(call);
		return;
	}
	/* Counted until its reply is sent, so the drain waits for it. */
	if (nsrv_server_call_enter(srv) != 0) {
		nsrv_call_reply(call, NERD_STATUS_UNAVAILABLE,
		    "server is shutting down", NULL);
		return;
	}
	call->counted = 1;
	call->state   = NSRV_CALL_WORK;
	if ((call->method->flags & NSRV_M_WORKER) == 0
	    && len <= cfg->inline_max && inline_enter(srv)) {
		/* Run to completion here: a small document is tens of
		 * microseconds of CPU that never waits, cheaper than the
		 * hand-off to a worker and back.  Large ones go to the
		 * pool so that NNG's few threads are never held for long.
		 * The call is not touched after it replied. */
		nsrv_call_run(call);
		atomic_fetch_sub(&srv->inline_running, 1);
		return;
	}
	if (nsrv_pool_submit(srv->pool, call) != 0) {
		call->counted = 0;
		nsrv_server_call_done(srv);
		nsrv_call_reply(call, NERD_STATUS_RESOURCE_EXHAUSTED,
		    "server busy: work queue full", NULL);
	}
}

static void
call_cb(void *arg)
{
	nsrv_call   *call = arg;
	nsrv_server *srv  = call->srv;
	int          rv   = nng_aio_result(call->aio);

	switch (call->state) {
	case NSRV_CALL_RECV:
		if (rv != 0) {
			if (rv == NNG_ECLOSED || atomic_load(&srv->closing)) {
				call->state = NSRV_CALL_DONE;
				return;
			}
			nsrv_log(NERP_LOG_WARN, "receive failed", "err=\"%s\"",
			    nng_strerror(rv));
			call_recv(call);
			return;
		}
		call_receive(call, nng_aio_get_msg(call->aio));
		return;
	case NSRV_CALL_SEND:
		if (rv != 0) {
			nng_msg *msg = nng_aio_get_msg(call->aio);
			if (msg != NULL) {
				nng_msg_free(msg);
			}
			nng_aio_set_msg(call->aio, NULL);
			if (rv != NNG_ECLOSED) {
				nsrv_log(NERP_LOG_WARN, "send failed",
				    "err=\"%s\"", nng_strerror(rv));
			}
		}
		if (call->counted) {
			call->counted = 0;
			nsrv_server_call_done(srv);
		}
		if (atomic_load(&srv->closing) || rv == NNG_ECLOSED) {
			call->state = NSRV_CALL_DONE;
			return;
		}
		call_recv(call);
		return;
	default:
		return;
	}
}

/* A malloc'ed NUL-terminated copy of a small file, or NULL. */
static char *
read_pem(const char *path)
{
	FILE  *f = fopen(path, "r");
	char  *buf;
	long   n;
	size_t got;

	if (f == NULL) {
		return (NULL);
	}
	if (fseek(f, 0, SEEK_END) != 0) {
		fclose(f);
		return (NULL);
	}
	n = ftell(f);
	if (n < 0 || n > 1024L * 1024L || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return (NULL);
	}
	buf = malloc((size_t) n + 1);
	if (buf != NULL) {
		got      = fread(buf, 1, (size_t) n, f);
		buf[got] = '\0';
	}
	fclose(f);
	return (buf);
}

/* The certificate and key: two PEM files, or one holding both when
 * --tls-key is not given. */
static int
tls_own_cert(nng_tls_config *tls, const char *cert_path, const char *key_path)
{
	struct stat st;
	char       *cert;
	char       *key;
	int         rv;

	if (stat(key_path != NULL ? key_path : cert_path, &st) == 0
	    && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		nsrv_log(NERP_LOG_WARN,
		    "the TLS private key is readable by group or others",
		    "file=%s mode=%03o",
		    key_path != NULL ? key_path : cert_path,
		    (unsigned) (st.st_mode & 0777));
	}
	if (key_path == NULL) {
		return (nng_tls_config_cert_key_file(tls, cert_path, NULL));
	}
	cert = read_pem(cert_path);
	key  = read_pem(key_path);
	if (cert == NULL || key == NULL) {
		rv = NNG_ENOENT;
	} else {
		rv = nng_tls_config_own_cert(tls, cert, key, NULL);
	}
	free(cert);
	if (key != NULL) {
		memset(key, 0, strlen(key));
		free(key);
	}
	return (rv);
}

/* 0 when path (the value of the flag named opt, or NULL) can be read as
 * a PEM file: a regular file of at most 1 MiB.  Else logs which file and
 * why, and returns -1: NNG says "Entry not found" for all of these, and
 * blocks on a FIFO. */
static int
tls_file_ok(const char *opt, const char *path)
{
	struct stat st;
	char        why[512];
	int         fd;

	if (path == NULL) {
		return (0);
	}
	fd = nsrv_open_regular(path, 0, &st, why, sizeof(why));
	if (fd >= 0) {
		close(fd);
		if (st.st_size <= 1024L * 1024L) {
			return (0);
		}
		snprintf(why, sizeof(why), "%s: larger than 1 MiB", path);
	}
	nsrv_log(NERP_LOG_ERROR, "cannot use a TLS file", "file=%s err=\"%s\"",
	    opt, why);
	return (-1);
}

static int
tls_setup(nsrv_server *srv)
{
	const nsrv_config *cfg = srv->cfg;
	int                rv;

	if (cfg->tls_cert == NULL) {
		nsrv_log(NERP_LOG_ERROR,
		    "tls needs --tls-cert (and --tls-key)", NULL);
		return (-1);
	}
	if (tls_file_ok("tls-cert", cfg->tls_cert) != 0
	    || tls_file_ok("tls-key", cfg->tls_key) != 0
	    || tls_file_ok("tls-ca", cfg->tls_ca) != 0) {
		return (-1);
	}
	rv = nng_tls_config_alloc(&srv->tls, NNG_TLS_MODE_SERVER);
	if (rv == 0) {
		rv = tls_own_cert(srv->tls, cfg->tls_cert, cfg->tls_key);
	}
	if (rv == 0 && cfg->tls_ca != NULL) {
		rv = nng_tls_config_ca_file(srv->tls, cfg->tls_ca);
		if (rv == 0) {
			rv = nng_tls_config_auth_mode(
			    srv->tls, NNG_TLS_AUTH_MODE_REQUIRED);
		}
	}
	if (rv != 0) {
		nsrv_log(NERP_LOG_ERROR, "tls setup failed",
		    "cert=%s key=%s ca=%s err=\"%s\"", cfg->tls_cert,
		    cfg->tls_key != NULL ? cfg->tls_key : "-",
		    cfg->tls_ca != NULL ? cfg->tls_ca : "-", nng_strerror(rv));
		return (-1);
	}
	return (0);
}

/* NULL when url is not ipc:// or its path can be a socket, else why
 * not: a path that exists and is no socket (NNG takes a path that
 * refuses connections for a stale socket and unlinks it, so a typo in
 * --listen would delete the file it names), or one too long for
 * sun_path (NNG says only "Address invalid"). */
static const char *
ipc_path_unusable(const char *url)
{
	struct sockaddr_un sun;
	struct stat        st;

	if (strncmp(url, "ipc://", 6) != 0) {
		return (NULL);
	}
	if (strlen(url + 6) >= sizeof(sun.sun_path)) {
		return ("the path is longer than 107 bytes");
	}
	if (lstat(url + 6, &st) == 0 && !S_ISSOCK(st.st_mode)) {
		return ("the path exists and is not a socket");
	}
	return (NULL);
}

static int
listen_one(nsrv_server *srv, const char *url)
{
	nng_listener *l   = &srv->listeners[srv->n_listeners];
	const char   *why = ipc_path_unusable(url);
	int           rv;
	int           port = 0;

	if (why != NULL) {
		nsrv_log(NERP_LOG_ERROR, "cannot listen", "url=%s err=\"%s\"",
		    url, why);
		return (-1);
	}
	rv = nng_listener_create(l, srv->sock, url);
	if (rv != 0) {
		goto fail;
	}
	if (url_is_tls(url)) {
		if (srv->tls == NULL && tls_setup(srv) != 0) {
			nng_listener_close(*l);
			return (-1);
		}
		rv = nng_listener_set_ptr(*l, NNG_OPT_TLS_CONFIG, srv->tls);
		if (rv != 0) {
			nng_listener_close(*l);
			goto fail;
		}
	}
	rv = nng_listener_start(*l, 0);
	if (rv != 0) {
		nng_listener_close(*l);
		goto fail;
	}
	srv->n_listeners++;
	if (nng_listener_get_int(*l, NNG_OPT_TCP_BOUND_PORT, &port) == 0) {
		nsrv_log(
		    NERP_LOG_INFO, "listening", "url=%s port=%d", url, port);
	} else {
		nsrv_log(NERP_LOG_INFO, "listening", "url=%s", url);
	}
	if (!nsrv_url_is_local(url) && !url_is_tls(url)) {
		nsrv_log(NERP_LOG_WARN,
		    "listening on a non-loopback address without TLS: "
		    "anyone who can reach it can call the server",
		    "url=%s", url);
	}
	return (0);
fail:
	nsrv_log(NERP_LOG_ERROR, "cannot listen", "url=%s err=\"%s\"", url,
	    nng_strerror(rv));
	return (-1);
}

int
nsrv_transport_open(nsrv_server *srv)
{
	const nsrv_config *cfg = srv->cfg;
	int                rv;

	rv = nng_rep0_open(&srv->sock);
	if (rv != 0) {
		nsrv_log(NERP_LOG_ERROR, "cannot open socket", "err=\"%s\"",
		    nng_strerror(rv));
		return (-1);
	}
	/* NNG 1.5.2 accepts any size by default: a remote memory exhaustion.
	 * Frames past the cap drop the connection; payloads between the
	 * limit and the cap get RESOURCE_EXHAUSTED from call_receive. */
	rv = nng_socket_set_size(
	    srv->sock, NNG_OPT_RECVMAXSZ, cfg->max_message + ENVELOPE_SLACK);
	if (rv != 0) {
		nsrv_log(NERP_LOG_ERROR, "cannot set receive limit",
		    "err=\"%s\"", nng_strerror(rv));
		return (-1);
	}
	/* SP has no pings: let TCP find dead peers.  Not every transport
	 * knows the option, so a refusal is fine. */
	(void) nng_socket_set_bool(srv->sock, NNG_OPT_TCP_KEEPALIVE, true);
	if (cfg->tls_cert != NULL && tls_setup(srv) != 0) {
		return (-1);
	}
	srv->calls = calloc(cfg->contexts, sizeof(nsrv_call));
	if (srv->calls == NULL) {
		return (-1);
	}
	for (unsigned i = 0; i < cfg->contexts; i++) {
		nsrv_call *call = &srv->calls[i];
		call->srv       = srv;
		nsrv_arena_init(&call->arena, 0);
		rv = nng_aio_alloc(&call->aio, call_cb, call);
		if (rv == 0) {
			rv = nng_ctx_open(&call->ctx, srv->sock);
			if (rv != 0) {
				nng_aio_free(call->aio);
				call->aio = NULL;
			}
		}
		if (rv != 0) {
			nsrv_arena_fini(&call->arena);
			nsrv_log(NERP_LOG_ERROR, "cannot open context",
			    "err=\"%s\"", nng_strerror(rv));
			return (-1);
		}
		srv->n_calls++;
	}
	srv->listeners = calloc(cfg->n_listen, sizeof(nng_listener));
	if (srv->listeners == NULL) {
		return (-1);
	}
	for (size_t i = 0; i < cfg->n_listen; i++) {
		if (listen_one(srv, cfg->listen[i]) != 0) {
			return (-1);
		}
	}
	for (unsigned i = 0; i < srv->n_calls; i++) {
		call_recv(&srv->calls[i]);
	}
	return (0);
}

void
nsrv_transport_close(nsrv_server *srv)
{
	atomic_store(&srv->closing, 1);
	for (size_t i = 0; i < srv->n_listeners; i++) {
		nng_listener_close(srv->listeners[i]);
	}
	srv->n_listeners = 0;
	if (nng_socket_id(srv->sock) > 0) {
		nng_close(srv->sock);
	}
}

void
nsrv_transport_free(nsrv_server *srv)
{
	atomic_store(&srv->closing, 1);
	for (unsigned i = 0; i < srv->n_calls; i++) {
		nsrv_call *call = &srv->calls[i];
		/* From this (main) thread: stopping an aio from its own
		 * callback deadlocks. */
		nng_aio_stop(call->aio);
		if (call->msg != NULL) {
			nng_msg_free(call->msg);
		}
		nng_ctx_close(call->ctx);
		nng_aio_free(call->aio);
		nsrv_arena_fini(&call->arena);
	}
	free(srv->calls);
	srv->calls   = NULL;
	srv->n_calls = 0;
	free(srv->listeners);
	srv->listeners = NULL;
	if (srv->tls != NULL) {
		nng_tls_config_free(srv->tls);
		srv->tls = NULL;
	}
}
