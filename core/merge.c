/*
 * core/merge.c: the merge rules of merge.h.  Three sorts: mentions by
 * (kind, span) to find identical ones, each kind's entities in appelt
 * order to pick winners greedily, the winners in UIMA order.  They are
 * one stable merge sort (sort_stable) that costs one pass on
 * input already in order.  The memory comes from malloc (neri_merge) or
 * from a request's arena (neri_merge_in, so that a busy thread merges
 * without malloc).
 */
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "nerd/status.h"

/* strcmp, sparing the call for the one pointer that mentions of a
 * plugin's kind and name mostly share. */
static inline int
name_cmp(const char *a, const char *b)
{
	return (a == b ? 0 : strcmp(a, b));
}

static int
cmp_u32(uint32_t a, uint32_t b)
{
	return (a < b ? -1 : a > b);
}

static int
cmp_score(float a, float b)
{
	return (a > b ? -1 : a < b);
}

/* Whether element a goes before element b or ties with it; ctx is the
 * sort's caller's. */
typedef int (*elem_le)(const void *a, const void *b, const void *ctx);

/* The largest element sort_stable takes. */
#define SORT_ELEM_MAX 16

/*
 * Stable sort of the n elements of size bytes (at most SORT_ELEM_MAX) at
 * v by le; tmp has room for n elements.  Stable, as glibc's qsort (a
 * merge sort) is in practice, so that ties keep the order they came in.
 * Input that is already in order, as a plugin's mentions mostly are,
 * costs n - 1 comparisons; otherwise runs of 8 by insertion, then merges
 * of neighbouring runs that are not already in order.  Inlined at each of
 * its few callers, so that the compiler calls le directly (and inlines
 * it) and copies elements of a known size.
 */
static inline __attribute__((always_inline)) void
sort_stable(
    void *v, void *tmp, size_t n, size_t size, elem_le le, const void *ctx)
{
	unsigned char *e = v;
	unsigned char *t = tmp;
	unsigned char  x[SORT_ELEM_MAX];
	size_t         i, j, w, lo, mid, hi, a, b, k;

	for (i = 1; i < n && le(e + (i - 1) * size, e + i * size, ctx); i++) {
	}
	if (i >= n) {
		return;
	}
	for (lo = 0; lo < n; lo += 8) {
		hi = lo + 8 < n ? lo + 8 : n;
		for (i = lo + 1; i < hi; i++) {
			memcpy(x, e + i * size, size);
			for (j = i; j > lo && !le(e + (j - 1) * size, x, ctx);
			     j--) {
				memcpy(e + j * size, e + (j - 1) * size, size);
			}
			memcpy(e + j * size, x, size);
		}
	}
	for (w = 8; w < n; w *= 2) {
		for (lo = 0; lo + w < n; lo += 2 * w) {
			mid = lo + w;
			hi  = n - mid > w ? mid + w : n;
			if (le(e + (mid - 1) * size, e + mid * size, ctx)) {
				continue;
			}
			/* The left run goes to tmp; the merge writes v from
			 * lo, never past the right run's next unread one. */
			memcpy(
			    t + lo * size, e + lo * size, (mid - lo) * size);
			a = lo;
			b = mid;
			k = lo;
			while (a < mid && b < hi) {
				if (le(t + a * size, e + b * size, ctx)) {
					memcpy(e + k++ * size, t + a++ * size,
					    size);
				} else {
					memcpy(e + k++ * size, e + b++ * size,
					    size);
				}
			}
			if (a < mid) {
				memcpy(e + k * size, t + a * size,
				    (mid - a) * size);
			}
		}
	}
}

/* (kind, start, end) then the best-mention order of rule 1. */
static int
cmp_identity(const void *pa, const void *pb)
{
	const neri_mention *a = pa;
	const neri_mention *b = pb;
	int                 r = name_cmp(a->kind, b->kind);

	if (r == 0) {
		r = cmp_u32(a->start, b->start);
	}
	if (r == 0) {
		r = cmp_u32(a->end, b->end);
	}
	if (r == 0) {
		r = cmp_u32(a->rank, b->rank);
	}
	if (r == 0) {
		r = name_cmp(a->plugin, b->plugin);
	}
	if (r == 0) {
		r = cmp_score(a->score, b->score);
	}
	if (r == 0) {
		r = cmp_u32(a->seq, b->seq);
	}
	return (r);
}

/* cmp_identity for sort_stable over pointers to mentions. */
static inline int
le_identity(const void *a, const void *b, const void *unused)
{
	(void) unused;
	return (
	    cmp_identity(*(const void *const *) a, *(const void *const *) b)
	    <= 0);
}

