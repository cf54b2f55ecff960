/*
 * plugins/membership/mb.h: the membership recognizer's internals (prefix
 * mb_), shared by the plugin (membership.c), its tests and its benchmark.
 *
 * The recognizer reads one document at a time:
 *   0. words.c finds the cues' distinctive words by one bit test per
 *      token (mb_heads_scan) and cues.c matches the cues around them
 *      (mb_cues_find); mentions.c then tells whether an organisation of
 *      the lexicon is named near a cue or upstream (mb_orgs_possible).
 *      A document without a cue that asserts a status, or without such
 *      an organisation, stops there: most do;
 *   1. words.c flags each token with its function-word classes (clause
 *      and scope boundaries, reporting verbs, list separators, negation
 *      and hypothetical cues) and numbers the sentences;
 *   2. mentions.c finds the organisations (upstream entities first, the
 *      plugin's own aliases where upstream has none, "the bloc" anaphors)
 *      and the members (countries, demonyms, capitals, officials'
 *      countries, pronouns and "the two countries" resolved to them);
 *   3. cues.c finds the status cues (data/cues.tsv) and fills each cue's
 *      member and organisation slots inside its clause;
 *   4. supersede.c drops repeated triples and standings a later one
 *      replaces (data/supersession.tsv).
 *
 * Threads: an mb_lexicon is built once by mb_lexicon_load and read-only
 * afterwards; mb_analyze is reentrant and keeps its per-call memory in the
 * caller's arena.
 */
#ifndef NERD_PLUGINS_MEMBERSHIP_MB_H
#define NERD_PLUGINS_MEMBERSHIP_MB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nerd/plugin.h"
#include "nerl.h"

/* ---------------------------------------------------------------- statuses */

enum mb_status {
	MB_MEMBER = 0,
	MB_FOUNDING_MEMBER,
	MB_CHAIR,
	MB_APPLICANT,
	MB_CANDIDATE,
	MB_INVITED,
	MB_PARTNER,
	MB_OBSERVER,
	MB_SUSPENDED,
	MB_WITHDRAWN,
	MB_FORMER_MEMBER,
	MB_NSTATUS,
	MB_NONE = -2 /* a cue that asserts nothing (cues.tsv status "none") */
};

/* The status's name as FORMAT.md spells it ("founding_member"). */
const char *mb_status_name(int status);

/* The status named name, or -1. */
int mb_status_parse(const char *name);

/* ---------------------------------------------------------------- arena */

/* Per-call memory.  alloc returns size bytes aligned for any type, or NULL;
 * everything is released together by the arena's owner. */
typedef struct mb_arena {
	void *(*alloc)(void *ctx, size_t size);
	void *ctx;
} mb_arena;

/* ---------------------------------------------------------- ordered arrays */

/* Sorts the n elements of size bytes at base by cmp, stably (elements
 * that compare equal keep their order), with tmp (n * size bytes, not
 * touched when base is in order already) as scratch.  Merges the runs
 * already in order two by two: an array of k runs takes about n log2 k
 * comparisons, one in order n - 1 (sort.c). */
void mb_sort_runs(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *), void *tmp);

/* The first of the n elements of size bytes at base that starts at or
 * after token p, or n: the elements are in text order by their first
 * member, their first token as a uint32_t (mb_mention, mb_org_mention
 * and mb_date are).  A binary search: what lies in a sentence or a
 * window is found without a walk from the document's start (sort.c). */
size_t mb_from_tok(const void *base, size_t n, size_t size, size_t p);

/* ---------------------------------------------------------------- text */

/* One document's tokens with their keys (host->token_keys). */
typedef struct mb_text {
	const char       *text;
	size_t            len;
	const nerp_token *toks;
	const uint64_t   *keys; /* per token: host->key of its text */
	size_t            n;
	const uint16_t   *starts; /* per token: enum mb_start_bits, or NULL */
} mb_text;

/* Fills t for text, its n tokens toks and their keys (all borrowed:
 * they must outlive t). */
void mb_text_init(mb_text *t, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t n);

/* The 32 bits of a key that the pattern and first-token tables index by
 * (a token's "hash" below). */
static inline uint32_t
mb_key32(uint64_t key)
{
	return ((uint32_t) key);
}

/* Nonzero when the bytes [a, b) of text are all ASCII (then so is every
 * token among them).  Eight bytes a step while they last. */
