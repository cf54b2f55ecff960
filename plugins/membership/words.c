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

/* mb_lexicon_exact with its common case, an ASCII token, inline. */
static inline int
tok_exact(const mb_text *t, size_t i, const char *lit)
{
	return (mb_tok_ascii(t, i) || mb_lexicon_exact(t, i, lit));
}

/* Token i's word flags when it is a one-token function word of slot k:
 * the same length as the word and folding to it. */
static inline unsigned
slot_flags(const mb_lexicon *lex, const mb_text *t, size_t i, size_t k)
{
	unsigned fw = lex->first[k].flags;

	if (fw == 0 || t->toks[i].end - t->toks[i].start != lex->first_len[k]
	    || !tok_exact(t, i, lex->first_lit[k])) {
		return (0);
	}
	return (fw);
}

/* A token that passed the cue-head bit filter: when it is a cue head,
 * it goes on d->heads. */
static __attribute__((noinline)) void
cue_head_at(mb_doc *d, size_t i)
{
	const mb_lexicon *lex = d->lex;
	size_t            k   = mb_lexicon_slot(lex, mb_key32(d->t.keys[i]));

	if ((lex->first[k].bits & MB_S_CUEHEAD) != 0
	    && tok_exact(&d->t, i, lex->first_lit[k])) {
		d->heads[d->nheads++] = (uint32_t) i;
	}
}

/* Pass 1, over every token's key: the cue heads (one bit test per
 * token; a probe only for the few that pass). */
static void
find_heads(mb_doc *d)
{
	const mb_lexicon *lex  = d->lex;
	const uint64_t   *keys = d->t.keys;
	size_t            n = d->t.n, i = 0;

	d->nheads = 0;
	/* one bit test and one branch per token, which most do not take;
	 * four tokens a round, so that the loop's own work is shared */
	for (; i + 4 <= n; i += 4) {
		if (mb_lexicon_may_head(lex, mb_key32(keys[i]))) {
			cue_head_at(d, i);
		}
		if (mb_lexicon_may_head(lex, mb_key32(keys[i + 1]))) {
			cue_head_at(d, i + 1);
		}
		if (mb_lexicon_may_head(lex, mb_key32(keys[i + 2]))) {
			cue_head_at(d, i + 2);
		}
		if (mb_lexicon_may_head(lex, mb_key32(keys[i + 3]))) {
			cue_head_at(d, i + 3);
		}
	}
	for (; i < n; i++) {
		if (mb_lexicon_may_head(lex, mb_key32(keys[i]))) {
			cue_head_at(d, i);
		}
	}
}

/* Where the sentence of every head ends (d->hend), by a walk from the
 * first head of each: no pass over the rest of the document.  Returns 0
 * or NERP_ENOMEM. */
static int
head_ends(mb_doc *d)
{
	const nerp_token *toks = d->t.toks;
	size_t            n    = d->t.n;
	size_t            end  = 0;

	d->hend = d->arena->alloc(
	    d->arena->ctx, (d->nheads + 1) * sizeof(uint32_t));
	if (d->hend == NULL) {
		return (NERP_ENOMEM);
	}
	for (size_t j = 0; j < d->nheads; j++) {
		if (d->heads[j] >= end) {
			/* the first head of its sentence */
			end = d->heads[j] + 1;
			while (end < n && !mb_sent_start(toks, end)) {
				end++;
			}
		}
		d->hend[j] = (uint32_t) end;
	}
	return (0);
}

/* Pass 2, over every token's flags: where sentences start (d->sstart,
 * d->nsent), which hold a cue head and which are near one (d->active),
 * and their tokens (d->nact). */
