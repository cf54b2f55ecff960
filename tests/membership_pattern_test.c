/*
 * tests/membership_pattern_test.c: token patterns (pattern.c), token
 * hashes, function-word flags, clauses and scopes (words.c), status names.
 */
#include "membership_test.h"

typedef struct ptext {
	nerp_token toks[64];
	uint64_t   keys[64];
	mb_text    t;
} ptext;

static void
ptext_init(ptext *p, const char *text)
{
	size_t n = neri_tokenize(text, strlen(text), p->toks, 64);

	mt_used = 0;
	neri_keys(text, p->toks, n, p->keys);
	mb_text_init(&p->t, text, strlen(text), p->toks, p->keys, n);
	cr_expect_eq(p->t.keys, p->keys);
	cr_expect_eq(p->t.n, n);
	cr_expect_null(p->t.starts);
}

static mb_patterns *
patterns(int cs, const char *const *pats, size_t n)
{
	mb_patterns *p;

	cr_assert_eq(mb_patterns_alloc(&p, cs, neri_key), 0);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(mb_patterns_add(p, pats[i], (int) i + 10), 0,
		    "%s", pats[i]);
	}
	return (p);
}

Test(membership_pattern, literal_matches_ignoring_case)
{
	static const char *const pats[] = { "joined" };
	mb_patterns             *p      = patterns(0, pats, 1);
	ptext                    x;
	mb_hit                   h;

	ptext_init(&x, "Chile JOINED APEC");
	cr_assert(mb_patterns_starts(p, &x.t, 1));
	cr_assert(mb_patterns_match(p, &x.t, 1, x.t.n, &h));
	cr_expect_eq(h.ntok, 1);
	cr_expect_eq(h.value, 10);
	cr_expect_not(mb_patterns_match(p, &x.t, 0, x.t.n, &h));
	mb_patterns_free(p);
}

Test(membership_pattern, alternatives_and_longest_match_win)
{
	static const char *const pats[]
	    = { "applied|apply", "applied to join" };
	mb_patterns *p = patterns(0, pats, 2);
	ptext        x;
	mb_hit       h;

	ptext_init(&x, "Chile applied to join APEC");
	cr_assert(mb_patterns_match(p, &x.t, 1, x.t.n, &h));
	cr_expect_eq(h.ntok, 3);
	cr_expect_eq(h.value, 11);
	/* the limit cuts the longer one */
	cr_assert(mb_patterns_match(p, &x.t, 1, 3, &h));
	cr_expect_eq(h.value, 10);
	mb_patterns_free(p);
}

Test(membership_pattern, gap_reports_its_tokens)
{
	static const char *const pats[] = { "invite *4 to join" };
	mb_patterns             *p      = patterns(0, pats, 1);
	ptext                    x;
	mb_hit                   h;

	ptext_init(&x, "They invite Chile and Peru to join");
	cr_assert(mb_patterns_match(p, &x.t, 1, x.t.n, &h));
	cr_expect_eq(h.ntok, 6);
	cr_expect_eq(h.gap_start, 2);
	cr_expect_eq(h.gap_end, 5);
	cr_expect_eq(h.gaps, 0xeull); /* tokens 2..4, counted from token 1 */
	ptext_init(&x, "They invite Chile , Peru , Bolivia to join");
	cr_expect_not(mb_patterns_match(p, &x.t, 1, x.t.n, &h));
	mb_patterns_free(p);
}

Test(membership_pattern, case_sensitive_set_tells_au_from_au)
{
	static const char *const pats[] = { "AU", "African Union" };
	mb_patterns             *p      = patterns(1, pats, 2);
	ptext                    x;
	mb_hit                   h;

	ptext_init(&x, "AU au African Union african union");
	cr_expect(mb_patterns_match(p, &x.t, 0, x.t.n, &h));
	cr_expect_not(mb_patterns_match(p, &x.t, 1, x.t.n, &h));
	cr_expect(mb_patterns_match(p, &x.t, 2, x.t.n, &h));
	cr_expect_eq(h.ntok, 2);
	cr_expect_not(mb_patterns_match(p, &x.t, 4, x.t.n, &h));
	mb_patterns_free(p);
}

