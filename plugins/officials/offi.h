/*
 * plugins/officials/offi.h: the officials recogniser's private API (prefix
 * offi_).  The plugin glue (officials.c) and the tests use it; nothing here
 * is part of the plugin ABI.
 *
 * Pipeline, one pass each over the host's tokens:
 *   classify (scan.c)  every word gets its lexicon classes, country and
 *                      institution coverage;
 *   names    (scan.c)  capitalised runs that may be personal names;
 *   roles    (role.c)  an office title before a name or in apposition to it;
 *   link     (link.c)  mentions grouped into people (evidence.c says which
 *                      untitled names are people), later mentions linked,
 *                      countries inferred (country.c), attributes chosen.
 *
 * Threads: an offi_state is built once (offi_state_load) and read-only
 * afterwards; offi_find is reentrant and keeps nothing between calls.
 */
#ifndef NERD_PLUGINS_OFFICIALS_OFFI_H
#define NERD_PLUGINS_OFFICIALS_OFFI_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nerd/plugin.h"
#include "nerl.h"

/* ---------------------------------------------------------------- lexicon */

/* Word classes, from the one-word-per-line files in data/. */
enum offi_class {
	OFFI_W_HEAD  = 1u << 0, /* heads.txt: "Minister", "spokeswoman" */
	OFFI_W_MOD   = 1u << 1, /* modifiers.txt: "Foreign", "Deputy" */
	OFFI_W_INST  = 1u << 2, /* institutions.txt: "Ministry", "Duma" */
	OFFI_W_HONOR = 1u << 3, /* honorifics.txt: "Mr", "Shri", "Colonel" */
	OFFI_W_GIVEN = 1u << 4, /* given_names.txt */
	OFFI_W_PARTICLE = 1u << 5,  /* particles.txt: "da", "bin" */
	OFFI_W_STOP     = 1u << 6,  /* stopwords.txt */
	OFFI_W_CUE      = 1u << 7,  /* cues.txt: "said" */
	OFFI_W_OCCUP    = 1u << 8,  /* occupations.txt: "analyst" */
	OFFI_W_NONPER   = 1u << 9,  /* nonperson.txt: "Inc", "Street" */
	OFFI_W_CONN     = 1u << 10, /* built in: of, for, the, and */
	OFFI_W_DET      = 1u << 11, /* built in: a, an, the, his, her, its */
	OFFI_W_COUNTERPART = 1u << 12, /* built in: counterpart(s) */
	OFFI_W_WHOSE       = 1u << 13, /* built in: whose */
	OFFI_W_ORGNOUN     = 1u << 14, /* orgnouns.txt: "company", "town" */
	OFFI_W_ROMAN = 1u << 15, /* built in: II, III, IV as name suffixes */
	OFFI_W_ORG1  = 1u << 16, /* first word of an orgs.tsv phrase */
	OFFI_W_CTRY1 = 1u << 17, /* first word of a country, demonym or
	                            capital of several words */
	OFFI_W_HOLD1 = 1u << 18, /* first word of a holders.tsv name */
	OFFI_W_TO    = 1u << 19, /* built in: "to" ("Ambassador to Russia") */
	OFFI_W_CTRY  = 1u << 20, /* the word alone is a country name, demonym
	                            or capital (its entry in st->country1:
	                            offi_lex_find_key) */
};

/* The key of a word: host->key (a 64-bit hash of the text folded for
 * case, diacritics and curly apostrophes).  Pure. */
typedef uint64_t (*offi_key_fn)(const char *text, size_t len);

/* Words of this many bytes or more are in no lexicon. */
#define OFFI_LEX_WORD_MAX 64

/* A read-only map from a word's key to its classes, so that words are
 * compared ignoring case and diacritics.  The fields are lex.c's; they are
 * here only for the inline lookup offi_lex_get_key. */
typedef struct offi_lex_slot {
	uint64_t key;
	uint32_t cls;
	uint16_t ctry; /* 1 + index into st->country1, 0 = none */
	uint16_t used;
} offi_lex_slot;

