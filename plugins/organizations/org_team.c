/*
 * org_team.c: sports clubs in reports of team sports.  Wire reports of
 * matches name clubs by their town ("Barnsley 3 3 0 0 8 2 9", "Essex
 * reached 372"), which elsewhere would be places; so these rules run only
 * in a document whose first line names a team sport ("SOCCER - ...").
 *
 *  - a line of a results table or a score line: capitalised words followed
 *    by a score ("Stoke 4 3 1 0 7 4 10", "Celtic 2 Rangers 0") name a team,
 *    unless they name a country (national sides are places here) or a
 *    table heading ("Division two");
 *  - a known club (teams.txt) anywhere in the report, except as a venue
 *    ("at Leeds") or a dateline ("LEEDS 1996-08-30").
 */
#include "org.h"
#include "org_scan.h"

#define ORG_TEAM_WORDS 4 /* words in a team name before a score */

unsigned
org_first_line(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls)
{
	size_t   stop = n < ORG_FIRST_LINE_TOKENS ? n : ORG_FIRST_LINE_TOKENS;
	size_t   i;
	unsigned line = 0;

	for (i = 0; i < stop; i++) {
		if (i > 0 && (toks[i].flags & NERP_TF_LINE_START) != 0) {
			break;
		}
		if ((cls[i] & ORG_W_SPORT) != 0) {
			line |= ORG_LINE_SPORT;
		}
		/* The key first: most words are not "digest". */
		if (keys[i] == lex->digest_key
		    && (org_tok_is(text, &toks[i], "DIGEST")
		        || org_tok_is(text, &toks[i], "Digest"))) {
			line |= ORG_LINE_DIGEST;
		}
	}
	return (line);
}

/* A date or a dateline number rather than a score: "1996-08-30". */
static int
org_is_date_number(const char *text, const nerp_token *t)
{
	size_t i;

	if (t->kind != NERP_TOK_NUMBER || t->end - t->start < 8) {
		return (0);
	}
	for (i = t->start; i < t->end; i++) {
		if (text[i] == '-' || text[i] == '/') {
			return (1);
		}
	}
	return (0);
}

/* Whether tokens [s, e) are exactly a country's name. */
static int
org_is_country(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t s, size_t e)
{
	nerl_country_match m;

	if (lex->countries == NULL) {
		return (0);
	}
	return (org_country_at(lex, text, toks, keys, n, s, &m)
	    && s + m.ntok == e && m.form == NERL_COUNTRY_NAME);
}

/* A capitalised run starting at s on one line, before a score.  Returns
 * its end, or s when there is none. */
static size_t
org_scored_run(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, size_t s)
{
	size_t e = s, k;

	while (e < n && e - s < ORG_TEAM_WORDS
	    && (e == s || org_joins(text, toks, e)) && org_is_cap(&toks[e])
	    && (org_cls(lex, text, toks, keys, n, cls, e)
	           & (ORG_W_STOP | ORG_W_NOTEAM | ORG_W_TITLE))
	        == 0) {
		e++;
	}
	if (e == s || e >= n || !org_joins(text, toks, e)) {
		return (s);
	}
	/* "CHICAGO AT TORONTO", "Essex v Kent": a fixture. */
	if (org_tok_is(text, &toks[e], "AT") || org_tok_is(text, &toks[e], "v")
	    || org_tok_is(text, &toks[e], "vs")) {
		return (
		    org_is_country(lex, text, toks, keys, n, s, e) ? s : e);
	}
	if (toks[e].kind != NERP_TOK_NUMBER
	    || org_is_date_number(text, &toks[e])) {
		return (s);
	}
	/* A score is followed by more of the table, not by prose ("Euro 96
	 * absentee"). */
	if (e + 1 < n && org_joins(text, toks, e + 1)
	    && toks[e + 1].kind == NERP_TOK_WORD
	    && (toks[e + 1].flags & NERP_TF_UPPER_INITIAL) == 0) {
		return (s);
	}
	/* "Trinidad 1" is a country's side; "( Jamaica ) 12.71" never gets
	 * here.  A lone letter ("A 3") is a group's name. */
	if (org_is_country(lex, text, toks, keys, n, s, e)) {
		return (s);
	}
	for (k = s; k < e; k++) {
		if (toks[k].end - toks[k].start < 2) {
			return (s);
		}
	}
	return (e);
}

