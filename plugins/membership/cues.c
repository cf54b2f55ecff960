/*
 * plugins/membership/cues.c: status cues and their slots.
 *
 * Each cue of data/cues.tsv says on which side of it the member and the
 * organisation stand.  A member slot takes the nearest member mention on
 * that side inside the clause (not across a reporting verb) and the whole
 * list it belongs to ("Egypt, Ethiopia, Iran and the UAE joined").  The
 * organisation slot takes the nearest multilateral organisation on its
 * side, plus those coordinated with it ("of the SCO ... and of BRICS");
 * when there is none, the cue's fallback decides: nothing, the nearest one
 * in the sentence, or the one the text was last about ("South Africa
 * joined in 2010").  A negation, modal or future word earlier in the
 * cue's scope, or between the cue and its member, blocks it; so does a
 * refusal, guest or speculation word anywhere in the sentence.
 */
#include <stdlib.h>
#include <string.h>

#include "mb.h"

#define FAR_BEFORE 18 /* tokens from a member to its cue */
#define FAR_AFTER 14
#define NEAR 4          /* for cues flagged near */
#define NEAR_TITLE 10   /* "the Chairperson of the AU, President of ..." */
#define ADJ 3           /* organisation next to a cue flagged adj */
#define BY_WINDOW 16    /* "founded in 1991 by" */
#define SINCE_WINDOW 12 /* a date after the cue */
#define MAX_ORGS 4

typedef struct group {
	uint32_t    tok, end;
	uint32_t    dist;
	uint16_t    n;
	const char *members[MB_MAX_GROUP];
	int         orgs[MB_MAX_GROUP]; /* member organisations, or -1 */
	uint32_t    mtok[MB_MAX_GROUP], mend[MB_MAX_GROUP]; /* its mention */
} group;

typedef struct cue_ctx {
	mb_doc       *d;
	const mb_cue *cue;
	size_t        i, ce;    /* cue tokens [i, ce) */
	size_t        cs, cend; /* clause */
	int           blocked;  /* a MB_B_BEFORE word in the scope before */
	int           past;     /* a MB_B_PAST_CHAIR one */
	size_t        ss, send; /* sentence */
	int           refused;  /* a MB_B_SENTENCE word in the sentence */
	size_t        gs, ge;   /* the pattern's first gap */
	uint64_t      gaps;     /* every gap token, bit k = token i + k */
	group         g;
	int           orgs[MAX_ORGS];
	uint32_t otok[MAX_ORGS], oend[MAX_ORGS]; /* in the sentence, or 0 */
	size_t   norgs;
	uint32_t olo, ohi;    /* tokens of the organisations in the sentence */
	const uint32_t *reps; /* the sentence's reporting words, in order */
	size_t          nreps;
} cue_ctx;

static void
group_add(group *g, const mb_mention *m)
{
	for (uint16_t k = 0; k < m->n; k++) {
		uint16_t j;

		for (j = 0; j < g->n; j++) {
			if (strcmp(g->members[j], m->members[k]) == 0) {
				break;
			}
		}
		if (j == g->n && g->n < MB_MAX_GROUP) {
			g->mtok[g->n]      = m->tok;
			g->mend[g->n]      = m->end;
			g->orgs[g->n]      = m->kind == MB_M_ORG ? m->org : -1;
			g->members[g->n++] = m->members[k];
		}
	}
	if (g->tok > m->tok || g->end == 0) {
		g->tok = m->tok;
	}
	if (g->end < m->end) {
		g->end = m->end;
	}
}

/* Items a and b (a first) of one list: separators only between them. */
static int
linked(const mb_doc *d, const mb_mention *a, const mb_mention *b)
{
	if (a->sent != b->sent || a->end > b->tok || b->tok - a->end > 3
	    || b->tok == a->end) {
		return (0);
	}
	for (uint32_t k = a->end; k < b->tok; k++) {
		if ((d->flags[k] & MB_W_SEP) == 0) {
			return (0);
		}
	}
	return (1);
}

/* The first mention whose start is at or after token p. */
static size_t
ment_from(const mb_doc *d, size_t p)
{
	return (mb_from_tok(d->ments, d->nments, sizeof(*d->ments), p));
}

