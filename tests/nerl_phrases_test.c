#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "nerl.h"

static const nerp_host host = {
	.size     = sizeof(nerp_host),
	.abi      = NERP_ABI,
	.tokenize = neri_tokenize,
	.key      = neri_key,
};

typedef struct doc {
	const char* text;
	nerp_token  toks[256];
	size_t      n;
} doc;

static void
doc_init(doc* d, const char* text)
{
	d->text = text;
	d->n    = neri_tokenize(text, strlen(text), d->toks, 256);
	cr_assert_leq(d->n, 256);
}

/* The index of the token that starts with word (first occurrence). */
static size_t
tok_of(const doc* d, const char* word)
{
	size_t wl = strlen(word);

	for (size_t i = 0; i < d->n; i++) {
		const nerp_token* t = &d->toks[i];
		if (t->end - t->start == wl
		    && memcmp(d->text + t->start, word, wl) == 0) {
			return (i);
		}
	}
	cr_assert_fail("no token %s", word);
	return (0);
}

static nerl_phrases*
make(unsigned flags, const char* const* phrases)
{
	nerl_phrases* p = NULL;

	cr_assert_eq(nerl_phrases_alloc(&p, &host, flags), 0);
	for (int k = 0; phrases[k] != NULL; k++) {
		cr_assert_eq(
		    nerl_phrases_add(p, phrases[k], k), 0, "%s", phrases[k]);
	}
	return (p);
}

Test(nerl_phrases, alloc_refuses_a_host_without_tokenize)
{
	nerp_host     bare = { .size = sizeof(nerp_host), .abi = NERP_ABI };
	nerl_phrases* p    = (nerl_phrases*) &bare;

	cr_assert_eq(nerl_phrases_alloc(&p, &bare, 0), NERP_EINVAL);
	cr_assert_null(p);
}

Test(nerl_phrases, alloc_refuses_a_host_without_keys)
{
	nerp_host     old = host;
	nerl_phrases* p   = NULL;

	old.key = NULL;
	cr_assert_eq(nerl_phrases_alloc(&p, &old, 0), NERP_EINVAL);
	cr_assert_null(p);
	old.key  = host.key;
	old.size = offsetof(nerp_host, key);
	cr_assert_eq(nerl_phrases_alloc(&p, &old, 0), NERP_EINVAL);
	cr_assert_null(p);
}

Test(nerl_phrases, add_refuses_empty_phrases)
{
	nerl_phrases* p = NULL;

	cr_assert_eq(nerl_phrases_alloc(&p, &host, 0), 0);
	cr_assert_eq(nerl_phrases_add(p, "", 1), NERP_EINVAL);
	cr_assert_eq(nerl_phrases_add(p, "   \t ", 1), NERP_EINVAL);
	nerl_phrases_free(p);
}

Test(nerl_phrases, matches_are_returned_longest_first)
{
	static const char* const list[] = { "Foreign", "Foreign Ministry",
		"Foreign Ministry of Russia", "Ministry", NULL };
	nerl_phrases*            p      = make(0, list);
	doc                      d;
	nerl_match               m[8];
	size_t                   k;

	doc_init(&d, "The Foreign Ministry of Russia said.");
	k = nerl_phrases_at(
	    p, d.text, d.toks, d.n, tok_of(&d, "Foreign"), m, 8);
	cr_assert_eq(k, 3);
	cr_assert_eq(m[0].ntok, 4);
	cr_assert_eq(m[0].value, 2);
	cr_assert_eq(m[1].ntok, 2);
	cr_assert_eq(m[1].value, 1);
	cr_assert_eq(m[2].ntok, 1);
	cr_assert_eq(m[2].value, 0);
	nerl_phrases_free(p);
}

Test(nerl_phrases, prefixes_added_after_longer_phrases_and_growth_match)
{
	nerl_phrases* p = NULL;
	char          buf[64];
	doc           d;
	nerl_match    m[4];

	/* the long phrases first, then enough others to grow the tables,
	 * then their prefixes: the walk sees values and edges added to
	 * nodes made long before */
	cr_assert_eq(nerl_phrases_alloc(&p, &host, 0), 0);
	cr_assert_eq(nerl_phrases_add(p, "Bank of Ruritania", 1), 0);
	for (int k = 0; k < 500; k++) {
		snprintf(buf, sizeof(buf), "Office%d of Things", k);
		cr_assert_eq(nerl_phrases_add(p, buf, 100 + k), 0);
	}
	cr_assert_eq(nerl_phrases_add(p, "Bank", 2), 0);
	cr_assert_eq(nerl_phrases_add(p, "Bank of Ruritania Holdings", 3), 0);
	cr_assert_eq(nerl_phrases_add(p, "Office7", 4), 0);
	doc_init(&d, "Bank of Ruritania Holdings and Office7 of Things");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 4), 3);
	cr_assert_eq(m[0].value, 3);
	cr_assert_eq(m[0].ntok, 4);
	cr_assert_eq(m[1].value, 1);
	cr_assert_eq(m[1].ntok, 3);
	cr_assert_eq(m[2].value, 2);
	cr_assert_eq(m[2].ntok, 1);
	cr_assert_eq(nerl_phrases_at(
	                 p, d.text, d.toks, d.n, tok_of(&d, "Office7"), m, 4),
	    2);
	cr_assert_eq(m[0].value, 107);
	cr_assert_eq(m[1].value, 4);
	nerl_phrases_free(p);
}

