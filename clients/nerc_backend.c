/*
 * clients/nerc_backend.c: where nerc's answers come from: a server
 * (nerd_client) or, with --local, the core library in this process.
 *
 * Local answers are built as borrowed-pointer messages and then copied
 * through pack/unpack, so that every message nerc handles is owned the
 * same way (free with nerd_client_free) whatever its origin.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nerc.h"
#include "neri.h"

#define SERVING NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING

struct nerc_backend {
	nerd_client *client; /* remote */
	neri_registry *reg;  /* local */
	const char *const *dirs;
	size_t n_dirs;
	uint32_t timeout_ms;
};

/* Services a server answers health checks for (besides "plugin/<name>"). */
static const char *const known_services[] = { "", "nerd.v1.Recognizer",
	"nerd.v1.Health", "nerd.v1.Admin", "nerd.v1.Reflection", NULL };

static void
log_stderr(void *arg, int level, const char *source, const char *msg)
{
	(void) arg;
	if (level <= NERP_LOG_WARN) {
		fprintf(stderr, "nerc: %s: %s\n", source ? source : "core",
		    msg);
	}
}

/* An owned copy of a message built from borrowed pointers. */
static ProtobufCMessage *
message_copy(const ProtobufCMessage *m, nerd_client_status *st)
{
	size_t n = protobuf_c_message_get_packed_size(m);
	uint8_t *buf = malloc(n ? n : 1);
	ProtobufCMessage *copy = NULL;

	if (buf != NULL) {
		protobuf_c_message_pack(m, buf);
		copy = protobuf_c_message_unpack(m->descriptor, NULL, n, buf);
		free(buf);
	}
	if (copy == NULL) {
		nerd_client_status_set(st, NERD_STATUS_RESOURCE_EXHAUSTED,
		    "out of memory");
	}
	return (copy);
}

static int
local_load(nerc_backend *b, neri_registry **out, char ***refused,
    size_t *n_refused, nerd_client_status *st)
{
	neri_registry_config cfg = { 0 };
	int rv;

	cfg.dirs = b->dirs;
	cfg.n_dirs = b->n_dirs;
	cfg.check_owner = 1;
	cfg.log = log_stderr;
	rv = neri_registry_load(out, &cfg, refused, n_refused);
	if (rv != 0) {
		return (nerd_client_status_set(st, rv,
		    "cannot load the plugins from %s%s", b->dirs[0],
		    b->n_dirs > 1 ? " and others" : ""));
	}
	/* A server may wait for a reload; a run of nerc would only give
	 * empty answers. */
	if (neri_registry_count(*out) == 0) {
		neri_registry_rele(*out);
		*out = NULL;
		return (nerd_client_status_set(st, NERD_STATUS_NOT_FOUND,
		    "no plugin loaded from %s%s", b->dirs[0],
		    b->n_dirs > 1 ? " and others" : ""));
	}
	return (0);
}

int
nerc_backend_open(nerc_backend **out, const nerc_backend_config *cfg,
    nerd_client_status *st)
{
	nerc_backend *b = calloc(1, sizeof(*b));
	int rv;

	if (b == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory"));
	}
	b->timeout_ms = cfg->timeout_ms;
	if (cfg->local) {
		b->dirs = cfg->dirs;
		b->n_dirs = cfg->n_dirs;
		/* Refusals reach stderr through log_stderr. */
		rv = local_load(b, &b->reg, NULL, NULL, st);
	} else {
		nerd_client_config cc = { 0 };
		cc.urls = cfg->urls;
		cc.n_urls = cfg->n_urls;
		cc.token = cfg->token;
		cc.timeout_ms = cfg->timeout_ms;
		cc.tls_ca_file = cfg->tls_ca_file;
		cc.tls_cert_file = cfg->tls_cert_file;
		cc.tls_key_file = cfg->tls_key_file;
		rv = nerd_client_open(&b->client, &cc, st);
	}
	if (rv != 0) {
		free(b);
		return (rv);
	}
	*out = b;
	return (0);
}

void
nerc_backend_close(nerc_backend *b)
{
	if (b == NULL) {
		return;
	}
	if (b->reg != NULL) {
		neri_registry_rele(b->reg);
	}
	nerd_client_close(b->client);
	free(b);
}