static inline int
mb_bytes_ascii(const char *text, size_t a, size_t b)
{
	uint64_t high = 0;

	for (; a + 8 <= b; a += 8) {
		uint64_t x;

		memcpy(&x, text + a, 8);
		high |= x;
	}
	for (; a < b; a++) {
		high |= (unsigned char) text[a];
	}
	return ((high & 0x8080808080808080ull) == 0);
}

/* Nonzero when token i is all ASCII bytes.  A token whose key equals an
 * ASCII literal's then folds (ASCII case) to that literal. */
static inline int
mb_tok_ascii(const mb_text *t, size_t i)
{
	uint32_t a   = t->toks[i].start;
	uint32_t len = t->toks[i].end - a;

	if (len - 1 < 8 && (size_t) a + 8 <= t->len + 1) {
		/* the text is NUL-terminated: len + 1 bytes are readable */
		uint64_t x;

		memcpy(&x, t->text + a, 8);
		return ((x & 0x8080808080808080ull & (~0ull >> (64 - 8 * len)))
		    == 0);
	}
	return (mb_bytes_ascii(t->text, a, (size_t) a + len));
}

/* Hash of a literal as written (names of organisations, case kept). */
uint32_t mb_hash_raw(const char *s, size_t len);

/* Nonzero when token i's folded text equals the literal lit (lowercase). */
int mb_tok_is(const mb_text *t, size_t i, const char *lit);

/* ---------------------------------------------------------------- patterns */

/* Token patterns: space-separated elements, each a literal token, a set of
 * alternatives "a|b|c", or a gap "*N" (0..N tokens of anything).  A
 * pattern may not start with a gap.  A leading "!" marks the element that
 * is the pattern's distinctive word (mb_patterns_heads).  Built at init,
 * read-only after. */
typedef struct mb_patterns mb_patterns;

/* Creates an empty set; case_sensitive compares the bytes as written,
 * otherwise folded (ASCII case, apostrophes).  key is host->key: the
 * alternatives are indexed by mb_key32 of their key, as tokens are.
 * Returns 0 or NERP_ENOMEM. */
int  mb_patterns_alloc(mb_patterns **out, int case_sensitive,
     uint64_t (*key)(const char *, size_t));
void mb_patterns_free(mb_patterns *p);

/* Adds pattern with value (any int the caller chooses).  Returns 0,
 * NERP_EINVAL for an empty or malformed pattern, NERP_ENOMEM. */
int mb_patterns_add(mb_patterns *p, const char *pattern, int value);

typedef struct mb_hit {
	uint32_t ntok; /* tokens covered from the start token */
	int      value;
	uint32_t gap_start; /* the first gap's tokens [gap_start, gap_end), */
	uint32_t gap_end;   /* both 0 when the pattern has no gap */
	uint32_t index;     /* the pattern's number, in order of adding */
	uint64_t gaps;      /* bit k: token start + k lies in some gap */
} mb_hit;

/* The longest pattern matching at token i and ending at or before token
 * limit (ties: the pattern added first).  Returns 1 with *hit filled, or
 * 0.  Reentrant. */
int mb_patterns_match(const mb_patterns *p, const mb_text *t, size_t i,
    size_t limit, mb_hit *hit);

/* Nonzero when token i could start a pattern (one probe by its key). */
int mb_patterns_starts(const mb_patterns *p, const mb_text *t, size_t i);

/* Calls fn(arg, hash, literal, value, single) for every alternative that
 * can start a pattern: its hash (mb_key32 of its key), its text as
 * stored, the pattern's value and whether the pattern is that one token
 * alone. */
void mb_patterns_firsts(const mb_patterns *p,
    void (*fn)(void *, uint32_t, const char *, int, int), void *arg);

/* Calls fn(arg, hash, literal) for every alternative of the most
 * distinctive literal element of every pattern (the one whose shortest
 * alternative is longest: the word a cue cannot do without); literal is
 * as stored (folded unless case-sensitive). */
void mb_patterns_heads(const mb_patterns *p,
    void (*fn)(void *, uint32_t, const char *), void *arg);

/* Calls fn(arg, hash, reach) for every alternative of every pattern's
 * distinctive element (the ones mb_patterns_heads names): reach is the
 * most tokens a match of that pattern covers before the element (a gap
 * counted at its longest), so a match holding a head at token h starts
 * at h - reach or later. */
void mb_patterns_heads_reach(
    const mb_patterns *p, void (*fn)(void *, uint32_t, size_t), void *arg);

/* Calls fn(arg, hash, literal) for every literal of every pattern. */
void mb_patterns_literals(const mb_patterns *p,
    void (*fn)(void *, uint32_t, const char *), void *arg);

