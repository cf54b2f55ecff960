/*
 * tests/server_errors_test.c: every error status the server answers, each
 * with a reply (never a dropped call).
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server_harness.h"

static sh_server  srv;
static nng_socket sock;

static void
start(const char *const *extra)
{
	sh_start(&srv, extra);
	sh_client_open(&sock, srv.url, NULL);
}

static void
stop(void)
{
	nng_close(sock);
	cr_expect_eq(sh_stop(&srv, SIGTERM), 0, "server exit status");
}

static int
recognize_code(const char *text, const sh_opts *opts, char *msg, size_t len)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	Nerd__V1__RpcReply        *r;
	int                        code;

	sh_recognize_request(&req, &doc, text);
	r    = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", &req.base, opts);
	code = sh_code(r);
	if (msg != NULL) {
		snprintf(msg, len, "%s", r->status->message);
	}
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	return (code);
}

Test(server_errors, unknown_method_is_unimplemented, .timeout = 30)
{
	Nerd__V1__RpcReply *r;

	start(NULL);
	r = sh_rpc(sock, "/nerd.v1.Recognizer/Guess", NULL, NULL);
	cr_assert_eq(sh_code(r), NERD__V1__STATUS_CODE__UNIMPLEMENTED);
	cr_assert_not_null(
	    strstr(r->status->message, "/nerd.v1.Recognizer/Guess"));
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	stop();
}

Test(server_errors, bytes_that_are_not_an_envelope_get_internal, .timeout = 30)
{
	/* Field 1 with wire type 7, which does not exist. */
	static const uint8_t junk[] = { 0x0f, 0xff, 0xff, 0xff };
	sh_call              c;
	Nerd__V1__RpcReply  *r;

	start(NULL);
	sh_call_start_raw(&c, sock, junk, sizeof(junk));
	r = sh_call_wait(&c);
	cr_assert_not_null(r, "no reply: %s", nng_strerror(c.rv));
	cr_assert_eq(sh_code(r), NERD__V1__STATUS_CODE__INTERNAL);
	cr_assert_str_eq(r->status->message, "unable to parse request");
	sh_call_fini(&c);
	/* The context keeps serving. */
	cr_assert_eq(recognize_code("Still Here", NULL, NULL, 0), 0);
	stop();
}

/* Seconds on CLOCK_MONOTONIC. */
static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double) ts.tv_sec + (double) ts.tv_nsec / 1e9);
}

Test(server_errors, a_flood_of_bad_envelopes_logs_at_most_a_line_a_second,
    .timeout = 60)
{
	static const uint8_t junk[] = { 0x0f, 0xff, 0xff, 0xff };
	const int            calls  = 40;
	double               start_s;
	double               took_s;
	int                  lines;

	start(NULL);
	start_s = now_s();
	for (int i = 0; i < calls; i++) {
		sh_call             c;
		Nerd__V1__RpcReply *r;

		sh_call_start_raw(&c, sock, junk, sizeof(junk));
		r = sh_call_wait(&c);
		cr_assert_not_null(r, "no reply: %s", nng_strerror(c.rv));
		/* Every call is still answered. */
		cr_assert_eq(sh_code(r), NERD__V1__STATUS_CODE__INTERNAL);
		sh_call_fini(&c);
	}
	took_s = now_s() - start_s;
	/* Each line is written before its reply is sent.  One line a
	 * second: at most one more than the whole seconds the calls
	 * took (the bound follows the time taken, it tests no speed). */
	lines = sh_log_count(&srv, "msg=\"unable to parse request\"");
	cr_assert_geq(lines, 1, "the first bad envelope is logged");
	cr_assert_leq(lines, (int) took_s + 1, "%d lines in %.1f s", lines,
	    took_s);
	stop();
}

Test(server_errors, payload_of_another_type_gets_internal, .timeout = 30)
{
	static const uint8_t junk[] = { 0x0f, 0x01 };
	sh_opts opts = { .raw_payload = junk, .raw_len = sizeof(junk) };
	Nerd__V1__RpcReply *r;

	start(NULL);
	r = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", NULL, &opts);
	cr_assert_eq(sh_code(r), NERD__V1__STATUS_CODE__INTERNAL);
	cr_assert_not_null(strstr(r->status->message, "RecognizeRequest"));
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	stop();
}

Test(server_errors, empty_or_invalid_text_is_invalid_argument, .timeout = 30)
{
	char msg[256];

	start(NULL);
	cr_assert_eq(recognize_code("", NULL, msg, sizeof(msg)),
	    NERD__V1__STATUS_CODE__INVALID_ARGUMENT);
	cr_assert_not_null(strstr(msg, "empty"));
	/* A lone continuation byte and an overlong encoding of '/'. */
	cr_assert_eq(recognize_code("bad \x80 byte", NULL, msg, sizeof(msg)),
	    NERD__V1__STATUS_CODE__INVALID_ARGUMENT);
	cr_assert_not_null(strstr(msg, "UTF-8"));
	cr_assert_eq(recognize_code("over \xc0\xaf long", NULL, NULL, 0),
	    NERD__V1__STATUS_CODE__INVALID_ARGUMENT);
	stop();
}

