/*
 * plugins/membership/mentions.c: organisation and member mentions.
 *
 * Organisations come from the upstream "organization" entities (mapped to
 * a canonical name through their canonical/acronym/name attributes or an
 * alias inside their span); the plugin's own aliases fill in only where
 * upstream found nothing, so the plugin still works alone.  "The bloc",
 * "the organization's" resolve to the last multilateral organisation
 * named before them.
 *
 * Members are countries (names, demonyms, capitals: the shared gazetteer),
 * officials' countries (upstream "official" entities; "Bolivian President
 * Luis Arce" is one mention), organisations that can be members (AU) and
 * anaphors: "his country" (the nearest official's country), "the
 * half-island nation" and "it" (the country the text is about: the first
 * one of the nearest sentence naming one), "the two countries"/"they"
 * (the last list of countries), ", which" (the mention before the comma).
 */
#include <stdlib.h>
#include <string.h>

#include "mb.h"

#define LIST_GAP 3       /* separator tokens between two list items */
#define TITLE_GAP 4      /* title words between a demonym and an official */
#define BACK_SENTENCES 3 /* how far back anaphors look */
/* and over how many mentions at most, for "the three countries" (which
 * passes lists of other sizes) and a list's items: a bound that only a
 * sentence of hundreds of mentions reaches (a text without sentence
 * breaks), where it keeps the cost linear */
#define BACK_MENTIONS 256

static void *
arena_alloc(const mb_doc *d, size_t size)
{
	return (d->arena->alloc(d->arena->ctx, size > 0 ? size : 1));
}

static const char *
attr(const nerp_entity *e, const char *key)
{
	for (size_t i = 0; i < e->n_attrs; i++) {
		const char *k = e->attrs[i].key;

		/* the first byte turns most keys away before a call */
		if (k != NULL && k[0] == key[0] && strcmp(k, key) == 0) {
			return (e->attrs[i].value);
		}
	}
	return (NULL);
}

/* The tokens [*tok, *end) of a byte span; 0 when none.  *hint: where
 * to search from (the upstream entities come in text order), updated. */
static int
span_tokens(const mb_text *t, uint32_t start, uint32_t end, uint32_t *tok,
    uint32_t *tend, size_t *hint)
{
	size_t a, b;

	if (start >= end || end > t->len) {
		return (0);
	}
	/* from the last one found (mb_tok_near moves on from there) */
	a     = mb_tok_near(t, start, *hint);
	b     = mb_tok_from(t, end - 1, a);
	*hint = a;
	if (a >= t->n || b >= t->n || t->toks[a].start >= end) {
		return (0);
	}
	*tok  = (uint32_t) a;
	*tend = (uint32_t) (b + 1);
	return (1);
}

static int cmp_ment(const void *a, const void *b);

/* Sets m to a mention of one member: its members past the first are
 * left unset (a mention's members past n are never read). */
static void
ment_set(mb_mention *m, uint32_t tok, uint32_t end, uint32_t sent,
    uint16_t kind, int org, const char *member)
{
	m->tok        = tok;
	m->end        = end;
	m->sent       = sent;
	m->kind       = kind;
	m->n          = 1;
	m->org        = org;
	m->members[0] = member;
}

/* Copies mention from into to, up to its last member. */
static void
ment_copy(mb_mention *to, const mb_mention *from)
{
	memcpy(to, from,
	    offsetof(mb_mention, members)
	        + from->n * sizeof(from->members[0]));
}

/* An insertion sort: the mentions come in order but for the few an
 * anaphor's resolution puts out of place, and they are large to move. */
static void
sort_ments(mb_mention *m, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		mb_mention x;
		size_t     j = i;

		if (cmp_ment(&m[i - 1], &m[i]) <= 0) {
			continue;
		}
		ment_copy(&x, &m[i]);
		while (j > 0 && cmp_ment(&m[j - 1], &x) > 0) {
			ment_copy(&m[j], &m[j - 1]);
			j--;
		}
		ment_copy(&m[j], &x);
	}
}

