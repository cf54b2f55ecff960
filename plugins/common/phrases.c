/*
 * plugins/common/phrases.c: a token trie for multi-word lexicons, walked by
 * token keys.
 *
 * Nodes are numbered, the root is 0.  Edges live in one open-addressing
 * table keyed by (parent node, key of the token), the key being host->key
 * of the token text (XXH3 of its folded form), so finding a child costs
 * one multiply and usually one probe however many children a node has.
 * A case-sensitive matcher also keeps each edge's exact token text in a
 * byte pool and compares it once the low half of the edge's hash agrees
 * (see below); several edges may then share (parent, key), such as
 * "Moscow" and "MOSCOW".
 *
 * Most tokens of a document start no phrase, so the keys of first tokens
 * also set one bit each in a bitset indexed by the key's top bits: a token
 * whose bit is clear is rejected with a shift, a load and a test.
 *
 * Callers without keys (nerl_phrases_at) would hash every token they ask
 * about.  So a second filter, of the shapes of the tokens of phrases,
 * rejects most such tokens before their key is computed.  The shape of a
 * token is, for a case-sensitive matcher, its first two bytes, last byte
 * and length; for a case-folding one, the first two bytes of its folded
 * form.  Folding maps each ASCII byte to its lowercase on its own, so the
 * first two folded bytes of a token starting with two ASCII bytes are
 * known without folding it; other tokens pass on their first byte, or are
 * keyed.
 *
 * Values of phrases ending at a node form a singly linked list in
 * insertion order.
 *
 * A walk reads only edges: what the walk asks of a node (its first value
 * and whether edges leave it) is kept on the edge into it, not in the
 * node, so a step costs one probe of the edge table and no look at the
 * nodes.  An edge is known by the hash of its parent and key, key ^
 * parent * an odd constant, which also picks its slot.  A case-folding
 * matcher keeps all 64 bits of it on the edge and takes a token for the
 * edge's when they agree, so a token may be taken for an edge of any
 * parent whose hash it shares: odds of about 2^-64 per edge, as for keys
 * of different texts (two tokens of phrases whose hashes collide share a
 * node, silently).  A case-sensitive one keeps the low 32 and, in the
 * other 32, where the edge's exact token text is in the pool (its length,
 * then its bytes), read only when the low halves agree.  That is exact:
 * the same text has the same key, and the parent's part of the low half,
 * parent * the constant's low half, is odd times parent modulo 2^32, so
 * two parents never give the same (different texts may share a low half;
 * their text tells them apart).
 * Edges are 16 bytes in a table aligned to cache lines and at most half
 * full: a probe reads one line, and the table of a lexicon of a few
 * thousand tokens takes 64 or 128 KiB.
 */
#include <stdlib.h>
#include <string.h>

#include "nerl.h"

#define NO_VALUE UINT32_MAX

/* Bits of the first-token filter per first token (at least). */
#define FILTER_BITS_PER_KEY 32
#define FILTER_MIN_LOG2 12
/* Bits of the set of all tokens' keys per edge (at least). */
#define TOKENS_BITS_PER_KEY 16
/* The edge table is kept at most 1/EDGE_LOAD_INV full: most probes are
 * for a token that continues no phrase, and those end at an empty slot. */
#define EDGE_LOAD_INV 2

/* Nodes are numbered in 31 bits (an edge keeps a flag beside). */
#define MAX_NODES ((uint32_t) 1 << 31)

typedef struct phrase_edge {
	uint32_t tag;          /* low half of edge_hash */
	uint32_t check;        /* case folding: high half of edge_hash; else
	                          the token's text in pool (text_is) */
	uint32_t child : 31;   /* 0 = empty slot (the root is never a child) */
	uint32_t has_kids : 1; /* edges leave the child */
	uint32_t head;         /* the child's first value, or NO_VALUE */
} phrase_edge;

/* Edge tables start on a cache line (a probe reads one line). */
#define EDGE_ALIGN 64
_Static_assert(EDGE_ALIGN % sizeof(phrase_edge) == 0,
    "an edge never straddles a cache line");

