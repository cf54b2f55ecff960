/*
 * nerd/client.h: the C client library of the nerd entity server.
 *
 * A client holds one NNG REQ socket that dials every URL it is given.  NNG
 * spreads requests over the connected servers, and a request whose
 * server's connection closes is sent again to another one.  The resend
 * timer of each call is kept above the call's deadline, so a slow call is
 * never run twice.
 *
 * Every call is a gRPC-style unary call: an RpcRequest envelope (method
 * path, relative timeout, metadata, packed request) answered by one
 * RpcReply.  Calls return a status code (enum nerd_status, gRPC's numbers):
 * the server's own status, or one the client maps from the transport:
 *
 *   NERD_STATUS_DEADLINE_EXCEEDED   no reply before the deadline
 *   NERD_STATUS_UNAVAILABLE         no server connected, or the connection
 *                                   to every server closed during the call
 *   NERD_STATUS_RESOURCE_EXHAUSTED  request over the size limit (refused
 *                                   before sending), or out of memory
 *   NERD_STATUS_INTERNAL            a reply that does not unpack
 *   NERD_STATUS_CANCELLED           the socket was closed during the call
 *
 * Threads: one nerd_client may be used from any number of threads at once;
 * each call opens its own REQ context.  Calls block the calling thread
 * until the reply, the deadline or an error; never call them from an NNG
 * callback.
 *
 * Ownership: messages returned through an out-pointer are unpacked by
 * protobuf-c with the default allocator and belong to the caller, who
 * frees them with nerd_client_free().  Request messages are borrowed for
 * the duration of the call.
 */
#ifndef NERD_CLIENT_H
#define NERD_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "nerd.pb-c.h"
#include "nerd/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the library's public functions (the build hides everything else). */
#define NERD_CLIENT_API __attribute__((visibility("default")))

/* The largest request payload a client sends, as gRPC's default receive
 * limit: 4 MiB.  Larger requests fail with RESOURCE_EXHAUSTED unsent. */
#define NERD_CLIENT_MAX_PAYLOAD ((size_t) 4 * 1024 * 1024)

/* The default deadline of a call that gives none, in milliseconds. */
#define NERD_CLIENT_DEFAULT_TIMEOUT_MS 30000u

/* The outcome of a call: a status code and a human-readable message. */
typedef struct nerd_client_status {
	int code;          /* enum nerd_status */
	char message[256]; /* "" when OK */
} nerd_client_status;

typedef struct nerd_client_config {
	const char *const *urls; /* n_urls URLs: "tcp://h:p", "ipc:///p",
	                            "tls+tcp://h:p", ... */
	size_t n_urls;
	const char *token;       /* bearer token sent as "authorization"
	                            metadata, or NULL */
	uint32_t timeout_ms;     /* deadline of calls given 0; 0 = default */
	size_t max_payload;      /* request payload limit; 0 = 4 MiB */
	size_t recv_max;         /* NNG_OPT_RECVMAXSZ, the largest reply;
	                            0 = 4 x max_payload + 64 KiB; at most
	                            4 GiB - 1, NNG's largest.  A larger
	                            reply closes the connection (the call
	                            ends UNAVAILABLE) */
	/* TLS, used for tls+tcp:// URLs.  All may be NULL. */
	const char *tls_ca_file;     /* PEM CAs to verify the server with;
	                                NULL = do not verify */
	const char *tls_cert_file;   /* PEM client certificate (mutual TLS) */
	const char *tls_key_file;    /* PEM key of the client certificate;
	                                NULL = in tls_cert_file */
	const char *tls_server_name; /* name to verify; NULL = URL's host */
} nerd_client_config;

typedef struct nerd_client nerd_client;

/* Opens a client dialing every URL in cfg.  Each URL is dialled once
 * synchronously (so a reachable server is connected when this returns),
 * then kept connected in the background, reconnecting after failures; an
 * unreachable server is not an error here, calls answer UNAVAILABLE while
 * no server is connected.  cfg is borrowed; strings are copied.
 * Returns 0 with *out set (free with nerd_client_close), or
 * NERD_STATUS_INVALID_ARGUMENT (no URL, a malformed URL, unreadable TLS
 * files; st says which), NERD_STATUS_RESOURCE_EXHAUSTED.  st may be NULL. */
NERD_CLIENT_API
int nerd_client_open(nerd_client **out, const nerd_client_config *cfg,
    nerd_client_status *st);

/* Closes the socket and frees the client.  No call may be running or
 * start on it any more (join the threads using it first).  Blocks until
 * NNG has released the socket.  NULL is ignored. */
NERD_CLIENT_API
void nerd_client_close(nerd_client *c);

/* Calls method ("/nerd.v1.Recognizer/Recognize") with req, waiting at
 * most timeout_ms (0 = the client's default) for the reply, and unpacks
 * the reply's payload as a reply_desc message into *reply (caller frees
 * with nerd_client_free).  The timeout goes to the server in the envelope
 * too.  Returns 0 or a status code as described above; st (may be NULL)
 * receives the code and message.  *reply is NULL unless 0 is returned. */
NERD_CLIENT_API
int nerd_client_call(nerd_client *c, const char *method,
    const ProtobufCMessage *req, const ProtobufCMessageDescriptor *reply_desc,
    ProtobufCMessage **reply, uint32_t timeout_ms, nerd_client_status *st);

/* Recognizer.Recognize.  req borrowed; *out owned by the caller. */
NERD_CLIENT_API
int nerd_client_recognize(nerd_client *c,
    const Nerd__V1__RecognizeRequest *req, Nerd__V1__RecognizeResponse **out,
    uint32_t timeout_ms, nerd_client_status *st);

/* Recognizer.RecognizeBatch.  req borrowed; *out owned by the caller. */
NERD_CLIENT_API
int nerd_client_recognize_batch(nerd_client *c,
    const Nerd__V1__RecognizeBatchRequest *req,
    Nerd__V1__RecognizeBatchResponse **out, uint32_t timeout_ms,
    nerd_client_status *st);

/* Recognizer.ListRecognizers.  *out owned by the caller. */
NERD_CLIENT_API
int nerd_client_list(nerd_client *c, Nerd__V1__ListRecognizersResponse **out,
    uint32_t timeout_ms, nerd_client_status *st);

/* Health.Check for service ("" = the whole server, NULL taken as "").
 * Sets *serving to the HealthCheckResponse status.  Returns NOT_FOUND for
 * a service the server does not know. */
NERD_CLIENT_API
int nerd_client_health(nerd_client *c, const char *service,
    Nerd__V1__HealthCheckResponse__ServingStatus *serving,
    uint32_t timeout_ms, nerd_client_status *st);

/* Admin.Reload.  *out owned by the caller. */
NERD_CLIENT_API
int nerd_client_reload(nerd_client *c, Nerd__V1__ReloadResponse **out,
    uint32_t timeout_ms, nerd_client_status *st);

/* Frees a message returned by any call above.  NULL is ignored. */
NERD_CLIENT_API
void nerd_client_free(void *msg);

/* Fills st (may be NULL) with code and a printf-style message; returns
 * code.  Thread-safe. */
NERD_CLIENT_API
int nerd_client_status_set(nerd_client_status *st, int code, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#endif /* NERD_CLIENT_H */
