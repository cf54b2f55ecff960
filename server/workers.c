/* server/workers.c: bounded pthread pool (see workers.h). */
#include "workers.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

struct nsrv_pool {
	pthread_mutex_t mtx;
	pthread_cond_t  cv;
	void          **ring; /* depth slots */
	unsigned        depth;
	unsigned        head; /* next job to run */
	unsigned        count;
	int             stopping;
	nsrv_job_fn     run;
	pthread_t      *threads;
	unsigned        n_threads;
};

static void *
pool_main(void *arg)
{
	nsrv_pool *pool = arg;

	for (;;) {
		void *job;

		pthread_mutex_lock(&pool->mtx);
		while (pool->count == 0 && !pool->stopping) {
			pthread_cond_wait(&pool->cv, &pool->mtx);
		}
		if (pool->count == 0) {
			/* Stopping and nothing left to do. */
			pthread_mutex_unlock(&pool->mtx);
			return (NULL);
		}
		job        = pool->ring[pool->head];
		pool->head = (pool->head + 1) % pool->depth;
		pool->count--;
		pthread_mutex_unlock(&pool->mtx);
		pool->run(job);
	}
}

int
nsrv_pool_alloc(
    nsrv_pool **out, unsigned n_threads, unsigned depth, nsrv_job_fn run)
{
	nsrv_pool *pool;
	int        rv;

	if (n_threads == 0 || depth == 0 || run == NULL) {
		return (EINVAL);
	}
	pool = calloc(1, sizeof(*pool));
	if (pool == NULL) {
		return (ENOMEM);
	}
	pool->ring    = calloc(depth, sizeof(void *));
	pool->threads = calloc(n_threads, sizeof(pthread_t));
	if (pool->ring == NULL || pool->threads == NULL) {
		free(pool->ring);
		free(pool->threads);
		free(pool);
		return (ENOMEM);
	}
	pool->depth = depth;
	pool->run   = run;
	pthread_mutex_init(&pool->mtx, NULL);
	pthread_cond_init(&pool->cv, NULL);
	for (unsigned i = 0; i < n_threads; i++) {
		rv = pthread_create(&pool->threads[i], NULL, pool_main, pool);
		if (rv != 0) {
			pool->n_threads = i;
			nsrv_pool_free(pool);
			return (rv);
		}
	}
	pool->n_threads = n_threads;
	*out            = pool;
	return (0);
}

int
nsrv_pool_submit(nsrv_pool *pool, void *job)
{
	int rv = -1;

	pthread_mutex_lock(&pool->mtx);
	if (!pool->stopping && pool->count < pool->depth) {
		pool->ring[(pool->head + pool->count) % pool->depth] = job;
		pool->count++;
		pthread_cond_signal(&pool->cv);
		rv = 0;
	}
	pthread_mutex_unlock(&pool->mtx);
	return (rv);
}

unsigned
nsrv_pool_waiting(nsrv_pool *pool)
{
	unsigned n;

	pthread_mutex_lock(&pool->mtx);
	n = pool->count;
	pthread_mutex_unlock(&pool->mtx);
	return (n);
}

void
nsrv_pool_free(nsrv_pool *pool)
{
	if (pool == NULL) {
		return;
	}
	pthread_mutex_lock(&pool->mtx);
	pool->stopping = 1;
	pthread_cond_broadcast(&pool->cv);
	pthread_mutex_unlock(&pool->mtx);
	for (unsigned i = 0; i < pool->n_threads; i++) {
		pthread_join(pool->threads[i], NULL);
	}
	pthread_cond_destroy(&pool->cv);
	pthread_mutex_destroy(&pool->mtx);
	free(pool->ring);
	free(pool->threads);
	free(pool);
}
