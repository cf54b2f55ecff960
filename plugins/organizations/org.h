/*
 * plugins/organizations/org.h: the organizations recognizer's parts, shared
 * by the plugin entry (org_plugin.c), the tests, the fuzz target and the
 * benchmark.  Private to the plugin (prefix org_).
 *
 * The work splits into:
 *   org_words.c    a case-folded word table: each word carries class bits
 *                  (organisation head, company suffix, title, stop word...),
 *                  looked up by host token keys behind a bit filter
 *                  (layout in org_words.h, so the lookup inlines)
 *   org_lexicon.c  loading every data file of data_dir (and the countries of
 *                  common_dir) into one read-only org_lexicon
 *   org_scan.c     finding candidate spans in one document's tokens
 *                  (gazetteer, head-word patterns, metonymy, web
 *                  addresses) and choosing the non-overlapping ones
 *   org_team.c     wire formats: clubs in sports reports, newspapers in
 *                  press digests
 *   org_doc.c      document-level work: "Full Name (ACR)" linking, learned
 *                  acronyms and short forms, attrs.name as the fullest form
 *
 * Threads: an org_lexicon is built in init() and read-only afterwards; every
 * function taking a const org_lexicon is reentrant.  Per-document memory
 * comes from an org_arena the caller provides.
 */
#ifndef NERD_PLUGINS_ORGANIZATIONS_ORG_H
#define NERD_PLUGINS_ORGANIZATIONS_ORG_H

#include <stddef.h>
#include <stdint.h>

#include "nerd/plugin.h"
#include "nerl.h"

/* ---------------------------------------------------------------- words */

/* Classes a word can have; a word may have several (bits are ORed). */
enum org_word_class {
	ORG_W_HEAD    = 1u << 0,   /* organisation head: Ministry, Council */
	ORG_W_ALONE   = 1u << 1,   /* a head that names one alone: Congress */
	ORG_W_SUFFIX  = 1u << 2,   /* company suffix: Corp, Inc, Ltd */
	ORG_W_ABBR    = 1u << 3,   /* suffix written with a period: Inc. */
	ORG_W_TITLE   = 1u << 4,   /* office word ending a name: Spokesman */
	ORG_W_STOP    = 1u << 5,   /* capitalised word never in a name: The */
	ORG_W_CONNECT = 1u << 6,   /* joins a name's parts: of, for, and */
	ORG_W_PLACE   = 1u << 7,   /* before a venue: at, inside, outside */
	ORG_W_SPEECH  = 1u << 8,   /* reporting verb: said, announced */
	ORG_W_SPORT   = 1u << 9,   /* a sport's name: soccer, cricket */
	ORG_W_FIRST   = 1u << 10,  /* first token of some gazetteer phrase */
	ORG_W_NOTEAM  = 1u << 11,  /* never a team name in a table: Division */
	ORG_W_TEAM1   = 1u << 12,  /* first token of some team name */
	ORG_W_NEEDMOD = 1u << 13,  /* head named only with a modifier that
	                            * is not a country word: Union */
	ORG_W_NEEDCOMP = 1u << 14, /* head named only with a complement:
	                            * Centre for ..., not Convention Centre */
	ORG_W_EVENT = 1u << 15,    /* after a name, makes it an event's:
	                            * UEFA Cup, Fed Cup */
};

typedef struct org_words org_words;

/* Creates an empty table whose words are keyed with key (host->key: the
 * same function that keys the document's tokens; kept, so it must outlive
 * the table).  Returns 0, NERP_EINVAL when key is NULL, NERP_ENOMEM. */
int  org_words_alloc(org_words **out, uint64_t (*key)(const char *, size_t));
void org_words_free(org_words *w);

/* Adds word (len bytes, folded to ASCII lowercase) with the class bits,
 * ORed into any it has.  Returns 0, NERP_EINVAL for an empty or over-long
 * (> 48 bytes) word, NERP_ENOMEM. */
int org_words_add(org_words *w, const char *word, size_t len, unsigned bits);

/* The class bits of s[0..len) ignoring ASCII case; 0 when unknown.  Keys
 * s with the table's key function.  Reentrant. */
unsigned org_words_get(const org_words *w, const char *s, size_t len);

/* org_words_get for a word whose key is already known (a document token's
 * key from host->token_keys): no folding or hashing, and a key in no list
 * costs one bit test.  Reentrant. */
unsigned org_words_get_keyed(
    const org_words *w, uint64_t key, const char *s, size_t len);

/* The filter of a table: a bitmap of the low ORG_FILTER_BITS bits of the
 * keys of its words, borrowed (read-only, lives as long as the table).
 * org_filter_has() tests a key against it inline: 0 means the key is in
 * no list; nonzero means it may be (wrongly for about one key in 45 that
 * is in none, with the bundled lists). */
#define ORG_FILTER_BITS 16 /* 8 KiB */
#define ORG_FILTER_WORDS ((1u << ORG_FILTER_BITS) / 64)
const uint64_t *org_words_filter(const org_words *w);