/* The first organisation mention whose start is at or after token p: the
 * ones before end before p too (a mention ends past its first token). */
static size_t
org_from(const mb_doc *d, size_t p)
{
	return (mb_from_tok(d->orgs, d->norgs, sizeof(*d->orgs), p));
}

/* Nonzero when "of" or "of the" comes right before token tok. */
static int
of_before(const mb_doc *d, size_t tok)
{
	if (tok > 0 && mb_tok_is(&d->t, tok - 1, "the")) {
		tok--;
	}
	return (tok > 0 && mb_tok_is(&d->t, tok - 1, "of"));
}

/* Nonzero when a preposition that attaches an organisation to a cue comes
 * right before token tok ("member of", "suspended from", "status in"). */
static int
prep_before(const mb_doc *d, size_t tok)
{
	static const char *const preps[]
	    = { "of", "from", "in", "to", "into", "at", "within" };

	if (tok > 0 && mb_tok_is(&d->t, tok - 1, "the")) {
		tok--;
	}
	for (size_t k = 0; tok > 0 && k < sizeof(preps) / sizeof(preps[0]);
	     k++) {
		if (mb_tok_is(&d->t, tok - 1, preps[k])) {
			return (1);
		}
	}
	return (0);
}

/* Nearest list ending at or before p, starting at or after lo. */
static int
find_before(const mb_doc *d, size_t lo, size_t p, size_t maxdist, int no_orgs,
    group *g)
{
	/* no_orgs: 1 = no organisation is a member; 2 = not one right before
	 * the cue or possessive ("EU candidate status", "the AU's chair"):
	 * that one is the organisation */
	size_t k = ment_from(d, p);

	memset(g, 0, sizeof(*g));
	for (; k > 0; k--) {
		const mb_mention *m = &d->ments[k - 1];

		if (m->tok < lo) {
			return (0);
		}
		if (m->end > p || (no_orgs == 1 && m->kind == MB_M_ORG)) {
			continue;
		}
		if (no_orgs == 2 && m->kind == MB_M_ORG
		    && (m->end == p
		        || (m->end < d->t.n
		            && (d->t.toks[m->end].flags
		                & NERP_TF_POSSESSIVE)))) {
			continue;
		}
		if (p - m->end > maxdist) {
			return (0);
		}
		/* "after Russia's invasion ... and was granted": a possessive
		 * far from the cue qualifies a noun, it is not the subject */
		if (p - m->end > 3 && m->end < d->t.n
		    && (d->t.toks[m->end].flags & NERP_TF_POSSESSIVE) != 0) {
			continue;
		}
		g->dist = (uint32_t) (p - m->end);
		group_add(g, m);
		for (size_t j = k - 1; j > 0; j--) {
			if (d->ments[j - 1].tok < lo
			    || !linked(d, &d->ments[j - 1], &d->ments[j])) {
				break;
			}
			group_add(g, &d->ments[j - 1]);
		}
		return (1);
	}
	return (0);
}

/* Nearest list starting at or after p, before hi. */
static int
find_after(const mb_doc *d, size_t p, size_t hi, size_t maxdist, int no_orgs,
    group *g)
{
	memset(g, 0, sizeof(*g));
	for (size_t k = ment_from(d, p); k < d->nments; k++) {
		const mb_mention *m = &d->ments[k];

		if (m->tok >= hi || m->tok - p > maxdist) {
			return (0);
		}
		if ((no_orgs && m->kind == MB_M_ORG) || m->end > hi
		    || (m->kind == MB_M_ORG && of_before(d, m->tok))) {
			continue; /* "Chairperson of the AU": the organisation
			           */
		}
		g->dist = (uint32_t) (m->tok - p);
		group_add(g, m);
		for (size_t j = k + 1; j < d->nments; j++) {
			if (d->ments[j].end > hi
			    || !linked(d, &d->ments[j - 1], &d->ments[j])) {
				break;
			}
			group_add(g, &d->ments[j]);
		}
		return (1);
	}
	return (0);
}

static int
has_flag(const mb_doc *d, size_t lo, size_t hi, unsigned flag)
{
	for (size_t k = lo; k < hi; k++) {
		if ((d->flags[k] & flag) != 0) {
			return (1);
		}
	}
	return (0);
}

