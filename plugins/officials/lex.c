/*
 * plugins/officials/lex.c: the word-class lexicon, an open-addressing hash
 * table keyed by the folded word (ASCII case, diacritics, curly
 * apostrophes).  Built at init, read-only afterwards.
 */
#include <stdlib.h>
#include <string.h>

#include "offi.h"

#define LEX_KEY_MAX 64

/* Slots hold only what a miss needs, 8 bytes each, so that the table
 * stays small in cache; the key of a slot is in keyref[] at the same
 * index, read only when the hash matches. */
typedef struct lex_slot {
	uint32_t hash; /* 0 = empty (stored hashes are odd) */
	uint32_t cls;
} lex_slot;

typedef struct lex_keyref {
	uint32_t off; /* into keys */
	uint32_t len;
} lex_keyref;

#define LEX_BLOOM_BITS 131072u
#define BLOOM_A(h) (((h) >> 5) % LEX_BLOOM_BITS)
#define BLOOM_B(h) (((h) *2654435761u >> 15) % LEX_BLOOM_BITS)

struct offi_lex {
	/* Two bits per word (from two slices of its hash), 16 KiB: most words
	 * that are in no list are turned away without touching the table. */
	uint64_t    bloom[LEX_BLOOM_BITS / 64];
	lex_slot   *slots;
	lex_keyref *keyref;
	size_t      cap; /* power of two */
	size_t      used;
	char       *keys;
	size_t      keys_len;
	size_t      keys_cap;
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
	lex->keyref   = calloc(lex->cap, sizeof(lex_keyref));
	lex->keys_cap = 4096;
	lex->keys     = malloc(lex->keys_cap);
	if (lex->slots == NULL || lex->keyref == NULL || lex->keys == NULL) {
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
	free(lex->keyref);
	free(lex->keys);
	free(lex);
}

/* Folds w into buf; returns the folded length, or 0 when it does not fit. */
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
			return (n < LEX_KEY_MAX - 1 ? n : 0);
		}
		buf[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : (char) c;
	}
	buf[len] = '\0';
	return (len);
}

static uint32_t
lex_hash(const char *k, size_t len)
{
	uint32_t h = 2166136261u;
	size_t   i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char) k[i];
		h *= 16777619u;
	}
	return (h | 1u);
}

static int
lex_grow(offi_lex *lex)
{
	size_t      ncap = lex->cap * 2;
	lex_slot   *ns;
	lex_keyref *nk;
	size_t      i;

	ns = calloc(ncap, sizeof(lex_slot));
	nk = calloc(ncap, sizeof(lex_keyref));
	if (ns == NULL || nk == NULL) {
		free(ns);
		free(nk);
		return (NERP_ENOMEM);
	}
	for (i = 0; i < lex->cap; i++) {
		size_t j;
		if (lex->slots[i].hash == 0) {
			continue;
		}
		j = lex->slots[i].hash & (ncap - 1);
		while (ns[j].hash != 0) {
			j = (j + 1) & (ncap - 1);
		}
		ns[j] = lex->slots[i];
		nk[j] = lex->keyref[i];
	}
	free(lex->slots);
	free(lex->keyref);
	lex->slots  = ns;
	lex->keyref = nk;
	lex->cap    = ncap;
	return (0);
}

int
offi_lex_add(offi_lex *lex, const char *w, size_t len, uint32_t cls)
{
	char     key[LEX_KEY_MAX];
	size_t   klen;
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
	h = lex_hash(key, klen);
	j = h & (lex->cap - 1);
	while (lex->slots[j].hash != 0) {
		lex_slot         *s = &lex->slots[j];
		const lex_keyref *r = &lex->keyref[j];
		if (s->hash == h && r->len == klen
		    && memcmp(lex->keys + r->off, key, klen) == 0) {
			s->cls |= cls;
			return (0);
		}
		j = (j + 1) & (lex->cap - 1);
	}
	if (lex->keys_len + klen + 1 > lex->keys_cap) {
		size_t ncap = lex->keys_cap * 2 + klen;
		char  *nk   = realloc(lex->keys, ncap);
		if (nk == NULL) {
			return (NERP_ENOMEM);
		}
		lex->keys     = nk;
		lex->keys_cap = ncap;
	}
	memcpy(lex->keys + lex->keys_len, key, klen + 1);
	lex->slots[j].hash = h;
	lex->slots[j].cls  = cls;
	lex->bloom[BLOOM_A(h) / 64] |= (uint64_t) 1 << (BLOOM_A(h) % 64);
	lex->bloom[BLOOM_B(h) / 64] |= (uint64_t) 1 << (BLOOM_B(h) % 64);
	lex->keyref[j].off = (uint32_t) lex->keys_len;
	lex->keyref[j].len = (uint32_t) klen;
	lex->keys_len += klen + 1;
	lex->used++;
	return (0);
}

static int
bloom_has(const offi_lex *lex, uint32_t bit)
{
	return ((lex->bloom[bit / 64] >> (bit % 64)) & 1u);
}

uint32_t
offi_lex_get(const offi_lex *lex, const char *w, size_t len)
{
	char     key[LEX_KEY_MAX];
	size_t   klen, i;
	uint32_t h = 2166136261u;
	size_t   j;

	if (len == 0 || len >= LEX_KEY_MAX) {
		return (0);
	}
	/* Fold and hash in one pass; only non-ASCII words take the slow
	 * fold. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char) w[i];
		if (c >= 0x80) {
			break;
		}
		c = (unsigned char) (c | ((c >= 'A' && c <= 'Z') ? 0x20 : 0));
		key[i] = (char) c;
		h      = (h ^ c) * 16777619u;
	}
	if (i == len) {
		klen = len;
		h |= 1u;
	} else {
		klen = lex_fold(w, len, key);
		if (klen == 0) {
			return (0);
		}
		h = lex_hash(key, klen);
	}
	if (!bloom_has(lex, BLOOM_A(h)) || !bloom_has(lex, BLOOM_B(h))) {
		return (0);
	}
	j = h & (lex->cap - 1);
	while (lex->slots[j].hash != 0) {
		const lex_slot *s = &lex->slots[j];
		if (s->hash == h) {
			const lex_keyref *r = &lex->keyref[j];
			const char       *k = lex->keys + r->off;
			size_t            b = 0;
			/* Words are short: a loop beats a call to memcmp. */
			if (r->len == klen) {
				while (b < klen && k[b] == key[b]) {
					b++;
				}
				if (b == klen) {
					return (s->cls);
				}
			}
		}
		j = (j + 1) & (lex->cap - 1);
	}
	return (0);
}
