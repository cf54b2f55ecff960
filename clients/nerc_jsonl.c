/*
 * clients/nerc_jsonl.c: `nerc --jsonl`: documents in, predictions out, in
 * the evaluation sets' annotation format (gold entities in the input are
 * ignored).  A bad line costs only itself.  Against a server, lines go
 * in RecognizeBatch calls of up to BATCH_DOCS documents, one round trip
 * for many; in process (--local) each is recognised on its own.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nerc.h"

/* The document's id as a string: the JSON string itself (whole: a copy
 * cut at a fixed size could end inside a UTF-8 character), or an integer
 * written into num; numbers are allowed, as the scorer allows them. */
static const char *
doc_id(json_t *doc, char *num, size_t cap)
{
	json_t *id = json_object_get(doc, "id");

	if (json_is_string(id)) {
		return (json_string_value(id));
	}
	if (json_is_integer(id)) {
		snprintf(num, cap, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(id));
		return (num);
	}
	return (NULL);
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

/* A parsed line waiting for its answer. */
typedef struct jsonl_item {
	json_t *doc;           /* the parsed line; owns the strings of d */
	const char *id;        /* in doc, or num */
	char num[32];          /* a numeric id, written out */
	char where[300];       /* "file:line", for messages */
	Nerd__V1__Document d;  /* borrows from doc */
} jsonl_item;

/* Documents sent in one RecognizeBatch call to a server, at most. */
#define BATCH_DOCS 32
#define BATCH_TEXT_BYTES ((size_t) 256 * 1024)

/* Checks a parsed line and fills it->d from it.  Returns 0 or a status
 * code with st filled. */
static int
jsonl_parse(jsonl_item *it, nerd_client_status *st)
{
	json_t *doc = it->doc;
	json_t *text, *dct;

	if (!json_is_object(doc)) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT,
		    "a line must be a JSON object"));
	}
	it->id = doc_id(doc, it->num, sizeof(it->num));
	if (it->id == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT,
		    "missing or non-string \"id\""));
	}
	text = json_object_get(doc, "text");
	if (!json_is_string(text)) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT,
		    "document %s has no string \"text\"", it->id));
	}
	dct = json_object_get(doc, "dct");
	if (dct != NULL && !json_is_null(dct) && !json_is_string(dct)) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_INVALID_ARGUMENT,
		    "document %s: \"dct\" must be a string", it->id));
	}
	nerd__v1__document__init(&it->d);
	it->d.id = (char *) it->id;
	it->d.text = (char *) json_string_value(text);
	it->d.dct = (char *) (json_is_string(dct) ? json_string_value(dct)
	                                          : "");
	return (0);
}

/* Where predictions go.  Each goes out whole in one write(2), not through
 * stdio's buffer (which cuts lines at its size): a run killed midway
 * (Ctrl-C, a closed pipe) leaves only complete lines behind. */
typedef struct jsonl_out {
	int fd;
	int lost; /* a write failed: what follows would be lost too */
} jsonl_out;

static int
write_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return (-1);
		}
		s += n;
		len -= (size_t) n;
	}
	return (0);
}

/* Prints the prediction of one answered line.  Returns 0 or a status code
 * with st filled. */