/* Lowest start of the region before p that no reporting verb cuts (from
 * lo on, in the cue's sentence). */
static size_t
report_lo(const cue_ctx *c, size_t lo, size_t p)
{
	size_t k = mb_from_tok(c->reps, c->nreps, sizeof(*c->reps), p);

	return (k > 0 && c->reps[k - 1] >= lo ? c->reps[k - 1] + 1 : lo);
}

/* The first reporting verb from p on, or hi. */
static size_t
report_hi(const cue_ctx *c, size_t p, size_t hi)
{
	size_t k = mb_from_tok(c->reps, c->nreps, sizeof(*c->reps), p);

	return (k < c->nreps && c->reps[k] < hi ? c->reps[k] : hi);
}

/* The reporting words of the sentence [ss, send) into *reps and their
 * count into *nreps, once for each sentence with a cue (searches find
 * them for each cue, however long the sentence); *reps: memory of the
 * arena for *cap of them, reused from the sentence before when it holds
 * enough.  *refused: whether a refusal word is there (then none are
 * listed).  Returns 0 or NERP_ENOMEM. */
static int
sentence_words(const mb_doc *d, size_t ss, size_t send, int *refused,
    uint32_t **reps, size_t *cap, size_t *nreps)
{
	if (*reps == NULL || send - ss > *cap) {
		*cap  = send - ss > 2 * *cap ? send - ss : 2 * *cap;
		*reps = d->arena->alloc(
		    d->arena->ctx, (*cap + 1) * sizeof(**reps));
		if (*reps == NULL) {
			return (NERP_ENOMEM);
		}
	}
	*nreps   = 0;
	*refused = 0;
	for (size_t k = ss; k < send; k++) {
		unsigned f = d->flags[k];

		if ((f & MB_B_SENTENCE) != 0) {
			*refused = 1; /* no cue of it runs: none needed */
			*nreps   = 0;
			return (0);
		}
		if ((f & MB_W_REPORT) != 0) {
			(*reps)[(*nreps)++] = (uint32_t) k;
		}
	}
	return (0);
}

static int
is_member_org(const cue_ctx *c, int org)
{
	for (uint16_t k = 0; k < c->g.n; k++) {
		if (c->g.orgs[k] == org) {
			return (1);
		}
	}
	return (0);
}

/* The organisation a mention stands for in this cue, or -1: "the group"
 * after "the African Union ... as a member of" is the one before the AU. */
static int
eff_org(const cue_ctx *c, const mb_org_mention *o)
{
	if (o->org < 0) {
		return (-1);
	}
	if (!is_member_org(c, o->org)) {
		return (o->org);
	}
	if (o->anaphor && o->alt_org >= 0 && !is_member_org(c, o->alt_org)) {
		return (o->alt_org);
	}
	return (-1);
}

static void
org_add(cue_ctx *c, const mb_org_mention *o)
{
	int org = eff_org(c, o);

	for (size_t k = 0; k < c->norgs; k++) {
		if (c->orgs[k] == org) {
			return;
		}
	}
	if (c->norgs < MAX_ORGS) {
		int here = o->sent == c->d->sent[c->i];

		c->otok[c->norgs]   = here ? o->tok : 0;
		c->oend[c->norgs]   = here ? o->end : 0;
		c->orgs[c->norgs++] = org;
	}
	if (o->sent == c->d->sent[c->i]) {
		if (o->tok < c->olo) {
			c->olo = o->tok;
		}
		if (o->end > c->ohi) {
			c->ohi = o->end;
		}
	}
}

/* Nonzero when "and" (then perhaps "of", "the") comes right before tok. */
static int
coordinated(const mb_doc *d, size_t from, size_t tok)
{
	size_t k = tok;

	while (k > from
	    && (mb_tok_is(&d->t, k - 1, "of")
	        || mb_tok_is(&d->t, k - 1, "the"))) {
		k--;
	}
	return (k > from && mb_tok_is(&d->t, k - 1, "and"));
}

/* The nearest organisation after p (and the ones coordinated with it);
 * returns its distance or -1. */
