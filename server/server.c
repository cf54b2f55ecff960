/* server/server.c: server lifecycle, registry swaps and draining. */
#include "server.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "call.h"
#include "log.h"
#include "nerd/status.h"
#include "transport.h"

/* How long replies get to leave the socket after the last call finished,
 * before the socket is closed under them. */
#define LINGER_MS 100

/* Half of NNG 1.5.2's callback threads at most (NNG_MAX_TASKQ_THREADS). */
#define INLINE_SLOTS_MAX 8u

static int
load_registry(const nsrv_config *cfg, neri_registry **out, char ***refused,
    size_t *n_refused)
{
	neri_registry_config rc;
	char               **lines   = NULL;
	size_t               n_lines = 0;
	int                  rv;

	memset(&rc, 0, sizeof(rc));
	rc.dirs        = (const char *const *) cfg->plugin_dirs;
	rc.n_dirs      = cfg->n_plugin_dirs;
	rc.settings    = cfg->settings;
	rc.n_settings  = cfg->n_settings;
	rc.check_owner = cfg->check_owner;
	rc.probe_init  = cfg->probe_plugins;
	rc.log         = nsrv_log_core;
	rc.log_arg     = NULL;
	rv             = neri_registry_load(out, &rc, &lines, &n_lines);
	if (refused != NULL) {
		*refused   = lines;
		*n_refused = n_lines;
	} else {
		neri_strings_free(lines, n_lines);
	}
	return (rv);
}

/* 0 when every plugin folder is a folder, else -1 with the reason in
 * err.  At start-up a folder the loader would refuse for that is an
 * error, not a warning: the server would run without its plugins. */
static int
plugin_dirs_exist(const nsrv_config *cfg, char *err, size_t errlen)
{
	struct stat st;

	for (size_t i = 0; i < cfg->n_plugin_dirs; i++) {
		const char *dir = cfg->plugin_dirs[i];
		if (stat(dir, &st) != 0) {
			snprintf(err, errlen, "plugin folder %s: %s", dir,
			    strerror(errno));
			return (-1);
		}
		if (!S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "plugin folder %s: %s", dir,
			    strerror(ENOTDIR));
			return (-1);
		}
	}
	return (0);
}

/* How many calls may run in NNG callbacks at once (see server.h). */
static unsigned
inline_slots(const nsrv_config *cfg)
{
	long     cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned n     = cfg->workers;

	if (cores > 0 && n > (unsigned long) cores) {
		n = (unsigned) cores;
	}
	if (n > INLINE_SLOTS_MAX) {
		n = INLINE_SLOTS_MAX;
	}
	return (n > 0 ? n : 1);
}

int
nsrv_server_open(nsrv_server **out, const nsrv_config *cfg)
{
	nsrv_server *srv;
	char         err[512];
	int          rv;

	srv = calloc(1, sizeof(*srv));
	if (srv == NULL) {
		nsrv_log(NERP_LOG_ERROR, "out of memory", NULL);
		return (-1);
	}
	srv->cfg = cfg;
	pthread_mutex_init(&srv->reg_mtx, NULL);
	pthread_mutex_init(&srv->reload_mtx, NULL);
	pthread_mutex_init(&srv->drain_mtx, NULL);
	pthread_cond_init(&srv->drain_cv, NULL);
	atomic_init(&srv->draining, 0);
	atomic_init(&srv->closing, 0);
	atomic_init(&srv->cancel, 0);
	atomic_init(&srv->in_flight, 0);
	atomic_init(&srv->inline_running, 0);
	srv->inline_slots = inline_slots(cfg);
	for (int i = 0; i < NSRV_LOGK_COUNT; i++) {
		nsrv_log_limit_init(&srv->log_limits[i]);
	}

	if (nsrv_dispatch_alloc(&srv->dispatch, nsrv_services, nsrv_n_services,
	        nsrv_handlers, nsrv_n_handlers, err, sizeof(err))
	    != 0) {
		nsrv_log(NERP_LOG_ERROR, err, NULL);
		goto fail;
	}
	if (cfg->auth_tokens != NULL
	    && nsrv_tokens_load(&srv->auth, cfg->auth_tokens, err, sizeof(err))
	        != 0) {
		nsrv_log(NERP_LOG_ERROR, err, NULL);
		goto fail;
	}
	if (cfg->admin_tokens != NULL
	    && nsrv_tokens_load(
	           &srv->admin, cfg->admin_tokens, err, sizeof(err))
	        != 0) {
		nsrv_log(NERP_LOG_ERROR, err, NULL);
		goto fail;
	}
	if (plugin_dirs_exist(cfg, err, sizeof(err)) != 0) {
		nsrv_log(NERP_LOG_ERROR, err, NULL);
		goto fail;
	}
	rv = load_registry(cfg, &srv->reg, NULL, NULL);
	if (rv != 0) {
		nsrv_log(NERP_LOG_ERROR, "cannot load plugins", "code=%s",
		    nerd_status_name(rv));
		goto fail;
	}
	if (neri_registry_count(srv->reg) == 0) {
		/* Every call would be answered with nothing. */
		nsrv_log(NERP_LOG_ERROR,
		    "no plugin loaded: nothing to serve (see the refusals "
		    "above, or give --plugins)",
		    NULL);
		goto fail;
	}
	srv->generation = 1;
	nsrv_log(NERP_LOG_INFO, "plugins loaded", "count=%zu generation=1",
	    neri_registry_count(srv->reg));
	rv = nsrv_pool_alloc(
	    &srv->pool, cfg->workers, cfg->queue_depth, nsrv_call_run);
	if (rv != 0) {
		nsrv_log(NERP_LOG_ERROR, "cannot start workers", "err=\"%s\"",
		    strerror(rv));
		goto fail;
	}
	if (nsrv_transport_open(srv) != 0) {
		goto fail;
	}
	nsrv_log(NERP_LOG_INFO, "serving",
	    "workers=%u contexts=%u queue=%u max_message=%zu inline_max=%zu "
	    "inline_slots=%u",
	    cfg->workers, cfg->contexts, cfg->queue_depth, cfg->max_message,
	    cfg->inline_max, srv->inline_slots);
	*out = srv;
	return (0);
fail:
	nsrv_server_close(srv);
	return (-1);
}