static void
scan_sentences(mb_doc *d)
{
	const nerp_token *toks   = d->t.toks;
	uint32_t         *sstart = d->sstart;
	uint8_t          *active = d->active;
	size_t            n = d->t.n, nsent = 1, nact = 0;
	uint32_t          s, last_cue;

	sstart[0] = 0;
	active[0] = 0;
#pragma GCC unroll 4
	for (size_t i = 1; i < n; i++) {
		if ((toks[i].flags & NERP_TF_SENT_START) != 0) {
			active[nsent]   = 0;
			sstart[nsent++] = (uint32_t) i;
		}
	}
	active[nsent] = 0;
	sstart[nsent] = (uint32_t) n;
	d->nsent      = (uint32_t) nsent;
	/* the heads' sentences (both in text order) */
	s = 0;
	for (size_t h = 0; h < d->nheads; h++) {
		while (sstart[s + 1] <= d->heads[h]) {
			s++;
		}
		active[s] |= MB_ACT_CUE;
	}
	/* the sentences before a cue sentence hold its antecedents */
	last_cue = UINT32_MAX;
	for (s = d->nsent; s > 0; s--) {
		if (active[s - 1] & MB_ACT_CUE) {
			last_cue = s - 1;
		}
		if (last_cue != UINT32_MAX
		    && last_cue - (s - 1) <= MB_NEAR_SENTENCES) {
			active[s - 1] |= MB_ACT_NEAR;
			nact += sstart[s] - sstart[s - 1];
		}
	}
	d->nact = nact;
}

/* Token i's candidate lists and counts, by its start bits. */
static inline void
push_cands(mb_doc *d, size_t i, unsigned bits)
{
	if ((bits
	        & (MB_S_ANAPHOR | MB_S_ALIAS | MB_S_COUNTRY | MB_S_WORD
	            | MB_S_BLOCKER))
	    == 0) {
		return;
	}
	if (bits & (MB_S_WORD | MB_S_BLOCKER)) {
		d->cand[MB_C_WORD][d->ncand[MB_C_WORD]++] = (uint32_t) i;
	}
	if (bits & MB_S_ANAPHOR) {
		d->cand[MB_C_ANAPHOR][d->ncand[MB_C_ANAPHOR]++] = (uint32_t) i;
		d->nana++;
	}
	if (bits & MB_S_ALIAS) {
		if (d->t.toks[i].flags
		    & (NERP_TF_UPPER_INITIAL | NERP_TF_HAS_DIGIT)) {
			d->cand[MB_C_ALIAS][d->ncand[MB_C_ALIAS]++]
			    = (uint32_t) i;
		}
		d->nalias++;
	}
	if (bits & MB_S_COUNTRY) {
		d->cand[MB_C_COUNTRY][d->ncand[MB_C_COUNTRY]++] = (uint32_t) i;
		d->ncountry++;
	}
}

/* Token i's start bits and one-token word flags (*fw) from slot k of
 * the first table (a token mb_lexicon_may_start lets through); ascii:
 * the token is known to be all ASCII bytes. */
static inline unsigned
slot_bits(const mb_lexicon *lex, const mb_text *t, size_t i, size_t k,
    int ascii, unsigned *fw)
{
	unsigned bits = lex->first[k].bits;
	unsigned sf   = lex->first[k].flags;

	*fw = 0;
	if (bits == 0) {
		return (0);
	}
	/* (a one-token function word is a literal of its pattern: the
	 * load marked it MB_S_LITERAL with every literal) its flags and a
	 * cue head need the token to fold to the slot's word (one test
	 * serves both) */
	if ((sf | (bits & MB_S_CUEHEAD)) != 0) {
		if (!ascii && !tok_exact(t, i, lex->first_lit[k])) {
			bits &= ~(unsigned) MB_S_CUEHEAD;
		} else if (sf != 0
		    && t->toks[i].end - t->toks[i].start
		        == lex->first_len[k]) {
			*fw = sf;
		}
	}
	return (bits);
}

/* Sets sent[lo..hi) to s, four a round. */
static void
fill_sent(uint32_t *sent, size_t lo, size_t hi, uint32_t s)
{
	size_t i = lo;

	for (; i + 4 <= hi; i += 4) {
		sent[i]     = s;
		sent[i + 1] = s;
		sent[i + 2] = s;
		sent[i + 3] = s;
	}
	for (; i < hi; i++) {
		sent[i] = s;
	}
}

/* Pass 2, over the tokens of sentence s (one with or near a cue): start
 * bits, one-token word flags, sentence numbers, the candidate lists and
 * the counts the mention stages size their arrays by.  One bit test per
 * token: most start nothing. */