static long
orgs_after(cue_ctx *c, size_t p, size_t hi, size_t maxdist)
{
	const mb_doc *d    = c->d;
	long          dist = -1;
	size_t        last = 0;

	for (size_t k = org_from(d, p); k < d->norgs; k++) {
		const mb_org_mention *o = &d->orgs[k];

		/* before the test of its organisation: the ones after start
		 * no earlier (and this walk passes no more than those within
		 * maxdist or 8 tokens) */
		if (o->tok >= hi
		    || (dist < 0 ? o->tok - p > maxdist : o->tok > last + 8)) {
			break;
		}
		if (eff_org(c, o) < 0) {
			continue;
		}
		if (dist < 0) {
			dist = (long) (o->tok - p);
			org_add(c, o);
			last = o->end;
			continue;
		}
		if (o->tok < last) {
			continue;
		}
		if (!coordinated(d, last, o->tok)) {
			if (o->tok - last <= 1) {
				last
				    = o->end; /* "(SCO)" after its full name */
				continue;
			}
			break;
		}
		org_add(c, o);
		last = o->end;
	}
	return (dist);
}

/* The nearest organisation ending at or before p, from lo; its distance
 * or -1. */
static long
org_before(cue_ctx *c, size_t lo, size_t p, size_t maxdist)
{
	const mb_doc *d = c->d;
	size_t        k = d->org_last[org_from(d, p)];

	for (; k > 0; k = d->org_last[k - 1]) {
		const mb_org_mention *o = &d->orgs[k - 1];

		if (o->end > p || eff_org(c, o) < 0) {
			continue;
		}
		if (o->tok < lo || p - o->end > maxdist) {
			return (-1);
		}
		org_add(c, o);
		return ((long) (p - o->end));
	}
	return (-1);
}

/* The first multilateral organisation of the sentence before p. */
static void
org_first_in_sentence(cue_ctx *c, size_t p)
{
	const mb_doc *d = c->d;
	size_t        k = d->org_next[org_from(d, c->ss)];

	for (; k > 0 && d->orgs[k - 1].tok < p; k = d->org_next[k]) {
		if (eff_org(c, &d->orgs[k - 1]) >= 0) {
			org_add(c, &d->orgs[k - 1]);
			return;
		}
	}
}

/* The nearest organisation of the sentence, either side: of those after
 * the cue, the first (the later they start, the further); of those
 * before, the one ending nearest, back to where none can be as near
 * (they are no longer than d->org_maxlen).  On a tie, the first. */
static void
org_in_sentence(cue_ctx *c)
{
	const mb_doc *d    = c->d;
	size_t        k0   = org_from(d, c->i), k;
	long          best = -1;
	size_t        bk   = 0;

	for (k = d->org_next[k0]; k > 0 && d->orgs[k - 1].tok < c->send;
	     k = d->org_next[k]) {
		const mb_org_mention *o = &d->orgs[k - 1];

		if (eff_org(c, o) >= 0) {
			best = (long) o->tok - (long) c->ce;
			best = best > 0 ? best : 0;
			bk   = k - 1;
			break;
		}
	}
	for (k = d->org_last[k0]; k > 0; k = d->org_last[k - 1]) {
		const mb_org_mention *o = &d->orgs[k - 1];
		long                  dist;

		if (o->tok < c->ss
		    || (best >= 0
		        && (long) c->i - (long) o->tok - (long) d->org_maxlen
		            > best)) {
			break;
		}
		if (eff_org(c, o) < 0) {
			continue;
		}
		dist = o->end <= c->i ? (long) (c->i - o->end) : 0;
		if (best < 0 || dist <= best) {
			best = dist;
			bk   = k - 1;
		}
	}
	if (best >= 0) {
		org_add(c, &d->orgs[bk]);
	}
}

/* The organisation the text was last about before the cue. */
static void
org_in_discourse(cue_ctx *c)
{
	size_t k = c->d->org_last[org_from(c->d, c->ss)];

	for (; k > 0; k = c->d->org_last[k - 1]) {
		const mb_org_mention *o = &c->d->orgs[k - 1];

		if (o->end <= c->ss && eff_org(c, o) >= 0) {
			org_add(c, o);
			return;
		}
	}
}

/* The organisation mention starting at token j, or NULL. */
static const mb_org_mention *
org_at(const mb_doc *d, size_t j)
{
	size_t k = org_from(d, j);

	return (k < d->norgs && d->orgs[k].tok == j ? &d->orgs[k] : NULL);
}

