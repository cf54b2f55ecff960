/*
 * plugins/common/nerl.h: helpers shared by the bundled plugins (prefix
 * nerl_): UTF-8 letter classes, TSV lexicon files, a token phrase matcher
 * and the countries gazetteer.  Linked statically into each plugin (CMake
 * target nerd_plugin_common); never part of the plugin ABI.
 *
 * Threads: the load, alloc and add functions run in a plugin's init() and
 * allocate; the resulting objects are read-only afterwards and safe to use
 * from any number of threads at once.  Nothing here keeps global state.
 */
#ifndef NERD_PLUGINS_COMMON_NERL_H
#define NERD_PLUGINS_COMMON_NERL_H

#include <stddef.h>
#include <stdint.h>

#include "nerd/plugin.h"

/* ---------------------------------------------------------------- UTF-8 */

/* Decodes the code point at s[*i] (i < len), advancing *i past it.  An
 * invalid byte decodes as U+FFFD and advances one byte. */
int32_t nerl_utf8_next(const char *s, size_t len, size_t *i);

/* Nonzero when s[0..len) is valid UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF). */
int nerl_utf8_valid(const char *s, size_t len);

/* Nonzero for an uppercase / lowercase letter, any script (utf8proc). */
int nerl_is_upper(int32_t cp);
int nerl_is_lower(int32_t cp);
int nerl_is_letter(int32_t cp);

/* Writes a folded form of s[0..len) into out (cap bytes, NUL-terminated,
 * truncated at a code point boundary): lowercase, diacritics stripped,
 * curly apostrophes made straight.  "Erdoğan" -> "erdogan".  Returns the
 * length written. */
size_t nerl_fold(const char *s, size_t len, char *out, size_t cap);

/* Like nerl_fold but keeps case: diacritics stripped, curly apostrophes
 * made straight ("Côte d’Ivoire" -> "Cote d'Ivoire").  Returns the length
 * written (out is NUL-terminated, truncated at a code point boundary). */
size_t nerl_strip_marks(const char *s, size_t len, char *out, size_t cap);

/* ---------------------------------------------------------------- TSV */

/* A TSV lexicon: lines of tab-separated fields, the spaces around each
 * field dropped; blank lines and lines starting with '#' skipped; CRLF, a
 * byte order mark and a missing final newline accepted.  Owned by the
 * caller, freed with nerl_tsv_free. */
typedef struct nerl_tsv nerl_tsv;

/* Loads path.  Returns 0, NERP_ENOENT when the file does not exist,
 * NERP_EINVAL when it cannot be read (no permission, not a regular file: a
 * directory, a FIFO, a device; err says why) or holds invalid UTF-8 or a
 * control character other than TAB (a NUL, a bare CR; err names the file
 * and line), NERP_ENOMEM.  err gets errlen bytes at most. */
int nerl_tsv_load(const char *path, nerl_tsv **out, char *err, size_t errlen);
void nerl_tsv_free(nerl_tsv *tsv);
size_t nerl_tsv_rows(const nerl_tsv *tsv);
size_t nerl_tsv_cols(const nerl_tsv *tsv, size_t row);
/* Field col of row ("" when the row has fewer fields); borrowed from tsv. */
const char *nerl_tsv_field(const nerl_tsv *tsv, size_t row, size_t col);
/* The 1-based line number of row in its file (for error messages). */
size_t nerl_tsv_line(const nerl_tsv *tsv, size_t row);

/* Steps through the '|'-separated alternatives of a field: at the end of
 * the text at *s returns 0; else returns 1 with *alt and *len the next
 * alternative without the spaces around it (*len 0 for an empty one, as
 * in "a||b"), and *s moved past it and its '|'.  Borrows the text. */
int nerl_alt_next(const char **s, const char **alt, size_t *len);

/* Joins dir and name into out ("dir/name"); returns NERP_EINVAL when it
 * does not fit. */
int nerl_path_join(char *out, size_t cap, const char *dir, const char *name);

/* ---------------------------------------------------------------- phrases */

/* A multi-phrase matcher over tokens: a trie whose edges are token keys
 * (host->key, a 64-bit hash of the folded token), built from phrases
 * tokenised with host->tokenize, so phrases and documents split the same
 * way.  Each phrase carries an int value chosen by the caller (an index
 * into the caller's own table).  A case-sensitive matcher also compares
 * the exact token text once the keys agree.  The keys of first tokens
 * fill a bitset, so a token that starts no phrase is rejected after one
 * bit test. */
typedef struct nerl_phrases nerl_phrases;

enum nerl_phrase_flags {
	NERL_CASE_FOLD = 1u << 0, /* match ignoring case and diacritics */
};

