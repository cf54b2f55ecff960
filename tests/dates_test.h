/*
 * tests/dates_test.h: helpers shared by the dates plugin's test suites.
 * Loads the plugin's lexicon and grammar from the source tree, tokenises a
 * sentence with the core tokenizer and runs dates_scan() on it.
 */
#ifndef NERD_TESTS_DATES_TEST_H
#define NERD_TESTS_DATES_TEST_H

#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "dates.h"
#include "neri.h"

#define DATES_TEST_DATA NERD_TEST_SOURCE_DIR "/plugins/dates/data"
#define DATES_TEST_MAX 64

/* The matches of one sentence; owned by the test. */
typedef struct dates_result {
	const char *text;
	dates_match m[DATES_TEST_MAX];
	size_t      n;
} dates_result;

static dates_lexicon *dates_test_lex;

static inline void
dates_test_setup(void)
{
	char err[256] = "";

	cr_assert_eq(dates_lexicon_load(&dates_test_lex, DATES_TEST_DATA,
	                 neri_key, err, sizeof(err)),
	    0, "%s", err);
}

static inline void
dates_test_teardown(void)
{
	dates_lexicon_free(dates_test_lex);
	dates_test_lex = NULL;
}

/* Scans text with document date dct ("YYYY-MM-DD") into *r. */
static inline void
dates_run(const char *text, const char *dct, dates_result *r)
{
	size_t      len  = strlen(text);
	size_t      ntok = neri_tokenize(text, len, NULL, 0);
	nerp_token *toks = calloc(ntok + 1, sizeof(*toks));
	uint64_t   *keys = calloc(ntok + 1, sizeof(*keys));
	void       *work = malloc((ntok + 1) * dates_tok_size());
	dates_ymd   d;

	cr_assert_not_null(toks);
	cr_assert_not_null(keys);
	cr_assert_not_null(work);
	cr_assert_eq(dates_parse_ymd(dct, &d), 0);
	neri_tokenize(text, len, toks, ntok);
	neri_keys(text, toks, ntok, keys);
	dates_work_clear(work, ntok);
	r->text = text;
	r->n = dates_scan(dates_test_lex, text, len, toks, keys, ntok, d, work,
	    r->m, DATES_TEST_MAX);
	free(toks);
	free(keys);
	free(work);
}

/* The match whose span is exactly span, or NULL. */
static inline const dates_match *
dates_find(const dates_result *r, const char *span)
{
	size_t n = strlen(span);

	for (size_t k = 0; k < r->n; k++) {
		const dates_match *m = &r->m[k];

		if (m->end - m->start == n
		    && memcmp(r->text + m->start, span, n) == 0) {
			return (m);
		}
	}
	return (NULL);
}

/* Asserts text (dated dct) has a date spanning exactly span with value. */
static inline const dates_match *
dates_expect(
    const char *text, const char *dct, const char *span, const char *value)
{
	static dates_result r;
	const dates_match  *m;

	dates_run(text, dct, &r);
	m = dates_find(&r, span);
	cr_assert_not_null(m, "no date \"%s\" in \"%s\" (%zu found%s%.*s)",
	    span, text, r.n, r.n > 0 ? ", first: " : "",
	    r.n > 0 ? (int) (r.m[0].end - r.m[0].start) : 0,
	    r.n > 0 ? text + r.m[0].start : "");
	cr_assert_str_eq(m->value, value, "\"%s\" in \"%s\"", span, text);
	return (m);
}

/* Asserts text has no date at all. */
static inline void
dates_expect_none(const char *text, const char *dct)
{
	dates_result r;

	dates_run(text, dct, &r);
	cr_assert_eq(r.n, 0, "\"%s\": unexpected date \"%.*s\" (%s)", text,
	    r.n > 0 ? (int) (r.m[0].end - r.m[0].start) : 0,
	    r.n > 0 ? text + r.m[0].start : "", r.n > 0 ? r.m[0].value : "");
}

#endif /* NERD_TESTS_DATES_TEST_H */