Test(nerl_phrases, cap_limits_what_is_written)
{
	static const char* const list[]
	    = { "Foreign", "Foreign Ministry", NULL };
	nerl_phrases* p = make(0, list);
	doc           d;
	nerl_match    m[2] = { { 0, -1 }, { 0, -1 } };

	doc_init(&d, "Foreign Ministry");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 1), 1);
	cr_assert_eq(m[0].ntok, 2);
	cr_assert_eq(m[1].value, -1);
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 0), 0);
	nerl_phrases_free(p);
}

Test(nerl_phrases, same_phrase_twice_keeps_both_values_in_order)
{
	nerl_phrases* p = NULL;
	doc           d;
	nerl_match    m[4];

	cr_assert_eq(nerl_phrases_alloc(&p, &host, 0), 0);
	cr_assert_eq(nerl_phrases_add(p, "Georgia", 7), 0);
	cr_assert_eq(nerl_phrases_add(p, "Georgia", 9), 0);
	doc_init(&d, "in Georgia today");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 1, m, 4), 2);
	cr_assert_eq(m[0].value, 7);
	cr_assert_eq(m[1].value, 9);
	cr_assert_eq(m[0].ntok, 1);
	nerl_phrases_free(p);
}

Test(nerl_phrases, case_sensitive_by_default)
{
	static const char* const list[] = { "Turkey", NULL };
	nerl_phrases*            p      = make(0, list);
	doc                      d;
	nerl_match               m[2];

	doc_init(&d, "turkey Turkey TURKEY");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 2), 0);
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 1, m, 2), 1);
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 2, m, 2), 0);
	nerl_phrases_free(p);
}

Test(nerl_phrases, case_sensitive_compares_every_byte_of_short_and_long_words)
{
	/* A case difference at any one position of a word of 1 to 12
	 * letters is a different word (the comparison reads short words in
	 * overlapping pieces and long ones whole). */
	for (size_t len = 1; len <= 12; len++) {
		char          word[16], text[64];
		const char   *list[2] = { word, NULL };
		nerl_phrases *p;
		doc           d;
		nerl_match    m[2];

		for (size_t k = 0; k < len; k++) {
			word[k] = (char) ('a' + k);
		}
		word[len] = '\0';
		p         = make(0, list);
		for (size_t pos = 0; pos < len; pos++) {
			memcpy(text, word, len + 1);
			text[pos] = (char) (text[pos] - 'a' + 'A');
			doc_init(&d, text);
			cr_assert_eq(nerl_phrases_at(
			                 p, d.text, d.toks, d.n, 0, m, 2),
			    0, "%s", text);
		}
		doc_init(&d, word);
		cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 2),
		    1, "%s", word);
		nerl_phrases_free(p);
	}
}

/* A key function under which every text collides. */
static uint64_t
same_key(const char* text, size_t len)
{
	(void) text;
	(void) len;
	return (0x0123456789ABCDEFu);
}

Test(nerl_phrases, case_sensitive_stays_exact_when_all_keys_collide)
{
	/* Edges keep only the low half of their hash beside the token's
	 * text: with one key for every text, a token after "p3" must still
	 * match only the edge from "p3", never the same text from another
	 * parent ("q7" after "p7"), before and after the table grows. */
	nerp_host     degenerate = host;
	nerl_phrases* p          = NULL;
	char          phrase[32];
	uint64_t      keys[8];
	doc           d;
	nerl_match    m[2];

	degenerate.key = same_key;
	cr_assert_eq(nerl_phrases_alloc(&p, &degenerate, 0), 0);
	for (int k = 0; k < 40; k++) {
		snprintf(phrase, sizeof(phrase), "p%d q%d", k, k);
		cr_assert_eq(nerl_phrases_add(p, phrase, k), 0);
	}
	doc_init(&d, "p3 q7 p7 q7 p7 q3 q3 p3");
	for (size_t i = 0; i < d.n; i++) {
		keys[i] = same_key(NULL, 0);
	}
	for (int keyed = 0; keyed < 2; keyed++) {
		const uint64_t* ks = keyed ? keys : NULL;

		cr_assert_eq(nerl_phrases_at_keyed(
		                 p, d.text, d.toks, ks, d.n, 0, m, 2),
		    0);
		cr_assert_eq(nerl_phrases_at_keyed(
		                 p, d.text, d.toks, ks, d.n, 2, m, 2),
		    1);
		cr_assert_eq(m[0].value, 7);
		cr_assert_eq(m[0].ntok, 2);
		cr_assert_eq(nerl_phrases_at_keyed(
		                 p, d.text, d.toks, ks, d.n, 4, m, 2),
		    0);
		cr_assert_eq(nerl_phrases_at_keyed(
		                 p, d.text, d.toks, ks, d.n, 6, m, 2),
		    0);
		cr_assert_eq(nerl_phrases_at_keyed(
		                 p, d.text, d.toks, ks, d.n, 7, m, 2),
		    0);
	}
	nerl_phrases_free(p);
}