/* Calls fn(arg, hash, next) for every alternative of the first element
 * of every pattern of two elements or more: next is the bloom (bit
 * hash & 63) of the second element's alternatives, all ones when it is a
 * gap.  A token after the first that is not in next ends no such match. */
void mb_patterns_seconds(
    const mb_patterns *p, void (*fn)(void *, uint32_t, uint64_t), void *arg);

/* The most tokens a match of any pattern of p can cover (a gap counted at
 * its longest): a match starting at token i ends before i + span. */
size_t mb_patterns_span(const mb_patterns *p);

/* Nonzero when the folded text of token i equals lit (as stored: folded). */
int mb_tok_equals(const mb_text *t, size_t i, const char *lit);

/* Which pattern sets a token may start (mb_lexicon_starts). */
enum mb_start_bits {
	MB_S_CUE     = 1u << 0,
	MB_S_WORD    = 1u << 1,
	MB_S_BLOCKER = 1u << 2,
	MB_S_ANAPHOR = 1u << 3,
	MB_S_ALIAS   = 1u << 4,
	MB_S_COUNTRY = 1u << 5,
	MB_S_LITERAL = 1u << 6, /* equals some literal of some pattern */
	MB_S_CUEHEAD = 1u << 7, /* the last word of some cue ("member") */
	MB_S_USED    = 1u << 8, /* the table slot is taken */
	MB_S_ANAHEAD = 1u << 9, /* the distinctive word of an anaphor */
};

/* Which stages a sentence needs (words.c): only sentences with a cue's
 * last word can assert a standing; the few before them hold what their
 * anaphors and fallbacks refer to. */
enum mb_active {
	MB_ACT_CUE  = 1u << 0, /* has a cue head: cues are scanned */
	MB_ACT_NEAR = 1u << 1, /* up to MB_NEAR_SENTENCES before one */
};

#define MB_NEAR_SENTENCES 6

/* ---------------------------------------------------------------- lexicon */

/* Function-word classes (data/words.tsv) and blocker classes
 * (data/blockers.tsv), as token flags. */
enum mb_word_class {
	MB_W_CLAUSE   = 1u << 0, /* ends a clause: ";", "but", "while" */
	MB_W_SCOPE    = 1u << 1, /* opens a new scope: ", which", ", who" */
	MB_W_REPORT   = 1u << 2, /* reporting verb: "said", "according to" */
	MB_W_SEP      = 1u << 3, /* list separator: ",", "and", "as well as" */
	MB_W_ELLIPSIS = 1u << 4, /* may follow an object-less "joined" */
	MB_W_BE       = 1u << 5, /* a form of "to be" (passives) */
	MB_W_BY       = 1u << 6, /* "by" of a passive */
	MB_W_ORGHEAD  = 1u << 7, /* "group" in "the BRICS group" */
	MB_W_ORGAN
	= 1u << 10, /* "Commission" in "AU Commission Chairperson" */
	MB_B_BEFORE = 1u << 8, /* negation/modal/future: blocks what follows */
	MB_B_SENTENCE = 1u << 9, /* refusal/speculation/guest: the sentence */
	MB_B_PAST_CHAIR = 1u << 11, /* "held", "former": a chair no longer */
};

/* Where a cue looks for its member or organisation. */
enum mb_side {
	MB_SIDE_BEFORE = 1,
	MB_SIDE_AFTER  = 2,
	MB_SIDE_EITHER = 3,
	MB_SIDE_GAP
	= 4, /* members inside the cue's gap ("invite X to join") */
};

/* When no organisation is found on the cue's side. */
enum mb_fallback {
	MB_FB_NONE      = 0, /* no triple */
	MB_FB_SENTENCE  = 1, /* the nearest organisation in the sentence */
	MB_FB_DISCOURSE = 2  /* ... else the last one mentioned before */
};

enum mb_cue_flags {
	MB_CF_OBJ       = 1u << 0, /* the organisation is the verb's object */
	MB_CF_NOINF     = 1u << 1, /* not after "to" ("wants to join") */
	MB_CF_SECONDARY = 1u
	    << 2, /* "as a member" after a cue on the same member */
	MB_CF_TITLE = 1u << 3, /* "AU Commission Chairperson" is a title */
	MB_CF_NEAR  = 1u << 4, /* the member is within a few tokens */
	MB_CF_BY    = 1u << 5, /* passive "founded ... by X" */
	MB_CF_ADJ   = 1u << 6, /* an organisation right before or "of ORG" */
};