Test(membership_pattern, curly_apostrophe_matches_straight)
{
	static const char *const pats[] = { "bloc 's" };
	mb_patterns             *p      = patterns(0, pats, 1);
	ptext                    x;
	mb_hit                   h;

	ptext_init(&x, "the bloc\xE2\x80\x99s chair");
	cr_expect(mb_patterns_match(p, &x.t, 1, x.t.n, &h));
	cr_expect_neq(mb_hash_raw("AU", 2), mb_hash_raw("au", 2));
	mb_patterns_free(p);
}

Test(membership_pattern, malformed_patterns_are_refused)
{
	mb_patterns *p;

	cr_assert_eq(mb_patterns_alloc(&p, 0, neri_key), 0);
	cr_expect_eq(mb_patterns_add(p, "", 1), NERP_EINVAL);
	cr_expect_eq(mb_patterns_add(p, "*3 join", 1), NERP_EINVAL);
	cr_expect_eq(mb_patterns_add(p, "a||b", 1), NERP_EINVAL);
	cr_expect_eq(mb_patterns_add(p, "join *99 x", 1), NERP_EINVAL);
	mb_patterns_free(p);
}

Test(membership_pattern, a_gap_is_a_star_and_digits_only)
{
	mb_patterns *p;

	cr_assert_eq(mb_patterns_alloc(&p, 0, neri_key), 0);
	/* read as "*3" before, the rest dropped unseen */
	cr_expect_eq(mb_patterns_add(p, "join *3x bloc", 1), NERP_EINVAL);
	cr_expect_eq(mb_patterns_add(p, "join *3 bloc", 1), 0);
	mb_patterns_free(p);
}

Test(membership_pattern, alternatives_and_words_past_16_bits_are_refused)
{
	mb_patterns *p;
	size_t       n   = 70000;
	char        *pat = malloc(n * 2 + 1);

	/* the count wrapped at 65536: the element kept a few of them */
	cr_assert_not_null(pat);
	for (size_t i = 0; i < n; i++) {
		memcpy(pat + i * 2, "a|", 2);
	}
	pat[n * 2 - 1] = '\0';
	cr_assert_eq(mb_patterns_alloc(&p, 0, neri_key), 0);
	cr_expect_eq(mb_patterns_add(p, pat, 1), NERP_EINVAL);
	/* a word's length wrapped too (membership keeps one-word cues'
	 * lengths in 16 bits) */
	memset(pat, 'a', n);
	pat[n] = '\0';
	cr_expect_eq(mb_patterns_add(p, pat, 1), NERP_EINVAL);
	mb_patterns_free(p);
	free(pat);
}

Test(membership_pattern, tok_is_and_tok_at)
{
	ptext x;

	ptext_init(&x, "Chile Joined APEC");
	cr_expect(mb_tok_is(&x.t, 1, "joined"));
	cr_expect_not(mb_tok_is(&x.t, 1, "join"));
	cr_expect_not(mb_tok_is(&x.t, 9, "joined"));
	cr_expect_eq(mb_tok_at(&x.t, 0), 0);
	cr_expect_eq(mb_tok_at(&x.t, 7), 1);
	cr_expect_eq(mb_tok_at(&x.t, 100), 3);
}

Test(membership_pattern, tok_near_finds_what_tok_at_finds_from_any_hint)
{
	ptext x;

	ptext_init(&x,
	    "Chile, Peru and Mexico joined the Pacific Alliance "
	    "in 2011, the ministers said.");
	for (uint32_t off = 0; off < x.t.len + 3; off++) {
		for (size_t hint = 0; hint < x.t.n + 3; hint++) {
			cr_expect_eq(mb_tok_near(&x.t, off, hint),
			    mb_tok_at(&x.t, off), "offset %u hint %zu", off,
			    hint);
		}
	}
}