int
org_team_context(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, size_t s, size_t e)
{
	if (s > 0 && org_joins(text, toks, s)) {
		const nerp_token *p = &toks[s - 1];
		unsigned          before
		    = org_cls(lex, text, toks, keys, n, cls, s - 1);
		/* "at Leeds", "Espanyol of Barcelona", "G. Hamilton",
		 * "New York"; "The Phillies" is the club. */
		if ((before & ORG_W_PLACE) != 0 || org_tok_is(text, p, "of")
		    || ((p->flags & NERP_TF_ABBREV) != 0
		        && p->end - p->start == 2)
		    || (org_is_cap(p) && (before & ORG_W_STOP) == 0)) {
			return (0);
		}
	}
	if (e < n
	    && (org_is_date_number(text, &toks[e])
	        || org_tok_is(text, &toks[e], ":"))) {
		return (0);
	}
	return (1);
}

size_t
org_team_candidates(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, const uint32_t *caps, size_t ncaps, org_mention *cand,
    size_t cap)
{
	nerl_match mt[4];
	size_t     nc = 0, next = 0;
	size_t     c;

	if ((org_first_line(lex, text, toks, keys, n, cls) & ORG_LINE_SPORT)
	    == 0) {
		return (0);
	}
	/* A club's name starts with a capitalised word. */
	for (c = 0; c < ncaps && nc < cap; c++) {
		size_t e, i = caps[c];

		if (i < next || !org_is_cap(&toks[i])) {
			continue;
		}
		if (i == 0 || toks[i - 1].kind == NERP_TOK_NUMBER
		    || !org_joins(text, toks, i)) {
			e = org_scored_run(lex, text, toks, keys, n, cls, i);
			if (e > i) {
				org_mention_init(&cand[nc++], toks, i, e, -1,
				    ORG_SRC_TEAM, -1);
				next = e;
				continue;
			}
		}
		if ((org_cls(lex, text, toks, keys, n, cls, i) & ORG_W_TEAM1)
		        == 0
		    || nerl_phrases_at_keyed(
		           lex->teams, text, toks, keys, n, i, mt, 4)
		        == 0) {
			continue;
		}
		e = i + mt[0].ntok;
		if (!org_team_context(lex, text, toks, keys, n, cls, i, e)) {
			continue;
		}
		org_mention_init(
		    &cand[nc++], toks, i, e, -1, ORG_SRC_TEAM, -1);
		next = e;
	}
	return (nc);
}

size_t
org_digest_candidates(const org_lexicon *lex, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n,
    const uint16_t *cls, org_mention *cand, size_t cap)
{
	size_t nc = 0, i, e;

	if ((org_first_line(lex, text, toks, keys, n, cls) & ORG_LINE_DIGEST)
	    == 0) {
		return (0);
	}
	/* In a digest each newspaper heads its stories on a line of its own
	 * in capitals ("KOMPAS", "LE TEMPS"). */
	for (i = 1; i < n && nc < cap; i++) {
		if ((toks[i].flags & NERP_TF_LINE_START) == 0) {
			continue;
		}
		for (e = i; e < n && e - i < 5
		     && (e == i || (toks[e].flags & NERP_TF_LINE_START) == 0)
		     && toks[e].kind == NERP_TOK_WORD
		     && (toks[e].flags & NERP_TF_ALL_UPPER) != 0
		     && (org_cls(lex, text, toks, keys, n, cls, e)
		            & ORG_W_STOP)
		         == 0;
		     e++) { }
		if (e > i
		    && (e == n || (toks[e].flags & NERP_TF_LINE_START))) {
			org_mention_init(
			    &cand[nc++], toks, i, e, -1, ORG_SRC_PATTERN, -1);
		}
	}
	return (nc);
}