/* Creates an empty matcher.  flags: enum nerl_phrase_flags, for all
 * phrases.  host is kept (it outlives plugin state); its key function keys
 * the phrases.
 * Returns 0, NERP_EINVAL when host has no tokenize function, NERP_ENOMEM. */
int nerl_phrases_alloc(nerl_phrases **out, const nerp_host *host,
    unsigned flags);
void nerl_phrases_free(nerl_phrases *p);

/* Longest phrase, in tokens, that a matcher accepts. */
#define NERL_PHRASE_MAX_TOKENS 64

/* Size of a buffer for one folded token, for callers that fold words
 * themselves (the matchers compare tokens of any length in full). */
#define NERL_TOKEN_MAX_BYTES 256

/* Adds a phrase ("Foreign Ministry", "U.S.") with its value.  The same
 * phrase added twice keeps both values.  Runs at init only (not while
 * another thread matches).  Returns 0, NERP_EINVAL for an empty phrase or
 * one of more than NERL_PHRASE_MAX_TOKENS tokens, NERP_ENOMEM. */
int nerl_phrases_add(nerl_phrases *p, const char *phrase, int value);

/* A set of token keys as a bitset indexed by a key's top bits: a key
 * outside it is surely not in the set; one inside may not be. */
typedef struct nerl_keyset {
	const uint64_t *bits;
	unsigned        shift; /* 64 - log2(number of bits) */
} nerl_keyset;

/* Zero when key is surely not in ks.  Inline: a shift, a load and a test,
 * for a caller to skip most tokens without a call. */
static inline int
nerl_keyset_has(const nerl_keyset *ks, uint64_t key)
{
	uint64_t b = key >> ks->shift;

	return ((int) ((ks->bits[b >> 6] >> (b & 63)) & 1u));
}

/* Adds key to ks, whose store (ks->bits, as its builder may write it) is
 * bits.  While building only: not while another thread tests ks. */
static inline void
nerl_keyset_add(uint64_t *bits, const nerl_keyset *ks, uint64_t key)
{
	uint64_t b = key >> ks->shift;

	bits[b >> 6] |= (uint64_t) 1u << (b & 63);
}

/* The keys of the tokens that may start a phrase of p (borrowed from p,
 * valid while p lives and no phrase is added): a token whose key is not
 * in it starts no phrase, so nerl_phrases_at_keyed would return 0.
 * Reentrant. */
const nerl_keyset *nerl_phrases_starts(const nerl_phrases *p);

/* The keys of all tokens of the phrases of p, at any place in them
 * (borrowed from p, valid while p lives and no phrase is added): a token
 * whose key is not in it is inside no match of p.  Reentrant. */
const nerl_keyset *nerl_phrases_tokens(const nerl_phrases *p);

typedef struct nerl_match {
	size_t ntok; /* tokens covered, starting at the token asked about */
	int value;   /* the phrase's value */
} nerl_match;

/* All phrases that start at token i of a document (tokens toks[0..n) of
 * text, keys[0..n) their keys as host->token_keys gives them, borrowed),
 * longest first (phrases of equal length in the order added); writes at
 * most cap of them to out and returns how many were written.  A phrase
 * does not run on into a token flagged NERP_TF_PARA_START.  This is the
 * fast one: a token that starts no phrase costs a bit test (about 15
 * instructions with the call; test nerl_phrases_starts inline first to
 * skip the call), and each further token one table probe (plus a memcmp
 * of the token when case-sensitive); no folding, hashing or strlen.
 * A case-sensitive matcher is exact.  A case-folding one counts equal
 * keys as equal folded tokens and follows an edge when a 64-bit hash of
 * the key and the node walked from agrees with the edge's: a false match
 * has odds of about 2^-64 for each edge of the matcher (about 2^-50 a
 * token for 16k edges).  keys may be NULL (say when token_keys ran out
 * of memory): each token looked at is then keyed on the fly, as
 * nerl_phrases_at does.  Never allocates; reentrant. */
size_t nerl_phrases_at_keyed(const nerl_phrases *p, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t i,
    nerl_match *out, size_t cap);

/* nerl_phrases_at_keyed for tokens without keys (a caller's own token
 * array): the same results.  A token is first judged by its shape (first
 * bytes, and for case-sensitive matchers last byte and length), which
 * rejects most tokens for about a dozen instructions; one that passes is
 * keyed with host->key (a hash of its folded text, some tens of
 * instructions for a short word).  Never allocates; reentrant. */
size_t nerl_phrases_at(const nerl_phrases *p, const char *text,
    const nerp_token *toks, size_t n, size_t i, nerl_match *out, size_t cap);

/* ---------------------------------------------------------------- countries */

