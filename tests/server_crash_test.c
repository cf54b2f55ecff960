/*
 * tests/server_crash_test.c: a plugin whose init crashes.  Without
 * --probe-plugins it takes the server down at start (which is why the
 * flag exists); with it, the plugin is refused at load and at every
 * reload, named in the log and the Reload reply, and the server serves
 * the others.  --check-plugins reports the same refusal and exits.  And
 * a plugin file others can write is refused while the rest is served.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_harness.h"

#define CRASH_DIR CORE_TP_DIR "/crash"

static sh_server  srv;
static nng_socket sock;

/* The names ListRecognizers reports, comma-joined into out. */
static void
list_names(char *out, size_t len)
{
	Nerd__V1__ListRecognizersRequest req
	    = NERD__V1__LIST_RECOGNIZERS_REQUEST__INIT;
	Nerd__V1__RpcReply                *r;
	Nerd__V1__ListRecognizersResponse *resp;
	size_t                             used = 0;

	r = sh_rpc(
	    sock, "/nerd.v1.Recognizer/ListRecognizers", &req.base, NULL);
	resp = (void *) sh_payload(
	    r, &nerd__v1__list_recognizers_response__descriptor);
	out[0] = '\0';
	for (size_t i = 0; i < resp->n_recognizers && used < len; i++) {
		used += (size_t) snprintf(out + used, len - used, "%s%s",
		    i == 0 ? "" : ",", resp->recognizers[i]->name);
	}
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

static void
recognize_ok(void)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	Nerd__V1__RpcReply        *r;

	sh_recognize_request(&req, &doc, "Calm Words");
	r = sh_rpc(sock, "/nerd.v1.Recognizer/Recognize", &req.base, NULL);
	cr_assert_eq(sh_code(r), 0, "%s", r->status->message);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
}

Test(server_crash, crashing_init_without_probing_takes_the_server_down,
    .timeout = 30)
{
	const char *extra[] = { "--plugins", CRASH_DIR, NULL };

	sh_start(&srv, extra);
	/* init() calls abort(). */
	cr_assert_eq(sh_wait(&srv), 128 + SIGABRT);
	sh_stop(&srv, 0);
}

Test(server_crash, probed_crashing_init_is_refused_and_the_rest_served,
    .timeout = 30)
{
	const char *extra[] = { "--plugins", CRASH_DIR, "--plugins",
		SERVER_TEST_PLUGIN_DIR, "--probe-plugins", NULL };
	char        names[256];

	sh_start(&srv, extra);
	sh_client_open(&sock, srv.url, NULL);
	list_names(names, sizeof(names));
	cr_assert_str_eq(names, "server_probe,steady");
	recognize_ok();
	cr_assert(sh_log_has(&srv, "crashing_init.so"));
	cr_assert(sh_log_has(&srv, "crashed in the probe"));
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}

Test(server_crash, plugin_crashing_at_reload_is_refused_and_serving_goes_on,
    .timeout = 30)
{
	char        dir[600];
	char        cmd[1600];
	char        url[600];
	const char *extra[] = { "--plugins", dir, "--probe-plugins", NULL };
	Nerd__V1__ReloadRequest   rl = NERD__V1__RELOAD_REQUEST__INIT;
	Nerd__V1__RpcReply       *r;
	Nerd__V1__ReloadResponse *resp;
	char                      names[256];

	sh_mkdir(&srv);
	sh_path(&srv, "plugins", dir, sizeof(dir));
	snprintf(cmd, sizeof(cmd),
	    "mkdir -m 700 '%s' && cp '%s/server_probe.so' '%s/'", dir,
	    SERVER_TEST_PLUGIN_DIR, dir);
	cr_assert_eq(system(cmd), 0);
	snprintf(url, sizeof(url), "ipc://%s/nerd.sock", srv.dir);
	sh_start_url(&srv, url, extra);
	sh_client_open(&sock, url, NULL);
	recognize_ok();
	/* A crashing plugin is dropped into the folder, then reloaded. */
	snprintf(cmd, sizeof(cmd), "cp '%s/crashing_init.so' '%s/'", CRASH_DIR,
	    dir);
	cr_assert_eq(system(cmd), 0);
	r    = sh_rpc(sock, "/nerd.v1.Admin/Reload", &rl.base, NULL);
	resp = (void *) sh_payload(r, &nerd__v1__reload_response__descriptor);
	cr_assert_eq(resp->n_recognizers, 1);
	cr_assert_eq(resp->n_refused, 1);
	cr_assert_not_null(strstr(resp->refused[0], "crashing_init.so"), "%s",
	    resp->refused[0]);
	protobuf_c_message_free_unpacked(&resp->base, NULL);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	list_names(names, sizeof(names));
	cr_assert_str_eq(names, "server_probe");
	recognize_ok();
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}

Test(server_crash, check_plugins_reports_the_crash_and_exits, .timeout = 30)
{
	char   cmd[1024];
	FILE  *p;
	char   buf[4096];
	size_t n;

	snprintf(cmd, sizeof(cmd),
	    "%s --plugins %s --probe-plugins --check-plugins 2>/dev/null",
	    NERD_SERVER_BIN, CRASH_DIR);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n      = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	cr_assert_eq(pclose(p), 0);
	cr_assert_not_null(strstr(buf, "loaded steady"), "%s", buf);
	cr_assert_not_null(strstr(buf, "refused"), "%s", buf);
	cr_assert_not_null(strstr(buf, "crashing_init.so"), "%s", buf);
	/* the refusal line as the registry words it, not "refused" twice */
	cr_assert_null(strstr(buf, "refused plugin"), "%s", buf);
}

Test(server_crash, unsafe_plugin_file_is_refused_and_the_rest_served,
    .timeout = 30)
{
	char        dir[600];
	char        cmd[4096];
	char        url[600];
	const char *extra[] = { "--plugins", dir, NULL };
	char        names[256];

	sh_mkdir(&srv);
	sh_path(&srv, "plugins", dir, sizeof(dir));
	/* A world-writable copy of a good plugin next to a safe one. */
	snprintf(cmd, sizeof(cmd),
	    "mkdir -m 700 '%s' && cp '%s/server_probe.so' '%s/' && "
	    "cp '%s/refuse/good_a.so' '%s/' && chmod 757 '%s/good_a.so'",
	    dir, SERVER_TEST_PLUGIN_DIR, dir, CORE_TP_DIR, dir, dir);
	cr_assert_eq(system(cmd), 0);
	snprintf(url, sizeof(url), "ipc://%s/nerd.sock", srv.dir);
	sh_start_url(&srv, url, extra);
	sh_client_open(&sock, url, NULL);
	list_names(names, sizeof(names));
	cr_assert_str_eq(names, "server_probe");
	recognize_ok();
	cr_assert(
	    sh_log_has(&srv, "good_a.so refused: group or world writable"));
	nng_close(sock);
	cr_assert_eq(sh_stop(&srv, SIGTERM), 0);
}