typedef struct mb_cue {
	int      status;   /* enum mb_status */
	int      member;   /* enum mb_side */
	int      org;      /* enum mb_side */
	int      fallback; /* enum mb_fallback */
	unsigned flags;    /* enum mb_cue_flags */
} mb_cue;

/* Anaphor kinds (data/anaphors.tsv). */
enum mb_anaphor {
	MB_A_ORG      = 1, /* "the bloc", "the organization's" */
	MB_A_COUNTRY  = 2, /* "the country", "the half-island nation" */
	MB_A_POSS     = 3, /* "his country", "whose country" */
	MB_A_IT       = 4, /* "it" */
	MB_A_PLURAL   = 5, /* "the two countries", "both countries" */
	MB_A_THEY     = 6, /* "they" */
	MB_A_RELATIVE = 7, /* ", which", ", who" */
};

typedef struct mb_org {
	const char *canonical;  /* "BRICS" */
	int         can_member; /* may itself be a member (AU in the G20) */
} mb_org;

typedef struct mb_name {
	const char *name; /* canonical name or alias, as written */
	uint32_t    hash; /* mb_hash_raw of name */
	int         org;
} mb_name;

/* An entry of the first-token table lies fewer than this many slots past
 * its home slot, and an empty slot follows it within the window. */
#define MB_FIRST_WINDOW 8

/* Eight bytes, so that the table of every first token stays in the first
 * level cache; the word length of a slot is in mb_lexicon.first_len. */
typedef struct mb_first {
	uint32_t hash;
	uint16_t flags; /* enum mb_word_class of a one-token word, or 0 */
	uint16_t bits;  /* enum mb_start_bits (multi-token patterns for
	                 * MB_S_WORD and MB_S_BLOCKER); 0 = empty slot */
} mb_first;

/* A filter of 32-bit hashes (mb_key32 of keys) in 2^log bits: hash h
 * has bit h & 63 of word h >> (32 - log + 6) (the bit's index is the
 * hash itself, as a shift of 64 bits counts modulo 64).  Zero from
 * mb_bits_has when h was never set; nonzero means it may have been. */
static inline int
mb_bits_has(const uint64_t *bits, unsigned log, uint32_t h)
{
	return ((int) ((bits[h >> (32 - log + 6)] >> (h & 63)) & 1));
}

/* Sets hash h in the filter of 2^log bits (see mb_bits_has).  While
 * loading only. */
static inline void
mb_bits_set(uint64_t *bits, unsigned log, uint32_t h)
{
	bits[h >> (32 - log + 6)] |= 1ull << (h & 63);
}

/* The cue-head, cue-start and alias filters have 2^MB_CUE_BITS_LOG bits
 * (1 KiB each): small enough to stay in the first level cache while a
 * document's every token is tested, yet few tokens outside a filter's
 * words pass it (some 1%, with a hundred words). */
#define MB_CUE_BITS_LOG 13
/* The first-table filter has 2^MB_FIRST_BITS_LOG bits (8 KiB). */
#define MB_FIRST_BITS_LOG 16

typedef struct mb_lexicon {
	nerl_countries *countries;
	mb_patterns    *cue_patterns; /* value: index into cues */
	mb_cue         *cues;
	size_t          ncues;
	mb_patterns    *words;    /* value: enum mb_word_class bits */
	mb_patterns    *blockers; /* value: MB_B_* */
	mb_patterns    *anaphors; /* value: enum mb_anaphor */
	mb_patterns    *aliases;  /* case-sensitive; value: index into orgs */
	mb_org         *orgs;
	size_t          norgs;
	mb_name        *names; /* every canonical name and alias, by hash */
	size_t          nnames;
	/* name_shape[b] bit min(len, 63): some name starts with byte b and
	 * has len bytes (mb_lexicon_org's first test) */
	uint64_t name_shape[256];
	char    *pool; /* strings of orgs and names */
	/* supersedes[w] bit l: status w replaces status l for one pair */
	uint32_t supersedes[MB_NSTATUS];
	/* first tokens of every pattern set and country name: folded hash
	 * -> enum mb_start_bits; one-token function words and blockers carry
	 * their flags here too (checked against lit).  Once loaded, linear
	 * probes from hash & first_mask without wrapping find an entry
	 * or an empty slot within MB_FIRST_WINDOW
	 * (the arrays have first_mask + 1 + MB_FIRST_WINDOW slots). */
	mb_first    *first;
	const char **first_lit; /* per slot: the one-token word carrying
	                         * flags, or the cue head, or NULL */
	uint16_t *first_len;    /* per slot: bytes of the one-token word
	                         * carrying flags */
	uint64_t *first_next;   /* per slot: bloom of the second tokens of
	                         * the longer word and blocker patterns
	                         * (mb_patterns_seconds) */
	uint8_t *first_reach;   /* per slot of a cue head: the most tokens
	                         * a cue's match covers before it
	                         * (mb_patterns_heads_reach, at most 255) */
	uint32_t first_mask;
	/* the cue-head filter: its bit of the hash of every cue head is
	 * set; the first pass tests each token against it before any
	 * probe (mb_lexicon_may_head) */
	uint64_t cue_bits[(1u << MB_CUE_BITS_LOG) / 64];
	/* the alias and cue-start filters, as large: their bit of the hash
	 * of the first word of every alias, and of every cue pattern, is
	 * set (mb_lexicon_may_alias, mb_lexicon_may_cue) */
	uint64_t alias_bits[(1u << MB_CUE_BITS_LOG) / 64];
	uint64_t cue_start_bits[(1u << MB_CUE_BITS_LOG) / 64];
	/* the first-table filter: its bit of the hash of every entry of
	 * the first table is set; the word pass tests each token against
	 * it before any probe (mb_lexicon_may_start) */
	uint64_t first_bits[(1u << MB_FIRST_BITS_LOG) / 64];
	size_t   cue_span; /* mb_patterns_span of cue_patterns */
	uint64_t (*key)(const char *, size_t); /* host->key */
} mb_lexicon;

