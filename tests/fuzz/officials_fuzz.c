/*
 * tests/fuzz/officials_fuzz.c: arbitrary bytes through the officials
 * recogniser (offi_find) with the plugin's real data, tokenised by the core
 * tokenizer as the host does.  Input that is not UTF-8 is what the host
 * refuses before any plugin runs, so its bytes are first made valid (each
 * bad byte replaced by '?').  Every mention must lie inside the text, on
 * UTF-8 boundaries, with start < end, in order without overlap, and point
 * at a person with a name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/neri.h"
#include "offi.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static offi_state *st;
static nerp_host   host;

typedef struct arena {
	void  *blocks[4096];
	size_t n;
} arena;

static void *
fuzz_alloc(void *arg, size_t size)
{
	arena *a = arg;
	void  *p;

	if (a->n == sizeof(a->blocks) / sizeof(a->blocks[0])) {
		return (NULL);
	}
	p = malloc(size);
	if (p != NULL) {
		a->blocks[a->n++] = p;
	}
	return (p);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512] = "";

	(void) argc;
	(void) argv;
	memset(&host, 0, sizeof(host));
	host.size     = sizeof(host);
	host.abi      = NERP_ABI;
	host.tokenize = neri_tokenize;
	host.key      = neri_key;
	if (offi_state_load(&st, &host,
	        NERD_TEST_SOURCE_DIR "/plugins/officials/data",
	        NERD_TEST_SOURCE_DIR "/plugins/common/data", err, sizeof(err))
	    != 0) {
		fprintf(stderr, "officials_fuzz: %s\n", err);
		abort();
	}
	return (0);
}

static int
utf8_boundary(const char *s, size_t len, uint32_t at)
{
	return (at == len || ((unsigned char) s[at] & 0xC0) != 0x80);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char       *text;
	nerp_token *toks;
	uint64_t   *keys;
	size_t      n, i;
	arena       a;
	offi_doc    doc;
	offi_result r;

	text = malloc(size + 1);
	if (text == NULL) {
		return (0);
	}
	memcpy(text, data, size);
	text[size] = '\0';
	/* Make the bytes valid UTF-8, as the host only passes such text. */
	for (i = 0; i < size; i++) {
		size_t k;
		for (k = 1; k <= 4 && i + k <= size; k++) {
			if (neri_utf8_valid(text + i, k)) {
				break;
			}
		}
		if (k > 4 || i + k > size) {
			text[i] = '?';
			k       = 1;
		}
		i += k - 1;
	}
	if (!neri_utf8_valid(text, size)) {
		abort();
	}
	n    = neri_tokenize(text, size, NULL, 0);
	toks = malloc((n + 1) * sizeof(*toks));
	if (toks == NULL) {
		free(text);
		return (0);
	}
	neri_tokenize(text, size, toks, n);
	/* The host's token keys, or none (offi_find keys the tokens). */
	keys = malloc((n + 1) * sizeof(*keys));
	if (keys == NULL) {
		free(toks);
		free(text);
		return (0);
	}
	neri_keys(text, toks, n, keys);
	a.n      = 0;
	doc.text = text;
	doc.len  = size;
	doc.dct  = size > 0 && (data[0] & 1) ? "2024-04-26" : "";
	if (offi_find(st, &doc, toks, size > 0 && (data[0] & 2) ? NULL : keys,
	        n, fuzz_alloc, &a, &r)
	    == 0) {
		for (i = 0; i < r.n_mentions; i++) {
			const offi_mention *m = &r.mentions[i];
			if (m->start >= m->end || m->end > size
			    || !utf8_boundary(text, size, m->start)
			    || !utf8_boundary(text, size, m->end)
			    || m->person >= r.n_people
			    || r.people[m->person].name == NULL
			    || (i > 0 && r.mentions[i - 1].end > m->start)) {
				abort();
			}
		}
	}
	while (a.n > 0) {
		free(a.blocks[--a.n]);
	}
	free(keys);
	free(toks);
	free(text);
	return (0);
}
