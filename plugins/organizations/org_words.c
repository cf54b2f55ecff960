/*
 * org_words.c: a table of case-folded words with class bits, open
 * addressing with linear probing over the words' host keys (host->key, a
 * 64-bit hash of the folded word), so that a document token is looked up
 * by the key the host computed for it, without folding or hashing it
 * again.  The low bits of every key present fill a bitmap (the filter): a
 * token whose key is not in it is turned away with one bit test.
 *
 * A key only finds the slot.  The word itself is then compared as before
 * keys existed: as two 64-bit chunks folded by setting bit 5 of every byte
 * (ASCII letters to lowercase), so "Bänk" (whose key is that of "bank")
 * still matches only "bänk" and nothing the lists were not meant to hold.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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

int
org_words_alloc(org_words **out, uint64_t (*key)(const char *, size_t))
{
	org_words *w;

	if (key == NULL) {
		return (NERP_EINVAL);
	}
	w = calloc(1, sizeof(*w));
	if (w == NULL) {
		return (NERP_ENOMEM);
	}
	w->key      = key;
	w->cap      = 256;
	w->slots    = calloc(w->cap, sizeof(org_slot));
	w->pool_cap = 4096;
	w->pool     = malloc(w->pool_cap);
	if (w->slots == NULL || w->pool == NULL) {
		org_words_free(w);
		return (NERP_ENOMEM);
	}
	*out = w;
	return (0);
}

void
org_words_free(org_words *w)
{
	if (w == NULL) {
		return;
	}
	free(w->slots);
	free(w->pool);
	free(w);
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

static int
org_words_grow(org_words *w)
{
	size_t    ncap = w->cap * 2;
	org_slot *ns;
	size_t    i;

	ns = calloc(ncap, sizeof(org_slot));
	if (ns == NULL) {
		return (NERP_ENOMEM);
	}
	for (i = 0; i < w->cap; i++) {
		const org_slot *o = &w->slots[i];
		size_t          j;
		if (o->len == 0) {
			continue;
		}
		j = org_slot_of(o->key, ncap);
		while (ns[j].len != 0) {
			j = (j + 1) & (ncap - 1);
		}
		ns[j] = *o;
	}
	free(w->slots);
	w->slots = ns;
	w->cap   = ncap;
	return (0);
}

int
org_words_add(org_words *w, const char *word, size_t len, unsigned bits)
{
	uint64_t  key, k0, k1;
	org_slot *s;
	size_t    i;
	int       rv;

	if (len == 0 || len > ORG_WORD_MAX) {
		return (NERP_EINVAL);
	}
	if ((w->count + 1) * 2 > w->cap) {
		rv = org_words_grow(w);
		if (rv != 0) {
			return (rv);
		}
	}
	if (w->pool_len + len > w->pool_cap) {
		char *np = realloc(w->pool, w->pool_cap * 2);
		if (np == NULL) {
			return (NERP_ENOMEM);
		}
		w->pool = np;
		w->pool_cap *= 2;
	}
	key = w->key(word, len);
	org_chunks(word, len, &k0, &k1);
	s = (org_slot *) org_words_find(w, key, word, len, k0, k1);
	if (s->len == 0) {
		for (i = 0; i < len; i++) {
			w->pool[w->pool_len + i] = (char) (word[i] | 0x20);
		}
		s->key = key;
		s->k0  = k0;
		s->k1  = k1;
		s->off = (uint32_t) w->pool_len;
		s->len = (uint8_t) len;
		w->pool_len += len;
		w->count++;
	}
	s->bits |= (uint16_t) bits;
	w->filter[(key & ORG_FILTER_MASK) / 64] |= 1ull << (key % 64);
	return (0);
}

const uint64_t *
org_words_filter(const org_words *w)
{
	return (w->filter);
}

unsigned
org_words_get_keyed(
    const org_words *w, uint64_t key, const char *s, size_t len)
{
	uint64_t k0, k1;

	if (len == 0 || len > ORG_WORD_MAX
	    || !org_filter_has(w->filter, key)) {
		return (0);
	}
	org_chunks(s, len, &k0, &k1);
	return (org_words_find(w, key, s, len, k0, k1)->bits);
}

unsigned
org_words_get(const org_words *w, const char *s, size_t len)
{
	if (len == 0 || len > ORG_WORD_MAX) {
		return (0);
	}
	return (org_words_get_keyed(w, w->key(s, len), s, len));
}

int
org_words_load(
    org_words *w, const char *path, unsigned bits, char *err, size_t errlen)
{
	FILE  *f;
	char   line[512];
	size_t lineno = 0;
	int    rv     = 0;

	f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (NERP_ENOENT);
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t len = strcspn(line, "\t\r\n");
		lineno++;
		while (len > 0 && line[len - 1] == ' ') {
			len--;
		}
		if (len == 0 || line[0] == '#') {
			continue;
		}
		rv = org_words_add(w, line, len, bits);
		if (rv != 0) {
			snprintf(err, errlen,
			    "%s:%zu: bad word (max %d bytes)", path, lineno,
			    ORG_WORD_MAX);
			break;
		}
	}
	fclose(f);
	return (rv);
}