Test(membership_pattern, tok_from_finds_what_tok_at_finds_from_a_span_start)
{
	ptext x;

	ptext_init(&x, "The Pacific Alliance, in 2011.");
	for (uint32_t start = 0; start < x.t.len + 3; start++) {
		size_t first = mb_tok_at(&x.t, start);

		for (uint32_t off = start; off < x.t.len + 3; off++) {
			cr_expect_eq(mb_tok_from(&x.t, off, first),
			    mb_tok_at(&x.t, off), "start %u offset %u", start,
			    off);
		}
	}
	cr_expect_eq(mb_tok_from(&x.t, 0, 0), 0);
	cr_expect_eq(mb_tok_from(&x.t, 14, 0), mb_tok_at(&x.t, 14));
}

Test(membership_pattern, status_names_round_trip)
{
	for (int s = 0; s < MB_NSTATUS; s++) {
		cr_expect_eq(mb_status_parse(mb_status_name(s)), s);
	}
	cr_expect_str_eq(
	    mb_status_name(MB_FOUNDING_MEMBER), "founding_member");
	cr_expect_eq(mb_status_parse("president"), -1);
	cr_expect_str_eq(mb_status_name(99), "");
}

TestSuite(membership_words, .init = mt_load, .fini = mt_unload);

static void
doc_init(mb_doc *d, ptext *x, const char *text)
{
	ptext_init(x, text);
	memset(d, 0, sizeof(*d));
	d->lex   = mt_lex;
	d->arena = &mt_arena;
	d->t     = x->t;
	cr_assert_eq(mb_words_scan(d), 0);
}

Test(membership_words, flags_sentences_clauses_and_scopes)
{
	ptext  x;
	mb_doc d;
	size_t cs, ce;

	/* 0 Chile 1 joined 2 APEC 3 but 4 Peru 5 , 6 which 7 said 8 no 9 .
	 * 10 Bolivia 11 left 12 . */
	doc_init(&d, &x,
	    "Chile joined APEC but Peru, which said no. Bolivia "
	    "left.");
	cr_expect_eq(d.nsent, 2);
	cr_expect_eq(d.sent[10], 1);
	cr_expect(d.flags[3] & MB_W_CLAUSE);
	cr_expect(d.flags[5] & MB_W_SCOPE);
	cr_expect(d.flags[7] & MB_W_REPORT);
	cr_expect(d.flags[8] & MB_B_BEFORE);
	mb_clause(&d, 1, &cs, &ce);
	cr_expect_eq(cs, 0);
	cr_expect_eq(ce, 3);
	mb_clause(&d, 4, &cs, &ce);
	cr_expect_eq(cs, 4);
	cr_expect_eq(ce, 10);
	/* scopes: after the relative pronoun, after the reporting verb */
	{
		mb_clauses w = { .at = SIZE_MAX };

		mb_clauses_at(&d, &w, 6);
		cr_expect_eq(w.scope, 6);
		cr_expect_eq(w.before, 0);
		mb_clauses_at(&d, &w, 9);
		cr_expect_eq(w.scope, 8);
		cr_expect_eq(w.before, 9, "\"no\" blocks what follows it");
	}
}

