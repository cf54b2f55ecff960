/* clients/nerbench/engine.c: the load driver (see engine.h). */
#include "engine.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/req.h>

#include "nerd.pb-c.h"
#include "within.h"

#define STATUS_UNKNOWN 2
#define STATUS_DEADLINE_EXCEEDED 4
#define STATUS_INTERNAL 13
#define STATUS_UNAVAILABLE 14
/* Extra time the client waits past the deadline it sends, so that the
 * server's own DEADLINE_EXCEEDED answer arrives before the client gives up. */
#define GRACE_MS 1000
/* The longest nerb_run waits for its sockets to close (close_sockets_within). */
#define CLOSE_WAIT_MS 5000

enum worker_state {
	W_IDLE,
	W_SEND,
	W_RECV,
};

typedef struct engine engine;

typedef struct worker {
	engine       *e;
	nng_ctx       ctx;
	nng_aio      *aio;
	int           state;
	int           ctx_open;
	uint64_t      ticket;
	uint64_t      intended_ns;
	uint64_t      sent_ns;
	nerb_results  r;          /* this worker's share */
	uint64_t      first_ns;   /* first recorded send, 0 = none */
	uint64_t      last_ns;    /* last recorded completion */
	size_t        rows_cap;
} worker;

struct engine {
	const nerb_run_spec *spec;
	const nerb_options  *o;
	worker              *workers;
	size_t               n_workers;
	nng_socket          *socks;
	size_t               n_socks;
	uint64_t             start_ns;
	uint64_t             end_ns;       /* duration mode: issue nothing after */
	uint64_t             limit;        /* count mode: tickets to issue */
	uint64_t             interval_ns;  /* open model: between intended sends */
	_Atomic uint64_t     next_ticket;
	_Atomic uint64_t     done;
	_Atomic uint64_t     failed;
	pthread_mutex_t      mtx;
	pthread_cond_t       cv;
	size_t               active;       /* workers still running */
	/* Open model, under mtx: workers waiting for the pacer's next
	 * ticket (a stack of n_workers slots), the pacer's wake-up when one
	 * comes back, and whether the pacer has issued its last ticket. */
	worker             **idle;
	size_t               n_idle;
	pthread_cond_t       idle_cv;
	int                  pacing_done;
};

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec);
}

static void
worker_finish(worker *w)
{
	engine *e = w->e;

	w->state = W_IDLE;
	pthread_mutex_lock(&e->mtx);
	e->active--;
	if (e->active == 0) {
		pthread_cond_signal(&e->cv);
	}
	pthread_mutex_unlock(&e->mtx);
}

/* spec->stop's value: 0 run, 1 stop issuing calls, 2+ abandon calls too. */
static int
stop_level(const engine *e)
{
	return (e->spec->stop != NULL
	        ? atomic_load_explicit(e->spec->stop, memory_order_relaxed)
	        : 0);
}

/* Nonzero once spec->stop is set. */
static int
stop_requested(const engine *e)
{
	return (stop_level(e) != 0);
}

static int
should_stop(const engine *e, uint64_t ticket)
{
	if (stop_requested(e)) {
		return (1);
	}
	if (e->limit != 0) {
		return (ticket >= e->limit);
	}
	return (now_ns() >= e->end_ns);
}

static void
worker_send(worker *w)
{
	engine             *e   = w->e;
	const nerb_request *req = &e->spec->corpus->requests[w->ticket %
	    e->spec->corpus->n];
	nng_msg            *msg;
	int                 rv;

	rv = nng_msg_alloc(&msg, 0);
	if (rv == 0) {
		rv = nng_msg_append(msg, req->bytes, req->len);
		if (rv != 0) {
			nng_msg_free(msg);
		}
	}
	if (rv != 0) {
		/* Out of memory on our side: stop this worker. */
		atomic_fetch_add(&e->failed, 1);
		worker_finish(w);
		return;
	}
	w->sent_ns = now_ns();
	w->state   = W_SEND;
	nng_aio_set_msg(w->aio, msg);
	nng_ctx_send(w->ctx, w->aio);
}

