/*
 * plugins/officials/link.c: offi_find.  Name candidates become mentions;
 * titled mentions and names with person evidence (evidence.c) anchor
 * people; other mentions (surnames, mononyms, quotes) link to the person
 * whose fullest name contains them; attributes are chosen per person,
 * countries inferred where titles name none (country.c).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"

/* Nonzero when the tokens of candidate a appear, in order and
 * contiguous, among those of candidate b. */
static int
contained(const find_ctx *x, const cand *a, const cand *b)
{
	size_t la = a->e - a->s, lb = b->e - b->s, off, i;

	if (la > lb) {
		return (0);
	}
	for (off = 0; off + la <= lb; off++) {
		for (i = 0; i < la; i++) {
			if (x->w.keys[a->s + i] != x->w.keys[b->s + off + i]) {
				break;
			}
		}
		if (i == la) {
			return (1);
		}
	}
	return (0);
}

static int
holder_at(const find_ctx *x, const cand *c)
{
	const offi_state *st = x->w.st;
	nerl_match        m[4];
	size_t            nm, i;

	if (!(offi_cls(&x->w, c->s) & OFFI_W_HOLD1)) {
		return (-1);
	}
	nm = nerl_phrases_at_keyed(st->holders, x->w.doc->text, x->w.toks,
	    x->w.keys, x->w.n, c->s, m, 4);
	for (i = 0; i < nm; i++) {
		const offi_holder *h = &st->holder[m[i].value];
		if (m[i].ntok != c->e - c->s) {
			continue;
		}
		if (x->dct_month != 0
		    && ((h->from != 0 && x->dct_month < h->from)
		        || (h->to != 0 && x->dct_month > h->to))) {
			continue;
		}
		return (m[i].value);
	}
	return (-1);
}

static size_t
role_of(find_ctx *x, const cand *c, char *buf)
{
	return (offi_role_text(&x->w, cand_title(x, c), buf, ROLE_MAX));
}

/* The hash of a run of words for the index, extended one word at a
 * time from 0; a person's whole name is filed under its hash marked
 * (whole_hash), apart from the runs within names.  Collisions cost a
 * comparison, never a wrong answer: every posting found is checked
 * with contained(). */
static inline uint64_t
run_hash_add(uint64_t h, uint64_t key)
{
	h = (h ^ key) * 0x9E3779B97F4A7C15u;
	return (h ^ (h >> 29));
}

static inline uint64_t
whole_hash(uint64_t run)
{
	return (run_hash_add(run, 0x6A09E667F3BCC909u));
}

/* Adds every run of words of person ei's fullest name to the index, at
 * time (the candidate adding them: times never go down while find_ent
 * is used). */
static void
index_ent(find_ctx *x, int ei, size_t time)
{
	const cand     *b    = &x->c[x->e[ei].best];
	const uint64_t *keys = x->w.keys;
	size_t          mask = x->ix_cap - 1;
	size_t          i, j;

	for (i = b->s; i < b->e; i++) {
		uint64_t h = 0;
		for (j = i; j < b->e && x->ix_n < x->ix_max; j++) {
			size_t   p = x->ix_n++;
			uint64_t f;
			size_t   slot;
			h    = run_hash_add(h, keys[j]);
			f    = i == b->s && j + 1 == b->e ? whole_hash(h) : h;
			slot = (size_t) (f >> 32) & mask;
			x->ix_ent[p]     = (uint32_t) ei;
			x->ix_time[p]    = (uint32_t) time;
			x->ix_hash[p]    = f;
			x->ix_next[p]    = x->ix_head[slot];
			x->ix_head[slot] = (uint32_t) p + 1;
		}
	}
}

static int
new_ent(find_ctx *x, size_t ci)
{
	ent *e = &x->e[x->ne];

	memset(e, 0, sizeof(*e));
	e->kind      = x->c[ci].anchor;
	e->best      = ci;
	e->role_cand = -1;
	e->holder    = x->c[ci].holder;
	e->org       = -1;
	e->first     = ci;
	x->c[ci].ent = (int) x->ne;
	return ((int) x->ne++);
}

