/*
 * clients/nerc_main.c: nerc, the command-line client of nerd: options,
 * commands and exit codes.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nerc.h"
#include "neri.h"

#ifndef NERC_DEFAULT_URL
#define NERC_DEFAULT_URL "tcp://127.0.0.1:7411"
#endif

#define MAX_LIST 64 /* --connect, --plugins and --kinds entries */
#define SERVING NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING

enum { EXIT_ERROR = 1, EXIT_USAGE = 2 };

typedef struct nerc_opts {
	nerc_backend_config bc;
	const char *dirs[MAX_LIST];
	const char *urls[MAX_LIST];
	const char *kinds[MAX_LIST];
	size_t n_kinds;
	int json;
	const char *dct;
	const char *id;
	const char *jsonl;
} nerc_opts;

static const char usage[] =
    "usage: nerc [options] recognize [FILE|-]   entities of one document\n"
    "       nerc [options] list                 loaded recognizers\n"
    "       nerc [options] health [SERVICE]     serving status\n"
    "       nerc [options] reload               reload the plugins\n"
    "       nerc [options] --jsonl IN.jsonl     predictions for a data "
    "set\n"
    "\n"
    "options:\n"
    "  -c, --connect URL   server to call (repeatable: calls are spread\n"
    "                      over all); default $NERD_URL or "
    NERC_DEFAULT_URL "\n"
    "  -l, --local         no server: run the plugins in this process\n"
    "  -p, --plugins DIR   plugin folder for --local (repeatable);\n"
    "                      default the build tree's, else the installed\n"
    "  -t, --timeout DUR   deadline per call: 500ms, 5s, 1.5s, 2m\n"
    "      --token TOKEN   bearer token for the server\n"
    "      --tls-ca FILE   CA to verify a tls+tcp:// server with\n"
    "      --tls-cert FILE client certificate (PEM) for mutual TLS\n"
    "      --tls-key FILE  key of the client certificate (PEM)\n"
    "  -j, --json          JSON instead of a table\n"
    "  -d, --dct DATE      document creation date, YYYY-MM-DD\n"
    "  -k, --kinds A,B     only these entity kinds\n"
    "      --id ID         document id (default: the file name)\n"
    "      --jsonl FILE    recognise every document of a JSONL file\n"
    "                      (- = stdin) and write predictions to stdout\n"
    "  -h, --help          this text\n"
    "\n"
    "Exit status: 0 on success, 1 when a call fails (the message names\n"
    "the status), 2 for bad usage.\n";

static int
fail(int exit_code, int status, const char *msg)
{
	fprintf(stderr, "nerc: %s: %s\n", nerd_status_name(status), msg);
	return (exit_code);
}

/* The output could not be written (a full disk, a closed pipe). */
static int
output_error(void)
{
	char msg[160];

	snprintf(msg, sizeof(msg), "cannot write the output: %s",
	    strerror(errno));
	return (fail(EXIT_ERROR, NERD_STATUS_INTERNAL, msg));
}

static int
usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "nerc: INVALID_ARGUMENT: %s%s%s\n", msg,
	    arg ? " " : "", arg ? arg : "");
	fprintf(stderr, "Try 'nerc --help'.\n");
	return (EXIT_USAGE);
}

/* Adds the comma-separated kinds of arg.  Returns 0, 1 when arg names
 * none, -1 when there are too many. */
static int
split_kinds(nerc_opts *o, char *arg)
{
	size_t before = o->n_kinds;
	char *save = NULL;
	char *k;

	for (k = strtok_r(arg, ",", &save); k != NULL;
	     k = strtok_r(NULL, ",", &save)) {
		if (o->n_kinds == MAX_LIST) {
			return (-1);
		}
		o->kinds[o->n_kinds++] = k;
	}
	return (o->n_kinds == before ? 1 : 0);
}