/* A worker whose call completed.  Closed model: it takes the next ticket
 * and sends it at once.  Open model: it waits for the pacer to hand it
 * one (pace), or finishes when the pacer has issued its last. */
static void
worker_next(worker *w)
{
	engine *e = w->e;

	if (e->interval_ns != 0) {
		pthread_mutex_lock(&e->mtx);
		if (!e->pacing_done) {
			w->state             = W_IDLE;
			e->idle[e->n_idle++] = w;
			pthread_cond_signal(&e->idle_cv);
			pthread_mutex_unlock(&e->mtx);
			return;
		}
		pthread_mutex_unlock(&e->mtx);
		worker_finish(w);
		return;
	}
	w->ticket = atomic_fetch_add(&e->next_ticket, 1);
	if (should_stop(e, w->ticket)) {
		worker_finish(w);
		return;
	}
	w->intended_ns = 0;
	worker_send(w);
}

static void
note_error(nerb_results *r, int code, const char *message)
{
	size_t i;

	for (i = 0; i < r->n_errors; i++) {
		if (r->errors[i].code == code) {
			r->errors[i].count++;
			return;
		}
	}
	if (r->n_errors < NERB_MAX_ERROR_KINDS) {
		nerb_error_kind *k = &r->errors[r->n_errors++];

		k->code  = code;
		k->count = 1;
		snprintf(k->message, sizeof(k->message), "%s", message);
	}
}

/* Records the call w completed with status code (< NERB_N_STATUS). */
static void
worker_record(worker *w, int code, const char *message)
{
	engine       *e    = w->e;
	nerb_results *r    = &w->r;
	uint64_t      done = now_ns();
	uint64_t      from = w->sent_ns;
	uint64_t      lat;

	atomic_fetch_add(&e->done, 1);
	if (code != 0) {
		atomic_fetch_add(&e->failed, 1);
	}
	if (w->ticket < e->o->warmup_calls ||
	    w->sent_ns < e->start_ns + e->o->warmup_ns) {
		r->warmup++;
		return;
	}
	if (w->intended_ns != 0 && w->intended_ns < from) {
		from = w->intended_ns;
	}
	lat = done - from;
	nerb_hist_record(r->latency_ns, lat);
	r->count++;
	r->by_status[code]++;
	if (code == 0) {
		r->ok++;
		r->text_bytes += e->spec->corpus->requests[w->ticket %
		    e->spec->corpus->n].text_bytes;
	} else {
		note_error(r, code, message);
	}
	if (w->first_ns == 0 || from < w->first_ns) {
		w->first_ns = from;
	}
	if (done > w->last_ns) {
		w->last_ns = done;
	}
	if (e->spec->keep_rows) {
		if (r->n_rows == w->rows_cap) {
			size_t    cap  = w->rows_cap ? w->rows_cap * 2 : 1024;
			nerb_row *rows = realloc(r->rows, cap * sizeof(*rows));

			if (rows == NULL) {
				return;
			}
			r->rows    = rows;
			w->rows_cap = cap;
		}
		r->rows[r->n_rows].latency_us =
		    (uint32_t) (lat / 1000 > UINT32_MAX ? UINT32_MAX : lat / 1000);
		r->rows[r->n_rows].code = (uint8_t) code;
		r->n_rows++;
	}
}

static void
handle_reply(worker *w, nng_msg *msg)
{
	Nerd__V1__RpcReply *reply;
	int                 code;
	char                message[160];

	reply = nerd__v1__rpc_reply__unpack(
	    NULL, nng_msg_len(msg), nng_msg_body(msg));
	nng_msg_free(msg);
	if (reply == NULL) {
		worker_record(w, STATUS_INTERNAL, "reply is not an RpcReply");
		return;
	}
	code = reply->status != NULL ? reply->status->code : 0;
	if (code < 0 || code >= NERB_N_STATUS) {
		code = STATUS_UNKNOWN; /* gRPC's rule for codes it lacks */
	}
	snprintf(message, sizeof(message), "%s",
	    reply->status != NULL && reply->status->message != NULL
	        ? reply->status->message
	        : "");
	nerd__v1__rpc_reply__free_unpacked(reply, NULL);
	worker_record(w, code, message);
}

