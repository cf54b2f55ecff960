/*
 * org_scan.c: candidate organisation spans of one document.
 *
 * Four sources, all read from the token stream once:
 *  - the gazetteer (names, aliases, acronyms), with buildings that stand
 *    for an administration ("the Kremlin said") refused where they are a
 *    venue ("talks at the Kremlin");
 *  - head-word patterns: a run of capitalised words around a head such as
 *    Ministry, Commission or Council, with an "of/for/on ..." complement
 *    ("Ministry of Foreign Affairs of Kazakhstan"), or a company suffix
 *    ("Homegate Hospitality Inc");
 *  - companies named by a web address ("Goto.com");
 *  - wire formats (org_team.c): clubs in sports reports, newspapers in
 *    press digests.
 * Names that open an event's ("UEFA Cup") are dropped; overlaps are
 * resolved afterwards by org_select(): longest first.
 */
#include <stdlib.h>
#include <string.h>

#include "org.h"
#include "org_scan.h"
#include "org_words.h"

#define ORG_MAX_LEFT 8   /* name words before a head */
#define ORG_MAX_SPAN 24  /* tokens in one pattern name */
#define ORG_WRAP_LINE 55 /* a line this long was wrapped mid-sentence */

/* The class of token t (key its key): a word, or an "&" (the only
 * punctuation in the lists).  A key the words' filter turns away costs
 * one load and a test. */
static inline uint16_t
org_class_of(const org_words *words, const uint64_t *filter, const char *text,
    const char *end, const nerp_token *t, uint64_t key)
{
	if (t->kind != NERP_TOK_WORD
	    && (t->kind != NERP_TOK_PUNCT || text[t->start] != '&')) {
		return (0);
	}
	if (!org_filter_has(filter, key)) {
		return (0);
	}
	return ((uint16_t) org_words_lookup(
	    words, key, text + t->start, t->end - t->start, end));
}

/* Writes the indices of the tokens among toks[0..n) with an uppercase
 * initial to caps; returns their count.  Each index is written always and
 * kept only for such a token: no branch to mispredict in running text;
 * eight tokens a turn.  Only the flag is read, not the kind: the few
 * numbers that have it ("3M") are passed over where caps is used. */
static inline size_t
org_list_caps(const nerp_token *toks, size_t n, uint32_t *caps)
{
	size_t i, upper = 0;

	for (i = 0; i + 8 <= n; i += 8) {
		size_t k;

		/* Unrolled: the loop's own test and step once per eight. */
#pragma GCC unroll 8
		for (k = 0; k < 8; k++) {
			caps[upper] = (uint32_t) (i + k);
			upper += org_upper_initial(&toks[i + k]);
		}
	}
	for (; i < n; i++) {
		caps[upper] = (uint32_t) i;
		upper += org_upper_initial(&toks[i]);
	}
	return (upper);
}

size_t
org_classify(const org_lexicon *lex, const char *text, const nerp_token *toks,
    const uint64_t *keys, size_t n, uint16_t *cls, uint32_t *caps)
{
	const org_words *words  = lex->words;
	const uint64_t  *filter = org_words_filter(words);
	const char      *end;
	size_t done = n < ORG_FIRST_LINE_TOKENS ? n : ORG_FIRST_LINE_TOKENS;
	size_t i;

	if (n == 0) {
		return (0);
	}
	/* Every token lies before the end of the last one. */
	end = text + toks[n - 1].end;
	/* Eagerly only the first line's words and "&"s: a later token is
	 * classed when a rule asks (org_cls_at), which most capitalised
	 * words never are: the candidate scan passes them by their keys. */
	for (i = 0; i < done; i++) {
		cls[i] = org_class_of(
		    words, filter, text, end, &toks[i], keys[i]);
	}
	return (org_list_caps(toks, n, caps));
}

uint16_t
org_cls_at(const org_lexicon *lex, const char *text, const nerp_token *toks,
    const uint64_t *keys, size_t n, const uint16_t *cls, size_t i)
{
	const nerp_token *t = &toks[i];

	/* Classed by org_classify: the first line. */
	if (i < ORG_FIRST_LINE_TOKENS) {
		return (cls[i]);
	}
	/* A lowercase word counts only within two tokens before or one
	 * after a capitalised word; a capitalised word and an "&" wherever
	 * they stand (org_class_of passes any other token). */
	if (t->kind == NERP_TOK_WORD && !org_upper_word(t)
	    && !((i > 0 && org_upper_word(&toks[i - 1]))
	        || (i + 1 < n && org_upper_word(&toks[i + 1]))
	        || (i + 2 < n && org_upper_word(&toks[i + 2])))) {
		return (0);
	}
	return (org_class_of(lex->words, org_words_filter(lex->words), text,
	    text + toks[n - 1].end, t, keys[i]));
}

