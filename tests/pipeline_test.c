/*
 * tests/pipeline_test.c: many threads recognising on shared registries
 * while another thread reloads and swaps them, as the server does.  A
 * plain program rather than a Criterion suite, because Criterion cannot
 * start under ThreadSanitizer (its inheritable arena needs an address
 * TSan owns); TSan's reports are the assertions here, plus a check that
 * every result matches the single-threaded one.  Exits 0 when all is
 * well.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/neri.h"

#define THREADS 4
#define ROUNDS 200
#define RELOADS 10

static const char       *TEXT = "\u00e9 NATO met in Moscow. Lavrov said NATO "
                                "would wait.\n\nThe U.S. envoy's talks ended.";
static const char *const KINDS[]
    = { "name", "place", "org", "report", "membership" };

static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;
static neri_registry  *current;
static size_t          expected;
static atomic_int      failures;

static neri_registry *
load(void)
{
	const char          *dirs[] = { CORE_TP_DIR "/pipe" };
	neri_registry_config cfg;
	neri_registry       *reg = NULL;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = dirs;
	cfg.n_dirs      = 1;
	cfg.check_owner = 1;
	if (neri_registry_load(&reg, &cfg, NULL, NULL) != 0) {
		fprintf(stderr, "pipeline_test: load failed\n");
		exit(1);
	}
	return (reg);
}

static neri_registry *
acquire(void)
{
	neri_registry *reg;

	if (pthread_mutex_lock(&current_lock) != 0) {
		abort();
	}
	reg = current;
	neri_registry_hold(reg);
	if (pthread_mutex_unlock(&current_lock) != 0) {
		abort();
	}
	return (reg);
}

static size_t
run_once(neri_registry *reg)
{
	neri_request req;
	neri_result *res;
	size_t       n;

	memset(&req, 0, sizeof(req));
	req.text    = TEXT;
	req.len     = strlen(TEXT);
	req.kinds   = KINDS;
	req.n_kinds = sizeof(KINDS) / sizeof(KINDS[0]);
	if (neri_recognize(reg, &req, &res) != 0) {
		return ((size_t) -1);
	}
	n = res->n_entities;
	neri_result_free(res);
	return (n);
}

static void *
worker(void *arg)
{
	int i;

	(void) arg;
	for (i = 0; i < ROUNDS; i++) {
		neri_registry *reg = acquire();

		if (run_once(reg) != expected) {
			atomic_fetch_add(&failures, 1);
		}
		neri_registry_rele(reg);
	}
	return (NULL);
}

static void *
reloader(void *arg)
{
	int i;

	(void) arg;
	for (i = 0; i < RELOADS; i++) {
		neri_registry *fresh = load();
		neri_registry *old;

		if (pthread_mutex_lock(&current_lock) != 0) {
			abort();
		}
		old     = current;
		current = fresh;
		if (pthread_mutex_unlock(&current_lock) != 0) {
			abort();
		}
		neri_registry_rele(old);
	}
	return (NULL);
}

int
main(void)
{
	pthread_t th[THREADS + 1];
	int       i;

	current  = load();
	expected = run_once(current);
	if (expected == (size_t) -1 || expected < 5) {
		fprintf(stderr, "pipeline_test: reference run gave %zu\n",
		    expected);
		return (1);
	}
	for (i = 0; i < THREADS; i++) {
		if (pthread_create(&th[i], NULL, worker, NULL) != 0) {
			return (1);
		}
	}
	if (pthread_create(&th[THREADS], NULL, reloader, NULL) != 0) {
		return (1);
	}
	for (i = 0; i <= THREADS; i++) {
		if (pthread_join(th[i], NULL) != 0) {
			return (1);
		}
	}
	neri_registry_rele(current);
	if (atomic_load(&failures) != 0) {
		fprintf(stderr, "pipeline_test: %d results differed\n",
		    atomic_load(&failures));
		return (1);
	}
	printf("pipeline_test: %d threads x %d requests, %d reloads: ok\n",
	    THREADS, ROUNDS, RELOADS);
	return (0);
}
