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
	const mb_text *t     = &d->t;
	size_t         nsent = 0;
	uint32_t       s, last_cue;

	d->starts
	    = d->arena->alloc(d->arena->ctx, (t->n + 1) * sizeof(uint16_t));
	d->flags
	    = d->arena->alloc(d->arena->ctx, (t->n + 1) * sizeof(uint16_t));
	d->sent
	    = d->arena->alloc(d->arena->ctx, (t->n + 1) * sizeof(uint32_t));
	if (d->flags == NULL || d->sent == NULL || d->starts == NULL) {
		return (NERP_ENOMEM);
	}
	memset(d->flags, 0, (t->n + 1) * sizeof(uint16_t));
	for (size_t i = 0; i < t->n; i++) {
		if (i == 0 || (t->toks[i].flags & NERP_TF_SENT_START) != 0) {
			nsent++;
		}
	}
	d->sstart
	    = d->arena->alloc(d->arena->ctx, (nsent + 1) * sizeof(uint32_t));
	d->active = d->arena->alloc(d->arena->ctx, nsent + 1);
	if (d->sstart == NULL || d->active == NULL) {
		return (NERP_ENOMEM);
	}
	memset(d->active, 0, nsent + 1);
	d->nsent = 0;
	for (size_t i = 0; i < t->n; i++) {
		const mb_first *f;

		if (i == 0 || (t->toks[i].flags & NERP_TF_SENT_START) != 0) {
			d->sstart[d->nsent++] = (uint32_t) i;
		}
		d->sent[i]   = d->nsent - 1;
		d->starts[i] = 0;
		f            = mb_lexicon_first(d->lex, t->hfold[i], NULL);
		if (f == NULL) {
			continue;
		}
		/* a one-token function word is a literal of its pattern too */
		d->starts[i] = (uint16_t) (f->bits
		    | (f->flags != 0 ? MB_S_LITERAL : 0));
		/* same folded hash and length: the same function word */
		if (f->flags != 0
		    && t->toks[i].end - t->toks[i].start
		        == d->lex->first_len[f - d->lex->first]) {
			d->flags[i] |= f->flags;
		}
		if (f->bits & MB_S_CUEHEAD) {
			d->active[d->nsent - 1] |= MB_ACT_CUE;
		}
	}
	d->sstart[d->nsent] = (uint32_t) t->n;
	d->t.starts         = d->starts;
	/* the sentences before a cue sentence hold its antecedents */
	last_cue = UINT32_MAX;
	for (s = d->nsent; s > 0; s--) {
		if (d->active[s - 1] & MB_ACT_CUE) {
			last_cue = s - 1;
		}
		if (last_cue != UINT32_MAX
		    && last_cue - (s - 1) <= MB_NEAR_SENTENCES) {
			d->active[s - 1] |= MB_ACT_NEAR;
		}
	}
	for (s = 0; s < d->nsent; s++) {
		if (d->active[s] == 0) {
			continue;
		}
		for (size_t i = d->sstart[s]; i < d->sstart[s + 1]; i++) {
			unsigned st = d->starts[i];

			if (st & MB_S_WORD) {
				flag_match(d, d->lex->words, i);
			}
			if (st & MB_S_BLOCKER) {
				flag_match(d, d->lex->blockers, i);
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