/* Loads data_dir/{cues,words,blockers,anaphors,organizations,
 * supersession}.tsv and common_dir/countries.tsv, keying every word with
 * host->key (which the host must have: NERP_EINVAL otherwise) and
 * splitting country names with host->tokenize.  Returns 0, or
 * NERP_ENOENT/NERP_EINVAL/NERP_ENOMEM with err naming the file and line. */
int  mb_lexicon_load(mb_lexicon **out, const nerp_host *host,
     const char *data_dir, const char *common_dir, char *err, size_t errlen);
void mb_lexicon_free(mb_lexicon *lex);

/* The slot of the first table that holds hash h (mb_key32 of a token's
 * key), or the empty slot where the probe for it stops: linear probes
 * from h & first_mask, without wrapping (an empty slot lies within
 * MB_FIRST_WINDOW of every home slot). */
static inline size_t
mb_lexicon_slot(const mb_lexicon *lex, uint32_t h)
{
	const mb_first *first = lex->first;
	size_t          k     = h & lex->first_mask;

	while (first[k].bits != 0 && first[k].hash != h) {
		k++;
	}
	return (k);
}

/* The entry of a token's hash (mb_key32 of its key): which pattern sets
 * (and the country gazetteer) it may start, and the flags of a one-token
 * function word (valid when the token has first_len[slot] bytes and folds
 * to that word: see mb_lexicon_exact; *lit, when lit is not NULL, is that
 * word).  One probe; NULL when none. */
static inline const mb_first *
mb_lexicon_first(const mb_lexicon *lex, uint32_t hfold, const char **lit)
{
	size_t k = mb_lexicon_slot(lex, hfold);

	if (lex->first[k].bits == 0) {
		return (NULL);
	}
	if (lit != NULL) {
		*lit = lex->first_lit[k];
	}
	return (&lex->first[k]);
}

/* Zero when no entry of the first table has hash h (mb_key32 of a
 * token's key): the token then starts nothing, carries no flags and
 * mb_lexicon_first would return NULL.  Nonzero means it may (one bit
 * test, no probe). */
static inline int
mb_lexicon_may_start(const mb_lexicon *lex, uint32_t h)
{
	return (mb_bits_has(lex->first_bits, MB_FIRST_BITS_LOG, h));
}

/* Zero when no alias of an organisation starts with a word of hash h
 * (mb_key32 of a token's key); nonzero means one may (one bit test, no
 * probe). */
static inline int
mb_lexicon_may_alias(const mb_lexicon *lex, uint32_t h)
{
	return (mb_bits_has(lex->alias_bits, MB_CUE_BITS_LOG, h));
}

/* Zero when no cue pattern starts with a word of hash h (mb_key32 of a
 * token's key); nonzero means one may (one bit test, no probe). */
static inline int
mb_lexicon_may_cue(const mb_lexicon *lex, uint32_t h)
{
	return (mb_bits_has(lex->cue_start_bits, MB_CUE_BITS_LOG, h));
}

/* Zero when no cue head has hash h (mb_key32 of a token's key); nonzero
 * means it may be one (one bit test, no probe). */
