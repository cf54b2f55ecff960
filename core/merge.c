/*
 * core/merge.c: the merge rules of merge.h.  One stable sort of the
 * mentions by span (UIMA order) puts the output in order and identical
 * spans side by side; the few spans of several mentions are sorted by
 * (kind, best mention) to group them; only a kind from several plugins
 * has its entities sorted in appelt order to pick winners greedily.  The
 * sorts are one stable merge sort (sort_stable) that costs one pass on
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

/* Room sort_stable needs for the runs of n elements. */
#define SORT_RUNS(n) ((n) + 2)

/*
 * Stable sort of the n elements of size bytes at v by le; tmp has room
 * for n elements, runs for SORT_RUNS(n).  Stable, as glibc's qsort (a
 * merge sort) is in practice, so that ties keep the order they came in.
 * A natural merge sort: the runs already in order (a plugin's mentions
 * are one, so input already sorted costs n - 1 comparisons), then
 * neighbouring runs merged pairwise, pass after pass, so r runs cost
 * about log2(r) passes.  Short runs are not lengthened by insertion
 * first: the runs are mostly the plugins' outputs, which that would
 * only break up.  Inlined at each of its few callers, so that the
 * compiler calls le directly (and inlines it) and copies elements of a
 * known size.
 */
static inline __attribute__((always_inline)) void
sort_stable(void *v, void *tmp, uint32_t *runs, size_t n, size_t size,
    elem_le le, const void *ctx)
{
	unsigned char *e = v;
	unsigned char *t = tmp;
	size_t         lo, mid, hi, a, b, k, nr = 0, r, w;

	for (lo = 0; lo < n; lo = hi) {
		for (hi = lo + 1;
		     hi < n && le(e + (hi - 1) * size, e + hi * size, ctx);
		     hi++) { }
		runs[nr++] = (uint32_t) lo;
	}
	while (nr > 1) {
		runs[nr] = (uint32_t) n;
		/* runs[w] is written only after runs[r] (w <= r) is read. */
		for (r = 0, w = 0; r < nr; r += 2) {
			runs[w++] = runs[r];
			if (r + 1 == nr) {
				break;
			}
			lo  = runs[r];
			mid = runs[r + 1];
			hi  = runs[r + 2];
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
			/* Without a branch on the comparison, which goes
			 * either way as the runs interleave. */
			while (a < mid && b < hi) {
				size_t left = (size_t) le(
				    t + a * size, e + b * size, ctx);

				memcpy(e + k++ * size,
				    left ? t + a * size : e + b * size, size);
				a += left;
				b += 1 - left;
			}
			if (a < mid) {
				memcpy(e + k * size, t + a * size,
				    (mid - a) * size);
			}
		}
		nr = w;
	}
}

