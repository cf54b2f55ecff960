/*
 * core/merge.c: the merge rules of merge.h.  Three sorts: mentions by
 * (kind, span) to find identical ones, each kind's entities in appelt
 * order to pick winners greedily, the winners in UIMA order.
 */
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "nerd/status.h"

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

/* (kind, start, end) then the best-mention order of rule 1. */
static int
cmp_identity(const void *pa, const void *pb)
{
	const neri_mention *a = *(const neri_mention *const *) pa;
	const neri_mention *b = *(const neri_mention *const *) pb;
	int                 r = strcmp(a->kind, b->kind);

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
		r = strcmp(a->plugin, b->plugin);
	}
	if (r == 0) {
		r = cmp_score(a->score, b->score);
	}
	if (r == 0) {
		r = cmp_u32(a->seq, b->seq);
	}
	return (r);
}

/* Appelt order: longest, rank, score, earliest, plugin name. */
static int
cmp_appelt(const void *pa, const void *pb)
{
	const neri_merged *a  = *(const neri_merged *const *) pa;
	const neri_merged *b  = *(const neri_merged *const *) pb;
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
		r = strcmp(a->best->plugin, b->best->plugin);
	}
	return (r);
}

/* UIMA order: start ascending, end descending, kind name. */
static int
cmp_uima(const void *pa, const void *pb)
{
	const neri_merged *a = pa;
	const neri_merged *b = pb;
	int                r = cmp_u32(a->best->start, b->best->start);

	if (r == 0) {
		r = cmp_u32(b->best->end, a->best->end);
	}
	if (r == 0) {
		r = strcmp(a->best->kind, b->best->kind);
	}
	return (r);
}

/* Greedy appelt selection over one kind's entities g[0..n): marks the
 * losers by clearing their best pointer.  spans is scratch for n spans. */
static void
resolve_kind(neri_merged **g, size_t n, uint32_t (*spans)[2])
{
	size_t nacc = 0;
	size_t i, lo, hi, mid;

	qsort(g, n, sizeof(neri_merged *), cmp_appelt);
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

int
neri_merge(const neri_mention *m, size_t n, neri_merged **out, size_t *n_out)
{
	const neri_mention **byid  = NULL;
	neri_merged        **order = NULL;
	uint32_t(*spans)[2]        = NULL;
	neri_merged         *res   = NULL;
	const neri_mention **srcs;
	size_t               ngroups = 0, nkept = 0;
	size_t               i, j, k;
	int                  rv = NERD_STATUS_RESOURCE_EXHAUSTED;

	*out   = NULL;
	*n_out = 0;
	if (n == 0) {
		return (0);
	}
	if (n > SIZE_MAX
	        / (sizeof(neri_merged) + sizeof(const neri_mention *))) {
		goto done;
	}
	res = malloc(n * (sizeof(neri_merged) + sizeof(const neri_mention *)));
	byid  = malloc(n * sizeof(const neri_mention *));
	order = malloc(n * sizeof(neri_merged *));
	spans = malloc(n * sizeof(*spans));
	if (res == NULL || byid == NULL || order == NULL || spans == NULL) {
		goto done;
	}
	srcs = (const neri_mention **) (void *) (res + n);

	/* Rule 1: identical (kind, start, end) become one entity. */
	for (i = 0; i < n; i++) {
		byid[i] = &m[i];
	}
	qsort(byid, n, sizeof(const neri_mention *), cmp_identity);
	for (i = 0; i < n; i = j) {
		neri_merged *g = &res[ngroups++];

		g->best      = byid[i];
		g->score     = byid[i]->score;
		g->sources   = srcs;
		g->n_sources = 0;
		for (j = i; j < n && byid[j]->start == byid[i]->start
		     && byid[j]->end == byid[i]->end
		     && strcmp(byid[j]->kind, byid[i]->kind) == 0;
		     j++) {
			if (byid[j]->score > g->score) {
				g->score = byid[j]->score;
			}
			if (g->n_sources == 0
			    || strcmp(g->sources[g->n_sources - 1]->plugin,
			           byid[j]->plugin)
			        != 0) {
				g->sources[g->n_sources++] = byid[j];
			}
		}
		srcs += g->n_sources;
	}

	/* Rule 2: within each kind, appelt.  Groups are sorted by kind. */
	for (i = 0; i < ngroups; i = j) {
		for (j = i; j < ngroups
		     && strcmp(res[j].best->kind, res[i].best->kind) == 0;
		     j++) {
			order[j - i] = &res[j];
		}
		resolve_kind(order, j - i, spans);
	}

	/* Rule 4: keep the winners, in UIMA order. */
	for (k = 0; k < ngroups; k++) {
		if (res[k].best != NULL) {
			res[nkept++] = res[k];
		}
	}
	qsort(res, nkept, sizeof(*res), cmp_uima);
	*out   = res;
	*n_out = nkept;
	res    = NULL;
	rv     = 0;
done:
	free(res);
	free(byid);
	free(order);
	free(spans);
	return (rv);
}