static int
transport_status(int rv)
{
	return (rv == NNG_ETIMEDOUT ? STATUS_DEADLINE_EXCEEDED
	                            : STATUS_UNAVAILABLE);
}

static void
worker_cb(void *arg)
{
	worker *w  = arg;
	int     rv = nng_aio_result(w->aio);

	if (rv == NNG_ECANCELED) {
		/* Abandoned (abandon_calls): the call has no outcome. */
		if (w->state == W_SEND) {
			nng_msg_free(nng_aio_get_msg(w->aio));
		}
		worker_finish(w);
		return;
	}
	switch (w->state) {
	case W_SEND:
		if (rv != 0) {
			nng_msg_free(nng_aio_get_msg(w->aio));
			worker_record(w, transport_status(rv), nng_strerror(rv));
			if (rv == NNG_ECLOSED) {
				worker_finish(w);
				return;
			}
			worker_next(w);
			return;
		}
		w->state = W_RECV;
		nng_ctx_recv(w->ctx, w->aio);
		return;
	case W_RECV:
		if (rv != 0) {
			worker_record(w, transport_status(rv), nng_strerror(rv));
			if (rv == NNG_ECLOSED) {
				worker_finish(w);
				return;
			}
		} else {
			handle_reply(w, nng_aio_get_msg(w->aio));
		}
		worker_next(w);
		return;
	default:
		return;
	}
}

/* Calls spec->progress when a second has passed since *last. */
static void
report_progress(engine *e, uint64_t *last)
{
	const nerb_run_spec *spec = e->spec;
	uint64_t             now;

	if (spec->progress == NULL) {
		return;
	}
	now = now_ns();
	if (now - *last < 1000000000ull) {
		return;
	}
	*last = now;
	spec->progress(spec->progress_arg, atomic_load(&e->done),
	    atomic_load(&e->failed), (double) (now - e->start_ns) / 1e9);
}

/* Cancels every call in flight, once a second stop request asks to
 * abandon them; their callbacks finish the workers (worker_cb).  A call a
 * callback is just starting is cancelled at the next turn. */
static void
abandon_calls(engine *e)
{
	size_t i;

	if (stop_level(e) < 2) {
		return;
	}
	for (i = 0; i < e->n_workers; i++) {
		nng_aio_cancel(e->workers[i].aio);
	}
}

/* Sleeps until the CLOCK_MONOTONIC time at_ns, at most 100 ms at a time
 * so that a stop request and the progress line are not held up. */
static void
sleep_until(engine *e, uint64_t at_ns, uint64_t *last_report)
{
	for (;;) {
		uint64_t        now = now_ns();
		uint64_t        to  = at_ns;
		struct timespec ts;

		if (now >= at_ns || stop_requested(e)) {
			return;
		}
		if (to - now > 100000000ull) {
			to = now + 100000000ull;
		}
		ts.tv_sec  = (time_t) (to / 1000000000ull);
		ts.tv_nsec = (long) (to % 1000000000ull);
		/* An early return (EINTR) only goes round again. */
		(void) clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		report_progress(e, last_report);
	}
}

/* Open model: a worker for ticket t, waiting for one to come back when
 * every call is in flight; NULL when the run should stop (checked after
 * each wait too, so that nothing is sent past a -z run's end) or when no
 * worker is left (each failed on its own side: worker_finish). */
static worker *
take_idle(engine *e, uint64_t t, uint64_t *last_report)
{
	worker *w = NULL;

	pthread_mutex_lock(&e->mtx);
	while (!should_stop(e, t) && e->active > 0) {
		struct timespec at = nerb_clock_in_ms(CLOCK_REALTIME, 200);

		if (e->n_idle > 0) {
			w = e->idle[--e->n_idle];
			break;
		}
		pthread_cond_timedwait(&e->idle_cv, &e->mtx, &at);
		pthread_mutex_unlock(&e->mtx);
		report_progress(e, last_report);
		pthread_mutex_lock(&e->mtx);
	}
	pthread_mutex_unlock(&e->mtx);
	return (w);
}

