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
	for (size_t i = 0; i < call->n_docs; i++) {
		neri_result_free(call->docs[i].res);
	}
	call->docs   = NULL;
	call->n_docs = 0;
	call->batch  = 0;
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

static void
call_log(nsrv_call *call, int code, const char *message)
{
	int level = is_server_error(code) ? NERP_LOG_ERROR : NERP_LOG_DEBUG;
	const char *method = call->method != NULL ? call->method->path : "-";
	uint64_t    us     = (nsrv_now_ns() - call->recv_ns) / 1000;

	if (!nsrv_log_enabled(level) && level != NERP_LOG_ERROR) {
		return;
	}
	nsrv_log(level, code == NERD_STATUS_OK ? "call" : message,
	    "method=%s code=%s us=%" PRIu64 " request_id=%s", method,
	    nerd_status_name(code), us,
	    call->request_id != NULL ? call->request_id : "-");
}

/* The packed size of an OK reply's payload. */
static size_t
payload_size(nsrv_call *call, const ProtobufCMessage *resp)
{
	if (call->docs != NULL) {
		return (call->batch
		        ? nsrv_enc_batch_size(call->docs, call->n_docs)
		        : call->docs[0].size);
	}
	return (resp != NULL ? protobuf_c_message_get_packed_size(resp) : 0);
}

static void
payload_write(nsrv_call *call, const ProtobufCMessage *resp, uint8_t *out)
{
	if (call->docs != NULL && call->batch) {
		(void) nsrv_enc_batch(call->docs, call->n_docs, out);
	} else if (call->docs != NULL) {
		(void) nsrv_enc_response(&call->docs[0], out);
	} else if (resp != NULL) {
		(void) protobuf_c_message_pack(resp, out);
	}
}

void
nsrv_call_reply(nsrv_call *call, int code, const char *message,
    const ProtobufCMessage *resp)
{
	nsrv_enc_reply r;
	nng_msg       *msg = NULL;
	char           toobig[128];
	size_t         max = call->srv->cfg->max_reply;

	memset(&r, 0, sizeof(r));
	if (code == NERD_STATUS_OK) {
		r.payload_len = payload_size(call, resp);
		if (max != 0 && r.payload_len > max) {
			/* A client refuses a reply over its limit by closing
			 * the connection, and REQ then re-sends the call to
			 * another server: a status is better. */
			snprintf(toobig, sizeof(toobig),
			    "response larger than max (%zu vs. %zu)",
			    r.payload_len, max);
			code          = NERD_STATUS_RESOURCE_EXHAUSTED;
			message       = toobig;
			r.payload_len = 0;
		}
	}
	r.code       = code;
	r.message    = message;
	r.request_id = call->request_id;
	if (nng_msg_alloc(&msg, nsrv_enc_envelope_size(&r)) != 0
	    && r.payload_len > 0) {
		code          = NERD_STATUS_RESOURCE_EXHAUSTED;
		message       = "out of memory packing the response";
		r.code        = code;
		r.message     = message;
		r.payload_len = 0;
		if (nng_msg_alloc(&msg, nsrv_enc_envelope_size(&r)) != 0) {
			msg = NULL;
		}
	}
	if (msg != NULL) {
		uint8_t *payload = nsrv_enc_envelope(&r, nng_msg_body(msg));
		if (r.payload_len > 0) {
			payload_write(call, resp, payload);
		}
	} else if (nng_msg_alloc(&msg, 0) != 0) {
		/* Still send something so the client is not left hanging. */
		msg = NULL;
	}
	call_log(call, code, message != NULL ? message : "");
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
