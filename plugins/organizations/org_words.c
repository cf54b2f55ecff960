/*
 * org_words.c: a table of case-folded words with class bits, open
 * addressing with linear probing.  It is looked up once per token, so a
 * word is read as two 64-bit chunks, folded by setting bit 5 of every byte
 * (ASCII letters to lowercase; a few punctuation bytes fold together, which
 * no word list relies on), and compared chunk by chunk.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org.h"

#define ORG_WORD_MAX 48
#define ORG_FOLD 0x2020202020202020ull

typedef struct org_slot {
	uint64_t k0, k1; /* first 16 folded bytes, zero padded */
	uint32_t off;    /* the whole folded word in the pool */
	uint16_t bits;
	uint8_t  len; /* 0 = empty */
} org_slot;

#define ORG_SEEN_BITS 16 /* a 8 KiB bitmap of the hashes present */

struct org_words {
	uint64_t  seen[(1u << ORG_SEEN_BITS) / 64];
	org_slot *slots;
	size_t    cap; /* power of two */
	size_t    count;
	char     *pool;
	size_t    pool_len, pool_cap;
};

/* The folded chunks of s[0..len) (len <= ORG_WORD_MAX) and its hash; the
 * whole folded word goes to buf when it is longer than 16 bytes. */
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

/* The folded chunks of s[0..len) (len <= ORG_WORD_MAX) and its hash; the
 * whole folded word goes to buf when it is longer than 16 bytes. */
static inline uint32_t
org_key(const char *s, size_t len, uint64_t *k0, uint64_t *k1, char *buf)
{
	uint64_t a = 0, b = 0, h;
	size_t   i;

	if (len <= 8) {
		a = org_load_short(s, len);
	} else if (len <= 16) {
		a = org_load8(s);
		/* The last 8 bytes, shifted down past those already in a. */
		b = org_load8(s + len - 8) >> (8 * (16 - len));
	} else {
		a = org_load8(s);
		b = org_load8(s + 8);
		for (i = 0; i < len; i++) {
			buf[i] = (char) (s[i] | 0x20);
		}
	}
	/* Fold only the bytes of the word, not the zero padding. */
	a |= len >= 8 ? ORG_FOLD : (ORG_FOLD >> (64 - 8 * len));
	if (len > 8) {
		b |= len >= 16 ? ORG_FOLD : (ORG_FOLD >> (64 - 8 * (len - 8)));
	}
	*k0 = a;
	*k1 = b;
	h   = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ len;
	h ^= h >> 29;
	return ((uint32_t) (h * 0x165667B19E3779F9ull >> 32));
}

int
org_words_alloc(org_words **out)
{
	org_words *w;

	w = calloc(1, sizeof(*w));
	if (w == NULL) {
		return (NERP_ENOMEM);
	}
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

static inline const org_slot *
org_words_find(const org_words *w, uint64_t k0, uint64_t k1, size_t len,
    const char *buf, uint32_t h)
{
	size_t mask = w->cap - 1;
	size_t i    = h & mask;

	for (;;) {
		const org_slot *s = &w->slots[i];
		if (s->len == 0) {
			return (s);
		}
		if (s->k0 == k0 && s->k1 == k1 && s->len == len
		    && (len <= 16
		        || memcmp(w->pool + s->off, buf, len) == 0)) {
			return (s);
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
		uint64_t        k0, k1;
		char            buf[ORG_WORD_MAX];
		size_t          j;
		if (o->len == 0) {
			continue;
		}
		j = org_key(w->pool + o->off, o->len, &k0, &k1, buf)
		    & (ncap - 1);
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
	char      buf[ORG_WORD_MAX];
	uint64_t  k0, k1;
	org_slot *s;
	uint32_t  h;
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
	h = org_key(word, len, &k0, &k1, buf);
	s = (org_slot *) org_words_find(w, k0, k1, len, buf, h);
	if (s->len == 0) {
		for (i = 0; i < len; i++) {
			w->pool[w->pool_len + i] = (char) (word[i] | 0x20);
		}
		s->k0  = k0;
		s->k1  = k1;
		s->off = (uint32_t) w->pool_len;
		s->len = (uint8_t) len;
		w->pool_len += len;
		w->count++;
	}
	s->bits |= (uint16_t) bits;
	w->seen[(h >> (32 - ORG_SEEN_BITS)) / 64] |= 1ull
	    << ((h >> (32 - ORG_SEEN_BITS)) % 64);
	return (0);
}

/* Nonzero when the bitmap has hash h (a word in no list usually does
 * not, and is turned away without touching the table). */
static inline int
org_words_seen(const org_words *w, uint32_t h)
{
	return ((w->seen[(h >> (32 - ORG_SEEN_BITS)) / 64]
	            & (1ull << ((h >> (32 - ORG_SEEN_BITS)) % 64)))
	    != 0);
}

/* org_words_get for words over 16 bytes, which need the whole folded
 * word; kept out of line so that the common path stays small. */
static unsigned __attribute__((noinline))
org_words_get_long(const org_words *w, const char *s, size_t len)
{
	char     buf[ORG_WORD_MAX];
	uint64_t k0, k1;
	uint32_t h;

	h = org_key(s, len, &k0, &k1, buf);
	if (!org_words_seen(w, h)) {
		return (0);
	}
	return (org_words_find(w, k0, k1, len, buf, h)->bits);
}

unsigned
org_words_get(const org_words *w, const char *s, size_t len)
{
	char unused[1]; /* org_key and org_words_find need buf only past
	                   16 bytes */
	uint64_t k0, k1;
	uint32_t h;

	if (len == 0 || len > ORG_WORD_MAX) {
		return (0);
	}
	if (len > 16) {
		return (org_words_get_long(w, s, len));
	}
	h = org_key(s, len, &k0, &k1, unused);
	if (!org_words_seen(w, h)) {
		return (0);
	}
	return (org_words_find(w, k0, k1, len, unused, h)->bits);
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