/* Nonzero when token i continues the line of token i - 1: no line break
 * between them, or a break inside a wrapped paragraph (the line before is
 * long), never a blank line. */
int
org_joins_at(const char *text, const nerp_token *toks, size_t i)
{
	uint16_t f;
	size_t   e;

	if (i == 0) {
		return (0);
	}
	f = toks[i].flags;
	if ((f & NERP_TF_PARA_START) != 0) {
		return (0);
	}
	if ((f & NERP_TF_LINE_START) == 0) {
		return (1);
	}
	/* Wrapped: the line before has ORG_WRAP_LINE bytes or more up to
	 * the end of its last token, none of them a newline. */
	e = toks[i - 1].end;
	return (e >= ORG_WRAP_LINE
	    && memchr(text + e - ORG_WRAP_LINE, '\n', ORG_WRAP_LINE) == NULL);
}

/* "Louis-based", "Hezbollah-backed": a hyphenated word ending in a
 * lowercase part describes the name that follows. */
static int
org_lower_tail(const char *text, const nerp_token *t)
{
	uint32_t i;

	if ((t->flags & NERP_TF_HYPHENATED) == 0) {
		return (0);
	}
	for (i = t->end; i > t->start; i--) {
		if (text[i - 1] == '-') {
			return (
			    i < t->end && text[i] >= 'a' && text[i] <= 'z');
		}
	}
	return (0);
}

/* A capitalised word that can be part of a name. */
static int
org_nameword(const org_lexicon *lex, const char *text, const nerp_token *toks,
    const uint64_t *keys, size_t n, const uint16_t *cls, size_t i)
{
	return (org_is_cap(&toks[i])
	    && (org_cls(lex, text, toks, keys, n, cls, i)
	           & (ORG_W_TITLE | ORG_W_STOP))
	        == 0);
}

/* The complement after a head: "of|for|on|de [the] Name Words ...".
 * Returns the end token (exclusive) or start when there is none. */
static size_t
org_complement(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, size_t k, org_memo *memo)
{
	nerl_country_match cm;
	size_t             p, last;

	if (k >= n || !org_joins(text, toks, k)
	    || (org_cls(lex, text, toks, keys, n, cls, k) & ORG_W_CONNECT) == 0
	    || org_tok_is(text, &toks[k], "and")
	    || org_tok_is(text, &toks[k], "&")
	    || org_tok_is(text, &toks[k], "the")) {
		return (k);
	}
	p = k + 1;
	if (p < n && org_tok_is(text, &toks[p], "the")
	    && org_joins(text, toks, p)) {
		p++;
	}
	last = k;
	while (p < n && p - k < ORG_MAX_SPAN && org_joins(text, toks, p)) {
		if (org_nameword(lex, text, toks, keys, n, cls, p)) {
			/* A country's name ends the complement ("Ministry of
			 * Foreign Affairs of Kazakhstan"): what follows it is
			 * someone's name. */
			if (lex->countries != NULL
			    && org_country_memo(
			        lex, text, toks, keys, n, p, &cm, memo)
			    && cm.form == NERL_COUNTRY_NAME) {
				return (p + cm.ntok);
			}
			p++;
			last = p;
			continue;
		}
		/* "Council of the European Union and the European
		 * Commission" names two bodies. */
		if (org_tok_is(text, &toks[p], "and") && p + 1 < n
		    && org_tok_is(text, &toks[p + 1], "the")) {
			break;
		}
		if ((org_cls(lex, text, toks, keys, n, cls, p) & ORG_W_CONNECT)
		        != 0
		    && ((toks[p].flags & NERP_TF_ALL_LOWER) != 0
		        || toks[p].kind == NERP_TOK_PUNCT)
		    && p + 1 < n && last > k) {
			p++;
			continue;
		}
		break;
	}
	return (last);
}

/* Whether a gazetteer name starts at token s and covers head h. */
static int
org_known_from(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t s, size_t h)
{
	nerl_match mt[1];

	return (nerl_phrases_at_keyed(
	            lex->gazetteer, text, toks, keys, n, s, mt, 1)
	        == 1
	    && s + mt[0].ntok > h);
}

