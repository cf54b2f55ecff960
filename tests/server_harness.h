/*
 * tests/server_harness.h: helpers for the server suites.  Starts the real
 * nerd binary on an ipc:// address in a fresh temporary folder, talks to
 * it with raw NNG REQ contexts and protobuf-c envelopes, and offers FIFO
 * "gates" that hold a call inside the test plugin (server_probe) until
 * the test releases it.  Failures abort the test through cr_assert.
 */
#ifndef NERD_TESTS_SERVER_HARNESS_H
#define NERD_TESTS_SERVER_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <semaphore.h>
#include <sys/types.h>

#include <nng/nng.h>
#include <nng/supplemental/tls/tls.h>

#include "nerd.pb-c.h"

typedef struct sh_server {
	pid_t pid;
	char  dir[256]; /* temporary folder, removed by sh_stop */
	char  url[512]; /* where the server listens */
	char  log[512]; /* its stderr */
} sh_server;

/* A fresh temporary folder for s (before sh_start_url). */
void sh_mkdir(sh_server *s);

/* Starts nerd listening on ipc://DIR/nerd.sock with the test plugins and
 * the NULL-terminated extra arguments (may be NULL). */
void sh_start(sh_server *s, const char *const *extra);

/* Same with an explicit URL (s->dir must already exist: sh_mkdir). */
void sh_start_url(sh_server *s, const char *url, const char *const *extra);

/* Sends sig and waits for the server to exit; returns its exit status
 * (or 128 + signal).  Removes the folder. */
int sh_stop(sh_server *s, int sig);

/* Waits for the server to exit on its own; returns like sh_stop. */
int sh_wait(sh_server *s);

/* A path inside the server's folder. */
void sh_path(const sh_server *s, const char *name, char *out, size_t len);

/* Writes text to a file in the server's folder with the given mode and
 * returns its path in out. */
void sh_write_file(const sh_server *s, const char *name, const char *text,
    mode_t mode, char *out, size_t len);

/* Nonzero when the server's log holds needle. */
int sh_log_has(const sh_server *s, const char *needle);

/* How many lines of the server's log hold needle. */
int sh_log_count(const sh_server *s, const char *needle);

typedef struct sh_opts {
	uint32_t       timeout_ms;  /* envelope timeout (0 = server default) */
	const char    *token;       /* "authorization: Bearer <token>" */
	const char    *request_id;  /* "x-request-id" */
	const uint8_t *raw_payload; /* payload bytes instead of a message */
	size_t         raw_len;
	sem_t         *notify; /* posted when the reply (or error) is in */
} sh_opts;

typedef struct sh_call {
	nng_ctx             ctx;
	nng_aio            *aio;
	int                 rv; /* NNG result */
	int                 receiving;
	sem_t              *notify;
	Nerd__V1__RpcReply *reply; /* after sh_call_wait, or NULL */
} sh_call;

/* A REQ socket dialled (non-blocking, reconnecting) to url; tls may be
 * NULL.  Requests wait for the connection, so no readiness polling. */
void sh_client_open(nng_socket *sock, const char *url, nng_tls_config *tls);

/* Starts one call of method with payload (a message, or opts->raw_*). */
void sh_call_start(sh_call *c, nng_socket sock, const char *method,
    const ProtobufCMessage *payload, const sh_opts *opts);

/* Sends raw bytes as the whole envelope. */
void sh_call_start_raw(
    sh_call *c, nng_socket sock, const void *data, size_t len);

/* Waits for the reply (10 s at most); returns it (freed by sh_call_fini)
 * or NULL with c->rv set. */
Nerd__V1__RpcReply *sh_call_wait(sh_call *c);

void sh_call_fini(sh_call *c);

/* One call, start to reply; the reply is the caller's to free with
 * nerd__v1__rpc_reply__free_unpacked(r, NULL).  Asserts a reply came. */
Nerd__V1__RpcReply *sh_rpc(nng_socket sock, const char *method,
    const ProtobufCMessage *payload, const sh_opts *opts);

/* Unpacks an OK reply's payload as desc (free with
 * protobuf_c_message_free_unpacked(m, NULL)); asserts it parses. */
ProtobufCMessage *sh_payload(
    const Nerd__V1__RpcReply *r, const ProtobufCMessageDescriptor *desc);

/* The reply's status code. */
int sh_code(const Nerd__V1__RpcReply *r);

/* A Recognize request for text (borrowed), built in *req / *doc. */
void sh_recognize_request(Nerd__V1__RecognizeRequest *req,
    Nerd__V1__Document *doc, const char *text);

/* Gates: sh_gate_make creates a FIFO in the server's folder and writes
 * into text (len bytes) a document that holds its call on it.
 * sh_gate_enter blocks until the call is inside the plugin and returns a
 * descriptor; sh_gate_open releases the call. */
void sh_gate_make(
    const sh_server *s, const char *name, char *text, size_t len);
int  sh_gate_enter(const sh_server *s, const char *name);
void sh_gate_open(int fd);

#endif /* NERD_TESTS_SERVER_HARNESS_H */