/* A sort key and the index of what it sorts. */
typedef struct merge_key {
	uint64_t k;
	uint32_t i;
} merge_key;

/* Whether the merge_key a goes before b or is equal to it in sort_keys'
 * order: by key, and (when m, the mentions, is not NULL) two of m's
 * mentions with equal keys by cmp_identity. */
static inline __attribute__((always_inline)) int
le_key(const void *pa, const void *pb, const void *pm)
{
	const merge_key    *a = pa;
	const merge_key    *b = pb;
	const neri_mention *m = pm;

	if (a->k != b->k) {
		return (a->k < b->k);
	}
	return (m == NULL || cmp_identity(&m[a->i], &m[b->i]) <= 0);
}

/* Stable sort of v[0..n) by le_key with m; tmp has room for n.  The keys
 * are integers compared inline, so no call per comparison but for the
 * rare equal keys of identity sorts. */
static inline __attribute__((always_inline)) void
sort_keys(merge_key *v, merge_key *tmp, size_t n, const neri_mention *m)
{
	sort_stable(v, tmp, n, sizeof(*v), le_key, m);
}

/* The UIMA order's key of a span: start ascending, end descending (the
 * kind name comes third: see merge_with). */
static inline uint64_t
uima_key(uint32_t start, uint32_t end)
{
	return ((uint64_t) start << 32 | (uint32_t) (UINT32_MAX - end));
}

/* Kinds sort_identity buckets; past them it sorts the plain way. */
#define KIND_BUCKETS 16

/*
 * byid[0..n) gets &m[0..n) in cmp_identity order, stably: first bucketed
 * by kind (in name order), then each bucket sorted by sort_keys on
 * (start, end) keys, where a plugin's mentions, which come in span order,
 * cost one pass.  tmp has room for n pointers, kidx for n bytes, keys for
 * 2n keys.
 */
static void
sort_identity(const neri_mention *m, size_t n, const neri_mention **byid,
    const void **tmp, uint8_t *kidx, merge_key *keys)
{
	const char *kinds[KIND_BUCKETS];
	size_t      at[KIND_BUCKETS]; /* by rank: where its bucket starts */
	uint8_t     rank[KIND_BUCKETS];
	uint8_t     byrank[KIND_BUCKETS];
	size_t      nk = 0, last = 0, i, j, r, sum;
	uint8_t     x;

	for (i = 0; i < n; i++) {
		if (nk == 0 || kinds[last] != m[i].kind) {
			for (j = 0; j < nk && name_cmp(kinds[j], m[i].kind) != 0;
			     j++) { }
			if (j == nk) {
				if (nk == KIND_BUCKETS) {
					break;
				}
				kinds[nk++] = m[i].kind;
			}
			last = j;
		}
		kidx[i] = (uint8_t) last;
	}
	if (i < n) {
		/* Many kinds: one sort of them all. */
		for (i = 0; i < n; i++) {
			byid[i] = &m[i];
		}
		sort_stable(byid, tmp, n, sizeof(*byid), le_identity, NULL);
		return;
	}
	/* The kinds in name order (a few: by insertion). */
	for (i = 0; i < nk; i++) {
		x = (uint8_t) i;
		for (j = i; j > 0 && strcmp(kinds[byrank[j - 1]], kinds[x]) > 0;
		     j--) {
			byrank[j] = byrank[j - 1];
		}
		byrank[j] = x;
	}
	for (r = 0; r < nk; r++) {
		rank[byrank[r]] = (uint8_t) r;
		at[r]           = 0;
	}
	for (i = 0; i < n; i++) {
		kidx[i] = rank[kidx[i]];
		at[kidx[i]]++;
	}
	for (r = 0, sum = 0; r < nk; r++) {
		size_t c = at[r];

		at[r] = sum;
		sum += c;
	}
	for (i = 0; i < n; i++) {
		keys[at[kidx[i]]].k = (uint64_t) m[i].start << 32 | m[i].end;
		keys[at[kidx[i]]].i = (uint32_t) i;
		at[kidx[i]]++;
	}
	/* at[r] is now where bucket r ends. */
	for (r = 0, sum = 0; r < nk; r++) {
		sort_keys(keys + sum, keys + n, at[r] - sum, m);
		sum = at[r];
	}
	for (i = 0; i < n; i++) {
		byid[i] = &m[keys[i].i];
	}
}

static int
same_span(const neri_mention *a, const neri_mention *b)
{
	return (a->start == b->start && a->end == b->end
	    && name_cmp(a->kind, b->kind) == 0);
}

/* One past the last mention of byid[i]'s span. */
static size_t
span_end(const neri_mention **byid, size_t n, size_t i)
{
	size_t j;

	for (j = i + 1; j < n && same_span(byid[j], byid[i]); j++) { }
	return (j);
}

