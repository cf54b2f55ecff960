/*
 * clients/nerbench/engine.h: drives the load.  One NNG REQ context per call
 * in flight, all asynchronous.  Closed model: NNG callbacks send the next
 * call as soon as one completes.  Open model: a pacer on the thread that
 * called nerb_run hands each call to a free context at its intended send
 * time (clock_nanosleep), and latency counts from that time.  Latencies go
 * to one histogram per context, merged at the end.
 */
#ifndef NERD_CLIENTS_NERBENCH_ENGINE_H
#define NERD_CLIENTS_NERBENCH_ENGINE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "histogram.h"
#include "options.h"

#define NERB_N_STATUS 17
#define NERB_MAX_ERROR_KINDS 8

typedef struct nerb_error_kind {
	int code;           /* status code */
	char message[160];  /* first message seen with this code */
	uint64_t count;
} nerb_error_kind;

typedef struct nerb_row { /* one call, kept for -O csv */
	uint32_t latency_us;
	uint8_t code;
} nerb_row;

typedef struct nerb_results {
	nerb_hist *latency_ns;  /* recorded calls' latencies */
	uint64_t count;         /* recorded calls */
	uint64_t ok;
	uint64_t by_status[NERB_N_STATUS];
	nerb_error_kind errors[NERB_MAX_ERROR_KINDS];
	size_t n_errors;
	uint64_t text_bytes;    /* document bytes of recorded OK calls */
	uint64_t warmup;        /* calls made but not recorded */
	double duration_s;      /* from the first recorded send to the end */
	nerb_row *rows;         /* with keep_rows only */
	size_t n_rows;
	/* The client's own cost over the run (getrusage: this process, all
	 * its threads, warm-up included): when the client shares the
	 * server's machine, it competes with the server for the cores. */
	double client_user_s;
	double client_sys_s;
	uint64_t client_vcs;    /* voluntary context switches */
	uint64_t client_nvcs;   /* involuntary ones */
} nerb_results;

/* Progress, called about once a second from the thread that called
 * nerb_run with the calls completed so far and the seconds elapsed. */
typedef void (*nerb_progress_fn)(void *arg, uint64_t done, uint64_t errors,
    double elapsed_s);

typedef struct nerb_run_spec {
	const nerb_options *opts;
	const nerb_corpus *corpus;
	int keep_rows;                 /* keep every call for -O csv */
	/* Set (e.g. by a SIGINT handler) to stop early: 1 stops issuing
	 * calls, those in flight complete and are recorded; 2 or more also
	 * abandons the calls in flight (cancelled, not recorded).  Read from
	 * NNG's threads too, hence atomic (lock-free, so a handler may set
	 * it). */
	atomic_int *stop;
	nerb_progress_fn progress;     /* may be NULL */
	void *progress_arg;
} nerb_run_spec;

/* Runs the load and fills *out (free with nerb_results_fini).  Blocks until
 * every call has completed.  Returns 0, or an errno/NNG error with err set
 * when the sockets cannot be set up (a server that is down is not an
 * error: its calls fail with UNAVAILABLE or DEADLINE_EXCEEDED). */
int nerb_run(const nerb_run_spec *spec, nerb_results *out, char *err,
    size_t errlen);

void nerb_results_fini(nerb_results *r);

#endif /* NERD_CLIENTS_NERBENCH_ENGINE_H */