/* The open model's pacer, on nerb_run's thread: ticket t is due at
 * start + t * interval; at that time it goes to a worker that waits for
 * one.  When none waits (every call in flight), the first to come back
 * sends it late (unless the run has ended by then), and its latency still
 * counts from the intended time: coordinated omission is corrected.  The
 * pacer keeps its own time with clock_nanosleep: NNG's sleeps have
 * millisecond granularity, and on a busy machine they woke workers
 * milliseconds late, which the latencies then counted as the server's. */
static void
pace(engine *e, uint64_t *last_report)
{
	uint64_t t;

	for (t = 0;; t++) {
		uint64_t intended = e->start_ns + t * e->interval_ns;
		uint64_t wake     = intended;
		worker  *w;

		/* Duration mode: a call due after the end is never sent, so
		 * the pacer sleeps only to the end (take_idle stops then). */
		if (e->end_ns != 0 && wake > e->end_ns) {
			wake = e->end_ns;
		}
		sleep_until(e, wake, last_report);
		w = take_idle(e, t, last_report);
		if (w == NULL) {
			break;
		}
		w->ticket      = t;
		w->intended_ns = intended;
		worker_send(w);
	}
	/* No more tickets: the waiting workers are done now, the others
	 * when their calls complete (worker_next). */
	pthread_mutex_lock(&e->mtx);
	e->pacing_done = 1;
	e->active -= e->n_idle;
	e->n_idle = 0;
	pthread_mutex_unlock(&e->mtx);
}

/* ENOMEM, with err naming what could not be had (not through
 * nng_strerror, which reads errno values as NNG's own). */
static int
no_memory(const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", what, strerror(ENOMEM));
	return (ENOMEM);
}

static int
open_sockets(engine *e, char *err, size_t errlen)
{
	const nerb_options *o = e->o;
	nng_duration        resend;
	size_t              i;
	size_t              u;
	int                 rv;

	e->n_socks = o->connections;
	e->socks   = calloc(e->n_socks, sizeof(*e->socks));
	if (e->socks == NULL) {
		return (no_memory("sockets", err, errlen));
	}
	/* Above the deadline, so a slow call is never sent twice; a call whose
	 * connection closes is still sent again to another server. */
	resend = (nng_duration) (o->timeout_ns / 1000000 + 2ull * GRACE_MS);
	for (i = 0; i < e->n_socks; i++) {
		rv = nng_req0_open(&e->socks[i]);
		if (rv != 0) {
			snprintf(err, errlen, "req socket: %s", nng_strerror(rv));
			return (rv);
		}
		nng_socket_set_size(e->socks[i], NNG_OPT_RECVMAXSZ,
		    o->max_message);
		nng_socket_set_ms(e->socks[i], NNG_OPT_REQ_RESENDTIME, resend);
		nng_socket_set_ms(e->socks[i], NNG_OPT_RECONNMINT, 10);
		nng_socket_set_ms(e->socks[i], NNG_OPT_RECONNMAXT, 500);
		for (u = 0; u < o->n_urls; u++) {
			rv = nng_dial(e->socks[i], o->urls[u], NULL,
			    NNG_FLAG_NONBLOCK);
			if (rv != 0) {
				snprintf(err, errlen, "%s: %s", o->urls[u],
				    nng_strerror(rv));
				return (rv);
			}
		}
	}
	return (0);
}

static int
open_workers(engine *e, char *err, size_t errlen)
{
	size_t i;
	int    rv;

	e->n_workers = e->o->concurrency;
	e->workers   = calloc(e->n_workers, sizeof(*e->workers));
	if (e->workers == NULL) {
		return (no_memory("contexts", err, errlen));
	}
	for (i = 0; i < e->n_workers; i++) {
		worker *w = &e->workers[i];

		w->e = e;
		if (nerb_hist_alloc(&w->r.latency_ns) != 0) {
			return (no_memory("latency histograms", err, errlen));
		}
		rv = nng_aio_alloc(&w->aio, worker_cb, w);
		if (rv == 0) {
			rv = nng_ctx_open(&w->ctx, e->socks[i % e->n_socks]);
			w->ctx_open = (rv == 0);
		}
		if (rv != 0) {
			snprintf(err, errlen, "context %zu: %s", i,
			    nng_strerror(rv));
			return (rv);
		}
		nng_aio_set_timeout(w->aio,
		    (nng_duration) (e->o->timeout_ns / 1000000 + GRACE_MS));
	}
	return (0);
}

