/* clients/nerbench/options.c: nerbench's command line (see options.h). */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_URL "tcp://127.0.0.1:7411"
/* The longest duration, and the longest gap between the open model's
 * calls (-r): about 31 years, far from uint64_t's end. */
#define MAX_NS 1e18
/* The longest per-call deadline: NNG keeps timeouts in int32_t
 * milliseconds (24.8 days), and the engine adds its grace to it. */
#define MAX_TIMEOUT_NS (24ull * 3600 * 1000000000ull)

int
nerb_parse_duration(const char *s, uint64_t *ns)
{
	char  *end;
	double v;
	double scale;

	if (s == NULL || *s == '\0') {
		return (EINVAL);
	}
	errno = 0;
	v     = strtod(s, &end);
	if (errno != 0 || end == s || !isfinite(v) || v < 0) {
		return (EINVAL);
	}
	if (*end == '\0' || strcmp(end, "s") == 0) {
		scale = 1e9;
	} else if (strcmp(end, "ms") == 0) {
		scale = 1e6;
	} else if (strcmp(end, "us") == 0) {
		scale = 1e3;
	} else if (strcmp(end, "ns") == 0) {
		scale = 1.0;
	} else if (strcmp(end, "m") == 0) {
		scale = 60e9;
	} else if (strcmp(end, "h") == 0) {
		scale = 3600e9;
	} else {
		return (EINVAL);
	}
	if (v * scale > MAX_NS) {
		return (EINVAL);
	}
	*ns = (uint64_t) (v * scale);
	return (0);
}

static int
parse_count(const char *s, uint64_t *out)
{
	char              *end;
	unsigned long long v;

	/* strtoull takes " -1" (spaces, then a sign) as 2^64 - 1. */
	if (s == NULL || *s == '\0' || strchr(s, '-') != NULL) {
		return (EINVAL);
	}
	errno = 0;
	v     = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0') {
		return (EINVAL);
	}
	*out = (uint64_t) v;
	return (0);
}

void
nerb_options_usage(void *f)
{
	fputs(
	    "usage: nerbench [options]\n"
	    "\n"
	    "Load-tests a nerd server (or any server of the nerd.v1 envelope).\n"
	    "\n"
	    "Load model:\n"
	    "  -c, --concurrency N     calls in flight (default 50)\n"
	    "  -n, --total N           calls to make (default 200 unless -z)\n"
	    "  -z, --duration D        run for D (e.g. 30s), not with -n\n"
	    "  -r, --rate R            open model: R calls/s in total, latency\n"
	    "                          measured from the intended send time\n"
	    "                          (coordinated-omission corrected)\n"
	    "      --warmup N|D        first N calls, or duration D, not recorded\n"
	    "Target:\n"
	    "      --connect URL       server URL, repeatable: calls spread over\n"
	    "                          servers (default " DEFAULT_URL ")\n"
	    "      --connections N     sockets to open (default 1)\n"
	    "  -t, --timeout D         per-call deadline, sent to the server\n"
	    "                          (default 20s, at most 24h)\n"
	    "      --method M          method path (default\n"
	    "                          /nerd.v1.Recognizer/Recognize)\n"
	    "      --token T           bearer token for the authorization metadata\n"
	    "      --kinds a,b         kinds to ask for (default all)\n"
	    "      --max-message N     largest reply accepted (default 16 MiB)\n"
	    "Input (cycled):\n"
	    "      --data FILE.jsonl   documents: one JSON object a line with\n"
	    "                          text, and optionally id and dct\n"
	    "      --corpus DIR        documents: every regular file in DIR\n"
	    "Output:\n"
	    "  -O, --output F          summary (default), json or csv\n"
	    "      --progress          a progress line on stderr (default when\n"
	    "                          stderr is a terminal); --no-progress\n"
	    "Thresholds (exit status 99 when breached):\n"
	    "      --max-p99-ms MS     p99 latency above MS\n"
	    "      --max-error-rate F  share of failed calls above F (0..1)\n"
	    "  -h, --help              this text\n",
	    (FILE *) f);
}

enum long_only {
	OPT_CONNECT = 256,
	OPT_CONNECTIONS,
	OPT_WARMUP,
	OPT_METHOD,
	OPT_DATA,
	OPT_CORPUS,
	OPT_TOKEN,
	OPT_KINDS,
	OPT_MAX_P99,
	OPT_MAX_ERR,
	OPT_PROGRESS,
	OPT_NO_PROGRESS,
	OPT_MAX_MESSAGE,
};

static const struct option long_options[] = {
	{ "concurrency", required_argument, NULL, 'c' },
	{ "total", required_argument, NULL, 'n' },
	{ "duration", required_argument, NULL, 'z' },
	{ "rate", required_argument, NULL, 'r' },
	{ "timeout", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'O' },
	{ "help", no_argument, NULL, 'h' },
	{ "connect", required_argument, NULL, OPT_CONNECT },
	{ "connections", required_argument, NULL, OPT_CONNECTIONS },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "method", required_argument, NULL, OPT_METHOD },
	{ "data", required_argument, NULL, OPT_DATA },
	{ "corpus", required_argument, NULL, OPT_CORPUS },
	{ "token", required_argument, NULL, OPT_TOKEN },
	{ "kinds", required_argument, NULL, OPT_KINDS },
	{ "max-p99-ms", required_argument, NULL, OPT_MAX_P99 },
	{ "max-error-rate", required_argument, NULL, OPT_MAX_ERR },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "max-message", required_argument, NULL, OPT_MAX_MESSAGE },
	{ NULL, 0, NULL, 0 },
};

