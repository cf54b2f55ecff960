/*
 * tests/server_rpc_test.c: every method of nerd.proto answered by the
 * real server with the test plugin loaded.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "server_harness.h"

static sh_server srv;

static int
has_bytes(const uint8_t *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++) {
		if (memcmp(hay + i, needle, k) == 0) {
			return (1);
		}
	}
	return (0);
}

static nng_socket sock;

static void
setup(void)
{
	sh_start(&srv, NULL);
	sh_client_open(&sock, srv.url, NULL);
}

static void
teardown(void)
{
	nng_close(sock);
	cr_expect_eq(sh_stop(&srv, SIGTERM), 0, "server exit status");
}

TestSuite(server_rpc, .init = setup, .fini = teardown, .timeout = 30);

Test(server_rpc, recognize_returns_entities_and_plugin_report)
{
	Nerd__V1__RecognizeRequest   req;
	Nerd__V1__Document           doc;
	Nerd__V1__RpcReply          *r;
	Nerd__V1__RecognizeResponse *resp;

	sh_recognize_request(&req, &doc, "then Maria met Paolo in town");
	r    = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__recognize_response__descriptor);
	cr_assert_str_eq(resp->document_id, "doc-1");
	cr_assert_eq(resp->n_entities, 2);
	cr_assert_str_eq(resp->entities[0]->kind, "capitalized");
	cr_assert_str_eq(resp->entities[0]->text, "Maria");
	cr_assert_eq(resp->entities[0]->start, 5);
	cr_assert_eq(resp->entities[0]->end, 10);
	cr_assert_eq(resp->entities[0]->n_sources, 1);
	cr_assert_str_eq(resp->entities[0]->sources[0], "server_probe");
	cr_assert_str_eq(resp->entities[1]->text, "Paolo");
	cr_assert_eq(resp->n_plugins, 1);
	cr_assert_str_eq(resp->plugins[0]->name, "server_probe");
	cr_assert_eq(resp->plugins[0]->code, 0);
	cr_assert_eq(resp->plugins[0]->entities, 2);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

Test(server_rpc, recognize_batch_answers_each_document_in_order)
{
	Nerd__V1__RecognizeBatchRequest req
	    = NERD__V1__RECOGNIZE_BATCH_REQUEST__INIT;
	Nerd__V1__Document                docs[3];
	Nerd__V1__Document               *dp[3];
	Nerd__V1__RpcReply               *r;
	Nerd__V1__RecognizeBatchResponse *resp;
	const char *texts[3] = { "One Two", "", "only lower Case" };
	const char *ids[3]   = { "a", "b", "c" };

	for (int i = 0; i < 3; i++) {
		nerd__v1__document__init(&docs[i]);
		docs[i].id   = (char *) ids[i];
		docs[i].text = (char *) texts[i];
		dp[i]        = &docs[i];
	}
	req.documents   = dp;
	req.n_documents = 3;
	r               = sh_rpc(
	                  sock, "/nerd.v1.Recognizer/RecognizeBatch", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__recognize_batch_response__descriptor);
	cr_assert_eq(resp->n_responses, 3);
	cr_assert_eq(resp->n_statuses, 3);
	cr_assert_str_eq(resp->responses[0]->document_id, "a");
	cr_assert_eq(resp->responses[0]->n_entities, 2);
	cr_assert_eq(resp->statuses[0]->code, 0);
	/* The empty document fails alone. */
	cr_assert_str_eq(resp->responses[1]->document_id, "b");
	cr_assert_eq(
	    resp->statuses[1]->code, NERD__V1__STATUS_CODE__INVALID_ARGUMENT);
	cr_assert_eq(resp->responses[1]->n_entities, 0);
	cr_assert_eq(resp->statuses[2]->code, 0);
	cr_assert_eq(resp->responses[2]->n_entities, 1);
	cr_assert_str_eq(resp->responses[2]->entities[0]->text, "Case");
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