/* Folds candidate ci into person ei. */
static void
join_ent(find_ctx *x, size_t ci, int ei)
{
	ent  *e = &x->e[ei];
	cand *c = &x->c[ci];

	c->ent = ei;
	if (c->anchor == OFFI_OFFICIAL) {
		e->kind = OFFI_OFFICIAL;
	} else if (e->kind == 0) {
		e->kind = c->anchor;
	}
	if (c->e - c->s > x->c[e->best].e - x->c[e->best].s) {
		e->best = ci;
		index_ent(x, ei, ci);
	}
	if (e->holder < 0) {
		e->holder = c->holder;
	}
}

/* Runs of a name's words find_ent looks up: the name itself twice (as
 * a run within a name, as a whole one), and each shorter run of a
 * name of at most 8 words (offi_name_end's bound). */
#define PROBES_MAX (2 + 8 * 9 / 2)

/* The person an anchor or mention belongs to: one whose fullest name
 * contains it, or whose name it contains (for anchors, both_ways); the
 * one first named nearest before it, else the first named after it.  -1
 * when none.  Looked up in the index under the mention's words, as a
 * run within a name or a whole one, and, both ways, under each shorter
 * run of them as a whole name. */
static int
find_ent(const find_ctx *x, size_t ci, int both_ways)
{
	const cand *c      = &x->c[ci];
	int         before = -1, after = -1;
	uint64_t    probe[PROBES_MAX], h = 0;
	size_t      np = 0, i, j, k;

	for (j = c->s; j < c->e; j++) {
		h = run_hash_add(h, x->w.keys[j]);
	}
	probe[np++] = h;
	probe[np++] = whole_hash(h);
	for (i = c->s; both_ways && i < c->e; i++) {
		h = 0;
		for (j = i; j < c->e && np < PROBES_MAX
		     && !(i == c->s && j + 1 == c->e);
		     j++) {
			h           = run_hash_add(h, x->w.keys[j]);
			probe[np++] = whole_hash(h);
		}
	}
	for (k = 0; k < np; k++) {
		uint32_t p
		    = x->ix_head[(size_t) (probe[k] >> 32) & (x->ix_cap - 1)];
		for (; p != 0; p = x->ix_next[p - 1]) {
			const ent  *e;
			const cand *b;
			int         ei;
			/* Older postings name people first named no later
			 * than they were added: none beats before then. */
			if (before >= 0
			    && x->ix_time[p - 1] <= x->e[before].first) {
				break;
			}
			if (x->ix_hash[p - 1] != probe[k]) {
				continue;
			}
			ei = (int) x->ix_ent[p - 1];
			e  = &x->e[ei];
			b  = &x->c[e->best];
			if (!contained(x, c, b)
			    && !(both_ways && contained(x, b, c))) {
				continue;
			}
			if (e->first < ci) {
				if (before < 0
				    || x->e[before].first < e->first) {
					before = ei;
				}
			} else if (after < 0 || x->e[after].first > e->first) {
				after = ei;
			}
		}
	}
	return (before >= 0 ? before : after);
}

/* Several arrays of one call come from one allocation, cut into parts:
 * the bytes a part of size bytes takes, so that the next one stays
 * aligned for any type. */
static size_t
part_size(size_t size)
{
	size_t a = _Alignof(max_align_t);

	return ((size + a - 1) / a * a);
}

/* The part of size bytes at *p, which moves past it. */
static void *
take_part(char **p, size_t size)
{
	void *part = *p;

	*p += part_size(size);
	return (part);
}

static char *
copy_text(find_ctx *x, const char *s, size_t len)
{
	char *p = x->w.alloc(x->w.arg, len + 1);

	if (p != NULL) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return (p);
}

