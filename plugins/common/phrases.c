/*
 * plugins/common/phrases.c: a token trie for multi-word lexicons.
 *
 * Nodes are numbered, the root is 0.  Edges live in one open-addressing
 * table keyed by (parent node, token text), so finding a child costs one
 * hash and usually one probe however many children a node has.  Token
 * texts of edges are kept in one byte pool.  Values of phrases ending at a
 * node form a singly linked list in insertion order.
 */
#include <stdlib.h>
#include <string.h>

#include "nerl.h"

#define NO_VALUE UINT32_MAX

typedef struct phrase_edge {
	uint32_t parent;
	uint32_t child; /* 0 = empty slot (the root is never a child) */
	uint32_t hash;  /* hash of the token text alone */
	uint32_t off;   /* token text in pool */
	uint32_t len;
} phrase_edge;

typedef struct phrase_node {
	uint32_t head; /* first value, or NO_VALUE */
	uint32_t tail;
} phrase_node;

struct nerl_phrases {
	const nerp_host* host;
	unsigned         flags;

	phrase_node* nodes;
	uint32_t     nnodes;
	uint32_t     node_cap;

	int*      values;
	uint32_t* value_next;
	uint32_t  nvalues;
	uint32_t  value_cap;

	phrase_edge* edges;
	uint32_t     mask; /* table size - 1; size is a power of two */
	uint32_t     nedges;

	char*  pool;
	size_t pool_len;
	size_t pool_cap;
};

static inline uint32_t
text_hash(const char* s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h = (h ^ (unsigned char) s[i]) * 16777619u;
	}
	return (h);
}

static inline uint32_t
slot_of(uint32_t parent, uint32_t hash, uint32_t mask)
{
	uint32_t h = hash ^ (parent * 0x9E3779B1u);

	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	return (h & mask);
}

/* The child of parent along token text s[0..len), or 0. */
static inline uint32_t
child_of(const nerl_phrases* p, uint32_t parent, const char* s, size_t len,
    uint32_t hash)
{
	uint32_t i = slot_of(parent, hash, p->mask);

	for (;;) {
		const phrase_edge* e = &p->edges[i];

		if (e->child == 0) {
			return (0);
		}
		if (e->hash == hash && e->parent == parent && e->len == len
		    && memcmp(p->pool + e->off, s, len) == 0) {
			return (e->child);
		}
		i = (i + 1) & p->mask;
	}
}

int
nerl_phrases_alloc(nerl_phrases** out, const nerp_host* host, unsigned flags)
{
	nerl_phrases* p;

	*out = NULL;
	if (host == NULL || !NERP_HOST_HAS(host, tokenize)
	    || host->tokenize == NULL) {
		return (NERP_EINVAL);
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		return (NERP_ENOMEM);
	}
	p->host     = host;
	p->flags    = flags;
	p->node_cap = 64;
	p->nodes    = malloc(p->node_cap * sizeof(phrase_node));
	p->mask     = 63;
	p->edges    = calloc(p->mask + 1, sizeof(phrase_edge));
	if (p->nodes == NULL || p->edges == NULL) {
		nerl_phrases_free(p);
		return (NERP_ENOMEM);
	}
	p->nodes[0].head = NO_VALUE;
	p->nodes[0].tail = NO_VALUE;
	p->nnodes        = 1;
	*out             = p;
	return (0);
}

void
nerl_phrases_free(nerl_phrases* p)
{
	if (p == NULL) {
		return;
	}
	free(p->nodes);
	free(p->values);
	free(p->value_next);
	free(p->edges);
	free(p->pool);
	free(p);
}

static int
grow_edges(nerl_phrases* p)
{
	uint32_t     nmask = p->mask * 2 + 1;
	phrase_edge* ne    = calloc((size_t) nmask + 1, sizeof(phrase_edge));

	if (ne == NULL) {
		return (NERP_ENOMEM);
	}
	for (uint32_t i = 0; i <= p->mask; i++) {
		const phrase_edge* e = &p->edges[i];
		uint32_t           j;

		if (e->child == 0) {
			continue;
		}
		j = slot_of(e->parent, e->hash, nmask);
		while (ne[j].child != 0) {
			j = (j + 1) & nmask;
		}
		ne[j] = *e;
	}
	free(p->edges);
	p->edges = ne;
	p->mask  = nmask;
	return (0);
}

static int
pool_add(nerl_phrases* p, const char* s, size_t len, uint32_t* off)
{
	if (p->pool_len + len > UINT32_MAX) {
		return (NERP_ENOMEM);
	}
	if (p->pool_len + len > p->pool_cap) {
		size_t ncap = p->pool_cap ? p->pool_cap * 2 : 4096;
		char*  np;

		while (ncap < p->pool_len + len) {
			ncap *= 2;
		}
		np = realloc(p->pool, ncap);
		if (np == NULL) {
			return (NERP_ENOMEM);
		}
		p->pool     = np;
		p->pool_cap = ncap;
	}
	memcpy(p->pool + p->pool_len, s, len);
	*off = (uint32_t) p->pool_len;
	p->pool_len += len;
	return (0);
}

