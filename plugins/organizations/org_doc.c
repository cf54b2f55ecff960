/*
 * org_doc.c: what one document says about its organisations as a whole.
 *
 *  - "Full Name (ACR)": the acronym in brackets is a second mention, linked
 *    to the name, and later uses of the acronym are mentions too ("PACE's
 *    work").
 *  - A company named with its suffix ("Omnicom Group Inc") is later named
 *    without it ("Omnicom"); a club found in a results table is the same
 *    club in the report's text.
 *  - attrs.name is the fullest form of the organisation in the document:
 *    the longest mention of a gazetteer entry, or of a pattern name that
 *    starts the same way ("Committee of Ministers" ... "Committee of
 *    Ministers of the Council of Europe").
 */
#include <stdlib.h>
#include <string.h>

#include "org.h"
#include "org_scan.h"

#define ORG_LEARN_MAX 32    /* learned forms per document */
#define ORG_LEARN_TOKS 6    /* tokens in a learned form */
#define ORG_PREFIX_SCAN 512 /* pattern names per bucket for fullest names */

/* A form learned from one mention: its tokens' texts, and the mention. */
typedef struct org_learned {
	size_t tok; /* first token of the form in the document */
	size_t ntok;
	int    mention; /* the mention it came from */
	int    source;  /* enum org_source of the mentions it makes */
} org_learned;

static int
org_tok_eq(const char *text, const nerp_token *a, const nerp_token *b)
{
	return (a->end - a->start == b->end - b->start
	    && memcmp(text + a->start, text + b->start, a->end - a->start)
	        == 0);
}

/* Nonzero when a is a plausible acronym of the mention's name: capital
 * letters, its first one the first letter of one of the name's words
 * ("CNSP" for the National Council for the Safeguard of the Homeland,
 * after the French word order). */
static int
org_acronym_fits(const char *text, const nerp_token *a, const org_mention *m)
{
	size_t i, upper = 0;
	int    first = 0;

	if (a->kind != NERP_TOK_WORD || a->end - a->start < 2
	    || a->end - a->start > 10
	    || (a->flags & NERP_TF_UPPER_INITIAL) == 0) {
		return (0);
	}
	for (i = a->start; i < a->end; i++) {
		if (text[i] >= 'A' && text[i] <= 'Z') {
			upper++;
		}
	}
	for (i = m->start; i < m->end && !first; i++) {
		first = text[i] == text[a->start]
		    && (i == m->start || text[i - 1] == ' ');
	}
	return (upper >= 2 && first);
}

/* Finds "(ACR)" after each mention; adds or links the acronym and learns
 * it.  Returns the new mention count. */
static size_t
org_link_acronyms(const char *text, const nerp_token *toks, size_t n,
    uint8_t *covered, org_mention *m, size_t nm, size_t cap,
    org_learned *learned, size_t *nlearned)
{
	size_t k, count = nm;

	for (k = 0; k < nm; k++) {
		size_t a = m[k].tok + m[k].ntok;
		if (m[k].source == ORG_SRC_ACRONYM || a + 2 >= n
		    || !org_tok_is(text, &toks[a], "(")
		    || !org_tok_is(text, &toks[a + 2], ")")
		    || !org_acronym_fits(text, &toks[a + 1], &m[k])) {
			continue;
		}
		if (covered[a + 1]) {
			/* Already a mention (a gazetteer acronym). */
			if (k + 1 < nm && m[k + 1].tok == a + 1) {
				m[k + 1].link = (int) k;
			}
			continue;
		}
		if (count >= cap) {
			break;
		}
		org_mention_init(&m[count], toks, a + 1, a + 2, -1,
		    ORG_SRC_ACRONYM, (int) k);
		covered[a + 1] = 1;
		count++;
		if (*nlearned < ORG_LEARN_MAX) {
			learned[*nlearned].tok     = a + 1;
			learned[*nlearned].ntok    = 1;
			learned[*nlearned].mention = (int) k;
			learned[*nlearned].source  = ORG_SRC_ACRONYM;
			(*nlearned)++;
		}
	}
	return (count);
}

/* Whether word classes c make a company suffix that is no head. */
static int
org_suffix_only(unsigned c)
{
	return ((c & ORG_W_SUFFIX) != 0 && (c & ORG_W_HEAD) == 0);
}