static int
cmp_org(const void *a, const void *b)
{
	const mb_org_mention *x = a, *y = b;

	if (x->tok != y->tok) {
		return (x->tok < y->tok ? -1 : 1);
	}
	return (x->end > y->end ? -1 : (x->end < y->end));
}

static int
cmp_ment(const void *a, const void *b)
{
	const mb_mention *x = a, *y = b;

	if (x->tok != y->tok) {
		return (x->tok < y->tok ? -1 : 1);
	}
	return (x->end > y->end ? -1 : (x->end < y->end));
}

/* cmp_ment of two pointers to mentions. */
static int
cmp_ment_ref(const void *a, const void *b)
{
	const mb_mention *const *x = a, *const *y = b;

	return (cmp_ment(*x, *y));
}

/* The lexicon organisation of an upstream entity, or -1. */
static int
upstream_org(const mb_doc *d, const nerp_entity *e, uint32_t tok, uint32_t end)
{
	static const char *const keys[]  = { "canonical", "acronym", "name" };
	const char              *vals[3] = { NULL, NULL, NULL };
	int                      o;

	/* the first value of each key, in one pass over the attributes;
	 * the first byte tells which key an attribute's may be */
	for (size_t a = 0; a < e->n_attrs; a++) {
		const char *k = e->attrs[a].key;
		size_t      j;

		if (k == NULL) {
			continue;
		}
		switch (k[0]) {
		case 'c':
			j = 0;
			break;
		case 'a':
			j = 1;
			break;
		case 'n':
			j = 2;
			break;
		default:
			continue;
		}
		if (vals[j] == NULL && strcmp(k, keys[j]) == 0) {
			vals[j] = e->attrs[a].value;
		}
	}
	/* most of the values are missing: no call for them */
	for (size_t j = 0; j < 3; j++) {
		o = vals[j] != NULL ? mb_lexicon_org(d->lex, vals[j]) : -1;
		if (o >= 0) {
			return (o);
		}
	}
	o = e->value != NULL ? mb_lexicon_org(d->lex, e->value) : -1;
	if (o >= 0) {
		return (o);
	}
	for (uint32_t i = tok; i < end; i++) {
		mb_hit hit;

		/* an alias starts with a word of the alias filter */
		if (mb_lexicon_may_alias(d->lex, mb_key32(d->t.keys[i]))
		    && mb_patterns_match(
		        d->lex->aliases, &d->t, i, end, &hit)) {
			return (hit.value);
		}
	}
	return (-1);
}

/* Maps every upstream organisation to its tokens and lexicon
 * organisation once, into d->uporgs (ok 0: no tokens, skipped).
 * Returns 0 or NERP_ENOMEM. */
static int
map_upstream(mb_doc *d, const mb_upstream *up)
{
	mb_up_org *m;

	if (d->uporgs != NULL) {
		return (0);
	}
	m = arena_alloc(d, (up->norgs + 1) * sizeof(*m));
	if (m == NULL) {
		return (NERP_ENOMEM);
	}
	for (size_t i = 0, hint = 0; i < up->norgs; i++) {
		const nerp_entity *e = &up->orgs[i];

		m[i].ok = span_tokens(
		    &d->t, e->start, e->end, &m[i].tok, &m[i].end, &hint);
		m[i].org
		    = m[i].ok ? upstream_org(d, e, m[i].tok, m[i].end) : -1;
	}
	d->uporgs = m;
	return (0);
}

static int
is_possessive(const mb_doc *d, uint32_t end)
{
	return (
	    end < d->t.n && (d->t.toks[end].flags & NERP_TF_POSSESSIVE) != 0);
}

#define ANAPHOR_SPAN 6 /* tokens from an anaphor's first word to its head */

/* Nonzero when an anaphor's distinctive word is among the ANAPHOR_SPAN
 * tokens from i on: most "the" have none. */
static int
head_near(const mb_doc *d, size_t i)
{
	size_t   end = i + ANAPHOR_SPAN < d->t.n ? i + ANAPHOR_SPAN : d->t.n;
	unsigned any = 0;

	/* the start bits of the span gathered, one test for them all */
	for (size_t k = i; k < end; k++) {
		any |= d->starts[k];
	}
	return ((any & MB_S_ANAHEAD) != 0);
}