/* The child of parent along s[0..len), created when missing. */
static int
child_add(nerl_phrases* p, uint32_t parent, const char* s, size_t len,
    uint32_t* child)
{
	uint32_t     hash = text_hash(s, len);
	uint32_t     i;
	phrase_edge* e;
	int          rv;

	*child = child_of(p, parent, s, len, hash);
	if (*child != 0) {
		return (0);
	}
	if ((p->nedges + 1) * 2 > p->mask + 1) {
		rv = grow_edges(p);
		if (rv != 0) {
			return (rv);
		}
	}
	if (p->nnodes == p->node_cap) {
		phrase_node* nn;

		if (p->node_cap >= UINT32_MAX / 2) {
			return (NERP_ENOMEM);
		}
		nn = realloc(p->nodes, (size_t) p->node_cap * 2 * sizeof(phrase_node));
		if (nn == NULL) {
			return (NERP_ENOMEM);
		}
		p->nodes = nn;
		p->node_cap *= 2;
	}
	i = slot_of(parent, hash, p->mask);
	while (p->edges[i].child != 0) {
		i = (i + 1) & p->mask;
	}
	e  = &p->edges[i];
	rv = pool_add(p, s, len, &e->off);
	if (rv != 0) {
		return (rv);
	}
	e->parent                = parent;
	e->hash                  = hash;
	e->len                   = (uint32_t) len;
	e->child                 = p->nnodes;
	p->nodes[p->nnodes].head = NO_VALUE;
	p->nodes[p->nnodes].tail = NO_VALUE;
	*child                   = p->nnodes++;
	p->nedges++;
	return (0);
}

static int
value_add(nerl_phrases* p, uint32_t node, int value)
{
	uint32_t v;

	if (p->nvalues == p->value_cap) {
		uint32_t  ncap = p->value_cap ? p->value_cap * 2 : 64;
		int*      nv;
		uint32_t* nn;

		nv = realloc(p->values, ncap * sizeof(int));
		if (nv == NULL) {
			return (NERP_ENOMEM);
		}
		p->values = nv;
		nn        = realloc(p->value_next, ncap * sizeof(uint32_t));
		if (nn == NULL) {
			return (NERP_ENOMEM);
		}
		p->value_next = nn;
		p->value_cap  = ncap;
	}
	v                = p->nvalues++;
	p->values[v]     = value;
	p->value_next[v] = NO_VALUE;
	if (p->nodes[node].tail == NO_VALUE) {
		p->nodes[node].head = v;
	} else {
		p->value_next[p->nodes[node].tail] = v;
	}
	p->nodes[node].tail = v;
	return (0);
}

/* The key of a token: its text, or its folded text in buf. */
static inline const char*
token_key(
    const nerl_phrases* p, const char* s, size_t len, char* buf, size_t* klen)
{
	size_t i;

	if (!(p->flags & NERL_CASE_FOLD)) {
		*klen = len;
		return (s);
	}
	if (len < NERL_TOKEN_MAX_BYTES) {
		/* ASCII fast path: lowercase only. */
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char) s[i];
			if (c >= 0x80) {
				break;
			}
			buf[i] = (char) ((c >= 'A' && c <= 'Z') ? c + 32 : c);
		}
		if (i == len) {
			*klen = len;
			return (buf);
		}
	}
	*klen = nerl_fold(s, len, buf, NERL_TOKEN_MAX_BYTES);
	return (buf);
}

int
nerl_phrases_add(nerl_phrases* p, const char* phrase, int value)
{
	nerp_token toks[NERL_PHRASE_MAX_TOKENS];
	char       buf[NERL_TOKEN_MAX_BYTES];
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
		size_t      klen;
		const char* key = token_key(p, phrase + toks[k].start,
		    toks[k].end - toks[k].start, buf, &klen);

		rv = child_add(p, node, key, klen, &node);
		if (rv != 0) {
			return (rv);
		}
	}
	return (value_add(p, node, value));
}

size_t
nerl_phrases_at(const nerl_phrases* p, const char* text,
    const nerp_token* toks, size_t n, size_t i, nerl_match* out, size_t cap)
{
	uint32_t path[NERL_PHRASE_MAX_TOKENS];
	size_t   depth = 0;
	uint32_t node  = 0;
	size_t   w     = 0;

	while (i + depth < n && depth < NERL_PHRASE_MAX_TOKENS) {
		const nerp_token* t = &toks[i + depth];

		/* A phrase never runs on into a new paragraph. */
		if (depth > 0 && (t->flags & NERP_TF_PARA_START)) {
			break;
		}
		char        buf[NERL_TOKEN_MAX_BYTES];
		size_t      klen;
		const char* key;

		key = token_key(
		    p, text + t->start, t->end - t->start, buf, &klen);
		node = child_of(p, node, key, klen, text_hash(key, klen));
		if (node == 0) {
			break;
		}
		path[depth++] = node;
	}
	while (depth > 0 && w < cap) {
		uint32_t v = p->nodes[path[depth - 1]].head;

		for (; v != NO_VALUE && w < cap; v = p->value_next[v]) {
			out[w].ntok  = depth;
			out[w].value = p->values[v];
			w++;
		}
		depth--;
	}
	return (w);
}