/* Learns the short form of companies ("Omnicom" from "Omnicom Group") and
 * the clubs of results tables. */
static void
org_learn_forms(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, const org_mention *m, size_t nm, org_learned *learned,
    size_t *nlearned)
{
	size_t k;

	for (k = 0; k < nm && *nlearned < ORG_LEARN_MAX; k++) {
		size_t s = m[k].tok, e = m[k].tok + m[k].ntok;
		if (m[k].source == ORG_SRC_TEAM) {
			learned[*nlearned].tok     = s;
			learned[*nlearned].ntok    = e - s;
			learned[*nlearned].mention = (int) k;
			learned[*nlearned].source  = ORG_SRC_TEAM;
			(*nlearned)++;
			continue;
		}
		if (m[k].source != ORG_SRC_PATTERN) {
			continue;
		}
		/* Drop the trailing "." and company suffixes ("Corp",
		 * "Inc", "Group"). */
		while (e > s
		    && (org_tok_is(text, &toks[e - 1], ".")
		        || org_tok_is(text, &toks[e - 1], ",")
		        || org_suffix_only(
		            org_cls(lex, text, toks, keys, n, cls, e - 1)))) {
			e--;
		}
		if (e == s || e == m[k].tok + m[k].ntok
		    || e - s > ORG_LEARN_TOKS
		    || (org_cls(lex, text, toks, keys, n, cls, s)
		           & (ORG_W_HEAD | ORG_W_STOP | ORG_W_TITLE))
		        != 0) {
			continue;
		}
		learned[*nlearned].tok     = s;
		learned[*nlearned].ntok    = e - s;
		learned[*nlearned].mention = (int) k;
		learned[*nlearned].source  = ORG_SRC_SHORT;
		(*nlearned)++;
	}
}

/* The learned forms by the key of their first token: an open-addressing
 * table of ORG_FORM_SLOTS (four times ORG_LEARN_MAX), each slot the
 * first form of one key, chained to the others of that key in learning
 * order. */
#define ORG_FORM_SLOTS 128

typedef struct org_forms {
	uint64_t key[ORG_FORM_SLOTS];
	int      head[ORG_FORM_SLOTS]; /* -1 = empty slot */
	int      next[ORG_LEARN_MAX];  /* the next form of the same key */
} org_forms;

/* The slot of key: its own, or the empty one where it goes. */
static size_t
org_forms_slot(const org_forms *fs, uint64_t key)
{
	size_t s = (size_t) (key >> 57); /* 64 - log2(ORG_FORM_SLOTS) */

	while (fs->head[s] >= 0 && fs->key[s] != key) {
		s = (s + 1) % ORG_FORM_SLOTS;
	}
	return (s);
}

/* Later uses of learned forms at tokens no mention covers. */
static size_t
org_find_learned(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, const uint32_t *caps, size_t ncaps, uint8_t *covered,
    org_mention *m, size_t count, size_t cap, const org_learned *learned,
    size_t nlearned)
{
	size_t    c, i, j, next = 0;
	int       l;
	org_forms fs;

	if (nlearned == 0) {
		return (count);
	}
	memset(fs.head, 0xff, sizeof(fs.head));
	for (l = (int) nlearned; l-- > 0;) {
		uint64_t key = keys[learned[l].tok];
		size_t   s   = org_forms_slot(&fs, key);
		fs.next[l]   = fs.head[s];
		fs.key[s]    = key;
		fs.head[s]   = l;
	}
	/* Every learned form starts with a capitalised word. */
	for (c = 0; c < ncaps && count < cap; c++) {
		i = caps[c];
		l = fs.head[org_forms_slot(&fs, keys[i])];
		if (l < 0 || i < next || covered[i] || !org_is_cap(&toks[i])) {
			continue;
		}
		for (; l >= 0; l = fs.next[l]) {
			const org_learned *f = &learned[l];
			if (i + f->ntok > n) {
				continue;
			}
			for (j = 0; j < f->ntok; j++) {
				if (keys[i + j] != keys[f->tok + j]
				    || covered[i + j]
				    || !org_tok_eq(text, &toks[i + j],
				        &toks[f->tok + j])) {
					break;
				}
			}
			if (j < f->ntok) {
				continue;
			}
			/* Not inside a longer capitalised name. */
			if (i + j < n && org_is_cap(&toks[i + j])
			    && org_joins(text, toks, i + j)) {
				continue;
			}
			/* "Islamic Group" ... "an Islamic state": one word
			 * before a noun is an adjective. */
			if (f->source == ORG_SRC_SHORT && f->ntok == 1
			    && i + 1 < n && org_joins(text, toks, i + 1)
			    && toks[i + 1].kind == NERP_TOK_WORD
			    && (toks[i + 1].flags & NERP_TF_ALL_LOWER) != 0
			    && (org_cls(lex, text, toks, keys, n, cls, i + 1)
			           & (ORG_W_SPEECH | ORG_W_CONNECT))
			        == 0) {
				continue;
			}
			if (f->source == ORG_SRC_TEAM
			    && !org_team_context(
			        lex, text, toks, keys, n, cls, i, i + j)) {
				continue;
			}
			org_mention_init(&m[count], toks, i, i + f->ntok, -1,
			    f->source, f->mention);
			memset(covered + i, 1, f->ntok);
			count++;
			next = i + f->ntok;
			break;
		}
	}
	return (count);
}