static void
scan_words(mb_doc *d, uint32_t s)
{
	const mb_lexicon *lex    = d->lex;
	const mb_text    *t      = &d->t;
	const uint64_t   *keys   = t->keys;
	uint16_t         *starts = d->starts;
	uint16_t         *flags  = d->flags;
	uint32_t         *sent   = d->sent;
	size_t            lo     = d->sstart[s];
	size_t            hi     = d->sstart[s + 1];
	int               ascii;

	if (lo >= hi) {
		return;
	}
	/* most sentences are ASCII: then no token of them needs testing */
	ascii
	    = mb_bytes_ascii(t->text, t->toks[lo].start, t->toks[hi - 1].end);
	/* flags[] is zero here (words_init; no match has run yet) */
	memset(starts + lo, 0, (hi - lo) * sizeof(*starts));
	fill_sent(sent, lo, hi, s);
	for (size_t i = lo; i < hi; i++) {
		uint32_t h = mb_key32(keys[i]);
		unsigned bits, fw;

		if (!mb_lexicon_may_start(lex, h)) {
			continue;
		}
		bits = slot_bits(
		    lex, t, i, mb_lexicon_slot(lex, h), ascii, &fw);
		starts[i] = (uint16_t) bits;
		flags[i]  = (uint16_t) fw;
		push_cands(d, i, bits);
	}
}

/* The token arrays' defaults and the candidate lists (d->nact: the
 * tokens of the sentences with or near a cue).  Returns 0 or
 * NERP_ENOMEM. */
static int
words_init(mb_doc *d)
{
	size_t    n    = d->t.n;
	size_t    nact = d->nact;
	uint32_t *cand;

	/* outside the sentences with or near a cue nothing is matched: there
	 * a token may start anything (the filters let it through) and its
	 * one-token flags are looked up when asked for (mb_word_flags);
	 * flags[] then holds only what a match running on from an earlier
	 * sentence set */
	memset(d->starts, 0xFF, (n + 1) * sizeof(uint16_t));
	memset(d->flags, 0, (n + 1) * sizeof(uint16_t));
	/* each list holds at most the tokens of those sentences */
	cand = d->arena->alloc(
	    d->arena->ctx, MB_NCAND * (nact + 1) * sizeof(uint32_t));
	if (cand == NULL) {
		return (NERP_ENOMEM);
	}
	for (int c = 0; c < MB_NCAND; c++) {
		d->cand[c]  = cand + (size_t) c * (nact + 1);
		d->ncand[c] = 0;
	}
	d->t.starts = d->starts;
	return (0);
}

/* The per-document arrays (one block: sent, sstart (a sentence per token
 * at most: sized without a counting pass), heads, starts, flags,
 * active), the heads and their sentences' ends.  Returns 0 or
 * NERP_ENOMEM. */
int
mb_heads_scan(mb_doc *d)
{
	size_t         n = d->t.n;
	unsigned char *block;

	block = d->arena->alloc(d->arena->ctx,
	    (n + 1) * (3 * sizeof(uint32_t) + 2 * sizeof(uint16_t) + 1));
	if (block == NULL) {
		return (NERP_ENOMEM);
	}
	d->sent   = (uint32_t *) (void *) block;
	d->sstart = d->sent + (n + 1);
	d->heads  = d->sstart + (n + 1);
	d->starts = (uint16_t *) (void *) (d->heads + (n + 1));
	d->flags  = d->starts + (n + 1);
	d->active = (uint8_t *) (d->flags + (n + 1));
	d->nalias = d->nana = d->ncountry = 0;
	for (int c = 0; c < MB_NCAND; c++) {
		d->cand[c]  = NULL;
		d->ncand[c] = 0;
	}
	d->nsent = 0;
	d->nact  = 0;
	find_heads(d);
	return (head_ends(d));
}

int
mb_sentences_scan(mb_doc *d)
{
	int rv = mb_heads_scan(d);

	if (rv == 0) {
		scan_sentences(d);
	}
	return (rv);
}