/* The countries gazetteer, from common_dir/countries.tsv (columns: ISO
 * 3166-1 alpha-2, names, demonyms, capitals; alternatives separated by
 * '|'; see the file's header). */
typedef struct nerl_countries nerl_countries;

enum nerl_country_form {
	NERL_COUNTRY_NAME = 1,    /* "Russia", "the United States", "U.S." */
	NERL_COUNTRY_DEMONYM = 2, /* "Russian", "Bolivian" */
	NERL_COUNTRY_CAPITAL = 3, /* "Moscow", "La Paz" */
};

typedef struct nerl_country_match {
	size_t ntok;      /* tokens covered */
	const char *iso2; /* "RU"; borrowed from the gazetteer */
	int form;         /* enum nerl_country_form */
} nerl_country_match;

/* Loads common_dir/countries.tsv (UN members and observers, Kosovo,
 * Taiwan, Hong Kong, Western Sahara, and a few former states under their
 * reserved codes: SU, YU, CS, DD), and common_dir/not_countries.txt when
 * present (phrases holding a country word that do not name the country:
 * "South America", "Gulf of Mexico", "Indian Ocean").  Each name is also
 * matched in capitals ("MOSCOW" in datelines), without diacritics and with
 * curly apostrophes.  host is kept.  Returns 0; NERP_ENOENT when
 * countries.tsv is missing, NERP_EINVAL for a malformed row (err names
 * file and line), NERP_ENOMEM. */
int nerl_countries_load(nerl_countries **out, const nerp_host *host,
    const char *common_dir, char *err, size_t errlen);
void nerl_countries_free(nerl_countries *c);

/* The longest country name, demonym or capital starting at token i of
 * toks[0..n) (case-sensitive: "Turkey" is a country, "turkey" is not),
 * with keys[0..n) the tokens' keys from host->token_keys (borrowed).
 * Among equal lengths a name beats a demonym beats a capital.  Nothing is
 * matched inside a phrase of not_countries.txt ("America" in "Latin
 * America").  Returns 1 and fills *m, or 0.  The fast one: a token that
 * starts no name costs a bit test, about 20 instructions with the call
 * (nerl_countries_starts lets a scan test it inline); one that starts a
 * name costs some hundreds (the match, the blocking phrases around it).  keys may
 * be NULL (keyed on the fly).  Never allocates; reentrant. */
int nerl_countries_at_keyed(const nerl_countries *c, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t i,
    nerl_country_match *m);

/* The keys of the tokens that may start a name, demonym or capital
 * (borrowed from c, valid while c lives): where keys[i] is not in it,
 * nerl_countries_at_keyed returns 0, so a scan may test
 * nerl_keyset_has(starts, keys[i]) inline first.  Reentrant. */
const nerl_keyset *nerl_countries_starts(const nerl_countries *c);

/* nerl_countries_at_keyed for tokens without keys: the same results, the
 * tokens looked at keyed on the fly with host->key (a hash of the folded
 * token each).  Never allocates; reentrant. */
int nerl_countries_at(const nerl_countries *c, const char *text,
    const nerp_token *toks, size_t n, size_t i, nerl_country_match *m);

/* A country inside one hyphenated word: "Russian" in "Russian-backed",
 * "US" and "China" in "US-China", "Washington" in "Washington-based". */
typedef struct nerl_country_part {
	uint32_t    start; /* byte span of the part in the text */
	uint32_t    end;
	const char *iso2;  /* borrowed from the gazetteer */
	int         form;  /* enum nerl_country_form */
} nerl_country_part;

/* Most hyphen-separated parts of a word that are looked at. */
#define NERL_WORD_MAX_PARTS 8

/* The countries named by runs of the hyphen-separated parts of the WORD
 * token tok (longest run first, left to right, case-sensitive), for words
 * that nerl_countries_at cannot split.  Writes at most cap parts to out
 * and returns how many; 0 for a word without hyphens.  A word that is a
 * name as a whole ("Guinea-Bissau") is one part.  Keys each run of parts
 * it tries with host->key, so call it on hyphenated words only.  Never
 * allocates; reentrant. */
size_t nerl_countries_in_word(const nerl_countries *c, const char *text,
    const nerp_token *tok, nerl_country_part *out, size_t cap);

/* The short English name of a country ("RU" -> "Russia"), or NULL. */
const char *nerl_country_name(const nerl_countries *c, const char *iso2);

/* Nonzero when s has the shape of an ISO 3166-1 alpha-2 code: two ASCII
 * capitals ("RU"), whether or not the gazetteer lists it. */
int nerl_iso2_shape(const char *s);

#endif /* NERD_PLUGINS_COMMON_NERL_H */
