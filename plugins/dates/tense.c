/*
 * tense.c: the tense of the sentence around a date expression, read from
 * the nearest tense word of tense.tsv or the nearest lowercase word ending
 * in "-ed".  Good enough to choose between last and next Friday.
 */
#include <string.h>

#include "dates_impl.h"

#define TENSE_REACH 60 /* tokens searched on each side */

/* Nonzero when token i is the word w (lowercase, exact length). */
static int
word_is(const dates_ctx *c, size_t i, const char *w)
{
	const nerp_token *tk = &c->toks[i];
	size_t            n  = strlen(w);

	return (tk->kind == NERP_TOK_WORD && tk->end - tk->start == n
	    && memcmp(c->text + tk->start, w, n) == 0);
}

static int
lexicon_tense(const dates_ctx *c, size_t i)
{
	const dates_tok *t;

	/* Most words are no tense word: their key says so without
	 * classifying them. */
	if ((dates_key_kinds(c->lex->keymap, c->keys[i]) & DK_TENSE) == 0) {
		return (DATES_TENSE_NONE);
	}
	t = dates_info(c, i);

	return ((t->cls & DC_BIT(DC_TENSE)) ? t->ent->val[DC_TENSE]
	                                    : DATES_TENSE_NONE);
}

/* A past participle takes the tense of its auxiliary: "will be named" and
 * "is to be held" are future, "is expected" present, "was held" past;
 * "could be located" says nothing. */
static int
participle_tense(const dates_ctx *c, size_t i)
{
	int aux;

	if (i == 0 || c->toks[i - 1].kind != NERP_TOK_WORD) {
		return (DATES_TENSE_PAST);
	}
	if (word_is(c, i - 1, "be")) {
		if (i > 1
		    && (word_is(c, i - 2, "to")
		        || lexicon_tense(c, i - 2) == DATES_TENSE_FUTURE)) {
			return (DATES_TENSE_FUTURE);
		}
		return (DATES_TENSE_NONE);
	}
	aux = lexicon_tense(c, i - 1);
	return (aux != DATES_TENSE_NONE ? aux : DATES_TENSE_PAST);
}

/* The tense token i gives, from the lexicon or an "-ed" ending.  Most
 * tokens are neither: the key map and the flags say so first. */
static inline int
word_tense(const dates_ctx *c, size_t i)
{
	const nerp_token *tk = &c->toks[i];
	const char       *s;
	size_t            len;
	int               t;

	if (dates_key_kinds(c->lex->keymap, c->keys[i]) & DK_TENSE) {
		t = lexicon_tense(c, i);
		if (t == DATES_TENSE_PAST) {
			/* "held", "made": irregular participles too */
			return (participle_tense(c, i));
		}
		if (t != DATES_TENSE_NONE) {
			return (t);
		}
	}
	if (tk->kind != NERP_TOK_WORD
	    || (tk->flags & NERP_TF_ALL_LOWER) == 0) {
		return (DATES_TENSE_NONE);
	}
	s   = c->text + tk->start;
	len = tk->end - tk->start;
	/* "-ed" but not "need", "speed", "proceed". */
	if (len < 5 || s[len - 2] != 'e' || s[len - 1] != 'd'
	    || s[len - 3] == 'e') {
		return (DATES_TENSE_NONE);
	}
	return (participle_tense(c, i));
}

/* Nonzero when token i starts a sentence.  A digit after "Aug." is
 * flagged SENT_START too, so only a word or a blank line counts here. */
static int
sentence_starts(const dates_ctx *c, size_t i)
{
	const nerp_token *tk = &c->toks[i];

	return ((tk->flags & NERP_TF_PARA_START)
	    || ((tk->flags & NERP_TF_SENT_START)
	        && tk->kind == NERP_TOK_WORD));
}

int
dates_tense(const dates_ctx *c, uint32_t first, uint32_t last)
{
	/* The search stays in the sentence of the date and within reach:
	 * going back from first, step j (token first - j) ends it when j is
	 * the reach, the text's start or a sentence start; going on from
	 * last, step j (token last + 1 + j) when j is the reach, the end or
	 * a sentence start.  The steps are taken as the search needs them:
	 * jb, ja steps are known not to end it, ended_b, ended_a say the
	 * next one does. */
	size_t jb = 0, ja = 0;
	int    ended_b = 0, ended_a = 0;

	/* The nearest tense word; one after the date counts at twice its
	 * distance (the verb that governs a date mostly precedes it). */
	for (size_t d = 1; d <= TENSE_REACH; d++) {
		int before, after, t;

		while (!ended_b && jb < d) {
			if (jb == TENSE_REACH || first == jb
			    || sentence_starts(c, first - jb)) {
				ended_b = 1;
			} else {
				jb++;
			}
		}
		while (!ended_a && ja < d / 2) {
			if (ja == TENSE_REACH || last + 1 + ja >= c->ntok
			    || sentence_starts(c, last + 1 + ja)) {
				ended_a = 1;
			} else {
				ja++;
			}
		}
		before = d <= jb;
		after  = d / 2 <= ja;
		if (before) {
			t = word_tense(c, first - d);
			if (t != DATES_TENSE_NONE) {
				return (t);
			}
		}
		if (d % 2 == 0 && after) {
			t = word_tense(c, last + d / 2);
			if (t != DATES_TENSE_NONE) {
				return (t);
			}
		}
		if (!before && !after) {
			break;
		}
	}
	return (DATES_TENSE_NONE);
}