/* Whether token i alone is a gazetteer name ("KeyCorp and Banc One
 * Corp" lists two companies). */
static int
org_known_word(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t i)
{
	nerl_match mt[4];
	size_t     k, nm;

	nm = nerl_phrases_at_keyed(
	    lex->gazetteer, text, toks, keys, n, i, mt, 4);
	for (k = 0; k < nm; k++) {
		if (mt[k].ntok == 1) {
			return (1);
		}
	}
	return (0);
}

/* The pattern name around head h, of word classes hk, in [*s, *e); 0
 * when none. */
static int
org_pattern_at(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, size_t h, unsigned hk, size_t *s_out, size_t *e_out,
    org_memo *memo)
{
	size_t   s = h, e = h + 1;
	int      strong   = (hk & (ORG_W_NEEDMOD | ORG_W_NEEDCOMP)) == 0;
	int      has_comp = 0;
	unsigned last;
	nerl_country_match cm;

	/* Name words before the head, "and"/"&" between two of them. */
	while (s > 0 && h - s < ORG_MAX_LEFT && org_joins(text, toks, s)) {
		if (org_nameword(lex, text, toks, keys, n, cls, s - 1)
		    && !org_lower_tail(text, &toks[s - 1])) {
			s--;
			continue;
		}
		/* "Procter & Gamble", "Bear Stearns & Co". */
		if (s >= 2 && org_tok_is(text, &toks[s - 1], "&")
		    && org_joins(text, toks, s - 1)
		    && org_nameword(lex, text, toks, keys, n, cls, s - 2)) {
			s -= 2;
			continue;
		}
		/* "Peace and Security Council", "Immigration and
		 * Naturalization Service"; but "Anna Berg and Federation
		 * Council" is a list: no "and" before a known name. */
		if (s >= 2 && org_tok_is(text, &toks[s - 1], "and")
		    && org_joins(text, toks, s - 1)
		    && org_nameword(lex, text, toks, keys, n, cls, s - 2)
		    && (org_cls(lex, text, toks, keys, n, cls, s - 2)
		           & (ORG_W_HEAD | ORG_W_SUFFIX))
		        == 0
		    && !org_known_from(lex, text, toks, keys, n, s, h)
		    && !org_known_word(lex, text, toks, keys, n, s - 2)) {
			s -= 2;
			continue;
		}
		/* A company's name may hold "of": "Gold Fields of South
		 * Africa Ltd", "First of Michigan Corp". */
		if ((hk & ORG_W_SUFFIX) != 0 && s >= 2
		    && org_tok_is(text, &toks[s - 1], "of")
		    && org_joins(text, toks, s - 1)
		    && org_nameword(lex, text, toks, keys, n, cls, s - 2)
		    && (toks[s - 2].flags & NERP_TF_SENT_START) == 0) {
			s -= 2;
			continue;
		}
		break;
	}
	/* More heads or suffixes, and complements, after it. */
	for (;;) {
		size_t   c;
		unsigned ek = 0;
		if (e < n && e - s < ORG_MAX_SPAN && org_joins(text, toks, e)
		    && org_is_cap(&toks[e])) {
			ek = org_cls(lex, text, toks, keys, n, cls, e);
		}
		if ((ek & (ORG_W_HEAD | ORG_W_SUFFIX)) != 0
		    && (ek & ORG_W_TITLE) == 0) {
			if ((ek & (ORG_W_NEEDMOD | ORG_W_NEEDCOMP)) == 0) {
				strong = 1;
			}
			e++;
			continue;
		}
		/* "Kia Motor Corp of South Korea": a company's name ends
		 * with its suffix. */
		last = org_cls(lex, text, toks, keys, n, cls, e - 1);
		if ((last & ORG_W_SUFFIX) != 0 && (last & ORG_W_HEAD) == 0) {
			break;
		}
		c = org_complement(lex, text, toks, keys, n, cls, e, memo);
		if (c > e && c - s < ORG_MAX_SPAN) {
			e        = c;
			has_comp = 1;
			continue;
		}
		break;
	}
	if ((org_cls(lex, text, toks, keys, n, cls, e - 1) & ORG_W_ABBR) != 0
	    && e < n && toks[e].kind == NERP_TOK_PUNCT
	    && toks[e].start == toks[e - 1].end
	    && org_tok_is(text, &toks[e], ".")) {
		e++;
	}
	/* "St Petersburg International Economic Forum": a suffix inside a
	 * longer name does not end a company's. */
	if ((hk & ORG_W_HEAD) == 0 && e < n && org_joins(text, toks, e)
	    && (toks[e].flags & NERP_TF_SENT_START) == 0
	    && toks[e - 1].kind == NERP_TOK_WORD
	    && org_nameword(lex, text, toks, keys, n, cls, e)) {
		return (0);
	}
	/* A bare head is a name only for a few words (Congress), and a
	 * company suffix never is. */
	if (s == h && e == h + 1) {
		if ((hk & ORG_W_ALONE) == 0) {
			return (0);
		}
		/* "Parliament" opening a headline in capitals is a word. */
		if ((toks[h].flags & NERP_TF_ALL_UPPER) != 0) {
			return (0);
		}
	}
	if ((hk & ORG_W_HEAD) == 0 && s == h) {
		return (0);
	}
	/* "West Bank", "Jewish West Bank": a place named like a body. */
	if (lex->countries != NULL) {
		size_t j;
		for (j = s; j <= h; j++) {
			if (org_is_cap(&toks[j])
			    && org_country_memo(
			        lex, text, toks, keys, n, j, &cm, memo)
			    && j + cm.ntok > h) {
				return (0);
			}
		}
	}
	if (!strong && (hk & ORG_W_NEEDCOMP) != 0 && !has_comp) {
		return (0);
	}
	if (!strong && (hk & ORG_W_NEEDMOD) != 0) {
		/* "Soviet Union", "Union of Comoros": states. */
		if (s == h) {
			return (0);
		}
		if (lex->countries != NULL
		    && org_country_memo(lex, text, toks, keys, n, s, &cm, memo)
		    && s + cm.ntok >= h) {
			return (0);
		}
	}
	*s_out = s;
	*e_out = e;
	return (1);
}