/* Nonzero when the title's last word is a plural head ("Ministers"). */
static int
plural_title(const offi_work *w, const offi_title *t)
{
	const nerp_token *k  = &w->toks[t->end - 1];
	size_t            wl = k->end - k->start;

	return (wl > 3 && w->doc->text[k->end - 1] == 's'
	    && (offi_cls(w, t->end - 1) & OFFI_W_HEAD)
	    && (offi_lex_get(w->st->lex, w->doc->text + k->start, wl - 1)
	        & OFFI_W_HEAD));
}

/* Makes candidate c an anchor of kind (enum offi_kind) and counts the
 * postings it may add to the index (x->ix_max): group indexes each
 * anchor's runs of words at most once, when it becomes a person's
 * fullest name. */
static void
set_anchor(find_ctx *x, cand *c, int kind)
{
	size_t len = c->e - c->s;

	c->anchor = kind;
	x->ix_max += len * (len + 1) / 2;
}

static void
collect(find_ctx *x)
{
	offi_work *w = &x->w;
	size_t     ci, i, done = 0;

	/* Only capitalised name words and particles ("Al Saud") start
	 * names: offi_classify listed them. */
	for (ci = 0; ci < w->n_starts; ci++) {
		size_t e;
		cand  *c;
		i = w->starts[ci];
		if (i < done) {
			continue;
		}
		e = offi_name_alone(w, i) ? i + 1 : offi_name_end(w, i);
		if (e == i) {
			continue;
		}
		done = e;
		/* "Hairdresser Milanka Milentijevic", "Welshman Mark
		 * Litton": a capitalised common noun starting a sentence
		 * before a name. */
		if (e - i >= 3 && (w->toks[i].flags & NERP_TF_SENT_START)
		    && !(w->t[i].cls & OFFI_W_GIVEN)
		    && offi_noun_suffix(w, i)) {
			i++;
		}
		c = &x->c[x->nc++];
		c->s        = i;
		c->e        = e;
		c->anchor   = 0;
		c->title    = -1;
		c->ent      = -1;
		c->modifier = 0;
		c->holder   = holder_at(x, c);
	}
	for (i = 0; i < x->nc; i++) {
		cand       *c = &x->c[i];
		offi_title *t = &x->titles[x->nt]; /* kept when found */
		int         r;
		/* "the Bongo family", "the Dole campaign". */
		c->modifier = c->s > 0 && (offi_cls(w, c->s - 1) & OFFI_W_DET)
		    && c->e < w->n && (w->toks[c->e].flags & NERP_TF_ALL_LOWER)
		    && !(offi_cls(w, c->e) & OFFI_W_CUE);
		if (offi_is_caps(w, c->s)) {
			continue;
		}
		if (offi_title_may_precede(w, c->s, c->e)
		    && offi_title_before(w, c->s, c->e, t)) {
			c->title  = (int) x->nt++;
			set_anchor(x, c, OFFI_OFFICIAL);
			x->titled[x->n_titled++] = (uint32_t) i;
			continue;
		}
		/* "Foreign Ministers Sergey Lavrov and Wang Yi": the plural
		 * title covers the next name too. */
		if (i > 0 && x->c[i - 1].title >= 0 && x->c[i - 1].e + 1 == c->s
		    && offi_tok_is(w, c->s - 1, "and")
		    && plural_title(w, cand_title(x, &x->c[i - 1]))) {
			c->title  = x->c[i - 1].title;
			set_anchor(x, c, OFFI_OFFICIAL);
			x->titled[x->n_titled++] = (uint32_t) i;
			continue;
		}
		/* An apposition starts with a comma. */
		r = c->e < w->n && (offi_cls(w, c->e) & OFFI_T_COMMA)
		    ? offi_title_after(w, c->e, t)
		    : 0;
		if (r > 0) {
			c->title  = (int) x->nt++;
			set_anchor(x, c, OFFI_OFFICIAL);
			x->titled[x->n_titled++] = (uint32_t) i;
		} else if (c->holder >= 0) {
			set_anchor(x, c, OFFI_OFFICIAL);
		} else if ((r < 0
		               && (c->e - c->s >= 2
		                   || (c->e + 1 < w->n
		                       && (offi_cls(w, c->e + 1)
		                           & OFFI_W_DET))))
		    || offi_person_evidence(x, c)) {
			set_anchor(x, c, OFFI_PERSON);
		}
	}
}

