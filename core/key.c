/*
 * core/key.c: 64-bit keys of folded text (XXH3 from libxxhash), given to
 * plugins per token so that none of them folds and hashes the document
 * again.
 *
 * A token of ASCII letters is lowercased into a small buffer and hashed at
 * once; anything else is folded by neri_fold in pieces that end on code
 * point boundaries and hashed as one stream, so the key of a text is the
 * XXH3-64 (seed 0) of its whole folded form, however long.  Tokens of a
 * known text (neri_keys_in) mostly lie with room to read 16 bytes at
 * once, so a short ASCII one is lowercased in one SSE2 register instead of
 * byte by byte.  (The tokenizer keys tokens as it makes them the same way:
 * neri_tokenize_keys in tokens.c.)
 */
#include <string.h>

#include "fold.h"
#include "keyascii.h"
#include "neri.h"

/* Input bytes folded at a time on the general path. */
#define PIECE 128

/* Length of the longest prefix of s[0..len) of at most PIECE bytes that
 * ends on a code point boundary (all of it when len <= PIECE). */
static size_t
piece_len(const char *s, size_t len)
{
	size_t n;

	if (len <= PIECE) {
		return (len);
	}
	n = PIECE;
	/* Back off continuation bytes: at most three. */
	while (n > PIECE - 3 && ((unsigned char) s[n] & 0xC0) == 0x80) {
		n--;
	}
	return (n);
}

static uint64_t
key_general(const char *s, size_t len)
{
	char         buf[PIECE * NERI_FOLD_GROWTH + 1];
	XXH3_state_t state;
	size_t       n = piece_len(s, len);
	size_t       folded;

	folded = neri_fold(s, n, buf, sizeof(buf));
	if (n == len) {
		return (XXH3_64bits(buf, folded));
	}
	(void) XXH3_64bits_reset(&state);
	for (;;) {
		(void) XXH3_64bits_update(&state, buf, folded);
		s += n;
		len -= n;
		if (len == 0) {
			break;
		}
		n      = piece_len(s, len);
		folded = neri_fold(s, n, buf, sizeof(buf));
	}
	return (XXH3_64bits_digest(&state));
}

uint64_t
neri_key(const char *s, size_t len)
{
	char     buf[32];
	unsigned high = 0;
	size_t   i;

	if (len > sizeof(buf)) {
		return (key_general(s, len));
	}
	/* Lowercase without a branch per byte; a byte from 0x80 sends the
	 * whole text the general way once the loop is done. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char) s[i];

		high |= c;
		buf[i] = (char) (c + (((unsigned) (c - 'A') < 26u) << 5));
	}
	if (high >= 0x80) {
		return (key_general(s, len));
	}
	return (XXH3_64bits(buf, len));
}

void
neri_keys(const char *text, const nerp_token *tokens, size_t n, uint64_t *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = neri_key(
		    text + tokens[i].start, tokens[i].end - tokens[i].start);
	}
}

void
neri_keys_in(const char *text, size_t len, const nerp_token *tokens, size_t n,
    uint64_t *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = neri_key_within(text, len, tokens[i].start,
		    tokens[i].end - tokens[i].start);
	}
}