static int
same_string(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return (a == b);
	}
	return (name_cmp(a, b) == 0);
}

/* Same value and the same attributes in the same order. */
static int
same_payload(const neri_mention *a, const neri_mention *b)
{
	size_t i;

	if (!same_string(a->value, b->value) || a->n_attrs != b->n_attrs) {
		return (0);
	}
	for (i = 0; i < a->n_attrs; i++) {
		if (!same_string(a->attrs[i].key, b->attrs[i].key)
		    || !same_string(a->attrs[i].value, b->attrs[i].value)) {
			return (0);
		}
	}
	return (1);
}

static int
has_source(const neri_merged *g, const char *plugin)
{
	size_t i;

	for (i = 0; i < g->n_sources; i++) {
		if (name_cmp(g->sources[i]->plugin, plugin) == 0) {
			return (1);
		}
	}
	return (0);
}

/* The entity among g[0..n) (one span's entities so far) that mention m
 * joins, or NULL when it is a new one.  Mentions come best plugin first:
 * another plugin's mention joins the first entity (its payload yields to
 * the better-ranked plugin's); the same plugin's joins only an entity of
 * equal payload, for two payloads on one span are two facts (two
 * memberships stated by one clause). */
static neri_merged *
find_group(neri_merged *g, size_t n, const neri_mention *m)
{
	size_t i;

	if (n == 0) {
		return (NULL);
	}
	if (name_cmp(g[0].best->plugin, m->plugin) != 0) {
		return (&g[0]);
	}
	for (i = 0; i < n; i++) {
		if (name_cmp(g[i].best->plugin, m->plugin) == 0
		    && same_payload(g[i].best, m)) {
			return (&g[i]);
		}
	}
	return (NULL);
}

/* Appelt order: longest, rank, score, earliest, plugin name. */
static int
cmp_appelt(const void *pa, const void *pb)
{
	const neri_merged *a  = pa;
	const neri_merged *b  = pb;
	uint32_t           la = a->best->end - a->best->start;
	uint32_t           lb = b->best->end - b->best->start;
	int                r  = cmp_u32(lb, la);

	if (r == 0) {
		r = cmp_u32(a->best->rank, b->best->rank);
	}
	if (r == 0) {
		r = cmp_score(a->score, b->score);
	}
	if (r == 0) {
		r = cmp_u32(a->best->start, b->best->start);
	}
	if (r == 0) {
		r = name_cmp(a->best->plugin, b->best->plugin);
	}
	return (r);
}

/* cmp_appelt for sort_stable over pointers to merged entities. */
static inline int
le_appelt(const void *a, const void *b, const void *unused)
{
	(void) unused;
	return (cmp_appelt(*(const void *const *) a, *(const void *const *) b)
	    <= 0);
}

/* Greedy appelt selection over one kind's entities g[0..n): marks the
 * losers by clearing their best pointer.  spans is scratch for n spans,
 * tmp for n pointers. */
static void
resolve_kind(neri_merged **g, size_t n, uint32_t (*spans)[2], const void **tmp)
{
	size_t nacc = 0;
	size_t i, lo, hi, mid;

	sort_stable(g, tmp, n, sizeof(*g), le_appelt, NULL);
	for (i = 0; i < n; i++) {
		uint32_t s = g[i]->best->start;
		uint32_t e = g[i]->best->end;

		/* Accepted spans are disjoint and sorted: find the first
		 * that ends after s; it overlaps when it starts before e. */
		lo = 0;
		hi = nacc;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (spans[mid][1] <= s) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		if (lo < nacc && spans[lo][0] == s && spans[lo][1] == e) {
			continue; /* one span's separate facts (rule 1) stay */
		}
		if (lo < nacc && spans[lo][0] < e) {
			g[i]->best = NULL;
			continue;
		}
		memmove(&spans[lo + 1], &spans[lo],
		    (nacc - lo) * sizeof(spans[0]));
		spans[lo][0] = s;
		spans[lo][1] = e;
		nacc++;
	}
}