Test(membership_words, clauses_in_text_order_match_one_at_a_time)
{
	ptext  x;
	mb_doc d;

	/* boundaries of every kind, a long clause, two sentences */
	doc_init(&d, &x,
	    "Chile joined APEC but Peru, which said no, never left and "
	    "Bolivia, Ecuador and Colombia joined it; the former chair "
	    "left. Chile said Peru would join and Bolivia joined.");
	for (size_t step = 1; step <= 3; step++) {
		mb_clauses w = { .at = SIZE_MAX };

		for (size_t i = 0; i < d.t.n; i += step) {
			size_t   cs, ce, scope;
			unsigned in_scope = 0;

			mb_clauses_at(&d, &w, i);
			mb_clause(&d, i, &cs, &ce);
			/* the scope as a walk back from i finds it */
			for (scope = i; scope > cs; scope--) {
				if (d.flags[scope - 1]
				    & (MB_W_SCOPE | MB_W_REPORT)) {
					break;
				}
			}
			cr_assert(w.cs == cs && w.ce == ce && w.scope == scope,
			    "token %zu (every %zu): clause [%zu, %zu) scope "
			    "%zu, want [%zu, %zu) %zu",
			    i, step, w.cs, w.ce, w.scope, cs, ce, scope);
			for (size_t k = scope; k < i; k++) {
				in_scope |= d.flags[k];
			}
			cr_assert((w.before > w.scope)
			            == ((in_scope & MB_B_BEFORE) != 0)
			        && (w.past_chair > w.scope)
			            == ((in_scope & MB_B_PAST_CHAIR) != 0),
			    "token %zu (every %zu): blocking words differ", i,
			    step);
		}
	}
}

static void
count_hash(void *arg, uint32_t hash, const char *lit)
{
	cr_expect_eq(hash, mb_key32(neri_key(lit, strlen(lit))));
	(*(int *) arg)++;
}

typedef struct first_seen {
	int singles, total;
} first_seen;

static void
count_first(void *arg, uint32_t hash, const char *lit, int value, int single)
{
	first_seen *f = arg;

	(void) hash;
	(void) value;
	cr_expect_not_null(lit);
	f->singles += single;
	f->total++;
}

Test(membership_pattern, firsts_heads_and_literals_enumerate_the_set)
{
	static const char *const pats[]
	    = { "joined", "handed *8 presidency to", "is|are *3 !member" };
	mb_patterns *p     = patterns(0, pats, 3);
	first_seen   f     = { 0 };
	int          heads = 0, lits = 0;

	mb_patterns_firsts(p, count_first, &f);
	cr_expect_eq(f.total, 4); /* joined, handed, is, are */
	cr_expect_eq(f.singles, 1);
	mb_patterns_heads(p, count_hash, &heads);
	cr_expect_eq(heads, 3); /* joined, presidency, member */
	mb_patterns_literals(p, count_hash, &lits);
	cr_expect_eq(lits, 7);
	mb_patterns_free(p);
}

Test(membership_pattern, tok_equals_compares_folded_text)
{
	ptext x;

	ptext_init(&x, "The bloc\xE2\x80\x99s chair");
	cr_expect(mb_tok_equals(&x.t, 0, "the"));
	cr_expect(mb_tok_equals(&x.t, 2, "'s"));
	cr_expect_not(mb_tok_equals(&x.t, 1, "blocs"));
}

Test(membership_words, next_active_skips_sentences_without_the_bits)
{
	mb_doc d;
	ptext  x;

	doc_init(&d, &x, "It rained. Chile joined APEC. The end.");
	cr_assert_eq(d.nsent, 3);
	cr_assert_eq(d.sstart[1], 3);
	cr_assert_eq(d.sstart[2], 7);
	/* the cue sentence (near itself), the one before it near, the last
	 * one neither */
	cr_expect_eq(mb_next_active(&d, 0, MB_ACT_CUE), 3);
	cr_expect_eq(mb_next_active(&d, 4, MB_ACT_CUE), 4);
	cr_expect_eq(mb_next_active(&d, 0, ~0u), 0);
	cr_expect_eq(mb_next_active(&d, 1, MB_ACT_NEAR), 1);
	cr_expect_eq(mb_next_active(&d, 3, MB_ACT_NEAR), 3);
	cr_expect_eq(mb_next_active(&d, 7, MB_ACT_CUE), d.t.n);
	cr_expect_eq(mb_next_active(&d, 7, ~0u), d.t.n);
	cr_expect_eq(mb_next_active(&d, d.t.n + 5, ~0u), d.t.n);
}

