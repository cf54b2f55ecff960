/*
 * core/tokstate.h: the tokenizer's state and the helpers its two files
 * share (private to core/tokens.c and core/quiet.c): tokens.c has the
 * rules and the general loop, quiet.c the fast path over running ASCII
 * text that the loop hands the middle of sentences to.
 *
 * Pure functions of their arguments and of one tok_state, which belongs
 * to one tokenize() call (one thread).
 */
#ifndef NERD_CORE_TOKSTATE_H
#define NERD_CORE_TOKSTATE_H

#include <stddef.h>
#include <stdint.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "neri.h"

/* Tokenizer state, for the length of one tokenize() call. */
typedef struct tok_state {
	const uint8_t *p;
	size_t         len;
	nerp_token    *out;
	uint64_t      *keys; /* NULL, or room for cap keys (neri_key of each) */
	size_t         cap;
	size_t         n;          /* tokens so far */
	int            space;      /* whitespace since the last token */
	int            newlines;   /* line breaks since the last token */
	int            term;       /* after a sentence terminator */
	int            abbrev_end; /* last token was an abbreviation */
	/* Masks of the 64-byte block at mbase (bit k: byte mbase + k is an
	 * ASCII uppercase letter, lowercase letter, digit), made when a
	 * word first reaches into the block; bytes past len are in none. */
	size_t   mbase;
	uint64_t mupper, mlower, mdigit;
} tok_state;

#ifdef __SSE2__
#include <emmintrin.h>

/* Bit k: lo <= b[k] <= hi, for the 16 bytes at b (lo, hi ASCII). */
static inline uint64_t
range16(__m128i v, char lo, char hi)
{
	/* Shift the range to start at -128, so that one signed compare
	 * tests both ends. */
	__m128i x = _mm_add_epi8(v, _mm_set1_epi8((char) (-128 - lo)));

	return ((uint64_t) (unsigned) _mm_movemask_epi8(
	    _mm_cmplt_epi8(x, _mm_set1_epi8((char) (-128 + (hi - lo) + 1)))));
}
#endif

/* XXH3_64bits of s[0..n), n <= 16, as XXH3_64bits computes it (seed 0,
 * default secret) but inlined: the call would spill the tokenizer's
 * registers for every token. */
static inline __attribute__((always_inline)) uint64_t
xxh3_short(const uint8_t *s, size_t n)
{
	return (XXH3_len_0to16_64b(s, n, XXH3_kSecret, 0));
}

#ifdef __SSE2__
/* The fast path over running ASCII text from pos (quiet.c): makes the
 * tokens there as tok_push would (with their keys when ts->keys is not
 * NULL), advances ts and returns where it stopped: pos itself when it
 * made nothing.  Call only with ts->n > 0 and no line break, terminator
 * or abbreviation pending.  neri_quiet_tokens and neri_quiet_tokens_keys
 * (ts->keys not NULL) need 17 bytes of text from pos; neri_quiet_tail
 * takes the last 16 or fewer. */
size_t neri_quiet_tokens(tok_state *ts, size_t pos);
size_t neri_quiet_tokens_keys(tok_state *ts, size_t pos);
size_t neri_quiet_tail(tok_state *ts, size_t pos);
#endif

#endif /* NERD_CORE_TOKSTATE_H */