static int
is_person_mention(const find_ctx *x, size_t ci)
{
	return (
	    ci < x->nc && x->c[ci].ent >= 0 && x->e[x->c[ci].ent].kind != 0);
}

static int
list_sep(const offi_work *w, size_t i)
{
	return (i < w->n
	    && (offi_tok_is(w, i, ",") || offi_tok_is(w, i, "and")
	        || offi_tok_is(w, i, ";")));
}

/* "Staunton , Irwin , McAteer": a name listed between two people is a
 * person. */
static void
list_people(find_ctx *x)
{
	const offi_work *w = &x->w;
	size_t           i, round;
	int              added = 1;

	/* A second round only when the first found someone: it would
	 * otherwise look at the same state again. */
	for (round = 0; round < 2 && added; round++) {
		added = 0;
		for (i = 1; i + 1 < x->nc; i++) {
			cand       *c = &x->c[i];
			const cand *p = &x->c[i - 1], *q = &x->c[i + 1];
			/* Few names are one token from both neighbours:
			 * that test first. */
			if (p->e + 1 != c->s || c->e + 1 != q->s) {
				continue;
			}
			if (c->ent >= 0 || offi_is_caps(w, c->s)
			    || !is_person_mention(x, i - 1)
			    || !is_person_mention(x, i + 1)
			    || !list_sep(w, p->e) || !list_sep(w, c->e)) {
				continue;
			}
			c->anchor = OFFI_PERSON;
			new_ent(x, i);
			added = 1;
		}
	}
}

/* The bit of a word of key k in group's filter. */
#define SEEN_BIT(k) ((uint32_t) (k) & 4095u)

static void
group(find_ctx *x)
{
	uint64_t seen[64];
	size_t   i;

	/* seen: the words of every anchor so far (the index holds no
	 * others), so that an anchor sharing none starts a person without
	 * a search, and later most capitalised words are dismissed without
	 * one too. */
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < x->nc; i++) {
		const cand *c  = &x->c[i];
		int         ei = -1;
		size_t      k;
		if (c->anchor == 0) {
			continue;
		}
		for (k = c->s; k < c->e; k++) {
			uint32_t h = SEEN_BIT(x->w.keys[k]);
			if (seen[h >> 6] & ((uint64_t) 1 << (h & 63))) {
				ei = find_ent(x, i, 1);
				break;
			}
		}
		if (ei < 0) {
			index_ent(x, new_ent(x, i), i);
		} else {
			join_ent(x, i, ei);
		}
		for (k = c->s; k < c->e; k++) {
			uint32_t h = SEEN_BIT(x->w.keys[k]);
			seen[h >> 6] |= (uint64_t) 1 << (h & 63);
		}
	}
	for (i = 0; i < x->nc; i++) {
		const cand *c = &x->c[i];
		uint32_t    h = SEEN_BIT(x->w.keys[c->s]);
		int         ei;
		if (c->anchor != 0
		    || !(seen[h >> 6] & ((uint64_t) 1 << (h & 63)))) {
			continue;
		}
		ei = find_ent(x, i, 0);
		if (ei >= 0) {
			join_ent(x, i, ei);
		}
	}
	list_people(x);
}

