/*
 * tests/server_security_test.c: bearer tokens (auth and admin), token
 * file permissions, and TLS with required client certificates.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <signal.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server_harness.h"

#include <nng/protocol/reqrep0/req.h>

#define RECOGNIZE "/nerd.v1.Recognizer/Recognize"
#define RELOAD "/nerd.v1.Admin/Reload"

static sh_server  srv;
static nng_socket sock;

static int
call_code(const char *method, const char *token)
{
	Nerd__V1__RecognizeRequest req;
	Nerd__V1__Document         doc;
	Nerd__V1__ReloadRequest    rl   = NERD__V1__RELOAD_REQUEST__INIT;
	sh_opts                    opts = { .token = token };
	Nerd__V1__RpcReply        *r;
	int                        code;

	sh_recognize_request(&req, &doc, "Secret Words");
	r    = sh_rpc(sock, method,
            strcmp(method, RELOAD) == 0 ? &rl.base : &req.base, &opts);
	code = sh_code(r);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	return (code);
}

static int
health_code(void)
{
	Nerd__V1__HealthCheckRequest req
	    = NERD__V1__HEALTH_CHECK_REQUEST__INIT;
	Nerd__V1__RpcReply *r;
	int                 code;

	r    = sh_rpc(sock, "/nerd.v1.Health/Check", &req.base, NULL);
	code = sh_code(r);
	nerd__v1__rpc_reply__free_unpacked(r, NULL);
	return (code);
}

/* Starts a server with the given token files (NULL = none). */
static void
start_with_tokens(const char *users, const char *admins)
{
	char        upath[600];
	char        apath[600];
	const char *extra[5];
	size_t      n = 0;
	char        url[600];

	sh_mkdir(&srv);
	if (users != NULL) {
		sh_write_file(
		    &srv, "users", users, 0600, upath, sizeof(upath));
		extra[n++] = "--auth-tokens";
		extra[n++] = upath;
	}
	if (admins != NULL) {
		sh_write_file(
		    &srv, "admins", admins, 0600, apath, sizeof(apath));
		extra[n++] = "--admin-tokens";
		extra[n++] = apath;
	}
	extra[n] = NULL;
	snprintf(url, sizeof(url), "ipc://%s/nerd.sock", srv.dir);
	sh_start_url(&srv, url, extra);
	sh_client_open(&sock, url, NULL);
}

static void
stop(void)
{
	nng_close(sock);
	cr_expect_eq(sh_stop(&srv, SIGTERM), 0, "server exit status");
}

Test(server_security, calls_without_a_valid_token_are_unauthenticated,
    .timeout = 30)
{
	start_with_tokens("# users\nalpha-token\n\nbeta-token\n", NULL);
	cr_assert_eq(call_code(RECOGNIZE, NULL),
	    NERD__V1__STATUS_CODE__UNAUTHENTICATED);
	cr_assert_eq(call_code(RECOGNIZE, "alpha-tokem"),
	    NERD__V1__STATUS_CODE__UNAUTHENTICATED);
	cr_assert_eq(call_code(RECOGNIZE, "alpha-token-longer"),
	    NERD__V1__STATUS_CODE__UNAUTHENTICATED);
	cr_assert_eq(call_code(RECOGNIZE, "alpha-token"), 0);
	cr_assert_eq(call_code(RECOGNIZE, "beta-token"), 0);
	/* Health stays open to probes. */
	cr_assert_eq(health_code(), 0);
	stop();
}

Test(server_security, reload_needs_an_admin_token, .timeout = 30)
{
	start_with_tokens("user-token\n", "admin-token\n");
	cr_assert_eq(call_code(RELOAD, "user-token"),
	    NERD__V1__STATUS_CODE__PERMISSION_DENIED);
	cr_assert_eq(
	    call_code(RELOAD, NULL), NERD__V1__STATUS_CODE__UNAUTHENTICATED);
	cr_assert_eq(call_code(RELOAD, "admin-token"), 0);
	/* An admin may call everything else too. */
	cr_assert_eq(call_code(RECOGNIZE, "admin-token"), 0);
	stop();
}

Test(server_security, admin_tokens_alone_guard_only_reload, .timeout = 30)
{
	start_with_tokens(NULL, "admin-token\n");
	cr_assert_eq(
	    call_code(RELOAD, NULL), NERD__V1__STATUS_CODE__PERMISSION_DENIED);
	cr_assert_eq(call_code(RECOGNIZE, NULL), 0);
	cr_assert_eq(call_code(RELOAD, "admin-token"), 0);
	stop();
}

