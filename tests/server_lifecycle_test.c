/*
 * tests/server_lifecycle_test.c: reloads while calls are in flight,
 * SIGHUP, and draining on SIGTERM/SIGINT.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "server_harness.h"

#define RECOGNIZE "/nerd.v1.Recognizer/Recognize"

static sh_server  srv;
static nng_socket sock;

static int
health_serving(void)
{
	Nerd__V1__HealthCheckRequest req
	    = NERD__V1__HEALTH_CHECK_REQUEST__INIT;
	Nerd__V1__RpcReply            *r;
	Nerd__V1__HealthCheckResponse *resp;
	int                            serving;

	r    = sh_rpc(sock, "/nerd.v1.Health/Check", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__health_check_response__descriptor);
	serving = resp->status
	    == NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING;
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	return (serving);
}

static uint64_t
generation(void)
{
	Nerd__V1__ListRecognizersRequest req
	    = NERD__V1__LIST_RECOGNIZERS_REQUEST__INIT;
	Nerd__V1__RpcReply                *r;
	Nerd__V1__ListRecognizersResponse *resp;
	uint64_t                           gen;

	r = sh_rpc(
	    sock, "/nerd.v1.Recognizer/ListRecognizers", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__list_recognizers_response__descriptor);
	gen = resp->generation;
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	return (gen);
}

static void
start_held(sh_call *held, const char *gate_name)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	char                       gate[600];

	sh_gate_make(&srv, gate_name, gate, sizeof(gate));
	sh_recognize_request(&req, &doc, gate);
	sh_call_start(held, sock, RECOGNIZE, &req.base, NULL);
}

/* The held document's entities: "Held", "Call", "Here". */
static void
assert_held_reply(sh_call *held)
{
	Nerd__V1__RecognizeResponse *resp;

	cr_assert_not_null(
	    sh_call_wait(held), "held call lost: %s", nng_strerror(held->rv));
	resp = (void *) sh_payload(
	    held->reply, &nerd__v1__recognize_response__descriptor);
	cr_assert_eq(resp->n_entities, 3);
	cr_assert_str_eq(resp->entities[0]->text, "Held");
	protobuf_c_message_free_unpacked(&resp->base, NULL);
}

Test(server_lifecycle, reload_while_calls_are_in_flight_loses_none,
    .timeout = 60)
{
	const char *extra[] = { "--workers", "2", NULL };
	enum { N = 24 };
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	Nerd__V1__ReloadRequest    rl = NERD__V1__RELOAD_REQUEST__INIT;
	sh_call                    held, calls[N], reload;
	int                        fd;

	sh_start(&srv, extra);
	sh_client_open(&sock, srv.url, NULL);
	start_held(&held, "g1");
	fd = sh_gate_enter(&srv, "g1");
	/* The held call runs on the first registry; the reload swaps it out
	 * from under it while more calls stream in. */
	sh_recognize_request(&req, &doc, "Alpha beta Gamma");
	for (int i = 0; i < N / 2; i++) {
		sh_call_start(&calls[i], sock, RECOGNIZE, &req.base, NULL);
	}
	sh_call_start(&reload, sock, "/nerd.v1.Admin/Reload", &rl.base, NULL);
	for (int i = N / 2; i < N; i++) {
		sh_call_start(&calls[i], sock, RECOGNIZE, &req.base, NULL);
	}
	cr_assert_not_null(sh_call_wait(&reload));
	cr_assert_eq(
	    sh_code(reload.reply), 0, "%s", reload.reply->status->message);
	for (int i = 0; i < N; i++) {
		Nerd__V1__RecognizeResponse *resp;
		cr_assert_not_null(sh_call_wait(&calls[i]), "call %d lost", i);
		resp = (void *) sh_payload(
		    calls[i].reply, &nerd__v1__recognize_response__descriptor);
		cr_assert_eq(resp->n_entities, 2, "call %d", i);
		protobuf_c_message_free_unpacked(&resp->base, NULL);
		sh_call_fini(&calls[i]);
	}
	/* The old registry is still alive for the held call. */
	sh_gate_open(fd);
	assert_held_reply(&held);
	cr_assert_eq(generation(), 2);
	sh_call_fini(&held);
	sh_call_fini(&reload);
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}

Test(server_lifecycle, sighup_reloads_the_plugins, .timeout = 30)
{
	sh_start(&srv, NULL);
	sh_client_open(&sock, srv.url, NULL);
	cr_assert_eq(generation(), 1);
	kill(srv.pid, SIGHUP);
	/* Each check is a full round trip; the reload lands in between. */
	while (generation() != 2) { }
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}

/* inline_max: "0" holds the call on a worker, the default runs it in
 * the receive callback. */
