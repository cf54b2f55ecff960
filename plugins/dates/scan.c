/*
 * scan.c: runs the grammar over the classified tokens of a document.  At
 * each token that can start a rule every such rule is matched (a small
 * backtracking matcher: rules are a dozen elements at most) and the
 * longest match whose builder accepts it wins.
 */
#include <stdio.h>
#include <string.h>

#include "dates_impl.h"

#define NO_TOKEN UINT32_MAX
/* The flags of the tokens scan() classifies to know whether they start
 * a rule when no rule starts with a capitalised word. */
#define PLAIN_FLAGS (NERP_TF_HYPHENATED | NERP_TF_HAS_DIGIT)
#define MAX_CANDIDATES 64

static int
elem_match(const dates_ctx *c, const dates_elem *el, size_t ti)
{
	const dates_tok  *t = dates_info(c, ti);
	const nerp_token *tk;

	if ((t->cls & el->need) == 0) {
		return (0);
	}
	if (el->kind == EK_CLASS) {
		return (1);
	}
	if (el->kind == EK_WORD) {
		/* one entry per word: the same entry is the same word */
		return (t->ent == &c->lex->ent[el->ent]);
	}
	tk = &c->toks[ti];
	return (tk->end - tk->start == el->wlen
	    && memcmp(c->text + tk->start, el->word, el->wlen) == 0);
}

/* Matches the elements of r (n, its r->n) from token start; returns the
 * token after the match, or -1.  at[0 .. n) receives the token of each
 * element (NO_TOKEN for a skipped optional one).  A match does not cross a
 * blank line. Depth first, an optional element tried with its token before
 * without it: on a failure the search goes back to the last optional element
 * that took a token and skips it instead. */
static long
match_from(
    const dates_ctx *c, const dates_rule *r, int n, size_t start, uint32_t *at)
{
	/* the optional elements that hold a token, the last one on top */
	int    took[DATES_ELEM_MAX];
	int    ntook = 0;
	size_t ti    = start;
	int    ei    = 0;

	while (ei < n) {
		const dates_elem *el = &r->elem[ei];

		if (ti < c->ntok && elem_match(c, el, ti)
		    && (ti == start
		        || (c->toks[ti].flags & NERP_TF_PARA_START) == 0)) {
			if (el->flags & EF_OPT) {
				took[ntook++] = ei;
			}
			at[ei++] = (uint32_t) ti++;
			continue;
		}
		if (el->flags & EF_OPT) {
			at[ei++] = NO_TOKEN;
			continue;
		}
		if (ntook == 0) {
			return (-1);
		}
		/* the last optional element that took a token now goes
		 * without it */
		ei       = took[--ntook];
		ti       = at[ei];
		at[ei++] = NO_TOKEN;
	}
	return ((long) ti);
}

static void
store(dates_fields *f, int field, int value)
{
	f->v[field] = value;
	f->set |= 1u << field;
}

/* Reads the fields of the element matched at token ti. */
static void
store_elem(
    const dates_ctx *c, const dates_elem *el, uint32_t ti, dates_fields *f)
{
	const dates_tok *t   = dates_info(c, ti);
	int              cls = el->cls;

	switch (cls) {
	case DC_CLOCK:
	case DC_HHMM:
		store(f, F_HOUR, t->h);
		store(f, F_MIN, t->mi);
		return;
	case DC_ISO:
	case DC_SLASH:
		store(f, F_YEAR, t->a);
		store(f, F_MONTH, t->b);
		store(f, F_DAY, t->c);
		return;
	case DC_YRANGE:
		store(f, F_YEAR, t->a);
		store(f, F_YEAR2, t->b);
		return;
	case DC_DRANGE:
		store(f, F_DAY, t->a);
		store(f, F_DAY2, t->b);
		return;
	case DC_MODYEAR:
		store(f, F_YEAR, t->a);
		store(f, F_MOD, t->b);
		return;
	case DC_MODDECADE:
		store(f, F_DECADE, t->a);
		store(f, F_MOD, t->b);
		return;
	case DC_MODMONTH:
		store(f, F_MONTH, t->a);
		store(f, F_MOD, t->b);
		return;
	case DC_YAGO:
		store(f, F_NUM, 1);
		store(f, F_UNIT, DS_Y);
		return;
	case DC_QTOK:
		store(f, F_ORD, t->a);
		store(f, F_PART, t->b);
		return;
	default:
		break;
	}
	if (el->field >= F_COUNT) {
		return;
	}
	if (t->ent != NULL && (t->ent->cls & DC_BIT(cls))) {
		store(f, el->field, t->ent->val[cls]);
	} else {
		store(f, el->field, t->a);
	}
}