/* Nonzero for a word ending in "-ed" ("joined NATO agreed"): a verb, so
 * the organisation before it is no noun's modifier. */
static int
past_verb(const mb_doc *d, size_t k)
{
	const nerp_token *t = &d->t.toks[k];

	return (t->end - t->start > 3 && d->t.text[t->end - 2] == 'e'
	    && d->t.text[t->end - 1] == 'd');
}

/* Object check of a transitive cue ("joined BRICS", "joined in 2010",
 * not "joined the talks"): 1 = organisation taken, 0 = elliptical (use
 * the fallback), -1 = the object is something else. */
static int
object_org(cue_ctx *c)
{
	const mb_doc         *d = c->d;
	size_t                j = c->ce;
	const mb_org_mention *o = org_at(d, j);

	if (o == NULL && mb_tok_is(&d->t, j, "the")) {
		j++;
		o = org_at(d, j);
	}
	if (o != NULL) {
		size_t k = o->end;

		if (eff_org(c, o) < 0) {
			return (-1);
		}
		/* "joined Mercosur talks": the organisation only qualifies
		 * the object */
		if (k < c->cend && d->t.toks[k].kind == NERP_TOK_WORD
		    && (d->t.toks[k].flags & NERP_TF_ALL_LOWER) != 0
		    && (d->flags[k]
		           & (MB_W_ORGHEAD | MB_W_ELLIPSIS | MB_W_SEP
		               | MB_W_CLAUSE | MB_W_REPORT | MB_W_BY | MB_W_BE
		               | MB_B_BEFORE))
		        == 0
		    && (d->starts[k] & MB_S_CUEHEAD) == 0
		    && !past_verb(d, k)) {
			return (-1);
		}
		orgs_after(c, j, c->cend, 0);
		return (1);
	}
	if (c->ce >= c->cend || j >= c->send
	    || d->t.toks[c->ce].kind != NERP_TOK_WORD
	    || (d->flags[c->ce] & MB_W_ELLIPSIS) != 0) {
		return (0);
	}
	return (-1);
}

/* "AU Commission Chairperson": the officer of an organ, not a state. */
static int
title_before(const cue_ctx *c)
{
	return (c->i > 0 && (c->d->flags[c->i - 1] & MB_W_ORGAN) != 0);
}

static int
members_overlap(const group *a, const group *b)
{
	for (uint16_t x = 0; x < a->n; x++) {
		for (uint16_t y = 0; y < b->n; y++) {
			if (strcmp(a->members[x], b->members[y]) == 0) {
				return (1);
			}
		}
	}
	return (0);
}

/* Member slot; 1 when found. */
static int
fill_member(cue_ctx *c, int side)
{
	const mb_doc *d       = c->d;
	const mb_cue *cue     = c->cue;
	size_t        lo      = report_lo(c, c->cs, c->i);
	size_t        hi      = report_hi(c, c->ce, c->cend);
	int           no_orgs = cue->org == MB_SIDE_BEFORE ? 1
	              : cue->org == MB_SIDE_EITHER         ? 2
	                                                   : 0;
	size_t        before  = (cue->flags & MB_CF_NEAR) ? NEAR : FAR_BEFORE;
	size_t        after   = (cue->flags & MB_CF_NEAR) ? NEAR : FAR_AFTER;
	group         gb, ga;
	int           fb, fa;

	if (cue->flags & MB_CF_TITLE) {
		before = after = NEAR_TITLE;
	}
	switch (side) {
	case MB_SIDE_BEFORE:
		if (find_before(d, lo, c->i, before, no_orgs, &c->g)) {
			return (1);
		}
		/* "among those that applied to join are Turkey and ..." */
		{
			size_t                j = c->ce;
			const mb_org_mention *o = org_at(d, j);

			if (o != NULL) {
				j = o->end;
			}
			if (mb_tok_is(&d->t, j, "are")
			    || mb_tok_is(&d->t, j, "is")
			    || mb_tok_is(&d->t, j, "include")
			    || mb_tok_is(&d->t, j, "includes")) {
				return (find_after(d, j + 1, hi, 2, 0, &c->g));
			}
		}
		return (0);
	case MB_SIDE_AFTER:
		return (find_after(d, c->ce, hi, after, 0, &c->g));
	case MB_SIDE_GAP:
		if (c->ge <= c->gs) {
			return (0);
		}
		return (find_after(d, c->gs, c->ge, c->ge - c->gs, 0, &c->g));
	default:
		fb = find_before(d, lo, c->i, before, no_orgs, &gb);
		fa = find_after(d, c->ce, hi, after, 0, &ga);
		if (fb && (!fa || gb.dist <= ga.dist)) {
			c->g = gb;
			return (1);
		}
		if (fa) {
			c->g = ga;
			return (1);
		}
		return (0);
	}
}