static void
find_anaphors(mb_doc *d)
{
	const mb_text  *t    = &d->t;
	const uint32_t *cand = d->cand[MB_C_ANAPHOR];
	size_t          next = 0; /* past the last anaphor found */

	/* only the sentences with or near a cue: the others hold none */
	for (size_t c = 0; c < d->ncand[MB_C_ANAPHOR]; c++) {
		size_t i = cand[c];
		mb_hit hit;

		if (i < next || !head_near(d, i)
		    || !mb_patterns_match(d->lex->anaphors, t, i,
		        d->sstart[d->sent[i] + 1], &hit)) {
			continue;
		}
		d->anas[d->nanas].tok  = (uint32_t) i;
		d->anas[d->nanas].end  = (uint32_t) (i + hit.ntok);
		d->anas[d->nanas].kind = hit.value;
		d->nanas++;
		next = i + hit.ntok;
	}
}

/* Nonzero when token i, capitalised or with a digit in a sentence with or
 * near a cue, may start one of the plugin's aliases (what words.c puts on
 * the alias list) and one matches there. */
static int
alias_at(const mb_doc *d, size_t i)
{
	const mb_lexicon *lex = d->lex;
	const mb_first   *f;
	uint32_t          h = mb_key32(d->t.keys[i]);
	mb_hit            hit;

	if (!mb_lexicon_may_alias(lex, h)) {
		return (0); /* no alias starts with this word: no probe */
	}
	f = mb_lexicon_first(lex, h, NULL);
	return (f != NULL && (f->bits & MB_S_ALIAS) != 0
	    && mb_patterns_match(lex->aliases, &d->t, i, d->t.n, &hit));
}

int
mb_orgs_possible(mb_doc *d, const mb_upstream *up)
{
	const nerp_token *toks = d->t.toks;

	if (map_upstream(d, up) != 0) {
		return (1); /* out of memory: mb_orgs_find will say so */
	}
	for (size_t i = 0; i < up->norgs; i++) {
		if (d->uporgs[i].org >= 0) {
			return (1);
		}
	}
	/* each cue sentence and the MB_NEAR_SENTENCES before it, back to
	 * where the one before was looked at: walked backwards */
	for (size_t h = 0, done = 0; h < d->nheads; h++) {
		size_t end     = d->hend[h]; /* its sentence's end */
		int    crossed = 0;

		if (end <= done) {
			continue; /* the sentence of the head before */
		}
		for (size_t i = end; i > done;) {
			unsigned f;

			i--;
			f = toks[i].flags;
			/* one test for most tokens (the first token ends the
			 * walk, a sentence start or not) */
			if ((f
			        & (NERP_TF_UPPER_INITIAL | NERP_TF_HAS_DIGIT
			            | NERP_TF_SENT_START))
			    == 0) {
				continue;
			}
			if ((f & (NERP_TF_UPPER_INITIAL | NERP_TF_HAS_DIGIT))
			        != 0
			    && alias_at(d, i)) {
				return (1);
			}
			if ((f & NERP_TF_SENT_START) != 0
			    && ++crossed > MB_NEAR_SENTENCES) {
				break;
			}
		}
		done = end;
	}
	return (0);
}