static inline int
mb_lexicon_may_head(const mb_lexicon *lex, uint32_t h)
{
	return (mb_bits_has(lex->cue_bits, MB_CUE_BITS_LOG, h));
}

/* Nonzero when token i of t, folded as patterns fold (ASCII case, curly
 * apostrophe), is lit, given that its key equals lit's key: true at once
 * for a token of ASCII bytes, else compared byte by byte (a key also
 * folds diacritics, which patterns do not). */
int mb_lexicon_exact(const mb_text *t, size_t i, const char *lit);

/* The organisation whose canonical name or alias is exactly name, or -1. */
int mb_lexicon_org(const mb_lexicon *lex, const char *name);

/* ---------------------------------------------------------------- analysis */

/* What earlier plugins found, as the host hands it over (borrowed).  When
 * fetch is set, mb_analyze calls it to fill orgs only once it knows the
 * document has a cue that asserts a status; fetch_officials, when set,
 * to fill officials only once an organisation may be named; and
 * fetch_dates, when set, to fill dates only once a cue is about to give
 * a triple (asking the host merges those kinds: work a document without
 * them does not need).  All get fetch_arg. */
typedef struct mb_upstream {
	const nerp_entity *orgs;
	size_t             norgs;
	const nerp_entity *officials;
	size_t             nofficials;
	const nerp_entity *dates;
	size_t             ndates;
	void (*fetch)(void *arg, struct mb_upstream *up);
	void (*fetch_officials)(void *arg, struct mb_upstream *up);
	void (*fetch_dates)(void *arg, struct mb_upstream *up);
	void *fetch_arg;
} mb_upstream;

/* One membership triple with its evidence. */
typedef struct mb_triple {
	const char
	    *member;     /* ISO alpha-2 or an organisation's canonical name */
	const char *org; /* canonical short name */
	int         status; /* enum mb_status */
	const char *since;  /* a date value, or NULL */
	uint32_t    start;  /* the span emitted, byte offsets (see below) */
	uint32_t    end;
	uint32_t    ev_start; /* the evidence clause, byte offsets */
	uint32_t    ev_end;
} mb_triple;

#define MB_MAX_GROUP 16 /* members one mention or list may carry */

/* A member mention: a country, an official's country, an organisation that
 * can be a member, or a resolved pronoun/anaphor (possibly a list). */
typedef struct mb_mention {
	uint32_t    tok, end; /* tokens [tok, end) */
	uint32_t    sent;
	uint16_t    kind; /* enum mb_mention_kind */
	uint16_t    n;
	int         org; /* organisation index for MB_M_ORG, else -1 */
	const char *members[MB_MAX_GROUP]; /* [0, n) set, the rest unset */
} mb_mention;

enum mb_mention_kind {
	MB_M_COUNTRY  = 1,
	MB_M_OFFICIAL = 2,
	MB_M_ORG      = 3,
	MB_M_ANAPHOR  = 4,
};

/* An organisation mention; org = -1 for an organisation that is not a
 * multilateral one of the lexicon (a ministry, an agency). */
typedef struct mb_org_mention {
	uint32_t tok, end;
	uint32_t sent;
	int      org;
	int      anaphor; /* "the bloc" */
	int      alt_org; /* an anaphor's runner-up: the organisation named
	                   * before org, or -1 */
	int possessive;   /* followed by 's */
} mb_org_mention;

typedef struct mb_date {
	uint32_t    tok, end;
	const char *value;
} mb_date;

/* An anaphor found by the anaphors patterns (resolved by mentions.c). */
typedef struct mb_anaphor_hit {
	uint32_t tok, end;
	int      kind; /* enum mb_anaphor */
} mb_anaphor_hit;

/* Lists of the tokens, in the sentences with or near a cue, that later
 * stages try (words.c fills them): their loops visit these, not every
 * token. */
enum mb_cand {
	MB_C_ANAPHOR = 0, /* MB_S_ANAPHOR */
	MB_C_ALIAS,       /* MB_S_ALIAS, capitalised or with a digit */
	MB_C_COUNTRY,     /* MB_S_COUNTRY */
	MB_C_WORD,        /* MB_S_WORD or MB_S_BLOCKER */
	MB_NCAND
};

/* A cue pattern matched at token tok. */
typedef struct mb_cue_hit {
	uint32_t tok;
	mb_hit   hit;
} mb_cue_hit;

/* An upstream organisation's tokens [tok, end) and lexicon organisation
 * (or -1); ok 0 when its span covers no token. */
typedef struct mb_up_org {
	uint32_t tok, end;
	int      org;
	int      ok;
} mb_up_org;