static uint64_t
deadline_ns(uint32_t timeout_ms)
{
	struct timespec ts;

	if (timeout_ms == 0) {
		return (0);
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec +
	    (uint64_t) timeout_ms * 1000000u);
}

/* The response for res, built as the server builds it (core's
 * neri_result_to_response), then copied to nerc's ownership rule. */
static int
local_response(const char *id, const char *text, const neri_result *res,
    Nerd__V1__RecognizeResponse **out, nerd_client_status *st)
{
	Nerd__V1__RecognizeResponse *wire = NULL;
	int rv;

	rv = neri_result_to_response(res, id, text, strlen(text), &wire);
	if (rv != 0) {
		return (nerd_client_status_set(st, rv,
		    "cannot convert the result of document %s", id));
	}
	*out = (Nerd__V1__RecognizeResponse *) message_copy(&wire->base, st);
	neri_response_free(wire);
	return (*out ? 0 : NERD_STATUS_RESOURCE_EXHAUSTED);
}

/* Why the core refused the request with rv, in the server's words where
 * the server has them. */
static int
local_refusal(nerc_backend *b, const Nerd__V1__RecognizeRequest *req, int rv,
    nerd_client_status *st)
{
	const Nerd__V1__Document *d = req->document;
	size_t i;

	if (rv != NERD_STATUS_INVALID_ARGUMENT) {
		return (nerd_client_status_set(st, rv,
		    "cannot recognise document %s", d->id));
	}
	if (!neri_utf8_valid(d->text, strlen(d->text))) {
		return (nerd_client_status_set(st, rv,
		    "document %s: text is not valid UTF-8", d->id));
	}
	for (i = 0; i < req->n_kinds; i++) {
		if (neri_registry_kind(b->reg, req->kinds[i]) == NULL) {
			return (nerd_client_status_set(st, rv,
			    "unknown kind \"%.100s\"", req->kinds[i]));
		}
	}
	if (d->dct[0] != '\0') {
		return (nerd_client_status_set(st, rv,
		    "document %s: dct \"%.100s\" is not YYYY-MM-DD", d->id,
		    d->dct));
	}
	return (nerd_client_status_set(st, rv, "cannot recognise document %s",
	    d->id));
}

int
nerc_backend_recognize(nerc_backend *b, const Nerd__V1__RecognizeRequest *req,
    Nerd__V1__RecognizeResponse **out, nerd_client_status *st)
{
	const Nerd__V1__Document *d = req->document;
	neri_request nr = { 0 };
	neri_result *res = NULL;
	int rv;

	if (b->client != NULL) {
		return (nerd_client_recognize(b->client, req, out,
		    b->timeout_ms, st));
	}
	if (d == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT, "no document"));
	}
	if (d->text[0] == '\0') {
		/* The core takes it; the server refuses it. */
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT, "document text is empty"));
	}
	nr.id = d->id;
	nr.text = d->text;
	nr.len = strlen(d->text);
	nr.dct = d->dct;
	nr.lang = d->language[0] != '\0' ? d->language : NULL;
	nr.kinds = (const char *const *) req->kinds;
	nr.n_kinds = req->n_kinds;
	nr.deadline_ns = deadline_ns(b->timeout_ms);
	rv = neri_recognize(b->reg, &nr, &res);
	if (rv != 0) {
		return (local_refusal(b, req, rv, st));
	}
	rv = local_response(d->id, d->text, res, out, st);
	neri_result_free(res);
	return (rv);
}

int
nerc_backend_is_remote(const nerc_backend *b)
{
	return (b->client != NULL);
}

int
nerc_backend_recognize_batch(nerc_backend *b,
    const Nerd__V1__RecognizeBatchRequest *req,
    Nerd__V1__RecognizeBatchResponse **out, nerd_client_status *st)
{
	if (b->client == NULL) {
		return (nerd_client_status_set(st, NERD_STATUS_UNIMPLEMENTED,
		    "batches go to a server; in process, recognise each "
		    "document"));
	}
	return (nerd_client_recognize_batch(b->client, req, out,
	    b->timeout_ms, st));
}