#define OFFI_LEX_BLOOM_WORDS 2048u
/* One bit per key, from the key's top half (the table slot comes from
 * the bottom bits): a word of the filter and a bit of it. */
#define OFFI_LEX_BLOOM_WORD(k) (((k) >> 32) & (OFFI_LEX_BLOOM_WORDS - 1))
#define OFFI_LEX_BLOOM_BIT(k) ((k) >> 58)

typedef struct offi_lex {
	/* 16 KiB: most keys that are in no list are turned away after one
	 * load, without touching the table. */
	uint64_t       bloom[OFFI_LEX_BLOOM_WORDS];
	offi_lex_slot *slots;
	size_t         mask; /* slots - 1, a power of two less one */
	size_t         used;
	offi_key_fn    key;
} offi_lex;

/* Creates an empty lexicon whose words are keyed with key.  Returns 0,
 * NERP_EINVAL when key is NULL, or NERP_ENOMEM. */
int  offi_lex_alloc(offi_lex **out, offi_key_fn key);
void offi_lex_free(offi_lex *lex);
/* Adds classes cls to word w[0..len) (ORed into what it had).  Returns 0,
 * NERP_EINVAL for an empty or over-long word (OFFI_LEX_WORD_MAX bytes or
 * more), or NERP_ENOMEM. */
int offi_lex_add(offi_lex *lex, const char *w, size_t len, uint32_t cls);
/* Gives word w[0..len) class OFFI_W_CTRY and country entry ctry (1 + an
 * index into st->country1, at most UINT16_MAX), replacing the entry it
 * had.  Returns 0, NERP_EINVAL for an empty or over-long word or a ctry
 * out of range, or NERP_ENOMEM. */
int offi_lex_set_country(
    offi_lex *lex, const char *w, size_t len, uint32_t ctry);
/* The classes of w[0..len), 0 when absent (or OFFI_LEX_WORD_MAX bytes or
 * more).  Keys the word: where the host's token key is at hand, use
 * offi_lex_get_key.  Reentrant, no allocation. */
uint32_t offi_lex_get(const offi_lex *lex, const char *w, size_t len);
/* The country entry of w[0..len) (see offi_lex_set_country), 0 when it
 * has none.  Reentrant, no allocation. */
uint32_t offi_lex_country(const offi_lex *lex, const char *w, size_t len);

/* The entry of the word of key k (classes in cls, country entry in
 * ctry), NULL when absent.  The caller leaves out words of
 * OFFI_LEX_WORD_MAX bytes or more, as offi_lex_get does.  Reentrant, no
 * allocation. */
static inline const offi_lex_slot *
offi_lex_find_key(const offi_lex *lex, uint64_t k)
{
	const offi_lex_slot *s;
	size_t               j;

	if (!((lex->bloom[OFFI_LEX_BLOOM_WORD(k)] >> OFFI_LEX_BLOOM_BIT(k))
	        & 1u)) {
		return (NULL);
	}
	j = k & lex->mask;
	for (s = &lex->slots[j]; s->used; s = &lex->slots[j]) {
		if (s->key == k) {
			return (s);
		}
		j = (j + 1) & lex->mask;
	}
	return (NULL);
}

/* The classes of the word of key k, 0 when absent (see
 * offi_lex_find_key).  Reentrant, no allocation. */
static inline uint32_t
offi_lex_get_key(const offi_lex *lex, uint64_t k)
{
	const offi_lex_slot *s = offi_lex_find_key(lex, k);

	return (s != NULL ? s->cls : 0);
}

/* ---------------------------------------------------------------- state */

/* A body in orgs.tsv. */
typedef struct offi_org {
	char *name;    /* for the "organization" attribute */
	char  iso2[3]; /* "" for an intergovernmental body */
} offi_org;

/* A line of holders.tsv. */
typedef struct offi_holder {
	char *role;
	char  iso2[3]; /* "" for an intergovernmental office */
	char *org;     /* NULL when none */
	int   from;    /* YYYYMM, 0 = open */
	int   to;      /* YYYYMM, 0 = still in office */
} offi_holder;