int
mb_orgs_find(mb_doc *d, const mb_upstream *up)
{
	const mb_text  *t = &d->t;
	size_t          cap, nana = d->nana;
	mb_org_mention *o, *tmp;
	size_t          n = 0, nup, u = 0, last;

	/* per-call memory is fresh for every document: size the arrays by
	 * what can start an alias or an anaphor (counted by mb_words_scan),
	 * not by the token count */
	cap     = up->norgs + d->nalias + nana + 1;
	d->anas = arena_alloc(d, (nana + 1) * sizeof(mb_anaphor_hit));
	o       = arena_alloc(d, cap * sizeof(*o));
	tmp     = arena_alloc(d, cap * sizeof(*tmp)); /* for the sorts */
	if (d->anas == NULL || o == NULL || tmp == NULL) {
		return (NERP_ENOMEM);
	}
	d->nanas = 0;
	find_anaphors(d);
	if (map_upstream(d, up) != 0) {
		return (NERP_ENOMEM);
	}
	for (size_t i = 0; i < up->norgs; i++) {
		uint32_t a = d->uporgs[i].tok, b = d->uporgs[i].end;

		if (!d->uporgs[i].ok) {
			continue;
		}
		o[n].tok        = a;
		o[n].end        = b;
		o[n].sent       = d->sent[a];
		o[n].org        = d->uporgs[i].org;
		o[n].alt_org    = -1;
		o[n].anaphor    = 0;
		o[n].possessive = is_possessive(d, b);
		n++;
	}
	mb_sort_runs(o, n, sizeof(*o), cmp_org, tmp);
	nup = n;
	/* own aliases where upstream has nothing, in the sentences with or
	 * near a cue (a match may run on past the sentence's end) */
	for (size_t c = 0, next = 0; c < d->ncand[MB_C_ALIAS]; c++) {
		size_t i = d->cand[MB_C_ALIAS][c];
		mb_hit hit;

		if (i < next) {
			continue;
		}
		while (u < nup && o[u].end <= i) {
			u++;
		}
		if (u < nup && o[u].tok <= i) {
			next = o[u].end;
			continue;
		}
		if (!mb_patterns_match(d->lex->aliases, t, i, t->n, &hit)) {
			continue;
		}
		if (u < nup && i + hit.ntok > o[u].tok) {
			continue;
		}
		o[n].tok        = (uint32_t) i;
		o[n].end        = (uint32_t) (i + hit.ntok);
		o[n].sent       = d->sent[i];
		o[n].org        = hit.value;
		o[n].alt_org    = -1;
		o[n].anaphor    = 0;
		o[n].possessive = is_possessive(d, o[n].end);
		n++;
		next = i + hit.ntok;
	}
	if (n > nup) {
		mb_sort_runs(o, n, sizeof(*o), cmp_org, tmp);
	}
	/* "the bloc": the last multilateral organisation named before it */
	last = n;
	{
		size_t k   = 0;
		int    org = -1, alt = -1;

		for (size_t a = 0; a < d->nanas; a++) {
			const mb_anaphor_hit *h = &d->anas[a];

			if (h->kind != MB_A_ORG || n >= cap) {
				continue;
			}
			while (k < last && o[k].end <= h->tok) {
				if (o[k].org >= 0 && o[k].org != org) {
					alt = org;
					org = o[k].org;
				}
				k++;
			}
			if ((k < last && o[k].tok < h->end) || org < 0) {
				continue; /* overlaps a name, or nothing before
				           */
			}
			o[n].tok        = h->tok;
			o[n].end        = h->end;
			o[n].sent       = d->sent[h->tok];
			o[n].org        = org;
			o[n].alt_org    = alt;
			o[n].anaphor    = 1;
			o[n].possessive = is_possessive(d, h->end);
			n++;
		}
	}
	if (n > last) {
		mb_sort_runs(o, n, sizeof(*o), cmp_org, tmp);
	}
	/* the walks to an organisation pass the others at once */
	d->org_last = arena_alloc(d, 2 * (n + 1) * sizeof(*d->org_last));
	if (d->org_last == NULL) {
		return (NERP_ENOMEM);
	}
	d->org_next    = d->org_last + n + 1;
	d->org_last[0] = 0;
	d->org_next[n] = 0;
	d->org_maxlen  = 0;
	for (size_t k = 0; k < n; k++) {
		d->org_last[k + 1] = o[k].org >= 0 ? (uint32_t) k + 1
		                                   : d->org_last[k];
		if (o[k].end - o[k].tok > d->org_maxlen) {
			d->org_maxlen = o[k].end - o[k].tok;
		}
	}
	for (size_t k = n; k > 0; k--) {
		d->org_next[k - 1] = o[k - 1].org >= 0 ? (uint32_t) k
		                                       : d->org_next[k];
	}
	d->orgs  = o;
	d->norgs = n;
	return (0);
}

