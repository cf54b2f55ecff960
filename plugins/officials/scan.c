/*
 * plugins/officials/scan.c: per-token classes and personal-name spans.
 */
#include <string.h>

#include "offi.h"

/* Classes that keep a capitalised word out of a personal name. */
#define NOT_NAME                                                              \
	(OFFI_W_STOP | OFFI_W_HEAD | OFFI_W_MOD | OFFI_W_INST | OFFI_W_HONOR  \
	    | OFFI_W_CUE | OFFI_W_NONPER | OFFI_W_CONN | OFFI_W_DET           \
	    | OFFI_W_OCCUP | OFFI_W_WHOSE)

/* Nonzero when capitalised word i (one of w->caps, classified; c its
 * cls) may be part of a personal name. */
static int
namey(const offi_work *w, size_t i, uint32_t c)
{
	const nerp_token *k = &w->toks[i];

	/* Most capitalised words pass every test below: one branch for
	 * them. */
	if (((k->flags
	         & (NERP_TF_HAS_DIGIT | NERP_TF_POSSESSIVE | NERP_TF_ALL_UPPER))
	        | (c & (NOT_NAME | OFFI_T_ORG | OFFI_T_CTRY)))
	    == 0) {
		return (1);
	}
	if ((k->flags & (NERP_TF_HAS_DIGIT | NERP_TF_POSSESSIVE))
	    || (c & OFFI_T_ORG)) {
		return (0);
	}
	if (c & NOT_NAME) {
		/* "Jan Kroslak", "April Glaspie": a given name that is also
		 * a month or a common word, when a name word follows. */
		const nerp_token *nk = k + 1;
		if ((c & (NOT_NAME & ~OFFI_W_STOP)) || !(c & OFFI_W_GIVEN)
		    || i + 1 >= w->n || nk->kind != NERP_TOK_WORD
		    || !(nk->flags & NERP_TF_UPPER_INITIAL)
		    || (nk->flags & NERP_TF_ALL_UPPER)
		    || (offi_cls(w, i + 1)
		        & (NOT_NAME | OFFI_W_CTRY1 | OFFI_W_CTRY
		            | OFFI_W_ORG1))) {
			return (0);
		}
	}
	if (c & OFFI_T_CTRY) {
		/* "Santiago Peña", "Georgia Meloni": a given name that is
		 * also a place, when a name word follows. */
		const nerp_token *nk = k + 1;
		if (!(c & OFFI_W_GIVEN) || !(c & OFFI_T_CTRY_HEAD)
		    || i + 1 >= w->n || offi_iso2(w, i + 1) != NULL
		    || nk->kind != NERP_TOK_WORD
		    || !(nk->flags & NERP_TF_UPPER_INITIAL)
		    || (nk->flags & NERP_TF_ALL_UPPER)
		    || (offi_cls(w, i + 1) & NOT_NAME)) {
			return (0);
		}
	}
	if (k->flags & NERP_TF_ALL_UPPER) {
		/* Initials, and headline capitals ("KLINSMANN") that only
		 * ever link to a name written normally elsewhere. */
		return (offi_is_initial(w, i)
		    || (!(k->flags & NERP_TF_ABBREV)
		        && k->end - k->start >= 3));
	}
	return (1);
}

/* "Russian Direct Investment Fund", "Asian Infrastructure Investment
 * Bank": capitalised words before an institution word i name a body,
 * not a person.  Given names stop the walk back ("Kirill Dmitriev Fund"
 * is left alone).  Looks only at tokens before i, so it runs as soon as
 * i is classified; the caller tests OFFI_W_INST first, without a call. */
static void
mark_body(offi_work *w, size_t i)
{
	const nerp_token *t = &w->toks[i];
	size_t            k;

	if ((t->flags & NERP_TF_ALL_UPPER) || !(w->t[i].cls & OFFI_W_INST)) {
		return;
	}
	for (k = i; k > 0 && i - k < 6; k--) {
		const nerp_token *p = &w->toks[k - 1];
		if (p->kind != NERP_TOK_WORD
		    || !(p->flags & NERP_TF_UPPER_INITIAL)
		    || (p->flags & NERP_TF_ALL_UPPER)
		    || (w->t[k - 1].cls
		        & (OFFI_W_GIVEN | OFFI_W_HEAD | OFFI_W_HONOR
		            | OFFI_W_STOP))
		    || w->t[k - 1].sent != w->t[i].sent) {
			break;
		}
		w->t[k - 1].cls |= OFFI_T_IN_BODY;
	}
}

/* Nonzero when the sentence start flagged on token i (> 0) is no new
 * sentence: "Dr. Jaishankar", "U.S. President", where the period belongs
 * to an abbreviation.  A paragraph start always is one. */
