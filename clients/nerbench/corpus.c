/* clients/nerbench/corpus.c: documents packed into envelopes. */
#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nerd.pb-c.h"

#define RECOGNIZE "/nerd.v1.Recognizer/Recognize"
#define RECOGNIZE_BATCH "/nerd.v1.Recognizer/RecognizeBatch"
#define MAX_KINDS 32
#define MAX_FILE (64u << 20)

/* Used when no documents are given: a news paragraph written for nerd. */
static const char builtin_text[] =
    "VIENNA, June 3. Austrian Foreign Minister Anna Berger met her Chilean "
    "counterpart Tomas Rojas in Vienna on Monday to discuss trade and the "
    "work of the Organization for Security and Co-operation in Europe "
    "(OSCE), the Austrian Foreign Ministry said. Chile joined the OECD in "
    "2010 and has held talks with the European Union on a new agreement "
    "since last year. Rojas will travel to Brussels on Thursday.";

typedef struct kinds {
	char *buf;
	char *list[MAX_KINDS];
	size_t n;
} kinds;

static int
kinds_split(kinds *k, const char *spec)
{
	char *save = NULL;
	char *tok;

	memset(k, 0, sizeof(*k));
	if (spec == NULL || *spec == '\0') {
		return (0);
	}
	k->buf = strdup(spec);
	if (k->buf == NULL) {
		return (ENOMEM);
	}
	for (tok = strtok_r(k->buf, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		if (k->n == MAX_KINDS) {
			return (E2BIG);
		}
		k->list[k->n++] = tok;
	}
	return (0);
}

/* Packs payload into a ProtobufCBinaryData owned by the caller. */
static int
pack_payload(const ProtobufCMessage *m, ProtobufCBinaryData *out)
{
	out->len  = protobuf_c_message_get_packed_size(m);
	out->data = malloc(out->len > 0 ? out->len : 1);
	if (out->data == NULL) {
		return (ENOMEM);
	}
	protobuf_c_message_pack(m, out->data);
	return (0);
}

static int
pack_request(nerb_request *r, const nerb_corpus_spec *spec, const kinds *k,
    const char *id, const char *text, const char *dct)
{
	Nerd__V1__Document              doc   = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__RecognizeRequest      req   = NERD__V1__RECOGNIZE_REQUEST__INIT;
	Nerd__V1__RecognizeBatchRequest batch =
	    NERD__V1__RECOGNIZE_BATCH_REQUEST__INIT;
	Nerd__V1__Document *docs[1];
	Nerd__V1__RpcRequest env  = NERD__V1__RPC_REQUEST__INIT;
	Nerd__V1__Metadata   auth = NERD__V1__METADATA__INIT;
	Nerd__V1__Metadata  *md[1];
	char                *bearer     = NULL;
	size_t               text_bytes = 0; /* of the text sent */
	int                  rv;

	if (text == NULL) {
		return (EINVAL);
	}
	doc.id   = (char *) id;
	doc.text = (char *) text;
	doc.dct  = (char *) dct;
	env.method     = (char *) spec->method;
	env.timeout_ms = spec->timeout_ms;
	if (strcmp(spec->method, RECOGNIZE) == 0) {
		req.document = &doc;
		req.kinds    = (char **) k->list;
		req.n_kinds  = k->n;
		rv = pack_payload(&req.base, &env.payload);
		text_bytes   = strlen(text);
	} else if (strcmp(spec->method, RECOGNIZE_BATCH) == 0) {
		docs[0]          = &doc;
		batch.documents  = docs;
		batch.n_documents = 1;
		batch.kinds      = (char **) k->list;
		batch.n_kinds    = k->n;
		rv = pack_payload(&batch.base, &env.payload);
		text_bytes       = strlen(text);
	} else {
		env.payload.len  = 0;
		env.payload.data = NULL;
		rv               = 0;
	}
	if (rv != 0) {
		return (rv);
	}
	if (spec->token != NULL) {
		/* Any length: tokens (JWTs) often pass 512 bytes. */
		if (asprintf(&bearer, "Bearer %s", spec->token) < 0) {
			free(env.payload.data);
			return (ENOMEM);
		}
		auth.key   = "authorization";
		auth.value = bearer;
		md[0]      = &auth;
		env.metadata   = md;
		env.n_metadata = 1;
	}
	r->len   = nerd__v1__rpc_request__get_packed_size(&env);
	r->bytes = malloc(r->len);
	if (r->bytes != NULL) {
		nerd__v1__rpc_request__pack(&env, r->bytes);
		r->text_bytes = text_bytes;
	}
	free(bearer);
	free(env.payload.data);
	return (r->bytes != NULL ? 0 : ENOMEM);
}

static int
corpus_add(nerb_corpus *c, const nerb_corpus_spec *spec, const kinds *k,
    const char *id, const char *text, const char *dct)
{
	nerb_request *grown;
	int           rv;

	grown = realloc(c->requests, (c->n + 1) * sizeof(*grown));
	if (grown == NULL) {
		return (ENOMEM);
	}
	c->requests = grown;
	rv = pack_request(&c->requests[c->n], spec, k, id, text, dct);
	if (rv != 0) {
		return (rv);
	}
	c->text_bytes += c->requests[c->n].text_bytes;
	c->n++;
	return (0);
}

static const char *
member_string(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return (json_is_string(v) ? json_string_value(v) : "");
}

static int
load_jsonl(nerb_corpus *c, const nerb_corpus_spec *spec, const kinds *k,
    char *err, size_t errlen)
{
	FILE   *f;
	char   *line = NULL;
	size_t  cap  = 0;
	ssize_t got;
	size_t  lineno = 0;
	int     rv     = 0;

	f = fopen(spec->data, "r");
	if (f == NULL) {
		rv = errno;
		snprintf(err, errlen, "%s: %s", spec->data, strerror(rv));
		return (rv);
	}
	while ((got = getline(&line, &cap, f)) != -1) {
		json_error_t jerr;
		json_t      *doc;
		json_t      *text;

		lineno++;
		/* Blank, also with CRLF endings or spaces. */
		if (strspn(line, " \t\r\n") == (size_t) got) {
			continue;
		}
		doc  = json_loads(line, 0, &jerr);
		text = json_object_get(doc, "text");
		if (doc == NULL || !json_is_string(text)) {
			snprintf(err, errlen, "%s:%zu: %s", spec->data, lineno,
			    doc == NULL ? jerr.text
			                : "no \"text\" string in the object");
			json_decref(doc);
			rv = EINVAL;
			break;
		}
		rv = corpus_add(c, spec, k, member_string(doc, "id"),
		    json_string_value(text), member_string(doc, "dct"));
		json_decref(doc);
		if (rv != 0) {
			snprintf(err, errlen, "%s:%zu: %s", spec->data, lineno,
			    strerror(rv));
			break;
		}
	}
	/* getline's -1 is also a read error (e.g. EISDIR): not an end. */
	if (rv == 0 && ferror(f)) {
		rv = errno != 0 ? errno : EIO;
		snprintf(err, errlen, "%s: %s", spec->data, strerror(rv));
	}
	free(line);
	fclose(f);
	if (rv == 0 && c->n == 0) {
		snprintf(err, errlen, "%s: no documents", spec->data);
		rv = EINVAL;
	}
	return (rv);
}

/* Reads the text file at path into *out (a C string, the caller's to
 * free).  Returns 0, or an errno value with err set. */
static int
read_file(const char *path, char **out, char *err, size_t errlen)
{
	FILE       *f;
	struct stat st;
	char       *buf;
	size_t      got;
	int         rv = 0;

	f = fopen(path, "rb");
	if (f == NULL) {
		rv = errno;
		snprintf(err, errlen, "%s: %s", path, strerror(rv));
		return (rv);
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		rv = EINVAL;
		goto out;
	}
	if ((size_t) st.st_size > MAX_FILE) {
		rv = EFBIG;
		goto out;
	}
	buf = malloc((size_t) st.st_size + 1);
	if (buf == NULL) {
		rv = ENOMEM;
		goto out;
	}
	got      = fread(buf, 1, (size_t) st.st_size, f);
	buf[got] = '\0';
	/* The text goes out as a C string: it would be cut at a NUL. */
	if (strlen(buf) != got) {
		snprintf(err, errlen, "%s: a NUL byte at offset %zu: not text",
		    path, strlen(buf));
		free(buf);
		fclose(f);
		return (EINVAL);
	}
	*out = buf;
out:
	if (rv != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(rv));
	}
	fclose(f);
	return (rv);
}