/* Role and country of every official. */
static int
attributes(find_ctx *x)
{
	const offi_state *st = x->w.st;
	char              buf[ROLE_MAX];
	const char       *doc_iso = NULL, *dl_iso = NULL;
	int               doc_done = 0;
	size_t            i, t, pass;

	for (t = 0; t < x->n_titled; t++) {
		cand  *c = &x->c[x->titled[t]];
		ent   *e;
		size_t len;
		i = x->titled[t];
		if (c->ent < 0) {
			continue;
		}
		e   = &x->e[c->ent];
		len = role_of(x, c, buf);
		/* A title of its own beats "counterpart"; then the longest
		 * wording. */
		if (e->role_cand < 0
		    || (cand_title(x, &x->c[e->role_cand])->counterpart
		        && !cand_title(x, c)->counterpart)
		    || (cand_title(x, c)->counterpart
		            == cand_title(x, &x->c[e->role_cand])->counterpart
		        && len > e->role_len)) {
			e->role_cand = (int) i;
			e->role_len  = len;
		}
	}
	/* Pass 0: what titles and holders.tsv say; pass 1: the sentence
	 * and document context for the rest. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < x->ne; i++) {
			ent        *e = &x->e[i];
			const cand *rc;
			if (e->kind != OFFI_OFFICIAL || e->iso2 != NULL
			    || e->intergov) {
				continue;
			}
			rc = e->role_cand >= 0 ? &x->c[e->role_cand] : NULL;
			if (pass == 0) {
				if (rc != NULL) {
					e->iso2     = cand_title(x, rc)->iso2;
					e->intergov = cand_title(x, rc)->intergov;
					e->org      = cand_title(x, rc)->org;
				}
				if (rc != NULL && e->iso2 == NULL
				    && !e->intergov) {
					role_of(x, rc, buf);
					e->iso2 = offi_office_country(st, buf);
				}
				if (e->iso2 == NULL && !e->intergov
				    && e->holder >= 0) {
					const offi_holder *h
					    = &st->holder[e->holder];
					e->iso2 = h->iso2[0] ? h->iso2 : NULL;
					e->intergov = h->iso2[0] == '\0';
				}
				continue;
			}
			if (rc != NULL) {
				e->iso2 = offi_of_state(x, rc);
			}
			if (rc != NULL && e->iso2 == NULL) {
				e->iso2 = offi_sentence_country(
				    x, e->role_cand, (int) i);
			}
			if (e->iso2 == NULL) {
				/* The dateline is read only when the text
				 * names no state most. */
				if (!doc_done) {
					doc_iso  = offi_doc_country(x);
					dl_iso   = doc_iso == NULL
					      ? offi_dateline_country(x)
					      : NULL;
					doc_done = 1;
				}
				e->iso2 = doc_iso != NULL ? doc_iso : dl_iso;
			}
		}
	}
	for (i = 0; i < x->ne; i++) {
		ent   *e = &x->e[i];
		size_t len;
		if (e->kind != OFFI_OFFICIAL) {
			continue;
		}
		if (e->role_cand >= 0) {
			const cand *rc = &x->c[e->role_cand];
			if (cand_title(x, rc)->counterpart) {
				/* "his Bolivian counterpart": the office of
				 * the sentence's earlier official. */
				size_t k;
				for (k = e->role_cand;
				     k > 0 && (size_t) e->role_cand - k < 256;
				     k--) {
					const cand *o = &x->c[k - 1];
					const ent  *oe;
					if (x->w.t[o->s].sent
					    != x->w.t[rc->s].sent) {
						break;
					}
					if (o->ent < 0 || o->ent == (int) i) {
						continue;
					}
					oe = &x->e[o->ent];
					if (oe->kind == OFFI_OFFICIAL
					    && oe->role_cand >= 0
					    && !cand_title(x, &x->c[oe->role_cand])
					            ->counterpart) {
						len = role_of(x,
						    &x->c[oe->role_cand], buf);
						e->role
						    = copy_text(x, buf, len);
						break;
					}
				}
			}
			if (e->role == NULL) {
				len     = role_of(x, rc, buf);
				e->role = copy_text(x, buf, len);
			}
		} else if (e->holder >= 0) {
			const char *r = st->holder[e->holder].role;
			e->role       = copy_text(x, r, strlen(r));
		}
		if (e->role == NULL) {
			return (NERP_ENOMEM);
		}
	}
	return (0);
}

/* The body a title names without orgs.tsv knowing it: the capitalised
 * words ending in an institution word ("Russian Foreign Ministry
 * Spokeswoman" -> "Foreign Ministry", "Head of the Direct Investment
 * Fund" -> "Direct Investment Fund"), state names left out.  NULL when
 * none (or out of memory: the attribute is then left out). */
