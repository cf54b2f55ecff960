/*
 * clients/nerbench/options.h: nerbench's command line.
 */
#ifndef NERD_CLIENTS_NERBENCH_OPTIONS_H
#define NERD_CLIENTS_NERBENCH_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

enum nerb_format {
	NERB_FORMAT_SUMMARY = 0,
	NERB_FORMAT_JSON = 1,
	NERB_FORMAT_CSV = 2,
};

#define NERB_MAX_URLS 16

typedef struct nerb_options {
	const char *urls[NERB_MAX_URLS]; /* --connect, repeatable */
	size_t n_urls;
	unsigned concurrency;   /* -c: calls in flight (closed model) */
	uint64_t total;         /* -n: calls to make; 0 = use duration */
	uint64_t duration_ns;   /* -z: how long to run; 0 = use total */
	double rate;            /* -r: calls per second (open model); 0 = closed */
	unsigned connections;   /* --connections: sockets */
	uint64_t warmup_calls;  /* --warmup N: calls not recorded */
	uint64_t warmup_ns;     /* --warmup 2s: time not recorded */
	uint64_t timeout_ns;    /* -t: per-call deadline */
	const char *method;     /* --method */
	const char *data;       /* --data FILE.jsonl */
	const char *corpus;     /* --corpus DIR */
	const char *token;      /* --token: bearer token */
	const char *kinds;      /* --kinds a,b */
	int format;             /* -O: enum nerb_format */
	double max_p99_ms;      /* --max-p99-ms; 0 = none */
	double max_error_rate;  /* --max-error-rate (0..1); negative = none */
	int progress;           /* --progress/--no-progress; -1 = if a tty */
	size_t max_message;     /* --max-message: receive limit */
} nerb_options;

/* Parses a duration: "250ms", "5s", "2m", "1h", "500us", "100ns"; a bare
 * number is seconds.  Returns 0 and sets *ns, or EINVAL. */
int nerb_parse_duration(const char *s, uint64_t *ns);

/* Parses argv into opts (defaults first).  On a usage error writes a
 * message to err (errlen bytes) and returns EINVAL; returns 1 when --help
 * was asked for (usage printed to stdout), 0 otherwise. */
int nerb_options_parse(nerb_options *opts, int argc, char **argv, char *err,
    size_t errlen);

/* Prints the usage text to f (a FILE *). */
void nerb_options_usage(void *f);

#endif /* NERD_CLIENTS_NERBENCH_OPTIONS_H */
