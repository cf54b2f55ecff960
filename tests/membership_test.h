/*
 * tests/membership_test.h: helpers shared by the membership suites: the
 * bundled lexicon, a bump arena, hand-made upstream entities and triple
 * lookups.  Header-only (static functions) so each suite stays one file.
 */
#ifndef NERD_TESTS_MEMBERSHIP_TEST_H
#define NERD_TESTS_MEMBERSHIP_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "mb.h"

#define MT_DATA NERD_TEST_SOURCE_DIR "/plugins/membership/data"
#define MT_COMMON NERD_TEST_SOURCE_DIR "/plugins/common/data"

static const nerp_host mt_host = {
	.size     = sizeof(nerp_host),
	.abi      = NERP_ABI,
	.tokenize = neri_tokenize,
	.key      = neri_key,
};

static mb_lexicon *mt_lex;

static inline void
mt_load(void)
{
	char err[256] = "";

	cr_assert_eq(mb_lexicon_load(&mt_lex, &mt_host, MT_DATA, MT_COMMON,
	                 err, sizeof(err)),
	    0, "%s", err);
}

static inline void
mt_unload(void)
{
	mb_lexicon_free(mt_lex);
	mt_lex = NULL;
}

/* A bump arena over one static block, reset by every mt_run. */
static unsigned char mt_block[1 << 22];
static size_t        mt_used;

static inline void *
mt_alloc(void *ctx, size_t size)
{
	size_t off = (mt_used + 15) & ~(size_t) 15;

	(void) ctx;
	if (off + size > sizeof(mt_block)) {
		return (NULL);
	}
	mt_used = off + size;
	return (mt_block + off);
}

static const mb_arena mt_arena = { mt_alloc, NULL };

/* The document date mt_run passes (NULL: none). */
static const char *mt_dct;

/* Upstream entities under construction. */
#define MT_MAX_ENT 32
typedef struct mt_up {
	nerp_entity orgs[MT_MAX_ENT], officials[MT_MAX_ENT], dates[MT_MAX_ENT];
	nerp_attr   attrs[3 * MT_MAX_ENT][3];
	size_t      norgs, nofficials, ndates, nattrs;
} mt_up;

/* The span of the nth (0-based) occurrence of word in text. */
static inline void
mt_span(const char *text, const char *word, int nth, nerp_entity *e)
{
	const char *p = text;

	for (;;) {
		p = strstr(p, word);
		cr_assert_not_null(p, "\"%s\" not in the text", word);
		if (nth-- == 0) {
			break;
		}
		p++;
	}
	e->start = (uint32_t) (p - text);
	e->end   = e->start + (uint32_t) strlen(word);
	e->score = -1.0f;
}

/* An upstream organisation; canonical may be NULL. */
static inline void
mt_org(mt_up *u, const char *text, const char *word, const char *canonical)
{
	nerp_entity *e = &u->orgs[u->norgs++];
	nerp_attr   *a = u->attrs[u->nattrs++];

	memset(e, 0, sizeof(*e));
	mt_span(text, word, 0, e);
	e->kind    = "organization";
	a[0]       = (nerp_attr) { "name", word };
	a[1]       = (nerp_attr) { "canonical", canonical ? canonical : word };
	e->attrs   = a;
	e->n_attrs = 2;
}

/* An upstream official of country iso2. */
static inline void
mt_official(mt_up *u, const char *text, const char *name, const char *iso2)
{
	nerp_entity *e = &u->officials[u->nofficials++];
	nerp_attr   *a = u->attrs[u->nattrs++];

	memset(e, 0, sizeof(*e));
	mt_span(text, name, 0, e);
	e->kind    = "official";
	a[0]       = (nerp_attr) { "name", name };
	a[1]       = (nerp_attr) { "role", "President" };
	a[2]       = (nerp_attr) { "country", iso2 };
	e->attrs   = a;
	e->n_attrs = 3;
}

/* An upstream date with its value. */
static inline void
mt_date(mt_up *u, const char *text, const char *words, const char *value)
{
	nerp_entity *e = &u->dates[u->ndates++];

	memset(e, 0, sizeof(*e));
	mt_span(text, words, 0, e);
	e->kind  = "date";
	e->value = value;
}

typedef struct mt_result {
	mb_triple *t;
	size_t     n;
} mt_result;

/* Runs the recognizer over text with the upstream u (NULL: none). */
static inline mt_result
mt_run(const char *text, const mt_up *u)
{
	static nerp_token toks[4096];
	static uint64_t   keys[4096];
	mb_upstream       up = { 0 };
	mt_result         r  = { 0 };
	size_t            n  = neri_tokenize(text, strlen(text), toks, 4096);

	cr_assert_lt(n, 4096);
	neri_keys(text, toks, n, keys);
	if (u != NULL) {
		up.orgs       = u->orgs;
		up.norgs      = u->norgs;
		up.officials  = u->officials;
		up.nofficials = u->nofficials;
		up.dates      = u->dates;
		up.ndates     = u->ndates;
	}
	mt_used = 0;
	cr_assert_eq(mb_analyze(mt_lex, text, strlen(text), toks, keys, n, &up,
	                 mt_dct, &mt_arena, &r.t, &r.n),
	    0);
	return (r);
}

/* The triple (member, org, status) of r, or NULL. */
static inline const mb_triple *
mt_find(mt_result r, const char *member, const char *org, const char *status)
{
	for (size_t i = 0; i < r.n; i++) {
		if (strcmp(r.t[i].member, member) == 0
		    && strcmp(r.t[i].org, org) == 0
		    && strcmp(mb_status_name(r.t[i].status), status) == 0) {
			return (&r.t[i]);
		}
	}
	return (NULL);
}

/* Asserts r holds exactly the triples listed as "AA/ORG/status" strings. */
static inline void
mt_expect(mt_result r, const char *const *want, size_t nwant, const char *text)
{
	for (size_t i = 0; i < nwant; i++) {
		char m[64], o[64], s[64];

		cr_assert_eq(
		    sscanf(want[i], "%63[^/]/%63[^/]/%63s", m, o, s), 3);
		cr_expect_not_null(
		    mt_find(r, m, o, s), "missing %s in: %s", want[i], text);
	}
	for (size_t i = 0; i < r.n; i++) {
		cr_expect(r.n == nwant,
		    "extra or missing: got %s/%s/%s (%zu "
		    "triples, want %zu) in: %s",
		    r.t[i].member, r.t[i].org, mb_status_name(r.t[i].status),
		    r.n, nwant, text);
	}
	cr_expect_eq(
	    r.n, nwant, "got %zu triples, want %zu in: %s", r.n, nwant, text);
}

#define MT_EXPECT(text, up, ...)                                              \
	do {                                                                  \
		static const char *const mt_w_[] = { __VA_ARGS__ };           \
		mt_expect(mt_run((text), (up)), mt_w_,                        \
		    sizeof(mt_w_) / sizeof(mt_w_[0]), (text));                \
	} while (0)

#define MT_NOTHING(text, up)                                                  \
	do {                                                                  \
		mt_result mt_r_ = mt_run((text), (up));                       \
		cr_expect_eq(mt_r_.n, 0,                                      \
		    "%zu triples (first %s/%s/%s) in: %s", mt_r_.n,           \
		    mt_r_.n ? mt_r_.t[0].member : "",                         \
		    mt_r_.n ? mt_r_.t[0].org : "",                            \
		    mt_r_.n ? mb_status_name(mt_r_.t[0].status) : "",         \
		    (text));                                                  \
	} while (0)

#endif /* NERD_TESTS_MEMBERSHIP_TEST_H */