/* Nonzero when mentions a and b (a before b) are items of one list. */
static int
connected(const mb_doc *d, const mb_mention *a, const mb_mention *b)
{
	if (a->sent != b->sent || a->end > b->tok || b->tok - a->end > LIST_GAP
	    || b->tok == a->end) {
		return (0);
	}
	for (uint32_t k = a->end; k < b->tok; k++) {
		/* officials' and organisations' mentions may lie outside
		 * the sentences words.c flagged */
		if ((mb_word_flags(d, k) & MB_W_SEP) == 0) {
			return (0);
		}
	}
	return (1);
}

static void
add_member(mb_mention *m, const char *member)
{
	for (uint16_t i = 0; i < m->n; i++) {
		if (strcmp(m->members[i], member) == 0) {
			return;
		}
	}
	if (m->n < MB_MAX_GROUP) {
		m->members[m->n++] = member;
	}
}

static void
copy_members(mb_mention *to, const mb_mention *from)
{
	for (uint16_t i = 0; i < from->n; i++) {
		add_member(to, from->members[i]);
	}
}

/* What pronouns look for among the mentions before them, indexed as the
 * mentions are appended to the merged array (in text order, sentence
 * numbers rising), once for each mention: a pronoun finds its antecedent
 * without a walk back over them (which, in a text without sentence
 * breaks, would cost the square of their number). */
typedef struct back_index {
	uint32_t *chain;   /* the first item of the list mention i ends (i) */
	uint32_t *list;    /* 1 + the last i' <= i ending a list of two members
	                    * or more (one mention of them, or items), or 0 */
	size_t   n;        /* the mentions indexed */
	int      two;      /* the list mention n - 1 ends has two members */
	size_t   official; /* 1 + the last official's mention, or 0 */
	uint32_t tsent;    /* the sentence of the last that may be the
	                    * topic, and... */
	size_t tfirst;     /* ...1 + the first such in it, or 0: none */
} back_index;

/* Nonzero when mention x may be what the text is about: one member, no
 * organisation. */
static int
topic_may(const mb_mention *x)
{
	return (x->n == 1 && x->kind != MB_M_ORG);
}

/* Indexes m[ix->n..n) into ix. */
static void
index_to(const mb_doc *d, back_index *ix, const mb_mention *m, size_t n)
{
	for (size_t i = ix->n; i < n; i++) {
		const mb_mention *x = &m[i];
		uint32_t          c = (uint32_t) i;

		if (i > 0 && connected(d, &m[i - 1], x)) {
			c = ix->chain[i - 1];
			ix->two |= x->n >= 2
			    || strcmp(x->members[0], m[c].members[0]) != 0;
		} else {
			ix->two = x->n >= 2;
		}
		ix->chain[i] = c;
		if (ix->two) {
			ix->list[i] = (uint32_t) i + 1;
		} else {
			ix->list[i] = i > 0 ? ix->list[i - 1] : 0;
		}
		if (x->kind == MB_M_OFFICIAL && x->n == 1) {
			ix->official = i + 1;
		}
		if (topic_may(x)) {
			if (ix->tfirst == 0 || ix->tsent != x->sent) {
				ix->tsent  = x->sent;
				ix->tfirst = i + 1;
			}
		}
	}
	ix->n = n;
}

/* The last list (two members or more) among m[0..n) within back
 * sentences of sentence s: filled into out, *first set to its first
 * mention (a list of more than BACK_MENTIONS items is cut to its last
 * ones).  m[0..n) is indexed in ix.  Returns 1 or 0. */
static int
last_list(const back_index *ix, const mb_mention *m, size_t n, uint32_t s,
    uint32_t back, mb_mention *out, size_t *first)
{
	size_t i, j;

	if (n == 0 || ix->list[n - 1] == 0) {
		return (0);
	}
	i = ix->list[n - 1] - 1;
	if (m[i].sent + back < s) {
		return (0);
	}
	if (m[i].n >= 2) {
		copy_members(out, &m[i]);
		*first = i;
		return (1);
	}
	j      = i - ix->chain[i] < BACK_MENTIONS ? ix->chain[i]
	                                          : i + 1 - BACK_MENTIONS;
	*first = j;
	for (; j <= i; j++) {
		copy_members(out, &m[j]);
	}
	if (out->n >= 2) {
		return (1);
	}
	out->n = 0;
	return (0);
}