static int
org_mention_cmp(const void *a, const void *b)
{
	const org_mention *x = a, *y = b;

	return (x->start < y->start ? -1 : (x->start > y->start ? 1 : 0));
}

/* A bump allocator for the names of one document's mentions, over chunks
 * taken from the arena: one arena call for many names. */
#define ORG_NAMES_CHUNK 1024

typedef struct org_names {
	const org_arena *arena;
	char            *p;
	size_t           left;
} org_names;

/* A NUL-terminated copy of s[0..len) from names, or NULL when the arena
 * fails. */
static char *
org_copy(org_names *names, const char *s, size_t len)
{
	char *p;

	if (len + 1 > names->left) {
		size_t size
		    = len + 1 > ORG_NAMES_CHUNK ? len + 1 : ORG_NAMES_CHUNK;
		names->p = names->arena->alloc(names->arena->arg, size);
		if (names->p == NULL) {
			return (NULL);
		}
		names->left = size;
	}
	p = names->p;
	memcpy(p, s, len);
	p[len] = '\0';
	names->p += len + 1;
	names->left -= len + 1;
	return (p);
}

/* Pattern mentions grouped by the first byte and length of their first
 * token: a name can only extend one that starts with the same word. */
#define ORG_BUCKETS 256

static unsigned
org_bucket(const char *text, const nerp_token *toks, const org_mention *m)
{
	const nerp_token *t = &toks[m->tok];

	return (((unsigned char) text[t->start] * 31u + (t->end - t->start))
	    % ORG_BUCKETS);
}

/* The leading words of the pattern names of a crowded bucket: each text
 * that such a name starts with, followed by a space, and the longest name
 * (the first of equal lengths) of its bucket that starts so. */
typedef struct org_prefix {
	uint64_t hash;       /* of the text and bucket; 0 = empty slot */
	size_t   start, len; /* the text */
	unsigned bucket;
	int      k; /* the longest name starting with it */
} org_prefix;

/* The pattern names of a document by bucket: the first ORG_PREFIX_SCAN
 * of each, listed in order.  The names of a bucket of at most
 * ORG_FEW_NAMES are compared directly; a more crowded bucket's leading
 * words go to a table (none when no such name has several words), so
 * that a document of many names sharing their leading words costs no
 * more per name than one of few. */
#define ORG_FEW_NAMES 8

typedef struct org_prefixes {
	uint16_t    count[ORG_BUCKETS]; /* names listed per bucket */
	uint32_t    first[ORG_BUCKETS]; /* its first name, when count > 0 */
	uint32_t    last[ORG_BUCKETS];  /* its last name, when count > 0 */
	uint32_t   *next;               /* per mention: the bucket's next */
	org_prefix *slot;               /* the table, or NULL: see above */
	size_t      mask;
} org_prefixes;

#define ORG_FNV_BASIS 14695981039346656037ull
#define ORG_FNV_PRIME 1099511628211ull