static inline int
org_filter_has(const uint64_t *filter, uint64_t key)
{
	uint64_t bit = key & ((1u << ORG_FILTER_BITS) - 1);

	return ((int) ((filter[bit / 64] >> (bit % 64)) & 1u));
}

/* Adds to key set ks, whose store is store (see nerl_keyset_add), the
 * key of every word of w having any of the class bits; nerl_keyset_has
 * then tests a key inline: 0 means no such word has it. */
void org_words_key_set(
    const org_words *w, unsigned bits, uint64_t *store, const nerl_keyset *ks);

/* Loads a one-word-per-line file with nerl_tsv_load (# comments, blank
 * lines and a byte order mark skipped; only the first tab-separated field
 * is used, the spaces around it dropped) adding bits to each word.  Returns 0,
 * NERP_ENOENT for a missing file, NERP_EINVAL (a file that cannot be read,
 * a NUL byte, invalid UTF-8, a word over ORG_WORD_MAX bytes) or
 * NERP_ENOMEM, with err set. */
int org_words_load(
    org_words *w, const char *path, unsigned bits, char *err, size_t errlen);

/* ---------------------------------------------------------------- lexicon */

enum org_entry_flags {
	ORG_E_METONYM  = 1u << 0, /* a building naming an administration */
	ORG_E_NOSTART  = 1u << 1, /* a common word: not at a sentence start */
	ORG_E_AFTERTHE = 1u << 2, /* only right after a lowercase "the" */
};

/* One gazetteer organisation.  Strings owned by the lexicon. */
typedef struct org_entry {
	const char *name;      /* full English name */
	const char *acronym;   /* "" when none */
	const char *canonical; /* "" when none */
	const char *country;   /* ISO alpha-2 of a state body, or "" */
	unsigned    flags;     /* enum org_entry_flags */
} org_entry;

/* How a gazetteer phrase names its entry (low bits of a phrase value). */
enum org_form {
	ORG_FORM_FULL    = 0, /* the name or an alias */
	ORG_FORM_ACRONYM = 1, /* one of its acronyms */
};

/* The set of event words' keys: 2^ORG_EVENT_KEY_LOG2 bits. */
#define ORG_EVENT_KEY_LOG2 10
#define ORG_EVENT_KEY_WORDS ((1u << ORG_EVENT_KEY_LOG2) / 64)

/* The set of the keys of heads and company suffixes: 2^ORG_HEAD_KEY_LOG2
 * bits. */
#define ORG_HEAD_KEY_LOG2 12
#define ORG_HEAD_KEY_WORDS ((1u << ORG_HEAD_KEY_LOG2) / 64)

typedef struct org_lexicon {
	org_entry    *entries;
	size_t        n_entries;
	nerl_phrases *gazetteer; /* value = entry index * 2 + enum org_form */
	nerl_phrases *teams;     /* sports clubs (teams.txt), case folded */
	org_words    *words;
	nerl_countries    *countries;      /* may be NULL (no common data) */
	const nerl_keyset *country_starts; /* of countries, or NULL */
	nerl_tsv          *table;          /* organizations.tsv as loaded */
	uint64_t          *starts; /* ORG_STARTS_WORDS: org_starts_bit() of
	                            * each gazetteer phrase's first two keys */
	/* The ORG_W_EVENT words' keys (org_words_key_set), stored in
	 * event_bits. */
	uint64_t    event_bits[ORG_EVENT_KEY_WORDS];
	nerl_keyset event_keys;
	/* The ORG_W_HEAD and ORG_W_SUFFIX words' keys, in head_bits: a
	 * capitalised word outside them heads no pattern. */
	uint64_t    head_bits[ORG_HEAD_KEY_WORDS];
	nerl_keyset head_keys;
	uint64_t    dot_key;    /* the host key of "." */
	uint64_t    digest_key; /* the host key of "digest" */
} org_lexicon;

/* The set of how gazetteer phrases start: one bit for the keys of the
 * first two tokens of each phrase (the second 0 for a one-token phrase),
 * so that a capitalised word whose next word starts no phrase with it is
 * not walked through the gazetteer. */
#define ORG_STARTS_WORDS 1024u /* 64-bit words: 8 KiB */

/* The bit (index into ORG_STARTS_WORDS * 64 bits) of a pair of keys. */
static inline uint32_t
org_starts_bit(uint64_t first, uint64_t second)
{
	return ((uint32_t) ((first * 0x9E3779B97F4A7C15ull ^ second) >> 48));
}

/* Nonzero when a gazetteer phrase may start at token i of a document with
 * keys[0..n): its key alone starts a one-token phrase, or it and the next
 * token's key start a longer one.  Zero means none does. */
