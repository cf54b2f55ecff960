/* server/handlers.c: one function per method of nerd.proto. */
#include <stdio.h>
#include <string.h>

#include "call.h"
#include "nerd/status.h"
#include "server.h"

/* proto/CMakeLists.txt embeds the descriptor set protoc-c wrote. */
extern const unsigned char nerd_descriptor_set[];
extern const size_t        nerd_descriptor_set_len;

#define ARENA_NEW(call, type, init)                                           \
	arena_new_msg(&(call)->arena, sizeof(type), &(init))

static void *
arena_new_msg(nsrv_arena *a, size_t size, const void *init)
{
	void *p = nsrv_arena_alloc(a, size);

	if (p != NULL) {
		memcpy(p, init, size);
	}
	return (p);
}

static void *
arena_array(nsrv_arena *a, size_t n, size_t size)
{
	if (n == 0) {
		return (NULL);
	}
	if (n > SIZE_MAX / size) {
		return (NULL);
	}
	return (nsrv_arena_alloc(a, n * size));
}

static int
nomem(char *msg, size_t msglen)
{
	snprintf(msg, msglen, "out of memory building the response");
	return (NERD_STATUS_RESOURCE_EXHAUSTED);
}

/* ---------------------------------------------------------------- Recognizer
 */

static size_t
count_strings(const char *const *v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL) {
		n++;
	}
	return (n);
}

static int
fill_info(nsrv_call *call, const neri_plugin_info *pi,
    Nerd__V1__RecognizerInfo **out)
{
	static const Nerd__V1__RecognizerInfo init
	    = NERD__V1__RECOGNIZER_INFO__INIT;
	Nerd__V1__RecognizerInfo *info = ARENA_NEW(call, *info, init);

	if (info == NULL) {
		return (-1);
	}
	/* Borrowed from the registry, which the call holds until the reply is
	 * packed. */
	info->name    = (char *) (pi->name != NULL ? pi->name : "");
	info->version = (char *) (pi->version != NULL ? pi->version : "");
	info->path    = (char *) (pi->path != NULL ? pi->path : "");
	info->description
	    = (char *) (pi->description != NULL ? pi->description : "");
	info->n_provides = count_strings(pi->provides);
	info->provides   = (char **) pi->provides;
	info->n_consumes = count_strings(pi->consumes);
	info->consumes   = (char **) pi->consumes;
	*out             = info;
	return (0);
}

/* Describes the server's current registry (held by the call until its
 * reply is packed): its plugins and its generation. */
static int
describe_registry(nsrv_call *call, Nerd__V1__RecognizerInfo ***out,
    size_t *n_out, uint64_t *generation)
{
	neri_registry             *reg;
	size_t                     n;
	Nerd__V1__RecognizerInfo **v;

	call->reg = nsrv_server_registry(call->srv, generation);
	reg       = call->reg;
	n         = neri_registry_count(reg);
	v         = arena_array(&call->arena, n, sizeof(*v));

	if (n > 0 && v == NULL) {
		return (-1);
	}
	for (size_t i = 0; i < n; i++) {
		if (fill_info(call, neri_registry_plugin(reg, i), &v[i])
		    != 0) {
			return (-1);
		}
	}
	*out   = v;
	*n_out = n;
	return (0);
}

/* Keeps a response and the result it borrows from until the reply is
 * packed, then frees both. */
static int
call_keep_response(nsrv_call *call, Nerd__V1__RecognizeResponse *resp,
    neri_result *res, size_t cap)
{
	if (call->responses == NULL) {
		call->responses
		    = arena_array(&call->arena, cap, sizeof(*call->responses));
		call->results
		    = arena_array(&call->arena, cap, sizeof(*call->results));
		if (call->responses == NULL || call->results == NULL) {
			call->responses = NULL;
			return (-1);
		}
	}
	call->responses[call->n_responses] = resp;
	call->results[call->n_responses]   = res;
	call->n_responses++;
	return (0);
}