/* walk keeps the depth of each hit in a byte */
_Static_assert(NERL_PHRASE_MAX_TOKENS <= UINT8_MAX, "a depth fits a byte");

/* Bits for the shapes of tokens (see shape_may). */
typedef struct phrase_shapes {
	uint64_t pairs[65536 / 64]; /* exact_shape, or folded first byte << 8
	                               | second (0 if none) */
	uint64_t leads[256 / 64];   /* folded first byte (case folding) */
} phrase_shapes;

/* A node other than the root, read only while phrases are added (its
 * first value and whether edges leave it are on edges[edge]). */
typedef struct phrase_node {
	uint64_t key;    /* of the token of the edge into the node */
	uint32_t parent;
	uint32_t tail;   /* last value, or NO_VALUE */
	uint32_t edge;   /* slot of the edge into the node */
} phrase_node;

typedef struct phrase_value {
	int      value;
	uint32_t next; /* next value of the same node, or NO_VALUE */
} phrase_value;

struct nerl_phrases {
	const nerp_host *host;
	uint64_t (*key)(const char *text, size_t len);
	unsigned flags;

	phrase_node *nodes; /* [0], the root, is never read */
	uint32_t     nnodes; /* the root too: nnodes - 1 edges */
	uint32_t     node_cap;
	uint32_t     nfirst; /* edges leaving the root (first tokens) */

	phrase_value *values;
	uint32_t      nvalues;
	uint32_t      value_cap;

	phrase_edge *edges;
	uint32_t     mask; /* table size - 1; size is a power of two */

	uint64_t   *filter;    /* one bit per first-token key's top bits */
	nerl_keyset starts;    /* filter as callers see it */
	uint64_t   *tokfilter; /* one bit per key of any token of a phrase */
	nerl_keyset tokens;    /* tokfilter as callers see it */

	char  *pool;
	size_t pool_len;
	size_t pool_cap;

	phrase_shapes shapes[2]; /* [0]: first tokens, [1]: later tokens */
};

/* The hash of the edge from parent along a token of key k. */
static inline uint64_t
edge_hash(uint32_t parent, uint64_t k)
{
	return (k ^ ((uint64_t) parent * 0x9E3779B97F4A7C15u));
}

static inline uint32_t
slot_of(uint64_t h, uint32_t mask)
{
	return ((uint32_t) (h ^ (h >> 32)) & mask);
}

static inline int
filter_has(const nerl_phrases *p, uint64_t key)
{
	return (nerl_keyset_has(&p->starts, key));
}

static inline int
bit_has(const uint64_t *set, unsigned b)
{
	return ((int) ((set[b >> 6] >> (b & 63)) & 1u));
}