static int
abbrev_before(const offi_work *w, size_t i)
{
	const nerp_token *toks = w->toks;
	const nerp_token *p;

	if (toks[i].flags & NERP_TF_PARA_START) {
		return (0);
	}
	if (toks[i - 1].flags & NERP_TF_ABBREV) {
		return (1);
	}
	if (i < 2) {
		return (0);
	}
	/* Token i - 2 is not classified yet: its classes straight from the
	 * lexicon (those of a word; punctuation and numbers have none).
	 * The text of token i - 1, which the pass over the tokens does not
	 * read otherwise, is looked at last. */
	p = &toks[i - 2];
	return (p->kind == NERP_TOK_WORD && p->end == toks[i - 1].start
	    && p->end - p->start < OFFI_LEX_WORD_MAX
	    && (offi_lex_get_key(w->st->lex, w->keys[i - 2]) & OFFI_W_HONOR)
	    && offi_tok_is(w, i - 1, "."));
}

/* The institution and the country of capitalised word i, of lexicon
 * entry e (classes lex, one of them OFFI_W_ORG1, OFFI_W_CTRY1 or
 * OFFI_W_CTRY) and classes cls so far: a phrase of orgs.tsv or of the
 * gazetteer starting there covers the tokens after it too (their marks
 * and w->cover are written here).  *org_until, *ctry_until: the end of
 * the last such match (none starts inside one).  Returns cls with the
 * marks of the matches starting at i.  Out of line: inlined, it would
 * slow classify_cap's path for the many words that start none. */
static __attribute__((noinline)) uint32_t
cap_matches(offi_work *w, size_t i, const offi_lex_slot *e, uint32_t lex,
    uint32_t cls, size_t *org_until, size_t *ctry_until)
{
	const offi_state *st   = w->st;
	const uint64_t   *keys = w->keys;
	offi_tok         *tt   = w->t;
	offi_cover       *cv   = w->cover;
	size_t            j;

	if ((lex & OFFI_W_ORG1) && i >= *org_until
	    && (offi_org_alone(st, keys[i])
	        || (i + 1 < w->n && offi_org_next(st, keys[i + 1])))) {
		nerl_match m;
		if (nerl_phrases_at_keyed(
		        st->orgs, w->doc->text, w->toks, keys, w->n, i, &m, 1)
		    == 1) {
			*org_until = i + m.ntok;
			cls |= OFFI_T_ORG_HEAD | OFFI_T_ORG;
			cv[i].org1 = (uint16_t) (m.value + 1);
			for (j = i + 1; j < *org_until; j++) {
				tt[j].cls |= OFFI_T_ORG;
				cv[j].org1 = (uint16_t) (m.value + 1);
			}
		}
	}
	if ((lex & (OFFI_W_CTRY1 | OFFI_W_CTRY)) && i >= *ctry_until) {
		/* Phrases of several words through the gazetteer (only
		 * where the first two words may start one), single words
		 * through the plugin's own table, which is what the
		 * gazetteer would find, or what is used when it finds
		 * nothing. */
		nerl_country_match m;
		if ((lex & OFFI_W_CTRY1) && i + 1 < w->n
		    && offi_ctry_pair(st, keys[i], keys[i + 1])
		    && nerl_countries_at_keyed(st->countries, w->doc->text,
		        w->toks, keys, w->n, i, &m)) {
			*ctry_until = i + m.ntok;
			cls |= OFFI_T_CTRY_HEAD | OFFI_T_CTRY;
			for (j = i; j < *ctry_until; j++) {
				tt[j].cls |= OFFI_T_CTRY;
				cv[j].iso2      = m.iso2;
				cv[j].ctry_form = (uint8_t) m.form;
			}
		} else if (lex & OFFI_W_CTRY) {
			const offi_country1 *c = &st->country1[e->ctry - 1];
			*ctry_until            = i + 1;
			cls |= OFFI_T_CTRY_HEAD | OFFI_T_CTRY;
			cv[i].iso2      = c->iso2;
			cv[i].ctry_form = c->form;
		}
	}
	return (cls);
}

/* The classes of capitalised word i (see cap_matches for the matches
 * starting there).  Returns the token's cls, also stored in
 * w->t[i].cls (with the marks a match before it left there); it is
 * kept in a local meanwhile, which the stores into w->t could
 * otherwise force to be read again. */
