/*
 * tests/nerbench_within_test.c: nerb_within, a call waited for a bounded
 * time (nerbench closes its sockets with it: NNG's close can block for
 * good after a server dies mid-run).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "within.h"

typedef struct probe {
	int gate[2];  /* fn reads one byte from gate[0] when blocking */
	int freed[2]; /* done writes one byte to freed[1] */
	int block;
	int ran;
} probe;

static void
probe_fn(void *arg)
{
	probe *p = arg;
	char   b;

	p->ran = 1;
	if (p->block) {
		cr_assert_eq(read(p->gate[0], &b, 1), 1);
	}
}

static void
probe_done(void *arg)
{
	probe *p = arg;

	cr_assert_eq(write(p->freed[1], "x", 1), 1);
}

static void
probe_free(probe *p)
{
	close(p->gate[0]);
	close(p->gate[1]);
	close(p->freed[0]);
	close(p->freed[1]);
	free(p);
}

static probe *
probe_new(int block)
{
	probe *p = calloc(1, sizeof(*p));

	cr_assert_not_null(p);
	cr_assert_eq(pipe(p->gate), 0);
	cr_assert_eq(pipe(p->freed), 0);
	p->block = block;
	return (p);
}

Test(nerbench_within, a_call_that_returns_in_time_is_done_before_return)
{
	probe *p = probe_new(0);
	char   b;

	cr_assert_eq(nerb_within(probe_fn, probe_done, p, 5000), 0);
	cr_assert_eq(p->ran, 1);
	/* done() has run: its byte is there without waiting */
	cr_assert_eq(read(p->freed[0], &b, 1), 1);
	probe_free(p);
}

/* fn blocks until the test lets it go, well after the 50 ms bound: the
 * caller returns ETIMEDOUT, and done() runs on fn's thread once fn
 * returns. */
Test(nerbench_within, a_call_that_blocks_is_left_and_done_when_it_returns,
    .timeout = 20)
{
	probe *p = probe_new(1);
	char   b;

	cr_assert_eq(nerb_within(probe_fn, probe_done, p, 50), ETIMEDOUT);
	cr_assert_eq(write(p->gate[1], "g", 1), 1);
	cr_assert_eq(read(p->freed[0], &b, 1), 1); /* blocks until done() */
	/* p is the test's again only now: done() has written */
	probe_free(p);
}

static int64_t
ns_of(struct timespec t)
{
	return ((int64_t) t.tv_sec * 1000000000LL + t.tv_nsec);
}

/* ms later on the given clock, with the nanoseconds carried into the
 * seconds (pthread_cond_timedwait refuses tv_nsec >= 1e9). */
Test(nerbench_within, clock_in_ms_is_that_far_ahead_and_normalised)
{
	const uint32_t  ms[] = { 0, 1, 999, 1999, 60000 };
	struct timespec before, t;

	for (size_t i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		clock_gettime(CLOCK_MONOTONIC, &before);
		t = nerb_clock_in_ms(CLOCK_MONOTONIC, ms[i]);
		cr_assert_lt(t.tv_nsec, 1000000000L);
		cr_assert_geq(t.tv_nsec, 0);
		cr_assert_geq(ns_of(t) - ns_of(before),
		    (int64_t) ms[i] * 1000000LL, "ms %u", ms[i]);
	}
}