static inline unsigned
ascii_lower(unsigned c)
{
	return (c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* The bit of a token for a case-sensitive matcher: its first two bytes,
 * last byte and length mixed into 16 bits (len > 0). */
static inline unsigned
exact_shape(const char *s, size_t len)
{
	uint32_t v = (uint32_t) (unsigned char) s[0]
	    | (uint32_t) (unsigned char) s[len > 1] << 8
	    | (uint32_t) (unsigned char) s[len - 1] << 16
	    | (uint32_t) (len < 255 ? len : 255) << 24;

	return ((v * 0x9E3779B1u) >> 16);
}

static inline void
bit_set(uint64_t *set, unsigned b)
{
	set[b >> 6] |= (uint64_t) 1u << (b & 63);
}

/* Records the shape of a token of a phrase: for a case-folding matcher
 * the first two bytes of its folded form and the first alone. */
static void
shape_add(phrase_shapes *sh, unsigned flags, const char *s, size_t len)
{
	char     buf[64];
	unsigned c0, c1;

	if (len == 0) {
		return;
	}
	if (!(flags & NERL_CASE_FOLD)) {
		bit_set(sh->pairs, exact_shape(s, len));
		return;
	}
	len = nerl_fold(s, len, buf, sizeof(buf));
	c0  = len > 0 ? (unsigned char) buf[0] : 0;
	c1  = len > 1 ? (unsigned char) buf[1] : 0;
	bit_set(sh->pairs, c0 << 8 | c1);
	bit_set(sh->leads, c0);
}

/* Whether the token s[0..len) may equal a token recorded in sh, judged by
 * its shape: 0 means it cannot. */
static inline int
shape_may(const phrase_shapes *sh, unsigned flags, const char *s, size_t len)
{
	unsigned c0, c1;

	if (len == 0) {
		return (1);
	}
	if (!(flags & NERL_CASE_FOLD)) {
		return (bit_has(sh->pairs, exact_shape(s, len)));
	}
	c0 = (unsigned char) s[0];
	c1 = len > 1 ? (unsigned char) s[1] : 0;
	if (c0 >= 0x80) {
		return (1);
	}
	c0 = ascii_lower(c0);
	if (c1 >= 0x80) {
		return (bit_has(sh->leads, c0));
	}
	return (bit_has(sh->pairs, c0 << 8 | ascii_lower(c1)));
}

/* Whether a[0..len) and b[0..len) hold the same bytes: tokens of 1 to 8
 * bytes compared inline, with loads that overlap in the middle and never
 * read outside either span; others by memcmp. */
static inline int
bytes_eq(const char *a, const char *b, size_t len)
{
	uint32_t x0, x1, y0, y1;

	if (len - 1 >= 8) {
		return (memcmp(a, b, len) == 0);
	}
	if (len < 4) {
		return (a[0] == b[0] && a[len / 2] == b[len / 2]
		    && a[len - 1] == b[len - 1]);
	}
	memcpy(&x0, a, 4);
	memcpy(&x1, a + len - 4, 4);
	memcpy(&y0, b, 4);
	memcpy(&y1, b + len - 4, 4);
	return (((x0 ^ y0) | (x1 ^ y1)) == 0);
}

/* Whether the text at offset off of the pool is s[0..len). */
static inline int
text_is(const nerl_phrases *p, uint32_t off, const char *s, size_t len)
{
	uint32_t n;

	memcpy(&n, p->pool + off, sizeof(n));
	return (n == len && bytes_eq(p->pool + off + sizeof(n), s, len));
}

/* The edge from parent along a token of key k and text s[0..len), or
 * NULL. */
static inline const phrase_edge *
edge_to(const nerl_phrases *p, uint32_t parent, uint64_t k, const char *s,
    size_t len)
{
	uint64_t h    = edge_hash(parent, k);
	uint32_t tag  = (uint32_t) h;
	uint32_t high = (uint32_t) (h >> 32);
	uint32_t i    = slot_of(h, p->mask);

	for (;;) {
		const phrase_edge *e = &p->edges[i];

		if (e->child == 0) {
			return (NULL);
		}
		if (e->tag == tag
		    && ((p->flags & NERL_CASE_FOLD)
		            ? e->check == high
		            : text_is(p, e->check, s, len))) {
			return (e);
		}
		i = (i + 1) & p->mask;
	}
}

/* A cleared edge table of n slots (a power of two, at least 64), on a
 * cache line; NULL when out of memory. */
static phrase_edge *
edges_alloc(size_t n)
{
	phrase_edge *e = aligned_alloc(EDGE_ALIGN, n * sizeof(phrase_edge));

	if (e != NULL) {
		memset(e, 0, n * sizeof(phrase_edge));
	}
	return (e);
}

/* A cleared store for keyset ks of 2^(64 - shift) bits, which ks then
 * reads (with that shift); the caller frees it.  NULL when out of memory,
 * ks unchanged. */
static uint64_t *
keyset_alloc(nerl_keyset *ks, unsigned shift)
{
	uint64_t *bits
	    = calloc(((size_t) 1 << (64 - shift)) / 64, sizeof(uint64_t));

	if (bits != NULL) {
		ks->bits  = bits;
		ks->shift = shift;
	}
	return (bits);
}

int
nerl_phrases_alloc(nerl_phrases **out, const nerp_host *host, unsigned flags)
{
	nerl_phrases *p;

	*out = NULL;
	if (host == NULL || !NERP_HOST_HAS(host, token_keys)
	    || host->tokenize == NULL || host->key == NULL) {
		return (NERP_EINVAL);
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		return (NERP_ENOMEM);
	}
	p->host      = host;
	p->key       = host->key;
	p->flags     = flags;
	p->node_cap  = 64;
	p->nodes     = malloc(p->node_cap * sizeof(phrase_node));
	p->mask      = 63;
	p->edges     = edges_alloc((size_t) p->mask + 1);
	p->filter    = keyset_alloc(&p->starts, 64 - FILTER_MIN_LOG2);
	p->tokfilter = keyset_alloc(&p->tokens, 64 - FILTER_MIN_LOG2);
	if (p->nodes == NULL || p->edges == NULL || p->filter == NULL
	    || p->tokfilter == NULL) {
		nerl_phrases_free(p);
		return (NERP_ENOMEM);
	}
	p->nodes[0].tail = NO_VALUE;
	p->nodes[0].edge = 0;
	p->nnodes        = 1;
	*out             = p;
	return (0);
}

void
nerl_phrases_free(nerl_phrases *p)
{
	if (p == NULL) {
		return;
	}
	free(p->nodes);
	free(p->values);
	free(p->edges);
	free(p->filter);
	free(p->tokfilter);
	free(p->pool);
	free(p);
}

static int
grow_edges(nerl_phrases *p)
{
	uint32_t     nmask = p->mask * 2 + 1;
	phrase_edge *ne    = edges_alloc((size_t) nmask + 1);

	if (ne == NULL) {
		return (NERP_ENOMEM);
	}
	for (uint32_t i = 0; i <= p->mask; i++) {
		const phrase_edge *e = &p->edges[i];
		uint32_t           j;

		if (e->child == 0) {
			continue;
		}
		j = slot_of(edge_hash(p->nodes[e->child].parent,
		                p->nodes[e->child].key),
		    nmask);
		while (ne[j].child != 0) {
			j = (j + 1) & nmask;
		}
		ne[j]                   = *e;
		p->nodes[e->child].edge = j;
	}
	free(p->edges);
	p->edges = ne;
	p->mask  = nmask;
	return (0);
}

/* Doubles keyset ks, whose store *bits is, setting again the keys of all
 * nodes (only of those of the root when firsts_only: the first-token
 * filter). */
static int
grow_keyset(nerl_phrases *p, uint64_t **bits, nerl_keyset *ks, int firsts_only)
{
	uint64_t *nf = keyset_alloc(ks, ks->shift - 1);

	if (nf == NULL) {
		return (NERP_ENOMEM);
	}
	free(*bits);
	*bits = nf;
	for (uint32_t i = 1; i < p->nnodes; i++) {
		if (!firsts_only || p->nodes[i].parent == 0) {
			nerl_keyset_add(nf, ks, p->nodes[i].key);
		}
	}
	return (0);
}

/* Appends the length of s[0..len), then its bytes, to the pool, at
 * *off. */
static int
pool_add(nerl_phrases *p, const char *s, size_t len, uint32_t *off)
{
	uint32_t n    = (uint32_t) len;
	size_t   need = p->pool_len + sizeof(n) + len;

	if (len > UINT32_MAX || need > UINT32_MAX) {
		return (NERP_ENOMEM);
	}
	if (need > p->pool_cap) {
		size_t ncap = p->pool_cap ? p->pool_cap * 2 : 4096;
		char  *np;

		while (ncap < need) {
			ncap *= 2;
		}
		np = realloc(p->pool, ncap);
		if (np == NULL) {
			return (NERP_ENOMEM);
		}
		p->pool     = np;
		p->pool_cap = ncap;
	}
	memcpy(p->pool + p->pool_len, &n, sizeof(n));
	memcpy(p->pool + p->pool_len + sizeof(n), s, len);
	*off        = (uint32_t) p->pool_len;
	p->pool_len = need;
	return (0);
}

/* The child of parent along token text s[0..len), created when missing. */
static int
child_add(nerl_phrases *p, uint32_t parent, const char *s, size_t len,
    uint32_t *child)
{
	uint64_t           k = p->key(s, len);
	const phrase_edge *found;
	uint32_t           i;
	phrase_edge       *e;
	phrase_node       *c;
	uint64_t           h;
	int                rv;

	found = edge_to(p, parent, k, s, len);
	if (found != NULL) {
		*child = found->child;
		return (0);
	}
	/* The new edge is the table's nnodes-th. */
	if (p->nnodes * EDGE_LOAD_INV > p->mask + 1) {
		rv = grow_edges(p);
		if (rv != 0) {
			return (rv);
		}
	}
	if (parent == 0
	    && (uint64_t) (p->nfirst + 1) * FILTER_BITS_PER_KEY
	        > ((uint64_t) 1 << (64 - p->starts.shift))) {
		rv = grow_keyset(p, &p->filter, &p->starts, 1);
		if (rv != 0) {
			return (rv);
		}
	}
	if ((uint64_t) p->nnodes * TOKENS_BITS_PER_KEY
	    > ((uint64_t) 1 << (64 - p->tokens.shift))) {
		rv = grow_keyset(p, &p->tokfilter, &p->tokens, 0);
		if (rv != 0) {
			return (rv);
		}
	}
	if (p->nnodes == p->node_cap) {
		phrase_node *nn;

		if (p->node_cap >= MAX_NODES / 2) {
			return (NERP_ENOMEM);
		}
		nn = realloc(
		    p->nodes, (size_t) p->node_cap * 2 * sizeof(phrase_node));
		if (nn == NULL) {
			return (NERP_ENOMEM);
		}
		p->nodes = nn;
		p->node_cap *= 2;
	}
	h = edge_hash(parent, k);
	i = slot_of(h, p->mask);
	while (p->edges[i].child != 0) {
		i = (i + 1) & p->mask;
	}
	e = &p->edges[i];
	if (p->flags & NERL_CASE_FOLD) {
		e->check = (uint32_t) (h >> 32);
	} else {
		rv = pool_add(p, s, len, &e->check);
		if (rv != 0) {
			return (rv);
		}
	}
	shape_add(&p->shapes[parent != 0], p->flags, s, len);
	c           = &p->nodes[p->nnodes];
	e->tag      = (uint32_t) h;
	e->child    = p->nnodes;
	e->has_kids = 0;
	e->head     = NO_VALUE;
	c->key      = k;
	c->parent   = parent;
	c->tail     = NO_VALUE;
	c->edge     = i;
	if (parent == 0) {
		p->nfirst++;
	} else {
		p->edges[p->nodes[parent].edge].has_kids = 1;
	}
	*child = p->nnodes++;
	nerl_keyset_add(p->tokfilter, &p->tokens, k);
	if (parent == 0) {
		nerl_keyset_add(p->filter, &p->starts, k);
	}
	return (0);
}

static int
value_add(nerl_phrases *p, uint32_t node, int value)
{
	uint32_t v;

	if (p->nvalues == p->value_cap) {
		uint32_t      ncap = p->value_cap ? p->value_cap * 2 : 64;
		phrase_value *nv;

		nv = realloc(p->values, ncap * sizeof(*nv));
		if (nv == NULL) {
			return (NERP_ENOMEM);
		}
		p->values    = nv;
		p->value_cap = ncap;
	}
	v                  = p->nvalues++;
	p->values[v].value = value;
	p->values[v].next  = NO_VALUE;
	if (p->nodes[node].tail == NO_VALUE) {
		/* node is never the root: a phrase has a token */
		p->edges[p->nodes[node].edge].head = v;
	} else {
		p->values[p->nodes[node].tail].next = v;
	}
	p->nodes[node].tail = v;
	return (0);
}

int
nerl_phrases_add(nerl_phrases *p, const char *phrase, int value)
{
	nerp_token toks[NERL_PHRASE_MAX_TOKENS];
	size_t     n;
	uint32_t   node = 0;
	int        rv;

	if (p == NULL || phrase == NULL) {
		return (NERP_EINVAL);
	}
	n = p->host->tokenize(
	    phrase, strlen(phrase), toks, NERL_PHRASE_MAX_TOKENS);
	if (n == 0 || n > NERL_PHRASE_MAX_TOKENS) {
		return (NERP_EINVAL);
	}
	for (size_t k = 0; k < n; k++) {
		rv = child_add(p, node, phrase + toks[k].start,
		    toks[k].end - toks[k].start, &node);
		if (rv != 0) {
			return (rv);
		}
	}
	return (value_add(p, node, value));
}

/* The walk shared by both entry points; keys may be NULL (i < n), and
 * when they are not, keys[i] has passed the filter of first keys.  The
 * nodes on the path that end a phrase are noted as the walk passes them,
 * so the matches come out longest first without a second look at the
 * nodes that end none. */
static size_t
walk(const nerl_phrases *p, const char *text, const nerp_token *toks,
    const uint64_t *keys, size_t n, size_t i, nerl_match *out, size_t cap)
{
	uint32_t hit[NERL_PHRASE_MAX_TOKENS]; /* first values of nodes */
	uint8_t  hit_ntok[NERL_PHRASE_MAX_TOKENS];
	size_t   nhit  = 0;
	size_t   depth = 0;
	size_t   limit
	    = n - i < NERL_PHRASE_MAX_TOKENS ? n - i : NERL_PHRASE_MAX_TOKENS;
	uint32_t node = 0;
	size_t   w    = 0;

	while (depth < limit) {
		const nerp_token  *t   = &toks[i + depth];
		const char        *s   = text + t->start;
		size_t             len = t->end - t->start;
		const phrase_edge *e;
		uint64_t           k;

		/* A phrase never runs on into a new paragraph. */
		if (depth > 0 && (t->flags & NERP_TF_PARA_START)) {
			break;
		}
		if (keys != NULL) {
			/* The first key passed the filter before the walk
			 * (nerl_phrases_at_keyed). */
			k = keys[i + depth];
		} else if (shape_may(
		               &p->shapes[depth > 0], p->flags, s, len)) {
			k = p->key(s, len);
			if (depth == 0 && !filter_has(p, k)) {
				break;
			}
		} else {
			break;
		}
		e = edge_to(p, node, k, s, len);
		if (e == NULL) {
			break;
		}
		node = e->child;
		depth++;
		if (e->head != NO_VALUE) {
			hit[nhit]      = e->head;
			hit_ntok[nhit] = (uint8_t) depth;
			nhit++;
		}
		/* A leaf ends the walk without a probe for the next token. */
		if (!e->has_kids) {
			break;
		}
	}
	while (nhit > 0 && w < cap) {
		uint32_t v;

		nhit--;
		/* hit[0..nhit) and hit_ntok[0..nhit) were written by the
		 * walk above. */
		/* cppcheck-suppress uninitvar */
		v = hit[nhit];
		for (; v != NO_VALUE && w < cap; v = p->values[v].next) {
			/* cppcheck-suppress uninitvar */
			out[w].ntok  = hit_ntok[nhit];
			out[w].value = p->values[v].value;
			w++;
		}
	}
	return (w);
}

size_t
nerl_phrases_at_keyed(const nerl_phrases *p, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t i,
    nerl_match *out, size_t cap)
{
	if (keys == NULL) {
		return (nerl_phrases_at(p, text, toks, n, i, out, cap));
	}
	/* The common case, a token that starts nothing, before any frame. */
	if (i >= n || !filter_has(p, keys[i])) {
		return (0);
	}
	return (walk(p, text, toks, keys, n, i, out, cap));
}

const nerl_keyset *
nerl_phrases_starts(const nerl_phrases *p)
{
	return (&p->starts);
}

const nerl_keyset *
nerl_phrases_tokens(const nerl_phrases *p)
{
	return (&p->tokens);
}

size_t
nerl_phrases_at(const nerl_phrases *p, const char *text,
    const nerp_token *toks, size_t n, size_t i, nerl_match *out, size_t cap)
{
	/* Most tokens are rejected by their shape, before they are keyed. */
	if (i >= n
	    || !shape_may(&p->shapes[0], p->flags, text + toks[i].start,
	        toks[i].end - toks[i].start)) {
		return (0);
	}
	return (walk(p, text, toks, NULL, n, i, out, cap));
}