Test(server_security, readable_token_file_is_refused, .timeout = 30)
{
	char        path[600];
	const char *extra[] = { "--auth-tokens", path, NULL };

	sh_mkdir(&srv);
	sh_write_file(
	    &srv, "tokens", "some-token\n", 0640, path, sizeof(path));
	sh_start_url(&srv, "ipc:///nonexistent/never", extra);
	cr_assert_eq(sh_wait(&srv), 1);
	cr_assert(sh_log_has(&srv, "readable or writable by group or others"));
	sh_stop(&srv, 0);
}

/* ---------------------------------------------------------------- TLS */

static int
free_port(void)
{
	struct sockaddr_in sa;
	socklen_t          len = sizeof(sa);
	int                fd  = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family      = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(fd, (struct sockaddr *) &sa, sizeof(sa)), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *) &sa, &len), 0);
	close(fd);
	return (ntohs(sa.sin_port));
}

static void
run(const char *cmd)
{
	cr_assert_eq(system(cmd), 0, "failed: %s", cmd);
}

/* A throwaway CA, a server certificate for localhost/127.0.0.1 and a
 * client certificate, in the server's folder. */
static void
make_certs(const char *d)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd),
	    "cd '%s' && "
	    "openssl req -x509 -newkey ec -pkeyopt "
	    "ec_paramgen_curve:prime256v1 "
	    "-nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=nerd-test-ca "
	    ">/dev/null 2>&1 && "
	    "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > san.ext "
	    "&& "
	    "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
	    "-nodes -keyout server.key -out server.csr -subj /CN=localhost "
	    ">/dev/null 2>&1 && "
	    "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key "
	    "-CAcreateserial -out server.crt -days 2 -extfile san.ext "
	    ">/dev/null 2>&1 && "
	    "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
	    "-nodes -keyout client.key -out client.csr -subj /CN=nerd-client "
	    ">/dev/null 2>&1 && "
	    "openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key "
	    "-CAcreateserial -out client.crt -days 2 >/dev/null 2>&1 && "
	    "cat client.crt client.key > client.pem && chmod 600 *.key *.pem",
	    d);
	run(cmd);
}

static void
start_tls(char *url, size_t len)
{
	static char cert[600], key[600], ca[600];
	const char *extra[]
	    = { "--tls-cert", cert, "--tls-key", key, "--tls-ca", ca, NULL };

	sh_mkdir(&srv);
	make_certs(srv.dir);
	sh_path(&srv, "server.crt", cert, sizeof(cert));
	sh_path(&srv, "server.key", key, sizeof(key));
	sh_path(&srv, "ca.crt", ca, sizeof(ca));
	snprintf(url, len, "tls+tcp://127.0.0.1:%d", free_port());
	sh_start_url(&srv, url, extra);
}

static nng_tls_config *
client_tls(int with_cert)
{
	nng_tls_config *tls;
	char            path[600];

	cr_assert_eq(nng_tls_config_alloc(&tls, NNG_TLS_MODE_CLIENT), 0);
	sh_path(&srv, "ca.crt", path, sizeof(path));
	cr_assert_eq(nng_tls_config_ca_file(tls, path), 0);
	cr_assert_eq(nng_tls_config_server_name(tls, "localhost"), 0);
	if (with_cert) {
		sh_path(&srv, "client.pem", path, sizeof(path));
		cr_assert_eq(nng_tls_config_cert_key_file(tls, path, NULL), 0);
	}
	return (tls);
}

Test(server_security, unusable_tls_files_are_named, .timeout = 30)
{
	char        cert[600];
	char        key[600];
	const char *extra[] = { "--tls-cert", cert, "--tls-key", key, NULL };

	/* Each failure used to read 'tls setup failed cert=... key=...
	 * err="Entry not found"', whichever file it was and whatever was
	 * wrong with it. */
	sh_mkdir(&srv);
	sh_path(&srv, "certs", cert, sizeof(cert));
	cr_assert_eq(mkdir(cert, 0700), 0);
	sh_path(&srv, "missing.key", key, sizeof(key));
	sh_start_url(&srv, "ipc:///nonexistent/never", extra);
	cr_assert_eq(sh_wait(&srv), 1);
	cr_assert(sh_log_has(&srv, "certs: not a regular file"));
	cr_assert(sh_log_has(&srv, "file=tls-cert"));
	sh_stop(&srv, 0);
	sh_mkdir(&srv);
	sh_write_file(
	    &srv, "server.crt", "checked later\n", 0600, cert, sizeof(cert));
	sh_path(&srv, "missing.key", key, sizeof(key));
	sh_start_url(&srv, "ipc:///nonexistent/never", extra);
	cr_assert_eq(sh_wait(&srv), 1);
	cr_assert(sh_log_has(&srv, "missing.key: No such file or directory"));
	cr_assert(sh_log_has(&srv, "file=tls-key"));
	sh_stop(&srv, 0);
}

