/*
 * classify.c: gives every token its grammar classes, from the lexicon for
 * words and from their shape for numbers ("2024", "10:00", "2023-24").
 */
#include <string.h>

#include "dates_impl.h"

/* Month, day and holiday names are written with a capital; "may" and
 * "march" are words. */
#define CAPITAL_CLASSES                                                       \
	(DC_BIT(DC_MONTH) | DC_BIT(DC_MONTHX) | DC_BIT(DC_WEEKDAY)            \
	    | DC_BIT(DC_HOLIDAY) | DC_BIT(DC_HOLIDAYD))

static int
is_digit(char ch)
{
	return (ch >= '0' && ch <= '9');
}

static char
lower(char ch)
{
	return (ch >= 'A' && ch <= 'Z' ? (char) (ch - 'A' + 'a') : ch);
}

/* Reads up to max digits at s[*p]; returns how many were read. */
static int
digits(const char *s, size_t len, size_t *p, int max, int *value)
{
	size_t start = *p, i = start;
	size_t stop = len - start < (size_t) max ? len : start + (size_t) max;
	int    v    = 0;

	while (i < stop && is_digit(s[i])) {
		v = v * 10 + (s[i] - '0');
		i++;
	}
	*value = v;
	*p     = i;
	return ((int) (i - start));
}

/* classify_number() of a number with more than digits ("3pm", "21st",
 * "10:30", "2024-04-26", "1990s", ...): the digits s[0..p), na of them,
 * read as a.  Out of line, so that classify_number() of plain digits
 * (most numbers) saves no registers. */
static void classify_number_form(const char *s, size_t len, size_t p, int na,
    int a, dates_tok *t) __attribute__((noinline));

