/*
 * plugins/membership/words.c: function-word flags, sentences, clauses and
 * scopes.
 *
 * A clause ends at a sentence end or a MB_W_CLAUSE word (";", "but"); the
 * members and organisation of a cue are looked for inside its clause.  A
 * scope is the part of a clause after the last relative pronoun or
 * reporting verb: negations and modals block the cues of their scope only,
 * so "Lula is expected to attend the summit in South Africa, which holds
 * that forum's presidency" keeps the presidency.
 */
#include <string.h>

#include "mb.h"

static void
flag_match(mb_doc *d, const mb_patterns *p, size_t i)
{
	mb_hit hit;

	if (!mb_patterns_match(p, &d->t, i, d->t.n, &hit)) {
		return;
	}
	for (size_t k = i; k < i + hit.ntok; k++) {
		d->flags[k] |= (uint16_t) hit.value;
	}
}

int
mb_words_scan(mb_doc *d)
{
	const mb_text    *t   = &d->t;
	const mb_lexicon *lex = d->lex;
	const nerp_token *toks;
	const uint32_t   *hfold;
	const mb_first   *first;
	uint32_t          mask;
	uint16_t         *starts, *flags;
	uint32_t         *sent, *sstart;
	uint8_t          *active;
	size_t            n, nsent = 0, nalias = 0, nana = 0, ncountry = 0;
	uint32_t          s, last_cue;

	n         = t->n;
	d->starts = d->arena->alloc(d->arena->ctx, (n + 1) * sizeof(uint16_t));
	d->flags  = d->arena->alloc(d->arena->ctx, (n + 1) * sizeof(uint16_t));
	d->sent   = d->arena->alloc(d->arena->ctx, (n + 1) * sizeof(uint32_t));
	if (d->flags == NULL || d->sent == NULL || d->starts == NULL) {
		return (NERP_ENOMEM);
	}
	toks = t->toks;
	/* a sentence per token at most: sized without a counting pass */
	d->sstart = d->arena->alloc(d->arena->ctx, (n + 1) * sizeof(uint32_t));
	d->active = d->arena->alloc(d->arena->ctx, n + 1);
	if (d->sstart == NULL || d->active == NULL) {
		return (NERP_ENOMEM);
	}
	/* locals: the stores below cannot then alias the document's fields */
	starts = d->starts;
	flags  = d->flags;
	sent   = d->sent;
	sstart = d->sstart;
	active = d->active;
	hfold  = t->hfold;
	first  = lex->first;
	mask   = lex->first_mask;
	nsent  = 0;
	for (size_t i = 0; i < n; i++) {
		const mb_first *f;
		uint32_t        h = hfold[i], k;
		unsigned        bits, fw;

		if (i == 0 || (toks[i].flags & NERP_TF_SENT_START) != 0) {
			active[nsent]   = 0;
			sstart[nsent++] = (uint32_t) i;
		}
		sent[i] = (uint32_t) nsent - 1;
		/* mb_lexicon_first, inline: the slots from h's home on, up to
		 * an empty one (there is one within MB_FIRST_WINDOW) */
		k = h & mask;
		while (first[k].bits != 0 && first[k].hash != h) {
			k++;
		}
		f    = &first[k];
		bits = f->bits;
		fw   = f->flags;
		/* a one-token function word is a literal of its pattern too */
		starts[i] = (uint16_t) (bits | (fw != 0 ? MB_S_LITERAL : 0));
		/* same folded hash and length: the same function word */
		flags[i] = (uint16_t) (toks[i].end - toks[i].start
		            == lex->first_len[k]
		        ? fw
		        : 0);
		active[nsent - 1]
		    |= (uint8_t) ((bits & MB_S_CUEHEAD) != 0 ? MB_ACT_CUE : 0);
		nalias += (bits & MB_S_ALIAS) != 0;
		nana += (bits & MB_S_ANAPHOR) != 0;
		ncountry += (bits & MB_S_COUNTRY) != 0;
	}
	flags[n]      = 0;
	active[nsent] = 0;
	d->nsent      = (uint32_t) nsent;
	d->nalias     = nalias;
	d->nana       = nana;
	d->ncountry   = ncountry;
	sstart[nsent] = (uint32_t) n;
	d->t.starts   = starts;
	/* the sentences before a cue sentence hold its antecedents */
	last_cue = UINT32_MAX;
	for (s = d->nsent; s > 0; s--) {
		if (active[s - 1] & MB_ACT_CUE) {
			last_cue = s - 1;
		}
		if (last_cue != UINT32_MAX
		    && last_cue - (s - 1) <= MB_NEAR_SENTENCES) {
			active[s - 1] |= MB_ACT_NEAR;
		}
	}
	for (s = 0; s < d->nsent; s++) {
		if (active[s] == 0) {
			continue;
		}
		for (size_t i = sstart[s]; i < sstart[s + 1]; i++) {
			unsigned st = starts[i];

			if (st & MB_S_WORD) {
				flag_match(d, lex->words, i);
			}
			if (st & MB_S_BLOCKER) {
				flag_match(d, lex->blockers, i);
			}
		}
	}
	return (0);
}

void
mb_clause(const mb_doc *d, size_t i, size_t *start, size_t *end)
{
	uint32_t s  = d->sent[i < d->t.n ? i : d->t.n - 1];
	size_t   lo = d->sstart[s];
	size_t   hi = d->sstart[s + 1];
	size_t   k;

	for (k = i; k > lo; k--) {
		if ((d->flags[k - 1] & MB_W_CLAUSE) != 0) {
			break;
		}
	}
	*start = k;
	for (k = i; k < hi; k++) {
		if (k > i && (d->flags[k] & MB_W_CLAUSE) != 0) {
			break;
		}
	}
	*end = k;
}

size_t
mb_scope_start(const mb_doc *d, size_t i)
{
	size_t cs, ce, k;

	mb_clause(d, i, &cs, &ce);
	for (k = i; k > cs; k--) {
		if ((d->flags[k - 1] & (MB_W_SCOPE | MB_W_REPORT)) != 0) {
			break;
		}
	}
	return (k);
}

size_t
mb_tok_at(const mb_text *t, uint32_t off)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t->toks[mid].end <= off) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return (lo);
}

size_t
mb_next_active(const mb_doc *d, size_t i, unsigned mask)
{
	uint32_t s;

	if (i >= d->t.n) {
		return (d->t.n);
	}
	s = d->sent[i];
	if ((d->active[s] & mask) != 0) {
		return (i);
	}
	while (s < d->nsent && (d->active[s] & mask) == 0) {
		s++;
	}
	return (d->sstart[s]); /* sstart[nsent] is the token count */
}

size_t
mb_tok_near(const mb_text *t, uint32_t off, size_t hint)
{
	size_t lo = 0, hi = t->n, k = hint < t->n ? hint : t->n;

	/* a few steps on from the hint, else a binary search on the side
	 * of the hint the token lies on */
	if (k > 0 && t->toks[k - 1].end > off) {
		hi = k;
	} else {
		for (int step = 0; step < 8; step++, k++) {
			if (k == t->n || t->toks[k].end > off) {
				return (k);
			}
		}
		lo = k;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t->toks[mid].end <= off) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return (lo);
}
