/*
 * core/merge.c: the merge rules of merge.h.  Three sorts: mentions by
 * (kind, span) to find identical ones, each kind's entities in appelt
 * order to pick winners greedily, the winners in UIMA order.
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

/* (kind, start, end) then the best-mention order of rule 1. */
static int
cmp_identity(const void *pa, const void *pb)
{
	const neri_mention *a = *(const neri_mention *const *) pa;
	const neri_mention *b = *(const neri_mention *const *) pb;
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

static int
same_span(const neri_mention *a, const neri_mention *b)
{
	return (a->start == b->start && a->end == b->end &&
	    name_cmp(a->kind, b->kind) == 0);
}

/* One past the last mention of byid[i]'s span. */
static size_t
span_end(const neri_mention **byid, size_t n, size_t i)
{
	size_t j;

	for (j = i; j < n && same_span(byid[j], byid[i]); j++) {
	}
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
		if (!same_string(a->attrs[i].key, b->attrs[i].key) ||
		    !same_string(a->attrs[i].value, b->attrs[i].value)) {
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
		if (name_cmp(g[i].best->plugin, m->plugin) == 0 &&
		    same_payload(g[i].best, m)) {
			return (&g[i]);
		}
	}
	return (NULL);
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
		r = name_cmp(a->best->plugin, b->best->plugin);
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
		r = name_cmp(a->best->kind, b->best->kind);
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
	/* Each entity and up to two source slots per mention (see rule 1). */
	if (n > SIZE_MAX
	        / (sizeof(neri_merged) + 2 * sizeof(const neri_mention *))) {
		goto done;
	}
	res = malloc(
	    n * (sizeof(neri_merged) + 2 * sizeof(const neri_mention *)));
	byid  = malloc(n * sizeof(const neri_mention *));
	order = malloc(n * sizeof(neri_merged *));
	spans = malloc(n * sizeof(*spans));
	if (res == NULL || byid == NULL || order == NULL || spans == NULL) {
		goto done;
	}
	srcs = (const neri_mention **) (void *) (res + n);

	/* Rule 1: identical (kind, start, end) become one entity; a plugin's
	 * mentions of one span with different payloads stay apart. */
	for (i = 0; i < n; i++) {
		byid[i] = &m[i];
	}
	qsort(byid, n, sizeof(const neri_mention *), cmp_identity);
	for (i = 0; i < n; i = j) {
		size_t first = ngroups;

		for (j = i; j < n && same_span(byid[j], byid[i]); j++) {
			neri_merged *g = find_group(res + first, ngroups - first,
			    byid[j]);

			if (g == NULL) {
				g            = &res[ngroups++];
				g->best      = byid[j];
				g->score     = byid[j]->score;
				g->sources   = srcs;
				g->n_sources = 0;
				/* The span's first entity is the one other
				 * plugins join: room for every mention of the
				 * span.  The rest have their one source. */
				srcs += g == &res[first]
				    ? span_end(byid, n, i) - i
				    : 1;
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
			if (res[j].n_sources > 1 ||
			    name_cmp(res[j].best->plugin, res[i].best->plugin) != 0) {
				several = 1;
			}
		}
		if (several) {
			resolve_kind(order, j - i, spans);
		}
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