Test(nerl_phrases, case_fold_ignores_case_and_diacritics)
{
	static const char* const list[] = { "Recep Tayyip Erdo\xC4\x9F"
		                            "an",
		"foreign ministry", NULL };
	nerl_phrases*            p      = make(NERL_CASE_FOLD, list);
	doc                      d;
	nerl_match               m[2];

	doc_init(&d, "RECEP TAYYIP ERDOGAN met the Foreign Ministry.");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 2), 1);
	cr_assert_eq(m[0].ntok, 3);
	cr_assert_eq(m[0].value, 0);
	cr_assert_eq(nerl_phrases_at(
	                 p, d.text, d.toks, d.n, tok_of(&d, "Foreign"), m, 2),
	    1);
	cr_assert_eq(m[0].value, 1);
	nerl_phrases_free(p);
}

Test(nerl_phrases, case_fold_treats_curly_and_straight_apostrophes_alike)
{
	static const char* const list[] = { "O'Neill", NULL };
	nerl_phrases*            p      = make(NERL_CASE_FOLD, list);
	doc                      d;
	nerl_match               m[2];

	doc_init(&d, "Mr O\xE2\x80\x99Neill said");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 1, m, 2), 1);
	nerl_phrases_free(p);
}

Test(nerl_phrases, phrases_split_as_documents_do)
{
	static const char* const list[]
	    = { "U.S.", "Russia", "U.S. Senate", NULL };
	nerl_phrases* p = make(0, list);
	doc           d;
	nerl_match    m[4];

	doc_init(&d, "Russia\xE2\x80\x99s envoy told the U.S. Senate.");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 4), 1);
	cr_assert_eq(m[0].value, 1);
	cr_assert_eq(m[0].ntok, 1);
	cr_assert_eq(
	    nerl_phrases_at(p, d.text, d.toks, d.n, tok_of(&d, "U.S."), m, 4),
	    2);
	cr_assert_eq(m[0].value, 2);
	cr_assert_eq(m[0].ntok, 2);
	cr_assert_eq(m[1].value, 0);
	nerl_phrases_free(p);
}

Test(nerl_phrases, no_match_at_partial_phrases_or_past_the_end)
{
	static const char* const list[] = { "South Africa", NULL };
	nerl_phrases*            p      = make(0, list);
	doc                      d;
	nerl_match               m[2];

	doc_init(&d, "South of here, South");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 2), 0);
	cr_assert_eq(
	    nerl_phrases_at(p, d.text, d.toks, d.n, d.n - 1, m, 2), 0);
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, d.n, m, 2), 0);
	nerl_phrases_free(p);
}

Test(nerl_phrases, phrases_stop_at_a_new_paragraph)
{
	static const char* const list[]
	    = { "Security", "Security Council", NULL };
	nerl_phrases* p = make(0, list);
	doc           d;
	nerl_match    m[2];

	doc_init(&d, "Security\n\nCouncil members");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 2), 1);
	cr_assert_eq(m[0].ntok, 1);
	doc_init(&d, "Security\nCouncil members");
	cr_assert_eq(nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 2), 2);
	cr_assert_eq(m[0].ntok, 2);
	nerl_phrases_free(p);
}

Test(nerl_phrases, empty_matcher_matches_nothing)
{
	nerl_phrases* p = NULL;
	doc           d;
	nerl_match    m[2];

	cr_assert_eq(nerl_phrases_alloc(&p, &host, NERL_CASE_FOLD), 0);
	doc_init(&d, "anything at all");
	for (size_t i = 0; i < d.n; i++) {
		cr_assert_eq(
		    nerl_phrases_at(p, d.text, d.toks, d.n, i, m, 2), 0);
	}
	nerl_phrases_free(p);
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double) ts.tv_sec * 1e9 + (double) ts.tv_nsec);
}

/* Tens of thousands of phrases sharing prefixes all stay findable; the
 * figures printed are for the report, not asserted. */
