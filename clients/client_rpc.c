/*
 * clients/client_rpc.c: typed helpers over nerd_client_call, one per
 * method of nerd.v1.
 */
#include "nerd/client.h"

#include <stddef.h>

#define RECOGNIZE_METHOD "/nerd.v1.Recognizer/Recognize"
#define RECOGNIZE_BATCH_METHOD "/nerd.v1.Recognizer/RecognizeBatch"
#define LIST_METHOD "/nerd.v1.Recognizer/ListRecognizers"
#define HEALTH_METHOD "/nerd.v1.Health/Check"
#define RELOAD_METHOD "/nerd.v1.Admin/Reload"

int
nerd_client_recognize(nerd_client *c, const Nerd__V1__RecognizeRequest *req,
    Nerd__V1__RecognizeResponse **out, uint32_t timeout_ms,
    nerd_client_status *st)
{
	return (nerd_client_call(c, RECOGNIZE_METHOD,
	    (const ProtobufCMessage *) req,
	    &nerd__v1__recognize_response__descriptor,
	    (ProtobufCMessage **) out, timeout_ms, st));
}

int
nerd_client_recognize_batch(nerd_client *c,
    const Nerd__V1__RecognizeBatchRequest *req,
    Nerd__V1__RecognizeBatchResponse **out, uint32_t timeout_ms,
    nerd_client_status *st)
{
	return (nerd_client_call(c, RECOGNIZE_BATCH_METHOD,
	    (const ProtobufCMessage *) req,
	    &nerd__v1__recognize_batch_response__descriptor,
	    (ProtobufCMessage **) out, timeout_ms, st));
}

int
nerd_client_list(nerd_client *c, Nerd__V1__ListRecognizersResponse **out,
    uint32_t timeout_ms, nerd_client_status *st)
{
	Nerd__V1__ListRecognizersRequest req =
	    NERD__V1__LIST_RECOGNIZERS_REQUEST__INIT;

	return (nerd_client_call(c, LIST_METHOD, &req.base,
	    &nerd__v1__list_recognizers_response__descriptor,
	    (ProtobufCMessage **) out, timeout_ms, st));
}

int
nerd_client_health(nerd_client *c, const char *service,
    Nerd__V1__HealthCheckResponse__ServingStatus *serving,
    uint32_t timeout_ms, nerd_client_status *st)
{
	Nerd__V1__HealthCheckRequest req =
	    NERD__V1__HEALTH_CHECK_REQUEST__INIT;
	Nerd__V1__HealthCheckResponse *res = NULL;
	int rv;

	if (serving == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT, "missing argument"));
	}
	req.service = (char *) (service ? service : "");
	rv = nerd_client_call(c, HEALTH_METHOD, &req.base,
	    &nerd__v1__health_check_response__descriptor,
	    (ProtobufCMessage **) &res, timeout_ms, st);
	if (rv == 0) {
		*serving = res->status;
		nerd_client_free(res);
	}
	return (rv);
}

int
nerd_client_reload(nerd_client *c, Nerd__V1__ReloadResponse **out,
    uint32_t timeout_ms, nerd_client_status *st)
{
	Nerd__V1__ReloadRequest req = NERD__V1__RELOAD_REQUEST__INIT;

	return (nerd_client_call(c, RELOAD_METHOD, &req.base,
	    &nerd__v1__reload_response__descriptor, (ProtobufCMessage **) out,
	    timeout_ms, st));
}