/* org_span_country with the scan's memo of country lookups. */
static const char *
org_span_country_memo(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t s, size_t e,
    org_memo *memo)
{
	nerl_country_match m;
	size_t             i;

	if (lex->countries == NULL) {
		return ("");
	}
	/* A country word opening the name ("Kazakh Foreign Ministry"),
	 * or a country's name closing it ("Embassy of Peru"); not one in
	 * the middle ("Economic Community of Central African States"). */
	for (i = s; i < e; i++) {
		if (!org_is_cap(&toks[i])
		    || !org_country_memo(lex, text, toks, keys, n, i, &m, memo)
		    || m.form == NERL_COUNTRY_CAPITAL) {
			continue;
		}
		if (i == s && i + m.ntok <= e) {
			return (m.iso2);
		}
		if (i + m.ntok == e && m.form == NERL_COUNTRY_NAME) {
			return (m.iso2);
		}
	}
	return ("");
}

const char *
org_span_country(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t s, size_t e)
{
	org_memo memo;

	org_memo_init(&memo);
	return (org_span_country_memo(lex, text, toks, keys, n, s, e, &memo));
}

/* The country owning the name at token s by a possessive: "Ukraine's
 * Foreign Ministry", "the United States' Congress"; "" when none. */
static const char *
org_owner_country(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t s,
    org_memo *memo)
{
	nerl_country_match m;
	size_t             j;

	if (lex->countries == NULL || s < 2
	    || ((toks[s - 1].flags & NERP_TF_POSSESSIVE) == 0
	        && !org_tok_is(text, &toks[s - 1], "'"))) {
		return ("");
	}
	for (j = s - 1; j-- > 0 && s - 1 - j <= 4;) {
		if (org_country_memo(lex, text, toks, keys, n, j, &m, memo)
		    && j + m.ntok == s - 1 && m.form == NERL_COUNTRY_NAME) {
			return (m.iso2);
		}
	}
	return ("");
}

/* Whether the capitalised name at token i ends in a possessive
 * ("Kremlin's", "White House's"). */
static int
org_owns_next(const nerp_token *toks, size_t n, size_t i)
{
	size_t k;

	for (k = i + 1; k < n && k < i + 4; k++) {
		if ((toks[k].flags & NERP_TF_POSSESSIVE) != 0) {
			return (1);
		}
		if (toks[k].kind != NERP_TOK_WORD
		    || (toks[k].flags & NERP_TF_UPPER_INITIAL) == 0) {
			return (0);
		}
	}
	return (0);
}