static int
load_dir(nerb_corpus *c, const nerb_corpus_spec *spec, const kinds *k,
    char *err, size_t errlen)
{
	DIR           *d;
	struct dirent *e;
	char           path[4096];
	int            rv = 0;

	d = opendir(spec->corpus);
	if (d == NULL) {
		rv = errno;
		snprintf(err, errlen, "%s: %s", spec->corpus, strerror(rv));
		return (rv);
	}
	while ((e = readdir(d)) != NULL) {
		char       *text = NULL;
		struct stat st;

		if (e->d_name[0] == '.') {
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", spec->corpus, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			continue;
		}
		rv = read_file(path, &text, err, errlen);
		if (rv != 0) {
			break;
		}
		rv = corpus_add(c, spec, k, e->d_name, text, "");
		free(text);
		if (rv != 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(rv));
			break;
		}
	}
	closedir(d);
	if (rv == 0 && c->n == 0) {
		snprintf(err, errlen, "%s: no documents", spec->corpus);
		rv = EINVAL;
	}
	return (rv);
}

int
nerb_corpus_load(nerb_corpus *c, const nerb_corpus_spec *spec, char *err,
    size_t errlen)
{
	kinds k;
	int   rv;

	memset(c, 0, sizeof(*c));
	rv = kinds_split(&k, spec->kinds);
	if (rv != 0) {
		snprintf(err, errlen, "--kinds: %s", strerror(rv));
		free(k.buf);
		return (rv);
	}
	if (spec->data != NULL) {
		rv = load_jsonl(c, spec, &k, err, errlen);
	} else if (spec->corpus != NULL) {
		rv = load_dir(c, spec, &k, err, errlen);
	} else {
		rv = corpus_add(c, spec, &k, "builtin", builtin_text, "");
		if (rv != 0) {
			snprintf(err, errlen, "%s", strerror(rv));
		}
	}
	free(k.buf);
	if (rv != 0) {
		nerb_corpus_fini(c);
	}
	return (rv);
}

void
nerb_corpus_fini(nerb_corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->requests[i].bytes);
	}
	free(c->requests);
	memset(c, 0, sizeof(*c));
}
