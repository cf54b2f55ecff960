/*
 * bench/echo_server.c: nerd-echo, the transport baseline for benchmarks.
 * It speaks the nerd.v1 envelope over the same NNG REP transport as nerd,
 * with the same context-per-call design, but recognises nothing: every
 * RpcRequest is answered at once, from the NNG callback, with status OK
 * and the request's payload.  nerd's throughput over nerd-echo's is the
 * share of the transport's ceiling that nerd keeps.
 *
 * With --work-us W, each call first spends W microseconds of CPU in a
 * loop (calibrated at start-up against the thread's CPU clock): a model
 * of a server whose only cost beyond the transport is W us of
 * recognition.  Its throughput is the ceiling for any server whose
 * recognition costs W per call on this machine, whatever its own
 * overhead.
 *
 * usage: nerd-echo [--listen URL]... [--contexts N] [--work-us W];
 * stops on SIGINT/SIGTERM.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/rep.h>

#include "nerd.pb-c.h"

#define MAX_LISTEN 8
#define MAX_MESSAGE ((4u << 20) + (64u << 10))

enum { S_RECV, S_SEND };

typedef struct echo_ctx {
	nng_aio *aio;
	nng_ctx  ctx;
	int      state;
} echo_ctx;

static volatile sig_atomic_t stopping;

/* Rounds of burn() per call for --work-us; set before the first call. */
static unsigned long work_rounds;

static void
on_signal(int sig)
{
	(void) sig;
	stopping = 1;
}

static uint64_t
thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ((uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec);
}

/* n rounds of a dependent multiply-add chain that the compiler must
 * keep: CPU time without memory traffic or system calls. */
static uint64_t
burn(unsigned long n)
{
	uint64_t x = 1;

	for (unsigned long i = 0; i < n; i++) {
		x = x * 6364136223846793005u + 1442695040888963407u;
		__asm__ volatile("" : "+r"(x));
	}
	return (x);
}

/* The rounds of burn() that take us microseconds of this thread's CPU,
 * from a run of at least 50 ms. */
static unsigned long
calibrate(double us)
{
	unsigned long n = 1ul << 16;
	uint64_t      t0;
	uint64_t      t1;

	for (;;) {
		t0 = thread_cpu_ns();
		(void) burn(n);
		t1 = thread_cpu_ns();
		if (t1 - t0 >= 50000000u || n >= (1ul << 40)) {
			break;
		}
		n *= 2;
	}
	return ((unsigned long) (us * 1000.0 * (double) n
	    / (double) (t1 - t0 + 1)));
}

/* Builds the reply for one request message; NULL when out of memory. */
static nng_msg *
make_reply(nng_msg *req)
{
	Nerd__V1__RpcRequest *env;
	Nerd__V1__RpcReply    reply  = NERD__V1__RPC_REPLY__INIT;
	Nerd__V1__Status      status = NERD__V1__STATUS__INIT;
	nng_msg              *out;

	env = nerd__v1__rpc_request__unpack(
	    NULL, nng_msg_len(req), nng_msg_body(req));
	reply.status = &status;
	if (env == NULL) {
		status.code    = NERD__V1__STATUS_CODE__INTERNAL;
		status.message = "unable to parse request";
	} else {
		reply.payload = env->payload;
	}
	if (nng_msg_alloc(&out, nerd__v1__rpc_reply__get_packed_size(&reply)) ==
	    0) {
		nerd__v1__rpc_reply__pack(&reply, nng_msg_body(out));
	} else {
		out = NULL;
	}
	if (env != NULL) {
		nerd__v1__rpc_request__free_unpacked(env, NULL);
	}
	return (out);
}

