/*
 * tests/fuzz/tokenizer_fuzz.c: the tokenizer on arbitrary bytes (valid
 * UTF-8 or not).  Tokens must lie inside the text, in order, without
 * overlap and of a known kind; neri_tokenize_keys must make the same
 * tokens as neri_tokenize, each with neri_key of its text; and an output
 * of any smaller size must get the same count, the same first tokens and
 * keys, and nothing written past its end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/neri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the smaller output size; the text is the
	 * rest, copied to a buffer of its own size, so that reading past
	 * its end is an error ASan sees. */
	const char *text;
	char       *copy;
	nerp_token *toks  = NULL;
	nerp_token *part  = NULL;
	uint64_t   *keys  = NULL;
	size_t      n, i, cap;

	if (size == 0) {
		return (0);
	}
	cap  = data[0];
	size = size - 1;
	copy = malloc(size > 0 ? size : 1);
	if (copy == NULL) {
		return (0);
	}
	memcpy(copy, data + 1, size);
	text = copy;
	n    = neri_tokenize(text, size, NULL, 0);
	if (n > size) {
		abort(); /* a token takes at least one byte */
	}
	toks = malloc((n + 1) * sizeof(*toks));
	part = malloc((n + 1) * sizeof(*part));
	keys = malloc((n + 1) * sizeof(*keys));
	if (toks == NULL || part == NULL || keys == NULL) {
		goto done;
	}
	if (neri_tokenize(text, size, toks, n) != n
	    || neri_tokenize_keys(text, size, part, keys, n) != n
	    || (n > 0 && memcmp(toks, part, n * sizeof(*toks)) != 0)) {
		abort();
	}
	for (i = 0; i < n; i++) {
		if (toks[i].start >= toks[i].end || toks[i].end > size
		    || (i > 0 && toks[i].start < toks[i - 1].end)
		    || toks[i].kind < NERP_TOK_WORD
		    || toks[i].kind > NERP_TOK_PUNCT
		    || keys[i]
		        != neri_key(text + toks[i].start,
		            toks[i].end - toks[i].start)) {
			abort();
		}
	}
	if (cap < n) {
		memset(part, 0xAB, (n + 1) * sizeof(*part));
		if (neri_tokenize_keys(text, size, part, keys, cap) != n
		    || part[cap].start != 0xABABABABu) {
			abort();
		}
		for (i = 0; i < cap; i++) {
			if (memcmp(&part[i], &toks[i], sizeof(*toks)) != 0
			    || keys[i]
			        != neri_key(text + toks[i].start,
			            toks[i].end - toks[i].start)) {
				abort();
			}
		}
	}
done:
	free(toks);
	free(part);
	free(keys);
	free(copy);
	return (0);
}
