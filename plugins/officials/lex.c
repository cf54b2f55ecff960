/*
 * plugins/officials/lex.c: the word-class lexicon, an open-addressing hash
 * table keyed by the folded word (ASCII case, diacritics, curly
 * apostrophes).  Built at init, read-only afterwards.
 */
#include <stdlib.h>
#include <string.h>

#include "offi.h"

#define LEX_KEY_MAX 64

/* One slot holds a word's first 16 folded bytes (zero padded), its length
 * and classes, so that a lookup of a word of up to 16 bytes reads one
 * slot and nothing else; longer words are also compared with their key
 * in keys[]. */
typedef struct lex_slot {
	uint64_t k0, k1; /* folded bytes 0-7 and 8-15, little-endian */
	uint32_t cls;
	uint32_t meta; /* offset into keys << 8 | length; 0 = empty */
} lex_slot;

#define LEX_OFF_MAX (1u << 24)

#define LEX_BLOOM_BITS 131072u
/* Both bits of a word lie in one 64-bit word of the filter: one memory
 * access per lookup. */
#define BLOOM_WORD(h) (((h) >> 12) % (LEX_BLOOM_BITS / 64))
#define BLOOM_MASK(h)                                                         \
	(((uint64_t) 1 << ((h) &63)) | ((uint64_t) 1 << (((h) >> 6) & 63)))

#define LEX_ONES 0x0101010101010101ull
#define LEX_HIGH 0x8080808080808080ull

struct offi_lex {
	/* Two bits per word (from two slices of its hash), 16 KiB: most words
	 * that are in no list are turned away without touching the table. */
	uint64_t  bloom[LEX_BLOOM_BITS / 64];
	lex_slot *slots;
	size_t    cap; /* power of two */
	size_t    used;
	char     *keys;
	size_t    keys_len;
	size_t    keys_cap;
};

int
offi_lex_alloc(offi_lex **out)
{
	offi_lex *lex;

	lex = calloc(1, sizeof(*lex));
	if (lex == NULL) {
		return (NERP_ENOMEM);
	}
	lex->cap      = 1024;
	lex->slots    = calloc(lex->cap, sizeof(lex_slot));
	lex->keys_cap = 4096;
	lex->keys     = malloc(lex->keys_cap);
	if (lex->slots == NULL || lex->keys == NULL) {
		offi_lex_free(lex);
		return (NERP_ENOMEM);
	}
	lex->keys_len = 0;
	*out          = lex;
	return (0);
}

void
offi_lex_free(offi_lex *lex)
{
	if (lex == NULL) {
		return;
	}
	free(lex->slots);
	free(lex->keys);
	free(lex);
}

/* Folds w into buf; returns the folded length, or 0 when it does not fit.
 * buf has LEX_KEY_MAX + 8 bytes: the 8 after the word are zeroed, so that
 * lex_hash may read it in whole 8-byte chunks. */
static size_t
lex_fold(const char *w, size_t len, char *buf)
{
	size_t i;

	if (len == 0 || len >= LEX_KEY_MAX) {
		return (0);
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char) w[i];
		if (c >= 0x80) {
			size_t n = nerl_fold(w, len, buf, LEX_KEY_MAX);
			if (n >= LEX_KEY_MAX - 1) {
				return (0);
			}
			memset(buf + n, 0, 8);
			return (n);
		}
		buf[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : (char) c;
	}
	memset(buf + len, 0, 8);
	return (len);
}

static inline uint64_t
load8(const char *s)
{
	uint64_t v;

	memcpy(&v, s, 8);
	return (v);
}

static inline uint64_t
load4(const char *s)
{
	uint32_t v;

	memcpy(&v, s, 4);
	return (v);
}

/* The bytes s[0..len) (len <= 8) in little-endian order, zero padded,
 * read without touching a byte past s + len (two loads that may
 * overlap). */
static inline uint64_t
load_short(const char *s, size_t len)
{
	if (len == 8) {
		return (load8(s));
	}
	if (len >= 4) {
		return (load4(s) | load4(s + len - 4) << (8 * (len - 4)));
	}
	return ((uint64_t) (unsigned char) s[0]
	    | (uint64_t) (unsigned char) s[len / 2] << (8 * (len / 2))
	    | (uint64_t) (unsigned char) s[len - 1] << (8 * (len - 1)));
}

/* ASCII capitals of the chunk x (no byte of which is 0x80 or above)
 * made lowercase, eight bytes at a time. */
static inline uint64_t
fold8(uint64_t x)
{
	uint64_t ge_a = x + (0x80 - 'A') * LEX_ONES;     /* high bit: >= 'A' */
	uint64_t gt_z = x + (0x80 - 'Z' - 1) * LEX_ONES; /* > 'Z' */

	return (x | ((ge_a & ~gt_z & LEX_HIGH) >> 2));
}

/* The hash of a folded key: its first two chunks k0, k1, its length and,
 * for keys over 16 bytes, the chunks of rest (zero padded). */
static inline uint32_t
lex_mix(uint64_t k0, uint64_t k1, size_t len, const char *rest)
{
	uint64_t h;
	size_t   i;

	h = (k0 * 0x9E3779B97F4A7C15ull) ^ (k1 * 0xC2B2AE3D27D4EB4Full) ^ len;
	for (i = 16; i < len; i += 8) {
		h ^= h >> 31;
		h = (h ^ load8(rest + i - 16)) * 0x9E3779B97F4A7C15ull;
	}
	h ^= h >> 29;
	return ((uint32_t) (h * 0x165667B19E3779F9ull >> 32));
}