/* neri_merge, its memory from the arena a, or malloc when a is NULL. */
static int
merge_with(neri_arena *a, const neri_mention *m, size_t n, neri_merged **out,
    size_t *n_out)
{
	const neri_mention **byid;
	neri_merged        **order;
	const void         **tmp;
	uint32_t(*spans)[2];
	uint8_t             *kidx;
	merge_key           *keys;
	neri_merged         *sorted;
	void                *work = NULL;
	neri_merged         *res  = NULL;
	const neri_mention **srcs;
	size_t               ngroups = 0, nkept = 0;
	size_t               i, j, k, end;
	size_t               res_each, work_each;
	int                  rv = NERD_STATUS_RESOURCE_EXHAUSTED;

	*out   = NULL;
	*n_out = 0;
	if (n == 0) {
		return (0);
	}
	/* Each entity and up to two source slots per mention (see rule 1);
	 * the work block: two sort keys, a copy of the entities, three
	 * pointers, one span and one kind index per mention. */
	res_each  = sizeof(neri_merged) + 2 * sizeof(const neri_mention *);
	work_each = sizeof(neri_merged) + 2 * sizeof(merge_key)
	    + 3 * sizeof(void *) + sizeof(*spans) + 1;
	if (n > UINT32_MAX || n > SIZE_MAX / work_each) {
		goto done;
	}
	if (a != NULL) {
		res  = neri_arena_alloc(a, n * res_each);
		work = neri_arena_alloc(a, n * work_each);
	} else {
		res  = malloc(n * res_each);
		work = malloc(n * work_each);
	}
	if (res == NULL || work == NULL) {
		goto done;
	}
	srcs   = (const neri_mention **) (void *) (res + n);
	keys   = work;
	sorted = (neri_merged *) (void *) (keys + 2 * n);
	byid   = (const neri_mention **) (void *) (sorted + n);
	order  = (neri_merged **) (void *) (byid + n);
	tmp    = (const void **) (void *) (order + n);
	spans  = (uint32_t(*)[2])(void *) (tmp + n);
	kidx   = (uint8_t *) (spans + n);

	/* Rule 1: identical (kind, start, end) become one entity; a plugin's
	 * mentions of one span with different payloads stay apart. */
	sort_identity(m, n, byid, tmp, kidx, keys);
	for (i = 0; i < n; i = end) {
		size_t first = ngroups;

		end = span_end(byid, n, i);
		if (end == i + 1) {
			/* Most spans have one mention: one entity. */
			res[ngroups].best      = byid[i];
			res[ngroups].score     = byid[i]->score;
			res[ngroups].sources   = srcs;
			res[ngroups].n_sources = 1;
			srcs[0]                = byid[i];
			srcs++;
			ngroups++;
			continue;
		}
		for (j = i; j < end; j++) {
			neri_merged *g = find_group(
			    res + first, ngroups - first, byid[j]);

			if (g == NULL) {
				g            = &res[ngroups++];
				g->best      = byid[j];
				g->score     = byid[j]->score;
				g->sources   = srcs;
				g->n_sources = 0;
				/* The span's first entity is the one other
				 * plugins join: room for every mention of the
				 * span.  The rest have their one source. */
				srcs += g == &res[first] ? end - i : 1;
			}
			if (byid[j]->score > g->score) {
				g->score = byid[j]->score;
			}
			if (!has_source(g, byid[j]->plugin)) {
				g->sources[g->n_sources++] = byid[j];
			}
		}
	}

	/* Rule 2: within each kind that several plugins provide, appelt.
	 * Groups are sorted by kind. */
	for (i = 0; i < ngroups; i = j) {
		int several = 0;

		for (j = i; j < ngroups
		     && name_cmp(res[j].best->kind, res[i].best->kind) == 0;
		     j++) {
			order[j - i] = &res[j];
			if (res[j].n_sources > 1
			    || name_cmp(
			           res[j].best->plugin, res[i].best->plugin)
			        != 0) {
				several = 1;
			}
		}
		if (several) {
			resolve_kind(order, j - i, spans, tmp);
		}
	}

	/* Rule 4: keep the winners, in UIMA order.  The groups come in
	 * kind name order (sort_identity's first key), so a stable sort by
	 * start and end leaves the entities of one span in kind order. */
	for (k = 0; k < ngroups; k++) {
		if (res[k].best != NULL) {
			keys[nkept].k
			    = uima_key(res[k].best->start, res[k].best->end);
			keys[nkept].i = (uint32_t) k;
			nkept++;
		}
	}
	sort_keys(keys, keys + n, nkept, NULL);
	for (k = 0; k < nkept; k++) {
		sorted[k] = res[keys[k].i];
	}
	if (nkept > 0) {
		memcpy(res, sorted, nkept * sizeof(*res));
	}
	*out   = res;
	*n_out = nkept;
	res    = NULL;
	rv     = 0;
done:
	if (a == NULL) {
		free(res);
		free(work);
	}
	return (rv);
}

int
neri_merge(const neri_mention *m, size_t n, neri_merged **out, size_t *n_out)
{
	return (merge_with(NULL, m, n, out, n_out));
}

int
neri_merge_in(neri_arena *a, const neri_mention *m, size_t n,
    neri_merged **out, size_t *n_out)
{
	return (merge_with(a, m, n, out, n_out));
}