/* A one-word country name, demonym or capital, found without the
 * gazetteer's phrase matcher. */
typedef struct offi_country1 {
	char     iso2[3];
	uint8_t  form; /* enum nerl_country_form */
	uint32_t line; /* row in countries.tsv: earlier wins a tie */
} offi_country1;

/* Bits of the sets of words of orgs.tsv phrases, and of the set of first
 * and second words of the gazetteer's. */
#define OFFI_ORG_SET_BITS 4096u
#define OFFI_CTRY_PAIR_BITS 16384u

/* The bit of words of keys k1, k2 in a pair set (offi_state.ctry_pair). */
#define OFFI_PAIR_BIT(k1, k2) (((k1) ^ (0x9E3779B97F4A7C15u * (k2))) >> 50)

typedef struct offi_state {
	const nerp_host *host;
	offi_lex        *lex;
	offi_country1   *country1; /* see offi_lex_set_country */
	size_t           n_country1;
	nerl_countries  *countries;
	/* One bit (of a hash of both keys) per first and second token of
	 * a country name, demonym or capital of several words, in any
	 * spelling the gazetteer matches: a first word (OFFI_W_CTRY1) and
	 * the word after it whose bit is clear start no such phrase. */
	uint64_t         ctry_pair[OFFI_CTRY_PAIR_BITS / 64];
	nerl_phrases    *orgs; /* value: index into org */
	/* One bit (of the key's top bits) per word that is a whole phrase of
	 * orgs.tsv, and per second token of its longer phrases: a first
	 * word (OFFI_W_ORG1) that is neither, followed by a word whose bit
	 * in org_next is clear, starts no phrase. */
	uint64_t         org_alone[OFFI_ORG_SET_BITS / 64];
	uint64_t         org_next[OFFI_ORG_SET_BITS / 64];
	offi_org        *org;
	size_t           n_org;
	nerl_phrases *holders; /* case- and diacritic-folded; value: index */
	offi_holder  *holder;
	size_t        n_holder;
	offi_lex     *offices; /* offices.tsv: role -> 1 + index */
	char (*office_iso)[3]; /* their states */
	size_t n_office;
} offi_state;

/* Nonzero when the words of keys k1, k2 may be the first two words of a
 * country phrase (see offi_state.ctry_pair); false positives are
 * possible. */
static inline int
offi_ctry_pair(const offi_state *st, uint64_t k1, uint64_t k2)
{
	uint64_t b = OFFI_PAIR_BIT(k1, k2);

	return ((int) ((st->ctry_pair[b >> 6] >> (b & 63)) & 1u));
}

/* Nonzero when the word of key k may be the second word of a phrase of
 * orgs.tsv (see offi_state.org_next); false positives are possible. */
static inline int
offi_org_next(const offi_state *st, uint64_t k)
{
	uint64_t b = k >> 52;

	return ((int) ((st->org_next[b >> 6] >> (b & 63)) & 1u));
}

/* Nonzero when the word of key k may be a phrase of orgs.tsv alone (see
 * offi_state.org_alone); false positives are possible. */
static inline int
offi_org_alone(const offi_state *st, uint64_t k)
{
	uint64_t b = k >> 52;

	return ((int) ((st->org_alone[b >> 6] >> (b & 63)) & 1u));
}

/* Loads every file of data_dir (the .txt word lists, orgs.tsv,
 * holders.tsv, offices.tsv) and common_dir/countries.tsv.  host must have
 * tokenize.  On success *out is owned by the caller (offi_state_free). Returns
 * 0, NERP_ENOENT for a missing file, NERP_EINVAL for a malformed line,
 * NERP_ENOMEM; err gets a message naming the file (errlen bytes at most). */
int  offi_state_load(offi_state **out, const nerp_host *host,
     const char *data_dir, const char *common_dir, char *err, size_t errlen);
void offi_state_free(offi_state *st);

/* ---------------------------------------------------------------- results */