neri_registry *
nsrv_server_registry(nsrv_server *srv, uint64_t *gen)
{
	neri_registry *reg;

	pthread_mutex_lock(&srv->reg_mtx);
	reg = srv->reg;
	if (reg != NULL) {
		neri_registry_hold(reg);
	}
	if (gen != NULL) {
		*gen = srv->generation;
	}
	pthread_mutex_unlock(&srv->reg_mtx);
	return (reg);
}

int
nsrv_server_has_plugin(nsrv_server *srv, const char *name)
{
	int found = 0;

	pthread_mutex_lock(&srv->reg_mtx);
	if (srv->reg != NULL) {
		size_t n = neri_registry_count(srv->reg);
		for (size_t i = 0; !found && i < n; i++) {
			found = strcmp(neri_registry_plugin(srv->reg, i)->name,
			            name)
			    == 0;
		}
	}
	pthread_mutex_unlock(&srv->reg_mtx);
	return (found);
}

int
nsrv_server_reload(
    nsrv_server *srv, uint64_t *gen, char ***refused, size_t *n_refused)
{
	neri_registry *fresh = NULL;
	neri_registry *old;
	uint64_t       g;
	size_t         count;
	int            rv;

	pthread_mutex_lock(&srv->reload_mtx);
	rv = load_registry(srv->cfg, &fresh, refused, n_refused);
	if (rv != 0) {
		pthread_mutex_unlock(&srv->reload_mtx);
		nsrv_log(NERP_LOG_ERROR, "reload failed; keeping the plugins",
		    "code=%s", nerd_status_name(rv));
		return (rv);
	}
	/* Counted now: once reload_mtx is released another reload may
	 * replace fresh and drop the last reference to it. */
	count = neri_registry_count(fresh);
	pthread_mutex_lock(&srv->reg_mtx);
	old      = srv->reg;
	srv->reg = fresh;
	g        = ++srv->generation;
	pthread_mutex_unlock(&srv->reg_mtx);
	pthread_mutex_unlock(&srv->reload_mtx);
	/* Calls still holding the old registry keep it alive until they
	 * finish; this drops only the server's own reference. */
	if (old != NULL) {
		neri_registry_rele(old);
	}
	nsrv_log(NERP_LOG_INFO, "plugins reloaded",
	    "count=%zu generation=%llu", count, (unsigned long long) g);
	if (gen != NULL) {
		*gen = g;
	}
	return (0);
}

int
nsrv_server_call_enter(nsrv_server *srv)
{
	/* Counted first, checked second: a drain that set draining before
	 * this check sees the count and waits; one that sets it after is
	 * seen here. */
	atomic_fetch_add(&srv->in_flight, 1);
	if (atomic_load(&srv->draining)) {
		nsrv_server_call_done(srv);
		return (-1);
	}
	return (0);
}

