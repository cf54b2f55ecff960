/*
 * tense.c: the tense of the sentence around a date expression, read from
 * the nearest tense word of tense.tsv or the nearest lowercase word ending
 * in "-ed".  Good enough to choose between last and next Friday.
 */
#include <string.h>

#include "dates_impl.h"

#define TENSE_REACH 60 /* tokens searched on each side */

static int
word_tense(const dates_ctx *c, size_t i)
{
	const dates_tok  *t  = dates_info(c, i);
	const nerp_token *tk = &c->toks[i];
	const char       *s;
	size_t            len;

	if (t->cls & DC_BIT(DC_TENSE)) {
		return (t->ent->val[DC_TENSE]);
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
	/* A participle takes the tense of its auxiliary: "will be named",
	 * "is expected", "was held". */
	if (i > 0 && c->toks[i - 1].kind == NERP_TOK_WORD) {
		const nerp_token *p = &c->toks[i - 1];

		/* "will be named", "is to be held"; "could be located"
		 * says nothing. */
		if (p->end - p->start == 2
		    && memcmp(c->text + p->start, "be", 2) == 0) {
			const nerp_token *pp = i > 1 ? &c->toks[i - 2] : NULL;

			if (pp != NULL
			    && ((pp->end - pp->start == 2
			            && memcmp(c->text + pp->start, "to", 2)
			                == 0)
			        || ((dates_info(c, i - 2)->cls
			                & DC_BIT(DC_TENSE))
			            && dates_info(c, i - 2)->ent->val[DC_TENSE]
			                == DATES_TENSE_FUTURE))) {
				return (DATES_TENSE_FUTURE);
			}
			return (DATES_TENSE_NONE);
		}
		if (dates_info(c, i - 1)->cls & DC_BIT(DC_TENSE)) {
			return (dates_info(c, i - 1)->ent->val[DC_TENSE]);
		}
	}
	return (DATES_TENSE_PAST);
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
	size_t lo = first, hi = last + 1;

	for (int k = 0; k < TENSE_REACH && lo > 0 && !sentence_starts(c, lo);
	     k++) {
		lo--;
	}
	for (int k = 0;
	     k < TENSE_REACH && hi < c->ntok && !sentence_starts(c, hi); k++) {
		hi++;
	}
	/* The nearest tense word; one after the date counts at twice its
	 * distance (the verb that governs a date mostly precedes it). */
	for (size_t d = 1; d <= TENSE_REACH; d++) {
		int before = first >= d && first - d >= lo;
		int after  = last + d / 2 + 1 <= hi;
		int t;

		if (before) {
			t = word_tense(c, first - d);
			if (t != DATES_TENSE_NONE) {
				return (t);
			}
		}
		if (d % 2 == 0 && last + d / 2 < hi) {
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