enum offi_kind {
	OFFI_PERSON   = 1,
	OFFI_OFFICIAL = 2,
};

/* One person of a document, with every mention's attributes. */
typedef struct offi_person {
	int         kind; /* enum offi_kind */
	const char *name; /* fullest name in the document */
	const char *role; /* NULL for a person */
	const char
	    *country;    /* ISO alpha-2, NULL when unknown or not a state's */
	const char *org; /* NULL when the office belongs to no named body */
} offi_person;

typedef struct offi_mention {
	uint32_t start, end; /* byte span of the name */
	uint32_t person;     /* index into offi_result.people */
	int      kind;       /* enum offi_kind of this mention: a person's
	                        name used as a modifier ("the Bongo family")
	                        is a person even when the person is an
	                        official */
} offi_mention;

typedef struct offi_result {
	offi_person  *people;
	size_t        n_people;
	offi_mention *mentions; /* in text order, never overlapping */
	size_t        n_mentions;
} offi_result;

/* Memory for one call: size bytes aligned for any type, or NULL.  Freed by
 * the caller after it is done with the result. */
typedef void *(*offi_alloc_fn)(void *arg, size_t size);

typedef struct offi_doc {
	const char *text; /* UTF-8 */
	size_t      len;
	const char *dct; /* "YYYY-MM-DD", or "" / NULL when unknown */
} offi_doc;

/* Finds the people of one document, tokens toks[0..n) (the host's) with
 * keys[0..n) their keys (host->token_keys; NULL: offi_find keys them with
 * st->host->key).  All memory, result strings included, comes from
 * alloc(arg, size).  Returns 0, or NERP_ENOMEM when alloc failed (out is
 * then empty). */
int offi_find(const offi_state *st, const offi_doc *doc,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    offi_alloc_fn alloc, void *arg, offi_result *out);

/* ---------------------------------------------------------------- internals
 */

/* Marks of a token, in the bits of its offi_tok.cls that classes leave
 * free. */
#define OFFI_T_NAMEY (1u << 21)      /* may be part of a personal name */
#define OFFI_T_IN_BODY (1u << 22)    /* inside a capitalised body name
                                        ending in an institution word
                                        ("Direct Investment Fund") */
#define OFFI_T_CTRY_HEAD (1u << 23)  /* first token of a country match */
#define OFFI_T_ORG_HEAD (1u << 24)   /* first token of an institution
                                        match */
#define OFFI_T_CTRY (1u << 25)       /* covered by a country match: its
                                        offi_cover iso2, ctry_form hold */
#define OFFI_T_ORG (1u << 26)        /* covered by an institution match: its
                                        offi_cover org1 holds */
#define OFFI_T_COMMA (1u << 27)      /* the token is "," (set by offi_cls) */
#define OFFI_T_PERIOD (1u << 28)     /* the token is "." (set by offi_cls) */

/* Per-token facts shared by scan.c, role.c and link.c: eight bytes, the
 * only state written for every token of a document (rarer facts are in
 * offi_cover). */
typedef struct offi_tok {
	uint32_t sent; /* sentence number */
	uint32_t cls;  /* enum offi_class, OFFI_W_CTRY, OFFI_T_* marks,
	                  OFFI_CLS_DONE */
} offi_tok;

/* What a country or institution match says of a token it covers.  Left
 * unwritten elsewhere: read only where the token's cls has OFFI_T_CTRY
 * (iso2, ctry_form) or OFFI_T_ORG (org1); use the accessors below. */
typedef struct offi_cover {
	const char *iso2; /* country named by the match */
	uint16_t    org1; /* 1 + index into st->org */
	uint8_t     ctry_form; /* enum nerl_country_form */
} offi_cover;

