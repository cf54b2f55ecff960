/*
 * plugins/membership/pattern.c: token patterns with alternatives and gaps.
 *
 * Patterns are indexed by the hashes of their first element's
 * alternatives in one open-addressing table, so a token that starts no
 * pattern costs one probe.  A match is tried element by element; a gap
 * tries every length it allows and the longest overall match wins.
 */
#include <stdlib.h>
#include <string.h>

#include "mb.h"

typedef struct pat_alt {
	uint64_t key; /* host->key of the literal (its hash: mb_key32) */
	uint32_t off; /* literal in pool */
	uint32_t len;
} pat_alt;

typedef struct pat_elem {
	uint64_t bloom; /* bit (hash & 63) of every alternative */
	uint32_t alt;   /* first alternative */
	uint16_t nalt;
	uint8_t  gap;  /* nonzero: a gap of 0..gap tokens */
	uint8_t  head; /* marked "!": the pattern's distinctive word */
} pat_elem;

typedef struct pat {
	uint32_t elem; /* first element */
	uint32_t nelem;
	int      value;
} pat;

typedef struct pat_slot {
	uint32_t hash;
	uint32_t pat; /* first chain entry + 1; 0 = empty */
} pat_slot;

/* The patterns whose first element has one hash, chained. */
typedef struct pat_entry {
	uint32_t pat;  /* pattern index */
	uint32_t alt;  /* the first element's alternative with that hash */
	uint32_t next; /* next entry + 1, or 0 */
} pat_entry;

struct mb_patterns {
	int cs;
	uint64_t (*key)(const char *, size_t);
	pat       *pats;
	size_t     npats, cap_pats;
	pat_elem  *elems;
	size_t     nelems, cap_elems;
	pat_alt   *alts;
	size_t     nalts, cap_alts;
	char      *pool;
	size_t     pool_len, pool_cap;
	pat_slot  *slots;
	uint32_t   mask;
	size_t     nslots;
	pat_entry *chain;
	size_t     nchain, cap_chain;
};

#define MAX_ELEMS 24

static inline unsigned char
fold_byte(unsigned char c)
{
	return ((c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c);
}

uint32_t
mb_hash_raw(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h = (h ^ (unsigned char) s[i]) * 16777619u;
	}
	return (h);
}

/* Folded comparison of the bytes s[0..len) against a folded literal. */
static int
fold_equal(const char *s, size_t len, const char *lit, size_t litlen)
{
	size_t j = 0;

	for (size_t i = 0; i < len; i++, j++) {
		unsigned char c = (unsigned char) s[i];

		if (c == 0xE2 && i + 2 < len
		    && (unsigned char) s[i + 1] == 0x80
		    && (unsigned char) s[i + 2] == 0x99) {
			c = '\'';
			i += 2;
		}
		if (j >= litlen || fold_byte(c) != (unsigned char) lit[j]) {
			return (0);
		}
	}
	return (j == litlen);
}

void
mb_text_init(mb_text *t, const char *text, size_t len, const nerp_token *toks,
    const uint64_t *keys, size_t n)
{
	t->text   = text;
	t->len    = len;
	t->toks   = toks;
	t->keys   = keys;
	t->n      = n;
	t->starts = NULL;
}

int
mb_tok_is(const mb_text *t, size_t i, const char *lit)
{
	if (i >= t->n) {
		return (0);
	}
	return (fold_equal(t->text + t->toks[i].start,
	    t->toks[i].end - t->toks[i].start, lit, strlen(lit)));
}

int
mb_patterns_alloc(mb_patterns **out, int case_sensitive,
    uint64_t (*key)(const char *, size_t))
{
	mb_patterns *p = calloc(1, sizeof(*p));

	if (p == NULL) {
		return (NERP_ENOMEM);
	}
	p->cs    = case_sensitive;
	p->key   = key;
	p->mask  = 63;
	p->slots = calloc(64, sizeof(pat_slot));
	if (p->slots == NULL) {
		free(p);
		return (NERP_ENOMEM);
	}
	*out = p;
	return (0);
}

void
mb_patterns_free(mb_patterns *p)
{
	if (p == NULL) {
		return;
	}
	free(p->pats);
	free(p->elems);
	free(p->alts);
	free(p->pool);
	free(p->slots);
	free(p->chain);
	free(p);
}