static const char *
body_in_title(find_ctx *x, const offi_title *t)
{
	const offi_work *w = &x->w;
	size_t           i, start = t->end, end = t->end;

	for (i = t->start; i < t->end; i++) {
		uint32_t cls = offi_cls(w, i);
		if ((w->toks[i].flags & NERP_TF_UPPER_INITIAL)
		    && (cls & OFFI_W_INST) && !(cls & OFFI_W_HEAD)
		    && !(i + 1 < w->n && offi_tok_is(w, i + 1, "of"))) {
			size_t k = i;
			while (k > t->start
			    && (w->toks[k - 1].flags & NERP_TF_UPPER_INITIAL)
			    && !(offi_cls(w, k - 1) & OFFI_W_HEAD)
			    && offi_iso2(w, k - 1) == NULL
			    && !offi_is_possessive(w, k - 1)) {
				k--;
			}
			start = k;
			end   = i + 1;
		}
	}
	if (end > t->end || start >= end) {
		return (NULL);
	}
	return (copy_text(x, w->doc->text + w->toks[start].start,
	    w->toks[end - 1].end - w->toks[start].start));
}

static int
output(find_ctx *x, offi_result *out)
{
	const offi_state *st   = x->w.st;
	const char       *text = x->w.doc->text;
	size_t            i, nm = 0;
	int32_t          *map;
	size_t            sz_people   = (x->ne + 1) * sizeof(offi_person);
	size_t            sz_mentions = (x->nc + 1) * sizeof(offi_mention);
	size_t            sz_map      = (x->ne + 1) * sizeof(int32_t);
	char             *parts;

	parts = x->w.alloc(x->w.arg,
	    part_size(sz_people) + part_size(sz_mentions) + part_size(sz_map));
	if (parts == NULL) {
		return (NERP_ENOMEM);
	}
	out->people   = take_part(&parts, sz_people);
	out->mentions = take_part(&parts, sz_mentions);
	map           = take_part(&parts, sz_map);
	out->n_people = 0;
	for (i = 0; i < x->ne; i++) {
		const ent   *e = &x->e[i];
		const cand  *b = &x->c[e->best];
		offi_person *p;
		map[i] = -1;
		if (e->kind == 0) {
			continue;
		}
		p = &out->people[out->n_people];
		memset(p, 0, sizeof(*p));
		p->kind = e->kind;
		p->name = copy_text(x, text + x->w.toks[b->s].start,
		    x->w.toks[b->e - 1].end - x->w.toks[b->s].start);
		if (p->name == NULL) {
			return (NERP_ENOMEM);
		}
		if (e->kind == OFFI_OFFICIAL) {
			p->role    = e->role;
			p->country = e->intergov ? NULL : e->iso2;
			if (e->org >= 0) {
				p->org = st->org[e->org].name;
			} else if (e->role_cand >= 0) {
				p->org = body_in_title(
				    x, cand_title(x, &x->c[e->role_cand]));
			} else if (e->holder >= 0) {
				p->org = st->holder[e->holder].org;
			}
		}
		map[i] = (int32_t) out->n_people++;
	}
	for (i = 0; i < x->nc; i++) {
		const cand *c = &x->c[i];
		if (c->ent < 0 || map[c->ent] < 0) {
			continue;
		}
		out->mentions[nm].start  = x->w.toks[c->s].start;
		out->mentions[nm].end    = x->w.toks[c->e - 1].end;
		out->mentions[nm].person = (uint32_t) map[c->ent];
		out->mentions[nm].kind
		    = c->modifier ? OFFI_PERSON : x->e[c->ent].kind;
		nm++;
	}
	out->n_mentions = nm;
	return (0);
}