/* The long name of option c, for messages. */
static const char *
option_name(int c)
{
	size_t i;

	for (i = 0; long_options[i].name != NULL; i++) {
		if (long_options[i].val == c) {
			return (long_options[i].name);
		}
	}
	return ("?");
}

static int
parse_positive_double(const char *s, double *out)
{
	char  *end;
	double v;

	errno = 0;
	v     = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !isfinite(v) || v < 0) {
		return (EINVAL);
	}
	*out = v;
	return (0);
}

static void
set_defaults(nerb_options *o)
{
	memset(o, 0, sizeof(*o));
	o->concurrency    = 50;
	o->connections    = 1;
	o->timeout_ns     = 20ull * 1000000000ull;
	o->method         = "/nerd.v1.Recognizer/Recognize";
	o->format         = NERB_FORMAT_SUMMARY;
	o->max_error_rate = -1.0;
	o->progress       = -1;
	o->max_message    = 16u << 20;
}

int
nerb_options_parse(nerb_options *o, int argc, char **argv, char *err,
    size_t errlen)
{
	int      c;
	uint64_t n;
	int      explicit_total = 0;

	set_defaults(o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:n:z:r:t:O:h", long_options,
	            NULL)) != -1) {
		const char *a = optarg;

		switch (c) {
		case 'c':
			if (parse_count(a, &n) != 0 || n == 0 || n > 100000) {
				goto bad_value;
			}
			o->concurrency = (unsigned) n;
			break;
		case 'n':
			if (parse_count(a, &o->total) != 0 || o->total == 0) {
				goto bad_value;
			}
			explicit_total = 1;
			break;
		case 'z':
			if (nerb_parse_duration(a, &o->duration_ns) != 0 ||
			    o->duration_ns == 0) {
				goto bad_value;
			}
			break;
		case 'r':
			if (parse_positive_double(a, &o->rate) != 0 ||
			    o->rate <= 0 || 1e9 / o->rate > MAX_NS) {
				goto bad_value;
			}
			break;
		case 't':
			if (nerb_parse_duration(a, &o->timeout_ns) != 0 ||
			    o->timeout_ns < 1000000 ||
			    o->timeout_ns > MAX_TIMEOUT_NS) {
				goto bad_value;
			}
			break;
		case 'O':
			if (strcmp(a, "summary") == 0) {
				o->format = NERB_FORMAT_SUMMARY;
			} else if (strcmp(a, "json") == 0) {
				o->format = NERB_FORMAT_JSON;
			} else if (strcmp(a, "csv") == 0) {
				o->format = NERB_FORMAT_CSV;
			} else {
				goto bad_value;
			}
			break;
		case 'h':
			nerb_options_usage(stdout);
			return (1);
		case OPT_CONNECT:
			if (o->n_urls == NERB_MAX_URLS) {
				snprintf(err, errlen, "at most %d --connect URLs",
				    NERB_MAX_URLS);
				return (EINVAL);
			}
			o->urls[o->n_urls++] = a;
			break;
		case OPT_CONNECTIONS:
			if (parse_count(a, &n) != 0 || n == 0 || n > 1024) {
				goto bad_value;
			}
			o->connections = (unsigned) n;
			break;
		case OPT_WARMUP:
			if (parse_count(a, &o->warmup_calls) != 0 &&
			    nerb_parse_duration(a, &o->warmup_ns) != 0) {
				goto bad_value;
			}
			break;
		case OPT_METHOD:
			o->method = a;
			break;
		case OPT_DATA:
			o->data = a;
			break;
		case OPT_CORPUS:
			o->corpus = a;
			break;
		case OPT_TOKEN:
			o->token = a;
			break;
		case OPT_KINDS:
			o->kinds = a;
			break;
		case OPT_MAX_P99:
			if (parse_positive_double(a, &o->max_p99_ms) != 0) {
				goto bad_value;
			}
			break;
		case OPT_MAX_ERR:
			if (parse_positive_double(a, &o->max_error_rate) != 0 ||
			    o->max_error_rate > 1.0) {
				goto bad_value;
			}
			break;
		case OPT_PROGRESS:
			o->progress = 1;
			break;
		case OPT_NO_PROGRESS:
			o->progress = 0;
			break;
		case OPT_MAX_MESSAGE:
			if (parse_count(a, &n) != 0 || n < 1024) {
				goto bad_value;
			}
			o->max_message = (size_t) n;
			break;
		case ':':
			snprintf(err, errlen, "option --%s needs a value",
			    option_name(optopt));
			return (EINVAL);
		default:
			if (optopt != 0) {
				snprintf(err, errlen, "unknown option -%c",
				    optopt);
			} else {
				snprintf(err, errlen, "unknown option %s",
				    argv[optind - 1]);
			}
			return (EINVAL);
		}
		continue;
	bad_value:
		snprintf(err, errlen, "bad value for --%s: '%s'",
		    option_name(c), a);
		return (EINVAL);
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
		return (EINVAL);
	}
	if (o->data != NULL && o->corpus != NULL) {
		snprintf(err, errlen, "give --data or --corpus, not both");
		return (EINVAL);
	}
	if (o->duration_ns != 0 && explicit_total) {
		snprintf(err, errlen, "give -n or -z, not both");
		return (EINVAL);
	}
	if (o->duration_ns == 0 && o->total == 0) {
		o->total = 200;
	}
	if (o->n_urls == 0) {
		o->urls[o->n_urls++] = DEFAULT_URL;
	}
	return (0);
}
