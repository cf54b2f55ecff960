/*
 * clients/nerbench/within.h: runs a call that may block for good (closing
 * NNG sockets) on a thread of its own, and waits for it a bounded time.
 */
#ifndef NERD_CLIENTS_NERBENCH_WITHIN_H
#define NERD_CLIENTS_NERBENCH_WITHIN_H

#include <stdint.h>
#include <time.h>

/* Calls fn(arg) on a new thread and waits at most ms milliseconds for it
 * to return.  Whichever side ends last calls done(arg): the caller before
 * returning 0 when fn returned in time, else the thread once fn returns
 * (never, when fn blocks for good; arg then stays allocated).  arg must
 * therefore be owned by this call from the start, and the caller must
 * not touch it after.  When no thread can be started, fn(arg) and
 * done(arg) run on the caller's.  Returns 0, or ETIMEDOUT when fn had not
 * returned after ms. */
int nerb_within(void (*fn)(void *), void (*done)(void *), void *arg,
    uint32_t ms);

/* The time on clock (CLOCK_MONOTONIC, CLOCK_REALTIME: that of the
 * condition variable waited on) ms milliseconds from now, for
 * pthread_cond_timedwait.  Pure apart from reading the clock. */
struct timespec nerb_clock_in_ms(clockid_t clock, uint32_t ms);

#endif /* NERD_CLIENTS_NERBENCH_WITHIN_H */