/* Whether the gazetteer entry matched at token i may stand here. */
static int
org_entry_fits(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, size_t i, int entry, org_memo *memo)
{
	const org_entry *e = &lex->entries[entry];
	size_t           p = i;

	if ((e->flags & ORG_E_NOSTART) != 0
	    && (toks[i].flags & NERP_TF_SENT_START) != 0) {
		return (0);
	}
	if ((e->flags & ORG_E_AFTERTHE) != 0
	    && (i == 0 || !org_tok_is(text, &toks[i - 1], "the"))) {
		return (0);
	}
	/* "Emirates" inside "United Arab Emirates". */
	if (lex->countries != NULL) {
		size_t j;
		for (j = i >= 3 ? i - 3 : 0; j < i; j++) {
			nerl_country_match cm;
			if (org_is_cap(&toks[j])
			    && org_country_memo(
			        lex, text, toks, keys, n, j, &cm, memo)
			    && j + cm.ntok > i) {
				return (0);
			}
		}
	}
	if ((e->flags & ORG_E_METONYM) != 0 && !org_owns_next(toks, n, i)) {
		/* "at the Kremlin", "inside the White House": a venue;
		 * "in the Kremlin's view" is the administration's. */
		if (p > 0 && org_tok_is(text, &toks[p - 1], "the")) {
			p--;
		}
		if (p > 0
		    && (org_cls(lex, text, toks, keys, n, cls, p - 1)
		           & ORG_W_PLACE)
		        != 0) {
			return (0);
		}
	}
	return (1);
}

/* A company named by its web address: "Goto.com", "Amazon.com". */
static int
org_domain_at(const char *text, const nerp_token *toks, size_t n, size_t i)
{
	const nerp_token *dot, *tld;

	if (i + 2 >= n) {
		return (0);
	}
	dot = &toks[i + 1];
	tld = &toks[i + 2];
	return (dot->start == toks[i].end && tld->start == dot->end
	    && org_tok_is(text, dot, ".")
	    && (org_tok_is(text, tld, "com") || org_tok_is(text, tld, "net")
	        || org_tok_is(text, tld, "org")));
}

/* Drops names that open an event's name ("UEFA Cup", "Fed Cup"). */
static size_t
org_drop_events(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, org_mention *cand, size_t nc)
{
	size_t i, k = 0;

	for (i = 0; i < nc; i++) {
		size_t e = cand[i].tok + cand[i].ntok;
		/* Most words after a name are no event word: the set of
		 * their keys says so before any lookup. */
		if (e < n && nerl_keyset_has(&lex->event_keys, keys[e])
		    && (org_cls(lex, text, toks, keys, n, cls, e)
		           & ORG_W_EVENT)
		        != 0
		    && org_joins(text, toks, e)) {
			continue;
		}
		cand[k++] = cand[i];
	}
	return (k);
}

/* Whether the two bytes after token i (i + 2 < n) may be the ".c", ".n"
 * or ".o" of a web address ("Amazon.com"); org_domain_at decides. */
static inline int
org_dot_tld(const char *text, const nerp_token *toks, size_t i)
{
	/* Tokens i + 1 and i + 2 exist, so both bytes are text. */
	const char *p = text + toks[i].end;

	return (p[0] == '.' && (p[1] == 'c' || p[1] == 'n' || p[1] == 'o'));
}

/* The first of caps[c..ncaps) that may start a candidate, or ncaps,
 * with its word classes in *wk: a word that may start a gazetteer phrase
 * here (org_starts_may, and ORG_W_FIRST) or heads a pattern, or one
 * followed by what may be a web address's ending (a "." first, told by
 * its key: the keys lie near those read already, the text not).  Most
 * capitalised words are none, and their keys tell so (the starts of
 * phrases, the heads' keys): one tight loop passes them without looking
 * up their classes. */
