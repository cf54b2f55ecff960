/*
 * org_words.c: a table of case-folded words with class bits, open
 * addressing with linear probing over the words' host keys (host->key, a
 * 64-bit hash of the folded word), so that a document token is looked up
 * by the key the host computed for it, without folding or hashing it
 * again.  Every key present sets one bit of a 64 Kbit filter (8 KiB, small
 * enough to stay in cache between documents): a token whose key is in no
 * list is turned away with one load and a bit test.
 *
 * A key only finds the slot.  The word itself is then compared as before
 * keys existed: as two 64-bit chunks folded by setting bit 5 of every byte
 * (ASCII letters to lowercase), so "Bänk" (whose key is that of "bank")
 * still matches only "bänk" and nothing the lists were not meant to hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org.h"
#include "org_words.h"

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
	w->filter[(key & ((1u << ORG_FILTER_BITS) - 1)) / 64] |= 1ull
	    << (key % 64);
	return (0);
}

void
org_words_key_set(
    const org_words *w, unsigned bits, uint64_t *store, const nerl_keyset *ks)
{
	size_t i;

	for (i = 0; i < w->cap; i++) {
		const org_slot *sl = &w->slots[i];
		if (sl->len != 0 && (sl->bits & bits) != 0) {
			nerl_keyset_add(store, ks, sl->key);
		}
	}
}

const uint64_t *
org_words_filter(const org_words *w)
{
	return (w->filter);
}

unsigned
org_words_lookup_slow(
    const org_words *w, uint64_t key, const char *s, size_t len)
{
	uint64_t k0, k1;

	if (len == 0 || len > ORG_WORD_MAX) {
		return (0);
	}
	org_chunks(s, len, &k0, &k1);
	return (org_words_find(w, key, s, len, k0, k1)->bits);
}

unsigned
org_words_get_keyed(
    const org_words *w, uint64_t key, const char *s, size_t len)
{
	if (!org_filter_has(w->filter, key)) {
		return (0);
	}
	return (org_words_lookup(w, key, s, len, s + len));
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
	nerl_tsv *tsv = NULL;
	int       rv;

	rv = nerl_tsv_load(path, &tsv, err, errlen);
	if (rv != 0) {
		return (rv);
	}
	for (size_t r = 0; rv == 0 && r < nerl_tsv_rows(tsv); r++) {
		const char *word = nerl_tsv_field(tsv, r, 0);
		size_t      len  = strlen(word);

		if (len == 0) {
			continue;
		}
		rv = org_words_add(w, word, len, bits);
		if (rv != 0) {
			snprintf(err, errlen,
			    "%s:%zu: bad word (max %d bytes)", path,
			    nerl_tsv_line(tsv, r), ORG_WORD_MAX);
		}
	}
	nerl_tsv_free(tsv);
	return (rv);
}