/* The country the text is about at sentence s: the first single-member
 * mention of the last sentence before s, or s, that has one, when it is
 * no more than BACK_SENTENCES back.  m[0..n) is indexed in ix. */
static const char *
topic_country(const back_index *ix, const mb_mention *m, uint32_t s)
{
	if (ix->tfirst == 0 || ix->tsent + BACK_SENTENCES < s) {
		return (NULL);
	}
	return (m[ix->tfirst - 1].members[0]);
}

/* Nonzero when tokens [a, b) are words and numbers only (")" allowed). */
static int
words_only(const mb_text *t, uint32_t a, uint32_t b)
{
	for (uint32_t k = a; k < b; k++) {
		if (t->toks[k].kind == NERP_TOK_PUNCT
		    && !mb_tok_is(t, k, ")")) {
			return (0);
		}
	}
	return (1);
}

/* "It": the subject of its sentence or of the one before, when that is a
 * country: the first member or organisation mention there.  m[0..n) is
 * in text order (and d->orgs). */
static const char *
it_country(
    const mb_doc *d, const mb_mention *m, size_t n, uint32_t s, uint32_t p)
{
	for (uint32_t back = 0; back < 2 && back <= s; back++) {
		uint32_t    sent      = s - back;
		uint32_t    org_tok   = UINT32_MAX;
		const char *first     = NULL;
		uint32_t    first_tok = UINT32_MAX;

		/* both in text order: the sentence's from its first token
		 * (the first organisation from there on at once) */
		size_t k = mb_from_tok(
		    d->orgs, d->norgs, sizeof(*d->orgs), d->sstart[sent]);

		k = d->org_next[k];
		if (k > 0 && d->orgs[k - 1].sent == sent
		    && d->orgs[k - 1].tok < p) {
			org_tok = d->orgs[k - 1].tok;
		}
		for (k = mb_from_tok(m, n, sizeof(*m), d->sstart[sent]);
		     k < n && m[k].sent == sent && m[k].tok < p; k++) {
			if (m[k].n == 1) {
				first     = m[k].members[0];
				first_tok = m[k].tok;
				break;
			}
		}
		if (first != NULL && first_tok < org_tok) {
			return (first);
		}
		if (first != NULL || org_tok != UINT32_MAX) {
			return (NULL);
		}
	}
	return (NULL);
}

/* Resolves anaphor h against the mentions m[0..n) before it (ending
 * before it), indexed into ix first; 1 when out is set. */
