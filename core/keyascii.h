/*
 * core/keyascii.h: the key of a short ASCII text lowercased in one SSE2
 * register, and neri_key_within, which takes it where it can, shared by
 * neri_keys_in (core/key.c) and the tokenizer's general loop
 * (core/tokens.c).  Private to core.
 */
#ifndef NERD_CORE_KEYASCII_H
#define NERD_CORE_KEYASCII_H

#include <stddef.h>
#include <stdint.h>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

#include "neri.h"

#ifdef __SSE2__
#include <emmintrin.h>

/*
 * The key of the text s[0..n) (1 <= n <= 16, 16 bytes readable from s)
 * as neri_key gives it, when the text is ASCII: *key gets the XXH3 of
 * its lowercased form and the result is 1.  0 when the text has a byte
 * from 0x80 (the caller takes neri_key's way).  A pure function.
 */
static inline __attribute__((always_inline)) int
neri_key_ascii16(const uint8_t *s, size_t n, uint64_t *key)
{
	__m128i v = _mm_loadu_si128((const __m128i *) (const void *) s);
	/* Bytes 'A'..'Z', by one signed compare after a shift of the range
	 * to start at -128. */
	__m128i up = _mm_cmplt_epi8(
	    _mm_add_epi8(v, _mm_set1_epi8((char) (-128 - 'A'))),
	    _mm_set1_epi8((char) (-128 + 26)));
	uint8_t buf[16];

	if (((unsigned) _mm_movemask_epi8(v) & ((1u << n) - 1)) != 0) {
		return (0);
	}
	v = _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
	_mm_storeu_si128((__m128i *) (void *) buf, v);
	*key = XXH3_len_0to16_64b(buf, n, XXH3_kSecret, 0);
	return (1);
}
#endif

/*
 * neri_key of text[start..start + n), of the len bytes of text: by
 * neri_key_ascii16 for a short ASCII token with 16 bytes to read at
 * start, else by neri_key.  A pure function.
 */
static inline uint64_t
neri_key_within(const char *text, size_t len, size_t start, size_t n)
{
#ifdef __SSE2__
	uint64_t key;

	if (n <= 16 && start + 16 <= len
	    && neri_key_ascii16((const uint8_t *) text + start, n, &key)) {
		return (key);
	}
#else
	(void) len;
#endif
	return (neri_key(text + start, n));
}

#endif /* NERD_CORE_KEYASCII_H */