/* The hash h of a text so far, extended by byte c (FNV-1a). */
static uint64_t
org_fnv(uint64_t h, char c)
{
	return ((h ^ (unsigned char) c) * ORG_FNV_PRIME);
}

/* The hash of a text hashed so far as h, in bucket b; never 0. */
static uint64_t
org_prefix_hash(uint64_t h, unsigned b)
{
	h = (h ^ b) * ORG_FNV_PRIME;
	return (h != 0 ? h : 1);
}

/* The slot of text[start..start + len) in bucket b: its own, or the empty
 * one where it goes. */
static org_prefix *
org_prefix_slot(const org_prefixes *px, const char *text, size_t start,
    size_t len, unsigned b, uint64_t h)
{
	size_t i = (size_t) (h >> 20) & px->mask;

	while (px->slot[i].hash != 0
	    && (px->slot[i].hash != h || px->slot[i].len != len
	        || px->slot[i].bucket != b
	        || memcmp(text + px->slot[i].start, text + start, len) != 0)) {
		i = (i + 1) & px->mask;
	}
	return (&px->slot[i]);
}

/* Records that name x of bucket b starts with its first p bytes (hashed
 * as h): their entry keeps the longest such name, the first of equal
 * lengths. */
static void
org_prefix_add(org_prefixes *px, const char *text, const org_mention *m,
    size_t x, size_t p, unsigned b, uint64_t h)
{
	size_t      start = m[x].start;
	uint64_t    hb    = org_prefix_hash(h, b);
	org_prefix *e     = org_prefix_slot(px, text, start, p, b, hb);

	if (e->hash == 0) {
		*e = (org_prefix) { hb, start, p, b, (int) x };
	} else if (m[x].end - start > m[e->k].end - m[e->k].start) {
		e->k = (int) x;
	}
}

/* Walks the names listed in crowded buckets: while there is no table
 * (px->slot NULL), returns how many spaces end a leading word of one
 * (neither first nor last); else adds each leading word to the table. */
static size_t
org_prefixes_walk(const char *text, const org_mention *m, org_prefixes *px)
{
	size_t   total = 0, p, j, x;
	unsigned b;

	for (b = 0; b < ORG_BUCKETS; b++) {
		if (px->count[b] <= ORG_FEW_NAMES) {
			continue;
		}
		for (j = 0, x = px->first[b]; j < px->count[b]; j++) {
			size_t   start = m[x].start, len = m[x].end - start;
			uint64_t h = org_fnv(ORG_FNV_BASIS, text[start]);
			for (p = 1; p + 1 < len; p++) {
				if (text[start + p] == ' '
				    && px->slot != NULL) {
					org_prefix_add(
					    px, text, m, x, p, b, h);
				} else if (text[start + p] == ' ') {
					total++;
				}
				h = org_fnv(h, text[start + p]);
			}
			if (j + 1 < px->count[b]) {
				x = px->next[x];
			}
		}
	}
	return (total);
}

/* Lists the pattern names among m[0..count) by bucket, and builds the
 * table of crowded buckets' leading words; -1 when the arena fails. */
static int
org_prefixes_build(const char *text, const nerp_token *toks,
    const org_mention *m, size_t count, const org_arena *arena,
    org_prefixes *px)
{
	size_t k, total, size = 16;
	int    crowded = 0;

	px->slot = NULL;
	px->next = arena->alloc(arena->arg, (count + 1) * sizeof(uint32_t));
	if (px->next == NULL) {
		return (-1);
	}
	memset(px->count, 0, sizeof(px->count));
	for (k = 0; k < count; k++) {
		unsigned b;
		if (m[k].source != ORG_SRC_PATTERN) {
			continue;
		}
		b = org_bucket(text, toks, &m[k]);
		if (px->count[b] >= ORG_PREFIX_SCAN) {
			continue;
		}
		if (px->count[b] == 0) {
			px->first[b] = (uint32_t) k;
		} else {
			px->next[px->last[b]] = (uint32_t) k;
		}
		px->last[b] = (uint32_t) k;
		px->count[b]++;
		crowded |= px->count[b] > ORG_FEW_NAMES;
	}
	if (!crowded) {
		return (0);
	}
	total = org_prefixes_walk(text, m, px);
	if (total == 0) {
		return (0);
	}
	while (size < 2 * total) {
		size *= 2;
	}
	px->slot = arena->alloc(arena->arg, size * sizeof(org_prefix));
	if (px->slot == NULL) {
		return (-1);
	}
	memset(px->slot, 0, size * sizeof(org_prefix));
	px->mask = size - 1;
	org_prefixes_walk(text, m, px);
	return (0);
}