static void
fields_of(const dates_ctx *c, const dates_rule *r, int n, const uint32_t *at,
    size_t start, size_t end, dates_fields *f)
{
	/* (a copy of a zero struct: see start_match() in build.c) */
	static const dates_fields no_fields;
	int                       seg = 0;

	*f = no_fields;
	f->first = f->first2 = NO_TOKEN;
	f->mfirst            = (uint32_t) start;
	f->mlast             = (uint32_t) end - 1;
	for (int i = 0; i < n; i++) {
		const dates_elem *el = &r->elem[i];

		if (el->flags & EF_SPLIT) {
			seg = 1;
		}
		if (at[i] == NO_TOKEN) {
			continue;
		}
		if (el->kind == EK_CLASS) {
			store_elem(c, el, at[i], f);
		}
		/* Punctuation joins a span but never ends or starts one
		 * ("August." at the end of a sentence). */
		if ((el->flags & EF_EXCL) || el->kind == EK_PUNCT) {
			continue;
		}
		if (seg == 0) {
			if (f->first == NO_TOKEN) {
				f->first = at[i];
			}
			f->last = at[i];
		} else {
			if (f->first2 == NO_TOKEN) {
				f->first2 = at[i];
			}
			f->last2 = at[i];
		}
	}
	f->nseg = f->first2 == NO_TOKEN ? 1 : 2;
	if (f->first == NO_TOKEN) {
		f->first = f->first2;
		f->last  = f->last2;
	}
}

/* The rules that can start at a token of classes cls followed by one of
 * classes ncls and then one of ncls2, in grammar order: writes their
 * indexes to out and returns how many. */
static size_t
rules_to_try(const dates_lexicon *lex, uint64_t cls, uint64_t ncls,
    uint64_t ncls2, uint32_t *out)
{
	uint64_t firsts                     = cls & lex->lead_first;
	uint64_t rules[DATES_RULE_MAX / 64] = { 0 };
	size_t   n                          = 0;

	if (firsts != 0 && (firsts & (firsts - 1)) == 0) {
		/* one class: its list is in grammar order */
		int sc = __builtin_ctzll(firsts);

		for (size_t k = lex->start_at[sc]; k < lex->start_at[sc + 1];
		     k++) {
			/* written always, kept when it may match (the
			 * compiler branches on next alone: a branch-free
			 * test of both costs more instructions for no
			 * fewer mispredicts) */
			out[n] = lex->start[k].rule;
			n += (lex->start[k].next & ncls) != 0
			    && (lex->start[k].next2 & ncls2) != 0;
		}
		return (n);
	}
	for (; firsts != 0; firsts &= firsts - 1) {
		int sc = __builtin_ctzll(firsts);

		for (size_t k = lex->start_at[sc]; k < lex->start_at[sc + 1];
		     k++) {
			const dates_start *s = &lex->start[k];

			if ((s->next & ncls) != 0 && (s->next2 & ncls2) != 0) {
				rules[s->rule / 64] |= (uint64_t) 1
				    << (s->rule % 64);
			}
		}
	}
	for (size_t w = 0; w < DATES_RULE_MAX / 64; w++) {
		for (uint64_t bits = rules[w]; bits != 0; bits &= bits - 1) {
			out[n++] = (uint32_t) (w * 64
			    + (size_t) __builtin_ctzll(bits));
		}
	}
	return (n);
}

/* The classes of token i as the second or third token of a match (see
 * dates_lead.next, next2): its own (a punctuation mark's from
 * dates_punct_classes()), and DC_ANY, a bit every token and the end of
 * the scan have. */