/* The chunks and hash of a key folded into buf by lex_fold. */
static inline uint32_t
lex_hash(const char *buf, size_t klen, uint64_t *k0, uint64_t *k1)
{
	*k0 = load8(buf);
	*k1 = klen > 8 ? load8(buf + 8) : 0;
	return (lex_mix(*k0, *k1, klen, buf + 16));
}

static int
lex_grow(offi_lex *lex)
{
	size_t    ncap = lex->cap * 2;
	lex_slot *ns;
	size_t    i;

	ns = calloc(ncap, sizeof(lex_slot));
	if (ns == NULL) {
		return (NERP_ENOMEM);
	}
	for (i = 0; i < lex->cap; i++) {
		const lex_slot *o = &lex->slots[i];
		size_t          klen, j;
		if (o->meta == 0) {
			continue;
		}
		klen = o->meta & 0xFF;
		j    = lex_mix(
		           o->k0, o->k1, klen, lex->keys + (o->meta >> 8) + 16)
		    & (ncap - 1);
		while (ns[j].meta != 0) {
			j = (j + 1) & (ncap - 1);
		}
		ns[j] = *o;
	}
	free(lex->slots);
	lex->slots = ns;
	lex->cap   = ncap;
	return (0);
}

/* Nonzero when slot s holds the folded key k0, k1, klen (and, past 16
 * bytes, key[16..klen)). */
static inline int
lex_same(const offi_lex *lex, const lex_slot *s, uint64_t k0, uint64_t k1,
    size_t klen, const char *key)
{
	return (s->k0 == k0 && s->k1 == k1 && (s->meta & 0xFF) == klen
	    && (klen <= 16
	        || memcmp(lex->keys + (s->meta >> 8) + 16, key + 16, klen - 16)
	            == 0));
}

int
offi_lex_add(offi_lex *lex, const char *w, size_t len, uint32_t cls)
{
	char     key[LEX_KEY_MAX + 8];
	size_t   klen;
	uint64_t k0, k1;
	uint32_t h;
	size_t   j;

	klen = lex_fold(w, len, key);
	if (klen == 0) {
		return (NERP_EINVAL);
	}
	/* Up to 3/4 full: probes stay within a cache line or two. */
	if ((lex->used + 1) * 4 > lex->cap * 3 && lex_grow(lex) != 0) {
		return (NERP_ENOMEM);
	}
	h = lex_hash(key, klen, &k0, &k1);
	j = h & (lex->cap - 1);
	while (lex->slots[j].meta != 0) {
		lex_slot *s = &lex->slots[j];
		if (lex_same(lex, s, k0, k1, klen, key)) {
			s->cls |= cls;
			return (0);
		}
		j = (j + 1) & (lex->cap - 1);
	}
	/* Keys are stored with 8 zero bytes after them, for lex_mix. */
	if (lex->keys_len + klen + 8 > lex->keys_cap) {
		size_t ncap = lex->keys_cap * 2 + klen + 8;
		char  *nk   = realloc(lex->keys, ncap);
		if (nk == NULL) {
			return (NERP_ENOMEM);
		}
		lex->keys     = nk;
		lex->keys_cap = ncap;
	}
	if (lex->keys_len + klen + 8 > LEX_OFF_MAX) {
		return (NERP_ENOMEM);
	}
	memcpy(lex->keys + lex->keys_len, key, klen + 8);
	lex->slots[j].k0   = k0;
	lex->slots[j].k1   = k1;
	lex->slots[j].cls  = cls;
	lex->slots[j].meta = (uint32_t) lex->keys_len << 8 | (uint32_t) klen;
	lex->bloom[BLOOM_WORD(h)] |= BLOOM_MASK(h);
	lex->keys_len += klen + 8;
	lex->used++;
	return (0);
}

static int
bloom_has(const offi_lex *lex, uint32_t h)
{
	uint64_t m = BLOOM_MASK(h);

	return ((lex->bloom[BLOOM_WORD(h)] & m) == m);
}

uint32_t
offi_lex_get(const offi_lex *lex, const char *w, size_t len)
{
	char     key[LEX_KEY_MAX + 8];
	size_t   klen;
	uint64_t k0, k1;
	uint32_t h;
	size_t   j;

	if (len == 0 || len >= LEX_KEY_MAX) {
		return (0);
	}
	/* Words of up to 16 ASCII bytes (nearly all) are read and folded
	 * eight bytes at a time, straight from the text. */
	if (len <= 8) {
		k0 = load_short(w, len);
		k1 = 0;
	} else if (len <= 16) {
		k0 = load8(w);
		k1 = load8(w + len - 8) >> (8 * (16 - len));
	} else {
		k0 = k1 = LEX_HIGH; /* take the general path below */
	}
	if (((k0 | k1) & LEX_HIGH) == 0) {
		k0   = fold8(k0);
		k1   = fold8(k1);
		klen = len;
		h    = lex_mix(k0, k1, klen, w); /* len <= 16: rest unread */
	} else {
		klen = lex_fold(w, len, key);
		if (klen == 0) {
			return (0);
		}
		h = lex_hash(key, klen, &k0, &k1);
	}
	if (!bloom_has(lex, h)) {
		return (0);
	}
	j = h & (lex->cap - 1);
	while (lex->slots[j].meta != 0) {
		const lex_slot *s = &lex->slots[j];
		if (lex_same(lex, s, k0, k1, klen, key)) {
			return (s->cls);
		}
		j = (j + 1) & (lex->cap - 1);
	}
	return (0);
}
