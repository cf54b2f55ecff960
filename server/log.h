/*
 * server/log.h: structured log lines on stderr, one line per event:
 *
 *   ts=2026-01-02T03:04:05.678Z level=info msg="listening" url=ipc:///x
 *
 * Thread-safe: each line is formatted into a local buffer and written with
 * one write(2), so lines from different threads never interleave.  Safe to
 * call from NNG callbacks (never blocks on anything but stderr).
 */
#ifndef NERD_SERVER_LOG_H
#define NERD_SERVER_LOG_H

#include <stdatomic.h>
#include <stdint.h>

#include "nerd/plugin.h" /* enum nerp_log_level: the levels used here */

/* Sets the most verbose level written (NERP_LOG_ERROR..NERP_LOG_DEBUG).
 * Errors are always written. */
void nsrv_log_set_level(int level);

/* Nonzero when lines of this level are written. */
int nsrv_log_enabled(int level);

/* Parses "error", "warn", "info" or "debug" into *level.  Returns 0, or -1
 * for another name (and leaves *level alone). */
int nsrv_log_parse_level(const char *name, int *level);

/* Writes one line: msg is quoted; fields, when not NULL, is a printf
 * format for the key=value pairs that follow it ("method=%s code=%d"). */
void nsrv_log(int level, const char *msg, const char *fields, ...)
    __attribute__((format(printf, 3, 4)));

/* A neri_log_fn for the core registry: logs msg under source ("plugin"
 * field).  arg is unused. */
void nsrv_log_core(void *arg, int level, const char *source, const char *msg);

/* A rate limit for one kind of line (say, a client's malformed
 * envelopes), so that a client cannot flood the log: at most one line per
 * interval, the next line carrying how many were left out. */
typedef struct nsrv_log_limit {
	atomic_uint_least64_t next_ns;    /* no line before this time */
	atomic_uint           suppressed; /* events left out since */
} nsrv_log_limit;

/* Prepares a limit that lets the first event through. */
void nsrv_log_limit_init(nsrv_log_limit *lim);

/* Decides for one event at now_ns (CLOCK_MONOTONIC): returns 1 when it
 * may be logged, which happens at most once per interval_ns, and sets
 * *suppressed to the events left out since the last line that passed;
 * else counts the event as left out and returns 0.  Thread-safe and
 * lock-free (safe in NNG callbacks). */
int nsrv_log_limit_take(nsrv_log_limit *lim, uint64_t now_ns,
    uint64_t interval_ns, unsigned *suppressed);

#endif /* NERD_SERVER_LOG_H */