/* The mention whose text is the fullest form of pattern mention k: the
 * longest pattern name listed in its bucket equal to or extending k's
 * text by whole words. */
static size_t
org_fullest_pattern(const char *text, const nerp_token *toks,
    const org_mention *m, const org_prefixes *px, size_t k)
{
	uint64_t          h = ORG_FNV_BASIS;
	size_t            p, j, x, full = k, len = m[k].end - m[k].start;
	size_t            best = len + 1; /* a longer name: a space, a word */
	unsigned          b    = org_bucket(text, toks, &m[k]);
	const org_prefix *e;

	if (px->count[b] <= ORG_FEW_NAMES) {
		for (j = 0, x = px->first[b]; j < px->count[b]; j++) {
			size_t xlen = m[x].end - m[x].start;
			if (xlen > best && text[m[x].start + len] == ' '
			    && memcmp(
			           text + m[x].start, text + m[k].start, len)
			        == 0) {
				full = x;
				best = xlen;
			}
			if (j + 1 < px->count[b]) {
				x = px->next[x];
			}
		}
		return (full);
	}
	if (px->slot == NULL) {
		return (k);
	}
	for (p = 0; p < len; p++) {
		h = org_fnv(h, text[m[k].start + p]);
	}
	h = org_prefix_hash(h, b);
	e = org_prefix_slot(px, text, m[k].start, len, b, h);
	return (e->hash != 0 ? (size_t) e->k : k);
}

/* The longest mention of a gazetteer entry: a small open-addressing map
 * from entry to mention, sized by the document's mentions rather than by
 * the gazetteer. */
typedef struct org_best {
	int entry; /* -1 = empty */
	int k;     /* the longest mention of entry so far */
} org_best;

/* The slot of entry in map (mask + 1 slots): its own, or the empty one
 * where it goes. */
static org_best *
org_best_slot(org_best *map, size_t mask, int entry)
{
	/* Fibonacci hashing in 32 bits; the product wraps on purpose. */
	size_t i = (size_t) ((uint32_t) entry * 2654435761u) & mask;

	while (map[i].entry != entry && map[i].entry >= 0) {
		i = (i + 1) & mask;
	}
	return (&map[i]);
}

/* Builds the map of the longest mention of each entry among m[0..count)
 * (the first of equal lengths), sets *mask; NULL when the arena fails. */
static org_best *
org_best_find(
    const org_mention *m, size_t count, const org_arena *arena, size_t *mask)
{
	org_best *map;
	size_t    size = 16, k;

	while (size < 2 * count) {
		size *= 2;
	}
	map = arena->alloc(arena->arg, size * sizeof(*map));
	if (map == NULL) {
		return (NULL);
	}
	/* Every byte 0xff: entry and k are -1. */
	memset(map, 0xff, size * sizeof(*map));
	*mask = size - 1;
	for (k = 0; k < count; k++) {
		org_best *b;
		if (m[k].entry < 0) {
			continue;
		}
		b = org_best_slot(map, *mask, m[k].entry);
		if (b->entry < 0
		    || m[k].end - m[k].start > m[b->k].end - m[b->k].start) {
			b->entry = m[k].entry;
			b->k     = (int) k;
		}
	}
	return (map);
}