static void
echo_cb(void *arg)
{
	echo_ctx *c  = arg;
	int       rv = nng_aio_result(c->aio);
	nng_msg  *req;
	nng_msg  *reply;

	if (c->state == S_SEND) {
		if (rv != 0) {
			nng_msg_free(nng_aio_get_msg(c->aio));
		}
		c->state = S_RECV;
		nng_ctx_recv(c->ctx, c->aio);
		return;
	}
	if (rv == NNG_ECLOSED || rv == NNG_ECANCELED) {
		return; /* shutting down */
	}
	if (rv != 0) {
		nng_ctx_recv(c->ctx, c->aio);
		return;
	}
	req = nng_aio_get_msg(c->aio);
	(void) burn(work_rounds);
	reply = make_reply(req);
	nng_msg_free(req);
	if (reply == NULL) {
		nng_ctx_recv(c->ctx, c->aio);
		return;
	}
	c->state = S_SEND;
	nng_aio_set_msg(c->aio, reply);
	nng_ctx_send(c->ctx, c->aio);
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: nerd-echo [--listen URL]... [--contexts N] "
	    "[--work-us W]\n");
}

int
main(int argc, char **argv)
{
	const char      *urls[MAX_LISTEN];
	size_t           n_urls     = 0;
	long             n_contexts = 256;
	double           work_us    = 0;
	char            *end;
	nng_socket       sock;
	echo_ctx        *ctxs;
	struct sigaction sa;
	long             i;
	int              rv;
	int              a;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--listen") == 0 && a + 1 < argc &&
		    n_urls < MAX_LISTEN) {
			urls[n_urls++] = argv[++a];
		} else if (strcmp(argv[a], "--contexts") == 0 && a + 1 < argc) {
			n_contexts = strtol(argv[++a], NULL, 10);
			if (n_contexts < 1 || n_contexts > 65536) {
				usage();
				return (2);
			}
		} else if (strcmp(argv[a], "--work-us") == 0 && a + 1 < argc) {
			work_us = strtod(argv[++a], &end);
			if (*end != '\0' || !(work_us >= 0 && work_us <= 1e6)) {
				usage();
				return (2);
			}
		} else {
			usage();
			return (2);
		}
	}
	if (work_us > 0) {
		work_rounds = calibrate(work_us);
	}
	if (n_urls == 0) {
		urls[n_urls++] = "tcp://127.0.0.1:7412";
	}

	rv = nng_rep0_open(&sock);
	if (rv != 0) {
		fprintf(stderr, "nerd-echo: %s\n", nng_strerror(rv));
		return (1);
	}
	nng_socket_set_size(sock, NNG_OPT_RECVMAXSZ, MAX_MESSAGE);
	ctxs = calloc((size_t) n_contexts, sizeof(*ctxs));
	if (ctxs == NULL) {
		return (1);
	}
	for (i = 0; i < n_contexts; i++) {
		if (nng_aio_alloc(&ctxs[i].aio, echo_cb, &ctxs[i]) != 0 ||
		    nng_ctx_open(&ctxs[i].ctx, sock) != 0) {
			fprintf(stderr, "nerd-echo: out of contexts\n");
			return (1);
		}
	}
	for (i = 0; i < (long) n_urls; i++) {
		rv = nng_listen(sock, urls[i], NULL, 0);
		if (rv != 0) {
			fprintf(stderr, "nerd-echo: %s: %s\n", urls[i],
			    nng_strerror(rv));
			return (1);
		}
	}
	for (i = 0; i < n_contexts; i++) {
		ctxs[i].state = S_RECV;
		nng_ctx_recv(ctxs[i].ctx, ctxs[i].aio);
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	while (!stopping) {
		pause();
	}

	/* Stop every aio from the main thread, then close. */
	for (i = 0; i < n_contexts; i++) {
		nng_aio_stop(ctxs[i].aio);
	}
	for (i = 0; i < n_contexts; i++) {
		nng_ctx_close(ctxs[i].ctx);
		nng_aio_free(ctxs[i].aio);
	}
	nng_close(sock);
	free(ctxs);
	return (0);
}
