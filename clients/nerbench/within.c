/* clients/nerbench/within.c: a call waited for a bounded time. */
#include "within.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

typedef struct within {
	pthread_mutex_t mtx;
	pthread_cond_t  cv;
	void (*fn)(void *);
	void (*done)(void *);
	void *arg;
	int   returned;  /* fn returned */
	int   abandoned; /* the caller stopped waiting: the thread ends it */
} within;

static void
within_free(within *w)
{
	w->done(w->arg);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mtx);
	free(w);
}

static void *
within_main(void *arg)
{
	within *w = arg;
	int     abandoned;

	w->fn(w->arg);
	pthread_mutex_lock(&w->mtx);
	w->returned = 1;
	abandoned   = w->abandoned;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mtx);
	if (abandoned) {
		within_free(w);
	}
	return (NULL);
}

struct timespec
nerb_clock_in_ms(clockid_t clock, uint32_t ms)
{
	struct timespec t;

	clock_gettime(clock, &t);
	t.tv_sec += (time_t) (ms / 1000);
	t.tv_nsec += (long) (ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return (t);
}

int
nerb_within(void (*fn)(void *), void (*done)(void *), void *arg,
    uint32_t ms)
{
	within            *w = calloc(1, sizeof(*w));
	pthread_condattr_t ca;
	pthread_t          th;
	struct timespec    until;
	int                returned;
	int                rv = 0;

	if (w == NULL) {
		fn(arg);
		done(arg);
		return (0);
	}
	w->fn   = fn;
	w->done = done;
	w->arg  = arg;
	pthread_mutex_init(&w->mtx, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&th, NULL, within_main, w) != 0) {
		fn(arg);
		within_free(w);
		return (0);
	}
	pthread_detach(th);
	until = nerb_clock_in_ms(CLOCK_MONOTONIC, ms);
	pthread_mutex_lock(&w->mtx);
	while (!w->returned && rv != ETIMEDOUT) {
		rv = pthread_cond_timedwait(&w->cv, &w->mtx, &until);
	}
	returned     = w->returned;
	w->abandoned = !returned;
	pthread_mutex_unlock(&w->mtx);
	if (!returned) {
		return (ETIMEDOUT);
	}
	within_free(w);
	return (0);
}