Test(membership_words, lexicon_first_knows_cue_heads_and_function_words)
{
	const char     *lit = NULL;
	const mb_first *f;

	f = mb_lexicon_first(mt_lex, mb_key32(neri_key("joined", 6)), &lit);
	cr_assert_not_null(f);
	cr_expect(f->bits & MB_S_CUE);
	cr_expect(f->bits & MB_S_CUEHEAD);
	f = mb_lexicon_first(mt_lex, mb_key32(neri_key("But", 3)), &lit);
	cr_assert_not_null(f);
	cr_expect(f->flags & MB_W_CLAUSE);
	cr_expect_str_eq(lit, "but");
	f = mb_lexicon_first(mt_lex, mb_key32(neri_key("Bolivia", 7)), &lit);
	cr_assert_not_null(f);
	cr_expect(f->bits & MB_S_COUNTRY);
	cr_expect_null(
	    mb_lexicon_first(mt_lex, mb_key32(neri_key("zzqx", 4)), &lit));
}

Test(membership_pattern, span_counts_each_gap_at_its_longest)
{
	static const char *const pats[]
	    = { "joined", "handed *8 presidency to", "is|are *3 !member" };
	mb_patterns *p = patterns(0, pats, 3);

	/* handed + 8 + presidency + to */
	cr_expect_eq(mb_patterns_span(p), 11);
	mb_patterns_free(p);
	p = patterns(0, pats, 1);
	cr_expect_eq(mb_patterns_span(p), 1);
	mb_patterns_free(p);
}

Test(membership_pattern, tok_ascii_tells_plain_tokens_of_any_length)
{
	ptext x;

	/* 0 Chile 1 Côte 2 d’Ivoire 3 Mozambique-Tanzania 4 ok */
	ptext_init(&x,
	    "Chile C\xC3\xB4te d\xE2\x80\x99Ivoire "
	    "Mozambique-Tanzania ok");
	cr_assert_eq(x.t.n, 5);
	cr_expect(mb_tok_ascii(&x.t, 0));
	cr_expect_not(mb_tok_ascii(&x.t, 1));
	cr_expect_not(mb_tok_ascii(&x.t, 2));
	cr_expect(mb_tok_ascii(&x.t, 3)); /* longer than one load */
	cr_expect(mb_tok_ascii(&x.t, 4)); /* the last bytes of the text */
}

Test(membership_pattern, key32_is_the_hash_patterns_index_by)
{
	static const char *const pats[] = { "joined" };
	mb_patterns             *p      = patterns(0, pats, 1);
	ptext                    x;

	ptext_init(&x, "JOINED");
	cr_expect_eq(mb_key32(x.t.keys[0]),
	    mb_key32(neri_key("joined", strlen("joined"))));
	cr_expect_eq(mb_key32(0x1234567800000009ull), 9u);
	cr_expect(mb_patterns_starts(p, &x.t, 0));
	mb_patterns_free(p);
}

Test(membership_pattern, diacritics_share_a_key_but_do_not_match)
{
	static const char *const pats[] = { "joined" };
	mb_patterns             *p      = patterns(0, pats, 1);
	ptext                    x;
	mb_hit                   h;

	/* "jóined" folds to "joined" for the key, not for the pattern */
	ptext_init(&x, "j\xC3\xB3ined");
	cr_expect_eq(x.t.keys[0], neri_key("joined", 6));
	cr_expect_not(mb_patterns_match(p, &x.t, 0, x.t.n, &h));
	mb_patterns_free(p);
}

Test(membership_words, lexicon_exact_needs_the_pattern_folding)
{
	ptext x;

	/* 0 joined 1 JOINED 2 jóined 3 bloc 4 ’s */
	ptext_init(&x, "joined JOINED j\xC3\xB3ined bloc\xE2\x80\x99s");
	cr_assert_eq(x.t.n, 5);
	cr_expect(mb_lexicon_exact(&x.t, 0, "joined"));
	cr_expect(mb_lexicon_exact(&x.t, 1, "joined"));
	cr_expect_not(mb_lexicon_exact(&x.t, 2, "joined"));
	cr_expect_not(mb_lexicon_exact(&x.t, 2, NULL));
	cr_expect(mb_lexicon_exact(&x.t, 4, "'s"));
}

