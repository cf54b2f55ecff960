/*
 * clients/nerc_jsonl.c: `nerc --jsonl`: documents in, predictions out, in
 * the evaluation sets' annotation format (gold entities in the input are
 * ignored).  A bad line costs only itself.
 */
#include <stdlib.h>
#include <string.h>

#include "nerc.h"

/* The document's id as a string ("" when absent); numbers are allowed,
 * as the scorer allows them. */
static int
doc_id(json_t *doc, char *buf, size_t cap)
{
	json_t *id = json_object_get(doc, "id");

	if (json_is_string(id)) {
		snprintf(buf, cap, "%s", json_string_value(id));
		return (0);
	}
	if (json_is_integer(id)) {
		snprintf(buf, cap, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(id));
		return (0);
	}
	return (-1);
}

/* Plugins that failed on a document degrade its answer without failing
 * it; say so, for whoever is working on the plugin. */
static void
report_plugins(const Nerd__V1__RecognizeResponse *res, const char *where)
{
	size_t i;

	for (i = 0; i < res->n_plugins; i++) {
		const Nerd__V1__PluginResult *p = res->plugins[i];
		if (p->code != NERD_STATUS_OK) {
			fprintf(stderr, "nerc: %s: plugin %s: %s: %s\n", where,
			    p->name, nerd_status_name(p->code), p->message);
		}
	}
}

/* Recognises one parsed line and prints its prediction.  where names the
 * line in messages.  Returns 0 or a status code with st filled. */
static int
jsonl_doc(nerc_backend *b, json_t *doc, FILE *out, const char *const *kinds,
    size_t n_kinds, const char *where, nerd_client_status *st)
{
	Nerd__V1__RecognizeRequest req = NERD__V1__RECOGNIZE_REQUEST__INIT;
	Nerd__V1__Document d = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__RecognizeResponse *res = NULL;
	json_t *text, *dct, *pred, *id;
	char idbuf[256];
	int rv;

	if (!json_is_object(doc)) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT,
		    "a line must be a JSON object"));
	}
	if (doc_id(doc, idbuf, sizeof(idbuf)) != 0) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT,
		    "missing or non-string \"id\""));
	}
	text = json_object_get(doc, "text");
	if (!json_is_string(text)) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT,
		    "document %s has no string \"text\"", idbuf));
	}
	dct = json_object_get(doc, "dct");
	if (dct != NULL && !json_is_null(dct) && !json_is_string(dct)) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT,
		    "document %s: \"dct\" must be a string", idbuf));
	}
	d.id = idbuf;
	d.text = (char *) json_string_value(text);
	d.dct = (char *) (json_is_string(dct) ? json_string_value(dct) : "");
	req.document = &d;
	req.kinds = (char **) kinds;
	req.n_kinds = n_kinds;
	rv = nerc_backend_recognize(b, &req, &res, st);
	if (rv != 0) {
		return (rv);
	}
	report_plugins(res, where);
	pred = nerc_doc_json(idbuf, d.dct, d.text, res, 0);
	nerd_client_free(res);
	if (pred == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory"));
	}
	/* Keep the id as the input wrote it (string or number). */
	id = json_object_get(doc, "id");
	json_object_set(pred, "id", id);
	rv = json_dumpf(pred, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(pred);
	if (rv != 0 || fputc('\n', out) == EOF) {
		return (nerd_client_status_set(st, NERD_STATUS_INTERNAL,
		    "cannot write the prediction"));
	}
	return (0);
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strchr(" \t\r\n", s[i]) == NULL) {
			return (0);
		}
	}
	return (1);
}

int
nerc_jsonl(nerc_backend *b, FILE *in, const char *in_name, FILE *out,
    const char *const *kinds, size_t n_kinds)
{
	nerd_client_status st;
	json_error_t jerr;
	char where[300];
	char *line = NULL;
	size_t cap = 0;
	size_t lineno = 0;
	ssize_t n;
	int failed = 0;
	int rv;

	for (;;) {
		json_t *doc;
		n = getline(&line, &cap, in);
		if (n < 0) {
			break;
		}
		lineno++;
		if (blank(line, (size_t) n)) {
			continue;
		}
		doc = json_loadb(line, (size_t) n, 0, &jerr);
		if (doc == NULL) {
			fprintf(stderr, "nerc: %s:%zu: INVALID_ARGUMENT: "
			    "invalid JSON: %s\n", in_name, lineno, jerr.text);
			failed = NERD_STATUS_INVALID_ARGUMENT;
			continue;
		}
		snprintf(where, sizeof(where), "%s:%zu", in_name, lineno);
		rv = jsonl_doc(b, doc, out, kinds, n_kinds, where, &st);
		json_decref(doc);
		if (rv != 0) {
			fprintf(stderr, "nerc: %s: %s: %s\n", where,
			    nerd_status_name(rv), st.message);
			failed = rv;
		}
	}
	if (ferror(in)) {
		fprintf(stderr, "nerc: %s: DATA_LOSS: read error after line "
		    "%zu\n", in_name, lineno);
		failed = NERD_STATUS_DATA_LOSS;
	}
	free(line);
	fflush(out);
	return (failed);
}