static int
resolve(const mb_doc *d, const mb_anaphor_hit *h, const mb_mention *m,
    size_t n, back_index *ix, mb_mention *out)
{
	uint32_t    s  = d->sent[h->tok];
	size_t      lo = n > BACK_MENTIONS ? n - BACK_MENTIONS : 0;
	const char *c  = NULL;

	memset(out, 0, sizeof(*out));
	/* ", whose country": the mention starts at the pronoun */
	out->tok
	    = d->t.toks[h->tok].kind == NERP_TOK_PUNCT && h->tok + 1 < h->end
	    ? h->tok + 1
	    : h->tok;
	out->end  = h->end;
	out->sent = s;
	out->kind = MB_M_ANAPHOR;
	out->org  = -1;
	if (h->kind != MB_A_RELATIVE && h->kind != MB_A_IT) {
		index_to(d, ix, m, n);
	}
	switch (h->kind) {
	case MB_A_RELATIVE:
		/* ", which": the mention ending at the comma, or heading the
		 * phrase before it ("the country of 1.3 million people,
		 * which") */
		for (size_t k = n; k > 0; k--) {
			const mb_mention *x = &m[k - 1];

			if (x->end <= h->tok && h->tok - x->end <= 1 + 6
			    && words_only(&d->t, x->end, h->tok)
			    && (h->tok - x->end <= 1 || x->kind != MB_M_ORG)) {
				out->tok = h->end - 1;
				copy_members(out, x);
				if (x->kind == MB_M_ORG) {
					out->kind = MB_M_ORG;
					out->org  = x->org;
				}
				return (out->n > 0);
			}
			if (x->end < h->tok) {
				break;
			}
		}
		return (0);
	case MB_A_PLURAL: {
		/* "the three countries": the last list of three, further back
		 */
		static const char *const nums[] = { "both", "two", "three",
			"four", "five", "six", "seven", "eight" };
		size_t                   want = 0, first = 0;

		for (uint32_t k = h->tok; k < h->end && want == 0; k++) {
			for (size_t j = 0; j < sizeof(nums) / sizeof(nums[0]);
			     j++) {
				if (mb_tok_is(&d->t, k, nums[j])) {
					want = j == 0 ? 2 : j + 1;
				}
			}
		}
		if (want == 0) {
			return (last_list(
			    ix, m, n, s, BACK_SENTENCES, out, &first));
		}
		/* over the last BACK_MENTIONS mentions at most */
		for (size_t k = n; k > lo; k = first) {
			if (!last_list(ix, m, k, s, 2 * BACK_SENTENCES, out,
			        &first)) {
				return (0);
			}
			if (out->n == want) {
				return (1);
			}
			out->n = 0;
		}
		return (0);
	}
	case MB_A_THEY: {
		size_t first = 0;

		return (last_list(ix, m, n, s, 2, out, &first));
	}
	case MB_A_POSS:
		/* the last official, in this sentence or the one before */
		if (ix->official > 0 && m[ix->official - 1].sent + 1 >= s) {
			c = m[ix->official - 1].members[0];
		} else {
			c = topic_country(ix, m, s);
		}
		break;
	case MB_A_IT:
		c = it_country(d, m, n, s, h->tok);
		break;
	case MB_A_COUNTRY:
		c = topic_country(ix, m, s);
		break;
	default:
		return (0);
	}
	if (c == NULL) {
		return (0);
	}
	add_member(out, c);
	return (1);
}

/* Countries inside an organisation's name are not members: none inside a
 * multilateral one ("Union of South American Nations"), no capital inside
 * any ("Warsaw Pact", "Moscow Exchange").  *past: the organisations before
 * it start at or before the token asked about before (asked in text
 * order), moved on past those that start at or before i. */
static int
inside_org(const mb_doc *d, size_t i, int form, size_t *past)
{
	size_t lo = *past;

	while (lo < d->norgs && d->orgs[lo].tok <= i) {
		lo++;
	}
	*past = lo;

	for (size_t k = lo; k > 0 && lo - k < 4; k--) {
		const mb_org_mention *o = &d->orgs[k - 1];

		if (o->tok <= i && i < o->end && !o->anaphor
		    && (o->org >= 0 || form == NERL_COUNTRY_CAPITAL)) {
			return (1);
		}
	}
	return (0);
}

