/*
 * server/server.h: the nerd server object: the socket and its contexts,
 * the worker pool, the current plugin registry and the shutdown state.
 * One per process in the binary; the tests may run one in-process.
 *
 *   nsrv_server_open  — load plugins, listen, start receiving
 *   nsrv_server_reload — swap in a fresh registry (SIGHUP, Admin/Reload)
 *   nsrv_server_drain — stop taking work, wait for calls in flight
 *   nsrv_server_close — close the sockets, free everything
 */
#ifndef NERD_SERVER_SERVER_H
#define NERD_SERVER_SERVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <nng/nng.h>
#include <nng/supplemental/tls/tls.h>

#include "auth.h"
#include "config.h"
#include "dispatch.h"
#include "log.h"
#include "neri.h"
#include "workers.h"

typedef struct nsrv_call nsrv_call;

/* Kinds of failed calls whose log lines are rate-limited, each to one
 * line a second (NSRV_LOG_LIMIT_NS), so that a client sending garbage
 * cannot flood the log. */
enum nsrv_log_kind {
	NSRV_LOGK_ENVELOPE = 0, /* bytes that are not an RpcRequest */
	NSRV_LOGK_PAYLOAD,      /* payload not the method's request type */
	NSRV_LOGK_SERVER,       /* any other INTERNAL, UNKNOWN, DATA_LOSS */
	NSRV_LOGK_COUNT,
};

#define NSRV_LOG_LIMIT_NS ((uint64_t) 1000000000u)

typedef struct nsrv_server {
	const nsrv_config *cfg; /* borrowed; outlives the server */
	nng_socket         sock;
	nng_listener      *listeners;
	size_t             n_listeners;
	nng_tls_config    *tls;
	nsrv_pool         *pool;
	nsrv_call         *calls; /* one per REP context */
	unsigned           n_calls;
	nsrv_tokens       *auth;  /* NULL: no authentication */
	nsrv_tokens       *admin; /* NULL: Reload needs only auth */
	nsrv_dispatch     *dispatch;

	pthread_mutex_t reg_mtx; /* guards reg and generation */
	neri_registry  *reg;
	uint64_t        generation;
	pthread_mutex_t reload_mtx; /* one reload at a time */

	nsrv_log_limit log_limits[NSRV_LOGK_COUNT];

	/* Calls running to completion in NNG callbacks, at most
	 * inline_slots: the workers, but no more than one per core and 8.
	 * NNG 1.5.2 runs callbacks on 2 threads per core (at most 16), so
	 * at least half of them stay free for its own work and for health
	 * checks even if a plugin hangs on small documents. */
	atomic_uint inline_running;
	unsigned    inline_slots;

	atomic_int draining; /* new calls get UNAVAILABLE */
	atomic_int closing;  /* socket closed: callbacks must not re-arm */
	atomic_int cancel;   /* in-flight calls should give up */

	/* Calls past the receive checks whose reply is not yet sent.  A
	 * call counts itself and then checks draining; the drain sets
	 * draining and then waits for zero (both sequentially consistent),
	 * so every call is either refused or waited for.  drain_mtx and
	 * drain_cv only wake the drain when the count reaches zero. */
	atomic_uint     in_flight;
	pthread_mutex_t drain_mtx;
	pthread_cond_t  drain_cv;
} nsrv_server;

/* Loads the plugins, builds the dispatch table, opens the REP socket with
 * cfg->contexts contexts, listens on every cfg->listen URL and starts
 * receiving.  cfg is borrowed and must outlive the server.  Blocks
 * (dlopen, bind).  Fails when a plugin folder is missing or no folder,
 * or when no plugin loads.  Returns 0 with *out set, or -1 after logging
 * why. */
int nsrv_server_open(nsrv_server **out, const nsrv_config *cfg);

/* Builds a new registry from the configured folders and swaps it in; the
 * old one is released when the last call holding it finishes.  On
 * success *gen (may be NULL) gets the new generation and *refused /
 * *n_refused (may be NULL) the refused files (free with
 * neri_strings_free).  Returns 0 or the NERD_STATUS_* of
 * neri_registry_load (the old registry stays).  Blocks; never call from
 * an NNG callback.  Thread-safe: reloads are serialised. */
int nsrv_server_reload(
    nsrv_server *srv, uint64_t *gen, char ***refused, size_t *n_refused);

/* The current registry with one reference held (release with
 * neri_registry_rele) and its generation.  Thread-safe, never blocks for
 * long. */
neri_registry *nsrv_server_registry(nsrv_server *srv, uint64_t *gen);

/* Nonzero when the current registry has a plugin of this name.  Takes no
 * reference (so it never ends up destroying a registry): safe in an NNG
 * callback. */
int nsrv_server_has_plugin(nsrv_server *srv, const char *name);

/* Marks the server draining (health NOT_SERVING, new calls UNAVAILABLE)
 * and waits up to cfg->drain_timeout_ms for calls in flight; past that
 * it asks them to cancel and waits for them to return.  Blocks. */
void nsrv_server_drain(nsrv_server *srv);

/* Closes listeners and the socket, stops and frees every context from
 * the calling thread, joins the workers and releases the registry.
 * Blocks; call from the main thread, never from a callback.  NULL ok. */
void nsrv_server_close(nsrv_server *srv);

/* Counts a call in flight.  Returns 0, or -1 (counting nothing) when the
 * server drains and the call must be refused with UNAVAILABLE.
 * Thread-safe and lock-free: safe in an NNG callback. */
int nsrv_server_call_enter(nsrv_server *srv);

/* Called by a call when its reply has gone out (or failed to), for calls
 * counted by nsrv_server_call_enter.  Thread-safe; takes drain_mtx only
 * for the last call of a drain. */
void nsrv_server_call_done(nsrv_server *srv);

/* Loads the configured plugins once (probing each init in a child when
 * cfg->probe_plugins is set), prints what loaded and what was refused to
 * stdout, and releases them (--check-plugins).  Returns 0 when the
 * server would start with them, else a NERD_STATUS_*: the registry's
 * own, or FAILED_PRECONDITION for a plugin folder that is missing or no
 * folder, or for no plugin loaded. */
int nsrv_check_plugins(const nsrv_config *cfg);

#endif /* NERD_SERVER_SERVER_H */