void
nsrv_server_call_done(nsrv_server *srv)
{
	/* The drain checks the count under drain_mtx before it sleeps, so
	 * taking the lock to broadcast cannot slip between the two. */
	if (atomic_fetch_sub(&srv->in_flight, 1) == 1
	    && atomic_load(&srv->draining)) {
		pthread_mutex_lock(&srv->drain_mtx);
		pthread_cond_broadcast(&srv->drain_cv);
		pthread_mutex_unlock(&srv->drain_mtx);
	}
}

/* Waits until nothing is in flight or until the absolute CLOCK_REALTIME
 * time at; returns what is still in flight. */
static unsigned
wait_idle(nsrv_server *srv, const struct timespec *at)
{
	unsigned n;

	pthread_mutex_lock(&srv->drain_mtx);
	while (atomic_load(&srv->in_flight) > 0) {
		if (pthread_cond_timedwait(&srv->drain_cv, &srv->drain_mtx, at)
		    == ETIMEDOUT) {
			break;
		}
	}
	n = atomic_load(&srv->in_flight);
	pthread_mutex_unlock(&srv->drain_mtx);
	return (n);
}

static void
deadline_in(struct timespec *ts, uint32_t ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long) (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

void
nsrv_server_drain(nsrv_server *srv)
{
	struct timespec at;
	unsigned        left;

	atomic_store(&srv->draining, 1);
	nsrv_log(NERP_LOG_INFO, "draining", "timeout_ms=%u",
	    srv->cfg->drain_timeout_ms);
	deadline_in(&at, srv->cfg->drain_timeout_ms);
	left = wait_idle(srv, &at);
	if (left > 0) {
		/* gRPC's Shutdown(deadline): past it, cancel what remains. */
		nsrv_log(NERP_LOG_WARN, "drain deadline passed; cancelling",
		    "in_flight=%u", left);
		atomic_store(&srv->cancel, 1);
		deadline_in(&at, 5000);
		left = wait_idle(srv, &at);
		if (left > 0) {
			nsrv_log(NERP_LOG_ERROR,
			    "calls did not stop; closing anyway",
			    "in_flight=%u", left);
		}
	}
	/* Let the last replies leave before the pipes are torn down. */
	deadline_in(&at, LINGER_MS);
	while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &at, NULL)
	    == EINTR) { }
}

void
nsrv_server_close(nsrv_server *srv)
{
	if (srv == NULL) {
		return;
	}
	nsrv_transport_close(srv);
	/* Workers finish what they hold; their sends fail on the closed
	 * socket and the callbacks only tidy up. */
	nsrv_pool_free(srv->pool);
	srv->pool = NULL;
	nsrv_transport_free(srv);
	if (srv->reg != NULL) {
		neri_registry_rele(srv->reg);
		srv->reg = NULL;
	}
	nsrv_tokens_free(srv->auth);
	nsrv_tokens_free(srv->admin);
	nsrv_dispatch_free(srv->dispatch);
	pthread_cond_destroy(&srv->drain_cv);
	pthread_mutex_destroy(&srv->drain_mtx);
	pthread_mutex_destroy(&srv->reload_mtx);
	pthread_mutex_destroy(&srv->reg_mtx);
	free(srv);
	nsrv_log(NERP_LOG_INFO, "stopped", NULL);
}

int
nsrv_check_plugins(const nsrv_config *cfg)
{
	neri_registry *reg       = NULL;
	char         **refused   = NULL;
	size_t         n_refused = 0;
	char           err[512];
	int            rv;

	if (plugin_dirs_exist(cfg, err, sizeof(err)) != 0) {
		printf("error: %s\n", err);
		return (NERD_STATUS_FAILED_PRECONDITION);
	}
	rv = load_registry(cfg, &reg, &refused, &n_refused);
	for (size_t i = 0; i < n_refused; i++) {
		printf("%s\n", refused[i]);
	}
	neri_strings_free(refused, n_refused);
	if (rv != 0) {
		printf("error: the plugins cannot be loaded (%s)\n",
		    nerd_status_name(rv));
		return (rv);
	}
	if (neri_registry_count(reg) == 0) {
		printf(
		    "error: no plugin loaded: the server would not start\n");
		neri_registry_rele(reg);
		return (NERD_STATUS_FAILED_PRECONDITION);
	}
	for (size_t i = 0; i < neri_registry_count(reg); i++) {
		const neri_plugin_info *pi = neri_registry_plugin(reg, i);
		printf("loaded %s %s provides", pi->name, pi->version);
		for (size_t k = 0;
		     pi->provides != NULL && pi->provides[k] != NULL; k++) {
			printf("%s%s", k == 0 ? " " : ",", pi->provides[k]);
		}
		printf(" (%s)\n", pi->path);
	}
	neri_registry_rele(reg);
	return (0);
}
