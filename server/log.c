/* server/log.c: structured log lines (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_int log_level = NERP_LOG_INFO;

static const char *const level_names[] = { "error", "warn", "info", "debug" };

void
nsrv_log_set_level(int level)
{
	if (level < NERP_LOG_ERROR) {
		level = NERP_LOG_ERROR;
	}
	if (level > NERP_LOG_DEBUG) {
		level = NERP_LOG_DEBUG;
	}
	atomic_store(&log_level, level);
}

int
nsrv_log_enabled(int level)
{
	return (level <= atomic_load(&log_level));
}

int
nsrv_log_parse_level(const char *name, int *level)
{
	for (int i = 0; i < 4; i++) {
		if (strcmp(name, level_names[i]) == 0) {
			*level = i;
			return (0);
		}
	}
	if (strcmp(name, "warning") == 0) {
		*level = NERP_LOG_WARN;
		return (0);
	}
	return (-1);
}

/* Appends msg quoted, escaping quotes, backslashes and control bytes so
 * that one event stays on one line. */
static size_t
put_quoted(char *buf, size_t pos, size_t cap, const char *msg)
{
	if (pos < cap) {
		buf[pos++] = '"';
	}
	for (const char *p = msg; *p != '\0' && pos + 4 < cap; p++) {
		unsigned char c = (unsigned char) *p;
		if (c == '"' || c == '\\') {
			buf[pos++] = '\\';
			buf[pos++] = (char) c;
		} else if (c < 0x20 || c == 0x7f) {
			pos += (size_t) snprintf(
			    buf + pos, cap - pos, "\\x%02x", c);
		} else {
			buf[pos++] = (char) c;
		}
	}
	if (pos < cap) {
		buf[pos++] = '"';
	}
	return (pos);
}

static void
log_write(int level, const char *msg, const char *fields, va_list ap)
{
	char            buf[2048];
	size_t          cap = sizeof(buf) - 1; /* room for the newline */
	size_t          pos;
	struct timespec ts;
	struct tm       tm;
	int             n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	if (level < 0 || level > NERP_LOG_DEBUG) {
		level = NERP_LOG_ERROR;
	}
	n   = snprintf(buf, cap,
	      "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s msg=",
	      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	      tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000, level_names[level]);
	pos = (size_t) n;
	pos = put_quoted(buf, pos, cap, msg);
	if (fields != NULL && fields[0] != '\0' && pos + 1 < cap) {
		buf[pos++] = ' ';
		n          = vsnprintf(buf + pos, cap - pos, fields, ap);
		if (n > 0) {
			pos += (size_t) n < cap - pos ? (size_t) n
			                              : cap - pos - 1;
		}
	}
	buf[pos++] = '\n';
	/* A failed write to stderr has nowhere better to be reported. */
	if (write(STDERR_FILENO, buf, pos) < 0) {
		return;
	}
}

void
nsrv_log(int level, const char *msg, const char *fields, ...)
{
	va_list ap;

	if (level > NERP_LOG_ERROR && !nsrv_log_enabled(level)) {
		return;
	}
	va_start(ap, fields);
	log_write(level, msg, fields, ap);
	va_end(ap);
}

void
nsrv_log_core(void *arg, int level, const char *source, const char *msg)
{
	(void) arg;
	nsrv_log(level, msg, "source=%s", source != NULL ? source : "core");
}

void
nsrv_log_limit_init(nsrv_log_limit *lim)
{
	atomic_init(&lim->next_ns, 0);
	atomic_init(&lim->suppressed, 0);
}

int
nsrv_log_limit_take(nsrv_log_limit *lim, uint64_t now_ns,
    uint64_t interval_ns, unsigned *suppressed)
{
	uint_least64_t next = atomic_load(&lim->next_ns);

	/* Of several threads at the same moment, the one whose exchange
	 * succeeds writes the line; the others count as left out. */
	if (now_ns < next
	    || !atomic_compare_exchange_strong(
	        &lim->next_ns, &next, now_ns + interval_ns)) {
		atomic_fetch_add(&lim->suppressed, 1);
		return (0);
	}
	*suppressed = atomic_exchange(&lim->suppressed, 0);
	return (1);
}