Test(server_security, tls_with_a_client_certificate_is_served, .timeout = 60)
{
	char            url[128];
	nng_tls_config *tls;

	start_tls(url, sizeof(url));
	tls = client_tls(1);
	sh_client_open(&sock, url, tls);
	cr_assert_eq(call_code(RECOGNIZE, NULL), 0);
	cr_assert_eq(health_code(), 0);
	nng_tls_config_free(tls);
	stop();
}

Test(server_security, tls_without_a_client_certificate_is_refused,
    .timeout = 60)
{
	char            url[128];
	nng_tls_config *tls;
	nng_socket      s;
	nng_dialer      d;
	int             rv;

	start_tls(url, sizeof(url));
	/* First prove the server is up, with a certificate. */
	tls = client_tls(1);
	sh_client_open(&sock, url, tls);
	cr_assert_eq(health_code(), 0);
	nng_tls_config_free(tls);
	/* A synchronous dial reports the failed handshake. */
	tls = client_tls(0);
	cr_assert_eq(nng_req0_open(&s), 0);
	cr_assert_eq(nng_dialer_create(&d, s, url), 0);
	cr_assert_eq(nng_dialer_set_ptr(d, NNG_OPT_TLS_CONFIG, tls), 0);
	rv = nng_dialer_start(d, 0);
	cr_assert_neq(rv, 0, "a client without a certificate got in");
	nng_close(s);
	nng_tls_config_free(tls);
	stop();
}

Test(server_security, plaintext_on_a_public_address_is_warned_about,
    .timeout = 30)
{
	char url[128];

	sh_mkdir(&srv);
	snprintf(url, sizeof(url), "tcp://0.0.0.0:%d", free_port());
	sh_start_url(&srv, url, NULL);
	sh_client_open(&sock, url, NULL);
	cr_assert_eq(health_code(), 0);
	cr_assert(sh_log_has(&srv, "non-loopback address without TLS"));
	stop();
}

/* Starts the server on ipc:// and on url2, with sock on the ipc://
 * listener and *sock2 on url2. */
static void
start_ipc_and(const char *url2, nng_socket *sock2)
{
	const char *extra[3] = { "--listen", url2, NULL };
	char        ipc[600];

	sh_mkdir(&srv);
	snprintf(ipc, sizeof(ipc), "ipc://%s/nerd.sock", srv.dir);
	sh_start_url(&srv, ipc, extra);
	sh_client_open(&sock, ipc, NULL);
	sh_client_open(sock2, url2, NULL);
}

Test(server_security, several_transports_serve_the_same_calls, .timeout = 30)
{
	char       ws[128];
	nng_socket ws_sock;

	snprintf(ws, sizeof(ws), "ws://127.0.0.1:%d/nerd", free_port());
	start_ipc_and(ws, &ws_sock);
	cr_assert_eq(call_code(RECOGNIZE, NULL), 0);
	nng_close(sock);
	sock = ws_sock;
	cr_assert_eq(call_code(RECOGNIZE, NULL), 0);
	cr_assert_eq(health_code(), 0);
	stop();
}

/* Without admin tokens, Reload is for local callers: over ipc:// it runs,
 * over tcp:// it is PERMISSION_DENIED (anyone who can reach the port could
 * otherwise make the server reload). */
Test(server_security, reload_without_admin_tokens_is_local_only,
    .timeout = 30)
{
	char       tcp[128];
	nng_socket tcp_sock;

	snprintf(tcp, sizeof(tcp), "tcp://127.0.0.1:%d", free_port());
	start_ipc_and(tcp, &tcp_sock);
	cr_assert_eq(call_code(RELOAD, NULL), 0);
	nng_close(sock);
	sock = tcp_sock;
	cr_assert_eq(call_code(RELOAD, NULL), NERD__V1__STATUS_CODE__PERMISSION_DENIED);
	cr_assert_eq(call_code(RECOGNIZE, NULL), 0);
	stop();
}
