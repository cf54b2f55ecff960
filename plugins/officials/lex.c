/*
 * plugins/officials/lex.c: the word-class lexicon, an open-addressing hash
 * table keyed by the word's key (host->key: a 64-bit hash of the word
 * folded for case, diacritics and curly apostrophes), so that a document
 * token is looked up by the key the host computed for it, without folding
 * or hashing it again.  Built at init, read-only afterwards; the lookup
 * itself is offi_lex_get_key in offi.h.
 */
#include <stdlib.h>
#include <string.h>

#include "offi.h"

int
offi_lex_alloc(offi_lex **out, offi_key_fn key)
{
	offi_lex *lex;

	if (key == NULL) {
		return (NERP_EINVAL);
	}
	lex = calloc(1, sizeof(*lex));
	if (lex == NULL) {
		return (NERP_ENOMEM);
	}
	lex->key   = key;
	lex->mask  = 1023;
	lex->slots = calloc(lex->mask + 1, sizeof(offi_lex_slot));
	if (lex->slots == NULL) {
		free(lex);
		return (NERP_ENOMEM);
	}
	*out = lex;
	return (0);
}

void
offi_lex_free(offi_lex *lex)
{
	if (lex == NULL) {
		return;
	}
	free(lex->slots);
	free(lex);
}

static int
lex_grow(offi_lex *lex)
{
	size_t         ncap = (lex->mask + 1) * 2, i;
	offi_lex_slot *ns;

	ns = calloc(ncap, sizeof(offi_lex_slot));
	if (ns == NULL) {
		return (NERP_ENOMEM);
	}
	for (i = 0; i <= lex->mask; i++) {
		const offi_lex_slot *o = &lex->slots[i];
		size_t               j;
		if (!o->used) {
			continue;
		}
		j = o->key & (ncap - 1);
		while (ns[j].used) {
			j = (j + 1) & (ncap - 1);
		}
		ns[j] = *o;
	}
	free(lex->slots);
	lex->slots = ns;
	lex->mask  = ncap - 1;
	return (0);
}

/* The slot of word w[0..len), added (with no classes) when absent.
 * Returns NULL for an empty or over-long word (*rv = NERP_EINVAL) or
 * when out of memory (*rv = NERP_ENOMEM). */
static offi_lex_slot *
lex_slot(offi_lex *lex, const char *w, size_t len, int *rv)
{
	uint64_t k;
	size_t   j;

	if (len == 0 || len >= OFFI_LEX_WORD_MAX) {
		*rv = NERP_EINVAL;
		return (NULL);
	}
	/* Up to half full: probes stay short, one or two slots for most
	 * words, present or not (the lookup is on every capitalised word). */
	if ((lex->used + 1) * 2 > lex->mask + 1 && lex_grow(lex) != 0) {
		*rv = NERP_ENOMEM;
		return (NULL);
	}
	k = lex->key(w, len);
	j = k & lex->mask;
	while (lex->slots[j].used) {
		if (lex->slots[j].key == k) {
			return (&lex->slots[j]);
		}
		j = (j + 1) & lex->mask;
	}
	lex->slots[j].key  = k;
	lex->slots[j].used = 1;
	lex->bloom[OFFI_LEX_BLOOM_WORD(k)] |= (uint64_t) 1
	    << OFFI_LEX_BLOOM_BIT(k);
	lex->used++;
	return (&lex->slots[j]);
}

int
offi_lex_add(offi_lex *lex, const char *w, size_t len, uint32_t cls)
{
	int            rv = 0;
	offi_lex_slot *s  = lex_slot(lex, w, len, &rv);

	if (s == NULL) {
		return (rv);
	}
	s->cls |= cls;
	return (0);
}

int
offi_lex_set_country(offi_lex *lex, const char *w, size_t len, uint32_t ctry)
{
	int            rv = 0;
	offi_lex_slot *s;

	if (ctry > UINT16_MAX) {
		return (NERP_EINVAL);
	}
	s = lex_slot(lex, w, len, &rv);
	if (s == NULL) {
		return (rv);
	}
	s->cls |= OFFI_W_CTRY;
	s->ctry = (uint16_t) ctry;
	return (0);
}

/* The entry of word w[0..len), NULL when absent, empty or over-long. */
static const offi_lex_slot *
lex_find(const offi_lex *lex, const char *w, size_t len)
{
	if (len == 0 || len >= OFFI_LEX_WORD_MAX) {
		return (NULL);
	}
	return (offi_lex_find_key(lex, lex->key(w, len)));
}

uint32_t
offi_lex_get(const offi_lex *lex, const char *w, size_t len)
{
	const offi_lex_slot *s = lex_find(lex, w, len);

	return (s != NULL ? s->cls : 0);
}

uint32_t
offi_lex_country(const offi_lex *lex, const char *w, size_t len)
{
	const offi_lex_slot *s = lex_find(lex, w, len);

	return (s != NULL ? s->ctry : 0);
}