/* Fills infos/pinfos (n each) from the registry, borrowing its strings. */
static void
local_infos(neri_registry *reg, Nerd__V1__RecognizerInfo *infos,
    Nerd__V1__RecognizerInfo **pinfos, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const neri_plugin_info *p = neri_registry_plugin(reg, i);
		Nerd__V1__RecognizerInfo *r = &infos[i];
		nerd__v1__recognizer_info__init(r);
		r->name = (char *) p->name;
		r->version = (char *) (p->version ? p->version : "");
		r->description = (char *) (p->description ? p->description
		                                          : "");
		r->path = (char *) (p->path ? p->path : "");
		for (k = 0; p->provides != NULL && p->provides[k] != NULL;
		     k++) {
		}
		r->provides = (char **) p->provides;
		r->n_provides = k;
		for (k = 0; p->consumes != NULL && p->consumes[k] != NULL;
		     k++) {
		}
		r->consumes = (char **) p->consumes;
		r->n_consumes = k;
		pinfos[i] = r;
	}
}

int
nerc_backend_list(nerc_backend *b, Nerd__V1__ListRecognizersResponse **out,
    nerd_client_status *st)
{
	Nerd__V1__ListRecognizersResponse r =
	    NERD__V1__LIST_RECOGNIZERS_RESPONSE__INIT;
	Nerd__V1__RecognizerInfo *infos;
	size_t n;

	if (b->client != NULL) {
		return (nerd_client_list(b->client, out, b->timeout_ms, st));
	}
	n = neri_registry_count(b->reg);
	r.recognizers = calloc(n + 1, sizeof(*r.recognizers));
	infos = calloc(n + 1, sizeof(*infos));
	if (r.recognizers == NULL || infos == NULL) {
		free(r.recognizers);
		free(infos);
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory"));
	}
	local_infos(b->reg, infos, r.recognizers, n);
	r.n_recognizers = n;
	r.generation = neri_registry_generation(b->reg);
	*out = (Nerd__V1__ListRecognizersResponse *) message_copy(&r.base,
	    st);
	free(r.recognizers);
	free(infos);
	return (*out ? 0 : NERD_STATUS_RESOURCE_EXHAUSTED);
}

int
nerc_backend_health(nerc_backend *b, const char *service,
    Nerd__V1__HealthCheckResponse__ServingStatus *serving,
    nerd_client_status *st)
{
	size_t i;

	if (b->client != NULL) {
		return (nerd_client_health(b->client, service, serving,
		    b->timeout_ms, st));
	}
	for (i = 0; known_services[i] != NULL; i++) {
		if (strcmp(service, known_services[i]) == 0) {
			*serving = SERVING;
			return (0);
		}
	}
	if (strncmp(service, "plugin/", 7) == 0) {
		for (i = 0; i < neri_registry_count(b->reg); i++) {
			const neri_plugin_info *p =
			    neri_registry_plugin(b->reg, i);
			if (strcmp(p->name, service + 7) == 0) {
				*serving = SERVING;
				return (0);
			}
		}
	}
	return (nerd_client_status_set(st, NERD_STATUS_NOT_FOUND,
	    "unknown service \"%s\"", service));
}

int
nerc_backend_reload(nerc_backend *b, Nerd__V1__ReloadResponse **out,
    nerd_client_status *st)
{
	Nerd__V1__ReloadResponse r = NERD__V1__RELOAD_RESPONSE__INIT;
	Nerd__V1__RecognizerInfo *infos = NULL;
	neri_registry *reg = NULL;
	char **refused = NULL;
	size_t n_refused = 0;
	size_t n;
	int rv;

	if (b->client != NULL) {
		return (nerd_client_reload(b->client, out, b->timeout_ms,
		    st));
	}
	rv = local_load(b, &reg, &refused, &n_refused, st);
	if (rv != 0) {
		goto out;
	}
	neri_registry_rele(b->reg);
	b->reg = reg;
	n = neri_registry_count(reg);
	r.recognizers = calloc(n + 1, sizeof(*r.recognizers));
	infos = calloc(n + 1, sizeof(*infos));
	if (r.recognizers == NULL || infos == NULL) {
		rv = nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory");
		goto out;
	}
	local_infos(reg, infos, r.recognizers, n);
	r.n_recognizers = n;
	r.generation = neri_registry_generation(reg);
	r.refused = refused;
	r.n_refused = n_refused;
	*out = (Nerd__V1__ReloadResponse *) message_copy(&r.base, st);
	rv = *out ? 0 : NERD_STATUS_RESOURCE_EXHAUSTED;
out:
	free(r.recognizers);
	free(infos);
	neri_strings_free(refused, n_refused);
	return (rv);
}