/* (kind, start, end) then the best-mention order of rule 1. */
static int
cmp_identity(const neri_mention *a, const neri_mention *b)
{
	int r = name_cmp(a->kind, b->kind);

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

/* A sort key and the index of what it sorts. */
typedef struct merge_key {
	uint64_t k;
	uint32_t i;
} merge_key;

/* Whether the merge_key a goes before b or ties with it. */
static inline int
le_key(const void *a, const void *b, const void *unused)
{
	(void) unused;
	return (((const merge_key *) a)->k <= ((const merge_key *) b)->k);
}

/* The UIMA order's key of a span: start ascending, end descending (the
 * kind name comes third: see merge_with). */
static inline uint64_t
uima_key(uint32_t start, uint32_t end)
{
	return ((uint64_t) start << 32 | (uint32_t) (UINT32_MAX - end));
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
cmp_appelt(const neri_merged *a, const neri_merged *b)
{
	uint32_t la = a->best->end - a->best->start;
	uint32_t lb = b->best->end - b->best->start;
	int      r  = cmp_u32(lb, la);

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
	return (
	    cmp_appelt(*(neri_merged *const *) a, *(neri_merged *const *) b)
	    <= 0);
}

/* Greedy appelt selection over one kind's entities g[0..n): marks the
 * losers by clearing their best pointer.  spans is scratch for n spans,
 * tmp for n pointers, runs for SORT_RUNS(n). */
static void
resolve_kind(neri_merged **g, size_t n, uint32_t (*spans)[2], const void **tmp,
    uint32_t *runs)
{
	size_t nacc = 0;
	size_t i, lo, hi, mid;

	sort_stable(g, tmp, runs, n, sizeof(*g), le_appelt, NULL);
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

/* Groups one span's mentions p[0..n) (n > 1) into res[0..) by rule 1 and
 * returns how many groups they make.  Sorts p by cmp_identity first:
 * kinds in name order, each kind's mentions best first.  The first group
 * of a kind takes its sources from *srcs (room for the kind's mentions:
 * other plugins join it); the others have one source, their own mention,
 * which they point at in p. */
static size_t
group_span(const neri_mention **p, size_t n, neri_merged *res,
    const neri_mention ***srcs)
{
	const neri_mention *x;
	size_t              ngroups = 0, first, i, j, k;

	/* By insertion: a span has a few mentions. */
	for (i = 1; i < n; i++) {
		x = p[i];
		for (j = i; j > 0 && cmp_identity(p[j - 1], x) > 0; j--) {
			p[j] = p[j - 1];
		}
		p[j] = x;
	}
	for (i = 0; i < n; i = k) {
		first = ngroups;
		for (k = i + 1; k < n && name_cmp(p[k]->kind, p[i]->kind) == 0;
		     k++) { }
		for (j = i; j < k; j++) {
			neri_merged *g
			    = find_group(res + first, ngroups - first, p[j]);

			if (g == NULL) {
				g            = &res[ngroups++];
				g->best      = p[j];
				g->score     = p[j]->score;
				g->n_sources = 0;
				g->sources   = &p[j];
				if (g == &res[first]) {
					g->sources = *srcs;
					*srcs += k - i;
				}
			}
			if (p[j]->score > g->score) {
				g->score = p[j]->score;
			}
			if (!has_source(g, p[j]->plugin)) {
				g->sources[g->n_sources++] = p[j];
			}
		}
	}
	return (ngroups);
}

/* Kind pointers a kind_table holds. */
#define KIND_SLOTS 16

/* The kinds of one merge told apart by name, looked up by pointer first
 * (mentions of a kind mostly share one pointer). */
typedef struct kind_table {
	const char *ptr[KIND_SLOTS]; /* the pointers seen */
	uint8_t     id[KIND_SLOTS];  /* ptr[i]'s kind: 0.. by first sight */
	size_t      n, n_ids;
} kind_table;

/* kind_id of a pointer t has not seen: adds it (-1 when t is full). */
static int
kind_add(kind_table *t, const char *k)
{
	size_t s;

	if (t->n == KIND_SLOTS) {
		return (-1);
	}
	/* A new kind, or another pointer to one seen. */
	for (s = 0; s < t->n && strcmp(t->ptr[s], k) != 0; s++) { }
	t->ptr[t->n] = k;
	t->id[t->n]  = s < t->n ? t->id[s] : (uint8_t) t->n_ids++;
	return (t->id[t->n++]);
}

/* The id of kind k in t, added when new; -1 when t is full. */
static inline int
kind_id(kind_table *t, const char *k)
{
	size_t s;

	for (s = 0; s < t->n; s++) {
		if (t->ptr[s] == k) {
			return (t->id[s]);
		}
	}
	return (kind_add(t, k));
}

/* Whether rule 2 may apply to the mentions m[0..n): some kind comes from
 * several plugins (or there are too many kinds to tell).  The bundled
 * plugins each provide their own kinds, so mostly not. */
static int
shared_kind(const neri_mention *m, size_t n)
{
	kind_table  t;
	const char *plugin[KIND_SLOTS]; /* by kind id: its first plugin */
	size_t      i, seen;
	int         k;

	t.n     = 0;
	t.n_ids = 0;
	for (i = 0; i < n; i++) {
		seen = t.n_ids;
		k    = kind_id(&t, m[i].kind);
		if (k < 0) {
			return (1);
		}
		if (t.n_ids > seen) {
			plugin[k] = m[i].plugin;
		} else if (name_cmp(plugin[k], m[i].plugin) != 0) {
			return (1);
		}
	}
	return (0);
}

/* Orders merged entities (pointers to them) by kind name. */
static inline int
le_kind(const void *a, const void *b, const void *unused)
{
	(void) unused;
	return (name_cmp((*(neri_merged *const *) a)->best->kind,
	            (*(neri_merged *const *) b)->best->kind)
	    <= 0);
}

/* Rule 2 over the groups res[0..n): within each kind that several
 * plugins provide, appelt; the losers' best pointers are cleared.  work
 * has room for 3n pointers and n bytes, runs for SORT_RUNS(n). */
static void
resolve_kinds(neri_merged *res, size_t n, void *work, uint32_t *runs)
{
	neri_merged **order = work;
	const void  **tmp   = (const void **) (void *) (order + n);
	uint32_t(*spans)[2] = (uint32_t(*)[2])(void *) (tmp + n);
	uint8_t   *kidx     = (uint8_t *) (spans + n);
	kind_table t;
	size_t     at[KIND_SLOTS + 1]; /* by kind id + 1: where it starts */
	size_t     i, j;
	int        k = 0;

	/* The groups by kind: bucketed (stably) when the kinds are few,
	 * else by a sort of their names. */
	t.n     = 0;
	t.n_ids = 0;
	memset(at, 0, sizeof(at));
	for (i = 0; i < n && k >= 0; i++) {
		k = kind_id(&t, res[i].best->kind);
		if (k >= 0) {
			kidx[i] = (uint8_t) k;
			at[k + 1]++;
		}
	}
	if (k >= 0) {
		for (j = 1; j <= t.n_ids; j++) {
			at[j] += at[j - 1];
		}
		for (i = 0; i < n; i++) {
			order[at[kidx[i]]++] = &res[i];
		}
	} else {
		for (i = 0; i < n; i++) {
			order[i] = &res[i];
		}
		sort_stable(
		    order, tmp, runs, n, sizeof(*order), le_kind, NULL);
	}
	for (i = 0; i < n; i = j) {
		int several = 0;

		for (j = i; j < n
		     && name_cmp(order[j]->best->kind, order[i]->best->kind)
		         == 0;
		     j++) {
			if (order[j]->n_sources > 1
			    || name_cmp(order[j]->best->plugin,
			           order[i]->best->plugin)
			        != 0) {
				several = 1;
			}
		}
		if (several) {
			resolve_kind(order + i, j - i, spans, tmp, runs);
		}
	}
}

/*
 * neri_merge, its memory from the arena a, or malloc when a is NULL, with
 * the flags of neri_merge_in.
 * One stable sort of the mentions by their spans' UIMA keys (integers;
 * a plugin's mentions come in span order, which the sort runs through)
 * puts them in output order and each span's mentions side by side: a
 * span of one mention (most) is one entity as it is, and only the rare
 * spans of several go through rule 1's grouping.  Rule 2 runs only when
 * a kind comes from several plugins.
 */
static int
merge_with(neri_arena *a, const neri_mention *m, size_t n, unsigned flags,
    neri_merged **out, size_t *n_out)
{
	neri_merged         *res  = NULL;
	merge_key           *keys = NULL;
	const neri_mention **ptrs, **srcs;
	neri_merged         *g;
	uint32_t            *runs;
	size_t               ngroups = 0, nkept, i, j, end;
	size_t               res_each, work;
	int                  rv = NERD_STATUS_RESOURCE_EXHAUSTED;

	*out   = NULL;
	*n_out = 0;
	if (n == 0) {
		return (0);
	}
	/* Per mention: an entity, room for the mention's pointer in
	 * sorted order (for the spans of several mentions) and a source
	 * slot for the entities of several; the work block: two sort keys
	 * (which resolve_kinds reuses for its three pointers and a byte)
	 * and the sorts' runs. */
	res_each = sizeof(neri_merged) + 2 * sizeof(const neri_mention *);
	if (n > UINT32_MAX || n > SIZE_MAX / res_each
	    || n > SIZE_MAX / (4 * sizeof(merge_key))) {
		goto done;
	}
	work = 2 * n * sizeof(merge_key) + SORT_RUNS(n) * sizeof(*runs);
	if (a != NULL) {
		res  = neri_arena_alloc(a, n * res_each);
		keys = neri_arena_alloc(a, work);
	} else {
		res  = malloc(n * res_each);
		keys = malloc(work);
	}
	if (res == NULL || keys == NULL) {
		goto done;
	}
	ptrs = (const neri_mention **) (void *) (res + n);
	srcs = ptrs + n;
	runs = (uint32_t *) (void *) (keys + 2 * n);

	for (i = 0; i < n; i++) {
		keys[i].k = uima_key(m[i].start, m[i].end);
		keys[i].i = (uint32_t) i;
	}
	sort_stable(keys, keys + n, runs, n, sizeof(*keys), le_key, NULL);

	/* Rule 1, span by span, in UIMA order; one span's entities come in
	 * kind name order (rule 4's third key).  A span of one mention is
	 * an entity whose one source is its best mention: its sources
	 * point at its best pointer. */
	for (i = 0; i < n; i = end) {
		for (end = i + 1; end < n && keys[end].k == keys[i].k; end++) {
		}
		if (end == i + 1) {
			g            = &res[ngroups++];
			g->best      = &m[keys[i].i];
			g->score     = g->best->score;
			g->sources   = &g->best;
			g->n_sources = 1;
			continue;
		}
		for (j = i; j < end; j++) {
			ptrs[j] = &m[keys[j].i];
		}
		ngroups += group_span(ptrs + i, end - i, res + ngroups, &srcs);
	}

	/* Rule 2, then rule 4: the winners, still in UIMA order. */
	nkept = ngroups;
	if ((flags & NERI_MERGE_KINDS_APART) == 0 && shared_kind(m, n)) {
		resolve_kinds(res, ngroups, keys, runs);
		nkept = 0;
		for (i = 0; i < ngroups; i++) {
			if (res[i].best == NULL) {
				continue;
			}
			res[nkept] = res[i];
			if (res[i].sources == &res[i].best) {
				res[nkept].sources = &res[nkept].best;
			}
			nkept++;
		}
	}
	*out   = res;
	*n_out = nkept;
	res    = NULL;
	rv     = 0;
done:
	if (a == NULL) {
		free(res);
		free(keys);
	}
	return (rv);
}

int
neri_merge(const neri_mention *m, size_t n, neri_merged **out, size_t *n_out)
{
	return (merge_with(NULL, m, n, 0, out, n_out));
}

int
neri_merge_in(neri_arena *a, const neri_mention *m, size_t n, unsigned flags,
    neri_merged **out, size_t *n_out)
{
	return (merge_with(a, m, n, flags, out, n_out));
}