static void
classify_number_form(
    const char *s, size_t len, size_t p, int na, int a, dates_tok *t)
{
	int b, c, nb, nc;

	if (len - p == 2 && na <= 2 && a >= 1 && a <= 12
	    && (lower(s[p]) == 'a' || lower(s[p]) == 'p')
	    && lower(s[p + 1]) == 'm') {
		/* "3pm", "11am" */
		t->cls |= DC_BIT(DC_CLOCK);
		t->h  = (int16_t) (a % 12 + (lower(s[p]) == 'p' ? 12 : 0));
		t->mi = 0;
		return;
	}
	if (len - p == 2 && na <= 2 && a >= 1 && a <= 31) {
		char x = lower(s[p]), y = lower(s[p + 1]);

		if ((x == 's' && y == 't') || (x == 'n' && y == 'd')
		    || (x == 'r' && y == 'd') || (x == 't' && y == 'h')) {
			t->cls |= DC_BIT(DC_DAY);
			if (a <= 4) {
				t->cls |= DC_BIT(DC_ORD);
			}
			t->a = a;
			return;
		}
	}
	if (len - p == 1 && lower(s[p]) == 's' && (na == 4 || na == 2)
	    && a % 10 == 0) {
		t->cls |= DC_BIT(DC_DECADE);
		t->a = na == 4 ? a / 10 : 190 + a / 10;
		return;
	}
	if (s[p] == ':' && na <= 2) {
		p++;
		nb = digits(s, len, &p, 3, &b);
		if (nb != 2 || a > 24 || b > 59) {
			return;
		}
		if (p + 2 == len && a >= 1 && a <= 12
		    && (lower(s[p]) == 'a' || lower(s[p]) == 'p')
		    && lower(s[p + 1]) == 'm') {
			/* "10:30am" */
			a = a % 12 + (lower(s[p]) == 'p' ? 12 : 0);
			p = len;
		}
		if (p == len) {
			t->cls |= DC_BIT(DC_CLOCK);
			t->h  = (int16_t) a;
			t->mi = (int16_t) b;
		}
		return;
	}
	if (s[p] == '-' && na == 4) {
		p++;
		nb = digits(s, len, &p, 4, &b);
		if (p == len && (nb == 2 || nb == 4)) {
			int y2 = nb == 2 ? a / 100 * 100 + b : b;

			if (y2 > a && y2 - a <= 10 && a >= 1000 && a <= 2199) {
				t->cls |= DC_BIT(DC_YRANGE);
				t->a = a;
				t->b = y2;
			}
			return;
		}
		if (p < len && s[p] == '-' && nb == 2) {
			p++;
			nc = digits(s, len, &p, 2, &c);
			if (nc != 2 || !dates_valid(a, b, c)) {
				return;
			}
			if (p < len && (s[p] == 'T' || s[p] == 't')) {
				int h, mi;

				p++;
				if (digits(s, len, &p, 2, &h) != 2 || p >= len
				    || s[p] != ':') {
					return;
				}
				p++;
				if (digits(s, len, &p, 2, &mi) != 2 || h > 24
				    || mi > 59) {
					return;
				}
				t->h  = (int16_t) h;
				t->mi = (int16_t) mi;
				if (p < len && s[p] == ':') {
					int sec;

					p++;
					digits(s, len, &p, 2, &sec);
				}
			}
			if (p == len) {
				t->cls |= DC_BIT(DC_ISO);
				t->a = a;
				t->b = b;
				t->c = c;
			}
		}
		return;
	}
	if ((s[p] == '/' || s[p] == '.') && na == 4) {
		/* "2024/06/24", "2024.06.24": year first is never ambiguous.
		 */
		char sep = s[p];

		p++;
		nb = digits(s, len, &p, 3, &b);
		if (nb < 1 || nb > 2 || p >= len || s[p] != sep) {
			return;
		}
		p++;
		nc = digits(s, len, &p, 3, &c);
		if (p == len && nc >= 1 && nc <= 2 && dates_valid(a, b, c)) {
			t->cls |= DC_BIT(DC_SLASH);
			t->a = a;
			t->b = b;
			t->c = c;
		}
		return;
	}
	if (s[p] == '.' && na <= 2) {
		/* "24.06.2024": dotted dates are day first. */
		p++;
		nb = digits(s, len, &p, 3, &b);
		if (nb < 1 || nb > 2 || p >= len || s[p] != '.') {
			return;
		}
		p++;
		nc = digits(s, len, &p, 5, &c);
		if (p == len && nc == 4 && dates_valid(c, b, a)) {
			t->cls |= DC_BIT(DC_SLASH);
			t->a = c;
			t->b = b;
			t->c = a;
		}
		return;
	}
	if (s[p] == '-' && na <= 2) {
		p++;
		nb = digits(s, len, &p, 3, &b);
		if (p == len && nb <= 2 && a >= 1 && b > a && b <= 31) {
			t->cls |= DC_BIT(DC_DRANGE);
			t->a = a;
			t->b = b;
		}
		return;
	}
	if (s[p] == '/' && na <= 2) {
		p++;
		nb = digits(s, len, &p, 3, &b);
		if (p < len && s[p] == '/' && nb <= 2) {
			p++;
			nc = digits(s, len, &p, 5, &c);
			/* Day first or month first, only when one of them
			 * cannot be a month. */
			if (p == len && nc == 4) {
				int d = a > 12 ? a : b, m = a > 12 ? b : a;

				if ((a > 12) != (b > 12)
				    && dates_valid(c, m, d)) {
					t->cls |= DC_BIT(DC_SLASH);
					t->a = c;
					t->b = m;
					t->c = d;
				}
			}
		}
	}
}

static void
classify_number(const char *s, size_t len, dates_tok *t)
{
	size_t p = 0;
	int    a, na;

	na = digits(s, len, &p, 9, &a);
	if (p == len) {
		if (na == 4 && a >= 1000 && a <= 2199) {
			t->cls |= DC_BIT(DC_YEAR);
		}
		if (na == 4 && a / 100 <= 23 && a % 100 <= 59) {
			t->cls |= DC_BIT(DC_HHMM);
			t->h  = (int16_t) (a / 100);
			t->mi = (int16_t) (a % 100);
		}
		if (na <= 2 && a >= 1 && a <= 31) {
			t->cls |= DC_BIT(DC_DAY);
		}
		if (na <= 2 && a >= 1 && a <= 12) {
			t->cls |= DC_BIT(DC_HOUR);
		}
		if (na <= 3 && a >= 1) {
			t->cls |= DC_BIT(DC_NUM);
		}
		t->a = a;
		return;
	}
	classify_number_form(s, len, p, na, a, t);
}

