/*
 * tests/fuzz/dates_fuzz.c: the dates recognizer on arbitrary bytes.  Valid
 * UTF-8 inputs (the host refuses others) are tokenised and scanned, with a
 * fixed document date and with one found in the text; every date must lie
 * inside the text, on token boundaries, with a non-empty value.  The text
 * is copied to a buffer of its exact size (plus the NUL the ABI promises)
 * so ASan catches any read past it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/neri.h"
#include "plugins/dates/dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dates_lexicon *lex;

static void
check(const char *text, size_t len, const dates_match *m, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (m[k].start >= m[k].end || m[k].end > len
		    || m[k].value[0] == '\0' || m[k].type == NULL
		    || memchr(m[k].value, '\0', sizeof(m[k].value)) == NULL) {
			fprintf(stderr, "bad date %u-%u in %zu bytes\n",
			    m[k].start, m[k].end, len);
			abort();
		}
		(void) text;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char         err[256];
	char        *text;
	nerp_token  *toks;
	uint64_t    *keys;
	dates_match *m;
	void        *work;
	size_t       ntok, n;
	dates_ymd    dct = { 2024, 4, 26 }, found;

	if (lex == NULL
	    && dates_lexicon_load(&lex, NERD_TEST_PLUGIN_DIR "/dates",
	           neri_key, err, sizeof(err))
	        != 0) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
	if (!neri_utf8_valid((const char *) data, size)) {
		return (0);
	}
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	ntok       = neri_tokenize(text, size, NULL, 0);
	toks       = malloc((ntok + 1) * sizeof(*toks));
	keys       = malloc((ntok + 1) * sizeof(*keys));
	work       = malloc((ntok + 1) * dates_tok_size());
	m          = malloc((ntok + 2) * sizeof(*m));
	neri_tokenize(text, size, toks, ntok);
	neri_keys(text, toks, ntok, keys);
	dates_work_clear(work, ntok);
	n = dates_scan(
	    lex, text, size, toks, keys, ntok, dct, work, m, ntok + 2);
	check(text, size, m, n);
	if (dates_find_dct(
	        lex, text, size, toks, keys, ntok, dct, work, &found)) {
		if (!dates_valid(found.y, found.m, found.d)) {
			abort();
		}
		n = dates_scan(lex, text, size, toks, keys, ntok, found, work,
		    m, ntok + 2);
		check(text, size, m, n);
	}
	free(keys);
	free(m);
	free(work);
	free(toks);
	free(text);
	return (0);
}