static inline uint64_t
next_classes(const dates_ctx *c, size_t i)
{
	uint64_t          ncls = DC_BIT(DC_ANY);
	const nerp_token *tk;

	if (i >= c->ntok) {
		return (ncls);
	}
	tk = &c->toks[i];
	/* a plain word of no rule: only maybe capitalised (dates_fill()
	 * would say so), and left unclassified */
	if (tk->kind == NERP_TOK_WORD && (tk->flags & PLAIN_FLAGS) == 0
	    && (dates_key_kinds(c->lex->keymap, c->keys[i]) & DK_WORD) == 0) {
		return (ncls
		    | ((tk->flags & NERP_TF_UPPER_INITIAL) ? DC_BIT(DC_CAP)
		                                           : 0));
	}
	/* a punctuation mark's classes are those dates_fill() would
	 * give it, found without classifying it */
	if (tk->kind == NERP_TOK_PUNCT) {
		return (ncls
		    | dates_punct_classes(
		        c->text + tk->start, tk->end - tk->start));
	}
	return (ncls | dates_info(c, i)->cls);
}

/* What classify_number() may make of a number token, told from its
 * shape: no class (five digits or more; digits then a comma, "120,000";
 * digits then a period and no other, "2.5"), at most DC_DAY, DC_HOUR and
 * DC_NUM (three digits or fewer), or anything. */
enum number_shape { NS_NONE, NS_SHORT, NS_OTHER };

/* The count of digits s starts with, of its first 8 bytes (8 must be
 * readable), at once: a byte b is a digit when b ^ '0' is below 10,
 * that is, when neither b ^ '0' nor (b ^ '0') + 0x76 reaches 0x80 (no
 * sum carries into the next byte). */
static inline size_t
leading_digits8(const char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u;
	uint64_t       x, other;

	memcpy(&x, s, 8);
	x ^= 0x30 * ones;
	other = (((x & (0x7f * ones)) + 0x76 * ones) | x) & (0x80 * ones);
	return (other == 0 ? 8 : (size_t) __builtin_ctzll(other) / 8);
#else
	size_t k = 0;

	while (k < 8 && s[k] >= '0' && s[k] <= '9') {
		k++;
	}
	return (k);
#endif
}

static inline enum number_shape
number_shape(const char *text, size_t text_len, const nerp_token *tk)
{
	const char *s    = text + tk->start;
	size_t      len  = tk->end - tk->start;
	int         wide = text_len - tk->start >= 8;
	size_t      k    = wide ? leading_digits8(s) : 0;

	if (k == 8 || !wide) {
		/* past 8 digits, or near the end of the text: byte by byte */
		while (k < len && s[k] >= '0' && s[k] <= '9') {
			k++;
		}
	}
	k = k < len ? k : len;
	if (k == len) {
		return (len > 4 ? NS_NONE : len == 4 ? NS_OTHER : NS_SHORT);
	}
	if (s[k] == ',') {
		return (NS_NONE);
	}
	if (s[k] != '.') {
		return (NS_OTHER);
	}
	while (++k < len) {
		if (s[k] == '.') {
			return (NS_OTHER);
		}
	}
	return (NS_NONE);
}

/* Zero when no rule can match from a token of classes cls followed by
 * one of classes ncls: what match_at() would find out rule by rule. */
static int
may_start(const dates_lexicon *lex, uint64_t cls, uint64_t ncls)
{
	uint64_t need
	    = dates_classes_union(lex->next_of, cls & lex->lead_first);

	return ((need & ncls) != 0);
}

/* The best match at token i, followed by a token of classes ncls
 * (next_classes()): writes up to 2 matches to m and returns
 * their count, with *next the token after the match. */
