/*
 * tests/fuzz/organizations_fuzz.c: arbitrary bytes through the
 * organizations recognizer with its real data.  Bytes that are not UTF-8
 * are cut at the first invalid sequence (the host validates documents
 * before any plugin sees them).  Every mention must lie inside the text,
 * start and end on token boundaries, be non-empty, sorted and
 * non-overlapping, and carry a NUL-terminated name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "neri.h"
#include "org.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static org_lexicon *lex;

typedef struct fuzz_arena {
	char  *buf;
	size_t used, cap;
} fuzz_arena;

static void *
fuzz_alloc(void *arg, size_t size)
{
	fuzz_arena *a    = arg;
	size_t      need = (size + 15) & ~(size_t) 15;
	void       *p;

	if (a->used + need > a->cap) {
		return (NULL);
	}
	p = a->buf + a->used;
	a->used += need;
	return (p);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static nerp_host host;
	char             err[512];

	(void) argc;
	(void) argv;
	host.size     = sizeof(host);
	host.abi      = NERP_ABI;
	host.tokenize = neri_tokenize;
	host.key      = neri_key;
	if (org_lexicon_load(
	        &lex, &host, ORG_FUZZ_DATA, ORG_FUZZ_COMMON, err, sizeof(err))
	    != 0) {
		fprintf(stderr, "organizations_fuzz: %s\n", err);
		abort();
	}
	return (0);
}

/* The longest valid UTF-8 prefix of data. */
static size_t
fuzz_valid_prefix(const uint8_t *data, size_t size)
{
	size_t lo = 0, hi = size;

	if (neri_utf8_valid((const char *) data, size)) {
		return (size);
	}
	/* Validity of prefixes is monotone up to the first bad byte. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (neri_utf8_valid((const char *) data, mid)) {
			lo = mid;
		} else {
			hi = mid - 1;
		}
	}
	return (lo);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_arena   arena = { NULL, 0, 0 };
	org_arena    oa    = { fuzz_alloc, &arena };
	nerp_token  *toks;
	uint64_t    *keys;
	org_mention *m;
	uint8_t     *bound;
	size_t       len, n, nm, k;
	char        *text;

	len  = fuzz_valid_prefix(data, size);
	text = malloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';
	n         = neri_tokenize(text, len, NULL, 0);
	toks      = calloc(n + 1, sizeof(*toks));
	bound     = calloc(len + 1, 1);
	n         = neri_tokenize(text, len, toks, n);
	keys      = calloc(n + 1, sizeof(*keys));
	neri_keys(text, toks, n, keys);
	for (k = 0; k < n; k++) {
		bound[toks[k].start] |= 1;
		bound[toks[k].end] |= 2;
	}
	arena.cap = 4096 + n * 512;
	arena.buf = malloc(arena.cap);
	if (org_recognize(lex, text, len, toks, keys, n, &oa, &m, &nm) == 0) {
		for (k = 0; k < nm; k++) {
			if (m[k].start >= m[k].end || m[k].end > len
			    || (bound[m[k].start] & 1) == 0
			    || (bound[m[k].end] & 2) == 0
			    || (k > 0 && m[k].start < m[k - 1].end)
			    || m[k].name == NULL) {
				abort();
			}
		}
	}
	free(arena.buf);
	free(bound);
	free(keys);
	free(toks);
	free(text);
	return (0);
}
