/* tests/server_harness.c: see server_harness.h. */
#include "server_harness.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nng/protocol/reqrep0/req.h>

void
sh_mkdir(sh_server *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "/tmp/nerd-server-test-XXXXXX");
	cr_assert_not_null(mkdtemp(s->dir), "mkdtemp: %s", strerror(errno));
	snprintf(s->log, sizeof(s->log), "%s/stderr.log", s->dir);
}

void
sh_path(const sh_server *s, const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s/%s", s->dir, name);
}

/* NERD_TEST_SERVER runs another build of the server (say, one under
 * ThreadSanitizer) against these tests. */
static const char *
server_bin(void)
{
	const char *bin = getenv("NERD_TEST_SERVER");

	return (bin != NULL && bin[0] != '\0' ? bin : NERD_SERVER_BIN);
}

void
sh_start_url(sh_server *s, const char *url, const char *const *extra)
{
	const char *argv[64];
	size_t      n        = 0;
	int         own_dirs = 0;
	pid_t       parent   = getpid();
	int         fd;

	for (size_t i = 0; extra != NULL && extra[i] != NULL; i++) {
		own_dirs |= strcmp(extra[i], "--plugins") == 0;
	}
	snprintf(s->url, sizeof(s->url), "%s", url);
	argv[n++] = server_bin();
	argv[n++] = "--listen";
	argv[n++] = s->url;
	if (!own_dirs) {
		argv[n++] = "--plugins";
		argv[n++] = SERVER_TEST_PLUGIN_DIR;
	}
	argv[n++] = "--log-level";
	argv[n++] = "debug";
	for (size_t i = 0; extra != NULL && extra[i] != NULL && n < 63; i++) {
		argv[n++] = extra[i];
	}
	argv[n] = NULL;
	fd      = open(s->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	cr_assert_geq(fd, 0, "open %s: %s", s->log, strerror(errno));
	s->pid = fork();
	cr_assert_geq(s->pid, 0, "fork: %s", strerror(errno));
	if (s->pid == 0) {
		/* A failed assertion ends the test without sh_stop: the
		 * server must not outlive it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent || dup2(fd, STDERR_FILENO) < 0) {
			_exit(127);
		}
		execv(argv[0], (char *const *) argv);
		_exit(127);
	}
	close(fd);
}

void
sh_start(sh_server *s, const char *const *extra)
{
	char url[512];

	sh_mkdir(s);
	snprintf(url, sizeof(url), "ipc://%s/nerd.sock", s->dir);
	sh_start_url(s, url, extra);
}

static void
remove_dir(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0) {
		cr_log_warn("could not remove %s", dir);
	}
}

static int
exit_code(int status)
{
	if (WIFEXITED(status)) {
		return (WEXITSTATUS(status));
	}
	if (WIFSIGNALED(status)) {
		return (128 + WTERMSIG(status));
	}
	return (-1);
}

int
sh_wait(sh_server *s)
{
	int status = 0;

	cr_assert_eq(waitpid(s->pid, &status, 0), s->pid);
	s->pid = 0;
	return (exit_code(status));
}

int
sh_stop(sh_server *s, int sig)
{
	int code = 0;

	if (s->pid > 0) {
		kill(s->pid, sig);
		code = sh_wait(s);
	}
	if (code != 0) {
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "cat '%s' >&2", s->log);
		if (system(cmd) != 0) {
			cr_log_warn("no server log");
		}
	}
	remove_dir(s->dir);
	return (code);
}

void
sh_write_file(const sh_server *s, const char *name, const char *text,
    mode_t mode, char *out, size_t len)
{
	int fd;

	sh_path(s, name, out, len);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	cr_assert_geq(fd, 0, "open %s: %s", out, strerror(errno));
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t) strlen(text));
	cr_assert_eq(fchmod(fd, mode), 0);
	close(fd);
}

int
sh_log_count(const sh_server *s, const char *needle)
{
	FILE  *f    = fopen(s->log, "r");
	char  *line = NULL;
	size_t cap  = 0;
	int    n    = 0;

	if (f == NULL) {
		return (0);
	}
	while (getline(&line, &cap, f) >= 0) {
		n += strstr(line, needle) != NULL;
	}
	free(line);
	fclose(f);
	return (n);
}

int
sh_log_has(const sh_server *s, const char *needle)
{
	return (sh_log_count(s, needle) > 0);
}

void
sh_client_open(nng_socket *sock, const char *url, nng_tls_config *tls)
{
	nng_dialer d;

	cr_assert_eq(nng_req0_open(sock), 0);
	/* One call must never run twice because of a resend. */
	cr_assert_eq(nng_socket_set_ms(
	                 *sock, NNG_OPT_REQ_RESENDTIME, NNG_DURATION_INFINITE),
	    0);
	cr_assert_eq(nng_socket_set_ms(*sock, NNG_OPT_RECONNMINT, 10), 0);
	cr_assert_eq(nng_socket_set_ms(*sock, NNG_OPT_RECONNMAXT, 100), 0);
	cr_assert_eq(nng_dialer_create(&d, *sock, url), 0);
	if (tls != NULL) {
		cr_assert_eq(
		    nng_dialer_set_ptr(d, NNG_OPT_TLS_CONFIG, tls), 0);
	}
	cr_assert_eq(nng_dialer_start(d, NNG_FLAG_NONBLOCK), 0);
}

static void
call_cb(void *arg)
{
	sh_call *c = arg;

	if (c->receiving && c->notify != NULL) {
		sem_post(c->notify);
	}
}

static void
send_msg(sh_call *c, nng_socket sock, nng_msg *msg, sem_t *notify)
{
	memset(c, 0, sizeof(*c));
	c->notify = notify;
	cr_assert_eq(nng_ctx_open(&c->ctx, sock), 0);
	cr_assert_eq(nng_aio_alloc(&c->aio, call_cb, c), 0);
	nng_aio_set_timeout(c->aio, 10000);
	nng_aio_set_msg(c->aio, msg);
	nng_ctx_send(c->ctx, c->aio);
	nng_aio_wait(c->aio);
	cr_assert_eq(nng_aio_result(c->aio), 0, "send: %s",
	    nng_strerror(nng_aio_result(c->aio)));
	c->receiving = 1;
	nng_ctx_recv(c->ctx, c->aio);
}

void
sh_call_start(sh_call *c, nng_socket sock, const char *method,
    const ProtobufCMessage *payload, const sh_opts *opts)
{
	Nerd__V1__RpcRequest req = NERD__V1__RPC_REQUEST__INIT;
	Nerd__V1__Metadata   md[2];
	Nerd__V1__Metadata  *mdp[2];
	char                 bearer[256];
	uint8_t             *buf = NULL;
	nng_msg             *msg;
	sh_opts              none;
	size_t               n;

	if (opts == NULL) {
		memset(&none, 0, sizeof(none));
		opts = &none;
	}
	req.method     = (char *) method;
	req.timeout_ms = opts->timeout_ms;
	req.metadata   = mdp;
	if (opts->token != NULL) {
		nerd__v1__metadata__init(&md[req.n_metadata]);
		snprintf(bearer, sizeof(bearer), "Bearer %s", opts->token);
		md[req.n_metadata].key   = "authorization";
		md[req.n_metadata].value = bearer;
		mdp[req.n_metadata]      = &md[req.n_metadata];
		req.n_metadata++;
	}
	if (opts->request_id != NULL) {
		nerd__v1__metadata__init(&md[req.n_metadata]);
		md[req.n_metadata].key   = "x-request-id";
		md[req.n_metadata].value = (char *) opts->request_id;
		mdp[req.n_metadata]      = &md[req.n_metadata];
		req.n_metadata++;
	}
	if (opts->raw_payload != NULL) {
		req.payload.data = (uint8_t *) opts->raw_payload;
		req.payload.len  = opts->raw_len;
	} else if (payload != NULL) {
		n   = protobuf_c_message_get_packed_size(payload);
		buf = malloc(n + 1);
		cr_assert_not_null(buf);
		req.payload.len  = protobuf_c_message_pack(payload, buf);
		req.payload.data = buf;
	}
	n = nerd__v1__rpc_request__get_packed_size(&req);
	cr_assert_eq(nng_msg_alloc(&msg, n), 0);
	nerd__v1__rpc_request__pack(&req, nng_msg_body(msg));
	free(buf);
	send_msg(c, sock, msg, opts->notify);
}

void
sh_call_start_raw(sh_call *c, nng_socket sock, const void *data, size_t len)
{
	nng_msg *msg;

	cr_assert_eq(nng_msg_alloc(&msg, 0), 0);
	cr_assert_eq(nng_msg_append(msg, data, len), 0);
	send_msg(c, sock, msg, NULL);
}

Nerd__V1__RpcReply *
sh_call_wait(sh_call *c)
{
	nng_msg *msg;

	nng_aio_wait(c->aio);
	c->rv = nng_aio_result(c->aio);
	if (c->rv != 0) {
		return (NULL);
	}
	msg      = nng_aio_get_msg(c->aio);
	c->reply = nerd__v1__rpc_reply__unpack(
	    NULL, nng_msg_len(msg), nng_msg_body(msg));
	nng_msg_free(msg);
	cr_assert_not_null(c->reply, "the reply is not an RpcReply");
	return (c->reply);
}

void
sh_call_fini(sh_call *c)
{
	if (c->reply != NULL) {
		nerd__v1__rpc_reply__free_unpacked(c->reply, NULL);
		c->reply = NULL;
	}
	if (c->aio != NULL) {
		nng_aio_free(c->aio);
		c->aio = NULL;
	}
	nng_ctx_close(c->ctx);
}

Nerd__V1__RpcReply *
sh_rpc(nng_socket sock, const char *method, const ProtobufCMessage *payload,
    const sh_opts *opts)
{
	sh_call             c;
	Nerd__V1__RpcReply *r;

	sh_call_start(&c, sock, method, payload, opts);
	r = sh_call_wait(&c);
	cr_assert_not_null(r, "%s: no reply: %s", method, nng_strerror(c.rv));
	c.reply = NULL; /* handed to the caller */
	sh_call_fini(&c);
	return (r);
}

ProtobufCMessage *
sh_payload(const Nerd__V1__RpcReply *r, const ProtobufCMessageDescriptor *desc)
{
	ProtobufCMessage *m;

	cr_assert_eq(sh_code(r), 0, "status %d: %s", sh_code(r),
	    r->status != NULL ? r->status->message : "");
	m = protobuf_c_message_unpack(
	    desc, NULL, r->payload.len, r->payload.data);
	cr_assert_not_null(m, "payload is not a %s", desc->name);
	return (m);
}

int
sh_code(const Nerd__V1__RpcReply *r)
{
	return (r->status != NULL ? r->status->code : 0);
}

void
sh_recognize_request(
    Nerd__V1__RecognizeRequest *req, Nerd__V1__Document *doc, const char *text)
{
	nerd__v1__recognize_request__init(req);
	nerd__v1__document__init(doc);
	doc->id       = "doc-1";
	doc->text     = (char *) text;
	req->document = doc;
}

void
sh_gate_make(const sh_server *s, const char *name, char *text, size_t len)
{
	char path[512];

	sh_path(s, name, path, sizeof(path));
	cr_assert_eq(mkfifo(path, 0600), 0, "mkfifo: %s", strerror(errno));
	snprintf(text, len, "gate:%s\nHeld Call Here", path);
}

int
sh_gate_enter(const sh_server *s, const char *name)
{
	char path[512];
	int  fd;

	sh_path(s, name, path, sizeof(path));
	/* Returns once the plugin has opened the FIFO for reading. */
	fd = open(path, O_WRONLY);
	cr_assert_geq(fd, 0, "open %s: %s", path, strerror(errno));
	return (fd);
}

void
sh_gate_open(int fd)
{
	cr_assert_eq(write(fd, "x", 1), 1);
	close(fd);
}