static int
match_at(
    const dates_ctx *c, size_t i, uint64_t ncls, dates_match *m, size_t *next)
{
	const dates_lexicon *lex = c->lex;
	uint64_t             cls = dates_info(c, i)->cls;
	struct {
		long   end;
		size_t rule;
		size_t at; /* its elements' tokens: at[cand[k].at] */
		int    n;  /* its rule's element count */
	} cand[MAX_CANDIDATES];
	/* at[k]: the tokens of the elements of the k-th match found */
	uint32_t at[MAX_CANDIDATES][DATES_ELEM_MAX];
	uint32_t rules[DATES_RULE_MAX];
	uint64_t tight
	    = dates_classes_union(lex->next_tight, cls & lex->lead_first);
	size_t n = 0, nr;

	/* the rules whose second and third tokens may be the next two (the
	 * third looked at only when a rule cares) */
	nr = rules_to_try(lex, cls, ncls,
	    (tight & ncls) != 0 ? next_classes(c, i + 2) : ~(uint64_t) 0,
	    rules);
	for (size_t j = 0; j < nr && n < MAX_CANDIDATES; j++) {
		size_t r   = rules[j];
		int    nel = lex->rule[r].n;
		long   end;
		size_t k;

		if (lex->rule[r].behind_len != 0
		    && !dates_prev_word_is(c, i, lex->rule[r].behind,
		        lex->rule[r].behind_len)) {
			continue;
		}
		end = match_from(c, &lex->rule[r], nel, i, at[n]);
		if (end <= (long) i) {
			continue;
		}
		/* Insertion by length, stable for equal ones; the elements'
		 * tokens stay in at[n]. */
		k = n;
		while (k > 0 && cand[k - 1].end < end) {
			cand[k] = cand[k - 1];
			k--;
		}
		cand[k].end  = end;
		cand[k].rule = r;
		cand[k].n    = nel;
		cand[k].at   = n++;
	}
	for (size_t k = 0; k < n; k++) {
		/* cand[0..n) were all written by the insertion above. */
		/* cppcheck-suppress uninitvar */
		const dates_rule *r = &lex->rule[cand[k].rule];
		dates_fields      f;
		long              end = cand[k].end;
		int               got;

		fields_of(
		    c, r, cand[k].n, at[cand[k].at], i, (size_t) end, &f);
		if (f.first == NO_TOKEN) {
			continue;
		}
		got = r->build(c, &f, m);
		if (got > 0) {
			for (int g = 0; g < got; g++) {
				m[g].rule = r->name;
			}
			*next = (size_t) end;
			return (got);
		}
	}
	return (0);
}

/* Nonzero when day match d and time match t are next to each other, with
 * at most one joining word between them ("on", "at", a comma). */
static int
adjacent(
    const dates_ctx *c, const dates_match *first, const dates_match *second)
{
	const nerp_token *tk;
	const char       *s;
	size_t            wl;

	if (second->tok_first <= first->tok_last
	    || second->tok_first - first->tok_last > 2) {
		return (0);
	}
	if (second->tok_first - first->tok_last == 1) {
		return (1);
	}
	tk = &c->toks[first->tok_last + 1];
	s  = c->text + tk->start;
	wl = tk->end - tk->start;
	return (
	    (wl == 2 && (memcmp(s, "on", 2) == 0 || memcmp(s, "at", 2) == 0))
	    || (wl == 1 && s[0] == ','));
}

static int
is_day(const dates_match *m)
{
	return (strlen(m->value) == 10 && m->value[4] == '-');
}

/* A clock time takes the date of the day named next to it: "15:30 on
 * Wednesday", "Thursday at 10 a.m.". */
static void
attach_dates(const dates_ctx *c, dates_match *out, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		dates_match *t = &out[k];

		if (!t->needs_date) {
			continue;
		}
		if (k + 1 < n && is_day(&out[k + 1])
		    && adjacent(c, t, &out[k + 1])) {
			memcpy(t->value, out[k + 1].value, 10);
		} else if (k > 0 && is_day(&out[k - 1])
		    && adjacent(c, &out[k - 1], t)) {
			memcpy(t->value, out[k - 1].value, 10);
		}
	}
}

/* "a year ago" after a quarter was named means that quarter a year
 * before ("earnings rose in the third quarter from a year ago"). */
static void
attach_year_back(dates_match *out, size_t n)
{
	const char *quarter = NULL;

	for (size_t k = 0; k < n; k++) {
		const char *v = out[k].value;

		/* (a value's 48 bytes are all written: start_match() zeroes
		 * them) */
		if (v[4] == '-' && v[5] == 'Q' && strlen(v) == 7) {
			quarter = v;
		} else if (out[k].year_back && quarter != NULL) {
			int y = (quarter[0] - '0') * 1000
			    + (quarter[1] - '0') * 100
			    + (quarter[2] - '0') * 10 + (quarter[3] - '0');

			snprintf(out[k].value, sizeof(out[k].value),
			    "%04d-Q%c", y - 1, quarter[6]);
		}
	}
}

size_t
dates_tok_size(void)
{
	return (sizeof(dates_tok) + 1);
}