static void
drain_on(int sig, const char *inline_max)
{
	const char *extra[] = { "--inline-max", inline_max, NULL };
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	Nerd__V1__RpcReply        *r;
	sh_call                    held;
	int                        fd;

	sh_start(&srv, extra);
	sh_client_open(&sock, srv.url, NULL);
	start_held(&held, "g1");
	fd = sh_gate_enter(&srv, "g1");
	kill(srv.pid, sig);
	/* Health turns NOT_SERVING once the signal is handled... */
	while (health_serving()) { }
	/* ...and new calls are refused at once... */
	sh_recognize_request(&req, &doc, "Refused Now");
	r = sh_rpc(sock, RECOGNIZE, &req.base, NULL);
	cr_assert_eq(sh_code(r), NERD__V1__STATUS_CODE__UNAVAILABLE);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	/* ...while the call in flight still completes. */
	sh_gate_open(fd);
	assert_held_reply(&held);
	sh_call_fini(&held);
	nng_close(sock);
	cr_assert_eq(sh_wait(&srv), 0, "exit status");
	cr_assert(sh_log_has(&srv, "msg=\"stopped\""));
	sh_stop(&srv, 0);
}

Test(server_lifecycle, sigterm_drains_calls_in_flight_and_exits_0,
    .timeout = 30)
{
	drain_on(SIGTERM, "0");
}

Test(server_lifecycle, sigterm_drains_a_call_running_inline_too,
    .timeout = 30)
{
	drain_on(SIGTERM, "16k");
}

Test(server_lifecycle, sigint_drains_like_sigterm, .timeout = 30)
{
	drain_on(SIGINT, "0");
}

Test(server_lifecycle, drain_deadline_cancels_what_remains, .timeout = 30)
{
	const char *extra[] = { "--drain-timeout", "50ms", NULL };
	sh_call     held;
	int         fd;

	sh_start(&srv, extra);
	sh_client_open(&sock, srv.url, NULL);
	start_held(&held, "g1");
	fd = sh_gate_enter(&srv, "g1");
	kill(srv.pid, SIGTERM);
	/* The server gives up waiting and says so before closing. */
	while (!sh_log_has(&srv, "drain deadline passed")) {
		(void) health_serving();
	}
	sh_gate_open(fd);
	/* The call still gets its answer before the socket closes. */
	cr_assert_not_null(
	    sh_call_wait(&held), "held call lost: %s", nng_strerror(held.rv));
	cr_assert_eq(sh_wait(&srv), 0, "exit status");
	sh_call_fini(&held);
	nng_close(sock);
	sh_stop(&srv, 0);
}

Test(server_lifecycle, help_documents_every_flag, .timeout = 30)
{
	static const char *flags[]
	    = { "--listen", "--plugins", "--workers", "--max-message",
		      "--default-timeout", "--max-timeout", "--log-level",
		      "--config", "--tls-cert", "--tls-key", "--tls-ca",
		      "--auth-tokens", "--admin-tokens", "--probe-plugins",
		      "--check-plugins", "--drain-timeout", "--queue-depth",
		      "--contexts", "--max-reply", "--inline-max" };
	char   cmd[600];
	FILE  *p;
	char   buf[16384];
	size_t n;

	snprintf(cmd, sizeof(cmd), "%s --help", NERD_SERVER_BIN);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n      = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	cr_assert_eq(pclose(p), 0);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		cr_assert_not_null(
		    strstr(buf, flags[i]), "%s undocumented", flags[i]);
	}
}

Test(server_lifecycle, check_plugins_lists_them_and_exits, .timeout = 30)
{
	char   cmd[600];
	FILE  *p;
	char   buf[4096];
	size_t n;

	snprintf(cmd, sizeof(cmd),
	    "%s --plugins %s --check-plugins 2>/dev/null", NERD_SERVER_BIN,
	    SERVER_TEST_PLUGIN_DIR);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n      = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	cr_assert_eq(pclose(p), 0);
	cr_assert_not_null(
	    strstr(buf, "loaded server_probe 1.0.0"), "%s", buf);
}

Test(server_lifecycle, config_file_sets_flags_and_plugin_sections,
    .timeout = 30)
{
	char        path[600];
	char        text[1200];
	const char *extra[3] = { "--config", path, NULL };
	char        url[600];

	sh_mkdir(&srv);
	snprintf(url, sizeof(url), "ipc://%s/from-config.sock", srv.dir);
	snprintf(text, sizeof(text),
	    "# a comment\nlisten = %s\nworkers = 3\nlog-level = debug\n"
	    "[plugin.server_probe]\nflavour = plain\n",
	    url);
	sh_write_file(&srv, "nerd.conf", text, 0600, path, sizeof(path));
	/* --listen from the harness replaces the file's list; the file's
	 * workers still apply. */
	sh_start_url(&srv, url, extra);
	sh_client_open(&sock, url, NULL);
	cr_assert_eq(generation(), 1);
	cr_assert(sh_log_has(&srv, "workers=3"));
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}