static int
dct_month(const char *dct)
{
	int y = 0, m = 0;

	/* The host hands plugins a dct of the form YYYY-MM-DD or "". */
	if (dct == NULL || strlen(dct) < 7 || dct[4] != '-') {
		return (0);
	}
	for (int i = 0; i < 7; i++) {
		if (i != 4 && (dct[i] < '0' || dct[i] > '9')) {
			return (0);
		}
	}
	y = (dct[0] - '0') * 1000 + (dct[1] - '0') * 100 + (dct[2] - '0') * 10
	    + (dct[3] - '0');
	m = (dct[5] - '0') * 10 + (dct[6] - '0');
	if (m < 1 || m > 12) {
		return (0);
	}
	return (y * 100 + m);
}

int
offi_find(const offi_state *st, const offi_doc *doc, const nerp_token *toks,
    const uint64_t *keys, size_t n, offi_alloc_fn alloc, void *arg,
    offi_result *out)
{
	find_ctx x;
	size_t   i, nc;
	char    *p;
	int      rv;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	x.w.st      = st;
	x.w.doc     = doc;
	x.w.toks    = toks;
	x.w.n       = n;
	x.w.alloc   = alloc;
	x.w.arg     = arg;
	x.dct_month = dct_month(doc->dct);
	if (n == 0) {
		return (0);
	}
	p = alloc(arg,
	    part_size(n * sizeof(offi_tok)) + part_size(n * sizeof(offi_cover))
	        + 2 * part_size(n * sizeof(uint32_t)));
	if (p == NULL) {
		return (NERP_ENOMEM);
	}
	x.w.t      = take_part(&p, n * sizeof(offi_tok));
	x.w.cover  = take_part(&p, n * sizeof(offi_cover));
	x.w.caps   = take_part(&p, n * sizeof(uint32_t));
	x.w.starts = take_part(&p, n * sizeof(uint32_t));
	if (keys == NULL) {
		uint64_t *k = alloc(arg, n * sizeof(uint64_t));
		if (k == NULL) {
			return (NERP_ENOMEM);
		}
		for (i = 0; i < n; i++) {
			k[i] = st->host->key(
			    doc->text + toks[i].start, toks[i].end - toks[i].start);
		}
		keys = k;
	}
	x.w.keys = keys;
	offi_classify(&x.w);
	/* Every name starts with a capitalised word. */
	nc = x.w.n_caps + 1;
	p  = alloc(arg,
	     part_size(nc * sizeof(cand)) + part_size(nc * sizeof(offi_title))
	         + part_size(nc * sizeof(uint32_t))
	         + part_size(nc * sizeof(ent)));
	if (p == NULL) {
		return (NERP_ENOMEM);
	}
	x.c      = take_part(&p, nc * sizeof(cand));
	x.titles = take_part(&p, nc * sizeof(offi_title));
	x.titled = take_part(&p, nc * sizeof(uint32_t));
	x.e      = take_part(&p, nc * sizeof(ent));
	collect(&x);
	x.ix_cap = 16;
	while (x.ix_cap < 2 * x.ix_max) {
		x.ix_cap *= 2;
	}
	p = alloc(arg,
	    part_size(x.ix_cap * sizeof(uint32_t))
	        + 3 * part_size((x.ix_max + 1) * sizeof(uint32_t))
	        + part_size((x.ix_max + 1) * sizeof(uint64_t)));
	if (p == NULL) {
		return (NERP_ENOMEM);
	}
	x.ix_head = take_part(&p, x.ix_cap * sizeof(uint32_t));
	x.ix_next = take_part(&p, (x.ix_max + 1) * sizeof(uint32_t));
	x.ix_ent  = take_part(&p, (x.ix_max + 1) * sizeof(uint32_t));
	x.ix_time = take_part(&p, (x.ix_max + 1) * sizeof(uint32_t));
	x.ix_hash = take_part(&p, (x.ix_max + 1) * sizeof(uint64_t));
	memset(x.ix_head, 0, x.ix_cap * sizeof(uint32_t));
	group(&x);
	rv = attributes(&x);
	if (rv == 0) {
		rv = output(&x, out);
	}
	if (rv != 0) {
		memset(out, 0, sizeof(*out));
	}
	return (rv);
}