/* Organisation slot; 1 when found. */
static int
fill_org(cue_ctx *c, int side)
{
	const mb_cue *cue  = c->cue;
	size_t        maxd = (cue->flags & MB_CF_ADJ) ? ADJ : 64;
	long          db, da;

	if (cue->flags & MB_CF_OBJ) {
		int r = object_org(c);

		if (r < 0) {
			return (0);
		}
		if (r > 0) {
			return (1);
		}
	} else if (side == MB_SIDE_BEFORE) {
		org_before(c, c->cs, c->ce, maxd);
	} else if (side == MB_SIDE_AFTER) {
		orgs_after(c, c->ce, c->cend, maxd);
	} else {
		cue_ctx tmp = *c;

		db        = org_before(&tmp, c->cs, c->ce, maxd);
		tmp.norgs = 0;
		da        = orgs_after(&tmp, c->ce, c->cend, maxd);
		/* an organisation after the cue is its complement only after
		 * a preposition ("presidency of the EU", "suspended from the
		 * council"), and then it wins; else the one before does */
		if (da >= 0 && !prep_before(c->d, c->ce + (size_t) da)) {
			if (db >= 0) {
				da = -1;
			}
		} else if (da >= 0) {
			db = -1;
		}
		if (db >= 0 && (da < 0 || db <= da)) {
			org_before(c, c->cs, c->ce, maxd);
		} else if (da >= 0) {
			orgs_after(c, c->ce, c->cend, maxd);
		}
	}
	if (c->norgs > 0) {
		return (1);
	}
	/* "its five founding members": the sentence's subject */
	for (size_t k = c->i > c->cs + 4 ? c->i - 4 : c->cs; k < c->i; k++) {
		if (mb_tok_is(&c->d->t, k, "its")) {
			org_first_in_sentence(c, k);
			if (c->norgs == 0) {
				org_in_discourse(c);
			}
			return (c->norgs > 0);
		}
	}
	if (cue->fallback >= MB_FB_SENTENCE) {
		org_in_sentence(c);
	}
	if (c->norgs == 0 && cue->fallback >= MB_FB_DISCOURSE) {
		org_in_discourse(c);
	}
	return (c->norgs > 0);
}

static const char *
since_of(const cue_ctx *c)
{
	const mb_doc *d = c->d;
	size_t k = mb_from_tok(d->dates, d->ndates, sizeof(*d->dates), c->i);

	/* the dates are in text order: the first from the cue on */
	if (k < d->ndates && d->dates[k].tok < c->cend
	    && (d->dates[k].tok <= c->ce
	        || d->dates[k].tok - c->ce <= SINCE_WINDOW)) {
		return (d->dates[k].value);
	}
	return (NULL);
}

