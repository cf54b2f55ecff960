/*
 * server/dispatch.h: the method table.  Built from the service
 * descriptors protoc-c generated for proto/nerd.proto, so every method the
 * contract declares is served and nothing else is: a method without a
 * handler (or a handler without a method) fails the build of the table.
 *
 * Threads: the table is read-only once built; lookups from any thread,
 * NNG callbacks included.
 */
#ifndef NERD_SERVER_DISPATCH_H
#define NERD_SERVER_DISPATCH_H

#include <stddef.h>

#include <protobuf-c/protobuf-c.h>

typedef struct nsrv_call nsrv_call;

/* Handles one call: in is the unpacked request (in the call's arena).  On
 * NERD_STATUS_OK sets *out to the response (arena memory, or memory the
 * call releases after the reply is packed).  Otherwise returns a
 * NERD_STATUS_* code with a message in msg (msglen bytes).  Runs on a
 * worker thread, or for a small request in the NNG receive callback
 * (see NSRV_M_WORKER): it never blocks on the network, and only an
 * NSRV_M_WORKER handler may block for long; the handler of an
 * NSRV_M_INLINE method must not block at all. */
typedef int (*nsrv_handler_fn)(nsrv_call *call, const ProtobufCMessage *in,
    ProtobufCMessage **out, char *msg, size_t msglen);

enum nsrv_method_flags {
	NSRV_M_ADMIN   = 1u << 0, /* needs an admin token when configured */
	NSRV_M_NO_AUTH = 1u << 1, /* served without a token (health) */
	/* Answered in the receive callback, never queued: the handler is
	 * cheap and never blocks, and it must answer while the workers are
	 * busy or the server drains (health). */
	NSRV_M_INLINE = 1u << 2,
	/* Always run on a worker, however small the request: the handler
	 * may block for long (Reload loads plugins).  Methods with neither
	 * flag run in the receive callback when the envelope is at most
	 * --inline-max bytes (server.h), else on a worker. */
	NSRV_M_WORKER = 1u << 3,
};

/* A handler as handlers.c declares it, by service and method name. */
typedef struct nsrv_handler {
	const char     *service; /* "nerd.v1.Recognizer" */
	const char     *method;  /* "Recognize" */
	nsrv_handler_fn fn;
	unsigned        flags;
} nsrv_handler;

typedef struct nsrv_method {
	char                              path[128]; /* "/svc/Method" */
	const ProtobufCServiceDescriptor *service;
	const ProtobufCMethodDescriptor  *desc; /* input, output types */
	nsrv_handler_fn                   fn;
	unsigned                          flags;
} nsrv_method;

typedef struct nsrv_dispatch nsrv_dispatch;

/* Builds the table for the given services from the given handlers.
 * Returns 0, or -1 with err naming the method without a handler or the
 * handler without a method. */
int nsrv_dispatch_alloc(nsrv_dispatch      **out,
    const ProtobufCServiceDescriptor *const *services, size_t n_services,
    const nsrv_handler *handlers, size_t n_handlers, char *err, size_t errlen);

void nsrv_dispatch_free(nsrv_dispatch *d);

/* The method for a path ("/nerd.v1.Recognizer/Recognize", len bytes),
 * or NULL. */
const nsrv_method *nsrv_dispatch_find(
    const nsrv_dispatch *d, const char *path, size_t len);

/* How many methods, and the i-th (i < count) in descriptor order. */
size_t             nsrv_dispatch_count(const nsrv_dispatch *d);
const nsrv_method *nsrv_dispatch_method(const nsrv_dispatch *d, size_t i);

/* The services of nerd.proto the server serves, in declaration order:
 * Recognizer, Health, Admin, Reflection. */
extern const ProtobufCServiceDescriptor *const nsrv_services[];
extern const size_t                            nsrv_n_services;

#endif /* NERD_SERVER_DISPATCH_H */