/* The sockets of a run, closed on a thread of their own (within.h). */
typedef struct socket_set {
	nng_socket *socks;
	size_t      n;
} socket_set;

static void
close_sockets(void *arg)
{
	socket_set *set = arg;

	for (size_t i = 0; i < set->n; i++) {
		nng_close(set->socks[i]);
	}
}

static void
free_sockets(void *arg)
{
	socket_set *set = arg;

	free(set->socks);
	free(set);
}

/* Closes and frees socks[0..n).  NNG 1.5.2's nng_close can block for good
 * after the server died mid-run (2 runs in 12 on a loaded machine, in
 * nni_sock_close's wait for the socket's last references); the run's
 * figures are complete by then, so it is waited for CLOSE_WAIT_MS at most
 * and then left to the process's exit. */
static void
close_sockets_within(nng_socket *socks, size_t n)
{
	socket_set *set;

	if (socks == NULL) {
		return;
	}
	set = malloc(sizeof(*set));
	if (set == NULL) {
		socket_set here = { socks, n };

		close_sockets(&here);
		free(socks);
		return;
	}
	set->socks = socks;
	set->n     = n;
	if (nerb_within(close_sockets, free_sockets, set, CLOSE_WAIT_MS)
	    != 0) {
		fprintf(stderr,
		    "nerbench: the connections did not close within %d s; "
		    "leaving them to the exit\n",
		    CLOSE_WAIT_MS / 1000);
	}
}

static void
close_all(engine *e)
{
	size_t i;

	/* From this thread, never from a callback: stop every aio first. */
	for (i = 0; e->workers != NULL && i < e->n_workers; i++) {
		if (e->workers[i].aio != NULL) {
			nng_aio_stop(e->workers[i].aio);
		}
	}
	for (i = 0; e->workers != NULL && i < e->n_workers; i++) {
		worker *w = &e->workers[i];

		if (w->ctx_open) {
			nng_ctx_close(w->ctx);
		}
		nng_aio_free(w->aio);
	}
	close_sockets_within(e->socks, e->n_socks);
	e->socks = NULL;
}

static int
merge(engine *e, nerb_results *out)
{
	uint64_t first = 0;
	uint64_t last  = 0;
	size_t   i;
	size_t   j;
	int      rv;

	memset(out, 0, sizeof(*out));
	rv = nerb_hist_alloc(&out->latency_ns);
	if (rv != 0) {
		return (rv);
	}
	for (i = 0; i < e->n_workers; i++) {
		worker       *w = &e->workers[i];
		nerb_results *r = &w->r;

		nerb_hist_add(out->latency_ns, r->latency_ns);
		out->count += r->count;
		out->ok += r->ok;
		out->text_bytes += r->text_bytes;
		out->warmup += r->warmup;
		for (j = 0; j < NERB_N_STATUS; j++) {
			out->by_status[j] += r->by_status[j];
		}
		for (j = 0; j < r->n_errors; j++) {
			size_t k;

			for (k = 0; k < out->n_errors; k++) {
				if (out->errors[k].code == r->errors[j].code) {
					out->errors[k].count += r->errors[j].count;
					break;
				}
			}
			if (k == out->n_errors &&
			    out->n_errors < NERB_MAX_ERROR_KINDS) {
				out->errors[out->n_errors++] = r->errors[j];
			}
		}
		if (r->n_rows > 0) {
			nerb_row *rows = realloc(out->rows,
			    (out->n_rows + r->n_rows) * sizeof(*rows));

			if (rows == NULL) {
				return (ENOMEM);
			}
			memcpy(rows + out->n_rows, r->rows,
			    r->n_rows * sizeof(*rows));
			out->rows = rows;
			out->n_rows += r->n_rows;
		}
		if (w->first_ns != 0 && (first == 0 || w->first_ns < first)) {
			first = w->first_ns;
		}
		if (w->last_ns > last) {
			last = w->last_ns;
		}
	}
	out->duration_s = last > first ? (double) (last - first) / 1e9 : 0.0;
	return (0);
}