static inline int
org_starts_may(
    const org_lexicon *lex, const uint64_t *keys, size_t n, size_t i)
{
	uint32_t b = org_starts_bit(keys[i], 0);

	if ((lex->starts[b / 64] >> (b % 64)) & 1u) {
		return (1);
	}
	if (i + 1 >= n) {
		return (0);
	}
	b = org_starts_bit(keys[i], keys[i + 1]);
	return ((int) ((lex->starts[b / 64] >> (b % 64)) & 1u));
}

/* Loads data_dir (organizations.tsv and the word lists) and, when
 * common_dir is not NULL, common_dir/countries.tsv.  host is used to
 * tokenise phrases (its tokenize member) and to key words (its key
 * member), and must outlive the lexicon.  Returns 0, or NERP_ENOENT /
 * NERP_EINVAL (also for a host without key) / NERP_ENOMEM with err naming
 * the file and line. */
int  org_lexicon_load(org_lexicon **out, const nerp_host *host,
     const char *data_dir, const char *common_dir, char *err, size_t errlen);
void org_lexicon_free(org_lexicon *lex);

/* ---------------------------------------------------------------- arena */

/* Per-document memory: alloc returns size bytes aligned for any type, or
 * NULL; everything is released by the owner after the document. */
typedef struct org_arena {
	void *(*alloc)(void *arg, size_t size);
	void *arg;
} org_arena;

/* ---------------------------------------------------------------- scan */

/* How a mention was found. */
enum org_source {
	ORG_SRC_GAZETTEER = 1,
	ORG_SRC_PATTERN   = 2, /* head-word pattern or company suffix */
	ORG_SRC_ACRONYM   = 3, /* "(ACR)" after a name, or a later use of it */
	ORG_SRC_SHORT     = 4, /* a company's name without its suffix */
	ORG_SRC_TEAM      = 5, /* a team in a sports table or result */
};

/* One organisation mention.  Strings are NUL-terminated, borrowed from the
 * lexicon or the arena; "" when absent. */
typedef struct org_mention {
	uint32_t    start, end; /* byte span in the text */
	uint32_t    tok, ntok;  /* first token and token count */
	int         entry;      /* gazetteer entry, or -1 */
	int         source;     /* enum org_source */
	int         link;       /* mention whose name this one takes, or -1 */
	const char *name;       /* fullest form in the document */
	const char *acronym;
	const char *canonical;
	const char *country;
} org_mention;

/* Finds the organisation mentions of one document: text[0..len) with its
 * tokens toks[0..n) and their keys keys[0..n) (host->token_keys, or
 * host->key of each token; borrowed).  On success sets *out to an arena array
 * of *nout mentions, sorted by start, non-overlapping, with every attribute
 * resolved.  Returns 0, or NERP_ENOMEM when the arena fails.  Reentrant. */
int org_recognize(const org_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const org_arena *arena, org_mention **out, size_t *nout);

/* Internal steps, exposed for org_recognize and the tests. */

/* Candidate spans of the document (keys[i] the host key of token i) into
 * cand (cap entries), before overlap resolution; returns how many were
 * written. */
size_t org_scan_candidates(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, const uint32_t *caps, size_t ncaps, org_mention *cand,
    size_t cap);

/* Sorts candidates by start, longest first, and keeps the non-overlapping
 * ones greedily; returns the new count (in place). */
size_t org_select(org_mention *m, size_t n);

/* Document-level pass over selected mentions (sorted, non-overlapping):
 * links "(ACR)" to the name before it, finds later uses of learned
 * acronyms and short company names, and fills name, acronym, canonical
 * and country (keys[i]: the host key of token i).  m has room for cap
 * mentions; returns the new count, or (size_t) -1 when the arena fails. */
size_t org_resolve(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, const uint32_t *caps, size_t ncaps, org_mention *m,
    size_t nm, size_t cap, const org_arena *arena);

/* The word classes of the first line's tokens (the first
 * ORG_FIRST_LINE_TOKENS, or all n if fewer) into cls (room for
 * ORG_FIRST_LINE_TOKENS; 0 for a token in no list, and for any but a word
 * or an "&"); every later token is classed when a rule asks, by
 * org_cls_at.  keys[i] is token i's host key.  The indices of the tokens
 * with NERP_TF_UPPER_INITIAL, in order, go to caps (room for n), so that
 * later passes visit only those; returns their number.  Besides the
 * capitalised words these are the rare numbers with an uppercase letter
 * first ("3M"), which get class 0 and which every user of caps passes
 * over. */
#define ORG_FIRST_LINE_TOKENS 12
size_t org_classify(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, uint16_t *cls,
    uint32_t *caps);

/* The word class of token i (i < n) given cls from org_classify: cls[i]
 * for a token of the first line; for a capitalised word or an "&", its
 * class; for a lowercase word, its class when it lies within two tokens
 * before or one after a capitalised word (a lowercase word matters only
 * there: "at the Kremlin", "Ministry of ..."), else 0.  Looking up only
 * those words halves the lookups of running text.  Reentrant. */
uint16_t org_cls_at(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, size_t i);

#endif /* NERD_PLUGINS_ORGANIZATIONS_ORG_H */