static int
jsonl_write(const jsonl_item *it, const Nerd__V1__RecognizeResponse *res,
    jsonl_out *out, nerd_client_status *st)
{
	json_t *pred;
	char *line, *nl;
	size_t len;
	int rv;

	report_plugins(res, it->where);
	pred = nerc_doc_json(it->id, it->d.dct, it->d.text, res, 0);
	if (pred == NULL) {
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory"));
	}
	/* Keep the id as the input wrote it (string or number). */
	json_object_set(pred, "id", json_object_get(it->doc, "id"));
	line = json_dumps(pred, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(pred);
	len = line != NULL ? strlen(line) : 0;
	nl = line != NULL ? realloc(line, len + 2) : NULL;
	if (nl == NULL) {
		free(line);
		return (nerd_client_status_set(st,
		    NERD_STATUS_RESOURCE_EXHAUSTED, "out of memory"));
	}
	nl[len++] = '\n';
	rv = write_all(out->fd, nl, len);
	free(nl);
	if (rv != 0) {
		out->lost = 1;
		return (nerd_client_status_set(st, NERD_STATUS_INTERNAL,
		    "cannot write the prediction: %s", strerror(errno)));
	}
	return (0);
}

/* Recognises one line with its own call and prints its prediction.
 * Returns 0 or a status code with st filled. */
static int
jsonl_one(nerc_backend *b, const jsonl_item *it, jsonl_out *out,
    const char *const *kinds, size_t n_kinds, nerd_client_status *st)
{
	Nerd__V1__RecognizeRequest req = NERD__V1__RECOGNIZE_REQUEST__INIT;
	Nerd__V1__RecognizeResponse *res = NULL;
	int rv;

	req.document = (Nerd__V1__Document *) &it->d;
	req.kinds = (char **) kinds;
	req.n_kinds = n_kinds;
	rv = nerc_backend_recognize(b, &req, &res, st);
	if (rv != 0) {
		return (rv);
	}
	rv = jsonl_write(it, res, out, st);
	nerd_client_free(res);
	return (rv);
}

static void
jsonl_fail(const jsonl_item *it, int code, const char *message, int *failed)
{
	fprintf(stderr, "nerc: %s: %s: %s\n", it->where,
	    nerd_status_name(code), message);
	*failed = code;
}

/* Recognises the n waiting lines (in one RecognizeBatch call when a server
 * answers and there are several; a batch the server refuses as a whole is
 * sent again line by line, so a bad line costs only itself), prints their
 * predictions in input order and releases them.  Once out fails, the
 * lines left are released unprinted (the caller stops). */
static void
jsonl_flush(nerc_backend *b, jsonl_item *items, size_t n, jsonl_out *out,
    const char *const *kinds, size_t n_kinds, int *failed)
{
	Nerd__V1__RecognizeBatchRequest req =
	    NERD__V1__RECOGNIZE_BATCH_REQUEST__INIT;
	Nerd__V1__RecognizeBatchResponse *res = NULL;
	Nerd__V1__Document *docs[BATCH_DOCS];
	nerd_client_status st;
	size_t i;
	int rv = -1;

	if (n > 1 && nerc_backend_is_remote(b)) {
		for (i = 0; i < n; i++) {
			docs[i] = &items[i].d;
		}
		req.documents = docs;
		req.n_documents = n;
		req.kinds = (char **) kinds;
		req.n_kinds = n_kinds;
		rv = nerc_backend_recognize_batch(b, &req, &res, &st);
		if (rv == 0 && (res->n_responses != n || res->n_statuses != n)) {
			nerd_client_free(res);
			rv = -1;
		}
	}
	for (i = 0; i < n; i++) {
		const jsonl_item *it = &items[i];
		int code;

		if (out->lost) {
			code = 0;
		} else if (rv != 0) {
			code = jsonl_one(b, it, out, kinds, n_kinds, &st);
		} else if (res->statuses[i]->code != NERD_STATUS_OK) {
			code = nerd_client_status_set(&st,
			    res->statuses[i]->code, "%s",
			    res->statuses[i]->message);
		} else {
			code = jsonl_write(it, res->responses[i], out, &st);
		}
		if (code != 0) {
			jsonl_fail(it, code, st.message, failed);
		}
		json_decref(items[i].doc);
	}
	if (rv == 0) {
		nerd_client_free(res);
	}
}

/* A byte order mark, which may start a UTF-8 file (RFC 8259 lets a
 * parser ignore it; jansson does not). */
#define UTF8_BOM "\xef\xbb\xbf"

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
	jsonl_item items[BATCH_DOCS];
	size_t n_items = 0;
	size_t text_bytes = 0;
	nerd_client_status st;
	json_error_t jerr;
	char *line = NULL;
	const char *start;
	size_t cap = 0;
	size_t lineno = 0;
	ssize_t n;
	jsonl_out o = { fileno(out), 0 };
	int failed = 0;
	int read_errno = 0;
	int rv;

	fflush(out); /* nothing of stdio's may follow our lines */
	for (;;) {
		jsonl_item *it = &items[n_items];

		n = getline(&line, &cap, in);
		if (n < 0) {
			read_errno = errno;
			break;
		}
		lineno++;
		start = line;
		if (lineno == 1 && n >= 3 && memcmp(line, UTF8_BOM, 3) == 0) {
			start += 3;
			n -= 3;
		}
		if (blank(start, (size_t) n)) {
			continue;
		}
		snprintf(it->where, sizeof(it->where), "%s:%zu", in_name,
		    lineno);
		it->doc = json_loadb(start, (size_t) n, 0, &jerr);
		if (it->doc == NULL) {
			fprintf(stderr, "nerc: %s: INVALID_ARGUMENT: "
			    "invalid JSON: %s\n", it->where, jerr.text);
			failed = NERD_STATUS_INVALID_ARGUMENT;
			continue;
		}
		rv = jsonl_parse(it, &st);
		if (rv != 0) {
			jsonl_fail(it, rv, st.message, &failed);
			json_decref(it->doc);
			continue;
		}
		text_bytes += strlen(it->d.text);
		n_items++;
		if (n_items == BATCH_DOCS || text_bytes >= BATCH_TEXT_BYTES) {
			jsonl_flush(b, items, n_items, &o, kinds, n_kinds,
			    &failed);
			n_items = 0;
			text_bytes = 0;
			if (o.lost) {
				break;
			}
		}
	}
	jsonl_flush(b, items, n_items, &o, kinds, n_kinds, &failed);
	if (ferror(in)) {
		fprintf(stderr, "nerc: %s: DATA_LOSS: read error after line "
		    "%zu: %s\n", in_name, lineno, strerror(read_errno));
		failed = NERD_STATUS_DATA_LOSS;
	}
	free(line);
	return (failed);
}
