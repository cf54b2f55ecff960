/*
 * org_words.c: a table of case-folded words with class bits, open
 * addressing with linear probing.  Looked up once per token, so the hash
 * and the probe are kept small.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org.h"

#define ORG_WORD_MAX 48

typedef struct org_slot {
	uint32_t hash;
	uint16_t bits;
	uint8_t len;   /* 0 = empty */
	char word[ORG_WORD_MAX];
} org_slot;

struct org_words {
	org_slot *slots;
	size_t cap;   /* power of two */
	size_t count;
};

static inline unsigned char
org_lower(unsigned char c)
{
	return ((c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c);
}

/* FNV-1a over the folded bytes; writes the folded word to buf. */
static inline uint32_t
org_fold_hash(const char *s, size_t len, char *buf)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = org_lower((unsigned char) s[i]);
		buf[i] = (char) c;
		h = (h ^ c) * 16777619u;
	}
	return (h);
}

int
org_words_alloc(org_words **out)
{
	org_words *w;

	w = calloc(1, sizeof(*w));
	if (w == NULL) {
		return (NERP_ENOMEM);
	}
	w->cap = 256;
	w->slots = calloc(w->cap, sizeof(org_slot));
	if (w->slots == NULL) {
		free(w);
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
	free(w);
}

static org_slot *
org_words_find(org_slot *slots, size_t cap, const char *folded, size_t len,
    uint32_t h)
{
	size_t i = h & (cap - 1);

	for (;;) {
		org_slot *s = &slots[i];
		if (s->len == 0) {
			return (s);
		}
		if (s->hash == h && s->len == len &&
		    memcmp(s->word, folded, len) == 0) {
			return (s);
		}
		i = (i + 1) & (cap - 1);
	}
}

static int
org_words_grow(org_words *w)
{
	size_t ncap = w->cap * 2;
	org_slot *ns;
	size_t i;

	ns = calloc(ncap, sizeof(org_slot));
	if (ns == NULL) {
		return (NERP_ENOMEM);
	}
	for (i = 0; i < w->cap; i++) {
		org_slot *o = &w->slots[i];
		if (o->len != 0) {
			*org_words_find(ns, ncap, o->word, o->len, o->hash) =
			    *o;
		}
	}
	free(w->slots);
	w->slots = ns;
	w->cap = ncap;
	return (0);
}

int
org_words_add(org_words *w, const char *word, size_t len, unsigned bits)
{
	char buf[ORG_WORD_MAX];
	uint32_t h;
	org_slot *s;
	int rv;

	if (len == 0 || len > ORG_WORD_MAX) {
		return (NERP_EINVAL);
	}
	if ((w->count + 1) * 2 > w->cap) {
		rv = org_words_grow(w);
		if (rv != 0) {
			return (rv);
		}
	}
	h = org_fold_hash(word, len, buf);
	s = org_words_find(w->slots, w->cap, buf, len, h);
	if (s->len == 0) {
		s->hash = h;
		s->len = (uint8_t) len;
		memcpy(s->word, buf, len);
		w->count++;
	}
	s->bits |= (uint16_t) bits;
	return (0);
}

unsigned
org_words_get(const org_words *w, const char *s, size_t len)
{
	char buf[ORG_WORD_MAX];
	uint32_t h;
	org_slot *slot;

	if (len == 0 || len > ORG_WORD_MAX) {
		return (0);
	}
	h = org_fold_hash(s, len, buf);
	slot = org_words_find(w->slots, w->cap, buf, len, h);
	return (slot->bits);
}

int
org_words_load(org_words *w, const char *path, unsigned bits, char *err,
    size_t errlen)
{
	FILE *f;
	char line[512];
	size_t lineno = 0;
	int rv = 0;

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
			snprintf(err, errlen, "%s:%zu: bad word (max %d bytes)",
			    path, lineno, ORG_WORD_MAX);
			break;
		}
	}
	fclose(f);
	return (rv);
}
