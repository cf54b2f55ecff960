/*
 * plugins/organizations/org_scan.h: token helpers shared by the scanning
 * files of the organizations plugin (org_scan.c, org_team.c, org_doc.c).
 * All are pure functions over a document's tokens; reentrant.
 */
#ifndef NERD_PLUGINS_ORGANIZATIONS_ORG_SCAN_H
#define NERD_PLUGINS_ORGANIZATIONS_ORG_SCAN_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "org.h"

/* Nonzero when token t's text is exactly word (not empty).  Inline, so
 * that the length of a literal word is known when compiled (no strlen
 * call, and no memcmp for a one-byte word). */
static inline int
org_tok_is(const char *text, const nerp_token *t, const char *word)
{
	size_t len = strlen(word);

	/* The first byte decides most tokens without a call. */
	return (t->end - t->start == len && text[t->start] == word[0]
	    && memcmp(text + t->start + 1, word + 1, len - 1) == 0);
}

/* Sorts m[0..n) by cmp (a qsort comparator of org_mention), stably:
 * equal mentions keep their order.  Linear on nearly sorted input,
 * O(n log n) otherwise.  Never allocates itself (qsort may).  Inline, so
 * that a caller's own comparator is inlined rather than called through a
 * pointer for each pair. */
static inline void
org_sort(org_mention *m, size_t n, int (*cmp)(const void *, const void *))
{
	size_t i, moves = 0, budget = 8 * n + 64;

	/* Candidates come nearly in order, so an insertion sort is about
	 * one comparison each; past its budget of moves the rest goes to
	 * qsort, which is a merge sort in glibc: stable, like this one, so
	 * the order of equal mentions is the same either way. */
	for (i = 1; i < n; i++) {
		org_mention x;
		size_t      j = i;

		if (cmp(&m[i - 1], &m[i]) <= 0) {
			continue;
		}
		x = m[i];
		while (j > 0 && cmp(&m[j - 1], &x) > 0) {
			m[j] = m[j - 1];
			j--;
			moves++;
		}
		m[j] = x;
		if (moves > budget) {
			qsort(m, n, sizeof(*m), cmp);
			return;
		}
	}
}

/* Sets m to the mention of tokens [s, e) (s < e) found by source
 * (enum org_source), of gazetteer entry entry and linked to mention link
 * (-1: none of either), with every string "" until org_resolve fills
 * it. */
static inline void
org_mention_init(org_mention *m, const nerp_token *toks, size_t s, size_t e,
    int entry, int source, int link)
{
	*m = (org_mention) {
		.start     = toks[s].start,
		.end       = toks[e - 1].end,
		.tok       = (uint32_t) s,
		.ntok      = (uint32_t) (e - s),
		.entry     = entry,
		.source    = source,
		.link      = link,
		.name      = "",
		.acronym   = "",
		.canonical = "",
		.country   = "",
	};
}

/* Nonzero when token i continues the line of token i - 1 (same line, or a
 * wrapped line of a paragraph; never across a blank line).  org_joins
 * inlines the common case, a token on the line of the one before. */
int org_joins_at(const char *text, const nerp_token *toks, size_t i);

static inline int
org_joins(const char *text, const nerp_token *toks, size_t i)
{
	if (i > 0
	    && (toks[i].flags & (NERP_TF_PARA_START | NERP_TF_LINE_START))
	        == 0) {
		return (1);
	}
	return (org_joins_at(text, toks, i));
}

/* Whether token t's kind and flags, masked by those of model token mask,
 * equal those of model token want: both read as one 32-bit value (one
 * load, one compare, no branch) the same way whatever the byte order. */
static inline int
org_kind_flags_are(
    const nerp_token *t, const nerp_token *mask, const nerp_token *want)
{
	uint32_t kf, m, w;

	memcpy(&kf, &t->kind, sizeof(kf));
	memcpy(&m, &mask->kind, sizeof(m));
	memcpy(&w, &want->kind, sizeof(w));
	return ((kf & m) == w);
}

/* Nonzero for a WORD with an uppercase first letter that is not the
 * split-off possessive. */
static inline int
org_is_cap(const nerp_token *t)
{
	static const nerp_token mask
	    = { 0, 0, 0xffffu, NERP_TF_UPPER_INITIAL | NERP_TF_POSSESSIVE };
	static const nerp_token want
	    = { 0, 0, NERP_TOK_WORD, NERP_TF_UPPER_INITIAL };

	return (org_kind_flags_are(t, &mask, &want));
}

/* Nonzero for a WORD token with an uppercase first letter. */
static inline size_t
org_upper_word(const nerp_token *t)
{
	static const nerp_token mask
	    = { 0, 0, 0xffffu, NERP_TF_UPPER_INITIAL };
	static const nerp_token want
	    = { 0, 0, NERP_TOK_WORD, NERP_TF_UPPER_INITIAL };

	return ((size_t) org_kind_flags_are(t, &mask, &want));
}