/* The working set of one offi_find call. */
typedef struct offi_work {
	const offi_state *st;
	const offi_doc   *doc;
	const nerp_token *toks;
	const uint64_t   *keys; /* keys[i]: the key of toks[i] */
	size_t            n;
	offi_tok         *t;     /* n of them */
	offi_cover       *cover; /* n of room, see offi_cover */
	uint32_t     *caps;   /* indices of the capitalised words, n of room */
	size_t        n_caps; /* how many (set by offi_classify) */
	uint32_t     *starts; /* those that may start a name (name words,
	                         capitalised particles), n of room */
	size_t        n_starts; /* how many (set by offi_classify) */
	offi_alloc_fn alloc;
	void         *arg;
} offi_work;

/* A title found for a name: tokens [start, end) of the whole phrase, and
 * what it says. */
typedef struct offi_title {
	size_t      start, end; /* whole title phrase, tokens */
	size_t      role_start; /* first token of the role words */
	const char *iso2; /* state marker in or before the title, or NULL */
	int32_t     org;  /* institution in the title, or -1 */
	int counterpart;  /* "his Bolivian counterpart": role comes from the
	                     sentence's earlier official */
	int intergov;     /* an intergovernmental body owns the office */
} offi_title;

/* Nonzero when token i is exactly the string s (a literal: its length
 * and the compare are worked out when compiling). */
static inline int
offi_tok_is(const offi_work *w, size_t i, const char *s)
{
	const nerp_token *k   = &w->toks[i];
	size_t            len = strlen(s);

	return (k->end - k->start == len
	    && memcmp(w->doc->text + k->start, s, len) == 0);
}

/* Set in a token's cls once its classes are looked up, so that a cls
 * without it means "not looked up yet" (a match may have marked the
 * token meanwhile): lowercase words are looked up only when a rule asks
 * (offi_cls), since most never are; punctuation and numbers then get
 * no classes, only "," and "." a mark (OFFI_T_COMMA, OFFI_T_PERIOD),
 * which rules test where they have the token's cls at hand rather than
 * compare its text.  Capitalised words are looked up at once.  Rules
 * test class bits only, never this one. */
#define OFFI_CLS_DONE (1u << 31)

/* The classes and marks of token i (classes looked up on first use),
 * OFFI_CLS_DONE set. */
static inline uint32_t
offi_cls(const offi_work *w, size_t i)
{
	uint32_t c = w->t[i].cls;

	if (!(c & OFFI_CLS_DONE)) {
		const nerp_token *k   = &w->toks[i];
		size_t            len = k->end - k->start;
		c |= OFFI_CLS_DONE;
		if (k->kind == NERP_TOK_WORD && len < OFFI_LEX_WORD_MAX) {
			c |= offi_lex_get_key(w->st->lex, w->keys[i]);
		} else if (len == 1) {
			char b = w->doc->text[k->start];
			c |= b == ',' ? OFFI_T_COMMA : b == '.' ? OFFI_T_PERIOD : 0;
		}
		w->t[i].cls = c;
	}
	return (c);
}

/* Nonzero when token i may be part of a personal name (classified). */
static inline int
offi_namey(const offi_work *w, size_t i)
{
	return ((w->t[i].cls & OFFI_T_NAMEY) != 0);
}

/* Nonzero on the first token of a country match. */
static inline int
offi_ctry_head(const offi_work *w, size_t i)
{
	return ((w->t[i].cls & OFFI_T_CTRY_HEAD) != 0);
}

/* The country named by the match covering token i, or NULL. */
static inline const char *
offi_iso2(const offi_work *w, size_t i)
{
	return ((w->t[i].cls & OFFI_T_CTRY) ? w->cover[i].iso2 : NULL);
}

/* The enum nerl_country_form of the match covering token i, 0 when
 * none. */
static inline int
offi_ctry_form(const offi_work *w, size_t i)
{
	return ((w->t[i].cls & OFFI_T_CTRY) ? w->cover[i].ctry_form : 0);
}

/* 1 + index into st->org of the institution match covering token i, 0
 * when none. */
static inline uint32_t
offi_org1(const offi_work *w, size_t i)
{
	return ((w->t[i].cls & OFFI_T_ORG) ? w->cover[i].org1 : 0u);
}