/* Grows *arr (elements of size sz) to hold at least need. */
static int
grow(void **arr, size_t *cap, size_t need, size_t sz)
{
	size_t nc;
	void  *na;

	if (need <= *cap) {
		return (0);
	}
	nc = *cap ? *cap * 2 : 16;
	while (nc < need) {
		nc *= 2;
	}
	na = realloc(*arr, nc * sz);
	if (na == NULL) {
		return (NERP_ENOMEM);
	}
	*arr = na;
	*cap = nc;
	return (0);
}

static int
index_insert(mb_patterns *p, uint32_t hash, uint32_t pat_index, uint32_t alt)
{
	uint32_t   i;
	pat_entry *en;

	if (grow((void **) &p->chain, &p->cap_chain, p->nchain + 1,
	        sizeof(pat_entry))
	    != 0) {
		return (NERP_ENOMEM);
	}
	en       = &p->chain[p->nchain];
	en->pat  = pat_index;
	en->alt  = alt;
	en->next = 0;
	i        = hash & p->mask;
	while (p->slots[i].pat != 0 && p->slots[i].hash != hash) {
		i = (i + 1) & p->mask;
	}
	if (p->slots[i].pat != 0) {
		/* append to the chain of that hash, keeping the order added */
		uint32_t c = p->slots[i].pat - 1;

		while (p->chain[c].next != 0) {
			c = p->chain[c].next - 1;
		}
		p->chain[c].next = (uint32_t) p->nchain + 1;
		p->nchain++;
		return (0);
	}
	if ((p->nslots + 1) * 4 > p->mask + 1) {
		uint32_t  nmask = p->mask * 2 + 1;
		pat_slot *ns    = calloc((size_t) nmask + 1, sizeof(pat_slot));

		if (ns == NULL) {
			return (NERP_ENOMEM);
		}
		for (uint32_t k = 0; k <= p->mask; k++) {
			if (p->slots[k].pat == 0) {
				continue;
			}
			i = p->slots[k].hash & nmask;
			while (ns[i].pat != 0) {
				i = (i + 1) & nmask;
			}
			ns[i] = p->slots[k];
		}
		free(p->slots);
		p->slots = ns;
		p->mask  = nmask;
		i        = hash & p->mask;
		while (p->slots[i].pat != 0) {
			i = (i + 1) & p->mask;
		}
	}
	p->slots[i].hash = hash;
	p->slots[i].pat  = (uint32_t) p->nchain + 1;
	p->nchain++;
	p->nslots++;
	return (0);
}

static int
add_alt(mb_patterns *p, const char *s, size_t len)
{
	pat_alt *a;

	if (grow((void **) &p->alts, &p->cap_alts, p->nalts + 1,
	        sizeof(pat_alt))
	        != 0
	    || grow((void **) &p->pool, &p->pool_cap, p->pool_len + len + 1, 1)
	        != 0) {
		return (NERP_ENOMEM);
	}
	a      = &p->alts[p->nalts++];
	a->off = (uint32_t) p->pool_len;
	a->len = (uint32_t) len;
	for (size_t i = 0; i < len; i++) {
		p->pool[p->pool_len++]
		    = p->cs ? s[i] : (char) fold_byte((unsigned char) s[i]);
	}
	p->pool[p->pool_len++] = '\0';
	/* the folded text's key: case-sensitive sets then compare bytes */
	a->key = p->key(s, len);
	return (0);
}