Test(nerl_phrases, holds_tens_of_thousands_of_phrases)
{
	enum { N = 30000 };
	nerl_phrases* p = NULL;
	char          buf[64];
	doc           d;
	nerl_match    m[4];
	double        t0, t1;
	size_t        hits   = 0;
	const int     rounds = 200000;

	cr_assert_eq(nerl_phrases_alloc(&p, &host, NERL_CASE_FOLD), 0);
	t0 = now_ns();
	for (int k = 0; k < N; k++) {
		snprintf(buf, sizeof(buf), "Ministry of Thing%d Affairs", k);
		cr_assert_eq(nerl_phrases_add(p, buf, k), 0);
	}
	t1 = now_ns();
	for (int k = 0; k < N; k += 997) {
		snprintf(
		    buf, sizeof(buf), "the ministry of thing%d affairs", k);
		doc_init(&d, buf);
		cr_assert_eq(
		    nerl_phrases_at(p, d.text, d.toks, d.n, 1, m, 4), 1);
		cr_assert_eq(m[0].value, k);
		cr_assert_eq(m[0].ntok, 4);
	}
	printf(
	    "nerl_phrases: %d phrases added in %.1f ms\n", N, (t1 - t0) / 1e6);

	doc_init(&d,
	    "The minister said on Tuesday that talks would resume "
	    "in the capital next week, officials added.");
	t0 = now_ns();
	for (int r = 0; r < rounds; r++) {
		hits += nerl_phrases_at(
		    p, d.text, d.toks, d.n, (size_t) r % d.n, m, 4);
	}
	t1 = now_ns();
	cr_assert_eq(hits, 0);
	printf("nerl_phrases: miss %.1f ns/call (case fold)\n",
	    (t1 - t0) / rounds);

	doc_init(&d, "Ministry of Thing12345 Affairs");
	t0 = now_ns();
	for (int r = 0; r < rounds; r++) {
		hits += nerl_phrases_at(p, d.text, d.toks, d.n, 0, m, 4);
	}
	t1 = now_ns();
	cr_assert_eq(hits, (size_t) rounds);
	printf("nerl_phrases: 4-token hit %.1f ns/call (case fold)\n",
	    (t1 - t0) / rounds);
	nerl_phrases_free(p);
}

Test(nerl_phrases, case_sensitive_miss_figure)
{
	static const char* const list[]
	    = { "Foreign Ministry", "Kremlin", "Security Council", NULL };
	nerl_phrases* p = make(0, list);
	doc           d;
	nerl_match    m[4];
	size_t        hits   = 0;
	const int     rounds = 200000;
	double        t0, t1;

	doc_init(&d,
	    "The minister said on Tuesday that talks would resume "
	    "in the capital next week, officials added.");
	t0 = now_ns();
	for (int r = 0; r < rounds; r++) {
		hits += nerl_phrases_at(
		    p, d.text, d.toks, d.n, (size_t) r % d.n, m, 4);
	}
	t1 = now_ns();
	cr_assert_eq(hits, 0);
	printf("nerl_phrases: miss %.1f ns/call (case-sensitive)\n",
	    (t1 - t0) / rounds);
	nerl_phrases_free(p);
}

typedef struct shared_scan {
	const nerl_phrases* p;
	const doc*          d;
	size_t              hits;
} shared_scan;

static void*
scan_thread(void* arg)
{
	shared_scan* s = arg;
	nerl_match   m[4];

	for (int r = 0; r < 2000; r++) {
		for (size_t i = 0; i < s->d->n; i++) {
			s->hits += nerl_phrases_at(
			    s->p, s->d->text, s->d->toks, s->d->n, i, m, 4);
		}
	}
	return (NULL);
}

Test(nerl_phrases, one_matcher_serves_many_threads_at_once)
{
	static const char* const list[]
	    = { "Security Council", "Council", "General Assembly",
		      "Erdo\xC4\x9F"
		      "an",
		      NULL };
	nerl_phrases* p = make(NERL_CASE_FOLD, list);
	doc           d;
	pthread_t     th[4];
	shared_scan   s[4];

	doc_init(&d,
	    "The security council and the General Assembly heard "
	    "Erdogan and the COUNCIL.");
	for (int k = 0; k < 4; k++) {
		s[k] = (shared_scan) { .p = p, .d = &d, .hits = 0 };
		cr_assert_eq(
		    pthread_create(&th[k], NULL, scan_thread, &s[k]), 0);
	}
	for (int k = 0; k < 4; k++) {
		cr_assert_eq(pthread_join(th[k], NULL), 0);
		/* Per pass: Security Council (2 matches), General Assembly,
		 * Erdogan, COUNCIL. */
		cr_assert_eq(s[k].hits, 2000 * 5, "thread %d", k);
	}
	nerl_phrases_free(p);
}
