/*
 * plugins/membership/analyze.c: the recognizer's stages over one document.
 */
#include <string.h>

#include "mb.h"

int
mb_triple_add(mb_doc *d, const mb_triple *tr)
{
	if (d->ntriples == d->cap_triples) {
		size_t     nc = d->cap_triples ? d->cap_triples * 2 : 32;
		mb_triple *nt;

		if (nc > 512) {
			return (d->cap_triples >= 512 ? 0 : NERP_ENOMEM);
		}
		nt = d->arena->alloc(d->arena->ctx, nc * sizeof(*nt));
		if (nt == NULL) {
			return (NERP_ENOMEM);
		}
		if (d->ntriples > 0) {
			memcpy(nt, d->triples, d->ntriples * sizeof(*nt));
		}
		d->triples     = nt;
		d->cap_triples = nc;
	}
	d->triples[d->ntriples++] = *tr;
	return (0);
}

static int
cmp_date(const void *a, const void *b)
{
	const mb_date *x = a, *y = b;

	return (x->tok < y->tok ? -1 : (x->tok > y->tok));
}

int
mb_dates_find(mb_doc *d)
{
	static const mb_upstream none = { 0 };
	const mb_upstream       *up   = d->up != NULL ? d->up : &none;

	if (d->dates != NULL) {
		return (0);
	}
	if (d->up != NULL && d->up->fetch_dates != NULL) {
		d->up->fetch_dates(d->up->fetch_arg, d->up);
		d->up->fetch_dates = NULL;
	}
	d->ndates = 0;
	d->dates  = d->arena->alloc(
	     d->arena->ctx, 2 * (up->ndates + 1) * sizeof(mb_date));
	if (d->dates == NULL) {
		return (NERP_ENOMEM);
	}
	for (size_t i = 0, hint = 0; i < up->ndates; i++) {
		const nerp_entity *e = &up->dates[i];
		size_t             tok;

		/* only calendar values ("2024", "2024-01-01"), not PRESENT_REF
		 */
		if (e->value == NULL || e->value[0] < '0' || e->value[0] > '9'
		    || e->start >= e->end || e->end > d->t.len) {
			continue;
		}
		tok = mb_tok_near(&d->t, e->start, hint);
		if (tok >= d->t.n) {
			continue;
		}
		hint                    = tok;
		d->dates[d->ndates].tok = (uint32_t) tok;
		d->dates[d->ndates].end
		    = (uint32_t) mb_tok_from(&d->t, e->end - 1, tok) + 1;
		d->dates[d->ndates].value = e->value;
		d->ndates++;
	}
	/* in text order (as the host hands them over, when the sort only
	 * checks it), for since_of's search; the second half of the block
	 * is the sort's scratch */
	mb_sort_runs(d->dates, d->ndates, sizeof(mb_date), cmp_date,
	    d->dates + up->ndates + 1);
	return (0);
}

int
mb_analyze(const mb_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t ntok,
    const mb_upstream *up, const char *dct, const mb_arena *arena,
    mb_triple **out, size_t *n)
{
	mb_doc      d;
	mb_upstream fetched;
	long        real;
	int         rv;

	*out = NULL;
	*n   = 0;
	if (ntok == 0) {
		return (0);
	}
	memset(&d, 0, sizeof(d));
	d.lex   = lex;
	d.arena = arena;
	if (dct != NULL && dct[0] >= '1' && dct[0] <= '9'
	    && strlen(dct) >= 4) {
		d.dct_year = (dct[0] - '0') * 1000 + (dct[1] - '0') * 100
		    + (dct[2] - '0') * 10 + (dct[3] - '0');
	}
	if (keys == NULL) {
		return (NERP_ENOMEM); /* the host ran out of memory keying */
	}
	mb_text_init(&d.t, text, len, toks, keys, ntok);
	rv = mb_heads_scan(&d);
	if (rv != 0) {
		return (rv);
	}
	if (d.nheads == 0) {
		return (0); /* no sentence has a cue's distinctive word */
	}
	real = mb_cues_find(&d);
	if (real < 0) {
		return (NERP_ENOMEM);
	}
	if (real == 0) {
		return (0); /* no cue that asserts anything */
	}
	fetched = *up;
	if (fetched.fetch != NULL) {
		fetched.fetch(fetched.fetch_arg, &fetched);
	}
	if (!mb_orgs_possible(&d, &fetched)) {
		return (0); /* no organisation for a cue to name */
	}
	if (fetched.fetch_officials != NULL) {
		fetched.fetch_officials(fetched.fetch_arg, &fetched);
	}
	rv   = mb_words_fill(&d);
	d.up = &fetched; /* the dates wait for a triple (mb_dates_find) */
	if (rv == 0) {
		rv = mb_orgs_find(&d, &fetched);
	}
	if (rv == 0) {
		rv = mb_members_find(&d, &fetched);
	}
	if (rv == 0) {
		rv = mb_cues_scan(&d);
	}
	if (rv != 0) {
		return (rv);
	}
	mb_supersede(lex, d.triples, &d.ntriples);
	*out = d.triples;
	*n   = d.ntriples;
	return (0);
}