/* Fills w->t (classes, marks, sentences) and, where matches cover
 * tokens, w->cover; lists the capitalised words in w->caps (w->n_caps of
 * them), and those that may start a personal name in w->starts
 * (w->n_starts).  Needs w->st, doc, toks, keys and n set, and w->t,
 * w->cover, w->caps and w->starts of n entries each. */
void offi_classify(offi_work *w);

/* Nonzero when toks[i] is "s" of a possessive ("'s" split off, or the
 * CoNLL style "'s" token). */
static inline int
offi_is_possessive(const offi_work *w, size_t i)
{
	const nerp_token *k = &w->toks[i];

	if (k->flags & NERP_TF_POSSESSIVE) {
		return (1);
	}
	/* Pre-tokenised text ("Japan 's") leaves the apostrophe loose. */
	return (k->kind == NERP_TOK_WORD && offi_tok_is(w, i, "s") && i > 0
	    && (offi_tok_is(w, i - 1, "'")
	        || offi_tok_is(w, i - 1, "\xe2\x80\x99"))
	    && (w->toks[i - 1].flags & NERP_TF_SPACE_BEFORE) != 0
	    && (k->flags & NERP_TF_SPACE_BEFORE) == 0);
}

/* Nonzero for an initial such as "S." or "J.D.": an all-uppercase
 * abbreviation of at most three letters. */
static inline int
offi_is_initial(const offi_work *w, size_t i)
{
	const nerp_token *k   = &w->toks[i];
	size_t            len = k->end - k->start;

	return ((k->flags & NERP_TF_ABBREV) && (k->flags & NERP_TF_ALL_UPPER)
	    && len >= 2 && len <= 6 && w->doc->text[k->end - 1] == '.');
}

/* Nonzero for a headline word in capitals ("KLINSMANN"), not an
 * initial. */
static inline int
offi_is_caps(const offi_work *w, size_t i)
{
	return ((w->toks[i].flags & NERP_TF_ALL_UPPER)
	    && !offi_is_initial(w, i));
}

/* Nonzero when token i names a state (a country name or demonym, not a
 * capital). */
static inline int
offi_state_marker(const offi_work *w, size_t i)
{
	return ((w->t[i].cls & OFFI_T_CTRY)
	    && w->cover[i].ctry_form != NERL_COUNTRY_CAPITAL);
}

/* Nonzero for a loose apostrophe of pre-tokenised text ("Russia 's"). */
static inline int
offi_loose_apostrophe(const offi_work *w, size_t i)
{
	return (i + 1 < w->n && offi_is_possessive(w, i + 1)
	    && w->toks[i].kind == NERP_TOK_PUNCT);
}

/* Nonzero when token i may be part of an office title: a head, modifier,
 * institution or connector word, a known body, a state, a possessive;
 * "to" only right after a head ("Ambassador to Russia", not "handed the
 * presidency to"); never an occupation. */
static inline int
offi_title_word(const offi_work *w, size_t i)
{
	uint32_t cls;

	if (w->toks[i].kind != NERP_TOK_WORD) {
		return (w->toks[i].kind == NERP_TOK_PUNCT
		    && offi_loose_apostrophe(w, i));
	}
	cls = offi_cls(w, i);
	if (cls & OFFI_W_OCCUP) {
		return (0);
	}
	if (cls & OFFI_W_TO) {
		return (i > 0 && (offi_cls(w, i - 1) & OFFI_W_HEAD));
	}
	return ((cls & (OFFI_W_HEAD | OFFI_W_MOD | OFFI_W_INST | OFFI_W_CONN))
	    || (cls & (OFFI_T_ORG | OFFI_T_IN_BODY)) || offi_state_marker(w, i)
	    || offi_is_possessive(w, i));
}

/* Nonzero when offi_title_before may find a title before the name at
 * tokens [ns, ne): the token before the name is a form of address, the
 * period of an abbreviated one ("Dr."), a title word other than a
 * connector in the name's sentence, or a comma after such a word when
 * the name closes the apposition.  Without it offi_title_before finds
 * nothing: a cheap test that spares most names the search. */
