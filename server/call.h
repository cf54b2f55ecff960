/*
 * server/call.h: one REP context and the call it is serving.  A call
 * cycles RECV (waiting for a request) -> WORK (running) -> SEND (reply
 * handed to NNG) -> RECV.  Requests that can be answered at once (bad
 * envelope, unknown method, auth, limits, draining, full queue) go from
 * RECV straight to SEND inside the NNG callback.  So do small calls
 * (envelope at most --inline-max bytes, method not NSRV_M_WORKER): they
 * run to completion in the receive callback, which costs less than a
 * hand-off to a worker and back; larger ones, and small ones while every
 * inline slot is taken (server.h), are queued for a worker so that a big
 * document never holds one of NNG's few threads for long.
 *
 * Threads: a call is touched by one thread at a time: the NNG callback
 * while RECV (and WORK when run inline), a worker while WORK when
 * queued, nobody once nng_ctx_send is called until its callback runs.
 */
#ifndef NERD_SERVER_CALL_H
#define NERD_SERVER_CALL_H

#include <stdint.h>

#include <nng/nng.h>
#include <protobuf-c/protobuf-c.h>

#include "arena.h"
#include "dispatch.h"
#include "nerd.pb-c.h"
#include "neri.h"

typedef struct nsrv_server nsrv_server;

enum nsrv_call_state {
	NSRV_CALL_INIT = 0,
	NSRV_CALL_RECV,
	NSRV_CALL_WORK,
	NSRV_CALL_SEND,
	NSRV_CALL_DONE, /* socket closed; the callback will not re-arm */
};

struct nsrv_call {
	nsrv_server *srv;
	nng_ctx      ctx;
	nng_aio     *aio;
	int          state;   /* enum nsrv_call_state */
	int          counted; /* counted in srv->in_flight until sent */
	nsrv_arena   arena;   /* this request's memory; reset on re-arm */

	uint64_t              recv_ns;     /* CLOCK_MONOTONIC at receipt */
	uint64_t              deadline_ns; /* 0 = none */
	Nerd__V1__RpcRequest *req;         /* in arena */
	nng_msg              *msg; /* the request's, for the reply; or NULL */
	const nsrv_method    *method;
	const char           *request_id;    /* "x-request-id", or NULL */
	const char           *authorization; /* or NULL */
	nng_pipe              pipe;          /* the connection it came over */
	int bad_payload; /* the payload is not the method's request type */

	/* Released once the reply is packed: what handlers borrowed. */
	neri_registry *reg; /* held, or NULL */
	/* From neri_result_to_response, each with the result it borrows
	 * strings from (results[i] for responses[i]). */
	Nerd__V1__RecognizeResponse **responses;
	neri_result                 **results;
	size_t                        n_responses;
};

/* CLOCK_MONOTONIC now, in nanoseconds. */
uint64_t nsrv_now_ns(void);

/* Answers the call: code with message (may be NULL) and, when code is
 * NERD_STATUS_OK, the response message resp (may be NULL for an empty
 * payload).  Echoes x-request-id, logs the call, releases what the call
 * held, and hands the reply to NNG: the call must not be touched after.
 * Callable from the NNG callback or a worker. */
void nsrv_call_reply(nsrv_call *call, int code, const char *message,
    const ProtobufCMessage *resp);

/* Worker entry (an nsrv_job_fn): checks the deadline, unpacks the
 * payload as the method's request type, runs the handler and replies.
 * Also run straight from the receive callback for NSRV_M_INLINE methods
 * and for small calls (see above). */
void nsrv_call_run(void *job);

/* The handlers of every method in nerd.proto (handlers.c). */
extern const nsrv_handler nsrv_handlers[];
extern const size_t       nsrv_n_handlers;

#endif /* NERD_SERVER_CALL_H */
