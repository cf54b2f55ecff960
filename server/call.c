/* server/call.c: running a call on a worker and sending its reply. */
#include "call.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "nerd/status.h"
#include "server.h"
#include "wire.h"

uint64_t
nsrv_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec);
}

/* Drops what handlers borrowed for the reply. */
static void
call_release(nsrv_call *call)
{
	for (size_t i = 0; i < call->n_responses; i++) {
		neri_response_free(call->responses[i]);
		neri_result_free(call->results[i]);
	}
	call->responses   = NULL;
	call->results     = NULL;
	call->n_responses = 0;
	if (call->reg != NULL) {
		neri_registry_rele(call->reg);
		call->reg = NULL;
	}
}

static int
is_server_error(int code)
{
	return (code == NERD_STATUS_INTERNAL || code == NERD_STATUS_UNKNOWN
	    || code == NERD_STATUS_DATA_LOSS);
}

/* Logs the call: at debug level, or as an error for a server error
 * (rate-limited per kind of failure).  Reads the clock only for a line
 * that may be written. */
static void
call_log(nsrv_call *call, int code, const char *message)
{
	int level = is_server_error(code) ? NERP_LOG_ERROR : NERP_LOG_DEBUG;
	const char *method = call->method != NULL ? call->method->path : "-";
	uint64_t    now_ns;
	unsigned    suppressed = 0;
	char        left_out[32];

	if (level != NERP_LOG_ERROR && !nsrv_log_enabled(level)) {
		return;
	}
	now_ns = nsrv_now_ns();
	if (level == NERP_LOG_ERROR) {
		int kind = call->method == NULL ? NSRV_LOGK_ENVELOPE
		    : call->bad_payload         ? NSRV_LOGK_PAYLOAD
		                                : NSRV_LOGK_SERVER;
		if (!nsrv_log_limit_take(&call->srv->log_limits[kind], now_ns,
		        NSRV_LOG_LIMIT_NS, &suppressed)) {
			return;
		}
	}
	left_out[0] = '\0';
	if (suppressed > 0) {
		snprintf(
		    left_out, sizeof(left_out), " suppressed=%u", suppressed);
	}
	nsrv_log(level, code == NERD_STATUS_OK ? "call" : message,
	    "method=%s code=%s us=%" PRIu64 " request_id=%s%s", method,
	    nerd_status_name(code), (now_ns - call->recv_ns) / 1000,
	    call->request_id != NULL ? call->request_id : "-", left_out);
}

/* A buffer size that holds resp packed: for the response of a single
 * Recognize, the bound neri_result_to_response summed while building it
 * (saving protobuf-c a walk over every entity); else the exact size. */
static size_t
packed_size_bound(const nsrv_call *call, const ProtobufCMessage *resp)
{
	if (call->n_responses == 1 && resp == &call->responses[0]->base) {
		return (neri_response_packed_bound(call->responses[0]));
	}
	return (protobuf_c_message_get_packed_size(resp));
}

/* A message of n bytes for the reply: the request's when the call kept
 * it (its bytes were unpacked into the arena), else a new one; NULL when
 * out of memory. */
static nng_msg *
reply_msg(nsrv_call *call, size_t n)
{
	nng_msg *msg = call->msg;

	call->msg = NULL;
	if (msg != NULL) {
		nng_msg_clear(msg);
		if (nng_msg_realloc(msg, n) == 0) {
			return (msg);
		}
		nng_msg_free(msg);
	}
	if (nng_msg_alloc(&msg, n) != 0) {
		return (NULL);
	}
	return (msg);
}