static const char *
default_plugin_dir(void)
{
	struct stat sb;

	if (stat(NERC_BUILD_PLUGIN_DIR, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		return (NERC_BUILD_PLUGIN_DIR);
	}
	return (NERC_INSTALL_PLUGIN_DIR);
}

enum {
	OPT_TOKEN = 256,
	OPT_TLS_CA,
	OPT_TLS_CERT,
	OPT_TLS_KEY,
	OPT_ID,
	OPT_JSONL,
};

static const struct option long_opts[] = {
	{ "connect", required_argument, NULL, 'c' },
	{ "local", no_argument, NULL, 'l' },
	{ "plugins", required_argument, NULL, 'p' },
	{ "timeout", required_argument, NULL, 't' },
	{ "token", required_argument, NULL, OPT_TOKEN },
	{ "tls-ca", required_argument, NULL, OPT_TLS_CA },
	{ "tls-cert", required_argument, NULL, OPT_TLS_CERT },
	{ "tls-key", required_argument, NULL, OPT_TLS_KEY },
	{ "json", no_argument, NULL, 'j' },
	{ "dct", required_argument, NULL, 'd' },
	{ "kinds", required_argument, NULL, 'k' },
	{ "id", required_argument, NULL, OPT_ID },
	{ "jsonl", required_argument, NULL, OPT_JSONL },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Returns -1 to go on, else the exit code. */
static int
parse_opts(nerc_opts *o, int argc, char **argv)
{
	nerc_backend_config *bc = &o->bc;
	int ch, rv;

	opterr = 0;
	for (;;) {
		ch = getopt_long(argc, argv, "c:lp:t:jd:k:h", long_opts, NULL);
		if (ch == -1) {
			break;
		}
		switch (ch) {
		case 'c':
			if (bc->n_urls == MAX_LIST) {
				return (usage_error("too many --connect", 0));
			}
			o->urls[bc->n_urls++] = optarg;
			break;
		case 'l':
			bc->local = 1;
			break;
		case 'p':
			if (bc->n_dirs == MAX_LIST) {
				return (usage_error("too many --plugins", 0));
			}
			o->dirs[bc->n_dirs++] = optarg;
			break;
		case 't':
			if (nerc_parse_duration(optarg, &bc->timeout_ms) !=
			    0) {
				return (usage_error("bad --timeout", optarg));
			}
			break;
		case OPT_TOKEN:
			bc->token = optarg;
			break;
		case OPT_TLS_CA:
			bc->tls_ca_file = optarg;
			break;
		case OPT_TLS_CERT:
			bc->tls_cert_file = optarg;
			break;
		case OPT_TLS_KEY:
			bc->tls_key_file = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'd':
			if (nerc_check_date(optarg) != 0) {
				return (usage_error("--dct is not a YYYY-MM-DD "
				                    "date:",
				    optarg));
			}
			o->dct = optarg;
			break;
		case 'k':
			rv = split_kinds(o, optarg);
			if (rv != 0) {
				return (usage_error(rv > 0
				        ? "--kinds names no kind:"
				        : "too many --kinds",
				    rv > 0 ? optarg : NULL));
			}
			break;
		case OPT_ID:
			if (!neri_utf8_valid(optarg, strlen(optarg))) {
				return (usage_error("--id is not UTF-8", 0));
			}
			o->id = optarg;
			break;
		case OPT_JSONL:
			o->jsonl = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return (0);
		default:
			return (usage_error("unknown or incomplete option",
			    argv[optind - 1]));
		}
	}
	if (bc->n_dirs == 0) {
		o->dirs[bc->n_dirs++] = default_plugin_dir();
	}
	if (bc->n_urls == 0) {
		const char *env = getenv("NERD_URL");
		o->urls[bc->n_urls++] = env && env[0] ? env : NERC_DEFAULT_URL;
	}
	bc->dirs = o->dirs;
	bc->urls = o->urls;
	return (-1);
}

/* Reads all of f into a NUL-terminated buffer.  Returns NULL with errno
 * set on a read error, out of memory, a NUL byte in f (EILSEQ, as soon as
 * it is read) or more than limit bytes (EFBIG; limit 0: none), so that
 * endless input (/dev/zero, a pipe) ends. */
static char *
slurp(FILE *f, size_t limit)
{
	size_t len = 0;
	size_t cap = 65536;
	char *buf = malloc(cap);
	size_t n;

	for (;;) {
		n = buf ? fread(buf + len, 1, cap - len - 1, f) : 0;
		if (n == 0) {
			break;
		}
		if (memchr(buf + len, '\0', n) != NULL) {
			free(buf);
			errno = EILSEQ;
			return (NULL);
		}
		len += n;
		if (limit > 0 && len > limit) {
			free(buf);
			errno = EFBIG;
			return (NULL);
		}
		if (cap - len - 1 == 0) {
			char *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				return (NULL);
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (buf == NULL || ferror(f)) {
		free(buf);
		return (NULL);
	}
	buf[len] = '\0';
	return (buf);
}

static int
print_json(json_t *j)
{
	int rv;

	if (j == NULL) {
		return (fail(EXIT_ERROR, NERD_STATUS_RESOURCE_EXHAUSTED,
		    "out of memory"));
	}
	rv = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (rv != 0 || fputc('\n', stdout) == EOF) {
		return (output_error());
	}
	return (0);
}

static void
report_plugins(const Nerd__V1__RecognizeResponse *res)
{
	size_t i;

	for (i = 0; i < res->n_plugins; i++) {
		const Nerd__V1__PluginResult *p = res->plugins[i];
		if (p->code != NERD_STATUS_OK) {
			fprintf(stderr, "nerc: plugin %s: %s: %s\n", p->name,
			    nerd_status_name(p->code), p->message);
		}
	}
}

static int
cmd_recognize(nerc_opts *o, nerc_backend *b, const char *path)
{
	Nerd__V1__RecognizeRequest req = NERD__V1__RECOGNIZE_REQUEST__INIT;
	Nerd__V1__Document d = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__RecognizeResponse *res = NULL;
	nerd_client_status st;
	const char *name;
	char msg[300];
	FILE *f;
	char *text, *id = NULL;
	int rv, err;

	f = stdin;
	name = "stdin";
	if (path != NULL && strcmp(path, "-") != 0) {
		f = fopen(path, "rb");
		name = path;
	}
	if (f == NULL) {
		snprintf(msg, sizeof(msg), "cannot open %s: %s", path,
		    strerror(errno));
		return (fail(EXIT_ERROR, NERD_STATUS_NOT_FOUND, msg));
	}
	/* A server takes no more: stop reading there. */
	text = slurp(f, nerc_backend_is_remote(b) ? NERD_CLIENT_MAX_PAYLOAD
	                                          : 0);
	err = errno;
	if (f != stdin) {
		fclose(f);
	}
	if (text == NULL) {
		snprintf(msg, sizeof(msg), "cannot read %s: %s", name,
		    err == EILSEQ  ? "it holds a NUL byte"
		    : err == EFBIG ? "larger than the 4 MiB a server takes"
		                   : strerror(err));
		return (fail(EXIT_ERROR,
		    err == EFBIG ? NERD_STATUS_RESOURCE_EXHAUSTED
		                 : NERD_STATUS_INVALID_ARGUMENT,
		    msg));
	}
	/* Ids must be UTF-8; file names need not be. */
	id = nerc_utf8_fix(o->id ? o->id : name);
	if (id == NULL) {
		rv = fail(EXIT_ERROR, NERD_STATUS_RESOURCE_EXHAUSTED,
		    "out of memory");
		goto out;
	}
	d.id = id;
	d.text = text;
	d.dct = (char *) (o->dct ? o->dct : "");
	req.document = &d;
	req.kinds = (char **) o->kinds;
	req.n_kinds = o->n_kinds;
	rv = nerc_backend_recognize(b, &req, &res, &st);
	if (rv != 0) {
		rv = fail(EXIT_ERROR, rv, st.message);
		goto out;
	}
	report_plugins(res);
	if (o->json) {
		rv = print_json(nerc_doc_json(d.id, d.dct, NULL, res, 1));
	} else if (nerc_table_entities(stdout, res) != 0) {
		rv = output_error();
	}
	nerd_client_free(res);
out:
	free(id);
	free(text);
	return (rv);
}

static int
cmd_list(nerc_opts *o, nerc_backend *b)
{
	Nerd__V1__ListRecognizersResponse *res = NULL;
	nerd_client_status st;
	int rv;

	rv = nerc_backend_list(b, &res, &st);
	if (rv != 0) {
		return (fail(EXIT_ERROR, rv, st.message));
	}
	if (o->json) {
		rv = print_json(nerc_list_json(res));
	} else if (nerc_table_list(stdout, res) != 0) {
		rv = output_error();
	}
	nerd_client_free(res);
	return (rv);
}

static int
cmd_health(nerc_opts *o, nerc_backend *b, const char *service)
{
	Nerd__V1__HealthCheckResponse__ServingStatus serving;
	const ProtobufCEnumValue *v;
	nerd_client_status st;
	const char *name;
	char msg[300];
	int rv;

	service = service ? service : "";
	rv = nerc_backend_health(b, service, &serving, &st);
	if (rv != 0) {
		return (fail(EXIT_ERROR, rv, st.message));
	}
	v = protobuf_c_enum_descriptor_get_value(
	    &nerd__v1__health_check_response__serving_status__descriptor,
	    (int) serving);
	name = v ? v->name : "UNKNOWN";
	if (o->json) {
		rv = print_json(json_pack("{s:s, s:s}", "service", service,
		    "status", name));
	} else {
		printf("%s\n", name);
	}
	if (rv == 0 && serving != SERVING) {
		snprintf(msg, sizeof(msg), "service \"%s\" is %s", service,
		    name);
		rv = fail(EXIT_ERROR, NERD_STATUS_UNAVAILABLE, msg);
	}
	return (rv);
}

static int
cmd_reload(nerc_opts *o, nerc_backend *b)
{
	Nerd__V1__ReloadResponse *res = NULL;
	nerd_client_status st;
	int rv;

	rv = nerc_backend_reload(b, &res, &st);
	if (rv != 0) {
		return (fail(EXIT_ERROR, rv, st.message));
	}
	if (o->json) {
		rv = print_json(nerc_reload_json(res));
	} else if (nerc_table_reload(stdout, res) != 0) {
		rv = output_error();
	}
	nerd_client_free(res);
	return (rv);
}

static int
cmd_jsonl(nerc_opts *o, nerc_backend *b)
{
	FILE *in = stdin;
	const char *name = "stdin";
	char msg[300];
	int rv;

	if (strcmp(o->jsonl, "-") != 0) {
		in = fopen(o->jsonl, "rb");
		name = o->jsonl;
	}
	if (in == NULL) {
		snprintf(msg, sizeof(msg), "cannot open %s: %s", o->jsonl,
		    strerror(errno));
		return (fail(EXIT_ERROR, NERD_STATUS_NOT_FOUND, msg));
	}
	rv = nerc_jsonl(b, in, name, stdout, o->kinds, o->n_kinds);
	if (in != stdin) {
		fclose(in);
	}
	return (rv == 0 ? 0 : EXIT_ERROR);
}

/* Checks the command and its arguments before anything is loaded. */
static int
check_command(const nerc_opts *o, int argc, char **argv)
{
	static const char *const cmds[] = { "recognize", "list", "health",
		"reload" };
	static const int max_args[] = { 1, 0, 1, 0 };
	size_t i;

	if (o->jsonl != NULL && (o->dct != NULL || o->id != NULL)) {
		return (usage_error("--dct and --id are for recognize: "
		                    "--jsonl documents carry their own",
		    NULL));
	}
	if (o->jsonl != NULL) {
		return (argc == 0 ? 0 : usage_error("--jsonl takes no command",
		                                  argv[0]));
	}
	if (argc == 0) {
		return (usage_error("no command given", 0));
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[0], cmds[i]) == 0) {
			return (argc - 1 <= max_args[i]
			        ? 0
			        : usage_error("too many arguments for",
			              argv[0]));
		}
	}
	return (usage_error("unknown command", argv[0]));
}

int
main(int argc, char **argv)
{
	nerc_opts o = { 0 };
	nerc_backend *b = NULL;
	nerd_client_status st;
	int rv;

	rv = parse_opts(&o, argc, argv);
	if (rv >= 0) {
		return (rv);
	}
	/* GNU getopt moves the operands last: options may follow them. */
	argc -= optind;
	argv += optind;
	rv = check_command(&o, argc, argv);
	if (rv != 0) {
		return (rv);
	}
	rv = nerc_backend_open(&b, &o.bc, &st);
	if (rv != 0) {
		return (fail(EXIT_ERROR, rv, st.message));
	}
	if (o.jsonl != NULL) {
		rv = cmd_jsonl(&o, b);
	} else if (strcmp(argv[0], "recognize") == 0) {
		rv = cmd_recognize(&o, b, argc > 1 ? argv[1] : NULL);
	} else if (strcmp(argv[0], "list") == 0) {
		rv = cmd_list(&o, b);
	} else if (strcmp(argv[0], "health") == 0) {
		rv = cmd_health(&o, b, argc > 1 ? argv[1] : NULL);
	} else {
		rv = cmd_reload(&o, b);
	}
	/* Output still buffered may fail only now: nothing may be lost
	 * silently. */
	if (rv == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		rv = output_error();
	}
	nerc_backend_close(b);
	return (rv);
}