Test(server_rpc, list_recognizers_describes_loaded_plugins)
{
	Nerd__V1__ListRecognizersRequest req
	    = NERD__V1__LIST_RECOGNIZERS_REQUEST__INIT;
	Nerd__V1__RpcReply                *r;
	Nerd__V1__ListRecognizersResponse *resp;

	r = sh_rpc(
	    sock, "/nerd.v1.Recognizer/ListRecognizers", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__list_recognizers_response__descriptor);
	cr_assert_eq(resp->n_recognizers, 1);
	cr_assert_str_eq(resp->recognizers[0]->name, "server_probe");
	cr_assert_str_eq(resp->recognizers[0]->version, "1.0.0");
	cr_assert_eq(resp->recognizers[0]->n_provides, 1);
	cr_assert_str_eq(resp->recognizers[0]->provides[0], "capitalized");
	cr_assert_not_null(
	    strstr(resp->recognizers[0]->path, "server_probe.so"));
	cr_assert_eq(resp->generation, 1);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

static int
health(const char *service, int *serving)
{
	Nerd__V1__HealthCheckRequest req
	    = NERD__V1__HEALTH_CHECK_REQUEST__INIT;
	Nerd__V1__RpcReply            *r;
	Nerd__V1__HealthCheckResponse *resp;
	int                            code;

	req.service = (char *) service;
	r           = sh_rpc(sock, "/nerd.v1.Health/Check", &req.base, NULL);
	code        = sh_code(r);
	if (code == 0) {
		resp = (void *) sh_payload(
		    r, &nerd__v1__health_check_response__descriptor);
		*serving = resp->status
		    == NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING;
		protobuf_c_message_free_unpacked(&resp->base, NULL);
	}
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	return (code);
}

Test(server_rpc, health_serves_server_services_and_plugins)
{
	const char *known[] = { "", "nerd.v1.Recognizer", "nerd.v1.Health",
		"nerd.v1.Admin", "nerd.v1.Reflection", "plugin/server_probe" };
	int         serving;

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		serving = 0;
		cr_assert_eq(health(known[i], &serving), 0, "%s", known[i]);
		cr_assert(serving, "%s not serving", known[i]);
	}
}

Test(server_rpc, health_of_unknown_service_is_not_found)
{
	int serving = 0;

	cr_assert_eq(health("nerd.v1.Nope", &serving),
	    NERD__V1__STATUS_CODE__NOT_FOUND);
	cr_assert_eq(health("plugin/absent", &serving),
	    NERD__V1__STATUS_CODE__NOT_FOUND);
}