/* One cue: 1 when it produced triples (g then holds its members). */
static int
run_cue(cue_ctx *c)
{
	mb_doc       *d     = c->d;
	const mb_cue *cue   = c->cue;
	int           mside = cue->member;
	int           oside = cue->org;
	const char   *since;
	uint32_t      lo, hi;

	if (cue->status == MB_NONE) {
		return (0);
	}
	if ((cue->flags & MB_CF_NOINF) && c->i > 0
	    && mb_tok_is(&d->t, c->i - 1, "to")) {
		return (0);
	}
	if ((cue->flags & MB_CF_TITLE) && title_before(c)) {
		return (0);
	}
	if (c->blocked || c->refused) {
		return (0);
	}
	/* "is not a member", "said it would not leave": a negation in any
	 * of the cue's gaps */
	for (size_t k = c->i; k < c->ce && k - c->i < 64; k++) {
		if (((c->gaps >> (k - c->i)) & 1) != 0
		    && (d->flags[k] & MB_B_BEFORE) != 0) {
			return (0);
		}
	}
	if (cue->flags & MB_CF_BY) {
		size_t by  = c->ce;
		size_t lim = c->ce + BY_WINDOW < c->cend ? c->ce + BY_WINDOW
		                                         : c->cend;

		while (by < lim && (d->flags[by] & MB_W_BY) == 0) {
			by++;
		}
		if (by < lim) {
			if (!find_after(d, by + 1, c->cend, 2, 0, &c->g)) {
				return (0);
			}
			org_before(c, c->ss, c->ce, 64);
			if (c->norgs == 0
			    && cue->fallback >= MB_FB_DISCOURSE) {
				org_in_discourse(c);
			}
			if (c->norgs == 0) {
				return (0);
			}
			goto emit;
		}
		if (c->i > c->ss
		    && ((d->flags[c->i - 1] & MB_W_BE) != 0
		        || mb_tok_is(&d->t, c->i - 1, ","))) {
			return (0); /* "founded in 1949": no founders named */
		}
	}
	if (!fill_member(c, mside)) {
		return (0);
	}
	/* "held the chairmanship", "the former chair": no longer */
	if (cue->status == MB_CHAIR
	    && (c->past
	        || (c->g.tok >= c->ce
	            && has_flag(d, c->ce, c->g.tok, MB_B_PAST_CHAIR)))) {
		return (0);
	}
	if (c->g.tok >= c->ce && has_flag(d, c->ce, c->g.tok, MB_B_BEFORE)) {
		return (0);
	}
	if (!fill_org(c, oside)) {
		return (0);
	}
emit:
	if (mb_dates_find(d) != 0) {
		return (-NERP_ENOMEM);
	}
	since = since_of(c);
	/* a chairmanship of an earlier year ("last year", "in 2023") */
	if (cue->status == MB_CHAIR && since != NULL && d->dct_year > 0
	    && strlen(since) == 4 && since[0] >= '1' && since[0] <= '9'
	    && strtol(since, NULL, 10) < d->dct_year) {
		return (0);
	}
	lo = c->g.tok < c->i ? c->g.tok : (uint32_t) c->i;
	hi = c->g.end > c->ce ? c->g.end : (uint32_t) c->ce;
	if (c->norgs > 0 && c->olo < lo) {
		lo = c->olo;
	}
	if (c->ohi > hi) {
		hi = c->ohi;
	}
	for (uint16_t m = 0; m < c->g.n; m++) {
		for (size_t o = 0; o < c->norgs; o++) {
			const char *org = d->lex->orgs[c->orgs[o]].canonical;
			mb_triple   tr;
			int         rv;

			if (strcmp(c->g.members[m], org) == 0) {
				continue;
			}
			tr.member   = c->g.members[m];
			tr.org      = org;
			tr.status   = cue->status;
			tr.since    = since;
			tr.ev_start = d->t.toks[lo].start;
			tr.ev_end   = d->t.toks[hi - 1].end;
			tr.start    = tr.ev_start;
			tr.end      = tr.ev_end;
			rv          = mb_triple_add(d, &tr);
			if (rv != 0) {
				return (-rv);
			}
		}
	}
	return (1);
}

/* Nonzero when token i may start a cue pattern (and is no number). */
static int
cue_start(const mb_doc *d, size_t i)
{
	uint32_t        h = mb_key32(d->t.keys[i]);
	const mb_first *f;

	if (!mb_lexicon_may_cue(d->lex, h)
	    || d->t.toks[i].kind == NERP_TOK_NUMBER) {
		return (0);
	}
	f = mb_lexicon_first(d->lex, h, NULL);
	return (f != NULL && (f->bits & MB_S_CUE) != 0);
}

