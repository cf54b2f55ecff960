/*
 * server/workers.h: a bounded pool of worker threads.  NNG callbacks hand
 * calls to it and never wait: a full queue is refused at once.
 *
 * Threads: nsrv_pool_submit may be called from any thread, NNG callbacks
 * included (it takes a mutex held only for a few instructions).  Jobs run
 * on the pool's threads, one at a time each, in submission order.
 */
#ifndef NERD_SERVER_WORKERS_H
#define NERD_SERVER_WORKERS_H

#include <stddef.h>

typedef struct nsrv_pool nsrv_pool;

/* Runs one job on a worker thread. */
typedef void (*nsrv_job_fn)(void *job);

/* Starts n_threads workers that call run on each submitted job, with
 * room for depth jobs waiting.  Returns 0, or an errno value. */
int nsrv_pool_alloc(
    nsrv_pool **out, unsigned n_threads, unsigned depth, nsrv_job_fn run);

/* Queues job.  Returns 0, or -1 when the queue is full or the pool is
 * stopping (the job was not taken: the caller still owns it). */
int nsrv_pool_submit(nsrv_pool *pool, void *job);

/* Jobs waiting (not yet running). */
unsigned nsrv_pool_waiting(nsrv_pool *pool);

/* Refuses new jobs, lets the workers finish every queued one, joins them
 * and frees the pool.  Blocks: never call from an NNG callback or a
 * worker. */
void nsrv_pool_free(nsrv_pool *pool);

#endif /* NERD_SERVER_WORKERS_H */
