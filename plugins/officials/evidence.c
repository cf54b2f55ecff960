/*
 * plugins/officials/evidence.c: what makes an untitled name a person:
 * forms of address, given names, reporting verbs, results lists,
 * line-ups, appositions, occupations.
 */
#include <string.h>

#include "find.h"

/* Nonzero when token i ends like an English agent or nationality noun
 * ("-er", "-man", "-ist", "-or", "-ian"). */
int
offi_noun_suffix(const offi_work *w, size_t i)
{
	static const char *const suffixes[]
	    = { "er", "man", "ist", "or", "ian", "ant" };
	const nerp_token *k   = &w->toks[i];
	const char       *t   = w->doc->text + k->start;
	size_t            len = k->end - k->start, j;

	for (j = 0; j < sizeof(suffixes) / sizeof(suffixes[0]); j++) {
		size_t sl = strlen(suffixes[j]);
		if (len > sl + 2
		    && memcmp(t + len - sl, suffixes[j], sl) == 0) {
			return (1);
		}
	}
	return (0);
}

/* The text of a token, read once for several comparisons. */
typedef struct word_view {
	const char *s;
	size_t      len;
} word_view;

static inline word_view
word_of(const offi_work *w, size_t i)
{
	const nerp_token *k = &w->toks[i];
	word_view         v = { w->doc->text + k->start, k->end - k->start };

	return (v);
}

/* Nonzero when v is exactly the literal lit (whose length the compiler
 * works out). */
static inline int
word_is(word_view v, const char *lit)
{
	size_t len = strlen(lit);

	return (v.len == len && memcmp(v.s, lit, len) == 0);
}