static inline size_t
org_next_lead(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, const uint32_t *caps, size_t ncaps, size_t c,
    unsigned *wk)
{
	for (; c < ncaps; c++) {
		uint32_t i     = caps[c];
		int      first = org_starts_may(lex, keys, n, i);

		if (first || nerl_keyset_has(&lex->head_keys, keys[i])) {
			*wk = org_cls(lex, text, toks, keys, n, cls, i);
			if ((*wk & (ORG_W_HEAD | ORG_W_SUFFIX)) != 0
			    || (first && (*wk & ORG_W_FIRST) != 0)) {
				break;
			}
		}
		if (i + 2 < n && keys[i + 1] == lex->dot_key
		    && org_dot_tld(text, toks, i)
		    && toks[i].kind == NERP_TOK_WORD) {
			*wk = org_cls(lex, text, toks, keys, n, cls, i);
			break;
		}
	}
	return (c);
}

size_t
org_scan_candidates(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, const uint32_t *caps, size_t ncaps, org_mention *cand,
    size_t cap)
{
	nerl_match mt[8];
	org_memo   memo;
	size_t     nc = 0;
	size_t     c;
	unsigned   line, wk = 0;

	org_memo_init(&memo);
	/* Only capitalised words start a gazetteer name, a web address or a
	 * pattern's head. */
	for (c = org_next_lead(
	         lex, text, toks, keys, n, cls, caps, ncaps, 0, &wk);
	     c < ncaps && nc + 2 <= cap;
	     c = org_next_lead(
	         lex, text, toks, keys, n, cls, caps, ncaps, c + 1, &wk)) {
		size_t s, e, k, nm, i = caps[c];
		if ((wk & ORG_W_FIRST) != 0
		    && org_starts_may(lex, keys, n, i)) {
			nm = nerl_phrases_at_keyed(
			    lex->gazetteer, text, toks, keys, n, i, mt, 8);
			for (k = 0; k < nm; k++) {
				int entry = mt[k].value / 2;
				if (org_entry_fits(lex, text, toks, keys, n,
				        cls, i, entry, &memo)) {
					org_mention_init(&cand[nc++], toks, i,
					    i + mt[k].ntok, entry,
					    ORG_SRC_GAZETTEER, -1);
					break;
				}
			}
		}
		if (i + 2 < n && keys[i + 1] == lex->dot_key
		    && org_domain_at(text, toks, n, i)) {
			org_mention_init(&cand[nc++], toks, i, i + 3, -1,
			    ORG_SRC_PATTERN, -1);
			continue;
		}
		if ((wk & (ORG_W_HEAD | ORG_W_SUFFIX)) != 0
		    && (wk & ORG_W_TITLE) == 0
		    && org_pattern_at(lex, text, toks, keys, n, cls, i, wk, &s,
		        &e, &memo)) {
			org_mention_init(
			    &cand[nc], toks, s, e, -1, ORG_SRC_PATTERN, -1);
			cand[nc].country = org_span_country_memo(
			    lex, text, toks, keys, n, s, e, &memo);
			if (cand[nc].country[0] == '\0') {
				cand[nc].country = org_owner_country(
				    lex, text, toks, keys, n, s, &memo);
			}
			nc++;
		}
	}
	/* The first line tells whether the wire formats' rules apply (each
	 * checks again: a report of a sport or a digest is rare). */
	line = org_first_line(lex, text, toks, keys, n, cls);
	if ((line & ORG_LINE_SPORT) != 0) {
		nc += org_team_candidates(lex, text, toks, keys, n, cls, caps,
		    ncaps, cand + nc, cap - nc);
	}
	if ((line & ORG_LINE_DIGEST) != 0) {
		nc += org_digest_candidates(
		    lex, text, toks, keys, n, cls, cand + nc, cap - nc);
	}
	return (org_drop_events(lex, text, toks, keys, n, cls, cand, nc));
}

static int
org_cand_cmp(const void *a, const void *b)
{
	const org_mention *x = a, *y = b;

	if (x->start != y->start) {
		return (x->start < y->start ? -1 : 1);
	}
	if (x->end != y->end) {
		return (x->end > y->end ? -1 : 1);
	}
	/* Same span: the gazetteer knows more about it. */
	return (x->source - y->source);
}

size_t
org_select(org_mention *m, size_t n)
{
	size_t i, k = 0;

	org_sort(m, n, org_cand_cmp);
	for (i = 0; i < n; i++) {
		if (k == 0 || m[i].start >= m[k - 1].end) {
			m[k++] = m[i];
			continue;
		}
		/* An overlap: the longer name wins when it leaves the one
		 * before it alone. */
		if (m[i].ntok > m[k - 1].ntok
		    && (k < 2 || m[i].start >= m[k - 2].end)) {
			m[k - 1] = m[i];
		}
	}
	return (k);
}
