/*
 * clients/nerc.h: the parts of nerc, the command-line client, private to
 * it.  A backend answers the four questions nerc asks (recognize, list,
 * health, reload) either through a server (nerd_client) or in process
 * (the core library, --local); output and JSONL code see only the
 * protobuf messages, so both modes print the same.
 *
 * Single-threaded: nerc calls everything from main.
 */
#ifndef NERD_CLIENTS_NERC_H
#define NERD_CLIENTS_NERC_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "nerd/client.h"

typedef struct nerc_backend nerc_backend;

typedef struct nerc_backend_config {
	int local;                 /* run in process */
	const char *const *dirs;   /* --local: plugin folders */
	size_t n_dirs;
	const char *const *urls;   /* remote: servers to dial */
	size_t n_urls;
	const char *token;         /* remote: bearer token, or NULL */
	uint32_t timeout_ms;       /* deadline of each call; 0 = default */
	const char *tls_ca_file;   /* remote: TLS settings, or NULL */
	const char *tls_cert_file;
	const char *tls_key_file;
} nerc_backend_config;

/* Opens the backend: loads the plugins (local) or dials (remote).
 * Plugin files refused while loading are reported on stderr.  Returns 0
 * with *out set, or a status code with st filled. */
int nerc_backend_open(nerc_backend **out, const nerc_backend_config *cfg,
    nerd_client_status *st);
void nerc_backend_close(nerc_backend *b);

/* Each returns 0 with *out set (free with nerd_client_free), or a status
 * code with st filled. */
int nerc_backend_recognize(nerc_backend *b,
    const Nerd__V1__RecognizeRequest *req, Nerd__V1__RecognizeResponse **out,
    nerd_client_status *st);
/* Nonzero when a server answers (not --local). */
int nerc_backend_is_remote(const nerc_backend *b);

/* One RecognizeBatch call to the server (remote only: in process it
 * returns UNIMPLEMENTED).  0 with *out set (free with nerd_client_free),
 * or a status code with st filled. */
int nerc_backend_recognize_batch(nerc_backend *b,
    const Nerd__V1__RecognizeBatchRequest *req,
    Nerd__V1__RecognizeBatchResponse **out, nerd_client_status *st);
int nerc_backend_list(nerc_backend *b,
    Nerd__V1__ListRecognizersResponse **out, nerd_client_status *st);
int nerc_backend_health(nerc_backend *b, const char *service,
    Nerd__V1__HealthCheckResponse__ServingStatus *serving,
    nerd_client_status *st);
int nerc_backend_reload(nerc_backend *b, Nerd__V1__ReloadResponse **out,
    nerd_client_status *st);

/* ---------------------------------------------------------------- output */

/* The document as FORMAT.md writes it: id, dct when not "", text when not
 * NULL, entities (type = kind, start, end, text, value, attrs object;
 * score and sources when with_details) and relations (one membership
 * entry per membership entity with member, organization and status).
 * text is the document text the offsets refer to (may be NULL: entity
 * texts then come from the response).  Returns a new reference, or NULL
 * out of memory. */
json_t *nerc_doc_json(const char *id, const char *dct, const char *text,
    const Nerd__V1__RecognizeResponse *res, int with_details);

/* JSON of the list, health and reload answers. */
json_t *nerc_list_json(const Nerd__V1__ListRecognizersResponse *res);
json_t *nerc_reload_json(const Nerd__V1__ReloadResponse *res);

/* Writes the entities as an aligned table: KIND, SPAN, TEXT, VALUE,
 * ATTRS.  Returns 0, or -1 on a write error. */
int nerc_table_entities(FILE *f, const Nerd__V1__RecognizeResponse *res);
int nerc_table_list(FILE *f, const Nerd__V1__ListRecognizersResponse *res);
int nerc_table_reload(FILE *f, const Nerd__V1__ReloadResponse *res);

/* ---------------------------------------------------------------- jsonl */

/* Reads documents (FORMAT.md) from in, one per line, recognises each and
 * writes one prediction line per document to out.  in_name names the
 * input in messages (a byte order mark before the first line is
 * skipped).  A line that cannot be read or recognised gets a
 * message on stderr naming its line, and the rest go on.  kinds (n_kinds;
 * 0 = all) limits the kinds.  Against a server, documents travel in
 * RecognizeBatch calls of up to 32 (a batch refused as a whole is sent
 * again document by document).  Each prediction is written whole with
 * one write(2) to out's descriptor, so that a run killed midway leaves
 * only complete lines; a failed write stops the run.  Returns 0 when
 * every line went well, else the status code of the last failure. */
int nerc_jsonl(nerc_backend *b, FILE *in, const char *in_name, FILE *out,
    const char *const *kinds, size_t n_kinds);

/* ---------------------------------------------------------------- args */

/* Parses "500ms", "5s", "1.5s", "2m", "1h" or a bare number of seconds
 * (decimal digits, one optional fraction) into milliseconds, rounded up.
 * Returns 0, or -1 when s is not such a duration, is 0 or passes
 * UINT32_MAX ms (*ms is then left alone). */
int nerc_parse_duration(const char *s, uint32_t *ms);

/* Checks that s is a calendar day written YYYY-MM-DD (the Gregorian
 * calendar's leap years).  Returns 0, or -1 when it is not (or NULL). */
int nerc_check_date(const char *s);

/* A copy of s in which each byte that does not start a valid UTF-8
 * character is replaced by U+FFFD, as an id a server takes (ids must be
 * UTF-8; file names need not be).  Returns the copy (free it), or NULL
 * out of memory. */
char *nerc_utf8_fix(const char *s);

#endif /* NERD_CLIENTS_NERC_H */