/* Checks each requested kind once and writes the distinct ones, in
 * first-seen order, to an arena array in *out (*n_out of them), so that
 * the work per document and per entity is bounded by the kinds the
 * plugins provide, not by how often a request repeats them.  Returns 0,
 * or a status with msg for an unknown kind or no memory. */
static int
resolve_kinds(nsrv_call *call, neri_registry *reg, char **kinds,
    size_t n_kinds, char ***out, size_t *n_out, char *msg, size_t msglen)
{
	size_t cap = 0;
	size_t n   = 0;
	char **v;

	*out   = NULL;
	*n_out = 0;
	if (n_kinds == 0) {
		return (NERD_STATUS_OK);
	}
	for (size_t i = 0; i < neri_registry_count(reg); i++) {
		cap += count_strings(neri_registry_plugin(reg, i)->provides);
	}
	v = arena_array(&call->arena, cap > 0 ? cap : 1, sizeof(*v));
	if (v == NULL) {
		return (nomem(msg, msglen));
	}
	for (size_t i = 0; i < n_kinds; i++) {
		size_t k = 0;
		while (k < n && strcmp(v[k], kinds[i]) != 0) {
			k++;
		}
		if (k < n) {
			continue;
		}
		if (n == cap || neri_registry_kind(reg, kinds[i]) == NULL) {
			size_t len = strlen(kinds[i]);
			snprintf(msg, msglen, "unknown kind \"%.100s\"",
			    len <= 100 && neri_utf8_valid(kinds[i], len)
			        ? kinds[i]
			        : "(not shown)");
			return (NERD_STATUS_INVALID_ARGUMENT);
		}
		v[n++] = kinds[i];
	}
	*out   = v;
	*n_out = n;
	return (NERD_STATUS_OK);
}

/* Runs one document through the registry into *out (freed by the call
 * once the reply is packed; cap is how many the call may keep).  Returns
 * a status code. */