int
offi_person_evidence(const find_ctx *x, const cand *c)
{
	const offi_work  *w    = &x->w;
	const nerp_token *toks = w->toks;
	size_t            s = c->s, e = c->e, n = w->n;
	int               two = e - s >= 2;
	/* The tokens before and after the name (empty at the ends), their
	 * byte when one byte long ("," "(" "b"), and the classes of the
	 * one before: most rules below look at them.  Rules returning 1 may
	 * come in any order; the apposition rule, which may say 0, comes
	 * after them all. */
	word_view prev = { "", 0 }, next = { "", 0 };
	char      pc, nc;
	uint32_t  pcls = 0;

	if (s > 0) {
		prev = word_of(w, s - 1);
		pcls = offi_cls(w, s - 1);
	}
	if (e < n) {
		next = word_of(w, e);
	}
	/* Both views have a byte to read ("" its NUL): no branch on the
	 * lengths. */
	pc = prev.s[0];
	nc = next.s[0];
	pc = prev.len == 1 ? pc : '\0';
	nc = next.len == 1 ? nc : '\0';

	/* A form of address, a known given name before a surname, an
	 * initial. */
	if ((pcls & OFFI_W_HONOR)
	    || (two
	        && ((offi_cls(w, s) & OFFI_W_GIVEN)
	            || (toks[s].flags & NERP_TF_ABBREV)))) {
		return (1);
	}
	/* "champion Ids Postma": an occupation right before the name. */
	if ((pcls & OFFI_W_OCCUP) && (toks[s - 1].flags & NERP_TF_ALL_LOWER)) {
		return (1);
	}
	/* "Mendes said"; a lone word before "said" is as often an
	 * organisation ("Tanjug said") unless it links to a full name. */
	if (two && e < n && (toks[e].flags & NERP_TF_ALL_LOWER)
	    && (offi_cls(w, e) & OFFI_W_CUE)) {
		return (1);
	}
	switch (pc) {
	case '.':
		/* "Dr. Kovac". */
		if (s > 1 && (offi_cls(w, s - 2) & OFFI_W_HONOR)) {
			return (1);
		}
		break;
	case '-':
		/* Line-ups: "3 - Olo Brown ,". */
		if (s > 1 && toks[s - 2].kind == NERP_TOK_NUMBER
		    && (e >= n || nc == ',' || nc == ';' || nc == '('
		        || nc == '.'
		        || (toks[e].flags & NERP_TF_LINE_START))) {
			return (1);
		}
		break;
	case ',':
		/* "his costume designer, Frida Parmeggiani,". */
		if (s > 1 && (toks[s - 2].flags & NERP_TF_ALL_LOWER)
		    && (offi_cls(w, s - 2) & OFFI_W_OCCUP) && e < n
		    && (nc == ',' || nc == '.')) {
			return (1);
		}
		break;
	default:
		break;
	}
	/* Attribution after a quote: ", said Ricardo Mendes." (not "said
	 * Chechnya must"). */
	if (s > 0 && (e >= n || toks[e].kind == NERP_TOK_PUNCT)
	    && (word_is(prev, "said") || word_is(prev, "says")
	        || word_is(prev, "added") || word_is(prev, "wrote"))) {
		return (1);
	}
	/* Results lists: "Michael Johnson ( U.S. ) 19.32", "Cosmin Contra
	 * ( 31st )". */
	if (nc == '(' && e + 2 < n
	    && ((offi_ctry_head(w, e + 1)
	            && offi_ctry_form(w, e + 1) == NERL_COUNTRY_NAME)
	        || toks[e + 1].kind == NERP_TOK_NUMBER)) {
		size_t k = e + 1;
		while (k < n && k < e + 5 && !offi_tok_is(w, k, ")")) {
			k++;
		}
		if (k < n && offi_tok_is(w, k, ")")
		    && (toks[e + 1].kind == NERP_TOK_NUMBER
		        || offi_same_iso(
		            offi_iso2(w, k - 1), offi_iso2(w, e + 1)))) {
			return (1);
		}
	}
	if (two) {
		/* "Germany's Gunda Niemann", "Bente Martinsen of Norway". */
		if (s > 1 && offi_is_possessive(w, s - 1)
		    && offi_iso2(w, s - 2) != NULL && offi_org1(w, s - 2) == 0) {
			return (1);
		}
		if (e + 1 < n && word_is(next, "of")) {
			size_t k = e + 1;
			if (k + 1 < n && offi_tok_is(w, k, "the")) {
				k++;
			}
			if (offi_ctry_head(w, k)
			    && offi_ctry_form(w, k) == NERL_COUNTRY_NAME) {
				return (1);
			}
		}
		/* "Milica Boskovic, the director's wife": an apposition
		 * that describes no organisation or place. */
		if (nc == ',' && e + 2 < n
		    && (offi_cls(w, e + 1) & OFFI_W_DET)) {
			size_t k;
			for (k = e + 2; k < n && k < e + 8
			     && toks[k].kind != NERP_TOK_PUNCT;
			     k++) {
				if (offi_cls(w, k) & OFFI_W_ORGNOUN) {
					return (0);
				}
			}
			return (1);
		}
	}
	/* Scorecards: "c Knight b Hollioake", "Moin Khan lbw b Mullally",
	 * "Mushtaq Ahmed not out". */
	if (pc == 'b' || pc == 'c' || word_is(prev, "st")) {
		return (1);
	}
	if (e + 1 < n
	    && (((nc == 'b' || nc == 'c')
	            && (toks[e + 1].flags & NERP_TF_UPPER_INITIAL))
	        || word_is(next, "lbw")
	        || ((word_is(next, "not") || word_is(next, "run"))
	            && offi_tok_is(w, e + 1, "out")))) {
		return (1);
	}
	/* "Smith, 35, said": an age in apposition. */
	if (nc == ',' && e + 2 < n && toks[e + 1].kind == NERP_TOK_NUMBER
	    && toks[e + 1].end - toks[e + 1].start <= 2
	    && offi_tok_is(w, e + 2, ",")) {
		return (1);
	}
	return (0);
}