Test(server_lifecycle, bad_config_file_is_refused_with_its_line, .timeout = 30)
{
	char        path[600];
	const char *extra[3] = { "--config", path, NULL };

	sh_mkdir(&srv);
	sh_write_file(&srv, "bad.conf", "workers = 2\nspeed = fast\n", 0600,
	    path, sizeof(path));
	sh_start_url(&srv, "ipc:///nonexistent/never", extra);
	cr_assert_eq(sh_wait(&srv), 2);
	cr_assert(sh_log_has(&srv, "bad.conf:2: unknown setting \"speed\""));
	sh_stop(&srv, 0);
}

Test(server_lifecycle, reload_reports_refused_files_and_keeps_serving,
    .timeout = 30)
{
	char                      dir[600];
	char                      cmd[1400];
	char                      url[600];
	const char               *extra[] = { "--plugins", dir, NULL };
	Nerd__V1__ReloadRequest   rl      = NERD__V1__RELOAD_REQUEST__INIT;
	Nerd__V1__RpcReply       *r;
	Nerd__V1__ReloadResponse *resp;

	sh_mkdir(&srv);
	sh_path(&srv, "plugins", dir, sizeof(dir));
	snprintf(cmd, sizeof(cmd),
	    "mkdir -m 700 '%s' && cp '%s/server_probe.so' '%s/'", dir,
	    SERVER_TEST_PLUGIN_DIR, dir);
	cr_assert_eq(system(cmd), 0);
	snprintf(url, sizeof(url), "ipc://%s/nerd.sock", srv.dir);
	/* Only this folder: the harness leaves its own out. */
	sh_start_url(&srv, url, extra);
	sh_client_open(&sock, url, NULL);
	cr_assert_eq(generation(), 1);
	/* A file that is no shared object appears in the folder. */
	snprintf(
	    cmd, sizeof(cmd), "echo 'not a plugin' > '%s/broken.so'", dir);
	cr_assert_eq(system(cmd), 0);
	r    = sh_rpc(sock, "/nerd.v1.Admin/Reload", &rl.base, NULL);
	resp = (void *) sh_payload(r, &nerd__v1__reload_response__descriptor);
	cr_assert_eq(resp->generation, 2);
	cr_assert_eq(resp->n_recognizers, 1);
	cr_assert_eq(resp->n_refused, 1);
	cr_assert_not_null(
	    strstr(resp->refused[0], "broken.so"), "%s", resp->refused[0]);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}

Test(
    server_lifecycle, health_answers_while_every_worker_is_busy, .timeout = 30)
{
	const char *extra[] = { "--workers", "1", "--inline-max", "0", NULL };
	sh_call     held;
	int         fd;

	sh_start(&srv, extra);
	sh_client_open(&sock, srv.url, NULL);
	start_held(&held, "g1");
	fd = sh_gate_enter(&srv, "g1");
	cr_assert(health_serving());
	sh_gate_open(fd);
	assert_held_reply(&held);
	sh_call_fini(&held);
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}

Test(server_lifecycle, unusable_listen_address_fails_startup, .timeout = 30)
{
	sh_mkdir(&srv);
	sh_start_url(&srv, "carrier-pigeon://127.0.0.1:1", NULL);
	cr_assert_eq(sh_wait(&srv), 1);
	cr_assert(sh_log_has(&srv, "msg=\"cannot listen\""));
	sh_stop(&srv, 0);
}

Test(server_lifecycle, listening_on_a_file_that_is_no_socket_keeps_the_file,
    .timeout = 15)
{
	char   path[600];
	char   url[700];
	char   text[64];
	FILE  *f;
	size_t n;

	/* NNG takes a path that refuses connections for a stale socket and
	 * unlinks it: a typo in --listen deleted the file it named. */
	sh_mkdir(&srv);
	sh_write_file(
	    &srv, "notes.txt", "keep me\n", 0600, path, sizeof(path));
	snprintf(url, sizeof(url), "ipc://%s", path);
	sh_start_url(&srv, url, NULL);
	cr_assert_eq(sh_wait(&srv), 1);
	cr_assert(sh_log_has(&srv, "exists and is not a socket"));
	f = fopen(path, "r");
	cr_assert_not_null(f, "%s was deleted", path);
	n       = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	cr_assert_str_eq(text, "keep me\n");
	sh_stop(&srv, 0);
}