Test(server_rpc, reload_swaps_in_a_new_generation)
{
	Nerd__V1__ReloadRequest   req = NERD__V1__RELOAD_REQUEST__INIT;
	Nerd__V1__RpcReply       *r;
	Nerd__V1__ReloadResponse *resp;

	r    = sh_rpc(sock, "/nerd.v1.Admin/Reload", &req.base, NULL);
	resp = (void *) sh_payload(r, &nerd__v1__reload_response__descriptor);
	cr_assert_eq(resp->generation, 2);
	cr_assert_eq(resp->n_recognizers, 1);
	cr_assert_str_eq(resp->recognizers[0]->name, "server_probe");
	cr_assert_eq(resp->n_refused, 0);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

Test(server_rpc, reflection_lists_the_services_of_the_proto)
{
	Nerd__V1__ListServicesRequest req
	    = NERD__V1__LIST_SERVICES_REQUEST__INIT;
	Nerd__V1__RpcReply             *r;
	Nerd__V1__ListServicesResponse *resp;

	r = sh_rpc(sock, "/nerd.v1.Reflection/ListServices", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__list_services_response__descriptor);
	cr_assert_eq(resp->n_services, 4);
	cr_assert_str_eq(resp->services[0], "nerd.v1.Recognizer");
	cr_assert_str_eq(resp->services[1], "nerd.v1.Health");
	cr_assert_str_eq(resp->services[2], "nerd.v1.Admin");
	cr_assert_str_eq(resp->services[3], "nerd.v1.Reflection");
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

Test(server_rpc, reflection_serves_the_descriptor_set)
{
	Nerd__V1__FileDescriptorSetRequest req
	    = NERD__V1__FILE_DESCRIPTOR_SET_REQUEST__INIT;
	Nerd__V1__RpcReply                  *r;
	Nerd__V1__FileDescriptorSetResponse *resp;
	const ProtobufCBinaryData           *fds;

	r = sh_rpc(
	    sock, "/nerd.v1.Reflection/FileDescriptorSet", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__file_descriptor_set_response__descriptor);
	fds = &resp->file_descriptor_set;
	/* A FileDescriptorSet: field 1 (file), length-delimited, naming the
	 * file and the package. */
	cr_assert_gt(fds->len, 100);
	cr_assert_eq(fds->data[0], 0x0a);
	cr_assert(has_bytes(fds->data, fds->len, "nerd.proto"));
	cr_assert(has_bytes(fds->data, fds->len, "RecognizeBatch"));
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

Test(server_rpc, request_id_is_echoed_in_the_reply)
{
	Nerd__V1__HealthCheckRequest req
	    = NERD__V1__HEALTH_CHECK_REQUEST__INIT;
	sh_opts             opts = { .request_id = "req-42" };
	Nerd__V1__RpcReply *r;

	r = sh_rpc(sock, "/nerd.v1.Health/Check", &req.base, &opts);
	cr_assert_eq(sh_code(r), 0);
	cr_assert_eq(r->n_metadata, 1);
	cr_assert_str_eq(r->metadata[0]->key, "x-request-id");
	cr_assert_str_eq(r->metadata[0]->value, "req-42");
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

Test(server_rpc, request_id_that_is_not_utf8_is_not_echoed)
{
	Nerd__V1__HealthCheckRequest req
	    = NERD__V1__HEALTH_CHECK_REQUEST__INIT;
	sh_opts             opts = { .request_id = "bad\xff" };
	Nerd__V1__RpcReply *r;

	r = sh_rpc(sock, "/nerd.v1.Health/Check", &req.base, &opts);
	cr_assert_eq(sh_code(r), 0);
	cr_assert_eq(r->n_metadata, 0);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

Test(server_rpc, each_call_is_logged_at_debug_level)
{
	Nerd__V1__HealthCheckRequest req
	    = NERD__V1__HEALTH_CHECK_REQUEST__INIT;
	sh_opts             opts = { .request_id = "log-me" };
	Nerd__V1__RpcReply *r;

	r = sh_rpc(sock, "/nerd.v1.Health/Check", &req.base, &opts);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	/* Written before the reply is sent. */
	cr_assert(sh_log_has(&srv,
	    "level=debug msg=\"call\" method=/nerd.v1.Health/Check code=OK "
	    "us="));
	cr_assert(sh_log_has(&srv, "request_id=log-me"));
}

/* Kinds are checked against what the loaded plugins provide: a known one
 * filters, an unknown one is refused by name. */
Test(server_rpc, recognize_checks_the_kinds_asked_for)
{
	Nerd__V1__RecognizeRequest   req;
	Nerd__V1__Document           doc;
	Nerd__V1__RpcReply          *r;
	Nerd__V1__RecognizeResponse *resp;
	char                        *known[]   = { "capitalized" };
	char                        *unknown[] = { "capitalized", "colour" };

	sh_recognize_request(&req, &doc, "then Maria met Paolo in town");
	req.kinds   = known;
	req.n_kinds = 1;
	r    = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__recognize_response__descriptor);
	cr_assert_eq(resp->n_entities, 2);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);

	req.kinds   = unknown;
	req.n_kinds = 2;
	r = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	cr_assert_eq(sh_code(r), NERD__V1__STATUS_CODE__INVALID_ARGUMENT);
	cr_assert_not_null(r->status);
	cr_assert_not_null(
	    strstr(r->status->message, "unknown kind \"colour\""), "%s",
	    r->status->message);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}