int
mb_patterns_add(mb_patterns *p, const char *pattern, int value)
{
	const char *s          = pattern;
	size_t      first_elem = p->nelems;
	size_t      nelem      = 0;
	pat        *pt;

	while (*s != '\0') {
		const char *e;
		pat_elem   *el;

		while (*s == ' ') {
			s++;
		}
		if (*s == '\0') {
			break;
		}
		e = s;
		while (*e != '\0' && *e != ' ') {
			e++;
		}
		if (nelem >= MAX_ELEMS
		    || grow((void **) &p->elems, &p->cap_elems, p->nelems + 1,
		           sizeof(pat_elem))
		        != 0) {
			return (
			    nelem >= MAX_ELEMS ? NERP_EINVAL : NERP_ENOMEM);
		}
		el        = &p->elems[p->nelems];
		el->alt   = (uint32_t) p->nalts;
		el->nalt  = 0;
		el->gap   = 0;
		el->head  = 0;
		el->bloom = 0;
		if (*s == '!' && e - s >= 2) {
			el->head = 1;
			s++;
		}
		if (*s == '*' && e - s >= 2) {
			char *end;
			long  g = strtol(s + 1, &end, 10);

			if (nelem == 0 || end != e || s[1] < '0' || s[1] > '9'
			    || g <= 0 || g > 16 || el->head) {
				return (NERP_EINVAL);
			}
			el->gap = (uint8_t) g;
		} else {
			const char *a = s;

			while (a < e) {
				const char *b = a;

				while (b < e && *b != '|') {
					b++;
				}
				/* counts and lengths kept in 16 bits */
				if (b == a || el->nalt == UINT16_MAX
				    || b - a > UINT16_MAX) {
					return (NERP_EINVAL);
				}
				if (add_alt(p, a, (size_t) (b - a)) != 0) {
					return (NERP_ENOMEM);
				}
				el->bloom |= 1ull
				    << (mb_key32(p->alts[p->nalts - 1].key)
				           & 63);
				el->nalt++;
				a = (b < e) ? b + 1 : b;
			}
		}
		p->nelems++;
		nelem++;
		s = e;
	}
	if (nelem == 0) {
		return (NERP_EINVAL);
	}
	if (grow((void **) &p->pats, &p->cap_pats, p->npats + 1, sizeof(pat))
	    != 0) {
		return (NERP_ENOMEM);
	}
	pt        = &p->pats[p->npats];
	pt->elem  = (uint32_t) first_elem;
	pt->nelem = (uint32_t) nelem;
	pt->value = value;
	for (uint16_t k = 0; k < p->elems[first_elem].nalt; k++) {
		pat_alt *a = &p->alts[p->elems[first_elem].alt + k];

		if (index_insert(p, mb_key32(a->key), (uint32_t) p->npats,
		        p->elems[first_elem].alt + k)
		    != 0) {
			return (NERP_ENOMEM);
		}
	}
	p->npats++;
	return (0);
}

/* Token j is alternative a: equal keys first (a folded match has them),
 * then, for a token of ASCII bytes in a folded set, nothing more. */
static inline int
alt_matches(const mb_patterns *p, const pat_alt *a, const mb_text *t, size_t j)
{
	const char *s   = t->text + t->toks[j].start;
	size_t      len = t->toks[j].end - t->toks[j].start;

	if (a->key != t->keys[j]) {
		return (0);
	}
	if (p->cs) {
		return (
		    a->len == len && memcmp(p->pool + a->off, s, len) == 0);
	}
	return (mb_tok_ascii(t, j)
	    || fold_equal(s, len, p->pool + a->off, a->len));
}

static int
elem_matches(
    const mb_patterns *p, const pat_elem *el, const mb_text *t, size_t j)
{
	uint32_t h = mb_key32(t->keys[j]);

	if ((el->bloom & (1ull << (h & 63))) == 0
	    || (t->starts != NULL && (t->starts[j] & MB_S_LITERAL) == 0)) {
		return (0); /* no alternative, or no pattern, has this word */
	}
	for (uint16_t k = 0; k < el->nalt; k++) {
		if (alt_matches(p, &p->alts[el->alt + k], t, j)) {
			return (1);
		}
	}
	return (0);
}

/* Matches elements [e, last) from token j; returns the end token of the
 * longest match or 0 for none; records the first gap it passes. */
static size_t
match_from(const mb_patterns *p, const pat *pt, uint32_t e, const mb_text *t,
    size_t j, size_t limit, size_t base, uint32_t *gs, uint32_t *ge,
    uint64_t *gm)
{
	const pat_elem *el;

	if (e == pt->nelem) {
		return (j);
	}
	el = &p->elems[pt->elem + e];
	if (el->gap != 0) {
		size_t          best = 0;
		const pat_elem *nx   = e + 1 < pt->nelem ? el + 1 : NULL;

		for (size_t g = 0; g <= el->gap && j + g <= limit; g++) {
			uint32_t s2 = 0, e2 = 0;
			uint64_t m2 = 0;
			size_t   r;

			/* the literal after the gap must be there: test it
			 * before descending */
			if (nx != NULL && nx->gap == 0) {
				if (j + g >= limit
				    || !elem_matches(p, nx, t, j + g)) {
					continue;
				}
				r = match_from(p, pt, e + 2, t, j + g + 1,
				    limit, base, &s2, &e2, &m2);
			} else {
				r = match_from(p, pt, e + 1, t, j + g, limit,
				    base, &s2, &e2, &m2);
			}
			if (r > best) {
				best = r;
				*gs  = (uint32_t) j;
				*ge  = (uint32_t) (j + g);
				for (size_t k = j; k < j + g && k - base < 64;
				     k++) {
					m2 |= 1ull << (k - base);
				}
				*gm = m2;
			}
		}
		return (best);
	}
	if (j >= limit || !elem_matches(p, el, t, j)) {
		return (0);
	}
	return (match_from(p, pt, e + 1, t, j + 1, limit, base, gs, ge, gm));
}

