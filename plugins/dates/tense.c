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
 * tokens are neither: the key map (in lexicon_tense()) and the flags
 * say so first. */
static inline int
word_tense(const dates_ctx *c, size_t i)
{
	const nerp_token *tk = &c->toks[i];
	const char       *s;
	size_t            len;
	int               t;

	t = lexicon_tense(c, i);
	if (t == DATES_TENSE_PAST) {
		/* "held", "made": irregular participles too */
		return (participle_tense(c, i));
	}
	if (t != DATES_TENSE_NONE) {
		return (t);
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
	/* The nearest tense word in the sentence of the date and within
	 * reach; one after the date counts at twice its distance (the verb
	 * that governs a date mostly precedes it), and one before wins a
	 * tie.  Going back, token first - j - 1 is in reach when token
	 * first - j is no sentence start (nor the text's start, nor j the
	 * reach); going on, token last + j + 1 when it is none itself,
	 * within half the reach. */
	size_t db = 0; /* distance of the one found before, 0: none */
	int    tb = DATES_TENSE_NONE;

	for (size_t j = 0; j < TENSE_REACH && j < first; j++) {
		if (sentence_starts(c, first - j)) {
			break;
		}
		tb = word_tense(c, first - j - 1);
		if (tb != DATES_TENSE_NONE) {
			db = j + 1;
			break;
		}
	}
	/* one after wins at twice its distance below db */
	for (size_t k = 1; k <= TENSE_REACH / 2 && (db == 0 || 2 * k < db);
	     k++) {
		int ta;

		if (last + k >= c->ntok || sentence_starts(c, last + k)) {
			break;
		}
		ta = word_tense(c, last + k);
		if (ta != DATES_TENSE_NONE) {
			return (ta);
		}
	}
	return (tb);
}
