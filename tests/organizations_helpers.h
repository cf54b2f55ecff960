/*
 * tests/organizations_helpers.h: what the organizations suites share: a
 * host table with the real tokenizer, the plugin's lexicon loaded from the
 * source tree, and a run of the recognizer over one sentence.
 */
#ifndef NERD_TESTS_ORGANIZATIONS_HELPERS_H
#define NERD_TESTS_ORGANIZATIONS_HELPERS_H

#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "neri.h"
#include "org.h"

#define ORGT_DATA NERD_TEST_SOURCE_DIR "/plugins/organizations/data"
#define ORGT_COMMON NERD_TEST_SOURCE_DIR "/plugins/common/data"

/* Each suite uses some of these helpers. */
#define ORGT_FN static __attribute__((unused))

typedef struct orgt_run {
	char        *text;
	nerp_token  *toks;
	uint64_t    *keys;
	size_t       n;
	org_mention *m;
	size_t       nm;
	char        *arena;
	size_t       used, cap;
} orgt_run;

static nerp_host    orgt_host;
static org_lexicon *orgt_lex;

ORGT_FN void *
orgt_alloc(void *arg, size_t size)
{
	orgt_run *r    = arg;
	size_t    need = (size + 15) & ~(size_t) 15;
	void     *p;

	if (r->used + need > r->cap) {
		return (NULL);
	}
	p = r->arena + r->used;
	r->used += need;
	return (p);
}

ORGT_FN void
orgt_setup(void)
{
	char err[512] = "";
	int  rv;

	memset(&orgt_host, 0, sizeof(orgt_host));
	orgt_host.size     = sizeof(orgt_host);
	orgt_host.abi      = NERP_ABI;
	orgt_host.tokenize = neri_tokenize;
	orgt_host.key      = neri_key;
	rv                 = org_lexicon_load(
	                    &orgt_lex, &orgt_host, ORGT_DATA, ORGT_COMMON, err, sizeof(err));
	cr_assert_eq(rv, 0, "lexicon: %s", err);
}

ORGT_FN void
orgt_teardown(void)
{
	org_lexicon_free(orgt_lex);
	orgt_lex = NULL;
}

/* Runs the recognizer over text; the caller frees with orgt_free. */
ORGT_FN orgt_run *
orgt_recognize(const char *text)
{
	orgt_run *r     = calloc(1, sizeof(*r));
	org_arena arena = { orgt_alloc, r };
	size_t    len   = strlen(text);
	int       rv;

	cr_assert_not_null(r);
	r->text = strdup(text);
	r->n    = neri_tokenize(text, len, NULL, 0);
	r->toks = calloc(r->n + 1, sizeof(nerp_token));
	cr_assert_eq(neri_tokenize(text, len, r->toks, r->n), r->n);
	r->keys = calloc(r->n + 1, sizeof(uint64_t));
	cr_assert_not_null(r->keys);
	neri_keys(text, r->toks, r->n, r->keys);
	r->cap   = 4096 + r->n * 512;
	r->arena = malloc(r->cap);
	cr_assert_not_null(r->arena);
	rv = org_recognize(orgt_lex, r->text, len, r->toks, r->keys, r->n,
	    &arena, &r->m, &r->nm);
	cr_assert_eq(rv, 0);
	return (r);
}

ORGT_FN void
orgt_free(orgt_run *r)
{
	free(r->text);
	free(r->toks);
	free(r->keys);
	free(r->arena);
	free(r);
}

/* The mention whose text is exactly span, or NULL. */
ORGT_FN const org_mention *
orgt_find(const orgt_run *r, const char *span)
{
	size_t k, len = strlen(span);

	for (k = 0; k < r->nm; k++) {
		if (r->m[k].end - r->m[k].start == len
		    && memcmp(r->text + r->m[k].start, span, len) == 0) {
			return (&r->m[k]);
		}
	}
	return (NULL);
}

/* Nonzero when some mention overlaps the first occurrence of word. */
ORGT_FN int
orgt_covers(const orgt_run *r, const char *word)
{
	const char *p = strstr(r->text, word);
	size_t      s, e, k;

	cr_assert_not_null(p, "'%s' is not in the text", word);
	s = (size_t) (p - r->text);
	e = s + strlen(word);
	for (k = 0; k < r->nm; k++) {
		if (r->m[k].start < e && r->m[k].end > s) {
			return (1);
		}
	}
	return (0);
}

#define orgt_assert_span(r, span)                                             \
	cr_assert_not_null(orgt_find((r), (span)), "no mention '%s'", (span))

#endif /* NERD_TESTS_ORGANIZATIONS_HELPERS_H */