Test(server_errors, missing_document_is_invalid_argument, .timeout = 30)
{
	Nerd__V1__RecognizeRequest req = NERD__V1__RECOGNIZE_REQUEST__INIT;
	Nerd__V1__RpcReply        *r;

	start(NULL);
	r = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	cr_assert_eq(sh_code(r), NERD__V1__STATUS_CODE__INVALID_ARGUMENT);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	stop();
}

Test(
    server_errors, payload_over_the_limit_is_resource_exhausted, .timeout = 30)
{
	const char *extra[] = { "--max-message", "1k", NULL };
	char        big[3000];
	char        msg[256];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	start(extra);
	cr_assert_eq(recognize_code(big, NULL, msg, sizeof(msg)),
	    NERD__V1__STATUS_CODE__RESOURCE_EXHAUSTED);
	cr_assert_not_null(strstr(msg, "larger than max"), "%s", msg);
	/* Just under the limit passes. */
	big[900] = '\0';
	cr_assert_eq(recognize_code(big, NULL, NULL, 0), 0);
	stop();
}

/* Starts a Recognize of text, which holds at the gate named name, and
 * returns once it is held there: the gate's fd, for sh_gate_open. */
static int
start_held(sh_call *held, const char *name, const char *text)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;

	sh_recognize_request(&req, &doc, text);
	sh_call_start(
	    held, sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	return (sh_gate_enter(&srv, name));
}

/* Starts two Recognize calls of text where one queue slot is left, and
 * returns once one of them is answered (the refused one). */
static void
start_two_for_one_slot(sh_call *a, sh_call *b, sem_t *done, const char *text)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	sh_opts                    notify = { .notify = done };

	sh_recognize_request(&req, &doc, text);
	sem_init(done, 0, 0);
	sh_call_start(
	    a, sock, "/nerd.v1.Recognizer/Recognize", &req.base, &notify);
	sh_call_start(
	    b, sock, "/nerd.v1.Recognizer/Recognize", &req.base, &notify);
	cr_assert_eq(sem_wait(done), 0);
}

/* Checks that of a and b one ran and one found the queue full, and
 * frees both. */
static void
expect_one_queued_one_refused(sh_call *a, sh_call *b)
{
	int codes[2];

	cr_assert_not_null(sh_call_wait(a));
	cr_assert_not_null(sh_call_wait(b));
	codes[0] = sh_code(a->reply);
	codes[1] = sh_code(b->reply);
	cr_assert((codes[0] == 0 && codes[1] == 8)
	        || (codes[0] == 8 && codes[1] == 0),
	    "codes %d %d", codes[0], codes[1]);
	sh_call_fini(a);
	sh_call_fini(b);
}

Test(server_errors, full_queue_is_resource_exhausted_at_once, .timeout = 30)
{
	const char *extra[] = { "--workers", "1", "--queue-depth", "1",
		"--inline-max", "0", NULL };
	char        gate[600];
	sh_call     held, a, b;
	int         fd;
	sem_t       done;

	start(extra);
	sh_gate_make(&srv, "g1", gate, sizeof(gate));
	fd = start_held(&held, "g1", gate);
	/* The only worker is busy: one of these waits in the queue, the
	 * other finds it full, and is answered while the worker is still
	 * held. */
	start_two_for_one_slot(&a, &b, &done, "Queued Call");
	sh_gate_open(fd);
	cr_assert_not_null(sh_call_wait(&held));
	cr_assert_eq(sh_code(held.reply), 0);
	expect_one_queued_one_refused(&a, &b);
	sh_call_fini(&held);
	stop();
}

Test(server_errors, small_calls_run_inline_while_the_workers_are_full,
    .timeout = 30)
{
	const char *extra[] = { "--workers", "1", "--queue-depth", "1",
		"--inline-max", "4k", NULL };
	static char big[6000];
	sh_call     held, a, b;
	sem_t       done;
	size_t      n;
	int         fd;

	start(extra);
	/* A gated document over the inline limit holds the only worker... */
	sh_gate_make(&srv, "g1", big, sizeof(big));
	n = strlen(big);
	memset(big + n, 'x', sizeof(big) - n - 1);
	big[sizeof(big) - 1] = '\0';
	fd                   = start_held(&held, "g1", big);
	/* ...of two more large calls, one fills the queue and the other
	 * finds it full (either may come first)... */
	memcpy(big, "Large", 5);
	start_two_for_one_slot(&a, &b, &done, big);
	/* ...while a small call is recognised at once, in the callback. */
	cr_assert_eq(recognize_code("Small Call", NULL, NULL, 0), 0);
	sh_gate_open(fd);
	cr_assert_not_null(sh_call_wait(&held));
	cr_assert_eq(sh_code(held.reply), 0);
	expect_one_queued_one_refused(&a, &b);
	sh_call_fini(&held);
	stop();
}