Test(server_lifecycle, no_plugin_to_serve_fails_startup, .timeout = 15)
{
	char        dir[600];
	const char *extra[] = { "--plugins", dir, NULL };

	/* An empty folder used to give a server that answered every call
	 * with no entities, its only sign an info line "count=0". */
	sh_mkdir(&srv);
	sh_path(&srv, "empty", dir, sizeof(dir));
	cr_assert_eq(mkdir(dir, 0700), 0);
	sh_start_url(&srv, "ipc:///nonexistent/never", extra);
	cr_assert_eq(sh_wait(&srv), 1);
	cr_assert(sh_log_has(&srv, "no plugin loaded"));
	sh_stop(&srv, 0);
}

Test(server_lifecycle, check_plugins_fails_when_no_plugin_loads,
    .timeout = 15)
{
	char   cmd[1400];
	char   dir[600];
	FILE  *p;
	char   buf[4096];
	size_t n;

	sh_mkdir(&srv);
	sh_path(&srv, "empty", dir, sizeof(dir));
	cr_assert_eq(mkdir(dir, 0700), 0);
	snprintf(cmd, sizeof(cmd), "%s --plugins %s --check-plugins 2>&1",
	    NERD_SERVER_BIN, dir);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n      = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	cr_assert_eq(WEXITSTATUS(pclose(p)), 1, "%s", buf);
	cr_assert_not_null(strstr(buf, "no plugin loaded"), "%s", buf);
	sh_stop(&srv, 0);
}

Test(server_lifecycle, a_missing_plugin_folder_fails_startup, .timeout = 15)
{
	const char *extra[] = { "--plugins", SERVER_TEST_PLUGIN_DIR,
		"--plugins", "/nonexistent/nerd-plugins", NULL };

	/* It used to be a warning, and the server ran on the other
	 * folders without the plugins meant to be there. */
	sh_mkdir(&srv);
	sh_start_url(&srv, "ipc:///nonexistent/never", extra);
	cr_assert_eq(sh_wait(&srv), 1);
	cr_assert(sh_log_has(
	    &srv, "plugin folder /nonexistent/nerd-plugins: No such file"));
	sh_stop(&srv, 0);
}

/* Starts the server with server_probe's init held on the gate "init"
 * (sh_gate_enter / sh_gate_open pass it, once per init). */
static void
start_with_init_gate(void)
{
	char        url[600];
	char        gate[600];
	char        path[600];
	char        text[1400];
	const char *extra[] = { "--config", path, NULL };

	sh_mkdir(&srv);
	sh_gate_make(&srv, "init", text, sizeof(text));
	sh_path(&srv, "init", gate, sizeof(gate));
	snprintf(text, sizeof(text), "[plugin.server_probe]\ninit_gate = %s\n",
	    gate);
	sh_write_file(&srv, "nerd.conf", text, 0600, path, sizeof(path));
	snprintf(url, sizeof(url), "ipc://%s/nerd.sock", srv.dir);
	sh_start_url(&srv, url, extra);
}

Test(server_lifecycle, sigterm_stops_a_startup_that_hangs, .timeout = 15)
{
	int fd;

	/* Signals are blocked from the start so that only the server's
	 * sigwait sees them; it used to begin once start-up was over, so a
	 * plugin init that hung could be stopped by SIGKILL only. */
	start_with_init_gate();
	fd = sh_gate_enter(&srv, "init");
	cr_assert_eq(kill(srv.pid, SIGTERM), 0);
	cr_assert_eq(sh_wait(&srv), 128 + SIGTERM);
	cr_assert(sh_log_has(&srv, "start-up interrupted"));
	close(fd);
	sh_stop(&srv, 0);
}

Test(server_lifecycle, sighup_during_startup_reloads_once_started,
    .timeout = 15)
{
	char gate[600];
	int  fd;

	start_with_init_gate();
	fd = sh_gate_enter(&srv, "init");
	cr_assert_eq(kill(srv.pid, SIGHUP), 0);
	/* The reload's init finds no gate and fails: the reload still
	 * makes generation 2, which never comes if the signal is lost. */
	sh_path(&srv, "init", gate, sizeof(gate));
	cr_assert_eq(unlink(gate), 0);
	sh_gate_open(fd);
	sh_client_open(&sock, srv.url, NULL);
	while (generation() != 2) { }
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}

Test(server_lifecycle, an_ipc_path_too_long_for_a_socket_is_named,
    .timeout = 15)
{
	char url[300];

	/* NNG said only "Address invalid". */
	snprintf(url, sizeof(url), "ipc:///tmp/%0150d.sock", 0);
	sh_mkdir(&srv);
	sh_start_url(&srv, url, NULL);
	cr_assert_eq(sh_wait(&srv), 1);
	cr_assert(sh_log_has(&srv, "the path is longer than 107 bytes"));
	sh_stop(&srv, 0);
}