/* The per-document state every stage reads (built by mb_analyze). */
typedef struct mb_doc {
	const mb_lexicon *lex;
	mb_text           t;
	uint16_t         *flags; /* per token: mb_word_class bits (see
	                          * mb_word_flags) */
	uint16_t *starts;        /* per token: mb_start_bits */
	uint8_t  *active;        /* per sentence: enum mb_active */
	uint32_t *sent;          /* per token: sentence number */
	uint32_t *sstart;        /* per sentence: first token; [nsent] = n */
	uint32_t  nsent;
	size_t    nalias;         /* tokens with MB_S_ALIAS */
	size_t    nana;           /* tokens with MB_S_ANAPHOR */
	size_t    ncountry;       /* tokens with MB_S_COUNTRY */
	uint32_t *cand[MB_NCAND]; /* enum mb_cand: token lists */
	size_t    ncand[MB_NCAND];
	uint32_t *heads; /* the cue heads, in text order */
	uint32_t *hend;  /* per head: where its sentence ends */
	size_t    nheads;
	size_t    nact;          /* tokens of the sentences with or near
	                          * a cue */
	struct mb_cue_hit *hits; /* mb_cues_find */
	size_t             nhits;
	mb_up_org         *uporgs; /* per upstream organisation, or NULL
	                            * before mentions.c maps them */
	mb_org_mention *orgs;
	size_t          norgs;
	uint32_t        org_maxlen; /* the tokens of the longest of them */
	/* for k in [0, norgs]: 1 + the last of orgs[0..k) with an
	 * organisation (org >= 0), and 1 + the first of orgs[k..norgs)
	 * with one; 0: none.  Walks to an organisation pass the mentions
	 * without one (they stand for nothing) at once. */
	uint32_t       *org_last, *org_next;
	mb_mention     *ments;
	size_t          nments;
	mb_date        *dates;
	size_t          ndates;
	mb_anaphor_hit *anas;
	size_t          nanas;
	mb_triple      *triples;
	size_t          ntriples;
	size_t          cap_triples;
	const mb_arena *arena;
	int             dct_year; /* the document's year, or 0 */
	mb_upstream    *up;       /* for mb_dates_find, or NULL */
} mb_doc;

/* analyze.c: maps the upstream dates to tokens into d->dates, fetching
 * them first (d->up->fetch_dates) when need be; nothing when d->dates is
 * set already.  Returns 0 or NERP_ENOMEM. */
int mb_dates_find(mb_doc *d);

/* words.c: fills d->sent, d->sstart and d->active for every sentence,
 * then d->starts, d->flags, d->cand and the counts nalias/nana/ncountry
 * for the sentences with or near a cue (the only ones later stages scan; other
 * tokens get every start bit, so filters let them through, and
 * mb_word_flags gives their flags).  Returns 0 or NERP_ENOMEM. */
int mb_words_scan(mb_doc *d);

/* The two halves of mb_words_scan.  mb_sentences_scan fills what
 * mb_heads_scan does, then d->sstart, d->nsent, d->active and d->nact;
 * mb_words_fill then the rest (those too when only mb_heads_scan ran):
 * d->sent of every sentence, d->starts, d->flags and the candidate lists
 * of the sentences with or near a cue.  Each returns 0 or NERP_ENOMEM. */
int mb_sentences_scan(mb_doc *d);
int mb_words_fill(mb_doc *d);

/* The first pass alone, over the tokens' keys: the cue heads (d->heads)
 * and where their sentences end (d->hend, by a walk from each
 * sentence's first head); d->nsent stays 0.  What mb_cues_find and
 * mb_orgs_possible need, for a document most of which no cue is near.
 * Returns 0 or NERP_ENOMEM. */
int mb_heads_scan(mb_doc *d);

/* Nonzero when token i of toks starts a sentence (the first token does). */
static inline int
mb_sent_start(const nerp_token *toks, size_t i)
{
	return (i == 0 || (toks[i].flags & NERP_TF_SENT_START) != 0);
}

/* Token i's word flags (enum mb_word_class, MB_B_*).  d->flags holds them
 * in the sentences with or near a cue; elsewhere the one-token flags are
 * looked up here, as few are ever asked for. */
unsigned mb_word_flags(const mb_doc *d, size_t i);

/* The clause around token i: [*start, *end) within its sentence, split at
 * MB_W_CLAUSE tokens. */
void mb_clause(const mb_doc *d, size_t i, size_t *start, size_t *end);