static inline int
offi_title_may_precede(const offi_work *w, size_t ns, size_t ne)
{
	size_t   p;
	uint32_t cls;

	if (ns == 0) {
		return (0);
	}
	p   = ns - 1;
	cls = offi_cls(w, p);
	if (cls & OFFI_W_HONOR) {
		return (1);
	}
	if (cls & OFFI_T_PERIOD) {
		return (p > 0 && (offi_cls(w, p - 1) & OFFI_W_HONOR)
		    && w->toks[p - 1].end == w->toks[p].start);
	}
	if (cls & OFFI_T_COMMA) {
		if (p == 0
		    || (ne < w->n
		        && !(offi_cls(w, ne)
		            & (OFFI_T_COMMA | OFFI_T_PERIOD | OFFI_W_CUE)))) {
			return (0);
		}
		p--;
		cls = offi_cls(w, p);
	}
	return (w->t[p].sent == w->t[ns].sent && !(cls & OFFI_W_CONN)
	    && offi_title_word(w, p));
}

/* The end (exclusive) of the personal name that starts at token i, or i
 * when none starts there. */
size_t offi_name_end(const offi_work *w, size_t i);

/* Nonzero when token j (< w->n, classified), though no name word of the
 * name's case, may still be taken into a name by one of offi_name_end's
 * rules: a numeral, given name or particle, a country, a hyphenated word.
 * Zero: a name reaching j ends before it. */
static inline int
offi_name_may_go_on(const offi_work *w, size_t j)
{
	return ((offi_cls(w, j)
	            & (OFFI_W_ROMAN | OFFI_W_GIVEN | OFFI_W_PARTICLE
	                | OFFI_T_CTRY_HEAD))
	    || (w->toks[j].flags & NERP_TF_HYPHENATED));
}

/* Nonzero when the name starting at token i (< w->n, classified) is the
 * word i alone, as offi_name_end would say, decided from the next token
 * only: i may be part of a name and is no initial, and the next token is
 * in another sentence, or is no name word and none that
 * offi_name_may_go_on lets in.  Zero means "ask offi_name_end".  Most
 * names are found here, without the call. */
static inline int
offi_name_alone(const offi_work *w, size_t i)
{
	size_t          j = i + 1;
	const offi_tok *t = &w->t[i];

	if (!(t->cls & OFFI_T_NAMEY) || offi_is_initial(w, i)) {
		return (0);
	}
	if (j >= w->n || w->t[j].sent != t->sent) {
		return (1);
	}
	return (!offi_namey(w, j) && !offi_name_may_go_on(w, j));
}

/* Looks for a title before the name at tokens [ns, ne): "Russian Foreign
 * Minister Sergey Lavrov", "the spokesman for the Niger junta, Colonel
 * Major Amadou Abdramane".  Returns 1 and fills *out, or 0. */
int offi_title_before(
    const offi_work *w, size_t ns, size_t ne, offi_title *out);

/* Looks for a title in apposition after the name ending at token ne:
 * "Sergey Lavrov, Russia's foreign minister,".  Returns 1 and fills *out,
 * 0 when there is none, -1 when the apposition names a private occupation
 * ("a political analyst"). */
int offi_title_after(const offi_work *w, size_t ne, offi_title *out);

/* Writes the role words of t (country words, possessives and leading
 * articles left out) into buf (cap bytes, NUL-terminated).  Returns the
 * length. */
size_t offi_role_text(
    const offi_work *w, const offi_title *t, char *buf, size_t cap);

/* The state an office belongs to wherever it is used (offices.tsv:
 * "Secretary of State" -> US), or NULL. */
const char *offi_office_country(const offi_state *st, const char *role);

/* The state named nearest before token i in its sentence (a name or
 * demonym, not a capital or part of a body's name), looking back at most
 * a few hundred tokens; NULL when none. */
const char *offi_context_country(const offi_work *w, size_t i);

#endif /* NERD_PLUGINS_OFFICIALS_OFFI_H */