static int
recognize_one(nsrv_call *call, neri_registry *reg,
    const Nerd__V1__Document *doc, char **kinds, size_t n_kinds, size_t cap,
    Nerd__V1__RecognizeResponse **out, char *msg, size_t msglen)
{
	Nerd__V1__RecognizeResponse *resp = NULL;
	neri_request                 rq;
	neri_result                 *res = NULL;
	size_t                       len;
	int                          rv;

	if (doc == NULL) {
		snprintf(msg, msglen, "document is required");
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	len = strlen(doc->text);
	if (len == 0) {
		snprintf(msg, msglen, "document text is empty");
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	for (size_t i = 0; i < n_kinds; i++) {
		if (neri_registry_kind(reg, kinds[i]) == NULL) {
			size_t k = strlen(kinds[i]);
			snprintf(msg, msglen, "unknown kind \"%.100s\"",
			    k <= 100 && neri_utf8_valid(kinds[i], k)
			        ? kinds[i]
			        : "(not shown)");
			return (NERD_STATUS_INVALID_ARGUMENT);
		}
	}
	memset(&rq, 0, sizeof(rq));
	rq.id          = doc->id;
	rq.text        = doc->text;
	rq.len         = len;
	rq.dct         = doc->dct;
	rq.lang        = doc->language[0] != '\0' ? doc->language : NULL;
	rq.kinds       = (const char *const *) kinds;
	rq.n_kinds     = n_kinds;
	rq.deadline_ns = call->deadline_ns;
	rq.cancel      = &call->srv->cancel;
	/* Not UTF-8 or holding a NUL, the text was refused before the
	 * handler (wire.c), and protobuf-c ends it with a NUL at len: so
	 * neri_recognize need neither check nor copy it again. */
	rq.text_checked = 1;
	rv              = neri_recognize(reg, &rq, &res);
	if (rv != 0) {
		snprintf(msg, msglen, "%s",
		    rv == NERD_STATUS_DEADLINE_EXCEEDED
		        ? "deadline exceeded before recognition"
		        : rv == NERD_STATUS_INVALID_ARGUMENT
		        ? "invalid document or unknown kind"
		        : "recognition failed");
		return (rv);
	}
	/* The response borrows doc->id (in the call's arena) and the
	 * strings of res, both kept until the reply is packed. */
	rv = neri_result_to_response(res, doc->id, doc->text, len, &resp);
	if (rv != 0) {
		neri_result_free(res);
		snprintf(msg, msglen, "cannot build the response (%s)",
		    nerd_status_name(rv));
		return (rv == NERD_STATUS_RESOURCE_EXHAUSTED
		        ? rv
		        : NERD_STATUS_INTERNAL);
	}
	if (call_keep_response(call, resp, res, cap) != 0) {
		neri_response_free(resp);
		neri_result_free(res);
		return (nomem(msg, msglen));
	}
	*out = resp;
	return (NERD_STATUS_OK);
}

static int
handle_recognize(nsrv_call *call, const ProtobufCMessage *in,
    ProtobufCMessage **out, char *msg, size_t msglen)
{
	const Nerd__V1__RecognizeRequest *req  = (const void *) in;
	Nerd__V1__RecognizeResponse      *resp = NULL;
	char                            **kinds;
	size_t                            n_kinds;
	int                               rv;

	call->reg = nsrv_server_registry(call->srv, NULL);
	if (req->document == NULL) {
		snprintf(msg, msglen, "document is required");
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	rv = resolve_kinds(call, call->reg, req->kinds, req->n_kinds, &kinds,
	    &n_kinds, msg, msglen);
	if (rv != NERD_STATUS_OK) {
		return (rv);
	}
	rv = recognize_one(call, call->reg, req->document, kinds, n_kinds, 1,
	    &resp, msg, msglen);
	if (rv == NERD_STATUS_OK) {
		*out = &resp->base;
	}
	return (rv);
}

static int
handle_recognize_batch(nsrv_call *call, const ProtobufCMessage *in,
    ProtobufCMessage **out, char *msg, size_t msglen)
{
	static const Nerd__V1__RecognizeBatchResponse init
	    = NERD__V1__RECOGNIZE_BATCH_RESPONSE__INIT;
	static const Nerd__V1__RecognizeResponse empty
	    = NERD__V1__RECOGNIZE_RESPONSE__INIT;
	static const Nerd__V1__Status status_init  = NERD__V1__STATUS__INIT;
	const Nerd__V1__RecognizeBatchRequest *req = (const void *) in;
	Nerd__V1__RecognizeBatchResponse      *resp;
	size_t                                 n = req->n_documents;
	char                                 **kinds;
	size_t                                 n_kinds;
	char                                   kinds_why[256];
	int                                    kinds_rv;

	call->reg = nsrv_server_registry(call->srv, NULL);
	/* Once for the batch; an unknown kind fails each document. */
	kinds_why[0] = '\0';
	kinds_rv     = resolve_kinds(call, call->reg, req->kinds, req->n_kinds,
	        &kinds, &n_kinds, kinds_why, sizeof(kinds_why));
	resp         = ARENA_NEW(call, *resp, init);
	if (resp == NULL) {
		return (nomem(msg, msglen));
	}
	resp->responses
	    = arena_array(&call->arena, n, sizeof(*resp->responses));
	resp->statuses = arena_array(&call->arena, n, sizeof(*resp->statuses));
	if (n > 0 && (resp->responses == NULL || resp->statuses == NULL)) {
		return (nomem(msg, msglen));
	}
	for (size_t i = 0; i < n; i++) {
		Nerd__V1__RecognizeResponse *r = NULL;
		Nerd__V1__Status *st = ARENA_NEW(call, *st, status_init);
		char              why[256];
		int               rv;

		if (st == NULL) {
			return (nomem(msg, msglen));
		}
		why[0] = '\0';
		if (kinds_rv != NERD_STATUS_OK) {
			rv = kinds_rv;
			snprintf(why, sizeof(why), "%s", kinds_why);
		} else {
			rv = recognize_one(call, call->reg, req->documents[i],
			    kinds, n_kinds, n, &r, why, sizeof(why));
		}
		if (rv != NERD_STATUS_OK) {
			const Nerd__V1__Document *doc = req->documents[i];
			r = ARENA_NEW(call, *r, empty);
			if (r == NULL) {
				return (nomem(msg, msglen));
			}
			if (doc != NULL) {
				r->document_id = doc->id;
			}
			st->message = nsrv_arena_strndup(
			    &call->arena, why, strlen(why));
			if (st->message == NULL) {
				return (nomem(msg, msglen));
			}
		}
		st->code                             = rv;
		resp->responses[resp->n_responses++] = r;
		resp->statuses[resp->n_statuses++]   = st;
	}
	*out = &resp->base;
	return (NERD_STATUS_OK);
}

static int
handle_list_recognizers(nsrv_call *call, const ProtobufCMessage *in,
    ProtobufCMessage **out, char *msg, size_t msglen)
{
	static const Nerd__V1__ListRecognizersResponse init
	    = NERD__V1__LIST_RECOGNIZERS_RESPONSE__INIT;
	Nerd__V1__ListRecognizersResponse *resp = ARENA_NEW(call, *resp, init);

	(void) in;
	if (resp == NULL) {
		return (nomem(msg, msglen));
	}
	if (describe_registry(call, &resp->recognizers, &resp->n_recognizers,
	        &resp->generation)
	    != 0) {
		return (nomem(msg, msglen));
	}
	*out = &resp->base;
	return (NERD_STATUS_OK);
}

/* ---------------------------------------------------------------- Health */

static int
handle_health_check(nsrv_call *call, const ProtobufCMessage *in,
    ProtobufCMessage **out, char *msg, size_t msglen)
{
	static const Nerd__V1__HealthCheckResponse init
	    = NERD__V1__HEALTH_CHECK_RESPONSE__INIT;
	const Nerd__V1__HealthCheckRequest *req = (const void *) in;
	Nerd__V1__HealthCheckResponse *resp     = ARENA_NEW(call, *resp, init);
	const char                    *svc      = req->service;
	int                            known    = svc[0] == '\0';

	if (resp == NULL) {
		return (nomem(msg, msglen));
	}
	for (size_t i = 0; !known && i < nsrv_n_services; i++) {
		known = strcmp(svc, nsrv_services[i]->name) == 0;
	}
	if (!known && strncmp(svc, "plugin/", 7) == 0) {
		known = nsrv_server_has_plugin(call->srv, svc + 7);
	}
	if (!known) {
		size_t n = strlen(svc);
		snprintf(msg, msglen, "unknown service \"%.200s\"",
		    n <= 200 && neri_utf8_valid(svc, n) ? svc : "(not shown)");
		return (NERD_STATUS_NOT_FOUND);
	}
	resp->status = atomic_load(&call->srv->draining)
	    ? NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__NOT_SERVING
	    : NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING;
	*out         = &resp->base;
	return (NERD_STATUS_OK);
}

/* ---------------------------------------------------------------- Admin */

static int
handle_reload(nsrv_call *call, const ProtobufCMessage *in,
    ProtobufCMessage **out, char *msg, size_t msglen)
{
	static const Nerd__V1__ReloadResponse init
	    = NERD__V1__RELOAD_RESPONSE__INIT;
	Nerd__V1__ReloadResponse *resp      = ARENA_NEW(call, *resp, init);
	char                    **refused   = NULL;
	size_t                    n_refused = 0;
	int                       rv;

	(void) in;
	if (resp == NULL) {
		return (nomem(msg, msglen));
	}
	rv = nsrv_server_reload(call->srv, NULL, &refused, &n_refused);
	if (rv != 0) {
		size_t used = (size_t) snprintf(msg, msglen,
		    "reload failed (%s); the previous plugins stay",
		    nerd_status_name(rv));
		for (size_t i = 0; i < n_refused && used < msglen; i++) {
			used += (size_t) snprintf(
			    msg + used, msglen - used, "; %s", refused[i]);
		}
		neri_strings_free(refused, n_refused);
		return (rv);
	}
	resp->refused = arena_array(&call->arena, n_refused, sizeof(char *));
	for (size_t i = 0; i < n_refused && resp->refused != NULL; i++) {
		resp->refused[resp->n_refused] = nsrv_arena_strndup(
		    &call->arena, refused[i], strlen(refused[i]));
		if (resp->refused[resp->n_refused] != NULL) {
			resp->n_refused++;
		}
	}
	neri_strings_free(refused, n_refused);
	if (describe_registry(call, &resp->recognizers, &resp->n_recognizers,
	        &resp->generation)
	    != 0) {
		return (nomem(msg, msglen));
	}
	*out = &resp->base;
	return (NERD_STATUS_OK);
}

/* ---------------------------------------------------------------- Reflection
 */

static int
handle_list_services(nsrv_call *call, const ProtobufCMessage *in,
    ProtobufCMessage **out, char *msg, size_t msglen)
{
	static const Nerd__V1__ListServicesResponse init
	    = NERD__V1__LIST_SERVICES_RESPONSE__INIT;
	Nerd__V1__ListServicesResponse *resp = ARENA_NEW(call, *resp, init);

	(void) in;
	if (resp == NULL) {
		return (nomem(msg, msglen));
	}
	resp->services
	    = arena_array(&call->arena, nsrv_n_services, sizeof(char *));
	if (resp->services == NULL) {
		return (nomem(msg, msglen));
	}
	for (size_t i = 0; i < nsrv_n_services; i++) {
		resp->services[i] = (char *) nsrv_services[i]->name;
	}
	resp->n_services = nsrv_n_services;
	*out             = &resp->base;
	return (NERD_STATUS_OK);
}

static int
handle_file_descriptor_set(nsrv_call *call, const ProtobufCMessage *in,
    ProtobufCMessage **out, char *msg, size_t msglen)
{
	static const Nerd__V1__FileDescriptorSetResponse init
	    = NERD__V1__FILE_DESCRIPTOR_SET_RESPONSE__INIT;
	Nerd__V1__FileDescriptorSetResponse *resp
	    = ARENA_NEW(call, *resp, init);

	(void) in;
	if (resp == NULL) {
		return (nomem(msg, msglen));
	}
	resp->file_descriptor_set.data = (uint8_t *) nerd_descriptor_set;
	resp->file_descriptor_set.len  = nerd_descriptor_set_len;
	*out                           = &resp->base;
	return (NERD_STATUS_OK);
}

const nsrv_handler nsrv_handlers[] = {
	{ "nerd.v1.Recognizer", "Recognize", handle_recognize, 0 },
	{ "nerd.v1.Recognizer", "RecognizeBatch", handle_recognize_batch, 0 },
	{ "nerd.v1.Recognizer", "ListRecognizers", handle_list_recognizers,
	    0 },
	{ "nerd.v1.Health", "Check", handle_health_check,
	    NSRV_M_NO_AUTH | NSRV_M_INLINE },
	{ "nerd.v1.Admin", "Reload", handle_reload,
	    NSRV_M_ADMIN | NSRV_M_WORKER },
	{ "nerd.v1.Reflection", "ListServices", handle_list_services, 0 },
	{ "nerd.v1.Reflection", "FileDescriptorSet",
	    handle_file_descriptor_set, 0 },
};
const size_t nsrv_n_handlers
    = sizeof(nsrv_handlers) / sizeof(nsrv_handlers[0]);
