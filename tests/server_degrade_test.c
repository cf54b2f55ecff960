/*
 * tests/server_degrade_test.c: a plugin that fails, or that gives up at
 * its deadline, degrades only its own part of the reply: the call is OK,
 * the other plugins' entities are all there, and the per-plugin report
 * gives each plugin's status.  Through the real server.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <string.h>

#include "server_harness.h"

#define RECOGNIZE "/nerd.v1.Recognizer/Recognize"

static sh_server  srv;
static nng_socket sock;

static void
setup(void)
{
	const char *extra[] = { "--plugins", SERVER_TEST_PLUGIN_DIR,
		"--plugins", CORE_TP_DIR "/hardfail", NULL };

	sh_start(&srv, extra);
	sh_client_open(&sock, srv.url, NULL);
}

static void
teardown(void)
{
	nng_close(sock);
	cr_expect_eq(sh_stop(&srv, SIGTERM), 0, "server exit status");
}

static const Nerd__V1__PluginResult *
report(const Nerd__V1__RecognizeResponse *resp, const char *name)
{
	for (size_t i = 0; i < resp->n_plugins; i++) {
		if (strcmp(resp->plugins[i]->name, name) == 0) {
			return (resp->plugins[i]);
		}
	}
	cr_assert_fail("no report for plugin %s", name);
	return (NULL);
}

static size_t
count_kind(const Nerd__V1__RecognizeResponse *resp, const char *kind)
{
	size_t n = 0;

	for (size_t i = 0; i < resp->n_entities; i++) {
		n += strcmp(resp->entities[i]->kind, kind) == 0;
	}
	return (n);
}

/* Recognizes text with the given kinds and timeout; the call must be OK. */
static Nerd__V1__RecognizeResponse *
recognize(const char *text, char **kinds, size_t n_kinds, uint32_t timeout)
{
	Nerd__V1__RecognizeRequest   req;
	Nerd__V1__Document           doc;
	sh_opts                      opts = { .timeout_ms = timeout };
	Nerd__V1__RpcReply          *r;
	Nerd__V1__RecognizeResponse *resp;

	sh_recognize_request(&req, &doc, text);
	req.kinds   = kinds;
	req.n_kinds = n_kinds;
	r           = sh_rpc(sock, RECOGNIZE, &req.base, &opts);
	resp        = (Nerd__V1__RecognizeResponse *) sh_payload(
	           r, &nerd__v1__recognize_response__descriptor);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	return (resp);
}

TestSuite(server_degrade, .init = setup, .fini = teardown, .timeout = 30);

Test(server_degrade, failing_plugin_reports_its_error_and_others_answer)
{
	char *kinds[] = { "name", "flaky", "capitalized" };
	Nerd__V1__RecognizeResponse  *resp;
	const Nerd__V1__PluginResult *p;

	resp = recognize("Anna Berg met Carl Dahl", kinds, 3, 0);
	p    = report(resp, "flaky");
	cr_assert_eq(p->code, NERD__V1__STATUS_CODE__INTERNAL);
	cr_assert_not_null(
	    strstr(p->message, "broken on purpose"), "%s", p->message);
	cr_assert_eq(report(resp, "caps")->code, 0);
	cr_assert_eq(report(resp, "server_probe")->code, 0);
	/* Both healthy plugins' entities are whole; the failing plugin's
	 * entity emitted before its error is kept. */
	cr_assert_eq(count_kind(resp, "name"), 4);
	cr_assert_eq(count_kind(resp, "capitalized"), 4);
	cr_assert_eq(count_kind(resp, "flaky"), 1);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
}

Test(server_degrade, plugin_cancelled_at_its_deadline_keeps_the_rest)
{
	Nerd__V1__RecognizeResponse  *resp;
	const Nerd__V1__PluginResult *p;

	/* zz_slow runs last (pipeline ties go by name) and works until the
	 * call's deadline; the others have long finished by then. */
	resp = recognize("Anna Berg met Carl Dahl", NULL, 0, 500);
	p    = report(resp, "zz_slow");
	cr_assert_eq(p->code, NERD__V1__STATUS_CODE__DEADLINE_EXCEEDED,
	    "zz_slow: %d %s", p->code, p->message);
	cr_assert_eq(report(resp, "caps")->code, 0);
	cr_assert_eq(report(resp, "server_probe")->code, 0);
	cr_assert_eq(
	    report(resp, "flaky")->code, NERD__V1__STATUS_CODE__INTERNAL);
	cr_assert_eq(count_kind(resp, "name"), 4);
	cr_assert_eq(count_kind(resp, "capitalized"), 4);
	/* What it emitted before giving up is kept. */
	cr_assert_eq(count_kind(resp, "slow"), 1);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
}

Test(server_degrade, plugins_fail_call_after_call_and_the_server_carries_on)
{
	char *kinds[] = { "flaky", "name" };

	for (int i = 0; i < 20; i++) {
		Nerd__V1__RecognizeResponse *resp
		    = recognize("Eva Fors", kinds, 2, 0);
		cr_assert_eq(report(resp, "flaky")->code,
		    NERD__V1__STATUS_CODE__INTERNAL);
		cr_assert_eq(count_kind(resp, "name"), 2);
		protobuf_c_message_free_unpacked(&resp->base, NULL);
	}
}
