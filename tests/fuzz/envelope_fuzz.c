/*
 * tests/fuzz/envelope_fuzz.c: arbitrary bytes into the server's request
 * handling.  An in-process nerd server (the nerd_server library, every
 * bundled plugin, admin tokens on) listens on inproc://; each input goes
 * to it through a REQ socket and must come back, within the deadline, as
 * a reply that unpacks as an RpcReply.  A lost call or a reply that does
 * not unpack aborts.
 *
 * The first byte picks the mode: below 0x80 the rest is the whole
 * envelope; otherwise the rest is the payload of a well-formed envelope
 * for one method (the byte's low bits pick it), so the fuzzer reaches
 * each handler without first guessing method names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/req.h>

#include "config.h"
#include "log.h"
#include "nerd.pb-c.h"
#include "server.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define URL "inproc://nerd-envelope-fuzz"

static const char *const methods[] = {
	"/nerd.v1.Recognizer/Recognize",
	"/nerd.v1.Recognizer/RecognizeBatch",
	"/nerd.v1.Recognizer/ListRecognizers",
	"/nerd.v1.Health/Check",
	"/nerd.v1.Admin/Reload",
	"/nerd.v1.Reflection/ListServices",
	"/nerd.v1.Reflection/FileDescriptorSet",
	"/nerd.v1.Nope/Nope",
};
#define N_METHODS (sizeof(methods) / sizeof(methods[0]))

static nsrv_config  cfg;
static nsrv_server *srv;
static nng_socket   sock;
static nng_ctx      ctx;
static nng_aio     *aio;

static void
die(const char *what, int rv)
{
	fprintf(stderr, "envelope_fuzz: %s: %s\n", what,
	    rv != 0 ? nng_strerror(rv) : "");
	abort();
}

static void
set(const char *key, const char *value)
{
	char err[256];

	if (nsrv_config_set(&cfg, key, value, err, sizeof(err)) != 0) {
		fprintf(stderr, "envelope_fuzz: %s\n", err);
		abort();
	}
}

/* A token file (mode 600) with a token no input will hold. */
static void
admin_tokens(char *path, size_t len)
{
	char  dir[] = "/tmp/nerd-envelope-fuzz-XXXXXX";
	FILE *f;

	if (mkdtemp(dir) == NULL) {
		die("mkdtemp", 0);
	}
	snprintf(path, len, "%s/admin.tokens", dir);
	f = fopen(path, "w");
	if (f == NULL) {
		die("token file", 0);
	}
	fprintf(f, "fuzz-admin-%ld-%d\n", (long) getpid(), rand());
	fclose(f);
	if (chmod(path, 0600) != 0) {
		die("chmod", 0);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("NERD_FUZZ_PLUGIN_DIR");
	char        err[256];
	char        tokens[256];
	int         rv;

	(void) argc;
	(void) argv;
	nsrv_config_init(&cfg);
	set("listen", URL);
	set("plugins", dir != NULL ? dir : NERD_TEST_PLUGIN_DIR);
	set("workers", "2");
	set("contexts", "8");
	/* A small limit so the fuzzer reaches RESOURCE_EXHAUSTED. */
	set("max-message", "2048");
	set("max-timeout", "5s");
	admin_tokens(tokens, sizeof(tokens));
	set("admin-tokens", tokens);
	if (nsrv_config_finish(&cfg, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "envelope_fuzz: %s\n", err);
		abort();
	}
	nsrv_log_set_level(NERP_LOG_ERROR);
	if (nsrv_server_open(&srv, &cfg) != 0) {
		die("cannot start the server", 0);
	}
	/* Read at open; the folder need not outlive it. */
	unlink(tokens);
	*strrchr(tokens, '/') = '\0';
	rmdir(tokens);
	rv = nng_req0_open(&sock);
	if (rv == 0) {
		rv = nng_socket_set_ms(
		    sock, NNG_OPT_REQ_RESENDTIME, NNG_DURATION_INFINITE);
	}
	if (rv == 0) {
		rv = nng_dial(sock, URL, NULL, 0);
	}
	if (rv == 0) {
		rv = nng_ctx_open(&ctx, sock);
	}
	if (rv == 0) {
		rv = nng_aio_alloc(&aio, NULL, NULL);
	}
	if (rv != 0) {
		die("client", rv);
	}
	/* Longer than any deadline the server allows. */
	nng_aio_set_timeout(aio, 30000);
	return (0);
}

/* The envelope bytes to send for this input, in a new message. */
static nng_msg *
make_request(const uint8_t *data, size_t size)
{
	Nerd__V1__RpcRequest env = NERD__V1__RPC_REQUEST__INIT;
	nng_msg             *msg = NULL;
	int                  rv;

	if (size == 0 || data[0] < 0x80) {
		rv = nng_msg_alloc(&msg, 0);
		if (rv == 0 && size > 1) {
			rv = nng_msg_append(msg, data + 1, size - 1);
		}
	} else {
		env.method       = (char *) methods[data[0] % N_METHODS];
		env.timeout_ms   = 5000;
		env.payload.data = (uint8_t *) data + 1;
		env.payload.len  = size - 1;
		rv               = nng_msg_alloc(
                    &msg, nerd__v1__rpc_request__get_packed_size(&env));
		if (rv == 0) {
			nerd__v1__rpc_request__pack(&env, nng_msg_body(msg));
		}
	}
	if (rv != 0) {
		die("message", rv);
	}
	return (msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Nerd__V1__RpcReply *reply;
	nng_msg            *msg = make_request(data, size);
	int                 rv;

	nng_aio_set_msg(aio, msg);
	nng_ctx_send(ctx, aio);
	nng_aio_wait(aio);
	rv = nng_aio_result(aio);
	if (rv != 0) {
		die("send", rv);
	}
	nng_ctx_recv(ctx, aio);
	nng_aio_wait(aio);
	rv = nng_aio_result(aio);
	if (rv != 0) {
		/* The server dropped the call: never acceptable. */
		die("no reply", rv);
	}
	msg   = nng_aio_get_msg(aio);
	reply = nerd__v1__rpc_reply__unpack(
	    NULL, nng_msg_len(msg), nng_msg_body(msg));
	if (reply == NULL || reply->status == NULL) {
		die("the reply is not an RpcReply with a status", 0);
	}
	if (reply->status->code != 0 && reply->payload.len != 0) {
		die("an error reply carries a payload", 0);
	}
	nerd__v1__rpc_reply__free_unpacked(reply, NULL);
	nng_msg_free(msg);
	return (0);
}