/* The clause and scope of tokens asked about in text order (the cues):
 * what mb_clause gives, the scope (the part of the clause after
 * its last scope or reporting boundary) and whether a blocking word
 * lies in the scope before the token, found from the token asked about
 * before when both lie in one clause: a long clause is not walked again
 * for each of its cues.  Starts as { .at = SIZE_MAX }. */
typedef struct mb_clauses {
	size_t at;         /* the token last asked about, or SIZE_MAX */
	size_t cs, ce;     /* its clause [cs, ce) */
	size_t scope;      /* its scope's first token */
	size_t before;     /* 1 + the last MB_B_BEFORE token in [cs, at), */
	size_t past_chair; /* 1 + the last MB_B_PAST_CHAIR one; 0: none */
} mb_clauses;

/* Sets w for token i (any i; one at or after w->at in its clause costs
 * only the tokens between the two).  A MB_B_BEFORE word lies in the
 * scope before i when w->before > w->scope (MB_B_PAST_CHAIR likewise). */
void mb_clauses_at(const mb_doc *d, mb_clauses *w, size_t i);

/* Token i when its sentence's active bits meet mask, else the first token
 * of the next sentence whose bits do, else the token count: loops over
 * tokens skip the sentences with or near no cue with it. */
size_t mb_next_active(const mb_doc *d, size_t i, unsigned mask);

/* The token at byte offset off (the first whose end is past it), or n. */
size_t mb_tok_at(const mb_text *t, uint32_t off);

/* mb_tok_at, searched from token hint on (any hint gives the same token;
 * one near it, on either side, makes the search short: one before off is
 * first moved on by the bytes between them at the text's mean token
 * length, so the last token found serves as the hint for the next). */
size_t mb_tok_near(const mb_text *t, uint32_t off, size_t hint);

/* mb_tok_at(t, off) when every token before from ends at or before off
 * (as when from is mb_tok_at of an offset up to off, or 0): a walk from
 * token from, for the last token of a span of a few, whose first is
 * from. */
static inline size_t
mb_tok_from(const mb_text *t, uint32_t off, size_t from)
{
	while (from < t->n && t->toks[from].end <= off) {
		from++;
	}
	return (from);
}

/* mentions.c: organisations then members (mb_words_scan before both, as
 * it counts what they size their arrays by; mb_orgs_find first, it also
 * finds the anaphors).  Returns 0 or NERP_ENOMEM. */
int mb_orgs_find(mb_doc *d, const mb_upstream *up);

/* Nonzero when the document may name an organisation of the lexicon: one
 * of its aliases matches in a sentence with or near a cue, or an upstream
 * organisation maps to one.  Zero means mb_orgs_find would find none
 * (every mention's org -1): no cue can give a triple.  Needs
 * mb_heads_scan only (d->heads); maps the upstream
 * organisations into d->uporgs, which mb_orgs_find then reuses (up must
 * be the same).  Out of memory, says 1: mb_orgs_find then fails. */
int mb_orgs_possible(mb_doc *d, const mb_upstream *up);
int mb_members_find(mb_doc *d, const mb_upstream *up);

/* cues.c: the cue matches of the document, in text order (each begins
 * after the one before ends), into d->hits; returns the number of them
 * that assert a status (not MB_NONE): none, and the document has no
 * triple.  Needs mb_heads_scan only.  -1 when out of memory. */
long mb_cues_find(mb_doc *d);

/* Scans the cues (mb_cues_find first when it has not run) and appends
 * candidate triples.  Returns 0 or NERP_ENOMEM. */
int mb_cues_scan(mb_doc *d);

/* Appends one candidate.  Returns 0 or NERP_ENOMEM. */
int mb_triple_add(mb_doc *d, const mb_triple *tr);

/* supersede.c: drops repeated triples and superseded standings in place,
 * keeping document order. */
void mb_supersede(const mb_lexicon *lex, mb_triple *tr, size_t *n);

/* analyze.c: runs every stage over one document.  toks are the host's
 * tokens of text and keys their keys (host->token_keys; NULL, for a host
 * out of memory, gives NERP_ENOMEM); up may have empty arrays (the plugin then
 * relies on its own aliases and the gazetteer); dct is the document's date
 * ("YYYY-MM-DD", "" or NULL: unknown), which tells a chairmanship held in
 * an earlier year from the current one.  On success sets *out (arena
 * memory) and *n.  Returns 0, NERP_ENOMEM. */
int mb_analyze(const mb_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t ntok,
    const mb_upstream *up, const char *dct, const mb_arena *arena,
    mb_triple **out, size_t *n);

#endif /* NERD_PLUGINS_MEMBERSHIP_MB_H */