Test(server_errors, inline_calls_are_capped_by_the_workers_and_the_rest_queue,
    .timeout = 30)
{
	/* One worker: one call at a time may run in an NNG callback. */
	const char *extra[] = { "--workers", "1", "--queue-depth", "1", NULL };
	char        gate1[600];
	char        gate2[600];
	sh_call     held1, held2, a, b;
	sem_t       done;
	int         fd1, fd2;

	start(extra);
	/* The first small gated call takes the only inline slot... */
	sh_gate_make(&srv, "g1", gate1, sizeof(gate1));
	fd1 = start_held(&held1, "g1", gate1);
	/* ...so the second goes to the worker... */
	sh_gate_make(&srv, "g2", gate2, sizeof(gate2));
	fd2 = start_held(&held2, "g2", gate2);
	/* ...and of two more small calls one waits in the queue while the
	 * other finds it full. */
	start_two_for_one_slot(&a, &b, &done, "Queued Call");
	sh_gate_open(fd1);
	sh_gate_open(fd2);
	cr_assert_not_null(sh_call_wait(&held1));
	cr_assert_eq(sh_code(held1.reply), 0);
	cr_assert_not_null(sh_call_wait(&held2));
	cr_assert_eq(sh_code(held2.reply), 0);
	expect_one_queued_one_refused(&a, &b);
	sh_call_fini(&held1);
	sh_call_fini(&held2);
	stop();
}

/* Holds the only worker, queues a call with the given timeout behind it,
 * lets more than that time pass and checks the call is refused with
 * DEADLINE_EXCEEDED instead of being run. */
static void
expire_behind_held_worker(
    const char *const *extra, uint32_t timeout_ms, long wait_ms)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	char                       gate[600];
	sh_call                    held, late, probe;
	sh_opts                    opts = { .timeout_ms = timeout_ms };
	struct timespec            ts   = { 0, wait_ms * 1000000L };
	int                        fd;

	start(extra);
	sh_gate_make(&srv, "g1", gate, sizeof(gate));
	sh_recognize_request(&req, &doc, gate);
	sh_call_start(
	    &held, sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	fd = sh_gate_enter(&srv, "g1");
	sh_recognize_request(&req, &doc, "Too Late");
	sh_call_start(
	    &late, sock, "/nerd.v1.Recognizer/Recognize", &req.base, &opts);
	/* An answer the receive path gives at once, sent after the late call
	 * on the same connection, so the late call has been received. */
	sh_call_start(&probe, sock, "/nerd.v1.Nope/Nope", NULL, NULL);
	cr_assert_not_null(sh_call_wait(&probe));
	cr_assert_eq(
	    sh_code(probe.reply), NERD__V1__STATUS_CODE__UNIMPLEMENTED);
	/* The deadline passes while the only worker is held; this wait is
	 * for time to pass, not for an event. */
	nanosleep(&ts, NULL);
	sh_gate_open(fd);
	cr_assert_not_null(sh_call_wait(&held));
	cr_assert_not_null(sh_call_wait(&late));
	cr_assert_eq(
	    sh_code(late.reply), NERD__V1__STATUS_CODE__DEADLINE_EXCEEDED);
	cr_assert_eq(late.reply->payload.len, 0);
	sh_call_fini(&held);
	sh_call_fini(&late);
	sh_call_fini(&probe);
	stop();
}

Test(server_errors, expired_deadline_is_deadline_exceeded_without_work,
    .timeout = 30)
{
	const char *extra[] = { "--workers", "1", "--inline-max", "0", NULL };

	expire_behind_held_worker(extra, 1, 20);
}

Test(server_errors, deadlines_are_clamped_to_the_maximum, .timeout = 30)
{
	const char *extra[] = { "--workers", "1", "--max-timeout", "200ms",
		"--inline-max", "0", NULL };

	/* Asks for a minute; the server allows 200 ms (enough for the held
	 * call to reach the plugin, even under sanitizers). */
	expire_behind_held_worker(extra, 60000, 300);
}

Test(server_errors, unknown_kind_is_invalid_argument, .timeout = 30)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	char                      *nope[]  = { "capitalized", "nope" };
	char                      *known[] = { "capitalized" };
	Nerd__V1__RpcReply        *r;

	start(NULL);
	sh_recognize_request(&req, &doc, "Some Words");
	req.kinds   = nope;
	req.n_kinds = 2;
	r = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	cr_assert_eq(sh_code(r), NERD__V1__STATUS_CODE__INVALID_ARGUMENT);
	cr_assert_not_null(strstr(r->status->message, "\"nope\""));
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	req.kinds   = known;
	req.n_kinds = 1;
	r = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	cr_assert_eq(sh_code(r), 0);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	stop();
}