void
mb_patterns_firsts(const mb_patterns *p,
    void (*fn)(void *, uint32_t, const char *, int, int), void *arg)
{
	for (size_t i = 0; i < p->npats; i++) {
		const pat_elem *el = &p->elems[p->pats[i].elem];

		for (uint16_t k = 0; k < el->nalt; k++) {
			const pat_alt *a = &p->alts[el->alt + k];

			fn(arg, mb_key32(a->key), p->pool + a->off,
			    p->pats[i].value, p->pats[i].nelem == 1);
		}
	}
}

/* The element of pattern pt that mb_patterns_heads names (the one marked
 * "!", else the one whose shortest alternative is longest: "presidency"
 * in "handed *8 presidency to", not "to"), or NULL; *reach: the most
 * tokens before it (a gap counted at its longest). */
static const pat_elem *
head_elem(const mb_patterns *p, const pat *pt, size_t *reach)
{
	const pat_elem *best   = NULL;
	uint32_t        blen   = 0;
	size_t          before = 0;

	*reach = 0;
	for (uint32_t e = 0; e < pt->nelem; e++) {
		const pat_elem *el = &p->elems[pt->elem + e];
		uint32_t        mn = UINT32_MAX;

		for (uint16_t k = 0; k < el->nalt; k++) {
			if (p->alts[el->alt + k].len < mn) {
				mn = p->alts[el->alt + k].len;
			}
		}
		if (el->head) {
			*reach = before;
			return (el);
		}
		if (el->gap == 0 && mn > blen) {
			best   = el;
			blen   = mn;
			*reach = before;
		}
		before += el->gap != 0 ? el->gap : 1;
	}
	return (best);
}

void
mb_patterns_heads(const mb_patterns *p,
    void (*fn)(void *, uint32_t, const char *), void *arg)
{
	for (size_t i = 0; i < p->npats; i++) {
		size_t          reach;
		const pat_elem *best = head_elem(p, &p->pats[i], &reach);

		for (uint16_t k = 0; best != NULL && k < best->nalt; k++) {
			const pat_alt *a = &p->alts[best->alt + k];

			fn(arg, mb_key32(a->key), p->pool + a->off);
		}
	}
}

void
mb_patterns_heads_reach(
    const mb_patterns *p, void (*fn)(void *, uint32_t, size_t), void *arg)
{
	for (size_t i = 0; i < p->npats; i++) {
		size_t          reach;
		const pat_elem *best = head_elem(p, &p->pats[i], &reach);

		for (uint16_t k = 0; best != NULL && k < best->nalt; k++) {
			fn(arg, mb_key32(p->alts[best->alt + k].key), reach);
		}
	}
}

void
mb_patterns_literals(const mb_patterns *p,
    void (*fn)(void *, uint32_t, const char *), void *arg)
{
	for (size_t i = 0; i < p->nalts; i++) {
		fn(arg, mb_key32(p->alts[i].key), p->pool + p->alts[i].off);
	}
}

void
mb_patterns_seconds(
    const mb_patterns *p, void (*fn)(void *, uint32_t, uint64_t), void *arg)
{
	for (size_t i = 0; i < p->npats; i++) {
		const pat_elem *el = &p->elems[p->pats[i].elem];
		uint64_t        next;

		if (p->pats[i].nelem < 2) {
			continue;
		}
		next = el[1].gap != 0 ? ~0ull : el[1].bloom;
		for (uint16_t k = 0; k < el->nalt; k++) {
			fn(arg, mb_key32(p->alts[el->alt + k].key), next);
		}
	}
}