long
mb_cues_find(mb_doc *d)
{
	const mb_text *t    = &d->t;
	size_t         span = d->lex->cue_span;
	size_t         from = 0; /* the tokens before are tried */
	size_t         next = 0; /* past the last match */
	long           real = 0;
	size_t         cap;

	/* a match holds its pattern's head word, in the sentence, fewer
	 * than span tokens from its start: it starts in the span tokens up
	 * to a head, and one try per token */
	cap = d->nheads * (span > 0 ? span : 1) + 1;
	if (cap > t->n + 1) {
		cap = t->n + 1;
	}
	d->nhits = 0;
	d->hits  = d->arena->alloc(d->arena->ctx, cap * sizeof(mb_cue_hit));
	if (d->hits == NULL) {
		return (-1);
	}
	for (size_t h = 0; h < d->nheads; h++) {
		size_t          head = d->heads[h];
		const mb_first *f
		    = mb_lexicon_first(d->lex, mb_key32(t->keys[head]), NULL);
		size_t reach = f != NULL
		    ? d->lex->first_reach[f - d->lex->first]
		    : span;
		size_t send, i;

		/* no match holding this head starts more than its reach
		 * before it, nor before its sentence */
		i = head >= reach ? head - reach : 0;
		for (size_t k = head; k > i; k--) {
			if (mb_sent_start(t->toks, k)) {
				i = k;
				break;
			}
		}
		send = d->hend[h];
		if (i < from) {
			i = from;
		}
		for (; i <= head; i++) {
			mb_hit hit;

			if (i < next || !cue_start(d, i)
			    || !mb_patterns_match(
			        d->lex->cue_patterns, t, i, send, &hit)) {
				continue;
			}
			d->hits[d->nhits].tok = (uint32_t) i;
			d->hits[d->nhits].hit = hit;
			d->nhits++;
			real += d->lex->cues[hit.value].status != MB_NONE;
			next = i + hit.ntok;
		}
		from = head + 1;
	}
	return (real);
}

int
mb_cues_scan(mb_doc *d)
{
	group      last    = { 0 };
	size_t     last_cs = SIZE_MAX;
	size_t     last_ss = SIZE_MAX; /* the sentence refused was found for */
	int        refused = 0;
	uint32_t  *reps    = NULL; /* its reporting words */
	size_t     nreps = 0, reps_cap = 0;
	mb_clauses clauses = { .at = SIZE_MAX };

	if (d->hits == NULL && mb_cues_find(d) < 0) {
		return (NERP_ENOMEM);
	}
	for (size_t h = 0; h < d->nhits; h++) {
		size_t        i   = d->hits[h].tok;
		const mb_hit *hit = &d->hits[h].hit;
		cue_ctx       c;
		int           r;

		memset(&c, 0, sizeof(c));
		c.d    = d;
		c.cue  = &d->lex->cues[hit->value];
		c.i    = i;
		c.ce   = i + hit->ntok;
		c.gs   = hit->gap_start;
		c.ge   = hit->gap_end;
		c.gaps = hit->gaps;
		c.ss   = d->sstart[d->sent[i]];
		c.send = d->sstart[d->sent[i] + 1];
		/* once per sentence, not per cue: a long one may hold many */
		if (reps == NULL || c.ss != last_ss) {
			if (sentence_words(d, c.ss, c.send, &refused, &reps,
			        &reps_cap, &nreps)
			    != 0) {
				return (NERP_ENOMEM);
			}
			last_ss = c.ss;
		}
		c.refused = refused;
		c.reps    = reps;
		c.nreps   = nreps;
		c.olo     = UINT32_MAX;
		mb_clauses_at(d, &clauses, i);
		c.cs      = clauses.cs;
		c.cend    = clauses.ce;
		c.blocked = clauses.before > clauses.scope;
		c.past    = clauses.past_chair > clauses.scope;
		if (c.cend < c.ce) {
			c.cend = c.ce;
		}
		if ((c.cue->flags & MB_CF_SECONDARY) && last_cs == c.cs) {
			/* "admit Timor-Leste as the 11th member": the member
			 * slot of the first cue already took it */
			group saved = last;

			r = fill_member(&c, c.cue->member);
			if (r && members_overlap(&saved, &c.g)) {
				continue;
			}
			memset(&c.g, 0, sizeof(c.g));
		}
		r = run_cue(&c);
		if (r < 0) {
			return (-r);
		}
		if (r > 0) {
			last    = c.g;
			last_cs = c.cs;
		}
	}
	return (0);
}