/* The length of the part of word[0..len) before its first hyphen when
 * that part may be a MOD word (by its length and initial), else 0.
 * Most hyphenated words start with no MOD word: this says so without
 * hashing the prefix. */
static size_t
mod_prefix(const dates_lexicon *lex, const char *word, size_t len)
{
	const char *dash = memchr(word, '-', len);
	size_t      plen;
	char        initial;

	if (dash == NULL) {
		return (0);
	}
	plen    = (size_t) (dash - word);
	initial = lower(word[0]);
	if (plen == 0 || ((lex->mod_lens >> plen) & 1u) == 0
	    || (initial >= 'a' && initial <= 'z'
	        && ((lex->mod_initials >> (initial - 'a')) & 1u) == 0)) {
		return (0);
	}
	return (plen);
}

/* Nonzero when s[0..len) is a quarter or half ("Q3", "h1"). */
static int
is_qtok(const char *s, size_t len)
{
	return (len == 2 && is_digit(s[1])
	    && (((s[0] == 'Q' || s[0] == 'q') && s[1] >= '1' && s[1] <= '4')
	        || ((s[0] == 'H' || s[0] == 'h') && s[1] >= '1'
	            && s[1] <= '2')));
}

/* "mid-2023", "mid-1990s", "late-November": a MOD prefix and a year,
 * decade or month. */
static void
classify_hyphenated(
    const dates_lexicon *lex, const char *word, size_t len, dates_tok *t)
{
	char               low[DATES_WORD_MAX + 1];
	const dates_entry *pre, *suf;
	size_t             plen = mod_prefix(lex, word, len), slen;
	const char        *s;

	if (plen == 0) {
		return;
	}
	for (size_t k = 0; k < len; k++) {
		low[k] = lower(word[k]);
	}
	s    = low + plen + 1;
	slen = len - plen - 1;
	pre  = dates_lookup(lex, low, plen);
	if (pre == NULL || (pre->cls & DC_BIT(DC_MOD)) == 0 || slen == 0) {
		return;
	}
	t->b = pre->val[DC_MOD];
	if (is_digit(s[0])) {
		dates_tok n;

		memset(&n, 0, sizeof(n));
		classify_number(s, slen, &n);
		if (n.cls & DC_BIT(DC_YEAR)) {
			t->cls |= DC_BIT(DC_MODYEAR);
			t->a = n.a;
		} else if (n.cls & DC_BIT(DC_DECADE)) {
			t->cls |= DC_BIT(DC_MODDECADE);
			t->a = n.a;
		}
		return;
	}
	suf = dates_lookup(lex, s, slen);
	if (suf != NULL && (suf->cls & DC_BIT(DC_MONTH))) {
		t->cls |= DC_BIT(DC_MODMONTH);
		t->a = suf->val[DC_MONTH];
	}
}

/* Sets *t to classes cls and entry ent, with no numbers and no clock
 * time. */
static inline void
set_tok(dates_tok *t, uint64_t cls, const dates_entry *ent)
{
	t->cls = cls;
	t->ent = ent;
	t->a = t->b = t->c = 0;
	t->h = t->mi = -1;
}