/* 1 for a token with an uppercase initial (a capitalised word, the
 * possessive "'S", or a number such as "3M"), else 0: the flag alone. */
static inline size_t
org_upper_initial(const nerp_token *t)
{
	return (t->flags & NERP_TF_UPPER_INITIAL);
}

/* org_cls_at with its common cases inline: a token of the first line
 * is answered from cls, and a token other than a word or an "&" (in no
 * list) is 0, without a call. */
static inline uint16_t
org_cls(const org_lexicon *lex, const char *text, const nerp_token *toks,
    const uint64_t *keys, size_t n, const uint16_t *cls, size_t i)
{
	if (i < ORG_FIRST_LINE_TOKENS) {
		return (cls[i]);
	}
	if (toks[i].kind != NERP_TOK_WORD
	    && (toks[i].kind != NERP_TOK_PUNCT
	        || text[toks[i].start] != '&')) {
		return (0);
	}
	return (org_cls_at(lex, text, toks, keys, n, cls, i));
}

/* Whether a token of key key may start a country's name (0: surely not,
 * or the lexicon has no countries).  Inline: most tokens cost no call. */
static inline int
org_may_start_country(const org_lexicon *lex, uint64_t key)
{
	return (lex->countries != NULL
	    && nerl_keyset_has(lex->country_starts, key));
}

/* nerl_countries_at_keyed on the lexicon's countries (0 when it has none),
 * after org_may_start_country. */
static inline int
org_country_at(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t i,
    nerl_country_match *m)
{
	if (!org_may_start_country(lex, keys[i])) {
		return (0);
	}
	return (nerl_countries_at_keyed(
	    lex->countries, text, toks, keys, n, i, m));
}

/* The ISO alpha-2 code (borrowed from the lexicon) of the first country
 * name or demonym within tokens [s, e), or "" when there is none. */
const char *org_span_country(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t s,
    size_t e);

/* The last few country lookups of one document's scan, so that a token
 * the checks of one candidate ask about again (the pattern's words, its
 * country, the words before it) is matched once.  Per call, on the
 * caller's stack. */
#define ORG_MEMO_SLOTS 4

typedef struct org_memo {
	size_t             tok[ORG_MEMO_SLOTS]; /* SIZE_MAX: empty */
	int                found[ORG_MEMO_SLOTS];
	nerl_country_match m[ORG_MEMO_SLOTS];
	unsigned           next; /* the slot to fill next */
} org_memo;

static inline void
org_memo_init(org_memo *memo)
{
	unsigned k;

	for (k = 0; k < ORG_MEMO_SLOTS; k++) {
		memo->tok[k] = SIZE_MAX;
	}
	memo->next = 0;
}

/* org_country_at remembering its answers in memo. */
static inline int
org_country_memo(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t i,
    nerl_country_match *m, org_memo *memo)
{
	unsigned k;
	int      found;

	if (!org_may_start_country(lex, keys[i])) {
		return (0);
	}
	for (k = 0; k < ORG_MEMO_SLOTS; k++) {
		if (memo->tok[k] == i) {
			if (memo->found[k]) {
				*m = memo->m[k];
			}
			return (memo->found[k]);
		}
	}
	found = nerl_countries_at_keyed(
	    lex->countries, text, toks, keys, n, i, m);
	k              = memo->next;
	memo->next     = (k + 1) % ORG_MEMO_SLOTS;
	memo->tok[k]   = i;
	memo->found[k] = found;
	if (found) {
		memo->m[k] = *m;
	}
	return (found);
}

/* What the first line of a document (its tokens before the first line
 * break, at most ORG_FIRST_LINE_TOKENS, whose classes org_classify set)
 * says it is: ORG_LINE_SPORT when it names a team sport ("SOCCER - ..."),
 * ORG_LINE_DIGEST when it calls it a press digest ("PRESS DIGEST -
 * Tunisia - Aug 31"), ORed; 0 for neither (or no tokens). */
enum org_line_kind {
	ORG_LINE_SPORT  = 1u << 0,
	ORG_LINE_DIGEST = 1u << 1,
};
unsigned org_first_line(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls);

/* Team names in sports results and tables ("Barnsley 3 3 0 0 8 2 9",
 * "Leicestershire beat Somerset") as candidates into cand (cap of them);
 * returns how many were written. */
size_t org_team_candidates(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, const uint32_t *caps, size_t ncaps, org_mention *cand,
    size_t cap);

/* Newspapers heading their stories in a press digest ("KOMPAS" on a line
 * of its own under "PRESS DIGEST - Indonesia") as candidates into cand
 * (cap of them); returns how many were written. */
size_t org_digest_candidates(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, org_mention *cand, size_t cap);

/* Whether a club's name at tokens [s, e) of a sports report stands for
 * the club: not a venue ("at Leeds"), a town ("Espanyol of Barcelona",
 * "New York"), a person ("G. Hamilton"), a dateline or a heading. */
int org_team_context(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, size_t s, size_t e);

#endif /* NERD_PLUGINS_ORGANIZATIONS_ORG_SCAN_H */