int
mb_members_find(mb_doc *d, const mb_upstream *up)
{
	const mb_text *t = &d->t;
	size_t cap = up->nofficials + d->norgs + d->nanas + d->ncountry + 1;
	mb_mention        *b, *m;
	const mb_mention **ord, **tmp;
	size_t             nb = 0, nm = 0;

	b = arena_alloc(d, cap * sizeof(*b));
	m = arena_alloc(d, cap * sizeof(*m));
	if (b == NULL || m == NULL) {
		return (NERP_ENOMEM);
	}
	for (size_t c = 0, next = 0, past = 0;
	     c < d->ncand[MB_C_COUNTRY] && nb < cap; c++) {
		size_t             i = d->cand[MB_C_COUNTRY][c];
		nerl_country_match cm;

		/* "MOSCOW, March 16." is a dateline, not what the text is
		 * about: capitals written in capitals are left out */
		if (i < next || (t->toks[i].flags & NERP_TF_UPPER_INITIAL) == 0
		    || ((t->toks[i].flags & NERP_TF_ALL_UPPER) != 0
		        && t->toks[i].end - t->toks[i].start > 3
		        && (t->toks[i].flags & NERP_TF_ABBREV) == 0)
		    || t->toks[i].kind != NERP_TOK_WORD
		    || !nerl_countries_at_keyed(d->lex->countries, t->text,
		        t->toks, t->keys, t->n, i, &cm)
		    || inside_org(d, i, cm.form, &past)) {
			continue;
		}
		ment_set(&b[nb++], (uint32_t) i, (uint32_t) (i + cm.ntok),
		    d->sent[i], MB_M_COUNTRY, -1, cm.iso2);
		next = i + cm.ntok;
	}
	for (size_t i = 0, hint = 0; i < up->nofficials && nb < cap; i++) {
		const nerp_entity *e = &up->officials[i];
		const char        *c = attr(e, "country");
		uint32_t           a, z;

		if (c == NULL || c[0] == '\0' || c[1] == '\0' || c[2] != '\0'
		    || !span_tokens(t, e->start, e->end, &a, &z, &hint)) {
			continue;
		}
		ment_set(&b[nb++], a, z, d->sent[a], MB_M_OFFICIAL, -1, c);
	}
	for (size_t i = 0; i < d->norgs && nb < cap; i++) {
		const mb_org_mention *o = &d->orgs[i];

		if (o->org < 0 || o->anaphor
		    || !d->lex->orgs[o->org].can_member) {
			continue;
		}
		ment_set(&b[nb++], o->tok, o->end, o->sent, MB_M_ORG, o->org,
		    d->lex->orgs[o->org].canonical);
	}
	/* the countries, officials and organisations come as three runs
	 * in order, and the mentions are large to move: their order, in
	 * pointers */
	ord = arena_alloc(d, nb * sizeof(*ord));
	tmp = arena_alloc(d, nb * sizeof(*tmp));
	if (ord == NULL || tmp == NULL) {
		return (NERP_ENOMEM);
	}
	for (size_t k = 0; k < nb; k++) {
		ord[k] = &b[k];
	}
	mb_sort_runs(ord, nb, sizeof(*ord), cmp_ment_ref, tmp);
	/* "Bolivian President Luis Arce": one mention; overlaps dropped */
	for (size_t k = 0; k < nb; k++) {
		const mb_mention *x = ord[k];
		mb_mention       *p = nm > 0 ? &m[nm - 1] : NULL;

		if (p != NULL && x->tok < p->end) {
			continue;
		}
		if (p != NULL && x->kind == MB_M_OFFICIAL
		    && p->kind == MB_M_COUNTRY && p->sent == x->sent
		    && x->tok - p->end <= TITLE_GAP
		    && strcmp(p->members[0], x->members[0]) == 0) {
			int words = 1;

			for (uint32_t j = p->end; j < x->tok; j++) {
				words &= t->toks[j].kind == NERP_TOK_WORD;
			}
			if (words) {
				p->end  = x->end;
				p->kind = MB_M_OFFICIAL;
				continue;
			}
		}
		ment_copy(&m[nm++], x);
	}
	/* anaphors, in text order, each resolved against what precedes it */
	{
		size_t      nbase = nm, k = 0;
		mb_mention *out = b; /* reused as the merged array */
		size_t      no  = 0;
		back_index  ix  = { 0 };

		ix.chain = arena_alloc(d, 2 * cap * sizeof(*ix.chain));
		if (ix.chain == NULL) {
			return (NERP_ENOMEM);
		}
		ix.list = ix.chain + cap;
		for (size_t a = 0; a < d->nanas; a++) {
			const mb_anaphor_hit *h = &d->anas[a];
			mb_mention            r;

			if (h->kind == MB_A_ORG) {
				continue;
			}
			while (k < nbase && m[k].tok < h->tok) {
				ment_copy(&out[no++], &m[k++]);
			}
			if ((no > 0 && out[no - 1].end > h->tok)
			    || (k < nbase && m[k].tok < h->end) || no >= cap) {
				continue;
			}
			if (resolve(d, h, out, no, &ix, &r)) {
				ment_copy(&out[no++], &r);
			}
		}
		while (k < nbase && no < cap) {
			ment_copy(&out[no++], &m[k++]);
		}
		sort_ments(out, no);
		d->ments  = out;
		d->nments = no;
	}
	return (0);
}
