/*
 * clients/nerbench/corpus.h: the documents nerbench cycles through, packed
 * once into ready-to-send envelopes.
 */
#ifndef NERD_CLIENTS_NERBENCH_CORPUS_H
#define NERD_CLIENTS_NERBENCH_CORPUS_H

#include <stddef.h>
#include <stdint.h>

typedef struct nerb_request {
	uint8_t *bytes;     /* a packed nerd.v1.RpcRequest */
	size_t len;
	size_t text_bytes;  /* bytes of document text it carries */
} nerb_request;

typedef struct nerb_corpus {
	nerb_request *requests;
	size_t n;
	size_t text_bytes;  /* total over all documents */
} nerb_corpus;

typedef struct nerb_corpus_spec {
	const char *data;      /* JSONL file, or NULL */
	const char *corpus;    /* folder of text files, or NULL */
	const char *method;    /* method path */
	uint32_t timeout_ms;   /* deadline sent in the envelope */
	const char *token;     /* bearer token, or NULL */
	const char *kinds;     /* "a,b", or NULL */
} nerb_corpus_spec;

/* Loads the documents (a built-in news paragraph when neither data nor
 * corpus is given) and packs one envelope per document for spec->method:
 * Recognize and RecognizeBatch carry the document; other methods an empty
 * request.  Returns 0, or an errno value with err set (naming the file and
 * line for bad input). */
int nerb_corpus_load(nerb_corpus *c, const nerb_corpus_spec *spec, char *err,
    size_t errlen);

void nerb_corpus_fini(nerb_corpus *c);

#endif /* NERD_CLIENTS_NERBENCH_CORPUS_H */