static uint32_t
classify_cap(offi_work *w, size_t i, size_t *org_until, size_t *ctry_until)
{
	const offi_lex_slot *e = NULL;
	const nerp_token    *k = &w->toks[i];
	uint32_t             lex, cls;

	if (k->end - k->start < OFFI_LEX_WORD_MAX) {
		e = offi_lex_find_key(w->st->lex, w->keys[i]);
	}
	lex = e != NULL ? e->cls : 0;
	if ((k->flags & NERP_TF_HYPHENATED) && (lex & ~OFFI_W_CTRY) == 0) {
		/* "Jean-Paul" (not "Louis-based"): a given name for its
		 * first part. */
		const char *text = w->doc->text;
		const char *h = memchr(text + k->start, '-', k->end - k->start);
		if (h != NULL && h + 1 < text + k->end && h[1] >= 'A'
		    && h[1] <= 'Z'
		    && (offi_lex_get(w->st->lex, text + k->start,
		            (size_t) (h - (text + k->start)))
		        & OFFI_W_GIVEN)) {
			lex |= OFFI_W_GIVEN;
		}
	}
	cls = w->t[i].cls | lex | OFFI_CLS_DONE;
	/* The class test first: most words start no match. */
	if (lex & (OFFI_W_ORG1 | OFFI_W_CTRY1 | OFFI_W_CTRY)) {
		cls = cap_matches(w, i, e, lex, cls, org_until, ctry_until);
	}
	w->t[i].cls = cls;
	return (cls);
}

/* offi_classify's pass over every token, for token i: its sentence
 * (sent, the number so far, returned updated) and no classes yet in
 * w->t[i]; a capitalised word appended to w->caps[0..*n_caps). */
static inline uint32_t
first_pass(const offi_work *w, size_t i, uint32_t sent, size_t *n_caps)
{
	const nerp_token *tk = &w->toks[i];
	uint16_t          f  = tk->flags;

	/* No branch on capitalised words (one token in six, in no order
	 * a predictor learns): every token is written at caps[*n_caps],
	 * and kept by counting it.  *n_caps <= i, so the write stays in
	 * caps' n of room.  Sentence starts are few. */
	w->caps[*n_caps] = (uint32_t) i;
	*n_caps += (size_t) ((tk->kind == NERP_TOK_WORD)
	    & ((f & NERP_TF_UPPER_INITIAL) != 0));
	if ((f & NERP_TF_SENT_START) && i > 0 && !abbrev_before(w, i)) {
		sent++;
	}
	w->t[i].sent = sent;
	w->t[i].cls  = 0;
	return (sent);
}

void
offi_classify(offi_work *w)
{
	offi_tok         *tt       = w->t;
	uint32_t         *caps     = w->caps;
	uint32_t         *starts   = w->starts;
	size_t            n_starts = 0;
	size_t            n = w->n, n_caps = 0;
	size_t            org_until = 0, ctry_until = 0;
	uint32_t          sent = 0;
	size_t            i;

	/* Every token: its sentence and no classes yet (looked up below
	 * for capitalised words, on demand for the others), and the list
	 * of capitalised words.  Two tokens a step: half the loop's own
	 * work. */
	for (i = 0; i + 1 < n; i += 2) {
		sent = first_pass(w, i, sent, &n_caps);
		sent = first_pass(w, i + 1, sent, &n_caps);
	}
	if (i < n) {
		(void) first_pass(w, i, sent, &n_caps); /* the last one */
	}
	w->n_caps = n_caps;
	/* The capitalised words, in order, since a match covers the tokens
	 * after its first. */
	for (i = 0; i < n_caps; i++) {
		if (classify_cap(w, caps[i], &org_until, &ctry_until)
		    & OFFI_W_INST) {
			mark_body(w, caps[i]);
		}
	}
	/* Only capitalised words may be names; those that may start one
	 * (name words, and particles: "Al Saud") are listed for the name
	 * search, which need not look at the others. */
	for (i = 0; i < n_caps; i++) {
		size_t   k = caps[i];
		uint32_t c = tt[k].cls;
		if (!(c & OFFI_T_IN_BODY) && namey(w, k, c)) {
			c |= OFFI_T_NAMEY;
			tt[k].cls = c;
		}
		starts[n_starts] = (uint32_t) k;
		n_starts += (c & (OFFI_T_NAMEY | OFFI_W_PARTICLE)) != 0;
	}
	w->n_starts = n_starts;
}

/* "al-Sisi", "el-Baradei", "bin-Zayed": a particle, a hyphen and a
 * capital. */