/* Nonzero when token i may start a rule: a word or number with one of
 * the flags (a number always has NERP_TF_HAS_DIGIT: it starts with a
 * digit), or a token whose key may be one of a rule-starting word (a
 * punctuation mark among them only costs its classifying: it starts
 * none). */
static inline int
may_lead(const dates_lexicon *lex, const nerp_token *toks,
    const uint64_t *keys, size_t i, uint16_t flags)
{
	return (dates_start_may(lex->starts, keys[i])
	    || (toks[i].flags & flags) != 0);
}

/* The first token from i on that may_lead() (ntok when none).  Most
 * tokens of a text stop at this loop, before any classifying; four a
 * step cut its bookkeeping.  Inlined, so that constant flags make one
 * test of a token's flags. */
static inline size_t
next_start(const dates_lexicon *lex, const nerp_token *toks,
    const uint64_t *keys, size_t i, size_t ntok, uint16_t flags)
{
	for (; i + 3 < ntok; i += 4) {
		if (may_lead(lex, toks, keys, i, flags)) {
			return (i);
		}
		if (may_lead(lex, toks, keys, i + 1, flags)) {
			return (i + 1);
		}
		if (may_lead(lex, toks, keys, i + 2, flags)) {
			return (i + 2);
		}
		if (may_lead(lex, toks, keys, i + 3, flags)) {
			return (i + 3);
		}
	}
	for (; i < ntok; i++) {
		if (may_lead(lex, toks, keys, i, flags)) {
			return (i);
		}
	}
	return (ntok);
}

/* Nonzero when token i may be a word of the lexicon ("a" starts a match
 * only before a unit, "last" only before a unit or a month ...). */
static int
next_is_word(const dates_lexicon *lex, const nerp_token *toks,
    const uint64_t *keys, size_t i, size_t ntok)
{
	return (i < ntok && toks[i].kind == NERP_TOK_WORD
	    && (dates_key_kinds(lex->keymap, keys[i]) & DK_WORD) != 0);
}

void
dates_work_clear(void *work, size_t ntok)
{
	memset((dates_tok *) work + ntok, 0, ntok);
}

/* Nonzero when the value of m starts with a valid YYYY-MM-DD; sets *d. */
static int
full_date(const dates_match *m, dates_ymd *d)
{
	char day[11];

	if (strlen(m->value) < 10 || m->value[4] != '-'
	    || m->value[7] != '-') {
		return (0);
	}
	memcpy(day, m->value, 10);
	day[10] = '\0';
	return (dates_parse_ymd(day, d) == 0);
}

/* Nonzero when m is a full date with its year written out whose value
 * attach_dates() and attach_year_back() leave as it is. */
static int
dated(const dates_match *m)
{
	dates_ymd d;

	return (m->explicit_year && !m->needs_date && !m->year_back
	    && full_date(m, &d));
}

/* Scans tokens [0, end) of a document of ntok tokens, as if it ended
 * there; work is laid out for all ntok.  With stop_dated it stops after
 * the first dated() match: the matches before it and it are then what a
 * whole scan would give (attaching reads only the neighbours of a match
 * that needs a date and the quarters before one). */