static double
seconds(struct timeval tv)
{
	return ((double) tv.tv_sec + (double) tv.tv_usec / 1e6);
}

/* What the process spent from *before until now, into out. */
static void
client_cost(const struct rusage *before, nerb_results *out)
{
	struct rusage now;

	if (getrusage(RUSAGE_SELF, &now) != 0) {
		return;
	}
	out->client_user_s = seconds(now.ru_utime) - seconds(before->ru_utime);
	out->client_sys_s  = seconds(now.ru_stime) - seconds(before->ru_stime);
	out->client_vcs    = (uint64_t) (now.ru_nvcsw - before->ru_nvcsw);
	out->client_nvcs   = (uint64_t) (now.ru_nivcsw - before->ru_nivcsw);
}

int
nerb_run(const nerb_run_spec *spec, nerb_results *out, char *err,
    size_t errlen)
{
	engine        e;
	size_t        i;
	int           rv;
	uint64_t      last_report;
	struct rusage before;

	memset(&e, 0, sizeof(e));
	memset(out, 0, sizeof(*out));
	e.spec = spec;
	e.o    = spec->opts;
	pthread_mutex_init(&e.mtx, NULL);
	pthread_cond_init(&e.cv, NULL);
	pthread_cond_init(&e.idle_cv, NULL);
	rv = open_sockets(&e, err, errlen);
	if (rv == 0) {
		rv = open_workers(&e, err, errlen);
	}
	if (rv == 0) {
		e.idle = calloc(e.n_workers, sizeof(*e.idle));
		if (e.idle == NULL) {
			rv = no_memory("contexts", err, errlen);
		}
	}
	if (rv != 0) {
		goto out;
	}
	if (e.o->rate > 0) {
		e.interval_ns = (uint64_t) (1e9 / e.o->rate);
		if (e.interval_ns == 0) {
			e.interval_ns = 1;
		}
	}
	(void) getrusage(RUSAGE_SELF, &before);
	e.start_ns = now_ns();
	if (e.o->total != 0) {
		/* Saturated: -n's largest with a warm-up must not wrap. */
		e.limit = e.o->total > UINT64_MAX - e.o->warmup_calls
		    ? UINT64_MAX
		    : e.o->total + e.o->warmup_calls;
	} else {
		e.end_ns = e.start_ns + e.o->warmup_ns + e.o->duration_ns;
	}
	e.active    = e.n_workers;
	last_report = e.start_ns;
	if (e.interval_ns != 0) {
		for (i = 0; i < e.n_workers; i++) {
			e.idle[e.n_idle++] = &e.workers[i];
		}
		pace(&e, &last_report);
	} else {
		for (i = 0; i < e.n_workers; i++) {
			worker_next(&e.workers[i]);
		}
	}

	pthread_mutex_lock(&e.mtx);
	while (e.active > 0) {
		struct timespec until = nerb_clock_in_ms(CLOCK_REALTIME, 200);

		pthread_cond_timedwait(&e.cv, &e.mtx, &until);
		pthread_mutex_unlock(&e.mtx);
		abandon_calls(&e);
		report_progress(&e, &last_report);
		pthread_mutex_lock(&e.mtx);
	}
	pthread_mutex_unlock(&e.mtx);
	rv = merge(&e, out);
	if (rv != 0) {
		snprintf(err, errlen, "merging results: %s", strerror(rv));
	}
	client_cost(&before, out);
out:
	close_all(&e);
	for (i = 0; e.workers != NULL && i < e.n_workers; i++) {
		nerb_results_fini(&e.workers[i].r);
	}
	free(e.workers);
	free(e.idle);
	pthread_mutex_destroy(&e.mtx);
	pthread_cond_destroy(&e.cv);
	pthread_cond_destroy(&e.idle_cv);
	return (rv);
}

void
nerb_results_fini(nerb_results *r)
{
	nerb_hist_free(r->latency_ns);
	free(r->rows);
	memset(r, 0, sizeof(*r));
}