void
nsrv_call_reply(nsrv_call *call, int code, const char *message,
    const ProtobufCMessage *resp)
{
	Nerd__V1__RpcReply  reply  = NERD__V1__RPC_REPLY__INIT;
	Nerd__V1__Status    status = NERD__V1__STATUS__INIT;
	Nerd__V1__Metadata  md     = NERD__V1__METADATA__INIT;
	Nerd__V1__Metadata *mdp[1];
	nng_msg            *msg = NULL;
	char                toobig[128];
	size_t              max = call->srv->cfg->max_reply;
	size_t              n;

	if (message == NULL) {
		message = "";
	}
	if (code == NERD_STATUS_OK && resp != NULL) {
		size_t   len = packed_size_bound(call, resp);
		uint8_t *buf = NULL;

		if (max != 0 && len > max) {
			/* Over the limit by the bound: decide by the size. */
			len = protobuf_c_message_get_packed_size(resp);
		}
		if (max == 0 || len <= max) {
			buf = nsrv_arena_alloc(&call->arena, len + 1);
		}
		if (buf != NULL) {
			reply.payload.data = buf;
			reply.payload.len = protobuf_c_message_pack(resp, buf);
		} else if (max != 0 && len > max) {
			/* A client refuses a reply over its limit by closing
			 * the connection, and REQ then re-sends the call to
			 * another server: a status is better. */
			snprintf(toobig, sizeof(toobig),
			    "response larger than max (%zu vs. %zu)", len,
			    max);
			code    = NERD_STATUS_RESOURCE_EXHAUSTED;
			message = toobig;
		} else {
			code    = NERD_STATUS_RESOURCE_EXHAUSTED;
			message = "out of memory packing the response";
		}
	}
	status.code    = code;
	status.message = (char *) message;
	reply.status   = &status;
	if (call->request_id != NULL) {
		md.key           = "x-request-id";
		md.value         = (char *) call->request_id;
		mdp[0]           = &md;
		reply.metadata   = mdp;
		reply.n_metadata = 1;
	}
	n   = nerd__v1__rpc_reply__get_packed_size(&reply);
	msg = reply_msg(call, n);
	if (msg != NULL) {
		nerd__v1__rpc_reply__pack(&reply, nng_msg_body(msg));
	} else {
		/* Still send something so the client is not left hanging. */
		msg = NULL;
		if (nng_msg_alloc(&msg, 0) != 0) {
			msg = NULL;
		}
	}
	call_log(call, code, message);
	call_release(call);
	if (msg == NULL) {
		/* Nothing to send: go back to receiving; the client times
		 * out.  The send callback path does the bookkeeping. */
		call->state = NSRV_CALL_SEND;
		nng_aio_set_msg(call->aio, NULL);
		if (nng_aio_begin(call->aio)) {
			nng_aio_finish(call->aio, NNG_ENOMEM);
		}
		return;
	}
	call->state = NSRV_CALL_SEND;
	nng_aio_set_msg(call->aio, msg);
	nng_ctx_send(call->ctx, call->aio);
}

void
nsrv_call_run(void *job)
{
	nsrv_call              *call = job;
	const nsrv_method      *m    = call->method;
	const ProtobufCMessage *in;
	ProtobufCMessage       *out = NULL;
	char                    msg[512];
	int                     code;

	if (call->deadline_ns != 0 && nsrv_now_ns() >= call->deadline_ns) {
		nsrv_call_reply(call, NERD_STATUS_DEADLINE_EXCEEDED,
		    "deadline exceeded before the call started", NULL);
		return;
	}
	in = protobuf_c_message_unpack(m->desc->input, &call->arena.pb,
	    call->req->payload.len, call->req->payload.data);
	if (in == NULL) {
		snprintf(msg, sizeof(msg),
		    "unable to parse request payload as %s",
		    m->desc->input->name);
		call->bad_payload = 1;
		nsrv_call_reply(call, NERD_STATUS_INTERNAL, msg, NULL);
		return;
	}
	/* protobuf-c cuts strings at a NUL and lets bytes that are not
	 * UTF-8 through; neither may reach a handler. */
	if (nsrv_wire_check_strings(m->desc->input, call->req->payload.data,
	        call->req->payload.len, 8, msg, sizeof(msg))
	    != 0) {
		nsrv_call_reply(call, NERD_STATUS_INVALID_ARGUMENT, msg, NULL);
		return;
	}
	msg[0] = '\0';
	code   = m->fn(call, in, &out, msg, sizeof(msg));
	nsrv_call_reply(call, code, msg, code == NERD_STATUS_OK ? out : NULL);
}
