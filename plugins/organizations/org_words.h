/*
 * plugins/organizations/org_words.h: the layout of the word table
 * (org_words.c), private to the plugin, so that the lookup of a token by
 * its key inlines into the per-token loop of org_classify (org_scan.c).
 * Everything here is read-only after init and reentrant.
 */
#ifndef NERD_PLUGINS_ORGANIZATIONS_ORG_WORDS_H
#define NERD_PLUGINS_ORGANIZATIONS_ORG_WORDS_H

#include <string.h>

#include "org.h"

#define ORG_WORD_MAX 48
#define ORG_FOLD 0x2020202020202020ull

typedef struct org_slot {
	uint64_t key;    /* host key of the word */
	uint64_t k0, k1; /* first 16 folded bytes, zero padded */
	uint32_t off;    /* the whole folded word in the pool */
	uint16_t bits;
	uint8_t  len; /* 0 = empty */
} org_slot;

struct org_words {
	uint64_t  filter[ORG_FILTER_WORDS];
	org_slot *slots;
	size_t    cap; /* power of two */
	size_t    count;
	char     *pool;
	size_t    pool_len, pool_cap;
	uint64_t (*key)(const char *text, size_t len);
};

/* Little-endian loads of 8 and 4 bytes, as memcpy gives them. */
static inline uint64_t
org_load8(const char *s)
{
	uint64_t v;

	memcpy(&v, s, 8);
	return (v);
}

static inline uint64_t
org_load4(const char *s)
{
	uint32_t v;

	memcpy(&v, s, 4);
	return (v);
}

/* The bytes s[0..len) (len <= 8) in little-endian order, zero padded,
 * read without touching a byte past s + len: two loads that overlap in
 * the middle rather than a loop. */
static inline uint64_t
org_load_short(const char *s, size_t len)
{
	if (len == 8) {
		return (org_load8(s));
	}
	if (len >= 4) {
		return (
		    org_load4(s) | org_load4(s + len - 4) << (8 * (len - 4)));
	}
	if (len == 0) {
		return (0);
	}
	return ((uint64_t) (unsigned char) s[0]
	    | (uint64_t) (unsigned char) s[len / 2] << (8 * (len / 2))
	    | (uint64_t) (unsigned char) s[len - 1] << (8 * (len - 1)));
}

/* The folded chunks of s[0..len) (1 <= len <= ORG_WORD_MAX): its first
 * 16 bytes with bit 5 set, zero padded. */
static inline void
org_chunks(const char *s, size_t len, uint64_t *k0, uint64_t *k1)
{
	uint64_t a, b = 0;

	if (len <= 8) {
		a = org_load_short(s, len);
	} else if (len <= 16) {
		a = org_load8(s);
		/* The last 8 bytes, shifted down past those already in a. */
		b = org_load8(s + len - 8) >> (8 * (16 - len));
	} else {
		a = org_load8(s);
		b = org_load8(s + 8);
	}
	/* Fold only the bytes of the word, not the zero padding. */
	a |= len >= 8 ? ORG_FOLD : (ORG_FOLD >> (64 - 8 * len));
	if (len > 8) {
		b |= len >= 16 ? ORG_FOLD : (ORG_FOLD >> (64 - 8 * (len - 8)));
	}
	*k0 = a;
	*k1 = b;
}

/* The slot of a key in a table of cap slots (the filter uses the low
 * bits, the table the high ones). */
static inline size_t
org_slot_of(uint64_t key, size_t cap)
{
	return ((size_t) (key >> 40) & (cap - 1));
}

/* Whether slot sl holds the word s[0..len) (len <= ORG_WORD_MAX) whose
 * chunks are k0, k1. */
static inline int
org_slot_holds(const org_words *w, const org_slot *sl, const char *s,
    size_t len, uint64_t k0, uint64_t k1)
{
	size_t i;

	if (sl->k0 != k0 || sl->k1 != k1 || sl->len != len) {
		return (0);
	}
	for (i = 16; i < len; i++) {
		if ((char) (s[i] | 0x20) != w->pool[sl->off + i]) {
			return (0);
		}
	}
	return (1);
}

/* The slot of the word s[0..len) with the given key and chunks, or the
 * empty slot where it would go. */
static inline const org_slot *
org_words_find(const org_words *w, uint64_t key, const char *s, size_t len,
    uint64_t k0, uint64_t k1)
{
	size_t mask = w->cap - 1;
	size_t i    = org_slot_of(key, w->cap);

	for (;;) {
		const org_slot *sl = &w->slots[i];
		if (sl->len == 0) {
			return (sl);
		}
		if (sl->key == key && org_slot_holds(w, sl, s, len, k0, k1)) {
			return (sl);
		}
		i = (i + 1) & mask;
	}
}

/* org_words_lookup for a word of more than 16 bytes, or one too near the
 * end of its text for two 8-byte loads (org_words.c). */
unsigned org_words_lookup_slow(
    const org_words *w, uint64_t key, const char *s, size_t len);

/* The bytes of a word of len bytes (0 to 16) in its two 8-byte chunks. */
static const uint64_t org_chunk_masks[17][2] = {
	{ 0, 0 },
	{ 0xffull, 0 },
	{ 0xffffull, 0 },
	{ 0xffffffull, 0 },
	{ 0xffffffffull, 0 },
	{ 0xffffffffffull, 0 },
	{ 0xffffffffffffull, 0 },
	{ 0xffffffffffffffull, 0 },
	{ ~0ull, 0 },
	{ ~0ull, 0xffull },
	{ ~0ull, 0xffffull },
	{ ~0ull, 0xffffffull },
	{ ~0ull, 0xffffffffull },
	{ ~0ull, 0xffffffffffull },
	{ ~0ull, 0xffffffffffffull },
	{ ~0ull, 0xffffffffffffffull },
	{ ~0ull, ~0ull },
};

/* The class bits of the word s[0..len) whose host key is key, once the
 * filter has passed it (org_filter_has); 0 when the table lacks it.  The
 * key finds the slot; the bit-5 folded chunks decide (see org_words.c).
 * end bounds the text holding s: a word of up to 16 bytes with 16 bytes
 * of text from its start is read in two loads masked to its length (a
 * table of masks: no branch on the length); others go to
 * org_words_lookup_slow. */
static inline unsigned
org_words_lookup(const org_words *w, uint64_t key, const char *s, size_t len,
    const char *end)
{
	uint64_t k0, k1;

	if (len - 1 >= 16 || end - s < 16) {
		return (org_words_lookup_slow(w, key, s, len));
	}
	k0 = (org_load8(s) | ORG_FOLD) & org_chunk_masks[len][0];
	k1 = (org_load8(s + 8) | ORG_FOLD) & org_chunk_masks[len][1];
	return (org_words_find(w, key, s, len, k0, k1)->bits);
}

#endif /* NERD_PLUGINS_ORGANIZATIONS_ORG_WORDS_H */