size_t
mb_patterns_span(const mb_patterns *p)
{
	size_t most = 0;

	for (size_t i = 0; i < p->npats; i++) {
		size_t span = 0;

		for (uint32_t e = 0; e < p->pats[i].nelem; e++) {
			const pat_elem *el = &p->elems[p->pats[i].elem + e];

			span += el->gap != 0 ? el->gap : 1;
		}
		if (span > most) {
			most = span;
		}
	}
	return (most);
}

int
mb_tok_equals(const mb_text *t, size_t i, const char *lit)
{
	return (fold_equal(t->text + t->toks[i].start,
	    t->toks[i].end - t->toks[i].start, lit, strlen(lit)));
}

int
mb_patterns_starts(const mb_patterns *p, const mb_text *t, size_t i)
{
	uint32_t h = mb_key32(t->keys[i]);
	uint32_t k = h & p->mask;

	while (p->slots[k].pat != 0) {
		if (p->slots[k].hash == h) {
			return (1);
		}
		k = (k + 1) & p->mask;
	}
	return (0);
}

/* Nonzero when token j could be an alternative of element el: it passes
 * the element's bloom and is some pattern's literal (elem_matches' first
 * tests). */
static inline int
elem_may(const pat_elem *el, const mb_text *t, size_t j)
{
	return ((el->bloom & (1ull << (mb_key32(t->keys[j]) & 63))) != 0
	    && (t->starts == NULL || (t->starts[j] & MB_S_LITERAL) != 0));
}

/* Nonzero when the tokens after i may match pt's elements up to its first
 * gap and the literal right after that gap (within the gap's reach):
 * what match_from would test first, without its calls.  Most patterns
 * end here. */
static inline int
blooms_pass(const mb_patterns *p, const pat *pt, const mb_text *t, size_t i,
    size_t limit)
{
	size_t j = i + 1;

	for (uint32_t e = 1; e < pt->nelem; e++, j++) {
		const pat_elem *el = &p->elems[pt->elem + e];
		const pat_elem *nx;

		if (el->gap == 0) {
			if (j >= limit || !elem_may(el, t, j)) {
				return (0);
			}
			continue;
		}
		nx = e + 1 < pt->nelem ? el + 1 : NULL;
		if (nx == NULL || nx->gap != 0) {
			return (1);
		}
		for (size_t g = 0; g <= el->gap && j + g < limit; g++) {
			if (elem_may(nx, t, j + g)) {
				return (1);
			}
		}
		return (0);
	}
	return (1);
}

int
mb_patterns_match(const mb_patterns *p, const mb_text *t, size_t i,
    size_t limit, mb_hit *hit)
{
	uint32_t h;
	uint32_t k;
	size_t   best     = 0;
	uint32_t best_pat = UINT32_MAX;
	int      verified = -1;

	if (i >= t->n || i >= limit) {
		return (0);
	}
	h = mb_key32(t->keys[i]);
	k = h & p->mask;
	while (p->slots[k].pat != 0 && p->slots[k].hash != h) {
		k = (k + 1) & p->mask;
	}
	if (p->slots[k].pat == 0) {
		return (0);
	}
	for (uint32_t c = p->slots[k].pat; c != 0; c = p->chain[c - 1].next) {
		const pat_entry *en = &p->chain[c - 1];
		uint32_t         pi = en->pat;
		const pat       *pt = &p->pats[pi];
		uint32_t         gs = 0, ge = 0;
		uint64_t         gm = 0;
		size_t           end;

		/* the tokens up to the first gap must pass their elements'
		 * blooms (as match_from would test them): most patterns end
		 * here */
		if (!blooms_pass(p, pt, t, i, limit)) {
			continue;
		}
		/* folded sets: every entry of this hash holds the same word,
		 * so the token is compared once */
		if (verified < 0 || p->cs) {
			verified = alt_matches(p, &p->alts[en->alt], t, i);
		}
		if (!verified) {
			continue;
		}
		end = match_from(p, pt, 1, t, i + 1, limit, i, &gs, &ge, &gm);
		if (end > i
		    && (end > best || (end == best && pi < best_pat))) {
			best           = end;
			best_pat       = pi;
			hit->ntok      = (uint32_t) (end - i);
			hit->value     = pt->value;
			hit->gap_start = gs;
			hit->gap_end   = ge;
			hit->gaps      = gm;
			hit->index     = pi;
		}
	}
	return (best > 0);
}