void
dates_classify(const dates_lexicon *lex, const char *text,
    const nerp_token *tk, uint64_t key, dates_tok *t)
{
	const char *s   = text + tk->start;
	size_t      len = tk->end - tk->start;

	set_tok(t, 0, NULL);
	if (tk->kind == NERP_TOK_NUMBER) {
		classify_number(s, len, t);
		return;
	}
	if (tk->kind == NERP_TOK_PUNCT) {
		t->cls = dates_punct_classes(s, len);
		return;
	}
	if (tk->kind != NERP_TOK_WORD) {
		return;
	}
	if (tk->flags & NERP_TF_UPPER_INITIAL) {
		t->cls |= DC_BIT(DC_CAP);
	}
	if (is_qtok(s, len)) {
		t->cls |= DC_BIT(DC_QTOK);
		t->a = s[1] - '0';
		t->b = lower(s[0]) == 'q' ? DS_Q : DS_H;
		return;
	}
	if (len > DATES_WORD_MAX) {
		return;
	}
	/* A word that keeps its sentence-final period ("p.m.") is looked up
	 * with it. */
	t->ent = dates_lookup_key(lex, key, s, len);
	if (t->ent != NULL) {
		t->cls |= t->ent->cls;
		if ((tk->flags & NERP_TF_UPPER_INITIAL) == 0) {
			t->cls &= ~CAPITAL_CLASSES;
		}
	} else if (tk->flags & NERP_TF_HYPHENATED) {
		classify_hyphenated(lex, s, len, t);
	}
}

int
dates_word_may_classify(const dates_lexicon *lex, const char *text,
    const nerp_token *tk, uint64_t key)
{
	const char *s   = text + tk->start;
	size_t      len = tk->end - tk->start;

	if (is_qtok(s, len)) {
		return (1);
	}
	if (len > DATES_WORD_MAX) {
		return (0);
	}
	return ((dates_key_kinds(lex->keymap, key) & DK_WORD) != 0
	    || ((tk->flags & NERP_TF_HYPHENATED)
	        && mod_prefix(lex, s, len) != 0));
}

/* dates_fill() of a plain word (no digit, no hyphen): what
 * dates_classify() finds, without its tests of numbers, quarters and
 * hyphens.  Not inlined, so that dates_fill() saves no registers. */
static void fill_word(const dates_lexicon *lex, const char *s, size_t len,
    int wide, uint16_t flags, uint64_t key, dates_tok *t)
    __attribute__((noinline));

static void
fill_word(const dates_lexicon *lex, const char *s, size_t len, int wide,
    uint16_t flags, uint64_t key, dates_tok *t)
{
	const dates_entry *e   = NULL;
	uint64_t           cls = 0;

	if ((dates_key_kinds(lex->keymap, key) & DK_WORD) != 0
	    && len <= DATES_WORD_MAX) {
		e = dates_find_entry(lex, key, s, len, wide);
	}
	if (e != NULL) {
		cls = e->cls;
		if ((flags & NERP_TF_UPPER_INITIAL) == 0) {
			cls &= ~CAPITAL_CLASSES;
		}
	}
	if (flags & NERP_TF_UPPER_INITIAL) {
		cls |= DC_BIT(DC_CAP);
	}
	set_tok(t, cls, e);
}

const dates_tok *
dates_fill(const dates_ctx *c, size_t i)
{
	dates_tok        *t  = &c->info[i];
	const nerp_token *tk = &c->toks[i];

	c->done[i] = 1;
	if (tk->kind == NERP_TOK_WORD
	    && (tk->flags & (NERP_TF_HYPHENATED | NERP_TF_HAS_DIGIT)) == 0) {
		fill_word(c->lex, c->text + tk->start, tk->end - tk->start,
		    c->len - tk->start >= 8, tk->flags, c->keys[i], t);
	} else if (tk->kind == NERP_TOK_NUMBER) {
		/* what dates_classify() does for a number */
		set_tok(t, 0, NULL);
		classify_number(c->text + tk->start, tk->end - tk->start, t);
	} else if (tk->kind == NERP_TOK_PUNCT) {
		set_tok(t,
		    dates_punct_classes(
		        c->text + tk->start, tk->end - tk->start),
		    NULL);
	} else {
		dates_classify(c->lex, c->text, tk, c->keys[i], t);
	}
	return (t);
}