Test(membership_words, word_flags_after_the_last_cue_come_from_the_lexicon)
{
	mb_doc d;
	ptext  x;

	/* 0 Chile 1 joined 2 APEC 3 . | 4 Peru 5 and 6 Bolivia 7 met */
	doc_init(&d, &x, "Chile joined APEC. Peru and Bolivia met.");
	cr_assert_eq(d.nsent, 2);
	cr_assert_eq(d.active[1], 0);
	cr_expect_eq(d.flags[5], 0); /* not scanned */
	cr_expect(mb_word_flags(&d, 5) & MB_W_SEP);
	cr_expect_eq(mb_word_flags(&d, 4), 0);
	cr_expect_eq(mb_word_flags(&d, 3), d.flags[3]);
	cr_expect(mb_word_flags(&d, 3) & MB_W_ELLIPSIS);
}

Test(membership_words, sentences_scan_then_words_fill_make_words_scan)
{
	const char *text = "It rained. Chile and Peru joined APEC, which "
	                   "grew. The end came.";
	mb_doc      a, b;
	ptext       x, y;

	doc_init(&a, &x, text);
	ptext_init(&y, text);
	memset(&b, 0, sizeof(b));
	b.lex   = mt_lex;
	b.arena = &mt_arena;
	b.t     = y.t;
	cr_assert_eq(mb_sentences_scan(&b), 0);
	cr_assert_eq(b.nsent, 3);
	cr_expect_eq(b.active[1], MB_ACT_CUE | MB_ACT_NEAR);
	cr_expect_eq(b.active[0], MB_ACT_NEAR);
	cr_expect_eq(b.active[2], 0);
	/* the first pass finds the cue head ("joined") and counts the
	 * tokens of the two sentences; their words wait for
	 * mb_words_fill */
	cr_assert_eq(b.nheads, 1);
	cr_expect_eq(b.heads[0], 6);
	cr_expect_eq(b.nact, 12);
	cr_expect_eq(b.ncand[MB_C_COUNTRY], 0);
	cr_assert_eq(mb_words_fill(&b), 0);
	cr_expect(b.starts[6] & MB_S_CUEHEAD);
	for (size_t i = 0; i < x.t.n; i++) {
		cr_expect_eq(a.starts[i], b.starts[i], "token %zu", i);
		cr_expect_eq(a.flags[i], b.flags[i], "token %zu", i);
		cr_expect_eq(a.sent[i], b.sent[i], "token %zu", i);
	}
	for (int c = 0; c < MB_NCAND; c++) {
		cr_assert_eq(a.ncand[c], b.ncand[c]);
		for (size_t k = 0; k < a.ncand[c]; k++) {
			cr_expect_eq(a.cand[c][k], b.cand[c][k]);
		}
	}
	/* 3 Chile 4 and 5 Peru 6 joined 7 APEC 8 , 9 which: "and" a
	 * separator, ", which" a scope */
	cr_expect(b.flags[4] & MB_W_SEP);
	cr_expect(b.flags[8] & MB_W_SCOPE);
	cr_expect(b.flags[9] & MB_W_SCOPE);
	cr_expect_eq(b.ncand[MB_C_COUNTRY], 2);
}

typedef struct seconds_seen {
	int      n;
	uint64_t join_next, handed_next;
} seconds_seen;

static void
count_second(void *arg, uint32_t hash, uint64_t next)
{
	seconds_seen *s = arg;

	s->n++;
	if (hash == mb_key32(neri_key("join", 4))) {
		s->join_next |= next;
	}
	if (hash == mb_key32(neri_key("handed", 6))) {
		s->handed_next |= next;
	}
}