int
mb_words_fill(mb_doc *d)
{
	const mb_lexicon *lex    = d->lex;
	const uint16_t   *starts = d->starts;

	if (d->nsent == 0) {
		scan_sentences(d); /* after mb_heads_scan */
	}
	if (words_init(d) != 0) {
		return (NERP_ENOMEM);
	}
	for (uint32_t s = 0; s < d->nsent; s++) {
		uint32_t *sent = d->sent;
		size_t    hi   = d->sstart[s + 1];

		if (d->active[s] != 0) {
			scan_words(d, s);
			continue;
		}
		fill_sent(sent, d->sstart[s], hi, s);
	}
	for (size_t c = 0; c < d->ncand[MB_C_WORD]; c++) {
		size_t   i  = d->cand[MB_C_WORD][c];
		size_t   k  = mb_lexicon_slot(lex, mb_key32(d->t.keys[i]));
		unsigned sf = lex->first[k].flags;

		/* no longer pattern can go on to the next token, and the
		 * flags of its one-token patterns are set already: a match
		 * would add nothing */
		if ((d->flags[i] & sf) == sf
		    && (i + 1 >= d->t.n
		        || (lex->first_next[k]
		               & (1ull << (mb_key32(d->t.keys[i + 1]) & 63)))
		            == 0)) {
			continue;
		}
		if (starts[i] & MB_S_WORD) {
			flag_match(d, lex->words, i);
		}
		if (starts[i] & MB_S_BLOCKER) {
			flag_match(d, lex->blockers, i);
		}
	}
	return (0);
}

int
mb_words_scan(mb_doc *d)
{
	int rv = mb_sentences_scan(d);

	if (rv == 0) {
		rv = mb_words_fill(d);
	}
	return (rv);
}

unsigned
mb_word_flags(const mb_doc *d, size_t i)
{
	size_t k;

	if (d->active[d->sent[i]] != 0) {
		return (d->flags[i]);
	}
	k = mb_lexicon_slot(d->lex, mb_key32(d->t.keys[i]));
	return (d->flags[i] | slot_flags(d->lex, &d->t, i, k));
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

void
mb_clauses_at(const mb_doc *d, mb_clauses *w, size_t i)
{
	size_t k;

	if (w->at != SIZE_MAX && w->at <= i && i < w->ce
	    && (i == w->at || (d->flags[w->at] & MB_W_CLAUSE) == 0)) {
		k = w->at; /* no clause boundary between the two */
	} else {
		mb_clause(d, i, &w->cs, &w->ce);
		k             = w->cs;
		w->scope      = w->cs;
		w->before     = 0;
		w->past_chair = 0;
	}
	for (; k < i; k++) {
		unsigned f = d->flags[k];

		if ((f & (MB_W_SCOPE | MB_W_REPORT)) != 0) {
			w->scope = k + 1;
		}
		if ((f & MB_B_BEFORE) != 0) {
			w->before = k + 1;
		}
		if ((f & MB_B_PAST_CHAIR) != 0) {
			w->past_chair = k + 1;
		}
	}
	w->at = i;
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
	size_t lo = 0, hi, k = hint < t->n ? hint : t->n;
	size_t step = 1;

	/* a hint before off moves on by the bytes between them at the
	 * text's mean token length: an error that grows with that gap, not
	 * with the text */
	if (k < t->n && t->toks[k].start < off) {
		k += (size_t) ((uint64_t) (off - t->toks[k].start) * t->n
		    / t->len);
		k = k < t->n ? k : t->n;
	}
	/* steps that double from there, on the side the token lies on,
	 * bound a binary search: the answer lies in [lo, hi] */
	if (k > 0 && t->toks[k - 1].end > off) {
		hi = k - 1; /* it ends past off */
		while (hi > 0) {
			size_t j = hi > step ? hi - step : 0;

			if (t->toks[j].end <= off) {
				lo = j + 1;
				break;
			}
			hi = j;
			step *= 2;
		}
	} else {
		lo = k; /* the tokens before lo end at or before off */
		while (k < t->n && t->toks[k].end <= off) {
			lo = k + 1;
			k  = lo + step;
			step *= 2;
		}
		hi = k < t->n ? k : t->n;
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