size_t
org_resolve(const org_lexicon *lex, const char *text, const nerp_token *toks,
    const uint64_t *keys, size_t n, const uint16_t *cls, const uint32_t *caps,
    size_t ncaps, org_mention *m, size_t nm, size_t cap,
    const org_arena *arena)
{
	org_learned  learned[ORG_LEARN_MAX];
	size_t       nlearned = 0, count, k, mask;
	uint8_t     *covered;
	org_best    *best;
	org_prefixes px;
	org_names    names = { arena, NULL, 0 };

	/* Nothing to link, learn or name (a form is learned from a
	 * mention). */
	if (nm == 0) {
		return (0);
	}
	covered = arena->alloc(arena->arg, n + 1);
	if (covered == NULL) {
		return ((size_t) -1);
	}
	memset(covered, 0, n + 1);
	for (k = 0; k < nm; k++) {
		memset(covered + m[k].tok, 1, m[k].ntok);
	}
	count = org_link_acronyms(
	    text, toks, n, covered, m, nm, cap, learned, &nlearned);
	org_learn_forms(
	    lex, text, toks, keys, n, cls, m, nm, learned, &nlearned);
	count = org_find_learned(lex, text, toks, keys, n, cls, caps, ncaps,
	    covered, m, count, cap, learned, nlearned);

	/* The longest mention of each gazetteer entry. */
	best = org_best_find(m, count, arena, &mask);
	if (best == NULL) {
		return ((size_t) -1);
	}
	/* Leading words of pattern names for org_fullest_pattern. */
	if (org_prefixes_build(text, toks, m, count, arena, &px) != 0) {
		return ((size_t) -1);
	}
	/* Attributes, while links still hold indices (before sorting). */
	for (k = 0; k < count; k++) {
		org_mention       *x    = &m[k];
		const org_mention *base = x;
		size_t             full;

		if (x->link >= 0) {
			base = &m[x->link];
		}
		if (base->entry >= 0) {
			full = (size_t) org_best_slot(best, mask, base->entry)
			           ->k;
		} else if (base->source != ORG_SRC_PATTERN) {
			full = (size_t) (base - m);
		} else {
			full = org_fullest_pattern(
			    text, toks, m, &px, (size_t) (base - m));
		}
		x->name = org_copy(
		    &names, text + m[full].start, m[full].end - m[full].start);
		if (x->name == NULL) {
			return ((size_t) -1);
		}
		if (base->entry >= 0) {
			const org_entry *e = &lex->entries[base->entry];
			x->acronym         = e->acronym;
			x->canonical       = e->canonical;
			x->country         = e->country;
		} else {
			x->country = base->country;
		}
		if (x->source == ORG_SRC_ACRONYM && x->acronym[0] == '\0') {
			x->acronym = org_copy(
			    &names, text + x->start, x->end - x->start);
			if (x->acronym == NULL) {
				return ((size_t) -1);
			}
		}
	}
	/* A name followed by "(ACR)" gets the acronym too. */
	for (k = 0; k < count; k++) {
		if (m[k].source == ORG_SRC_ACRONYM && m[k].link >= 0
		    && m[m[k].link].acronym[0] == '\0') {
			m[m[k].link].acronym = m[k].acronym;
		}
	}
	org_sort(m, count, org_mention_cmp);
	return (count);
}

int
org_recognize(const org_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const org_arena *arena, org_mention **out, size_t *nout)
{
	uint16_t     cls[ORG_FIRST_LINE_TOKENS];
	uint32_t    *caps;
	org_mention *m;
	size_t       cap = 16, nm, ncaps;

	(void) len;
	*out  = NULL;
	*nout = 0;
	if (n == 0) {
		return (0);
	}
	caps = arena->alloc(arena->arg, n * sizeof(uint32_t));
	if (caps == NULL) {
		return (NERP_ENOMEM);
	}
	/* Every candidate starts at, or is headed by, a capitalised word,
	 * and each such word gives at most three (gazetteer, pattern, club).
	 */
	ncaps = org_classify(lex, text, toks, keys, n, cls, caps);
	cap += 3 * ncaps;
	m = arena->alloc(arena->arg, cap * sizeof(org_mention));
	if (m == NULL) {
		return (NERP_ENOMEM);
	}
	nm = org_scan_candidates(
	    lex, text, toks, keys, n, cls, caps, ncaps, m, cap);
	nm = org_select(m, nm);
	nm = org_resolve(
	    lex, text, toks, keys, n, cls, caps, ncaps, m, nm, cap, arena);
	if (nm == (size_t) -1) {
		return (NERP_ENOMEM);
	}
	*out  = m;
	*nout = nm;
	return (0);
}