Test(membership_pattern, seconds_give_the_bloom_of_the_second_element)
{
	static const char *const pats[]
	    = { "joined", "join|joins the|a", "handed *8 presidency" };
	mb_patterns *p   = patterns(0, pats, 3);
	seconds_seen s   = { 0 };
	uint64_t     the = 1ull << (mb_key32(neri_key("the", 3)) & 63);
	uint64_t     a   = 1ull << (mb_key32(neri_key("a", 1)) & 63);

	mb_patterns_seconds(p, count_second, &s);
	cr_expect_eq(s.n, 3); /* join, joins, handed; not "joined" alone */
	cr_expect_eq(s.join_next, the | a);
	cr_expect_eq(s.handed_next, ~0ull); /* a gap: anything may follow */
	mb_patterns_free(p);
}

typedef struct reach_seen {
	int    n;
	size_t member, join, joined;
} reach_seen;

static void
note_reach(void *arg, uint32_t hash, size_t reach)
{
	reach_seen *r = arg;

	r->n++;
	if (hash == mb_key32(neri_key("member", 6))) {
		r->member = reach;
	}
	if (hash == mb_key32(neri_key("join", 4))) {
		r->join = reach;
	}
	if (hash == mb_key32(neri_key("joined", 6))) {
		r->joined = reach;
	}
}

Test(membership_pattern, heads_reach_counts_the_tokens_before_the_head)
{
	static const char *const pats[]
	    = { "joined", "is|are *4 member|members of",
		      "last|first country to !join *6 was" };
	mb_patterns *p = patterns(0, pats, 3);
	reach_seen   r = { 0 };

	mb_patterns_heads_reach(p, note_reach, &r);
	cr_expect_eq(r.n, 4); /* joined, member, members, join */
	cr_expect_eq(r.joined, 0);
	cr_expect_eq(r.member, 5); /* "is" and a gap of up to four */
	cr_expect_eq(r.join, 3);   /* the "!" element, not "country" */
	mb_patterns_free(p);
}

Test(membership_words, heads_scan_finds_heads_and_their_ends_alone)
{
	/* 0 It 1 rained 2 . | 3 Chile 4 and 5 Peru 6 joined 7 APEC 8 ,
	 * 9 which 10 grew 11 . | 12 The 13 end 14 came 15 . */
	const char *text = "It rained. Chile and Peru joined APEC, which "
	                   "grew. The end came.";
	mb_doc      a, b;
	ptext       x, y;

	doc_init(&a, &x, text);
	ptext_init(&y, text);
	memset(&b, 0, sizeof(b));
	b.lex   = mt_lex;
	b.arena = &mt_arena;
	b.t     = y.t;
	cr_assert_eq(mb_heads_scan(&b), 0);
	cr_expect_eq(b.nsent, 0); /* the sentences wait */
	cr_assert_eq(b.nheads, 1);
	cr_expect_eq(b.heads[0], 6);
	cr_expect_eq(b.hend[0], 12); /* "The" starts the next sentence */
	cr_expect(mb_sent_start(y.t.toks, 0));
	cr_expect(mb_sent_start(y.t.toks, 12));
	cr_expect_not(mb_sent_start(y.t.toks, 6));
	/* mb_words_fill then does what mb_words_scan does */
	cr_assert_eq(mb_words_fill(&b), 0);
	cr_assert_eq(b.nsent, a.nsent);
	cr_expect_eq(b.nact, a.nact);
	for (uint32_t s = 0; s <= a.nsent; s++) {
		cr_expect_eq(b.sstart[s], a.sstart[s]);
	}
	for (uint32_t s = 0; s < a.nsent; s++) {
		cr_expect_eq(b.active[s], a.active[s]);
	}
	for (size_t i = 0; i < x.t.n; i++) {
		cr_expect_eq(a.starts[i], b.starts[i], "token %zu", i);
		cr_expect_eq(a.flags[i], b.flags[i], "token %zu", i);
		cr_expect_eq(a.sent[i], b.sent[i], "token %zu", i);
	}
}