static int
al_prefixed(const offi_work *w, size_t j)
{
	const nerp_token *k = &w->toks[j];
	const char       *s = w->doc->text + k->start;
	const char       *h;
	size_t            len = k->end - k->start;

	if (k->kind != NERP_TOK_WORD || !(k->flags & NERP_TF_HYPHENATED)
	    || (k->flags & NERP_TF_UPPER_INITIAL)) {
		return (0);
	}
	h = memchr(s, '-', len);
	if (h == NULL || (size_t) (h - s) + 1 >= len || h[1] < 'A'
	    || h[1] > 'Z') {
		return (0);
	}
	return (
	    (offi_lex_get(w->st->lex, s, (size_t) (h - s)) & OFFI_W_PARTICLE)
	    != 0);
}

/* The first token after the run of particles starting at j (at most
 * three: "van der", "de la"). */
static size_t
particles_end(const offi_work *w, size_t j)
{
	size_t p = j;

	while (p < w->n && p < j + 3 && w->toks[p].kind == NERP_TOK_WORD
	    && (offi_cls(w, p) & OFFI_W_PARTICLE)) {
		p++;
	}
	return (p);
}

size_t
offi_name_end(const offi_work *w, size_t i)
{
	size_t j, last_word;
	int    caps;

	if (i >= w->n) {
		return (i);
	}
	if (!offi_namey(w, i)) {
		/* A capitalised particle may start a name ("Al Saud", "De
		 * Klerk") when a name word follows it. */
		size_t p;
		if (!(w->toks[i].flags & NERP_TF_UPPER_INITIAL)
		    || !(offi_cls(w, i) & OFFI_W_PARTICLE)) {
			return (i);
		}
		p = particles_end(w, i);
		if (p >= w->n || !offi_namey(w, p)
		    || w->t[p].sent != w->t[i].sent) {
			return (i);
		}
	}
	j         = i + 1;
	last_word = i;
	caps      = offi_is_caps(w, i);
	while (j < w->n && j - i < 8 && w->t[j].sent == w->t[i].sent) {
		if (offi_namey(w, j) && offi_is_caps(w, j) == caps) {
			last_word = j;
			j++;
			continue;
		}
		/* Most names end at a word that none of the rules below
		 * can take. */
		if (!offi_name_may_go_on(w, j)) {
			break;
		}
		/* "John Paul II". */
		if (!caps && (offi_cls(w, j) & OFFI_W_ROMAN)
		    && w->toks[j].kind == NERP_TOK_WORD && j > last_word
		    && last_word == j - 1
		    && !(w->toks[j].flags & NERP_TF_ABBREV)) {
			last_word = j;
			j++;
			break;
		}
		/* "Neil Jordan": a one-word country after a lone given
		 * name, closing the name. */
		if (!caps && j == i + 1 && (w->t[i].cls & OFFI_W_GIVEN)
		    && offi_ctry_head(w, j)
		    && offi_ctry_form(w, j) == NERL_COUNTRY_NAME
		    && (j + 1 >= w->n || !offi_iso2(w, j + 1))
		    && (offi_cls(w, j) & OFFI_W_CTRY)
		    && !(w->toks[j].flags & NERP_TF_ALL_UPPER)
		    && (j + 1 >= w->n
		        || !(w->toks[j + 1].flags & NERP_TF_UPPER_INITIAL))) {
			last_word = j;
			j++;
			break;
		}
		/* "John Major", "Billie Jean King": a rank or title that is
		 * also a surname ends a name. */
		if (!caps && (offi_cls(w, j) & OFFI_W_GIVEN)
		    && (offi_cls(w, j) & (OFFI_W_HONOR | OFFI_W_HEAD))
		    && !(offi_cls(w, j) & OFFI_W_STOP)
		    && (w->toks[j].flags & NERP_TF_UPPER_INITIAL)
		    && !(w->toks[j].flags & NERP_TF_ALL_UPPER)
		    && (j + 1 >= w->n || !offi_namey(w, j + 1))) {
			last_word = j;
			j++;
			break;
		}
		/* "Abdel Fattah al-Sisi": a lowercase particle joined to a
		 * capitalised name. */
		if (!caps && al_prefixed(w, j)) {
			last_word = j;
			j++;
			continue;
		}
		/* "Lula da Silva", "Faisal bin Farhan Al Saud", "Ursula von
		 * der Leyen": particles before a name word. */
		if (offi_cls(w, j) & OFFI_W_PARTICLE) {
			size_t p = particles_end(w, j);
			if (p < w->n && offi_namey(w, p)
			    && w->t[p].sent == w->t[i].sent) {
				j = p;
				continue;
			}
		}
		break;
	}
	/* An initial never ends a name ("S." alone is not one). */
	while (last_word >= i && offi_is_initial(w, last_word)) {
		if (last_word == i) {
			return (i);
		}
		last_word--;
	}
	return (last_word + 1);
}