static size_t
scan(const dates_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t ntok, size_t end,
    dates_ymd dct, void *work, dates_match *out, size_t cap, int stop_dated)
{
	dates_ctx   c;
	dates_match m[2];
	size_t      n = 0, i = 0;
	/* whether a match needs attach_dates(), attach_year_back() */
	int needs_date = 0, year_back = 0;
	/* Words with these flags are classified to know whether they can
	 * start a rule (capitalised ones only when a rule starts with
	 * CAP). */
	uint16_t classify_flags = PLAIN_FLAGS
	    | ((lex->lead_first & DC_BIT(DC_CAP)) ? NERP_TF_UPPER_INITIAL : 0);
	/* may_start() of a number of three digits or fewer is a test of
	 * the next token's classes against these */
	uint64_t short_next = lex->next_of[DC_DAY] | lex->next_of[DC_HOUR]
	    | lex->next_of[DC_NUM];

	c.lex      = lex;
	c.text     = text;
	c.len      = len;
	c.toks     = toks;
	c.keys     = keys;
	c.info     = work;
	c.done     = (uint8_t *) (c.info + ntok);
	c.ntok     = end;
	c.dct      = dct;
	c.dct_days = dates_days(dct);
	c.dct_wday = dates_weekday_of_days(c.dct_days);
	while (n < cap) {
		const dates_tok *t;
		size_t           next;
		uint64_t         ncls;
		int              got;

		i = classify_flags == PLAIN_FLAGS
		    ? next_start(lex, toks, keys, i, end, PLAIN_FLAGS)
		    : next_start(lex, toks, keys, i, end, classify_flags);
		if (i == end) {
			break;
		}
		/* Most numbers of a text are counts ("15 people", "120,000",
		 * "2.5"): one starts no rule when its shape says it has no
		 * classes, or when none of the classes it may have goes on
		 * with the next token; it is then not classified. */
		if (toks[i].kind == NERP_TOK_NUMBER) {
			enum number_shape ns
			    = number_shape(text, len, &toks[i]);

			if (ns == NS_NONE
			    || (ns == NS_SHORT
			        && (short_next & next_classes(&c, i + 1))
			            == 0)) {
				i++;
				continue;
			}
		}
		/* A plain word ("a", "last") whose rules all need a word of
		 * the lexicon next is turned away by the keys, before it is
		 * classified. */
		if (toks[i].kind == NERP_TOK_WORD
		    && (toks[i].flags & classify_flags) == 0
		    && (dates_key_kinds(lex->keymap, keys[i]) & DK_FREE) == 0
		    && !next_is_word(lex, toks, keys, i + 1, end)) {
			i++;
			continue;
		}
		/* A word with digits or hyphens ("G7", "COVID-19",
		 * "well-known") that is no word of the lexicon, quarter or
		 * "mid-2023" would only be classified to find it starts
		 * nothing (no rule starts with a capitalised word). */
		if (toks[i].kind == NERP_TOK_WORD
		    && (toks[i].flags & PLAIN_FLAGS) != 0
		    && classify_flags == PLAIN_FLAGS
		    && !dates_word_may_classify(
		        lex, text, &toks[i], keys[i])) {
			i++;
			continue;
		}
		t = dates_info(&c, i);
		if ((t->cls & lex->lead_first) == 0) {
			i++;
			continue;
		}
		ncls = next_classes(&c, i + 1);
		if (!may_start(lex, t->cls, ncls)) {
			i++;
			continue;
		}
		got = match_at(&c, i, ncls, m, &next);
		if (got == 0) {
			i++;
			continue;
		}
		for (int k = 0; k < got && n < cap; k++) {
			out[n++] = m[k];
			needs_date |= m[k].needs_date;
			year_back |= m[k].year_back;
			if (stop_dated && dated(&m[k])) {
				stop_dated = 2;
			}
		}
		if (stop_dated == 2) {
			break;
		}
		i = next;
	}
	if (needs_date) {
		attach_dates(&c, out, n);
	}
	if (year_back) {
		attach_year_back(out, n);
	}
	return (n);
}

size_t
dates_scan(const dates_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t ntok, dates_ymd dct,
    void *work, dates_match *out, size_t cap)
{
	return (scan(
	    lex, text, len, toks, keys, ntok, ntok, dct, work, out, cap, 0));
}

int
dates_find_dct(const dates_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t ntok, dates_ymd today,
    void *work, dates_ymd *out)
{
	dates_match m[16];
	size_t      head     = 0, n;
	int         fallback = -1;

	/* head: the first token from byte 400 on (tokens are in text
	 * order) */
	for (size_t hi = ntok; head < hi;) {
		size_t mid = head + (hi - head) / 2;

		if (toks[mid].start < 400) {
			head = mid + 1;
		} else {
			hi = mid;
		}
	}
	/* The first full date with a written year decides: the scan stops
	 * at one whose value is final. */
	n = scan(
	    lex, text, len, toks, keys, ntok, head, today, work, m, 16, 1);
	for (size_t k = 0; k < n; k++) {
		dates_ymd d;

		if (!full_date(&m[k], &d)) {
			continue;
		}
		if (m[k].explicit_year) {
			*out = d;
			return (1);
		}
		/* A dateline ("MOSCOW, April 26.") near the start. */
		if (fallback < 0 && m[k].tok_first < 12) {
			fallback = (int) k;
			*out     = d;
		}
	}
	return (fallback >= 0);
}
